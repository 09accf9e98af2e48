"""``python -m pmlib.trainer``: handout, answer keys, slides, lesson HTML, class results.

Every command runs on temporary folders; nothing here writes into the repository.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import pmlib as pm
from pmlib.exercises import _settings
from pmlib.trainer import _render, answer_key, formulas, handout, lesson_html, results, slides
from pmlib.trainer.answer_key import exercise_sets

from ._nb import ROOT, execute, outputs_text


def _has_reveal() -> bool:
    from pmlib.trainer.slides import reveal_dir

    try:
        reveal_dir()
        return True
    except ValueError:
        return False


needs_reveal = pytest.mark.skipif(
    not _has_reveal(), reason="reveal.js not installed (optional extra `trainer`: pip install -e '.[trainer]')")


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A copy of the course (lessons, exercises, data): the commands read it, never the repo."""
    root = tmp_path_factory.mktemp("course")
    for name in ("notebooks", "exercises", "datasets"):
        shutil.copytree(ROOT / name, root / name)
    return root


def _run_cli(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pmlib.trainer", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=600)


# -- the solutions switch ----------------------------------------------------------------------------

def test_settings_default_everything_on(tmp_path, monkeypatch):
    monkeypatch.delenv(_settings.ENV_VAR, raising=False)
    s = _settings.current(tmp_path)
    assert s.solutions and s.hints and s.path is None and s.solutions_on()


def test_settings_found_from_a_subfolder_upwards(tmp_path, monkeypatch):
    monkeypatch.delenv(_settings.ENV_VAR, raising=False)
    (tmp_path / _settings.FILENAME).write_text(json.dumps(
        {"format": "pmlib-course", "version": 1, "solutions": False, "hints": False,
         "solutions_from": "2026-12-16"}))
    deep = tmp_path / "exercises" / "sub"
    deep.mkdir(parents=True)
    s = _settings.current(deep)
    assert s.path == tmp_path / _settings.FILENAME
    assert not s.hints
    assert not s.solutions_on(dt.date(2026, 12, 15))
    assert s.solutions_on(dt.date(2026, 12, 16))  # the release day itself


def test_settings_env_var_wins(tmp_path, monkeypatch):
    other = tmp_path / "hub.json"
    other.write_text(json.dumps({"format": "pmlib-course", "solutions": False}))
    monkeypatch.setenv(_settings.ENV_VAR, str(other))
    assert _settings.current(tmp_path).path == other
    monkeypatch.setenv(_settings.ENV_VAR, str(tmp_path / "missing.json"))
    with pytest.raises(ValueError, match="PMLIB_COURSE_SETTINGS"):
        _settings.current(tmp_path)


@pytest.mark.parametrize("content, words", [
    ("{not json", "cannot read"),
    (json.dumps({"solutions": False}), "not a pmlib course settings file"),
    (json.dumps({"format": "pmlib-course", "solutions": "no"}), "true or false"),
    (json.dumps({"format": "pmlib-course", "solutions_from": "16/12/2026"}), "YYYY-MM-DD"),
    (json.dumps({"format": "pmlib-course", "solution": False}), "unknown key"),
])
def test_a_broken_settings_file_is_an_error_naming_it(tmp_path, monkeypatch, content, words):
    monkeypatch.delenv(_settings.ENV_VAR, raising=False)
    path = tmp_path / _settings.FILENAME
    path.write_text(content)
    with pytest.raises(ValueError, match=words) as err:
        _settings.current(tmp_path)
    assert str(path) in str(err.value)


def test_solution_and_hint_follow_the_switch(tmp_path, monkeypatch, capsys):
    from pmlib.exercises.start_here import q1

    monkeypatch.delenv(_settings.ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    q1.solution()
    assert "n_candidates" in capsys.readouterr().out  # no settings file: the solution shows
    (tmp_path / _settings.FILENAME).write_text(json.dumps(_settings.CourseSettings(
        solutions=False, hints=False, solutions_from=dt.date(2999, 1, 1), message="Ask me at the break.").to_json()))
    q1.solution()
    out = capsys.readouterr().out
    assert "turned solutions off" in out and "01 January 2999" in out and "Ask me at the break." in out
    assert "n_candidates =" not in out
    q1.hint()
    out = capsys.readouterr().out
    assert "turned hints off" in out and "status" not in out
    # the release date has passed: solutions are back
    (tmp_path / _settings.FILENAME).write_text(json.dumps(
        {"format": "pmlib-course", "solutions": False, "solutions_from": "2000-01-01"}))
    q1.solution()
    assert "n_candidates =" in capsys.readouterr().out


# -- handout -----------------------------------------------------------------------------------------

def test_handout_writes_a_student_copy(course, tmp_path, capsys):
    dest = tmp_path / "class"
    files = handout(dest, course=course, solutions_from="2026-12-16", message="Ask me.")
    out = capsys.readouterr().out
    assert f"wrote {len(files)} file(s)" in out and "pmlib-course.json" in out
    for nb_path in list((course / "notebooks").glob("*.ipynb")) + list((course / "exercises").glob("*.ipynb")):
        copy = dest / nb_path.parent.name / nb_path.name
        assert copy.is_file(), copy
        nb = nbformat.read(copy, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert (dest / "datasets" / "README.md").is_file() and (dest / "datasets" / "projects.csv").is_file()
    settings = _settings.read(dest / _settings.FILENAME)
    assert not settings.solutions and settings.hints and settings.solutions_from == dt.date(2026, 12, 16)
    assert settings.message == "Ask me."


def test_handout_refuses_a_non_empty_dest_and_the_repository(course, tmp_path):
    dest = tmp_path / "full"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine")
    with pytest.raises(ValueError, match="not empty"):
        handout(dest, course=course)
    assert sorted(p.name for p in dest.iterdir()) == ["keep.txt"]
    with pytest.raises(ValueError, match="inside the course"):
        handout(course / "out", course=course)
    assert not (course / "out").exists()
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        handout(tmp_path / "bad-date", course=course, solutions_from="tomorrow")


@pytest.mark.notebook
def test_handout_exercises_run_with_solutions_off_and_checks_on(course, tmp_path):
    dest = tmp_path / "students"
    handout(dest, course=course, hints=False)
    path = dest / "exercises" / "01_levels_of_management.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("exec(q1.solution_code, globals())\nq1.check()"))
    nb.cells.append(nbformat.v4.new_code_cell("q1.solution()"))
    nb.cells.append(nbformat.v4.new_code_cell("q2.hint()"))
    execute(nb, path.parent)
    text = outputs_text(nb)
    assert "Traceback" not in text
    assert "Not attempted yet" in text  # untouched questions: check() works
    assert "✅ Correct" in text          # a right answer is accepted
    assert "turned solutions off" in text and "turned hints off" in text
    from pmlib.exercises.levels_of_management import q1

    shown = "".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in nb.cells[-2].outputs)
    assert "turned solutions off" in shown and q1.solution_code not in shown


# -- answer keys -------------------------------------------------------------------------------------

def test_answer_key_holds_every_question_and_solution(course, tmp_path, capsys):
    dest = tmp_path / "keys"
    files = answer_key(dest, course=course)
    assert "answer-key: wrote" in capsys.readouterr().out
    sets = exercise_sets()
    assert len(files) == len(sets) + 1 and (dest / "index.html").is_file()
    pages = {p.name: p.read_text(encoding="utf-8") for p in files}
    for name, ex in sets.items():
        page = next(text for text in pages.values() if f"Answer key: {html.escape(ex.title)}<" in text)
        for q in ex:
            assert f"id='{q.name}'" in page
            assert html.escape(q.solution_code) in page, f"{name} {q.name}: solution missing"
            if q.explanation:
                assert "Explanation." in page
        assert not _render.remote_references(page)
    key = pages["04_schedule.html"] if "04_schedule.html" in pages else next(iter(pages.values()))
    assert "<script" not in key  # printable and inert


def test_answer_keys_and_handouts_cover_every_exercise_notebook(course, tmp_path, capsys):
    """Every notebook in exercises/ (08 and 09 included) gets an answer key with each question's
    statement, and goes into the students' copy."""
    from pmlib.trainer.answer_key import _notebook_for, _statements

    notebooks = sorted(p.name for p in (course / "exercises").glob("*.ipynb"))
    assert {"08_agile_and_hybrid.ipynb", "09_contracts_and_quality.ipynb"} <= set(notebooks)
    keys = {p.stem for p in answer_key(tmp_path / "keys", course=course)}
    assert {Path(n).stem for n in notebooks} <= keys
    for name, ex in exercise_sets().items():
        notebook = _notebook_for(name, course)
        assert notebook is not None, f"exercise set {name}: no notebook imports it"
        statements = _statements(notebook)
        assert all(statements.get(q.name, "").strip() for q in ex), f"{notebook.name}: a question without its statement"
    copied = handout(tmp_path / "class", course=course)
    capsys.readouterr()
    assert set(notebooks) <= {p.name for p in copied if p.parent.name == "exercises"}


def test_answer_key_answers_come_from_the_checks(course, tmp_path):
    from pmlib.exercises.start_here import EXERCISES

    page = (answer_key(tmp_path / "k", course=course)[0].parent / "00_start_here.html").read_text()
    n = int((pm.datasets.load("projects")["status"] == "candidate").sum())
    assert f"{n}</div>" in page or f": {n}" in page
    assert EXERCISES[2].answer in page  # the biggest program, as the check computes it


# -- slides ------------------------------------------------------------------------------------------

def _tagged(nb):
    """A lesson with slide metadata: headings start slides, one fragment, one note, one skip."""
    nb = nbformat.from_dict(nb)
    for i, cell in enumerate(nb.cells):
        kind = "-"
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            kind = "slide"
        if i == 1:
            kind = "fragment"
        cell.metadata["slideshow"] = {"slide_type": kind}
    nb.cells.insert(2, nbformat.v4.new_markdown_cell("SPEAKER NOTE: ask the room first.",
                                                     metadata={"slideshow": {"slide_type": "notes"}}))
    nb.cells.insert(3, nbformat.v4.new_markdown_cell("SKIPPED CELL", metadata={"slideshow": {"slide_type": "skip"}}))
    nb.cells.append(nbformat.v4.new_markdown_cell("## Your turn\nOpen the exercises.",
                                                  metadata={"slideshow": {"slide_type": "subslide"}}))
    return nb


@needs_reveal
def test_slides_follow_the_slideshow_metadata(course):
    nb = _tagged(nbformat.read(course / "notebooks" / "04_schedule.ipynb", as_version=4))
    page, count = _deck(nb)
    assert count > 3
    assert "SKIPPED CELL" not in page
    assert "<aside class='notes'>" in page and "SPEAKER NOTE" in page
    assert "class='fragment'" in page
    assert "Your turn" in page
    assert page.count("<section>") >= count
    assert not _render.remote_references(page)
    assert "Reveal.initialize" in page


def _deck(nb):
    from pmlib.trainer.slides import render_deck

    return render_deck(nb, "test")


@needs_reveal
def test_slides_of_every_lesson_offline(course, tmp_path, capsys):
    dest = tmp_path / "slides"
    files = slides(dest, course=course, execute=False)
    out = capsys.readouterr().out
    lessons = sorted((course / "notebooks").glob("*.ipynb"))
    assert len(files) == len(lessons)
    for lesson, path in zip(lessons, files, strict=True):
        page = path.read_text(encoding="utf-8")
        n = int(out.split(f"{lesson.name}: ")[1].split(" slides")[0])
        assert n > 1, f"{lesson.name}: only {n} slide"
        assert not _render.remote_references(page), lesson.name


@needs_reveal
@pytest.mark.notebook
def test_executed_slides_carry_figures_and_widget_snapshots(course, tmp_path):
    files = slides(tmp_path / "s", course=course, notebooks=["00_start_here"])
    page = files[0].read_text(encoding="utf-8")
    assert "data:image/png;base64," in page  # the widget's chart, drawn from its saved state
    assert "25 projects, total budget" in page
    assert not _render.remote_references(page)


def test_slides_name_unknown_lessons(course, tmp_path):
    with pytest.raises(ValueError, match="no lesson named"):
        slides(tmp_path / "x", course=course, notebooks=["99_nothing"])


def test_missing_reveal_names_the_extra(monkeypatch, tmp_path):
    monkeypatch.setenv("PMLIB_REVEAL_DIR", str(tmp_path))
    monkeypatch.setattr("importlib.resources.files", lambda name: (_ for _ in ()).throw(ModuleNotFoundError(name)))
    from pmlib.trainer.slides import reveal_dir

    with pytest.raises(ValueError, match=r"\.\[trainer\]"):
        reveal_dir()


# -- printable lessons -------------------------------------------------------------------------------

@pytest.mark.notebook
def test_lesson_html_keeps_figures_and_widget_state(course, tmp_path):
    files = lesson_html(tmp_path / "print", course=course, notebooks=["00_start_here"])
    page = files[0].read_text(encoding="utf-8")
    assert "25 projects, total budget" in page      # the widget's text, not a blank
    assert "<b>Program</b>: All programs" in page   # its controls' settings
    assert "data:image/png;base64," in page
    assert not _render.remote_references(page)
    assert not any((course / "notebooks").glob("*.html"))  # ran in a scratch copy
    # on paper code and text wrap between words: neither cut off at the margin nor broken mid-word
    style = page[page.rindex("<style>"):]
    assert ".jp-OutputArea-output pre { word-break: normal;" in style
    assert "@media print { .jp-InputArea-editor pre, .jp-OutputArea-output pre { white-space: pre-wrap;" in style


def test_widget_snapshot_from_saved_state():
    state = {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_dd", "IPY_MODEL_txt", "IPY_MODEL_img",
                                                                    "IPY_MODEL_sl"]}},
        "dd": {"model_name": "DropdownModel", "state": {"description": "Program", "_options_labels": ["All", "PG-HOME"],
                                                        "index": 1}},
        "txt": {"model_name": "HTMLModel", "state": {"value": "<pre>5 projects</pre>"}},
        "img": {"model_name": "ImageModel", "state": {"format": "png"},
                "buffers": [{"path": ["value"], "data": "iVBORw0KGgo=", "encoding": "base64"}]},
        "sl": {"model_name": "FloatSliderModel", "state": {"description": "Rate", "value": 0.08}},
    }
    out = _render.widget("box", state)
    assert "<b>Program</b>: PG-HOME" in out and "5 projects" in out and "<b>Rate</b>: 0.08" in out
    assert "data:image/png;base64,iVBORw0KGgo=" in out
    assert _render.widget("missing", state) == ""


# -- class results -----------------------------------------------------------------------------------

def _progress(learner, records):
    return json.dumps({"format": "pmlib-progress", "version": 1, "learner": learner, "records": records})


def _rec(topic, correct, source="practice", set_=None, question="q1"):
    return {"time": "2026-12-01T10:00:00", "source": source, "set": set_, "topic": topic,
            "question": question, "correct": correct}


@pytest.fixture
def submissions(tmp_path):
    folder = tmp_path / "submissions"
    (folder / "group-b").mkdir(parents=True)
    (folder / "ana.json").write_text(_progress("Ana", [_rec("evm.eac", True), _rec("evm.eac", False),
                                                       _rec("finance.npv", True)]))
    (folder / "group-b" / "ben.json").write_text(_progress("", [_rec("evm.eac", False), _rec("finance.npv", True),
                                                                _rec(None, True, "exercise", "earned_value", "q3")]))
    (folder / "notes.txt").write_text("not a progress file")
    (folder / "other.json").write_text(json.dumps({"hello": 1}))
    (folder / "broken.json").write_text('{"format": "pmlib-progress", "version": 1, "records": [{"source": "x"}]')
    (folder / "bad-record.json").write_text(_progress("Cy", [{"source": "practice", "question": "q", "correct": "yes"}]))
    return folder


def test_results_tables_per_learner_and_topic(submissions, capsys):
    found = results(submissions)
    out = capsys.readouterr().out
    learners = found.by_learner.set_index("learner")
    assert set(learners.index) == {"Ana", "ben"}  # no learner name: the file's name
    assert learners.loc["Ana", "answered"] == 3 and learners.loc["Ana", "correct"] == 2
    assert learners.loc["Ana", "weakest_topic"] == "evm.eac"
    topics = found.by_topic.set_index("topic")
    assert topics.loc["evm.eac", "asked"] == 3 and topics.loc["evm.eac", "correct"] == 1
    assert topics.loc["evm.eac", "learners"] == 2
    assert found.by_topic.iloc[0]["topic"] == "evm.eac"  # weakest first
    assert "(exercise earned_value)" in topics.index
    assert sorted(found.ignored) == ["notes.txt", "other.json"]
    assert any(b.startswith("broken.json: not valid JSON") for b in found.broken)
    assert any(b.startswith("bad-record.json: record 0") for b in found.broken)
    assert "Per learner:" in out and "Per topic (weakest first):" in out and "broken.json" in out


def test_results_writes_tables_and_chart(submissions, tmp_path, capsys):
    out_dir = tmp_path / "class-results"
    results(submissions, out=out_dir, top=5)
    assert sorted(p.name for p in out_dir.iterdir()) == ["by_learner.csv", "by_topic.csv", "weakest_topics.png"]
    assert (out_dir / "weakest_topics.png").read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(ValueError, match="not empty"):
        results(submissions, out=out_dir)
    with pytest.raises(ValueError, match="not a folder"):
        results(tmp_path / "nowhere")


def test_results_to_excel_through_write_excel(submissions, course, tmp_path, capsys, monkeypatch):
    from openpyxl import load_workbook

    book = tmp_path / "class.xlsx"
    found = results(submissions, excel=book, top=5)
    assert f"results: wrote {book}" in capsys.readouterr().out
    wb = load_workbook(book)
    assert wb.sheetnames == ["by learner", "by topic", "answers", "weakest topics"]
    rows = list(wb["by learner"].values)
    assert rows[0] == ("learner", "answered", "correct", "share", "topics", "weakest_topic")
    assert {r[0]: r[1:3] for r in rows[1:]} == {"Ana": (3, 2), "ben": (3, 2)}
    topics = list(wb["by topic"].values)
    assert [r[0] for r in topics[1:]] == list(found.by_topic["topic"])  # weakest first, as printed
    assert wb["by topic"]["D2"].number_format.endswith("%")            # shares as percentages
    assert len(list(wb["answers"].values)) == len(found.records) + 1
    assert len(wb["weakest topics"]._images) == 1                       # the chart
    # never replaces a file; a refused destination stops everything before anything is written
    before = book.read_bytes()
    out_dir = tmp_path / "csv"
    with pytest.raises(ValueError, match="already exists"):
        results(submissions, excel=book, out=out_dir)
    assert book.read_bytes() == before and not out_dir.exists()
    with pytest.raises(ValueError, match=r"ending in \.xlsx"):
        results(submissions, excel=tmp_path / "class.csv")
    with pytest.raises(ValueError, match="does not exist"):
        results(submissions, excel=tmp_path / "no-folder" / "class.xlsx")
    monkeypatch.chdir(course)
    with pytest.raises(ValueError, match="inside the course"):
        results(submissions, excel=course / "class.xlsx")
    assert not (course / "class.xlsx").exists()


def test_weakest_topics_plot_checks_its_input():
    import pandas as pd

    with pytest.raises(ValueError, match="lacks column"):
        pm.plots.weakest_topics(pd.DataFrame({"topic": ["a"]}))
    ax = pm.plots.weakest_topics(pd.DataFrame({"topic": ["a", "b"], "asked": [4, 2], "correct": [1, 2],
                                               "share": [0.25, 1.0]}), n=1)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a"]


# -- the command line --------------------------------------------------------------------------------

def test_cli_handout_and_refusal(course, tmp_path):
    dest = tmp_path / "cli-class"
    done = _run_cli("handout", dest, "--course", course, "--no-hints", "--solutions-from", "2026-12-16")
    assert done.returncode == 0, done.stderr
    assert "handout: wrote" in done.stdout and "hints off" in done.stdout
    again = _run_cli("handout", dest, "--course", course)
    assert again.returncode == 2 and "not empty" in again.stderr


def test_cli_results_and_formulas(submissions, course, tmp_path):
    done = _run_cli("results", submissions)
    assert done.returncode == 0 and "Per topic" in done.stdout
    book = tmp_path / "cli.xlsx"
    done = _run_cli("results", submissions, "--excel", book, "--top", "3")
    assert done.returncode == 0 and book.is_file() and f"wrote {book}" in done.stdout, done.stderr
    again = _run_cli("results", submissions, "--excel", book)
    assert again.returncode == 2 and "already exists" in again.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run_cli("results", empty).returncode == 1
    sheet = _run_cli("formulas", tmp_path / "sheet", "--course", course)
    assert sheet.returncode == 0, sheet.stderr
    assert (tmp_path / "sheet" / "formulas.md").read_text() == formulas.sheet()
