"""Helpers to find and execute the course notebooks."""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
CHECK_CALL = re.compile(r"^\s*(q\d+)\.check\(\)\s*$", re.M)


def execute(nb, cwd: Path, timeout: int = 900) -> float:
    """Run a notebook object in place (top to bottom); return the seconds it took."""
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return time.perf_counter() - start


def outputs_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "text" in out:
                parts.append(out["text"])
            data = out.get("data", {})
            parts.append(data.get("text/plain", ""))
    return "\n".join(parts)


def with_solutions(nb):
    """The answer key: every `qN.check()` cell runs qN's solution first and asserts it is correct."""
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        match = CHECK_CALL.search(cell.source)
        if match:
            q = match.group(1)
            cell.source = (
                f"exec({q}.solution_code, globals())\n"
                f"_result = {q}.evaluate(globals())\n"
                f"assert _result.correct, f'{q}: solution not accepted: {{_result}}'\n"
                f"{q}.check()"
            )
    return nb
