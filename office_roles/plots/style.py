"""How every figure looks: the colour-blind-safe palette, the two presentation styles (notebook, projector) and
the few helpers that dress an axes the same way in every figure (title, empty state, tidy spines)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from ..i18n import LINES, resolve, term
from ..settings import STYLES, settings

# Okabe & Ito (2008), the colour-blind-safe palette; every colour in the figures comes from here.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

PART_COLOURS = [
    OKABE_ITO[c] for c in ("orange", "sky_blue", "bluish_green", "reddish_purple", "yellow", "blue")
]

FUNCTION_COLOURS = [OKABE_ITO[c] for c in ("blue", "orange", "bluish_green", "reddish_purple", "sky_blue")]

HIGHLIGHT = OKABE_ITO["vermillion"]

EXPLICIT_COLOUR = OKABE_ITO["blue"]

INTERPRETIVE_COLOUR = OKABE_ITO["orange"]
NEUTRAL = "#F0F0F0"
INK = "#222222"
MUTED = "#555555"  # secondary text (English beside Chinese in widgets)
# The four combinations of the mapping comparison: neither, only the article, only the learner, both.
COMPARISON_COLOURS = [NEUTRAL, OKABE_ITO["orange"], OKABE_ITO["sky_blue"], OKABE_ITO["bluish_green"]]
OK_COLOUR = OKABE_ITO["bluish_green"]
WARNING_COLOUR = OKABE_ITO["vermillion"]


@dataclass(frozen=True)
class Style:
    """Sizes in points (``scale`` multiplies figure sizes). The projector style is for the back row: text 1.5×
    and lines 2× as large on a figure only 1.3× as large, so text takes a bigger share of the slide."""

    font: float
    small: float
    title: float
    line: float
    scale: float

    def figsize(self, width: float, height: float) -> tuple[float, float]:
        return width * self.scale, height * self.scale

    def rc(self) -> dict[str, object]:
        return {
            "font.size": self.font,
            "axes.titlesize": self.title,
            "axes.labelsize": self.font,
            "xtick.labelsize": self.font,
            "ytick.labelsize": self.font,
            "legend.fontsize": self.small,
            "legend.title_fontsize": self.small,
            "figure.titlesize": self.title * 1.1,
            "lines.linewidth": self.line,
            "patch.linewidth": self.line * 0.6,
            "axes.linewidth": self.line * 0.6,
            "hatch.linewidth": self.line * 0.7,
            "axes.titleweight": "normal",
            "axes.titlepad": self.font * 0.6,
            # Labels are the article's text, never TeX: a "$" in a heading must print as "$", not start mathtext.
            "text.parse_math": False,
        }

STYLE_SIZES = {
    "notebook": Style(font=10.0, small=9.0, title=12.0, line=1.2, scale=1.0),
    "projector": Style(font=15.0, small=13.0, title=18.0, line=2.4, scale=1.3),
}


def _resolve(language: str | None, style: str | None) -> tuple[str, Style]:
    style = settings.style if style is None else style
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    return resolve(language), STYLE_SIZES[style]


@contextmanager
def styled(language: str | None, style: str | None) -> Iterator[tuple[str, Style]]:
    """Build a figure under the style's rcParams (read when artists are created, so nothing leaks out)."""
    lang, sizes = _resolve(language, style)
    with mpl.rc_context(sizes.rc()):
        yield lang, sizes


def tidy(ax: Axes, s: Style) -> None:
    """Tick labels are created lazily at draw time, possibly outside the rc context: fix their size now."""
    ax.tick_params(labelsize=s.font, width=s.line * 0.6, length=s.font * 0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def suptitle(fig: Figure, key: str, language: str) -> None:
    """The figure's title and, under it, the one question it answers (``<name>_question`` for ``<name>_title``)."""
    question = key.removesuffix("_title") + "_question"
    fig.suptitle(term(key, language, sep=LINES) + LINES + term(question, language, sep=LINES))


def empty_state(ax: Axes, language: str, key: str = "no_links") -> None:
    ax.text(
        0.5,
        0.5,
        term(key, language, sep=LINES),
        transform=ax.transAxes,
        ha="center",
        va="center",
        color=INK,
        bbox={"boxstyle": "round,pad=0.8", "facecolor": NEUTRAL, "edgecolor": "#999999"},
    )

def lighten(colour: str, amount: float) -> tuple[float, float, float]:
    """Mix with white: ``amount`` 0 keeps the colour, 1 gives white."""
    r, g, b = to_rgb(colour)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)
