"""Quality figures: the individuals control chart (limits, rule-of-seven run, points beyond
the limits, optional specification limits), the Pareto chart and the cost of quality.

Each takes ``data=`` and ``ax=`` and returns the Axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .. import quality
from ._style import below_axes, format_axis_money, format_axis_percent, new_axes
from ._style import money_label as money

__all__ = ["control_chart", "pareto_chart", "cost_of_quality_chart"]

POINT, LIMIT, RUN, BEYOND, SPEC, MEAN = "#1f4e99", "#c0392b", "#d35400", "#c0392b", "#8e44ad", "#1b2631"


def control_chart(data=None, *, ax=None, sigma=3, lower_bound=None, usl=None, lsl=None, unit="defects",
                  xlabel="Inspection (in time order)", title=None):
    """Individuals control chart with its limits and the signals of an out-of-control process.

    Parameters
    ----------
    data : sequence, Series or DataFrame
        The values in time order, or a :func:`pmlib.quality.control_chart` table.
    sigma, lower_bound
        As for :func:`pmlib.quality.control_limits` (``lower_bound=0`` for counts).
    usl, lsl : float, optional
        Specification limits (what the customer requires), drawn apart from the control limits.
    unit : str
        Unit of the values, for the y label.

    Returns
    -------
    matplotlib Axes
    """
    if data is None:
        raise ValueError("data is required: the values in time order, or a pm.quality.control_chart table.")
    table = data if isinstance(data, pd.DataFrame) and {"value", "ucl", "lcl", "mean"} <= set(data.columns) \
        else quality.control_chart(data, sigma=sigma, lower_bound=lower_bound)
    n = len(table)
    x = np.arange(n)
    v = table["value"].to_numpy(float)
    mean, ucl, lcl = (float(table[c].iloc[0]) for c in ("mean", "ucl", "lcl"))
    ax = new_axes(ax, figsize=(9, 4.6))
    ax.plot(x, v, color=POINT, marker="o", markersize=4, linewidth=1.2, zorder=3)
    ax.axhline(mean, color=MEAN, linewidth=1.3)
    ax.axhline(ucl, color=LIMIT, linestyle="--", linewidth=1.3)
    ax.axhline(lcl, color=LIMIT, linestyle="--", linewidth=1.3)
    handles = [Line2D([], [], color=POINT, marker="o", markersize=4, label=f"{unit} per inspection"),
               Line2D([], [], color=MEAN, label=f"mean {mean:,.2f}"),
               Line2D([], [], color=LIMIT, linestyle="--", label=f"control limits {lcl:,.2f} / {ucl:,.2f} "
                                                                 f"(mean +- {sigma:g} sd)")]
    run = table["in_run"].to_numpy(bool)
    if run.any():
        ax.scatter(x[run], v[run], s=90, facecolors="none", edgecolors=RUN, linewidths=1.6, zorder=4)
        spans = quality.rule_of_seven(v, mean)
        for a, b in spans:
            ax.axvspan(a - 0.4, b + 0.4, color=RUN, alpha=0.08, zorder=1)
        handles.append(Line2D([], [], marker="o", markersize=8, markerfacecolor="none", markeredgecolor=RUN,
                              linestyle="", label=f"rule of seven: {b - a + 1} in a row on one side (points "
                                                  f"{a + 1}-{b + 1})" if len(spans) == 1 else "rule of seven runs"))
    beyond = table["beyond_limits"].to_numpy(bool)
    if beyond.any():
        ax.scatter(x[beyond], v[beyond], s=70, marker="X", color=BEYOND, zorder=5)
        handles.append(Line2D([], [], marker="X", color=BEYOND, linestyle="", markersize=8,
                              label=f"beyond a control limit ({int(beyond.sum())})"))
    for limit, name in ((usl, "USL"), (lsl, "LSL")):
        if limit is not None:
            ax.axhline(limit, color=SPEC, linestyle=":", linewidth=1.6)
            handles.append(Line2D([], [], color=SPEC, linestyle=":", label=f"specification {name} {limit:g}"))
    labels = [str(i) for i in table.index]
    step = max(1, n // 15)
    ax.set_xticks(x[::step], labels[::step], rotation=45 if max(map(len, labels)) > 3 else 0,
                  ha="right" if max(map(len, labels)) > 3 else "center", fontsize=8)
    ax.set_xlim(-0.7, n - 0.3)
    top = max(v.max(), ucl, usl if usl is not None else -np.inf)
    bottom = min(v.min(), lcl, lsl if lsl is not None else np.inf)
    pad = 0.08 * (top - bottom if top > bottom else 1.0)
    ax.set_ylim(bottom - pad, top + pad)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(f"{unit.capitalize()}")
    ax.grid(alpha=0.3)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, below_axes(ax, 52)), ncol=2, fontsize=8,
              frameon=False)
    status = "in control" if not (run.any() or beyond.any()) else "out of control"
    ax.set_title(title or f"Individuals control chart: the process is {status}")
    return ax


def pareto_chart(data=None, *, ax=None, count="count", category="category", cutoff=0.8, unit="defects",
                 title=None):
    """Pareto chart: bars by decreasing count, the cumulative share, and the vital few.

    Parameters
    ----------
    data : DataFrame, Series or dict
        Counts by category (as :func:`pmlib.quality.pareto` reads them), or its table.
    cutoff : float
        Cumulative share defining the vital few (0.8).

    Returns
    -------
    matplotlib Axes (the bars'; the cumulative line is on a twin axis)
    """
    if isinstance(data, pd.DataFrame) and {"count", "share", "cumulative_share", "vital_few"} <= set(data.columns):
        table = data
    else:
        table = quality.pareto(data, category=category, count=count, cutoff=cutoff)
    ax = new_axes(ax, figsize=(9, 4.8))
    x = np.arange(len(table))
    colours = np.where(table["vital_few"], "#c0392b", "#95a5a6")
    ax.bar(x, table["count"], color=colours)
    for xi, c in zip(x, table["count"], strict=True):
        ax.text(xi, c, f"{c:,.0f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, [str(i) for i in table.index], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(f"{unit.capitalize()}")
    ax.set_ylim(0, table["count"].max() * 1.15)
    ax2 = ax.twinx()
    ax2.plot(x, table["cumulative_share"], color="#1b2631", marker="o", markersize=4)
    ax2.axhline(cutoff, color="#1b2631", linestyle=":", linewidth=1)
    ax2.set_ylim(0, 1.05)
    format_axis_percent(ax2)
    ax2.set_ylabel("Cumulative share")
    ax.set_xlim(-0.6, len(table) - 0.4)
    ax.legend(handles=[Patch(color="#c0392b", label=f"vital few (up to {cutoff:.0%} of {unit})"),
                       Patch(color="#95a5a6", label="useful many"),
                       Line2D([], [], color="#1b2631", marker="o", markersize=4, label="cumulative share (right axis)")],
              loc="center right", fontsize=8, framealpha=0.95)
    ax.set_xlabel("Category")
    ax.set_title(title or f"Pareto chart: {int(table['vital_few'].sum())} of {len(table)} categories cause "
                          f"{table.loc[table['vital_few'], 'share'].sum():.0%} of the {unit}")
    return ax


def cost_of_quality_chart(data=None, *, ax=None, money_unit="k$", title=None):
    """Cost of quality: conformance (prevention, appraisal) against non-conformance (failures).

    Parameters
    ----------
    data : DataFrame, Series or dict
        Cost items (as :func:`pmlib.quality.cost_of_quality` reads them) or its result.

    Returns
    -------
    matplotlib Axes
    """
    coq = data if isinstance(data, pd.Series) and "conformance" in data.index else quality.cost_of_quality(data)
    ax = new_axes(ax, figsize=(8, 3.8))
    parts = [("Conformance", ["prevention", "appraisal"], ["#1b7a3a", "#82e0aa"]),
             ("Non-conformance", ["internal_failure", "external_failure"], ["#e67e22", "#c0392b"])]
    for y, (_label, cats, colours) in enumerate(parts):
        left = 0.0
        for cat, colour in zip(cats, colours, strict=True):
            value = float(coq[cat])
            ax.barh(y, value, left=left, color=colour, label=cat.replace("_", " "))
            if value > 0.08 * float(coq["total"]):
                ax.text(left + value / 2, y, f"{cat.replace('_', ' ')}\n{money(value, money_unit)}", ha="center",
                        va="center", fontsize=8, color="white" if colour in ("#1b7a3a", "#c0392b") else "black")
            left += value
        ax.text(left, y, f"  {money(left, money_unit)}", va="center", fontsize=9, fontweight="bold")
    ax.set_yticks([0, 1], [p[0] for p in parts])
    ax.invert_yaxis()
    ax.set_xlim(0, max(coq["conformance"], coq["nonconformance"]) * 1.25)
    ax.set_xlabel(f"Cost ({money_unit})")
    format_axis_money(ax, "x")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, below_axes(ax, 34)), ncol=4, fontsize=8, frameon=False)
    ax.set_title(title or f"Cost of quality: {coq['nonconformance_share']:.0%} of {money(coq['total'], money_unit)} "
                          "is the cost of failures")
    return ax
