"""Critical path method on numbers, or on working calendars with real dates.

On numbers (the textbook case) every time is a number of duration units from the project
start (0). On calendars (``start=`` given, or a :class:`~pmlib.io.Plan` from a file) each
activity works on its own :class:`~pmlib.schedule.Calendar` and each time is a *working-time
coordinate* of that calendar: adding a duration is an addition, and only a link between two
activities on different calendars (or a lag counted on a third one) converts through a date.
So both cases are one forward and one backward pass over a topological order, linear in
activities plus links.

What the passes honour, in the activity table (all optional columns):

``constraint_type`` / ``constraint_date``
    ``SNET`` start no earlier than, ``SNLT`` start no later than, ``FNET`` finish no earlier
    than, ``FNLT`` finish no later than, ``MSO`` must start on, ``MFO`` must finish on (both
    bounds), ``ALAP`` as late as possible (the activity uses up its free float), ``ASAP``
    (none). Early dates follow the links when a no-later-than or must date cannot be met;
    the conflict shows as negative total float (``honor_constraints=True`` moves the early
    dates to the constraint date anyway, as MS Project's "tasks will always honor their
    constraint dates" does, and float still shows the conflict).
``actual_start`` / ``actual_finish`` / ``remaining_duration``
    Progress at ``status_date`` (the data date): a finished activity keeps its actual dates
    and has no float; an activity in progress resumes its remaining work at the status date
    at the earliest (``early_start`` is that resumption, as Primavera P6 reports it); work
    not started starts at the status date at the earliest.
``calendar``
    The name of the activity's calendar in ``calendars`` (the first one by default).
``deadline``
    A date the activity should finish by: it limits the late finish (negative float when
    missed) without moving the early dates (MS Project's deadline).
``milestone``
    ``"start"`` for a start milestone (placed at the start of the next working period); any
    other zero-duration activity is placed where its driving link ends (a milestone after a
    task that ends on Friday at 17:00 is on Friday at 17:00).
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from .._validate import as_float_array, check_column_name, require_columns
from ..errors import InputError
from ._passes import _NUMBERS, CPMResult, _cpm_from, _Problem, _solve  # noqa: F401 (re-exported)
from .calendars import Calendar, minutes_to_timestamps, timestamps_to_minutes
from .network import _network

__all__ = ["cpm", "CPMResult", "CONSTRAINT_TYPES"]

#: Constraint types understood by :func:`cpm` (``constraint_type`` column).
CONSTRAINT_TYPES = {
    "ASAP": "as soon as possible (no constraint)",
    "ALAP": "as late as possible",
    "SNET": "start no earlier than",
    "SNLT": "start no later than",
    "FNET": "finish no earlier than",
    "FNLT": "finish no later than",
    "MSO": "must start on",
    "MFO": "must finish on",
}
_CONSTRAINT_ALIASES = {v: k for k, v in CONSTRAINT_TYPES.items()}
_CONSTRAINT_ALIASES.update({"": "", "NONE": ""})
_NEEDS_DATE = {"SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO"}


# ---------------------------------------------------------------------------------------
# the problem: the network plus everything the passes honour
# ---------------------------------------------------------------------------------------
def _durations(df, column, name="activities") -> np.ndarray:
    """A duration column as floats >= 0, naming the activity at fault (booleans, complex numbers,
    text, NaN and inf are not durations)."""
    require_columns(df, [column], name)
    raw = df[column]
    ids = df["id"]
    if raw.dtype.kind in "iuf":
        out = raw.to_numpy(dtype=float)
    else:
        values = raw.tolist()
        out = np.empty(len(values))
        for k, v in enumerate(values):
            if isinstance(v, bool | np.bool_) or not isinstance(v, numbers.Real):
                what = "a boolean" if isinstance(v, bool | np.bool_) else (
                    "missing" if v is None else "text" if isinstance(v, str | bytes) else
                    "a complex number" if isinstance(v, numbers.Complex) else type(v).__name__)
                raise InputError(f"{name}: activity {ids.iloc[k]!r} has {column} {v!r} ({what}), which is not a "
                                 "number of days: fill in a number.")
            out[k] = float(v)
    nan = np.isnan(out)
    if nan.any():
        k = int(np.flatnonzero(nan)[0])
        raise InputError(f"{name}: activity {ids.iloc[k]!r} has {column} NaN, which is not a number (missing): "
                         "fill it in.")
    inf = np.isinf(out)
    if inf.any():
        k = int(np.flatnonzero(inf)[0])
        raise InputError(f"{name}: activity {ids.iloc[k]!r} has an infinite {column}: give a finite number.")
    neg = out < 0
    if neg.any():
        k = int(np.flatnonzero(neg)[0])
        raise InputError(f"{name}: activity {ids.iloc[k]!r} has a negative {column} ({out[k]:g}): it must be >= 0.")
    return out


def _column_times(df, column, dated, name="activities") -> np.ndarray:
    """A date column (on calendars) or a number column (on numbers) -> floats, NaN where blank."""
    col = df[column]
    if dated:
        if isinstance(col.dtype, pd.DatetimeTZDtype):
            col = col.dt.tz_localize(None)
        if pd.api.types.is_datetime64_dtype(col.dtype):
            ts = pd.DatetimeIndex(col).as_unit("ns")
            out = ts.asi8.astype(float) / 60e9
            out[ts.isna()] = np.nan
            return out
        # text or mixed: blanks are missing, anything else must be a date pandas can hold
        values = col.tolist()
        blank = np.array([v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v))
                          or (isinstance(v, str) and not v.strip()) for v in values], dtype=bool)
        out = np.full(len(values), np.nan)
        ids = df["id"].tolist()
        for k in np.flatnonzero(~blank).tolist():
            try:
                out[k] = timestamps_to_minutes(values[k], f"{name}: activity {ids[k]!r} {column}")[0]
            except InputError as exc:
                raise InputError(str(exc)) from None
        return out
    values = col.tolist()
    try:
        return as_float_array([np.nan if v is None or (isinstance(v, str) and not v.strip()) else v for v in values],
                              f"{name}.{column}", allow_nan=True)
    except InputError as exc:
        raise InputError(f"{exc} On numbers (no start date) {column} is a number of duration units "
                         "from the project start; give start= to use dates.") from None


def _constraint_types(df, name="activities") -> np.ndarray:
    out = []
    for a, v in zip(df["id"].tolist(), df["constraint_type"].tolist(), strict=True):
        if v is None or (isinstance(v, float) and np.isnan(v)):
            out.append("")
            continue
        if not isinstance(v, str):
            raise InputError(f"{name}: activity {a!r} has constraint_type {v!r}; use one of "
                             f"{', '.join(CONSTRAINT_TYPES)}.")
        key = v.strip().upper()
        key = _CONSTRAINT_ALIASES.get(v.strip().lower(), key) if key not in CONSTRAINT_TYPES else key
        if key not in CONSTRAINT_TYPES and key != "":
            raise InputError(f"{name}: activity {a!r} has constraint_type {v!r}; use one of "
                             + ", ".join(f"{k} ({t})" for k, t in CONSTRAINT_TYPES.items()) + ".")
        out.append("" if key == "ASAP" else key)
    return np.array(out, dtype=object)


def _calendar_setup(df, calendars, net, lag_calendar, name="activities"):
    """(distinct calendars, per-activity index, per-link lag-calendar index)."""
    if isinstance(calendars, Calendar):
        table = {calendars.name: calendars}
    elif isinstance(calendars, dict) and calendars:
        bad = next((k for k, v in calendars.items() if not isinstance(v, Calendar)), None)
        if bad is not None:
            raise InputError(f"calendars[{bad!r}] is not a pmlib.schedule.Calendar.")
        table = dict(calendars)
    elif calendars is None:
        table = {"Standard": Calendar("Standard")}
    else:
        raise InputError("calendars must be a pmlib.schedule.Calendar or a dict {name: Calendar}.")
    names = list(table)
    cals = [table[k] for k in names]
    index = {k: i for i, k in enumerate(names)}
    if "calendar" in df.columns:
        cal = np.zeros(net.n, dtype=np.int64)
        for k, (a, v) in enumerate(zip(df["id"].tolist(), df["calendar"].tolist(), strict=True)):
            if v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip()):
                continue
            if v not in index:
                raise InputError(f"{name}: activity {a!r} uses calendar {v!r}, which is not in calendars "
                                 f"({', '.join(map(repr, names))}).")
            cal[k] = index[v]
    else:
        cal = np.zeros(net.n, dtype=np.int64)
    if lag_calendar in (None, "predecessor"):
        lag_cal = cal[net.pred]
    elif lag_calendar == "successor":
        lag_cal = cal[net.succ]
    elif isinstance(lag_calendar, Calendar):
        if lag_calendar not in cals:
            cals.append(lag_calendar)
        lag_cal = np.full(net.pred.size, cals.index(lag_calendar), dtype=np.int64)
    elif isinstance(lag_calendar, str) and lag_calendar in index:
        lag_cal = np.full(net.pred.size, index[lag_calendar], dtype=np.int64)
    else:
        raise InputError(f"lag_calendar must be 'predecessor', 'successor', a calendar name or a Calendar, "
                         f"got {lag_calendar!r}.")
    return cals, cal, lag_cal, {c.name: k for k, c in enumerate(cals)}


def _problem_from_table(activities, duration="duration", *, start=None, calendars=None, status_date=None,
                        honor_constraints=False, lag_calendar=None, name="activities") -> _Problem:
    net = _network(activities, name)
    df = net.frame
    days = _durations(df, duration, name)
    dated = start is not None
    if not dated and calendars is not None:
        raise InputError("calendars need start= (the project start date) to place the activities on dates.")
    if dated:
        cals, cal, lag_cal, index = _calendar_setup(df, calendars, net, lag_calendar, name)
        t0 = float(timestamps_to_minutes(start, "start")[0])
        status = None if status_date is None else float(timestamps_to_minutes(status_date, "status_date")[0])
    else:
        if "calendar" in df.columns and df["calendar"].notna().any():
            raise InputError(f"{name} has a calendar column: give start= (and calendars=) to schedule on dates.")
        cals, cal, lag_cal = [_NUMBERS], np.zeros(net.n, dtype=np.int64), np.zeros(net.pred.size, dtype=np.int64)
        index = None
        t0 = 0.0
        if status_date is None:
            status = None
        else:
            from .._validate import as_number
            status = as_number(status_date, "status_date")
    p = _Problem(net, days, cals, cal, lag_cal, t0=t0, status=status, honor=bool(honor_constraints), dated=dated)
    _read_options(p, df, name, index)
    return p


def _read_options(p: _Problem, df: pd.DataFrame, name: str, index: dict | None = None) -> None:
    """Constraints, progress and milestone kinds from the table's optional columns."""
    ids = df["id"].tolist()
    if "constraint_type" in df.columns or "constraint_date" in df.columns:
        require_columns(df, ["constraint_type", "constraint_date"], name)
        ctype = _constraint_types(df, name)
        cdate = _column_times(df, "constraint_date", p.dated, name)
        for k, (t, v) in enumerate(zip(ctype, cdate, strict=True)):
            if t in _NEEDS_DATE and np.isnan(v):
                raise InputError(f"{name}: activity {ids[k]!r} has constraint {t} ({CONSTRAINT_TYPES[t]}) "
                                 "but no constraint_date: give the date.")
            if t not in _NEEDS_DATE and not np.isnan(v):
                raise InputError(f"{name}: activity {ids[k]!r} has a constraint_date but constraint_type "
                                 f"{t or 'none'}: give the type (SNET, FNLT, MSO, ...).")
        if (ctype != "").any():
            p.ctype, p.cdate = ctype, cdate
    progress = [c for c in ("actual_start", "actual_finish", "remaining_duration") if c in df.columns]
    if progress:
        a_s = _column_times(df, "actual_start", p.dated, name) if "actual_start" in df.columns else np.full(len(df), np.nan)
        a_f = _column_times(df, "actual_finish", p.dated, name) if "actual_finish" in df.columns else np.full(len(df), np.nan)
        rem = as_float_array([np.nan if v is None or (isinstance(v, str) and not v.strip()) else v
                              for v in df["remaining_duration"].tolist()], f"{name}.remaining_duration",
                             allow_nan=True) if "remaining_duration" in df.columns else np.full(len(df), np.nan)
        if (~np.isnan(a_s)).any() or (~np.isnan(a_f)).any() or (~np.isnan(rem)).any():
            if p.status is None:
                raise InputError(f"{name} has progress (actual dates or remaining durations): give status_date= "
                                 "(the data date the progress was measured at).")
            _check_progress(ids, a_s, a_f, rem, p.status, p.dated, name)
            p.actual_start, p.actual_finish, p.remaining = a_s, a_f, rem
    if "deadline" in df.columns:
        deadline = _column_times(df, "deadline", p.dated, name)
        if (~np.isnan(deadline)).any():
            p.deadline = deadline
    if "milestone" in df.columns:
        kinds = [v.strip().lower() if isinstance(v, str) else "" for v in df["milestone"].tolist()]
        bad = next((k for k, v in enumerate(kinds) if v not in ("", "start", "finish")), None)
        if bad is not None:
            raise InputError(f"{name}: activity {ids[bad]!r} has milestone {df['milestone'].iloc[bad]!r}; use "
                             "'start', 'finish' or leave it blank.")
        p.kind = np.array(kinds, dtype=object)
    if "float_calendar" in df.columns and index is not None:
        fc = p.cal.copy()
        for k, v in enumerate(df["float_calendar"].tolist()):
            if isinstance(v, str) and v:
                if v not in index:
                    raise InputError(f"{name}: activity {ids[k]!r} has float_calendar {v!r}, not a calendar given.")
                fc[k] = index[v]
        if (fc != p.cal).any():
            p.float_cal = fc


def _check_progress(ids, a_s, a_f, rem, status, dated, name):
    unit = (lambda x: str(minutes_to_timestamps([x])[0])) if dated else (lambda x: f"{x:g}")
    bad = ~np.isnan(a_f) & np.isnan(a_s)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise InputError(f"{name}: activity {ids[k]!r} has an actual_finish but no actual_start: give both.")
    bad = a_f < a_s
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise InputError(f"{name}: activity {ids[k]!r} finishes ({unit(a_f[k])}) before it starts ({unit(a_s[k])}).")
    for arr, col in ((a_s, "actual_start"), (a_f, "actual_finish")):
        bad = arr > status + 1e-9
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise InputError(f"{name}: activity {ids[k]!r} has {col} {unit(arr[k])} after the status date "
                             f"{unit(status)}: an actual date cannot be in the future.")
    bad = rem < 0
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise InputError(f"{name}: activity {ids[k]!r} has a negative remaining_duration ({rem[k]:g}).")


# ---------------------------------------------------------------------------------------
# the public function
# ---------------------------------------------------------------------------------------
def cpm(activities, *, duration="duration", start=None, calendars=None, status_date=None,
        honor_constraints=False, lag_calendar=None) -> CPMResult:
    """Critical path method: forward and backward pass, total and free float, dates.

    Forward pass (PMBOK Guide, critical path method): ES = max over predecessors of the
    relationship's bound (ES = EF of the predecessor for plain finish-to-start), EF = ES + d.
    Backward pass: LF = min over successors (LF = LS of the successor for FS), LS = LF - d, with
    LF = project finish for activities without successors.
    Total float = LF - EF = LS - ES; free float = how far an activity can slip without
    delaying the early start (or finish, for FF/SF) of any successor.

    Parameters
    ----------
    activities : DataFrame, list of dict, or Plan
        Columns ``id``, ``duration`` (>= 0, fractional allowed) and ``predecessors`` (the
        ``ID[:TYPE][+LAG]`` notation, see :mod:`pmlib.schedule`); optional ``name``,
        ``calendar``, ``constraint_type``/``constraint_date``, ``actual_start``/
        ``actual_finish``/``remaining_duration``, ``milestone`` (see :mod:`pmlib.schedule.cpm`).
        A :class:`~pmlib.io.Plan` from :func:`pmlib.io.read_schedule` brings its own
        calendars, start, status date and constraints.
    duration : str
        Name of the duration column (``"duration"``); e.g. ``"most_likely"``.
    start : date, optional
        Project start: schedule on calendars and return real dates (``s.dates``). Durations
        and lags are then working days of each activity's calendar.
    calendars : Calendar or dict, optional
        One calendar for every activity, or ``{name: Calendar}`` with a ``calendar`` column
        naming each activity's (the first one is the project calendar and the default).
        Default: Monday-Friday, 08:00-12:00 and 13:00-17:00.
    status_date : date or number, optional
        The data date of the progress columns; unfinished work starts no earlier.
    honor_constraints : bool
        Move early dates to a no-later-than / must date even against the links (MS Project's
        option); total float still shows the conflict.
    lag_calendar : {"predecessor", "successor"}, name or Calendar, optional
        The calendar lags are counted on (default: the predecessor's, as Primavera P6).

    Returns
    -------
    CPMResult
        ``.duration``, ``.critical_path``, ``.critical_paths``, ``.table``, ``.dates``.

    Raises
    ------
    ValueError
        A cycle (:class:`~pmlib.errors.CycleError` listing it), an unknown predecessor, a
        duplicate id, a missing / negative / NaN / infinite / boolean duration, an unreadable
        relationship, a missing column (the message lists the ones found), an unknown
        calendar or constraint type, a date out of range, an actual date after the status date.

    Examples
    --------
    >>> acts = [{"id": "A", "duration": 4, "predecessors": None},
    ...         {"id": "B", "duration": 6, "predecessors": "A:SS+2"},
    ...         {"id": "C", "duration": 3, "predecessors": "A"}]
    >>> s = cpm(acts)
    >>> s.duration
    8.0
    >>> s.table[["es", "ef", "total_float"]].to_dict("index")["C"]
    {'es': 4.0, 'ef': 7.0, 'total_float': 1.0}

    On a calendar (start Monday 2 March 2026, Monday-Friday, 8 h days) B runs from Wednesday 4
    to Wednesday 11 March:

    >>> s = cpm(acts, start="2026-03-02")
    >>> s.dates.loc["B", ["early_start", "early_finish"]].tolist()
    [Timestamp('2026-03-04 08:00:00'), Timestamp('2026-03-11 17:00:00')]

    References
    ----------
    PMI, *A Guide to the Project Management Body of Knowledge* (PMBOK Guide), 6th ed.,
    6.5.2.2 Critical path method; PMI, *Practice Standard for Scheduling*, 3rd ed. (2019),
    constraints, calendars and negative float.
    """
    duration = check_column_name(duration, "duration")
    if hasattr(activities, "_schedule_problem"):
        p = activities._schedule_problem(duration=duration, honor_constraints=honor_constraints,
                                         status_date=status_date, start=start, calendars=calendars,
                                         lag_calendar=lag_calendar)
    else:
        p = _problem_from_table(activities, duration, start=start, calendars=calendars, status_date=status_date,
                                honor_constraints=honor_constraints, lag_calendar=lag_calendar)
    return _solve(p)
