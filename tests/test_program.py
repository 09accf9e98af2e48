"""pmlib.program: roll-ups, project network and ripple, resource levelling, benefits, risk concentration."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib.errors import CycleError, InputError, MissingColumnError, UnknownIdError

P = pm.program


# ---------------------------------------------------------------------------------------
# a small network with hand-computed answers
# ---------------------------------------------------------------------------------------
# Program start Monday 2026-01-05. A: weeks 0-4; B: 2 weeks, waits for A to finish + 1 week
# (FS+1) so it runs in weeks 5-7; C: weeks 0-6 in parallel; D: 3 weeks, planned from week 6,
# cannot finish until 2 weeks after B (FF+2) -> finishes week 9 at the earliest, planned exactly so.
SMALL = pd.DataFrame({
    "id": ["A", "B", "C", "D"],
    "name": ["alpha", "beta", "gamma", "delta"],
    "start": ["2026-01-05", "2026-02-09", "2026-01-05", "2026-02-16"],
    "finish": ["2026-01-30", "2026-02-20", "2026-02-13", "2026-03-06"],
})
SMALL_DEPS = pd.DataFrame({
    "project_id": ["B", "D"], "predecessor_id": ["A", "B"], "type": ["FS", "FF"], "lag": [1, 2],
})


def test_schedule_small_network_by_hand():
    s = P.schedule(SMALL, SMALL_DEPS)
    t = s.table
    # durations in weeks: A 4, B 2, C 6, D 3; planned dates are reproduced
    assert t["duration"].tolist() == [4.0, 2.0, 6.0, 3.0]
    assert t["es"].tolist() == [0.0, 5.0, 0.0, 6.0]
    assert t["ef"].tolist() == [4.0, 7.0, 6.0, 9.0]
    assert [d.date().isoformat() for d in t["finish"]] == ["2026-01-30", "2026-02-20", "2026-02-13", "2026-03-06"]
    assert s.duration == 9.0 and s.finish == pd.Timestamp("2026-03-06")
    # C has 3 weeks of float (it may finish in week 9); A, B, D are critical
    assert t["total_float"].to_dict() == {"A": 0.0, "B": 0.0, "C": 3.0, "D": 0.0}
    assert s.critical_projects == ["A", "B", "D"]


def test_ripple_small_network_by_hand():
    # A slips 2 weeks: B moves 2 (FS), D moves 2 (FF), launch 2; C does not move
    r = P.ripple(SMALL, SMALL_DEPS, {"A": 2})
    assert r.table["moved"].to_dict() == {"A": 2.0, "B": 2.0, "C": 0.0, "D": 2.0, "LAUNCH": 2.0}
    assert r.moved == ["A", "B", "D", "LAUNCH"]
    assert r.finish_delay_weeks == 2.0
    assert r.table.loc["B", "new"] == pd.Timestamp("2026-03-06")
    # C slips 3 weeks: absorbed by its 3 weeks of float
    r = P.ripple(SMALL, SMALL_DEPS, {"C": 3})
    assert r.moved == ["C"] and r.finish_delay_weeks == 0.0
    # C slips 5 weeks: the 2 weeks beyond its float reach the launch
    assert P.ripple(SMALL, SMALL_DEPS, {"C": 5}).finish_delay_weeks == 2.0


def test_ripple_moves_benefits_that_need_several_projects():
    ben = pd.DataFrame({"id": ["X", "Y"], "name": ["needs A and C", "needs C"],
                        "project_ids": ["A,C", "C"], "lag": [1, 0]})
    s = P.schedule(SMALL, SMALL_DEPS, benefits=ben)
    # X lands 1 week after the later of A (week 4) and C (week 6): week 7, Monday 2026-02-23
    assert s.benefits.loc["X", "week"] == 7.0
    assert s.benefits.loc["X", "date"] == pd.Timestamp("2026-02-23")
    r = P.ripple(SMALL, SMALL_DEPS, {"A": 3}, benefits=ben)
    # A now ends week 7 > C's week 6: X moves 1 week; Y (C only) does not
    assert r.table.loc["X", "moved"] == 1.0 and r.table.loc["Y", "moved"] == 0.0
    # benefits never change the projects' float
    assert P.schedule(SMALL, SMALL_DEPS, benefits=ben).table["total_float"].equals(s.table["total_float"])


def test_schedule_uses_pm_schedule_cpm(monkeypatch):
    calls = []
    real = pm.schedule.cpm

    def spy(acts, **kw):
        calls.append(acts)
        return real(acts, **kw)

    monkeypatch.setattr(pm.schedule, "cpm", spy)
    P.schedule(SMALL, SMALL_DEPS)
    assert calls, "the program network must be computed by pm.schedule.cpm"
    tokens = calls[0].set_index("id").loc["D", "predecessors"]
    # lags and start offsets in working days: FF+2 weeks -> +10, D starts 6 weeks in -> +30
    assert "B:FF+10" in tokens and "START:FS+30" in tokens


def test_home_program_reproduces_its_baseline_and_critical_chain():
    home = P.load("PG-HOME")
    s = home.schedule()
    projects = pm.datasets.load("projects").set_index("id")
    for pid, row in s.table.iterrows():
        assert row["start"] == projects.loc[pid, "start"]
        assert row["finish"] == projects.loc[pid, "finish"]
    assert s.finish == pd.Timestamp("2027-06-25")
    assert s.critical_projects == ["P05", "P01", "P02", "P03"]
    assert s.table.loc["P04", "total_float"] == 1.0
    # P01 cannot launch until P05 is done: P05's slip ripples one-for-one to the launch
    r = home.ripple({"P05": 4})
    assert r.finish_delay_weeks == 4.0
    assert {"P01", "P02", "P03", "B01", "B03", "B04", "LAUNCH"} <= set(r.moved)
    assert r.table.loc["P04", "moved"] == 0.0


# ---------------------------------------------------------------------------------------
# roll-up
# ---------------------------------------------------------------------------------------
def test_rollup_published_example_cpi_from_sums():
    # Homework example (homeworksource.com "Project Control", 20/80 rule): A EV 4,000 AC 6,000;
    # B EV 4,000 AC 4,000; C EV 1,000 AC 1,000 -> project CPI = 9,000 / 11,000 = 0.82.
    # Indices roll up from summed values, not by averaging (projectmanagementportmanteau.com,
    # "Introduction to EVM - the toppings"; PMI Practice Standard for EVM).
    status = pd.DataFrame({"project_id": list("ABC"), "date": ["2026-01-31"] * 3,
                           "pv": [4000, 4000, 1000], "ev": [4000, 4000, 1000], "ac": [6000, 4000, 1000]})
    r = P.rollup(status, pd.DataFrame({"id": list("ABC"), "cost": [5000, 5000, 5000]}))
    assert r.program["cpi"] == pytest.approx(9000 / 11000)
    assert round(r.program["cpi"], 2) == 0.82
    assert r.average["cpi"] == pytest.approx((4 / 6 + 1 + 1) / 3)
    assert r.difference["cpi"] == pytest.approx((4 / 6 + 2) / 3 - 9 / 11)
    assert r.table.loc["PROGRAM", "ev"] == 9000


def test_rollup_by_hand_with_status_date_and_unstarted_project():
    status = pd.DataFrame({
        "project_id": ["S", "S", "L", "L", "N"],
        "date": ["2026-09-30", "2026-10-31", "2026-09-30", "2026-10-31", "2026-11-30"],
        "pv": [50, 100, 800, 900, 10], "ev": [30, 50, 800, 900, None], "ac": [60, 100, 800, 900, None],
    })
    projects = pd.DataFrame({"id": ["S", "L", "N"], "cost": [200, 2000, 300]})
    r = P.rollup(status, projects, status_date="2026-10-31")
    assert r.program[["pv", "ev", "ac", "bac"]].tolist() == [1000, 950, 1000, 2500]
    assert r.program["cpi"] == pytest.approx(0.95) and r.program["spi"] == pytest.approx(0.95)
    assert r.average["cpi"] == pytest.approx(0.75)          # (0.5 + 1.0) / 2, N not started
    assert r.program["eac"] == pytest.approx(2500 / 0.95)   # BAC / CPI of the program
    assert r.eac_sum == pytest.approx(400 + 2000)           # N has no CPI yet: no EAC
    r = P.rollup(status, projects, status_date="2026-09-30")
    assert r.program["cpi"] == pytest.approx(830 / 860)


def test_home_rollup_differs_from_the_average():
    home = P.load("PG-HOME")
    r = home.rollup()
    t = r.table.drop(index="PROGRAM")
    assert r.program["cpi"] == pytest.approx(t["ev"].sum() / t["ac"].sum())
    assert r.program["spi"] == pytest.approx(t["ev"].sum() / t["pv"].sum())
    assert abs(r.difference["spi"]) > 0.03          # visibly different
    assert t.loc["P05", "spi"] < 0.85                # the ripple starts at P05


def test_rollup_uses_pm_evm_metrics(monkeypatch):
    calls = []
    real = pm.evm.metrics
    monkeypatch.setattr(pm.evm, "metrics", lambda **kw: calls.append(kw) or real(**kw))
    status = pd.DataFrame({"project_id": ["A"], "date": ["2026-01-31"], "pv": [1.0], "ev": [1.0], "ac": [1.0]})
    P.rollup(status, [{"id": "A", "cost": 2.0}])
    assert len(calls) == 2


# ---------------------------------------------------------------------------------------
# resources
# ---------------------------------------------------------------------------------------
def _blocks(*spec):
    rows = []
    for project, resource, first, n, fte in spec:
        for w in pd.date_range(first, periods=n, freq="7D"):
            rows.append({"project_id": project, "resource_id": resource, "week": w, "fte": fte})
    return pd.DataFrame(rows)


def test_resource_load_and_overallocations_by_hand():
    d = _blocks(("A", "R1", "2026-11-02", 3, 0.6), ("B", "R1", "2026-11-16", 2, 0.7), ("B", "R2", "2026-11-02", 1, 0.5))
    load = P.resource_load(d, {"R1": 1.0, "R2": 0.5})
    r1 = load[load["resource_id"] == "R1"].set_index("week")["load"]
    assert r1.round(9).tolist() == [0.6, 0.6, 1.3, 0.7]
    over = P.overallocations(d, {"R1": 1.0, "R2": 0.5})
    assert len(over) == 1 and over.loc[0, "week"] == pd.Timestamp("2026-11-16")
    assert over.loc[0, "excess"] == pytest.approx(0.3) and over.loc[0, "projects"] == "A,B"


def test_levelling_within_float_costs_nothing_beyond_float_costs_days():
    d = _blocks(("A", "R1", "2026-11-02", 3, 0.6), ("B", "R1", "2026-11-16", 2, 0.7))
    lv = P.level_resources(d, {"R1": 1.0}, float_weeks={"A": 0, "B": 2})
    assert lv.resolved and lv.shifts[["project_id", "shift", "delay"]].to_dict("records") == [
        {"project_id": "B", "shift": 1, "delay": 0.0}]
    assert lv.cost_days == 0.0
    # no float anywhere: B still moves 1 week (A would need 2), costing 5 working days
    lv = P.level_resources(d, {"R1": 1.0})
    assert lv.shifts["project_id"].tolist() == ["B"] and lv.cost_days == 5.0
    # only moves within float allowed and none exists: over-allocation remains, reported
    lv = P.level_resources(d, {"R1": 1.0}, allow_delay=False)
    assert not lv.resolved and lv.shifts.empty and len(lv.after) == 1


def test_home_program_data_scientist_conflict_and_resolution():
    home = P.load("PG-HOME")
    over = home.overallocations()
    r01 = over[over["resource_id"] == "R01"]
    assert set(r01["projects"]) == {"P01,P03"} and len(r01) == 2     # two critical projects, same weeks
    lv = home.level()
    assert lv.resolved
    shifts = lv.shifts.set_index("resource_id")
    assert shifts.loc["R01", "project_id"] == "P03" and shifts.loc["R01", "delay_days"] == 10.0
    assert shifts.loc["R13", "project_id"] == "P04" and shifts.loc["R13", "delay"] == 0.0  # within P04's float
    assert lv.ripple.finish_delay_weeks == 2.0


# ---------------------------------------------------------------------------------------
# benefits
# ---------------------------------------------------------------------------------------
def test_benefits_realisation_by_hand():
    ben = pd.DataFrame({"id": ["B1", "B2"], "program_id": ["G", "G"], "value": [400, 100],
                        "kpi_baseline": [100, 14], "kpi_target": [115, 9]})
    rl = pd.DataFrame({"benefit_id": ["B1", "B1", "B1", "B2"],
                       "date": ["2026-03-31", "2026-06-30", "2026-09-30", "2026-06-30"],
                       "planned": [50, 100, 100, 25], "realised": [20, 40, None, 40],
                       "kpi_actual": [101, 103, None, 11]})
    out = P.benefits_realisation(ben, rl)
    assert out.loc["B1", "planned_to_date"] == 150 and out.loc["B1", "realised_to_date"] == 60
    assert out.loc["B1", "realisation"] == pytest.approx(0.4)
    assert out.loc["B1", "kpi_progress"] == pytest.approx(3 / 15)
    assert out.loc["B2", "kpi_progress"] == pytest.approx(3 / 5)       # a cost going down counts too
    assert out.loc["TOTAL G", "realisation"] == pytest.approx(100 / 175)
    assert out.loc["B1", "planned_total"] == 250


def test_crm_delivered_but_benefit_short_returns_portal_the_reverse():
    digi = P.load("PG-DIGI")
    m = P.success_matrix(digi.outcomes, digi.benefits, digi.realisation, status_date=pm.datasets.STATUS_DATE)
    assert m.loc["P09", "verdict"] == "delivered on time and budget, benefits short of plan"
    assert m.loc["P25", "verdict"] == "late or over budget, benefits on plan"
    # project success includes the business objectives (PMBOK 6 1.2.6.4): neither is a full success
    assert m.loc["P09", "delivery_success"] and m.loc["P09", "project_success"] is False
    assert not m.loc["P25", "delivery_success"] and m.loc["P25", "project_success"] is False
    assert m.loc["P25", "slip_weeks"] > 12 and m.loc["P25", "cost_overrun"] > 0.1
    b = digi.benefits_realisation()
    assert b.loc["B05", "kpi_progress"] < 0.5                           # sales velocity far from +15 %


# ---------------------------------------------------------------------------------------
# risk concentration
# ---------------------------------------------------------------------------------------
def test_risk_concentration_flags_the_shared_vendor_and_person():
    home = P.load("PG-HOME")
    rc = home.risk_concentration(history=pm.datasets.load("project_outcomes"), projects=pm.datasets.load("projects"))
    top = rc.iloc[0]
    assert (top["kind"], top["source"], top["critical_projects"]) == ("vendor", "Corvid Systems", "P01,P02,P05")
    assert top["past_slip_weeks"] > 12
    flagged = set(rc.loc[rc["flagged"], "source"])
    assert "R01" in flagged and "FieldForce Partners" not in flagged


# ---------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------
def test_unknown_project_in_dependencies():
    deps = pd.DataFrame({"project_id": ["B"], "predecessor_id": ["Z9"]})
    with pytest.raises(UnknownIdError, match="Z9"):
        P.schedule(SMALL, deps)


def test_cycle_between_projects_is_listed():
    deps = pd.DataFrame({"project_id": ["B", "D", "A"], "predecessor_id": ["A", "B", "D"]})
    with pytest.raises(CycleError, match="cycle") as info:
        P.schedule(SMALL, deps)
    assert set(info.value.cycle) == {"A", "B", "D"} and info.value.cycle[0] == info.value.cycle[-1]
    assert " -> " in str(info.value)
    with pytest.raises(CycleError, match="itself"):
        P.schedule(SMALL, pd.DataFrame({"project_id": ["A"], "predecessor_id": ["A"]}))


def test_resource_errors():
    d = _blocks(("A", "R9", "2026-11-02", 1, 0.5))
    with pytest.raises(UnknownIdError, match="R9"):
        P.resource_load(d, {"R1": 1.0})
    with pytest.raises(InputError, match="R1.*>= 0"):
        P.resource_load(_blocks(("A", "R1", "2026-11-02", 1, 0.5)), {"R1": -1.0})
    bad = _blocks(("A", "R1", "2026-11-02", 1, 0.5))
    bad.loc[0, "fte"] = -0.2
    with pytest.raises(InputError, match="fte.*A"):
        P.resource_load(bad, {"R1": 1.0})
    with pytest.raises(MissingColumnError, match="fte.*columns found"):
        P.resource_load(bad.drop(columns="fte"), {"R1": 1.0})


def test_other_bad_input():
    with pytest.raises(InputError, match=r"slips\['A'\].*>= 0"):
        P.ripple(SMALL, SMALL_DEPS, {"A": -1})
    with pytest.raises(UnknownIdError, match="Q"):
        P.ripple(SMALL, SMALL_DEPS, {"Q": 1})
    with pytest.raises(InputError, match="finishes before it starts"):
        P.schedule(SMALL.assign(finish=["2025-01-01", "2026-02-20", "2026-02-13", "2026-03-06"]))
    with pytest.raises(InputError, match="type 'XX'"):
        P.schedule(SMALL, SMALL_DEPS.assign(type=["FS", "XX"]))
    with pytest.raises(UnknownIdError, match="status has no rows for project.*B"):
        P.rollup(pd.DataFrame({"project_id": ["A"], "date": ["2026-01-31"], "pv": [1], "ev": [1], "ac": [1]}),
                 [{"id": "A", "cost": 2}, {"id": "B", "cost": 2}])
    with pytest.raises(UnknownIdError, match="PG-NOPE"):
        P.load("PG-NOPE")
    with pytest.raises(UnknownIdError, match="Z1"):
        P.schedule(SMALL, benefits=[{"id": "X", "project_ids": "A,Z1"}])


def test_inputs_are_not_modified():
    projects, deps = SMALL.copy(), SMALL_DEPS.copy()
    d = _blocks(("A", "R1", "2026-11-02", 3, 0.6), ("B", "R1", "2026-11-16", 2, 0.7))
    d0 = d.copy()
    P.ripple(projects, deps, {"A": 1})
    P.level_resources(d, {"R1": 1.0})
    pd.testing.assert_frame_equal(projects, SMALL)
    pd.testing.assert_frame_equal(deps, SMALL_DEPS)
    pd.testing.assert_frame_equal(d, d0)


# ---------------------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------------------
@st.composite
def networks(draw):
    n = draw(st.integers(2, 7))
    t0 = pd.Timestamp("2026-01-05")
    starts = [draw(st.integers(0, 20)) for _ in range(n)]
    lengths = [draw(st.integers(1, 15)) for _ in range(n)]
    ids = [f"Q{i}" for i in range(n)]
    projects = pd.DataFrame({
        "id": ids,
        "start": [t0 + pd.Timedelta(weeks=s) for s in starts],
        "finish": [t0 + pd.Timedelta(weeks=s + k, days=-3) for s, k in zip(starts, lengths, strict=True)],
    })
    links = []
    for j in range(1, n):
        for i in draw(st.sets(st.integers(0, j - 1), max_size=2)):   # i < j: no cycle
            links.append({"project_id": ids[j], "predecessor_id": ids[i],
                          "type": draw(st.sampled_from(["FS", "SS", "FF", "SF"])), "lag": draw(st.integers(-2, 4))})
    deps = pd.DataFrame(links, columns=["project_id", "predecessor_id", "type", "lag"])
    slips = draw(st.dictionaries(st.sampled_from(ids), st.integers(0, 8), min_size=1, max_size=3))
    return projects, deps, slips


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_property_a_slip_never_makes_anything_earlier(net):
    projects, deps, slips = net
    r = P.ripple(projects, deps, slips)
    assert (r.table["moved"] >= -1e-9).all()
    assert (r.slipped.table["ef"] >= r.baseline.table["ef"] - 1e-9).all()
    # the launch moves by at most the total slip (slips in a chain add up)
    assert r.finish_delay_weeks <= sum(slips.values()) + 1e-9
    # more slip never moves anything less
    bigger = {k: v + 1 for k, v in slips.items()}
    r2 = P.ripple(projects, deps, bigger)
    assert (r2.table["moved"] >= r.table["moved"] - 1e-9).all()


@st.composite
def demands(draw):
    n = draw(st.integers(2, 5))
    spec = []
    for i in range(n):
        spec.append((f"X{i}", "R1", (pd.Timestamp("2026-11-02") + pd.Timedelta(weeks=draw(st.integers(0, 6)))),
                     draw(st.integers(1, 4)), draw(st.sampled_from([0.3, 0.5, 0.6, 0.8, 1.0]))))
    floats = {f"X{i}": draw(st.integers(0, 4)) for i in range(n)}
    return _blocks(*spec), floats


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(demands())
def test_property_levelling_never_exceeds_capacity_when_a_shift_exists(case):
    d, floats = case
    lv = P.level_resources(d, {"R1": 1.0}, float_weeks=floats)
    # every assignment fits the capacity on its own, so moving them apart is always feasible
    assert lv.resolved
    load = P.resource_load(lv.demand, {"R1": 1.0})
    assert (load["load"] <= 1.0 + 1e-9).all()
    # total work is kept, and moves are only later
    assert lv.demand["fte"].sum() == pytest.approx(d["fte"].sum())
    assert (lv.shifts["shift"] > 0).all()
    assert (lv.shifts["delay"] == np.maximum(lv.shifts["shift"] - lv.shifts["float"], 0)).all()
    # within float only: never a delay
    lv0 = P.level_resources(d, {"R1": 1.0}, float_weeks=floats, allow_delay=False)
    assert (lv0.shifts["delay"] == 0).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(1, 1000), st.floats(0.2, 2.0), st.floats(0.2, 2.0)), min_size=1, max_size=8))
def test_property_program_cpi_lies_between_project_cpis(rows):
    ev = np.array([r[0] for r in rows])
    ac = ev / np.array([r[1] for r in rows])
    pv = ev / np.array([r[2] for r in rows])
    ids = [f"Z{i}" for i in range(len(rows))]
    status = pd.DataFrame({"project_id": ids, "date": "2026-10-31", "pv": pv, "ev": ev, "ac": ac})
    r = P.rollup(status, pd.DataFrame({"id": ids, "cost": pv * 3}))
    cpis = ev / ac
    assert cpis.min() - 1e-9 <= r.program["cpi"] <= cpis.max() + 1e-9
    assert r.program["cpi"] == pytest.approx(ev.sum() / ac.sum())
    assert r.program["cv"] == pytest.approx((ev - ac).sum())   # variances add, indices do not


def test_a_slipped_project_keeps_its_start_under_finish_to_finish_links():
    # Found by the property test: Q1 (1 week) must finish with Q0 (FF); Q2 starts 2 weeks after Q1
    # starts (SS+2). Plain CPM would start a longer Q1 *earlier* and pull Q2 forward; a slip must not.
    t0 = pd.Timestamp("2026-01-05")
    projects = pd.DataFrame({"id": ["Q0", "Q1", "Q2"], "start": [t0] * 3,
                             "finish": [t0 + pd.Timedelta(days=11), t0 + pd.Timedelta(days=4), t0 + pd.Timedelta(days=4)]})
    deps = pd.DataFrame({"project_id": ["Q1", "Q2"], "predecessor_id": ["Q0", "Q1"], "type": ["FF", "SS"], "lag": [0, 2]})
    r = P.ripple(projects, deps, {"Q1": 1})
    assert r.slipped.table.loc["Q1", "es"] == r.baseline.table.loc["Q1", "es"] == 1.0
    assert r.table.loc["Q1", "moved"] == 1.0 and r.table.loc["Q2", "moved"] == 0.0


# Hillier & Lieberman, *Introduction to Operations Research* (10th ed., ch. 10): the Reliable
# Construction Co. network, durations in weeks; project 44 weeks; critical path A-B-C-E-F-J-L-N;
# slack D, G, H, M = 4, I = 2, K = 1. Here each activity is a "project" of a program planned at
# its published earliest start, linked finish-to-start.
RELIABLE = {  # id: (duration, predecessors, published earliest start)
    "A": (2, "", 0), "B": (4, "A", 2), "C": (10, "B", 6), "D": (6, "C", 16), "E": (4, "C", 16),
    "F": (5, "E", 20), "G": (7, "D", 22), "H": (9, "E,G", 29), "I": (7, "C", 16), "J": (8, "F,I", 25),
    "K": (4, "J", 33), "L": (5, "J", 33), "M": (2, "H", 38), "N": (6, "K,L", 38),
}


def _reliable_program():
    t0 = pd.Timestamp("2026-01-05")
    projects = pd.DataFrame([
        {"id": a, "start": t0 + pd.Timedelta(weeks=es), "finish": t0 + pd.Timedelta(weeks=es + d, days=-3)}
        for a, (d, _, es) in RELIABLE.items()])
    deps = pd.DataFrame([{"project_id": a, "predecessor_id": p, "type": "FS", "lag": 0}
                         for a, (_, preds, _) in RELIABLE.items() for p in preds.split(",") if p])
    return projects, deps


def test_program_network_matches_hillier_lieberman_reliable_construction():
    projects, deps = _reliable_program()
    s = P.schedule(projects, deps)
    assert s.duration == 44.0
    assert s.critical_projects == list("ABCEFJLN")
    slack = dict(zip("ABCDEFGHIJKLMN", [0, 0, 0, 4, 0, 0, 4, 4, 2, 0, 1, 0, 4, 0], strict=True))
    assert s.table["total_float"].to_dict() == {k: float(v) for k, v in slack.items()}
    assert s.table["es"].to_dict() == {a: float(es) for a, (_, _, es) in RELIABLE.items()}
    # a delay within an activity's slack does not delay the project; beyond it, by the excess
    assert P.ripple(projects, deps, {"I": 2}).finish_delay_weeks == 0.0
    assert P.ripple(projects, deps, {"I": 5}).finish_delay_weeks == 3.0
    r = P.ripple(projects, deps, {"D": 4})
    assert r.finish_delay_weeks == 0.0 and set(r.moved) == {"D", "G", "H", "M"}


def test_program_from_your_own_tables():
    status = pd.DataFrame({"project_id": ["A", "B", "C", "D"], "date": ["2026-01-31"] * 4,
                           "pv": [100, 50, 100, 10], "ev": [80, 50, 100, 10], "ac": [100, 40, 100, 10]})
    demand = _blocks(("A", "R1", "2026-01-19", 2, 0.6), ("C", "R1", "2026-01-26", 2, 0.6))
    prog = P.Program(id="G", name="mine", projects=SMALL.assign(cost=[400, 200, 600, 300]),
                     dependencies=SMALL_DEPS, status=status, demand=demand,
                     resources=pd.DataFrame({"id": ["R1"], "name": ["Ada"], "capacity": [1.0]}),
                     benefits=pd.DataFrame({"id": ["X"], "name": ["x"], "project_ids": ["B,D"], "lag": [1]}))
    assert prog.schedule().finish == pd.Timestamp("2026-03-06")
    assert prog.schedule().benefits.loc["X", "week"] == 10.0
    assert prog.rollup().program["cpi"] == pytest.approx(240 / 250)
    lv = prog.level()            # C has 3 weeks of float: the clash is moved for free
    assert lv.resolved and lv.cost_days == 0.0 and lv.ripple is None
    assert lv.shifts["project_id"].tolist() == ["C"]
    with pytest.raises(InputError, match="no `realisation` table"):
        prog.benefits_realisation()


def test_program_wide_benefit_timeline_by_hand():
    ben = pd.DataFrame({"id": ["B1", "B2", "B3"], "program_id": ["G", "G", "H"]})
    rl = pd.DataFrame({"benefit_id": ["B1", "B1", "B2", "B2", "B3"],
                       "date": ["2026-03-31", "2026-06-30", "2026-03-31", "2026-06-30", "2026-03-31"],
                       "planned": [10, 10, 5, 5, 1], "realised": [4, None, 6, None, 2]})
    t = P.benefits_timeline(rl, ben, by="program").set_index(["benefit_id", "date"])
    assert t.loc[("G", pd.Timestamp("2026-03-31")), "realised_cum"] == 10
    assert t.loc[("G", pd.Timestamp("2026-06-30")), "planned_cum"] == 30
    assert np.isnan(t.loc[("G", pd.Timestamp("2026-06-30")), "realised_cum"])
    assert t.loc[("H", pd.Timestamp("2026-03-31")), "planned_cum"] == 1
    with pytest.raises(InputError, match="needs benefits"):
        P.benefits_timeline(rl, by="program")
    with pytest.raises(InputError, match="by = 'quarter'"):
        P.benefits_timeline(rl, ben, by="quarter")


def test_a_program_without_benefits_still_schedules():
    """PG-OPS has no rows in benefits.csv: its schedule has no benefit dates, not an error."""
    s = pm.program.load("PG-OPS").schedule()
    assert len(s.benefits) == 0 and s.finish is not None


# ---------------------------------------------------------------------------------------
# SPI(t) in the roll-up, serial levelling by hand, a baseline reused by ripple
# ---------------------------------------------------------------------------------------
def test_rollup_spi_t_per_project_and_for_the_program():
    """Lipke: ES = C + (EV - PV_C) / (PV_C+1 - PV_C); SPI(t) = ES / AT."""
    st_ = pd.DataFrame({"project_id": ["A"] * 4 + ["B"] * 4,
                        "date": ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"] * 2,
                        "pv": [100, 200, 300, 400, 50, 100, 150, 200], "ev": [80, 150, None, None, 50, 100, None, None],
                        "ac": [90, 170, None, None, 50, 100, None, None]})
    r = P.rollup(st_, [{"id": "A", "cost": 400}, {"id": "B", "cost": 200}])
    # A: EV 150 at AT 2 -> ES = 1 + (150 - 100) / 100 = 1.5; B on plan
    assert r.table.loc["A", "spi_t"] == pytest.approx(0.75) and r.table.loc["B", "spi_t"] == pytest.approx(1.0)
    # program baseline 150, 300, 450, 600; EV 250 at AT 2 -> ES = 1 + 100 / 150
    assert r.program["spi_t"] == pytest.approx((1 + 100 / 150) / 2)
    assert r.program["spi"] == pytest.approx(250 / 300)


def test_serial_levelling_by_hand():
    """Least float first, then the earliest: C (no float) stays, A (1 week of float) then B move."""
    d = _blocks(("A", "R1", "2026-11-02", 2, 0.6), ("B", "R1", "2026-11-02", 1, 0.6),
                ("C", "R1", "2026-11-02", 1, 0.6))
    lv = P.level_resources(d, {"R1": 1.0}, float_weeks={"A": 1, "B": 3, "C": 0})
    assert lv.resolved
    assert lv.shifts.set_index("project_id")["shift"].to_dict() == {"A": 1, "B": 3}
    assert lv.shifts.set_index("project_id")["delay"].to_dict() == {"A": 0.0, "B": 0.0}


def test_ripple_reuses_a_computed_baseline():
    home = P.load("PG-HOME")
    base = home.schedule()
    a, b = home.ripple({"P04": 3}), home.ripple({"P04": 3}, baseline=base)
    pd.testing.assert_frame_equal(a.table, b.table)
