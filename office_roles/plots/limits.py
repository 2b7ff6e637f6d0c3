"""How much of an article a figure draws at most, so that any article renders in about a second: a figure of a
4,000-item upload shows its first items and says so, instead of taking a minute and a gigabyte."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable

from matplotlib.figure import Figure

from ..article import Article, article_from_text
from ..i18n import LINES, resolve, term
from .style import MUTED

# Well above the seed (3 parts, 18 items, 35 lists, 3 panels of words), so its figures never change.
MAX_PARTS = 4
MAX_ITEMS = 40
MAX_LISTS = 60


@dataclasses.dataclass(frozen=True)
class Shown:
    """The article cut to the limits, and how much of each table was left out."""

    art: Article
    hidden_parts: int = 0
    hidden_items: int = 0
    hidden_lists: int = 0

    @property
    def cut(self) -> bool:
        return bool(self.hidden_parts or self.hidden_items or self.hidden_lists)


def within_limits(art: Article) -> Shown:
    """The first parts, items and lists of ``art`` (in text order), with the links between the items kept."""
    parts, items, lists = art.parts, art.items, art.lists
    if len(parts) <= MAX_PARTS and len(items) <= MAX_ITEMS and lists["list_id"].nunique() <= MAX_LISTS:
        return Shown(art)
    parts = parts.head(MAX_PARTS)
    items = items[items["part_id"].isna() | items["part_id"].isin(parts["part_id"])].head(MAX_ITEMS)
    kept_lists = lists[
        lists["item_id"].isin(items["item_id"]) | (lists["item_id"].isna() & lists["part_id"].isin(parts["part_id"]))
    ]
    kept_ids = list(dict.fromkeys(kept_lists["list_id"]))[:MAX_LISTS]
    kept_lists = kept_lists[kept_lists["list_id"].isin(kept_ids)]
    ids = set(items["item_id"])
    links = art.links[art.links["task_id"].isin(ids) & art.links["function_id"].isin(ids)]
    cut = dataclasses.replace(art, parts=parts, items=items, lists=kept_lists, links=links)
    return Shown(
        cut,
        hidden_parts=len(art.parts) - len(parts),
        hidden_items=len(art.items) - len(items),
        hidden_lists=art.lists["list_id"].nunique() - len(kept_ids),
    )


def note_what_is_left_out(fig: Figure, shown: Shown, language: str) -> None:
    """A line at the foot of the figure: "Showing the first 40 of 4,000 items (…)"."""
    if not shown.cut:
        return
    counts = {"parts": (len(shown.art.parts), shown.hidden_parts), "items": (len(shown.art.items), shown.hidden_items),
              "lists": (shown.art.lists["list_id"].nunique(), shown.hidden_lists)}
    pieces = [term(f"showing_{what}", language).format(shown=n, total=n + hidden)
              for what, (n, hidden) in counts.items() if hidden]
    fig.text(0.01, 0.003, LINES.join(pieces), ha="left", va="bottom", fontsize="small", color=MUTED)


def limited(make: Callable[..., Figure]) -> Callable[..., Figure]:
    """Decorate a figure function: it draws the article cut to the limits, and the figure says what was cut."""

    @functools.wraps(make)
    def draw(art: Article, *args: object, language: str | None = None, **kwargs: object) -> Figure:
        shown = within_limits(art)
        fig = make(shown.art, *args, language=language, **kwargs)
        note_what_is_left_out(fig, shown, resolve(language))
        return fig

    return draw


def oversized_article(parts: int = 8, items_per_part: int = 500) -> Article:
    """A text of the genre far past every limit (8 parts of 500 items: 4,000 items), for the tests and the
    benchmark that show a figure of such an upload still draws in about a second."""
    ordinals = "一二三四五六七八九"
    lines = []
    for p in range(parts):
        lines.append("一二三四五六七八九十"[p] + f"、第{p + 1}部分的工作要求")
        lines += [f"第{ordinals[i % 9]}，做好第{i}项工作。要统一思想、统一认识、统一行动。"
                  for i in range(items_per_part)]
    return article_from_text("\n".join(lines))
