"""Quality functions check their input at the door."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import pmlib as pm

from .bad_inputs import assert_rejects, bad_number, with_one_bad

Q = pm.quality


def test_fewer_than_two_values():
    assert_rejects(lambda: Q.control_limits([5]), "values")
    assert_rejects(lambda: Q.control_limits([]), "values")
    assert_rejects(lambda: Q.control_chart([3]), "values")


@settings(max_examples=40, deadline=None)
@given(with_one_bad([5.0, 6.0, 7.0, 4.0]))
def test_bad_values_named(case):
    values, position, _ = case
    assert_rejects(lambda: Q.control_limits(values), "values")
    assert_rejects(lambda: Q.rule_of_seven(values, 5), "values")


@settings(max_examples=30, deadline=None)
@given(bad_number())
def test_bad_scalars(value):
    assert_rejects(lambda: Q.control_limits([1, 2, 3], sigma=value), "sigma")
    assert_rejects(lambda: Q.rule_of_seven([1, 2, 3], value), "center")
    assert_rejects(lambda: Q.sigma_level(value), "dpmo")
    assert_rejects(lambda: Q.dpmo(value, 10, 10), "defects")


def test_negative_defects_and_bad_units():
    assert_rejects(lambda: Q.dpmo(-1, 10, 10), "defects")
    assert_rejects(lambda: Q.dpmo(1, 0, 10), "units")
    assert_rejects(lambda: Q.dpmo(1, 10, 0), "opportunities")
    assert_rejects(lambda: Q.dpmo(200, 10, 10), "defects exceed")
    assert_rejects(lambda: Q.pareto({"a": -1, "b": 3}), "negative")


@pytest.mark.parametrize("bad", [0, 1e6, -5, 2e6])
def test_sigma_level_range(bad):
    assert_rejects(lambda: Q.sigma_level(bad), "dpmo")


def test_sigma_argument_positive():
    assert_rejects(lambda: Q.control_limits([1, 2], sigma=0), "sigma")
    assert_rejects(lambda: Q.sigma_coverage(-1), "k")


def test_cost_of_quality_bad():
    assert_rejects(lambda: Q.cost_of_quality({"prevention": 1, "rework": 2}), "rework")
    assert_rejects(lambda: Q.cost_of_quality({"prevention": -1}), "negative")
    assert_rejects(lambda: Q.cost_of_quality(pm.datasets.load("quality_costs").drop(columns="cost")), "cost")
    assert_rejects(lambda: Q.cost_of_quality(pm.datasets.load("quality_costs"), cost=["cost"]), "cost")


def test_capability_bad():
    assert_rejects(lambda: Q.capability([1, 2, 3]), "lsl")
    assert_rejects(lambda: Q.capability([1, 2, 3], lsl=5, usl=4), "lsl")


def test_labels_length():
    assert_rejects(lambda: Q.control_chart([1, 2, 3], labels=["a", "b"]), "labels")
