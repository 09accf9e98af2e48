"""Prioritisation frameworks: weighted scoring, RICE, cost of delay and WSJF, and their comparison."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._validate import (
    align_frames,
    aligned_arrays,
    as_float_array,
    as_float_columns,
    as_frame,
    as_number,
    check_range,
    require_unique_ids,
)
from ..errors import InputError

__all__ = ["weighted_score", "rice", "cost_of_delay", "wsjf", "compare_rankings"]


def row_ids(frame: pd.DataFrame, name: str) -> pd.Index:
    """The rows' ids: the ``id`` column when there is one, else the index; unique."""
    ids = pd.Index(frame["id"], name="id") if "id" in frame.columns else frame.index
    require_unique_ids(pd.Series(ids, dtype=object), name)
    return ids


def _labelled(result: np.ndarray, index, name: str | None = None):
    """A Series on ``index`` when an input was labelled; else a float or an ndarray."""
    if index is not None:
        return pd.Series(result, index=index, name=name)
    return float(result) if np.ndim(result) == 0 else np.asarray(result)


def _weights(weights) -> pd.Series:
    w = weights if isinstance(weights, pd.Series) else pd.Series(dict(weights) if isinstance(weights, Mapping)
                                                                    else weights, dtype=object)
    if w.empty:
        raise InputError("weights is empty: give {criterion: weight}.")
    require_unique_ids(pd.Series(w.index, dtype=object), "weights")
    values = as_float_array(w, "weights", ndim=1)
    check_range(values, "weights", ge=0, labels=list(w.index))
    if values.sum() <= 0:
        raise InputError("weights all equal 0: give at least one positive weight.")
    return pd.Series(values / values.sum(), index=w.index)


def _criteria_columns(frame: pd.DataFrame, keys) -> list[str]:
    cols = []
    for key in keys:
        if key in frame.columns:
            cols.append(key)
        elif f"fit_{key}" in frame.columns:
            cols.append(f"fit_{key}")
        else:
            raise InputError(f"weights names criterion {key!r}, which is neither a column nor a fit_{key} column; "
                             f"columns found: {', '.join(map(str, frame.columns))}.")
    return cols


def _scale_bounds(scale, cols, keys) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(scale, Mapping):
        unknown = [s for s in scale if s not in set(cols) | set(keys)]
        if unknown:
            raise InputError(f"scale names {', '.join(map(repr, unknown))}, which is not a weighted criterion.")
        per = [scale.get(c, scale.get(k)) for c, k in zip(cols, keys, strict=True)]
        if any(p is None for p in per):
            raise InputError("scale must give (lo, hi) for every criterion when it is a dict.")
    else:
        per = [scale] * len(cols)
    try:
        lo = np.array([as_number(p[0], "scale (lo)") for p in per])
        hi = np.array([as_number(p[1], "scale (hi)") for p in per])
    except (TypeError, IndexError, KeyError):
        raise InputError("scale must be (lo, hi), or a dict {criterion: (lo, hi)}.") from None
    if (hi <= lo).any():
        raise InputError("scale: each (lo, hi) needs hi > lo.")
    return lo, hi


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
        One row per candidate; an ``id`` column (unique) labels the result.
    weights : mapping or Series  {criterion: weight}
        A criterion is a column name; an objective id ``x`` also finds the column ``fit_x``,
        so ``objectives.set_index("id")["weight"]`` works as is. Finite, >= 0.
    scale : (lo, hi) or mapping {criterion: (lo, hi)}, optional
        The criterion's documented scale, e.g. ``(0, 5)`` for the fit columns; a value outside
        it is an error. Without it a criterion is min-max scaled over the rows given (a
        constant column scores 0).
    lower_is_better : iterable of str
        Criteria (weighted ones) where less is better.

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
    w = _weights(weights)
    keys = list(w.index)
    cols = _criteria_columns(frame, keys)
    ids = row_ids(frame, "df")
    x = as_float_columns(frame, cols, "df", labels=ids)
    if scale is None:
        lo, hi = x.min(axis=0), x.max(axis=0)
    else:
        lo, hi = _scale_bounds(scale, cols, keys)
        for k, col in enumerate(cols):
            check_range(x[:, k], f"df.{col}", ge=lo[k], le=hi[k], labels=ids)
    lower = [lower_is_better] if isinstance(lower_is_better, str) else list(lower_is_better)
    unknown = [c for c in lower if c not in set(cols) | set(keys)]
    if unknown:
        raise InputError(f"lower_is_better names {', '.join(map(repr, unknown))}, which is not a weighted "
                         f"criterion ({', '.join(map(str, keys))}).")
    span = np.where(hi > lo, hi - lo, 1.0)
    norm = np.where(hi > lo, (x - lo) / span, 0.0)
    flip = np.array([c in lower or k in lower for c, k in zip(cols, keys, strict=True)])
    norm[:, flip] = np.where(hi[flip] > lo[flip], 1.0 - norm[:, flip], 0.0)
    return pd.Series(norm @ w.to_numpy(), index=ids, name="score")


def rice(reach, impact, confidence, effort):
    """RICE score: ``reach * impact * confidence / effort`` (Intercom's product framework).

    Parameters
    ----------
    reach : number, array or Series
        People or events per period (e.g. customers per quarter), >= 0.
    impact : number, array or Series
        Impact per person, on Intercom's scale 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal.
    confidence : number, array or Series
        Confidence in the estimates, a fraction in [0, 1] (100 % = 1).
    effort : number, array or Series
        Person-months, > 0.

    Series are paired by label (their index), never by position.

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
    a, index = aligned_arrays({"reach": reach, "impact": impact, "confidence": confidence, "effort": effort})
    check_range(a["reach"], "reach", ge=0, labels=index)
    check_range(a["impact"], "impact", ge=0, labels=index)
    check_range(a["confidence"], "confidence (a fraction: 80 % is 0.8)", ge=0, le=1, labels=index)
    check_range(a["effort"], "effort (person-months)", gt=0, labels=index)
    return _labelled(a["reach"] * a["impact"] * a["confidence"] / a["effort"], index, "rice")


def _cost_of_delay(business_value, time_criticality, risk_reduction, job_size=None):
    named = {"business_value": business_value, "time_criticality": time_criticality,
             "risk_reduction": risk_reduction}
    if job_size is not None:
        named["job_size"] = job_size
    a, index = aligned_arrays(named)
    for name in ("business_value", "time_criticality", "risk_reduction"):
        check_range(a[name], f"{name} (a relative estimate)", ge=0, labels=index)
    if job_size is not None:
        check_range(a["job_size"], "job_size", gt=0, labels=index)
    return a, index, a["business_value"] + a["time_criticality"] + a["risk_reduction"]


def cost_of_delay(business_value, time_criticality, risk_reduction):
    """Cost of delay (SAFe): ``business_value + time_criticality + risk_reduction``.

    Each term is a relative estimate (SAFe uses modified Fibonacci numbers 1, 2, 3, 5, 8, 13,
    20), >= 0; Series are paired by label.

    >>> cost_of_delay(8, 5, 3)
    16.0

    References
    ----------
    D. Reinertsen, *The Principles of Product Development Flow*, 2009; Scaled Agile, "WSJF".
    """
    _, index, cod = _cost_of_delay(business_value, time_criticality, risk_reduction)
    return _labelled(cod, index, "cost_of_delay")


def wsjf(business_value, time_criticality, risk_reduction, job_size):
    """Weighted shortest job first (SAFe): cost of delay / job size.

        WSJF = (business_value + time_criticality + risk_reduction) / job_size

    Do the job with the highest WSJF first: it returns the most cost of delay per unit of
    capacity used.

    Parameters
    ----------
    business_value, time_criticality, risk_reduction : number, array or Series
        Relative estimates (modified Fibonacci: 1, 2, 3, 5, 8, 13, 20), >= 0.
    job_size : number, array or Series
        Relative size (a proxy for duration), > 0.

    Series are paired by label (their index), never by position.

    Examples
    --------
    >>> wsjf(8, 5, 3, 8)
    2.0

    References
    ----------
    Scaled Agile Framework, "WSJF"; D. Reinertsen, *The Principles of Product Development
    Flow*, 2009.
    """
    a, index, cod = _cost_of_delay(business_value, time_criticality, risk_reduction, job_size)
    return _labelled(cod / a["job_size"], index, "wsjf")


def compare_rankings(scores) -> pd.DataFrame:
    """Rank the same candidates by several frameworks and show where they disagree.

    Parameters
    ----------
    scores : DataFrame or mapping {framework: Series}
        One column per framework, higher is better, indexed by candidate id (unique). Series
        of a mapping are paired by label and must score the same candidates.

    Returns
    -------
    DataFrame
        The rank under each framework (1 = first; ties share the best rank), ``mean_rank``
        and ``spread`` (worst rank minus best rank: 0 means the frameworks agree), sorted by
        mean rank. ``.attrs["kendall_tau"]`` holds the Kendall rank correlation between
        frameworks.

    Examples
    --------
    >>> s = pd.DataFrame({"npv": [3, 2, 1], "score": [1, 2, 3]}, index=["A", "B", "C"])
    >>> compare_rankings(s)[["npv", "score", "spread"]].loc["A"].tolist()
    [1, 3, 2]
    """
    if isinstance(scores, Mapping):
        columns = align_frames({str(k): pd.Series(v) for k, v in scores.items()})
        frame = pd.DataFrame(dict(columns))
    else:
        frame = as_frame(scores, "scores")
    if frame.empty or frame.shape[1] == 0:
        raise InputError("scores is empty: give one column of scores per framework.")
    require_unique_ids(pd.Series(frame.index, dtype=object), "scores (its index)")
    values = pd.DataFrame(as_float_columns(frame, list(frame.columns), "scores"), index=frame.index,
                          columns=frame.columns)
    ranks = values.rank(ascending=False, method="min").astype(int)
    ranks["mean_rank"] = ranks[values.columns].mean(axis=1)
    ranks["spread"] = ranks[values.columns].max(axis=1) - ranks[values.columns].min(axis=1)
    ranks = ranks.sort_values(["mean_rank", "spread"])
    ranks.attrs["kendall_tau"] = values.corr(method="kendall")
    return ranks
