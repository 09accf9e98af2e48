"""Widget of the earned value lesson: step through a project's monthly status and forecast."""

from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd

from .. import datasets, evm
from ._base import Dashboard, View

__all__ = ["evm_status"]

#: Forecast methods of the dashboard: label -> key.
FORECASTS = {
    "typical: remaining work at the current CPI": "typical",
    "atypical: remaining work at budget rate (factor 1.0)": "atypical",
    "composite: remaining work at CPI x SPI": "composite",
    "custom: remaining work at the CPI set by the slider": "custom",
}


def _default_history() -> pd.DataFrame:
    hist = pd.concat([datasets.load("completed_status_periods"), datasets.load("status_periods")],
                     ignore_index=True)
    return hist


def evm_status(data=None, *, project: str | None = None, bands: evm.HealthBands | None = None) -> Dashboard:
    """Step through a project's status month by month: S-curve, indices, forecast and verdict.

    Controls: ``project`` (dropdown), ``month`` (status-month slider over the reported months),
    ``forecast`` (how the remaining work will perform: typical, atypical, composite or custom)
    and ``remaining_cpi`` (the cost efficiency of the remaining work for the custom forecast).
    The text gives PV, EV, AC, the variances and indices, earned schedule, the chosen EAC and
    the plain-language :func:`pmlib.evm.verdict`; the chart is the S-curve with the forecast
    and the index trend; the table compares the four PMI EAC forms.

    Parameters
    ----------
    data : DataFrame, optional
        Status periods (``project_id`` or ``project``, ``period``, ``pv``, ``ev``, ``ac``;
        optional ``date``). Default: P25's completed history and every in-flight project
        (``completed_status_periods`` + ``status_periods``).
    project : str, optional
        The project shown first (default: the first one, P25 with the bundled data).
    bands : HealthBands, optional
        Health thresholds (default :data:`pmlib.evm.DEFAULT_BANDS`).

    Examples
    --------
    >>> d = evm_status(project="P17")
    >>> d.controls["month"].value = 12
    >>> d.summary.splitlines()[0]
    'P17: ERP upgrade | status at month 12 (May 2026) of 22 in the data; planned duration 22 months'
    """
    import matplotlib.pyplot as plt

    from ..plots.evm import evm_s_curve, performance_trend

    raw = _default_history() if data is None else data
    table = evm.time_phased(raw, bands=bands)
    pcol = next((c for c in ("project_id", "project") if c in table.columns), None)
    if pcol is None:
        table = table.assign(project_id="project")
        pcol = "project_id"
    ids = list(dict.fromkeys(table[pcol]))
    names = {}
    if data is None:
        names = datasets.load("projects").set_index("id")["name"].to_dict()
    first = ids[0] if project is None else project
    if first not in ids:
        raise ValueError(f"project {first!r} is not in data; projects found: {', '.join(map(str, ids))}.")

    def reported_months(pid):
        rows = table[(table[pcol] == pid) & table["reported"]]
        return int(rows["period"].min()), int(rows["period"].max())

    lo, hi = reported_months(first)
    options = [(f"{p}: {names[p]}" if p in names else str(p), p) for p in ids]
    controls = {
        "project": W.Dropdown(options=options, value=first, description="Project",
                              layout=W.Layout(width="380px"), style={"description_width": "60px"}),
        "month": W.IntSlider(value=hi, min=lo, max=hi, step=1, description="Status month",
                             continuous_update=False, style={"description_width": "95px"},
                             layout=W.Layout(width="380px")),
        "forecast": W.Dropdown(options=list(FORECASTS.items()), value="typical", description="Forecast",
                               layout=W.Layout(width="380px"), style={"description_width": "60px"}),
        "remaining_cpi": W.FloatSlider(value=1.0, min=0.5, max=1.3, step=0.01, description="Remaining CPI",
                                       continuous_update=False, readout_format=".2f",
                                       style={"description_width": "95px"}, layout=W.Layout(width="380px")),
    }

    def render(project, month, forecast, remaining_cpi):
        rows = table[table[pcol] == project].sort_values("period")
        rep = rows[rows["reported"]]
        month = int(min(max(month, rep["period"].min()), rep["period"].max()))  # while the slider catches up
        r = rep[rep["period"] == month].iloc[0]
        factor = {"typical": r["cpi"], "atypical": 1.0, "composite": r["cpi"] * r["spi"],
                  "custom": remaining_cpi}[forecast]
        eac = evm.eac_with_factor(ev=r["ev"], ac=r["ac"], bac=r["bac"], factor=factor)
        vac = r["bac"] - eac
        when = f" ({pd.Timestamp(r['date']):%b %Y})" if "date" in r.index and pd.notna(r.get("date")) else ""
        label = dict((v, k) for k, v in options)[project]
        text = "\n".join([
            f"{label} | status at month {month}{when} of {int(rows['period'].max())} in the data; "
            f"planned duration {r['planned_duration']:.0f} months",
            f"PV {r['pv']:,.1f} k$   EV {r['ev']:,.1f} k$   AC {r['ac']:,.1f} k$   BAC {r['bac']:,.1f} k$   "
            f"({r['percent_complete']:.0%} complete, {r['percent_spent']:.0%} of the budget spent)",
            f"CV {r['cv']:+,.1f} k$   SV {r['sv']:+,.1f} k$   CPI {r['cpi']:.2f}   SPI {r['spi']:.2f}",
            f"Earned schedule ES {r['es']:.2f} months: SV(t) {r['sv_t']:+.2f} months, SPI(t) {r['spi_t']:.2f}, "
            f"forecast duration IEAC(t) {r['ieac_t']:.1f} months",
            f"Forecast ({forecast}, remaining work at CPI {factor:.2f}): EAC {eac:,.1f} k$, "
            f"ETC {eac - r['ac']:,.1f} k$, VAC {vac:+,.1f} k$   |   TCPI to finish on BAC "
            + ("n/a (work complete)" if pd.isna(r["tcpi"]) else f"{r['tcpi']:.2f}"),
            evm.verdict(r, bands=bands),
        ])
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 4.6), layout="constrained")
        evm_s_curve(rows, status_period=month, eac=eac, ax=ax1,
                    title=f"{project}: S-curve at month {month}, forecast EAC {eac:,.0f} k$")
        performance_trend(rows, status_period=month, bands=bands, ax=ax2,
                          title=f"{project}: performance indices up to month {month}")
        forms = pd.DataFrame({
            "EAC form": ["BAC / CPI (typical)", "AC + (BAC - EV) (atypical)",
                         "AC + (BAC - EV) / (CPI x SPI)", f"AC + (BAC - EV) / {factor:.2f} (shown)"],
            "EAC (k$)": [r["eac"], r["eac_atypical"], r["eac_cpi_spi"], eac],
        })
        forms["VAC (k$)"] = r["bac"] - forms["EAC (k$)"]
        table_html = forms.to_html(index=False, float_format=lambda v: f"{v:,.1f}", border=0)
        return View(text, fig, f"<div style='font-size:12px'>{html.unescape(table_html)}</div>")

    dash = Dashboard(controls, render, title="Earned value: is the project on track?", columns=2)

    def on_project(change):
        lo, hi = reported_months(change["new"])
        month = dash.controls["month"]
        with month.hold_trait_notifications():
            month.min, month.max = lo, hi
        month.value = hi

    # registered after the dashboard's own observer: the slider range follows the project
    dash.controls["project"].observe(on_project, names="value")
    return dash
