"""The Alderbrook Retail Group: the organisation every notebook uses, and the checks your own files pass.

The tables are CSV files in the repository's ``datasets/`` folder. Their data dictionary,
``datasets/README.md``, is also their schema: :func:`load` reads each column's type from it,
so the documentation and the data cannot silently drift apart. :func:`read_csv` (and
``pm.io.read_excel``) check an analyst's own file against the same dictionary: types, ranges,
unique keys and id links, with errors that name the file, the line and the column.

>>> import pmlib as pm
>>> "projects" in pm.datasets.names()
True
>>> pm.datasets.load("projects").loc[0, "id"]
'P01'
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError, MissingColumnError, UnknownDatasetError, UnknownIdError

__all__ = ["names", "load", "read_csv", "schema", "describe", "data_dir", "STATUS_DATE"]

#: The organisation's status date: in-flight projects report up to this month-end.
STATUS_DATE = pd.Timestamp("2026-10-31")

_TYPES = {"string", "integer", "float", "date", "boolean"}
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}
_INT64_MAX = np.iinfo(np.int64).max
_EXACT_INT = 2.0 ** 53  # floats hold every whole number below this exactly
_FIRST_DAY, _LAST_DAY = np.datetime64("1677-09-22"), np.datetime64("2262-04-11")  # what pmlib's dates hold


_REPOSITORY_DATA = Path(__file__).resolve().parent.parent / "datasets"


def data_dir() -> Path:
    """Folder holding the CSV files (``$PMLIB_DATA_DIR`` overrides the repository's ``datasets/``)."""
    env = os.environ.get("PMLIB_DATA_DIR")
    path = Path(env) if env else _REPOSITORY_DATA
    if not (path / "README.md").is_file():
        raise FileNotFoundError(
            f"pmlib's data folder {path} was not found. Install pmlib from a clone of the "
            "repository in editable mode (`pip install -e .`, which `make lab` does), or set "
            "PMLIB_DATA_DIR to the folder holding the CSV files and README.md."
        )
    return path


# ---------------------------------------------------------------------------------------
# The data dictionary
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """One row of a data dictionary.

    The ``type`` cell holds the base type, then optionally a range and the flags ``key`` and
    ``optional``: ``float [0, 1]``, ``float >= 0``, ``integer > 0``, ``string key``,
    ``string optional``. The columns marked ``key`` identify a row: one such column holds
    unique ids; several together hold unique combinations. An ``optional`` column may be
    absent from a file (when present, it is checked like the others).
    """

    name: str
    type: str
    unit: str
    links_to: str
    description: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    key: bool = False
    optional: bool = False

    def range_text(self) -> str:
        """'[0, 1]', '>= 0', '< 5' ..."""
        if self.low is not None and self.high is not None:
            return (f"{'(' if self.low_open else '['}{self.low:g}, {self.high:g}"
                    f"{')' if self.high_open else ']'}")
        if self.low is not None:
            return f"{'>' if self.low_open else '>='} {self.low:g}"
        return f"{'<' if self.high_open else '<='} {self.high:g}"


_TYPE_CELL = re.compile(
    r"^(?P<base>[a-z]+)"
    r"(?:\s+(?:(?P<lb>[\[(])\s*(?P<lo>-?[\d.]+)\s*,\s*(?P<hi>-?[\d.]+)\s*(?P<rb>[\])])"
    r"|(?P<op>>=|>|<=|<)\s*(?P<bound>-?[\d.]+)))?"
    r"(?P<flags>(?:\s+(?:key|optional))*)$"
)


def _parse_type(cell: str, table: str, column: str) -> dict:
    """``'float [0, 1]'`` -> dict(type='float', low=0.0, high=1.0, ...); InputError otherwise."""
    m = _TYPE_CELL.match(cell.strip())
    flags = m.group("flags").split() if m else []
    if not m or m.group("base") not in _TYPES or len(set(flags)) < len(flags) or set(flags) == {"key", "optional"}:
        raise InputError(
            f"datasets/README.md, table {table}.csv, column {column}: unknown type {cell!r} "
            f"(use one of {', '.join(sorted(_TYPES))}, optionally with a range such as "
            "'float [0, 1]' or 'float >= 0', then 'key' for a column that identifies a row or "
            "'optional' for one a file may leave out)."
        )
    out = {"type": m.group("base"), "key": "key" in flags, "optional": "optional" in flags}
    if m.group("lb"):
        out.update(low=float(m.group("lo")), high=float(m.group("hi")),
                   low_open=m.group("lb") == "(", high_open=m.group("rb") == ")")
    elif m.group("op"):
        op, bound = m.group("op"), float(m.group("bound"))
        if op.startswith(">"):
            out.update(low=bound, low_open=op == ">")
        else:
            out.update(high=bound, high_open=op == "<")
    if out.get("low") is not None and out["type"] not in ("float", "integer"):
        raise InputError(f"datasets/README.md, table {table}.csv, column {column}: a range needs a number type, not {cell!r}.")
    return out


@functools.lru_cache(maxsize=4)
def _schemas(readme_path: str, mtime: float) -> dict[str, tuple[Column, ...]]:
    text = Path(readme_path).read_text(encoding="utf-8")
    schemas: dict[str, tuple[Column, ...]] = {}
    # A section starts with a heading `### `name.csv`` (optionally followed by a remark such
    # as "(dictionary only)") and holds one markdown table.
    for match in re.finditer(r"^###\s+`([A-Za-z0-9_]+)\.csv`[^\n]*$", text, flags=re.M):
        name = match.group(1)
        body = text[match.end():]
        nxt = re.search(r"^#{1,3}\s", body, flags=re.M)
        body = body[: nxt.start()] if nxt else body
        cols = []
        for line in body.splitlines():
            line = line.strip()
            if not line.startswith("|") or set(line) <= set("|-: "):
                continue
            cells = [c.strip() for c in line.strip("|").split("|")]
            if cells[0] == "column":
                continue
            if len(cells) != 5:
                raise InputError(f"datasets/README.md, table {name}.csv: row {line!r} must have 5 cells.")
            col, typ, unit, links, desc = cells
            col = col.strip("`")
            cols.append(Column(col, unit=unit, links_to=links, description=desc, **_parse_type(typ, name, col)))
        schemas[name] = tuple(cols)
    return schemas


def _all_schemas() -> dict[str, tuple[Column, ...]]:
    env = os.environ.get("PMLIB_DATA_DIR")
    readme = (Path(env) if env else _REPOSITORY_DATA) / "README.md"
    try:
        mtime = readme.stat().st_mtime
    except FileNotFoundError:
        readme = data_dir() / "README.md"  # says where pmlib looked and what to do
        mtime = readme.stat().st_mtime
    return _schemas(str(readme), mtime)


def _dictionary(name) -> tuple[Column, ...]:
    """The columns of a documented table (bundled or dictionary-only); a clear error otherwise."""
    schemas = _all_schemas()
    if not isinstance(name, str) or name not in schemas:
        raise UnknownDatasetError(
            f"like={name!r} is not a table of the data dictionary (datasets/README.md); "
            f"known: {', '.join(sorted(schemas))}."
        )
    return schemas[name]


def names() -> list[str]:
    """Names of the bundled data sets (the CSV files in ``datasets/``), sorted."""
    return sorted(p.stem for p in data_dir().glob("*.csv"))


def schema(name: str) -> pd.DataFrame:
    """The data dictionary of one table: column, type, unit, links_to, description, range, key, optional.

    ``name`` is a bundled data set or a dictionary-only shape such as ``"schedule"`` (the plain
    id / name / duration / predecessors table of your own file).
    """
    cols = _dictionary(name)
    return pd.DataFrame([asdict(c) for c in cols]).rename(columns={"name": "column"})


def describe(name: str) -> str:
    """The data dictionary of ``name`` as plain text, for a quick look in a notebook."""
    return schema(name).to_string(index=False)


def _check_name(name: str) -> None:
    if not isinstance(name, str):
        raise UnknownDatasetError(f"name must be a string such as 'projects', got {name!r}.")
    known = names()
    if name not in known:
        shapes = sorted(set(_all_schemas()) - set(known))
        hint = (f" {name!r} is the shape of your own file, not a bundled table: pass path=."
                if name in shapes else "")
        raise UnknownDatasetError(f"No data set called {name!r}. Known data sets: {', '.join(known)}.{hint}")


def load(name: str, path=None) -> pd.DataFrame:
    """Load a bundled data set, or your own file shaped like it, with the dictionary's types.

    Parameters
    ----------
    name : str
        One of :func:`names`, e.g. ``"projects"``, or (with ``path``) a dictionary-only shape
        such as ``"schedule"``.
    path : str, Path, file-like or None
        Your own file shaped like ``name``: a CSV read and checked with
        ``read_csv(path, like=name)``, or an Excel workbook (``.xlsx``) read with
        ``pm.io.read_excel(path, like=name)``. None (the default) loads the bundled table.
        This is the one idiom the lessons use for their ``parameters`` cell:
        ``load("projects", projects_path)``.

    Returns
    -------
    DataFrame
        A fresh copy each call: change it freely. Dates are ``datetime64``, integers are
        ``int64`` (nullable ``Int64`` where cells are empty), strings ``str``/``object``, empty id cells are ``NA``.

    >>> load("strategic_objectives")["weight"].sum().round(6)
    np.float64(1.0)
    """
    if path is not None:
        if isinstance(path, str | os.PathLike) and Path(path).suffix.lower() in (".xlsx", ".xlsm"):
            from .io.excel import read_excel

            return read_excel(path, like=name)
        return read_csv(path, like=name)
    _check_name(name)
    path = data_dir() / f"{name}.csv"
    # Notebooks and widgets load the same table many times: cache the parsed file, hand out copies.
    return _load_cached(str(path), path.stat().st_mtime, name).copy(deep=True)


@functools.lru_cache(maxsize=64)
def _load_cached(path: str, mtime: float, name: str) -> pd.DataFrame:
    return read_csv(path, like=name)


# ---------------------------------------------------------------------------------------
# Reading a CSV file
# ---------------------------------------------------------------------------------------
def read_csv(path, like: str, *, encoding: str | None = None, sep: str | None = None,
             decimal: str | None = None, thousands: str | None = None,
             known: Mapping | None = None) -> pd.DataFrame:
    """Read a CSV file (yours or a bundled one) and check it against the dictionary of ``like``.

    Parameters
    ----------
    path : str, Path or file-like
        The file, or an open file (text or binary), e.g. ``io.StringIO(text)``.
    like : str
        The table of the data dictionary (``datasets/README.md``) the file is shaped like,
        e.g. ``"projects"``; ``"schedule"`` is a plain id / name / duration / predecessors
        table (no three-point estimate needed).
    encoding : str, optional
        None tries UTF-8 (with or without a byte-order mark; UTF-16 with a byte-order mark is
        recognised too) and otherwise says which encoding to pass, e.g. ``"cp1252"``.
    sep : str, optional
        Field separator; None detects ``,`` ``;`` tab or ``|`` from the header row.
    decimal, thousands : str, optional
        Decimal mark and thousands separator of the numbers. None reads ``.`` as the decimal
        mark, or ``,`` in a file separated by ``;`` or tab whose numbers have commas and no dots
        (a spreadsheet's European export). Anything else ambiguous is an error that says which
        option to pass.
    known : mapping, optional
        Tables the file's ids may refer to, ``{table: DataFrame, Series or list of ids}``, e.g.
        ``known={"projects": my_projects}``: every id in a column whose dictionary "links to"
        names that table must exist there.

    Returns
    -------
    DataFrame
        One column per column of the file, those of the dictionary converted to their type
        (as :func:`load`), the others kept as text; rows in the file's order.

    What is checked
    ---------------
    Every column of the dictionary is present (unless marked ``optional``), no column name is
    repeated, no row has more fields than the header; each cell converts to its column's
    type: numbers as Python reads them (``12``, ``-1.5e3``, ``1_000``), finite, and whole
    numbers within int64 (a huge value is an error, never a negative number), no ``True`` or
    ``nan`` taken as a number, dates ISO ``YYYY-MM-DD`` within 1677-2262; values within the
    documented range; the key columns filled in and unique; ids that link to the file's own
    table (a schedule's predecessors) exist in it, and ids that link to a table in ``known``
    exist there. Links to tables not passed are
    not checked: your file may use your organisation's ids, not Alderbrook's. Rows whose
    cells are all empty are skipped, like blank lines. Every error names the file, the line
    and the column.

    >>> import io
    >>> text = "id,name,duration,predecessors\\nA,Design,5,\\nB,Build,10,A\\n"
    >>> read_csv(io.StringIO(text), like="schedule")["duration"].tolist()
    [5.0, 10.0]
    """
    columns = _dictionary(like)
    text, file = _read_text(path, encoding)
    raw, source = _parse_csv(text, file, sep, columns)
    if decimal is None:
        decimal = _detect_decimal(raw, columns, source.sep)
    return _typed_table(raw, like, source, decimal=decimal, thousands=thousands, known=known)


def _file_name(path) -> str:
    if isinstance(path, str | os.PathLike):
        return Path(path).name
    name = getattr(path, "name", None)
    return Path(name).name if isinstance(name, str) else "the file"


def _read_text(path, encoding: str | None) -> tuple[str, str]:
    """The whole file as text and its name for messages; a clear error for a wrong encoding."""
    file = _file_name(path)
    if isinstance(path, str | os.PathLike):
        data = Path(path).read_bytes()
    elif hasattr(path, "read"):
        data = path.read()
    else:
        raise InputError(f"path must be a file name or an open file, got {type(path).__name__} {path!r}.")
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), file
    if not isinstance(data, bytes | bytearray):
        raise InputError(f"{file}: reading it gave {type(data).__name__}, not text or bytes.")
    if data[:4] == b"PK\x03\x04" or data[:4] == b"\xd0\xcf\x11\xe0":  # a zip (.xlsx) or an old .xls
        raise InputError(
            f"{file} is a spreadsheet workbook, not a CSV file: read it with pm.io.read_excel(path, like=...) "
            "(an old .xls must first be saved as .xlsx)."
        )
    if encoding is None and data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        encoding = "utf-16"  # a spreadsheet's "Unicode text": the byte-order mark says so
    try:
        return bytes(data).decode(encoding or "utf-8-sig").removeprefix("\ufeff"), file
    except LookupError:
        raise InputError(f"encoding={encoding!r} is not an encoding Python knows (try 'utf-8' or 'cp1252').") from None
    except UnicodeDecodeError as exc:
        raise _encoding_error(bytes(data), exc, file, encoding) from None


def _encoding_error(data: bytes, exc: UnicodeDecodeError, file: str, encoding: str | None) -> InputError:
    line_start = data.rfind(b"\n", 0, exc.start) + 1
    line = data.count(b"\n", 0, exc.start) + 1
    first = data[: data.find(b"\n")].decode("latin-1")
    sep = max(",;\t|", key=first.count)
    header = next(csv.reader([first], delimiter=sep), [])
    prefix = data[line_start: exc.start].decode("latin-1")
    field = len(next(csv.reader([prefix + "x"], delimiter=sep), [""])) - 1
    column = f"column {header[field].strip()!r}" if line > 1 and field < len(header) else f"field {field + 1}"
    for guess in ("cp1252", "latin-1"):
        try:
            data.decode(guess)
            break
        except UnicodeDecodeError:
            continue
    tried = f"the encoding {encoding!r}" if encoding else "UTF-8"
    return InputError(
        f"{file}, line {line}, {column}: byte {data[exc.start:exc.start + 1]!r} is not valid in {tried}. "
        f"The file was probably saved in another encoding: pass encoding={guess!r} "
        "(Excel on Windows saves 'CSV' as cp1252), or save it as 'CSV UTF-8'."
    )


@dataclass
class _Source:
    """Where a table's rows came from, so that every message names the file, line and column.

    ``line_of(record)`` gives the line in the file (or row in the sheet) of a record, the
    header being record ``header``; ``letters`` maps a column to its sheet column letter.
    """

    file: str
    line_of: Callable[[int], int]
    word: str = "line"
    letters: Mapping[str, str] | None = None
    sep: str = ","
    header: int = 0

    def at(self, record: int, column=None) -> str:
        where = f"{self.file}, {self.word} {self.line_of(int(record))}"
        if column is None:
            return where
        letter = f" ({self.letters[column]})" if self.letters and column in self.letters else ""
        return f"{where}, column {column!r}{letter}"


def _detect_sep(first_line: str, columns) -> str:
    """The separator that splits the header into the most dictionary column names (then fields)."""
    wanted = {c.name for c in columns}

    def score(sep):
        fields = [f.strip() for f in next(csv.reader([first_line], delimiter=sep), [])]
        return (len(wanted.intersection(fields)), len(fields), sep == ",")

    return max((",", ";", "\t", "|"), key=score)


def _parse_csv(text: str, file: str, sep: str | None, columns) -> tuple[pd.DataFrame, _Source]:
    """Text -> a table of strings (NA for empty cells) whose index is each row's record number."""
    body = text.lstrip("\r\n \t")
    if not body:
        raise InputError(
            f"{file} is empty: it needs a header row naming the columns "
            f"({', '.join(c.name for c in columns if not c.optional)}) and one row per line."
        )
    first_line = re.match(r"[^\r\n]*", body).group()
    if sep is None:
        sep = _detect_sep(first_line, columns)
    elif not isinstance(sep, str) or len(sep) != 1 or sep in '"\r\n':
        raise InputError(f"sep must be one character such as ',' or ';', got {sep!r}.")
    records = _Records(text, sep)
    source = _Source(file, records.line, sep=sep)
    names = _header_names(next(csv.reader([first_line], delimiter=sep)), source)
    newline = "\n" if "\n" in text else "\r"
    skip = text.count(newline, 0, len(text) - len(body) + len(first_line)) + 1  # lines up to the header
    try:  # one more column than the header: a row with an extra field fills it
        raw = pd.read_csv(io.StringIO(text), sep=sep, header=None, names=[*names, _EXTRA], skiprows=skip,
                          dtype=str, keep_default_na=False, na_values=[""], index_col=False, engine="c")
    except pd.errors.ParserError:  # a row with two or more fields too many
        record, n = records.first_longer_than(len(names))
        raise _extra_fields(source, record, n, len(names)) from None
    raw.index = pd.RangeIndex(1, len(raw) + 1)  # record numbers: the header is record 0
    extra = raw.pop(_EXTRA).notna().to_numpy()
    if extra.any():
        record, n = records.first_longer_than(len(names))
        raise _extra_fields(source, record, n, len(names))
    return _drop_nameless(raw, source), source


_EXTRA = "\x00extra field"


def _extra_fields(source: _Source, record: int, n: int, expected: int) -> InputError:
    return InputError(
        f"{source.at(record)} has {n} fields but the header names {expected} columns. "
        f"A value probably holds the separator {source.sep!r} without quotes (write \"1,200\" "
        "or 1200), or the header lacks a column: fix that line."
    )


class _Records:
    """Line numbers of the records pandas reads (blank lines skipped), computed on first use."""

    def __init__(self, text: str, sep: str):
        self.text, self.sep, self._lines, self._widths = text, sep, None, None

    def _scan(self):
        if self._lines is None:
            reader = csv.reader(io.StringIO(self.text), delimiter=self.sep)
            lines, widths, start = [], [], 1
            for row in reader:
                if row and not (len(row) == 1 and not row[0].strip()):  # pandas skips blank lines
                    lines.append(start)
                    widths.append(len(row))
                start = reader.line_num + 1
            self._lines, self._widths = lines, widths
        return self._lines, self._widths

    def line(self, record: int) -> int:
        lines, _ = self._scan()
        return lines[record] if record < len(lines) else record + 1

    def first_longer_than(self, n: int) -> tuple[int, int]:
        _, widths = self._scan()
        record = next((i for i, w in enumerate(widths) if w > n), 0)
        return record, widths[record] if widths else 0


def _header_names(cells: list, source: _Source) -> list[str]:
    """Column names of a header row: stripped, none repeated; a nameless column gets a placeholder."""
    names_ = ["" if c is None else str(c).strip() for c in cells]
    seen: dict[str, int] = {}
    for i, name in enumerate(names_):
        if name and name in seen:
            raise InputError(
                f"{source.at(source.header)} (the header): columns {seen[name] + 1} and {i + 1} are both named "
                f"{name!r}. Rename or remove one: pmlib will not guess which to use."
            )
        seen.setdefault(name, i)
    return [name or f"{_NAMELESS}{i}" for i, name in enumerate(names_)]


_NAMELESS = "\x00nameless "


def _drop_nameless(raw: pd.DataFrame, source: _Source) -> pd.DataFrame:
    """Drop the columns the header leaves nameless when empty; an error when one holds a value."""
    nameless = [name for name in raw.columns if name.startswith(_NAMELESS)]
    for name in nameless:
        filled = raw[name].notna().to_numpy()
        if filled.any():
            record = raw.index[int(np.flatnonzero(filled)[0])]
            raise InputError(
                f"{source.at(record)}: field {int(name[len(_NAMELESS):]) + 1} holds {raw[name].dropna().iloc[0]!r} "
                "but its column has no name in the header. Name the column or delete its values."
            )
    return raw.drop(columns=nameless) if nameless else raw


def _number_cells(raw: pd.DataFrame, columns) -> pd.Series:
    cells = [raw[c.name].dropna() for c in columns if c.type in ("float", "integer") and c.name in raw.columns]
    return pd.concat(cells).astype(str).str.strip() if cells else pd.Series([], dtype=str)


def _detect_decimal(raw: pd.DataFrame, columns, sep: str) -> str:
    """',' for a ';'- or tab-separated file whose numbers have commas and no dots; else '.'."""
    if sep == ",":
        return "."
    cells = _number_cells(raw, columns)
    has_comma = cells.str.contains(",", regex=False).any()
    return "," if has_comma and not cells.str.contains(".", regex=False).any() else "."


# ---------------------------------------------------------------------------------------
# Checking a table of text against the dictionary (CSV and Excel alike)
# ---------------------------------------------------------------------------------------
def _typed_table(raw: pd.DataFrame, like: str, source: _Source, *, decimal: str = ".",
                 thousands: str | None = None, known: Mapping | None = None) -> pd.DataFrame:
    """Strings (NA = empty cell, index = record numbers) -> the checked, typed table of ``like``."""
    columns = _dictionary(like)
    for option, value in (("decimal", decimal), ("thousands", thousands)):
        if value is not None and (not isinstance(value, str) or len(value) != 1):
            raise InputError(f"{option} must be one character such as '.' or ',', got {value!r}.")
    if thousands is not None and thousands == decimal:
        raise InputError(f"decimal and thousands are both {decimal!r}: give two different characters.")
    required = [c.name for c in columns if not c.optional]
    missing = [c for c in required if c not in raw.columns]
    if missing:
        found = ", ".join(map(str, raw.columns)) or "none"
        raise MissingColumnError(
            f"{source.file} (like {like}) is missing column(s) {', '.join(missing)}; columns found: {found}. "
            f"Check the header row's spelling, or the separator (read as {source.sep!r})."
        )
    if len(raw.columns) and raw.iloc[:, 0].isna().any():  # an all-empty row has an empty first cell
        rows = raw.notna().to_numpy().any(axis=1)  # rows whose cells are all empty are blank lines
        if not rows.all():
            raw = raw[rows]
    present = [c for c in columns if c.name in raw.columns]
    out = raw.copy(deep=False)  # text columns stay as read; the others are replaced by their conversion
    for c in present:
        if c.type != "string" or raw[c.name].dtype == object:
            out[c.name] = _convert(raw[c.name], c, source, decimal, thousands)
    _check_keys(out, raw, present, source)
    _check_ranges(out, raw, present, source)
    _check_links(out, present, like, source, known)
    return out.reset_index(drop=True)


def _fail(source: _Source, s: pd.Series, bad, message: str) -> InputError:
    """The error for the first True of ``bad``: '<file>, line L, column C: <cell> <message>'."""
    i = int(np.flatnonzero(np.asarray(bad))[0])
    return InputError(f"{source.at(s.index[i], s.name)}: {s.iloc[i]!r} {message}")


def _convert(s: pd.Series, col: Column, source: _Source, decimal: str, thousands: str | None):
    """One column of text (NA = empty) as its documented type; the first bad cell is an error.

    Numbers are read as Python reads them (``float`` / ``int``: ``12``, ``-1.5e3``, `` 7 ``)
    and refused when not finite; whole numbers stay exact up to 2**63 - 1.
    """
    if col.type == "string":
        return s if s.dtype != object else s.astype(str)
    text = s.to_numpy(dtype=object)
    filled = ~pd.isna(text)
    if col.type in ("float", "integer"):
        if thousands is not None or decimal != ".":
            text = _number_marks(s, text, filled, source, decimal, thousands)
        if col.type == "float":
            return pd.Series(_floats(s, text, filled, source), index=s.index, name=s.name)
        return _integers(s, text, filled, source)
    if col.type == "date":
        return _dates(s, text, filled, source)
    if col.type == "boolean":
        low = s.str.strip().str.lower()
        bad = filled & ~low.isin(list(_BOOLEANS)).to_numpy()
        if bad.any():
            raise _fail(source, s, bad, "is not a yes/no value: write true or false (or yes/no, 1/0).")
        return low.map(_BOOLEANS).astype("boolean")
    raise AssertionError(col.type)


def _dates(s: pd.Series, text: np.ndarray, filled: np.ndarray, source: _Source) -> pd.Series:
    """ISO dates YYYY-MM-DD (NaT where empty) within the years pmlib's dates hold."""
    text = np.where(filled, text, "NaT")
    try:  # numpy reads ISO dates fast but leniently ('2026', '2026-10-31T10:00', ' 2026-10-31'): of
        # ten-character cells it reads, only YYYY-MM-DD ones are left (the year range is checked below)
        exact = bool((s.str.len().to_numpy()[filled] == 10).all())
        days = text.astype("datetime64[D]")
        exact = exact and not np.isnat(days[filled]).any()
    except ValueError:
        exact = False
    if not exact:  # the strict reader names the first bad cell (spaces around a date are forgiven)
        out = pd.to_datetime(s.str.strip(), errors="coerce", format="%Y-%m-%d")
        bad = out.isna().to_numpy() & filled
        if bad.any():
            raise _fail(source, s, bad, "is not a date: write dates as YYYY-MM-DD, e.g. 2026-10-31.")
        days = out.to_numpy().astype("datetime64[D]")
    far = filled & ((days < _FIRST_DAY) | (days > _LAST_DAY))
    if far.any():
        raise _fail(source, s, far, "is outside the years 1677-2262 pmlib's dates can hold: check the year.")
    return pd.Series(days.astype("datetime64[us]"), index=s.index, name=s.name)


def _number_marks(s, text, filled, source, decimal: str, thousands: str | None) -> np.ndarray:
    """Text with the thousands separator removed and the decimal mark made '.'."""
    t = pd.Series(text, index=s.index, dtype=object).where(filled)
    if thousands is not None:
        t = t.str.replace(thousands, "", regex=False)
    if decimal != ".":
        dotted = t.str.contains(".", regex=False).fillna(False).to_numpy(dtype=bool)
        if dotted.any():
            raise _fail(source, s, dotted, f"has a '.' although the decimal mark is {decimal!r}: pass "
                        "thousands='.' if it separates thousands, or decimal='.'.")
        t = t.str.replace(decimal, ".", regex=False)
    return t.to_numpy(dtype=object)


def _at(i: int, n: int) -> np.ndarray:
    return np.arange(n) == i


def _floats(s, text: np.ndarray, filled: np.ndarray, source: _Source) -> np.ndarray:
    """Text -> finite floats (NaN where empty); the first cell that is not one is an error."""
    try:
        values = text.astype(float)
    except (ValueError, TypeError):
        values = None
    if values is None or np.isnan(values[filled]).any():
        for i in np.flatnonzero(filled):  # only on the way to an error: find its cell
            try:
                if not np.isnan(float(text[i])):
                    continue
            except (ValueError, TypeError):
                pass
            raise _fail(source, s, _at(i, len(text)), _why_not_a_number(str(text[i])))
    if not np.isfinite(values[filled]).all():
        raise _fail(source, s, np.isinf(values), "is infinite or too large for a number: give a finite value.")
    return values


def _integers(s, text: np.ndarray, filled: np.ndarray, source: _Source) -> pd.Series:
    """Text -> int64 (nullable Int64 where cells are empty), exact; never wrapped around."""
    whole = bool(filled.all())
    try:  # whole numbers written as such: exact over all of int64
        exact = (text if whole else text[filled]).astype(np.int64)
    except (ValueError, TypeError, OverflowError):  # '3.0', '1e3', too big or not a number
        exact = _integers_via_floats(s, text, filled, source)
    if whole:
        return pd.Series(exact, index=s.index, name=s.name)
    out = pd.array(np.zeros(len(text), dtype=np.int64), dtype="Int64")
    out[filled] = exact
    out[~filled] = pd.NA
    return pd.Series(out, index=s.index, name=s.name)


def _integers_via_floats(s, text: np.ndarray, filled: np.ndarray, source: _Source) -> np.ndarray:
    """The filled cells as int64 through floats (exact below 2**53), or the first bad cell's error."""
    for i in np.flatnonzero(filled):  # a whole number beyond int64 is named as such, not rounded
        try:
            if not -(2**63) <= int(text[i]) <= _INT64_MAX:
                raise _fail(source, s, _at(i, len(text)), _TOO_BIG)
        except (ValueError, TypeError):
            continue
    values = _floats(s, text, filled, source)
    fraction = filled & (values % 1 != 0)
    if fraction.any():
        raise _fail(source, s, fraction, "is not a whole number, and the column holds whole numbers.")
    too_big = np.abs(values) >= _EXACT_INT  # 2**53 + 1 already rounds to 2**53
    if too_big.any():
        raise _fail(source, s, too_big, _TOO_BIG)
    return values[filled].astype(np.int64)


_TOO_BIG = ("is too large a whole number to hold exactly (the limit is 2**63 - 1 for whole numbers "
            "written as such, below 2**53 for ones written with a decimal point or an exponent): check "
            "the cell, or use a larger unit.")


def _why_not_a_number(cell: str) -> str:
    low = cell.strip().lower()
    if low in ("nan", "na", "n/a", "null", "none", "-", "#n/a"):
        return "is not a number: leave the cell empty for a missing value."
    if low in ("true", "false", "yes", "no"):
        return "is a yes/no value, not a number."
    if "," in cell:
        return ("is not a number as written: if ',' is the decimal mark pass decimal=','; if it separates "
                "thousands pass thousands=','.")
    return "is not a number."


def _check_keys(df: pd.DataFrame, raw: pd.DataFrame, columns, source: _Source) -> None:
    keys = [c.name for c in columns if c.key]
    if not keys:
        return
    for name in keys:
        empty = df[name].isna().to_numpy()
        if empty.any():
            i = int(np.flatnonzero(empty)[0])
            raise InputError(f"{source.at(df.index[i], name)}: the cell is empty, but it identifies the row: fill it in.")
    dup = df.duplicated(subset=keys, keep=False).to_numpy()
    if dup.any():
        first = int(np.flatnonzero(dup)[0])
        value = df[keys].iloc[first]
        same = (df[keys] == value).all(axis=1).to_numpy()
        second = int(np.flatnonzero(same)[1])
        cells = raw[keys].iloc[first]  # as written in the file
        what = (f"the id {cells.iloc[0]!r}" if len(keys) == 1 else
                "the combination " + ", ".join(f"{k}={v!r}" for k, v in cells.items()))
        raise InputError(
            f"{source.at(df.index[second], keys[0] if len(keys) == 1 else None)} repeats {what} of "
            f"{source.word} {source.line_of(df.index[first])}: each must appear once. "
            "Remove the duplicate row or correct the id (a repeated row would be counted twice)."
        )


def _check_ranges(df: pd.DataFrame, raw: pd.DataFrame, columns, source: _Source) -> None:
    for col in columns:
        if col.low is None and col.high is None:
            continue
        values = df[col.name].to_numpy(dtype=float, na_value=np.nan)
        bad = np.zeros(len(values), dtype=bool)
        with np.errstate(invalid="ignore"):
            if col.low is not None:
                bad |= (values <= col.low) if col.low_open else (values < col.low)
            if col.high is not None:
                bad |= (values >= col.high) if col.high_open else (values > col.high)
        if bad.any():
            unit = f" {col.unit}" if col.unit else ""
            raise _fail(source, raw[col.name], bad,
                        f"is outside the documented range {col.range_text()}{unit}. Fix that cell.")


def _check_links(df: pd.DataFrame, columns, like: str, source: _Source, known: Mapping | None) -> None:
    """Ids in a column whose dictionary 'links to' names this table or a table in ``known``."""
    known = {} if known is None else known
    if not isinstance(known, Mapping):
        raise InputError("known must be a mapping {table: DataFrame or ids}, e.g. known={'projects': my_projects}.")
    links = {c.name: c.links_to.split(".", 1) for c in columns
             if c.type == "string" and re.fullmatch(r"\w+\.\w+", c.links_to or "")}
    linked = {table for table, _ in links.values()}
    stray = sorted(set(known) - linked - {like})
    if stray:
        raise InputError(
            f"known= names {', '.join(map(repr, stray))}, but no column of {like} links to it; "
            f"its columns link to: {', '.join(sorted(linked)) or 'no table'}."
        )
    for name, (table, column) in links.items():
        if table == like:
            ids = set(df[column].dropna()) if column in df.columns else set()
            where = f"the {column!r} column of this file"
        elif table in known:
            ids = _known_ids(known[table], table, column)
            where = f"{table}.{column} (known={table!r})"
        else:
            continue
        if name == "predecessors":
            _check_predecessors(df, source, ids, where)
            continue
        cells = df[name].dropna()
        tokens = cells.astype(str).str.split(",").explode().str.strip()
        tokens = tokens[tokens != ""]
        unknown = ~tokens.isin(ids).to_numpy()
        if unknown.any():
            i = int(np.flatnonzero(unknown)[0])
            shown = ", ".join(map(str, sorted(ids, key=str)[:30])) + (" ..." if len(ids) > 30 else "")
            raise UnknownIdError(
                f"{source.at(tokens.index[i], name)}: {tokens.iloc[i]!r} is not an id of {where}; "
                f"known: {shown or 'none'}. Correct the id, or add the row it refers to."
            )


def _known_ids(value, table: str, column: str) -> set:
    if isinstance(value, pd.DataFrame):
        if column in value.columns:
            return set(value[column].dropna())
        if value.index.name == column:
            return set(value.index.dropna())
        raise MissingColumnError(
            f"known[{table!r}] has no column {column!r} (the ids the dictionary links to); "
            f"columns found: {', '.join(map(str, value.columns))}."
        )
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InputError(f"known[{table!r}] must be a DataFrame, a Series or a list of ids, got {value!r}.")
    return set(pd.Series(list(value), dtype=object).dropna())


def _check_predecessors(df: pd.DataFrame, source: _Source, ids: set, where: str) -> None:
    """Each token ID[:TYPE][+LAG] of a predecessors cell names a known activity (schedule's grammar)."""
    from .schedule import parse_predecessors

    cells = df["predecessors"].dropna()
    owners = df.loc[cells.index, "id"] if "id" in df.columns else cells.index
    for record, cell, owner in zip(cells.index, cells, owners, strict=True):
        try:
            parse_predecessors(cell, activity=owner, known=ids)
        except ValueError as exc:
            raise type(exc)(f"{source.at(record, 'predecessors')}: {exc} (ids from {where})") from None
