"""Checked at the door: every public function of pmlib.agile meets bad input with a ValueError
(a pmlib.errors class) that names the argument, the item or the column, never a silent number."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings

import pmlib as pm
from pmlib import agile

from .bad_inputs import (
    BAD_DATES,
    BAD_NUMBERS,
    assert_rejects,
    bad_number,
    relabelled,
    shuffled,
    with_one_bad,
)

HISTORY = [24.0, 27.0, 31.0, 22.0, 29.0]
EVM = {"bac": 1050, "total_points": 518, "planned_sprints": 17, "sprints_done": 13, "points_done": 338,
       "actual_cost": 779}


# ---------------------------------------------------------------------------------------
# histories and scalars
# ---------------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(with_one_bad(HISTORY))
def test_a_bad_velocity_is_named(case):
    values, position, _bad = case
    assert_rejects(lambda: agile.release_forecast(100, values), "velocities")
    assert_rejects(lambda: agile.velocity(values), "points")
    assert_rejects(lambda: agile.points_forecast(values, 3), "velocities")
    assert_rejects(lambda: agile.throughput_forecast(values, items=10), "daily_throughput")


@settings(max_examples=30, deadline=None)
@given(bad_number())
def test_bad_scalars_are_named(bad):
    assert_rejects(lambda: agile.release_forecast(bad, HISTORY), "remaining_points")
    assert_rejects(lambda: agile.throughput_forecast(HISTORY, items=bad), "items")
    assert_rejects(lambda: agile.throughput_forecast(HISTORY, days=bad), "days")
    assert_rejects(lambda: agile.points_forecast(HISTORY, bad), "sprints")
    assert_rejects(lambda: agile.littles_law(wip=bad, throughput=2), "wip")
    assert_rejects(lambda: agile.littles_law(throughput=bad, cycle_time=2), "throughput")
    for name in EVM:
        assert_rejects(lambda name=name: agile.agile_evm(**{**EVM, name: bad}), name)


@pytest.mark.parametrize("bad", BAD_NUMBERS, ids=repr)
def test_bad_iterations_and_seed(bad):
    assert_rejects(lambda: agile.release_forecast(100, HISTORY, n=bad), "n")
    if bad is not None:  # seed=None means "fresh entropy", a documented choice
        assert_rejects(lambda: agile.release_forecast(100, HISTORY, seed=bad), "seed")


def test_negative_points_empty_history_and_too_little_history():
    assert_rejects(lambda: agile.velocity([20, -3, 25]), "points[1]", "negative")
    assert_rejects(lambda: agile.velocity(pd.Series([20, -3], index=["S1", "S2"])), "'S2'")
    assert_rejects(lambda: agile.velocity([]), "empty")
    assert_rejects(lambda: agile.velocity(25), "sequence")
    e = assert_rejects(lambda: agile.release_forecast(100, [20, 25]), "velocities")
    assert "2 sprints of history" in str(e) and "at least 3" in str(e) and "spread" in str(e)
    assert_rejects(lambda: agile.release_forecast(100, [0, 0, 0]), "all 0")
    assert_rejects(lambda: agile.release_forecast(-5, HISTORY), "remaining_points", "negative")
    assert_rejects(lambda: agile.throughput_forecast([0, 0, 0], items=3), "all 0")
    assert_rejects(lambda: agile.throughput_forecast([1, 0, 2]), "exactly one")
    assert_rejects(lambda: agile.throughput_forecast([1, 0, 2], items=3, days=4), "exactly one")
    assert_rejects(lambda: agile.throughput_forecast([1, 0], days=4), "at least 3")
    assert_rejects(lambda: agile.throughput_forecast([1, 0, 2], days=0), "days")


@pytest.mark.parametrize("q", [0, 100, -5, 150, 0.0, "85", None, float("nan"), True])
def test_a_confidence_outside_0_100_is_refused(q):
    f = agile.release_forecast(100, HISTORY, n=200)
    t = agile.throughput_forecast([0, 1, 2], days=5, n=200)
    d = agile.throughput_forecast([0, 1, 2], items=5, n=200)
    fm = agile.flow_metrics([{"key": "A", "started": "2026-03-02", "done": "2026-03-04"}])
    for call in (lambda: f.percentile(q), lambda: t.percentile(q), lambda: d.percentile(q),
                 lambda: fm.cycle_time_percentile(q), lambda: f.finish_date(q, after="2026-10-23")):
        assert_rejects(call, "q")


def test_a_fraction_given_for_a_percent_gets_a_hint():
    f = agile.release_forecast(100, HISTORY, n=200)
    e = assert_rejects(lambda: f.percentile(0.85), "q")
    assert "85 %, not 0.85" in str(e) and "fraction" in str(e)


# ---------------------------------------------------------------------------------------
# AgileEVM and Little's law
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,value,words", [
    ("bac", 0, "> 0"), ("total_points", -1, "> 0"), ("planned_sprints", 0, "> 0"),
    ("planned_sprints", 16.5, "whole number"), ("sprints_done", -1, ">= 0"), ("sprints_done", 2.5, "whole"),
    ("points_done", -3, ">= 0"), ("points_done", 600, "above total_points"), ("actual_cost", -1, ">= 0"),
])
def test_agile_evm_ranges(name, value, words):
    assert_rejects(lambda: agile.agile_evm(**{**EVM, name: value}), name, words)


def test_labelled_inputs_are_paired_by_label_or_refused():
    idx = ["S11", "S12", "S13"]
    done = pd.Series([13.0, 14.0, 15.0], index=idx)
    pts = pd.Series([200.0, 250.0, 300.0], index=idx)
    cost = pd.Series([700.0, 760.0, 820.0], index=idx)
    t = agile.agile_evm(1050, 518, 17, done, pts, cost)
    pd.testing.assert_frame_equal(agile.agile_evm(1050, 518, 17, shuffled(done), shuffled(pts, 3), cost).loc[idx], t)
    e = assert_rejects(lambda: agile.agile_evm(1050, 518, 17, done, relabelled(pts, "S13", "S14"), cost),
                       "labelled differently")
    assert "S14" in str(e)
    dup = pd.Series([1.0, 2.0, 3.0], index=["S1", "S1", "S2"])
    assert_rejects(lambda: agile.agile_evm(1050, 518, 17, dup, dup, dup), "duplicate")
    wip = pd.Series([4.0, 6.0], index=["A", "B"])
    assert_rejects(lambda: agile.littles_law(wip=wip, throughput=relabelled(wip, "B", "C")), "labelled differently")


def test_littles_law_needs_exactly_two():
    assert_rejects(lambda: agile.littles_law(wip=3), "exactly two", "got 1")
    assert_rejects(lambda: agile.littles_law(wip=3, throughput=1, cycle_time=3), "exactly two")
    assert_rejects(lambda: agile.littles_law(wip=3, throughput=0), "throughput", "is 0")
    assert_rejects(lambda: agile.littles_law(wip=-3, throughput=1), "wip", ">= 0")


# ---------------------------------------------------------------------------------------
# work items: dates and columns
# ---------------------------------------------------------------------------------------
ITEMS = [{"key": "WEB-1", "created": "2026-03-01", "started": "2026-03-02", "done": "2026-03-04"},
         {"key": "WEB-2", "created": "2026-03-01", "started": "2026-03-03", "done": None}]


def test_done_before_started_names_the_item():
    bad = [dict(ITEMS[0]), {"key": "WEB-2", "created": "2026-03-01", "started": "2026-03-09", "done": "2026-03-05"}]
    e = assert_rejects(lambda: agile.flow_metrics(bad), "WEB-2")
    assert "2026-03-05" in str(e) and "before it started" in str(e)
    early = [{"key": "WEB-3", "created": "2026-03-10", "started": "2026-03-02", "done": "2026-03-12"}]
    assert_rejects(lambda: agile.flow_metrics(early), "WEB-3", "was created")


def test_unknown_column_lists_those_found():
    e = assert_rejects(lambda: agile.flow_metrics(ITEMS, done="resolved"), "resolved")
    assert "columns found: key, created, started, done" in str(e)
    assert_rejects(lambda: agile.flow_metrics(ITEMS, created="opened"), "opened", "columns found")
    assert_rejects(lambda: agile.flow_metrics(ITEMS, done=["done"]), "done")
    assert_rejects(lambda: agile.sprint_burndown(ITEMS, start="2026-03-02", end="2026-03-06"), "points",
                   "columns found")
    assert_rejects(lambda: agile.release_burnup([{"completed": 3}]), "release_scope", "columns found")


@pytest.mark.parametrize("bad", BAD_DATES, ids=repr)
def test_bad_dates_name_the_item(bad):
    items = [dict(ITEMS[0]), {**ITEMS[1], "started": bad}]
    if bad is None or bad != bad:  # missing: the item is simply not started
        assert agile.flow_metrics(items)["age"].isna().all()
        return
    e = assert_rejects(lambda: agile.flow_metrics(items), "WEB-2")
    assert "started" in str(e)


def test_duplicate_keys_and_empty_tables():
    assert_rejects(lambda: agile.flow_metrics([ITEMS[0], ITEMS[0]]), "WEB-1", "more than once")
    assert_rejects(lambda: agile.flow_metrics([]), "empty")
    assert_rejects(lambda: agile.flow_metrics([{"key": "A", "started": None, "done": None}]), "no dates")
    assert_rejects(lambda: agile.release_burnup(pd.DataFrame({"completed": [], "release_scope": []})), "empty")


def test_burn_tables_refuse_nonsense():
    items = [{"points": 3, "done": "2026-02-27"}]
    assert_rejects(lambda: agile.sprint_burndown(items, start="2026-03-02", end="2026-03-06"), "before the sprint")
    assert_rejects(lambda: agile.sprint_burndown(items, start="2026-03-06", end="2026-03-02"), "before start")
    ok = [{"points": 8, "done": "2026-03-03"}]
    assert_rejects(lambda: agile.sprint_burndown(ok, start="2026-03-02", end="2026-03-06", committed=5), "committed")
    assert_rejects(lambda: agile.sprint_burndown([{"points": -1, "done": None}], start="2026-03-02",
                                                 end="2026-03-06"), "points", "negative")
    assert_rejects(lambda: agile.sprint_burndown(ok, start="2400-01-01", end="2400-01-09"), "start")
    assert_rejects(lambda: agile.release_burnup([{"completed": 30, "release_scope": 20}]), "exceed")
    assert_rejects(lambda: agile.release_burnup([{"completed": float("inf"), "release_scope": 20}]), "infinite")


def test_nothing_the_caller_passed_is_modified():
    items = pd.DataFrame(ITEMS)
    before = items.copy()
    agile.flow_metrics(items)
    pd.testing.assert_frame_equal(items, before)
    hist = pd.Series(HISTORY)
    agile.release_forecast(100, hist, n=100)
    pd.testing.assert_series_equal(hist, pd.Series(HISTORY))
    sprints = pm.datasets.load("sprints").query("release_id == 'WEB-R2'")
    copy = sprints.copy()
    agile.release_burnup(sprints)
    pd.testing.assert_frame_equal(sprints, copy)
