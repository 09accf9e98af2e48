"""Lesson 08 runs on an analyst's raw issue-tracker export (its parameters cell), not only on the
course's own table: the team's work items written the way Jira and Azure DevOps export them."""

from __future__ import annotations

import nbformat
import pandas as pd
import pytest

import pmlib as pm

from ._nb import ROOT, execute, outputs_text


def jira_export(path):
    """The team's work items as a Jira CSV export: its column names and date format, no start dates."""
    w = pm.datasets.load("work_items")
    fmt = "%d/%b/%y %I:%M %p"
    out = pd.DataFrame({
        "Summary": w["summary"], "Issue key": w["key"], "Issue Type": w["type"], "Status": w["status"],
        "Created": w["created"].dt.strftime(fmt), "Resolved": w["done"].dt.strftime(fmt).fillna(""),
        "Sprint": w["sprint_id"].fillna(""), "Fix Version/s": w["release_id"].fillna(""),
        "Custom field (Story Points)": w["points"],
    })
    out.to_csv(path, index=False, encoding="utf-8-sig")


def azure_export(path):
    """The same items as an Azure DevOps query export (US dates, Activated Date as the start)."""
    w = pm.datasets.load("work_items")
    fmt = "%m/%d/%Y %I:%M:%S %p"
    out = pd.DataFrame({
        "ID": w["key"], "Work Item Type": w["type"].replace({"Story": "User Story"}), "Title": w["summary"],
        "State": w["status"].replace({"Done": "Closed", "To Do": "New", "In Progress": "Active",
                                      "In Review": "Active"}),
        "Story Points": w["points"], "Iteration Path": "Webshop\\" + w["sprint_id"].fillna(""),
        "Created Date": w["created"].dt.strftime(fmt), "Activated Date": w["started"].dt.strftime(fmt).fillna(""),
        "Closed Date": w["done"].dt.strftime(fmt).fillna(""),
    })
    out.to_csv(path, index=False, quoting=1)


@pytest.mark.notebook
@pytest.mark.parametrize("tracker", ["jira", "azure"])
def test_lesson_runs_on_a_raw_export(tracker, tmp_path):
    export = tmp_path / f"{tracker}.csv"
    (jira_export if tracker == "jira" else azure_export)(export)
    nb = nbformat.read(ROOT / "notebooks" / "08_agile_and_hybrid.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source += f"\nissues_path = {str(export)!r}\n"   # what papermill's injected cell does
    execute(nb, ROOT / "notebooks")
    text = outputs_text(nb)
    assert "Traceback" not in text
    if tracker == "jira":
        assert "63 open stories" in text  # the same backlog, read from the tracker's own format
        assert "no item has a start date" in text  # said, not hidden: lead time still works
    else:  # Azure DevOps exports no release (fix version) column, but they do export start dates
        assert "0 open stories" in text
        assert "Little's law: throughput x cycle time" in text
