"""The sample texts in data/samples/ (written for this project): outline tables checked by hand.

Each sample exercises different markers: (a) a work report with 一、 parts, （一） sub-headings running into their
body text and 1. points, one level nested deeper; (b) a speech whose points are 首先/其次/再次/最后 paragraphs, with
一方面/另一方面 under one of them, 一是/二是 and 第一，/第二， inside paragraphs, four-character and X关 series;
(c) a forum page copy (navigation, Discuz post header, jammer strings, full-width punctuation).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

import office_roles as orl
from office_roles.sources import read_upload

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
REPORT, SPEECH, FORUM = "01_work_report.txt", "02_speech.txt", "03_forum_post.txt"


@pytest.fixture(scope="module")
def samples() -> dict[str, orl.Article]:
    return {path.name: orl.load_article(path) for path in sorted(SAMPLES.glob("*.txt"))}


def outline_rows(art: orl.Article) -> list[tuple]:
    """(marker, title, depth, parent's title) for every outline node."""
    titles = dict(zip(art.outline["node_id"], art.outline["title_zh"], strict=True))
    return [
        (row.marker, row.title_zh, row.depth, None if pd.isna(row.parent_id) else titles[row.parent_id])
        for row in art.outline.itertuples(index=False)
    ]


def inline_lists(art: orl.Article) -> list[tuple]:
    """(list_type, elements, item_id) for every inline list, in text order."""
    return [
        (group["list_type"].iloc[0], group["element_zh"].tolist(),
         None if pd.isna(group["item_id"].iloc[0]) else group["item_id"].iloc[0])
        for _, group in art.lists.groupby("list_id", sort=True)
    ]


def source_rows() -> list[dict[str, str]]:
    with (SAMPLES / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_sources_table_lists_every_sample():
    rows = source_rows()
    assert list(rows[0]) == ["file", "title", "kind", "note"]
    assert sorted(row["file"] for row in rows) == sorted(p.name for p in SAMPLES.glob("*.txt"))
    assert {row["kind"] for row in rows} == {"written for this project"}
    assert (SAMPLES / "README.md").is_file()


def test_samples_are_articles_of_the_right_size(samples):
    assert set(samples) == {REPORT, SPEECH, FORUM}
    titles = {row["file"]: row["title"] for row in source_rows()}
    for name, art in samples.items():
        assert 800 <= len(art.text) <= 2000, (name, len(art.text))
        assert art.title == titles[name]
        assert not art.curated and not any("flat" in message for message in art.messages)


# (a) work report ---------------------------------------------------------------------------------------------


def test_report_outline(samples):
    assert outline_rows(samples[REPORT]) == [
        ("一、", "主要工作及成效", 1, None),
        ("（一）", "以文辅政水平稳步提升", 2, "主要工作及成效"),
        ("（二）", "信息调研工作持续加强", 2, "主要工作及成效"),
        ("（三）", "督查落实力度不断加大", 2, "主要工作及成效"),
        ("（四）", "服务保障工作更加规范", 2, "主要工作及成效"),
        ("二、", "存在的问题", 1, None),
        ("1.", "文稿质量有待提高", 2, "存在的问题"),
        ("2.", "督查手段比较单一", 2, "存在的问题"),
        ("3.", "干部队伍结构不够合理", 2, "存在的问题"),
        ("三、", "2024年工作安排", 1, None),
        ("（一）", "围绕中心抓谋划", 2, "2024年工作安排"),
        ("1.", "健全文稿起草机制", 3, "围绕中心抓谋划"),  # 1. under （一）: one level deeper
        ("2.", "加强调查研究", 3, "围绕中心抓谋划"),
        ("（二）", "聚焦落实抓督查", 2, "2024年工作安排"),
        ("（三）", "立足规范抓服务", 2, "2024年工作安排"),
        ("四、", "加强自身建设", 1, None),
    ]


def test_report_parts_and_items(samples):
    art = samples[REPORT]
    assert art.title == "县委办公室2023年工作总结" and art.author is None and art.note is None
    assert art.parts["heading_zh"].tolist() == ["主要工作及成效", "存在的问题", "2024年工作安排", "加强自身建设"]
    assert art.parts["n_items"].tolist() == [4, 3, 3, 0]
    assert list(zip(art.items["item_id"], art.items["part_id"], art.items["headline_zh"], strict=True)) == [
        ("T1", "P1", "以文辅政水平稳步提升"), ("T2", "P1", "信息调研工作持续加强"),
        ("T3", "P1", "督查落实力度不断加大"), ("T4", "P1", "服务保障工作更加规范"),
        ("T5", "P2", "文稿质量有待提高"), ("T6", "P2", "督查手段比较单一"), ("T7", "P2", "干部队伍结构不够合理"),
        ("T8", "P3", "围绕中心抓谋划"), ("T9", "P3", "聚焦落实抓督查"), ("T10", "P3", "立足规范抓服务"),
    ]
    # A heading that runs into its body: the item's text goes on past the headline, to the next sibling.
    t1 = art.items.iloc[0]
    assert t1["text_zh"].startswith("（一）以文辅政水平稳步提升。全年共起草各类文稿120余篇")
    assert t1["text_zh"].endswith("未出现差错。")
    # The signature block and date stay in the last part's text, and are not headings.
    assert art.parts["text_zh"].iloc[-1].endswith("县委办公室\n2024年1月5日")


def test_report_paragraph_roles(samples):
    roles = samples[REPORT].paragraphs["role"].tolist()
    assert roles == ["front", "lead"] + ["heading"] + ["item"] * 4 + ["heading"] + ["item"] * 3 + ["heading"] + \
        ["item"] * 5 + ["heading"] + ["body"] * 3


def test_report_inline_lists(samples):
    assert inline_lists(samples[REPORT]) == [
        ("checkpoints", ["政策关", "文字关", "格式关"], "T1"),
        ("four_char", ["乡村振兴", "营商环境", "基层治理"], "T2"),
        ("series", ["清单制", "责任制", "销号制"], "T3"),
        ("four_char", ["领导领衔", "专班起草", "集体审议"], "T8"),
        ("four_char", ["去粗取精", "去伪存真", "由表及里"], "T8"),
        ("series", ["会务", "接待", "机要", "保密"], "T10"),
        ("four_char", ["加强学习", "改进作风", "严守纪律"], None),  # part 四 has no items
        ("four_char", ["政治过硬", "业务精通", "作风优良"], None),
    ]


# (b) speech --------------------------------------------------------------------------------------------------


def test_speech_outline(samples):
    assert outline_rows(samples[SPEECH]) == [
        ("首先，", "要提高政治站位，准确把握办公室工作的职能定位", 1, None),
        ("其次，", "要突出工作重点，全面提升“三服务”质量", 1, None),
        ("再次，", "要创新方式方法，不断提高工作效率", 1, None),
        ("一方面，", "要用好信息化手段", 2, "要创新方式方法，不断提高工作效率"),
        ("另一方面，", "要健全制度机制", 2, "要创新方式方法，不断提高工作效率"),
        ("最后，", "要加强自身建设，努力打造过硬队伍", 1, None),
    ]


def test_speech_items_and_front_matter(samples):
    art = samples[SPEECH]
    assert art.title == "在全市党委办公室系统工作会议上的讲话" and art.author == "王立新"
    assert art.parts.empty
    assert art.items["headline_zh"].tolist() == [
        "要提高政治站位，准确把握办公室工作的职能定位", "要突出工作重点，全面提升“三服务”质量",
        "要创新方式方法，不断提高工作效率", "要加强自身建设，努力打造过硬队伍",
    ]
    assert art.items["number"].tolist() == [1, 2, 3, 4]  # 首先 其次 再次 最后
    assert art.items["part_id"].isna().all()
    roles = art.paragraphs["role"].tolist()
    # title, speaker; date line, salutation and opening; six item paragraphs; the closing paragraph
    assert roles == ["front", "front", "lead", "lead", "lead"] + ["item"] * 6 + ["body"]


def test_speech_inline_lists(samples):
    lists = inline_lists(samples[SPEECH])
    assert ("counted", ["提高参谋辅政水平", "提高信息督查水平", "提高服务保障水平"], "T2") in lists
    assert ("ordinal", ["要勤于学习，既要学理论、学政策，也要学业务、学经验", "要严守纪律，做到守口如瓶、守土有责",
                        "要改进作风，少说空话套话，多办实事好事，不推诿、不拖拉、不敷衍"], "T4") in lists
    assert ("checkpoints", ["政治关", "政策关", "文字关"], "T2") in lists
    assert ("four_char", ["对党忠诚", "服务大局", "甘于奉献", "恪守规矩"], "T1") in lists
    assert ("four_char", ["明确标准", "规范流程", "压实责任"], "T3") in lists
    assert ("series", ["耐得住寂寞", "守得住清贫", "经得起诱惑"], "T4") in lists
    assert ("series", ["短", "实", "新", "快"], "T2") in lists  # inside quotation marks
    assert [kind for kind, _, _ in lists].count("four_char") == 4
    assert len(lists) == 13


# (c) forum page copy -----------------------------------------------------------------------------------------


def test_forum_metadata(samples):
    art = samples[FORUM]
    assert art.title == "浅谈县级党委办公室信息工作的几个问题"
    assert art.author == "张建华" and art.note == "（作者单位：某县委办公室）"
    assert art.source["poster"] == "青山秘书" and art.source["posted"] == "2012-4-5 10:20:33"
    assert art.source["from_forum_page"]


@pytest.mark.parametrize(
    "junk",
    ["设为首页", "老秘网", "复制链接", "发表于", "本帖最后由", "编辑", "回帖", "积分", "Copyright", "Discuz",
     "K4", "l&", "}%", "B2", "P&", "C8", "`"],
)
def test_forum_has_no_chrome_or_jammer_residue(samples, junk):
    assert junk not in samples[FORUM].text


def test_forum_jammers_removed_cleanly(samples):
    text = samples[FORUM].text
    assert re.findall(r"[!-~]", text) == ["1", "2", "3"]  # no ASCII left but the numbers of 1． 2． 3．
    assert "信息是领导决策的重要依据。县级党委办公室处在承上启下的位置" in text  # jammer between sentences
    assert "谈几点体会。\n一、当前信息工作存在的主要问题" in text  # jammer after a sentence, and on its own line
    assert "反映不够。\n（三）报送时效性不强" in text


def test_forum_outline(samples):
    assert outline_rows(samples[FORUM]) == [
        ("一、", "当前信息工作存在的主要问题", 1, None),
        ("（一）", "信息来源渠道单一", 2, "当前信息工作存在的主要问题"),
        ("（二）", "信息质量不高", 2, "当前信息工作存在的主要问题"),
        ("（三）", "报送时效性不强", 2, "当前信息工作存在的主要问题"),
        ("二、", "做好信息工作的几点建议", 1, None),
        ("（一）", "拓宽信息渠道", 2, "做好信息工作的几点建议"),
        ("（二）", "提高信息质量", 2, "做好信息工作的几点建议"),
        ("（三）", "健全工作机制", 2, "做好信息工作的几点建议"),
        ("三、", "几点体会", 1, None),
        ("1．", "信息工作必须紧贴中心", 2, "几点体会"),  # full-width full stop after the number
        ("2．", "信息工作必须注重调研", 2, "几点体会"),
        ("3．", "信息工作必须依靠队伍", 2, "几点体会"),
    ]


def test_forum_items_and_lists(samples):
    art = samples[FORUM]
    assert art.parts["n_items"].tolist() == [3, 3, 3]
    assert art.items["headline_zh"].tolist() == [
        "信息来源渠道单一", "信息质量不高", "报送时效性不强", "拓宽信息渠道", "提高信息质量", "健全工作机制",
        "信息工作必须紧贴中心", "信息工作必须注重调研", "信息工作必须依靠队伍",
    ]
    assert art.paragraphs["role"].iloc[-1] == "note"
    assert inline_lists(art) == [
        ("series", ["深层次", "倾向性", "苗头性"], "T2"),
        ("series", ["乡镇", "部门", "村", "社区"], "T4"),  # 村和社区: the joiner splits the last element
        ("counted", ["要吃透上情", "要摸清下情", "要找准结合点"], "T5"),
        ("series", ["及时", "准确", "全面"], "T5"),
        ("series", ["迟报", "漏报", "瞒报"], "T6"),
        ("series", ["有情况", "有分析", "有建议"], "T8"),
        ("series", ["选好人", "用好人", "带好人"], "T9"),
    ]


# The same samples through an upload ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", [REPORT, SPEECH, FORUM])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_uploaded_sample_gives_the_same_tables(samples, name, encoding):
    raw = (SAMPLES / name).read_text(encoding="utf-8")
    text = read_upload(name, raw.encode(encoding))
    art = orl.article_from_text(text)
    assert art.text == samples[name].text
    pd.testing.assert_frame_equal(art.outline, samples[name].outline)
    pd.testing.assert_frame_equal(art.lists, samples[name].lists)
