"""Earned value figures: S-curve with forecast, index trends, SV($) vs SV(t), CPI-SPI quadrant.

Every function takes ``data=`` (a status table as accepted by :func:`pmlib.evm.time_phased`,
or its result) and ``ax=``, draws, and returns the Axes.
"""

from __future__ import annotations

import math

import matplotlib.patches as mpatches
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from .. import evm
from ._style import format_axis_money, new_axes

__all__ = ["evm_s_curve", "performance_trend", "schedule_variance_trend", "cpi_spi_quadrant", "work_package_chart"]

PV_COLOUR, EV_COLOUR, AC_COLOUR, FORECAST_COLOUR = "#5b6f8f", "#1b7a3a", "#c0392b", "#8e44ad"
BAND_COLOURS = {"green": "#2e9d55", "amber": "#e6a11a", "red": "#c0392b", "n/a": "#999999"}


def _integer_x(ax):
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _phased(data, project=None):
    """The time-phased table of one project (computing it when ``data`` is a raw status table)."""
    table = data if isinstance(data, pd.DataFrame) and "spi_t" in data.columns else evm.time_phased(data)
    pcol = next((c for c in ("project", "project_id") if c in table.columns), None)
    if pcol is not None:
        ids = list(dict.fromkeys(table[pcol]))
        if project is None and len(ids) > 1:
            raise ValueError(
                f"data holds {len(ids)} projects ({', '.join(map(str, ids[:6]))}...): pick one with project=."
            )
        if project is not None:
            if project not in ids:
                raise ValueError(f"project {project!r} is not in data; projects found: {', '.join(map(str, ids))}.")
            table = table[table[pcol] == project]
    return table.sort_values("period")


def _status_row(table, status_period):
    rep = table[table["reported"]]
    if rep.empty:
        raise ValueError("the project has no reported period (ev and ac are empty): nothing to plot.")
    if status_period is None:
        return rep.iloc[-1]
    if status_period not in set(rep["period"]):
        raise ValueError(
            f"status_period {status_period!r} is not a reported period; reported: "
            f"{int(rep['period'].min())}..{int(rep['period'].max())}."
        )
    return rep[rep["period"] == status_period].iloc[0]


def evm_s_curve(data, *, project=None, status_period=None, forecast=True, eac=None, finish=None,
                title=None, ax=None):
    """The S-curve: cumulative PV (the baseline), EV and AC, with BAC and the EAC projection.

    Parameters
    ----------
    data : DataFrame
        Status periods of one project (or many, with ``project=``): period, pv, ev, ac.
    project : str, optional
        The project to draw when ``data`` holds several.
    status_period : int, optional
        Draw EV and AC up to this period (default: the last reported one), as at that date.
    forecast : bool
        Draw the projection from the status point to (forecast finish, EAC).
    eac, finish : float, optional
        Override the forecast end point: EAC in money (default BAC / CPI) and finish in periods
        (default IEAC(t) = PD / SPI(t)).
    title : str, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pmlib as pm
    >>> ax = evm_s_curve(pm.datasets.load("status_periods"), project="P06")
    >>> ax.get_title()
    'Earned value S-curve of P06, status at period 20'
    """
    table = _phased(data, project)
    row = _status_row(table, status_period)
    at = int(row["period"])
    ax = new_axes(ax)
    ax.plot(table["period"], table["pv"], color=PV_COLOUR, lw=2.2, label="PV: planned value (baseline)")
    done = table[table["reported"] & (table["period"] <= at)]
    ax.plot(done["period"], done["ev"], color=EV_COLOUR, lw=2.2, marker="o", ms=3.5, label="EV: earned value")
    ax.plot(done["period"], done["ac"], color=AC_COLOUR, lw=2.2, marker="s", ms=3.5, label="AC: actual cost")
    bac = float(row["bac"])
    ax.axhline(bac, color=PV_COLOUR, lw=1, ls=":", label=f"BAC {bac:,.0f}")
    planned = float(row["planned_duration"])
    ax.axvline(planned, color=PV_COLOUR, lw=1, ls="--", alpha=0.7, label=f"planned finish (period {planned:.0f})")
    ax.axvline(at, color="black", lw=0.8, alpha=0.5)
    right = float(table["period"].max())
    if forecast:
        end_cost = float(row["eac"]) if eac is None else float(eac)
        end_time = float(row["ieac_t"]) if finish is None else float(finish)
        if math.isfinite(end_cost) and math.isfinite(end_time) and end_time > at:
            ax.plot([at, end_time], [row["ac"], end_cost], color=FORECAST_COLOUR, ls="--", lw=1.8,
                    label=f"forecast: EAC {end_cost:,.0f} at period {end_time:.1f}")
            ax.plot([end_time], [end_cost], marker="D", color=FORECAST_COLOUR)
            right = max(right, end_time)
    # the label on the side of the status line with room: at the last period it would run off the figure
    left_of_line = at > right / 2
    ax.annotate(f"status: period {at}", xy=(at, 0), xytext=(-3 if left_of_line else 3, 4), textcoords="offset points",
                fontsize=8, ha="right" if left_of_line else "left")
    ax.set_xlabel("project month (period)")
    _integer_x(ax)
    ax.set_ylabel("cumulative value (k$)")
    format_axis_money(ax, "y")
    ax.set_ylim(bottom=0)
    ax.set_xlim(left=0)
    label = project or (str(table.iloc[0].get("project_id", table.iloc[0].get("project", ""))) if len(table) else "")
    ax.set_title(title or f"Earned value S-curve{' of ' + label if label and label != 'nan' else ''}, status at period {at}")
    ax.legend(loc="upper left", fontsize=8, frameon=True)
    return ax


def _band_background(ax, bands, ymin, ymax):
    ax.axhspan(bands.green, max(ymax, bands.green), color=BAND_COLOURS["green"], alpha=0.08, lw=0)
    ax.axhspan(bands.amber, bands.green, color=BAND_COLOURS["amber"], alpha=0.12, lw=0)
    ax.axhspan(min(ymin, bands.amber), bands.amber, color=BAND_COLOURS["red"], alpha=0.08, lw=0)


def performance_trend(data, *, project=None, status_period=None, bands=None, title=None, ax=None):
    """CPI, SPI and SPI(t) period by period over the health bands (green / amber / red).

    ``bands`` is a :class:`pmlib.evm.HealthBands` (default :data:`pmlib.evm.DEFAULT_BANDS`).
    Returns the Axes.

    >>> import pmlib as pm
    >>> ax = performance_trend(pm.datasets.load("completed_status_periods"))
    >>> [line.get_label() for line in ax.get_lines()][:3]
    ['CPI = EV / AC', 'SPI = EV / PV', 'SPI(t) = ES / AT']
    """
    bands = evm.DEFAULT_BANDS if bands is None else bands
    table = _phased(data, project)
    rep = table[table["reported"]]
    if status_period is not None:
        rep = rep[rep["period"] <= status_period]
    if rep.empty:
        raise ValueError("no reported period to plot.")
    ax = new_axes(ax)
    values = rep[["cpi", "spi", "spi_t"]].replace([np.inf, -np.inf], np.nan)
    lo = float(np.nanmin(values.to_numpy()))
    hi = float(np.nanmax(values.to_numpy()))
    ymin, ymax = min(lo, bands.amber) - 0.05, max(hi, 1.0) + 0.05
    _band_background(ax, bands, ymin, ymax)
    ax.plot(rep["period"], rep["cpi"], color=AC_COLOUR, marker="o", ms=3.5, lw=2, label="CPI = EV / AC")
    ax.plot(rep["period"], rep["spi"], color=PV_COLOUR, marker="s", ms=3.5, lw=1.6, ls="--", label="SPI = EV / PV")
    ax.plot(rep["period"], rep["spi_t"], color=EV_COLOUR, marker="^", ms=3.5, lw=2, label="SPI(t) = ES / AT")
    ax.axhline(1.0, color="black", lw=0.8)
    ax.set_ylim(ymin, ymax)
    ax.set_xlabel("project month (period)")
    _integer_x(ax)
    ax.set_ylabel("performance index (1.0 = on plan)")
    handles, labels = ax.get_legend_handles_labels()
    handles += [mpatches.Patch(color=BAND_COLOURS[b], alpha=0.35) for b in ("green", "amber", "red")]
    labels += [f"green band (>= {bands.green:.2f})", f"amber band (>= {bands.amber:.2f})", "red band"]
    ax.legend(handles, labels, fontsize=8, loc="lower left", ncol=2)
    ax.set_title(title or "Cost and schedule performance indices by month")
    return ax


def _align_zero(ax1, v1, ax2, v2):
    """Limits that put y = 0 at the same height on two twin axes."""
    parts = []
    for v in (v1, v2):
        neg, pos = max(0.0, -float(np.nanmin(v))), max(0.0, float(np.nanmax(v)))
        parts.append((neg, pos))
    ratios = [n / (n + p) for n, p in parts if n + p > 0] or [0.5]
    f = min(max(float(np.mean(ratios)), 0.1), 0.9)
    for a, (neg, pos) in zip((ax1, ax2), parts, strict=True):
        span = max(neg / f, pos / (1 - f), 1e-9) * 1.08
        a.set_ylim(-span * f, span * (1 - f))


def schedule_variance_trend(data, *, project=None, title=None, ax=None):
    """SV in money (left axis) and SV(t) in periods (right axis), month by month.

    The figure behind earned schedule: for a late project SV($) returns to zero at the end
    while SV(t) keeps the delay (Lipke, "Schedule is Different", 2003). Returns the left Axes
    (the right one is ``ax.right_ax``).

    >>> import pmlib as pm
    >>> ax = schedule_variance_trend(pm.datasets.load("completed_status_periods"))
    >>> ax.get_ylabel(), ax.right_ax.get_ylabel()
    ('schedule variance SV (k$)', 'schedule variance SV(t) (months)')
    """
    table = _phased(data, project)
    rep = table[table["reported"]]
    if rep.empty:
        raise ValueError("no reported period to plot.")
    ax = new_axes(ax)
    l1 = ax.bar(rep["period"], rep["sv"], color=PV_COLOUR, alpha=0.55, label="SV = EV - PV (k$, left axis)")
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xlabel("project month (period)")
    _integer_x(ax)
    ax.set_ylabel("schedule variance SV (k$)")
    format_axis_money(ax, "y")
    right = ax.twinx()
    (l2,) = right.plot(rep["period"], rep["sv_t"], color=EV_COLOUR, marker="o", lw=2.2,
                       label="SV(t) = ES - AT (months, right axis)")
    right.set_ylabel("schedule variance SV(t) (months)")
    _align_zero(ax, rep["sv"].to_numpy(float), right, rep["sv_t"].to_numpy(float))
    planned = float(rep["planned_duration"].iloc[-1])
    ax.axvline(planned + 0.5, color="black", ls="--", lw=1)
    ax.annotate(f"planned finish (end of month {planned:.0f})", xy=(planned + 0.5, ax.get_ylim()[1]), xytext=(4, -12),
                textcoords="offset points", fontsize=8)
    ax.legend([l1, l2], [l1.get_label(), l2.get_label()], loc="lower left", fontsize=8)
    ax.set_title(title or "Schedule variance in money drifts back to 0; in time it keeps the delay")
    ax.right_ax = right
    return ax


def cpi_spi_quadrant(data, *, spi="spi_t", label=None, size="bac", bands=None, title=None, ax=None):
    """Each project's CPI against its SPI: which projects need attention.

    Parameters
    ----------
    data : DataFrame
        One row per project (:func:`pmlib.evm.latest_status`), or a status table of many
        projects (their latest status is taken).
    spi : {"spi_t", "spi"}
        The schedule index on the x axis (SPI(t) by default: it stays honest late in a project).
    label : str, optional
        Column naming each point (default: the index of the latest-status table).
    size : str or None
        Column scaling the bubbles (default BAC); None for equal sizes.
    bands : HealthBands, optional
        Colours the points and draws the amber threshold lines.

    Returns
    -------
    matplotlib Axes

    >>> import pmlib as pm
    >>> ax = cpi_spi_quadrant(pm.datasets.load("status_periods"))
    >>> sorted(t.get_text() for t in ax.texts if t.get_text().startswith("P"))[:3]
    ['P01', 'P02', 'P03']
    """
    bands = evm.DEFAULT_BANDS if bands is None else bands
    is_latest = isinstance(data, pd.DataFrame) and {"verdict", "cpi", "spi_t", "health"} <= set(data.columns)
    table = data if is_latest else evm.latest_status(data, bands=bands)
    if spi not in ("spi", "spi_t"):
        raise ValueError(f"spi must be 'spi' or 'spi_t', got {spi!r}.")
    ax = new_axes(ax, figsize=(8, 6))
    x = table[spi].astype(float)
    y = table["cpi"].astype(float)
    names = table[label] if label else pd.Series(table.index, index=table.index)
    band = evm.health(y.to_numpy(), x.to_numpy(), bands=bands)
    if size and size in table.columns:
        s = table[size].astype(float)
        sizes = 60 + 540 * (s / s.max())
    else:
        sizes = np.full(len(table), 120.0)
    lo = min(0.55, float(np.nanmin(np.r_[x, y])) - 0.05)
    hi = max(1.25, float(np.nanmax(np.r_[x, y])) + 0.05)
    ax.fill_between([lo, 1.0], lo, 1.0, color=BAND_COLOURS["red"], alpha=0.07, lw=0)
    ax.fill_between([1.0, hi], 1.0, hi, color=BAND_COLOURS["green"], alpha=0.07, lw=0)
    ax.axvline(1.0, color="black", lw=0.8)
    ax.axhline(1.0, color="black", lw=0.8)
    ax.axvline(bands.amber, color=BAND_COLOURS["red"], lw=0.8, ls=":")
    ax.axhline(bands.amber, color=BAND_COLOURS["red"], lw=0.8, ls=":")
    for b in ("green", "amber", "red"):
        m = band == b
        if m.any():
            ax.scatter(x[m], y[m], s=sizes[m], color=BAND_COLOURS[b], alpha=0.75, edgecolor="black", lw=0.6,
                       label=f"{b} (worse of CPI, {'SPI(t)' if spi == 'spi_t' else 'SPI'})")
    for xi, yi, n, s_ in zip(x, y, names, sizes, strict=True):
        r = 0.5 * math.sqrt(s_)  # bubble radius in points: the label starts outside the bubble
        ax.annotate(str(n), (xi, yi), xytext=(0.75 * r + 3, 0.6 * r + 1), textcoords="offset points", fontsize=9)
    kw = dict(fontsize=9, alpha=0.7, transform=ax.transAxes)
    ax.text(0.02, 0.97, "under budget, behind", va="top", **kw)
    ax.text(0.98, 0.97, "under budget, ahead", va="top", ha="right", **kw)
    ax.text(0.02, 0.02, "over budget, behind: act", **kw)
    ax.text(0.98, 0.02, "over budget, ahead", ha="right", **kw)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_xlabel(("SPI(t) = ES / AT" if spi == "spi_t" else "SPI = EV / PV") + " (schedule efficiency, 1 = on plan)")
    ax.set_ylabel("CPI = EV / AC (cost efficiency, 1 = on budget)")
    ax.set_title(title or "Which projects need attention? Cost vs schedule performance (bubble size = BAC)")
    legend = ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.92), fontsize=8,
                       title=f"health (amber from {bands.amber:.2f}, green from {bands.green:.2f})",
                       title_fontsize=8)
    for handle in legend.legend_handles:
        handle.set_sizes([60])
    return ax


def work_package_chart(data, *, label="name", title=None, ax=None):
    """Planned and earned value of each work package against its budget, with its measurement rule.

    ``data`` is the result of :func:`pmlib.evm.earned_value_by_rule` (columns ``bac``, ``ev``,
    optionally ``pv`` and ``rule``). A grey bar is the package's budget (BAC); the outlined bar its
    planned value at the status date; the green bar its earned value. Returns the Axes.

    >>> import pmlib as pm
    >>> t = pm.evm.earned_value_by_rule(pm.datasets.load("work_packages"))
    >>> work_package_chart(t).get_xlabel()
    'value (k$)'
    """
    need = {"bac", "ev"}
    if not isinstance(data, pd.DataFrame) or not need <= set(data.columns):
        raise ValueError("data must be pm.evm.earned_value_by_rule(...) output with columns bac and ev.")
    t = data.iloc[::-1]
    ids = t["id"].astype(str) if "id" in t.columns else pd.Series(t.index.astype(str), index=t.index)
    names = t[label].astype(str) if label in t.columns else ids
    rules = (" [" + t["rule"].astype(str).str.replace("_", " ") + "]") if "rule" in t.columns else ""
    y = np.arange(len(t))
    ax = new_axes(ax, figsize=(9, max(3.5, 0.42 * len(t) + 1.4)))
    ax.barh(y, t["bac"], height=0.75, color="#dfe4ea", label="budget (BAC)")
    if "pv" in t.columns:
        ax.barh(y, t["pv"], height=0.75, facecolor="none", edgecolor=PV_COLOUR, lw=1.4,
                label="planned by the status date (PV)")
    ax.barh(y, t["ev"], height=0.4, color=EV_COLOUR, label="earned (EV)")
    ax.set_yticks(y, (ids + "  " + names + rules).tolist(), fontsize=8)
    format_axis_money(ax, "x")
    ax.set_xlabel("value (k$)")
    totals = f"EV {t['ev'].sum():,.0f} of a BAC of {t['bac'].sum():,.0f} (k$)"  # one '$': two would be mathtext
    ax.set_title(title or f"Earned value by work package and measurement rule\n{totals}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, fontsize=8, frameon=False)
    return ax
