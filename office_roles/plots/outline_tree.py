"""The whole article as a left-to-right tree of text boxes: title → parts → items → inline lists. Text is
measured first and laid out in inches, so the figure is sized to its content and nothing overlaps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from ..article import Article
from ..i18n import GAP, LINES, label, missing, romanize, term
from ..registry import FIGURES
from .limits import limited
from .style import INK, PART_COLOURS, lighten, styled
from .text import LINESPACING, Measure, fit_pair, wrap, wrap_heading


@dataclass
class _Node:
    """A box of the tree (``text``), or a list block: ``rows`` of cells (Chinese, English), no box."""

    column: int
    colour: str
    text: str = ""
    rows: list[tuple[str, ...]] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    y: float = 0.0

def _list_rows(rows: pd.DataFrame, language: str) -> list[tuple[str, ...]]:
    """One row per inline list, every element whole (joined with 、 in Chinese), wrapped rather than cut;
    ``both`` gives (Chinese, English) cells."""
    out: list[tuple[str, ...]] = []
    for _, group in rows.groupby("list_id", sort=True):
        zh = wrap("、".join(group["element_zh"]), 28)
        en = None if group["element_en"].isna().any() else ", ".join(group["element_en"])
        if language == "zh":
            out.append((zh,))
        elif language == "en":
            out.append((wrap(en if en is not None else ", ".join(romanize(e) for e in group["element_zh"]), 50),))
        else:
            out.append((zh, "" if en is None else wrap(en, 44)))
    return out

def _outline_tree(art: Article, language: str) -> _Node:
    """Root (title) → parts → items → each item's inline lists; part-level lists hang off the part, and items
    or lists outside any part hang off the root. Children keep the order of the text."""
    zh_title = wrap_heading(art.title, 10) if art.title else "(无标题)"
    en_title = wrap(art.title_en, 26) if art.title_en else (romanize(zh_title) if art.title else "(untitled)")
    title = {"zh": zh_title, "en": en_title}.get(language, zh_title + ("\n" + en_title if art.title_en else ""))
    if art.author:
        title += "\n" + (art.source.get("author_en") or romanize(art.author) if language == "en" else art.author)
    root = _Node(0, INK, title)
    parts: dict[str, _Node] = {}
    entries: list[tuple[int, _Node, _Node]] = []  # (start, parent, node)
    for i, row in enumerate(art.parts.itertuples(index=False)):
        en = row.heading_en if language == "en" else row.label_en
        zh = wrap_heading(f"{row.marker}{row.heading_zh}", 10)
        en_text = (
            wrap(str(en), 22) if not missing(en) else (wrap(romanize(zh), 22) if language == "en" else "")
        )
        parts[row.part_id] = _Node(
            1, PART_COLOURS[i % len(PART_COLOURS)], label(zh, en_text, language, sep=LINES)
        )
        entries.append((row.start, root, parts[row.part_id]))
    grey = "#999999"
    for row in art.items.itertuples(index=False):
        parent = root if missing(row.part_id) else parts.get(row.part_id, root)
        en = None if missing(row.headline_en) else f"{row.number}. {row.headline_en}"
        text = fit_pair(f"{row.marker}{row.headline_zh}", en, language, zh_width=14, en_width=32)
        node = _Node(2, parent.colour if parent is not root else grey, text)
        own = art.lists[art.lists["item_id"] == row.item_id]
        if len(own):
            node.children.append(_Node(3, node.colour, rows=_list_rows(own, language)))
        entries.append((row.start, parent, node))
    for _, rows in art.lists[art.lists["item_id"].isna()].groupby("list_id", sort=True):
        part_id = rows["part_id"].iloc[0]
        parent = root if missing(part_id) else parts.get(part_id, root)
        node = _Node(3, parent.colour if parent is not root else grey, rows=_list_rows(rows, language))
        entries.append((int(rows["start"].iloc[0]), parent, node))
    for _, parent, node in sorted(entries, key=lambda e: e[0]):
        parent.children.append(node)
    return root

def _walk(node: _Node) -> Iterator[_Node]:
    yield node
    for child in node.children:
        yield from _walk(child)


@FIGURES.register("outline_map")
@limited
def outline_map(art: Article, *, language: str | None = None, style: str | None = None) -> Figure:
    """The whole article as a left-to-right tree of text boxes. The figure is sized to its content: text is
    measured first, then laid out in inches (the axes' data units), so nothing overlaps at any font size."""
    with styled(language, style) as (lang, s):
        root = _outline_tree(art, lang)
        nodes = list(_walk(root))
        measure = Measure()
        size = {0: s.title, 1: s.font, 2: s.font, 3: s.small}
        pad = s.font / 72 * 0.5  # inside a box, inches
        gap_x, gap_y, cell_gap = s.font / 72 * 2.6, s.font / 72 * 0.5, s.small / 72 * 2.0
        line_h = measure("国Ag", size[3])[1] * 1.12

        def lines(row: tuple[str, ...]) -> int:
            return max(cell.count("\n") + 1 for cell in row)

        blocks = [n for n in nodes if n.rows]
        cells = max((len(r) for n in blocks for r in n.rows), default=1)
        cell_w = [
            max(
                (measure(r[j], size[3])[0] for n in blocks for r in n.rows if len(r) > j and r[j]),
                default=0.0,
            )
            for j in range(cells)
        ]
        for node in nodes:
            if node.rows:
                node.width = sum(cell_w) + cell_gap * (cells - 1)
                node.height = line_h * sum(lines(r) for r in node.rows)
            else:
                w, h = measure(node.text, size[node.column])
                node.width, node.height = w * 1.04 + 2 * pad, h + 2 * pad  # 4% for hinting at other dpi
        widths = [max((n.width for n in nodes if n.column == c), default=0.0) for c in range(4)]
        for node in nodes:  # equal box widths per column read as a grid
            if not node.rows:
                node.width = widths[node.column]
        xs = [0.3 + sum(widths[:c]) + gap_x * c for c in range(4)]

        def place(node: _Node, top: float) -> float:
            """Give ``node`` and its subtree vertical room from ``top``; return where the next one starts."""
            if not node.children:
                node.y = top + node.height / 2
                return top + node.height + gap_y
            bottom = top
            for child in node.children:
                bottom = place(child, bottom)
            node.y = max((node.children[0].y + node.children[-1].y) / 2, top + node.height / 2)
            return max(bottom, top + node.height + gap_y)

        height = place(root, 0.2) + 0.1
        width = xs[3] + widths[3] + 0.3
        heading = term("outline_title", lang, sep=GAP) + LINES + term("outline_question", lang, sep=LINES)
        header = s.title / 72 * (1.1 + 1.3 * (heading.count(LINES) + 1))
        fig = Figure(figsize=(width, height + header))
        ax = fig.add_axes((0, 0, 1, height / (height + header)))
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        ax.set_axis_off()
        for node in nodes:
            x = xs[node.column]
            for child in node.children:
                mid = xs[node.column + 1] - gap_x * 0.5  # the parent's trunk, left of its first child column
                ax.plot(
                    [x + node.width, mid, mid, xs[child.column] - pad * 0.5],
                    [node.y, node.y, child.y, child.y],
                    color=child.colour,
                    linewidth=s.line * 0.8,
                    solid_joinstyle="round",
                    zorder=1,
                )
            if node.rows:
                top = node.y - node.height / 2
                for row in node.rows:  # one text per line, so wrapped cells keep the rows' rhythm
                    for j, cell in enumerate(row):
                        for k, line in enumerate(cell.split("\n")):
                            ax.text(
                                x + sum(cell_w[:j]) + cell_gap * j,
                                top + line_h * (k + 0.5),
                                line,
                                ha="left",
                                va="center",
                                fontsize=size[3],
                                color=INK if j == 0 else "#444444",
                                zorder=3,
                            )
                    top += line_h * lines(row)
                continue
            ax.add_patch(
                FancyBboxPatch(
                    (x, node.y - node.height / 2),
                    node.width,
                    node.height,
                    zorder=2,
                    boxstyle=f"round,pad=0,rounding_size={pad}",
                    facecolor=lighten(node.colour, 0.8),
                    edgecolor=node.colour,
                    linewidth=s.line * 0.7,
                )
            )
            ax.text(
                x + pad,
                node.y,
                node.text,
                ha="left",
                va="center",
                fontsize=size[node.column],
                color=INK,
                linespacing=LINESPACING,
                zorder=3,
            )
        fig.text(
            0.3 / width,
            1 - 0.3 * header / (height + header),
            heading,
            ha="left",
            va="top",
            fontsize=s.title,
        )
        return fig
