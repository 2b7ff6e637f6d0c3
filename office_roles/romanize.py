"""Telling Chinese from Latin text, and the pinyin stand-in: the character classes and the romanisation that
``i18n`` uses so no hanzi reaches an English figure. A leaf module (it imports nothing from the package), kept
apart so the catalogue in ``i18n`` has room to grow.
"""

from __future__ import annotations

import re
import unicodedata

CJK = re.compile(
    r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_PUNCT_EN = str.maketrans(
    {
        "、": ", ", "，": ", ", "。": ". ", "；": "; ", "：": ": ", "“": '"', "”": '"', "‘": "'", "’": "'",
        "《": '"', "》": '"', "（": "(", "）": ")", "！": "!", "？": "?",
    }
)


def romanize(text: str) -> str:
    """Tone-marked pinyin for Chinese runs, ASCII for CJK punctuation: an English-safe stand-in for text
    that has no translation (another article, an untranslated phrase)."""
    from pypinyin import Style as PinyinStyle
    from pypinyin import lazy_pinyin

    text = unicodedata.normalize("NFKC", text).translate(_PUNCT_EN)
    out: list[str] = []
    pos = 0
    for match in HAN_RUN.finditer(text):
        out.append(text[pos : match.start()])
        syllables = " ".join(lazy_pinyin(match.group(), style=PinyinStyle.TONE))
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        out.append((" " if before.isalnum() else "") + syllables + (" " if after.isalnum() else ""))
        pos = match.end()
    out.append(text[pos:])
    return CJK.sub("", re.sub(r"[ \t]+", " ", "".join(out))).strip()
