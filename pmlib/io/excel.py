"""Excel workbooks in and out: an analyst's sheet checked like a CSV, results written as a report.

:func:`read_excel` reads one sheet of an ``.xlsx`` workbook and checks it against the data
dictionary exactly as :func:`pmlib.datasets.read_csv` checks a CSV file (types, ranges, keys,
links), the error naming the workbook, the sheet row and the column (with its letter).
:func:`write_excel` writes ``{sheet name: table}`` to a new workbook: text a spreadsheet would
run as a formula stays text, money and percentages are formatted from the dictionary's units,
figures go in as images, and an existing file is never replaced unless ``overwrite=True``.
openpyxl is imported on first use, so ``import pmlib`` does not load it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import numbers
import os
import re
import uuid
import zipfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .. import datasets
from ..errors import InputError, UnknownDatasetError

__all__ = ["read_excel", "write_excel"]

#: First characters that make a spreadsheet read text as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Excel number formats by meaning; ``formats=`` takes these names or any Excel format code.
NUMBER_FORMATS = {"money": '#,##0.0 "k$"', "usd": '"$"#,##0', "percent": "0.0%", "date": "yyyy-mm-dd",
                  "number": "#,##0.00", "integer": "0"}
#: pmlib's result vocabulary (PMI's earned value figures, costs, NPV, probabilities) and its format.
VOCABULARY_FORMATS = {
    **dict.fromkeys(["cost", "npv", "pv", "ev", "ac", "bac", "cv", "sv", "eac", "etc", "vac", "eac_atypical",
                     "eac_cpi_spi", "eac_bottom_up", "emv"], "money"),
    **dict.fromkeys(["probability", "percent_complete", "percent_spent", "cv_percent", "sv_percent"], "percent"),
    **dict.fromkeys(["cpi", "spi", "tcpi", "tcpi_eac", "spi_t", "tspi"], "0.00"),
}
_MAX_ROWS, _MAX_COLUMNS, _MAX_TEXT = 1_048_576, 16_384, 32_767
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# OOXML stores a carriage return as _x000D_ (XML would turn it into a line feed) and a literal
# "_xHHHH_" with its underscore escaped as _x005F_: Excel reads both back; so does read_excel.
_OOXML_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------
def read_excel(path, like: str, *, sheet: str | None = None, known: Mapping | None = None) -> pd.DataFrame:
    """Read one sheet of an ``.xlsx`` workbook and check it against the dictionary of ``like``.

    The same checks as :func:`pmlib.datasets.read_csv` (see its "What is checked"), with the
    sheet's row number as the line and the column's letter beside its name; and, for what a
    spreadsheet adds: an Excel error value (``#DIV/0!``, ``#N/A`` ...) in a documented column,
    a formula whose result was never saved (a file written by a program, not yet opened and
    saved in a spreadsheet), and a date in a text column (a spreadsheet turns ``3-4`` into
    a date) are errors. The header is the first row that names every required column (a
    title may sit above it), or else the first non-empty row; rows whose cells are all empty
    are skipped.

    Parameters
    ----------
    path : str, Path or binary file-like
        The workbook (``.xlsx`` or ``.xlsm``; the old binary ``.xls`` must be saved as ``.xlsx``).
    like : str
        The table of the data dictionary the sheet is shaped like, e.g. ``"projects"``.
    sheet : str, optional
        The sheet to read. None: the only sheet, or else the sheet named ``like``.
    known : mapping, optional
        Tables the sheet's ids may refer to, as in :func:`pmlib.datasets.read_csv`.

    Returns
    -------
    DataFrame
        As :func:`pmlib.datasets.read_csv` returns for the same table written as CSV.

    >>> import io, pmlib as pm
    >>> buffer = io.BytesIO()
    >>> pm.io.write_excel({"resources": pm.datasets.load("resources")}, buffer)
    >>> pm.io.read_excel(buffer, like="resources").equals(pm.datasets.load("resources"))
    True
    """
    datasets._dictionary(like)
    file = datasets._file_name(path)
    if isinstance(path, str | os.PathLike) and Path(path).suffix.lower() in (".xls", ".csv", ".txt"):
        raise InputError(
            f"{file} is not an .xlsx workbook: "
            + ("save it as .xlsx (Excel Workbook) first." if Path(path).suffix.lower() == ".xls"
               else f"read it with pm.datasets.read_csv(path, like={like!r}).")
        )
    values, kinds, header_row, title = _read_sheet(path, file, sheet, like)
    where = f"{file}, sheet {title!r}"
    if header_row is None:
        raise InputError(f"{where} is empty: it needs a header row naming the columns and one row per record.")
    from openpyxl.utils import get_column_letter

    source = datasets._Source(where, lambda row: row, word="row", header=header_row)
    header = datasets._header_names(values[0], source)
    source.letters = {name: get_column_letter(i + 1) for i, name in enumerate(header)}
    index = pd.RangeIndex(header_row + 1, header_row + len(values))  # sheet row numbers
    raw = pd.DataFrame(values[1:], columns=header, index=index, dtype=object)
    raw = datasets._drop_nameless(raw.astype("str").where(raw.notna()), source)
    _check_cells(pd.DataFrame(kinds[1:], columns=header, index=index, dtype=object), raw, like, source)
    return datasets._typed_table(raw, like, source, known=known)


def _read_sheet(path, file: str, sheet, like: str):
    """Cell texts and kinds of the chosen sheet, from its first non-empty row; formulas resolved."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    def open_book(data_only):
        if hasattr(path, "seek"):
            path.seek(0)
        try:
            return load_workbook(path, read_only=True, data_only=data_only)
        except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            if isinstance(exc, FileNotFoundError):
                raise
            raise InputError(f"{file} is not an .xlsx workbook pmlib can read ({exc}). "
                             "Save it from your spreadsheet as 'Excel Workbook (.xlsx)'.") from None

    book = open_book(False)
    try:
        title = _choose_sheet(book.sheetnames, sheet, like, file)
        grid = [[(c.value, c.data_type) for c in row] for row in book[title].iter_rows()]
    finally:
        book.close()
    if any(kind == "f" for row in grid for _, kind in row):  # formulas: take the results saved with them
        book = open_book(True)
        try:
            saved = [[(c.value, c.data_type) for c in row] for row in book[title].iter_rows()]
        finally:
            book.close()
        grid = [[_saved_result(saved, r, c) if kind == "f" else (value, kind)
                 for c, (value, kind) in enumerate(row)] for r, row in enumerate(grid)]
    first = _header_row(grid, like)
    if first is None:
        return [], [], None, title
    grid = grid[first:]
    width = max(len(row) for row in grid)
    texts = [[_text(v) for v, _ in row] + [None] * (width - len(row)) for row in grid]
    kinds = [[_kind(v, k) for v, k in row] + [None] * (width - len(row)) for row in grid]
    return texts, kinds, first + 1, title


def _saved_result(saved, r: int, c: int):
    """A formula cell's saved result and its type ('formula' when none was saved)."""
    value, kind = saved[r][c] if r < len(saved) and c < len(saved[r]) else (None, "n")
    return (value, "formula") if value is None else (value, kind)


def _header_row(grid, like: str) -> int | None:
    """The first row naming every required column (a title may sit above the table); else the row
    naming the most documented columns, or the first non-empty row (then the missing columns are
    reported)."""
    columns = datasets._dictionary(like)
    required = {c.name for c in columns if not c.optional}
    documented = {c.name for c in columns}
    filled = [r for r, row in enumerate(grid) if any(v is not None for v, _ in row)]
    named = {r: {str(v).strip() for v, _ in grid[r] if v is not None} for r in filled[:50]}
    for r, names_ in named.items():
        if required <= names_:
            return r
    # none complete: the row naming the most documented columns (so the error lists what is missing)
    best = max(named, key=lambda r: len(documented & named[r]), default=None)
    return best if best is not None and documented & named[best] else (filled[0] if filled else None)


def _choose_sheet(names: list[str], sheet, like: str, file: str) -> str:
    if sheet is not None:
        if sheet not in names:
            raise InputError(f"{file} has no sheet {sheet!r}; its sheets: {', '.join(map(repr, names))}.")
        return sheet
    if len(names) == 1:
        return names[0]
    if like in names:
        return like
    raise InputError(
        f"{file} has {len(names)} sheets ({', '.join(map(repr, names))}) and none is named {like!r}: "
        "pass sheet= to say which one to read."
    )


def _text(value):
    """A cell's value as the text a CSV would hold (None for an empty cell)."""
    if value is None:
        return value
    if isinstance(value, str):
        return _OOXML_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value) if "_x" in value else value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _kind(value, data_type) -> str | None:
    """What needs a closer look: 'error', 'date', 'no result' (a formula never calculated)."""
    if data_type == "e":  # text that merely reads '#N/A' is text
        return "error"
    if data_type == "formula" and value is None:
        return "no result"
    if isinstance(value, dt.date | dt.datetime):
        return "date"
    return None


def _check_cells(kinds: pd.DataFrame, raw: pd.DataFrame, like: str, source) -> None:
    """Errors a spreadsheet adds: error values, formulas without a saved result, text turned into dates."""
    columns = {c.name: c for c in datasets._dictionary(like)}
    for name in kinds.columns:
        kind = kinds[name]
        col = columns.get(name)
        checks = [("no result", "holds a formula whose result was never saved: open the workbook in a "
                   "spreadsheet and save it, or paste the values.")]
        if col is not None:
            checks.append(("error", "is an Excel error value: fix the formula or the data it uses."))
            if col.type == "string":
                checks.append(("date", "is a date, but the column holds text: the spreadsheet probably "
                               "turned what you typed into a date; format the column as Text and retype it."))
        for what, message in checks:
            bad = (kind == what).to_numpy()
            if bad.any():
                row = kind.index[int(np.flatnonzero(bad)[0])]
                value = raw.loc[row, name] if name in raw.columns else None
                shown = "the cell" if value is None or pd.isna(value) else repr(value)
                raise InputError(f"{source.at(row, name)}: {shown} {message}")


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------
def write_excel(tables: Mapping, path, *, overwrite: bool = False, figures: Mapping | None = None,
                formats: Mapping | None = None, like: Mapping | None = None):
    """Write tables (and figures) to a new ``.xlsx`` workbook, one sheet per table: an Excel report.

    Parameters
    ----------
    tables : mapping
        ``{sheet name: DataFrame or Series}``, written in this order. A DataFrame's index is
        written as its first column(s) when it holds data: when it has a name
        (``set_index("id")``) or is not whole numbers; an unnamed integer index only numbers
        the rows and is left out. A Series becomes two columns (its index and its values). A
        list of ids in a cell is written as the text ``"P01, P02"``. NaN and NaT become empty
        cells; infinity, complex numbers, dates with a time zone and other objects are errors
        (Excel cannot hold them).
    path : str, Path or binary file-like
        An ``.xlsx`` file. An existing file is never replaced unless ``overwrite=True``; a
        replaced file is swapped in only once the new one is complete.
    overwrite : bool
        Replace an existing file.
    figures : mapping, optional
        ``{sheet name: Figure, Axes or a list of them}``: each is saved as a PNG image (100 dpi)
        and placed to the right of that sheet's table, or on a sheet of its own when no table
        has that name; several figures stack downwards.
    formats : mapping, optional
        ``{column name: format}`` for any sheet, overriding the dictionary: ``"money"``
        (``1,234.5 k$``), ``"usd"``, ``"percent"`` (0.25 shows as 25.0%), ``"date"``,
        ``"number"``, ``"integer"``, or an Excel format code such as ``"0.000"``.
    like : mapping, optional
        ``{sheet name: dictionary table}``: format that sheet's columns by the units of that
        table of the data dictionary, e.g. ``{"Projects": "projects"}``. Without it, a sheet
        that has every required column of a documented table takes that table's units: ``k$``
        as money, ``USD`` in dollars, ``fraction`` and ``probability`` as percentages. Other
        number columns are formatted only when their name is pmlib's vocabulary
        (:data:`VOCABULARY_FORMATS`: cost, npv, pv, ev, ac, bac, cv, eac ... as money, cpi and
        spi to two decimals, probability and percent_complete as percentages); dates always
        show as ``yyyy-mm-dd``.

    Returns
    -------
    Path or None
        The file written (None for a file-like ``path``).

    Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is stored as
    text with Excel's quote prefix (the leading apostrophe), so no spreadsheet runs it as a
    formula and :func:`read_excel` gives it back unchanged. Sheet names must be valid for
    Excel: 1 to 31 characters, none of ``[ ] : * ? / \\``, not starting or ending with ``'``,
    unique ignoring case.

    >>> import io, pmlib as pm
    >>> write_excel({"risks": pm.datasets.load("risks")}, io.BytesIO())
    """
    tables = _check_tables(tables)
    figures = _check_figures(figures)
    _check_sheet_names(list(tables) + [s for s in figures if s not in tables])
    if not tables and not figures:
        raise InputError("write_excel needs at least one table or figure: tables={'sheet name': DataFrame}.")
    column_formats = _column_formats(tables, formats, like)
    target = _target(path, overwrite)
    from openpyxl import Workbook

    values = {name: [_cells(frame[c], name, c) for c in frame.columns] for name, frame in tables.items()}
    book = Workbook(write_only=True)
    book.properties.creator = "pmlib"
    for name, frame in tables.items():
        sheet = book.create_sheet(name)
        _write_table(sheet, list(frame.columns), values[name], column_formats[name])
        _add_figures(sheet, figures.get(name, []), column=frame.shape[1] + 2)
    for name, figs in figures.items():
        if name not in tables:
            sheet = book.create_sheet(name)
            _print_fit_to_width(sheet)
            _add_figures(sheet, figs, column=1)
    return _save(book, path if target is None else target, overwrite)


def _check_tables(tables) -> dict[str, pd.DataFrame]:
    if isinstance(tables, pd.DataFrame | pd.Series) or not isinstance(tables, Mapping):
        raise InputError(
            f"tables must be a mapping {{sheet name: DataFrame}}, e.g. {{'projects': df}}, got {type(tables).__name__}."
        )
    out = {}
    for name, table in tables.items():
        if isinstance(table, pd.Series):
            table = table.to_frame(name=table.name if table.name is not None else "value")
            table = table.reset_index()
        elif not isinstance(table, pd.DataFrame):
            raise InputError(f"tables[{name!r}] must be a DataFrame or a Series, got {type(table).__name__}.")
        elif _index_is_data(table.index):
            table = table.reset_index()
        else:
            table = table.reset_index(drop=True)
        if isinstance(table.columns, pd.MultiIndex):
            table = table.set_axis([" / ".join(str(p) for p in c if str(p)) for c in table.columns], axis=1)
        headers = [str(c) for c in table.columns]
        dup = sorted({h for h in headers if headers.count(h) > 1})
        if dup:
            raise InputError(f"tables[{name!r}] has two columns named {dup[0]!r}: rename one (it could not be read back).")
        if len(table) + 1 > _MAX_ROWS or table.shape[1] > _MAX_COLUMNS:
            raise InputError(f"tables[{name!r}] has {table.shape} rows x columns; an Excel sheet holds at most "
                             f"{_MAX_ROWS - 1:,} rows and {_MAX_COLUMNS:,} columns.")
        out[name] = table.set_axis(headers, axis=1)
    return out


def _index_is_data(index: pd.Index) -> bool:
    """A named or non-integer index holds data (ids, periods); an unnamed integer one only numbers rows."""
    return isinstance(index, pd.MultiIndex) or any(n is not None for n in index.names) or index.dtype.kind not in "iu"


def _check_figures(figures) -> dict[str, list]:
    if figures is None:
        return {}
    if not isinstance(figures, Mapping):
        raise InputError("figures must be a mapping {sheet name: matplotlib Figure or Axes, or a list of them}.")
    out = {}
    for name, value in figures.items():
        items = list(value) if isinstance(value, list | tuple) else [value]
        figs = []
        for item in items:
            fig = getattr(item, "figure", None) if not hasattr(item, "savefig") else item
            if fig is None or not hasattr(fig, "savefig"):
                raise InputError(f"figures[{name!r}] holds {type(item).__name__}; give a matplotlib Figure or Axes.")
            figs.append(fig)
        out[name] = figs
    return out


def _check_sheet_names(names) -> None:
    seen: dict[str, str] = {}
    for name in names:
        problem = None
        if not isinstance(name, str):
            problem = "is not text"
        elif not 1 <= len(name) <= 31:
            problem = f"has {len(name)} characters; Excel allows 1 to 31"
        elif _BAD_SHEET_CHARS.search(name):
            problem = f"contains {_BAD_SHEET_CHARS.search(name).group()!r}; Excel forbids [ ] : * ? / \\"
        elif name.startswith("'") or name.endswith("'"):
            problem = "starts or ends with an apostrophe, which Excel forbids"
        elif name.casefold() == "history":
            problem = "is reserved by Excel"
        elif name.casefold() in seen:
            problem = f"differs from {seen[name.casefold()]!r} only in case; Excel needs unique names"
        if problem:
            raise InputError(f"sheet name {name!r} {problem}: choose another name.")
        seen[name.casefold()] = name


def _unit_format(unit: str) -> str | None:
    unit = unit.strip()
    if unit.startswith("k$"):
        return NUMBER_FORMATS["money"]
    if unit.startswith("USD"):
        return NUMBER_FORMATS["usd"]
    if unit in ("fraction", "probability"):
        return NUMBER_FORMATS["percent"]
    return None


def _dictionary_formats(frame: pd.DataFrame, table: str | None) -> dict[str, str]:
    """Formats from the units of ``table``, or of the dictionary table whose every required
    column the frame has (the largest such); {} when the frame is no documented table."""
    schemas = datasets._all_schemas()
    if table is None:
        fits = [t for t, cols in schemas.items()
                if all(c.name in frame.columns for c in cols if not c.optional)]
        if not fits:
            return {}
        table = max(fits, key=lambda t: len(schemas[t]))
    return {c.name: code for c in datasets._dictionary(table) if (code := _unit_format(c.unit))}


def _column_formats(tables: dict, formats: Mapping | None, like: Mapping | None) -> dict[str, dict]:
    formats = dict(formats or {})
    for column, code in formats.items():
        if not isinstance(code, str) or not code:
            raise InputError(f"formats[{column!r}] must be one of {', '.join(NUMBER_FORMATS)} or an Excel format code.")
    like = dict(like or {})
    unknown = sorted(set(like) - set(tables), key=str)
    if unknown:
        raise InputError(f"like= names sheet(s) {', '.join(map(repr, unknown))} that tables does not have.")
    out = {}
    for sheet, frame in tables.items():
        try:
            documented = _dictionary_formats(frame, like.get(sheet))
        except UnknownDatasetError as exc:
            raise InputError(f"like[{sheet!r}]: {exc}") from None
        chosen = {}
        for column in frame.columns:
            kind = frame[column].dtype.kind
            code = formats.get(column)
            if code is None and kind == "M":
                code = "date"
            elif code is None and kind in "fiu":
                code = documented.get(column) or VOCABULARY_FORMATS.get(column)
            if code is not None:
                chosen[column] = NUMBER_FORMATS.get(code, code)
        out[sheet] = chosen
    return out


def _cells(series: pd.Series, sheet: str, column: str) -> list:
    """Python values openpyxl can store; a clear error for what Excel cannot hold."""
    s = series
    kind = s.dtype.kind
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        raise InputError(f"sheet {sheet!r}, column {column!r} holds dates with a time zone, which Excel cannot "
                         "hold: convert them with .dt.tz_localize(None).")
    if kind in "fc":
        values = s.to_numpy()
        bad = np.iscomplex(values) if kind == "c" else np.isinf(values)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise InputError(f"sheet {sheet!r}, column {column!r}, table row {row} is {values[row].item()!r}, which "
                             "Excel cannot hold: replace it (NaN writes an empty cell).")
    if kind in "fiub":
        return [None if v != v else v for v in s.astype(object).where(s.notna(), None).tolist()]
    if kind in "Mm":
        return s.astype(object).where(s.notna(), None).tolist()
    return [_object_cell(v, sheet, column, row) for row, v in enumerate(s.tolist())]


def _object_cell(value, sheet: str, column: str, row: int):
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return None
        if math.isinf(value):
            raise InputError(f"sheet {sheet!r}, column {column!r}, table row {row} is {value}, which Excel cannot "
                             "hold: replace it (NaN writes an empty cell).")
        return float(value)
    if isinstance(value, str | bool | int | dt.date | dt.time | dt.timedelta):
        if isinstance(value, pd.Timestamp) and value.tzinfo is not None:
            raise InputError(f"sheet {sheet!r}, column {column!r}, table row {row} is a date with a time zone, "
                             "which Excel cannot hold: remove the time zone.")
        if isinstance(value, str):
            if _CONTROL.search(value):
                raise InputError(f"sheet {sheet!r}, column {column!r}, table row {row} holds a control character "
                                 f"{_CONTROL.search(value).group()!r} that Excel cannot store: remove it.")
            if len(value) > _MAX_TEXT:
                raise InputError(f"sheet {sheet!r}, column {column!r}, table row {row} holds {len(value):,} "
                                 f"characters; an Excel cell holds at most {_MAX_TEXT:,}.")
        return value
    if isinstance(value, np.integer | np.bool_):
        return value.item()
    if isinstance(value, pd.Period | pd.Interval):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset | np.ndarray | pd.Index):
        return ", ".join(map(str, value))
    if isinstance(value, numbers.Real):
        return float(value)
    raise InputError(f"sheet {sheet!r}, column {column!r}, table row {row} holds a {type(value).__name__} "
                     f"({value!r}), which Excel cannot hold: convert the column to text or numbers.")


def _write_table(sheet, columns: list, values: list, formats: dict) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for j, column in enumerate(columns):  # wide enough for the header and the first rows as shown, capped
        shown = [len(_shown(v, formats.get(column))) for v in values[j][:200] if v is not None]
        sheet.column_dimensions[get_column_letter(j + 1)].width = min(60, max([len(column) + 2, *shown, 6]) + 2)
    sheet.freeze_panes = "A2"
    _print_fit_to_width(sheet)
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = _text_cell(sheet, column)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    cells = [_column_cells(sheet, v, formats.get(c)) for c, v in zip(columns, values, strict=True)]
    for row in zip(*cells, strict=True):
        sheet.append(row)


def _shown(value, number_format: str | None) -> str:
    """About what a spreadsheet shows for a value in a format (for the column width)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)[:10] if isinstance(value, dt.date) else str(value)
    if number_format == NUMBER_FORMATS["money"]:
        return f"{value:,.1f} k$"
    if number_format == NUMBER_FORMATS["usd"]:
        return f"${value:,.0f}"
    if number_format == NUMBER_FORMATS["percent"]:
        return f"{value:.1%}"
    return f"{value:,.2f}" if number_format else str(value)


def _print_fit_to_width(sheet) -> None:
    """Printed or saved as PDF, a sheet is landscape and one page wide (as many pages long as it needs)."""
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def _column_cells(sheet, values: list, number_format: str | None) -> list:
    """One column's values as openpyxl takes them: escaped text, exact floats, formatted numbers."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES

    out = []
    for value in values:
        if value is None or isinstance(value, bool):
            out.append(value)
        elif isinstance(value, str):
            out.append(_text_cell(sheet, value) if value.startswith(FORMULA_STARTS) or "\r" in value
                       or "_x" in value or value in ERROR_CODES else value)
        elif isinstance(value, float) and float(f"{value:.16g}") != value:
            cell = WriteOnlyCell(sheet, value=repr(value))  # openpyxl keeps 16 digits; a double needs 17
            cell.data_type = "n"
            if number_format:
                cell.number_format = number_format
            out.append(cell)
        elif number_format:
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = number_format
            out.append(cell)
        else:
            out.append(value)
    return out


def _text_cell(sheet, value: str):
    """A text cell that stays text: what a spreadsheet would run as a formula gets the quote prefix
    (Excel's leading apostrophe), and carriage returns and literal ``_xHHHH_`` are stored so they
    come back unchanged."""
    from openpyxl.cell import WriteOnlyCell

    stored = value
    if "_x" in stored:
        stored = _OOXML_ESCAPED.sub(r"_x005F_x\1_", stored)
    if "\r" in stored:
        stored = stored.replace("\r", "_x000D_")
    cell = WriteOnlyCell(sheet, value=stored)
    cell.data_type = "s"  # openpyxl would store '=...' as a formula and '#N/A' as an error value
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def _add_figures(sheet, figs: list, column: int) -> None:
    if not figs:
        return
    from openpyxl.drawing.image import Image
    from openpyxl.utils import get_column_letter

    row = 1
    for fig in figs:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=100)
        buffer.seek(0)
        image = Image(buffer)
        sheet.add_image(image, f"{get_column_letter(column)}{row}")
        row += math.ceil(image.height / 20) + 2  # default rows are 20 pixels high


def _target(path, overwrite: bool) -> Path | None:
    """The checked file to write (None for a file-like object), before any work is done."""
    if not isinstance(path, str | os.PathLike):
        if not hasattr(path, "write"):
            raise InputError(f"path must be a file name or a binary file opened for writing, got {path!r}.")
        return None
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"{path.name}: write_excel writes .xlsx workbooks; give a path ending in .xlsx.")
    if path.exists() and not overwrite:
        raise InputError(f"{path} already exists: pmlib never replaces a file unless you pass overwrite=True "
                         "(or choose another name).")
    if not path.parent.is_dir():
        raise InputError(f"{path}: the folder {path.parent} does not exist; create it first.")
    return path


def _save(book, path, overwrite: bool):
    if not isinstance(path, Path):
        book.save(path)
        return None
    # Write beside the target, then move it in: a failure never leaves half a workbook behind.
    tmp = path.parent / f".{path.stem}.{uuid.uuid4().hex}.tmp.xlsx"
    try:
        with open(tmp, "xb") as out:
            book.save(out)
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the file appeared meanwhile: never replaced
            except FileExistsError:
                raise InputError(f"{path} already exists: pass overwrite=True to replace it.") from None
            except OSError:  # a file system without hard links
                with open(path, "xb") as out, open(tmp, "rb") as src:
                    out.write(src.read())
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
