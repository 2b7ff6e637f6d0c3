"""The small figures the exercises redraw live: the learner's mapping against the article's, a radar of
self-ratings and the group's shared mapping. Same palette as the other figures; not registered in ``FIGURES``
(they are drawn from a learner's answers, not from the article).

A live redraw must stay well under 100 ms. Drawing ticks and labels (Chinese glyphs through the font fallback)
is most of a matplotlib render, and those never change, so each figure draws its static parts once, keeps that
background, and on every update paints only the changing artists over it (blitting) before encoding the PNG.
"""

from __future__ import annotations

import io
import textwrap

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from PIL import Image

from .style import COMPARISON_COLOURS, OKABE_ITO

COMPARISON_NAMES = {
    "zh": ["都未连", "仅原文明示", "仅你", "一致"],
    "en": ["neither", "stated by the article only", "you only", "both"],
}
DPI = 72


class BlittedFigure:
    """A figure whose static parts are rendered once; ``png()`` repaints only ``dynamic`` artists."""

    def __init__(self, fig: Figure, dynamic: list[Artist]) -> None:
        fig.set_dpi(DPI)
        for text in fig.findobj(Text):  # labels are article text, never TeX: "$" prints as "$"
            text.set_parse_math(False)
        self.fig, self.dynamic = fig, dynamic
        self.canvas = FigureCanvasAgg(fig)
        self._background = None

    def invalidate(self) -> None:
        """Call when a static part changed (a legend entry appeared, labels switched language)."""
        self._background = None

    def png(self) -> bytes:
        if self._background is None:
            for artist in self.dynamic:
                artist.set_animated(True)  # left out of the full draw, painted by hand below
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
        self.canvas.restore_region(self._background)
        for artist in self.dynamic:
            if artist.get_visible():
                self.fig.draw_artist(artist)
        width, height = self.canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def _grid_axes(row_labels: list[str], column_labels: list[str]) -> tuple[Figure, Axes]:
    """Axes for a function × task grid with room for long English labels on both sides."""
    fig = Figure(figsize=(8.4, 3.8))
    ax = fig.add_axes((0.17, 0.36, 0.62, 0.58))
    ax.set_xlim(0, len(column_labels))
    ax.set_ylim(len(row_labels), 0)
    ax.set_yticks(np.arange(len(row_labels)) + 0.5, row_labels)
    ax.set_xticks(np.arange(len(column_labels)) + 0.5, [textwrap.fill(c, 14) for c in column_labels],
                  rotation=40, ha="right", rotation_mode="anchor")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return fig, ax


class MappingFigure(BlittedFigure):
    """A 4 × 10 grid: what you linked against what the article links, one colour per combination."""

    def __init__(self, row_labels: list[str], column_labels: list[str], legend: list[str]) -> None:
        fig, ax = _grid_axes(row_labels, column_labels)
        grid = np.zeros((len(row_labels), len(column_labels)))
        self.mesh = ax.pcolormesh(grid, cmap=ListedColormap(COMPARISON_COLOURS), vmin=-0.5, vmax=3.5,
                                  edgecolors="white", linewidth=2)
        handles = [Patch(facecolor=c, edgecolor="#999999", label=n)
                   for c, n in zip(COMPARISON_COLOURS, legend, strict=True)]
        fig.legend(handles=handles, loc="center right", frameon=False, fontsize=9)
        super().__init__(fig, [self.mesh])

    def update(self, mine: np.ndarray, article: np.ndarray, compare: bool) -> bytes:
        self.mesh.set_array((mine * 2 + (article if compare else 0)).ravel())
        return self.png()


class RadarFigure(BlittedFigure):
    """Self-ratings on a radar chart, with the group's average as a dashed outline when shown."""

    def __init__(self, labels: list[str], legend: tuple[str, str] = ("you", "group average"),
                 maximum: int = 5) -> None:
        fig = Figure(figsize=(5.2, 5.0))
        ax = fig.add_axes((0.2, 0.16, 0.6, 0.66), projection="polar")
        self.angles = np.linspace(0, 2 * np.pi, len(labels), endpoint=False)
        closed = np.append(self.angles, self.angles[0])
        zeros = np.zeros_like(closed)
        (self.line,) = ax.plot(closed, zeros, color=OKABE_ITO["blue"], linewidth=2, label=legend[0])
        (self.fill,) = ax.fill(closed, zeros, color=OKABE_ITO["blue"], alpha=0.2)
        (self.group,) = ax.plot(closed, zeros, color=OKABE_ITO["vermillion"], linewidth=2, linestyle="--",
                                label=legend[1])
        ax.set_xticks(self.angles, labels)
        ax.set_ylim(0, maximum)
        ax.set_yticks(range(1, maximum + 1))
        fig.legend(handles=[self.line, self.group], loc="lower center", ncols=2, frameon=False, fontsize=9)
        super().__init__(fig, [self.fill, self.line, self.group])

    def update(self, ratings: list[float], group: list[float] | None = None) -> bytes:
        values = np.append(ratings, ratings[0])
        closed = np.append(self.angles, self.angles[0])
        self.line.set_ydata(values)
        self.fill.set_xy(np.column_stack([closed, values]))
        self.group.set_visible(group is not None)
        if group is not None:
            self.group.set_ydata(np.append(group, group[0]))
        return self.png()


class ShareFigure(BlittedFigure):
    """The group's mapping: for each cell, the share of participants who linked that function and task."""

    def __init__(self, row_labels: list[str], column_labels: list[str]) -> None:
        fig, ax = _grid_axes(row_labels, column_labels)
        shape = (len(row_labels), len(column_labels))
        self.mesh = ax.pcolormesh(np.zeros(shape), cmap="Blues", vmin=0, vmax=1, edgecolors="white", linewidth=2)
        self.labels = [[ax.text(c + 0.5, r + 0.5, "", ha="center", va="center", fontsize=9)
                        for c in range(shape[1])] for r in range(shape[0])]
        fig.colorbar(self.mesh, ax=ax, fraction=0.04, pad=0.02)
        super().__init__(fig, [self.mesh, *[text for row in self.labels for text in row]])

    def update(self, shares: pd.DataFrame) -> bytes:
        values = shares.to_numpy(dtype=float)
        self.mesh.set_array(values.ravel())
        for (r, c), value in np.ndenumerate(values):
            self.labels[r][c].set_text(f"{value:.0%}")
            self.labels[r][c].set_color("white" if value > 0.6 else "#333333")
        return self.png()
