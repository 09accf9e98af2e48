"""Widget of the program lesson: slip one project, watch the ripple reach projects, launch and benefits."""

from __future__ import annotations

import html

import ipywidgets as W

from .. import datasets, program
from ._base import Dashboard, View

__all__ = ["program_ripple"]


def program_ripple(prog=None, *, max_weeks: int = 16) -> Dashboard:
    """Slip one project by some weeks: which projects, benefit dates and the launch move.

    Controls: ``project`` (the project that slips) and ``weeks`` (its delay, 0 to
    ``max_weeks``). The text gives the launch date and its delay, every project and benefit
    that moves and by how much, and the slipping project's float (how much it could absorb);
    the chart is the cross-project Gantt with the plan in grey
    (:func:`pmlib.plots.program_gantt`). Everything comes from :func:`pmlib.program.ripple`.

    Parameters
    ----------
    prog : Program, optional
        Default: the Home Services Launch program, ``pm.program.load("PG-HOME")``.
    max_weeks : int
        Largest slip on the slider.
    """
    from ..plots.program import program_gantt

    prog = program.load("PG-HOME") if prog is None else prog
    base = prog.schedule()
    ids = list(base.table.index)
    names = base.table["name"] if "name" in base.table.columns else None
    first = base.critical_projects[0] if base.critical_projects else ids[0]
    status_date = prog.status_date if prog.status_date is not None else datasets.STATUS_DATE

    def label(pid):
        return f"{pid}: {names[pid]}" if names is not None else str(pid)

    def render(project, weeks):
        flt = float(base.table.loc[project, "total_float"])
        head = f"{prog.id} {prog.name}: {label(project)} slips {weeks:g} week(s) (its total float: {flt:g} week(s))."
        if weeks <= 0:
            text = (f"{head}\nNo slip: launch {base.finish:%d %b %Y}, "
                    f"critical projects {' -> '.join(base.critical_projects)}.\n"
                    "Move the slider to delay the project and watch what moves.")
            return View(text, program_gantt(base, status_date=status_date).figure)
        r = prog.ripple({project: weeks})
        t = r.table
        lines = [head,
                 f"Launch: {r.slipped.finish:%d %b %Y} (planned {r.baseline.finish:%d %b %Y}): "
                 f"+{r.finish_delay_weeks:g} week(s)."]
        moved_projects = [f"{i} +{t.loc[i, 'moved']:g} wk" for i in t.index if t.loc[i, "kind"] == "project" and t.loc[i, "moved"] > 0]
        lines.append("Projects that finish later: " + (", ".join(moved_projects) or "none"))
        bens = t[t["kind"] == "benefit"]
        for bid, b in bens.iterrows():
            move = f"+{b['moved']:g} wk" if b["moved"] > 0 else "unchanged"
            lines.append(f"Benefit {bid} ({b['name']}): lands {b['new']:%d %b %Y} ({move})")
        absorbed = min(weeks, flt) if weeks > 0 else 0.0
        if r.finish_delay_weeks == 0:
            lines.append(f"The program's float absorbs the slip: {absorbed:g} of {weeks:g} week(s) used.")
        table = t.assign(baseline=t["baseline"].dt.strftime("%d %b %Y"), new=t["new"].dt.strftime("%d %b %Y"))
        fig = program_gantt(r, status_date=status_date).figure
        return View("\n".join(lines), fig, table.to_html(classes="pmlib-table", border=0, escape=True))

    controls = {
        "project": W.Dropdown(options=[(label(i), i) for i in ids], value=first, description="Project slips",
                              layout=W.Layout(width="420px"), style={"description_width": "100px"}),
        "weeks": W.IntSlider(value=0, min=0, max=int(max_weeks), step=1, description="Weeks late",
                             continuous_update=False, style={"description_width": "90px"},
                             layout=W.Layout(width="380px")),
    }
    return Dashboard(controls, render, title=html.unescape(f"{prog.name}: the ripple of a slip"))
