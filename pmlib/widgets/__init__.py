"""Interactive front ends (ipywidgets 8) over pmlib's functions.

Widgets are thin: a callback calls a pmlib function and renders what it returns. Every
factory returns a :class:`Dashboard` whose ``controls`` dict holds the input widgets (set
``.value`` to drive it, in a notebook or a test) and whose ``summary`` is the key figures as
plain text, also shown on screen so the result reads in any front end and in test logs.

One submodule per domain (``widgets.finance``, ...); their public factories are also here.
"""

from __future__ import annotations

from .._registry import export_submodules
from ._base import Dashboard, figure_to_png

__all__ = ["Dashboard", "figure_to_png"]

__all__ += export_submodules(__name__, __path__, globals())
