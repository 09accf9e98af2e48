"""Figure of the exam-practice lesson: a mock exam's score by topic or by ECO domain.

Seaborn's convention: ``data=`` and ``ax=`` keywords, draws on the Axes (a new figure when
``ax`` is None) and returns it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .._validate import Real
from ..errors import InputError
from ._style import format_axis_percent, new_axes

__all__ = ["exam_score"]

#: One colour per domain of the PMP Examination Content Outline (July 2026).
DOMAIN_COLOURS = {"People": "#7b3294", "Process": "#2e86c1", "Business Environment": "#d68910"}


def exam_score(data, *, ax=None, below: float = 0.7, title: str | None = None):
    """Share of questions answered correctly, per topic (weakest first) or per ECO domain.

    Parameters
    ----------
    data : DataFrame
        ``exam.score(answers)`` (one row per topic: title, eco_domain, asked, correct, share) or
        ``exam.score_by_domain(answers)`` (one row per domain: asked, correct, share, exam_weight).
    below : float
        The share under which a topic counts as weak (drawn as a line; 0.7 = 70 %).
    title : str, optional

    Returns
    -------
    Axes
    """
    below = Real(ge=0, le=1).convert(below, "below")
    if not isinstance(data, pd.DataFrame) or not {"asked", "correct", "share"} <= set(data.columns):
        raise InputError("data must be a score table from exam.score(answers) or exam.score_by_domain(answers) "
                         "(columns asked, correct, share).")
    by_domain = "exam_weight" in data.columns
    table = data[data["asked"] > 0]
    if table.empty:
        raise InputError("data has no question asked: score an exam first.")
    if by_domain:
        table = table.assign(label=table.index.astype(str), domain=table.index.astype(str))
    else:
        if not {"title", "eco_domain"} <= set(table.columns):
            raise InputError("a score by topic needs the columns title and eco_domain (from exam.score(answers)).")
        table = table.sort_values(["share", "asked"], ascending=[False, True])
        table = table.assign(label=table["title"], domain=table["eco_domain"])
    height = max(3.0, 0.32 * len(table) + 1.9)
    ax = new_axes(ax, figsize=(9, height))
    y = np.arange(len(table))
    colours = [DOMAIN_COLOURS.get(d, "grey") for d in table["domain"]]
    ax.barh(y, table["share"].to_numpy(), color=colours, height=0.7)
    ax.scatter(np.zeros(len(y)), y, color=colours, marker="s", s=18, zorder=3)  # the domain of a 0 % bar too
    for yi, (_, row) in zip(y, table.iterrows(), strict=True):
        ax.text(min(row["share"], 1.0) + 0.01, yi, f"{int(row['correct'])}/{int(row['asked'])}", va="center",
                fontsize=8)
    ax.set_yticks(y, table["label"].tolist(), fontsize=8 if len(table) > 12 else 9)
    ax.axvline(below, color="black", linestyle="--", linewidth=1)
    ax.set_xlim(0, 1.12)
    format_axis_percent(ax, "x")
    ax.set_xlabel("share of questions answered correctly (%)")
    handles = [Patch(color=c, label=f"ECO: {d}") for d, c in DOMAIN_COLOURS.items() if d in set(table["domain"])]
    handles.append(Line2D([], [], color="black", linestyle="--", linewidth=1, label=f"weak below {below:.0%}"))
    fig = ax.figure
    if not any(getattr(leg, "_pmlib_exam_score", False) for leg in fig.legends):  # one legend per figure
        legend = fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), fontsize=8, frameon=False)
        legend._pmlib_exam_score = True
    if by_domain:
        for yi, (_, row) in zip(y, table.iterrows(), strict=True):
            ax.text(1.11, yi, f"{row['exam_weight']:.0%} of the PMP", va="center", ha="right", fontsize=8,
                    color="#555")
    ax.set_title(title or ("Mock exam score by ECO domain" if by_domain else "Mock exam score by topic (weakest at the top)"))
    return ax
