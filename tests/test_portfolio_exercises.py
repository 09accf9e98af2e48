"""The portfolio exercises accept their solutions and tell wrong answers apart."""

from __future__ import annotations

import pytest

import pmlib as pm
from pmlib.exercises import ____
from pmlib.exercises import portfolio as E


@pytest.fixture(scope="module")
def namespace():
    projects = pm.datasets.load("projects")
    ns = {
        "pm": pm,
        "projects": projects,
        "candidates": projects[projects["status"] == "candidate"].reset_index(drop=True),
        "objectives": pm.datasets.load("strategic_objectives"),
        "judgements": pm.datasets.load("ahp_judgements"),
        "staff_demand": pm.datasets.load("staff_demand"),
        "resources": pm.datasets.load("resources"),
        "status": pm.datasets.load("status_periods"),
        "inconsistent": E.INCONSISTENT,
    }
    return ns


def test_at_least_eight_questions():
    assert len(E.EXERCISES) >= 8


@pytest.mark.parametrize("q", list(E.EXERCISES), ids=lambda q: q.name)
def test_solution_is_accepted(q, namespace):
    ns = dict(namespace)
    exec(q.solution_code, ns)
    assert q.evaluate(ns).correct, q.evaluate(ns)


WRONG = {
    "w_digital": 0.40,                      # the published weight, not the AHP result
    "cr_bad": 0.05,
    "last_candidate": "P16",
    "rice_score": 1200 * 2 * 80 / 4,        # confidence as a percentage
    "wsjf_score": 26,                       # cost of delay, not divided by job size
    "optimal_5000": ["P11", "P07"],
    "greedy_loss": 0.0,
    "ds_shortfall": 0.25,                   # shortfall / capacity instead of / demand
    "zombie_ids": ["P17", "P19"],
    "freed": 389 + 243 + 126,               # remaining budget (BAC - AC) instead of ETC
    "who_decides": "change request",
}


@pytest.mark.parametrize("q", list(E.EXERCISES), ids=lambda q: q.name)
def test_wrong_and_missing_answers_are_told_apart(q, namespace):
    var = q.variables[0]
    wrong = q.evaluate({**namespace, var: WRONG[var]})
    assert not wrong.correct and wrong.message
    assert q.evaluate({**namespace, var: ____}).status == "not_attempted"
    assert q.evaluate({**namespace, var: None}).status in ("invalid", "incorrect")


def test_percentage_slip_is_named():
    r = E.q8.evaluate({"ds_shortfall": 20})
    assert "percentage" in r.message
