"""Timing helpers shared by the benchmark scripts: best-of-N wall time and ratio printing."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(fn: Callable[[], object], repeat: int = 5, number: int = 1) -> float:
    """Best wall time in seconds of ``number`` calls of ``fn``, over ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def best_of(fn: Callable[[], object], repeat: int = 5, *, clock: Callable[[], float] = time.perf_counter
            ) -> tuple[float, object]:
    """(best time in seconds over ``repeat`` calls, the last call's result) for checking answers.

    ``clock`` is wall time by default; ``time.process_time`` measures CPU time instead, steadier
    on a machine shared by many processes (for single-threaded code).
    """
    best, out = float("inf"), None
    for _ in range(repeat):
        start = clock()
        out = fn()
        best = min(best, clock() - start)
    return best, out


def report(name: str, ours: float, baseline: float, baseline_name: str, target: str = "") -> float:
    """Print one line: our time, the baseline's, and the ratio ours / baseline."""
    ratio = ours / baseline
    goal = f"  (target: {target})" if target else ""
    print(f"{name}: pmlib {ours * 1e3:9.2f} ms | {baseline_name} {baseline * 1e3:9.2f} ms | "
          f"ratio {ratio:6.3f}{goal}")
    return ratio
