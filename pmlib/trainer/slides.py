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
.reveal blockquote { width: 100%; font-size: 0.9em; font-style: normal; margin: 0.4em 0; padding: 0.3em 0.8em;
                     box-shadow: none; border-left: 4px solid #e67e22; background: #fdf5ec; }
.reveal .slides { text-align: left; }
.reveal .slides section { height: 100%; overflow-y: auto; }
.reveal h1 { font-size: 1.7em; } .reveal h2 { font-size: 1.35em; } .reveal h3 { font-size: 1.1em; }
.reveal h1, .reveal h2, .reveal h3 { text-transform: none; }
.reveal pre { width: 100%; box-shadow: none; font-size: 0.6em; }
.reveal pre.pmlib-out { background: #f7f7f7; padding: 4px 8px; }
.reveal .pmlib-code pre { background: #f5f7fb; padding: 6px 10px; border-left: 3px solid #1f4e99; white-space: pre-wrap; }
.reveal img.pmlib-figure { display: block; height: 560px; width: 100%; object-fit: contain; margin: 0 auto; }
.reveal table { font-size: 0.55em; border-collapse: collapse; }
.reveal table th, .reveal table td { border: 1px solid #ccc; padding: 2px 6px; }
.reveal .pmlib-widget { font-size: 0.6em; }
.reveal .pmlib-control { font-size: 0.9em; }
.reveal a.anchor-link { display: none; }
.reveal ul, .reveal ol { display: block; margin-left: 1em; }
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
    """A markdown cell cut before each heading inside it (automatic mode): a heading starts a slide
    even when the lesson wrote it below an exam tip in the same cell."""
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
    parts += [_render.output(o, state) for o in cell.get("outputs", [])]
    return "\n".join(p for p in parts if p)


def deck(nb) -> tuple[list[list[str]], dict]:
    """The slides of a notebook: a list of horizontal slides, each a list of (sub)slide HTML.

    Returns ``(slides, info)``; ``info`` says whether the notebook's own metadata was used.
    """
    tagged = has_slide_metadata(nb)
    state = _render.widget_state(nb)
    slides: list[list[list[str]]] = []  # slides -> subslides -> html pieces
    notes: dict[tuple[int, int], list[str]] = {}
    filled = 0  # lines on the current (sub)slide, for the automatic split
    cells = nb.cells if tagged else [piece for cell in nb.cells for piece in _split_at_headings(cell)]
    for cell in cells:
        kind = slide_type(cell) if tagged else _auto_type(cell)
        if kind == "skip":
            continue
        body = _cell_html(cell, state)
        if not body:
            continue
        weight = _weight(cell)
        if not tagged and kind == "-" and slides and filled and filled + weight > SLIDE_LINES:
            kind = "subslide"
        filled = weight if kind in ("slide", "subslide") or not slides else filled + weight
        if not slides or kind == "slide":
            slides.append([[]])
        elif kind == "subslide":
            slides[-1].append([])
        where = (len(slides) - 1, len(slides[-1]) - 1)
        if kind == "notes":
            notes.setdefault(where, []).append(body)
        elif kind == "fragment":
            slides[-1][-1].append(f"<div class='fragment'>{body}</div>")
        else:
            slides[-1][-1].append(body)
    out = []
    for i, subs in enumerate(slides):
        rendered = []
        for j, pieces in enumerate(subs):
            aside = "".join(notes.get((i, j), []))
            rendered.append("\n".join(pieces) + (f"<aside class='notes'>{aside}</aside>" if aside else ""))
        out.append(rendered)
    return out, {"from_metadata": tagged}


def render_deck(nb, title: str, *, theme: str = "white") -> tuple[str, int]:
    """One self-contained reveal.js HTML page; returns ``(html, number of slides)``."""
    slides, _ = deck(nb)
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
        " plugins: (typeof RevealNotes !== 'undefined') ? [RevealNotes] : []});</script>"
        "</body></html>\n"
    )
    return page, count


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
        page, count = render_deck(nb, _title(nb, path), theme=theme)
        target = dest / f"{path.stem}.slides.html"
        target.write_text(page, encoding="utf-8")
        written.add(target)
        print(f"  {path.name}: {count} slides")
    print(written.report("slides"))
    return written.files
