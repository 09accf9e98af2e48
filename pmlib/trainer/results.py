"""``results DIR``: a class's progress files -> tables per learner and per topic, and a chart.

Learners' progress files are written by :mod:`pmlib.practice` (``$PMLIB_PROGRESS``, else
``~/.pmlib/progress.json``) in this format::

    {"format": "pmlib-progress", "version": 1, "learner": "<name or empty>",
     "records": [{"time": "2026-12-01T10:00:00", "source": "practice" | "mock_exam" | "exercise",
                  "set": "<exercise set or mock exam id, or null>", "topic": "<topic id or null>",
                  "question": "<q3, or topic#seed>", "correct": true}]}

A trainer collects them in one folder (one file per learner, any file names, subfolders
allowed). Every ``*.json`` file of that format counts (the learner is the file's ``learner``,
else the file's name); other files are listed as ignored; a broken progress file is named
with what is wrong with it, and the others are still read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError
from . import _course

FORMAT = "pmlib-progress"
SOURCES = {"practice", "mock_exam", "exercise"}
_RECORD_KEYS = {"time", "source", "set", "topic", "question", "correct"}


@dataclass
class ClassResults:
    """What ``results`` found: every answer, the two class tables, and notes on the files."""

    records: pd.DataFrame
    by_learner: pd.DataFrame
    by_topic: pd.DataFrame
    files: list[Path] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    def report(self) -> str:
        lines = [f"{len(self.files)} progress file(s), {len(self.by_learner)} learner(s), "
                 f"{len(self.records)} answer(s)"]
        if not self.by_learner.empty:
            lines += ["", "Per learner:", _table(self.by_learner)]
        if not self.by_topic.empty:
            lines += ["", "Per topic (weakest first):", _table(self.by_topic)]
        if self.ignored:
            lines += ["", "Ignored (not pmlib progress files):"] + [f"  {x}" for x in self.ignored]
        if self.broken:
            lines += ["", "Could not read (fix or ask the learner to send it again):"] + [f"  {x}" for x in self.broken]
        return "\n".join(lines)


def _table(df: pd.DataFrame) -> str:
    shown = df.copy()
    if "share" in shown:
        shown["share"] = shown["share"].map(lambda s: f"{s:.0%}")
    return shown.to_string(index=False)


def _check_record(rec, i: int) -> dict:
    if not isinstance(rec, dict):
        raise InputError(f"record {i} is not an object")
    missing = sorted({"source", "question", "correct"} - set(rec))
    if missing:
        raise InputError(f"record {i} lacks {missing}")
    if rec["source"] not in SOURCES:
        raise InputError(f"record {i}: source {rec['source']!r} is not one of {sorted(SOURCES)}")
    if not isinstance(rec["correct"], bool):
        raise InputError(f"record {i}: correct must be true or false, not {rec['correct']!r}")
    for key in ("set", "topic", "question", "time"):
        value = rec.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"record {i}: {key} must be text or null, not {value!r}")
    return {k: rec.get(k) for k in _RECORD_KEYS}


def read_progress(path) -> tuple[str, list[dict]]:
    """``(learner, records)`` of one progress file; ``InputError`` naming the file if it is broken,
    ``None`` learner when the file is JSON of another kind (not a progress file)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path.name}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None, []
    if data.get("version") != 1:
        raise InputError(f"{path.name}: progress format version {data.get('version')!r}; this pmlib reads version 1")
    records = data.get("records")
    if not isinstance(records, list):
        raise InputError(f"{path.name}: `records` must be a list")
    try:
        checked = [_check_record(r, i) for i, r in enumerate(records)]
    except InputError as exc:
        raise InputError(f"{path.name}: {exc}") from None
    learner = data.get("learner")
    learner = learner.strip() if isinstance(learner, str) and learner.strip() else path.stem
    return learner, checked


def collect(folder) -> ClassResults:
    """Read every progress file under ``folder`` and build the class tables."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise InputError(f"DIR {folder} is not a folder: give the folder holding the learners' progress files.")
    rows, files, ignored, broken = [], [], [], []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = str(path.relative_to(folder))
        if path.suffix.lower() != ".json":
            ignored.append(rel)
            continue
        try:
            learner, records = read_progress(path)
        except (InputError, OSError) as exc:
            broken.append(f"{rel}: {str(exc).removeprefix(f'{path.name}: ')}")
            continue
        if learner is None:
            ignored.append(rel)
            continue
        files.append(path)
        rows += [dict(r, learner=learner, file=rel) for r in records]
    columns = ["learner", "file", "time", "source", "set", "topic", "question", "correct"]
    records = pd.DataFrame(rows, columns=columns)
    records["topic"] = records["topic"].where(records["topic"].notna(),
                                              "(exercise " + records["set"].fillna("?") + ")")
    records["correct"] = records["correct"].astype(bool)
    return ClassResults(records, _by_learner(records), _by_topic(records), files, ignored, broken)


def _by_learner(records: pd.DataFrame) -> pd.DataFrame:
    if records.empty:
        return pd.DataFrame(columns=["learner", "answered", "correct", "share", "topics", "weakest_topic"])
    g = records.groupby("learner")
    out = pd.DataFrame({"answered": g.size(), "correct": g["correct"].sum().astype(int),
                        "topics": g["topic"].nunique()})
    out["share"] = out["correct"] / out["answered"]
    per = records.groupby(["learner", "topic"])["correct"].agg(["mean", "size"]).reset_index()
    per = per.sort_values(["learner", "mean", "size", "topic"], ascending=[True, True, False, True])
    out["weakest_topic"] = per.groupby("learner")["topic"].first()
    return out.reset_index()[["learner", "answered", "correct", "share", "topics", "weakest_topic"]]


def _by_topic(records: pd.DataFrame) -> pd.DataFrame:
    if records.empty:
        return pd.DataFrame(columns=["topic", "asked", "correct", "share", "learners"])
    g = records.groupby("topic")
    out = pd.DataFrame({"asked": g.size(), "correct": g["correct"].sum().astype(int),
                        "learners": g["learner"].nunique()})
    out["share"] = out["correct"] / out["asked"]
    out = out.reset_index().sort_values(["share", "asked", "topic"], ascending=[True, False, True])
    return out[["topic", "asked", "correct", "share", "learners"]].reset_index(drop=True)


def results(folder, *, out=None, top: int = 10, excel=None) -> ClassResults:
    """Print the class tables of the progress files under ``folder``; write them with a chart.

    Parameters
    ----------
    folder : path
        The folder of submissions (read only).
    out : path, optional
        A new or empty folder for ``by_learner.csv``, ``by_topic.csv`` and
        ``weakest_topics.png``; nothing is written when it is None.
    top : int
        How many of the weakest topics the chart shows.
    excel : path, optional
        A new ``.xlsx`` workbook (written with :func:`pmlib.io.write_excel`, which never replaces a
        file): sheets "by learner", "by topic" (shares as percentages) and "answers" (every
        answer read), and the weakest-topics chart on a sheet of its own.

    Both destinations are checked before anything is written, and neither may lie inside the
    course repository.

    Returns
    -------
    ClassResults
    """
    found = collect(folder)
    print(found.report())
    if out is None and excel is None:
        return found
    try:
        course = _course.find_course()
    except ValueError:
        course = None
    workbook = _check_workbook(excel, course) if excel is not None else None
    dest = _course.prepare_dest(out, course or Path(folder).expanduser().resolve()) if out is not None else None
    chart = None
    if not found.by_topic.empty:
        from ..plots.trainer import weakest_topics

        chart = weakest_topics(found.by_topic, n=top)
    try:
        if dest is not None:
            written = _course.Written(dest)
            for name, table in (("by_learner.csv", found.by_learner), ("by_topic.csv", found.by_topic)):
                table.to_csv(dest / name, index=False)
                written.add(dest / name)
            if chart is not None:
                chart.figure.savefig(dest / "weakest_topics.png", dpi=120)
                written.add(dest / "weakest_topics.png")
            print()
            print(written.report("results"))
        if workbook is not None:
            from ..io import write_excel

            write_excel({"by learner": found.by_learner, "by topic": found.by_topic, "answers": found.records},
                        workbook, figures={"weakest topics": chart} if chart is not None else None,
                        formats={"share": "percent"})
            print()
            print(f"results: wrote {workbook} (sheets: by learner, by topic, answers"
                  + (", weakest topics chart)" if chart is not None else ")"))
    finally:
        if chart is not None:
            import matplotlib.pyplot as plt

            plt.close(chart.figure)
    return found


def _check_workbook(path, course: Path | None) -> Path:
    """The workbook ``--excel`` names, refused before anything is written when it exists, is not
    an ``.xlsx`` file, has no folder, or lies inside the course repository."""
    path = Path(path).expanduser().resolve()
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"--excel {path.name}: give a workbook name ending in .xlsx.")
    if path.exists():
        raise InputError(f"--excel {path} already exists: nothing was written. Give a new file name "
                         "(results never replaces a file).")
    if not path.parent.is_dir():
        raise InputError(f"--excel {path}: the folder {path.parent} does not exist; create it first.")
    if course is not None and course in path.parents:
        raise InputError(f"--excel {path} is inside the course folder {course}: the trainer commands never "
                         "write into the repository. Give a path outside it.")
    return path
