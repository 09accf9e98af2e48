"""pmlib.levels: the levels comparison, the decision sorter, channels, CAGR and the organisation's views."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib import levels
from pmlib.errors import DuplicateIdError, InputError, MissingColumnError, UnknownIdError


# --- the comparison, roles and metrics ---------------------------------------------------------
def test_comparison_covers_every_aspect_and_level():
    t = levels.comparison()
    assert list(t.index) == list(levels.ASPECTS)
    assert list(t.columns) == list(levels.LEVELS)
    assert t.notna().all().all() and (t.map(len) > 3).all().all()
    # the decision levels of CONTENT.md
    assert t.loc["decision_level"].tolist() == ["Operational", "Tactical", "Executive / strategic", "Product"]


def test_comparison_subset_and_copy():
    a = levels.comparison("program")
    assert list(a.columns) == ["program"]
    a.iloc[0, 0] = "changed"
    assert levels.comparison().loc["key_question", "program"] != "changed"


def test_comparison_rejects_unknown_level():
    with pytest.raises(InputError, match="'programme'.*project, program, portfolio, product"):
        levels.comparison(["project", "programme"])


def test_roles_follow_the_pmi_ladder():
    r = levels.roles()
    assert r.loc[["project", "program", "portfolio"], "credential"].tolist() == ["PMP", "PgMP", "PfMP"]
    assert "NPV" in r.loc["portfolio", "skills"] and "CAPEX" in r.loc["portfolio", "skills"]


def test_metric_levels():
    assert levels.metric_level("CPI") == "project"
    assert levels.metric_level("total float") == "project"
    assert levels.metric_level(["npv", "program_cpi", "nps"]).tolist() == ["portfolio", "program", "product"]
    assert set(levels.metrics()["level"]) == set(levels.LEVELS)
    with pytest.raises(UnknownIdError, match="metric.*'?velocity"):
        levels.metric_level("velocity")


# --- the decision statements and the sorter ----------------------------------------------------
def test_bundled_decisions_are_balanced_and_valid():
    d = levels.decisions()
    assert len(d) >= 24
    assert d["level"].value_counts().to_dict() == {lv: len(d) // 4 for lv in levels.LEVELS}
    assert set(d["aspect"]) <= set(levels.ASPECTS)
    assert d["reason"].str.len().min() > 30


def test_decisions_validation_names_the_row():
    good = {"id": "X1", "statement": "s", "level": "Project", "reason": "r"}
    assert levels.decisions([good]).loc["X1", "level"] == "project"
    with pytest.raises(InputError, match="'X2'.*'department'"):
        levels.decisions([good, {**good, "id": "X2", "level": "department"}])
    with pytest.raises(DuplicateIdError, match="X1"):
        levels.decisions([good, good])
    with pytest.raises(MissingColumnError, match="reason.*columns found: id, statement, level"):
        levels.decisions([{k: v for k, v in good.items() if k != "reason"}])


def test_decisions_does_not_modify_the_callers_table():
    mine = pd.DataFrame([{"id": " X1 ", "statement": "s", "level": " PORTFOLIO ", "reason": "r"}])
    before = mine.copy()
    levels.decisions(mine)
    pd.testing.assert_frame_equal(mine, before)


def test_check_decision_feedback():
    right = levels.check_decision("D18", "Portfolio")
    assert right.correct and right.answer == "portfolio" and right.message.startswith("Correct")
    wrong = levels.check_decision("D18", "project")
    assert not wrong.correct and "portfolio level decides" in wrong.message and wrong.reason in wrong.message
    with pytest.raises(UnknownIdError, match="D99"):
        levels.check_decision("D99", "project")
    with pytest.raises(InputError, match="'team'"):
        levels.check_decision("D01", "team")


def test_score_answers_mapping_and_frame():
    s = levels.score_answers({"D01": "project", "D09": "project", "D25": "PRODUCT"})
    assert s["correct"].tolist() == [True, False, True]
    assert s["answer"].tolist() == ["project", "program", "product"]
    workshop = pd.DataFrame({"learner": ["ann", "ann", "bob"], "decision_id": ["D17", "D20", "D17"],
                             "level": ["portfolio", "program", "portfolio"]})
    before = workshop.copy()
    out = levels.score_answers(workshop)
    pd.testing.assert_frame_equal(workshop, before)
    assert out.groupby("learner")["correct"].mean().to_dict() == {"ann": 0.5, "bob": 1.0}


def test_score_answers_bad_input():
    with pytest.raises(UnknownIdError, match="D77"):
        levels.score_answers({"D77": "project"})
    with pytest.raises(InputError, match=r"row 1 \(decision D02\) has no level"):
        levels.score_answers({"D01": "project", "D02": None})
    with pytest.raises(InputError, match="empty"):
        levels.score_answers({})
    with pytest.raises(MissingColumnError, match="decision_id"):
        levels.score_answers(pd.DataFrame({"level": ["project"]}))


def test_confusion_diagonal_counts_right_answers():
    picks = {i: lv for i, lv in zip(levels.decisions().index, ["project", "program"] * 16, strict=True)}
    scored = levels.score_answers(picks)
    c = levels.confusion(scored)
    assert list(c.index) == list(levels.LEVELS) and list(c.columns) == list(levels.LEVELS)
    assert int(np.trace(c.to_numpy())) == int(scored["correct"].sum())
    assert int(c.to_numpy().sum()) == 32


def test_score_answers_is_vectorised_for_a_class():
    ids = levels.decisions().index.to_numpy()
    rng = np.random.default_rng(0)
    n = 20_000
    frame = pd.DataFrame({"decision_id": rng.choice(ids, n), "level": rng.choice(levels.LEVELS, n)})
    out = levels.score_answers(frame)
    truth = levels.decisions()["level"]
    expected = frame["level"].to_numpy() == truth.loc[frame["decision_id"]].to_numpy()
    assert (out["correct"].to_numpy() == expected).all()


# --- communication channels (PMBOK Guide) ------------------------------------------------------
def test_communication_channels_pmbok_examples():
    # PMI, PMBOK Guide 5th ed., 10.1.2.1: 10 stakeholders -> 10(10-1)/2 = 45 potential channels.
    assert levels.communication_channels(10) == 45
    # Common PMP practice questions (e.g. PMI-style CAPM item): 5 -> 10, 6 -> 15, 8 -> 28 channels.
    assert levels.communication_channels([5, 6, 8]).tolist() == [10, 15, 28]
    assert levels.communication_channels(0) == 0 and levels.communication_channels(1) == 0
    s = levels.communication_channels(pd.Series([3, 4], index=["a", "b"]))
    assert s.to_dict() == {"a": 3, "b": 6}


@pytest.mark.parametrize("bad, match", [(-1, ">= 0"), (2.5, "2.5"), (float("nan"), "NaN"),
                                        ("ten", "ten"), ([3, -2], r"n \(people\)\[1\]")])
def test_communication_channels_bad_input(bad, match):
    with pytest.raises(InputError, match=match):
        levels.communication_channels(bad)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_channels_are_pairs(n):
    assert levels.communication_channels(n) == math.comb(n, 2)
    # one more person adds one channel to each of the n already there
    assert levels.communication_channels(n + 1) - levels.communication_channels(n) == n


# --- CAGR and the product view --------------------------------------------------------------------
def test_revenue_cagr_published_examples():
    # Investopedia, "Compound Annual Growth Rate (CAGR)": 10,000 -> 19,500 in 3 years = 24.93 %.
    assert levels.revenue_cagr(10_000, 19_500, 3) == pytest.approx(0.2493, abs=5e-5)
    # Worked example (sgmoneytalk "What is CAGR", returns +10 %, -6 %, +15 %): 10,000 -> 11,891 in 3 years = 5.94 %.
    assert levels.revenue_cagr(10_000, 11_891, 3) == pytest.approx(0.0594, abs=5e-5)
    out = levels.revenue_cagr([100, 100], [121, 81], [2, 2])
    np.testing.assert_allclose(out, [0.10, -0.10])


@pytest.mark.parametrize("args, match", [((0, 10, 2), "first"), ((10, -1, 2), "last"), ((10, 12, 0), "years"),
                                         (([1, 2], [1, 2, 3], 1), "same length")])
def test_revenue_cagr_bad_input(args, match):
    with pytest.raises(InputError, match=match):
        levels.revenue_cagr(*args)


@settings(max_examples=60, deadline=None)
@given(st.floats(1, 1e6), st.floats(1, 1e6), st.integers(1, 30))
def test_cagr_compounds_back(first, last, years):
    g = levels.revenue_cagr(first, last, years)
    assert first * (1 + g) ** years == pytest.approx(last, rel=1e-9)


def test_product_line_summary_matches_the_data():
    s = levels.product_line_summary()
    assert s.loc["PL-A", "revenue_cagr"] == pytest.approx(levels.revenue_cagr(36_500, 48_000, 4))
    assert s.loc["PL-C", "revenue_cagr"] < 0 < s.loc["PL-A", "revenue_cagr"]
    assert s.loc["PL-C", "strategy"] == "sunset" and s.loc["PL-B", "lifecycle_stage"] == "maturity"
    assert np.isnan(s.loc["PL-D", "revenue_cagr"])  # not launched yet: no KPIs
    assert s.loc["PL-A", "nps_change"] == 3


def test_product_line_summary_bad_input():
    kpis = pm.datasets.load("product_kpis")
    kpis.loc[0, "product_line_id"] = "PL-Z"
    with pytest.raises(UnknownIdError, match="PL-Z"):
        levels.product_line_summary(kpis)
    with pytest.raises(MissingColumnError, match="nps"):
        levels.product_line_summary(pm.datasets.load("product_kpis").drop(columns="nps"))


# --- where things sit -----------------------------------------------------------------------------
def test_hierarchy():
    h = levels.hierarchy()
    projects = pm.datasets.load("projects")
    assert len(h) == len(projects) and h["cost"].sum() == pytest.approx(projects["cost"].sum())
    assert h.loc["P01", "program"] == "Home Services Launch" and h.loc["P01", "objective_id"] == "digital_revenue"
    assert h.loc["P16", "level_path"] == "portfolio > P16" and h.loc["P16", "objective_id"] == "risk_compliance"
    bad = projects.copy()
    bad.loc[0, "program_id"] = "PG-NONE"
    with pytest.raises(UnknownIdError, match="PG-NONE"):
        levels.hierarchy(bad)


def test_time_horizons_nest():
    t = levels.time_horizons("P02").set_index("level")
    assert t.loc["program", "start"] <= t.loc["project", "start"]
    assert t.loc["project", "finish"] <= t.loc["program", "finish"]
    assert t.loc["portfolio", "open_ended"] and not t.loc["project", "open_ended"]
    assert t.loc["product", "id"] == "PL-D"
    with pytest.raises(UnknownIdError, match="P99"):
        levels.time_horizons("P99")


def test_views_do_not_modify_the_callers_tables():
    projects = pm.datasets.load("projects")
    kpis = pm.datasets.load("product_kpis")
    before_p, before_k = projects.copy(), kpis.copy()
    levels.hierarchy(projects)
    levels.product_line_summary(kpis)
    levels.portfolio_view(5000, projects=projects)
    levels.product_view("PL-B", kpis=kpis, projects=projects)
    pd.testing.assert_frame_equal(projects, before_p)
    pd.testing.assert_frame_equal(kpis, before_k)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([f"D{i:02d}" for i in range(1, 33)]),
                          st.sampled_from(["project", "Program", " portfolio ", "PRODUCT"])), min_size=1, max_size=60))
def test_confusion_trace_counts_correct_answers(pairs):
    frame = pd.DataFrame(pairs, columns=["decision_id", "level"])
    scored = levels.score_answers(frame)
    c = levels.confusion(scored)
    assert int(c.to_numpy().sum()) == len(frame)
    assert int(np.trace(c.to_numpy())) == int(scored["correct"].sum())
    truth = levels.decisions()["level"]
    assert (scored["correct"] == (frame["level"].str.strip().str.lower().to_numpy()
                                  == truth.loc[frame["decision_id"]].to_numpy())).all()


def test_statements_agree_with_the_organisations_numbers():
    import re

    d = levels.decisions()
    cpi = float(re.search(r"CPI has dropped to ([0-9.]+)", d.loc["D03", "statement"]).group(1))
    assert cpi == pytest.approx(levels.project_view(d.loc["D03", "project_id"]).figures.cpi, abs=0.005)
    # D10's conflict is one of the program's over-allocations
    over = pm.program.overallocations(pm.datasets.load("resource_demand"), pm.datasets.load("resources"))
    assert ((over["name"] == "Amara Osei") & (over["projects"] == "P01,P03")).any()
    # D21: five data scientists wanted, four available
    gap = pm.portfolio.capacity_check(pm.datasets.load("staff_demand"), pm.datasets.load("resources"), year=2027)
    assert gap.loc[(2027, "data_scientist"), ["demand", "capacity"]].tolist() == [5.0, 4.0]
