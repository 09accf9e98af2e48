"""The program's project network: dates, float, critical projects, launch and benefit dates, ripple."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import schedule as _schedule
from .._validate import as_number, as_timestamps, require_known_ids
from ..errors import CycleError, InputError
from ._tables import (
    _TOL,
    DAYS_PER_WEEK,
    LAUNCH,
    START,
    benefits_frame,
    dependencies_frame,
    projects_frame,
    working_dates,
)

__all__ = ["ProgramSchedule", "schedule", "Ripple", "ripple"]


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
    out = {pid: as_number(weeks, f"slips[{pid!r}]") for pid, weeks in slips.items()}
    for pid, w in out.items():
        if w < 0:
            raise InputError(f"slips[{pid!r}] = {w:g}: a slip is a delay in weeks (>= 0); "
                             "to plan a recovery, change the project's finish date instead.")
    return out


def _activities(ids, durations, offsets, deps) -> pd.DataFrame:
    """The network cpm schedules: START, one activity per project (pinned to its planned start), LAUNCH."""
    links = {i: [f"{START}:FS+{o:g}"] for i, o in zip(ids, offsets, strict=True)}
    for succ, pred, typ, lag in zip(deps["project_id"], deps["predecessor_id"], deps["type"],
                                    deps["lag"] * DAYS_PER_WEEK, strict=True):
        links[succ].append(f"{pred}:{typ}{lag:+g}")
    return pd.DataFrame(
        [{"id": START, "duration": 0.0, "predecessors": None}]
        + [{"id": i, "duration": d, "predecessors": ", ".join(links[i])} for i, d in zip(ids, durations, strict=True)]
        + [{"id": LAUNCH, "duration": 0.0, "predecessors": ", ".join(map(str, ids))}])


def _cpm(acts: pd.DataFrame):
    """pm.schedule.cpm on the network; its cycle error reworded in terms of projects."""
    try:
        return _schedule.cpm(acts)
    except CycleError as exc:
        loop = exc.cycle or []
        raise CycleError("dependencies between projects form a cycle: " + " -> ".join(map(str, loop))
                         + ". A project cannot wait for itself: remove or reverse one of these links.",
                         cycle=loop) from None


def _benefit_table(benefits, ids, ef_days: pd.Series, t0) -> pd.DataFrame:
    """A benefit lands ``lag`` weeks after the last of its projects finishes: max(EF) + lag."""
    if benefits is None:
        return pd.DataFrame(columns=["name", "projects", "lag", "date", "week"], index=pd.Index([], name="id"))
    b = benefits_frame(benefits, ids)
    links = b[["id", "projects"]].explode("projects")
    last = ef_days.reindex(links["projects"]).groupby(links["id"].to_numpy(), sort=False).max()
    days = last.reindex(b["id"]).to_numpy() + b["lag"].to_numpy() * DAYS_PER_WEEK
    return pd.DataFrame({"name": b["name"].to_numpy() if "name" in b.columns else b["id"].to_numpy(),
                         "projects": [",".join(p) for p in b["projects"]], "lag": b["lag"].to_numpy(),
                         "date": working_dates(days, t0), "week": days / DAYS_PER_WEEK},
                        index=pd.Index(b["id"], name="id"))


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
        Columns ``id`` (unique), ``start``, ``finish`` (dates; ``name`` and ``vendor`` are kept).
    dependencies : DataFrame, optional
        Columns ``project_id`` (the project that waits), ``predecessor_id``, ``type`` (FS, SS,
        FF, SF; default FS) and ``lag`` (weeks, default 0); one link per pair of projects.
    benefits : DataFrame, optional
        Columns ``id``, ``project_ids`` (comma-separated) and ``lag`` (weeks, >= 0).
    start : date, optional
        Program start (default: the earliest project start).
    slips : dict, optional
        ``{project id: weeks}`` added to those projects' durations (a late finish), each >= 0.

    Returns
    -------
    ProgramSchedule

    Raises
    ------
    ValueError
        Unknown project ids in the links or benefits (:class:`~pmlib.errors.UnknownIdError`),
        a cycle between projects (:class:`~pmlib.errors.CycleError` naming it), a finish
        before a start, a date pandas cannot hold, a non-finite lag or slip, a negative slip.

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
    df = projects_frame(projects)
    ids = df["id"].tolist()
    deps = dependencies_frame(dependencies, ids)
    add = _slips(slips, ids)
    t0 = df["start"].min() if start is None else as_timestamps(start, "start")
    if (df["start"] < t0).any():
        pid = df.loc[df["start"] < t0, "id"].iloc[0]
        raise InputError(f"start={t0.date()} is after project {pid!r} starts; give an earlier program start.")
    day = "datetime64[D]"
    offset = np.busday_count(np.datetime64(t0.date(), "D"), df["start"].to_numpy().astype(day)).astype(float)
    base = np.busday_count(df["start"].to_numpy().astype(day), df["finish"].to_numpy().astype(day) + 1).astype(float)
    slip_weeks = np.array([add.get(i, 0.0) for i in ids])
    if add:
        # a slip keeps the project's start: without this pin a finish-to-finish successor that
        # gets longer would be scheduled to *start earlier* (a known CPM anomaly)
        planned_es = (np.asarray(_planned_es, dtype=float) * DAYS_PER_WEEK if _planned_es is not None
                      else _cpm(_activities(ids, base, offset, deps)).table.loc[ids, "es"].to_numpy())
        offset = np.where(slip_weeks > 0, np.maximum(offset, planned_es), offset)
    net = _cpm(_activities(ids, base + slip_weeks * DAYS_PER_WEEK, offset, deps))
    tab = net.table.loc[ids]
    w = DAYS_PER_WEEK
    out = df.set_index(pd.Index(ids, name="id"))[[c for c in ("name", "vendor") if c in df.columns]].copy()
    out["start"] = working_dates(tab["es"], t0)
    out["finish"] = working_dates(tab["ef"], t0, finish=True)
    for col in ("duration", "es", "ef", "total_float", "free_float"):
        out[col] = tab[col].to_numpy() / w
    out["critical"] = tab["critical"].to_numpy()
    out["slip"] = slip_weeks
    end = float(net.table.loc[LAUNCH, "ef"])
    return ProgramSchedule(
        table=out, benefits=_benefit_table(benefits, ids, tab["ef"], t0), start=t0,
        finish=working_dates(end, t0, finish=True)[0], duration=end / w,
        critical_projects=[i for i in net.critical_path if i not in (START, LAUNCH)],
        dependencies=deps[["project_id", "predecessor_id", "type", "lag"]], cpm=net,
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


def ripple(projects, dependencies=None, slips=None, *, benefits=None, start=None, baseline=None) -> Ripple:
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
    baseline : ProgramSchedule, optional
        :func:`schedule` of the same tables without slips, when already computed (a widget
        comparing many slips against one plan reuses it).

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
    base = schedule(projects, dependencies, benefits=benefits, start=start) if baseline is None else baseline
    if not isinstance(base, ProgramSchedule):
        raise InputError(f"baseline must be a ProgramSchedule (pm.program.schedule), got {type(base).__name__}.")
    new = schedule(projects, dependencies, benefits=benefits, start=base.start, slips=slips,
                   _planned_es=base.table["es"].to_numpy())
    bt, nt = base.table, new.table
    rows = pd.DataFrame({
        "kind": "project", "name": bt["name"] if "name" in bt.columns else bt.index.to_series(),
        "baseline": bt["finish"], "new": nt["finish"], "moved": (nt["ef"] - bt["ef"]).round(9), "slip": nt["slip"],
    })
    if len(base.benefits):
        rows = pd.concat([rows, pd.DataFrame({
            "kind": "benefit", "name": base.benefits["name"], "baseline": base.benefits["date"],
            "new": new.benefits["date"], "moved": (new.benefits["week"] - base.benefits["week"]).round(9), "slip": 0.0,
        })])
    delay = round(new.duration - base.duration, 9)
    rows.loc[LAUNCH] = ["launch", "program launch (all projects done)", base.finish, new.finish, delay, 0.0]
    rows.index.name = "id"
    if (rows["moved"] >= -_TOL * DAYS_PER_WEEK).all():
        rows["moved"] = rows["moved"].clip(lower=0.0)
    return Ripple(table=rows, moved=rows.index[rows["moved"] > _TOL].tolist(), finish_delay_weeks=float(delay),
                  baseline=base, slipped=new)
