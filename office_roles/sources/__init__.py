"""All reading of files and uploads: a path or an upload's (name, bytes) → text for ``article_from_text``.

One size limit for every way in. Each input format is one module of this package that registers its reader
with ``@READERS.register(".suffix")``; a reader takes (label, bytes) and returns text or raises
``ArticleError`` with a message that names the file and says what is wrong and what to do.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from ..errors import ArticleError
from ..registry import READERS
from .limits import MAX_SOURCE_BYTES, MAX_TEXT_CHARS
from .plain_text import decode_text, is_junk

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
    content = read_limited(path, MAX_SOURCE_BYTES)
    suffix = path.suffix.lower()
    if suffix in READERS and suffix != ".txt":
        return read_upload(path.name, content)
    if not content.strip():
        raise ArticleError(f"{path}: the file is empty")
    return READERS[".txt"](str(path), content)


def read_limited(path: str | PurePath, max_bytes: int) -> bytes:
    """A file's bytes, read no further than one byte past ``max_bytes``: a huge file is refused, not loaded."""
    with open(path, "rb") as handle:
        content = handle.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ArticleError(
            f"{path}: the file is too big: more than {max_bytes:,} bytes; the limit is {max_bytes:,} bytes "
            "(load one article at a time)"
        )
    return content


def _check_size(label: str, content: bytes, max_bytes: int) -> None:
    if not content:
        raise ArticleError(f"{label}: the file is empty")
    if len(content) > max_bytes:
        raise ArticleError(
            f"{label}: the file is too big: {len(content):,} bytes; the limit is {max_bytes:,} bytes "
            "(upload one article at a time)"
        )


__all__ = ["MAX_SOURCE_BYTES", "MAX_TEXT_CHARS", "READERS", "accept", "decode_text", "is_junk", "read_source",
           "read_limited", "read_upload", "supported"]
