"""MS Project XML (MSPDI) -> Plan. Private: use :func:`pmlib.io.read_schedule`."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from ..errors import InputError
from ..schedule.calendars import Calendar
from .schedule_files import assemble, dedupe_links

_NS = "{http://schemas.microsoft.com/project}"
_LINK_TYPES = {0: "FF", 1: "FS", 2: "SF", 3: "SS"}
_CONSTRAINTS = {0: "", 1: "ALAP", 2: "MSO", 3: "MFO", 4: "SNET", 5: "SNLT", 6: "FNET", 7: "FNLT"}
_ELAPSED_FORMATS = {4, 6, 8, 10, 12, 20, 36, 38, 40, 42, 44, 52}
_PERCENT_FORMATS = {19, 20, 51, 52}
_DURATION = re.compile(r"^-?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?"
                       r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
_ELAPSED = "24 hours (elapsed)"


def _parse_xml(data: bytes, source: str):
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        return DET.fromstring(data)
    except DefusedXmlException as exc:
        raise InputError(
            f"{source}: refused, the XML declares entities or external references ({type(exc).__name__}); "
            "an MS Project file never needs them (this is how 'billion laughs' and external-entity attacks "
            "work). Save the schedule again from MS Project."
        ) from None
    except Exception as exc:  # ParseError (line, column in the message)
        raise InputError(f"{source} is not well-formed XML: {exc}.") from None


def _text(el, tag, default=None):
    x = el.find(_NS + tag)
    return default if x is None or x.text is None else x.text.strip()


def _int(el, tag, default=None):
    v = _text(el, tag)
    if v is None or v == "":
        return default
    try:
        return int(float(v))
    except ValueError:
        return default


def _date(el, tag):
    v = _text(el, tag)
    if not v:
        return pd.NaT
    try:
        ts = pd.Timestamp(v)
    except (ValueError, TypeError):
        return pd.NaT
    return ts.tz_localize(None) if ts.tzinfo is not None else ts


def _minutes(duration_text: str | None, source: str, what: str) -> float:
    """'PT8H0M0S' -> 480 minutes (MSPDI durations are working time in hours, minutes, seconds)."""
    if not duration_text:
        return 0.0
    m = _DURATION.match(duration_text.strip())
    if m is None:
        raise InputError(f"{source}: {what} has duration {duration_text!r}, not an xsd:duration such as 'PT8H0M0S'.")
    y, mo, d, h, mi, s = (float(g) if g else 0.0 for g in m.groups())
    if y or mo:
        raise InputError(f"{source}: {what} has duration {duration_text!r} in years or months; "
                         "MS Project writes hours (PT..H..M..S).")
    total = d * 1440 + h * 60 + mi + s / 60
    return -total if duration_text.strip().startswith("-") else total


def _periods_of(weekday_el) -> list:
    out = []
    for wt in weekday_el.iter(_NS + "WorkingTime"):
        a, b = _text(wt, "FromTime"), _text(wt, "ToTime")
        if a and b:
            out.append((a[:5], b[:5]))
    return out


def _calendars(root, minutes_per_day, source, warnings):
    """{uid: Calendar} with base calendars resolved; names made unique."""
    raw = {}
    for c in root.iter(_NS + "Calendar"):
        uid = _int(c, "UID")
        if uid is None:
            continue
        week = {}
        exceptions = {}
        for wd in c.findall(f"{_NS}WeekDays/{_NS}WeekDay"):
            day_type = _int(wd, "DayType", -1)
            working = _int(wd, "DayWorking", 0) == 1
            if 1 <= day_type <= 7:
                name = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")[day_type - 1]
                week[name] = _periods_of(wd) if working else []
            elif day_type == 0:
                tp = wd.find(_NS + "TimePeriod")
                if tp is not None:
                    for day in _days(tp):
                        exceptions[day] = _periods_of(wd) if working else []
        if not exceptions:
            recurring = 0
            for ex in c.findall(f"{_NS}Exceptions/{_NS}Exception"):
                tp = ex.find(_NS + "TimePeriod")
                kind = _int(ex, "Type", 1)
                working = _int(ex, "DayWorking", 0) == 1
                if tp is None:
                    continue
                if kind != 1:
                    recurring += 1
                for day in _days(tp):
                    exceptions[day] = _periods_of(ex) if working else []
            if recurring:
                warnings.append(f"calendar {_text(c, 'Name')!r}: {recurring} recurring exception(s) (weekly, monthly "
                                "or yearly patterns) were applied to every day of their period; the file holds no "
                                "expanded dates for them.")
        if c.find(f"{_NS}WorkWeeks/{_NS}WorkWeek") is not None:
            warnings.append(f"calendar {_text(c, 'Name')!r} has alternative work weeks (periods with another "
                            "weekly pattern): pmlib uses its default week.")
        raw[uid] = {"name": _text(c, "Name") or f"calendar {uid}", "base": _int(c, "BaseCalendarUID", -1),
                    "week": week, "exceptions": exceptions}
    resolved: dict = {}

    def resolve(uid, seen=()):
        if uid in resolved:
            return resolved[uid]
        r = raw[uid]
        week, exc = dict(r["week"]), dict(r["exceptions"])
        base = r["base"]
        if base is not None and base >= 0 and base in raw and base not in seen:
            bw, be = resolve(base, (*seen, uid))
            week = {**bw, **week}
            exc = {**be, **exc}
        resolved[uid] = (week, exc)
        return resolved[uid]

    names = Counter(r["name"] for r in raw.values())
    out = {}
    for uid, r in raw.items():
        week, exc = resolve(uid)
        label = r["name"] if names[r["name"]] == 1 else f"{r['name']} ({uid})"
        if not any(week.values()):
            warnings.append(f"calendar {label!r} has no working day in its week: tasks on it use the project "
                            "calendar.")
            continue
        try:
            out[uid] = Calendar(label, week={k: v for k, v in week.items() if v},
                                exceptions={k: v for k, v in exc.items()}, hours_per_day=minutes_per_day / 60)
        except InputError as exc_:
            raise InputError(f"{source}: calendar {label!r}: {exc_}") from None
    return out


def _days(tp) -> list:
    a, b = _date(tp, "FromDate"), _date(tp, "ToDate")
    if pd.isna(a):
        return []
    if pd.isna(b) or b < a:
        b = a
    n = (b.normalize() - a.normalize()).days
    if n > 3660:
        return []
    return [a.normalize() + pd.Timedelta(days=k) for k in range(n + 1)]


def read_mspdi(data: bytes, source: str):
    root = _parse_xml(data, source)
    if root.tag != _NS + "Project":
        raise InputError(f"{source} is XML but not an MS Project file (its root is {root.tag.split('}')[-1]!r}, "
                         "expected Project in the MSPDI namespace): save it from MS Project as XML.")
    warnings: list = []
    mpd = float(_int(root, "MinutesPerDay", 480) or 480)
    start = _date(root, "StartDate")
    status = _date(root, "StatusDate")
    honor = _int(root, "HonorConstraints", 0) == 1
    if _int(root, "ScheduleFromStart", 1) == 0:
        warnings.append("the project is scheduled from its finish date (ScheduleFromStart = 0): pmlib schedules "
                        "forward from the start date.")
    cals = _calendars(root, mpd, source, warnings)
    project_cal = _int(root, "CalendarUID", 1)
    if project_cal not in cals:
        if cals:
            project_cal = next(iter(cals))
        else:
            cals[-1] = Calendar("Standard", hours_per_day=mpd / 60)
            project_cal = -1
            warnings.append("the file has no calendar: pmlib used a Monday-Friday 08:00-17:00 calendar.")

    tasks = root.findall(f"{_NS}Tasks/{_NS}Task")
    rows = []
    for t in tasks:
        uid = _int(t, "UID")
        if uid is None:
            continue
        rows.append({"el": t, "uid": uid, "level": _int(t, "OutlineLevel", 1), "summary": _int(t, "Summary", 0) == 1,
                     "null": _int(t, "IsNull", 0) == 1, "active": _int(t, "Active", 1) != 0,
                     "external": _int(t, "ExternalTask", 0) == 1})
    if not rows:
        raise InputError(f"{source} holds no tasks.")
    # the outline: leaves under each summary task (tasks are in outline order)
    leaves_of: dict = {}
    stack: list = []
    blank = inactive = external = 0
    leaf_rows = []
    for r in rows:
        if r["null"]:
            blank += 1
            continue
        while stack and stack[-1]["level"] >= r["level"]:
            stack.pop()
        if r["level"] == 0:          # the project summary task
            stack = [r]
            leaves_of[r["uid"]] = []
            continue
        if r["external"]:
            external += 1
            continue
        if not r["active"]:
            inactive += 1
            continue
        if r["summary"]:
            leaves_of[r["uid"]] = []
            stack.append(r)
            continue
        leaf_rows.append(r)
        for s in stack:
            leaves_of[s["uid"]].append(r["uid"])
    if blank:
        warnings.append(f"{blank} blank row(s) (null tasks) ignored.")
    if inactive:
        warnings.append(f"{inactive} inactive task(s) left out (MS Project does not schedule them).")
    if external:
        warnings.append(f"{external} external task(s) (from other projects) left out, with their links.")
    if not leaf_rows:
        raise InputError(f"{source} holds no schedulable task (only summary or blank rows).")

    by_uid = {r["uid"]: r for r in rows}
    leaf_uids = {r["uid"] for r in leaf_rows}
    resources = _resource_calendars(root)
    assignments = _assignments(root)
    elapsed_cal = None
    out, stored = [], []
    manual = leveling = deadlines_n = placeholder_deadlines = 0
    resource_cal = Counter()
    combined: dict = {}
    placeholder = 0
    progress = 0
    for r in leaf_rows:
        t = r["el"]
        uid = r["uid"]
        fmt = _int(t, "DurationFormat", 7)
        minutes = _minutes(_text(t, "Duration"), source, f"task {uid}")
        cal_uid = _int(t, "CalendarUID", -1)
        cal_uid = cal_uid if cal_uid in cals else project_cal
        cal_name = cals[cal_uid].name
        if fmt in _ELAPSED_FORMATS:
            if elapsed_cal is None:
                elapsed_cal = Calendar.continuous(_ELAPSED)
            cal_name = _ELAPSED
            days = minutes / 1440.0
        else:
            days = minutes / mpd
        if _int(t, "Manual", 0) == 1:
            manual += 1
        if _int(t, "LevelingDelay", 0):
            leveling += 1
        float_cal = None
        if fmt not in _ELAPSED_FORMATS and _int(t, "IgnoreResourceCalendar", 0) != 1:
            own = _int(t, "CalendarUID", -1) in cals
            res_cals = [resources[r] for r in assignments.get(uid, []) if resources.get(r) in cals]
            if res_cals:
                first = cals[res_cals[0]]
                if all(cals[c].same_working_time(first) for c in res_cals[1:]):
                    base = cals[cal_uid]
                    if own and not base.same_working_time(first):
                        key = (cal_uid, res_cals[0])
                        if key not in combined:
                            combined[key] = base.intersect(first, f"{base.name} & {first.name}")
                        cal_name = combined[key].name
                        float_cal = base.name           # MS Project measures slack on the task calendar
                        resource_cal["combined"] += 1
                    elif not own and not base.same_working_time(first):
                        cal_name = first.name
                        resource_cal["resource"] += 1
                else:
                    resource_cal["mixed"] += 1
        ctype = _CONSTRAINTS.get(_int(t, "ConstraintType", 0), "")
        cdate = _date(t, "ConstraintDate") if ctype not in ("", "ALAP") else pd.NaT
        if ctype not in ("", "ALAP") and pd.isna(cdate):
            warnings.append(f"task {uid}: constraint {ctype} without a date ignored.")
            ctype = ""
        pct = _int(t, "PercentComplete", 0) or 0
        a_s, a_f = _date(t, "ActualStart"), _date(t, "ActualFinish")
        remaining = np.nan
        if pct == 0:
            if pd.notna(a_s) or pd.notna(a_f):
                placeholder += 1
            a_s = a_f = pd.NaT
        else:
            if pd.isna(a_s):
                a_s = _date(t, "Start")
            if pct < 100:
                a_f = pd.NaT
                rem_text = _text(t, "RemainingDuration")
                if rem_text:
                    rm = _minutes(rem_text, source, f"task {uid}")
                    remaining = rm / (1440.0 if fmt in _ELAPSED_FORMATS else mpd)
            elif pd.isna(a_f):
                a_f = _date(t, "Finish")
        if pd.notna(a_s):
            progress += 1
        deadline = _date(t, "Deadline")
        if pd.notna(deadline) and pd.notna(start) and deadline < start:
            placeholder_deadlines += 1
            deadline = pd.NaT
        if pd.notna(deadline):
            deadlines_n += 1
        out.append({"id": str(uid), "name": _text(t, "Name") or "", "duration": days, "calendar": cal_name,
                    "constraint_type": ctype or None, "constraint_date": cdate, "deadline": deadline,
                    "actual_start": a_s, "actual_finish": a_f, "remaining_duration": remaining,
                    "milestone": None, "wbs": _text(t, "WBS"), "float_calendar": float_cal})
        stored.append(_stored(t, uid, mpd))

    if manual:
        warnings.append(f"{manual} manually scheduled task(s): MS Project keeps the dates typed in them; pmlib "
                        "schedules them from their links and durations like automatic tasks.")
    if resource_cal["resource"] or resource_cal["combined"]:
        warnings.append(f"{resource_cal['resource'] + resource_cal['combined']} task(s) scheduled on their "
                        "resource's calendar (intersected with the task calendar where the task has one), as MS "
                        "Project does; pmlib does not level resources.")
    if resource_cal["mixed"]:
        warnings.append(f"{resource_cal['mixed']} task(s) have several resources on different calendars: MS Project "
                        "schedules each assignment on its own calendar; pmlib uses the task calendar.")
    if leveling:
        warnings.append(f"{leveling} task(s) carry a leveling delay (resource levelling): pmlib schedules without it.")
    if placeholder:
        warnings.append(f"{placeholder} task(s) at 0 % complete carry actual dates (placeholders): ignored.")
    if placeholder_deadlines:
        warnings.append(f"{placeholder_deadlines} deadline(s) before the project start (placeholders): ignored.")
    if deadlines_n:
        warnings.append(f"{deadlines_n} deadline(s) read into the deadline column: they limit the late finish "
                        "(negative float when missed), as in MS Project.")
    status_used = None
    if progress:
        if pd.isna(status):
            status = _date(root, "CurrentDate")
            warnings.append("the file has progress but no status date: pmlib used its current date "
                            f"{status:%Y-%m-%d} as the status date.")
        status_used = status
        warnings.append("progress: MS Project keeps the remaining work of a task in progress right after its "
                        "actual work; pmlib resumes it at the status date at the earliest, and starts unstarted "
                        "work no earlier than the status date (as Primavera P6 does).")
    elif pd.notna(status):
        warnings.append(f"status date {status:%Y-%m-%d} ignored: no task has progress.")

    links, lag_cals = _links(leaf_rows, by_uid, leaves_of, leaf_uids, out, mpd, source, warnings)
    if lag_cals["elapsed"] and elapsed_cal is None:
        elapsed_cal = Calendar.continuous(_ELAPSED)
    calendars = {c.name: c for c in cals.values()}
    calendars.update({c.name: c for c in combined.values()})
    if elapsed_cal is not None:
        calendars[_ELAPSED] = elapsed_cal
    tasks = pd.DataFrame(out)
    for col in ("constraint_date", "deadline", "actual_start", "actual_finish"):
        tasks[col] = pd.to_datetime(tasks[col])
    stored_df = pd.DataFrame(stored).set_index("id")
    if stored_df[["early_start", "late_start"]].isna().all().all():
        stored_df = None
    return assemble(tasks=tasks, links=links, calendars=calendars, default_calendar=cals[project_cal].name,
                    project_start=start if pd.notna(start) else _no_start(), status_date=status_used,
                    warnings=warnings, stored=stored_df, name=_text(root, "Title") or _text(root, "Name") or "",
                    fmt="MSPDI", source=source, honor_constraints=honor, lag_calendar="successor")


def _no_start() -> pd.Timestamp:
    raise InputError("the file has no project StartDate: add one in MS Project (Project Information).")


def _stored(t, uid, mpd) -> dict:
    es, ef = _date(t, "EarlyStart"), _date(t, "EarlyFinish")
    ts, fs = _text(t, "TotalSlack"), _text(t, "FreeSlack")
    # MPXJ conversions leave out a slack of zero: absent means 0 when the task has early dates
    tf = float(ts) / 10 / mpd if ts not in (None, "") else (0.0 if pd.notna(es) else np.nan)
    ff = float(fs) / 10 / mpd if fs not in (None, "") else (0.0 if pd.notna(es) else np.nan)
    crit = _int(t, "Critical")
    return {"id": str(uid), "early_start": es, "early_finish": ef, "late_start": _date(t, "LateStart"),
            "late_finish": _date(t, "LateFinish"), "total_float": tf, "free_float": ff,
            "critical": None if crit is None else crit == 1}


def _resource_calendars(root) -> dict:
    out = {}
    for r in root.findall(f"{_NS}Resources/{_NS}Resource"):
        uid, cal = _int(r, "UID"), _int(r, "CalendarUID")
        if uid is not None and cal is not None:
            out[uid] = cal
    return out


def _assignments(root) -> dict:
    out: dict = {}
    for a in root.findall(f"{_NS}Assignments/{_NS}Assignment"):
        t, r = _int(a, "TaskUID"), _int(a, "ResourceUID")
        if t is not None and r is not None and r >= 0:
            out.setdefault(t, []).append(r)
    return out


def _links(leaf_rows, by_uid, leaves_of, leaf_uids, tasks_out, mpd, source, warnings):
    """Links between leaves: summary links expanded, percent lags converted, elapsed lags flagged."""
    duration_of = {int(r["id"]): r["duration"] for r in tasks_out}
    cal_of = {int(r["id"]): r["calendar"] for r in tasks_out}
    rows = []
    counts = Counter()
    # links are stored on the successor: every task (summaries included) may carry them
    for r in by_uid.values():
        if r["null"] or not r["active"]:
            continue
        t = r["el"]
        for link in t.findall(_NS + "PredecessorLink"):
            p = _int(link, "PredecessorUID")
            typ = _LINK_TYPES.get(_int(link, "Type", 1))
            if typ is None:
                raise InputError(f"{source}: task {r['uid']} has a link of unknown type {_text(link, 'Type')!r} "
                                 "(MSPDI types are 0 = FF, 1 = FS, 2 = SF, 3 = SS).")
            if _int(link, "CrossProject", 0) == 1 or p not in by_uid:
                counts["external"] += 1
                continue
            fmt = _int(link, "LagFormat", 7)
            raw = float(_text(link, "LinkLag", "0") or 0)
            preds = leaves_of.get(p, [p]) if by_uid[p]["summary"] or by_uid[p]["level"] == 0 else [p]
            succs = leaves_of.get(r["uid"], [r["uid"]]) if r["summary"] or r["level"] == 0 else [r["uid"]]
            if by_uid[p]["summary"] or r["summary"]:
                counts["summary"] += 1
                if (by_uid[p]["summary"] and typ in ("SS", "SF")) or (r["summary"] and typ in ("FF", "SF")):
                    counts["summary_approx"] += 1
            for a in preds:
                for b in succs:
                    if a not in leaf_uids or b not in leaf_uids or a == b:
                        continue
                    lag_cal = None
                    if fmt in _PERCENT_FORMATS:
                        counts["percent"] += 1
                        lag = raw / 100.0 * duration_of[a] * (1.0 if cal_of[a] != _ELAPSED else 1440.0 / mpd)
                        if fmt in (20, 52):
                            lag_cal = _ELAPSED
                            lag = raw / 100.0 * duration_of[a] * (mpd / 1440.0 if cal_of[a] != _ELAPSED else 1.0)
                    elif fmt in _ELAPSED_FORMATS:
                        lag = raw / 10.0 / 1440.0
                        lag_cal = _ELAPSED
                        counts["elapsed"] += 1
                    else:
                        lag = raw / 10.0 / mpd
                    rows.append({"predecessor": str(a), "successor": str(b), "type": typ, "lag": lag,
                                 "lag_calendar": lag_cal})
    if counts["external"]:
        warnings.append(f"{counts['external']} link(s) to tasks outside this file (external or cross-project) left out.")
    if counts["summary"]:
        warnings.append(f"{counts['summary']} link(s) on summary tasks expanded to the summaries' leaf tasks"
                        + (f"; {counts['summary_approx']} of them (a start-to-start or start-to-finish from a "
                           "summary, or a finish-to-finish or start-to-finish into one) bind every leaf, where MS "
                           "Project binds only the summary's earliest start or latest finish"
                           if counts["summary_approx"] else "") + ".")
    links = pd.DataFrame(rows, columns=["predecessor", "successor", "type", "lag", "lag_calendar"])
    links = dedupe_links(links, warnings, "expanding summary links")
    return links, {"elapsed": counts["elapsed"] > 0 or any(v == _ELAPSED for v in links["lag_calendar"].tolist())}
