"""Program figures and the ripple widget: they draw what pmlib.program computes, and the widget updates."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import pmlib as pm


@pytest.fixture(scope="module")
def home():
    return pm.program.load("PG-HOME")


def _texts(ax):
    return " ".join(t.get_text() for t in ax.texts)


def test_program_gantt_plan_and_ripple(home):
    ax = pm.plots.program_gantt(home.schedule())
    assert "Program schedule" in ax.get_title() and ax.get_xlabel()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any(lab.startswith("P05") for lab in labels) and any(lab.startswith("B03") for lab in labels)
    assert ax.get_legend() is not None and "25 Jun 2027" in " ".join(t.get_text() for t in ax.get_legend().get_texts())
    ax2 = pm.plots.program_gantt(home.ripple({"P05": 3}), status_date=pm.datasets.STATUS_DATE)
    assert "launch +3 weeks" in ax2.get_title()
    assert "+3 wk" in _texts(ax2)
    _, given = plt.subplots()
    assert pm.plots.program_gantt(home.schedule(), ax=given) is given


def test_resource_heatmap_outlines_overallocations(home):
    load = home.resource_load()
    ax = pm.plots.resource_heatmap(load, resources=home.resources)
    outlined = [p for p in ax.patches if p.get_edgecolor()[:3] == (0.0, 0.0, 0.0) and not p.get_fill()]
    assert len(outlined) == int(load["over"].sum()) == 3
    assert "Amara Osei" in " ".join(t.get_text() for t in ax.get_yticklabels())
    assert ax.get_xlabel() and ax.get_title()
    with pytest.raises(ValueError, match="resource_load"):
        pm.plots.resource_heatmap(pd.DataFrame({"x": [1]}))


def test_program_indices_chart_shows_sum_and_average(home):
    r = home.rollup()
    ax = pm.plots.program_indices_chart(r)
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert f"{r.program['cpi']:.2f}" in legend and f"{r.average['spi']:.2f}" in legend
    assert "ratio" in ax.get_ylabel()


def test_program_indices_chart_names_rows_without_spi_t():
    """Lesson 08 adds an agile release reported once: no PV history, so no SPI(t) diamond, and the legend says so."""
    status = pm.datasets.load("status_periods")
    p06 = status[status["project_id"] == "P06"]
    release = pd.DataFrame([{"project_id": "WEB-R2", "date": p06["date"].max(), "pv": 500.0, "ev": 450.0, "ac": 480.0}])
    projects = pd.DataFrame([{"id": "P06", "name": "E-commerce", "cost": 3200.0},
                             {"id": "WEB-R2", "name": "Release 2", "cost": 1050.0}])
    roll = pm.program.rollup(pd.concat([p06, release], ignore_index=True), projects)
    ax = pm.plots.program_indices_chart(roll)
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert "none for WEB-R2: no PV history" in legend
    ax2 = pm.plots.program_indices_chart(pm.program.load("PG-HOME").rollup())
    assert "none for" not in " ".join(t.get_text() for t in ax2.get_legend().get_texts())


def test_benefits_chart(home):
    digi = pm.program.load("PG-DIGI")
    ax = pm.plots.benefits_chart(digi.realisation, benefits=digi.benefits, status_date=pm.datasets.STATUS_DATE)
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert "B05 CRM" in legend and "realised" in legend and "planned" in legend
    assert "k$" in ax.get_ylabel()
    ax = pm.plots.benefits_chart(digi.realisation, benefits=digi.benefits, program_total=True)
    assert "PG-DIGI total: realised" in " ".join(t.get_text() for t in ax.get_legend().get_texts())


def test_ripple_widget_updates(home):
    d = pm.widgets.program_ripple(home)
    assert "No slip" in d.summary and "25 Jun 2027" in d.summary
    png0 = d.figure_png
    assert png0
    d.controls["project"].value = "P05"
    d.controls["weeks"].value = 3
    assert "+3 week(s)" in d.summary and "16 Jul 2027" in d.summary
    assert "Benefit B04" in d.summary and "P01 +3 wk" in d.summary
    png1 = d.figure_png
    assert png1 != png0
    # P04 has one week of float: a 1-week slip moves nothing else
    d.controls["project"].value = "P04"
    d.controls["weeks"].value = 1
    assert "Launch: 25 Jun 2027" in d.summary and "+0 week(s)" in d.summary
    assert "absorbs" in d.summary
    d.controls["weeks"].value = 4
    assert "+3 week(s)" in d.summary
    assert d.error is None and d.figure_png not in (png0, png1)


def test_ripple_rows_are_named_in_full_or_cut_at_a_word():
    from pmlib.widgets.program import _short

    d = pm.widgets.program_ripple()
    labels = [t.get_text() for t in d.last_view.figure.axes[0].get_yticklabels()]
    table = pm.datasets.load("projects").set_index("id")
    for label in labels:
        rid = label.split(" ", 1)[0]
        if rid in table.index:
            assert label == f"{rid} {table.loc[rid, 'name']}"  # the course's names fit the margin whole
    assert _short("B09 Customer satisfaction with the booking experience") == "B09 Customer satisfaction with\u2026"
    assert _short("P01 Short name") == "P01 Short name"
    assert _short("X" * 50).endswith("\u2026") and len(_short("X" * 50)) == 34
