"""Every widget in ``pm.widgets`` on the course data: CPU time of one control change.

The project's bar: one control change costs at most 150 ms of CPU (``time.process_time()``),
the figure included. For every widget factory (called with its defaults, i.e. the course data)
each control is changed once to another valid value (the next option of a dropdown, one step
of a slider, a checkbox toggled), the way a learner moves it. Prints, per control, the CPU
time and its ratio to 150 ms (target < 1), and per widget the worst control; exits 1 and lists
the widgets that miss when any does. CPU time, not wall time: the machine is shared.
"""

from __future__ import annotations

import inspect
import sys
import time

import matplotlib

matplotlib.use("Agg")

import pmlib as pm  # noqa: E402
from pmlib.widgets import Dashboard  # noqa: E402

BUDGET_S = 0.150


def factories() -> dict:
    found = {}
    for name in pm.widgets.__all__:
        obj = getattr(pm.widgets, name)
        if inspect.isfunction(obj) and name != "figure_to_png":
            found[name] = obj
    return dict(sorted(found.items()))


def other_value(control):
    """Another valid value for a control, or None when it cannot be moved generically."""
    if hasattr(control, "options") and control.options:
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        if control.value not in values:
            return values[0]
        i = values.index(control.value)
        return values[(i + 1) % len(values)] if len(values) > 1 else None
    if hasattr(control, "max") and hasattr(control, "step") and isinstance(control.value, int | float):
        step = control.step or 1
        up = control.value + step
        return up if up <= control.max else control.value - step
    if isinstance(getattr(control, "value", None), bool):
        return not control.value
    return None


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
        worst, worst_control = 0.0, ""
        print(f"{name}: built in {build * 1e3:.0f} ms CPU")
        for key, control in dash.controls.items():
            new = other_value(control)
            if new is None:
                print(f"  {key:24s} (not movable generically: skipped)")
                continue
            before = dash.updates
            start = time.process_time()
            control.value = new
            spent = time.process_time() - start
            redraws = dash.updates - before
            note = "" if redraws == 1 else f"  ({redraws} redraws)"
            error = f"  [shows an error: {dash.error}]" if dash.error else ""
            print(f"  {key:24s} {spent * 1e3:7.1f} ms CPU  ratio to 150 ms {spent / BUDGET_S:5.2f}{note}{error}")
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
