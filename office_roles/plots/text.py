"""Fitting text into figures: wrapping each language at its own width, clipping notes, measuring text before
layout, and the labels of parts and items. Which language shows is decided in :mod:`office_roles.i18n`."""

from __future__ import annotations

import textwrap

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..fonts import LATIN_FAMILY
from ..i18n import LINES, SLASH, has_cjk, label, missing, romanize


def wrap(text: str, width: int) -> str:
    """Wrap each line at spaces; Chinese has none, so a line with hanzi breaks every ``width`` characters."""
    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_on_hyphens=False, break_long_words=has_cjk(line)) or [""])
        for line in text.split("\n")
    )


def fit_pair(
    zh: object, en: object, language: str, *, zh_width: int, en_width: int, sep: str = LINES
) -> str:
    """A node or tick text: each language wrapped at its own width (hanzi are about twice as wide)."""
    zh_text = "" if missing(zh) else wrap(str(zh), zh_width)
    en_text = "" if missing(en) else wrap(str(en), en_width)
    if language == "en" and not en_text:
        en_text = wrap(romanize(str(zh)), en_width) if zh_text else ""
    return label(zh_text, en_text, language, sep=sep)

def item_text(row: object, language: str, sep: str = SLASH, with_id: bool = False) -> str:
    text = label(row, language=language, sep=sep)
    return f"{row.item_id} {text}" if with_id else text  # type: ignore[attr-defined]

def part_text(row: object, language: str, sep: str = SLASH) -> str:
    zh = row.label_zh if not missing(row.label_zh) else wrap(str(row.heading_zh), 16)  # type: ignore[attr-defined]
    return label(zh, row.label_en, language, sep=sep)  # type: ignore[attr-defined]

def emphasis(text: str) -> dict[str, str]:
    """Bold for Latin-only text, set in the Latin family alone: Noto Sans SC ships in one weight, and asking
    the CJK fallback for bold logs a "Failed to find font weight" message."""
    return {} if has_cjk(text) else {"fontweight": "bold", "fontfamily": LATIN_FAMILY}

def wrap_heading(text: str, width: int) -> str:
    """Break a Chinese heading after a closing bracket when one falls near the limit: 党委办公厅(室) / 要…"""
    if len(text) > width:
        for cut in range(width, width - 4, -1):
            if text[cut - 1] in ")）":
                return text[:cut] + "\n" + wrap(text[cut:], width)
    return wrap(text, width)

LINESPACING = 1.25

class Measure:
    """Text extents in inches, measured with Agg on a scratch figure so the tree boxes fit their text."""

    def __init__(self) -> None:
        self.figure = Figure(dpi=72)
        self.renderer = FigureCanvasAgg(self.figure).get_renderer()

    def __call__(self, text: str, size: float) -> tuple[float, float]:
        artist = self.figure.text(0, 0, text, fontsize=size, linespacing=LINESPACING)
        box = artist.get_window_extent(self.renderer)
        artist.remove()
        return box.width / 72, box.height / 72
