"""Helpers for the tests that run practice generators directly (published examples, cross-checks)."""

from __future__ import annotations

import numpy as np

import pmlib as pm
from pmlib.practice._core import Draw


def draw(seed: int = 0) -> Draw:
    """A seeded draw that keeps numeric questions numeric (no multiple-choice variant)."""
    return Draw(np.random.default_rng(seed), numeric_only=True)


def key(q):
    """The numeric key of a question asked either way (a number, or the value of the correct option)."""
    return q.answer if q.choices is None else q.option_values[q.choices.index(q.answer)]


def named(q, value) -> str:
    """The misconception a wrong ``value`` is named as ('' when none); fails if ``value`` is accepted."""
    fb = q.check(value, record=False)
    assert not fb.correct, (value, fb)
    return fb.misconception or ""


def check_fresh_variants(exercise_set, topic: str, capsys, seed: int) -> None:
    """Every exercise of ``exercise_set`` on ``topic`` gives a working, shown, reproducible ``q.new()``."""
    questions = [q for q in exercise_set.questions if q.topic == topic]
    assert questions, topic
    for q in questions:
        variant = q.new()
        assert variant.topic == topic and variant.text in capsys.readouterr().out
        assert variant.check(variant.answer, record=False).correct
        assert q.new(seed=seed).text == pm.practice.question(topic, seed=seed).text
