"""Agile and hybrid delivery: velocity, burn charts, flow metrics, forecasts and AgileEVM.

An agile team reports in two currencies:

* **story points** per sprint (velocity), read from the sprint report: :func:`velocity`,
  :func:`sprint_burndown`, :func:`release_burnup`, and the Monte Carlo forecast on past
  velocities :func:`release_forecast` ("when will these 180 points be done?");
* **items** (work items, tickets) with their dates, read from an issue-tracker export: flow
  metrics :func:`flow_metrics` (cycle time, lead time, throughput, work in progress, the
  cumulative flow table), :func:`littles_law`, and the Monte Carlo forecast on daily
  throughput :func:`throughput_forecast` ("how many items by the release date?").

:func:`agile_evm` translates a release into earned value (Sulaiman, Barton and Blackburn,
"AgileEVM - Earned Value Management in Scrum Projects", Agile 2006), so a release can sit in a
program's roll-up next to predictive projects (the hybrid view); its variances, indices and
forecasts come from :func:`pmlib.evm.metrics`, so the formulas live in one place.

Forecasts resample history (Magennis; Vacanti): each future sprint's velocity, or each future
day's throughput, is drawn at random from the past ones, and the simulation counts how many
sprints (days) the remaining work takes, 10,000 times. They are vectorised over iterations,
seeded and reproducible, and they return :class:`pmlib._simulation.Simulation` results whose
``percentile(q)`` is in whole sprints (days, items).

Conventions: points and items are counts (>= 0); dates are calendar days; cycle time counts
both the start and the finish day (``done - started + 1``, Vacanti), so an item started and
finished on the same day took 1 day, and an item is in progress (WIP) on every day from its
start to its finish, both included.

>>> import pmlib as pm
>>> pm.agile.velocity([20, 25, 30])[["mean", "sd", "last_3"]].tolist()
[25.0, 5.0, 25.0]
>>> f = pm.agile.release_forecast(60, [20, 20, 20], n=1_000, seed=0)
>>> f.percentile(85), f.probability(3)
(3, 1.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import evm as _evm
from ._simulation import Simulation, make_rng
from ._validate import (
    Integer,
    Real,
    Seed,
    aligned_arrays,
    as_float_array,
    as_frame,
    as_number,
    as_timestamps,
    check_column_name,
    check_non_negative,
    check_range,
    params,
    require_columns,
)
from .errors import InputError

__all__ = [
    "velocity",
    "release_forecast",
    "throughput_forecast",
    "points_forecast",
    "agile_evm",
    "release_evm",
    "littles_law",
    "flow_metrics",
    "sprint_burndown",
    "release_burnup",
    "sprint_capacity",
    "ReleaseForecast",
    "ThroughputForecast",
    "FlowMetrics",
    "MIN_HISTORY",
    "AGILE_EVM_COLUMNS",
]

#: Fewest past sprints (or days) a forecast resamples.
MIN_HISTORY = 3

#: Names of the figures :func:`agile_evm` returns, in order.
AGILE_EVM_COLUMNS = ["ppc", "apc", "pv", "ev", "ac", "cv", "sv", "cpi", "spi", "eac", "etc", "vac",
                     "estimated_sprints"]

# A simulated release that needs more sprints (days) than this is not a forecast.
_MAX_PERIODS = 100_000


# ---------------------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------------------
def _history(values, name: str, *, minimum: int = 1, unit: str = "sprints") -> np.ndarray:
    """A 1-D array of counts >= 0 (points per sprint, items per day); InputError otherwise."""
    if isinstance(values, str | bytes) or np.ndim(values) == 0:
        raise InputError(f"{name} must be a sequence of numbers (one per {unit[:-1]}), got {values!r}.")
    arr = as_float_array(values, name, ndim=1, allow_empty=True)
    if arr.size == 0:
        raise InputError(f"{name} is empty: give the history, one number per {unit[:-1]}.")
    labels = list(values.index) if isinstance(values, pd.Series) else None
    check_non_negative(arr, name, labels=labels)
    if arr.size < minimum:
        raise InputError(
            f"{name} has {arr.size} {unit} of history; a forecast needs at least {minimum}. "
            f"Resampling {arr.size} number(s) can only repeat them, so the spread of the forecast "
            "(and every percentile) would say nothing about how much the team really varies. "
            f"Forecast after {minimum} or more {unit} (5 to 10 is better), or give a range estimate "
            "meanwhile."
        )
    return arr


def _confidence(q, name: str = "q") -> np.ndarray:
    """Confidence levels in percent, strictly between 0 and 100.

    A level below 1 (0.85) is refused too: it is almost surely a fraction meant as 85 %, and a
    forecast at 0.85 % confidence answers no question.
    """
    if isinstance(q, str | bytes) or q is None:
        raise InputError(f"{name} must be a confidence in percent between 0 and 100 (85 for 85 %), got {q!r}.")
    arr = as_float_array(q, name, ndim=(0, 1))
    bad = (arr <= 0) | (arr >= 100)
    if bad.any():
        value = arr.ravel()[int(np.flatnonzero(bad.ravel())[0])]
        raise InputError(
            f"{name} = {value:g} is outside (0, 100): give a confidence in percent, such as 85. "
            "0 and 100 are not confidences a sample of the past can give."
        )
    fraction = arr < 1
    if fraction.any():
        value = arr.ravel()[int(np.flatnonzero(fraction.ravel())[0])]
        raise InputError(f"{name} = {value:g} looks like a fraction: give the confidence in percent "
                         f"({value * 100:g} %, not {value:g}).")
    return arr


def _whole_percentile(sorted_samples: np.ndarray, q):
    """Smallest sample s with P(outcome <= s) >= q / 100 (numpy's 'inverted_cdf')."""
    qs = _confidence(q)
    out = np.percentile(sorted_samples, qs, method="inverted_cdf")
    return _as_count(out)


def _as_count(out):
    if np.ndim(out) == 0:
        return int(out) if float(out).is_integer() else float(out)
    return out


def _draw_indices(rng: np.random.Generator, shape, m: int) -> np.ndarray:
    """Uniform random indices in [0, m) (numpy's exact bounded integers).

    Each index takes its bits from the generator's stream in order, whatever the shape of the
    call, so drawing k periods at once or one at a time gives the same periods: the k-th
    simulated period of an iteration does not depend on how many periods the simulation needs.
    """
    return rng.integers(0, m, size=shape)


def _periods_to_reach(target: float, history: np.ndarray, n: int, rng: np.random.Generator,
                      what: str) -> np.ndarray:
    """For each of ``n`` iterations, the number of periods whose resampled values reach ``target``.

    Vectorised over the iterations, a few periods per step: each period draws one value of
    ``history`` per iteration, adds it to the running totals and counts the iterations still
    short of the target. The first periods, in which no iteration can reach the target even
    drawing the largest value every time, are drawn and summed in one block. Periods come in
    order from one stream of draws (:func:`_draw_indices`), so a larger target never needs
    fewer periods with the same seed.
    """
    if target <= 0:
        return np.zeros(n, dtype=np.int64)
    m = history.size
    top = float(history.max())
    # nobody finishes within `sure` periods: sure * top < target, with a margin for rounding
    sure = max(0, math.ceil(target / top) - 1)
    while sure and sure * top * (1 + 1e-12) >= target:
        sure -= 1
    # One call draws the sure periods and the next ones up to the plan on mean velocity (at most 8
    # more, to stay in cache): by Wald's identity the slowest iterations need at least that many,
    # so none of these draws is wasted.
    expected = max(sure + 1, min(sure + 8, math.ceil(target / float(history.mean()) - 1e-12)))
    first = history.take(_draw_indices(rng, (expected, n), m))
    total = first[:sure].sum(axis=0) if sure else np.zeros(n)
    count = np.full(n, sure + 1, dtype=np.int64)
    # then one period at a time: add it, count who is still short. The count runs in a uint8 (one
    # byte per iteration, flushed before it can overflow): adding a boolean row to it costs a
    # fraction of adding it to 64-bit integers.
    short = np.empty(n, dtype=bool)
    short_u8, recent, rows = short.view(np.uint8), np.zeros(n, dtype=np.uint8), 0
    block = max(1, min(4, expected // 8))  # later periods a few per call: at most block - 1 unused

    def periods():
        yield from first[sure:]
        for _first in range(expected, _MAX_PERIODS, block):
            yield from history.take(_draw_indices(rng, (block, n), m))

    for values in periods():
        total += values
        np.less(total, target, out=short)
        if not short.any():
            return count + recent
        np.add(recent, short_u8, out=recent)
        rows += 1
        if rows == 255:
            count += recent
            recent[:] = 0
            rows = 0
    raise InputError(  # pragma: no cover - needs a history of almost only zeros
        f"the simulation needed more than {_MAX_PERIODS:,} {what} in some iterations: the history "
        "is almost all zeros, so there is no meaningful forecast."
    )


def _sum_of_periods(periods: int, history: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """For each of ``n`` iterations, the sum of ``periods`` values resampled from ``history``."""
    total = np.zeros(n)
    block = 8  # periods per draw call: keeps the block in cache
    for first in range(0, periods, block):
        rows = min(block, periods - first)
        total += history.take(_draw_indices(rng, (rows, n), history.size)).sum(axis=0)
    return total


# ---------------------------------------------------------------------------------------
# velocity
# ---------------------------------------------------------------------------------------
def velocity(points) -> pd.Series:
    """Velocity: the story points a team completes per sprint, and its spread.

    ``velocity = sum of the points of the items finished in the sprint`` (the Scrum Guide
    leaves the unit to the team; story points are the usual one); unfinished items earn
    nothing. A plan on mean velocity needs ``sprints = ceil(remaining points / mean velocity)``.
    It is a
    *planning* figure for this team, not a performance target and not comparable between
    teams: each team sizes its own points.

    Parameters
    ----------
    points : sequence of float
        Points completed in each sprint, oldest first (>= 0). A Series keeps its labels in
        error messages.

    Returns
    -------
    Series
        ``mean``, ``sd`` (sample standard deviation, ``ddof=1``; NaN for a single sprint),
        ``last_3`` (mean of the last three sprints, or of all when fewer: "yesterday's
        weather"), ``min``, ``max`` and ``n`` (number of sprints), in points per sprint.

    References
    ----------
    K. Schwaber and J. Sutherland, *The Scrum Guide* (2020); M. Cohn, *Agile Estimating and
    Planning* (2005), ch. 16 "Estimating Velocity".

    Examples
    --------
    >>> velocity([20, 25, 30, 29]).round(2).to_dict()
    {'mean': 26.0, 'sd': 4.55, 'last_3': 28.0, 'min': 20.0, 'max': 30.0, 'n': 4.0}
    """
    v = _history(points, "points", minimum=1)
    return pd.Series({
        "mean": float(v.mean()),
        "sd": float(v.std(ddof=1)) if v.size > 1 else math.nan,
        "last_3": float(v[-3:].mean()),
        "min": float(v.min()),
        "max": float(v.max()),
        "n": float(v.size),
    }, name="velocity")


# ---------------------------------------------------------------------------------------
# forecasts
# ---------------------------------------------------------------------------------------
@dataclass(repr=False)
class ReleaseForecast(Simulation):
    """Sprints needed to finish a release, one number per Monte Carlo iteration.

    ``sprints`` (ndarray) holds the outcomes; ``percentile(q)`` is in whole sprints (the
    smallest number of sprints that finishes in at least ``q`` % of the iterations);
    ``probability(k)`` is P(done within ``k`` sprints). ``average_sprints`` is what a plan on
    the mean velocity promises (remaining / mean velocity, rounded up), and
    ``probability(f.average_sprints)`` how often that promise holds.
    """

    remaining_points: float = 0.0
    velocities: np.ndarray | None = None

    def __repr__(self):
        return (f"ReleaseForecast({self.remaining_points:g} points, n={self.n}, mean={self.mean:.4g} sprints, "
                f"P50={self.percentile(50)}, P85={self.percentile(85)})")

    @property
    def sprints(self) -> np.ndarray:
        """Sprints needed in each iteration (whole numbers, as floats)."""
        return self.samples

    @property
    def average_sprints(self) -> int:
        """The plan on average velocity: ceil(remaining points / mean velocity)."""
        return int(math.ceil(self.remaining_points / float(np.mean(self.velocities)) - 1e-12))

    def percentile(self, q):
        """Whole sprints that finish the release in at least ``q`` % of iterations (0 < q < 100)."""
        return _whole_percentile(self._sorted_samples(), q)

    def finish_date(self, q, *, after, sprint_days: int = 14) -> pd.Timestamp:
        """End date of the sprint that finishes the release with ``q`` % confidence.

        ``after`` is the end date of the last finished sprint; sprints end every
        ``sprint_days`` calendar days after it (14 for two-week sprints).

        >>> f = ReleaseForecast(np.array([2.0, 3.0, 3.0, 4.0]))
        >>> f.finish_date(75, after="2026-10-23").date()
        datetime.date(2026, 12, 4)
        """
        days = Integer(ge=1).convert(sprint_days, "sprint_days")
        end = as_timestamps(after, "after")
        k = self.percentile(q)
        return end + pd.Timedelta(days=int(k) * days)

    def summary(self) -> pd.Series:
        """Mean, sd, P50, P70, P85, P95 (whole sprints), min and max; the average-velocity plan."""
        p = self.percentile([50, 70, 85, 95])
        out = {"mean": self.mean, "sd": self.sd, "p50": p[0], "p70": p[1], "p85": p[2], "p95": p[3],
               "min": float(self.samples.min()), "max": float(self.samples.max()),
               "average_sprints": float(self.average_sprints),
               "p_average_holds": self.probability(self.average_sprints)}
        return pd.Series(out, name="sprints")


@params(n=Integer(ge=1), seed=Seed())
def release_forecast(remaining_points, velocities, *, n=10_000, seed=0) -> ReleaseForecast:
    """Monte Carlo release forecast: how many sprints will the remaining points take?

    Each simulated future sprint's velocity is drawn at random (with replacement) from the
    past velocities; an iteration ends when the drawn velocities add up to the remaining
    points: ``sprints = smallest k with v_1 + ... + v_k >= remaining points``. 10,000
    iterations give the distribution of the number of sprints; with 85 % confidence the
    release needs ``P85 = smallest k with P(sprints <= k) >= 0.85``.

    Parameters
    ----------
    remaining_points : float
        Points left in the release backlog (>= 0; 0 gives 0 sprints).
    velocities : sequence of float
        Points completed in each past sprint (>= 0, at least :data:`MIN_HISTORY` sprints, not
        all 0). Pick the sprints that resemble the future (the same team, a recent window).
    n : int
        Iterations.
    seed : int, Generator or None
        Same seed, same forecast.

    Returns
    -------
    ReleaseForecast
        ``f.sprints`` (ndarray), ``f.percentile(q)`` in whole sprints, ``f.probability(k)`` =
        P(done within k sprints), ``f.average_sprints`` (the plan on mean velocity),
        ``f.finish_date(q, after=last_sprint_end)``, ``f.summary()``.

    Notes
    -----
    Resampling past velocities (a bootstrap) keeps their real spread and skew and assumes no
    trend and independent sprints; T. Magennis, *Forecasting and Simulating Software
    Development Projects* (2011); D. Vacanti, *When Will It Be Done?* (2020). A plan on average
    velocity finishes on time only about half the time: compare ``f.probability(f.average_sprints)``.
    The simulation is vectorised over iterations (one numpy step per simulated sprint).

    Examples
    --------
    Two sprints of 10 and one of 20 points: 20 points take 1 sprint (a 20 is drawn, p = 1/3)
    or 2 sprints (p = 2/3):

    >>> f = release_forecast(20, [10, 10, 20], n=20_000, seed=1)
    >>> round(f.probability(1), 1), f.percentile(50), f.percentile(85)
    (0.3, 2, 2)
    """
    remaining = as_number(remaining_points, "remaining_points")
    if remaining < 0:
        raise InputError(f"remaining_points = {remaining:g} is negative: give the points left in the release (>= 0).")
    history = _history(velocities, "velocities", minimum=MIN_HISTORY, unit="sprints")
    if not (history > 0).any():
        raise InputError("velocities are all 0: a team that has never completed a point cannot be "
                         "forecast; look at why nothing gets done first.")
    rng = make_rng(seed)
    sprints = _periods_to_reach(remaining, history, n, rng, "sprints")
    return ReleaseForecast(sprints.astype(float), seed=seed, unit="sprints", remaining_points=remaining,
                           velocities=history)


@dataclass(repr=False)
class ThroughputForecast(Simulation):
    """A throughput forecast: days needed for ``items`` items, or items done in ``days`` days.

    :func:`points_forecast` returns one too: points done in ``days`` sprints (``period`` is
    ``"sprint"``, ``unit`` ``"points"``).

    With ``items`` given the outcome is the number of days (``percentile(q)``: the whole days
    that suffice in ``q`` % of iterations; ``probability(d)``: P(done within ``d`` days)).
    With ``days`` given the outcome is the number of items done (``percentile(q)``: the
    largest count reached with probability >= q / 100; ``probability_at_least(k)``:
    P(at least k items); ``probability(k)`` keeps the common meaning P(items <= k)).
    """

    items: float | None = None
    days: int | None = None
    history: np.ndarray | None = None
    period: str = "day"

    def __repr__(self):
        if self.mode == "days":
            what = f"days for {self.items:g} items"
            return (f"ThroughputForecast({what}, n={self.n}, mean={self.mean:.4g}, P50={self.percentile(50)}, "
                    f"P85={self.percentile(85)})")
        what = f"{self.unit} in {self.days} {self.period}{'s' if self.days != 1 else ''}"
        return (f"ThroughputForecast({what}, n={self.n}, mean={self.mean:.4g}, at least {self.percentile(50):g} "
                f"with 50 %, at least {self.percentile(85):g} with 85 %)")

    @property
    def mode(self) -> str:
        """``"days"`` (days needed for ``items``) or ``"items"`` (items done in ``days``)."""
        return "days" if self.items is not None else "items"

    @property
    def days_needed(self) -> np.ndarray:
        """Days needed in each iteration (when ``items`` was given)."""
        if self.mode != "days":
            raise AttributeError("this forecast counts items done in a number of days: read items_done.")
        return self.samples

    @property
    def items_done(self) -> np.ndarray:
        """Items done in each iteration (when ``days`` was given)."""
        if self.mode != "items":
            raise AttributeError("this forecast counts the days needed for a number of items: read days_needed.")
        return self.samples

    def percentile(self, q):
        """Days needed with ``q`` % confidence, or the item count reached with ``q`` % confidence."""
        if self.mode == "days":
            return _whole_percentile(self._sorted_samples(), q)
        qs = _confidence(q)
        s = self._sorted_samples()
        idx = np.floor(np.round(self.n * (100.0 - qs) / 100.0, 9)).astype(np.intp)
        out = s[np.clip(idx, 0, self.n - 1)]
        return _as_count(out if np.ndim(qs) else out.reshape(()))

    def probability_at_least(self, k):
        """P(outcome >= k): the share of iterations with at least ``k`` items (or days)."""
        ks = as_float_array(k, "k", ndim=(0, 1))
        out = 1.0 - np.searchsorted(self._sorted_samples(), ks, side="left") / self.n
        return float(out) if np.ndim(out) == 0 else out

    def finish_date(self, q, *, start) -> pd.Timestamp:
        """Date by which the items are done with ``q`` % confidence (days mode).

        ``start`` is the first simulated day; d days later the items are done by the end of
        day ``start + d - 1`` (days counted inclusively).
        """
        if self.mode != "days":
            raise InputError("finish_date needs a forecast of days (give items=, not days=).")
        d = self.percentile(q)
        return as_timestamps(start, "start") + pd.Timedelta(days=int(d) - 1)

    def summary(self) -> pd.Series:
        """Mean, sd, the 50/70/85/95 % confidence figures, min and max."""
        p = self.percentile([50, 70, 85, 95])
        return pd.Series({"mean": self.mean, "sd": self.sd, "p50": p[0], "p70": p[1], "p85": p[2],
                          "p95": p[3], "min": float(self.samples.min()), "max": float(self.samples.max())},
                         name=self.unit)


@params(n=Integer(ge=1), seed=Seed())
def points_forecast(velocities, sprints, *, n=10_000, seed=0) -> ThroughputForecast:
    """Monte Carlo forecast of the points done in a number of sprints: fixed date, how much scope?

    The counterpart of :func:`release_forecast` when the date is fixed: each of the next
    sprints' velocity is drawn from the past velocities and the points are added up,
    ``points = v_1 + ... + v_sprints``; with 85 % confidence the team finishes at least
    ``P85 = largest k with P(points >= k) >= 0.85``.

    Parameters
    ----------
    velocities : sequence of float
        Points completed in each past sprint (>= 0, at least :data:`MIN_HISTORY` sprints).
    sprints : int
        Sprints left before the date (>= 1).
    n, seed
        Iterations and seed.

    Returns
    -------
    ThroughputForecast
        Outcome: points done (``unit="points"``, ``period="sprint"``). ``percentile(q)`` is the
        most points reached with probability >= q / 100 ("85 % confident of at least this
        much"), ``probability_at_least(p)`` the chance of at least ``p`` points.

    References
    ----------
    T. Magennis, *Forecasting and Simulating Software Development Projects* (2011); M. Cohn,
    *Agile Estimating and Planning* (2005), ch. 17 "Planning a release" (fixed-date releases).

    Examples
    --------
    Velocities 10 or 20 with equal chance: in 2 sprints 20, 30 or 40 points (1/4, 1/2, 1/4):

    >>> f = points_forecast([10, 20, 10, 20], 2, n=40_000, seed=0)
    >>> round(f.probability_at_least(30), 2), f.percentile(70), f.percentile(80)
    (0.75, 30, 20)
    """
    history = _history(velocities, "velocities", minimum=MIN_HISTORY, unit="sprints")
    horizon = Integer(ge=1).convert(sprints, "sprints")
    total = _sum_of_periods(horizon, history, n, make_rng(seed))
    return ThroughputForecast(total, seed=seed, unit="points", days=horizon, history=history, period="sprint")


@params(n=Integer(ge=1), seed=Seed())
def throughput_forecast(daily_throughput, *, items=None, days=None, n=10_000, seed=0) -> ThroughputForecast:
    """Monte Carlo forecast on daily throughput: "when will N items be done?" or "how many by then?".

    Each simulated future day's throughput (items finished that day) is drawn at random from
    the past days. Give exactly one of ``items`` (the days needed to finish that many items:
    ``days = smallest d with t_1 + ... + t_d >= items``) or ``days`` (the items finished in
    that many days: ``items done = t_1 + ... + t_days``).

    Parameters
    ----------
    daily_throughput : sequence of int
        Items finished on each past day (>= 0), zero days included: one number per calendar day
        if the forecast is in calendar days (``FlowMetrics.throughput`` gives this), one per
        working day if it is in working days. At least :data:`MIN_HISTORY` days.
    items : float, optional
        Items to finish (>= 0).
    days : int, optional
        Days ahead (>= 1), e.g. ``(release_date - today).days``.
    n, seed
        Iterations and seed (same seed, same forecast).

    Returns
    -------
    ThroughputForecast
        ``percentile(q)``: with ``items``, the whole days that suffice in ``q`` % of
        iterations; with ``days``, the largest item count reached with probability >= q/100
        ("85 % confident of at least this many"). ``probability(x)`` is P(outcome <= x) as
        in every pmlib simulation; ``probability_at_least(k)`` P(at least k items).

    Notes
    -----
    T. Magennis, *Forecasting and Simulating Software Development Projects* (2011); D.
    Vacanti, *When Will It Be Done?* (2020): counting items needs no estimates, and works as
    well as points when items are of a roughly similar size.

    Examples
    --------
    A history of 0, 1 and 2 items per day: in 2 days 0 to 4 items are done; 2 or more in
    6 of 9 equally likely cases:

    >>> f = throughput_forecast([0, 1, 2], days=2, n=30_000, seed=0)
    >>> round(f.probability_at_least(2), 2), f.percentile(60)
    (0.67, 2)
    """
    if (items is None) == (days is None):
        raise InputError("give exactly one of items= (how many days for that many items?) or days= "
                         "(how many items in that many days?).")
    history = _history(daily_throughput, "daily_throughput", minimum=MIN_HISTORY, unit="days")
    rng = make_rng(seed)
    if items is not None:
        target = as_number(items, "items")
        if target < 0:
            raise InputError(f"items = {target:g} is negative: give the number of items to finish (>= 0).")
        if target > 0 and not (history > 0).any():
            raise InputError("daily_throughput is all 0: no item has ever been finished, so no finish "
                             "date can be forecast.")
        outcome = _periods_to_reach(target, history, n, rng, "days").astype(float)
        return ThroughputForecast(outcome, seed=seed, unit="days", items=target, history=history)
    horizon = Integer(ge=1).convert(days, "days")
    total = _sum_of_periods(horizon, history, n, rng)
    return ThroughputForecast(total, seed=seed, unit="items", days=horizon, history=history)


# ---------------------------------------------------------------------------------------
# AgileEVM
# ---------------------------------------------------------------------------------------
def agile_evm(bac, total_points, planned_sprints, sprints_done, points_done, actual_cost):
    """AgileEVM: a release's earned value from its sprints (Sulaiman, Barton and Blackburn 2006).

    The release plan is the baseline: BAC (the release budget), the planned release points
    (PRP) and the planned number of sprints (PS). At a sprint boundary:

    * planned percent complete ``ppc = sprints_done / planned_sprints`` (capped at 1: after
      the planned last sprint all the work should be done);
    * actual percent complete ``apc = points_done / total_points``;
    * ``pv = ppc * BAC``, ``ev = apc * BAC``, ``ac = actual_cost``;
    * then the PMI formulas of :func:`pmlib.evm.metrics`: ``cv = ev - ac``, ``sv = ev - pv``,
      ``cpi = ev / ac``, ``spi = ev / pv``, ``eac = BAC / CPI``, ``etc = eac - ac``,
      ``vac = BAC - eac``;
    * ``estimated_sprints = sprints_done * total_points / points_done``: the release length at
      the mean velocity so far, which the paper shows equals ``planned_sprints / spi``.

    Parameters
    ----------
    bac : float
        Budget of the release (money, e.g. k$; > 0).
    total_points : float
        Points in the release backlog now (> 0). When scope is added, pass the new total and
        re-baseline BAC (and the planned sprints) through change control, as the paper does at
        each sprint boundary; otherwise added scope reads as poor performance.
    planned_sprints : int
        Sprints the release plan allows (>= 1).
    sprints_done : int
        Sprints finished so far (>= 0).
    points_done : float
        Points completed so far (0 <= points_done <= total_points).
    actual_cost : float
        Cost of the release so far (money, >= 0).

    Scalars give a Series; sequences (one entry per sprint boundary) a DataFrame with one
    row each (pandas labels are kept, and paired by label).

    Returns
    -------
    Series or DataFrame
        ``ppc apc pv ev ac cv sv cpi spi eac etc vac estimated_sprints``.

    References
    ----------
    T. Sulaiman, B. Barton and T. Blackburn, "AgileEVM - Earned Value Management in Scrum
    Projects", *Proceedings of AGILE 2006*, IEEE, pp. 7-16.

    Examples
    --------
    A release of 100 points, 5 sprints and 100,000 $; after 2 sprints 30 points are done
    for 25,000 $ (PM Services, "Measuring Agile Project Performance", part 2):

    >>> r = agile_evm(bac=100_000, total_points=100, planned_sprints=5, sprints_done=2,
    ...               points_done=30, actual_cost=25_000)
    >>> r[["pv", "ev", "sv", "cv", "cpi", "spi"]].round(2).tolist()
    [40000.0, 30000.0, -10000.0, 5000.0, 1.2, 0.75]
    """
    named = {"bac": bac, "total_points": total_points, "planned_sprints": planned_sprints,
             "sprints_done": sprints_done, "points_done": points_done, "actual_cost": actual_cost}
    arrays, index = aligned_arrays(named)
    a = arrays
    for name in ("bac", "total_points", "planned_sprints"):
        _check_where(a[name] > 0, a[name], name, "must be > 0", index)
    for name in ("sprints_done", "points_done", "actual_cost"):
        _check_where(a[name] >= 0, a[name], name, "must be >= 0", index)
    for name in ("planned_sprints", "sprints_done"):
        _check_where(a[name] == np.floor(a[name]), a[name], name, "must be a whole number of sprints", index)
    over = a["points_done"] > a["total_points"] * (1 + 1e-9)
    if over.any():
        i = int(np.flatnonzero(over.ravel())[0])
        raise InputError(
            f"points_done{_where(i, index, a['points_done'])} = {a['points_done'].ravel()[i]:g} is above "
            f"total_points = {a['total_points'].ravel()[i]:g}: the release cannot be more than done. "
            "Add the extra scope to total_points (and re-baseline BAC)."
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        ppc = np.minimum(a["sprints_done"] / a["planned_sprints"], 1.0)
        apc = a["points_done"] / a["total_points"]
        est = np.where(a["points_done"] > 0, a["sprints_done"] * a["total_points"] / a["points_done"], np.nan)
    pv, ev = ppc * a["bac"], apc * a["bac"]
    scalar = all(np.ndim(v) == 0 for v in (bac, total_points, planned_sprints, sprints_done, points_done,
                                           actual_cost))
    if scalar:
        m = _evm.metrics(pv=float(pv), ev=float(ev), ac=float(a["actual_cost"]), bac=float(a["bac"]))
        out = pd.Series({"ppc": float(ppc), "apc": float(apc), "pv": float(pv), "ev": float(ev),
                         "ac": float(a["actual_cost"]), **{k: float(m[k]) for k in AGILE_EVM_COLUMNS[5:12]},
                         "estimated_sprints": float(est)}, name="agile_evm")
        out.attrs["notes"] = m.attrs.get("notes", [])
        return out
    idx = index if index is not None else pd.RangeIndex(np.size(ev))
    m = _evm.metrics(pv=pd.Series(np.ravel(pv), index=idx), ev=np.ravel(ev), ac=np.ravel(a["actual_cost"]),
                     bac=np.ravel(a["bac"]))
    table = pd.DataFrame({"ppc": np.ravel(ppc), "apc": np.ravel(apc), "pv": np.ravel(pv), "ev": np.ravel(ev),
                          "ac": np.ravel(a["actual_cost"])}, index=idx)
    table = pd.concat([table, m[AGILE_EVM_COLUMNS[5:12]]], axis=1)
    table["estimated_sprints"] = np.ravel(est)
    table.attrs["notes"] = m.attrs.get("notes", [])
    return table


def release_evm(sprints, *, bac, planned_sprints, completed="completed", scope="release_scope",
                cost="cost") -> pd.DataFrame:
    """AgileEVM per sprint: a release's earned value at each sprint boundary, from its sprint report.

    Row k is :func:`agile_evm` after the release's first k sprints, with the points and costs
    added up, ``points_done = completed_1 + ... + completed_k`` and
    ``actual_cost = cost_1 + ... + cost_k``, and the release scope at that sprint's end as the
    total points (scope added along the way is counted, as Sulaiman et al. do at each sprint
    boundary).

    Parameters
    ----------
    sprints : DataFrame
        The release's finished sprints, in order: points ``completed``, release ``scope`` at
        the sprint's end and ``cost`` (money) of each sprint.
    bac : float
        Budget of the release.
    planned_sprints : int
        Sprints in the release plan.
    completed, scope, cost : str
        Column names.

    Returns
    -------
    DataFrame
        Same index as ``sprints``: ``sprints_done``, ``points_done``, ``total_points`` and the
        columns of :data:`AGILE_EVM_COLUMNS`.

    References
    ----------
    T. Sulaiman, B. Barton and T. Blackburn, "AgileEVM - Earned Value Management in Scrum
    Projects", *Proceedings of AGILE 2006*, IEEE.

    Examples
    --------
    >>> t = release_evm([{"completed": 20, "release_scope": 100, "cost": 30},
    ...                  {"completed": 30, "release_scope": 100, "cost": 30}], bac=150, planned_sprints=5)
    >>> t[["pv", "ev", "ac", "spi", "cpi"]].round(3).values.tolist()
    [[30.0, 30.0, 30.0, 1.0, 1.0], [60.0, 75.0, 60.0, 1.25, 1.25]]
    """
    df = as_frame(sprints, "sprints")
    names = [check_column_name(c, n) for c, n in ((completed, "completed"), (scope, "scope"), (cost, "cost"))]
    require_columns(df, names, "sprints")
    if df.empty:
        raise InputError("sprints is empty: give the release's finished sprints.")
    done_each = as_float_array(df[completed], f"sprints[{completed!r}]", ndim=1)
    cost_each = as_float_array(df[cost], f"sprints[{cost!r}]", ndim=1)
    for arr, col in ((done_each, completed), (cost_each, cost)):
        check_non_negative(arr, f"sprints[{col!r}]", labels=list(df.index))
    totals = as_float_array(df[scope], f"sprints[{scope!r}]", ndim=1)
    index = df.index
    table = agile_evm(bac, pd.Series(totals, index=index), planned_sprints,
                      pd.Series(np.arange(1.0, len(df) + 1), index=index),
                      pd.Series(np.cumsum(done_each), index=index), pd.Series(np.cumsum(cost_each), index=index))
    table.insert(0, "total_points", totals)
    table.insert(0, "points_done", np.cumsum(done_each))
    table.insert(0, "sprints_done", np.arange(1, len(df) + 1))
    return table


def _where(i: int, index, arr) -> str:
    if index is not None:
        return f" (row {index[i]!r})"
    return f"[{i}]" if np.ndim(arr) else ""


def _check_where(ok, arr, name, rule, index) -> None:
    bad = ~np.asarray(ok)
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        raise InputError(f"{name}{_where(i, index, arr)} = {np.asarray(arr).ravel()[i]:g}: it {rule}.")


# ---------------------------------------------------------------------------------------
# Little's law
# ---------------------------------------------------------------------------------------
def littles_law(*, wip=None, throughput=None, cycle_time=None):
    """Little's law: work in progress, throughput and cycle time; give two, get the third.

    ``WIP = throughput * cycle_time``, averages over the same period and in the same time
    unit (so ``cycle_time = WIP / throughput``): average work in progress
    (items), average throughput (items per day) and average cycle time (days). It holds for
    any system whose WIP is about the same at the start and end of the period (items that
    start also finish, WIP is not growing): a WIP that grows while throughput stays flat makes
    cycle time grow with it.

    Parameters
    ----------
    wip : float, optional
        Average items in progress (>= 0).
    throughput : float, optional
        Average items finished per time unit (> 0 when it divides).
    cycle_time : float, optional
        Average time an item spends in progress, in the same time unit (> 0 when it divides).

    Returns
    -------
    float, ndarray or Series
        The one quantity not given (a number for numbers; arrays and Series element-wise,
        Series paired by label).

    References
    ----------
    J. D. C. Little, "A Proof for the Queuing Formula: L = lambda W", *Operations Research* 9(3),
    1961; D. Vacanti, *Actionable Agile Metrics for Predictability* (2015), ch. 3.

    Examples
    --------
    A team working on 3 backlog items at a time, 8 working days each, finishes 0.375 items a
    day, 22.5 items in a 60-day release (Streaming Agile, "Little's Law", 2016):

    >>> littles_law(wip=3, cycle_time=8), 60 * littles_law(wip=3, cycle_time=8)
    (0.375, 22.5)
    >>> littles_law(throughput=0.375, cycle_time=8)
    3.0
    """
    given = {k: v for k, v in (("wip", wip), ("throughput", throughput), ("cycle_time", cycle_time))
             if v is not None}
    if len(given) != 2:
        have = ", ".join(given) or "none"
        raise InputError(
            f"littles_law takes exactly two of wip, throughput and cycle_time and returns the third; "
            f"got {len(given)} ({have})."
        )
    arrays, index = aligned_arrays(given)
    for name, arr in arrays.items():
        _check_where(arr >= 0, arr, name, "must be >= 0 (an average count or time)", index)
    with np.errstate(divide="ignore", invalid="ignore"):
        if wip is None:
            out, name = arrays["throughput"] * arrays["cycle_time"], "wip"
        else:
            divisor = "cycle_time" if throughput is None else "throughput"
            zero = arrays[divisor] == 0
            if zero.any():
                i = int(np.flatnonzero(zero.ravel())[0])
                where = f" (row {index[i]!r})" if index is not None else (f"[{i}]" if zero.ndim else "")
                raise InputError(f"{divisor}{where} is 0: Little's law divides by it; an average {divisor} "
                                 "of 0 means nothing flowed in the period.")
            out = arrays["wip"] / arrays[divisor]
            name = "throughput" if throughput is None else "cycle_time"
    if index is not None:
        return pd.Series(np.ravel(out), index=index, name=name)
    return float(out) if np.ndim(out) == 0 else np.array(out)


# ---------------------------------------------------------------------------------------
# flow metrics
# ---------------------------------------------------------------------------------------
class FlowMetrics(pd.DataFrame):
    """One row per work item with its flow figures, plus the daily flow of the whole set.

    Columns: the item's own columns, its dates as calendar days, and ``cycle_time`` (days
    from start to finish, both counted: done - started + 1), ``lead_time`` (done - created
    + 1), ``age`` (as_of - started + 1 for an item in progress; Vacanti's work item age).

    Daily tables, up to ``as_of`` (calendar days):

    * ``throughput``: items finished each day (Series), from the first day work started or
      finished;
    * ``wip``: items in progress each day (started on or before it, not finished before it),
      from the same first day;
    * ``cfd``: the cumulative flow table from the first date in the data (creation dates
      included): cumulative counts ``arrived`` (created), ``started`` and ``done`` at the end
      of each day;

    and ``percentiles`` (cycle time at 50, 70, 85 and 95 %), ``summary()``, ``notes``.
    Operations that reshape the table (slicing, copying) give a plain DataFrame.
    """

    _metadata = ["_flow"]

    @property
    def _constructor(self):
        return pd.DataFrame

    # -- settings -------------------------------------------------------------------
    @property
    def as_of(self) -> pd.Timestamp:
        """The day the figures are measured at (the last date in the data unless given)."""
        return self._flow["as_of"]

    @property
    def notes(self) -> list[str]:
        """What the data lacked (start dates, creation dates), in words."""
        return list(self._flow["notes"])

    def _days(self, first=None) -> pd.DatetimeIndex:
        return pd.date_range(self._flow["first"] if first is None else first, self.as_of, freq="D", name="date")

    def _day_numbers(self, column, first=None) -> np.ndarray:
        """Day offsets (0 = ``first``) of a date column; -1 for missing."""
        if column is None:
            return np.full(len(self), -1, dtype=np.int64)
        values = self[column]
        first = self._flow["first"] if first is None else first
        out = ((values - first).dt.days).to_numpy(dtype=float, na_value=np.nan)
        return np.where(np.isnan(out), -1, out).astype(np.int64)

    def _daily_counts(self, column, first=None) -> np.ndarray:
        days = self._day_numbers(column, first)
        n = len(self._days(first))
        return np.bincount(days[days >= 0], minlength=n)[:n]

    # -- daily tables ---------------------------------------------------------------
    @property
    def throughput(self) -> pd.Series:
        """Items finished on each calendar day (zero days included), from the first day of work."""
        first = self._flow["first_work"]
        return pd.Series(self._daily_counts(self._flow["done"], first), index=self._days(first), name="throughput")

    @property
    def wip(self) -> pd.Series:
        """Items in progress on each day from the first day of work: started on or before it, not
        finished before it (items without a start date are not counted)."""
        first = self._flow["first_work"]
        if self._flow["started"] is None:  # no start dates: WIP is unknown, not zero
            return pd.Series(np.nan, index=self._days(first), name="wip")
        started = np.cumsum(self._daily_counts(self._flow["started"], first))
        start_day = self._day_numbers(self._flow["started"], first)
        done_day = np.where(start_day >= 0, self._day_numbers(self._flow["done"], first), -1)
        n = len(started)
        finished = np.cumsum(np.bincount(done_day[done_day >= 0], minlength=n)[:n])
        before = np.concatenate([[0], finished[:-1]])  # finished before the day
        return pd.Series(started - before, index=self._days(first), name="wip")

    @property
    def cfd(self) -> pd.DataFrame:
        """Cumulative flow table: items arrived (created), started and done by the end of each day."""
        out = pd.DataFrame({
            "arrived": np.cumsum(self._daily_counts(self._flow["created"])) if self._flow["created"] else np.nan,
            "started": np.cumsum(self._daily_counts(self._flow["started"])) if self._flow["started"] else np.nan,
            "done": np.cumsum(self._daily_counts(self._flow["done"])),
        }, index=self._days())
        return out

    # -- cycle time -----------------------------------------------------------------
    def cycle_time_percentile(self, q):
        """Cycle time (whole days) that at least ``q`` % of the finished items did not exceed."""
        ct = self["cycle_time"].dropna().to_numpy(dtype=float)
        if ct.size == 0:
            raise InputError("no item has both a start and a finish date, so there is no cycle time: "
                             "export the start (activated / in progress) dates, or use lead_time.")
        return _whole_percentile(np.sort(ct), q)

    @property
    def percentiles(self) -> pd.Series:
        """Cycle time at 50, 70, 85 and 95 % (whole days; NaN without start dates)."""
        levels = [50, 70, 85, 95]
        if self["cycle_time"].notna().any():
            values = self.cycle_time_percentile(levels)
        else:
            values = [math.nan] * 4
        return pd.Series(np.asarray(values, dtype=float), index=pd.Index(levels, name="percent"), name="cycle_time")

    def summary(self) -> pd.Series:
        """Counts, mean cycle and lead time, P85 cycle time, average throughput and WIP, Little's law."""
        done = self[self._flow["done"]].notna()
        known = self._flow["started"] is not None
        started = self[self._flow["started"]].notna() if known else pd.Series(False, index=self.index)
        tp, wip = self.throughput, self.wip
        ct = self["cycle_time"]
        return pd.Series({
            "items": float(len(self)),
            "done": float(done.sum()),
            "in_progress": float((started & ~done).sum()) if known else math.nan,
            "not_started": float((~started & ~done).sum()) if known else math.nan,
            "mean_cycle_time": float(ct.mean()) if ct.notna().any() else math.nan,
            "p85_cycle_time": float(self.percentiles[85]),
            "mean_lead_time": float(self["lead_time"].mean()) if self["lead_time"].notna().any() else math.nan,
            "throughput_per_day": float(tp.mean()),
            "mean_wip": float(wip.mean()) if known else math.nan,
            "days": float(len(tp)),
        }, name="flow")


def _date_column(df: pd.DataFrame, column: str, keys: list) -> pd.Series:
    """A date column as calendar days (NaT allowed), or an error naming the item."""
    values = df[column]
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = values.dt.tz_localize(None) if getattr(values.dt, "tz", None) is not None else values
        return parsed.dt.normalize()
    try:
        parsed = as_timestamps(values, f"items[{column!r}]", allow_missing=True)
    except InputError:
        for i, v in enumerate(values.tolist()):
            try:
                as_timestamps(v, "value", allow_missing=True)
            except InputError as exc:
                reason = str(exc).replace("value", column, 1)
                raise InputError(f"items: item {keys[i]!r}: {reason}") from None
        raise
    return pd.Series(parsed.normalize(), index=df.index)


def flow_metrics(items, *, started="started", done="done", created="created", key=None, as_of=None) -> FlowMetrics:
    """Flow metrics: cycle time, lead time, throughput, WIP and cumulative flow of work items.

    Per item, in calendar days counting both ends, ``cycle_time = done - started + 1`` and
    ``lead_time = done - created + 1``; per day, ``throughput = items finished that day`` and
    ``WIP = items started on or before the day and not finished before it``.

    Parameters
    ----------
    items : DataFrame or list of dicts
        One row per work item (an issue-tracker export: :func:`pmlib.io.read_issues`, or
        ``pm.datasets.load("work_items")``) with its dates. Not modified.
    started, done : str
        Columns holding the day work started (empty while in the backlog) and the day it
        finished (empty while open). ``started=None`` when the data has no start dates: cycle
        time and WIP are then unknown, lead time and throughput still work.
    created : str or None
        Column holding the day the item was created (for lead time and the cumulative flow's
        arrivals); used only when present, and ``notes`` says when it is missing.
    key : str, optional
        Column naming the items in messages (default: ``key``, else ``id``, else the index).
    as_of : date, optional
        Measure at this day: events after it are ignored (default: the last date in the data).

    Returns
    -------
    FlowMetrics
        A DataFrame, one row per item, with ``cycle_time``, ``lead_time`` and ``age`` (days,
        counted inclusively), and the daily ``throughput``, ``wip``, ``cfd``, the cycle-time
        ``percentiles``, ``summary()`` and ``notes``.

    Notes
    -----
    Cycle time counts both the start and the finish day (``done - started + 1``), and an item
    is WIP on every day from its start to its finish, both included, so that over a period
    that starts and ends with nothing in progress the sum of the daily WIP equals the sum of
    the cycle times, and Little's law holds exactly (D. Vacanti, *Actionable Agile Metrics for
    Predictability*, 2015, ch. 2 and 3).

    Examples
    --------
    >>> fm = flow_metrics([{"key": "A", "started": "2026-03-02", "done": "2026-03-02"},
    ...                    {"key": "B", "started": "2026-03-02", "done": "2026-03-04"}])
    >>> fm["cycle_time"].tolist(), fm.wip.tolist(), fm.throughput.tolist()
    ([1.0, 3.0], [2, 1, 1], [1, 0, 1])
    """
    df = as_frame(items, "items")
    if df.empty:
        raise InputError("items is empty: give at least one work item.")
    done = check_column_name(done, "done")
    if started is not None:
        started = check_column_name(started, "started")
    default_created = created == "created"
    if created is not None:
        created = check_column_name(created, "created")
    required = [done] + ([started] if started is not None else []) + \
        ([created] if created is not None and not default_created else [])
    require_columns(df, required, "items")
    notes = []
    if created is not None and created not in df.columns:
        notes.append(f"items has no {created!r} column: lead time and arrivals are unknown.")
        created = None
    if key is None:
        key = next((c for c in ("key", "id") if c in df.columns), None)
    elif key not in df.columns:
        require_columns(df, [key], "items")
    keys = df[key].tolist() if key is not None else df.index.tolist()
    if key is not None:
        dup = df[key][df[key].duplicated() & df[key].notna()]
        if not dup.empty:
            raise InputError(f"items: {key} {dup.iloc[0]!r} appears more than once: each work item must be "
                             "listed once (drop the duplicate rows of the export).")
    columns = [c for c in (created, started, done) if c is not None]
    for c in columns:
        df[c] = _date_column(df, c, keys)
    if started is not None and df[started].isna().all():
        notes.append("no item has a start date: cycle time and WIP are unknown; lead time (created to "
                     "done) and throughput still work.")
        started = None
    dated = [c for c in columns if df[c].notna().any()]
    if not dated:
        raise InputError("items has no dates at all: give start and finish dates (or creation dates).")
    last = max(df[c].max() for c in dated)
    when = as_timestamps(as_of, "as_of").normalize() if as_of is not None else last
    for c in columns:  # replay at as_of: later events have not happened yet
        df.loc[df[c] > when, c] = pd.NaT
    _check_order(df, keys, created, started, done)
    with np.errstate(invalid="ignore"):
        if started is not None:
            df["cycle_time"] = (df[done] - df[started]).dt.days + 1.0
            age = (when - df[started]).dt.days + 1.0
            df["age"] = age.where(df[started].notna() & df[done].isna())
        else:
            df["cycle_time"] = np.nan
            df["age"] = np.nan
        df["lead_time"] = (df[done] - df[created]).dt.days + 1.0 if created is not None else np.nan
    for c in ("cycle_time", "lead_time", "age"):
        df[c] = df[c].astype(float)
    first = min(df[c].min() for c in columns if df[c].notna().any())
    work = [c for c in (started, done) if c is not None and df[c].notna().any()]
    first_work = min(df[c].min() for c in work) if work else when
    out = FlowMetrics(df)
    out._flow = {"started": started, "done": done, "created": created, "as_of": when, "first": first,
                 "first_work": first_work, "notes": notes}
    return out


def _check_order(df, keys, created, started, done) -> None:
    """Done before started (or created) is an error naming the item."""
    pairs = [(started, done, "finished", "started")] if started is not None else []
    if created is not None:
        pairs.append((created, done, "finished", "was created"))
        if started is not None:
            pairs.append((created, started, "started", "was created"))
    for early, late, verb_late, verb_early in pairs:
        bad = (df[late] < df[early]).to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError(
                f"items: item {keys[i]!r} {verb_late} on {df[late].iloc[i]:%Y-%m-%d}, before it {verb_early} "
                f"on {df[early].iloc[i]:%Y-%m-%d} (columns {late!r} and {early!r}): fix the dates in the export."
            )


# ---------------------------------------------------------------------------------------
# burn charts
# ---------------------------------------------------------------------------------------
def sprint_burndown(items, *, start, end, committed=None, points="points", done="done",
                    working_days=True) -> pd.DataFrame:
    """Sprint burndown: the points still to do at the end of each day of a sprint.

    ``remaining_k = committed - points finished by the end of day k`` and the straight line
    ``ideal_k = committed * (1 - k / days in the sprint)``.

    Parameters
    ----------
    items : DataFrame or list of dicts
        The sprint's items with their points and the day each was finished (empty if not
        finished). Items finished after ``end`` count as not finished (carried over).
    start, end : date
        First and last day of the sprint.
    committed : float, optional
        Points committed at sprint planning (default: the sum of the items' points). Points
        of carried-over work not among ``items`` are included this way.
    points, done : str
        Column names.
    working_days : bool
        One row per working day (Monday-Friday, the usual burndown) or per calendar day.

    Returns
    -------
    DataFrame
        Indexed by ``day`` (0 = sprint planning, then 1, 2, ...): ``date`` (the day the row
        reports the end of; the start date for day 0), ``done_points`` (finished that day),
        ``remaining`` (committed minus points finished so far) and ``ideal`` (a straight line
        from the commitment to 0 at the end of the last day).

    References
    ----------
    K. Schwaber, *Agile Project Management with Scrum* (2004), the sprint burndown; M. Cohn,
    *Agile Estimating and Planning* (2005), ch. 19 "Monitoring the sprint plan".

    Examples
    --------
    >>> items = [{"points": 3, "done": "2026-03-03"}, {"points": 5, "done": "2026-03-06"},
    ...          {"points": 2, "done": None}]
    >>> b = sprint_burndown(items, start="2026-03-02", end="2026-03-06")
    >>> b["remaining"].tolist(), b["ideal"].tolist()
    ([10.0, 10.0, 7.0, 7.0, 7.0, 2.0], [10.0, 8.0, 6.0, 4.0, 2.0, 0.0])
    """
    df = as_frame(items, "items")
    points = check_column_name(points, "points")
    done = check_column_name(done, "done")
    require_columns(df, [points, done], "items")
    first, last = as_timestamps(start, "start").normalize(), as_timestamps(end, "end").normalize()
    if last < first:
        raise InputError(f"end {last:%Y-%m-%d} is before start {first:%Y-%m-%d}: give the sprint's first and last day.")
    pts = as_float_array(df[points], f"items[{points!r}]", ndim=1, allow_empty=True)
    check_non_negative(pts, f"items[{points!r}]", labels=list(df.index))
    finished = as_timestamps(df[done], f"items[{done!r}]", allow_missing=True) if len(df) else pd.DatetimeIndex([])
    finished = finished.normalize()
    early = np.asarray(finished < first)
    if early.any():
        i = int(np.flatnonzero(early)[0])
        raise InputError(f"items row {df.index[i]!r} was finished on {finished[i]:%Y-%m-%d}, before the sprint "
                         f"started ({first:%Y-%m-%d}): pass only this sprint's items.")
    days = pd.bdate_range(first, last) if working_days else pd.date_range(first, last)
    if len(days) == 0:
        raise InputError(f"the sprint {first:%Y-%m-%d} to {last:%Y-%m-%d} has no working day.")
    total = float(pts.sum()) if committed is None else as_number(committed, "committed")
    # the day each item burns: the first reported day on or after it was finished
    pos = np.searchsorted(days.values, finished.values, side="left")
    inside = ~np.isnat(finished.values) & (finished.values <= last.to_datetime64())
    per_day = np.bincount(pos[inside], weights=pts[inside], minlength=len(days))[:len(days)]
    if per_day.sum() > total + 1e-9:
        raise InputError(f"committed = {total:g} points is less than the {per_day.sum():g} points finished in the "
                         "sprint: include the scope added during the sprint in committed.")
    k = np.arange(len(days) + 1)
    table = pd.DataFrame({
        "date": [first, *days],
        "done_points": np.concatenate([[0.0], per_day]),
        "remaining": total - np.concatenate([[0.0], np.cumsum(per_day)]),
        "ideal": total * (len(days) - k) / len(days),
    }, index=pd.Index(k, name="day"))
    return table


def release_burnup(sprints, *, completed="completed", scope="release_scope") -> pd.DataFrame:
    """Release burnup: points done so far against the release scope, sprint by sprint.

    ``done_k = completed_1 + ... + completed_k`` and ``remaining_k = scope_k - done_k``.

    A burnup shows what a burndown hides: when the line of done work rises but the scope line
    rises too, the team is not slow, the release is growing.

    Parameters
    ----------
    sprints : DataFrame or list of dicts
        One row per finished sprint of the release, in order, with the points completed.
    completed : str
        Column of points completed in each sprint.
    scope : str or float
        Column holding the release scope (points) at the end of each sprint, or one number
        for a fixed scope.

    Returns
    -------
    DataFrame
        Same index: ``completed``, ``done`` (cumulative), ``scope``, ``remaining`` (scope - done)
        and ``percent_done`` (done / scope, a fraction).

    References
    ----------
    M. Cohn, *Agile Estimating and Planning* (2005), ch. 19 "Monitoring the release plan"
    (release burndown bar charts and scope changes).

    Examples
    --------
    >>> b = release_burnup([{"completed": 20, "release_scope": 100},
    ...                     {"completed": 25, "release_scope": 110}])
    >>> b[["done", "scope", "remaining"]].values.tolist()
    [[20.0, 100.0, 80.0], [45.0, 110.0, 65.0]]
    """
    df = as_frame(sprints, "sprints")
    completed = check_column_name(completed, "completed")
    require_columns(df, [completed] + ([scope] if isinstance(scope, str) else []), "sprints")
    if df.empty:
        raise InputError("sprints is empty: give at least one finished sprint.")
    done_each = as_float_array(df[completed], f"sprints[{completed!r}]", ndim=1)
    check_non_negative(done_each, f"sprints[{completed!r}]", labels=list(df.index))
    if isinstance(scope, str):
        total = as_float_array(df[scope], f"sprints[{scope!r}]", ndim=1)
        check_non_negative(total, f"sprints[{scope!r}]", labels=list(df.index))
    else:
        total = np.full(len(df), as_number(scope, "scope"))
    done_cum = np.cumsum(done_each)
    over = done_cum > total * (1 + 1e-9)
    if over.any():
        i = int(np.flatnonzero(over)[0])
        raise InputError(f"sprints row {df.index[i]!r}: {done_cum[i]:g} points done exceed the release scope "
                         f"{total[i]:g}: the scope column must include everything done.")
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total > 0, done_cum / total, np.nan)
    return pd.DataFrame({"completed": done_each, "done": done_cum, "scope": total,
                         "remaining": total - done_cum, "percent_done": share}, index=df.index)


# ---------------------------------------------------------------------------------------
# sprint capacity
# ---------------------------------------------------------------------------------------
@params(sprint_days=Real(gt=0), focus_factor=Real(gt=0, le=1), velocity=Real(ge=0, allow_none=True))
def sprint_capacity(sprint_days, days_off, *, allocation=1.0, focus_factor=1.0, velocity=None) -> pd.Series:
    """Sprint capacity: the person-days a team has for the sprint, and the velocity to plan on.

    For team members ``i`` with ``days_off_i`` (leave, holidays, training) and an allocation
    ``a_i`` to the team (1 full time, 0.5 half time):

    * ``person_days = sum of a_i * (sprint_days - days_off_i)``: the days available;
    * ``capacity = focus_factor * person_days``: the days left for sprint work once meetings,
      support and interruptions are taken out (a focus factor of 0.6 to 0.8 is usual);
    * ``availability = person_days / (sprint_days * sum of a_i)``: the share of a usual
      sprint the team is there;
    * ``planned_velocity = velocity * availability`` when the team's usual ``velocity`` is
      given: "yesterday's weather" scaled to the people actually present (capacity-adjusted
      velocity).

    Parameters
    ----------
    sprint_days : float
        Working days in the sprint (10 for two weeks; > 0).
    days_off : sequence of float
        Days each team member is away during the sprint, one entry per member (0 for none;
        each between 0 and ``sprint_days``). A Series keeps its labels (member names) in
        messages and pairs with a labelled ``allocation``.
    allocation : float or sequence of float
        Share of each member's time given to the team (0 to 1; default 1, everybody full time).
    focus_factor : float
        Share of an available day spent on sprint work (0 < focus_factor <= 1; default 1).
    velocity : float, optional
        The team's usual velocity with everybody present (points per sprint, >= 0).

    Returns
    -------
    Series
        ``team_size``, ``full_days`` (sprint_days * sum of allocations), ``person_days``,
        ``availability`` (a fraction), ``capacity`` (focused person-days) and, when
        ``velocity`` is given, ``planned_velocity`` (points).

    References
    ----------
    M. Cohn, *Agile Estimating and Planning* (2005), ch. 14 "Iteration Planning"
    (commitment-driven planning from each person's available time); GitScrum documentation,
    "Team capacity planning" and "Sprint capacity planning" (worked examples below).

    Examples
    --------
    Five developers in a two-week sprint, 8.5, 6.5, 8.5, 8 and 7.5 days available after
    meetings and leave, focus factor 70 %: 39 person-days, 27.3 of them for sprint work
    (GitScrum, "Team capacity planning"):

    >>> c = sprint_capacity(10, [1.5, 3.5, 1.5, 2, 2.5], focus_factor=0.7)
    >>> float(c["person_days"]), round(float(c["capacity"]), 2)
    (39.0, 27.3)

    A team of five that usually completes 31 points loses one developer for one week of the
    two: 45 of 50 person-days, so plan on about 28 points (GitScrum, "Sprint capacity planning"):

    >>> c = sprint_capacity(10, [5, 0, 0, 0, 0], velocity=31)
    >>> float(c["availability"]), round(float(c["planned_velocity"]), 1)
    (0.9, 27.9)
    """
    if isinstance(days_off, str | bytes) or np.ndim(days_off) == 0:
        raise InputError(f"days_off must be a sequence with one number per team member (0 for none), "
                         f"got {days_off!r}.")
    arrays, index = aligned_arrays({"days_off": days_off, "allocation": allocation}, ndim=(0, 1))
    off, share = arrays["days_off"], arrays["allocation"]
    labels = list(index) if index is not None else None
    check_range(off, "days_off", ge=0, le=sprint_days, labels=labels)
    check_range(share, "allocation", ge=0, le=1, labels=labels)
    allocated = float(share.sum())
    if allocated == 0:
        raise InputError("allocation is 0 for every team member: nobody works on the sprint, so it has "
                         "no capacity; give each member's share of time (1 for full time).")
    full = sprint_days * allocated
    person_days = float((share * (sprint_days - off)).sum())
    out = {"team_size": float(off.size), "full_days": full, "person_days": person_days,
           "availability": person_days / full, "capacity": focus_factor * person_days}
    if velocity is not None:
        out["planned_velocity"] = velocity * person_days / full
    return pd.Series(out, name="sprint_capacity")
