"""Schedules from MS Project (MSPDI XML) and Primavera P6 (XER) files, as a :class:`Plan`.

:func:`read_schedule` recognises the format by content, converts durations and lags to working
days (MSPDI: minutes per day of the file; XER: hours per day of each calendar), keeps the leaf
activities (links on summary tasks are expanded to the summary's leaves), the calendars
(working times, holidays, exceptions), constraints, progress at the status (data) date, and the
dates and float the writing tool stored, so pmlib's arithmetic can be compared with it. What a
file holds that pmlib cannot represent is listed in ``plan.warnings``, never dropped silently.

XML is parsed with ``defusedxml``: a file that declares entities (the "billion laughs" and
external-entity attacks) is refused with a clear error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError
from ..schedule.cpm import _Problem, _read_options
from ..schedule.network import _TYPE_CODE, _build, _frame, _parse_links

__all__ = ["Plan", "read_schedule"]

#: Columns of ``plan.activities`` (the table :func:`pmlib.schedule.cpm` takes).
ACTIVITY_COLUMNS = ["id", "name", "duration", "predecessors", "calendar", "constraint_type", "constraint_date",
                    "deadline", "actual_start", "actual_finish", "remaining_duration", "milestone", "float_calendar",
                    "wbs"]
#: Columns of ``plan.stored``: what the file's writer computed (floats in working days).
STORED_COLUMNS = ["early_start", "early_finish", "late_start", "late_finish", "total_float", "free_float",
                  "critical"]


@dataclass
class Plan:
    """A schedule read from a file: activities, links, calendars, dates and warnings.

    Attributes
    ----------
    activities : DataFrame
        One row per leaf activity: ``id`` (the task UID of an MSPDI file, the activity ID of
        a P6 file, as text), ``name``, ``duration`` (working days of the activity's calendar),
        ``predecessors`` (pmlib's ``ID[:TYPE][+LAG]`` notation, lags in working days),
        ``calendar``, ``constraint_type``/``constraint_date``, ``deadline``, ``actual_start``/
        ``actual_finish``/``remaining_duration``, ``milestone`` (``"start"``/``"finish"``
        for zero-duration activities), ``wbs``.
    links : DataFrame
        One row per link: ``predecessor successor type lag lag_calendar`` (two links between
        one pair, of different types, are two rows).
    calendars : dict
        ``{name: Calendar}``; ``default_calendar`` names the project calendar.
    project_start : Timestamp
        The project start; for a P6 file with progress, the data date.
    status_date : Timestamp or None
        The status (data) date progress was measured at.
    warnings : list of str
        Every feature of the file pmlib cannot represent, and what it did instead.
    stored : DataFrame
        The dates and float the writing tool computed (``early_start early_finish late_start
        late_finish total_float free_float critical``, floats in working days): compare with
        :meth:`compare`.

    Examples
    --------
    >>> import pmlib as pm
    >>> plan = pm.io.read_schedule(pm.datasets.data_dir() / "store_fitout.xml")
    >>> plan.activities.loc[plan.activities["id"] == "15", ["name", "predecessors"]].values.tolist()
    [['Lighting installation', '14:SS+1, 14:FF+1']]
    >>> s = pm.schedule.cpm(plan)
    >>> s.dates.loc["21", "early_start"], float(s.table.loc["21", "total_float"])
    (Timestamp('2027-04-01 12:00:00'), -2.5)
    """

    activities: pd.DataFrame
    links: pd.DataFrame
    calendars: dict
    default_calendar: str
    project_start: pd.Timestamp
    status_date: pd.Timestamp | None = None
    warnings: list = field(default_factory=list)
    stored: pd.DataFrame | None = field(default=None, repr=False)
    name: str = ""
    format: str = ""
    source: str = ""
    honor_constraints: bool = False
    lag_calendar: str = "predecessor"
    cap_free_float: bool = True
    zero_free_float_in_progress: bool = False
    _snapshot: tuple | None = field(default=None, repr=False)
    _cache: tuple | None = field(default=None, repr=False)

    def __repr__(self):
        return (f"Plan({self.format} {self.name!r}: {len(self.activities)} activities, {len(self.links)} links, "
                f"{len(self.calendars)} calendar(s), start {self.project_start:%Y-%m-%d}"
                f"{'' if self.status_date is None else f', status {self.status_date:%Y-%m-%d}'}, "
                f"{len(self.warnings)} warning(s))")

    # -------------------------------------------------------------- scheduling
    def _schedule_problem(self, *, duration="duration", honor_constraints=False, status_date=None, start=None,
                          calendars=None, lag_calendar=None) -> _Problem:
        """The scheduling problem :func:`pmlib.schedule.cpm` solves for this plan."""
        if calendars is not None or lag_calendar is not None:
            raise InputError("a Plan brings its own calendars and lag calendar: edit plan.calendars, or schedule "
                             "plan.activities with start= and calendars= instead.")
        # the checked problem is kept while plan.activities, plan.links and the options are unchanged
        key = (duration, bool(honor_constraints), None if status_date is None else str(status_date),
               None if start is None else str(start), id(self.links), len(self.links), tuple(self.calendars))
        if self._cache is not None:
            ckey, snap, links, problem = self._cache
            if ckey == key and self.activities.equals(snap) and self.links.equals(links):
                return problem
        problem = self._build_problem(duration=duration, honor_constraints=honor_constraints,
                                      status_date=status_date, start=start)
        self._cache = (key, self.activities.copy(), self.links.copy(), problem)
        return problem

    def _build_problem(self, *, duration, honor_constraints, status_date, start) -> _Problem:
        df = _frame(self.activities, "plan.activities")
        ids = df["id"].tolist()
        names = list(self.calendars)
        if self.default_calendar in names:
            names.remove(self.default_calendar)
            names.insert(0, self.default_calendar)
        cals = [self.calendars[k] for k in names]
        index = {k: i for i, k in enumerate(names)}
        cal = np.zeros(len(ids), dtype=np.int64)
        for k, (a, v) in enumerate(zip(ids, df["calendar"].tolist() if "calendar" in df.columns else [None] * len(ids),
                                       strict=True)):
            if v is None or (isinstance(v, float) and np.isnan(v)):
                continue
            if v not in index:
                raise InputError(f"plan.activities: activity {a!r} uses calendar {v!r}, which is not in "
                                 f"plan.calendars ({', '.join(map(repr, names))}).")
            cal[k] = index[v]
        pred, succ, code, lag, lag_cal = self._link_arrays(df, ids, index, cal)
        net = _build(ids, df["name"].tolist() if "name" in df.columns else None, df, pred, succ, code, lag,
                     "plan.activities")
        from ..schedule.cpm import _durations

        days = _durations(df, duration, "plan.activities")
        t0 = pd.Timestamp(start) if start is not None else self.project_start
        status = self.status_date if status_date is None else pd.Timestamp(status_date)
        from ..schedule.calendars import timestamps_to_minutes

        p = _Problem(net, days, cals, cal, lag_cal, t0=float(timestamps_to_minutes(t0, "start")[0]),
                     status=None if status is None else float(timestamps_to_minutes(status, "status_date")[0]),
                     honor=bool(honor_constraints or self.honor_constraints), dated=True,
                     cap_free_float=self.cap_free_float,
                     zero_free_float_in_progress=self.zero_free_float_in_progress)
        _read_options(p, df, "plan.activities", index)
        return p

    def _link_arrays(self, df, ids, index, cal):
        """Links as position arrays: the stored table when plan.activities' predecessors are unchanged."""
        snap = self._snapshot
        cells = df["predecessors"].tolist() if "predecessors" in df.columns else [None] * len(ids)
        if snap is not None and snap[0] == ids and snap[1] == cells:
            pos = {a: k for k, a in enumerate(ids)}
            lk = self.links
            pred = np.array([pos[a] for a in lk["predecessor"].tolist()], dtype=np.int64)
            succ = np.array([pos[a] for a in lk["successor"].tolist()], dtype=np.int64)
            code = np.array([_TYPE_CODE[t] for t in lk["type"].tolist()], dtype=np.int8)
            lag = lk["lag"].to_numpy(dtype=float)
            named = lk["lag_calendar"].tolist()
            lag_cal = self._rule(cal, pred, succ)
            for k, v in enumerate(named):
                if isinstance(v, str) and v:
                    if v not in index:
                        raise InputError(f"plan.links: lag calendar {v!r} is not in plan.calendars.")
                    lag_cal[k] = index[v]
            return pred, succ, code, lag, lag_cal
        pred, succ, code, lag = _parse_links(ids, cells)
        return pred, succ, code, lag, self._rule(cal, pred, succ)

    def _rule(self, cal, pred, succ):
        return (cal[succ] if self.lag_calendar == "successor" else cal[pred]).copy()

    # -------------------------------------------------------------- comparison
    def compare(self, result=None) -> pd.DataFrame:
        """How far pmlib's schedule agrees with the dates and float the file's writer stored.

        Parameters
        ----------
        result : CPMResult, optional
            ``pm.schedule.cpm(plan)`` (computed when not given).

        Returns
        -------
        DataFrame
            One row per activity with stored values: for each of ``early_start early_finish
            late_start late_finish`` the stored and computed Timestamps, for ``total_float
            free_float`` (working days) both numbers, and a ``match`` column per field
            (dates to the minute, floats to 0.01 day). ``agreement(table)`` summarises it.
        """
        if self.stored is None:
            raise InputError("this plan has no stored dates to compare with (the file did not hold any).")
        if result is None:
            from ..schedule import cpm

            result = cpm(self)
        stored = self.stored
        ids = [a for a in stored.index if a in result.table.index]
        rows = {}
        for col in ("early_start", "early_finish", "late_start", "late_finish"):
            got = result.dates.loc[ids, col]
            want = stored.loc[ids, col]
            rows[f"{col}_file"] = want
            rows[f"{col}_pmlib"] = got
            rows[f"{col}_match"] = (got - want).abs() <= pd.Timedelta(minutes=1)
        for col in ("total_float", "free_float"):
            got = result.table.loc[ids, col].astype(float)
            want = stored.loc[ids, col].astype(float)
            rows[f"{col}_file"] = want
            rows[f"{col}_pmlib"] = got
            rows[f"{col}_match"] = (got - want).abs() <= 0.01
        out = pd.DataFrame(rows, index=pd.Index(ids, name="id"))
        comparable = stored.loc[ids, "early_start"].notna() & stored.loc[ids, "total_float"].notna()
        return out[comparable.to_numpy()]

    def agreement(self, result=None) -> pd.Series:
        """Share of activities on which pmlib and the file's writer agree, per field (see :meth:`compare`).

        >>> import pmlib as pm
        >>> plan = pm.io.read_schedule(pm.datasets.data_dir() / "store_fitout.xml")
        >>> plan.stored is None      # written for the course: it stores no dates to compare with
        True
        """
        return agreement(self.compare(result))


def agreement(comparison: pd.DataFrame) -> pd.Series:
    """Share of activities whose stored and computed values match, per field (from :meth:`Plan.compare`)."""
    cols = [c for c in comparison.columns if c.endswith("_match")]
    out = comparison[cols].mean()
    out.index = [c[: -len("_match")] for c in cols]
    out["activities"] = float(len(comparison))
    return out


# ---------------------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------------------
def _read_bytes(path) -> tuple[bytes, str]:
    if isinstance(path, bytes | bytearray):
        return bytes(path), "<bytes>"
    if hasattr(path, "read"):
        data = path.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        return data, getattr(path, "name", "<file>")
    if not isinstance(path, str | os.PathLike):
        raise InputError(f"path must be a file path or an open file, got {type(path).__name__}.")
    if not os.path.exists(path):
        raise InputError(f"{os.fspath(path)}: no such file.")
    if os.path.isdir(path):
        raise InputError(f"{os.fspath(path)} is a folder, not a schedule file.")
    with open(path, "rb") as fh:
        return fh.read(), os.fspath(path)


def read_schedule(path) -> Plan:
    """Read an MS Project XML (MSPDI) or Primavera P6 XER schedule into a :class:`Plan`.

    The format is recognised by content (an XER file starts with ``ERMHDR``; an MSPDI file is
    XML whose root is MS Project's ``Project`` element), not by the file name.

    MSPDI: durations are working time converted with the file's minutes per day, lags are in
    tenths of minutes (or a percentage of the predecessor's duration), link types 0 = FF,
    1 = FS, 2 = SF, 3 = SS; elapsed durations and lags run on a 24-hour calendar; lags are
    counted on the successor's calendar. XER: durations in hours over each calendar's hours
    per day; lags on the calendar the project's scheduling options name (the predecessor's by
    default); the data date is the project start.

    Parameters
    ----------
    path : str, path or file-like
        The file (or its bytes, or an open file).

    Returns
    -------
    Plan
        ``plan.activities`` (the table :func:`pmlib.schedule.cpm` takes), ``plan.calendars``,
        ``plan.project_start``, ``plan.status_date``, ``plan.warnings``, ``plan.stored``.

    Raises
    ------
    ValueError
        An unknown format, a broken file (the message names the line), an XML file that
        declares entities (refused: billion-laughs or external-entity attacks), links that
        form a cycle.

    Examples
    --------
    >>> import pmlib as pm
    >>> plan = pm.io.read_schedule(pm.datasets.data_dir() / "store_fitout.xml")
    >>> plan.format, len(plan.activities), plan.project_start
    ('MSPDI', 17, Timestamp('2027-02-01 08:00:00'))
    >>> pm.schedule.cpm(plan).finish
    Timestamp('2027-04-01 12:00:00')

    References
    ----------
    Microsoft, *Project XML Data Interchange Schema* (MSPDI) reference; Oracle, *Primavera P6
    XER import/export* table reference.
    """
    data, source = _read_bytes(path)
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not data.strip():
        raise InputError(f"{source} is empty: give an MS Project XML (MSPDI) or Primavera P6 XER file.")
    if head.startswith(b"ERMHDR"):
        from ._xer import read_xer

        return read_xer(data, source)
    if head.startswith(b"<"):
        from ._mspdi import read_mspdi

        return read_mspdi(data, source)
    if head[:2] in (b"\xd0\xcf",):
        raise InputError(f"{source} looks like a binary MS Project file (.mpp): save it from MS Project as XML "
                         "(File > Save As > XML format) and read that.")
    raise InputError(f"{source} is neither an MS Project XML (MSPDI) nor a Primavera P6 XER file; "
                     "export the schedule in one of those formats.")


# ---------------------------------------------------------------------------------------
# shared assembly of a Plan from the records a reader found
# ---------------------------------------------------------------------------------------
def _notation(pid, typ, lag) -> str:
    text = str(pid)
    if typ != "FS":
        text += f":{typ}"
    if lag:
        text += f"{lag:+.6g}"
    return text


def assemble(*, tasks: pd.DataFrame, links: pd.DataFrame, calendars: dict, default_calendar: str,
             project_start, status_date, warnings: list, stored: pd.DataFrame | None, name: str, fmt: str,
             source: str, honor_constraints: bool, lag_calendar: str, cap_free_float: bool = True) -> Plan:
    """Build the Plan: predecessor notation from the links, snapshot for cpm, a cycle check."""
    tasks = tasks.reset_index(drop=True)
    for col in ACTIVITY_COLUMNS:
        if col not in tasks.columns:
            tasks[col] = None
    ids = tasks["id"].tolist()
    pos = {a: k for k, a in enumerate(ids)}
    links = links.reset_index(drop=True)
    if len(links):
        links["lag"] = links["lag"].astype(float).round(9)
    cells: list = [[] for _ in ids]
    for p, s, t, lag in zip(links["predecessor"].tolist(), links["successor"].tolist(), links["type"].tolist(),
                            links["lag"].tolist(), strict=True):
        cells[pos[s]].append(_notation(p, t, lag))
    tasks["predecessors"] = [", ".join(c) for c in cells]
    tasks = tasks[ACTIVITY_COLUMNS + [c for c in tasks.columns if c not in ACTIVITY_COLUMNS]]
    plan = Plan(activities=tasks, links=links[["predecessor", "successor", "type", "lag", "lag_calendar"]],
                calendars=calendars, default_calendar=default_calendar,
                project_start=pd.Timestamp(project_start),
                status_date=None if status_date is None else pd.Timestamp(status_date), warnings=warnings,
                stored=stored, name=name, format=fmt, source=source, honor_constraints=honor_constraints,
                lag_calendar=lag_calendar, cap_free_float=cap_free_float)
    plan._snapshot = (list(ids), tasks["predecessors"].tolist())
    # check the network once (a cycle in the file is an error here, not at cpm time)
    pred = np.array([pos[a] for a in links["predecessor"].tolist()], dtype=np.int64)
    succ = np.array([pos[a] for a in links["successor"].tolist()], dtype=np.int64)
    code = np.array([_TYPE_CODE[t] for t in links["type"].tolist()], dtype=np.int8)
    _build(ids, None, tasks, pred, succ, code, links["lag"].to_numpy(dtype=float), f"{source} links")
    return plan


def dedupe_links(links: pd.DataFrame, warnings: list, what: str) -> pd.DataFrame:
    """Keep one link per (predecessor, successor, type): the binding one (largest lag)."""
    if links.empty:
        return links
    key = ["predecessor", "successor", "type"]
    dup = links.duplicated(key, keep=False)
    if dup.any():
        n = int(links[dup].groupby(key).ngroups)
        links = links.sort_values("lag", ascending=False, kind="stable").drop_duplicates(key).sort_index()
        warnings.append(f"{n} activity pair(s) linked twice with the same type after {what}: kept the link with "
                        "the larger lag (it is the one that binds).")
    return links

