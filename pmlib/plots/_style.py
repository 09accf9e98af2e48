"""Shared look of pmlib figures: sizes readable on a laptop, money and percent axes."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, PercentFormatter

__all__ = ["new_axes", "format_axis_money", "format_axis_percent", "money", "money_label", "below_axes"]

#: Default figure size (inches): readable in a laptop-width notebook.
FIGSIZE = (8, 4.5)


def new_axes(ax=None, figsize=FIGSIZE):
    """Return ``ax`` or a new Axes on a fresh figure of ``figsize``."""
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def money(value: float, unit: str = "k$") -> str:
    """'1,234 k$' style label; large values in M$ when the unit is k$."""
    if unit == "k$" and abs(value) >= 10_000:
        return f"{value / 1000:,.1f} M$"
    return f"{value:,.0f} {unit}"


def money_label(value: float, unit: str = "k$") -> str:
    """:func:`money` with the dollar sign escaped, so two amounts in one label are not read as maths."""
    return money(value, unit).replace("$", r"\$")


def below_axes(ax, points: float) -> float:
    """An axes-fraction y offset ``points`` below the axes (clear of the x tick labels and label).

    Legends placed there with ``bbox_to_anchor=(0.5, below_axes(ax, 34))`` hide no data.
    """
    height = ax.get_position().height * ax.figure.get_figheight() * 72
    return -points / max(height, 1.0)


def format_axis_money(ax, axis: str = "y", unit: str = "k$"):
    """Thousands separators on a money axis; the unit goes in the axis label."""
    fmt = FuncFormatter(lambda v, _pos: f"{v:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)
    return ax


def format_axis_percent(ax, axis: str = "y", xmax: float = 1.0, decimals: int = 0):
    """Show fractions (0.25) as percentages (25 %)."""
    fmt = PercentFormatter(xmax=xmax, decimals=decimals)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)
    return ax
