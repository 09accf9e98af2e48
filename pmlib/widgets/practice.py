"""Widget of the exam-practice lesson: take a quiz or a mock exam one question at a time."""

from __future__ import annotations

import time

import ipywidgets as W

from .. import practice
from .._validate import Options
from ..errors import InputError
from ..practice._core import _LETTERS, _parse_number
from ._base import Dashboard, View

__all__ = ["practice_quiz"]

FEEDBACK = ("instant", "end")


def _clock_text(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m:d}:{s:02d}"


class _Quiz:
    """The state behind the dashboard: the exam, the answers, and what has been checked."""

    def __init__(self, exam: practice.MockExam, feedback: str, clock=time.monotonic):
        self.feedback = feedback
        self.clock = clock
        self.dash: Dashboard | None = None
        self.syncing = False
        self.message = ""
        self._load(exam)

    def _load(self, exam: practice.MockExam) -> None:
        self.exam = exam
        exam._clock = self.clock
        exam.start()
        self.answers: list = [None] * len(exam)
        self.marks: list = [None] * len(exam)  # Feedback once checked (instant mode) or scored
        self.finished = False
        self.timed_out = False
        self.score = None

    # -- events -----------------------------------------------------------------------------
    def answer(self, i: int, value) -> None:
        """The learner answered question ``i`` with ``value`` (a letter or the text typed)."""
        self.message = ""
        if self._time_up():
            return
        if self.finished:
            self.message = "The exam is finished: answers can no longer change."
            return
        if self.feedback == "instant" and self.marks[i] is not None:
            self.message = "This question is already checked: move on to the next one."
            return
        q = self.exam[i]
        if q.choices is None and _parse_number(value, q.percent or q.unit == "percent") is None:
            self.message = f"{value!r} is not a number: type a number such as 0.82, 1250 or 12 %, then press Enter."
            return
        self.answers[i] = value
        if self.feedback == "instant":
            self.marks[i] = q.check(value)  # records the attempt once in the progress file

    def finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        self.score = self.exam.submit(self.answers)  # records what instant mode has not recorded yet
        self.marks = self.exam.grade(self.answers)
        by_domain = self.exam.score_by_domain(self.answers)
        self.report = self.exam.report(self.answers)
        self.tables = ("<h4 style='margin:6px 0'>Score by ECO domain</h4>" + by_domain.to_html(float_format="{:.2f}".format)
                       + "<h4 style='margin:6px 0'>Score by topic</h4>" + self.score.to_html(float_format="{:.2f}".format))

    def _time_up(self) -> bool:
        if not self.finished and self.exam.expired:
            self.finish()
            self.timed_out = True
            return True
        return False

    # -- view -------------------------------------------------------------------------------
    def render(self, question: int, choice=None, number="", finish=False, practise_weak=False) -> View:
        self._time_up()
        i = int(question)
        q = self.exam[i]
        n = len(self.exam)
        left = self.exam.remaining()
        timing = f" · time left {_clock_text(left)}" if left is not None and not self.finished else ""
        head = (f"{self.exam.id} · question {i + 1} of {n} · {q.title} "
                f"({q.exam} · ECO {q.eco_domain} · PMBOK 8 {q.pmbok8_domain}){timing}")
        lines = [head, "", q.text]
        if q.choices is not None:
            lines += [f"  {_LETTERS[k]}. {c}" for k, c in enumerate(q.choices)]
        given = self.answers[i]
        mark = self.marks[i]
        lines.append("")
        if given is None:
            lines.append("Your answer: (none yet)" + ("" if self.finished else
                         (" - choose an option above." if q.choices is not None else " - type it and press Enter.")))
        else:
            lines.append(f"Your answer: {given}")
        if mark is not None:
            lines.append(str(mark))
        if (mark is not None and self.feedback == "instant") or self.finished:
            lines += ["", "Worked solution:", q.explanation]
        if self.message:
            lines += ["", self.message]
        answered = sum(a is not None for a in self.answers)
        if self.finished:
            over = "Time is up: the exam was scored when its time limit passed.\n" if self.timed_out else ""
            lines = [over + self.report, "", *lines]
            return View("\n".join(lines), None, self.tables)
        status = f"Answered {answered} of {n}"
        if self.feedback == "instant":
            right = sum(bool(m is not None and m.correct) for m in self.marks)
            status += f", {right} correct so far"
        else:
            status += "; feedback and the worked solutions come when you finish"
        lines += ["", status + "."]
        return View("\n".join(lines), None, "")


def practice_quiz(n: int = 10, *, topics=None, seed: int = 0, feedback: str = "instant",
                  time_limit: float | None = None, mock: practice.MockExam | None = None,
                  _clock=time.monotonic) -> Dashboard:
    """Take a quiz or a mock exam one question at a time, with a timer and the worked solutions.

    Controls: ``question`` (which question is shown), ``choice`` (the option picked, for a
    multiple-choice question), ``number`` (the number typed, for a numeric one; press Enter),
    ``finish`` (score the exam) and ``practise_weak`` (after finishing: a new set on the weak
    topics). With ``feedback="instant"`` each answer is checked at once, the named mistake and the
    worked solution shown; with ``"end"`` nothing is revealed until the exam is finished. Every
    answer is saved to the progress file (:func:`pmlib.practice.progress`).

    Parameters
    ----------
    n, topics, seed, time_limit
        As :func:`pmlib.practice.mock_exam` (``time_limit`` in minutes; a bar shows the time
        passing and the exam is scored when it runs out).
    feedback : {"instant", "end"}
    mock : MockExam, optional
        An exam built already (then ``n``, ``topics``, ``seed`` and ``time_limit`` are not used).

    Examples
    --------
    >>> d = practice_quiz(3, topics="evm", seed=1)
    >>> d.controls["question"].value = 1
    >>> d.summary.splitlines()[0].split(" · ")[1]
    'question 2 of 3'
    """
    feedback = Options(*FEEDBACK).convert(feedback, "feedback")
    exam = mock if mock is not None else practice.mock_exam(n, topics=topics, seed=seed, time_limit=time_limit)
    if not isinstance(exam, practice.MockExam):
        raise InputError(f"mock must be a MockExam (pm.practice.mock_exam(...)), got {type(exam).__name__}.")
    quiz = _Quiz(exam, feedback, clock=_clock)

    def question_options(ex):
        return [(f"{k + 1} / {len(ex)}", k) for k in range(len(ex))]

    wide = W.Layout(width="95%")
    controls = {
        "question": W.Dropdown(options=question_options(exam), value=0, description="Question"),
        "choice": W.RadioButtons(options=[], value=None, description="Your answer", layout=wide),
        "number": W.Text(value="", description="Your answer", placeholder="a number, e.g. 0.82, 1250 or 12 %; Enter",
                         continuous_update=False, layout=W.Layout(width="420px")),
        "finish": W.ToggleButton(value=False, description="Finish and score", button_style="warning",
                                 layout=W.Layout(width="170px")),
        "practise_weak": W.ToggleButton(value=False, description="Practise my weak topics", disabled=True,
                                        layout=W.Layout(width="210px")),
    }
    c = controls

    def show_question(i: int) -> None:
        """Put question i's options and the learner's answer into the controls (no redraw)."""
        q = quiz.exam[i]
        quiz.syncing = True
        try:
            with quiz.dash.hold() if quiz.dash is not None else _nothing():
                if q.choices is not None:
                    c["choice"].options = [(f"{_LETTERS[k]}. {text}", _LETTERS[k]) for k, text in enumerate(q.choices)]
                    c["choice"].value = quiz.answers[i]
                    c["choice"].layout.display = None
                    c["number"].layout.display = "none"
                else:
                    c["choice"].options = []
                    c["choice"].layout.display = "none"
                    c["number"].value = "" if quiz.answers[i] is None else str(quiz.answers[i])
                    c["number"].layout.display = None
                locked = quiz.finished or (quiz.feedback == "instant" and quiz.marks[i] is not None)
                c["choice"].disabled = c["number"].disabled = locked
                c["finish"].disabled = quiz.finished
                c["practise_weak"].disabled = not quiz.finished
        finally:
            quiz.syncing = False

    def on_question(change):
        if not quiz.syncing:
            quiz.message = ""
            show_question(int(change["new"]))

    def on_answer(change):
        if quiz.syncing or change["new"] in (None, ""):
            return
        i = int(c["question"].value)
        quiz.answer(i, change["new"])
        show_question(i)

    def on_finish(change):
        if quiz.syncing or not change["new"]:
            return
        quiz.finish()
        show_question(int(c["question"].value))

    def on_weak(change):
        if quiz.syncing or not change["new"]:
            return
        nxt = quiz.exam.practise_weak_topics(quiz.answers)
        nxt.time_limit = quiz.exam.time_limit
        quiz._load(nxt)
        quiz.message = f"A new set on your weak topics: {', '.join(nxt.topics)}."
        quiz.syncing = True
        try:
            with quiz.dash.hold():
                c["question"].options = question_options(nxt)
                c["question"].value = 0
                c["finish"].value = False
                c["practise_weak"].value = False
        finally:
            quiz.syncing = False
        show_question(0)
        restart_timer()

    # our observers first: they update the state, then the dashboard's own observer redraws once
    c["question"].observe(on_question, names="value")
    c["choice"].observe(on_answer, names="value")
    c["number"].observe(on_answer, names="value")
    c["finish"].observe(on_finish, names="value")
    c["practise_weak"].observe(on_weak, names="value")

    show_question(0)
    title = "Exam practice" + (" (mock exam)" if len(exam) >= 20 else "")
    dash = Dashboard(controls, quiz.render, title=title, columns=1)
    quiz.dash = dash
    dash.quiz = quiz  # tests and notebooks read the state: answers, marks, score

    # a timer drawn by the browser: the bar fills as the time limit passes (the kernel's clock decides)
    bar = W.IntProgress(value=0, min=0, max=1, description="Time used", layout=W.Layout(width="420px"))
    play = W.Play(value=0, min=0, max=1, interval=1000, layout=W.Layout(display="none"))
    W.jslink((play, "value"), (bar, "value"))

    def restart_timer():
        limit = quiz.exam.time_limit
        bar.layout.display = play.layout.display = "none"
        if limit:
            seconds = int(60 * limit)
            bar.max = play.max = seconds
            play.value = 0
            bar.layout.display = None
            play.playing = True

    restart_timer()
    nav_prev = W.Button(description="< Previous", layout=W.Layout(width="110px"))
    nav_next = W.Button(description="Next >", layout=W.Layout(width="110px"))

    def step(delta):
        def go(_button):
            k = int(c["question"].value) + delta
            if 0 <= k < len(quiz.exam):
                c["question"].value = k
        return go

    nav_prev.on_click(step(-1))
    nav_next.on_click(step(1))
    header, *rest = dash.children
    dash.children = (header, W.HBox([c["question"], nav_prev, nav_next, bar, play]), c["choice"], c["number"],
                     W.HBox([c["finish"], c["practise_weak"]]), *rest[len(controls):])
    return dash


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

