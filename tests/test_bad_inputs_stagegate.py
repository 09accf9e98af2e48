"""pmlib.stagegate checked at the door: bad numbers named, labels paired, contradictions refused."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

import pmlib as pm
from pmlib import stagegate as sg

from .bad_inputs import assert_rejects, bad_number, relabelled, shuffled

SETTINGS = settings(max_examples=25, deadline=None)
ECV = {"npv": 30.0, "p_commercial": 0.5, "p_technical": 0.8, "launch_cost": 5.0, "development_cost": 3.0}


@pytest.mark.parametrize("field", list(ECV))
@SETTINGS
@given(value=bad_number())
def test_ecv_names_a_bad_number(field, value):
    assert_rejects(lambda: sg.ecv(**{**ECV, field: value}), field)


def _pipeline_series():
    p = pm.datasets.load("pipeline").set_index("id")
    return {k: p[k] for k in ECV}


@pytest.mark.parametrize("seed", range(3))
def test_ecv_pairs_series_by_label(seed):
    cols = _pipeline_series()
    expected = sg.ecv(**cols)
    shuffled_cols = {k: shuffled(v, seed + i) for i, (k, v) in enumerate(cols.items())}
    pd.testing.assert_series_equal(sg.ecv(**shuffled_cols).reindex(expected.index), expected)
    pi = sg.productivity_index(expected, shuffled(cols["development_cost"], seed))
    pd.testing.assert_series_equal(pi, (expected / cols["development_cost"]).rename("productivity_index"))


def test_ecv_refuses_other_labels():
    cols = _pipeline_series()
    cols["p_technical"] = relabelled(cols["p_technical"], "N01", "N99")
    assert_rejects(lambda: sg.ecv(**cols), "N99")


@SETTINGS
@given(value=bad_number())
def test_gate_weights_and_marks_are_checked(value):
    assert_rejects(lambda: sg.Gate("Screen", should_meet={"fit": value, "market": 1.0}), "weights")
    for mark in ("pass_mark", "kill_mark", "min_score", "scale"):
        if mark == "min_score" and value is None:
            continue  # None switches the weak-spot rule off
        assert_rejects(lambda m=mark: sg.Gate("Screen", should_meet={"fit": 1.0}, **{m: value}), mark)


@pytest.mark.parametrize("kw, words", [
    ({"pass_mark": 5, "kill_mark": 6}, "kill_mark"),
    ({"min_score": 11}, "min_score"),
    ({"scale": -10}, "scale"),
    ({"should_meet": {"fit": 0.0}}, "all zero"),
])
def test_contradictory_gate_settings_are_refused(kw, words):
    assert_rejects(lambda: sg.Gate("Screen", **{"should_meet": {"fit": 1.0}, **kw}), words)


@pytest.mark.parametrize("value", [True, float("inf"), 1 + 2j, "9"])
def test_a_bad_score_is_named(value):
    pipeline = pm.datasets.load("pipeline").astype({"strategic_fit": object})
    pipeline.loc[0, "strategic_fit"] = value
    assert_rejects(lambda: sg.evaluate_pipeline(pipeline), "scores", "strategic_fit")


def test_a_repeated_pipeline_row_is_refused():
    pipeline = pm.datasets.load("pipeline")
    assert_rejects(lambda: sg.evaluate_pipeline(pd.concat([pipeline, pipeline.iloc[[2]]])), pipeline["id"].iloc[2])
    assert_rejects(lambda: sg.rank_by_ecv(pd.concat([pipeline, pipeline.iloc[[2]]])), pipeline["id"].iloc[2])


def test_a_repeated_history_year_is_refused_not_double_counted():
    history = pm.datasets.load("gate_history")
    assert_rejects(lambda: sg.observed_pass_rates(pd.concat([history, history.iloc[[0]]])), "twice")


@pytest.mark.parametrize("call, words", [
    (lambda: sg.rank_by_ecv(pm.datasets.load("pipeline"), budget=float("nan")), "budget"),
    (lambda: sg.rank_by_ecv(pm.datasets.load("pipeline"), budget=-1), "budget"),
    (lambda: sg.funnel(float("inf"), [0.5]), "ideas"),
    (lambda: sg.funnel(10, [0.5, 0.5], [1.0]), "same length"),
    (lambda: sg.ideas_needed(True, [0.5]), "target_launches"),
    (lambda: sg.staged_funding([1.0], [0.5, 0.5], 10), "same length"),
    (lambda: sg.staged_funding([1.0, float("inf")], [0.5, 0.5], 10), "stage_costs"),
    (lambda: sg.staged_funding([1.0, 2.0], [0.5, 0.5], float("nan")), "payoff"),
    (lambda: sg.evaluate_pipeline(pm.datasets.load("pipeline"), model="cooper"), "StageGateModel"),
])
def test_meaningless_settings_are_refused(call, words):
    assert_rejects(call, words)


def test_staged_funding_pairs_series_by_label():
    costs = pd.Series([100.0, 500.0], index=["develop", "launch"])
    probs = pd.Series([0.6, 0.5], index=["launch", "develop"])
    r = sg.staged_funding(costs, probs, 2000)
    assert r.value_with_gates == pytest.approx(-100 + 0.5 * (-500 + 0.6 * 2000))
    assert list(r.table.index) == ["develop", "launch"]
    assert np.isfinite(r.option_value)
