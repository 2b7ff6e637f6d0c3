"""The book's generators without Sphinx: the edition switch, the lesson preparation, the generated pages and
the link checks of a built site (on small hand-made sites, so each check is seen to fail)."""

from __future__ import annotations

import re

import nbformat
import pytest

import office_roles as orl
from office_roles import exercises
from office_roles.book import exercise_pages as ex
from office_roles.book import markdown as md
from office_roles.book import pages
from office_roles.book.build import broken_links, remote_loads
from office_roles.book.editions import lessons_for
from office_roles.book.lessons import WIDGET_VIEW_MIME, is_navigation, prepare, widget_name
from office_roles.book.words import WIDGET_PAGES, has_word, say, widget_view

CJK = re.compile(r"[\u4e00-\u9fff]")
GLOSSES = re.compile(r"\([^)]*\)|“[^”]*”|《[^》]*》")


@pytest.fixture(scope="module")
def art():
    return orl.load_article()


# --- the switch between today's mixed lessons and the two editions


def _touch(folder, *names):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("{}", encoding="utf-8")


def test_mixed_lessons_under_both_languages_until_the_editions_exist(tmp_path):
    _touch(tmp_path, "01_b.ipynb", "00_a.ipynb", "notes.ipynb", "index.ipynb")
    for language in ("zh", "en"):
        lessons = lessons_for(tmp_path, language)
        assert lessons.mixed and [p.name for p in lessons.notebooks] == ["00_a.ipynb", "01_b.ipynb"]


def test_each_language_reads_its_edition_when_there_is_one(tmp_path):
    _touch(tmp_path, "00_a.ipynb")
    _touch(tmp_path / "zh", "00_a.ipynb", "01_b.ipynb")
    zh = lessons_for(tmp_path, "zh")
    assert not zh.mixed and all(p.parent.name == "zh" for p in zh.notebooks) and len(zh.notebooks) == 2
    assert lessons_for(tmp_path, "en").mixed  # no notebooks/en/ yet


def test_no_lessons_and_unknown_language_say_what_is_wrong(tmp_path):
    with pytest.raises(FileNotFoundError, match="no lesson notebooks"):
        lessons_for(tmp_path, "zh")
    with pytest.raises(ValueError, match="language must be one of"):
        lessons_for(tmp_path, "fr")


# --- lessons: widget cells never blank


def _notebook():
    nb = nbformat.v4.new_notebook()
    quiz = nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\n\nquiz = widgets.Quiz(art, data, session)\nquiz.widget")
    saved = nbformat.v4.new_code_cell("widgets.language_toggle([quiz])")
    saved.outputs = [nbformat.v4.new_output("display_data", data={WIDGET_VIEW_MIME: {"model_id": "x"},
                                                                  "text/plain": "ToggleButtons()"})]
    unknown = nbformat.v4.new_code_cell("thing.widget")
    table = nbformat.v4.new_code_cell("art.parts")
    table.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "parts"}, execution_count=1)]
    nav = nbformat.v4.new_markdown_cell("<!--NAVIGATION-->\n< [00](00_a.ipynb)")
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), quiz, saved, unknown, table, nav]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return nb


def test_widget_cells_are_recognised_by_what_they_display():
    nb = _notebook()
    assert [widget_name(c) for c in nb.cells] == [None, "Quiz", "language_toggle", "", None, None]
    assert [is_navigation(c) for c in nb.cells] == [False] * 5 + [True]


def test_prepare_adds_a_note_under_every_widget_and_drops_views_state_and_navigation():
    nb = _notebook()
    out = prepare(nb, ("en",))
    kinds = [(c.cell_type, c.source.splitlines()[0][:12]) for c in out.cells]
    assert [k[0] for k in kinds] == ["markdown", "code", "markdown", "code", "markdown", "code", "markdown", "code",
                                     "markdown"]
    notes = [c.source for c in out.cells if "admonition" in c.source]
    assert len(notes) == 3 and all(say("run_live", "en") in n for n in notes)
    assert "(../exercises/quiz.md)" in notes[0] and widget_view("Quiz", "en")[1] in notes[0]
    assert widget_view("language_toggle", "en")[1] in notes[1]
    assert not any(WIDGET_VIEW_MIME in o.get("data", {}) for c in out.cells for o in c.get("outputs", []))
    assert out.cells[-2].outputs[0]["data"]["text/plain"] == "parts"
    assert out.cells[-1].source == f"[{say('glossary', 'en')}](../glossary.md)"  # in place of the navigation
    assert "widgets" not in out.metadata and "widgets" in nb.metadata  # the original is not changed
    assert not any("NAVIGATION" in c.source for c in out.cells)
    nbformat.validate(out)


def test_the_note_speaks_the_language_of_its_edition():
    zh = prepare(_notebook(), ("zh",)).cells[2].source
    both = prepare(_notebook(), ("zh", "en")).cells[2].source
    assert say("run_live", "zh") in zh and say("run_live", "en") not in zh
    assert say("run_live", "zh") in both and say("run_live", "en") in both


def test_every_widget_class_the_package_registers_has_a_description():
    import office_roles.widgets  # noqa: F401 - importing the package registers its exercises
    from office_roles.registry import EXERCISES

    assert len(EXERCISES) and {cls.__name__ for _, cls in EXERCISES.items()} <= set(WIDGET_PAGES)
    for name, page in WIDGET_PAGES.items():
        assert all(widget_view(name, language)[1] for language in ("zh", "en")), name
        assert page is None or has_word(page.rsplit("/", 1)[-1])


# --- Markdown


def test_inline_text_cannot_become_markup():
    assert md.inline("a *b* [c](d) `e` <f> #g\n h") == r"a \*b\* \[c\](d) \`e\` \<f\> \#g h"
    table = md.table(["x", "y"], [("", "1|2")])
    assert "* - x" in table and "&nbsp;" in table and r"1\|2" in table


def test_localized_falls_back_to_the_other_language_and_says_so():
    assert pages.localized({"note_zh": "中", "note_en": "en"}, "note", "zh") == ("中", False)
    assert pages.localized({"note_en": "en"}, "note", "zh") == ("en", True)
    assert pages.localized({"note": "plain"}, "note", "en") == ("plain", True)
    assert pages.text_in({"note_en": "en"}, "note", "zh").startswith(say("untranslated", "zh"))


# --- generated pages


def test_article_page_has_every_sentence_in_both_languages(art):
    for language in ("zh", "en"):
        page = pages.article_page(art, language)
        for zh, en in zip(art.sentences["text_zh"], art.sentences["text_en"], strict=True):
            assert md.inline(zh) in page and md.inline(en) in page
        for item_id in art.items["item_id"]:
            assert f"(article-{language}-{item_id})=" in page


def test_glossary_page_has_every_term(art):
    for language in ("zh", "en"):
        page = pages.glossary_page(art.glossary, language)
        assert len(art.glossary) >= 75 and say("untranslated", language) not in page
        for _, row in art.glossary.iterrows():
            assert all(md.inline(row[c]) in page for c in ("zh", "pinyin", "en", f"note_{language}"))


def test_quiz_page_has_every_question_with_its_answer_behind_a_click(art, data):
    for language in ("zh", "en"):
        page = ex.quiz_page(art, data, language)
        assert page.count("<details") == len(data.quiz)
        for _, q in data.quiz.iterrows():
            assert f"### {q['question_id']}" in page
            assert md.inline(q[f"prompt_{language}"]) in page
            assert md.inline(ex.answer_text(q, language)) in page
    english = ex.quiz_page(art, data, "en")
    assert say("evidence_en", "en") in english  # every Chinese quote comes with its English


def test_answers_are_written_out_for_every_question_type(data):
    by_type = {q["qtype"]: q for _, q in data.quiz.iterrows()}
    assert set(by_type) == {"choice", "multi", "fill", "order"}
    fill = ex.answer_text(by_type["fill"], "en")
    assert fill and "|" not in fill
    assert " → " in ex.answer_text(by_type["order"], "en")
    choice = ex.answer_text(by_type["choice"], "en")
    assert re.match(r"\d\. ", choice) and not CJK.search(choice)


def test_quote_english_is_the_english_of_the_sentences_the_quote_lies_in(art):
    sentence = art.sentences.iloc[5]
    inner = sentence["text_zh"][2:8]
    assert ex.quote_english(art, inner) == sentence["text_en"]
    assert ex.quote_english(art, "不在文中的话") == ""


def test_scenarios_discussion_and_facilitator_pages(art, data):
    for language in ("zh", "en"):
        scenarios = ex.scenarios_page(art, data, language)
        assert scenarios.count("<details") == len(data.scenarios)
        for _, s in data.scenarios.iterrows():  # every function the key names, stated or by reading, is shown
            for item in ex._ids(s["functions"]) + ex._ids(s.get("functions_reading")) + ex._ids(s["tasks"]):
                assert md.inline(ex._item_label(art, item, language)) in scenarios
        discussion = ex.discussion_page(art, data, language)
        facilitator = ex.facilitator_page(art, data, language)
        for _, p in data.prompts.iterrows():
            assert md.inline(p[f"prompt_{language}"]) in discussion
            note = pages.text_in(p, "note", language)
            assert md.inline(note) in facilitator and md.inline(note) not in discussion
            answer = pages.localized(p, "model_answer", language)[0]
            assert not answer or (md.inline(answer) in facilitator and md.inline(answer) not in discussion)


def test_the_english_pages_of_the_exercises_carry_no_chinese_outside_quotes(art, data):
    pages_en = [ex.scenarios_page(art, data, "en"), ex.discussion_page(art, data, "en"),
                ex.self_assessment_page(exercises.self_assessment_dimensions(art), "en")]
    for page in pages_en:
        # a Chinese term glossed in brackets or quoted is fine; Chinese as the text itself is not
        prose = [GLOSSES.sub("", line) for line in page.splitlines() if not line.startswith(">")]
        assert not [line for line in prose if CJK.search(line)], page[:300]


def test_mapping_page_has_a_blank_grid_and_the_articles_links(art):
    page = ex.mapping_page(art, "zh")
    assert page.count("&nbsp;") == (art.items["kind"] == "function").sum() * (art.items["kind"] == "task").sum()
    answer = page[page.index("<details"):]
    assert all(md.inline(e) in answer for e in art.links["evidence_zh"])


def test_plans_page_shows_each_plan_in_its_language(data):
    zh, en = ex.plans_page(data, "zh"), ex.plans_page(data, "en")
    for _, step in data.session_plans.iterrows():
        assert md.inline(step["activity_zh"]) in zh and md.inline(step["activity_en"]) in en


def test_landing_page_lists_every_section_and_flags_mixed_lessons(art, tmp_path):
    _touch(tmp_path, "00_a.ipynb")
    mixed = lessons_for(tmp_path, "zh")
    page = pages.landing_page(art.source, mixed, ["lessons/00_a"], "zh")
    assert say("mixed_note", "zh") in page and "lessons/00_a" in page and '../en/index.html' in page
    for doc in pages.READING_PAGES + pages.INSTRUCTOR_PAGES:
        assert f"\n{doc}\n" in page
    _touch(tmp_path / "en", "00_a.ipynb")
    assert say("mixed_note", "en") not in pages.landing_page(art.source, lessons_for(tmp_path, "en"), [], "en")


# --- checks of a built site


def test_link_check_finds_missing_files_and_anchors(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.html").write_text('<a href="sub/b.html#here">ok</a><a href="sub/b.html#gone">x</a>'
                                     '<a href="missing.html">y</a><img src="sub/pic.png"><a href="#top">z</a>'
                                     '<a href="https://example.org/">read</a><p id="top"></p>')
    (tmp_path / "sub" / "b.html").write_text('<h1 id="here">b</h1><a href="../a.html">back</a><a href="./">dir</a>')
    assert broken_links(tmp_path) == ["a.html: sub/b.html#gone (no such anchor)",
                                      "a.html: missing.html (no such file)", "a.html: sub/pic.png (no such file)",
                                      "sub/b.html: ./ (no such file)"]


def test_remote_loads_are_found_but_links_to_read_are_not(tmp_path):
    (tmp_path / "a.html").write_text('<script src="https://cdn.example/x.js"></script><a href="https://x.org">r</a>'
                                     '<link rel="stylesheet" href="//fonts.example/css"><img src="local.png">')
    assert remote_loads(tmp_path) == ["a.html: <script src=https://cdn.example/x.js>",
                                      "a.html: <link href=//fonts.example/css>"]


def test_the_chinese_search_gets_the_stemmer_its_file_defines():
    from office_roles.book.sphinx_conf import fix_stemmer

    broken = "BaseStemmer=function(){};\nvar EnglishStemmer=function(){};\nwindow.Stemmer = ChineseStemmer;"
    assert fix_stemmer(broken).endswith("window.Stemmer = EnglishStemmer;")
    good = "BaseStemmer=function(){};\nvar GermanStemmer=function(){};\nwindow.Stemmer = GermanStemmer;"
    assert fix_stemmer(good) == good
    assert fix_stemmer("var Stemmer = function () {};") == "var Stemmer = function () {};"


def test_links_to_the_other_editions_notebooks_go_to_its_pages_in_the_book():
    from office_roles.book.lessons import link_other_edition

    text = "see [00 · 从这里开始](../zh/00_start_here.ipynb#Contents) and [01](01_article_as_tables.ipynb)"
    assert link_other_edition(text) == ('see <a href="../../zh/lessons/00_start_here.html">00 · 从这里开始</a> and '
                                        "[01](01_article_as_tables.ipynb)")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("[English](../en/00_start_here.ipynb)")]
    assert prepare(nb, ("zh",)).cells[0].source == '<a href="../../en/lessons/00_start_here.html">English</a>'


def test_a_glossary_column_in_the_other_language_is_said_once_in_its_header():
    import pandas as pd

    english_notes = pd.DataFrame({"zh": ["参谋", "服务"], "pinyin": ["cān móu", "fú wù"], "en": ["advising", "service"],
                                  "note": ["A note.", ""]})
    page = pages.glossary_page(english_notes, "zh")
    assert say("note_col_other", "zh") in page and say("untranslated", "zh") not in page
    mixed = pd.DataFrame({"zh": ["参谋", "服务"], "pinyin": ["a", "b"], "en": ["advising", "service"],
                          "note_zh": ["说明", ""], "note_en": ["n1", "n2"]})
    page = pages.glossary_page(mixed, "zh")
    assert "说明" in page and f"{say('untranslated', 'zh')} n2" in page
