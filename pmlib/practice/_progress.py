"""A learner's progress across sessions: one small JSON file, outside the package and the course.

Every checked answer (a practice question, a mock exam question, an exercise's ``check()``)
adds one record. The file lives at ``$PMLIB_PROGRESS`` when that variable is set (``off``
disables recording), else ``~/.pmlib/progress.json``::

    {"format": "pmlib-progress", "version": 1, "learner": "alex",
     "records": [{"time": "2026-12-01T10:00:00", "source": "practice", "set": null,
                  "topic": "evm.eac", "question": "evm.eac#7", "correct": true}]}

``source`` is ``practice``, ``mock_exam`` or ``exercise``; ``set`` the exercise set or mock
exam id (null for single practice questions); ``question`` is ``q3`` for an exercise, else
``topic#seed`` (``pm.practice.question(topic, seed=seed)`` rebuilds it).

Writes are atomic (a temporary file renamed over the old one, under a lock where the system
has one), never drop earlier records, and a file that is not a progress file is reported, not
overwritten.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import tempfile
from pathlib import Path

from .._validate import Text
from ..errors import InputError

__all__ = ["ProgressFileError", "progress_path", "record", "record_many", "load", "progress", "set_learner", "learner"]

FORMAT = "pmlib-progress"
VERSION = 1
ENV = "PMLIB_PROGRESS"
SOURCES = ("practice", "mock_exam", "exercise")
_KEYS = ("time", "source", "set", "topic", "question", "correct")
_PACKAGE = Path(__file__).resolve().parent.parent


class ProgressFileError(InputError):
    """The progress file exists but is not a pmlib progress file (it is left untouched)."""


def progress_path() -> Path | None:
    """Where progress is saved: ``$PMLIB_PROGRESS`` (None when it is ``off``), else ``~/.pmlib/progress.json``."""
    value = os.environ.get(ENV)
    if value is not None and value.strip().lower() == "off":
        return None
    path = Path(value).expanduser() if value and value.strip() else Path.home() / ".pmlib" / "progress.json"
    resolved = path.resolve()
    if resolved == _PACKAGE or _PACKAGE in resolved.parents:
        raise ProgressFileError(f"{ENV} points inside the pmlib package ({path}): keep progress in your own folder.")
    return path


def _empty() -> dict:
    return {"format": FORMAT, "version": VERSION, "learner": "", "records": []}


def _check(data, path: Path) -> dict:
    where = f"the progress file {path}"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProgressFileError(f"{where} is not a pmlib progress file (no \"format\": \"{FORMAT}\"); it was left as "
                                "it is. Point PMLIB_PROGRESS at another file, or move this one away.")
    if data.get("version") != VERSION:
        raise ProgressFileError(f"{where} has version {data.get('version')!r}; this pmlib reads version {VERSION}. "
                                "Upgrade pmlib, or point PMLIB_PROGRESS at another file.")
    records = data.get("records")
    if not isinstance(records, list) or not isinstance(data.get("learner", ""), str):
        raise ProgressFileError(f"{where} is damaged (\"records\" must be a list, \"learner\" a text); it was left "
                                "as it is.")
    for i, rec in enumerate(records):
        if not isinstance(rec, dict) or any(k not in rec for k in _KEYS) or not isinstance(rec["correct"], bool):
            raise ProgressFileError(f"{where}: record {i} is damaged (it needs {', '.join(_KEYS)}); the file was "
                                    "left as it is.")
    return data


def _read(path: Path) -> dict:
    if not path.exists():
        return _empty()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProgressFileError(f"the progress file {path} is not valid JSON ({exc}); it was left as it is. Move it "
                                "away (or repair it) to start a new one.") from None
    return _check(data, path)


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644  # keep the file's permissions
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _locked(path: Path):
    """Hold an exclusive lock on ``<file>.lock`` while reading and rewriting (POSIX; elsewhere no lock)."""
    try:
        import fcntl
    except ImportError:  # Windows: atomic rename still keeps the file whole
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def record(*, source: str, set: str | None, topic: str | None, question: str, correct: bool) -> dict | None:
    """Append one record; returns it (None when recording is off)."""
    out = record_many([{"source": source, "set": set, "topic": topic, "question": question, "correct": correct}])
    return out[0] if out else None


def record_many(items: list[dict]) -> list[dict]:
    """Append several records in one rewrite of the file (a submitted mock exam); returns them."""
    for item in items:
        if item["source"] not in SOURCES:
            raise InputError(f"source = {item['source']!r} is not allowed: use one of {', '.join(SOURCES)}.")
    path = progress_path()
    if path is None or not items:
        return []
    now = _dt.datetime.now().isoformat(timespec="seconds")
    recs = [{"time": now, "source": i["source"], "set": i["set"], "topic": i["topic"] or None,
             "question": str(i["question"]), "correct": bool(i["correct"])} for i in items]
    with _locked(path):
        data = _read(path)
        data["records"].extend(recs)
        _write(path, data)
    return recs


def load() -> dict:
    """The whole progress file as a dict (an empty one when there is none yet or recording is off)."""
    path = progress_path()
    return _empty() if path is None else _read(path)


def progress():
    """Every recorded answer as a DataFrame: time, source, set, topic, question, correct.

    >>> import pmlib as pm
    >>> list(pm.practice.progress().columns)
    ['time', 'source', 'set', 'topic', 'question', 'correct']
    """
    import pandas as pd

    records = load()["records"]
    df = pd.DataFrame(records, columns=list(_KEYS))
    df["time"] = pd.to_datetime(df["time"], errors="coerce")
    df["correct"] = df["correct"].astype(bool)
    return df


def learner() -> str:
    """The learner's name saved in the progress file ('' when none)."""
    return load().get("learner", "")


def set_learner(name: str) -> None:
    """Save the learner's name in the progress file (a trainer's class results show it)."""
    name = Text(allow_empty=True).convert(name, "name").strip()
    path = progress_path()
    if path is None:
        raise InputError(f"recording is off ({ENV}=off): there is no progress file to name.")
    with _locked(path):
        data = _read(path)
        data["learner"] = name
        _write(path, data)
