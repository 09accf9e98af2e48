"""Shared people across the program's projects: weekly load, over-allocation and levelling."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._validate import Integer, Options, as_float_array, check_range, params, require_unique_ids
from ._tables import _TOL, DAYS_PER_WEEK, capacity, demand_frame

__all__ = ["resource_load", "overallocations", "Levelling", "level_resources"]


def _joined_projects(df: pd.DataFrame, n_groups: int) -> np.ndarray:
    """'A,B' per (resource, week) in sorted group order, built column by column (no per-group Python)."""
    r, _ = pd.factorize(df["resource_id"], sort=True)
    w, weeks = pd.factorize(df["week"], sort=True)
    p, projects = pd.factorize(df["project_id"].astype(str), sort=True)
    n_w, n_p = len(weeks), len(projects)
    key = np.unique((r.astype(np.int64) * n_w + w) * n_p + p)      # sorted by resource, week, project
    _, first, group = np.unique(key // n_p, return_index=True, return_inverse=True)
    rank = np.arange(len(key)) - first[group]
    names = np.asarray(projects, dtype=object)[key % n_p]
    out = np.full(n_groups, "", dtype=object)
    for j in range(int(rank.max()) + 1 if len(rank) else 0):   # j-th project of each cell: a few passes
        sel = rank == j
        out[group[sel]] = names[sel] if j == 0 else out[group[sel]] + "," + names[sel]
    return out


def _load(df: pd.DataFrame, cap: pd.Series) -> pd.DataFrame:
    df = df[df["fte"] > 0]
    out = df.groupby(["resource_id", "week"], sort=True)["fte"].sum().rename("load").reset_index()
    out["projects"] = _joined_projects(df, len(out))
    out["capacity"] = cap.reindex(out["resource_id"]).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["utilisation"] = np.where(out["capacity"] > 0, out["load"] / out["capacity"], np.inf)
    out["excess"] = np.maximum(out["load"] - out["capacity"], 0.0).round(12)
    out["over"] = out["excess"] > _TOL
    return out[["resource_id", "week", "load", "capacity", "utilisation", "excess", "over", "projects"]]


def resource_load(demand, resources) -> pd.DataFrame:
    """Weekly load of each person across projects against capacity.

    ``load = sum of fte over the projects`` per (resource, week); ``utilisation = load /
    capacity`` (inf for a person with no capacity); ``excess = max(0, load - capacity)`` (PMBOK
    Guide 6.5.2.3, resource optimisation: over-allocation is demand above availability in a
    period).

    Parameters
    ----------
    demand : DataFrame
        ``project_id``, ``resource_id``, ``week`` (date; the week's Monday), ``fte`` (>= 0);
        one row per (project, resource, week).
    resources : DataFrame or dict
        ``id`` and ``capacity`` (FTE, >= 0), or ``{id: capacity}``.

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
    df = demand_frame(demand)
    return _load(df, capacity(resources, df))


def _named(load: pd.DataFrame, resources) -> pd.DataFrame:
    out = load[load["over"]].reset_index(drop=True)
    if isinstance(resources, pd.DataFrame) and "name" in resources.columns:
        out.insert(1, "name", resources.set_index("id")["name"].reindex(out["resource_id"]).to_numpy())
    return out


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
    return _named(resource_load(demand, resources), resources)


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
    ripple: object = None

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


def _float_weeks(float_weeks) -> dict:
    if float_weeks is None:
        return {}
    s = float_weeks if isinstance(float_weeks, pd.Series) else pd.Series(
        dict(float_weeks) if isinstance(float_weeks, Mapping) else float_weeks)
    require_unique_ids(pd.Series(s.index, dtype=object), "float_weeks")
    values = as_float_array(s, "float_weeks", ndim=1, allow_empty=True)
    check_range(values, "float_weeks (weeks of float)", ge=0, labels=list(s.index))
    return dict(zip(s.index, values, strict=True))


def _place_all(busy: pd.DataFrame, cap: pd.Series, floats: dict, max_shift, allow_delay: bool) -> pd.DataFrame:
    """Serial levelling of every over-booked person at once: one row per assignment with its shift.

    Each person's assignments are placed one at a time, the least float first (then the
    earliest, then by project id), at the smallest shift that keeps the person within capacity;
    an assignment that cannot fit within its allowed shifts takes the shift adding the least
    excess. People are independent, so the k-th placement of every person is scored in one
    numpy step: (people x shifts x weeks) instead of a Python loop per shift.
    """
    keys = ["resource_id", "project_id"]
    blocks = busy.groupby(keys, sort=True)["_w"].agg(["min", "max"]).reset_index()
    a_of_row = busy.groupby(keys, sort=True).ngroup().to_numpy()
    person, people = pd.factorize(blocks["resource_id"], sort=True)
    first, last = blocks["min"].to_numpy(), blocks["max"].to_numpy()
    length = last - first + 1
    width_a = int(length.max())
    fte = np.zeros((len(blocks), width_a))
    np.add.at(fte, (a_of_row, busy["_w"].to_numpy() - first[a_of_row]), busy["fte"].to_numpy())
    lo = pd.Series(first).groupby(person).min().to_numpy()
    span = pd.Series(last).groupby(person).max().to_numpy() - lo + 1
    # default room: enough to line every assignment up one after another
    limit = (np.full(len(people), int(max_shift)) if max_shift is not None
             else span + pd.Series(length).groupby(person).sum().to_numpy())
    flt = np.array([float(floats.get(p, 0.0)) for p in blocks["project_id"]])
    room = limit[person] if allow_delay else np.minimum(limit[person], np.floor(flt + _TOL).astype(int))
    order = np.lexsort((np.arange(len(blocks)), first, flt, person))   # by person, then priority
    rank = np.empty(len(blocks), dtype=int)
    rank[order] = np.arange(len(blocks)) - np.searchsorted(person[order], person[order])
    width = int((span + limit).max() + width_a + 1)
    load = np.zeros((len(people), width))
    caps = cap.reindex(people).to_numpy()[:, None, None]
    shifts, weeks = np.arange(int(room.max()) + 1), np.arange(width_a)
    moved = np.zeros(len(blocks), dtype=int)
    for k in range(int(rank.max()) + 1):  # the k-th placement of every person at once
        a = np.flatnonzero(rank == k)
        p = person[a]
        at = np.minimum((first[a] - lo[p])[:, None, None] + shifts[None, :, None] + weeks[None, None, :], width - 1)
        now = load[p[:, None, None], at]
        m = fte[a][:, None, :]
        c = caps[p]
        added = (np.maximum(now + m - c - _TOL, 0.0) - np.maximum(now - c - _TOL, 0.0)).sum(axis=2)
        allowed = shifts[None, :] <= room[a][:, None]
        fits = (added <= _TOL) & allowed
        least = np.argmin(np.where(allowed, np.round(added, 9), np.inf), axis=1)
        moved[a] = np.where(fits.any(axis=1), np.argmax(fits, axis=1), least)
        cols = np.minimum((first[a] - lo[p] + moved[a])[:, None] + weeks[None, :], width - 1)
        np.add.at(load, (np.repeat(p[:, None], width_a, axis=1), cols), fte[a])
    return blocks.assign(first=first, shift=moved, float=flt)


@params(max_shift=Integer(ge=0, allow_none=True), allow_delay=Options(True, False))
def level_resources(demand, resources, *, float_weeks=None, max_shift=None, allow_delay=True) -> Levelling:
    """Resolve over-allocations by starting assignments later, within float first.

    Resource levelling (PMBOK Guide 6.5.2.3): an assignment (all the weeks one project needs
    one person) moves later by whole weeks. A move of ``s`` weeks costs nothing while ``s`` is
    within the project's float; beyond it the project finishes ``s - float`` weeks later.

    Serial levelling, person by person (the serial schedule-generation scheme of resource-
    constrained scheduling): each over-booked person's assignments are placed one at a time,
    the least float first (ties: the earliest, then by project id), each at the smallest
    shift that keeps the person within capacity. With ``allow_delay=True`` and the default
    ``max_shift`` every assignment that fits the capacity on its own finds a place (they can
    be lined up one after another). An assignment that cannot fit within its allowed shifts
    (``allow_delay=False``: within float only, resource *smoothing*) takes the shift adding the
    least over-allocation, and what remains is reported in ``after``. The k-th placement of
    every person is scored in one numpy step over all allowed shifts, so the work grows with
    the number of assignments.

    Parameters
    ----------
    demand : DataFrame
        ``project_id``, ``resource_id``, ``week``, ``fte`` (as :func:`resource_load`).
    resources : DataFrame or dict
        ``id`` and ``capacity`` (FTE), or ``{id: capacity}``.
    float_weeks : dict or Series, optional
        Weeks of float per project (finite, >= 0; default 0: every shift delays the project),
        e.g. the ``total_float`` column of :func:`schedule`'s table.
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

    References
    ----------
    PMI, *PMBOK Guide* 6th ed., 6.5.2.3 (resource optimisation: levelling and smoothing);
    R. Kolisch, "Serial and parallel resource-constrained project scheduling methods
    revisited", European Journal of Operational Research 90, 1996.
    """
    df = demand_frame(demand)
    cap = capacity(resources, df)
    floats = _float_weeks(float_weeks)
    before = _named(_load(df, cap), resources)
    t0 = df["week"].min()
    week_no = ((df["week"] - t0).dt.days // 7).astype(int).to_numpy()
    busy = df["resource_id"].isin(set(before["resource_id"])).to_numpy()
    tab = pd.DataFrame(columns=["project_id", "resource_id", "first_week", "shift", "float"])
    if busy.any():
        placed = _place_all(df[busy].assign(_w=week_no[busy]), cap, floats, max_shift, allow_delay)
        placed = placed[placed["shift"] > 0]
        tab = pd.DataFrame({"project_id": placed["project_id"].to_numpy(), "resource_id": placed["resource_id"].to_numpy(),
                            "first_week": t0 + pd.to_timedelta(placed["first"].to_numpy() * 7, unit="D"),
                            "shift": placed["shift"].to_numpy(dtype=int), "float": placed["float"].to_numpy()})
    tab["delay"] = np.maximum(tab["shift"] - tab["float"], 0.0).astype(float)
    tab["delay_days"] = tab["delay"] * DAYS_PER_WEEK
    out = df.copy()
    if len(tab):
        add = out[["resource_id", "project_id"]].merge(tab[["resource_id", "project_id", "shift"]],
                                                        on=["resource_id", "project_id"], how="left")["shift"]
        out["week"] = out["week"] + pd.to_timedelta(add.fillna(0).to_numpy() * 7, unit="D")
    delays = tab.groupby("project_id")["delay"].max() if len(tab) else pd.Series(dtype=float)
    return Levelling(shifts=tab, demand=out, before=before, after=_named(_load(out, cap), resources),
                     project_delays=delays.rename("delay"))
