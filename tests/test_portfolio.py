"""pmlib.portfolio against published worked examples, properties and bad input."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib import portfolio as P
from pmlib.errors import InfeasibleError, InputError, MissingColumnError, UnknownIdError

# --------------------------------------------------------------------------------------
# AHP
# --------------------------------------------------------------------------------------
# Saaty, T. L. (2008) "Decision making with the analytic hierarchy process", Int. J. Services
# Sciences 1(1), Table 2: "Which drink is consumed more in the U.S.?"; published eigenvector
# coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129, water .327.
DRINKS = {("coffee", "wine"): 9, ("coffee", "tea"): 5, ("coffee", "beer"): 2, ("coffee", "soda"): 1,
          ("coffee", "milk"): 1, ("coffee", "water"): 1 / 2,
          ("wine", "tea"): 1 / 3, ("wine", "beer"): 1 / 9, ("wine", "soda"): 1 / 9, ("wine", "milk"): 1 / 9,
          ("wine", "water"): 1 / 9,
          ("tea", "beer"): 1 / 3, ("tea", "soda"): 1 / 4, ("tea", "milk"): 1 / 3, ("tea", "water"): 1 / 9,
          ("beer", "soda"): 1 / 2, ("beer", "milk"): 1, ("beer", "water"): 1 / 3,
          ("soda", "milk"): 2, ("soda", "water"): 1 / 2,
          ("milk", "water"): 1 / 3}
DRINKS_PUBLISHED = {"coffee": 0.177, "wine": 0.019, "tea": 0.042, "beer": 0.116, "soda": 0.190,
                    "milk": 0.129, "water": 0.327}


def test_ahp_saaty_2008_drinks():
    a = P.ahp(P.pairwise_matrix(DRINKS))
    for k, w in DRINKS_PUBLISHED.items():
        assert a.weights[k] == pytest.approx(w, abs=0.0006), k
    assert a.lambda_max > 7 and a.consistent
    assert a.ri == 1.32 and a.cr == pytest.approx(a.ci / 1.32)


# Wikipedia, "Analytic hierarchy process - leader example" (after Saaty's choosing-a-leader
# case): criteria weights experience .547, education .127, charisma .270, age .056; the
# synthesis ranks Dick .492, Tom .358, Harry .149 (the article rounds local priorities).
LEADER_CRITERIA = {("exp", "edu"): 4, ("exp", "cha"): 3, ("exp", "age"): 7, ("edu", "cha"): 1 / 3,
                   ("edu", "age"): 3, ("cha", "age"): 5}
LEADER_ALTS = {
    "exp": {("Tom", "Dick"): 1 / 4, ("Tom", "Harry"): 4, ("Dick", "Harry"): 9},
    "edu": {("Tom", "Dick"): 3, ("Tom", "Harry"): 1 / 5, ("Dick", "Harry"): 1 / 7},
    "cha": {("Tom", "Dick"): 5, ("Tom", "Harry"): 9, ("Dick", "Harry"): 4},
    "age": {("Tom", "Dick"): 1 / 3, ("Tom", "Harry"): 5, ("Dick", "Harry"): 9},
}


def test_ahp_leader_example_hierarchical_synthesis():
    crit = P.ahp(P.pairwise_matrix(LEADER_CRITERIA))
    for k, w in {"exp": 0.547, "edu": 0.127, "cha": 0.270, "age": 0.056}.items():
        assert crit.weights[k] == pytest.approx(w, abs=0.0015)
    table = P.synthesize(crit, {c: P.pairwise_matrix(m) for c, m in LEADER_ALTS.items()})
    assert list(table.index) == ["Dick", "Tom", "Harry"]
    for k, w in {"Dick": 0.492, "Tom": 0.358, "Harry": 0.149}.items():
        assert table.loc[k, "priority"] == pytest.approx(w, abs=0.002)
    assert table["priority"].sum() == pytest.approx(1.0)


def test_random_index_is_saatys_1980_table():
    assert [P.RANDOM_INDEX[n] for n in range(3, 11)] == [0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.05, 10), min_size=2, max_size=9))
def test_ahp_consistent_matrix_recovers_weights(raw):
    w = np.array(raw) / np.sum(raw)
    m = w[:, None] / w[None, :]
    a = P.ahp(m)
    assert np.allclose(a.weights.to_numpy(), w, atol=1e-8)
    assert a.lambda_max == pytest.approx(len(w), abs=1e-7)
    assert a.cr == pytest.approx(0.0, abs=1e-7)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9]), min_size=6, max_size=6))
def test_ahp_lambda_max_at_least_n(judgements):
    items = ["a", "b", "c", "d"]
    pairs = dict(zip(itertools.combinations(items, 2), judgements, strict=True))
    a = P.ahp(P.pairwise_matrix(pairs))
    assert a.lambda_max >= 4 - 1e-9          # Saaty: lambda_max >= n for positive reciprocal matrices
    assert a.weights.sum() == pytest.approx(1.0) and (a.weights > 0).all()


def test_ahp_bad_matrices():
    with pytest.raises(InputError, match="square"):
        P.ahp([[1, 2, 3], [0.5, 1, 2]])
    with pytest.raises(InputError, match="positive"):
        P.ahp([[1, -2], [-0.5, 1]])
    with pytest.raises(InputError, match="reciprocal"):
        P.ahp([[1, 3], [3, 1]])
    with pytest.raises(InputError, match="itself"):
        P.ahp([[2, 3], [1 / 3, 1]])


def test_pairwise_matrix_group_geometric_mean_and_missing_pair():
    j = pm.datasets.load("ahp_judgements")
    m = P.pairwise_matrix(j)
    dana, marcus, ravi = 3, 1, 2   # digital_revenue vs cost_efficiency
    assert m.loc["digital_revenue", "cost_efficiency"] == pytest.approx((dana * marcus * ravi) ** (1 / 3))
    assert m.loc["cost_efficiency", "digital_revenue"] == pytest.approx(1 / m.loc["digital_revenue", "cost_efficiency"])
    a = P.ahp(m)
    assert a.consistent and a.weights.idxmax() == "digital_revenue"
    with pytest.raises(InputError, match="no comparison of 'b' with 'c'"):
        P.pairwise_matrix({("a", "b"): 2, ("a", "c"): 3})


# --------------------------------------------------------------------------------------
# scoring frameworks
# --------------------------------------------------------------------------------------
def test_weighted_score_scale_and_no_mutation():
    df = pd.DataFrame({"id": ["A", "B", "C"], "fit_x": [5, 0, 3], "risk": [1, 5, 3]})
    before = df.copy()
    s = P.weighted_score(df, {"x": 3, "risk": 1}, lower_is_better=["risk"])
    # min-max: x -> 1, 0, 0.6 ; risk reversed -> 1, 0, 0.5 ; weights 0.75 / 0.25
    assert s.round(4).tolist() == [1.0, 0.0, 0.575]
    assert list(s.index) == ["A", "B", "C"]
    pd.testing.assert_frame_equal(df, before)
    with pytest.raises(InputError, match="weights"):
        P.weighted_score(df, {"y": 1})
    with pytest.raises(InputError, match=">= 0"):
        P.weighted_score(df, {"x": -1})


def test_weighted_score_names_the_row_with_nan():
    df = pd.DataFrame({"id": ["A", "B"], "fit_x": [5, np.nan]})
    with pytest.raises(InputError, match="row 'B', column 'fit_x'"):
        P.weighted_score(df, {"x": 1})


def test_rice_wsjf_cost_of_delay():
    # RICE = reach * impact * confidence / effort (McBride, Intercom 2016)
    assert P.rice(2000, 2, 0.5, 4) == pytest.approx(500.0)
    # SAFe WSJF: (BV + TC + RR) / job size
    assert P.cost_of_delay(13, 8, 5) == 26.0
    assert P.wsjf(13, 8, 5, 13) == pytest.approx(2.0)
    s = P.wsjf(pd.Series([8, 3], index=["A", "B"]), [5, 2], [3, 1], [8, 2])
    assert s.to_dict() == {"A": 2.0, "B": 3.0}
    with pytest.raises(InputError, match="confidence"):
        P.rice(10, 1, 80, 1)
    with pytest.raises(InputError, match="job_size"):
        P.wsjf(1, 1, 1, 0)


def test_compare_rankings_spread():
    s = pd.DataFrame({"a": [3, 2, 1], "b": [3, 1, 2]}, index=["X", "Y", "Z"])
    r = P.compare_rankings(s)
    assert r.loc["X", "spread"] == 0 and r.loc["Y", "spread"] == 1
    assert r.attrs["kendall_tau"].loc["a", "b"] == pytest.approx(1 / 3)


# --------------------------------------------------------------------------------------
# selection: published examples
# --------------------------------------------------------------------------------------
def test_select_california_manufacturing():
    # Hillier & Lieberman, Introduction to Operations Research, sec. 12.1: optimum x = (1,1,0,0), Z = 14.
    cmc = pd.DataFrame({"id": ["FLA", "FSF", "WLA", "WSF"], "npv": [9, 5, 6, 4], "cost": [6, 3, 5, 2]})
    s = P.select(cmc, 10, mutually_exclusive=[["WLA", "WSF"]], requires={"WLA": ["FLA"], "WSF": ["FSF"]})
    assert s.selected == ["FLA", "FSF"] and s.total_value == 14 and s.total_cost == 9
    assert s.gap <= 1e-4
    assert s.table.loc["WLA", "reason"].startswith("not funded")
    # without the side constraints the plain knapsack does better: FSF + WLA + WSF, Z = 15
    plain = P.select(cmc, 10)
    assert plain.total_value == 15 and set(plain.selected) == {"FSF", "WLA", "WSF"}


# Rosetta Code, "Knapsack problem/0-1": 22 items, capacity 400 dag; published optimum value
# 1030 with weight 396.
KNAPSACK = [("map", 9, 150), ("compass", 13, 35), ("water", 153, 200), ("sandwich", 50, 160),
            ("glucose", 15, 60), ("tin", 68, 45), ("banana", 27, 60), ("apple", 39, 40),
            ("cheese", 23, 30), ("beer", 52, 10), ("suntan cream", 11, 70), ("camera", 32, 30),
            ("T-shirt", 24, 15), ("trousers", 48, 10), ("umbrella", 73, 40),
            ("waterproof trousers", 42, 70), ("waterproof overclothes", 43, 75),
            ("note-case", 22, 80), ("sunglasses", 7, 20), ("towel", 18, 12), ("socks", 4, 50),
            ("book", 30, 10)]


def test_select_rosetta_code_knapsack():
    df = pd.DataFrame(KNAPSACK, columns=["id", "weight", "value"])
    s = P.select(df, 400, value="value", cost="weight", mip_rel_gap=0)
    assert s.total_value == 1030 and s.total_cost == 396
    assert set(s.selected) == {"map", "compass", "water", "sandwich", "glucose", "banana", "suntan cream",
                               "waterproof trousers", "waterproof overclothes", "note-case", "sunglasses",
                               "socks"}
    assert s.binding == ["weight"]
    fr = P.efficient_frontier(df, [100, 200, 300, 400], value="value", cost="weight", mip_rel_gap=0)
    assert fr["total_value"].iloc[-1] == 1030


def test_greedy_loses_to_optimum_on_the_knapsack():
    df = pd.DataFrame(KNAPSACK, columns=["id", "weight", "value"])
    g = P.greedy_select(df, 400, value="value", cost="weight")
    assert g.method == "greedy" and g.total_value < 1030 and g.total_cost <= 400
    assert "cut line" in g.table["reason"].iloc[0]


# --------------------------------------------------------------------------------------
# selection: properties
# --------------------------------------------------------------------------------------
items = st.lists(st.tuples(st.integers(1, 50), st.integers(0, 60), st.integers(0, 30)), min_size=1, max_size=9)


def _frame(rows):
    return pd.DataFrame({"id": [f"C{i}" for i in range(len(rows))], "cost": [r[0] for r in rows],
                         "npv": [r[1] for r in rows], "fte": [r[2] for r in rows]})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items, st.integers(0, 150), st.integers(0, 60))
def test_select_matches_brute_force_and_beats_greedy(rows, budget, fte):
    df = _frame(rows)
    s = P.select(df, {"cost": budget, "fte": fte}, mip_rel_gap=0)
    x = np.array(list(itertools.product([0, 1], repeat=len(df))))
    ok = (x @ df["cost"].to_numpy() <= budget) & (x @ df["fte"].to_numpy() <= fte)
    best = (x @ df["npv"].to_numpy())[ok].max()
    assert s.total_value == pytest.approx(best)
    chosen = df[df["id"].isin(s.selected)]
    assert chosen["cost"].sum() <= budget and chosen["fte"].sum() <= fte
    g = P.greedy_select(df, {"cost": budget, "fte": fte})
    assert s.total_value >= g.total_value - 1e-9
    money_only = P.select(df, budget, mip_rel_gap=0).total_value
    for ratio in (None, "ratio"):
        assert money_only >= P.greedy_select(df, budget, rank_by=ratio).total_value - 1e-9


@settings(max_examples=40, deadline=None)
@given(items, st.lists(st.integers(0, 200), min_size=1, max_size=6))
def test_frontier_never_decreases_and_matches_select(rows, budgets):
    df = _frame(rows)
    fr = P.efficient_frontier(df, budgets, mip_rel_gap=0)
    assert list(fr["budget"]) == sorted(float(b) for b in budgets)
    assert (np.diff(fr["total_value"].to_numpy()) >= -1e-9).all()
    assert (fr["total_cost"] <= fr["budget"] + 1e-9).all()
    for b, v in zip(fr["budget"], fr["total_value"], strict=True):
        assert v == pytest.approx(P.select(df, b, mip_rel_gap=0).total_value)


@settings(max_examples=40, deadline=None)
@given(items, st.integers(10, 150))
def test_select_respects_dependencies_exclusivity_and_shares(rows, budget):
    df = _frame(rows)
    df["category"] = np.where(np.arange(len(df)) % 2 == 0, "growth", "innovation")
    n = len(df)
    groups = [["C0", "C1"]] if n >= 2 else []
    req = {"C2": ["C0"]} if n >= 3 else {}
    try:
        s = P.select(df, budget, mutually_exclusive=groups, requires=req,
                     category_limits={"innovation": (None, 0.5)} if n >= 2 else None, mip_rel_gap=0)
    except InfeasibleError:
        return
    sel = set(s.selected)
    assert df.loc[df["id"].isin(sel), "cost"].sum() <= budget
    if n >= 2:
        assert not {"C0", "C1"} <= sel
        spend = df[df["id"].isin(sel)]
        if spend["cost"].sum() > 0:
            assert spend.loc[spend["category"] == "innovation", "cost"].sum() <= 0.5 * spend["cost"].sum() + 1e-6
    if n >= 3 and "C2" in sel:
        assert "C0" in sel


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 50), st.integers(0, 60), st.integers(0, 30)), min_size=15, max_size=18),
       st.lists(st.integers(0, 500), min_size=2, max_size=5))
def test_core_frontier_matches_select_beyond_enumeration(rows, budgets):
    """Above 14 candidates the frontier uses LP reduced-cost fixing: it must still be optimal."""
    df = _frame(rows)
    fr = P.efficient_frontier(df, budgets, other_limits={"fte": 120}, mip_rel_gap=0)
    assert (np.diff(fr["total_value"].to_numpy()) >= -1e-9).all()
    for b, v, chosen in zip(fr["budget"], fr["total_value"], fr["selected"], strict=True):
        ref = P.select(df, {"cost": b, "fte": 120}, mip_rel_gap=0).total_value
        assert v == pytest.approx(ref, abs=1e-6)
        rows_in = df[df["id"].isin(chosen)]
        assert rows_in["cost"].sum() <= b + 1e-9 and rows_in["fte"].sum() <= 120 + 1e-9


def test_frontier_with_many_candidates_is_exact_enough():
    rng = np.random.default_rng(3)
    n = 300
    df = pd.DataFrame({"id": [f"C{i}" for i in range(n)], "cost": rng.uniform(100, 3000, n).round()})
    df["npv"] = (df["cost"] * rng.uniform(0.2, 2.0, n)).round()
    levels = np.linspace(df["cost"].sum() * 0.1, df["cost"].sum() * 0.6, 5)
    fr = P.efficient_frontier(df, levels)
    for b, v in zip(fr["budget"], fr["total_value"], strict=True):
        ref = P.select(df, b, mip_rel_gap=1e-9).total_value
        assert v >= ref * (1 - 2e-4) and v <= ref + 1e-6


# --------------------------------------------------------------------------------------
# selection: bad input
# --------------------------------------------------------------------------------------
@pytest.fixture
def cands():
    return pd.DataFrame({"id": ["A", "B", "C"], "npv": [10.0, 7.0, 6.0], "cost": [6.0, 4.0, 3.0],
                         "category": ["growth", "growth", "innovation"]})


def test_select_bad_input(cands):
    with pytest.raises(InputError, match="negative"):
        P.select(cands, -1)
    with pytest.raises(UnknownIdError, match="must refers to unknown candidate id.*Z"):
        P.select(cands, 10, must=["Z"])
    with pytest.raises(UnknownIdError, match="exclude"):
        P.select(cands, 10, exclude=["Q"])
    with pytest.raises(UnknownIdError, match="requires"):
        P.select(cands, 10, requires={"A": ["Nope"]})
    with pytest.raises(MissingColumnError, match="columns found: id, npv, cost, category"):
        P.select(cands, 10, value="benefit")
    bad = cands.copy()
    bad.loc[1, "cost"] = np.nan
    with pytest.raises(InputError, match="row 'B', column 'cost'"):
        P.select(bad, 10)
    with pytest.raises(InfeasibleError, match="must-fund projects A, B alone need 10 of 'cost', more than the limit 8"):
        P.select(cands, 8, must=["A", "B"])
    with pytest.raises(InputError, match="both in must and in exclude"):
        P.select(cands, 10, must=["A"], exclude=["A"])
    with pytest.raises(InfeasibleError, match="excluded"):
        P.select(cands, 10, must=["A"], requires={"A": ["B"]}, exclude=["B"])
    with pytest.raises(InfeasibleError, match="no selection satisfies"):
        P.select(cands, 10, must=["A"], category_limits={"innovation": (0.9, None)})
    with pytest.raises(InputError, match="budget\\['fte'\\]"):
        P.select(cands.assign(fte=1.0), {"cost": 10, "fte": float("nan")})


def test_select_does_not_mutate_and_explains(cands):
    before = cands.copy()
    s = P.select(cands, 9, must=["C"])
    pd.testing.assert_frame_equal(cands, before)
    assert s.selected == ["A", "C"]
    assert s.table.loc["C", "reason"] == "funded: must fund"
    assert "needs 4 of cost, only 0 left" in s.table.loc["B", "reason"]
    big = P.select(cands.assign(cost=[6000.0, 1200.0, 300.0]), 6400)
    assert big.table.loc["B", "reason"] == "not funded: needs 1,200 of cost, only 100 left"
    assert s.binding == ["cost"]
    assert str(s).startswith("optimal selection: 2 of 3 funded")


def test_must_pulls_in_what_it_requires(cands):
    s = P.select(cands, 13, must=["C"], requires={"C": ["B"]})
    assert {"B", "C"} <= set(s.selected)


# --------------------------------------------------------------------------------------
# balance, capacity, what-if, zombies on the organisation's data
# --------------------------------------------------------------------------------------
def test_capacity_data_scientists_short_by_a_fifth():
    cap = P.capacity_check(pm.datasets.load("staff_demand"), pm.datasets.load("resources"), year=2027)
    ds = cap.loc[(2027, "data_scientist")]
    assert ds["demand"] == pytest.approx(5.0) and ds["capacity"] == pytest.approx(4.0)
    assert ds["shortfall_share"] == pytest.approx(0.2)
    assert cap.index[0] == (2027, "data_scientist")
    assert (cap.drop(index=(2027, "data_scientist"))["gap"] <= 1e-9).all()


def test_staff_columns_feed_select():
    projects = pm.datasets.load("projects")
    cand = projects[projects["status"] == "candidate"]
    staff = P.staff_columns(pm.datasets.load("staff_demand"), year=2027)
    table = cand.merge(staff, left_on="id", right_index=True, how="left").fillna({c: 0.0 for c in staff.columns})
    limits = {"cost": 6000, **P.capacity_limits(pm.datasets.load("resources"), staff.columns)}
    s = P.select(table, limits, value="npv")
    used = table.set_index("id").loc[s.selected, "fte_data_scientist_2027"].sum()
    assert used <= 4.0 + 1e-9 and s.total_cost <= 6000


def test_category_balance_with_targets(cands):
    b = P.category_balance(cands, ["A", "C"], targets={"growth": 0.6, "innovation": 0.3, "sustain": 0.1})
    assert b.loc["growth", "share"] == pytest.approx(6 / 9)
    assert b.loc["sustain", "amount"] == 0 and b.loc["sustain", "gap"] == pytest.approx(-0.1)


def test_what_if_budget_cut_stop_and_halt(cands):
    w = P.what_if(cands, 13, new_budget=6, stop=pd.Series({"Z9": 3.0}), add_exclude=["C"])
    assert w.base.selected == ["A", "B", "C"]
    assert w.freed == 3.0 and w.scenario.constraints.loc["cost", "limit"] == 9
    assert w.scenario.selected == ["A"]
    assert w.delayed == ["B"] and w.halted == ["C"] and w.stopped == ["Z9"]
    w2 = P.what_if(cands, 9, new_value=pd.Series({"A": 1.0, "B": 5.0, "C": 5.0}))
    assert w2.base.selected == ["A", "C"] and w2.scenario.selected == ["B", "C"]
    assert w2.funded == ["B"] and w2.delayed == ["A"]


def test_zombies_with_cpi_columns():
    p = pd.DataFrame({"id": ["Z", "OK", "SLOW"], "cost": [1000.0, 1000.0, 500.0], "npv": [-50.0, 400.0, 300.0],
                      "fit_growth": [1, 4, 4], "cpi": [0.8, 1.0, 0.85], "spi_t": [0.7, 0.95, 0.8],
                      "ac": [500.0, 500.0, 200.0]})
    z = P.zombies(p)
    assert z["zombie"].to_dict() == {"Z": True, "SLOW": False, "OK": False}
    assert z.loc["Z", "eac"] == pytest.approx(1250.0) and z.loc["Z", "etc"] == pytest.approx(750.0)
    assert z.loc["SLOW", "flags"] == 1
    with pytest.raises(MissingColumnError, match="cpi"):
        P.zombies(p.drop(columns="cpi"))


def test_zombies_on_the_organisation_use_earned_value():
    z = P.zombies(pm.datasets.load("projects"), pm.datasets.load("status_periods"),
                  weights=pm.datasets.load("strategic_objectives").set_index("id")["weight"])
    assert set(z.index[z["zombie"]]) == {"P17", "P19", "P20"}
    assert z.loc["P05", "spi"] == pytest.approx(0.8, abs=0.02) and not z.loc["P05", "zombie"]
    # PMI: EAC = BAC / CPI, ETC = EAC - AC
    r = z.loc["P17"]
    assert r["eac"] == pytest.approx(r["bac"] / r["cpi"]) and r["etc"] == pytest.approx(r["eac"] - r["ac"])
    assert z["freed"].sum() == pytest.approx(z.loc[["P17", "P19", "P20"], "etc"].sum())


# --------------------------------------------------------------------------------------
# funding rounds from the data, dependency tables, the closed-form knapsack relaxation
# --------------------------------------------------------------------------------------
def test_funding_rounds_come_from_the_data():
    plan, cut = P.funding_scenario("fy2027_plan"), P.funding_scenario("downturn")
    assert (plan.budget, plan.must, plan.halt_category, plan.staff_year) == (6000.0, ["P16"], None, 2027)
    assert cut.budget < plan.budget and "P11" in cut.must and cut.halt_category == "innovation"
    assert cut.weights["cost_efficiency"] > plan.weights["cost_efficiency"]
    cand = pm.datasets.load("projects").query("status == 'candidate'")
    assert set(cut.halted(cand)) == set(cand.loc[cand["category"] == "innovation", "id"])
    assert plan.halted(cand) == []


def test_select_reads_requirements_from_a_dependency_table():
    """project_dependencies.csv: P07 and P15 start on top of P22, so funding one needs P22."""
    cand = pm.datasets.load("projects").query("status == 'candidate'")
    links = pm.datasets.load("project_dependencies")
    by_table = P.select(cand, 3000, requires=links, exclude=["P22"])
    assert "P07" not in by_table.selected and "P15" not in by_table.selected
    by_dict = P.select(cand, 3000, requires={"P07": ["P22"], "P15": ["P22"]}, exclude=["P22"])
    assert by_table.selected == by_dict.selected


@settings(max_examples=150, deadline=None)
# Weights are costs: zero or at least 0.001. HiGHS treats smaller matrix coefficients as zero (its
# small_matrix_value is 1e-9), so on a weight of 1e-11 it, not _knapsack_lp, is the one that is wrong.
@given(st.lists(st.tuples(st.floats(-5, 20), st.one_of(st.just(0.0), st.floats(1e-3, 10)),
                          st.sampled_from(["free", "in", "out"])),
                min_size=1, max_size=25), st.floats(0, 120))
def test_knapsack_relaxation_matches_highs(items, cap):
    """Dantzig's greedy bound equals the LP optimum (G. B. Dantzig, Operations Research 5, 1957)."""
    from scipy import optimize

    from pmlib.portfolio.frontier import _knapsack_lp

    v = np.array([i[0] for i in items])
    w = np.array([i[1] for i in items])
    lb = np.array([1.0 if i[2] == "in" else 0.0 for i in items])
    ub = np.array([0.0 if i[2] == "out" else 1.0 for i in items])
    mine = _knapsack_lp(v, w, cap, lb, ub)
    res = optimize.linprog(-v, A_ub=w[None, :], b_ub=[cap], bounds=np.column_stack([lb, ub]), method="highs")
    if res.status != 0:
        assert mine is None
        return
    z, x, d_low, d_up = mine
    assert z == pytest.approx(-res.fun, abs=1e-6 * max(1, abs(res.fun)))
    assert (w @ x <= cap + 1e-9) and ((x >= lb - 1e-12) & (x <= ub + 1e-12)).all()
    assert (d_low >= 0).all() and (d_up <= 0).all()
