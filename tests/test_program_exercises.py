"""Exercises of lesson 06: each question accepts its solution and tells the usual mistakes apart."""

from __future__ import annotations

import pytest

import pmlib as pm
from pmlib.exercises import ____
from pmlib.exercises import program as ex


@pytest.fixture(scope="module")
def ns():
    """The exercise notebook's set-up cell, then every solution run in order (like the answer key)."""
    home = pm.program.load("PG-HOME")
    space = {"pm": pm, "home": home, "sched": home.schedule(),
             "t": home.rollup().table.drop(index="PROGRAM")[["name", "bac", "pv", "ev", "ac"]],
             "digi_realisation": pm.program.load("PG-DIGI").realisation}
    for q in ex.EXERCISES:
        exec(q.solution_code, space)
    return space


def test_there_are_enough_questions():
    assert len(ex.EXERCISES) >= 8


@pytest.mark.parametrize("q", list(ex.EXERCISES), ids=lambda q: q.name)
def test_solution_is_accepted(ns, q):
    assert q.evaluate(ns).correct, q.evaluate(ns)


def test_wrong_answers_are_told_apart(ns):
    t = ns["t"]
    average_cpi = (t["ev"] / t["ac"]).mean()
    r = ex.q1.evaluate({**ns, "cpi_program": average_cpi})
    assert r.status == "incorrect" and "average of the projects' CPIs" in r.message
    r = ex.q1.evaluate({**ns, "cpi_program": ns["cpi_program"] * 100})
    assert "percentage" in r.message
    r = ex.q4.evaluate({"report": "average"})
    assert r.status == "incorrect" and "sum(EV)" in r.message
    r = ex.q5.evaluate({**ns, "eac_program": ns["eac_program"] * 1000})
    assert "1000 times" in r.message
    r = ex.q7.evaluate({"launch_delay": 3})   # forgot the float
    assert r.status == "incorrect" and "float" in r.message
    r = ex.q5.evaluate({**ns, "eac_program": ns["t"]["bac"].sum() * ns["cpi_program"]})
    assert "BAC x CPI" in r.message
    r = ex.q10.evaluate({"cost_days": 2})     # weeks, not working days
    assert "days and weeks" in r.message
    r = ex.q8.evaluate({"benefits_moved": ["B02"]})
    assert r.status == "incorrect" and "1 item(s) missing" in r.message
    r = ex.q9.evaluate({"overbooked": ["R01", "R13", "R05"]})
    assert "do not belong" in r.message
    r = ex.q12.evaluate({"p25_verdict": "delivered on time and budget, benefits short of plan"})
    assert "CRM" in r.message
    r = ex.q14.evaluate({"who_resolves": "portfolio manager"})
    assert r.status == "incorrect" and "capacity" in r.message
    r = ex.q14.evaluate({"who_resolves": "sponsor"})
    assert r.status == "invalid"


def test_untouched_and_odd_answers_never_raise():
    assert ex.q6.evaluate({"float_p04": ____}).status == "not_attempted"
    assert ex.q6.evaluate({"float_p04": "one week"}).status == "invalid"
    assert ex.q11.evaluate({"crm_realisation": None}).status == "invalid"


def test_expected_answers_come_from_pmlib():
    home = pm.program.load("PG-HOME")
    roll = home.rollup()
    assert ex.q1.answer == pytest.approx(roll.program["cpi"])
    assert ex.q3.answer == pytest.approx(roll.average["spi"])
    assert ex.q7.answer == home.ripple({"P04": 3}).finish_delay_weeks == 2.0
    assert ex.q8.answer == ["B02", "B03"]
