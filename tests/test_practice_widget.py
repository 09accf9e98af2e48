"""The exam-practice widget driven through its controls, in instant and end-of-exam feedback."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import pmlib as pm
from pmlib.widgets.practice import practice_quiz


@pytest.fixture(autouse=True)
def _own_progress_file(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    monkeypatch.setenv("PMLIB_PROGRESS", str(path))
    return path


def answer(d, i, value):
    d.controls["question"].value = i
    q = d.quiz.exam[i]
    if q.choices is None:
        d.controls["number"].value = str(value)
    else:
        d.controls["choice"].value = "ABCDE"[q.choices.index(value)] if value in q.choices else value


def test_instant_feedback_names_the_mistake_and_shows_the_solution(_own_progress_file):
    d = practice_quiz(6, topics=["evm", "finance"], seed=3)
    assert "question 1 of 6" in d.summary and "Answered 0 of 6" in d.summary
    for i, q in enumerate(d.quiz.exam):
        wrong = next(iter(q.misconceptions.values()))
        answer(d, i, wrong)
        assert "❌" in d.summary and "common mistake" in d.summary
        assert "Worked solution" in d.summary and q.explanation.splitlines()[-1] in d.summary
    assert "Answered 6 of 6, 0 correct so far" in d.summary
    # a checked question is locked
    answer(d, 0, d.quiz.exam[0].answer)
    assert "already checked" in d.summary and not d.quiz.marks[0].correct
    recs = json.loads(_own_progress_file.read_text())["records"]
    assert len(recs) == 6 and {r["source"] for r in recs} == {"mock_exam"}
    d.controls["finish"].value = True
    assert "Score: 0 / 6" in d.summary
    assert len(json.loads(_own_progress_file.read_text())["records"]) == 6   # nothing recorded twice


def test_correct_answers_and_navigation():
    d = practice_quiz(4, topics="finance", seed=1)
    for i, q in enumerate(d.quiz.exam):
        answer(d, i, q.answer if q.choices is not None else q.format(q.answer).replace(" years", ""))
        assert "✅ Correct" in d.summary, d.summary
    d.controls["question"].value = 2
    assert "question 3 of 4" in d.summary and "Your answer:" in d.summary
    assert "4 correct so far" in d.summary


def test_a_number_that_is_not_a_number():
    seed = next(s for s in range(50) if pm.practice.mock_exam(3, topics="evm.eac", seed=s)[0].choices is None)
    d = practice_quiz(3, topics="evm.eac", seed=seed)
    d.controls["number"].value = "about five hundred"
    assert "is not a number" in d.summary and d.quiz.answers[0] is None


def test_end_of_exam_feedback_reveals_nothing_until_the_end(_own_progress_file):
    d = practice_quiz(5, topics=["schedule", "risk"], seed=4, feedback="end")
    for i, q in enumerate(d.quiz.exam):
        answer(d, i, q.answer)
        assert "✅" not in d.summary and "Worked solution" not in d.summary and "❌" not in d.summary
        assert "feedback and the worked solutions come when you finish" in d.summary
    assert not _own_progress_file.exists()
    d.controls["finish"].value = True
    assert d.summary.startswith("Score: 5 / 5")
    assert "Score by topic" in d.last_view.table_html and "Score by ECO domain" in d.last_view.table_html
    assert "Worked solution" in d.summary
    assert len(json.loads(_own_progress_file.read_text())["records"]) == 5
    assert d.controls["choice"].disabled or d.controls["number"].disabled


def test_practise_weak_topics_builds_the_next_set():
    d = practice_quiz(4, topics=["evm", "finance"], seed=5)
    assert d.controls["practise_weak"].disabled
    first = d.quiz.exam
    d.controls["finish"].value = True        # nothing answered: every topic is weak
    assert not d.controls["practise_weak"].disabled
    d.controls["practise_weak"].value = True
    assert d.quiz.exam is not first and d.quiz.exam.id.startswith("weak-")
    assert {t for t, _ in d.quiz.exam.plan} <= {t for t, _ in first.plan}
    assert len(d.controls["question"].options) == len(d.quiz.exam) and d.controls["question"].value == 0
    assert not d.quiz.finished and d.controls["finish"].value is False
    assert "A new set on your weak topics" in d.summary


def test_time_limit_scores_the_exam_when_time_is_up():
    now = [0.0]
    d = practice_quiz(3, topics="finance", seed=2, time_limit=1, _clock=lambda: now[0])
    assert "time left 1:00" in d.summary
    now[0] = 30
    d.controls["question"].value = 1
    assert "time left 0:30" in d.summary
    now[0] = 61
    answer(d, 2, d.quiz.exam[2].answer)
    assert d.quiz.finished and d.summary.startswith("Time is up") and d.quiz.answers[2] is None


def test_works_for_every_topic():
    exam = pm.practice.mock_exam(len(pm.practice.topics()), seed=0)
    d = practice_quiz(mock=exam)
    for i in range(len(exam)):
        d.controls["question"].value = i
        assert f"question {i + 1} of {len(exam)}" in d.summary and d.error is None


def test_bad_settings():
    with pytest.raises(ValueError, match="feedback"):
        practice_quiz(3, feedback="never")
    with pytest.raises(ValueError, match="mock"):
        practice_quiz(mock=[1, 2])
    with pytest.raises(ValueError, match=r"\bn\b"):
        practice_quiz(0)


def test_score_figure_by_topic_and_domain():
    import matplotlib.pyplot as plt

    exam = pm.practice.mock_exam(10, topics=["evm", "finance"], seed=1)
    answers = [q.answer if q.topic.startswith("evm") else None for q in exam]
    fig, (top, bottom) = plt.subplots(2, 1, layout="constrained")
    assert pm.plots.exam_score(exam.score_by_domain(answers), ax=top) is top
    ax = pm.plots.exam_score(exam.score(answers), ax=bottom)
    assert ax.get_title().startswith("Mock exam score by topic")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == exam.score(answers).shape[0] and len(fig.legends) == 1
    assert ax.get_xlabel().startswith("share of questions")
    with pytest.raises(ValueError, match="score table"):
        pm.plots.exam_score(pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="no question asked"):
        pm.plots.exam_score(exam.score_by_domain(answers).iloc[[0]].assign(asked=0))
