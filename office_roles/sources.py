"""Bring your own article: an uploaded file's bytes → text for ``article_from_text``.

``read_upload`` takes what a file-upload widget hands over (a file name and its bytes) and returns the text, or
raises ``ArticleError`` with a message that names the file and says what is wrong and what to do.

- ``.txt``: a byte-order mark decides (UTF-8, UTF-16, UTF-32); without one, the bytes are decoded as UTF-8,
  strictly, and if that fails as GB18030 (the superset of GBK and GB2312 that Chinese Windows saves by default).
  Valid UTF-8 is almost never valid-looking GBK by accident, but the reverse is common, so the order matters.
  Text that decodes but is mostly control, private-use or replacement characters is refused as not text.
- ``.docx``: the paragraphs and table cells in document order, one per line (python-docx).
- Anything else, empty files, binaries (NUL bytes) and files over ``max_bytes`` are refused.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from pathlib import PurePath

from .article import ArticleError

MAX_UPLOAD_BYTES = 2_000_000
# A .docx is a zip archive: refuse one that would expand to more than this (a "zip bomb", or not an article).
MAX_DOCX_UNPACKED_BYTES = 50_000_000
SUPPORTED = (".txt", ".docx")
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


def read_upload(name: str, content: bytes, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """The text of an uploaded ``.txt`` or ``.docx`` file, or an ``ArticleError`` naming the file and the problem."""
    label = PurePath(name).name if name else "the uploaded file"
    suffix = PurePath(name).suffix.lower() if name else ""
    if suffix not in SUPPORTED:
        kind = f"'{suffix}' files" if suffix else "files without an extension"
        hint = " (an old Word .doc: open it and save it as .docx)" if suffix == ".doc" else ""
        raise ArticleError(f"{label}: cannot read {kind}{hint}; upload a .txt or .docx file")
    if not content:
        raise ArticleError(f"{label}: the file is empty")
    if len(content) > max_bytes:
        raise ArticleError(
            f"{label}: the file is too big: {len(content):,} bytes; the limit is {max_bytes:,} bytes "
            "(upload one article at a time)"
        )
    text = _read_docx(label, content) if suffix == ".docx" else decode_text(label, content)
    if not text.strip():
        raise ArticleError(f"{label}: the file has no text")
    return text


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
        raise ArticleError(
            f"{label}: the file starts with a {encoding.upper().removesuffix('-SIG')} byte-order mark, but "
            f"byte {error.start} cannot be decoded; the file may be damaged"
        )
    if b"\x00" in content:
        raise ArticleError(
            f"{label}: this looks like a binary file, not text (it contains NUL bytes); "
            "if it is UTF-16 text without a byte-order mark, save it as UTF-8"
        )
    for encoding in ("utf-8", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _checked(label, text, encoding)
    raise ArticleError(
        f"{label}: the text is neither UTF-8 nor GBK/GB18030 (nor UTF-16 with a byte-order mark); "
        "save it as UTF-8 and try again"
    )


def is_junk(char: str) -> bool:
    """A control (other than tab and line breaks), private-use, unassigned or surrogate character, or U+FFFD."""
    if char == "\ufffd":
        return True
    category = unicodedata.category(char)
    return (category == "Cc" and char not in _ALLOWED_CONTROLS) or category in ("Co", "Cn", "Cs")


# Characters that are never junk and make up nearly all of an article (CJK ideographs assigned since Unicode 11,
# CJK punctuation, full- and half-width forms, printable ASCII, whitespace): only the rest is looked at one by one,
# so the check runs at regex speed instead of a Python call per character.
_NEVER_JUNK = re.compile(r"[\u4e00-\u9fef\u3000-\u303f\uff01-\uff9f\x21-\x7e\s]+")


def _checked(label: str, text: str, encoding: str) -> str:
    visible = sum(map(len, text.split()))
    if not visible:
        return text
    junk = sum(is_junk(c) for c in _NEVER_JUNK.sub("", text) if not c.isspace())
    if junk / visible > MAX_JUNK_SHARE:
        raise ArticleError(
            f"{label}: this does not look like text: read as {encoding.upper()}, {junk / visible:.0%} of its "
            "characters are control, private-use or replacement characters (a binary file, or another encoding?)"
        )
    return text


def _read_docx(label: str, content: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ArticleError(
            f"{label}: this is not a valid .docx file (a .docx is a zip archive; this one cannot be opened). "
            "Save it again from Word or WPS as .docx, or paste the text instead"
        ) from None
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise ArticleError(
            f"{label}: the document unpacks to {unpacked:,} bytes; the limit is {MAX_DOCX_UNPACKED_BYTES:,} bytes"
        )
    from docx import Document  # python-docx

    try:
        document = Document(io.BytesIO(content))
        lines = list(_block_lines(document))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors… on a damaged package
        raise ArticleError(
            f"{label}: cannot read this Word document ({type(error).__name__}: {error}); "
            "save it again from Word or WPS as .docx, or paste the text instead"
        ) from None
    return "\n".join(lines)


def _block_lines(container) -> list[str]:
    """Paragraph texts in document order; a table gives its cells row by row (merged cells once), nested too."""
    from docx.table import Table

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            seen: dict[int, object] = {}  # keeps each cell element alive, so its id is not reused
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen[id(cell._tc)] = cell._tc
                        lines.extend(_block_lines(cell))
        else:
            lines.append(block.text)
    return lines
