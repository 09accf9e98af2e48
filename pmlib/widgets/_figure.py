"""One figure reused by a dashboard across redraws (no pyplot manager, no layout engine pass)."""

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
    fig = LeanFigure(figsize=(width, height), frozen=frozen)
    if adjust:
        fig.subplots_adjust(**adjust)
    return fig
