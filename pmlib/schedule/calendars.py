"""Working calendars: which hours of which days are worked.

A :class:`Calendar` holds a weekly pattern of working periods (``08:00-12:00`` and
``13:00-17:00`` Monday to Friday for MS Project's *Standard* calendar), holidays, and
exceptions (a day worked with other hours, e.g. a working Saturday). Durations on a calendar
count working time only: a 2-day task that starts on Friday morning finishes on Monday
evening. ``hours_per_day`` says how many working hours make one *day* of duration (8 on a
5 x 8 h calendar, 24 on a 24-hour calendar).

Internally a time is a number of minutes since 1970-01-01 00:00 and a calendar turns it into
a *working-time coordinate* (working minutes counted from a fixed day of the calendar) and
back. Adding working time is then a subtraction-free addition of coordinates, and a whole
column of dates converts with one ``numpy.searchsorted``; the working periods are laid out on
demand over the days a schedule uses.

>>> cal = Calendar(holidays=["2026-12-25"])
>>> cal.add_working_days("2026-12-24 08:00", 2)        # Thursday 24 + Monday 28 (25th off)
Timestamp('2026-12-28 17:00:00')
>>> cal.working_days_between("2026-12-21", "2026-12-28")
4.0
"""

from __future__ import annotations

import bisect
import datetime as _dt
import math
import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .._validate import as_float_array, as_timestamps
from ..errors import InputError

__all__ = ["Calendar", "working_days_to_dates", "working_days_between", "WEEKDAYS"]

#: Day names accepted by :class:`Calendar` (Monday first, as Python's ``weekday()``).
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY = 1440                       # minutes in a day
_EPOCH_WEEKDAY = 3                # 1970-01-01 was a Thursday (Monday = 0)
_MIN_DAY = int(pd.Timestamp("1677-09-23").value // 86_400_000_000_000)
_MAX_DAY = int(pd.Timestamp("2262-04-10").value // 86_400_000_000_000)
_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")
_DAY_NAMES = {name.lower(): k for k, name in enumerate(WEEKDAYS)}
_DAY_NAMES.update({full: k for k, full in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))})


# ---------------------------------------------------------------------------------------
# reading the arguments
# ---------------------------------------------------------------------------------------
def _minutes_of_day(value, what: str, *, end: bool) -> float:
    """'08:00' / '8:30' / datetime.time / '24:00' -> minutes after midnight ('00:00' as an end is 1440)."""
    if isinstance(value, _dt.time):
        m = value.hour * 60 + value.minute + value.second / 60
    elif isinstance(value, str) and _TIME.match(value):
        h, mi, se = _TIME.match(value).groups()
        m = int(h) * 60 + int(mi) + (int(se) / 60 if se else 0.0)
        if int(mi) > 59 or (se and int(se) > 59):
            raise InputError(f"{what}: {value!r} is not a time of day; write HH:MM, e.g. '08:00'.")
    else:
        raise InputError(f"{what}: {value!r} is not a time of day; write HH:MM, e.g. '08:00' or '17:30'.")
    if end and m == 0:
        m = _DAY
    if not 0 <= m <= _DAY:
        raise InputError(f"{what}: {value!r} is outside the day (00:00 to 24:00).")
    return float(m)


def _periods(value, what: str) -> tuple:
    """Working periods of one day: ['08:00-12:00', ('13:00', '17:00')] -> ((480, 720), (780, 1020))."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    out = []
    for item in value:
        if isinstance(item, str):
            parts = item.split("-")
            if len(parts) != 2:
                raise InputError(f"{what}: {item!r} is not a period; write 'HH:MM-HH:MM', e.g. '08:00-12:00'.")
            a, b = parts
        else:
            try:
                a, b = item
            except (TypeError, ValueError):
                raise InputError(f"{what}: {item!r} is not a period; give ('08:00', '12:00') or '08:00-12:00'.") from None
        start = _minutes_of_day(a, what, end=False)
        stop = _minutes_of_day(b, what, end=True)
        if stop <= start:
            raise InputError(f"{what}: the period {item!r} ends before it starts; periods cannot cross midnight "
                             "(split a night shift into '22:00-24:00' and '00:00-06:00' of the next day).")
        out.append((start, stop))
    out.sort()
    for (a0, b0), (a1, _b1) in zip(out, out[1:], strict=False):
        if a1 < b0:
            raise InputError(f"{what}: working periods overlap ({_hhmm(a0)}-{_hhmm(b0)} and {_hhmm(a1)}-...).")
    return tuple(out)


def _overlap(a: tuple, b: tuple) -> tuple:
    """Intersection of two sorted lists of working periods."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


def _hhmm(m: float) -> str:
    return f"{int(m) // 60:02d}:{int(m) % 60:02d}"


def _weekday(value, what: str) -> int:
    if isinstance(value, int | np.integer) and not isinstance(value, bool) and 0 <= value <= 6:
        return int(value)
    if isinstance(value, str) and value.strip().lower() in _DAY_NAMES:
        return _DAY_NAMES[value.strip().lower()]
    raise InputError(f"{what}: {value!r} is not a day of the week; use Mon, Tue, ..., Sun (or 0 = Monday ... 6).")


def _workdays(value) -> list:
    if isinstance(value, str):
        days = []
        for part in value.split(","):
            part = part.strip()
            if "-" in part:
                a, b = (_weekday(x, "workdays") for x in part.split("-", 1))
                days.extend(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
            elif part:
                days.append(_weekday(part, "workdays"))
        return sorted(set(days))
    return sorted({_weekday(v, "workdays") for v in value})


def _day_number(value, what: str) -> int:
    ts = as_timestamps(value, what)
    return int(ts.normalize().value // 86_400_000_000_000)


# ---------------------------------------------------------------------------------------
# the calendar
# ---------------------------------------------------------------------------------------
class Calendar:
    """A working calendar: working periods per weekday, holidays and exceptions.

    Parameters
    ----------
    name : str
        A label (shown in messages and tables).
    workdays : str or list, optional
        The working days: ``"Mon-Fri"`` (default), ``"Mon-Sat"``, ``["Mon", "Wed"]``.
    hours : str or list, optional
        The working periods of each working day, ``"08:00-12:00, 13:00-17:00"`` (default,
        MS Project's Standard calendar) or ``[("07:00", "15:30")]``; ``"00:00-24:00"`` works
        all day.
    week : dict, optional
        Periods per weekday when days differ, e.g. ``{"Mon": "08:00-17:00", "Sat":
        "08:00-12:00"}``; days not listed are not worked. Replaces ``workdays`` and ``hours``.
    holidays : list of dates, optional
        Days not worked.
    exceptions : dict, optional
        ``{date: periods}`` for days worked with other hours (``[]`` = not worked), e.g. a
        working Saturday ``{"2026-03-07": "08:00-12:00"}``.
    hours_per_day : float, optional
        Working hours in one *day* of duration (default: the average working hours of a
        working day of the week, 8 for the default calendar). MS Project uses the file's
        minutes per day for every calendar; Primavera P6 gives each calendar its own.

    Examples
    --------
    >>> six_days = Calendar("6-day week", workdays="Mon-Sat", hours="07:00-12:00, 13:00-16:00")
    >>> six_days.hours_per_day
    8.0
    >>> six_days.add_working_days("2026-03-06 07:00", 2)   # Friday + Saturday
    Timestamp('2026-03-07 16:00:00')

    References
    ----------
    PMI, *Practice Standard for Scheduling*, 3rd ed. (2019), "calendars" (project, activity and
    resource calendars); Microsoft Project and Primavera P6 calendar models (working times,
    exceptions).
    """

    def __init__(self, name="Standard", *, workdays=None, hours=None, week=None, holidays=(),
                 exceptions=None, hours_per_day=None):
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"calendar name must be a non-empty text, got {name!r}.")
        self.name = name
        if week is not None:
            if workdays is not None or hours is not None:
                raise InputError(f"calendar {name!r}: give either week= or workdays=/hours=, not both.")
            if not isinstance(week, Mapping):
                raise InputError(f"calendar {name!r}: week must be a dict {{day: periods}}, got {type(week).__name__}.")
            pattern = [()] * 7
            for day, periods in week.items():
                pattern[_weekday(day, f"calendar {name!r} week")] = _periods(periods, f"calendar {name!r} week[{day!r}]")
        else:
            days = _workdays("Mon-Fri" if workdays is None else workdays)
            periods = _periods("08:00-12:00, 13:00-17:00" if hours is None else hours, f"calendar {name!r} hours")
            pattern = [periods if k in days else () for k in range(7)]
        self._pattern = tuple(pattern)
        self._exceptions: dict[int, tuple] = {}
        if isinstance(holidays, str) or not isinstance(holidays, Iterable):
            holidays = [holidays]
        for h in holidays:
            self._exceptions[_day_number(h, f"calendar {name!r} holidays")] = ()
        for day, periods in (exceptions or {}).items():
            self._exceptions[_day_number(day, f"calendar {name!r} exceptions")] = _periods(
                periods, f"calendar {name!r} exceptions[{day!r}]")
        week_minutes = sum(b - a for day in pattern for a, b in day)
        worked = sum(1 for day in pattern if day)
        if hours_per_day is None:
            hours_per_day = week_minutes / worked / 60 if worked else 8.0
        if isinstance(hours_per_day, bool) or not isinstance(hours_per_day, int | float | np.integer | np.floating) \
                or not math.isfinite(hours_per_day) or not 0 < hours_per_day <= 24:
            raise InputError(f"calendar {name!r}: hours_per_day must be a number of hours in (0, 24], got {hours_per_day!r}.")
        self.hours_per_day = float(hours_per_day)
        self._week_minutes = float(week_minutes)
        self._anchor = None           # day number where the working-time coordinate is 0
        self._lo = self._hi = None    # laid-out days [lo, hi)
        self._s_list = self._e_list = self._cum_list = self._cend_list = []

    # ----------------------------------------------------------------- constructors
    @classmethod
    def continuous(cls, name="24 hours", *, hours_per_day=24.0):
        """Every minute of every day is working time (elapsed durations, 24/7 operations)."""
        return cls(name, workdays="Mon-Sun", hours="00:00-24:00", hours_per_day=hours_per_day)

    @classmethod
    def _from_parts(cls, name, pattern, exceptions, hours_per_day):
        cal = cls.__new__(cls)
        cal.name = name
        cal._pattern = tuple(tuple(day) for day in pattern)
        cal._exceptions = {int(k): tuple(v) for k, v in exceptions.items()}
        cal.hours_per_day = float(hours_per_day)
        cal._week_minutes = float(sum(b - a for day in cal._pattern for a, b in day))
        cal._anchor = None
        cal._lo = cal._hi = None
        cal._s_list = cal._e_list = cal._cum_list = cal._cend_list = []
        return cal

    def _day_periods(self, day: int) -> tuple:
        return self._exceptions.get(day, self._pattern[(day + _EPOCH_WEEKDAY) % 7])

    def intersect(self, other: Calendar, name: str | None = None) -> Calendar:
        """The working time both calendars share (e.g. a task calendar and its resource's calendar).

        MS Project schedules a task that has both a task calendar and resources on the working
        time common to the two. ``hours_per_day`` is this calendar's.

        >>> six = Calendar("6 days", workdays="Mon-Sat")
        >>> sorted((six.intersect(Calendar("5 days"))).week)
        ['Fri', 'Mon', 'Thu', 'Tue', 'Wed']
        """
        if not isinstance(other, Calendar):
            raise InputError(f"can only intersect two calendars, got {type(other).__name__}.")
        pattern = [_overlap(a, b) for a, b in zip(self._pattern, other._pattern, strict=True)]
        days = set(self._exceptions) | set(other._exceptions)
        exceptions = {d: _overlap(self._day_periods(d), other._day_periods(d)) for d in days}
        return Calendar._from_parts(name or f"{self.name} & {other.name}", pattern, exceptions, self.hours_per_day)

    def same_working_time(self, other: Calendar) -> bool:
        """Whether both calendars work exactly the same hours on every day."""
        if self._pattern != other._pattern:
            return False
        days = set(self._exceptions) | set(other._exceptions)
        return all(self._day_periods(d) == other._day_periods(d) for d in days)

    # ----------------------------------------------------------------- description
    @property
    def minutes_per_day(self) -> float:
        """Working minutes in one day of duration (``60 * hours_per_day``)."""
        return 60.0 * self.hours_per_day

    @property
    def week(self) -> dict:
        """The weekly pattern: ``{'Mon': ['08:00-12:00', ...], ...}`` (worked days only)."""
        return {WEEKDAYS[k]: [f"{_hhmm(a)}-{_hhmm(b) if b < _DAY else '24:00'}" for a, b in day]
                for k, day in enumerate(self._pattern) if day}

    @property
    def holidays(self) -> list:
        """Dates with no working time (weekdays the pattern would otherwise work)."""
        return [pd.Timestamp(d * 86_400_000_000_000) for d, p in sorted(self._exceptions.items()) if not p]

    def __repr__(self):
        days = ", ".join(f"{k} {' '.join(v)}" for k, v in self.week.items())
        return (f"Calendar({self.name!r}: {days or 'no working days'}; {self.hours_per_day:g} h/day; "
                f"{len(self._exceptions)} exception day(s))")

    # ----------------------------------------------------------------- public helpers
    def is_working_day(self, date) -> bool:
        """Whether ``date`` has any working time."""
        day = _day_number(date, "date")
        periods = self._exceptions.get(day, self._pattern[(day + _EPOCH_WEEKDAY) % 7])
        return bool(periods)

    def add_working_days(self, start, days):
        """The moment ``days`` days of work (``hours_per_day`` each) after ``start``.

        ``start`` in non-working time moves to the next working moment; the result is an end of
        work (17:00 rather than the next morning's 08:00). Negative ``days`` count backwards.
        """
        t = _to_minutes(start, "start")
        d = _days_value(days)
        x = self.work(np.array([t])) + d * self.minutes_per_day
        return _to_timestamp((self.time_lo(x) if d >= 0 else self.time_hi(x))[0])

    def working_days_between(self, start, end) -> float:
        """Working days (of ``hours_per_day``) from ``start`` to ``end`` (negative when end < start).

        Dates without a time count from their midnight: Monday to the next Monday is 5 days on a
        Monday-Friday calendar.
        """
        a, b = _to_minutes(start, "start"), _to_minutes(end, "end")
        w = self.work(np.array([a, b]))
        return float((w[1] - w[0]) / self.minutes_per_day)

    # ----------------------------------------------------------------- the coordinate
    def _layout(self, lo: int, hi: int) -> None:
        """Lay out the working periods of days [lo, hi) and their cumulative working minutes."""
        lo, hi = max(lo, _MIN_DAY), min(hi, _MAX_DAY)
        if self._anchor is None:
            self._anchor = lo
        days = np.arange(lo, hi, dtype=np.int64)
        weekday = (days + _EPOCH_WEEKDAY) % 7
        exc = np.array(sorted(d for d in self._exceptions if lo <= d < hi), dtype=np.int64)
        normal = ~np.isin(days, exc) if exc.size else np.ones(days.size, bool)
        starts, ends = [], []
        for w, periods in enumerate(self._pattern):
            chosen = days[(weekday == w) & normal] * _DAY
            for a, b in periods:
                starts.append(chosen + a)
                ends.append(chosen + b)
        for d in exc.tolist():
            for a, b in self._exceptions[d]:
                starts.append(np.array([d * _DAY + a]))
                ends.append(np.array([d * _DAY + b]))
        s = np.concatenate(starts).astype(float) if starts else np.empty(0)
        e = np.concatenate(ends).astype(float) if ends else np.empty(0)
        if s.size == 0:
            raise InputError(
                f"calendar {self.name!r} has no working time between {_day_text(lo)} and {_day_text(hi)}: "
                "give it working days (workdays=, hours= or week=)."
            )
        order = np.argsort(s, kind="stable")
        s, e = s[order], e[order]
        # merge periods that touch (Monday 00:00-24:00 and Tuesday 00:00-24:00 are one stretch)
        keep = np.ones(s.size, bool)
        keep[1:] = s[1:] != e[:-1]
        e = np.maximum.reduceat(e, np.flatnonzero(keep))
        s = s[keep]
        length = e - s
        cum = np.concatenate(([0.0], np.cumsum(length)[:-1]))
        # coordinate 0 at the anchor day's midnight
        a = float(self._anchor * _DAY)
        k = np.searchsorted(s, a, side="right") - 1
        base = 0.0 if k < 0 else cum[k] + min(max(a - s[k], 0.0), length[k])
        self._s, self._e = s, e
        self._cum = cum - base
        self._cend = self._cum + length
        self._lo, self._hi = lo, hi
        # plain lists for the scalar passes (bisect beats numpy on one value)
        self._s_list = s.tolist()
        self._e_list = e.tolist()
        self._cum_list = self._cum.tolist()
        self._cend_list = self._cend.tolist()

    def _cover_days(self, lo_day: int, hi_day: int) -> None:
        if self._lo is None:
            self._layout(lo_day - 14, max(hi_day, lo_day) + 400)
            return
        if lo_day >= self._lo and hi_day < self._hi:
            return
        span = self._hi - self._lo
        new_lo = min(self._lo, lo_day - max(60, span // 2))
        new_hi = max(self._hi, hi_day + max(120, span))
        if new_lo < _MIN_DAY + 1 and lo_day < _MIN_DAY + 1 or new_hi > _MAX_DAY - 1 and hi_day > _MAX_DAY - 1:
            raise InputError(
                f"calendar {self.name!r}: the schedule reaches beyond the dates pandas can hold (1677-2262); "
                "check the durations, lags and dates."
            )
        self._layout(new_lo, new_hi)

    def _cover_times(self, t: np.ndarray) -> None:
        if t.size == 0:
            return
        lo, hi = float(np.min(t)), float(np.max(t))
        if not (math.isfinite(lo) and math.isfinite(hi)):
            raise InputError(f"calendar {self.name!r}: a time is not finite.")
        self._cover_days(int(lo // _DAY) - 1, int(hi // _DAY) + 2)

    def _cover_work(self, x: np.ndarray) -> None:
        if x.size == 0:
            return
        lo, hi = float(np.min(x)), float(np.max(x))
        if not (math.isfinite(lo) and math.isfinite(hi)):
            raise InputError(f"calendar {self.name!r}: a working time is not finite.")
        if self._lo is None:
            self._cover_days(self._anchor if self._anchor is not None else 0, 0)
        per_day = max(self._week_minutes / 7.0, 1e-9)
        guard = 0
        while lo < self._cum[0] or hi >= self._cend[-1]:
            need_lo = self._lo - (int((self._cum[0] - lo) / per_day * 1.2) + 30 if lo < self._cum[0] else 0)
            need_hi = self._hi + (int((hi - self._cend[-1]) / per_day * 1.2) + 30 if hi >= self._cend[-1] else 0)
            self._cover_days(need_lo, need_hi)
            guard += 1
            if guard > 60:
                raise InputError(f"calendar {self.name!r} has too little working time to place this schedule.")

    def work(self, t: np.ndarray) -> np.ndarray:
        """Working-time coordinate (minutes) of times ``t`` (minutes since 1970-01-01)."""
        t = np.asarray(t, dtype=float)
        self._cover_times(t)
        k = np.searchsorted(self._s, t, side="right") - 1
        k0 = np.maximum(k, 0)
        inside = np.clip(t - self._s[k0], 0.0, self._e[k0] - self._s[k0])
        return np.where(k >= 0, self._cum[k0] + inside, self._cum[0])

    def time_lo(self, x: np.ndarray) -> np.ndarray:
        """Earliest time whose coordinate is ``x``: an end of work at a period boundary (finishes)."""
        x = np.asarray(x, dtype=float)
        self._cover_work(x)
        k = np.searchsorted(self._cend, x, side="left")
        return self._s[k] + np.maximum(x - self._cum[k], 0.0)

    def time_hi(self, x: np.ndarray) -> np.ndarray:
        """Latest time whose coordinate is ``x``: a start of work at a period boundary (starts)."""
        x = np.asarray(x, dtype=float)
        self._cover_work(x)
        k = np.searchsorted(self._cum, x, side="right") - 1
        return self._s[k] + (x - self._cum[k])

    def roll_closed(self, t: np.ndarray) -> np.ndarray:
        """``t`` when it lies in a working period (ends included), else the next period's start."""
        t = np.asarray(t, dtype=float)
        self._cover_times(t)
        k = np.searchsorted(self._s, t, side="right") - 1
        k0 = np.maximum(k, 0)
        inside = (k >= 0) & (t <= self._e[k0])
        nxt = np.minimum(k + 1, self._s.size - 1)
        return np.where(inside, t, self._s[nxt])

    def roll_closed_back(self, t: np.ndarray) -> np.ndarray:
        """``t`` when it lies in a working period (ends included), else the previous period's end."""
        t = np.asarray(t, dtype=float)
        self._cover_times(t)
        k = np.searchsorted(self._s, t, side="right") - 1
        k0 = np.maximum(k, 0)
        inside = (k >= 0) & (t <= self._e[k0])
        return np.where(inside, t, self._e[k0])

    # scalar versions for the passes (one value, no numpy overhead); outside the laid-out days
    # they fall back on the vectorised versions, which lay out more days
    def work1(self, t: float) -> float:
        s_l = self._s_list
        if not (s_l and s_l[0] <= t <= self._e_list[-1]):
            return float(self.work(np.array([t]))[0])
        k = bisect.bisect_right(s_l, t) - 1
        a = s_l[k]
        d = t - a
        if d <= 0.0:
            return self._cum_list[k]
        span = self._e_list[k] - a
        return self._cum_list[k] + (d if d < span else span)

    def lo1(self, x: float) -> float:
        cum = self._cum_list
        if not (cum and cum[0] <= x < self._cend_list[-1]):
            return float(self.time_lo(np.array([x]))[0])
        k = bisect.bisect_left(self._cend_list, x)
        d = x - cum[k]
        return self._s_list[k] + (d if d > 0.0 else 0.0)

    def hi1(self, x: float) -> float:
        cum = self._cum_list
        if not (cum and cum[0] <= x < self._cend_list[-1]):
            return float(self.time_hi(np.array([x]))[0])
        k = bisect.bisect_right(cum, x) - 1
        return self._s_list[k] + (x - cum[k])

    def roll1(self, t: float) -> float:
        s_l = self._s_list
        if not (s_l and s_l[0] <= t < s_l[-1]):
            return float(self.roll_closed(np.array([t]))[0])
        k = bisect.bisect_right(s_l, t) - 1
        return t if t <= self._e_list[k] else s_l[k + 1]

    def roll_back1(self, t: float) -> float:
        s_l = self._s_list
        if not (s_l and s_l[0] <= t <= self._e_list[-1]):
            return float(self.roll_closed_back(np.array([t]))[0])
        k = bisect.bisect_right(s_l, t) - 1
        e = self._e_list[k]
        return t if t <= e else e


def _day_text(day: int) -> str:
    return str(pd.Timestamp(day * 86_400_000_000_000).date())


def _to_minutes(value, what: str) -> float:
    ts = as_timestamps(value, what)
    return ts.value / 60e9


def _to_timestamp(minutes: float) -> pd.Timestamp:
    return pd.Timestamp(round(minutes * 60e9)).round("s")


def _days_value(days) -> float:
    if isinstance(days, bool) or not isinstance(days, int | float | np.integer | np.floating) or not math.isfinite(days):
        raise InputError(f"days must be a finite number of working days, got {days!r}.")
    return float(days)


def minutes_to_timestamps(minutes: np.ndarray) -> pd.DatetimeIndex:
    """Minutes since 1970-01-01 -> Timestamps to the second (NaN -> NaT)."""
    m = np.asarray(minutes, dtype=float)
    nan = np.isnan(m)
    ns = np.where(nan, 0.0, np.round(m * 60.0)).astype(np.int64) * 1_000_000_000
    ns[nan] = np.iinfo(np.int64).min           # NaT
    return pd.DatetimeIndex(ns.view("datetime64[ns]"))


def timestamps_to_minutes(values, what: str, *, allow_missing=False) -> np.ndarray:
    """Dates (text, Timestamps, a column) -> float minutes since 1970-01-01 (NaN for missing)."""
    ts = as_timestamps(values, what, allow_missing=allow_missing)
    if isinstance(ts, pd.Timestamp):
        return np.array([ts.value / 60e9])
    out = ts.asi8.astype(float) / 60e9
    out[ts.isna()] = np.nan
    return out


# ---------------------------------------------------------------------------------------
# the course's Monday-Friday day offsets (kept for the lessons, plots and program roll-ups)
# ---------------------------------------------------------------------------------------
def working_days_to_dates(days, start, *, holidays=()) -> pd.DatetimeIndex | pd.Timestamp:
    """Turn day offsets on a Monday-Friday calendar into dates.

    Offset 0 is ``start`` (rolled forward to a working day); offset 5 is one working week later.
    Fractional offsets are floored (a task that starts at day 2.5 starts on day 2's date).

    >>> working_days_to_dates([0, 5, 9.5], "2026-02-02").strftime("%Y-%m-%d").tolist()
    ['2026-02-02', '2026-02-09', '2026-02-13']
    """
    start_ts = as_timestamps(start, "start")
    scalar = np.ndim(days) == 0 and not isinstance(days, pd.Series | pd.Index)
    arr = np.floor(as_float_array(days, "days", ndim=(0, 1), allow_empty=True)).reshape(-1)
    if np.abs(arr).max(initial=0) > 50_000:
        raise InputError("days reaches beyond the dates pandas can hold (more than 50,000 working days).")
    hol = [np.datetime64(as_timestamps(h, "holidays").date(), "D") for h in holidays]
    base = np.busday_offset(np.datetime64(start_ts.date(), "D"), 0, roll="forward", holidays=hol)
    out = np.busday_offset(base, arr.astype("int64"), roll="forward", holidays=hol)
    idx = pd.DatetimeIndex(out.astype("datetime64[ns]"))
    return idx[0] if scalar else idx


def working_days_between(start, end, *, holidays=()) -> int:
    """Number of Monday-Friday working days from ``start`` up to (not including) ``end``.

    The inverse of :func:`working_days_to_dates` for whole days: a deadline date becomes a
    deadline in working days from the project start.

    >>> working_days_between("2026-02-02", "2026-02-09")
    5
    >>> int(working_days_to_dates(working_days_between("2026-02-02", "2027-03-26"), "2026-02-02").day)
    26
    """
    a = np.datetime64(as_timestamps(start, "start").date(), "D")
    b = np.datetime64(as_timestamps(end, "end").date(), "D")
    hol = [np.datetime64(as_timestamps(h, "holidays").date(), "D") for h in holidays]
    return int(np.busday_count(a, b, holidays=hol))
