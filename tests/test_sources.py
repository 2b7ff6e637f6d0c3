"""Uploads: .txt in UTF-8 / UTF-16 / GBK, .docx, and a clear ArticleError for everything else."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

import office_roles as orl
from office_roles import sources
from office_roles.errors import ArticleError
from office_roles.sources import MAX_TEXT_CHARS, read_upload, word_docx

TEXT = "题目\n一、总体要求\n（一）坚持原则。正文。\n二、主要任务\n一是加强领导。"
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "01_work_report.txt"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32",
                                      "gbk", "gb18030"])
def test_text_encodings(encoding):
    if encoding.endswith("-bom"):
        codec = encoding.removesuffix("-bom")
        content = ("\ufeff" + TEXT).encode(codec)
    else:
        content = TEXT.encode(encoding)
    assert read_upload("article.txt", content) == TEXT


def test_gbk_is_not_mistaken_for_utf8():
    content = TEXT.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    assert orl.article_from_text(read_upload("文章.TXT", content)).items["headline_zh"].tolist() == ["坚持原则",
                                                                                                   "加强领导"]


def test_crlf_and_bom_are_harmless():
    text = read_upload("a.txt", ("\ufeff" + TEXT.replace("\n", "\r\n")).encode("utf-8"))
    assert not text.startswith("\ufeff")
    assert orl.article_from_text(text).text == orl.article_from_text(TEXT).text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"%PDF-1.4", r"report\.pdf: cannot read '\.pdf' files; upload a \.txt or \.docx file"),
        ("README", b"text", r"README: cannot read files without an extension"),
        ("old.doc", b"\xd0\xcf\x11\xe0", r"old\.doc: .*save it as \.docx"),
        ("empty.txt", b"", r"empty\.txt: the file is empty"),
        ("blank.txt", b" \n\t\n", r"blank\.txt: the file has no text"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"photo\.txt: this looks like a binary file.*NUL"),
        ("latin.txt", b"\x80\x80 caf\xe9\n", r"latin\.txt: the text is neither UTF-8 nor GBK/GB18030"),
        ("controls.txt", bytes(range(1, 9)) * 10, r"controls\.txt: this does not look like text: read as UTF-8, 100%"),
        ("bad-bom.txt", b"\xef\xbb\xbf\xff\xff", r"bad-bom\.txt: the file starts with a UTF-8 byte-order mark"),
        ("not-a-zip.docx", b"hello", r"not-a-zip\.docx: this is not a valid \.docx file"),
        ("dir/sub/big.txt", b"x" * 101, r"^big\.txt: the file is too big: 101 bytes; the limit is 100 bytes"),
    ],
)
def test_refusals_name_the_file_and_the_problem(name, content, message):
    with pytest.raises(ArticleError, match=message):
        read_upload(name, content, max_bytes=100)


def test_default_size_limit():
    assert sources.MAX_SOURCE_BYTES == 8_000_000
    with pytest.raises(ArticleError, match="too big: 8,000,001 bytes; the limit is 8,000,000 bytes"):
        read_upload("big.txt", b"a" * 8_000_001)


def test_pasted_text_size_limit():
    assert MAX_TEXT_CHARS == 2_000_000
    with pytest.raises(ArticleError, match=r"too long: 2,000,001 characters; the limit is 2,000,000 characters"):
        orl.article_from_text("一" * 2_000_001)


def docx_bytes(build) -> bytes:
    document = Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_order():
    def build(document):
        document.add_paragraph("题目")
        document.add_paragraph("一、要求")
        table = document.add_table(rows=2, cols=3)
        table.cell(0, 0).text = "甲"
        merged = table.cell(0, 1).merge(table.cell(0, 2))
        merged.text = "乙丙"
        for col, text in enumerate("丁戊己"):
            table.cell(1, col).text = text
        table.cell(1, 2).add_table(rows=1, cols=1).cell(0, 0).text = "庚"
        document.add_paragraph("一是加强领导。")

    text = read_upload("article.docx", docx_bytes(build))
    # A cell that holds a table ends with an empty paragraph (Word requires one): a blank line, dropped later.
    assert text == "题目\n一、要求\n甲\n乙丙\n丁\n戊\n己\n庚\n\n一是加强领导。"


def test_docx_sample_gives_the_same_outline():
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    content = docx_bytes(lambda document: [document.add_paragraph(line) for line in lines])
    from_docx = orl.article_from_text(read_upload("总结.docx", content))
    from_txt = orl.load_article(SAMPLE)
    assert from_docx.text == from_txt.text
    assert from_docx.outline.equals(from_txt.outline)


def test_damaged_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word document")
    with pytest.raises(ArticleError, match=r"broken\.docx: cannot read this Word document \(\w+"):
        read_upload("broken.docx", buffer.getvalue())
    good = docx_bytes(lambda document: document.add_paragraph("题目"))
    with pytest.raises(ArticleError, match=r"cut\.docx: this is not a valid \.docx file"):
        read_upload("cut.docx", good[: len(good) // 2])


def test_docx_that_unpacks_too_far(monkeypatch):
    monkeypatch.setattr(word_docx, "MAX_DOCX_UNPACKED_BYTES", 1000)
    content = docx_bytes(lambda document: document.add_paragraph("题目"))
    with pytest.raises(ArticleError, match=r"bomb\.docx: the document unpacks to [\d,]+ bytes; the limit is 1,000"):
        read_upload("bomb.docx", content)


def test_empty_docx():
    with pytest.raises(ArticleError, match=r"blank\.docx: the file has no text"):
        read_upload("blank.docx", docx_bytes(lambda document: None))
