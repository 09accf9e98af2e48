"""The Alderbrook Retail Group: the organisation every notebook uses.

The tables are CSV files in the repository's ``datasets/`` folder. Their data dictionary,
``datasets/README.md``, is also their schema: :func:`load` reads each column's type from it,
so the documentation and the data cannot silently drift apart.

>>> import pmlib as pm
>>> "projects" in pm.datasets.names()
True
>>> pm.datasets.load("projects").loc[0, "id"]
'P01'
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ._validate import require_columns
from .errors import InputError, UnknownDatasetError

__all__ = ["names", "load", "read_csv", "schema", "describe", "data_dir", "STATUS_DATE"]

#: The organisation's status date: in-flight projects report up to this month-end.
STATUS_DATE = pd.Timestamp("2026-10-31")

_TYPES = {"string", "integer", "float", "date", "boolean"}


def data_dir() -> Path:
    """Folder holding the CSV files (``$PMLIB_DATA_DIR`` overrides the repository's ``datasets/``)."""
    env = os.environ.get("PMLIB_DATA_DIR")
    path = Path(env) if env else Path(__file__).resolve().parent.parent / "datasets"
    if not (path / "README.md").is_file():
        raise FileNotFoundError(
            f"pmlib's data folder {path} was not found. Install pmlib from a clone of the "
            "repository in editable mode (`pip install -e .`, which `make lab` does), or set "
            "PMLIB_DATA_DIR to the folder holding the CSV files and README.md."
        )
    return path


@dataclass(frozen=True)
class Column:
    """One row of a data dictionary.

    The ``type`` cell holds the base type, then optionally a range and ``key``:
    ``float [0, 1]``, ``float >= 0``, ``integer > 0``, ``string key`` (a unique id).
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


_TYPE_CELL = re.compile(
    r"^(?P<base>[a-z]+)"
    r"(?:\s+(?:(?P<lb>[\[(])\s*(?P<lo>-?[\d.]+)\s*,\s*(?P<hi>-?[\d.]+)\s*(?P<rb>[\])])"
    r"|(?P<op>>=|>|<=|<)\s*(?P<bound>-?[\d.]+)))?"
    r"(?P<key>\s+key)?$"
)


def _parse_type(cell: str, table: str, column: str) -> dict:
    """``'float [0, 1]'`` -> dict(type='float', low=0.0, high=1.0, ...); InputError otherwise."""
    m = _TYPE_CELL.match(cell.strip())
    if not m or m.group("base") not in _TYPES:
        raise InputError(
            f"datasets/README.md, table {table}.csv, column {column}: unknown type {cell!r} "
            f"(use one of {', '.join(sorted(_TYPES))}, optionally with a range such as "
            "'float [0, 1]' or 'float >= 0', and 'key' for a unique id)."
        )
    out = {"type": m.group("base"), "key": bool(m.group("key"))}
    if m.group("lb"):
        out.update(low=float(m.group("lo")), high=float(m.group("hi")),
                   low_open=m.group("lb") == "(", high_open=m.group("rb") == ")")
    elif m.group("op"):
        op, bound = m.group("op"), float(m.group("bound"))
        if op.startswith(">"):
            out.update(low=bound, low_open=op == ">")
        else:
            out.update(high=bound, high_open=op == "<")
    return out


@functools.lru_cache(maxsize=4)
def _schemas(readme_path: str, mtime: float) -> dict[str, tuple[Column, ...]]:
    text = Path(readme_path).read_text(encoding="utf-8")
    schemas: dict[str, tuple[Column, ...]] = {}
    # A section starts with a heading `### `name.csv`` and holds one markdown table.
    for match in re.finditer(r"^###\s+`([A-Za-z0-9_]+)\.csv`\s*$", text, flags=re.M):
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
    readme = data_dir() / "README.md"
    return _schemas(str(readme), readme.stat().st_mtime)


def names() -> list[str]:
    """Names of the bundled data sets (the CSV files in ``datasets/``), sorted."""
    return sorted(p.stem for p in data_dir().glob("*.csv"))


def schema(name: str) -> pd.DataFrame:
    """The data dictionary of one data set: column, type, unit, links_to, description."""
    _check_name(name)
    cols = _all_schemas().get(name)
    if cols is None:
        raise UnknownDatasetError(f"datasets/README.md has no dictionary for {name}.csv: add a section for it.")
    return pd.DataFrame([c.__dict__ for c in cols]).rename(columns={"name": "column"})


def describe(name: str) -> str:
    """The data dictionary of ``name`` as plain text, for a quick look in a notebook."""
    return schema(name).to_string(index=False)


def _check_name(name: str) -> None:
    if not isinstance(name, str):
        raise UnknownDatasetError(f"name must be a string such as 'projects', got {name!r}.")
    known = names()
    if name not in known:
        raise UnknownDatasetError(
            f"No data set called {name!r}. Known data sets: {', '.join(known)}."
        )


def load(name: str, path=None) -> pd.DataFrame:
    """Load a bundled data set, or your own file shaped like it, with the dictionary's types.

    Parameters
    ----------
    name : str
        One of :func:`names`, e.g. ``"projects"``.
    path : str, Path or None
        Your own CSV file shaped like ``name``: read and checked with
        ``read_csv(path, like=name)``. None (the default) loads the bundled table. This is the
        one idiom the lessons use for their ``parameters`` cell: ``load("projects", projects_path)``.

    Returns
    -------
    DataFrame
        A fresh copy each call: change it freely. Dates are ``datetime64``, integers are
        ``int64`` (nullable ``Int64`` where cells are empty), strings ``str``/``object``, empty id cells are ``NA``.

    >>> load("strategic_objectives")["weight"].sum().round(6)
    np.float64(1.0)
    """
    if path is not None:
        return read_csv(path, like=name)
    _check_name(name)
    path = data_dir() / f"{name}.csv"
    # Notebooks and widgets load the same table many times: cache the parsed file, hand out copies.
    return _load_cached(str(path), path.stat().st_mtime, name).copy(deep=True)


@functools.lru_cache(maxsize=64)
def _load_cached(path: str, mtime: float, name: str) -> pd.DataFrame:
    return read_csv(path, like=name)


def read_csv(path, like: str, **kwargs) -> pd.DataFrame:
    """Read a CSV (yours or a bundled one) and validate it against the dictionary of ``like``.

    Every column of the dictionary must be present (a clear error lists the missing ones and
    the ones found); each is converted to its documented type, and a value that does not
    convert is reported with its row number. Extra columns are kept as read.
    """
    schemas = _all_schemas()
    if like not in schemas:
        raise UnknownDatasetError(f"like={like!r} is not a documented data set; known: {', '.join(schemas)}.")
    df = _read_typed(path, like, schemas, kwargs)
    _check_rules(df, schemas[like], _file_name(path))
    return df


def _file_name(path) -> str:
    return Path(path).name if isinstance(path, str | os.PathLike) else getattr(path, "name", "the file")


def _check_rules(df: pd.DataFrame, columns, file: str) -> None:
    """Ranges and unique keys of the data dictionary; the error names file, line and column."""
    for col in columns:
        if col.name not in df.columns:
            continue
        s = df[col.name]
        if col.key:
            dup = s.duplicated(keep="first") & s.notna()
            if dup.any():
                row = int(dup.to_numpy().nonzero()[0][0])
                raise InputError(
                    f"{file}: column {col.name!r}, line {row + 2} repeats the id {s.iloc[row]!r}: "
                    "each id must appear once. Remove or rename the duplicate row."
                )
        if col.low is None and col.high is None:
            continue
        values = pd.to_numeric(s, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        bad = np.zeros(len(values), dtype=bool)
        with np.errstate(invalid="ignore"):
            if col.low is not None:
                bad |= (values <= col.low) if col.low_open else (values < col.low)
            if col.high is not None:
                bad |= (values >= col.high) if col.high_open else (values > col.high)
        if bad.any():
            row = int(bad.nonzero()[0][0])
            rng = (f"{'(' if col.low_open else '['}{col.low:g}, {col.high:g}{')' if col.high_open else ']'}"
                   if col.low is not None and col.high is not None else
                   f"{'>' if col.low_open else '>='} {col.low:g}" if col.low is not None else
                   f"{'<' if col.high_open else '<='} {col.high:g}")
            raise InputError(
                f"{file}: column {col.name!r}, line {row + 2} holds {s.iloc[row]!r}, outside the "
                f"documented range {rng}. Fix that cell."
            )


def _read_typed(path, like: str, schemas, kwargs) -> pd.DataFrame:
    typed = {c.name: c.type for c in schemas[like]}
    try:
        df = _fast_read(path, typed, kwargs)
    except (ValueError, TypeError):
        df = None
    if df is None:  # slow path: find the exact bad cell for the message
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], **kwargs)
        require_columns(df, list(typed), f"{Path(path).name}")
        for column, typ in typed.items():
            df[column] = _convert(df[column], typ, column, Path(path).name)
    return df


def _fast_read(path, typed: dict, kwargs) -> pd.DataFrame | None:
    """One typed read_csv; None when a column is missing or anything needs a closer look."""
    dtypes = {c: {"string": str, "float": "float64"}[t] for c, t in typed.items() if t in ("string", "float")}
    df = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""], **kwargs)
    if any(c not in df.columns for c in typed):
        return None
    for column, typ in typed.items():
        s = df[column]
        if typ == "integer":
            if s.dtype.kind == "i":
                continue
            if s.dtype.kind != "f" or ((s.dropna() % 1) != 0).any():
                return None
            df[column] = s.astype("Int64")
        elif typ == "date":
            out = pd.to_datetime(s, errors="coerce", format="%Y-%m-%d")
            if (out.isna() & s.notna()).any():
                return None
            df[column] = out
        elif typ == "boolean":
            return None
    return df


def _convert(s: pd.Series, typ: str, column: str, file: str) -> pd.Series:
    def fail(mask):
        row = int(mask.to_numpy().nonzero()[0][0])
        raise InputError(
            f"{file}: column {column!r}, row {row + 2} (line in the file) holds {s.iloc[row]!r}, "
            f"which is not a valid {typ}. Fix that cell."
        )

    if typ == "string":
        return s
    if typ in ("float", "integer"):
        out = pd.to_numeric(s, errors="coerce")
        bad = out.isna() & s.notna()
        if bad.any():
            fail(bad)
        if typ == "integer":
            if ((out.dropna() % 1) != 0).any():
                fail(out.notna() & (out % 1 != 0))
            # plain int64 when complete (numpy/scipy friendly), nullable Int64 when cells are empty
            return out.astype("int64") if out.notna().all() else out.astype("Int64")
        return out.astype(float)
    if typ == "date":
        out = pd.to_datetime(s, errors="coerce", format="%Y-%m-%d")
        bad = out.isna() & s.notna()
        if bad.any():
            fail(bad)
        return out
    if typ == "boolean":
        mapping = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}
        low = s.str.lower()
        bad = s.notna() & ~low.isin(list(mapping))
        if bad.any():
            fail(bad)
        return low.map(mapping).astype("boolean")
    raise AssertionError(typ)
