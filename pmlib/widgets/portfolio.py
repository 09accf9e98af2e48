"""Portfolio widget: strategy-weight sliders and a budget slider -> ranking, selection, frontier, balance."""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from .. import datasets
from .. import portfolio as pf
from ._base import Dashboard, View

__all__ = ["portfolio_dashboard"]


def portfolio_dashboard(candidates=None, *, objectives=None, staff_demand=None, resources=None, budget=6000.0,
                        must=("P16",), requires=None, frontier_levels=16) -> Dashboard:
    """Move the strategy weights and the budget; see the ranking, the optimal selection, the
    frontier point and the balance by strategic bucket update.

    Each candidate's value is its strategic score (:func:`pmlib.portfolio.weighted_score` of
    the ``fit_*`` columns on their 0-5 scale, times 100 = "strategic value points"). The
    selection is :func:`pmlib.portfolio.select` under the money budget and the people
    available per skill in the demand's first year (from ``staff_demand`` and ``resources``),
    with the must-funds and dependencies given.

    Parameters
    ----------
    candidates : DataFrame, optional
        Candidate rows of ``projects.csv`` (default: the bundled candidates).
    objectives : DataFrame, optional
        ``id`` and ``weight`` of the strategic objectives (default: ``strategic_objectives``).
    staff_demand, resources : DataFrame, optional
        People needed per project and skill, and people available (default: bundled).
    budget : float
        Starting budget (k$).
    must : iterable of ids
        Must-fund candidates (default: P16, the mandatory PCI DSS compliance project).
    requires : dict, optional
        Dependencies (default: the ML projects P07 and P15 need the data platform P22).
    frontier_levels : int
        Budget levels of the frontier (recomputed only when the weights change).
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    from ..plots.portfolio import category_mix, frontier_plot

    if candidates is None:
        p = datasets.load("projects")
        candidates = p[p["status"] == "candidate"]
        if requires is None:
            requires = {"P07": ["P22"], "P15": ["P22"]}
    cand = candidates.reset_index(drop=True).copy()
    objectives = datasets.load("strategic_objectives") if objectives is None else objectives
    staff_demand = datasets.load("staff_demand") if staff_demand is None else staff_demand
    resources = datasets.load("resources") if resources is None else resources
    year = int(staff_demand["year"].min())
    staff = pf.staff_columns(staff_demand, year=year)
    cand = cand.merge(staff, left_on="id", right_index=True, how="left")
    cand[list(staff.columns)] = cand[list(staff.columns)].fillna(0.0)
    people = pf.capacity_limits(resources, staff.columns)
    must = [m for m in must if m in set(cand["id"])]
    requires = requires or {}
    budget_max = float(cand["cost"].sum())
    levels = np.linspace(float(cand["cost"].min()), budget_max, frontier_levels)
    frontier_cache: dict = {}

    def render(budget, **weights):
        w = {k.removeprefix("w_"): v for k, v in weights.items()}
        table = cand.assign(points=100 * pf.weighted_score(cand, w, scale=(0, 5)).to_numpy())
        sel = pf.select(table, {"cost": budget, **people}, value="points", must=must, requires=requires)
        key = tuple(round(v, 4) for v in w.values())
        if key not in frontier_cache:
            frontier_cache.clear()
            frontier_cache[key] = pf.efficient_frontier(table, levels, value="points", must=must,
                                                        requires=requires, other_limits=people)
        frontier = frontier_cache[key]
        balance = pf.category_balance(table, sel.selected)
        ranking = table.sort_values("points", ascending=False)
        total_w = sum(w.values()) or 1.0
        weights_txt = ", ".join(f"{k} {v / total_w:.0%}" for k, v in w.items())
        top = ", ".join(f"{i} {v:.0f}" for i, v in zip(ranking["id"][:5], ranking["points"][:5], strict=True))
        binding = ", ".join(sel.binding) or "none"
        left_out = [i for i in ranking["id"] if i not in set(sel.selected)]
        text = (
            f"Strategy weights: {weights_txt}\n"
            f"Ranking by strategic value (points): {top} ...\n"
            f"Budget {budget:,.0f} k$ -> fund {len(sel.selected)} of {len(table)}: {', '.join(sel.selected)}\n"
            f"Strategic value {sel.total_value:,.1f} points for {sel.total_cost:,.0f} k$; "
            f"binding limits: {binding}\n"
            f"Not funded: {', '.join(left_out) or 'none'}\n"
            "Balance (share of spend): " + ", ".join(f"{c} {s:.0%}" for c, s in balance["share"].items())
        )
        # a plain Figure (no pyplot manager, fixed margins): redraws stay well under 150 ms
        fig = Figure(figsize=(9, 3.2))
        ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.9, wspace=0.34)
        frontier_plot(frontier, budget=budget, value=sel.total_value, value_label="strategic value (points)", ax=ax1)
        category_mix(balance, ax=ax2)
        for axis in (ax1.xaxis, ax1.yaxis, ax2.xaxis):
            axis.set_major_locator(MaxNLocator(5))
        funded = set(sel.selected)
        rows = "".join(
            f"<tr><td>{i}</td><td>{html.escape(str(n))}</td><td>{c}</td><td>{v:.1f}</td><td>{k:,.0f}</td>"
            f"<td>{'yes' if i in funded else 'no'}</td></tr>"
            for i, n, c, v, k in zip(ranking["id"], ranking["name"], ranking["category"], ranking["points"],
                                     ranking["cost"], strict=True))
        table_html = ("<table><tr><th>id</th><th>name</th><th>bucket</th><th>points</th><th>cost (k$)</th>"
                f"<th>funded</th></tr>{rows}</table>")
        return View(text, fig, table_html)

    weight_of = dict(zip(objectives["id"], objectives["weight"], strict=True))
    controls = {"budget": W.FloatSlider(value=float(budget), min=0.0, max=round(budget_max, -2), step=100.0,
                                        description="Budget k$", continuous_update=False,
                                        style={"description_width": "90px"}, layout=W.Layout(width="420px"))}
    for oid, wt in weight_of.items():
        controls[f"w_{oid}"] = W.FloatSlider(value=float(wt), min=0.0, max=1.0, step=0.05, description=oid,
                                             continuous_update=False, style={"description_width": "150px"},
                                             layout=W.Layout(width="420px"))
    return Dashboard(controls, render, title="Portfolio board: strategy weights and budget -> what gets funded")

