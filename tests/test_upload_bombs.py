"""Malicious .docx uploads (issue 13, D13 and D14): refused at a limit in bounded memory, whatever they declare.

Each archive is built here, in memory and small (a few hundred kB): a deflate stream is made of one compressed
block repeated, so it inflates to hundreds of MB without ever being compressed at that size. The reading runs in a
fresh interpreter so that its peak resident memory (C allocations included, which ``tracemalloc`` cannot see)
can be measured.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document

from office_roles.errors import ArticleError
from office_roles.sources import MAX_TEXT_CHARS, read_upload, word_docx
from office_roles.sources.word_docx import MAX_DOCX_PARAGRAPHS, MAX_DOCX_UNPACKED_BYTES

resource = pytest.importorskip("resource")  # peak memory of a child process: POSIX only

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>'
        "<w:p><w:r><w:t>题目</w:t></w:r></w:p>").encode()
TAIL = b"<w:sectPr/></w:body></w:document>"
MB = 1 << 20
PEAK_LIMIT_MB = 200
# Run in a child interpreter: read one upload, report the refusal (or the text) and how far the peak RSS grew.
MEASURE = """
import json, resource, sys
from office_roles.errors import ArticleError
from office_roles.sources import read_upload

content = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    result = {"text": read_upload("upload.docx", content)[:200]}
except ArticleError as error:
    result = {"error": str(error)}
result["growth_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps(result))
"""


def repeated_deflate(head: bytes, block: bytes, repeats: int, tail: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of head + block × repeats + tail, its CRC-32 and its real size, compressing the block once.

    A full flush resets the compressor's history, so the block's compressed form is the same every time and can
    simply be repeated in the stream.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    segment = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH) == segment
    end = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return start + segment * repeats + end, crc, len(head) + repeats * len(block) + len(tail)


def deflated(data: bytes) -> tuple[bytes, int, int]:
    return repeated_deflate(data, b"", 0, b"")


def zip_archive(members: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A zip of already-deflated members {name: (data, crc, declared size)}: the sizes are what the caller says."""
    out, central = io.BytesIO(), []
    for name, (data, crc, size) in members.items():
        offset, encoded = out.tell(), name.encode()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0))
        out.write(encoded + data)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                                   len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    directory = b"".join(central)
    offset = out.tell()
    out.write(directory + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory),
                                      offset, 0))
    return out.getvalue()


def docx_with(replace: dict[str, tuple[bytes, int, int]] | None = None) -> bytes:
    """A real Word package (python-docx's template, text "题目") with some members replaced."""
    document, buffer = Document(), io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        members = {name: deflated(archive.read(name)) for name in archive.namelist()}
    members["word/document.xml"] = deflated(HEAD + TAIL)
    return zip_archive(members | (replace or {}))


def measure(tmp_path: Path, content: bytes) -> dict:
    upload = tmp_path / "upload.docx"
    upload.write_bytes(content)
    run = subprocess.run([sys.executable, "-c", MEASURE, str(upload)], capture_output=True, text=True, timeout=300,
                         cwd=Path(__file__).resolve().parent.parent)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_builders_make_a_package_that_reads():
    assert read_upload("plain.docx", docx_with()) == "题目"


def test_bomb_that_declares_a_small_size_is_stopped_at_that_size(tmp_path):
    """D13: document.xml inflates to 300 MB but declares 1 MB; reading stops after 1 MB, in small chunks."""
    data, crc, size = repeated_deflate(HEAD, b" " * MB, 300, TAIL)
    assert size > 6 * MAX_DOCX_UNPACKED_BYTES
    content = docx_with({"word/document.xml": (data, crc, MB)})
    assert len(content) < 1_000_000  # within the upload limit: only the inflated size gives it away
    result = measure(tmp_path, content)
    assert result.get("error") == (
        "upload.docx: cannot read this Word document (word/document.xml does not match its checksum: the file is "
        "damaged, or it unpacks to more than the 1,048,576 bytes it declares); save it again from Word or WPS as "
        ".docx, or paste the text instead"
    ), result
    assert result["growth_mb"] < PEAK_LIMIT_MB


def test_every_inflated_byte_counts_against_one_allowance():
    """D13: the limit is kept by counting what is inflated, not by what the archive declares."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", b"a" * 600_000)
        archive.writestr("b.xml", b"b" * 600_000)
    with zipfile.ZipFile(buffer) as archive:
        unpacker = word_docx._Unpacker("big.docx", archive, 1_000_000)
        assert sum(map(len, unpacker.chunks("a.xml"))) == 600_000
        read = []
        with pytest.raises(ArticleError, match=r"^big\.docx: the document unpacks to more than 1,000,000 bytes, "
                                               r"the limit; reading stopped there"):
            read.extend(map(len, unpacker.chunks("b.xml")))
        assert 0 < sum(read) <= 400_000 and max(read) <= word_docx._CHUNK


def test_bomb_in_a_part_that_is_not_text_is_never_inflated(tmp_path):
    """D13: only the parts that hold the text are read; a bomb in the styles is never inflated."""
    data, crc, _ = repeated_deflate(b"<?xml version='1.0'?><w:styles>", b" " * MB, 300, b"</w:styles>")
    result = measure(tmp_path, docx_with({"word/styles.xml": (data, crc, 40_000)}))
    assert result.get("text") == "题目", result
    assert result["growth_mb"] < PEAK_LIMIT_MB


def test_flood_of_tiny_paragraphs_is_refused_while_parsing(tmp_path):
    """D14: 1.4 M one-character paragraphs (48 MB unpacked, declared honestly) stop at the paragraph limit."""
    paragraph = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    data, crc, size = repeated_deflate(HEAD, paragraph * (MB // len(paragraph)), 46, TAIL)
    assert size < MAX_DOCX_UNPACKED_BYTES
    content = docx_with({"word/document.xml": (data, crc, size)})
    assert len(content) < 300_000
    result = measure(tmp_path, content)
    assert result.get("error") == (
        f"upload.docx: the document has more than {MAX_DOCX_PARAGRAPHS:,} paragraphs, the limit; "
        "reading stopped there (upload one article at a time)"
    ), result
    assert result["growth_mb"] < PEAK_LIMIT_MB


def test_one_endless_paragraph_is_refused_at_the_text_limit(tmp_path):
    """D14: the character limit applies while parsing, not after the whole text has been built."""
    run = b"<w:r><w:t>" + "一二三四五六七八".encode() * 4096 + b"</w:t></w:r>"
    repeats = MAX_TEXT_CHARS // (8 * 4096) + 10
    data, crc, size = repeated_deflate(HEAD + b"<w:p>", run, repeats, b"</w:p>" + TAIL)
    result = measure(tmp_path, docx_with({"word/document.xml": (data, crc, size)}))
    assert result.get("error") == (
        f"upload.docx: the document's text is longer than {MAX_TEXT_CHARS:,} characters, the limit; "
        "reading stopped there (upload one article at a time)"
    ), result
    assert result["growth_mb"] < PEAK_LIMIT_MB


def test_a_dtd_is_refused_before_any_entity_is_expanded():
    """A "billion laughs" document: ten levels of entities, each ten of the one before."""
    entities = b'<!ENTITY e0 "ha">' + b"".join(b"<!ENTITY e%d \"%s\">" % (level, b"&e%d;" % (level - 1) * 10)
                                                for level in range(1, 10))
    document = (b'<?xml version="1.0"?><!DOCTYPE w:document [' + entities + b"]>"
                + f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode() + b"&e9;</w:t></w:r></w:p>" + TAIL)
    with pytest.raises(ArticleError, match=r"^upload\.docx: cannot read this Word document \(an XML part declares a "
                                           r"DTD, which Word documents never do\)"):
        read_upload("upload.docx", docx_with({"word/document.xml": deflated(document)}))


def body(xml: str) -> tuple[bytes, int, int]:
    return deflated(f'<w:document xmlns:w="{W_NS}"><w:body>{xml}</w:body></w:document>'.encode())


@pytest.mark.parametrize(
    ("replace", "reason"),
    [
        ({"word/document.xml": body("<w:p>" + "<w:x>" * 300 + "</w:x>" * 300 + "</w:p>")},
         "its XML nests more than 256 elements deep, which Word documents never do"),
        ({"_rels/.rels": deflated(b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                  b'relationships"/>')},
         r"_rels/\.rels names no main Word document; a Strict Open XML file\? Save as Word Document"),
        ({"[Content_Types].xml": deflated(b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-'
                                          b'types"><Default Extension="xml" ContentType="application/xml"/></Types>')},
         "its main part /word/document.xml is not a Word document but 'application/xml'"),
        ({"[Content_Types].xml": deflated(b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-'
                                          b'types"/>')},
         r"\[Content_Types\]\.xml gives no content type for /word/document\.xml"),
        ({"word/document.xml": deflated(b"<w:document")}, r"ExpatError: unclosed token"),
    ],
    ids=["too deep", "no main part", "not a Word document", "no content type", "broken XML"],
)
def test_package_problems_are_named(replace, reason):
    with pytest.raises(ArticleError, match=rf"^odd\.docx: cannot read this Word document \({reason}"):
        read_upload("odd.docx", docx_with(replace))


def test_members_that_cannot_be_inflated_in_bounded_steps_are_refused():
    """bzip2 and LZMA inflate a whole block per read, so only stored and deflated members are read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_with())) as source, zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            method = zipfile.ZIP_BZIP2 if info.filename == "word/document.xml" else zipfile.ZIP_DEFLATED
            archive.writestr(info.filename, source.read(info), compress_type=method)
    with pytest.raises(ArticleError, match=r"\(word/document\.xml uses a compression method that Word does not "
                                           r"write \(12\)\)"):
        read_upload("odd.docx", buffer.getvalue())


def test_markup_is_refused_past_the_tag_limit(monkeypatch):
    """Time goes with tags: they are counted before expat sees them."""
    monkeypatch.setattr(word_docx, "MAX_DOCX_TAGS", 200)  # per part; the template's [Content_Types].xml has fewer
    paragraphs = body("<w:p><w:r><w:t>正文</w:t></w:r></w:p>" * 30)  # 180 tags
    assert read_upload("a.docx", docx_with({"word/document.xml": paragraphs})) == "\n".join(["正文"] * 30)
    with pytest.raises(ArticleError, match=r"^a\.docx: the document's markup has more than 200 XML tags, the limit"):
        read_upload("a.docx", docx_with({"word/document.xml": body("<w:bookmarkEnd/>" * 200)}))


def test_encrypted_member_is_refused():
    content = bytearray(docx_with())
    entry = content.index(b"PK\x01\x02")  # the first central directory entry
    while not content[entry + 46:].startswith(b"word/document.xml"):
        entry = content.index(b"PK\x01\x02", entry + 4)
    content[entry + 8] |= 0x1  # general-purpose flag bit 0 in the central directory: encrypted
    with pytest.raises(ArticleError, match=r"\(word/document\.xml is encrypted\)"):
        read_upload("locked.docx", bytes(content))
