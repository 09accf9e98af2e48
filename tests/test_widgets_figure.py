"""The widgets' reused figure: cached text looks like matplotlib's own, and the PNG is right."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from pmlib.widgets import _figure
from pmlib.widgets._base import figure_to_png
from pmlib.widgets._figure import lean_axes, lean_figure

matplotlib.use("Agg")


def _pixels(fig) -> np.ndarray:
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(float)


def _plain(width, height):
    fig = Figure(figsize=(width, height), dpi=100, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


STRINGS = [
    ("Release burnup: 340 of 516 points (63 %)", {}),
    ("Points (story points)", {"rotation": 90}),
    ("rotated 30 degrees", {"rotation": 30, "fontsize": 11}),
    ("Bold, half see-through", {"fontweight": "bold", "alpha": 0.5, "color": "navy"}),
    (r"$\sigma = \sqrt{n}$ and text", {"fontsize": 12}),
    ("Small italic tick 1,250 k$", {"fontsize": 7, "style": "italic"}),
    ("two\nlines", {"ha": "center", "va": "center"}),
]


@pytest.mark.parametrize(("s", "style"), STRINGS, ids=[s for s, _ in STRINGS])
def test_cached_text_looks_like_matplotlibs_own(s, style):
    """Same ink, same place (within half a pixel: a string is placed at whole pixels, as in
    matplotlib <= 3.10), same extent; drawn a second time from the cache, the same pixels."""
    inks = []
    for fig in (lean_figure(5, 2.5), _plain(5, 2.5)):
        fig.text(0.3, 0.4, s, **style)
        inks.append((255 - _pixels(fig)).sum(axis=2))
    ours, theirs = inks
    assert ours.sum() > 1000 and ours.sum() == pytest.approx(theirs.sum(), rel=0.03)
    rows, cols = np.indices(ours.shape)
    for w in (rows, cols):
        assert (w * ours).sum() / ours.sum() == pytest.approx((w * theirs).sum() / theirs.sum(), abs=0.6)
    extent = [np.flatnonzero((ink > 60).any(axis=axis))[[0, -1]] for ink in inks for axis in (0, 1)]
    assert np.abs(np.array(extent[:2]) - np.array(extent[2:])).max() <= 1
    again = lean_figure(5, 2.5)
    again.text(0.3, 0.4, s, **style)
    assert np.array_equal((255 - _pixels(again)).sum(axis=2), ours)


def test_cached_text_keeps_colour_alpha_and_clip():
    fig = lean_figure(4, 2)
    ax = fig.add_axes([0.1, 0.1, 0.5, 0.8])
    ax.set_axis_off()
    ax.text(0.0, 0.5, "RED", color=(1, 0, 0), fontsize=20, transform=ax.transAxes)
    ax.text(0.0, 0.1, "HALF", color=(0, 0, 1), alpha=0.5, fontsize=20, transform=ax.transAxes)
    clipped = ax.text(0.9, 0.5, "CLIPPED TEXT", fontsize=20, transform=ax.transAxes, clip_on=True)
    px = _pixels(fig)
    red = px[px[..., 0] - px[..., 2] > 100]
    assert len(red) and red[:, 0].min() == 255 and np.abs(red[:, 1] - red[:, 2]).max() <= 1  # red on white
    blue = px[(px[..., 2] - px[..., 0] > 40)]
    assert len(blue) and blue[:, 2].min() >= 250 and blue[:, 0].min() >= 120  # blue at half strength
    right_of_axes = px[:, int(0.62 * px.shape[1]):]
    assert right_of_axes.min() == 255  # the clipped string stops at the frame
    clipped.set_clip_on(False)
    assert _pixels(fig)[:, int(0.62 * px.shape[1]):].min() < 100  # and shows once unclipped


def test_a_redraw_reuses_the_strings_and_a_new_string_is_rendered():
    fig, ax = lean_axes(5, 3)
    ax.plot([0, 1], [0, 1])
    title = ax.set_title("first title")
    first = figure_to_png(fig)
    n = len(_figure._TEXT_CACHE)
    assert figure_to_png(fig) == first  # same strings: same bytes, nothing rendered again
    assert len(_figure._TEXT_CACHE) == n
    title.set_text("second title")
    second = figure_to_png(fig)
    assert second != first and len(_figure._TEXT_CACHE) == n + 1
    title.set_text("first title")
    assert figure_to_png(fig) == first


def test_text_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(_figure, "TEXT_CACHE_SIZE", 20)
    fig, ax = lean_axes(5, 3)
    for k in range(40):
        ax.set_title(f"title number {k}")
        figure_to_png(fig)
        assert len(_figure._TEXT_CACHE) <= 20
    assert _figure._TEXT_BYTES[0] == sum(_figure._nbytes(v) for v in _figure._TEXT_CACHE.values())
    monkeypatch.setattr(_figure, "TEXT_CACHE_BYTES", 5000)
    for k in range(10):
        ax.set_title(f"a long title that takes a few thousand bytes of bitmap, number {k}")
        figure_to_png(fig)
        assert _figure._TEXT_BYTES[0] <= 5000
    assert _figure._TEXT_BYTES[0] == sum(_figure._nbytes(v) for v in _figure._TEXT_CACHE.values())


def test_blank_and_empty_strings_draw_nothing():
    fig = lean_figure(3, 2)
    fig.text(0.5, 0.5, "   ")
    fig.text(0.2, 0.2, "")
    assert _pixels(fig).min() == 255


def test_png_is_opaque_rgb_of_the_figure_size():
    fig, ax = lean_axes(6.0, 2.5)
    ax.bar([1, 2], [3, 4])
    image = Image.open(io.BytesIO(figure_to_png(fig)))
    assert image.mode == "RGB" and image.size == (600, 250)


def test_frozen_figure_is_encoded_once():
    fig = lean_figure(3, 2, frozen=True)
    fig.subplots().plot([0, 1], [1, 0])
    first = figure_to_png(fig)
    fig.axes[0].set_title("a change a frozen figure never shows")
    assert figure_to_png(fig) is first


@pytest.mark.parametrize("shape", [(1, 1), (7, 3), (250, 600)])
def test_png_rgb_decodes_to_the_same_pixels(shape):
    rgb = np.random.default_rng(1).integers(0, 256, size=(*shape, 3), dtype=np.uint8)
    rgb[: shape[0] // 2] = 255  # a white half, as a chart mostly is
    image = Image.open(io.BytesIO(_figure.png_rgb(rgb)))
    assert image.mode == "RGB" and image.size == (shape[1], shape[0])
    assert np.array_equal(np.asarray(image), rgb)


def test_transparent_figure_keeps_its_alpha():
    fig, ax = lean_axes(3, 2)
    fig.set_facecolor((1, 1, 1, 0))
    ax.plot([0, 1], [0, 1])
    image = Image.open(io.BytesIO(figure_to_png(fig)))
    assert image.mode == "RGBA" and np.asarray(image)[0, 0, 3] == 0


def _draw_case(ax, case):
    """Plots a widget might redraw onto one Axes; each sets what it needs, as a plot function does."""
    if case == "lines":
        ax.plot([0, 1, 2], [2, 0, 1], label="first colour of the cycle")
        ax.plot([0, 1, 2], [1, 1, 3], label="second colour")
        ax.set(title="Lines", xlabel="x (days)", ylabel="y (k$)")
        ax.legend(loc="upper left")
    elif case == "fixed limits":
        ax.bar([1, 2, 3], [5, 7, 3])
        ax.set_xlim(-5, 10)
        ax.set_xticks([0, 5], ["zero", "five"])
        ax.grid(axis="y", alpha=0.3)
        ax.set_title("Bars with fixed limits and ticks")
    elif case == "categories":
        ax.barh(["P03 Loyalty app", "P01 Booking"], [120, -40])
        ax.set_title("Categories")
    elif case == "other categories":
        ax.barh(["P07 Warehouse", "P01 Booking", "P09 Data platform"], [30, 80, -10])
    elif case == "percent":
        from matplotlib.ticker import PercentFormatter

        ax.hist(np.linspace(0, 1, 50) ** 2, bins=10)
        ax.yaxis.set_major_formatter(PercentFormatter(50))
        ax.set_ylabel("share")


SEQUENCES = [("fixed limits", "lines"), ("lines", "lines"), ("categories", "other categories"),
             ("percent", "categories", "lines"), ("other categories", "fixed limits")]


@pytest.mark.parametrize("sequence", SEQUENCES, ids=[" then ".join(s) for s in SEQUENCES])
def test_reuse_axes_draws_like_a_fresh_axes(sequence):
    """Whatever an Axes showed before, after reuse_axes() the next plot looks as on a new Axes."""
    reused, ax = lean_axes(5, 3, left=0.3)
    for case in sequence:
        _figure.reuse_axes(ax)
        _draw_case(ax, case)
        ticks = ax.xaxis.majorTicks  # kept: no tick is built again
    fresh, ax2 = lean_axes(5, 3, left=0.3)
    _draw_case(ax2, sequence[-1])
    assert np.array_equal(_pixels(reused), _pixels(fresh))
    if not ax.xaxis.have_units():
        assert ax.xaxis.majorTicks is ticks


def test_reuse_axes_keeps_a_twin_working():
    fig, ax = lean_axes(5, 3, right=0.85)
    twin = ax.twinx()
    for top in (10, 40):
        _figure.reuse_axes(ax, twin)
        ax.bar([1, 2, 3], [top, 2, 3])
        twin.plot([1, 2, 3], [0, 0.5, 1], color="black")
        twin.set_ylabel("cumulative")
    fresh, ax2 = lean_axes(5, 3, right=0.85)
    ax2.bar([1, 2, 3], [40, 2, 3])
    twin2 = ax2.twinx()
    twin2.plot([1, 2, 3], [0, 0.5, 1], color="black")
    twin2.set_ylabel("cumulative")
    assert np.array_equal(_pixels(fig), _pixels(fresh))


@pytest.mark.parametrize("case", ["bottom ticks", "top ticks", "offset text", "twin", "no title"])
def test_titles_sit_where_matplotlib_puts_them(case, monkeypatch):
    """The title placed directly, or by matplotlib when something may push it up: same pixels."""
    def draw(fig):
        ax = fig.subplots()
        y = [1e9, 1e9 + 1, 1e9 + 3] if case == "offset text" else [0, 1, 3]
        ax.plot([0, 1, 2], y)
        if case == "top ticks":
            ax.xaxis.tick_top()
        if case == "twin":
            ax.twinx().plot([0, 2], [5, 6], color="grey")
        if case != "no title":
            ax.set_title("A title that must not touch anything")
        return fig

    fast = draw(lean_figure(4, 3, top=0.8))
    pinned = [ax for ax in fast.axes if _figure._title_can_be_pinned(ax)]
    assert bool(pinned) == (case in ("bottom ticks", "twin", "offset text"))
    fast_pixels = _pixels(fast)
    assert _figure._has_offset_text(fast.axes[0]) == (case == "offset text")  # drawn again, placed by matplotlib
    monkeypatch.setattr(_figure, "_title_can_be_pinned", lambda ax: False)
    assert np.array_equal(fast_pixels, _pixels(draw(lean_figure(4, 3, top=0.8))))
    assert all(ax._autotitlepos for ax in fast.axes if ax.get_title())  # left as matplotlib had it


def test_every_widget_draws_on_one_lean_figure():
    """The cheap path for every dashboard: its chart is a LeanFigure, and a move redraws that same figure."""
    import inspect

    import pmlib as pm
    from pmlib.widgets._figure import LeanFigure

    for name in pm.widgets.__all__:
        factory = getattr(pm.widgets, name)
        if not inspect.isfunction(factory) or name == "figure_to_png":
            continue
        dash = factory()
        figure = dash.last_view.figure
        if figure is None:
            continue
        assert isinstance(figure, LeanFigure), name
        control = next((c for c in dash.controls.values() if getattr(c, "options", None) and len(c.options) > 1
                        or hasattr(c, "max")), None)
        if control is None:
            continue
        if getattr(control, "options", None):
            values = [o[1] if isinstance(o, tuple) else o for o in control.options]
            control.value = next(v for v in values if v != control.value)
        else:
            control.value = control.max if control.value != control.max else control.min
        if dash.error:  # a move the widget refuses (e.g. optimistic above most likely) shows no chart
            continue
        again = dash.last_view.figure
        assert again is figure or getattr(again, "_png", None) is not None, name  # the same, or a frozen one


def test_a_changed_hinting_setting_renders_afresh():
    import matplotlib as mpl

    fig = lean_figure(3, 1)
    fig.text(0.1, 0.4, "hinted text 0123", fontsize=11)
    default = _pixels(fig)
    with mpl.rc_context({"text.hinting": "none"}):
        plain = lean_figure(3, 1)
        plain.text(0.1, 0.4, "hinted text 0123", fontsize=11)
        other = _pixels(plain)
        reference = _plain(3, 1)
        reference.text(0.1, 0.4, "hinted text 0123", fontsize=11)
        assert np.abs(other - _pixels(reference)).sum() < np.abs(default - _pixels(reference)).sum()
