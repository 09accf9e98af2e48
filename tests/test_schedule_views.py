"""Schedule figures and the schedule widget, driven as a learner would."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import pmlib as pm


@pytest.fixture(scope="module")
def acts():
    return pm.datasets.load("activities")


@pytest.fixture(scope="module")
def mc(acts):
    return pm.schedule.monte_carlo(acts, n=2000, seed=0)


def _texts(ax):
    return ax.get_title(), ax.get_xlabel(), ax.get_ylabel()


def test_gantt_days_and_dates(acts):
    ax = pm.plots.gantt(acts)
    title, xlabel, ylabel = _texts(ax)
    assert "critical path" in title and "working days" in xlabel and ylabel == "Activity"
    assert ax.get_legend() is not None
    assert len(ax.get_yticklabels()) == len(acts)
    _, ax2 = plt.subplots()
    out = pm.plots.gantt(pm.schedule.cpm(acts), ax=ax2, start="2026-02-02")
    assert out is ax2 and "Date" in ax2.get_xlabel()


def test_network_diagram(acts):
    ax = pm.plots.network_diagram(acts)
    labels = {t.get_text() for t in ax.texts}
    assert {"A01", "A30"} <= labels and "SS+10" in labels
    assert ax.get_title().startswith("Activity-on-node") and ax.get_legend() is not None
    with pytest.raises(ValueError, match="activities table"):
        pm.plots.network_diagram(pm.schedule.cpm(acts))


def test_completion_histogram_and_tornado(acts, mc):
    ax = pm.plots.completion_histogram(mc, deadline=300, pert=pm.schedule.pert(acts))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.startswith("P80 = ") for t in legend) and any("deadline 300" in t for t in legend)
    assert "working days" in ax.get_xlabel() and ax.get_ylabel() == "Iterations"
    for metric in ("criticality", "cruciality", "sensitivity"):
        ax = pm.plots.criticality_tornado(mc, metric=metric, top=10)
        assert len(ax.patches) == 10 and metric in ax.get_title()
    with pytest.raises(ValueError, match="metric"):
        pm.plots.criticality_tornado(mc, metric="nope")


def test_widget_updates_with_estimates_and_deadline():
    d = pm.widgets.schedule_explorer(n=1000)
    first, png = d.summary, d.figure_png
    assert "Critical path: A01 -> A02" in first and "P80" in first and png
    # lengthen the scheduling engine build (critical): CPM and P80 move
    d.controls["activity"].value = "A12"
    assert d.controls["most_likely"].value == 81
    d.controls["pessimistic"].value = 200
    d.controls["most_likely"].value = 120
    assert "Edited: A12 61/120/200" in d.summary
    assert "CPM on most likely durations: 328.0" in d.summary
    assert d.figure_png != png
    # the deadline slider changes the chance of meeting it
    before = [line for line in d.summary.splitlines() if line.startswith("Deadline")][0]
    d.controls["deadline"].value = d.controls["deadline"].max
    after = [line for line in d.summary.splitlines() if line.startswith("Deadline")][0]
    assert before != after
    # switching activity shows its own estimate and keeps A12's edit
    d.controls["activity"].value = "A01"
    assert d.controls["most_likely"].value == 7 and "A12 61/120/200" in d.summary
    # an impossible estimate is reported, not raised
    d.controls["optimistic"].value = 50
    assert d.error and "optimistic <= most likely" in d.summary


def test_widget_on_own_data():
    acts = [{"id": "A", "optimistic": 1, "most_likely": 2, "pessimistic": 4, "predecessors": ""},
            {"id": "B", "optimistic": 2, "most_likely": 3, "pessimistic": 9, "predecessors": "A"},
            {"id": "C", "optimistic": 2, "most_likely": 4, "pessimistic": 5, "predecessors": "A"}]
    d = pm.widgets.schedule_explorer(acts, n=500, unit="days")
    assert "A -> C" in d.summary
    d.controls["activity"].value = "B"
    d.controls["pessimistic"].value = 20
    d.controls["most_likely"].value = 10
    assert "A -> B" in d.summary


def _legend_outside(ax):
    """The legend's box lies outside the axes (below or to the right): it covers no data."""
    fig = ax.figure
    fig.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    box = ax.get_window_extent()
    return legend.y1 <= box.y0 + 1 or legend.x0 >= box.x1 - 1


def test_gantt_keeps_rows_and_float_inside_and_legend_outside(acts):
    s = pm.schedule.cpm(acts)
    dd = pm.schedule.working_days_between("2026-02-02", "2027-03-26")
    ax = pm.plots.gantt(s, start="2026-02-02", deadline=dd)
    lo, hi = ax.get_ylim()
    assert hi < 0 and lo > len(acts) - 1          # first row on top, every row whole
    left, right = ax.get_xlim()
    for patch in ax.patches:                        # bars and float bars end inside the frame
        assert patch.get_x() >= left and patch.get_x() + patch.get_width() <= right + 1e-9
    assert _legend_outside(ax)


def test_gantt_draws_negative_float_back_from_the_early_finish():
    """store_fitout.xml misses its reopening constraint by 2.5 working days: the lesson's figure.

    On a plan with several calendars total_float is counted in each activity's own calendar, so
    the float bar must run from ef to lf on the chart's time line, not ef + total_float.
    """
    import numpy as np

    plan = pm.io.read_schedule(pm.datasets.data_dir() / "store_fitout.xml")
    s = pm.schedule.cpm(plan)
    ax = pm.plots.gantt(s, deadline=s.table["lf"].max())
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "critical (total float <= 0)" in labels and "negative float (after the late finish)" in labels
    dark = [p for p in ax.patches if p.get_facecolor()[:3] == pytest.approx((0x1b / 255, 0x26 / 255, 0x31 / 255))]
    late = s.table[s.table["lf"] < s.table["ef"]]
    assert len(dark) == len(late)
    # from the late finish to the end of the activity's bar (a milestone's bar is a sliver wide)
    spans = sorted((p.get_x(), p.get_x() + p.get_width()) for p in dark)
    expected = sorted(zip(late["lf"], late["ef"] + np.where(late["duration"] > 0, 0, 0.15), strict=True))
    assert np.allclose(spans, expected)
    assert all(p.get_width() >= 0 for p in ax.patches)    # nothing drawn backwards
    grey = [p for p in ax.patches if p.get_facecolor()[:3] == pytest.approx((0xaa / 255, 0xb7 / 255, 0xb8 / 255))
            and p.get_width() > 0]
    ahead = s.table[s.table["lf"] > s.table["ef"]]
    assert np.allclose(sorted(p.get_x() + p.get_width() for p in grey), sorted(ahead["lf"]))
    left, right = ax.get_xlim()
    assert all(left <= p.get_x() and p.get_x() + p.get_width() <= right + 1e-9 for p in ax.patches)
    _, plain = plt.subplots()
    pm.plots.gantt(pm.datasets.load("activities"), ax=plain)
    assert "critical (total float 0)" in [t.get_text() for t in plain.get_legend().get_texts()]


def test_gantt_on_the_plans_own_calendar_dates():
    """dates=True draws each bar from the early start to the early finish the calendars give."""
    import matplotlib.dates as mdates
    import numpy as np

    plan = pm.io.read_schedule(pm.datasets.data_dir() / "store_fitout.xml")
    s = pm.schedule.cpm(plan)
    reopening = s.dates["late_finish"].max()
    assert reopening == pd.Timestamp("2027-03-25 17:00")          # the FNLT constraint of the file
    ax = pm.plots.gantt(s, dates=True, deadline=reopening)
    supplier = s.dates.loc["5"]                                      # 28 elapsed days: four calendar weeks
    bars = {(round(p.get_x(), 6), round(p.get_x() + p.get_width(), 6)) for p in ax.patches}
    assert (round(mdates.date2num(supplier["early_start"]), 6),
            round(mdates.date2num(supplier["early_finish"]), 6)) in bars
    assert supplier["early_finish"] - supplier["early_start"] == pd.Timedelta(days=28)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "deadline Thu 25 Mar 2027 17:00" in labels and "negative float (after the late finish)" in labels
    assert "own calendar" in ax.get_xlabel() and "01 Apr 2027 12:00" in ax.get_title()
    assert all(p.get_width() >= 0 for p in ax.patches)
    left, right = ax.get_xlim()
    assert left <= np.min([p.get_x() for p in ax.patches]) and right >= mdates.date2num(reopening)
    with pytest.raises(ValueError, match="deadline as a date"):
        pm.plots.gantt(s, dates=True, deadline=39)
    with pytest.raises(ValueError, match="not both"):
        pm.plots.gantt(s, dates=True, start="2027-02-01")
    with pytest.raises(ValueError, match="schedule on calendars"):
        pm.plots.gantt(pm.datasets.load("activities"), dates=True)


def test_histogram_legend_is_not_over_its_lines(mc, acts):
    for where in ("below", "right"):
        ax = pm.plots.completion_histogram(mc, deadline=300, pert=pm.schedule.pert(acts), legend=where)
        assert _legend_outside(ax)
    with pytest.raises(ValueError, match="legend"):
        pm.plots.completion_histogram(mc, legend="top")


def test_time_cost_curve():
    from .test_crash import bridge, reliable_construction

    c = pm.schedule.crash(reliable_construction(), indirect_cost_per_day=70)
    ax = pm.plots.time_cost_curve(c, greedy=pm.schedule.crash_greedy(reliable_construction()), unit="weeks")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.startswith("total cost") for t in labels) and any("least total cost: 38 weeks" in t for t in labels)
    assert ax.get_xlim()[0] > ax.get_xlim()[1]          # shorter durations to the right
    assert "weeks" in ax.get_xlabel() and "k$" in ax.get_ylabel()
    ax = pm.plots.time_cost_curve(pm.schedule.crash(bridge()), greedy=pm.schedule.crash_greedy(bridge()))
    assert any("greedy pays more" in t.get_text() for t in ax.get_legend().get_texts())
    with pytest.raises(ValueError, match="crash"):
        pm.plots.time_cost_curve(pm.schedule.cpm(bridge()))


def test_widget_default_deadline_matches_the_lesson():
    d = pm.widgets.schedule_explorer(n=500)
    days = pm.schedule.working_days_between("2026-02-02", "2027-03-26")
    assert d.controls["deadline"].value == days == 299
    assert "Deadline 299.0 working days (26 Mar 2027)" in d.summary
    assert d.controls["deadline"].description.startswith("Deadline (working days)")
    assert d.controls["activity"].description == "Activity to edit"
    # a deadline change reuses the simulation: same P80, new chance
    p80 = [ln for ln in d.summary.splitlines() if "P80" in ln][0]
    d.controls["deadline"].value = 320
    assert [ln for ln in d.summary.splitlines() if "P80" in ln][0] == p80
    assert "Deadline 320.0" in d.summary
