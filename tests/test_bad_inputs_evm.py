"""pmlib.evm checked at the door: bad numbers named, labelled inputs aligned, duplicates refused."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib import evm

from .bad_inputs import BAD_NUMBERS, assert_rejects, bad_number, relabelled, shuffled, with_one_bad

SETTINGS = settings(max_examples=25, deadline=None)
GOOD = {"pv": 3000.0, "ev": 2500.0, "ac": 2800.0, "bac": 4000.0}


@pytest.mark.parametrize("field", list(GOOD))
@SETTINGS
@given(value=bad_number())
def test_metrics_names_a_bad_number(field, value):
    assert_rejects(lambda: evm.metrics(**{**GOOD, field: value}), field)


@pytest.mark.parametrize("field", ["ev", "ac", "bac", "factor"])
@SETTINGS
@given(value=bad_number())
def test_eac_with_factor_names_a_bad_number(field, value):
    kw = {"ev": 2500.0, "ac": 2800.0, "bac": 4000.0, "factor": 0.9, field: value}
    assert_rejects(lambda: evm.eac_with_factor(**kw), field)


@SETTINGS
@given(case=with_one_bad([100.0, 200.0, 300.0, 400.0]))
def test_a_bad_baseline_value_is_named(case):
    values, position, _ = case
    assert_rejects(lambda: evm.earned_schedule(pv=values, ev=150, actual_time=3), f"pv[{position}]")


@pytest.mark.parametrize("field", ["ev", "actual_time"])
@SETTINGS
@given(value=st.sampled_from([v for v in BAD_NUMBERS if not isinstance(v, str | type(None))]))
def test_earned_schedule_names_a_bad_number(field, value):
    kw = {"ev": 150.0, "actual_time": 3.0, field: value}
    assert_rejects(lambda: evm.earned_schedule(pv=[100, 200, 300], **kw), field)


@pytest.mark.parametrize("value", [True, float("inf"), 1 + 2j, "12"])
@pytest.mark.parametrize("column", ["pv", "ev", "ac", "period"])
def test_time_phased_names_a_bad_cell(column, value):
    df = pd.DataFrame({"period": [1, 2, 3], "pv": [100.0, 250.0, 400.0], "ev": [90.0, 200.0, np.nan],
                       "ac": [100.0, 230.0, np.nan]}).astype(object)
    df.loc[0, column] = value  # first row: a value read as a number (True as 1) breaks no other rule
    assert_rejects(lambda: evm.time_phased(df), f"column {column!r}[0] is {value!r}"
                   if not isinstance(value, float) else f"column {column!r}[0] is infinite")


# ---------------------------------------------------------------------------------------------
# labelled inputs: paired by label, never by position
# ---------------------------------------------------------------------------------------------
def _latest():
    return evm.latest_status(pm.datasets.load("status_periods"))


@pytest.mark.parametrize("seed", range(3))
def test_metrics_pairs_series_by_label(seed):
    s = _latest()
    expected = evm.metrics(pv=s["pv"], ev=s["ev"], ac=s["ac"], bac=s["bac"])
    got = evm.metrics(pv=s["pv"], ev=shuffled(s["ev"], seed), ac=shuffled(s["ac"], seed + 1), bac=s["bac"])
    pd.testing.assert_frame_equal(got, expected)
    eac = evm.eac_with_factor(ev=s["ev"], ac=shuffled(s["ac"], seed), bac=s["bac"], factor=shuffled(s["cpi"], seed))
    np.testing.assert_allclose(eac, expected["eac"])
    pd.testing.assert_series_equal(evm.health(s["cpi"], shuffled(s["spi_t"], seed)), s["health"].rename("health"),
                                   check_names=False)


def test_earned_schedule_pairs_ev_and_time_by_label():
    pv = [100.0, 200.0, 300.0, 400.0]
    ev = pd.Series([150.0, 250.0], index=["m2", "m3"])
    at = pd.Series([3.0, 2.0], index=["m3", "m2"])
    r = evm.earned_schedule(pv=pv, ev=ev, actual_time=at)
    assert r.loc["m2", "sv_t"] == pytest.approx(1.5 - 2) and r.loc["m3", "sv_t"] == pytest.approx(2.5 - 3)


def test_other_or_duplicate_labels_are_refused():
    s = _latest()
    assert_rejects(lambda: evm.metrics(pv=s["pv"], ev=relabelled(s["ev"], "P17", "P99"), ac=s["ac"], bac=s["bac"]),
                   "P99")
    doubled = pd.concat([s["ac"], s["ac"].iloc[:1]])
    assert_rejects(lambda: evm.metrics(pv=s["pv"], ev=s["ev"], ac=doubled, bac=s["bac"]), "duplicate")
    assert_rejects(lambda: evm.health(s["cpi"], relabelled(s["spi_t"], "P01", "X")), "X")


def test_a_repeated_status_row_is_refused_not_double_counted():
    status = pm.datasets.load("status_periods")
    doubled = pd.concat([status, status.iloc[[5]]], ignore_index=True)
    assert_rejects(lambda: evm.time_phased(doubled), "periods must be 1, 2, 3")


# ---------------------------------------------------------------------------------------------
# settings and measurement rules
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kw", [{"green": float("nan")}, {"amber": float("inf")}, {"green": True},
                                {"tcpi_margin": -0.1}, {"green": 0.8, "amber": 0.9}])
def test_contradictory_health_bands_are_refused(kw):
    assert_rejects(lambda: evm.HealthBands(**kw))


def test_bands_must_be_health_bands():
    assert_rejects(lambda: evm.health(0.9, 0.9, bands={"green": 0.9}), "HealthBands")


@SETTINGS
@given(value=bad_number())
def test_measurement_rules_name_a_bad_budget_or_progress(value):
    row = {"id": "W1", "bac": 100.0, "rule": "percent_complete", "started": True, "finished": False, "progress": 0.5}
    assert_rejects(lambda: evm.earned_value_by_rule([{**row, "bac": value}]), "bac")
    if value is not None and not (isinstance(value, float) and np.isnan(value)):
        assert_rejects(lambda: evm.earned_value_by_rule([{**row, "progress": value}]), "progress")
