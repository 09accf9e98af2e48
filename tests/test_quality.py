"""Quality control: control limits, the rule of seven, sigma tables, cost of quality, Pareto.

Sources: the individuals-chart formulas of Montgomery (*Introduction to Statistical Quality
Control*, 6.4), SAS/QC and JMP documentation (sigma = mean moving range / d2, d2 = 1.128 for
spans of two; UCL = mean + 2.66 mean moving range); the standard 1.5-sigma-shift sigma table
(3.4 / 233 / 6,210 / 66,807 / 308,538 / 691,462 DPMO at 6..1 sigma); the normal coverage
figures of the PMBOK Guide (68.27 / 95.45 / 99.73 %).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm

Q = pm.quality


def test_control_limits_by_hand():
    x = [3.4, 3.7, 3.6]
    lim = Q.control_limits(x)
    assert lim["mean_moving_range"] == pytest.approx(0.2)
    assert lim["sd"] == pytest.approx(0.2 / 1.128)
    assert lim["ucl"] == pytest.approx(np.mean(x) + 3 * 0.2 / 1.128)
    # Wheeler's natural process limits: 2.66 x the mean moving range
    assert lim["ucl"] - lim["mean"] == pytest.approx(2.66 * 0.2, rel=1e-3)
    assert Q.control_limits(x, sigma=2)["lcl"] == pytest.approx(np.mean(x) - 2 * 0.2 / 1.128)
    assert Q.control_limits([0, 10, 0], lower_bound=0)["lcl"] == 0


def test_rule_of_seven():
    assert Q.rule_of_seven([1, 5, 6, 7, 6, 5, 8, 9, 2, 6], center=4) == [(1, 7)]
    assert Q.rule_of_seven([5] * 6 + [1], center=4) == []             # six is not seven
    assert Q.rule_of_seven([1] * 7 + [4] + [1] * 7, center=4) == [(0, 6), (8, 14)]  # on the line breaks it
    assert Q.rule_of_seven([], center=0) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=0, max_size=40))
def test_rule_of_seven_against_a_loop(xs):
    runs, start, prev = [], None, 0
    for i, v in enumerate(xs + [0]):
        side = (v > 0) - (v < 0)
        if start is not None and (side != prev or side == 0 or i == len(xs)):
            if i - start >= 7:
                runs.append((start, i - 1))
            start = None
        if start is None and side != 0 and i < len(xs):
            start, prev = i, side
    assert Q.rule_of_seven(xs, 0) == runs


def test_sigma_coverage():
    assert [round(Q.sigma_coverage(k) * 100, 2) for k in (1, 2, 3)] == [68.27, 95.45, 99.73]
    assert Q.sigma_coverage(6) == pytest.approx(0.999999998, abs=1e-9)


@pytest.mark.parametrize("level, dpmo", [(6, 3.4), (5, 233), (4, 6210), (3, 66807), (2, 308538), (1, 691462)])
def test_standard_sigma_table(level, dpmo):
    assert Q.sigma_level(dpmo) == pytest.approx(level, abs=0.005)
    assert Q.dpmo_for_sigma(level) == pytest.approx(dpmo, rel=0.02)


def test_sigma_table_and_no_shift():
    t = Q.sigma_table()
    assert list(t.index) == [1, 2, 3, 4, 5, 6] and t["dpmo"].is_monotonic_decreasing
    # short-term (no shift): 3 sigma is 1,350 DPMO on one side
    assert Q.dpmo_for_sigma(3, shift=0) == pytest.approx(1349.9, rel=1e-3)


def test_dpmo():
    assert Q.dpmo(34, 1000, 10) == pytest.approx(3400)
    assert np.allclose(Q.dpmo([1, 2], [10, 10], 100), [1000, 2000])


def test_fitout_data():
    ins = pm.datasets.load("fitout_inspections")
    lim = Q.control_limits(ins["defects"], lower_bound=0)
    chart = Q.control_chart(ins.set_index("id")["defects"], lower_bound=0)
    assert chart.index[0] == "FI01"
    runs = Q.rule_of_seven(ins["defects"], lim["mean"])
    assert runs == [(16, 23)]                                     # the new crew's eight weeks
    assert chart.loc["FI28", "beyond_limits"] and chart["beyond_limits"].sum() == 1
    assert set(ins["crew"].iloc[16:24]) == {"Crew C"}
    d = Q.dpmo(ins["defects"].sum(), (ins["lanes"]).sum(), 40)
    assert d == pytest.approx(200 / 7200 * 1e6)
    assert 3.3 < Q.sigma_level(d) < 3.5
    # the categories add up to each inspection
    cats = pm.datasets.load("fitout_defects").groupby("inspection_id")["defects"].sum()
    assert cats.reindex(ins["id"]).tolist() == ins["defects"].tolist()


def test_cost_of_quality_bundled():
    coq = Q.cost_of_quality(pm.datasets.load("quality_costs"))
    assert coq["conformance"] == pytest.approx(145) and coq["nonconformance"] == pytest.approx(253)
    assert coq["total"] == pytest.approx(398)
    assert coq["nonconformance_share"] == pytest.approx(253 / 398)
    assert Q.cost_of_quality({"Prevention": 1, "external failure": 3})["external_failure"] == 3


def test_pareto():
    p = Q.pareto(pm.datasets.load("fitout_defects"), count="defects")
    assert p.index[0] == "Cable routing and power" and p["count"].is_monotonic_decreasing
    assert p["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    vital = p.index[p["vital_few"]].tolist()
    assert p.loc[vital, "share"].sum() >= 0.8 and p.loc[vital[:-1], "share"].sum() < 0.8
    s = Q.pareto(pd.Series({"a": 1, "b": 1}))
    assert list(s.index) == ["a", "b"]                              # ties keep their order


def test_capability():
    c = Q.capability([9.8, 10.1, 10.0, 10.2, 9.9], lsl=9, usl=11)
    sd = np.std([9.8, 10.1, 10.0, 10.2, 9.9], ddof=1)
    assert c["cp"] == pytest.approx(2 / (6 * sd)) and c["cpk"] == pytest.approx(1 / (3 * sd))
    assert Q.capability([1, 2, 3, 10], usl=5)["out_of_spec"] == 0.25
    assert np.isnan(Q.capability([1, 2, 3], usl=5)["cp"])


def test_design_contract_keywords():
    """DESIGN.md, contract second part, called with its exact keyword names."""
    lim = Q.control_limits([5, 6, 7, 6], sigma=3)
    assert list(lim.index[:4]) == ["mean", "sd", "ucl", "lcl"]
    assert Q.rule_of_seven([1] * 7, 0) == [(0, 6)]
    assert Q.sigma_coverage(3) == pytest.approx(0.9973, abs=1e-4)
    assert Q.dpmo(defects=5, units=100, opportunities=10) == pytest.approx(5000)
    assert Q.sigma_level(dpmo=3.4, shift=1.5) == pytest.approx(6.0, abs=1e-3)
