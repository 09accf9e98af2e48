"""Exercises for notebooks/02_business_case.ipynb: is this project worth doing?

Every expected answer (and every named slip) is computed through :mod:`pmlib.finance` from the
bundled data, never typed in. Solutions are self-contained: each loads what it needs, so pasting
one into a fresh notebook passes even after wrong answers to earlier questions.
"""

from __future__ import annotations

import functools

import numpy as np

from .. import datasets, evm, finance
from . import Choice, ExerciseSet, Numeric

HURDLE = 0.08
P11_RANGES = {"cost_scale": (0.95, 1.0, 1.4), "benefit_scale": (0.6, 1.0, 1.1), "rate": (0.06, 0.08, 0.12)}
#: The warehouse system of the depreciation questions: cost, salvage value (k$) and life (years).
ASSET = {"cost": 900.0, "salvage": 100.0, "life": 8}
#: What finishing P19 still needs (k$, year 0 first) and what it would bring back.
P19_REST = [-600.0, 150.0, 250.0, 300.0]
_LOAD = "import pmlib as pm\n"


@functools.lru_cache(maxsize=1)
def _flows():
    return finance.net_cashflows()


@functools.lru_cache(maxsize=1)
def _options():
    return finance.net_cashflows(datasets.load("investment_options"), id="option_id")


def _row(project: str):
    return _flows().loc[project].to_numpy()


def _project(project: str):
    cf = datasets.load("cashflows")
    return cf[cf["project_id"] == project].sort_values("year")


def _option_npvs(rate: float):
    return finance.npv(rate, _options().loc[["P13-A", "P13-B"]])


def _p11_sensitivity():
    p = _project("P11")
    model = functools.partial(finance.scenario_npv, costs=p["cost"].to_numpy(), benefits=p["benefit"].to_numpy())
    return finance.sensitivity(model, {"rate": HURDLE, "cost_scale": 1.0, "benefit_scale": 1.0}, change=0.2)


def _p11_p_loss() -> float:
    p = _project("P11")
    return finance.monte_carlo_npv(p["cost"].to_numpy(), p["benefit"].to_numpy(), rate=HURDLE, ranges=P11_RANGES,
                                   n=20_000, seed=42).p_negative


def _depreciation(method: str):
    return finance.depreciation(ASSET["cost"], ASSET["salvage"], ASSET["life"], method=method)


def _p19_spent() -> float:
    return float(evm.latest_status(datasets.load("status_periods")).loc["P19", "ac"])


def _totals(project):
    p = _project(project)
    return p["benefit"].sum(), p["cost"].sum()


EXERCISES = ExerciseSet(
    "Business case: is this project worth doing?",
    [
        Numeric(
            "pv_1000",
            answer=lambda: finance.present_value(1_000, HURDLE, 3),
            unit="k$",
            topic="finance.present_value",
            prompt="What is 1,000 k$ received three years from now worth today at the 8 % hurdle rate?",
            hints=["Money later is worth less than money now: bring it back to today, one year at a time.",
                   "PV = FV / (1 + r)^n.",
                   "Here FV = 1,000, r = 0.08 and n = 3; pm.finance.present_value(value, rate, periods) checks it."],
            solution=_LOAD + "pv_1000 = pm.finance.present_value(1_000, 0.08, 3)",
            explanation="1,000 / 1.08**3 = 793.8 k$: money later is worth less than money now.",
            misconceptions={
                "that is the future value (you multiplied by 1.08**3); discount instead: divide.":
                    lambda: finance.future_value(1_000, HURDLE, 3),
                "that discounts with simple interest, 1,000 / (1 + 3 x 0.08); discounting compounds: (1 + r)**n.":
                    lambda: finance.present_value(1_000, 3 * HURDLE, 1),
            },
        ),
        Numeric(
            "npv_p15",
            answer=lambda: finance.npv(HURDLE, _row("P15")),
            unit="k$",
            topic="finance.npv",
            prompt="NPV of P15 Demand forecasting ML at the 8 % hurdle rate (k$).",
            hints=["Bring every year's net cash flow back to today and add them up; year 0 is already today.",
                   "NPV = sum over t of CF_t / (1 + r)^t, with CF_0 not discounted.",
                   "P15's net flows are `flows.loc['P15']`; pm.finance.npv(rate, cashflows) does the sum."],
            solution=_LOAD + "flows = pm.finance.net_cashflows(pm.datasets.load('cashflows'))\n"
                             "npv_p15 = pm.finance.npv(0.08, flows.loc['P15'])",
            explanation="Positive NPV: P15 earns more than the 8 % the organisation asks of its money.",
            misconceptions={
                "that is Excel's NPV convention, which discounts the year-0 investment too; year 0 is today.":
                    lambda: finance.npv(HURDLE, _row("P15"), start=1),
                "that leaves out the year-0 investment; NPV includes every cash flow, the investment first.":
                    lambda: finance.npv(HURDLE, np.r_[0.0, _row("P15")[1:]]),
            },
        ),
        Numeric(
            "irr_p15",
            answer=lambda: finance.irr(_row("P15")),
            topic="finance.irr",
            prompt="IRR of P15, as a fraction (0.25 for 25 %).",
            hints=["The IRR is the discount rate at which the project exactly breaks even.",
                   "Find r such that NPV(r) = sum CF_t / (1 + r)^t = 0.",
                   "pm.finance.irr(cashflows) solves it for P15's net flows."],
            solution=_LOAD + "flows = pm.finance.net_cashflows(pm.datasets.load('cashflows'))\n"
                             "irr_p15 = pm.finance.irr(flows.loc['P15'])",
            explanation="The IRR is the break-even discount rate of the business case.",
            misconceptions={
                "that is the MIRR (inflows reinvested at 8 %), not the IRR.":
                    lambda: finance.mirr(_row("P15"), HURDLE, HURDLE),
                "that is the ROI of the whole case (undiscounted), not a rate per year.":
                    lambda: finance.appraise(HURDLE, _row("P15"))["roi"],
            },
        ),
        Choice(
            "irr_vs_hurdle",
            answer=lambda: "above" if finance.irr(_row("P15")) > HURDLE else "below",
            choices=["above", "below"],
            topic="finance.npv_vs_irr",
            prompt="P15 has a positive NPV at 8 % and conventional cash flows. Is its IRR above or below 8 %?",
            hints=["Picture the NPV profile: for out-then-in cash flows NPV falls as the rate rises.",
                   "NPV is zero at the IRR and positive at 8 %: which side of the IRR is 8 % on?"],
            solution="irr_vs_hurdle = 'above'",
            why={"below": "If the IRR were below 8 %, NPV at 8 % would already be negative for conventional flows."},
            explanation="For a conventional investment NPV > 0 at the hurdle rate exactly when IRR > hurdle rate.",
        ),
        Numeric(
            "excel_npv_p15",
            answer=lambda: finance.npv(HURDLE, _row("P15"), start=1),
            unit="k$",
            topic="finance.npv",
            prompt="What would Excel's =NPV(8%, <all P15 flows, year 0 included>) return (k$)? This is the classic trap.",
            hints=["Excel's NPV assumes its first value arrives at the end of period 1.",
                   "So every value, the year-0 investment included, is discounted one period more: the result is "
                   "the true NPV / 1.08.",
                   "pm.finance.npv(rate, cashflows, start=1) reproduces Excel's convention."],
            solution=_LOAD + "flows = pm.finance.net_cashflows(pm.datasets.load('cashflows'))\n"
                             "excel_npv_p15 = pm.finance.npv(0.08, flows.loc['P15'], start=1)",
            explanation="Excel's result is the true NPV divided by 1.08: the year-0 investment was discounted too. "
                        "In Excel write =NPV(8%, year1:yearN) + year0.",
            misconceptions={"that is the true NPV; the question asks what Excel's NPV() shows when year 0 is in "
                            "its range.": lambda: finance.npv(HURDLE, _row("P15"))},
        ),
        Numeric(
            "payback_p14",
            answer=lambda: finance.payback_period(_row("P14")),
            unit="years",
            atol=0.01,
            rtol=0,
            percent_hint=False,
            topic="finance.payback",
            prompt="Payback period of P14 LED lighting retrofit, in years (interpolated within the year).",
            hints=["Add up the net flows year by year: when does the running total get back to zero?",
                   "payback = years before the recovery year + what is still missing / that year's flow.",
                   "pm.finance.payback_period(cashflows) interpolates within the year for you."],
            solution=_LOAD + "flows = pm.finance.net_cashflows(pm.datasets.load('cashflows'))\n"
                             "payback_p14 = pm.finance.payback_period(flows.loc['P14'])",
            explanation="Payback ignores the time value of money and everything after the payback year.",
            misconceptions={
                "that is the discounted payback; the simple payback adds the flows without discounting.":
                    lambda: finance.discounted_payback_period(HURDLE, _row("P14")),
                "that counts whole years only; interpolate within the year the total turns positive.":
                    lambda: float(np.ceil(finance.payback_period(_row("P14")))),
            },
        ),
        Numeric(
            "discounted_payback_p14",
            answer=lambda: finance.discounted_payback_period(HURDLE, _row("P14")),
            unit="years",
            atol=0.01,
            rtol=0,
            percent_hint=False,
            topic="finance.discounted_payback",
            prompt="Discounted payback period of P14 at 8 %, in years.",
            hints=["Same idea as payback, but each year's flow is first brought back to today.",
                   "Discount CF_t by (1 + r)^t, then find when the running total reaches zero.",
                   "pm.finance.discounted_payback_period(rate, cashflows)."],
            solution=_LOAD + "flows = pm.finance.net_cashflows(pm.datasets.load('cashflows'))\n"
                             "discounted_payback_p14 = pm.finance.discounted_payback_period(0.08, flows.loc['P14'])",
            explanation="Always longer than the simple payback when the rate is positive.",
            misconceptions={"that is the simple payback; discount each year's flow first.":
                            lambda: finance.payback_period(_row("P14"))},
        ),
        Numeric(
            "roi_p10",
            answer=lambda: finance.roi(*_totals("P10")),
            topic="finance.roi",
            prompt="ROI of P10 Click-and-collect lockers over its whole business case (total benefit vs total cost), "
                   "as a fraction.",
            hints=["ROI compares what the project returns, net of its cost, with what it costs.",
                   "ROI = (benefit - cost) / cost, with the totals over all years (undiscounted).",
                   "Sum P10's benefit and cost columns of `cashflows`, then use pm.finance.roi(benefit, cost)."],
            solution=_LOAD + "cashflows = pm.datasets.load('cashflows')\n"
                             "p10 = cashflows[cashflows.project_id == 'P10']\n"
                             "roi_p10 = pm.finance.roi(p10.benefit.sum(), p10.cost.sum())",
            explanation="ROI ignores when the money arrives: a 55 % ROI over six years is far less than 55 % a year.",
            misconceptions={
                "that is benefit / cost; ROI subtracts the cost first: (benefit - cost) / cost.":
                    lambda: _totals("P10")[0] / _totals("P10")[1],
                "that divides the net benefit by the benefit; ROI divides by the cost (the investment).":
                    lambda: (_totals("P10")[0] - _totals("P10")[1]) / _totals("P10")[0],
            },
        ),
        Numeric(
            "bcr_p10",
            answer=lambda: finance.benefit_cost_ratio(HURDLE, _project("P10")["benefit"].to_numpy(),
                                                      _project("P10")["cost"].to_numpy()),
            topic="finance.bcr",
            prompt="Benefit-cost ratio of P10 at 8 % (PV of benefits / PV of costs).",
            hints=["Compare the benefits with the costs, both brought back to today.",
                   "BCR = PV(benefits) / PV(costs), each discounted separately year by year.",
                   "pm.finance.benefit_cost_ratio(rate, benefits, costs) with P10's two columns."],
            solution=_LOAD + "cashflows = pm.datasets.load('cashflows')\n"
                             "p10 = cashflows[cashflows.project_id == 'P10']\n"
                             "bcr_p10 = pm.finance.benefit_cost_ratio(0.08, p10.benefit, p10.cost)",
            explanation="BCR > 1 means the discounted benefits exceed the discounted costs (the same verdict as NPV > 0).",
            misconceptions={
                "that uses the undiscounted totals; the BCR compares present values.":
                    lambda: _totals("P10")[0] / _totals("P10")[1],
                "that is costs / benefits; the BCR puts the benefits on top.":
                    lambda: 1 / finance.benefit_cost_ratio(HURDLE, _project("P10")["benefit"].to_numpy(),
                                                           _project("P10")["cost"].to_numpy()),
            },
        ),
        Choice(
            "p13_choice",
            answer=lambda: str(_option_npvs(HURDLE).idxmax()),
            choices=["P13-A", "P13-B"],
            topic="finance.npv_vs_irr",
            prompt="P13 store renovations can be done as P13-A (full refit) or P13-B (light refresh), not both. "
                   "At the 8 % hurdle rate, which option should the board fund?",
            hints=["Mutually exclusive: pick the one that adds the most value at the organisation's rate.",
                   "Compare the NPVs of options.loc['P13-A'] and options.loc['P13-B'] at 8 % (and look at their IRRs)."],
            solution=_LOAD + "options = pm.finance.net_cashflows(pm.datasets.load('investment_options'), id='option_id')\n"
                             "p13_choice = pm.finance.npv(0.08, options.loc[['P13-A', 'P13-B']]).idxmax()",
            why={"P13-B": "P13-B has the higher IRR, but IRR measures a rate, not how much value is created; "
                          "at 8 % P13-A adds more NPV."},
            explanation="NPV wins for mutually exclusive choices: it measures the value added at the real cost of capital.",
        ),
        Numeric(
            "crossover_p13",
            answer=lambda: finance.crossover_rate(_options().loc["P13-A"].to_numpy(), _options().loc["P13-B"].to_numpy()),
            topic="finance.npv_vs_irr",
            prompt="At what discount rate do the NPV profiles of P13-A and P13-B cross (the crossover or Fisher rate)? "
                   "A fraction.",
            hints=["At the crossover rate both options are worth the same.",
                   "NPV(A) = NPV(B) means the NPV of the difference A - B is zero: the IRR of the incremental flows.",
                   "pm.finance.crossover_rate(a, b) with the two rows of `options`."],
            solution=_LOAD + "options = pm.finance.net_cashflows(pm.datasets.load('investment_options'), id='option_id')\n"
                             "crossover_p13 = pm.finance.crossover_rate(options.loc['P13-A'], options.loc['P13-B'])",
            explanation="Below the crossover rate the big option has the higher NPV; above it the small one does.",
            misconceptions={"that is the average of the two IRRs; the crossover is the IRR of the difference A - B.":
                            lambda: float(np.mean(finance.irr(_options().loc[["P13-A", "P13-B"]])))},
        ),
        Choice(
            "p13_choice_at_12",
            answer=lambda: str(_option_npvs(0.12).idxmax()),
            choices=["P13-A", "P13-B"],
            topic="finance.npv_vs_irr",
            prompt="A downturn raises the hurdle rate to 12 %. Which P13 option has the higher NPV now?",
            hints=["Compare 12 % with the crossover rate you found.", "Or compute both NPVs at 0.12."],
            solution=_LOAD + "options = pm.finance.net_cashflows(pm.datasets.load('investment_options'), id='option_id')\n"
                             "p13_choice_at_12 = pm.finance.npv(0.12, options.loc[['P13-A', 'P13-B']]).idxmax()",
            why={"P13-A": "At 12 % (above the crossover rate) the full refit's distant benefits are discounted more heavily."},
            explanation="The ranking by NPV depends on the rate; the ranking by IRR does not, which is why IRR can mislead.",
        ),
        Numeric(
            "opportunity_cost",
            answer=lambda: finance.opportunity_cost(_option_npvs(HURDLE), "P13-B"),
            unit="k$",
            topic="finance.opportunity_cost",
            prompt="The board funds P13-B, the light refresh, because it costs less. At 8 %, what is the opportunity "
                   "cost of that choice (k$)?",
            hints=["Choosing one option means giving up the others: what is given up?",
                   "Opportunity cost = the value of the best option NOT chosen (not a difference between options).",
                   "Compute the NPVs of both options at 8 %; pm.finance.opportunity_cost(values, chosen) picks the "
                   "best of the others."],
            solution=_LOAD + "options = pm.finance.net_cashflows(pm.datasets.load('investment_options'), id='option_id')\n"
                             "npvs = pm.finance.npv(0.08, options.loc[['P13-A', 'P13-B']])\n"
                             "opportunity_cost = pm.finance.opportunity_cost(npvs, 'P13-B')",
            explanation="Exam tip: the opportunity cost of a choice is the value of the best option not chosen, here "
                        "the NPV of P13-A. (The NPV the board loses by choosing P13-B is the difference, a separate "
                        "figure.)",
            misconceptions={
                "that is the difference between the two NPVs; the opportunity cost is the whole value of the best "
                "option given up.": lambda: float(_option_npvs(HURDLE)["P13-A"] - _option_npvs(HURDLE)["P13-B"]),
                "that is the value of the option chosen, not of the one given up.":
                    lambda: float(_option_npvs(HURDLE)["P13-B"]),
            },
        ),
        Numeric(
            "n_irrs",
            answer=lambda: float(len(finance.irr_all([-1_600, 10_000, -10_000]))),
            atol=0.01,
            rtol=0,
            percent_hint=False,
            topic="finance.irr",
            prompt="How many IRRs do the cash flows -1,600, +10,000, -10,000 have (a pump that must be dismantled at "
                   "the end)?",
            hints=["A conventional project (out, then in) has exactly one IRR. Is this one conventional?",
                   "Descartes' rule: there can be as many IRRs as sign changes in the flows.",
                   "pm.finance.irr_all(cashflows) lists every IRR; count them."],
            solution=_LOAD + "n_irrs = len(pm.finance.irr_all([-1_600, 10_000, -10_000]))",
            explanation="Two IRRs (25 % and 400 %): IRR cannot judge such a project. Use NPV (or MIRR).",
            misconceptions={"one IRR holds for conventional flows only; these change sign twice.": lambda: 1.0},
        ),
        Numeric(
            "p_loss_p11",
            answer=_p11_p_loss,
            atol=0.005,
            rtol=0,
            percent_hint=False,
            topic="finance.npv",
            prompt="Monte Carlo for P11 Warehouse automation with the ranges `p11_ranges`, n=20,000 and seed=42: "
                   "what is the probability that its NPV is negative (a fraction)?",
            hints=["Simulate many futures of the business case and count how often it loses money.",
                   "P(NPV < 0) = share of the simulated NPVs below zero; the ranges say how costs, benefits and the "
                   "rate may move.",
                   "pm.finance.monte_carlo_npv(costs, benefits, rate=..., ranges=..., n=..., seed=...) has a "
                   "p_negative attribute."],
            solution=_LOAD + "cashflows = pm.datasets.load('cashflows')\n"
                             "p11 = cashflows[cashflows.project_id == 'P11']\n"
                             "p11_ranges = {'cost_scale': (0.95, 1.0, 1.4), 'benefit_scale': (0.6, 1.0, 1.1), "
                             "'rate': (0.06, 0.08, 0.12)}\n"
                             "sim = pm.finance.monte_carlo_npv(p11.cost, p11.benefit, rate=0.08, ranges=p11_ranges, "
                             "n=20_000, seed=42)\n"
                             "p_loss_p11 = sim.p_negative",
            explanation="A positive base-case NPV can still carry a real chance of losing money once costs overrun "
                        "and benefits fall short.",
            misconceptions={"that is the chance the NPV is positive; the question asks for a loss.":
                            lambda: 1 - _p11_p_loss()},
        ),
        Choice(
            "top_driver",
            answer=lambda: str(_p11_sensitivity()["input"].iloc[0]),
            choices=["rate", "cost_scale", "benefit_scale"],
            prompt="Move each input of P11's business case by +/- 20 % (rate, cost_scale, benefit_scale). "
                   "Which one swings the NPV most (the top bar of the tornado)?",
            hints=["The biggest number in the case usually moves the NPV most.",
                   "pm.finance.sensitivity(model, base, change=0.2) is sorted by swing; its first row is the answer."],
            solution="import functools\n" + _LOAD + "cashflows = pm.datasets.load('cashflows')\n"
                     "p11 = cashflows[cashflows.project_id == 'P11']\n"
                     "model = functools.partial(pm.finance.scenario_npv, costs=p11.cost, benefits=p11.benefit)\n"
                     "table = pm.finance.sensitivity(model, {'rate': 0.08, 'cost_scale': 1.0, 'benefit_scale': 1.0}, "
                     "change=0.2)\n"
                     "top_driver = table['input'].iloc[0]",
            why={"rate": "The discount rate matters, but a 20 % change in it moves NPV less than the benefits do.",
                 "cost_scale": "Costs matter, but P11's benefits are larger than its costs, so the same 20 % moves "
                               "NPV more on the benefit side."},
            explanation="Benefits are the biggest number in the case, so the benefit estimate deserves the most scrutiny "
                        "(and benefits realisation the most attention after delivery).",
        ),
        # ---- second wave: future value, annuity, depreciation, sunk cost -----------------------------
        Numeric(
            "fv_500",
            answer=lambda: finance.future_value(500, HURDLE, 5),
            unit="k$",
            topic="finance.future_value",
            prompt="Alderbrook sets aside 500 k$ today in a fund earning 8 % a year for a store refit in five years. "
                   "How much will the fund hold then (k$)?",
            hints=["Money invested now grows: each year earns interest on the interest too.",
                   "FV = PV x (1 + r)^n.",
                   "PV = 500, r = 0.08, n = 5; pm.finance.future_value(value, rate, periods)."],
            solution=_LOAD + "fv_500 = pm.finance.future_value(500, 0.08, 5)",
            explanation="500 x 1.08**5 = 734.7 k$: compounding adds 34.7 k$ to simple interest's 200.",
            misconceptions={
                "that is simple interest, 500 x (1 + 5 x 0.08); interest compounds year on year.":
                    lambda: finance.future_value(500, 5 * HURDLE, 1),
                "that discounts (a present value); money invested now grows, multiply by (1 + r)**n.":
                    lambda: finance.present_value(500, HURDLE, 5),
            },
        ),
        Numeric(
            "annuity_pv",
            answer=lambda: finance.annuity_present_value(120, HURDLE, 5),
            unit="k$",
            topic="finance.annuity",
            prompt="A maintenance contract saves 120 k$ at the end of each of the next five years. What are the "
                   "savings worth today at 8 % (k$)?",
            hints=["Five equal amounts, each received at a different time: discount each one, or use the annuity "
                   "formula.",
                   "PV = PMT x (1 - (1 + r)^-n) / r for payments at the end of each year.",
                   "PMT = 120, r = 0.08, n = 5; pm.finance.annuity_present_value(payment, rate, periods)."],
            solution=_LOAD + "annuity_pv = pm.finance.annuity_present_value(120, 0.08, 5)",
            explanation="479.1 k$, well below the 600 k$ of undiscounted savings.",
            misconceptions={
                "that adds the payments without discounting them.": lambda: 120.0 * 5,
                "that treats the savings as paid at the start of each year (an annuity due); they come at the end.":
                    lambda: finance.annuity_present_value(120, HURDLE, 5, due=True),
            },
        ),
        Numeric(
            "depreciation_sl",
            answer=lambda: float(_depreciation("straight_line").loc[1, "depreciation"]),
            unit="k$",
            topic="finance.depreciation",
            prompt="Alderbrook's new warehouse system costs 900 k$, lasts 8 years and is worth 100 k$ at the end. "
                   "What is its straight-line depreciation per year (k$)?",
            hints=["Straight line spreads the value the asset loses evenly over its life.",
                   "Depreciation = (cost - salvage value) / life.",
                   "(900 - 100) / 8; pm.finance.depreciation(cost, salvage, life) gives the whole schedule."],
            solution=_LOAD + "depreciation_sl = pm.finance.depreciation(900, 100, 8).loc[1, 'depreciation']",
            explanation="(900 - 100) / 8 = 100 k$ a year; the book value falls to the 100 k$ salvage value.",
            misconceptions={
                "that forgets the salvage value: only cost - salvage is depreciated.":
                    lambda: float(finance.depreciation(ASSET["cost"], 0, ASSET["life"]).loc[1, "depreciation"]),
                "that is the first year of double declining balance, not straight line.":
                    lambda: float(_depreciation("double_declining").loc[1, "depreciation"]),
            },
        ),
        Numeric(
            "ddb_book_value_2",
            answer=lambda: float(_depreciation("double_declining").loc[2, "book_value"]),
            unit="k$",
            topic="finance.depreciation",
            prompt="Same system, double declining balance: what is its book value at the end of year 2 (k$)?",
            hints=["Double declining charges twice the straight-line rate on what is left of the value each year.",
                   "Rate = 2 / life; each year's charge = rate x book value at the start of the year (salvage is "
                   "only a floor, not subtracted first).",
                   "Rate 2 / 8 = 25 %: 900 x 0.75 x 0.75; pm.finance.depreciation(..., method='double_declining')."],
            solution=_LOAD + "ddb_book_value_2 = pm.finance.depreciation(900, 100, 8, method='double_declining')"
                             ".loc[2, 'book_value']",
            explanation="900 x 0.75**2 = 506.25 k$: the declining methods charge most in the first years.",
            misconceptions={
                "that subtracts the salvage value first; double declining applies its rate to the full book value.":
                    lambda: float(finance.depreciation(ASSET["cost"] - ASSET["salvage"], 0, ASSET["life"],
                                                       method="double_declining").loc[2, "book_value"]) + ASSET["salvage"],
                "that is the straight-line book value after two years.":
                    lambda: float(_depreciation("straight_line").loc[2, "book_value"]),
            },
        ),
        Numeric(
            "syd_year_1",
            answer=lambda: float(_depreciation("sum_of_years").loc[1, "depreciation"]),
            unit="k$",
            topic="finance.depreciation",
            prompt="Same system, sum of the years' digits: what is the depreciation of year 1 (k$)?",
            hints=["Sum of the years' digits weights the early years more, by the years of life left.",
                   "Year k's share = (life - k + 1) / (1 + 2 + ... + life), applied to cost - salvage.",
                   "Life 8: the digits sum to 36, year 1 takes 8/36 of 800; method='sum_of_years'."],
            solution=_LOAD + "syd_year_1 = pm.finance.depreciation(900, 100, 8, method='sum_of_years')"
                             ".loc[1, 'depreciation']",
            explanation="800 x 8 / 36 = 177.8 k$ in year 1, falling to 22.2 k$ in year 8.",
            misconceptions={
                "that takes the digits in the wrong order (1/36 first); the first year has the largest share.":
                    lambda: float(_depreciation("sum_of_years").loc[ASSET["life"], "depreciation"]),
                "that is straight line, the same every year.":
                    lambda: float(_depreciation("straight_line").loc[1, "depreciation"]),
            },
        ),
        Numeric(
            "npv_continue_p19",
            answer=lambda: finance.npv(HURDLE, P19_REST),
            unit="k$",
            topic="finance.sunk_cost",
            prompt="P19, the drone delivery pilot, has cost about 957 k$ so far (its actual cost at the status date). "
                   "Finishing it needs 600 k$ now and would bring 150, 250 and 300 k$ in the next three years. What "
                   "is the NPV of continuing, at 8 % (k$)?",
            hints=["A decision only compares the money still to come; money already spent stays spent either way.",
                   "NPV of continuing = NPV of the flows from now on: -600 now, then 150, 250, 300.",
                   "pm.finance.npv(0.08, [-600, 150, 250, 300]); the 957 k$ spent plays no part."],
            solution=_LOAD + "npv_continue_p19 = pm.finance.npv(0.08, [-600, 150, 250, 300])",
            explanation="About -9 k$: finishing P19 does not pay, whatever has been spent on it. The money already "
                        "spent is a sunk cost: it is gone whether the board continues or stops.",
            misconceptions={"that subtracts the money already spent (a sunk cost); only future cash flows decide.":
                            lambda: finance.npv(HURDLE, P19_REST) - _p19_spent()},
        ),
    ],
)
EXERCISES.publish(globals())
