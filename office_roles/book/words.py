"""The book's words: ``say`` reads them from the package's one catalogue (``i18n.STRINGS``, the ``book_`` block),
and ``WIDGET_PAGES`` names the book page that holds the static version of each live widget.
"""

from __future__ import annotations

from ..i18n import STRINGS, pick

PREFIX = "book_"
WIDGET_PREFIX = "book_widget_"

# Which page of the book holds each live widget's static version (None: no static page; the widget's
# description, ``book_widget_<name>`` in the catalogue, is then the static content). Keys are the class names the
# notebooks construct.
WIDGET_PAGES: dict[str, str | None] = {
    "Session": None, "Explorer": "article", "MappingEditor": "exercises/mapping", "Scenarios": "exercises/scenarios",
    "Quiz": "exercises/quiz", "SelfAssessment": "exercises/self_assessment", "DiscussionDeck": "exercises/discussion",
    "GroupView": None, "ArticleLoader": None, "SuggestionReview": None, "language_toggle": None,
}


def has_word(key: str) -> bool:
    """Whether the catalogue holds the book word ``key``."""
    return PREFIX + key in STRINGS


def say(key: str, language: str, **fields: object) -> str:
    """The book's word ``key`` in ``language`` ("zh" or "en"), with ``{fields}`` filled in."""
    try:
        zh, en = STRINGS[PREFIX + key]
    except KeyError:
        raise KeyError(f"no book word {key!r} (key {PREFIX + key!r}) in office_roles.i18n.STRINGS") from None
    text = pick(zh, en, language, fallback="zh")  # the one rule for choosing a language (office_roles.i18n)
    return text.format(**fields) if fields else text


def widget_view(name: str, language: str) -> tuple[str | None, str | None]:
    """(page of the static version, what the widget does in ``language``) for a widget class, or (None, None)."""
    if name not in WIDGET_PAGES:
        return None, None
    zh, en = STRINGS[WIDGET_PREFIX + name]
    return WIDGET_PAGES[name], pick(zh, en, language, fallback="zh")
