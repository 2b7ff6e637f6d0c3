"""The API contract: the seed article's tables match the article, and every offset slices back."""

import re

import pandas as pd
import pytest

import office_roles as orl
from office_roles.article import ArticleError, short_label

FUNCTIONS = ["当好参谋", "搞好服务", "当好“耳目”", "善于协调"]
TASKS = ["文件制发工作", "文字综合工作", "调研工作", "信息工作", "信访工作", "接待工作", "协调工作", "参谋工作",
         "督查工作", "后勤工作"]
REQUIREMENTS = ["注重学习", "加强团结", "严格自律", "进取图强"]



def test_parts(art):
    assert art.parts["part_id"].tolist() == ["P1", "P2", "P3"]
    assert art.parts["n_items"].tolist() == [4, 10, 4]
    assert art.parts["label_en"].tolist() == ["Functions", "Key tasks", "Building up the office itself"]


@pytest.mark.parametrize(("kind", "headlines"), [("function", FUNCTIONS), ("task", TASKS),
                                                  ("requirement", REQUIREMENTS)])
def test_items_by_kind(art, kind, headlines):
    items = art.items[art.items["kind"] == kind]
    assert items["headline_zh"].tolist() == headlines
    assert items["number"].tolist() == list(range(1, len(headlines) + 1))


def test_item_labels(art):
    labels = dict(zip(art.items["item_id"], art.items["label_zh"], strict=True))
    assert [labels[i] for i in ("F1", "F2", "F3", "F4")] == ["参谋", "服务", "耳目", "协调"]
    assert labels["T1"] == "文件制发" and labels["T10"] == "后勤" and labels["R4"] == "进取图强"
    assert art.items["label_en"].notna().all() and art.items["summary_en"].notna().all()


def test_required_columns(art):
    assert {"item_id", "part_id", "kind", "number", "marker", "headline_zh", "label_zh", "label_en", "text_zh",
            "start", "end"} <= set(art.items.columns)
    assert {"list_id", "item_id", "position", "element_zh", "element_en"} <= set(art.lists.columns)
    assert list(art.links.columns) == ["task_id", "function_id", "strength", "basis", "evidence_zh", "rationale_en",
                                       "rationale_zh"]
    assert list(art.glossary.columns) == ["zh", "pinyin", "en", "note_en", "note_zh", "en_variants"]


@pytest.mark.parametrize("table", ["parts", "items", "lists", "paragraphs", "sentences", "outline"])
def test_offsets_slice_back(art, table):
    frame = getattr(art, table)
    text_col = {"lists": "element_zh", "outline": None}.get(table, "text_zh")
    assert len(frame) > 0
    for row in frame.itertuples(index=False):
        piece = art.text[row.start : row.end]
        assert piece
        if text_col:
            assert piece == getattr(row, text_col)


def test_headlines_and_evidence_are_verbatim(art):
    for headline in art.items["headline_zh"]:
        assert headline in art.text
    for quote in art.links["evidence_zh"]:
        assert quote in art.text


NAMED_LISTS = {
    "five checkpoints of document issuance": ["内容关", "政策关", "法规关", "格式关", "保密关"],
    "three principles of information work": ["及时", "准确、客观、真实", "有用、有效"],
    "five reception principles": ["热情", "周到", "细致", "安全", "实在"],
    "six self-discipline rules": ["不要打领导旗号办事", "要谦虚谨慎、戒骄戒躁", "不牟取个人私利", "要提高效率",
                                  "要务实", "要严守组织纪律,增强保密意识,绝不散布小道消息"],
    "four abilities": ["会写", "会说", "会做", "会谋"],
    "four-character series of research": ["去粗取精", "去伪存真", "由表及里", "由此及彼"],
}


@pytest.mark.parametrize("name", NAMED_LISTS)
def test_named_inline_lists_in_order(art, name):
    groups = [g.sort_values("position")["element_zh"].tolist() for _, g in art.lists.groupby("list_id")]
    assert NAMED_LISTS[name] in groups


def test_named_lists_sit_in_the_right_item(art):
    owner = {
        tuple(g["element_zh"]): (g["item_id"].iloc[0], g["part_id"].iloc[0]) for _, g in art.lists.groupby("list_id")
    }
    assert owner[tuple(NAMED_LISTS["five checkpoints of document issuance"])] == ("T1", "P2")
    assert owner[tuple(NAMED_LISTS["six self-discipline rules"])] == ("R3", "P3")
    item, part = owner[tuple(NAMED_LISTS["four abilities"])]
    assert pd.isna(item) and part == "P3"  # part 三's lead paragraph, before 一要


def test_every_list_element_is_translated(art):
    assert art.lists["element_en"].notna().all()


def test_paragraph_roles(art):
    roles = art.paragraphs["role"].tolist()
    assert roles[:3] == ["front", "front", "lead"]
    assert roles.count("heading") == 3 and roles.count("item") == 18 and roles[-1] == "note"


def test_sentences_cover_paragraphs(art):
    for paragraph in art.paragraphs.itertuples():
        pieces = art.sentences[art.sentences["paragraph_id"] == paragraph.paragraph_id]
        assert "".join(pieces["text_zh"]) == paragraph.text_zh


def test_links_cover_every_task(art):
    assert set(art.links["task_id"]) == set(art.task_ids())
    explicit = art.links[art.links["basis"] == "explicit"]
    assert {("T3", "F1"), ("T3", "F2"), ("T3", "F4")} <= set(zip(explicit["task_id"], explicit["function_id"],
                                                                  strict=True))


def test_other_text_has_empty_curated_layer():
    other = orl.article_from_text("题目\n一、要求\n一是加强领导。\n二是狠抓落实。")
    assert not other.curated and other.links.empty and other.glossary.empty
    assert other.items["label_en"].isna().all()
    assert any("No curated layer" in message for message in other.messages)


@pytest.mark.parametrize(("headline", "label"), [("当好参谋", "参谋"), ("当好“耳目”", "耳目"),
                                                 ("文件制发工作", "文件制发"), ("注重学习", "学习"),
                                                 ("进取图强", "进取图强"), ("协调工作", "协调")])
def test_short_label(headline, label):
    assert short_label(headline) == label


def test_bad_inputs_get_clear_errors(tmp_path):
    with pytest.raises(ArticleError, match="empty"):
        orl.article_from_text("  \n ")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ArticleError, match="empty.txt.*empty"):
        orl.load_article(empty)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(ArticleError, match="binary"):
        orl.load_article(binary)
    with pytest.raises(ArticleError, match="no such file"):
        orl.load_article(tmp_path / "missing.txt")


def test_gbk_file_is_decoded(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("题目\n一、要求\n一是加强领导。".encode("gbk"))
    assert orl.load_article(path).items["headline_zh"].tolist() == ["加强领导"]


def test_repr_is_stable(art):
    assert repr(art) == (
        "<Article 党委办公厅(室)要找准定位谋发展: 2959 chars, 3 parts, 18 items, 35 inline lists, curated>"
    )


def test_describe_says_what_was_read_in_the_readers_language(art):
    zh, en = art.describe("zh"), art.describe("en")
    assert zh.startswith(f"《{art.title}》") and f"{len(art.items)} 个条目" in zh and "有人工整理的数据" in zh
    assert not re.search(r"[A-Za-z]", zh)
    assert f"{len(art.items)} items" in en and "curated layer" in en
    assert not re.search(r"[\u4e00-\u9fff]", en[len(art.title):])  # the title is the article's own
    assert art.describe("both") == f"{zh}\n{en}"
    bare = orl.article_from_text("一、总体要求\n一是做好服务。二是加强协调。")
    assert "没有人工整理的数据" in bare.describe("zh") and "no curated layer" in bare.describe("en")
