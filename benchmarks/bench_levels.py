"""Levels lesson: marking a whole workshop's sorter answers, and the cost of each level's view.

Prints ratios against baselines timed in the same run:
- ``levels.score_answers`` on 200,000 answers (a trainer marking a large class, validated)
  against a bare Python loop over a dict of the correct levels (no validation): target < 1;
- each level view of the level switcher (project, program, portfolio, product) against what
  every redraw of the dashboard pays anyway, drawing one empty chart to PNG: the computation
  should cost less than the picture (target < 1), so the switcher stays interactive;
- one control change of the lesson's two widgets (the level switcher and the sorter), CPU time
  (time.process_time, chart and PNG included) against the 150 ms budget: target < 1.
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_time, report  # noqa: E402

from pmlib import levels  # noqa: E402

ok = True

# --- marking a class ------------------------------------------------------------------------
truth = levels.decisions()["level"]
rng = np.random.default_rng(0)
n = 200_000
answers = pd.DataFrame({
    "learner": rng.integers(0, 5_000, n),
    "decision_id": rng.choice(truth.index.to_numpy(), n),
    "level": rng.choice(["project", "Program", " portfolio", "PRODUCT"], n),
})
lookup = truth.to_dict()


def python_loop():
    return [lookup[d] == lv.strip().lower() for d, lv in zip(answers["decision_id"], answers["level"], strict=True)]


ours = levels.score_answers(answers)["correct"].to_numpy()
assert (ours == np.array(python_loop())).all(), "score_answers disagrees with the plain loop"
ratio = report(f"score_answers, {n:,} answers", best_time(lambda: levels.score_answers(answers), repeat=5),
               best_time(python_loop, repeat=5), "Python dict loop", target="< 1")
ok &= ratio < 1

# --- the four views of the level switcher ---------------------------------------------------
views = {
    "project_view('P01')": lambda: levels.project_view("P01"),
    "program_view('PG-HOME')": lambda: levels.program_view("PG-HOME"),
    "portfolio_view(6000)": lambda: levels.portfolio_view(6000),
    "product_view('PL-A')": lambda: levels.product_view("PL-A"),
}


def blank_chart():
    import matplotlib.pyplot as plt

    from pmlib.widgets import figure_to_png

    fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    ax.set_title("empty")
    figure_to_png(fig)


blank = best_time(blank_chart, repeat=5)
for name, fn in views.items():
    fn()  # warm the data cache
    ratio = report(name, best_time(fn, repeat=5), blank, "one empty chart to PNG", target="< 1")
    ok &= ratio < 1

# --- the lesson's widgets ---------------------------------------------------------------------
import statistics  # noqa: E402
import time  # noqa: E402

import pmlib as pm  # noqa: E402

switcher = pm.widgets.level_switcher()
sorter = pm.widgets.level_sorter()
moves = [(switcher, "switcher", "level", ["program", "portfolio", "product", "project", "portfolio"]),
         (switcher, "switcher", "focus", ["PG-DIGI", "PG-OPS", "PG-HOME"]),
         (sorter, "sorter", "level", ["project", "program", "portfolio", "product"]),
         (sorter, "sorter", "decision", ["D02", "D03", "D04", "D05"])]
for widget, name, control, values in moves:
    if name == "switcher" and control == "focus":
        switcher.controls["level"].value = "program"
    cpu = []
    for v in values:
        c0 = time.process_time()
        widget.controls[control].value = v
        cpu.append(time.process_time() - c0)
        assert widget.error is None, widget.error
    ratio = report(f"{name}: one change of {control} (CPU, median)", statistics.median(cpu), 0.150,
                   "150 ms budget", target="< 1")
    ok &= ratio < 1

sys.exit(0 if ok else 1)
