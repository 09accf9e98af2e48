"""Figures of the levels lesson: one organisation seen as a portfolio, programs, projects and products.

Every function follows seaborn: it takes ``data=`` (a table computed by :mod:`pmlib.levels`
or another pmlib module) and ``ax=``, draws, and returns the Axes.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .. import levels as _levels
from .._validate import as_frame, require_columns
from ..errors import InputError
from ._style import format_axis_money, new_axes

__all__ = [
    "LEVEL_COLOURS",
    "portfolio_structure",
    "time_horizons_chart",
    "product_lifecycle",
    "decision_confusion",
    "right_vs_well",
    "portfolio_selection_chart",
    "level_view_chart",
]

#: One colour per level, used by every figure of the lesson.
LEVEL_COLOURS = {"project": "#2e86c1", "program": "#8e44ad", "portfolio": "#d35400", "product": "#27ae60"}
_STATUS_COLOURS = {"in_flight": "#2e86c1", "candidate": "#f5b041", "completed": "#7f8c8d", "on_hold": "#c0392b"}


def portfolio_structure(data=None, *, ax=None):
    """Stacked bars: the portfolio's budget by program (and standalone projects), one segment per project.

    Shows that projects sit inside programs and programs inside one portfolio.

    Parameters
    ----------
    data : DataFrame, optional
        :func:`pmlib.levels.hierarchy` (index project id; columns ``program``, ``status``,
        ``cost``). Default: the bundled organisation.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    df = _levels.hierarchy() if data is None else as_frame(data, "data")
    require_columns(df, ("program", "status", "cost"), "data")
    ax = new_axes(ax, figsize=(9, 4.5))
    order = df.groupby("program")["cost"].sum().sort_values().index.tolist()
    if "standalone" in order:  # standalone projects last (top), apart from the programs
        order.remove("standalone")
        order.append("standalone")
    for y, program in enumerate(order):
        rows = df[df["program"] == program].sort_values("cost", ascending=False)
        left = np.concatenate([[0.0], np.cumsum(rows["cost"].to_numpy(float))[:-1]])
        colours = [_STATUS_COLOURS.get(s, "#95a5a6") for s in rows["status"]]
        ax.barh(y, rows["cost"], left=left, color=colours, edgecolor="white", linewidth=1.2)
        for x0, width, pid in zip(left, rows["cost"], rows.index.astype(str), strict=True):
            if width >= 450:
                ax.text(x0 + width / 2, y, pid, ha="center", va="center", fontsize=8, color="white")
    ax.set_yticks(range(len(order)), [("Standalone projects" if p == "standalone" else p) for p in order])
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for s, c in _STATUS_COLOURS.items() if s in set(df["status"])]
    labels = [s.replace("_", " ") for s in _STATUS_COLOURS if s in set(df["status"])]
    ax.legend(handles, labels, title="project status", loc="lower right", fontsize=8)
    format_axis_money(ax, "x")
    ax.set_xlabel("budget (k$), one segment per project")
    ax.set_ylabel("program")
    ax.set_title(f"One portfolio: {len(df)} projects, {df['cost'].sum():,.0f} k$, grouped by program")
    return ax


def time_horizons_chart(data=None, *, ax=None):
    """Gantt-style bars of each level's time horizon (project, program, portfolio, product).

    Parameters
    ----------
    data : DataFrame, optional
        :func:`pmlib.levels.time_horizons` (columns ``level``, ``label``, ``start``,
        ``finish``, ``open_ended``). Default: around project P01.
    ax : matplotlib Axes, optional
    """
    df = _levels.time_horizons() if data is None else as_frame(data, "data")
    require_columns(df, ("level", "label", "start", "finish", "open_ended"), "data")
    ax = new_axes(ax, figsize=(9, 3.8))
    df = df.iloc[::-1].reset_index(drop=True)  # first row on top
    start = pd.to_datetime(df["start"])
    finish = pd.to_datetime(df["finish"])
    for i, row in df.iterrows():  # one bar per level (at most four rows)
        colour = LEVEL_COLOURS.get(row["level"], "#7f8c8d")
        width = finish[i] - start[i]
        ax.barh(i, width, left=start[i], color=colour, alpha=0.85, height=0.55, label=row["level"])
        if row["open_ended"]:
            ax.annotate("", xy=(finish[i] + pd.Timedelta(days=120), i), xytext=(finish[i], i),
                        arrowprops={"arrowstyle": "->", "color": colour, "lw": 2})
        ax.text(start[i] + pd.Timedelta(days=20), i + 0.38, row["label"], va="bottom", fontsize=8.5)
    ax.set_yticks(range(len(df)), df["level"])
    ax.set_ylim(-0.6, len(df) - 0.1)
    ax.set_xlim(start.min() - pd.Timedelta(days=60), finish.max() + pd.Timedelta(days=200))
    ax.set_xlabel("calendar date (an arrow: the horizon continues)")
    ax.set_ylabel("level")
    ax.set_title("Time horizons: a project ends, a program ends when benefits land, the rest continue")
    handles, labels = ax.get_legend_handles_labels()
    uniq = dict(zip(labels, handles, strict=True))
    ax.legend(list(uniq.values())[::-1], list(uniq.keys())[::-1], loc="upper left", fontsize=8, title="level")
    return ax


def product_lifecycle(data=None, *, lines=None, highlight=None, ax=None):
    """Each product line's revenue indexed to its first year (= 100): growth, maturity, decline.

    Parameters
    ----------
    data : DataFrame, optional
        Yearly KPIs (``product_line_id``, ``year``, ``revenue``); default ``product_kpis.csv``.
    lines : DataFrame, optional
        Product lines (``id``, ``name``, ``lifecycle_stage``, ``strategy``) for the legend;
        default ``product_lines.csv``.
    highlight : str, optional
        A product line id drawn bold, the others faded.
    ax : matplotlib Axes, optional
    """
    from .. import datasets

    k = datasets.load("product_kpis") if data is None else as_frame(data, "data")
    pl = datasets.load("product_lines") if lines is None else as_frame(lines, "lines")
    require_columns(k, ("product_line_id", "year", "revenue"), "data")
    require_columns(pl, ("id", "name", "lifecycle_stage", "strategy"), "lines")
    if k.empty:
        raise InputError("data is empty: give at least one year of KPIs.")
    k = k.sort_values(["product_line_id", "year"])
    base = k.groupby("product_line_id")["revenue"].transform("first")
    k["index"] = 100.0 * k["revenue"] / base
    meta = pl.set_index("id")
    ax = new_axes(ax)
    palette = {"invest": "#27ae60", "maintain": "#2e86c1", "sunset": "#c0392b"}
    for line_id, rows in k.groupby("product_line_id", sort=True):
        info = meta.loc[line_id] if line_id in meta.index else None
        label = (f"{line_id} {info['name']} ({info['lifecycle_stage']}, {info['strategy']})"
                 if info is not None else str(line_id))
        colour = palette.get(info["strategy"], None) if info is not None else None
        faded = highlight is not None and line_id != highlight
        ax.plot(rows["year"], rows["index"], marker="o", label=label, color=colour,
                lw=1.2 if faded else (3.5 if highlight else 2), alpha=0.35 if faded else 1.0)
        ax.annotate(f"{rows['revenue'].iloc[-1]:,.0f} k$", (rows["year"].iloc[-1], rows["index"].iloc[-1]),
                    textcoords="offset points", xytext=(6, 0), va="center", fontsize=8)
    ax.axhline(100, color="grey", lw=0.8, ls=":")
    years = sorted(k["year"].unique())
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.3, years[-1] + 0.9)
    ax.set_xlabel("year")
    ax.set_ylabel(f"revenue index ({years[0]} = 100)")
    ax.set_title("Product lines over their lifecycle: revenue relative to the first year")
    ax.legend(fontsize=8, loc="best")
    return ax


def decision_confusion(data, *, ax=None):
    """Heatmap of the sorter: correct level (rows) against the level picked (columns).

    Parameters
    ----------
    data : DataFrame
        :func:`pmlib.levels.confusion`, or :func:`pmlib.levels.score_answers`' result
        (converted with ``confusion``).
    ax : matplotlib Axes, optional
    """
    df = as_frame(data, "data")
    if "answer" in df.columns and "given" in df.columns:
        df = _levels.confusion(df)
    ax = new_axes(ax, figsize=(5.5, 4.5))
    values = df.to_numpy(dtype=float)
    image = ax.imshow(values, cmap="Blues", vmin=0, vmax=max(1.0, values.max()))
    for (i, j), v in np.ndenumerate(values):
        colour = "white" if v > values.max() / 2 else "black"
        ax.text(j, i, f"{v:.0f}", ha="center", va="center", color=colour, fontsize=11)
    ax.set_xticks(range(df.shape[1]), df.columns, rotation=0)
    ax.set_yticks(range(df.shape[0]), df.index)
    ax.set_xlabel("level you picked")
    ax.set_ylabel("level that decides")
    total, right = values.sum(), np.trace(values) if values.shape[0] == values.shape[1] else 0
    ax.set_title(f"Which level decides this? {right:.0f} of {total:.0f} right")
    ax.figure.colorbar(image, ax=ax, label="number of answers", shrink=0.8)
    return ax


def right_vs_well(data, *, x="alignment", y="cpi", size="bac", label="id", x_threshold=None,
                  y_threshold=1.0, ax=None):
    """Doing the right projects (portfolio, x) against doing projects right (project, y).

    Each in-flight project is a bubble: x its strategic alignment (a portfolio score), y a
    delivery index such as CPI or SPI (a project number), size its budget. The four
    quadrants say which level has a problem.

    Parameters
    ----------
    data : DataFrame
        One row per project with the ``x``, ``y``, ``size`` and ``label`` columns.
    x, y, size, label : str
        Column names. ``size`` may be None (equal bubbles).
    x_threshold : float, optional
        Where "aligned" starts on x (default: the median of x).
    y_threshold : float
        Where "on track" starts on y (default 1.0, e.g. CPI = 1).
    ax : matplotlib Axes, optional
    """
    df = as_frame(data, "data")
    require_columns(df, [c for c in (x, y, size, label) if c is not None], "data")
    ax = new_axes(ax, figsize=(8, 5.5))
    xs, ys = df[x].astype(float), df[y].astype(float)
    xt = float(xs.median()) if x_threshold is None else float(x_threshold)
    if size is not None:
        s = df[size].astype(float)
        area = 80 + 900 * (s / s.max())
    else:
        area = 200
    good = (xs >= xt) & (ys >= y_threshold)
    colours = np.where(good, "#27ae60", np.where(xs >= xt, "#f39c12", np.where(ys >= y_threshold, "#8e44ad", "#c0392b")))
    ax.scatter(xs, ys, s=area, c=colours, alpha=0.65, edgecolor="black", linewidth=0.6)
    for xi, yi, text in zip(xs, ys, df[label].astype(str), strict=True):
        ax.annotate(text, (xi, yi), textcoords="offset points", xytext=(0, 0), ha="center", va="center", fontsize=8)
    ax.axvline(xt, color="grey", ls="--", lw=0.9)
    ax.axhline(y_threshold, color="grey", ls="--", lw=0.9)
    corners = [
        (0.98, 0.98, "right project, done well", "right", "top", "#27ae60"),
        (0.02, 0.98, "done well, but is it the right project?", "left", "top", "#8e44ad"),
        (0.98, 0.02, "right project, delivery in trouble", "right", "bottom", "#f39c12"),
        (0.02, 0.02, "wrong project, badly done: zombie?", "left", "bottom", "#c0392b"),
    ]
    for cx, cy, text, ha, va, colour in corners:
        ax.text(cx, cy, text, transform=ax.transAxes, ha=ha, va=va, fontsize=8.5, color=colour, weight="bold")
    pad_y = 0.08 * max(1e-9, ys.max() - ys.min())
    ax.set_ylim(min(ys.min(), y_threshold) - pad_y - 0.05, max(ys.max(), y_threshold) + pad_y + 0.05)
    ax.set_xlabel(f"{x.replace('_', ' ')} (portfolio: are we doing the right projects?)")
    ax.set_ylabel(f"{y.upper() if len(y) <= 4 else y} (project: are we doing them right?)")
    ax.set_title("Doing the right projects vs doing projects right")
    if size is not None:
        for value in (500, 1500, 3000):
            ax.scatter([], [], s=80 + 900 * value / float(df[size].max()), color="#bbbbbb", edgecolor="black",
                       label=f"{value:,} k$")
        ax.legend(title=f"{size.upper() if len(size) <= 4 else size} (budget)", loc="center left",
                  bbox_to_anchor=(1.01, 0.5), fontsize=8, labelspacing=2.4, borderpad=1.0,
                  handletextpad=1.8, frameon=False)
    return ax


def portfolio_selection_chart(data, *, ax=None):
    """Candidates ranked by strategic alignment; funded ones highlighted, cost written on each bar.

    Parameters
    ----------
    data : DataFrame
        :func:`pmlib.levels.portfolio_view`'s table: index id, columns ``name``,
        ``alignment`` (0-1 weighted score), ``cost`` (k$) and ``funded`` (bool).
    ax : matplotlib Axes, optional
    """
    df = as_frame(data, "data")
    require_columns(df, ("alignment", "cost", "funded"), "data")
    ax = new_axes(ax, figsize=(8, 5))
    df = df.sort_values("alignment")
    y = np.arange(len(df))
    funded = df["funded"].astype(bool).to_numpy()
    ax.barh(y, df["alignment"].astype(float), color=np.where(funded, "#d35400", "#d5d8dc"), edgecolor="grey")
    for yi, (_, row) in zip(y, df.iterrows(), strict=True):
        ax.text(float(row["alignment"]) + 0.005, yi, f"{row['cost']:,.0f} k$", va="center", fontsize=8)
    names = [f"{i} {n}" if "name" in df.columns else str(i) for i, n in
             zip(df.index, df["name"] if "name" in df.columns else df.index, strict=True)]
    ax.set_yticks(y, names, fontsize=8)
    ax.set_xlim(0, float(df["alignment"].max()) * 1.25)
    ax.set_xlabel("strategic alignment (weighted score, 0-1)")
    ax.set_ylabel("candidate project")
    spent = float(df.loc[df["funded"].astype(bool), "cost"].sum())
    ax.set_title(f"Candidates ranked by strategic alignment (funded set: {spent:,.0f} k$)")
    ax.legend([plt.Rectangle((0, 0), 1, 1, color="#d35400"), plt.Rectangle((0, 0), 1, 1, color="#d5d8dc")],
              ["funded (optimal selection)", "not funded"], fontsize=8, loc="lower right")
    return ax


def _project_chart(view, ax):
    t = view.data["time_phased"]
    x = pd.to_datetime(t["date"]) if "date" in t.columns else t["period"]
    ax.plot(x, t["pv"], color="#7f8c8d", lw=2, label="PV (plan)")
    ax.plot(x, t["ev"], color="#1b7a3a", lw=2, label="EV (earned)")
    ax.plot(x, t["ac"], color="#c0392b", lw=2, label="AC (actual cost)")
    f = view.figures
    ax.set(xlabel="month end", ylabel="cumulative k$", title=f"{view.focus}: CPI {f.cpi:.2f}, SPI(t) {f.spi_t:.2f}")
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=5))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    format_axis_money(ax, "y")
    ax.legend(loc="upper left", fontsize=8)


def _program_chart(view, ax):
    roll = view.data["rollup"]
    t = roll.table.drop(index="PROGRAM")
    x = np.arange(len(t))
    ax.bar(x - 0.2, t["cpi"], 0.4, color="#1f4e99", label="CPI of each project")
    ax.bar(x + 0.2, t["spi_t"], 0.4, color="#e67e22", label="SPI(t) of each project")
    ax.axhline(roll.program["cpi"], color="#1f4e99", lw=1.5, label=f"program CPI from sums {roll.program['cpi']:.2f}")
    ax.axhline(roll.average["cpi"], color="#1f4e99", ls=":", lw=1.5,
               label=f"average of CPIs {roll.average['cpi']:.2f} (misleading)")
    ax.set_xticks(x, t.index)
    ax.set(ylim=(0.5, 1.35), xlabel="project", ylabel="index (1.0 = on plan)", title=f"{view.focus}: indices from sums, not averages")
    ax.legend(loc="upper center", ncol=2, fontsize=7.5)


def _portfolio_chart(view, ax):
    df = view.table.sort_values("alignment")
    y = np.arange(len(df))
    ax.barh(y, df["alignment"].astype(float), color=np.where(df["funded"], "#d35400", "#d5d8dc"))
    ax.set_yticks(y, df.index, fontsize=8)
    f = view.figures
    ax.set(xlim=(0, float(df["alignment"].max()) * 1.1), xlabel="strategic alignment (0-1)",
           title=f"Funded (orange): {f.total_cost:,.0f} of {f.budget:,.0f} k$")


def _product_chart(view, ax):
    k = view.table
    ax.plot(k["year"], k["revenue"], marker="o", color="#27ae60", lw=2)
    ax.set_xticks(k["year"], k["year"].astype(str))
    ax.set(xlabel="year", ylabel="revenue (k$)", title=f"{view.focus}: {view.figures['lifecycle_stage']} stage, "
                                            f"strategy '{view.figures['strategy']}'")
    format_axis_money(ax, "y")


def level_view_chart(data, *, ax=None):
    """The key chart of one level's view of the organisation, compact (few labels).

    Project: PV, EV and AC to date; program: each project's CPI and SPI(t) with the program's
    CPI from sums against the average of CPIs; portfolio: the candidates by strategic
    alignment, funded ones in orange; product: the line's revenue by year.

    Parameters
    ----------
    data : LevelView
        From :func:`pmlib.levels.project_view`, ``program_view``, ``portfolio_view`` or
        ``product_view``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    if not isinstance(data, _levels.LevelView):
        raise InputError(f"data must be a LevelView (pm.levels.project_view ...), got {type(data).__name__}.")
    ax = new_axes(ax)
    {"project": _project_chart, "program": _program_chart, "portfolio": _portfolio_chart,
     "product": _product_chart}[data.level](data, ax)
    return ax
