"""The course settings switch: may ``solution()`` and ``hint()`` show their text here?

A trainer's handout (``python -m pmlib.trainer handout DEST``) writes a small JSON file,
``pmlib-course.json``, at the root of the students' copy of the course::

    {"format": "pmlib-course", "version": 1,
     "solutions": false, "hints": true, "solutions_from": "2026-12-15"}

pmlib looks for that file from the current working directory (a Jupyter kernel starts in the
notebook's folder) upwards, so one installed pmlib serves the trainer's own copy (no file:
everything on) and any number of students' copies. ``PMLIB_COURSE_SETTINGS`` names a
settings file explicitly (a JupyterHub can set it for every user).

Meaning of the keys (all optional):

- ``solutions`` (bool, default true): ``qN.solution()`` shows the solution code;
- ``solutions_from`` (ISO date ``YYYY-MM-DD``): solutions come back on from that day on,
  even when ``solutions`` is false (the day after the workshop, say);
- ``hints`` (bool, default true): ``qN.hint()`` shows the hints;
- ``message`` (text): a line the trainer wants learners to read when solutions are off.

``check()`` always works: feedback is the point of the exercises.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

FILENAME = "pmlib-course.json"
FORMAT = "pmlib-course"
ENV_VAR = "PMLIB_COURSE_SETTINGS"
_KEYS = {"format", "version", "solutions", "hints", "solutions_from", "message", "created"}


@dataclass(frozen=True)
class CourseSettings:
    """What a course copy allows; ``path`` is the file read, or None (the defaults)."""

    solutions: bool = True
    hints: bool = True
    solutions_from: _dt.date | None = None
    message: str = ""
    path: Path | None = None

    def solutions_on(self, today: _dt.date | None = None) -> bool:
        """True when ``solution()`` may show the solution (on, or the release date has come)."""
        if self.solutions:
            return True
        if self.solutions_from is None:
            return False
        return (today or _dt.date.today()) >= self.solutions_from

    def to_json(self) -> dict:
        """The JSON object written to ``pmlib-course.json``."""
        out = {"format": FORMAT, "version": 1, "solutions": self.solutions, "hints": self.hints}
        if self.solutions_from is not None:
            out["solutions_from"] = self.solutions_from.isoformat()
        if self.message:
            out["message"] = self.message
        return out


def _bool(data: dict, key: str, path: Path) -> bool:
    value = data.get(key, True)
    if not isinstance(value, bool):
        raise InputError(f"{path}: `{key}` must be true or false (JSON booleans), not {value!r}. "
                         f"Fix the file or delete it to turn everything on.")
    return value


def parse_date(value, where: str) -> _dt.date:
    """An ISO date ``YYYY-MM-DD`` (text or date) or a clear error naming ``where``."""
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(f"{where} must be a date written YYYY-MM-DD (e.g. 2026-12-15), not {value!r}.")


def read(path) -> CourseSettings:
    """Read and check one settings file; a broken file is an error naming it (never ignored)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read the course settings ({exc}). Fix the file, or delete it "
                         "to turn solutions and hints back on.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{path}: not a pmlib course settings file (expected a JSON object with "
                         f'"format": "{FORMAT}").')
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise InputError(f"{path}: unknown key(s) {unknown}; known keys: {sorted(_KEYS)}.")
    when = data.get("solutions_from")
    message = data.get("message", "")
    if not isinstance(message, str):
        raise InputError(f"{path}: `message` must be text, not {message!r}.")
    return CourseSettings(
        solutions=_bool(data, "solutions", path),
        hints=_bool(data, "hints", path),
        solutions_from=None if when is None else parse_date(when, f"{path}: `solutions_from`"),
        message=message,
        path=path,
    )


def find(start=None) -> Path | None:
    """The settings file that applies in ``start`` (default: the working directory), or None.

    ``$PMLIB_COURSE_SETTINGS`` wins when set; otherwise the nearest ``pmlib-course.json`` in
    ``start`` or one of its parents.
    """
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise InputError(f"{ENV_VAR} names {path}, which is not a file: fix or unset it.")
        return path
    here = Path(start if start is not None else os.getcwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / FILENAME
        if candidate.is_file():
            return candidate
    return None


def current(start=None) -> CourseSettings:
    """The settings in force for a notebook running in ``start`` (default: the working directory)."""
    path = find(start)
    return CourseSettings() if path is None else read(path)
