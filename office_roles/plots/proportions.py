"""Where the article spends its words: characters per part and per item, items coloured by their part."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..article import Article
from ..i18n import missing, term
from ..registry import FIGURES
from .limits import limited
from .style import INK, PART_COLOURS, empty_state, styled, suptitle, tidy
from .text import item_text, part_text


@FIGURES.register("sizes")
@limited
def sizes(art: Article, *, language: str | None = None, style: str | None = None) -> Figure:
    """Characters per part and per item, items coloured by their part: where the article spends its words."""
    with styled(language, style) as (lang, s):
        parts, items = art.parts, art.items
        n_rows = max(len(parts), 1) + max(len(items), 1)
        fig = Figure(figsize=s.figsize(8.5, 1.7 + 0.32 * n_rows), layout="constrained")
        top, bottom = fig.subplots(2, 1, height_ratios=[max(len(parts), 1) + 1.2, max(len(items), 1) + 1.2])
        suptitle(fig, "sizes_title", lang)
        part_colour = {p: PART_COLOURS[i % len(PART_COLOURS)] for i, p in enumerate(parts["part_id"])}
        part_names = {row.part_id: part_text(row, lang) for row in parts.itertuples(index=False)}
        panels = (
            (
                top,
                [part_names[p] for p in parts["part_id"]],
                parts["chars"].to_numpy(),
                [part_colour[p] for p in parts["part_id"]],
                "parts",
            ),
            (
                bottom,
                [item_text(row, lang, with_id=True) for row in items.itertuples(index=False)],
                items["chars"].to_numpy(),
                [part_colour.get(p, "#999999") if not missing(p) else "#999999" for p in items["part_id"]],
                "items",
            ),
        )
        for ax, names, values, colours, key in panels:
            tidy(ax, s)
            ax.set_title(term(key, lang), loc="left", fontsize=s.font * 1.05)
            if not len(values):
                ax.set_axis_off()
                empty_state(ax, lang, f"no_{key}")
                continue
            y = np.arange(len(values))
            ax.barh(y, values, color=colours, height=0.72, edgecolor="white")
            for yi, v in zip(y, values, strict=True):
                ax.text(v, yi, f" {int(v)}", va="center", ha="left", fontsize=s.small, color=INK)
            ax.set_yticks(y, names)
            ax.set_ylim(len(values) - 0.5, -0.5)
            ax.set_xlim(0, values.max() * 1.12)
            ax.set_xlabel(term("chars", lang))
            ax.grid(axis="x", color="#DDDDDD", linewidth=s.line * 0.4)
            ax.set_axisbelow(True)
        if len(parts):
            handles = [Patch(facecolor=part_colour[p], label=part_names[p]) for p in parts["part_id"]]
            fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), frameon=False)
        return fig
