"""Business-case widget: move the discount rate, a cost overrun and the benefit ramp-up -> NPV, IRR, payback."""

from __future__ import annotations

import math

import ipywidgets as W

from .. import datasets, finance
from .._validate import Real, as_frame, require_known_ids
from ._base import Dashboard, View
from ._figure import lean_axes, reuse_axes

__all__ = ["business_case_explorer"]


def _policy(name: str) -> float:
    """One of Alderbrook's standing settings (``datasets/policies.csv``), e.g. the hurdle rate."""
    table = datasets.load("policies").set_index("setting")["value"]
    require_known_ids([name], table.index, "policies", what="setting")
    return float(table[name])


def _pct(x: float) -> str:
    return "n/a" if not math.isfinite(x) else f"{x:.1%}"


def _years(x: float) -> str:
    return "never" if math.isinf(x) else f"{x:.1f} years"


def business_case_explorer(cashflows=None, projects=None, *, project: str | None = None,
                           rate: float | None = None) -> Dashboard:
    """Explore one business case: live NPV / IRR / MIRR / payback and the cumulative cash-flow chart.

    Parameters
    ----------
    cashflows : DataFrame, optional
        Long table with project_id, year, cost, benefit (default: ``datasets/cashflows.csv``).
    projects : DataFrame, optional
        id and name of each project, for the labels (default: ``datasets/projects.csv`` with the
        bundled cash flows).
    project : str, optional
        The project shown first (default: the first in the table). An unknown id is an error.
    rate : float, optional
        The starting discount rate (default: the organisation's hurdle rate, ``policies.csv``).

    Controls: ``project``, ``rate`` (fraction), ``cost_overrun`` (fraction added to every cost),
    ``benefit_change`` (fraction added to every benefit), ``ramp_up`` (years for benefits to
    reach full level) and ``delay`` (years the benefits slip).

    >>> d = business_case_explorer(project="P07")
    >>> d.controls["cost_overrun"].value = 0.2
    >>> d.summary.splitlines()[1].split("|")[0]
    'NPV 1,169 k$ (business case as planned: 1,445 k$) '
    """
    from ..plots.finance import cumulative_cashflow

    cf = datasets.load("cashflows") if cashflows is None else as_frame(cashflows, "cashflows")
    costs, benefits = finance.net_cashflows(cf, value="cost"), finance.net_cashflows(cf, value="benefit")
    horizon = cf.groupby("project_id")["year"].max().astype(int) + 1  # each case's own years
    if projects is None and cashflows is None:
        projects = datasets.load("projects")
    names = {} if projects is None else dict(zip(projects["id"], projects["name"], strict=False))
    ids = list(costs.index)
    project = ids[0] if project is None else project
    require_known_ids([project], ids, "project", what="project")
    rate = _policy("hurdle_rate") if rate is None else Real(gt=-1).convert(rate, "rate")
    options = [(f"{i}: {names[i]}" if i in names else str(i), i) for i in ids]
    fig, ax = lean_axes(7.6, 3.4, left=0.11, right=0.98, bottom=0.15, top=0.9)

    def render(project, rate, cost_overrun, benefit_change, ramp_up, delay):
        n_years = int(horizon[project])
        c, b = costs.loc[project].to_numpy()[:n_years], benefits.loc[project].to_numpy()[:n_years]
        scenario = {"cost_scale": 1 + cost_overrun, "benefit_scale": 1 + benefit_change, "ramp_up": ramp_up,
                    "delay": delay}
        # the scenario is linear in costs and benefits: adjust each alone to keep them apart (ROI, BCR)
        cost_adj = -finance.adjust_cashflows(c, 0 * b, **scenario)
        benefit_adj = finance.adjust_cashflows(0 * c, b, **scenario)
        a = finance.appraise(rate, benefits=benefit_adj, costs=cost_adj)
        label = names.get(project, project)
        verdict = (f"NPV > 0: the case earns more than {rate:.1%} a year, worth funding if money and people allow"
                   if a["npv"] > 0 else f"NPV <= 0: at {rate:.1%} the project destroys value")
        text = (
            f"{project} {label} | rate {rate:.1%}, cost overrun {cost_overrun:+.0%}, benefits {benefit_change:+.0%}, "
            f"ramp-up {ramp_up} y, delay {delay} y\n"
            f"NPV {a['npv']:,.0f} k$ (business case as planned: {finance.npv(rate, b - c):,.0f} k$) | IRR "
            f"{_pct(a['irr'])} | MIRR {_pct(a['mirr'])} | ROI {_pct(a['roi'])}\n"
            f"payback {_years(a['payback_period'])} | discounted payback {_years(a['discounted_payback_period'])} | "
            f"benefit-cost ratio {a['benefit_cost_ratio']:.2f}\n"
            f"{verdict}."
        )
        reuse_axes(ax)
        cumulative_cashflow(benefit_adj - cost_adj, rate=rate, ax=ax, label=f"{project} {label}")
        return View(text, fig)

    slider = {"style": {"description_width": "160px"}, "layout": W.Layout(width="410px")}  # labels in full
    controls = {
        "project": W.Dropdown(options=options, value=project, description="Project", **slider),
        "rate": W.FloatSlider(value=rate, min=0.0, max=0.30, step=0.005, readout_format=".1%",
                              description="Discount rate", **slider),
        "cost_overrun": W.FloatSlider(value=0.0, min=-0.2, max=1.0, step=0.05, readout_format="+.0%",
                                      description="Cost overrun", **slider),
        "benefit_change": W.FloatSlider(value=0.0, min=-0.6, max=0.4, step=0.05, readout_format="+.0%",
                                        description="Benefit change", **slider),
        "ramp_up": W.IntSlider(value=0, min=0, max=4, description="Ramp-up (years)", **slider),
        "delay": W.IntSlider(value=0, min=0, max=3, description="Benefit delay (years)", **slider),
    }
    return Dashboard(controls, render, title="Is this project worth doing? Business case under your assumptions")
