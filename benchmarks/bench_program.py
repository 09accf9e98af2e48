"""Program-level computations at the scale of a large PMO, each against a baseline timed in the same run.

- Roll-up of 2,000 projects x 36 months (pm.program.rollup) vs a per-project loop calling
  pm.evm.metrics and summing in Python (what a notebook would write): target >= 5x faster.
- Weekly resource load of about 60,000 demand rows (300 projects, 200 people, 52 weeks)
  (pm.program.resource_load, input checks included) vs a Python dict accumulation over the rows:
  target >= 5x faster.
- Levelling 150 people x 6 assignments (pm.program.level_resources: serial levelling, every
  allowed shift of an assignment scored at once with numpy) vs the same serial levelling written
  with Python loops over shifts and weeks: target >= 3x faster; both must choose the same shifts.
- Levelling scales with its work: 100 projects sharing 20 people within 20x the time of 25.
- One control change of the ripple widget (lesson 06), CPU time against the 150 ms budget.
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
    }).drop_duplicates(["project_id", "resource_id", "week"])  # one row per (project, person, week)
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
    """The same serial levelling as pm.program.level_resources, in plain Python loops, with its
    over-allocation tables before and after (what level_resources returns too)."""
    before = {k: v for k, v in load_loop(demand, cap).items() if v[1]}
    tol = 1e-9
    shifts = {}
    t0 = demand["week"].min()
    for rid, sub in demand.groupby("resource_id", sort=True):
        c = cap[rid]
        weeks = ((sub["week"] - t0).dt.days // 7).astype(int).tolist()
        need: dict = {}
        for p, w, f in zip(sub["project_id"], weeks, sub["fte"], strict=True):
            need.setdefault(p, {})[w] = need.get(p, {}).get(w, 0.0) + f
        blocks = sorted(need, key=str)
        first = {p: min(need[p]) for p in blocks}
        lengths = {p: max(need[p]) - first[p] + 1 for p in blocks}
        lo = min(first.values())
        limit = max(max(need[p]) for p in blocks) - lo + 1 + sum(lengths.values())
        load: dict = {}
        order = sorted(range(len(blocks)), key=lambda k: (floats.get(blocks[k], 0), first[blocks[k]], k))
        for k in order:
            p = blocks[k]
            best = None
            for s in range(limit + 1):
                added = 0.0
                for w, f in need[p].items():
                    now = load.get(w + s, 0.0)
                    added += max(now + f - c - tol, 0.0) - max(now - c - tol, 0.0)
                if added <= tol:
                    best = s
                    break
                if best is None or round(added, 9) < best[1]:
                    best = (s, round(added, 9))
            s = best if isinstance(best, int) else best[0]
            for w, f in need[p].items():
                load[w + s] = load.get(w + s, 0.0) + f
            if s:
                shifts[(p, rid)] = s
    moved = demand.assign(week=[w + pd.Timedelta(weeks=shifts.get((p, r), 0)) for p, r, w in
                                zip(demand["project_id"], demand["resource_id"], demand["week"], strict=True)])
    after = {k: v for k, v in load_loop(moved, cap).items() if v[1]}
    return shifts, before, after


def make_portfolio_demand(n_projects, n_people=20, seed=4):
    """n projects sharing one pool of people: each needs 2 people for 2-6 weeks in a half year."""
    rng = np.random.default_rng(seed)
    rows, floats = [], {}
    for i in range(n_projects):
        pid = f"P{i:03d}"
        floats[pid] = int(rng.integers(0, 4))
        start = int(rng.integers(0, 26))
        for r in rng.choice(n_people, 2, replace=False):
            fte = float(rng.choice([0.3, 0.4, 0.5]))
            for w in range(start, start + int(rng.integers(2, 7))):
                rows.append((pid, f"R{r:02d}", T0 + pd.Timedelta(weeks=w), fte))
    df = pd.DataFrame(rows, columns=["project_id", "resource_id", "week", "fte"])
    return df, {f"R{r:02d}": 1.0 for r in range(n_people)}, floats


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
    base, before, after = level_loop(assign, cap2, floats)
    assert {(r.project_id, r.resource_id): r.shift for r in lv.shifts.itertuples()} == base
    assert len(lv.before) == len(before) and len(lv.after) == len(after)
    assert lv.resolved
    ratios["level"] = report("levelling, 150 people x 6 assignments",
                             best_time(lambda: pm.program.level_resources(assign, cap2, float_weeks=floats), repeat=2),
                             best_time(lambda: level_loop(assign, cap2, floats), repeat=1),
                             "same levelling and tables in Python loops", "<= 0.33")
    small, big = make_portfolio_demand(25), make_portfolio_demand(100)
    times = [best_time(lambda d=d: pm.program.level_resources(d[0], d[1], float_weeks=d[2]), repeat=3)
             for d in (small, big)]
    ratios["level_scale"] = report("levelling, 100 projects (20 shared people)", times[1], times[0],
                                   "the same on 25 projects", "<= 20")

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

    import statistics
    import time

    widget = pm.widgets.program_ripple()
    for control, values in (("weeks", (1, 3, 5, 8, 2, 4, 6)), ("project", ("P04", "P02", "P01", "P03", "P05"))):
        cpu = []
        for v in values:
            c0 = time.process_time()
            widget.controls[control].value = v
            cpu.append(time.process_time() - c0)
        ratios[f"widget {control}"] = report(f"ripple widget: one change of {control} (CPU, median)",
                                             statistics.median(cpu), 0.150, "150 ms budget", "< 1")
    return ratios


if __name__ == "__main__":
    main()
