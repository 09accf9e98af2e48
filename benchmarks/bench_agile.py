"""Benchmark: agile Monte Carlo forecasts, 10,000 iterations over a year of history.

Targets (issue 13), timed in the same run, runs interleaved so machine load hits all alike:

- ``release_forecast`` (180 points left, a year of two-week sprints: 26 past velocities)
  <= 2 x the time numpy needs to draw the same random numbers (one uniform per simulated
  sprint and iteration, as many as the forecast drew);
- ``throughput_forecast`` over a year of daily throughput (365 days), both questions: days
  needed for 60 items, and items done in 60 days, each <= 2 x numpy drawing the same numbers.

For information the script also prints the time of ``numpy.random.Generator.choice`` drawing
the same number of values from the history (numpy's own way to resample).

Run: ``.venv/bin/python benchmarks/bench_agile.py`` (``--repeat 9`` for steadier figures).
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

import pmlib as pm

N = 10_000
TARGET = 2.0


def best_of(fns, repeat):
    """Best (minimum) time of each function, runs interleaved so machine load hits all alike."""
    times = [[] for _ in fns]
    outs = [None] * len(fns)
    for _ in range(repeat):
        for k, fn in enumerate(fns):
            t0 = time.perf_counter()
            outs[k] = fn()
            times[k].append(time.perf_counter() - t0)
    return [min(t) for t in times], outs


def case(name, ours, history, repeat) -> bool:
    result = ours()
    # rows of uniforms the forecast drew: one per simulated period, for every iteration
    rows = int(result.days) if getattr(result, "days", None) is not None else int(result.samples.max())

    def draws():
        return np.random.default_rng(0).random((rows, N))

    def indices():
        return np.random.default_rng(0).integers(0, len(history), size=(rows, N))

    def choice():
        return np.random.default_rng(0).choice(history, size=(rows, N))

    (t_ours, t_draw, t_idx, t_choice), _ = best_of([ours, draws, indices, choice], repeat)
    ratio = t_ours / t_draw
    print(f"{name}: {rows} periods x {N:,} iterations = {rows * N:,} draws")
    print(f"  pmlib                     {t_ours * 1e3:8.2f} ms   {result.summary()[['p50', 'p85']].to_dict()}")
    print(f"  numpy random(): uniforms  {t_draw * 1e3:8.2f} ms   ratio {ratio:5.2f} (target <= {TARGET:g})")
    print(f"  numpy integers(): indices {t_idx * 1e3:8.2f} ms   ratio {t_ours / t_idx:5.2f}")
    print(f"  numpy choice(history)     {t_choice * 1e3:8.2f} ms   ratio {t_ours / t_choice:5.2f}")
    return ratio <= TARGET


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(42)
    velocities = np.clip(rng.normal(28, 4, 26).round(), 0, None)       # a year of two-week sprints
    daily = rng.poisson(1.1, 365).astype(float)                         # a year of calendar days
    daily[rng.random(365) < 2 / 7] = 0.0                                # weekends and quiet days
    ok = case("release_forecast(180 points, 26 sprints of history)",
              lambda: pm.agile.release_forecast(180, velocities, n=N, seed=0), velocities, args.repeat)
    ok &= case("throughput_forecast(items=60, 365 days of history)",
               lambda: pm.agile.throughput_forecast(daily, items=60, n=N, seed=0), daily, args.repeat)
    ok &= case("throughput_forecast(days=60, 365 days of history)",
               lambda: pm.agile.throughput_forecast(daily, days=60, n=N, seed=0), daily, args.repeat)
    print("all targets met" if ok else "a target was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
