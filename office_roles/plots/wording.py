"""How the article words things: its most frequent content words per part (jieba) and its inline lists by type."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..article import Article
from ..i18n import LINES, label, romanize, term
from ..inline_lists import LIST_TYPES
from ..registry import FIGURES
from ..tables import english_lookup
from .limits import limited
from .style import INK, OKABE_ITO, PART_COLOURS, styled, suptitle, tidy
from .text import Measure, part_text

EXAMPLE_CHARS = 22  # characters of whole elements in a list example beside its bar
EXAMPLE_CHARS_EN = 48


@FIGURES.register("language_patterns")
@limited
def language_patterns(
    art: Article, *, language: str | None = None, style: str | None = None, top: int = 10
) -> Figure:
    """(a) the most frequent content words of each part (jieba); (b) the inline lists found, by type.

    Words are tick labels in the first language; the English (glossary, else pinyin) sits after the count, so
    three panels fit side by side.
    """
    from ..language import WHOLE_ARTICLE, word_frequencies  # jieba loads only for this figure

    with styled(language, style) as (lang, s):
        freqs = word_frequencies(art, top=top)
        groups = list(dict.fromkeys(freqs["part_id"])) or [WHOLE_ARTICLE]
        step = 2 if lang == "both" else 1  # in both languages a list example (and a panel title) takes two lines
        fig_width, fig_height = s.figsize(max(12.5, 4.3 * len(groups)), 4.6 + 0.28 * top + 1.6 * step)
        fig = Figure(figsize=(fig_width, fig_height), layout="constrained")
        measure = Measure()
        # Two subfigures, so the long list-type labels below do not narrow the word panels above.
        upper, lower = fig.subfigures(2, 1, height_ratios=[top + 1.5, step * len(LIST_TYPES) + 3.0])
        suptitle(fig, "language_title", lang)
        glossary = english_lookup(art)
        part_names = {row.part_id: part_text(row, lang) for row in art.parts.itertuples(index=False)}
        panel_names = {row.part_id: part_text(row, lang, sep=LINES) for row in art.parts.itertuples(index=False)}
        word_axes, x_max = [], 1.0
        part_colour = {p: PART_COLOURS[i % len(PART_COLOURS)] for i, p in enumerate(art.parts["part_id"])}
        for column, part_id in enumerate(groups):
            ax = upper.add_subplot(1, len(groups), column + 1)
            tidy(ax, s)
            rows = freqs[freqs["part_id"] == part_id]
            ax.set_title(
                f"(a{column + 1}) {panel_names.get(part_id) or term('all', lang)}", loc="left", fontsize=s.font
            )
            if rows.empty:
                ax.set_axis_off()
                continue
            y = np.arange(len(rows))
            counts = rows["count"].to_numpy()
            ax.barh(y, counts, color=part_colour.get(part_id, OKABE_ITO["sky_blue"]), height=0.7)
            english = [glossary.get(w) or romanize(w) for w in rows["word"]]
            ticks = list(rows["word"]) if lang != "en" else english
            ax.set_yticks(y, ticks)
            notes = [
                f" {c}" + (f"  {en}" if lang == "both" else "")
                for c, en in zip(counts, english, strict=True)
            ]
            for yi, count, note in zip(y, counts, notes, strict=True):
                ax.text(count, yi, note, va="center", ha="left", fontsize=s.small, color=INK)
            # Room for the notes: estimate the axes width (its column less the tick labels), then make the
            # x-range long enough that every bar plus its note ends inside the axes.
            axes_w = fig_width / len(groups) - max(measure(t, s.font)[0] for t in ticks) - 0.4
            need = [
                c * axes_w / max(axes_w - measure(n, s.small)[0], 0.25 * axes_w)
                for c, n in zip(counts, notes, strict=True)
            ]
            ax.set_ylim(len(rows) - 0.5, -0.5)
            x_max = max(x_max, max(need), counts.max() * 1.15)
            word_axes.append(ax)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
            ax.set_xlabel(term("count", lang))
        for ax in word_axes:  # one scale for every part, so bars compare across panels
            ax.set_xlim(0, x_max)
        ax = lower.add_subplot()
        tidy(ax, s)
        ax.set_title(f"(b) {term('lists_title', lang)}", loc="left", fontsize=s.font)
        lists = art.lists.drop_duplicates("list_id")
        by_part = (
            pd.crosstab(lists["list_type"], lists["part_id"].fillna("—")) if len(lists) else pd.DataFrame()
        )
        by_part = by_part.reindex(index=list(LIST_TYPES), fill_value=0)
        y = np.arange(len(LIST_TYPES)) * step
        start = np.zeros(len(LIST_TYPES))
        for part_id in by_part.columns:
            ax.barh(
                y,
                by_part[part_id],
                left=start,
                color=part_colour.get(part_id, "#999999"),
                height=0.68,
                edgecolor="white",
                label=part_names.get(part_id, "—"),
            )
            start += by_part[part_id].to_numpy()
        examples = _list_examples(art, lang)
        bars_end = max(start.max(), 1) * 1.2  # the bars take the left part; the examples a column of their own
        for yi, list_type, total in zip(y, LIST_TYPES, start, strict=True):
            ax.text(total, yi, f" {int(total)}", va="center", ha="left", fontsize=s.small, color=INK)
            if list_type in examples:
                ax.text(bars_end, yi, examples[list_type], va="center", ha="left", fontsize=s.small, color=INK)
        ax.set_yticks(y, [term(f"list_{t}", lang) for t in LIST_TYPES])
        ax.set_ylim(y[-1] + step / 2, -step / 2)
        ax.set_xlim(0, bars_end * 2.6)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(term("n_lists", lang))
        if len(by_part.columns):
            lower.legend(
                handles=ax.get_legend_handles_labels()[0],
                loc="outside lower center",
                ncol=len(by_part.columns),
                frameon=False,
            )
        return fig

def _list_examples(art: Article, language: str) -> dict[str, str]:
    """The first list of each type as an example: whole elements while they fit a short line, then how many
    more (例: 承接上下、联系内外 (+2)); no element is ever cut. English only where every element is translated."""
    examples = {}
    for list_type, rows in art.lists.groupby("list_type", sort=False):
        first = rows[rows["list_id"] == rows["list_id"].iloc[0]]
        shown = _fitting(list(first["element_zh"]), EXAMPLE_CHARS)
        if not first["element_en"].isna().any():
            shown = min(shown, _fitting(list(first["element_en"]), EXAMPLE_CHARS_EN))
        zh = "、".join(first["element_zh"].iloc[:shown])
        more = f" (+{len(first) - shown})" if shown < len(first) else ""
        en = None if first["element_en"].isna().any() else ", ".join(first["element_en"].iloc[:shown])
        if language == "en" and en is None:
            continue
        examples[str(list_type)] = label(f"例: {zh}{more}", None if en is None else f"e.g. {en}{more}", language,
                                         sep=LINES)
    return examples



def _fitting(elements: list[str], limit: int) -> int:
    """How many whole elements, at least one, fit in ``limit`` characters joined with 、."""
    used = 0
    for count, element in enumerate(elements, start=1):
        used += len(element) + (count > 1)
        if used > limit and count > 1:
            return count - 1
    return len(elements)
