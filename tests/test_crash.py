"""Crashing (time-cost trade-off), the greedy textbook procedure and fast-tracking.

Published example: Hillier & Lieberman, *Introduction to Operations Research* (chapter
"Project management with PERT/CPM", the Reliable Construction Co. project): crashing the
44-week project to 40 weeks costs 140 k$ (J and F crashed two weeks each), which their LP
formulation confirms. Every other figure is checked against an independent LP solved with
scipy's HiGHS (the formulation a textbook writes: start and duration variables, one row per
link), on random networks with all four link types, leads and lags.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import pmlib as pm
from pmlib.errors import InfeasibleError


def reliable_construction() -> pd.DataFrame:
    """Hillier & Lieberman's Reliable Construction Co. project (weeks; costs in k$)."""
    rows = [  # id, duration, predecessors, crash duration, normal cost, crash cost
        ("A", 2, "", 1, 180, 280), ("B", 4, "A", 2, 320, 420), ("C", 10, "B", 7, 620, 860),
        ("D", 6, "C", 4, 260, 340), ("E", 4, "C", 3, 410, 570), ("F", 5, "E", 3, 180, 260),
        ("G", 7, "D", 4, 900, 1020), ("H", 9, "E, G", 6, 200, 380), ("I", 7, "C", 5, 210, 270),
        ("J", 8, "F, I", 6, 430, 490), ("K", 4, "J", 3, 160, 200), ("L", 5, "J", 3, 250, 350),
        ("M", 2, "H", 1, 100, 200), ("N", 6, "K, L", 3, 330, 510),
    ]
    return pd.DataFrame(rows, columns=["id", "duration", "predecessors", "crash_duration", "cost", "crash_cost"])


def bridge() -> pd.DataFrame:
    """Five activities where the greedy procedure pays more than the optimum (a 'bridge':
    crashing C first is cheapest for one day, but the best two-day plan leaves C alone)."""
    rows = [("A", 5, "", 3, 4), ("B", 7, "", 5, 3), ("C", 3, "A", 1, 2), ("D", 7, "A", 5, 3), ("E", 5, "B, C", 3, 4)]
    return pd.DataFrame([{"id": i, "duration": D, "predecessors": p, "crash_duration": d, "cost": 100,
                          "crash_cost": 100 + s * (D - d)} for i, D, p, d, s in rows])


def lp_extra_cost(acts: pd.DataFrame, T: float) -> float | None:
    """Least extra cost to finish by T, by scipy's HiGHS on the textbook LP (None if infeasible)."""
    ids = list(acts["id"])
    pos = {a: i for i, a in enumerate(ids)}
    k = len(ids)
    D = acts["duration"].to_numpy(float)
    d = acts["crash_duration"].to_numpy(float)
    slope = np.where(D > d, (acts["crash_cost"] - acts["cost"]).to_numpy(float) / np.where(D > d, D - d, 1), 0)
    rows, rhs = [], []
    for j, cell in enumerate(acts["predecessors"]):
        for pid, typ, lag in pm.schedule.parse_predecessors(cell, ids[j]):
            i = pos[pid]
            row = np.zeros(2 * k)
            # S_pred (+ x_pred) + lag <= S_succ (+ x_succ)
            row[i] += 1
            row[j] -= 1
            if typ in ("FS", "FF"):
                row[k + i] += 1
            if typ in ("FF", "SF"):
                row[k + j] -= 1
            rows.append(row)
            rhs.append(-lag)
    for i in range(k):
        row = np.zeros(2 * k)
        row[i] = row[k + i] = 1
        rows.append(row)
        rhs.append(T)
    res = linprog(np.r_[np.zeros(k), -slope], A_ub=np.array(rows), b_ub=np.array(rhs),
                  bounds=[(0, None)] * k + list(zip(d, D, strict=True)), method="highs")
    if res.status == 2:
        return None
    assert res.status == 0, res.message
    return float(res.fun + slope @ D)


# ---------------------------------------------------------------------------------------
# published examples
# ---------------------------------------------------------------------------------------
def test_reliable_construction_to_40_weeks():
    c = pm.schedule.crash(reliable_construction(), target_duration=40)
    assert c.normal_duration == 44 and c.duration == 40
    assert c.normal_cost == 4550  # the normal direct cost in Hillier & Lieberman's table
    assert c.direct_cost - c.normal_cost == pytest.approx(140)  # < the 150 k$ bonus: crash
    crashed = c.table.loc[c.table["crashed_by"] > 0, "crashed_by"].to_dict()
    assert crashed == {"F": 2.0, "J": 2.0}
    assert c.table["extra_cost"].sum() == pytest.approx(140)
    assert c.schedule.duration == 40
    # the marginal costs of the first weeks: J (30), J (30), F (40), F (40)
    curve = c.curve.set_index("duration")
    assert curve.loc[[43, 42, 41, 40], "crash_cost_per_day"].tolist() == [30, 30, 40, 40]


def test_reliable_construction_whole_curve_matches_lp():
    acts = reliable_construction()
    c = pm.schedule.crash(acts)
    assert c.curve["duration"].tolist() == list(range(44, int(c.shortest_duration) - 1, -1))
    for T, cost in zip(c.curve["duration"], c.curve["direct_cost"], strict=True):
        assert cost - c.normal_cost == pytest.approx(lp_extra_cost(acts, T), abs=1e-6)
    assert lp_extra_cost(acts, c.shortest_duration - 0.5) is None  # nothing shorter exists


def test_indirect_costs_pick_the_least_total():
    # 70 k$ of site overhead per week: every week whose marginal crash cost is below 70 pays off
    c = pm.schedule.crash(reliable_construction(), indirect_cost_per_day=70, indirect_cost_fixed=100)
    curve = c.curve
    assert np.allclose(curve["indirect_cost"], 100 + 70 * curve["duration"])
    assert np.allclose(curve["total_cost"], curve["direct_cost"] + curve["indirect_cost"])
    best = curve.loc[curve["total_cost"].idxmin()]
    assert c.duration == best["duration"] and c.total_cost == pytest.approx(best["total_cost"])
    # optimality: the week before costs less than 70 to buy, the next one more (or nothing left)
    marginal = curve.set_index("duration")["crash_cost_per_day"]
    assert marginal[c.duration] <= 70
    if c.duration > c.shortest_duration:
        assert marginal[c.duration - 1] >= 70


def test_no_indirect_cost_means_no_crashing():
    c = pm.schedule.crash(reliable_construction())
    assert c.duration == 44 and c.direct_cost == c.normal_cost and c.crashed == []


def test_target_beyond_normal_and_too_short():
    c = pm.schedule.crash(reliable_construction(), target_duration=50)
    assert c.duration == 44 and c.direct_cost == c.normal_cost
    with pytest.raises(InfeasibleError, match="shortest possible duration"):
        pm.schedule.crash(reliable_construction(), target_duration=20)


def test_textbook_docstring_network():
    acts = [
        {"id": "A", "duration": 4, "predecessors": "", "crash_duration": 2, "cost": 10, "crash_cost": 16},
        {"id": "B", "duration": 6, "predecessors": "A", "crash_duration": 4, "cost": 20, "crash_cost": 30},
        {"id": "C", "duration": 5, "predecessors": "A", "crash_duration": 5, "cost": 8, "crash_cost": 8},
    ]
    c = pm.schedule.crash(acts, target_duration=7)
    assert c.table["duration"].to_dict() == {"A": 2.0, "B": 5.0, "C": 5.0}
    assert c.crashed == ["A", "B"]


# ---------------------------------------------------------------------------------------
# greedy vs optimal
# ---------------------------------------------------------------------------------------
def test_greedy_matches_optimum_on_reliable_construction():
    g = pm.schedule.crash_greedy(reliable_construction(), target_duration=40)
    assert g["duration"].tolist() == [44, 43, 42, 41, 40]
    assert g["direct_cost"].iloc[-1] - g["direct_cost"].iloc[0] == pytest.approx(140)
    assert g["crashed"].tolist()[1:] == ["J", "J", "F", "F"]


def test_greedy_is_not_optimal_on_the_bridge():
    acts = bridge()
    g = pm.schedule.crash_greedy(acts).set_index("duration")
    c = pm.schedule.crash(acts).curve.set_index("duration")
    assert g.loc[12, "crashed"] == "C"           # cheapest single day: crash C
    assert g.loc[11, "direct_cost"] == 509 and c.loc[11, "direct_cost"] == 508
    # the optimum at 11 days crashes A and E and leaves C at its normal duration
    t = pm.schedule.crash(acts, target_duration=11).table
    assert t.loc["C", "crashed_by"] == 0 and t.loc[["A", "E"], "crashed_by"].tolist() == [1, 1]
    # greedy never beats the optimum
    common = g.index.intersection(c.index)
    assert (g.loc[common, "direct_cost"] >= c.loc[common, "direct_cost"] - 1e-9).all()


# ---------------------------------------------------------------------------------------
# all link types, against the LP; properties
# ---------------------------------------------------------------------------------------
@st.composite
def crash_networks(draw):
    k = draw(st.integers(2, 7))
    rows = []
    for j in range(k):
        D = draw(st.integers(0, 9))
        d = draw(st.integers(0, D))
        cost = draw(st.integers(0, 50))
        slope = draw(st.integers(0, 12))
        preds = []
        if j:
            for i in sorted(set(draw(st.lists(st.integers(0, j - 1), max_size=3)))):
                typ = draw(st.sampled_from(["FS", "FS", "SS", "FF", "SF"]))
                lag = draw(st.integers(-3, 4))
                preds.append(f"T{i}" + ("" if typ == "FS" else f":{typ}") + (f"{lag:+d}" if lag else ""))
        rows.append({"id": f"T{j}", "duration": D, "predecessors": ", ".join(preds), "crash_duration": d,
                     "cost": cost, "crash_cost": cost + slope * (D - d)})
    return pd.DataFrame(rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crash_networks())
def test_curve_is_the_lp_optimum_for_every_link_type(acts):
    c = pm.schedule.crash(acts)
    assert c.normal_duration == pm.schedule.cpm(acts).duration
    for T, cost in zip(c.curve["duration"], c.curve["direct_cost"], strict=True):
        assert cost - c.normal_cost == pytest.approx(lp_extra_cost(acts, T), abs=1e-6), T
    if c.shortest_duration > 0:
        assert lp_extra_cost(acts, c.shortest_duration - 0.5) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(crash_networks(), st.data())
def test_crashed_schedule_keeps_every_link_and_costs_what_it_says(acts, data):
    c0 = pm.schedule.crash(acts)
    target = data.draw(st.integers(int(np.ceil(c0.shortest_duration)), int(c0.normal_duration)))
    c = pm.schedule.crash(acts, target_duration=target)
    t = c.table
    # durations within [crash, normal], whole numbers for whole-number data
    assert (t["duration"] <= t["normal_duration"]).all() and (t["duration"] >= t["crash_duration"]).all()
    assert np.allclose(t["duration"], np.round(t["duration"]))
    # cpm on the crashed durations (which applies every link) finishes by the target
    assert c.schedule.duration <= target + 1e-9
    assert c.direct_cost == pytest.approx(c.normal_cost + t["extra_cost"].sum())
    assert c.direct_cost == pytest.approx(c.curve.set_index("duration").loc[float(target), "direct_cost"])


@settings(max_examples=60, deadline=None)
@given(crash_networks())
def test_direct_cost_never_falls_as_the_duration_shrinks(acts):
    curve = pm.schedule.crash(acts).curve
    direct = curve["direct_cost"].to_numpy()
    assert (np.diff(direct) >= -1e-9).all()               # rows go from normal to shortest
    marginal = curve["crash_cost_per_day"].to_numpy()[1:]
    assert (np.diff(marginal) >= -1e-9).all()               # convex: each day costs at least the last


def test_input_is_not_modified():
    acts = reliable_construction()
    before = acts.copy()
    pm.schedule.crash(acts, target_duration=40)
    pm.schedule.crash_greedy(acts, target_duration=42)
    pd.testing.assert_frame_equal(acts, before)


def test_uncrashable_activities_and_fractions():
    acts = reliable_construction().astype({"crash_duration": float, "crash_cost": float})
    acts.loc[acts["id"] == "J", ["crash_duration", "crash_cost"]] = np.nan   # J cannot be crashed
    c = pm.schedule.crash(acts, target_duration=42)
    assert c.table.loc["J", "crashed_by"] == 0
    # without J, two weeks cost F twice (40 each)
    assert c.direct_cost - c.normal_cost == pytest.approx(80)
    # a fractional deadline is met exactly, at the interpolated cost
    c = pm.schedule.crash(reliable_construction(), target_duration=42.5)
    assert c.direct_cost - c.normal_cost == pytest.approx(45)
    assert c.schedule.duration == pytest.approx(42.5)


def test_milestones_and_fractional_slopes_match_lp():
    acts = pd.DataFrame({
        "id": ["A", "B", "M", "C"], "duration": [3, 4, 0, 5], "predecessors": ["", "A", "A, B", "M:SS+1"],
        "crash_duration": [1, 3, 0, 2], "cost": [10, 10, 0, 10], "crash_cost": [11, 17, 0, 20]})
    c = pm.schedule.crash(acts)
    for T, cost in zip(c.curve["duration"], c.curve["direct_cost"], strict=True):
        assert cost - c.normal_cost == pytest.approx(lp_extra_cost(acts, T), abs=1e-9)


# ---------------------------------------------------------------------------------------
# fast-tracking
# ---------------------------------------------------------------------------------------
def test_fast_track_turns_a_link_into_a_lead():
    acts = reliable_construction()
    f = pm.schedule.fast_track(acts, {("F", "J"): 2})
    assert f.normal_duration == 44 and f.duration == 42 and f.saved == 2
    j = f.activities.set_index("id").loc["J", "predecessors"]
    assert j == "F-2, I"
    assert f.overlaps.to_dict("records") == [{"predecessor": "F", "successor": "J", "overlap": 2.0,
                                              "overlap_share": 0.4}]
    # cpm reads the lead as cpm always does
    assert pm.schedule.cpm(f.activities).duration == 42
    # a table works too, and the input is untouched
    table = pd.DataFrame({"predecessor": ["F", "I"], "successor": ["J", "J"], "overlap": [2, 1]})
    assert pm.schedule.fast_track(acts, table).duration == 42
    assert acts.set_index("id").loc["J", "predecessors"] == "F, I"


def test_design_contract_keywords():
    """DESIGN.md, contract second part: crash(activities, *, target_duration, indirect_cost_per_day, indirect_cost_fixed)."""
    c = pm.schedule.crash(reliable_construction(), target_duration=40, indirect_cost_per_day=10.0,
                          indirect_cost_fixed=50.0)
    assert list(c.curve.columns[:4]) == ["duration", "direct_cost", "indirect_cost", "total_cost"]
    assert {"duration", "crashed_by", "extra_cost"} <= set(c.table.columns)
    assert c.duration == 40 and c.direct_cost == pytest.approx(4550 + 140)
