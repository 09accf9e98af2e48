"""The progress file: exact format, atomic writes, nothing lost, corrupt files left alone."""

from __future__ import annotations

import json
import os
import stat
import threading
import warnings

import pytest

import pmlib as pm
from pmlib.exercises import ExerciseSet, Numeric
from pmlib.practice import _progress as P

KEYS = ["time", "source", "set", "topic", "question", "correct"]


@pytest.fixture
def path(tmp_path, monkeypatch):
    p = tmp_path / "learner" / "progress.json"
    monkeypatch.setenv("PMLIB_PROGRESS", str(p))
    return p


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_practice_check_writes_the_documented_format(path):
    q = pm.practice.question("evm.eac", seed=3)
    q.check(q.answer)
    data = read(path)
    assert list(data) == ["format", "version", "learner", "records"]
    assert data["format"] == "pmlib-progress" and data["version"] == 1 and data["learner"] == ""
    (rec,) = data["records"]
    assert list(rec) == KEYS
    assert rec["source"] == "practice" and rec["set"] is None and rec["topic"] == "evm.eac"
    assert rec["question"] == "evm.eac#3" and rec["correct"] is True
    assert len(rec["time"]) == 19 and rec["time"][10] == "T"   # 2026-12-01T10:00:00


def test_records_accumulate_and_the_dataframe_reads_them(path):
    q = pm.practice.question("finance.roi", seed=1)
    q.check(q.answer)
    q.check(q.answer * 3)
    q.check("not a number")          # not an attempt: not recorded
    q.check(q.answer, record=False)  # asked not to record
    df = pm.practice.progress()
    assert list(df.columns) == KEYS and len(df) == 2
    assert df["correct"].tolist() == [True, False] and str(df["time"].dtype).startswith("datetime64")
    assert not [f for f in os.listdir(path.parent) if f.endswith(".tmp")]  # no temporary file left behind


def test_mock_exam_records_once_per_question(path):
    exam = pm.practice.mock_exam(5, topics="finance", seed=2)
    exam[0].check(exam[0].answer)          # checked during the exam (the widget's instant mode)
    exam[0].check("whatever")              # a second try does not count twice
    answers = [q.answer for q in exam]
    exam.submit(answers)
    exam.submit(answers)                   # submitting again adds nothing
    recs = read(path)["records"]
    assert len(recs) == 5
    assert {r["source"] for r in recs} == {"mock_exam"} and {r["set"] for r in recs} == {exam.id}
    assert sorted(r["question"] for r in recs) == sorted(q.id for q in exam)


def test_exercise_checks_record_their_set_and_question(path):
    ns = {"__name__": "pmlib.exercises.earned_value"}
    ExerciseSet("EV", [Numeric("cpi", answer=lambda: 0.9, topic="evm.indices")]).publish(ns)
    q1 = ns["q1"]
    q1.check({})                       # not attempted: nothing recorded
    q1.check({"cpi": "zero"})          # wrong type: nothing recorded
    q1.check({"cpi": 0.5})
    q1.check({"cpi": 0.9})
    recs = read(path)["records"]
    assert [(r["source"], r["set"], r["topic"], r["question"], r["correct"]) for r in recs] == [
        ("exercise", "earned_value", "evm.indices", "q1", False), ("exercise", "earned_value", "evm.indices", "q1", True)]


def test_recording_off(tmp_path, monkeypatch):
    monkeypatch.setenv("PMLIB_PROGRESS", "off")
    q = pm.practice.question("finance.roi", seed=1)
    assert q.check(q.answer).correct
    assert pm.practice.progress_path() is None and pm.practice.progress().empty
    with pytest.raises(ValueError, match="off"):
        pm.practice.set_learner("alex")


def test_default_location_is_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("PMLIB_PROGRESS", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert pm.practice.progress_path() == tmp_path / ".pmlib" / "progress.json"


def test_never_inside_the_package(monkeypatch):
    monkeypatch.setenv("PMLIB_PROGRESS", os.path.join(os.path.dirname(pm.__file__), "progress.json"))
    with pytest.raises(ValueError, match="inside the pmlib package"):
        pm.practice.progress_path()
    q = pm.practice.question("finance.roi", seed=1)
    with pytest.warns(UserWarning, match="progress not recorded"):
        assert q.check(q.answer).correct


@pytest.mark.parametrize("content", ["{not json", json.dumps({"format": "other"}), json.dumps([1, 2]),
                                     json.dumps({"format": "pmlib-progress", "version": 2, "records": []}),
                                     json.dumps({"format": "pmlib-progress", "version": 1, "learner": "",
                                                 "records": [{"time": "x"}]})])
def test_a_corrupt_file_is_reported_and_left_alone(path, content):
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    before = path.read_bytes()
    q = pm.practice.question("finance.roi", seed=1)
    with pytest.warns(UserWarning, match=str(path.name)):
        fb = q.check(q.answer)
    assert fb.correct                                   # practice goes on
    assert path.read_bytes() == before                  # the file is untouched
    with pytest.raises(pm.practice.ProgressFileError, match="left as it is|version"):
        pm.practice.progress()
    with pytest.raises(ValueError):
        pm.practice.set_learner("alex")
    assert path.read_bytes() == before


def test_learner_name(path):
    pm.practice.set_learner("  Alex Rivera ")
    assert pm.practice.learner() == "Alex Rivera" and read(path)["learner"] == "Alex Rivera"
    q = pm.practice.question("finance.roi", seed=1)
    q.check(q.answer)
    assert read(path)["learner"] == "Alex Rivera" and len(read(path)["records"]) == 1
    with pytest.raises(ValueError, match="name"):
        pm.practice.set_learner(42)


def test_file_permissions_are_kept(path):
    pm.practice.set_learner("a")
    os.chmod(path, 0o640)
    pm.practice.question("finance.roi", seed=1).check(0.1)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_concurrent_writers_lose_nothing(path):
    def work(k):
        for i in range(25):
            P.record(source="practice", set=None, topic="finance.roi", question=f"finance.roi#{k}-{i}",
                     correct=bool(i % 2))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    recs = read(path)["records"]
    assert len(recs) == 100 and len({r["question"] for r in recs}) == 100


def test_weak_topics_from_progress_and_the_next_set(path):
    with pytest.raises(ValueError, match="no practice is recorded"):
        pm.practice.practise_weak_topics()
    for seed in range(4):
        q = pm.practice.question("evm.tcpi", seed=seed)
        q.check("0")
        r = pm.practice.question("finance.roi", seed=seed)
        r.check(r.answer)
    # an exercise recorded under an id the engine does not know (a retired or misspelt topic) is left out
    P.record(source="exercise", set="x", topic="agile.retired_topic", question="q1", correct=False)
    table = pm.practice.weak_topics()
    assert table.index.tolist() == ["evm.tcpi", "finance.roi"]
    assert table.loc["evm.tcpi", "weak"] and not table.loc["finance.roi", "weak"]
    nxt = pm.practice.practise_weak_topics(6, seed=1)
    assert len(nxt) == 6 and {t for t, _ in nxt.plan} == {"evm.tcpi"}


def test_bad_source_is_refused(path):
    with pytest.raises(ValueError, match="source"):
        P.record(source="quiz", set=None, topic=None, question="x", correct=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not path.exists()
