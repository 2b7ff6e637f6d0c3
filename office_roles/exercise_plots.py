"""The two small figures the exercises redraw live: the learner's mapping against the article's, and a radar
of self-ratings. Kept small and reused (artists updated in place) so a redraw stays well under 100 ms."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

# Okabe–Ito: neither, only the article, only you, both.
COMPARISON_COLOURS = ["#F2F2F2", "#E69F00", "#56B4E9", "#009E73"]
COMPARISON_NAMES = {
    "zh": ["都未连", "仅文章", "仅你", "一致"],
    "en": ["neither", "article only", "you only", "both"],
}


def png_bytes(fig: Figure, dpi: int = 72) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


class MappingFigure:
    """A 4 × 10 grid: what you linked against what the article links, one colour per combination."""

    def __init__(self, row_labels: list[str], column_labels: list[str], legend: list[str]) -> None:
        self.fig = Figure(figsize=(7.5, 2.8))
        FigureCanvasAgg(self.fig)
        ax = self.fig.add_axes((0.12, 0.28, 0.66, 0.62))
        grid = np.zeros((len(row_labels), len(column_labels)))
        self.image = ax.imshow(grid, cmap=ListedColormap(COMPARISON_COLOURS), vmin=-0.5, vmax=3.5, aspect="auto")
        ax.set_yticks(range(len(row_labels)), row_labels)
        ax.set_xticks(range(len(column_labels)), column_labels, rotation=45, ha="right")
        ax.set_xticks(np.arange(-0.5, len(column_labels)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(row_labels)), minor=True)
        ax.grid(which="minor", color="white", linewidth=2)
        ax.tick_params(which="minor", length=0)
        handles = [Patch(facecolor=c, edgecolor="#999999", label=n) for c, n in zip(COMPARISON_COLOURS, legend,
                                                                                     strict=True)]
        self.fig.legend(handles=handles, loc="center right", frameon=False, fontsize=9)
        self.ax = ax

    def update(self, mine: pd.DataFrame, article: pd.DataFrame, compare: bool) -> bytes:
        codes = mine.to_numpy() * 2 + (article.to_numpy() if compare else 0)
        self.image.set_data(codes)
        return png_bytes(self.fig)


def radar(ratings: dict[str, float], labels: list[str], group: dict[str, float] | None = None,
          legend: tuple[str, str] = ("you", "group average"), maximum: int = 5) -> Figure:
    """Self-ratings on a radar (polar) chart, with the group's average as a dashed outline when given."""
    fig = Figure(figsize=(4.2, 4.2))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(projection="polar")
    keys = list(ratings)
    angles = np.linspace(0, 2 * np.pi, len(keys), endpoint=False).tolist()
    closed = [*angles, angles[0]]

    def series(values: dict[str, float]) -> list[float]:
        points = [float(values.get(k, 0)) for k in keys]
        return [*points, points[0]]

    ax.plot(closed, series(ratings), color="#0072B2", linewidth=2, label=legend[0])
    ax.fill(closed, series(ratings), color="#0072B2", alpha=0.2)
    if group:
        ax.plot(closed, series(group), color="#D55E00", linewidth=2, linestyle="--", label=legend[1])
    ax.set_xticks(angles, labels)
    ax.set_ylim(0, maximum)
    ax.set_yticks(range(1, maximum + 1))
    ax.legend(loc="lower right", bbox_to_anchor=(1.15, -0.1), frameon=False, fontsize=9)
    return fig


def share_heatmap(shares: pd.DataFrame, row_labels: list[str], column_labels: list[str]) -> Figure:
    """The group's mapping: for each cell, the share of participants who linked that function and task."""
    fig = Figure(figsize=(7.5, 2.8))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.12, 0.28, 0.74, 0.62))
    image = ax.imshow(shares.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for (row, column), value in np.ndenumerate(shares.to_numpy(dtype=float)):
        ax.text(column, row, f"{value:.0%}", ha="center", va="center", fontsize=8,
                color="white" if value > 0.6 else "#333333")
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.set_xticks(range(len(column_labels)), column_labels, rotation=45, ha="right")
    fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    return fig
