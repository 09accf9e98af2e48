"""Issue-tracker exports (Jira, Azure DevOps) as a table of work items.

:func:`read_issues` reads the CSV a tracker exports and returns the columns of the course's
``work_items`` table, so that :func:`pmlib.agile.flow_metrics` and the lesson's code run on
it unchanged:

==========  ===============================  =====================================
column      Jira CSV export                  Azure DevOps query export (CSV)
==========  ===============================  =====================================
key         Issue key                        ID
type        Issue Type                       Work Item Type
summary     Summary                          Title
points      Custom field (Story Points),     Story Points (Agile), Effort (Scrum),
            Custom field (Story point        Size (CMMI)
            estimate)
status      Status                           State
created     Created                          Created Date
started     (none by default; a "Start       Activated Date
            date" custom field if any)
done        Resolved                         Closed Date (else Resolved Date)
sprint_id   Sprint (the last one listed)     Iteration Path (its last part)
release_id  Fix Version/s                    (none)
resolution  Resolution                       Reason
==========  ===============================  =====================================

Column names are matched ignoring case and spaces; repeated columns (Jira writes one
``Sprint`` column per sprint an issue was in) are combined. Another tracker, or a renamed
field, is read with ``columns={"points": "Estimate", ...}``.

What an export lacks is said, never filled in: a Jira export has no start dates, so cycle
time and WIP are unknown, and :func:`read_issues` warns (``IssueExportWarning``) and lists it
in ``table.attrs["notes"]``; lead time (created to done) and throughput still work.
"""

from __future__ import annotations

import csv
import io as _io
import os
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .._validate import Options, Text, params
from ..errors import InputError, MissingColumnError

__all__ = ["read_issues", "IssueExportWarning", "FIELDS", "SOURCES"]

#: The columns of the returned table, in order (those of ``datasets/work_items.csv``, plus resolution).
FIELDS = ["key", "type", "summary", "points", "status", "created", "started", "done", "sprint_id",
          "release_id", "resolution"]

#: Column names of each tracker's export, most usual first.
SOURCES = {
    "jira": {
        "key": ["Issue key"],
        "type": ["Issue Type"],
        "summary": ["Summary"],
        "points": ["Custom field (Story Points)", "Custom field (Story point estimate)", "Story Points",
                   "Story point estimate"],
        "status": ["Status"],
        "created": ["Created"],
        "started": ["Custom field (Start date)", "Start date", "Custom field (Start Date)"],
        "done": ["Resolved"],
        "sprint_id": ["Sprint"],
        "release_id": ["Fix Version/s", "Fix versions", "Fix Version"],
        "resolution": ["Resolution"],
    },
    "azure": {
        "key": ["ID"],
        "type": ["Work Item Type"],
        "summary": ["Title"],
        "points": ["Story Points", "Effort", "Size"],
        "status": ["State"],
        "created": ["Created Date"],
        "started": ["Activated Date"],
        "done": ["Closed Date", "Resolved Date"],
        "sprint_id": ["Iteration Path"],
        "release_id": [],
        "resolution": ["Reason"],
    },
    "pmlib": {f: [f] for f in FIELDS},
}

_REQUIRED = ["key", "created", "done"]
_DATES = ["created", "started", "done"]

# Tried in order on every value of a date column; the first format that reads them all wins.
_FORMATS = [
    "ISO8601",
    "%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "%d/%b/%y", "%d/%b/%Y",  # Jira
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y",  # US
    "%d/%m/%Y %I:%M:%S %p", "%d/%m/%Y %I:%M %p",                                           # day first
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y",
]
_DAY_FIRST = {"%m/%d/%Y %I:%M:%S %p": "%d/%m/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p": "%d/%m/%Y %I:%M %p",
              "%m/%d/%Y %H:%M:%S": "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M": "%d/%m/%Y %H:%M",
              "%m/%d/%Y": "%d/%m/%Y"}

# Resolutions (Jira) and reasons (Azure DevOps) that close an item without delivering it.
_NOT_DELIVERED = {"won't do", "wont do", "won't fix", "wont fix", "duplicate", "cannot reproduce", "incomplete",
                  "declined", "obsolete", "rejected", "abandoned", "cut", "deferred", "removed",
                  "removed from the backlog", "as designed", "not a bug", "out of scope"}


class IssueExportWarning(UserWarning):
    """Something the export lacks (start dates, points) or holds that needs the analyst's eye."""


def _norm(name: str) -> str:
    return re.sub(r"\s+", "", str(name)).lower()


def _read_text(path) -> tuple[str, str]:
    """The file's text (BOM removed) and its name, for messages."""
    if hasattr(path, "read"):
        data = path.read()
        name = getattr(path, "name", "the export")
    else:
        if not isinstance(path, str | os.PathLike):
            raise InputError(f"path must be a file path or an open file, got {type(path).__name__}.")
        p = Path(path)
        if not p.is_file():
            raise InputError(f"{p} does not exist or is not a file: give the path of the CSV export.")
        data = p.read_bytes()
        name = p.name
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            data = data.decode("cp1252")  # Excel on Windows saves CSV in the ANSI code page
    return data.lstrip("\ufeff"), Path(str(name)).name


def _raw_columns(text: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows as read by the csv module: repeated column names stay repeated."""
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(_io.StringIO(text), dialect))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise InputError("the export is empty: it has no header row.")
    return [h.strip() for h in rows[0]], rows[1:]


def _detect(header: list[str]) -> str:
    names = {_norm(h) for h in header}
    if _norm("Issue key") in names:
        return "jira"
    if _norm("Work Item Type") in names and _norm("ID") in names:
        return "azure"
    if {"key", "created", "done"} <= names:
        return "pmlib"
    raise MissingColumnError(
        "this file is not a Jira or Azure DevOps export pmlib recognises (no 'Issue key' column, no "
        f"'ID' with 'Work Item Type'); columns found: {', '.join(header) or 'none'}. Pass source= and, "
        "for other trackers, columns={'key': ..., 'created': ..., 'done': ...}."
    )


def _positions(header: list[str], candidates: list[str]) -> list[int]:
    """Positions of the first candidate present (all of its repeats), else []."""
    normed = [_norm(h) for h in header]
    for cand in candidates:
        pos = [i for i, h in enumerate(normed) if h == _norm(cand)]
        if pos:
            return pos
    return []


def _combine(rows: list[list[str]], pos: list[int]) -> list[str]:
    """One value per row: the last non-empty cell among the repeated columns."""
    out = []
    for r in rows:
        value = ""
        for i in pos:
            if i < len(r) and r[i].strip():
                value = r[i].strip()
        out.append(value)
    return out


def _parse_dates(values: pd.Series, field: str, column: str, date_format, dayfirst, keys, file, notes):
    filled = values[values != ""]
    if filled.empty:
        return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    formats = [date_format] if date_format is not None else list(_FORMATS)
    if dayfirst and date_format is None:
        us = [f for f in formats if f.startswith("%m/")]
        formats = [f for f in formats if f not in us] + us
    unread = pd.Series(True, index=filled.index)
    for fmt in formats:
        parsed = pd.to_datetime(filled, format=fmt, errors="coerce")
        if parsed.notna().all():
            break
        unread &= parsed.isna()
    else:
        if unread.any():
            bad = unread[unread].index[0]
            tried = f"the format {date_format!r}" if date_format is not None else \
                "ISO 8601, Jira's 09/Oct/25 1:42 PM, 10/9/2025 1:42:00 PM and day-first forms"
            raise InputError(
                f"{file}: column {column!r} ({field}), item {keys[bad]!r}: {values[bad]!r} is not a date pmlib "
                f"reads (tried {tried}). Pass date_format=, e.g. date_format='%d-%m-%Y %H:%M'."
            )
        raise InputError(f"{file}: column {column!r} ({field}) mixes date formats (e.g. {filled.iloc[0]!r}); export "
                         "the dates in one format, or pass date_format=.")
    if fmt in _DAY_FIRST and date_format is None:
        other = pd.to_datetime(filled, format=_DAY_FIRST[fmt], errors="coerce")
        if other.notna().all() and not other.equals(parsed):
            notes.append(f"column {column!r}: dates such as {filled.iloc[0]!r} were read month first (US, "
                         f"{fmt}); pass dayfirst=True if your export writes the day first.")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    out[filled.index] = parsed.astype("datetime64[ns]")
    too_far = (out < pd.Timestamp("1900-01-01")) | (out > pd.Timestamp("2200-01-01"))
    if too_far.any():
        i = int(np.flatnonzero(too_far.to_numpy())[0])
        raise InputError(f"{file}: column {column!r}, item {keys[i]!r}: {values.iloc[i]!r} is not a plausible date.")
    return out


def _parse_points(values: pd.Series, column: str, keys, file) -> pd.Series:
    cleaned = values.str.replace(",", ".", regex=False)
    out = pd.to_numeric(cleaned.where(cleaned != ""), errors="coerce")
    bad = (cleaned != "") & out.isna()
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"{file}: column {column!r}, item {keys[i]!r}: {values.iloc[i]!r} is not a number of points.")
    neg = out < 0
    if neg.any():
        i = int(np.flatnonzero(neg.to_numpy())[0])
        raise InputError(f"{file}: column {column!r}, item {keys[i]!r} has {out.iloc[i]:g} points: points are >= 0.")
    if np.isinf(out).any():
        i = int(np.flatnonzero(np.isinf(out).to_numpy())[0])
        raise InputError(f"{file}: column {column!r}, item {keys[i]!r}: infinite points.")
    return out.astype(float)


@params(source=Options("jira", "azure", "pmlib", allow_none=True), date_format=Text(allow_none=True))
def read_issues(path, *, source=None, columns=None, date_format=None, dayfirst=False) -> pd.DataFrame:
    """Read a Jira or Azure DevOps CSV export into the course's table of work items.

    Parameters
    ----------
    path : str, Path or open file
        The CSV export (Jira: Filters > Export > CSV; Azure DevOps: a query's "Export to CSV").
        Read only, never modified. UTF-8 with or without a byte-order mark, or Windows-1252;
        comma, semicolon or tab separated.
    source : {"jira", "azure", "pmlib"}, optional
        Which tracker wrote it; recognised from the columns when omitted ("Issue key" for
        Jira, "ID" and "Work Item Type" for Azure DevOps, ``key``/``created``/``done`` for a
        file shaped like ``work_items.csv``).
    columns : dict, optional
        ``{field: column name in your file}`` for any of the fields listed in
        :data:`FIELDS`, overriding the defaults: a custom points field, another tracker.
    date_format : str, optional
        strftime format of the dates when pmlib does not recognise them.
    dayfirst : bool
        Read ambiguous dates such as 03/04/2026 as 3 April (default: month first, as Azure
        DevOps writes them in US English).

    Returns
    -------
    DataFrame
        One row per work item with the columns of :data:`FIELDS`: text, ``points`` (float, NaN
        when unestimated), dates as ``datetime64`` (NaT when empty). ``attrs["source"]``,
        ``attrs["columns"]`` (which column of the file became which field) and
        ``attrs["notes"]`` (what the export lacks; each note is also issued as an
        :class:`IssueExportWarning`).

    Raises
    ------
    MissingColumnError
        A required field (key, created, done) has no column; the message lists those found.
    InputError
        A date or number that does not read, a duplicate key; the message names the file, the
        column and the item.

    Examples
    --------
    >>> import io, warnings
    >>> export = io.StringIO("Issue key,Issue Type,Status,Created,Resolved,Custom field (Story Points)\\n"
    ...                      "WEB-1,Story,Done,02/Mar/26 9:00 AM,05/Mar/26 4:30 PM,3\\n")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     items = read_issues(export)
    >>> items.loc[0, "key"], float(items.loc[0, "points"]), str(items.loc[0, "done"])
    ('WEB-1', 3.0, '2026-03-05 16:30:00')
    >>> items.attrs["notes"][0][:42]
    'no start dates in the export (Jira exports'
    """
    text, file = _read_text(path)
    header, rows = _raw_columns(text)
    if source is None:
        try:
            source = _detect(header)
        except MissingColumnError:
            if columns is None:
                raise
            source = "pmlib"  # another tracker, mapped column by column
    spec = {f: list(c) for f, c in SOURCES[source].items()}
    if columns is not None:
        if not isinstance(columns, dict):
            raise InputError("columns must be a dict {field: column name}, e.g. {'points': 'Estimate'}.")
        unknown = [f for f in columns if f not in FIELDS]
        if unknown:
            raise InputError(f"columns names unknown field(s) {', '.join(map(repr, unknown))}; fields: {', '.join(FIELDS)}.")
        for f, c in columns.items():
            if not isinstance(c, str):
                raise InputError(f"columns[{f!r}] must be a column name (text), got {c!r}.")
            spec[f] = [c]
    found = {f: _positions(header, spec[f]) for f in FIELDS}
    missing = [f for f in _REQUIRED if not found[f]]
    if missing:
        wanted = "; ".join(f"{f}: {' or '.join(repr(c) for c in spec[f]) or 'no default'}" for f in missing)
        raise MissingColumnError(
            f"{file} ({source} export) lacks the column(s) for {', '.join(missing)} ({wanted}); columns found: "
            f"{', '.join(header)}. Add them to the export, or map them with columns={{...}}."
        )
    raw = pd.DataFrame({f: _combine(rows, pos) if pos else [""] * len(rows) for f, pos in found.items()},
                       dtype=object)
    if raw.empty:
        raise InputError(f"{file} has a header but no work items.")
    keys = raw["key"].tolist()
    empty_key = raw["key"] == ""
    if empty_key.any():
        raise InputError(f"{file}: data row {int(np.flatnonzero(empty_key.to_numpy())[0]) + 1} has no "
                         f"{header[found['key'][0]]!r}: every work item needs its key.")
    dup = raw["key"][raw["key"].duplicated()]
    if not dup.empty:
        raise InputError(f"{file}: item {dup.iloc[0]!r} appears more than once: export each item once.")
    notes: list[str] = []
    used = {f: header[pos[-1]] for f, pos in found.items() if pos}
    out = pd.DataFrame(index=raw.index)
    for f in FIELDS:
        if f in _DATES:
            if found[f]:
                out[f] = _parse_dates(raw[f], f, used[f], date_format, dayfirst, keys, file, notes)
            else:
                out[f] = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
        elif f == "points":
            out[f] = _parse_points(raw[f].astype(str), used[f], keys, file) if found[f] else np.nan
        else:
            out[f] = raw[f].where(raw[f] != "").astype(object) if found[f] else np.nan
    if found["sprint_id"] and source == "azure":
        out["sprint_id"] = out["sprint_id"].map(lambda p: p.replace("/", "\\").split("\\")[-1] if isinstance(p, str) else p)
    if not found["started"] or out["started"].isna().all():
        why = "Jira exports have no start date unless a custom field holds one" if source == "jira" else \
            "its start-date column is missing or empty"
        notes.insert(0, f"no start dates in the export ({why}): cycle time and WIP cannot be computed; "
                        "lead time (created to done) and throughput still work in pm.agile.flow_metrics.")
    if not found["points"]:
        notes.append("no story points column in the export: count items (throughput) instead of points, "
                     "or map the points field with columns={'points': ...}.")
    if found["status"] and found["done"]:
        # Azure DevOps' Resolved state is "code complete, not closed": only Jira's Resolved is finished
        closed_words = ("done", "closed", "complete", "completed") + (("resolved",) if source == "jira" else ())
        looks_done = out["status"].fillna("").str.lower().isin(closed_words)
        undated = looks_done & out["done"].isna()
        if undated.any():
            notes.append(f"{int(undated.sum())} item(s) have status Done/Closed but no {used['done']!r} date "
                         f"(e.g. {out.loc[undated, 'key'].iloc[0]!r}): their finish day is unknown, so they count "
                         "as open; fix the workflow's resolution or the export.")
    if found["resolution"]:
        res = out["resolution"].fillna("").str.strip().str.lower()
        not_delivered = out["done"].notna() & res.isin(_NOT_DELIVERED)
        if not_delivered.any():
            kinds = ", ".join(sorted(set(out.loc[not_delivered, "resolution"])))
            keys_nd = ", ".join(out.loc[not_delivered, "key"].astype(str).head(3))
            notes.append(f"{int(not_delivered.sum())} item(s) were closed without being delivered ({kinds}: "
                         f"{keys_nd}): they count in throughput unless you drop them, e.g. "
                         f"items[items.resolution != {out.loc[not_delivered, 'resolution'].iloc[0]!r}].")
    out.attrs = {"source": source, "columns": used, "notes": notes, "file": file}
    for note in notes:
        warnings.warn(f"{file}: {note}", IssueExportWarning, stacklevel=3)
    return out
