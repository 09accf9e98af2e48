"""Every notebook and exercise notebook executes top to bottom; exercises pass with their answer key."""

from __future__ import annotations

import json

import nbformat
import pytest

from . import conftest
from ._nb import CHECK_CALL, EXERCISES, NOTEBOOKS, ROOT, execute, outputs_text, with_solutions

ALL = NOTEBOOKS + EXERCISES


def _id(path):
    return f"{path.parent.name}/{path.name}"


def test_there_are_notebooks():
    assert (ROOT / "notebooks" / "00_start_here.ipynb") in NOTEBOOKS


@pytest.mark.notebook
@pytest.mark.parametrize("path", ALL, ids=_id)
def test_notebook_executes(path):
    nb = nbformat.read(path, as_version=4)
    seconds = execute(nb, path.parent)
    conftest.NOTEBOOK_TIMES.append((_id(path), seconds))
    text = outputs_text(nb)
    assert "Traceback" not in text
    if path in EXERCISES:
        # untouched exercises report "not attempted", never an error
        assert "Not attempted yet" in text


@pytest.mark.notebook
@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_exercise_answer_key(path):
    nb = with_solutions(nbformat.read(path, as_version=4))
    seconds = execute(nb, path.parent)
    conftest.NOTEBOOK_TIMES.append((_id(path) + " (answer key)", seconds))
    assert outputs_text(nb).count("Correct") >= sum(
        bool(CHECK_CALL.search(c.source)) for c in nbformat.read(path, as_version=4).cells
    )


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_committed_with_outputs_cleared(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{_id(path)} cell {i} has outputs: clear them before committing"
            assert cell.get("execution_count") is None, f"{_id(path)} cell {i} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_id)
def test_course_notebook_structure(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0].source.lower()
    assert "learning objectives" in first or "who this course is for" in first, "start with learning objectives"
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged `parameters` (papermill)"
    assert "TODO" not in "\n".join(c.source for c in nb.cells)


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_exercise_notebook_structure(path):
    nb = nbformat.read(path, as_version=4)
    checks = [c for c in nb.cells if CHECK_CALL.search(c.source)]
    assert checks, "an exercise notebook has qN.check() cells"
    for cell in checks:
        assert "____" in cell.source, "the learner's cell starts with the ____ placeholder"
