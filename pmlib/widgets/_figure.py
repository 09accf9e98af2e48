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
import struct
import zlib
from collections import OrderedDict

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure

#: Rendered strings kept (least recently used dropped first): a few hundred tick labels,
#: titles and legend entries per dashboard, most well under a kB, a title about 10 kB.
TEXT_CACHE_SIZE = 2048
#: ... and at most this many bytes of bitmaps in all.
TEXT_CACHE_BYTES = 8 * 2**20

_TEXT_CACHE: OrderedDict = OrderedDict()
_TEXT_BYTES = [0]


def _font_key(prop) -> tuple:
    return (tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(), prop.get_stretch(),
            prop.get_size_in_points(), prop.get_file(), prop.get_math_fontfamily())


def _text_key(renderer, gc, s, prop, angle, ismath, mtext):
    features = mtext.get_fontfeatures() if hasattr(mtext, "get_fontfeatures") else None
    language = mtext.get_language() if hasattr(mtext, "get_language") else None
    hinting = (mpl.rcParams["text.hinting"], mpl.rcParams["text.hinting_factor"])  # how glyphs are drawn
    return (s, _font_key(prop), float(angle), ismath, bool(gc.get_antialiased()), renderer.dpi,
            None if features is None else tuple(features), language, hinting)


_HEIGHTS: dict = {}


def _font_height_metrics(prop, dpi):
    """(ascent, descent, line gap) in pixels of the font of ``prop``: its OS/2 or hhea table, as
    :meth:`matplotlib.text.Text._get_layout` reads them; ``(None, None, None)`` lets matplotlib measure."""
    from matplotlib import font_manager as fm

    find = getattr(fm.fontManager, "_find_fonts_by_props", None)
    font = fm.get_font(find(prop) if find is not None else fm.findfont(prop))
    for table_name, gap, ascent, descent in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                             ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = prop.get_size_in_points() * dpi / 72 / font.get_sfnt_table("head")["unitsPerEm"]
        return table[ascent] * scale, -table[descent] * scale, table[gap] * scale
    return None, None, None


def _nbytes(stamp) -> int:
    return 0 if stamp[0] is None else stamp[0].nbytes


class _TextCachingRenderer(RendererAgg):
    """A :class:`RendererAgg` that renders each distinct string once, then stamps its bitmap."""

    def _get_font_height_metrics(self, prop):
        # matplotlib (3.11) asks a renderer for a font's line metrics before reading the font's
        # tables itself at every layout of every string: answer from a cache
        key = (_font_key(prop), self.dpi)
        metrics = _HEIGHTS.get(key)
        if metrics is None:
            metrics = _HEIGHTS[key] = _font_height_metrics(prop, self.dpi)
        return metrics

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath == "TeX" or not s:
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        key = _text_key(self, gc, s, prop, angle, ismath, mtext)
        stamp = _TEXT_CACHE.get(key)
        if stamp is None:
            stamp = self._render_alone(gc, s, prop, angle, ismath, mtext)
            _TEXT_CACHE[key] = stamp
            _TEXT_BYTES[0] += _nbytes(stamp)
            while len(_TEXT_CACHE) > TEXT_CACHE_SIZE or _TEXT_BYTES[0] > TEXT_CACHE_BYTES:
                _TEXT_BYTES[0] -= _nbytes(_TEXT_CACHE.popitem(last=False)[1])
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


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def png_rgb(rgb: np.ndarray, level: int = 1) -> bytes:
    """PNG bytes of an ``(height, width, 3)`` uint8 image: no row filter, zlib ``level``.

    A widget encodes a mostly white chart at every control change: unfiltered rows at level 1
    compress to about the size of Pillow's adaptive filters in half its CPU time (PNG
    specification, ISO/IEC 15948: signature, IHDR, one IDAT, IEND).
    """
    height, width = rgb.shape[:2]
    rows = np.zeros((height, 1 + 3 * width), np.uint8)  # a leading 0 per row: filter type None
    rows[:, 1:] = rgb.reshape(height, 3 * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), level)) + _png_chunk(b"IEND", b""))


class _LeanCanvas(FigureCanvasAgg):
    """An Agg canvas whose renderer (one per size and resolution) caches rendered strings."""

    def get_renderer(self, *args, **kwargs):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = _TextCachingRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


def _titles(ax):
    return [t for t in (getattr(ax, "title", None), getattr(ax, "_left_title", None),
                        getattr(ax, "_right_title", None)) if t is not None]


def _siblings(ax):
    twins = getattr(ax, "_twinned_axes", None)
    return list(twins.get_siblings(ax)) if twins is not None else [ax]


def _has_offset_text(ax) -> bool:
    return any(a.yaxis.offsetText.get_visible() and a.yaxis.offsetText.get_text() for a in _siblings(ax))


def _title_can_be_pinned(ax) -> bool:
    """True when matplotlib's automatic title placement would leave the titles at the top of the
    Axes (the conditions of ``Axes._update_title_position``): x ticks and label at the bottom of
    the Axes and its twins, no child Axes, no y offset text at the last draw."""
    if getattr(ax, "_autotitlepos", None) is not True or ax.child_axes:
        return False
    if not any(t.get_text() for t in _titles(ax)):
        return False
    groups = getattr(ax.figure, "_align_label_groups", {})
    if "title" in groups and len(list(groups["title"].get_siblings(ax))) > 1:
        return False
    for a in _siblings(ax):
        if a.xaxis.get_ticks_position() in ("top", "unknown") or a.xaxis.get_label_position() == "top":
            return False
    return not _has_offset_text(ax)


class LeanFigure(Figure):
    """A :class:`~matplotlib.figure.Figure` for a widget: created once, cleared or updated per change.

    It has no pyplot manager (closing it is a no-op, so the dashboard can redraw it) and the
    caller fixes its margins once (no constrained-layout pass per redraw). A ``frozen`` figure
    never changes once drawn: its PNG is made once and then reused.
    """

    def __init__(self, *args, frozen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._png = {} if frozen else None

    def draw(self, renderer):
        """Draw, with each title placed where matplotlib would put it, measured only when needed.

        Before every draw matplotlib measures all the y tick labels of an Axes with a title, in
        case the y axis's offset text ("1e6") would touch the title, and lifts the title above
        x ticks drawn on top. With the x ticks at the bottom and no offset text, the title sits
        at the top of the Axes: it is put there directly. Should an offset text appear in the
        draw, the figure is drawn again with matplotlib's own placement.
        """
        pinned = [ax for ax in self.axes if _title_can_be_pinned(ax)]
        for ax in pinned:
            for title in _titles(ax):
                title.set_y(1.0)
            ax._autotitlepos = False
        try:
            super().draw(renderer)
        finally:
            for ax in pinned:
                ax._autotitlepos = True
        if any(_has_offset_text(ax) for ax in pinned):
            super().draw(renderer)

    def to_png(self, dpi: float = 100) -> bytes:
        """The figure as PNG bytes, drawn on its own canvas (its cached strings) and encoded by
        :func:`png_rgb` (an opaque figure needs no alpha channel)."""
        if self._png is not None and dpi in self._png:
            return self._png[dpi]
        if self.dpi != dpi:
            self.set_dpi(dpi)
        self.canvas.draw()
        rgba = np.asarray(self.canvas.buffer_rgba())
        if self.patch.get_visible() and self.get_facecolor()[3] == 1:  # opaque ground
            png = png_rgb(rgba[..., :3])
        else:
            from PIL import Image

            buf = io.BytesIO()
            Image.fromarray(rgba, "RGBA").save(buf, format="png", compress_level=1)
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


def reuse_axes(*axes) -> None:
    """Empty each Axes for a redraw, as :meth:`~matplotlib.axes.Axes.clear` would, but keep its
    Tick objects: a clear() drops them and the next draw builds every tick again (a third of a
    widget's redraw).

    Removed: every line, patch, collection, text, image, table and container, the legend, the
    titles and axis labels. Reset: linear scales with their default locators and formatters,
    the colour cycle, margins and grid from the rcParams, autoscaling on empty data limits, the
    axis shown. An axis with units (categories, dates) is cleared in full: its unit mapping
    must start again. Tick parameters stay: the plot function drawn next sets them again, as
    it does on a fresh Axes.
    """
    for ax in axes:
        for container in list(ax.containers):
            container.remove()
        for artist in [*ax.lines, *ax.patches, *ax.collections, *ax.texts, *ax.images, *ax.tables, *ax.artists]:
            artist.remove()
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        for loc, title in zip(("center", "left", "right"), _titles(ax), strict=False):
            if title.get_text():
                ax.set_title("", loc=loc)
        for axis, set_scale in ((ax.xaxis, ax.set_xscale), (ax.yaxis, ax.set_yscale)):
            if axis.have_units():
                axis.clear()
                continue
            if axis.get_label_text():
                axis.set_label_text("")
            if not (axis.get_scale() == "linear" and axis.isDefault_majloc and axis.isDefault_majfmt
                    and axis.isDefault_minloc and axis.isDefault_minfmt):
                set_scale("linear")  # default locators and formatters
        ax.set_prop_cycle(None)
        ax.margins(x=mpl.rcParams["axes.xmargin"], y=mpl.rcParams["axes.ymargin"])
        ax.use_sticky_edges = True
        ax.grid(False)
        if mpl.rcParams["axes.grid"]:
            ax.grid(True, which=mpl.rcParams["axes.grid.which"], axis=mpl.rcParams["axes.grid.axis"])
        ax.set_axis_on()
        ax.relim()
        ax.autoscale(True)


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
