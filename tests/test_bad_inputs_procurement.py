"""Contracts check their input at the door: share ratios, ceilings, costs, term sheets."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings

import pmlib as pm

from .bad_inputs import BAD_NUMBERS, assert_rejects, bad_number

P = pm.procurement


@pytest.mark.parametrize("share", [-0.1, 1.2, 0, 80])
def test_share_ratio_outside_unit_interval(share):
    assert_rejects(lambda: P.point_of_total_assumption(1920, 1760, 1600, share), "buyer_share")
    if share != 0:
        assert_rejects(lambda: P.cost_plus_incentive(1600, 128, share, 1700), "buyer_share")


def test_ceiling_below_target_price():
    assert_rejects(lambda: P.point_of_total_assumption(1700, 1760, 1600, 0.8), "ceiling_price")
    assert_rejects(lambda: P.fixed_price_incentive(1600, 160, 1700, 0.8, 1650), "ceiling_price")


def test_target_price_below_target_cost():
    assert_rejects(lambda: P.point_of_total_assumption(1920, 1500, 1600, 0.8), "target_price")


def test_fee_limits_around_target_fee():
    assert_rejects(lambda: P.cost_plus_incentive(1600, 128, 0.7, 1700, min_fee=200), "min_fee")
    assert_rejects(lambda: P.cost_plus_incentive(1600, 128, 0.7, 1700, max_fee=100), "max_fee")


def test_negative_costs():
    assert_rejects(lambda: P.fixed_price_incentive(1600, 160, 1920, 0.8, -5), "actual_cost")
    assert_rejects(lambda: P.cost_plus_fixed_fee(-1, 0.1, 10), "estimated_cost")
    assert_rejects(lambda: P.time_and_materials(-3, 0.1, 1), "hours")
    assert_rejects(lambda: P.make_or_buy(1, 1, 1, 1, -2), "periods")


@settings(max_examples=40, deadline=None)
@given(bad_number())
def test_bad_numbers(value):
    assert_rejects(lambda: P.point_of_total_assumption(value, 1760, 1600, 0.8), "ceiling_price")
    assert_rejects(lambda: P.fixed_price_incentive(1600, 160, 1920, 0.8, value), "actual_cost")
    assert_rejects(lambda: P.cost_plus_fixed_fee(1600, value, 1700), "fee_rate")
    assert_rejects(lambda: P.make_or_buy(value, 1, 1, 2, 3), "make_fixed")


def test_actual_cost_list_with_a_bad_value():
    for bad in BAD_NUMBERS:
        assert_rejects(lambda bad=bad: P.cost_plus_incentive(1600, 128, 0.7, [1700, bad]), "actual_cost")


def test_term_sheet_errors():
    offers = pm.datasets.load("contract_offers")
    bad = offers.copy()
    bad.loc[0, "type"] = "FFPX"
    assert_rejects(lambda: P.compare_contracts(bad, 1700), "FFPX")
    bad = offers.copy()
    bad.loc[2, "ceiling_price"] = None
    assert_rejects(lambda: P.compare_contracts(bad, 1700), "ceiling_price")
    bad = offers.copy()
    bad.loc[1, "id"] = "WH1"
    assert_rejects(lambda: P.compare_contracts(bad, 1700), "duplicate")
    assert_rejects(lambda: P.compare_contracts(offers.drop(columns="type"), 1700), "type")
    assert_rejects(lambda: P.compare_contracts(offers, [1700, 1800]), "actual_cost")
    assert_rejects(lambda: P.compare_contracts(pd.DataFrame(columns=["id", "type", "target_cost"]), 1700), "empty")
    bad = offers.copy().astype({"buyer_share": object})
    bad.loc[2, "buyer_share"] = 1.5
    assert_rejects(lambda: P.compare_contracts(bad, 1700), "buyer_share")


def test_input_not_modified():
    offers = pm.datasets.load("contract_offers")
    before = offers.copy()
    P.compare_contracts(offers, 1900)
    pd.testing.assert_frame_equal(offers, before)
