"""Program figures: cross-project Gantt with dependencies and ripple, resource heatmap,
roll-up vs averaged indices, benefits realisation.

Each function takes ``data=`` (a :mod:`pmlib.program` result or table) and ``ax=``, draws
and returns the Axes.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.patches as mpatches
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from .. import program
from ._style import format_axis_money, new_axes

__all__ = ["program_gantt", "resource_heatmap", "program_indices_chart", "benefits_chart"]

CRITICAL, NORMAL, BASELINE, BENEFIT, LAUNCH = "#c0392b", "#2e86c1", "#b0b7bf", "#1b7a3a", "#6c3483"


def _schedules(data):
    if isinstance(data, program.Ripple):
        return data.slipped, data.baseline
    if isinstance(data, program.ProgramSchedule):
        return data, None
    if isinstance(data, program.Program):
        return data.schedule(), None
    raise ValueError("data must be a ProgramSchedule (pm.program.schedule), a Ripple (pm.program.ripple) "
                     f"or a Program, got {type(data).__name__}.")


def _draw_links(ax, sched, t, y, starts, day):
    """Arrows from the predecessor's finish (FS, FF) or start (SS, SF); the links listed under the axes."""
    lines = []
    for d in sched.dependencies.itertuples(index=False):  # one arrow per link (a program has a few)
        if d.predecessor_id not in y or d.project_id not in y:
            continue
        x0 = t.loc[d.predecessor_id, "finish"] + day if d.type in ("FS", "FF") else starts[d.predecessor_id]
        x1 = starts[d.project_id] if d.type in ("FS", "SS") else t.loc[d.project_id, "finish"] + day
        y1 = y[d.project_id] + (0.25 if y[d.project_id] < y[d.predecessor_id] else -0.25)
        ax.annotate("", xy=(x1, y1), xytext=(x0, y[d.predecessor_id]),
                    arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.0, "shrinkA": 0, "shrinkB": 0,
                                "connectionstyle": "arc3,rad=0.15"}, zorder=3)
        lines.append(f"{d.project_id} waits for {d.predecessor_id} ({d.type}{d.lag:+g} wk)")
    if lines:
        text = "Links (arrows): " + "; ".join(lines)
        ax.annotate(text, (0, 0), xycoords="axes fraction", xytext=(0, -42), textcoords="offset points",
                    va="top", fontsize=8, color="#333333", wrap=True)


def program_gantt(data, *, ax=None, status_date=None, show_dependencies=True, show_benefits=True, title=None):
    """Cross-project Gantt chart: one bar per project, dependencies, launch and benefit dates.

    Critical projects (zero total float) are red, others blue with their float drawn as a thin
    grey extension. Given a :class:`~pmlib.program.Ripple`, the planned bars are drawn in grey
    underneath and the text says how far each project and the launch moved.

    Parameters
    ----------
    data : ProgramSchedule, Ripple or Program
    ax : matplotlib Axes, optional
    status_date : date, optional
        Projects already running at this date keep their actual start when a ripple pushes
        them: their bar stretches to the new finish instead of sliding.
    show_dependencies : bool
        Arrows from the predecessor's finish (FS, FF) or start (SS, SF) to the successor.
    show_benefits : bool
        A diamond on the date each benefit starts to land.

    Returns
    -------
    matplotlib Axes
    """
    sched, base = _schedules(data)
    t = sched.table
    n = len(t)
    nb = len(sched.benefits) if show_benefits else 0
    ax = new_axes(ax, figsize=(10, 1.2 + 0.55 * (n + nb)))
    labels = [f"{i}  {t.loc[i, 'name']}" if "name" in t.columns else str(i) for i in t.index]
    y = {pid: k for k, pid in enumerate(t.index)}
    day = pd.Timedelta(days=1)
    today = pd.Timestamp(status_date) if status_date is not None else None
    starts = {}
    for pid, row in t.iterrows():
        k = y[pid]
        start = row["start"]
        if base is not None:
            b = base.table.loc[pid]
            ax.barh(k, (b["finish"] + day - b["start"]).days, left=b["start"], height=0.75, color=BASELINE,
                    alpha=0.6, zorder=1)
            if today is not None and b["start"] <= today:
                start = min(start, b["start"])
        starts[pid] = start
        colour = CRITICAL if row["critical"] else NORMAL
        ax.barh(k, (row["finish"] + day - start).days, left=start, height=0.45, color=colour, zorder=2)
        if row["total_float"] > 0:
            ax.barh(k, row["total_float"] * 7, left=row["finish"] + day, height=0.12, color=BASELINE, zorder=2)
        note = ""
        if base is not None:
            moved = (row["ef"] - base.table.loc[pid, "ef"])
            note = f"  +{moved:g} wk" if moved > 1e-9 else ""
        label = f"{row['finish']:%d %b %Y}{note}"
        if (row["finish"] - start).days > 150:  # inside the bar's end: the arrows arriving there cross no text
            ax.text(row["finish"] - day * 4, k, label, va="center", ha="right", fontsize=8, color="white",
                    zorder=4)
        else:
            ax.text(row["finish"] + day * 4 + pd.Timedelta(weeks=max(row["total_float"], 0)), k, label,
                    va="center", fontsize=8)
    if show_dependencies:
        _draw_links(ax, sched, t, y, starts, day)
    if nb:
        for j, (bid, b) in enumerate(sched.benefits.iterrows()):
            k = n + j
            labels.append(f"{bid}  {b['name']} (needs {b['projects']})")
            ax.scatter([b["date"]], [k], marker="D", s=55, color=BENEFIT, zorder=3)
            note = ""
            if base is not None and bid in base.benefits.index:
                old = base.benefits.loc[bid]
                ax.scatter([old["date"]], [k], marker="D", s=55, facecolor="none", edgecolor=BENEFIT, zorder=3)
                moved = b["week"] - old["week"]
                note = f"  +{moved:g} wk" if moved > 1e-9 else ""
            ax.text(b["date"] + day * 6, k, f"{b['date']:%d %b %Y}{note}", va="center", fontsize=8)
    ax.axvline(sched.finish, color=LAUNCH, linestyle="--", lw=1.2, zorder=0)
    if base is not None and sched.finish != base.finish:
        ax.axvline(base.finish, color=LAUNCH, linestyle=":", lw=1.0, zorder=0)
    left, right = ax.get_xlim()
    ax.set_xlim(left, right + 0.2 * (right - left))  # room for the finish-date labels inside the frame
    ax.set_yticks(range(len(labels)), labels, fontsize=9)
    ax.set_ylim(len(labels) - 0.4, -0.6)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set_xlabel("date (bars: start to finish date, written at the bar's end; thin grey: total float)")
    ax.grid(axis="x", alpha=0.3)
    handles = [mpatches.Patch(color=CRITICAL, label="critical project (no float)"),
               mpatches.Patch(color=NORMAL, label="project with float")]
    if base is not None:
        handles.append(mpatches.Patch(color=BASELINE, alpha=0.6, label="as planned"))
    if nb:
        handles.append(Line2D([], [], marker="D", color=BENEFIT, lw=0, label="benefit starts to land"))
    handles.append(Line2D([], [], color=LAUNCH, ls="--", label=f"launch {sched.finish:%d %b %Y}"))
    ax.legend(handles=handles, loc="lower left", fontsize=8, framealpha=0.9)
    if title is None:
        title = "Program schedule: projects, dependencies and benefit dates"
        if base is not None:
            slips = ", ".join(f"{i} +{w:g} wk" for i, w in t["slip"].items() if w > 0)
            delay = sched.duration - base.duration
            title = f"Ripple of a slip ({slips}): launch +{delay:g} weeks"
    ax.set_title(title)
    return ax


def resource_heatmap(data, *, resources=None, ax=None, only_loaded=True, title=None):
    """Heatmap of weekly load / capacity per person; over-allocated weeks are outlined.

    Parameters
    ----------
    data : DataFrame
        :func:`pmlib.program.resource_load` output (resource_id, week, load, capacity,
        utilisation, over).
    resources : DataFrame, optional
        ``id`` and ``name`` to label rows with names.
    only_loaded : bool
        Show only people with some demand (the rows of ``data``).

    Returns
    -------
    matplotlib Axes
    """
    import seaborn as sns

    need = {"resource_id", "week", "utilisation", "over"}
    if not isinstance(data, pd.DataFrame) or not need <= set(data.columns):
        raise ValueError("data must be the table of pm.program.resource_load (resource_id, week, utilisation, over).")
    util = data.pivot_table(index="resource_id", columns="week", values="utilisation", aggfunc="sum")
    weeks = pd.date_range(util.columns.min(), util.columns.max(), freq="7D")
    util = util.reindex(columns=weeks).fillna(0.0)
    over = data.pivot_table(index="resource_id", columns="week", values="over", aggfunc="max")
    over = over.reindex(index=util.index, columns=weeks).fillna(False).astype(bool)
    names = {}
    if resources is not None:
        names = dict(zip(resources["id"], resources["name"], strict=False))
    ax = new_axes(ax, figsize=(11, 1.0 + 0.32 * len(util)))
    sns.heatmap(util.clip(upper=1.5), ax=ax, cmap="YlOrRd", vmin=0, vmax=1.5, linewidths=0.3, linecolor="white",
                cbar_kws={"label": "load / capacity (1.0 = fully booked)", "shrink": 0.8})
    for (i, j) in zip(*np.nonzero(over.to_numpy()), strict=True):
        ax.add_patch(mpatches.Rectangle((j, i), 1, 1, fill=False, edgecolor="black", lw=2))
        ax.text(j + 0.5, i + 0.5, f"{util.iloc[i, j]:.1f}", ha="center", va="center", fontsize=7, color="white",
                fontweight="bold")
    ax.set_yticks(np.arange(len(util)) + 0.5, [f"{r} {names.get(r, '')}".strip() for r in util.index], rotation=0,
                  fontsize=8)
    step = max(1, len(weeks) // 12)
    ax.set_xticks(np.arange(0, len(weeks), step) + 0.5, [f"{w:%d %b %y}" for w in weeks[::step]], rotation=45,
                  ha="right", fontsize=8)
    ax.set_xlabel("week starting (Monday)")
    ax.set_ylabel("person (resource id)")
    n_over = int(over.to_numpy().sum())
    ax.legend(handles=[mpatches.Patch(facecolor="none", edgecolor="black", lw=2,
                                      label=f"over-allocated week ({n_over})")],
              loc="lower right", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    ax.set_title(title or "Who is over-booked? Weekly load / capacity per person", loc="center", pad=18)
    return ax


def program_indices_chart(data, *, ax=None, title=None):
    """Each project's CPI and SPI, with the program's indices from sums vs the plain average.

    Parameters
    ----------
    data : Rollup
        :func:`pmlib.program.rollup` result.

    Returns
    -------
    matplotlib Axes
    """
    if not isinstance(data, program.Rollup):
        raise ValueError(f"data must be a Rollup (pm.program.rollup), got {type(data).__name__}.")
    t = data.table.drop(index="PROGRAM")
    ax = new_axes(ax, figsize=(9, 5.5))
    x = np.arange(len(t))
    w = 0.38
    ax.bar(x - w / 2, t["cpi"], w, color="#1f4e99", label="CPI (cost)")
    ax.bar(x + w / 2, t["spi"], w, color="#e67e22", label="SPI (schedule)")
    if "spi_t" in t.columns:
        # earned schedule needs the PV curve over time: a row without it (an agile release reported
        # once) gets no diamond, and the legend says which, so a missing marker is not a mystery
        missing = [str(k) for k in t.index[t["spi_t"].isna()]]
        note = f"; none for {', '.join(missing)}: no PV history" if missing else ""
        ax.scatter(x + w / 2, t["spi_t"], marker="D", s=40, color="black", zorder=4,
                   label=f"SPI(t) (earned schedule: time, not money{note})")
    ax.axhline(1.0, color="black", lw=0.8)
    for value, colour, style, label in (
        (data.program["cpi"], "#1f4e99", "-", f"program CPI from sums = {data.program['cpi']:.2f}"),
        (data.program["spi"], "#e67e22", "-", f"program SPI from sums = {data.program['spi']:.2f}"),
        (data.average["cpi"], "#1f4e99", ":", f"average of project CPIs = {data.average['cpi']:.2f} (misleading)"),
        (data.average["spi"], "#e67e22", ":", f"average of project SPIs = {data.average['spi']:.2f} (misleading)"),
    ):
        ax.axhline(value, color=colour, ls=style, lw=1.6, label=label)
    labels = [f"{i}\nBAC {b:,.0f} k$" for i, b in zip(t.index, t["bac"], strict=True)]
    ax.set_xticks(x, labels, fontsize=8)
    finite = np.concatenate([t[c].to_numpy(dtype=float) for c in ("cpi", "spi", "spi_t") if c in t.columns])
    finite = finite[np.isfinite(finite)]
    ax.set_ylim(min(0.6, finite.min() - 0.05) if finite.size else 0.6, max(1.25, finite.max() + 0.05) if finite.size else 1.25)
    ax.set_ylabel("index (1.0 = on plan; ratio)")
    ax.set_xlabel("project (budget at completion)")
    ax.legend(fontsize=7.5, ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)
    ax.set_title(title or f"Program indices at {data.status_date:%d %b %Y}: sums vs average")
    return ax


def benefits_chart(data, *, benefits=None, status_date=None, program_total=False, ax=None, title=None):
    """Cumulative planned (dashed) vs realised (solid) benefit per benefit, k$.

    Parameters
    ----------
    data : DataFrame
        :func:`pmlib.program.benefits_timeline` output, or a raw realisation table.
    benefits : DataFrame, optional
        ``id`` and ``name`` for the legend.
    status_date : date, optional
        Drawn as a vertical line.
    program_total : bool
        Also draw the program-wide totals (black), from
        :func:`pmlib.program.benefits_timeline` with ``by="program"`` (needs ``benefits`` and a
        raw realisation table as ``data``).

    Returns
    -------
    matplotlib Axes
    """
    tl = data if isinstance(data, pd.DataFrame) and "planned_cum" in data.columns else program.benefits_timeline(data)
    names = dict(zip(benefits["id"], benefits["name"], strict=False)) if benefits is not None else {}
    ax = new_axes(ax, figsize=(9, 4.8))
    palette = ["#1f4e99", "#e67e22", "#1b7a3a", "#8e44ad", "#c0392b", "#5b6f8f", "#17a589", "#7d6608"]
    for k, (bid, g) in enumerate(tl.groupby("benefit_id", sort=True)):
        colour = palette[k % len(palette)]
        label = f"{bid} {names.get(bid, '')}".strip()
        ax.plot(g["date"], g["planned_cum"], ls="--", color=colour, lw=1.4, label=f"{label}: planned")
        real = g.dropna(subset=["realised_cum"])
        if len(real):
            ax.plot(real["date"], real["realised_cum"], ls="-", marker="o", ms=3.5, color=colour, lw=2.2,
                    label=f"{label}: realised")
    if program_total:
        if benefits is None or "planned_cum" in data.columns:
            raise ValueError("program_total=True needs the raw realisation table as data and benefits=.")
        for pg, g in program.benefits_timeline(data, benefits, by="program").groupby("benefit_id"):
            ax.plot(g["date"], g["planned_cum"], ls="--", color="black", lw=1.6, label=f"{pg} total: planned")
            real = g.dropna(subset=["realised_cum"])
            ax.plot(real["date"], real["realised_cum"], ls="-", color="black", lw=2.6, label=f"{pg} total: realised")
    if status_date is not None:
        ax.axvline(pd.Timestamp(status_date), color="black", lw=0.8, ls=":")
        ax.text(pd.Timestamp(status_date), ax.get_ylim()[1] * 0.97, " status date", fontsize=8, va="top")
    format_axis_money(ax, "y")
    ax.set_ylabel("cumulative benefit (k$)")
    ax.set_xlabel("quarter end")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.legend(fontsize=7.5, loc="upper left")
    ax.set_title(title or "Benefits realisation: planned (dashed) vs realised (solid)")
    return ax
