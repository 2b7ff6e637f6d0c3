"""Views of the article tables that the notebooks, figures and exercises use: pure functions from an Article to
a DataFrame (or a graph). Figures draw these; they never compute their own tables."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from .article import ITEM_KINDS, Article
from .i18n import column, missing, resolve

if TYPE_CHECKING:
    import networkx as nx

STRENGTH_LEVEL = {"secondary": 1, "primary": 2}
BASES = ("explicit", "interpretive")
# Columns (stem_zh / stem_en) that the editors wrote in both languages, as against the article's own Chinese.
EDITORS_PROSE = frozenset({"summary", "note", "rationale", "model_answer", "feedback", "explanation", "activity",
                           "changes", "what"})


def bilingual(zh: pd.Series, en: pd.Series, language: str | None = None) -> pd.Series:
    """One label column in the chosen language; 'both' gives "参谋 · advising", missing English falls back."""
    return column(zh, en, language)


def for_reader(table: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The columns a reader of one edition needs. A Chinese reader gets the table without its ``*_en`` columns.
    An English reader keeps the article's Chinese beside its English (labels, headings, quotes), but not the
    Chinese of the editors' own prose (``EDITORS_PROSE``: summaries, notes …) when its English is there: that
    Chinese is a translation written for the other edition. ``both`` keeps everything."""
    language = resolve(language)
    if language == "both":
        return table
    if language == "en":
        names = set(map(str, table.columns))
        translated = {f"{stem}_zh" for stem in EDITORS_PROSE if f"{stem}_zh" in names and f"{stem}_en" in names}
        return table[[c for c in table.columns if str(c) not in translated]]
    return table[[c for c in table.columns if not str(c).endswith("_en")]]


def item_overview(art: Article) -> pd.DataFrame:
    """One row per item: where it sits, what it is called in both languages, how long it is."""
    columns = ["item_id", "part_id", "kind", "marker", "headline_zh", "label_zh", "label_en", "chars"]
    return art.items[columns].set_index("item_id")


def length_by_kind(art: Article) -> pd.DataFrame:
    """How the article spends its characters: count, total and mean length of items of each kind."""
    stats = art.items.groupby("kind")["chars"].agg(items="count", total="sum", mean="mean")
    stats["mean"] = stats["mean"].round(1)
    stats["share_of_text"] = (stats["total"] / len(art.text)).round(3)
    return stats.reindex([k for k in ITEM_KINDS if k in stats.index])


def list_summary(art: Article, language: str | None = None) -> pd.DataFrame:
    """One row per inline list, its elements joined with 、 (or '; ' in English), in text order."""
    language = resolve(language)
    lists = art.lists.sort_values(["list_id", "position"])
    # Counted and ordinal lists have clauses that contain 、 themselves, so they are joined with ；.
    joiner = {"zh": "、", "en": "; "}
    clause_joiner = {"zh": "；", "en": "; "}
    rows = []
    for list_id, group in lists.groupby("list_id", sort=True):
        first = group.iloc[0]
        row = {"list_id": list_id, "part_id": first["part_id"], "item_id": first["item_id"],
               "list_type": first["list_type"], "size": len(group)}
        join = clause_joiner if first["list_type"] in ("counted", "ordinal") else joiner
        if language in ("zh", "both"):
            row["elements_zh"] = join["zh"].join(group["element_zh"])
        if language in ("en", "both"):
            row["elements_en"] = join["en"].join(group["element_en"].fillna(group["element_zh"]))
        rows.append(row)
    # Named columns keep the shape when there are no rows (an article without inline lists).
    columns = ["list_id", "part_id", "item_id", "list_type", "size"]
    columns += [f"elements_{code}" for code in ("zh", "en") if language in (code, "both")]
    return pd.DataFrame(rows, columns=columns).astype({"size": "int64"}).set_index("list_id")


def links_table(art: Article) -> pd.DataFrame:
    """The links with the task and function names next to their ids."""
    names = art.items.set_index("item_id")[["label_zh", "label_en"]]
    links = art.links.copy()
    for role in ("task", "function"):
        ids = links[f"{role}_id"]
        links.insert(links.columns.get_loc(f"{role}_id") + 1, f"{role}_zh", ids.map(names["label_zh"]))
        links.insert(links.columns.get_loc(f"{role}_zh") + 1, f"{role}_en", ids.map(names["label_en"]))
    return links


def tasks_per_function(art: Article) -> pd.DataFrame:
    """Counts of tasks that carry each function, split by basis (explicit in the text vs interpretive)."""
    functions = art.items.loc[art.items["kind"] == "function", ["item_id", "label_zh", "label_en"]]
    counts = art.links.pivot_table(index="function_id", columns="basis", values="task_id", aggfunc="count",
                                   fill_value=0)
    counts = counts.reindex(index=functions["item_id"], columns=["explicit", "interpretive"], fill_value=0)
    counts.columns.name = None
    counts["total"] = counts.sum(axis=1)
    counts.insert(0, "label_zh", functions.set_index("item_id")["label_zh"])
    counts.insert(1, "label_en", functions.set_index("item_id")["label_en"])
    counts.index.name = "function_id"
    return counts


def sentences_containing(art: Article, word: str) -> pd.DataFrame:
    """Where a word occurs: the sentences that contain it, with the item they belong to."""
    mask = art.sentences["text_zh"].str.contains(word, regex=False)
    return art.sentences.loc[mask, ["sentence_id", "part_id", "item_id", "text_zh"]].reset_index(drop=True)


def role_task_matrix(art: Article) -> pd.DataFrame:
    """Functions × tasks, 0 = no link, 1 = secondary, 2 = primary; every function and task is present."""
    functions, tasks = art.function_ids(), art.task_ids()
    matrix = pd.DataFrame(
        0,
        index=pd.Index(functions, name="function_id"),
        columns=pd.Index(tasks, name="task_id"),
        dtype="int64",
    )
    for link in art.links.itertuples(index=False):
        if link.function_id in matrix.index and link.task_id in matrix.columns:
            level = STRENGTH_LEVEL.get(str(link.strength), 0)
            matrix.loc[link.function_id, link.task_id] = max(
                level, matrix.loc[link.function_id, link.task_id]
            )
    return matrix


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
    import networkx as nx  # only the network figure needs it

    graph = nx.Graph()
    for row in art.items.itertuples(index=False):
        if row.kind in ("function", "task"):
            graph.add_node(
                row.item_id,
                bipartite=0 if row.kind == "function" else 1,
                kind=row.kind,
                label_zh=row.label_zh,
                label_en=None if missing(row.label_en) else row.label_en,
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


def english_lookup(art: Article) -> dict[str, str]:
    """zh → en from the glossary, the item labels and the plain words of the article's curated layer
    (``art.words``); "党委办公厅(室)" also answers for "党委办公厅"."""
    pairs: dict[str, str] = {}
    for zh, en in zip(art.words["zh"], art.words["en"], strict=True):
        if not missing(en):
            pairs[str(zh)] = str(en)
    for zh, en in zip(art.items["label_zh"], art.items["label_en"], strict=True):
        if not missing(en):
            pairs[str(zh)] = str(en)
    for zh, en in zip(art.glossary["zh"], art.glossary["en"], strict=True):
        if not missing(en):
            pairs[str(zh)] = str(en)
            pairs.setdefault(re.sub(r"\(.*?\)|（.*?）", "", str(zh)), str(en))
    return pairs

