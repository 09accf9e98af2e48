"""The schedule exercises accept their solutions and reject typical wrong answers."""

from __future__ import annotations

import pandas as pd
import pytest

import pmlib as pm
from pmlib.exercises import ____
from pmlib.exercises import schedule as ex


@pytest.fixture(scope="module")
def namespace():
    p01 = pm.datasets.load("activities")
    return {"pm": pm, "pd": pd, "launch": ex.launch_network(), "p01": p01,
            "mc": pm.schedule.monte_carlo(p01, n=ex.MC_ITERATIONS, seed=ex.MC_SEED)}


def test_at_least_ten_questions():
    assert len(ex.EXERCISES) >= 10


@pytest.mark.parametrize("q", list(ex.EXERCISES), ids=lambda q: q.name)
def test_solution_is_accepted(q, namespace):
    ns = dict(namespace)
    exec(q.solution_code, ns)
    assert q.evaluate(ns).correct, q.evaluate(ns)


def test_untouched_is_not_attempted(namespace):
    ns = dict(namespace, project_duration=____)
    assert ex.q1.evaluate(ns).status == "not_attempted"


@pytest.mark.parametrize(
    "q, wrong",
    [
        (ex.q1, {"project_duration": 14}),                      # took the C-branch
        (ex.q2, {"es_e": 8, "ef_e": 13}),
        (ex.q3, {"lf_c": 12, "ls_c": 8}),                         # min over D only
        (ex.q4, {"critical_path": ["A", "C", "F", "G"]}),
        (ex.q4, {"critical_path": ["G", "E", "B", "A"]}),         # reversed
        (ex.q5, {"total_float_d": 0}),
        (ex.q6, {"total_float_c": 4, "free_float_c": 4}),         # free float confused with total
        (ex.q7, {"duration_if_f_slips": 18}),                     # added the slip blindly
        (ex.q8, {"expected_b": 5, "sd_b": 8 / 6}),                # most likely is not the mean
        (ex.q9, {"p_within_17": 74.4}),                           # percent, not fraction
        (ex.q10, {"deadline_90": 17}),
        (ex.q11, {"p80_p01": 311.3}),                             # P50
        (ex.q12, {"commit_to": "P50"}),
        (ex.q13, {"pert_vs_mc": "lower"}),
        (ex.q14, {"hidden_driver": "A12"}),                       # on the critical path
    ],
)
def test_wrong_answers_are_rejected(q, wrong, namespace):
    result = q.evaluate(dict(namespace, **wrong))
    assert result.status in ("incorrect", "invalid") and result.message


def test_messages_are_helpful(namespace):
    msg = ex.q9.evaluate(dict(namespace, p_within_17=74.37)).message
    assert "percentage" in msg
    msg = ex.q4.evaluate(dict(namespace, critical_path=["G", "E", "B", "A"])).message
    assert "order" in msg
    assert "P50 is met only half" in ex.q12.evaluate(dict(namespace, commit_to="P50")).message
