"""pmlib.risk checked at the door: bad numbers named, labels paired, loops and duplicates refused."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

import pmlib as pm
from pmlib import risk

from .bad_inputs import assert_rejects, bad_number, relabelled, shuffled, with_one_bad

SETTINGS = settings(max_examples=25, deadline=None)


@SETTINGS
@given(case=with_one_bad([0.2, 0.5, 0.1]))
def test_emv_names_a_bad_probability(case):
    values, position, _ = case
    assert_rejects(lambda: risk.emv(values, [-100.0, 50.0, 30.0]), f"probabilities[{position}]")


@SETTINGS
@given(case=with_one_bad([-100.0, 50.0, 30.0]))
def test_emv_names_a_bad_impact(case):
    values, position, _ = case
    assert_rejects(lambda: risk.emv([0.2, 0.5, 0.1], values), f"impacts[{position}]")


def test_emv_pairs_series_by_label():
    p = pd.Series([0.1, 0.5, 0.9], index=["RK1", "RK2", "RK3"])
    x = pd.Series([100.0, -40.0, 10.0], index=["RK1", "RK2", "RK3"])
    assert risk.emv(p, shuffled(x)) == pytest.approx(0.1 * 100 - 0.5 * 40 + 0.9 * 10)
    assert_rejects(lambda: risk.emv(p, relabelled(x, "RK3", "RK9")), "RK9")
    table_p = pd.DataFrame({"a": [0.5, 0.1], "b": [0.5, 0.9]}, index=["P1", "P2"])
    table_x = pd.DataFrame({"b": [0.0, 20.0], "a": [100.0, 10.0]}, index=["P2", "P1"])
    np.testing.assert_allclose(risk.emv(table_p, table_x).reindex(["P1", "P2"]), [0.5 * 10 + 0.5 * 20, 0.1 * 100])


@pytest.mark.parametrize("column, value", [("probability", True), ("probability", float("inf")),
                                           ("impact", float("inf")), ("impact", 1 + 2j), ("impact", "12"),
                                           ("probability", None)])
def test_a_bad_register_cell_is_named(column, value):
    register = pm.datasets.load("risks").astype({column: object})
    register.loc[0, column] = value
    for call in (risk.rate_risks, risk.contingency_reserve, lambda r: risk.monte_carlo(r, n=10)):
        assert_rejects(lambda c=call: c(register), f"register['{column}'][0]")


def test_a_duplicate_risk_is_refused_not_counted_twice():
    register = pm.datasets.load("risks")
    doubled = pd.concat([register, register.iloc[[3]]], ignore_index=True)
    for call in (risk.rate_risks, risk.contingency_reserve, lambda r: risk.monte_carlo(r, n=10)):
        assert_rejects(lambda c=call: c(doubled), register["id"].iloc[3])


def test_contingency_by_a_group_needs_every_group():
    register = pm.datasets.load("risks")
    register.loc[0, "project_id"] = None
    assert_rejects(lambda: risk.contingency_reserve(register, by="project_id"), "project_id")
    assert_rejects(lambda: risk.contingency_reserve(register, by=3), "by")


def test_a_tree_that_contains_itself_is_refused_with_the_loop():
    tree = {"decision": {"stop": {"payoff": 0.0}}}
    tree["decision"]["go"] = {"cost": 5.0, "chance": {"works": {"p": 0.5, **tree}, "fails": {"p": 0.5, "payoff": -1}}}
    assert_rejects(lambda: risk.decision_tree(tree), "go / works", "contains itself")
    shared = {"chance": {"up": {"p": 0.5, "payoff": 10.0}, "down": {"p": 0.5, "payoff": 0.0}}}
    # the same sub-tree used twice side by side is not a loop
    assert risk.decision_tree({"decision": {"a": {"cost": 1.0, **shared}, "b": {**shared}}}).value == 5.0


@pytest.mark.parametrize("kw", [{"tol": float("nan")}, {"tol": -1e-6}, {"tol": float("inf")}, {"tol": 0.7},
                                {"objective": "maximise"}])
def test_contradictory_tree_settings_are_refused(kw):
    name = next(iter(kw))
    assert_rejects(lambda: risk.decision_tree({"chance": {"a": {"p": 0.5, "payoff": 1}, "b": {"p": 0.5, "payoff": 2}}},
                                              **kw), name)


@SETTINGS
@given(value=bad_number())
def test_tree_numbers_are_checked(value):
    tree = {"decision": {"a": {"cost": value, "payoff": 10.0}, "b": {"payoff": 5.0}}}
    assert_rejects(lambda: risk.decision_tree(tree), "cost")


@pytest.mark.parametrize("call, words", [
    (lambda: risk.monte_carlo(pm.datasets.load("risks"), n=0), "n = 0"),
    (lambda: risk.monte_carlo(pm.datasets.load("risks"), n=1.5), "n must be"),
    (lambda: risk.monte_carlo(pm.datasets.load("risks"), seed=-3), "seed"),
    (lambda: risk.rate_risks(pm.datasets.load("risks"), impact_bounds=(25, 50, float("inf"), 200)), "impact_bounds"),
    (lambda: risk.rate_risks(pm.datasets.load("risks"), impact_bounds=(-25, 50, 100, 200)), "impact_bounds"),
    (lambda: risk.risk_rating(0.1, thresholds=(0.05, float("nan"))), "thresholds"),
    (lambda: risk.risk_rating(True), "score"),
])
def test_meaningless_settings_are_refused(call, words):
    assert_rejects(call, words)
