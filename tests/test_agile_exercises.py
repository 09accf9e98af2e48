"""Exercises of lesson 08: solutions pass on their own, named mistakes are recognised, answers come from pmlib."""

from __future__ import annotations

import math
import re

import pytest

import pmlib as pm
from pmlib.exercises import Choice, Numeric, ____
from pmlib.exercises import agile_and_hybrid as ex

AGILE_TOPICS = {"agile.velocity", "agile.burndown", "agile.release_forecast", "agile.throughput_forecast",
                "agile.littles_law", "agile.agile_evm", "agile.story_points", "agile.interpretation"}


def test_there_are_enough_questions_and_each_has_a_topic():
    assert len(ex.EXERCISES) >= 10
    topics = {q.topic for q in ex.EXERCISES}
    assert AGILE_TOPICS <= topics | {"program.rollup"} and topics - AGILE_TOPICS <= {"program.rollup"}
    assert AGILE_TOPICS <= topics  # every agile practice topic is exercised


@pytest.mark.parametrize("q", list(ex.EXERCISES), ids=lambda q: q.name)
def test_solution_is_self_contained(q):
    # pasted alone, after wrong earlier answers: it recomputes what it needs
    wrong = {v: -1.0 for other in ex.EXERCISES for v in other.variables}
    space = {"pm": pm, **wrong}
    exec(q.solution_code, space)
    assert q.evaluate(space).correct, q.evaluate(space)


@pytest.mark.parametrize("q", [q for q in ex.EXERCISES if isinstance(q, Numeric)], ids=lambda q: q.name)
def test_named_mistakes_are_recognised(q):
    assert q.misconceptions, f"{q.name} names no mistake"
    for message, wrong in q.misconceptions.items():
        value = float(wrong())
        if q._close(value, q.answer):
            continue  # the slip happens to give the right number on this data
        r = q.evaluate({q.variables[0]: value})
        assert r.status == "incorrect" and message in r.message, (q.name, message, r.message)


@pytest.mark.parametrize("q", list(ex.EXERCISES), ids=lambda q: q.name)
def test_hints_scaffold_without_giving_the_solution(q):
    assert q.hints
    last = q.hints[-1]
    assert q.solution_code.strip() not in last
    if isinstance(q, Numeric):
        assert len(q.hints) >= 2
        # the last hint does not state the answer
        assert not re.search(rf"(?<![\d.]){re.escape(f'{q.answer:g}')}(?![\d.])", last), last


def test_choices_explain_wrong_answers():
    for q in ex.EXERCISES:
        if isinstance(q, Choice):
            for c in q.choices:
                if Choice._norm(c) != Choice._norm(q.answer):
                    r = q.evaluate({q.variables[0]: c})
                    assert r.status == "incorrect" and "think again" not in r.message, (q.name, c)


def test_expected_answers_come_from_pmlib():
    sprints = pm.datasets.load("sprints")
    last10 = sprints["completed"].tail(10)
    f = pm.agile.release_forecast(180, last10, seed=0)
    assert ex.q1.answer == pytest.approx(last10.mean())
    assert ex.q2.answer == math.ceil(180 / last10.mean()) == f.average_sprints
    assert ex.q3.answer == f.percentile(85) > ex.q2.answer
    assert ex.q4.answer == pytest.approx(f.probability(f.average_sprints))
    r2 = sprints[sprints["release_id"] == "WEB-R2"]
    e = pm.agile.agile_evm(1050, r2["release_scope"].iloc[-1], 17, len(r2), r2["completed"].sum(), r2["cost"].sum())
    assert ex.q10.answer == pytest.approx(e["spi"]) and ex.q11.answer == pytest.approx(e["eac"])
    assert ex.q8.answer == pytest.approx(6.25)


def test_untouched_and_odd_answers_never_raise():
    assert ex.q1.evaluate({"velocity_mean": ____}).status == "not_attempted"
    assert ex.q3.evaluate({"sprints_p85": "eight"}).status == "invalid"
    assert ex.q13.evaluate({"compare_teams": "team C"}).status == "invalid"
    r = ex.q4.evaluate({"p_average_holds": 100 * ex.q4.answer})
    assert "percentage" in r.message
    r = ex.q8.evaluate({"cycle_time_little": ex.q8.answer / 5})
    assert r.status == "incorrect" and "days and weeks" in r.message
