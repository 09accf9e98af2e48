"""Every widget in ``pm.widgets`` on the course data: CPU time of one control change.

The project's bar: one control change costs at most 150 ms of CPU (``time.process_time()``),
the figure included. For every widget factory (called with its defaults, i.e. the course data)
each control is moved ``MOVES`` times, the way a learner moves it, each time to a value it has
not had yet (the next option of a dropdown, one more step down a slider), so no move is served
from a cache of an earlier one; a checkbox is ticked and unticked. Prints, per control, the median CPU time of a
move, its ratio to 150 ms (target < 1) and the slowest move, and per widget the worst control;
exits 1 and lists the widgets that miss when any does. CPU time, not wall time: the machine is
shared; the median, because one move in a hundred on a busy machine lands on a slow moment.

The garbage a widget's construction leaves is collected before its controls are timed: a full
collection walks every object of the process (~0.1 s here), and the build, not the next move,
is what made it due.
"""

from __future__ import annotations

import gc
import inspect
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

import pmlib as pm  # noqa: E402
from pmlib.widgets import Dashboard  # noqa: E402

BUDGET_S = 0.150
MOVES = 3


def factories() -> dict:
    found = {}
    for name in pm.widgets.__all__:
        obj = getattr(pm.widgets, name)
        if inspect.isfunction(obj) and name != "figure_to_png":
            found[name] = obj
    return dict(sorted(found.items()))


def new_values(control, count: int = MOVES) -> list:
    """Up to ``count`` successive values a learner could move a control to, none equal to the
    current one or repeated: the next options of a dropdown, one more step down a slider (then
    up from where it started once the bottom is reached), a checkbox ticked and unticked."""
    value = getattr(control, "value", None)
    if getattr(control, "options", None):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        if value not in values:
            return values[:count]
        i = values.index(value)
        return [values[(i + k) % len(values)] for k in range(1, min(count, len(values) - 1) + 1)]
    if isinstance(value, bool):
        return [not value, value]
    if hasattr(control, "min") and hasattr(control, "step") and isinstance(value, int | float):
        step = control.step or 1
        # down first: a three-point estimate's optimistic value can always go down
        downs = [value - k * step for k in range(1, count + 1) if value - k * step >= control.min]
        ups = [value + k * step for k in range(1, count + 1) if value + k * step <= control.max]
        return [round(v, 10) if isinstance(v, float) else v for v in (downs + ups)[:count]]
    return []


def main() -> int:
    misses = []
    for name, factory in factories().items():
        start = time.process_time()
        dash = factory()
        build = time.process_time() - start
        if not isinstance(dash, Dashboard):
            print(f"{name}: returned {type(dash).__name__}, not a Dashboard")
            misses.append(name)
            continue
        gc.collect()
        worst, worst_control = 0.0, ""
        print(f"{name}: built in {build * 1e3:.0f} ms CPU")
        for key, control in dash.controls.items():
            values = new_values(control)
            if not values:
                print(f"  {key:24s} (not movable generically: skipped)")
                continue
            times, notes = [], set()
            for new in values:
                before = dash.updates
                start = time.process_time()
                control.value = new
                times.append(time.process_time() - start)
                if dash.updates - before != 1:
                    notes.add(f"  ({dash.updates - before} redraws)")
                if dash.error:
                    notes.add(f"  [shows an error: {dash.error}]")
            spent = statistics.median(times)
            print(f"  {key:24s} {spent * 1e3:7.1f} ms CPU  ratio to 150 ms {spent / BUDGET_S:5.2f}"
                  f"  (slowest of {len(times)}: {max(times) * 1e3:5.1f} ms){''.join(sorted(notes))}")
            if spent > worst:
                worst, worst_control = spent, key
        verdict = "ok" if worst <= BUDGET_S else "MISSES the 150 ms target"
        print(f"  worst: {worst_control or '-'} {worst * 1e3:.1f} ms CPU, ratio {worst / BUDGET_S:.2f}: {verdict}")
        if worst > BUDGET_S:
            misses.append(f"{name} ({worst_control}, ratio {worst / BUDGET_S:.2f})")
    if misses:
        print("widgets over 150 ms of CPU per control change: " + ", ".join(misses))
        return 1
    print("every widget changes within 150 ms of CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
