"""Plain-text files (.txt, saved web pages): bytes → text, in any encoding a Chinese office uses.

A byte-order mark decides (UTF-8, UTF-16, UTF-32); without one, the bytes are decoded as UTF-8, strictly, and if
that fails as GB18030 (the superset of GBK and GB2312 that Chinese Windows saves by default). Valid UTF-8 is
almost never valid-looking GBK by accident, but the reverse is common, so the order matters. Text that decodes
but is mostly control, private-use or replacement characters is refused as not text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import ArticleError
from ..registry import READERS

# Share of characters that may be control / private-use / unassigned / U+FFFD before the text is refused.
MAX_JUNK_SHARE = 0.2
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: FF FE 00 00 starts with the UTF-16 LE mark
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"\x84\x31\x95\x33", "gb18030"),  # U+FEFF in GB18030, which some editors write as a mark
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


@READERS.register(".txt")
def decode_text(label: str, content: bytes) -> str:
    """Decode a plain-text file: BOM, else strict UTF-8, else GB18030; refuse binaries and junk clearly."""
    # FF FE 00 00 is the UTF-32 mark, or the UTF-16 one followed by U+0000: the first encoding that decodes wins.
    failures = []
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                text = content.decode(encoding)
            except UnicodeDecodeError as error:
                failures.append((encoding, error))
                continue
            return _checked(label, text.lstrip("\ufeff"), encoding)
    if failures:
        encoding, error = failures[0]
        raise ArticleError.keyed("err_bom_damaged", label=label, encoding=encoding.upper().removesuffix("-SIG"),
                                 position=error.start)
    if b"\x00" in content:
        raise ArticleError.keyed("err_binary", label=label)
    for encoding in ("utf-8", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _checked(label, text, encoding)
    raise ArticleError.keyed("err_encoding", label=label)


def is_junk(char: str) -> bool:
    """A control (other than tab and line breaks), private-use, unassigned or surrogate character, or U+FFFD."""
    if char == "\ufffd":
        return True
    category = unicodedata.category(char)
    return (category == "Cc" and char not in _ALLOWED_CONTROLS) or category in ("Co", "Cn", "Cs")


def _checked(label: str, text: str, encoding: str) -> str:
    # is_junk and isspace are asked once per distinct character, and the counting is done by re in C: a text has
    # a few thousand distinct characters but can be millions long.
    distinct = set(text)
    visible = len(text) - _count(text, {c for c in distinct if c.isspace()})
    if not visible:
        return text
    junk = _count(text, {c for c in distinct if is_junk(c) and not c.isspace()})
    if junk / visible > MAX_JUNK_SHARE:
        raise ArticleError.keyed("err_junk", label=label, encoding=encoding.upper(), share=junk / visible)
    return text


def _count(text: str, characters: set[str]) -> int:
    """How many times any of these characters occurs in the text."""
    if not characters:
        return 0
    return re.subn("[" + "".join(map(re.escape, sorted(characters))) + "]", "", text)[1]
