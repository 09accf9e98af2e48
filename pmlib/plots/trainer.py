"""Figures for trainers: how a class did, topic by topic."""

from __future__ import annotations

import pandas as pd

from ._style import format_axis_percent, new_axes

__all__ = ["weakest_topics"]


def weakest_topics(data: pd.DataFrame, *, n: int = 10, ax=None):
    """Horizontal bars of the share of correct answers for the ``n`` weakest topics.

    Parameters
    ----------
    data : DataFrame
        One row per topic with columns ``topic``, ``asked``, ``correct`` and ``share``
        (the per-topic table of :func:`pmlib.trainer.results`).
    n : int
        How many topics to show (the lowest shares, ties broken by more questions asked).
    ax : Axes, optional

    Returns
    -------
    Axes
    """
    missing = [c for c in ("topic", "asked", "correct", "share") if c not in data.columns]
    if missing:
        raise ValueError(f"weakest_topics: data lacks column(s) {missing}; found {list(data.columns)}.")
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"weakest_topics: n must be a whole number >= 1, not {n!r}.")
    rows = data.sort_values(["share", "asked"], ascending=[True, False]).head(n).iloc[::-1]
    ax = new_axes(ax, figsize=(8, max(2.5, 0.45 * len(rows) + 1.3)))
    colours = ["#c0392b" if s < 0.5 else "#e67e22" if s < 0.7 else "#2e86c1" for s in rows["share"]]
    ax.barh(rows["topic"].astype(str), rows["share"], color=colours)
    for y, (share, correct, asked) in enumerate(zip(rows["share"], rows["correct"], rows["asked"], strict=True)):
        ax.text(min(share, 1.0) + 0.01, y, f"{correct}/{asked}", va="center", fontsize=9)
    ax.axvline(0.7, color="#555", linestyle="--", linewidth=1)
    ax.set_xlim(0, 1.12)
    format_axis_percent(ax, axis="x")
    ax.set_xlabel("answers correct (% of answers given; label: correct/asked)")
    ax.set_ylabel("practice topic")
    ax.set_title(f"The class's weakest topics ({len(rows)} of {len(data)})")
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(color="#c0392b", label="below 50 %"), Patch(color="#e67e22", label="50 % to 70 %"),
               Patch(color="#2e86c1", label="70 % or more"),
               Line2D([], [], color="#555", linestyle="--", linewidth=1, label="70 % line")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=4, fontsize=9,
              frameon=False)
    return ax
