"""The schedule exercises accept their solutions and reject typical wrong answers, naming the slip."""

from __future__ import annotations

import pandas as pd
import pytest

import pmlib as pm
from pmlib.exercises import Items, ____
from pmlib.exercises import schedule as ex


def base_namespace():
    """What the exercise notebook's first cell defines (no learner answers)."""
    return {"pm": pm, "pd": pd, "launch_network": ex.launch_network, "MC_ITERATIONS": ex.MC_ITERATIONS,
            "MC_SEED": ex.MC_SEED, "INDIRECT_PER_DAY": ex.INDIRECT_PER_DAY}


@pytest.fixture(scope="module")
def namespace():
    p01 = pm.datasets.load("activities")
    return dict(base_namespace(), launch=ex.launch_network(), p01=p01,
                mc=pm.schedule.monte_carlo(p01, n=ex.MC_ITERATIONS, seed=ex.MC_SEED))


def test_at_least_ten_questions_with_topics_and_scaffolded_hints():
    assert len(ex.EXERCISES) >= 20
    for q in ex.EXERCISES:
        assert q.topic and q.topic.startswith("schedule."), q.name
        assert q.hints, q.name
        # the last hint is not the solution
        assert q.solution_code.split("=")[-1].strip() not in q.hints[-1], q.name
    topics = {q.topic for q in ex.EXERCISES}
    assert {"schedule.crashing", "schedule.fast_tracking", "schedule.pert", "schedule.float"} <= topics


@pytest.mark.parametrize("q", list(ex.EXERCISES), ids=lambda q: q.name)
def test_solution_is_accepted(q, namespace):
    ns = dict(namespace)
    exec(q.solution_code, ns)
    assert q.evaluate(ns).correct, q.evaluate(ns)


@pytest.mark.parametrize("q", list(ex.EXERCISES), ids=lambda q: q.name)
def test_solution_is_self_contained(q):
    """Pasting a solution passes even when earlier cells hold wrong answers or were never run."""
    ns = base_namespace()
    for other in ex.EXERCISES:
        for var in other.variables:
            ns[var] = -999  # a wrong earlier answer
    ns.update(launch="overwritten", p01=None, mc=None)
    exec(q.solution_code, ns)
    assert q.evaluate(ns).correct, q.evaluate(ns)


def test_untouched_is_not_attempted(namespace):
    ns = dict(namespace, project_duration=____)
    assert ex.q1.evaluate(ns).status == "not_attempted"


@pytest.mark.parametrize(
    "q, wrong",
    [
        (ex.q1, {"project_duration": 14}),
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
        (ex.q15, {"slope_b": 13}),
        (ex.q16, {"crash_first": "C"}),
        (ex.q17, {"crash_cost_12": 9}),
        (ex.q18, {"best_duration": 10}),
        (ex.q19, {"fast_tracked": 15}),
        (ex.q20, {"fast_track_adds": "cost"}),
    ],
)
def test_wrong_answers_are_rejected(q, wrong, namespace):
    result = q.evaluate(dict(namespace, **wrong))
    assert result.status in ("incorrect", "invalid") and result.message


@pytest.mark.parametrize(
    "q, wrong, words",
    [
        (ex.q1, {"project_duration": 24}, "sum of every duration"),
        (ex.q1, {"project_duration": 11}, "shorter path"),
        (ex.q5, {"total_float_d": 3}, "LS - EF"),
        (ex.q6, {"total_float_c": 4, "free_float_c": 4}, "total float"),
        (ex.q7, {"duration_if_f_slips": 18}, "within the activity's total float"),
        (ex.q8, {"expected_b": 7, "sd_b": 4 / 3}, "triangular"),
        (ex.q8, {"expected_b": 6, "sd_b": 8 / 3}, "divides by 3"),
        (ex.q15, {"slope_b": 13}, "days saved"),
        (ex.q17, {"crash_cost_12": 9}, "B can only give 2 days"),
        (ex.q18, {"best_duration": 10}, "shortest possible"),
    ],
)
def test_named_misconceptions(q, wrong, words, namespace):
    msg = q.evaluate(dict(namespace, **wrong)).message
    assert words in msg, msg


def test_pert_probability_slips_are_named(namespace):
    for value, words in ((ex._pert_with_summed_sds(17), "variances"), (ex._pert_on_cpm_duration(17), "CPM duration")):
        assert words in ex.q9.evaluate(dict(namespace, p_within_17=value)).message


def test_days_versus_weeks_slip_is_named(namespace):
    msg = ex.q1.evaluate(dict(namespace, project_duration=3)).message    # 15 working days = 3 weeks
    assert "days and weeks" in msg


def test_day_one_convention_is_accepted(namespace):
    day0 = ex.q2.evaluate(dict(namespace, es_e=8, ef_e=14))
    day1 = ex.q2.evaluate(dict(namespace, es_e=9, ef_e=14))
    assert day0.correct and day1.correct and "day-1 convention" in day1.message
    assert ex.q3.evaluate(dict(namespace, lf_c=11, ls_c=8)).correct          # day-1 late start
    assert not ex.q3.evaluate(dict(namespace, lf_c=12, ls_c=8)).correct
    assert "one day too late" in ex.q2.evaluate(dict(namespace, es_e=9, ef_e=15)).message


@pytest.mark.parametrize("text", ["A-B-E-G", "A → B → E → G", "A, B, E, G", "a -> b -> e -> g", "A B E G",
                                  "A–B–E–G", "A;B;E;G", "A > B > E > G", "A - B - E - G"])
def test_critical_path_accepts_the_usual_separators(text, namespace):
    assert ex.q4.evaluate(dict(namespace, critical_path=text)).correct


def test_separators_keep_hyphenated_ids_whole():
    q = Items("ids", answer=["PG-HOME", "PG-DIGI"], ordered=True)
    for text in ("PG-HOME, PG-DIGI", "PG-HOME → PG-DIGI", "PG-HOME PG-DIGI"):
        assert q.evaluate({"ids": text}).correct, text
    assert "wrong order" in q.evaluate({"ids": "PG-DIGI, PG-HOME"}).message


def test_messages_are_helpful(namespace):
    msg = ex.q9.evaluate(dict(namespace, p_within_17=74.37)).message
    assert "percentage" in msg
    msg = ex.q4.evaluate(dict(namespace, critical_path=["G", "E", "B", "A"])).message
    assert "order" in msg
    assert "P50 is met only half" in ex.q12.evaluate(dict(namespace, commit_to="P50")).message
    assert "not critical" in ex.q16.evaluate(dict(namespace, crash_first="C")).message
