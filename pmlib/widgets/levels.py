"""Widgets of the levels lesson: the "which level decides this?" sorter and the level switcher."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .. import datasets, levels
from .. import portfolio as pf
from ..errors import InputError
from ..levels.compare import check_levels
from ._base import Dashboard, View
from ._figure import lean_figure

__all__ = ["level_sorter", "level_switcher"]


class _GridFigure:
    """The sorter's correct-level x picked-level grid, drawn once and updated (only non-zero cells labelled)."""

    def __init__(self):
        n = len(levels.LEVELS)
        self.fig = lean_figure(5, 3.6, left=0.22, right=0.97, bottom=0.16, top=0.9)
        ax = self.ax = self.fig.add_subplot()
        self.image = ax.imshow(np.zeros((n, n)), cmap="Blues", vmin=0, vmax=1)
        self.cells = [[ax.text(j, i, "", ha="center", va="center", fontsize=11) for j in range(n)] for i in range(n)]
        ax.set_xticks(range(n), levels.LEVELS)
        ax.set_yticks(range(n), levels.LEVELS)
        ax.set(xlabel="level you picked", ylabel="level that decides")
        self.title = ax.set_title("")

    def update(self, grid):
        values = grid.to_numpy(dtype=float)
        top = max(1.0, values.max())
        self.image.set_data(values)
        self.image.set_clim(0, top)
        for (i, j), v in np.ndenumerate(values):  # 16 cells
            self.cells[i][j].set_text(f"{v:.0f}" if v else "")
            self.cells[i][j].set_color("white" if v > top / 2 else "black")
        self.title.set_text(f"Which level decides this? {np.trace(values):.0f} of {values.sum():.0f} right")
        return self.fig


def _short(text: str, width: int = 88) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def level_sorter(data=None, *, start: str | None = None) -> Dashboard:
    """Sort decisions by level: pick a statement, pick project / program / portfolio / product.

    Feedback is immediate (right or wrong, and the reason); the dashboard keeps the score of
    the picks so far and draws them as a correct-level x picked-level grid (the picture of
    :func:`pmlib.plots.decision_confusion`, updated in place). Choosing another statement
    clears the pick.

    Parameters
    ----------
    data : DataFrame, optional
        Your own statements (columns ``id``, ``statement``, ``level``, ``reason``); default
        ``datasets/decisions.csv`` through :func:`pmlib.levels.decisions`.
    start : str, optional
        Id of the first statement shown (default: the first one); an unknown id is an error.

    Returns
    -------
    Dashboard
        Controls ``decision`` (statement id) and ``level`` (None until picked). The
        dashboard's ``answers`` dict holds the latest pick per statement.
    """
    table = levels.decisions(data)
    ids = table.index.tolist()
    first = ids[0] if start is None else str(start)
    if first not in table.index:
        levels.check_decision(first, "project", table)  # raises the UnknownIdError naming it
    answers: dict[str, str] = {}
    grid = _GridFigure()

    def render(decision, level):
        lines = [f"{decision}: {table.loc[decision, 'statement']}"]
        if not level:
            lines.append("Which level decides this? Pick project, program, portfolio or product.")
        else:
            verdict = levels.check_decision(decision, level, table)
            answers[decision] = verdict.given
            lines.append(f"Your pick: {verdict.given}. {verdict.message}")
        if not answers:
            lines.append(f"Score so far: none answered yet ({len(table)} statements to sort).")
            return View("\n".join(lines), None)
        scored = levels.score_answers(answers, table)
        lines.append(f"Score so far: {int(scored['correct'].sum())} of {len(scored)} right "
                     f"({len(scored)} of {len(table)} statements answered).")
        return View("\n".join(lines), grid.update(levels.confusion(scored)))

    decision = W.Dropdown(options=[(f"{i}: {_short(table.loc[i, 'statement'])}", i) for i in ids], value=first,
                          description="Decision", layout=W.Layout(width="720px"),
                          style={"description_width": "70px"})
    level = W.ToggleButtons(options=[(lv.capitalize(), lv) for lv in levels.LEVELS], value=None,
                            description="Level", style={"description_width": "70px", "button_width": "110px"})
    dashboard = None

    def clear_pick(_change):  # registered before the Dashboard's own observer: runs first
        if dashboard is not None:
            with dashboard.hold():  # the new statement's own change redraws once
                level.value = None

    decision.observe(clear_pick, names="value")
    dashboard = Dashboard({"decision": decision, "level": level}, render,
                          title="Which level decides this?", columns=1)
    dashboard.answers = answers
    return dashboard


def _focus_options(budget):
    """What each level can look at, from the data: in-flight projects with status, programs,
    budgets around the funding round's, product lines."""
    projects = datasets.load("projects")
    status = datasets.load("status_periods")
    names = projects.set_index("id")["name"]
    in_flight = [p for p in projects.loc[projects["status"] == "in_flight", "id"] if p in set(status["project_id"])]
    plan = datasets.load("funding_scenarios")["budget"].iloc[0] if budget is None else float(budget)
    budgets = sorted({round(plan * f, -2) for f in (0.5, 0.75, 1.0, 4 / 3, 5 / 3)})
    return {
        "project": [(f"{p} {names[p]}", p) for p in in_flight],
        "program": [(f"{r.id} {r.name}", r.id) for r in datasets.load("programs").itertuples()],
        "portfolio": [(f"budget {b:,.0f} k$", f"{b:g}") for b in budgets],
        "product": [(f"{r.id} {r.name}", r.id) for r in datasets.load("product_lines").itertuples()],
    }, f"{plan:g}"


def level_switcher(level: str = "project", *, focus: str | None = None, budget: float | None = None) -> Dashboard:
    """One dashboard of the organisation, redrawn at the level you choose.

    - **project**: one in-flight project's earned value at the status date (CPI, SPI(t), EAC)
      and, where it has one, its activity network (critical path);
    - **program**: a program's projects rolled up (CPI/SPI from sums vs the average), its
      finish by the project network and its chartered benefit;
    - **portfolio**: the candidates ranked by strategic alignment and the optimal funded set
      for a budget, plus the zombies among in-flight work;
    - **product**: a product line's lifecycle stage, strategy and KPI trend.

    Every number comes from :mod:`pmlib.levels`' views (which call ``pm.evm``, ``pm.schedule``,
    ``pm.program`` and ``pm.portfolio``), computed once when the dashboard is built; each
    chart (:func:`pmlib.plots.level_view_chart`) is drawn the first time it is shown.

    Parameters
    ----------
    level : str
        The level shown first.
    focus : str, optional
        What that level looks at first (a project, program, budget in k$ or product line
        id; default: the first of the level's options); an unknown one is an error.
    budget : float, optional
        The portfolio budget the options are built around (default: the first funding
        round's, ``funding_scenarios.csv``): half, three quarters, the same, 4/3 and 5/3 of it.

    Returns
    -------
    Dashboard
        Controls ``level`` (project / program / portfolio / product) and ``focus`` (its
        options follow the level).
    """
    from ..plots.levels import level_view_chart

    check_levels([level])
    options, plan_budget = _focus_options(budget)
    defaults = {lv: opts[0][1] for lv, opts in options.items()}
    defaults["portfolio"] = plan_budget if plan_budget in {v for _, v in options["portfolio"]} else defaults["portfolio"]
    if focus is not None:
        if focus not in {v for _, v in options[level]}:
            raise InputError(f"focus={focus!r} is not one of the {level} options: "
                             f"{', '.join(v for _, v in options[level])}.")
        defaults[level] = focus
    projects, status = datasets.load("projects"), datasets.load("status_periods")
    zombies = pf.zombies(projects, status, weights=datasets.load("strategic_objectives").set_index("id")["weight"])
    make = {"project": lambda f: levels.project_view(f, status=status, projects=projects),
            "program": levels.program_view,
            "portfolio": lambda f: levels.portfolio_view(float(f), projects=projects, status=status, zombies=zombies),
            "product": lambda f: levels.product_view(f, projects=projects)}
    views = {(lv, f): make[lv](f) for lv, opts in options.items() for _, f in opts}
    charts: dict = {}

    def render(level, focus):
        if (level, focus) not in views:  # a front end out of step: say so, never show another focus
            raise InputError(f"{focus!r} is not one of the {level} options.")
        if (level, focus) not in charts:
            fig = lean_figure(8, 3.4, frozen=True, left=0.12, right=0.97, bottom=0.17, top=0.9)
            level_view_chart(views[level, focus], ax=fig.add_subplot())
            charts[level, focus] = fig
        return View(views[level, focus].text, charts[level, focus])

    level_control = W.ToggleButtons(options=[(lv.capitalize(), lv) for lv in levels.LEVELS], value=level,
                                    description="Level", style={"description_width": "60px", "button_width": "100px"})
    focus_control = W.Dropdown(options=options[level], value=defaults[level], description="Look at",
                               layout=W.Layout(width="420px"), style={"description_width": "60px"})
    dashboard = None

    def swap_focus(change):  # registered before the Dashboard's observer, so it runs first
        if dashboard is not None:
            with dashboard.hold():  # swap the list quietly: the level's own change redraws once
                focus_control.options = options[change["new"]]
                focus_control.value = defaults[change["new"]]

    level_control.observe(swap_focus, names="value")
    dashboard = Dashboard({"level": level_control, "focus": focus_control}, render,
                          title="Alderbrook Retail Group at four levels", columns=1)
    return dashboard
