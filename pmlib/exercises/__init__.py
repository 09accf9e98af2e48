"""Instant-feedback exercises: ``q1.check()``, ``q1.hint()``, ``q1.solution()``.

The interface follows Kaggle Learn. An exercise notebook starts with::

    import pmlib as pm
    from pmlib.exercises import ____
    from pmlib.exercises.business_case import q1, q2, q3   # one module per notebook

and each question's cell reads::

    npv_p07 = ____        # the learner replaces ____ with code or a number
    q1.check()

``check()`` looks up the learner's variables in the notebook's namespace (the globals of
the cell that calls it, or a namespace given once with :func:`bind`). It never raises on
anything the learner assigned: text, ``None``, a list or a DataFrame each get a message.
An untouched ``____`` is reported as "not attempted yet". A wrong answer says why it is
wrong (wrong sign, a percentage given as 12 instead of 0.12, too high or too low, ...)
without revealing the answer; ``solution()`` shows it.

Expected answers are computed through pmlib when first needed, never typed in, so an
exercise and the library cannot disagree. Writing a question::

    q1 = Numeric(
        "npv_p07",
        answer=lambda: pm.finance.npv(0.08, flows),
        prompt="NPV of P07 at 8 %, in k$",
        hints=["Discount each year's net flow ...", "Use pm.finance.npv(rate, cashflows)."],
        solution="npv_p07 = pm.finance.npv(0.08, flows)",
        rtol=1e-3,
    )

Tests use :meth:`Question.evaluate`, which returns a :class:`Result` instead of printing.
"""

from __future__ import annotations

import html
import inspect
import math
import numbers
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .._validate import real_or_none

__all__ = [
    "____",
    "bind",
    "Result",
    "Question",
    "Numeric",
    "Choice",
    "Items",
    "Custom",
    "Multi",
    "ExerciseSet",
]


class _Placeholder:
    """The blank a learner replaces. Falsy, and not a number, so it never passes a check."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "____"

    def __bool__(self):
        return False


#: The placeholder in exercise cells: ``answer = ____``.
____ = _Placeholder()

_bound_namespace: dict | None = None

CORRECT, INCORRECT, NOT_ATTEMPTED, INVALID = "correct", "incorrect", "not_attempted", "invalid"


def bind(namespace: dict) -> None:
    """Read learners' variables from ``namespace`` (usually ``globals()``) from now on."""
    global _bound_namespace
    if not isinstance(namespace, Mapping):
        raise TypeError("bind() expects a dict such as globals().")
    _bound_namespace = namespace  # type: ignore[assignment]


@dataclass
class Result:
    """Outcome of checking one question: ``status`` is correct / incorrect / not_attempted / invalid."""

    status: str
    message: str
    question: str = ""

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    _ICONS = {CORRECT: "✅", INCORRECT: "❌", NOT_ATTEMPTED: "✏️", INVALID: "⚠️"}
    _COLOURS = {CORRECT: "#1b7a3a", INCORRECT: "#b3261e", NOT_ATTEMPTED: "#555", INVALID: "#8a5a00"}
    _TITLES = {CORRECT: "Correct", INCORRECT: "Incorrect", NOT_ATTEMPTED: "Not attempted yet", INVALID: "Check your answer's type"}

    def __str__(self):
        head = f"{self._ICONS[self.status]} {self._TITLES[self.status]}"
        return f"{head}: {self.message}" if self.message else head

    def __repr__(self):
        return str(self)

    def _repr_html_(self):
        colour = self._COLOURS[self.status]
        return (
            f'<div style="color:{colour}"><b>{self._ICONS[self.status]} {self._TITLES[self.status]}</b>'
            f"{': ' + html.escape(self.message) if self.message else ''}</div>"
        )


@dataclass
class _Note:
    """Hint or solution text shown in the notebook (HTML in Jupyter, plain text elsewhere)."""

    title: str
    body: str
    code: str = ""

    def __str__(self):
        out = f"{self.title}: {self.body}".rstrip(": ")
        return out + (f"\n\n{self.code}" if self.code else "")

    __repr__ = __str__

    def _repr_html_(self):
        code = f"<pre>{html.escape(self.code)}</pre>" if self.code else ""
        body = html.escape(self.body)
        return f'<div style="color:#1f4e99"><b>{html.escape(self.title)}</b>: {body}{code}</div>'


def _show(obj) -> None:
    try:
        from IPython import get_ipython

        if get_ipython() is not None:
            from IPython.display import display

            display(obj)
            return
    except ImportError:  # plain Python without IPython
        pass
    print(obj)


def _caller_namespace(depth: int = 2) -> dict:
    if _bound_namespace is not None:
        return _bound_namespace
    frame = inspect.currentframe()
    try:
        for _ in range(depth):
            frame = frame.f_back if frame is not None else None
        return dict(frame.f_globals) if frame is not None else {}
    finally:
        del frame


def _record(question: Question, result: Result) -> None:
    """Save a checked answer to the learner's progress file (:func:`pmlib.practice.progress`).

    Only real attempts count (correct or incorrect; not an untouched ``____`` or a value of the
    wrong type). A broken progress file is reported as a warning and never stops the exercise.
    """
    if result.status not in (CORRECT, INCORRECT):
        return
    try:
        from ..practice import _progress

        _progress.record(source="exercise", set=question.set_id or None, topic=question.topic,
                        question=question.name or type(question).__name__, correct=result.correct)
    except (ValueError, OSError) as exc:
        warnings.warn(f"progress not recorded: {exc}", stacklevel=3)


def _describe(value) -> str:
    name = type(value).__name__
    if isinstance(value, str):
        return f"the text {value!r}"
    if value is None:
        return "None"
    if hasattr(value, "shape"):
        return f"a {name} of shape {value.shape}"
    if isinstance(value, Sequence | set | frozenset | Mapping):
        return f"a {name} with {len(value)} item(s)"
    return f"a {name}"


class Question:
    """One exercise. Subclasses decide how an answer is compared.

    Parameters
    ----------
    variables : str or sequence of str
        Names the learner assigns in the notebook.
    prompt : str
        One line shown by ``q.prompt`` / ``repr(q)``.
    hints : str or list of str
        ``hint()`` shows them one after another; ``hint(2)`` shows the second.
    solution : str
        Code that produces the answer (runs in the notebook's namespace in the tests).
    explanation : str
        Why the answer is what it is; shown with the solution and after a correct check.
    topic : str, optional
        The :mod:`pmlib.practice` topic the question practises (``"evm.eac"``): ``new()``
        draws a fresh exam-style variant from it.
    """

    def __init__(self, variables, *, prompt="", hints=(), solution="", explanation="", topic=None):
        self.variables = [variables] if isinstance(variables, str) else list(variables)
        self.prompt = prompt
        self.hints = [hints] if isinstance(hints, str) else list(hints)
        self.solution_code = solution
        self.explanation = explanation
        self.topic = topic
        self.name = ""  # set by ExerciseSet: "q1" ...
        self.set_id = ""  # the exercise set ("earned_value"), named in the progress file
        self._hint_index = 0
        self._variants = 0

    # -- learner-facing -------------------------------------------------------------
    def check(self, namespace: Mapping | None = None) -> None:
        """Check the learner's answer and show the verdict (never raises)."""
        ns = namespace if namespace is not None else _caller_namespace()
        result = self.evaluate(ns)
        _record(self, result)
        _show(result)

    def hint(self, n: int | None = None) -> None:
        """Show the next hint (or hint number ``n``, counting from 1).

        A trainer's handout can turn hints off (``pmlib-course.json``, see
        :mod:`pmlib.exercises._settings`): then this says so instead.
        """
        from . import _settings

        settings = _settings.current()
        if not settings.hints:
            _show(_Note("Hint", "Your trainer has turned hints off for this copy of the course: "
                                "work it out from the lesson, then use check()."
                        + (f" {settings.message}" if settings.message else "")))
            return
        if not self.hints:
            _show(_Note("Hint", "No hint for this one: reread the question and the worked example above."))
            return
        if n is None:
            n = min(self._hint_index, len(self.hints) - 1) + 1
            self._hint_index += 1
        n = max(1, min(int(n), len(self.hints)))
        suffix = f" ({n}/{len(self.hints)})" if len(self.hints) > 1 else ""
        _show(_Note(f"Hint{suffix}", self.hints[n - 1]))

    def solution(self) -> None:
        """Show the solution code and the explanation.

        In a trainer's handout with solutions turned off (``pmlib-course.json``, see
        :mod:`pmlib.exercises._settings`) it says so instead, and from which day they are back.
        """
        from . import _settings

        settings = _settings.current()
        if not settings.solutions_on():
            when = (f" They come back on {settings.solutions_from:%d %B %Y}." if settings.solutions_from
                    else "")
            _show(_Note("Solution", "Your trainer has turned solutions off for this copy of the course."
                                    f"{when} check() still tells you whether your answer is right"
                                    + (" and hint() helps." if settings.hints else ".")
                                    + (f" {settings.message}" if settings.message else "")))
            return
        _show(_Note("Solution", self.explanation, self.solution_code))

    def new(self, seed: int | None = None):
        """A fresh exam-style variant of this question from its practice topic.

        Returns a :class:`pmlib.practice` question: read ``.text``, answer with
        ``.check(answer)``; each call without ``seed`` gives the next variant.
        """
        if not self.topic:
            raise ValueError(f"{self.name or 'this question'} has no practice topic, so there is no new variant.")
        from .. import practice  # imported on use: exercises do not need the practice engine to load

        if seed is None:
            self._variants += 1
            seed = 1000 * (int(self.name[1:]) if self.name[1:].isdigit() else 0) + self._variants
        question = practice.question(self.topic, seed=seed)
        _show(question)
        return question

    def __repr__(self):
        label = self.name or type(self).__name__
        return f"<{label}: {self.prompt or ', '.join(self.variables)}>"

    # -- comparison ------------------------------------------------------------------
    def evaluate(self, namespace: Mapping) -> Result:
        """Compare the learner's variables in ``namespace`` with the answer; never raises."""
        values = {}
        for var in self.variables:
            if var not in namespace or namespace[var] is ____:
                return Result(NOT_ATTEMPTED, f"set `{var}` to your answer, then run this cell again.", self.name)
            values[var] = namespace[var]
        try:
            result = self._compare(values)
        except Exception as exc:  # a learner's odd value must never surface as a traceback
            result = Result(INVALID, f"could not compare your answer ({type(exc).__name__}: {exc}).")
        result.question = self.name
        if result.correct and self.explanation and not result.message:
            result.message = self.explanation
        return result

    def _compare(self, values: dict) -> Result:  # pragma: no cover - abstract
        raise NotImplementedError

    @staticmethod
    def _resolve(answer):
        return answer() if callable(answer) else answer


class Numeric(Question):
    """A number compared with a tolerance: ``abs(x - answer) <= atol + rtol * abs(answer)``.

    ``answer`` is a number or a zero-argument callable computing it through pmlib.
    ``unit`` is named in messages. Messages spot the usual slips without giving the answer:
    a named misconception (``misconceptions``), wrong sign, a percentage typed as 12 instead
    of 0.12 (or the reverse), days and weeks mixed up (when ``unit`` names days or weeks), a
    factor of 1000 (dollars vs k$), too high / too low.

    ``misconceptions`` maps what the mistake is, in words ("that is BAC x CPI; EAC divides
    BAC by CPI"), to a zero-argument callable computing the wrong answer that mistake gives,
    through pmlib. A learner whose answer matches one is told that sentence.
    """

    def __init__(self, variable: str, answer, *, rtol=1e-3, atol=1e-9, unit="", percent_hint=True,
                 misconceptions: Mapping[str, Callable[[], float]] | None = None, **kw):
        super().__init__(variable, **kw)
        self._answer = answer
        self.rtol, self.atol, self.unit, self.percent_hint = rtol, atol, unit, percent_hint
        self.misconceptions = dict(misconceptions or {})

    def _misconception(self, x: float, target: float) -> str | None:
        """The first named mistake whose wrong answer is ``x`` (and differs from the key)."""
        for message, wrong in self.misconceptions.items():
            value = real_or_none(self._resolve(wrong))
            if value is not None and math.isfinite(value) and not self._close(value, target) \
                    and self._close(x, value):
                return message
        return None

    @property
    def answer(self) -> float:
        return float(self._resolve(self._answer))

    def _close(self, x, target) -> bool:
        if math.isinf(target):
            return math.isinf(x) and (x > 0) == (target > 0)
        return abs(x - target) <= self.atol + self.rtol * abs(target)

    def _compare(self, values):
        (var, value), = values.items()
        x = real_or_none(value)
        if x is None:
            return Result(INVALID, f"`{var}` should be a single number{self._unit_txt()}, but it is {_describe(value)}.")
        target = self.answer
        if math.isnan(x):
            return Result(INCORRECT, f"`{var}` is NaN; it should be a number{self._unit_txt()}.")
        if self._close(x, target):
            return Result(CORRECT, "")
        named = self._misconception(x, target)
        if named:
            return Result(INCORRECT, f"`{var}` matches a common mistake: {named}")
        if target != 0 and self._close(-x, target):
            return Result(INCORRECT, f"`{var}` has the wrong sign.")
        if self.percent_hint and target != 0 and self._close(x / 100, target):
            return Result(INCORRECT, f"`{var}` looks like a percentage: write it as a fraction (12 % is 0.12).")
        if self.percent_hint and target != 0 and self._close(x * 100, target):
            return Result(INCORRECT, f"`{var}` looks like a fraction, but this answer is wanted in percent.")
        unit = self.unit.lower()
        if target != 0 and ("day" in unit or "week" in unit):
            for factor in (7, 5, 1 / 7, 1 / 5):
                if self._close(x / factor, target):
                    return Result(INCORRECT, f"`{var}` looks like days and weeks mixed up: the answer is "
                                             f"wanted in {self.unit} (a week is 5 working or 7 calendar days).")
        for factor, words in ((1000, "1000 times too large: check the unit"), (1 / 1000, "1000 times too small: check the unit")):
            if target != 0 and self._close(x / factor, target):
                return Result(INCORRECT, f"`{var}` is {words}{self._unit_txt(' (wanted in ', ')')}.")
        if math.isinf(target) or math.isinf(x):
            return Result(INCORRECT, f"`{var}` is not right: think about whether the quantity is finite.")
        direction = "too high" if x > target else "too low"
        return Result(INCORRECT, f"`{var}` = {x:,.6g} is {direction}.")

    def _unit_txt(self, pre=" in ", post=""):
        return f"{pre}{self.unit}{post}" if self.unit else ""


class Choice(Question):
    """One answer out of ``choices`` (text, compared case- and space-insensitively).

    ``why`` maps a wrong choice to the reason it is wrong (shown to the learner).
    """

    def __init__(self, variable: str, answer, choices: Iterable[str], *, why: Mapping[str, str] | None = None, **kw):
        super().__init__(variable, **kw)
        self.choices = [str(c) for c in choices]
        self._answer = answer
        self.why = {self._norm(k): v for k, v in (why or {}).items()}

    @staticmethod
    def _norm(text) -> str:
        return " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())

    @property
    def answer(self) -> str:
        return str(self._resolve(self._answer))

    def _compare(self, values):
        (var, value), = values.items()
        options = ", ".join(repr(c) for c in self.choices)
        if not isinstance(value, str):
            return Result(INVALID, f"`{var}` should be one of {options} (as text), but it is {_describe(value)}.")
        norm = self._norm(value)
        if norm not in {self._norm(c) for c in self.choices}:
            return Result(INVALID, f"`{var}` = {value!r} is not one of the options: {options}.")
        if norm == self._norm(self.answer):
            return Result(CORRECT, "")
        return Result(INCORRECT, self.why.get(norm, f"{value!r} is not the best answer; think again."))


class Items(Question):
    """A collection of ids or labels, e.g. a critical path or the projects to fund.

    ``ordered=True`` compares sequences (the critical path in order); otherwise sets.
    Messages say how many items are missing or extra, not which.
    """

    def __init__(self, variable: str, answer, *, ordered=False, **kw):
        super().__init__(variable, **kw)
        self._answer = answer
        self.ordered = ordered

    @property
    def answer(self) -> list:
        return [self._norm_item(a) for a in self._resolve(self._answer)]

    @staticmethod
    def _norm_item(item):
        return item.strip().upper() if isinstance(item, str) else item

    #: Separators a learner may write between ids: commas, semicolons, arrows (-> => → ⟶),
    #: dashes (- – —), '>' , '|', '/' and spaces. A hyphen separates only when no expected id
    #: contains one ("A-B-E-G" is a path of four ids; "PG-HOME, PG-DIGI" keeps its ids whole).
    _SEPARATORS = r"\s*(?:->|=>|→|⟶|➔|–|—|>|,|;|\||/)\s*|\s+"

    def _split(self, text: str) -> list:
        import re

        hyphen = not any(isinstance(a, str) and "-" in a for a in self.answer)
        pattern = self._SEPARATORS + (r"|\s*-\s*" if hyphen else "")
        return [v for v in re.split(pattern, text.strip()) if v and v.strip()]

    def _compare(self, values):
        (var, value), = values.items()
        if isinstance(value, str):
            value = self._split(value)
        elif hasattr(value, "tolist") and not hasattr(value, "columns"):
            value = value.tolist()
        if not isinstance(value, list | tuple | set | frozenset):
            return Result(INVALID, f"`{var}` should be a list of ids such as ['A', 'B'], but it is {_describe(value)}.")
        got = [self._norm_item(v) for v in value]
        want = self.answer
        if self.ordered:
            if got == want:
                return Result(CORRECT, "")
            if sorted(map(str, got)) == sorted(map(str, want)):
                return Result(INCORRECT, f"`{var}` has the right items in the wrong order.")
        elif set(got) == set(want):
            return Result(CORRECT, "")
        missing = len(set(want) - set(got))
        extra = len(set(got) - set(want))
        parts = []
        if missing:
            parts.append(f"{missing} item(s) missing")
        if extra:
            parts.append(f"{extra} item(s) that do not belong")
        return Result(INCORRECT, f"`{var}` has " + " and ".join(parts) + ".")


class Custom(Question):
    """Anything else: ``checker(*values)`` returns ``(ok: bool, message: str)``."""

    def __init__(self, variables, checker: Callable[..., tuple[bool, str]], **kw):
        super().__init__(variables, **kw)
        self.checker = checker

    def _compare(self, values):
        ok, message = self.checker(*values.values())
        return Result(CORRECT if ok else INCORRECT, "" if ok else message)


class Multi(Question):
    """Several parts checked together, e.g. CV and CPI; correct when every part is."""

    def __init__(self, parts: Sequence[Question], **kw):
        variables = [v for p in parts for v in p.variables]
        super().__init__(variables, **kw)
        self.parts = list(parts)

    def evaluate(self, namespace):
        results = [p.evaluate(namespace) for p in self.parts]
        if all(r.status == NOT_ATTEMPTED for r in results):
            names = ", ".join(f"`{v}`" for v in self.variables)
            return Result(NOT_ATTEMPTED, f"set {names}, then run this cell again.", self.name)
        wrong = [r for r in results if not r.correct]
        if not wrong:
            return Result(CORRECT, self.explanation, self.name)
        status = INVALID if any(r.status == INVALID for r in wrong) else (
            NOT_ATTEMPTED if all(r.status == NOT_ATTEMPTED for r in wrong) else INCORRECT)
        done = len(results) - len(wrong)
        msg = f"{done} of {len(results)} parts right. " + " ".join(r.message for r in wrong)
        return Result(status, msg, self.name)


@dataclass
class ExerciseSet:
    """The questions of one exercise notebook, numbered q1, q2, ... in order."""

    title: str
    questions: list[Question] = field(default_factory=list)

    def __post_init__(self):
        for i, q in enumerate(self.questions, start=1):
            q.name = f"q{i}"

    def __getitem__(self, key) -> Question:
        if isinstance(key, int):
            return self.questions[key - 1]
        return {q.name: q for q in self.questions}[key]

    def __iter__(self):
        return iter(self.questions)

    def __len__(self):
        return len(self.questions)

    def exports(self) -> dict[str, Question]:
        """``{"q1": q1, ...}`` for a module's globals()."""
        return {q.name: q for q in self.questions}

    def publish(self, namespace: dict) -> None:
        """Define ``q1 ... qN`` and ``__all__`` in a module: ``EXERCISES.publish(globals())``.

        One call instead of a hand-written ``q1, q2, ... = EXERCISES`` line, so a question added
        to the set cannot be forgotten; ``from pmlib.exercises.<set> import *`` then gives them all.
        """
        set_id = str(namespace.get("__name__", "")).rsplit(".", 1)[-1]
        for q in self.questions:
            q.set_id = set_id or self.title
        namespace.update(self.exports())
        helpers = [name for name in namespace.get("__all__", ()) if name not in self.exports()]
        namespace["__all__"] = helpers + list(self.exports())

    def score(self, namespace: Mapping | None = None):
        """A table of every question's status for the learner's namespace."""
        import pandas as pd

        ns = namespace if namespace is not None else _caller_namespace()
        rows = [(q.name, q.prompt, q.evaluate(ns).status) for q in self.questions]
        return pd.DataFrame(rows, columns=["question", "prompt", "status"]).set_index("question")
