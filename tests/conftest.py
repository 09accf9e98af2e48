"""Shared fixtures: notebook timing report, headless matplotlib."""

from __future__ import annotations

import os

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

NOTEBOOK_TIMES: list[tuple[str, float]] = []


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def pytest_terminal_summary(terminalreporter):
    if NOTEBOOK_TIMES:
        terminalreporter.section("notebook execution times")
        for name, seconds in sorted(NOTEBOOK_TIMES):
            terminalreporter.write_line(f"{seconds:7.1f} s  {name}")
        total = sum(s for _, s in NOTEBOOK_TIMES)
        terminalreporter.write_line(f"{total:7.1f} s  total")


# Progress of practice and exercise checks goes to a throwaway file, never a learner's ~/.pmlib
# (set at import, so notebook kernels started by the tests inherit it).
import tempfile as _tempfile  # noqa: E402

os.environ["PMLIB_PROGRESS"] = os.path.join(_tempfile.mkdtemp(prefix="pmlib-progress-"), "progress.json")
