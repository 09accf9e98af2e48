"""pmlib.portfolio checked at the door: every class of bad input is refused by name, or paired by label.

Each test names the class of bad input it covers (issue "Checked at the door"); each class has
at least one test that failed before the checks (a silent number, a double count, a positional
pairing, or a bare error from deep inside pandas / HiGHS).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib import portfolio as P
from pmlib.errors import DuplicateIdError

from .bad_inputs import BAD_NUMBERS, assert_rejects, relabelled, shuffled, with_one_bad

CAND = pd.DataFrame({"id": ["A", "B", "C", "D"], "npv": [10.0, 7.0, 6.0, 3.0], "cost": [6.0, 4.0, 3.0, 2.0],
                     "category": ["growth", "growth", "innovation", "sustain"], "fit_x": [5, 1, 3, 2],
                     "fit_y": [0, 4, 2, 5]})
IDS = ["A", "B", "C", "D"]


def _series(values, name=None):
    return pd.Series(values, index=IDS, name=name, dtype=float)


# --- positional pairing of labelled inputs --------------------------------------------------------
SCORE_ARGS = {
    "rice": (P.rice, [_series([100, 200, 300, 400]), _series([1, 2, 0.5, 3]), _series([0.8, 1, 0.5, 0.9]),
                      _series([1, 2, 4, 8])]),
    "cost_of_delay": (P.cost_of_delay, [_series([8, 5, 3, 1]), _series([13, 2, 1, 5]), _series([5, 1, 2, 3])]),
    "wsjf": (P.wsjf, [_series([8, 5, 3, 1]), _series([13, 2, 1, 5]), _series([5, 1, 2, 3]), _series([5, 3, 13, 1])]),
}


@pytest.mark.parametrize("name", SCORE_ARGS)
@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), which=st.integers(0, 3))
def test_labelled_scores_pair_by_label(name, seed, which):
    fn, args = SCORE_ARGS[name]
    which = which % len(args)
    expected = fn(*args)
    moved = list(args)
    moved[which] = shuffled(args[which], seed)
    got = fn(*moved)
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)


@pytest.mark.parametrize("name", SCORE_ARGS)
def test_labelled_scores_with_other_labels_are_refused(name):
    fn, args = SCORE_ARGS[name]
    moved = list(args)
    moved[-1] = relabelled(args[-1], "D", "Z")
    assert_rejects(lambda: fn(*moved), "labelled differently", "'Z'")


def test_weights_pair_with_criteria_by_label_and_ranks_by_candidate_id():
    a = P.compare_rankings({"npv": _series([3, 2, 1, 0]), "score": shuffled(_series([0, 1, 2, 3]), 3)})
    assert a.loc["A", "npv"] == 1 and a.loc["A", "score"] == 4
    assert_rejects(lambda: P.compare_rankings({"npv": _series([3, 2, 1, 0]),
                                               "score": relabelled(_series([0, 1, 2, 3]), "A", "Q")}), "'Q'")


def test_what_if_new_values_pair_by_id_and_other_labels_are_refused():
    base = P.what_if(CAND, 9, new_value=_series([1, 9, 9, 1]))
    again = P.what_if(CAND, 9, new_value=shuffled(_series([1, 9, 9, 1]), 5))
    assert base.scenario.selected == again.scenario.selected == ["B", "C", "D"]
    extra = pd.concat([_series([1, 9, 9, 1]), pd.Series({"E": 50.0})])
    assert_rejects(lambda: P.what_if(CAND, 9, new_value=extra), "new_value", "'E'")


# --- non-finite numbers, booleans, complex, text ---------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(case=with_one_bad([100.0, 200.0, 300.0, 400.0]))
def test_rice_refuses_any_bad_number(case):
    values, _, _ = case
    assert_rejects(lambda: P.rice(values, 1, 0.8, 2), "reach")


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_weighted_score_refuses_a_bad_weight(bad):
    assert_rejects(lambda: P.weighted_score(CAND, {"x": bad, "y": 0.5}), "weights")


@pytest.mark.parametrize("bad", [True, np.bool_(False), "high", None, float("nan"), float("inf"), 1 + 1j])
@pytest.mark.parametrize("column", ["npv", "cost"])
def test_select_refuses_a_bad_cell_naming_row_and_column(bad, column):
    cand = CAND.astype({column: object})
    cand.loc[2, column] = bad
    err = assert_rejects(lambda: P.select(cand, 9), "candidates")
    assert "'C'" in str(err) and column in str(err)


@pytest.mark.parametrize("bad", [True, "4", float("inf")])
def test_pairwise_judgements_must_be_positive_numbers(bad):
    j = pd.DataFrame({"objective_id": ["a", "a", "b"], "versus_id": ["b", "c", "c"], "judgement": [2, bad, 3]},
                     dtype=object)
    assert_rejects(lambda: P.pairwise_matrix(j, judge=None), "judgements")


@pytest.mark.parametrize("bad", [float("inf"), True, float("nan")])
def test_ahp_matrix_refuses_bad_entries(bad):
    m = np.array([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]], dtype=object)
    m[0, 2] = bad
    assert_rejects(lambda: P.ahp(m), "matrix")


# --- numbers outside their documented range ----------------------------------------------------------
def test_weighted_score_refuses_a_fit_outside_its_scale():
    cand = CAND.assign(fit_x=[5, 1, 7, 2])
    assert_rejects(lambda: P.weighted_score(cand, {"x": 1}, scale=(0, 5)), "fit_x", "'C'")


def test_lower_is_better_must_name_a_weighted_criterion():
    assert_rejects(lambda: P.weighted_score(CAND, {"x": 1, "y": 1}, lower_is_better=["risk"]), "lower_is_better",
                   "risk")


def test_stopped_projects_cannot_free_negative_money():
    assert_rejects(lambda: P.what_if(CAND, 9, stop={"Z": -100.0}), "stop")


# --- contradictory settings -------------------------------------------------------------------------
def test_category_minimum_above_its_maximum_is_refused_by_name():
    assert_rejects(lambda: P.select(CAND, 9, category_limits={"growth": (0.6, 0.4)}), "growth", "minimum")


@pytest.mark.parametrize("gap", [float("nan"), float("inf"), -0.1, 2, True])
def test_optimality_gap_must_be_a_fraction(gap):
    assert_rejects(lambda: P.select(CAND, 9, mip_rel_gap=gap), "mip_rel_gap")
    assert_rejects(lambda: P.efficient_frontier(CAND, [5, 9], mip_rel_gap=gap), "mip_rel_gap")


@pytest.mark.parametrize("limit", [-1, 0, float("nan"), float("-inf")])
def test_time_limit_must_be_positive(limit):
    assert_rejects(lambda: P.select(CAND, 9, time_limit=limit), "time_limit")


@pytest.mark.parametrize("levels", [True, 0, [5, float("inf")], [5, -1], "many"])
def test_frontier_budget_levels(levels):
    assert_rejects(lambda: P.efficient_frontier(CAND, levels), "budgets")


@pytest.mark.parametrize("setting, value", [("min_fit", 1.5), ("min_index", 0), ("min_flags", 4),
                                            ("min_flags", 1.5), ("min_fit", float("nan"))])
def test_zombie_thresholds(setting, value):
    p = CAND.assign(cpi=1.0, spi_t=1.0, ac=1.0)
    assert_rejects(lambda: P.zombies(p, **{setting: value}), setting)


# --- unbounded structures: AHP beyond Saaty's random index --------------------------------------------
@pytest.mark.parametrize("n, ri", [(11, 1.51), (12, 1.48), (13, 1.56), (14, 1.57), (15, 1.59)])
def test_ahp_eleven_to_fifteen_items_use_saatys_extended_index(n, ri):
    rng = np.random.default_rng(n)
    w = rng.uniform(1, 9, n)
    m = w[:, None] / w[None, :]
    m[0, 1], m[1, 0] = m[0, 1] * 2, m[1, 0] / 2          # one inconsistent judgement
    a = P.ahp(m)
    assert a.ri == ri and np.isfinite(a.cr) and a.cr == pytest.approx(a.ci / ri)


def test_ahp_beyond_fifteen_items_is_a_clear_error():
    assert_rejects(lambda: P.ahp(np.ones((16, 16))), "16 items", "hierarchy")


# --- duplicate and text rows: never dropped, double-counted or coerced -----------------------------------
def test_duplicate_staff_demand_is_refused_not_double_counted():
    d = pd.DataFrame({"project_id": ["A", "A"], "skill": ["ds", "ds"], "year": [2027, 2027], "fte": [1.0, 1.0]})
    r = pd.DataFrame({"skill": ["ds"], "capacity": [1.5]})
    err = assert_rejects(lambda: P.capacity_check(d, r), "demand")
    assert isinstance(err, DuplicateIdError)
    assert_rejects(lambda: P.staff_columns(d), "demand")


def test_text_capacity_is_refused_not_concatenated():
    d = pd.DataFrame({"project_id": ["A"], "skill": ["ds"], "year": [2027], "fte": [1.0]})
    r = pd.DataFrame({"id": ["R1", "R2"], "skill": ["ds", "ds"], "capacity": ["1", "0.5"]})
    assert_rejects(lambda: P.capacity_check(d, r), "resources", "'R1'")


def test_duplicate_candidates_are_refused_in_the_balance():
    cand = pd.concat([CAND, CAND.iloc[[0]]])
    assert_rejects(lambda: P.category_balance(cand), "duplicate", "A")


def test_a_judge_comparing_a_pair_twice_is_refused():
    j = pd.DataFrame({"executive": ["ann", "ann", "ann", "ann"], "objective_id": ["a", "a", "b", "b"],
                      "versus_id": ["b", "c", "c", "a"], "judgement": [2.0, 4.0, 2.0, 0.5]})
    assert_rejects(lambda: P.pairwise_matrix(j), "ann")


def test_repeated_status_periods_are_refused_by_zombies():
    st_ = pm.datasets.load("status_periods")
    repeated = pd.concat([st_, st_[(st_["project_id"] == "P17") & (st_["period"] == 3)]])
    assert_rejects(lambda: P.zombies(pm.datasets.load("projects"), repeated), "P17")


# --- a late project near its end: judged with SPI(t), not SPI ---------------------------------------------
def test_zombies_catch_a_late_project_whose_spi_has_drifted_back_to_one():
    # P late: planned 10 months, month 12 of its life, EV just short of BAC: SPI ~ 0.98, SPI(t) ~ 0.8
    pv = [100 * k for k in range(1, 11)] + [1000, 1000]
    st_ = pd.DataFrame({"project_id": "Z", "period": range(1, 13), "pv": pv,
                        "ev": [80 * k for k in range(1, 12)] + [980], "ac": [85 * k for k in range(1, 13)]})
    p = pd.DataFrame({"id": ["Z"], "cost": [1000.0], "npv": [500.0], "fit_x": [1], "status": ["in_flight"]})
    z = P.zombies(p, st_)
    assert z.loc["Z", "spi"] > 0.95 and z.loc["Z", "spi_t"] < 0.9
    assert z.loc["Z", "poor_performance"] and z.loc["Z", "zombie"]


# --- what the caller passed is never modified --------------------------------------------------------------
def test_inputs_are_not_modified():
    before = CAND.copy()
    P.select(CAND, 9, category_limits={"growth": (0.2, 0.9)})
    P.efficient_frontier(CAND, 3)
    P.what_if(CAND, 9, new_budget=6)
    pd.testing.assert_frame_equal(CAND, before)


# --- column names and ids ------------------------------------------------------------------------------------
@pytest.mark.parametrize("arg", ["value", "cost"])
def test_column_name_arguments_are_text(arg):
    assert_rejects(lambda: P.select(CAND, 9, **{arg: ["npv"]}), arg)


def test_funding_scenario_unknown_name_lists_the_known_ones():
    assert_rejects(lambda: P.funding_scenario("boom"), "boom", "fy2027_plan")
