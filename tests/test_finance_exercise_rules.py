"""Exercises of lessons 02, 03 and 05: the rules every question keeps (issue "Exercises that teach").

A solution pasted into a fresh notebook passes, even after wrong answers to earlier questions; a
numeric question names its practice topic and the slips it recognises, and recognises each of
them; hints scaffold (at least three for a number) and the last one is not the solution.
"""

from __future__ import annotations

import pytest

import pmlib as pm
from pmlib.exercises import Choice, Multi, Numeric, ____
from pmlib.exercises import business_case as B
from pmlib.exercises import earned_value as E
from pmlib.exercises import stage_gates_and_risk as S

SETS = {"business_case": B, "earned_value": E, "stage_gates_and_risk": S}
QUESTIONS = [(name, q) for name, mod in SETS.items() for q in mod.EXERCISES]

#: The practice topic ids fixed for the second wave (common brief).
TOPICS = {
    "finance.npv", "finance.irr", "finance.roi", "finance.payback", "finance.discounted_payback", "finance.bcr",
    "finance.present_value", "finance.opportunity_cost", "finance.npv_vs_irr", "evm.variances", "evm.indices",
    "evm.eac", "evm.etc_vac", "evm.tcpi", "evm.percent_complete", "evm.interpretation", "evm.tcpi_interpretation",
    "evm.earned_schedule", "schedule.cpm", "schedule.float", "schedule.pert", "schedule.pert_probability",
    "schedule.monte_carlo", "risk.emv", "risk.decision_tree", "risk.contingency", "stagegate.ecv",
    "stagegate.gate_decision", "portfolio.weighted_score", "portfolio.ahp", "portfolio.rice", "portfolio.wsjf",
    "portfolio.selection", "program.rollup", "program.dependency", "program.benefits",
    "levels.communication_channels", "levels.which_level", "finance.future_value", "finance.annuity",
    "finance.depreciation", "finance.sunk_cost", "evm.measurement_rules", "evm.tspi",
}


def _ids(item):
    return f"{item[0]}-{item[1].name}"


def _numeric_parts(q):
    return [p for p in q.parts if isinstance(p, Numeric)] if isinstance(q, Multi) else (
        [q] if isinstance(q, Numeric) else [])


@pytest.mark.parametrize("item", QUESTIONS, ids=_ids)
def test_solution_is_self_contained(item):
    name, q = item
    wrong_everything = {v: 12345 for other in SETS[name].EXERCISES for v in other.variables}
    for start in ({}, wrong_everything, {"pm": pm}):
        ns = dict(start)
        exec(q.solution_code, ns)
        result = q.evaluate(ns)
        assert result.correct, f"{name} {q.name}: {result}"


@pytest.mark.parametrize("item", QUESTIONS, ids=_ids)
def test_hints_scaffold_and_do_not_give_the_solution(item):
    _, q = item
    assert len(q.hints) >= (3 if _numeric_parts(q) else 2), q.name
    last_line = q.solution_code.strip().splitlines()[-1]
    assert last_line not in q.hints[-1], f"{q.name}: the last hint is the solution"
    assert q.explanation, q.name


@pytest.mark.parametrize("item", [i for i in QUESTIONS if _numeric_parts(i[1])], ids=_ids)
def test_numeric_questions_name_their_topic_and_slips(item):
    _, q = item
    assert q.topic in TOPICS, q.topic
    for part in _numeric_parts(q):
        assert part.misconceptions, f"{q.name} {part.variables}: names no misconception"
        for words, wrong in part.misconceptions.items():
            value = float(wrong())
            assert abs(value - part.answer) > part.atol + part.rtol * abs(part.answer), (q.name, words)
            result = part.evaluate({part.variables[0]: value})
            assert not result.correct and words in result.message, (q.name, words, result.message)


@pytest.mark.parametrize("item", QUESTIONS, ids=_ids)
def test_topics_are_known_and_untouched_answers_are_not_attempted(item):
    _, q = item
    assert q.topic is None or q.topic in TOPICS
    assert q.evaluate({v: ____ for v in q.variables}).status == "not_attempted"


@pytest.mark.parametrize("item", [i for i in QUESTIONS if isinstance(i[1], Choice)], ids=_ids)
def test_every_wrong_choice_is_refused(item):
    _, q = item
    for choice in q.choices:
        if Choice._norm(choice) != Choice._norm(q.answer):
            assert not q.evaluate({q.variables[0]: choice}).correct


# --- corrections the course must get right (CONTENT.md "What must be right") ---------------------
def test_opportunity_cost_is_the_best_option_not_taken():
    npvs = pm.finance.npv(0.08, pm.finance.net_cashflows(pm.datasets.load("investment_options"), id="option_id"))
    assert B.q13.answer == pytest.approx(npvs["P13-A"])  # the board chose P13-B
    r = B.q13.evaluate({"opportunity_cost": npvs["P13-A"] - npvs["P13-B"]})
    assert not r.correct and "difference" in r.message
    assert "best option not chosen" in B.q13.explanation and "not a difference" in B.q13.hints[1]


def test_tcpi_is_judged_against_the_cpi():
    assert E.q18.answer == "realistic"                      # TCPI 1.12 at CPI 1.20
    p17 = pm.evm.latest_status(pm.datasets.load("status_periods")).loc["P17"]
    assert E.q7.parts[1].answer == ("no" if p17["tcpi"] > 1.1 * p17["cpi"] else "yes")
    assert "CPI" in E.q7.hints[1]


def test_option_value_does_not_pass_with_either_value_alone():
    r = S.EXERCISES["q11"]
    staged = pm.stagegate.staged_funding([100, 500], [0.5, 0.6], 2400)
    assert staged.value_without_gates != 0
    for wrong in (staged.value_with_gates, staged.value_without_gates):
        assert not r.evaluate({"option_value": wrong}).correct


def test_sunk_cost_slip_is_named():
    spent = pm.evm.latest_status(pm.datasets.load("status_periods")).loc["P19", "ac"]
    r = B.q22.evaluate({"npv_continue_p19": B.q22.answer - spent})
    assert not r.correct and "sunk cost" in r.message
