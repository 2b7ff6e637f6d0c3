"""The one place that picks Chinese, English or both: which parts of a (zh, en) pair to show, the separators that
join them, the pinyin stand-in for missing English, and ``term``, which reads the catalogue of every word the
package adds around the article's own text (``catalogue.STRINGS``: figure terms, widget labels).

Rules, the same everywhere: ``zh`` shows Chinese (English if there is no Chinese); ``en`` shows English, or a
stand-in when there is none (tone-marked pinyin in figures, so no hanzi reaches an English figure; the Chinese in
tables and widgets, where the learner can still read it); ``both`` shows Chinese then English, joined by the
separator of the medium.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import pandas as pd

from .catalogue import STRINGS
from .errors import render
from .romanize import CJK as _CJK
from .romanize import romanize
from .settings import LANGUAGES, settings

# The separators, one per medium: labels in figures and UI strings; text stacked on lines in figures; inline
# text in tables and widgets; a figure title or note set side by side on one line.
SLASH = " / "
LINES = "\n"
DOT = " · "
GAP = "  "

Fallback = Literal["pinyin", "zh"]

def resolve(language: str | None) -> str:
    """``language`` checked, or ``settings.language`` when None (read at call time, so a notebook switches once)."""
    language = settings.language if language is None else language
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    return language


def missing(value: object) -> bool:
    """None, NaN/NA or blank text: no text in this language."""
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


def parts(zh: object, en: object, language: str | None = None, *, fallback: Fallback = "pinyin") -> list[str]:
    """The texts to show, in order: one (zh or en) or two (zh, en). Missing English in ``en`` mode becomes
    pinyin (``fallback="pinyin"``) or the Chinese itself (``"zh"``)."""
    language = resolve(language)
    zh_text = "" if missing(zh) else str(zh)
    en_text = "" if missing(en) else str(en)
    if language == "zh":
        return [zh_text or en_text]
    if language == "en":
        if en_text:
            return [en_text]
        return [romanize(zh_text) if fallback == "pinyin" else zh_text]
    return [text for text in (zh_text, en_text) if text] or [""]


def pick(zh: object, en: object, language: str | None = None, sep: str = SLASH, *,
         fallback: Fallback = "pinyin") -> str:
    """One text in the chosen language: ``pick("参谋", "advising", "both") == "参谋 / advising"``."""
    return sep.join(parts(zh, en, language, fallback=fallback))


def label(row_or_zh: object, en: object = None, language: str | None = None, *, sep: str = SLASH) -> str:
    """``pick`` for a string pair or a row with ``label_zh``/``label_en`` (a Series, a dict or a tuple row)."""
    zh: object = row_or_zh
    if isinstance(row_or_zh, Mapping | pd.Series):
        zh = row_or_zh.get("label_zh")
        en = row_or_zh.get("label_en") if en is None else en
    elif hasattr(row_or_zh, "label_zh"):
        zh = row_or_zh.label_zh
        en = getattr(row_or_zh, "label_en", None) if en is None else en
    return pick(zh, en, language, sep)


def column(zh: pd.Series, en: pd.Series, language: str | None = None, sep: str = DOT) -> pd.Series:
    """``pick`` over two table columns at once (missing English falls back to the Chinese)."""
    language = resolve(language)
    zh, en = zh.astype("string"), en.astype("string")
    if language == "zh":
        return zh
    if language == "en":
        return en.fillna(zh)
    return (zh + sep + en).fillna(zh)


def options(zh: Sequence[str], en: Sequence[str], language: str | None = None, sep: str = DOT) -> list[str]:
    """Parallel option lists (quiz choices, slider names) as one list in the chosen language."""
    return [pick(a, b, language, sep, fallback="zh") for a, b in zip(zh, en, strict=True)]


def term(key: str, language: str | None = None, sep: str = SLASH) -> str:
    """A word from the catalogue below in the chosen language; 'both' gives "中文 / English"."""
    try:
        zh, en = STRINGS[key]
    except KeyError:
        raise KeyError(f"no string {key!r} in the catalogue (office_roles.catalogue.STRINGS)") from None
    return pick(zh, en, language, sep)


def message(error: object, language: str | None = None, sep: str = SLASH) -> str:
    """What went wrong, in the reader's language: a keyed error (``OfficeRolesError.keyed``) or
    :class:`~office_roles.errors.Phrase` from the catalogue, its file, row and field kept; any other error as its
    own text. 'both' gives the Chinese, then the English."""
    language = resolve(language)
    if not getattr(error, "key", None):
        return str(error)
    said = [render(error, index) for index in ((0,) if language == "zh" else (1,) if language == "en" else (0, 1))]
    return sep.join(said)
