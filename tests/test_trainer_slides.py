"""Slides: every lesson carries slide metadata and its deck follows it; a deck fits its slides.

The metadata rules are in docs/trainers.md ("Slides"). The browser test opens the decks in
headless chromium, visits every slide and checks that nothing is cut off once the deck has fitted
the slide, and that no page asks for anything but its own file.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import struct
from pathlib import Path

import nbformat
import pytest

from pmlib.trainer import _render, slides
from pmlib.trainer.slides import SLIDE_TYPES, YOUR_TURN, closing_slide, deck, slide_type

from ._nb import ROOT
from .test_trainer import needs_reveal

LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
HEADING = re.compile(r"^\s*(#{1,6})\s")


# -- the lessons' metadata ---------------------------------------------------------------------------

@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_carries_slide_metadata(lesson):
    nb = nbformat.read(lesson, as_version=4)
    untagged = [c.get("id") for c in nb.cells if "slideshow" not in c.metadata]
    assert not untagged, (f"{lesson.name}: cells {untagged} have no slide type; give each one "
                          "(docs/trainers.md, 'Slides')")
    for cell in nb.cells:
        value = cell.metadata["slideshow"].get("slide_type")
        assert value in SLIDE_TYPES, f"{lesson.name} cell {cell.get('id')}: slide type {value!r}"
    assert slide_type(nb.cells[0]) == "slide", f"{lesson.name}: the title cell starts the deck"
    for cell in nb.cells:
        where = f"{lesson.name} cell {cell.get('id')}"
        if "parameters" in cell.metadata.get("tags", []):
            assert slide_type(cell) == "skip", f"{where}: the parameters cell is left out of the slides"
        match = HEADING.match(cell.source) if cell.cell_type == "markdown" else None
        if match and len(match.group(1)) <= 2:
            assert slide_type(cell) in ("slide", "skip"), f"{where}: a section heading starts a slide (or is left out)"
        if YOUR_TURN in cell.metadata.get("tags", []):
            assert slide_type(cell) in ("slide", "subslide"), f"{where}: a 'Your turn' cell starts a slide"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_deck_has_sections_and_a_your_turn(lesson):
    nb = nbformat.read(lesson, as_version=4)
    pages, info = deck(nb, closing=closing_slide(lesson, ROOT))
    assert info["from_metadata"]
    assert len(pages) > 3 and sum(len(p) for p in pages) > len(pages), lesson.name
    html = "".join(s for page in pages for s in page)
    assert "pmlib-your-turn" in html, f"{lesson.name}: no 'Your turn' slide (a try-it cell or the exercises)"


def test_the_exercise_notebooks_get_a_closing_slide():
    with_sets = [p for p in LESSONS if (ROOT / "exercises" / p.name).is_file()]
    assert len(with_sets) >= 9
    for lesson in with_sets:
        page = closing_slide(lesson, ROOT)
        assert f"exercises/{lesson.name}" in page and "questions with instant feedback" in page
        assert "q1.check()" in page
    assert closing_slide(ROOT / "notebooks" / "10_exam_practice.ipynb", ROOT) == ""


# -- how a deck follows the metadata -----------------------------------------------------------------

def _cell(kind, source, slide="-", **metadata):
    make = nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell
    cell = make(source)
    cell.metadata.update({"slideshow": {"slide_type": slide}}, **metadata)
    return cell


def test_deck_notes_your_turn_and_headings_inside_a_cell():
    nb = nbformat.v4.new_notebook(cells=[
        _cell("md", "# Title\nintro", "slide"),
        _cell("md", "## 1. Section\ntext\n\n### A part inside the same cell\nmore text", "slide",
              pmlib={"notes": "Ask the room: **which** level?"}),
        _cell("md", "> **Exam tip.** think first", "fragment"),
        _cell("md", "**Try it.** Change the rate.\n\n## 2. Next section\nnew idea", "subslide", tags=[YOUR_TURN]),
        _cell("code", "x = 1", "skip", tags=["parameters"]),
        _cell("md", "Said, not shown.", "notes"),
    ])
    pages, _ = deck(nb, closing="<p>CLOSING</p>")
    assert [len(p) for p in pages] == [1, 3, 1, 1]  # title | section, inner heading, try-it | 2. | closing
    section, inner, try_it = pages[1]
    assert "Next section" in pages[2][0] and "Your turn" not in pages[2][0]  # the label stays with the try-it
    assert "<aside class='notes'>" in section and "<strong>which</strong>" in section
    assert "Said, not shown." in pages[2][0].split("<aside class='notes'>")[1]
    assert "A part inside the same cell" in inner and "class='fragment'" in inner
    assert "pmlib-your-turn-label'>Your turn<" in try_it
    assert "x = 1" not in "".join(s for p in pages for s in p)
    assert pages[-1] == ["<p>CLOSING</p>"]


def _png(width: int, height: int) -> str:
    header = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", width, height) + b"\x08\x02\x00\x00\x00"
    return base64.b64encode(header + b"\x00" * 8).decode()


def _table(columns: int) -> str:
    return "<table><thead><tr>" + "<th>c</th>" * columns + "</tr></thead><tbody><tr><td>1</td></tr></tbody></table>"


@pytest.mark.parametrize("png, columns, side", [((800, 600), 5, True), ((1300, 420), 5, False), ((800, 600), 12, False)])
def test_a_figure_goes_beside_its_table_when_neither_is_wide(png, columns, side):
    cell = _cell("code", "show()", "subslide")
    cell.outputs = [nbformat.v4.new_output("display_data", {"text/html": _table(columns)}),
                    nbformat.v4.new_output("display_data", {"image/png": _png(*png)}),
                    nbformat.v4.new_output("stream", name="stdout", text="the end\n")]
    html = deck(nbformat.v4.new_notebook(cells=[_cell("md", "# T", "slide"), cell]))[0][0][1]
    assert ("pmlib-side" in html) is side
    assert html.index("<table") < html.index("<img") < html.index("the end")


# -- formulas ----------------------------------------------------------------------------------------

def test_formulas_become_mathml_and_money_stays_money():
    pytest.importorskip("latex2mathml", reason="latex2mathml (optional extra `trainer`) writes formulas as MathML")
    out = _render.markdown("A lease of 120 k$ a year; $PV = FV/(1+r)^n$, and $1,250 in cash.\n\n"
                           "$$ECV = (NPV \\times P_{cs} - C) \\times P_{ts} - D$$")
    assert out.count("<math") == 2 and "display=\"block\"" in out
    assert "120 k$ a year" in out and "$1,250 in cash" in out
    assert "PMLIBMATH" not in out and not _render.remote_references(out)


def test_formulas_stay_as_written_without_latex2mathml(monkeypatch):
    monkeypatch.setattr(_render, "mathml", lambda tex, display=False: None)
    assert "$PV = FV$" in _render.markdown("so $PV = FV$ here")


# -- widget snapshots --------------------------------------------------------------------------------

def test_widget_snapshot_hides_hidden_controls_and_formats_readouts():
    state = {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_rate", "IPY_MODEL_hidden", "IPY_MODEL_go"]}},
        "rate": {"model_name": "FloatSliderModel", "state": {"description": "Discount rate", "value": 0.08,
                                                             "readout_format": ".1%"}},
        "hidden": {"model_name": "TextModel", "state": {"description": "Secret", "value": "x", "layout": "IPY_MODEL_lay"}},
        "lay": {"model_name": "LayoutModel", "state": {"display": "none"}},
        "go": {"model_name": "ButtonModel", "state": {"description": "Finish and score"}},
    }
    out = _render.widget("box", state)
    assert "<b>Discount rate</b>: 8.0%" in out
    assert "Secret" not in out
    assert "<span class='pmlib-button'>Finish and score</span>" in out


# -- in a browser: every slide fits, nothing is fetched ----------------------------------------------

CHROMIUM = Path(os.environ.get("PMLIB_CHROMIUM", "/usr/bin/chromium"))
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _visit_every_slide(paths):
    """{deck: [(h, v, overflow px, fit note)]} and the URLs requested beyond the files themselves."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (extra `test`) drives the browser")
    if not CHROMIUM.is_file():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    found, remote = {}, []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROME_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else remote.append(r.url))
        for path in paths:
            page.goto(Path(path).resolve().as_uri())
            page.wait_for_function("typeof Reveal !== 'undefined' && Reveal.isReady()")
            page.evaluate("Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
            rows = []
            for k in range(page.evaluate("Reveal.getTotalSlides()")):
                rows.append(page.evaluate("""k => {
                    const s = Reveal.getSlides()[k], ix = Reveal.getIndices(s);
                    Reveal.slide(ix.h, ix.v, 999);
                    return [ix.h, ix.v || 0, Math.max(s.scrollHeight - s.clientHeight, s.scrollWidth - s.clientWidth),
                            s.dataset.pmlibFit || ''];
                }""", k))
            found[Path(path).stem] = rows
        browser.close()
    return found, remote


@needs_reveal
@pytest.mark.browser
@pytest.mark.notebook
def test_decks_fit_every_slide_in_a_browser(tmp_path, capsys):
    """Decks of every lesson as written (no outputs) and of two executed lessons (figures, tables,
    widget snapshots): once fitted, no slide overflows."""
    course = tmp_path / "course"
    for name in ("notebooks", "exercises", "datasets"):
        shutil.copytree(ROOT / name, course / name)
    plain = slides(tmp_path / "plain", course=course, execute=False)
    executed = slides(tmp_path / "run", course=course, notebooks=["00_start_here", "01_levels_of_management"])
    capsys.readouterr()
    found, remote = _visit_every_slide(plain + executed)
    assert not remote, f"the decks asked for {remote[:3]}"
    for name, rows in found.items():
        assert len(rows) > 3, name
        over = [(h, v, px, note) for h, v, px, note in rows if px > 1]
        assert not over, f"{name}: slides (h, v, overflow px, fit) still overflow: {over}"
        assert all(note for *_, note in rows), f"{name}: a slide was not fitted"
