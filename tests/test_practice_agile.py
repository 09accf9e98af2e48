"""Agile practice topics and pm.agile.sprint_capacity: published examples through the generators.

The generic checks (key passes, every misconception named, reproducible, varied) run for these
topics in ``tests/test_practice_topics.py``. Here each generator is given the numbers of a
published worked example through its keyword arguments and must reproduce the published
result (and name the classic slip), forecast keys must agree with the table the stem shows,
and the exercises of lesson 08 must give a working ``q.new()``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib.errors import InputError
from pmlib.practice import agile as P
from pmlib.practice._core import Draw, registry

from ._practice import draw, key, named


# --------------------------------------------------------------------------------------
# velocity: pm.agile.velocity's docstring ([20, 25, 30, 29]: mean 26, last three 28)
# --------------------------------------------------------------------------------------
def test_velocity_mean_and_yesterdays_weather():
    pts = [20, 25, 30, 29]
    q = P.velocity(draw(), completed=pts, committed=[24, 25, 34, 30], which="mean")
    assert q.answer == pytest.approx(26.0)
    assert named(q, 28.25).startswith("the points committed")
    q = P.velocity(draw(), completed=pts, committed=[24, 25, 34, 30], which="last_3")
    assert q.answer == pytest.approx(28.0)
    assert named(q, 25.0).startswith("the first three sprints")   # (20 + 25 + 30) / 3


def test_velocity_plan_rounds_up():
    # 180 points at 26 a sprint: 6.92, so 7 sprints (Cohn: a part-filled sprint is still a sprint)
    q = P.velocity(draw(), completed=[20, 25, 30, 29], committed=[20, 25, 30, 29], remaining=180, which="plan",
                   people=5)
    assert q.answer == 7
    assert named(q, 6).startswith("rounded down")
    assert named(q, math.ceil(180 / (26 / 5))).startswith("planned on points per developer")
    q = P.velocity(draw(), completed=[20, 25, 30, 29], committed=[24, 25, 34, 30], remaining=170, which="plan",
                   people=5)
    assert q.answer == 7                                      # 170 / 26 = 6.54
    assert named(q, 170 / 26).startswith("not rounded up")
    assert named(q, 7 - 1).startswith("rounded down")


# --------------------------------------------------------------------------------------
# burndown: pm.agile.sprint_burndown's docstring: 3 + 5 + 2 points over 2-6 March 2026,
# remaining 10, 10, 7, 7, 7, 2 at the end of days 0 to 5; ideal 10, 8, 6, 4, 2, 0
# --------------------------------------------------------------------------------------
SPRINT = [{"story": "S1", "points": 3, "day": 2, "progress": None},
          {"story": "S2", "points": 5, "day": 5, "progress": None},
          {"story": "S3", "points": 2, "day": None, "progress": 0.5}]


@pytest.mark.parametrize("day, remaining", [(1, 10), (2, 7), (3, 7), (4, 7)])
def test_sprint_burndown_reading(day, remaining):
    q = P.burndown(draw(), stories=[dict(s) for s in SPRINT], days=5, day=day, which="day")
    assert q.answer == remaining
    ideal = 10 * (1 - day / 5)
    assert f"ideal line is at {ideal:.1f}" in q.explanation
    assert named(q, 10 - remaining).startswith("the points burned so far") if remaining != 10 else True


def test_sprint_burndown_end_and_partial_credit():
    q = P.burndown(draw(), stories=[dict(s) for s in SPRINT], days=5, which="end")
    assert q.answer == 2
    assert named(q, 8).startswith("the points completed")
    assert named(q, 1).startswith("partial credit")       # half of S3's 2 points taken off
    assert named(q, 10).startswith("the commitment")


def test_release_burnup_counts_scope_growth():
    # pm.agile.release_burnup's docstring: done 20 then 45, scope 100 then 110: 65 left
    rows = [{"completed": 20, "release_scope": 100}, {"completed": 25, "release_scope": 110}]
    q = P.burndown(draw(), which="burnup", sprints=rows, planned=100.0)
    assert q.answer == 65
    assert named(q, 55).startswith("the planned scope minus the work done")
    assert named(q, 110).startswith("the scope line")


# --------------------------------------------------------------------------------------
# forecasts: two-value histories whose probabilities can be enumerated
# --------------------------------------------------------------------------------------
def test_release_forecast_enumerable_history():
    # velocities 10 or 20 with equal chance, 30 points left: P(done within 2) = 3/4, so P50 = 2, P85 = 3
    for q_level, expected in ((85, 3), (50, 2), (70, 2), (90, 3)):
        q = P.release_forecast(draw(), velocities=[10, 20, 10, 20], remaining=30, q=q_level, which="confidence",
                               done=4, seed=1)
        assert q.answer == expected
        assert q.data["shares"][2] == pytest.approx(0.75, abs=0.03)
        assert q.data["shares"][3] == pytest.approx(1.0)
    q = P.release_forecast(draw(), velocities=[10, 20, 10, 20], remaining=30, q=85, which="confidence", done=4,
                           seed=1)
    assert named(q, 7).startswith("the sprints already done added")
    assert named(q, 2)                  # the average plan (2 sprints) and the 50 % row give 2


def test_release_forecast_equal_velocities_give_one_answer():
    for level in (50, 85, 95):
        q = P.release_forecast(draw(), velocities=[20, 20, 20], remaining=60, q=level, which="confidence", done=2)
        assert q.answer == 3


@pytest.mark.parametrize("seed", range(0, 200, 13))
def test_release_forecast_key_is_read_from_the_table(seed):
    q = pm.practice.question("agile.release_forecast", seed=seed)
    if "confidence?" not in q.text:
        return
    got = key(q)
    shares, level = q.data["shares"], q.data["q"] / 100
    assert got == min(k for k, s in shares.items() if s >= level)
    assert all(abs(100 * s - q.data["q"]) > 0.05 for s in shares.values())  # no row reads both ways


def test_throughput_forecast_enumerable_history():
    # daily 0, 1 or 2 items over 2 days: P(at least 1) = 8/9, P(at least 2) = 6/9, P(at least 3) = 3/9
    q = P.throughput_forecast(draw(), daily=[0, 1, 2], days=2, q=85, which="how_many", seed=0)
    assert q.answer == 1
    shares = q.data["shares"]
    assert shares[2] == pytest.approx(6 / 9, abs=0.03) and shares[3] == pytest.approx(3 / 9, abs=0.03)
    q = P.throughput_forecast(draw(), daily=[0, 1, 2], days=2, q=60, which="how_many", seed=0)
    assert q.answer == 2
    assert named(q, 3.0)                        # the optimistic tail (or the zero days left out: 1.5 x 2)
    # one item every day: 5 items take 5 days whatever the confidence
    q = P.throughput_forecast(draw(), daily=[1, 1, 1], items=5, q=90, which="when", seed=0)
    assert q.answer == 5


@pytest.mark.parametrize("seed", range(0, 200, 11))
def test_throughput_key_is_read_from_the_table(seed):
    q = pm.practice.question("agile.throughput_forecast", seed=seed)
    got = key(q)
    shares, level = q.data["shares"], q.data["q"] / 100
    if "items can the team promise" in q.text:
        assert got == max(k for k, s in shares.items() if s >= level)
        assert shares[got + 1] < level
    else:
        assert got == min(k for k, s in shares.items() if s >= level)


# --------------------------------------------------------------------------------------
# Little's law: Streaming Agile's example (3 items, 8 days: 0.375 a day) and the exercise
# --------------------------------------------------------------------------------------
def test_littles_law_published_examples():
    q = P.littles_law(draw(), wip=3, cycle_time=8)
    assert q.answer == pytest.approx(0.375)
    assert named(q, 24).startswith("WIP x cycle time")
    q = P.littles_law(draw(), wip=5, throughput=0.8, weekly=False)
    assert q.answer == pytest.approx(6.25)
    assert named(q, 4.0).startswith("WIP x throughput")
    assert named(q, 0.16).startswith("throughput / WIP")
    q = P.littles_law(draw(), wip=5, throughput=0.8, weekly=True)   # stated as 4 items a week
    assert "4.0 items a week" in q.text and q.answer == pytest.approx(6.25)
    assert named(q, 1.25).startswith("the weekly throughput used as a daily one")


# --------------------------------------------------------------------------------------
# AgileEVM: PM Services, "Measuring Agile Project Performance" (pm.agile.agile_evm's docstring)
# --------------------------------------------------------------------------------------
PM_SERVICES = {"bac": 100_000.0, "total_points": 100.0, "planned_sprints": 5, "sprints_done": 2,
               "points_done": 30.0, "actual_cost": 25_000.0}


@pytest.mark.parametrize("which, expected", [("pv", 40_000), ("ev", 30_000), ("spi", 0.75), ("cpi", 1.2),
                                             ("eac", 100_000 / 1.2)])
def test_agile_evm_pm_services(which, expected):
    q = P.agile_evm(draw(), release=PM_SERVICES, which=which)
    assert q.answer == pytest.approx(expected)


def test_agile_evm_named_slips():
    q = P.agile_evm(draw(), release=PM_SERVICES, which="eac")
    assert named(q, 120_000).startswith("BAC x CPI")
    q = P.agile_evm(draw(), release=PM_SERVICES, which="spi")
    assert named(q, 1 / 0.75).startswith("PPC / APC")
    q = P.agile_evm(draw(), release=PM_SERVICES, which="ev")
    assert named(q, 40_000).startswith("PPC x BAC")
    # scope grew from 80 to 100 points: measured on the original 80 the SPI would read 30/80 / 0.4
    grown = {**PM_SERVICES, "planned_points": 80.0}
    q = P.agile_evm(draw(), release=grown, which="spi")
    assert q.answer == pytest.approx(0.75)
    assert named(q, (30 / 80) / 0.4).startswith("the release's original points")
    # a 5-point story half done is not earned value
    q = P.agile_evm(draw(), release={**PM_SERVICES, "in_progress": 5.0}, which="ev")
    assert q.answer == pytest.approx(30_000)
    assert named(q, 32_500).startswith("partial credit")


# --------------------------------------------------------------------------------------
# interpretation and story points
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", ["target", "cliff", "forecast_miss", "wip_band", "aging", "scope_growth"])
def test_interpretation_cases(case):
    for seed in range(20):
        q = P.interpretation(Draw(np.random.default_rng(seed)), case=case)
        assert q.choices and q.answer in q.choices
        if case == "scope_growth":   # the team keeps its pace: the added scope alone lowers the SPI
            assert q.data["spi_now"] < q.data["spi_before"]
            assert q.data["spi_before"] == pytest.approx(1.0, abs=0.05)
            assert "Re-baseline" in q.answer
        if case == "cliff":          # flat for days, then the cliff
            rem = q.data["remaining"]
            assert rem[1] == rem[0] and rem[-1] < rem[0]
        if case == "forecast_miss":
            assert q.data["p85"] > q.data["left"] and "product owner" in q.answer
        if case == "wip_band":
            ct = q.data["cycle_time"]
            assert ct[1] > ct[0]
            assert ct == pytest.approx([w / q.data["throughput"] for w in q.data["wip"]])


@pytest.mark.parametrize("case", ["compare", "hours", "who", "new_people", "precision"])
def test_story_points_cases(case):
    q = P.story_points(Draw(np.random.default_rng(3)), case=case)
    assert q.answer in q.choices and len(q.misconceptions) == len(q.choices) - 1


# --------------------------------------------------------------------------------------
# People domain: capacity, team size, agreements
# --------------------------------------------------------------------------------------
def test_capacity_gitscrum_examples_through_the_generator():
    # GitScrum, "Team capacity planning": 8.5 + 6.5 + 8.5 + 8 + 7.5 = 39 person-days, x 0.70 = 27.3
    q = P.capacity(draw(), sprint_days=10, days_off=[1.5, 3.5, 1.5, 2, 2.5], focus_factor=0.7, which="capacity")
    assert q.answer == pytest.approx(27.3)
    assert named(q, 39.0).startswith("the focus factor forgotten")
    assert named(q, 35.0).startswith("the days off forgotten")           # 50 x 0.7
    assert named(q, 39 * 0.3).startswith("the focus factor read as the share lost")
    # GitScrum, "Capacity planning": 9 + 8 + 10 = 27 person-days at 75 %: 20.25
    q = P.capacity(draw(), sprint_days=10, days_off=[1, 2, 0], focus_factor=0.75, which="capacity")
    assert q.answer == pytest.approx(20.25)
    # GitScrum, "Sprint capacity planning": 31 points, one of five away one week of two: 27.9
    q = P.capacity(draw(), sprint_days=10, days_off=[5, 0, 0, 0, 0], velocity=31, which="velocity")
    assert q.answer == pytest.approx(27.9)
    assert named(q, 31).startswith("the usual velocity")
    assert named(q, 26).startswith("a point taken off for each day off")


def test_capacity_half_time_member():
    q = P.capacity(draw(), sprint_days=10, days_off=[0, 2, 0], allocation=[1, 1, 0.5], focus_factor=0.8,
                   which="capacity")
    assert q.answer == pytest.approx(0.8 * (10 + 8 + 5))
    assert "half time" in q.text
    assert named(q, 0.8 * 28).startswith("the half-time member counted full time")


def test_team_size_channels():
    q = P.team_size(draw(), people=12, split=(6, 6))           # 66 - (15 + 15) = 36 = 6 x 6
    assert q.answer == 36
    assert named(q, 33).startswith("half the channels")
    assert named(q, 30).startswith("the channels left")
    q = P.team_size(draw(), people=8, added=4)                 # 66 - 28 = 38 (the levels exercise)
    assert q.answer == 38
    assert named(q, 66).startswith("the channels of the new team size")
    assert named(q, 6).startswith("the channels among the 4 newcomers")


@given(n=st.integers(6, 40), a=st.integers(1, 39))
def test_split_removes_exactly_the_cross_links(n, a):
    a = min(a, n - 1)
    q = P.team_size(draw(), people=n, split=(a, n - a))
    assert q.answer == a * (n - a)


@pytest.mark.parametrize("case", ["reviews", "overcommit", "done", "wip_limit", "hero"])
def test_team_agreements_cases(case):
    q = P.team_agreements(Draw(np.random.default_rng(5)), case=case)
    assert q.answer in q.choices
    if case == "overcommit":   # the advice quotes the team's own 'yesterday's weather'
        v = pm.agile.velocity(q.data["completed"])["last_3"]
        assert f"about {v:.0f} points" in q.answer


def test_people_domain_topics_and_tags():
    reg = registry()
    people = {t for t, v in reg.items() if v.eco_domain == "People"}
    assert {"agile.story_points", "agile.capacity", "agile.team_size", "agile.team_agreements",
            "levels.communication_channels"} <= people
    agile_topics = {t: v for t, v in reg.items() if t.startswith("agile.")}
    assert {"agile.velocity", "agile.burndown", "agile.release_forecast", "agile.throughput_forecast",
            "agile.littles_law", "agile.agile_evm", "agile.story_points", "agile.interpretation"} <= set(agile_topics)
    assert {v.lesson for v in agile_topics.values()} == {"08_agile_and_hybrid"}
    assert {v.exam for v in agile_topics.values()} == {"PMP"}
    # a full mock exam now asks several People questions (only communication channels before)
    mix = pm.practice.mock_exam(180, seed=0).domain_mix()
    assert mix.loc["People", "asked"] >= 5 * 2


# --------------------------------------------------------------------------------------
# exercises of lesson 08: q.new() gives a working variant of the same topic
# --------------------------------------------------------------------------------------
def test_agile_exercises_give_new_variants(capsys):
    from pmlib.exercises import agile_and_hybrid

    seen = set()
    for ex in agile_and_hybrid.EXERCISES:
        if not ex.topic:
            continue
        for seed in (1, 2):
            q = ex.new(seed=seed)
            assert q.topic == ex.topic
            assert q.check(q.answer, record=False).correct
        seen.add(ex.topic)
    assert {"agile.velocity", "agile.release_forecast", "agile.burndown", "agile.littles_law",
            "agile.throughput_forecast", "agile.agile_evm", "agile.story_points", "agile.interpretation"} <= seen
    assert "Answer" not in capsys.readouterr().out   # the variant is shown without its solution


# --------------------------------------------------------------------------------------
# pm.agile.sprint_capacity
# --------------------------------------------------------------------------------------
def test_sprint_capacity_published_examples():
    c = pm.agile.sprint_capacity(10, [1.5, 3.5, 1.5, 2, 2.5], focus_factor=0.7)   # GitScrum: 39 and 27.3
    assert c["person_days"] == pytest.approx(39) and c["capacity"] == pytest.approx(27.3)
    assert c["team_size"] == 5 and c["full_days"] == 50
    c = pm.agile.sprint_capacity(10, [5, 0, 0, 0, 0], velocity=31)                 # GitScrum: 28 points
    assert c["availability"] == pytest.approx(0.9) and c["planned_velocity"] == pytest.approx(27.9)
    assert "planned_velocity" not in pm.agile.sprint_capacity(10, [0, 0])


def test_sprint_capacity_pairs_members_by_label_and_keeps_inputs():
    off = pd.Series([2.0, 0.0], index=["bo", "al"])
    share = pd.Series([1.0, 0.5], index=["al", "bo"])          # al full time, bo half time
    before = (off.copy(), share.copy())
    c = pm.agile.sprint_capacity(10, off, allocation=share)
    assert c["person_days"] == pytest.approx(10 + 0.5 * 8)
    assert c["full_days"] == pytest.approx(15)
    pd.testing.assert_series_equal(off, before[0])
    pd.testing.assert_series_equal(share, before[1])


@pytest.mark.parametrize("kwargs, words", [
    ({"sprint_days": 10, "days_off": [11]}, "days_off"),
    ({"sprint_days": 10, "days_off": [-1]}, "days_off"),
    ({"sprint_days": 0, "days_off": [1]}, "sprint_days"),
    ({"sprint_days": float("inf"), "days_off": [1]}, "sprint_days"),
    ({"sprint_days": 10, "days_off": 3}, "one number per team member"),
    ({"sprint_days": 10, "days_off": "2"}, "one number per team member"),
    ({"sprint_days": 10, "days_off": []}, "empty"),
    ({"sprint_days": 10, "days_off": [1, np.nan]}, "NaN"),
    ({"sprint_days": 10, "days_off": [True, 0]}, "True"),
    ({"sprint_days": 10, "days_off": [1], "allocation": 1.5}, "allocation"),
    ({"sprint_days": 10, "days_off": [1, 2], "allocation": [0, 0]}, "nobody works"),
    ({"sprint_days": 10, "days_off": [1, 2], "allocation": [1, 1, 1]}, "same length"),
    ({"sprint_days": 10, "days_off": [1], "focus_factor": 1.2}, "focus_factor"),
    ({"sprint_days": 10, "days_off": [1], "focus_factor": 0}, "focus_factor"),
    ({"sprint_days": 10, "days_off": [1], "velocity": -5}, "velocity"),
    ({"sprint_days": 10, "days_off": pd.Series([1, 12], index=["ann", "bob"])}, "'bob'"),
    ({"sprint_days": 10, "days_off": pd.Series([1, 2], index=["a", "b"]),
      "allocation": pd.Series([1, 1], index=["a", "c"])}, "labelled differently"),
])
def test_sprint_capacity_bad_input(kwargs, words):
    with pytest.raises(InputError, match=words):
        pm.agile.sprint_capacity(**kwargs)


@settings(max_examples=60, deadline=None)
@given(days=st.integers(1, 20), off=st.lists(st.floats(0, 1), min_size=1, max_size=9),
       share=st.floats(0.1, 1), focus=st.floats(0.05, 1), velocity=st.floats(0, 100))
def test_sprint_capacity_properties(days, off, share, focus, velocity):
    away = [days * x for x in off]
    c = pm.agile.sprint_capacity(days, away, allocation=share, focus_factor=focus, velocity=velocity)
    assert 0 <= c["capacity"] <= c["person_days"] + 1e-9 <= c["full_days"] + 2e-9
    assert 0 <= c["availability"] <= 1 + 1e-12
    assert c["planned_velocity"] <= velocity + 1e-9
    # one more day away never adds capacity
    more = [min(days, a + 1) for a in away]
    assert pm.agile.sprint_capacity(days, more, allocation=share, focus_factor=focus)["capacity"] <= \
        c["capacity"] + 1e-9
