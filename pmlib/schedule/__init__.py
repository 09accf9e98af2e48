"""Activity networks: critical path method, PERT and Monte Carlo schedule risk.

An *activity table* is a DataFrame (or a list of dicts) with one row per activity:

``id``
    a unique id (text or number).
``duration``
    the activity's duration, in any unit (working days in the course data); fractional
    durations are fine. :func:`pert` and :func:`monte_carlo` read ``optimistic``,
    ``most_likely`` and ``pessimistic`` instead.
``predecessors``
    a list of ids, or a comma-separated string of tokens ``ID[:TYPE][+LAG|-LAG]``, TYPE one
    of ``FS`` (finish-to-start, the default), ``SS``, ``FF``, ``SF``; LAG is in the
    duration's unit and a negative lag is a lead. Examples: ``"A"``, ``"A, B:SS+2, C:FF-1"``,
    ``"D+3"`` (finish-to-start with a 3-unit lag). Empty, ``None`` or NaN: the activity has no
    predecessor and may start when the project starts.

Relationships (PMBOK Guide, "precedence diagramming method"), with S = start, F = finish of
the predecessor *i* and the successor *j*:

====  ============================  =================
FS    j cannot start until i ends   S_j >= F_i + lag
SS    j cannot start until i starts S_j >= S_i + lag
FF    j cannot end until i ends     F_j >= F_i + lag
SF    j cannot end until i starts   F_j >= S_i + lag
====  ============================  =================

No activity starts before the project (time 0). The passes run once over the activities in
topological order (never by enumerating paths), so a network of thousands of activities takes
milliseconds, and :func:`monte_carlo` runs the same passes on whole columns of iterations.

>>> import pmlib as pm
>>> acts = [{"id": "A", "duration": 3, "predecessors": ""},
...         {"id": "B", "duration": 2, "predecessors": "A"},
...         {"id": "C", "duration": 4, "predecessors": "A"},
...         {"id": "D", "duration": 1, "predecessors": "B, C"}]
>>> s = pm.schedule.cpm(acts)
>>> s.duration, s.critical_path
(8.0, ['A', 'C', 'D'])
>>> float(s.table.loc["B", "total_float"])
2.0
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._validate import as_frame, as_number, require_columns
from ..errors import CycleError, DuplicateIdError, InputError, UnknownIdError

__all__ = [
    "RELATIONSHIP_TYPES",
    "parse_predecessors",
    "cpm",
    "CPMResult",
    "pert_estimate",
    "pert",
    "PERTResult",
    "monte_carlo",
    "MonteCarloResult",
    "working_days_to_dates",
    "working_days_between",
]

#: The four precedence relationship types of the precedence diagramming method.
RELATIONSHIP_TYPES = ("FS", "SS", "FF", "SF")
_TYPE_CODE = {t: i for i, t in enumerate(RELATIONSHIP_TYPES)}
_TOKEN = re.compile(
    r"^(?P<id>.+?)\s*(?::\s*(?P<type>[A-Za-z]{2}))?\s*(?P<lag>[+-]\s*\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)?$"
)
_TOL = 1e-9


# ---------------------------------------------------------------------------------------
# reading the network
# ---------------------------------------------------------------------------------------
def _is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if np.ndim(value) == 0 else False
    except (TypeError, ValueError):
        return False


def _parse_token(token, activity, known) -> tuple:
    """One predecessor token -> (id, type, lag)."""
    if not isinstance(token, str):
        if _is_missing(token):
            raise InputError(f"activity {activity!r}: a predecessor is empty or NaN; remove it.")
        return (token, "FS", 0.0)
    text = token.strip()
    if not text:
        raise InputError(f"activity {activity!r}: empty predecessor in the list (two commas in a row?).")
    if known is not None and text in known:  # an id that itself contains ':' '+' or '-'
        return (text, "FS", 0.0)
    m = _TOKEN.match(text)
    if m is None:
        raise InputError(
            f"activity {activity!r}: cannot read the predecessor {token!r}; write ID[:TYPE][+LAG], "
            "e.g. 'A', 'B:SS+2', 'C:FF-1', 'D+3'."
        )
    pid, typ, lag = m.group("id").strip(), m.group("type"), m.group("lag")
    typ = (typ or "FS").upper()
    if typ not in _TYPE_CODE:
        raise InputError(
            f"activity {activity!r}: unknown relationship type {m.group('type')!r} in {token!r}; "
            f"use one of {', '.join(RELATIONSHIP_TYPES)}."
        )
    if known is not None and pid not in known:
        # maybe the id ends in something that looked like a lag ("A-1" as an id)
        raise UnknownIdError(
            f"activity {activity!r}: predecessor {pid!r} (from {token!r}) is not an activity id; "
            f"known ids: {', '.join(map(str, list(known)[:40]))}{' ...' if len(known) > 40 else ''}."
        )
    return (pid, typ, float(lag.replace(" ", "")) if lag else 0.0)


def parse_predecessors(value, activity="?", known=None) -> list[tuple]:
    """Read one ``predecessors`` cell into a list of ``(id, type, lag)`` tuples.

    Parameters
    ----------
    value : str, list of str / ids, None or NaN
        ``"A, B:SS+2, C:FF-1, D+3"`` or ``["A", "B:SS+2"]``; empty / None / NaN -> ``[]``.
    activity : id
        The activity the cell belongs to (named in error messages).
    known : collection of ids, optional
        When given, an unknown predecessor raises :class:`~pmlib.errors.UnknownIdError`.

    >>> parse_predecessors("A, B:SS+2, C:FF-1, D+3")
    [('A', 'FS', 0.0), ('B', 'SS', 2.0), ('C', 'FF', -1.0), ('D', 'FS', 3.0)]
    >>> parse_predecessors(float("nan"))
    []
    """
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return []
        tokens = [t for t in text.split(",")]
        if tokens and not tokens[-1].strip():  # tolerate a trailing comma
            tokens = tokens[:-1]
    elif isinstance(value, Iterable) and not isinstance(value, bytes | Mapping):
        tokens = list(value)
    elif _is_missing(value):
        return []
    else:
        tokens = [value]
    known = set(known) if known is not None else None
    out = [_parse_token(t, activity, known) for t in tokens]
    for pid, _typ, _lag in out:
        if pid == activity:
            raise CycleError(f"activity {activity!r} lists itself as a predecessor (cycle {activity} -> {activity}).",
                             cycle=[activity, activity])
    return out


@dataclass
class _Network:
    ids: list
    names: list | None
    order: np.ndarray                   # topological order (positions)
    edges: list                         # (pred_pos, succ_pos, type_code, lag) in input order
    preds: list                         # per position: list of (pred_pos, type_code, lag)
    succs: list                         # per position: list of (succ_pos, type_code, lag)
    frame: pd.DataFrame                 # the validated copy of the input


def _frame(activities, name="activities") -> pd.DataFrame:
    if isinstance(activities, pd.DataFrame) and "id" not in activities.columns and activities.index.name == "id":
        activities = activities.reset_index()
    df = as_frame(activities, name)
    if df.empty:
        raise InputError(f"{name} is empty: give at least one activity (id, duration, predecessors).")
    require_columns(df, ["id"], name)
    if "predecessors" not in df.columns:
        df["predecessors"] = None
    if df["id"].isna().any():
        row = int(np.flatnonzero(df["id"].isna().to_numpy())[0])
        raise InputError(f"{name}: row {row} has no id; give every activity an id.")
    ids = df["id"].tolist()
    ids = [i.strip() if isinstance(i, str) else i for i in ids]
    df["id"] = ids
    dup = pd.Series(ids)[pd.Series(ids).duplicated()].unique().tolist()
    if dup:
        raise DuplicateIdError(f"{name} has duplicate activity id(s) {', '.join(map(str, dup))}: each id must be unique.")
    return df


def _network(activities, name="activities") -> _Network:
    df = _frame(activities, name)
    ids = df["id"].tolist()
    pos = {a: k for k, a in enumerate(ids)}
    # numeric ids may be referred to as text ("1, 2" in a CSV): map the text back to the id
    by_text = {str(a): a for a in ids if not isinstance(a, str)}
    known = set(ids) | set(by_text)
    preds: list = [[] for _ in ids]
    succs: list = [[] for _ in ids]
    edges = []
    for k, (a, cell) in enumerate(zip(ids, df["predecessors"].tolist(), strict=True)):
        seen = set()
        for pid, typ, lag in parse_predecessors(cell, a, known):
            pid = pid if pid in pos else by_text[pid]
            if pid in seen:
                raise InputError(f"activity {a!r} lists predecessor {pid!r} twice; keep one relationship.")
            seen.add(pid)
            i = pos[pid]
            code = _TYPE_CODE[typ]
            preds[k].append((i, code, lag))
            succs[i].append((k, code, lag))
            edges.append((i, k, code, lag))
    order = _topological_order(ids, preds, succs)
    names = df["name"].tolist() if "name" in df.columns else None
    return _Network(ids, names, order, edges, preds, succs, df)


def _topological_order(ids, preds, succs) -> np.ndarray:
    """Kahn's algorithm, stable in input order; a CycleError naming one cycle otherwise."""
    n = len(ids)
    indeg = np.array([len(p) for p in preds])
    ready = [k for k in range(n) if indeg[k] == 0]
    order = []
    heapq.heapify(ready)
    while ready:
        k = heapq.heappop(ready)
        order.append(k)
        for j, _c, _l in succs[k]:
            indeg[j] -= 1
            if indeg[j] == 0:
                heapq.heappush(ready, j)
    if len(order) < n:
        cycle = _find_cycle(ids, preds, set(range(n)) - set(order))
        raise CycleError(
            "activities has a cycle: " + " -> ".join(map(str, cycle))
            + ". A chain of predecessors leads back to its start; remove one of these links.",
            cycle=cycle,
        )
    return np.array(order, dtype=np.intp)


def _find_cycle(ids, preds, remaining) -> list:
    # follow predecessor links inside the unsorted remainder until a node repeats
    start = min(remaining)
    path, where = [], {}
    k = start
    while k not in where:
        where[k] = len(path)
        path.append(k)
        k = next(i for i, _c, _l in preds[k] if i in remaining)
    loop = path[where[k]:]
    loop = loop[::-1]  # predecessor -> successor order
    first = loop.index(min(loop))  # start at the activity listed first in the input
    loop = loop[first:] + loop[:first]
    return [ids[i] for i in loop] + [ids[loop[0]]]


def _durations(df, column, name="activities") -> np.ndarray:
    require_columns(df, [column], name)
    raw = df[column]
    out = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
    bad = np.isnan(out)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"{name}: activity {df['id'].iloc[k]!r} has {column} {raw.iloc[k]!r}, which is not a number "
            "(missing or text): fill it in."
        )
    neg = out < 0
    if neg.any():
        k = int(np.flatnonzero(neg)[0])
        raise InputError(f"{name}: activity {df['id'].iloc[k]!r} has a negative {column} ({out[k]:g}): it must be >= 0.")
    if np.isinf(out).any():
        k = int(np.flatnonzero(np.isinf(out))[0])
        raise InputError(f"{name}: activity {df['id'].iloc[k]!r} has an infinite {column}.")
    return out


# ---------------------------------------------------------------------------------------
# the passes (scalar or vectorised over iterations: d has shape (k,) or (k, n))
# ---------------------------------------------------------------------------------------
def _forward(net: _Network, d: np.ndarray) -> np.ndarray:
    """Early starts. d: (k,) or (k, n). No activity starts before 0."""
    es = np.zeros_like(d)
    for j in net.order:
        row = es[j]
        for i, code, lag in net.preds[j]:
            if code == 0:      # FS: S_j >= S_i + d_i + lag
                cand = es[i] + d[i]
                if lag:
                    cand += lag
            elif code == 1:    # SS: S_j >= S_i + lag
                cand = es[i] + lag if lag else es[i]
            elif code == 2:    # FF: S_j >= S_i + d_i + lag - d_j
                cand = es[i] + d[i] - d[j]
                if lag:
                    cand += lag
            else:              # SF: S_j >= S_i + lag - d_j
                cand = es[i] - d[j]
                if lag:
                    cand += lag
            if np.ndim(row):
                np.maximum(row, cand, out=row)
            else:
                es[j] = row = max(row, cand)
    return es


def _backward(net: _Network, d: np.ndarray, finish) -> np.ndarray:
    """Late finishes, given the project finish (scalar or (n,))."""
    lf = np.empty_like(d)
    lf[...] = finish
    for j in net.order[::-1]:
        row = lf[j]
        for k, code, lag in net.succs[j]:
            if code == 0:      # FS: F_j <= S_k - lag = LF_k - d_k - lag
                cand = lf[k] - d[k]
            elif code == 1:    # SS: S_j <= S_k - lag -> F_j <= LF_k - d_k - lag + d_j
                cand = lf[k] - d[k] + d[j]
            elif code == 2:    # FF: F_j <= F_k - lag
                cand = lf[k].copy() if np.ndim(row) else lf[k]
            else:              # SF: S_j <= F_k - lag -> F_j <= LF_k - lag + d_j
                cand = lf[k] + d[j]
            if lag:
                cand = cand - lag
            if np.ndim(row):
                np.minimum(row, cand, out=row)
            else:
                lf[j] = row = min(row, cand)
    return lf


def _simulate(net: _Network, d: np.ndarray, work: np.ndarray | None = None):
    """Forward and backward pass on columns of iterations, d of shape (k, n).

    Works on early *finishes* and late *starts* so a plain finish-to-start link costs one
    in-place ``maximum`` / ``minimum`` and no temporary array; late starts overwrite the early
    finishes they no longer need, so the passes touch two (k, n) arrays, not three. ``work``
    is an optional (k, n) buffer to reuse between chunks. Returns the project duration of each
    iteration and, per activity, the number of iterations in which it is critical.
    """
    k, n = d.shape
    ef = np.empty_like(d) if work is None or work.shape != d.shape else work
    buf = np.empty(n)
    for j in net.order:
        row = ef[j]                       # ES_j, then EF_j once d_j is added
        preds = net.preds[j]
        if not preds:
            np.copyto(row, d[j])          # ES = 0
            continue
        clamp = False
        for t, (i, code, lag) in enumerate(preds):
            if code == 0 and lag >= 0:    # FS (+ lag): EF_i + lag
                if not lag:
                    if t == 0:
                        np.copyto(row, ef[i])
                    else:
                        np.maximum(row, ef[i], out=row)
                    continue
                np.add(ef[i], lag, out=buf)
            elif code == 0:               # FS with a lead
                np.add(ef[i], lag, out=buf)
                clamp = True
            elif code == 1:               # SS: ES_i + lag
                np.subtract(ef[i], d[i], out=buf)
                if lag:
                    buf += lag
                clamp = clamp or lag < 0
            elif code == 2:               # FF: EF_i + lag - d_j
                np.subtract(ef[i], d[j], out=buf)
                if lag:
                    buf += lag
                clamp = True
            else:                         # SF: ES_i + lag - d_j
                np.subtract(ef[i], d[i], out=buf)
                buf -= d[j]
                if lag:
                    buf += lag
                clamp = True
            if t == 0:
                np.copyto(row, buf)
            else:
                np.maximum(row, buf, out=row)
        if clamp:                          # no activity starts before the project
            np.maximum(row, 0.0, out=row)
        row += d[j]
    total = ef.max(axis=0)
    tol = _TOL * np.maximum(1.0, total)
    lf = np.empty(n)
    crit = np.zeros(k)
    ls = ef                                # row s becomes LS_s once s is done (its EF is no longer read)
    for j in net.order[::-1]:
        succs = net.succs[j]
        if not succs:
            np.copyto(lf, total)
        clamp = False
        for t, (s, code, lag) in enumerate(succs):
            if code == 0 and not lag:     # FS: LF_j <= LS_s
                if t == 0:
                    np.copyto(lf, ls[s])
                else:
                    np.minimum(lf, ls[s], out=lf)
                continue
            if code == 0:
                np.subtract(ls[s], lag, out=buf)
                clamp = clamp or lag < 0
            elif code == 1:               # SS: LF_j <= LS_s - lag + d_j
                np.add(ls[s], d[j], out=buf)
                if lag:
                    buf -= lag
                clamp = True
            elif code == 2:               # FF: LF_j <= LF_s - lag
                np.add(ls[s], d[s], out=buf)
                if lag:
                    buf -= lag
                clamp = True
            else:                         # SF: LF_j <= LF_s - lag + d_j
                np.add(ls[s], d[s], out=buf)
                buf += d[j]
                if lag:
                    buf -= lag
                clamp = True
            if t == 0:
                np.copyto(lf, buf)
            else:
                np.minimum(lf, buf, out=lf)
        if clamp:                          # no activity finishes after the project
            np.minimum(lf, total, out=lf)
        # total float = LF_j - EF_j
        np.subtract(lf, ef[j], out=buf)
        crit[j] = np.count_nonzero(buf <= tol)
        np.subtract(lf, d[j], out=ls[j])  # LS_j replaces EF_j
    return total, crit


# ---------------------------------------------------------------------------------------
# CPM
# ---------------------------------------------------------------------------------------
@dataclass
class CPMResult:
    """Result of :func:`cpm`.

    Attributes
    ----------
    duration : float
        Project duration (the latest early finish), in the activities' unit.
    critical_path : list
        The critical activities (total float 0) in precedence order. When several critical
        paths tie, this lists every critical activity; see ``critical_paths`` for each path.
    critical_paths : list of list
        Every critical path from the project start to its end (chains of driving
        relationships between critical activities), at most 1,000.
    table : DataFrame
        One row per activity (index ``id``, input order): ``duration es ef ls lf total_float
        free_float critical`` (plus ``name`` when given).
    """

    duration: float
    critical_path: list
    critical_paths: list
    table: pd.DataFrame
    order: list = field(repr=False, default_factory=list)

    def __repr__(self):
        return (f"CPMResult(duration={self.duration:g}, critical_path={self.critical_path}, "
                f"{len(self.critical_paths)} critical path(s), {len(self.table)} activities)")


def cpm(activities, *, duration="duration") -> CPMResult:
    """Critical path method: forward and backward pass, total and free float.

    Forward pass (PMBOK Guide, critical path method): ES = max over predecessors of the
    relationship's bound (ES = EF of the predecessor for plain finish-to-start), EF = ES + d.
    Backward pass: LF = min over successors (LF = LS of the successor for FS), LS = LF - d, with
    LF = project duration for activities without successors.
    Total float = LS - ES = LF - EF; free float = how far an activity can slip without
    delaying the early start (or finish, for FF/SF) of any successor.

    Parameters
    ----------
    activities : DataFrame or list of dict
        Columns ``id``, ``duration`` (any time unit, >= 0, fractional allowed) and
        ``predecessors`` (see the module docstring for the ``ID[:TYPE][+LAG]`` notation).
    duration : str
        Name of the duration column (``"duration"``); e.g. ``"most_likely"``.

    Returns
    -------
    CPMResult
        ``.duration``, ``.critical_path``, ``.critical_paths``, ``.table``.

    Raises
    ------
    ValueError
        A cycle (:class:`~pmlib.errors.CycleError` listing it), an unknown predecessor, a
        duplicate id, a missing / negative / NaN duration, an unreadable relationship, a missing
        column (the message lists the ones found).

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

    References
    ----------
    PMI, *A Guide to the Project Management Body of Knowledge* (PMBOK Guide), 6th ed.,
    6.5.2.2 Critical path method; PMI, *Practice Standard for Scheduling*, 3rd ed.
    """
    net = _network(activities)
    d = _durations(net.frame, duration)
    return _cpm_from(net, d)


def _cpm_from(net: _Network, d: np.ndarray) -> CPMResult:
    es = _forward(net, d)
    ef = es + d
    total = float(ef.max())
    lf = _backward(net, d, total)
    ls = lf - d
    tf = ls - es
    scale = max(1.0, total)
    tf[np.abs(tf) < _TOL * scale] = 0.0
    # free float: slack in the tightest successor relationship (project end for none)
    ff = np.where([bool(x) for x in net.succs], np.inf, total - ef)
    for i, k, code, lag in net.edges:
        if code == 0:
            slack = es[k] - lag - ef[i]
        elif code == 1:
            slack = es[k] - lag - es[i]
        elif code == 2:
            slack = es[k] + d[k] - lag - ef[i]
        else:
            slack = es[k] + d[k] - lag - es[i]
        ff[i] = min(ff[i], slack)
    ff = np.minimum(np.maximum(ff, 0.0), tf)  # a relationship already slack before ES clamps at 0
    ff[np.abs(ff) < _TOL * scale] = 0.0
    critical = tf <= _TOL * scale
    table = pd.DataFrame(
        {"duration": d, "es": es, "ef": ef, "ls": ls, "lf": lf, "total_float": tf, "free_float": ff,
         "critical": critical},
        index=pd.Index(net.ids, name="id"),
    )
    if net.names is not None:
        table.insert(0, "name", net.names)
    rank = np.empty(len(net.ids), dtype=int)
    rank[net.order] = np.arange(len(net.ids))
    crit_pos = sorted(np.flatnonzero(critical), key=lambda k: (es[k], rank[k]))
    paths = _critical_paths(net, d, es, ef, critical, total, scale)
    return CPMResult(
        duration=total,
        critical_path=[net.ids[k] for k in crit_pos],
        critical_paths=paths,
        table=table,
        order=[net.ids[k] for k in net.order],
    )


def _critical_paths(net, d, es, ef, critical, total, scale, limit=1000) -> list:
    tol = _TOL * scale

    def driving(i, k, code, lag):
        bound = (es[i] + d[i] + lag if code == 0 else es[i] + lag if code == 1
                 else es[i] + d[i] + lag - d[k] if code == 2 else es[i] + lag - d[k])
        return abs(bound - es[k]) <= tol

    nxt = {i: [] for i in range(len(net.ids))}
    has_driver = set()
    for i, k, code, lag in net.edges:
        if critical[i] and critical[k] and driving(i, k, code, lag):
            nxt[i].append(k)
            has_driver.add(k)
    rank = np.empty(len(net.ids), dtype=int)
    rank[net.order] = np.arange(len(net.ids))
    starts = sorted((k for k in np.flatnonzero(critical) if k not in has_driver and es[k] <= tol),
                    key=lambda k: rank[k])
    paths: list = []
    stack = [[s] for s in reversed(starts)]
    while stack and len(paths) < limit:
        path = stack.pop()
        last = path[-1]
        follow = sorted(nxt[last], key=lambda k: rank[k])
        if not follow:
            if abs(ef[last] - total) <= tol:
                paths.append([net.ids[k] for k in path])
            continue
        for k in reversed(follow):
            stack.append(path + [k])
    return paths


# ---------------------------------------------------------------------------------------
# PERT
# ---------------------------------------------------------------------------------------
def _three_point(o, m, p, labels=None, name="estimates"):
    o = np.asarray(o, dtype=float)
    m = np.asarray(m, dtype=float)
    p = np.asarray(p, dtype=float)
    for arr, what in ((o, "optimistic"), (m, "most_likely"), (p, "pessimistic")):
        bad = np.isnan(arr)
        if bad.any():
            k = int(np.flatnonzero(bad.ravel())[0])
            where = f"activity {labels[k]!r}" if labels is not None else f"position {k}"
            raise InputError(f"{name}: {what} of {where} is missing (NaN): fill it in.")
        if (arr < 0).any():
            k = int(np.flatnonzero((arr < 0).ravel())[0])
            where = f"activity {labels[k]!r}" if labels is not None else f"position {k}"
            raise InputError(f"{name}: {what} of {where} is negative ({arr.ravel()[k]:g}): durations are >= 0.")
    bad = ~((o <= m) & (m <= p))
    if bad.any():
        k = int(np.flatnonzero(bad.ravel())[0])
        where = f"activity {labels[k]!r}" if labels is not None else f"position {k}"
        raise InputError(
            f"{name}: {where} has optimistic {o.ravel()[k]:g}, most likely {m.ravel()[k]:g}, pessimistic "
            f"{p.ravel()[k]:g}; they must satisfy optimistic <= most_likely <= pessimistic."
        )
    return o, m, p


def pert_estimate(o, m, p):
    """PERT three-point estimate: expected duration, standard deviation and variance.

    ``expected = (o + 4 m + p) / 6``, ``sd = (p - o) / 6``, ``variance = sd ** 2``
    (the Beta-PERT approximation of PMBOK Guide 6.4.2.4 "three-point estimating").

    Parameters
    ----------
    o, m, p : float or array-like
        Optimistic, most likely and pessimistic durations (same unit), o <= m <= p.

    Returns
    -------
    Series (scalars in) with ``expected sd variance``, or a DataFrame with those columns
    (one row per estimate; the index of ``m`` when it is a Series).

    >>> pert_estimate(4, 6, 14)
    expected    7.000000
    sd          1.666667
    variance    2.777778
    dtype: float64

    References
    ----------
    Malcolm, Roseboom, Clark & Fazar (1959), "Application of a technique for research and
    development program evaluation", *Operations Research* 7(5); PMBOK Guide 6th ed., 6.4.2.4.
    """
    index = next((x.index for x in (m, o, p) if isinstance(x, pd.Series)), None)
    scalar = all(np.ndim(x) == 0 for x in (o, m, p))
    for x, what in ((o, "o"), (m, "m"), (p, "p")):
        if isinstance(x, str) or x is None or isinstance(x, bool):
            raise InputError(f"pert_estimate: {what} must be a number or numbers, got {x!r}.")
    try:
        o_, m_, p_ = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (o, m, p)))
    except (ValueError, TypeError) as exc:
        raise InputError(f"pert_estimate: o, m and p must be numbers of the same length ({exc}).") from None
    labels = list(index) if index is not None else None
    o_, m_, p_ = _three_point(o_, m_, p_, labels, "pert_estimate")
    expected = (o_ + 4 * m_ + p_) / 6
    sd = (p_ - o_) / 6
    if scalar:
        return pd.Series({"expected": float(expected), "sd": float(sd), "variance": float(sd**2)})
    return pd.DataFrame({"expected": expected.ravel(), "sd": sd.ravel(), "variance": (sd**2).ravel()},
                        index=index)


def _three_point_network(activities):
    """The network and its optimistic / most likely / pessimistic durations, checked o <= m <= p."""
    net = _network(activities)
    df = net.frame
    require_columns(df, ["optimistic", "most_likely", "pessimistic"], "activities")
    o = _durations(df, "optimistic")
    m = _durations(df, "most_likely")
    p = _durations(df, "pessimistic")
    _three_point(o, m, p, net.ids, "activities")
    return net, o, m, p


@dataclass
class PERTResult:
    """Result of :func:`pert`.

    Attributes
    ----------
    duration : float
        Expected project duration: the CPM duration on the expected activity durations.
    sd : float
        Standard deviation of the project duration: sqrt of the sum of the variances along the
        critical path (the critical path with the largest variance when several tie).
    variance : float
    critical_path : list
    table : DataFrame
        Per activity: ``optimistic most_likely pessimistic expected sd variance`` and the CPM
        columns computed on ``expected``.
    cpm : CPMResult

    The normal approximation ignores the other paths: where near-critical paths merge, the
    real distribution of the finish is later than this (merge bias); :func:`monte_carlo`
    measures it.
    """

    duration: float
    sd: float
    variance: float
    critical_path: list
    table: pd.DataFrame
    cpm: CPMResult = field(repr=False)

    def probability(self, deadline):
        """P(project finishes by ``deadline``) = Phi((deadline - duration) / sd)."""
        t = _deadline_value(deadline)
        if self.sd == 0:
            out = (np.asarray(t) >= self.duration).astype(float)
        else:
            # imported late to keep `import pmlib` fast
            from scipy.special import ndtr  # standard normal CDF

            out = ndtr((np.asarray(t) - self.duration) / self.sd)
        return float(out) if np.ndim(out) == 0 else out

    def z(self, deadline) -> float:
        """Standard score of a deadline: (deadline - duration) / sd."""
        t = as_number(deadline, "deadline")
        return (t - self.duration) / self.sd if self.sd else math.copysign(math.inf, t - self.duration)

    def deadline(self, probability):
        """The date (in duration units) met with ``probability``: duration + z * sd."""
        q = _probability_value(probability, "probability")
        from scipy.special import ndtri  # inverse standard normal CDF

        out = self.duration + ndtri(q) * self.sd
        return float(out) if np.ndim(out) == 0 else out


def _deadline_value(deadline):
    if isinstance(deadline, str) or deadline is None or isinstance(deadline, bool):
        raise InputError(f"deadline must be a number (in the activities' duration unit), got {deadline!r}.")
    arr = np.asarray(deadline, dtype=float)
    if np.isnan(arr).any():
        raise InputError("deadline is NaN: give a number.")
    return arr if arr.ndim else float(arr)


def _probability_value(q, name):
    if isinstance(q, str) or q is None or isinstance(q, bool):
        raise InputError(f"{name} must be a number in (0, 1), got {q!r}.")
    arr = np.asarray(q, dtype=float)
    if np.isnan(arr).any() or (arr <= 0).any() or (arr >= 1).any():
        raise InputError(f"{name} must be strictly between 0 and 1 (e.g. 0.8 for P80), got {q!r}.")
    return arr if arr.ndim else float(arr)


def pert(activities) -> PERTResult:
    """PERT: expected durations, critical path, and the project's standard deviation.

    Each activity's expected duration is ``(o + 4m + p) / 6`` and its variance
    ``((p - o) / 6) ** 2``; CPM on the expected durations gives the expected project duration
    and the critical path; the project variance is the sum of the variances of the critical
    activities (central limit theorem), so ``probability(deadline)`` uses a normal distribution.

    Parameters
    ----------
    activities : DataFrame or list of dict
        Columns ``id``, ``predecessors``, ``optimistic``, ``most_likely``, ``pessimistic``.

    Returns
    -------
    PERTResult
        ``.duration``, ``.sd``, ``.critical_path``, ``.probability(deadline)``,
        ``.deadline(probability)``, ``.table``.

    Notes
    -----
    Merge bias: PERT looks only at the critical path, so when other paths are nearly as long
    the true chance of finishing by a date is lower than ``probability`` says. Compare with
    :func:`monte_carlo`.

    Examples
    --------
    >>> acts = [{"id": "A", "optimistic": 2, "most_likely": 4, "pessimistic": 6, "predecessors": ""},
    ...         {"id": "B", "optimistic": 3, "most_likely": 5, "pessimistic": 13, "predecessors": "A"}]
    >>> p = pert(acts)
    >>> round(p.duration, 3), round(p.sd, 3), round(p.probability(12), 3)
    (10.0, 1.795, 0.867)

    References
    ----------
    Malcolm et al. (1959); PMBOK Guide 6th ed., 6.4.2.4 and 6.5.2.2; Klastorin, *Project
    Management: Tools and Trade-offs* (2004), ch. 5 on merge bias.
    """
    net, o, m, p = _three_point_network(activities)
    estimate = pert_estimate(o, m, p)
    te, sd, var = (estimate[c].to_numpy() for c in ("expected", "sd", "variance"))
    s = _cpm_from(net, te)
    pos = {a: k for k, a in enumerate(net.ids)}
    paths = s.critical_paths or [s.critical_path]
    path_var = [float(sum(var[pos[a]] for a in path)) for path in paths]
    best = int(np.argmax(path_var))
    table = s.table.copy()
    table.insert(1 if "name" in table.columns else 0, "optimistic", o)
    at = list(table.columns).index("optimistic")
    table.insert(at + 1, "most_likely", m)
    table.insert(at + 2, "pessimistic", p)
    table.insert(at + 3, "expected", te)
    table.insert(at + 4, "sd", sd)
    table.insert(at + 5, "variance", var)
    table = table.drop(columns="duration")
    crit = paths[best] if len(paths) > 1 else s.critical_path
    return PERTResult(s.duration, math.sqrt(path_var[best]), path_var[best], list(crit), table, s)


# ---------------------------------------------------------------------------------------
# Monte Carlo
# ---------------------------------------------------------------------------------------
_DISTRIBUTIONS = ("pert", "triangular", "uniform")


@dataclass
class MonteCarloResult:
    """Result of :func:`monte_carlo`.

    Attributes
    ----------
    durations : ndarray, shape (n,)
        Project duration of each iteration.
    criticality : Series
        Criticality index: the share of iterations in which each activity is critical.
    cruciality : Series
        Pearson correlation of each activity's duration with the project duration.
    sensitivity : Series
        Schedule sensitivity index: criticality x sd(activity) / sd(project).
    table : DataFrame
        Per activity: ``mean sd criticality cruciality sensitivity``.
    deterministic : float
        CPM duration on the activities' expected (mean) durations, for the merge-bias gap.
    """

    durations: np.ndarray
    criticality: pd.Series
    cruciality: pd.Series
    sensitivity: pd.Series
    table: pd.DataFrame
    deterministic: float
    distribution: str
    seed: object

    def __repr__(self):
        return (f"MonteCarloResult(n={len(self.durations)}, distribution={self.distribution!r}, "
                f"mean={self.mean:.3g}, P50={self.percentile(50):.3g}, P80={self.percentile(80):.3g})")

    @property
    def n(self) -> int:
        return len(self.durations)

    @property
    def mean(self) -> float:
        return float(self.durations.mean())

    @property
    def sd(self) -> float:
        return float(self.durations.std(ddof=1)) if len(self.durations) > 1 else 0.0

    @property
    def merge_bias(self) -> float:
        """Mean simulated duration minus the CPM duration on mean activity durations (>= 0 in expectation)."""
        return self.mean - self.deterministic

    def percentile(self, q):
        """Project duration not exceeded in ``q`` % of iterations (q in 0-100: 80 -> P80)."""
        if isinstance(q, str) or q is None or isinstance(q, bool):
            raise InputError(f"q must be a percentage between 0 and 100 (e.g. 80 for P80), got {q!r}.")
        arr = np.asarray(q, dtype=float)
        if np.isnan(arr).any() or (arr < 0).any() or (arr > 100).any():
            raise InputError(f"q must be a percentage between 0 and 100 (e.g. 80 for P80), got {q!r}.")
        out = np.percentile(self.durations, arr)
        return float(out) if np.ndim(out) == 0 else out

    def probability(self, deadline):
        """Share of iterations finishing by ``deadline`` (in the duration unit)."""
        t = _deadline_value(deadline)
        srt = np.sort(self.durations) if not hasattr(self, "_sorted") else self._sorted
        self._sorted = srt
        out = np.searchsorted(srt, np.asarray(t) + 1e-12 * max(1.0, abs(srt[-1])), side="right") / len(srt)
        return float(out) if np.ndim(out) == 0 else out

    def summary(self) -> pd.Series:
        """Mean, sd, P10/P50/P80/P90 and the merge bias, as a Series."""
        return pd.Series({"mean": self.mean, "sd": self.sd, "p10": self.percentile(10),
                          "p50": self.percentile(50), "p80": self.percentile(80),
                          "p90": self.percentile(90), "deterministic": self.deterministic,
                          "merge_bias": self.merge_bias})


def _sample(rng, o, m, p, distribution, size_n, out_dtype=float):
    """Durations of shape (k, size_n): row r holds activity r's draws."""
    k = len(o)
    rngw = (p - o)[:, None]
    if distribution == "uniform":
        u = rng.random((k, size_n))
        u *= rngw
        u += o[:, None]
        return u
    if distribution == "triangular":
        u = rng.random((k, size_n))
        with np.errstate(divide="ignore", invalid="ignore"):
            c = np.where(p > o, (m - o) / np.where(p > o, p - o, 1.0), 0.5)[:, None]
        left = o[:, None] + np.sqrt(u * rngw * (m - o)[:, None])
        right = p[:, None] - np.sqrt((1 - u) * rngw * (p - m)[:, None])
        return np.where(u < c, left, right)
    # Beta-PERT: alpha = 1 + 4 (m - o) / (p - o), beta = 1 + 4 (p - m) / (p - o)
    spread = np.where(p > o, p - o, 1.0)
    a = 1 + 4 * (m - o) / spread
    b = 1 + 4 * (p - m) / spread
    x = rng.beta(a[:, None], b[:, None], size=(k, size_n))
    x *= rngw
    x += o[:, None]
    return x


def monte_carlo(activities, n=10_000, seed=0, distribution="pert", *, chunk_size=None) -> MonteCarloResult:
    """Monte Carlo schedule risk: the distribution of the project's finish.

    Each iteration draws every activity's duration from its three-point estimate and runs the
    CPM forward and backward passes; the passes are vectorised over the iterations (one numpy
    operation per relationship, on a column of iterations), so 100,000 iterations of a
    200-activity network take about as long as drawing the random numbers.

    Distributions (o = optimistic, m = most likely, p = pessimistic):

    - ``"pert"``: Beta-PERT, ``o + (p - o) * Beta(1 + 4(m - o)/(p - o), 1 + 4(p - m)/(p - o))``,
      mean ``(o + 4m + p) / 6``;
    - ``"triangular"``: mean ``(o + m + p) / 3``;
    - ``"uniform"`` between o and p (m is ignored).

    Parameters
    ----------
    activities : DataFrame or list of dict
        ``id``, ``predecessors``, ``optimistic``, ``most_likely``, ``pessimistic``.
    n : int
        Number of iterations (>= 1).
    seed : int or numpy Generator
        Same seed, same result.
    distribution : {"pert", "triangular", "uniform"}
    chunk_size : int, optional
        Iterations simulated at once (memory); default keeps each array near 20 MB.

    Returns
    -------
    MonteCarloResult
        ``.durations``, ``.percentile(q)``, ``.probability(deadline)``, ``.criticality``,
        ``.cruciality``, ``.sensitivity``, ``.table``, ``.summary()``.

    Examples
    --------
    >>> acts = [{"id": "A", "optimistic": 2, "most_likely": 4, "pessimistic": 6, "predecessors": ""},
    ...         {"id": "B", "optimistic": 3, "most_likely": 5, "pessimistic": 13, "predecessors": ""}]
    >>> mc = monte_carlo(acts, n=20_000, seed=1)
    >>> mc.mean > 6.0   # two parallel paths: later than the longer one's mean (merge bias)
    True
    >>> float(mc.criticality["B"]) > 0.8
    True

    References
    ----------
    PMBOK Guide 6th ed., 11.4.2.5 "simulation"; Williams (1992), "Criticality in stochastic
    networks", *J. Oper. Res. Soc.* 43(4) (criticality and cruciality); Vanhoucke (2010),
    *Measuring Time*, ch. 5 (schedule sensitivity index).
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer):
        if isinstance(n, float) and n.is_integer():
            n = int(n)
        else:
            raise InputError(f"n must be a whole number of iterations (>= 1), got {n!r}.")
    if n < 1:
        raise InputError(f"n must be at least 1 iteration, got {n}.")
    if distribution not in _DISTRIBUTIONS:
        raise InputError(f"distribution must be one of {', '.join(_DISTRIBUTIONS)}, got {distribution!r}.")
    net, o, m, p = _three_point_network(activities)
    k = len(net.ids)
    if distribution == "pert":
        means = pert_estimate(o, m, p)["expected"].to_numpy()
        sds = np.where(p > o, np.sqrt((means - o) * (p - means) / 7), 0.0)
    elif distribution == "triangular":
        means = (o + m + p) / 3
        sds = np.sqrt((o**2 + m**2 + p**2 - o * m - o * p - m * p) / 18)
    else:
        means = (o + p) / 2
        sds = (p - o) / math.sqrt(12)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    if chunk_size is None:
        chunk_size = max(1, 2_500_000 // max(k, 1))
    elif isinstance(chunk_size, bool) or not isinstance(chunk_size, int | np.integer) or chunk_size < 1:
        raise InputError(f"chunk_size must be a whole number >= 1, got {chunk_size!r}.")

    durations = np.empty(n)
    crit_count = np.zeros(k)
    sum_x = np.zeros(k)
    sum_xx = np.zeros(k)
    sum_xy = np.zeros(k)
    work = None
    for start in range(0, n, chunk_size):
        size = min(chunk_size, n - start)
        d = _sample(rng, o, m, p, distribution, size)
        if work is None or work.shape != d.shape:
            work = np.empty_like(d)
        total, crit = _simulate(net, d, work)
        crit_count += crit
        durations[start:start + size] = total
        # one BLAS pass gives both sum(x) and sum(x * y) per activity
        both = d @ np.stack([np.ones(size), total], axis=1)
        sum_x += both[:, 0]
        sum_xy += both[:, 1]
        sum_xx += np.einsum("ij,ij->i", d, d)
    y_mean = durations.mean()
    y_sd = durations.std()
    x_mean = sum_x / n
    x_var = np.maximum(sum_xx / n - x_mean**2, 0.0)
    cov = sum_xy / n - x_mean * y_mean
    with np.errstate(divide="ignore", invalid="ignore"):
        corr = np.where((x_var > 1e-15 * np.maximum(1.0, x_mean**2)) & (y_sd > 0),
                        cov / np.sqrt(x_var) / y_sd, 0.0)
    corr = np.clip(corr, -1.0, 1.0)
    criticality = crit_count / n
    x_sd = np.sqrt(x_var)
    sensitivity = np.where(y_sd > 0, criticality * x_sd / (y_sd if y_sd > 0 else 1.0), 0.0)
    index = pd.Index(net.ids, name="id")
    crit_s = pd.Series(criticality, index=index, name="criticality")
    cruc_s = pd.Series(corr, index=index, name="cruciality")
    sens_s = pd.Series(sensitivity, index=index, name="sensitivity")
    table = pd.DataFrame({"mean": x_mean, "sd": x_sd, "expected": means, "expected_sd": sds,
                          "criticality": criticality, "cruciality": corr, "sensitivity": sensitivity},
                         index=index)
    if net.names is not None:
        table.insert(0, "name", net.names)
    deterministic = _cpm_from(net, means).duration
    return MonteCarloResult(durations, crit_s, cruc_s, sens_s, table, deterministic, distribution,
                            seed if not isinstance(seed, np.random.Generator) else "generator")


# ---------------------------------------------------------------------------------------
# calendar
# ---------------------------------------------------------------------------------------
def working_days_to_dates(days, start, *, holidays=()) -> pd.DatetimeIndex | pd.Timestamp:
    """Turn day offsets on a Monday-Friday calendar into dates.

    Offset 0 is ``start`` (rolled forward to a working day); offset 5 is one working week later.
    Fractional offsets are floored (a task that starts at day 2.5 starts on day 2's date).

    >>> working_days_to_dates([0, 5, 9.5], "2026-02-02").strftime("%Y-%m-%d").tolist()
    ['2026-02-02', '2026-02-09', '2026-02-13']
    """
    start_ts = pd.Timestamp(start)
    scalar = np.ndim(days) == 0
    arr = np.floor(np.asarray(days, dtype=float)).astype("int64").reshape(-1)
    base = np.busday_offset(np.datetime64(start_ts.date(), "D"), 0, roll="forward", holidays=list(holidays))
    out = np.busday_offset(base, arr, roll="forward", holidays=list(holidays))
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
    a = np.datetime64(pd.Timestamp(start).date(), "D")
    b = np.datetime64(pd.Timestamp(end).date(), "D")
    return int(np.busday_count(a, b, holidays=list(holidays)))

from .crash import CrashResult, FastTrackResult, crash, crash_greedy, fast_track  # noqa: E402

__all__ += ["crash", "CrashResult", "crash_greedy", "fast_track", "FastTrackResult"]
