"""Exercises of lesson 05: every solution is accepted, typical wrong answers are told apart."""

from __future__ import annotations

import pytest

import pmlib as pm
from pmlib.exercises.stage_gates_and_risk import EXERCISES


@pytest.fixture
def ns():
    return {
        "pm": pm,
        "pipeline": pm.datasets.load("pipeline"),
        "history": pm.datasets.load("gate_history"),
        "risks": pm.datasets.load("risks"),
        "model": pm.stagegate.cooper_model(),
    }


def test_at_least_eight_questions():
    assert len(EXERCISES) >= 8


@pytest.mark.parametrize("q", list(EXERCISES), ids=lambda q: q.name)
def test_solution_is_accepted(q, ns):
    exec(q.solution_code, ns)
    result = q.evaluate(ns)
    assert result.correct, result


@pytest.mark.parametrize(
    "name, var, wrong, words",
    [
        ("q1", "ecv_n06", 2200.0, "as if both successes were certain"),  # the unadjusted business case
        ("q1", "ecv_n06", -1000.0, "wrong sign"),
        ("q2", "decision_n08", "Go", "below the pass mark"),
        ("q2", "decision_n08", "Kill", "second try"),
        ("q3", "killed", ["N10", "N12", "N15"], "1 item(s) missing"),  # forgot the one below the kill mark
        ("q6", "emv_decision", 41.5, "EMV of building"),  # picked 'build'
        ("q7", "reserve_p06", 0.3005, "1000 times too small"),
        ("q8", "rating_rk10", "moderate", "not the best answer"),
        ("q9", "ideas_for_6", "81", "single number"),
        ("q11", "option_value", 370.0, "value with gates"),
        ("q12", "reserve_p12", 27.0, "leaves the opportunity out"),
    ],
)
def test_wrong_answers_get_feedback(name, var, wrong, words, ns):
    q = EXERCISES[name]
    result = q.evaluate(ns | {var: wrong})
    assert not result.correct
    assert words in result.message


def test_untouched_is_not_attempted(ns):
    from pmlib.exercises import ____

    assert EXERCISES["q5"].evaluate(ns | {"funded": ____}).status == "not_attempted"
