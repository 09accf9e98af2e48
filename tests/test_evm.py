"""pmlib.evm: published worked examples, edge cases, bad input, identities (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib import evm
from pmlib.errors import InputError, MissingColumnError

# ---------------------------------------------------------------------------------------------
# Published worked examples
# ---------------------------------------------------------------------------------------------


def test_fence_example_mulcahy():
    # R. Mulcahy, PMP Exam Prep (cost management chapter), "the fence": 4 sides, 1,000 and one
    # day each, built one after the other. End of day 3: sides 1 and 2 done (AC 1,000 + 1,200),
    # side 3 half done (AC 600), side 4 not started. Published answers: EV 2,500, PV 3,000,
    # AC 2,800, CV -300, CPI 0.893, SV -500, SPI 0.833, EAC 4,480, ETC 1,680, VAC -480.
    r = evm.metrics(pv=3000, ev=2500, ac=2800, bac=4000)
    assert r.cv == -300 and r.sv == -500
    assert round(r.cpi, 3) == 0.893 and round(r.spi, 3) == 0.833
    assert round(r.eac) == 4480 and round(r.etc) == 1680 and round(r.vac) == -480
    # TCPI = (BAC - EV) / (BAC - AC) = 1,500 / 1,200 (PMBOK Guide 6th ed., Table 7-1)
    assert r.tcpi == pytest.approx(1.25)
    # the other EAC forms (PMBOK 6th ed. 7.4.2.2): atypical AC + BAC - EV; AC + (BAC-EV)/(CPI*SPI)
    assert r.eac_atypical == pytest.approx(4300)
    assert r.eac_cpi_spi == pytest.approx(2800 + 1500 / ((2500 / 2800) * (2500 / 3000)))
    assert r.eac_cpi_spi == pytest.approx(4816.0)
    assert r.percent_complete == pytest.approx(0.625) and r.percent_spent == pytest.approx(0.70)


def test_fence_example_part_two():
    # Same exercise, second status (side 4 75 % done): EV 3,250, PV 3,000, AC 3,200, BAC 4,000;
    # published: CV 50, CPI 1.016, SV 250, SPI 1.083 (reproduced at muv2work.com "The Fence Part 2").
    r = evm.metrics(pv=3000, ev=3250, ac=3200, bac=4000)
    assert r.cv == 50 and r.sv == 250
    assert round(r.cpi, 3) == 1.016 and round(r.spi, 3) == 1.083


def test_bottom_up_eac_and_tcpi_against_eac():
    # PMBOK Guide 6th ed. Table 7-1: EAC = AC + bottom-up ETC; TCPI = (BAC - EV) / (EAC - AC)
    r = evm.metrics(pv=3000, ev=2500, ac=2800, bac=4000, etc_bottom_up=1700)
    assert r.eac_bottom_up == 4500
    assert r.tcpi_eac == pytest.approx(1500 / 1700)
    # without an approved EAC the CPI forecast is used, and TCPI(EAC) equals CPI by algebra
    r2 = evm.metrics(pv=3000, ev=2500, ac=2800, bac=4000)
    assert math.isnan(r2.eac_bottom_up)
    assert r2.tcpi_eac == pytest.approx(r2.cpi)
    r3 = evm.metrics(pv=3000, ev=2500, ac=2800, bac=4000, eac=4600)
    assert r3.tcpi_eac == pytest.approx(1500 / 1800)


def test_eac_with_factor_general_form():
    # PMI Practice Standard for EVM: EAC = AC + (BAC - EV) / PF; PF = 1, CPI, CPI*SPI
    r = evm.metrics(pv=3000, ev=2500, ac=2800, bac=4000)
    assert evm.eac_with_factor(2500, 2800, 4000, 1) == pytest.approx(r.eac_atypical)
    assert evm.eac_with_factor(2500, 2800, 4000, r.cpi) == pytest.approx(r.eac)
    assert evm.eac_with_factor(2500, 2800, 4000, r.cpi * r.spi) == pytest.approx(r.eac_cpi_spi)
    with pytest.raises(InputError, match="factor"):
        evm.eac_with_factor(2500, 2800, 4000, 0)


def test_lipke_concept_example():
    # Lipke, "Schedule is Different" (The Measurable News, 2003) / "Earned Schedule Concept":
    # all PV through May earned plus part of June, status at the end of July:
    # ES = 5 + (EV - PV(May)) / (PV(June) - PV(May)), AT = 7.
    pv = [50, 120, 210, 330, 480, 640, 790, 900, 970, 1000]
    ev = 560.0
    r = evm.earned_schedule(pv=pv, ev=ev, actual_time=7)
    assert r.es == pytest.approx(5 + (560 - 480) / (640 - 480))  # 5.5
    assert r.spi_t == pytest.approx(5.5 / 7)
    assert r.sv_t == pytest.approx(-1.5)
    assert r.planned_duration == 10
    # IEAC(t) = PD / SPI(t) and TSPI = (PD - ES) / (PD - AT) (Lipke & Henderson, Earned Schedule
    # training, 2006)
    assert r.ieac_t == pytest.approx(10 / (5.5 / 7))
    assert r.tspi == pytest.approx((10 - 5.5) / (10 - 7))


def test_late_project_sv_money_returns_to_zero_but_sv_time_does_not():
    # Lipke (2003): at the completion of a late project SV($) = 0 and SPI = 1, while SV(t) equals
    # the delay. P25 was planned for 14 months and finished in 18.
    t = evm.time_phased(pm.datasets.load("completed_status_periods"))
    end = t.iloc[-1]
    assert end.sv == pytest.approx(0) and end.spi == pytest.approx(1)
    assert end.es == pytest.approx(14) and end.sv_t == pytest.approx(-4)
    assert end.planned_duration == 14
    assert end.spi_t == pytest.approx(14 / 18)


# ---------------------------------------------------------------------------------------------
# Earned schedule edges
# ---------------------------------------------------------------------------------------------


def test_ev_exactly_on_a_pv_point():
    pv = [100, 200, 300, 400]
    r = evm.earned_schedule(pv=pv, ev=200, actual_time=3)
    assert r.es == 2.0 and r.sv_t == -1.0


def test_flat_baseline_and_ev_equal_bac():
    # PV stops growing after period 3: planned duration is 3, not the 6 periods of the array
    pv = [100, 250, 400, 400, 400, 400]
    r = evm.earned_schedule(pv=pv, ev=400, actual_time=5)
    assert r.planned_duration == 3 and r.es == 3.0 and r.sv_t == -2.0
    assert r.es <= r.planned_duration
    # a plateau inside the baseline: ES is the earliest time the EV was planned
    pv2 = [100, 200, 200, 200, 300]
    assert evm.earned_schedule(pv=pv2, ev=200, actual_time=4).es == 2.0


def test_ev_zero_and_first_period():
    r = evm.earned_schedule(pv=[100, 200], ev=0, actual_time=1)
    assert r.es == 0 and r.spi_t == 0 and r.sv_t == -1
    assert evm.earned_schedule(pv=[100, 200], ev=50, actual_time=1).es == 0.5
    # a baseline with nothing planned in period 1 still interpolates
    assert evm.earned_schedule(pv=[0, 100, 200], ev=50, actual_time=2).es == 1.5


def test_earned_schedule_array_of_ev():
    pv = [100, 200, 300, 400]
    r = evm.earned_schedule(pv=pv, ev=[50, 150, 400], actual_time=[1, 2, 4])
    assert isinstance(r, pd.DataFrame)
    assert r.es.tolist() == [0.5, 1.5, 4.0]
    assert r.spi_t.tolist() == [0.5, 0.75, 1.0]


# ---------------------------------------------------------------------------------------------
# Division edge cases: documented inf / NaN, never ZeroDivisionError
# ---------------------------------------------------------------------------------------------


def test_ac_zero():
    r = evm.metrics(pv=100, ev=50, ac=0, bac=1000)
    assert math.isinf(r.cpi) and math.isnan(r.eac) and math.isnan(r.etc) and math.isnan(r.vac)
    assert r.eac_atypical == 950
    assert any("AC = 0" in n for n in r.attrs["notes"])
    r0 = evm.metrics(pv=0, ev=0, ac=0, bac=1000)
    assert math.isnan(r0.cpi) and math.isnan(r0.spi)


def test_bac_equals_ac():
    r = evm.metrics(pv=900, ev=800, ac=1000, bac=1000)
    assert math.isinf(r.tcpi)
    done = evm.metrics(pv=1000, ev=1000, ac=1000, bac=1000)
    assert math.isnan(done.tcpi)
    over = evm.metrics(pv=1000, ev=900, ac=1100, bac=1000)
    assert over.tcpi < 0
    assert any("AC > BAC" in n for n in over.attrs["notes"])


def test_ev_zero_with_cost():
    r = evm.metrics(pv=100, ev=0, ac=40, bac=1000)
    assert r.cpi == 0 and math.isinf(r.eac)


def test_arrays_and_series_in_labelled_out():
    s = pd.Series([3000, 3000], index=["A", "B"])
    r = evm.metrics(pv=s, ev=[2500, 3250], ac=[2800, 3200], bac=4000)
    assert isinstance(r, pd.DataFrame) and list(r.index) == ["A", "B"]
    assert list(r.columns) == evm.METRIC_COLUMNS
    assert r.loc["A", "cv"] == -300 and r.loc["B", "cv"] == 50


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(pv=-1, ev=1, ac=1, bac=10), "pv = -1 is out of range: it must be >= 0"),
        (dict(pv=1, ev=-1, ac=1, bac=10), "ev = -1 is out of range"),
        (dict(pv=1, ev=1, ac=-1, bac=10), "ac = -1 is out of range"),
        (dict(pv=1, ev=11, ac=1, bac=10), "ev = 11 is above bac = 10"),
        (dict(pv=1, ev=1, ac=1, bac=0), "bac = 0 is out of range: it must be > 0"),
        (dict(pv=[1, 2], ev=[1, 2, 3], ac=1, bac=10), "same length"),
        (dict(pv=float("nan"), ev=1, ac=1, bac=10), "pv.*NaN"),
        (dict(pv="a", ev=1, ac=1, bac=10), "pv must be numbers"),
        (dict(pv=[1, 2], ev=[1, 12], ac=[1, 2], bac=10), r"ev\[1\] = 12"),
    ],
)
def test_metrics_bad_input(kwargs, match):
    with pytest.raises(InputError, match=match):
        evm.metrics(**kwargs)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(pv=[], ev=1, actual_time=1), "pv is empty"),
        (dict(pv=[100, 90, 200], ev=50, actual_time=1), "falls at period 2"),
        (dict(pv=[100, 200], ev=250, actual_time=1), "above bac = 200"),
        (dict(pv=[100, 200], ev=-5, actual_time=1), "ev = -5 is out of range"),
        (dict(pv=[100, 200], ev=50, actual_time=0), "actual_time"),
        (dict(pv=[100, 200], ev=[50, 60], actual_time=[1, 2, 3]), "same length"),
        (dict(pv=[0, 0], ev=0, actual_time=1), "never rises"),
    ],
)
def test_earned_schedule_bad_input(kwargs, match):
    with pytest.raises(InputError, match=match):
        evm.earned_schedule(**kwargs)


def _status():
    return pd.DataFrame({
        "project": ["A"] * 4 + ["B"] * 3,
        "period": [1, 2, 3, 4, 1, 2, 3],
        "pv": [100, 250, 400, 500, 50, 100, 150],
        "ev": [90, 200, 330, np.nan, 60, 100, np.nan],
        "ac": [100, 230, 380, np.nan, 55, 105, np.nan],
    })


@pytest.mark.parametrize(
    "change, match, exc",
    [
        (lambda d: d.drop(columns="ac"), "missing column.*ac.*columns found", MissingColumnError),
        (lambda d: d.assign(ev=d.ev.where(d.index != 2, 150)), "column 'ev' falls at project 'A', period 3", InputError),
        (lambda d: d.assign(pv=d.pv.where(d.index != 1, 50)), "column 'pv' falls", InputError),
        (lambda d: d.assign(ac=d.ac.where(d.index != 0, -1)), r"'ac' \(row 0\) = -1 is out of range", InputError),
        (lambda d: d.assign(ev=d.ev.where(d.index != 5, 160)), "above BAC", InputError),
        (lambda d: d.assign(period=[1, 2, 4, 5, 1, 2, 3]), "project 'A': periods must be 1, 2, 3", InputError),
        (lambda d: d.assign(ac=d.ac.where(d.index != 1)), "both be reported", InputError),
        (lambda d: d.assign(bac=600.0), "bac 600 but its pv baseline ends at 500", InputError),
        (lambda d: d.iloc[0:0], "empty", InputError),
        (lambda d: d.assign(pv=d.pv.astype(object).where(d.index != 3, "x")), "not a number", InputError),
    ],
)
def test_time_phased_bad_input(change, match, exc):
    with pytest.raises(exc, match=match):
        evm.time_phased(change(_status()))


def test_time_phased_gap_in_reporting():
    d = _status()
    d.loc[1, ["ev", "ac"]] = np.nan
    with pytest.raises(InputError, match="gap"):
        evm.time_phased(d)


def test_health_bands_validation():
    with pytest.raises(InputError, match="amber"):
        evm.HealthBands(green=0.8, amber=0.9)
    with pytest.raises(InputError, match="green"):
        evm.HealthBands(green=-1)


# ---------------------------------------------------------------------------------------------
# time_phased, latest_status, health, verdict
# ---------------------------------------------------------------------------------------------


def test_time_phased_matches_scalar_functions_and_keeps_order():
    d = _status().sample(frac=1, random_state=3)  # shuffled rows: output keeps this order
    before = d.copy()
    t = evm.time_phased(d)
    pd.testing.assert_frame_equal(d, before)  # the caller's data is not modified
    assert list(t.index) == list(d.index)
    for _, row in t[t.reported].iterrows():
        base = _status()
        pv = base.loc[base.project == row.project, "pv"].to_numpy()
        m = evm.metrics(pv=row.pv, ev=row.ev, ac=row.ac, bac=pv[-1])
        e = evm.earned_schedule(pv=pv, ev=row.ev, actual_time=row.period)
        for k in ("cv", "sv", "cpi", "spi", "eac", "tcpi", "eac_cpi_spi"):
            assert row[k] == pytest.approx(m[k])
        for k in evm.SCHEDULE_COLUMNS:
            assert row[k] == pytest.approx(e[k])
    unreported = t[~t.reported]
    assert unreported.cpi.isna().all() and (unreported.health == "n/a").all()


def test_time_phased_single_project_without_period_and_project_id_column():
    t = evm.time_phased({"pv": [100, 250, 400], "ev": [90, 200, None], "ac": [100, 230, None]})
    assert t.period.tolist() == [1, 2, 3]
    d = _status().rename(columns={"project": "project_id"})
    t2 = evm.time_phased(d)
    assert t2.loc[2, "cpi"] == pytest.approx(330 / 380)
    d3 = _status().rename(columns={"project": "code"})
    assert evm.time_phased(d3, project="code").loc[5, "es"] == pytest.approx(2.0)


def test_status_periods_tell_the_agreed_story():
    s = evm.latest_status(pm.datasets.load("status_periods"))
    assert set(s.index) == {"P01", "P02", "P03", "P04", "P05", "P06", "P12", "P17", "P19", "P20"}
    for poor in ("P17", "P19", "P20"):
        assert min(s.loc[poor, "cpi"], s.loc[poor, "spi"]) < 0.85
        assert s.loc[poor, "health"] == "red"
    assert s.loc["P05", "spi"] == pytest.approx(0.8, abs=0.03)
    for ok in ("P06", "P12"):
        assert s.loc[ok, "cpi"] > 0.95 and s.loc[ok, "spi"] > 0.95
    home = s.loc[["P01", "P02", "P03", "P04", "P05"]]
    summed_cpi = home.ev.sum() / home.ac.sum()
    summed_spi = home.ev.sum() / home.pv.sum()
    assert abs(summed_cpi - home.cpi.mean()) > 0.02 and abs(summed_spi - home.spi.mean()) > 0.05
    # BAC is projects.cost and the status date is 2026-10-31
    projects = pm.datasets.load("projects").set_index("id")
    assert (s.bac == projects.loc[s.index, "cost"]).all()
    assert (s.date == pm.datasets.STATUS_DATE).all()


def test_health_and_adjustable_bands():
    assert evm.health(0.96, 0.97) == "green"
    assert evm.health(0.93, 0.99) == "amber"
    assert evm.health(0.89, 0.99) == "red"
    assert evm.health(float("nan"), 1.0) == "n/a"
    strict = evm.HealthBands(green=1.0, amber=0.97)
    assert evm.health(0.98, 1.0, bands=strict) == "amber"
    out = evm.health(pd.Series([1.0, 0.8], index=["a", "b"]), np.array([1.0, 1.0]))
    assert out.to_dict() == {"a": "green", "b": "red"}
    t = evm.time_phased(_status(), bands=evm.HealthBands(green=0.5, amber=0.4))
    assert set(t.loc[t.reported, "health"]) == {"green"}


def test_verdict_reads_the_numbers():
    s = evm.latest_status(pm.datasets.load("status_periods"))
    text = s.loc["P17", "verdict"]
    assert text.startswith("RED") and "over budget" in text and "behind schedule" in text and "TCPI" in text
    assert s.loc["P04", "verdict"].startswith("GREEN")
    assert "no cost booked" in evm.verdict({"cpi": float("nan"), "spi": 1.0})


# ---------------------------------------------------------------------------------------------
# Identities (hypothesis)
# ---------------------------------------------------------------------------------------------

money = st.floats(min_value=1.0, max_value=1e6, allow_nan=False, allow_infinity=False)
frac = st.floats(min_value=0.0, max_value=1.0)


@settings(max_examples=80, deadline=None)
@given(bac=money, f_ev=frac, f_pv=st.floats(0.01, 1.0), f_ac=st.floats(0.01, 2.0))
def test_metric_identities(bac, f_ev, f_pv, f_ac):
    ev, pv, ac = bac * f_ev, bac * f_pv, bac * f_ac
    r = evm.metrics(pv=pv, ev=ev, ac=ac, bac=bac)
    assert r.cv == pytest.approx(ev - ac, abs=1e-9 * bac)
    assert r.sv == pytest.approx(ev - pv, abs=1e-9 * bac)
    assert r.eac == pytest.approx(ac + r.etc, rel=1e-9)
    assert r.vac == pytest.approx(bac - r.eac, rel=1e-9, abs=1e-6)
    assert r.eac_atypical == pytest.approx(ac + bac - ev, rel=1e-9)
    if ev > 1e-6 * bac:
        assert r.eac == pytest.approx(bac / r.cpi, rel=1e-9)
        assert r.cpi == pytest.approx(ev / ac, rel=1e-12)
    assert r.percent_complete == pytest.approx(ev / bac)


@st.composite
def baselines(draw):
    n = draw(st.integers(1, 24))
    inc = draw(st.lists(st.floats(0.0, 500.0), min_size=n, max_size=n))
    inc[-1] += 1.0  # a positive budget
    return np.cumsum(inc)


@settings(max_examples=80, deadline=None)
@given(pv=baselines(), f=frac, at=st.floats(0.5, 40))
def test_es_identities(pv, f, at):
    bac = pv[-1]
    ev = f * bac
    r = evm.earned_schedule(pv=pv, ev=ev, actual_time=at)
    # ES never exceeds the planned duration when EV <= BAC
    assert 0 <= r.es <= r.planned_duration + 1e-12
    # ES is where the piecewise-linear baseline reaches EV
    grid = np.r_[0.0, pv]
    assert np.interp(r.es, np.arange(len(grid)), grid) == pytest.approx(ev, rel=1e-9, abs=1e-9)
    assert r.sv_t == pytest.approx(r.es - at)
    assert r.spi_t == pytest.approx(r.es / at)


@st.composite
def increasing_baselines(draw):
    n = draw(st.integers(1, 24))
    inc = draw(st.lists(st.floats(1.0, 500.0), min_size=n, max_size=n))
    return np.cumsum(inc)


@settings(max_examples=60, deadline=None)
@given(pv=increasing_baselines(), data=st.data())
def test_spi_t_is_one_when_ev_follows_the_plan(pv, data):
    k = data.draw(st.integers(1, len(pv)))
    r = evm.earned_schedule(pv=pv, ev=pv[k - 1], actual_time=k)
    assert r.es == pytest.approx(k) and r.spi_t == pytest.approx(1.0) and r.sv_t == pytest.approx(0, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(pv=baselines(), fs=st.lists(frac, min_size=2, max_size=6))
def test_es_is_monotone_in_ev(pv, fs):
    evs = np.sort(np.array(fs)) * pv[-1]
    r = evm.earned_schedule(pv=pv, ev=evs, actual_time=np.arange(1, len(evs) + 1))
    assert (np.diff(r.es.to_numpy()) >= -1e-12).all()


def test_agrees_with_an_independent_library_on_the_bundled_status():
    # pmcontrols (benchmark-only dependency) implements the same PMI / Lipke formulas per status row.
    pmcontrols = pytest.importorskip("pmcontrols")
    status = pm.datasets.load("status_periods")
    t = evm.time_phased(status)
    for pid, g in t.groupby("project_id"):
        pmb = pmcontrols.plan(np.r_[0.0, g.period.to_numpy(float)], np.r_[0.0, g.pv.to_numpy()])
        for row in g[g.reported].itertuples():
            theirs = pmcontrols.evm(pmb, ev=row.ev, ac=row.ac, at=row.period).stats
            assert row.cpi == pytest.approx(theirs["cpi"]) and row.spi == pytest.approx(theirs["spi"]), pid
            assert row.eac == pytest.approx(theirs["eac_cpi"]) and row.eac_cpi_spi == pytest.approx(theirs["eac_cpi_spi"])
            assert row.es == pytest.approx(theirs["es"]) and row.ieac_t == pytest.approx(theirs["ieac_t"])
