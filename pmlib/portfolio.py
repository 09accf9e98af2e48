"""Portfolio prioritisation, optimal selection, efficient frontier, balance and what-if.

The portfolio manager's numbers (PMI *Standard for Portfolio Management*, PfMP):

- **prioritise**: :func:`weighted_score` (strategic scoring), :func:`ahp` and
  :func:`pairwise_matrix` / :func:`synthesize` (Saaty's Analytic Hierarchy Process),
  :func:`rice`, :func:`cost_of_delay` and :func:`wsjf`; :func:`compare_rankings` shows where
  the frameworks agree;
- **select**: :func:`select`, the exact 0/1 integer programme (capital budgeting with
  several resource limits, must-fund, exclusions, mutually exclusive groups, dependencies and
  strategic buckets) solved by HiGHS through :func:`scipy.optimize.milp`, and
  :func:`greedy_select`, the "rank and fund until the money runs out" baseline;
- **frontier**: :func:`efficient_frontier`, the best value at each budget level;
- **balance and change**: :func:`category_balance`, :func:`capacity_check`,
  :func:`what_if` and :func:`zombies`.

Money is in k$ throughout, as in the bundled data sets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ._validate import (
    as_float_array,
    as_frame,
    as_number,
    require_columns,
    require_known_ids,
    require_unique_ids,
)
from .errors import InfeasibleError, InputError

__all__ = [
    "RANDOM_INDEX",
    "AHPResult",
    "ahp",
    "pairwise_matrix",
    "synthesize",
    "weighted_score",
    "rice",
    "cost_of_delay",
    "wsjf",
    "compare_rankings",
    "Selection",
    "select",
    "greedy_select",
    "efficient_frontier",
    "category_balance",
    "staff_columns",
    "capacity_limits",
    "capacity_check",
    "WhatIf",
    "what_if",
    "zombies",
]

#: Saaty's (1980) random consistency index RI by matrix size n: the mean consistency index
#: of random reciprocal matrices (T. L. Saaty, *The Analytic Hierarchy Process*, 1980).
RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}


# --------------------------------------------------------------------------------------
# AHP
# --------------------------------------------------------------------------------------
@dataclass
class AHPResult:
    """Result of :func:`ahp`.

    Attributes
    ----------
    weights : Series
        Priority vector (principal right eigenvector, normalised to sum to 1).
    lambda_max : float
        Principal eigenvalue (``n`` for a perfectly consistent matrix).
    ci : float
        Consistency index ``(lambda_max - n) / (n - 1)``.
    ri : float
        Saaty's random index for size ``n`` (NaN beyond n = 10).
    cr : float
        Consistency ratio ``ci / ri`` (0 for n <= 2); Saaty accepts ``cr <= 0.10``.
    matrix : DataFrame
        The pairwise comparison matrix used.
    """

    weights: pd.Series
    lambda_max: float
    ci: float
    ri: float
    cr: float
    matrix: pd.DataFrame

    @property
    def n(self) -> int:
        return len(self.weights)

    @property
    def consistent(self) -> bool:
        """Saaty's rule of thumb: the judgements are acceptable when CR <= 0.10."""
        return bool(self.cr <= 0.10 + 1e-12)

    @property
    def table(self) -> pd.DataFrame:
        """Weights with rank, largest first."""
        t = self.weights.rename("weight").to_frame()
        t["rank"] = t["weight"].rank(ascending=False, method="min").astype(int)
        return t.sort_values("weight", ascending=False)

    def __str__(self):
        w = ", ".join(f"{k}: {v:.3f}" for k, v in self.weights.items())
        verdict = "acceptable" if self.consistent else "too inconsistent: revisit the judgements"
        return (f"AHP weights {w}; lambda_max {self.lambda_max:.3f}, CI {self.ci:.3f}, "
                f"CR {self.cr:.3f} ({verdict})")


def ahp(matrix, *, labels=None) -> AHPResult:
    """Priority weights of a pairwise comparison matrix (Saaty's eigenvector method).

    The priority vector ``w`` solves ``A w = lambda_max w`` for the principal eigenvalue of
    the positive reciprocal matrix ``A`` (``a_ji = 1 / a_ij``, ``a_ii = 1``), normalised so
    that ``sum(w) = 1``. Consistency:

        CI = (lambda_max - n) / (n - 1),      CR = CI / RI(n)

    with Saaty's (1980) random index RI (0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49 for
    n = 3..10). A CR up to 0.10 is acceptable (Saaty, *The Analytic Hierarchy Process*, 1980).

    Parameters
    ----------
    matrix : array-like (n, n) or DataFrame
        ``matrix[i][j]`` is how many times more important item i is than item j on Saaty's
        1-9 scale. A DataFrame's index gives the labels.
    labels : sequence of str, optional
        Names of the items (default: the DataFrame's index, else 0..n-1).

    Returns
    -------
    AHPResult
        ``.weights`` (Series), ``.lambda_max``, ``.ci``, ``.ri``, ``.cr``, ``.consistent``.

    Raises
    ------
    InputError
        Not square, not positive, a diagonal entry other than 1, or not reciprocal.

    Examples
    --------
    A consistent matrix built from weights 0.5 / 0.3 / 0.2 gives them back, with CR = 0:

    >>> a = ahp([[1, 5/3, 5/2], [3/5, 1, 3/2], [2/5, 2/3, 1]], labels=["a", "b", "c"])
    >>> a.weights.round(3).tolist(), round(a.lambda_max, 6), round(a.cr, 6)
    ([0.5, 0.3, 0.2], 3.0, 0.0)

    References
    ----------
    T. L. Saaty, *The Analytic Hierarchy Process*, McGraw-Hill, 1980; T. L. Saaty, "Decision
    making with the analytic hierarchy process", Int. J. Services Sciences 1(1), 2008.
    """
    if isinstance(matrix, pd.DataFrame):
        if labels is None:
            labels = [str(i) for i in matrix.index]
        if list(map(str, matrix.index)) != list(map(str, matrix.columns)):
            raise InputError("matrix: its rows and columns must list the same items in the same order "
                             f"(rows {list(matrix.index)}, columns {list(matrix.columns)}).")
    a = as_float_array(matrix, "matrix", ndim=2)
    n = a.shape[0]
    if a.shape != (n, n):
        raise InputError(f"matrix must be square (n x n), got shape {a.shape}: one row and one column per item.")
    if labels is None:
        labels = list(range(n))
    labels = list(labels)
    if len(labels) != n:
        raise InputError(f"labels has {len(labels)} names for a {n} x {n} matrix: give one per row.")
    if (a <= 0).any():
        i, j = np.argwhere(a <= 0)[0]
        raise InputError(f"matrix[{labels[i]!r}, {labels[j]!r}] = {a[i, j]:g}: pairwise judgements must be "
                         "positive (1 = equal, 9 = extremely more important, 1/9 the reverse).")
    diag = np.abs(np.diag(a) - 1) > 1e-9
    if diag.any():
        i = int(np.flatnonzero(diag)[0])
        raise InputError(f"matrix[{labels[i]!r}, {labels[i]!r}] = {a[i, i]:g}: an item compared with itself must be 1.")
    recip = np.abs(a * a.T - 1) > 1e-6
    if recip.any():
        i, j = np.argwhere(recip)[0]
        raise InputError(f"matrix is not reciprocal: [{labels[i]!r}, {labels[j]!r}] = {a[i, j]:g} but "
                         f"[{labels[j]!r}, {labels[i]!r}] = {a[j, i]:g}; it must be 1/{a[i, j]:g}.")
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    lam = float(values[k].real)
    w = np.abs(vectors[:, k].real)
    w = w / w.sum()
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    ci = max(ci, 0.0) if abs(ci) < 1e-12 else ci
    ri = RANDOM_INDEX.get(n, float("nan"))
    cr = 0.0 if n <= 2 else (ci / ri if ri else float("nan"))
    index = pd.Index(labels)
    return AHPResult(pd.Series(w, index=index, name="weight"), lam, float(ci), float(ri), float(cr),
                     pd.DataFrame(a, index=index, columns=index))


def pairwise_matrix(judgements, items=None, *, row="objective_id", col="versus_id",
                    value="judgement") -> pd.DataFrame:
    """Build the reciprocal comparison matrix from pairwise judgements.

    Each judgement ``(i, j, v)`` sets ``a_ij = v`` and ``a_ji = 1 / v``. When several judges
    give the same pair (one row per executive), they are combined with the **geometric mean**,
    the aggregation that keeps the matrix reciprocal (Aczél and Saaty, 1983).

    Parameters
    ----------
    judgements : DataFrame or mapping
        A table with the columns ``row``, ``col`` and ``value``, or a dict ``{(i, j): v}``.
    items : sequence, optional
        Order of the rows and columns (default: order of first appearance).
    row, col, value : str
        Column names of the table form.

    Returns
    -------
    DataFrame
        The n x n matrix, ready for :func:`ahp`.

    Raises
    ------
    InputError
        A missing pair (name it), a non-positive judgement, an item compared with itself.

    Examples
    --------
    >>> m = pairwise_matrix({("a", "b"): 2, ("a", "c"): 4, ("b", "c"): 2})
    >>> m.round(3).values.tolist()
    [[1.0, 2.0, 4.0], [0.5, 1.0, 2.0], [0.25, 0.5, 1.0]]

    Two judges who say 2 and 8 combine to 4 (geometric mean):

    >>> float(pairwise_matrix({("a", "b"): [2, 8]}).loc["a", "b"])
    4.0

    References
    ----------
    J. Aczél and T. L. Saaty, "Procedures for synthesizing ratio judgements", Journal of
    Mathematical Psychology 27, 1983.
    """
    if isinstance(judgements, Mapping):
        rows = []
        for key, v in judgements.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise InputError(f"judgements: key {key!r} must be a pair (item, other item).")
            for x in np.atleast_1d(np.asarray(v, dtype=object)):
                rows.append((key[0], key[1], x))
        df = pd.DataFrame(rows, columns=["i", "j", "v"])
    else:
        df = as_frame(judgements, "judgements")
        require_columns(df, [row, col, value], "judgements")
        df = df[[row, col, value]].set_axis(["i", "j", "v"], axis=1)
    if df.empty:
        raise InputError("judgements is empty: give at least one pair.")
    v = pd.to_numeric(df["v"], errors="coerce").to_numpy(dtype=float)
    bad = ~(v > 0)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise InputError(f"judgements row {k} ({df['i'].iloc[k]} vs {df['j'].iloc[k]}) = {df['v'].iloc[k]!r}: "
                         "a judgement must be a positive number on Saaty's 1-9 scale.")
    same = (df["i"] == df["j"]).to_numpy()
    if same.any():
        k = int(np.flatnonzero(same)[0])
        raise InputError(f"judgements row {k} compares {df['i'].iloc[k]!r} with itself: drop it (it is 1).")
    if items is None:
        items = list(dict.fromkeys(list(df["i"]) + list(df["j"])))
    items = list(items)
    require_known_ids(list(df["i"]) + list(df["j"]), items, "judgements", what="item")
    pos = pd.Index(items)
    i = pos.get_indexer(df["i"])
    j = pos.get_indexer(df["j"])
    n = len(items)
    # log-judgements of both orientations; the geometric mean is the mean of logs
    log_sum = np.zeros((n, n))
    count = np.zeros((n, n))
    np.add.at(log_sum, (i, j), np.log(v))
    np.add.at(log_sum, (j, i), -np.log(v))
    np.add.at(count, (i, j), 1)
    np.add.at(count, (j, i), 1)
    off = ~np.eye(n, dtype=bool)
    missing = off & (count == 0)
    if missing.any():
        a, b = np.argwhere(missing)[0]
        raise InputError(f"judgements has no comparison of {items[a]!r} with {items[b]!r}: "
                         f"every pair of the {n} items needs a judgement ({n * (n - 1) // 2} pairs).")
    with np.errstate(invalid="ignore", divide="ignore"):
        m = np.where(off, np.exp(log_sum / np.where(count == 0, 1, count)), 1.0)
    return pd.DataFrame(m, index=pos, columns=pos)


def synthesize(criteria, alternatives) -> pd.DataFrame:
    """Hierarchical synthesis (AHP): global priority of each alternative.

        priority_k = sum_c  w_c * p_kc

    where ``w_c`` are the criteria weights and ``p_kc`` the local priority of alternative k
    under criterion c (Saaty's distributive mode).

    Parameters
    ----------
    criteria : AHPResult, Series or mapping
        Criteria weights (normalised to sum to 1 here).
    alternatives : mapping criterion -> AHPResult, matrix or Series
        Each criterion's comparison of the alternatives (a matrix goes through :func:`ahp`)
        or their local priorities.

    Returns
    -------
    DataFrame
        One row per alternative: the local priority under each criterion and ``priority``,
        sorted best first.

    Examples
    --------
    >>> crit = pd.Series({"cost": 0.75, "speed": 0.25})
    >>> alts = {"cost": pd.Series({"x": 0.2, "y": 0.8}), "speed": pd.Series({"x": 0.9, "y": 0.1})}
    >>> synthesize(crit, alts)["priority"].round(3).to_dict()
    {'y': 0.625, 'x': 0.375}
    """
    w = criteria.weights if isinstance(criteria, AHPResult) else pd.Series(criteria, dtype=float)
    if w.isna().any() or (w < 0).any() or w.sum() <= 0:
        raise InputError("criteria weights must be non-negative numbers that do not all equal 0.")
    w = w / w.sum()
    if not isinstance(alternatives, Mapping):
        raise InputError("alternatives must be a dict {criterion: comparison matrix or priorities}.")
    require_known_ids(list(alternatives), list(w.index), "alternatives", what="criterion")
    missing = [c for c in w.index if c not in alternatives]
    if missing:
        raise InputError(f"alternatives has no comparison for criterion/criteria {', '.join(map(str, missing))}.")
    local = {}
    for c in w.index:
        a = alternatives[c]
        if isinstance(a, AHPResult):
            p = a.weights
        elif isinstance(a, pd.Series):
            p = a.astype(float) / a.astype(float).sum()
        else:
            p = ahp(a).weights
        local[c] = p
    table = pd.DataFrame(local)
    if table.isna().any().any():
        raise InputError("alternatives: every criterion must compare the same alternatives.")
    table["priority"] = table[list(w.index)].to_numpy() @ w.to_numpy()
    return table.sort_values("priority", ascending=False)


# --------------------------------------------------------------------------------------
# scoring frameworks
# --------------------------------------------------------------------------------------
def _ids(df: pd.DataFrame) -> pd.Index:
    return pd.Index(df["id"], name="id") if "id" in df.columns else df.index


def weighted_score(df, weights, *, scale=None, lower_is_better=()) -> pd.Series:
    """Strategic scoring: the weighted sum of normalised criteria, on a 0-1 scale.

        score_k = sum_c  w_c * (x_kc - lo_c) / (hi_c - lo_c),     sum_c w_c = 1

    Each criterion is rescaled to 0 (worst) .. 1 (best) before weighting, so criteria in
    different units (fit 0-5, NPV in k$) can be combined; the score is therefore 0 (worst on
    every criterion) to 1 (best on every criterion). Weights are normalised to sum to 1. A
    criterion in ``lower_is_better`` (risk, cost) is reversed. This is the weighted scoring
    model of the PMI *Standard for Portfolio Management* (and Project Online's drivers).

    Parameters
    ----------
    df : DataFrame or list of dicts
        One row per candidate; an ``id`` column labels the result.
    weights : mapping or Series  {criterion: weight}
        A criterion is a column name; an objective id ``x`` also finds the column ``fit_x``,
        so ``objectives.set_index("id")["weight"]`` works as is.
    scale : (lo, hi) or mapping {criterion: (lo, hi)}, optional
        The criterion's documented scale, e.g. ``(0, 5)`` for the fit columns. Without it a
        criterion is min-max scaled over the rows given (a constant column scores 0).
    lower_is_better : iterable of str
        Criteria where less is better.

    Returns
    -------
    Series
        Score in [0, 1] per row, indexed by ``id``.

    Examples
    --------
    >>> df = pd.DataFrame({"id": ["A", "B"], "fit_growth": [5, 1], "fit_cost": [0, 4]})
    >>> weighted_score(df, {"growth": 0.6, "cost": 0.4}, scale=(0, 5)).round(2).tolist()
    [0.6, 0.44]
    """
    frame = as_frame(df, "df")
    if frame.empty:
        raise InputError("df is empty: give at least one row to score.")
    w = pd.Series(weights, dtype=float) if not isinstance(weights, pd.Series) else weights.astype(float)
    if w.empty:
        raise InputError("weights is empty: give {criterion: weight}.")
    cols = []
    for key in w.index:
        if key in frame.columns:
            cols.append(key)
        elif f"fit_{key}" in frame.columns:
            cols.append(f"fit_{key}")
        else:
            found = ", ".join(map(str, frame.columns))
            raise InputError(f"weights names criterion {key!r}, which is neither a column nor a fit_{key} column; "
                             f"columns found: {found}.")
    if w.isna().any():
        raise InputError(f"weights[{w.index[w.isna()][0]!r}] is NaN: give a number.")
    if (w < 0).any():
        raise InputError(f"weights[{w.index[w < 0][0]!r}] = {w[w < 0].iloc[0]:g} is negative: weights must be >= 0.")
    if w.sum() <= 0:
        raise InputError("weights all equal 0: give at least one positive weight.")
    w = w / w.sum()
    ids = _ids(frame)
    x = _numeric_block(frame, cols, "df", ids)
    if scale is None:
        lo, hi = x.min(axis=0), x.max(axis=0)
    else:
        per = [scale.get(c, scale.get(k)) if isinstance(scale, Mapping) else scale for c, k in zip(cols, w.index, strict=True)]
        if any(p is None for p in per):
            raise InputError("scale must give (lo, hi) for every criterion when it is a dict.")
        lo = np.array([float(p[0]) for p in per])
        hi = np.array([float(p[1]) for p in per])
        if (hi <= lo).any():
            raise InputError("scale: each (lo, hi) needs hi > lo.")
    span = np.where(hi > lo, hi - lo, 1.0)
    norm = np.where(hi > lo, (x - lo) / span, 0.0)
    flip = np.array([c in set(lower_is_better) or k in set(lower_is_better) for c, k in zip(cols, w.index, strict=True)])
    norm[:, flip] = np.where(hi[flip] > lo[flip], 1.0 - norm[:, flip], 0.0)
    return pd.Series(norm @ w.to_numpy(), index=ids, name="score")


def _numeric_block(frame: pd.DataFrame, cols: Sequence[str], name: str, ids) -> np.ndarray:
    """Columns as a float matrix; InputError naming the row id and column of a NaN or text."""
    sub = frame[list(cols)]
    if all(pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t) for t in sub.dtypes):
        block = sub.to_numpy(dtype=float, na_value=np.nan)
    else:
        block = sub.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    bad = np.isnan(block)
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raw = frame[cols[c]].iloc[r]
        what = "missing (NaN)" if pd.isna(raw) else f"{raw!r}, not a number"
        raise InputError(f"{name}: row {ids[r]!r}, column {cols[c]!r} is {what}: fill it in or drop the row.")
    return block


def _broadcast(name, value):
    if isinstance(value, pd.Series):
        return as_float_array(value, name), value.index
    if np.isscalar(value) or (isinstance(value, np.ndarray) and value.ndim == 0):
        return np.asarray(as_number(value, name)), None
    return as_float_array(value, name, ndim=1), None


def _first_index(*indexes):
    return next((i for i in indexes if i is not None), None)


def _wrap(result, index):
    if index is not None:
        return pd.Series(result, index=index)
    return float(result) if np.ndim(result) == 0 else result


def rice(reach, impact, confidence, effort):
    """RICE score: ``reach * impact * confidence / effort`` (Intercom's product framework).

    Parameters
    ----------
    reach : number or array
        People or events per period (e.g. customers per quarter).
    impact : number or array
        Impact per person, on Intercom's scale 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal.
    confidence : number or array
        Confidence in the estimates, a fraction in [0, 1] (100 % = 1).
    effort : number or array
        Person-months (must be > 0).

    Returns
    -------
    float, ndarray or Series
        Score per unit of effort (higher first).

    Examples
    --------
    Intercom's worked example: 150 customers, impact 1, 80 % confidence, 1 person-month:

    >>> rice(150, 1, 0.8, 1)
    120.0

    References
    ----------
    S. McBride, "RICE: simple prioritization for product managers", Intercom blog, 2016.
    """
    r, idx = _broadcast("reach", reach)
    i, idx2 = _broadcast("impact", impact)
    c, idx3 = _broadcast("confidence", confidence)
    e, idx4 = _broadcast("effort", effort)
    if (c < 0).any() or (c > 1).any():
        raise InputError("confidence must be a fraction in [0, 1] (80 % is 0.8).")
    if (e <= 0).any():
        raise InputError("effort must be > 0 (person-months).")
    if (r < 0).any() or (i < 0).any():
        raise InputError("reach and impact must be >= 0.")
    try:
        out = r * i * c / e
    except ValueError as exc:
        raise InputError(f"reach, impact, confidence and effort must have the same length: {exc}") from None
    return _wrap(out, _first_index(idx, idx2, idx3, idx4))


def cost_of_delay(business_value, time_criticality, risk_reduction):
    """Cost of delay (SAFe): ``business_value + time_criticality + risk_reduction``.

    Each term is a relative estimate (SAFe uses modified Fibonacci numbers 1, 2, 3, 5, 8, 13, 20).

    >>> cost_of_delay(8, 5, 3)
    16.0

    References
    ----------
    D. Reinertsen, *The Principles of Product Development Flow*, 2009; Scaled Agile, "WSJF".
    """
    b, i1 = _broadcast("business_value", business_value)
    t, i2 = _broadcast("time_criticality", time_criticality)
    r, i3 = _broadcast("risk_reduction", risk_reduction)
    for name, arr in (("business_value", b), ("time_criticality", t), ("risk_reduction", r)):
        if (arr < 0).any():
            raise InputError(f"{name} must be >= 0 (a relative estimate).")
    try:
        out = b + t + r
    except ValueError as exc:
        raise InputError(f"the three cost-of-delay terms must have the same length: {exc}") from None
    return _wrap(out, _first_index(i1, i2, i3))


def wsjf(business_value, time_criticality, risk_reduction, job_size):
    """Weighted shortest job first (SAFe): cost of delay / job size.

        WSJF = (business_value + time_criticality + risk_reduction) / job_size

    Do the job with the highest WSJF first: it returns the most cost of delay per unit of
    capacity used.

    Parameters
    ----------
    business_value, time_criticality, risk_reduction : number or array
        Relative estimates (modified Fibonacci: 1, 2, 3, 5, 8, 13, 20).
    job_size : number or array
        Relative size (a proxy for duration), > 0.

    Examples
    --------
    >>> wsjf(8, 5, 3, 8)
    2.0

    References
    ----------
    Scaled Agile Framework, "WSJF"; D. Reinertsen, *The Principles of Product Development
    Flow*, 2009.
    """
    cod = cost_of_delay(business_value, time_criticality, risk_reduction)
    s, idx = _broadcast("job_size", job_size)
    if (s <= 0).any():
        raise InputError("job_size must be > 0.")
    try:
        out = np.asarray(cod, dtype=float) / s
    except ValueError as exc:
        raise InputError(f"job_size must match the other inputs' length: {exc}") from None
    if isinstance(cod, pd.Series):
        return pd.Series(out, index=cod.index)
    return _wrap(out, idx)


def compare_rankings(scores) -> pd.DataFrame:
    """Rank the same candidates by several frameworks and show where they disagree.

    Parameters
    ----------
    scores : DataFrame or mapping {framework: Series}
        One column per framework, higher is better, indexed by candidate id.

    Returns
    -------
    DataFrame
        The rank under each framework (1 = first), ``mean_rank`` and ``spread``
        (worst rank minus best rank: 0 means the frameworks agree), sorted by mean rank.
        ``.attrs["kendall_tau"]`` holds the Kendall rank correlation between frameworks.

    Examples
    --------
    >>> s = pd.DataFrame({"npv": [3, 2, 1], "score": [1, 2, 3]}, index=["A", "B", "C"])
    >>> compare_rankings(s)[["npv", "score", "spread"]].loc["A"].tolist()
    [1, 3, 2]
    """
    frame = pd.DataFrame(dict(scores)) if isinstance(scores, Mapping) else as_frame(scores, "scores")
    if frame.empty or frame.shape[1] == 0:
        raise InputError("scores is empty: give one column of scores per framework.")
    bad = frame.isna()
    if bad.any().any():
        r, c = np.argwhere(bad.to_numpy())[0]
        raise InputError(f"scores: {frame.index[r]!r} has no {frame.columns[c]!r} score (NaN): "
                         "score every candidate under every framework.")
    ranks = frame.rank(ascending=False, method="min").astype(int)
    ranks["mean_rank"] = ranks[frame.columns].mean(axis=1)
    ranks["spread"] = ranks[frame.columns].max(axis=1) - ranks[frame.columns].min(axis=1)
    ranks = ranks.sort_values(["mean_rank", "spread"])
    ranks.attrs["kendall_tau"] = frame.corr(method="kendall")
    return ranks


# --------------------------------------------------------------------------------------
# selection
# --------------------------------------------------------------------------------------
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


def _as_id_list(value, name) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return list(value)
    raise InputError(f"{name} must be a list of ids, got {value!r}.")


def _closure(start: Iterable, requires: Mapping) -> list:
    seen = list(dict.fromkeys(start))
    stack = list(seen)
    while stack:
        i = stack.pop()
        for j in requires.get(i, ()):
            if j not in seen:
                seen.append(j)
                stack.append(j)
    return seen


def _build(candidates, budget, value, cost, must, exclude, mutually_exclusive, requires,
           category, category_limits) -> _Problem:
    from scipy import sparse  # imported on first use: keeps `import pmlib` fast

    frame = as_frame(candidates, "candidates")
    if frame.empty:
        raise InputError("candidates is empty: give at least one candidate.")
    if isinstance(budget, Mapping):
        limits = dict(budget)
        if not limits:
            raise InputError("budget is an empty dict: give {column: limit}.")
    else:
        limits = {cost: budget}
    needed = ["id", value, cost] + [c for c in limits if c not in (value, cost)]
    if category_limits:
        needed.append(category)
    require_columns(frame, list(dict.fromkeys(needed)), "candidates")
    ids = pd.Index(frame["id"])
    if ids.isna().any():
        raise InputError(f"candidates: row {int(np.flatnonzero(ids.isna())[0])} has no id: give every row an id.")
    require_unique_ids(ids, "candidates")
    limit_names = list(limits)
    lim = np.empty(len(limit_names))
    for k, name in enumerate(limit_names):
        label = "budget" if not isinstance(budget, Mapping) else f"budget[{name!r}]"
        lim[k] = as_number(limits[name], label)
        if lim[k] < 0:
            raise InputError(f"{label} = {lim[k]:,.6g} is negative: a budget or capacity must be >= 0.")
    block = _numeric_block(frame, list(dict.fromkeys([value, cost] + limit_names)), "candidates", ids)
    order = list(dict.fromkeys([value, cost] + limit_names))
    v = block[:, order.index(value)]
    c = block[:, order.index(cost)]
    usage = np.vstack([block[:, order.index(name)] for name in limit_names])
    if (usage < 0).any():
        r, col = np.argwhere(usage.T < 0)[0]
        raise InputError(f"candidates: row {ids[r]!r}, column {limit_names[col]!r} is negative: "
                         "a candidate's use of a limited resource must be >= 0.")
    must = _as_id_list(must, "must")
    exclude = _as_id_list(exclude, "exclude")
    require_known_ids(must, ids, "must", what="candidate id")
    require_known_ids(exclude, ids, "exclude", what="candidate id")
    if requires is None:
        requires = {}
    if not isinstance(requires, Mapping):
        raise InputError("requires must be a dict {id: [ids it needs]}.")
    req = {k: _as_id_list(vv, f"requires[{k!r}]") for k, vv in requires.items()}
    require_known_ids(list(req), ids, "requires", what="candidate id")
    require_known_ids([j for vv in req.values() for j in vv], ids, "requires (needed ids)", what="candidate id")
    groups = [_as_id_list(g, "mutually_exclusive group") for g in (mutually_exclusive or ())]
    if mutually_exclusive and isinstance(mutually_exclusive, Sequence) and mutually_exclusive and all(
            isinstance(x, str) for x in mutually_exclusive):
        groups = [list(mutually_exclusive)]  # a single group given flat
    require_known_ids([j for g in groups for j in g], ids, "mutually_exclusive", what="candidate id")
    both = sorted(set(must) & set(exclude))
    if both:
        raise InputError(f"{', '.join(both)} is both in must and in exclude: choose one.")
    must_all = _closure(must, req)
    blocked = [j for j in must_all if j in set(exclude)]
    if blocked:
        raise InfeasibleError(f"must-fund projects need {', '.join(blocked)} (through requires), which is excluded: "
                              "drop it from exclude or the project that needs it from must.")
    for g in groups:
        inside = [j for j in g if j in set(must_all)]
        if len(inside) > 1:
            raise InfeasibleError(f"{', '.join(inside)} must all be funded but are mutually exclusive: "
                                  "keep at most one of them in must.")
    pos = ids.get_indexer
    lb = np.zeros(len(ids))
    ub = np.ones(len(ids))
    lb[pos(must_all)] = 1
    ub[pos(exclude)] = 0
    # must-funds alone exceeding a limit: say so before solving
    if must_all:
        need = usage[:, pos(must_all)].sum(axis=1)
        over = need > lim + 1e-9
        if over.any():
            k = int(np.flatnonzero(over)[0])
            raise InfeasibleError(
                f"the must-fund projects {', '.join(map(str, must_all))} alone need {need[k]:,.6g} of "
                f"{limit_names[k]!r}, more than the limit {lim[k]:,.6g}: raise the budget or drop one from must.")
    rows, cols, vals, b, names = [], [], [], [], []
    r = 0
    for g in groups:
        if len(g) < 2:
            continue
        idx = pos(g)
        rows.append(np.full(len(idx), r))
        cols.append(idx)
        vals.append(np.ones(len(idx)))
        b.append(1.0)
        names.append("at most one of " + ", ".join(map(str, g)))
        r += 1
    pairs = [(i, j) for i, js in req.items() for j in js if i != j]
    if pairs:
        pi = pos([p[0] for p in pairs])
        pj = pos([p[1] for p in pairs])
        k = np.arange(r, r + len(pairs))
        rows += [k, k]
        cols += [pi, pj]
        vals += [np.ones(len(pairs)), -np.ones(len(pairs))]
        b += [0.0] * len(pairs)
        names += [f"{i} needs {j}" for i, j in pairs]
        r += len(pairs)
    if category_limits:
        if not isinstance(category_limits, Mapping):
            raise InputError("category_limits must be a dict {category: (min_share, max_share)}.")
        cats = frame[category].astype(str).to_numpy()
        for cat, bounds in category_limits.items():
            try:
                lo, hi = bounds
            except (TypeError, ValueError):
                raise InputError(f"category_limits[{cat!r}] must be (min_share, max_share); use None for no bound.") from None
            if cat not in set(cats):
                raise InputError(f"category_limits names category {cat!r}, which no candidate has; "
                                 f"categories found: {', '.join(sorted(set(cats)))}.")
            member = (cats == cat).astype(float)
            for share, sign, word in ((lo, -1.0, "min"), (hi, 1.0, "max")):
                if share is None:
                    continue
                share = as_number(share, f"category_limits[{cat!r}] {word} share")
                if not 0 <= share <= 1:
                    raise InputError(f"category_limits[{cat!r}] {word} share {share:g} must be a fraction in [0, 1].")
                coef = sign * (member - share) * c
                nz = np.flatnonzero(coef)
                rows.append(np.full(len(nz), r))
                cols.append(nz)
                vals.append(coef[nz])
                b.append(0.0)
                names.append(f"{cat} share {'>=' if word == 'min' else '<='} {share:.0%}")
                r += 1
    if r:
        extra = sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                                  shape=(r, len(ids)))
    else:
        extra = sparse.csr_matrix((0, len(ids)))
    return _Problem(ids, v, c, usage, lim, limit_names, extra, np.asarray(b, dtype=float), names, lb, ub,
                    frame, value, cost, req, [g for g in groups if len(g) >= 2])


def _solve(prob: _Problem, limits=None, *, time_limit=None, mip_rel_gap=1e-4, lb=None, ub=None):
    from scipy import optimize

    a, b = prob.a_ub(limits)
    options = {"mip_rel_gap": mip_rel_gap, "disp": False}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    res = optimize.milp(-prob.v, integrality=np.ones(len(prob.v)),
                        bounds=optimize.Bounds(prob.lb if lb is None else lb, prob.ub if ub is None else ub),
                        constraints=[optimize.LinearConstraint(a, -np.inf, b)] if a.shape[0] else None,
                        options=options)
    return res


def _infeasible_message(prob: _Problem) -> str:
    return ("no selection satisfies every constraint at once (the must-funds with their dependencies, the "
            "category shares and the limits " + ", ".join(prob.limit_names) + "): relax a share, a limit or "
            "a must-fund.")


def _finish(prob: _Problem, x: np.ndarray, limits, gap: float, method: str, reasons=None) -> Selection:
    x = np.asarray(np.round(x), dtype=bool)
    ids = prob.ids
    limits = prob.limits if limits is None else np.asarray(limits, dtype=float)
    used = prob.usage @ x
    slack = limits - used
    tol = 1e-6 * np.maximum(1.0, np.abs(limits))
    # smallest usage among unselected candidates that could still come in: a limit binds when it
    # is used up or too little is left for any other candidate
    out = ~x & (prob.ub > 0)
    min_other = np.where(out, prob.usage, np.inf).min(axis=1) if out.any() else np.full(len(limits), np.inf)
    binding = (slack <= tol) | ((min_other > slack + tol) & np.isfinite(min_other) & (slack < 0.05 * np.abs(limits)))
    cons = pd.DataFrame({"kind": "limit", "used": used, "limit": limits, "slack": slack, "binding": binding},
                        index=pd.Index(prob.limit_names, name="constraint"))
    if prob.extra.shape[0]:
        lhs = prob.extra @ x.astype(float)
        kind = np.where(pd.Series(prob.extra_names).str.startswith("at most one of"), "exclusive",
                        np.where(pd.Series(prob.extra_names).str.contains(" needs "), "requires", "share"))
        ex = pd.DataFrame({"kind": kind, "used": lhs, "limit": prob.extra_b, "slack": prob.extra_b - lhs,
                           "binding": np.abs(prob.extra_b - lhs) <= 1e-6},
                          index=pd.Index(prob.extra_names, name="constraint"))
        cons = pd.concat([cons, ex])
    table = prob.frame.set_index("id").copy()
    table.index.name = "id"
    table["selected"] = x
    if reasons is None:
        reasons = _reasons(prob, x, slack)
    table["reason"] = reasons
    sel = list(ids[x])
    return Selection(sel, float(prob.v[x].sum()), float(prob.cost[x].sum()), table, cons, float(gap), method,
                     prob.value_name, prob.cost_name)


def _num(x: float) -> str:
    """1,200 for money-sized numbers, 0.5 for FTE-sized ones."""
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def _reasons(prob: _Problem, x: np.ndarray, slack: np.ndarray) -> np.ndarray:
    ids = prob.ids
    n = len(ids)
    reason = np.full(n, "", dtype=object)
    must = prob.lb > 0
    excl = prob.ub < 1
    reason[x & must] = "funded: must fund"
    reason[x & ~must] = "funded: part of the best-value combination"
    reason[~x & excl] = "not funded: excluded"
    pos = {k: i for i, k in enumerate(ids)}
    # needs an unfunded project
    for i, js in prob.requires.items():
        k = pos[i]
        if not x[k] and not reason[k]:
            missing = [j for j in js if not x[pos[j]]]
            if missing:
                reason[k] = f"not funded: needs {', '.join(map(str, missing))}, which is not funded"
    for g in prob.groups:
        chosen = [j for j in g if x[pos[j]]]
        if chosen:
            for j in g:
                k = pos[j]
                if not x[k] and not reason[k]:
                    reason[k] = f"not funded: mutually exclusive with {chosen[0]}, which is funded"
    left = ~x & (reason == "")
    if left.any():
        over = prob.usage[:, left] > slack[:, None] + 1e-9
        first = np.argmax(over, axis=0)
        fits = ~over.any(axis=0)
        idx = np.flatnonzero(left)
        for k, f, ok in zip(idx, first, fits, strict=True):
            if not ok:
                name = prob.limit_names[f]
                reason[k] = (f"not funded: needs {_num(prob.usage[f, k])} of {name}, only "
                             f"{_num(max(slack[f], 0))} left")
            elif prob.v[k] <= 0:
                reason[k] = "not funded: adds no value (value <= 0)"
            else:
                reason[k] = "not funded: would break a category share limit"
    return reason


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
        One row per candidate, with an ``id`` column and the ``value`` and ``cost`` columns
        (plus any column named in ``budget``). Not modified.
    budget : number or mapping {column: limit}
        A number limits the ``cost`` column (k$). A dict limits several columns at once:
        money per year, FTE per skill (e.g. ``{"cost": 6000, "fte_data_scientist_2027": 4}``).
    value : str
        Column to maximise (e.g. ``npv``, a strategic score).
    cost : str
        Column of the money each candidate needs (k$); reported as ``total_cost``.
    must, exclude : iterable of ids
        Candidates that must be funded (with whatever they require) / must not be.
    mutually_exclusive : iterable of iterables of ids
        Groups of alternatives: at most one of each group is funded.
    requires : mapping {id: [ids it needs]}
        A candidate can be funded only if every id it needs is funded.
    category, category_limits : str, mapping {category: (min_share, max_share)}
        Strategic buckets: the share of the selected ``cost`` in each category (a fraction;
        ``None`` for no bound).
    time_limit : float, optional
        Seconds for the solver; the result's ``gap`` says how far from proven optimal it is.
    mip_rel_gap : float
        Relative optimality gap at which the solver stops (default 1e-4, HiGHS' own default:
        within 0.01 % of the proven optimum; 0 insists on proof).

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
        Negative budget, NaN in a used column (names the row), unknown ids in must / exclude /
        requires / mutually_exclusive, an id both in must and exclude.
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
    gap = float(getattr(res, "mip_gap", 0.0) or 0.0)
    return _finish(prob, res.x, None, gap, "optimal")


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
        require_columns(prob.frame, [rank_by], "candidates")
        key = _numeric_block(prob.frame, [rank_by], "candidates", prob.ids)[:, 0]
    must = prob.lb > 0
    allowed = prob.ub > 0
    # musts first, then by key descending; stable on input order
    order = np.lexsort((np.arange(n), -key, ~must))
    order = order[allowed[order]]
    cum = np.cumsum(prob.usage[:, order], axis=1)
    fits = (cum <= prob.limits[:, None] + 1e-9).all(axis=0)
    stop = int(np.argmin(fits)) if not fits.all() else len(order)
    funded = order[:stop]
    x = np.zeros(n, dtype=bool)
    x[funded] = True
    rank = np.empty(n, dtype=int)
    rank[order] = np.arange(1, len(order) + 1)
    reasons = np.where(x, "funded: rank " + rank.astype(str) + " is above the cut line",
                       "not funded: rank " + rank.astype(str) + " is below the cut line").astype(object)
    reasons[~allowed] = "not funded: excluded"
    return _finish(prob, x, None, float("nan"), "greedy", reasons)


# --------------------------------------------------------------------------------------
# efficient frontier
# --------------------------------------------------------------------------------------
def _greedy_fill(prob: _Problem, x: np.ndarray, limits, ub, passes: int = 12) -> np.ndarray:
    """Add unselected candidates (best value per unit of scarce resource first) while they fit.

    Only candidates outside every exclusive group, dependency and share row are added, so the
    result stays feasible whenever ``x`` is. Vectorised: each pass funds the longest prefix of
    the ratio order that fits, then drops the first candidate that does not.
    """
    x = x.copy()
    free_of_rules = np.asarray(abs(prob.extra).sum(axis=0)).ravel() == 0 if prob.extra.shape[0] else np.ones(len(x), bool)
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
        cum = np.cumsum(prob.usage[:, pool], axis=1)
        fits = (cum <= slack[:, None] + 1e-9).all(axis=0)
        stop = int(np.argmin(fits)) if not fits.all() else len(pool)
        take = pool[:stop]
        x[take] = 1
        slack = slack - prob.usage[:, take].sum(axis=1)
        rest = pool[stop + 1:]
        pool = rest[(prob.usage[:, rest] <= slack[:, None] + 1e-9).all(axis=0)]
    return x


def _lp_fix(prob: _Problem, limits, lb, ub, inc_x, inc_val):
    """Reduced-cost fixing from the LP relaxation (exact: keeps every solution better than inc)."""
    from scipy import optimize

    a, b = prob.a_ub(limits)
    res = optimize.linprog(-prob.v, A_ub=a if a.shape[0] else None, b_ub=b if a.shape[0] else None,
                           bounds=np.column_stack([lb, ub]), method="highs")
    if res.status != 0:
        return lb, ub, inc_x, inc_val, None
    z_lp = -res.fun
    x_lp = res.x
    # round the LP solution down: feasible for <= rows with the structure we build; check anyway
    x_round = _greedy_fill(prob, np.floor(x_lp + 1e-9), limits, ub)
    if (a @ x_round <= b + 1e-7).all() and (x_round >= lb).all() and prob.v @ x_round > inc_val:
        inc_x, inc_val = x_round, float(prob.v @ x_round)
    gap = z_lp - inc_val
    d_low = res.lower.marginals   # >= 0 at the lower bound (minimisation form)
    d_up = res.upper.marginals    # <= 0 at the upper bound
    tol = 1e-7 * max(1.0, abs(z_lp))
    lb2, ub2 = lb.copy(), ub.copy()
    at0 = (x_lp <= 1e-9) & (d_low > gap + tol)
    at1 = (x_lp >= 1 - 1e-9) & (-d_up > gap + tol)
    ub2[at0 & (lb == 0)] = 0
    lb2[at1 & (ub == 1)] = 1
    return lb2, ub2, inc_x, inc_val, z_lp


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
        Budget levels (k$). An int ``m`` gives m levels evenly spaced from the smallest useful
        budget to the total cost of all candidates.
    other_limits : mapping {column: limit}, optional
        Limits that stay fixed along the frontier (people by skill, ...).
    progress : bool, optional
        Show a tqdm progress bar (default: only when the frontier is large).

    Returns
    -------
    DataFrame
        One row per level (ascending): ``budget``, ``total_value``, ``total_cost``,
        ``n_selected``, ``selected`` (list of ids) and ``marginal_value`` (value added per k$
        since the previous level).

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
    if isinstance(budgets, (int, np.integer)) and not isinstance(budgets, bool):
        m = int(budgets)
        if m < 1:
            raise InputError(f"budgets = {m}: give at least one level.")
        frame = as_frame(candidates, "candidates")
        require_columns(frame, [cost], "candidates")
        total = float(pd.to_numeric(frame[cost], errors="coerce").sum())
        low = float(pd.to_numeric(frame[cost], errors="coerce").min())
        levels = np.linspace(low, total, m)
    else:
        levels = as_float_array(list(budgets) if not isinstance(budgets, np.ndarray) else budgets, "budgets", ndim=1)
        if (levels < 0).any():
            k = int(np.flatnonzero(levels < 0)[0])
            raise InputError(f"budgets[{k}] = {levels[k]:,.6g} is negative: a budget must be >= 0.")
        levels = np.sort(levels)
    limits = {cost: float(levels[-1])}
    if other_limits:
        if cost in other_limits:
            raise InputError(f"other_limits must not limit {cost!r}: the frontier varies it.")
        limits.update(other_limits)
    prob = _build(candidates, limits, value, cost, must, exclude, mutually_exclusive, requires,
                  category, category_limits)
    k_cost = prob.limit_names.index(cost)
    must_need = prob.usage[k_cost, prob.lb > 0].sum()
    n = len(prob.ids)
    if n <= _ENUMERATE_UP_TO:
        return _frontier_table(*_enumerated_frontier(prob, levels, k_cost))
    if progress is None:
        progress = len(levels) * n > 40_000
    iterator = range(len(levels))
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(iterator, desc="efficient frontier", unit="level")
    inc_x = None
    inc_val = -np.inf
    rows = []
    a_full, _ = prob.a_ub()
    for t in iterator:
        b = levels[t]
        if b + 1e-9 < must_need:
            rows.append((b, np.nan, np.nan, 0, [], np.nan))
            continue
        lim = prob.limits.copy()
        lim[k_cost] = b
        lb, ub = prob.lb.copy(), prob.ub.copy()
        if inc_x is None:
            inc_x, inc_val = np.zeros(n), -np.inf
        lb, ub, inc_x, inc_val, z_lp = _lp_fix(prob, lim, lb, ub, inc_x, inc_val)
        if z_lp is None:  # LP infeasible: so is the integer programme at this level
            rows.append((b, np.nan, np.nan, 0, [], np.nan))
            continue
        best_x, best_val = inc_x, inc_val
        if not (np.isfinite(inc_val) and z_lp - inc_val <= mip_rel_gap * max(1.0, abs(z_lp))):
            free = lb < ub
            if free.any():
                fixed1 = (lb == 1) & ~free
                sub = _Problem(prob.ids[free], prob.v[free], prob.cost[free], prob.usage[:, free],
                               lim - prob.usage[:, fixed1].sum(axis=1), prob.limit_names,
                               prob.extra[:, free], prob.extra_b - prob.extra[:, fixed1] @ np.ones(fixed1.sum()),
                               prob.extra_names, lb[free], ub[free], prob.frame, value, cost)
                # the same relative gap on the whole portfolio's value, expressed on the core's
                fixed_val = float(prob.v[fixed1].sum())
                core_gap = mip_rel_gap * max(1.0, abs(z_lp)) / max(1.0, abs(z_lp - fixed_val))
                res = _solve(sub, mip_rel_gap=min(core_gap, 0.01))
                if res.x is not None:
                    x = fixed1.astype(float)
                    x[free] = np.round(res.x)
                    val = float(prob.v @ x)
                    if val > best_val:
                        best_x, best_val = x, val
            else:
                x = lb.copy()
                if (a_full @ x <= np.concatenate([lim, prob.extra_b]) + 1e-7).all() and prob.v @ x > best_val:
                    best_x, best_val = x, float(prob.v @ x)
        if not np.isfinite(best_val):
            rows.append((b, np.nan, np.nan, 0, [], np.nan))
            continue
        inc_x, inc_val = best_x, best_val
        xb = best_x.astype(bool)
        rows.append((b, best_val, float(prob.cost[xb].sum()), int(xb.sum()), list(prob.ids[xb]), np.nan))
    return _frontier_table(rows)


#: Up to this many candidates the frontier enumerates every combination (2**14 = 16,384):
#: exact, vectorised, and faster than one solver call per level.
_ENUMERATE_UP_TO = 14


def _enumerated_frontier(prob: _Problem, levels: np.ndarray, k_cost: int):
    n = len(prob.ids)
    x = ((np.arange(2 ** n)[:, None] >> np.arange(n)[None, :]) & 1).astype(float)
    ok = ((x >= prob.lb) & (x <= prob.ub)).all(axis=1)
    other = [k for k in range(len(prob.limit_names)) if k != k_cost]
    if other:
        ok &= (x @ prob.usage[other].T <= prob.limits[other] + 1e-9).all(axis=1)
    if prob.extra.shape[0]:
        ok &= (prob.extra @ x.T <= prob.extra_b[:, None] + 1e-9).all(axis=0)
    x = x[ok]
    value = x @ prob.v
    spend = x @ prob.usage[k_cost]
    order = np.lexsort((-value, spend))            # by spend, best value first among equal spend
    value, spend, x = value[order], spend[order], x[order]
    running = np.maximum.accumulate(value) if len(value) else value
    best_at = np.zeros(len(value), dtype=int)
    if len(value):
        is_new = np.r_[True, value[1:] > running[:-1]]
        best_at = np.maximum.accumulate(np.where(is_new, np.arange(len(value)), 0))
    pos = np.searchsorted(spend, levels + 1e-9, side="right") - 1
    ids = np.asarray(prob.ids, dtype=object)
    cost_of = x @ prob.cost
    rows = []
    for b, p in zip(levels, pos, strict=True):
        if p < 0:
            rows.append((b, np.nan, np.nan, 0, [], np.nan))
            continue
        k = best_at[p]
        xb = x[k] > 0.5
        rows.append((b, float(value[k]), float(cost_of[k]), int(xb.sum()), ids[xb].tolist(), np.nan))
    return (rows,)


def _frontier_table(rows) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=["budget", "total_value", "total_cost", "n_selected", "selected",
                                      "marginal_value"])
    dv = out["total_value"].diff()
    db = out["budget"].diff()
    out["marginal_value"] = np.where(db > 0, dv / db.where(db > 0), np.nan)
    out["n_selected"] = out["n_selected"].astype(int)
    return out


# --------------------------------------------------------------------------------------
# balance, capacity, what-if, zombies
# --------------------------------------------------------------------------------------
def category_balance(candidates, selected=None, *, category="category", weight="cost", targets=None) -> pd.DataFrame:
    """Strategic buckets: the share of spend per category, against target shares.

        share_c = sum of `weight` over selected rows in category c / total over selected rows

    Parameters
    ----------
    candidates : DataFrame
        Rows with ``id``, ``category`` and the ``weight`` column (k$).
    selected : iterable of ids, Selection, or None
        The funded rows (default: every row).
    targets : mapping {category: share}, optional
        The board's target mix (fractions).

    Returns
    -------
    DataFrame
        Indexed by category: ``amount``, ``share``, ``n`` and, with targets, ``target`` and
        ``gap`` (share - target).

    Examples
    --------
    >>> df = pd.DataFrame({"id": ["A", "B", "C"], "category": ["growth", "growth", "innovation"],
    ...                    "cost": [300, 500, 200]})
    >>> category_balance(df, targets={"growth": 0.7, "innovation": 0.3})[["share", "gap"]].round(2).values.tolist()
    [[0.8, 0.1], [0.2, -0.1]]
    """
    frame = as_frame(candidates, "candidates")
    require_columns(frame, ["id", category, weight], "candidates")
    if isinstance(selected, Selection):
        selected = selected.selected
    if selected is not None:
        sel = list(selected)
        require_known_ids(sel, frame["id"], "selected", what="candidate id")
        frame = frame[frame["id"].isin(sel)]
    w = _numeric_block(frame, [weight], "candidates", pd.Index(frame["id"]))[:, 0] if len(frame) else np.array([])
    codes, cats = pd.factorize(frame[category].astype(str), sort=True)
    out = pd.DataFrame({"amount": np.bincount(codes, weights=w, minlength=len(cats)),
                        "n": np.bincount(codes, minlength=len(cats))}, index=pd.Index(cats, name="category"))
    total = out["amount"].sum()
    out["share"] = out["amount"] / total if total > 0 else 0.0
    if targets is not None:
        t = pd.Series(targets, dtype=float)
        if (t < 0).any() or t.sum() > 1 + 1e-9:
            raise InputError("targets must be fractions >= 0 that sum to at most 1.")
        out = out.reindex(out.index.union(t.index), fill_value=0)
        out["target"] = t.reindex(out.index).fillna(0.0)
        out["gap"] = out["share"] - out["target"]
    out.index.name = "category"
    return out[["amount", "share", "n"] + (["target", "gap"] if targets is not None else [])]


def staff_columns(demand, *, year=None, prefix="fte") -> pd.DataFrame:
    """One row per project and one column ``fte_<skill>_<year>`` per (skill, year) of demand.

    Parameters
    ----------
    demand : DataFrame
        Columns ``project_id``, ``skill``, ``year``, ``fte`` (like ``staff_demand.csv``).
    year : int, optional
        Keep one year only.

    Returns
    -------
    DataFrame
        Indexed by project id, zeros where a project needs none of a skill. Join it to the
        candidates, then limit the columns in :func:`select` (see :func:`capacity_limits`).

    Examples
    --------
    >>> d = pd.DataFrame({"project_id": ["A", "A", "B"], "skill": ["dev", "ds", "dev"],
    ...                   "year": [2027, 2027, 2027], "fte": [1.0, 0.5, 2.0]})
    >>> staff_columns(d).to_dict("index")
    {'A': {'fte_dev_2027': 1.0, 'fte_ds_2027': 0.5}, 'B': {'fte_dev_2027': 2.0, 'fte_ds_2027': 0.0}}
    """
    d = as_frame(demand, "demand")
    require_columns(d, ["project_id", "skill", "year", "fte"], "demand")
    if year is not None:
        d = d[d["year"] == year]
    fte = _numeric_block(d, ["fte"], "demand", pd.Index(d["project_id"]))[:, 0] if len(d) else np.array([])
    if (fte < 0).any():
        raise InputError("demand: fte must be >= 0.")
    d = d.assign(fte=fte, column=prefix + "_" + d["skill"].astype(str) + "_" + d["year"].astype(str))
    wide = d.pivot_table(index="project_id", columns="column", values="fte", aggfunc="sum", fill_value=0.0)
    wide.columns.name = None
    wide.index.name = "id"
    return wide.astype(float)


def capacity_limits(resources, columns) -> dict:
    """Capacity (FTE) per ``fte_<skill>_<year>`` column: the sum of ``capacity`` per skill.

    >>> r = pd.DataFrame({"skill": ["ds", "ds", "dev"], "capacity": [1.0, 0.5, 1.0]})
    >>> capacity_limits(r, ["fte_ds_2027", "fte_dev_2027"])
    {'fte_ds_2027': 1.5, 'fte_dev_2027': 1.0}
    """
    res = as_frame(resources, "resources")
    require_columns(res, ["skill", "capacity"], "resources")
    cap = res.groupby("skill")["capacity"].sum()
    out = {}
    for col in columns:
        parts = str(col).split("_")
        if len(parts) < 3 or not parts[-1].isdigit():
            raise InputError(f"column {col!r} is not of the form fte_<skill>_<year>.")
        skill = "_".join(parts[1:-1])
        out[col] = float(cap.get(skill, 0.0))
    return out


def capacity_check(demand, resources, *, year=None) -> pd.DataFrame:
    """Resource optimisation at portfolio level: demand vs capacity per skill and year.

        gap = demand - capacity;   shortfall_share = gap / demand  (when gap > 0)

    Parameters
    ----------
    demand : DataFrame
        ``project_id``, ``skill``, ``year``, ``fte`` (e.g. the candidates' ``staff_demand``).
    resources : DataFrame
        ``skill``, ``capacity`` (FTE), one row per person.
    year : int, optional
        Keep one year.

    Returns
    -------
    DataFrame
        Indexed by (year, skill): ``demand``, ``capacity``, ``gap`` and ``shortfall_share``
        (0 when capacity suffices), worst shortfall first.

    Examples
    --------
    >>> d = pd.DataFrame({"project_id": ["A", "B"], "skill": ["ds", "ds"], "year": [2027, 2027],
    ...                   "fte": [3.0, 2.0]})
    >>> r = pd.DataFrame({"skill": ["ds"] * 4, "capacity": [1.0] * 4})
    >>> capacity_check(d, r).loc[(2027, "ds"), ["demand", "capacity", "shortfall_share"]].tolist()
    [5.0, 4.0, 0.2]
    """
    d = as_frame(demand, "demand")
    require_columns(d, ["project_id", "skill", "year", "fte"], "demand")
    res = as_frame(resources, "resources")
    require_columns(res, ["skill", "capacity"], "resources")
    if year is not None:
        d = d[d["year"] == year]
    d = d.assign(fte=_numeric_block(d, ["fte"], "demand", pd.Index(d["project_id"]))[:, 0] if len(d) else [])
    dem = d.groupby(["year", "skill"])["fte"].sum().rename("demand").to_frame()
    cap = res.groupby("skill")["capacity"].sum()
    dem["capacity"] = cap.reindex(dem.index.get_level_values("skill")).fillna(0.0).to_numpy()
    dem["gap"] = dem["demand"] - dem["capacity"]
    dem["shortfall_share"] = np.where(dem["gap"] > 0, dem["gap"] / dem["demand"].where(dem["demand"] > 0, 1), 0.0)
    return dem.sort_values(["shortfall_share", "gap"], ascending=False)


@dataclass
class WhatIf:
    """Result of :func:`what_if`: the two selections and what changed between them.

    ``table`` has one row per candidate or stopped project with ``before``, ``after`` and
    ``change`` (``funded``: newly funded; ``delayed``: funded before, squeezed out now;
    ``halted``: funded before, excluded by the scenario; ``kept``; ``not funded``;
    ``stopped``: an in-flight project stopped); ``freed`` is the money the stopped projects
    release (k$).
    """

    base: Selection
    scenario: Selection
    table: pd.DataFrame
    freed: float

    def ids(self, change: str) -> list:
        return list(self.table.index[self.table["change"] == change])

    @property
    def funded(self) -> list:
        return self.ids("funded")

    @property
    def delayed(self) -> list:
        return self.ids("delayed")

    @property
    def halted(self) -> list:
        return self.ids("halted")

    @property
    def stopped(self) -> list:
        return self.ids("stopped")

    def __str__(self):
        return (f"before: {len(self.base.selected)} funded, value {self.base.total_value:,.1f}; after: "
                f"{len(self.scenario.selected)} funded, value {self.scenario.total_value:,.1f}. "
                f"Newly funded: {', '.join(self.funded) or 'none'}; delayed: {', '.join(self.delayed) or 'none'}; "
                f"halted: {', '.join(self.halted) or 'none'}; "
                f"stopped: {', '.join(self.stopped) or 'none'} (frees {self.freed:,.0f} k$).")


def what_if(candidates, budget, value="npv", cost="cost", *, new_budget=None, new_value=None,
            stop=None, add_must=(), add_exclude=(), must=(), exclude=(), **select_kw) -> WhatIf:
    """Re-run the optimal selection after a change and report what changed.

    The base case is ``select(candidates, budget, value, cost, must, exclude, ...)``. The
    scenario applies the changes: a new budget (a cut), new values (new strategy weights give
    new scores), in-flight projects stopped (their money is added to the ``cost`` budget), and
    extra must-funds / exclusions (halt every R&D candidate, fund the cost-saving project).

    Parameters
    ----------
    candidates, budget, value, cost, must, exclude, **select_kw
        The base case, as in :func:`select`.
    new_budget : number or mapping, optional
        The scenario's budget (default: the base budget).
    new_value : Series (by id), array or str, optional
        The scenario's values, e.g. scores under new strategy weights, or another column name.
    stop : Series {in-flight id: money freed (k$)}, optional
        Projects stopped; their freed money (e.g. the ETC from :func:`zombies`) is added to
        the scenario's ``cost`` budget.
    add_must, add_exclude : iterable of ids
        Extra decisions of the scenario.

    Returns
    -------
    WhatIf
        ``.base``, ``.scenario`` (Selections), ``.table`` (before / after / change per id),
        ``.funded``, ``.delayed``, ``.stopped``, ``.freed``.

    Examples
    --------
    >>> df = pd.DataFrame({"id": ["A", "B", "C"], "npv": [10, 7, 6], "cost": [6, 4, 3]})
    >>> w = what_if(df, 10, new_budget=7)
    >>> w.base.selected, w.scenario.selected, w.delayed
    (['A', 'B'], ['B', 'C'], ['A'])
    """
    base = select(candidates, budget, value, cost, must=must, exclude=exclude, **select_kw)
    frame = as_frame(candidates, "candidates")
    scen_value = value
    if new_value is not None:
        if isinstance(new_value, str):
            require_columns(frame, [new_value], "candidates")
            scen_value = new_value
        else:
            if isinstance(new_value, pd.Series):
                require_known_ids(list(frame["id"]), new_value.index, "new_value (its index)", what="candidate id")
                vals = new_value.reindex(frame["id"]).to_numpy(dtype=float)
            else:
                vals = as_float_array(new_value, "new_value", ndim=1)
                if len(vals) != len(frame):
                    raise InputError(f"new_value has {len(vals)} values for {len(frame)} candidates.")
            scen_value = "__scenario_value"
            frame[scen_value] = vals
    nb = budget if new_budget is None else new_budget
    freed = 0.0
    stopped = pd.Series(dtype=float)
    if stop is not None:
        stopped = pd.Series(stop, dtype=float) if not isinstance(stop, pd.Series) else stop.astype(float)
        if stopped.isna().any():
            raise InputError(f"stop[{stopped.index[stopped.isna()][0]!r}] is NaN: give the money it frees (k$).")
        freed = float(stopped.clip(lower=0).sum())
    if isinstance(nb, Mapping):
        nb = dict(nb)
        if cost in nb or freed:
            if cost not in nb and cost not in base.constraints.index:
                raise InputError(f"new_budget has no {cost!r} limit to add the freed money to: give one.")
            nb[cost] = as_number(nb.get(cost, base.constraints.loc[cost, "limit"]), "new_budget") + freed
    else:
        nb = as_number(nb, "new_budget") + freed
    scen = select(frame, nb, scen_value, cost, must=list(_as_id_list(must, "must")) + _as_id_list(add_must, "add_must"),
                  exclude=list(_as_id_list(exclude, "exclude")) + _as_id_list(add_exclude, "add_exclude"),
                  **select_kw)
    before = base.table["selected"]
    after = scen.table["selected"].reindex(before.index)
    halted = before.index.isin(_as_id_list(add_exclude, "add_exclude"))
    change = np.select([before & after, ~before & after, before & ~after & halted, before & ~after],
                       ["kept", "funded", "halted", "delayed"], default="not funded")
    table = pd.DataFrame({"before": before, "after": after, "change": change, "freed": 0.0,
                          "reason": scen.table["reason"].reindex(before.index)})
    if len(stopped):
        st = pd.DataFrame({"before": True, "after": False, "change": "stopped", "freed": stopped.to_numpy(),
                           "reason": "stopped: its remaining money is redirected"}, index=stopped.index)
        table = pd.concat([table, st])
    table.index.name = "id"
    if scen_value == "__scenario_value":
        scen.value = "new value"
        scen.table = scen.table.drop(columns="__scenario_value")
    return WhatIf(base, scen, table, freed)


def zombies(projects, status=None, *, weights=None, fit_scale=(0, 5), min_fit=0.3, min_index=0.9,
            min_flags=2, status_date=None) -> pd.DataFrame:
    """Find zombie projects: in-flight work that keeps spending while it no longer pays off.

    Three warning flags per in-flight project:

    - ``low_fit``: strategic alignment (:func:`weighted_score` of the ``fit_*`` columns on
      their 0-5 scale) below ``min_fit``;
    - ``poor_performance``: CPI or SPI below ``min_index`` (PMI earned value, through
      :func:`pmlib.evm.metrics` at the latest status period);
    - ``negative_value``: the business case no longer pays, ``npv - (eac - bac) < 0``: the
      NPV less the forecast overrun (EAC = BAC / CPI).

    A project with at least ``min_flags`` flags is a zombie. Stopping it frees its estimate
    to complete ``etc = eac - ac`` (the money it would still consume); ``remaining_budget`` is
    ``bac - ac``.

    Parameters
    ----------
    projects : DataFrame
        Rows of ``projects.csv`` (only ``status == "in_flight"`` rows are examined when a
        ``status`` column is present): ``id``, ``cost`` (BAC, k$), ``npv`` (k$), ``fit_*``.
        Without ``status``, the rows must carry ``cpi``, ``spi`` and ``ac`` columns.
    status : DataFrame, optional
        Cumulative status per period (``status_periods.csv``): ``project_id``, ``period``,
        ``pv``, ``ev``, ``ac`` (k$); the latest period with an ``ev`` (up to ``status_date``)
        is used.
    weights : mapping {objective id: weight}, optional
        Strategy weights (default: equal weights over the ``fit_*`` columns).
    min_fit, min_index, min_flags : float, float, int
        Thresholds.

    Returns
    -------
    DataFrame
        Indexed by id: ``alignment``, ``cpi``, ``spi``, ``eac``, ``etc``, ``remaining_budget``,
        ``forecast_value``, the three flags, ``flags``, ``zombie`` and ``freed`` (the ETC of
        zombies, 0 otherwise), zombies first.

    Examples
    --------
    >>> p = pd.DataFrame({"id": ["Z", "OK"], "cost": [1000.0, 1000.0], "npv": [-50.0, 400.0],
    ...                   "fit_growth": [1, 4], "cpi": [0.8, 1.0], "spi": [0.7, 0.95], "ac": [500.0, 500.0]})
    >>> z = zombies(p)
    >>> z["zombie"].to_dict(), float(z.loc["Z", "freed"])
    ({'Z': True, 'OK': False}, 750.0)

    References
    ----------
    PMI, *The Standard for Portfolio Management* (portfolio review: terminate misaligned
    components); PMI, *Practice Standard for Earned Value Management* (CPI, SPI, EAC, ETC).
    """
    frame = as_frame(projects, "projects")
    require_columns(frame, ["id", "cost", "npv"], "projects")
    if "status" in frame.columns:
        frame = frame[frame["status"] == "in_flight"]
    if frame.empty:
        raise InputError("projects has no in-flight project to examine.")
    fits = [c for c in frame.columns if c.startswith("fit_")]
    if not fits:
        raise InputError(f"projects has no fit_<objective> columns; columns found: {', '.join(frame.columns)}.")
    if weights is None:
        weights = {c: 1.0 for c in fits}
    ids = pd.Index(frame["id"], name="id")
    alignment = weighted_score(frame, weights, scale=fit_scale).to_numpy()
    bac = _numeric_block(frame, ["cost"], "projects", ids)[:, 0]
    npv = _numeric_block(frame, ["npv"], "projects", ids)[:, 0]
    if status is not None:
        from . import evm

        st = as_frame(status, "status")
        require_columns(st, ["project_id", "period", "pv", "ev", "ac"], "status")
        st = st[st["ev"].notna()]
        if status_date is not None and "date" in st.columns:
            st = st[pd.to_datetime(st["date"]) <= pd.Timestamp(status_date)]
        latest = st.sort_values("period").groupby("project_id").tail(1).set_index("project_id")
        missing = [i for i in ids if i not in latest.index]
        if missing:
            raise InputError(f"status has no reported period for in-flight project(s) {', '.join(map(str, missing))}: "
                             "add their status or drop them from projects.")
        latest = latest.reindex(ids)
        pv, ev, ac = (latest[c].to_numpy(dtype=float) for c in ("pv", "ev", "ac"))
        m = evm.metrics(pv=pv, ev=ev, ac=ac, bac=bac)
        cpi = np.asarray(m["cpi"], dtype=float)
        spi = np.asarray(m["spi"], dtype=float)
        eac = np.asarray(m["eac"], dtype=float)
    else:
        require_columns(frame, ["cpi", "spi", "ac"], "projects (without status)")
        block = _numeric_block(frame, ["cpi", "spi", "ac"], "projects", ids)
        cpi, spi, ac = block[:, 0], block[:, 1], block[:, 2]
        if (cpi <= 0).any():
            raise InputError(f"projects: row {ids[int(np.flatnonzero(cpi <= 0)[0])]!r} has CPI <= 0.")
        eac = bac / cpi  # PMI: EAC = BAC / CPI (typical variances)
    etc = eac - ac
    forecast_value = npv - (eac - bac)
    out = pd.DataFrame({"name": frame["name"].to_numpy() if "name" in frame.columns else ids.to_numpy(),
                        "alignment": alignment, "cpi": cpi, "spi": spi, "bac": bac, "ac": ac, "eac": eac,
                        "etc": etc, "remaining_budget": bac - ac, "npv": npv,
                        "forecast_value": forecast_value}, index=ids)
    out["low_fit"] = out["alignment"] < min_fit
    out["poor_performance"] = (out["cpi"] < min_index) | (out["spi"] < min_index)
    out["negative_value"] = out["forecast_value"] < 0
    out["flags"] = out[["low_fit", "poor_performance", "negative_value"]].sum(axis=1).astype(int)
    out["zombie"] = out["flags"] >= min_flags
    out["freed"] = np.where(out["zombie"], np.maximum(out["etc"], 0.0), 0.0)
    return out.sort_values(["zombie", "flags", "alignment"], ascending=[False, False, True])

