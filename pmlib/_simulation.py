"""The one result shape of every Monte Carlo in pmlib (finance, schedule, risk, agile).

A simulation draws ``n`` outcomes (an NPV, a project duration, a cost impact, a number of
sprints) and answers the same questions about them everywhere:

* ``mean``, ``sd`` (sample standard deviation, ``ddof=1``), ``n``;
* ``percentile(q)``: the outcome not exceeded in ``q`` % of iterations (q in [0, 100]; a
  list gives an array), numpy's linear interpolation;
* ``probability(x)``: **P(outcome <= x)**, the share of iterations at or below ``x`` (finish
  by a deadline, a reserve that covers the cost, done within so many sprints). One
  convention for every simulation: ``<=``; :meth:`Simulation.exceedance` gives P(outcome > x);
* ``summary()``: a Series with mean, sd, P10, P50, P80, P90, min and max.

Seeds: ``seed`` is None, a whole number >= 0 or a ``numpy.random.Generator``; the same
seed gives the same result. ``n`` is a whole number >= 1 (:func:`check_iterations`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ._validate import Integer, Seed, as_float_array
from .errors import InputError

__all__ = ["Simulation", "check_iterations", "make_rng", "pert_beta_shape"]


def check_iterations(n, name: str = "n") -> int:
    """The number of iterations as an int >= 1, or an InputError naming it."""
    return Integer(ge=1).convert(n, name)


def make_rng(seed, name: str = "seed") -> np.random.Generator:
    """A numpy Generator from a seed (None, an int >= 0) or the Generator itself."""
    seed = Seed().convert(seed, name)
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def pert_beta_shape(low, mode, high):
    """Shape parameters of the Beta-PERT distribution on [low, high] with the given mode.

    alpha = 1 + 4 (mode - low) / (high - low), beta = 1 + 4 (high - mode) / (high - low), so the
    mean is (low + 4 mode + high) / 6 (Malcolm et al. 1959; Vose, *Risk Analysis*, 2008). A zero
    range gives (1, 1): the draw is then the point itself once scaled by the zero width.

    >>> pert_beta_shape(0.0, 2.0, 10.0)
    (1.8, 4.2)
    """
    low, mode, high = (np.asarray(v, dtype=float) for v in (low, mode, high))
    spread = np.where(high > low, high - low, 1.0)
    alpha = np.where(high > low, 1.0 + 4.0 * (mode - low) / spread, 1.0)
    beta = np.where(high > low, 1.0 + 4.0 * (high - mode) / spread, 1.0)
    if alpha.ndim == 0:
        return float(alpha), float(beta)
    return alpha, beta


def _percentages(q) -> np.ndarray:
    if isinstance(q, str | bytes) or q is None:
        raise InputError(f"q must be a percentage between 0 and 100 (80 for P80), got {q!r}.")
    arr = as_float_array(q, "q", ndim=(0, 1))
    if ((arr < 0) | (arr > 100)).any():
        raise InputError(f"q must be a percentage between 0 and 100 (80 for P80), got {q!r}.")
    return arr


@dataclass(repr=False)
class Simulation:
    """Outcomes of a Monte Carlo simulation, one per iteration.

    Subclasses name the outcome (``durations``, ``npv``, ``costs``, ``sprints``) with a
    property returning :attr:`samples`, and may add their own tables.

    >>> sim = Simulation(np.array([1.0, 2.0, 3.0, 4.0]))
    >>> sim.mean, sim.probability(2), sim.exceedance(2), sim.percentile(50)
    (2.5, 0.5, 0.5, 2.5)
    """

    samples: np.ndarray
    seed: object = None
    unit: str = ""
    _sorted: np.ndarray | None = field(default=None, init=False, compare=False)

    def __post_init__(self):
        self.samples = np.asarray(self.samples, dtype=float)
        if self.samples.ndim != 1 or self.samples.size == 0:
            raise InputError("a simulation needs a non-empty 1-D array of outcomes.")

    def __repr__(self):
        return (f"{type(self).__name__}(n={self.n}, mean={self.mean:.4g}, "
                f"P50={self.percentile(50):.4g}, P80={self.percentile(80):.4g})")

    @property
    def n(self) -> int:
        """Number of iterations."""
        return int(self.samples.size)

    @property
    def mean(self) -> float:
        return float(self.samples.mean())

    @property
    def sd(self) -> float:
        """Sample standard deviation (ddof=1); 0 for a single iteration."""
        return float(self.samples.std(ddof=1)) if self.n > 1 else 0.0

    def _sorted_samples(self) -> np.ndarray:
        if self._sorted is None:
            self._sorted = np.sort(self.samples)
        return self._sorted

    def percentile(self, q):
        """Outcome not exceeded in ``q`` % of iterations (q in [0, 100]; 80 gives P80)."""
        out = np.percentile(self.samples, _percentages(q))
        return float(out) if np.ndim(out) == 0 else out

    def probability(self, x):
        """P(outcome <= x): the share of iterations at or below ``x`` (a number or a list)."""
        xs = as_float_array(x, "x", ndim=(0, 1), allow_inf=True)
        out = np.searchsorted(self._sorted_samples(), xs, side="right") / self.n
        return float(out) if np.ndim(out) == 0 else out

    def exceedance(self, x):
        """P(outcome > x) = 1 - probability(x)."""
        p = self.probability(x)
        return 1.0 - p if np.ndim(p) == 0 else 1.0 - np.asarray(p)

    def summary(self) -> pd.Series:
        """Mean, sd, P10, P50, P80, P90, min and max of the outcome."""
        p10, p50, p80, p90 = self.percentile([10, 50, 80, 90])
        return pd.Series({"mean": self.mean, "sd": self.sd, "p10": p10, "p50": p50, "p80": p80,
                          "p90": p90, "min": float(self.samples.min()), "max": float(self.samples.max())},
                         name=self.unit or "outcome")
