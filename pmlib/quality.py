"""Quality control: control charts, the rule of seven, sigma levels, cost of quality, Pareto.

**Control limits** describe what the process *does*: the mean plus or minus three standard
deviations of its own variation (here the individuals chart, whose standard deviation is
estimated from the average moving range). **Specification limits** describe what the
customer *requires*. A process can be in control and still miss the specification (capable
or not is a different question, :func:`capability`), or be out of control while every
point is within specification.

Signals that a process is out of control (Western Electric rules, the two the PMP exam
uses): a point beyond a control limit, and a run of seven consecutive points on one side of
the mean (:func:`rule_of_seven`).

>>> import pmlib as pm
>>> lim = pm.quality.control_limits([5, 7, 6, 8, 6, 5, 7])
>>> round(float(lim["mean"]), 3), round(float(lim["sd"]), 3)
(6.286, 1.478)
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ._validate import Real, as_float_array, as_frame, check_column_name, params, require_columns
from .errors import InputError

__all__ = [
    "D2",
    "control_limits",
    "control_chart",
    "rule_of_seven",
    "sigma_coverage",
    "dpmo",
    "sigma_level",
    "dpmo_for_sigma",
    "sigma_table",
    "capability",
    "COQ_CATEGORIES",
    "cost_of_quality",
    "pareto",
]

#: d2 for moving ranges of two points: E[range of 2 standard normal values] = 2 / sqrt(pi).
D2 = 1.128


def _no_booleans(values, name):
    # as_float_array reads [True, 6.0] as [1.0, 6.0] (its fast path checks booleans only in
    # integer lists): name the boolean here
    if isinstance(values, list | tuple):
        for k, v in enumerate(values):
            if isinstance(v, bool | np.bool_):
                raise InputError(f"{name}[{k}] is {v!r}: every value must be a number, not a boolean.")


def _values(values, name="values", minimum=2):
    _no_booleans(values, name)
    arr = as_float_array(values, name, ndim=1)
    if arr.size < minimum:
        raise InputError(f"{name} has {arr.size} value(s): a control chart needs at least {minimum} "
                         "(the moving range compares each value with the one before).")
    return arr


@params(sigma=Real(gt=0), lower_bound=Real(allow_none=True))
def control_limits(values, *, sigma=3, lower_bound=None) -> pd.Series:
    """Control limits of an individuals (X) chart.

    ``sd = mean moving range / 1.128`` (the moving range of two consecutive values; d2 = 1.128),
    ``ucl = mean + sigma * sd``, ``lcl = mean - sigma * sd`` (with sigma = 3:
    ``mean +- 2.66 * mean moving range``, Wheeler's natural process limits).

    Parameters
    ----------
    values : sequence of float
        The measurements in time order (at least 2), e.g. defects found per inspection.
    sigma : float
        Width of the limits in standard deviations (3 by convention).
    lower_bound : float, optional
        A floor for the LCL when the quantity cannot go below it (0 for counts).

    Returns
    -------
    Series
        ``mean sd ucl lcl mean_moving_range``.

    Examples
    --------
    >>> lim = control_limits([3.4, 3.7, 3.6])   # moving ranges 0.3 and 0.1
    >>> round(float(lim["mean_moving_range"]), 3), round(float(lim["sd"]), 4)
    (0.2, 0.1773)

    References
    ----------
    Montgomery, *Introduction to Statistical Quality Control*, 6.4 "control charts for
    individual measurements"; Wheeler & Chambers, *Understanding Statistical Process Control*;
    PMBOK Guide 6th ed., 8.3.2.5 (control charts).
    """
    x = _values(values)
    mr = np.abs(np.diff(x))
    mr_bar = float(mr.mean())
    mean = float(x.mean())
    sd = mr_bar / D2
    lcl = mean - sigma * sd
    if lower_bound is not None:
        lcl = max(lcl, lower_bound)
    return pd.Series({"mean": mean, "sd": sd, "ucl": mean + sigma * sd, "lcl": lcl, "mean_moving_range": mr_bar})


def rule_of_seven(values, center) -> list[tuple[int, int]]:
    """Runs of seven or more consecutive values on one side of ``center``.

    A value equal to the center breaks a run. Positions are 0-based and inclusive:
    ``(first, last)``.

    Parameters
    ----------
    values : sequence of float
        In time order.
    center : float
        The center line (the process mean).

    Returns
    -------
    list of (int, int)
        One ``(first, last)`` per run, in order; empty when there is none.

    >>> rule_of_seven([1, 5, 6, 7, 6, 5, 8, 9, 2, 6], center=4)
    [(1, 7)]

    References
    ----------
    Western Electric, *Statistical Quality Control Handbook* (1956), run rules; PMBOK Guide 6th
    ed., 8.3.2.5 ("rule of seven").
    """
    _no_booleans(values, "values")
    x = as_float_array(values, "values", ndim=1, allow_empty=True)
    c = Real().convert(center, "center")
    side = np.sign(x - c).astype(int)
    if side.size == 0:
        return []
    change = np.flatnonzero(np.diff(side) != 0) + 1
    starts = np.r_[0, change]
    ends = np.r_[change, side.size] - 1
    keep = (side[starts] != 0) & (ends - starts + 1 >= 7)
    return [(int(a), int(b)) for a, b in zip(starts[keep], ends[keep], strict=True)]


def control_chart(values, *, sigma=3, lower_bound=None, labels=None) -> pd.DataFrame:
    """Every point of an individuals chart with its limits and the signals it raises.

    Parameters
    ----------
    values : sequence or Series of float
        In time order (a Series keeps its index as the point labels).
    sigma, lower_bound
        As for :func:`control_limits`.
    labels : sequence, optional
        Point labels (dates, inspection ids); default the Series index or 0..n-1.

    Returns
    -------
    DataFrame
        One row per point: ``value moving_range mean ucl lcl beyond_limits in_run`` where
        ``in_run`` marks the points of a run of seven on one side of the mean.

    >>> t = control_chart([5, 6, 5, 6, 5, 6, 5, 30])   # the outlier also drags the mean up
    >>> t["beyond_limits"].tolist()[-1], int(t["in_run"].sum())
    (True, 7)
    """
    x = _values(values)
    if labels is None:
        labels = values.index if isinstance(values, pd.Series) else pd.RangeIndex(len(x))
    elif len(labels) != len(x):
        raise InputError(f"labels has {len(labels)} entries for {len(x)} values: give one label per value.")
    lim = control_limits(x, sigma=sigma, lower_bound=lower_bound)
    runs = rule_of_seven(x, lim["mean"])
    in_run = np.zeros(len(x), dtype=bool)
    for a, b in runs:
        in_run[a:b + 1] = True
    return pd.DataFrame({"value": x, "moving_range": np.r_[np.nan, np.abs(np.diff(x))], "mean": lim["mean"],
                         "ucl": lim["ucl"], "lcl": lim["lcl"],
                         "beyond_limits": (x > lim["ucl"]) | (x < lim["lcl"]), "in_run": in_run},
                        index=pd.Index(labels))


def sigma_coverage(k):
    """Share of a normal population within +-k standard deviations of the mean: ``erf(k / sqrt 2)``.

    >>> [round(float(sigma_coverage(k)) * 100, 2) for k in (1, 2, 3)]
    [68.27, 95.45, 99.73]

    References
    ----------
    PMBOK Guide 6th ed., 8.1.2 (normal distribution, "1 sigma 68.27 %, 2 sigma 95.45 %, 3 sigma
    99.73 %, 6 sigma 99.9999998 %").
    """
    from scipy.special import erf

    arr = as_float_array(k, "k", ndim=(0, 1))
    if (arr < 0).any():
        raise InputError(f"k must be >= 0 (a number of standard deviations), got {arr.min():g}.")
    out = erf(arr / math.sqrt(2))
    return float(out) if np.ndim(out) == 0 else out


def dpmo(defects, units, opportunities):
    """Defects per million opportunities: ``defects / (units * opportunities) * 1,000,000``.

    Parameters
    ----------
    defects : float or array
        Defects found (>= 0).
    units : float or array
        Units inspected (> 0).
    opportunities : float or array
        Opportunities for a defect in each unit (> 0), e.g. checklist items per lane.

    >>> dpmo(defects=34, units=1000, opportunities=10)
    3400.0

    References
    ----------
    Breyfogle, *Implementing Six Sigma* (2003), 9.4; Pyzdek, *The Six Sigma Handbook*.
    """
    d = as_float_array(defects, "defects", ndim=(0, 1))
    u = as_float_array(units, "units", ndim=(0, 1))
    o = as_float_array(opportunities, "opportunities", ndim=(0, 1))
    if (d < 0).any():
        raise InputError(f"defects must be >= 0, got {d.min():g}: a count of defects cannot be negative.")
    if (u <= 0).any():
        raise InputError(f"units must be > 0, got {u.min():g}.")
    if (o <= 0).any():
        raise InputError(f"opportunities must be > 0 (opportunities for a defect per unit), got {o.min():g}.")
    try:
        out = d / (u * o) * 1e6
    except ValueError:
        raise InputError("defects, units and opportunities must have the same length (or be single numbers).") from None
    if (out > 1e6).any():
        raise InputError("defects exceed units x opportunities: more defects than opportunities for one.")
    return float(out) if np.ndim(out) == 0 else out


@params(shift=Real(ge=0))
def sigma_level(dpmo, *, shift=1.5):
    """Process sigma level from DPMO, with the conventional 1.5-sigma long-term shift.

    ``sigma = Phi^-1(1 - dpmo / 1,000,000) + shift`` (Phi: standard normal CDF).

    >>> [round(float(sigma_level(x)), 2) for x in (3.4, 233, 6210, 66807)]
    [6.0, 5.0, 4.0, 3.0]

    References
    ----------
    Harry & Schroeder, *Six Sigma* (2000); the Motorola sigma table (3.4 DPMO at 6 sigma).
    """
    from scipy.special import ndtri

    arr = as_float_array(dpmo, "dpmo", ndim=(0, 1))
    if ((arr <= 0) | (arr >= 1e6)).any():
        raise InputError("dpmo must be between 0 and 1,000,000 (exclusive): no defects gives no finite sigma, "
                         f"got {arr.min() if (arr <= 0).any() else arr.max():g}.")
    out = ndtri(1 - arr / 1e6) + shift
    return float(out) if np.ndim(out) == 0 else out


@params(shift=Real(ge=0))
def dpmo_for_sigma(level, *, shift=1.5):
    """DPMO of a process at a sigma level: ``(1 - Phi(level - shift)) * 1,000,000``.

    >>> round(float(dpmo_for_sigma(6)), 1)
    3.4
    """
    from scipy.special import ndtr

    arr = as_float_array(level, "level", ndim=(0, 1))
    out = (1 - ndtr(arr - shift)) * 1e6
    return float(out) if np.ndim(out) == 0 else out


def sigma_table(levels=(1, 2, 3, 4, 5, 6), *, shift=1.5) -> pd.DataFrame:
    """The sigma table: DPMO and yield at each sigma level (1.5-sigma shift by default).

    >>> sigma_table().loc[6, "dpmo"].round(1)
    np.float64(3.4)
    """
    lv = as_float_array(levels, "levels", ndim=1)
    d = np.atleast_1d(dpmo_for_sigma(lv, shift=shift))
    return pd.DataFrame({"dpmo": d, "yield": 1 - d / 1e6, "coverage_within_limits": sigma_coverage(lv)},
                        index=pd.Index(lv.astype(int) if np.all(lv == np.round(lv)) else lv, name="sigma"))


@params(lsl=Real(allow_none=True), usl=Real(allow_none=True))
def capability(values, *, lsl=None, usl=None) -> pd.Series:
    """Process capability against specification limits: Cp, Cpk and the share out of specification.

    ``Cp = (usl - lsl) / (6 sd)``, ``Cpk = min(usl - mean, mean - lsl) / (3 sd)`` with the
    sample standard deviation; one-sided when only one limit is given (Cp is then NaN).

    Returns
    -------
    Series
        ``mean sd cp cpk out_of_spec`` (``out_of_spec``: share of the values outside the
        specification limits).

    >>> round(float(capability([9.8, 10.1, 10.0, 10.2, 9.9], lsl=9, usl=11)["cp"]), 2)
    2.11

    References
    ----------
    Montgomery, *Introduction to Statistical Quality Control*, ch. 8 (process capability).
    """
    if lsl is None and usl is None:
        raise InputError("capability needs a specification: give lsl, usl or both.")
    if lsl is not None and usl is not None and lsl >= usl:
        raise InputError(f"lsl {lsl:g} must be below usl {usl:g}.")
    x = _values(values)
    mean = float(x.mean())
    sd = float(x.std(ddof=1))
    cp = (usl - lsl) / (6 * sd) if lsl is not None and usl is not None and sd > 0 else math.nan
    sides = [v for v in ((usl - mean) if usl is not None else None, (mean - lsl) if lsl is not None else None)
             if v is not None]
    cpk = min(sides) / (3 * sd) if sd > 0 else math.nan
    out = np.zeros(len(x), dtype=bool)
    if lsl is not None:
        out |= x < lsl
    if usl is not None:
        out |= x > usl
    return pd.Series({"mean": mean, "sd": sd, "cp": cp, "cpk": cpk, "out_of_spec": float(out.mean())})


#: The four categories of the cost of quality, conformance first.
COQ_CATEGORIES = ("prevention", "appraisal", "internal_failure", "external_failure")


def cost_of_quality(costs, *, category="category", cost="cost") -> pd.Series:
    """Cost of quality: the cost of conformance against the cost of non-conformance.

    Conformance = prevention + appraisal (money spent to avoid failures); non-conformance =
    internal failure (found before the customer) + external failure (found by the customer).

    Parameters
    ----------
    costs : DataFrame, Series or dict
        A table with a ``category`` and a ``cost`` column (one row per cost item), or a
        mapping {category: cost}. Categories: prevention, appraisal, internal_failure,
        external_failure.
    category, cost : str
        Column names in a table.

    Returns
    -------
    Series
        ``prevention appraisal internal_failure external_failure conformance
        nonconformance total nonconformance_share``.

    >>> cost_of_quality({"prevention": 20, "appraisal": 30, "internal_failure": 40, "external_failure": 60})["nonconformance"]
    np.float64(100.0)

    References
    ----------
    Crosby, *Quality Is Free* (1979); PMBOK Guide 6th ed., 8.1.2.3 "cost of quality".
    """
    if isinstance(costs, pd.Series | dict):
        items = pd.Series(costs, dtype=object)
        table = pd.DataFrame({"category": items.index, "cost": items.to_numpy()})
        category, cost = "category", "cost"
    else:
        category = check_column_name(category, "category")
        cost = check_column_name(cost, "cost")
        table = as_frame(costs, "costs")
        require_columns(table, [category, cost], "costs")
    if table.empty:
        raise InputError("costs is empty: give at least one cost item.")
    cats = table[category].astype(str).str.strip().str.lower().str.replace(" ", "_").str.replace("-", "_")
    unknown = sorted(set(cats) - set(COQ_CATEGORIES))
    if unknown:
        raise InputError(f"costs: unknown {category} value(s) {', '.join(map(repr, unknown))}; use "
                         f"{', '.join(COQ_CATEGORIES)}.")
    values = as_float_array(table[cost], f"costs[{cost!r}]", ndim=1)
    if (values < 0).any():
        k = int(np.flatnonzero(values < 0)[0])
        raise InputError(f"costs[{cost!r}] row {k} is negative ({values[k]:g}): a cost is >= 0.")
    sums = pd.Series(values).groupby(cats.to_numpy()).sum().reindex(list(COQ_CATEGORIES), fill_value=0.0)
    conformance = float(sums["prevention"] + sums["appraisal"])
    nonconformance = float(sums["internal_failure"] + sums["external_failure"])
    total = conformance + nonconformance
    out = sums.astype(float).to_dict()
    out.update(conformance=conformance, nonconformance=nonconformance, total=total,
               nonconformance_share=nonconformance / total if total else math.nan)
    return pd.Series(out)


@params(cutoff=Real(gt=0, le=1))
def pareto(data, *, category="category", count="count", cutoff=0.8) -> pd.DataFrame:
    """Pareto table: categories by decreasing count, with cumulative shares and the vital few.

    Parameters
    ----------
    data : DataFrame, Series or dict
        A table with ``category`` and ``count`` columns (rows of one category are added up),
        a Series of counts indexed by category, or a dict.
    cutoff : float
        The cumulative share that defines the vital few (0.8: the 80/20 rule). The category
        that crosses the cutoff belongs to the vital few.

    Returns
    -------
    DataFrame
        Index the category: ``count share cumulative_share vital_few``.

    >>> pareto({"a": 5, "b": 60, "c": 35})["cumulative_share"].tolist()
    [0.6, 0.95, 1.0]

    References
    ----------
    Juran, *Quality Control Handbook* (the vital few); PMBOK Guide 6th ed., 8.3.2.5 (Pareto diagrams).
    """
    if isinstance(data, pd.Series | dict):
        s = pd.Series(data, dtype=object)
        labels, raw = s.index.to_numpy(), s.to_numpy()
    else:
        category = check_column_name(category, "category")
        count = check_column_name(count, "count")
        table = as_frame(data, "data")
        require_columns(table, [category, count], "data")
        labels, raw = table[category].to_numpy(), table[count]
    values = as_float_array(raw, "count", ndim=1)
    if (values < 0).any():
        raise InputError(f"count has a negative value ({values.min():g}): counts of defects are >= 0.")
    if pd.isna(pd.Series(labels)).any():
        raise InputError("a category is missing (NaN): name every category.")
    sums = pd.Series(values).groupby(labels, sort=False).sum()
    total = float(sums.sum())
    if total <= 0:
        raise InputError("every count is 0: nothing to rank.")
    sums = sums.sort_values(ascending=False, kind="stable")
    share = sums / total
    cum = share.cumsum()
    before = cum - share
    out = pd.DataFrame({"count": sums, "share": share, "cumulative_share": cum.round(12),
                        "vital_few": before < cutoff - 1e-12})
    out.index.name = "category" if isinstance(category, str) else None
    return out
