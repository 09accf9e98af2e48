"""Packaging, environment and import hygiene."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

try:
    import tomllib
except ImportError:  # Python 3.10: pip vendors the same parser
    from pip._vendor import tomli as tomllib

import pmlib as pm

ROOT = Path(__file__).resolve().parent.parent


def _name(req: str) -> str:
    return re.split(r"[<>=!~ \[;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _bound(req: str) -> str:
    m = re.search(r">=\s*([0-9][0-9.]*)", req)
    return m.group(1) if m else ""


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_environment_yml_matches_pyproject():
    """environment.yml lists exactly the runtime + test packages of pyproject.toml, same lower bounds."""
    project = _pyproject()["project"]
    wanted = {_name(r): _bound(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    conda = {}
    pip_section = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip_section = dep.get("pip", [])
            continue
        if _name(dep) in {"python", "pip"}:
            continue
        conda[_name(dep)] = _bound(dep)
    missing = sorted(set(wanted) - set(conda))
    extra = sorted(set(conda) - set(wanted))
    assert not missing, f"environment.yml lacks {missing}: add them (same lower bound as pyproject.toml)"
    assert not extra, f"environment.yml has {extra} that pyproject.toml does not: remove or add them there"
    drift = {n: (wanted[n], conda[n]) for n in wanted if wanted[n] != conda[n]}
    assert not drift, f"lower bounds differ (pyproject, environment.yml): {drift}"
    assert any(p.strip() in ("-e .", ".") for p in pip_section), "environment.yml must install pmlib itself (pip: -e .)"


def test_python_and_required_dependencies():
    project = _pyproject()["project"]
    assert project["requires-python"] == ">=3.10"
    names = {_name(r): r for r in project["dependencies"]}
    for needed in ("numpy", "pandas", "numpy-financial", "scipy", "matplotlib", "seaborn", "ipywidgets", "jupyterlab"):
        assert needed in names and ">=" in names[needed], f"{needed} needs a lower bound"
    assert names["ipywidgets"].endswith(">=8.0") and names["jupyterlab"].endswith(">=4.0")
    test = {_name(r) for r in project["optional-dependencies"]["test"]}
    assert {"pytest", "hypothesis", "nbclient", "papermill", "playwright", "ruff"} <= test
    bench = {_name(r) for r in project["optional-dependencies"]["bench"]}
    assert "pyxirr" in bench and "pyxirr" not in names


def test_layout_matches_design():
    for path in ("pmlib", "notebooks", "exercises", "datasets", "tests", "benchmarks", "environment.yml",
                 "pyproject.toml", "README.md", "Makefile", ".ci/run", "LICENSE", "datasets/README.md"):
        assert (ROOT / path).exists(), path
    for module in ("finance", "evm", "schedule", "stagegate", "portfolio", "program", "risk", "datasets", "exercises"):
        assert hasattr(pm, module), module
    assert issubclass(pm.errors.PMLibError, ValueError)


def test_import_does_not_load_plotting_or_widgets():
    code = ("import pmlib, sys; bad = [m for m in ('matplotlib', 'seaborn', 'ipywidgets') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_plots_and_widgets_load_on_demand():
    assert pm.plots.new_axes is not None
    assert pm.widgets.Dashboard is not None


def test_doctor_reports_versions_and_widget_frontend(capsys):
    report = pm.doctor()
    out = capsys.readouterr().out
    for key in ("python", "pmlib", "jupyterlab", "ipywidgets", "jupyterlab_widgets", "pandas", "numpy",
                "numpy-financial", "seaborn"):
        assert key in out and key in report
    assert "widget front end" in out
    assert report["widget_frontend"] is True, "this environment should have jupyterlab_widgets installed"


def test_doctor_explains_a_missing_frontend(monkeypatch, capsys):
    monkeypatch.setattr(pm, "_widget_frontend", lambda: (False, "/nowhere"))
    pm.doctor()
    out = capsys.readouterr().out
    assert "NOT installed" in out and "model not found" in out


def test_readme_quick_start_is_two_commands():
    text = (ROOT / "README.md").read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", quick, re.S).group(1)
    commands = [ln for ln in block.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    assert commands == ["make lab", "make test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_course_map_links_exist():
    """Every notebook linked from the README and 00_start_here exists, and every notebook is linked."""
    readme = (ROOT / "README.md").read_text()
    start = (ROOT / "notebooks" / "00_start_here.ipynb").read_text()
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb")):
        rel = f"{nb.parent.name}/{nb.name}"
        assert rel in readme, f"README's course map does not list {rel}"
        assert nb.name in start, f"00_start_here's course map does not list {nb.name}"
    for link in re.findall(r"\((notebooks|exercises)/([0-9A-Za-z_]+\.ipynb)\)", readme):
        assert (ROOT / link[0] / link[1]).exists(), f"README links to missing {link[0]}/{link[1]}"


def test_editable_install_needs_no_import_hook():
    """`package-dir = {"" = "."}`: setuptools installs a plain path entry for `pip install -e .`
    (no meta-path finder, so no "careful with folders named like your package" warning), and a
    wheel still holds only pmlib."""
    config = _pyproject()["tool"]["setuptools"]
    assert config["package-dir"] == {"": "."}
    assert config["packages"]["find"]["include"] == ["pmlib*"]


def test_trainer_extra_brings_reveal_js():
    extras = _pyproject()["project"]["optional-dependencies"]
    assert "sphinx-revealjs" in {_name(r) for r in extras["trainer"]}


def test_make_lab_serves_the_repository_root_and_handles_root():
    makefile = (ROOT / "Makefile").read_text()
    lab = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert '--ServerApp.root_dir="$(CURDIR)"' in lab and "notebooks/00_start_here.ipynb" in lab
    assert "--allow-root" in lab and "id -u" in lab
    assert "--quiet" not in makefile.split("PIP_FLAGS ?=", 1)[1].split("\n", 1)[0]  # installs show progress
