"""Bring your own article: an uploaded file's bytes → text for ``article_from_text``.

``read_upload`` takes what a file-upload widget hands over (a file name and its bytes) and returns the text, or
raises ``ArticleError`` with a message that names the file and says what is wrong and what to do.

- ``.txt``: a byte-order mark decides (UTF-8, UTF-16, UTF-32); without one, the bytes are decoded as UTF-8,
  strictly, and if that fails as GB18030 (the superset of GBK and GB2312 that Chinese Windows saves by default).
  Valid UTF-8 is almost never valid-looking GBK by accident, but the reverse is common, so the order matters.
  Text that decodes but is mostly control, private-use or replacement characters is refused as not text.
- ``.docx``: the body's paragraphs and table cells in document order, one per line, as python-docx reads them,
  but streamed: the archive is inflated in bounded chunks and the XML parsed as it comes (expat, no tree), so a
  zip bomb or a flood of paragraphs is refused at a limit in bounded memory, whatever sizes the archive declares.
- Anything else, empty files, binaries (NUL bytes) and files over ``max_bytes`` are refused.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import PurePath
from xml.parsers import expat

from .article import ArticleError

MAX_UPLOAD_BYTES = 2_000_000
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
        raise ArticleError(
            f"{label}: this does not look like text: read as {encoding.upper()}, {junk / visible:.0%} of its "
            "characters are control, private-use or replacement characters (a binary file, or another encoding?)"
        )
    return text


def _count(text: str, characters: set[str]) -> int:
    """How many times any of these characters occurs in the text."""
    if not characters:
        return 0
    return re.subn("[" + "".join(map(re.escape, sorted(characters))) + "]", "", text)[1]


def _read_docx(label: str, content: bytes) -> str:
    """The body's paragraphs and table cells, one per line, read while the archive is inflated in bounded chunks.

    Nothing the archive declares is trusted: every byte read is counted against ``MAX_DOCX_UNPACKED_BYTES`` as it
    is inflated, and the XML is parsed as it streams, so a zip bomb or a flood of tiny paragraphs is refused as
    soon as it passes a limit, in bounded memory, instead of after it has been unpacked and built into a tree.
    """
    from .article import MAX_TEXT_CHARS  # at call time, so that article.py may import this module at load time

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ArticleError(
            f"{label}: this is not a valid .docx file (a .docx is a zip archive; this one cannot be opened). "
            "Save it again from Word or WPS as .docx, or paste the text instead"
        ) from None
    with archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_DOCX_UNPACKED_BYTES:
            raise ArticleError(
                f"{label}: the document unpacks to {unpacked:,} bytes; the limit is {MAX_DOCX_UNPACKED_BYTES:,} bytes"
            )
        unpacker = _Unpacker(label, archive, MAX_DOCX_UNPACKED_BYTES)
        try:
            main = _main_document(unpacker)
            body = _BodyText(label, MAX_TEXT_CHARS, MAX_DOCX_PARAGRAPHS)
            _parse(unpacker.label, unpacker.chunks(main), body)
            return body.text()
        except ArticleError:
            raise  # a limit was passed: its message says which (ArticleError is a ValueError)
        except _Unreadable as error:
            reason = str(error)
        except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError, zlib.error, expat.ExpatError) as error:
            reason = f"{type(error).__name__}: {error}"
    raise ArticleError(
        f"{label}: cannot read this Word document ({reason}); "
        "save it again from Word or WPS as .docx, or paste the text instead"
    )


class _Unreadable(Exception):
    """The package is not a Word document we can read (said in words for the learner)."""


class _Unpacker:
    """Inflates members of one archive in bounded chunks, charging every byte to one allowance for the upload."""

    def __init__(self, label: str, archive: zipfile.ZipFile, limit: int) -> None:
        self.label, self.archive, self.limit, self.left = label, archive, limit, limit

    def chunks(self, name: str) -> Iterator[bytes]:
        """The member's bytes, at most ``_CHUNK`` at a time; stops as soon as the real total passes the limit."""
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            raise _Unreadable(f"the archive has no {name}") from None
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # bzip2 and LZMA inflate a whole block per read, unbounded; Word and WPS only write deflate.
            raise _Unreadable(f"{name} uses a compression method that Word does not write ({info.compress_type})")
        if info.flag_bits & 0x1:
            raise _Unreadable(f"{name} is encrypted")
        # zipfile stops inflating a member at its declared size and then finds the checksum wrong; the allowance
        # below holds whatever the library does.
        with self.archive.open(info) as member:
            while True:
                try:
                    chunk = member.read(_CHUNK)
                except zipfile.BadZipFile as error:
                    if not str(error).startswith("Bad CRC-32"):
                        raise
                    raise _Unreadable(
                        f"{name} does not match its checksum: the file is damaged, or it unpacks to more than the "
                        f"{info.file_size:,} bytes it declares"
                    ) from None
                if not chunk:
                    return
                self.left -= len(chunk)
                if self.left < 0:
                    raise ArticleError(
                        f"{self.label}: the document unpacks to more than {self.limit:,} bytes, the limit; reading "
                        "stopped there (upload one article at a time)"
                    )
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
        raise _Unreadable("_rels/.rels names no main Word document; a Strict Open XML file? Save as Word Document")
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
        raise _Unreadable(f"[Content_Types].xml gives no content type for {part}")
    if kind != _WORD_MAIN:
        raise _Unreadable(f"its main part {part} is not a Word document but {kind!r}")
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
        raise _Unreadable("an XML part declares a DTD, which Word documents never do")

    parser.StartDoctypeDeclHandler = no_doctype
    tags = 0
    for chunk in chunks:
        tags += chunk.count(b"<")
        if tags > MAX_DOCX_TAGS:
            raise ArticleError(
                f"{label}: the document's markup has more than {MAX_DOCX_TAGS:,} XML tags, the limit; reading "
                "stopped there (an article has far fewer: save it again from Word, or paste the text instead)"
            )
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _too_deep() -> _Unreadable:
    return _Unreadable(f"its XML nests more than {MAX_XML_DEPTH} elements deep, which Word documents never do")


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
                raise ArticleError(
                    f"{self.label}: the document has more than {self.max_paragraphs:,} paragraphs, the limit; "
                    "reading stopped there (upload one article at a time)"
                )
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
            raise ArticleError(
                f"{self.label}: the document's text is longer than {self.max_chars:,} characters, the limit; "
                "reading stopped there (upload one article at a time)"
            )

    def text(self) -> str:
        return self.out.getvalue()
