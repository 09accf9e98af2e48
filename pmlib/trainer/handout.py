"""``handout DEST``: the students' copy of the course, with solutions switched off."""

from __future__ import annotations

import datetime as _dt
import json
import shutil
from pathlib import Path

import nbformat

from ..exercises import _settings
from . import _course

STUDENT_README = """# {title}

Your copy of the pmlib course. Open `notebooks/00_start_here.ipynb` first.

- Lessons: `notebooks/` ({n_lessons} notebooks), in teaching order.
- Exercises: `exercises/` ({n_exercises} notebooks). Replace `____` with your answer and run
  `q1.check()`. {hints_line}
- Data: `datasets/` (the tables and their dictionary, `datasets/README.md`).

{solutions_line}
"""


def handout(dest, *, course=None, hints: bool = True, solutions_from=None, message: str = "") -> list[Path]:
    """Write a student copy of the course to ``dest`` with solutions off.

    The copy holds ``notebooks/`` and ``exercises/`` (outputs cleared), ``datasets/``, a short
    README and ``pmlib-course.json``, the switch pmlib finds from a notebook's folder upwards:
    in the copy ``qN.solution()`` says the trainer turned solutions off, ``qN.check()`` works,
    and ``qN.hint()`` works unless ``hints=False``.

    Parameters
    ----------
    dest : path
        A new or empty folder outside the course.
    course : path, optional
        The course folder (default: found from the working directory, see ``find_course``).
    hints : bool
        Keep hints on (default) or turn them off too.
    solutions_from : date or "YYYY-MM-DD", optional
        The day solutions come back on by themselves (e.g. the day after the workshop).
    message : str
        One line learners read when they ask for a solution (e.g. "Ask me at the break").

    Returns
    -------
    list of Path
        The files written.
    """
    course = _course.find_course(course)
    when = None if solutions_from is None else _settings.parse_date(solutions_from, "solutions_from")
    if not isinstance(hints, bool):
        raise _settings.InputError(f"hints must be True or False, not {hints!r}.")
    dest = _course.prepare_dest(dest, course)
    written = _course.Written(dest)
    for folder, notebooks in (("notebooks", _course.lessons(course)),
                              ("exercises", _course.exercise_notebooks(course))):
        for path in notebooks:
            nb = _course.cleared(nbformat.read(path, as_version=4))
            target = dest / folder / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, target)
            written.add(target)
    data = course / "datasets"
    if data.is_dir():
        for src in sorted(data.rglob("*")):
            if src.is_file() and "__pycache__" not in src.parts and ".ipynb_checkpoints" not in src.parts:
                target = dest / "datasets" / src.relative_to(data)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target)
                written.add(target)
    settings = _settings.CourseSettings(solutions=False, hints=hints, solutions_from=when, message=message)
    payload = settings.to_json() | {"created": _dt.date.today().isoformat()}
    written.add(_write(dest / _settings.FILENAME, json.dumps(payload, indent=2) + "\n"))
    solutions_line = ("Solutions are turned off in this copy"
                      + (f" until {when:%d %B %Y}" if when else "") + ": `check()` tells you whether "
                      "you are right.")
    readme = STUDENT_README.format(
        title="Project, program and portfolio management: the numbers",
        n_lessons=len(_course.lessons(course)), n_exercises=len(_course.exercise_notebooks(course)),
        hints_line="`q1.hint()` gives a hint." if hints else "Hints are turned off in this copy.",
        solutions_line=solutions_line)
    written.add(_write(dest / "README.md", readme))
    print(written.report("handout"))
    print(f"  settings: solutions off{f' until {when}' if when else ''}, hints {'on' if hints else 'off'} "
          f"({_settings.FILENAME}; delete it to turn everything back on)")
    return written.files


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
