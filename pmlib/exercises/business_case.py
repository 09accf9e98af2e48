"""Exercises for notebooks/02_business_case.ipynb: is this project worth doing?

Every expected answer is computed through :mod:`pmlib.finance` from the bundled data, never
typed in. The exercise notebook defines ``cashflows`` (the long table), ``flows``
(``pm.finance.net_cashflows(cashflows)``, one row per project), ``options`` (the wide
net flows of ``investment_options.csv``, one row per option) and ``hurdle = 0.08``; the
solutions use them.
"""

from __future__ import annotations

import functools

from .. import datasets, finance
from . import Choice, ExerciseSet, Numeric

HURDLE = 0.08
P11_RANGES = {"cost_scale": (0.95, 1.0, 1.4), "benefit_scale": (0.6, 1.0, 1.1), "rate": (0.06, 0.08, 0.12)}


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


def _best_option(rate: float) -> str:
    npvs = finance.npv(rate, _options().loc[["P13-A", "P13-B"]])
    return str(npvs.idxmax())


def _p11_sensitivity():
    p = _project("P11")
    model = functools.partial(finance.scenario_npv, costs=p["cost"].to_numpy(), benefits=p["benefit"].to_numpy())
    return finance.sensitivity(model, {"rate": HURDLE, "cost_scale": 1.0, "benefit_scale": 1.0}, change=0.2)


def _p11_p_loss() -> float:
    p = _project("P11")
    sim = finance.monte_carlo_npv(p["cost"].to_numpy(), p["benefit"].to_numpy(), rate=HURDLE, ranges=P11_RANGES,
                                  n=20_000, seed=42)
    return sim.p_negative


def _irr_vs_hurdle() -> str:
    return "above" if finance.irr(_row("P15")) > HURDLE else "below"


EXERCISES = ExerciseSet(
    "Business case: is this project worth doing?",
    [
        Numeric(
            "pv_1000",
            answer=lambda: finance.present_value(1_000, HURDLE, 3),
            unit="k$",
            prompt="What is 1,000 k$ received three years from now worth today at the 8 % hurdle rate?",
            hints=["Discount: divide by (1 + r) once per year.",
                   "pm.finance.present_value(value, rate, periods)"],
            solution="pv_1000 = pm.finance.present_value(1_000, hurdle, 3)",
            explanation="1,000 / 1.08**3 = 793.8 k$: money later is worth less than money now.",
        ),
        Numeric(
            "npv_p15",
            answer=lambda: finance.npv(HURDLE, _row("P15")),
            unit="k$",
            prompt="NPV of P15 Demand forecasting ML at the 8 % hurdle rate (k$).",
            hints=["`flows.loc['P15']` holds P15's net cash flows, year 0 first.",
                   "pm.finance.npv(rate, cashflows): year 0 is not discounted."],
            solution="npv_p15 = pm.finance.npv(hurdle, flows.loc['P15'])",
            explanation="Positive NPV: P15 earns more than the 8 % the organisation asks of its money.",
        ),
        Numeric(
            "irr_p15",
            answer=lambda: finance.irr(_row("P15")),
            prompt="IRR of P15, as a fraction (0.25 for 25 %).",
            hints=["The IRR is the rate at which the NPV is zero.", "pm.finance.irr(cashflows)"],
            solution="irr_p15 = pm.finance.irr(flows.loc['P15'])",
            explanation="The IRR is the break-even discount rate of the business case.",
        ),
        Choice(
            "irr_vs_hurdle",
            answer=_irr_vs_hurdle,
            choices=["above", "below"],
            prompt="P15 has a positive NPV at 8 % and conventional cash flows. Is its IRR above or below 8 %?",
            hints=["Draw the NPV profile in your head: for out-then-in cash flows NPV falls as the rate rises.",
                   "NPV is zero at the IRR, and positive at 8 %..."],
            solution="irr_vs_hurdle = 'above' if pm.finance.irr(flows.loc['P15']) > hurdle else 'below'",
            why={"below": "If the IRR were below 8 %, NPV at 8 % would already be negative for conventional flows."},
            explanation="For a conventional investment NPV > 0 at the hurdle rate exactly when IRR > hurdle rate.",
        ),
        Numeric(
            "excel_npv_p15",
            answer=lambda: finance.npv(HURDLE, _row("P15"), start=1),
            unit="k$",
            prompt="What would Excel's =NPV(8%, <all P15 flows, year 0 included>) return (k$)? This is the classic trap.",
            hints=["Excel's NPV discounts the FIRST value by one full period.",
                   "pm.finance.npv(rate, cashflows, start=1) reproduces Excel's NPV."],
            solution="excel_npv_p15 = pm.finance.npv(hurdle, flows.loc['P15'], start=1)",
            explanation="Excel's result is the true NPV divided by 1.08: the year-0 investment was discounted too. "
                        "In Excel write =NPV(8%, year1:yearN) + year0.",
        ),
        Numeric(
            "payback_p14",
            answer=lambda: finance.payback_period(_row("P14")),
            unit="years",
            atol=0.01,
            rtol=0,
            percent_hint=False,
            prompt="Payback period of P14 LED lighting retrofit, in years (interpolated within the year).",
            hints=["Add up the net flows year by year: when does the running total get back to zero?",
                   "pm.finance.payback_period(cashflows)"],
            solution="payback_p14 = pm.finance.payback_period(flows.loc['P14'])",
            explanation="Payback ignores the time value of money and everything after the payback year.",
        ),
        Numeric(
            "discounted_payback_p14",
            answer=lambda: finance.discounted_payback_period(HURDLE, _row("P14")),
            unit="years",
            atol=0.01,
            rtol=0,
            percent_hint=False,
            prompt="Discounted payback period of P14 at 8 %, in years.",
            hints=["Discount each year's flow first, then find when the running total reaches zero.",
                   "pm.finance.discounted_payback_period(rate, cashflows)"],
            solution="discounted_payback_p14 = pm.finance.discounted_payback_period(hurdle, flows.loc['P14'])",
            explanation="Always longer than the simple payback when the rate is positive.",
        ),
        Numeric(
            "roi_p10",
            answer=lambda: finance.roi(_project("P10")["benefit"].sum(), _project("P10")["cost"].sum()),
            prompt="ROI of P10 Click-and-collect lockers over its whole business case (total benefit vs total cost), as a fraction.",
            hints=["ROI = (benefit - cost) / cost, with the totals over all years (undiscounted).",
                   "p10 = cashflows[cashflows.project_id == 'P10']; pm.finance.roi(p10.benefit.sum(), p10.cost.sum())"],
            solution="p10 = cashflows[cashflows.project_id == 'P10']\nroi_p10 = pm.finance.roi(p10.benefit.sum(), p10.cost.sum())",
            explanation="ROI ignores when the money arrives: a 55 % ROI over six years is far less than 55 % a year.",
        ),
        Numeric(
            "bcr_p10",
            answer=lambda: finance.benefit_cost_ratio(HURDLE, _project("P10")["benefit"].to_numpy(),
                                                      _project("P10")["cost"].to_numpy()),
            prompt="Benefit-cost ratio of P10 at 8 % (PV of benefits / PV of costs).",
            hints=["Discount the benefits and the costs separately.",
                   "pm.finance.benefit_cost_ratio(rate, benefits, costs)"],
            solution="p10 = cashflows[cashflows.project_id == 'P10']\n"
                     "bcr_p10 = pm.finance.benefit_cost_ratio(hurdle, p10.benefit, p10.cost)",
            explanation="BCR > 1 means the discounted benefits exceed the discounted costs (the same verdict as NPV > 0).",
        ),
        Choice(
            "p13_choice",
            answer=lambda: _best_option(HURDLE),
            choices=["P13-A", "P13-B"],
            prompt="P13 store renovations can be done as P13-A (full refit) or P13-B (light refresh), not both. "
                   "At the 8 % hurdle rate, which option should the board fund?",
            hints=["Compare the NPVs of options.loc['P13-A'] and options.loc['P13-B'] at 8 %, and their IRRs.",
                   "Mutually exclusive: pick the one that adds the most value (NPV) at the organisation's rate."],
            solution="p13_choice = pm.finance.npv(hurdle, options.loc[['P13-A', 'P13-B']]).idxmax()",
            why={"P13-B": "P13-B has the higher IRR, but IRR measures a rate, not how much value is created; "
                          "at 8 % P13-A adds more NPV."},
            explanation="NPV wins for mutually exclusive choices: it measures the value added at the real cost of capital.",
        ),
        Numeric(
            "crossover_p13",
            answer=lambda: finance.crossover_rate(_options().loc["P13-A"].to_numpy(), _options().loc["P13-B"].to_numpy()),
            prompt="At what discount rate do the NPV profiles of P13-A and P13-B cross (the crossover or Fisher rate)? A fraction.",
            hints=["At the crossover rate NPV(A) = NPV(B), so the NPV of the difference A - B is zero.",
                   "That is the IRR of the incremental flows: pm.finance.crossover_rate(a, b)."],
            solution="crossover_p13 = pm.finance.crossover_rate(options.loc['P13-A'], options.loc['P13-B'])",
            explanation="Below the crossover rate the big option has the higher NPV; above it the small one does.",
        ),
        Choice(
            "p13_choice_at_12",
            answer=lambda: _best_option(0.12),
            choices=["P13-A", "P13-B"],
            prompt="A downturn raises the hurdle rate to 12 %. Which P13 option has the higher NPV now?",
            hints=["Compare 12 % with the crossover rate you found.", "Or compute both NPVs at 0.12."],
            solution="p13_choice_at_12 = pm.finance.npv(0.12, options.loc[['P13-A', 'P13-B']]).idxmax()",
            why={"P13-A": "At 12 % (above the crossover rate) the full refit's distant benefits are discounted more heavily."},
            explanation="The ranking by NPV depends on the rate; the ranking by IRR does not, which is why IRR can mislead.",
        ),
        Numeric(
            "opportunity_cost",
            answer=lambda: float(finance.npv(HURDLE, _options().loc["P13-A"].to_numpy())
                                 - finance.npv(HURDLE, _options().loc["P13-B"].to_numpy())),
            unit="k$",
            prompt="At 8 %, how much NPV (k$) does the board give up if it picks P13-B instead of P13-A?",
            hints=["Opportunity cost = the value of the best alternative you forgo.",
                   "NPV(P13-A) - NPV(P13-B) at 8 %."],
            solution="opportunity_cost = pm.finance.npv(hurdle, options.loc['P13-A']) - pm.finance.npv(hurdle, options.loc['P13-B'])",
            explanation="Exam tip: the opportunity cost of a choice is the value of the best option not chosen.",
        ),
        Numeric(
            "n_irrs",
            answer=lambda: float(len(finance.irr_all([-1_600, 10_000, -10_000]))),
            atol=0.01,
            rtol=0,
            percent_hint=False,
            prompt="How many IRRs do the cash flows -1,600, +10,000, -10,000 have (a pump that must be dismantled at the end)?",
            hints=["Count the sign changes: there can be up to that many IRRs.",
                   "pm.finance.irr_all(cashflows) lists every one."],
            solution="n_irrs = len(pm.finance.irr_all([-1_600, 10_000, -10_000]))",
            explanation="Two IRRs (25 % and 400 %): IRR cannot judge such a project. Use NPV (or MIRR).",
        ),
        Numeric(
            "p_loss_p11",
            answer=_p11_p_loss,
            atol=0.005,
            rtol=0,
            percent_hint=False,
            prompt="Monte Carlo for P11 Warehouse automation with the ranges `p11_ranges`, n=20,000 and seed=42: "
                   "what is the probability that its NPV is negative (a fraction)?",
            hints=["p11 = cashflows[cashflows.project_id == 'P11'] gives its costs and benefits.",
                   "pm.finance.monte_carlo_npv(p11.cost, p11.benefit, rate=hurdle, ranges=p11_ranges, n=20_000, "
                   "seed=42).p_negative"],
            solution="p11 = cashflows[cashflows.project_id == 'P11']\n"
                     "sim = pm.finance.monte_carlo_npv(p11.cost, p11.benefit, rate=hurdle, ranges=p11_ranges, n=20_000, seed=42)\n"
                     "p_loss_p11 = sim.p_negative",
            explanation="A positive base-case NPV can still carry a real chance of losing money once costs overrun "
                        "and benefits fall short.",
        ),
        Choice(
            "top_driver",
            answer=lambda: str(_p11_sensitivity()["input"].iloc[0]),
            choices=["rate", "cost_scale", "benefit_scale"],
            prompt="Move each input of P11's business case by +/- 20 % (rate, cost_scale, benefit_scale). "
                   "Which one swings the NPV most (the top bar of the tornado)?",
            hints=["model = functools.partial(pm.finance.scenario_npv, costs=p11.cost, benefits=p11.benefit)",
                   "pm.finance.sensitivity(model, {'rate': hurdle, 'cost_scale': 1.0, 'benefit_scale': 1.0}, "
                   "change=0.2) is sorted by swing."],
            solution="import functools\n"
                     "p11 = cashflows[cashflows.project_id == 'P11']\n"
                     "model = functools.partial(pm.finance.scenario_npv, costs=p11.cost, benefits=p11.benefit)\n"
                     "table = pm.finance.sensitivity(model, {'rate': hurdle, 'cost_scale': 1.0, 'benefit_scale': 1.0}, change=0.2)\n"
                     "top_driver = table['input'].iloc[0]",
            why={"rate": "The discount rate matters, but a 20 % change in it moves NPV less than the benefits do.",
                 "cost_scale": "Costs matter, but P11's benefits are larger than its costs, so the same 20 % moves NPV more on the benefit side."},
            explanation="Benefits are the biggest number in the case, so the benefit estimate deserves the most scrutiny "
                        "(and benefits realisation the most attention after delivery).",
        ),
    ],
)
EXERCISES.publish(globals())
