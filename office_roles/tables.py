"""Views of the article tables that the notebooks show: pure functions from an Article to a DataFrame."""

from __future__ import annotations

import pandas as pd

from .article import Article
from .settings import settings

KIND_ORDER = ["function", "task", "requirement"]
STRENGTH_LEVEL = {"secondary": 1, "primary": 2}


def bilingual(zh: pd.Series, en: pd.Series, language: str | None = None) -> pd.Series:
    """One label column in the chosen language; 'both' gives "参谋 · advising", missing English falls back."""
    language = language or settings.language
    en = en.astype("string")
    if language == "zh":
        return zh.astype("string")
    if language == "en":
        return en.fillna(zh.astype("string"))
    return (zh.astype("string") + " · " + en).fillna(zh.astype("string"))


def item_overview(art: Article) -> pd.DataFrame:
    """One row per item: where it sits, what it is called in both languages, how long it is."""
    columns = ["item_id", "part_id", "kind", "marker", "headline_zh", "label_zh", "label_en", "chars"]
    return art.items[columns].set_index("item_id")


def length_by_kind(art: Article) -> pd.DataFrame:
    """How the article spends its characters: count, total and mean length of items of each kind."""
    stats = art.items.groupby("kind")["chars"].agg(items="count", total="sum", mean="mean")
    stats["mean"] = stats["mean"].round(1)
    stats["share_of_text"] = (stats["total"] / len(art.text)).round(3)
    return stats.reindex([k for k in KIND_ORDER if k in stats.index])


def list_summary(art: Article, language: str | None = None) -> pd.DataFrame:
    """One row per inline list, its elements joined with 、 (or '; ' in English), in text order."""
    language = language or settings.language
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
