"""The article in English (data/curated/sentences.csv): complete, tied to the text, true to the glossary."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

import office_roles as orl
from office_roles import translation as tr

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "data" / "curated"
CJK = r"[\u4e00-\u9fff]"


@pytest.fixture(scope="module")
def art():
    return orl.load_article()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with (CURATED / "sentences.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_seed_sentence_has_english(art):
    assert len(art.sentences) > 0
    empty = art.sentences.loc[art.sentences["text_en"].fillna("").str.strip() == "", "sentence_id"].tolist()
    assert not empty, f"sentences without English: {empty}"
    assert not art.sentences["text_en"].str.contains(CJK).any()


def test_curated_chinese_is_the_article_text_at_that_id(art, rows):
    spans = {r.sentence_id: (r.start, r.end) for r in art.sentences.itertuples()}
    assert sorted(int(row["sentence_id"]) for row in rows) == sorted(spans)
    for row in rows:
        start, end = spans[int(row["sentence_id"])]
        assert row["text_zh"] == art.text[start:end], row["sentence_id"]


def test_front_matter_lead_parts_items_and_note_are_all_translated(art):
    table = tr.parallel_text(art)
    assert {"front", "lead", "heading", "item", "body", "note"} <= set(table["role"])
    assert set(art.items["item_id"]) <= set(table["item_id"].dropna())
    assert (table["text_en"].str.len() > 0).all()


def test_glossary_terms_keep_their_english(art):
    mismatches = tr.glossary_mismatches(art.sentences, art.glossary)
    assert mismatches.empty, mismatches.to_string()


def test_the_glossary_check_can_fail(art):
    sentences = art.sentences.copy()
    row = sentences.index[sentences["text_zh"].str.contains("调查研究是")][0]
    sentences.loc[row, "text_en"] = "Research is a method our Party has always used."
    found = tr.glossary_mismatches(sentences, art.glossary)
    assert set(found["term"]) == {"调查研究", "实事求是"}
    assert set(found["sentence_id"]) == {sentences.loc[row, "sentence_id"]}


def test_the_glossary_check_is_used_by_many_sentences(art):
    """The check is not vacuous: most sentences contain at least one glossary term."""
    terms = set(art.glossary["zh"])
    with_terms = sum(bool(tr.term_spans(text, terms)) for text in art.sentences["text_zh"])
    assert with_terms >= 0.75 * len(art.sentences)


def test_term_spans_prefer_the_longest_term():
    terms = ["信息", "信息化", "领导", "打领导旗号", "关"]
    assert tr.term_spans("信息化进程", terms) == [(0, "信息化")]
    assert tr.term_spans("不要打领导旗号办事,为领导提供信息", terms) == [
        (2, "打领导旗号"), (11, "领导"), (15, "信息"),
    ]
    assert tr.term_spans("关键", terms) == []  # single characters are too ambiguous to look for


def test_variants_are_documented_forms_of_the_english():
    glossary = pd.DataFrame({"zh": ["协调", "团结"], "en": ["coordination", "unity"],
                             "en_variants": ["coordinate; coordinating", ""]})
    assert tr.renderings(glossary) == {"协调": ["coordination", "coordinate", "coordinating"], "团结": ["unity"]}
    sentences = pd.DataFrame({"sentence_id": [1, 2], "text_zh": ["必须协调好", "加强团结"],
                              "text_en": ["must coordinate well", "strengthen unison"]})
    assert tr.glossary_mismatches(sentences, glossary).to_dict("records") == [
        {"sentence_id": 2, "term": "团结", "expected": "unity"},
    ]


def test_author_quotation_marks_are_kept(art):
    for row in art.sentences.itertuples():
        assert row.text_zh.count("“") == row.text_en.count("“"), (row.sentence_id, row.text_en)
        assert row.text_en.count("“") == row.text_en.count("”"), row.sentence_id


def test_part_and_item_headings_agree_with_their_sentences(art):
    """The short English headings (parts.csv, items.csv) are the same words as the translated heading sentence."""
    by_start = dict(zip(art.sentences["start"], art.sentences["text_en"], strict=True))
    for part in art.parts.itertuples():
        assert part.heading_en.lower() in by_start[part.start].lower(), part.part_id
    for item in art.items.itertuples():
        assert item.headline_en.lower() in by_start[item.start].lower(), item.item_id


def test_title_author_and_note_english_have_one_source(art):
    meta = json.loads((CURATED / "datapackage.json").read_text(encoding="utf-8"))
    assert not {"title_en", "author_en", "note_en"} & set(meta["office_roles"])
    english = dict(zip(art.sentences["text_zh"], art.sentences["text_en"], strict=True))
    assert art.title_en == english[art.title] == art.source["title_en"]
    assert art.source["author_en"] == english[art.author]
    assert art.source["note_en"] == english[art.note]


def test_translator_notes_cover_the_phrases_without_one_to_one_english(rows):
    notes = "\n".join(row["note_en"] for row in rows)
    for phrase in ["耳目", "笔杆子", "秘书路线", "挑大梁", "会谋", "一督到底", "批示", "确凿"]:
        assert phrase in notes, phrase


def test_parallel_text_is_in_article_order(art):
    table = tr.parallel_text(art)
    assert list(table.columns) == tr.PARALLEL_COLUMNS
    assert list(table["sentence_id"]) == sorted(art.sentences["sentence_id"])
    assert "".join(table["text_zh"]) == "".join(art.text[s:e] for s, e in zip(art.sentences["start"],
                                                                           art.sentences["end"], strict=True))


def test_item_parallel_holds_the_whole_item(art):
    for item in art.items.itertuples():
        table = tr.item_parallel(art, item.item_id)
        assert "".join(table["text_zh"]).replace("\n", "") == item.text_zh.replace("\n", ""), item.item_id
        assert (table["text_en"] != "").all()
    with pytest.raises(KeyError, match="unknown item id 'T99'"):
        tr.item_parallel(art, "T99")


def test_a_text_without_curated_layer_has_empty_english():
    other = orl.article_from_text("一、第一部分\n一是当好参谋。参谋很重要。\n二是搞好服务。服务是主题。")
    assert not other.curated
    assert (other.sentences["text_en"] == "").all()
    table = tr.parallel_text(other)
    assert len(table) == len(other.sentences) and (table["text_en"] == "").all()
    assert other.title_en is None and "title_en" not in other.source
