"""Portfolio figures: risk-return bubbles, efficient frontier, category mix, rankings, AHP, capacity, zombies.

Each function follows seaborn: ``data=`` and ``ax=`` keywords, draws on the Axes (a new figure
when ``ax`` is None) and returns it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .. import portfolio as _pf
from ._style import format_axis_money, format_axis_percent, new_axes

__all__ = [
    "bubble_chart",
    "frontier_plot",
    "category_mix",
    "ranking_comparison",
    "ahp_weights_chart",
    "capacity_chart",
    "zombie_map",
]

#: One colour per strategic bucket, the same in every portfolio figure.
CATEGORY_COLOURS = {"growth": "#2e86c1", "efficiency": "#28b463", "compliance": "#7d3c98",
                    "innovation": "#e67e22", "sustain": "#7f8c8d"}


def _colour(cat):
    return CATEGORY_COLOURS.get(cat, "#34495e")


def bubble_chart(data, *, x="risk_score", y="npv", size="cost", hue="category", selected=None, label="id",
                 ax=None):
    """Risk-return bubble chart: each candidate's risk (x) against its return (y), bubble area ~ cost.

    Funded candidates (``selected``: ids or a Selection) are drawn solid with a black edge,
    the others hollow, so the balance of the funded portfolio reads at a glance: a healthy
    portfolio mixes a few high-risk / high-reward bets with steady low-risk work.

    Parameters
    ----------
    data : DataFrame
        One row per candidate with ``x``, ``y``, ``size``, ``hue`` and ``label`` columns.
    x, y, size, hue, label : str
        Column names (defaults: ``risk_score`` 1-5, ``npv`` k$, ``cost`` k$, ``category``, ``id``).
    selected : iterable of ids or Selection, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax)
    df = data.copy()
    if isinstance(selected, _pf.Selection):
        selected = selected.selected
    sel = set(selected) if selected is not None else set(df[label])
    sizes = df[size].astype(float)
    area = 60 + 1400 * sizes / max(float(sizes.max()), 1e-9)
    rng = np.random.default_rng(0)
    jitter = rng.uniform(-0.12, 0.12, len(df)) if df[x].nunique() <= 6 else 0.0
    xs = df[x].astype(float) + jitter
    funded = df[label].isin(sel).to_numpy()
    colours = [_colour(c) for c in df[hue]]
    ax.scatter(xs[funded], df[y][funded], s=area[funded], c=[c for c, f in zip(colours, funded, strict=True) if f],
               alpha=0.75, edgecolors="black", linewidths=1.2, zorder=3)
    ax.scatter(xs[~funded], df[y][~funded], s=area[~funded], facecolors="none",
               edgecolors=[c for c, f in zip(colours, funded, strict=True) if not f], linewidths=1.5,
               linestyle="--", zorder=2)
    for xi, yi, text in zip(xs, df[y], df[label], strict=True):
        ax.annotate(str(text), (xi, yi), fontsize=8, ha="center", va="center", zorder=4)
    ax.axhline(0, color="black", linewidth=0.8)
    cats = list(dict.fromkeys(df[hue]))
    handles = [Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=_colour(c),
                      markeredgecolor="black", label=c) for c in cats]
    handles += [Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="grey",
                       markeredgecolor="black", label="funded (solid)"),
                Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="none",
                       markeredgecolor="grey", label="not funded (hollow)")]
    ax.legend(handles=handles, title="strategic bucket", fontsize=8, title_fontsize=8, loc="best", ncol=2)
    ax.set_xlabel(f"{x.replace('_', ' ')} (1 = low, 5 = very high)" if x == "risk_score" else x)
    ax.set_ylabel(f"{y.upper() if y == 'npv' else y.replace('_', ' ')} (k$)")
    format_axis_money(ax, "y")
    ax.set_title("Risk against return; bubble area = cost (k$)")
    return ax


def frontier_plot(frontier, *, budget=None, value=None, greedy=None, value_label="total value", title=None, ax=None):
    """Efficient frontier: best total value against the budget, with the chosen point marked.

    Parameters
    ----------
    frontier : DataFrame
        From :func:`pmlib.portfolio.efficient_frontier` (``budget``, ``total_value``).
    budget : float, optional
        The current budget, marked with a star.
    value : float, optional
        The value reached at ``budget`` (e.g. ``Selection.total_value``); default: the value
        at the largest frontier level <= budget.
    greedy : DataFrame, optional
        Same columns for the "rank and fund" baseline, drawn for comparison.
    value_label : str
        What the value is, for the y label (e.g. ``"strategic value (points)"``).
    title : str, optional
        Default: "Efficient frontier: most value per budget".

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax)
    f = frontier.dropna(subset=["total_value"])
    ax.step(f["budget"], f["total_value"], where="post", color="#1f4e99", linewidth=2,
            label="efficient frontier (optimal selection)")
    ax.plot(f["budget"], f["total_value"], "o", color="#1f4e99", markersize=4)
    if greedy is not None:
        g = greedy.dropna(subset=["total_value"])
        ax.step(g["budget"], g["total_value"], where="post", color="#c0392b", linestyle="--", linewidth=1.5,
                label="rank and fund until the money runs out")
    if budget is not None and len(f):
        below = f[f["budget"] <= budget + 1e-9]
        v = value if value is not None else (float(below["total_value"].iloc[-1]) if len(below) else float("nan"))
        ax.axvline(budget, color="grey", linestyle=":", linewidth=1)
        ax.plot([budget], [v], marker="*", markersize=16, color="#f1c40f", markeredgecolor="black", zorder=5,
                label=f"budget {budget:,.0f} k$: value {v:,.1f}")
    ax.set_xlabel("budget (k$)")
    ax.set_ylabel(value_label)
    format_axis_money(ax, "x")
    ax.set_title(title or "Efficient frontier: most value per budget")
    ax.legend(loc="lower right", fontsize=8)
    return ax


def category_mix(data, *, title=None, ax=None):
    """Strategic buckets: share of spend per category, against the target share.

    Each bar's percentage is written past both the bar and the target marker, and the legend
    sits below the axes, so no text covers a marker.

    Parameters
    ----------
    data : DataFrame
        From :func:`pmlib.portfolio.category_balance` (index category; ``share``, optional
        ``target``).
    title : str, optional
        Default: "Balance: spend by strategic bucket".

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax, figsize=(7, 4))
    d = data.sort_values("share")
    y = np.arange(len(d))
    ax.barh(y, d["share"], color=[_colour(c) for c in d.index], alpha=0.85)
    handles = [Patch(facecolor="#bbbbbb", label="share of funded spend (bar colour = bucket)")]
    right = d["share"].to_numpy(dtype=float)
    if "target" in d.columns:
        ax.scatter(d["target"], y, marker="D", s=60, color="black", zorder=3)
        handles.append(Line2D([], [], marker="D", linestyle="", color="black", label="target share"))
        right = np.maximum(right, d["target"].to_numpy(dtype=float))
    for yi, s, r in zip(y, d["share"], right, strict=True):
        ax.text(r + 0.02, yi, f"{s:.0%}", va="center", fontsize=8)
    ax.set_yticks(y, d.index)
    ax.set_xlim(0, min(1.0, float(right.max()) + 0.12) if len(d) else 1)
    format_axis_percent(ax, "x")
    ax.set_xlabel("share of funded spend (% of k$)")
    ax.set_ylabel("strategic bucket")
    ax.set_title(title or "Balance: spend by strategic bucket")
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8, frameon=False)
    return ax


def _end_labels(ax, x, ranks, colours, side):
    """One label per rank at one end of the bump chart; tied candidates share it ("P07 = P08")."""
    for rank, ids in ranks.groupby(ranks, sort=True).groups.items():
        ids = list(ids)
        colour = colours[ids[0]] if len(ids) == 1 else "black"
        ax.annotate(" = ".join(map(str, ids)), (x, rank), xytext=(6 if side == "right" else -6, 0),
                    textcoords="offset points", ha="left" if side == "right" else "right", va="center",
                    fontsize=8, color=colour)


def ranking_comparison(data, *, top=None, ax=None):
    """Bump chart: each candidate's rank under each prioritisation framework.

    Candidates are labelled at both ends; tied candidates share one label ("P07 = P08"), so no
    label is drawn over another.

    Parameters
    ----------
    data : DataFrame
        From :func:`pmlib.portfolio.compare_rankings` (one rank column per framework; the
        ``mean_rank`` and ``spread`` columns are ignored).
    top : int, optional
        Highlight only the candidates whose spread is at least this (others grey).

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax)
    methods = [c for c in data.columns if c not in ("mean_rank", "spread")]
    x = np.arange(len(methods))
    palette = sns.color_palette("tab20", len(data))
    colours = {}
    for k, (cid, row) in enumerate(data.iterrows()):  # one line per candidate
        loud = top is None or row.get("spread", 0) >= top
        colours[cid] = palette[k] if loud else "#999999"
        ax.plot(x, row[methods].astype(float), marker="o", color=palette[k] if loud else "#cccccc",
                linewidth=2 if loud else 1, zorder=3 if loud else 1)
    _end_labels(ax, x[0], data[methods[0]], colours, "left")
    _end_labels(ax, x[-1], data[methods[-1]], colours, "right")
    ax.set_xticks(x, methods)
    ax.set_xlim(x[0] - 0.45, x[-1] + 0.45)
    ax.invert_yaxis()
    ax.set_ylabel("rank (1 = fund first)")
    ax.set_xlabel("prioritisation framework" + ("" if top is None else f" (coloured: rank moves by {top} or more)"))
    ax.set_title("Same candidates, different frameworks: where the rankings agree")
    return ax


def ahp_weights_chart(data, *, ax=None):
    """AHP priority weights as bars, with lambda_max and the consistency ratio in the title.

    Parameters
    ----------
    data : AHPResult or Series of weights

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax, figsize=(7, 3.6))
    w = data.weights if isinstance(data, _pf.AHPResult) else pd.Series(data)
    w = w.sort_values()
    ax.barh([str(i).replace("_", " ") for i in w.index], w.to_numpy(), color="#2e86c1", label="AHP weight")
    for yi, v in enumerate(w.to_numpy()):
        ax.text(v + 0.005, yi, f"{v:.1%}", va="center", fontsize=8)
    format_axis_percent(ax, "x")
    ax.set_xlabel("weight (% of the decision)")
    ax.set_ylabel("criterion")
    title = "AHP weights from pairwise judgements"
    if isinstance(data, _pf.AHPResult):
        title += f"\nlambda_max {data.lambda_max:.3f}, CR {data.cr:.3f} ({'OK' if data.consistent else 'too inconsistent'})"
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8)
    return ax


def capacity_chart(data, *, ax=None):
    """Demand against capacity per skill (FTE), shortfalls in red.

    Parameters
    ----------
    data : DataFrame
        From :func:`pmlib.portfolio.capacity_check` (``demand``, ``capacity``; index (year, skill)
        or skill).

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax)
    d = data.copy()
    if isinstance(d.index, pd.MultiIndex):
        d.index = [f"{skill} {year}" for year, skill in d.index]
    d = d.sort_values("demand")
    y = np.arange(len(d))
    short = (d["demand"] > d["capacity"] + 1e-9).to_numpy()
    ax.barh(y - 0.2, d["demand"], height=0.4, color=np.where(short, "#c0392b", "#2e86c1"),
            label="demand of the candidates (red: short)")
    ax.barh(y + 0.2, d["capacity"], height=0.4, color="#95a5a6", label="capacity (resources.csv)")
    for yi, (dem, cap) in enumerate(zip(d["demand"], d["capacity"], strict=True)):
        if dem > cap + 1e-9:
            ax.text(dem + 0.05, yi - 0.2, f"short {dem - cap:.1f} FTE ({(dem - cap) / dem:.0%})", va="center",
                    fontsize=8, color="#c0392b")
    ax.set_yticks(y, [str(i).replace("_", " ") for i in d.index])
    if short.any():  # room for the shortfall notes inside the frame
        ax.set_xlim(0, float(np.maximum(d["demand"], d["capacity"]).max()) * 1.35)
    ax.set_xlabel("full-time equivalents (FTE)")
    ax.set_ylabel("skill and year")
    ax.set_title("Portfolio capacity: people needed vs people available, by skill")
    ax.legend(loc="lower right", fontsize=8)
    return ax


def zombie_map(data, *, ax=None, min_fit=0.3, min_index=0.9):
    """Zombie map: strategic alignment against delivery; bubble area = money still to spend (ETC).

    The y axis is the worse of CPI and SPI(t) (earned schedule), the two indices
    :func:`pmlib.portfolio.zombies` flags; SPI(t) rather than SPI, which drifts back to 1 as a
    late project nears its end.

    Parameters
    ----------
    data : DataFrame
        From :func:`pmlib.portfolio.zombies` (``alignment``, ``cpi``, ``spi_t``, ``etc``, ``zombie``).
    min_fit, min_index : float
        The thresholds drawn as dashed lines.

    Returns
    -------
    matplotlib Axes
    """
    ax = new_axes(ax)
    d = data
    worse = np.fmin(d["cpi"].astype(float), d["spi_t"].astype(float))
    etc = d["etc"].clip(lower=0).astype(float)
    area = 60 + 1200 * etc / max(float(etc.max()), 1e-9)
    ax.scatter(d["alignment"], worse, s=area, c=np.where(d["zombie"], "#c0392b", "#2e86c1"), alpha=0.6,
               edgecolors="black")
    for cid, xi, yi in zip(d.index, d["alignment"], worse, strict=True):
        ax.annotate(str(cid), (xi, yi), fontsize=8, ha="center", va="center")
    ax.axvline(min_fit, color="grey", linestyle="--", linewidth=1)
    ax.axhline(min_index, color="grey", linestyle="--", linewidth=1)
    handles = [Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="#c0392b", label="zombie"),
               Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="#2e86c1", label="keep"),
               Line2D([], [], color="grey", linestyle="--", label="thresholds")]
    ax.legend(handles=handles, loc="lower right", fontsize=8)
    format_axis_percent(ax, "x")
    ax.set_xlabel("strategic alignment (weighted fit, % of the maximum)")
    ax.set_ylabel("delivery: the worse of CPI and SPI(t)")
    ax.set_title("Zombie projects: low alignment, poor delivery; bubble area = ETC (k$)")
    return ax
