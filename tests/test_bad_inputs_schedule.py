"""pm.schedule and pm.io.read_schedule checked at the door (issue 17): every bad input class of
tests/bad_inputs.py gets a pmlib error naming the argument, the activity or the link, never a number."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib import errors
from pmlib.schedule import Calendar, cpm, monte_carlo, pert, pert_estimate, topological_order
from tests.bad_inputs import (
    BAD_DATES,
    BAD_NUMBERS,
    assert_rejects,
    bad_number,
    shuffled,
    with_one_bad,
)

IDS = ["A", "B", "C", "D"]
DUR = [3.0, 2.0, 4.0, 1.0]
PRED = ["", "A", "A", "B, C"]
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def table(**over):
    cols = {"id": IDS, "duration": DUR, "predecessors": PRED, "optimistic": [2.0, 1, 3, 1],
            "most_likely": [3.0, 2, 4, 1], "pessimistic": [5.0, 4, 6, 2]}
    cols.update(over)
    return pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in cols.items()})


# ------------------------------------------------------------------------------------------
# numbers in activity tables: NaN, inf, booleans, complex, text, None -> the activity is named
# ------------------------------------------------------------------------------------------
@FAST
@given(with_one_bad(DUR))
def test_cpm_rejects_bad_durations(case):
    values, position, _bad = case
    err = assert_rejects(lambda: cpm(table(duration=values)), "duration")
    assert repr(IDS[position]) in str(err)


@FAST
@given(st.sampled_from(["optimistic", "most_likely", "pessimistic"]), st.integers(0, 3), bad_number())
def test_three_point_columns_reject_bad_numbers(column, position, bad):
    good = table()[column].tolist()
    good[position] = bad
    for fn in (pert, lambda t: monte_carlo(t, n=10)):
        err = assert_rejects(lambda fn=fn: fn(table(**{column: good})), column)
        assert repr(IDS[position]) in str(err)


@FAST
@given(st.floats(min_value=0.01, max_value=100), st.integers(0, 3))
def test_negative_durations_are_named(size, position):
    values = list(DUR)
    values[position] = -size
    err = assert_rejects(lambda: cpm(table(duration=values)), "negative")
    assert repr(IDS[position]) in str(err)


@pytest.mark.parametrize("token, words", [
    ("A+inf", "'A+inf'"), ("A+nan", "'A+nan'"), ("A:XX", "unknown relationship type"),
    ("A,,C", "two commas"), ("Z", "'Z'"), ("A+1e400", "not a finite number"), (True, "boolean"),
])
def test_bad_predecessor_tokens(token, words):
    assert_rejects(lambda: cpm(table(predecessors=["", "A", "A", token])), words)


def test_duplicate_link_of_one_type_is_refused_but_two_types_are_kept():
    assert_rejects(lambda: cpm(table(predecessors=["", "A", "A", "B, B+1"])), "twice with the same type")
    s = cpm(table(predecessors=["", "A", "A", "B:SS+1, B:FF+2, C"]))
    assert s.table.loc["D", "es"] == 7


@FAST
@given(st.permutations(range(4)))
def test_cycles_are_named_in_order(perm):
    ids = [IDS[k] for k in perm]
    preds = [ids[-1]] + ids[:-1]                 # each waits for the previous one, the first for the last
    with pytest.raises(errors.CycleError) as info:
        cpm(pd.DataFrame({"id": ids, "duration": 1.0, "predecessors": preds}))
    cycle = info.value.cycle
    assert cycle[0] == cycle[-1] and set(cycle) == set(IDS) and len(cycle) == 5
    assert " -> ".join(cycle) in str(info.value)


@pytest.mark.parametrize("ids, words", [
    (["A", "A", "C", "D"], "duplicate"), ([None, "B", "C", "D"], "no id"), ([True, "B", "C", "D"], "not usable"),
    ([1.5, "B", "C", "D"], "not usable"),
])
def test_bad_ids(ids, words):
    assert_rejects(lambda: cpm(table(id=ids, predecessors=["", "", "", ""])), words)


def test_bad_duration_column_name_and_missing_columns():
    assert_rejects(lambda: cpm(table(), duration=3), "duration")
    assert_rejects(lambda: cpm(table(), duration="length"), "length")
    assert_rejects(lambda: pert(table().drop(columns="pessimistic")), "pessimistic")
    assert_rejects(lambda: cpm([]), "empty")
    assert_rejects(lambda: cpm("A,B"), "DataFrame")


# ------------------------------------------------------------------------------------------
# three-point estimates
# ------------------------------------------------------------------------------------------
@FAST
@given(st.sampled_from(["o", "m", "p"]), bad_number())
def test_pert_estimate_rejects_bad_numbers(which, bad):
    args = {"o": 1.0, "m": 2.0, "p": 4.0}
    args[which] = bad
    assert_rejects(lambda: pert_estimate(args["o"], args["m"], args["p"]), which)


@FAST
@given(st.floats(0, 10), st.floats(0.01, 10))
def test_pert_estimate_order(o, gap):
    assert_rejects(lambda: pert_estimate(o + gap, o, o + 2 * gap), "optimistic <= most_likely <= pessimistic")


def test_pert_estimate_pairs_series_by_label():
    o = pd.Series([1.0, 2.0, 3.0], index=["x", "y", "z"])
    m = pd.Series([2.0, 3.0, 4.0], index=["x", "y", "z"])
    p = pd.Series([9.0, 4.0, 7.0], index=["x", "y", "z"])
    out = pert_estimate(o, shuffled(m, 1), shuffled(p, 2))
    np.testing.assert_allclose(out.loc[["x", "y", "z"], "expected"], (o + 4 * m + p) / 6)
    assert_rejects(lambda: pert_estimate(o, m.rename(index={"z": "w"}), p), "labelled differently")


# ------------------------------------------------------------------------------------------
# Monte Carlo and result methods
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, words", [
    ({"n": 0}, "n = 0"), ({"n": True}, "n must be"), ({"n": 2.5}, "n must be"), ({"n": float("inf")}, "n must be"),
    ({"seed": -1}, "seed"), ({"seed": "x"}, "seed"), ({"distribution": "normal"}, "distribution"),
    ({"chunk_size": 0}, "chunk_size"),
])
def test_monte_carlo_settings(kwargs, words):
    assert_rejects(lambda: monte_carlo(table(), **{"n": 10, **kwargs}), words)


@FAST
@given(st.sampled_from([float("nan"), True, "80", None, -1, 101, 1 + 2j]))
def test_percentiles_and_deadlines(bad):
    mc = monte_carlo(table(), n=50, seed=1)
    assert_rejects(lambda: mc.percentile(bad), "q")
    p = pert(table())
    if not (isinstance(bad, int | float) and not isinstance(bad, bool) and not math.isnan(bad)):
        assert_rejects(lambda: p.probability(bad), "deadline")
    assert_rejects(lambda: p.deadline(bad), "probability")


def test_monte_carlo_probability_is_at_most():
    mc = monte_carlo(table(), n=2000, seed=3)
    x = float(np.median(mc.durations))
    assert mc.probability(x) == pytest.approx(np.mean(mc.durations <= x))
    assert mc.probability(math.inf) == 1.0


# ------------------------------------------------------------------------------------------
# dates out of range and not dates
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", [b for b in BAD_DATES if b is not None])      # None: no dates, numbers
def test_start_and_status_dates(bad):
    assert_rejects(lambda: cpm(table(), start=bad), "start")
    assert_rejects(lambda: cpm(table(actual_start=["2026-03-02", None, None, None]), start="2026-03-02",
                               status_date=bad), "status_date")


@pytest.mark.parametrize("bad", ["2400-01-01", "1500-06-30", True, 20260101, "not a date"])
def test_constraint_and_progress_dates(bad):
    assert_rejects(lambda: cpm(table(constraint_type=["SNET", None, None, None],
                                     constraint_date=[bad, None, None, None]), start="2026-03-02"), "constraint_date")
    assert_rejects(lambda: cpm(table(actual_start=[bad, None, None, None]), start="2026-03-02",
                               status_date="2026-03-10"), "actual_start")


@pytest.mark.parametrize("days", [float("nan"), float("inf"), True, "3", [1, None], 1e9])
def test_working_day_helpers(days):
    assert_rejects(lambda: pm.schedule.working_days_to_dates(days, "2026-03-02"), "days")


@pytest.mark.parametrize("bad", ["2400-01-01", None, True, 20260101])
def test_working_day_helpers_dates(bad):
    assert_rejects(lambda: pm.schedule.working_days_to_dates(3, bad), "start")
    assert_rejects(lambda: pm.schedule.working_days_between(bad, "2026-03-02"), "start")


@pytest.mark.parametrize("days", [float("nan"), float("inf"), True, None, "2"])
def test_calendar_methods(days):
    cal = Calendar()
    assert_rejects(lambda: cal.add_working_days("2026-03-02", days), "days")
    assert_rejects(lambda: cal.add_working_days("2400-03-02", 1), "start")


# ------------------------------------------------------------------------------------------
# topological order (the program's project network uses it)
# ------------------------------------------------------------------------------------------
def test_topological_order_checks():
    assert topological_order(["b", "a", "c"], ["a", "b"], ["b", "c"]) == ["a", "b", "c"]
    assert_rejects(lambda: topological_order(["a"], ["a"], ["z"]), "unknown")
    assert_rejects(lambda: topological_order(["a", "a"], [], []), "not unique")
    with pytest.raises(errors.CycleError) as info:
        topological_order(["a", "b", "c"], ["a", "b", "c"], ["b", "c", "a"], name="dependencies")
    assert info.value.cycle == ["a", "b", "c", "a"] and "dependencies form a cycle" in str(info.value)
    assert_rejects(lambda: topological_order(["a"], ["a"], ["a"]), "itself")


# ------------------------------------------------------------------------------------------
# files
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", [None, 3, 2.5, ["a.xml"]])
def test_read_schedule_paths(bad):
    assert_rejects(lambda: pm.io.read_schedule(bad), "path")


def test_every_bad_number_class_is_covered():
    # the shared list: NaN, +-inf, booleans, complex, text, None
    kinds = {type(v).__name__ for v in BAD_NUMBERS}
    assert {"float", "bool", "complex", "str", "NoneType"} <= kinds
