"""The "bring your own file" sections of lessons 03, 04 and 07 (issue 16).

Each section reads an analyst's own file (an Excel workbook, an MS Project or P6 plan, a plain
CSV schedule) through ``pm.io`` / ``pm.datasets``, shows what a broken copy gives, and writes
results back to Excel. These tests run each section on the course's files and on files of
another shape, the way papermill runs a lesson (a line appended to the ``parameters`` cell),
and check the section's key results and the workbooks it writes, not only that it runs.

A section runs with the lesson's ``parameters`` cell, the cells it builds on (named by cell id
below) and its own cells (ids ``byo-NN-...``), so a variant costs seconds rather than the whole
lesson; ``tests/test_notebooks.py`` runs every lesson top to bottom.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest
from nbclient.exceptions import CellExecutionError

import pmlib as pm
from pmlib.io.excel import NUMBER_FORMATS

from ._nb import ROOT, execute
from .test_io_schedule_real import REAL

pytestmark = pytest.mark.notebook

DATA = Path(__file__).parent / "data"
#: cells each section builds on, besides the parameters cell (by cell id)
SETUP = {
    "03_earned_value": ["ac376c3c"],                      # imports, data, health bands
    "04_schedule": ["66878d3b"],                          # imports
    "07_portfolio": ["7519830c", "eb06c96e", "da5ccfd3",  # data and funding round, AHP weights, scores
                     "75fa3008", "37e726e5"],             # table, limits and best selection; budget levels
}


def run_section(lesson: str, **parameters) -> nbformat.NotebookNode:
    """Execute a lesson's parameters cell (with ``parameters`` appended, as papermill does), the
    cells its section builds on and the section's own cells; return the executed notebook."""
    nb = nbformat.read(ROOT / "notebooks" / f"{lesson}.ipynb", as_version=4)
    keep = []
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            cell.source += "".join(f"\n{k} = {v!r}" for k, v in parameters.items())
            keep.append(cell)
        elif cell.get("id") in SETUP[lesson] or cell.get("id", "").startswith("byo-"):
            keep.append(cell)
    missing = set(SETUP[lesson]) - {c.get("id") for c in keep}
    assert not missing, f"{lesson}: cells {missing} this test builds on are gone (update SETUP)"
    nb.cells = keep
    before = _repository_files()
    backend = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"   # figures as images, as in Jupyter
    try:
        execute(nb, ROOT / "notebooks", timeout=300)
    finally:
        if backend is None:
            del os.environ["MPLBACKEND"]
        else:
            os.environ["MPLBACKEND"] = backend
    assert _repository_files() == before, "the section wrote into the repository"
    return nb


def _repository_files() -> set:
    return {p.relative_to(ROOT).as_posix() for folder in ("datasets", "notebooks", "exercises")
            for p in (ROOT / folder).rglob("*") if ".ipynb_checkpoints" not in p.parts}


def output(nb, cell_id: str) -> str:
    """Everything one cell printed or displayed, as text."""
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", ""))
        parts.append(out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def images(nb, cell_id: str) -> int:
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    return sum("image/png" in out.get("data", {}) for out in cell.get("outputs", []))


def section_ids(lesson: str) -> list[str]:
    nb = nbformat.read(ROOT / "notebooks" / f"{lesson}.ipynb", as_version=4)
    return [c.get("id") for c in nb.cells if c.get("id", "").startswith("byo-")]


# ------------------------------------------------------------------------------------------
# what the sections say around them
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lesson, heading, names, objective", [
    ("03_earned_value", "## 9. Bring your own file", ["workbook_path", "report_folder"], "Read a status workbook"),
    ("04_schedule", "## 11. Bring your own file", ["schedule_path", "plain_schedule_path"], "saved by **MS Project**"),
    ("07_portfolio", "## 12. Bring your own file", ["workbook_path", "report_folder"], "candidates from a workbook"),
])
def test_section_parameters_objective_and_summary(lesson, heading, names, objective):
    nb = nbformat.read(ROOT / "notebooks" / f"{lesson}.ipynb", as_version=4)
    ids = section_ids(lesson)
    first = next(c for c in nb.cells if c.get("id") == ids[0])
    assert first.source.startswith(heading)
    # the section sits right before the summary, in one piece
    position = [c.get("id") for c in nb.cells]
    start = position.index(ids[0])
    assert position[start:start + len(ids)] == ids
    assert nb.cells[start + len(ids)].source.startswith("## Summary")
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", [])).source
    for name in names:
        assert re.search(rf'^{name}: "Optional\[str\]" = None +# .+$', params, re.M), name
    objectives = nb.cells[0].source.split("**Learning objectives")[1]
    assert re.search(rf"^\d+\. .*{re.escape(objective)}.*\*.*(Process|Business Environment).*\*$", objectives, re.M)
    summary = nb.cells[start + len(ids)].source
    assert "pm.io." in summary
    # nothing is written into the repository: every written file goes to a temporary or the analyst's folder
    code = "\n".join(c.source for c in nb.cells if c.get("id", "").startswith("byo-") and c.cell_type == "code")
    assert "TemporaryDirectory" in code and "overwrite=True" not in code


# ------------------------------------------------------------------------------------------
# lesson 03: a status workbook in, an Excel report out
# ------------------------------------------------------------------------------------------
def test_03_reads_the_workbook_refuses_broken_copies_and_writes_the_report(tmp_path):
    nb = run_section("03_earned_value", report_folder=str(tmp_path))
    assert "alderbrook_workbook.xlsx: 25 projects; 149 monthly rows for 10 projects, reported up to 31 Oct 2026" in \
        output(nb, "byo-03-02")
    errors = output(nb, "byo-03-04")
    # P17's latest month (17, October 2026) is row 117 of the sheet: header row 1, P01-P16's 115 rows, then 17 months
    assert ("status_copy_1.xlsx, sheet 'status_periods', row 117, column 'ev' (E): 'n/a' is not a number: "
            "leave the cell empty for a missing value.") in errors
    assert "status_copy_2.xlsx, sheet 'status_periods', row 117, column 'project_id' (A): 'p17' is not an id of " \
           "projects.id" in errors
    sheet = openpyxl.load_workbook(pm.datasets.data_dir() / "alderbrook_workbook.xlsx", read_only=True)
    row = next(sheet["status_periods"].iter_rows(min_row=117, max_row=117, values_only=True))
    assert row[:2] == ("P17", 17) and row[4] == pytest.approx(1832.4)   # the cell the messages point at

    report = tmp_path / "P17_status_report.xlsx"
    text = output(nb, "byo-03-06")
    assert f"Written: {report}" in text and "sheets: P17 by month, All projects, P17 S-curve" in text
    assert "A second report under the same name is refused" in text and "already exists" in text
    book = openpyxl.load_workbook(report)
    assert book.sheetnames == ["P17 by month", "All projects", "P17 S-curve"]
    assert len(book["P17 S-curve"]._images) == 1
    header = [c.value for c in book["P17 by month"][1]]
    assert header[:5] == ["period", "date", "pv", "ev", "ac"]
    assert book["P17 by month"]["C2"].number_format == NUMBER_FORMATS["money"]   # pv in k$
    assert book["P17 by month"][f"{_column(header, 'cpi')}2"].number_format == "0.00"
    # the figures are pmlib's, computed from the workbook: the last month's CPI = EV / AC (PMBOK: 1832.4 / 2411.1)
    monthly = pd.read_excel(report, sheet_name="P17 by month")
    last = monthly.iloc[-1]
    assert (last["period"], last["ev"], last["ac"]) == (17, 1832.4, 2411.1)
    assert last["cpi"] == pytest.approx(1832.4 / 2411.1) and last["cv"] == pytest.approx(1832.4 - 2411.1)
    everyone = pd.read_excel(report, sheet_name="All projects")
    assert len(everyone) == 10 and "verdict" not in everyone.columns


def _column(header, name):
    return openpyxl.utils.get_column_letter(header.index(name) + 1)


def test_03_runs_on_an_analysts_own_workbook(tmp_path):
    """Another workbook: P17's latest AC revised; the report is computed from it, not from the course's CSV."""
    projects, status = pm.datasets.load("projects"), pm.datasets.load("status_periods")
    latest = status.index[(status["project_id"] == "P17") & status["ev"].notna()][-1]
    status.loc[latest, "ac"] = 2600.0
    own = tmp_path / "controllers_status.xlsx"
    pm.io.write_excel({"projects": projects, "status_periods": status}, own)
    (tmp_path / "reports").mkdir()
    nb = run_section("03_earned_value", workbook_path=str(own), report_folder=str(tmp_path / "reports"))
    assert "controllers_status.xlsx: 25 projects" in output(nb, "byo-03-02")
    monthly = pd.read_excel(tmp_path / "reports" / "P17_status_report.xlsx", sheet_name="P17 by month")
    assert monthly.iloc[-1]["ac"] == 2600.0 and monthly.iloc[-1]["cpi"] == pytest.approx(1832.4 / 2600.0)


def test_03_an_existing_report_is_never_replaced(tmp_path):
    (tmp_path / "P17_status_report.xlsx").write_bytes(b"the committee's annotated copy")
    with pytest.raises(CellExecutionError, match="already exists: pmlib never replaces a file"):
        run_section("03_earned_value", report_folder=str(tmp_path))
    assert (tmp_path / "P17_status_report.xlsx").read_bytes() == b"the committee's annotated copy"


# ------------------------------------------------------------------------------------------
# lesson 04: a plan saved by MS Project
# ------------------------------------------------------------------------------------------
def test_04_the_course_plan_its_calendars_and_negative_float():
    nb = run_section("04_schedule")
    read = output(nb, "byo-04-02")
    assert "Plan(MSPDI 'P13 Store renovations wave 3: pilot store fit-out': 17 activities" in read
    assert " - 1 link(s) on summary tasks expanded to the summaries' leaf tasks." in read   # plan.warnings shown

    dates = output(nb, "byo-04-04")
    # the plan: Thu 1 April 12:00 (hand-checked in tests/test_io_schedule.py); the same four columns on one
    # Monday-Friday calendar: 50.5 working days from Mon 1 Feb 08:00 = 10 weeks (to Fri 9 April) + Mon + Tue morning
    assert "the plan:    finish Thu 01 Apr 2027 12:00" in dates
    assert "plain table: finish Mon 12 Apr 2027 12:00 (50.5 working days)" in dates
    assert "same critical path: True" in dates
    # the supplier's 28 elapsed days end 10 calendar days before 28 working days would
    assert re.search(r"^5 +24 hours \(elapsed\) +28\.0 +2027-03-18 17:00:00 +2027-03-08 17:00:00 +-10\.0$", dates, re.M)
    assert images(nb, "byo-04-06") == 1

    floats = output(nb, "byo-04-08")
    assert re.search(r"^21 +Store reopens +FNLT 2027-03-25 17:00:00 2027-04-01 12:00:00 +-2\.5$", floats, re.M)
    assert "11 activity(ies) with negative total float" in floats
    # one gap of 2.5 Standard days (Thu 25 17:00 -> Thu 1 12:00 over Good Friday and Easter Monday) reads
    # -3.5 on the six-day calendar (Saturday 13 March works) and -100 h / 24 h = -4.17 on the elapsed one
    assert re.search(r"^5 +Fixture manufacture \(supplier\) +24 hours \(elapsed\) +-4\.17 +-2\.5$", floats, re.M)
    assert re.search(r"^14 +Install fixtures +Shopfitters 6-day +-3\.50? +-2\.5$", floats, re.M)

    assert "store_fitout.xml stores no dates of its own to compare with" in output(nb, "byo-04-10")
    plain = output(nb, "byo-04-12")
    assert "fitout_export.csv: 17 activities, 50.5 working days; critical path 2 -> 3 -> 4 -> 5 -> 14" in plain
    assert "Refused at the door: typed_by_hand.csv, line 5, column 'duration': '28 days' is not a number." in plain


def test_04_a_plan_with_the_dates_its_tool_stored():
    """A file that stores its writer's dates (the hand-checked fixture): the section reports full agreement."""
    nb = run_section("04_schedule", schedule_path=str(DATA / "fitout_small.xml"))
    assert "Plan(MSPDI 'Shop fit-out (test fixture)': 8 activities" in output(nb, "byo-04-02")
    check = output(nb, "byo-04-10")
    assert "Share of the 8 activities on which pmlib agrees with the dates and floats fitout_small.xml stores" in check
    for field in ("early_start", "early_finish", "late_start", "late_finish", "total_float", "free_float"):
        assert re.search(rf"^{field} +100%$", check, re.M), field
    assert "differ" not in check
    # its handover misses a finish-no-later-than date by one working day
    assert re.search(r"^9 +Handover +Standard +-1\.0 +-1\.0$", output(nb, "byo-04-08"), re.M)


def test_04_a_plain_schedule_csv_of_the_analysts_own(tmp_path):
    own = tmp_path / "my_plan.csv"
    own.write_text("id,name,duration,predecessors\nA,Design,5,\nB,Build,10,A\nC,Test,3,B\nD,Train users,4,A\n")
    nb = run_section("04_schedule", plain_schedule_path=str(own))
    text = output(nb, "byo-04-12")
    assert "my_plan.csv: 4 activities, 18 working days; critical path A -> B -> C" in text   # 5 + 10 + 3
    assert "typed_by_hand.csv, line 3, column 'duration': '10 days' is not a number." in text


@pytest.mark.skipif(not REAL.is_dir(), reason="the real schedule files (../shared/real-schedules) are absent")
@pytest.mark.parametrize("name", ["ozbuild-16-orig.xml", "sp10-cost-loaded.xer"])
def test_04_real_files_saved_by_ms_project_and_p6(name):
    nb = run_section("04_schedule", schedule_path=str(REAL / name))
    read, check = output(nb, "byo-04-02"), output(nb, "byo-04-10")
    plan = pm.io.read_schedule(REAL / name)
    for warning in plan.warnings:
        assert warning in read
    assert f"on which pmlib agrees with the dates and floats {name} stores" in check
    shares = plan.agreement()
    for field in ("early_start", "total_float"):
        assert re.search(rf"^{field} +{shares[field]:.0%}$", check, re.M)
    if name.endswith(".xer"):   # 3,994 activities with progress: no chart, no comparison with a plain table
        assert images(nb, "byo-04-06") == 0
        assert "(progress at 16 Sep 2017: only a plan without progress is compared" in output(nb, "byo-04-04")
        assert "activity(ies) differ; the first ones:" in check
    else:
        assert images(nb, "byo-04-06") == 1 and "differ" not in check


# ------------------------------------------------------------------------------------------
# lesson 07: candidates from a workbook, the board pack back to Excel
# ------------------------------------------------------------------------------------------
def test_07_selects_from_the_workbook_and_writes_the_board_pack(tmp_path):
    nb = run_section("07_portfolio", report_folder=str(tmp_path))
    text = output(nb, "byo-07-02")
    assert "alderbrook_workbook.xlsx: 13 candidates asking for 12,600 k$" in text
    assert "Same selection as section 5 (from projects.csv): True" in text
    funded = re.search(r"funded \(([^)]*)\)", text).group(1).split(", ")

    pack = tmp_path / "portfolio_fy2027_plan.xlsx"
    assert f"Written: {pack}" in output(nb, "byo-07-04")
    book = openpyxl.load_workbook(pack)
    assert book.sheetnames == ["Decision", "Frontier"] and len(book["Frontier"]._images) == 1
    decision = pd.read_excel(pack, sheet_name="Decision")
    assert len(decision) == 13 and sorted(decision.loc[decision["selected"], "id"]) == sorted(funded)
    assert decision["selected"].tolist() == sorted(decision["selected"], reverse=True)   # funded first
    header = [c.value for c in book["Decision"][1]]
    formats = {name: book["Decision"][f"{_column(header, name)}2"].number_format for name in ("cost", "npv", "p_success")}
    assert formats == {"cost": NUMBER_FORMATS["money"], "npv": NUMBER_FORMATS["money"],
                       "p_success": "0.0%"}
    frontier = pd.read_excel(pack, sheet_name="Frontier")
    assert frontier["budget"].is_monotonic_increasing and frontier["total_value"].dropna().is_monotonic_increasing
    assert frontier["selected"].dropna().str.fullmatch(r"P\d\d(, P\d\d)*").all()   # lists of ids as text


def test_07_an_analysts_workbook_and_a_broken_one(tmp_path):
    projects = pm.datasets.load("projects")
    projects.loc[projects["id"] == "P07", "cost"] = 700.0          # the personalisation engine re-quoted (was 900)
    own = tmp_path / "candidates.xlsx"
    pm.io.write_excel({"projects": projects}, own)
    nb = run_section("07_portfolio", workbook_path=str(own), report_folder=str(tmp_path))
    text = output(nb, "byo-07-02")
    assert "candidates.xlsx: 13 candidates asking for 12,400 k$" in text
    # the decision follows the workbook: P07 (55.9 points) now fits in place of P15 (47.8 points, also 700 k$)
    assert "Same selection as section 5 (from projects.csv): False" in text
    decision = pd.read_excel(tmp_path / "portfolio_fy2027_plan.xlsx", sheet_name="Decision").set_index("id")
    assert decision.loc["P07", "cost"] == 700.0 and decision.loc["P07", "selected"]
    assert not decision.loc["P15", "selected"]

    projects.loc[projects["id"] == "P11", "fit_cost_efficiency"] = 7   # off the 0-5 scale
    broken = tmp_path / "broken.xlsx"
    pm.io.write_excel({"projects": projects}, broken)
    # P11 is the 11th project: sheet row 12; fit_cost_efficiency is the 17th column, Q
    with pytest.raises(CellExecutionError, match=r"broken\.xlsx, sheet 'projects', row 12, column "
                                                 r"'fit_cost_efficiency' \(Q\): '7' is outside the documented range"):
        run_section("07_portfolio", workbook_path=str(broken))
