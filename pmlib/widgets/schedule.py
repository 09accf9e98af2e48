"""Widget of the schedule lesson: edit an activity's estimate, watch the critical path and P80 move."""

from __future__ import annotations

import html

import ipywidgets as W

from .. import datasets, schedule
from ._base import Dashboard, View

__all__ = ["schedule_explorer"]

DISTRIBUTIONS = {"Beta-PERT": "pert", "triangular": "triangular", "uniform": "uniform"}


def schedule_explorer(activities=None, *, start=None, n: int = 5_000, seed: int = 0,
                      unit: str = "working days") -> Dashboard:
    """Change an activity's three-point estimate or the deadline: CPM, PERT and Monte Carlo update.

    Controls: ``activity`` (which activity to edit), ``optimistic`` / ``most_likely`` /
    ``pessimistic`` (its estimate; CPM uses the most likely value as the duration),
    ``deadline`` (in ``unit`` from the project start) and ``distribution`` of the simulation.
    The text gives the CPM duration and critical path, PERT's expected duration and chance of
    meeting the deadline, and the simulated P50 / P80 / P90 and chance; the chart is the Gantt
    (critical path in red) above the completion histogram with its S-curve.

    Parameters
    ----------
    activities : DataFrame, optional
        ``id``, ``predecessors``, ``optimistic``, ``most_likely``, ``pessimistic`` (``name``
        optional). Default: project P01's network, ``pm.datasets.load("activities")``.
    start : date-like, optional
        Project start, to express the P-dates as calendar dates (Monday-Friday). Default for
        the bundled data: P01's start in ``projects.csv``.
    n, seed : int
        Monte Carlo iterations and seed (same seed, same figures).
    """
    import matplotlib.pyplot as plt

    from ..plots.schedule import completion_histogram, gantt

    if activities is None:
        table = datasets.load("activities")
        if start is None:
            projects = datasets.load("projects").set_index("id")
            start = projects.loc["P01", "start"]
        title = "P01 Service booking back end: when will it finish?"
    else:
        table = schedule._frame(activities)
        title = "When will it finish?"
    schedule.pert(table)  # validate once, with a clear error, before building controls
    table = table.set_index("id", drop=False)
    edits = {a: (float(r.optimistic), float(r.most_likely), float(r.pessimistic)) for a, r in table.iterrows()}
    ids = list(table.index)
    top = max(10.0, float(table["pessimistic"].max()) * 1.5)
    base = schedule.pert(table.reset_index(drop=True))
    lo_deadline = int(base.duration * 0.8)
    hi_deadline = int(base.duration * 1.35) + 1
    state: dict = {}

    def label(a):
        name = table.loc[a, "name"] if "name" in table.columns else ""
        return f"{a}: {name}" if isinstance(name, str) and name else str(a)

    slider = dict(min=0.0, max=top, step=1.0, continuous_update=False, style={"description_width": "90px"},
                  layout=W.Layout(width="360px"))
    first = ids[0]
    controls = {
        "activity": W.Dropdown(options=[(label(a), a) for a in ids], value=first, description="Activity",
                               layout=W.Layout(width="360px"), style={"description_width": "90px"}),
        "distribution": W.Dropdown(options=list(DISTRIBUTIONS.items()), value="pert", description="Distribution",
                                   style={"description_width": "90px"}),
        "optimistic": W.FloatSlider(value=edits[first][0], description="Optimistic", **slider),
        "most_likely": W.FloatSlider(value=edits[first][1], description="Most likely", **slider),
        "pessimistic": W.FloatSlider(value=edits[first][2], description="Pessimistic", **slider),
        "deadline": W.IntSlider(value=int(round(base.duration)), min=lo_deadline, max=hi_deadline,
                                description="Deadline", continuous_update=False,
                                style={"description_width": "90px"}, layout=W.Layout(width="360px")),
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

    def render(activity, distribution, optimistic, most_likely, pessimistic, deadline):
        if not optimistic <= most_likely <= pessimistic:
            raise ValueError(f"activity {activity!r}: optimistic {optimistic:g}, most likely {most_likely:g}, "
                             f"pessimistic {pessimistic:g} must satisfy optimistic <= most likely <= pessimistic.")
        edits[activity] = (float(optimistic), float(most_likely), float(pessimistic))
        t = current_table()
        s = schedule.cpm(t)
        p = schedule.pert(t)
        mc = schedule.monte_carlo(t, n=n, seed=seed, distribution=distribution)
        changed = [a for a in ids if edits[a] != (float(table.loc[a, "optimistic"]), float(table.loc[a, "most_likely"]),
                                                  float(table.loc[a, "pessimistic"]))]
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
        k = len(t)
        fig, axes = plt.subplots(2, 1, figsize=(9, 0.26 * k + 6.2), layout="constrained",
                                 gridspec_kw={"height_ratios": [max(2.0, 0.26 * k), 3.2]})
        gantt(s, ax=axes[0], start=start, unit=unit,
              title=f"Gantt on most likely durations: {s.duration:g} {unit}, critical path in red")
        completion_histogram(mc, ax=axes[1], deadline=deadline, pert=p, unit=unit)
        crit = mc.table.sort_values("criticality", ascending=False).head(8)
        rows = "".join(
            f"<tr><td>{html.escape(str(a))}</td><td>{r.criticality:.0%}</td><td>{r.cruciality:.2f}</td></tr>"
            for a, r in crit.iterrows()
        )
        table_html = ("<table><tr><th>activity</th><th>criticality</th><th>cruciality</th></tr>"
                      f"{rows}</table>")
        return View("\n".join(lines), fig, table_html)

    state["dashboard"] = Dashboard(controls, render, title=title)
    return state["dashboard"]
