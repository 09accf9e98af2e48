"""Figures for the course, seaborn style: each function takes ``data=`` and ``ax=``, draws on
the Axes (a new figure when ``ax`` is None) and returns it. No ``plt.show()``.

One submodule per domain (``plots.finance``, ``plots.evm``, ...); every public function of
every submodule is also available here, e.g. ``pm.plots.tornado``.
"""

from __future__ import annotations

import importlib
import pkgutil

from ._style import format_axis_money, format_axis_percent, new_axes

__all__ = ["new_axes", "format_axis_money", "format_axis_percent"]

for _info in pkgutil.iter_modules(__path__):
    if _info.name.startswith("_"):
        continue
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    globals()[_info.name] = _module
    for _name in getattr(_module, "__all__", ()):
        if _name in globals() and globals()[_name] is not getattr(_module, _name):
            raise ImportError(f"pmlib.plots: {_name!r} is defined in two submodules; rename one.")
        globals()[_name] = getattr(_module, _name)
        __all__.append(_name)
