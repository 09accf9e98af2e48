"""``html DEST``: printable HTML handouts of the lessons, executed, with figures and widgets.

Each lesson runs in a temporary copy of the course (nothing is written into the repository),
then nbconvert writes it as HTML. Widgets are drawn from the widget state saved at execution
(their text, chart and control settings), so a printed page is not blank where a widget was;
scripts that nbconvert would load from a CDN (require.js, MathJax, mermaid, the widget manager)
are left out, so the pages open offline; formulas are written as MathML, which browsers draw
without a script (as written in TeX when ``latex2mathml``, of the ``trainer`` extra, is missing).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from . import _course, _render

_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_css -%}
<style>@media print { .jp-InputPrompt, .jp-OutputPrompt { display: none; } .jp-Cell { break-inside: avoid; } }
img { max-width: 100%; } math { font-size: 1.15em; }
/* JupyterLab breaks output text anywhere (word-break: break-all): a line wraps between words */
.jp-OutputArea-output pre { word-break: normal; overflow-wrap: break-word; }
/* paper cannot scroll: a long code line wraps instead of being cut off at the margin */
@media print { .jp-InputArea-editor pre, .jp-OutputArea-output pre { white-space: pre-wrap;
  overflow: visible; word-break: normal; overflow-wrap: break-word; } }
.pmlib-button { border: 1px solid #999; border-radius: 3px; padding: 0 0.5em; background: #eee; }</style>
{%- endblock html_head_css -%}
"""


def to_html(nb) -> str:
    """A notebook (executed or not) as one offline HTML page, widgets as static snapshots."""
    import jinja2
    from nbconvert import HTMLExporter

    nb = _render.snapshot_widgets(nbformat.from_dict(nb))
    formulas = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source, found = _render.protect_math(cell.source, start=len(formulas))
            formulas.update(found)
    exporter = HTMLExporter(extra_loaders=[jinja2.DictLoader({"pmlib_offline.html.j2": _TEMPLATE})],
                            template_file="pmlib_offline.html.j2", embed_images=True)
    body, _ = exporter.from_notebook_node(nb)
    return _render.restore_math(body, formulas)


def lesson_html(dest, *, course=None, execute: bool = True, notebooks=None) -> list[Path]:
    """Write an HTML handout of every lesson to ``dest`` (``NN_name.html``), executed first.

    ``notebooks`` limits it to some lessons (stems such as ``"04_schedule"``); ``execute=False``
    converts the notebooks as they are.
    """
    course = _course.find_course(course)
    chosen = _course.select_lessons(course, notebooks)
    dest = _course.prepare_dest(dest, course)
    written = _course.Written(dest)
    for path, nb in _course.read_lessons(course, chosen, execute):
        target = dest / f"{path.stem}.html"
        target.write_text(to_html(nb), encoding="utf-8")
        written.add(target)
    print(written.report("html"))
    return written.files
