"""The formula sheet, generated from the library's docstrings so it cannot drift from the code.

``docs/formulas.md`` is this module's :func:`sheet` (``make formulas`` rewrites it; a test fails
when the committed file differs). What it reads, per public function of each computation
module (the convention in CONTRIBUTING.md, "Docstrings and the formula sheet"):

- the **summary line**: ``Textbook name: what it means`` (the name is the part before the first
  colon; without a colon the whole line is the name);
- the **formula**, wherever the docstring states it before its ``Parameters`` section:
  inline code holding an ``=`` (````PV = FV / (1 + r)**n````), a ``.. math::`` block, or an
  indented line holding an ``=`` (not a ``>>>`` example);
- for a function returning several figures, a reStructuredText simple table in ``Returns``
  whose rows read ``name   formula (meaning)   unit`` (``pm.evm.metrics``): one sheet row each.

A function whose docstring states no formula is not on the sheet.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import re
from pathlib import Path

#: Computation modules in teaching order, with the lesson that teaches each.
MODULES = {
    "levels": "01_levels_of_management",
    "finance": "02_business_case",
    "evm": "03_earned_value",
    "schedule": "04_schedule",
    "stagegate": "05_stage_gates_and_risk",
    "risk": "05_stage_gates_and_risk",
    "program": "06_program",
    "portfolio": "07_portfolio",
    "agile": "08_agile_and_hybrid",
    "procurement": "09_contracts_and_quality",
    "quality": "09_contracts_and_quality",
}

_CODE = re.compile(r"``([^`]+)``")
_CALL = re.compile(r"^[A-Za-z_][\w.]*\(")
_SECTION = re.compile(r"^(Parameters|Returns|Raises|Examples|Notes|References|See Also|Yields)\s*$")


def _is_formula(span: str) -> bool:
    """An equation (``EAC = BAC / CPI``), not a call with keywords or a bare comparison."""
    s = span.strip()
    if s.startswith(("=", ">>>")) or "==" in s or not re.search(r"(?<![<>!=])=(?!=)", s):
        return False
    if re.search(r"\w=[\w\"'-]", s) or re.search(r"[(,]\s*\w+\s*=(?!=)", s):
        return False  # a call or a setting (npv(r, flows, start=1), errors="nan"), not an equation
    return True


def _is_expression(span: str) -> bool:
    """A right-hand side stated alone in a summary line: ``reach * impact * confidence / effort``."""
    s = span.strip()
    return "=" not in s and "(" not in s.split()[0] and bool(re.search(r"\s[*/+-]\s", s))


def _clean_math(text: str) -> str:
    return " ".join(text.split())


def _sections(doc: str) -> tuple[str, list[str], dict[str, list[str]]]:
    """(summary, description lines, {section name: lines})."""
    lines = doc.splitlines()
    summary = lines[0].strip() if lines else ""
    description, sections, current = [], {}, None
    i = 1
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _SECTION.match(line.strip()) and set(nxt.strip()) == {"-"}:
            current = line.strip()
            sections[current] = []
            i += 2
            continue
        (description if current is None else sections[current]).append(line)
        i += 1
    return summary, description, sections


def _formulas_in(text_lines: list[str], summary: str) -> list[str]:
    found: list[str] = []
    for span in _CODE.findall(summary):
        if _is_formula(span) or _is_expression(span):
            found.append(f"`{span.strip()}`")
    i = 0
    while i < len(text_lines):
        line = text_lines[i]
        stripped = line.strip()
        if stripped.startswith(".. math::"):
            body = stripped[len(".. math::"):].strip()
            parts = [body] if body else []
            i += 1
            while i < len(text_lines) and (text_lines[i].startswith((" ", "\t")) or not text_lines[i].strip()):
                if text_lines[i].strip():
                    parts.append(text_lines[i].strip())
                elif parts:
                    break
                i += 1
            if parts:
                found.append(f"${_clean_math(' '.join(parts))}$")
            continue
        if line.startswith("    ") and "=" in stripped and not stripped.startswith((">>>", "...")) \
                and not _CODE.search(stripped):
            found.append(f"`{_code(' '.join(stripped.rstrip(',').split()))}`")
        else:
            for span in _CODE.findall(line):
                if _is_formula(span):
                    found.append(f"`{span.strip()}`")
        i += 1
    unique = []
    for f in found:
        if f not in unique:
            unique.append(f)
    return unique


def _returns_table(lines: list[str]) -> list[tuple[str, str, str]]:
    """Rows ``(names, formula, meaning)`` of a simple table whose cells read ``formula (meaning)``."""
    rows, inside = [], False
    border = None
    for line in lines:
        stripped = line.strip()
        if stripped and set(stripped) <= {"=", " "} and "=" in stripped:
            if border is None:
                border = line
                inside = True
            else:
                inside = not inside
            continue
        if not inside or not stripped:
            continue
        cells = re.split(r"\s{2,}", stripped)
        if len(cells) < 2:
            continue
        names, desc = cells[0], cells[1]
        formula, meaning = _trailing_parenthesis(desc)
        left = [n.strip() for n in names.split(",")]
        right = [f.strip() for f in formula.split(",")]
        if len(left) > 1 and len(left) == len(right):
            rows += [(n, f, meaning) for n, f in zip(left, right, strict=True)]
        elif formula:
            rows.append((names, formula, meaning))
    return rows


def _trailing_parenthesis(text: str) -> tuple[str, str]:
    """``AC + (BAC - EV) (past variance will not recur)`` -> (formula, meaning)."""
    text = text.strip()
    if not text.endswith(")"):
        return text, ""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            head = text[:i].strip()
            return (head, text[i + 1:-1].strip()) if head else (text, "")
    return text, ""


def _split_summary(summary: str) -> tuple[str, str]:
    """``Textbook name: meaning`` -> (name, meaning); code spans in the name become `x`."""
    summary = summary.strip().rstrip(".")
    head, sep, tail = summary.partition(": ")
    if not sep or any(_is_formula(c) for c in _CODE.findall(head)) or head.count("``") % 4:
        head, tail = _CODE.sub(lambda m: "" if _is_formula(m.group(1)) else m.group(0), summary), ""
    return _CODE.sub(lambda m: f"`{m.group(1)}`", head).strip(" :"), tail.strip()


def _strip_code(text: str) -> str:
    """The meaning without the formula already shown in its own column."""
    text = _CODE.sub(lambda m: "" if _is_formula(m.group(1)) or _is_expression(m.group(1))
                     else f"`{m.group(1)}`", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = " ".join(text.replace(" ;", ";").replace(" ,", ",").split()).strip(" :;,")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1]
    return text


def _code(text: str) -> str:
    """Text safe inside one Markdown code span (no backticks of its own)."""
    return text.replace("`", "'")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def entries(module_name: str) -> list[dict]:
    """The formula rows of one computation module (empty when the module does not exist)."""
    if importlib.util.find_spec(f"pmlib.{module_name}") is None:
        return []
    module = importlib.import_module(f"pmlib.{module_name}")
    names = getattr(module, "__all__", [n for n in dir(module) if not n.startswith("_")])
    rows = []
    for name in names:
        obj = getattr(module, name, None)
        if not inspect.isfunction(obj) and not inspect.isbuiltin(obj):
            continue
        doc = inspect.getdoc(obj) or ""
        if not doc:
            continue
        summary, description, sections = _sections(doc)
        title, meaning = _split_summary(summary)
        call = f"pm.{module_name}.{name}"
        table = _returns_table(sections.get("Returns", []))
        formulas = _formulas_in(description, summary)
        if formulas:
            rows.append({"name": title, "formula": [f.replace("``", "") for f in formulas], "meaning": _strip_code(meaning), "function": call})
        for column, formula, what in table:
            rows.append({"name": column, "formula": [f"`{_code(f'{column} = {formula}')}`"], "meaning": what,
                         "function": f"{call}(...)[{column!r}]"})
    return rows


def sheet() -> str:
    """The whole formula sheet as Markdown (the text of ``docs/formulas.md``)."""
    out = [
        "# Formula sheet",
        "",
        "Every formula the course computes, with its textbook name, what it means and the pmlib",
        "function that computes it. **Generated from the library's docstrings** by",
        "`pmlib.trainer.formulas` (`make formulas`); do not edit by hand: a test fails when this",
        "file and the docstrings disagree. Money is in k$ in the course data; rates and shares are",
        "fractions (0.08 = 8 %).",
        "",
    ]
    root = Path(__file__).resolve().parent.parent.parent
    for module_name, lesson in MODULES.items():
        rows = entries(module_name)
        if not rows:
            continue
        nb = root / "notebooks" / f"{lesson}.ipynb"
        where = f" (lesson [{lesson}](../notebooks/{lesson}.ipynb))" if nb.is_file() else ""
        out += [f"## `pm.{module_name}`{where}", "", "| name | formula | meaning | pmlib |", "|---|---|---|---|"]
        for row in rows:
            formula = "<br>".join(_cell(f) for f in row["formula"])
            out.append(f"| {_cell(row['name'])} | {formula} | {_cell(row['meaning'])} | `{_cell(row['function'])}` |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def write(path) -> Path:
    """Write :func:`sheet` to ``path`` (used by ``make formulas`` for ``docs/formulas.md``)."""
    path = Path(path)
    path.write_text(sheet(), encoding="utf-8")
    return path


if __name__ == "__main__":  # python -m pmlib.trainer.formulas docs/formulas.md
    import sys

    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m pmlib.trainer.formulas PATH")
    print(f"wrote {write(sys.argv[1])}")
