"""Widgets of the levels lesson: the "which level decides this?" sorter and the level switcher."""

from __future__ import annotations

import ipywidgets as W

from .. import levels
from ._base import Dashboard, View

__all__ = ["level_sorter"]


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

    def clear_pick(_change):  # registered before the Dashboard's own observer: runs first
        level.value = None

    decision.observe(clear_pick, names="value")
    dashboard = Dashboard({"decision": decision, "level": level}, render,
                          title="Which level decides this?", columns=1)
    dashboard.answers = answers
    return dashboard
