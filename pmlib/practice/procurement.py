"""Practice topics of contracts: PTA, FPIF, CPIF, CPFF, T&M, make-or-buy, who carries the risk (lesson 09).

Every answer comes from :mod:`pmlib.procurement`; the misconceptions are what the usual slips
give with the same terms, mostly the same pmlib function with the slip put into its inputs
(the seller's share where the buyer's belongs, the ceiling or the fee limits left out). Share
ratios are written buyer/seller, as the exam does (80/20: the buyer carries 80 % of an
overrun).

Sources: Oliver Lehmann's free PMP sample questions and the PMHut PTA example (point of total
assumption); a PMP practice question on FPIF profit (profit 39,000) and Goodpasture,
*Quantitative Methods in Project Management*, ch. 8 (FPIF); the US Defense Acquisition
University's CPIF drill; Schwalbe, *Information Technology Project Management*, ch. 12
(lease or buy: 40 days); PMBOK Guide 6th ed., 12.1.1.1 (contract types and their risk).
"""

from __future__ import annotations

import math

from .. import procurement
from ._core import Draw, cap, choice, money, nice, num, numeric, pct, qty, topic

LESSON = "09_contracts_and_quality"
_SHARES = (0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5)


def _ratio(buyer_share: float) -> str:
    """'80/20 (buyer/seller)'."""
    b = round(100 * buyer_share)
    return f"{b}/{100 - b} (buyer/seller)"


def _round(x: float, ref: float) -> float:
    """``x`` to three significant figures of ``ref`` (a cost near a target cost of 1,200,000: to 10,000)."""
    step = 10 ** (math.floor(math.log10(abs(ref))) - 2)
    return round(round(x / step) * step, 6)


def _terms(draw: Draw) -> dict:
    """Incentive terms around the setting's project size: target cost, target profit (fee), share, ceiling."""
    tc = draw.amount()
    profit = nice(tc * draw.grid(0.06, 0.15, 0.01), 2)
    share = draw.pick(_SHARES)
    ceiling = _round(tc + profit + tc * draw.grid(0.05, 0.25, 0.05), tc)
    return {"target_cost": tc, "target_profit": profit, "buyer_share": share, "ceiling_price": ceiling}


def _buyer(draw: Draw) -> str:
    return f"{cap(draw.org())} contracts a supplier for {draw.project()}"


# --------------------------------------------------------------------------------------
# point of total assumption
# --------------------------------------------------------------------------------------
@topic("procurement.pta", title="Point of total assumption (PTA) of an FPIF contract", exam="PMP", eco="Process",
       pmbok8="Finance", lesson=LESSON)
def pta(draw: Draw, target_cost: float | None = None, target_profit: float | None = None,
        ceiling_price: float | None = None, buyer_share: float | None = None):
    t = _terms(draw)
    tc = t["target_cost"] if target_cost is None else target_cost
    tp = tc + (t["target_profit"] if target_profit is None else target_profit)
    ceiling = t["ceiling_price"] if ceiling_price is None else ceiling_price
    share = t["buyer_share"] if buyer_share is None else buyer_share
    answer = procurement.point_of_total_assumption(ceiling, tp, tc, share)
    text = (f"{_buyer(draw)} under a fixed price incentive fee (FPIF) contract: target cost {money(tc)}, target "
            f"profit {money(tp - tc)}, ceiling price {money(ceiling)}, share ratio {_ratio(share)}. What is the point "
            "of total assumption (PTA), in $?")
    how = (f"Target price = target cost + target profit = {money(tc)} + {money(tp - tc)} = {money(tp)}.\n"
           f"PTA = (ceiling price - target price) / buyer's share + target cost = ({money(ceiling)} - {money(tp)}) / "
           f"{num(share, 2)} + {money(tc)} = {money(answer)}.\nAt that actual cost the price reaches the ceiling: "
           "beyond it the seller pays every extra dollar.")
    wrong = {
        "divided by the seller's share: the PTA divides by the buyer's share":
            procurement.point_of_total_assumption(ceiling, tp, tc, 1 - share) if share < 1 else None,
        "the target price added instead of the target cost": procurement.point_of_total_assumption(ceiling, tp, tp, share),
        "the target cost left out: PTA = (ceiling - target price) / buyer's share + target cost":
            procurement.point_of_total_assumption(ceiling, tp, 0.0, share),
        "the target cost used where the target price belongs: (ceiling - target cost) / buyer's share + target cost":
            procurement.point_of_total_assumption(ceiling, tc, tc, share),
    }
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.001, misconceptions=wrong, fmt=money,
                   data={"target_cost": tc, "target_price": tp, "ceiling_price": ceiling, "buyer_share": share},
                   as_choice=draw.chance(0.3), draw=draw)


# --------------------------------------------------------------------------------------
# fixed price incentive fee
# --------------------------------------------------------------------------------------
def _actual_cost(draw: Draw, tc: float, pta_: float, case: str) -> float:
    """An actual cost below the target (under), between it and the PTA (over), or past the PTA (beyond)."""
    if case == "under":
        return _round(tc * (1 - draw.uniform(0.04, 0.15)), tc)
    if case == "over":
        return _round(tc + (pta_ - tc) * draw.uniform(0.25, 0.8), tc)
    return _round(pta_ + (pta_ - tc) * draw.uniform(0.2, 0.9) + 0.01 * tc, tc)


@topic("procurement.fpif", title="Fixed price incentive fee (FPIF): seller's profit and price", exam="PMP",
       eco="Process", pmbok8="Finance", lesson=LESSON)
def fpif(draw: Draw, target_cost: float | None = None, target_profit: float | None = None,
         ceiling_price: float | None = None, buyer_share: float | None = None, actual_cost: float | None = None,
         which: str | None = None):
    t = _terms(draw)
    tc = t["target_cost"] if target_cost is None else target_cost
    profit = t["target_profit"] if target_profit is None else target_profit
    ceiling = t["ceiling_price"] if ceiling_price is None else ceiling_price
    share = t["buyer_share"] if buyer_share is None else buyer_share
    which = which or draw.pick(["profit", "price"])
    if actual_cost is None:
        pta_ = procurement.point_of_total_assumption(ceiling, tc + profit, tc, share)
        actual_cost = _actual_cost(draw, tc, pta_, draw.pick(["under", "over", "beyond"]))
    ac = actual_cost
    r = procurement.fixed_price_incentive(tc, profit, ceiling, share, ac)
    answer = float(r[which])
    seller = 1 - share
    adjusted = profit - seller * (ac - tc)
    text = (f"{_buyer(draw)} under a fixed price incentive fee (FPIF) contract: target cost {money(tc)}, target profit "
            f"{money(profit)}, ceiling price {money(ceiling)}, share ratio {_ratio(share)}. The seller's actual cost "
            f"comes to {money(ac)}. ")
    text += ("What profit does the seller make, in $?" if which == "profit" else
             "What price does the buyer pay, in $?")
    lines = [f"Seller's share = 1 - {num(share, 2)} = {num(seller, 2)}. Profit before the ceiling = target profit - "
             f"seller's share x (actual cost - target cost) = {money(profit)} - {num(seller, 2)} x ({money(ac)} - "
             f"{money(tc)}) = {money(adjusted)}."]
    if r["capped"]:
        lines.append(f"Actual cost + that profit = {money(ac + adjusted)} exceeds the ceiling, so the price is the "
                     f"ceiling {money(ceiling)} and the profit is {money(ceiling)} - {money(ac)} = {money(r['profit'])}. "
                     f"(The actual cost is past the PTA of {money(r['pta'])}: the seller carries every extra dollar.)")
    else:
        lines.append(f"Price = actual cost + profit = {money(ac)} {'+' if adjusted >= 0 else '-'} {money(abs(adjusted))} "
                     f"= {money(r['price'])}, below the "
                     f"ceiling {money(ceiling)} (the PTA is {money(r['pta'])}).")
    # the same contract with the buyer's share applied to the seller: a pmlib call with the shares swapped
    swapped = procurement.fixed_price_incentive(tc, profit, ceiling, seller, ac) if seller > 0 else None
    no_ceiling = procurement.cost_plus_incentive(tc, profit, share, ac)  # the FPIF formula without the cap
    fixed = procurement.firm_fixed_price(tc + profit, ac)  # the whole overrun on the seller
    if which == "profit":
        wrong = {
            "the buyer's share used for the seller's adjustment: the seller keeps its own share":
                None if swapped is None else float(swapped["profit"]),
            "the ceiling forgotten: the price never exceeds the ceiling, so the seller's profit can fall further":
                float(no_ceiling["fee"]),
            "the whole overrun (or underrun) taken off the profit, as under a firm fixed price: only the seller's "
            "share of it counts": float(fixed["profit"]),
            "the target profit unchanged: under FPIF the profit moves with the seller's share of the cost variance":
                profit,
        }
    else:
        wrong = {
            "the buyer's share used for the seller's adjustment: the seller keeps its own share":
                None if swapped is None else float(swapped["price"]),
            "the ceiling forgotten: the buyer never pays more than the ceiling price": float(no_ceiling["price"]),
            "the target price, as if the price were fixed: under FPIF it moves with the buyer's share of the "
            "cost variance": float(fixed["price"]),
            "the actual cost plus the target profit: the profit moves with the seller's share of the variance":
                ac + profit,
        }
    return numeric(text, answer, "\n".join(lines), unit="$", decimals=0, rtol=0.001, misconceptions=wrong,
                   fmt=money, as_choice=draw.chance(0.3), draw=draw,
                   data={"target_cost": tc, "target_profit": profit, "ceiling_price": ceiling, "buyer_share": share,
                         "actual_cost": ac})


# --------------------------------------------------------------------------------------
# cost plus incentive fee
# --------------------------------------------------------------------------------------
@topic("procurement.cpif", title="Cost plus incentive fee (CPIF): fee and price, with minimum and maximum fee",
       exam="PMP", eco="Process", pmbok8="Finance", lesson=LESSON)
def cpif(draw: Draw, target_cost: float | None = None, target_fee: float | None = None,
         buyer_share: float | None = None, actual_cost: float | None = None, min_fee: float | None = None,
         max_fee: float | None = None, which: str | None = None):
    if target_cost is None:
        t = _terms(draw)
        target_cost, target_fee, buyer_share = t["target_cost"], t["target_profit"], t["buyer_share"]
        min_fee = nice(target_fee * draw.grid(0.3, 0.6, 0.1), 2)
        max_fee = nice(target_fee * draw.grid(1.4, 1.8, 0.1), 2)
    tc, tf, share = target_cost, target_fee, buyer_share
    seller = 1 - share
    if actual_cost is None:
        case = draw.pick(["under", "over", "below_min", "above_max"])
        if case == "below_min" and min_fee is not None and seller > 0:
            # an overrun large enough to push the fee under its minimum
            actual_cost = _round(tc + (tf - min_fee) / seller * draw.uniform(1.15, 1.6), tc)
        elif case == "above_max" and max_fee is not None and seller > 0:
            actual_cost = _round(max(tc - (max_fee - tf) / seller * draw.uniform(1.15, 1.6), 0.5 * tc), tc)
        else:
            actual_cost = _round(tc * (1 + draw.pick([-1, 1]) * draw.uniform(0.03, 0.12)), tc)
    ac = actual_cost
    which = which or draw.pick(["fee", "fee", "price"])
    r = procurement.cost_plus_incentive(tc, tf, share, ac, min_fee=min_fee, max_fee=max_fee)
    answer = float(r[which])
    raw = procurement.cost_plus_incentive(tc, tf, share, ac)  # no fee limits
    swapped = procurement.cost_plus_incentive(tc, tf, seller, ac, min_fee=min_fee, max_fee=max_fee)
    limits = (f", minimum fee {money(min_fee)}" if min_fee is not None else "") + (
        f", maximum fee {money(max_fee)}" if max_fee is not None else "")
    text = (f"{_buyer(draw)} under a cost plus incentive fee (CPIF) contract: target cost {money(tc)}, target fee "
            f"{money(tf)}, share ratio {_ratio(share)}{limits}. The seller's actual cost is {money(ac)}. ")
    text += ("What fee does the seller earn, in $?" if which == "fee" else
             "What does the buyer pay in total (cost plus fee), in $?")
    how = (f"Fee = target fee + seller's share x (target cost - actual cost) = {money(tf)} + {num(seller, 2)} x "
           f"({money(tc)} - {money(ac)}) = {money(raw['fee'])}")
    if raw["fee"] != r["fee"]:
        bound = "minimum" if raw["fee"] < r["fee"] else "maximum"
        how += f", outside the agreed range, so the fee is the {bound} fee {money(r['fee'])}"
    how += f".\nPrice = actual cost + fee = {money(ac)} + {money(r['fee'])} = {money(r['price'])}."
    if which == "fee":
        wrong = {
            "the minimum and maximum fee forgotten: the fee stays between them": float(raw["fee"]),
            "the buyer's share used: the seller's fee moves by the seller's share": float(swapped["fee"]),
            "the target fee unchanged, as under a fixed fee: the incentive fee moves with the cost": tf,
            "the total price (cost plus fee), not the fee": float(r["price"]),
        }
    else:
        wrong = {
            "the minimum and maximum fee forgotten: the fee stays between them": float(raw["price"]),
            "the buyer's share used: the seller's fee moves by the seller's share": float(swapped["price"]),
            "the target cost plus the target fee: the buyer reimburses the actual cost": tc + tf,
            "the actual cost plus the target fee: the fee moves with the seller's share of the variance": ac + tf,
        }
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.001, misconceptions=wrong, fmt=money,
                   as_choice=draw.chance(0.3), draw=draw,
                   data={"target_cost": tc, "target_fee": tf, "buyer_share": share, "actual_cost": ac,
                         "min_fee": min_fee, "max_fee": max_fee})


# --------------------------------------------------------------------------------------
# cost plus fixed fee
# --------------------------------------------------------------------------------------
@topic("procurement.cpff", title="Cost plus fixed fee (CPFF): the fee is fixed on the estimate", exam="PMP",
       eco="Process", pmbok8="Finance", lesson=LESSON)
def cpff(draw: Draw, estimated_cost: float | None = None, fee_rate: float | None = None,
         actual_cost: float | None = None, which: str | None = None):
    est = draw.amount() if estimated_cost is None else estimated_cost
    rate = draw.grid(0.05, 0.15, 0.01) if fee_rate is None else fee_rate
    ac = _round(est * (1 + draw.pick([-1, 1, 1]) * draw.uniform(0.05, 0.3)), est) if actual_cost is None else actual_cost
    which = which or draw.pick(["price", "fee"])
    r = procurement.cost_plus_fixed_fee(est, rate, ac)
    answer = float(r[which])
    on_actual = procurement.cost_plus_fixed_fee(ac, rate, ac)  # the fee set on the actual cost
    at_estimate = procurement.cost_plus_fixed_fee(est, rate, est)
    text = (f"{_buyer(draw)} under a cost plus fixed fee (CPFF) contract. The estimated cost is {money(est)} and the fee "
            f"is {pct(rate, 0)} of the estimate. The seller's actual cost comes to {money(ac)}. ")
    text += ("What does the buyer pay in total (cost plus fee), in $?" if which == "price" else
             "What fee does the seller earn, in $?")
    how = (f"Fee = {pct(rate, 0)} x the estimated cost = {num(rate, 2)} x {money(est)} = {money(r['fee'])}: fixed "
           f"when the contract is signed, whatever the actual cost.\nPrice = actual cost + fee = {money(ac)} + "
           f"{money(r['fee'])} = {money(r['price'])}: the buyer reimburses every cost, so it carries the whole "
           f"{'overrun' if ac > est else 'underrun'}.")
    if which == "price":
        wrong = {
            "the fee computed on the actual cost: a CPFF fee is fixed on the estimate": float(on_actual["price"]),
            "the estimate plus the fee, as under a fixed price: the buyer reimburses the actual cost":
                float(at_estimate["price"]),
            "the actual cost without the fee": ac,
        }
    else:
        wrong = {
            "the fee computed on the actual cost: a CPFF fee is fixed on the estimate": float(on_actual["fee"]),
            "the fee cut by the whole overrun, as if the seller carried it: under CPFF the buyer does":
                float(procurement.cost_plus_incentive(est, float(r["fee"]), 0.0, ac)["fee"]),
            "the total price instead of the fee": float(r["price"]),
        }
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.001, misconceptions=wrong, fmt=money,
                   as_choice=draw.chance(0.3), draw=draw,
                   data={"estimated_cost": est, "fee_rate": rate, "actual_cost": ac})


# --------------------------------------------------------------------------------------
# time and materials
# --------------------------------------------------------------------------------------
_WORK = {  # sector group: (who is hired, what materials are reimbursed)
    "digital": (("a senior developer", "software licences"), ("a data analyst", "data and tool subscriptions"),
                ("a test engineer", "test devices and licences"), ("a cloud architect", "cloud services")),
    "physical": (("a site engineer", "materials and parts"), ("an electrician", "cabling and fittings"),
                 ("a commissioning technician", "spare parts and consumables")),
    "any": (("a specialist contractor", "materials and parts"), ("an interim project engineer",
                                                                 "materials and equipment hire"),
            ("a senior consultant", "materials and travel")),
}
_SECTOR_WORK = {"IT": "digital", "construction": "physical", "energy": "physical", "manufacturing": "physical"}


def _money(x: float) -> str:
    """Dollars, with cents only when there are any."""
    return money(x, 0 if abs(x - round(x)) < 1e-9 else 2)


@topic("procurement.time_and_materials", title="Time and materials (T&M) with a not-to-exceed cap", exam="PMP",
       eco="Process", pmbok8="Resources", lesson=LESSON)
def time_and_materials(draw: Draw, hours: float | None = None, hourly_rate: float | None = None,
                       materials: float | None = None, markup: float | None = None,
                       not_to_exceed: float | None = None):
    if hours is None:
        hours = float(draw.integer(8, 60) * 20)
        hourly_rate = float(draw.integer(12, 36) * 5)
        materials = nice(hours * hourly_rate * draw.uniform(0.1, 0.5), 2)
        markup = draw.grid(0.05, 0.2, 0.05)
        raw = hours * hourly_rate + materials * (1 + markup)
        not_to_exceed = nice(raw * (draw.uniform(0.85, 0.97) if draw.chance(0.5) else draw.uniform(1.05, 1.3)), 2)
    markup = markup or 0.0
    r = procurement.time_and_materials(hours, hourly_rate, materials, materials_markup=markup,
                                       not_to_exceed=not_to_exceed)
    answer = float(r["price"])
    cap_text = f" The contract has a not-to-exceed (NTE) amount of {money(not_to_exceed)}." if not_to_exceed else ""
    who, what = draw.pick(_WORK[_SECTOR_WORK.get(draw.setting.sector, "any")])
    text = (f"{cap(draw.org())} hires {who} for {draw.project()} under a time and materials (T&M) "
            f"contract at {money(hourly_rate)} per hour, with {what} reimbursed at cost plus a "
            f"{pct(markup, 0)} handling markup.{cap_text} The work took {qty(hours, 'hours')} and "
            f"{money(materials)} of materials. What does the buyer pay, in $?")
    how = (f"Labour = hours x rate = {num(hours, 0)} x {_money(hourly_rate)} = {_money(r['labour'])}; materials = "
           f"{_money(materials)} x (1 + {num(markup, 2)}) = {_money(r['materials'])}; together "
           f"{_money(r['labour'] + r['materials'])}.")
    if not_to_exceed:
        how += (f"\nThe not-to-exceed cap is {money(not_to_exceed)}: "
                + ("the buyer pays the cap and the seller carries the rest." if r["capped"] else
                   "the total is below it, so the buyer pays the total."))
    # the slips recombine pmlib's labour and materials figures (one call, not one per slip)
    labour, marked_up = float(r["labour"]), float(r["materials"])
    capped = (lambda v: min(v, not_to_exceed)) if not_to_exceed else (lambda v: v)
    wrong = {
        "the not-to-exceed cap forgotten: the buyer never pays more than the cap": labour + marked_up,
        "the materials markup left out": capped(labour + materials),
        "the markup applied to the labour too: it applies to the materials only": capped(labour * (1 + markup)
                                                                                          + marked_up),
        "the labour only: T&M reimburses the materials too": capped(labour),
    }
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.001, misconceptions=wrong,
                   fmt=money, as_choice=draw.chance(0.3), draw=draw,
                   data={"hours": hours, "hourly_rate": hourly_rate, "materials": materials, "markup": markup,
                         "not_to_exceed": not_to_exceed})


# --------------------------------------------------------------------------------------
# make or buy
# --------------------------------------------------------------------------------------
_MOB = {  # sector group: (what is needed, the "make" option, the "buy" option, period)
    "digital": (("a customer-portal component", "build it in-house", "subscribe to a hosted service", "month"),
                ("a data-integration tool", "develop it in-house", "license a cloud product", "month"),
                ("a test lab of mobile devices", "buy the devices", "rent a device cloud", "week")),
    "physical": (("a crane", "buy the crane", "lease it", "day"),
                 ("a testing rig", "buy the rig", "lease it", "day"),
                 ("a standby generator", "buy the generator", "hire one", "week")),
    "any": (("a document-scanning line", "buy the scanners", "rent them", "week"),
            ("a fleet of delivery vans", "buy the vans", "lease them", "month"),
            ("a data-integration tool", "develop it in-house", "license a cloud product", "month")),
}


@topic("procurement.make_or_buy", title="Make or buy (lease or buy): break-even and cost difference", exam="PMP",
       eco="Business Environment", pmbok8="Resources", lesson=LESSON)
def make_or_buy(draw: Draw, make_fixed: float | None = None, make_per_period: float | None = None,
                buy_fixed: float | None = None, buy_per_period: float | None = None, periods: float | None = None,
                which: str | None = None, case: tuple | None = None):
    what, make, buy, period = case or draw.pick(_MOB[_SECTOR_WORK.get(draw.setting.sector, "any")])
    unit = f"{period}s"
    if make_fixed is None:
        buy_per_period = nice(draw.setting.scale * draw.uniform(0.0005, 0.004), 2)
        make_per_period = nice(buy_per_period * draw.uniform(0.15, 0.6), 2)
        make_fixed = nice((buy_per_period - make_per_period) * draw.integer(15, 60), 2)
        buy_fixed = nice(make_fixed * draw.uniform(0, 0.3), 2) if draw.chance(0.5) else 0.0
    which = which or draw.pick(["breakeven", "breakeven", "difference"])
    if periods is None:
        be = (make_fixed - buy_fixed) / (buy_per_period - make_per_period)
        periods = float(max(1, round(be * draw.pick([0.6, 0.75, 1.3, 1.6]))))
    r = procurement.make_or_buy(make_fixed, make_per_period, buy_fixed, buy_per_period, periods)
    setup = f" plus a set-up fee of {money(buy_fixed)}" if buy_fixed else ""
    text = (f"{cap(draw.org())} needs {what} for {draw.project()}. It can {make} for {money(make_fixed)} up front, "
            f"plus {money(make_per_period)} per {period} to run and maintain, or {buy} for "
            f"{money(buy_per_period)} per {period}{setup}. ")
    options = (f"Total cost after t {unit}: {make}: {money(make_fixed)} + {money(make_per_period)} x t; {buy}: "
               f"{money(buy_fixed)} + {money(buy_per_period)} x t.")
    be = float(r["breakeven"])
    if which == "breakeven":
        answer = be
        text += (f"It is needed for {qty(periods, unit)}. After how many {unit} of use do the two options cost the "
                 "same? Give one decimal.")
        how = (f"{options}\nThe totals are equal when t = (make up-front - buy up-front) / (buy per {period} - make "
               f"per {period}) = ({money(make_fixed)} - {money(buy_fixed)}) / ({money(buy_per_period)} - "
               f"{money(make_per_period)}) = {num(be, 1)} {unit}. Needed for longer, it is cheaper to {make}; for "
               f"less, to {buy}.")
        wrong = {
            f"the up-front cost divided by the other option's cost per {period}: the running cost of the owned "
            "item is left out": float(procurement.make_or_buy(make_fixed, 0.0, buy_fixed, buy_per_period,
                                                               periods)["breakeven"]),
            f"the total cost to {make} over the {qty(periods, unit)} divided by the cost per {period} to {buy}":
                float(r["make_cost"]) / buy_per_period,
            f"the up-front cost divided by the sum of the costs per {period}: take their difference":
                (make_fixed - buy_fixed) / (buy_per_period + make_per_period),
        }
        return numeric(text, answer, how, unit=unit, decimals=1, rtol=0.002, misconceptions=wrong,
                       fmt=lambda v: f"{num(v, 1)} {unit}", as_choice=draw.chance(0.3), draw=draw,
                       data={"make_fixed": make_fixed, "make_per_period": make_per_period, "buy_fixed": buy_fixed,
                             "buy_per_period": buy_per_period, "periods": periods})
    answer = abs(float(r["difference"]))
    cheaper = make if r["cheaper"] == "make" else buy
    text += (f"It is needed for {qty(periods, unit)}. By how much is the cheaper option cheaper over that time, in $?")
    how = (f"{options}\nOver t = {num(periods, 0)}: {make} {money(r['make_cost'])}, {buy} {money(r['buy_cost'])}. "
           f"The cheaper is to {cheaper}, by {money(answer)} (the break-even is {num(be, 1)} {unit}).")
    wrong = {
        "the up-front costs compared alone: the running costs count too": abs(make_fixed - buy_fixed),
        f"the costs per {period} compared alone: the up-front costs count too":
            abs(buy_per_period - make_per_period) * periods,
        "the running cost of the owned item left out": abs(float(procurement.make_or_buy(
            make_fixed, 0.0, buy_fixed, buy_per_period, periods)["difference"])),
    }
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.001, misconceptions=wrong, fmt=money,
                   as_choice=draw.chance(0.3), draw=draw,
                   data={"make_fixed": make_fixed, "make_per_period": make_per_period, "buy_fixed": buy_fixed,
                         "buy_per_period": buy_per_period, "periods": periods})


# --------------------------------------------------------------------------------------
# who carries the cost risk
# --------------------------------------------------------------------------------------
_TIERS = (("FFP",), ("FP-EPA", "FPIF"), ("T&M", "CPIF"), ("CPAF", "CPFF"), ("CPPC",))
_SITUATIONS = {  # contract type: a situation it fits (the exam's usual cue)
    "FFP": "the scope is fully specified and unlikely to change, and the buyer wants a firm budget",
    "FP-EPA": "the contract runs for five years and the price of steel and energy may swing",
    "T&M": "the buyer needs two extra specialists next week, before the scope of their work is known",
    "CPAF": "the quality of the seller's service is hard to measure by formula, so the buyer wants to judge it",
    "CPFF": "the work is research whose scope cannot be defined yet, and the seller will not accept the cost risk",
    "CPIF": "the scope is uncertain, but the buyer wants the seller to share in any savings or overrun",
}


@topic("procurement.contract_risk", title="Contract types: who carries the cost risk (past the PTA, FFP ... CPPC)",
       exam="PMP", eco="Process", pmbok8="Risk", lesson=LESSON)
def contract_risk(draw: Draw, which: str | None = None, actual_cost: float | None = None, terms: dict | None = None):
    which = which or draw.pick(["next_dollar", "next_dollar", "ranking", "fit"])
    if which == "next_dollar":
        return _next_dollar(draw, terms, actual_cost)
    table = procurement.contract_types()
    codes = list(table.index)  # from the least to the most cost risk for the buyer
    if which == "ranking":
        most = draw.chance(0.5)
        # one type from each of four tiers whose order no textbook disputes (FP-EPA vs FPIF, T&M vs
        # CPIF, CPAF vs CPFF sit in one tier each)
        tiers = draw.sample(_TIERS, 4)
        offered = draw.shuffle([draw.pick(tier) for tier in tiers])
        answer = max(offered, key=codes.index) if most else min(offered, key=codes.index)
        names = ", ".join(f"{c} ({table.loc[c, 'name'].lower()})" for c in offered)
        text = (f"{_buyer(draw)} and is comparing offers under four contract types: {names}. Which type leaves the "
                f"buyer with the {'most' if most else 'least'} cost risk?")
        than = "less" if most else "more"
        wrong = {c: f"{c} leaves the buyer {than} cost risk than {answer} (the buyer under {c}: "
                    f"{table.loc[c, 'buyer_cost_risk']})" for c in offered if c != answer}
        ranked = sorted(offered, key=codes.index)
        how = ("From the least to the most cost risk for the buyer: " + " < ".join(ranked) + ".\n"
               f"{answer}: the buyer: {table.loc[answer, 'buyer_cost_risk']}; the seller: "
               f"{table.loc[answer, 'seller_cost_risk']}.")
        return choice(draw, text, answer, wrong, how, data={"offered": offered})
    fits = draw.sample(list(_SITUATIONS), 4)
    answer = fits[0]
    text = (f"{_buyer(draw)}: {_SITUATIONS[answer]}. Which contract type fits best?")
    wrong = {c: f"{c} ({table.loc[c, 'name'].lower()}) is for: {table.loc[c, 'when_to_use']}" for c in fits[1:]}
    how = (f"{answer} ({table.loc[answer, 'name'].lower()}) is for: {table.loc[answer, 'when_to_use']}.\nThe buyer: "
           f"{table.loc[answer, 'buyer_cost_risk']}; the seller: {table.loc[answer, 'seller_cost_risk']}.")
    return choice(draw, text, answer, wrong, how, data={"situation": answer})


def _next_dollar(draw: Draw, terms: dict | None, actual_cost: float | None):
    t = terms or _terms(draw)
    tc, profit, ceiling, share = t["target_cost"], t["target_profit"], t["ceiling_price"], t["buyer_share"]
    pta_ = procurement.point_of_total_assumption(ceiling, tc + profit, tc, share)
    if actual_cost is None:
        actual_cost = _actual_cost(draw, tc, pta_, draw.pick(["over", "beyond", "beyond"]))
    ac = actual_cost
    # what one more dollar of cost adds to the buyer's price: pmlib's FPIF price at ac and ac + 1
    r = procurement.fixed_price_incentive(tc, profit, ceiling, share, [ac, ac + 1.0])
    buyer_part = float(r["price"].iloc[1] - r["price"].iloc[0])
    b, s = round(100 * share), 100 - round(100 * share)
    text = (f"{_buyer(draw)} under a fixed price incentive fee (FPIF) contract: target cost {money(tc)}, target profit "
            f"{money(profit)}, ceiling price {money(ceiling)}, share ratio {_ratio(share)}; the point of total "
            f"assumption is {money(pta_)}. The seller's cost has reached {money(ac)} and is still rising. Who pays "
            "the next dollar of cost?")
    seller_all = "The seller pays all of it: the price is stuck at the ceiling, so it comes out of the seller's profit."
    shared = (f"The buyer pays {b} cents and the seller {s} cents: both share it by the {b}/{s} ratio, up to the "
              "ceiling.")
    buyer_all = "The buyer pays all of it: an incentive contract reimburses the seller's costs."
    reversed_ = f"The buyer pays {s} cents and the seller {b} cents."
    if abs(buyer_part) < 1e-9:
        correct = seller_all
        wrong = {shared: "applying the share ratio past the PTA: it applies only up to the point of total assumption",
                 buyer_all: "treating a fixed price contract as cost reimbursable: the buyer never pays above the "
                            "ceiling"}
        if b != s:
            wrong[reversed_] = "reading the share ratio backwards (and past the PTA it no longer applies)"
        how = (f"The actual cost {money(ac)} is past the PTA ({money(pta_)}): the price has reached the ceiling "
               f"{money(ceiling)}, and one more dollar of cost raises the buyer's price by {money(buyer_part, 2)}. "
               "The seller carries every extra dollar, out of its profit (then as a loss).")
    else:
        correct = shared
        wrong = {seller_all: "applying the PTA rule too early: below the point of total assumption the share ratio "
                             "still applies",
                 buyer_all: "treating a fixed price contract as cost reimbursable: the seller carries its share"}
        if b != s:
            wrong[reversed_] = "reading the share ratio backwards: the first number is the buyer's share"
        how = (f"The actual cost {money(ac)} is between the target cost {money(tc)} and the PTA {money(pta_)}, so "
               f"the price is still below the ceiling. One more dollar of cost raises the "
               f"buyer's price by {money(buyer_part, 2)} ({b} cents); the seller's profit falls by the other {s} cents.")
    return choice(draw, text, correct, wrong, how,
                  data={**t, "actual_cost": ac, "pta": pta_, "buyer_pays_per_dollar": buyer_part})
