"""Figures for the article: how the four functions map onto the ten tasks, the outline, sizes and wording.

Every function takes an :class:`~office_roles.article.Article` and returns a new ``matplotlib.figure.Figure``
built without pyplot, so nothing is left open in pyplot's registry and notebooks show each figure once.
``language`` (zh / en / both) and ``style`` (notebook / projector) default to ``settings`` at call time.

Two promises the tests check: with ``language="en"`` no Chinese character reaches any text artist (missing
English falls back to tone-marked pinyin), and every figure still draws for an article without the curated
layer (no English, no links): it then says so in the figure instead of failing.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import ListedColormap, to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from .article import Article
from .fonts import LATIN_FAMILY
from .settings import LANGUAGES, STYLES, settings
from .tables import role_task_matrix  # noqa: F401 (part of this module's figure API)

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

BASES = ("explicit", "interpretive")
LIST_TYPES = ("series", "four_char", "checkpoints", "counted", "ordinal")

# (zh, en) pairs for the words the figures add around the article's own labels.
TERMS: dict[str, tuple[str, str]] = {
    "primary": ("主要", "primary"),
    "secondary": ("次要", "secondary"),
    "none": ("无关联", "no link"),
    "explicit": ("原文明示", "explicit (stated in the text)"),
    "interpretive": ("解读", "interpretive (our reading)"),
    "explicit_short": ("明示", "explicit"),
    "interpretive_short": ("解读", "interpretive"),
    "no_links": (
        "这篇文章没有职能—工作关联数据\n(只有种子文章带人工整理的关联)",
        "No function–task links for this article\n(only the seed article has curated links)",
    ),
    "no_roles": ("没有找到职能或重点工作条目", "No function or task items were found"),
    "no_functions": ("没有找到职能条目", "No function items were found"),
    "no_tasks": ("没有找到重点工作条目", "No task items were found"),
    "no_parts": ("没有找到“一、”式的部分标题", "No numbered part headings were found"),
    "no_items": ("没有找到条目", "No items were found"),
    "heatmap_title": ("四个职能落在哪些重点工作上", "How the four functions map onto the key tasks"),
    "network_title": ("职能与重点工作的关系网", "Functions and the tasks that carry them"),
    "shared": ("与职能同名或同题", "task named after a function"),
    "coverage_title": ("关联有多广", "How widely the links spread"),
    "per_task": ("每项工作关联几个职能", "Functions per task"),
    "per_function": ("每个职能由几项工作承担", "Tasks per function"),
    "n_functions": ("职能数", "number of functions"),
    "n_tasks": ("工作数", "number of tasks"),
    "sizes_title": ("各部分、各条目的篇幅", "Length of each part and item"),
    "parts": ("部分", "parts"),
    "items": ("条目", "items"),
    "chars": ("字数", "characters"),
    "count": ("次数", "count"),
    "lists_title": ("文中的并列结构", "Inline lists in the text"),
    "n_lists": ("个数", "number of lists"),
    "all": ("全文", "whole text"),
    "language_title": ("语言特点", "Language patterns"),
}
LIST_TYPE_TERMS: dict[str, tuple[str, str]] = {
    "series": ("顿号并列 A、B、C", "series (A, B, C)"),
    "four_char": ("四字格", "four-character phrases"),
    "checkpoints": ("“…关”", "checkpoints (… guan)"),
    "counted": ("一是/一要…", "counted (yi shi …)"),
    "ordinal": ("第一、第二…", "ordinal (first, second …)"),
}
CELL_LETTER = {"zh": {"explicit": "明", "interpretive": "解"}, "en": {"explicit": "E", "interpretive": "I"}}

_CJK = re.compile(
    r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_PUNCT_EN = str.maketrans(
    {
        "、": ", ",
        "，": ", ",
        "。": ". ",
        "；": "; ",
        "：": ": ",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "《": '"',
        "》": '"',
        "（": "(",
        "）": ")",
        "！": "!",
        "？": "?",
    }
)


# --------------------------------------------------------------------------- style


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
        }


STYLE_SIZES = {
    "notebook": Style(font=10.0, small=9.0, title=12.0, line=1.2, scale=1.0),
    "projector": Style(font=15.0, small=13.0, title=18.0, line=2.4, scale=1.3),
}


def _resolve(language: str | None, style: str | None) -> tuple[str, Style]:
    language = settings.language if language is None else language
    style = settings.style if style is None else style
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    return language, STYLE_SIZES[style]


@contextmanager
def _styled(language: str | None, style: str | None) -> Iterator[tuple[str, Style]]:
    """Build a figure under the style's rcParams (read when artists are created, so nothing leaks out)."""
    lang, sizes = _resolve(language, style)
    with mpl.rc_context(sizes.rc()):
        yield lang, sizes


def _tidy(ax: Axes, s: Style) -> None:
    """Tick labels are created lazily at draw time, possibly outside the rc context: fix their size now."""
    ax.tick_params(labelsize=s.font, width=s.line * 0.6, length=s.font * 0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


# --------------------------------------------------------------------------- labels


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        if pd.isna(value):  # type: ignore[arg-type]
            return True
    except (TypeError, ValueError):
        return False
    return not str(value).strip()


def has_cjk(text: str) -> bool:
    """Chinese characters or CJK punctuation (the test for "no Chinese in an English figure")."""
    return bool(_CJK.search(text))


def romanize(text: str) -> str:
    """Tone-marked pinyin for Chinese runs, ASCII for CJK punctuation: an English-safe stand-in for text
    that has no translation (another article, an untranslated phrase)."""
    from pypinyin import Style as PinyinStyle
    from pypinyin import lazy_pinyin

    text = unicodedata.normalize("NFKC", text).translate(_PUNCT_EN)
    out: list[str] = []
    pos = 0
    for match in _HAN_RUN.finditer(text):
        out.append(text[pos : match.start()])
        syllables = " ".join(lazy_pinyin(match.group(), style=PinyinStyle.TONE))
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        out.append((" " if before.isalnum() else "") + syllables + (" " if after.isalnum() else ""))
        pos = match.end()
    out.append(text[pos:])
    return _CJK.sub("", re.sub(r"[ \t]+", " ", "".join(out))).strip()


def label(row_or_zh: object, en: object = None, language: str | None = None, *, sep: str = " / ") -> str:
    """One label in the chosen language: ``label("参谋", "advising", "both") == "参谋 / advising"``.

    ``row_or_zh`` is a string or a row with ``label_zh``/``label_en`` (a Series, a dict or an itertuples row).
    English falls back to pinyin when missing, so an English figure never shows hanzi; ``both`` falls back to
    the Chinese alone.
    """
    language = settings.language if language is None else language
    zh: object = row_or_zh
    if isinstance(row_or_zh, Mapping | pd.Series):
        zh = row_or_zh.get("label_zh")
        en = row_or_zh.get("label_en") if en is None else en
    elif hasattr(row_or_zh, "label_zh"):
        zh = row_or_zh.label_zh
        en = getattr(row_or_zh, "label_en", None) if en is None else en
    zh_text = "" if _missing(zh) else str(zh)
    en_text = "" if _missing(en) else str(en)
    if language == "zh":
        return zh_text or en_text
    if language == "en":
        return en_text or romanize(zh_text)
    if zh_text and en_text:
        return f"{zh_text}{sep}{en_text}"
    return zh_text or en_text


def term(key: str, language: str, sep: str = " / ") -> str:
    zh, en = TERMS[key]
    return label(zh, en, language, sep=sep)


def _wrap(text: str, width: int) -> str:
    """Wrap each line at spaces; Chinese has none, so a line with hanzi breaks every ``width`` characters."""
    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_on_hyphens=False, break_long_words=has_cjk(line)) or [""])
        for line in text.split("\n")
    )


def _clip(text: str, limit: int) -> str:
    """Cut a one-line text to about ``limit`` character widths (a hanzi counts 2, Latin 1)."""
    used, out = 0, []
    for ch in text:
        used += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used > limit:
            return "".join(out).rstrip(" ,、") + "…"
        out.append(ch)
    return text


def _bilingual(
    zh: object, en: object, language: str, *, zh_width: int, en_width: int, sep: str = "\n"
) -> str:
    """A node or tick text: each language wrapped at its own width (hanzi are about twice as wide)."""
    zh_text = "" if _missing(zh) else _wrap(str(zh), zh_width)
    en_text = "" if _missing(en) else _wrap(str(en), en_width)
    if language == "en" and not en_text:
        en_text = _wrap(romanize(str(zh)), en_width) if zh_text else ""
    return label(zh_text, en_text, language, sep=sep)


def _item_label(row: object, language: str, sep: str = " / ", with_id: bool = False) -> str:
    text = label(row, language=language, sep=sep)
    return f"{row.item_id} {text}" if with_id else text  # type: ignore[attr-defined]


def _part_label(row: object, language: str, sep: str = " / ") -> str:
    zh = row.label_zh if not _missing(row.label_zh) else _clip(str(row.heading_zh), 16)  # type: ignore[attr-defined]
    return label(zh, row.label_en, language, sep=sep)  # type: ignore[attr-defined]


def _emphasis(text: str) -> dict[str, str]:
    """Bold for Latin-only text, set in the Latin family alone: Noto Sans SC ships in one weight, and asking
    the CJK fallback for bold logs a "Failed to find font weight" message."""
    return {} if has_cjk(text) else {"fontweight": "bold", "fontfamily": LATIN_FAMILY}


def _title(fig: Figure, key: str, language: str) -> None:
    fig.suptitle(term(key, language, sep="\n"))


def _empty_state(ax: Axes, language: str, key: str = "no_links") -> None:
    ax.text(
        0.5,
        0.5,
        term(key, language, sep="\n"),
        transform=ax.transAxes,
        ha="center",
        va="center",
        color=INK,
        bbox={"boxstyle": "round,pad=0.8", "facecolor": NEUTRAL, "edgecolor": "#999999"},
    )


def _lighten(colour: str, amount: float) -> tuple[float, float, float]:
    """Mix with white: ``amount`` 0 keeps the colour, 1 gives white."""
    r, g, b = to_rgb(colour)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def _glossary(art: Article) -> dict[str, str]:
    """zh → en from the glossary and item labels; "党委办公厅(室)" also answers for "党委办公厅"."""
    pairs: dict[str, str] = {}
    for zh, en in zip(art.items["label_zh"], art.items["label_en"], strict=True):
        if not _missing(en):
            pairs[str(zh)] = str(en)
    for zh, en in zip(art.glossary["zh"], art.glossary["en"], strict=True):
        if not _missing(en):
            pairs[str(zh)] = str(en)
            pairs.setdefault(re.sub(r"\(.*?\)|（.*?）", "", str(zh)), str(en))
    return pairs


# --------------------------------------------------------------------------- role → task data


def shared_names(art: Article, min_mentions: int = 2) -> list[tuple[str, str]]:
    """(function_id, task_id) pairs where a task carries a function's name.

    Why: the article names two of its ten tasks after functions (参谋, 协调) and describes a third function
    through a task's subject (当好“耳目” is about 信息). A pair counts when the labels are equal, or when the
    function's text after its headline starts with the task's label or uses it ``min_mentions`` times or more
    (F3: 信息对于…, 信息的收集…, 信息资讯). One passing mention (F1: 信息化) does not count.
    """
    items = art.items.set_index("item_id")
    pairs = []
    for f in art.function_ids():
        f_label = str(items.at[f, "label_zh"])
        head = len(str(items.at[f, "marker"])) + len(str(items.at[f, "headline_zh"]))
        body = str(items.at[f, "text_zh"])[head:].lstrip("。:;, ")  # noqa: B005 (a set of characters)
        for t in art.task_ids():
            t_label = str(items.at[t, "label_zh"])
            if t_label == f_label or (
                len(t_label) >= 2 and (body.startswith(t_label) or body.count(t_label) >= min_mentions)
            ):
                pairs.append((f, t))
    return pairs


def role_task_graph(art: Article) -> nx.Graph:
    """Bipartite graph: function nodes (bipartite=0), task nodes (bipartite=1), one edge per curated link."""
    graph = nx.Graph()
    for row in art.items.itertuples(index=False):
        if row.kind in ("function", "task"):
            graph.add_node(
                row.item_id,
                bipartite=0 if row.kind == "function" else 1,
                kind=row.kind,
                label_zh=row.label_zh,
                label_en=None if _missing(row.label_en) else row.label_en,
            )
    for link in art.links.itertuples(index=False):
        if link.function_id in graph and link.task_id in graph:
            graph.add_edge(
                link.function_id,
                link.task_id,
                strength=link.strength,
                basis=link.basis,
                evidence_zh=link.evidence_zh,
            )
    return graph


# --------------------------------------------------------------------------- figures


def role_task_heatmap(art: Article, *, language: str | None = None, style: str | None = None) -> Figure:
    """Functions (rows) × tasks (columns): colour depth = strength; a letter gives the basis (E explicit,
    I interpretive) and interpretive cells are also hatched, so the basis survives greyscale printing."""
    with _styled(language, style) as (lang, s):
        matrix = role_task_matrix(art)
        n_f, n_t = matrix.shape
        fig = Figure(figsize=s.figsize(max(7.0, 0.95 * n_t + 2.5), 5.5), layout="constrained")
        ax = fig.add_subplot()
        _title(fig, "heatmap_title", lang)
        if n_f == 0 or n_t == 0:
            ax.set_axis_off()
            _empty_state(ax, lang, "no_roles" if n_f == n_t else "no_functions" if n_f == 0 else "no_tasks")
            return fig
        shades = [NEUTRAL, _lighten(OKABE_ITO["blue"], 0.62), OKABE_ITO["blue"]]
        ax.pcolormesh(
            np.arange(n_t + 1),
            np.arange(n_f + 1),
            matrix.to_numpy(),
            cmap=ListedColormap(shades),
            vmin=-0.5,
            vmax=2.5,
            edgecolors="white",
            linewidth=s.line * 1.5,
        )
        ax.set_xlim(0, n_t)
        ax.set_ylim(n_f, 0)
        ax.set_aspect("equal")
        items = art.items.set_index("item_id")
        en_width = 10 if s.font > 12 else 12
        ax.set_xticks(
            np.arange(n_t) + 0.5,
            [
                _bilingual(
                    items.at[t, "label_zh"], items.at[t, "label_en"], lang, zh_width=4, en_width=en_width
                )
                for t in matrix.columns
            ],
            fontsize=s.small,
        )
        ax.set_yticks(
            np.arange(n_f) + 0.5,
            [
                _bilingual(items.at[f, "label_zh"], items.at[f, "label_en"], lang, zh_width=6, en_width=14)
                for f in matrix.index
            ],
        )
        ax.tick_params(length=0)
        ax.xaxis.tick_top()
        letters = CELL_LETTER["zh" if lang == "zh" else "en"]
        for link in art.links.itertuples(index=False):
            if link.function_id not in matrix.index or link.task_id not in matrix.columns:
                continue
            x, y = matrix.columns.get_loc(link.task_id), matrix.index.get_loc(link.function_id)
            level = matrix.at[link.function_id, link.task_id]
            ink = "white" if level == 2 else INK
            if link.basis == "interpretive":
                inset = 0.025  # keep the white grid lines between cells clear of the hatching
                ax.add_patch(
                    Rectangle(
                        (x + inset, y + inset),
                        1 - 2 * inset,
                        1 - 2 * inset,
                        fill=False,
                        hatch="//",
                        edgecolor=ink,
                        linewidth=0,
                        alpha=0.55,
                    )
                )
            letter = letters.get(str(link.basis), "?")
            ax.text(
                x + 0.5,
                y + 0.5,
                letter,
                ha="center",
                va="center",
                fontsize=s.title,
                color=ink,
                **_emphasis(letter),
                bbox={"boxstyle": "circle,pad=0.25", "facecolor": shades[level], "edgecolor": "none"},
            )
        for side in ax.spines.values():
            side.set_visible(False)
        ax.tick_params(labelsize=s.font, length=0)
        ax.tick_params(axis="x", labelsize=s.small)
        if art.links.empty:
            _empty_state(ax, lang)
        handles = [  # filled column by column: row 1 = the three shades, row 2 = the two bases
            Patch(facecolor=shades[2], label=term("primary", lang)),
            Patch(
                facecolor="white", edgecolor=INK, label=f"{letters['explicit']} = {term('explicit', lang)}"
            ),
            Patch(facecolor=shades[1], label=term("secondary", lang)),
            Patch(
                facecolor="white",
                edgecolor=INK,
                hatch="//",
                label=f"{letters['interpretive']} = {term('interpretive', lang)}",
            ),
            Patch(facecolor=shades[0], edgecolor="#BBBBBB", label=term("none", lang)),
        ]
        fig.legend(
            handles=handles,
            loc="outside lower center",
            ncol=3,
            frameon=False,
            handlelength=1.6,
            handleheight=1.2,
            columnspacing=1.5,
        )
        return fig


def _two_column_layout(functions: list[str], tasks: list[str]) -> dict[str, tuple[float, float]]:
    """Functions at x=0 spread over the height of the task column at x=1; top to bottom in article order."""
    span = max(len(tasks), len(functions), 1) - 1
    pos = {t: (1.0, -span * i / max(len(tasks) - 1, 1)) for i, t in enumerate(tasks)}
    if len(functions) == 1:
        pos[functions[0]] = (0.0, -span / 2)
    else:
        margin = span * 0.1
        for i, f in enumerate(functions):
            pos[f] = (0.0, -margin - (span - 2 * margin) * i / (len(functions) - 1))
    return pos


def role_task_network(art: Article, *, language: str | None = None, style: str | None = None) -> Figure:
    """Bipartite network: edge colour = function, solid = explicit, dashed = interpretive, width = strength;
    tasks named after a function get a vermillion outline and a ↔ note.

    Labels are measured first so the x-limits leave exactly the room they need on each side.
    """
    with _styled(language, style) as (lang, s):
        graph = role_task_graph(art)
        functions, tasks = art.function_ids(), art.task_ids()
        items = art.items.set_index("item_id")
        f_text = {
            f: _bilingual(items.at[f, "label_zh"], items.at[f, "label_en"], lang, zh_width=8, en_width=16)
            for f in functions
        }
        t_text = {t: label(items.loc[t], language=lang, sep=" / ") for t in tasks}
        measure = _Measure()
        offset = s.font * 1.8  # label distance from a node centre, points
        left = (
            max((measure(text, s.title)[0] for text in f_text.values()), default=0.0)
            + offset * 1.1 / 72
            + 0.1
        )
        right = max((measure(text, s.font)[0] for text in t_text.values()), default=0.0) + offset / 72 + 0.1
        width, height = s.figsize(10.0, 6.5)
        width = max(width, left + right + 4.0 * s.scale)  # at least 4 inches between the two columns
        fig = Figure(figsize=(width, height), layout="constrained")
        ax = fig.add_subplot()
        _title(fig, "network_title", lang)
        ax.set_axis_off()
        if graph.number_of_nodes() == 0:
            _empty_state(ax, lang, "no_roles")
            return fig
        pos = _two_column_layout(functions, tasks)
        colour = {f: FUNCTION_COLOURS[i % len(FUNCTION_COLOURS)] for i, f in enumerate(functions)}
        shared_tasks = {t: f for f, t in shared_names(art)}
        node_size = (s.font * 2.2) ** 2
        for (basis, strength), group in _edge_groups(graph).items():
            nx.draw_networkx_edges(
                graph,
                pos,
                edgelist=group,
                ax=ax,
                edge_color=[colour[_function_end(graph, e)] for e in group],
                style="solid" if basis == "explicit" else (0, (4, 2.5)),
                width=s.line * (2.6 if strength == "primary" else 1.1),
                alpha=0.9,
            )
        if functions:
            nx.draw_networkx_nodes(
                graph,
                pos,
                nodelist=functions,
                ax=ax,
                node_color=[colour[f] for f in functions],
                node_size=node_size * 1.4,
                edgecolors=INK,
                linewidths=s.line * 0.6,
            )
        plain = [t for t in tasks if t not in shared_tasks]
        marked = [t for t in tasks if t in shared_tasks]
        for nodes, edge, line in ((plain, INK, s.line * 0.6), (marked, HIGHLIGHT, s.line * 2.0)):
            if nodes:
                nx.draw_networkx_nodes(
                    graph,
                    pos,
                    nodelist=nodes,
                    ax=ax,
                    node_color="white",
                    node_size=node_size,
                    edgecolors=edge,
                    linewidths=line,
                )
        for f in functions:
            ax.annotate(
                f_text[f],
                pos[f],
                xytext=(-offset * 1.1, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=s.title,
                color=INK,
            )
        for t in tasks:
            ax.annotate(
                t_text[t], pos[t], xytext=(offset, 0), textcoords="offset points", ha="left", va="center"
            )
        for t, f in shared_tasks.items():
            ax.annotate(
                f"↔ {label(items.loc[f], language=lang, sep=' / ')}",
                pos[t],
                xytext=(-offset, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=s.small,
                color=HIGHLIGHT,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
            )
        unit = width - 0.2 - left - right  # inches between x=0 and x=1
        ax.set_xlim(-left / unit, 1 + right / unit)
        ys = [y for _, y in pos.values()]
        ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
        if art.links.empty:
            _empty_state(ax, lang)
        handles = [
            # filled column by column: row 1 = primary, secondary, ↔; row 2 = explicit, interpretive
            Line2D([], [], color=INK, lw=s.line * 2.6, label=term("primary", lang)),
            Line2D([], [], color=INK, lw=s.line * 1.5, label=term("explicit_short", lang)),
            Line2D([], [], color=INK, lw=s.line * 1.1, label=term("secondary", lang)),
            Line2D(
                [], [], color=INK, lw=s.line * 1.5, ls=(0, (4, 2.5)), label=term("interpretive_short", lang)
            ),
            Line2D(
                [],
                [],
                ls="none",
                marker="o",
                markersize=s.font * 1.2,
                markerfacecolor="white",
                markeredgecolor=HIGHLIGHT,
                markeredgewidth=s.line * 2.0,
                label=f"↔ {term('shared', lang)}",
            ),
        ]
        fig.legend(
            handles=handles,
            loc="outside lower center",
            ncol=3,
            frameon=False,
            handlelength=2.6,
            columnspacing=1.6,
        )
        return fig


def _function_end(graph: nx.Graph, edge: tuple[str, str]) -> str:
    return edge[0] if graph.nodes[edge[0]]["kind"] == "function" else edge[1]


def _edge_groups(graph: nx.Graph) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Edges grouped by (basis, strength), secondary first so primary lines are drawn on top."""
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for u, v, data in graph.edges(data=True):
        groups.setdefault((str(data["basis"]), str(data["strength"])), []).append((u, v))
    return dict(sorted(groups.items(), key=lambda kv: (kv[0][1] == "primary", kv[0][0])))


def coverage(art: Article, *, language: str | None = None, style: str | None = None) -> Figure:
    """Left: how many functions each task serves; right: how many tasks carry each function (by basis)."""
    with _styled(language, style) as (lang, s):
        functions, tasks = art.function_ids(), art.task_ids()
        fig = Figure(figsize=s.figsize(10.0, 5.2), layout="constrained")
        left, right = fig.subplots(1, 2, width_ratios=[1.5, 1])
        _title(fig, "coverage_title", lang)
        items = art.items.set_index("item_id")
        links = art.links
        panels = (
            (left, tasks, "task_id", "per_task", "n_functions", "no_tasks"),
            (right, functions, "function_id", "per_function", "n_tasks", "no_functions"),
        )
        for ax, ids, key, title, xlabel, nothing in panels:
            ax.set_title(term(title, lang, sep="\n"), fontsize=s.font * 1.05)
            _tidy(ax, s)
            if not ids:
                ax.set_axis_off()
                _empty_state(ax, lang, nothing)
                continue
            counts = pd.crosstab(links[key], links["basis"]) if len(links) else pd.DataFrame()
            counts = counts.reindex(index=ids, columns=list(BASES), fill_value=0)
            y = np.arange(len(ids))
            start = np.zeros(len(ids))
            for basis, colour, hatch in (
                ("explicit", EXPLICIT_COLOUR, None),
                ("interpretive", _lighten(INTERPRETIVE_COLOUR, 0.15), "//"),
            ):
                ax.barh(
                    y,
                    counts[basis],
                    left=start,
                    color=colour,
                    hatch=hatch,
                    edgecolor="white",
                    label=term(basis, lang),
                    height=0.7,
                )
                start += counts[basis].to_numpy()
            for yi, total in zip(y, start, strict=True):
                if total:
                    ax.text(total, yi, f" {int(total)}", va="center", ha="left", color=INK)
            ax.set_yticks(y, [label(items.loc[i], language=lang, sep=" / ") for i in ids])
            ax.set_ylim(len(ids) - 0.5, -0.5)
            ax.set_xlim(0, max(start.max(), 1) + 0.6)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_xlabel(term(xlabel, lang))
            ax.grid(axis="x", color="#DDDDDD", linewidth=s.line * 0.4)
            ax.set_axisbelow(True)
            if links.empty:
                _empty_state(ax, lang)
        handles = [
            Patch(facecolor=EXPLICIT_COLOUR, label=term("explicit", lang)),
            Patch(
                facecolor=_lighten(INTERPRETIVE_COLOUR, 0.15),
                hatch="//",
                edgecolor="white",
                label=term("interpretive", lang),
            ),
        ]
        fig.legend(handles=handles, loc="outside lower center", ncol=2, frameon=False, handleheight=1.2)
        return fig


def sizes(art: Article, *, language: str | None = None, style: str | None = None) -> Figure:
    """Characters per part and per item, items coloured by their part: where the article spends its words."""
    with _styled(language, style) as (lang, s):
        parts, items = art.parts, art.items
        n_rows = max(len(parts), 1) + max(len(items), 1)
        fig = Figure(figsize=s.figsize(8.5, 1.7 + 0.32 * n_rows), layout="constrained")
        top, bottom = fig.subplots(2, 1, height_ratios=[max(len(parts), 1) + 1.2, max(len(items), 1) + 1.2])
        _title(fig, "sizes_title", lang)
        part_colour = {p: PART_COLOURS[i % len(PART_COLOURS)] for i, p in enumerate(parts["part_id"])}
        part_names = {row.part_id: _part_label(row, lang) for row in parts.itertuples(index=False)}
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
                [_item_label(row, lang, with_id=True) for row in items.itertuples(index=False)],
                items["chars"].to_numpy(),
                [part_colour.get(p, "#999999") if not _missing(p) else "#999999" for p in items["part_id"]],
                "items",
            ),
        )
        for ax, names, values, colours, key in panels:
            _tidy(ax, s)
            ax.set_title(term(key, lang), loc="left", fontsize=s.font * 1.05)
            if not len(values):
                ax.set_axis_off()
                _empty_state(ax, lang, f"no_{key}")
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


def language_patterns(
    art: Article, *, language: str | None = None, style: str | None = None, top: int = 10
) -> Figure:
    """(a) the most frequent content words of each part (jieba); (b) the inline lists found, by type.

    Words are tick labels in the first language; the English (glossary, else pinyin) sits after the count, so
    three panels fit side by side.
    """
    from .language import WHOLE_ARTICLE, word_frequencies

    with _styled(language, style) as (lang, s):
        freqs = word_frequencies(art, top=top)
        groups = list(dict.fromkeys(freqs["part_id"])) or [WHOLE_ARTICLE]
        fig_width, fig_height = s.figsize(max(12.5, 4.3 * len(groups)), 3.85 + 0.28 * top)
        fig = Figure(figsize=(fig_width, fig_height), layout="constrained")
        measure = _Measure()
        # Two subfigures, so the long list-type labels below do not narrow the word panels above.
        upper, lower = fig.subfigures(2, 1, height_ratios=[top + 1.5, len(LIST_TYPES) + 3.0])
        _title(fig, "language_title", lang)
        glossary = _glossary(art)
        part_names = {row.part_id: _part_label(row, lang) for row in art.parts.itertuples(index=False)}
        part_colour = {p: PART_COLOURS[i % len(PART_COLOURS)] for i, p in enumerate(art.parts["part_id"])}
        for column, part_id in enumerate(groups):
            ax = upper.add_subplot(1, len(groups), column + 1)
            _tidy(ax, s)
            rows = freqs[freqs["part_id"] == part_id]
            ax.set_title(
                f"(a{column + 1}) {part_names.get(part_id) or term('all', lang)}", loc="left", fontsize=s.font
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
                f" {c}" + (f"  {_clip(en, 22)}" if lang == "both" else "")
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
            ax.set_xlim(0, max(max(need), counts.max() * 1.15))
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
            ax.set_xlabel(term("count", lang))
        ax = lower.add_subplot()
        _tidy(ax, s)
        ax.set_title(f"(b) {term('lists_title', lang)}", loc="left", fontsize=s.font)
        lists = art.lists.drop_duplicates("list_id")
        by_part = (
            pd.crosstab(lists["list_type"], lists["part_id"].fillna("—")) if len(lists) else pd.DataFrame()
        )
        by_part = by_part.reindex(index=list(LIST_TYPES), fill_value=0)
        y = np.arange(len(LIST_TYPES))
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
        for yi, list_type, total in zip(y, LIST_TYPES, start, strict=True):
            note = f" {int(total)}" + (f"    {examples[list_type]}" if list_type in examples else "")
            ax.text(total, yi, note, va="center", ha="left", fontsize=s.small, color=INK)
        ax.set_yticks(y, [label(*LIST_TYPE_TERMS[t], lang, sep=" / ") for t in LIST_TYPES])
        ax.set_ylim(len(LIST_TYPES) - 0.5, -0.5)
        ax.set_xlim(0, max(start.max(), 1) * 2.4)
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
    """The first list of each type as compact text (例: 承接上下、联系内外…); English only if translated."""
    examples = {}
    for list_type, rows in art.lists.groupby("list_type", sort=False):
        first = rows[rows["list_id"] == rows["list_id"].iloc[0]]
        zh = _clip("、".join(first["element_zh"]), 22)
        en = None if first["element_en"].isna().any() else ", ".join(first["element_en"])
        if language == "en" and en is None:
            continue
        en = None if en is None else _clip(f"e.g. {en}", 48 if language == "en" else 30)
        examples[str(list_type)] = label(f"例: {zh}", en, language, sep="  ")
    return examples


# --------------------------------------------------------------------------- outline map


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


class _Measure:
    """Text extents in inches, measured with Agg on a scratch figure so the tree boxes fit their text."""

    def __init__(self) -> None:
        self.figure = Figure(dpi=72)
        self.renderer = FigureCanvasAgg(self.figure).get_renderer()

    def __call__(self, text: str, size: float) -> tuple[float, float]:
        artist = self.figure.text(0, 0, text, fontsize=size, linespacing=LINESPACING)
        box = artist.get_window_extent(self.renderer)
        artist.remove()
        return box.width / 72, box.height / 72


LINESPACING = 1.25


def _list_rows(rows: pd.DataFrame, language: str) -> list[tuple[str, ...]]:
    """One row per inline list, elements joined (、 in Chinese); ``both`` gives (Chinese, English) cells."""
    out: list[tuple[str, ...]] = []
    for _, group in rows.groupby("list_id", sort=True):
        zh = _clip("、".join(group["element_zh"]), 28)
        en = None if group["element_en"].isna().any() else ", ".join(group["element_en"])
        if language == "zh":
            out.append((zh,))
        elif language == "en":
            out.append(
                (_clip(en if en is not None else ", ".join(romanize(e) for e in group["element_zh"]), 50),)
            )
        else:
            out.append((zh, "" if en is None else _clip(en, 44)))
    return out


def _wrap_heading(text: str, width: int) -> str:
    """Break a Chinese heading after a closing bracket when one falls near the limit: 党委办公厅(室) / 要…"""
    if len(text) > width:
        for cut in range(width, width - 4, -1):
            if text[cut - 1] in ")）":
                return text[:cut] + "\n" + _wrap(text[cut:], width)
    return _wrap(text, width)


def _outline_tree(art: Article, language: str) -> _Node:
    """Root (title) → parts → items → each item's inline lists; part-level lists hang off the part, and items
    or lists outside any part hang off the root. Children keep the order of the text."""
    zh_title = _wrap_heading(art.title, 10) if art.title else "(无标题)"
    en_title = _wrap(art.title_en, 26) if art.title_en else (romanize(zh_title) if art.title else "(untitled)")
    title = {"zh": zh_title, "en": en_title}.get(language, zh_title + ("\n" + en_title if art.title_en else ""))
    if art.author:
        title += "\n" + (art.source.get("author_en") or romanize(art.author) if language == "en" else art.author)
    root = _Node(0, INK, title)
    parts: dict[str, _Node] = {}
    entries: list[tuple[int, _Node, _Node]] = []  # (start, parent, node)
    for i, row in enumerate(art.parts.itertuples(index=False)):
        en = row.heading_en if language == "en" else row.label_en
        zh = _wrap_heading(f"{row.marker}{row.heading_zh}", 10)
        en_text = (
            _wrap(str(en), 22) if not _missing(en) else (_wrap(romanize(zh), 22) if language == "en" else "")
        )
        parts[row.part_id] = _Node(
            1, PART_COLOURS[i % len(PART_COLOURS)], label(zh, en_text, language, sep="\n")
        )
        entries.append((row.start, root, parts[row.part_id]))
    grey = "#999999"
    for row in art.items.itertuples(index=False):
        parent = root if _missing(row.part_id) else parts.get(row.part_id, root)
        en = None if _missing(row.headline_en) else f"{row.number}. {row.headline_en}"
        text = _bilingual(f"{row.marker}{row.headline_zh}", en, language, zh_width=14, en_width=32)
        node = _Node(2, parent.colour if parent is not root else grey, text)
        own = art.lists[art.lists["item_id"] == row.item_id]
        if len(own):
            node.children.append(_Node(3, node.colour, rows=_list_rows(own, language)))
        entries.append((row.start, parent, node))
    for _, rows in art.lists[art.lists["item_id"].isna()].groupby("list_id", sort=True):
        part_id = rows["part_id"].iloc[0]
        parent = root if _missing(part_id) else parts.get(part_id, root)
        node = _Node(3, parent.colour if parent is not root else grey, rows=_list_rows(rows, language))
        entries.append((int(rows["start"].iloc[0]), parent, node))
    for _, parent, node in sorted(entries, key=lambda e: e[0]):
        parent.children.append(node)
    return root


def _walk(node: _Node) -> Iterator[_Node]:
    yield node
    for child in node.children:
        yield from _walk(child)


def outline_map(art: Article, *, language: str | None = None, style: str | None = None) -> Figure:
    """The whole article as a left-to-right tree of text boxes. The figure is sized to its content: text is
    measured first, then laid out in inches (the axes' data units), so nothing overlaps at any font size."""
    with _styled(language, style) as (lang, s):
        root = _outline_tree(art, lang)
        nodes = list(_walk(root))
        measure = _Measure()
        size = {0: s.title, 1: s.font, 2: s.font, 3: s.small}
        pad = s.font / 72 * 0.5  # inside a box, inches
        gap_x, gap_y, cell_gap = s.font / 72 * 2.6, s.font / 72 * 0.5, s.small / 72 * 2.0
        line_h = measure("国Ag", size[3])[1] * 1.12
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
                node.height = line_h * len(node.rows)
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
        header = s.title / 72 * 2.4
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
                for i, row in enumerate(node.rows):
                    y = node.y - node.height / 2 + line_h * (i + 0.5)
                    for j, cell in enumerate(row):
                        ax.text(
                            x + sum(cell_w[:j]) + cell_gap * j,
                            y,
                            cell,
                            ha="left",
                            va="center",
                            fontsize=size[3],
                            color=INK if j == 0 else "#444444",
                            zorder=3,
                        )
                continue
            ax.add_patch(
                FancyBboxPatch(
                    (x, node.y - node.height / 2),
                    node.width,
                    node.height,
                    zorder=2,
                    boxstyle=f"round,pad=0,rounding_size={pad}",
                    facecolor=_lighten(node.colour, 0.8),
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
            label("全文结构图", "Outline of the article", lang, sep="  "),
            ha="left",
            va="top",
            fontsize=s.title,
        )
        return fig
