"""The Dashboard every pmlib widget is built on."""

from __future__ import annotations

import contextlib
import html
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import ipywidgets as W
import matplotlib

__all__ = ["Dashboard", "View", "figure_to_png"]


@dataclass
class View:
    """What a render callback returns: key figures as text, and optionally a figure and a table."""

    text: str
    figure: matplotlib.figure.Figure | None = None
    table_html: str = ""


def figure_to_png(fig, dpi: int = 100) -> bytes:
    """PNG bytes of a matplotlib figure, closing it so figures do not pile up."""
    import matplotlib.pyplot as plt

    if hasattr(fig, "to_png"):  # a dashboard's reused LeanFigure: its own canvas, nothing to close
        return fig.to_png(dpi)
    buf = io.BytesIO()
    # zlib level 1: a widget redraws on every control change, and the default level spends
    # ~15 ms more CPU per figure for a PNG only a third smaller
    fig.savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    plt.close(fig)
    return buf.getvalue()


class Dashboard(W.VBox):
    """Controls on top, key figures as text, then a chart (PNG) and an optional table.

    Parameters
    ----------
    controls : dict name -> ipywidgets control
        Each control's ``value`` is passed to ``render`` as the keyword ``name``.
    render : callable(**values) -> View
        Calls pmlib and returns what to show. A ``ValueError`` it raises is shown as a
        message (the learner moved a control somewhere meaningless), not a traceback.
    title : str
        Heading shown above the controls.

    Attributes
    ----------
    summary : str
        The text of the latest View (what the screen shows), for tests and logs.
    figure_png : bytes
        The latest chart as PNG (empty when the view has no figure).
    updates : int
        How many times the dashboard has redrawn.
    """

    def __init__(self, controls: Mapping[str, W.Widget], render: Callable[..., View], *, title: str = "",
                 columns: int = 2):
        self.controls = dict(controls)
        self._render = render
        self.summary = ""
        self.figure_png = b""
        self.updates = 0
        self.error: str | None = None
        self.last_view: View | None = None
        self._held = 0
        self._text = W.HTML(layout=W.Layout(margin="4px 0"))
        self._image = W.Image(format="png", layout=W.Layout(max_width="100%", height="auto"))
        self._table = W.HTML()
        items = list(self.controls.values())
        rows = [W.HBox(items[i:i + columns]) for i in range(0, len(items), columns)]
        header = [W.HTML(f"<h4 style='margin:4px 0'>{html.escape(title)}</h4>")] if title else []
        super().__init__(header + rows + [self._text, self._image, self._table])
        for control in self.controls.values():
            if hasattr(control, "value"):
                control.observe(self._on_change, names="value")
        self.refresh()

    @property
    def values(self) -> dict:
        return {name: c.value for name, c in self.controls.items() if hasattr(c, "value")}

    def _on_change(self, _change):
        if not self._held:
            self.refresh()

    @contextlib.contextmanager
    def hold(self, refresh: bool = False):
        """Change several controls at once without a redraw per change.

        ``with dash.hold(): ...`` sets values quietly; with ``refresh=True`` the dashboard
        redraws once on leaving the block. Use it in a callback that syncs controls (e.g. a
        project dropdown that resets the sliders), registered before the change that triggers
        the dashboard's own redraw.
        """
        self._held += 1
        try:
            yield self
        finally:
            self._held -= 1
            if refresh and not self._held:
                self.refresh()

    def refresh(self) -> None:
        """Re-run the render callback with the controls' current values."""
        self.updates += 1
        try:
            view = self._render(**self.values)
            self.error = None
        except ValueError as exc:
            view = View(text=f"Cannot compute this: {exc}")
            self.error = str(exc)
        self.last_view = view
        # chart first: a front end that sees the new text already has the new chart
        if view.figure is not None:
            self.figure_png = figure_to_png(view.figure)
            self._image.value = self.figure_png
            self._image.layout.display = None
        else:
            self.figure_png = b""
            self._image.layout.display = "none"
        self.summary = view.text
        self._text.value = (
            "<pre style='font-size:13px;line-height:1.35;margin:0;white-space:pre-wrap'>"
            f"{html.escape(view.text)}</pre>"
        )
        self._table.value = view.table_html
