"""Agile figures: velocity, sprint burndown, release burnup with its forecast, cumulative flow
diagram, cycle-time scatter with percentile lines, and the histogram of a Monte Carlo forecast.
Each takes ``data=`` and ``ax=`` and returns the Axes.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import AutoLocator

from .. import agile as _agile
from ..errors import InputError
from ._style import format_axis_percent, new_axes

__all__ = ["velocity_chart", "burndown_chart", "burnup_chart", "cumulative_flow_diagram",
           "cycle_time_scatter", "forecast_histogram"]

DONE = "#1e8449"
DOING = "#f5b041"
TODO = "#aed6f1"
PLAN = "#7f8c8d"
ACCENT = "#c0392b"
BAR = "#2e86c1"
STYLES = ["-", "--", ":", "-."]


def _date_axis(ax) -> None:
    """Month ticks that never run into each other, whatever the width of the Axes."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _frame(data, name: str, columns) -> pd.DataFrame:
    if data is None:
        raise InputError(f"data is required: {name}.")
    if not isinstance(data, pd.DataFrame):
        data = pd.DataFrame(data)
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise InputError(f"data lacks column(s) {', '.join(missing)} ({name}); columns found: "
                         f"{', '.join(map(str, data.columns)) or 'none'}.")
    return data


def velocity_chart(data=None, *, ax=None, committed="committed", completed="completed", label=None,
                   unit="story points", title=None):
    """Velocity chart (as in Jira's sprint reports): points committed and completed per sprint.

    Parameters
    ----------
    data : DataFrame
        One row per sprint, in order: ``committed`` and ``completed`` points (``committed``
        optional). ``label`` names the column for the x tick labels (default: ``number``,
        else ``id``, else the index).

    Returns
    -------
    matplotlib Axes
    """
    cols = [completed] + ([committed] if data is not None and committed in getattr(data, "columns", []) else [])
    df = _frame(data, "the sprints table with points completed per sprint", cols)
    label = label or next((c for c in ("number", "id") if c in df.columns), None)
    ticks = df[label].astype(str).tolist() if label else [str(i) for i in df.index]
    x = np.arange(len(df))
    ax = new_axes(ax)
    done = df[completed].to_numpy(float)
    handles = []
    if committed in df.columns:
        ax.bar(x - 0.2, df[committed].to_numpy(float), width=0.4, color=TODO, edgecolor="white")
        ax.bar(x + 0.2, done, width=0.4, color=BAR, edgecolor="white")
        handles += [Patch(color=TODO, label="committed"), Patch(color=BAR, label="completed (velocity)")]
    else:
        ax.bar(x, done, width=0.6, color=BAR, edgecolor="white")
        handles.append(Patch(color=BAR, label="completed (velocity)"))
    v = _agile.velocity(done)
    ax.axhline(v["mean"], color=PLAN, linestyle="--", linewidth=1.3)
    handles.append(Line2D([], [], color=PLAN, linestyle="--", label=f"mean {v['mean']:.1f} (sd {v['sd']:.1f})"))
    if len(done) >= 3:
        last = pd.Series(done).rolling(3).mean().to_numpy()
        ax.plot(x + 0.2 if committed in df.columns else x, last, color=ACCENT, linewidth=1.4)
        handles.append(Line2D([], [], color=ACCENT, label="mean of the last 3 sprints"))
    step = max(1, len(x) // 12)
    ax.set_xticks(x[::step], ticks[::step])
    ax.set_xlabel("Sprint")
    ax.set_ylabel(f"Points per sprint ({unit})")
    ax.set_ylim(0, max(done.max(), df[committed].max() if committed in df.columns else 0) * 1.35)
    ax.legend(handles=handles, loc="upper left", fontsize=8, ncols=2, framealpha=0.9)
    ax.grid(axis="y", alpha=0.3)
    ax.set_title(title or f"Velocity: {v['mean']:.1f} points per sprint on average, {v['min']:g} to {v['max']:g}")
    return ax


def burndown_chart(data=None, *, ax=None, unit="story points", title=None):
    """Sprint burndown: points remaining at the end of each day against the ideal line.

    Parameters
    ----------
    data : DataFrame
        The table of :func:`pmlib.agile.sprint_burndown` (``date``, ``remaining``, ``ideal``).

    Returns
    -------
    matplotlib Axes
    """
    df = _frame(data, "the table of pm.agile.sprint_burndown", ["date", "remaining", "ideal"])
    ax = new_axes(ax)
    x = np.arange(len(df))
    ax.plot(x, df["ideal"].to_numpy(float), color=PLAN, linestyle="--", linewidth=1.3)
    ax.plot(x, df["remaining"].to_numpy(float), color=ACCENT, marker="o", markersize=4, linewidth=1.8)
    dates = pd.to_datetime(df["date"])
    labels = ["plan"] + [f"{d:%a}\n{d:%d %b}" for d in dates.iloc[1:]]
    ax.set_xticks(x, labels, fontsize=8)
    ax.set_xlabel("End of sprint day")
    ax.set_ylabel(f"Remaining ({unit})")
    total = float(df["remaining"].iloc[0])
    left = float(df["remaining"].iloc[-1])
    ax.set_ylim(0, max(total, float(df["remaining"].max())) * 1.15 + 1e-9)
    ax.legend(handles=[Line2D([], [], color=ACCENT, marker="o", markersize=4, label="remaining"),
                       Line2D([], [], color=PLAN, linestyle="--", label="ideal (straight line to 0)")],
              loc="upper right", fontsize=8)
    ax.grid(alpha=0.3)
    ax.set_title(title or f"Sprint burndown: {total:g} points committed, {left:g} left at the end")
    return ax


def burnup_chart(data=None, *, ax=None, forecast=None, percentiles=(50, 85), labels=None, planned=None,
                 unit="story points", title=None):
    """Release burnup: points done against the release scope, with the forecast's finish.

    Parameters
    ----------
    data : DataFrame
        The table of :func:`pmlib.agile.release_burnup` (``done`` and ``scope`` per sprint).
    labels : sequence, optional
        Tick labels of the sprints (e.g. their numbers); default: the index when its labels
        are short, else 1, 2, ...
    planned : int, optional
        Number of sprints in the release plan: a vertical line at the planned last sprint.
    forecast : ReleaseForecast, optional
        Draws the projection from the last sprint to the current scope at each of
        ``percentiles`` (whole sprints), so the learner sees the finish sprint.

    Returns
    -------
    matplotlib Axes
    """
    df = _frame(data, "the table of pm.agile.release_burnup", ["done", "scope"])
    ax = new_axes(ax)
    n = len(df)
    x = np.arange(1, n + 1)
    done, scope = df["done"].to_numpy(float), df["scope"].to_numpy(float)
    ax.plot(np.r_[0, x], np.r_[0, done], color=DONE, marker="o", markersize=4, linewidth=2)
    ax.step(np.r_[0, x], np.r_[scope[0], scope], where="post", color=PLAN, linewidth=1.6)
    handles = [Line2D([], [], color=DONE, marker="o", markersize=4, label="done (cumulative)"),
               Line2D([], [], color=PLAN, label="release scope")]
    if labels is not None:
        ticks = [str(v) for v in labels]
        if len(ticks) != n:
            raise InputError(f"labels has {len(ticks)} entries for {n} sprints.")
    else:
        ticks = [str(i) for i in df.index]
        if max(len(t) for t in ticks) > 4:
            ticks = [str(k) for k in range(1, n + 1)]
    numbered = ticks[-1].isdigit()

    def name(position):  # sprint `position` of the release (1-based), as the learner knows it
        if position <= n:
            return f"sprint {ticks[position - 1]}"
        return f"sprint {int(ticks[-1]) + position - n}" if numbered else f"{position - n} sprints after the last"

    right = n
    if planned is not None:
        planned = int(planned)
        ax.axvline(planned, color="#1b2631", linestyle="-.", linewidth=1.2)
        handles.append(Line2D([], [], color="#1b2631", linestyle="-.", label=f"plan: last sprint is {name(planned)}"))
        right = max(right, planned)
    if forecast is not None:
        if not isinstance(forecast, _agile.ReleaseForecast):
            raise InputError("forecast must be the result of pm.agile.release_forecast.")
        for k, q in enumerate(percentiles):
            extra = int(forecast.percentile(q))
            ax.plot([n, n + extra], [done[-1], scope[-1]], color=ACCENT, linestyle=STYLES[(k + 1) % 4],
                    linewidth=1.3)
            handles.append(Line2D([], [], color=ACCENT, linestyle=STYLES[(k + 1) % 4],
                                  label=f"{q:g} % forecast: done in {name(n + extra)} (+{extra})"))
            right = max(right, n + extra)
        ax.plot([n, right], [scope[-1], scope[-1]], color=PLAN, linestyle=":", linewidth=1)
    step = max(1, -(-right // 10))
    positions = list(range(1, right + 1, step))
    names = [ticks[p - 1] if p <= n else f"+{p - n}" for p in positions]
    ax.set_xticks(positions, names, fontsize=8)
    ax.set_xlim(0, right + 0.5)
    ax.set_ylim(0, max(scope.max(), done.max()) * 1.2)
    ax.set_xlabel("Sprint (forecast sprints as +k)")
    ax.set_ylabel(f"Points ({unit})")
    # below the axes: the plan line and the projections cross every corner of the plot
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2, fontsize=8,
              frameon=False)
    ax.grid(alpha=0.3)
    ax.set_title(title or f"Release burnup: {done[-1]:g} of {scope[-1]:g} points done "
                          f"({done[-1] / scope[-1]:.0%}); scope grew by {scope[-1] - scope[0]:+g}")
    return ax


def cumulative_flow_diagram(data=None, *, ax=None, start=None, title=None):
    """Cumulative flow diagram: bands of done, in-progress and not-started items over time.

    The vertical distance between the arrival line and the done line is the work in the
    system; the horizontal distance is roughly the time an item takes. A widening
    in-progress band is work started faster than it is finished.

    Parameters
    ----------
    data : FlowMetrics or DataFrame
        The result of :func:`pmlib.agile.flow_metrics`, or its ``cfd`` table (cumulative
        ``arrived``, ``started``, ``done`` per day).
    start : date, optional
        First day shown (default: the first day of the table).

    Returns
    -------
    matplotlib Axes
    """
    table = data.cfd if isinstance(data, _agile.FlowMetrics) else _frame(data, "a cumulative flow table",
                                                                          ["done"])
    if start is not None:
        table = table.loc[pd.Timestamp(start):]
    if table.empty:
        raise InputError("the cumulative flow table has no day to draw (check start=).")
    ax = new_axes(ax)
    x = table.index
    done = table["done"].to_numpy(float)
    bands, colours, names = [done], [DONE], ["done"]
    if "started" in table.columns and table["started"].notna().all():
        started = table["started"].to_numpy(float)
        bands.append(started - done)
        colours.append(DOING)
        names.append("in progress")
        top = started
    else:
        top = done
    if "arrived" in table.columns and table["arrived"].notna().all():
        bands.append(table["arrived"].to_numpy(float) - top)
        colours.append(TODO)
        names.append("to do (created, not started)")
    ax.stackplot(x, *bands, colors=colours, alpha=0.9, linewidth=0)
    handles = [Patch(color=c, label=n) for c, n in zip(colours, names, strict=True)][::-1]
    ax.legend(handles=handles, loc="upper left", fontsize=8, framealpha=0.9)
    _date_axis(ax)
    ax.set_xlabel("Date")
    ax.set_ylabel("Work items (cumulative count)")
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(0, float(np.sum(bands, axis=0).max()) * 1.15 + 1)
    ax.grid(alpha=0.3)
    last = table.iloc[-1]
    wip = f", {last['started'] - last['done']:g} in progress" if "in progress" in names else ""
    ax.set_title(title or f"Cumulative flow: {last['done']:g} items done{wip} on {x[-1]:%d %b %Y}")
    return ax


def cycle_time_scatter(data=None, *, ax=None, percentiles=(50, 85, 95), title=None):
    """Cycle-time scatter (control chart): each finished item's cycle time by its finish day,
    with the percentile lines that make a service-level expectation ("85 % within 9 days").

    Parameters
    ----------
    data : FlowMetrics
        The result of :func:`pmlib.agile.flow_metrics` (items with a start and a finish).
    percentiles : sequence of float
        Percent levels drawn as horizontal lines (whole days).

    Returns
    -------
    matplotlib Axes
    """
    if not isinstance(data, _agile.FlowMetrics):
        raise InputError("data must be the result of pm.agile.flow_metrics.")
    done_col = data._flow["done"]
    finished = data[data["cycle_time"].notna()]
    if finished.empty:
        raise InputError("no item has both a start and a finish date: there is no cycle time to draw.")
    ax = new_axes(ax)
    x = pd.to_datetime(finished[done_col])
    y = finished["cycle_time"].to_numpy(float)
    # same day and same cycle time: spread the dots a little so each item shows
    jitter = (pd.Series(y).groupby([x.to_numpy(), y]).cumcount().to_numpy() % 5) * 0.12
    ax.scatter(x, y + jitter, s=16, color=BAR, alpha=0.6, edgecolor="none")
    handles = [Line2D([], [], marker="o", linestyle="", color=BAR, alpha=0.6,
                      label=f"finished item ({len(finished)})")]
    values = np.atleast_1d(data.cycle_time_percentile(list(percentiles)))
    for k, (q, v) in enumerate(zip(percentiles, values, strict=True)):
        ax.axhline(v, color=ACCENT, linestyle=STYLES[k % 4], linewidth=1.2)
        handles.append(Line2D([], [], color=ACCENT, linestyle=STYLES[k % 4],
                              label=f"{q:g} % of items within {v:g} days"))
    _date_axis(ax)
    ax.set_xlabel("Finish date")
    ax.set_ylabel("Cycle time (calendar days, start and finish day counted)")
    ax.set_ylim(0, float(y.max()) * 1.3 + 1)
    ax.legend(handles=handles, loc="upper left", fontsize=8, ncols=2, framealpha=0.9)
    ax.grid(alpha=0.3)
    ax.set_title(title or f"Cycle time of {len(finished)} finished items: "
                          f"{percentiles[len(percentiles) // 2]:g} % within {values[len(values) // 2]:g} days")
    return ax


def forecast_histogram(data=None, *, ax=None, percentiles=(50, 85, 95), target=None, right_axis=True, title=None):
    """Histogram of a Monte Carlo forecast with its percentiles and cumulative probability.

    Parameters
    ----------
    data : ReleaseForecast or ThroughputForecast
        The result of :func:`pmlib.agile.release_forecast` (sprints needed) or
        :func:`pmlib.agile.throughput_forecast` (days needed, or items done).
    percentiles : sequence of float
        Confidence levels (0-100, exclusive) marked with vertical lines.
    target : float, optional
        The promise to test: sprints or days left in the plan (chance of finishing within it),
        or the items the plan needs (chance of at least that many).
    right_axis : bool
        Draw the cumulative probability on its own right-hand axis (default), or on the bars'
        axis, which is a percentage too (one axis less to draw, for a widget).

    Returns
    -------
    matplotlib Axes (the bars'; the cumulative probability is on ``ax.right_ax``)
    """
    if not isinstance(data, _agile.ReleaseForecast | _agile.ThroughputForecast):
        raise InputError("data must be the result of pm.agile.release_forecast or pm.agile.throughput_forecast.")
    items_mode = isinstance(data, _agile.ThroughputForecast) and data.mode == "items"
    unit = data.unit or "sprints"
    ax = new_axes(ax)
    values, counts = np.unique(data.samples, return_counts=True)
    share = counts / data.n
    width = 0.8 if len(values) < 2 else 0.8 * float(np.min(np.diff(values)))
    ax.bar(values, share, width=width, color=BAR, alpha=0.6)
    ax2 = ax.twinx() if right_axis else ax
    if items_mode:
        cum = 1.0 - np.concatenate([[0.0], np.cumsum(share)[:-1]])  # P(at least x)
        cum_label = f"P(at least this many {unit})"
    else:
        cum = np.cumsum(share)
        cum_label = f"P(done within this many {unit})"
    first = values[0] - (width / 0.8)
    if items_mode:
        ax2.step(np.r_[values, values[-1] + width / 0.8], np.r_[cum, 0.0], where="mid", color="#1b2631",
                 linewidth=1.5)
    else:
        ax2.step(np.r_[first, values], np.r_[0.0, cum], where="mid", color="#1b2631", linewidth=1.5)
    handles = [Patch(color=BAR, alpha=0.6, label=f"share of {data.n:,} iterations"),
               Line2D([], [], color="#1b2631", linewidth=1.5, label=cum_label)]
    marks = np.atleast_1d(data.percentile(list(percentiles)))
    for k, (q, v) in enumerate(zip(percentiles, marks, strict=True)):
        ax.axvline(v, color="#d35400", linestyle=STYLES[k % 4], linewidth=1.3)
        words = f"at least {v:g} {unit}" if items_mode else f"{v:g} {unit}"
        handles.append(Line2D([], [], color="#d35400", linestyle=STYLES[k % 4], label=f"{q:g} % confidence: {words}"))
    if target is not None:
        if items_mode:
            p = data.probability_at_least(target)
            text = f"plan needs {target:g} {unit}: P(at least) = {p:.0%}"
        else:
            p = data.probability(target)
            text = f"plan: {target:g} {unit}: P(within) = {p:.0%}"
        ax.axvline(target, color=ACCENT, linewidth=2)
        handles.append(Line2D([], [], color=ACCENT, linewidth=2, label=text))
    format_axis_percent(ax)
    if right_axis:
        ax2.set_ylim(0, 1.02)
        format_axis_percent(ax2)
        ax2.set_ylabel("Cumulative probability")
        ax.set_ylim(0, float(share.max()) * 1.15)
    ax.set_xlabel(f"{unit.capitalize()} done" if items_mode else f"{unit.capitalize()} needed")
    ax.set_ylabel("Share of iterations" if right_axis else "Share; cumulative probability")
    if not right_axis:
        ax.set_ylim(0, 1.04)
    lo = min(values[0], target) if target is not None else values[0]
    hi = max(values[-1], target) if target is not None else values[-1]
    if hi - lo <= 15 and float(lo).is_integer():  # whole sprints: one tick each
        ax.set_xticks(np.arange(lo, hi + 1))
        ax.set_xlim(lo - 0.6, hi + 0.6)  # a plan line at the first or last tick stays off the frame
    else:  # an Axes redrawn by a widget may hold the fixed ticks of an earlier, narrower forecast
        ax.xaxis.set_major_locator(AutoLocator())
    # below the axes: the legend never covers a bar or a line
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2, fontsize=8,
              frameon=False)
    if items_mode:
        what = f"How many {unit} in {data.days} {data.period}{'s' if data.days != 1 else ''}?"
    elif isinstance(data, _agile.ReleaseForecast):
        what = f"When will {data.remaining_points:g} points be done?"
    else:
        what = f"When will {data.items:g} items be done?"
    ax.set_title(title or f"{what} Monte Carlo forecast ({data.n:,} iterations)")
    ax.right_ax = ax2 if right_axis else None
    return ax
