"""Unlimited exam practice: questions whose answers are computed by pmlib, and mock exams.

::

    import pmlib as pm
    pm.practice.topics()                         # every topic, with its exam tags
    q = pm.practice.question("evm.eac", seed=7)  # the same (topic, seed) is always the same question
    q                                            # shows the stem (and the choices) in Jupyter
    q.check(585_000)                             # Feedback: correct? which named mistake gives that answer?
    print(q.explanation)                         # the worked solution
    exam = pm.practice.mock_exam(20, seed=1)     # weighted like the PMP ECO domains of July 2026
    exam.score(answers)                          # by topic: asked, correct, share

Every question is drawn from a seed: realistic numbers in a business setting (IT, construction,
retail, public sector, health care, ...), a plain-English stem, an answer computed **through
pmlib** (never typed), a worked explanation, and the wrong answers that named misconceptions
give (EAC = BAC x CPI, CV = AC - EV, PERT sd = (P - O) / 3, Excel's NPV convention, ...).
``check()`` names the misconception behind a wrong answer without revealing the right one, and
saves the attempt to the learner's progress file (:func:`progress`, outside the package).

Adding a topic
--------------
A topic is one registered function in the file of its domain, ``pmlib/practice/<domain>.py``
(a new domain is a new file: every module of this package whose name does not start with an
underscore is imported on first use, so its topics register themselves)::

    from .. import agile
    from ._core import Draw, numeric, topic

    @topic("agile.velocity", title="Velocity", exam="PMP", eco="Process", pmbok8="Schedule",
           lesson="08_agile_and_hybrid")
    def velocity(draw: Draw, points=None):
        points = points or [draw.integer(18, 34) for _ in range(draw.integer(4, 6))]
        answer = agile.velocity(points)["mean"]                      # through pmlib
        text = f"{draw.org().capitalize()} ... sprints completed {points} points. Average velocity?"
        how = f"Velocity = mean of the sprints = ... = {answer:.1f}"  # formula, numbers, result
        wrong = {"the last sprint only: velocity averages several sprints": float(points[-1])}
        return numeric(text, answer, how, unit="points", decimals=1, misconceptions=wrong,
                       data={"points": points}, as_choice=draw.chance(0.3), draw=draw)

* ``draw`` gives seeded numbers (``integer``, ``uniform``, ``grid``, ``amount``, ``pick``) and a
  business ``setting`` (``draw.org()``, ``draw.project()``, ``draw.setting.scale``).
* :func:`numeric` (a number) or :func:`choice` (multiple choice: the correct text and
  ``{wrong option: the misconception behind it}``) builds the question. Misconceptions are
  ``{what the mistake is, in words: the wrong value, computed through pmlib}``; those that
  coincide with the key are dropped, so a named mistake always names a wrong answer.
* Keyword arguments that fix the numbers (``points=`` above) let a test reproduce a published
  worked example through the generator.
* The tests (``tests/test_practice_topics.py``) then run every registered topic over hundreds
  of seeds: the key passes its own check, every misconception fails it and is named, the
  explanation shows the answer, seeds reproduce and vary the question. Register the id in the
  common list of topic ids, and tag it: ``exam`` (PMP / PgMP / PfMP), ``eco`` (People /
  Process / Business Environment), ``pmbok8`` (Governance, Scope, Schedule, Finance,
  Stakeholders, Resources, Risk) and the ``lesson`` that teaches it.
"""

from __future__ import annotations

import pandas as pd

from ._core import (
    ECO_WEIGHTS,
    PMBOK8_DOMAINS,
    Draw,
    Feedback,
    PracticeQuestion,
    build,
    check_topic,
    choice,
    numeric,
    registry,
    topic,
)
from ._progress import ProgressFileError, learner, progress, progress_path, set_learner
from .exam import MockExam, mock_exam, practise_weak_topics, weak_topics

__all__ = [
    "topics",
    "question",
    "mock_exam",
    "MockExam",
    "PracticeQuestion",
    "Feedback",
    "progress",
    "progress_path",
    "set_learner",
    "learner",
    "weak_topics",
    "practise_weak_topics",
    "ProgressFileError",
    "ECO_WEIGHTS",
    "PMBOK8_DOMAINS",
    "Draw",
    "topic",
    "numeric",
    "choice",
]


def topics() -> pd.DataFrame:
    """Every practice topic: topic (id), title, exam, eco_domain, pmbok8_domain, lesson.

    ``exam`` is PMP, PgMP or PfMP; ``eco_domain`` the domain of the PMP Examination Content
    Outline of July 2026 (People, Process, Business Environment); ``pmbok8_domain`` the PMBOK
    Guide 8th edition performance domain; ``lesson`` the notebook that teaches it.

    >>> import pmlib as pm
    >>> t = pm.practice.topics()
    >>> list(t.columns)
    ['topic', 'title', 'exam', 'eco_domain', 'pmbok8_domain', 'lesson']
    >>> "evm.eac" in set(t["topic"])
    True
    """
    rows = [(t.id, t.title, t.exam, t.eco_domain, t.pmbok8_domain, t.lesson) for t in registry().values()]
    return pd.DataFrame(sorted(rows), columns=["topic", "title", "exam", "eco_domain", "pmbok8_domain", "lesson"])


def question(topic: str, *, seed: int = 0) -> PracticeQuestion:
    """An exam-style question on ``topic``, the same for the same ``seed`` (any whole number).

    Returns a :class:`PracticeQuestion`: ``text``, ``choices`` (None for a numeric answer),
    ``answer``, ``explanation``, ``check(answer)`` -> :class:`Feedback`.

    >>> import pmlib as pm
    >>> q = pm.practice.question("levels.communication_channels", seed=1)
    >>> q.check(q.answer, record=False).correct
    True
    >>> pm.practice.question("evm.eac", seed=5).text == pm.practice.question("evm.eac", seed=5).text
    True
    """
    check_topic(topic)
    return build(topic, seed)
