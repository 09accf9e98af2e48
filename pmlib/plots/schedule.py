"""Schedule figures: Gantt chart with float, activity-on-node network, completion histogram
with S-curve, criticality tornado. Each takes ``data=`` and ``ax=`` and returns the Axes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle

from .. import schedule as _schedule
from ._style import below_axes, format_axis_money, format_axis_percent, money, new_axes

__all__ = ["gantt", "network_diagram", "completion_histogram", "criticality_tornado", "time_cost_curve"]

CRITICAL = "#c0392b"
NORMAL = "#2e86c1"
FLOAT = "#aab7b8"
NEGATIVE_FLOAT = "#1b2631"


def _cpm_result(data) -> _schedule.CPMResult:
    if isinstance(data, _schedule.CPMResult):
        return data
    if isinstance(data, _schedule.PERTResult):
        return data.cpm
    if data is None:
        raise ValueError("data is required: an activities table or the result of pm.schedule.cpm / pert.")
    if isinstance(data, pd.DataFrame) and {"optimistic", "most_likely", "pessimistic"} <= set(data.columns) \
            and "duration" not in data.columns:
        return _schedule.pert(data).cpm
    return _schedule.cpm(data)


def _label(t: pd.DataFrame, ident) -> str:
    if "name" in t.columns and isinstance(t.loc[ident, "name"], str):
        return f"{ident}  {t.loc[ident, 'name']}"
    return str(ident)


def gantt(data=None, *, ax=None, start=None, show_float=True, deadline=None, unit="working days", title=None,
          dates=False):
    """Gantt chart from a CPM schedule: early-start bars, critical ones in red, total float grey.

    Parameters
    ----------
    data : CPMResult, PERTResult or activities table
        A table is scheduled with :func:`pmlib.schedule.cpm` first.
    ax : matplotlib Axes, optional
    start : date-like, optional
        Project start: the x axis shows dates (Monday-Friday working days) instead of day numbers.
    show_float : bool
        Draw each activity's total float as a grey bar from its early to its late finish. Negative
        float (a date constraint the plan cannot meet) is drawn dark, from the late finish back to
        the early finish: the part of the bar that comes too late.
    deadline : float or date-like, optional
        A promised finish, in ``unit`` from the project start (a date with ``dates=True``): drawn
        as a dashed line.
    unit : str
        Time unit of the durations, for the axis label.
    dates : bool
        Draw on the calendar dates the schedule carries (``s.dates``: a plan read with
        :func:`pmlib.io.read_schedule`, or ``cpm(..., start=, calendars=)``): its working weeks,
        holidays and per-activity calendars, to the hour. ``start`` is then not needed.

    Returns
    -------
    matplotlib Axes
    """
    s = _cpm_result(data)
    if dates:
        if start is not None:
            raise ValueError("gantt: give either dates=True (the schedule's own calendar dates) or start= "
                             "(dates counted Monday-Friday from start), not both.")
        if getattr(s, "dates", None) is None:
            raise ValueError("gantt: dates=True needs a schedule on calendars (a plan from pm.io.read_schedule, "
                             "or pm.schedule.cpm(..., start=...)); this one counts days from 0: leave dates=False "
                             "or pass start= to count Monday-Friday from a date.")
        if deadline is not None and not isinstance(deadline, (str, pd.Timestamp, np.datetime64)) \
                and not hasattr(deadline, "year"):
            raise ValueError(f"gantt: with dates=True give deadline as a date (e.g. '2027-03-25 17:00'), "
                             f"not {deadline!r}.")
        bars = _bars_on_calendar_dates(s, deadline)
    else:
        bars = _bars_on_working_days(s, start, deadline, unit)
    return _draw_gantt(s, bars, ax=ax, show_float=show_float, title=title)


@dataclass
class _GanttBars:
    """Where :func:`gantt` draws, in x-axis units (day numbers, or matplotlib date numbers)."""

    order: list
    left: np.ndarray            # activity bars
    width: np.ndarray
    float_left: np.ndarray      # grey: early finish -> late finish
    float_width: np.ndarray
    late_finish: np.ndarray     # where a negative float bar starts
    late: np.ndarray            # late finish before early finish: negative float
    xlabel: str
    title: str
    on_dates: bool
    deadline: tuple | None      # (x, legend text)


def _bars_on_working_days(s, start, deadline, unit) -> _GanttBars:
    """Day numbers from the schedule's table; with ``start``, dates counted Monday-Friday."""
    t = s.table
    rank = {a: k for k, a in enumerate(s.order)}
    order = sorted(t.index, key=lambda a: (t.loc[a, "es"], rank[a]))
    es = t.loc[order, "es"].to_numpy(float)
    ef = t.loc[order, "ef"].to_numpy(float)
    # float runs from the early to the late finish on the chart's own time line: on a plan with
    # several calendars, es/ef/ls/lf share the project's calendar while total_float is counted in
    # each activity's calendar, so ef + total_float would put the bar in the wrong place
    lf = t.loc[order, "lf"].to_numpy(float)
    late = lf < ef - 1e-9
    mark = None
    if start is not None:
        import matplotlib.dates as mdates

        def conv(x):
            return mdates.date2num(_schedule.working_days_to_dates(x, start))

        left, right, fl = conv(es), conv(np.maximum(ef - 1e-9, es)) + 1, conv(lf)
        # a zero-length activity (milestone) still shows as a thin bar
        width = np.where(ef > es, right - left, 0.4)
        float_left, float_width = left + width, np.where(lf > ef, np.maximum(fl - (left + width), 0), 0)
        xlabel = "Date (working days Monday-Friday)"
        if deadline is not None:
            day = _schedule.working_days_to_dates(deadline, start)
            mark = (mdates.date2num(day), f"deadline {day:%d %b %Y}")
    else:
        left, width = es, np.where(ef > es, ef - es, 0.15)
        fl = lf
        float_left, float_width = ef, np.maximum(lf - ef, 0)
        xlabel = f"Time from project start ({unit})"
        if deadline is not None:
            mark = (float(deadline), f"deadline {deadline:g} {unit}")
    return _GanttBars(order, left, width, float_left, float_width, fl, late, xlabel,
                      f"Gantt chart: {s.duration:g} {unit}, critical path in red", start is not None, mark)


def _bars_on_calendar_dates(s, deadline) -> _GanttBars:
    """The dates the calendars give (``s.dates``), each activity on its own calendar, to the hour."""
    import matplotlib.dates as mdates

    when = s.dates
    rank = {a: k for k, a in enumerate(s.order)}
    order = sorted(s.table.index, key=lambda a: (when.loc[a, "early_start"], rank[a]))
    left = mdates.date2num(when.loc[order, "early_start"])
    right = mdates.date2num(when.loc[order, "early_finish"])
    late_finish = mdates.date2num(when.loc[order, "late_finish"])
    span = float(np.nanmax(np.r_[right, late_finish]) - np.nanmin(left)) or 1.0
    width = np.maximum(right - left, 0.004 * span)        # a milestone still shows as a sliver
    mark = None
    if deadline is not None:
        day = pd.Timestamp(deadline)
        mark = (mdates.date2num(day), f"deadline {day:%a %d %b %Y %H:%M}")
    return _GanttBars(order, left, width, right, np.where(late_finish > right, late_finish - right, 0.0),
                      late_finish, late_finish < right - 1e-9, "Date (each activity on its own calendar)",
                      f"Gantt chart: {s.start:%d %b %Y} to {s.finish:%d %b %Y %H:%M}, critical path in red",
                      True, mark)


def _draw_gantt(s, b: _GanttBars, *, ax, show_float, title):
    t = s.table
    n = len(b.order)
    ax = new_axes(ax, figsize=(9, max(3.0, 0.28 * n + 1.4)))
    y = np.arange(n)
    end = b.left + b.width
    negative_left = np.where(b.late, b.late_finish, end)
    crit = t.loc[b.order, "critical"].to_numpy(bool)
    ax.barh(y, b.width, left=b.left, color=np.where(crit, CRITICAL, NORMAL), height=0.6, edgecolor="white",
            linewidth=0.5)
    if show_float:
        ax.barh(y, b.float_width, left=b.float_left, color=FLOAT, height=0.25, alpha=0.9)
        if b.late.any():
            ax.barh(y[b.late], (end - b.late_finish)[b.late], left=b.late_finish[b.late], color=NEGATIVE_FLOAT,
                    height=0.25)
    ax.set_yticks(y, [_label(t, a) for a in b.order], fontsize=8 if n > 15 else 9)
    if b.on_dates:
        import matplotlib.dates as mdates

        ax.xaxis_date()
        # day, month and year on every tick: a month name alone repeats when ticks are weekly
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=7))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y"))
    ax.set_xlabel(b.xlabel)
    ax.set_ylabel("Activity")
    ax.set_title(_wrap(title or b.title, 70))
    negative = bool((t["total_float"] < -1e-9).any())
    handles = [Patch(color=CRITICAL, label=f"critical (total float {'<= 0' if negative else '0'})"),
               Patch(color=NORMAL, label="not critical")]
    if show_float:
        handles.append(Patch(color=FLOAT, label="total float"))
        if b.late.any():
            handles.append(Patch(color=NEGATIVE_FLOAT, label="negative float (after the late finish)"))
    # room on both sides: the last bar, its float and the deadline never touch the frame
    lo = float(np.min(np.r_[b.left, negative_left] if show_float else b.left))
    hi = float(np.max(np.r_[end, b.float_left + b.float_width]))
    if b.deadline is not None:
        xd, text = b.deadline
        ax.axvline(xd, color="#1b2631", linestyle="--", linewidth=1.3)
        handles.append(Line2D([], [], color="#1b2631", linestyle="--", label=text))
        hi = max(hi, xd)
    pad = 0.03 * (hi - lo if hi > lo else 1.0)
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(n - 0.4, -0.6)  # every row whole, first on top
    # the legend goes below the axes, where it cannot cover a bar or a row label
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, below_axes(ax, 34)),
              ncol=2 if len(handles) > 4 else len(handles), fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    return ax


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) if len(text) > width else text


def _edges(activities, ids) -> list:
    """(predecessor, successor, type code, lag) of every link, read as cpm reads them."""
    table = activities.reset_index() if isinstance(activities, pd.DataFrame) and "id" not in activities.columns \
        else activities
    rows = table.to_dict("records") if isinstance(table, pd.DataFrame) else list(table)
    by_text = {str(a): a for a in ids}
    known = set(ids) | set(by_text)
    code = {typ: k for k, typ in enumerate(_schedule.RELATIONSHIP_TYPES)}
    out = []
    for row in rows:
        succ = row["id"].strip() if isinstance(row["id"], str) else row["id"]
        for pred, typ, lag in _schedule.parse_predecessors(row.get("predecessors"), succ, known):
            out.append((pred if pred in set(ids) else by_text[pred], succ, code[typ], lag))
    return out


def _levels(s: _schedule.CPMResult, edges) -> dict:
    level = {a: 0 for a in s.order}
    for a in s.order:
        for p in edges.get(a, ()):
            level[a] = max(level[a], level[p] + 1)
    return level


def network_diagram(data=None, *, ax=None, title=None, unit="working days"):
    """Activity-on-node network: one box per activity (ES, duration, EF / LS, total float, LF).

    Nodes are placed in columns by their depth in the network (longest chain of predecessors);
    critical activities and the links between them are red. Non finish-to-start links are
    labelled with their type and lag (``SS+2``).

    Parameters
    ----------
    data : activities table or CPMResult
        With a CPMResult the links are not known; pass the activities table to draw them.
    """
    if isinstance(data, _schedule.CPMResult | _schedule.PERTResult):
        raise ValueError("network_diagram needs the activities table (it draws the links): "
                         "pass data=activities, not a schedule result.")
    s = _cpm_result(data)
    t = s.table
    edges = _edges(data, list(t.index))
    preds = {a: [] for a in t.index}
    for a, b, _code, _lag in edges:
        preds[b].append(a)
    level = _levels(s, preds)
    cols: dict[int, list] = {}
    for a in sorted(t.index, key=lambda a: (level[a], t.loc[a, "es"])):
        cols.setdefault(level[a], []).append(a)
    depth = max(cols) + 1
    height = max(len(v) for v in cols.values())
    ax = new_axes(ax, figsize=(min(16, 1.45 * depth + 1.5), min(11, 0.95 * height + 1.6)))
    pos = {}
    for c, members in cols.items():
        offset = (height - len(members)) / 2
        for r, a in enumerate(members):
            pos[a] = (c * 1.6, -(r + offset) * 1.05)
    w, h = 1.15, 0.72
    for (a, b, code, lag) in edges:
        (x0, y0), (x1, y1) = pos[a], pos[b]
        both = bool(t.loc[a, "critical"] and t.loc[b, "critical"])
        arrow = FancyArrowPatch((x0 + w / 2, y0), (x1 - w / 2, y1), arrowstyle="-|>", mutation_scale=9,
                                color=CRITICAL if both else "#7f8c8d", linewidth=1.4 if both else 0.8,
                                connectionstyle="arc3,rad=0.0", zorder=1)
        ax.add_patch(arrow)
        if code != 0 or lag:
            tag = _schedule.RELATIONSHIP_TYPES[code] + (f"{lag:+g}" if lag else "")
            ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.08, tag, fontsize=6.5, ha="center", color="#34495e",
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8}, zorder=3)
    for a, (x, y0) in pos.items():
        crit = bool(t.loc[a, "critical"])
        ax.add_patch(Rectangle((x - w / 2, y0 - h / 2), w, h, facecolor="#fdedec" if crit else "#eaf2f8",
                               edgecolor=CRITICAL if crit else NORMAL, linewidth=1.5 if crit else 1, zorder=2))
        r = t.loc[a]
        ax.text(x, y0 + 0.21, f"{r.es:g}   {r.duration:g}   {r.ef:g}", ha="center", va="center", fontsize=6.5, zorder=4)
        ax.text(x, y0, str(a), ha="center", va="center", fontsize=8, fontweight="bold", zorder=4)
        ax.text(x, y0 - 0.21, f"{r.ls:g}   {r.total_float:g}   {r.lf:g}", ha="center", va="center",
                fontsize=6.5, zorder=4)
    ax.set_xlim(-w, (depth - 1) * 1.6 + w)
    ax.set_ylim(-(height - 1) * 1.05 - 0.9, 0.9)
    ax.set_aspect("auto")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(f"Network depth (left to right); times in {unit}.  Box: ES  duration  EF / id / LS  total float  LF")
    ax.set_title(title or f"Activity-on-node network: {s.duration:g} {unit}, critical path in red")
    ax.legend(handles=[Patch(facecolor="#fdedec", edgecolor=CRITICAL, label="critical activity"),
                       Patch(facecolor="#eaf2f8", edgecolor=NORMAL, label="activity with float"),
                       Line2D([], [], color=CRITICAL, label="critical link")],
              loc="lower right", fontsize=7)
    return ax


def completion_histogram(data=None, *, ax=None, deadline=None, percentiles=(50, 80, 90), pert=None,
                         bins=50, unit="working days", title=None, legend="below", twin=None):
    """Histogram of simulated project durations with the cumulative S-curve and P-values.

    Parameters
    ----------
    data : MonteCarloResult or array of project durations
    deadline : float, optional
        Draws the deadline and states the chance of meeting it.
    percentiles : sequence of float
        Percentiles (0-100) to mark, e.g. P50, P80, P90.
    pert : PERTResult, optional
        Overlays PERT's normal approximation (its S-curve), to show merge bias.
    legend : {"below", "right"}
        Where the legend goes (outside the axes either way, so it never covers a line).
    twin : matplotlib Axes, optional
        The twin axes (sharing x with ``ax``) for the S-curve, to redraw onto the same axes in a
        widget; default a new ``ax.twinx()``.

    Returns
    -------
    matplotlib Axes (the histogram's; the S-curve is on a twin y axis)
    """
    if legend not in ("below", "right"):
        raise ValueError(f"legend must be 'below' or 'right', got {legend!r}.")
    if isinstance(data, _schedule.MonteCarloResult):
        x = np.asarray(data.durations, float)
    elif data is None:
        raise ValueError("data is required: the result of pm.schedule.monte_carlo or an array of durations.")
    else:
        x = np.asarray(data, float).ravel()
        if x.size == 0 or np.isnan(x).any():
            raise ValueError("data must be a non-empty array of project durations without NaN.")
    ax = new_axes(ax)
    ax.hist(x, bins=bins, color=NORMAL, alpha=0.55, histtype="stepfilled",
            label=f"simulated finish ({len(x):,} iterations)")
    ax.set_xlabel(f"Project duration ({unit})")
    ax.set_ylabel("Iterations")
    ax2 = ax.twinx() if twin is None else twin
    srt = np.sort(x)
    cum = np.arange(1, len(srt) + 1) / len(srt)
    step = max(1, len(srt) // 500)  # 500 points draw the same curve as 100,000
    ax2.plot(np.r_[srt[::step], srt[-1]], np.r_[cum[::step], 1.0], color="#1b2631", linewidth=1.6,
             label="S-curve: P(finish by date)")
    handles = [Patch(color=NORMAL, alpha=0.55, label=f"simulated finish ({len(x):,} iterations)"),
               Line2D([], [], color="#1b2631", linewidth=1.6, label="S-curve (simulation)")]
    if pert is not None:
        from scipy import stats

        grid = np.linspace(srt[0], srt[-1], 200)
        ax2.plot(grid, stats.norm.cdf(grid, pert.duration, pert.sd) if pert.sd else (grid >= pert.duration),
                 color="#8e44ad", linestyle="--", linewidth=1.4)
        handles.append(Line2D([], [], color="#8e44ad", linestyle="--", label="PERT normal approximation"))
    styles = ["-", "--", ":", "-."]
    for k, q in enumerate(percentiles):
        v = float(np.percentile(x, q))
        ax.axvline(v, color="#d35400", linestyle=styles[k % 4], linewidth=1.2)
        handles.append(Line2D([], [], color="#d35400", linestyle=styles[k % 4], label=f"P{q:g} = {v:,.1f}"))
    if deadline is not None:
        p = float(np.mean(x <= deadline))
        ax.axvline(deadline, color=CRITICAL, linewidth=2)
        handles.append(Line2D([], [], color=CRITICAL, linewidth=2, label=f"deadline {deadline:g}: P = {p:.0%}"))
    ax2.set_ylim(0, 1.02)
    format_axis_percent(ax2)
    ax2.set_ylabel("Cumulative probability")
    # the legend sits outside the axes: never over the bars, the S-curves or the P-lines
    if legend == "below":
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, below_axes(ax, 34)), ncol=3, fontsize=8,
                  frameon=False)
    else:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.15, 1.0), fontsize=7.5, frameon=False)
    ax.set_title(title or "When will it finish? Monte Carlo distribution of the project duration")
    return ax


def criticality_tornado(data=None, *, ax=None, metric="criticality", top=15, title=None):
    """Horizontal bars of each activity's criticality, cruciality or sensitivity, largest on top.

    Parameters
    ----------
    data : MonteCarloResult or its ``.table``
    metric : {"criticality", "cruciality", "sensitivity"}
        Criticality index (share of iterations on the critical path), cruciality (correlation
        of the activity's duration with the project's) or schedule sensitivity index.
    top : int
        How many activities to show.
    """
    table = data.table if isinstance(data, _schedule.MonteCarloResult) else data
    if not isinstance(table, pd.DataFrame) or metric not in getattr(table, "columns", ()):
        raise ValueError(f"data must be a Monte Carlo result (or its table) with a {metric!r} column; "
                         "metric is one of criticality, cruciality, sensitivity.")
    vals = table[metric].sort_values(ascending=False).head(int(top))[::-1]
    ax = new_axes(ax, figsize=(8, max(3.0, 0.3 * len(vals) + 1.3)))
    labels = [_label(table, a) for a in vals.index]
    colours = [CRITICAL if v >= 0.5 else NORMAL for v in vals] if metric == "criticality" else \
        [NORMAL if v >= 0 else "#7f8c8d" for v in vals]
    ax.barh(labels, vals.to_numpy(), color=colours)
    for yy, v in enumerate(vals.to_numpy()):
        ax.text(v, yy, f" {v:.0%}" if metric == "criticality" else f" {v:.2f}", va="center", fontsize=8)
    names = {"criticality": "Criticality index (share of iterations on the critical path)",
             "cruciality": "Cruciality (correlation with project duration)",
             "sensitivity": "Schedule sensitivity index (criticality x sd ratio)"}
    ax.set_xlabel(names[metric])
    ax.set_ylabel("Activity")
    if metric == "criticality":
        format_axis_percent(ax, axis="x")
        ax.set_xlim(0, 1.12)
        ax.legend(handles=[Patch(color=CRITICAL, label="critical in >= 50 % of iterations"),
                           Patch(color=NORMAL, label="critical in < 50 %")], loc="lower right", fontsize=8)
    else:
        ax.legend(handles=[Patch(color=NORMAL, label=metric)], loc="lower right", fontsize=8)
        ax.set_xlim(min(0, vals.min() * 1.1), max(vals.max() * 1.15, 0.05))
    ax.set_ylim(-1.9, len(vals) - 0.5)  # an empty band at the bottom keeps the legend off the bars
    ax.set_title(title or f"Which activities drive the finish date? Top {len(vals)} by {metric}")
    return ax


def time_cost_curve(data=None, *, ax=None, greedy=None, unit="working days", money_unit="k$", title=None):
    """The time-cost trade-off curve: direct, indirect and total cost against project duration.

    Parameters
    ----------
    data : CrashResult
        From :func:`pmlib.schedule.crash` (its ``curve`` is drawn; its chosen duration marked).
    greedy : DataFrame, optional
        :func:`pmlib.schedule.crash_greedy`'s steps, drawn as points on the direct cost to show
        where the textbook procedure pays more than the optimum.
    unit, money_unit : str
        Units of duration and money, for the axis labels.

    Returns
    -------
    matplotlib Axes
    """
    from ..schedule import CrashResult

    if not isinstance(data, CrashResult):
        raise ValueError("data must be the result of pm.schedule.crash(activities, ...).")
    curve = data.curve
    ax = new_axes(ax)
    x = curve["duration"].to_numpy(float)
    ax.plot(x, curve["direct_cost"], color=NORMAL, marker="o", markersize=3.5, linewidth=1.8,
            label="direct cost (least-cost crashing)")
    has_indirect = bool((curve["indirect_cost"] != 0).any())
    if has_indirect:
        ax.plot(x, curve["indirect_cost"], color="#7f8c8d", linestyle="--", linewidth=1.4, label="indirect cost")
        ax.plot(x, curve["total_cost"], color="#1b2631", linewidth=2.2, label="total cost")
    if greedy is not None:
        g = greedy[greedy["duration"].isin(set(x))]
        worse = g.set_index("duration")["direct_cost"] - curve.set_index("duration")["direct_cost"]
        worse = worse.reindex(g["duration"]).to_numpy() > 1e-9
        ax.scatter(g["duration"], g["direct_cost"], s=42, facecolors="none", edgecolors="#d35400", linewidths=1.4,
                   zorder=4, label="greedy procedure (cheapest critical activity first)")
        if worse.any():
            ax.scatter(g["duration"][worse], g["direct_cost"][worse], s=42, color="#d35400", zorder=5,
                       label="greedy pays more than the optimum")
    y = data.total_cost if has_indirect else data.direct_cost
    ax.scatter([data.duration], [y], s=110, marker="*", color=CRITICAL, zorder=6,
               label=(f"{'least total cost' if data.target_duration is None else 'target'}: "
                      f"{data.duration:g} {unit}, {money(y, money_unit).replace('$', chr(92) + '$')}"))
    ax.set_xlim(x.max() + 0.5, x.min() - 0.5)  # time runs right to left: compression goes right
    ax.set_xlabel(f"Project duration ({unit}; shorter to the right)")
    ax.set_ylabel(f"Cost ({money_unit})")
    format_axis_money(ax, "y")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, below_axes(ax, 34)), ncol=2, fontsize=8, frameon=False)
    ax.set_title(_wrap(title or f"Time-cost trade-off: {data.normal_duration:g} down to "
                                f"{data.shortest_duration:g} {unit}", 70))
    return ax
