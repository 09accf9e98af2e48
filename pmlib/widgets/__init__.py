"""Interactive front ends (ipywidgets 8) over pmlib's functions.

Widgets are thin: a callback calls a pmlib function and renders what it returns. Every
factory returns a :class:`Dashboard` whose ``controls`` dict holds the input widgets (set
``.value`` to drive it, in a notebook or a test) and whose ``summary`` is the key figures as
plain text, also shown on screen so the result reads in any front end and in test logs.

One submodule per domain (``widgets.finance``, ...); their public factories are also here.
"""

from __future__ import annotations

import importlib
import pkgutil

from ._base import Dashboard, figure_to_png

__all__ = ["Dashboard", "figure_to_png"]

for _info in pkgutil.iter_modules(__path__):
    if _info.name.startswith("_"):
        continue
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    globals()[_info.name] = _module
    for _name in getattr(_module, "__all__", ()):
        if _name in globals() and globals()[_name] is not getattr(_module, _name):
            raise ImportError(f"pmlib.widgets: {_name!r} is defined in two submodules; rename one.")
        globals()[_name] = getattr(_module, _name)
        __all__.append(_name)
