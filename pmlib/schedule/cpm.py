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
``milestone``
    ``"start"`` for a start milestone (placed at the start of the next working period); any
    other zero-duration activity is placed where its driving link ends (a milestone after a
    task that ends on Friday at 17:00 is on Friday at 17:00).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._validate import as_float_array, require_columns
from ..errors import InputError
from .calendars import Calendar, minutes_to_timestamps, timestamps_to_minutes
from .network import FROM_FINISH, TO_FINISH, _Network, _network

__all__ = ["cpm", "CPMResult", "CONSTRAINT_TYPES"]

_TOL = 1e-9

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


class _Numbers:
    """The identity 'calendar' of the textbook case: times are plain numbers."""

    name = "numbers"
    minutes_per_day = 1.0
    hours_per_day = 1.0 / 60.0

    @staticmethod
    def work(t):
        return np.asarray(t, dtype=float)

    time_lo = time_hi = roll_closed = roll_closed_back = work

    @staticmethod
    def work1(t):
        return t

    lo1 = hi1 = work1


_NUMBERS = _Numbers()


# ---------------------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------------------
@dataclass
class CPMResult:
    """Result of :func:`cpm`.

    Attributes
    ----------
    duration : float
        Project duration: the latest early finish, in the activities' unit (on calendars:
        working days of the project calendar from the project start).
    critical_path : list
        The critical activities (total float <= 0) in precedence order. When several critical
        paths tie, this lists every critical activity; see ``critical_paths`` for each path.
    critical_paths : list of list
        Every critical path (chains of driving relationships between critical activities), at
        most 1,000.
    table : DataFrame
        One row per activity (index ``id``, input order): ``duration es ef ls lf total_float
        free_float critical`` (plus ``name`` when given). On calendars ``es ef ls lf`` are
        working days of the project calendar from the project start and the floats are
        working days of the activity's own calendar.
    dates : DataFrame or None
        On calendars: ``early_start early_finish late_start late_finish`` Timestamps on each
        activity's calendar (and ``actual_start actual_finish`` with progress); None on numbers.
    start, finish : Timestamp or None
        The project start (the status date with progress) and its early finish, on calendars.
    """

    duration: float
    critical_path: list
    critical_paths: list
    table: pd.DataFrame
    order: list = field(repr=False, default_factory=list)
    dates: pd.DataFrame | None = field(repr=False, default=None)
    start: pd.Timestamp | None = None
    finish: pd.Timestamp | None = None

    def __repr__(self):
        when = f", {self.start:%Y-%m-%d} to {self.finish:%Y-%m-%d}" if self.start is not None else ""
        return (f"CPMResult(duration={self.duration:g}{when}, critical_path={self.critical_path[:12]}"
                f"{' ...' if len(self.critical_path) > 12 else ''}, {len(self.critical_paths)} critical path(s), "
                f"{len(self.table)} activities)")


# ---------------------------------------------------------------------------------------
# the problem: the network plus everything the passes honour
# ---------------------------------------------------------------------------------------
@dataclass
class _Problem:
    net: _Network
    days: np.ndarray                 # planned durations (days of the activity's calendar, or units)
    cals: list                       # distinct calendars ([_NUMBERS] on numbers)
    cal: np.ndarray                  # per activity: index in cals
    lag_cal: np.ndarray              # per link: index in cals
    t0: float = 0.0                  # project start (minutes since 1970, or 0)
    status: float | None = None      # status (data) date, same unit
    ctype: np.ndarray | None = None  # per activity constraint type ('' for none)
    cdate: np.ndarray | None = None  # per activity constraint date (NaN for none)
    actual_start: np.ndarray | None = None
    actual_finish: np.ndarray | None = None
    remaining: np.ndarray | None = None   # remaining duration (days), NaN when not given
    start_milestone: np.ndarray | None = None
    honor: bool = False
    dated: bool = False


def _durations(df, column, name="activities") -> np.ndarray:
    """A duration column as floats >= 0, naming the activity at fault."""
    require_columns(df, [column], name)
    raw = df[column]
    values = raw.tolist()
    bad = next((k for k, v in enumerate(values) if isinstance(v, bool | np.bool_)), None)
    if bad is not None:
        raise InputError(f"{name}: activity {df['id'].iloc[bad]!r} has {column} {values[bad]!r}, a boolean: "
                         "give a number of days.")
    out = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
    nan = np.isnan(out)
    if nan.any():
        k = int(np.flatnonzero(nan)[0])
        raise InputError(
            f"{name}: activity {df['id'].iloc[k]!r} has {column} {raw.iloc[k]!r}, which is not a number "
            "(missing or text): fill it in."
        )
    inf = np.isinf(out)
    if inf.any():
        k = int(np.flatnonzero(inf)[0])
        raise InputError(f"{name}: activity {df['id'].iloc[k]!r} has an infinite {column}: give a finite number.")
    neg = out < 0
    if neg.any():
        k = int(np.flatnonzero(neg)[0])
        raise InputError(f"{name}: activity {df['id'].iloc[k]!r} has a negative {column} ({out[k]:g}): it must be >= 0.")
    return out


def _column_times(df, column, dated, name="activities") -> np.ndarray:
    """A date column (on calendars) or a number column (on numbers) -> floats, NaN where blank."""
    ids = df["id"].tolist()
    values = df[column].tolist()
    if dated:
        out = np.full(len(values), np.nan)
        for k, v in enumerate(values):
            if v is None or v is pd.NaT or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip()):
                continue
            try:
                out[k] = timestamps_to_minutes(v, f"{name}: activity {ids[k]!r} {column}")[0]
            except InputError as exc:
                raise InputError(str(exc)) from None
        return out
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
    return cals, cal, lag_cal


def _problem_from_table(activities, duration="duration", *, start=None, calendars=None, status_date=None,
                        honor_constraints=False, lag_calendar=None, name="activities") -> _Problem:
    net = _network(activities, name)
    df = net.frame
    days = _durations(df, duration, name)
    dated = start is not None
    if not dated and calendars is not None:
        raise InputError("calendars need start= (the project start date) to place the activities on dates.")
    if dated:
        cals, cal, lag_cal = _calendar_setup(df, calendars, net, lag_calendar, name)
        t0 = float(timestamps_to_minutes(start, "start")[0])
        status = None if status_date is None else float(timestamps_to_minutes(status_date, "status_date")[0])
    else:
        if "calendar" in df.columns and df["calendar"].notna().any():
            raise InputError(f"{name} has a calendar column: give start= (and calendars=) to schedule on dates.")
        cals, cal, lag_cal = [_NUMBERS], np.zeros(net.n, dtype=np.int64), np.zeros(net.pred.size, dtype=np.int64)
        t0 = 0.0
        if status_date is None:
            status = None
        else:
            from .._validate import as_number
            status = as_number(status_date, "status_date")
    p = _Problem(net, days, cals, cal, lag_cal, t0=t0, status=status, honor=bool(honor_constraints), dated=dated)
    _read_options(p, df, name)
    return p


def _read_options(p: _Problem, df: pd.DataFrame, name: str) -> None:
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
        rem = as_float_array(df["remaining_duration"].tolist(), f"{name}.remaining_duration", allow_nan=True) \
            if "remaining_duration" in df.columns else np.full(len(df), np.nan)
        if (~np.isnan(a_s)).any() or (~np.isnan(a_f)).any() or (~np.isnan(rem)).any():
            if p.status is None:
                raise InputError(f"{name} has progress (actual dates or remaining durations): give status_date= "
                                 "(the data date the progress was measured at).")
            _check_progress(ids, a_s, a_f, rem, p.status, p.dated, name)
            p.actual_start, p.actual_finish, p.remaining = a_s, a_f, rem
    if "milestone" in df.columns:
        kinds = df["milestone"].tolist()
        p.start_milestone = np.array([isinstance(v, str) and v.strip().lower() == "start" for v in kinds])


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
# the solver
# ---------------------------------------------------------------------------------------
def _per_calendar(fn_name, cals, cal, values):
    """Apply a calendar method to ``values`` grouped by each activity's calendar (vectorised)."""
    values = np.asarray(values, dtype=float)
    if len(cals) == 1:
        return getattr(cals[0], fn_name)(values)
    out = np.empty(values.shape)
    for c in np.unique(cal).tolist():
        sel = cal == c
        out[sel] = getattr(cals[c], fn_name)(values[sel])
    return out


def _work_or_nan(cals, cal, times):
    out = np.full(times.shape, np.nan)
    ok = ~np.isnan(times)
    if ok.any():
        out[ok] = _per_calendar("work", cals, cal[ok], times[ok])
    return out


class _Solver:
    """One forward and one backward pass over a topological order, then floats and dates."""

    def __init__(self, p: _Problem):
        self.p = p
        net = p.net
        self.n = n = net.n
        cals, cal = p.cals, p.cal
        mpd = np.array([c.minutes_per_day for c in cals])
        self.mpd = mpd[cal]
        self.d = p.days * self.mpd
        self.L = net.lag * mpd[p.lag_cal] if net.lag.size else net.lag.astype(float)
        self.ff = FROM_FINISH[net.code].astype(bool)
        self.tf = TO_FINISH[net.code].astype(bool)
        ci, cj = cal[net.pred], cal[net.succ]
        self.route0 = (ci == cj) & ((self.L == 0) | (p.lag_cal == ci))
        # lower bound on the start coordinate, upper bound on the finish coordinate
        start_t = p.t0 if p.status is None else max(p.t0, p.status)
        self.tmin = np.full(n, start_t)              # absolute lower bound of the start (milestone dates)
        self.fixed = np.zeros(n, bool)
        self.started = np.zeros(n, bool)
        if p.actual_finish is not None:
            self.fixed = ~np.isnan(p.actual_finish)
            self.started = ~np.isnan(p.actual_start) & ~self.fixed
        lb = _per_calendar("work", cals, cal, np.full(n, start_t))
        ub = np.full(n, np.inf)
        self.cap = {}
        self.alap = np.zeros(n, bool)
        if self.fixed.any() or self.started.any():
            self._progress(lb)
        if p.ctype is not None:
            self._constraints(lb, ub)
        self.lb, self.ub = lb, ub

    def _progress(self, lb):
        p = self.p
        cals, cal = p.cals, p.cal
        a_s = _work_or_nan(cals, cal, p.actual_start)
        a_f = _work_or_nan(cals, cal, p.actual_finish)
        fx = self.fixed
        lb[fx] = a_s[fx]
        self.d[fx] = a_f[fx] - a_s[fx]
        st = self.started
        if st.any():
            status_w = _per_calendar("work", cals, cal, np.full(self.n, p.status))
            rem = p.remaining * self.mpd
            done = status_w - a_s
            guess = np.maximum(self.d - done, 0.0)
            self.d[st] = np.where(np.isnan(rem[st]), guess[st], rem[st])
        self.tmin[fx] = p.actual_start[fx]

    def _constraints(self, lb, ub):
        p = self.p
        t = p.ctype
        live = ~self.fixed
        cd = _work_or_nan(p.cals, p.cal, p.cdate)
        d = self.d
        start_side = live & ~self.started
        for kind, sel in (("SNET", start_side & ((t == "SNET") | (t == "MSO"))),
                          ("FNET", live & ((t == "FNET") | (t == "MFO")))):
            if sel.any():
                bound = cd[sel] if kind == "SNET" else cd[sel] - d[sel]
                lb[sel] = np.maximum(lb[sel], bound)
                self.tmin[sel] = np.maximum(self.tmin[sel], p.cdate[sel])
        sel = start_side & ((t == "SNLT") | (t == "MSO"))
        ub[sel] = np.minimum(ub[sel], cd[sel] + d[sel])
        sel = live & ((t == "FNLT") | (t == "MFO"))
        ub[sel] = np.minimum(ub[sel], cd[sel])
        if p.honor:
            for k in np.flatnonzero(live & np.isin(t, ["SNLT", "MSO", "FNLT", "MFO"])).tolist():
                c = cd[k] if t[k] in ("SNLT", "MSO") else cd[k] - d[k]
                self.cap[k] = min(c, self.cap.get(k, np.inf))
        self.alap = live & ~self.started & (t == "ALAP")

    # ----------------------------------------------------------------- link helpers
    def _src_instant(self, k, es):
        """Absolute instant where link k's lag starts counting (the predecessor's start or finish)."""
        p = self.p
        i = int(p.net.pred[k])
        c = p.cals[p.cal[i]]
        if self.ff[k]:
            return c.lo1(es[i] + self.d[i])
        return c.hi1(es[i])

    def _fwd_instant(self, k, es):
        """Absolute instant that link k's bound falls on (before the successor's calendar)."""
        p = self.p
        i = int(p.net.pred[k])
        L = self.L[k]
        lam = int(p.lag_cal[k])
        if not L:
            return self._src_instant(k, es)
        if lam == p.cal[i]:
            u = es[i] + (self.d[i] if self.ff[k] else 0.0)
            return p.cals[lam].lo1(u + L)
        c = p.cals[lam]
        return c.lo1(c.work1(self._src_instant(k, es)) + L)

    def _fwd_cross(self, k, es):
        p = self.p
        j = int(p.net.succ[k])
        v = p.cals[p.cal[j]].work1(self._fwd_instant(k, es))
        return v - self.d[j] if self.tf[k] else v

    def _bwd_bound(self, k, z):
        """Latest coordinate (predecessor's calendar) of link k's source, given the successor's target z."""
        p = self.p
        i, s = int(p.net.pred[k]), int(p.net.succ[k])
        cs = p.cals[p.cal[s]]
        target = cs.lo1(z) if self.tf[k] else cs.hi1(z)
        L = self.L[k]
        if L:
            lam = p.cals[p.lag_cal[k]]
            target = lam.hi1(lam.work1(target) - L)
        return p.cals[p.cal[i]].work1(target)

    def _bwd_cross(self, k, lf):
        p = self.p
        i, s = int(p.net.pred[k]), int(p.net.succ[k])
        z = lf[s] if self.tf[k] else lf[s] - self.d[s]
        u = self._bwd_bound(k, z)
        return u if self.ff[k] else u + self.d[i]

    # ----------------------------------------------------------------- the passes
    def _lists(self, by_succ: bool, const: np.ndarray, mask: np.ndarray):
        """Per activity: list of (other end, constant) for the route-0 links selected by mask."""
        net = self.p.net
        key = net.succ if by_succ else net.pred
        other = net.pred if by_succ else net.succ
        sel = np.flatnonzero(mask)
        k = key[sel]
        o = np.argsort(k, kind="stable")
        bounds = np.searchsorted(k[o], np.arange(self.n + 1)).tolist()
        pairs = list(zip(other[sel][o].tolist(), const[sel][o].tolist(), strict=True))
        return [pairs[bounds[j]:bounds[j + 1]] for j in range(self.n)]

    def _cross_lists(self, by_succ: bool, mask: np.ndarray):
        net = self.p.net
        key = net.succ if by_succ else net.pred
        out: dict = {}
        for k in np.flatnonzero(mask).tolist():
            out.setdefault(int(key[k]), []).append(k)
        return out

    def forward(self):
        net = self.p.net
        d = self.d
        live_succ = ~self.fixed[net.succ]
        cf = np.where(self.ff, d[net.pred], 0.0) + self.L - np.where(self.tf, d[net.succ], 0.0)
        plain = self._lists(True, cf, self.route0 & live_succ)
        cross = self._cross_lists(True, ~self.route0 & live_succ)
        es = self.lb.tolist()
        cap = self.cap
        logic = {}
        for j in self.p.net.order.tolist():
            x = es[j]
            for i, c in plain[j]:
                v = es[i] + c
                if v > x:
                    x = v
            if cross and j in cross:
                for k in cross[j]:
                    v = self._fwd_cross(k, es)
                    if v > x:
                        x = v
            if cap and j in cap:
                logic[j] = x
                x = min(x, cap[j])
            es[j] = x
        self.es = np.array(es)
        self.es_logic = self.es.copy()
        for j, x in logic.items():
            self.es_logic[j] = x

    def backward(self, finish_abs: float):
        p = self.p
        net = p.net
        d = self.d
        live = ~self.fixed[net.succ] & ~self.fixed[net.pred]
        cb = np.where(self.tf, 0.0, -d[net.succ]) - self.L + np.where(self.ff, 0.0, d[net.pred])
        plain = self._lists(False, cb, self.route0 & live)
        cross = self._cross_lists(False, ~self.route0 & live)
        end = _per_calendar("work", p.cals, p.cal, np.full(self.n, finish_abs))
        lf = np.minimum(self.ub, end).tolist()
        for j in reversed(net.order.tolist()):
            f = lf[j]
            for s, c in plain[j]:
                v = lf[s] + c
                if v < f:
                    f = v
            if cross and j in cross:
                for k in cross[j]:
                    v = self._bwd_cross(k, lf)
                    if v < f:
                        f = v
            lf[j] = f
        self.lf = np.array(lf)
        self.lf[self.fixed] = np.nan
        self.end = end

    def free_float(self, es) -> np.ndarray:
        """Slack of each activity's tightest successor link, from the early dates (project end if none)."""
        net = self.p.net
        d = self.d
        live = ~self.fixed[net.succ] & ~self.fixed[net.pred]
        ff = np.full(self.n, np.inf)
        has = np.zeros(self.n, bool)
        has[net.pred[live]] = True
        sel = np.flatnonzero(self.route0 & live)
        i, s = net.pred[sel], net.succ[sel]
        target = es[s] + np.where(self.tf[sel], d[s], 0.0)
        source = es[i] + np.where(self.ff[sel], d[i], 0.0)
        np.minimum.at(ff, i, target - self.L[sel] - source)
        for k in np.flatnonzero(~self.route0 & live).tolist():
            i1, s1 = int(net.pred[k]), int(net.succ[k])
            z = es[s1] + (d[s1] if self.tf[k] else 0.0)
            slack = self._bwd_bound(k, z) - (es[i1] + (d[i1] if self.ff[k] else 0.0))
            ff[i1] = min(ff[i1], slack)
        none = ~has
        ff[none] = self.end[none] - (es[none] + d[none])
        return ff

    def as_late_as_possible(self):
        """ALAP activities move later by their free float, last ones first (successors may be ALAP too)."""
        if not self.alap.any():
            return
        net = self.p.net
        d = self.d
        es = self.es
        rank = np.empty(self.n, dtype=np.int64)
        rank[net.order] = np.arange(self.n)
        out_links: dict = {}
        for k in range(net.pred.size):
            if self.alap[net.pred[k]] and not self.fixed[net.succ[k]]:
                out_links.setdefault(int(net.pred[k]), []).append(k)
        for j in sorted(np.flatnonzero(self.alap).tolist(), key=lambda x: -rank[x]):
            links = out_links.get(j, [])
            if not links:
                slack = self.end[j] - (es[j] + d[j])
            else:
                slack = np.inf
                for k in links:
                    s = int(net.succ[k])
                    z = es[s] + (d[s] if self.tf[k] else 0.0)
                    if self.route0[k]:
                        b = z - self.L[k]
                    else:
                        b = self._bwd_bound(k, z)
                    slack = min(slack, b - (es[j] + (d[j] if self.ff[k] else 0.0)))
            total = self.lf[j] - (es[j] + d[j])
            shift = min(slack, total)
            if shift > 0:
                es[j] += shift
                self.es_logic[j] = max(self.es_logic[j], es[j])


def _solve(p: _Problem) -> CPMResult:
    net = p.net
    n = net.n
    sv = _Solver(p)
    sv.forward()
    d = sv.d
    cals, cal = p.cals, p.cal
    ef = sv.es + d
    ef_abs = _per_calendar("time_lo", cals, cal, ef)
    if sv.fixed.any():
        ef_abs[sv.fixed] = p.actual_finish[sv.fixed]
    finish_abs = float(ef_abs.max())
    sv.backward(finish_abs)
    sv.as_late_as_possible()
    es = sv.es
    tf = sv.lf - (sv.es_logic + d)
    ff = sv.free_float(es)
    ff = np.maximum(ff, 0.0)
    ff = np.where(tf >= 0, np.minimum(ff, tf), ff)
    scale = np.maximum(1.0, np.abs(sv.lf)) if p.dated else max(1.0, float(np.nanmax(np.abs(ef))))
    tol = _TOL * scale
    tf = np.where(np.abs(tf) < tol, 0.0, tf)
    ff = np.where(np.abs(ff) < tol, 0.0, ff)
    critical = tf <= tol
    critical[sv.fixed] = False
    ff[sv.fixed] = np.nan
    days = p.days
    # dates (absolute instants) and the table's numbers
    milestone = (d == 0) & ~sv.fixed
    es_abs = _per_calendar("time_hi", cals, cal, es)
    ef_abs = _per_calendar("time_lo", cals, cal, es + d)
    ls_abs = _per_calendar("time_hi", cals, cal, sv.lf - d)
    lf_abs = _per_calendar("time_lo", cals, cal, sv.lf)
    if p.dated and milestone.any():
        _milestone_dates(sv, es, milestone, es_abs, ef_abs, ls_abs, lf_abs)
    if sv.fixed.any():
        es_abs[sv.fixed] = p.actual_start[sv.fixed]
        ef_abs[sv.fixed] = p.actual_finish[sv.fixed]
        ls_abs[sv.fixed] = np.nan
        lf_abs[sv.fixed] = np.nan
    mpd = sv.mpd
    if p.dated:
        proj = cals[0]
        w0 = float(proj.work(np.array([p.t0 if p.status is None else max(p.t0, p.status)]))[0])

        def rel(t):
            out = np.full(t.shape, np.nan)
            ok = ~np.isnan(t)
            out[ok] = (proj.work(t[ok]) - w0) / proj.minutes_per_day
            return out

        es_n, ef_n, ls_n, lf_n = rel(es_abs), rel(ef_abs), rel(ls_abs), rel(lf_abs)
        finish_abs = float(np.nanmax(ef_abs))
        duration = float((proj.work(np.array([finish_abs]))[0] - w0) / proj.minutes_per_day)
    else:
        es_n, ef_n, ls_n, lf_n = es, es + d, sv.lf - d, sv.lf
        duration = float(np.max(ef_n))
    table = pd.DataFrame(
        {"duration": days, "es": es_n, "ef": ef_n, "ls": ls_n, "lf": lf_n,
         "total_float": tf / mpd, "free_float": ff / mpd, "critical": critical},
        index=pd.Index(net.ids, name="id"),
    )
    if net.names is not None:
        table.insert(0, "name", net.names)
    rank = np.empty(n, dtype=np.int64)
    rank[net.order] = np.arange(n)
    when = es_abs if p.dated else es
    crit_pos = np.flatnonzero(critical)
    crit_pos = crit_pos[np.lexsort((rank[crit_pos], when[crit_pos]))]
    paths = _critical_paths(sv, critical, rank, tol)
    result = CPMResult(duration=duration, critical_path=[net.ids[k] for k in crit_pos.tolist()],
                       critical_paths=paths, table=table, order=[net.ids[k] for k in net.order.tolist()])
    if p.dated:
        dates = pd.DataFrame({"early_start": minutes_to_timestamps(es_abs),
                              "early_finish": minutes_to_timestamps(ef_abs),
                              "late_start": minutes_to_timestamps(ls_abs),
                              "late_finish": minutes_to_timestamps(lf_abs)},
                             index=pd.Index(net.ids, name="id"))
        if p.actual_start is not None:
            dates["actual_start"] = minutes_to_timestamps(p.actual_start)
            dates["actual_finish"] = minutes_to_timestamps(p.actual_finish)
        result.dates = dates
        result.start = minutes_to_timestamps([p.t0 if p.status is None else max(p.t0, p.status)])[0]
        result.finish = minutes_to_timestamps([finish_abs])[0]
    return result


def _milestone_dates(sv: _Solver, es, milestone, es_abs, ef_abs, ls_abs, lf_abs):
    """Zero-duration activities sit where their driving link ends (Friday 17:00, not Monday 08:00)."""
    p = sv.p
    net = p.net
    cals, cal = p.cals, p.cal
    start_kind = p.start_milestone if p.start_milestone is not None else np.zeros(net.n, bool)
    m = milestone & ~start_kind
    if not m.any():
        return
    raw = sv.tmin.copy()
    into = np.flatnonzero(m[net.succ] & ~sv.fixed[net.succ])
    same = into[(p.lag_cal[into] == cal[net.pred[into]]) | (sv.L[into] == 0)]
    if same.size:
        i = net.pred[same]
        u = es[i] + np.where(sv.ff[same], sv.d[i], 0.0) + sv.L[same]
        lo = sv.ff[same] | (sv.L[same] != 0)
        t = np.where(lo, _per_calendar("time_lo", cals, cal[i], u), _per_calendar("time_hi", cals, cal[i], u))
        np.maximum.at(raw, net.succ[same], t)
    for k in np.setdiff1d(into, same).tolist():
        j = int(net.succ[k])
        raw[j] = max(raw[j], sv._fwd_instant(k, es))
    idx = np.flatnonzero(m)
    cand = _per_calendar("roll_closed", cals, cal[idx], raw[idx])
    w = _per_calendar("work", cals, cal[idx], cand)
    ok = np.abs(w - es[idx]) <= 1e-6 * np.maximum(1.0, np.abs(es[idx]))
    es_abs[idx] = np.where(ok, cand, _per_calendar("time_lo", cals, cal[idx], es[idx]))
    ef_abs[idx] = es_abs[idx]
    late = _per_calendar("time_lo", cals, cal[idx], sv.lf[idx])
    ls_abs[idx] = late
    lf_abs[idx] = late


def _critical_paths(sv: _Solver, critical, rank, tol, limit=1000) -> list:
    """Chains of driving links between critical activities, enumerated without copying prefixes."""
    p = sv.p
    net = p.net
    es, d = sv.es_logic, sv.d
    both = critical[net.pred] & critical[net.succ]
    sel = np.flatnonzero(both)
    if sel.size:
        i, j = net.pred[sel], net.succ[sel]
        bound = es[i] + np.where(sv.ff[sel], d[i], 0.0) + sv.L[sel] - np.where(sv.tf[sel], d[j], 0.0)
        drive = np.abs(bound - es[j]) <= np.maximum(tol if np.ndim(tol) == 0 else tol[j], 1e-9)
        cross = ~sv.route0[sel]
        if cross.any():
            es_list = sv.es.tolist()
            for t in np.flatnonzero(cross).tolist():
                k = int(sel[t])
                drive[t] = abs(sv._fwd_cross(k, es_list) - es[j[t]]) <= 1e-6 * max(1.0, abs(es[j[t]]))
        sel = sel[drive]
    nxt: dict = {}
    has_driver = np.zeros(net.n, bool)
    for a, b in zip(net.pred[sel].tolist(), net.succ[sel].tolist(), strict=True):
        nxt.setdefault(a, []).append(b)
        has_driver[b] = True
    for a in nxt:
        nxt[a].sort(key=lambda k: rank[k])
    starts = sorted((k for k in np.flatnonzero(critical & ~has_driver).tolist()), key=lambda k: rank[k])
    ids = net.ids
    paths: list = []
    for s0 in starts:
        if len(paths) >= limit:
            break
        if s0 not in nxt:
            paths.append([ids[s0]])
            continue
        path = [s0]
        iters = [iter(nxt[s0])]
        while iters and len(paths) < limit:
            k = next(iters[-1], None)
            if k is None:
                iters.pop()
                path.pop()
                continue
            path.append(k)
            if k in nxt:
                iters.append(iter(nxt[k]))
            else:
                paths.append([ids[x] for x in path])
                path.pop()
    return paths


def _cpm_from(net: _Network, d: np.ndarray) -> CPMResult:
    """CPM of a built network on numbers with the given durations (PERT, Monte Carlo, tests)."""
    p = _Problem(net, np.asarray(d, dtype=float), [_NUMBERS], np.zeros(net.n, dtype=np.int64),
                 np.zeros(net.pred.size, dtype=np.int64))
    return _solve(p)


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
    if hasattr(activities, "_schedule_problem"):
        p = activities._schedule_problem(duration=duration, honor_constraints=honor_constraints,
                                         status_date=status_date, start=start, calendars=calendars,
                                         lag_calendar=lag_calendar)
    else:
        p = _problem_from_table(activities, duration, start=start, calendars=calendars, status_date=status_date,
                                honor_constraints=honor_constraints, lag_calendar=lag_calendar)
    return _solve(p)
