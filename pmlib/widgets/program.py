"""Widget of the program lesson: slip one project, watch the ripple reach projects, launch and benefits."""

from __future__ import annotations

import functools
import html

import ipywidgets as W
import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from .. import datasets, program
from .._validate import require_known_ids
from ._base import Dashboard, View
from ._figure import lean_figure

__all__ = ["program_ripple"]

_CRITICAL, _NORMAL, _PLANNED, _BENEFIT, _LAUNCH = "#c0392b", "#2e86c1", "#b0b7bf", "#1b7a3a", "#6c3483"


def _short(label: str, width: int = 34) -> str:
    """A row label that fits the chart's left margin: cut at a word, with an ellipsis."""
    if len(label) <= width:
        return label
    cut = label[:width - 1].rsplit(" ", 1)[0]
    return (cut if len(cut) > width // 2 else label[:width - 1]).rstrip(" ,:-") + "\u2026"


class _RippleFigure:
    """A lean cross-project Gantt drawn once: planned bars in grey, each change moves the others.

    The same picture as :func:`pmlib.plots.program_gantt` without the link arrows and date
    labels (the text above the chart gives the dates), so a redraw stays cheap.
    """

    def __init__(self, base, max_weeks):
        t, b = base.table, base.benefits
        self.ids, self.benefit_ids = list(t.index), list(b.index)
        self.fig = lean_figure(8, 0.9 + 0.3 * (len(t) + len(b)), left=0.28, right=0.98, bottom=0.16, top=0.9)
        ax = self.ax = self.fig.add_subplot()
        day = pd.Timedelta(days=1)
        y = np.arange(len(t))
        ax.barh(y, (t["finish"] + day - t["start"]).dt.days, left=mdates.date2num(t["start"]), height=0.75,
                color=_PLANNED)
        self.bars = ax.barh(y, np.zeros(len(y)), left=mdates.date2num(t["start"]), height=0.42, color=_NORMAL)
        yb = np.arange(len(t), len(t) + len(b))
        ax.scatter(mdates.date2num(b["date"]), yb, marker="D", s=40, facecolor="none", edgecolor=_BENEFIT)
        self.benefits = ax.scatter(mdates.date2num(b["date"]), yb, marker="D", s=40, color=_BENEFIT)
        ax.axvline(mdates.date2num(base.finish), color=_LAUNCH, linestyle=":", lw=1)
        self.launch = ax.axvline(mdates.date2num(base.finish), color=_LAUNCH, linestyle="--", lw=1.2)
        names = t["name"] if "name" in t.columns else pd.Series(self.ids, index=self.ids)
        ax.set_yticks(np.arange(len(t) + len(b)), [_short(f"{i} {names[i]}") for i in self.ids]
                      + [_short(f"{i} {n}") for i, n in zip(b.index, b["name"], strict=True)])
        ax.tick_params(labelsize=7.5)
        ax.set_ylim(len(t) + len(b) - 0.4, -0.6)
        end = max(t["finish"].max(), b["date"].max() if len(b) else t["finish"].max())
        ax.set_xlim(mdates.date2num(t["start"].min() - 20 * day),
                    mdates.date2num(end + pd.Timedelta(weeks=max_weeks) + 20 * day))
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
        ax.set_xlabel("date (grey: as planned)", fontsize=8)
        self.title = ax.set_title("", fontsize=10)

    def update(self, sched, starts, title):
        t = sched.table
        finish = mdates.date2num(t["finish"] + pd.Timedelta(days=1))
        for bar, x0, x1, crit in zip(self.bars, mdates.date2num(starts), finish, t["critical"], strict=True):
            bar.set_x(x0)
            bar.set_width(x1 - x0)
            bar.set_color(_CRITICAL if crit else _NORMAL)
        if len(self.benefit_ids):
            dates = mdates.date2num(sched.benefits["date"].reindex(self.benefit_ids))
            self.benefits.set_offsets(np.column_stack([dates, np.arange(len(self.ids), len(self.ids) + len(dates))]))
        self.launch.set_xdata([mdates.date2num(sched.finish)] * 2)
        self.title.set_text(title)
        return self.fig


def _ripple_text(prog, base, r, project, weeks, label, flt) -> str:
    t = r.table
    lines = [f"{prog.id} {prog.name}: {label(project)} slips {weeks:g} week(s) (its total float: {flt:g} week(s)).",
             f"Launch: {r.slipped.finish:%d %b %Y} (planned {base.finish:%d %b %Y}): +{r.finish_delay_weeks:g} week(s)."]
    moved = [f"{i} +{m:g} wk" for i, k, m in zip(t.index, t["kind"], t["moved"], strict=True)
             if k == "project" and m > 0]
    lines.append("Projects that finish later: " + (", ".join(moved) or "none"))
    for bid, b in t[t["kind"] == "benefit"].iterrows():  # a program has a few benefits
        lines.append(f"Benefit {bid} ({b['name']}): lands {b['new']:%d %b %Y} "
                     f"({f'+{b.moved:g} wk' if b['moved'] > 0 else 'unchanged'})")
    if r.finish_delay_weeks == 0:
        lines.append(f"The program's float absorbs the slip: {min(weeks, flt):g} of {weeks:g} week(s) used.")
    lines.append("Chart: grey = as planned; red = critical, blue = has float; diamonds = benefit lands "
                 "(hollow: as planned); dashed line = launch.")
    return "\n".join(lines)


def program_ripple(prog=None, *, project=None, max_weeks: int = 16) -> Dashboard:
    """Slip one project by some weeks: which projects, benefit dates and the launch move.

    Controls: ``project`` (the project that slips) and ``weeks`` (its delay, 0 to
    ``max_weeks``). The text gives the launch date and its delay, every project and benefit
    that moves and by how much, and the slipping project's float (how much it could absorb);
    the chart is the cross-project Gantt with the plan in grey. Everything comes from
    :func:`pmlib.program.ripple` (each slip computed once, then remembered).

    Parameters
    ----------
    prog : Program, optional
        Default: the first program of ``programs.csv`` (the Home Services Launch,
        ``pm.program.load("PG-HOME")``).
    project : str, optional
        The project selected first (default: the first critical project); an unknown id is an error.
    max_weeks : int
        Largest slip on the slider.
    """
    prog = program.load(datasets.load("programs")["id"].iloc[0]) if prog is None else prog
    base = prog.schedule()
    ids = list(base.table.index)
    names = base.table["name"] if "name" in base.table.columns else None
    first = (base.critical_projects[0] if base.critical_projects else ids[0]) if project is None else project
    require_known_ids([first], ids, f"project (of {prog.id})", what="project")
    status_date = prog.status_date if prog.status_date is not None else datasets.STATUS_DATE
    chart = _RippleFigure(base, max_weeks)
    ripple = functools.lru_cache(maxsize=256)(lambda pid, w: prog.ripple({pid: w}, baseline=base))

    def label(pid):
        return f"{pid}: {names[pid]}" if names is not None else str(pid)

    def render(project, weeks):
        flt = float(base.table.loc[project, "total_float"])
        if weeks <= 0:
            text = (f"{prog.id} {prog.name}: {label(project)} slips 0 weeks (its total float: {flt:g} week(s)).\n"
                    f"No slip: launch {base.finish:%d %b %Y}, critical projects {' -> '.join(base.critical_projects)}.\n"
                    "Move the slider to delay the project and watch what moves.")
            return View(text, chart.update(base, base.table["start"], "As planned"))
        r = ripple(project, int(weeks))
        # projects already running at the status date keep their actual start: their bar stretches
        running = base.table["start"] <= pd.Timestamp(status_date)
        starts = r.slipped.table["start"].where(~running, np.minimum(r.slipped.table["start"], base.table["start"]))
        title = f"{project} +{weeks:g} wk: launch +{r.finish_delay_weeks:g} wk"
        table = r.table.assign(baseline=r.table["baseline"].dt.strftime("%d %b %Y"),
                               new=r.table["new"].dt.strftime("%d %b %Y"))
        return View(_ripple_text(prog, base, r, project, weeks, label, flt), chart.update(r.slipped, starts, title),
                    table.to_html(classes="pmlib-table", border=0, escape=True))

    controls = {
        "project": W.Dropdown(options=[(label(i), i) for i in ids], value=first, description="Project that slips",
                              layout=W.Layout(width="460px"), style={"description_width": "130px"}),
        "weeks": W.IntSlider(value=0, min=0, max=int(max_weeks), step=1, description="Weeks late",
                             continuous_update=False, style={"description_width": "130px"},
                             layout=W.Layout(width="400px")),
    }
    return Dashboard(controls, render, title=html.unescape(f"{prog.name}: the ripple of a slip"))
