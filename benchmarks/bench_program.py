"""Program-level computations at the scale of a large PMO, each against a baseline timed in the same run.

- Roll-up of 2,000 projects x 36 months (pm.program.rollup) vs a per-project loop calling
  pm.evm.metrics and summing in Python (what a notebook would write): target >= 5x faster.
- Weekly resource load of 60,000 demand rows (300 projects, 200 people, 52 weeks)
  (pm.program.resource_load, input checks included) vs a Python dict accumulation over the rows:
  target >= 5x faster.
- Levelling 150 people x 6 assignments (pm.program.level_resources, every candidate shift of an
  assignment scored at once with numpy) vs the same greedy search written with Python loops over
  shifts and weeks: target >= 3x faster; both must choose the same shifts.
- Ripple on a 400-project network (pm.program.ripple = two program schedules) vs two bare
  pm.schedule.cpm calls on the same activities: the ratio is the cost of the program layer
  (dates, benefits, validation); target <= 4x, and well under a second.

Run: python benchmarks/bench_program.py   (or `make bench`)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_time, report  # noqa: E402

import pmlib as pm  # noqa: E402

T0 = pd.Timestamp("2026-01-05")


# --------------------------------------------------------------------------- roll-up
def make_status(n_projects=2000, n_months=36, seed=0):
    rng = np.random.default_rng(seed)
    bac = rng.uniform(200, 5000, n_projects)
    x = np.arange(1, n_months + 1) / n_months
    curve = 0.35 * x + 0.65 * (3 * x**2 - 2 * x**3)
    pv = bac[:, None] * curve[None, :]
    ev = pv * rng.uniform(0.7, 1.0, (n_projects, 1))
    ac = ev / rng.uniform(0.7, 1.15, (n_projects, 1))
    status = rng.integers(6, n_months + 1, n_projects)
    mask = np.arange(1, n_months + 1)[None, :] > status[:, None]
    ev[mask] = np.nan
    ac[mask] = np.nan
    dates = pd.date_range("2024-01-31", periods=n_months, freq="ME")
    ids = np.array([f"X{i:04d}" for i in range(n_projects)])
    df = pd.DataFrame({"project_id": np.repeat(ids, n_months), "date": np.tile(dates, n_projects),
                       "pv": pv.ravel(), "ev": ev.ravel(), "ac": ac.ravel()})
    return df, pd.DataFrame({"id": ids, "cost": bac})


def rollup_loop(status, projects):
    tot = {"pv": 0.0, "ev": 0.0, "ac": 0.0, "bac": 0.0}
    for row in projects.itertuples(index=False):
        g = status[(status["project_id"] == row.id) & status["ev"].notna()]
        last = g.iloc[-1]
        pm.evm.metrics(pv=last["pv"], ev=last["ev"], ac=last["ac"], bac=row.cost)  # the project's figures
        for k in ("pv", "ev", "ac"):
            tot[k] += last[k]
        tot["bac"] += row.cost
    return pm.evm.metrics(pv=tot["pv"], ev=tot["ev"], ac=tot["ac"], bac=tot["bac"])


# --------------------------------------------------------------------------- resource load
def make_demand(n_projects=300, n_people=200, n_weeks=52, rows=60_000, seed=1):
    rng = np.random.default_rng(seed)
    weeks = pd.date_range("2026-11-02", periods=n_weeks, freq="7D")
    df = pd.DataFrame({
        "project_id": [f"X{i:03d}" for i in rng.integers(0, n_projects, rows)],
        "resource_id": [f"R{i:03d}" for i in rng.integers(0, n_people, rows)],
        "week": weeks[rng.integers(0, n_weeks, rows)],
        "fte": rng.choice([0.1, 0.2, 0.25, 0.5], rows),
    })
    cap = {f"R{i:03d}": 1.0 for i in range(n_people)}
    return df, cap


def load_loop(demand, cap):
    acc: dict = {}
    for p, r, w, f in zip(demand["project_id"], demand["resource_id"], demand["week"], demand["fte"], strict=True):
        key = (r, w)
        tot, projects = acc.get(key, (0.0, set()))
        projects.add(p)
        acc[key] = (tot + f, projects)
    return {k: (v[0], v[0] - cap[k[0]] > 1e-9, ",".join(sorted(v[1]))) for k, v in acc.items()}


# --------------------------------------------------------------------------- levelling
def make_assignments(n_people=150, per_person=6, seed=2):
    rng = np.random.default_rng(seed)
    rows = []
    floats = {}
    for r in range(n_people):
        for a in range(per_person):
            pid = f"P{r:03d}{a}"
            first = int(rng.integers(0, 12))
            fte = float(rng.choice([0.3, 0.4, 0.5, 0.6]))
            floats[pid] = int(rng.integers(0, 4))
            for w in range(first, first + int(rng.integers(2, 7))):
                rows.append((pid, f"R{r:03d}", T0 + pd.Timedelta(weeks=w), fte))
    df = pd.DataFrame(rows, columns=["project_id", "resource_id", "week", "fte"])
    return df, {f"R{r:03d}": 1.0 for r in range(n_people)}, floats


def level_loop(demand, cap, floats):
    """The same greedy search as pm.program.level_resources, in plain Python loops."""
    tol = 1e-9
    shifts = {}
    t0 = demand["week"].min()
    for rid, sub in demand.groupby("resource_id", sort=True):
        c = cap[rid]
        blocks = sorted(sub["project_id"].unique(), key=str)
        wk = ((sub["week"] - t0).dt.days // 7).astype(int)
        lo, hi = int(wk.min()), int(wk.max())
        span = hi - lo + 1
        data = {p: [(int(w) - lo, f) for w, f, q in zip(wk, sub["fte"], sub["project_id"], strict=True) if q == p]
                for p in blocks}
        lengths = [max(w for w, _ in data[p]) - min(w for w, _ in data[p]) + 1 for p in blocks]
        limit = span + sum(lengths)
        width = span + 2 * limit + max(lengths) + 1
        pos = dict.fromkeys(blocks, 0)

        def load_of(pos, width=width, blocks=blocks, data=data):
            load = [0.0] * width
            for p in blocks:
                for w, f in data[p]:
                    load[w + pos[p]] += f
            return load

        def excess(load, c=c):
            return sum(max(x - c - tol, 0.0) for x in load)

        current = excess(load_of(pos))
        while current > tol:
            best = None
            for k, p in enumerate(blocks):
                for s in range(1, limit - pos[p] + 1):
                    trial = dict(pos)
                    trial[p] += s
                    ex = round(excess(load_of(trial)), 9)
                    delay = max(pos[p] + s - floats.get(p, 0), 0.0)
                    cand = (ex, float(delay), s, k)
                    if best is None or cand < best:
                        best = cand
            if best is None or best[0] >= current - tol:
                break
            p = blocks[best[3]]
            pos[p] += best[2]
            current = excess(load_of(pos))
        shifts.update({(p, rid): v for p, v in pos.items() if v})
    return shifts


# --------------------------------------------------------------------------- ripple
def make_network(n=400, seed=3):
    rng = np.random.default_rng(seed)
    starts = rng.integers(0, 60, n)
    lengths = rng.integers(8, 60, n)
    ids = [f"Q{i:03d}" for i in range(n)]
    projects = pd.DataFrame({"id": ids, "start": [T0 + pd.Timedelta(weeks=int(s)) for s in starts],
                             "finish": [T0 + pd.Timedelta(weeks=int(s + k), days=-3) for s, k in zip(starts, lengths, strict=True)]})
    links = []
    for j in range(1, n):
        for i in set(rng.integers(max(0, j - 20), j, 2).tolist()):
            links.append((ids[j], ids[i], str(rng.choice(["FS", "SS", "FF"])), int(rng.integers(0, 4))))
    deps = pd.DataFrame(links, columns=["project_id", "predecessor_id", "type", "lag"])
    return projects, deps


def main():
    print("pmlib.program benchmarks (best of several runs; ratio = pmlib / baseline, < 1 is faster)")
    ratios = {}

    status, projects = make_status()
    ours = pm.program.rollup(status, projects)
    base = rollup_loop(status, projects)
    assert abs(ours.program["cpi"] - base["cpi"]) < 1e-9 and abs(ours.program["spi"] - base["spi"]) < 1e-9
    ratios["rollup"] = report("roll-up, 2,000 projects x 36 months",
                              best_time(lambda: pm.program.rollup(status, projects), repeat=3),
                              best_time(lambda: rollup_loop(status, projects), repeat=1),
                              "per-project loop + pm.evm.metrics", "<= 0.2")

    demand, cap = make_demand()
    ours = pm.program.resource_load(demand, cap)
    base = load_loop(demand, cap)
    assert len(ours) == len(base)
    assert all(abs(base[(r, w)][0] - x) < 1e-9 for r, w, x in zip(ours["resource_id"], ours["week"], ours["load"], strict=True))
    ratios["load"] = report("resource load, 60,000 demand rows",
                            best_time(lambda: pm.program.resource_load(demand, cap), repeat=3),
                            best_time(lambda: load_loop(demand, cap), repeat=2),
                            "Python dict accumulation", "<= 0.2")

    assign, cap2, floats = make_assignments()
    lv = pm.program.level_resources(assign, cap2, float_weeks=floats)
    base = level_loop(assign, cap2, floats)
    assert {(r.project_id, r.resource_id): r.shift for r in lv.shifts.itertuples()} == base
    ratios["level"] = report("levelling, 150 people x 6 assignments",
                             best_time(lambda: pm.program.level_resources(assign, cap2, float_weeks=floats), repeat=2),
                             best_time(lambda: level_loop(assign, cap2, floats), repeat=1),
                             "same greedy search in Python loops", "<= 0.33")

    projects, deps = make_network()
    captured = {}  # the activity table pm.program.schedule hands to pm.schedule.cpm
    real = pm.schedule.cpm

    def spy(a, **kw):
        captured.setdefault("acts", a)
        return real(a, **kw)

    pm.schedule.cpm = spy
    try:
        pm.program.schedule(projects, deps)
    finally:
        pm.schedule.cpm = real
    bare = captured["acts"]
    slip = {"Q000": 3, "Q010": 2}
    ours_t = best_time(lambda: pm.program.ripple(projects, deps, slip), repeat=3)
    base_t = best_time(lambda: (pm.schedule.cpm(bare), pm.schedule.cpm(bare)), repeat=3)
    ratios["ripple"] = report("ripple, 400-project network", ours_t, base_t, "two bare pm.schedule.cpm calls", "<= 4")
    print(f"ripple absolute: {ours_t:.3f} s (target < 1 s)")
    return ratios


if __name__ == "__main__":
    main()
