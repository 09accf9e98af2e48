"""Helpers of the practice-topic tests: a seeded Draw, and the misconception a wrong answer is named by."""

from __future__ import annotations

import numpy as np

from pmlib.practice._core import Draw


def draw(seed: int = 0) -> Draw:
    """A Draw that keeps numeric questions numeric (no multiple-choice variant)."""
    return Draw(np.random.default_rng(seed), numeric_only=True)


def named(q, value) -> str | None:
    """The misconception ``q.check(value)`` names; the value must be judged wrong."""
    fb = q.check(value, record=False)
    assert not fb.correct, (value, fb)
    return fb.misconception
