"""One figure reused by a dashboard across redraws (no pyplot manager, no layout engine pass).

Every widget draws on a :func:`lean_figure` (or the Axes of :func:`lean_axes`): created once,
cleared or updated in place at each control change, with an Agg canvas attached once so each
PNG reuses one renderer and its text-layout cache.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure


class LeanFigure(Figure):
    """A :class:`~matplotlib.figure.Figure` for a widget: created once, cleared or updated per change.

    It has no pyplot manager (closing it is a no-op, so the dashboard can redraw it) and the
    caller fixes its margins once (no constrained-layout pass per redraw). A ``frozen`` figure
    never changes once drawn: its PNG is made once and then reused.
    """

    def __init__(self, *args, frozen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._png = {} if frozen else None

    def savefig(self, fname, **kwargs):
        if self._png is None or kwargs.get("format", "png") != "png" or not hasattr(fname, "write"):
            return super().savefig(fname, **kwargs)
        key = kwargs.get("dpi")
        if key not in self._png:
            buf = io.BytesIO()
            super().savefig(buf, **kwargs)
            self._png[key] = buf.getvalue()
        fname.write(self._png[key])
        return None


def lean_figure(width: float, height: float, *, frozen: bool = False, **adjust) -> LeanFigure:
    """A :class:`LeanFigure` of ``width`` x ``height`` inches with fixed margins (``subplots_adjust``)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = LeanFigure(figsize=(width, height), frozen=frozen)
    # a bare figure gets a fresh canvas, and re-measures every label, at each PNG
    FigureCanvasAgg(fig)
    if adjust:
        fig.subplots_adjust(**adjust)
    return fig


def lean_axes(width: float, height: float, **margins):
    """A :func:`lean_figure` with one Axes and the dashboards' usual margins: ``(fig, ax)``."""
    fig = lean_figure(width, height, **{"left": 0.09, "right": 0.98, "bottom": 0.14, "top": 0.9, **margins})
    return fig, fig.subplots()
