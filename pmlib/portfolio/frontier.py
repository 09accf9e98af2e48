"""Efficient frontier: the best total value reachable at each budget level."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._validate import Integer, Real, Text, as_float_array, as_float_columns, check_range, params
from ..errors import InputError
from .selection import _build, _candidate_table, _Problem, _solve

__all__ = ["efficient_frontier"]

#: Up to this many candidates the frontier enumerates every combination (2**14 = 16,384):
#: exact, vectorised, and faster than one solver call per level.
_ENUMERATE_UP_TO = 14

_EMPTY_ROW = (np.nan, np.nan, 0, [], np.nan)


def _greedy_fill(prob: _Problem, x: np.ndarray, limits, ub, passes: int = 12) -> np.ndarray:
    """Add unselected candidates (best value per unit of scarce resource first) while they fit.

    Only candidates outside every exclusive group, dependency and share row are added, so the
    result stays feasible whenever ``x`` is. Vectorised: each pass funds the longest prefix of
    the ratio order that fits, then drops the first candidate that does not.
    """
    x = x.copy()
    free_of_rules = (np.asarray(abs(prob.extra).sum(axis=0)).ravel() == 0 if prob.extra.shape[0]
                     else np.ones(len(x), bool))
    pool = np.flatnonzero((x < 0.5) & (ub > 0.5) & free_of_rules & (prob.v > 0))
    if not len(pool):
        return x
    scale = np.where(limits > 0, limits, 1.0)
    weight = (prob.usage[:, pool] / scale[:, None]).sum(axis=0)
    ratio = np.where(weight > 0, prob.v[pool] / np.where(weight > 0, weight, 1), np.inf)
    pool = pool[np.argsort(-ratio, kind="stable")]
    slack = limits - prob.usage @ x
    for _ in range(passes):
        if not len(pool):
            break
        fits = (np.cumsum(prob.usage[:, pool], axis=1) <= slack[:, None] + 1e-9).all(axis=0)
        stop = int(np.argmin(fits)) if not fits.all() else len(pool)
        x[pool[:stop]] = 1
        slack = slack - prob.usage[:, pool[:stop]].sum(axis=1)
        rest = pool[stop + 1:]
        pool = rest[(prob.usage[:, rest] <= slack[:, None] + 1e-9).all(axis=0)]
    return x


def _knapsack_lp(v, w, cap, lb, ub):
    """LP relaxation of a one-constraint knapsack by Dantzig's greedy rule, with its reduced costs.

    Free items go in by value per unit of weight until the capacity is used; the next one goes in
    fractionally, and its ratio is the dual price lambda of the capacity. Reduced costs of the
    minimisation form (min -v.x) are ``lambda * w - v``. None when the items fixed at 1 alone
    exceed the capacity. G. B. Dantzig, "Discrete-variable extremum problems", Operations
    Research 5, 1957.
    """
    x = lb.astype(float)
    room = cap - w @ x
    if room < -1e-9:
        return None
    free = lb < ub
    x[free & (w <= 0) & (v > 0)] = 1.0
    cand = np.flatnonzero(free & (w > 0) & (v > 0))
    with np.errstate(over="ignore"):  # a tiny weight: an infinite ratio, taken first
        order = cand[np.argsort(-(v[cand] / w[cand]), kind="stable")]
    cum = np.cumsum(w[order])
    k = int(np.searchsorted(cum, room + 1e-12, side="right"))
    x[order[:k]] = 1.0
    lam = 0.0
    if k < len(order):
        j = order[k]
        x[j] = max(room - (cum[k - 1] if k else 0.0), 0.0) / w[j]
        lam = v[j] / w[j]
    red = lam * w - v
    return float(v @ x), x, np.where(x <= 1e-12, np.maximum(red, 0.0), 0.0), np.where(x >= 1 - 1e-12,
                                                                                       np.minimum(red, 0.0), 0.0)


def _relaxation(prob: _Problem, limits, lb, ub):
    """(z, x, reduced costs at the lower and upper bounds) of the LP relaxation, or None if infeasible."""
    if prob.usage.shape[0] == 1 and not prob.extra.shape[0]:  # one budget, no other rule: closed form
        return _knapsack_lp(prob.v, prob.usage[0], float(limits[0]), lb, ub)
    from scipy import optimize

    a, b = prob.a_ub(limits)
    res = optimize.linprog(-prob.v, A_ub=a if a.shape[0] else None, b_ub=b if a.shape[0] else None,
                           bounds=np.column_stack([lb, ub]), method="highs")
    if res.status != 0:
        return None
    return -res.fun, res.x, res.lower.marginals, res.upper.marginals


def _feasible(prob: _Problem, x, limits, lb) -> bool:
    extra = (prob.extra @ x <= prob.extra_b + 1e-7).all() if prob.extra.shape[0] else True
    return bool((prob.usage @ x <= limits + 1e-7).all() and extra and (x >= lb).all())


def _lp_fix(prob: _Problem, limits, lb, ub, inc_x, inc_val):
    """Reduced-cost fixing from the LP relaxation (exact: keeps every solution better than inc)."""
    relaxed = _relaxation(prob, limits, lb, ub)
    if relaxed is None:
        return lb, ub, inc_x, inc_val, None
    z_lp, x_lp, d_low, d_up = relaxed  # d_low >= 0 at the lower bound, d_up <= 0 at the upper bound
    # round the LP solution down: feasible for <= rows with the structure we build; check anyway
    x_round = _greedy_fill(prob, np.floor(x_lp + 1e-9), limits, ub)
    if _feasible(prob, x_round, limits, lb) and prob.v @ x_round > inc_val:
        inc_x, inc_val = x_round, float(prob.v @ x_round)
    gap = z_lp - inc_val
    tol = 1e-7 * max(1.0, abs(z_lp))
    lb2, ub2 = lb.copy(), ub.copy()
    ub2[(x_lp <= 1e-9) & (d_low > gap + tol) & (lb == 0)] = 0
    lb2[(x_lp >= 1 - 1e-9) & (-d_up > gap + tol) & (ub == 1)] = 1
    return lb2, ub2, inc_x, inc_val, z_lp


def _solve_level(prob: _Problem, lim, inc_x, inc_val, mip_rel_gap):
    """One budget level: LP bound and reduced-cost fixing, then the integer programme on the core."""
    lb, ub, inc_x, inc_val, z_lp = _lp_fix(prob, lim, prob.lb.copy(), prob.ub.copy(), inc_x, inc_val)
    if z_lp is None:  # LP infeasible: so is the integer programme at this level
        return None, inc_val
    best_x, best_val = inc_x, inc_val
    if np.isfinite(inc_val) and z_lp - inc_val <= mip_rel_gap * max(1.0, abs(z_lp)):
        return best_x, best_val
    free = lb < ub
    fixed1 = (lb == 1) & ~free
    if not free.any():
        x = lb.copy()
        return (x, float(prob.v @ x)) if _feasible(prob, x, lim, lb) and prob.v @ x > best_val else (best_x, best_val)
    core = _Problem(prob.ids[free], prob.v[free], prob.cost[free], prob.usage[:, free],
                    lim - prob.usage[:, fixed1].sum(axis=1), prob.limit_names,
                    prob.extra[:, free], prob.extra_b - prob.extra[:, fixed1] @ np.ones(fixed1.sum()),
                    prob.extra_names, lb[free], ub[free], prob.frame, prob.value_name, prob.cost_name)
    # the same relative gap on the whole portfolio's value, expressed on the core's
    core_gap = mip_rel_gap * max(1.0, abs(z_lp)) / max(1.0, abs(z_lp - float(prob.v[fixed1].sum())))
    res = _solve(core, mip_rel_gap=min(core_gap, 0.01))
    if res.x is not None:
        x = fixed1.astype(float)
        x[free] = np.round(res.x)
        if prob.v @ x > best_val:
            best_x, best_val = x, float(prob.v @ x)
    return best_x, best_val


def _enumerated_frontier(prob: _Problem, levels: np.ndarray, k_cost: int) -> list:
    n = len(prob.ids)
    x = ((np.arange(2 ** n)[:, None] >> np.arange(n)[None, :]) & 1).astype(float)
    ok = ((x >= prob.lb) & (x <= prob.ub)).all(axis=1)
    other = [k for k in range(len(prob.limit_names)) if k != k_cost]
    if other:
        ok &= (x @ prob.usage[other].T <= prob.limits[other] + 1e-9).all(axis=1)
    if prob.extra.shape[0]:
        ok &= (prob.extra @ x.T <= prob.extra_b[:, None] + 1e-9).all(axis=0)
    x = x[ok]
    value, spend = x @ prob.v, x @ prob.usage[k_cost]
    order = np.lexsort((-value, spend))            # by spend, best value first among equal spend
    value, spend, x = value[order], spend[order], x[order]
    best_at = np.zeros(len(value), dtype=int)
    if len(value):
        running = np.maximum.accumulate(value)
        is_new = np.r_[True, value[1:] > running[:-1]]
        best_at = np.maximum.accumulate(np.where(is_new, np.arange(len(value)), 0))
    pos = np.searchsorted(spend, levels + 1e-9, side="right") - 1
    ids = np.asarray(prob.ids, dtype=object)
    cost_of = x @ prob.cost
    rows = []
    for b, p in zip(levels, pos, strict=True):  # one row per budget level
        if p < 0:
            rows.append((b, *_EMPTY_ROW))
            continue
        xb = x[best_at[p]] > 0.5
        rows.append((b, float(value[best_at[p]]), float(cost_of[best_at[p]]), int(xb.sum()), ids[xb].tolist(), np.nan))
    return rows


def _frontier_table(rows) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=["budget", "total_value", "total_cost", "n_selected", "selected",
                                      "marginal_value"])
    dv, db = out["total_value"].diff(), out["budget"].diff()
    out["marginal_value"] = np.where(db > 0, dv / db.where(db > 0), np.nan)
    out["n_selected"] = out["n_selected"].astype(int)
    return out


def _levels(candidates, budgets, cost) -> np.ndarray:
    if isinstance(budgets, bool | np.bool_ | str | bytes) or np.ndim(budgets) == 0 and not isinstance(
            budgets, int | np.integer):
        raise InputError(f"budgets must be budget levels (k$) or a number of levels, got {budgets!r}.")
    if isinstance(budgets, int | np.integer):
        m = Integer(ge=1).convert(budgets, "budgets (a number of levels)")
        frame, ids = _candidate_table(candidates, ["id", cost])
        c = as_float_columns(frame, [cost], "candidates", labels=ids)[:, 0]
        return np.linspace(float(c.min()), float(c.sum()), m)
    levels = as_float_array(budgets if isinstance(budgets, np.ndarray) else list(budgets), "budgets", ndim=1)
    check_range(levels, "budgets", ge=0)
    return np.sort(levels)


@params(value=Text(), cost=Text(), category=Text(), mip_rel_gap=Real(ge=0, le=1))
def efficient_frontier(candidates, budgets, value="npv", cost="cost", *, must=(), exclude=(),
                       mutually_exclusive=(), requires=None, category="category", category_limits=None,
                       other_limits=None, progress=None, mip_rel_gap=1e-4) -> pd.DataFrame:
    """Efficient frontier: the best total value reachable at each budget level.

    For each level B the optimal selection of :func:`select` with ``budget = B`` (plus the same
    must / exclude / dependency / bucket rules and ``other_limits``). Each point is *efficient*:
    no other selection gives more value for that money. The frontier never decreases.

    Up to 14 candidates every combination is enumerated at once (exact and vectorised). Above
    that the levels are solved in increasing order, and each re-uses what the previous one
    learned: the previous optimum stays feasible (more budget) and serves as an incumbent, and
    reduced-cost fixing from the LP relaxation (drop a candidate whose LP reduced cost exceeds
    the gap between the LP bound and the incumbent, fund one whose reduced cost does) shrinks
    the integer programme to its core before it is solved. The result is still exact.

    Parameters
    ----------
    candidates, value, cost, must, exclude, mutually_exclusive, requires, category, category_limits
        As in :func:`select`.
    budgets : iterable of numbers, or int
        Budget levels (k$, finite, >= 0). An int ``m`` (>= 1) gives m levels evenly spaced from
        the smallest candidate's cost to the total cost of all candidates.
    other_limits : mapping {column: limit}, optional
        Limits that stay fixed along the frontier (people by skill, ...).
    progress : bool, optional
        Show a tqdm progress bar (default: only when the frontier is large).
    mip_rel_gap : float
        As in :func:`select`.

    Returns
    -------
    DataFrame
        One row per level (ascending): ``budget``, ``total_value``, ``total_cost``,
        ``n_selected``, ``selected`` (list of ids) and ``marginal_value`` (value added per k$
        since the previous level). A level below what the must-funds need has NaN values.

    Examples
    --------
    >>> df = pd.DataFrame({"id": ["A", "B", "C"], "npv": [10, 7, 6], "cost": [6, 4, 3]})
    >>> fr = efficient_frontier(df, [3, 6, 8, 13])
    >>> fr[["budget", "total_value", "n_selected"]].values.tolist()
    [[3.0, 6.0, 1.0], [6.0, 10.0, 1.0], [8.0, 13.0, 2.0], [13.0, 23.0, 3.0]]

    References
    ----------
    H. Markowitz's efficient frontier applied to project portfolios (Microsoft Project Server /
    Project Online Portfolio Analysis); reduced-cost fixing: G. L. Nemhauser and L. A. Wolsey,
    *Integer and Combinatorial Optimization*, 1988.
    """
    levels = _levels(candidates, budgets, cost)
    limits = {cost: float(levels[-1])}
    if other_limits:
        if not isinstance(other_limits, Mapping):
            raise InputError("other_limits must be a dict {column: limit}.")
        if cost in other_limits:
            raise InputError(f"other_limits must not limit {cost!r}: the frontier varies it.")
        limits.update(other_limits)
    prob = _build(candidates, limits, value, cost, must, exclude, mutually_exclusive, requires,
                  category, category_limits)
    k_cost = prob.limit_names.index(cost)
    if len(prob.ids) <= _ENUMERATE_UP_TO:
        return _frontier_table(_enumerated_frontier(prob, levels, k_cost))
    must_need = prob.usage[k_cost, prob.lb > 0].sum()
    iterator = range(len(levels))
    if (len(levels) * len(prob.ids) > 40_000) if progress is None else progress:
        from tqdm.auto import tqdm

        iterator = tqdm(iterator, desc="efficient frontier", unit="level")
    inc_x, inc_val, rows = np.zeros(len(prob.ids)), -np.inf, []
    for t in iterator:  # one solve per budget level, each warm-started by the previous one
        b = levels[t]
        lim = prob.limits.copy()
        lim[k_cost] = b
        x, val = (None, inc_val) if b + 1e-9 < must_need else _solve_level(prob, lim, inc_x, inc_val, mip_rel_gap)
        if x is None or not np.isfinite(val):
            rows.append((b, *_EMPTY_ROW))
            continue
        inc_x, inc_val = x, val
        xb = x.astype(bool)
        rows.append((b, val, float(prob.cost[xb].sum()), int(xb.sum()), list(prob.ids[xb]), np.nan))
    return _frontier_table(rows)
