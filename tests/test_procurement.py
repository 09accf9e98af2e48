"""Contracts: PMP-prep and textbook worked examples, identities, the bundled term sheet.

Sources: Oliver Lehmann's free PMP sample questions (PTA of 1,125,000); the PMHut PTA example
(Mamun Shaheed: 30,000 / 10,000 / 70-30 / 50,000); a PMP practice question on FPIF profit
(target cost 200,000, profit 30,000, ceiling 270,000, 70/30, actual 170,000: profit 39,000);
Goodpasture, *Quantitative Methods in Project Management*, ch. 8 (FPI: target cost 85,000,
fee 15,000, ceiling 110,000, 80/20); the US Defense Acquisition University's CPIF drill
(5,000,000 / 350,000 / 162,500-537,500 / 85-15); Schwalbe, *Information Technology Project
Management*, ch. 12 (lease 240 a day vs buy 6,800 + 70 a day: 40 days).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm

P = pm.procurement


def test_pta_published_examples():
    assert P.point_of_total_assumption(1_200_000, 1_100_000, 1_000_000, 0.8) == pytest.approx(1_125_000)
    assert P.point_of_total_assumption(50_000, 40_000, 30_000, 0.7) == pytest.approx(44_285.714, rel=1e-6)
    # the exam slip: dividing by the seller's share instead of the buyer's
    assert P.point_of_total_assumption(1_200_000, 1_100_000, 1_000_000, 0.2) == pytest.approx(1_500_000)


def test_fpif_profit_on_an_underrun():
    r = P.fixed_price_incentive(200_000, 30_000, 270_000, 0.7, 170_000)
    assert r["profit"] == pytest.approx(39_000) and r["price"] == pytest.approx(209_000)
    assert r["capped"] == 0


def test_fpif_goodpasture_cases():
    # payable = (TC - AC) * seller share + AC + TF, capped at the ceiling
    r = P.fixed_price_incentive(85, 15, 110, 0.8, [80, 85, 95, 120])
    assert r["price"].tolist() == pytest.approx([96, 100, 108, 110])
    assert r["profit"].tolist() == pytest.approx([16, 15, 13, -10])
    assert r["capped"].tolist() == [0, 0, 0, 1]
    assert r["pta"].iloc[0] == pytest.approx(97.5)   # (110 - 100) / 0.8 + 85


def test_fpif_price_reaches_the_ceiling_exactly_at_the_pta():
    pta = P.point_of_total_assumption(1920, 1760, 1600, 0.8)
    assert pta == pytest.approx(1800)
    r = P.fixed_price_incentive(1600, 160, 1920, 0.8, [pta - 1, pta, pta + 50])
    assert r["price"].tolist() == pytest.approx([1919.2, 1920, 1920])
    # beyond the PTA the seller carries every extra unit: profit falls one for one
    assert r["profit"].iloc[2] - r["profit"].iloc[1] == pytest.approx(-50)


@settings(max_examples=80, deadline=None)
@given(tc=st.floats(10, 1e6), tp=st.floats(0, 1e5), extra=st.floats(0, 1e5), share=st.floats(0.05, 1),
       ac=st.floats(0, 2e6))
def test_fpif_identities(tc, tp, extra, share, ac):
    r = P.fixed_price_incentive(tc, tp, tc + tp + extra, share, ac)
    assert r["price"] <= tc + tp + extra + 1e-6
    assert r["profit"] == pytest.approx(r["price"] - ac, abs=1e-6)
    if ac <= r["pta"] - 1e-6:
        assert r["capped"] == 0


def test_cpif_dau_drill():
    r = P.cost_plus_incentive(5_000_000, 350_000, 0.85, [5_000_000, 4_000_000, 6_500_000],
                              min_fee=162_500, max_fee=537_500)
    assert r["fee"].tolist() == [350_000, 500_000, 162_500]
    assert r["price"].tolist() == [5_350_000, 4_500_000, 6_662_500]
    # without limits the fee falls to 125,000
    assert float(P.cost_plus_incentive(5_000_000, 350_000, 0.85, 6_500_000)["fee"]) == pytest.approx(125_000)


def test_cpff_fee_is_fixed_on_the_estimate():
    r = P.cost_plus_fixed_fee(100_000, 0.10, [80_000, 120_000])
    assert r["fee"].tolist() == [10_000, 10_000] and r["price"].tolist() == [90_000, 130_000]


def test_other_contracts():
    assert float(P.firm_fixed_price(1950, 1900)["profit"]) == 50
    assert float(P.fixed_price_economic_adjustment(1000, 100, 110, 900)["price"]) == pytest.approx(1100)
    assert float(P.cost_plus_award_fee(48, 128, 0.75, 1600)["fee"]) == pytest.approx(144)
    assert float(P.cost_plus_percentage_of_cost(0.1, 1500)["price"]) == pytest.approx(1650)
    r = P.time_and_materials([100, 1000], 0.12, [5, 40], materials_markup=0.1, not_to_exceed=150)
    assert r["price"].tolist() == pytest.approx([17.5, 150]) and r["capped"].tolist() == [0, 1]


def test_make_or_buy_schwalbe():
    r = P.make_or_buy(6_800, 70, 0, 240, [30, 40, 60])
    assert r["breakeven"].iloc[0] == pytest.approx(40)
    assert r["cheaper"].tolist() == ["buy", "either", "make"]
    assert r["make_cost"].tolist() == [8_900, 9_600, 11_000]
    # a wrong answer seen online: 8,900 / 240 = 37.1 days (it forgets the buyer's running cost)
    assert r["breakeven"].iloc[0] != pytest.approx(8_900 / 240)
    # lines that never cross
    assert P.make_or_buy(100, 10, 50, 5, 12)["breakeven"] == np.inf


def test_contract_types_table_orders_risk():
    t = P.contract_types()
    assert list(t.index) == list(P.CONTRACT_TYPES)
    assert t.loc["FFP", "family"] == "fixed price" and t.loc["CPFF", "family"] == "cost reimbursable"
    assert "point of total assumption" in t.loc["FPIF", "seller_cost_risk"]


def test_compare_the_bundled_term_sheet():
    offers = pm.datasets.load("contract_offers")
    at_estimate = P.compare_contracts(offers, 1600)
    assert (at_estimate["overrun"] == 0).all()
    assert (at_estimate["buyer_carries"] == 0).all()
    assert at_estimate.loc["WH3", "price"] == pytest.approx(1760)  # the target price
    over = P.compare_contracts(offers, 1900)
    # FFP: the seller carries all of the 300 overrun
    assert over.loc["WH1", "seller_carries"] == pytest.approx(300) and over.loc["WH1", "price"] == 1950
    # FPIF: past the PTA (1,800) the price sits at the ceiling
    assert over.loc["WH3", "price"] == pytest.approx(1920) and over.loc["WH3", "profit"] == pytest.approx(20)
    # CPIF: the fee falls to its minimum (48)
    assert over.loc["WH4", "price"] == pytest.approx(1948)
    # CPFF: the buyer carries all of it
    assert over.loc["WH5", "buyer_carries"] == pytest.approx(300)
    # T&M: capped at the not-to-exceed price
    assert over.loc["WH7", "price"] == pytest.approx(2100)
    assert np.allclose(over["buyer_carries"] + over["seller_carries"], over["overrun"])


def test_compare_matches_the_single_functions():
    offers = pm.datasets.load("contract_offers").set_index("id")
    for ac in (1400.0, 1750.0, 2050.0):
        c = P.compare_contracts(offers.reset_index(), ac)
        f = offers.loc["WH3"]
        assert c.loc["WH3", "price"] == pytest.approx(float(P.fixed_price_incentive(
            f.target_cost, f.target_profit, f.ceiling_price, f.buyer_share, ac)["price"]))
        g = offers.loc["WH4"]
        assert c.loc["WH4", "price"] == pytest.approx(float(P.cost_plus_incentive(
            g.target_cost, g.target_profit, g.buyer_share, ac, min_fee=g.min_fee, max_fee=g.max_fee)["price"]))


def test_make_or_buy_bundled():
    mob = pm.datasets.load("make_or_buy").set_index("option")
    r = P.make_or_buy(mob.loc["make", "upfront_cost"], mob.loc["make", "annual_cost"],
                      mob.loc["buy", "upfront_cost"], mob.loc["buy", "annual_cost"], mob.loc["make", "life_years"])
    assert r["breakeven"] == pytest.approx(5) and r["cheaper"] == "make"


def test_series_actual_cost_keeps_labels():
    ac = pd.Series([1500.0, 1900.0], index=["low", "high"])
    r = P.fixed_price_incentive(1600, 160, 1920, 0.8, ac)
    assert list(r.index) == ["low", "high"]


def test_design_contract_keywords():
    """DESIGN.md, contract second part, called with its exact keyword names."""
    assert P.point_of_total_assumption(ceiling_price=1920, target_price=1760, target_cost=1600,
                                       buyer_share=0.8) == pytest.approx(1800)
    r = P.fixed_price_incentive(target_cost=1600, target_profit=160, ceiling_price=1920, buyer_share=0.8,
                                actual_cost=1700)
    assert list(r.index[:3]) == ["profit", "price", "pta"]
    r = P.cost_plus_incentive(target_cost=1600, target_fee=128, buyer_share=0.7, actual_cost=1700, min_fee=48,
                              max_fee=192)
    assert list(r.index) == ["fee", "price"]
    r = P.cost_plus_fixed_fee(estimated_cost=1600, fee_rate=0.07, actual_cost=1700)
    assert list(r.index) == ["fee", "price"]
