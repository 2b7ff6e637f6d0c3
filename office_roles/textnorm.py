"""Width folding for matching: one character in, one character out, so offsets stay true to the clean text.

NFKC would also fold ``①``/``⑴``/``㈠`` and so destroy heading-level information; only the full-width ASCII block
(U+FF01–FF5E) and the ideographic space are folded here.
"""

from __future__ import annotations

import re

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FOLD[0x00A0] = 0x20
_FOLD_CHAR = {chr(k): chr(v) for k, v in _FOLD.items()}
_WIDE = re.compile("[\uff01-\uff5e\u3000\xa0]")


def fold_width(text: str) -> str:
    """Return ``text`` with full-width ASCII forms folded; ``len`` is unchanged.

    A regex substitution touches only the full-width characters, where ``str.translate`` with a mapping would
    look up every character of a Chinese text in a dict (three times slower here)."""
    return _WIDE.sub(lambda match: _FOLD_CHAR[match.group()], text)


# Zero-width characters, bidi embeddings/overrides/isolates and the byte-order mark: invisible, but at a line
# start they hide the marker (``\u200b一、``) and the outline vanishes. They carry nothing an article needs.
INVISIBLE = "".join(
    chr(cp) for cp in (*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x206A), 0xFEFF)
)
_INVISIBLE_RUN = re.compile(f"[{INVISIBLE}]+")


def strip_invisible(text: str) -> str:
    """``text`` without zero-width and bidi control characters (removed before any offset is taken)."""
    return _INVISIBLE_RUN.sub("", text)


CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}


def cn_to_int(numeral: str) -> int:
    """Chinese numerals up to 99 (一 … 九十九), the range ordinals use in this genre."""
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        if len(numeral) != 1 or numeral not in CN_DIGITS:
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
        return CN_DIGITS[numeral]
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        raise ValueError(f"not a Chinese numeral: {numeral!r}")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)
