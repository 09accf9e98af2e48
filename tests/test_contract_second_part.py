"""DESIGN.md's contract, second part, called exactly as written there (tests outside the repo do).

Every name with its exact keywords, and the shape of what it returns. Published worked values are
tested in each domain's own tests; here the numbers are hand-checkable.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import pmlib as pm

ACTIVITIES = pd.DataFrame({
    "id": ["A", "B", "C"],
    "duration": [4.0, 6.0, 3.0],
    "predecessors": ["", "A", "A"],
    "crash_duration": [3.0, 4.0, 3.0],
    "cost": [10.0, 20.0, 5.0],
    "crash_cost": [14.0, 30.0, 5.0],
})


def test_finance_second_part():
    assert pm.finance.future_value(100, 0.1, 2) == pytest.approx(121.0)
    table = pm.finance.depreciation(30000, 7500, 10)          # Excel SLN(30000, 7500, 10) = 2250
    assert list(table.columns[:3]) == ["depreciation", "accumulated", "book_value"]
    assert len(table) == 10 and table["depreciation"].iloc[0] == pytest.approx(2250)
    assert pm.finance.depreciation(30000, 7500, 10, method="sum_of_years")["depreciation"].iloc[0] \
        == pytest.approx(4090.909, abs=1e-3)                  # Excel SYD(30000, 7500, 10, 1)
    assert pm.finance.depreciation(2400, 300, 10, method="double_declining")["depreciation"].iloc[0] \
        == pytest.approx(480)                                 # Excel DDB(2400, 300, 10, 1)
    with pytest.raises(ValueError, match="method"):
        pm.finance.depreciation(100, 0, 5, method="units")


def test_schedule_second_part():
    c = pm.schedule.crash(ACTIVITIES, target_duration=None, indirect_cost_per_day=5.0, indirect_cost_fixed=1.0)
    curve = c.curve
    assert list(curve.columns[:4]) == ["duration", "direct_cost", "indirect_cost", "total_cost"]
    assert curve["duration"].iloc[0] == 10 and curve["duration"].iloc[-1] == 7      # normal 10, shortest 7
    assert (curve["indirect_cost"] == 1.0 + 5.0 * curve["duration"]).all()
    # A's slope 4/day (1 day), B's 5/day (2 days): 10 -> 9 crashes A (4 k$), 9 -> 7 crashes B (5 k$ a day) ...
    assert curve.set_index("duration")["direct_cost"].loc[[10, 9, 8, 7]].tolist() == [35.0, 39.0, 44.0, 49.0]
    # ... so with 5 k$/day of overhead every duration from 9 to 7 costs 85 in total
    assert c.direct_cost + 1.0 + 5.0 * c.duration == pytest.approx(curve["total_cost"].min())
    assert {"duration", "crashed_by", "extra_cost"} <= set(c.table.columns)
    at8 = pm.schedule.crash(ACTIVITIES, target_duration=8)
    assert at8.duration == 8 and at8.direct_cost == pytest.approx(44.0)


def test_schedule_takes_a_plan(tmp_path):
    plan = pm.io.read_schedule(pm.datasets.data_dir() / "store_fitout.xml")
    s = pm.schedule.cpm(plan)
    assert {"early_start", "early_finish", "late_start", "late_finish"} <= set(s.dates.columns)
    assert isinstance(plan.project_start, pd.Timestamp) and isinstance(plan.warnings, list)
    assert {"id", "duration", "predecessors"} <= set(plan.activities.columns)


def test_agile_second_part():
    v = pm.agile.velocity([20, 25, 30, 29])
    assert v["mean"] == pytest.approx(26.0) and v["last_3"] == pytest.approx(28.0)
    assert {"mean", "sd", "last_3", "min", "max"} <= set(v.index)
    f = pm.agile.release_forecast(30, [10, 20, 10, 20], n=10_000, seed=0)
    assert f.probability(2) == pytest.approx(0.75, abs=0.02)   # {10, 20}: 2 sprints unless both 10
    assert f.percentile(85) == 3 and len(f.sprints) == 10_000
    t = pm.agile.throughput_forecast([0, 1, 2], items=None, days=2, n=10_000, seed=0)
    assert t.percentile(85) == 1                               # P(>= 2 items) = 6/9 < 0.85
    d = pm.agile.throughput_forecast([1, 1, 1], items=5, days=None, n=1000, seed=0)
    assert d.percentile(50) == 5 and d.probability(5) == 1.0
    e = pm.agile.agile_evm(100_000, 100, 5, 2, 30, 25_000)    # PM Services' worked example
    assert (e["ppc"], e["apc"], e["pv"], e["ev"], e["ac"]) == pytest.approx((0.4, 0.3, 40_000, 30_000, 25_000))
    assert (e["cpi"], e["spi"]) == pytest.approx((1.2, 0.75))
    assert pm.agile.littles_law(wip=3, cycle_time=8) == pytest.approx(0.375)
    items = pd.DataFrame({"started": ["2026-03-02", "2026-03-03"], "done": ["2026-03-04", "2026-03-03"]})
    assert pm.agile.flow_metrics(items, started="started", done="done")["cycle_time"].tolist() == [3, 1]


def test_procurement_second_part():
    # (ceiling - target price) / buyer share + target cost
    assert pm.procurement.point_of_total_assumption(1200, 1100, 1000, 0.8) == pytest.approx(1125)
    r = pm.procurement.fixed_price_incentive(1000, 100, 1200, 0.8, 1100)
    assert {"profit", "price", "pta"} <= set(r.index)
    assert r["profit"] == pytest.approx(80) and r["price"] == pytest.approx(1180)
    assert pm.procurement.fixed_price_incentive(1000, 100, 1200, 0.8, 2000)["price"] == pytest.approx(1200)
    c = pm.procurement.cost_plus_incentive(1000, 100, 0.8, 900, min_fee=50, max_fee=110)
    assert c["fee"] == pytest.approx(110) and c["price"] == pytest.approx(1010)
    f = pm.procurement.cost_plus_fixed_fee(1000, 0.1, 1200)
    assert f["fee"] == pytest.approx(100) and f["price"] == pytest.approx(1300)
    with pytest.raises(ValueError, match="buyer_share"):
        pm.procurement.point_of_total_assumption(1200, 1100, 1000, 1.2)


def test_quality_second_part():
    values = [10, 12, 11, 13, 12, 11, 10, 12]
    lim = pm.quality.control_limits(values, sigma=3)
    mr = np.abs(np.diff(values)).mean()
    assert lim["sd"] == pytest.approx(mr / 1.128)
    assert lim["ucl"] == pytest.approx(lim["mean"] + 3 * lim["sd"])
    assert pm.quality.rule_of_seven([1] * 8 + [-1] * 3, 0) == [(0, 7)]
    assert pm.quality.sigma_coverage(3) == pytest.approx(0.9973, abs=1e-4)
    assert pm.quality.dpmo(34, 1000, 10) == pytest.approx(3400)
    assert pm.quality.sigma_level(3.4, shift=1.5) == pytest.approx(6.0, abs=0.01)


def test_practice_second_part():
    topics = pm.practice.topics()
    assert {"topic", "title", "exam", "eco_domain", "pmbok8_domain", "lesson"} <= set(topics.columns)
    assert set(topics["eco_domain"]) == {"People", "Process", "Business Environment"}
    q = pm.practice.question("evm.eac", seed=0)
    assert q.text and q.explanation and q.check(q.answer).correct
    assert q.choices is None or q.answer in q.choices
    feedback = q.check(q.answer)
    assert feedback.correct is True and isinstance(feedback.message, str)
    exam = pm.practice.mock_exam(n=10, topics=None, seed=0)
    assert len(exam) == 10 and list(iter(exam))[0].text == exam[0].text
    score = exam.score([question.answer for question in exam])
    assert {"asked", "correct", "share"} <= set(score.columns) and score["correct"].sum() == 10
    with pytest.raises(ValueError, match="answers"):
        exam.score([None])
    with pytest.raises(ValueError, match="evm.eac"):
        pm.practice.question("no.such_topic", seed=0)


def test_io_excel_second_part(tmp_path):
    projects = pm.datasets.load("projects")
    path = tmp_path / "out.xlsx"
    pm.io.write_excel({"projects": projects}, path)
    back = pm.io.read_excel(path, "projects", sheet=None)
    assert back["id"].tolist() == projects["id"].tolist()
    with pytest.raises(ValueError):
        pm.io.write_excel({"projects": projects}, path)          # never overwrites ...
    pm.io.write_excel({"projects": projects}, path, overwrite=True)  # ... unless asked
    assert math.isfinite(back["cost"].sum())
