"""Exercises of lessons 01, 06 and 07: rules every question keeps, and lesson 01's own answers.

The rules (issue "Exercises that teach"): a solution pasted into an empty notebook passes, even
after wrong answers to earlier questions; a numeric question names its practice topic and the
slips it recognises, and recognises each of them; hints scaffold and the last one is not the
solution.
"""

from __future__ import annotations

import pytest

import pmlib as pm
from pmlib.exercises import Choice, Numeric, ____
from pmlib.exercises import levels_of_management as L
from pmlib.exercises import portfolio as PF
from pmlib.exercises import program as PG

SETS = {"levels": L, "program": PG, "portfolio": PF}
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
    "finance.depreciation", "finance.sunk_cost",
}


def _ids(item):
    return f"{item[0]}-{item[1].name}" if isinstance(item, tuple) else None


def _wrong_everything(module) -> dict:
    """A notebook in which the learner answered every question with something wrong."""
    return {v: 12345 for q in module.EXERCISES for v in q.variables}


@pytest.mark.parametrize("item", QUESTIONS, ids=_ids)
def test_solution_is_self_contained(item):
    name, q = item
    for start in ({"pm": pm}, {"pm": pm, **_wrong_everything(SETS[name])}):
        ns = dict(start)
        exec(q.solution_code, ns)
        result = q.evaluate(ns)
        assert result.correct, f"{name} {q.name}: {result}"


@pytest.mark.parametrize("item", QUESTIONS, ids=_ids)
def test_hints_scaffold_and_do_not_give_the_solution(item):
    _, q = item
    assert len(q.hints) >= (3 if isinstance(q, Numeric) else 2), q.name
    last_line = q.solution_code.strip().splitlines()[-1]
    assert last_line not in q.hints[-1], f"{q.name}: the last hint is the solution"
    assert q.hints[-1].strip() != q.solution_code.strip()


@pytest.mark.parametrize("item", [i for i in QUESTIONS if isinstance(i[1], Numeric)], ids=_ids)
def test_numeric_questions_name_their_topic_and_slips(item):
    _, q = item
    assert q.topic in TOPICS, q.topic
    assert q.misconceptions, f"{q.name} names no misconception"
    for words, wrong in q.misconceptions.items():
        value = float(wrong())
        assert abs(value - q.answer) > q.atol + q.rtol * abs(q.answer), f"{q.name}: {words!r} gives the answer"
        result = q.evaluate({q.variables[0]: value})
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


# --- lesson 01's own answers ---------------------------------------------------------------------
def test_levels_answers_come_from_pmlib():
    assert L.q1.answer == "program" and L.q3.answer == "project"
    assert L.q7.answer == "PgMP"
    assert L.q8.answer == 38
    assert L.q12.answer == L.CRM_CHOICES[1]


def test_crm_question_teaches_that_delivery_is_not_success():
    r = L.q12.evaluate({"crm_outcome": L.CRM_CHOICES[0]})
    assert not r.correct and "business objectives" in r.message


def test_credentials_are_not_a_ladder():
    r = L.q7.evaluate({"program_credential": "PMP"})
    assert not r.correct and "not a step" in r.message
    assert "ladder" not in " ".join(L.q7.hints).replace("not rungs of one ladder", "")


def test_sorting_counts_right_answers():
    r = L.q5.evaluate({"sorting": {i: "project" for i in L.SORT_IDS}})
    assert not r.correct and "2 of 5 right" in r.message
    assert L.q5.evaluate({"sorting": "project"}).status == "incorrect"
