"""How the four functions map onto the tasks: the heatmap (the matrix itself), the network (the same links as
lines between two columns) and the coverage bars (how many links each function and task has, by basis)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from ..article import Article
from ..i18n import LINES, SLASH, label, term
from ..registry import FIGURES
from ..tables import BASES, role_task_graph, role_task_matrix, shared_names
from .limits import limited
from .style import (
    EXPLICIT_COLOUR,
    FUNCTION_COLOURS,
    HIGHLIGHT,
    INK,
    INTERPRETIVE_COLOUR,
    NEUTRAL,
    OKABE_ITO,
    empty_state,
    lighten,
    styled,
    suptitle,
    tidy,
)
from .text import Measure, emphasis, fit_pair

if TYPE_CHECKING:
    import networkx as nx

CELL_LETTER = {"zh": {"explicit": "明", "interpretive": "解"}, "en": {"explicit": "E", "interpretive": "I"}}


@FIGURES.register("roles_heatmap")
@limited
def role_task_heatmap(art: Article, *, language: str | None = None, style: str | None = None) -> Figure:
    """Functions (rows) × tasks (columns): colour depth = strength; a letter gives the basis (E explicit,
    I interpretive) and interpretive cells are also hatched, so the basis survives greyscale printing."""
    with styled(language, style) as (lang, s):
        matrix = role_task_matrix(art)
        n_f, n_t = matrix.shape
        fig = Figure(figsize=s.figsize(max(7.0, 0.95 * n_t + 2.5), 5.5), layout="constrained")
        ax = fig.add_subplot()
        suptitle(fig, "heatmap_title", lang)
        if n_f == 0 or n_t == 0:
            ax.set_axis_off()
            empty_state(ax, lang, "no_roles" if n_f == n_t else "no_functions" if n_f == 0 else "no_tasks")
            return fig
        shades = [NEUTRAL, lighten(OKABE_ITO["blue"], 0.62), OKABE_ITO["blue"]]
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
                fit_pair(
                    items.at[t, "label_zh"], items.at[t, "label_en"], lang, zh_width=4, en_width=en_width
                )
                for t in matrix.columns
            ],
            fontsize=s.small,
        )
        ax.set_yticks(
            np.arange(n_f) + 0.5,
            [
                fit_pair(items.at[f, "label_zh"], items.at[f, "label_en"], lang, zh_width=6, en_width=14)
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
                **emphasis(letter),
                bbox={"boxstyle": "circle,pad=0.25", "facecolor": shades[level], "edgecolor": "none"},
            )
        for side in ax.spines.values():
            side.set_visible(False)
        ax.tick_params(labelsize=s.font, length=0)
        ax.tick_params(axis="x", labelsize=s.small)
        if art.links.empty:
            empty_state(ax, lang)
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


@FIGURES.register("roles_network")
@limited
def role_task_network(art: Article, *, language: str | None = None, style: str | None = None) -> Figure:
    """Bipartite network: edge colour = function; what the article states is drawn thick and solid, the editors'
    reading thin and dashed, so the eye lands on the text first; tasks named after a function get a vermillion
    outline and a ↔ note.

    Labels are measured first so the x-limits leave exactly the room they need on each side.
    """
    import networkx as nx  # only this figure needs it

    with styled(language, style) as (lang, s):
        graph = role_task_graph(art)
        functions, tasks = art.function_ids(), art.task_ids()
        items = art.items.set_index("item_id")
        f_text = {
            f: fit_pair(items.at[f, "label_zh"], items.at[f, "label_en"], lang, zh_width=8, en_width=16)
            for f in functions
        }
        t_text = {t: label(items.loc[t], language=lang, sep=SLASH) for t in tasks}
        measure = Measure()
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
        suptitle(fig, "network_title", lang)
        ax.set_axis_off()
        if graph.number_of_nodes() == 0:
            empty_state(ax, lang, "no_roles")
            return fig
        pos = _two_column_layout(functions, tasks)
        colour = {f: FUNCTION_COLOURS[i % len(FUNCTION_COLOURS)] for i, f in enumerate(functions)}
        shared_tasks = {t: f for f, t in shared_names(art)}
        node_size = (s.font * 2.2) ** 2
        for basis, group in _edge_groups(graph).items():
            nx.draw_networkx_edges(
                graph,
                pos,
                edgelist=group,
                ax=ax,
                edge_color=[colour[_function_end(graph, e)] for e in group],
                style="solid" if basis == "explicit" else (0, (4, 2.5)),
                width=s.line * (2.6 if basis == "explicit" else 1.1),
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
                f"↔ {label(items.loc[f], language=lang, sep=SLASH)}",
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
            empty_state(ax, lang)
        handles = [
            Line2D([], [], color=INK, lw=s.line * 2.6, label=term("explicit", lang)),
            Line2D([], [], color=INK, lw=s.line * 1.1, ls=(0, (4, 2.5)), label=term("interpretive", lang)),
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
            ncol=2,  # three long entries in one row run past the figure's edges
            frameon=False,
            handlelength=2.6,
            columnspacing=1.6,
        )
        return fig

def _function_end(graph: nx.Graph, edge: tuple[str, str]) -> str:
    return edge[0] if graph.nodes[edge[0]]["kind"] == "function" else edge[1]

def _edge_groups(graph: nx.Graph) -> dict[str, list[tuple[str, str]]]:
    """Edges grouped by basis, readings first so the links the text states are drawn on top."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for u, v, data in graph.edges(data=True):
        groups.setdefault(str(data["basis"]), []).append((u, v))
    return dict(sorted(groups.items(), key=lambda kv: kv[0] == "explicit"))


@FIGURES.register("coverage")
@limited
def coverage(art: Article, *, language: str | None = None, style: str | None = None) -> Figure:
    """Left: how many functions each task serves; right: how many tasks carry each function (by basis)."""
    with styled(language, style) as (lang, s):
        functions, tasks = art.function_ids(), art.task_ids()
        fig = Figure(figsize=s.figsize(10.0, 5.2), layout="constrained")
        left, right = fig.subplots(1, 2, width_ratios=[1.5, 1])
        suptitle(fig, "coverage_title", lang)
        items = art.items.set_index("item_id")
        links = art.links
        panels = (
            (left, tasks, "task_id", "per_task", "n_functions", "no_tasks"),
            (right, functions, "function_id", "per_function", "n_tasks", "no_functions"),
        )
        for ax, ids, key, title, xlabel, nothing in panels:
            ax.set_title(term(title, lang, sep=LINES), fontsize=s.font * 1.05)
            tidy(ax, s)
            if not ids:
                ax.set_axis_off()
                empty_state(ax, lang, nothing)
                continue
            counts = pd.crosstab(links[key], links["basis"]) if len(links) else pd.DataFrame()
            counts = counts.reindex(index=ids, columns=list(BASES), fill_value=0)
            y = np.arange(len(ids))
            start = np.zeros(len(ids))
            for basis, colour, hatch in (
                ("explicit", EXPLICIT_COLOUR, None),
                ("interpretive", lighten(INTERPRETIVE_COLOUR, 0.15), "//"),
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
            ax.set_yticks(y, [label(items.loc[i], language=lang, sep=SLASH) for i in ids])
            ax.set_ylim(len(ids) - 0.5, -0.5)
            ax.set_xlim(0, max(start.max(), 1) + 0.6)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_xlabel(term(xlabel, lang))
            ax.grid(axis="x", color="#DDDDDD", linewidth=s.line * 0.4)
            ax.set_axisbelow(True)
            if links.empty:
                empty_state(ax, lang)
        handles = [
            Patch(facecolor=EXPLICIT_COLOUR, label=term("explicit", lang)),
            Patch(
                facecolor=lighten(INTERPRETIVE_COLOUR, 0.15),
                hatch="//",
                edgecolor="white",
                label=term("interpretive", lang),
            ),
        ]
        fig.legend(handles=handles, loc="outside lower center", ncol=2, frameon=False, handleheight=1.2)
        return fig
