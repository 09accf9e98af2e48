"""Reading the program's tables: projects, links, benefits, demand; checked once, at the door."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import schedule as _schedule
from .._validate import (
    as_date_column,
    as_float_columns,
    as_frame,
    check_range,
    require_columns,
    require_known_ids,
    require_unique_ids,
    require_unique_rows,
)
from ..errors import CycleError, InputError

#: Id of the program-start milestone in the project network.
START = "START"
#: Id of the launch milestone: every project of the program finished.
LAUNCH = "LAUNCH"
#: Working days in a week: lags and slips are given in weeks, the network runs in working days.
DAYS_PER_WEEK = 5
_TOL = 1e-9


def split_ids(cell) -> list:
    """'P01, P02' (or a list) -> ['P01', 'P02']; empty or NaN -> []."""
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return []
    if isinstance(cell, list | tuple | set):
        return [str(c).strip() for c in cell if str(c).strip()]
    return [c.strip() for c in str(cell).split(",") if c.strip()]


def weeks_column(df: pd.DataFrame, column: str, name: str, labels, *, default=0.0, ge=None) -> np.ndarray:
    """A column of weeks: empty cells take ``default``; text, booleans and inf are errors."""
    if column not in df.columns:
        return np.full(len(df), default)
    out = as_float_columns(df, [column], name, labels=labels, allow_nan=True)[:, 0]
    out = np.where(np.isnan(out), default, out)
    if ge is not None:
        check_range(out, f"{name}.{column} (weeks)", ge=ge, labels=labels)
    return out


def projects_frame(projects, name="projects") -> pd.DataFrame:
    """Projects with unique ids and valid start <= finish dates (a copy, index reset)."""
    df = as_frame(projects, name)
    if df.empty:
        raise InputError(f"{name} is empty: give at least one project (id, start, finish).")
    require_columns(df, ["id", "start", "finish"], name)
    require_unique_ids(df["id"], name)
    for reserved in (START, LAUNCH):
        if reserved in set(df["id"]):
            raise InputError(f"{name}: the id {reserved!r} is reserved for the program's milestone; rename that project.")
    ids = list(df["id"])
    df["start"] = as_date_column(df, "start", name, labels=ids).to_numpy()
    df["finish"] = as_date_column(df, "finish", name, labels=ids).to_numpy()
    late = (df["finish"] < df["start"]).to_numpy()
    if late.any():
        raise InputError(f"{name}: project {ids[int(np.flatnonzero(late)[0])]!r} finishes before it starts; "
                         "check its start and finish dates.")
    return df.reset_index(drop=True)


def dependencies_frame(dependencies, ids, name="dependencies") -> pd.DataFrame:
    """Links between known projects: type FS/SS/FF/SF (default FS), lag in weeks (default 0), no repeats."""
    cols = ["project_id", "predecessor_id", "type", "lag"]
    df = pd.DataFrame(columns=cols) if dependencies is None else as_frame(dependencies, name)
    if df.empty:
        return pd.DataFrame(columns=cols)
    require_columns(df, ["project_id", "predecessor_id"], name)
    labels = [f"{p} -> {s}" for p, s in zip(df["predecessor_id"], df["project_id"], strict=True)]
    kind = df["type"].fillna("FS").astype(str).str.strip().str.upper() if "type" in df.columns else "FS"
    df = df.assign(type=kind, lag=weeks_column(df, "lag", name, labels))
    bad = ~df["type"].isin(_schedule.RELATIONSHIP_TYPES).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(f"{name}: link {labels[i]} has type {df['type'].iloc[i]!r}; "
                         f"use one of {', '.join(_schedule.RELATIONSHIP_TYPES)}.")
    for col in ("project_id", "predecessor_id"):
        require_known_ids(pd.unique(df[col]), ids, f"{name}.{col}", what="project")
    self_link = (df["project_id"] == df["predecessor_id"]).to_numpy()
    if self_link.any():
        pid = df["project_id"].iloc[int(np.flatnonzero(self_link)[0])]
        raise CycleError(f"{name}: project {pid!r} depends on itself; remove that row.", cycle=[pid, pid])
    require_unique_rows(df, ["project_id", "predecessor_id"], f"{name} (one link per pair of projects)")
    return df[cols + [c for c in df.columns if c not in cols]].reset_index(drop=True)


def benefits_frame(benefits, ids=None, name="benefits") -> pd.DataFrame:
    """Benefits with unique ids, the projects each needs (known ones) and a lag in weeks (>= 0)."""
    df = as_frame(benefits, name)
    require_columns(df, ["id", "project_ids"], name)
    require_unique_ids(df["id"], name)
    df["lag"] = weeks_column(df, "lag", name, list(df["id"]), ge=0)
    df["projects"] = [split_ids(c) for c in df["project_ids"]]
    empty = (df["projects"].map(len) == 0).to_numpy()
    if empty.any():
        raise InputError(f"{name}: benefit {df['id'].iloc[int(np.flatnonzero(empty)[0])]!r} names no project in "
                         "project_ids; list the projects that must finish before it lands.")
    if ids is not None:
        require_known_ids([p for plist in df["projects"] for p in plist], ids, f"{name}.project_ids", what="project")
    return df.reset_index(drop=True)


def demand_frame(demand, name="demand") -> pd.DataFrame:
    """Weekly demand: one row per (project, resource, week), weeks as Mondays, fte >= 0."""
    df = as_frame(demand, name)
    require_columns(df, ["project_id", "resource_id", "week", "fte"], name)
    if df.empty:
        raise InputError(f"{name} is empty: give one row per (project, resource, week).")
    labels = df["project_id"].to_numpy()  # the project names the row (cheap on large tables)
    week = as_date_column(df, "week", name, labels=labels)
    fte = as_float_columns(df, ["fte"], name, labels=labels)[:, 0]
    check_range(fte, f"{name}.fte (FTE)", ge=0, labels=labels)
    # weeks as Mondays, so demand given on any weekday lands in its week
    df = df.assign(week=(week - pd.to_timedelta(week.dt.day_of_week, unit="D")).to_numpy(), fte=fte)
    require_unique_rows(df, ["project_id", "resource_id", "week"], name)
    return df


def capacity(resources, demand: pd.DataFrame, name="resources") -> pd.Series:
    """Capacity (FTE, finite, >= 0) per resource id, covering every resource of the demand."""
    if resources is None:
        raise InputError("resources is required: a table with id and capacity (FTE), or a dict {id: capacity}.")
    if isinstance(resources, Mapping) and not any(isinstance(v, list | tuple | np.ndarray | pd.Series)
                                                  for v in resources.values()):
        ids = list(resources)
        cells = pd.DataFrame({"capacity": pd.Series(list(resources.values()), dtype=object)})
        cap = as_float_columns(cells, ["capacity"], name, labels=ids)[:, 0]
    else:
        rf = as_frame(resources, name)
        require_columns(rf, ["id", "capacity"], name)
        require_unique_ids(rf["id"], name)
        ids = list(rf["id"])
        cap = as_float_columns(rf, ["capacity"], name, labels=ids)[:, 0]
    check_range(cap, f"{name} capacity (FTE)", ge=0, labels=ids)
    require_known_ids(pd.unique(demand["resource_id"]), ids, "demand.resource_id", what="resource")
    return pd.Series(cap, index=ids)


def working_dates(days, t0, *, finish=False) -> pd.DatetimeIndex:
    """Dates of working-day offsets from ``t0`` (Monday-Friday).

    A start at offset d is on working day floor(d); something ending at offset d (exclusive)
    ends on the working day before, ceil(d) - 1.
    """
    d = np.atleast_1d(np.asarray(days, dtype=float))
    d = np.maximum(np.ceil(d - _TOL) - 1, 0) if finish else np.floor(d + _TOL)
    base = np.busday_offset(np.datetime64(pd.Timestamp(t0).date(), "D"), 0, roll="forward")
    return pd.DatetimeIndex(np.busday_offset(base, d.astype("int64"), roll="forward").astype("datetime64[ns]"))
