"""PERT: three-point estimates, the expected project duration and its standard deviation."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._validate import aligned_arrays, as_float_array, as_number, require_columns
from ..errors import InputError
from .cpm import CPMResult, _cpm_from, _durations
from .network import _network

__all__ = ["pert_estimate", "pert", "PERTResult"]


def _three_point(o, m, p, labels=None, name="estimates"):
    """Check o <= m <= p (and >= 0) naming the activity or position at fault."""
    for arr, what in ((o, "optimistic"), (m, "most_likely"), (p, "pessimistic")):
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
        Optimistic, most likely and pessimistic durations (same unit), 0 <= o <= m <= p.
        Series are paired by their labels (the result follows ``o``'s order).

    Returns
    -------
    Series (scalars in) with ``expected sd variance``, or a DataFrame with those columns
    (one row per estimate; the labels of the Series given).

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
    scalar = all(np.ndim(x) == 0 and not isinstance(x, pd.Series) for x in (o, m, p))
    for x, what in ((o, "o"), (m, "m"), (p, "p")):
        if isinstance(x, str) or x is None:
            raise InputError(f"pert_estimate: {what} must be a number or numbers, got {x!r}.")
    arrays, index = aligned_arrays({"o": o, "m": m, "p": p})
    o_, m_, p_ = arrays["o"], arrays["m"], arrays["p"]
    labels = list(index) if index is not None else None
    o_, m_, p_ = _three_point(o_, m_, p_, labels, "pert_estimate")
    expected = (o_ + 4 * m_ + p_) / 6
    sd = (p_ - o_) / 6
    if scalar:
        return pd.Series({"expected": float(expected), "sd": float(sd), "variance": float(sd**2)})
    return pd.DataFrame({"expected": np.ravel(expected), "sd": np.ravel(sd), "variance": np.ravel(sd**2)},
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
    if isinstance(deadline, str) or deadline is None:
        raise InputError(f"deadline must be a number (in the activities' duration unit), got {deadline!r}.")
    arr = as_float_array(deadline, "deadline", ndim=(0, 1))
    return arr if arr.ndim else float(arr)


def _probability_value(q, name):
    if isinstance(q, str) or q is None:
        raise InputError(f"{name} must be a number in (0, 1), got {q!r}.")
    arr = as_float_array(q, name, ndim=(0, 1))
    if (arr <= 0).any() or (arr >= 1).any():
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
