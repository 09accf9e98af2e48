"""Exercises of exercises/09_contracts_and_quality.ipynb: make or buy, contract types, quality control.

Alderbrook buys the warehouse control system of P11 (``make_or_buy``, ``contract_offers``) and
checks the self-checkout fit-outs of P12 (``fitout_inspections``, ``quality_costs``). Every
expected answer, and every named wrong answer, is computed through pmlib.
"""

from __future__ import annotations

import functools

from .. import datasets, procurement, quality
from . import Choice, ExerciseSet, Items, Numeric

__all__ = ["OVERRUN_COST", "EXERCISES"]

#: The actual cost (k$) the contract questions assume: the estimate of 1,600 plus a 300 overrun.
OVERRUN_COST = 1900.0


@functools.lru_cache(maxsize=1)
def _mob():
    return datasets.load("make_or_buy").set_index("option")


def _make_or_buy(years):
    m = _mob()
    return procurement.make_or_buy(m.loc["make", "upfront_cost"], m.loc["make", "annual_cost"],
                                   m.loc["buy", "upfront_cost"], m.loc["buy", "annual_cost"], years)


@functools.lru_cache(maxsize=1)
def _offers():
    return datasets.load("contract_offers").set_index("id")


def _fpif(actual):
    o = _offers().loc["WH3"]
    return procurement.fixed_price_incentive(o.target_cost, o.target_profit, o.ceiling_price, o.buyer_share, actual)


def _pta(share=None, add=None):
    o = _offers().loc["WH3"]
    share = o.buyer_share if share is None else share
    base = o.target_cost if add is None else add
    return (o.ceiling_price - (o.target_cost + o.target_profit)) / share + base


def _cpif(actual, limits=True):
    o = _offers().loc["WH4"]
    return procurement.cost_plus_incentive(o.target_cost, o.target_profit, o.buyer_share, actual,
                                           min_fee=o.min_fee if limits else None,
                                           max_fee=o.max_fee if limits else None)


@functools.lru_cache(maxsize=1)
def _defects():
    return datasets.load("fitout_inspections")


def _limits():
    return quality.control_limits(_defects()["defects"], lower_bound=0)


def _dpmo():
    ins = _defects()
    return quality.dpmo(ins["defects"].sum(), ins["lanes"].sum(), int(ins["checks_per_lane"].iloc[0]))


def _coq():
    return quality.cost_of_quality(datasets.load("quality_costs"))


_LOAD_MOB = "_m = pm.datasets.load('make_or_buy').set_index('option')\n"
_LOAD_OFFERS = "_o = pm.datasets.load('contract_offers').set_index('id')\n"
_LOAD_INS = "_ins = pm.datasets.load('fitout_inspections')\n"

EXERCISES = ExerciseSet(
    "Contracts and quality: make or buy, who pays for an overrun, control charts, sigma, cost of quality",
    [
        Numeric(
            "breakeven_years", answer=lambda: float(_make_or_buy(7)["breakeven"]), rtol=1e-6, unit="years",
            percent_hint=False, topic="procurement.make_or_buy",
            misconceptions={
                "that compares the up-front costs only; the break-even is where the totals meet, so the "
                "running costs count": lambda: float(_mob().loc["make", "upfront_cost"] - _mob().loc["buy", "upfront_cost"]),
                "that divides one option's up-front cost by the other's yearly cost; divide the difference "
                "in up-front costs by the difference in yearly costs":
                    lambda: float(_mob().loc["make", "upfront_cost"] / _mob().loc["buy", "annual_cost"]),
            },
            prompt="After how many years of use do making (building in-house) and buying cost the same?",
            hints=["Idea: making costs more up front but less each year; the totals meet at some year.",
                   "Formula: make_up + make_year x t = buy_up + buy_year x t, so t = (make_up - buy_up) / "
                   "(buy_year - make_year).",
                   "Numbers: up-front 1,450 vs 1,100 k$; yearly 210 vs 280 k$."],
            solution=(_LOAD_MOB + "breakeven_years = pm.procurement.make_or_buy(_m.loc['make', 'upfront_cost'], "
                      "_m.loc['make', 'annual_cost'], _m.loc['buy', 'upfront_cost'], _m.loc['buy', 'annual_cost'], "
                      "7)['breakeven']"),
            explanation="(1,450 - 1,100) / (280 - 210) = 5 years: beyond that, making is cheaper.",
        ),
        Choice(
            "cheaper_over_life", answer=lambda: str(_make_or_buy(int(_mob().loc["make", "life_years"]))["cheaper"]),
            choices=["make", "buy"], topic="procurement.make_or_buy",
            why={"buy": "over 7 years (beyond the 5-year break-even) buying costs more in total."},
            prompt="Over the system's 7-year life, which option costs less in total: 'make' or 'buy'?",
            hints=["Idea: compare the life with the break-even.",
                   "Formula: total = up-front + yearly x 7 for each option."],
            solution=(_LOAD_MOB + "cheaper_over_life = pm.procurement.make_or_buy(_m.loc['make', 'upfront_cost'], "
                      "_m.loc['make', 'annual_cost'], _m.loc['buy', 'upfront_cost'], _m.loc['buy', 'annual_cost'], "
                      "_m.loc['make', 'life_years'])['cheaper']"),
            explanation="Make 1,450 + 7 x 210 = 2,920 k$; buy 1,100 + 7 x 280 = 3,060 k$. Cost alone favours "
                        "making; delivery risk, skills and focus may still favour buying.",
        ),
        Numeric(
            "target_price", answer=lambda: float(_offers().loc["WH3", "target_cost"] + _offers().loc["WH3", "target_profit"]),
            rtol=1e-9, unit="k$", topic="procurement.fpif",
            misconceptions={"that is the ceiling price; the target price is target cost + target profit":
                            lambda: float(_offers().loc["WH3", "ceiling_price"])},
            prompt="Offer WH3 (FPIF): its target price, in k$.",
            hints=["Idea: the target price is what the buyer pays if the cost lands on target.",
                   "Formula: target price = target cost + target profit.",
                   "Numbers: read WH3's row of the term sheet."],
            solution=_LOAD_OFFERS + "target_price = _o.loc['WH3', 'target_cost'] + _o.loc['WH3', 'target_profit']",
            explanation="1,600 + 160 = 1,760 k$.",
        ),
        Numeric(
            "pta", answer=lambda: _pta(), rtol=1e-9, unit="k$", topic="procurement.pta",
            misconceptions={
                "that divides by the seller's share; the PTA divides by the buyer's share (0.8 for 80/20)":
                    lambda: _pta(share=1 - _offers().loc["WH3", "buyer_share"]),
                "that adds the target price; the PTA adds the target cost":
                    lambda: _pta(add=_offers().loc["WH3", "target_cost"] + _offers().loc["WH3", "target_profit"]),
                "that forgets to add the target cost": lambda: _pta(add=0.0),
            },
            prompt="Offer WH3: the point of total assumption (PTA), in k$ of actual cost.",
            hints=["Idea: the PTA is the actual cost at which the price hits the ceiling.",
                   "Formula: PTA = (ceiling price - target price) / buyer's share + target cost.",
                   "Numbers: ceiling 1,920, target price 1,760, share 80/20, target cost 1,600."],
            solution=(_LOAD_OFFERS + "_w = _o.loc['WH3']\npta = pm.procurement.point_of_total_assumption("
                      "_w.ceiling_price, _w.target_cost + _w.target_profit, _w.target_cost, _w.buyer_share)"),
            explanation="(1,920 - 1,760) / 0.8 + 1,600 = 1,800 k$.",
        ),
        Numeric(
            "fpif_profit_1750", answer=lambda: float(_fpif(1750)["profit"]), rtol=1e-9, unit="k$",
            topic="procurement.fpif",
            misconceptions={
                "that takes the buyer's share of the overrun off the profit; the seller loses its own share "
                "(20 % of 80/20)": lambda: float(_offers().loc["WH3", "target_profit"]
                                                 - _offers().loc["WH3", "buyer_share"] * 150),
                "that takes the whole overrun off the profit; under FPIF the buyer still shares it below the "
                "PTA": lambda: float(_offers().loc["WH3", "target_profit"] - 150),
            },
            prompt="Offer WH3: the seller's actual cost comes in at 1,750 k$. What is its profit, in k$?",
            hints=["Idea: below the PTA, the overrun is shared by the ratio.",
                   "Formula: profit = target profit - seller's share x (actual cost - target cost).",
                   "Numbers: the overrun is 150 k$ and the seller's share is 20 %."],
            solution=(_LOAD_OFFERS + "_w = _o.loc['WH3']\nfpif_profit_1750 = pm.procurement.fixed_price_incentive("
                      "_w.target_cost, _w.target_profit, _w.ceiling_price, _w.buyer_share, 1750)['profit']"),
            explanation="160 - 0.2 x 150 = 130 k$; the price is 1,750 + 130 = 1,880 k$, under the ceiling.",
        ),
        Numeric(
            "fpif_price_overrun", answer=lambda: float(_fpif(OVERRUN_COST)["price"]), rtol=1e-9, unit="k$",
            topic="procurement.fpif",
            misconceptions={"that forgets the ceiling: the buyer never pays more than the ceiling price":
                            lambda: OVERRUN_COST + float(_offers().loc["WH3", "target_profit"])
                            - (1 - float(_offers().loc["WH3", "buyer_share"])) * (OVERRUN_COST - 1600)},
            prompt=f"Offer WH3 again, with an actual cost of {OVERRUN_COST:,.0f} k$ (300 over the estimate): "
                   "the price Alderbrook pays, in k$.",
            hints=["Idea: compare the actual cost with the PTA first.",
                   "Formula: price = min(actual cost + profit, ceiling price).",
                   "Numbers: the PTA is 1,800 k$ (question 4)."],
            solution=(_LOAD_OFFERS + "_w = _o.loc['WH3']\nfpif_price_overrun = pm.procurement.fixed_price_incentive("
                      "_w.target_cost, _w.target_profit, _w.ceiling_price, _w.buyer_share, OVERRUN_COST)['price']"),
            explanation="1,900 + (160 - 0.2 x 300) = 2,000 would exceed the ceiling, so Alderbrook pays 1,920 k$ "
                        "and the seller's profit shrinks to 20 k$.",
        ),
        Choice(
            "next_dollar_past_pta", answer="the seller", choices=["the buyer", "the seller", "shared 80/20"],
            topic="procurement.pta",
            why={"the buyer": "past the PTA the price is stuck at the ceiling: the buyer pays nothing more.",
                 "shared 80/20": "the share ratio applies only up to the PTA."},
            prompt="The seller's cost is past the point of total assumption. Who pays the next k$ of cost?",
            hints=["Idea: at the PTA the price reaches the ceiling.",
                   "Formula: beyond it price = ceiling, so profit = ceiling - actual cost."],
            solution="next_dollar_past_pta = 'the seller'",
            explanation="Beyond the PTA every extra k$ of cost comes out of the seller's profit.",
        ),
        Numeric(
            "cpif_fee", answer=lambda: float(_cpif(OVERRUN_COST)["fee"]), rtol=1e-9, unit="k$",
            topic="procurement.cpif",
            misconceptions={
                "that forgets the minimum fee: the CPIF fee never falls below it":
                    lambda: float(_cpif(OVERRUN_COST, limits=False)["fee"]),
                "that applies the buyer's share; the seller's fee moves by the seller's share (30 % of 70/30)":
                    lambda: float(_offers().loc["WH4", "target_profit"] - _offers().loc["WH4", "buyer_share"] * 300),
            },
            prompt=f"Offer WH4 (CPIF, target fee 128, 70/30, fee 48-192) at an actual cost of {OVERRUN_COST:,.0f} k$: "
                   "the seller's fee, in k$.",
            hints=["Idea: the fee falls by the seller's share of the overrun, within the agreed limits.",
                   "Formula: fee = target fee + seller's share x (target cost - actual cost), kept between "
                   "the minimum and maximum fee.",
                   "Numbers: overrun 300 k$, seller's share 30 %."],
            solution=(_LOAD_OFFERS + "_w = _o.loc['WH4']\ncpif_fee = pm.procurement.cost_plus_incentive("
                      "_w.target_cost, _w.target_profit, _w.buyer_share, OVERRUN_COST, min_fee=_w.min_fee, "
                      "max_fee=_w.max_fee)['fee']"),
            explanation="128 - 0.3 x 300 = 38, below the 48 k$ minimum: the fee is 48 and the price 1,948 k$.",
        ),
        Numeric(
            "cpff_price", answer=lambda: float(procurement.compare_contracts(_offers().reset_index(), OVERRUN_COST)
                                               .loc["WH5", "price"]),
            rtol=1e-9, unit="k$", topic="procurement.cpff",
            misconceptions={"that sets the fee on the actual cost; a CPFF fee is fixed on the estimate":
                            lambda: OVERRUN_COST * (1 + 112 / 1600)},
            prompt=f"Offer WH5 (CPFF, fixed fee 112 k$ on the 1,600 estimate) at an actual cost of "
                   f"{OVERRUN_COST:,.0f} k$: the price, in k$.",
            hints=["Idea: cost plus fixed fee reimburses every cost; only the fee is fixed.",
                   "Formula: price = actual cost + fixed fee.",
                   "Numbers: the fee was fixed at 7 % of the 1,600 estimate."],
            solution=(_LOAD_OFFERS + "cpff_price = OVERRUN_COST + _o.loc['WH5', 'target_profit']"),
            explanation="1,900 + 112 = 2,012 k$: Alderbrook carries the whole 300 k$ overrun.",
        ),
        Numeric(
            "tm_price", answer=lambda: float(procurement.compare_contracts(_offers().reset_index(), OVERRUN_COST)
                                             .loc["WH7", "price"]),
            rtol=1e-9, unit="k$", topic="procurement.time_and_materials",
            misconceptions={"that forgets the not-to-exceed cap": lambda: OVERRUN_COST * 1.15},
            prompt=f"Offer WH7 (T&M, rates carry a 15 % margin, not to exceed 2,100 k$) at a cost of "
                   f"{OVERRUN_COST:,.0f} k$: the price, in k$.",
            hints=["Idea: time and materials pays every hour and material at the agreed rates, up to a cap.",
                   "Formula: price = min(cost x (1 + margin), not-to-exceed).",
                   "Numbers: 1,900 x 1.15, then compare with 2,100."],
            solution=(_LOAD_OFFERS + "_w = _o.loc['WH7']\n"
                      "tm_price = min(OVERRUN_COST * (1 + _w.markup), _w.not_to_exceed)"),
            explanation="1,900 x 1.15 = 2,185 exceeds the cap: Alderbrook pays 2,100 k$.",
        ),
        Choice(
            "most_buyer_risk", answer=lambda: next(t for t in reversed(procurement.CONTRACT_TYPES)
                                                   if t in ("FFP", "FPIF", "CPIF", "CPFF")),
            choices=["FFP", "FPIF", "CPIF", "CPFF"], topic="procurement.contract_risk",
            why={"FFP": "under a firm fixed price the seller carries the whole overrun.",
                 "FPIF": "FPIF shares the overrun and caps the price at the ceiling.",
                 "CPIF": "CPIF reimburses costs but cuts the fee as they rise: the seller shares some risk."},
            prompt="Of FFP, FPIF, CPIF and CPFF, which leaves the buyer with the most cost risk?",
            hints=["Idea: the more of the cost the buyer reimburses, and the less the fee reacts, the more "
                   "risk the buyer carries.",
                   "Look at pm.procurement.contract_types()."],
            solution=("_order = list(pm.procurement.CONTRACT_TYPES)\n"
                      "most_buyer_risk = max(['FFP', 'FPIF', 'CPIF', 'CPFF'], key=_order.index)"),
            explanation="CPFF: every cost is reimbursed and the fee does not move. FFP is the other extreme.",
        ),
        Numeric(
            "ucl", answer=lambda: float(_limits()["ucl"]), rtol=1e-4, unit="defects", percent_hint=False,
            topic="quality.control_limits",
            misconceptions={
                "that uses the sample standard deviation; an individuals chart estimates sigma as the mean "
                "moving range / 1.128": lambda: float(_defects()["defects"].mean() + 3 * _defects()["defects"].std()),
                "that is mean + 2 sd; control limits sit at 3 sd":
                    lambda: float(_limits()["mean"] + 2 * _limits()["sd"]),
            },
            prompt="Upper control limit (UCL) of the defects found per fit-out inspection (individuals chart).",
            hints=["Idea: control limits are the process's own voice: mean plus or minus 3 standard deviations.",
                   "Formula: sd = mean moving range / 1.128; UCL = mean + 3 sd (= mean + 2.66 x mean moving range).",
                   "Numbers: the moving range is |this inspection - the previous one|; average the 29 of them."],
            solution=_LOAD_INS + "ucl = pm.quality.control_limits(_ins['defects'], lower_bound=0)['ucl']",
            explanation="Mean 6.67 defects, mean moving range 2.72, sd 2.42: UCL = 6.67 + 3 x 2.42 = 13.91.",
        ),
        Items(
            "run_of_seven", answer=lambda: [str(_defects()["id"].iloc[a]) for run in
                                            quality.rule_of_seven(_defects()["defects"], _limits()["mean"])
                                            for a in run],
            ordered=True, topic="quality.rule_of_seven",
            prompt="The rule of seven: the first and last inspection ids of the run, e.g. ['FI03', 'FI09'].",
            hints=["Idea: seven or more points in a row on one side of the mean signal a change in the process, "
                   "even inside the limits.",
                   "Formula: compare each point with the mean (6.67) and look for the longest streak.",
                   "Numbers: the streak starts when Crew C arrives."],
            solution=(_LOAD_INS + "_mean = pm.quality.control_limits(_ins['defects'])['mean']\n"
                      "_first, _last = pm.quality.rule_of_seven(_ins['defects'], _mean)[0]\n"
                      "run_of_seven = [_ins['id'].iloc[_first], _ins['id'].iloc[_last]]"),
            explanation="FI17 to FI24: eight inspections in a row above the mean, all by the new Crew C. No "
                        "point is beyond a limit there, yet the process has changed: find out why.",
        ),
        Numeric(
            "fitout_dpmo", answer=_dpmo, rtol=1e-6, unit="defects per million opportunities", percent_hint=False,
            topic="quality.dpmo_sigma",
            misconceptions={
                "that counts each inspection as one unit; every lane is a unit with 40 checks":
                    lambda: float(quality.dpmo(_defects()["defects"].sum(), len(_defects()), 40)),
                "that is defects per million units; DPMO divides by units x opportunities":
                    lambda: float(_defects()["defects"].sum() / _defects()["lanes"].sum() * 1e6),
            },
            prompt="Defects per million opportunities (DPMO) of the fit-outs so far.",
            hints=["Idea: DPMO scales the defect rate per opportunity to a million opportunities.",
                   "Formula: DPMO = defects / (units x opportunities per unit) x 1,000,000.",
                   "Numbers: a unit is a lane (6 per store, 30 stores); each lane has 40 checks."],
            solution=(_LOAD_INS + "fitout_dpmo = pm.quality.dpmo(_ins['defects'].sum(), _ins['lanes'].sum(), 40)"),
            explanation="200 / (180 x 40) x 1,000,000 = 27,778 DPMO.",
        ),
        Numeric(
            "sigma", answer=lambda: float(quality.sigma_level(_dpmo())), rtol=1e-3, percent_hint=False,
            topic="quality.dpmo_sigma",
            misconceptions={"that leaves out the conventional 1.5-sigma shift":
                            lambda: float(quality.sigma_level(_dpmo(), shift=0))},
            prompt="The process sigma level of the fit-outs (with the usual 1.5-sigma shift).",
            hints=["Idea: the sigma level is how many standard deviations fit between the mean and the defect "
                   "threshold, plus the long-term 1.5 shift.",
                   "Formula: sigma = Phi^-1(1 - DPMO / 1,000,000) + 1.5.",
                   "Numbers: DPMO 27,778 (question 14); six sigma would be 3.4 DPMO."],
            solution=(_LOAD_INS + "sigma = pm.quality.sigma_level(pm.quality.dpmo(_ins['defects'].sum(), "
                      "_ins['lanes'].sum(), 40))"),
            explanation="Phi^-1(0.97222) = 1.91, + 1.5 = 3.41 sigma: far from six sigma (3.4 DPMO).",
        ),
        Numeric(
            "within_two_sigma", answer=lambda: float(quality.sigma_coverage(2)), rtol=1e-4,
            topic="quality.sigma_coverage",
            misconceptions={"that is the share within 1 sigma": lambda: float(quality.sigma_coverage(1)),
                            "that is the share within 3 sigma": lambda: float(quality.sigma_coverage(3))},
            prompt="The share (a fraction) of a normal population within plus or minus 2 standard deviations.",
            hints=["Idea: 1, 2 and 3 sigma cover about 68, 95 and 99.7 % of a normal distribution.",
                   "Formula: coverage = erf(k / sqrt(2)).",
                   "Numbers: k = 2."],
            solution="within_two_sigma = pm.quality.sigma_coverage(2)",
            explanation="95.45 %: the figure behind 'mean +- 2 sigma' in PERT and control charts.",
        ),
        Numeric(
            "nonconformance", answer=lambda: float(_coq()["nonconformance"]), rtol=1e-9, unit="k$",
            topic="quality.cost_of_quality",
            misconceptions={
                "that is the cost of conformance (prevention + appraisal)": lambda: float(_coq()["conformance"]),
                "that counts appraisal as a failure cost; inspections are a cost of conformance":
                    lambda: float(_coq()["nonconformance"] + _coq()["appraisal"]),
            },
            prompt="P12's cost of non-conformance so far, in k$.",
            hints=["Idea: non-conformance is the money spent because work was not right first time.",
                   "Formula: cost of non-conformance = internal failure + external failure.",
                   "Numbers: sum the rework, re-inspection and scrap rows, then the call-outs, lost sales "
                   "and warranty rows."],
            solution="nonconformance = pm.quality.cost_of_quality(pm.datasets.load('quality_costs'))['nonconformance']",
            explanation="88 k$ internal + 165 k$ external = 253 k$, against 145 k$ of prevention and appraisal.",
        ),
        Choice(
            "beyond_ucl_in_spec",
            answer="investigate: the process has changed", topic="quality.control_limits",
            choices=["no action: it is within specification", "investigate: the process has changed",
                     "widen the control limits"],
            why={"no action: it is within specification": "specification limits are the customer's; control "
                                                          "limits are the process's. A point beyond them is a "
                                                          "signal even when the product is acceptable.",
                 "widen the control limits": "control limits come from the process data; moving them by "
                                             "hand hides the signal."},
            prompt="An inspection is above the UCL but within the customer's specification limit. What now?",
            hints=["Idea: control limits and specification limits answer different questions.",
                   "A point beyond a control limit means a special cause, whatever the specification says."],
            solution="beyond_ucl_in_spec = 'investigate: the process has changed'",
            explanation="Out of control is not the same as out of specification: find the special cause (the "
                        "flooded store at FI28) before it becomes a defect the customer sees.",
        ),
    ],
)
EXERCISES.publish(globals())

