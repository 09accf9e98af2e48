"""DESIGN.md's core API contract, called exactly as written there (tests outside the repo do)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import pmlib as pm


def test_finance_contract():
    flows = [-1000, 300, 400, 500]
    assert pm.finance.npv(0.1, flows) == pytest.approx(-21.036814, abs=1e-6)
    # start=1 is Excel's NPV: every value discounted, the first by one period
    assert pm.finance.npv(0.1, flows, start=1) == pytest.approx(pm.finance.npv(0.1, flows) / 1.1)
    dates = ["2026-01-01", "2026-12-31", "2027-12-31", "2028-12-31"]
    assert math.isfinite(pm.finance.xnpv(0.1, flows, dates))
    r = pm.finance.irr(flows)
    assert pm.finance.npv(r, flows) == pytest.approx(0, abs=1e-6)
    assert math.isfinite(pm.finance.xirr(flows, dates))
    assert math.isfinite(pm.finance.mirr(flows, 0.1, 0.12))
    assert pm.finance.roi(1200, 1000) == pytest.approx(0.2)
    assert pm.finance.payback_period(flows) == pytest.approx(2.6)
    assert pm.finance.discounted_payback_period(0.1, flows) == math.inf
    assert pm.finance.benefit_cost_ratio(0.1, [0, 500, 500], [800, 0, 0]) > 1
    assert pm.finance.profitability_index(0.1, flows) == pytest.approx(1 - 21.036814 / 1000, abs=1e-6)
    with pytest.raises(ValueError):
        pm.finance.irr([100, 200])
    batch = pm.finance.npv(0.1, np.array([flows, [-500, 600, 0, 0]]))
    assert len(batch) == 2


def test_evm_contract():
    r = pm.evm.metrics(pv=3000, ev=2500, ac=2800, bac=4000)
    for key in ("cv", "sv", "cpi", "spi", "eac", "etc", "vac", "tcpi", "tcpi_eac", "eac_atypical",
                "eac_cpi_spi", "percent_complete", "percent_spent"):
        assert key in r.index
    assert r["cv"] == r.cv == -300
    assert r["eac"] == pytest.approx(4000 / (2500 / 2800))
    assert r["tcpi"] == pytest.approx((4000 - 2500) / (4000 - 2800))
    es = pm.evm.earned_schedule(pv=[100, 200, 300, 400], ev=250, actual_time=3)
    for key in ("es", "spi_t", "sv_t", "planned_duration", "ieac_t"):
        assert key in es.index
    assert es["es"] == pytest.approx(2.5)
    df = pd.DataFrame({"pv": [100, 200, 300, 400], "ev": [90, 180, None, None], "ac": [110, 210, None, None]})
    out = pm.evm.time_phased(df)
    assert {"cpi", "spi", "es"} <= set(out.columns)
    assert out["cpi"].iloc[1] == pytest.approx(180 / 210)


def test_schedule_contract():
    acts = [
        {"id": "A", "duration": 3, "predecessors": ""},
        {"id": "B", "duration": 2, "predecessors": "A"},
        {"id": "C", "duration": 4, "predecessors": ["A"]},
        {"id": "D", "duration": 1, "predecessors": "B,C"},
    ]
    s = pm.schedule.cpm(acts)
    assert s.duration == 8 and s.critical_path == ["A", "C", "D"]
    assert {"es", "ef", "ls", "lf", "total_float", "free_float", "critical"} <= set(s.table.columns)
    three = pd.DataFrame({"id": list("ABCD"), "predecessors": ["", "A", "A", "B,C"],
                          "optimistic": [2, 1, 3, 1], "most_likely": [3, 2, 4, 1], "pessimistic": [4, 3, 8, 1]})
    p = pm.schedule.pert(three)
    assert p.duration == pytest.approx(3 + 4.5 + 1) and p.sd > 0 and 0 < p.probability(9) < 1
    e = pm.schedule.pert_estimate(1, 4, 7)
    assert (e["expected"], e["sd"], e["variance"]) == pytest.approx((4, 1, 1))
    mc = pm.schedule.monte_carlo(three, n=2_000, seed=0, distribution="pert")
    assert isinstance(mc.durations, np.ndarray) and len(mc.durations) == 2_000
    assert mc.percentile(80) >= mc.percentile(50) and 0 <= mc.probability(9) <= 1
    assert isinstance(mc.criticality, pd.Series)


def test_portfolio_contract():
    a = pm.portfolio.ahp([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    assert sum(a.weights) == pytest.approx(1) and a.lambda_max >= 3 and a.ci >= 0 and a.cr < 0.1
    df = pd.DataFrame({"x": [1, 2, 3], "y": [3, 2, 1]})
    assert len(pm.portfolio.weighted_score(df, {"x": 0.5, "y": 0.5})) == 3
    assert pm.portfolio.rice(1000, 2, 0.8, 4) == pytest.approx(400)
    assert pm.portfolio.wsjf(8, 5, 3, 4) == pytest.approx(4)
    cand = pd.DataFrame({"id": ["A", "B", "C", "D"], "npv": [60, 100, 120, 40], "cost": [10, 20, 30, 15]})
    sel = pm.portfolio.select(cand, 50, value="npv", cost="cost", must=(), exclude=(),
                              mutually_exclusive=(), requires={})
    assert sorted(sel.selected) == ["B", "C"] and sel.total_value == 220 and sel.total_cost == 50
    assert isinstance(sel.table, pd.DataFrame)
    sel2 = pm.portfolio.select(cand, {"cost": 50}, value="npv", cost="cost", must=("D",),
                               mutually_exclusive=[("B", "C")], requires={"A": ["D"]})
    assert "D" in sel2.selected and not {"B", "C"} <= set(sel2.selected)
    fr = pm.portfolio.efficient_frontier(cand, [10, 30, 50], value="npv", cost="cost")
    assert {"budget", "total_value", "total_cost", "n_selected", "selected"} <= set(fr.columns)
    assert list(fr["total_value"]) == sorted(fr["total_value"])


def test_stagegate_and_risk_contract():
    v = pm.stagegate.ecv(npv=30, p_commercial=0.5, p_technical=0.8, launch_cost=5, development_cost=3)
    assert v == pytest.approx(((30 * 0.5 - 5) * 0.8) - 3)
    assert pm.risk.emv(probabilities=[0.1, 0.3], impacts=[-100, 50]) == pytest.approx(5)
    with pytest.raises(ValueError):
        pm.risk.emv(probabilities=[1.2], impacts=[10])


def test_datasets_contract():
    assert "projects" in pm.datasets.names()
    assert isinstance(pm.datasets.load("projects"), pd.DataFrame)
