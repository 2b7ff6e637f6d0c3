"""What the article itself states: only the function–task ties the text puts in so many words, each with its
sentence whole (and its English), so a class can read the evidence before any reading is added."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..article import Article
from ..i18n import GAP, LINES, SLASH, label, term
from ..registry import FIGURES
from ..translation import quote_english
from .limits import limited
from .style import EXPLICIT_COLOUR, INK, MUTED, empty_state, styled
from .text import LINESPACING, Measure, wrap

ZH_WIDTH = 40  # hanzi per line of a quote
EN_WIDTH = 80  # Latin characters per line of its English


def _blocks(art: Article, language: str) -> list[tuple[str, str, str]]:
    """(heading, quote, English) per stated link, in the order of the tasks."""
    items = art.items.set_index("item_id")
    order = {item_id: i for i, item_id in enumerate(art.items["item_id"])}
    stated = art.links[art.links["basis"] == "explicit"]
    stated = stated.assign(order=stated["task_id"].map(order)).sort_values(["order", "function_id"])
    blocks = []
    for link in stated.itertuples():
        heading = (f"{link.task_id} {label(items.loc[link.task_id], language=language, sep=SLASH)}  →  "
                   f"{link.function_id} {label(items.loc[link.function_id], language=language, sep=SLASH)}")
        quote = "" if language == "en" else wrap(f"“{link.evidence_zh}”", ZH_WIDTH)
        english = "" if language == "zh" else wrap(quote_english(art, link.evidence_zh), EN_WIDTH)
        blocks.append((heading, quote, english))
    return blocks


@FIGURES.register("stated_links")
@limited
def stated_links(art: Article, *, language: str | None = None, style: str | None = None) -> Figure:
    """One block per tie the text states: which task, which function, the sentence that says so (whole)."""
    with styled(language, style) as (lang, s):
        blocks = _blocks(art, lang)
        measure = Measure()
        heading = term("stated_title", lang, sep=GAP) + LINES + term("stated_question", lang, sep=LINES)
        pieces = [(heading, s.title, INK)]
        for head, quote, english in blocks:
            pieces += [(head, s.font, EXPLICIT_COLOUR)]
            pieces += [(text, s.small, colour) for text, colour in ((quote, INK), (english, MUTED)) if text]
        sizes = [measure(text, size) for text, size, _ in pieces]
        gap = s.font / 72 * 0.5
        width = max(max(w for w, _ in sizes) + 0.9, 6.0 * s.scale)
        height = sum(h for _, h in sizes) + gap * (len(pieces) + len(blocks)) + 0.4
        fig = Figure(figsize=(width, max(height, 2.5 * s.scale)))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, width)
        ax.set_ylim(max(height, 2.5 * s.scale), 0)
        ax.set_axis_off()
        y = 0.2
        for (text, size, colour), (_, h) in zip(pieces, sizes, strict=True):
            if colour == EXPLICIT_COLOUR:
                y += gap  # a little air above each tie
            ax.text(0.3, y, text, ha="left", va="top", fontsize=size, color=colour, linespacing=LINESPACING)
            y += h + gap
        if not blocks:
            empty_state(ax, lang)
        return fig
