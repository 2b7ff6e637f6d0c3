"""All reading of files and uploads: a path or an upload's (name, bytes) → text for ``article_from_text``.

One size limit for every way in. Each input format is one module of this package that registers its reader
with ``@READERS.register(".suffix")``; a reader takes (label, bytes) and returns text or raises
``ArticleError`` with a message that names the file and says what is wrong and what to do.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from ..errors import ArticleError
from ..registry import READERS
from .plain_text import decode_text, is_junk

# An article is a few thousand characters; 2 M characters (about 6 MB of UTF-8 Chinese, 8 MB as UTF-32) is far
# more than any text of the genre, and at the limit one parse takes one to two seconds (benchmarks/README.md).
MAX_TEXT_CHARS = 2_000_000
MAX_SOURCE_BYTES = 8_000_000

READERS.discover()


def supported() -> tuple[str, ...]:
    """The file suffixes that can be read, e.g. ('.txt', '.docx')."""
    return tuple(READERS)


def accept() -> str:
    """The ``accept`` string of a file-upload widget: '.txt,.docx'."""
    return ",".join(READERS)


def read_upload(name: str, content: bytes, max_bytes: int = MAX_SOURCE_BYTES) -> str:
    """The text of an uploaded file, chosen by its suffix, or an ``ArticleError`` naming the file and the problem."""
    label = PurePath(name).name if name else "the uploaded file"
    suffix = PurePath(name).suffix.lower() if name else ""
    if suffix not in READERS:
        kind = f"'{suffix}' files" if suffix else "files without an extension"
        hint = " (an old Word .doc: open it and save it as .docx)" if suffix == ".doc" else ""
        raise ArticleError(f"{label}: cannot read {kind}{hint}; upload a {' or '.join(READERS)} file")
    _check_size(label, content, max_bytes)
    text = READERS[suffix](label, content)
    if not text.strip():
        raise ArticleError(f"{label}: the file has no text")
    return text


def read_source(path: Path | str) -> str:
    """Read a page or text file from disk; saved pages (.html, no suffix…) are read as plain text."""
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:  # checked before reading, so a huge file is never loaded
        raise ArticleError(f"{path}: the file is too big: {size:,} bytes; the limit is {MAX_SOURCE_BYTES:,}")
    content = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in READERS and suffix != ".txt":
        return read_upload(path.name, content)
    if not content.strip():
        raise ArticleError(f"{path}: the file is empty")
    return READERS[".txt"](str(path), content)


def _check_size(label: str, content: bytes, max_bytes: int) -> None:
    if not content:
        raise ArticleError(f"{label}: the file is empty")
    if len(content) > max_bytes:
        raise ArticleError(
            f"{label}: the file is too big: {len(content):,} bytes; the limit is {max_bytes:,} bytes "
            "(upload one article at a time)"
        )


__all__ = ["MAX_SOURCE_BYTES", "MAX_TEXT_CHARS", "READERS", "accept", "decode_text", "is_junk", "read_source",
           "read_upload", "supported"]
