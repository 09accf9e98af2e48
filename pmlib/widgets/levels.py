"""Widgets of the levels lesson: the "which level decides this?" sorter and the level switcher."""

from __future__ import annotations

import ipywidgets as W

from .. import levels
from ._base import Dashboard, View

__all__ = ["level_sorter", "level_switcher"]


def level_sorter(data=None, *, start: str | None = None) -> Dashboard:
    """Sort decisions by level: pick a statement, pick project / program / portfolio / product.

    Feedback is immediate (right or wrong, and the reason); the dashboard keeps the score of
    the picks so far and draws them as a correct-level x picked-level grid
    (:func:`pmlib.plots.decision_confusion`). Choosing another statement clears the pick.

    Parameters
    ----------
    data : DataFrame, optional
        Your own statements (columns ``id``, ``statement``, ``level``, ``reason``); default
        ``datasets/decisions.csv`` through :func:`pmlib.levels.decisions`.
    start : str, optional
        Id of the first statement shown (default: the first one).

    Returns
    -------
    Dashboard
        Controls ``decision`` (statement id) and ``level`` (None until picked). The
        dashboard's ``answers`` dict holds the latest pick per statement.
    """
    from ..plots.levels import decision_confusion

    table = levels.decisions(data)
    ids = table.index.tolist()
    first = ids[0] if start is None else str(start)
    if first not in table.index:
        levels.check_decision(first, "project", data)  # raises the UnknownIdError naming it
    answers: dict[str, str] = {}

    def short(text: str, width: int = 88) -> str:
        return text if len(text) <= width else text[: width - 1].rstrip() + "…"

    def render(decision, level):
        statement = table.loc[decision, "statement"]
        lines = [f"{decision}: {statement}"]
        if not level:
            lines.append("Which level decides this? Pick project, program, portfolio or product.")
        else:
            verdict = levels.check_decision(decision, level, data)
            answers[decision] = verdict.given
            lines.append(f"Your pick: {verdict.given}. {verdict.message}")
        if answers:
            scored = levels.score_answers(answers, data)
            right = int(scored["correct"].sum())
            lines.append(f"Score so far: {right} of {len(scored)} right "
                         f"({len(scored)} of {len(table)} statements answered).")
            ax = decision_confusion(levels.confusion(scored))
            figure = ax.figure
        else:
            lines.append(f"Score so far: none answered yet ({len(table)} statements to sort).")
            figure = None
        return View("\n".join(lines), figure)

    decision = W.Dropdown(options=[(f"{i}: {short(table.loc[i, 'statement'])}", i) for i in ids], value=first,
                          description="Decision", layout=W.Layout(width="720px"),
                          style={"description_width": "70px"})
    level = W.ToggleButtons(options=[(lv.capitalize(), lv) for lv in levels.LEVELS], value=None,
                            description="Level", style={"description_width": "70px", "button_width": "110px"})

    dashboard = None

    def clear_pick(_change):  # registered before the Dashboard's own observer: runs first
        if dashboard is None:
            return
        with dashboard.hold():  # the new statement's own change redraws once
            level.value = None

    decision.observe(clear_pick, names="value")
    dashboard = Dashboard({"decision": decision, "level": level}, render,
                          title="Which level decides this?", columns=1)
    dashboard.answers = answers
    return dashboard


def level_switcher(level: str = "project") -> Dashboard:
    """One dashboard of the organisation, redrawn at the level you choose.

    - **project**: one in-flight project's earned value at the status date (S-curve, CPI,
      SPI, EAC) and, where it has one, its activity network (critical path);
    - **program**: a program's projects rolled up (CPI/SPI from sums vs the average), its
      finish by the project network and its chartered benefit;
    - **portfolio**: the candidates ranked by strategic alignment and the optimal funded set
      for a budget, plus the zombies among in-flight work;
    - **product**: a product line's lifecycle stage, strategy and KPI trend.

    Every number comes from :mod:`pmlib.levels`' views, which call ``pm.evm``,
    ``pm.schedule``, ``pm.program`` and ``pm.portfolio``.

    Parameters
    ----------
    level : str
        The level shown first.

    Returns
    -------
    Dashboard
        Controls ``level`` (project / program / portfolio / product) and ``focus`` (the
        project, program, budget in k$ or product line; its options follow the level).
    """
    from .. import datasets
    from .. import plots as P

    if level not in levels.LEVELS:
        raise ValueError(f"level={level!r}: use one of {', '.join(levels.LEVELS)}.")
    projects = datasets.load("projects")
    status = datasets.load("status_periods")
    programs = datasets.load("programs")
    lines = datasets.load("product_lines")
    names = projects.set_index("id")["name"]
    in_flight = [p for p in projects.loc[projects["status"] == "in_flight", "id"] if p in set(status["project_id"])]
    options = {
        "project": [(f"{p} {names[p]}", p) for p in in_flight],
        "program": [(f"{r.id} {r.name}", r.id) for r in programs.itertuples()],
        "portfolio": [(f"budget {b:,} k$", str(b)) for b in (3000, 4500, 6000, 8000, 10000)],
        "product": [(f"{r.id} {r.name}", r.id) for r in lines.itertuples()],
    }
    defaults = {"project": "P01", "program": "PG-HOME", "portfolio": "6000", "product": "PL-A"}

    def render(level, focus):
        valid = [v for _, v in options[level]]
        if focus not in valid:  # the focus list is being swapped for the new level
            focus = defaults[level] if defaults[level] in valid else valid[0]
        if level == "project":
            view = levels.project_view(focus, status=status, projects=projects)
            ax = P.evm_s_curve(view.data["time_phased"], title=f"Project {focus}: PV, EV and AC at the status date")
        elif level == "program":
            view = levels.program_view(focus)
            ax = P.program_indices_chart(view.data["rollup"])
        elif level == "portfolio":
            view = levels.portfolio_view(float(focus), projects=projects, status=status)
            ax = P.portfolio_selection_chart(view.table)
        else:
            view = levels.product_view(focus, projects=projects)
            ax = P.product_lifecycle(highlight=focus)
        return View(view.text, ax.figure)

    level_control = W.ToggleButtons(options=[(lv.capitalize(), lv) for lv in levels.LEVELS], value=level,
                                    description="Level", style={"description_width": "60px", "button_width": "100px"})
    focus_control = W.Dropdown(options=options[level], value=defaults[level], description="Look at",
                               layout=W.Layout(width="420px"), style={"description_width": "60px"})

    dashboard = None

    def swap_focus(change):  # registered before the Dashboard's observer, so it runs first
        new = change["new"]
        if dashboard is None:
            return
        with dashboard.hold():  # swap the list quietly: the level's own change redraws once
            focus_control.options = options[new]
            focus_control.value = defaults[new]

    level_control.observe(swap_focus, names="value")
    dashboard = Dashboard({"level": level_control, "focus": focus_control}, render,
                          title="Alderbrook Retail Group at four levels", columns=1)
    return dashboard
