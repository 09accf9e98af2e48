"""Practice topics of the second wave's finance: future value, annuity, depreciation, sunk cost.

Each generator reproduces a published worked example through its keyword arguments (Excel's
SLN / SYD / DDB / PV documentation, Brealey, Myers & Allen's compounding example) and names the
classic slip; the exercises whose ``topic=`` names these ids give a working ``q.new()``.
"""

from __future__ import annotations

import numpy as np
import pytest

import pmlib as pm
from pmlib.practice import finance as P
from pmlib.practice._core import Draw

from ._practice import draw, named


# Brealey, Myers & Allen, ch. 2: 1,000 at 10 % for 3 years grows to 1,331 (simple interest: 1,300)
def test_future_value_compounds():
    q = P.future_value(draw(), value=1000.0, rate=0.10, years=3, which="value")
    assert q.answer == pytest.approx(1331.0)
    assert named(q, 1300).startswith("simple interest")
    assert named(q, 751.31).startswith("discounted instead of compounded")
    assert named(q, 1210).startswith("compounded one year too few")


def test_compound_growth_rate():
    # pm.finance.annualised_roi's docstring: 1,000 -> 1,500 in 3 years is 14.47 % a year
    q = P.future_value(draw(), value=1000.0, final=1500.0, years=3)
    assert q.answer == pytest.approx(0.1447, abs=5e-5)
    assert named(q, 0.5 / 3).startswith("the simple average")
    assert named(q, 0.5).startswith("the total growth")
    # pm.levels.revenue_cagr's docstring: 10,000 -> 19,500 in 3 years: 24.93 %
    q = P.future_value(draw(), value=10_000.0, final=19_500.0, years=3)
    assert q.answer == pytest.approx(pm.levels.revenue_cagr(10_000, 19_500, 3))
    assert q.answer == pytest.approx(0.2493, abs=5e-5)


def test_annuity_excel_pv_example():
    # Excel's PV documentation: 500 a month for 20 years at 8 % a year is worth 59,777.15 today
    q = P.annuity(draw(), payment=500.0, rate=0.08 / 12, periods=240, due=False, unit="month")
    assert q.answer == pytest.approx(59_777.15, abs=0.01)
    assert named(q, 500 * 240).startswith("the payments added up")


def test_annuity_due_and_its_slip():
    q = P.annuity(draw(), payment=100.0, rate=0.10, periods=3, due=True)       # 100 + 100/1.1 + 100/1.21
    assert q.answer == pytest.approx(273.55, abs=0.005)
    assert named(q, 248.69).startswith("payments taken as made at the end")
    q = P.annuity(draw(), payment=120.0, rate=0.08, periods=5, due=False)      # the lesson's exercise: 479.1
    assert q.answer == pytest.approx(479.12, abs=0.01)
    assert named(q, 517.45).startswith("payments taken as made at the start")


# Excel's documentation: SLN(30000, 7500, 10) = 2,250; SYD(30000, 7500, 10, 1) = 4,090.91;
# DDB(2400, 300, 10, 1) = 480 and DDB(2400, 300, 10, 10) = 22.12
def test_depreciation_excel_examples():
    q = P.depreciation(draw(), cost=30_000.0, salvage=7_500.0, life=10, method="straight_line", which="charge")
    assert q.answer == pytest.approx(2_250)
    assert named(q, 3_000).startswith("the salvage value not subtracted")
    q = P.depreciation(draw(), cost=30_000.0, salvage=7_500.0, life=10, method="sum_of_years", year=1,
                       which="charge")
    assert q.answer == pytest.approx(4_090.91, abs=0.01)
    assert named(q, 22_500 / 55).startswith("the digits in the wrong order")
    assert named(q, 30_000 * 10 / 55).startswith("applied to the cost")
    q = P.depreciation(draw(), cost=2_400.0, salvage=300.0, life=10, method="double_declining", year=1,
                       which="charge")
    assert q.answer == pytest.approx(480)
    assert named(q, 420).startswith("the rate applied to cost - salvage")
    assert named(q, 240).startswith("a rate of 1 / life")
    q = P.depreciation(draw(), cost=2_400.0, salvage=300.0, life=10, method="double_declining", year=10,
                       which="charge")
    assert q.answer == pytest.approx(22.12, abs=0.005)


def test_depreciation_book_value():
    # the lesson's exercise: 900, salvage 100, 8 years, double declining: 900 x 0.75^2 = 506.25 after year 2
    q = P.depreciation(draw(), cost=900.0, salvage=100.0, life=8, method="double_declining", year=2,
                       which="book_value")
    assert q.answer == pytest.approx(506.25)
    assert named(q, 393.75).startswith("the accumulated depreciation")
    assert named(q, 700).startswith("the straight-line book value")
    q = P.depreciation(draw(), cost=30_000.0, salvage=7_500.0, life=10, method="straight_line", year=4,
                       which="book_value")
    assert q.answer == pytest.approx(21_000)


# BAC 1,000, EV 400, AC 520: CPI 0.769, EAC 1,300, ETC 780 (the cost still to come)
SUNK = {"bac": 1000.0, "ev": 400.0, "ac": 520.0}


def test_sunk_cost_only_the_etc_is_saved():
    q = P.sunk_cost(draw(), **SUNK, which="saved")
    assert q.answer == pytest.approx(780)
    assert named(q, 1300).startswith("the EAC")
    assert named(q, 480).startswith("BAC - AC")
    assert named(q, 520).startswith("the money already spent")
    assert named(q, 600).startswith("BAC - EV")


def test_sunk_cost_decisions_ignore_the_money_spent():
    # 900 of benefits still to come > ETC 780: continue, although the total cost 1,300 exceeds them
    q = P.sunk_cost(Draw(np.random.default_rng(1)), **SUNK, benefits=900.0, which="decision")
    assert q.answer.startswith("Continue")
    for option, why in ((o, w) for w, o in q.misconceptions.items()):
        assert q.check(option, record=False).misconception == why
    assert any(o.startswith("Stop: the total cost") for o in q.choices)
    # 700 < ETC 780: stop, however much has been spent
    q = P.sunk_cost(Draw(np.random.default_rng(1)), **SUNK, benefits=700.0, which="decision")
    assert q.answer.startswith("Stop")
    assert "the sunk-cost fallacy: the money spent is gone either way" in q.misconceptions
    assert q.data["etc"] == pytest.approx(pm.evm.metrics(pv=400, ev=400, ac=520, bac=1000)["etc"])


@pytest.mark.parametrize("seed", range(0, 200, 7))
def test_sunk_cost_key_follows_benefits_against_etc(seed):
    q = pm.practice.question("finance.sunk_cost", seed=seed)
    if q.choices is not None and "What should the sponsor decide" in q.text:
        d = q.data
        etc = pm.evm.metrics(pv=d["ev"], ev=d["ev"], ac=d["ac"], bac=d["bac"])["etc"]
        assert q.answer.startswith("Continue" if d["benefits"] > etc else "Stop")


@pytest.mark.parametrize("module", ["business_case", "levels_of_management", "portfolio"])
def test_exercises_give_new_variants(module):
    import importlib

    ex_set = importlib.import_module(f"pmlib.exercises.{module}").EXERCISES
    ours = {"finance.future_value", "finance.annuity", "finance.depreciation", "finance.sunk_cost"}
    found = [ex for ex in ex_set if ex.topic in ours]
    assert found
    for ex in found:
        for seed in (3, 4, 5):
            q = ex.new(seed=seed)
            assert q.topic == ex.topic and q.check(q.answer, record=False).correct
