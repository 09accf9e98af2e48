"""Primavera P6 XER -> Plan. Private: use :func:`pmlib.io.read_schedule`."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from ..errors import InputError
from ..schedule.calendars import Calendar
from .schedule_files import assemble, dedupe_links

_LINK_TYPES = {"PR_FS": "FS", "PR_SS": "SS", "PR_FF": "FF", "PR_SF": "SF"}
_CONSTRAINTS = {"CS_MSO": "MSO", "CS_MSOA": "SNET", "CS_MSOB": "SNLT", "CS_MEO": "MFO", "CS_MEOA": "FNET",
                "CS_MEOB": "FNLT", "CS_ALAP": "ALAP", "CS_MANDSTART": "MSO", "CS_MANDFIN": "MFO"}
_LAG_CALENDAR = {"rcal_Predecessor": "predecessor", "rcal_Successor": "successor",
                 "rcal_24Hour": "24 hours", "rcal_ProjDefault": "project"}
_INTERVAL = re.compile(r"\(s\|(\d{1,2}:\d{2})\|f\|(\d{1,2}:\d{2})\)")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_CONTINUOUS = "24 hours (lags)"


def _decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _tables(text: str, source: str) -> dict:
    """{table name: DataFrame of text} from the %T / %F / %R lines."""
    tables: dict = {}
    name, fields, rows = None, None, []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line:
            continue
        tag, _, rest = line.partition("\t")
        if tag == "%T":
            if name is not None:
                tables[name] = pd.DataFrame(rows, columns=fields, dtype=object)
            name, fields, rows = rest.strip(), None, []
        elif tag == "%F":
            fields = rest.split("\t")
        elif tag == "%R":
            if fields is None:
                raise InputError(f"{source}, line {lineno}: a %R row comes before its table's %F field line.")
            values = rest.split("\t")
            if len(values) < len(fields):
                values += [""] * (len(fields) - len(values))
            rows.append(values[: len(fields)])
        elif tag == "%E":
            break
    if name is not None:
        tables[name] = pd.DataFrame(rows, columns=fields, dtype=object)
    return tables


def _dates(series) -> pd.Series:
    s = series.replace("", None)
    return pd.to_datetime(s, format="%Y-%m-%d %H:%M", errors="coerce")


def _num(series) -> np.ndarray:
    return pd.to_numeric(series.replace("", None), errors="coerce").to_numpy(dtype=float)


def _node_children(text: str, name: str) -> str | None:
    """The body of '(0||name()( ... ))' in P6's calendar data, by matching parentheses."""
    i = text.find(f"||{name}(")
    if i < 0:
        return None
    j = text.find(")(", i)
    if j < 0:
        return None
    depth, k = 0, j + 1
    for k in range(j + 1, len(text)):
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return text[j + 2:k]
    return None


def _blocks(body: str) -> list:
    """Top-level '(0||key(params)(children))' blocks of a body: (key, params, children)."""
    out, depth, start = [], 0, None
    for k, ch in enumerate(body):
        if ch == "(":
            if depth == 0:
                start = k
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and start is not None:
                block = body[start:k + 1]
                m = re.match(r"\(0\|\|([^()]*)\(([^()]*)\)\((.*)\)\)$", block, re.S)
                if m:
                    out.append(m.groups())
    return out


def _calendar(row, source, warnings) -> Calendar:
    name = row.get("clndr_name") or f"calendar {row['clndr_id']}"
    hours = float(row.get("day_hr_cnt") or 8) or 8.0
    data = (row.get("clndr_data") or "").replace("\x7f", "")
    week, exceptions = {}, {}
    days = _node_children(data, "DaysOfWeek")
    if days is None:
        warnings.append(f"calendar {name!r} has no working-time data: pmlib used Monday-Friday 08:00-16:00 "
                        f"with {hours:g} h per day.")
        return Calendar(name, hours="08:00-16:00", hours_per_day=hours)
    for key, _params, children in _blocks(days):
        if not key.strip().isdigit():
            continue
        day = int(key)
        if 1 <= day <= 7:
            periods = [(a.zfill(5), b.zfill(5)) for a, b in _INTERVAL.findall(children)]
            if periods:
                week[("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")[day - 1]] = periods
    exc = _node_children(data, "Exceptions")
    for _key, params, children in _blocks(exc or ""):
        m = re.match(r"d\|(\d+)", params)
        if not m:
            continue
        date = _EXCEL_EPOCH + pd.Timedelta(days=int(m.group(1)))
        exceptions[date] = [(a.zfill(5), b.zfill(5)) for a, b in _INTERVAL.findall(children)]
    try:
        return Calendar(name, week=week or {"Mon": "08:00-16:00"}, exceptions=exceptions, hours_per_day=hours)
    except InputError as exc_:
        raise InputError(f"{source}: calendar {name!r}: {exc_}") from None


def read_xer(data: bytes, source: str):
    tables = _tables(_decode(data), source)
    for needed in ("PROJECT", "TASK"):
        if needed not in tables or tables[needed].empty:
            raise InputError(f"{source}: the XER file has no {needed} table; export the project with its activities.")
    warnings: list = []
    proj = tables["PROJECT"]
    if len(proj) > 1:
        warnings.append(f"{len(proj)} projects in one file: read together (activity ids prefixed with the "
                        "project's short name where they clash); dates from the first project.")
    p0 = proj.iloc[0].to_dict()
    data_date = _dates(pd.Series([p0.get("next_data_date") or p0.get("last_recalc_date") or ""]))[0]
    plan_start = _dates(pd.Series([p0.get("plan_start_date") or ""]))[0]
    opts = tables.get("SCHEDOPTIONS")
    opt = opts.iloc[0].to_dict() if opts is not None and len(opts) else {}
    lag_rule = _LAG_CALENDAR.get(opt.get("sched_calendar_on_relationship_lag", ""), "predecessor")
    if opt.get("sched_progress_override") == "Y":
        warnings.append("the project schedules with 'progress override': pmlib uses retained logic (remaining "
                        "work waits for unfinished predecessors).")
    if opt.get("sched_float_type") and opt.get("sched_float_type") != "FT_FF":
        warnings.append(f"total float is set to {opt.get('sched_float_type')} in P6: pmlib reports finish float "
                        "(late finish - early finish).")
    crit = float(p0.get("critical_drtn_hr_cnt") or 0)
    if crit:
        warnings.append(f"P6 marks activities critical at total float <= {crit:g} h; pmlib at <= 0.")

    cal_rows = tables.get("CALENDAR", pd.DataFrame())
    cal_by_id = {}
    for row in cal_rows.to_dict("records"):
        cal_by_id[row["clndr_id"]] = _calendar(row, source, warnings)
    names = Counter(c.name for c in cal_by_id.values())
    for cid, c in cal_by_id.items():
        if names[c.name] > 1:
            c.name = f"{c.name} ({cid})"
    default_id = p0.get("clndr_id")
    if default_id not in cal_by_id:
        default_row = cal_rows[cal_rows.get("default_flag", pd.Series(dtype=object)) == "Y"] if len(cal_rows) else cal_rows
        default_id = default_row["clndr_id"].iloc[0] if len(default_row) else (next(iter(cal_by_id), None))
    if default_id is None:
        cal_by_id["default"] = Calendar("Standard", hours="08:00-16:00")
        default_id = "default"
        warnings.append("the file has no calendar: pmlib used Monday-Friday 08:00-16:00.")

    t = tables["TASK"]
    proj_ids = set(proj["proj_id"].tolist())
    t = t[t["proj_id"].isin(proj_ids)].reset_index(drop=True)
    codes = t["task_code"].astype(str).str.strip()
    if codes.duplicated().any() and len(proj) > 1:
        short = dict(zip(proj["proj_id"], proj["proj_short_name"], strict=True))
        codes = t["proj_id"].map(short) + "." + codes
    if codes.duplicated().any():
        dup = codes[codes.duplicated()].iloc[0]
        raise InputError(f"{source}: activity ID {dup!r} appears twice in TASK; each activity needs its own ID.")
    unknown_cal = ~t["clndr_id"].isin(list(cal_by_id))
    if unknown_cal.any():
        warnings.append(f"{int(unknown_cal.sum())} activity(ies) use a calendar the file does not hold: the project "
                        "calendar is used.")
    cal_id = t["clndr_id"].where(~unknown_cal, default_id)
    hours = np.array([cal_by_id[c].hours_per_day for c in cal_id])
    kind = t["task_type"].fillna("")
    status = t["status_code"].fillna("")
    target = _num(t["target_drtn_hr_cnt"])
    remain = _num(t["remain_drtn_hr_cnt"])
    a_s, a_f = _dates(t["act_start_date"]), _dates(t["act_end_date"])
    complete = (status == "TK_Complete").to_numpy()
    active = (status == "TK_Active").to_numpy()
    a_s = a_s.where(complete | active)
    a_f = a_f.where(complete)
    missing_actual = (complete & a_f.isna().to_numpy()) | ((complete | active) & a_s.isna().to_numpy())
    if missing_actual.any():
        warnings.append(f"{int(missing_actual.sum())} activity(ies) are marked started or complete without actual "
                        "dates: scheduled as not started.")
        a_s = a_s.where(~missing_actual)
        a_f = a_f.where(~missing_actual)
        active = active & ~missing_actual
    has_progress = bool(a_s.notna().any())
    ctype = t["cstr_type"].fillna("").map(lambda v: _CONSTRAINTS.get(v, "?" if v else ""))
    if (ctype == "?").any():
        bad = sorted(set(t.loc[ctype == "?", "cstr_type"]))
        warnings.append(f"constraint type(s) {', '.join(bad)} not known to pmlib: ignored.")
        ctype = ctype.replace("?", "")
    mand = t["cstr_type"].isin(["CS_MANDSTART", "CS_MANDFIN"])
    if mand.any():
        warnings.append(f"{int(mand.sum())} mandatory start/finish constraint(s): P6 lets them break links; pmlib "
                        "keeps the links and shows the conflict as negative float.")
    if "cstr_type2" in t.columns and (t["cstr_type2"].fillna("") != "").any():
        warnings.append(f"{int((t['cstr_type2'].fillna('') != '').sum())} secondary constraint(s) ignored: pmlib "
                        "honours one constraint per activity.")
    cdate = _dates(t["cstr_date"]).where(~ctype.isin(["", "ALAP"]))
    loe = (kind == "TT_LOE").to_numpy()
    if loe.any():
        warnings.append(f"{int(loe.sum())} level-of-effort activity(ies) scheduled as tasks with their stored "
                        "remaining duration: P6 stretches them between their links.")
    wbs = (kind == "TT_WBS").to_numpy()
    if wbs.any():
        warnings.append(f"{int(wbs.sum())} WBS summary activity(ies) scheduled as tasks with their stored duration: "
                        "P6 stretches them over their WBS.")
    if (kind == "TT_Rsrc").any():
        warnings.append(f"{int((kind == 'TT_Rsrc').sum())} resource-dependent activity(ies): P6 schedules them on "
                        "their resources' calendars; pmlib uses the activity calendar.")
    for col, what in (("suspend_date", "suspended"), ("external_early_start_date", "external early start")):
        if col in t.columns and (t[col].fillna("") != "").any():
            warnings.append(f"{int((t[col].fillna('') != '').sum())} activity(ies) with a {what} date: ignored.")
    duration_days = target / hours
    remaining_days = np.where(active, remain / hours, np.nan)
    if np.isnan(duration_days).any():
        k = int(np.flatnonzero(np.isnan(duration_days))[0])
        raise InputError(f"{source}: activity {codes.iloc[k]!r} has no original duration (target_drtn_hr_cnt).")
    # P6 places a zero-length activity at the end of a working period unless it is a start milestone
    milestone = np.where(kind == "TT_Mile", "start", "finish")
    wbs_name = t["wbs_id"] if "wbs_id" in t.columns else None
    tasks = pd.DataFrame({
        "id": codes.tolist(), "name": t["task_name"].fillna("").tolist(), "duration": duration_days,
        "calendar": [cal_by_id[c].name for c in cal_id], "constraint_type": ctype.replace("", None).tolist(),
        "constraint_date": cdate, "deadline": pd.NaT, "actual_start": a_s, "actual_finish": a_f,
        "remaining_duration": remaining_days, "milestone": milestone,
        "wbs": wbs_name.tolist() if wbs_name is not None else None,
    })
    tasks["deadline"] = pd.to_datetime(tasks["deadline"])
    # what P6 stored (completed activities carry no float)
    stored = pd.DataFrame({
        "id": codes.tolist(),
        "early_start": _dates(t["early_start_date"]), "early_finish": _dates(t["early_end_date"]),
        "late_start": _dates(t["late_start_date"]), "late_finish": _dates(t["late_end_date"]),
        "total_float": _num(t["total_float_hr_cnt"]) / hours, "free_float": _num(t["free_float_hr_cnt"]) / hours,
    }).set_index("id")
    stored["critical"] = stored["total_float"] <= crit / hours + 1e-9
    stored.loc[complete, ["early_start", "early_finish", "late_start", "late_finish"]] = pd.NaT
    # links
    by_task = dict(zip(t["task_id"], codes, strict=True))
    pred_rows = tables.get("TASKPRED", pd.DataFrame(columns=["task_id", "pred_task_id", "pred_type", "lag_hr_cnt"]))
    known = pred_rows["task_id"].isin(list(by_task)) & pred_rows["pred_task_id"].isin(list(by_task))
    if (~known).any():
        warnings.append(f"{int((~known).sum())} link(s) to activities outside this file (other projects) left out.")
    pr = pred_rows[known]
    types = pr["pred_type"].map(_LINK_TYPES)
    if types.isna().any():
        bad = sorted(set(pr.loc[types.isna(), "pred_type"]))
        raise InputError(f"{source}: TASKPRED has link type(s) {', '.join(bad)}; P6 types are PR_FS, PR_SS, PR_FF, PR_SF.")
    lag_h = _num(pr["lag_hr_cnt"])
    lag_h = np.where(np.isnan(lag_h), 0.0, lag_h)
    succ_code = pr["task_id"].map(by_task)
    pred_code = pr["pred_task_id"].map(by_task)
    cal_of_code = dict(zip(codes, cal_id, strict=True))
    if lag_rule == "predecessor":
        lag_hours_per_day = np.array([cal_by_id[cal_of_code[c]].hours_per_day for c in pred_code])
        lag_cal = [None] * len(pr)
    elif lag_rule == "successor":
        lag_hours_per_day = np.array([cal_by_id[cal_of_code[c]].hours_per_day for c in succ_code])
        lag_cal = [None] * len(pr)
    elif lag_rule == "24 hours":
        lag_hours_per_day = np.full(len(pr), 24.0)
        lag_cal = [_CONTINUOUS] * len(pr)
    else:
        lag_hours_per_day = np.full(len(pr), cal_by_id[default_id].hours_per_day)
        lag_cal = [cal_by_id[default_id].name] * len(pr)
    links = pd.DataFrame({"predecessor": pred_code.tolist(), "successor": succ_code.tolist(), "type": types.tolist(),
                          "lag": lag_h / lag_hours_per_day, "lag_calendar": lag_cal})
    links = links[links["predecessor"] != links["successor"]]
    links = dedupe_links(links, warnings, "reading TASKPRED")
    calendars = {c.name: c for c in cal_by_id.values()}
    if lag_rule == "24 hours":
        calendars[_CONTINUOUS] = Calendar.continuous(_CONTINUOUS)
    status_date = data_date if has_progress or pd.notna(data_date) else None
    start = data_date if pd.notna(data_date) else plan_start
    if pd.isna(start):
        raise InputError(f"{source}: the project has neither a data date (last_recalc_date) nor a planned start.")
    plan = assemble(tasks=tasks, links=links, calendars=calendars, default_calendar=cal_by_id[default_id].name,
                    project_start=start, status_date=status_date, warnings=warnings, stored=stored,
                    name=str(p0.get("proj_short_name") or ""), fmt="XER", source=source, honor_constraints=False,
                    lag_calendar="successor" if lag_rule == "successor" else "predecessor", cap_free_float=False)
    # Primavera P6's conventions: free float is not capped by total float, and an activity in
    # progress reports none
    plan.zero_free_float_in_progress = True
    return plan
