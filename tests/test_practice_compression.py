"""Crashing and fast-tracking practice topics: published examples through the generators, cross-checks.

Sources: Hillier & Lieberman, *Introduction to Operations Research*, "time-cost trade-offs" (the
Reliable Construction Co. project crashed from 44 to 40 weeks for 140 k$: J and F twice each);
the worked example of ``pm.schedule.crash``'s and ``pm.schedule.fast_track``'s docstrings; the
course's own launch network (exercises/04: slope of B 3 k$ a day, B first, 10 k$ to reach 12
days, 12 days best at 4.5 k$ of indirect cost a day, 13 days fast-tracked). The 200-seed checks
(key passes, slips named) are in ``test_practice_topics.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

import pmlib as pm
from pmlib.exercises import schedule as ex_schedule
from pmlib.practice import compression as P
from pmlib.practice._core import Draw
from tests._practice import check_fresh_variants, draw, key


def plan_of(table) -> dict:
    """{id: {predecessors, duration, crash_duration, cost, crash_cost}} from a crash table."""
    out = {}
    for r in table.to_dict("records"):
        preds = [p.strip() for p in str(r["predecessors"]).split(",") if p.strip()]
        out[r["id"]] = {"predecessors": preds, "duration": r["duration"], "crash_duration": r["crash_duration"],
                        "cost": r["cost"], "crash_cost": r["crash_cost"]}
    return out


# Hillier & Lieberman's Reliable Construction Co. (weeks, k$), as in pm.schedule.crash's docstring
RC = {"A": ("", 2, 1, 180, 280), "B": ("A", 4, 2, 320, 420), "C": ("B", 10, 7, 620, 860),
      "D": ("C", 6, 4, 260, 340), "E": ("C", 4, 3, 410, 570), "F": ("E", 5, 3, 180, 260),
      "G": ("D", 7, 4, 900, 1020), "H": ("E, G", 9, 6, 200, 380), "I": ("C", 7, 5, 210, 270),
      "J": ("F, I", 8, 6, 430, 490), "K": ("J", 4, 3, 160, 200), "L": ("J", 5, 3, 250, 350),
      "M": ("H", 2, 1, 100, 200), "N": ("K, L", 6, 3, 330, 510)}
RC_PLAN = {a: {"predecessors": [p.strip() for p in ps.split(",") if p.strip()], "duration": d, "crash_duration": c,
               "cost": n, "crash_cost": x} for a, (ps, d, c, n, x) in RC.items()}


def test_hillier_lieberman_reliable_construction_44_to_40_weeks_costs_140():
    q = P.crashing(draw(), plan=RC_PLAN, which="cost", target=40, unit="weeks")
    assert q.answer == pytest.approx(140)
    assert "44 weeks" in q.text and "40 weeks" in q.text
    assert "J by 2 weeks" in q.explanation and "F by 2 weeks" in q.explanation
    # all four weeks at the cheapest critical slope (J, 30 a week) is the named slip: J gives only 2
    fb = q.check(4 * 30, record=False)
    assert not fb.correct and fb.misconception.startswith("every week bought at the cheapest critical slope")
    # the whole direct cost is named too
    assert q.check(q.answer + sum(r[3] for r in RC.values()), record=False).misconception.startswith(
        "the project's whole direct cost")


def test_hillier_lieberman_first_week_and_slopes():
    q = P.crashing(Draw(np.random.default_rng(3)), plan=RC_PLAN, which="first", unit="weeks")
    assert q.answer == "Activity J"     # J's slope (30 k$ a week) is the cheapest on A-B-C-E-F-J-L-N
    q = P.crashing(draw(), plan=RC_PLAN, which="slope", activity="F", unit="weeks")
    assert q.answer == pytest.approx(40)        # (260 - 180) / (5 - 3)
    assert q.check(260 / 2, record=False).misconception.startswith("the crash cost divided by the time saved")
    assert q.check(80 / 3, record=False).misconception.startswith("divided by the crash duration")
    assert q.check(80, record=False).misconception.startswith("the total extra cost")


def test_docstring_example_of_crash_through_the_generator():
    acts = {"A": {"predecessors": [], "duration": 4, "crash_duration": 2, "cost": 10, "crash_cost": 16},
            "B": {"predecessors": ["A"], "duration": 6, "crash_duration": 4, "cost": 20, "crash_cost": 30},
            "C": {"predecessors": ["A"], "duration": 5, "crash_duration": 5, "cost": 8, "crash_cost": 8}}
    q = P.crashing(draw(), plan=acts, which="cost", target=8, unit="days")
    assert q.answer == pytest.approx(6)         # 44 - 38: A twice at 3 a day


def test_the_course_launch_network_through_the_generators():
    """The practice generators reproduce the answers of exercises/04 on the same network."""
    plan = plan_of(ex_schedule.launch_network())
    assert P.crashing(draw(), plan=plan, which="slope", activity="B", unit="days").answer == pytest.approx(3)
    assert P.crashing(Draw(np.random.default_rng(1)), plan=plan, which="first", unit="days").answer == "Activity B"
    assert P.crashing(draw(), plan=plan, which="cost", target=12, unit="days").answer == pytest.approx(10)
    q = P.crashing(draw(), plan=plan, which="best", indirect=ex_schedule.INDIRECT_PER_DAY, unit="days")
    assert q.answer == 12
    assert q.check(15, record=False).misconception.startswith("not crashed at all")
    assert q.check(11, record=False).misconception.startswith("one day too far")
    shortest = pm.schedule.crash(ex_schedule.launch_network()).shortest_duration
    assert q.check(shortest, record=False).misconception.startswith("crashed all the way")
    preds = {a: r["predecessors"] for a, r in plan.items()}
    d = {a: r["duration"] for a, r in plan.items()}
    q = P.fast_tracking(draw(), preds=preds, d=d, link=("B", "E"), overlap=2, which="duration", unit="days")
    assert q.answer == 13
    assert q.check(15, record=False).misconception.startswith("the planned duration")


def test_fast_track_docstring_example_and_a_path_taking_over():
    preds, d = {"A": [], "B": ["A"], "C": ["A"]}, {"A": 4, "B": 6, "C": 3}
    q = P.fast_tracking(draw(), preds=preds, d=d, link=("A", "B"), overlap=2, which="duration", unit="days")
    assert q.answer == 8        # 10 -> 8: the lead shortens A-B by 2
    assert q.check(12, record=False).misconception.startswith("the lead read as a lag")
    # a 4-day lead on A-B makes A-C (7) ... no: A-B becomes 6, A-C stays 7: the finish is 7, not 10 - 4
    q = P.fast_tracking(draw(), preds=preds, d=d, link=("A", "B"), overlap=4, which="duration", unit="days")
    assert q.answer == 7
    assert q.check(6, record=False).misconception.startswith("the whole overlap taken off the finish")


@pytest.mark.parametrize("seed", range(0, 120, 3))
def test_crashing_answers_agree_with_the_textbook_procedure(seed):
    """Exam questions follow the greedy procedure: on the drawn networks it gives pmlib's exact answer."""
    q = pm.practice.question("schedule.crashing", seed=seed)
    acts = q.data["activities"]
    if "least extra direct cost" in q.text:
        g = pm.schedule.crash_greedy(acts, target_duration=q.data["target_duration"])
        assert g["duration"].iloc[-1] == q.data["target_duration"]
        assert g["direct_cost"].iloc[-1] - g["direct_cost"].iloc[0] == pytest.approx(key(q))
    elif "crashed first" in q.text:
        g = pm.schedule.crash_greedy(acts)
        assert q.answer == f"Activity {g['crashed'].iloc[1]}"
        slopes = pm.schedule.crash(acts).table["cost_slope"]
        critical = set(q.data["critical_path"].split("-"))
        for name, option in q.misconceptions.items():  # an off-path option is cheaper but not critical
            if "off the critical path" in name:
                a = option.split()[-1]
                assert a not in critical and slopes[a] < slopes[q.answer.split()[-1]]
    elif "least total cost" in q.text:
        c = pm.schedule.crash(acts, indirect_cost_per_day=q.data["indirect_cost_per_unit"])
        curve = c.curve
        best = curve.loc[curve["total_cost"].idxmin(), "duration"]
        assert key(q) == best and c.shortest_duration <= best <= c.normal_duration


@pytest.mark.parametrize("seed", range(0, 120, 4))
def test_fast_tracking_only_a_critical_link_helps(seed):
    q = pm.practice.question("schedule.fast_tracking", seed=seed)
    acts, (p, s), k = q.data["activities"], q.data["link"], q.data["overlap"]
    f = pm.schedule.fast_track(acts, {(p, s): k})
    assert f.saved > 0
    if "Which overlap shortens the project" in q.text:
        for option in q.misconceptions.values():   # "Y starts k days before X finishes"
            y, x = option.split()[0], option.split()[-2]
            assert pm.schedule.fast_track(acts, {(x, y): k}).saved == 0
    elif q.choices is None:
        assert q.answer == f.duration


def test_both_kinds_and_varied_settings():
    kinds = {pm.practice.question("schedule.crashing", seed=s).kind for s in range(30)}
    assert kinds == {"numeric", "choice"}
    assert {pm.practice.question("schedule.fast_tracking", seed=s).kind for s in range(30)} == {"numeric", "choice"}
    answers = {pm.practice.question("schedule.fast_tracking", seed=s).answer for s in range(60)}
    assert any(str(a).startswith("Crash") for a in answers) and any(str(a).startswith("Fast-track") for a in answers)


@pytest.mark.parametrize("set_module, topic", [(ex_schedule, "schedule.crashing"),
                                               (ex_schedule, "schedule.fast_tracking")])
def test_exercises_on_these_topics_give_a_fresh_variant(set_module, topic, capsys):
    check_fresh_variants(set_module.EXERCISES, topic, capsys, seed=7)
