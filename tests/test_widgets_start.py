"""The start-here widget updates when its controls change."""

import pmlib as pm


def test_organisation_explorer_updates():
    d = pm.widgets.organisation_explorer()
    assert "25 projects" in d.summary
    png = d.figure_png
    d.controls["program"].value = "PG-HOME"
    assert "5 projects" in d.summary and "Home Services" in d.summary
    assert d.figure_png != png
    d.controls["status"].value = "candidate"
    assert "0 projects" in d.summary
    d.controls["program"].value = "none"
    assert "Standalone" in d.summary


def test_explorer_does_not_modify_the_callers_table():
    projects = pm.datasets.load("projects")
    before = projects.copy()
    d = pm.widgets.organisation_explorer(projects)
    d.controls["status"].value = "in_flight"
    assert projects.equals(before)
