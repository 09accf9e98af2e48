"""Monte Carlo schedule risk: the CPM passes run on whole columns of iterations."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._simulation import Simulation, check_iterations, make_rng, pert_beta_shape
from .._validate import Integer, Options
from .cpm import _cpm_from
from .network import FROM_FINISH, TO_FINISH, _Network
from .pert import _three_point_network, pert_estimate

__all__ = ["monte_carlo", "MonteCarloResult"]

_TOL = 1e-9
_DISTRIBUTIONS = ("pert", "triangular", "uniform")


def _simulate(net: _Network, d: np.ndarray, work: np.ndarray | None = None):
    """Forward and backward pass on columns of iterations, d of shape (k, n).

    The bounds come from the one coefficient table of the link types (``FROM_FINISH``,
    ``TO_FINISH``): ``S_j >= S_i + FROM_FINISH * d_i + lag - TO_FINISH * d_j``. The passes work
    on early *finishes* and late *starts*, so a plain finish-to-start link costs one in-place
    ``maximum`` / ``minimum`` and no temporary array; late starts overwrite the early finishes
    they no longer need, so the passes touch two (k, n) arrays, not three. ``work`` is an
    optional (k, n) buffer to reuse between chunks. Returns the project duration of each
    iteration and, per activity, the number of iterations in which it is critical.
    """
    k, n = d.shape
    ef = np.empty_like(d) if work is None or work.shape != d.shape else work
    buf = np.empty(n)
    ff_of, tf_of = FROM_FINISH.tolist(), TO_FINISH.tolist()
    preds, succs = net.preds, net.succs
    for j in net.order.tolist():
        row = ef[j]                       # ES_j, then EF_j once d_j is added
        pj = preds[j]
        if not pj:
            np.copyto(row, d[j])          # ES = 0
            continue
        clamp = False
        for t, (i, code, lag) in enumerate(pj):
            from_finish, to_finish = ff_of[code], tf_of[code]
            if from_finish and not to_finish and not lag:    # plain FS: EF_i
                if t == 0:
                    np.copyto(row, ef[i])
                else:
                    np.maximum(row, ef[i], out=row)
                continue
            if from_finish:
                np.add(ef[i], lag, out=buf)                   # EF_i + lag
            else:
                np.subtract(ef[i], d[i], out=buf)             # ES_i
                if lag:
                    buf += lag
            if to_finish:
                buf -= d[j]
            clamp = clamp or to_finish or lag < 0
            if t == 0:
                np.copyto(row, buf)
            else:
                np.maximum(row, buf, out=row)
        if clamp:                          # no activity starts before the project
            np.maximum(row, 0.0, out=row)
        row += d[j]
    total = ef.max(axis=0)
    tol = _TOL * np.maximum(1.0, total)
    hit = np.empty(n, dtype=bool)
    lf = np.empty(n)
    crit = np.zeros(k)
    ls = ef                                # row s becomes LS_s once s is done (its EF is no longer read)
    for j in net.order[::-1].tolist():
        sj = succs[j]
        if not sj:
            np.copyto(lf, total)
        clamp = False
        for t, (s, code, lag) in enumerate(sj):
            from_finish, to_finish = ff_of[code], tf_of[code]
            if from_finish and not to_finish and not lag:    # plain FS: LF_j <= LS_s
                if t == 0:
                    np.copyto(lf, ls[s])
                else:
                    np.minimum(lf, ls[s], out=lf)
                continue
            if to_finish:
                np.add(ls[s], d[s], out=buf)                  # LF_s
            else:
                np.copyto(buf, ls[s])                         # LS_s
            if lag:
                buf -= lag
            if not from_finish:
                buf += d[j]                                   # a bound on S_j: LF_j <= it + d_j
            clamp = clamp or not from_finish or lag < 0
            if t == 0:
                np.copyto(lf, buf)
            else:
                np.minimum(lf, buf, out=lf)
        if clamp:                          # no activity finishes after the project
            np.minimum(lf, total, out=lf)
        np.subtract(lf, ef[j], out=buf)    # total float = LF_j - EF_j
        np.less_equal(buf, tol, out=hit)
        crit[j] = np.count_nonzero(hit)
        np.subtract(lf, d[j], out=ls[j])  # LS_j replaces EF_j
    return total, crit


@dataclass(repr=False)
class MonteCarloResult(Simulation):
    """Result of :func:`monte_carlo`: a :class:`~pmlib._simulation.Simulation` of project durations.

    ``probability(deadline)`` is P(duration <= deadline); ``percentile(q)`` the duration not
    exceeded in q % of iterations; ``summary()`` adds the CPM duration on mean durations and
    the merge bias.

    Attributes
    ----------
    durations : ndarray, shape (n,)
        Project duration of each iteration (the simulation's samples).
    criticality : Series
        Criticality index: the share of iterations in which each activity is critical.
    cruciality : Series
        Pearson correlation of each activity's duration with the project duration.
    sensitivity : Series
        Schedule sensitivity index: criticality x sd(activity) / sd(project).
    table : DataFrame
        Per activity: ``mean sd expected expected_sd criticality cruciality sensitivity``.
    deterministic : float
        CPM duration on the activities' expected (mean) durations, for the merge-bias gap.
    distribution : str
    """

    criticality: pd.Series = field(default=None)
    cruciality: pd.Series = field(default=None)
    sensitivity: pd.Series = field(default=None)
    table: pd.DataFrame = field(default=None)
    deterministic: float = math.nan
    distribution: str = "pert"

    def __repr__(self):
        return (f"MonteCarloResult(n={self.n}, distribution={self.distribution!r}, "
                f"mean={self.mean:.3g}, P50={self.percentile(50):.3g}, P80={self.percentile(80):.3g})")

    @property
    def durations(self) -> np.ndarray:
        """Project duration of each iteration."""
        return self.samples

    @property
    def merge_bias(self) -> float:
        """Mean simulated duration minus the CPM duration on mean activity durations (>= 0 in expectation)."""
        return self.mean - self.deterministic

    def summary(self) -> pd.Series:
        """Mean, sd, P10/P50/P80/P90, min, max, the CPM duration on means and the merge bias."""
        out = super().summary()
        out["deterministic"] = self.deterministic
        out["merge_bias"] = self.merge_bias
        return out


def _sample(rng, o, m, p, distribution, out, sum_x, sum_xx):
    """Fill ``out`` (k, n) with durations, row r holding activity r's draws; add each row's sum
    and sum of squares to ``sum_x`` / ``sum_xx`` while the row is still in cache.

    Beta-PERT rows are drawn as a ratio of two gamma variates, X / (X + Y) with X ~ Gamma(alpha)
    and Y ~ Gamma(beta) (the Beta distribution exactly; numpy's ``beta`` does the same), one
    row at a time with scalar parameters into reused memory.
    """
    k, n = out.shape
    buf = np.empty(n)
    if distribution == "pert":
        alpha, beta = (shape.tolist() for shape in pert_beta_shape(o, m, p))
    elif distribution == "triangular":
        with np.errstate(divide="ignore", invalid="ignore"):
            mode = np.where(p > o, (m - o) / np.where(p > o, p - o, 1.0), 0.5).tolist()
    width = (p - o).tolist()
    low = o.tolist()
    for r in range(k):
        row = out[r]
        if distribution == "pert":
            rng.standard_gamma(alpha[r], size=n, out=row)
            rng.standard_gamma(beta[r], size=n, out=buf)
            buf += row
            row /= buf
        elif distribution == "triangular":
            rng.random(size=n, out=row)
            c = mode[r]
            left = row < c
            # inverse CDF of the triangular distribution on [0, 1] with mode c
            np.sqrt(row * c, out=buf, where=left)
            np.sqrt((1 - row) * (1 - c), out=row, where=~left)
            np.subtract(1.0, row, out=row, where=~left)
            np.copyto(row, buf, where=left)
        else:
            rng.random(size=n, out=row)
        if width[r]:
            row *= width[r]
        else:
            row[:] = 0.0
        row += low[r]
        sum_x[r] += row.sum()
        sum_xx[r] += np.einsum("i,i->", row, row)     # not BLAS: no thread start-up per row
    return out


_check_distribution = Options(*_DISTRIBUTIONS)
_check_chunk = Integer(ge=1, allow_none=True)


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
    seed : None, int >= 0 or numpy Generator
        Same seed, same result.
    distribution : {"pert", "triangular", "uniform"}
    chunk_size : int, optional
        Iterations simulated at once (memory); default keeps each array near 20 MB.

    Returns
    -------
    MonteCarloResult
        ``.durations``, ``.percentile(q)``, ``.probability(deadline)`` (P(duration <=
        deadline)), ``.criticality``, ``.cruciality``, ``.sensitivity``, ``.table``,
        ``.summary()``.

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
    n = check_iterations(n)
    distribution = _check_distribution.convert(distribution, "distribution")
    chunk_size = _check_chunk.convert(chunk_size, "chunk_size")
    rng = make_rng(seed)
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
    if chunk_size is None:
        # near 2.5 million durations (20 MB) per chunk, chunks of equal size (one allocation)
        chunks = -(-n * max(k, 1) // 2_500_000)
        chunk_size = -(-n // chunks)
    durations = np.empty(n)
    crit_count = np.zeros(k)
    sum_x = np.zeros(k)
    sum_xx = np.zeros(k)
    sum_xy = np.zeros(k)
    full = np.empty((k, min(chunk_size, n)))
    work = np.empty_like(full)
    for start in range(0, n, chunk_size):
        size = min(chunk_size, n - start)
        d = full if size == full.shape[1] else np.empty((k, size))
        if work.shape != d.shape:
            work = np.empty_like(d)
        _sample(rng, o, m, p, distribution, d, sum_x, sum_xx)
        total, crit = _simulate(net, d, work)
        crit_count += crit
        durations[start:start + size] = total
        sum_xy += np.einsum("ij,j->i", d, total)
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
    table = pd.DataFrame({"mean": x_mean, "sd": x_sd, "expected": means, "expected_sd": sds,
                          "criticality": criticality, "cruciality": corr, "sensitivity": sensitivity},
                         index=index)
    if net.names is not None:
        table.insert(0, "name", net.names)
    deterministic = _cpm_from(net, means).duration
    return MonteCarloResult(
        durations, seed=seed if not isinstance(seed, np.random.Generator) else "generator", unit="duration",
        criticality=pd.Series(criticality, index=index, name="criticality"),
        cruciality=pd.Series(corr, index=index, name="cruciality"),
        sensitivity=pd.Series(sensitivity, index=index, name="sensitivity"),
        table=table, deterministic=deterministic, distribution=distribution)
