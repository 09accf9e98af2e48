"""Exercises of the earned value lesson: each solution is accepted, typical slips are caught."""

from __future__ import annotations

import pytest

import pmlib as pm
from pmlib.exercises import ____
from pmlib.exercises import earned_value as ex


@pytest.fixture()
def ns():
    """The namespace the exercise notebook builds before the questions."""
    status = pm.datasets.load("status_periods")
    history = pm.datasets.load("completed_status_periods")
    latest = pm.evm.latest_status(status)
    return {"pm": pm, "status": status, "history": history, "latest": latest, "p17": latest.loc["P17"]}


def test_there_are_at_least_ten_questions():
    assert len(ex.EXERCISES) >= 10


def test_solutions_run_in_order_and_are_accepted(ns):
    for q in ex.EXERCISES:
        exec(q.solution_code, ns)
        result = q.evaluate(ns)
        assert result.correct, f"{q.name}: {result}"


def test_untouched_placeholders_are_not_attempted():
    for q in ex.EXERCISES:
        assert q.evaluate({v: ____ for v in q.variables}).status == "not_attempted"


def test_wrong_answers_are_told_apart(ns):
    p17 = ns["p17"]
    assert "AC - EV" in ex.q1.evaluate({"cv_p17": p17["ac"] - p17["ev"]}).message
    r = ex.q2.evaluate({"cpi_p17": 100 * p17["cpi"], "spi_p17": p17["spi"]})
    assert r.status == "incorrect" and "percentage" in r.message
    # mixing up the forms: the typical EAC is not the atypical one
    assert not ex.q4.evaluate({"eac_atypical": p17["eac"]}).correct
    r = ex.q7.evaluate({"tcpi_p17": p17["tcpi"], "bac_achievable": "yes"})
    assert r.status == "incorrect" and "CPI the team has achieved" in r.message
    assert "BAC x CPI" in ex.q3.evaluate({"eac_typical": p17["bac"] * p17["cpi"]}).message
    r = ex.q8.evaluate({"eac_form": "typical"})
    assert "repeat the strike" in r.message
    assert ex.q8.evaluate({"eac_form": "maybe"}).status == "invalid"
    r = ex.q11.evaluate({"red_projects": ["P17", "P19"]})
    assert r.status == "incorrect" and "missing" in r.message
    # averaging the project CPIs instead of summing is wrong
    home = ns["latest"].loc[["P01", "P02", "P03", "P04", "P05"]]
    assert not ex.q12.evaluate({"cpi_home_program": home["cpi"].mean()}).correct
    assert ex.q13.evaluate({"exam_eac": "137.5"}).status == "invalid"


def test_answers_come_from_the_data(ns):
    latest = ns["latest"]
    assert ex.q11.answer == ["P01", "P05", "P17", "P19", "P20"]
    assert ex.q3.answer == pytest.approx(latest.loc["P17", "bac"] / latest.loc["P17", "cpi"])
    assert ex.q13.answer == pytest.approx(137.5)
    packages = pm.evm.earned_value_by_rule(pm.datasets.load("work_packages"))
    assert ex.q14.answer == pytest.approx(latest.loc["P17", "ev"]) == pytest.approx(packages["ev"].sum())
    assert ex.q15.answer == pytest.approx(60.0)  # 20 % of W08's 300 k$
    assert ex.q17.answer > 1.10 and ex.q19.answer == "SPI(t)"
