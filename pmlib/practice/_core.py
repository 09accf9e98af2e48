"""The practice engine's core: the topic registry, random draws, question builders, feedback.

A topic generator is a function ``gen(draw) -> PracticeQuestion`` registered with
:func:`topic`. It draws its numbers from ``draw`` (a :class:`Draw`: a seeded numpy Generator
with a business :attr:`~Draw.setting` and rounding helpers), computes the answer and every
named misconception through pmlib, and returns :func:`numeric` or :func:`choice`. The engine
adds the topic's tags, the seed, progress recording and the display.
"""

from __future__ import annotations

import html
import math
import re
import warnings
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from .._validate import Integer, real_or_none
from ..errors import InputError, PMLibError, UnknownIdError
from ._settings import SETTINGS, Setting

__all__ = [
    "Topic",
    "topic",
    "registry",
    "Draw",
    "Feedback",
    "PracticeQuestion",
    "numeric",
    "choice",
    "cap",
    "money",
    "num",
    "pct",
    "qty",
    "build",
    "check_topic",
    "check_seed",
]

EXAMS = ("PMP", "PgMP", "PfMP")
#: Domains of the PMP Examination Content Outline of July 2026, with their share of the exam.
ECO_WEIGHTS = {"People": 0.33, "Process": 0.41, "Business Environment": 0.26}
#: The seven performance domains of the PMBOK Guide, 8th edition (2025).
PMBOK8_DOMAINS = ("Governance", "Scope", "Schedule", "Finance", "Stakeholders", "Resources", "Risk")


# --------------------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Topic:
    """One practice topic: its id, what it is called, its exam tags and its generator."""

    id: str
    title: str
    exam: str
    eco_domain: str
    pmbok8_domain: str
    lesson: str
    generator: Callable = field(repr=False, compare=False)


_REGISTRY: dict[str, Topic] = {}


def topic(id: str, *, title: str, exam: str, eco: str, pmbok8: str, lesson: str):
    """Register ``gen(draw) -> PracticeQuestion`` as the generator of topic ``id``.

    ``exam`` is PMP, PgMP or PfMP; ``eco`` a PMP ECO (July 2026) domain (People, Process,
    Business Environment); ``pmbok8`` a PMBOK Guide 8th edition performance domain;
    ``lesson`` the notebook stem that teaches it (``"03_earned_value"``).
    """
    if exam not in EXAMS:
        raise ValueError(f"topic {id!r}: exam must be one of {EXAMS}, got {exam!r}.")
    if eco not in ECO_WEIGHTS:
        raise ValueError(f"topic {id!r}: eco must be one of {tuple(ECO_WEIGHTS)}, got {eco!r}.")
    if pmbok8 not in PMBOK8_DOMAINS:
        raise ValueError(f"topic {id!r}: pmbok8 must be one of {PMBOK8_DOMAINS}, got {pmbok8!r}.")

    def register(gen):
        if id in _REGISTRY:
            raise ValueError(f"practice topic {id!r} is registered twice.")
        _REGISTRY[id] = Topic(id, title, exam, eco, pmbok8, lesson, gen)
        return gen

    return register


_NOT_TOPICS = {"exam"}  # modules of the package that define no topic
_loaded = False


def _load_domains() -> None:
    """Import every domain file of the package once (``evm.py``, ``finance.py``, ...): they register topics.

    Found by name, so a new ``pmlib/practice/<domain>.py`` needs no list to be edited; done on
    first use, so ``import pmlib`` does not pay for it.
    """
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib
    import pkgutil
    from pathlib import Path

    try:
        for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
            if not info.name.startswith("_") and info.name not in _NOT_TOPICS:
                importlib.import_module(f"{__package__}.{info.name}")
    except BaseException:
        _loaded = False
        raise


def registry() -> dict[str, Topic]:
    """The registered topics, by id (a copy)."""
    _load_domains()
    return dict(_REGISTRY)


def check_topic(value, name: str = "topic") -> Topic:
    """The registered Topic of id ``value``, or an error listing the known ids."""
    _load_domains()
    if not isinstance(value, str):
        raise InputError(f"{name} must be a topic id (text such as 'evm.eac'), got {value!r}.")
    try:
        return _REGISTRY[value]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise UnknownIdError(
            f"{name} {value!r} is not a practice topic; known topics: {known}. "
            "pm.practice.topics() lists them with their titles."
        ) from None


def check_seed(value, name: str = "seed") -> int:
    """A seed is any whole number (negative and very large ones too); 3.0 counts as 3."""
    return Integer().convert(value, name)


def build(topic_id: str, seed: int) -> PracticeQuestion:
    """Generate the question of ``(topic_id, seed)``: the same pair always gives the same question."""
    t = check_topic(topic_id)
    seed = check_seed(seed)
    entropy = [zlib.crc32(t.id.encode()), 0 if seed >= 0 else 1, abs(seed)]
    q = t.generator(Draw(np.random.default_rng(entropy)))
    q.topic, q.seed, q.title = t.id, seed, t.title
    q.exam, q.eco_domain, q.pmbok8_domain, q.lesson = t.exam, t.eco_domain, t.pmbok8_domain, t.lesson
    return q


# --------------------------------------------------------------------------------------
# Random draws
# --------------------------------------------------------------------------------------
def _round_to(x: float, step: float) -> float:
    return round(round(x / step) * step, 10)


def nice(x: float, sig: int = 2) -> float:
    """``x`` rounded to ``sig`` significant figures (480,000 rather than 483,917)."""
    if x == 0:
        return 0.0
    step = 10 ** (math.floor(math.log10(abs(x))) - sig + 1)
    return _round_to(x, step)


class Draw:
    """A seeded source of the numbers, names and settings of one question.

    Every method draws from one numpy Generator, so a generator that calls them in a fixed
    order gives the same question for the same seed.
    """

    def __init__(self, rng: np.random.Generator, *, numeric_only: bool = False):
        self.rng = rng
        self.numeric_only = numeric_only  # tests: keep numeric questions numeric (no choices)
        self._setting: Setting | None = None

    @property
    def setting(self) -> Setting:
        """The business setting of the question (drawn on first use, then fixed)."""
        if self._setting is None:
            self._setting = SETTINGS[int(self.rng.integers(len(SETTINGS)))]
        return self._setting

    def org(self) -> str:
        """An organisation of the setting: 'a regional hospital'."""
        return self.pick(self.setting.orgs)

    def project(self) -> str:
        """A project of the setting: 'a new outpatient wing'."""
        return self.pick(self.setting.projects)

    def projects(self, k: int) -> list[str]:
        """``k`` different projects of the setting (fewer settings have more than four)."""
        return self.sample(self.setting.projects, min(k, len(self.setting.projects)))

    def integer(self, lo: int, hi: int) -> int:
        """A whole number in [lo, hi] (both included)."""
        return int(self.rng.integers(lo, hi + 1))

    def uniform(self, lo: float, hi: float, step: float | None = None) -> float:
        """A number in [lo, hi], rounded to a multiple of ``step`` when given."""
        x = float(self.rng.uniform(lo, hi))
        return _round_to(x, step) if step else x

    def grid(self, lo: float, hi: float, step: float) -> float:
        """One of lo, lo + step, ..., hi (exactly on the grid)."""
        k = int(round((hi - lo) / step))
        return _round_to(lo + step * int(self.rng.integers(k + 1)), step)

    def amount(self, scale: float | None = None, lo: float = 0.4, hi: float = 2.5, sig: int = 2) -> float:
        """A money amount around the setting's project size, rounded to ``sig`` figures."""
        base = self.setting.scale if scale is None else scale
        return nice(base * float(self.rng.uniform(lo, hi)), sig)

    def pick(self, seq):
        """One item of ``seq``."""
        return seq[int(self.rng.integers(len(seq)))]

    def sample(self, seq, k: int) -> list:
        """``k`` different items of ``seq``, in random order."""
        idx = self.rng.choice(len(seq), size=k, replace=False)
        return [seq[int(i)] for i in idx]

    def shuffle(self, seq) -> list:
        """A shuffled copy of ``seq``."""
        return [seq[int(i)] for i in self.rng.permutation(len(seq))]

    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return bool(self.rng.random() < p)


# --------------------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------------------
def cap(text: str) -> str:
    """``text`` with its first letter in upper case."""
    return text[:1].upper() + text[1:]


def money(x: float, decimals: int = 0) -> str:
    """'$1,234,000' ('-$300' for negatives)."""
    sign = "-" if x < 0 and round(abs(x), decimals) != 0 else ""
    return f"{sign}${abs(x):,.{decimals}f}"


def num(x: float, decimals: int = 2) -> str:
    """A number with thousands separators and ``decimals`` places."""
    out = f"{x:,.{decimals}f}"
    return "0" + out[2:] if out.startswith("-0") and float(out.replace(",", "")) == 0 else out


def qty(x: float, unit: str, decimals: int = 0) -> str:
    """A count with its unit, singular for one: qty(1, "days") -> '1 day', qty(3, "weeks") -> '3 weeks'."""
    text = num(x, decimals)
    one = unit.endswith("s") and abs(float(text.replace(",", ""))) == 1
    return f"{text} {unit[:-1] if one else unit}"


def pct(x: float, decimals: int = 1) -> str:
    """A fraction as a percentage: pct(0.125) -> '12.5 %'."""
    return f"{num(100 * x, decimals)} %"


_NUMBER_TEXT = re.compile(r"^[+-]?\$?[+-]?(\d[\d,_ ]*\.?\d*|\.\d+)(e[+-]?\d+)?$", re.I)


def _parse_number(value, percent_answer: bool) -> float | None:
    """A learner's answer as a float: a number, or text such as '0.82', '$1,200', '12 %'."""
    if not isinstance(value, str):
        return real_or_none(value)
    text = value.strip().lower().replace("k$", "").replace("usd", "").strip()
    is_pct = text.endswith("%")
    text = text.rstrip("%").strip()
    if not _NUMBER_TEXT.match(text):
        return None
    try:
        x = float(text.replace("$", "").replace(",", "").replace("_", "").replace(" ", ""))
    except ValueError:
        return None
    return x if (not is_pct or percent_answer) else x / 100


# --------------------------------------------------------------------------------------
# Feedback and questions
# --------------------------------------------------------------------------------------
@dataclass
class Feedback:
    """What :meth:`PracticeQuestion.check` says about one answer.

    ``correct`` (bool), ``message`` (a sentence for the learner: never the correct value of
    a wrong answer) and ``misconception`` (the named mistake that gives that answer, or None).
    """

    correct: bool
    message: str
    misconception: str | None = None
    valid: bool = True

    def __str__(self):
        return ("✅ " if self.correct else ("❌ " if self.valid else "⚠️ ")) + self.message

    __repr__ = __str__

    def __bool__(self):
        return self.correct

    def _repr_html_(self):
        colour = "#1b7a3a" if self.correct else ("#b3261e" if self.valid else "#8a5a00")
        return f'<div style="color:{colour}">{html.escape(str(self))}</div>'


# generic slips that a numeric check names even when no generator listed them
_SLIP_SIGN = "the sign is reversed: check which figure is subtracted from which"
_SLIP_PCT = "a percentage typed as a whole number (12 instead of 0.12): give the answer as a fraction"
_SLIP_FRAC = "a fraction typed where a percentage is asked (0.12 instead of 12)"
_SLIP_WEEKS = "days and weeks mixed up (a week is 5 working or 7 calendar days)"
_SLIP_THOUSAND = "a factor of 1,000 out: check the unit (dollars, not thousands of dollars)"

_LETTERS = "ABCDEFGH"


class PracticeQuestion:
    """One exam-style question of :mod:`pmlib.practice`.

    Attributes
    ----------
    topic, seed : str, int
        ``pm.practice.question(topic, seed=seed)`` rebuilds exactly this question.
    text : str
        The stem, numbers included.
    choices : list of str or None
        The options of a multiple-choice question; None when a number is asked.
    answer : float or str
        The correct number, or the text of the correct choice.
    explanation : str
        The worked solution: formula, numbers substituted, result.
    misconceptions : dict
        ``{named mistake: the wrong answer it gives}`` (a number, or a choice's text).
    unit : str
        Unit of a numeric answer ('$', 'days', 'fraction', ...).
    data : dict
        The figures of the stem, for trainers and for checking a question by hand.
    title, exam, eco_domain, pmbok8_domain, lesson : str
        The topic's title and tags.
    """

    def __init__(self, text: str, answer, explanation: str, *, choices=None, misconceptions=None,
                 unit: str = "", decimals: int = 2, rtol: float = 0.01, percent: bool = False,
                 accept: Mapping[str, float] | None = None, fmt: Callable[[float], str] | None = None,
                 option_values: list | None = None, data: Mapping | None = None, atol: float = 0.0):
        self.text = text
        self.answer = answer
        self.explanation = explanation
        self.choices = choices
        self.misconceptions = dict(misconceptions or {})
        self.unit = unit
        self.decimals = decimals
        self.rtol = rtol
        self.atol = atol
        self.percent = percent
        self.accept = dict(accept or {})
        self._fmt = fmt
        self.option_values = option_values
        self.data = dict(data or {})
        self.topic = ""
        self.seed = 0
        self.title = self.exam = self.eco_domain = self.pmbok8_domain = self.lesson = ""
        self.source = "practice"
        self.set: str | None = None
        self._exam = None  # the MockExam this question belongs to (records once per question)
        self._index = -1

    # -- identity and display ------------------------------------------------------------
    @property
    def id(self) -> str:
        """'topic#seed': the question's name in the progress file."""
        return f"{self.topic}#{self.seed}"

    @property
    def kind(self) -> str:
        """'choice' (multiple choice) or 'numeric'."""
        return "choice" if self.choices is not None else "numeric"

    def format(self, value) -> str:
        """A value as the question writes it (money, ratio, percentage, ...)."""
        if isinstance(value, str):
            return value
        if self._fmt is not None:
            return self._fmt(value)
        return num(value, self.decimals)

    def _how_to_answer(self) -> str:
        if self.choices is not None:
            return "Answer with the letter or the text of a choice: q.check('B')."
        unit = {"fraction": " as a fraction (0.12 for 12 %)", "percent": " in percent"}.get(self.unit, "")
        return f"Answer with a number{unit}: q.check(...)."

    def __str__(self):
        lines = [self.text]
        if self.choices is not None:
            lines += [f"  {_LETTERS[i]}. {c}" for i, c in enumerate(self.choices)]
        return "\n".join(lines)

    def __repr__(self):
        return f"<practice question {self.id}: {self.title}>\n{self}"

    def _repr_html_(self):
        stem = html.escape(self.text).replace("\n", "<br>")
        opts = ""
        if self.choices is not None:
            items = "".join(f"<li>{html.escape(c)}</li>" for c in self.choices)
            opts = f'<ol type="A" style="margin:4px 0">{items}</ol>'
        tags = html.escape(f"{self.title} · {self.exam} · ECO: {self.eco_domain} · PMBOK 8: {self.pmbok8_domain}")
        return (f'<div style="border-left:3px solid #1f4e99;padding:4px 10px">'
                f'<div style="color:#555;font-size:90%">{tags} · {html.escape(self.id)}</div>'
                f"<div>{stem}</div>{opts}"
                f'<div style="color:#555;font-size:90%">{html.escape(self._how_to_answer())}</div></div>')

    # -- checking ------------------------------------------------------------------------
    def _tol(self, target: float) -> float:
        # just under half a unit of the asked rounding, so neighbouring rounded answers stay apart
        return max(0.45 * 10.0 ** -self.decimals, self.atol, self.rtol * abs(target))

    def _close(self, x: float, target: float) -> bool:
        return abs(x - target) <= self._tol(target)

    def check(self, answer, *, record: bool = True) -> Feedback:
        """Is ``answer`` right? Returns :class:`Feedback` and records the attempt.

        A numeric answer may be a number or text ('0.82', '$1,200', '12 %'); a choice is its
        letter ('B') or its text. A wrong answer that a named misconception gives is named,
        without revealing the correct value. ``record=False`` keeps it out of the progress file
        (see :func:`pmlib.practice.progress`).
        """
        fb = self._check_choice(answer) if self.choices is not None else self._check_number(answer)
        if record and fb.valid:
            self._record(fb.correct)
        return fb

    def _record(self, correct: bool) -> None:
        from . import _progress

        try:
            if self._exam is not None:
                self._exam._record(self._index, correct)
            else:
                _progress.record(source=self.source, set=self.set, topic=self.topic, question=self.id,
                                correct=correct)
        except (PMLibError, OSError) as exc:  # a broken progress file never blocks practice
            warnings.warn(f"progress not recorded: {exc}", stacklevel=3)

    def _wrong(self, named: str | None, fallback: str) -> Feedback:
        if named:
            return Feedback(False, f"Not right: your answer matches a common mistake: {named}.", named)
        return Feedback(False, fallback)

    def _check_number(self, answer) -> Feedback:
        x = _parse_number(answer, self.percent or self.unit == "percent")
        if x is None or math.isnan(x):
            return Feedback(False, f"Give a single number ({_describe(answer)} is not one). "
                                   + self._how_to_answer(), valid=False)
        target = float(self.answer)
        if self._close(x, target):
            return Feedback(True, f"Correct: {self.format(target)}.")
        for why, value in self.accept.items():
            if self._close(x, value):
                return Feedback(True, f"Correct ({why}).")
        near = [(abs(x - value), name) for name, value in self.misconceptions.items() if self._close(x, value)]
        if near:
            return self._wrong(min(near)[1], "")
        return self._generic(x, target)

    def _generic(self, x: float, target: float) -> Feedback:
        slips = []
        if target != 0:
            slips.append((-target, _SLIP_SIGN))
            if self.unit == "fraction":
                slips.append((100 * target, _SLIP_PCT))
            if self.unit == "percent":
                slips.append((target / 100, _SLIP_FRAC))
            if "day" in self.unit or "week" in self.unit:
                slips += [(target * f, _SLIP_WEEKS) for f in (7, 5, 1 / 7, 1 / 5)]
            if self.unit == "$":
                slips += [(target / 1000, _SLIP_THOUSAND), (target * 1000, _SLIP_THOUSAND)]
        for value, name in slips:
            if self._close(x, value):
                return self._wrong(name, "")
        direction = "too high" if x > target else "too low"
        return Feedback(False, f"Not right: {self.format(x)} is {direction}. Rework it step by step "
                               "(the explanation shows the method once you have tried).")

    def _choice_index(self, answer) -> int | None:
        if isinstance(answer, str):
            text = _norm(answer)
            for i, c in enumerate(self.choices):  # a choice's own text first, then its letter
                if _norm(c) == text:
                    return i
            letter = text.rstrip(").").upper()
            if len(letter) == 1 and letter in _LETTERS[: len(self.choices)]:
                return _LETTERS.index(letter)
            return None
        if self.option_values is not None:
            x = _parse_number(answer, self.percent or self.unit == "percent")
            if x is not None and not math.isnan(x):
                for i, v in enumerate(self.option_values):
                    if self._close(x, v):
                        return i
        return None

    def _check_choice(self, answer) -> Feedback:
        i = self._choice_index(answer)
        if i is None:
            letters = ", ".join(_LETTERS[: len(self.choices)])
            return Feedback(False, f"{_describe(answer)} is not one of the choices: answer with a letter "
                                   f"({letters}) or a choice's text.", valid=False)
        chosen = self.choices[i]
        if _norm(chosen) == _norm(self.answer):
            return Feedback(True, f"Correct: {_LETTERS[i]}.")
        for name, wrong in self.misconceptions.items():
            if _norm(wrong) == _norm(chosen):
                return self._wrong(name, "")
        return Feedback(False, f"Not right: {_LETTERS[i]} is not the best answer.")


def _norm(text) -> str:
    return " ".join(str(text).strip().lower().split())


def _describe(value) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) < 40 else repr(value[:37] + "...")
    if value is None:
        return "None"
    return f"a {type(value).__name__}"


# --------------------------------------------------------------------------------------
# Builders used by the generators
# --------------------------------------------------------------------------------------
def _distinct(answer: float, candidates: Mapping[str, float], close: Callable) -> dict:
    """The misconceptions whose value is finite, clearly apart from the key, and not a repeat.

    Two mistakes may give nearby values; a check then names the nearer one.
    """
    kept: dict[str, float] = {}
    for name, value in candidates.items():
        if value is None:
            continue
        v = float(value)
        if not math.isfinite(v) or close(v, answer):
            continue
        if any(abs(v - w) <= 1e-9 * max(1.0, abs(w)) for w in kept.values()):
            continue
        kept[name] = v
    return kept


def numeric(text: str, answer: float, explanation: str, *, unit: str, misconceptions: Mapping[str, float],
            decimals: int = 2, rtol: float = 0.01, fmt: Callable[[float], str] | None = None,
            accept: Mapping[str, float] | None = None, data: Mapping | None = None,
            as_choice: bool = False, draw: Draw | None = None, percent: bool = False,
            atol: float = 0.0) -> PracticeQuestion:
    """A question whose answer is a number.

    ``answer`` and every value of ``misconceptions`` (``{named mistake: wrong value}``) must
    come from pmlib. Misconceptions too close to the key (or to each other) are dropped, so a
    named mistake always names a wrong answer. ``unit`` is '$', 'fraction', 'percent', 'days',
    'weeks', 'years', ... ; ``decimals`` the rounding the stem asks for (half a unit of it is
    accepted, and ``rtol`` of the value). ``as_choice=True`` (with ``draw``) turns it into a
    multiple-choice question whose wrong options are the misconceptions' values.
    """
    answer = float(answer)
    if not math.isfinite(answer):
        raise ValueError(f"a generator produced a non-finite answer {answer!r} for: {text[:60]}")
    probe = PracticeQuestion(text, answer, "", unit=unit, decimals=decimals, rtol=rtol, atol=atol)

    def close(a, b):  # acceptance windows that overlap (with a 10 % margin)
        return abs(a - b) <= 1.1 * (probe._tol(a) + probe._tol(b))

    accepted = dict(accept or {})
    kept = _distinct(answer, misconceptions, close)
    kept = {k: v for k, v in kept.items() if not any(close(v, a) for a in accepted.values())}
    fmt = fmt or (lambda v: num(v, decimals))
    shown = fmt(answer)
    explanation = f"{explanation}\nAnswer: {shown}"
    if as_choice and draw is not None and not draw.numeric_only and len(kept) >= 3:
        names = list(kept)[:3] if len(kept) == 3 else draw.sample(list(kept), 3)
        options = {shown: answer, **{fmt(kept[n]): kept[n] for n in names}}
        if len(options) == 4:  # formatted options are all different
            order = draw.shuffle(list(options))
            q = PracticeQuestion(text, shown, explanation, choices=order,
                                 misconceptions={n: fmt(kept[n]) for n in names}, unit=unit,
                                 decimals=decimals, rtol=rtol, atol=atol, percent=percent, fmt=fmt,
                                 option_values=[options[o] for o in order], data=data)
            return q
    return PracticeQuestion(text, answer, explanation, misconceptions=kept, unit=unit, decimals=decimals,
                            rtol=rtol, atol=atol, percent=percent, accept=accepted, fmt=fmt, data=data)


def choice(draw: Draw, text: str, correct: str, wrong: Mapping[str, str], explanation: str, *,
           k: int = 3, data: Mapping | None = None) -> PracticeQuestion:
    """A multiple-choice question: ``correct`` and ``k`` of the ``wrong`` options, shuffled.

    ``wrong`` maps each wrong option's text to the named misconception that leads to it.
    """
    pool = {opt: why for opt, why in wrong.items() if _norm(opt) != _norm(correct)}
    seen = {_norm(correct)}
    unique = {}
    for opt, why in pool.items():
        if _norm(opt) not in seen:
            seen.add(_norm(opt))
            unique[opt] = why
    if not unique:
        raise ValueError(f"a multiple-choice question needs a wrong option: {text[:60]}")
    chosen = list(unique) if len(unique) <= k else draw.sample(list(unique), k)
    order = draw.shuffle([correct, *chosen])
    named = {unique[o]: o for o in chosen}
    if len(named) < len(chosen):
        raise ValueError(f"two wrong options share one misconception; name each mistake: {text[:60]}")
    explanation = f"{explanation}\nAnswer: {correct}"
    return PracticeQuestion(text, correct, explanation, choices=order, misconceptions=named, data=data)
