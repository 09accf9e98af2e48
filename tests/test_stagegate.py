"""pmlib.stagegate: gate decisions, ECV, ranking, staged funding, funnel.

Published sources:
- Cooper, Edgett & Kleinschmidt, *Portfolio Management for New Products* (2nd ed., 2001):
  ECV = [(PV x Pcs - C) x Pts] - D, the roll-back of a two-step decision tree
  (develop -> technical success -> launch -> commercial success); rank by ECV / D
  (productivity index) and fund down the list until the budget is spent.
- Cooper, *Winning at New Products* (4th ed., 2011): must-meet knock-outs, should-meet
  scorecard of six factors, pass mark around 60 %; Go / Kill / Hold / Recycle.
- Stevens & Burley, "3,000 raw ideas = 1 commercial success!", Research-Technology
  Management 40(3), 1997: 3000 raw ideas -> 300 submitted -> 125 small projects -> 9 early
  developments -> 4 major developments -> 1.7 launches -> 1 success.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib.errors import InputError, MissingColumnError, UnknownIdError

sg = pm.stagegate

# ---------------------------------------------------------------- ECV


def test_ecv_formula_by_hand():
    # PV 30, Pcs 0.5, Pts 0.8, C 5, D 3: ((30 x 0.5 - 5) x 0.8) - 3 = 5
    assert sg.ecv(npv=30, p_commercial=0.5, p_technical=0.8, launch_cost=5, development_cost=3) == 5.0
    # PV 64.5, Pcs 0.75, Pts 0.6, C 2, D 5: ((48.375 - 2) x 0.6) - 5 = 22.825
    assert sg.ecv(64.5, 0.75, 0.6, 2, 5) == pytest.approx(22.825)


def test_ecv_is_the_rollback_of_coopers_tree():
    npv, pcs, pts, c, d = 2800.0, 0.7, 0.9, 350.0, 450.0
    tree = {"chance": {
        "technical success": {"p": pts, "cost": c, "chance": {
            "commercial success": {"p": pcs, "payoff": npv},
            "commercial failure": {"p": 1 - pcs, "payoff": 0.0}}},
        "technical failure": {"p": 1 - pts, "payoff": 0.0}}}
    rolled = pm.risk.decision_tree(tree).value - d
    assert sg.ecv(npv, pcs, pts, c, d) == pytest.approx(rolled)


def test_ecv_vectorised_and_labelled():
    p = pm.datasets.load("pipeline")
    e = sg.ecv(p["npv"], p["p_commercial"], p["p_technical"], p["launch_cost"], p["development_cost"])
    assert isinstance(e, pd.Series) and len(e) == len(p) and e.name == "ecv"
    arr = sg.ecv(p["npv"].to_numpy(), 0.5, 0.8, 10, 20)
    assert isinstance(arr, np.ndarray)


@pytest.mark.parametrize(
    "kw, match",
    [
        (dict(p_commercial=1.2), r"p_commercial = 1\.2 is out of range: it must be >= 0 and <= 1"),
        (dict(p_technical=-0.1), r"p_technical = -0\.1 is out of range"),
        (dict(launch_cost=-5), r"launch_cost = -5 is out of range: it must be >= 0"),
        (dict(npv=[1, 2, 3], development_cost=[1, 2]), "same length"),
        (dict(npv=float("nan")), "NaN"),
    ],
)
def test_ecv_bad_input(kw, match):
    args = dict(npv=30, p_commercial=0.5, p_technical=0.8, launch_cost=5, development_cost=3) | kw
    with pytest.raises(InputError, match=match):
        sg.ecv(**args)


@settings(max_examples=80, deadline=None)
@given(st.floats(0, 1e4), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1e3), st.floats(0, 1e3), st.floats(0, 1e3))
def test_ecv_properties(npv, pcs, pts, c, d, extra):
    base = sg.ecv(npv, pcs, pts, c, d)
    # more future value never lowers ECV; more remaining cost never raises it
    assert sg.ecv(npv + extra, pcs, pts, c, d) >= base - 1e-9
    assert sg.ecv(npv, pcs, pts, c, d + extra) <= base + 1e-9
    # with certainty, ECV is the plain business case: NPV - C - D
    assert sg.ecv(npv, 1, 1, c, d) == pytest.approx(npv - c - d)
    # ECV is linear in the value of success
    assert sg.ecv(2 * npv, pcs, pts, 2 * c, 2 * d) == pytest.approx(2 * base, abs=1e-6)


# ---------------------------------------------------------------- ranking


def small_candidates():
    return pd.DataFrame([
        dict(id="A", npv=30.0, p_commercial=0.5, p_technical=0.8, launch_cost=5.0, development_cost=3.0),   # ECV 5
        dict(id="B", npv=64.5, p_commercial=0.75, p_technical=0.6, launch_cost=2.0, development_cost=5.0),  # 22.825
        dict(id="C", npv=100.0, p_commercial=0.3, p_technical=0.5, launch_cost=10.0, development_cost=20.0),  # -15
        dict(id="D", npv=20.0, p_commercial=0.9, p_technical=0.9, launch_cost=1.0, development_cost=1.0),  # 14.3
    ])


def test_rank_by_ecv_and_productivity_index():
    c = small_candidates()
    before = c.copy()
    r = sg.rank_by_ecv(c, budget=8)
    pd.testing.assert_frame_equal(c, before)
    assert r.loc["B", "ecv"] == pytest.approx(22.825)
    assert r.loc["D", "productivity_index"] == pytest.approx(14.3)
    assert list(r.index) == ["D", "B", "A", "C"]  # ECV/D: 14.3, 4.565, 1.667, -0.75
    assert r.loc["B", "rank_ecv"] == 1 and r.loc["D", "rank_ecv"] == 2
    assert r.loc["C", "rank_npv"] == 1  # unadjusted NPV - C - D ranks C first...
    assert r.loc["C", "rank_ecv"] == 4  # ...risk and remaining cost put it last
    # Cooper's line: D (1) + B (5) = 6 <= 8, A would make 9 > 8
    assert r["funded"].to_dict() == {"D": True, "B": True, "A": False, "C": False}
    assert sg.rank_by_ecv(c)["funded"].to_dict() == {"D": True, "B": True, "A": True, "C": False}


def test_rank_by_ecv_bad_input():
    c = small_candidates()
    c.loc[1, "p_technical"] = 1.5
    with pytest.raises(InputError, match=r"p_technical'\] \(row 'B'\) = 1\.5 is out of range"):
        sg.rank_by_ecv(c)
    with pytest.raises(MissingColumnError, match="launch_cost"):
        sg.rank_by_ecv(small_candidates().drop(columns="launch_cost"))
    c = small_candidates()
    c.loc[0, "development_cost"] = 0
    with pytest.raises(InputError, match="of A is 0"):
        sg.rank_by_ecv(c)
    with pytest.raises(InputError, match="budget"):
        sg.rank_by_ecv(small_candidates(), budget=-1)


def test_productivity_index():
    assert sg.productivity_index(5.0, 3.0) == pytest.approx(5 / 3)
    with pytest.raises(InputError, match="must be > 0"):
        sg.productivity_index([1, 2], [1, 0])


def test_pipeline_story_ecv_reorders_npv():
    r = sg.rank_by_ecv(pm.datasets.load("pipeline"))
    # the biggest unadjusted business case (smart garden sensors) has a negative ECV
    assert r["npv_certain"].idxmax() == "N01" and r.loc["N01", "ecv"] < 0
    assert (r["rank_npv"] != r["rank_ecv"]).sum() >= 8


# ---------------------------------------------------------------- gates


GATE = sg.Gate("Screen", must_meet=["legal_ok", "fits"], should_meet={"fit": 2, "market": 1, "tech": 1},
               pass_mark=6, kill_mark=4, min_score=3)


def project(**kw):
    base = dict(id="X", legal_ok=True, fits=True, fit=7, market=7, tech=7)
    return base | kw


@pytest.mark.parametrize(
    "kw, decision, reason",
    [
        ({}, "Go", "score 7.00 >= pass mark 6"),
        (dict(legal_ok=False), "Kill", "knock-out failed: legal_ok"),
        (dict(legal_ok=False, fits=False), "Kill", "knock-out failed: legal_ok, fits"),
        (dict(fit=2, market=3, tech=5), "Kill", "below the kill mark 4"),
        (dict(fit=5, market=5, tech=5), "Recycle", "between the kill mark 4 and the pass mark 6"),
        (dict(fit=9, market=9, tech=2), "Recycle", "weak spots: tech scored 2"),
        (dict(fit=5, market=5, tech=2), "Recycle", "below the pass mark 6, and weak spots: tech scored 2"),
        (dict(resources_available=False), "Hold", "no resources are free"),
        (dict(fit=6, market=6, tech=6), "Go", "score 6.00 >= pass mark 6"),  # the pass mark passes
    ],
)
def test_gate_rules(kw, decision, reason):
    r = sg.evaluate_gate(project(**kw), GATE)
    assert r["decision"] == decision
    assert reason in r["reasons"]


def test_gate_weighted_score():
    assert GATE.score({"fit": 10, "market": 4, "tech": 6}) == pytest.approx((20 + 4 + 6) / 4)
    w = GATE.weights
    assert w.sum() == pytest.approx(1) and w["fit"] == pytest.approx(0.5)


def test_gate_on_a_dataframe_many_rows():
    rows = pd.DataFrame([project(id=f"X{i}", fit=i % 11, legal_ok=bool(i % 3)) for i in range(30)])
    before = rows.copy()
    r = sg.evaluate_gate(rows, GATE)
    pd.testing.assert_frame_equal(rows, before)
    assert list(r.index) == [f"X{i}" for i in range(30)]
    assert (r.loc[~rows.set_index("id")["legal_ok"], "decision"] == "Kill").all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10), min_size=3, max_size=3), st.lists(st.booleans(), min_size=2, max_size=2),
       st.booleans())
def test_failed_knockout_never_go(scores, musts, resources):
    p = project(fit=scores[0], market=scores[1], tech=scores[2], legal_ok=musts[0], fits=musts[1],
                resources_available=resources)
    r = sg.evaluate_gate(p, GATE)
    if not all(musts):
        assert r["decision"] == "Kill"
    if r["decision"] == "Go":
        assert all(musts) and r["score"] >= GATE.pass_mark and min(scores) >= GATE.min_score and resources
    assert r["decision"] in sg.DECISIONS


def test_gate_errors():
    with pytest.raises(MissingColumnError, match="criteria tech; columns found"):
        sg.evaluate_gate({k: v for k, v in project().items() if k != "tech"}, GATE)
    with pytest.raises(InputError, match=r"score of 'market' for X is 11: scores run from 0 to 10"):
        sg.evaluate_gate(project(market=11), GATE)
    with pytest.raises(InputError, match=r"'fit' for X is missing"):
        sg.evaluate_gate(project(fit=np.nan), GATE)
    with pytest.raises(InputError, match=r"'legal_ok' of X is 'maybe'"):
        sg.evaluate_gate(project(legal_ok="maybe"), GATE)
    with pytest.raises(UnknownIdError, match="unknown_thing are not criteria of gate 'Screen'"):
        GATE.score({"fit": 5, "unknown_thing": 3})
    with pytest.raises(InputError, match="negative"):
        sg.Gate("G", should_meet={"a": -1, "b": 2})
    with pytest.raises(InputError, match="all zero"):
        sg.Gate("G", should_meet={"a": 0, "b": 0})
    with pytest.raises(InputError, match="kill_mark"):
        sg.Gate("G", should_meet={"a": 1}, pass_mark=5, kill_mark=6)


def test_cooper_model_and_pipeline():
    m = sg.cooper_model()
    assert len(m.gates) == 5 and len(m.stages) == 6
    assert m.gate("go to launch").number == 5
    assert "launch_plan_ready" in m.gate(5).must_meet
    assert m.table.loc[3, "funds_stage"] == "Development"
    with pytest.raises(UnknownIdError, match="known gates"):
        m.gate(9)
    pipe = pm.datasets.load("pipeline")
    d = sg.evaluate_pipeline(pipe)
    assert list(d.index) == pipe["id"].tolist()
    expected = {"N10": "Kill", "N12": "Kill", "N15": "Kill", "N05": "Kill", "N09": "Hold",
                "N08": "Recycle", "N04": "Recycle", "N06": "Go", "N14": "Go", "N16": "Go"}
    assert d.loc[list(expected), "decision"].to_dict() == expected
    assert d.loc["N10", "failed_must_meet"] == "business_case_approved"


def test_evaluate_pipeline_unknown_gate():
    pipe = pm.datasets.load("pipeline")
    pipe.loc[0, "gate"] = 7
    with pytest.raises(UnknownIdError, match="N01 is 7"):
        sg.evaluate_pipeline(pipe)


def test_missing_must_meet_answer_named():
    pipe = pm.datasets.load("pipeline")
    pipe.loc[pipe["id"] == "N06", "business_case_approved"] = pd.NA
    with pytest.raises(InputError, match="'business_case_approved' of N06"):
        sg.evaluate_pipeline(pipe)


# ---------------------------------------------------------------- staged funding


def test_staged_funding_two_stages_is_ecv():
    # Cooper's tree: D = 3 (p_t 0.8), then C = 5 (p_c 0.5), payoff 30 -> ECV 5
    r = sg.staged_funding([3, 5], [0.8, 0.5], 30)
    assert r.value_with_gates == pytest.approx(sg.ecv(30, 0.5, 0.8, 5, 3))
    assert r.value_without_gates == pytest.approx(-8 + 0.4 * 30)
    assert r.option_value == pytest.approx(1.0)  # 0.2 x 5: the launch money not spent after a technical failure
    assert r.table["p_reach"].tolist() == pytest.approx([1.0, 0.8])


def test_staged_funding_kills_when_not_worth_it():
    r = sg.staged_funding([10, 100], [0.5, 0.5], 150)  # last stage: -100 + 75 < 0 -> kill -> never start
    assert r.value_with_gates == 0.0
    assert r.value_without_gates == pytest.approx(-110 + 0.25 * 150)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 500), st.floats(0, 1)), min_size=1, max_size=6), st.floats(0, 1e4))
def test_gates_never_lose_value(stages, payoff):
    costs, probs = zip(*stages, strict=True)
    r = sg.staged_funding(list(costs), list(probs), payoff)
    assert r.option_value >= -1e-6
    assert r.value_with_gates >= 0


def test_staged_funding_bad_input():
    with pytest.raises(InputError, match="same length"):
        sg.staged_funding([1, 2], [0.5], 10)
    with pytest.raises(InputError, match=r"pass_probabilities\[1\]"):
        sg.staged_funding([1, 2], [0.5, 2], 10)


# ---------------------------------------------------------------- funnel


STEVENS_BURLEY = [300 / 3000, 125 / 300, 9 / 125, 4 / 9, 1.7 / 4, 1 / 1.7]


def test_stevens_burley_3000_ideas_per_success():
    assert sg.ideas_needed(1, STEVENS_BURLEY) == 3000
    f = sg.funnel(3000, STEVENS_BURLEY)
    assert f.launches == pytest.approx(1.0)
    assert f.table["passing"].round(6).tolist() == pytest.approx([300, 125, 9, 4, 1.7, 1])


def test_funnel_costs():
    f = sg.funnel(100, [0.4, 0.5, 0.5], [10, 50, 200], names=["g1", "g2", "g3"])
    assert f.table.loc["g2", "entering"] == pytest.approx(40)
    assert f.table["stage_cost"].tolist() == pytest.approx([400, 1000, 2000])
    assert f.cost_per_launch == pytest.approx(340)
    assert f.overall_pass_rate == pytest.approx(0.1)
    assert sg.ideas_needed(4, [0.4, 0.5, 0.5]) == 40


def test_funnel_from_history():
    h = pm.datasets.load("gate_history")
    rates = sg.observed_pass_rates(h)
    assert rates.loc[1] == pytest.approx((23 + 26) / (60 + 64))
    costs = h.groupby("gate")["stage_cost"].mean()
    f = sg.funnel(62, rates, costs)
    assert 3 < f.launches < 5


@pytest.mark.parametrize(
    "args, match",
    [
        ((0, [0.5]), "ideas = 0 is out of range: it must be a finite number > 0"),
        ((10, [0.5, 1.5]), r"pass_rates\[1\]"),
        ((10, [0.5], [1, 2]), "same length"),
        ((10, [0.5], [-1]), r"stage_costs\[0\] = -1 is out of range"),
    ],
)
def test_funnel_bad_input(args, match):
    with pytest.raises(InputError, match=match):
        sg.funnel(*args)


def test_ideas_needed_zero_rate():
    with pytest.raises(InputError, match="pass rate is 0"):
        sg.ideas_needed(1, [0.5, 0])


def test_model_round_trips_through_a_table():
    m = sg.cooper_model(pass_mark=6.5)
    t = m.criteria_table
    assert set(t["kind"]) == {"must", "should"}
    back = sg.model_from_table(t)
    assert back.stages == m.stages
    for g1, g2 in zip(m.gates, back.gates, strict=True):
        assert (g1.name, g1.must_meet, g1.should_meet, g1.pass_mark, g1.kill_mark, g1.min_score) == (
            g2.name, g2.must_meet, g2.should_meet, g2.pass_mark, g2.kill_mark, g2.min_score)
    pipe = pm.datasets.load("pipeline")
    pd.testing.assert_frame_equal(sg.evaluate_pipeline(pipe, back), sg.evaluate_pipeline(pipe, m))


def test_model_from_table_errors():
    with pytest.raises(InputError, match="without gaps"):
        sg.model_from_table([{"gate": 2, "criterion": "a", "kind": "must"}])
    with pytest.raises(InputError, match="'must' or 'should'"):
        sg.model_from_table([{"gate": 1, "criterion": "a", "kind": "could"}])
    with pytest.raises(InputError, match="need a numeric weight"):
        sg.model_from_table([{"gate": 1, "criterion": "a", "kind": "should"}])
    with pytest.raises(MissingColumnError, match="kind"):
        sg.model_from_table([{"gate": 1, "criterion": "a"}])
