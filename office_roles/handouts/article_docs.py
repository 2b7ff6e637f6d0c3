"""The reading handouts built from the article's tables: the one-page outline tree and the article with its
parallel translation.

Everything printed from the article is a slice of ``art.text`` (paragraphs, sentences, headlines), so what a
learner reads on paper is verbatim. The English of a sentence is the curated ``art.sentences["text_en"]``, arranged
by ``translation.parallel_text``; where it is absent the Chinese is printed alone under a note saying so: a handout
never makes up a translation.
"""

from __future__ import annotations

import pandas as pd

from ..article import Article
from ..i18n import missing, term
from ..translation import parallel_text
from .typst_source import BODY_PT, SMALL_PT, Code, call, document


def part_label(art: Article, part_id: object, language: str) -> str:
    """一、职能 / Part 1 · Functions; the whole text for prompts that span every part."""
    if missing(part_id) or part_id not in set(art.parts["part_id"]):
        return term("all", language)
    part = art.parts.set_index("part_id").loc[part_id]
    number = list(art.parts["part_id"]).index(part_id) + 1
    if language == "zh":
        return f"{part['marker']}{part['label_zh']}"
    name = part.get("label_en")
    return f"Part {number} · {part['label_zh'] if missing(name) else name}"


def outline_lines(art: Article, language: str) -> list[str]:
    """The outline tree as Typst calls: the title, then each part with its items (marker, zh, en), untruncated."""
    lines = [call("tree-root", art.title or "", art.title_en or "", by=art.author or "")]

    def branch(items: pd.DataFrame) -> Code:
        rows = [call("tree-item", item.item_id, item.marker, item.headline_zh,
                     "" if missing(getattr(item, "headline_en", None)) else item.headline_en)
                for item in items.itertuples()]
        return Code.block(rows) if rows else Code("none")

    for part in art.parts.itertuples():
        heading_en = "" if missing(getattr(part, "heading_en", None)) else part.heading_en
        items = art.items[art.items["part_id"] == part.part_id]
        lines.append(call("tree-part", part.marker, part.heading_zh, heading_en, branch(items)))
    loose = art.items[art.items["part_id"].isna()]
    if len(loose):
        lines.append(call("tree-part", "", term("items", language), "", branch(loose)))
    return lines


def outline_count(art: Article, language: str) -> str:
    """"3 parts, 18 items", counted from this article's tables."""
    return term("ho_outline_sub", language).format(parts=len(art.parts), items=len(art.items))


def outline_source(art: Article, language: str) -> str:
    """Handout (b): the outline tree on one A4 page."""
    header = f"{term('ho_outline', language)} · {outline_count(art, language)}"
    return document(outline_lines(art, language), lang=language, size=SMALL_PT, header=header, compact=True)


def _original_lines(art: Article) -> list[str]:
    """The article as one reads it, paragraph by paragraph (title and author are on the outline page)."""
    lines = []
    for para in art.paragraphs.itertuples():
        if para.role == "front":
            continue
        if para.role == "note":
            lines.append(call("small", para.text_zh))
            continue
        lines.append(call("zh-par", para.text_zh, heading=para.role == "heading"))
    return lines


def has_translation(art: Article) -> bool:
    """True when at least one sentence has curated English."""
    return any(not missing(en) for en in parallel_text(art)["text_en"])


def _parallel_lines(art: Article, language: str) -> list[str]:
    """One row per sentence: number, Chinese, English (or the note that this sentence has none)."""
    lines = [call("heading", term("ho_parallel", language), level=2),
             call("small", term("ho_parallel_intro", language)),
             call("pair", "", term("ho_zh", language), term("ho_en", language), heading=True)]
    previous = None
    for row in parallel_text(art).itertuples():
        if row.role == "front":
            continue
        if previous is not None and row.paragraph_id != previous:
            lines.append(call("pair-gap"))
        previous = row.paragraph_id
        en = "" if missing(row.text_en) else str(row.text_en)
        lines.append(call("pair", str(row.sentence_id), row.text_zh, en or term("ho_no_sentence_en", language),
                          missing=not en, heading=row.role == "heading"))
    return lines


def glossary_lines(art: Article, language: str) -> list[str]:
    """The curated glossary: each term, its pinyin, its one English rendering and the translator's note."""
    if art.glossary is None or art.glossary.empty:
        return []
    lines = [call("heading", term("ho_glossary", language), level=2),
             call("small", term("ho_glossary_intro", language))]
    for _, row in art.glossary.iterrows():
        fields = ["" if missing(row.get(c)) else str(row.get(c)) for c in ("zh", "pinyin", "en", f"note_{language}")]
        lines.append(call("gloss", *fields))
    return lines


def _no_translation_note() -> str:
    return call("note", f"{term('ho_no_translation', 'zh')}\n{term('ho_no_translation', 'en')}")


def article_source(art: Article, language: str) -> str:
    """Handout (a): the outline page, then the article (Chinese edition: at 三号), then the parallel text.

    The English edition leaves out the Chinese-only reading text, since the parallel text holds every Chinese
    sentence too. Without any curated English there is no parallel text: the Chinese edition prints the note
    above its reading text, the English edition prints the note and the Chinese.
    """
    translated = has_translation(art)
    lines = outline_lines(art, language)
    # The outline page keeps the tight frame of handout (b); `set page` starts a new page in the GB/T frame.
    lines.append("#set page(margin: gb-margin)")
    if language == "zh" or not translated:
        lines.append(f"#set text(size: {BODY_PT if language == 'zh' else SMALL_PT}pt)")
        lines.append(call("heading", term("ho_original", language), level=2))
        if not translated:
            lines.append(_no_translation_note())
        lines += _original_lines(art)
    if translated:
        if language == "zh":
            lines.append(call("pagebreak"))
        lines.append(f"#set text(size: {SMALL_PT}pt)")
        lines += _parallel_lines(art, language)
    glossary = glossary_lines(art, language)
    if glossary:
        lines.append(call("pagebreak"))
        lines.append(f"#set text(size: {SMALL_PT}pt)")
        lines += glossary
    return document(lines, lang=language, size=SMALL_PT, header=term("ho_article", language),
                    footer=art.title or "", compact=True)
