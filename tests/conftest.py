"""Shared fixtures: notebook timing report, headless matplotlib."""

from __future__ import annotations

import os

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

NOTEBOOK_TIMES: list[tuple[str, float]] = []

# Property tests draw the same examples on every run, so a clean CI run is reproducible and cannot
# fail on an example no developer has seen. To hunt for new counterexamples, run with
# PMLIB_HYPOTHESIS=explore (random draws; 500 examples where a test does not set its own), e.g.
# before a release.
# No per-example deadline and no "too slow" health check: both depend on the machine's load, and a
# shared CI runner must not turn a correct property into a red run (benchmarks/ time things).
from hypothesis import HealthCheck  # noqa: E402
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_MACHINE_INDEPENDENT = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow], "print_blob": True}
_hypothesis_settings.register_profile("repeatable", derandomize=True, **_MACHINE_INDEPENDENT)
_hypothesis_settings.register_profile("explore", derandomize=False, max_examples=500, **_MACHINE_INDEPENDENT)
_hypothesis_settings.load_profile(
    "explore" if os.environ.get("PMLIB_HYPOTHESIS") == "explore" else "repeatable")


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


# -- skip messages name the optional extra that provides what is missing --------------------------
def _extras() -> dict[str, str]:
    """{importable module name: extra} from pyproject.toml's optional dependencies."""
    import re
    from pathlib import Path

    try:
        import tomllib
    except ImportError:  # Python 3.10: pip vendors the same parser
        from pip._vendor import tomli as tomllib
    data = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())
    found = {}
    extras = data["project"].get("optional-dependencies", {})
    for extra, reqs in sorted(extras.items(), key=lambda kv: kv[0] == "test"):  # a named extra first
        for req in reqs:
            name = re.split(r"[<>=!~ \[;]", req.strip(), maxsplit=1)[0].lower()
            found.setdefault(name.replace("-", "_"), extra)
    return found


_EXTRAS = _extras()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or not isinstance(report.longrepr, tuple) or len(report.longrepr) != 3:
        return
    path, line, message = report.longrepr
    import re

    missing = re.search(r"could not import '([\w.]+)'", message)
    if missing and "pip install" not in message:
        module = missing.group(1).split(".")[0].lower()
        extra = _EXTRAS.get(module)
        if extra:
            message += f" (optional extra `{extra}`: pip install -e '.[{extra}]')"
            report.longrepr = (path, line, message)


# Progress of practice and exercise checks goes to a throwaway file, never a learner's ~/.pmlib
# (set at import, so notebook kernels started by the tests inherit it).
import tempfile as _tempfile  # noqa: E402

os.environ["PMLIB_PROGRESS"] = os.path.join(_tempfile.mkdtemp(prefix="pmlib-progress-"), "progress.json")
