"""``slides DEST``: reveal.js slides of every lesson, one self-contained HTML file each, offline.

Slides follow each cell's ``slideshow`` metadata, the one Jupyter's slideshow tools (RISE,
``jupyterlab-rise``, nbconvert) read, set in JupyterLab's property inspector (the gear icon,
"Slide Type"):

- ``slide``: starts a new slide (left-right); ``subslide``: a new slide below (up-down);
- ``fragment``: appears on the next key press within the current slide;
- ``-`` (or nothing): continues the current slide; ``skip``: left out; ``notes``: speaker notes
  (press S in the deck).

A notebook without any ``slideshow`` metadata still gets a deck: every markdown cell opening
with a level-1 or level-2 heading starts a slide, a level-3 heading a subslide, a cell that
would overfill the current slide (about 18 lines of text, code and output) goes on a new
subslide, and the cell tagged ``parameters`` is skipped.

reveal.js comes from an installed package (``sphinx-revealjs``, in the ``trainer`` extra:
``pip install -e '.[trainer]'``) or from a folder named by ``PMLIB_REVEAL_DIR`` (e.g. an npm
install's ``node_modules/reveal.js``); its script and styles are inlined in every deck, and
figures are embedded as data, so a deck opens from a USB stick with no network.
"""

from __future__ import annotations

import html
import os
import re
from importlib import resources
from pathlib import Path

import nbformat

from ..errors import InputError
from . import _course, _render

SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
_HEADING = re.compile(r"^\s*(#{1,3})\s")

DECK_CSS = """
.reveal { font-size: 24px; }
.reveal blockquote { width: 100%; box-sizing: border-box; font-size: 0.9em; font-style: normal; margin: 0.4em 0;
                     padding: 0.3em 0.8em; box-shadow: none; border-left: 4px solid #e67e22; background: #fdf5ec; }
.reveal .slides { text-align: left; }
.reveal .slides section { height: 100%; overflow-y: auto; }
.reveal h1 { font-size: 1.7em; } .reveal h2 { font-size: 1.35em; } .reveal h3 { font-size: 1.1em; }
.reveal h1, .reveal h2, .reveal h3 { text-transform: none; }
.reveal p, .reveal li { line-height: 1.3; }
.reveal pre { width: 100%; box-sizing: border-box; box-shadow: none; font-size: 0.55em; margin: 0.35em 0; }
.reveal pre code { max-height: none; }
.reveal pre.pmlib-out { background: #f7f7f7; padding: 4px 8px; white-space: pre-wrap; word-break: break-word; }
.reveal pre.pmlib-error { background: #fdecea; padding: 4px 8px; white-space: pre-wrap; font-size: 0.5em; }
.reveal .pmlib-code pre { background: #f5f7fb; padding: 6px 10px; border-left: 3px solid #1f4e99; white-space: pre-wrap; }
.reveal img.pmlib-figure { display: block; height: calc(560px * var(--pmlib-figure-scale, 1)); width: 100%;
                           object-fit: contain; margin: 0.2em auto; }
.reveal table { font-size: 0.55em; border-collapse: collapse; margin: 0.3em auto; }
.reveal table th, .reveal table td { border: 1px solid #ccc; padding: 2px 6px; }
.reveal .pmlib-widget { font-size: 0.75em; }
.reveal .pmlib-widget .pmlib-widget { font-size: 1em; }
.reveal .pmlib-widget pre { font-size: 0.75em; }
.reveal .pmlib-widget h1, .reveal .pmlib-widget h2, .reveal .pmlib-widget h3, .reveal .pmlib-widget h4 { font-size: 1em; margin: 0.2em 0; }
.reveal .pmlib-control { font-size: 0.9em; }
.reveal .pmlib-button { display: inline-block; font-size: 0.8em; border: 1px solid #999; border-radius: 3px;
                        padding: 0 0.5em; background: #eee; }
.reveal a.anchor-link { display: none; }
.reveal ul, .reveal ol { display: block; margin-left: 1em; }
.reveal .pmlib-your-turn { border-top: 6px solid #1b7a3a; padding-top: 0.2em; }
.reveal .pmlib-your-turn-label { display: inline-block; background: #1b7a3a; color: #fff; font-weight: bold;
                                 padding: 0.1em 0.6em; border-radius: 4px; margin: 0.2em 0 0.4em; }
.reveal .pmlib-topics { font-size: 0.7em; color: #555; }
.reveal .pmlib-side { display: flex; gap: 16px; align-items: flex-start; }
.reveal .pmlib-side-tables { flex: 0 1 auto; max-width: 55%; overflow-x: auto; }
.reveal .pmlib-side-tables table { margin: 0.3em 0; }
.reveal .pmlib-side-figure { flex: 1 1 0; min-width: 40%; }
.reveal .pmlib-side-figure img.pmlib-figure { object-position: top; }
.reveal h4, .reveal h5, .reveal h6 { text-transform: none; }
.reveal math { font-size: 1.1em; }
.reveal ol[type="A"] { list-style-type: upper-alpha; } .reveal ol[type="a"] { list-style-type: lower-alpha; }
.reveal ol[type="I"] { list-style-type: upper-roman; } .reveal ol[type="i"] { list-style-type: lower-roman; }
.reveal .slides section { padding-bottom: 28px; box-sizing: border-box; }
"""


def reveal_dir() -> Path:
    """The folder holding reveal.js's ``dist/reveal.js`` (an installed package, or $PMLIB_REVEAL_DIR)."""
    explicit = os.environ.get("PMLIB_REVEAL_DIR")
    candidates = [Path(explicit)] if explicit else []
    try:
        candidates.append(Path(str(resources.files("sphinx_revealjs") / "_static" / "revealjs")))
    except (ModuleNotFoundError, TypeError):
        pass
    for folder in candidates:
        if (folder / "dist" / "reveal.js").is_file() and (folder / "dist" / "reveal.css").is_file():
            return folder
    where = f"PMLIB_REVEAL_DIR={explicit} has no dist/reveal.js; " if explicit else ""
    raise InputError(f"{where}reveal.js is not installed: `pip install -e '.[trainer]'` (it brings the "
                     "sphinx-revealjs package, which ships reveal.js), or set PMLIB_REVEAL_DIR to a "
                     "reveal.js folder (with dist/reveal.js), e.g. node_modules/reveal.js.")


def _reveal_assets(theme: str) -> tuple[str, str]:
    """(css, js) of reveal.js, its theme and the speaker-notes plugin, for inlining."""
    folder = reveal_dir()
    theme_file = folder / "dist" / "theme" / f"{theme}.css"
    if not theme_file.is_file():
        themes = sorted(p.stem for p in (folder / "dist" / "theme").glob("*.css"))
        raise InputError(f"theme {theme!r} is not one of reveal.js's themes: {themes}.")
    css = "\n".join(_offline_css(p.read_text(encoding="utf-8"))
                    for p in (folder / "dist" / "reveal.css", theme_file))
    js_parts = [(folder / "dist" / "reveal.js").read_text(encoding="utf-8")]
    notes = folder / "plugin" / "notes" / "notes.js"
    if notes.is_file():
        js_parts.append(notes.read_text(encoding="utf-8"))
    js = "\n".join(_strip_source_map(j) for j in js_parts)
    return css, js.replace("</script", "<\\/script")


def _offline_css(css: str) -> str:
    # the theme's web-font @import points at files we do not inline: fall back to system fonts
    return _strip_source_map(re.sub(r"@import\s+url\([^)]*\);?", "", css))


def _strip_source_map(text: str) -> str:
    return re.sub(r"/[/*]# sourceMappingURL=[^\n*]*(\*/)?", "", text)


def slide_type(cell) -> str:
    value = cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")
    return value if value in SLIDE_TYPES else "-"


def has_slide_metadata(nb) -> bool:
    return any("slideshow" in c.get("metadata", {}) for c in nb.cells)


def _auto_type(cell) -> str:
    if "parameters" in cell.get("metadata", {}).get("tags", []):
        return "skip"
    if cell.cell_type == "markdown":
        match = _HEADING.match(cell.source)
        if match:
            return "subslide" if len(match.group(1)) == 3 else "slide"
    return "-"


SLIDE_LINES = 18  # what fits on a 1280 x 800 slide at the deck's font size, roughly


def _weight(cell) -> int:
    """Roughly how many lines of a slide a cell fills (text, code and its outputs)."""
    if cell.cell_type == "markdown":
        lines = cell.source.splitlines() or [""]
        return sum(1 + len(line) // 95 for line in lines if line.strip()) + 2 * cell.source.count("|---")
    total = len(cell.source.splitlines())
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if "image/png" in data or "image/svg+xml" in data or _render.WIDGET_VIEW in data:
            total += 14
        elif "text/html" in data:
            total += min(15, _render._joined(data["text/html"]).count("<tr"))
        else:
            text = _render._joined(out.get("text", data.get("text/plain", "")))
            total += min(15, len(text.splitlines()))
    return total


def _split_at_headings(cell) -> list:
    """A markdown cell cut before each heading inside it: a heading starts a slide even when the
    lesson wrote it below an exam tip in the same cell."""
    if cell.cell_type != "markdown":
        return [cell]
    pieces, current, fenced = [], [], False
    for line in cell.source.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and _HEADING.match(line) and any(x.strip() for x in current):
            pieces.append("\n".join(current))
            current = []
        current.append(line)
    pieces.append("\n".join(current))
    if len(pieces) == 1:
        return [cell]
    return [nbformat.v4.new_markdown_cell(text, metadata=dict(cell.metadata)) for text in pieces]


def _cell_html(cell, state: dict) -> str:
    if cell.cell_type == "markdown":
        return _render.markdown(cell.source)
    if cell.cell_type != "code":
        return ""
    parts = [_render.code(cell.source)] if cell.source.strip() else []
    outputs = [o for o in cell.get("outputs", []) if _render.output(o, state)]
    kinds = [_output_kind(o) for o in outputs]
    if kinds.count("figure") == 1 and "table" in kinds and _side_by_side(outputs, kinds):
        # a table and a figure side by side: both stay readable on one slide
        first = min(i for i, k in enumerate(kinds) if k in ("table", "figure"))
        tables = "".join(_render.output(o, state) for o, k in zip(outputs, kinds, strict=True) if k == "table")
        figure = _render.output(outputs[kinds.index("figure")], state)
        row = (f"<div class='pmlib-side'><div class='pmlib-side-tables'>{tables}</div>"
               f"<div class='pmlib-side-figure'>{figure}</div></div>")
        rest = [_render.output(o, state) for o, k in zip(outputs, kinds, strict=True) if k == "other"]
        before = sum(1 for k in kinds[:first] if k == "other")
        parts += rest[:before] + [row] + rest[before:]
    else:
        parts += [_render.output(o, state) for o in outputs]
    return "\n".join(p for p in parts if p)


def _png_size(out) -> tuple[int, int]:
    """(width, height) of an output's PNG, read from its header; (0, 0) when unreadable."""
    import base64
    import struct

    try:
        head = base64.b64decode(_render._joined(out["data"]["image/png"]).strip()[:44])
        return struct.unpack(">II", head[16:24])
    except (KeyError, ValueError, struct.error):
        return 0, 0


def _side_by_side(outputs, kinds) -> bool:
    """A figure goes beside its table(s) when it is not a wide panel and the tables are not wide."""
    width, height = _png_size(outputs[kinds.index("figure")])
    if not height or width / height > 1.9:
        return False
    for out, kind in zip(outputs, kinds, strict=True):
        if kind == "table":
            table = _render._joined(out["data"]["text/html"])
            first_row = table[table.find("<tr"):table.find("</tr>")]
            if first_row.count("<th") > 9:
                return False
    return True


def _output_kind(out) -> str:
    data = out.get("data", {})
    if _render.WIDGET_VIEW in data:
        return "other"
    if "image/png" in data:
        return "figure"
    if "<table" in _render._joined(data.get("text/html", "")):
        return "table"
    return "other"


YOUR_TURN = "your-turn"  # the cell tag that heads a slide "Your turn"


def _tags(cell) -> list:
    return list(cell.get("metadata", {}).get("tags", []))


def speaker_notes(cell) -> str:
    """The speaker notes a cell carries in its metadata (``{"pmlib": {"notes": "..."}}``), or ''."""
    notes = cell.get("metadata", {}).get("pmlib", {}).get("notes", "")
    return notes if isinstance(notes, str) else ""


def _pieces(cell, kind: str) -> list[tuple[str, object]]:
    """``(slide type, cell)`` for a tagged cell: a markdown cell that holds a further heading is cut
    there, the heading starting a slide (level 1-2) or a sub-slide (level 3)."""
    if cell.cell_type != "markdown" or kind in ("skip", "notes"):
        return [(kind, cell)]
    parts = _split_at_headings(cell)
    out = [(kind, parts[0])]
    for part in parts[1:]:  # the cell's "Your turn" label and speaker notes stay with its first part
        part.metadata.pop("pmlib", None)
        part.metadata["tags"] = [t for t in part.metadata.get("tags", []) if t != YOUR_TURN]
        match = _HEADING.match(part.source)
        out.append(("subslide" if match and len(match.group(1)) == 3 else "slide", part))
    return out


def deck(nb, *, closing: str = "") -> tuple[list[list[str]], dict]:
    """The slides of a notebook: a list of horizontal slides, each a list of (sub)slide HTML.

    ``closing`` is HTML for a last slide (the "Your turn" slide pointing at the exercises).
    Returns ``(slides, info)``; ``info`` says whether the notebook's own metadata was used.
    """
    tagged = has_slide_metadata(nb)
    state = _render.widget_state(nb)
    slides: list[list[list[str]]] = []  # slides -> subslides -> html pieces
    notes: dict[tuple[int, int], list[str]] = {}
    filled = 0  # lines on the current (sub)slide, for the automatic split
    if tagged:
        cells = [piece for cell in nb.cells for piece in _pieces(cell, slide_type(cell))]
    else:
        cells = [(_auto_type(piece), piece) for cell in nb.cells for piece in _split_at_headings(cell)]
    for kind, cell in cells:
        if kind == "skip":
            continue
        body = _cell_html(cell, state)
        if not body:
            continue
        if YOUR_TURN in _tags(cell) and kind != "notes":
            body = f"<div class='pmlib-your-turn'><p class='pmlib-your-turn-label'>Your turn</p>{body}</div>"
        weight = _weight(cell)
        if not tagged and kind == "-" and slides and filled and filled + weight > SLIDE_LINES:
            kind = "subslide"
        filled = weight if kind in ("slide", "subslide") or not slides else filled + weight
        if not slides or kind == "slide":
            slides.append([[]])
        elif kind == "subslide":
            slides[-1].append([])
        where = (len(slides) - 1, len(slides[-1]) - 1)
        extra = speaker_notes(cell)
        if extra:
            notes.setdefault(where, []).append(_render.markdown(extra))
        if kind == "notes":
            notes.setdefault(where, []).append(body)
        elif kind == "fragment":
            slides[-1][-1].append(f"<div class='fragment'>{body}</div>")
        else:
            slides[-1][-1].append(body)
    if closing:
        slides.append([[closing]])
    out = []
    for i, subs in enumerate(slides):
        rendered = []
        for j, pieces in enumerate(subs):
            aside = "".join(notes.get((i, j), []))
            rendered.append("\n".join(pieces) + (f"<aside class='notes'>{aside}</aside>" if aside else ""))
        out.append(rendered)
    return out, {"from_metadata": tagged}


# Makes a slide fit when it is shown: a table or a block of text wider than the slide is set in a
# smaller font (down to 60 %), then what is too tall shrinks: first the figures (down to 45 % of
# their height), then the text (down to 70 %). The scales used are left in data-pmlib-fit.
FIT_JS = """
(function () {
  function over(s) { return Math.max(s.scrollHeight - s.clientHeight, s.scrollWidth - s.clientWidth); }
  function narrow(s) {
    var n = 0, wide = s.querySelectorAll('table, pre');
    for (var i = 0; i < wide.length; i++) {
      var el = wide[i], scale = 1, base = parseFloat(getComputedStyle(el).fontSize);
      var room = function () { var box = el.parentElement; return box ? box.clientWidth : s.clientWidth; };
      while (el.scrollWidth > room() + 1 && scale > 0.6) {
        scale = Math.round((scale - 0.05) * 100) / 100;
        el.style.fontSize = (base * scale) + 'px';
      }
      if (scale < 1) n++;
    }
    return n;
  }
  function fit(s) {
    if (!s || s.dataset.pmlibFit || s.classList.contains('stack')) return;
    var wide = narrow(s);
    var imgs = s.querySelectorAll('img.pmlib-figure');
    var img = 1, font = 1;
    while (over(s) > 1 && imgs.length && img > 0.45) {
      img = Math.round((img - 0.05) * 100) / 100;
      s.style.setProperty('--pmlib-figure-scale', img);
    }
    while (over(s) > 1 && font > 0.7) {
      font = Math.round((font - 0.05) * 100) / 100;
      s.style.fontSize = font + 'em';
    }
    while (font < 1 && imgs.length && img < 1 && over(s) <= 1) {  // smaller text left room: grow back
      img = Math.round((img + 0.05) * 100) / 100;
      s.style.setProperty('--pmlib-figure-scale', img);
      if (over(s) > 1) {
        img = Math.round((img - 0.05) * 100) / 100;
        s.style.setProperty('--pmlib-figure-scale', img);
        break;
      }
    }
    s.dataset.pmlibFit = 'figures ' + img + ', text ' + font + (wide ? ', narrowed ' + wide : '') +
                         (over(s) > 1 ? ', overflows' : '');
  }
  Reveal.on('ready', function (e) { fit(e.currentSlide); });
  Reveal.on('slidechanged', function (e) { fit(e.currentSlide); });
})();
"""


def render_deck(nb, title: str, *, theme: str = "white", closing: str = "") -> tuple[str, int]:
    """One self-contained reveal.js HTML page; returns ``(html, number of slides)``."""
    slides, _ = deck(nb, closing=closing)
    css, js = _reveal_assets(theme)
    sections = []
    for subs in slides:
        if len(subs) == 1:
            sections.append(f"<section>{subs[0]}</section>")
        else:
            sections.append("<section>" + "".join(f"<section>{s}</section>" for s in subs) + "</section>")
    count = sum(len(s) for s in slides)
    page = (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title>"
        f"<style>{css}</style><style>{_render.code_css()}</style><style>{DECK_CSS}</style>"
        "</head><body><div class='reveal'><div class='slides'>\n"
        + "\n".join(sections)
        + "\n</div></div>"
        f"<script>{js}</script>"
        "<script>Reveal.initialize({hash: true, slideNumber: 'c/t', width: 1280, height: 800, margin: 0.04,"
        " center: false, controls: false, plugins: (typeof RevealNotes !== 'undefined') ? [RevealNotes] : []});</script>"
        f"<script>{FIT_JS}</script>"
        "</body></html>\n"
    )
    return page, count


def closing_slide(lesson: Path, course: Path) -> str:
    """The last slide of a lesson's deck: "Your turn" with its exercise notebook, or '' when the
    lesson has none (``exercises/<same name>.ipynb``)."""
    notebook = course / "exercises" / lesson.name
    if not notebook.is_file():
        return ""
    from .answer_key import IMPORT, exercise_sets

    found = IMPORT.findall(notebook.read_text(encoding="utf-8"))
    ex = exercise_sets().get(found[0]) if found else None
    what = (f"<p><b>{html.escape(ex.title)}</b>: {len(ex)} questions with instant feedback.</p>"
            if ex is not None else "")
    topics = sorted({q.topic for q in ex if q.topic}) if ex is not None else []
    topic_line = (f"<p class='pmlib-topics'>Practice topics: {', '.join(f'<code>{t}</code>' for t in topics)}</p>"
                  if topics else "")
    return (
        "<div class='pmlib-your-turn'><p class='pmlib-your-turn-label'>Your turn</p>"
        f"<h2>Exercises: <code>exercises/{html.escape(lesson.name)}</code></h2>{what}"
        "<ul><li>Replace <code>____</code> with your answer and run <code>q1.check()</code>: it says whether "
        "you are right and names the usual mistake when you are not.</li>"
        "<li>Stuck? <code>q1.hint()</code> gives the idea first, then the formula.</li>"
        "<li><code>q1.new()</code> draws a fresh exam-style variant of the same question.</li></ul>"
        f"{topic_line}</div>"
    )


def _title(nb, path: Path) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def slides(dest, *, course=None, execute: bool = True, theme: str = "white", notebooks=None) -> list[Path]:
    """Write reveal.js slides for every lesson (``notebooks/*.ipynb``) to ``dest``.

    Parameters
    ----------
    dest : path
        A new or empty folder outside the course.
    course : path, optional
        The course folder (default: found from the working directory).
    execute : bool
        Run each lesson first (in a temporary copy) so its figures and widget snapshots are on
        the slides; ``False`` builds from the notebooks as they are (fast, no outputs).
    theme : str
        A reveal.js theme name (``white``, ``simple``, ``black`` ...).
    notebooks : sequence of str, optional
        Only these lessons (file names or stems, e.g. ``["04_schedule"]``).

    Returns
    -------
    list of Path
    """
    course = _course.find_course(course)
    chosen = _course.select_lessons(course, notebooks)
    _reveal_assets(theme)  # fail before writing anything when reveal.js is missing
    dest = _course.prepare_dest(dest, course)
    written = _course.Written(dest)
    for path, nb in _course.read_lessons(course, chosen, execute):
        page, count = render_deck(nb, _title(nb, path), theme=theme, closing=closing_slide(path, course))
        target = dest / f"{path.stem}.slides.html"
        target.write_text(page, encoding="utf-8")
        written.add(target)
        print(f"  {path.name}: {count} slides")
    print(written.report("slides"))
    return written.files
