"""One figure reused by a dashboard across redraws (no pyplot manager, no layout engine pass).

Every widget draws on a :func:`lean_figure` (or the Axes of :func:`lean_axes`): created once,
cleared or updated in place at each control change, with an Agg canvas attached once so each
PNG reuses one renderer and its text-layout cache.

Text is most of the cost of an Agg redraw (matplotlib lays a string out and renders it glyph by
glyph at every draw), yet a redraw mostly repeats the same tick labels, axis labels and legend
entries. The lean canvas's renderer keeps each string's rendered bitmap (keyed by the string,
its font, size, angle and the resolution) and stamps it in place: a string seen before costs one
blit. As in matplotlib up to 3.10, a string is placed at whole pixels.
"""

from __future__ import annotations

import io
import math
from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure

#: Rendered strings kept (least recently used dropped first): a few hundred tick labels,
#: titles and legend entries per dashboard, a few kB each.
TEXT_CACHE_SIZE = 2048

_TEXT_CACHE: OrderedDict = OrderedDict()


def _text_key(renderer, gc, s, prop, angle, ismath, mtext):
    features = mtext.get_fontfeatures() if hasattr(mtext, "get_fontfeatures") else None
    language = mtext.get_language() if hasattr(mtext, "get_language") else None
    return (s, tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(),
            prop.get_stretch(), prop.get_size_in_points(), prop.get_file(), prop.get_math_fontfamily(),
            float(angle), ismath, bool(gc.get_antialiased()), renderer.dpi,
            None if features is None else tuple(features), language)


class _TextCachingRenderer(RendererAgg):
    """A :class:`RendererAgg` that renders each distinct string once, then stamps its bitmap."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath == "TeX" or not s:
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        key = _text_key(self, gc, s, prop, angle, ismath, mtext)
        stamp = _TEXT_CACHE.get(key)
        if stamp is None:
            stamp = self._render_alone(gc, s, prop, angle, ismath, mtext)
            _TEXT_CACHE[key] = stamp
            while len(_TEXT_CACHE) > TEXT_CACHE_SIZE:
                _TEXT_CACHE.popitem(last=False)
        else:
            _TEXT_CACHE.move_to_end(key)
        coverage, dx, dy = stamp
        if coverage is not None:
            # the C++ call matplotlib itself uses per glyph: gc's colour, alpha and clip box
            self._renderer.draw_text_image(coverage, round(x) + dx, round(y) + dy, 0, gc)
        return None

    def _render_alone(self, gc, s, prop, angle, ismath, mtext):
        """(coverage bitmap, column offset, bottom-row offset) of ``s`` drawn at a whole-pixel origin."""
        w, h, d = self.get_text_width_height_descent(s, prop, ismath)
        rad = math.radians(angle)
        cos, sin = math.cos(rad), math.sin(rad)
        # the unrotated box around the baseline origin (y upwards), rotated by angle
        xs, ys = [], []
        for cx, cy in ((0.0, -d), (w, -d), (w, h - d), (0.0, h - d)):
            xs.append(cx * cos - cy * sin)
            ys.append(cx * sin + cy * cos)
        pad = int(prop.get_size_in_points() * self.dpi / 72.0 * 0.5) + 4  # overhangs (italics, j, f)
        ox = pad + math.ceil(-min(xs))
        oy = pad + math.ceil(max(ys))  # rows run downwards
        width = ox + math.ceil(max(xs)) + pad
        height = oy + math.ceil(-min(ys)) + pad
        alone = RendererAgg(width, height, self.dpi)
        pen = alone.new_gc()
        pen.set_antialiased(gc.get_antialiased())
        pen.set_foreground("black")
        pen.set_alpha(1.0)
        pen.set_snap(gc.get_snap())
        RendererAgg.draw_text(alone, pen, ox, oy, s, prop, angle, ismath=ismath, mtext=mtext)
        pen.restore()
        alpha = np.asarray(alone.buffer_rgba())[..., 3]
        rows = np.flatnonzero(alpha.any(axis=1))
        if not len(rows):
            return None, 0, 0  # blank text (spaces)
        cols = np.flatnonzero(alpha.any(axis=0))
        r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
        coverage = np.ascontiguousarray(alpha[r0:r1, c0:c1])
        return coverage, int(c0 - ox), int(r1 - oy)


class _LeanCanvas(FigureCanvasAgg):
    """An Agg canvas whose renderer (one per size and resolution) caches rendered strings."""

    def get_renderer(self, *args, **kwargs):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = _TextCachingRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


class LeanFigure(Figure):
    """A :class:`~matplotlib.figure.Figure` for a widget: created once, cleared or updated per change.

    It has no pyplot manager (closing it is a no-op, so the dashboard can redraw it) and the
    caller fixes its margins once (no constrained-layout pass per redraw). A ``frozen`` figure
    never changes once drawn: its PNG is made once and then reused.
    """

    def __init__(self, *args, frozen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._png = {} if frozen else None

    def to_png(self, dpi: float = 100) -> bytes:
        """The figure as PNG bytes: drawn on its own canvas, encoded as RGB at zlib level 1.

        A widget redraws at every control change: the opaque white figure needs no alpha
        channel (a quarter less to compress), and level 1 costs less CPU than the default for
        a PNG only a third larger.
        """
        if self._png is not None and dpi in self._png:
            return self._png[dpi]
        from PIL import Image

        if self.dpi != dpi:
            self.set_dpi(dpi)
        self.canvas.draw()
        rgba = np.asarray(self.canvas.buffer_rgba())
        image = Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba, "raw", "RGBA", 0, 1)
        if self.patch.get_visible() and self.get_facecolor()[3] == 1:  # opaque ground: no alpha to keep
            image = image.convert("RGB")
        buf = io.BytesIO()
        image.save(buf, format="png", compress_level=1)
        png = buf.getvalue()
        if self._png is not None:
            self._png[dpi] = png
        return png

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
    # drawn at the PNG's resolution (no dpi swap per redraw), on an opaque white ground (the
    # widget is readable on a dark JupyterLab theme too)
    fig = LeanFigure(figsize=(width, height), dpi=100, facecolor="white", frozen=frozen)
    # a bare figure gets a fresh canvas, and re-measures every label, at each PNG
    _LeanCanvas(fig)
    if adjust:
        fig.subplots_adjust(**adjust)
    return fig


def lean_axes(width: float, height: float, **margins):
    """A :func:`lean_figure` with one Axes and the dashboards' usual margins: ``(fig, ax)``."""
    fig = lean_figure(width, height, **{"left": 0.09, "right": 0.98, "bottom": 0.14, "top": 0.9, **margins})
    return fig, fig.subplots()
