"""The business-case exercises: each solution is accepted, wrong answers are told apart."""

from __future__ import annotations

import pytest

import pmlib as pm
from pmlib.exercises import ____
from pmlib.exercises import business_case as bc

SETUP = """
import pmlib as pm
cashflows = pm.datasets.load("cashflows")
flows = pm.finance.net_cashflows(cashflows)
options = pm.finance.net_cashflows(pm.datasets.load("investment_options"), id="option_id")
hurdle = 0.08
p11_ranges = {"cost_scale": (0.95, 1.0, 1.4), "benefit_scale": (0.6, 1.0, 1.1), "rate": (0.06, 0.08, 0.12)}
"""


@pytest.fixture(scope="module")
def namespace():
    ns: dict = {}
    exec(SETUP, ns)
    return ns


def test_at_least_eight_questions_numeric_and_interpretive():
    kinds = {type(q).__name__ for q in bc.EXERCISES}
    assert len(bc.EXERCISES) >= 8
    assert {"Numeric", "Choice"} <= kinds


@pytest.mark.parametrize("q", list(bc.EXERCISES), ids=lambda q: q.name)
def test_solution_is_accepted_and_untouched_is_not_attempted(q, namespace):
    ns = dict(namespace)
    for var in q.variables:
        ns[var] = ____
    assert q.evaluate(ns).status == "not_attempted"
    exec(q.solution_code, ns)
    result = q.evaluate(ns)
    assert result.correct, (q.name, str(result))
    assert q.hints and q.explanation


@pytest.mark.parametrize("q", [q for q in bc.EXERCISES if isinstance(q, pm.exercises.Numeric)], ids=lambda q: q.name)
def test_numeric_wrong_answers_are_rejected(q):
    (var,) = q.variables
    right = q.answer
    for wrong in (right * 1.1 + 0.05, right - 1, "12%", None):
        assert not q.evaluate({var: wrong}).correct, (q.name, wrong)


def test_specific_feedback():
    ns: dict = {}
    exec(SETUP, ns)
    # the Excel trap: the textbook NPV is not what Excel's NPV returns
    true_npv = pm.finance.npv(0.08, ns["flows"].loc["P15"])
    assert not bc.q5.evaluate({"excel_npv_p15": true_npv}).correct
    # IRR given in percent
    irr = pm.finance.irr(ns["flows"].loc["P15"])
    assert "percentage" in bc.q3.evaluate({"irr_p15": irr * 100}).message
    # the IRR-favoured option gets the explanation why NPV wins
    assert "IRR" in bc.q10.evaluate({"p13_choice": "P13-B"}).message
    assert bc.q10.evaluate({"p13_choice": "P13-A"}).correct
    assert bc.q12.evaluate({"p13_choice_at_12": "P13-B"}).correct
    assert bc.q14.evaluate({"n_irrs": 2}).correct


def test_answers_tell_the_story_the_notebook_relies_on():
    # NPV and IRR rank the P13 options differently; the crossover lies between 8 % and 12 %
    opts = pm.finance.net_cashflows(pm.datasets.load("investment_options"), id="option_id")
    npvs = pm.finance.npv(0.08, opts)
    irrs = pm.finance.irr(opts)
    for a, b in (("P11-A", "P11-B"), ("P13-A", "P13-B")):
        assert npvs[a] > npvs[b] and irrs[a] < irrs[b]
    assert 0.08 < bc.q11.answer < 0.12
    assert 0.05 < bc.q15.answer < 0.5
