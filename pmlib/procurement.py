"""Contracts: who pays for an overrun, the point of total assumption, make-or-buy.

The PMBOK Guide groups contracts in three families: **fixed price** (firm fixed price FFP,
fixed price incentive fee FPIF, fixed price with economic price adjustment FP-EPA), **cost
reimbursable** (cost plus fixed fee CPFF, cost plus incentive fee CPIF, cost plus award fee
CPAF; cost plus percentage of cost CPPC, which public buyers forbid) and **time and materials**
(T&M). Each splits the *cost risk*, what an overrun of the seller's actual cost over the
estimate does to the price, differently: :func:`contract_types` is the table, and
:func:`compare_contracts` prices one actual cost under every offer of a term sheet.

Share ratios are written buyer/seller, as the exam does: 80/20 means the buyer carries 80 %
of an overrun (and keeps 80 % of an underrun); pmlib takes the **buyer's share** as a fraction,
``buyer_share=0.8``. Money in any one unit (k$ in the course data).

>>> import pmlib as pm
>>> pm.procurement.point_of_total_assumption(ceiling_price=1_200_000, target_price=1_100_000,
...                                          target_cost=1_000_000, buyer_share=0.8)
1125000.0
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ._validate import Probability, Real, as_float_array, as_frame, params, require_columns
from .errors import InputError

__all__ = [
    "CONTRACT_TYPES",
    "contract_types",
    "point_of_total_assumption",
    "fixed_price_incentive",
    "firm_fixed_price",
    "fixed_price_economic_adjustment",
    "cost_plus_fixed_fee",
    "cost_plus_incentive",
    "cost_plus_award_fee",
    "cost_plus_percentage_of_cost",
    "time_and_materials",
    "make_or_buy",
    "compare_contracts",
]

#: Contract type codes, from least to most cost risk for the buyer.
CONTRACT_TYPES = ("FFP", "FP-EPA", "FPIF", "T&M", "CPIF", "CPAF", "CPFF", "CPPC")


def contract_types() -> pd.DataFrame:
    """Who carries the cost risk in each contract type: the table the exam asks about.

    Returns
    -------
    DataFrame
        Index ``type`` (FFP, FP-EPA, FPIF, T&M, CPIF, CPAF, CPFF, CPPC, ordered from the least
        to the most cost risk for the buyer): ``name family buyer_cost_risk seller_cost_risk
        seller_earns when_to_use``.

    >>> contract_types().loc["FPIF", "seller_cost_risk"]
    'shares overruns up to the point of total assumption, carries all of them beyond it'

    References
    ----------
    PMBOK Guide 6th ed., 12.1.1.1 (contract types); PMBOK Guide 7th ed., "Procurement"
    (models, methods and artifacts); US Federal Acquisition Regulation part 16.
    """
    rows = [
        ("FFP", "Firm fixed price", "fixed price", "lowest: the price is set whatever the cost",
         "all of an overrun", "the price minus the actual cost", "scope well defined and stable"),
        ("FP-EPA", "Fixed price with economic price adjustment", "fixed price",
         "low: the price follows an agreed index (inflation, commodity prices) only",
         "all of an overrun that the index does not explain", "the adjusted price minus the actual cost",
         "multi-year contracts exposed to inflation or commodity prices"),
        ("FPIF", "Fixed price incentive fee", "fixed price",
         "shares overruns by the share ratio, never pays more than the ceiling price",
         "shares overruns up to the point of total assumption, carries all of them beyond it",
         "target profit adjusted by the seller's share of the overrun or underrun",
         "scope defined, cost uncertain: reward the seller for controlling it"),
        ("T&M", "Time and materials", "time and materials",
         "high: pays every hour and material at agreed rates, up to a not-to-exceed cap if set",
         "only beyond the not-to-exceed cap", "the margin in the hourly rates",
         "staff augmentation, small or urgent work whose scope is not yet known"),
        ("CPIF", "Cost plus incentive fee", "cost reimbursable",
         "pays all costs plus a fee that falls as costs rise (down to the minimum fee)",
         "loses part of the fee: its share of the overrun, down to the minimum fee",
         "target fee adjusted by the seller's share, between the minimum and maximum fee",
         "uncertain scope where cost control can still be measured"),
        ("CPAF", "Cost plus award fee", "cost reimbursable",
         "pays all costs plus a base fee and an award the buyer judges subjectively",
         "risks only the award part of the fee", "base fee plus the award the buyer grants",
         "performance that is hard to measure with a formula"),
        ("CPFF", "Cost plus fixed fee", "cost reimbursable",
         "pays all costs; the fee is fixed on the estimate", "none of the cost",
         "a fixed fee set as a share of the estimated cost", "research, uncertain scope"),
        ("CPPC", "Cost plus percentage of cost", "cost reimbursable",
         "highest: pays all costs and a fee that grows with them",
         "none: an overrun raises the seller's fee", "a percentage of the actual cost",
         "avoid: it rewards overruns (forbidden in US federal contracts)"),
    ]
    out = pd.DataFrame(rows, columns=["type", "name", "family", "buyer_cost_risk", "seller_cost_risk",
                                      "seller_earns", "when_to_use"]).set_index("type")
    return out


def _actual(actual_cost, name="actual_cost"):
    """(array, index, scalar?) for an actual cost given as a number, a sequence or a Series."""
    scalar = np.ndim(actual_cost) == 0 and not isinstance(actual_cost, pd.Series)
    arr = as_float_array(actual_cost, name, ndim=(0, 1))
    if (arr < 0).any():
        k = int(np.flatnonzero(np.atleast_1d(arr) < 0)[0])
        raise InputError(f"{name}{'' if scalar else f'[{k}]'} = {np.atleast_1d(arr)[k]:g} is negative: "
                         "a cost is >= 0.")
    index = actual_cost.index if isinstance(actual_cost, pd.Series) else None
    return np.atleast_1d(arr), index, scalar


def _result(columns: dict, index, scalar):
    if scalar:
        return pd.Series({k: float(np.asarray(v).ravel()[0]) for k, v in columns.items()})
    n = max(np.size(v) for v in columns.values())
    return pd.DataFrame({k: np.broadcast_to(np.asarray(v, dtype=float), (n,)) for k, v in columns.items()},
                        index=index)


@params(ceiling_price=Real(ge=0), target_price=Real(ge=0), target_cost=Real(ge=0),
        buyer_share=Probability(open_low=True))
def point_of_total_assumption(ceiling_price, target_price, target_cost, buyer_share) -> float:
    """Point of total assumption (PTA) of a fixed price incentive fee contract.

    ``PTA = (ceiling_price - target_price) / buyer_share + target_cost``

    The actual cost at which the price reaches the ceiling: below it the buyer pays its share
    of each extra unit of cost; beyond it the seller carries every extra unit alone.

    Parameters
    ----------
    ceiling_price : float
        The most the buyer will pay (money), >= target_price.
    target_price : float
        target_cost + target_profit (money).
    target_cost : float
        The agreed estimate of the seller's cost (money).
    buyer_share : float
        The buyer's share of an overrun, in (0, 1]: 0.8 for an 80/20 share ratio.

    Returns
    -------
    float
        The PTA, in the money unit of the inputs.

    Examples
    --------
    Oliver Lehmann's free PMP sample question 16 (target cost 1,000,000, fee 100,000, share
    80/20, ceiling 1,200,000):

    >>> point_of_total_assumption(1_200_000, 1_100_000, 1_000_000, 0.8)
    1125000.0

    References
    ----------
    US Department of Defense, *Contract Pricing Reference Guides*, vol. 4 ch. 1 (FPI
    contracts); PMBOK Guide 6th ed., 12.1.1.1 (fixed price incentive fee contracts).
    """
    if ceiling_price < target_price:
        raise InputError(f"ceiling_price {ceiling_price:g} is below the target_price {target_price:g}: the "
                         "ceiling is the most the buyer pays, so it must be >= the target price.")
    if target_price < target_cost:
        raise InputError(f"target_price {target_price:g} is below the target_cost {target_cost:g}: the target "
                         "price is the target cost plus the target profit.")
    return (ceiling_price - target_price) / buyer_share + target_cost


@params(target_cost=Real(ge=0), target_profit=Real(), ceiling_price=Real(ge=0),
        buyer_share=Probability(open_low=True))
def fixed_price_incentive(target_cost, target_profit, ceiling_price, buyer_share, actual_cost):
    """Price and seller's profit of a fixed price incentive fee (FPIF) contract.

    ``profit = target_profit - (1 - buyer_share) * (actual_cost - target_cost)``;
    ``price = min(actual_cost + profit, ceiling_price)`` and then ``profit = price -
    actual_cost`` (a loss when negative); ``pta`` = :func:`point_of_total_assumption`.

    Parameters
    ----------
    target_cost, target_profit, ceiling_price : float
        Contract terms (money); the target price is ``target_cost + target_profit``.
    buyer_share : float
        Buyer's share of an overrun or underrun, in (0, 1] (0.8 for 80/20).
    actual_cost : float, sequence or Series
        The seller's actual cost (money, >= 0).

    Returns
    -------
    Series (one actual cost) or DataFrame (one row per actual cost)
        ``profit price pta capped`` (``capped``: 1.0 when the ceiling applies).

    Examples
    --------
    Target cost 200,000, target profit 30,000, ceiling 270,000, share 70/30, actual cost
    170,000: the seller keeps 30 % of the 30,000 underrun, so its profit is 39,000.

    >>> r = fixed_price_incentive(200_000, 30_000, 270_000, 0.7, 170_000)
    >>> float(r["profit"]), float(r["price"])
    (39000.0, 209000.0)

    References
    ----------
    PMBOK Guide 6th ed., 12.1.1.1; Goodpasture, *Quantitative Methods in Project Management*
    (2004), ch. 8 "fixed price incentive" example.
    """
    pta = point_of_total_assumption(ceiling_price, target_cost + target_profit, target_cost, buyer_share)
    ac, index, scalar = _actual(actual_cost)
    profit = target_profit - (1 - buyer_share) * (ac - target_cost)
    uncapped = ac + profit
    price = np.minimum(uncapped, ceiling_price)
    return _result({"profit": price - ac, "price": price, "pta": pta,
                    "capped": (uncapped > ceiling_price).astype(float)}, index, scalar)


@params(price=Real(ge=0))
def firm_fixed_price(price, actual_cost):
    """Firm fixed price (FFP): the buyer pays ``price``; ``profit = price - actual_cost``.

    >>> firm_fixed_price(100, 120)["profit"]
    np.float64(-20.0)

    References
    ----------
    PMBOK Guide 6th ed., 12.1.1.1 (firm fixed price contracts).
    """
    ac, index, scalar = _actual(actual_cost)
    return _result({"profit": price - ac, "price": np.full(ac.shape, price)}, index, scalar)


@params(base_price=Real(ge=0), index_at_signing=Real(gt=0), index_at_payment=Real(gt=0),
        adjusted_share=Probability())
def fixed_price_economic_adjustment(base_price, index_at_signing, index_at_payment, actual_cost, *,
                                    adjusted_share=1.0):
    """Fixed price with economic price adjustment (FP-EPA).

    ``price = base_price * (1 + adjusted_share * (index_at_payment / index_at_signing - 1))``;
    ``profit = price - actual_cost``. ``adjusted_share`` is the part of the price tied to the
    index (1.0: all of it; 0.4 when only materials follow it).

    >>> float(fixed_price_economic_adjustment(1000, 100, 106, 950, adjusted_share=0.5)["price"])
    1030.0

    References
    ----------
    PMBOK Guide 6th ed., 12.1.1.1 (FP-EPA); FAR 16.203.
    """
    ac, index, scalar = _actual(actual_cost)
    price = base_price * (1 + adjusted_share * (index_at_payment / index_at_signing - 1))
    return _result({"profit": price - ac, "price": np.full(ac.shape, price)}, index, scalar)


@params(estimated_cost=Real(ge=0), fee_rate=Real(ge=0, le=1))
def cost_plus_fixed_fee(estimated_cost, fee_rate, actual_cost):
    """Cost plus fixed fee (CPFF): all costs plus a fee fixed on the *estimated* cost.

    ``fee = fee_rate * estimated_cost`` (it does not move with the actual cost);
    ``price = actual_cost + fee``.

    Parameters
    ----------
    estimated_cost : float
        The estimate the fee is based on (money).
    fee_rate : float
        Fee as a fraction of the estimate (0.1 for 10 %).
    actual_cost : float, sequence or Series

    Returns
    -------
    Series or DataFrame: ``fee price``.

    >>> r = cost_plus_fixed_fee(100_000, 0.10, 120_000)
    >>> float(r["fee"]), float(r["price"])
    (10000.0, 130000.0)

    References
    ----------
    PMBOK Guide 6th ed., 12.1.1.1 (cost plus fixed fee contracts).
    """
    ac, index, scalar = _actual(actual_cost)
    fee = fee_rate * estimated_cost
    return _result({"fee": np.full(ac.shape, fee), "price": ac + fee}, index, scalar)


@params(target_cost=Real(ge=0), target_fee=Real(ge=0), buyer_share=Probability(),
        min_fee=Real(ge=0, allow_none=True), max_fee=Real(ge=0, allow_none=True))
def cost_plus_incentive(target_cost, target_fee, buyer_share, actual_cost, *, min_fee=None, max_fee=None):
    """Cost plus incentive fee (CPIF): all costs plus a fee adjusted by the share ratio.

    ``fee = target_fee + (1 - buyer_share) * (target_cost - actual_cost)``, kept between
    ``min_fee`` and ``max_fee`` when given; ``price = actual_cost + fee``.

    Parameters
    ----------
    target_cost, target_fee : float
        Contract terms (money).
    buyer_share : float
        Buyer's share of an overrun or underrun, in [0, 1] (0.85 for 85/15).
    actual_cost : float, sequence or Series
    min_fee, max_fee : float, optional
        The fee's floor and cap (money); min_fee <= target_fee <= max_fee.

    Returns
    -------
    Series or DataFrame: ``fee price``.

    Examples
    --------
    The US Defense Acquisition University's CPIF drill: target cost 5,000,000, target fee
    350,000, minimum 162,500, maximum 537,500, share 85/15.

    >>> r = cost_plus_incentive(5_000_000, 350_000, 0.85, [5_000_000, 4_000_000, 6_500_000],
    ...                         min_fee=162_500, max_fee=537_500)
    >>> r["fee"].tolist(), r["price"].tolist()
    ([350000.0, 500000.0, 162500.0], [5350000.0, 4500000.0, 6662500.0])

    References
    ----------
    PMBOK Guide 6th ed., 12.1.1.1 (cost plus incentive fee); FAR 16.405-1.
    """
    if min_fee is not None and min_fee > target_fee:
        raise InputError(f"min_fee {min_fee:g} is above the target_fee {target_fee:g}: min_fee <= target_fee.")
    if max_fee is not None and max_fee < target_fee:
        raise InputError(f"max_fee {max_fee:g} is below the target_fee {target_fee:g}: max_fee >= target_fee.")
    ac, index, scalar = _actual(actual_cost)
    fee = target_fee + (1 - buyer_share) * (target_cost - ac)
    fee = np.clip(fee, -np.inf if min_fee is None else min_fee, np.inf if max_fee is None else max_fee)
    return _result({"fee": fee, "price": ac + fee}, index, scalar)


@params(base_fee=Real(ge=0), award_pool=Real(ge=0), award_score=Probability())
def cost_plus_award_fee(base_fee, award_pool, award_score, actual_cost):
    """Cost plus award fee (CPAF): all costs, a base fee, and the award the buyer grants.

    ``fee = base_fee + award_score * award_pool`` (the buyer judges ``award_score`` in [0, 1]
    against its award criteria; the seller cannot appeal); ``price = actual_cost + fee``.

    >>> float(cost_plus_award_fee(30, 100, 0.8, 1000)["price"])
    1110.0

    References
    ----------
    PMBOK Guide 6th ed., 12.1.1.1 (cost plus award fee); FAR 16.405-2.
    """
    ac, index, scalar = _actual(actual_cost)
    fee = base_fee + award_score * award_pool
    return _result({"fee": np.full(ac.shape, fee), "price": ac + fee}, index, scalar)


@params(fee_rate=Real(ge=0))
def cost_plus_percentage_of_cost(fee_rate, actual_cost):
    """Cost plus percentage of cost (CPPC): ``fee = fee_rate * actual_cost``.

    The seller earns more the more it spends: the worst contract for the buyer.

    >>> float(cost_plus_percentage_of_cost(0.1, 1200)["fee"])
    120.0

    References
    ----------
    PMBOK Guide 6th ed., 12.1.1.1; FAR 16.102(c) (prohibited in US federal contracts).
    """
    ac, index, scalar = _actual(actual_cost)
    fee = fee_rate * ac
    return _result({"fee": fee, "price": ac + fee}, index, scalar)


@params(hourly_rate=Real(ge=0), materials_markup=Real(ge=0), not_to_exceed=Real(ge=0, allow_none=True))
def time_and_materials(hours, hourly_rate, materials, *, materials_markup=0.0, not_to_exceed=None):
    """Time and materials (T&M): hours at an agreed rate plus materials (with a markup).

    ``price = min(hours * hourly_rate + materials * (1 + materials_markup), not_to_exceed)``.

    Parameters
    ----------
    hours : float or sequence
        Hours worked (>= 0).
    hourly_rate : float
        Agreed rate per hour (money per hour; it includes the seller's margin).
    materials : float or sequence
        Cost of materials (money, >= 0).
    materials_markup : float
        Handling markup on materials as a fraction (0.05 for 5 %).
    not_to_exceed : float, optional
        The cap the buyer set (money); None: no cap.

    Returns
    -------
    Series or DataFrame: ``labour materials price capped``.

    >>> r = time_and_materials(120, 0.15, 4.0, materials_markup=0.05)
    >>> round(float(r["price"]), 2)
    22.2

    References
    ----------
    PMBOK Guide 6th ed., 12.1.1.1 (time and material contracts).
    """
    h = as_float_array(hours, "hours", ndim=(0, 1))
    m = as_float_array(materials, "materials", ndim=(0, 1))
    for arr, name in ((h, "hours"), (m, "materials")):
        if (arr < 0).any():
            raise InputError(f"{name} must be >= 0, got {arr.ravel()[np.flatnonzero(arr.ravel() < 0)[0]]:g}.")
    scalar = h.ndim == 0 and m.ndim == 0
    try:
        h, m = np.broadcast_arrays(np.atleast_1d(h), np.atleast_1d(m))
    except ValueError:
        raise InputError(f"hours and materials must have the same length; got {h.size} and {m.size}.") from None
    labour = h * hourly_rate
    mat = m * (1 + materials_markup)
    raw = labour + mat
    price = raw if not_to_exceed is None else np.minimum(raw, not_to_exceed)
    capped = np.zeros(raw.shape) if not_to_exceed is None else (raw > not_to_exceed).astype(float)
    return _result({"labour": labour, "materials": mat, "price": price, "capped": capped}, None, scalar)


@params(make_fixed=Real(ge=0), make_per_period=Real(ge=0), buy_fixed=Real(ge=0), buy_per_period=Real(ge=0))
def make_or_buy(make_fixed, make_per_period, buy_fixed, buy_per_period, periods):
    """Make-or-buy (or buy-or-lease) by total cost over a number of periods.

    ``make = make_fixed + make_per_period * periods``, ``buy = buy_fixed + buy_per_period *
    periods``; ``breakeven`` = the number of periods at which they cost the same,
    ``(make_fixed - buy_fixed) / (buy_per_period - make_per_period)`` (inf when the lines never
    cross: one option is cheaper at every length of use).

    Parameters
    ----------
    make_fixed, make_per_period : float
        Making (or purchasing): the up-front cost and the running cost per period (money).
    buy_fixed, buy_per_period : float
        Buying the service (or leasing): its up-front cost and cost per period (money).
    periods : float or sequence
        How long the item is needed (days, months or years: the unit of the per-period costs).

    Returns
    -------
    Series (one length of use) or DataFrame: ``make_cost buy_cost difference breakeven``
    (``difference = buy_cost - make_cost``: positive when making is cheaper) and ``cheaper``
    ("make", "buy" or "either").

    Examples
    --------
    Schwalbe's lease-or-buy question: leasing costs 240 a day; buying costs 6,800 plus 70 a
    day to run. The costs meet after 40 days, so for a 30-day need leasing is cheaper.

    >>> r = make_or_buy(6_800, 70, 0, 240, 30)
    >>> float(r["breakeven"]), float(r["make_cost"]), float(r["buy_cost"]), r["cheaper"]
    (40.0, 8900.0, 7200.0, 'buy')

    References
    ----------
    PMBOK Guide 6th ed., 12.1.2.2 "make-or-buy analysis"; Schwalbe, *Information Technology
    Project Management*, ch. 12 (make-or-buy decisions).
    """
    p = as_float_array(periods, "periods", ndim=(0, 1))
    if (p < 0).any():
        raise InputError(f"periods must be >= 0, got {p.ravel()[np.flatnonzero(p.ravel() < 0)[0]]:g}.")
    scalar = p.ndim == 0
    p = np.atleast_1d(p)
    make = make_fixed + make_per_period * p
    buy = buy_fixed + buy_per_period * p
    slope = buy_per_period - make_per_period
    gap = make_fixed - buy_fixed
    if slope == 0:
        breakeven = 0.0 if gap == 0 else math.inf
    else:
        breakeven = gap / slope if gap / slope >= 0 else math.inf
    diff = buy - make
    tol = 1e-9 * np.maximum(1.0, np.abs(make))
    cheaper = np.where(diff > tol, "make", np.where(diff < -tol, "buy", "either"))
    if scalar:
        return pd.Series({"make_cost": float(make[0]), "buy_cost": float(buy[0]), "difference": float(diff[0]),
                          "breakeven": float(breakeven), "cheaper": str(cheaper[0])}, dtype=object)
    return pd.DataFrame({"periods": p, "make_cost": make, "buy_cost": buy, "difference": diff,
                         "breakeven": breakeven, "cheaper": cheaper})


_TERMS = ("target_cost", "target_profit", "buyer_share", "ceiling_price", "min_fee", "max_fee",
          "fixed_price", "price_adjustment", "award_fee", "markup", "not_to_exceed")
_NEEDS = {
    "FFP": ("fixed_price",),
    "FP-EPA": ("fixed_price", "price_adjustment"),
    "FPIF": ("target_profit", "buyer_share", "ceiling_price"),
    "CPFF": ("target_profit",),
    "CPIF": ("target_profit", "buyer_share"),
    "CPAF": ("target_profit", "award_fee"),
    "CPPC": ("markup",),
    "T&M": ("markup",),
}


def _price_of(row, ac: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(price, profit) of one term-sheet row at actual costs ``ac``."""
    typ = row["type"]
    tc = row["target_cost"]
    if typ == "FFP":
        r = firm_fixed_price(row["fixed_price"], ac)
    elif typ == "FP-EPA":
        r = firm_fixed_price(row["fixed_price"] * (1 + row["price_adjustment"]), ac)
    elif typ == "FPIF":
        r = fixed_price_incentive(tc, row["target_profit"], row["ceiling_price"], row["buyer_share"], ac)
    elif typ == "CPFF":
        r = cost_plus_fixed_fee(tc, row["target_profit"] / tc if tc else 0.0, ac)
    elif typ == "CPIF":
        r = cost_plus_incentive(tc, row["target_profit"], row["buyer_share"], ac,
                                min_fee=None if pd.isna(row["min_fee"]) else row["min_fee"],
                                max_fee=None if pd.isna(row["max_fee"]) else row["max_fee"])
    elif typ == "CPAF":
        r = cost_plus_award_fee(row["target_profit"], row["award_fee"], 1.0, ac)
    elif typ == "CPPC":
        r = cost_plus_percentage_of_cost(row["markup"], ac)
    else:  # T&M: the margin is in the rates, so the price follows the cost up to the cap
        price = ac * (1 + row["markup"])
        if not pd.isna(row["not_to_exceed"]):
            price = np.minimum(price, row["not_to_exceed"])
        return price, price - ac
    price = r["price"].to_numpy(dtype=float)
    return price, price - ac


def compare_contracts(contracts, actual_cost) -> pd.DataFrame:
    """Price, seller's profit and who carries the overrun, for every offer of a term sheet.

    For each contract (one row of ``contracts``), at the seller's actual cost:
    ``price`` (what the buyer pays), ``profit`` (price - actual cost), ``overrun`` (actual
    cost - target cost, the estimate every offer shares), ``buyer_carries`` (how much more
    the buyer pays than at the estimate) and ``seller_carries`` (the rest of the overrun:
    profit given up; negative when the seller gains from it, as under CPPC).

    Parameters
    ----------
    contracts : DataFrame
        One row per offer: ``id``, ``type`` (one of :data:`CONTRACT_TYPES`), ``target_cost``
        (the estimate) and the terms its type needs: FFP ``fixed_price``; FP-EPA
        ``fixed_price``, ``price_adjustment`` (index change as a fraction); FPIF
        ``target_profit``, ``buyer_share``, ``ceiling_price``; CPFF ``target_profit`` (the fixed
        fee); CPIF ``target_profit`` (target fee), ``buyer_share``, optional ``min_fee``,
        ``max_fee``; CPAF ``target_profit`` (base fee), ``award_fee`` (the award expected);
        CPPC ``markup`` (fee rate); T&M ``markup`` (the margin in its rates), optional
        ``not_to_exceed``. The bundled ``contract_offers`` table has these columns.
    actual_cost : float
        The seller's actual cost (money, >= 0).

    Returns
    -------
    DataFrame
        Index ``id``: ``type price profit overrun buyer_carries seller_carries``.

    >>> offers = pd.DataFrame({"id": ["fixed", "incentive"], "type": ["FFP", "FPIF"],
    ...                        "target_cost": [100, 100], "fixed_price": [120, None],
    ...                        "target_profit": [None, 10], "buyer_share": [None, 0.8],
    ...                        "ceiling_price": [None, 125]})
    >>> compare_contracts(offers, 110)[["price", "profit", "buyer_carries"]].to_dict("index")
    {'fixed': {'price': 120.0, 'profit': 10.0, 'buyer_carries': 0.0}, 'incentive': {'price': 118.0, 'profit': 8.0, 'buyer_carries': 8.0}}

    References
    ----------
    PMBOK Guide 6th ed., 12.1.1.1 (contract types and their risk).
    """
    df = as_frame(contracts, "contracts")
    require_columns(df, ["id", "type", "target_cost"], "contracts")
    if df.empty:
        raise InputError("contracts is empty: give at least one offer (id, type, target_cost and its terms).")
    for col in _TERMS:
        if col not in df.columns:
            df[col] = np.nan
    unknown = sorted(set(df["type"]) - set(CONTRACT_TYPES), key=str)
    if unknown:
        raise InputError(f"contracts: unknown contract type(s) {', '.join(map(repr, unknown))}; use one of "
                         f"{', '.join(CONTRACT_TYPES)}.")
    if df["id"].duplicated().any():
        dup = df.loc[df["id"].duplicated(), "id"].tolist()
        raise InputError(f"contracts has duplicate id(s) {', '.join(map(str, dup))}: each offer needs its own id.")
    ac, _, _ = _actual(actual_cost)
    if ac.size != 1:
        raise InputError("actual_cost must be one number here (the cost at which every offer is compared).")
    for col in _TERMS + ("target_cost",):
        bad = df[col].map(lambda v: isinstance(v, bool | str))
        if bad.any():
            k = int(np.flatnonzero(bad.to_numpy())[0])
            raise InputError(f"contracts: offer {df['id'].iloc[k]!r} has {col} {df[col].iloc[k]!r}, not a number.")
    rows = []
    for _, row in df.iterrows():  # one row per offer (a handful): readable, not a hot loop
        missing = [c for c in ("target_cost",) + _NEEDS[row["type"]] if pd.isna(row[c])]
        if missing:
            raise InputError(f"contracts: offer {row['id']!r} ({row['type']}) has no {', '.join(missing)}; "
                             "fill in the terms its contract type needs.")
        price, profit = _price_of(row, ac)
        at_estimate, _ = _price_of(row, np.array([float(row["target_cost"])]))
        overrun = float(ac[0]) - float(row["target_cost"])
        buyer = float(price[0] - at_estimate[0])
        rows.append({"id": row["id"], "type": row["type"], "price": float(price[0]), "profit": float(profit[0]),
                     "overrun": overrun, "buyer_carries": buyer, "seller_carries": overrun - buyer})
    return pd.DataFrame(rows).set_index("id")
