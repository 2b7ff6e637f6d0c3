"""Word documents (.docx): the body's paragraphs and table cells in document order, one per line, as python-docx
reads them, but streamed: the archive is inflated in bounded chunks and the XML parsed as it comes (expat, no
tree), so a zip bomb or a flood of paragraphs is refused at a limit in bounded memory, whatever the archive
declares."""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterator
from xml.parsers import expat

from ..errors import ArticleError, Phrase
from ..registry import READERS
from .limits import MAX_TEXT_CHARS

# A .docx is a zip archive: refuse one that would expand to more than this (a "zip bomb", or not an article).
MAX_DOCX_UNPACKED_BYTES = 50_000_000
# An article has hundreds of paragraphs; a flood of empty ones costs time long before it costs characters.
MAX_DOCX_PARAGRAPHS = 100_000
# Parsing costs time per XML tag (one to two microseconds each here): this keeps a hostile document to seconds.
MAX_DOCX_TAGS = 3_000_000
MAX_XML_DEPTH = 256
_CHUNK = 1 << 16  # bytes inflated per read: memory stays flat whatever the archive claims
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships "
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types "
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@READERS.register(".docx")
def read_docx(label: str, content: bytes) -> str:
    """The body's paragraphs and table cells, one per line, read while the archive is inflated in bounded chunks.

    Nothing the archive declares is trusted: every byte read is counted against ``MAX_DOCX_UNPACKED_BYTES`` as it
    is inflated, and the XML is parsed as it streams, so a zip bomb or a flood of tiny paragraphs is refused as
    soon as it passes a limit, in bounded memory, instead of after it has been unpacked and built into a tree.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ArticleError.keyed("err_docx_not_zip", label=label) from None
    with archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_DOCX_UNPACKED_BYTES:
            raise ArticleError.keyed("err_docx_unpacks", label=label, size=unpacked, limit=MAX_DOCX_UNPACKED_BYTES)
        unpacker = _Unpacker(label, archive, MAX_DOCX_UNPACKED_BYTES)
        try:
            main = _main_document(unpacker)
            body = _BodyText(label, MAX_TEXT_CHARS, MAX_DOCX_PARAGRAPHS)
            _parse(unpacker.label, unpacker.chunks(main), body)
            return body.text()
        except ArticleError:
            raise  # a limit was passed: its message says which (ArticleError is a ValueError)
        except _Unreadable as error:
            reason = error.phrase
        except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError, zlib.error, expat.ExpatError) as error:
            # a library's own English reason: kept for developers, the Chinese message just says "damaged"
            raise ArticleError.keyed("err_docx_damaged", label=label, reason=f"{type(error).__name__}: {error}"
                                     ) from None
    raise ArticleError.keyed("err_docx_unreadable", label=label, reason=reason)


class _Unreadable(Exception):
    """The package is not a Word document we can read (said in words for the learner, in either language)."""

    def __init__(self, key: str, **params: object) -> None:
        self.phrase = Phrase(key, **params)
        super().__init__(str(self.phrase))


class _Unpacker:
    """Inflates members of one archive in bounded chunks, charging every byte to one allowance for the upload."""

    def __init__(self, label: str, archive: zipfile.ZipFile, limit: int) -> None:
        self.label, self.archive, self.limit, self.left = label, archive, limit, limit

    def chunks(self, name: str) -> Iterator[bytes]:
        """The member's bytes, at most ``_CHUNK`` at a time; stops as soon as the real total passes the limit."""
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            raise _Unreadable("err_docx_no_member", name=name) from None
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # bzip2 and LZMA inflate a whole block per read, unbounded; Word and WPS only write deflate.
            raise _Unreadable("err_docx_compression", name=name, method=info.compress_type)
        if info.flag_bits & 0x1:
            raise _Unreadable("err_docx_encrypted", name=name)
        # zipfile stops inflating a member at its declared size and then finds the checksum wrong; the allowance
        # below holds whatever the library does.
        with self.archive.open(info) as member:
            while True:
                try:
                    chunk = member.read(_CHUNK)
                except zipfile.BadZipFile as error:
                    if not str(error).startswith("Bad CRC-32"):
                        raise
                    raise _Unreadable("err_docx_checksum", name=name, size=info.file_size) from None
                if not chunk:
                    return
                self.left -= len(chunk)
                if self.left < 0:
                    raise ArticleError.keyed("err_docx_unpack_stop", label=self.label, limit=self.limit)
                yield chunk


def _main_document(unpacker: _Unpacker) -> str:
    """The archive member holding the main document: the package's officeDocument relationship, as Word resolves it."""
    targets: list[str] = []

    def relationship(name: str, attributes: dict[str, str]) -> None:
        if (name == _RELS + "Relationship" and attributes.get("Type") == _OFFICE_DOCUMENT
                and attributes.get("TargetMode", "Internal") == "Internal" and not targets):
            targets.append(attributes.get("Target", ""))

    _parse(unpacker.label, unpacker.chunks("_rels/.rels"), _Elements(relationship))
    if not targets:
        raise _Unreadable("err_docx_no_main", rels="_rels/.rels")
    part = posixpath.normpath(posixpath.join("/", targets[0]))  # a part name, "/word/document.xml"
    extension = posixpath.splitext(part)[1].lstrip(".").lower()
    found: dict[str, str] = {}

    def content_type(name: str, attributes: dict[str, str]) -> None:
        if name == _TYPES + "Override" and attributes.get("PartName", "").lower() == part.lower():
            found["override"] = attributes.get("ContentType", "")
        elif name == _TYPES + "Default" and attributes.get("Extension", "").lower() == extension:
            found["default"] = attributes.get("ContentType", "")

    _parse(unpacker.label, unpacker.chunks("[Content_Types].xml"), _Elements(content_type))
    kind = found.get("override", found.get("default"))
    if kind is None:
        raise _Unreadable("err_docx_no_type", types="[Content_Types].xml", part=part)
    if kind != _WORD_MAIN:
        raise _Unreadable("err_docx_not_word", part=part, kind=repr(kind))
    return part[1:]


def _parse(label: str, chunks: Iterator[bytes], handler: _Elements | _BodyText) -> None:
    """Feed XML to expat chunk by chunk; no tree is built, so memory does not grow with the document.

    Parsing costs time per tag, so tags are counted (in C, before expat sees them) against ``MAX_DOCX_TAGS``, and
    nesting is kept under ``MAX_XML_DEPTH`` by the handlers (expat keeps every open tag in memory).
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.ordered_attributes = True  # a flat list is cheaper to build than a dict, and most elements need none
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.characters

    def no_doctype(*_: object) -> None:
        # OOXML parts never declare a DTD; refusing it rules out entity expansion ("billion laughs") outright.
        raise _Unreadable("err_docx_dtd")

    parser.StartDoctypeDeclHandler = no_doctype
    tags = 0
    for chunk in chunks:
        tags += chunk.count(b"<")
        if tags > MAX_DOCX_TAGS:
            raise ArticleError.keyed("err_docx_tags", label=label, limit=MAX_DOCX_TAGS)
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _too_deep() -> _Unreadable:
    return _Unreadable("err_docx_deep", depth=MAX_XML_DEPTH)


def _attribute(attributes: list[str], name: str, default: str) -> str:
    """A value from expat's ordered attribute list [name, value, name, value…]."""
    for index in range(0, len(attributes), 2):
        if attributes[index] == name:
            return attributes[index + 1]
    return default


class _Elements:
    """Expat handlers that pass every element's name and attributes to one callback (small package parts)."""

    def __init__(self, callback: Callable[[str, dict[str, str]], None]) -> None:
        self.callback, self.depth = callback, 0

    def start(self, name: str, attributes: list[str]) -> None:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise _too_deep()
        self.callback(name, dict(zip(attributes[::2], attributes[1::2], strict=True)))

    def end(self, name: str) -> None:
        self.depth -= 1

    def characters(self, data: str) -> None:
        pass


# Where an element sits decides what it means: role of the parent -> {element: role}. Anything else is skipped
# with everything inside it. This is what python-docx reads as text: the body's and each cell's own paragraphs and
# tables; a paragraph's runs, also inside hyperlinks; a run's text, tabs, line breaks and non-breaking hyphens. A
# cell that continues a vertical merge repeats the cell above, so it is read once, there.
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "
_BLOCKS = {_W + "p": "p", _W + "tbl": "tbl"}
_ROLES: dict[str, dict[str, str]] = {
    "": {_W + "document": "document"},
    "document": {_W + "body": "blocks"},
    "blocks": _BLOCKS,
    "tbl": {_W + "tr": "tr"},
    "tr": {_W + "tc": "cell"},
    "cell": {_W + "tcPr": "tcPr", **_BLOCKS},
    "tcPr": {_W + "vMerge": "vMerge"},
    "p": {_W + "r": "r", _W + "hyperlink": "hyperlink"},
    "hyperlink": {_W + "r": "r"},
    "r": {_W + "t": "t", _W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "br": "br",
          _W + "noBreakHyphen": "-"},
}
_NOTHING: dict[str, str] = {}
_PLAIN = frozenset(("skip", "r", "t", "hyperlink", "tbl", "tr", "cell", "tcPr", "document", "blocks"))
_RUN_CHARACTERS = frozenset(("\t", "\n", "-"))


class _BodyText:
    """Expat handlers that collect the body's lines and refuse as soon as the text or paragraph count passes a limit."""

    def __init__(self, label: str, max_chars: int, max_paragraphs: int) -> None:
        self.label, self.max_chars, self.max_paragraphs = label, max_chars, max_paragraphs
        self.roles = [""]
        self.out = io.StringIO()
        self.chars = 0  # of the text so far, line breaks between paragraphs included
        self.paragraphs = 0
        self.line: list[str] = []
        self.line_chars = 0

    def start(self, name: str, attributes: list[str]) -> None:
        roles = self.roles
        role = _ROLES.get(roles[-1], _NOTHING).get(name, "skip")
        roles.append(role)
        if role in _PLAIN:
            if len(roles) > MAX_XML_DEPTH:
                raise _too_deep()
        elif role == "p":
            self.paragraphs += 1
            if self.paragraphs > self.max_paragraphs:
                raise ArticleError.keyed("err_docx_paragraphs", label=self.label, limit=self.max_paragraphs)
        elif role in _RUN_CHARACTERS:
            self._add(role)
        elif role == "br":
            if _attribute(attributes, _W + "type", "textWrapping") == "textWrapping":
                self._add("\n")  # page and column breaks are layout, not text
        elif role == "vMerge" and _attribute(attributes, _W + "val", "continue") == "continue":
            roles[-3] = "merged"  # the enclosing cell: its paragraphs and tables are skipped

    def end(self, name: str) -> None:
        if self.roles.pop() == "p":
            self._check()
            if self.paragraphs > 1:
                self.out.write("\n")  # lines are joined with line breaks, as "\n".join would
            self.out.write("".join(self.line))
            self.chars += (self.paragraphs > 1) + self.line_chars
            self.line, self.line_chars = [], 0

    def characters(self, data: str) -> None:
        if self.roles[-1] == "t":
            self._add(data)

    def _add(self, text: str) -> None:
        self.line.append(text)
        self.line_chars += len(text)
        self._check()

    def _check(self) -> None:
        if self.chars + (self.paragraphs > 1) + self.line_chars > self.max_chars:
            raise ArticleError.keyed("err_docx_chars", label=self.label, limit=self.max_chars)

    def text(self) -> str:
        return self.out.getvalue()
