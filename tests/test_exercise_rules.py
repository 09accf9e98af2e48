"""The rules every exercise question keeps, in every exercise set (issue "Exercises that teach").

A solution pasted into a fresh notebook passes, even after wrong answers to earlier questions;
hints scaffold (idea, formula, numbers: at least three for a number) and the last one is not the
solution; a numeric question names its practice topic and the slips it recognises, and
recognises each of them; a question with a topic gives a fresh variant with ``new()``; every
wrong choice of a multiple-choice question is refused.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import pmlib as pm
import pmlib.exercises as exercises
from pmlib.exercises import Choice, Multi, Numeric, ____

SETS = {
    info.name: importlib.import_module(f"pmlib.exercises.{info.name}")
    for info in pkgutil.iter_modules(exercises.__path__)
    if not info.name.startswith("_")
}
QUESTIONS = [(name, q) for name, mod in SETS.items() for q in mod.EXERCISES]
TOPICS = set(pm.practice.topics()["topic"])


def _ids(item):
    return f"{item[0]}-{item[1].name}"


def _numeric_parts(q):
    return [p for p in q.parts if isinstance(p, Numeric)] if isinstance(q, Multi) else (
        [q] if isinstance(q, Numeric) else [])


def test_every_exercise_set_is_covered():
    assert {"business_case", "earned_value", "schedule", "agile_and_hybrid", "contracts_and_quality",
            "portfolio", "program", "levels_of_management", "stage_gates_and_risk"} <= set(SETS)


@pytest.mark.parametrize("item", QUESTIONS, ids=_ids)
def test_solution_is_self_contained(item):
    name, q = item
    module = SETS[name]
    # what an exercise notebook's first cell imports: pmlib as pm, the set's questions and helpers
    imported = {"pm": pm, **{n: getattr(module, n) for n in module.__all__}}
    wrong_everything = {v: 12345 for other in module.EXERCISES for v in other.variables}
    for start in (imported, {**imported, **wrong_everything}):
        ns = dict(start)
        exec(q.solution_code, ns)
        result = q.evaluate(ns)
        assert result.correct, f"{name} {q.name}: {result}"


@pytest.mark.parametrize("item", QUESTIONS, ids=_ids)
def test_hints_scaffold_and_do_not_give_the_solution(item):
    _, q = item
    assert len(q.hints) >= (3 if _numeric_parts(q) else 2), q.name
    last_line = q.solution_code.strip().splitlines()[-1]
    assert last_line not in q.hints[-1], f"{q.name}: the last hint is the solution"
    assert q.explanation, q.name


@pytest.mark.parametrize("item", [i for i in QUESTIONS if _numeric_parts(i[1])], ids=_ids)
def test_numeric_questions_name_their_topic_and_slips(item):
    name, q = item
    # start_here's questions teach the notebook, not an exam formula: no practice topic to draw from
    assert q.topic in TOPICS or (name == "start_here" and q.topic is None), q.topic
    for part in _numeric_parts(q):
        assert part.misconceptions, f"{q.name} {part.variables}: names no misconception"
        for words, wrong in part.misconceptions.items():
            value = float(wrong())
            assert abs(value - part.answer) > part.atol + part.rtol * abs(part.answer), (q.name, words)
            result = part.evaluate({part.variables[0]: value})
            assert not result.correct and words in result.message, (q.name, words, result.message)


@pytest.mark.parametrize("item", QUESTIONS, ids=_ids)
def test_topics_are_known_and_untouched_answers_are_not_attempted(item):
    _, q = item
    assert q.topic is None or q.topic in TOPICS
    assert q.evaluate({v: ____ for v in q.variables}).status == "not_attempted"


@pytest.mark.parametrize("item", [i for i in QUESTIONS if i[1].topic], ids=_ids)
def test_new_gives_a_fresh_variant_of_the_topic(item):
    _, q = item
    variant = pm.practice.question(q.topic, seed=7)
    assert variant.text and variant.check(variant.answer).correct


@pytest.mark.parametrize("item", [i for i in QUESTIONS if isinstance(i[1], Choice)], ids=_ids)
def test_every_wrong_choice_is_refused(item):
    _, q = item
    for choice in q.choices:
        if Choice._norm(choice) != Choice._norm(q.answer):
            assert not q.evaluate({q.variables[0]: choice}).correct
