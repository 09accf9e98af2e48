"""Business-case widget: move the discount rate, a cost overrun and the benefit ramp-up -> NPV, IRR, payback."""

from __future__ import annotations

import math

import ipywidgets as W

from .. import datasets, finance
from ._base import Dashboard, View

__all__ = ["business_case_explorer"]


def _pct(x: float) -> str:
    return "n/a" if not math.isfinite(x) else f"{x:.1%}"


def _years(x: float) -> str:
    return "never" if math.isinf(x) else f"{x:.1f} years"


def business_case_explorer(cashflows=None, projects=None, *, project: str = "P07", rate: float = 0.08) -> Dashboard:
    """Explore one business case: live NPV / IRR / MIRR / payback and the cumulative cash-flow chart.

    Parameters
    ----------
    cashflows : DataFrame, optional
        Long table with project_id, year, cost, benefit (default: ``datasets/cashflows.csv``).
    projects : DataFrame, optional
        id and name of each project, for the labels (default: ``datasets/projects.csv``).
    project : str
        The project shown first.
    rate : float
        The starting discount rate (the organisation's hurdle rate is 8 %).

    Controls: ``project``, ``rate`` (fraction), ``cost_overrun`` (fraction added to every
    cost), ``benefit_change`` (fraction added to every benefit), ``ramp_up`` (years for
    benefits to reach full level) and ``delay`` (years the benefits slip).
    """
    import matplotlib.pyplot as plt

    from ..plots.finance import cumulative_cashflow

    cf = datasets.load("cashflows") if cashflows is None else cashflows.copy()
    costs = finance.net_cashflows(cf, value="cost")
    benefits = finance.net_cashflows(cf, value="benefit")
    names = {}
    if projects is None and cashflows is None:
        projects = datasets.load("projects")
    if projects is not None:
        names = dict(zip(projects["id"], projects["name"], strict=False))
    ids = list(costs.index)
    if project not in ids:
        project = ids[0]
    options = [(f"{i}: {names[i]}" if i in names else str(i), i) for i in ids]

    def render(project, rate, cost_overrun, benefit_change, ramp_up, delay):
        n_years = int(cf.loc[cf["project_id"] == project, "year"].max()) + 1
        c = costs.loc[project].to_numpy()[:n_years]
        b = benefits.loc[project].to_numpy()[:n_years]
        scenario = {"cost_scale": 1 + cost_overrun, "benefit_scale": 1 + benefit_change, "ramp_up": ramp_up,
                    "delay": delay}
        # the scenario is linear in costs and benefits: adjust each alone to keep them apart (ROI, BCR)
        cost_adj = -finance.adjust_cashflows(c, 0 * b, **scenario)
        benefit_adj = finance.adjust_cashflows(0 * c, b, **scenario)
        flows = benefit_adj - cost_adj
        a = finance.appraise(rate, benefits=benefit_adj, costs=cost_adj)
        base_npv = finance.npv(rate, b - c)
        label = names.get(project, project)
        verdict = (f"NPV > 0: the case earns more than {rate:.1%} a year, worth funding if money and people allow"
                   if a["npv"] > 0 else f"NPV <= 0: at {rate:.1%} the project destroys value")
        text = (
            f"{project} {label} | rate {rate:.1%}, cost overrun {cost_overrun:+.0%}, benefits {benefit_change:+.0%}, "
            f"ramp-up {ramp_up} y, delay {delay} y\n"
            f"NPV {a['npv']:,.0f} k$ (business case as planned: {base_npv:,.0f} k$) | IRR {_pct(a['irr'])} | "
            f"MIRR {_pct(a['mirr'])} | ROI {_pct(a['roi'])}\n"
            f"payback {_years(a['payback_period'])} | discounted payback {_years(a['discounted_payback_period'])} | "
            f"benefit-cost ratio {a['benefit_cost_ratio']:.2f}\n"
            f"{verdict}."
        )
        fig, ax = plt.subplots(figsize=(8, 4.2), layout="constrained")
        cumulative_cashflow(flows, rate=rate, ax=ax, label=f"{project} {label}")
        return View(text, fig)

    slider = {"style": {"description_width": "110px"}, "layout": W.Layout(width="360px")}
    controls = {
        "project": W.Dropdown(options=options, value=project, description="Project", **slider),
        "rate": W.FloatSlider(value=rate, min=0.0, max=0.30, step=0.005, readout_format=".1%",
                              description="Discount rate", **slider),
        "cost_overrun": W.FloatSlider(value=0.0, min=-0.2, max=1.0, step=0.05, readout_format="+.0%",
                                      description="Cost overrun", **slider),
        "benefit_change": W.FloatSlider(value=0.0, min=-0.6, max=0.4, step=0.05, readout_format="+.0%",
                                        description="Benefit change", **slider),
        "ramp_up": W.IntSlider(value=0, min=0, max=4, description="Ramp-up (years)", **slider),
        "delay": W.IntSlider(value=0, min=0, max=3, description="Delay (years)", **slider),
    }
    return Dashboard(controls, render, title="Is this project worth doing? Business case under your assumptions")
