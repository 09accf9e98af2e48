"""Agile figures and the release-forecast widget: labelled figures, controls that drive pmlib."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import pmlib as pm


@pytest.fixture(scope="module")
def team():
    sprints = pm.datasets.load("sprints")
    return sprints, pm.datasets.load("work_items"), sprints[sprints["release_id"] == "WEB-R2"]


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_velocity_and_burndown_charts(team):
    sprints, items, _ = team
    ax = pm.plots.velocity_chart(sprints)
    mean = sprints["completed"].mean()
    assert f"{mean:.1f} points per sprint" in ax.get_title() and "story points" in ax.get_ylabel()
    assert {"committed", "completed (velocity)"} <= set(legend_texts(ax))
    s18 = sprints.set_index("id").loc["WEB-S18"]
    b = pm.agile.sprint_burndown(items[(items["sprint_id"] == "WEB-S18") & items["points"].notna()],
                                 start=s18["start"], end=s18["end"], committed=s18["committed"])
    ax = pm.plots.burndown_chart(b)
    assert ax.get_title() == (f"Sprint burndown: {s18['committed']:g} points committed, "
                              f"{s18['committed'] - s18['completed']:g} left at the end")
    assert "Remaining" in ax.get_ylabel() and len(ax.get_xticklabels()) == len(b)
    plt.close("all")


def test_burnup_with_forecast_and_plan(team):
    sprints, _, r2 = team
    f = pm.agile.release_forecast(180, sprints["completed"].tail(10), seed=0)
    ax = pm.plots.burnup_chart(pm.agile.release_burnup(r2), forecast=f, labels=r2["number"], planned=17)
    texts = legend_texts(ax)
    assert "plan: last sprint is sprint 25" in texts
    assert f"85 % forecast: done in sprint {21 + f.percentile(85)} (+{f.percentile(85)})" in texts
    assert "338 of 518 points done" in ax.get_title()
    with pytest.raises(ValueError, match="release_forecast"):
        pm.plots.burnup_chart(pm.agile.release_burnup(r2), forecast=f.sprints)
    plt.close("all")


def test_flow_figures(team):
    _, items, _ = team
    fm = pm.agile.flow_metrics(items)
    ax = pm.plots.cumulative_flow_diagram(fm, start="2026-01-01")
    assert legend_texts(ax) == ["to do (created, not started)", "in progress", "done"]
    assert "Work items" in ax.get_ylabel()
    p = fm.percentiles
    ax = pm.plots.cycle_time_scatter(fm)
    assert f"85 % of items within {p[85]:g} days" in legend_texts(ax)
    assert "calendar days" in ax.get_ylabel()
    with pytest.raises(ValueError, match="flow_metrics"):
        pm.plots.cycle_time_scatter(items)
    plt.close("all")


def test_forecast_histograms():
    f = pm.agile.release_forecast(180, [30, 33, 24, 16, 21, 32, 22, 34, 23, 24], seed=0)
    _, given = plt.subplots()
    ax = pm.plots.forecast_histogram(f, ax=given, target=4)
    assert ax is given and ax.right_ax.get_ylabel() == "Cumulative probability"
    texts = legend_texts(ax)
    assert f"85 % confidence: {f.percentile(85)} sprints" in texts
    assert "plan: 4 sprints: P(within) = 0%" in texts
    t = pm.agile.throughput_forecast([0, 1, 2, 1, 0, 3, 1], days=30, seed=0)
    ax = pm.plots.forecast_histogram(t, target=30)
    assert ax.get_title().startswith("How many items in 30 days?")
    assert f"85 % confidence: at least {t.percentile(85):g} items" in legend_texts(ax)
    with pytest.raises(ValueError, match="release_forecast"):
        pm.plots.forecast_histogram([1, 2, 3])
    plt.close("all")


def test_widget_defaults_follow_the_lesson(team):
    sprints, _, _ = team
    d = pm.widgets.release_forecast_explorer()
    values = d.values
    assert values == {"remaining": 180, "window": 10, "confidence": 85}
    f = pm.agile.release_forecast(180, sprints["completed"].tail(10), seed=0)
    k = f.percentile(85)
    end = sprints["end"].iloc[-1] + pd.Timedelta(days=14 * k)
    lines = d.summary.splitlines()
    assert lines[2] == f"85 % confidence: {k} more sprints, done by {end:%a %d %b %Y} (end of sprint {21 + k})"
    assert f"holds in {f.probability(f.average_sprints):.0%} of iterations" in d.summary
    assert "Planned release date 18 Dec 2026 = 4 more sprints: chance 0%" in d.summary
    fit = pm.agile.points_forecast(sprints["completed"].tail(10), 4, seed=0)
    assert f"at least {fit.percentile(85):g} of 180" in d.summary
    assert d.figure_png and d.error is None


def test_each_control_drives_the_forecast_on_one_figure(team):
    sprints, _, _ = team
    d = pm.widgets.release_forecast_explorer()
    figure = d.last_view.figure
    png = d.figure_png
    d.controls["confidence"].value = 50
    f = pm.agile.release_forecast(180, sprints["completed"].tail(10), seed=0)
    assert d.summary.splitlines()[2].startswith(f"50 % confidence: {f.percentile(50)} more sprints")
    assert d.figure_png != png and d.last_view.figure is figure  # redrawn, not rebuilt
    assert len(figure.axes) == 2  # histogram and burnup: nothing left over from earlier draws
    d.controls["window"].value = 21
    assert "history: sprints 1 to 21 (21 sprints)" in d.summary
    d.controls["remaining"].value = 240
    g = pm.agile.release_forecast(240, sprints["completed"], seed=0)
    assert d.summary.splitlines()[2].startswith(f"50 % confidence: {g.percentile(50)} more sprints")
    assert d.updates == 4 and d.error is None
    assert d.controls["window"].min == pm.agile.MIN_HISTORY  # fewer than 3 sprints cannot be chosen


def test_widget_on_own_sprints_and_unknown_release(team):
    sprints, _, _ = team
    own = pd.DataFrame({"completed": [8, 12, 10, 9, 11], "end": pd.date_range("2026-01-09", periods=5, freq="14D")})
    before = own.copy()
    d = pm.widgets.release_forecast_explorer(own)
    assert d.values["window"] == 5 and "points left after sprint 5" in d.summary
    pd.testing.assert_frame_equal(own, before)
    with pytest.raises(ValueError, match="WEB-R9.*WEB-R1, WEB-R2"):
        pm.widgets.release_forecast_explorer(sprints, pm.datasets.load("releases"), release="WEB-R9")
    with pytest.raises(ValueError, match="at least 3"):
        pm.widgets.release_forecast_explorer(own.head(2))
