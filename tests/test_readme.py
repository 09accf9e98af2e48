"""The README's code runs as written: every ```python block, in order, in one namespace."""

from __future__ import annotations

import re

from ._nb import ROOT

README = ROOT / "README.md"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, re.S)


def test_readme_has_a_python_example():
    assert python_blocks(README.read_text(encoding="utf-8"))


def test_readme_python_blocks_run_as_written(monkeypatch):
    monkeypatch.chdir(ROOT)
    namespace: dict = {"__name__": "__readme__"}
    for i, block in enumerate(python_blocks(README.read_text(encoding="utf-8")), start=1):
        try:
            exec(compile(block, f"README.md python block {i}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message is the point
            raise AssertionError(f"README.md python block {i} fails as written: {type(exc).__name__}: {exc}\n{block}") from exc
