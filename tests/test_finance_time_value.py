"""pmlib.finance, second wave: future value, annuities, depreciation, opportunity cost, robust IRR."""

from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib.errors import InputError, UnknownIdError

f = pm.finance


# ---------------------------------------------------------------------------------------
# future value and annuities
# ---------------------------------------------------------------------------------------
def test_future_value_is_the_inverse_of_present_value():
    assert f.future_value(1_000, 0.10, 3) == pytest.approx(1_331.0)   # 1000 * 1.1**3
    assert f.present_value(f.future_value(250.0, 0.07, 6), 0.07, 6) == pytest.approx(250.0)
    # Excel FV docs pattern FV(r, n, 0, -PV): numpy-financial's fv has the same convention
    assert f.future_value(1_000, 0.06 / 12, 10) == pytest.approx(npf.fv(0.06 / 12, 10, 0, -1_000))


def test_annuity_present_value_excel_example():
    # Microsoft Excel PV function docs: 500 paid at the end of every month for 20 years at 8 %:
    # =PV(0.08/12, 12*20, 500, , 0) = ($59,777.15)
    assert f.annuity_present_value(500, 0.08 / 12, 12 * 20) == pytest.approx(59_777.15, abs=0.005)


@pytest.mark.parametrize("due, when", [(False, "end"), (True, "begin")])
@pytest.mark.parametrize("rate, n", [(0.05, 10), (0.004, 360), (0.25, 3), (-0.02, 8)])
def test_annuity_matches_numpy_financial_pv(rate, n, due, when):
    assert f.annuity_present_value(100, rate, n, due=due) == pytest.approx(-npf.pv(rate, n, 100, 0, when))


def test_annuity_at_zero_rate_and_vectorised():
    assert f.annuity_present_value(100, 0.0, 12) == 1_200
    assert f.annuity_present_value(100, 0.0, 12, due=True) == 1_200
    out = f.annuity_present_value([100, 200], [0.1, 0.0], 3)
    np.testing.assert_allclose(out, [100 / 1.1 + 100 / 1.1 ** 2 + 100 / 1.1 ** 3, 600])
    s = f.annuity_present_value(pd.Series([100.0, 50.0], index=["a", "b"]),
                                pd.Series([0.0, 0.1], index=["b", "a"]), 2)
    assert s["a"] == pytest.approx(100 / 1.1 + 100 / 1.21) and s["b"] == pytest.approx(100)
    with pytest.raises(InputError, match="due must be True"):
        f.annuity_present_value(100, 0.1, 3, due="yes")
    with pytest.raises(InputError, match="periods"):
        f.annuity_present_value(100, 0.1, -3)


# ---------------------------------------------------------------------------------------
# depreciation
# ---------------------------------------------------------------------------------------
def test_depreciation_excel_examples():
    # Microsoft Excel docs: SLN(30000, 7500, 10) = 2,250; SYD(30000, 7500, 10, 1) = 4,090.91 and
    # year 10 = 409.09; DDB(2400, 300, 10, 1) = 480.00 and DDB(2400, 300, 10, 10) = 22.12
    sl = f.depreciation(30_000, 7_500, 10)
    assert (sl["depreciation"] == 2_250).all() and sl["book_value"].iloc[-1] == pytest.approx(7_500)
    syd = f.depreciation(30_000, 7_500, 10, method="sum_of_years")
    assert syd.loc[1, "depreciation"] == pytest.approx(4_090.91, abs=0.005)
    assert syd.loc[10, "depreciation"] == pytest.approx(409.09, abs=0.005)
    ddb = f.depreciation(2_400, 300, 10, method="double_declining")
    assert ddb.loc[1, "depreciation"] == pytest.approx(480.00)
    assert ddb.loc[10, "depreciation"] == pytest.approx(22.12, abs=0.005)
    assert list(ddb.columns) == ["depreciation", "accumulated", "book_value"] and ddb.index.name == "year"


def test_depreciation_accounting_textbook():
    # Kieso, Weygandt & Warfield, Intermediate Accounting, ch. 11 (Stanley Coal Mines' crusher):
    # cost 500,000, salvage 50,000, 5 years
    sl = f.depreciation(500_000, 50_000, 5)["depreciation"]
    syd = f.depreciation(500_000, 50_000, 5, method="sum_of_years")["depreciation"]
    ddb = f.depreciation(500_000, 50_000, 5, method="double_declining")["depreciation"]
    assert sl.tolist() == [90_000] * 5
    np.testing.assert_allclose(syd, [150_000, 120_000, 90_000, 60_000, 30_000])
    np.testing.assert_allclose(ddb, [200_000, 120_000, 72_000, 43_200, 14_800])  # last year stops at salvage


def test_double_declining_without_salvage_stays_above_it():
    ddb = f.depreciation(1_000, 0, 5, method="double_declining")
    assert ddb["book_value"].iloc[-1] == pytest.approx(1_000 * 0.6 ** 5)  # no switch to straight line


@settings(max_examples=80, deadline=None)
@given(st.floats(1, 1e6), st.floats(0, 1), st.integers(1, 40),
       st.sampled_from(["straight_line", "double_declining", "sum_of_years"]))
def test_depreciation_properties(cost, salvage_share, life, method):
    salvage = cost * salvage_share
    t = f.depreciation(cost, salvage, life, method=method)
    assert len(t) == life and (t["depreciation"] >= -1e-9 * cost).all()
    assert (t["book_value"] >= salvage - 1e-9 * cost).all()               # never below salvage
    np.testing.assert_allclose(t["accumulated"] + t["book_value"], cost)
    if method != "double_declining":
        assert t["book_value"].iloc[-1] == pytest.approx(salvage, abs=1e-9 * cost)
    if method == "sum_of_years" and life > 1:
        assert t["depreciation"].is_monotonic_decreasing


def test_depreciation_bad_input():
    with pytest.raises(InputError, match="salvage = 200 is above cost = 100"):
        f.depreciation(100, 200, 5)
    with pytest.raises(InputError, match="life"):
        f.depreciation(100, 10, 0)
    with pytest.raises(InputError, match="life"):
        f.depreciation(100, 10, 2.5)
    with pytest.raises(InputError, match="method"):
        f.depreciation(100, 10, 5, method="declining")
    with pytest.raises(InputError, match="cost"):
        f.depreciation(float("inf"), 10, 5)


# ---------------------------------------------------------------------------------------
# opportunity cost
# ---------------------------------------------------------------------------------------
def test_opportunity_cost_is_the_best_option_not_taken():
    values = pd.Series({"P13-A": 500.0, "P13-B": 420.0, "P13-C": 100.0})
    assert f.opportunity_cost(values, "P13-A") == 420.0
    assert f.opportunity_cost(values, "P13-B") == 500.0    # not 500 - 420
    with pytest.raises(UnknownIdError, match="P13-Z"):
        f.opportunity_cost(values, "P13-Z")
    with pytest.raises(InputError, match="at least one other option"):
        f.opportunity_cost({"A": 1.0}, "A")


# ---------------------------------------------------------------------------------------
# IRR on long series: never gives up, and one row never spoils a batch
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("rate, months", [(0.005, 360), (0.0025, 360), (0.0001, 480), (0.003, 600), (0.02, 1000)])
def test_irr_of_a_long_loan_is_its_rate(rate, months):
    payment = -npf.pmt(rate, months, 100_000)
    flows = [-100_000.0] + [payment] * months
    assert f.irr(flows) == pytest.approx(rate, rel=1e-9)


def test_one_long_row_does_not_spoil_the_batch():
    long = np.r_[-100_000.0, np.full(360, -npf.pmt(0.0035, 360, 100_000))]
    short = np.r_[-100.0, 39, 59, 55, 20, np.zeros(356)]
    out = f.irr(np.vstack([short, long]))
    np.testing.assert_allclose(out, [0.28094842, 0.0035], rtol=1e-7)
    with_none = f.irr(np.vstack([short, long, np.r_[1.0, np.ones(360)]]), errors="nan")
    assert np.isfinite(with_none[:2]).all() and np.isnan(with_none[2])


@settings(max_examples=40, deadline=None)
@given(st.floats(1e-5, 0.03), st.integers(120, 720))
def test_irr_of_any_annuity_is_its_rate(rate, months):
    payment = -npf.pmt(rate, months, 1_000.0)
    assert f.irr([-1_000.0] + [payment] * months) == pytest.approx(rate, rel=1e-8)


def test_irr_borrowing_and_leading_zeros():
    assert f.irr([100, -110]) == pytest.approx(0.10)                 # a loan: money in first
    assert f.irr([0, 0, -100, 0, 121]) == pytest.approx(0.10)         # late start
    assert f.xirr([-100, 110], ["2026-01-01", "2027-01-01"]) == pytest.approx(0.10)
