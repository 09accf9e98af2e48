"""pmlib.program checked at the door: every class of bad input is refused by name, never a silent number.

Each test names the class of bad input it covers (issue "Checked at the door"); each class has
at least one test that failed before the checks.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmlib import program as P
from pmlib.errors import CycleError, DuplicateIdError

from .bad_inputs import BAD_DATES, BAD_NUMBERS, assert_rejects

PROJECTS = pd.DataFrame({"id": ["A", "B", "C"], "start": ["2026-01-05", "2026-02-09", "2026-01-05"],
                         "finish": ["2026-01-30", "2026-02-20", "2026-02-13"]})
LINKS = pd.DataFrame({"project_id": ["B"], "predecessor_id": ["A"], "type": ["FS"], "lag": [1.0]})
STATUS = pd.DataFrame({"project_id": ["A", "A", "B", "B"], "date": ["2026-01-31", "2026-02-28"] * 2,
                       "pv": [50.0, 100.0, 20.0, 40.0], "ev": [40.0, 90.0, 20.0, None],
                       "ac": [45.0, 100.0, 25.0, None]})
COSTS = pd.DataFrame({"id": ["A", "B"], "cost": [100.0, 40.0]})
DEMAND = pd.DataFrame({"project_id": ["A", "B"], "resource_id": ["R1", "R1"],
                       "week": ["2026-01-05", "2026-01-05"], "fte": [0.6, 0.7]})
REAL = pd.DataFrame({"benefit_id": ["X", "X"], "date": ["2026-03-31", "2026-06-30"], "planned": [10.0, 20.0],
                     "realised": [8.0, None]})


# --- dates: never a number read as nanoseconds, never a wrap-around ----------------------------------
@pytest.mark.parametrize("bad", BAD_DATES)
@pytest.mark.parametrize("column", ["start", "finish"])
def test_project_dates(bad, column):
    p = PROJECTS.astype({column: object})
    p.loc[1, column] = bad
    assert_rejects(lambda: P.schedule(p, LINKS), column, "'B'")


@pytest.mark.parametrize("bad", ["2400-01-01", 20260131, True, "someday"])
def test_status_dates_and_status_date(bad):
    s = STATUS.astype({"date": object})
    s.loc[0, "date"] = bad
    assert_rejects(lambda: P.rollup(s, COSTS), "status", "date")
    assert_rejects(lambda: P.rollup(STATUS, COSTS, status_date=bad), "status_date")


@pytest.mark.parametrize("bad", ["2400-01-01", 20260105, None])
def test_demand_weeks(bad):
    d = DEMAND.astype({"week": object})
    d.loc[1, "week"] = bad
    assert_rejects(lambda: P.resource_load(d, {"R1": 1.0}), "week")


# --- numbers: booleans, text, inf, complex -----------------------------------------------------------------
@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_link_lag(bad):
    if bad is None or (isinstance(bad, float) and bad != bad):
        return  # an empty lag is documented as 0 weeks
    assert_rejects(lambda: P.schedule(PROJECTS, LINKS.astype({"lag": object}).assign(lag=[bad])), "lag")


@pytest.mark.parametrize("bad", [True, "lots", float("inf"), 1j])
@pytest.mark.parametrize("column", ["pv", "ev", "ac"])
def test_status_numbers_are_refused_not_dropped(bad, column):
    s = STATUS.astype({column: object})
    s.loc[0, column] = bad
    assert_rejects(lambda: P.rollup(s, COSTS), column)


@pytest.mark.parametrize("bad", [True, "100", float("inf"), None])
def test_project_budget(bad):
    assert_rejects(lambda: P.rollup(STATUS, COSTS.astype({"cost": object}).assign(cost=[100.0, bad])), "cost")


@settings(max_examples=30, deadline=None)
@given(bad=st.sampled_from([True, False, "0.5", float("inf"), float("nan"), 2j, -0.1]))
def test_demand_fte(bad):
    d = DEMAND.astype({"fte": object})
    d.loc[0, "fte"] = bad
    assert_rejects(lambda: P.resource_load(d, {"R1": 1.0}), "fte")


@pytest.mark.parametrize("bad", [float("inf"), True, "1", -1.0])
def test_capacity(bad):
    assert_rejects(lambda: P.resource_load(DEMAND, {"R1": bad}), "R1")


@pytest.mark.parametrize("bad", [True, "x", float("inf")])
def test_realised_benefit(bad):
    r = REAL.astype({"realised": object})
    r.loc[0, "realised"] = bad
    assert_rejects(lambda: P.benefits_timeline(r), "realised")


@pytest.mark.parametrize("bad", [True, "2", float("inf"), -1.0])
def test_benefit_lag(bad):
    b = pd.DataFrame({"id": ["X"], "project_ids": ["A,B"], "lag": [bad]}, dtype=object)
    assert_rejects(lambda: P.schedule(PROJECTS, LINKS, benefits=b), "lag")


@pytest.mark.parametrize("bad", ["lots", True, float("inf")])
def test_total_float_in_a_schedule_table(bad):
    t = pd.DataFrame({"total_float": [0, bad, 3], "vendor": ["V", "V", "V"]}, index=["A", "B", "C"], dtype=object)
    assert_rejects(lambda: P.risk_concentration(t), "total_float")


# --- settings out of range ------------------------------------------------------------------------------------
@pytest.mark.parametrize("kw, bad", [("threshold", 80), ("threshold", float("nan")), ("tolerance", -0.1),
                                     ("tolerance", float("inf"))])
def test_success_matrix_settings(kw, bad):
    o = pd.DataFrame({"project_id": ["A"], "baseline_finish": ["2026-01-30"], "actual_finish": ["2026-02-06"],
                      "baseline_cost": [100.0], "actual_cost": [110.0]})
    b = pd.DataFrame({"id": ["X"], "project_ids": ["A"]})
    assert_rejects(lambda: P.success_matrix(o, b, REAL, **{kw: bad}), kw)


@pytest.mark.parametrize("kw, bad", [("max_shift", 2.5), ("max_shift", -1), ("allow_delay", "yes"),
                                     ("float_weeks", {"A": float("inf")}), ("float_weeks", {"A": True})])
def test_levelling_settings(kw, bad):
    assert_rejects(lambda: P.level_resources(DEMAND, {"R1": 1.0}, **{kw: bad}), kw.split("_")[0])


@pytest.mark.parametrize("kw, bad", [("min_projects", 0), ("float_weeks", -1), ("float_weeks", float("inf"))])
def test_risk_concentration_settings(kw, bad):
    t = pd.DataFrame({"total_float": [0, 0], "vendor": ["V", "V"]}, index=["A", "B"])
    assert_rejects(lambda: P.risk_concentration(t, **{kw: bad}), kw)


def test_by_must_be_benefit_or_program():
    assert_rejects(lambda: P.benefits_timeline(REAL, by="quarter"), "by")


# --- duplicate rows: never double-counted or silently dropped -----------------------------------------------
def test_repeated_status_rows_are_refused():
    err = assert_rejects(lambda: P.rollup(pd.concat([STATUS, STATUS.iloc[[1]]]), COSTS), "status", "'A'")
    assert isinstance(err, DuplicateIdError)


def test_repeated_demand_rows_are_refused_not_summed():
    assert_rejects(lambda: P.resource_load(pd.concat([DEMAND, DEMAND.iloc[[0]]]), {"R1": 2.0}), "demand", "'A'")


def test_demand_on_two_days_of_one_week_is_refused():
    d = pd.concat([DEMAND, DEMAND.iloc[[0]].assign(week="2026-01-07")])
    assert_rejects(lambda: P.resource_load(d, {"R1": 2.0}), "week")


def test_repeated_benefit_periods_are_refused():
    assert_rejects(lambda: P.benefits_timeline(pd.concat([REAL, REAL.iloc[[0]]])), "realisation", "'X'")


def test_repeated_outcomes_are_refused():
    o = pd.DataFrame({"project_id": ["A", "A"], "baseline_finish": ["2026-01-30"] * 2,
                      "actual_finish": ["2026-02-06"] * 2, "baseline_cost": [100.0] * 2, "actual_cost": [110.0] * 2})
    assert_rejects(lambda: P.success_matrix(o, pd.DataFrame({"id": ["X"], "project_ids": ["A"]}), REAL), "A")


def test_half_reported_status_is_refused():
    s = STATUS.copy()
    s.loc[3, "ev"] = 30.0  # EV without AC
    assert_rejects(lambda: P.rollup(s, COSTS), "only one of ev and ac")


# --- structures: cycles found by the schedule's own cycle detection ---------------------------------------------
def test_cycle_between_projects_names_the_loop():
    links = pd.DataFrame({"project_id": ["B", "C", "A"], "predecessor_id": ["A", "B", "C"]})
    err = assert_rejects(lambda: P.schedule(PROJECTS, links), "cycle")
    assert isinstance(err, CycleError) and set(err.cycle) == {"A", "B", "C"}


def test_unknown_ids_and_reserved_ids():
    assert_rejects(lambda: P.ripple(PROJECTS, LINKS, {"Q": 1}), "Q")
    assert_rejects(lambda: P.schedule(PROJECTS.assign(id=["A", "B", "START"])), "START")
    assert_rejects(lambda: P.load("PG-NOPE"), "PG-NOPE", "PG-HOME")
    assert_rejects(lambda: P.ripple(PROJECTS, LINKS, {"A": 1}, baseline="plan"), "baseline")


def test_inputs_are_not_modified():
    before = [PROJECTS.copy(), STATUS.copy(), DEMAND.copy()]
    P.schedule(PROJECTS, LINKS)
    P.rollup(STATUS, COSTS)
    P.level_resources(DEMAND, {"R1": 1.0})
    for a, b in zip((PROJECTS, STATUS, DEMAND), before, strict=True):
        pd.testing.assert_frame_equal(a, b)
