"""Business-case economics: is this project worth doing?

The measures a portfolio board uses to fund work, each under its textbook name (and the Excel
function it matches), one module each:

- ``time_value``: present value / future value (:func:`present_value`, :func:`future_value`),
  present value of an annuity (:func:`annuity_present_value`, Excel PV), :func:`discount_factors`,
  net present value (:func:`npv`; Excel's NPV with ``start=1``), dated NPV (:func:`xnpv`);
- ``returns``: internal rate of return (:func:`irr`, Excel IRR; every IRR of non-conventional flows:
  :func:`irr_all`), dated IRR (:func:`xirr`), modified IRR (:func:`mirr`), crossover (Fisher)
  rate of two options (:func:`crossover_rate`); the root finding lives in ``_irr``;
- ``appraisal``: return on investment (:func:`roi`, :func:`annualised_roi`), payback and
  discounted payback (:func:`payback_period`, :func:`discounted_payback_period`), benefit-cost
  ratio (:func:`benefit_cost_ratio`), profitability index (:func:`profitability_index`),
  opportunity cost (:func:`opportunity_cost`), everything at once (:func:`appraise`) and wide
  cash-flow tables from the long ``cashflows.csv`` layout (:func:`net_cashflows`);
- ``depreciation``: straight line, double declining balance, sum of the years' digits
  (:func:`depreciation`);
- ``simulation``: scenarios (:func:`adjust_cashflows`, :func:`scenario_npv`), one-at-a-time
  sensitivity for a tornado chart (:func:`sensitivity`), Monte Carlo NPV (:func:`monte_carlo_npv`
  -> :class:`NPVSimulation`).

Conventions (numpy-financial's): ``cashflows[0]`` happens now (t = 0) and is not discounted;
``cashflows[t]`` at the end of period t. Money is in whatever unit you give (the course's data
sets use k$); rates are fractions per period (0.08 = 8 %). Sunk costs (money already spent)
never appear in these formulas: a decision compares the cash flows still to come.

Many projects at once: pass a 2-D array (one row per project, one column per period) or a
DataFrame (index = project ids; numeric column labels are years and must not skip one) and
every function returns one figure per row (an ndarray, or a Series indexed like the DataFrame),
computed without a Python loop over the rows. Labelled inputs of one call (two Series, a
Series of rates and a DataFrame) are paired by label, never by position.

References: PMI, *PMBOK Guide* (project selection methods); PMI, *The Standard for Portfolio
Management*; Brealey, Myers & Allen, *Principles of Corporate Finance*, ch. 2, 5-6; Microsoft
Excel function reference (NPV, XNPV, IRR, XIRR, MIRR, PV, SLN, DDB, SYD).
"""

from __future__ import annotations

from .appraisal import (
    annualised_roi,
    appraise,
    benefit_cost_ratio,
    discounted_payback_period,
    net_cashflows,
    opportunity_cost,
    payback_period,
    profitability_index,
    roi,
)
from .depreciation import depreciation
from .returns import DEFAULT_GUESS, MultipleIRRWarning, crossover_rate, irr, irr_all, mirr, xirr
from .simulation import NPVSimulation, adjust_cashflows, monte_carlo_npv, scenario_npv, sensitivity
from .time_value import (
    annuity_present_value,
    discount_factors,
    future_value,
    npv,
    present_value,
    xnpv,
)

__all__ = [
    "MultipleIRRWarning",
    "DEFAULT_GUESS",
    "present_value",
    "future_value",
    "annuity_present_value",
    "discount_factors",
    "npv",
    "xnpv",
    "irr",
    "irr_all",
    "xirr",
    "mirr",
    "crossover_rate",
    "roi",
    "annualised_roi",
    "payback_period",
    "discounted_payback_period",
    "benefit_cost_ratio",
    "profitability_index",
    "opportunity_cost",
    "net_cashflows",
    "appraise",
    "depreciation",
    "adjust_cashflows",
    "scenario_npv",
    "sensitivity",
    "monte_carlo_npv",
    "NPVSimulation",
]
