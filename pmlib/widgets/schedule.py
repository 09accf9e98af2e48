"""Widget of the schedule lesson: edit an activity's estimate, watch the critical path and P80 move."""

from __future__ import annotations

import html

import ipywidgets as W

from .. import datasets, schedule
from ._base import Dashboard, View
from ._figure import lean_figure, reuse_axes

__all__ = ["schedule_explorer"]

DISTRIBUTIONS = {"Beta-PERT": "pert", "triangular": "triangular", "uniform": "uniform"}


def schedule_explorer(activities=None, *, start=None, deadline=None, n: int = 3_000, seed: int = 0,
                      unit: str = "working days") -> Dashboard:
    """Change an activity's three-point estimate or the deadline: CPM, PERT and Monte Carlo update.

    Controls: ``activity`` (which activity to edit), ``optimistic`` / ``most_likely`` /
    ``pessimistic`` (its estimate; CPM uses the most likely value as the duration),
    ``deadline`` (in ``unit`` from the project start) and ``distribution`` of the simulation.
    The text gives the CPM duration and critical path, PERT's expected duration and chance of
    meeting the deadline, and the simulated P50 / P80 / P90 and chance; the chart is the
    completion histogram with its S-curve (the lesson draws the Gantt chart beside it).

    A deadline change reuses the simulation (only the chance of meeting it is recounted); a
    distribution change reruns the simulation only, an estimate change CPM, PERT and the
    simulation once. The figure is
    one reused canvas, so one control change stays well under 150 ms of CPU on P01.

    Parameters
    ----------
    activities : DataFrame, optional
        ``id``, ``predecessors``, ``optimistic``, ``most_likely``, ``pessimistic`` (``name``
        optional). Default: project P01's network, ``pm.datasets.load("activities")``.
    start : date-like, optional
        Project start, to express the P-dates as calendar dates (Monday-Friday). Default for
        the bundled data: P01's start in ``projects.csv``.
    deadline : float, optional
        The promised duration (in ``unit``) the slider starts at. Default for the bundled
        data: P01's baseline finish in ``projects.csv`` (26 Mar 2027, 299 working days after
        its start, as in the lesson); for your own data, the PERT expected duration.
    n, seed : int
        Monte Carlo iterations and seed (same seed, same figures).
    """

    from ..plots.schedule import completion_histogram

    if activities is None:
        table = datasets.load("activities")
        projects = datasets.load("projects").set_index("id")
        if start is None:
            start = projects.loc["P01", "start"]
        if deadline is None:
            deadline = schedule.working_days_between(projects.loc["P01", "start"], projects.loc["P01", "finish"])
        title = "P01 Service booking back end: when will it finish?"
    else:
        table = activities.copy() if hasattr(activities, "copy") else activities
        import pandas as pd

        table = pd.DataFrame(table)
        title = "When will it finish?"
    base = schedule.pert(table)  # validates once, with a clear error, before building controls
    table = table.set_index("id", drop=False)
    original = {a: (float(r.optimistic), float(r.most_likely), float(r.pessimistic)) for a, r in table.iterrows()}
    edits = dict(original)
    ids = list(table.index)
    top = max(10.0, float(table["pessimistic"].max()) * 1.5)
    if deadline is None:
        deadline = round(base.duration)
    deadline = int(round(float(deadline)))
    lo_deadline = min(int(base.duration * 0.8), deadline - 10)
    hi_deadline = max(int(base.duration * 1.35) + 1, deadline + 10)
    state: dict = {}

    def label(a):
        name = table.loc[a, "name"] if "name" in table.columns else ""
        return f"{a}: {name}" if isinstance(name, str) and name else str(a)

    style = {"description_width": "190px"}  # "Pessimistic (working days)" in full, two controls to a row
    slider = dict(min=0.0, max=top, step=1.0, continuous_update=False, style=style, layout=W.Layout(width="440px"))
    first = ids[0]
    controls = {
        "activity": W.Dropdown(options=[(label(a), a) for a in ids], value=first, description="Activity to edit",
                               layout=W.Layout(width="440px"), style=style),
        "distribution": W.Dropdown(options=list(DISTRIBUTIONS.items()), value="pert",
                                   description="Simulated distribution", style=style, layout=W.Layout(width="440px")),
        "optimistic": W.FloatSlider(value=edits[first][0], description=f"Optimistic ({unit})", **slider),
        "most_likely": W.FloatSlider(value=edits[first][1], description=f"Most likely ({unit})", **slider),
        "pessimistic": W.FloatSlider(value=edits[first][2], description=f"Pessimistic ({unit})", **slider),
        "deadline": W.IntSlider(value=deadline, min=lo_deadline, max=hi_deadline,
                                description=f"Deadline ({unit})", continuous_update=False, style=style,
                                layout=W.Layout(width="440px")),
    }

    def on_activity(change):
        # show the chosen activity's current estimate without writing it anywhere else
        # (the dashboard's own observer of the dropdown then redraws once)
        a = change["new"]
        sliders = [controls[c] for c in ("optimistic", "most_likely", "pessimistic")]
        with state["dashboard"].hold():
            for w, v in zip(sliders, edits[a], strict=True):
                w.value = v

    controls["activity"].observe(on_activity, names="value")  # runs before the dashboard's refresh

    def current_table():
        t = table.reset_index(drop=True).copy()
        t["optimistic"] = [edits[a][0] for a in t["id"]]
        t["most_likely"] = [edits[a][1] for a in t["id"]]
        t["pessimistic"] = [edits[a][2] for a in t["id"]]
        t["duration"] = t["most_likely"]
        return t

    def when(days):
        if start is None:
            return f"{days:,.1f} {unit}"
        date = schedule.working_days_to_dates(days, start)
        return f"{days:,.1f} {unit} ({date:%d %b %Y})"

    figure = lean_figure(8.0, 3.3)  # one canvas, redrawn in place

    def results(distribution):
        """CPM, PERT and the simulation for the current estimates: CPM and PERT are recomputed only
        when an estimate changes, the simulation when an estimate or the distribution does."""
        estimates = tuple(sorted(edits.items()))
        if state.get("estimates") != estimates:
            state["table"] = t = current_table()
            state["estimates"], state["analytic"] = estimates, (schedule.cpm(t), schedule.pert(t))
        if state.get("simulated") != (estimates, distribution):
            state["simulated"] = (estimates, distribution)
            state["mc"] = schedule.monte_carlo(state["table"], n=n, seed=seed, distribution=distribution)
        return (*state["analytic"], state["mc"])

    def render(activity, distribution, optimistic, most_likely, pessimistic, deadline):
        if not optimistic <= most_likely <= pessimistic:
            raise ValueError(f"activity {activity!r}: optimistic {optimistic:g}, most likely {most_likely:g}, "
                             f"pessimistic {pessimistic:g} must satisfy optimistic <= most likely <= pessimistic.")
        edits[activity] = (float(optimistic), float(most_likely), float(pessimistic))
        s, p, mc = results(distribution)
        changed = [a for a in ids if edits[a] != original[a]]
        lines = [
            f"Edited: {', '.join(f'{a} {edits[a][0]:g}/{edits[a][1]:g}/{edits[a][2]:g}' for a in changed) or 'nothing yet'}",
            f"CPM on most likely durations: {when(s.duration)}",
            f"Critical path: {' -> '.join(map(str, s.critical_path))}",
            f"PERT expected duration: {when(p.duration)}, sd {p.sd:,.1f} {unit}",
            f"Monte Carlo ({distribution}, {n:,} iterations): P50 {when(mc.percentile(50))}, "
            f"P80 {when(mc.percentile(80))}, P90 {when(mc.percentile(90))}",
            f"Deadline {when(deadline)}: chance of meeting it {mc.probability(deadline):.0%} simulated, "
            f"{p.probability(deadline):.0%} by PERT's normal approximation",
            f"Merge bias: simulated mean {mc.mean:,.1f} vs {mc.deterministic:,.1f} on mean durations "
            f"(+{mc.merge_bias:,.1f} {unit})",
        ]
        if "axes" not in state:
            ax = figure.add_axes([0.08, 0.15, 0.56, 0.74])
            state["axes"] = (ax, ax.twinx())
        ax, twin = state["axes"]
        reuse_axes(ax, twin)  # as clear(), keeping the ticks
        completion_histogram(mc, ax=ax, twin=twin, deadline=deadline, pert=p, unit=unit, bins=40,
                             percentiles=(50, 80), legend="right", title="Simulated project duration")
        crit = mc.table.sort_values("criticality", ascending=False).head(8)
        rows = "".join(
            f"<tr><td>{html.escape(label(a))}</td><td>{r.criticality:.0%}</td><td>{r.cruciality:.2f}</td></tr>"
            for a, r in crit.iterrows()
        )
        table_html = ("<table><tr><th>activity</th><th>critical in (share of iterations)</th>"
                      f"<th>cruciality</th></tr>{rows}</table>")
        return View("\n".join(lines), figure, table_html)

    state["dashboard"] = Dashboard(controls, render, title=title)
    return state["dashboard"]
