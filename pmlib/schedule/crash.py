"""Schedule compression: crashing (the time-cost trade-off) and fast-tracking.

**Crashing** buys time: an activity that normally takes ``duration`` at ``cost`` can be
shortened down to ``crash_duration`` for ``crash_cost``, at a constant *cost slope*

    slope = (crash_cost - cost) / (duration - crash_duration)      (cost per unit of time saved)

(linear time-cost trade-off, Kelley 1961). :func:`crash` finds, for every whole project
duration from the normal one down to the shortest possible, the cheapest way to get there:
the exact optimum of the linear programme

    minimise    sum_i slope_i * (duration_i - x_i)
    subject to  crash_duration_i <= x_i <= duration_i           (x_i: the chosen duration)
                every precedence link, as :func:`pmlib.schedule.cpm` reads it (FS, SS, FF, SF, lags)
                S_i >= 0 and S_i + x_i <= T                       (S_i: start; T: the deadline)

and the *time-cost trade-off curve* (direct cost against project duration, with indirect
costs added) whose lowest total is the optimal project duration.

The textbook procedure, "crash the cheapest critical activity first, one day at a time"
(:func:`crash_greedy`), is shown beside it in the lesson: it is what exam questions walk
through, and it can miss the optimum, because it never gives back a day bought earlier.

**Fast-tracking** (:func:`fast_track`) overlaps activities that were planned in sequence:
a finish-to-start link gets a lead. It costs no money up front but adds risk (rework when the
successor starts on unfinished work), where crashing adds cost.

How :func:`crash` computes the whole curve
-----------------------------------------
The linear programme above is the dual of a minimum-cost flow problem (Fulkerson 1961; Kelley
1961): every activity is an arc from its start event to its finish event that carries up to
``slope`` units of flow at "length" ``duration`` and any further flow at length
``crash_duration``; links are arcs of length ``lag``. The cost of reaching deadline T is
``C(T) = max_v [G(v) - v T]`` where G(v) is the largest total length of a flow of value v.
Successive longest augmenting paths (the primal-dual method) give every breakpoint of the
curve in order: each phase runs one Dijkstra on reduced lengths (which also gives the optimal
start times for every deadline inside the phase) and one maximum flow on the arcs of zero
reduced length (scipy's compiled ``csgraph`` routines), so the whole curve costs about as much
as a handful of LP solves, not one solve per day. With whole-number durations and lags the
breakpoints fall on whole days and the optimal durations are whole numbers (the constraint
matrix is totally unimodular). The tests check every curve point against scipy's HiGHS
solver, including links of all four types with leads and lags.

>>> import pmlib as pm
>>> acts = [
...     {"id": "A", "duration": 4, "predecessors": "", "crash_duration": 2, "cost": 10, "crash_cost": 16},
...     {"id": "B", "duration": 6, "predecessors": "A", "crash_duration": 4, "cost": 20, "crash_cost": 30},
...     {"id": "C", "duration": 5, "predecessors": "A", "crash_duration": 5, "cost": 8, "crash_cost": 8}]
>>> c = pm.schedule.crash(acts, target_duration=8)
>>> c.duration, c.direct_cost          # A is the cheapest critical activity (3 per day)
(8.0, 44.0)
>>> c.curve[["duration", "direct_cost"]].to_dict("list")
{'duration': [10.0, 9.0, 8.0, 7.0], 'direct_cost': [38.0, 41.0, 44.0, 49.0]}
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._validate import Real, as_frame, check_range, params, require_columns
from ..errors import InfeasibleError, InputError, UnknownIdError

__all__ = ["crash", "CrashResult", "crash_greedy", "fast_track", "FastTrackResult"]



# ---------------------------------------------------------------------------------------
# reading the crash table
# ---------------------------------------------------------------------------------------
def _numbers(df, column, ids, *, allow_nan=False):
    """A numeric column as floats; text, booleans and complex numbers are named, not converted."""
    raw = df[column]
    if raw.dtype.kind in "iuf":
        out = raw.to_numpy(dtype=float)
    else:
        values = raw.tolist()
        bad = [k for k, v in enumerate(values)
               if not (v is None or (isinstance(v, numbers.Real) and not isinstance(v, bool | np.bool_)))]
        if bad:
            k = bad[0]
            raise InputError(f"activities: activity {ids[k]!r} has {column} {values[k]!r}, which is not a number "
                             "(text, a boolean or a complex number): give a number.")
        out = np.array([np.nan if v is None else float(v) for v in values], dtype=float)
    if not allow_nan and np.isnan(out).any():
        k = int(np.flatnonzero(np.isnan(out))[0])
        raise InputError(f"activities: activity {ids[k]!r} has no {column} (missing): fill it in.")
    if np.isinf(out).any():
        k = int(np.flatnonzero(np.isinf(out))[0])
        raise InputError(f"activities: activity {ids[k]!r} has an infinite {column}: give a finite number.")
    return out


def _crash_table(activities):
    """Validated copy of the activities, normal/crash durations and costs, and the network.

    Returns (frame, ids, D, d, cost, slope, schedule) where ``schedule`` is the CPM of the
    normal durations (which also validates ids, predecessors and cycles).
    """
    from . import cpm  # the public CPM validates the network and gives the normal schedule

    if isinstance(activities, pd.DataFrame) and "id" not in activities.columns and activities.index.name == "id":
        activities = activities.reset_index()
    df = as_frame(activities, "activities")
    if df.empty:
        raise InputError("activities is empty: give at least one activity (id, duration, predecessors, "
                         "crash_duration, cost, crash_cost).")
    require_columns(df, ["id", "duration", "crash_duration", "cost", "crash_cost"], "activities")
    _numbers(df, "duration", df["id"].tolist())  # booleans and text named here; cpm checks the rest
    normal = cpm(df)
    ids = list(normal.table.index)
    D = normal.table["duration"].to_numpy(dtype=float)
    d = _numbers(df, "crash_duration", ids, allow_nan=True)
    cost = _numbers(df, "cost", ids)
    crash_cost = _numbers(df, "crash_cost", ids, allow_nan=True)
    # both crash cells empty = the activity cannot be crashed (documented); one alone is a slip
    one = np.isnan(d) != np.isnan(crash_cost)
    if one.any():
        k = int(np.flatnonzero(one)[0])
        missing = "crash_duration" if np.isnan(d[k]) else "crash_cost"
        raise InputError(f"activities: activity {ids[k]!r} has no {missing} but has the other crash value; "
                         "give both, or leave both empty for an activity that cannot be crashed.")
    fixed = np.isnan(d)
    d = np.where(fixed, D, d)
    crash_cost = np.where(fixed, cost, crash_cost)
    check_range(cost, "activities: cost", ge=0, labels=ids)
    check_range(d, "activities: crash_duration", ge=0, labels=ids)
    longer = d > D
    if longer.any():
        k = int(np.flatnonzero(longer)[0])
        raise InputError(f"activities: activity {ids[k]!r} has crash_duration {d[k]:g} longer than its normal "
                         f"duration {D[k]:g}; crashing shortens an activity: crash_duration <= duration.")
    cheaper = crash_cost < cost
    if cheaper.any():
        k = int(np.flatnonzero(cheaper)[0])
        raise InputError(f"activities: activity {ids[k]!r} has crash_cost {crash_cost[k]:g} below its normal "
                         f"cost {cost[k]:g}; buying time costs more: crash_cost >= cost.")
    span = D - d
    pointless = (span == 0) & (crash_cost != cost)
    if pointless.any():
        k = int(np.flatnonzero(pointless)[0])
        raise InputError(f"activities: activity {ids[k]!r} has crash_duration equal to its duration ({D[k]:g}) "
                         f"but a different crash_cost ({crash_cost[k]:g} vs {cost[k]:g}): no time can be bought; "
                         "set crash_cost = cost, or leave both crash cells empty.")
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.where(span > 0, (crash_cost - cost) / np.where(span > 0, span, 1.0), 0.0)
    return df, ids, D, d, cost, slope, normal


def _links(df, ids):
    """(pred position, succ position, type code, lag) arrays, parsed by the parser cpm uses."""
    from .network import _parse_links

    if "predecessors" not in df.columns:
        return (np.empty(0, dtype=np.intp),) * 3 + (np.empty(0),)
    pred, succ, code, lag = _parse_links(ids, df["predecessors"])
    return pred.astype(np.intp), succ.astype(np.intp), code.astype(np.intp), lag.astype(float)


# ---------------------------------------------------------------------------------------
# the time-cost trade-off by successive longest paths (primal-dual min-cost flow)
# ---------------------------------------------------------------------------------------
@dataclass
class _Network:
    n_nodes: int
    tail: np.ndarray
    head: np.ndarray
    gain: np.ndarray          # arc length (time)
    cap: np.ndarray           # flow capacity (cost per unit time); inf for unbounded
    act_p: np.ndarray         # position of each activity's "normal part" arc, -1 if none


def _flow_network(D, d, slope, pi, si, code, lag) -> _Network:
    """Event nodes: 0 project start, 1 project end, 2+2i start of i, 3+2i finish of i.

    Arcs (length = time, capacity = cost per unit of time):

    - the activity's normal part: start -> finish, length D, capacity slope (crashable ones);
    - its crashed part: start -> finish, length d, unbounded;
    - its upper bound x <= D: finish -> start, length -D, unbounded; needed only when a
      finish-to-finish or start-to-finish link pushes its finish (otherwise a longer
      duration never helps);
    - each link: length lag, unbounded (FS finish -> start, SS start -> start, FF finish ->
      finish, SF start -> finish);
    - project start -> activity start (no activity starts before the project) and activity
      finish -> project end, both length 0, where no other link already implies them.
    """
    n = len(D)
    s = 2 + 2 * np.arange(n)
    f = s + 1
    crashable = (D > d) & (slope > 0)
    src = {0: f, 1: s, 2: f, 3: s}            # link tail event per type: FS, SS, FF, SF
    dst = {0: s, 1: s, 2: f, 3: f}            # link head event per type
    if len(pi):
        link_tail = np.select([code == c for c in range(4)], [src[c][pi] for c in range(4)])
        link_head = np.select([code == c for c in range(4)], [dst[c][si] for c in range(4)])
    else:
        link_tail = link_head = np.empty(0, dtype=np.intp)
    # S_j >= 0 follows from an FS or SS link with a lag >= 0; F_i <= T from an FS or FF one
    started = np.zeros(n, dtype=bool)
    started[si[(code <= 1) & (lag >= 0)]] = True
    ended = np.zeros(n, dtype=bool)
    ended[pi[((code == 0) | (code == 2)) & (lag >= 0)]] = True
    bounded = np.zeros(n, dtype=bool)
    bounded[si[code >= 2]] = True
    p_idx = np.flatnonzero(crashable)
    a0, a1, r_idx = np.flatnonzero(~started), np.flatnonzero(~ended), np.flatnonzero(bounded)
    tails = [s[p_idx], s, f[r_idx], np.zeros(len(a0), dtype=np.intp), f[a1], link_tail]
    heads = [f[p_idx], f, s[r_idx], s[a0], np.ones(len(a1), dtype=np.intp), link_head]
    gains = [D[p_idx], d, -D[r_idx], np.zeros(len(a0)), np.zeros(len(a1)), lag]
    caps = [slope[p_idx], np.full(n, np.inf), np.full(len(r_idx), np.inf), np.full(len(a0), np.inf),
            np.full(len(a1), np.inf), np.full(len(pi), np.inf)]
    act_p = np.full(n, -1, dtype=np.intp)
    act_p[p_idx] = np.arange(len(p_idx))
    return _Network(2 * n + 2, np.concatenate(tails).astype(np.intp), np.concatenate(heads).astype(np.intp),
                    np.concatenate(gains).astype(float), np.concatenate(caps).astype(float), act_p)


@dataclass
class _Curve:
    levels: np.ndarray        # breakpoints L_0 = normal duration > L_1 > ... > L_last = shortest
    value: np.ndarray         # flow value v (the cost slope, per unit of time) valid below each level
    gain: np.ndarray          # G: extra direct cost on [L_j, L_{j-1}] is G_j - v_j * T
    times: list               # event times at each level
    dist: list                # the phase's reduced distances (times between levels)

    def extra_cost(self, T):
        T = np.asarray(T, dtype=float)
        # segment j covers [levels[j], levels[j-1]]: the first level <= T from the top
        j = np.searchsorted(-self.levels, -T, side="left")
        j = np.clip(j, 0, len(self.levels) - 1)
        out = self.gain[j] - self.value[j] * T
        return np.where(T >= self.levels[0], 0.0, np.maximum(out, 0.0))

    def event_times(self, T):
        """Optimal event times for deadline T (levels[-1] <= T <= levels[0])."""
        if T >= self.levels[0]:
            return self.times[0]
        j = int(np.searchsorted(-self.levels, -T, side="left"))
        j = min(j, len(self.levels) - 1)
        if self.levels[j] == T:
            return self.times[j]
        top = self.levels[j - 1]
        return self.times[j - 1] - np.minimum(self.dist[j], top - T)


def _tradeoff(net: _Network, times0: np.ndarray, normal_duration: float, tol_len: float) -> _Curve:
    """Successive longest augmenting paths: the whole trade-off curve, breakpoint by breakpoint.

    Each iteration runs one Dijkstra from the project start on reduced lengths (what the
    current event times leave of each residual arc). Its distance to the project end is how
    far the deadline can fall at the current marginal cost (the flow value v); the event times
    move by ``min(distance, that step)``, which keeps them optimal for every deadline in the
    step. The shortest-path tree's route to the end then has zero reduced length: the flow
    grows along it by its bottleneck (the marginal cost rises by that much). An unbounded
    bottleneck means every activity on some critical chain is fully crashed: the shortest
    duration. Floating-point throughout; no scaling, no rounding.
    """
    import scipy.sparse as sp
    from scipy.sparse.csgraph import dijkstra

    N = net.n_nodes
    A = len(net.tail)
    # every residual arc once: the forward copy of each arc (capacity left) and the backward
    # copy (flow that can be undone), sorted by (tail, head) once
    r_tail = np.concatenate([net.tail, net.head])
    r_head = np.concatenate([net.head, net.tail])
    r_gain = np.concatenate([net.gain, -net.gain])
    key = r_tail.astype(np.int64) * N + r_head
    ro = np.argsort(key, kind="stable")
    r_tail, r_head, r_gain, key = r_tail[ro], r_head[ro], r_gain[ro], key[ro]
    is_fwd = ro < A
    arc = np.where(is_fwd, ro, ro - A)
    sign = np.where(is_fwd, 1.0, -1.0)
    fwd_pos = np.flatnonzero(is_fwd)
    cap_f = net.cap[arc[fwd_pos]]
    indptr = np.searchsorted(r_tail, np.arange(N + 1)).astype(np.int32)
    graph = sp.csr_matrix((np.zeros(len(key)), r_head.astype(np.int32), indptr), shape=(N, N))
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    pair_key = key[starts]
    pair_of = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(key)]))

    copy_of = np.empty(2 * A, dtype=np.intp)        # original arc -> its forward, backward copy
    copy_of[ro] = np.arange(2 * A)
    fwd_copy, bwd_copy = copy_of[:A], copy_of[A:]
    rescap = np.zeros(len(key))
    rescap[fwd_pos] = cap_f
    flow = np.zeros(A)
    t = times0.astype(float).copy()
    L = float(normal_duration)
    v = 0.0
    G = 0.0
    levels, values, gains, times, dists = [L], [0.0], [0.0], [t.copy()], [np.zeros(N)]
    finite_cap = net.cap[np.isfinite(net.cap)]
    tol_cap = 1e-12 * max(1.0, float(finite_cap.sum()))
    on_path = np.zeros(len(starts), dtype=bool)
    for _ in range(4 * A + 10):
        # reduced lengths: >= 0 on every residual arc while the times are optimal for the flow;
        # arcs without capacity left get an infinite length (the sparse structure never changes)
        rc = t[r_head] - t[r_tail] - r_gain
        np.maximum(rc, 0.0, out=rc)
        rc[rescap <= tol_cap] = np.inf
        graph.data = rc
        dist, pred = dijkstra(graph, directed=True, indices=0, return_predecessors=True)
        delta = float(dist[1])
        if not math.isfinite(delta):  # pragma: no cover - the all-crashed chain is unbounded
            raise InfeasibleError("crash: the project end cannot be reached in the flow network (internal error).")
        if delta > tol_len:
            step = np.minimum(dist, delta)
            t = t - step
            L -= delta
            levels.append(L)
            values.append(v)
            gains.append(G)
            times.append(t.copy())
            dists.append(step)
        # the tree route to the project end: every pair on it has an arc of zero reduced length
        route = [1]
        back = pred.tolist()
        u = 1
        while u != 0:
            u = back[u]
            route.append(u)
        route = np.array(route[::-1], dtype=np.int64)
        pidx = np.searchsorted(pair_key, route[:-1] * N + route[1:])
        on_path[:] = False
        on_path[pidx] = True
        sel = np.flatnonzero(on_path[pair_of])               # residual arcs of the route's pairs
        usable = rescap[sel] > tol_cap
        usable &= np.abs(t[r_head[sel]] - t[r_tail[sel]] - r_gain[sel]) <= tol_len
        sel = sel[usable]
        caps = rescap[sel]
        grp = pair_of[sel]
        first = np.flatnonzero(np.r_[True, grp[1:] != grp[:-1]])
        bottleneck = float(np.add.reduceat(caps, first).min())
        if not math.isfinite(bottleneck):
            break  # an unbounded chain: no more time can be bought
        # push the bottleneck along the route: within a pair, fill its arcs in order
        caps = np.minimum(caps, bottleneck)
        cum = np.cumsum(caps)
        run = np.repeat(first, np.diff(np.r_[first, len(sel)]))
        before = cum - caps - (cum[run] - caps[run])
        take = np.clip(bottleneck - before, 0.0, caps)
        moved = arc[sel]
        np.add.at(flow, moved, sign[sel] * take)
        np.clip(flow, 0.0, None, out=flow)
        rescap[fwd_copy[moved]] = net.cap[moved] - flow[moved]
        rescap[bwd_copy[moved]] = flow[moved]
        v += bottleneck
        G += bottleneck * L
    else:  # pragma: no cover - a guard against an endless loop
        raise InfeasibleError("crash: the trade-off did not converge; please report this network.")
    return _Curve(np.array(levels), np.array(values), np.array(gains), times, dists)


# ---------------------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------------------
@dataclass
class CrashResult:
    """Result of :func:`crash`.

    Attributes
    ----------
    curve : DataFrame
        One row per project duration, from the normal duration down to the shortest possible
        (every whole number in between): ``duration direct_cost indirect_cost total_cost
        crash_cost_per_day`` (``crash_cost_per_day``: what the last unit of time bought to reach
        this row cost).
    duration : float
        The project duration chosen: ``target_duration`` (the normal duration when the target
        is later than it), or the duration of least total cost when no target is given.
    direct_cost, indirect_cost, total_cost : float
        At ``duration``.
    table : DataFrame
        One row per activity (index ``id``): ``normal_duration crash_duration cost_slope
        duration crashed_by extra_cost``, plus ``name`` when given.
    normal_duration, shortest_duration : float
    normal_cost : float
        Sum of the normal costs (the direct cost with nothing crashed).
    schedule : CPMResult
        CPM on the crashed durations (``duration`` column of ``table``).
    """

    curve: pd.DataFrame
    duration: float
    direct_cost: float
    indirect_cost: float
    total_cost: float
    table: pd.DataFrame
    normal_duration: float
    shortest_duration: float
    normal_cost: float
    target_duration: float | None
    _activities: pd.DataFrame = field(repr=False)
    _schedule: object = field(default=None, repr=False)

    def __repr__(self):
        return (f"CrashResult(duration={self.duration:g}, direct_cost={self.direct_cost:,.2f}, "
                f"total_cost={self.total_cost:,.2f}, normal {self.normal_duration:g} -> shortest "
                f"{self.shortest_duration:g})")

    @property
    def activities(self) -> pd.DataFrame:
        """The input table with ``duration`` replaced by the crashed durations."""
        return self._activities.copy()

    @property
    def schedule(self):
        if self._schedule is None:
            from . import cpm

            self._schedule = cpm(self._activities)
        return self._schedule

    @property
    def crashed(self) -> list:
        """Ids of the activities shortened, in input order."""
        return [a for a, b in zip(self.table.index, self.table["crashed_by"] > 0, strict=True) if b]


@params(indirect_cost_per_day=Real(ge=0), indirect_cost_fixed=Real(ge=0),
        target_duration=Real(ge=0, allow_none=True))
def crash(activities, *, target_duration=None, indirect_cost_per_day=0.0, indirect_cost_fixed=0.0) -> CrashResult:
    """Crash a schedule at least cost: the exact time-cost trade-off curve (linear cost slopes).

    Each activity can be shortened from ``duration`` to ``crash_duration`` at the constant
    cost slope ``(crash_cost - cost) / (duration - crash_duration)`` per unit of time. For
    every project duration T the direct cost is the least ``sum(cost) + sum(slope * time
    bought)`` over all durations that let the network (as :func:`pmlib.schedule.cpm` reads it,
    with all four link types and lags) finish by T; indirect cost = ``indirect_cost_fixed +
    indirect_cost_per_day * T``; total = direct + indirect.

    Parameters
    ----------
    activities : DataFrame or list of dict
        ``id``, ``duration``, ``predecessors`` (as for :func:`~pmlib.schedule.cpm`), plus
        ``crash_duration`` (the shortest duration, same unit), ``cost`` (normal direct cost)
        and ``crash_cost`` (direct cost at ``crash_duration``), money in k$. Leave both crash
        cells empty for an activity that cannot be shortened.
    target_duration : float, optional
        The deadline (same unit). None: choose the duration of least total cost.
    indirect_cost_per_day : float
        Indirect (overhead) cost per unit of project time, k$ (e.g. site costs, a penalty).
    indirect_cost_fixed : float
        Indirect cost that does not depend on the duration, k$.

    Returns
    -------
    CrashResult
        ``.curve`` (the trade-off curve, one row per whole duration), ``.duration``,
        ``.direct_cost``, ``.indirect_cost``, ``.total_cost``, ``.table`` (per activity:
        ``duration crashed_by extra_cost``), ``.schedule`` (CPM of the crashed network).

    Raises
    ------
    ValueError
        Missing columns, crash_duration longer than duration, crash_cost below cost, negative
        or missing numbers, a network cpm rejects; :class:`~pmlib.errors.InfeasibleError` when
        ``target_duration`` is shorter than the shortest possible duration (named).

    Notes
    -----
    Exact: the optimum of the linear programme (the durations are whole numbers when the
    data are), computed for the whole curve by successive longest paths in the dual
    minimum-cost flow network (see the module docstring), not the greedy "cheapest critical
    activity first" loop (:func:`crash_greedy`), which can pay more.

    Examples
    --------
    Hillier & Lieberman's Reliable Construction Co. project (durations in weeks, costs in k$)
    crashed from 44 to 40 weeks costs 140 k$ more (crash J twice, F twice):

    >>> import pandas as pd
    >>> rc = pd.DataFrame({
    ...     "id": list("ABCDEFGHIJKLMN"),
    ...     "duration": [2, 4, 10, 6, 4, 5, 7, 9, 7, 8, 4, 5, 2, 6],
    ...     "predecessors": ["", "A", "B", "C", "C", "E", "D", "E, G", "C", "F, I", "J", "J", "H", "K, L"],
    ...     "crash_duration": [1, 2, 7, 4, 3, 3, 4, 6, 5, 6, 3, 3, 1, 3],
    ...     "cost": [180, 320, 620, 260, 410, 180, 900, 200, 210, 430, 160, 250, 100, 330],
    ...     "crash_cost": [280, 420, 860, 340, 570, 260, 1020, 380, 270, 490, 200, 350, 200, 510]})
    >>> c = crash(rc, target_duration=40)
    >>> c.normal_duration, c.direct_cost - c.normal_cost
    (44.0, 140.0)

    References
    ----------
    Kelley, J. E. (1961), "Critical-path planning and scheduling: mathematical basis",
    *Operations Research* 9(3); Fulkerson, D. R. (1961), "A network flow computation for
    project cost curves", *Management Science* 7(2); Hillier & Lieberman, *Introduction to
    Operations Research*, ch. "Project management with PERT/CPM" (time-cost trade-offs);
    PMBOK Guide 6th ed., 6.5.2.6 "schedule compression".
    """
    df, ids, D, d, cost, slope, normal = _crash_table(activities)
    pi, si, code, lag = _links(df, ids)
    net = _flow_network(D, d, slope, pi, si, code, lag)
    tab = normal.table
    times0 = np.empty(net.n_nodes)
    times0[0] = 0.0
    times0[1] = normal.duration
    times0[2::2] = tab["es"].to_numpy(float)
    times0[3::2] = tab["ef"].to_numpy(float)
    scale = max(1.0, float(np.abs(net.gain).max()) if len(net.gain) else 1.0, normal.duration)
    curve = _tradeoff(net, times0, normal.duration, 1e-9 * scale)
    t_n = float(normal.duration)
    t_min = float(curve.levels[-1])
    whole = np.arange(math.ceil(t_min - 1e-9), t_n, dtype=float)[::-1]
    whole = whole[whole < t_n - 1e-9]
    durations = np.r_[t_n, whole]
    if durations[-1] > t_min + 1e-9:
        durations = np.r_[durations, t_min]
    durations = np.round(durations, 9)
    extra = curve.extra_cost(durations)
    normal_cost = float(cost.sum())
    direct = normal_cost + extra
    indirect = indirect_cost_fixed + indirect_cost_per_day * durations
    marginal = np.r_[np.nan, np.diff(direct) / -np.diff(durations)] if len(durations) > 1 else np.array([np.nan])
    table = pd.DataFrame({"duration": durations, "direct_cost": direct, "indirect_cost": indirect,
                          "total_cost": direct + indirect, "crash_cost_per_day": marginal})
    if target_duration is None:
        best = int(np.argmin(np.round(table["total_cost"].to_numpy(), 9)))  # ties: the longer duration
        chosen = float(durations[best])
    else:
        if target_duration < t_min - 1e-9:
            raise InfeasibleError(
                f"target_duration {target_duration:g} is shorter than the shortest possible duration "
                f"{t_min:g} (every activity that matters crashed): choose target_duration >= {t_min:g}.")
        chosen = min(float(target_duration), t_n)
    times = curve.event_times(chosen)
    x = np.round(times[3::2] - times[2::2], 9)
    x = np.clip(x, d, D)
    crashed_by = D - x
    extra_act = slope * crashed_by
    out = pd.DataFrame({"normal_duration": D, "crash_duration": d, "cost_slope": slope, "duration": x,
                        "crashed_by": crashed_by, "extra_cost": extra_act}, index=pd.Index(ids, name="id"))
    if "name" in df.columns:
        out.insert(0, "name", df["name"].tolist())
    crashed_df = df.copy()
    crashed_df["duration"] = x
    direct_cost = normal_cost + float(extra_act.sum())
    indirect_cost = indirect_cost_fixed + indirect_cost_per_day * chosen
    return CrashResult(curve=table, duration=chosen, direct_cost=direct_cost, indirect_cost=indirect_cost,
                       total_cost=direct_cost + indirect_cost, table=out, normal_duration=t_n,
                       shortest_duration=t_min, normal_cost=normal_cost,
                       target_duration=None if target_duration is None else float(target_duration),
                       _activities=crashed_df)


# ---------------------------------------------------------------------------------------
# the textbook procedure
# ---------------------------------------------------------------------------------------
def _cheapest_cut(paths, candidates, slope):
    """Cheapest set of activities meeting every critical path once (a small 0/1 programme)."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    cand = sorted(candidates)
    if not cand:
        return None
    where = {a: k for k, a in enumerate(cand)}
    rows = []
    for path in paths:
        row = np.zeros(len(cand))
        hit = [where[a] for a in path if a in where]
        if not hit:
            return None
        row[hit] = 1
        rows.append(row)
    res = milp(c=np.array([slope[a] for a in cand]), constraints=LinearConstraint(np.array(rows), lb=1),
               integrality=np.ones(len(cand)), bounds=Bounds(0, 1))
    if res.status != 0:
        return None
    return [a for a, z in zip(cand, res.x, strict=True) if z > 0.5]


def crash_greedy(activities, *, target_duration=None) -> pd.DataFrame:
    """The textbook crashing procedure: one step at a time, the cheapest way to shorten every critical path.

    At each step: find the critical paths; among the activities on them that can still be
    shortened, pick the cheapest set (by cost slope) that shortens every critical path (a
    single activity when one path is critical, one per path or a shared one when several
    are); shorten them by one unit of time (less when one can give less); repeat until
    ``target_duration`` or until no critical path can be shortened. A day bought is never
    given back, which is why this can end above the least cost that :func:`crash` finds.

    Parameters
    ----------
    activities : DataFrame or list of dict
        As for :func:`crash`.
    target_duration : float, optional
        Stop there; None: continue while a critical path can be shortened.

    Returns
    -------
    DataFrame
        One row per step (step 0 = the normal schedule): ``step duration crashed
        (comma-separated ids shortened in this step) step_cost direct_cost critical_paths``.

    Examples
    --------
    >>> acts = [
    ...     {"id": "A", "duration": 4, "predecessors": "", "crash_duration": 2, "cost": 10, "crash_cost": 16},
    ...     {"id": "B", "duration": 6, "predecessors": "A", "crash_duration": 4, "cost": 20, "crash_cost": 30},
    ...     {"id": "C", "duration": 5, "predecessors": "A", "crash_duration": 5, "cost": 8, "crash_cost": 8}]
    >>> crash_greedy(acts)[["duration", "crashed", "direct_cost"]].to_dict("list")
    {'duration': [10.0, 9.0, 8.0, 7.0], 'crashed': ['', 'A', 'A', 'B'], 'direct_cost': [38.0, 41.0, 44.0, 49.0]}

    References
    ----------
    PMBOK Guide 6th ed., 6.5.2.6 (crashing); Hillier & Lieberman, *Introduction to Operations
    Research*, "marginal cost analysis" for time-cost trade-offs.
    """
    from . import cpm

    df, ids, D, d, cost, slope_arr, normal = _crash_table(activities)
    if target_duration is not None:
        target = Real(ge=0).convert(target_duration, "target_duration")
    else:
        target = -math.inf
    slope = dict(zip(ids, slope_arr, strict=True))
    left = dict(zip(ids, D - d, strict=True))
    x = dict(zip(ids, D, strict=True))
    work = df.copy()
    s = normal
    direct = float(cost.sum())
    rows = [{"step": 0, "duration": s.duration, "crashed": "", "step_cost": 0.0, "direct_cost": direct,
             "critical_paths": " | ".join("-".join(map(str, p)) for p in s.critical_paths)}]
    for step in range(1, 100_000):
        if s.duration <= target + 1e-9:
            break
        paths = s.critical_paths or [s.critical_path]
        candidates = {a for p in paths for a in p if left[a] > 1e-9}
        chosen = _cheapest_cut(paths, candidates, slope)
        if not chosen:
            break
        amount = min([1.0] + [left[a] for a in chosen])
        if target > -math.inf:
            amount = min(amount, s.duration - target)
        for a in chosen:
            x[a] -= amount
            left[a] -= amount
        work["duration"] = [x[a] for a in ids]
        new = cpm(work)
        step_cost = amount * sum(slope[a] for a in chosen)
        if new.duration >= s.duration - 1e-9:   # the cut did not help (links other than FS)
            for a in chosen:
                x[a] += amount
                left[a] += amount
            break
        direct += step_cost
        s = new
        rows.append({"step": step, "duration": s.duration, "crashed": ", ".join(map(str, chosen)),
                     "step_cost": step_cost, "direct_cost": direct,
                     "critical_paths": " | ".join("-".join(map(str, p)) for p in s.critical_paths)})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------
# fast-tracking
# ---------------------------------------------------------------------------------------
@dataclass
class FastTrackResult:
    """Result of :func:`fast_track`.

    Attributes
    ----------
    activities : DataFrame
        The table with each overlapped link rewritten as a lead (``"B-3"``: B's successor starts
        3 units before B finishes).
    schedule : CPMResult
        CPM of the fast-tracked network.
    duration, normal_duration : float
    saved : float
        normal_duration - duration.
    overlaps : DataFrame
        One row per overlapped link: ``predecessor successor overlap overlap_share`` (share of
        the predecessor's duration the successor starts early: the rework exposure).
    """

    activities: pd.DataFrame
    schedule: object
    duration: float
    normal_duration: float
    saved: float
    overlaps: pd.DataFrame


def fast_track(activities, overlaps) -> FastTrackResult:
    """Fast-track: let successors start before their finish-to-start predecessors end.

    Each overlap turns the finish-to-start link ``predecessor -> successor`` into one with a
    lead of ``overlap`` units (``S_succ >= F_pred - overlap``). No cost is added; the risk is
    rework, so the result reports how much of each predecessor is overlapped.

    Parameters
    ----------
    activities : DataFrame or list of dict
        As for :func:`~pmlib.schedule.cpm`.
    overlaps : dict or DataFrame
        ``{(predecessor, successor): overlap}`` or a table with columns ``predecessor``,
        ``successor``, ``overlap`` (in the duration unit, 0 < overlap <= the predecessor's
        duration). The link must exist and be a plain finish-to-start one.

    Returns
    -------
    FastTrackResult
        ``.duration``, ``.saved``, ``.schedule``, ``.activities``, ``.overlaps``.

    Examples
    --------
    >>> acts = [{"id": "A", "duration": 4, "predecessors": ""},
    ...         {"id": "B", "duration": 6, "predecessors": "A"},
    ...         {"id": "C", "duration": 3, "predecessors": "A"}]
    >>> f = fast_track(acts, {("A", "B"): 2})
    >>> f.normal_duration, f.duration, f.activities.loc[1, "predecessors"]
    (10.0, 8.0, 'A-2')

    References
    ----------
    PMBOK Guide 6th ed., 6.5.2.6 "schedule compression" (fast tracking); 6.3.2.3 leads and lags.
    """
    from . import cpm, parse_predecessors

    normal = cpm(activities)
    if isinstance(activities, pd.DataFrame) and "id" not in activities.columns and activities.index.name == "id":
        activities = activities.reset_index()
    df = as_frame(activities, "activities")
    if "predecessors" not in df.columns:
        df["predecessors"] = ""
    ids = list(normal.table.index)
    if isinstance(overlaps, pd.DataFrame):
        require_columns(overlaps, ["predecessor", "successor", "overlap"], "overlaps")
        items = list(zip(zip(overlaps["predecessor"], overlaps["successor"], strict=True),
                         overlaps["overlap"], strict=True))
    elif isinstance(overlaps, dict):
        items = list(overlaps.items())
    else:
        raise InputError("overlaps must be a dict {(predecessor, successor): overlap} or a table with "
                         "columns predecessor, successor, overlap.")
    if not items:
        raise InputError("overlaps is empty: name at least one (predecessor, successor) link to overlap.")
    pos = {a: k for k, a in enumerate(ids)}
    dur = normal.table["duration"]
    cells = df["predecessors"].tolist()
    rows = []
    for key, amount in items:
        if not (isinstance(key, tuple) and len(key) == 2):
            raise InputError(f"overlaps: {key!r} must be a (predecessor, successor) pair of activity ids.")
        pred, succ = key
        for a in (pred, succ):
            if a not in pos:
                raise UnknownIdError(f"overlaps: {a!r} is not an activity id; known ids: "
                                     f"{', '.join(map(str, ids[:40]))}.")
        days = Real(gt=0).convert(amount, f"overlaps[{pred!r}, {succ!r}]")
        if days > float(dur[pred]) + 1e-12:
            raise InputError(f"overlaps[{pred!r}, {succ!r}] = {days:g} is longer than {pred!r} itself "
                             f"({float(dur[pred]):g}): the successor would start before its predecessor starts.")
        k = pos[succ]
        links = parse_predecessors(cells[k], succ, set(ids) | {str(a) for a in ids})
        match = [i for i, (p, _t, _l) in enumerate(links) if p == pred or str(p) == str(pred)]
        if not match:
            raise InputError(f"overlaps: {succ!r} does not follow {pred!r}; only an existing link can be overlapped.")
        p, typ, lag = links[match[0]]
        if typ != "FS":
            raise InputError(f"overlaps: the link {pred!r} -> {succ!r} is {typ}, not finish-to-start; "
                             "fast-tracking overlaps a finish-to-start link.")
        links[match[0]] = (p, "FS", lag - days)
        cells[k] = ", ".join(f"{q}" + ("" if t == "FS" else f":{t}") + (f"{g:+g}" if g else "")
                             for q, t, g in links)
        rows.append({"predecessor": pred, "successor": succ, "overlap": days,
                     "overlap_share": days / float(dur[pred]) if float(dur[pred]) else 1.0})
    df["predecessors"] = cells
    fast = cpm(df)
    return FastTrackResult(activities=df, schedule=fast, duration=fast.duration, normal_duration=normal.duration,
                           saved=normal.duration - fast.duration, overlaps=pd.DataFrame(rows))
