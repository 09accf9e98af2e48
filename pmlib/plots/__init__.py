"""Figures for the course, seaborn style: each function takes ``data=`` and ``ax=``, draws on
the Axes (a new figure when ``ax`` is None) and returns it. No ``plt.show()``.

One submodule per domain (``plots.finance``, ``plots.evm``, ...); every public function of
every submodule is also available here, e.g. ``pm.plots.tornado``.
"""

from __future__ import annotations

from .._registry import export_submodules
from ._style import format_axis_money, format_axis_percent, new_axes

__all__ = ["new_axes", "format_axis_money", "format_axis_percent"]

__all__ += export_submodules(__name__, __path__, globals())
