"""Stage gates and risk at portfolio scale, each timed against a plain-Python baseline in the same run.

- Risk-register Monte Carlo: 200 risks x 20,000 iterations through pm.risk.monte_carlo vs a loop
  over iterations drawing each risk with random.random() (how a spreadsheet macro would do it).
- Gate decisions: 20,000 projects through pm.stagegate.evaluate_gate (vectorised over rows, with
  reasons) vs a loop applying the same rules and writing the same sentences one project at a time
  (the outputs are asserted equal).
- ECV ranking: 100,000 candidates through pm.stagegate.rank_by_ecv vs a Python list comprehension
  of the formula plus sorted().
- The gate review widget: CPU time of one control change as a ratio to 150 ms.
Each ratio is pmlib time / baseline time: lower is better; targets are printed beside them. The
Monte Carlo is dominated by drawing 4 million uniforms; on a quiet machine its ratio is about 0.05,
and it stays under 0.2 on a loaded one.
"""

import random
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_time, report  # noqa: E402

import pmlib as pm  # noqa: E402

rng = np.random.default_rng(0)

# --- risk-register Monte Carlo ---------------------------------------------------------------
K, N = 200, 20_000
register = pd.DataFrame({
    "id": [f"RK{i:03d}" for i in range(K)],
    "probability": rng.uniform(0.05, 0.7, K),
    "impact": rng.uniform(10, 400, K).round(1),
    "type": np.where(rng.random(K) < 0.15, "opportunity", "threat"),
})
p_list = register["probability"].tolist()
signed = (np.where(register["type"] == "opportunity", -1, 1) * register["impact"]).tolist()


def loop_mc():
    r = random.Random(0)
    out = []
    for _ in range(N):
        total = 0.0
        for p, x in zip(p_list, signed, strict=True):
            if r.random() < p:
                total += x
        out.append(total)
    return out


ours = best_time(lambda: pm.risk.monte_carlo(register, n=N, seed=0), repeat=3)
base = best_time(loop_mc, repeat=1)
r1 = report(f"risk Monte Carlo {K} risks x {N:,}", ours, base, "python loop", target="< 0.2")
sim = pm.risk.monte_carlo(register, n=N, seed=0)
assert abs(sim.mean - pm.risk.contingency_reserve(register)) < 5 * sim.costs.std() / np.sqrt(N)

# --- gate decisions ------------------------------------------------------------------------
M = 20_000
gate = pm.stagegate.cooper_model().gate(3)
projects = pd.DataFrame({c: rng.integers(0, 11, M) for c in pm.stagegate.SCORECARD})
for c in gate.must_meet:
    projects[c] = rng.random(M) < 0.93
projects["resources_available"] = rng.random(M) < 0.9
projects.insert(0, "id", [f"X{i:05d}" for i in range(M)])
records = projects.to_dict("records")
weights = gate.should_meet
wsum = sum(weights.values())


def loop_gate():
    """The same rules and the same sentences, one project at a time."""
    pm_, km, floor = f"{gate.pass_mark:g}", f"{gate.kill_mark:g}", f" (< {gate.min_score:g})"
    out = []
    for row in records:
        failed = [c for c in gate.must_meet if not row[c]]
        score = sum(row[c] * w for c, w in weights.items()) / wsum
        weak = [c for c in weights if row[c] < gate.min_score]
        sc = f"{score:.2f}"
        detail = ", ".join(f"{c} scored {row[c]:g}" for c in weak)
        if failed:
            d, why = "Kill", f"Kill: knock-out failed: {', '.join(failed)}."
        elif score < gate.kill_mark:
            d, why = "Kill", f"Kill: score {sc} is below the kill mark {km}."
        elif score < gate.pass_mark and weak:
            d, why = "Recycle", (f"Recycle: score {sc} is below the pass mark {pm_}, and weak spots: {detail}{floor}."
                                 " Rework and resubmit.")
        elif score < gate.pass_mark:
            d, why = "Recycle", (f"Recycle: score {sc} is between the kill mark {km} and the pass mark {pm_}."
                                 " Rework the deliverables and resubmit.")
        elif weak:
            d, why = "Recycle", f"Recycle: score {sc} passes (>= {pm_}), but weak spots: {detail}{floor}. Fix them and resubmit."
        elif not row["resources_available"]:
            d, why = "Hold", (f"Hold: score {sc} passes (>= {pm_}) and no knock-out failed, but no resources are free:"
                              " park it until capacity frees up.")
        else:
            d, why = "Go", f"Go: every must-meet criterion met, score {sc} >= pass mark {pm_}."
        out.append((row["id"], score, d, ", ".join(failed), ", ".join(weak), why))
    return out


ours = best_time(lambda: pm.stagegate.evaluate_gate(projects, gate), repeat=3)
base = best_time(loop_gate, repeat=3)
r2 = report(f"evaluate_gate {M:,} projects (with reasons)", ours, base, "python loop, same sentences",
            target="< 1")
got = pm.stagegate.evaluate_gate(projects, gate)
want = loop_gate()
assert got["decision"].tolist() == [t[2] for t in want]
assert got["reasons"].tolist() == [t[5] for t in want]
assert got["failed_must_meet"].tolist() == [t[3] for t in want]

# --- ECV ranking ----------------------------------------------------------------------------
C = 100_000
cand = pd.DataFrame({
    "id": [f"C{i:06d}" for i in range(C)],
    "npv": rng.uniform(100, 5000, C), "p_commercial": rng.uniform(0.2, 0.9, C),
    "p_technical": rng.uniform(0.3, 0.95, C), "launch_cost": rng.uniform(50, 500, C),
    "development_cost": rng.uniform(50, 1000, C),
})
rows = list(cand.itertuples(index=False))


def loop_ecv():
    scored = [(r.id, ((r.npv * r.p_commercial - r.launch_cost) * r.p_technical) - r.development_cost,
               r.development_cost) for r in rows]
    ranked = sorted(scored, key=lambda t: t[1] / t[2], reverse=True)
    total, funded = 0.0, []
    for ident, e, d in ranked:
        if total + d > 50_000 or e <= 0:
            break
        total += d
        funded.append(ident)
    return funded


ours = best_time(lambda: pm.stagegate.rank_by_ecv(cand, budget=50_000), repeat=3)
base = best_time(loop_ecv, repeat=3)
r3 = report(f"rank_by_ecv {C:,} candidates", ours, base, "python loop + sorted", target="< 1")
funded = pm.stagegate.rank_by_ecv(cand, budget=50_000)
assert funded.index[funded["funded"]].tolist() == loop_ecv()

# --- the gate review widget: CPU time of one control change ------------------------------------
import matplotlib  # noqa: E402
from bench_finance import widget_cpu  # noqa: E402

matplotlib.use("Agg")
dash = pm.widgets.gate_review()
r4 = max(widget_cpu("gate_review", dash, "strategic_fit", [5, 6, 7, 8, 9]),
         widget_cpu("gate_review", dash, "p_technical", [0.3, 0.35, 0.4, 0.45, 0.5]),
         widget_cpu("gate_review", dash, "idea", ["N06", "N08", "N10", "N11", "N01"]))

sys.exit(0 if (r1 < 0.2 and r2 < 1 and r3 < 1 and r4 < 1) else 1)
