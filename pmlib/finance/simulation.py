"""Uncertainty in a business case: scenarios, one-at-a-time sensitivity, Monte Carlo NPV."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._simulation import Simulation, check_iterations, make_rng, pert_beta_shape
from .._validate import Integer, Options, Real, aligned_arrays, as_number, params
from ..errors import InputError
from ._common import RATE, amounts

__all__ = ["adjust_cashflows", "scenario_npv", "sensitivity", "monte_carlo_npv", "NPVSimulation"]

_WHOLE_YEARS = Integer(ge=0)


def _components(costs, benefits):
    """Yearly costs and benefits of one case, paired by label when both are Series."""
    arrays, _ = aligned_arrays({"costs": costs, "benefits": benefits}, ndim=1)
    c, b = arrays["costs"], arrays["benefits"]
    if c.ndim != 1:
        raise InputError("costs and benefits must be yearly amounts (a list or Series), not single numbers.")
    return np.array(c), np.array(b)


def _ramp(benefits: np.ndarray, ramp_up: int) -> np.ndarray:
    """The k-th year of benefits gets min(1, k / (ramp_up + 1)) of them."""
    if ramp_up == 0 or not (benefits != 0).any():
        return benefits
    k = np.arange(benefits.size) - int(np.flatnonzero(benefits != 0)[0]) + 1
    return benefits * np.clip(k / (ramp_up + 1.0), 0.0, 1.0)


@params(cost_scale=Real(), benefit_scale=Real(), ramp_up=_WHOLE_YEARS, delay=_WHOLE_YEARS)
def adjust_cashflows(costs, benefits, *, cost_scale=1.0, benefit_scale=1.0, ramp_up: int = 0, delay: int = 0):
    """Net cash flows of a scenario: costs overrun, benefits smaller, later or slower to ramp up.

    ``net_t = benefit_scale * ramp_t * benefits_{t - delay} - cost_scale * costs_t``

    Parameters
    ----------
    costs, benefits : 1-D arrays or Series (paired by label; the costs give the order of the years)
        Yearly costs and benefits of the base case (money, t = 0 first).
    cost_scale : float
        1.2 = a 20 % cost overrun on every cost.
    benefit_scale : float
        0.9 = benefits 10 % below the business case.
    ramp_up : int
        Years for benefits to reach their full level: the k-th year of benefits gets
        ``min(1, k / (ramp_up + 1))`` of them (0 = full from the first year).
    delay : int
        Years the whole benefit stream slips (the horizon grows by ``delay``).

    Returns
    -------
    ndarray of net flows, length ``len(costs) + delay``.

    >>> adjust_cashflows([100, 10, 10], [0, 60, 60], cost_scale=1.1, ramp_up=1).tolist()
    [-110.00000000000001, 19.0, 49.0]
    """
    c, b = _components(costs, benefits)
    cost = np.pad(c, (0, delay)) * cost_scale
    ben = np.pad(_ramp(b, ramp_up), (delay, 0)) * benefit_scale
    return ben - cost


@params(ramp_up=_WHOLE_YEARS)
def scenario_npv(rate, costs, benefits, *, cost_scale=1.0, benefit_scale=1.0, ramp_up: int = 0, delay=0.0):
    """NPV of a scenario, vectorised over arrays of its inputs (for sensitivity and Monte Carlo).

    ``NPV = benefit_scale * PV_r(ramped benefits) / (1 + r)**delay - cost_scale * PV_r(costs)``

    ``rate``, ``cost_scale``, ``benefit_scale`` and ``delay`` (years, >= 0) may be arrays
    (broadcast together): one NPV per element. An integer ``delay`` gives the NPV of
    :func:`adjust_cashflows`; a fractional one shifts the benefits part of a year.

    >>> round(scenario_npv(0.08, [900, 120, 120, 120, 120, 120], [0, 400, 800, 800, 800, 800]), 1)
    1444.7
    >>> scenario_npv([0.08, 0.12], [100, 0], [0, 150], cost_scale=[1.0, 1.5]).round(2).tolist()
    [38.89, -16.07]
    """
    c, b = _components(costs, benefits)
    b = _ramp(b, ramp_up)
    arrays, _ = amounts({"rate": rate, "cost_scale": cost_scale, "benefit_scale": benefit_scale, "delay": delay},
                        non_negative=("delay",), rate=("rate",))
    r, cs, bs, d = (arrays[k] for k in ("rate", "cost_scale", "benefit_scale", "delay"))
    factors = (1.0 + r[..., None]) ** -np.arange(c.size)
    out = bs * (factors @ b) * (1.0 + r) ** -d - cs * (factors @ c)
    return float(out) if out.ndim == 0 else out


@params(change=Real(ge=0))
def sensitivity(model: Callable[..., float], base: Mapping[str, float], *, change: float = 0.1,
                ranges: Mapping[str, tuple[float, float]] | None = None, inputs=None) -> pd.DataFrame:
    """One-at-a-time sensitivity: move each input to a low and a high value, others at base.

    The table behind a **tornado chart** (``pm.plots.tornado``): the inputs whose swing moves the
    result most are the ones to estimate carefully and to manage as risks.

    Parameters
    ----------
    model : callable(**inputs) -> float
        E.g. ``functools.partial(pm.finance.scenario_npv, costs=c, benefits=b)``.
    base : dict name -> value
        The base case.
    change : float
        Relative move for every input without an explicit range: low = base * (1 - change),
        high = base * (1 + change). 0.1 = +/- 10 %.
    ranges : dict name -> (low, high), optional
        Explicit low and high values for some inputs (needed for an input whose base is 0).
    inputs : list of names, optional
        Which inputs to vary (default: all of ``base``).

    Returns
    -------
    DataFrame, one row per input, largest swing first: input, base_value, low_value, high_value,
    low, high, base, swing (|high - low|).

    >>> t = sensitivity(lambda price, volume: price * volume, {"price": 10.0, "volume": 100.0}, change=0.2)
    >>> t[["input", "low", "high", "swing"]].values.tolist()[0]
    ['price', 800.0, 1200.0, 400.0]

    Reference: PMI PMBOK Guide, quantitative risk analysis (sensitivity analysis, tornado diagram).
    """
    if not callable(model):
        raise InputError("model must be a function of the inputs, returning a number.")
    if not isinstance(base, Mapping) or not base:
        raise InputError("base must be a dict of input name -> base value.")
    ranges = dict(ranges or {})
    names = list(base) if inputs is None else list(inputs)
    unknown = [k for k in names + list(ranges) if k not in base]
    if unknown:
        raise InputError(f"sensitivity: input(s) {', '.join(map(repr, unknown))} are not in base "
                         f"({', '.join(map(repr, base))}).")
    base_vals = {k: as_number(v, f"base[{k!r}]") for k, v in base.items()}
    base_out = as_number(model(**base_vals), "model(**base)")
    rows = []
    for name in names:  # one row per input: a handful of model calls
        b = base_vals[name]
        lo_v, hi_v = ((as_number(v, f"ranges[{name!r}]") for v in ranges[name]) if name in ranges
                      else (b * (1 - change), b * (1 + change)))
        lo = as_number(model(**{**base_vals, name: lo_v}), f"model at {name}={lo_v}")
        hi = as_number(model(**{**base_vals, name: hi_v}), f"model at {name}={hi_v}")
        rows.append((name, b, lo_v, hi_v, lo, hi, base_out, abs(hi - lo)))
    table = pd.DataFrame(rows, columns=["input", "base_value", "low_value", "high_value", "low", "high", "base", "swing"])
    return table.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


_MC_INPUTS = ("rate", "cost_scale", "benefit_scale", "delay")


def _sample(rng, spec, n, distribution, name):
    """n draws from a three-point range: triangular, or beta-PERT (mean (a + 4m + b) / 6)."""
    if isinstance(spec, str) or not hasattr(spec, "__len__") or len(spec) != 3:
        raise InputError(f"ranges[{name!r}] must be (low, most_likely, high), got {spec!r}.")
    low, mode, high = (as_number(v, f"ranges[{name!r}]") for v in spec)
    if not low <= mode <= high:
        raise InputError(f"ranges[{name!r}] = ({low:g}, {mode:g}, {high:g}): need low <= most likely <= high.")
    if high == low:
        return np.full(n, mode)
    if distribution == "triangular":
        return rng.triangular(low, mode, high, size=n)
    a, b = pert_beta_shape(low, mode, high)
    return low + (high - low) * rng.beta(a, b, size=n)


@dataclass(repr=False)
class NPVSimulation(Simulation):
    """Result of :func:`monte_carlo_npv`: one simulated NPV per iteration (a :class:`Simulation`).

    ``npv`` (the outcomes, money), ``mean``, ``sd`` (``std`` is the same), ``percentile(q)``,
    ``probability(x)`` = P(NPV <= x), ``exceedance(x)`` = P(NPV > x), ``summary()``;
    ``p_negative`` = P(NPV < 0), the chance the project destroys value; ``inputs`` (the sampled
    inputs, one row per iteration), ``base_npv`` (the NPV without uncertainty) and ``table``
    (inputs with the resulting NPV).
    """

    inputs: pd.DataFrame | None = None
    base_npv: float = float("nan")

    @property
    def npv(self) -> np.ndarray:
        return self.samples

    @property
    def std(self) -> float:
        """Sample standard deviation of the NPV (the same as ``sd``)."""
        return self.sd

    @property
    def p_negative(self) -> float:
        """P(NPV < 0): the chance the project destroys value."""
        return float((self.samples < 0).mean())

    def summary(self) -> pd.Series:
        """Base-case NPV, mean, sd, P10, P50, P80, P90, min, max and P(NPV < 0)."""
        out = super().summary()
        return pd.concat([pd.Series({"base_npv": self.base_npv}), out,
                          pd.Series({"p_negative": self.p_negative})]).rename("npv")

    @property
    def table(self) -> pd.DataFrame:
        """Sampled inputs with the resulting NPV."""
        return self.inputs.assign(npv=self.samples)


@params(rate=RATE, distribution=Options("triangular", "pert"), ramp_up=_WHOLE_YEARS)
def monte_carlo_npv(costs, benefits, *, rate: float = 0.08, ranges: Mapping[str, tuple] | None = None,
                    n: int = 10_000, seed: int | None = 0, distribution: str = "triangular",
                    ramp_up: int = 0) -> NPVSimulation:
    """Monte Carlo NPV: sample uncertain inputs from three-point ranges -> NPV distribution.

    Each iteration draws ``rate``, ``cost_scale``, ``benefit_scale`` and ``delay`` (those named in
    ``ranges``; the others stay at their base: ``rate``, 1, 1, 0) and computes
    :func:`scenario_npv` for all iterations at once (no loop over iterations).

    Parameters
    ----------
    costs, benefits : 1-D arrays or Series (paired by label; the costs give the order of the years)
        Base-case yearly costs and benefits (money, t = 0 first).
    rate : float
        Base discount rate.
    ranges : dict name -> (low, most_likely, high)
        Three-point estimates, e.g. ``{"cost_scale": (0.95, 1.0, 1.4)}`` (costs from 5 % under to
        40 % over budget).
    n : int
        Iterations (>= 1).
    seed : int, None or numpy Generator
        Random seed: the same seed gives the same result.
    distribution : {"triangular", "pert"}
        Shape of each input's distribution (PERT = beta-PERT, weight 4 on the mode).
    ramp_up : int
        Benefit ramp-up years (fixed), as in :func:`adjust_cashflows`.

    >>> sim = monte_carlo_npv([100, 0], [0, 130], rate=0.08, ranges={"benefit_scale": (0.7, 1.0, 1.1)}, n=2000, seed=1)
    >>> 0 < sim.p_negative < 0.5
    True

    Reference: PMI PMBOK Guide, quantitative risk analysis (Monte Carlo simulation); PMI Practice
    Standard for Project Risk Management.
    """
    c, b = _components(costs, benefits)
    n = check_iterations(n)
    rng = make_rng(seed)
    ranges = dict(ranges or {})
    unknown = [k for k in ranges if k not in _MC_INPUTS]
    if unknown:
        raise InputError(f"ranges: unknown input(s) {', '.join(map(repr, unknown))}; use {', '.join(_MC_INPUTS)}.")
    base = {"rate": rate, "cost_scale": 1.0, "benefit_scale": 1.0, "delay": 0.0}
    draws = {k: _sample(rng, ranges[k], n, distribution, k) if k in ranges else np.full(n, base[k])
             for k in _MC_INPUTS}
    if (draws["rate"] <= -1).any():
        raise InputError("ranges['rate'] reaches -100 %: rates must stay above -1.")
    if (draws["delay"] < 0).any():
        raise InputError("ranges['delay'] must be >= 0 years.")
    values = scenario_npv(draws["rate"], c, b, cost_scale=draws["cost_scale"], benefit_scale=draws["benefit_scale"],
                          ramp_up=ramp_up, delay=draws["delay"])
    return NPVSimulation(np.asarray(values), seed=seed, unit="npv", inputs=pd.DataFrame(draws),
                         base_npv=float(scenario_npv(rate, c, b, ramp_up=ramp_up)))
