"""Appraisal measures: ROI, payback, discounted payback, BCR, PI, opportunity cost, and all at once."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .._validate import (
    Options,
    Real,
    Text,
    align_frames,
    aligned_arrays,
    as_float_array,
    as_frame,
    check_range,
    params,
    require_columns,
    require_known_ids,
)
from ..errors import InputError
from ._common import RATE, Flows, amounts, flows, rates, result
from .returns import MultipleIRRWarning, irr, mirr

__all__ = [
    "roi",
    "annualised_roi",
    "payback_period",
    "discounted_payback_period",
    "benefit_cost_ratio",
    "profitability_index",
    "opportunity_cost",
    "net_cashflows",
    "appraise",
]


def roi(benefit, cost):
    """Return on investment: ``ROI = (benefit - cost) / cost`` (a fraction; 0.25 = 25 %).

    Undiscounted: it ignores *when* money arrives (use NPV for that).

    Parameters
    ----------
    benefit : float, array or Series
        Total benefit (money).
    cost : float, array or Series
        Total cost (money, > 0). Two Series are paired by label.

    >>> roi(125, 100)
    0.25

    Reference: PMI, *The Standard for Portfolio Management* (financial measures); PMBOK Guide.
    """
    arrays, index = amounts({"benefit": benefit, "cost": cost}, positive=("cost",))
    return result(_roi(arrays["benefit"], arrays["cost"]), index, "roi")


def _roi(benefit, cost):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(cost > 0, (benefit - cost) / np.where(cost > 0, cost, 1.0), np.nan)


def annualised_roi(benefit, cost, years):
    """Annualised ROI: the yearly rate that turns ``cost`` into ``benefit`` in ``years`` years.

    ``annualised ROI = (benefit / cost)**(1 / years) - 1`` (compound annual growth rate).

    Parameters
    ----------
    benefit, cost : float, array or Series
        Total money back (>= 0) and money invested (> 0), same unit.
    years : float, array or Series
        Holding period in years (> 0).

    >>> round(annualised_roi(1_500, 1_000, 3), 4)   # 50 % over 3 years = 14.47 % a year
    0.1447

    Reference: compound annual growth rate (CAGR), Brealey, Myers & Allen, ch. 2.
    """
    arrays, index = amounts({"benefit": benefit, "cost": cost, "years": years}, positive=("cost", "years"),
                            non_negative=("benefit",))
    return result((arrays["benefit"] / arrays["cost"]) ** (1.0 / arrays["years"]) - 1.0, index, "annualised_roi")


def _payback(arr: np.ndarray) -> np.ndarray:
    """Interpolated first time the running total turns from negative to >= 0; inf if never."""
    m, n = arr.shape
    cum = np.cumsum(arr, axis=1)
    negative = cum < 0
    first_neg = np.argmax(negative, axis=1)
    recovered = (cum >= 0) & (np.arange(n)[None, :] >= first_neg[:, None])
    k = np.argmax(recovered, axis=1)  # first period the total is back to >= 0
    rows = np.arange(m)
    prev, flow = cum[rows, np.maximum(k - 1, 0)], arr[rows, k]
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(flow > 0, -prev / flow, 0.0)
    out = np.where(recovered.any(axis=1), (k - 1) + frac, np.inf)
    return np.where(negative.any(axis=1), out, 0.0)


def payback_period(cashflows):
    """Payback period: periods until the cumulative cash flow is back to zero.

    ``payback = (k - 1) + (-cumulative_{k-1}) / CF_k``, k the first period where the cumulative
    flow turns non-negative (linear interpolation within the period); ``0`` if it is never
    negative, ``inf`` if never paid back. Undiscounted: PMBOK and the exams treat a shorter
    payback as less risky, but it ignores everything after payback.

    >>> round(payback_period([-10_000, 3_000, 3_000, 3_000, 3_000, 3_000]), 2)   # Brealey et al.: 3.33
    3.33

    Reference: Brealey, Myers & Allen, ch. 5 (payback); PMI PMBOK Guide (project selection).
    """
    f = flows(cashflows)
    return f.out(_payback(f.values), "payback_period")


def _discounted(f: Flows, rate, start: int = 0) -> np.ndarray:
    """Each flow divided by (1 + r)**t: the present value of every period, row by row."""
    r = rates(rate, "rate", f)
    t = np.arange(f.values.shape[1]) + start
    return f.values * (1.0 + r.reshape(-1, 1)) ** -t[None, :]


def discounted_payback_period(rate, cashflows):
    """Discounted payback: payback of the discounted flows ``CF_t / (1 + r)**t``.

    Same interpolation as :func:`payback_period`; ``inf`` when the discounted flows never repay
    the investment.

    >>> flows = [-5_100, 1_280, 2_480, 1_680, 1_680, 1_480, 1_280]
    >>> round(discounted_payback_period(0.09, flows), 2)   # Ross, Westerfield & Jordan: 3.45 years
    3.45
    >>> discounted_payback_period(0.15, [-10_000] + [2_600] * 6)   # never repaid at 15 %
    inf

    References: Brealey, Myers & Allen, ch. 5 (discounted payback); Ross, Westerfield & Jordan,
    *Fundamentals of Corporate Finance*, ch. 9.
    """
    f = flows(cashflows)
    return f.out(_payback(_discounted(f, rate)), "discounted_payback_period")


def _benefits_and_costs(benefits, costs) -> tuple[Flows, Flows]:
    """Benefit and cost tables of one call, paired by label (rows and year columns) when labelled."""
    if isinstance(benefits, pd.DataFrame) and isinstance(costs, pd.DataFrame):
        if set(benefits.columns) != set(costs.columns):
            raise InputError(f"benefits has columns {list(benefits.columns)} but costs has {list(costs.columns)}: "
                             "give both the same periods.")
        paired = align_frames({"benefits": benefits, "costs": costs[benefits.columns]})
        benefits, costs = paired["benefits"], paired["costs"]
    elif isinstance(benefits, pd.Series) and isinstance(costs, pd.Series):
        arrays, _ = aligned_arrays({"benefits": benefits, "costs": costs}, ndim=1)
        benefits, costs = arrays["benefits"], arrays["costs"]
    b, c = flows(benefits, "benefits"), flows(costs, "costs")
    if b.values.shape != c.values.shape:
        raise InputError(f"benefits has shape {b.values.shape} but costs has shape {c.values.shape}: give one "
                         "benefit and one cost per period.")
    check_range(b.values, "benefits", ge=0)
    check_range(c.values, "costs", ge=0)
    return b, c


def _ratio(num, den):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def benefit_cost_ratio(rate, benefits, costs):
    """Benefit-cost ratio: ``BCR = PV(benefits) / PV(costs)``; above 1 the benefits win.

    Parameters
    ----------
    rate : float
        Discount rate per period (fraction, > -1).
    benefits, costs : 1-D or 2-D arrays, Series or DataFrames of the same shape
        Yearly benefits and costs (money, both >= 0), t = 0 first. Labelled inputs are paired
        by label (DataFrames by row and by year column).

    >>> round(benefit_cost_ratio(0.10, [0, 600, 600], [1_000, 0, 0]), 4)
    1.0413

    Reference: PMI PMBOK Guide (benefit-cost analysis); Brealey, Myers & Allen, ch. 5.
    """
    b, c = _benefits_and_costs(benefits, costs)
    pv_b, pv_c = _discounted(b, rate).sum(axis=1), _discounted(c, rate).sum(axis=1)
    if (pv_c <= 0).any():
        raise InputError(f"costs of {b.row(int(np.flatnonzero(pv_c <= 0)[0]))} have a present value of 0: "
                         "the BCR divides by it.")
    return b.out(pv_b / pv_c, "benefit_cost_ratio")


def _profitability(f: Flows, rate) -> np.ndarray:
    later = _discounted(f, rate)[:, 1:].sum(axis=1)
    return _ratio(later, -f.values[:, 0])


def profitability_index(rate, cashflows):
    """Profitability index: ``PI = PV(CF_1 ... CF_n) / -CF_0`` (value per unit invested).

    Above 1 means a positive NPV. Used to rank projects under a budget limit (capital
    rationing): fund the highest PI first.

    >>> round(profitability_index(0.08, [-40_000, 8_000, 9_200, 10_000, 12_000, 14_500]), 4)
    1.0481

    Reference: Brealey, Myers & Allen, ch. 5 (profitability index); data from the Excel NPV docs
    (PV of the five inflows = 41,922.06).
    """
    f = flows(cashflows)
    bad = f.values[:, 0] >= 0
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(f"cashflows[0] of {f.row(i)} is {f.values[i, 0]!r}: the profitability index divides by "
                         "the initial investment, so the first cash flow must be negative.")
    return f.out(_profitability(f, rate), "profitability_index")


def opportunity_cost(values, chosen):
    """Opportunity cost of a choice: the value of the best option *not* chosen.

    ``opportunity cost = max(value of every other option)`` (PMI PMBOK Guide and the PMP exam:
    the value given up by choosing, not the difference between the two).

    Parameters
    ----------
    values : Series or dict
        Value of each option (money, e.g. their NPVs), by option id.
    chosen : label
        The option taken.

    >>> opportunity_cost({"A": 120.0, "B": 90.0, "C": 40.0}, "A")
    90.0

    Reference: PMI PMBOK Guide (project selection: opportunity cost); Brealey, Myers & Allen, ch. 6.
    """
    s = pd.Series(values, dtype=object) if isinstance(values, dict) else values
    if not isinstance(s, pd.Series):
        raise InputError("values must be a Series or a dict of option id -> value.")
    arrays, index = aligned_arrays({"values": s}, ndim=1)
    require_known_ids([chosen], list(index), "chosen", what="option")
    others = arrays["values"][index != chosen]
    if others.size == 0:
        raise InputError(f"values holds only {chosen!r}: an opportunity cost needs at least one other option.")
    return float(others.max())


@params(id=Text(), period=Text(), value=Options("net", "cost", "benefit"))
def net_cashflows(data=None, *, id: str = "project_id", period: str = "year", value: str = "net"):
    """Long (one row per project and year) -> wide table of cash flows, one row per project.

    Parameters
    ----------
    data : DataFrame, optional
        Columns ``project_id``, ``year``, ``cost``, ``benefit`` (the layout of
        ``datasets/cashflows.csv``, the default).
    id, period : str
        Names of the id and period columns. Periods are whole numbers >= 0 (0 = the year of
        the investment).
    value : {"net", "cost", "benefit"}
        ``net`` = benefit - cost.

    Returns
    -------
    DataFrame indexed by id, one column per period from 0 to the last (a year no row mentions
    is a column of zeros, so each flow keeps its real year), zeros where a project has no flow.

    >>> wide = net_cashflows()
    >>> wide.loc["P07"].tolist()[:3]
    [-900.0, 280.0, 680.0]
    """
    from .. import datasets

    df = datasets.load("cashflows") if data is None else as_frame(data, "data")
    needed = [id, period] + (["cost", "benefit"] if value == "net" else [value])
    require_columns(df, needed, "data")
    years = as_float_array(df[period], f"data[{period!r}]")
    check_range(years, f"data[{period!r}]", ge=0)
    if (years != np.round(years)).any():
        raise InputError(f"data[{period!r}] holds {years[years != np.round(years)][0]:g}: periods are whole numbers.")
    if df[[id, period]].duplicated().any():
        dup = df.loc[df[[id, period]].duplicated(), [id, period]].iloc[0].tolist()
        raise InputError(f"data has two rows for {id}={dup[0]!r}, {period}={dup[1]!r}: one row per project and period.")
    money = {c: as_float_array(df[c], f"data[{c!r}]") for c in needed[2:]}
    v = money["benefit"] - money["cost"] if value == "net" else money[value]
    wide = (pd.DataFrame({id: df[id].to_numpy(), period: years.astype(int), value: v})
            .pivot(index=id, columns=period, values=value)
            .reindex(columns=range(int(years.max()) + 1), fill_value=0.0)
            .fillna(0.0))
    wide.columns.name = period
    return wide


@params(rate=RATE, finance_rate=Real(gt=-1, allow_none=True), reinvest_rate=Real(gt=-1, allow_none=True))
def appraise(rate, cashflows=None, *, benefits=None, costs=None, finance_rate=None, reinvest_rate=None):
    """Every business-case figure at once: npv, irr, mirr, roi, payback, discounted payback, bcr, pi.

    Give either net ``cashflows`` or ``benefits`` and ``costs`` (same shapes; labelled tables are
    paired by label). ROI and BCR use the benefits and costs when given; from net flows alone they
    treat the positive flows as benefits and the negative ones as costs. A figure that does not
    exist for a row (an IRR of flows that never change sign, a PI without an initial outlay) is NaN;
    MIRR uses ``finance_rate`` and ``reinvest_rate`` (both default to ``rate``).

    Returns a Series (one project) or a DataFrame with one row per project.

    >>> appraise(0.08, [-900, 280, 680, 680, 680, 680]).round(3)[["npv", "irr", "payback_period"]].tolist()
    [1444.672, 0.509, 1.912]

    References: as the functions it calls (PMI PMBOK Guide, project selection methods; PMI Standard
    for Portfolio Management, financial measures).
    """
    if cashflows is None:
        if benefits is None or costs is None:
            raise InputError("Give cashflows, or both benefits and costs.")
        b, c = _benefits_and_costs(benefits, costs)
        f = Flows(b.values - c.values, b.kind, b.index)
        b, c = b.values, c.values
    else:
        f = flows(cashflows)
        b, c = np.maximum(f.values, 0.0), np.maximum(-f.values, 0.0)
    arr = f.values
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MultipleIRRWarning)
        irr_v = np.atleast_1d(irr(arr, errors="nan"))
    both = (arr > 0).any(axis=1) & (arr < 0).any(axis=1)
    mirr_v = np.full(arr.shape[0], np.nan)
    if both.any() and arr.shape[1] > 1:
        mirr_v[both] = mirr(arr[both], rate if finance_rate is None else finance_rate,
                            rate if reinvest_rate is None else reinvest_rate)
    pv_b, pv_c = (_discounted(Flows(x, "array"), rate).sum(axis=1) for x in (b, c))
    table = pd.DataFrame({
        "npv": _discounted(f, rate).sum(axis=1),
        "irr": irr_v,
        "mirr": mirr_v,
        "roi": _roi(b.sum(axis=1), c.sum(axis=1)),
        "payback_period": _payback(arr),
        "discounted_payback_period": _payback(_discounted(f, rate)),
        "benefit_cost_ratio": _ratio(pv_b, pv_c),
        "profitability_index": _profitability(f, rate),
    }, index=f.index if f.kind == "frame" else None)
    return table.iloc[0].rename("appraisal") if f.kind == "scalar" else table
