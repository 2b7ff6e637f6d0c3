"""Uploads: .txt in UTF-8 / UTF-16 / GBK, .docx, and a clear ArticleError for everything else."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

import office_roles as orl
from office_roles import sources
from office_roles.errors import ArticleError
from office_roles.sources import MAX_TEXT_CHARS, plain_text, read_upload, word_docx

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


def build_paragraphs_and_tables(document):
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


def test_docx_paragraphs_and_tables_in_order():
    text = read_upload("article.docx", docx_bytes(build_paragraphs_and_tables))
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


def python_docx_text(content: bytes) -> str:
    """The reference reading: python-docx's own paragraphs and cells, as this package read .docx before streaming."""
    from docx.table import Table

    def lines(container) -> list[str]:
        found: list[str] = []
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                seen: dict[int, object] = {}
                for row in block.rows:
                    for cell in row.cells:
                        if id(cell._tc) not in seen:
                            seen[id(cell._tc)] = cell._tc
                            found.extend(lines(cell))
            else:
                found.append(block.text)
        return found

    return "\n".join(lines(Document(io.BytesIO(content))))


def build_runs(document):
    from docx.enum.text import WD_BREAK

    paragraph = document.add_paragraph("一、")
    paragraph.add_run("加强\t领导").bold = True
    paragraph.add_run().add_break()
    paragraph.add_run("分页").add_break(WD_BREAK.PAGE)
    paragraph.add_run("分栏").add_break(WD_BREAK.COLUMN)
    paragraph.add_run("  前后空格  &<>\"'")
    document.add_paragraph()
    document.add_paragraph("")


def build_inline_markup(document):
    paragraph = document.add_paragraph("甲")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    from docx.oxml import parse_xml

    for xml in (
        f'<w:hyperlink {w}><w:r><w:t>链接</w:t></w:r><w:r><w:tab/><w:t>二</w:t></w:r></w:hyperlink>',
        f'<w:r {w}><w:t xml:space="preserve"> 乙 </w:t><w:cr/><w:noBreakHyphen/><w:ptab w:relativeTo="margin" '
        'w:alignment="right" w:leader="none"/><w:br w:type="textWrapping"/><w:t><![CDATA[丙<]]></w:t></w:r>',
        f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>修订</w:t></w:r></w:ins>',
        f'<w:fldSimple {w} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>',
        f'<w:r {w} {mc}><mc:AlternateContent><mc:Choice Requires="wps"><w:t>框</w:t></mc:Choice>'
        '</mc:AlternateContent><w:t>丁</w:t></w:r>',
        f'<w:r {w}><w:rPr><w:b/></w:rPr><w:delText>删</w:delText><w:t>戊</w:t></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))
    document.element.body.insert(0, parse_xml(
        f'<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>控件</w:t></w:r></w:p></w:sdtContent></w:sdt>'))


def build_merged_tables(document):
    table = document.add_table(rows=4, cols=3)
    for row in range(4):
        for col in range(3):
            table.cell(row, col).text = f"{row}{col}"
    table.cell(0, 0).merge(table.cell(2, 0))  # vertical
    table.cell(1, 1).merge(table.cell(2, 2))  # a block
    table.cell(3, 0).merge(table.cell(3, 1))  # horizontal
    inner = table.cell(3, 2).add_table(rows=2, cols=2)
    inner.cell(0, 0).merge(inner.cell(1, 0)).text = "内"
    document.add_paragraph("尾")


def build_main_part_elsewhere(document):
    document.add_paragraph("正文在 document2.xml")


@pytest.mark.parametrize("build", [build_paragraphs_and_tables, build_runs, build_inline_markup, build_merged_tables,
                                   build_main_part_elsewhere])
def test_docx_reading_matches_python_docx(build):
    """The streaming reader gives what python-docx gives: runs, breaks, hyperlinks, merged and nested cells; and,
    like it, leaves out what is not a paragraph's own runs (tracked insertions, fields, text boxes, controls)."""
    content = docx_bytes(build)
    if build is build_main_part_elsewhere:
        content = renamed_part(content, "word/document.xml", "word/document2.xml")
    expected = python_docx_text(content)
    assert read_upload("a.docx", content) == expected
    assert expected.strip()


def renamed_part(content: bytes, old: str, new: str) -> bytes:
    """The package with one part renamed everywhere it is named (Word Online writes word/document2.xml)."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in ("[Content_Types].xml", "_rels/.rels"):
                data = data.replace(old.encode(), new.encode())
            rels = f"{posixpath.dirname(old)}/_rels/{posixpath.basename(old)}.rels"
            name = {old: new, rels: f"{posixpath.dirname(new)}/_rels/{posixpath.basename(new)}.rels"}.get(
                info.filename, info.filename)
            archive.writestr(name, data)
    return target.getvalue()


def test_read_limited_stops_one_byte_past_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 101)
    assert sources.read_limited(path, 101) == b"a" * 101
    asked = []
    real_open = open

    def spying_open(*args, **kwargs):
        handle = real_open(*args, **kwargs)
        real_read = handle.read
        handle.read = lambda size=-1: asked.append(size) or real_read(size)
        return handle

    monkeypatch.setattr("builtins.open", spying_open)
    with pytest.raises(ArticleError, match=r"big\.txt: the file is too big: more than 100 bytes; the limit is 100 b"):
        sources.read_limited(path, 100)
    assert asked == [101]


def judged_one_character_at_a_time(text: str) -> str | None:
    """The reference rule, applied character by character: None if accepted, else the share shown in the refusal."""
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return None
    junk = sum(map(sources.is_junk, visible))
    return f"{junk / len(visible):.0%}" if junk / len(visible) > plain_text.MAX_JUNK_SHARE else None


def judged(text: str) -> str | None:
    try:
        plain_text._checked("t.txt", text, "utf-8")
    except ArticleError as error:
        return re.search(r"UTF-8, (\d+%) of its", str(error)).group(1)
    return None


TRICKY = [
    "", " ", "\n\t\r\f\v", "\x1c\x1d\x1e\x1f\x85", "\xa0\u3000\u2028\u2029", "一二三四\x00", "一二三\x00",
    "一\x00\x01", "\x7f\x80\x9f", "\ue000\uf8ff\U000f0000\U0010fffd", "\u0378\ufffe\uffff\U0010ffff", "\ud800\udfff",
    "\ufffd" * 3 + "文", "abcd\ufffd", "abc\ufffd", "\t\x0b\x0c\x1c 文\x1d", "e\u0301\u200b\u200d\u202e\u2066",
    "😀🇨🇳\U0002a6d6", "[]^-\\", "一二三四五\x00" * 1000, "\x00" * 10 + "文" * 40, "\x00" * 11 + "文" * 40,
]


@pytest.mark.parametrize("text", TRICKY)
def test_junk_judgement_is_unchanged_on_tricky_text(text):
    assert judged(text) == judged_one_character_at_a_time(text)


@given(st.text(alphabet=st.sampled_from(sorted({c for t in TRICKY for c in t} | set("文 \x00\ue000"))), max_size=60)
       | st.text(max_size=60))
def test_junk_judgement_is_unchanged_on_any_text(text):
    assert judged(text) == judged_one_character_at_a_time(text)
