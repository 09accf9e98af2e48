"""pmlib.levels (and the lesson's widgets) checked at the door: refused by name, or paired by label.

Each test names the class of bad input it covers (issue "Checked at the door"); each class has
at least one test that failed before the checks.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib import levels as L

from .bad_inputs import BAD_NUMBERS, assert_rejects, relabelled, shuffled, with_one_bad

matplotlib.use("Agg")


# --- integer overflow and non-numbers in the channel count -----------------------------------------------
@pytest.mark.parametrize("n", [3_000_000_000, 2**40, [10, 5_000_000_000]])
def test_channels_never_overflow(n):
    assert_rejects(lambda: L.communication_channels(n), "n (people)")


@settings(max_examples=30, deadline=None)
@given(case=with_one_bad([4, 5, 8, 10]))
def test_channels_refuse_any_bad_number(case):
    values, _, _ = case
    assert_rejects(lambda: L.communication_channels(values), "n")


def test_channels_at_the_bound_are_exact():
    big = 2**31
    assert L.communication_channels(big) == big * (big - 1) // 2


# --- labelled inputs: paired by label, never by position ---------------------------------------------------
FIRST = pd.Series([100.0, 200.0, 50.0], index=["PL-A", "PL-B", "PL-C"])
LAST = pd.Series([150.0, 210.0, 20.0], index=["PL-A", "PL-B", "PL-C"])


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_cagr_pairs_series_by_label(seed):
    expected = L.revenue_cagr(FIRST, LAST, 4)
    got = L.revenue_cagr(shuffled(FIRST, seed), LAST, 4)
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)


def test_cagr_with_other_labels_is_refused():
    assert_rejects(lambda: L.revenue_cagr(FIRST, relabelled(LAST, "PL-C", "PL-X"), 4), "labelled differently")


@pytest.mark.parametrize("bad", BAD_NUMBERS)
def test_cagr_refuses_bad_years(bad):
    assert_rejects(lambda: L.revenue_cagr(100, 150, bad), "years")


# --- duplicate and out-of-range rows in the KPI table -------------------------------------------------------
def test_repeated_kpi_years_are_refused():
    k = pm.datasets.load("product_kpis")
    assert_rejects(lambda: L.product_line_summary(pd.concat([k, k.iloc[[0]]])), "kpis", "PL-A")


@pytest.mark.parametrize("bad", [1.5, True, "high", float("inf")])
def test_retention_is_a_fraction(bad):
    k = pm.datasets.load("product_kpis").astype({"retention": object})
    k.loc[0, "retention"] = bad
    assert_rejects(lambda: L.product_line_summary(k), "retention")


def test_duplicate_programs_are_refused_in_the_hierarchy():
    pg = pm.datasets.load("programs")
    assert_rejects(lambda: L.hierarchy(programs=pd.concat([pg, pg.iloc[[0]]])), "programs", "PG-HOME")


# --- dates ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["2400-01-01", "1500-06-30", 20270101, True, "soon"])
def test_horizon_end(bad):
    assert_rejects(lambda: L.time_horizons("P01", horizon_end=bad), "horizon_end")


def test_project_dates_in_the_time_horizons():
    p = pm.datasets.load("projects").astype({"finish": object})
    p.loc[0, "finish"] = 20270326
    assert_rejects(lambda: L.time_horizons("P01", projects=p), "finish", "P01")


# --- ids and settings: no hard-coded default, no silent substitute --------------------------------------------
@pytest.mark.parametrize("call, name", [
    (lambda: L.project_view("P99"), "P99"), (lambda: L.program_view("PG-X"), "PG-X"),
    (lambda: L.product_view("PL-Z"), "PL-Z"), (lambda: L.time_horizons("P99"), "P99"),
    (lambda: L.portfolio_view(scenario="boom"), "boom"), (lambda: L.metric_level(["cpi", 3]), "metric"),
])
def test_unknown_ids_are_named(call, name):
    assert_rejects(call, name)


@pytest.mark.parametrize("budget", [float("inf"), True, -1, "6000"])
def test_portfolio_view_budget(budget):
    assert_rejects(lambda: L.portfolio_view(budget), "budget")


def test_views_take_no_hard_coded_defaults():
    for view in (L.project_view, L.program_view, L.product_view, L.time_horizons):
        with pytest.raises(TypeError):
            view()


# --- the lesson's widgets: an unknown id is an error, never a silent default -----------------------------------
def test_widgets_refuse_unknown_ids():
    with pytest.raises(ValueError, match="P99"):
        pm.widgets.level_switcher("project", focus="P99")
    with pytest.raises(ValueError, match="team"):
        pm.widgets.level_switcher("team")
    with pytest.raises(ValueError, match="D99"):
        pm.widgets.level_sorter(start="D99")
    with pytest.raises(ValueError, match="P99"):
        pm.widgets.program_ripple(pm.program.load("PG-HOME"), project="P99")
    with pytest.raises(ValueError, match="P99"):
        pm.widgets.portfolio_dashboard(must=["P99"])


def test_switcher_never_shows_another_focus_than_asked():
    d = pm.widgets.level_switcher("program", focus="PG-DIGI")
    assert "PG-DIGI" in d.summary
    d.refresh()
    assert d._render.__name__ == "render"
    assert_rejects(lambda: d._render(level="program", focus="P01"), "P01")


def test_inputs_are_not_modified():
    mine = pd.DataFrame({"id": ["X1"], "statement": ["s"], "level": [" PORTFOLIO "], "reason": ["r"]})
    before = mine.copy()
    L.decisions(mine)
    L.score_answers({"X1": "portfolio"}, mine)
    pd.testing.assert_frame_equal(mine, before)
    assert np.isclose(L.revenue_cagr(FIRST, LAST, 4)["PL-A"], 1.5 ** 0.25 - 1)
