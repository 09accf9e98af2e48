"""pmlib.finance against published worked examples, properties and bad input."""

from __future__ import annotations

import warnings

import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib.errors import InputError, NoSolutionError
from pmlib.finance import MultipleIRRWarning

f = pm.finance

# Excel XNPV / XIRR documentation example (Microsoft support: "XNPV function", "XIRR function").
X_FLOWS = [-10_000, 2_750, 4_250, 3_250, 2_750]
X_DATES = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]


# ---------------------------------------------------------------------------------------
# NPV
# ---------------------------------------------------------------------------------------
def test_npv_excel_example_1_start_1():
    # Excel NPV docs, example 1: rate 10 %, -10,000 at the END of year 1, then 3,000 4,200 6,800
    # =NPV(10%, A3:A6) = 1,188.44 (Excel discounts the first value by one period).
    assert f.npv(0.10, [-10_000, 3_000, 4_200, 6_800], start=1) == pytest.approx(1188.44, abs=0.005)


def test_npv_excel_example_2_textbook_convention():
    # Excel NPV docs, example 2: 40,000 paid now, then 8,000 9,200 10,000 12,000 14,500 at 8 %:
    # =NPV(8%, B3:B7) + B2 = 1,922.06; with a 9,000 loss in year 6: -3,749.47.
    flows = [-40_000, 8_000, 9_200, 10_000, 12_000, 14_500]
    assert f.npv(0.08, flows) == pytest.approx(1922.06, abs=0.005)
    assert f.npv(0.08, flows + [-9_000]) == pytest.approx(-3749.47, abs=0.005)
    # the trap: feeding all six values to Excel's NPV discounts the investment too
    excel_wrong = f.npv(0.08, flows, start=1)
    assert excel_wrong == pytest.approx(1922.06 / 1.08, abs=0.005)


def test_npv_numpy_financial_docs_example():
    # numpy-financial npv docstring: 3065.22267
    assert f.npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]) == pytest.approx(3065.22267, abs=1e-5)


def test_npv_reproduces_projects_csv_for_every_project():
    # datasets/README.md: projects.npv = NPV of cashflows.csv net flows at the 8 % hurdle rate
    projects = pm.datasets.load("projects").set_index("id")
    wide = f.net_cashflows()
    got = f.npv(0.08, wide).round(1)
    assert isinstance(got, pd.Series)
    assert set(got.index) == set(projects.index)
    pd.testing.assert_series_equal(got.sort_index(), projects["npv"].sort_index(), check_names=False, atol=0.051)


def test_npv_profile_and_per_row_rates():
    flows = [-100, 60, 60]
    prof = f.npv([0.0, 0.1], flows)
    assert prof == pytest.approx([20.0, -100 + 60 / 1.1 + 60 / 1.21])
    batch = f.npv([0.0, 0.1], np.array([flows, flows]))
    assert batch == pytest.approx(prof)


def test_npv_dataframe_keeps_index_and_does_not_mutate():
    df = pd.DataFrame([[-100.0, 60, 60], [-50, 10, 80]], index=["A", "B"])
    before = df.copy()
    out = f.npv(0.1, df)
    assert list(out.index) == ["A", "B"]
    pd.testing.assert_frame_equal(df, before)


def test_xnpv_excel_example():
    # Excel XNPV docs: 2,086.65
    assert f.xnpv(0.09, X_FLOWS, X_DATES) == pytest.approx(2086.647602, abs=1e-6)
    # same dates, several projects at once
    batch = f.xnpv(0.09, np.array([X_FLOWS, X_FLOWS]) * [[1], [2]], X_DATES)
    assert batch == pytest.approx([2086.647602, 2 * 2086.647602])


def test_time_value_of_money():
    assert f.present_value(1_000, 0.10, 3) == pytest.approx(751.3148, abs=1e-4)
    assert f.future_value(1_000, 0.10, 3) == pytest.approx(1331.0)
    assert f.present_value(f.future_value(500, 0.07, 5), 0.07, 5) == pytest.approx(500)
    # Excel PV/FV agree
    assert f.present_value(1_000, 0.10, 3) == pytest.approx(-npf.pv(0.10, 3, 0, 1_000))
    assert f.discount_factors(0.1, 3) == pytest.approx([1, 1 / 1.1, 1 / 1.21])


# ---------------------------------------------------------------------------------------
# IRR family
# ---------------------------------------------------------------------------------------
def test_irr_excel_examples():
    # Excel IRR docs: -70,000 then 12,000 15,000 18,000 21,000 (26,000):
    # after 4 years -2.1 %, after 5 years 8.7 %, after 2 years with guess -10 %: -44.4 %
    flows = [-70_000, 12_000, 15_000, 18_000, 21_000, 26_000]
    assert f.irr(flows[:5]) == pytest.approx(-0.021, abs=5e-4)
    assert f.irr(flows) == pytest.approx(0.087, abs=5e-4)
    assert f.irr(flows[:3], guess=-0.10) == pytest.approx(-0.444, abs=5e-4)


@pytest.mark.parametrize(
    "flows, expected",
    [  # numpy-financial's own docstring / test values
        ([-100, 39, 59, 55, 20], 0.28095),
        ([-100, 0, 0, 74], -0.0955),
        ([-100, 100, 0, -7], -0.0833),
        ([-100, 100, 0, 7], 0.06206),
        ([-5, 10.5, 1, -8, 1], 0.0886),
        ([-150_000, 15_000, 25_000, 35_000, 45_000, 60_000], 0.0524),
    ],
)
def test_irr_numpy_financial_values(flows, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MultipleIRRWarning)
        assert round(f.irr(flows), 4) == pytest.approx(round(expected, 4), abs=1e-4)
        assert f.irr(flows) == pytest.approx(npf.irr(flows), abs=1e-10)


def test_irr_batch_matches_numpy_financial_to_1e7():
    rng = np.random.default_rng(3)
    flows = np.hstack([-rng.uniform(100, 1_000, (300, 1)), rng.uniform(0, 200, (300, 9))])
    flows[::7, 1] = -rng.uniform(0, 300, flows[::7, 1].shape)  # two years of investment
    batch = f.irr(flows)
    ref = np.array([npf.irr(r) for r in flows])
    assert np.max(np.abs(batch - ref)) < 1e-7


def test_irr_batch_matches_pyxirr_when_installed():
    pyxirr = pytest.importorskip("pyxirr")
    rng = np.random.default_rng(5)
    flows = np.hstack([-rng.uniform(100, 1_000, (200, 1)), rng.uniform(0, 200, (200, 19))])
    ref = np.array([pyxirr.irr(r) for r in flows.tolist()])
    assert np.max(np.abs(f.irr(flows) - ref)) < 1e-7


def test_irr_no_sign_change_explains_why():
    with pytest.raises(NoSolutionError, match="every cash flow is >= 0"):
        f.irr([100, 50, 20])
    with pytest.raises(ValueError, match="every cash flow is <= 0"):
        f.irr([-450, -30, -30])
    df = pd.DataFrame([[-100.0, 120], [-450, -30]], index=["P07", "P16"])
    with pytest.raises(NoSolutionError, match="row 'P16'"):
        f.irr(df)
    out = f.irr(df, errors="nan")
    assert out["P07"] == pytest.approx(0.2)
    assert np.isnan(out["P16"])


def test_irr_multiple_roots_warns_and_irr_all_lists_them():
    # Brealey, Myers & Allen, Principles of Corporate Finance, ch. 5, "Pitfall 2":
    # C0 = -1,600, C1 = +10,000, C2 = -10,000 has two IRRs, 25 % and 400 %.
    flows = [-1_600, 10_000, -10_000]
    assert f.irr_all(flows) == pytest.approx([0.25, 4.0])
    with pytest.warns(MultipleIRRWarning, match="several IRRs"):
        assert f.irr(flows) == pytest.approx(0.25)
    with pytest.warns(MultipleIRRWarning):
        assert f.irr(flows, guess=3.0) == pytest.approx(4.0)
    rows = f.irr_all(np.array([flows, [-100, 110, 0]]))
    assert rows[1] == pytest.approx([0.10])


def test_xirr_excel_example_and_batch():
    # Excel XIRR docs: 0.373362535 (Excel stops at 0.000001 %, so compare to 1e-8)
    assert f.xirr(X_FLOWS, X_DATES) == pytest.approx(0.373362535, abs=1e-8)
    flows = np.array([X_FLOWS, [-10_000, 0, 0, 0, 11_000]])
    out = f.xirr(flows, X_DATES)
    assert out[0] == pytest.approx(0.373362535, abs=1e-8)
    assert f.xnpv(out[1], flows[1], X_DATES) == pytest.approx(0, abs=1e-6)


def test_xirr_matches_pyxirr_when_installed():
    pyxirr = pytest.importorskip("pyxirr")
    assert f.xirr(X_FLOWS, X_DATES) == pytest.approx(pyxirr.xirr(X_DATES, X_FLOWS), abs=1e-9)


def test_xirr_several_sign_changes_warns():
    dates = ["2020-01-01", "2021-01-01", "2022-01-01"]
    with pytest.warns(MultipleIRRWarning):
        r = f.xirr([-1_600, 10_000, -10_000], dates)
    assert r == pytest.approx(0.25, abs=1e-3)  # 2020 is a leap year: 366 days, not exactly 25 %


def test_mirr_excel_examples():
    # Excel MIRR docs: 12.61 % (5 years), -4.80 % (3 years), 13.48 % (reinvest at 14 %)
    flows = [-120_000, 39_000, 30_000, 21_000, 37_000, 46_000]
    assert f.mirr(flows, 0.10, 0.12) == pytest.approx(0.126094, abs=1e-6)
    assert f.mirr(flows[:4], 0.10, 0.12) == pytest.approx(-0.048044, abs=1e-6)
    assert f.mirr(flows, 0.10, 0.14) == pytest.approx(0.134759, abs=1e-6)
    batch = f.mirr(np.array([flows, flows]), 0.10, 0.12)
    assert batch == pytest.approx([npf.mirr(flows, 0.10, 0.12)] * 2)


def test_mirr_needs_both_signs():
    with pytest.raises(NoSolutionError, match="negative and one positive"):
        f.mirr([100, 200], 0.1, 0.1)


def test_crossover_rate_brealey_myers():
    # Brealey, Myers & Allen, ch. 5 "Pitfall 3": D = (-10,000, +20,000), IRR 100 %, NPV@10 % = 8,182;
    # E = (-20,000, +35,000), IRR 75 %, NPV@10 % = 11,818: IRR prefers D, NPV prefers E.
    d, e = [-10_000, 20_000], [-20_000, 35_000]
    assert f.irr(d) == pytest.approx(1.0)
    assert f.irr(e) == pytest.approx(0.75)
    assert f.npv(0.10, d) == pytest.approx(8182, abs=0.5)
    assert f.npv(0.10, e) == pytest.approx(11818, abs=0.5)
    assert f.crossover_rate(d, e) == pytest.approx(0.5)


# ---------------------------------------------------------------------------------------
# ROI, payback, BCR, PI
# ---------------------------------------------------------------------------------------
def test_roi_and_annualised_roi():
    assert f.roi(125, 100) == pytest.approx(0.25)
    assert f.roi(np.array([150, 50]), np.array([100, 100])) == pytest.approx([0.5, -0.5])
    s = f.roi(pd.Series([150.0], index=["P07"]), 100)
    assert s["P07"] == pytest.approx(0.5)
    assert f.annualised_roi(1_500, 1_000, 3) == pytest.approx(1.5 ** (1 / 3) - 1)
    with pytest.raises(InputError, match="cost"):
        f.roi(100, 0)
    with pytest.raises(InputError, match=r"cost\[1\]"):
        f.roi([100, 100], [50, 0])


def test_payback_textbook_examples():
    # Brealey, Myers & Allen (payback): 10,000 then 3,000 a year: 3.33 years
    assert f.payback_period([-10_000] + [3_000] * 5) == pytest.approx(3 + 1 / 3)
    # Ross, Westerfield & Jordan, Fundamentals of Corporate Finance, ch. 9 ("Calculating
    # discounted payback"): 10,000 then 2,600 for six years: 3.85 years at 0 %, 5.10 at 10 %,
    # never at 15 %.
    flows = [-10_000] + [2_600] * 6
    assert f.payback_period(flows) == pytest.approx(3.85, abs=0.005)
    assert f.discounted_payback_period(0.0, flows) == pytest.approx(3.85, abs=0.005)
    assert f.discounted_payback_period(0.10, flows) == pytest.approx(5.10, abs=0.005)
    assert f.discounted_payback_period(0.15, flows) == np.inf


@pytest.mark.parametrize(
    "rate, flows, expected",
    [
        # Ross, Westerfield & Jordan, ch. 9 problem: 9 %, -5,100 then 1,280 2,480 1,680 1,680 1,480 1,280
        (0.09, [-5_100, 1_280, 2_480, 1_680, 1_680, 1_480, 1_280], 3.45),
        # textbook problem (cumulative discounted table at 11 %): -210, 85, 75, 85, 105 -> 3.15
        (0.11, [-210, 85, 75, 85, 105], 3.15),
        # textbook problem at 15 %: -8,000, 4,800, 5,900, 6,700, 8,000 -> 1.86
        (0.15, [-8_000, 4_800, 5_900, 6_700, 8_000], 1.86),
    ],
)
def test_discounted_payback_worked_examples(rate, flows, expected):
    assert f.discounted_payback_period(rate, flows) == pytest.approx(expected, abs=0.005)


def test_payback_edge_cases_and_batch():
    assert f.payback_period([100, 50]) == 0.0  # never negative
    assert f.payback_period([-100, 20, 20]) == np.inf
    assert f.payback_period([0, -100, 50, 100]) == pytest.approx(2.5)
    arr = np.array([[-100, 50, 50, 50], [-100, 100, 0, 0]])
    assert f.payback_period(arr) == pytest.approx([2.0, 1.0])
    assert f.discounted_payback_period(0.0, arr) == pytest.approx([2.0, 1.0])


def test_profitability_index_and_bcr():
    # data of the Excel NPV docs example 2: PV at 8 % of the five inflows is 41,922.06 -> PI 1.0481
    flows = [-40_000, 8_000, 9_200, 10_000, 12_000, 14_500]
    assert f.profitability_index(0.08, flows) == pytest.approx(41_922.06 / 40_000, abs=1e-6)
    # Brealey, Myers & Allen (PI = PV / investment): project D at 10 %: 20,000/1.1/10,000 = 1.818
    assert f.profitability_index(0.10, [-10_000, 20_000]) == pytest.approx(1.8182, abs=1e-4)
    b = [0, 600, 600]
    c = [1_000, 0, 0]
    assert f.benefit_cost_ratio(0.10, b, c) == pytest.approx((600 / 1.1 + 600 / 1.21) / 1_000)
    with pytest.raises(InputError, match="first cash flow must be negative"):
        f.profitability_index(0.1, [100, 50])
    with pytest.raises(InputError, match="shape"):
        f.benefit_cost_ratio(0.1, [1, 2], [1, 2, 3])


def test_appraise_one_and_many():
    one = f.appraise(0.08, [-900, 280, 680, 680, 680, 680])
    assert one["npv"] == pytest.approx(f.npv(0.08, [-900, 280, 680, 680, 680, 680]))
    assert one["irr"] == pytest.approx(f.irr([-900, 280, 680, 680, 680, 680]))
    wide = f.net_cashflows()
    table = f.appraise(0.08, wide)
    assert list(table.columns) == ["npv", "irr", "mirr", "roi", "payback_period", "discounted_payback_period",
                                   "benefit_cost_ratio", "profitability_index"]
    assert np.isnan(table.loc["P16", "irr"])  # compliance project: all outflows
    assert table.loc["P07", "payback_period"] == pytest.approx(f.payback_period(wide.loc["P07"].to_numpy()))
    cf = pm.datasets.load("cashflows")
    costs = f.net_cashflows(cf, value="cost")
    benefits = f.net_cashflows(cf, value="benefit")
    split = f.appraise(0.08, benefits=benefits, costs=costs)
    p07 = cf[cf.project_id == "P07"]
    assert split.loc["P07", "roi"] == pytest.approx(f.roi(p07.benefit.sum(), p07.cost.sum()))
    assert split.loc["P07", "benefit_cost_ratio"] == pytest.approx(
        f.benefit_cost_ratio(0.08, p07.benefit.to_numpy(), p07.cost.to_numpy()))


# ---------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "flows, match",
    [
        ([-100, float("nan"), 50], r"cashflows\[1\] is NaN"),
        ([-100, None, 50], r"cashflows\[1\]"),
        ([-100, "abc", 50], r"cashflows\[1\]"),
        ([], "empty"),
        ("-100,50", "text"),
        ([[-100, 50], [-100]], "different lengths"),
    ],
)
def test_bad_cashflows_name_the_argument(flows, match):
    with pytest.raises(ValueError, match=match):
        f.npv(0.08, flows)
    with pytest.raises(ValueError, match=match):
        f.irr(flows)


def test_bad_rates_and_dates():
    with pytest.raises(InputError, match=r"rate = -1 is out of range: it must be a rate above -1 \(a fraction: 8 % is 0.08\)"):
        f.npv(-1.0, [-100, 50])
    with pytest.raises(InputError, match="rate"):
        f.npv(-1.5, [[-100, 50], [-100, 60]])
    with pytest.raises(InputError, match="rate"):
        f.npv("8%", [-100, 50])
    with pytest.raises(InputError, match="2 rates but there are 3 rows"):
        f.npv([0.1, 0.2], np.ones((3, 2)))
    with pytest.raises(InputError, match="4 dates but there are 5 cash flows"):
        f.xnpv(0.1, X_FLOWS, X_DATES[:4])
    with pytest.raises(InputError, match=r"dates\[2\] = 'not a date'"):
        f.xirr(X_FLOWS, X_DATES[:2] + ["not a date"] + X_DATES[3:])
    with pytest.raises(InputError, match=r"dates\[1\] is missing"):
        f.xnpv(0.1, [-1, 2], ["2020-01-01", None])
    with pytest.raises(InputError, match="before the first date"):
        f.xnpv(0.1, [-1, 2], ["2020-01-01", "2019-01-01"])
    with pytest.raises(InputError, match="errors = .ignore. is not allowed"):
        f.irr([-1, 2], errors="ignore")


def test_dataframe_with_text_column_says_to_set_index():
    df = pd.DataFrame({"project_id": ["A"], 0: [-100.0], 1: [120.0]})
    with pytest.raises(InputError, match="set_index"):
        f.npv(0.1, df)


# ---------------------------------------------------------------------------------------
# scenarios, sensitivity, Monte Carlo
# ---------------------------------------------------------------------------------------
COSTS = np.array([1_500, 1_300, 200, 200, 200, 200, 200, 200, 200.0])
BENEFITS = np.array([0, 0, 625, 1_250, 1_250, 1_250, 1_250, 1_250, 1_250.0])


def test_scenario_npv_matches_adjusted_flows():
    for kw in ({}, {"cost_scale": 1.2}, {"benefit_scale": 0.8, "ramp_up": 2}, {"delay": 1}, {"delay": 2, "ramp_up": 1}):
        flows = f.adjust_cashflows(COSTS, BENEFITS, **kw)
        assert f.scenario_npv(0.08, COSTS, BENEFITS, **kw) == pytest.approx(f.npv(0.08, flows)), kw
    base = f.scenario_npv(0.08, COSTS, BENEFITS)
    assert base == pytest.approx(f.npv(0.08, BENEFITS - COSTS))
    vec = f.scenario_npv(np.array([0.06, 0.08]), COSTS, BENEFITS, cost_scale=np.array([1.0, 1.0]))
    assert vec[1] == pytest.approx(base) and vec[0] > base
    assert f.adjust_cashflows([100, 10, 10], [0, 60, 60], ramp_up=1).tolist() == [-100, 20, 50]
    with pytest.raises(InputError, match="ramp_up"):
        f.adjust_cashflows(COSTS, BENEFITS, ramp_up=-1)
    with pytest.raises(InputError, match="costs: 9, benefits: 2"):
        f.scenario_npv(0.08, COSTS, [1, 2])


def test_sensitivity_table_sorted_by_swing():
    from functools import partial

    model = partial(f.scenario_npv, costs=COSTS, benefits=BENEFITS)
    table = f.sensitivity(model, {"rate": 0.08, "cost_scale": 1.0, "benefit_scale": 1.0}, change=0.1,
                          ranges={"rate": (0.06, 0.12)})
    assert list(table.columns) == ["input", "base_value", "low_value", "high_value", "low", "high", "base", "swing"]
    assert table["swing"].is_monotonic_decreasing
    row = table.set_index("input").loc["benefit_scale"]
    assert row["low"] == pytest.approx(model(rate=0.08, cost_scale=1.0, benefit_scale=0.9))
    rate_row = table.set_index("input").loc["rate"]
    assert (rate_row["low_value"], rate_row["high_value"]) == (0.06, 0.12)
    with pytest.raises(InputError, match="not in base"):
        f.sensitivity(model, {"rate": 0.08}, ranges={"delay": (0, 1)})


def test_monte_carlo_seeded_vectorised_and_sensible():
    ranges = {"cost_scale": (0.95, 1.0, 1.4), "benefit_scale": (0.6, 1.0, 1.1), "rate": (0.06, 0.08, 0.12)}
    a = f.monte_carlo_npv(COSTS, BENEFITS, ranges=ranges, n=20_000, seed=7)
    b = f.monte_carlo_npv(COSTS, BENEFITS, ranges=ranges, n=20_000, seed=7)
    np.testing.assert_array_equal(a.npv, b.npv)
    assert a.npv.shape == (20_000,)
    assert 0 < a.p_negative < 1
    assert a.p_negative == pytest.approx((a.npv < 0).mean())
    assert a.percentile(50) == pytest.approx(np.median(a.npv))
    # every draw equals the scenario NPV of its sampled inputs
    row = a.inputs.iloc[123]
    assert a.npv[123] == pytest.approx(f.scenario_npv(row.rate, COSTS, BENEFITS, cost_scale=row.cost_scale,
                                                      benefit_scale=row.benefit_scale, delay=row.delay))
    assert a.base_npv == pytest.approx(f.npv(0.08, BENEFITS - COSTS))
    # triangular means: (a + m + b) / 3 ; PERT means: (a + 4m + b) / 6
    assert a.inputs["cost_scale"].mean() == pytest.approx((0.95 + 1.0 + 1.4) / 3, abs=0.005)
    p = f.monte_carlo_npv(COSTS, BENEFITS, ranges=ranges, n=20_000, seed=7, distribution="pert")
    assert p.inputs["cost_scale"].mean() == pytest.approx((0.95 + 4 * 1.0 + 1.4) / 6, abs=0.005)
    assert list(a.summary().index) == ["base_npv", "mean", "sd", "p10", "p50", "p80", "p90", "min", "max",
                                       "p_negative"]
    assert a.std == a.sd and a.summary()["p_negative"] == a.p_negative
    # the downside-skewed ranges pull the mean below the base case
    assert a.mean < a.base_npv


def test_monte_carlo_bad_input():
    with pytest.raises(InputError, match="low <= most likely <= high"):
        f.monte_carlo_npv(COSTS, BENEFITS, ranges={"cost_scale": (1.2, 1.0, 1.4)})
    with pytest.raises(InputError, match="unknown input"):
        f.monte_carlo_npv(COSTS, BENEFITS, ranges={"price": (1, 2, 3)})
    with pytest.raises(InputError, match="distribution"):
        f.monte_carlo_npv(COSTS, BENEFITS, distribution="normal")
    with pytest.raises(InputError, match="n = 0 is out of range"):
        f.monte_carlo_npv(COSTS, BENEFITS, n=0)


def test_net_cashflows_layout_and_errors():
    wide = f.net_cashflows()
    assert wide.loc["P07"].iloc[:6].tolist() == [-900, 280, 680, 680, 680, 680]
    assert (wide.loc["P07"].iloc[6:] == 0).all()  # padded with zeros after its horizon
    with pytest.raises(InputError, match="missing column"):
        f.net_cashflows(pd.DataFrame({"project_id": ["A"], "year": [0], "cost": [1.0]}))
    dup = pd.DataFrame({"project_id": ["A", "A"], "year": [0, 0], "cost": [1.0, 2.0], "benefit": [0.0, 0.0]})
    with pytest.raises(InputError, match="two rows"):
        f.net_cashflows(dup)


# ---------------------------------------------------------------------------------------
# properties (hypothesis)
# ---------------------------------------------------------------------------------------
conventional = st.tuples(
    st.floats(10, 5_000),
    st.lists(st.floats(0, 2_000), min_size=1, max_size=15),
).filter(lambda t: sum(t[1]) > 1e-3 * t[0] and max(t[1]) > 1e-6)


@settings(max_examples=80, deadline=None)
@given(conventional)
def test_npv_at_irr_is_zero(case):
    invest, inflows = case
    flows = [-invest] + inflows
    r = f.irr(flows)
    scale = invest + sum(inflows)
    assert abs(f.npv(r, flows)) <= 1e-8 * scale


@settings(max_examples=60, deadline=None)
@given(conventional, st.floats(-0.5, 2.0), st.floats(0.001, 1.0))
def test_npv_falls_as_rate_rises_for_an_investment(case, r1, dr):
    invest, inflows = case
    flows = [-invest] + inflows
    assert f.npv(r1 + dr, flows) <= f.npv(r1, flows) + 1e-9 * (invest + sum(inflows))


@settings(max_examples=40, deadline=None)
@given(st.lists(conventional, min_size=1, max_size=8), st.floats(0.0, 0.3))
def test_batch_equals_row_by_row(cases, rate):
    n = max(len(c[1]) for c in cases) + 1
    arr = np.zeros((len(cases), n))
    for i, (inv, infl) in enumerate(cases):
        arr[i, 0] = -inv
        arr[i, 1:1 + len(infl)] = infl
    np.testing.assert_allclose(f.npv(rate, arr), [f.npv(rate, row) for row in arr], rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(f.irr(arr), [f.irr(row) for row in arr], rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(f.payback_period(arr), [f.payback_period(row) for row in arr])
    np.testing.assert_allclose(f.discounted_payback_period(rate, arr),
                               [f.discounted_payback_period(rate, row) for row in arr])
    np.testing.assert_allclose(f.mirr(arr, rate, rate), [f.mirr(row, rate, rate) for row in arr], rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(conventional, st.floats(0.0, 0.3))
def test_payback_is_where_the_cumulative_crosses_zero(case, rate):
    invest, inflows = case
    flows = np.array([-invest] + inflows)
    pb = f.discounted_payback_period(rate, flows)
    disc = flows / (1 + rate) ** np.arange(flows.size)
    if np.isinf(pb):
        assert disc.sum() < 0
    else:
        k = int(np.ceil(pb)) if pb > int(pb) else int(pb)
        cum = np.cumsum(disc)
        assert cum[k] >= -1e-9 * invest
        before = cum[int(np.floor(pb))] if pb > int(pb) else (cum[k - 1] if k > 0 else 0)
        assert before <= 1e-9 * invest
    # PI > 1 exactly when NPV > 0
    pi = f.profitability_index(rate, flows)
    assert (pi > 1) == (f.npv(rate, flows) > 0) or abs(f.npv(rate, flows)) < 1e-9 * invest
