"""pmlib.finance checked at the door: every class of bad input is refused by name, or aligned by label.

Classes (issue "Checked at the door"): NaN, +-inf, booleans, complex numbers, text and None taken
as numbers; labelled inputs in another order (aligned) or with other labels (refused); dates out
of pandas' range; cash-flow years with gaps; contradictory settings.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm

from .bad_inputs import BAD_DATES, assert_rejects, bad_number, relabelled, shuffled, with_one_bad

f = pm.finance
FLOWS = [-1_000.0, 300.0, 400.0, 500.0, 200.0]
DATES = ["2026-01-01", "2026-07-01", "2027-01-01", "2027-07-01", "2028-01-01"]
SETTINGS = settings(max_examples=25, deadline=None)

# every public function taking one sequence of cash flows (and the argument naming it)
ONE_SERIES = {
    "npv": lambda cf: f.npv(0.08, cf),
    "irr": lambda cf: f.irr(cf),
    "irr_all": lambda cf: f.irr_all(cf),
    "mirr": lambda cf: f.mirr(cf, 0.1, 0.1),
    "payback_period": lambda cf: f.payback_period(cf),
    "discounted_payback_period": lambda cf: f.discounted_payback_period(0.08, cf),
    "profitability_index": lambda cf: f.profitability_index(0.08, cf),
    "appraise": lambda cf: f.appraise(0.08, cf),
    "xnpv": lambda cf: f.xnpv(0.08, cf, DATES),
    "xirr": lambda cf: f.xirr(cf, DATES),
}


@pytest.mark.parametrize("name", list(ONE_SERIES))
@SETTINGS
@given(case=with_one_bad(FLOWS))
def test_a_bad_cash_flow_is_named(name, case):
    values, position, _ = case
    assert_rejects(lambda: ONE_SERIES[name](values), f"cashflows[{position}]")


@pytest.mark.parametrize("call, argument", [
    (lambda v: f.npv(v, FLOWS), "rate"),
    (lambda v: f.xnpv(v, FLOWS, DATES), "rate"),
    (lambda v: f.irr(FLOWS, guess=v), "guess"),
    (lambda v: f.mirr(FLOWS, v, 0.1), "finance_rate"),
    (lambda v: f.mirr(FLOWS, 0.1, v), "reinvest_rate"),
    (lambda v: f.discounted_payback_period(v, FLOWS), "rate"),
    (lambda v: f.benefit_cost_ratio(v, [0, 500, 700], [900, 0, 0]), "rate"),
    (lambda v: f.appraise(v, FLOWS), "rate"),
    (lambda v: f.present_value(v, 0.1, 2), "value"),
    (lambda v: f.future_value(100, v, 2), "rate"),
    (lambda v: f.annuity_present_value(100, 0.1, v), "periods"),
    (lambda v: f.discount_factors(v, 3), "rate"),
    (lambda v: f.roi(v, 100), "benefit"),
    (lambda v: f.roi(120, v), "cost"),
    (lambda v: f.annualised_roi(150, 100, v), "years"),
    (lambda v: f.depreciation(v, 10, 5), "cost"),
    (lambda v: f.depreciation(100, v, 5), "salvage"),
    (lambda v: f.opportunity_cost({"A": v, "B": 1.0}, "B"), "values"),
    (lambda v: f.scenario_npv(0.08, [100, 0], [0, 150], cost_scale=v), "cost_scale"),
    (lambda v: f.adjust_cashflows([100, 0], [0, 150], benefit_scale=v), "benefit_scale"),
    (lambda v: f.monte_carlo_npv([100, 0], [0, 150], rate=v, n=10), "rate"),
    (lambda v: f.monte_carlo_npv([100, 0], [0, 150], ranges={"cost_scale": (0.9, v, 1.2)}, n=10), "ranges"),
    (lambda v: f.sensitivity(lambda a: a, {"a": 1.0}, change=v), "change"),
])
@SETTINGS
@given(value=bad_number())
def test_a_bad_scalar_is_named(call, argument, value):
    assert_rejects(lambda: call(value), argument)


@SETTINGS
@given(date=st.sampled_from(BAD_DATES), position=st.integers(0, 4))
def test_bad_dates_are_refused_not_wrapped(date, position):
    dates = list(DATES)
    dates[position] = date
    assert_rejects(lambda: f.xnpv(0.08, FLOWS, dates), f"dates[{position}]")
    assert_rejects(lambda: f.xirr(FLOWS, dates), f"dates[{position}]")


# ---------------------------------------------------------------------------------------
# labelled inputs: paired by label, never by position
# ---------------------------------------------------------------------------------------
BENEFIT = pd.Series([150.0, 300.0, 80.0], index=["P01", "P02", "P03"])
COST = pd.Series([100.0, 200.0, 100.0], index=["P01", "P02", "P03"])


@pytest.mark.parametrize("seed", range(3))
def test_two_series_in_another_order_are_aligned(seed):
    expected = (BENEFIT - COST) / COST
    pd.testing.assert_series_equal(f.roi(BENEFIT, shuffled(COST, seed)), expected.rename("roi"))
    got = f.annualised_roi(shuffled(BENEFIT, seed), COST, pd.Series(2.0, index=COST.index))
    np.testing.assert_allclose(got.reindex(COST.index), np.sqrt(BENEFIT / COST) - 1)
    years = pd.Series([1.0, 2.0, 3.0], index=COST.index)
    got = f.present_value(BENEFIT, 0.1, shuffled(years, seed))
    np.testing.assert_allclose(got.reindex(BENEFIT.index), BENEFIT / 1.1 ** years)


def test_two_series_with_other_labels_are_refused():
    assert_rejects(lambda: f.roi(BENEFIT, relabelled(COST, "P03", "P99")), "P99")
    assert_rejects(lambda: f.future_value(BENEFIT, relabelled(COST * 0, "P01", "X"), 1), "X")


def test_benefits_and_costs_in_another_row_order_are_aligned():
    cf = pm.datasets.load("cashflows")
    benefits = f.net_cashflows(cf, value="benefit")
    costs = f.net_cashflows(cf, value="cost")
    expected = f.appraise(0.08, benefits=benefits, costs=costs)
    turned = costs.iloc[::-1]
    pd.testing.assert_frame_equal(f.appraise(0.08, benefits=benefits, costs=turned), expected)
    pd.testing.assert_series_equal(f.benefit_cost_ratio(0.08, benefits, turned),
                                   f.benefit_cost_ratio(0.08, benefits, costs))
    # one project's yearly rows; the second Series listed latest year first (the first gives the year order)
    p = cf[cf["project_id"] == "P10"]
    b, c = p["benefit"], p["cost"]
    assert f.benefit_cost_ratio(0.08, b, c.iloc[::-1]) == pytest.approx(f.benefit_cost_ratio(0.08, b, c))
    assert f.appraise(0.08, benefits=b, costs=c.iloc[::-1])["npv"] == pytest.approx(f.npv(0.08, b - c))
    model = functools.partial(f.scenario_npv, 0.08)
    assert model(c, b.iloc[::-1]) == pytest.approx(f.npv(0.08, b - c))
    assert f.monte_carlo_npv(c, b.iloc[::-1], n=5).base_npv == pytest.approx(f.npv(0.08, b - c))
    assert_rejects(lambda: f.benefit_cost_ratio(0.08, b, c.set_axis(range(len(c)))), "labelled differently")


def test_a_series_of_rates_is_matched_to_the_projects_by_label():
    wide = f.net_cashflows().loc[["P07", "P10", "P15"]]
    r = pd.Series([0.08, 0.10, 0.12], index=wide.index)
    expected = pd.Series([f.npv(x, wide.loc[i]) for i, x in r.items()], index=wide.index, name="npv")
    pd.testing.assert_series_equal(f.npv(r.iloc[::-1], wide), expected)
    assert_rejects(lambda: f.npv(relabelled(r, "P07", "P99"), wide), "P99")


def test_crossover_of_two_series_pairs_them_by_label():
    a = pd.Series([-10_000.0, 20_000.0], index=["y0", "y1"])
    b = pd.Series([-20_000.0, 35_000.0], index=["y0", "y1"])
    assert f.crossover_rate(a, b.iloc[::-1]) == pytest.approx(0.5)


# ---------------------------------------------------------------------------------------
# years with gaps: discounted by their real year, or refused
# ---------------------------------------------------------------------------------------
def test_a_long_table_with_a_missing_year_keeps_the_real_years():
    long = pd.DataFrame({"project_id": ["A"] * 3, "year": [0, 1, 3],
                         "cost": [100.0, 0.0, 0.0], "benefit": [0.0, 60.0, 60.0]})
    wide = f.net_cashflows(long)
    assert list(wide.columns) == [0, 1, 2, 3] and wide.loc["A"].tolist() == [-100, 60, 0, 60]
    assert f.npv(0.1, wide).loc["A"] == pytest.approx(-100 + 60 / 1.1 + 60 / 1.1 ** 3)


def test_a_wide_table_that_skips_a_year_is_refused():
    wide = pd.DataFrame({0: [-100.0], 1: [60.0], 3: [60.0]}, index=["A"])
    for call in (lambda: f.npv(0.1, wide), lambda: f.irr(wide), lambda: f.payback_period(wide),
                 lambda: f.appraise(0.1, wide)):
        assert_rejects(call, "year columns 1 then 3")


@pytest.mark.parametrize("bad, words", [
    (float("inf"), "infinite"), (True, "True"), ("12", "'12'"), (-1, "out of range"), (1.5, "whole"),
])
def test_net_cashflows_checks_years_and_money(bad, words):
    long = pd.DataFrame({"project_id": ["A", "A"], "year": [0, 1], "cost": [100.0, 0.0],
                         "benefit": [0.0, 150.0]}, dtype=object)
    col = "cost" if bad in (float("inf"), True, "12") else "year"
    long.loc[1, col] = bad
    assert_rejects(lambda: f.net_cashflows(long), words)


# ---------------------------------------------------------------------------------------
# contradictory or meaningless settings
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("call, words", [
    (lambda: f.monte_carlo_npv([100, 0], [0, 150], n=0), "n = 0"),
    (lambda: f.monte_carlo_npv([100, 0], [0, 150], n=2.5), "n must be"),
    (lambda: f.monte_carlo_npv([100, 0], [0, 150], seed=-1), "seed"),
    (lambda: f.monte_carlo_npv([100, 0], [0, 150], ranges={"delay": (-1, 0, 1)}), "delay"),
    (lambda: f.adjust_cashflows([100, 0], [0, 150], delay=1.5), "delay"),
    (lambda: f.adjust_cashflows([100, 0], [0, 150], ramp_up=True), "ramp_up"),
    (lambda: f.npv(0.1, FLOWS, start=-1), "start"),
    (lambda: f.npv(0.1, FLOWS, start=True), "start"),
    (lambda: f.discount_factors(0.1, 0), "periods"),
    (lambda: f.irr(FLOWS, errors="ignore"), "errors"),
    (lambda: f.sensitivity(lambda a: a, {"a": 1.0}, change=-0.1), "change"),
    (lambda: f.roi(100, 0), "cost"),
    (lambda: f.roi(100, -50), "cost"),
    (lambda: f.net_cashflows(value="profit"), "value"),
])
def test_meaningless_settings_are_refused(call, words):
    assert_rejects(call, words)


def test_inputs_are_not_modified():
    wide = f.net_cashflows().loc[["P07", "P10"]]
    before = wide.copy()
    f.appraise(0.08, wide)
    f.irr(wide)
    pd.testing.assert_frame_equal(wide, before)
    assert math.isfinite(f.npv(0.08, wide).sum())
