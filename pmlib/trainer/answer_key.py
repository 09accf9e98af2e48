"""``answer-key DEST``: one printable, self-contained HTML answer key per exercise set.

Built from the same :class:`pmlib.exercises.Question` objects that ``check()`` uses, so the key
cannot disagree with the checks: the answer is the question's own (computed through pmlib),
the solution code and the explanation are the ones ``solution()`` shows.
"""

from __future__ import annotations

import html
import importlib
import math
import pkgutil
import re
from pathlib import Path

import nbformat

from .. import exercises as _exercises
from ..exercises import Choice, ExerciseSet, Items, Multi, Numeric, Question
from . import _course, _render

CHECK = re.compile(r"^\s*(q\d+)\.check\(\)\s*$", re.M)
IMPORT = re.compile(r"from\s+pmlib\.exercises\.([a-z0-9_]+)\s+import")

CSS = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 52em; margin: 2em auto;
       color: #1b1b1b; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.6em; border-bottom: 2px solid #1f4e99; padding-bottom: .2em; }
.q { border: 1px solid #c9d3e3; border-radius: 6px; padding: .6em 1em; margin: 1.2em 0;
     page-break-inside: avoid; break-inside: avoid; }
.q h2 { font-size: 1.15em; margin: .2em 0 .4em; color: #1f4e99; }
.answer { background: #eef6ee; border-left: 4px solid #1b7a3a; padding: .3em .7em; margin: .5em 0; }
.label { font-weight: bold; }
.meta { color: #555; font-size: .9em; }
pre { white-space: pre-wrap; font-size: .9em; background: #f6f8fa; padding: .5em; border-radius: 4px; }
ol.hints { margin: .2em 0 .5em; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 6px; }
a.anchor-link { display: none; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
"""


def exercise_sets() -> dict[str, ExerciseSet]:
    """Every exercise set in :mod:`pmlib.exercises`, by module name (e.g. ``business_case``)."""
    sets = {}
    for info in pkgutil.iter_modules(_exercises.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_exercises.__name__}.{info.name}")
        found = getattr(module, "EXERCISES", None)
        if isinstance(found, ExerciseSet):
            sets[info.name] = found
    return dict(sorted(sets.items()))


def _notebook_for(name: str, course: Path | None) -> Path | None:
    """The notebook that imports ``pmlib.exercises.<name>`` (exercises first, then lessons)."""
    if course is None:
        return None
    for path in _course.exercise_notebooks(course) + _course.lessons(course):
        text = path.read_text(encoding="utf-8")
        if any(m == name for m in IMPORT.findall(text)):
            return path
    return None


def _statements(path: Path | None) -> dict[str, str]:
    """``{"q1": markdown of the question as the notebook states it}``."""
    if path is None:
        return {}
    nb = nbformat.read(path, as_version=4)
    found, pending, last = {}, [], []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            pending.append(cell.source)
            continue
        match = CHECK.search(cell.source)
        if match:  # the markdown just above; or above a set-up cell between the two
            found[match.group(1)] = "\n\n".join(pending or last)
        last = [] if match else (pending or last)
        pending = []
    return found


def format_answer(value) -> str:
    """An answer as a reader expects it: 1,234.57 for numbers, text as text, lists joined."""
    if isinstance(value, float):
        if math.isinf(value):
            return "never (infinite)" if value > 0 else "-infinity"
        if value == int(value) and abs(value) < 1e15:
            return f"{int(value):,}"
        if abs(value) >= 10:
            return f"{value:,.2f}"
        return f"{value:.4g}"
    if isinstance(value, list | tuple):
        return ", ".join(format_answer(v) for v in value)
    return str(value)


def answer_of(q: Question) -> str:
    """The expected answer of a question, computed through pmlib as ``check()`` computes it."""
    if isinstance(q, Multi):
        return "; ".join(f"{p.variables[0]} = {answer_of(p)}" for p in q.parts)
    if isinstance(q, Numeric):
        unit = f" {q.unit}" if q.unit else ""
        return format_answer(q.answer) + unit
    if isinstance(q, Choice):
        return f"{q.answer!s}  (options: {', '.join(q.choices)})"
    if isinstance(q, Items):
        return format_answer(q.answer) + ("  (in this order)" if q.ordered else "")
    return "checked by a rule: see the solution code"


def _inline_markdown(text: str) -> str:
    out = _render.markdown(text).strip()
    return out[3:-4] if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1 else out


def _question_html(q: Question, statement: str) -> str:
    parts = [f"<div class='q' id='{q.name}'><h2>{html.escape(q.name)}: {html.escape(q.prompt)}</h2>"]
    if statement.strip():
        parts.append(f"<div class='statement'>{_render.markdown(statement)}</div>")
    parts.append(f"<div class='answer'><span class='label'>Answer</span> "
                 f"(<code>{html.escape(', '.join(q.variables))}</code>): {html.escape(answer_of(q))}</div>")
    if q.explanation:
        parts.append(f"<p><span class='label'>Explanation.</span> {_inline_markdown(q.explanation)}</p>")
    parts.append(f"<p class='label'>Solution code</p><pre>{html.escape(q.solution_code)}</pre>")
    if q.hints:
        items = "".join(f"<li>{_inline_markdown(h)}</li>" for h in q.hints)
        parts.append(f"<p class='label'>Hints, in the order learners see them</p><ol class='hints'>{items}</ol>")
    slips = getattr(q, "misconceptions", None) or {}
    if isinstance(q, Multi):
        slips = {k: v for p in q.parts for k, v in getattr(p, "misconceptions", {}).items()}
    if slips:
        items = "".join(f"<li>{html.escape(k)}</li>" for k in slips)
        parts.append(f"<p class='label'>Mistakes the check names</p><ul>{items}</ul>")
    if q.topic:
        parts.append(f"<p class='meta'>Practice topic: <code>{html.escape(q.topic)}</code> "
                     f"(<code>{q.name}.new()</code> draws a fresh variant)</p>")
    parts.append("</div>")
    return "\n".join(parts)


def render_set(name: str, ex: ExerciseSet, notebook: Path | None) -> str:
    """The whole answer key of one exercise set as one HTML page."""
    statements = _statements(notebook)
    source = f"{notebook.parent.name}/{notebook.name}" if notebook else f"pmlib.exercises.{name}"
    body = "\n".join(_question_html(q, statements.get(q.name, "")) for q in ex)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>Answer key: {html.escape(ex.title)}</title><style>{CSS}</style></head><body>"
        f"<h1>Answer key: {html.escape(ex.title)}</h1>"
        f"<p class='meta'>{len(ex)} questions, from <code>{html.escape(source)}</code>. Answers are "
        "computed by pmlib from the same definitions <code>check()</code> uses. For the trainer: "
        "do not hand this page out with the exercises.</p>"
        f"{body}</body></html>\n"
    )


def answer_key(dest, *, course=None) -> list[Path]:
    """Write one self-contained HTML answer key per exercise set to ``dest`` (printable).

    Returns the files written (``<set>.html`` and an ``index.html``).
    """
    try:
        folder = _course.find_course(course)
    except ValueError:
        if course is not None:
            raise
        folder = None  # an installed pmlib without the notebooks: keys without the statements
    dest = _course.prepare_dest(dest, folder or Path("/nonexistent-course"))
    written = _course.Written(dest)
    links = []
    found = [(name, ex, _notebook_for(name, folder)) for name, ex in exercise_sets().items()]
    found.sort(key=lambda item: item[2].stem if item[2] else f"~{item[0]}")  # course order
    for name, ex, notebook in found:
        stem = notebook.stem if notebook else name
        path = dest / f"{stem}.html"
        path.write_text(render_set(name, ex, notebook), encoding="utf-8")
        written.add(path)
        links.append(f"<li><a href='{path.name}'>{html.escape(ex.title)}</a> ({len(ex)} questions)</li>")
    index = dest / "index.html"
    index.write_text("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Answer keys</title>"
                     f"<style>{CSS}</style></head><body><h1>Answer keys</h1><ul>{''.join(links)}</ul>"
                     "</body></html>\n", encoding="utf-8")
    written.add(index)
    print(written.report("answer-key"))
    return written.files
