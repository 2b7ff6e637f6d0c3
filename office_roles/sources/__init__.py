"""All reading of files and uploads: a path or an upload's (name, bytes) → text for ``article_from_text``.

One size limit for every way in. Each input format is one module of this package that registers its reader
with ``@READERS.register(".suffix")``; a reader takes (label, bytes) and returns text or raises
``ArticleError`` with a message that names the file and says what is wrong and what to do.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from ..errors import ArticleError, Phrase
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
    label = PurePath(name).name if name else Phrase("err_uploaded_file")
    suffix = PurePath(name).suffix.lower() if name else ""
    if suffix not in READERS:
        formats = {"formats_zh": "、".join(READERS), "formats_en": " or ".join(READERS)}
        if not suffix:
            raise ArticleError.keyed("err_no_suffix", label=label, **formats)
        hint = Phrase("err_doc_hint") if suffix == ".doc" else ""
        raise ArticleError.keyed("err_unknown_suffix", label=label, suffix=suffix, hint=hint, **formats)
    _check_size(label, content, max_bytes)
    text = READERS[suffix](str(label), content)
    if not text.strip():
        raise ArticleError.keyed("err_no_text", label=label)
    return text


def read_source(path: Path | str) -> str:
    """Read a page or text file from disk; saved pages (.html, no suffix…) are read as plain text."""
    path = Path(path)
    if not path.is_file():
        raise ArticleError.keyed("err_no_file", label=str(path))
    content = read_limited(path, MAX_SOURCE_BYTES)
    suffix = path.suffix.lower()
    if suffix in READERS and suffix != ".txt":
        return read_upload(path.name, content)
    if not content.strip():
        raise ArticleError.keyed("err_file_empty", label=str(path))
    return READERS[".txt"](str(path), content)


def read_limited(path: str | PurePath, max_bytes: int) -> bytes:
    """A file's bytes, read no further than one byte past ``max_bytes``: a huge file is refused, not loaded."""
    with open(path, "rb") as handle:
        content = handle.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ArticleError.keyed("err_file_over", label=str(path), limit=max_bytes)
    return content


def _check_size(label: str | Phrase, content: bytes, max_bytes: int) -> None:
    if not content:
        raise ArticleError.keyed("err_file_empty", label=label)
    if len(content) > max_bytes:
        raise ArticleError.keyed("err_upload_too_big", label=label, size=len(content), limit=max_bytes)


__all__ = ["MAX_SOURCE_BYTES", "MAX_TEXT_CHARS", "READERS", "accept", "decode_text", "is_junk", "read_source",
           "read_limited", "read_upload", "supported"]
