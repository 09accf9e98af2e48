"""Every relative link in every notebook and Markdown file of the repository leads somewhere.

`make lab` serves the repository root, so a link that resolves to a file here works in
JupyterLab too. Web links (http, https, mailto) are not followed: the course runs offline.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import nbformat
import pytest

from ._nb import ROOT

SKIP_DIRS = {".venv", ".git", "test-artifacts", ".pytest_cache", ".ruff_cache", ".hypothesis", "build", "dist",
             ".ipynb_checkpoints", "node_modules"}
MD_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
HTML_LINK = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)


def _documents() -> list[Path]:
    found = []
    for path in sorted(ROOT.rglob("*")):
        if any(part in SKIP_DIRS for part in path.relative_to(ROOT).parts):
            continue
        if path.suffix in (".md", ".ipynb") and path.is_file():
            found.append(path)
    return found


def _markdown_of(path: Path) -> str:
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    nb = nbformat.read(path, as_version=4)
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _without_code(text: str) -> str:
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return re.sub(r"`[^`\n]*`", "", text)


def links(text: str) -> list[str]:
    text = _without_code(text)
    return MD_LINK.findall(text) + HTML_LINK.findall(text)


def _is_relative(link: str) -> bool:
    scheme = urllib.parse.urlparse(link).scheme
    return not scheme and not link.startswith(("#", "//"))


DOCUMENTS = _documents()


def test_documents_found():
    names = {p.relative_to(ROOT).as_posix() for p in DOCUMENTS}
    assert {"README.md", "CONTRIBUTING.md", "notebooks/00_start_here.ipynb", "docs/trainers.md"} <= names


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(path):
    broken = []
    for link in links(_markdown_of(path)):
        if not _is_relative(link):
            continue
        target = urllib.parse.unquote(link.split("#", 1)[0].split("?", 1)[0])
        if not target:
            continue
        resolved = (path.parent / target).resolve()
        if not resolved.exists():
            broken.append(link)
        elif ROOT.resolve() not in (resolved, *resolved.parents):
            broken.append(f"{link} (outside the repository: JupyterLab cannot serve it)")
    assert not broken, f"{path.relative_to(ROOT)} links to missing files: {broken}"


def test_link_finder_sees_markdown_and_html_links():
    text = "[a](x.md) ![fig](img/f.png) [b](https://e.org) <a href='y.ipynb'>y</a> `[no](code.md)`"
    assert links(text) == ["x.md", "img/f.png", "https://e.org", "y.ipynb"]
