"""The printable handouts: right page counts, real Chinese in the text layer, every quote and prompt whole,
special characters printed as written, no invented translation, and a record sheet Word opens."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from office_roles import load_article
from office_roles.handouts import RECORD_DOCX, build_handouts, literal, record_fields, write_record_docx
from office_roles.handouts.__main__ import main
from office_roles.handouts.article_docs import article_source, has_translation
from office_roles.handouts.exercise_docs import answer_text, lines_for
from office_roles.handouts.typst_source import compile_pdf
from office_roles.i18n import term

POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="pdftotext/pdfinfo (Debian poppler-utils) not installed")
FOOTER = re.compile(r"^—\s*\d+\s*—$")


@pytest.fixture(scope="module")
def art():
    return load_article()


@pytest.fixture(scope="module")
def built(art, data, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handouts")
    build_handouts(art, data, out)
    return out


def pages(pdf: Path) -> list[str]:
    """The text of each page without its running header (top lines) and page number (last line)."""
    # -raw keeps the order Typst wrote the text in; the default reading-order guess swaps glyphs whose boxes
    # overlap where CJK punctuation is compressed (”; or (“), which is not what the page shows.
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    bodies = []
    for page in text.split("\f"):
        lines = [line for line in page.splitlines() if line.strip()]
        if lines and FOOTER.match(lines[-1].strip()):
            lines = lines[:-1]
        bodies.append("\n".join(lines))
    return [b for b in bodies if b.strip()]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def squeeze(text: str) -> str:
    """Text with every white space (and hyphen) removed: a quote wrapped over lines or pages still matches.
    Hyphens go too because pdftotext joins a word broken after its own hyphen (self-|discipline) without it."""
    return re.sub(r"[\s\-]+", "", text)


def body_text(pdf: Path, furniture: tuple[str, ...]) -> str:
    """All pages joined, with the running header/footer strings removed, squeezed."""
    joined = squeeze("".join(pages(pdf)))
    for item in sorted(furniture, key=len, reverse=True):
        joined = joined.replace(squeeze(item), "")
    return joined


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="pdffonts (Debian poppler-utils) not installed")
@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_pdf_embeds_only_the_packaged_noto_fonts(built, language):
    for pdf in sorted((built / language).glob("*.pdf")):
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows, pdf.name
        for row in rows:
            name = row.split()[0].split("+")[-1]
            assert name.startswith(("NotoSerifSC", "NotoSansSC")), (pdf.name, name)
            assert " yes " in row, (pdf.name, "font not embedded", row)


def test_the_same_input_gives_the_same_pdf(art, tmp_path):
    from office_roles.handouts.article_docs import outline_source

    first = compile_pdf(outline_source(art, "zh"), tmp_path / "1.pdf").read_bytes()
    assert first == compile_pdf(outline_source(art, "zh"), tmp_path / "2.pdf").read_bytes()


# --- escaping -----------------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_a_literal_evaluates_to_exactly_its_text(text):
    import typst

    source = f"#metadata({literal(text)}) <value>".encode()
    assert json.loads(typst.query(source, "<value>", field="value", one=True)) == text


def test_typst_special_characters_print_as_written(tmp_path):
    tricky = 'A #let x = 1 $x^2$ *bold* _under_ <label> @ref `raw` \\ "quote" // not a comment = not a heading'
    from office_roles.handouts.typst_source import call, document

    pdf = compile_pdf(document([call("par", tricky)], lang="en", size=12), tmp_path / "tricky.pdf")
    if POPPLER:
        assert squeeze(tricky) in squeeze("".join(pages(pdf)))


# --- the article and the outline -------------------------------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_outline_is_one_page_with_every_heading_whole(built, art, language):
    pdf = built / language / "b_outline.pdf"
    assert page_count(pdf) == 1
    text = squeeze("".join(pages(pdf)))
    for heading in [*art.parts["heading_zh"], *art.items["headline_zh"], *art.items["headline_en"]]:
        assert squeeze(heading) in text, heading
    assert squeeze(art.title) in text


@needs_poppler
def test_the_chinese_article_prints_every_paragraph_whole(built, art):
    pdf = built / "zh" / "a_article.pdf"
    low, high = (18, 32) if has_translation(art) else (6, 10)
    assert low <= page_count(pdf) <= high
    text = body_text(pdf, (term("ho_article", "zh"), art.title))
    for para in art.paragraphs[art.paragraphs["role"] != "front"].itertuples():
        assert squeeze(para.text_zh) in text, para.paragraph_id


@needs_poppler
def test_the_english_article_edition_holds_the_chinese(built, art):
    pdf = built / "en" / "a_article.pdf"
    low, high = (12, 26) if has_translation(art) else (4, 8)
    assert low <= page_count(pdf) <= high
    text = "".join(pages(pdf))
    assert squeeze(art.sentences["text_zh"].iloc[5]) in squeeze(text)
    if not has_translation(art):
        assert squeeze(term("ho_no_translation", "en")) in squeeze(text)
        return
    from office_roles.translation import parallel_text

    body = squeeze(text)
    for row in parallel_text(art).itertuples():
        if row.role != "front":
            assert squeeze(row.text_zh) in body, row.sentence_id
            if row.text_en:
                assert squeeze(row.text_en) in body, row.sentence_id


@needs_poppler
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_glossary_keeps_every_translators_note_whole(built, art, language):
    text = body_text(built / language / "a_article.pdf", (term("ho_article", language), art.title))
    for row in art.glossary.itertuples():
        assert squeeze(row.zh) in text and squeeze(row.en) in text
        note = getattr(row, f"note_{language}")
        if note:
            assert squeeze(note) in text, row.zh


def _with_english(art, english: dict[int, str]):
    """A copy of the article whose sentences carry ``english`` (test text, never printed in a real handout)."""
    from dataclasses import replace

    sentences = art.sentences.copy()
    sentences["text_en"] = [english.get(i, "") for i in sentences["sentence_id"]]
    return replace(art, sentences=sentences)


@needs_poppler
def test_the_parallel_text_uses_text_en_and_marks_the_sentences_without_it(art, tmp_path):
    ids = list(art.sentences["sentence_id"])
    english = {i: f"TEST-ENGLISH-{i} with # and $ kept" for i in ids[3:] if i % 5}
    pdf = compile_pdf(article_source(_with_english(art, english), "en"), tmp_path / "parallel.pdf")
    text = squeeze("".join(pages(pdf)))
    for sentence_id, en in english.items():
        assert squeeze(en) in text, sentence_id
    untranslated = [i for i in ids[3:] if i not in english]
    assert text.count(squeeze(term("ho_no_sentence_en", "en"))) >= len(untranslated)
    assert squeeze(term("ho_no_translation", "en")) not in text


def test_without_any_english_the_handout_says_so_and_invents_nothing(art):
    source = article_source(_with_english(art, {}), "en")
    assert term("ho_no_translation", "en") in source and term("ho_no_translation", "zh") in source
    assert "TEST-ENGLISH" not in source
    no_column = art.sentences.drop(columns=["text_en"], errors="ignore")
    from dataclasses import replace

    assert not has_translation(replace(art, sentences=no_column))


# --- questions and answer key ----------------------------------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_prompt_is_printed_whole_with_lines_to_write_on(built, art, data, language):
    pdf = built / language / "c_questions.pdf"
    assert 5 <= page_count(pdf) <= 12
    text = body_text(pdf, (term("ho_questions", language), art.title))
    for prompt in data.prompts.itertuples():
        assert squeeze(prompt.prompt_zh) in text, prompt.prompt_id
        if language == "en":
            assert squeeze(prompt.prompt_en) in text, prompt.prompt_id


def test_ruled_lines_follow_the_discussion_time():
    assert lines_for(15) == 7 and lines_for(8) == 4 and lines_for("x") == 4


@needs_poppler
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_answer_key_holds_every_quote_whole_and_says_instructor_only(built, art, data, language):
    pdf = built / language / "d_answer_key.pdf"
    assert 12 <= page_count(pdf) <= 30
    only = term("ho_instructor_only", language)
    raw = pages(pdf)
    assert all(squeeze(only) in squeeze(page) for page in raw), "every page must say instructor only"
    text = body_text(pdf, (only, term("ho_answer_key", language)))
    quotes = [*data.quiz["evidence_zh"], *data.scenarios["evidence_zh"]]
    for quote in (q for q in quotes if q):
        assert squeeze(quote) in text, quote
    for note in data.prompts[f"note_{language}"]:  # the facilitator note in the key's own language
        assert squeeze(note) in text
    column = f"model_answer_{language}"
    for answer in data.prompts.get(column, []):
        assert squeeze(answer) in text, answer[:30]
    for question in data.quiz.itertuples():
        assert squeeze(answer_text(pd.Series(question._asdict()), language)) in text, question.question_id


def test_answer_text_names_the_options(data):
    quiz = data.quiz.set_index("question_id")
    assert answer_text(quiz.loc["Q04"], "zh") == "2. 搞好服务"
    assert answer_text(quiz.loc["Q09"], "zh").startswith("4. 内容关 → 2. 政策关")
    assert answer_text(quiz.loc["Q01"], "en") == "external brain (外脑)"
    assert answer_text(quiz.loc["Q01"], "zh") == "外脑"


# --- the record sheet ------------------------------------------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_record_sheet_is_one_page_with_every_field(built, language):
    pdf = built / language / "e_record.pdf"
    assert page_count(pdf) == 1
    text = squeeze("".join(pages(pdf)))
    for key in record_fields():
        assert squeeze(term(key, language)) in text, key


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_record_sheet_docx_opens_and_has_the_fields(built, art, language):
    from docx import Document

    doc = Document(str(built / language / RECORD_DOCX))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    written = "\n".join(cells + [p.text for p in doc.paragraphs])
    for key in record_fields():
        assert term(key, language) in written, key
    assert any(art.title in cell for cell in cells), "the topic box names the article"
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.5)


def test_the_docx_asks_for_a_chinese_font(tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(write_record_docx(tmp_path / "r.docx", "zh")))
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "宋体"


# --- the CLI ------------------------------------------------------------------------------------------------


def test_the_cli_writes_what_was_asked(tmp_path, capsys):
    assert main(["--out", str(tmp_path), "--language", "en", "--only", "b_outline"]) == 0
    assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.pdf")] == ["en/b_outline.pdf"]


def test_the_cli_names_a_bad_source(tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main(["--out", str(tmp_path), "--source", str(missing)]) == 1
    assert "nope.txt" in capsys.readouterr().err
