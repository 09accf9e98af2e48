"""Benchmark: Monte Carlo schedule risk, 100,000 iterations of a 200-activity network.

Targets (issue 5), timed in the same run:

- pmlib's ``monte_carlo`` <= 1.5 x the time numpy needs just to draw the random durations
  (Beta-PERT draws for every activity and iteration: the floor any simulation pays);
- pmlib's ``monte_carlo`` faster than ``pmcontrols.pert`` (the best Python peer) on the same
  network and the same number of iterations.

Run: ``.venv/bin/python benchmarks/bench_schedule.py`` (``--quick`` for 20,000 iterations).
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import pandas as pd

import pmlib as pm


def network(k=200, seed=42) -> pd.DataFrame:
    """A random activity-on-node network: each activity has 1-3 predecessors among the earlier ones."""
    rng = np.random.default_rng(seed)
    rows = []
    for j in range(k):
        if j < 5:
            preds = []
        else:
            lo = max(0, j - 25)
            preds = sorted(set(rng.integers(lo, j, size=rng.integers(1, 4)).tolist()))
        o = float(rng.integers(2, 10))
        m = o + float(rng.integers(0, 8))
        p = m + float(rng.integers(1, 15))
        rows.append({"id": f"T{j:03d}", "predecessors": ",".join(f"T{i:03d}" for i in preds),
                     "optimistic": o, "most_likely": m, "pessimistic": p,
                     # pmcontrols' column names
                     "a": o, "m": m, "b": p})
    return pd.DataFrame(rows)


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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="20,000 iterations instead of 100,000")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    n = 20_000 if args.quick else 100_000
    acts = network()
    k = len(acts)
    o, m, p = (acts[c].to_numpy(float) for c in ("optimistic", "most_likely", "pessimistic"))
    a = 1 + 4 * (m - o) / (p - o)
    b = 1 + 4 * (p - m) / (p - o)

    def draw_only():
        rng = np.random.default_rng(0)
        x = rng.beta(a[:, None], b[:, None], size=(k, n))
        x *= (p - o)[:, None]
        x += o[:, None]
        return x

    def ours():
        return pm.schedule.monte_carlo(acts, n=n, seed=0, distribution="pert")

    try:
        import pmcontrols
    except ImportError:
        pmcontrols = None
    records = acts[["id", "predecessors", "a", "m", "b"]].to_dict("records")

    def peer():
        return pmcontrols.pert(records, n_sim=n, seed=0)

    fns = [draw_only, ours] + ([peer] if pmcontrols is not None else [])
    times, outs = best_of(fns, args.repeat)
    t_draw, t_ours = times[0], times[1]
    mc = outs[1]
    print(f"network: {k} activities, {n:,} iterations")
    print(f"numpy draws only        : {t_draw:8.3f} s")
    print(f"pmlib monte_carlo       : {t_ours:8.3f} s   (P50 {mc.percentile(50):.1f}, P80 {mc.percentile(80):.1f})")
    ratio_draw = t_ours / t_draw
    print(f"ratio pmlib / numpy draws      = {ratio_draw:.2f}  (target <= 1.5)")
    status = 0 if ratio_draw <= 1.5 else 1
    if pmcontrols is None:
        print("pmcontrols not installed (pip install '.[bench]'): peer comparison skipped")
        return status
    t_peer, res = times[2], outs[2]
    print(f"pmcontrols.pert         : {t_peer:8.3f} s   (P50 {res.stats['mc_p50']:.1f}, P80 {res.stats['mc_p80']:.1f})")
    ratio_peer = t_ours / t_peer
    print(f"ratio pmlib / pmcontrols.pert  = {ratio_peer:.2f}  (target < 1)")
    if ratio_peer >= 1:
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
