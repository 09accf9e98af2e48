"""pmlib.risk: EMV, decision trees, probability-impact matrix, contingency, register Monte Carlo.

Published examples:
- PMI, PMBOK Guide 5th ed. (2013), Figure 11-16 "Decision Tree Diagram": build a new plant
  (invest $120M; strong demand 60 % -> $200M, weak 40 % -> $90M) or upgrade (invest $50M;
  $120M / $60M). EMV build = $36M, upgrade = $46M: upgrade.
- The same tree with 65 % / 35 % demand (B. Powell, "Decision Tree Example", PMI/Intel
  training deck): build $41.5M, upgrade $49M.
- PMI, PMBOK Guide 5th ed., Figure 11-10 "Probability and Impact Matrix": probability
  levels 0.1-0.9 x impact 0.05-0.80; cells show P x I rounded to two decimals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib.errors import InputError, MissingColumnError

# ---------------------------------------------------------------- published examples


def plant_tree(p_strong=0.6):
    def demand(strong, weak):
        return {"chance": {"Strong demand": {"p": p_strong, "payoff": strong},
                           "Weak demand": {"p": round(1 - p_strong, 10), "payoff": weak}}}

    return {"decision": {
        "Build new plant": {"cost": 120, **demand(200, 90)},
        "Upgrade plant": {"cost": 50, **demand(120, 60)},
    }}


def test_pmbok_figure_11_16_build_or_upgrade():
    r = pm.risk.decision_tree(plant_tree())
    assert r.best == "Upgrade plant"
    assert r.value == pytest.approx(46.0)
    t = r.table.set_index("path")
    assert t.loc["Build new plant", "net_value"] == pytest.approx(36.0)
    assert t.loc["Upgrade plant", "net_value"] == pytest.approx(46.0)
    # net path values printed in the figure: payoff minus the investment on the path
    assert t.loc["Build new plant / Weak demand", "payoff"] - 120 == pytest.approx(-30)
    assert t.loc["Upgrade plant / Weak demand", "payoff"] - 50 == pytest.approx(10)
    assert r.policy == {"root": "Upgrade plant"}
    assert t.loc["Upgrade plant / Strong demand", "on_best_path"]
    assert not t.loc["Build new plant / Strong demand", "on_best_path"]


def test_powell_variant_65_35():
    r = pm.risk.decision_tree(plant_tree(0.65))
    t = r.table.set_index("path")
    assert t.loc["Build new plant", "net_value"] == pytest.approx(41.5)
    assert r.value == pytest.approx(49.0)
    assert r.best == "Upgrade plant"


def test_pmbok_chance_node_as_emv():
    # the chance node of "build" in Figure 11-16: .60 x 80 + .40 x (-30) = 36
    assert pm.risk.emv([0.6, 0.4], [80, -30]) == pytest.approx(36.0)
    assert pm.risk.emv([0.6, 0.4], [70, 10]) == pytest.approx(46.0)


def test_decision_tree_from_table_matches_dict():
    table = pd.DataFrame([
        dict(id="decide", parent=None, kind="decision"),
        dict(id="build", parent="decide", kind="chance", cost=120),
        dict(id="b_strong", parent="build", kind="terminal", probability=0.6, payoff=200),
        dict(id="b_weak", parent="build", kind="terminal", probability=0.4, payoff=90),
        dict(id="upgrade", parent="decide", kind="chance", cost=50),
        dict(id="u_strong", parent="upgrade", kind="terminal", probability=0.6, payoff=120),
        dict(id="u_weak", parent="upgrade", kind="terminal", probability=0.4, payoff=60),
    ])
    before = table.copy()
    r = pm.risk.decision_tree(table)
    assert r.best == "upgrade" and r.value == pytest.approx(46.0)
    pd.testing.assert_frame_equal(table, before)


def test_pmbok_figure_11_10_matrix():
    m = pm.risk.probability_impact_matrix()
    published = {  # probability -> threats row of Figure 11-10
        0.9: [0.05, 0.09, 0.18, 0.36, 0.72],
        0.7: [0.04, 0.07, 0.14, 0.28, 0.56],
        0.5: [0.03, 0.05, 0.10, 0.20, 0.40],
        0.3: [0.02, 0.03, 0.06, 0.12, 0.24],
        0.1: [0.01, 0.01, 0.02, 0.04, 0.08],
    }
    assert list(m.index) == [0.9, 0.7, 0.5, 0.3, 0.1]
    assert list(m.columns) == [0.05, 0.1, 0.2, 0.4, 0.8]
    for p, row in published.items():
        # the figure rounds half up to two decimals (0.025 -> 0.03)
        np.testing.assert_allclose(m.loc[p].to_numpy(), row, atol=0.005 + 1e-12)
    assert pm.risk.risk_rating(m.loc[0.9, 0.8]) == "high"
    assert pm.risk.risk_rating(m.loc[0.1, 0.05]) == "low"
    assert pm.risk.risk_rating(m.loc[0.5, 0.2]) == "moderate"


# ---------------------------------------------------------------- EMV


def test_emv_shapes():
    assert pm.risk.emv(0.25, -400) == -100.0
    assert isinstance(pm.risk.emv([0.1, 0.2], [10, 20]), float)
    out = pm.risk.emv([[0.5, 0.5], [0.1, 0.9]], [[10, 20], [100, 0]])
    np.testing.assert_allclose(out, [15, 10])
    df = pd.DataFrame([[10, 20], [100, 0]], index=["P01", "P02"])
    s = pm.risk.emv(np.array([[0.5, 0.5], [0.1, 0.9]]), df)
    assert list(s.index) == ["P01", "P02"]


def test_emv_probabilities_need_not_sum_to_one():
    assert pm.risk.emv([0.3, 0.3, 0.3], [100, 100, 100]) == pytest.approx(90)


@pytest.mark.parametrize(
    "p, x, match",
    [
        ([0.2, 1.2], [1, 2], r"probabilities\[1\].*not a probability"),
        ([-0.1], [1], r"probabilities\[0\]"),
        ([0.2, 0.3], [1, 2, 3], "different shapes"),
        ([0.2, np.nan], [1, 2], "NaN"),
        ([0.2, 0.3], [1, "x"], r"impacts\[1\]"),
        ([], [], "empty"),
    ],
)
def test_emv_bad_input(p, x, match):
    with pytest.raises(InputError, match=match):
        pm.risk.emv(p, x)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0, 1), min_size=1, max_size=8).flatmap(
        lambda ps: st.tuples(
            st.just(ps),
            st.lists(st.floats(-1e4, 1e4), min_size=len(ps), max_size=len(ps)),
            st.lists(st.floats(-1e4, 1e4), min_size=len(ps), max_size=len(ps)),
        )
    ),
    st.floats(-10, 10),
    st.floats(-10, 10),
)
def test_emv_is_linear(data, a, b):
    p, x, y = data
    z = a * np.array(x) + b * np.array(y)
    assert pm.risk.emv(p, z) == pytest.approx(a * pm.risk.emv(p, x) + b * pm.risk.emv(p, y), abs=1e-6)


# ---------------------------------------------------------------- decision-tree rules


def test_chance_probabilities_must_sum_to_one():
    tree = {"chance": {"a": {"p": 0.5, "payoff": 1}, "b": {"p": 0.4, "payoff": 2}}}
    with pytest.raises(InputError, match=r"sum to 0\.9.*a: 0\.5, b: 0\.4"):
        pm.risk.decision_tree(tree)


@pytest.mark.parametrize(
    "tree, match",
    [
        ({"chance": {"a": {"p": 1.5, "payoff": 1}}}, "outside"),
        ({"chance": {"a": {"payoff": 1}}}, "needs its probability"),
        ({"decision": {"a": {"p": 0.5, "payoff": 1}}}, "no probability"),
        ({"decision": {"a": {"cost": 5}}}, "needs a 'payoff'"),
        ({"decision": {}}, "non-empty"),
        ({"decision": {"a": {"payoff": 1, "chance": {}}}}, "not both"),
        ({"decision": {"a": {"payof": 1}}}, "unknown key"),
        ({"node": {}}, "one key, 'decision' or 'chance'"),
    ],
)
def test_decision_tree_bad_input(tree, match):
    with pytest.raises(InputError, match=match):
        pm.risk.decision_tree(tree)


def test_decision_tree_min_objective_for_costs():
    # choose the cheaper expected cost: fixed 100 or a 50/50 gamble of 40 / 180 (110)
    tree = {"decision": {"fixed price": 100,
                         "time and materials": {"chance": {"low": {"p": 0.5, "payoff": 40},
                                                           "high": {"p": 0.5, "payoff": 180}}}}}
    r = pm.risk.decision_tree(tree, objective="min")
    assert r.best == "fixed price" and r.value == pytest.approx(100)
    assert pm.risk.decision_tree(tree).best == "time and materials"


def test_nested_decisions_policy():
    tree = {"decision": {
        "test first": {"cost": 10, "chance": {
            "good": {"p": 0.5, "decision": {"launch": {"payoff": 100}, "stop": {"payoff": 0}}},
            "bad": {"p": 0.5, "decision": {"launch": {"payoff": -60}, "stop": {"payoff": 0}}}}},
        "launch now": {"chance": {"good": {"p": 0.5, "payoff": 100}, "bad": {"p": 0.5, "payoff": -60}}},
    }}
    r = pm.risk.decision_tree(tree)
    # test first: 0.5*100 + 0.5*0 - 10 = 40 > launch now: 20. Value of information = 20 + 10 = 30.
    assert r.best == "test first" and r.value == pytest.approx(40)
    assert r.policy["test first / bad"] == "stop"
    assert r.policy["test first / good"] == "launch"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0.01, 1), min_size=2, max_size=6), st.lists(st.floats(-1e3, 1e3), min_size=6, max_size=6))
def test_single_chance_node_equals_emv(weights, payoffs):
    p = np.array(weights) / np.sum(weights)
    x = payoffs[: len(p)]
    tree = {"chance": {f"o{i}": {"p": float(pi), "payoff": xi} for i, (pi, xi) in enumerate(zip(p, x, strict=False))}}
    assert pm.risk.decision_tree(tree, tol=1e-9).value == pytest.approx(pm.risk.emv(p, x), abs=1e-6)


# ---------------------------------------------------------------- register: ratings, reserve, Monte Carlo


@pytest.fixture
def register():
    return pm.datasets.load("risks")


def test_rate_risks_on_the_register(register):
    before = register.copy()
    r = pm.risk.rate_risks(register)
    pd.testing.assert_frame_equal(register, before)  # never mutates
    assert {"probability_level", "impact_level", "score", "rating", "emv"} <= set(r.columns)
    assert r["score"].is_monotonic_decreasing
    assert set(r["rating"]) <= {"low", "moderate", "high"}
    row = r.set_index("id").loc["RK17"]  # ERP migration: 0.6, 400 k$ -> 0.7 x 0.8
    assert (row.probability_level, row.impact_level, row.rating) == (0.7, 0.8, "high")
    assert row.emv == pytest.approx(-240)
    opp = r.set_index("id").loc["RK03"]
    assert opp.emv == pytest.approx(0.4 * 90)


def test_probability_levels_nearest():
    reg = pd.DataFrame({"probability": [0.05, 0.2, 0.39, 0.41, 0.95], "impact": [10] * 5})
    r = pm.risk.rate_risks(reg).sort_index()
    assert r["probability_level"].tolist() == [0.1, 0.3, 0.3, 0.5, 0.9]


def test_contingency_reserve_pmbok_sign_convention():
    reg = [dict(id="T1", probability=0.2, impact=50, type="threat"),
           dict(id="T2", probability=0.1, impact=200, type="threat"),
           dict(id="O1", probability=0.5, impact=20, type="opportunity")]
    # EMV = -10 - 20 + 10 = -20 ; reserve = 20
    assert pm.risk.contingency_reserve(reg) == pytest.approx(20)
    total_emv = pm.risk.rate_risks(reg)["emv"].sum()
    assert total_emv == pytest.approx(-20)


def test_contingency_by_project(register):
    by = pm.risk.contingency_reserve(register, by="project_id")
    assert by.sum() == pytest.approx(pm.risk.contingency_reserve(register))
    assert by.idxmax() in {"P06", "P17"}


def test_monte_carlo_mean_matches_reserve(register):
    sim = pm.risk.monte_carlo(register, n=40_000, seed=3)
    reserve = pm.risk.contingency_reserve(register)
    # the mean of n draws has a standard error of sd / sqrt(n)
    se = sim.costs.std() / np.sqrt(len(sim.costs))
    assert abs(sim.mean - reserve) < 4 * se
    np.testing.assert_allclose(sim.frequency.to_numpy(), register["probability"].to_numpy(), atol=0.015)
    assert sim.percentile(80) >= sim.percentile(50)
    assert sim.probability(sim.percentile(80)) >= 0.8
    s = sim.summary()
    assert s["p10"] <= s["p50"] <= s["p90"] <= s["max"]


def test_monte_carlo_reproducible(register):
    a = pm.risk.monte_carlo(register, n=2000, seed=7).costs
    b = pm.risk.monte_carlo(register, n=2000, seed=7).costs
    np.testing.assert_array_equal(a, b)


def test_monte_carlo_bounds(register):
    sim = pm.risk.monte_carlo(register, n=5000, seed=1)
    threats = register.loc[register["type"] == "threat", "impact"].sum()
    opps = register.loc[register["type"] == "opportunity", "impact"].sum()
    assert sim.costs.max() <= threats and sim.costs.min() >= -opps


@pytest.mark.parametrize(
    "change, match",
    [
        (dict(probability=1.3), r"probability'\] \(row 'RK01'\) = 1\.3 is out of range"),
        (dict(impact=-5.0), r"impact'\] \(row 'RK01'\) = -5 is out of range: it must be >= 0. Give the size"),
        (dict(type="risk"), r"type'\] of risk RK01"),
    ],
)
def test_register_bad_rows_are_named(register, change, match):
    bad = register.copy()
    for k, v in change.items():
        bad[k] = bad[k].astype(object)
        bad.loc[0, k] = v
    with pytest.raises(InputError, match=match):
        pm.risk.contingency_reserve(bad)


def test_register_missing_column():
    with pytest.raises(MissingColumnError, match="columns found: id, p"):
        pm.risk.rate_risks([{"id": "A", "p": 0.1}])


def test_monte_carlo_bad_n(register):
    with pytest.raises(InputError, match="n = 0 is out of range"):
        pm.risk.monte_carlo(register, n=0)


def test_risk_rating_bad_thresholds():
    with pytest.raises(InputError, match="increasing"):
        pm.risk.risk_rating(0.1, thresholds=(0.2, 0.1))
    with pytest.raises(InputError, match="one more entry"):
        pm.risk.risk_rating(0.1, labels=("a", "b"))


def _table(rows):
    cols = ["id", "parent", "kind", "probability", "cost", "payoff"]
    return pd.DataFrame([dict(zip(cols, r, strict=False)) for r in rows])


@pytest.mark.parametrize(
    "rows, match",
    [
        ([("a", None, "decision"), ("b", None, "decision")], "exactly one root"),
        ([("a", None, "decision"), ("b", "zz", "terminal", None, None, 1)], "zz are not node ids"),
        ([("a", None, "decision"), ("b", "a", "maybe")], "unknown kind"),
        ([("a", None, "decision"), ("b", "a", "terminal")], "terminal node b has no payoff"),
        ([("a", None, "decision"), ("b", "a", "terminal", None, None, 1), ("c", "d", "chance"),
          ("d", "c", "chance")], "c, d cannot be reached"),
        ([("a", None, "chance")], "chance node a has no branches"),
    ],
)
def test_tree_table_errors(rows, match):
    with pytest.raises(InputError, match=match):
        pm.risk.decision_tree(_table(rows))
