"""Optimal portfolio selection (a 0/1 integer programme) and the rank-and-fund baseline."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._validate import (
    Real,
    Text,
    as_float_columns,
    as_frame,
    as_number,
    check_column_name,
    check_range,
    params,
    require_columns,
    require_known_ids,
    require_unique_ids,
)
from ..errors import InfeasibleError, InputError

__all__ = ["Selection", "select", "greedy_select"]


@dataclass
class Selection:
    """Result of :func:`select` / :func:`greedy_select`.

    Attributes
    ----------
    selected : list
        Ids of the funded candidates, in the input order.
    total_value, total_cost : float
        Sum of the value and of the ``cost`` column over the funded candidates.
    table : DataFrame
        One row per candidate (indexed by id): value, cost, every limited column,
        ``selected`` and ``reason`` (why it is in or out).
    constraints : DataFrame
        One row per constraint: ``kind`` (limit, exclusive, requires, share), ``used``,
        ``limit``, ``slack`` and ``binding``.
    gap : float
        Relative optimality gap reported by the solver (0 = proven optimal; NaN for greedy).
    method : str
        ``"optimal"`` (integer programme) or ``"greedy"``.
    """

    selected: list
    total_value: float
    total_cost: float
    table: pd.DataFrame
    constraints: pd.DataFrame
    gap: float = 0.0
    method: str = "optimal"
    value: str = "npv"
    cost: str = "cost"

    @property
    def binding(self) -> list:
        """Limits and category shares that are (nearly) used up: they decide what gets funded."""
        c = self.constraints
        return list(c.index[c["binding"] & c["kind"].isin(["limit", "share"])])

    def __str__(self):
        of = (f" of {self.constraints.loc[self.cost, 'limit']:,.0f}" if self.cost in self.constraints.index else "")
        return (f"{self.method} selection: {len(self.selected)} of {len(self.table)} funded "
                f"({', '.join(map(str, self.selected))}); {self.value} {self.total_value:,.1f}, "
                f"{self.cost} {self.total_cost:,.0f}{of}; binding: {', '.join(self.binding) or 'none'}")


@dataclass
class _Problem:
    """A validated selection problem in matrix form: maximise v.x s.t. A x <= b, lb <= x <= ub."""

    ids: pd.Index
    v: np.ndarray
    cost: np.ndarray
    usage: np.ndarray          # (k, n) resource usage of the limited columns
    limits: np.ndarray         # (k,)
    limit_names: list
    extra: object              # scipy.sparse.csr_matrix: other rows (exclusive groups, requires, category shares)
    extra_b: np.ndarray
    extra_names: list
    lb: np.ndarray
    ub: np.ndarray
    frame: pd.DataFrame
    value_name: str
    cost_name: str
    requires: dict = field(default_factory=dict)
    groups: list = field(default_factory=list)

    def a_ub(self, limits=None):
        from scipy import sparse

        top = sparse.csr_matrix(self.usage)
        return sparse.vstack([top, self.extra], format="csr"), np.concatenate(
            [self.limits if limits is None else limits, self.extra_b])


# ----------------------------------------------------------------------------------------
# building the problem, one named step at a time
# ----------------------------------------------------------------------------------------
def _as_id_list(value, name) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return list(value)
    raise InputError(f"{name} must be a list of ids, got {value!r}.")


def _limits(budget, cost: str) -> dict:
    """{column: limit} from a number (a limit on ``cost``) or a mapping; each finite and >= 0."""
    if isinstance(budget, Mapping):
        if not budget:
            raise InputError("budget is an empty dict: give {column: limit}.")
        out = {check_column_name(k, "budget (a column name)"): as_number(v, f"budget[{k!r}]") for k, v in budget.items()}
    else:
        out = {cost: as_number(budget, "budget")}
    for name, limit in out.items():
        if limit < 0:
            label = "budget" if not isinstance(budget, Mapping) else f"budget[{name!r}]"
            raise InputError(f"{label} = {limit:,.6g} is negative: a budget or capacity must be >= 0.")
    return out


def _candidate_table(candidates, columns) -> tuple[pd.DataFrame, pd.Index]:
    frame = as_frame(candidates, "candidates")
    if frame.empty:
        raise InputError("candidates is empty: give at least one candidate.")
    require_columns(frame, list(dict.fromkeys(columns)), "candidates")
    ids = pd.Index(frame["id"], name="id")
    if ids.isna().any():
        raise InputError(f"candidates: row {int(np.flatnonzero(ids.isna())[0])} has no id: give every row an id.")
    require_unique_ids(frame["id"], "candidates")
    return frame, ids


def _requirements(requires, ids: pd.Index) -> dict:
    """{id: [ids it needs]} from a dict or from a dependency table (project_id, predecessor_id)."""
    if requires is None:
        return {}
    if isinstance(requires, pd.DataFrame):
        require_columns(requires, ["project_id", "predecessor_id"], "requires")
        known = set(ids)
        links = requires[requires["project_id"].isin(known) & requires["predecessor_id"].isin(known)]
        return {k: list(g) for k, g in links.groupby("project_id", sort=False)["predecessor_id"]}
    if not isinstance(requires, Mapping):
        raise InputError("requires must be a dict {id: [ids it needs]} or a dependency table "
                         "(project_id, predecessor_id).")
    req = {k: _as_id_list(v, f"requires[{k!r}]") for k, v in requires.items()}
    require_known_ids(list(req), ids, "requires", what="candidate id")
    require_known_ids([j for v in req.values() for j in v], ids, "requires (needed ids)", what="candidate id")
    return req


def _groups(mutually_exclusive, ids) -> list[list]:
    if not mutually_exclusive:
        return []
    items = _as_id_list(mutually_exclusive, "mutually_exclusive")
    groups = [items] if all(isinstance(x, str) for x in items) else [
        _as_id_list(g, "mutually_exclusive group") for g in items]  # a single group given flat
    require_known_ids([j for g in groups for j in g], ids, "mutually_exclusive", what="candidate id")
    return [g for g in groups if len(g) >= 2]


def _closure(start: Iterable, requires: Mapping) -> list:
    seen = list(dict.fromkeys(start))
    stack = list(seen)
    while stack:
        for j in requires.get(stack.pop(), ()):
            if j not in seen:
                seen.append(j)
                stack.append(j)
    return seen


def _decisions(must, exclude, req, groups, ids):
    """Bounds of x: must-funds (and what they need) at 1, exclusions at 0; contradictions raise."""
    must = _as_id_list(must, "must")
    exclude = _as_id_list(exclude, "exclude")
    require_known_ids(must, ids, "must", what="candidate id")
    require_known_ids(exclude, ids, "exclude", what="candidate id")
    both = sorted(set(must) & set(exclude), key=str)
    if both:
        raise InputError(f"{', '.join(map(str, both))} is both in must and in exclude: choose one.")
    must_all = _closure(must, req)
    blocked = [j for j in must_all if j in set(exclude)]
    if blocked:
        raise InfeasibleError(f"must-fund projects need {', '.join(map(str, blocked))} (through requires), which is "
                              "excluded: drop it from exclude or the project that needs it from must.")
    for g in groups:
        inside = [j for j in g if j in set(must_all)]
        if len(inside) > 1:
            raise InfeasibleError(f"{', '.join(map(str, inside))} must all be funded but are mutually exclusive: "
                                  "keep at most one of them in must.")
    lb, ub = np.zeros(len(ids)), np.ones(len(ids))
    lb[ids.get_indexer(must_all)] = 1
    ub[ids.get_indexer(exclude)] = 0
    return lb, ub, must_all


def _share_bounds(category_limits, cats) -> list[tuple]:
    """(category, lo, hi) with each share a fraction in [0, 1] and lo <= hi."""
    if not isinstance(category_limits, Mapping):
        raise InputError("category_limits must be a dict {category: (min_share, max_share)}.")
    out = []
    for cat, bounds in category_limits.items():
        try:
            lo, hi = bounds
        except (TypeError, ValueError):
            raise InputError(f"category_limits[{cat!r}] must be (min_share, max_share); use None for no bound.") from None
        if cat not in set(cats):
            raise InputError(f"category_limits names category {cat!r}, which no candidate has; "
                             f"categories found: {', '.join(sorted(set(cats)))}.")
        shares = []
        for share, word in ((lo, "min"), (hi, "max")):
            if share is not None:
                share = as_number(share, f"category_limits[{cat!r}] {word} share")
                check_range(share, f"category_limits[{cat!r}] {word} share (a fraction)", ge=0, le=1)
            shares.append(share)
        if shares[0] is not None and shares[1] is not None and shares[0] > shares[1]:
            raise InputError(f"category_limits[{cat!r}]: the minimum share {shares[0]:g} is above the maximum "
                             f"{shares[1]:g}; no selection can meet both.")
        out.append((cat, *shares))
    return out


def _rule_rows(groups, req, ids, shares, cats, cost):
    """The sparse rows of every rule other than the limits: exclusive groups, requires, shares."""
    from scipy import sparse  # imported on first use: keeps `import pmlib` fast

    rows, cols, vals, b, names = [], [], [], [], []
    for g in groups:
        idx = ids.get_indexer(g)
        rows.append(np.full(len(idx), len(b)))
        cols.append(idx)
        vals.append(np.ones(len(idx)))
        b.append(1.0)
        names.append("at most one of " + ", ".join(map(str, g)))
    pairs = [(i, j) for i, js in req.items() for j in js if i != j]
    if pairs:
        k = np.arange(len(b), len(b) + len(pairs))
        rows += [k, k]
        cols += [ids.get_indexer([p[0] for p in pairs]), ids.get_indexer([p[1] for p in pairs])]
        vals += [np.ones(len(pairs)), -np.ones(len(pairs))]
        b += [0.0] * len(pairs)
        names += [f"{i} needs {j}" for i, j in pairs]
    for cat, lo, hi in shares:
        member = (cats == cat).astype(float)
        for share, sign, op in ((lo, -1.0, ">="), (hi, 1.0, "<=")):
            if share is None:
                continue
            coef = sign * (member - share) * cost
            nz = np.flatnonzero(coef)
            rows.append(np.full(len(nz), len(b)))
            cols.append(nz)
            vals.append(coef[nz])
            b.append(0.0)
            names.append(f"{cat} share {op} {share:.0%}")
    if not b:
        return sparse.csr_matrix((0, len(ids))), np.zeros(0), []
    extra = sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                              shape=(len(b), len(ids)))
    return extra, np.asarray(b, dtype=float), names


def _build(candidates, budget, value, cost, must, exclude, mutually_exclusive, requires,
           category, category_limits) -> _Problem:
    limits = _limits(budget, cost)
    limit_names = list(limits)
    numeric = list(dict.fromkeys([value, cost] + limit_names))
    frame, ids = _candidate_table(candidates, ["id"] + numeric + ([category] if category_limits else []))
    block = as_float_columns(frame, numeric, "candidates", labels=ids)
    for k, col in enumerate(numeric[1:], start=1):
        check_range(block[:, k], f"candidates.{col} (a candidate's use of a limited resource)", ge=0, labels=ids)
    usage = block[:, [numeric.index(n) for n in limit_names]].T
    req = _requirements(requires, ids)
    groups = _groups(mutually_exclusive, ids)
    lb, ub, must_all = _decisions(must, exclude, req, groups, ids)
    lim = np.array([limits[n] for n in limit_names])
    if must_all:  # must-funds alone exceeding a limit: say so before solving
        need = usage[:, ids.get_indexer(must_all)].sum(axis=1)
        over = need > lim + 1e-9
        if over.any():
            k = int(np.flatnonzero(over)[0])
            raise InfeasibleError(
                f"the must-fund projects {', '.join(map(str, must_all))} alone need {need[k]:,.6g} of "
                f"{limit_names[k]!r}, more than the limit {lim[k]:,.6g}: raise the budget or drop one from must.")
    cats = frame[category].astype(str).to_numpy() if category_limits else None
    shares = _share_bounds(category_limits, cats) if category_limits else []
    c = block[:, numeric.index(cost)]
    extra, extra_b, names = _rule_rows(groups, req, ids, shares, cats, c)
    return _Problem(ids, block[:, 0], c, usage, lim, limit_names, extra, extra_b, names, lb, ub,
                    frame, value, cost, req, groups)


# ----------------------------------------------------------------------------------------
# solving and explaining
# ----------------------------------------------------------------------------------------
def _solve(prob: _Problem, limits=None, *, time_limit=None, mip_rel_gap=1e-4, lb=None, ub=None):
    from scipy import optimize

    a, b = prob.a_ub(limits)
    options = {"mip_rel_gap": mip_rel_gap, "disp": False}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    return optimize.milp(-prob.v, integrality=np.ones(len(prob.v)),
                         bounds=optimize.Bounds(prob.lb if lb is None else lb, prob.ub if ub is None else ub),
                         constraints=[optimize.LinearConstraint(a, -np.inf, b)] if a.shape[0] else None,
                         options=options)


def _infeasible_message(prob: _Problem) -> str:
    return ("no selection satisfies every constraint at once (the must-funds with their dependencies, the "
            "category shares and the limits " + ", ".join(prob.limit_names) + "): relax a share, a limit or "
            "a must-fund.")


def _constraints_table(prob: _Problem, x: np.ndarray, limits: np.ndarray) -> pd.DataFrame:
    used = prob.usage @ x
    slack = limits - used
    tol = 1e-6 * np.maximum(1.0, np.abs(limits))
    # a limit binds when it is used up, or when too little is left for any candidate still out
    out = ~x & (prob.ub > 0)
    min_other = np.where(out, prob.usage, np.inf).min(axis=1) if out.any() else np.full(len(limits), np.inf)
    binding = (slack <= tol) | ((min_other > slack + tol) & np.isfinite(min_other) & (slack < 0.05 * np.abs(limits)))
    cons = pd.DataFrame({"kind": "limit", "used": used, "limit": limits, "slack": slack, "binding": binding},
                        index=pd.Index(prob.limit_names, name="constraint"))
    if prob.extra.shape[0]:
        lhs = prob.extra @ x.astype(float)
        names = pd.Series(prob.extra_names)
        kind = np.where(names.str.startswith("at most one of"), "exclusive",
                        np.where(names.str.contains(" needs "), "requires", "share"))
        ex = pd.DataFrame({"kind": kind, "used": lhs, "limit": prob.extra_b, "slack": prob.extra_b - lhs,
                           "binding": np.abs(prob.extra_b - lhs) <= 1e-6},
                          index=pd.Index(prob.extra_names, name="constraint"))
        cons = pd.concat([cons, ex])
    return cons


def _finish(prob: _Problem, x: np.ndarray, gap: float, method: str, reasons=None) -> Selection:
    x = np.asarray(np.round(x), dtype=bool)
    cons = _constraints_table(prob, x, prob.limits)
    table = prob.frame.set_index("id").copy()
    table["selected"] = x
    table["reason"] = _reasons(prob, x, prob.limits - prob.usage @ x) if reasons is None else reasons
    return Selection(list(prob.ids[x]), float(prob.v[x].sum()), float(prob.cost[x].sum()), table, cons,
                     float(gap), method, prob.value_name, prob.cost_name)


def _num(x: float) -> str:
    """1,200 for money-sized numbers, 0.5 for FTE-sized ones."""
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def _reasons(prob: _Problem, x: np.ndarray, slack: np.ndarray) -> np.ndarray:
    reason = np.full(len(prob.ids), "", dtype=object)
    must, excl = prob.lb > 0, prob.ub < 1
    reason[x & must] = "funded: must fund"
    reason[x & ~must] = "funded: part of the best-value combination"
    reason[~x & excl] = "not funded: excluded"
    pos = {k: i for i, k in enumerate(prob.ids)}
    for i, js in prob.requires.items():  # one line per dependency rule (a few), not per candidate
        missing = [j for j in js if not x[pos[j]]]
        if not x[pos[i]] and not reason[pos[i]] and missing:
            reason[pos[i]] = f"not funded: needs {', '.join(map(str, missing))}, which is not funded"
    for g in prob.groups:
        chosen = [j for j in g if x[pos[j]]]
        for j in g if chosen else ():
            if not x[pos[j]] and not reason[pos[j]]:
                reason[pos[j]] = f"not funded: mutually exclusive with {chosen[0]}, which is funded"
    left = np.flatnonzero(~x & (reason == ""))
    if len(left):
        over = prob.usage[:, left] > slack[:, None] + 1e-9
        first = np.argmax(over, axis=0)
        fits = ~over.any(axis=0)
        for k, f, ok in zip(left, first, fits, strict=True):
            if not ok:
                reason[k] = (f"not funded: needs {_num(prob.usage[f, k])} of {prob.limit_names[f]}, only "
                             f"{_num(max(slack[f], 0))} left")
            elif prob.v[k] <= 0:
                reason[k] = "not funded: adds no value (value <= 0)"
            else:
                reason[k] = "not funded: would break a category share limit"
    return reason


@params(value=Text(), cost=Text(), category=Text(), time_limit=Real(gt=0, allow_none=True),
        mip_rel_gap=Real(ge=0, le=1))
def select(candidates, budget, value="npv", cost="cost", must=(), exclude=(), mutually_exclusive=(),
           requires=None, *, category="category", category_limits=None, time_limit=None,
           mip_rel_gap=1e-4) -> Selection:
    """Optimal portfolio selection: the exact 0/1 integer programme (capital budgeting).

        maximise    sum_k value_k x_k
        subject to  sum_k use_rk x_k <= limit_r          for each limited column r
                    sum_{k in G} x_k <= 1                for each mutually exclusive group G
                    x_i <= x_j                           when i requires j
                    lo_c <= share of `cost` in category c <= hi_c   (strategic buckets)
                    x_k = 1 (must), x_k = 0 (exclude),  x_k in {0, 1}

    This is Weingartner's (1963) capital-budgeting model, a multi-dimensional knapsack, solved
    exactly by branch and bound (HiGHS, through :func:`scipy.optimize.milp`).

    Parameters
    ----------
    candidates : DataFrame or list of dicts
        One row per candidate, with a unique ``id`` column and the ``value`` and ``cost``
        columns (plus any column named in ``budget``), finite numbers. Not modified.
    budget : number or mapping {column: limit}
        A number limits the ``cost`` column (k$). A dict limits several columns at once:
        money per year, FTE per skill (e.g. ``{"cost": 6000, "fte_data_scientist_2027": 4}``).
        Each limit finite and >= 0.
    value : str
        Column to maximise (e.g. ``npv``, a strategic score).
    cost : str
        Column of the money each candidate needs (k$, >= 0); reported as ``total_cost``.
    must, exclude : iterable of ids
        Candidates that must be funded (with whatever they require) / must not be.
    mutually_exclusive : iterable of iterables of ids
        Groups of alternatives: at most one of each group is funded.
    requires : mapping {id: [ids it needs]} or DataFrame
        A candidate can be funded only if every id it needs is funded. A dependency table
        (``project_id`` waits for ``predecessor_id``, as ``project_dependencies.csv``) works
        too: its links between two candidates are used, links to other work are already met.
    category, category_limits : str, mapping {category: (min_share, max_share)}
        Strategic buckets: the share of the selected ``cost`` in each category (fractions in
        [0, 1], min <= max; ``None`` for no bound).
    time_limit : float, optional
        Seconds for the solver (> 0); the result's ``gap`` says how far from proven optimal.
    mip_rel_gap : float
        Relative optimality gap at which the solver stops, in [0, 1] (default 1e-4, HiGHS'
        own default: within 0.01 % of the proven optimum; 0 insists on proof).

    Returns
    -------
    Selection
        ``.selected`` (ids), ``.total_value``, ``.total_cost``, ``.table`` (per candidate:
        selected or not and why), ``.constraints`` (used, limit, slack, binding), ``.binding``,
        ``.gap``.

    Raises
    ------
    MissingColumnError
        A needed column is missing (the message lists the columns found).
    InputError
        A negative or non-finite budget, NaN / text / booleans in a used column (names the row),
        duplicate ids, unknown ids in must / exclude / requires / mutually_exclusive, an id both
        in must and exclude, a category minimum above its maximum, a bad solver setting.
    InfeasibleError
        The must-funds alone exceed a limit, or no selection meets every constraint.

    Examples
    --------
    Hillier and Lieberman's California Manufacturing Company: factory in LA (NPV 9, capital 6),
    factory in SF (5, 3), warehouse in LA (6, 5), warehouse in SF (4, 2); 10 of capital; at most
    one warehouse, and a warehouse only where a factory is built. Optimum: both factories, NPV 14.

    >>> cmc = pd.DataFrame({"id": ["FLA", "FSF", "WLA", "WSF"], "npv": [9, 5, 6, 4],
    ...                     "cost": [6, 3, 5, 2]})
    >>> s = select(cmc, 10, mutually_exclusive=[["WLA", "WSF"]],
    ...            requires={"WLA": ["FLA"], "WSF": ["FSF"]})
    >>> s.selected, s.total_value, s.total_cost
    (['FLA', 'FSF'], 14.0, 9.0)

    References
    ----------
    H. M. Weingartner, *Mathematical Programming and the Analysis of Capital Budgeting
    Problems*, 1963; F. S. Hillier and G. J. Lieberman, *Introduction to Operations Research*,
    section 12.1 (California Manufacturing Co.); PMI, *The Standard for Portfolio Management*.
    """
    prob = _build(candidates, budget, value, cost, must, exclude, mutually_exclusive, requires,
                  category, category_limits)
    res = _solve(prob, time_limit=time_limit, mip_rel_gap=mip_rel_gap)
    if res.x is None:
        if res.status == 2:
            raise InfeasibleError(_infeasible_message(prob))
        raise InfeasibleError(f"the solver found no selection ({res.message}); give it more time_limit.")
    return _finish(prob, res.x, float(getattr(res, "mip_gap", 0.0) or 0.0), "optimal")


@params(value=Text(), cost=Text(), rank_by=Text(allow_none=True))
def greedy_select(candidates, budget, value="npv", cost="cost", must=(), exclude=(), *,
                  rank_by=None) -> Selection:
    """The common practice baseline: rank, then fund down the list until the money runs out.

    Must-funds go first; then candidates in ``rank_by`` order (highest first) are funded while
    every limit still holds; the first candidate that does not fit draws the **cut line** and
    nothing below it is funded. Dependencies and mutually exclusive groups are not considered
    (that is part of what the ranking approach misses). Compare with :func:`select`.

    Parameters
    ----------
    candidates, budget, value, cost, must, exclude
        As in :func:`select`.
    rank_by : str, optional
        Column to rank by (default ``value``); ``"ratio"`` ranks by value per unit of ``cost``
        (the profitability-index ranking).

    Returns
    -------
    Selection
        ``method == "greedy"``; the table's ``reason`` gives each candidate's rank.

    Examples
    --------
    >>> cmc = pd.DataFrame({"id": ["A", "B", "C"], "npv": [10, 7, 6], "cost": [6, 4, 3]})
    >>> greedy_select(cmc, 8).selected, select(cmc, 8).selected
    (['A'], ['B', 'C'])
    """
    prob = _build(candidates, budget, value, cost, must, exclude, (), None, "category", None)
    n = len(prob.ids)
    if rank_by is None or rank_by == value:
        key = prob.v
    elif rank_by == "ratio":
        with np.errstate(divide="ignore", invalid="ignore"):
            key = np.where(prob.cost > 0, prob.v / np.where(prob.cost > 0, prob.cost, 1), np.inf * np.sign(prob.v))
    else:
        key = as_float_columns(prob.frame, [rank_by], "candidates", labels=prob.ids)[:, 0]
    must, allowed = prob.lb > 0, prob.ub > 0
    order = np.lexsort((np.arange(n), -key, ~must))  # musts first, then by key descending; stable
    order = order[allowed[order]]
    fits = (np.cumsum(prob.usage[:, order], axis=1) <= prob.limits[:, None] + 1e-9).all(axis=0)
    stop = int(np.argmin(fits)) if not fits.all() else len(order)
    x = np.zeros(n, dtype=bool)
    x[order[:stop]] = True
    rank = np.empty(n, dtype=int)
    rank[order] = np.arange(1, len(order) + 1)
    reasons = np.where(x, "funded: rank " + rank.astype(str) + " is above the cut line",
                       "not funded: rank " + rank.astype(str) + " is below the cut line").astype(object)
    reasons[~allowed] = "not funded: excluded"
    return _finish(prob, x, float("nan"), "greedy", reasons)
