"""The activity network: predecessor notation, link types, topological order, cycles.

Relationships (PMBOK Guide, "precedence diagramming method"), with S = start and F = finish
of the predecessor *i* and the successor *j*:

====  ============================  =================  ===========  =========
type  meaning                       bound              from finish  to finish
====  ============================  =================  ===========  =========
FS    j cannot start until i ends   S_j >= F_i + lag   1            0
SS    j cannot start until i starts S_j >= S_i + lag   0            0
FF    j cannot end until i ends     F_j >= F_i + lag   1            1
SF    j cannot end until i starts   F_j >= S_i + lag   0            1
====  ============================  =================  ===========  =========

The two last columns are the one coefficient table every pass uses (:data:`FROM_FINISH`,
:data:`TO_FINISH`): with d the durations, a link bounds the successor's start by
``S_j >= S_i + FROM_FINISH * d_i + lag - TO_FINISH * d_j`` -- the CPM forward and backward
passes, free float, the critical paths and the Monte Carlo passes all read it, so the four
types are encoded once.

Building a network is linear in activities plus links: the predecessor cells are split and
looked up in a dictionary (a regular expression only reads tokens with a type or a lag), and
the topological order is Kahn's algorithm (or the input order itself when every predecessor
comes first, checked in one vectorised comparison).
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
import pandas as pd

from .._validate import as_frame, require_columns
from ..errors import CycleError, DuplicateIdError, InputError, UnknownIdError

__all__ = ["RELATIONSHIP_TYPES", "FROM_FINISH", "TO_FINISH", "parse_predecessors", "topological_order"]

#: The four precedence relationship types of the precedence diagramming method.
RELATIONSHIP_TYPES = ("FS", "SS", "FF", "SF")
_TYPE_CODE = {t: i for i, t in enumerate(RELATIONSHIP_TYPES)}
#: 1 where the link starts from the predecessor's finish (FS, FF), by type code.
FROM_FINISH = np.array([1, 0, 1, 0], dtype=np.int8)
#: 1 where the link bounds the successor's finish (FF, SF), by type code.
TO_FINISH = np.array([0, 0, 1, 1], dtype=np.int8)

_TOKEN = re.compile(
    r"^(?P<id>.+?)\s*(?::\s*(?P<type>[A-Za-z]{2}))?\s*(?P<lag>[+-]\s*\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)?$"
)


# ---------------------------------------------------------------------------------------
# the predecessor notation
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
        if isinstance(token, bool | np.bool_):
            raise InputError(f"activity {activity!r}: predecessor {token!r} is a boolean, not an activity id.")
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
        raise UnknownIdError(
            f"activity {activity!r}: predecessor {pid!r} (from {token!r}) is not an activity id; "
            f"known ids: {', '.join(map(str, list(known)[:40]))}{' ...' if len(known) > 40 else ''}."
        )
    value = float(lag.replace(" ", "")) if lag else 0.0
    if not math.isfinite(value):
        raise InputError(f"activity {activity!r}: the lag in {token!r} is not a finite number.")
    return (pid, typ, value)


def _tokens(value) -> list:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return []
        tokens = text.split(",")
        if tokens and not tokens[-1].strip():  # tolerate a trailing comma
            tokens = tokens[:-1]
        return tokens
    if isinstance(value, Iterable) and not isinstance(value, bytes | Mapping):
        return list(value)
    if _is_missing(value):
        return []
    return [value]


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
    known = set(known) if known is not None else None
    out = [_parse_token(t, activity, known) for t in _tokens(value)]
    for pid, _typ, _lag in out:
        if pid == activity:
            raise CycleError(f"activity {activity!r} lists itself as a predecessor (cycle {activity} -> {activity}).",
                             cycle=[activity, activity])
    return out


# ---------------------------------------------------------------------------------------
# the network
# ---------------------------------------------------------------------------------------
@dataclass
class _Network:
    """Activities (positions 0..n-1) and links as parallel arrays, in a topological order."""

    ids: list
    names: list | None
    frame: pd.DataFrame                 # the validated copy of the input
    pred: np.ndarray                    # per link: predecessor position
    succ: np.ndarray                    # per link: successor position
    code: np.ndarray                    # per link: type code (index in RELATIONSHIP_TYPES)
    lag: np.ndarray                     # per link: lag in the duration unit
    order: np.ndarray                   # topological order (positions)
    _lists: tuple | None = field(default=None, repr=False)

    @property
    def n(self) -> int:
        return len(self.ids)

    def _adjacency(self):
        if self._lists is None:
            preds: list = [[] for _ in self.ids]
            succs: list = [[] for _ in self.ids]
            for i, k, c, lag in zip(self.pred.tolist(), self.succ.tolist(), self.code.tolist(),
                                    self.lag.tolist(), strict=True):
                preds[k].append((i, c, lag))
                succs[i].append((k, c, lag))
            self._lists = (preds, succs)
        return self._lists

    @property
    def preds(self) -> list:
        """Per position: list of (predecessor position, type code, lag)."""
        return self._adjacency()[0]

    @property
    def succs(self) -> list:
        """Per position: list of (successor position, type code, lag)."""
        return self._adjacency()[1]

    @property
    def edges(self) -> list:
        """(predecessor, successor, type code, lag) per link, in input order."""
        return list(zip(self.pred.tolist(), self.succ.tolist(), self.code.tolist(), self.lag.tolist(), strict=True))


def _frame(activities, name="activities") -> pd.DataFrame:
    if isinstance(activities, pd.DataFrame) and "id" not in activities.columns and activities.index.name == "id":
        activities = activities.reset_index()
    # a shallow copy: columns are replaced, never written into, so the caller's frame is untouched
    df = activities.copy(deep=False) if isinstance(activities, pd.DataFrame) else as_frame(activities, name)
    if df.empty:
        raise InputError(f"{name} is empty: give at least one activity (id, duration, predecessors).")
    require_columns(df, ["id"], name)
    if "predecessors" not in df.columns:
        df["predecessors"] = None
    ids = df["id"].tolist()
    kind = pd.api.types.infer_dtype(ids, skipna=False)
    if kind == "string":                        # the common case: no per-value type checks
        ids = list(map(str.strip, ids))
    elif kind != "integer":
        missing = next((k for k, i in enumerate(ids) if _is_missing(i)), None)
        if missing is not None:
            raise InputError(f"{name}: row {missing} has no id; give every activity an id.")
        bad = next((i for i in ids if isinstance(i, bool | np.bool_ | float) and not isinstance(i, np.integer)
                    and not (isinstance(i, float) and i.is_integer())), None)
        if bad is not None:
            raise InputError(f"{name}: id {bad!r} is not usable as an activity id; use text or whole numbers.")
        ids = [i.strip() if isinstance(i, str) else i for i in ids]
    df["id"] = pd.Series(ids, index=df.index, dtype=object)
    if pd.Index(ids, dtype=object).has_duplicates:
        ser = pd.Series(ids, dtype=object)
        dup = ser[ser.duplicated()].unique().tolist()
        raise DuplicateIdError(f"{name} has duplicate activity id(s) {', '.join(map(str, dup))}: each id must be unique.")
    return df


def _split_cells(cells) -> tuple[list, np.ndarray]:
    """Predecessor cells -> (stripped tokens, owner position of each token), in a few C-level passes."""
    cells = cells.tolist() if isinstance(cells, pd.Series) else list(cells)
    kind = pd.api.types.infer_dtype(cells, skipna=True) if cells else "empty"
    if kind in ("string", "empty"):                 # text cells and missing ones (None, NaN, NA)
        keep = [k for k, c in enumerate(cells) if type(c) is str and c and not c.isspace()]
        full = [cells[k] for k in keep]
        joined = "\x00".join(full)
        if joined.count("\x00") == max(len(full) - 1, 0):
            # cells joined by NUL, tokens by commas: the owner of each token is the number of NULs
            # before it, counted on the bytes (both are one byte in UTF-8) without a Python loop
            code = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
            seps = code[(code == 44) | (code == 0)]
            cell_of_comma = np.cumsum(seps == 0)[seps == 44]
            counts = np.bincount(cell_of_comma, minlength=len(full)) + 1 if full else np.zeros(0, np.int64)
            joined = joined.replace("\x00", ",")
        else:                                   # a cell holds a NUL character itself
            counts = np.array([c.count(",") + 1 for c in full], dtype=np.int64)
            joined = ",".join(full)
        owner = np.repeat(np.asarray(keep, dtype=np.int64), counts)
        if " " in joined:
            joined = joined.replace(", ", ",")
        tokens = joined.split(",") if full else []
        if " " in joined or "\t" in joined or "\n" in joined:
            tokens = list(map(str.strip, tokens))
        if "" not in tokens:
            return tokens, owner
        # an empty token: fine after a trailing comma, an error anywhere else
        ends = set((np.cumsum(counts) - 1).tolist())
        drop = {t for t, tok in enumerate(tokens) if tok == "" and t in ends}
        if len(drop) == tokens.count(""):
            kept = [t for t in range(len(tokens)) if t not in drop]
            return [tokens[t] for t in kept], owner[kept]
    tokens, owner = [], []
    for k, cell in enumerate(cells):
        toks = _tokens(cell)
        tokens.extend(toks)
        owner.extend([k] * len(toks))
    return tokens, np.asarray(owner, dtype=np.int64)


def _network(activities, name="activities") -> _Network:
    """Validate an activity table and build its network (links parsed from ``predecessors``)."""
    df = _frame(activities, name)
    ids = df["id"].tolist()
    pred, succ, code, lag = _parse_links(ids, df["predecessors"])
    names = df["name"].tolist() if "name" in df.columns else None
    return _build(ids, names, df, pred, succ, code, lag, name)


def _parse_links(ids: list, cells):
    """(pred, succ, type code, lag) arrays from the predecessor cells: ids found by hashing, the
    notation parsed only for tokens that are not plain ids."""
    tokens, owner = _split_cells(cells)
    n_tok = len(tokens)
    pred = np.full(n_tok, -1, dtype=np.int64)
    code = np.zeros(n_tok, dtype=np.int8)
    lag = np.zeros(n_tok, dtype=float)
    if n_tok:
        pos = dict(zip(ids, range(len(ids)), strict=True))
        try:
            pred[:] = list(map(pos.get, tokens, repeat(-1)))
        except TypeError:       # unhashable tokens: the checks below name them
            pass
    miss = np.flatnonzero(pred < 0).tolist()
    if miss:
        pos = {a: k for k, a in enumerate(ids)}
        # numeric ids may be referred to as text ("1, 2" in a CSV): map the text back to the id
        by_text = {str(a): k for k, a in enumerate(ids) if not isinstance(a, str)}
        known = None
        for t in miss:
            tok = tokens[t]
            i = None
            if type(tok) is str:
                key = tok.strip()
                i = pos.get(key)
                if i is None:
                    i = by_text.get(key)
            elif not isinstance(tok, bool | np.bool_) and not _is_missing(tok):
                try:
                    i = pos.get(tok)
                except TypeError:
                    i = None
                if i is None:
                    i = by_text.get(str(tok))
            if i is not None:
                pred[t] = i
                continue
            if known is None:
                known = set(pos) | set(by_text)
            pid, typ, value = _parse_token(tok, ids[int(owner[t])], known)
            pred[t] = pos[pid] if pid in pos else by_text[pid]
            code[t] = _TYPE_CODE[typ]
            lag[t] = value
    succ = np.asarray(owner, dtype=np.int64)
    return pred, succ, code, lag


def _build(ids, names, frame, pred, succ, code, lag, name="activities") -> _Network:
    """Check the links (self-links, duplicates) and order the activities topologically."""
    selfish = pred == succ
    if selfish.any():
        a = ids[int(succ[np.flatnonzero(selfish)[0]])]
        raise CycleError(f"activity {a!r} lists itself as a predecessor (cycle {a} -> {a}).", cycle=[a, a])
    key = (succ * len(ids) + pred) * 4 + code
    if pred.size and pd.Index(key).has_duplicates:      # a hash table, no sort
        srt = np.sort(key)
        dup = srt[1:] == srt[:-1]
        if dup.any():
            k = int(srt[1:][dup][0])
            a, p = ids[k // 4 // len(ids)], ids[k // 4 % len(ids)]
            raise InputError(f"{name}: activity {a!r} lists predecessor {p!r} twice with the same type "
                             f"({RELATIONSHIP_TYPES[k % 4]}); keep one relationship (two links of different "
                             "types, e.g. SS and FF, are fine).")
    order = _order(ids, pred, succ)
    return _Network(ids, names, frame, pred, succ, code, lag, order)


def _order(ids, pred: np.ndarray, succ: np.ndarray) -> np.ndarray:
    """A topological order: the input order when every predecessor comes first, else Kahn's."""
    n = len(ids)
    if not pred.size or bool((pred < succ).all()):
        return np.arange(n, dtype=np.intp)
    indeg = np.bincount(succ, minlength=n).tolist()
    by_pred = np.argsort(pred, kind="stable")
    starts = np.searchsorted(pred[by_pred], np.arange(n + 1)).tolist()
    out_succ = succ[by_pred].tolist()
    ready = deque(k for k in range(n) if indeg[k] == 0)
    order = []
    append = order.append
    while ready:
        k = ready.popleft()
        append(k)
        for t in range(starts[k], starts[k + 1]):
            j = out_succ[t]
            indeg[j] -= 1
            if not indeg[j]:
                ready.append(j)
    if len(order) < n:
        done = np.zeros(n, bool)
        done[order] = True
        cycle = _find_cycle(ids, pred, succ, done)
        raise CycleError(
            "activities has a cycle: " + " -> ".join(map(str, cycle))
            + ". A chain of predecessors leads back to its start; remove one of these links.",
            cycle=cycle,
        )
    return np.asarray(order, dtype=np.intp)


def _find_cycle(ids, pred, succ, done) -> list:
    """Follow predecessor links inside the unsorted remainder until a node repeats."""
    preds: dict = {}
    for i, k in zip(pred.tolist(), succ.tolist(), strict=True):
        if not done[i] and not done[k]:
            preds.setdefault(k, []).append(i)
    start = min(k for k in range(len(ids)) if not done[k])
    path, where = [], {}
    k = start
    while k not in where:
        where[k] = len(path)
        path.append(k)
        k = preds[k][0]
    loop = path[where[k]:][::-1]          # predecessor -> successor order
    first = loop.index(min(loop))         # start at the activity listed first in the input
    loop = loop[first:] + loop[:first]
    return [ids[i] for i in loop] + [ids[loop[0]]]


def topological_order(ids, predecessors, successors, *, name="links") -> list:
    """Ids in an order where every link's predecessor comes before its successor.

    The one cycle check of pmlib (the schedule and the program's project network use it).

    Parameters
    ----------
    ids : sequence of ids
        The nodes (unique).
    predecessors, successors : sequences of ids, same length
        One link per position: ``predecessors[k]`` must come before ``successors[k]``.
    name : str
        What the links are called in error messages.

    Raises
    ------
    UnknownIdError
        A link names an id that is not in ``ids``.
    CycleError
        The links form a loop; ``.cycle`` lists it, e.g. ``['A', 'B', 'C', 'A']``.

    >>> topological_order(["C", "B", "A"], ["A", "B"], ["B", "C"])
    ['A', 'B', 'C']
    """
    ids = list(ids)
    pos = {a: k for k, a in enumerate(ids)}
    if len(pos) != len(ids):
        raise DuplicateIdError(f"{name}: the ids are not unique.")
    preds, succs = list(predecessors), list(successors)
    if len(preds) != len(succs):
        raise InputError(f"{name}: predecessors and successors must have the same length.")
    unknown = [x for x in preds + succs if x not in pos]
    if unknown:
        raise UnknownIdError(f"{name} refer to unknown id(s) {', '.join(map(str, dict.fromkeys(unknown)))}.")
    p = np.array([pos[x] for x in preds], dtype=np.int64)
    s = np.array([pos[x] for x in succs], dtype=np.int64)
    selfish = p == s
    if selfish.any():
        a = ids[int(p[np.flatnonzero(selfish)[0]])]
        raise CycleError(f"{name}: {a!r} depends on itself (cycle {a} -> {a}).", cycle=[a, a])
    try:
        order = _order(ids, p, s)
    except CycleError as exc:
        raise CycleError(str(exc).replace("activities has a cycle", f"{name} form a cycle"), cycle=exc.cycle) from None
    return [ids[k] for k in order.tolist()]
