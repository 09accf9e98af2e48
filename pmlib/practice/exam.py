"""Mock exams: a mixed set of practice questions weighted like the PMP exam's domains.

The PMP Examination Content Outline of July 2026 weighs People 33 %, Process 41 % and Business
Environment 26 %. :func:`mock_exam` gives each domain that share of the questions, as far as
the chosen topics allow, and spreads a domain's questions evenly over its topics. A topic
appears at most twice its fair share of the whole pool unless its domain has too few topics to
fill its weight (People has fewer topics than Process): then the domain's topics share its
quota. Only a domain with no topic in the pool leaves its share to the others, by the same
weights.
:meth:`MockExam.domain_mix` shows the target and the actual mix. Questions are built when
first needed, so even a 180-question exam appears at once.
"""

from __future__ import annotations

import html
import math
import time
import zlib
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .._validate import Integer, Options, Real
from ..errors import InputError, UnknownIdError
from . import _progress
from ._core import ECO_WEIGHTS, Feedback, PracticeQuestion, build, check_seed, registry

__all__ = ["MockExam", "mock_exam", "resolve_topics", "weak_topics", "practise_weak_topics"]

#: Largest mock exam (the PMP itself has 180 questions).
MAX_QUESTIONS = 10_000


def resolve_topics(topics, name: str = "topics") -> list[str]:
    """Topic ids from None (all), an id, a domain prefix ('evm') or a list of them."""
    known = registry()
    if topics is None:
        return sorted(known)
    items = [topics] if isinstance(topics, str) else topics
    if not isinstance(items, Iterable) or isinstance(items, bytes | dict):
        raise InputError(f"{name} must be a topic id, a domain such as 'evm', or a list of them; got {topics!r}.")
    items = list(items)
    if not items:
        raise InputError(f"{name} is empty: give at least one topic id or domain (pm.practice.topics() lists them).")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise InputError(f"{name} must hold text (topic ids such as 'evm.eac'), got {item!r}.")
        key = item.strip()
        hits = [key] if key in known else [t for t in sorted(known) if t.startswith(key.rstrip(".") + ".")]
        if not hits:
            domains = sorted({t.split(".")[0] for t in known})
            raise UnknownIdError(
                f"{name}: {item!r} is neither a practice topic nor a domain. Domains: {', '.join(domains)}; "
                f"topics: {', '.join(sorted(known))}.")
        out += [h for h in hits if h not in out]
    return out


def _largest_remainder(total: int, weights: dict[str, float]) -> dict[str, int]:
    if not weights:
        return {}
    s = sum(weights.values())
    raw = {k: total * w / s for k, w in weights.items()}
    out = {k: int(math.floor(v)) for k, v in raw.items()}
    left = total - sum(out.values())
    for k in sorted(raw, key=lambda k: raw[k] - out[k], reverse=True)[:left]:
        out[k] += 1
    return out


def _allocate(pool: list[str], n: int, rng: np.random.Generator) -> list[str]:
    """The topic of each question: domains by the ECO weights, topics evenly within a domain."""
    reg = registry()
    by_domain = {d: [t for t in pool if reg[t].eco_domain == d] for d in ECO_WEIGHTS}
    by_domain = {d: ts for d, ts in by_domain.items() if ts}
    quota = _largest_remainder(n, {d: ECO_WEIGHTS[d] for d in by_domain})
    # no topic more than twice its fair share of the pool, unless its domain has too few topics
    # to fill the domain's weight (People has fewer topics than Process): the exam's weights win
    cap = 2 * math.ceil(n / len(pool))
    room = {d: max(cap, math.ceil(quota[d] / len(ts))) * len(ts) for d, ts in by_domain.items()}
    while True:
        excess = sum(max(0, quota[d] - room[d]) for d in quota)
        if not excess:
            break
        quota = {d: min(q, room[d]) for d, q in quota.items()}
        open_ = {d: ECO_WEIGHTS[d] for d in quota if quota[d] < room[d]}
        for d, extra in _largest_remainder(excess, open_).items():
            quota[d] += extra
    plan: list[str] = []
    for d, ts in by_domain.items():
        order = [ts[int(i)] for i in rng.permutation(len(ts))]
        base, extra = divmod(quota[d], len(ts))
        for k, t in enumerate(order):
            plan += [t] * (base + (1 if k < extra else 0))
    return [plan[int(i)] for i in rng.permutation(len(plan))]


class MockExam(Sequence):
    """A mock exam: a sequence of :class:`~pmlib.practice.PracticeQuestion` (len, iteration, indexing).

    Attributes
    ----------
    id : str
        Names the exam in the progress file ('mock-20-0').
    plan : list of (topic, seed)
        What question ``i`` is: ``pm.practice.question(*exam.plan[i])`` rebuilds it.
    time_limit : float or None
        Minutes allowed (the PMP gives 230 minutes for 180 questions).
    """

    def __init__(self, plan: list[tuple[str, int]], *, seed: int, time_limit: float | None = None,
                 id: str = "", topics: list[str] | None = None):
        self.plan = list(plan)
        self.seed = seed
        self.time_limit = time_limit
        self.id = id or f"mock-{len(plan)}-{seed}"
        self.topics = list(topics or sorted({t for t, _ in plan}))
        self._questions: dict[int, PracticeQuestion] = {}
        self._recorded: set[int] = set()
        self.started: float | None = None
        self._clock = time.monotonic

    # -- sequence --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.plan)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if isinstance(i, bool) or not isinstance(i, int | np.integer):
            raise InputError(f"a mock exam is indexed by question number (0 to {len(self) - 1}), got {i!r}.")
        k = int(i) + (len(self) if i < 0 else 0)
        if not 0 <= k < len(self):
            raise IndexError(f"question {i} is out of range: this exam has {len(self)} questions (0 to {len(self) - 1}).")
        if k not in self._questions:
            topic, seed = self.plan[k]
            q = build(topic, seed)
            q.source, q.set, q._exam, q._index = "mock_exam", self.id, self, k
            self._questions[k] = q
        return self._questions[k]

    def __iter__(self):
        return (self[k] for k in range(len(self)))

    def __repr__(self):
        mix = ", ".join(f"{d} {int(c)}" for d, c in self.domain_mix()["asked"].items() if c)
        limit = f", {self.time_limit:g} min" if self.time_limit else ""
        return f"MockExam({self.id}: {len(self)} questions{limit}; {mix})"

    def _repr_html_(self):
        mix = self.domain_mix()
        rows = "".join(f"<tr><td>{html.escape(d)}</td><td>{int(r.asked)}</td><td>{r.share:.0%}</td>"
                       f"<td>{r.target:.0%}</td></tr>" for d, r in mix.iterrows())
        limit = f" · time limit {self.time_limit:g} min" if self.time_limit else ""
        return (f"<b>Mock exam {html.escape(self.id)}</b>: {len(self)} questions{limit}<br>"
                "<table><tr><th>ECO domain</th><th>questions</th><th>share</th><th>exam weight</th></tr>"
                f"{rows}</table>")

    # -- description -----------------------------------------------------------------------
    def table(self) -> pd.DataFrame:
        """One row per question: number (from 1), topic, title, eco_domain, exam, question id."""
        reg = registry()
        rows = [(k + 1, t, reg[t].title, reg[t].eco_domain, reg[t].exam, f"{t}#{s}")
                for k, (t, s) in enumerate(self.plan)]
        return pd.DataFrame(rows, columns=["number", "topic", "title", "eco_domain", "exam", "question"]
                            ).set_index("number")

    def domain_mix(self) -> pd.DataFrame:
        """Questions per PMP ECO domain: asked, share, and the exam's target weight."""
        reg = registry()
        counts = pd.Series([reg[t].eco_domain for t, _ in self.plan]).value_counts()
        asked = pd.Series({d: int(counts.get(d, 0)) for d in ECO_WEIGHTS}, name="asked")
        out = pd.DataFrame({"asked": asked, "share": asked / max(len(self), 1),
                            "target": pd.Series(ECO_WEIGHTS)})
        out.index.name = "eco_domain"
        return out

    # -- timing ----------------------------------------------------------------------------
    def start(self) -> None:
        """Start the clock (the widget does this when the exam is shown)."""
        self.started = self._clock()

    def elapsed(self) -> float:
        """Seconds since :meth:`start` (0 before)."""
        return 0.0 if self.started is None else self._clock() - self.started

    def remaining(self) -> float | None:
        """Seconds left within the time limit (None without a limit)."""
        if self.time_limit is None:
            return None
        return max(0.0, 60 * self.time_limit - self.elapsed())

    @property
    def expired(self) -> bool:
        """True once the time limit has passed."""
        left = self.remaining()
        return left is not None and left <= 0

    # -- scoring ---------------------------------------------------------------------------
    def _answers(self, answers) -> list:
        if isinstance(answers, str | bytes | dict) or not isinstance(answers, Iterable):
            raise InputError(f"answers must be a list with one answer per question ({len(self)}), None for a "
                             f"skipped one; got {type(answers).__name__}.")
        items = list(answers)
        if len(items) != len(self):
            raise InputError(f"answers has {len(items)} entries but the exam has {len(self)} questions: give one "
                             "answer per question, None for a skipped one.")
        return items

    def grade(self, answers) -> list[Feedback | None]:
        """Feedback for each answer (None where the answer is None: skipped). Records nothing.

        Only the answered questions are built (a skipped one needs no question to be wrong).
        """
        return [None if a is None else self[k].check(a, record=False)
                for k, a in enumerate(self._answers(answers))]

    def score(self, answers, *, marks: list | None = None) -> pd.DataFrame:
        """Score by topic: title, eco_domain, asked, correct, share (skipped and invalid answers count as wrong)."""
        marks = self.grade(answers) if marks is None else marks
        reg = registry()
        df = pd.DataFrame({"topic": [t for t, _ in self.plan],
                           "correct": [bool(m is not None and m.correct) for m in marks]})
        out = df.groupby("topic", sort=True)["correct"].agg(asked="size", correct="sum")
        out["correct"] = out["correct"].astype(int)
        out["share"] = out["correct"] / out["asked"]
        out.insert(0, "eco_domain", [reg[t].eco_domain for t in out.index])
        out.insert(0, "title", [reg[t].title for t in out.index])
        return out

    def score_by_domain(self, answers) -> pd.DataFrame:
        """Score by PMP ECO domain: asked, correct, share, and the domain's exam weight."""
        by_topic = self.score(answers)
        out = by_topic.groupby("eco_domain")[["asked", "correct"]].sum().reindex(list(ECO_WEIGHTS), fill_value=0)
        out["share"] = (out["correct"] / out["asked"].where(out["asked"] > 0)).astype(float)
        out["exam_weight"] = pd.Series(ECO_WEIGHTS)
        return out

    def weak_topics(self, answers, *, below: float = 0.7) -> list[str]:
        """Topics scored below ``below`` (a share), weakest first."""
        below = Real(ge=0, le=1).convert(below, "below")
        s = self.score(answers)
        weak = s[s["share"] < below].sort_values(["share", "asked"], ascending=[True, False])
        return weak.index.tolist()

    def practise_weak_topics(self, answers, *, n: int | None = None, seed: int | None = None,
                             below: float = 0.7) -> MockExam:
        """The next set: a new exam on this exam's weak topics (all its topics when none is weak)."""
        weak = self.weak_topics(answers, below=below) or sorted({t for t, _ in self.plan})
        n = Integer(ge=1, le=MAX_QUESTIONS).convert(n, "n") if n is not None else max(5, 2 * len(weak))
        seed = check_seed(seed, "seed") if seed is not None else self.seed + 1
        return mock_exam(n, topics=weak, seed=seed, time_limit=None, _id=f"weak-{n}-{seed}-{self.id}")

    def submit(self, answers) -> pd.DataFrame:
        """Score the exam and save each answer to the progress file (once per question); returns :meth:`score`."""
        marks = self.grade(answers)
        todo = [k for k in range(len(self)) if k not in self._recorded]
        _progress.record_many([{"source": "mock_exam", "set": self.id, "topic": self.plan[k][0],
                                "question": f"{self.plan[k][0]}#{self.plan[k][1]}",
                                "correct": bool(marks[k] is not None and marks[k].correct)} for k in todo])
        self._recorded.update(todo)
        return self.score(answers, marks=marks)

    def _record(self, k: int, correct: bool) -> None:
        if k in self._recorded:
            return
        topic, seed = self.plan[k]
        _progress.record(source="mock_exam", set=self.id, topic=topic, question=f"{topic}#{seed}", correct=correct)
        self._recorded.add(k)

    def report(self, answers, *, below: float = 0.7) -> str:
        """The score in words: total, by domain against the exam's weights, weak topics."""
        by_domain = self.score_by_domain(answers)
        total = int(by_domain["correct"].sum())
        lines = [f"Score: {total} / {len(self)} ({total / len(self):.0%})."]
        for d, r in by_domain.iterrows():
            if r.asked:
                lines.append(f"  {d}: {int(r.correct)} / {int(r.asked)} ({r.share:.0%}); {r.exam_weight:.0%} of the PMP")
        weak = self.weak_topics(answers, below=below)
        reg = registry()
        if weak:
            lines.append(f"Weak topics (below {below:.0%}): " + "; ".join(reg[t].title for t in weak) + ".")
            lines.append("Next: exam.practise_weak_topics(answers) builds a set on them.")
        else:
            lines.append(f"No topic below {below:.0%}.")
        return "\n".join(lines)


def mock_exam(n: int = 20, *, topics=None, seed: int = 0, time_limit: float | None = None, exam: str | None = None,
              _id: str = "") -> MockExam:
    """A mock exam of ``n`` questions, weighted like the PMP ECO domains (July 2026).

    Parameters
    ----------
    n : int
        Number of questions (1 to 10,000; the PMP has 180).
    topics : str or list of str, optional
        Topic ids or domains ('evm', 'finance.npv'); default every topic.
    seed : int
        Any whole number: the same seed gives the same exam.
    time_limit : float, optional
        Minutes allowed (the PMP: 230 for 180 questions, about 1.3 per question).
    exam : {'PMP', 'PgMP', 'PfMP'}, optional
        Keep only the topics tagged with this exam.

    Returns
    -------
    MockExam
        A sequence of questions; ``exam.score(answers)`` scores a list of answers by topic.

    >>> import pmlib as pm
    >>> exam = pm.practice.mock_exam(12, seed=3)
    >>> len(exam), exam[0].topic == exam.plan[0][0]
    (12, True)
    >>> int(exam.score([None] * 12)["correct"].sum())
    0
    """
    n = Integer(ge=1, le=MAX_QUESTIONS).convert(n, "n")
    seed = check_seed(seed, "seed")
    time_limit = Real(gt=0, allow_none=True).convert(time_limit, "time_limit")
    exam = Options("PMP", "PgMP", "PfMP", allow_none=True).convert(exam, "exam")
    pool = resolve_topics(topics)
    if exam is not None:
        reg = registry()
        pool = [t for t in pool if reg[t].exam == exam]
        if not pool:
            raise InputError(f"no topic of {topics!r} is tagged {exam}: widen topics or drop exam=.")
    entropy = [zlib.crc32(",".join(pool).encode()), n, 0 if seed >= 0 else 1, abs(seed)]
    rng = np.random.default_rng(entropy)
    chosen = _allocate(pool, n, rng)
    seeds = rng.integers(0, 2**31 - 1, size=n)
    plan = [(t, int(s)) for t, s in zip(chosen, seeds, strict=True)]
    everything = pool == sorted(registry()) and exam is None
    default_id = f"mock-{n}-{seed}" + ("" if everything else f"-{zlib.crc32(','.join(pool).encode()):08x}")
    return MockExam(plan, seed=seed, time_limit=time_limit, id=_id or default_id, topics=pool)


def weak_topics(*, below: float = 0.7, min_attempts: int = 1) -> pd.DataFrame:
    """Topics from the progress file, weakest first: attempts, correct, share, weak (share < ``below``).

    Exercise checks count too (their questions carry a topic). Only topics the practice engine
    knows are listed.
    """
    below = Real(ge=0, le=1).convert(below, "below")
    min_attempts = Integer(ge=1).convert(min_attempts, "min_attempts")
    reg = registry()
    df = _progress.progress()
    df = df[df["topic"].isin(list(reg))]
    out = df.groupby("topic")["correct"].agg(attempts="size", correct="sum")
    out = out[out["attempts"] >= min_attempts]
    out["correct"] = out["correct"].astype(int)
    out["share"] = out["correct"] / out["attempts"]
    out["weak"] = out["share"] < below
    out.insert(0, "title", [reg[t].title for t in out.index])
    return out.sort_values(["share", "attempts"], ascending=[True, False])


def practise_weak_topics(n: int = 10, *, seed: int = 0, below: float = 0.7) -> MockExam:
    """A set of ``n`` questions on the weak topics of the progress file (the three weakest when none is).

    Raises a ValueError when nothing has been recorded yet.
    """
    table = weak_topics(below=below)
    if table.empty:
        raise InputError("no practice is recorded yet: answer some questions (pm.practice.question(...).check(...)) "
                         "or take a mock exam first.")
    weak = table.index[table["weak"]].tolist() or table.index[:3].tolist()
    return mock_exam(n, topics=weak, seed=seed, _id=f"weak-{n}-{seed}")
