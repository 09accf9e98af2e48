"""Turn notebook cells and outputs into self-contained HTML (no remote URL anywhere).

Shared by the slides, the lesson handouts and the answer keys. A widget output is drawn from
the widget state saved at execution time: its text, its chart and its controls' settings, as
plain HTML, so a printed lesson is not blank where a widget was and nothing loads from a CDN.
"""

from __future__ import annotations

import base64
import html
import re

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def markdown(text: str) -> str:
    """Markdown to HTML with nbconvert's renderer (tables, code, links), TeX formulas as MathML."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    protected, formulas = protect_math(text)
    return restore_math(markdown2html_mistune(protected), formulas)


# TeX between $$ ... $$ (display) or $ ... $ (inline, Pandoc's rule: no space inside the dollars, no
# digit or letter outside them, so "120 k$ a year" or "$1,250" is money, not mathematics).
_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\w$\\])\$(?=\S)([^$\n]+?)(?<=\S)\$(?![\w$])", re.S)
_CODE_SPAN = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def mathml(tex: str, display: bool = False) -> str | None:
    """A TeX formula as MathML (browsers draw it with no script and no network), or None when
    ``latex2mathml`` (the ``trainer`` extra) is missing or cannot read the formula."""
    try:
        from latex2mathml.converter import convert
    except ImportError:
        return None
    try:
        return convert(tex.strip(), display="block" if display else "inline")
    except Exception:  # a formula it cannot read stays as written
        return None


def protect_math(text: str, start: int = 0) -> tuple[str, dict[str, str]]:
    """``text`` with each formula outside code replaced by a placeholder (numbered from ``start``),
    and ``{placeholder: MathML}``: a Markdown renderer leaves the placeholders alone (it would
    mangle MathML written into its input), :func:`restore_math` puts the formulas back."""
    formulas: dict[str, str] = {}

    def swap(match):
        tex, display = (match.group(1), True) if match.group(1) is not None else (match.group(2), False)
        converted = mathml(tex, display)
        if converted is None:
            return match.group(0)
        key = f"PMLIBMATH{start + len(formulas)}X"
        formulas[key] = converted
        return key

    pieces, last = [], 0
    for code in _CODE_SPAN.finditer(text):
        pieces.append(_MATH.sub(swap, text[last:code.start()]))
        pieces.append(code.group(0))
        last = code.end()
    pieces.append(_MATH.sub(swap, text[last:]))
    return "".join(pieces), formulas


def restore_math(html_text: str, formulas: dict[str, str]) -> str:
    """Put the MathML of :func:`protect_math` back in place of its placeholders (last first, so
    PMLIBMATH1X never eats the start of PMLIBMATH12X)."""
    for key in sorted(formulas, key=len, reverse=True):
        html_text = html_text.replace(key, formulas[key])
    return html_text


def code(source: str) -> str:
    """Python source as highlighted HTML (pygments, CSS classes from :func:`code_css`)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    return highlight(source, PythonLexer(), HtmlFormatter(cssclass="pmlib-code"))


def code_css() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".pmlib-code")


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def output(out: dict, widget_state: dict | None = None) -> str:
    """One cell output as HTML: a widget snapshot, an image, an HTML table, or text."""
    kind = out.get("output_type")
    if kind == "stream":
        if out.get("name") == "stderr":
            return ""  # warnings and progress bars do not belong on a slide or a handout
        return f"<pre class='pmlib-out'>{html.escape(_ANSI.sub('', _joined(out.get('text', ''))))}</pre>"
    if kind == "error":
        text = _ANSI.sub("", "\n".join(out.get("traceback", [])))
        return f"<pre class='pmlib-error'>{html.escape(text)}</pre>"
    data = out.get("data", {})
    if WIDGET_VIEW in data and widget_state:
        snapshot = widget(data[WIDGET_VIEW].get("model_id", ""), widget_state)
        if snapshot:
            return snapshot
    if "image/png" in data:
        return f"<img class='pmlib-figure' alt='figure' src='data:image/png;base64,{_joined(data['image/png']).strip()}'>"
    if "image/svg+xml" in data:
        return _joined(data["image/svg+xml"])
    if "text/html" in data:
        return f"<div class='pmlib-html'>{_joined(data['text/html'])}</div>"
    if "text/markdown" in data:
        return markdown(_joined(data["text/markdown"]))
    if "text/plain" in data:
        return f"<pre class='pmlib-out'>{html.escape(_joined(data['text/plain']))}</pre>"
    return ""


def widget(model_id: str, state: dict, depth: int = 0) -> str:
    """Static HTML of a saved widget (and its children) from ``nb.metadata.widgets`` state."""
    entry = state.get(model_id)
    if entry is None or depth > 20:
        return ""
    name = entry.get("model_name", "")
    s = entry.get("state", {})
    layout = state.get(str(s.get("layout", "")).removeprefix("IPY_MODEL_"), {}).get("state", {})
    if layout.get("display") == "none" or layout.get("visibility") == "hidden":
        return ""  # hidden in the live widget too
    if name in ("ButtonModel", "ToggleButtonModel"):
        text = html.escape(str(s.get("description", "")))
        return f"<span class='pmlib-button'>{text}</span>" if text else ""
    if name in ("VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel", "AccordionModel", "TabModel"):
        direction = "row" if name == "HBoxModel" else "column"
        children = [widget(str(c).removeprefix("IPY_MODEL_"), state, depth + 1) for c in s.get("children", [])]
        inner = "".join(c for c in children if c)
        return f"<div class='pmlib-widget' style='display:flex;flex-direction:{direction};gap:8px'>{inner}</div>"
    if name in ("HTMLModel", "HTMLMathModel"):
        return f"<div>{s.get('value', '')}</div>" if s.get("value") else ""
    if name == "LabelModel":
        return f"<div>{html.escape(str(s.get('value', '')))}</div>"
    if name == "ImageModel":
        for buf in entry.get("buffers", []):
            if buf.get("path") == ["value"] and buf.get("data"):
                fmt = s.get("format", "png")
                return f"<img class='pmlib-figure' alt='widget chart' src='data:image/{fmt};base64,{buf['data']}'>"
        return ""
    if name == "OutputModel":
        return "".join(output(o, state) for o in s.get("outputs", []))
    description = html.escape(str(s.get("description", "")))
    label = f"<b>{description}</b>: " if description else ""
    if "_options_labels" in s:  # Dropdown, RadioButtons, Select, ToggleButtons, SelectionSlider
        labels = s.get("_options_labels", [])
        index = s.get("index")
        if isinstance(index, list | tuple):
            chosen = ", ".join(labels[i] for i in index if 0 <= i < len(labels))
        else:
            chosen = labels[index] if isinstance(index, int) and 0 <= index < len(labels) else ""
        return f"<div class='pmlib-control'>{label}{html.escape(chosen)}</div>"
    if "value" in s and name.endswith("Model") and name not in ("LayoutModel",) and "Style" not in name:
        value = s["value"]
        if isinstance(value, list):
            value = " to ".join(str(v) for v in value)
        if isinstance(value, bool):
            value = "on" if value else "off"
        elif isinstance(value, int | float) and s.get("readout_format"):
            value = _readout(value, s["readout_format"])
        return f"<div class='pmlib-control'>{label}{html.escape(str(value))}</div>"
    return ""


def _readout(value, spec: str) -> str:
    """A slider's value as its readout shows it: ipywidgets' d3-format spec (".1%", ",.0f", "d")
    is also a Python format spec for these; anything else shows the plain value."""
    try:
        return format(int(value) if spec.endswith("d") else value, spec)
    except (ValueError, TypeError):
        return str(value)


def widget_state(nb) -> dict:
    return nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})


def snapshot_widgets(nb):
    """Replace every widget output by its static HTML (keeps a text/plain fallback); drop the state.

    After this the notebook needs no widget manager: nbconvert's HTML shows the snapshot.
    """
    state = widget_state(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                snap = widget(data[WIDGET_VIEW].get("model_id", ""), state) if state else ""
                data.pop(WIDGET_VIEW)
                if snap:
                    data["text/html"] = snap
    nb.metadata.pop("widgets", None)
    return nb


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import\s+url\(\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""",
                    re.I)


def remote_references(text: str) -> list[str]:
    """Every place an HTML/CSS text would load something from another host (should be none)."""
    return [text[max(0, m.start() - 40):m.end() + 60] for m in REMOTE.finditer(text)]
