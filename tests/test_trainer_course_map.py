"""The course map (README and 00_start_here) agrees with the lessons and the practice topics.

Each lesson's row names the exams, the PMP ECO domains (July 2026) and the PMBOK Guide 8th
edition performance domains that its learning objectives are tagged with, together with the tags
of its practice topics (``pm.practice.topics()``; lesson 10 practises all of them). A tag that a
row leaves out on purpose goes into ``LEFT_OUT`` with the reason.
"""

from __future__ import annotations

import re

import nbformat
import pytest

import pmlib as pm

from ._nb import ROOT

ECO = ("People", "Process", "Business Environment")
PMBOK = ("Governance", "Scope", "Schedule", "Finance", "Stakeholders", "Resources", "Risk")
EXAMS = ("PMP", "PgMP", "PfMP")
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))

#: {(lesson stem, tag): why the row does not carry it}; empty: every row carries all its tags.
LEFT_OUT: dict[tuple[str, str], str] = {}

_ITALIC = re.compile(r"(?<![*\w])\*(?!\*)([^*]+?)(?<!\*)\*(?![*\w])", re.S)


def _tags(text: str) -> dict[str, set[str]]:
    """The exams, ECO domains and PMBOK 8 domains a piece of text names."""
    eco = {d for d in ECO if re.search(rf"\b{d}\b", text)}
    pmbok = {d for d in PMBOK if re.search(rf"\b{d}\b", text)}
    exams = {e for e in ("PgMP", "PfMP") if e in text}
    if eco or re.search(r"\bPMP\b", text):
        exams.add("PMP")
    if "all three exams" in text or text.strip() == "all":
        exams |= set(EXAMS)
    return {"exams": exams, "eco": eco, "pmbok": pmbok}


def _union(parts) -> dict[str, set[str]]:
    out = {"exams": set(), "eco": set(), "pmbok": set()}
    for part in parts:
        for key, value in _tags(part).items():
            out[key] |= value
    return out


def objective_tags(nb) -> dict[str, set[str]]:
    """The tags of a lesson's learning objectives (first cell): the last italic span of each
    numbered objective, or the tag columns of an objectives table."""
    text = nb.cells[0].source
    assert "Learning objectives" in text, "the first cell states the learning objectives"
    text = text[text.index("Learning objectives"):]
    rows = [line for line in text.splitlines() if re.match(r"\|\s*\d+\s*\|", line)]
    if rows:  # | # | you can ... | PMP ECO | PMBOK 8 | also |
        return _union("|".join(row.split("|")[3:]) for row in rows)
    parts = []
    for item in re.split(r"\n(?=\d+\.\s)", "\n" + text):
        if re.match(r"\d+\.\s", item.strip()):
            found = _ITALIC.findall(item.strip().split("\n\n")[0])
            parts.append(found[-1] if found else "")
    assert parts, "the learning objectives are a numbered list or a table"
    return _union(parts)


def topic_tags(stem: str) -> dict[str, set[str]]:
    topics = pm.practice.topics()
    mine = topics if stem.startswith("10_") else topics[topics["lesson"] == stem]
    return {"exams": set(mine["exam"]), "eco": set(mine["eco_domain"]), "pmbok": set(mine["pmbok8_domain"])}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def map_rows(text: str) -> dict[str, dict[str, set[str]]]:
    """``{"01": {"exams": ..., "eco": ..., "pmbok": ...}}`` from a course-map table."""
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| #") and "PMP ECO" in line)
    names = _cells(lines[header])
    col = {key: next(i for i, n in enumerate(names) if word in n)
           for key, word in (("exams", "exams"), ("eco", "ECO"), ("pmbok", "PMBOK"))}
    rows = {}
    for line in lines[header + 2:]:
        if not line.startswith("|"):
            break
        cells = _cells(line)
        plain = [re.sub(r"\*\*|\([^)]*\)", "", c) for c in cells]
        rows[cells[0]] = {"exams": _tags(plain[col["exams"]])["exams"],
                          "eco": {d.strip() for d in plain[col["eco"]].split(",") if d.strip()},
                          "pmbok": {d.strip() for d in plain[col["pmbok"]].split(",") if d.strip()}}
    return rows


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def _start_here_map() -> str:
    """The course-map section of 00_start_here: its cells from the one holding the map's table to
    the next section heading."""
    nb = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "markdown"]
    first = next(i for i, text in enumerate(cells) if "PMP ECO domains" in text)
    section = [cells[first]]
    for text in cells[first + 1:]:
        if text.startswith("## "):
            break
        section.append(text)
    return "\n\n".join(section)


MAPS = {"README.md": _readme, "00_start_here": _start_here_map}


@pytest.mark.parametrize("where", MAPS)
def test_every_lesson_has_one_row(where):
    rows = map_rows(MAPS[where]())
    assert sorted(rows) == [p.stem[:2] for p in LESSONS], f"{where}: the map's rows are not the lessons"
    for number, row in rows.items():
        unknown = (row["eco"] - set(ECO)) | (row["pmbok"] - set(PMBOK))
        assert not unknown, f"{where}, lesson {number}: {sorted(unknown)} is not a PMP ECO or PMBOK 8 domain"


@pytest.mark.parametrize("where", MAPS)
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_row_agrees_with_objectives_and_practice_topics(where, lesson):
    row = map_rows(MAPS[where]())[lesson.stem[:2]]
    objectives = objective_tags(nbformat.read(lesson, as_version=4))
    topics = topic_tags(lesson.stem)
    for key, what in (("exams", "exams"), ("eco", "PMP ECO domains"), ("pmbok", "PMBOK 8 domains")):
        expected = objectives[key] | topics[key]
        missing = sorted(t for t in expected - row[key] if (lesson.stem, t) not in LEFT_OUT)
        extra = sorted(row[key] - expected)
        assert not missing, (
            f"{where}: the row of {lesson.stem} lacks {what} {missing}, which its learning objectives "
            f"{sorted(objectives[key])} or its practice topics {sorted(topics[key])} name: add them to the "
            "row (or to LEFT_OUT in this test, with the reason)")
        assert not extra, (
            f"{where}: the row of {lesson.stem} names {what} {extra} that neither its learning objectives "
            f"{sorted(objectives[key])} nor its practice topics {sorted(topics[key])} do")


def test_every_practice_topic_belongs_to_a_lesson_of_the_map():
    lessons = {p.stem for p in LESSONS}
    topics = pm.practice.topics()
    assert set(topics["lesson"]) <= lessons, sorted(set(topics["lesson"]) - lessons)


def _paragraph(text: str, start: str) -> str:
    at = text.index(start)
    end = text.find("\n\n", at)
    return text[at:end if end > 0 else None]


@pytest.mark.parametrize("where", MAPS)
def test_business_environment_sentence_names_every_lesson_that_teaches_it(where):
    text = MAPS[where]()
    sentence = _paragraph(text, "Where Business Environment is taught" if where != "README.md"
                          else "**Business Environment** (26 %")
    rows = map_rows(text)
    for number, row in rows.items():
        if "Business Environment" in row["eco"] and number != "00":
            assert re.search(rf"\b{number}\s+\(", sentence), (
                f"{where}: lesson {number} trains Business Environment but the sentence on where it is "
                f"taught does not name it: {sentence!r}")
    for number in re.findall(r"\b(\d\d)\s+\(", sentence):
        assert "Business Environment" in rows[number]["eco"], f"{where}: lesson {number} is not tagged BE"


@pytest.mark.parametrize("where", MAPS)
def test_both_suggested_paths_reach_the_new_lessons(where):
    text = MAPS[where]()
    known = {p.stem[:2] for p in LESSONS}
    for path in ("PMP numbers path", "PgMP / PfMP path"):
        line = _paragraph(text, f"**{path}**").split("\n- ")[0]
        named = set(re.findall(r"\b(\d\d)\b", line))
        assert {"08", "09", "10"} <= named, f"{where}: the {path} does not include {sorted({'08', '09', '10'} - named)}"
        assert named <= known, f"{where}: the {path} names lessons that do not exist: {sorted(named - known)}"
