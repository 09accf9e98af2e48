"""pmlib: compute project, program and portfolio management.

>>> import pmlib as pm
>>> sorted(m for m in ("finance", "evm", "schedule", "portfolio") if hasattr(pm, m))
['evm', 'finance', 'portfolio', 'schedule']

Computation modules (numbers only, no plotting): :mod:`pmlib.finance`, :mod:`pmlib.evm`,
:mod:`pmlib.schedule`, :mod:`pmlib.stagegate`, :mod:`pmlib.risk`, :mod:`pmlib.portfolio`,
:mod:`pmlib.program`, :mod:`pmlib.agile`; :mod:`pmlib.levels` compares the four levels. Data: :mod:`pmlib.datasets`. Exercises: :mod:`pmlib.exercises`; unlimited exam practice: :mod:`pmlib.practice`.
Figures (``pm.plots``) and widgets (``pm.widgets``) are imported on first use, so
``import pmlib`` stays fast and needs no display.
"""

from __future__ import annotations

import importlib
import sys

from . import (
    agile,
    datasets,
    errors,
    evm,
    exercises,
    finance,
    io,
    levels,
    portfolio,
    practice,
    procurement,
    program,
    quality,
    risk,
    schedule,
    stagegate,
)

__version__ = "0.1.0"

__all__ = [
    "finance",
    "evm",
    "schedule",
    "stagegate",
    "risk",
    "portfolio",
    "program",
    "agile",
    "levels",
    "procurement",
    "quality",
    "datasets",
    "io",
    "exercises",
    "practice",
    "errors",
    "plots",
    "widgets",
    "doctor",
    "__version__",
]

_LAZY = {"plots", "widgets"}


def __getattr__(name):
    if name in _LAZY:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'pmlib' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _LAZY)


def _widget_frontend() -> tuple[bool, str]:
    """Is the ipywidgets JupyterLab extension installed where this environment's Lab looks?"""
    try:
        from jupyter_core.paths import jupyter_path
    except ImportError:
        return False, "jupyter_core is not installed, so JupyterLab is not either."
    from pathlib import Path

    for base in jupyter_path("labextensions"):
        candidate = Path(base) / "@jupyter-widgets" / "jupyterlab-manager"
        if (candidate / "package.json").is_file():
            return True, str(candidate)
    return False, ", ".join(jupyter_path("labextensions"))


def doctor(file=None) -> dict:
    """Print the versions that matter for the course and whether widgets can display.

    "Error displaying widget: model not found" almost always means the JupyterLab serving the
    notebook runs in a different environment from the kernel, or lacks the widget front end
    (``jupyterlab_widgets``). Run ``pm.doctor()`` in the notebook to see which.

    Returns the figures as a dict as well.
    """
    from importlib import metadata

    out = file or sys.stdout
    report = {"python": sys.version.split()[0], "executable": sys.executable, "pmlib": __version__}
    for dist in ("jupyterlab", "ipywidgets", "jupyterlab_widgets", "pandas", "numpy", "numpy-financial",
                 "scipy", "matplotlib", "seaborn"):
        try:
            report[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            report[dist] = "not installed"
    ok, where = _widget_frontend()
    report["widget_frontend"] = ok
    width = max(map(len, report))
    for key, value in report.items():
        if key != "widget_frontend":
            print(f"{key:<{width}}  {value}", file=out)
    if ok:
        print(f"widget front end: installed ({where})", file=out)
    else:
        print(
            "widget front end: NOT installed in this environment (looked in: "
            f"{where}).\n  Widgets will show 'Error displaying widget: model not found'. Fix: "
            "`pip install 'ipywidgets>=8' jupyterlab_widgets` in the environment that runs "
            "JupyterLab, restart JupyterLab, and reload the page.",
            file=out,
        )
    return report
