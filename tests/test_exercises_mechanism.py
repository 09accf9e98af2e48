"""The check / hint / solution mechanism every exercise notebook uses."""

from __future__ import annotations

import importlib
import pkgutil

import numpy as np
import pandas as pd
import pytest

import pmlib.exercises as ex
from pmlib.exercises import Choice, Custom, ExerciseSet, Items, Multi, Numeric, ____


@pytest.fixture
def q():
    return Numeric("npv", answer=lambda: 1234.5, unit="k$", hints=["one", "two"],
                   solution="npv = 1234.5", explanation="because")


def status(question, **ns):
    return question.evaluate(ns)


def test_placeholder_and_missing_are_not_attempted(q):
    assert status(q, npv=____).status == "not_attempted"
    assert status(q).status == "not_attempted"
    assert "not attempted" in str(status(q, npv=____)).lower()


@pytest.mark.parametrize("value", [1234.5, 1234.6, np.float64(1234.5), np.array([1234.5]), 1234])
def test_numeric_correct_within_tolerance(q, value):
    assert status(q, npv=value).correct


@pytest.mark.parametrize("value,words", [
    (-1234.5, "wrong sign"), (2000, "too high"), (12, "too low"), (1_234_500, "1000 times too large"),
])
def test_numeric_wrong_answers_say_why_without_the_answer(q, value, words):
    r = status(q, npv=value)
    assert r.status == "incorrect" and words in r.message
    assert "1234.5" not in r.message and "1,234.5" not in r.message


def test_percent_slip():
    rate = Numeric("irr", answer=0.123)
    assert "percentage" in status(rate, irr=12.3).message


@pytest.mark.parametrize("value", ["1234.5", None, [1, 2], pd.DataFrame({"a": [1]}), {"x": 1}, True, object()])
def test_any_value_gets_a_message_not_a_traceback(q, value):
    r = status(q, npv=value)
    assert r.status == "invalid" and r.message


def test_nan_and_inf():
    q = Numeric("pb", answer=float("inf"))
    assert status(q, pb=float("inf")).correct
    assert not status(q, pb=3.0).correct
    assert status(Numeric("x", answer=1.0), x=float("nan")).status == "incorrect"


def test_choice():
    c = Choice("level", answer="portfolio", choices=["project", "program", "portfolio", "product"],
               why={"project": "a project manager delivers one project"})
    assert status(c, level=" Portfolio ").correct
    assert status(c, level="project").message == "a project manager delivers one project"
    assert status(c, level="team").status == "invalid"
    assert status(c, level=3).status == "invalid"


def test_items_ordered_and_unordered():
    path = Items("cp", answer=["A", "C", "F"], ordered=True)
    assert status(path, cp=["A", "C", "F"]).correct
    assert status(path, cp="a, c, f").correct
    assert "wrong order" in status(path, cp=["C", "A", "F"]).message
    assert "missing" in status(path, cp=["A", "C"]).message
    s = Items("sel", answer=["P1", "P2"])
    assert status(s, sel={"P2", "P1"}).correct
    assert status(s, sel=np.array(["P1", "P2"])).correct
    assert status(s, sel=42).status == "invalid"


def test_custom_and_multi():
    c = Custom("x", checker=lambda x: (x > 0, "must be positive"))
    assert status(c, x=1).correct and status(c, x=-1).message == "must be positive"
    m = Multi([Numeric("cv", answer=-10), Numeric("cpi", answer=0.9)], explanation="both")
    assert status(m, cv=____, cpi=____).status == "not_attempted"
    assert status(m, cv=-10, cpi=0.9).correct
    r = status(m, cv=-10, cpi=1.2)
    assert r.status == "incorrect" and "1 of 2" in r.message


def test_checker_exceptions_become_messages():
    c = Custom("x", checker=lambda x: (1 / 0, ""))
    assert status(c, x=1).status == "invalid"


def test_check_reads_the_callers_globals(q, capsys):
    globals()["npv"] = 1234.5
    try:
        q.check()
    finally:
        del globals()["npv"]
    assert "Correct" in capsys.readouterr().out


def test_hint_cycles_and_solution_shows_code(q, capsys):
    q.hint()
    q.hint()
    q.hint(1)
    q.solution()
    out = capsys.readouterr().out
    assert "one" in out and "two" in out and "npv = 1234.5" in out and "because" in out


def test_exercise_set_numbers_questions_and_scores():
    s = ExerciseSet("demo", [Numeric("a", answer=1), Numeric("b", answer=2)])
    assert [q.name for q in s] == ["q1", "q2"]
    table = s.score({"a": 1, "b": ____})
    assert list(table["status"]) == ["correct", "not_attempted"]


def _exercise_modules():
    for info in pkgutil.iter_modules(ex.__path__):
        if not info.name.startswith("_"):  # private helpers (e.g. _settings) hold no exercise set
            yield importlib.import_module(f"pmlib.exercises.{info.name}")


@pytest.mark.parametrize("module", list(_exercise_modules()), ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_every_question_has_hints_and_a_solution(module):
    questions = list(module.EXERCISES)
    assert questions
    for q in questions:
        assert q.hints, f"{module.__name__}.{q.name} has no hint"
        assert q.solution_code.strip(), f"{module.__name__}.{q.name} has no solution"
        assert q.prompt, f"{module.__name__}.{q.name} has no prompt"
        assert q.evaluate({}).status == "not_attempted"
