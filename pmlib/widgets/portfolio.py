"""Portfolio widget: strategy-weight sliders and a budget slider -> ranking, selection, frontier, balance."""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from .. import datasets
from .. import portfolio as pf
from .._validate import require_known_ids
from ._base import Dashboard, View
from ._figure import lean_figure

__all__ = ["portfolio_dashboard"]


def _candidate_table(candidates, staff_demand, resources, year):
    """The candidates with one ``fte_<skill>_<year>`` column per skill, and the people available."""
    if candidates is None:
        p = datasets.load("projects")
        candidates = p[p["status"] == "candidate"]
    staff = pf.staff_columns(datasets.load("staff_demand") if staff_demand is None else staff_demand, year=year)
    table = candidates.reset_index(drop=True).merge(staff, left_on="id", right_index=True, how="left")
    table[list(staff.columns)] = table[list(staff.columns)].fillna(0.0)
    return table, pf.capacity_limits(datasets.load("resources") if resources is None else resources, staff.columns)


def _text(w, names, ranking, sel, balance, budget):
    total = sum(w.values()) or 1.0
    top = ", ".join(f"{i} {v:.0f}" for i, v in zip(ranking["id"][:5], ranking["points"][:5], strict=True))
    left_out = [i for i in ranking["id"] if i not in set(sel.selected)]
    return (f"Strategy weights: {', '.join(f'{names[k]} {v / total:.0%}' for k, v in w.items())}\n"
            f"Ranking by strategic value (points): {top} ...\n"
            f"Budget {budget:,.0f} k$ -> fund {len(sel.selected)} of {len(ranking)}: {', '.join(sel.selected)}\n"
            f"Strategic value {sel.total_value:,.1f} points for {sel.total_cost:,.0f} k$; binding limits: "
            f"{', '.join(sel.binding) or 'none'}\n"
            f"Not funded: {', '.join(left_out) or 'none'}\n"
            "Balance (share of spend): " + ", ".join(f"{c} {s:.0%}" for c, s in balance["share"].items()))


def _table_html(ranking, funded) -> str:
    rows = "".join(
        f"<tr><td>{i}</td><td>{html.escape(str(n))}</td><td>{c}</td><td>{v:.1f}</td><td>{k:,.0f}</td>"
        f"<td>{'yes' if i in funded else 'no'}</td></tr>"
        for i, n, c, v, k in zip(ranking["id"], ranking["name"], ranking["category"], ranking["points"],
                                 ranking["cost"], strict=True))
    return ("<table><tr><th>id</th><th>name</th><th>bucket</th><th>points</th><th>cost (k$)</th>"
            f"<th>funded</th></tr>{rows}</table>")


class _BoardFigure:
    """The dashboard's figure, drawn once: each change moves the frontier, the star and the bars.

    Few text objects (each costs milliseconds to draw): the bar shares are written in the
    bucket labels and the star is explained in the title, not in a legend.
    """

    def __init__(self, categories, budget_max):
        from matplotlib.ticker import MaxNLocator

        from ..plots._style import format_axis_money
        from ..plots.portfolio import CATEGORY_COLOURS

        self.fig = lean_figure(9, 3.1, left=0.08, right=0.97, bottom=0.17, top=0.88, wspace=0.55)
        self.ax1, self.ax2 = ax1, ax2 = self.fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.4, 1]})
        (self.front,) = ax1.plot([], [], drawstyle="steps-post", marker="o", ms=3, lw=2, color="#1f4e99")
        self.line = ax1.axvline(0, color="grey", linestyle=":", linewidth=1)
        (self.star,) = ax1.plot([], [], "*", ms=15, color="#f1c40f", markeredgecolor="black", zorder=5)
        ax1.set(xlim=(0, budget_max * 1.02), xlabel="budget (k$)", ylabel="strategic value (points)",
                title="Efficient frontier (line); your budget (star)")
        format_axis_money(ax1, "x")
        for axis in (ax1.xaxis, ax1.yaxis):
            axis.set_major_locator(MaxNLocator(4))
        y = np.arange(len(categories))
        self.bars = ax2.barh(y, np.zeros(len(y)), color=[CATEGORY_COLOURS.get(c, "#34495e") for c in categories])
        ax2.set(xlim=(0, 1), xticks=[], title="Share of funded spend by bucket")
        self.categories = list(categories)

    def update(self, frontier, budget, value, balance):
        f = frontier.dropna(subset=["total_value"])
        self.front.set_data(f["budget"], f["total_value"])
        self.ax1.set_ylim(0, max(float(f["total_value"].max()) if len(f) else 1.0, value, 1.0) * 1.1)
        self.line.set_xdata([budget, budget])
        self.star.set_data([budget], [value])
        share = balance["share"].reindex(self.categories).fillna(0.0).to_numpy()
        for bar, s in zip(self.bars, share, strict=True):
            bar.set_width(s)
        self.ax2.set_yticks(np.arange(len(share)), [f"{c} {s:.0%}" for c, s in zip(self.categories, share,
                                                                                   strict=True)])
        return self.fig


def portfolio_dashboard(candidates=None, *, scenario=None, objectives=None, staff_demand=None, resources=None,
                        budget=None, must=None, requires=None, frontier_levels=16) -> Dashboard:
    """Move the strategy weights and the budget; see the ranking, the optimal selection, the
    frontier point and the balance by strategic bucket update.

    Each candidate's value is its strategic score (:func:`pmlib.portfolio.weighted_score` of
    the ``fit_*`` columns on their 0-5 scale, times 100 = "strategic value points"). The
    selection is :func:`pmlib.portfolio.select` under the money budget and the people
    available per skill in the funding round's staff year (from ``staff_demand`` and
    ``resources``), with the round's must-funds and the candidates' dependencies. A weight
    change recomputes the scores, the selection and the frontier; a budget change only the
    selection. One figure is drawn once and updated (the same frontier and balance as
    :func:`pmlib.plots.frontier_plot` and :func:`pmlib.plots.category_mix`).

    Parameters
    ----------
    candidates : DataFrame, optional
        Candidate rows of ``projects.csv`` (default: the bundled candidates).
    scenario : str, optional
        The funding round (``funding_scenarios.csv``) giving the default budget, must-funds,
        staff year and dependencies (default: its first row, the approved plan).
    objectives : DataFrame, optional
        ``id``, ``name`` and ``weight`` of the strategic objectives (default:
        ``strategic_objectives``): the sliders' labels and starting weights.
    staff_demand, resources : DataFrame, optional
        People needed per project and skill, and people available (default: bundled).
    budget : float, optional
        Starting budget (k$; default: the round's).
    must : iterable of ids, optional
        Must-fund candidates (default: the round's); an unknown id is an error.
    requires : dict or DataFrame, optional
        Dependencies (default: ``project_dependencies.csv``, whose links between candidates count).
    frontier_levels : int
        Budget levels of the frontier (recomputed only when the weights change).
    """
    rounds = datasets.load("funding_scenarios")
    plan = pf.funding_scenario(rounds["scenario"].iloc[0] if scenario is None else scenario)
    table, people = _candidate_table(candidates, staff_demand, resources, plan.staff_year)
    objectives = datasets.load("strategic_objectives") if objectives is None else objectives
    names = dict(zip(objectives["id"], objectives["name"] if "name" in objectives else objectives["id"], strict=True))
    must = plan.must if must is None else ([must] if isinstance(must, str) else list(must))
    require_known_ids(must, table["id"], "must", what="candidate")
    requires = plan.requires if requires is None else requires
    budget = plan.budget if budget is None else float(budget)
    budget_max = float(table["cost"].sum())
    levels = np.linspace(float(table["cost"].min()), budget_max, frontier_levels)
    cache: dict = {}

    def scored(w):
        """Points, frontier and ranking for one set of weights (a budget change reuses them)."""
        key = tuple(w.values())
        if cache.get("key") != key:
            points = table.assign(points=100 * pf.weighted_score(table, w, scale=(0, 5)).to_numpy())
            frontier = pf.efficient_frontier(points, levels, value="points", must=must, requires=requires,
                                             other_limits=people)
            cache.update(key=key, points=points, frontier=frontier,
                         ranking=points.sort_values("points", ascending=False))
        return cache["points"], cache["frontier"], cache["ranking"]

    board = _BoardFigure(sorted(table["category"].astype(str).unique()), budget_max)

    def render(budget, **weights):
        w = {k.removeprefix("w_"): v for k, v in weights.items()}
        points, frontier, ranking = scored(w)
        sel = pf.select(points, {"cost": budget, **people}, value="points", must=must, requires=requires)
        balance = pf.category_balance(points, sel.selected)
        fig = board.update(frontier, budget, sel.total_value, balance)
        return View(_text(w, names, ranking, sel, balance, budget), fig, _table_html(ranking, set(sel.selected)))

    # wide enough for the objectives' names in full ("Stay safe and compliant"), two to a row
    style, layout = {"description_width": "175px"}, {"width": "440px"}
    controls = {"budget": W.FloatSlider(value=budget, min=0.0, max=round(budget_max, -2), step=100.0,
                                        description="Budget (k$)", readout_format=",.0f", continuous_update=False,
                                        style=style, layout=W.Layout(**layout))}
    for oid, wt in zip(objectives["id"], objectives["weight"], strict=True):
        controls[f"w_{oid}"] = W.FloatSlider(value=float(wt), min=0.0, max=1.0, step=0.05, description=names[oid],
                                             continuous_update=False, style=style, layout=W.Layout(**layout))
    return Dashboard(controls, render, title="Portfolio board: strategy weights and budget -> what gets funded")
