"""Practice topics of the business case: NPV, IRR, ROI, payback, BCR, PV, opportunity cost (lesson 02).

Every answer comes from :mod:`pmlib.finance` (numpy-financial conventions: the first cash flow
happens now, at t = 0). Misconceptions include Excel's NPV convention (every value discounted,
the first one by a full period), forgetting the investment, no discounting, and a rate typed
as a percentage.
"""

from __future__ import annotations

import math

import numpy as np

from .. import evm, finance
from ._core import Draw, cap, choice, money, nice, num, numeric, pct, topic

LESSON = "02_business_case"


def _rate(draw: Draw, lo: float = 0.05, hi: float = 0.15) -> float:
    return draw.grid(lo, hi, 0.01)


def _flows(draw: Draw, years: int, *, recover: float = 1.3, spread: float = 0.35) -> list[float]:
    """An investment now (negative) and ``years`` uneven yearly net inflows, in round dollars.

    ``recover`` is roughly the undiscounted inflows over the investment.
    """
    invest = draw.amount()
    step = 10 ** (math.floor(math.log10(invest)) - 2)
    mean = invest * recover / years
    inflows = [round(mean * draw.uniform(1 - spread, 1 + spread) / step) * step for _ in range(years)]
    return [-invest, *[float(x) for x in inflows]]


def _flow_text(flows: list[float]) -> str:
    years = ", ".join(f"{money(v)} in year {t}" for t, v in enumerate(flows) if t > 0)
    return f"an investment of {money(-flows[0])} now (year 0), then net cash inflows of {years}"


def _discounting(rate: float, flows: list[float]) -> str:
    terms = " + ".join(f"{money(v)} / {num(1 + rate, 2)}^{t}" for t, v in enumerate(flows) if t > 0)
    return f"{money(flows[0])} + {terms}"


@topic("finance.npv", title="Net present value (NPV)", exam="PfMP", eco="Business Environment",
       pmbok8="Finance", lesson=LESSON)
def npv(draw: Draw, flows: list | None = None, rate: float | None = None):
    if flows is None:
        flows = _flows(draw, draw.integer(3, 5), recover=draw.uniform(1.05, 1.6))
    rate = _rate(draw) if rate is None else rate
    answer = finance.npv(rate, flows)
    text = (f"{cap(draw.org())} is appraising {draw.project()}: {_flow_text(flows)}. The discount rate is "
            f"{pct(rate, 0)}. What is the net present value (NPV), in $?")
    how = (f"NPV = sum of CF_t / (1 + r)^t, with the investment at t = 0 (not discounted):\n"
           f"NPV = {_discounting(rate, flows)} = {money(answer)}\n"
           f"{'Positive: the project earns more than the ' + pct(rate, 0) + ' rate requires.' if answer > 0 else 'Negative: the project earns less than the ' + pct(rate, 0) + ' rate requires.'}")
    wrong = {
        "Excel's NPV convention: every value discounted, the investment too, by one period too many": finance.npv(rate, flows, start=1),
        "the investment left out (only the inflows discounted)": finance.npv(rate, [0.0, *flows[1:]]),
        "no discounting: the cash flows simply added up": finance.npv(0.0, flows),
        "each inflow discounted one year too few (the year-1 inflow left undiscounted)": flows[0] + finance.npv(rate, flows[1:]),
    }
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.0, atol=0.001 * -flows[0], misconceptions=wrong,
                   data={"rate": rate, "cashflows": flows}, fmt=money, as_choice=draw.chance(0.3), draw=draw)


@topic("finance.irr", title="Internal rate of return (IRR)", exam="PfMP", eco="Business Environment",
       pmbok8="Finance", lesson=LESSON)
def irr(draw: Draw, flows: list | None = None, hurdle: float | None = None):
    if flows is None and draw.chance(0.5):
        invest = draw.amount()
        years = draw.integer(2, 6)
        growth = draw.uniform(1.15, 2.2)
        payoff = float(round(invest * growth / (invest / 100)) * (invest / 100))
        flows = [-invest, *[0.0] * (years - 1), payoff]
        answer = finance.irr(flows)
        text = (f"{cap(draw.org())} can invest {money(invest)} now in {draw.project()}, which will return a single "
                f"payment of {money(payoff)} in {years} years and nothing before. What is the internal rate of return "
                "(IRR)? Give it as a fraction with three decimals (0.087 for 8.7 %).")
        how = (f"The IRR is the rate where NPV = 0: {money(invest)} = {money(payoff)} / (1 + IRR)^{years}, so\n"
               f"IRR = ({money(payoff)} / {money(invest)})^(1/{years}) - 1 = {num(answer, 4)} ({pct(answer, 1)} a year)")
        roi = finance.roi(payoff, invest)
        wrong = {
            "(payoff / investment - 1) / years: a simple average, ignoring compounding": roi / years,
            "payoff / investment - 1: the total return over all the years (the ROI), not a yearly rate": roi,
        }
        return numeric(text, answer, how, unit="fraction", decimals=3, rtol=0.004, misconceptions=wrong,
                       data={"cashflows": flows}, fmt=lambda v: num(v, 3), as_choice=draw.chance(0.3), draw=draw)
    # interpretation: IRR against the cost of capital
    for _ in range(0 if flows is not None else 100):
        flows = _flows(draw, draw.integer(4, 6), recover=draw.uniform(1.3, 1.9))
        if 0.07 <= finance.irr(flows) <= 0.3:
            break
    value = finance.irr(flows)
    if hurdle is None:
        hurdle = round(value + draw.pick([-1, 1]) * draw.uniform(0.015, 0.04), 2)
        if abs(hurdle - value) < 0.005:
            hurdle = round(hurdle + 0.01, 2)
    npv_h = finance.npv(hurdle, flows)
    text = (f"{cap(draw.org())} appraises {draw.project()}: its IRR is {pct(value, 1)}, and the organisation's cost of "
            f"capital (hurdle rate) is {pct(hurdle, 0)}. Which statement is true?")
    accept = (f"Accept it: the IRR exceeds the cost of capital, so its NPV at {pct(hurdle, 0)} is positive.")
    reject = (f"Reject it: the IRR is below the cost of capital, so its NPV at {pct(hurdle, 0)} is negative.")
    zero = f"Its NPV at {pct(hurdle, 0)} is zero, so the project only breaks even."
    if npv_h > 0:
        correct = accept
        wrong = {
            f"Reject it: the IRR exceeds the cost of capital, so its NPV at {pct(hurdle, 0)} is negative.":
                "reading an IRR above the hurdle as a loss: NPV is positive at every rate below the IRR",
            zero: "NPV is zero at the IRR itself, not at the cost of capital",
            "It cannot be judged: an IRR says nothing about whether a project adds value.":
                "an IRR compared with the cost of capital does tell whether a conventional project adds value",
        }
    else:
        correct = reject
        wrong = {
            f"Accept it: a positive IRR of {pct(value, 1)} means the project makes money.":
                "a positive IRR is not enough: it must beat the cost of capital",
            zero: "NPV is zero at the IRR itself, not at the cost of capital",
            f"Accept it: the IRR is below the cost of capital, so its NPV at {pct(hurdle, 0)} is positive.":
                "reading an IRR below the hurdle as a gain: NPV is negative at every rate above the IRR",
        }
    how = (f"NPV falls as the rate rises and is zero at the IRR ({pct(value, 1)}). At the cost of capital "
           f"{pct(hurdle, 0)} the NPV is {money(npv_h)}: {'positive, accept' if npv_h > 0 else 'negative, reject'}.")
    return choice(draw, text, correct, wrong, how, data={"cashflows": flows, "irr": value, "hurdle": hurdle})


@topic("finance.roi", title="Return on investment (ROI)", exam="PMP", eco="Business Environment",
       pmbok8="Finance", lesson=LESSON)
def roi(draw: Draw):
    cost = draw.amount()
    benefit = float(round(cost * draw.uniform(1.1, 2.4) / (cost / 100)) * (cost / 100))
    answer = finance.roi(benefit, cost)
    text = (f"{cap(draw.project())} for {draw.org()} costs {money(cost)} and is expected to bring total benefits of "
            f"{money(benefit)} (undiscounted). What is its return on investment (ROI)? Give it as a fraction with "
            "three decimals (0.25 for 25 %).")
    how = (f"ROI = (benefit - cost) / cost = ({money(benefit)} - {money(cost)}) / {money(cost)} = {num(answer, 4)} "
           f"({pct(answer, 1)})")
    wrong = {
        "benefit / cost: that is a benefit-cost ratio; ROI subtracts the cost first": finance.benefit_cost_ratio(0.0, [benefit], [cost]),
        "(benefit - cost) / benefit: the gain divided by the benefit instead of the cost": (benefit - cost) / benefit,
    }
    return numeric(text, answer, how, unit="fraction", decimals=3, rtol=0.002, misconceptions=wrong,
                   data={"benefit": benefit, "cost": cost}, fmt=lambda v: num(v, 3), as_choice=draw.chance(0.3),
                   draw=draw)


def _payback_flows(draw: Draw, rate: float = 0.0) -> list[float]:
    """Flows whose (discounted) payback falls inside the horizon and not on a whole year."""
    for _ in range(100):
        flows = _flows(draw, draw.integer(4, 6), recover=draw.uniform(1.4, 2.2), spread=0.45)
        p = finance.discounted_payback_period(rate, flows) if rate else finance.payback_period(flows)
        if math.isfinite(p) and abs(p - round(p)) > 0.08 and p > 1:
            return flows
    return flows


@topic("finance.payback", title="Payback period", exam="PMP", eco="Business Environment", pmbok8="Finance",
       lesson=LESSON)
def payback(draw: Draw):
    flows = _payback_flows(draw)
    answer = finance.payback_period(flows)
    years = int(math.floor(answer))
    cum = [sum(flows[: t + 1]) for t in range(len(flows))]
    text = (f"{cap(draw.org())} considers {draw.project()}: {_flow_text(flows)}. Cash comes in evenly within a year. "
            "What is the payback period, in years? Give two decimals.")
    running = ", ".join(f"year {t}: {money(c)}" for t, c in enumerate(cum))
    how = (f"Cumulative cash flow: {running}.\nIt turns positive during year {years + 1}: "
           f"payback = {years} + {money(-cum[years])} / {money(flows[years + 1])} = {num(answer, 2)} years")
    mean = sum(flows[1:]) / (len(flows) - 1)
    wrong = {
        "whole years only: the year in which the investment is recovered, rounded up": math.ceil(answer),
        "investment / average yearly inflow: an average hides uneven flows": finance.payback_period([flows[0], *[mean] * (len(flows) - 1)]),
        "one year too many: year 0 counted as the first year": answer + 1,
    }
    return numeric(text, answer, how, unit="years", decimals=2, rtol=0.01, misconceptions=wrong,
                   data={"cashflows": flows}, fmt=lambda v: f"{num(v, 2)} years", as_choice=draw.chance(0.3), draw=draw)


@topic("finance.discounted_payback", title="Discounted payback period", exam="PfMP", eco="Business Environment",
       pmbok8="Finance", lesson=LESSON)
def discounted_payback(draw: Draw):
    rate = _rate(draw, 0.06, 0.12)
    flows = _payback_flows(draw, rate)
    answer = finance.discounted_payback_period(rate, flows)
    disc = (np.asarray(flows, dtype=float) * finance.discount_factors(rate, len(flows))).tolist()
    cum = [sum(disc[: t + 1]) for t in range(len(disc))]
    years = int(math.floor(answer))
    text = (f"{cap(draw.org())} considers {draw.project()}: {_flow_text(flows)}. The discount rate is {pct(rate, 0)} "
            "and cash comes in evenly within a year. What is the discounted payback period, in years? Give two decimals.")
    how = (f"Discount each year's flow by (1 + {num(rate, 2)})^t: "
           + ", ".join(f"year {t}: {money(d)}" for t, d in enumerate(disc))
           + f".\nThe cumulative discounted flow turns positive during year {years + 1}: payback = {years} + "
           f"{money(-cum[years])} / {money(disc[years + 1])} = {num(answer, 2)} years")
    wrong = {
        "the simple payback: the flows were not discounted": finance.payback_period(flows),
        "whole years only: the year of recovery, rounded up": math.ceil(answer),
        "each inflow discounted one year too few": finance.discounted_payback_period(
            rate, [flows[0], *[v * (1 + rate) for v in flows[1:]]]),
    }
    return numeric(text, answer, how, unit="years", decimals=2, rtol=0.01, misconceptions=wrong,
                   data={"rate": rate, "cashflows": flows}, fmt=lambda v: f"{num(v, 2)} years",
                   as_choice=draw.chance(0.3), draw=draw)


@topic("finance.bcr", title="Benefit-cost ratio (BCR)", exam="PMP", eco="Business Environment", pmbok8="Finance",
       lesson=LESSON)
def bcr(draw: Draw):
    years = draw.integer(3, 5)
    invest = draw.amount()
    step = invest / 100
    running = float(round(invest * draw.uniform(0.04, 0.1) / step) * step)
    benefit = [0.0, *[float(round(invest * draw.uniform(0.25, 0.5) / step) * step) for _ in range(years)]]
    costs = [invest, *[running] * years]
    rate = _rate(draw)
    answer = finance.benefit_cost_ratio(rate, benefit, costs)
    pv_b = finance.npv(rate, benefit)
    pv_c = finance.npv(rate, costs)
    text = (f"{cap(draw.org())} evaluates {draw.project()}: it costs {money(invest)} now and {money(running)} a year to run "
            f"for {years} years, and brings benefits of "
            + ", ".join(f"{money(b)} in year {t}" for t, b in enumerate(benefit) if t > 0)
            + f". At a discount rate of {pct(rate, 0)}, what is the benefit-cost ratio? Give two decimals.")
    how = (f"PV(benefits) = {money(pv_b)}; PV(costs) = {money(invest)} + PV of the running costs = {money(pv_c)}\n"
           f"BCR = PV(benefits) / PV(costs) = {money(pv_b)} / {money(pv_c)} = {num(answer, 3)}"
           f" ({'above' if answer > 1 else 'below'} 1: the benefits {'outweigh' if answer > 1 else 'do not cover'} the costs)")
    wrong = {
        "benefits and costs not discounted": finance.benefit_cost_ratio(0.0, benefit, costs),
        "PV(costs) / PV(benefits): the ratio upside down": 1 / answer,
        "(PV(benefits) - PV(costs)) / PV(costs): that is a return, BCR - 1": answer - 1,
        "the running costs left out (only the investment counted as cost)": finance.benefit_cost_ratio(
            rate, benefit, [invest, *[0.0] * years]),
    }
    return numeric(text, answer, how, unit="ratio", decimals=2, rtol=0.005, misconceptions=wrong,
                   data={"rate": rate, "benefits": benefit, "costs": costs}, fmt=lambda v: num(v, 2),
                   as_choice=draw.chance(0.3), draw=draw)


@topic("finance.present_value", title="Present value of a future amount", exam="PMP", eco="Business Environment",
       pmbok8="Finance", lesson=LESSON)
def present_value(draw: Draw):
    fv = draw.amount()
    rate = _rate(draw, 0.04, 0.12)
    years = draw.integer(2, 8)
    answer = finance.present_value(fv, rate, years)
    if draw.chance(0.5):
        text = (f"{cap(draw.project())} for {draw.org()} will save {money(fv)} in {years} years' time. At a discount "
                f"rate of {pct(rate, 0)}, what is that saving worth today (its present value), in $?")
    else:
        text = (f"{cap(draw.org())} must pay a contractor {money(fv)} in {years} years. How much must it set aside "
                f"today, earning {pct(rate, 0)} a year compounded, to cover it? Give the amount in $.")
    how = f"PV = FV / (1 + r)^n = {money(fv)} / (1 + {num(rate, 2)})^{years} = {money(answer)}"
    wrong = {
        "compounded instead of discounted (that is the future value)": finance.future_value(fv, rate, years),
        "simple interest: FV / (1 + r x n)": fv / (1 + rate * years),
        "discounted one year too few": finance.present_value(fv, rate, years - 1),
    }
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.003, misconceptions=wrong,
                   data={"value": fv, "rate": rate, "periods": years}, fmt=money, as_choice=draw.chance(0.3), draw=draw)


@topic("finance.opportunity_cost", title="Opportunity cost", exam="PMP", eco="Business Environment",
       pmbok8="Finance", lesson=LESSON)
def opportunity_cost(draw: Draw):
    k = draw.integer(3, 4)
    names = draw.projects(k)
    k = len(names)
    rate = _rate(draw)
    options = [_flows(draw, 4, recover=draw.uniform(1.2, 1.8)) for _ in range(k)]
    npvs = [finance.npv(rate, f) for f in options]
    chosen = draw.integer(0, k - 1)
    others = [v for i, v in enumerate(npvs) if i != chosen]
    best_other = max(others)
    answer = best_other
    listing = "; ".join(f"{cap(n)}: NPV {money(v)}" for n, v in zip(names, npvs, strict=True))
    text = (f"{cap(draw.org())} can fund only one of these mutually exclusive projects ({listing}). The board "
            f"chooses {names[chosen]}. What is the opportunity cost of that choice, in $?")
    how = ("Opportunity cost = the value of the best option not chosen (only one could be done, so only the best "
           f"alternative is forgone): the best NPV among the others is {money(best_other)}.")
    wrong = {
        "the difference between the chosen option and the best alternative: opportunity cost is the value given up, "
        "not the gap": abs(npvs[chosen] - best_other),
        "the sum of every option not chosen: only one could have been done": sum(others),
        "the chosen option's own value": npvs[chosen],
    }
    if k > 2:
        wrong["the value of the weakest option not chosen: the best one forgone counts"] = min(others)
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.001, misconceptions=wrong,
                   data={"rate": rate, "npv": dict(zip(names, npvs, strict=True)), "chosen": names[chosen]},
                   fmt=money, as_choice=draw.chance(0.4), draw=draw)


@topic("finance.npv_vs_irr", title="NPV or IRR for mutually exclusive projects", exam="PfMP",
       eco="Business Environment", pmbok8="Finance", lesson=LESSON)
def npv_vs_irr(draw: Draw, big: list | None = None, small: list | None = None, rate: float | None = None):
    rate = rate if rate is not None else _rate(draw, 0.06, 0.1)
    if big is None:
        # 40 candidate pairs appraised at once (pmlib takes one project per row); keep the first where
        # NPV and IRR rank the two projects differently
        tries, years = 40, draw.integer(4, 6)
        big_invest = np.array([nice(x) for x in draw.setting.scale * draw.rng.uniform(0.4, 2.5, tries)])
        step = big_invest / 100
        annuity = finance.annuity_present_value(1.0, rate, years)  # sizes the big project's yearly return
        annual = np.round(big_invest * draw.rng.uniform(1.1, 1.5, tries) / annuity / step) * step
        bigs = np.column_stack([-big_invest, np.repeat(annual[:, None], years, axis=1)])
        small_invest = np.round(big_invest * draw.rng.uniform(0.25, 0.5, tries) / step) * step
        quick = np.round(small_invest * draw.rng.uniform(0.7, 0.9, tries) / step) * step
        later = np.round(small_invest * draw.rng.uniform(0.25, 0.45, tries) / step) * step
        smalls = np.column_stack([-small_invest, quick, np.repeat(later[:, None], years - 1, axis=1)])
        n_big, n_small = finance.npv(rate, bigs), finance.npv(rate, smalls)
        i_big, i_small = finance.irr(bigs), finance.irr(smalls)
        ok = (n_big > 1.1 * n_small) & (n_small > 0) & (i_small > i_big + 0.02) & (i_big > rate + 0.01)
        k = int(np.argmax(ok))
        big, small = bigs[k].tolist(), smalls[k].tolist()
        n_big, n_small, i_big, i_small = (float(x[k]) for x in (n_big, n_small, i_big, i_small))
    else:
        n_big, n_small = finance.npv(rate, big), finance.npv(rate, small)
        i_big, i_small = finance.irr(big), finance.irr(small)
    years = len(big) - 1
    names = draw.projects(2)
    a, b = names if len(names) == 2 else ("project A", "project B")
    text = (f"{cap(draw.org())} must choose between two mutually exclusive projects. {cap(a)} costs {money(-big[0])} and "
            f"returns {money(big[1])} a year for {years} years: NPV {money(n_big)} at its {pct(rate, 0)} cost of capital, "
            f"IRR {pct(i_big, 1)}. {cap(b)} costs {money(-small[0])}: NPV {money(n_small)}, IRR {pct(i_small, 1)}. "
            "Which should it choose?")
    (win, n_win, lose, n_lose, i_win, i_lose, f_win, f_lose) = (
        (a, n_big, b, n_small, i_big, i_small, big, small) if n_big >= n_small
        else (b, n_small, a, n_big, i_small, i_big, small, big))
    correct = f"{cap(win)}: it adds the most value (the higher NPV) at the organisation's cost of capital."
    wrong = {}
    if i_lose > i_win:
        wrong[f"{cap(lose)}: its IRR is higher."] = \
            "ranking mutually exclusive projects by IRR: IRR ignores the scale of the investment"
    if n_lose > 0:
        wrong["Both: each has a positive NPV."] = "ignoring that the projects are mutually exclusive (only one can be done)"
    if finance.payback_period(f_lose) < finance.payback_period(f_win):
        wrong[f"{cap(lose)}: it pays back sooner."] = "choosing by payback: it ignores the cash flows after the payback year"
    if -f_lose[0] < -f_win[0]:
        wrong[f"{cap(lose)}: it costs less."] = "choosing the cheaper project: value added decides, not the outlay"
    how = (f"For mutually exclusive projects choose the higher NPV at the cost of capital ({money(n_win)} > "
           f"{money(n_lose)}). The IRR ({pct(i_win, 1)} against {pct(i_lose, 1)}) says how fast money grows, not how much "
           "value a project adds.")
    return choice(draw, text, correct, wrong, how,
                  data={"rate": rate, "a": big, "b": small, "npv": [n_big, n_small], "irr": [i_big, i_small]})


# --------------------------------------------------------------------------------------
# second wave: future value, annuities, depreciation, sunk cost (lesson 02)
# --------------------------------------------------------------------------------------
@topic("finance.future_value", title="Future value and compound growth", exam="PMP", eco="Business Environment",
       pmbok8="Finance", lesson=LESSON)
def future_value(draw: Draw, value: float | None = None, rate: float | None = None, years: int | None = None,
                 which: str | None = None, final: float | None = None):
    which = which or ("growth" if final is not None else draw.pick(["value", "value", "growth"]))
    value = value if value is not None else draw.amount(lo=0.2, hi=1.5)
    years = years if years is not None else draw.integer(2, 10)
    if which == "value":
        rate = rate if rate is not None else _rate(draw, 0.03, 0.12)
        answer = finance.future_value(value, rate, years)
        text = draw.pick([
            f"{cap(draw.org())} sets aside {money(value)} today for {draw.project()} in {years} years' time, in a "
            f"fund earning {pct(rate, 0)} a year, compounded yearly. How much will the fund hold then, in $?",
            f"The cost of {draw.project()} for {draw.org()} is {money(value)} today and is expected to rise by "
            f"{pct(rate, 0)} a year. What will it cost if it starts in {years} years, in $?",
        ])
        how = f"FV = PV x (1 + r)^n = {money(value)} x (1 + {num(rate, 2)})^{years} = {money(answer)}"
        wrong = {
            "simple interest, PV x (1 + r x n): the interest compounds year on year": finance.future_value(
                value, rate * years, 1),
            "discounted instead of compounded (that is a present value)": finance.present_value(value, rate, years),
            "compounded one year too few": finance.future_value(value, rate, years - 1),
        }
        return numeric(text, answer, how, unit="$", decimals=0, rtol=0.002, misconceptions=wrong,
                       data={"value": value, "rate": rate, "periods": years}, fmt=money, as_choice=draw.chance(0.3),
                       draw=draw)
    if final is None:
        growth = _rate(draw, 0.03, 0.2)
        step = 10 ** (math.floor(math.log10(value)) - 2)
        final = round(finance.future_value(value, growth, years) / step) * step
    answer = finance.annualised_roi(final, value, years)
    text = (f"A product line of {draw.org()} grew its yearly revenue from {money(value)} to {money(final)} over "
            f"{years} years. What is its compound annual growth rate? Give it as a fraction with three decimals "
            "(0.085 for 8.5 %).")
    how = (f"FV = PV x (1 + g)^n, so g = (FV / PV)^(1/n) - 1 = ({money(final)} / {money(value)})^(1/{years}) - 1 = "
           f"{num(answer, 4)} ({pct(answer, 1)} a year)")
    total = finance.roi(final, value)
    wrong = {
        "the simple average, (FV / PV - 1) / n: growth compounds": total / years,
        "the total growth over the period, not a yearly rate": total,
        "one year too many: n counts the years of growth between the two figures":
            finance.annualised_roi(final, value, years + 1),
    }
    return numeric(text, answer, how, unit="fraction", decimals=3, rtol=0.004, misconceptions=wrong,
                   data={"value": value, "final": final, "periods": years}, fmt=lambda v: num(v, 3),
                   as_choice=draw.chance(0.3), draw=draw)


@topic("finance.annuity", title="Present value of an annuity (a level stream of payments)", exam="PfMP",
       eco="Business Environment", pmbok8="Finance", lesson=LESSON)
def annuity(draw: Draw, payment: float | None = None, rate: float | None = None, periods: int | None = None,
            due: bool | None = None, unit: str = "year"):
    payment = payment if payment is not None else draw.amount(lo=0.05, hi=0.4)
    rate = rate if rate is not None else _rate(draw, 0.04, 0.12)
    periods = periods if periods is not None else draw.integer(3, 12)
    due = draw.chance(0.3) if due is None else due
    answer = finance.annuity_present_value(payment, rate, periods, due=due)
    when = "at the start" if due else "at the end"
    if due:
        text = (f"{cap(draw.org())} leases equipment for {draw.project()}: {periods} payments of {money(payment)}, one at "
                f"the start of each {unit}. At {pct(rate, 0)} a {unit}, what is the lease worth today (its present "
                "value), in $?")
    else:
        text = (f"{cap(draw.project())} for {draw.org()} will save {money(payment)} at the end of each {unit} for "
                f"{periods} {unit}s. At a discount rate of {pct(rate, 0)} a {unit}, what are the savings worth today, "
                "in $?")
    factor = finance.annuity_present_value(1.0, rate, periods)
    how = (f"Ordinary annuity (payments at the end of each period): PV = PMT x (1 - (1 + r)^-n) / r = "
           f"{money(payment)} x (1 - {num(1 + rate, 2)}^-{periods}) / {num(rate, 2)} = {money(payment)} x {num(factor, 4)}"
           f" = {money(payment * factor)}")
    if due:
        how += (f"\nPayments {when} of each period are each discounted one period less: PV(due) = PV x (1 + r) = "
                f"{money(payment * factor)} x {num(1 + rate, 2)} = {money(answer)}")
    wrong = {
        "the payments added up without discounting": finance.annuity_present_value(payment, 0.0, periods),
        "the total discounted as one lump at the last payment": finance.present_value(payment * periods, rate, periods),
        ("payments taken as made at the end of each period: here they come at the start" if due else
         "payments taken as made at the start of each period (an annuity due): here they come at the end"):
            finance.annuity_present_value(payment, rate, periods, due=not due),
        "one payment fewer discounted": finance.annuity_present_value(payment, rate, periods - 1, due=due),
    }
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.002, misconceptions=wrong,
                   data={"payment": payment, "rate": rate, "periods": periods, "due": due}, fmt=money,
                   as_choice=draw.chance(0.3), draw=draw)


_METHODS = {"straight_line": "straight-line", "double_declining": "double-declining-balance",
            "sum_of_years": "sum-of-the-years'-digits"}


@topic("finance.depreciation", title="Depreciation (straight line, double declining, sum of the years' digits)",
       exam="PMP", eco="Business Environment", pmbok8="Finance", lesson=LESSON)
def depreciation(draw: Draw, cost: float | None = None, salvage: float | None = None, life: int | None = None,
                 method: str | None = None, year: int | None = None, which: str | None = None):
    cost = cost if cost is not None else draw.amount(lo=0.1, hi=1.0)
    life = life if life is not None else draw.integer(3, 10)
    if salvage is None:
        salvage = nice(cost * draw.uniform(0.05, 0.25)) if draw.chance(0.8) else 0.0
    method = method or draw.pick(list(_METHODS))
    year = year if year is not None else draw.integer(1, min(life - 1, 4) if life > 1 else 1)
    which = which or ("charge" if draw.chance(0.6) else "book_value")
    table = finance.depreciation(cost, salvage, life, method=method)
    name = _METHODS[method]
    asset = (f"{cap(draw.org())} buys equipment for {draw.project()} for {money(cost)}. It has a useful life of {life} "
             f"years and a salvage value of {money(salvage)}.")
    base = cost - salvage
    if method == "straight_line" and which == "charge":
        answer = float(table.loc[1, "depreciation"])
        text = f"{asset} What is its yearly straight-line depreciation, in $?"
        how = f"Straight line: (cost - salvage) / life = ({money(cost)} - {money(salvage)}) / {life} = {money(answer)} a year"
        wrong = {
            "the salvage value not subtracted: only cost - salvage is depreciated":
                float(finance.depreciation(cost, 0.0, life).loc[1, "depreciation"]),
            "the first year of double declining balance, not straight line":
                float(finance.depreciation(cost, salvage, life, method="double_declining").loc[1, "depreciation"]),
        }
    elif which == "charge":
        answer = float(table.loc[year, "depreciation"])
        text = f"{asset} Using the {name} method, what is the depreciation charge for year {year}, in $?"
        if method == "sum_of_years":
            digits = life * (life + 1) // 2
            how = (f"Sum of the digits 1 + ... + {life} = {digits}. Year {year} takes (life - year + 1) / {digits} = "
                   f"{life - year + 1}/{digits} of cost - salvage: {life - year + 1}/{digits} x {money(base)} = "
                   f"{money(answer)}")
            wrong = {
                "the digits in the wrong order: the first year takes the largest share":
                    float(table.loc[life - year + 1, "depreciation"]),
                "applied to the cost: the digits share out cost - salvage":
                    float(finance.depreciation(cost, 0.0, life, method="sum_of_years").loc[year, "depreciation"]),
                "straight line, the same every year": float(finance.depreciation(cost, salvage, life).loc[1,
                                                                                                        "depreciation"]),
            }
        else:
            start = cost if year == 1 else float(table.loc[year - 1, "book_value"])
            how = (f"Rate = 2 / life = 2 / {life} = {num(2 / life, 4)}, applied to the book value at the start of the "
                   f"year (salvage is a floor, not subtracted first).\nBook value at the start of year {year}: "
                   f"{money(start)}; charge = {num(2 / life, 4)} x {money(start)} = {money(answer)}"
                   + (" (cut so the book value does not fall below salvage)" if abs(answer - 2 / life * start) > 0.5
                      else ""))
            wrong = {
                "the rate applied to cost - salvage: double declining uses the full book value":
                    float(finance.depreciation(base, 0.0, life, method="double_declining").loc[year, "depreciation"]),
                "a rate of 1 / life (single declining): double declining uses twice the straight-line rate":
                    float(finance.depreciation(cost, salvage, 2 * life, method="double_declining").loc[year,
                                                                                                       "depreciation"]),
                "the rate applied to the original cost every year instead of the book value": 2 / life * cost,
                "straight line, the same every year": float(finance.depreciation(cost, salvage, life).loc[1,
                                                                                                        "depreciation"]),
            }
    else:
        answer = float(table.loc[year, "book_value"])
        text = f"{asset} Using the {name} method, what is its book value at the end of year {year}, in $?"
        charges = " + ".join(money(c) for c in table.loc[:year, "depreciation"])
        how = (f"Charges of years 1 to {year} ({name}): {charges} = {money(float(table.loc[year, 'accumulated']))}.\n"
               f"Book value = cost - accumulated depreciation = {money(cost)} - "
               f"{money(float(table.loc[year, 'accumulated']))} = {money(answer)}")
        wrong = {
            "the accumulated depreciation, not the book value (cost minus it)": float(table.loc[year, "accumulated"]),
            f"the charge of year {year} alone, not the book value": float(table.loc[year, "depreciation"]),
        }
        if method == "straight_line":
            wrong["the salvage value not subtracted: only cost - salvage is depreciated"] = \
                float(finance.depreciation(cost, 0.0, life).loc[year, "book_value"])
        else:
            wrong["the straight-line book value"] = float(finance.depreciation(cost, salvage, life).loc[year,
                                                                                                    "book_value"])
    return numeric(text, answer, how, unit="$", decimals=0, rtol=0.002, misconceptions=wrong,
                   data={"cost": cost, "salvage": salvage, "life": life, "method": method, "year": year},
                   fmt=money, as_choice=draw.chance(0.3), draw=draw)


@topic("finance.sunk_cost", title="Sunk cost: continue or stop on what is still to come", exam="PMP",
       eco="Business Environment", pmbok8="Finance", lesson=LESSON)
def sunk_cost(draw: Draw, bac: float | None = None, ev: float | None = None, ac: float | None = None,
              benefits: float | None = None, which: str | None = None, case: str | None = None):
    if bac is None:
        bac = draw.amount()
        step = 10 ** (math.floor(math.log10(bac)) - 2)
        ev = round(bac * draw.uniform(0.35, 0.7) / step) * step
        ac = round(ev / draw.uniform(0.7, 0.92) / step) * step
    r = evm.metrics(pv=ev, ev=ev, ac=ac, bac=bac)
    etc, eac = r["etc"], r["eac"]
    which = which or draw.pick(["saved", "decision", "decision"])
    intro = (f"{cap(draw.org())} reviews {draw.project()}: budget (BAC) {money(bac)}, earned value {money(ev)}, actual "
             f"cost so far {money(ac)} (CPI {num(r['cpi'], 2)}), and the cost efficiency so far is expected to continue.")
    how_etc = (f"CPI = EV / AC = {money(ev)} / {money(ac)} = {num(r['cpi'], 4)}; EAC = BAC / CPI = {money(eac)}; "
               f"ETC = EAC - AC = {money(eac)} - {money(ac)} = {money(etc)}")
    if which == "saved":
        text = (f"{intro} If the sponsor stops it today, how much money does stopping save compared with finishing it, "
                "in $?")
        how = (f"{how_etc}\nWhat has been spent ({money(ac)}) is gone whatever the decision (a sunk cost): stopping "
               f"saves only the cost still to come, the ETC = {money(etc)}.")
        wrong = {
            "the EAC: it counts the money already spent, a sunk cost": eac,
            "BAC - AC, the budget left: at the current efficiency the rest costs more": bac - ac,
            "the money already spent (AC): that is sunk, stopping does not bring it back": ac,
            "BAC - EV, the remaining work at its budgeted rate: the efficiency so far is expected to continue":
                bac - ev,
        }
        return numeric(text, etc, how, unit="$", decimals=0, rtol=0.003, misconceptions=wrong,
                       data={"bac": bac, "ev": ev, "ac": ac}, fmt=money, as_choice=draw.chance(0.3), draw=draw)
    case = case or draw.pick(["continue", "stop"])
    if benefits is None:
        step = 10 ** (math.floor(math.log10(bac)) - 2)
        if case == "continue":  # worth finishing, though the whole project no longer pays
            benefits = round(etc * draw.uniform(1.1, min(1.6, 0.95 * eac / etc)) / step) * step
        else:  # not worth finishing, however much has been spent
            benefits = round(etc * draw.uniform(0.55, 0.9) / step) * step
    go = benefits > etc
    text = (f"{intro} Finishing it would bring benefits worth {money(benefits)} (in today's money); stopping now "
            "brings nothing and costs nothing more. What should the sponsor decide?")
    gain = benefits - etc
    if go:
        correct = (f"Continue: the benefits still to come ({money(benefits)}) exceed the cost to complete "
                   f"({money(etc)}), whatever has been spent.")
        wrong = {
            f"Stop: the total cost ({money(eac)}) now exceeds the benefits.":
                "counting the money already spent: it is sunk, and only the cost still to come can be saved",
            "Stop: the project is over budget, so it has failed.":
                "judging by the overrun so far instead of by what finishing it still brings",
            f"Continue only if the team can win back the {money(ac - ev)} overrun so far.":
                "chasing the overrun so far: it is sunk, only what is still to come counts",
        }
    else:
        correct = (f"Stop: the cost to complete ({money(etc)}) exceeds the benefits still to come "
                   f"({money(benefits)}), however much has been spent.")
        wrong = {
            f"Continue: {money(ac)} has already been spent, stopping would waste it.":
                "the sunk-cost fallacy: the money spent is gone either way",
            "Continue: a project is only judged at its end.":
                "ignoring the forecast: a go/stop review compares what is still to come",
            f"Continue: it is {pct(ev / bac, 0)} complete, too far along to stop.":
                "sunk-cost reasoning by progress: how far along it is does not change what the rest costs and brings",
        }
        if benefits > bac - ac:  # the slip BAC - AC as the cost to complete leads to 'continue' here
            wrong[f"Continue: the benefits exceed the budget left ({money(bac - ac)})."] = \
                "comparing with BAC - AC: at the current efficiency the rest costs the ETC, not the budget left"
    how = (f"{how_etc}\nA go/stop decision compares only what is still to come: benefits {money(benefits)} against "
           f"ETC {money(etc)}, a difference of {money(gain)}. The {money(ac)} already spent is sunk: the same whether "
           "the project goes on or stops.")
    return choice(draw, text, correct, wrong, how,
                  data={"bac": bac, "ev": ev, "ac": ac, "benefits": benefits, "etc": etc})
