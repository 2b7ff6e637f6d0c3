"""Figures of the article. Every figure function takes an :class:`~office_roles.article.Article` (plus keyword
``language`` zh / en / both and ``style`` notebook / projector, read from ``settings`` when not given) and returns
a new ``matplotlib.figure.Figure`` built without pyplot, so nothing is left open and notebooks show each figure once.

Two promises the tests check for every registered figure: with ``language="en"`` no Chinese character reaches any
text artist (missing English falls back to tone-marked pinyin), and every figure still draws for an article
without the curated layer (no English, no links): it then says so in the figure instead of failing.

A figure is one module of this package that decorates its function with ``@FIGURES.register("file_name")``;
``python -m office_roles.plots`` writes every registered figure to ``figures/``, and the tests read the same
registry.
"""

from __future__ import annotations

from ..i18n import has_cjk, label, romanize, term
from ..registry import FIGURES
from ..tables import role_task_graph, role_task_matrix, shared_names
from .outline_tree import outline_map
from .proportions import sizes
from .roles import coverage, role_task_heatmap, role_task_network
from .stated import stated_links
from .style import STYLE_SIZES, Style
from .wording import language_patterns

FIGURES.discover(skip=("files", "live"))
globals().update({make.__name__: make for make in FIGURES.values()})  # a new figure module is plots.<its function>

__all__ = [
    "FIGURES",
    "STYLE_SIZES",
    "Style",
    "coverage",
    "has_cjk",
    "label",
    "language_patterns",
    "outline_map",
    "role_task_graph",
    "role_task_heatmap",
    "role_task_matrix",
    "role_task_network",
    "romanize",
    "shared_names",
    "sizes",
    "stated_links",
    "term",
]
