"""Saaty's Analytic Hierarchy Process: weights from pairwise judgements, consistency, synthesis."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._validate import (
    Text,
    align_frames,
    as_float_array,
    as_float_columns,
    as_frame,
    as_number,
    check_range,
    params,
    require_known_ids,
    require_unique_ids,
    require_unique_rows,
)
from ..errors import InputError

__all__ = ["RANDOM_INDEX", "AHPResult", "ahp", "pairwise_matrix", "synthesize"]

#: Saaty's random consistency index RI by matrix size n: the mean consistency index of random
#: reciprocal matrices. n = 3..10 from Saaty (1980); n = 11..15 from Saaty's extended table
#: (T. L. Saaty and L. G. Vargas, *Models, Methods, Concepts & Applications of the Analytic
#: Hierarchy Process*, 2nd ed., 2012). Matrices of 1 or 2 items are always consistent.
RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49,
                11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59}

#: The largest matrix with a published random index (and far more items than a judge can compare
#: consistently: Saaty advises 7 +- 2 per level of the hierarchy).
MAX_ITEMS = max(RANDOM_INDEX)


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
        Saaty's random index for size ``n`` (:data:`RANDOM_INDEX`).
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


def _square_matrix(matrix, labels) -> tuple[np.ndarray, list]:
    """The matrix as floats with one label per row; a DataFrame's columns aligned to its rows."""
    if isinstance(matrix, pd.DataFrame):
        rows, cols = list(matrix.index), list(matrix.columns)
        require_unique_ids(pd.Series(rows, dtype=object), "matrix (its rows)")
        if set(map(str, rows)) != set(map(str, cols)) or len(rows) != len(cols):
            raise InputError(f"matrix: its rows and columns must list the same items (rows {rows}, columns {cols}).")
        by_text = {str(c): c for c in cols}
        matrix = matrix[[by_text[str(r)] for r in rows]]  # columns paired with rows by label
        labels = rows if labels is None else labels
    a = as_float_array(matrix, "matrix", ndim=2)
    n = a.shape[0]
    if a.shape != (n, n):
        raise InputError(f"matrix must be square (n x n), got shape {a.shape}: one row and one column per item.")
    if n > MAX_ITEMS:
        raise InputError(f"matrix compares {n} items; Saaty's random index is published up to n = {MAX_ITEMS}. "
                         "Group the items into a hierarchy (7 +- 2 per level) and compare within each group.")
    labels = list(range(n)) if labels is None else list(labels)
    if len(labels) != n:
        raise InputError(f"labels has {len(labels)} names for a {n} x {n} matrix: give one per row.")
    require_unique_ids(pd.Series(labels, dtype=object), "labels")
    return a, labels


def _check_reciprocal(a: np.ndarray, labels: list) -> None:
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


def ahp(matrix, *, labels=None) -> AHPResult:
    """Priority weights of a pairwise comparison matrix (Saaty's eigenvector method).

    The priority vector ``w`` solves ``A w = lambda_max w`` for the principal eigenvalue of
    the positive reciprocal matrix ``A`` (``a_ji = 1 / a_ij``, ``a_ii = 1``), normalised so
    that ``sum(w) = 1``. Consistency:

        CI = (lambda_max - n) / (n - 1),      CR = CI / RI(n)

    with Saaty's random index RI (0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49 for
    n = 3..10; the extended 1.51, 1.48, 1.56, 1.57, 1.59 for n = 11..15). A CR up to 0.10 is
    acceptable (Saaty, *The Analytic Hierarchy Process*, 1980).

    Parameters
    ----------
    matrix : array-like (n, n) or DataFrame
        ``matrix[i][j]`` is how many times more important item i is than item j on Saaty's
        1-9 scale, n <= 15. A DataFrame's index gives the labels and its columns are matched
        to the rows by label.
    labels : sequence of str, optional
        Names of the items (default: the DataFrame's index, else 0..n-1); unique.

    Returns
    -------
    AHPResult
        ``.weights`` (Series), ``.lambda_max``, ``.ci``, ``.ri``, ``.cr``, ``.consistent``.

    Raises
    ------
    InputError
        Not square, more than 15 items, NaN / inf / text / booleans, not positive, a diagonal
        entry other than 1, not reciprocal, rows and columns naming different items.

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
    a, labels = _square_matrix(matrix, labels)
    _check_reciprocal(a, labels)
    n = a.shape[0]
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    lam = float(values[k].real)
    w = np.abs(vectors[:, k].real)
    w = w / w.sum()
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    ci = max(ci, 0.0) if abs(ci) < 1e-12 else ci
    ri = RANDOM_INDEX[n]
    cr = ci / ri if n > 2 else 0.0
    index = pd.Index(labels)
    return AHPResult(pd.Series(w, index=index, name="weight"), lam, float(ci), float(ri), float(cr),
                     pd.DataFrame(a, index=index, columns=index))


def _judgement_rows(judgements, row, col, value, judge) -> pd.DataFrame:
    """One row per judgement: i, j, v (checked numbers) and the judge when known."""
    if isinstance(judgements, Mapping):
        rows = []
        for key, v in judgements.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise InputError(f"judgements: key {key!r} must be a pair (item, other item).")
            given = v if isinstance(v, list | tuple | np.ndarray | pd.Series) else [v]
            for k, x in enumerate(given):
                rows.append((key[0], key[1], as_number(x, f"judgements[{key!r}]" + (f"[{k}]" if len(given) > 1 else ""))))
        return pd.DataFrame(rows, columns=["i", "j", "v"])
    df = as_frame(judgements, "judgements")
    has_judge = judge is not None and judge in df.columns
    if has_judge:  # one judgement per judge and pair: a repeated row would count that judge twice
        pair = pd.DataFrame({"judge": df[judge], "a": df[row].astype(str), "b": df[col].astype(str)})
        pair[["a", "b"]] = np.sort(pair[["a", "b"]].to_numpy(), axis=1)
        require_unique_rows(pair, ["judge", "a", "b"], f"judgements ({judge}, pair)")
    labels = [f"{k} ({a} vs {b})" for k, (a, b) in enumerate(zip(df[row], df[col], strict=True))]
    v = as_float_columns(df, [value], "judgements", labels=labels)[:, 0]
    return pd.DataFrame({"i": df[row].to_numpy(), "j": df[col].to_numpy(), "v": v})


@params(row=Text(), col=Text(), value=Text(), judge=Text(allow_none=True))
def pairwise_matrix(judgements, items=None, *, row="objective_id", col="versus_id",
                    value="judgement", judge="executive") -> pd.DataFrame:
    """Build the reciprocal comparison matrix from pairwise judgements.

    Each judgement ``(i, j, v)`` sets ``a_ij = v`` and ``a_ji = 1 / v``. When several judges
    give the same pair (one row per executive), they are combined with the **geometric mean**,
    the aggregation that keeps the matrix reciprocal (Aczél and Saaty, 1983).

    Parameters
    ----------
    judgements : DataFrame or mapping
        A table with the columns ``row``, ``col`` and ``value`` (and ``judge`` when known), or
        a dict ``{(i, j): v}`` (a list of values for several judges).
    items : sequence, optional
        Order of the rows and columns (default: order of first appearance).
    row, col, value : str
        Column names of the table form.
    judge : str or None
        Column naming who judged (default ``"executive"``, used when present): each judge
        compares each pair once.

    Returns
    -------
    DataFrame
        The n x n matrix, ready for :func:`ahp`.

    Raises
    ------
    InputError
        A missing pair (named), a judgement that is not a positive finite number, an item
        compared with itself, a judge comparing the same pair twice.

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
    df = _judgement_rows(judgements, row, col, value, judge)
    if df.empty:
        raise InputError("judgements is empty: give at least one pair.")
    check_range(df["v"], "judgements", gt=0, labels=[f"{a} vs {b}" for a, b in zip(df["i"], df["j"], strict=True)])
    same = (df["i"] == df["j"]).to_numpy()
    if same.any():
        k = int(np.flatnonzero(same)[0])
        raise InputError(f"judgements row {k} compares {df['i'].iloc[k]!r} with itself: drop it (it is 1).")
    items = list(dict.fromkeys(list(df["i"]) + list(df["j"]))) if items is None else list(items)
    require_unique_ids(pd.Series(items, dtype=object), "items")
    require_known_ids(list(df["i"]) + list(df["j"]), items, "judgements", what="item")
    pos = pd.Index(items)
    i, j, logv = pos.get_indexer(df["i"]), pos.get_indexer(df["j"]), np.log(df["v"].to_numpy())
    n = len(items)
    # log-judgements of both orientations; the geometric mean is the mean of logs
    log_sum, count = np.zeros((n, n)), np.zeros((n, n))
    np.add.at(log_sum, (i, j), logv)
    np.add.at(log_sum, (j, i), -logv)
    np.add.at(count, (i, j), 1)
    np.add.at(count, (j, i), 1)
    off = ~np.eye(n, dtype=bool)
    missing = off & (count == 0)
    if missing.any():
        a, b = np.argwhere(missing)[0]
        raise InputError(f"judgements has no comparison of {items[a]!r} with {items[b]!r}: "
                         f"every pair of the {n} items needs a judgement ({n * (n - 1) // 2} pairs).")
    m = np.where(off, np.exp(log_sum / np.maximum(count, 1)), 1.0)
    return pd.DataFrame(m, index=pos, columns=pos)


def _local_priorities(criterion, given) -> pd.Series:
    if isinstance(given, AHPResult):
        return given.weights
    if isinstance(given, pd.Series):
        p = as_float_array(given, f"alternatives[{criterion!r}]", ndim=1)
        check_range(p, f"alternatives[{criterion!r}]", ge=0, labels=list(given.index))
        if p.sum() <= 0:
            raise InputError(f"alternatives[{criterion!r}] are all 0: give positive local priorities.")
        require_unique_ids(pd.Series(given.index, dtype=object), f"alternatives[{criterion!r}]")
        return pd.Series(p / p.sum(), index=given.index)
    return ahp(given).weights


def synthesize(criteria, alternatives) -> pd.DataFrame:
    """Hierarchical synthesis (AHP): global priority of each alternative.

        priority_k = sum_c  w_c * p_kc

    where ``w_c`` are the criteria weights and ``p_kc`` the local priority of alternative k
    under criterion c (Saaty's distributive mode).

    Parameters
    ----------
    criteria : AHPResult, Series or mapping
        Criteria weights (normalised to sum to 1 here), finite and >= 0.
    alternatives : mapping criterion -> AHPResult, matrix or Series
        Each criterion's comparison of the alternatives (a matrix goes through :func:`ahp`)
        or their local priorities. Every criterion compares the same alternatives; they are
        paired by label, in any order.

    Returns
    -------
    DataFrame
        One row per alternative: the local priority under each criterion and ``priority``,
        sorted best first.

    Examples
    --------
    >>> crit = pd.Series({"cost": 0.75, "speed": 0.25})
    >>> alts = {"cost": pd.Series({"x": 0.2, "y": 0.8}), "speed": pd.Series({"y": 0.1, "x": 0.9})}
    >>> synthesize(crit, alts)["priority"].round(3).to_dict()
    {'y': 0.625, 'x': 0.375}
    """
    w = criteria.weights if isinstance(criteria, AHPResult) else pd.Series(criteria, dtype=object)
    require_unique_ids(pd.Series(w.index, dtype=object), "criteria")
    values = as_float_array(w, "criteria", ndim=1)
    check_range(values, "criteria", ge=0, labels=list(w.index))
    if values.sum() <= 0:
        raise InputError("criteria weights all equal 0: give at least one positive weight.")
    w = pd.Series(values / values.sum(), index=w.index)
    if not isinstance(alternatives, Mapping):
        raise InputError("alternatives must be a dict {criterion: comparison matrix or priorities}.")
    require_known_ids(list(alternatives), list(w.index), "alternatives", what="criterion")
    missing = [c for c in w.index if c not in alternatives]
    if missing:
        raise InputError(f"alternatives has no comparison for criterion/criteria {', '.join(map(str, missing))}.")
    local = align_frames({f"alternatives[{c!r}]": _local_priorities(c, alternatives[c]) for c in w.index})
    table = pd.DataFrame({c: p for c, p in zip(w.index, local.values(), strict=True)})
    table["priority"] = table[list(w.index)].to_numpy() @ w.to_numpy()
    return table.sort_values("priority", ascending=False)
