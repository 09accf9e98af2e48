"""Program management: roll-ups, cross-project dependencies, shared resources, benefits.

A *program* groups related projects for a benefit none of them delivers alone (PMI, *The
Standard for Program Management*, 4th ed.). Its manager works the gaps between projects:

* **roll-ups** of budgets and earned value: the program's CPI and SPI come from the *sums* of
  PV, EV and AC (:func:`rollup`, through :func:`pmlib.evm.metrics`), never from averaging the
  projects' indices;
* the **project network**: which project waits for which (:func:`schedule`, through
  :func:`pmlib.schedule.cpm`), the program's finish date, its critical projects, and the
  **ripple** of a slip to other projects and to benefit dates (:func:`ripple`);
* **shared resources**: weekly demand against capacity (:func:`resource_load`,
  :func:`overallocations`) and a levelling by shifting assignments within float
  (:func:`level_resources`);
* **benefits**: planned vs realised (:func:`benefits_realisation`), and project success vs
  benefit success (:func:`success_matrix`);
* **risk concentration**: critical projects that lean on the same vendor or person
  (:func:`risk_concentration`).

Time in the project network is counted in working days (Monday-Friday) from the program's
start; tables report weeks (5 working days) and dates. A project that starts on a Monday and
finishes on a Friday n weeks later lasts n weeks. Lags in the dependency table are in weeks.

>>> import pmlib as pm
>>> home = pm.program.load("PG-HOME")
>>> s = home.schedule()
>>> s.finish.date(), s.critical_projects
(datetime.date(2027, 6, 25), ['P05', 'P01', 'P02', 'P03'])
>>> r = home.ripple({"P05": 3})
>>> float(r.finish_delay_weeks)
3.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import datasets as _datasets
from . import evm as _evm
from . import schedule as _schedule
from ._validate import as_frame, as_number, require_columns, require_known_ids, require_unique_ids
from .errors import CycleError, InputError, UnknownIdError

__all__ = [
    "Program",
    "load",
    "schedule",
    "ProgramSchedule",
    "ripple",
    "Ripple",
    "rollup",
    "Rollup",
    "resource_load",
    "overallocations",
    "level_resources",
    "Levelling",
    "benefits_realisation",
    "benefits_timeline",
    "success_matrix",
    "risk_concentration",
    "START",
    "LAUNCH",
    "DAYS_PER_WEEK",
]

#: Id of the program-start milestone in the project network.
START = "START"
#: Id of the launch milestone: every project of the program finished.
LAUNCH = "LAUNCH"
#: Working days in a week: lags and slips are given in weeks, the network runs in working days.
DAYS_PER_WEEK = 5
_TOL = 1e-9


# ---------------------------------------------------------------------------------------
# reading tables
# ---------------------------------------------------------------------------------------
def _dates(df: pd.DataFrame, column: str, name: str) -> pd.Series:
    out = pd.to_datetime(df[column], errors="coerce")
    bad = out.isna()
    if bad.any():
        row = df.index[int(np.flatnonzero(bad.to_numpy())[0])]
        ident = df["id"].loc[row] if "id" in df.columns else row
        raise InputError(f"{name}: {column!r} of {ident!r} is {df[column].loc[row]!r}, not a date (use YYYY-MM-DD).")
    return out


def _projects_frame(projects, name="projects") -> pd.DataFrame:
    df = as_frame(projects, name)
    if df.empty:
        raise InputError(f"{name} is empty: give at least one project (id, start, finish).")
    require_columns(df, ["id", "start", "finish"], name)
    require_unique_ids(df["id"], name)
    for reserved in (START, LAUNCH):
        if reserved in set(df["id"]):
            raise InputError(f"{name}: the id {reserved!r} is reserved for the program's milestone; rename that project.")
    df["start"] = _dates(df, "start", name)
    df["finish"] = _dates(df, "finish", name)
    late = df["finish"] < df["start"]
    if late.any():
        pid = df.loc[late, "id"].iloc[0]
        raise InputError(f"{name}: project {pid!r} finishes before it starts; check its start and finish dates.")
    return df.reset_index(drop=True)


def _dependencies_frame(dependencies, ids, name="dependencies") -> pd.DataFrame:
    cols = ["project_id", "predecessor_id", "type", "lag"]
    if dependencies is None:
        return pd.DataFrame(columns=cols)
    df = as_frame(dependencies, name)
    if df.empty:
        return pd.DataFrame(columns=cols)
    require_columns(df, ["project_id", "predecessor_id"], name)
    if "type" not in df.columns:
        df["type"] = "FS"
    if "lag" not in df.columns:
        df["lag"] = 0.0
    df["type"] = df["type"].fillna("FS").astype(str).str.strip().str.upper()
    bad_type = ~df["type"].isin(_schedule.RELATIONSHIP_TYPES)
    if bad_type.any():
        r = df[bad_type].iloc[0]
        raise InputError(
            f"{name}: link {r['predecessor_id']} -> {r['project_id']} has type {r['type']!r}; "
            f"use one of {', '.join(_schedule.RELATIONSHIP_TYPES)}."
        )
    lag = pd.to_numeric(df["lag"].fillna(0), errors="coerce")
    if lag.isna().any():
        r = df[lag.isna()].iloc[0]
        raise InputError(f"{name}: link {r['predecessor_id']} -> {r['project_id']} has lag {r['lag']!r}, not a number of weeks.")
    df["lag"] = lag.astype(float)
    for col in ("project_id", "predecessor_id"):
        require_known_ids(pd.unique(df[col]), ids, f"{name}.{col}", what="project")
    self_link = df["project_id"] == df["predecessor_id"]
    if self_link.any():
        pid = df.loc[self_link, "project_id"].iloc[0]
        raise CycleError(f"{name}: project {pid!r} depends on itself; remove that row.", cycle=[pid, pid])
    dup = df.duplicated(["project_id", "predecessor_id"])
    if dup.any():
        r = df[dup].iloc[0]
        raise InputError(
            f"{name}: {r['project_id']!r} waits for {r['predecessor_id']!r} twice; keep the one link that binds."
        )
    _check_cycles(df)
    return df[cols + [c for c in df.columns if c not in cols]].reset_index(drop=True)


def _check_cycles(df: pd.DataFrame) -> None:
    """CycleError naming the loop of projects, e.g. P01 -> P02 -> P01 (graph search, not a schedule)."""
    succ: dict = {}
    for p, q in zip(df["predecessor_id"].tolist(), df["project_id"].tolist(), strict=True):
        succ.setdefault(p, []).append(q)
    state: dict = {}
    for root in list(succ):
        if state.get(root):
            continue
        stack = [(root, iter(succ.get(root, ())))]
        path = [root]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if state.get(nxt) == 1:
                loop = path[path.index(nxt):] + [nxt]
                raise CycleError(
                    "dependencies between projects form a cycle: " + " -> ".join(map(str, loop))
                    + ". A project cannot wait for itself: remove or reverse one of these links.",
                    cycle=loop,
                )
            if not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, iter(succ.get(nxt, ()))))


def _split_ids(cell) -> list:
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return []
    if isinstance(cell, list | tuple | set):
        return [str(c).strip() for c in cell if str(c).strip()]
    return [c.strip() for c in str(cell).split(",") if c.strip()]


def _benefits_frame(benefits, ids=None, name="benefits") -> pd.DataFrame:
    df = as_frame(benefits, name)
    require_columns(df, ["id", "project_ids"], name)
    require_unique_ids(df["id"], name)
    if "lag" not in df.columns:
        df["lag"] = 0.0
    df["lag"] = pd.to_numeric(df["lag"].fillna(0), errors="coerce")
    if df["lag"].isna().any():
        raise InputError(f"{name}: benefit {df.loc[df['lag'].isna(), 'id'].iloc[0]!r} has a lag that is not a number of weeks.")
    df["projects"] = [_split_ids(c) for c in df["project_ids"]]
    empty = df["projects"].map(len) == 0
    if empty.any():
        raise InputError(f"{name}: benefit {df.loc[empty, 'id'].iloc[0]!r} names no project in project_ids; "
                         "list the projects that must finish before it lands.")
    if ids is not None:
        for bid, plist in zip(df["id"], df["projects"], strict=True):
            require_known_ids(plist, ids, f"{name}: benefit {bid!r}", what="project")
    return df.reset_index(drop=True)


def _working_days(start: pd.Series, finish: pd.Series) -> np.ndarray:
    """Working days from ``start`` through ``finish`` inclusive (Monday-Friday)."""
    a = start.to_numpy().astype("datetime64[D]")
    b = finish.to_numpy().astype("datetime64[D]") + np.timedelta64(1, "D")
    return np.busday_count(a, b).astype(float)


def _to_start_dates(days, t0) -> pd.DatetimeIndex:
    return _schedule.working_days_to_dates(np.atleast_1d(np.asarray(days, dtype=float)), t0)


def _to_finish_dates(days, t0) -> pd.DatetimeIndex:
    """Date of the last working day of something ending at offset ``days`` (exclusive end)."""
    d = np.atleast_1d(np.asarray(days, dtype=float))
    return _schedule.working_days_to_dates(np.maximum(np.ceil(d - _TOL) - 1, 0), t0)


# ---------------------------------------------------------------------------------------
# the project network
# ---------------------------------------------------------------------------------------
@dataclass
class ProgramSchedule:
    """Result of :func:`schedule`.

    Attributes
    ----------
    table : DataFrame
        One row per project (index ``id``): ``name`` (when given), ``start``, ``finish``
        (dates), ``duration`` (weeks), ``es``, ``ef`` (weeks from the program start),
        ``total_float``, ``free_float`` (weeks), ``critical`` and ``slip`` (weeks added).
    benefits : DataFrame
        One row per benefit (index ``id``): ``name``, ``projects``, ``lag`` (weeks),
        ``date`` (the first working day it lands) and ``week`` (weeks from the program start).
    start, finish : Timestamp
        Program start; launch date (the last working day of the last project).
    duration : float
        Weeks from the program start to the launch.
    critical_projects : list
        Projects with zero total float, in precedence order.
    dependencies : DataFrame
        The validated links (project_id, predecessor_id, type, lag in weeks).
    cpm : CPMResult
        What :func:`pmlib.schedule.cpm` returned for the network (working days).
    """

    table: pd.DataFrame
    benefits: pd.DataFrame
    start: pd.Timestamp
    finish: pd.Timestamp
    duration: float
    critical_projects: list
    dependencies: pd.DataFrame
    cpm: object = field(repr=False)

    def __repr__(self):
        return (f"ProgramSchedule({len(self.table)} projects, start {self.start.date()}, launch "
                f"{self.finish.date()} ({self.duration:g} weeks), critical: {', '.join(map(str, self.critical_projects))})")


def _slips(slips, ids) -> dict:
    if slips is None:
        return {}
    if not isinstance(slips, Mapping):
        raise InputError("slips must be a mapping {project id: weeks}, e.g. {'P05': 3}.")
    require_known_ids(list(slips), ids, "slips", what="project")
    out = {}
    for pid, weeks in slips.items():
        w = as_number(weeks, f"slips[{pid!r}]")
        if w < 0:
            raise InputError(f"slips[{pid!r}] = {w:g}: a slip is a delay in weeks (>= 0); "
                             "to plan a recovery, change the project's finish date instead.")
        out[pid] = w
    return out


def schedule(projects, dependencies=None, *, benefits=None, start=None, slips=None, _planned_es=None) -> ProgramSchedule:
    """The program's project network: dates, float, critical projects, launch and benefit dates.

    Each project becomes one activity of :func:`pmlib.schedule.cpm` (critical path method,
    PMBOK Guide 6.5.2.2) lasting its working days from ``start`` to ``finish``. Its planned
    start is kept with a link from a program-start milestone, ``START:FS+offset`` (a slipped
    project keeps its scheduled start and finishes later); each
    dependency row becomes the token ``predecessor_id:type+lag`` (lag converted from weeks to
    working days); a ``LAUNCH`` milestone waits for every project. A benefit lands ``lag``
    weeks after the last of its projects finishes: ``date = max(finish of its projects) + lag``.

    Parameters
    ----------
    projects : DataFrame or list of dict
        Columns ``id``, ``start``, ``finish`` (dates; ``name`` and ``vendor`` are kept).
    dependencies : DataFrame, optional
        Columns ``project_id`` (the project that waits), ``predecessor_id``, ``type`` (FS, SS,
        FF, SF; default FS) and ``lag`` (weeks, default 0).
    benefits : DataFrame, optional
        Columns ``id``, ``project_ids`` (comma-separated) and ``lag`` (weeks).
    start : date, optional
        Program start (default: the earliest project start).
    slips : dict, optional
        ``{project id: weeks}`` added to those projects' durations (a late finish).

    Returns
    -------
    ProgramSchedule

    Raises
    ------
    ValueError
        Unknown project ids in the links or benefits (:class:`~pmlib.errors.UnknownIdError`),
        a cycle between projects (:class:`~pmlib.errors.CycleError` naming it), a finish
        before a start, a negative slip.

    Examples
    --------
    B waits for A to finish (FS) with a 1-week lag; C runs in parallel:

    >>> p = [{"id": "A", "start": "2026-01-05", "finish": "2026-01-30"},   # 4 weeks
    ...      {"id": "B", "start": "2026-02-09", "finish": "2026-02-20"},   # 2 weeks
    ...      {"id": "C", "start": "2026-01-05", "finish": "2026-02-13"}]   # 6 weeks
    >>> s = schedule(p, [{"project_id": "B", "predecessor_id": "A", "type": "FS", "lag": 1}])
    >>> s.finish.date(), s.duration, s.critical_projects
    (datetime.date(2026, 2, 20), 7.0, ['A', 'B'])
    >>> float(s.table.loc["C", "total_float"])
    1.0
    """
    df = _projects_frame(projects)
    ids = df["id"].tolist()
    deps = _dependencies_frame(dependencies, ids)
    add = _slips(slips, ids)
    t0 = pd.Timestamp(start) if start is not None else df["start"].min()
    if (df["start"] < t0).any():
        pid = df.loc[df["start"] < t0, "id"].iloc[0]
        raise InputError(f"start={t0.date()} is after project {pid!r} starts; give an earlier program start.")
    offset = np.busday_count(np.datetime64(t0.date(), "D"), df["start"].to_numpy().astype("datetime64[D]"))
    base = _working_days(df["start"], df["finish"])
    slip_weeks = np.array([add.get(i, 0.0) for i in ids])
    duration = base + slip_weeks * DAYS_PER_WEEK

    def network(durations, offsets):
        links: dict = {i: [f"{START}:FS+{o:g}"] for i, o in zip(ids, offsets, strict=True)}
        for succ, pred, typ, lag in zip(deps["project_id"].tolist(), deps["predecessor_id"].tolist(),
                                        deps["type"].tolist(), (deps["lag"] * DAYS_PER_WEEK).tolist(), strict=True):
            links[succ].append(f"{pred}:{typ}{lag:+g}")
        acts = [{"id": START, "duration": 0.0, "predecessors": None}]
        acts += [{"id": i, "duration": d, "predecessors": ", ".join(links[i])}
                 for i, d in zip(ids, durations, strict=True)]
        acts.append({"id": LAUNCH, "duration": 0.0, "predecessors": ", ".join(ids)})
        return acts

    offset = offset.astype(float)
    if add:
        # a slip keeps the project's start: without this pin a finish-to-finish successor that
        # gets longer would be scheduled to *start earlier* (a known CPM anomaly)
        planned_es = (np.asarray(_planned_es, dtype=float) * DAYS_PER_WEEK if _planned_es is not None
                      else _schedule.cpm(pd.DataFrame(network(base, offset))).table.loc[ids, "es"].to_numpy())
        offset = np.where(slip_weeks > 0, np.maximum(offset, planned_es), offset)
    acts = network(duration, offset)
    net = _schedule.cpm(pd.DataFrame(acts))
    tab = net.table.loc[ids]

    w = DAYS_PER_WEEK
    out = pd.DataFrame(index=pd.Index(ids, name="id"))
    if "name" in df.columns:
        out["name"] = df["name"].to_numpy()
    if "vendor" in df.columns:
        out["vendor"] = df["vendor"].to_numpy()
    out["start"] = _to_start_dates(tab["es"], t0)
    out["finish"] = _to_finish_dates(tab["ef"], t0)
    out["duration"] = tab["duration"].to_numpy() / w
    out["es"] = tab["es"].to_numpy() / w
    out["ef"] = tab["ef"].to_numpy() / w
    out["total_float"] = tab["total_float"].to_numpy() / w
    out["free_float"] = tab["free_float"].to_numpy() / w
    out["critical"] = tab["critical"].to_numpy()
    out["slip"] = slip_weeks
    end = float(net.table.loc[LAUNCH, "ef"])
    critical = [i for i in net.critical_path if i not in (START, LAUNCH)]

    btab = pd.DataFrame(columns=["name", "projects", "lag", "date", "week"], index=pd.Index([], name="id"))
    if benefits is not None:
        b = _benefits_frame(benefits, ids)
        # benefit milestones in a second network, so they never change the projects' float
        acts_b = acts + [
            {"id": f"__benefit__{bid}", "duration": 0.0,
             "predecessors": ", ".join(f"{p}:FS{lag * w:+g}" for p in plist)}
            for bid, plist, lag in zip(b["id"], b["projects"], b["lag"], strict=True)
        ]
        es_b = _schedule.cpm(pd.DataFrame(acts_b)).table["es"].loc[[f"__benefit__{i}" for i in b["id"]]].to_numpy()
        btab = pd.DataFrame(
            {"name": b["name"].to_numpy() if "name" in b.columns else b["id"].to_numpy(),
             "projects": [",".join(p) for p in b["projects"]], "lag": b["lag"].to_numpy(),
             "date": _to_start_dates(es_b, t0), "week": es_b / w},
            index=pd.Index(b["id"], name="id"),
        )
    return ProgramSchedule(
        table=out, benefits=btab, start=t0, finish=_to_finish_dates(end, t0)[0], duration=end / w,
        critical_projects=critical, dependencies=deps[["project_id", "predecessor_id", "type", "lag"]], cpm=net,
    )


@dataclass
class Ripple:
    """Result of :func:`ripple`: what a slip moves.

    Attributes
    ----------
    table : DataFrame
        One row per project, benefit and the launch (index ``id``): ``kind`` (project /
        benefit / launch), ``name``, ``baseline`` and ``new`` dates (finish, or landing date
        for a benefit), ``moved`` (weeks later) and ``slip`` (weeks added to that project).
    moved : list
        Ids of the projects and benefits that move, in table order (``LAUNCH`` included when
        the launch moves).
    finish_delay_weeks : float
        How many weeks later the program launches.
    baseline, slipped : ProgramSchedule
    """

    table: pd.DataFrame
    moved: list
    finish_delay_weeks: float
    baseline: ProgramSchedule = field(repr=False)
    slipped: ProgramSchedule = field(repr=False)

    def __repr__(self):
        return f"Ripple(launch +{self.finish_delay_weeks:g} weeks, moved: {', '.join(map(str, self.moved)) or 'nothing'})"


def ripple(projects, dependencies=None, slips=None, *, benefits=None, start=None) -> Ripple:
    """Slip some projects by some weeks: which projects, benefits and the launch move, and by how much.

    Runs :func:`schedule` twice, as planned and with ``slips`` added to the projects'
    durations (a late finish), and compares finish dates (benefit landing dates). A slip
    moves a successor only by what exceeds the float between them: ``moved = max(0, slip -
    float)`` along the chain (critical path method, PMBOK Guide).

    Parameters
    ----------
    projects, dependencies, benefits, start
        As :func:`schedule`.
    slips : dict
        ``{project id: weeks of delay}`` (each >= 0).

    Returns
    -------
    Ripple

    Examples
    --------
    >>> p = [{"id": "A", "start": "2026-01-05", "finish": "2026-01-30"},
    ...      {"id": "B", "start": "2026-02-09", "finish": "2026-02-20"},
    ...      {"id": "C", "start": "2026-01-05", "finish": "2026-02-13"}]
    >>> deps = [{"project_id": "B", "predecessor_id": "A", "type": "FS", "lag": 1}]
    >>> r = ripple(p, deps, {"A": 2})
    >>> r.table["moved"].to_dict()
    {'A': 2.0, 'B': 2.0, 'C': 0.0, 'LAUNCH': 2.0}
    """
    if not slips:
        raise InputError("slips is empty: give {project id: weeks}, e.g. {'P05': 3}.")
    base = schedule(projects, dependencies, benefits=benefits, start=start)
    new = schedule(projects, dependencies, benefits=benefits, start=base.start, slips=slips,
                   _planned_es=base.table["es"].to_numpy())
    w = DAYS_PER_WEEK
    bt, nt = base.table, new.table
    rows = pd.DataFrame({
        "kind": "project",
        "name": bt["name"] if "name" in bt.columns else bt.index.to_series(),
        "baseline": bt["finish"], "new": nt["finish"],
        "moved": (nt["ef"] - bt["ef"]).round(9), "slip": nt["slip"],
    })
    if len(base.benefits):
        rows = pd.concat([rows, pd.DataFrame({
            "kind": "benefit", "name": base.benefits["name"], "baseline": base.benefits["date"],
            "new": new.benefits["date"], "moved": (new.benefits["week"] - base.benefits["week"]).round(9), "slip": 0.0,
        })])
    delay = round(new.duration - base.duration, 9)
    rows.loc[LAUNCH] = ["launch", "program launch (all projects done)", base.finish, new.finish, delay, 0.0]
    rows.index.name = "id"
    rows["moved"] = rows["moved"].clip(lower=0.0) if (rows["moved"] >= -_TOL * w).all() else rows["moved"]
    moved = rows.index[rows["moved"] > _TOL].tolist()
    return Ripple(table=rows, moved=moved, finish_delay_weeks=float(delay), baseline=base, slipped=new)


# ---------------------------------------------------------------------------------------
# earned value roll-up
# ---------------------------------------------------------------------------------------
@dataclass
class Rollup:
    """Result of :func:`rollup`.

    Attributes
    ----------
    table : DataFrame
        One row per project plus a ``PROGRAM`` row (index ``id``): ``bac pv ev ac`` and every
        column of :func:`pmlib.evm.metrics`. The program row is computed from the sums.
    program : Series
        The program row: the program's CPI, SPI, EAC... from summed PV, EV, AC, BAC.
    average : Series
        ``cpi`` and ``spi`` as the plain average of the projects' indices (the mistake to
        avoid), over projects that have started.
    difference : Series
        ``average - program`` for ``cpi`` and ``spi``.
    eac_sum : float
        Sum of the projects' EACs (each BAC / CPI): the bottom-up program forecast.
    status_date : Timestamp
    """

    table: pd.DataFrame
    program: pd.Series
    average: pd.Series
    difference: pd.Series
    eac_sum: float
    status_date: pd.Timestamp

    def __repr__(self):
        return (f"Rollup(program CPI {self.program['cpi']:.3f} SPI {self.program['spi']:.3f}; "
                f"averaged CPI {self.average['cpi']:.3f} SPI {self.average['spi']:.3f})")


def rollup(status, projects, *, status_date=None) -> Rollup:
    """Roll project earned value up to the program: sum PV, EV, AC and BAC, then compute the indices.

    ``CPI_program = sum(EV) / sum(AC)`` and ``SPI_program = sum(EV) / sum(PV)`` (PMI,
    *Practice Standard for Earned Value Management*, 2nd ed.: indices of a higher level of the
    work breakdown are computed from summed values, because an average of ratios weights a
    small project like a large one). Every figure comes from :func:`pmlib.evm.metrics`.

    Parameters
    ----------
    status : DataFrame
        Cumulative status per project and period: ``project_id``, ``date``, ``pv``, ``ev``,
        ``ac`` (k$). EV and AC may be empty after the status date.
    projects : DataFrame
        ``id`` and ``cost`` (the BAC, k$); ``name`` is kept. One row per project to roll up.
    status_date : date, optional
        Use each project's last row on or before this date with EV and AC reported (default:
        each project's last reported row). A project whose rows all fall after it has not
        started: PV = EV = AC = 0.

    Returns
    -------
    Rollup

    Examples
    --------
    A small project far behind and a large one on plan (k$):

    >>> st = [{"project_id": "S", "date": "2026-10-31", "pv": 100, "ev": 50, "ac": 100},
    ...       {"project_id": "L", "date": "2026-10-31", "pv": 900, "ev": 900, "ac": 900}]
    >>> r = rollup(st, [{"id": "S", "cost": 200}, {"id": "L", "cost": 2000}])
    >>> [round(float(x), 3) for x in (r.program["cpi"], r.program["spi"], r.average["cpi"])]
    [0.95, 0.95, 0.75]
    """
    st = as_frame(status, "status")
    require_columns(st, ["project_id", "date", "pv", "ev", "ac"], "status")
    pj = as_frame(projects, "projects")
    require_columns(pj, ["id", "cost"], "projects")
    require_unique_ids(pj["id"], "projects")
    ids = pj["id"].tolist()
    st = st[st["project_id"].isin(ids)].copy()
    missing = sorted(set(ids) - set(st["project_id"]), key=str)
    if missing:
        raise UnknownIdError(f"status has no rows for project(s) {', '.join(map(str, missing))}; "
                             "add their status or leave them out of projects.")
    st["date"] = pd.to_datetime(st["date"], errors="coerce")
    if st["date"].isna().any():
        raise InputError(f"status: project {st.loc[st['date'].isna(), 'project_id'].iloc[0]!r} has a row without a valid date.")
    for col in ("pv", "ev", "ac"):
        st[col] = pd.to_numeric(st[col], errors="coerce")
    reported = st["ev"].notna() & st["ac"].notna() & st["pv"].notna()
    when = pd.Timestamp(status_date) if status_date is not None else st.loc[reported, "date"].max()
    rep = st[reported & (st["date"] <= when)].sort_values(["project_id", "date"])
    last = rep.groupby("project_id").tail(1).set_index("project_id").reindex(ids)
    bac = pd.to_numeric(pj["cost"], errors="coerce").to_numpy(dtype=float)
    vals = last[["pv", "ev", "ac"]].fillna(0.0).to_numpy(dtype=float)
    idx = pd.Index(ids, name="id")
    per = _evm.metrics(pv=pd.Series(vals[:, 0], index=idx), ev=vals[:, 1], ac=vals[:, 2], bac=bac)
    table = pd.concat([pd.DataFrame({"bac": bac, "pv": vals[:, 0], "ev": vals[:, 1], "ac": vals[:, 2]}, index=idx), per], axis=1)
    if "name" in pj.columns:
        table.insert(0, "name", pj["name"].to_numpy())
    sums = vals.sum(axis=0)
    prog = _evm.metrics(pv=sums[0], ev=sums[1], ac=sums[2], bac=bac.sum())
    prog = pd.concat([pd.Series({"bac": bac.sum(), "pv": sums[0], "ev": sums[1], "ac": sums[2]}), prog])
    started = (vals[:, 2] > 0) & (vals[:, 0] > 0)
    average = pd.Series({"cpi": float(np.mean(per["cpi"].to_numpy()[started])) if started.any() else np.nan,
                         "spi": float(np.mean(per["spi"].to_numpy()[started])) if started.any() else np.nan})
    row = prog.astype(object)
    if "name" in table.columns:
        row["name"] = "program (from sums)"
    table.loc["PROGRAM"] = row.reindex(table.columns)
    return Rollup(
        table=table, program=prog, average=average,
        difference=average - prog[["cpi", "spi"]], eac_sum=float(np.nansum(per["eac"].to_numpy())),
        status_date=pd.Timestamp(when),
    )


# ---------------------------------------------------------------------------------------
# shared resources
# ---------------------------------------------------------------------------------------
def _demand_frame(demand, name="demand") -> pd.DataFrame:
    df = as_frame(demand, name)
    require_columns(df, ["project_id", "resource_id", "week", "fte"], name)
    if df.empty:
        raise InputError(f"{name} is empty: give one row per (project, resource, week).")
    df["week"] = pd.to_datetime(df["week"], errors="coerce")
    if df["week"].isna().any():
        r = df[df["week"].isna()].iloc[0]
        raise InputError(f"{name}: a row of {r['project_id']}/{r['resource_id']} has no valid week date.")
    fte = pd.to_numeric(df["fte"], errors="coerce")
    bad = fte.isna() | (fte < 0)
    if bad.any():
        r = df[bad].iloc[0]
        raise InputError(f"{name}: fte of {r['project_id']}/{r['resource_id']} in the week of {r['week'].date()} is "
                         f"{r['fte']!r}; give a number >= 0 (FTE).")
    df["fte"] = fte.astype(float)
    # weeks as Mondays, so demand given on any weekday lands in its week
    df["week"] = df["week"] - pd.to_timedelta(df["week"].dt.day_of_week, unit="D")
    return df


def _capacity(resources, demand: pd.DataFrame, name="resources") -> pd.Series:
    if resources is None:
        raise InputError("resources is required: a table with id and capacity (FTE), or a dict {id: capacity}.")
    if isinstance(resources, Mapping) and not all(isinstance(v, list | tuple | np.ndarray | pd.Series) for v in resources.values()):
        cap = pd.Series(dict(resources), dtype=object)
    else:
        rf = as_frame(resources, name)
        require_columns(rf, ["id", "capacity"], name)
        require_unique_ids(rf["id"], name)
        cap = pd.Series(rf["capacity"].to_numpy(), index=rf["id"].to_numpy(), dtype=object)
    num = pd.to_numeric(cap, errors="coerce")
    if num.isna().any():
        rid = num.index[num.isna()][0]
        raise InputError(f"{name}: capacity of {rid!r} is {cap[rid]!r}; give a number of FTE (>= 0).")
    if (num < 0).any():
        rid = num.index[num < 0][0]
        raise InputError(f"{name}: capacity of {rid!r} is negative ({num[rid]:g}); capacity must be >= 0 FTE.")
    require_known_ids(pd.unique(demand["resource_id"]), num.index, "demand.resource_id", what="resource")
    return num.astype(float)


def _joined_projects(df: pd.DataFrame, n_groups: int) -> np.ndarray:
    """'A,B' per (resource, week) in sorted group order, built column by column (no per-group Python)."""
    r, _ = pd.factorize(df["resource_id"], sort=True)
    w, weeks = pd.factorize(df["week"], sort=True)
    p, projects = pd.factorize(df["project_id"].astype(str), sort=True)
    n_w, n_p = len(weeks), len(projects)
    key = np.unique((r.astype(np.int64) * n_w + w) * n_p + p)      # sorted by resource, week, project
    cell = key // n_p
    _, first, group = np.unique(cell, return_index=True, return_inverse=True)
    rank = np.arange(len(key)) - first[group]
    names = np.asarray(projects, dtype=object)[key % n_p]
    out = np.full(n_groups, "", dtype=object)
    for j in range(int(rank.max()) + 1 if len(rank) else 0):   # j-th project of each cell: a few passes
        sel = rank == j
        out[group[sel]] = names[sel] if j == 0 else out[group[sel]] + "," + names[sel]
    return out


def resource_load(demand, resources) -> pd.DataFrame:
    """Weekly load of each person across projects against capacity.

    ``load = sum of fte over the projects`` per (resource, week); ``utilisation = load /
    capacity``; ``excess = max(0, load - capacity)`` (PMBOK Guide 6.5.2.3, resource
    optimisation: over-allocation is demand above availability in a period).

    Parameters
    ----------
    demand : DataFrame
        ``project_id``, ``resource_id``, ``week`` (date; the week's Monday), ``fte``.
    resources : DataFrame or dict
        ``id`` and ``capacity`` (FTE), or ``{id: capacity}``.

    Returns
    -------
    DataFrame
        One row per (resource, week) with demand, sorted: ``resource_id``, ``week``, ``load``,
        ``capacity``, ``utilisation``, ``excess``, ``over`` (bool), ``projects`` (ids, comma-separated).

    Examples
    --------
    >>> d = [{"project_id": "A", "resource_id": "R1", "week": "2026-11-02", "fte": 0.6},
    ...      {"project_id": "B", "resource_id": "R1", "week": "2026-11-02", "fte": 0.7}]
    >>> resource_load(d, {"R1": 1.0})[["load", "excess", "over"]].round(2).to_dict("records")
    [{'load': 1.3, 'excess': 0.3, 'over': True}]
    """
    df = _demand_frame(demand)
    cap = _capacity(resources, df)
    df = df[df["fte"] > 0]
    g = df.groupby(["resource_id", "week"], sort=True)
    out = g["fte"].sum().rename("load").reset_index()
    out["projects"] = _joined_projects(df, len(out))
    out["capacity"] = cap.reindex(out["resource_id"]).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["utilisation"] = np.where(out["capacity"] > 0, out["load"] / out["capacity"], np.inf)
    out["excess"] = np.maximum(out["load"] - out["capacity"], 0.0).round(12)
    out["over"] = out["excess"] > _TOL
    return out[["resource_id", "week", "load", "capacity", "utilisation", "excess", "over", "projects"]]


def overallocations(demand, resources) -> pd.DataFrame:
    """The (resource, week) cells where demand exceeds capacity, with the projects competing.

    Rows of :func:`resource_load` with ``excess > 0`` (plus ``name`` when ``resources`` is a
    table with names).

    >>> d = [{"project_id": "A", "resource_id": "R1", "week": "2026-11-02", "fte": 0.6},
    ...      {"project_id": "B", "resource_id": "R1", "week": "2026-11-02", "fte": 0.7},
    ...      {"project_id": "B", "resource_id": "R1", "week": "2026-11-09", "fte": 0.7}]
    >>> overallocations(d, {"R1": 1.0})[["resource_id", "projects"]].to_dict("records")
    [{'resource_id': 'R1', 'projects': 'A,B'}]
    """
    load = resource_load(demand, resources)
    out = load[load["over"]].reset_index(drop=True)
    if isinstance(resources, pd.DataFrame) and "name" in resources.columns:
        names = resources.set_index("id")["name"]
        out.insert(1, "name", names.reindex(out["resource_id"]).to_numpy())
    return out


@dataclass
class Levelling:
    """Result of :func:`level_resources`.

    Attributes
    ----------
    shifts : DataFrame
        One row per moved assignment: ``project_id``, ``resource_id``, ``first_week`` (before),
        ``shift`` (weeks later), ``float`` (weeks the project could absorb), ``delay`` (weeks the
        project finishes later, ``max(0, shift - float)``) and ``delay_days`` (working days).
    demand : DataFrame
        The levelled demand (same columns as the input, weeks moved).
    before, after : DataFrame
        :func:`overallocations` before and after.
    project_delays : Series
        Weeks each project is delayed by (0 for those shifted within float).
    ripple : Ripple or None
        From :meth:`Program.level`: what those delays do to the other projects, the benefits
        and the launch (None when nothing is delayed or no network was given).
    """

    shifts: pd.DataFrame
    demand: pd.DataFrame
    before: pd.DataFrame
    after: pd.DataFrame
    project_delays: pd.Series
    ripple: Ripple | None = None

    @property
    def resolved(self) -> bool:
        """True when no over-allocation is left."""
        return self.after.empty

    @property
    def cost_days(self) -> float:
        """Working days of delay of the most-delayed project (0 when every shift fits in float)."""
        return float(self.project_delays.max() * DAYS_PER_WEEK) if len(self.project_delays) else 0.0

    def __repr__(self):
        return (f"Levelling({len(self.shifts)} shift(s), {len(self.before)} -> {len(self.after)} over-allocated "
                f"resource-weeks, cost {self.cost_days:g} working days)")


def _excess(load: np.ndarray, capacity: float) -> float:
    return float(np.maximum(load - capacity - _TOL, 0.0).sum())


def _level_one(sub: pd.DataFrame, c: float, fl: dict, max_shift, allow_delay: bool):
    """Greedy levelling of one person's assignments; returns (moved weeks, block ids, first weeks, floats)."""
    codes, blocks = pd.factorize(sub["project_id"], sort=True)
    w = sub["_w"].to_numpy()
    nb = len(blocks)
    first = np.full(nb, np.iinfo(np.int64).max)
    last = np.full(nb, -1)
    np.minimum.at(first, codes, w)
    np.maximum.at(last, codes, w)
    lo = int(w.min())
    span = int(w.max()) - lo + 1
    lengths = last - first + 1
    # default: room to line every assignment up one after another
    limit = int(max_shift) if max_shift is not None else span + int(lengths.sum())
    width = span + 2 * limit + int(lengths.max()) + 1
    mats = np.zeros((nb, width))
    np.add.at(mats, (codes, w - lo), sub["fte"].to_numpy())
    moved = np.zeros(nb, dtype=int)
    flt = np.array([float(fl.get(p, 0.0)) for p in blocks])
    if limit <= 0:
        return moved, list(blocks), first, flt
    s = np.arange(1, limit + 1)
    idx = (np.arange(width)[None, :] - s[:, None]) % width      # row s-1: an assignment moved s weeks later
    chunk = max(1, int(4_000_000 // (len(s) * width)))
    load = mats.sum(axis=0)
    current = _excess(load, c)
    while current > _TOL:
        room = limit - moved
        if not allow_delay:
            room = np.minimum(room, np.floor(flt - moved + _TOL).astype(int))
        best = None
        for a in range(0, nb, chunk):
            b = slice(a, min(a + chunk, nb))
            # every candidate (assignment, shift) scored at once: load without it + it moved
            trial = (load[None, :] - mats[b])[:, None, :] + mats[b][:, idx]
            ex = np.round(np.maximum(trial - c - _TOL, 0.0).sum(axis=2), 9)
            delay = np.maximum(moved[b, None] + s[None, :] - flt[b, None], 0.0)
            valid = s[None, :] <= room[b, None]
            if not valid.any():
                continue
            kk, ss = np.nonzero(valid)
            order = np.lexsort((kk, ss, delay[kk, ss], ex[kk, ss]))[0]
            cand = (float(ex[kk[order], ss[order]]), float(delay[kk[order], ss[order]]), int(s[ss[order]]), a + int(kk[order]))
            if best is None or cand < best:
                best = cand
        if best is None or best[0] >= current - _TOL:
            break
        _, _, s_best, k = best
        mats[k] = mats[k][idx[s_best - 1]]
        moved[k] += s_best
        load = mats.sum(axis=0)
        current = _excess(load, c)
    return moved, list(blocks), first, flt


def level_resources(demand, resources, *, float_weeks=None, max_shift=None, allow_delay=True) -> Levelling:
    """Resolve over-allocations by starting assignments later, within float first.

    Resource levelling (PMBOK Guide 6.5.2.3): an assignment (all the weeks one project needs
    one person) moves later by whole weeks. A move of ``s`` weeks costs nothing while ``s`` is
    within the project's float; beyond it the project finishes ``s - float`` weeks later.
    Greedy search: while a person is over-allocated, try every assignment of that person and
    every shift, and keep the move that leaves the least excess load (ties: least delay, then
    the shortest shift); stop when none helps. With ``allow_delay=True`` and the default
    ``max_shift`` a solution exists when no single assignment exceeds the capacity on its own
    (the assignments can be lined up one after another).

    Parameters
    ----------
    demand : DataFrame
        ``project_id``, ``resource_id``, ``week``, ``fte`` (as :func:`resource_load`).
    resources : DataFrame or dict
        ``id`` and ``capacity`` (FTE), or ``{id: capacity}``.
    float_weeks : dict or Series, optional
        Weeks of float per project (default 0: every shift delays the project), e.g. the
        ``total_float`` column of :func:`schedule`'s table.
    max_shift : int, optional
        Longest move in weeks (default: the span of the person's demand plus the length of all
        their assignments, room to line them up one after another).
    allow_delay : bool
        False: only moves within float are allowed.

    Returns
    -------
    Levelling

    Examples
    --------
    Two projects need R1 in the week of 9 November; B has 2 weeks of float:

    >>> d = [{"project_id": "A", "resource_id": "R1", "week": w, "fte": 0.6} for w in ("2026-11-02", "2026-11-09")]
    >>> d += [{"project_id": "B", "resource_id": "R1", "week": "2026-11-09", "fte": 0.7}]
    >>> lv = level_resources(d, {"R1": 1.0}, float_weeks={"B": 2})
    >>> lv.shifts[["project_id", "shift", "delay"]].to_dict("records"), lv.resolved, lv.cost_days
    ([{'project_id': 'B', 'shift': 1, 'delay': 0.0}], True, 0.0)
    """
    df = _demand_frame(demand)
    cap = _capacity(resources, df)
    fl = {} if float_weeks is None else dict(float_weeks.items() if hasattr(float_weeks, "items") else float_weeks)
    for pid, v in fl.items():
        if as_number(v, f"float_weeks[{pid!r}]") < 0:
            raise InputError(f"float_weeks[{pid!r}] is negative; float is >= 0 weeks.")
    if max_shift is not None and (as_number(max_shift, "max_shift") < 0):
        raise InputError("max_shift must be >= 0 weeks.")
    named = resources if isinstance(resources, pd.DataFrame) and "name" in resources.columns else cap.to_dict()
    before = overallocations(df, named)
    t0 = df["week"].min()
    week_no = ((df["week"] - t0).dt.days // 7).astype(int).to_numpy()
    shifts = []
    busy = df["resource_id"].isin(set(before["resource_id"])).to_numpy()
    for rid, sub in df[busy].assign(_w=week_no[busy]).groupby("resource_id", sort=True):
        moved, blocks, first, flt = _level_one(sub, float(cap[rid]), fl, max_shift, allow_delay)
        for k in np.flatnonzero(moved):
            delay = max(moved[k] - flt[k], 0.0)
            shifts.append({"project_id": blocks[k], "resource_id": rid,
                           "first_week": t0 + pd.Timedelta(weeks=int(first[k])), "shift": int(moved[k]),
                           "float": flt[k], "delay": delay, "delay_days": delay * DAYS_PER_WEEK})
    shift_tab = pd.DataFrame(shifts, columns=["project_id", "resource_id", "first_week", "shift", "float", "delay", "delay_days"])
    out = df.copy()
    if len(shift_tab):
        add = out[["resource_id", "project_id"]].merge(shift_tab[["resource_id", "project_id", "shift"]],
                                                        on=["resource_id", "project_id"], how="left")["shift"]
        out["week"] = out["week"] + pd.to_timedelta(add.fillna(0).to_numpy() * 7, unit="D")
    delays = shift_tab.groupby("project_id")["delay"].max() if len(shift_tab) else pd.Series(dtype=float)
    after = overallocations(out, named)
    return Levelling(shifts=shift_tab, demand=out, before=before, after=after, project_delays=delays.rename("delay"))


# ---------------------------------------------------------------------------------------
# benefits
# ---------------------------------------------------------------------------------------
def _realisation_frame(realisation, name="realisation") -> pd.DataFrame:
    df = as_frame(realisation, name)
    require_columns(df, ["benefit_id", "date", "planned", "realised"], name)
    df["date"] = pd.to_datetime(df["date"], errors="coerce")
    if df["date"].isna().any():
        raise InputError(f"{name}: benefit {df.loc[df['date'].isna(), 'benefit_id'].iloc[0]!r} has a row without a valid date.")
    for col in ("planned", "realised") + (("kpi_actual",) if "kpi_actual" in df.columns else ()):
        df[col] = pd.to_numeric(df[col], errors="coerce")
    if df["planned"].isna().any():
        raise InputError(f"{name}: benefit {df.loc[df['planned'].isna(), 'benefit_id'].iloc[0]!r} has an empty `planned` "
                         "value; give the planned k$ of every period (0 if none).")
    return df.sort_values(["benefit_id", "date"]).reset_index(drop=True)


def benefits_timeline(realisation, benefits=None, *, by="benefit") -> pd.DataFrame:
    """Cumulative planned and realised benefit over time (k$), per benefit or per program.

    Parameters
    ----------
    realisation : DataFrame
        ``benefit_id``, ``date``, ``planned``, ``realised`` (k$ per period).
    benefits : DataFrame, optional
        ``id`` and ``program_id``; needed for ``by="program"``.
    by : {"benefit", "program"}
        ``"benefit"``: one cumulative series per benefit. ``"program"``: the program-wide
        series, summing every benefit of each program per date (``benefit_id`` then holds the
        program id); realised stops at the last date any of its benefits was measured.

    Returns
    -------
    DataFrame
        ``benefit_id``, ``date``, ``planned``, ``realised``, ``planned_cum`` and ``realised_cum``
        (NaN after the last measured period).

    >>> r = [{"benefit_id": "B1", "date": "2026-03-31", "planned": 10, "realised": 8},
    ...      {"benefit_id": "B1", "date": "2026-06-30", "planned": 20, "realised": None},
    ...      {"benefit_id": "B2", "date": "2026-06-30", "planned": 5, "realised": None}]
    >>> benefits_timeline(r)[["planned_cum", "realised_cum"]].to_dict("list")
    {'planned_cum': [10.0, 30.0, 5.0], 'realised_cum': [8.0, nan, nan]}
    >>> b = [{"id": "B1", "program_id": "G"}, {"id": "B2", "program_id": "G"}]
    >>> benefits_timeline(r, b, by="program")[["benefit_id", "planned_cum"]].to_dict("list")
    {'benefit_id': ['G', 'G'], 'planned_cum': [10.0, 35.0]}
    """
    df = _realisation_frame(realisation)
    if by not in ("benefit", "program"):
        raise InputError(f"by={by!r}: use 'benefit' (one line per benefit) or 'program' (program-wide).")
    if by == "program":
        if benefits is None:
            raise InputError("by='program' needs benefits (id, program_id) to know each benefit's program.")
        bf = as_frame(benefits, "benefits")
        require_columns(bf, ["id", "program_id"], "benefits")
        require_known_ids(pd.unique(df["benefit_id"]), bf["id"], "realisation.benefit_id", what="benefit")
        df["benefit_id"] = df["benefit_id"].map(dict(zip(bf["id"], bf["program_id"], strict=True)))
        last = df.loc[df["realised"].notna()].groupby("benefit_id")["date"].max()
        df = df.groupby(["benefit_id", "date"], as_index=False).agg(
            planned=("planned", "sum"), realised=("realised", lambda x: x.sum(min_count=1)))
        measured = df["date"] <= df["benefit_id"].map(last)
        df["realised"] = df["realised"].fillna(0.0).where(measured)
    g = df.groupby("benefit_id", sort=False)
    df["planned_cum"] = g["planned"].cumsum().astype(float)
    df["realised_cum"] = g["realised"].cumsum().where(df["realised"].notna())
    return df


def benefits_realisation(benefits, realisation, *, status_date=None) -> pd.DataFrame:
    """Planned vs realised benefits to date, per benefit and program-wide.

    ``realisation = realised to date / planned to date`` (PMI, *The Standard for Program
    Management*, benefits realisation; PMI *Benefits Realization Management* practice guide).
    ``kpi_progress = (KPI now - baseline) / (target - baseline)``: how far the measure has moved
    towards what the business case promised.

    Parameters
    ----------
    benefits : DataFrame
        ``id`` (+ ``name``, ``program_id``, ``project_ids``, ``value``, ``kpi_baseline``,
        ``kpi_target`` when present).
    realisation : DataFrame
        ``benefit_id``, ``date``, ``planned``, ``realised`` (k$ per period; realised empty when
        not yet measured), optionally ``kpi_actual``.
    status_date : date, optional
        Count periods up to this date (default: the last measured period).

    Returns
    -------
    DataFrame
        One row per benefit (index ``id``) and one ``TOTAL <program>`` row per program:
        ``planned_to_date``, ``realised_to_date``, ``realisation`` (NaN before anything was
        planned), ``planned_total``, and the KPI columns.

    Examples
    --------
    >>> b = [{"id": "B1", "kpi_baseline": 100, "kpi_target": 115}]
    >>> r = [{"benefit_id": "B1", "date": "2026-03-31", "planned": 100, "realised": 40, "kpi_actual": 103}]
    >>> out = benefits_realisation(b, r)
    >>> float(out.loc["B1", "realisation"]), float(out.loc["B1", "kpi_progress"])
    (0.4, 0.2)
    """
    bf = as_frame(benefits, "benefits")
    require_columns(bf, ["id"], "benefits")
    require_unique_ids(bf["id"], "benefits")
    rl = _realisation_frame(realisation)
    require_known_ids(rl["benefit_id"], bf["id"], "realisation.benefit_id", what="benefit")
    when = (pd.Timestamp(status_date) if status_date is not None
            else rl.loc[rl["realised"].notna(), "date"].max())
    if pd.isna(when):
        when = rl["date"].min() - pd.Timedelta(days=1)
    upto = rl[rl["date"] <= when]
    ids = bf["id"].tolist()
    planned = upto.groupby("benefit_id")["planned"].sum().reindex(ids).fillna(0.0)
    realised = upto.groupby("benefit_id")["realised"].sum(min_count=1).reindex(ids).fillna(0.0)
    out = pd.DataFrame(index=pd.Index(ids, name="id"))
    for col in ("name", "program_id", "project_ids", "value"):
        if col in bf.columns:
            out[col] = bf[col].to_numpy()
    out["planned_to_date"] = planned.to_numpy()
    out["realised_to_date"] = realised.to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["realisation"] = np.where(planned > 0, realised / planned, np.nan)
    out["planned_total"] = rl.groupby("benefit_id")["planned"].sum().reindex(ids).fillna(0.0).to_numpy()
    if {"kpi_baseline", "kpi_target"} <= set(bf.columns) and "kpi_actual" in rl.columns:
        kpi = upto.dropna(subset=["kpi_actual"]).groupby("benefit_id")["kpi_actual"].last().reindex(ids)
        base = pd.to_numeric(bf["kpi_baseline"], errors="coerce").to_numpy(dtype=float)
        target = pd.to_numeric(bf["kpi_target"], errors="coerce").to_numpy(dtype=float)
        out["kpi_baseline"], out["kpi_target"], out["kpi_actual"] = base, target, kpi.to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            out["kpi_progress"] = (kpi.to_numpy() - base) / (target - base)
    if "program_id" in out.columns:
        totals = out.groupby("program_id")[["planned_to_date", "realised_to_date", "planned_total"]].sum()
        for pg, row in totals.iterrows():
            tot = {c: np.nan for c in out.columns}
            tot.update(program_id=pg, name=f"all benefits of {pg}", **row.to_dict())
            if "value" in out.columns:
                tot["value"] = out.loc[out["program_id"] == pg, "value"].sum()
            tot["realisation"] = row["realised_to_date"] / row["planned_to_date"] if row["planned_to_date"] > 0 else np.nan
            out.loc[f"TOTAL {pg}"] = pd.Series(tot)
    return out


def success_matrix(outcomes, benefits, realisation, *, status_date=None, threshold=0.8, tolerance=0.05) -> pd.DataFrame:
    """Project success (on time, on budget) next to benefit success (realised vs planned).

    A project is a *project success* when it finished by its baseline date and within
    ``tolerance`` of its baseline budget; it is a *benefit success* when the benefits that need
    it reached at least ``threshold`` of what was planned to date (PMI, *The Standard for
    Portfolio Management*: the portfolio judges the benefit, not the delivery).

    Parameters
    ----------
    outcomes : DataFrame
        ``project_id``, ``baseline_finish``, ``actual_finish``, ``baseline_cost``, ``actual_cost`` (k$).
    benefits, realisation, status_date
        As :func:`benefits_realisation`; ``benefits`` needs ``project_ids``.
    threshold : float
        Realisation needed for a benefit success (0.8 = 80 % of plan to date).
    tolerance : float
        Cost overrun still counted as on budget (0.05 = 5 %).

    Returns
    -------
    DataFrame
        One row per project (index ``project_id``): ``slip_weeks``, ``cost_overrun``
        (fraction), ``on_time``, ``on_budget``, ``project_success``, ``benefits``,
        ``realisation``, ``benefit_success``, ``verdict``.

    Examples
    --------
    >>> o = [{"project_id": "P", "baseline_finish": "2025-01-31", "actual_finish": "2025-01-31",
    ...       "baseline_cost": 100, "actual_cost": 98}]
    >>> b = [{"id": "B1", "project_ids": "P"}]
    >>> r = [{"benefit_id": "B1", "date": "2025-06-30", "planned": 50, "realised": 10}]
    >>> success_matrix(o, b, r)["verdict"].iloc[0]
    'project success, benefit failure'
    """
    of = as_frame(outcomes, "outcomes")
    require_columns(of, ["project_id", "baseline_finish", "actual_finish", "baseline_cost", "actual_cost"], "outcomes")
    bf = _benefits_frame(benefits)
    real = benefits_realisation(bf.drop(columns=["projects"]), realisation, status_date=status_date)
    bfin = pd.to_datetime(of["baseline_finish"])
    afin = pd.to_datetime(of["actual_finish"])
    bc = pd.to_numeric(of["baseline_cost"], errors="coerce").to_numpy(dtype=float)
    acost = pd.to_numeric(of["actual_cost"], errors="coerce").to_numpy(dtype=float)
    out = pd.DataFrame(index=pd.Index(of["project_id"], name="project_id"))
    out["slip_weeks"] = ((afin - bfin).dt.days / 7).to_numpy()
    out["cost_overrun"] = acost / bc - 1
    out["on_time"] = out["slip_weeks"] <= 0
    out["on_budget"] = out["cost_overrun"] <= tolerance
    out["project_success"] = out["on_time"] & out["on_budget"]
    links = bf[["id", "projects"]].explode("projects")
    ben, rate = [], []
    for pid in out.index:
        bids = links.loc[links["projects"] == pid, "id"].tolist()
        ben.append(",".join(bids))
        pl = real.loc[bids, "planned_to_date"].sum() if bids else 0.0
        rl = real.loc[bids, "realised_to_date"].sum() if bids else 0.0
        rate.append(rl / pl if pl > 0 else np.nan)
    out["benefits"] = ben
    out["realisation"] = rate
    out["benefit_success"] = out["realisation"] >= threshold
    out["verdict"] = [
        f"project {'success' if p else 'failure'}, "
        + ("benefit not measured yet" if np.isnan(r) else f"benefit {'success' if b else 'failure'}")
        for p, b, r in zip(out["project_success"], out["benefit_success"], out["realisation"], strict=True)
    ]
    return out


# ---------------------------------------------------------------------------------------
# risk concentration
# ---------------------------------------------------------------------------------------
def risk_concentration(schedule_table, *, demand=None, float_weeks=0.0, history=None, projects=None,
                       min_projects=2) -> pd.DataFrame:
    """Critical projects that depend on the same vendor or the same person, flagged.

    A single point of failure shared by several critical (or near-critical) projects turns
    independent risks into one correlated risk (PMI, *The Standard for Program Management*,
    program risk management; PMBOK Guide 11, risk concentration).

    Parameters
    ----------
    schedule_table : DataFrame
        :attr:`ProgramSchedule.table` (index id, ``total_float``, ``vendor``), or any table
        with ``id``/index, ``total_float`` and ``vendor``.
    demand : DataFrame, optional
        Resource demand (``project_id``, ``resource_id``, ``fte``): people shared between
        critical projects are listed too.
    float_weeks : float
        A project counts as critical when its total float is at most this many weeks.
    history : DataFrame, optional
        Past outcomes (``project_id``, ``baseline_finish``, ``actual_finish``) with
        ``projects`` (``id``, ``vendor``): adds each vendor's average past slip in weeks.
    min_projects : int
        Flag a source shared by at least this many critical projects.

    Returns
    -------
    DataFrame
        One row per vendor / person used by a critical project: ``kind``, ``source``,
        ``projects`` (all program projects using it), ``critical_projects``, ``n_critical``,
        ``past_slip_weeks`` (vendors, when ``history`` is given), ``flagged``. Flagged rows first.

    Examples
    --------
    >>> t = pd.DataFrame({"total_float": [0, 0, 3], "vendor": ["V", "V", "V"]}, index=["A", "B", "C"])
    >>> risk_concentration(t)[["source", "critical_projects", "flagged"]].to_dict("records")
    [{'source': 'V', 'critical_projects': 'A,B', 'flagged': True}]
    """
    t = as_frame(schedule_table, "schedule_table")
    if "id" not in t.columns:
        t = t.reset_index().rename(columns={t.index.name or "index": "id"})
    require_columns(t, ["id", "total_float"], "schedule_table")
    fl = pd.to_numeric(t["total_float"], errors="coerce")
    crit = set(t.loc[fl <= as_number(float_weeks, "float_weeks") + _TOL, "id"])
    rows = []
    if "vendor" in t.columns:
        for vendor, grp in t.dropna(subset=["vendor"]).groupby("vendor", sort=True):
            c = [i for i in grp["id"] if i in crit]
            if c:
                rows.append({"kind": "vendor", "source": vendor, "projects": ",".join(grp["id"]),
                             "critical_projects": ",".join(c), "n_critical": len(c)})
    if demand is not None:
        d = as_frame(demand, "demand")
        require_columns(d, ["project_id", "resource_id"], "demand")
        if "fte" in d.columns:
            d = d[pd.to_numeric(d["fte"], errors="coerce") > 0]
        d = d[d["project_id"].isin(set(t["id"]))]
        for rid, grp in d.groupby("resource_id", sort=True):
            ps = sorted(set(grp["project_id"]), key=str)
            c = [p for p in t["id"] if p in crit and p in ps]
            if c:
                rows.append({"kind": "resource", "source": rid, "projects": ",".join(ps),
                             "critical_projects": ",".join(c), "n_critical": len(c)})
    out = pd.DataFrame(rows, columns=["kind", "source", "projects", "critical_projects", "n_critical"])
    if history is not None:
        if projects is None:
            raise InputError("history needs projects (id, vendor) to know each past project's vendor.")
        h = as_frame(history, "history")
        require_columns(h, ["project_id", "baseline_finish", "actual_finish"], "history")
        pj = as_frame(projects, "projects")
        require_columns(pj, ["id", "vendor"], "projects")
        h = h.merge(pj[["id", "vendor"]], left_on="project_id", right_on="id", how="left")
        h["slip"] = (pd.to_datetime(h["actual_finish"]) - pd.to_datetime(h["baseline_finish"])).dt.days / 7
        slip = h.groupby("vendor")["slip"].mean()
        out["past_slip_weeks"] = np.where(out["kind"] == "vendor", slip.reindex(out["source"]).to_numpy(), np.nan)
    out["flagged"] = out["n_critical"] >= int(min_projects)
    return out.sort_values(["flagged", "n_critical", "kind", "source"], ascending=[False, False, False, True]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# a program built from tables
# ---------------------------------------------------------------------------------------
@dataclass
class Program:
    """A program and its tables; each method calls the function of the same name.

    Build one with :func:`load` (bundled data) or directly from your own tables. Only
    ``projects`` is required; a method whose table is missing says which one to give.
    """

    id: str
    name: str
    projects: pd.DataFrame
    dependencies: pd.DataFrame | None = None
    status: pd.DataFrame | None = None
    demand: pd.DataFrame | None = None
    resources: pd.DataFrame | None = None
    benefits: pd.DataFrame | None = None
    realisation: pd.DataFrame | None = None
    outcomes: pd.DataFrame | None = None
    start: pd.Timestamp | None = None
    status_date: pd.Timestamp | None = None

    def __repr__(self):
        given = [a for a in ("dependencies", "status", "demand", "resources", "benefits", "realisation", "outcomes")
                 if getattr(self, a) is not None]
        ids = ", ".join(map(str, self.projects["id"]))
        return f"Program({self.id} {self.name!r}: projects {ids}; tables: {', '.join(given) or 'none'})"

    def _need(self, attr):
        value = getattr(self, attr)
        if value is None:
            raise InputError(f"program {self.id}: no `{attr}` table was given; build the Program with {attr}=...")
        return value

    def _in_flight_benefits(self):
        if self.benefits is None:
            return None
        ids = set(self.projects["id"])
        keep = [all(p in ids for p in _split_ids(c)) for c in self.benefits["project_ids"]]
        # a boolean array, not a list: an empty list would select no *columns*
        return self.benefits[np.asarray(keep, dtype=bool)]

    def schedule(self, slips=None) -> ProgramSchedule:
        """:func:`schedule` of the program's projects, links and benefits."""
        return schedule(self.projects, self.dependencies, benefits=self._in_flight_benefits(),
                        start=self.start, slips=slips)

    def ripple(self, slips) -> Ripple:
        """:func:`ripple`: slip ``{project: weeks}`` -> projects, benefits and launch that move."""
        return ripple(self.projects, self.dependencies, slips, benefits=self._in_flight_benefits(), start=self.start)

    def rollup(self, status_date=None) -> Rollup:
        """:func:`rollup` of the projects' earned value at ``status_date`` (default: the program's)."""
        when = status_date if status_date is not None else self.status_date
        return rollup(self._need("status"), self.projects, status_date=when)

    def resource_load(self) -> pd.DataFrame:
        return resource_load(self._need("demand"), self._need("resources"))

    def overallocations(self) -> pd.DataFrame:
        return overallocations(self._need("demand"), self._need("resources"))

    def level(self, **kwargs) -> Levelling:
        """:func:`level_resources` with each project's total float from the project network."""
        kwargs.setdefault("float_weeks", self.schedule().table["total_float"])
        out = level_resources(self._need("demand"), self._need("resources"), **kwargs)
        late = out.project_delays[out.project_delays > _TOL]
        late = late[late.index.isin(set(self.projects["id"]))]
        if len(late):
            out.ripple = self.ripple(late.to_dict())
        return out

    def benefits_realisation(self, status_date=None) -> pd.DataFrame:
        when = status_date if status_date is not None else self.status_date
        return benefits_realisation(self._need("benefits"), self._need("realisation"), status_date=when)

    def risk_concentration(self, **kwargs) -> pd.DataFrame:
        kwargs.setdefault("demand", self.demand)
        return risk_concentration(self.schedule().table, **kwargs)


def load(program_id: str = "PG-HOME", *, include=("in_flight",)) -> Program:
    """The bundled program ``program_id`` with its tables from :mod:`pmlib.datasets`.

    ``include`` picks the project statuses that form the network (in-flight work by default;
    completed projects stay in the benefits and outcomes tables). Benefits and resource demand
    are those of the program's projects; the status date is the organisation's (2026-10-31).

    >>> load("PG-HOME").projects["id"].tolist()
    ['P01', 'P02', 'P03', 'P04', 'P05']
    """
    programs = _datasets.load("programs")
    if program_id not in set(programs["id"]):
        raise UnknownIdError(f"program_id {program_id!r} is not a program; known: {', '.join(programs['id'])}.")
    name = programs.set_index("id").loc[program_id, "name"]
    allp = _datasets.load("projects")
    mine = allp[allp["program_id"] == program_id]
    projects = mine[mine["status"].isin(list(include))].reset_index(drop=True)
    ids = set(projects["id"])
    deps = _datasets.load("project_dependencies")
    deps = deps[deps["project_id"].isin(ids) & deps["predecessor_id"].isin(ids)].reset_index(drop=True)
    status = _datasets.load("status_periods") if "status_periods" in _datasets.names() else None
    if status is not None:
        status = status[status["project_id"].isin(ids)].reset_index(drop=True)
    demand = _datasets.load("resource_demand")
    demand = demand[demand["project_id"].isin(ids)].reset_index(drop=True)
    benefits = _datasets.load("benefits")
    benefits = benefits[benefits["program_id"] == program_id].reset_index(drop=True)
    realisation = _datasets.load("benefit_realisation")
    realisation = realisation[realisation["benefit_id"].isin(set(benefits["id"]))].reset_index(drop=True)
    outcomes = _datasets.load("project_outcomes")
    outcomes = outcomes[outcomes["project_id"].isin(set(mine["id"]))].reset_index(drop=True)
    return Program(
        id=program_id, name=name, projects=projects, dependencies=deps, status=status, demand=demand,
        resources=_datasets.load("resources"), benefits=benefits, realisation=realisation, outcomes=outcomes,
        start=programs.set_index("id").loc[program_id, "start"], status_date=_datasets.STATUS_DATE,
    )
