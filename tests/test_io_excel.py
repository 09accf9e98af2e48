"""pm.io.read_excel / write_excel: an analyst's workbook in, an Excel report out.

The escaping follows the OWASP "CSV Injection" guidance (text starting with = + - @ tab or
carriage return must not run as a formula) and ECMA-376 Part 1 (Office Open XML): a cell of
type inlineStr / s is text, a <f> element is a formula, ``_xHHHH_`` escapes a character XML
cannot keep (a carriage return) and ``_x005F_`` an underscore.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import zipfile

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib.errors import InputError, UnknownIdError

openpyxl = pytest.importorskip("openpyxl")

INJECTIONS = ["=1+1", "=HYPERLINK(\"http://x\",\"click\")", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def sheet_xml(path_or_buffer, n=1) -> str:
    with zipfile.ZipFile(path_or_buffer) as z:
        return z.read(f"xl/worksheets/sheet{n}.xml").decode()


def workbook(rows, title="Sheet") -> io.BytesIO:
    """A workbook written cell by cell with openpyxl (formulas stay formulas, as a user types them)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


RESOURCE_HEADER = ["id", "name", "skill", "team", "capacity", "day_rate"]


def test_import_pmlib_does_not_load_openpyxl():
    code = "import sys, pmlib; pmlib.io.read_excel; assert 'openpyxl' not in sys.modules  # loaded on first use"
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------------------- round trips
@pytest.mark.parametrize("name", pm.datasets.names())
def test_every_bundled_table_round_trips(name):
    df = pm.datasets.load(name)
    buffer = io.BytesIO()
    pm.io.write_excel({name: df}, buffer)
    back = pm.io.read_excel(buffer, like=name)
    pd.testing.assert_frame_equal(back, df)


text_cells = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x0b\x0c"
                                   + "".join(map(chr, range(0x0e, 0x20))) + "".join(map(chr, range(1, 9)))),
                     max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(text_cells | st.sampled_from(INJECTIONS + ["_x0041_", "a\r\nb", "_x000D_", "#N/A", "#CALC!"]),
                               st.floats(allow_nan=False, allow_infinity=False, width=64),
                               st.floats(allow_nan=False, allow_infinity=False) | st.none()),
                     min_size=1, max_size=8, unique_by=lambda r: r[0]))
def test_round_trip_keeps_text_and_numbers_exactly(rows):
    """Any text (formulas, carriage returns, literal _xHHHH_) and any finite float come back unchanged."""
    ids = [f"R{i:02d}" for i in range(len(rows))]
    df = pd.DataFrame({"id": ids, "name": [r[0] for r in rows], "skill": "pm", "team": [r[0] for r in rows],
                       "capacity": [r[1] for r in rows], "day_rate": [r[2] for r in rows]})
    df["day_rate"] = df["day_rate"].astype(float)
    df = df[df["name"].str.strip() != ""].reset_index(drop=True)  # an all-blank name reads back as empty
    if df.empty:
        return
    buffer = io.BytesIO()
    pm.io.write_excel({"people": df}, buffer)
    back = pm.io.read_excel(buffer, like="resources")
    assert back["name"].tolist() == df["name"].tolist()
    assert back["capacity"].tolist() == df["capacity"].tolist()
    np.testing.assert_array_equal(back["day_rate"].to_numpy(), df["day_rate"].to_numpy())


def test_read_excel_matches_read_csv_for_the_same_table(tmp_path):
    df = pm.datasets.load("status_periods")
    path = tmp_path / "status.xlsx"
    pm.io.write_excel({"status_periods": df}, path)
    csv_path = tmp_path / "status.csv"
    df.to_csv(csv_path, index=False)
    pd.testing.assert_frame_equal(pm.io.read_excel(path, like="status_periods"),
                                  pm.datasets.read_csv(csv_path, like="status_periods"))
    assert pm.datasets.load("status_periods", path).equals(df)  # the parameters-cell idiom takes a workbook


# --------------------------------------------------------------------------------------- formula escaping
def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path):
    df = pd.DataFrame({"id": [f"R{i}" for i in range(len(INJECTIONS))], "note": INJECTIONS})
    path = tmp_path / "report.xlsx"
    pm.io.write_excel({"notes": df, "=sheet header": pd.DataFrame({"=x": [1]})}, path)
    for n in (1, 2):
        xml = sheet_xml(path, n)
        assert "<f>" not in xml and "<f " not in xml, "a formula element was written"
    book = openpyxl.load_workbook(path)
    cells = [c for c in book["notes"]["B"][1:]]
    assert [c.data_type for c in cells] == ["s"] * len(INJECTIONS)
    assert all(c.quotePrefix for c in cells), "Excel's quote prefix keeps them text when edited"
    assert book["=sheet header"]["A1"].data_type == "s"
    shown = pd.read_excel(path, sheet_name="notes", dtype=str)  # another reader sees the same text
    assert shown["note"].tolist()[:5] == INJECTIONS[:5]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_real_spreadsheet_does_not_run_the_escaped_text(tmp_path):
    """LibreOffice opens the report, recalculates, and exports what it shows: the text, not 2."""
    df = pd.DataFrame({"id": ["R1", "R2", "R3"], "note": ["=1+1", "+1+1", "@SUM(1,1)"], "n": [1.5, 2.0, 3.0]})
    path = tmp_path / "report.xlsx"
    pm.io.write_excel({"notes": df}, path)
    out = subprocess.run(["soffice", "--headless", "--calc", "--convert-to", "csv", "--outdir", str(tmp_path),
                          str(path)], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    shown = pd.read_csv(tmp_path / "report.csv", dtype=str)
    assert shown["note"].tolist() == ["=1+1", "+1+1", "@SUM(1,1)"]


# --------------------------------------------------------------------------------------- never overwrite
def test_never_overwrites_unless_asked(tmp_path):
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"the analyst's own work")
    with pytest.raises(InputError, match="already exists.*overwrite=True"):
        pm.io.write_excel({"risks": pm.datasets.load("risks")}, path)
    assert path.read_bytes() == b"the analyst's own work"
    assert pm.io.write_excel({"risks": pm.datasets.load("risks")}, path, overwrite=True) == path
    assert pm.io.read_excel(path, like="risks").equals(pm.datasets.load("risks"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.xlsx"], "no temporary file left behind"


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    path = tmp_path / "report.xlsx"
    with pytest.raises(InputError, match=r"sheet 'x', column 'v', table row 1 is inf"):
        pm.io.write_excel({"x": pd.DataFrame({"v": [1.0, np.inf]})}, path)
    assert list(tmp_path.iterdir()) == []
    old = tmp_path / "old.xlsx"
    pm.io.write_excel({"x": pd.DataFrame({"v": [1.0]})}, old)
    before = old.read_bytes()
    with pytest.raises(InputError):
        pm.io.write_excel({"x": pd.DataFrame({"v": [1 + 2j]})}, old, overwrite=True)
    assert old.read_bytes() == before


def test_path_checks(tmp_path):
    table = {"t": pd.DataFrame({"a": [1]})}
    with pytest.raises(InputError, match=r"\.xlsx"):
        pm.io.write_excel(table, tmp_path / "report.xls")
    with pytest.raises(InputError, match="does not exist"):
        pm.io.write_excel(table, tmp_path / "no" / "report.xlsx")
    with pytest.raises(InputError, match="mapping"):
        pm.io.write_excel(pd.DataFrame({"a": [1]}), tmp_path / "r.xlsx")
    with pytest.raises(InputError, match="at least one"):
        pm.io.write_excel({}, tmp_path / "r.xlsx")


@pytest.mark.parametrize(("name", "words"), [
    ("a" * 32, "1 to 31"), ("", "1 to 31"), ("Q1/Q2", "forbids"), ("[x]", "forbids"), ("'quoted'", "apostrophe"),
    ("History", "reserved"), (3, "not text"),
])
def test_sheet_names_must_be_valid_for_excel(name, words):
    with pytest.raises(InputError, match=words):
        pm.io.write_excel({name: pd.DataFrame({"a": [1]})}, io.BytesIO())


def test_sheet_names_unique_ignoring_case():
    with pytest.raises(InputError, match="only in case"):
        pm.io.write_excel({"Risks": pd.DataFrame({"a": [1]}), "risks": pd.DataFrame({"a": [2]})}, io.BytesIO())


def test_what_excel_cannot_hold_is_an_error_not_a_silent_change():
    ts = pd.DataFrame({"when": pd.to_datetime(["2026-01-01"]).tz_localize("UTC")})
    with pytest.raises(InputError, match="time zone"):
        pm.io.write_excel({"t": ts}, io.BytesIO())
    with pytest.raises(InputError, match="control character"):
        pm.io.write_excel({"t": pd.DataFrame({"a": ["bell\x07"]})}, io.BytesIO())
    with pytest.raises(InputError, match="two columns named 'a'"):
        pm.io.write_excel({"t": pd.DataFrame([[1, 2]], columns=["a", "a"])}, io.BytesIO())
    with pytest.raises(InputError, match="holds a dict"):
        pm.io.write_excel({"t": pd.DataFrame({"a": [{"x": 1}]})}, io.BytesIO())


def test_index_series_lists_and_missing_values():
    fr = pd.DataFrame({"budget": [10.0, 20.0], "selected": [["P01"], ["P01", "P02"]],
                       "when": pd.to_datetime(["2026-01-31", None])}).set_index("budget")
    metrics = pm.evm.metrics(pv=100, ev=90, ac=120, bac=400)
    buffer = io.BytesIO()
    pm.io.write_excel({"frontier": fr, "metrics": metrics}, buffer)
    back = pd.read_excel(buffer, sheet_name=None)
    assert list(back["frontier"].columns) == ["budget", "selected", "when"]
    assert back["frontier"]["selected"].tolist() == ["P01", "P01, P02"]
    assert back["frontier"]["when"].isna().tolist() == [False, True]
    assert list(back["metrics"].columns) == ["index", "value"]
    assert back["metrics"].set_index("index")["value"]["cpi"] == pytest.approx(0.75)


# --------------------------------------------------------------------------------------- formats, figures
def test_money_and_percent_formats_come_from_the_dictionary(tmp_path):
    path = tmp_path / "r.xlsx"
    projects = pm.datasets.load("projects")
    pm.io.write_excel({"projects": projects, "mine": pd.DataFrame({"cost": [1.5], "eac": [2.0], "x": [3.0]})},
                      path, formats={"eac": "money", "x": "0.000"})
    ws = openpyxl.load_workbook(path)["projects"]
    fmt = {ws.cell(1, j).value: ws.cell(2, j).number_format for j in range(1, ws.max_column + 1)}
    assert fmt["cost"] == fmt["npv"] == '#,##0.0 "k$"'
    assert fmt["p_success"] == "0.0%" and fmt["start"] == "yyyy-mm-dd"
    assert fmt["risk_score"] == "General" and fmt["name"] == "General"
    mine = openpyxl.load_workbook(path)["mine"]
    assert [mine.cell(2, j).number_format for j in (1, 2, 3)] == ['#,##0.0 "k$"', '#,##0.0 "k$"', "0.000"]
    assert openpyxl.load_workbook(path)["projects"]["A1"].font.bold
    assert openpyxl.load_workbook(path)["projects"].freeze_panes == "A2"


def test_like_takes_one_tables_units():
    buffer = io.BytesIO()
    pm.io.write_excel({"People": pm.datasets.load("resources")}, buffer, like={"People": "resources"})
    ws = openpyxl.load_workbook(buffer)["People"]
    assert ws["F2"].number_format == '"$"#,##0'
    with pytest.raises(InputError, match="sheet"):
        pm.io.write_excel({"People": pm.datasets.load("resources")}, io.BytesIO(), like={"Other": "resources"})
    with pytest.raises(InputError, match="like\\['People'\\]"):
        pm.io.write_excel({"People": pm.datasets.load("resources")}, io.BytesIO(), like={"People": "nope"})


def test_figures_are_embedded_as_images(tmp_path):
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([1, 2, 3], [3, 1, 2])
    ax.set_title("A test figure")
    fig2, ax2 = plt.subplots(figsize=(4, 2))
    ax2.bar(["a", "b"], [1, 2])
    path = tmp_path / "report.xlsx"
    pm.io.write_excel({"risks": pm.datasets.load("risks")}, path, figures={"risks": fig, "Charts": [ax, ax2]})
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["risks", "Charts"]
    assert len(book["risks"]._images) == 1 and len(book["Charts"]._images) == 2
    anchors = [img.anchor._from for img in book["Charts"]._images]
    assert anchors[0].row < anchors[1].row, "figures stack downwards"
    assert book["risks"]._images[0].anchor._from.col == pm.datasets.load("risks").shape[1] + 1
    with zipfile.ZipFile(path) as z:
        assert sum(n.startswith("xl/media/") and n.endswith(".png") for n in z.namelist()) == 3
    with pytest.raises(InputError, match="matplotlib Figure or Axes"):
        pm.io.write_excel({}, io.BytesIO(), figures={"c": "not a figure"})


# --------------------------------------------------------------------------------------- reading errors
def test_errors_name_workbook_sheet_row_and_column_letter(tmp_path):
    path = tmp_path / "people.xlsx"
    rows = [["Alderbrook people"], [], RESOURCE_HEADER, ["R01", "Ann", "pm", "t", 1, 800],
            ["R02", "Bo", "pm", "t", "full time", 800]]
    path.write_bytes(workbook(rows, title="People").getvalue())
    with pytest.raises(InputError, match=r"^people.xlsx, sheet 'People', row 5, column 'capacity' \(E\): "
                                         r"'full time' is not a number"):
        pm.io.read_excel(path, like="resources")


def test_header_is_the_row_naming_the_columns():
    rows = [[], ["Our people, October"], RESOURCE_HEADER, ["R01", "Ann", "pm", "t", 1, 800]]
    df = pm.io.read_excel(workbook(rows), like="resources")
    assert df.loc[0, "id"] == "R01" and df["capacity"].dtype == float
    with pytest.raises(InputError, match=r"missing column\(s\) day_rate; columns found: id, name"):
        pm.io.read_excel(workbook([["Title"], RESOURCE_HEADER[:5], ["R01", "A", "pm", "t", 1]]), like="resources")


def test_row_numbers_and_letters_hold_with_gaps_and_an_offset_table():
    book = openpyxl.Workbook()
    ws = book.active
    for j, name in enumerate(RESOURCE_HEADER):
        ws.cell(3, j + 2, name)  # the table starts at B3
    for j, value in enumerate(["R01", "Ann", "pm", "t", 1, 800]):
        ws.cell(4, j + 2, value)
    for j, value in enumerate(["R02", "Bo", "pm", "t", "x", 800]):
        ws.cell(7, j + 2, value)  # rows 5 and 6 are empty
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(InputError, match=r"row 7, column 'capacity' \(F\): 'x' is not a number"):
        pm.io.read_excel(buffer, like="resources")


def test_excel_error_values_and_unsaved_formulas_are_errors():
    rows = [RESOURCE_HEADER, ["R01", "Ann", "pm", "t", "#DIV/0!", 800]]
    with pytest.raises(InputError, match=r"row 2, column 'capacity' \(E\): '#DIV/0!' is an Excel error value"):
        pm.io.read_excel(workbook(rows), like="resources")
    rows = [RESOURCE_HEADER, ["R01", "Ann", "pm", "t", 1, "=E2*800"]]
    with pytest.raises(InputError, match=r"row 2, column 'day_rate' \(F\).*formula whose result was never saved"):
        pm.io.read_excel(workbook(rows), like="resources")


def with_saved_result(buffer, formula: str, result: str, error=False) -> io.BytesIO:
    """The workbook as a spreadsheet saves it: the formula's result stored beside it (<v>)."""
    with zipfile.ZipFile(buffer) as z:
        data = {item.filename: z.read(item.filename) for item in z.infolist()}
    xml = data["xl/worksheets/sheet1.xml"].decode()
    cell = re.escape(formula)
    kind = ' t="e"' if error else ""
    xml, n = re.subn(rf"<c ([^>]*)>(<f>{cell}</f>)(<v\s*/>|<v></v>)?</c>",
                     lambda m: f"<c {m.group(1)}{kind}>{m.group(2)}<v>{result}</v></c>", xml)
    assert n == 1, xml
    data["xl/worksheets/sheet1.xml"] = xml.encode()
    saved = io.BytesIO()
    with zipfile.ZipFile(saved, "w") as z:
        for name, content in data.items():
            z.writestr(name, content)
    saved.seek(0)
    return saved


def test_formulas_with_saved_results_are_read_as_their_results():
    book = workbook([RESOURCE_HEADER, ["R01", "Ann", "pm", "t", 0.5, "=E2*1600"]])
    df = pm.io.read_excel(with_saved_result(book, "E2*1600", "800"), like="resources")
    assert df.loc[0, "day_rate"] == 800.0
    book = workbook([RESOURCE_HEADER, ["R01", "Ann", "pm", "t", 0.5, "=E2/0"]])
    with pytest.raises(InputError, match=r"column 'day_rate' \(F\): '#DIV/0!' is an Excel error value"):
        pm.io.read_excel(with_saved_result(book, "E2/0", "#DIV/0!", error=True), like="resources")


def test_text_that_reads_like_an_error_value_stays_text():
    people = pd.DataFrame([["R01", "#N/A", "pm", "#DIV/0!", 1.0, 800.0]], columns=RESOURCE_HEADER)
    buffer = io.BytesIO()
    pm.io.write_excel({"people": people}, buffer)
    assert 't="e"' not in sheet_xml(buffer)
    assert pm.io.read_excel(buffer, like="resources").equals(people)


def test_a_date_in_a_text_column_is_flagged():
    rows = [RESOURCE_HEADER, ["R01", dt.datetime(2026, 3, 4), "pm", "t", 1, 800]]
    with pytest.raises(InputError, match=r"column 'name' \(B\).*turned what you typed into a date"):
        pm.io.read_excel(workbook(rows), like="resources")


def test_cells_excel_types_are_checked_like_csv_text():
    with pytest.raises(InputError, match=r"'TRUE' is a yes/no value"):
        pm.io.read_excel(workbook([RESOURCE_HEADER, ["R01", "A", "pm", "t", True, 800]]), like="resources")
    with pytest.raises(InputError, match=r"column 'year'.*too large a whole number"):
        pm.io.read_excel(workbook([["project_id", "year", "cost", "benefit"], ["P01", 1e20, 1, 0]]), like="cashflows")
    with pytest.raises(InputError, match=r"column 'year'.*not a whole number"):
        pm.io.read_excel(workbook([["project_id", "year", "cost", "benefit"], ["P01", 1.5, 1, 0]]), like="cashflows")
    ids = pm.io.read_excel(workbook([RESOURCE_HEADER, [101, "A", "pm", "t", 1, 800]]), like="resources")
    assert ids.loc[0, "id"] == "101", "a number typed in an id column is read as the id's text"


def test_duplicate_columns_keys_and_links_as_in_read_csv():
    with pytest.raises(InputError, match=r"row 1 \(the header\): columns 5 and 6 are both named 'capacity'"):
        pm.io.read_excel(workbook([RESOURCE_HEADER[:5] + ["capacity", "day_rate"]]), like="resources")
    sched = [["id", "name", "duration", "predecessors"], ["A", "x", 1, None], ["A", "y", 2, None]]
    with pytest.raises(InputError, match=r"row 3, column 'id' \(A\) repeats the id 'A' of row 2"):
        pm.io.read_excel(workbook(sched), like="schedule")
    sched[2] = ["B", "y", 2, "Z"]
    with pytest.raises(UnknownIdError, match=r"row 3, column 'predecessors' \(D\)"):
        pm.io.read_excel(workbook(sched), like="schedule")
    status = [["project_id", "period", "date", "pv", "ev", "ac"], ["P99", 1, dt.datetime(2026, 1, 31), 1, 1, 1]]
    with pytest.raises(UnknownIdError, match=r"row 2, column 'project_id' \(A\): 'P99'"):
        pm.io.read_excel(workbook(status), like="status_periods", known={"projects": pm.datasets.load("projects")})


def test_choosing_the_sheet(tmp_path):
    path = tmp_path / "book.xlsx"
    pm.io.write_excel({"Notes": pd.DataFrame({"a": [1]}), "resources": pm.datasets.load("resources")}, path)
    assert len(pm.io.read_excel(path, like="resources")) == 22  # the sheet named like the table
    with pytest.raises(InputError, match=r"2 sheets \('Notes', 'resources'\) and none is named 'risks'.*sheet="):
        pm.io.read_excel(path, like="risks")
    with pytest.raises(InputError, match=r"no sheet 'Risks'; its sheets: 'Notes', 'resources'"):
        pm.io.read_excel(path, like="risks", sheet="Risks")


def test_not_a_workbook(tmp_path):
    for name, content in (("old.xls", b"\xd0\xcf\x11\xe0"), ("data.csv", b"a,b\n")):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(InputError, match="not an .xlsx workbook"):
            pm.io.read_excel(tmp_path / name, like="risks")
    (tmp_path / "fake.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not an .xlsx workbook pmlib can read"):
        pm.io.read_excel(tmp_path / "fake.xlsx", like="risks")
    with pytest.raises(FileNotFoundError):
        pm.io.read_excel(tmp_path / "missing.xlsx", like="risks")


def test_empty_sheet():
    with pytest.raises(InputError, match="sheet 'Sheet' is empty"):
        pm.io.read_excel(workbook([]), like="risks")


# --------------------------------------------------------------------------------------- the lessons' workbook
WORKBOOK = pm.datasets.data_dir() / "alderbrook_workbook.xlsx"
WORKBOOK_TABLES = ("projects", "status_periods")


@pytest.mark.parametrize("table", WORKBOOK_TABLES)
def test_lesson_workbook_matches_its_csv(table):
    """datasets/alderbrook_workbook.xlsx holds the same tables as the CSV files."""
    regenerate = ("regenerate it: pm.io.write_excel({t: pm.datasets.load(t) for t in "
                  f"{WORKBOOK_TABLES}}}, pm.datasets.data_dir() / 'alderbrook_workbook.xlsx', overwrite=True)")
    assert WORKBOOK.is_file(), regenerate
    assert openpyxl.load_workbook(WORKBOOK, read_only=True).sheetnames == list(WORKBOOK_TABLES), regenerate
    back = pm.io.read_excel(WORKBOOK, like=table, sheet=table)
    assert back.equals(pm.datasets.load(table)), f"{table} differs from {table}.csv: {regenerate}"
