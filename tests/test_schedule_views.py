"""Schedule figures and the schedule widget, driven as a learner would."""

from __future__ import annotations

import matplotlib.pyplot as plt
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
