"""The article zh | en: parallel text for a reader, and the check that a translation keeps the glossary's English.

The English of every sentence lives in ``data/curated/sentences.csv`` and reaches ``art.sentences["text_en"]``
(empty for a text without a curated layer). These functions only arrange and check it; they read nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

PARALLEL_COLUMNS = ["sentence_id", "paragraph_id", "role", "part_id", "item_id", "text_zh", "text_en"]
VARIANT_SEPARATOR = "; "
# A single character (关) also sits inside unrelated words (关系, 关键), so only terms of two or more characters
# are looked for in running text; single-character entries are glossed where they are explained.
MIN_TERM_CHARS = 2


def parallel_text(art) -> pd.DataFrame:
    """Every sentence in article order with its Chinese and English side by side, and where it sits: the
    paragraph's role (front, lead, heading, item, body, note), its part and its item."""
    roles = art.paragraphs[["paragraph_id", "role"]]
    table = art.sentences.merge(roles, on="paragraph_id", how="left", validate="many_to_one")
    if "text_en" not in table:  # an Article built by hand without the curated columns
        table["text_en"] = ""
    return table.sort_values("start", kind="stable")[PARALLEL_COLUMNS].reset_index(drop=True)


def item_parallel(art, item_id: str) -> pd.DataFrame:
    """The sentences of one item (F1, T3, R2 …), zh | en, from its heading to its last sentence."""
    known = list(art.items["item_id"])
    if item_id not in known:
        raise KeyError(f"unknown item id {item_id!r}; this article has {', '.join(known) or 'no items'}")
    table = parallel_text(art)
    return table[table["item_id"] == item_id].reset_index(drop=True)


def item_reading(art, item_id: str) -> pd.DataFrame:
    """``item_parallel`` with the translator's notes of each sentence (``note_en``, ``note_zh``; empty where a
    sentence has none, or the article has no curated layer): what the Explorer's parallel reader shows."""
    table = item_parallel(art, item_id)
    notes = [c for c in ("note_en", "note_zh") if c in art.sentences]
    table = table.merge(art.sentences[["sentence_id", *notes]], on="sentence_id", how="left", validate="one_to_one")
    for column in ("note_en", "note_zh"):
        table[column] = table[column].fillna("") if column in table else ""
    return table


def term_spans(text: str, terms: Iterable[str]) -> list[tuple[int, str]]:
    """(offset, term) for each place a term occurs, longest match first and without overlaps.

    A term inside a longer term belongs to that term: 信息 in 信息化 is not the word 信息, so the English of
    信息化 ('informatisation') does not have to say 'information'."""
    candidates = sorted({t for t in terms if len(t) >= MIN_TERM_CHARS}, key=len, reverse=True)
    taken = [False] * len(text)
    spans = []
    for term in candidates:
        start = text.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append((start, term))
                taken[start:end] = [True] * len(term)
            start = text.find(term, start + 1)
    return sorted(spans)


def renderings(glossary: pd.DataFrame) -> dict[str, list[str]]:
    """Term → its English and the documented variants (other grammatical forms), lower case."""
    variants = glossary["en_variants"] if "en_variants" in glossary else pd.Series("", index=glossary.index)
    return {
        zh: [en.lower(), *(v.lower() for v in str(extra).split(VARIANT_SEPARATOR) if v.strip())]
        for zh, en, extra in zip(glossary["zh"], glossary["en"], variants.fillna(""), strict=True)
    }


def glossary_mismatches(sentences: pd.DataFrame, glossary: pd.DataFrame) -> pd.DataFrame:
    """Sentences whose Chinese contains a glossary term but whose English uses neither the glossary's English
    nor one of its variants (sentence_id, term, expected). A term inside a longer glossary term (领导 in
    打领导旗号, 信息 in 信息化) is checked as the longer one."""
    expected = renderings(glossary)
    terms = set(expected)
    rows = []
    for sentence_id, zh, en in zip(sentences["sentence_id"], sentences["text_zh"], sentences["text_en"], strict=True):
        lowered = str(en).lower()
        for _, term in term_spans(zh, terms):
            if not any(form in lowered for form in expected[term]):
                rows.append({"sentence_id": sentence_id, "term": term, "expected": " / ".join(expected[term])})
    return pd.DataFrame(rows, columns=["sentence_id", "term", "expected"]).drop_duplicates(ignore_index=True)


def quote_english(art, quote: str) -> str:
    """The English of the sentence(s) a verbatim quote comes from, so an English reader can read any quote the
    set shows. The English is the whole sentence's, since a phrase cut from a sentence has no translation of its
    own; empty when the quote is not in the article or the article has no translation."""
    start = art.text.find(quote) if quote else -1
    if start < 0 or "text_en" not in art.sentences:
        return ""
    end = start + len(quote)
    rows = art.sentences[(art.sentences["start"] < end) & (art.sentences["end"] > start)]
    return " ".join(str(t) for t in rows["text_en"] if isinstance(t, str) and t)
