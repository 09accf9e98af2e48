"""pm.practice's API: questions, checks, bad input, mock exams, scores and weak topics."""

from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pmlib as pm
from pmlib.practice._core import ECO_WEIGHTS, registry


@pytest.fixture(autouse=True)
def _own_progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv("PMLIB_PROGRESS", str(tmp_path / "progress.json"))


def numeric_question(topic="evm.eac"):
    for seed in range(100):
        q = pm.practice.question(topic, seed=seed)
        if q.choices is None:
            return q
    raise AssertionError("no numeric variant")


def choice_question(topic="evm.interpretation"):
    return pm.practice.question(topic, seed=0)


# ----------------------------------------------------------------------------------------
# questions and checks
# ----------------------------------------------------------------------------------------
def test_question_contract():
    q = numeric_question()
    assert isinstance(q.text, str) and q.choices is None and isinstance(q.answer, float)
    assert "EAC" in q.text and "=" in q.explanation
    fb = q.check(q.answer, record=False)
    assert fb.correct is True and fb.misconception is None and isinstance(fb.message, str) and bool(fb)
    c = choice_question()
    assert isinstance(c.choices, list) and c.answer in c.choices
    assert c.check(c.answer, record=False).correct


def test_numeric_answers_as_text():
    q = numeric_question()
    assert q.check(f"${q.answer:,.0f}", record=False).correct
    assert q.check(f"{q.answer:.0f}", record=False).correct
    f = numeric_question("finance.roi")                       # a fraction: "12.5 %" means 0.125
    assert f.check(f"{100 * f.answer:.2f} %", record=False).correct
    p = numeric_question("evm.percent_complete")              # asked in percent: "45 %" means 45
    assert p.unit == "percent" and p.check(f"{p.answer:.1f}%", record=False).correct


def test_choice_by_letter_or_text_case_insensitive():
    q = choice_question()
    k = q.choices.index(q.answer)
    letter = "ABCDE"[k]
    for text in (letter, letter.lower(), f"{letter})", q.answer.upper(), "  " + q.answer + " "):
        assert q.check(text, record=False).correct, text


def test_wrong_answers_name_the_mistake_without_the_value():
    q = numeric_question()
    for name, wrong in q.misconceptions.items():
        fb = q.check(wrong, record=False)
        assert fb.misconception == name and q.format(q.answer) not in fb.message
    off = next(q.answer * f for f in (1.37, 1.731, 2.9, 3.3)
               if not any(abs(q.answer * f - v) <= 2 * q._tol(v) for v in q.misconceptions.values()))
    fb = q.check(off, record=False)
    assert not fb.correct and fb.misconception is None and "too high" in fb.message
    assert q.format(q.answer) not in fb.message
    assert q.check(-q.answer, record=False).misconception  # sign slips are named too


def test_generic_slips_percent_and_thousands():
    f = numeric_question("finance.roi")
    assert "percentage" in f.check(100 * f.answer, record=False).misconception
    m = numeric_question("finance.present_value")
    assert "1,000" in m.check(m.answer / 1000, record=False).misconception


def test_invalid_answers_are_reported_not_raised():
    q, c = numeric_question(), choice_question()
    for bad in (None, "abc", [1, 2], {"a": 1}, True, float("nan"), object()):
        fb = q.check(bad, record=False)
        assert not fb.correct and not fb.valid, bad
    for bad in ("Z", 3, None, ["A"]):
        fb = c.check(bad, record=False)
        assert not fb.correct and not fb.valid and "choices" in fb.message


@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
                 st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)))
@settings(max_examples=150, deadline=None)
def test_check_never_raises(value):
    for q in (_NUM, _CHO):
        fb = q.check(value, record=False)
        assert isinstance(fb.correct, bool) and isinstance(fb.message, str)


_NUM = pm.practice.question("levels.communication_channels", seed=0)
_CHO = pm.practice.question("evm.interpretation", seed=3)


def test_display_shows_stem_and_choices_but_not_the_answer():
    c = choice_question()
    page = c._repr_html_()
    assert html.escape(c.text.split(":")[0]) in page and "<ol" in page
    assert "Answer:" not in page and c.explanation.splitlines()[0] not in page
    q = numeric_question()
    assert q.format(q.answer) not in q._repr_html_() and q.format(q.answer) not in str(q)
    assert q.id in repr(q)


# ----------------------------------------------------------------------------------------
# bad input
# ----------------------------------------------------------------------------------------
def test_unknown_topic_lists_the_known_ones():
    with pytest.raises(ValueError, match="evm.eac") as err:
        pm.practice.question("evm.cpi_typo")
    assert "finance.npv" in str(err.value) and "'evm.cpi_typo'" in str(err.value)
    with pytest.raises(ValueError, match="topic"):
        pm.practice.question(3)


@pytest.mark.parametrize("seed", [1.5, "3", True, None, float("nan"), float("inf"), [1]])
def test_non_integer_seed(seed):
    with pytest.raises(ValueError, match="seed"):
        pm.practice.question("evm.eac", seed=seed)


@given(st.integers(min_value=-(2**80), max_value=2**80))
@settings(max_examples=60, deadline=None)
def test_any_whole_seed_works(seed):
    q = pm.practice.question("finance.roi", seed=seed)
    assert q.id == f"finance.roi#{seed}" and q.check(q.answer, record=False).correct


def test_seed_given_as_a_whole_float_or_numpy_int():
    assert pm.practice.question("finance.roi", seed=3.0).text == pm.practice.question("finance.roi", seed=3).text
    assert pm.practice.question("finance.roi", seed=np.int64(3)).text == pm.practice.question("finance.roi", seed=3).text


@pytest.mark.parametrize("n", [0, -5, 2.5, "10", True, None, 10_001])
def test_bad_n(n):
    with pytest.raises(ValueError, match=r"\bn\b"):
        pm.practice.mock_exam(n)


@pytest.mark.parametrize("topics, match", [("evmx", "neither a practice topic"), ([], "empty"),
                                           ([3], "text"), (["evm", "nope.x"], "nope.x")])
def test_bad_topics(topics, match):
    with pytest.raises(ValueError, match=match):
        pm.practice.mock_exam(5, topics=topics)


def test_bad_time_limit_and_exam():
    with pytest.raises(ValueError, match="time_limit"):
        pm.practice.mock_exam(5, time_limit=0)
    with pytest.raises(ValueError, match="exam"):
        pm.practice.mock_exam(5, exam="CAPM")
    with pytest.raises(ValueError, match="PgMP"):
        pm.practice.mock_exam(5, topics="evm", exam="PgMP")


def test_answers_of_the_wrong_length_or_kind():
    exam = pm.practice.mock_exam(4, seed=1)
    with pytest.raises(ValueError, match="answers has 3 entries but the exam has 4"):
        exam.score([None] * 3)
    for bad in ("ABCD", {0: "A"}, 5):
        with pytest.raises(ValueError, match="answers"):
            exam.score(bad)


# ----------------------------------------------------------------------------------------
# mock exams
# ----------------------------------------------------------------------------------------
def test_mock_exam_is_a_sequence():
    exam = pm.practice.mock_exam(20, seed=0)
    assert len(exam) == 20 and len(list(exam)) == 20
    assert exam[0] is exam[0] and exam[-1] is exam[19]
    assert [q.id for q in exam[2:4]] == [exam[2].id, exam[3].id]
    with pytest.raises(IndexError):
        exam[20]
    with pytest.raises(ValueError):
        exam["1"]
    assert exam[3].id == f"{exam.plan[3][0]}#{exam.plan[3][1]}"
    again = pm.practice.question(*exam.plan[3][:1], seed=exam.plan[3][1])
    assert again.text == exam[3].text
    assert exam.table().shape == (20, 5) and exam.id == "mock-20-0"


def test_mock_exam_reproducible_and_varied():
    a, b, c = (pm.practice.mock_exam(15, seed=s) for s in (4, 4, 5))
    assert a.plan == b.plan and a.plan != c.plan
    assert [q.text for q in a] == [q.text for q in b]


def test_mock_exam_weights_follow_the_eco_where_topics_allow():
    # evm (Process) and finance (Business Environment) both have 9 topics: the mix is 41 : 26 exactly
    exam = pm.practice.mock_exam(67, topics=["evm", "finance"], seed=2)
    mix = exam.domain_mix()
    assert mix.loc["Process", "asked"] == 41 and mix.loc["Business Environment", "asked"] == 26
    assert mix.loc["People", "asked"] == 0
    assert mix["target"].to_dict() == ECO_WEIGHTS


def test_full_exam_follows_the_eco_weights_and_spreads_topics_within_a_domain():
    exam = pm.practice.mock_exam(180, seed=0)
    table = exam.table()
    counts = table["topic"].value_counts()
    assert counts.sum() == 180
    mix = exam.domain_mix()["asked"]
    # the PMP ECO of July 2026: People 33 %, Process 41 %, Business Environment 26 % of 180
    assert (mix["People"], mix["Process"], mix["Business Environment"]) == (59, 74, 47)
    cap = 2 * math.ceil(180 / len(registry()))
    for domain, group in table.groupby(table["topic"].map(lambda t: registry()[t].eco_domain)):
        per_topic = group["topic"].value_counts()
        # topics share their domain's questions evenly; a topic exceeds the pool-wide cap only
        # when its domain has too few topics to fill its weight
        assert per_topic.max() - per_topic.min() <= 1
        assert per_topic.max() <= max(cap, math.ceil(mix[domain] / len(per_topic)))
    assert set(counts.index) == set(registry())  # every topic appears in a full exam


@given(n=st.integers(min_value=1, max_value=80), seed=st.integers(min_value=-1000, max_value=1000))
@settings(max_examples=40, deadline=None)
def test_allocation_properties(n, seed):
    exam = pm.practice.mock_exam(n, seed=seed)
    counts = exam.table()["topic"].value_counts()
    domain_of = {t: v.eco_domain for t, v in registry().items()}
    asked = exam.domain_mix()["asked"]
    topics_in = pd.Series(domain_of).value_counts()
    for topic, count in counts.items():
        d = domain_of[topic]
        assert count <= max(2 * math.ceil(n / len(registry())), math.ceil(asked[d] / topics_in[d]))
    assert counts.sum() == n


def test_exam_filter_and_prefixes():
    exam = pm.practice.mock_exam(10, exam="PgMP", seed=1)
    assert {t for t, _ in exam.plan} <= {"program.rollup", "program.dependency", "program.benefits"}
    exam = pm.practice.mock_exam(6, topics=["evm.eac", "schedule"], seed=1)
    assert {t for t, _ in exam.plan} <= {"evm.eac"} | {t for t in registry() if t.startswith("schedule.")}


def test_score_by_topic_and_domain():
    exam = pm.practice.mock_exam(12, topics=["evm", "finance"], seed=7)
    right = [q.answer for q in exam]
    s = exam.score(right)
    assert list(s.columns) == ["title", "eco_domain", "asked", "correct", "share"]
    assert s["asked"].sum() == 12 and (s["share"] == 1).all()
    answers = [None if i % 3 == 0 else ("wrong" if i % 3 == 1 else q.answer) for i, q in enumerate(exam)]
    s = exam.score(answers)
    assert s["correct"].sum() == 4
    d = exam.score_by_domain(answers)
    assert d["asked"].sum() == 12 and d.loc["People", "asked"] == 0 and math.isnan(d.loc["People", "share"])
    assert "Score: 4 / 12" in exam.report(answers)


def test_weak_topics_and_the_next_set():
    exam = pm.practice.mock_exam(12, topics=["evm", "finance"], seed=7)
    answers = [q.answer if q.topic.startswith("finance") else None for q in exam]
    weak = exam.weak_topics(answers)
    assert weak and all(t.startswith("evm") for t in weak)
    nxt = exam.practise_weak_topics(answers, n=8)
    assert len(nxt) == 8 and {t for t, _ in nxt.plan} <= set(weak) and nxt.id.startswith("weak-")
    all_right = exam.practise_weak_topics([q.answer for q in exam])   # nothing weak: all its topics again
    assert {t for t, _ in all_right.plan} <= {t for t, _ in exam.plan}


def test_time_limit_with_a_clock():
    exam = pm.practice.mock_exam(5, seed=1, time_limit=2)
    now = [100.0]
    exam._clock = lambda: now[0]
    assert exam.remaining() == 120 and not exam.expired
    exam.start()
    now[0] += 90
    assert exam.remaining() == pytest.approx(30)
    now[0] += 31
    assert exam.expired and exam.remaining() == 0
    assert pm.practice.mock_exam(5).remaining() is None


def test_a_180_question_exam_builds_lazily():
    exam = pm.practice.mock_exam(180, seed=11)
    assert len(exam._questions) == 0
    exam[5]
    assert len(exam._questions) == 1


def test_an_exercise_draws_a_fresh_variant_from_its_topic(capsys):
    from pmlib.exercises import ExerciseSet, Numeric

    ns = {"__name__": "pmlib.exercises.demo"}
    ExerciseSet("demo", [Numeric("eac", answer=lambda: 1.0, topic="evm.eac")]).publish(ns)
    first, second = ns["q1"].new(), ns["q1"].new()
    assert first.topic == second.topic == "evm.eac" and first.seed != second.seed
    assert first.text in capsys.readouterr().out       # shown (printed outside Jupyter)
    assert ns["q1"].new(seed=5).text == pm.practice.question("evm.eac", seed=5).text
