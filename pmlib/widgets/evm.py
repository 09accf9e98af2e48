"""Widget of the earned value lesson: step through a project's monthly status and forecast."""

from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .. import datasets, evm
from .._validate import require_known_ids
from ._base import Dashboard, View
from ._figure import lean_axes, reuse_axes

__all__ = ["evm_status"]

#: Forecast methods of the dashboard: label -> key.
FORECASTS = {
    "typical: remaining work at the current CPI": "typical",
    "atypical: remaining work at budget rate (factor 1.0)": "atypical",
    "composite: remaining work at CPI x SPI": "composite",
    "custom: remaining work at the CPI set by the slider": "custom",
}


def evm_status(data=None, *, project: str | None = None, bands: evm.HealthBands | None = None) -> Dashboard:
    """Step through a project's status month by month: S-curve, indices, forecast and verdict.

    Controls: ``project`` (dropdown), ``month`` (status-month slider over the reported months),
    ``forecast`` (how the remaining work will perform: typical, atypical, composite or custom)
    and ``remaining_cpi`` (the cost efficiency of the remaining work for the custom forecast).
    The text gives PV, EV, AC, the variances and indices, earned schedule with SPI(t) and TSPI,
    the chosen EAC, the TCPI against the CPI and the plain-language :func:`pmlib.evm.verdict`;
    the chart is the S-curve with the forecast; the table compares the PMI EAC forms.

    Parameters
    ----------
    data : DataFrame, optional
        Status periods (``project_id`` or ``project``, ``period``, ``pv``, ``ev``, ``ac``; optional
        ``date``). Default: every completed and in-flight project of the course data
        (``completed_status_periods`` + ``status_periods``).
    project : str, optional
        The project shown first (default: the first one in the data). An unknown id is an error.
    bands : HealthBands, optional
        Health thresholds (default :data:`pmlib.evm.DEFAULT_BANDS`).

    Examples
    --------
    >>> d = evm_status(project="P17")
    >>> d.controls["month"].value = 12
    >>> d.summary.splitlines()[0]
    'P17: ERP upgrade | status at month 12 (May 2026) of 22 in the data; planned duration 22 months'
    """
    from ..plots.evm import evm_s_curve

    raw = (pd.concat([datasets.load("completed_status_periods"), datasets.load("status_periods")],
                     ignore_index=True) if data is None else data)
    table = evm.time_phased(raw, bands=bands)
    pcol = next((c for c in ("project_id", "project") if c in table.columns), None)
    if pcol is None:
        table, pcol = table.assign(project_id="project"), "project_id"
    ids = list(dict.fromkeys(table[pcol]))
    names = datasets.load("projects").set_index("id")["name"].to_dict() if data is None else {}
    first = ids[0] if project is None else project
    require_known_ids([first], ids, "project", what="project")
    by_project = {p: rows.sort_values("period") for p, rows in table.groupby(pcol, sort=False)}
    labels = {p: f"{p}: {names[p]}" if p in names else str(p) for p in ids}

    def reported_months(pid):
        rep = by_project[pid]["period"][by_project[pid]["reported"]]
        return int(rep.min()), int(rep.max())

    lo, hi = reported_months(first)
    style, wide = {"description_width": "100px"}, W.Layout(width="400px")
    controls = {
        "project": W.Dropdown(options=[(labels[p], p) for p in ids], value=first, description="Project",
                              layout=wide, style=style),
        "month": W.IntSlider(value=hi, min=lo, max=hi, step=1, description="Status month", continuous_update=False,
                             style=style, layout=wide),
        "forecast": W.Dropdown(options=list(FORECASTS.items()), value="typical", description="Forecast",
                               layout=wide, style=style),
        "remaining_cpi": W.FloatSlider(value=1.0, min=0.5, max=1.3, step=0.01, description="Remaining CPI",
                                       continuous_update=False, readout_format=".2f", style=style, layout=wide),
    }
    fig, ax = lean_axes(8.4, 3.9, left=0.1, right=0.98, bottom=0.14, top=0.9)

    def render(project, month, forecast, remaining_cpi):
        rows = by_project[project]
        rep = rows[rows["reported"]]
        month = int(min(max(month, rep["period"].min()), rep["period"].max()))  # while the slider catches up
        r = rep[rep["period"] == month].iloc[0]
        factor = {"typical": r["cpi"], "atypical": 1.0, "composite": r["cpi"] * r["spi"],
                  "custom": remaining_cpi}[forecast]
        eac = evm.eac_with_factor(ev=r["ev"], ac=r["ac"], bac=r["bac"], factor=factor)
        when = f" ({pd.Timestamp(r['date']):%b %Y})" if "date" in r.index and pd.notna(r.get("date")) else ""
        tspi = ("n/a (all the planned schedule earned)" if pd.isna(r["tspi"]) else
                "no time left (at the planned finish)" if r["tspi"] == float("inf") else
                f"{r['tspi']:.2f} (past the planned finish)" if r["tspi"] < 0 else f"{r['tspi']:.2f}")
        tcpi = ("n/a (work complete)" if pd.isna(r["tcpi"]) else
                f"{r['tcpi']:.2f} against a CPI of {r['cpi']:.2f} so far")
        text = "\n".join([
            f"{labels[project]} | status at month {month}{when} of {int(rows['period'].max())} in the data; "
            f"planned duration {r['planned_duration']:.0f} months",
            f"PV {r['pv']:,.1f} k$   EV {r['ev']:,.1f} k$   AC {r['ac']:,.1f} k$   BAC {r['bac']:,.1f} k$   "
            f"({r['percent_complete']:.0%} complete, {r['percent_spent']:.0%} of the budget spent)",
            f"CV {r['cv']:+,.1f} k$   SV {r['sv']:+,.1f} k$   CPI {r['cpi']:.2f}   SPI {r['spi']:.2f}",
            f"Earned schedule ES {r['es']:.2f} months: SV(t) {r['sv_t']:+.2f} months, SPI(t) {r['spi_t']:.2f}, "
            f"forecast duration IEAC(t) {r['ieac_t']:.1f} months, TSPI {tspi}",
            f"Forecast ({forecast}, remaining work at CPI {factor:.2f}): EAC {eac:,.1f} k$, "
            f"ETC {eac - r['ac']:,.1f} k$, VAC {r['bac'] - eac:+,.1f} k$   |   TCPI to finish on BAC {tcpi}",
            evm.verdict(r, bands=bands),
        ])
        reuse_axes(ax)
        evm_s_curve(rows, status_period=month, eac=eac, ax=ax,
                    title=f"{project}: S-curve at month {month}, forecast EAC {eac:,.0f} k$")
        ax.xaxis.set_major_locator(MaxNLocator(7, integer=True))  # fewer tick labels: text is most of a redraw
        ax.yaxis.set_major_locator(MaxNLocator(5))
        forms = pd.DataFrame({
            "EAC form": ["BAC / CPI (typical)", "AC + (BAC - EV) (atypical)", "AC + (BAC - EV) / (CPI x SPI)",
                         f"AC + (BAC - EV) / {factor:.2f} (shown)"],
            "EAC (k$)": [r["eac"], r["eac_atypical"], r["eac_cpi_spi"], eac],
        })
        forms["VAC (k$)"] = r["bac"] - forms["EAC (k$)"]
        table_html = forms.to_html(index=False, float_format=lambda v: f"{v:,.1f}", border=0)
        return View(text, fig, f"<div style='font-size:12px'>{html.unescape(table_html)}</div>")

    def on_project(change):
        """A new project: move the month slider to its range quietly; the dashboard then redraws once."""
        lo, hi = reported_months(change["new"])
        month = controls["month"]
        with dash.hold(), month.hold_trait_notifications():
            month.min, month.max = min(lo, month.min), max(hi, month.max)
            month.value = hi
            month.min, month.max = lo, hi

    # registered before the dashboard's own observer: the slider is in range when it redraws
    controls["project"].observe(on_project, names="value")
    dash = Dashboard(controls, render, title="Earned value: is the project on track?", columns=2)
    return dash
