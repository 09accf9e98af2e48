"""pm.io.read_issues: Jira and Azure DevOps CSV exports, with their real column names, read into
the course's table of work items; what an export lacks is said, bad cells are named."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pandas as pd
import pytest

import pmlib as pm
from pmlib.errors import InputError, MissingColumnError
from pmlib.io.issues import FIELDS, IssueExportWarning

DATA = Path(__file__).parent / "data"
JIRA = DATA / "jira_export.csv"
AZURE = DATA / "azure_devops_export.csv"


def quiet(path, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IssueExportWarning)
        return pm.io.read_issues(path, **kw)


def test_jira_export_is_read_and_its_gaps_are_said():
    before = JIRA.read_bytes()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items = pm.io.read_issues(JIRA)
    assert all(w.category is IssueExportWarning for w in caught)
    assert "no start dates" in str(caught[0].message) and str(caught[0].message).startswith("jira_export.csv")
    assert JIRA.read_bytes() == before  # the export is read, never written
    assert list(items.columns) == FIELDS and len(items) == 11 and items.attrs["source"] == "jira"
    first = items.iloc[0]
    assert first["key"] == "SHOP-201" and first["type"] == "Story" and first["points"] == 5
    assert first["created"] == pd.Timestamp("2026-03-02 09:15") and first["done"] == pd.Timestamp("2026-03-06 16:02")
    assert items["started"].isna().all()
    # repeated Sprint columns: the last sprint the issue was in
    assert items.set_index("key").loc["SHOP-203", "sprint_id"] == "SHOP Sprint 5"
    assert items.set_index("key").loc["SHOP-202", "summary"] == "Basket total rounds VAT wrongly, on mobile"
    assert items.set_index("key").loc["SHOP-204", "summary"] == 'Order history: "reorder" button'
    assert pd.isna(items.set_index("key").loc["SHOP-202", "points"])  # a bug: counted, not estimated
    notes = " ".join(items.attrs["notes"])
    assert "SHOP-210" in notes and "no 'Resolved' date" in notes     # Done without a resolution date
    assert "Won't Do" in notes and "SHOP-207" in notes               # closed without delivery
    assert len(caught) == len(items.attrs["notes"]) == 3
    assert items.attrs["columns"]["points"] == "Custom field (Story Points)"


def test_lead_time_still_works_without_start_dates():
    items = quiet(JIRA)
    fm = pm.agile.flow_metrics(items)
    row = fm.set_index("key").loc["SHOP-201"]
    assert row["lead_time"] == 5 and pd.isna(row["cycle_time"])  # 2 to 6 March, both counted
    assert fm.throughput.sum() == items["done"].notna().sum()
    assert any("no item has a start date" in n for n in fm.notes)


def test_azure_devops_export_is_read():
    items = quiet(AZURE)
    assert items.attrs["source"] == "azure" and len(items) == 8
    t = items.set_index("key")
    assert t.loc["4101", "type"] == "User Story" and t.loc["4101", "points"] == 5
    assert t.loc["4101", "started"] == pd.Timestamp("2026-03-03 10:00")
    assert t.loc["4101", "done"] == pd.Timestamp("2026-03-06 16:02")  # Closed Date, not Resolved Date
    assert pd.isna(t.loc["4108", "done"])                              # Resolved but not closed: still open
    assert t.loc["4103", "sprint_id"] == "Sprint 5"                    # last part of the iteration path
    assert items.attrs["columns"]["started"] == "Activated Date"
    fm = pm.agile.flow_metrics(items)
    assert fm.set_index("key").loc["4101", "cycle_time"] == 4          # 3 to 6 March
    assert fm.summary()["in_progress"] == 2                            # 4105 active, 4108 resolved
    assert not any("start" in n for n in items.attrs["notes"])


def test_the_course_export_reads_like_the_data_set():
    items = quiet(pm.datasets.data_dir() / "work_items.csv")
    ds = pm.datasets.load("work_items")
    assert items.attrs["source"] == "pmlib" and len(items) == len(ds)
    assert (items["key"] == ds["key"]).all()
    assert items["done"].dt.normalize().equals(pd.Series(pd.to_datetime(ds["done"]), name="done").astype(
        "datetime64[ns]"))


def test_other_trackers_through_a_column_mapping():
    text = ("Ticket,Kind,Opened,In progress since,Shipped,Estimate\n"
            "T-1,feature,2026-03-02,2026-03-03,2026-03-05,3\n"
            "T-2,feature,2026-03-02,,,5\n")
    with pytest.raises(MissingColumnError, match="columns found: Ticket, Kind"):
        pm.io.read_issues(io.StringIO(text))
    items = pm.io.read_issues(io.StringIO(text), source="pmlib", columns={
        "key": "Ticket", "type": "Kind", "created": "Opened", "started": "In progress since", "done": "Shipped",
        "points": "Estimate"})
    assert items["points"].tolist() == [3, 5] and items.loc[0, "started"] == pd.Timestamp("2026-03-03")
    mapped = quiet(io.StringIO(text), columns={"key": "Ticket", "created": "Opened", "done": "Shipped"})
    assert mapped.attrs["source"] == "pmlib" and mapped["done"].notna().sum() == 1
    with pytest.raises(InputError, match="unknown field.*'estimate'"):
        pm.io.read_issues(io.StringIO(text), source="pmlib", columns={"estimate": "Estimate"})


def test_missing_required_column_lists_what_was_found():
    text = "Issue key,Issue Type,Status,Created\nWEB-1,Story,Done,02/Mar/26 9:00 AM\n"
    with pytest.raises(MissingColumnError, match=r"done.*'Resolved'.*columns found: Issue key, Issue Type"):
        pm.io.read_issues(io.StringIO(text))


def test_bad_cells_are_named_with_the_item():
    text = ("Issue key,Created,Resolved,Custom field (Story Points)\n"
            "WEB-1,02/Mar/26 9:00 AM,05/Mar/26 9:00 AM,3\n"
            "WEB-2,02/Mar/26 9:00 AM,next week,3\n")
    with pytest.raises(InputError, match=r"'Resolved'.*WEB-2.*'next week'.*date_format"):
        quiet(io.StringIO(text))
    text = text.replace("next week", "06/Mar/26 9:00 AM").replace(",3\n", ",three\n", 1)
    with pytest.raises(InputError, match=r"Story Points.*WEB-1.*'three'"):
        quiet(io.StringIO(text))
    neg = ("Issue key,Created,Resolved,Custom field (Story Points)\nWEB-1,02/Mar/26 9:00 AM,,-2\n")
    with pytest.raises(InputError, match="'WEB-1' has -2 points"):
        quiet(io.StringIO(neg))
    dup = ("Issue key,Created,Resolved\nWEB-1,02/Mar/26 9:00 AM,\nWEB-1,02/Mar/26 9:00 AM,\n")
    with pytest.raises(InputError, match="'WEB-1' appears more than once"):
        quiet(io.StringIO(dup))


def test_dates_day_first_and_explicit_formats():
    text = ('"ID","Work Item Type","Created Date","Activated Date","Closed Date"\n'
            '"1","Task","3/4/2026 9:00:00 AM","3/5/2026 9:00:00 AM","3/6/2026 9:00:00 AM"\n')
    us = quiet(io.StringIO(text))
    assert us.loc[0, "created"] == pd.Timestamp("2026-03-04 09:00")
    assert any("month first" in n for n in us.attrs["notes"])
    eu = quiet(io.StringIO(text), dayfirst=True)
    assert eu.loc[0, "created"] == pd.Timestamp("2026-04-03 09:00")
    dotted = "Issue key,Created,Resolved\nX-1,03.04.2026 10:00,05.04.2026 11:30\n"
    assert quiet(io.StringIO(dotted)).loc[0, "done"] == pd.Timestamp("2026-04-05 11:30")
    odd = "Issue key,Created,Resolved\nX-1,2026|04|03,\n"
    assert quiet(io.StringIO(odd), date_format="%Y|%m|%d").loc[0, "created"] == pd.Timestamp("2026-04-03")


def test_semicolon_separated_windows_file(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes("Issue key;Summary;Created;Resolved\nWEB-1;Caf\xe9 page;2026-03-02;2026-03-04\n".encode("cp1252"))
    items = quiet(path)
    assert items.loc[0, "summary"] == "Caf\u00e9 page" and items.loc[0, "done"] == pd.Timestamp("2026-03-04")


def test_not_an_export():
    with pytest.raises(MissingColumnError, match="not a Jira or Azure DevOps export"):
        pm.io.read_issues(io.StringIO("a,b\n1,2\n"))
    with pytest.raises(InputError, match="does not exist"):
        pm.io.read_issues("no/such/export.csv")
    with pytest.raises(ValueError, match="source"):
        pm.io.read_issues(JIRA, source="trello")
    with pytest.raises(InputError, match="no work items"):
        quiet(io.StringIO("Issue key,Created,Resolved\n"))
