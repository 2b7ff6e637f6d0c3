"""Compare any article with the seed: structure side by side, shared vocabulary, and suggested function links.

All three are pure functions of Article objects. ``suggest_links`` is lexical evidence only — a keyword from a
small, hand-made lexicon (``data/function_lexicon.csv``) occurring in an item's text. Its rows are labelled
"suggestion": they are prompts for discussion, not findings about what the text means.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .article import ITEM_KINDS, Article, load_article
from .curated import PACKAGE_FILE, read_package
from .inline_lists import LIST_TYPES
from .language import words
from .settings import REPO_ROOT, settings

LEXICON_DIR = "lexicon"
SUGGESTION_COLUMNS = ["item_id", "headline_zh", "function_id", "function_zh", "score", "triggers", "label"]


def _column_names(a: Article, b: Article) -> tuple[str, str]:
    """The two titles; 'this article' / 'seed' (or 'other article') where a title is missing or both match."""
    fallback_b = "seed" if b.curated else "other article"
    name_a, name_b = a.title or "this article", b.title or fallback_b
    if name_a == name_b:
        name_a, name_b = "this article", fallback_b
    if name_a == name_b:
        name_b = f"{name_b} (2)"
    return name_a, name_b


def _structure(art: Article) -> dict[str, object]:
    items, lists = art.items, art.lists
    list_types = lists.drop_duplicates("list_id")["list_type"].value_counts()
    kinds = items["kind"].value_counts()
    row: dict[str, object] = {
        "characters": len(art.text),
        "paragraphs": len(art.paragraphs),
        "sentences": len(art.sentences),
        "parts": len(art.parts),
        "items": len(items),
    }
    row.update({f"items: {kind}": int(kinds.get(kind, 0)) for kind in ITEM_KINDS})
    row["outline depth"] = int(art.outline["depth"].max()) if len(art.outline) else 0
    row["inline lists"] = int(lists["list_id"].nunique()) if len(lists) else 0
    row.update({f"lists: {kind}": int(list_types.get(kind, 0)) for kind in LIST_TYPES})
    row["mean item length (characters)"] = round(float(items["chars"].mean()), 1) if len(items) else float("nan")
    return row


def compare_structure(a: Article, b: Article | None = None) -> pd.DataFrame:
    """One row per measure (characters, paragraphs, sentences, parts, items by kind, inline lists by type, mean
    item length), one column per article. ``b`` defaults to the seed article."""
    b = load_article() if b is None else b
    name_a, name_b = _column_names(a, b)
    # Object columns keep counts as integers next to the one mean (a float column would print 812.0).
    frame = pd.DataFrame({name_a: pd.Series(_structure(a), dtype=object),
                          name_b: pd.Series(_structure(b), dtype=object)})
    frame.index.name = "measure"
    return frame


def shared_vocabulary(a: Article, b: Article | None = None, top: int = 20) -> pd.DataFrame:
    """The ``top`` content words both articles use (jieba, stopwords removed), most used in both first.

    Ranked by the smaller of the two counts, then the total, then first use in ``a``; columns word, count_a,
    count_b. ``b`` defaults to the seed article.
    """
    if top < 1:
        raise ValueError(f"top must be at least 1, not {top}")
    b = load_article() if b is None else b
    words_a = words(a.text)
    counts_a, counts_b = Counter(words_a), Counter(words(b.text))
    first_seen = {word: i for i, word in reversed(list(enumerate(words_a)))}
    shared = sorted(
        set(counts_a) & set(counts_b),
        key=lambda w: (-min(counts_a[w], counts_b[w]), -(counts_a[w] + counts_b[w]), first_seen[w]),
    )[:top]
    rows = [{"word": w, "count_a": counts_a[w], "count_b": counts_b[w]} for w in shared]
    frame = pd.DataFrame(rows, columns=["word", "count_a", "count_b"])
    return frame.astype({"word": "str", "count_a": "int64", "count_b": "int64"})


def lexicon_dir() -> Path:
    """The lexicon package in ``settings.data_dir``, else the one shipped with the repository."""
    candidate = settings.data_dir / LEXICON_DIR
    return candidate if (candidate / PACKAGE_FILE).is_file() else REPO_ROOT / "data" / LEXICON_DIR


@lru_cache(maxsize=4)
def _read_lexicon(folder: Path, signature: tuple[int, ...]) -> pd.DataFrame:
    frames, _ = read_package(folder)
    return frames["function_lexicon"]


def function_lexicon() -> pd.DataFrame:
    """The keyword lexicon of the seed's four functions: function_id, label_zh, keyword, note_en, note_zh."""
    folder = lexicon_dir()
    signature = tuple(p.stat().st_mtime_ns for p in sorted(folder.iterdir()))
    return _read_lexicon(folder, signature).copy()


def suggest_links(art: Article, reference: Article | None = None, min_score: int = 1) -> pd.DataFrame:
    """For each item of ``art``, the seed's functions (参谋, 服务, 耳目, 协调) its wording points to.

    The evidence is lexical: the function's keywords (``data/function_lexicon.csv``) found in the item's text,
    longest keyword first so that 参谋 is not also counted as 谋. ``score`` counts the keyword occurrences, those
    in the headline twice; ``triggers`` lists the keywords found, in text order, joined with 、. Items without a
    trigger get no row. Every row is labelled "suggestion": a prompt to read the item, not a finding.

    ``reference`` (an Article whose items include the function ids, such as the seed) supplies the function
    names; by default they come from the lexicon.
    """
    lexicon = function_lexicon()
    names = dict(zip(lexicon["function_id"], lexicon["label_zh"], strict=True))
    if reference is not None:
        labels = reference.items.set_index("item_id")["label_zh"]
        missing = sorted(set(names) - set(labels.index))
        if missing:
            raise ValueError(f"the reference article has no items {missing}: it is not the article of the lexicon")
        names = {function_id: labels[function_id] for function_id in names}
    functions_of: dict[str, list[str]] = {}
    for function_id, keyword in zip(lexicon["function_id"], lexicon["keyword"], strict=True):
        functions_of.setdefault(keyword, []).append(function_id)
    pattern = re.compile("|".join(re.escape(k) for k in sorted(functions_of, key=len, reverse=True)))
    order = {function_id: i for i, function_id in enumerate(names)}

    rows = []
    for item in art.items.itertuples(index=False):
        scores: Counter[str] = Counter()
        triggers: dict[str, dict[str, None]] = {}
        for match in pattern.finditer(item.text_zh):
            for function_id in functions_of[match.group()]:
                scores[function_id] += 1
                triggers.setdefault(function_id, {})[match.group()] = None
        for match in pattern.finditer(item.headline_zh):
            for function_id in functions_of[match.group()]:
                scores[function_id] += 1
        ranked = sorted(scores, key=lambda f: (-scores[f], order[f]))
        rows += [
            {
                "item_id": item.item_id,
                "headline_zh": item.headline_zh,
                "function_id": function_id,
                "function_zh": names[function_id],
                "score": scores[function_id],
                "triggers": "、".join(triggers[function_id]),
                "label": "suggestion",
            }
            for function_id in ranked
            if scores[function_id] >= min_score
        ]
    frame = pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)
    return frame.astype({"score": "int64"})
