"""pmlib.agile: published examples, Monte Carlo cases you can enumerate, properties, the team's data."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib import agile


# ---------------------------------------------------------------------------------------
# velocity
# ---------------------------------------------------------------------------------------
def test_velocity_figures():
    v = agile.velocity([20, 25, 30, 29])
    assert v["mean"] == 26 and v["last_3"] == pytest.approx(28)
    assert v["sd"] == pytest.approx(np.std([20, 25, 30, 29], ddof=1))
    assert (v["min"], v["max"], v["n"]) == (20, 30, 4)
    one = agile.velocity([12])
    assert math.isnan(one["sd"]) and one["last_3"] == 12  # fewer than three: the mean of what there is


def test_velocity_keeps_the_callers_data():
    s = pd.Series([20.0, 25.0, 30.0], index=["S1", "S2", "S3"])
    before = s.copy()
    agile.velocity(s)
    pd.testing.assert_series_equal(s, before)


# ---------------------------------------------------------------------------------------
# release forecast: analytic cases
# ---------------------------------------------------------------------------------------
def exact_sprints_cdf(remaining, history, longest=6):
    """P(done within k sprints) for k = 1..longest, enumerating every sequence of equally likely draws."""
    history = list(history)
    return {k: sum(1 for seq in itertools.product(history, repeat=k) if sum(seq) >= remaining) / len(history) ** k
            for k in range(1, longest + 1)}


def test_equal_velocities_give_one_answer():
    f = agile.release_forecast(100, [20, 20, 20], n=2_000, seed=3)
    assert set(f.sprints) == {5.0} and f.sd == 0 and f.percentile(85) == 5
    assert f.probability(4) == 0 and f.probability(5) == 1
    assert set(agile.release_forecast(101, [20, 20, 20], n=500).sprints) == {6.0}
    assert set(agile.release_forecast(0, [20, 20, 20], n=500).sprints) == {0.0}


def test_two_value_history_matches_enumeration():
    # 10 or 20 points a sprint with equal chance, 30 points left: 2 sprints in 3 cases of 4, else 3
    f = agile.release_forecast(30, [10, 20, 10, 20], n=40_000, seed=1)
    assert f.probability(1) == 0
    assert f.probability(2) == pytest.approx(0.75, abs=0.01)
    assert f.probability(3) == 1
    assert f.percentile(50) == 2 and f.percentile(80) == 3


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=st.lists(st.integers(0, 6), min_size=3, max_size=4).filter(lambda h: max(h) > 0),
       remaining=st.integers(1, 12))
def test_forecast_probabilities_match_the_exact_distribution(history, remaining):
    cdf = exact_sprints_cdf(remaining, history)
    f = agile.release_forecast(remaining, history, n=20_000, seed=5)
    for k, p in cdf.items():
        tol = 4 * math.sqrt(max(p * (1 - p), 1e-4) / f.n)
        assert f.probability(k) == pytest.approx(p, abs=tol)


@settings(max_examples=40, deadline=None)
@given(history=st.lists(st.floats(0, 40, allow_nan=False), min_size=3, max_size=12).filter(lambda h: max(h) > 1),
       small=st.floats(0, 300), extra=st.floats(0, 300), seed=st.integers(0, 2**32 - 1))
def test_a_forecast_never_gets_earlier_when_scope_grows(history, small, extra, seed):
    a = agile.release_forecast(small, history, n=500, seed=seed)
    b = agile.release_forecast(small + extra, history, n=500, seed=seed)
    assert (b.sprints >= a.sprints).all()  # same seed, same draws: iteration by iteration
    for q in (10, 50, 85, 99):
        assert b.percentile(q) >= a.percentile(q)


def test_forecast_is_reproducible_and_seeded():
    h = [22, 31, 27, 18, 29, 33]
    a, b = (agile.release_forecast(150, h, n=3_000, seed=9) for _ in range(2))
    assert np.array_equal(a.sprints, b.sprints)
    c = agile.release_forecast(150, h, n=3_000, seed=10)
    assert not np.array_equal(a.sprints, c.sprints)
    g = agile.release_forecast(150, h, n=3_000, seed=np.random.default_rng(9))
    assert np.array_equal(g.sprints, a.sprints)


def test_percentiles_are_whole_sprints_and_consistent_with_probability():
    f = agile.release_forecast(180, [16, 21, 24, 30, 33, 22, 34, 23, 24, 32], n=10_000, seed=0)
    for q in (10, 50, 70, 85, 95):
        k = f.percentile(q)
        assert isinstance(k, int)
        assert f.probability(k) >= q / 100 > f.probability(k - 1)
    assert list(f.percentile([50, 85])) == [f.percentile(50), f.percentile(85)]
    assert isinstance(f, pm._simulation.Simulation) and f.summary()["p85"] == f.percentile(85)


def test_average_velocity_plan_misses_often():
    history = [30, 33, 24, 16, 21, 32, 22, 34, 23, 24]  # the web-shop team's last ten sprints
    f = agile.release_forecast(180, history, n=20_000, seed=0)
    assert f.average_sprints == math.ceil(180 / np.mean(history)) == 7
    assert 0.45 < f.probability(f.average_sprints) < 0.65  # about a coin flip
    assert f.percentile(85) == 8


def test_finish_date_counts_whole_sprints_after_the_last_one():
    f = agile.release_forecast(90, [30, 30, 30], n=100)
    assert f.finish_date(85, after="2026-10-23") == pd.Timestamp("2026-12-04")
    assert f.finish_date(85, after="2026-10-23", sprint_days=7) == pd.Timestamp("2026-11-13")


# ---------------------------------------------------------------------------------------
# throughput and points forecasts
# ---------------------------------------------------------------------------------------
def test_items_by_a_date_can_be_enumerated():
    # 0, 1 or 2 items a day; in 2 days: P(at least 2) = 6/9, P(at least 3) = 3/9, P(4) = 1/9
    f = agile.throughput_forecast([0, 1, 2], days=2, n=45_000, seed=2)
    assert f.mode == "items" and f.days == 2 and set(f.items_done) <= {0, 1, 2, 3, 4}
    assert f.probability_at_least(2) == pytest.approx(6 / 9, abs=0.01)
    assert f.probability_at_least(3) == pytest.approx(3 / 9, abs=0.01)
    assert f.percentile(60) == 2 and f.percentile(30) == 3 and f.percentile(85) == 1 and f.percentile(95) == 0
    assert f.probability(1) == pytest.approx(3 / 9, abs=0.01)  # the common convention, P(items <= 1)


def test_days_for_items_can_be_enumerated():
    # 1 or 2 items a day, 3 items: 2 days unless both days give 1 (p = 1/4), then 3 days
    f = agile.throughput_forecast([1, 2, 1, 2], items=3, n=40_000, seed=4)
    assert f.mode == "days" and set(f.days_needed) == {2.0, 3.0}
    assert f.probability(2) == pytest.approx(0.75, abs=0.01)
    assert f.percentile(70) == 2 and f.percentile(90) == 3
    assert f.finish_date(90, start="2026-11-02") == pd.Timestamp("2026-11-04")
    with pytest.raises(AttributeError, match="days_needed"):
        _ = f.items_done


def test_percentile_of_items_is_the_largest_count_reached_with_that_confidence():
    f = agile.throughput_forecast([0, 1, 3, 0, 2, 1, 1], days=20, n=5_000, seed=0)
    for q in (50, 85, 95):
        k = f.percentile(q)
        assert f.probability_at_least(k) >= q / 100 > f.probability_at_least(k + 1)


def test_points_forecast_for_a_fixed_date():
    f = agile.points_forecast([10, 20, 10, 20], 2, n=40_000, seed=0)
    assert set(f.samples) == {20.0, 30.0, 40.0} and f.unit == "points" and f.period == "sprint"
    assert f.probability_at_least(30) == pytest.approx(0.75, abs=0.01)
    # the same draws as a release forecast: reaching 30 within 2 sprints = at least 30 in 2 sprints
    r = agile.release_forecast(30, [10, 20, 10, 20], n=40_000, seed=0)
    assert r.probability(2) == pytest.approx(f.probability_at_least(30), abs=1e-12)


# ---------------------------------------------------------------------------------------
# AgileEVM
# ---------------------------------------------------------------------------------------
def test_agile_evm_published_example():
    # PM Services, "Measuring Agile Project Performance, part 2: Agile EVM": 100 points, 100,000 $,
    # 5 sprints; after 2 sprints 30 points done for 25,000 $
    r = agile.agile_evm(bac=100_000, total_points=100, planned_sprints=5, sprints_done=2, points_done=30,
                        actual_cost=25_000)
    assert list(r.index) == agile.AGILE_EVM_COLUMNS
    assert (r.ppc, r.apc) == pytest.approx((0.4, 0.3))
    assert (r.pv, r.ev, r.ac) == pytest.approx((40_000, 30_000, 25_000))
    assert (r.sv, r.cv) == pytest.approx((-10_000, 5_000))
    assert (r.cpi, r.spi) == pytest.approx((1.2, 0.75))
    assert (r.eac, r.etc, r.vac) == pytest.approx((100_000 / 1.2, 100_000 / 1.2 - 25_000, 100_000 - 100_000 / 1.2))
    # Sulaiman et al.: the release length at the mean velocity equals the planned sprints / SPI
    assert r.estimated_sprints == pytest.approx(2 * 100 / 30) == pytest.approx(5 / 0.75)


def test_agile_evm_uses_the_evm_formulas():
    r = agile.agile_evm(bac=1050, total_points=518, planned_sprints=17, sprints_done=13, points_done=338,
                        actual_cost=779)
    m = pm.evm.metrics(pv=r.pv, ev=r.ev, ac=r.ac, bac=1050)
    for k in ("cv", "sv", "cpi", "spi", "eac", "etc", "vac"):
        assert r[k] == pytest.approx(m[k])


@settings(max_examples=60, deadline=None)
@given(planned=st.integers(1, 40), done_frac=st.floats(0.05, 1.0), total=st.floats(10, 1000),
       pts_frac=st.floats(0.01, 1.0), bac=st.floats(1, 1e6), ac=st.floats(0, 1e6))
def test_agile_evm_release_length_identity(planned, done_frac, total, pts_frac, bac, ac):
    done = max(1, int(planned * done_frac))
    r = agile.agile_evm(bac=bac, total_points=total, planned_sprints=planned, sprints_done=done,
                        points_done=total * pts_frac, actual_cost=ac)
    assert r.estimated_sprints == pytest.approx(planned / r.spi, rel=1e-9)


def test_agile_evm_per_sprint_table_and_late_release():
    sprints = pd.Series([1, 2, 3, 6], index=["S1", "S2", "S3", "S6"])
    done = pd.Series([10, 25, 40, 100], index=["S1", "S2", "S3", "S6"])
    cost = pd.Series([20, 40, 60, 120], index=["S1", "S2", "S3", "S6"])
    t = agile.agile_evm(200, 100, 5, sprints, done, cost)
    assert list(t.index) == ["S1", "S2", "S3", "S6"] and list(t.columns) == agile.AGILE_EVM_COLUMNS
    assert t.loc["S6", "ppc"] == 1.0 and t.loc["S6", "pv"] == 200  # after the plan: PV stays at BAC
    shuffled = agile.agile_evm(200, 100, 5, sprints, done.iloc[::-1], cost.sample(frac=1, random_state=1))
    pd.testing.assert_frame_equal(shuffled, t)  # paired by label


# ---------------------------------------------------------------------------------------
# Little's law and flow metrics
# ---------------------------------------------------------------------------------------
def test_littles_law_published_examples():
    # Streaming Agile, "Little's Law" (2016): 3 items at a time, 8 days each -> 0.375 a day, 22.5 in 60
    assert agile.littles_law(wip=3, cycle_time=8) == pytest.approx(0.375)
    assert 60 * agile.littles_law(wip=3, cycle_time=8) == pytest.approx(22.5)
    # 4 checkout lanes, 7 minutes a customer: 0.57 customers a minute
    assert agile.littles_law(wip=4, cycle_time=7) == pytest.approx(0.571, abs=1e-3)
    assert agile.littles_law(throughput=0.375, cycle_time=8) == pytest.approx(3)
    assert agile.littles_law(wip=3, throughput=0.375) == pytest.approx(8)
    s = agile.littles_law(wip=pd.Series([4.0, 6.0], index=["A", "B"]),
                          throughput=pd.Series([2.0, 1.0], index=["B", "A"]))
    assert s.to_dict() == {"A": 4.0, "B": 3.0}


def test_cycle_time_counts_start_and_finish_day():
    fm = agile.flow_metrics([
        {"key": "A", "created": "2026-03-01", "started": "2026-03-02", "done": "2026-03-02"},
        {"key": "B", "created": "2026-03-01", "started": "2026-03-02", "done": "2026-03-06"},
        {"key": "C", "created": "2026-03-03", "started": "2026-03-05", "done": None},
        {"key": "D", "created": "2026-03-04", "started": None, "done": None},
    ])
    assert isinstance(fm, pd.DataFrame) and isinstance(fm, agile.FlowMetrics)
    assert fm["cycle_time"].tolist()[:2] == [1.0, 5.0] and math.isnan(fm["cycle_time"].iloc[2])
    assert fm["lead_time"].tolist()[:2] == [2.0, 6.0]
    assert fm.loc[2, "age"] == 2.0  # in progress on 5 and 6 March
    assert fm.throughput.tolist() == [1, 0, 0, 0, 1] and fm.throughput.index[0] == pd.Timestamp("2026-03-02")
    assert fm.wip.tolist() == [2, 1, 1, 2, 2]
    cfd = fm.cfd
    assert cfd.loc["2026-03-06"].tolist() == [4, 3, 2]
    assert fm.summary()["in_progress"] == 1 and fm.summary()["not_started"] == 1
    assert type(fm.head(2)) is pd.DataFrame  # reshaping gives a plain table


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 15)), min_size=1, max_size=30))
def test_littles_law_holds_exactly_on_a_window_that_starts_and_ends_empty(spans):
    t0 = pd.Timestamp("2026-01-05")
    items = [{"key": i, "started": t0 + pd.Timedelta(days=s), "done": t0 + pd.Timedelta(days=s + d)}
             for i, (s, d) in enumerate(spans)]
    fm = agile.flow_metrics(items)
    days = len(fm.wip)  # from the first start to the last finish: empty before and after
    assert fm.wip.sum() == fm["cycle_time"].sum()
    throughput = len(items) / days
    assert agile.littles_law(throughput=throughput, cycle_time=fm["cycle_time"].mean()) == \
        pytest.approx(fm.wip.mean())
    assert fm.throughput.sum() == len(items)


def test_as_of_replays_the_past():
    items = [{"key": "A", "started": "2026-03-02", "done": "2026-03-09"}]
    fm = agile.flow_metrics(items, as_of="2026-03-05")
    assert math.isnan(fm["cycle_time"].iloc[0]) and fm["age"].iloc[0] == 4
    assert fm.as_of == pd.Timestamp("2026-03-05") and fm.throughput.sum() == 0


def test_without_start_dates_lead_time_still_works():
    fm = agile.flow_metrics([{"key": "A", "created": "2026-03-02", "started": None, "done": "2026-03-04"},
                             {"key": "B", "created": "2026-03-03", "started": None, "done": None}])
    assert fm["lead_time"].iloc[0] == 3 and fm["cycle_time"].isna().all()
    assert fm.wip.isna().all() and fm.throughput.sum() == 1
    assert "no item has a start date" in fm.notes[0]
    with pytest.raises(ValueError, match="lead_time"):
        fm.cycle_time_percentile(85)


def test_percentiles_are_vacanti_whole_days():
    fm = agile.flow_metrics([{"key": k, "started": "2026-03-02", "done": d}
                             for k, d in enumerate(["2026-03-02", "2026-03-03", "2026-03-05", "2026-03-12"])])
    assert fm["cycle_time"].tolist() == [1, 2, 4, 11]
    assert fm.percentiles.to_dict() == {50: 2.0, 70: 4.0, 85: 11.0, 95: 11.0}


# ---------------------------------------------------------------------------------------
# burn tables
# ---------------------------------------------------------------------------------------
def test_sprint_burndown_with_carry_over_and_weekend():
    items = [{"points": 5, "done": "2026-03-03"}, {"points": 3, "done": "2026-03-07"},  # a Saturday
             {"points": 8, "done": "2026-03-20"}]  # after the sprint: carried over
    b = agile.sprint_burndown(items, start="2026-03-02", end="2026-03-13", committed=18)
    assert len(b) == 11 and b["date"].iloc[-1] == pd.Timestamp("2026-03-13")
    assert b.loc[2, "remaining"] == 13 and b.loc[6, "remaining"] == 10  # Saturday's burn shows on Monday
    assert b["remaining"].iloc[-1] == 10 and b["ideal"].iloc[-1] == 0
    cal = agile.sprint_burndown(items, start="2026-03-02", end="2026-03-13", working_days=False)
    assert len(cal) == 13 and cal["remaining"].iloc[0] == 16


def test_release_burnup_shows_scope_growth():
    b = agile.release_burnup(pd.DataFrame({"completed": [20, 25, 30], "release_scope": [100, 110, 130]},
                                          index=["S1", "S2", "S3"]))
    assert b["done"].tolist() == [20, 45, 75] and b["remaining"].tolist() == [80, 65, 55]
    assert b["percent_done"].iloc[-1] == pytest.approx(75 / 130)
    fixed = agile.release_burnup([{"completed": 10}, {"completed": 10}], scope=50)
    assert fixed["remaining"].tolist() == [40, 30]


# ---------------------------------------------------------------------------------------
# the web-shop team's data
# ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def team():
    return pm.datasets.load("sprints"), pm.datasets.load("work_items"), pm.datasets.load("releases")


def test_velocity_equals_the_points_of_the_stories_done_in_the_sprint(team):
    sprints, items, _ = team
    done = items[items["status"] == "Done"].groupby("sprint_id")["points"].sum()
    assert done.reindex(sprints["id"]).to_numpy() == pytest.approx(sprints["completed"].to_numpy())
    finished = items.dropna(subset=["sprint_id"]).merge(sprints[["id", "start", "end"]], left_on="sprint_id",
                                                         right_on="id")
    assert ((finished["done"] >= finished["start"]) & (finished["done"] <= finished["end"])).all()


def test_release_scope_matches_the_export(team):
    sprints, items, releases = team
    for rid in releases["id"]:
        rs = sprints[sprints["release_id"] == rid]
        remaining = rs["release_scope"].iloc[-1] - rs["completed"].sum()
        open_points = items[(items["release_id"] == rid) & (items["status"] != "Done")]["points"].sum()
        assert remaining == open_points
    assert open_points == 180  # WEB-R2, the release the lesson forecasts


def test_sprint_calendar(team):
    sprints, _, releases = team
    assert (sprints["start"].dt.day_of_week == 0).all() and (sprints["end"].dt.day_of_week == 4).all()
    assert (sprints["start"].diff().dropna() == pd.Timedelta(days=14)).all()
    r2 = releases.set_index("id").loc["WEB-R2"]
    last_planned_end = r2["start"] + pd.Timedelta(days=14 * r2["planned_sprints"] - 3)
    assert last_planned_end == r2["target_date"]
    assert sprints["end"].max() < pm.datasets.STATUS_DATE


def test_flow_metrics_of_the_export(team):
    _, items, _ = team
    before = items.copy()
    fm = agile.flow_metrics(items)
    pd.testing.assert_frame_equal(items, before)  # the caller's table is untouched
    s = fm.summary()
    assert s["done"] == (items["status"] == "Done").sum()
    assert s["in_progress"] == items["status"].isin(["In Progress", "In Review"]).sum()
    # Little's law on the whole history: close, not exact (WIP is not empty at the end)
    assert agile.littles_law(throughput=s["throughput_per_day"], cycle_time=s["mean_cycle_time"]) == \
        pytest.approx(s["mean_wip"], rel=0.1)


def test_design_contract_as_written():
    """DESIGN.md's second part, called with its exact names and keywords."""
    v = pm.agile.velocity([20, 25, 30])
    assert {"mean", "sd", "last_3", "min", "max"} <= set(v.index)
    f = pm.agile.release_forecast(100, [20, 25, 30], n=1_000, seed=0)
    assert isinstance(f.sprints, np.ndarray) and len(f.sprints) == 1_000
    assert isinstance(f.percentile(85), int) and 0 <= f.probability(5) <= 1
    days = pm.agile.throughput_forecast([0, 1, 2], items=10, days=None, n=1_000, seed=0)
    assert days.percentile(85) >= days.percentile(50) and 0 <= days.probability(10) <= 1
    items = pm.agile.throughput_forecast([0, 1, 2], items=None, days=10, n=1_000, seed=0)
    k = items.percentile(85)
    assert items.probability_at_least(k) >= 0.85
    e = pm.agile.agile_evm(bac=100, total_points=50, planned_sprints=5, sprints_done=2, points_done=20,
                           actual_cost=45)
    assert {"ppc", "apc", "pv", "ev", "ac", "cv", "sv", "cpi", "spi", "eac", "etc", "vac"} <= set(e.index)
    assert (e.ppc, e.apc, e.pv, e.ev) == pytest.approx((0.4, 0.4, 40, 40))
    assert pm.agile.littles_law(wip=6, throughput=2, cycle_time=None) == 3
    fm = pm.agile.flow_metrics([{"id": "A", "started": "2026-03-02", "done": "2026-03-04"}],
                               started="started", done="done")
    assert isinstance(fm, pd.DataFrame) and fm["cycle_time"].tolist() == [3.0]
