"""Cleaning: the article is cut out of its forum page by rules, not by line numbers."""

from pathlib import Path

import pytest

from office_roles.clean import clean_page, strip_jammers

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "000_1fbe787382d8397a.txt"


@pytest.fixture(scope="module")
def seed():
    return clean_page(SEED.read_text(encoding="utf-8"))


def test_seed_metadata(seed):
    assert seed.title == "党委办公厅(室)要找准定位谋发展"
    assert seed.author == "韩学键"
    assert seed.note == "(作者系黑龙江大庆市委书记)"
    assert seed.poster == "福建老秘"
    assert seed.posted == "2009-3-17 19:37:21"
    assert seed.from_forum_page


@pytest.mark.parametrize(
    "chrome",
    ["关灯", "复制链接", "发表于", "显示全部楼层", "众筹计划", "您需要登录", "本版积分规则", "粉丝", "排行榜",
     "微信", "服务热线", "0595", "Email", "Copyright", "Discuz", "备案号", "《公文写作百法例讲》"],
)
def test_seed_has_no_forum_chrome(seed, chrome):
    assert chrome not in seed.text


def test_seed_text_shape(seed):
    lines = seed.text.split("\n")
    assert lines[0] == seed.title and lines[1] == seed.author and lines[-1] == seed.note
    assert all(line == line.strip() and line for line in lines)
    assert "一天24小时对每个人而言都是公平的" in seed.text  # digits inside prose survive jammer removal
    assert seed.text.count("党委办公厅(室)") >= 20  # half-width brackets kept as in the source


def test_other_forum_post_with_jammers():
    page = clean_page((FIXTURES / "pages" / "other_post.txt").read_text(encoding="utf-8"))
    assert page.title == "关于做好基层调研工作的几点思考"
    assert page.author == "李明" and page.poster == "笔杆子小王"
    assert page.note == "(作者单位:某县委办公室)"
    for junk in ("设为首页", "切换到窄版", "[% O", "K4", "Z!", "Copyright", "回帖"):
        assert junk not in page.text
    assert page.text.endswith("(作者单位:某县委办公室)")
    assert "必须把握好以下几个方面。\n一、明确调研目的" in page.text


def test_plain_text_is_kept_without_header():
    page = clean_page("标题\n\n  正文第一段。  \n\n正文第二段。\n")
    assert not page.from_forum_page
    assert page.text == "标题\n正文第一段。\n正文第二段。"
    assert page.title == "标题"


def test_a_line_that_addresses_someone_is_no_title():
    """A notice may open with whom it addresses (主送机关), ending with a colon: that line is body (its 、-pair is
    parsed like any other), never the title."""
    from office_roles.article import article_from_text

    text = "省政府各部门、各直属机构:\n现将方案印发给你们,请认真贯彻执行。\n"
    assert clean_page(text).title is None
    pairs = article_from_text(text).short_series
    assert list(pairs["element_zh"]) == ["各部门", "各直属机构"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("服务群众。3 P& W\" s# S! d+ |\n下一句。", "服务群众。\n下一句。"),
        ("第一句。; c' B2 X* V0 p5 r第二句。", "第一句。第二句。"),
        ("甲\n0 o! I; T+ f4 B/ C8 d\n乙", "甲\n\n乙"),
        ("共有 1 2 3 三项。", "共有 1 2 3 三项。"),  # one character class: not a jammer
        ("按 GDP 计算,2009 年增长。", "按 GDP 计算,2009 年增长。"),
    ],
)
def test_strip_jammers(raw, expected):
    assert strip_jammers(raw) == expected


def test_source_record_agrees_with_the_page(seed):
    import json

    record = json.loads(SEED.with_suffix(".source.json").read_text(encoding="utf-8"))
    assert record["file"] == SEED.name
    assert (record["title"], record["author"], record["author_note"]) == (seed.title, seed.author, seed.note)
    assert (record["poster"], record["posted_as_shown"]) == (seed.poster, seed.posted)


def test_web_page_chrome_of_a_plain_text_is_removed():
    """A text copied from a reading or document site: breadcrumb, metadata line, download notice, editor's credit
    and HTML tags go; the article stays, with a > or a 分享 inside its sentences."""
    raw = (
        "学习啦>实用范文>致辞讲话>会议发言稿>\n\n政府系统政务信息工作会议讲话\n\n佩珊分享\n\n"
        "更新时间:2024-04-11 04:15:01 阅读量: 综合文库 文档下载\n\n"
        "说明:文章内容仅供预览,部分内容可能不全。下载之前请确认下面内容是否您想要的。\n\n"
        "同志们:</p>\n经验要分享,收入增长>10%,这次会议很重要。\n"
    )
    text = clean_page(raw).text
    for chrome in ("学习啦>", "佩珊分享", "更新时间", "仅供预览", "</p>"):
        assert chrome not in text
    assert text.splitlines() == ["政府系统政务信息工作会议讲话", "同志们:", "经验要分享,收入增长>10%,这次会议很重要。"]
