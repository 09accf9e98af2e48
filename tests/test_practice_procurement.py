"""Contract practice topics: published worked examples through the generators, and cross-checks.

Sources (the same as tests/test_procurement.py): Oliver Lehmann's free PMP sample question
(PTA 1,125,000); the PMHut PTA example (ceiling 50,000, target price 40,000, target cost 30,000,
70/30: 44,285.71); a PMP practice question on FPIF profit (200,000 / 30,000 / 270,000 / 70/30,
actual 170,000: profit 39,000); Goodpasture, *Quantitative Methods in Project Management*, ch. 8
(FPIF 85 / 15 / 110 / 80/20 at actual costs 80, 85, 95, 120); the US Defense Acquisition
University's CPIF drill (fees 350,000 / 500,000 / 162,500); Schwalbe, *Information Technology
Project Management*, ch. 12 (lease 240 a day or buy 6,800 + 70 a day: 40 days; 8,900 / 240 =
37.1 days is the slip seen online). The 200-seed checks are in ``test_practice_topics.py``.
"""

from __future__ import annotations

import pytest

import pmlib as pm
from pmlib.exercises import contracts_and_quality as ex_cq
from pmlib.practice import procurement as P
from tests._practice import check_fresh_variants, draw, named


def test_lehmann_pta():
    q = P.pta(draw(), target_cost=1_000_000, target_profit=100_000, ceiling_price=1_200_000, buyer_share=0.8)
    assert q.answer == pytest.approx(1_125_000)
    assert named(q, 1_500_000).startswith("divided by the seller's share")
    assert named(q, 1_225_000).startswith("the target price added")
    assert named(q, 125_000).startswith("the target cost left out")


def test_pmhut_pta():
    q = P.pta(draw(), target_cost=30_000, target_profit=10_000, ceiling_price=50_000, buyer_share=0.7)
    assert q.answer == pytest.approx(44_285.71, abs=0.01)
    assert q.check("$44,286", record=False).correct


def test_fpif_profit_39000():
    args = dict(target_cost=200_000, target_profit=30_000, ceiling_price=270_000, buyer_share=0.7,
                actual_cost=170_000)
    q = P.fpif(draw(), **args, which="profit")
    assert q.answer == pytest.approx(39_000)
    assert named(q, 30_000 + 0.7 * 30_000).startswith("the buyer's share used")
    assert named(q, 60_000).startswith("the whole overrun (or underrun) taken off")
    assert P.fpif(draw(), **args, which="price").answer == pytest.approx(209_000)


@pytest.mark.parametrize("actual, price, profit", [(80, 96, 16), (85, 100, 15), (95, 108, 13), (120, 110, -10)])
def test_goodpasture_fpif_cases(actual, price, profit):
    args = dict(target_cost=85, target_profit=15, ceiling_price=110, buyer_share=0.8, actual_cost=actual)
    q = P.fpif(draw(), **args, which="price")
    assert q.answer == pytest.approx(price)
    assert P.fpif(draw(), **args, which="profit").answer == pytest.approx(profit)
    if actual == 120:   # past the PTA (97.5): forgetting the ceiling gives 120 + 15 - 0.2 x 35 = 128
        assert named(q, 128).startswith("the ceiling forgotten")
        assert "PTA of $98" in q.explanation or "PTA of $97" in q.explanation


@pytest.mark.parametrize("actual, fee", [(5_000_000, 350_000), (4_000_000, 500_000), (6_500_000, 162_500)])
def test_dau_cpif_drill(actual, fee):
    q = P.cpif(draw(), target_cost=5_000_000, target_fee=350_000, buyer_share=0.85, actual_cost=actual,
               min_fee=162_500, max_fee=537_500, which="fee")
    assert q.answer == pytest.approx(fee)
    if actual == 6_500_000:   # without the minimum fee: 350,000 - 0.15 x 1,500,000 = 125,000
        assert named(q, 125_000).startswith("the minimum and maximum fee forgotten")
        assert named(q, 350_000).startswith("the target fee unchanged")


def test_cpff_fee_fixed_on_the_estimate():
    q = P.cpff(draw(), estimated_cost=100_000, fee_rate=0.10, actual_cost=120_000, which="price")
    assert q.answer == pytest.approx(130_000)
    assert named(q, 132_000).startswith("the fee computed on the actual cost")
    assert named(q, 110_000).startswith("the estimate plus the fee")
    q = P.cpff(draw(), estimated_cost=100_000, fee_rate=0.10, actual_cost=120_000, which="fee")
    assert q.answer == pytest.approx(10_000)
    assert named(q, 12_000).startswith("the fee computed on the actual cost")


def test_time_and_materials_docstring_and_the_cap():
    q = P.time_and_materials(draw(), hours=120, hourly_rate=0.15, materials=4.0, markup=0.05)
    assert q.answer == pytest.approx(22.2)
    q = P.time_and_materials(draw(), hours=100, hourly_rate=120, materials=5_000, markup=0.10, not_to_exceed=15_000)
    assert q.answer == pytest.approx(15_000)                 # 12,000 + 5,500 = 17,500 is over the cap
    assert named(q, 17_500).startswith("the not-to-exceed cap forgotten")


def test_schwalbe_lease_or_buy():
    case = ("a testing rig", "buy the rig", "lease it", "day")
    q = P.make_or_buy(draw(), make_fixed=6_800, make_per_period=70, buy_fixed=0, buy_per_period=240, periods=30,
                      which="breakeven", case=case)
    assert q.answer == pytest.approx(40)
    assert named(q, 8_900 / 240).startswith("the total cost to buy the rig over the 30 days")
    assert named(q, 6_800 / 240).startswith("the up-front cost divided by the other option's cost per day")
    q = P.make_or_buy(draw(), make_fixed=6_800, make_per_period=70, buy_fixed=0, buy_per_period=240, periods=30,
                      which="difference", case=case)
    assert q.answer == pytest.approx(8_900 - 7_200)
    assert "cheaper is to lease it" in q.explanation
    assert named(q, 6_800).startswith("the up-front costs compared alone")


def test_the_course_term_sheet_through_the_generators():
    """exercises/09's answers (offer WH3: PTA 1,800; past it the seller pays) through the generators."""
    o = pm.datasets.load("contract_offers").set_index("id").loc["WH3"]
    terms = dict(target_cost=o.target_cost, target_profit=o.target_profit, ceiling_price=o.ceiling_price,
                 buyer_share=o.buyer_share)
    assert P.pta(draw(), **terms).answer == pytest.approx(1800)
    assert P.fpif(draw(), **terms, actual_cost=ex_cq.OVERRUN_COST, which="price").answer == pytest.approx(1920)
    q = P.contract_risk(draw(), which="next_dollar", terms=terms, actual_cost=ex_cq.OVERRUN_COST)
    assert q.answer.startswith("The seller pays all of it")
    assert q.data["buyer_pays_per_dollar"] == 0
    q = P.contract_risk(draw(), which="next_dollar", terms=terms, actual_cost=1750)
    assert q.answer.startswith("The buyer pays 80 cents and the seller 20 cents")
    assert q.data["buyer_pays_per_dollar"] == pytest.approx(0.8)


@pytest.mark.parametrize("seed", range(60))
def test_contract_risk_answers_follow_pmlibs_table(seed):
    q = pm.practice.question("procurement.contract_risk", seed=seed)
    order = list(pm.procurement.CONTRACT_TYPES)
    if "offered" in q.data:
        offered = q.data["offered"]
        most = "most cost risk" in q.text
        assert q.answer == (max if most else min)(offered, key=order.index)
        assert sorted(q.choices) == sorted(offered)
    elif "situation" in q.data:
        assert q.answer == q.data["situation"] and q.answer in order
    else:
        past = q.data["actual_cost"] >= q.data["pta"]
        assert q.answer.startswith("The seller pays all") == past
        assert (q.data["buyer_pays_per_dollar"] == 0) == past


@pytest.mark.parametrize("seed", range(0, 200, 5))
def test_fpif_and_cpif_keys_agree_with_compare_contracts(seed):
    q = pm.practice.question("procurement.fpif", seed=seed)
    d = q.data
    offers = [{"id": "x", "type": "FPIF", "target_cost": d["target_cost"], "target_profit": d["target_profit"],
               "buyer_share": d["buyer_share"], "ceiling_price": d["ceiling_price"]}]
    c = pm.procurement.compare_contracts(offers, d["actual_cost"]).loc["x"]
    key = q.answer if q.choices is None else q.option_values[q.choices.index(q.answer)]
    assert key == pytest.approx(c["price"] if "price does the buyer pay" in q.text else c["profit"])
    q = pm.practice.question("procurement.cpif", seed=seed)
    d = q.data
    offers = [{"id": "x", "type": "CPIF", "target_cost": d["target_cost"], "target_profit": d["target_fee"],
               "buyer_share": d["buyer_share"], "min_fee": d["min_fee"], "max_fee": d["max_fee"]}]
    c = pm.procurement.compare_contracts(offers, d["actual_cost"]).loc["x"]
    key = q.answer if q.choices is None else q.option_values[q.choices.index(q.answer)]
    assert key == pytest.approx(c["profit"] if "fee does the seller earn" in q.text else c["price"])


@pytest.mark.parametrize("topic", ["procurement.pta", "procurement.fpif", "procurement.cpif", "procurement.cpff",
                                   "procurement.time_and_materials", "procurement.make_or_buy",
                                   "procurement.contract_risk"])
def test_exercises_on_these_topics_give_a_fresh_variant(topic, capsys):
    check_fresh_variants(ex_cq.EXERCISES, topic, capsys, seed=11)
