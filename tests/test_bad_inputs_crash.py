"""Crashing and fast-tracking check their input at the door: a ValueError naming the problem."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

import pmlib as pm

from .bad_inputs import BAD_NUMBERS, assert_rejects, bad_number


def acts() -> pd.DataFrame:
    return pd.DataFrame({"id": ["A", "B", "C"], "duration": [4, 6, 5], "predecessors": ["", "A", "A"],
                         "crash_duration": [2, 4, 5], "cost": [10, 20, 8], "crash_cost": [16, 30, 8]})


def with_cell(column, value, row=1):
    df = acts().astype({column: object})
    df.loc[row, column] = value
    return df


def test_crash_duration_longer_than_normal():
    assert_rejects(lambda: pm.schedule.crash(with_cell("crash_duration", 7)), "crash_duration", "'B'")


def test_crash_cost_below_normal_cost():
    assert_rejects(lambda: pm.schedule.crash(with_cell("crash_cost", 15)), "crash_cost", "'B'")


def test_no_time_to_buy_but_a_price():
    assert_rejects(lambda: pm.schedule.crash(with_cell("crash_cost", 9, row=2)), "crash_cost", "'C'")


def test_missing_columns_listed():
    err = assert_rejects(lambda: pm.schedule.crash(acts().drop(columns="crash_cost")), "crash_cost")
    assert "columns found" in str(err)


def test_one_crash_cell_empty():
    assert_rejects(lambda: pm.schedule.crash(with_cell("crash_cost", np.nan)), "crash_cost", "'B'")


@pytest.mark.parametrize("column", ["crash_duration", "cost", "crash_cost", "duration"])
@pytest.mark.parametrize("value", [v for v in BAD_NUMBERS if v is not None and not (isinstance(v, float) and np.isnan(v))])
def test_bad_numbers_in_the_table(column, value):
    assert_rejects(lambda: pm.schedule.crash(with_cell(column, value)), column)


def test_negative_cost_and_crash_duration():
    assert_rejects(lambda: pm.schedule.crash(with_cell("cost", -1)), "cost")
    assert_rejects(lambda: pm.schedule.crash(with_cell("crash_duration", -1)), "crash_duration")


@settings(max_examples=30, deadline=None)
@given(bad_number())
def test_bad_scalar_arguments(value):
    for name in ("target_duration", "indirect_cost_per_day", "indirect_cost_fixed"):
        if value is None and name == "target_duration":
            continue  # None: no target (documented)
        assert_rejects(lambda name=name: pm.schedule.crash(acts(), **{name: value}), name)


def test_negative_indirect_costs():
    assert_rejects(lambda: pm.schedule.crash(acts(), indirect_cost_per_day=-1), "indirect_cost_per_day")
    assert_rejects(lambda: pm.schedule.crash(acts(), target_duration=-3), "target_duration")


def test_network_errors_come_from_cpm():
    df = acts()
    df.loc[0, "predecessors"] = "C"
    assert_rejects(lambda: pm.schedule.crash(df), "cycle")
    df = acts()
    df.loc[1, "predecessors"] = "Z"
    assert_rejects(lambda: pm.schedule.crash(df), "'Z'")


def test_empty_table():
    assert_rejects(lambda: pm.schedule.crash(pd.DataFrame()), "empty")


def test_fast_track_bad_input():
    a = acts()
    assert_rejects(lambda: pm.schedule.fast_track(a, {("A", "Z"): 1}), "'Z'")
    assert_rejects(lambda: pm.schedule.fast_track(a, {("B", "C"): 1}), "does not follow")
    assert_rejects(lambda: pm.schedule.fast_track(a, {("A", "B"): 5}), "longer than")
    assert_rejects(lambda: pm.schedule.fast_track(a, {("A", "B"): 0}), "overlaps")
    assert_rejects(lambda: pm.schedule.fast_track(a, {("A", "B"): True}), "overlaps")
    assert_rejects(lambda: pm.schedule.fast_track(a, {}), "empty")
    assert_rejects(lambda: pm.schedule.fast_track(a, ["A", "B"]), "overlaps")
    b = a.copy()
    b.loc[1, "predecessors"] = "A:SS+1"
    assert_rejects(lambda: pm.schedule.fast_track(b, {("A", "B"): 1}), "finish-to-start")


def test_greedy_bad_target():
    assert_rejects(lambda: pm.schedule.crash_greedy(acts(), target_duration="7"), "target_duration")
