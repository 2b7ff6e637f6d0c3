"""The book's reading pages, generated from the data in one language: the landing page, the article zh | en
sentence by sentence, the glossary and the figures page.

Each function takes the loaded data and returns the MyST text of one page, so the pages can be tested without
Sphinx and nothing in them is maintained by hand.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..i18n import missing
from ..translation import parallel_text
from . import markdown as md
from .editions import Lessons
from .words import say

# The book's sections, in the order of the landing page; paths are relative to a language's folder.
READING_PAGES = ("article", "glossary", "figures", "exercises/quiz", "exercises/scenarios", "exercises/mapping",
                 "exercises/self_assessment", "exercises/discussion")
INSTRUCTOR_PAGES = ("instructor/facilitator", "instructor/plans")
OTHER = {"zh": "en", "en": "zh"}


def localized(row: pd.Series | dict, base: str, language: str) -> tuple[str, bool]:
    """``row[base_<language>]``, else the other language's column (or plain ``base``), and whether it fell back.

    The book shows every text in its edition's language where the data has it; where it does not yet (a note
    written only in English) it shows the other language and says so, rather than leaving a gap."""
    get = row.get if isinstance(row, dict) else row.get
    own = get(f"{base}_{language}")
    if not missing(own):
        return str(own), False
    for other in (f"{base}_{OTHER[language]}", base):
        value = get(other)
        if not missing(value):
            return str(value), True
    return "", False


def text_in(row: pd.Series | dict, base: str, language: str) -> str:
    """``localized`` as one string, marked when it is in the other language."""
    text, fell_back = localized(row, base, language)
    return f"{say('untranslated', language)} {text}" if fell_back else text


def part_heading(part: pd.Series, language: str) -> str:
    """A part's heading: its own marker (一、) in Chinese, "Part 1:" in English."""
    heading = part["heading_zh"] if language == "zh" else part["heading_en"]
    return say("part_heading", language, marker=part["marker"], number=part["number"], heading=heading)


def book_title(source: dict, language: str) -> str:
    title = source["title"] if language == "zh" else source.get("title_en") or source["title"]
    return f"{title} · {say('book', language)}" if language == "zh" else f"{title}: a {say('book', language)}"


def landing_page(source: dict, lessons: Lessons, lesson_docs: Sequence[str], language: str) -> str:
    """The landing page of one language: what the book is, the other edition, and the three tables of contents."""
    other = OTHER[language]
    switch = f'<p class="edition-switch"><a href="../{other}/index.html" hreflang="{other}">' \
             f'{say("other_edition", language)}</a></p>'
    blocks = [md.heading(1, book_title(source, language)), switch, md.paragraph(say("intro", language))]
    if lessons.mixed:
        blocks.append(md.admonition(say("about_lessons", language), md.paragraph(say("mixed_note", language))))
    blocks += [
        md.toctree(lesson_docs, say("lessons", language)),
        md.toctree(READING_PAGES, say("reading", language)),
        md.toctree(INSTRUCTOR_PAGES, say("instructor", language)),
        md.heading(2, say("live_versions", language)),
        md.paragraph(say("live_versions_body", language)),
    ]
    return md.page(*blocks)


def _source_block(source: dict, language: str) -> str:
    rows = [("title", "title"), ("author", "author"), ("author_note", "note"), ("poster", "poster"),
            ("posted", "posted")]
    lines = []
    for word, key in rows:
        value = source.get(f"{key}_en") if language == "en" else None
        value = value or source.get(key)
        if not missing(value):
            lines.append(f"- **{md.inline(say(word, language))}:** {md.inline(value)}")
    return "\n".join(lines) + "\n"


def _section_key(row) -> tuple:
    """Consecutive sentences of one place in the outline share a table: the front matter, the lead, one part's
    own paragraphs, one item, the author's note."""
    if row.role in ("front", "lead", "note"):
        return (row.role,)
    return ("part", row.part_id, None if missing(row.item_id) else row.item_id)


def article_page(art, language: str) -> str:
    """The whole article, one row per sentence: Chinese | English, under the headings of its outline."""
    text = parallel_text(art)
    parts = art.parts.set_index("part_id")
    items = art.items.set_index("item_id")
    header = [say("zh", language), say("en", language)]
    blocks = [md.heading(1, say("article", language)), md.paragraph(say("article_intro", language)),
              md.heading(2, say("source", language)), _source_block(art.source, language)]
    current_part = None
    rows: list[tuple[str, str]] = []
    key = None
    for row in text.itertuples(index=False):
        new_key = _section_key(row)
        if new_key != key and rows:
            blocks.append(md.table(header, rows, widths=[1, 1], css_class="parallel"))
            rows = []
        if new_key != key:
            if new_key[0] == "part":
                part_id, item_id = new_key[1], new_key[2]
                if part_id != current_part:
                    blocks.append(md.heading(2, part_heading(parts.loc[part_id], language),
                                             label=f"article-{language}-{part_id}"))
                    current_part = part_id
                if item_id is not None:
                    headline = items.loc[item_id, "headline_zh" if language == "zh" else "headline_en"]
                    blocks.append(md.heading(3, f"{item_id} · {headline}", label=f"article-{language}-{item_id}"))
            else:
                blocks.append(md.heading(2, say(new_key[0], language)))
            key = new_key
        rows.append((row.text_zh, "" if missing(row.text_en) else row.text_en))
    if rows:
        blocks.append(md.table(header, rows, widths=[1, 1], css_class="parallel"))
    return md.page(*blocks)


def glossary_page(glossary: pd.DataFrame, language: str) -> str:
    """Every glossary term: Chinese, pinyin, English and the note (in this language where the data has it)."""
    notes = [localized(r, "note", language) for _, r in glossary.iterrows()]
    if all(fell_back for text, fell_back in notes if text):  # every note is in the other language: say so once
        shown, note_header = [text for text, _ in notes], say("note_col_other", language)
    else:
        shown, note_header = [text_in(r, "note", language) for _, r in glossary.iterrows()], say("note_col", language)
    rows = [(r["zh"], r["pinyin"], r["en"], note) for (_, r), note in zip(glossary.iterrows(), shown, strict=True)]
    header = [say(k, language) for k in ("term", "pinyin", "english")] + [note_header]
    return md.page(md.heading(1, say("glossary", language)), md.paragraph(say("glossary_intro", language)),
                   md.table(header, rows, widths=[2, 3, 3, 6], css_class="glossary"))


def figures_page(figures: Sequence[tuple[str, str]], language: str) -> str:
    """One section per figure: (file name under ``figures/``, its title in this language)."""
    blocks = [md.heading(1, say("figures", language)), md.paragraph(say("figures_intro", language))]
    for file_name, title in figures:
        blocks += [md.heading(2, title), f"```{{image}} figures/{file_name}\n:alt: {md.inline(title)}\n"
                                         f":width: 100%\n```\n"]
    return md.page(*blocks)


def figure_title(fig, fallback: str) -> str:
    """The title a figure draws (its suptitle, else its first axes title, else its first figure text)."""
    candidates = [fig.get_suptitle()]
    candidates += [ax.get_title() for ax in fig.axes] + [t.get_text() for t in fig.texts]
    return next((" ".join(c.split()) for c in candidates if c and c.strip()), fallback)
