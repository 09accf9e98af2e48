"""Checked at the door: one bad cell anywhere in a user's CSV or Excel sheet is an error naming
the file, the line (the sheet row) and the column; never a silent number.

Hypothesis draws the table (a bundled one, with awkward text: separators, quotes, line breaks
inside quoted cells), the row, the column and the bad value for that column's type: infinity,
NaN, huge whole numbers (which pandas alone turns into floats or negative numbers), text or
booleans in number columns, impossible or out-of-range dates, unknown yes/no values, and
repeated or empty ids.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib.errors import PMLibError

BAD = {
    "float": ["inf", "-inf", "Infinity", "1e400", "nan", "NaN", "True", "FALSE", "abc", "12 k$", "1,5", "0x1A"],
    "integer": ["99999999999999999999", "9223372036854775808", "-9223372036854775809", "1e30", "1.5", "True",
                "x", "inf", "nan"],
    "date": ["2400-01-01", "1500-06-30", "2026-02-30", "31/12/2026", "20260101", "yes", "2026-13-01"],
    "boolean": ["maybe", "2", "tru", "0.5"],
}

# Bundled tables covering every type, and the dictionary-only schedule shape (an id key).
TABLES = {
    "cashflows": pm.datasets.load("cashflows").head(12),
    "project_outcomes": pm.datasets.load("project_outcomes"),
    "resources": pm.datasets.load("resources").head(10),
    "schedule": pm.datasets.load("activities")[["id", "name", "duration", "predecessors"]],
}
AWKWARD_TEXT = st.text(alphabet=st.sampled_from(list("ab ,;\"'\n\t=+-é")), min_size=1, max_size=8).filter(
    lambda t: t.strip() != "")


def text_columns(name):
    sch = pm.datasets.schema(name)
    return [c for c, t, k in zip(sch["column"], sch["type"], sch["key"], strict=True)
            if t == "string" and not k and c != "predecessors" and c in TABLES[name].columns]


@st.composite
def bad_table(draw):
    """(table name, DataFrame of text with one bad cell, row, column, bad value)."""
    name = draw(st.sampled_from(sorted(TABLES)))
    df = TABLES[name].astype(object).where(TABLES[name].notna(), None).copy()
    for column in df.columns:  # the file as a user writes it: every cell text
        df[column] = [None if v is None else (v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else
                                              (str(v).lower() if isinstance(v, bool) else str(v)))
                      for v in df[column]]
    for column in text_columns(name):  # quotes, separators and line breaks in text cells
        if draw(st.booleans()):
            df[column] = [draw(AWKWARD_TEXT) for _ in range(len(df))]
    sch = pm.datasets.schema(name).set_index("column")
    typed = [c for c in df.columns if sch.loc[c, "type"] in BAD]
    keys = [c for c in df.columns if sch.loc[c, "key"]]
    choice = draw(st.sampled_from(typed + [f"key:{k}" for k in keys]))
    row = draw(st.integers(0, len(df) - 1))
    if choice.startswith("key:"):
        column = choice[4:]
        other = draw(st.integers(0, len(df) - 1).filter(lambda r: r != row))
        value = draw(st.sampled_from([df.loc[other, column], None]))
    else:
        column = choice
        value = draw(st.sampled_from(BAD[sch.loc[column, "type"]]))
    df.loc[row, column] = value
    return name, df, row, column, value


def expected_line(df: pd.DataFrame, row: int, sep: str) -> int:
    """Physical line of ``row`` in the CSV pandas writes (quoted cells may hold line breaks)."""
    before = df.iloc[:row].to_csv(index=False, sep=sep, lineterminator="\n")
    return before.count("\n") + 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=bad_table(), sep=st.sampled_from([",", ";", "\t"]))
def test_one_bad_cell_in_a_csv_names_file_line_and_column(case, sep):
    name, df, row, column, value = case
    text = df.to_csv(index=False, sep=sep, lineterminator="\n")
    handle = io.StringIO(text)
    handle.name = "my_file.csv"
    with pytest.raises(ValueError) as info:
        pm.datasets.read_csv(handle, like=name, decimal=".")
    error = info.value
    assert isinstance(error, PMLibError), f"{type(error).__name__}: {error}"
    message = str(error)
    line = expected_line(df, row, sep)
    if value is not None and column in pm.datasets.schema(name).query("key")["column"].tolist():
        # a repeated id: the message names the later of the two rows, and the earlier one
        assert "repeats" in message and f"column {column!r}" in message, message
        return
    assert message.startswith(f"my_file.csv, line {line}, column {column!r}"), (message, line, value)
    if value is not None:
        assert repr(value) in message, message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=bad_table())
def test_one_bad_cell_in_a_sheet_names_workbook_row_and_column(case):
    openpyxl = pytest.importorskip("openpyxl")
    name, df, row, column, value = case
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Mine"
    ws.append(list(df.columns))
    for record in df.itertuples(index=False):
        ws.append(list(record))
    for cells in ws.iter_rows():  # typed text, as a user pastes it: keep every cell a string
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ValueError) as info:
        pm.io.read_excel(buffer, like=name)
    error = info.value
    assert isinstance(error, PMLibError), f"{type(error).__name__}: {error}"
    letter = openpyxl.utils.get_column_letter(list(df.columns).index(column) + 1)
    message = str(error)
    if value is not None and column in pm.datasets.schema(name).query("key")["column"].tolist():
        assert "repeats" in message and f"column {column!r} ({letter})" in message, message
        return
    assert message.startswith(f"the file, sheet 'Mine', row {row + 2}, column {column!r} ({letter})"), message


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(sorted(TABLES)), sep=st.sampled_from([",", ";", "\t", "|"]),
       bom=st.booleans(), crlf=st.booleans())
def test_good_files_in_any_dialect_read_the_same(name, sep, bom, crlf):
    """Separator, byte-order mark and line endings change nothing: the same table comes back."""
    df = TABLES[name].reset_index(drop=True)
    expected = pm.datasets.read_csv(io.StringIO(df.to_csv(index=False)), like=name)
    text = df.to_csv(index=False, sep=sep, lineterminator="\r\n" if crlf else "\n")
    raw = (("\ufeff" if bom else "") + text).encode("utf-8")
    pd.testing.assert_frame_equal(pm.datasets.read_csv(io.BytesIO(raw), like=name), expected)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 2**63 - 1) | st.integers(-(2**63), 0))
def test_every_int64_reads_exactly_and_nothing_wraps(n):
    text = f"project_id,year,cost,benefit\nP01,{n},1,0\n"
    if n < 0:  # read exactly, then refused by the dictionary's range (cashflows.year >= 0), never wrapped
        with pytest.raises(PMLibError, match=rf"'{n}' is outside the documented range >= 0"):
            pm.datasets.read_csv(io.StringIO(text), like="cashflows")
        return
    df = pm.datasets.read_csv(io.StringIO(text), like="cashflows")
    assert int(df.loc[0, "year"]) == n


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2**63, 10**30) | st.integers(-(10**30), -(2**63) - 1))
def test_whole_numbers_beyond_int64_are_errors(n):
    with pytest.raises(PMLibError, match=r"line 2, column 'year'.*too large"):
        pm.datasets.read_csv(io.StringIO(f"project_id,year,cost,benefit\nP01,{n},1,0\n"), like="cashflows")


@settings(max_examples=40, deadline=None)
@given(x=st.floats(min_value=0.0, allow_nan=False, allow_infinity=False))  # cashflows.cost >= 0 (its range)
def test_every_finite_float_reads_exactly(x):
    df = pm.datasets.read_csv(io.StringIO(f"project_id,year,cost,benefit\nP01,0,{x!r},0\n"), like="cashflows")
    assert df.loc[0, "cost"] == x
