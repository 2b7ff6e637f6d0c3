"""Outline parsing: rules for the genre, checked on the seed and on texts written for the tests."""

import pytest

import office_roles as orl
from office_roles.outline import parse, split_paragraphs
from office_roles.textnorm import cn_to_int, fold_width


def test_fold_width_keeps_length():
    text = "党委办公厅（室）：一、“耳目”，　。"
    folded = fold_width(text)
    assert len(folded) == len(text)
    assert folded == "党委办公厅(室):一、“耳目”, 。"


@pytest.mark.parametrize(("numeral", "value"), [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("九十九", 99)])
def test_cn_to_int(numeral, value):
    assert cn_to_int(numeral) == value


def test_cn_to_int_refuses_garbage():
    with pytest.raises(ValueError):
        cn_to_int("甲")


def test_paragraph_offsets_round_trip():
    text = "  甲段。\n\n乙段,有逗号。\n丙"
    for start, end in split_paragraphs(text):
        assert text[start:end] == text[start:end].strip() and text[start:end]


def outline_of(text):
    return orl.article_from_text(text)


def test_full_width_and_half_width_markers_alike():
    half = outline_of("题目\n一、总体要求\n(一)坚持原则。正文。\n(二)突出重点。\n二、主要任务\n1.抓落实。\n2.重实效。")
    full = outline_of(
        "题目\n一、总体要求\n（一）坚持原则。正文。\n（二）突出重点。\n二、主要任务\n1．抓落实。\n2．重实效。"
    )
    assert list(half.outline["marker_type"]) == list(full.outline["marker_type"])
    assert list(half.outline["depth"]) == [1, 2, 2, 1, 2, 2]
    assert list(full.outline["title_zh"]) == ["总体要求", "坚持原则", "突出重点", "主要任务", "抓落实", "重实效"]


def test_skipped_levels_take_depth_from_order():
    art = outline_of("题目\n一、第一部分\n1.甲项。\n2.乙项。\n二、第二部分\n1.丙项。")
    assert list(art.outline["depth"]) == [1, 2, 2, 1, 2]
    assert list(art.items["headline_zh"]) == ["甲项", "乙项", "丙项"]


def test_a_run_that_starts_again_at_one_nests_while_an_outer_run_goes_on():
    """一、…二、 again inside 第二，, whose own run ends there, is still nested when the run of （一） around it goes
    on (（二） follows): it cannot be the top level starting over, since 三、 continues that one afterwards."""
    art = outline_of("题目\n一、甲部分\n二、乙部分\n（一）丙方面\n第一，丁问题。\n第二，戊问题。\n"
                     "一、子项。\n二、丑项。\n（二）寅方面\n三、卯部分")
    assert list(art.outline["depth"]) == [1, 1, 2, 3, 3, 4, 4, 2, 1]
    # a text that simply starts over at 一、 stays at the top level
    again = outline_of("题目\n一、甲部分\n（一）丙方面\n（二）丁方面\n一、乙部分\n二、戊部分")
    assert list(again.outline["depth"]) == [1, 2, 2, 1, 1]


def test_heading_runs_into_body_up_to_first_full_stop():
    art = outline_of("题目\n一、总体要求\n(一)加强组织领导。各级要高度重视。")
    assert art.outline["title_zh"].tolist() == ["总体要求", "加强组织领导"]


def test_dates_and_amounts_are_not_headings():
    art = outline_of("题目\n2012年6月29日\n1.5亿元用于建设。\n一、正文")
    assert art.outline["title_zh"].tolist() == ["正文"]


def test_items_run_together_are_split():
    art = outline_of("题目\n一、要求\n一是围绕中心。正文。二是突出重点。正文。三是注重实效。")
    assert art.items["headline_zh"].tolist() == ["围绕中心", "突出重点", "注重实效"]


def test_sequence_words_and_fangmian():
    art = outline_of("题目\n首先,统一思想。\n其次,明确责任。\n最后,狠抓落实。")
    assert art.outline["marker_type"].tolist() == ["sequence"] * 3
    assert art.outline["title_zh"].tolist() == ["统一思想", "明确责任", "狠抓落实"]


def test_flat_text_says_so():
    art = outline_of("这是一段没有任何序号的文字。它只有两句。")
    assert art.items.empty and art.parts.empty
    assert any("flat" in message for message in art.messages)


def lists_of(text):
    art = outline_of("题目\n" + text)
    return [
        (kind, group["element_zh"].tolist())
        for (_, kind), group in art.lists.groupby(["list_id", "list_type"], sort=True)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("必须严把质量关、安全关、进度关。", ("checkpoints", ["质量关", "安全关", "进度关"])),
        ("要做到去粗取精、去伪存真、由表及里。", ("four_char", ["去粗取精", "去伪存真", "由表及里"])),
        ("培养一支能吃苦、能战斗、能奉献的队伍。", ("series", ["能吃苦", "能战斗", "能奉献"])),
        ("坚持三个原则:一要快,讲效率;二要准,讲质量;三要实。", ("counted", ["快", "准", "实"])),
        ("纪律有三条。第一,不迟到。第二,不早退。第三,不缺席。", ("ordinal", ["不迟到", "不早退", "不缺席"])),
        ("提高党务、政务、事务工作水平。", ("series", ["党务", "政务", "事务"])),
    ],
)
def test_inline_lists(text, expected):
    assert expected in lists_of(text)


def test_two_element_series_is_not_a_list():
    assert lists_of("要讲宽容、讲包容。") == []


def test_parse_offsets_slice_back():
    art = orl.load_article()
    outline = parse(art.text)
    for inline in outline.lists:
        for start, end in inline.elements:
            assert 0 <= start < end <= len(art.text)
    for node in outline.nodes:
        assert art.text[node.start : node.end].startswith(art.text[node.start : node.head_end])


def test_chapters_of_rules_head_their_numbered_headings():
    """工作规则 and 条例 group their 一、 headings in chapters (第一章 总则): the chapter is the outer level."""
    import office_roles as orl

    art = orl.article_from_text(
        "太湖县人民政府工作规则\n第一章  总  则\n一、根据宪法,制定本规则。\n二、县政府工作的指导思想是坚持领导。\n"
        "第二章  职  责\n三、县政府依法履行职责。\n"
    )
    got = [(row.marker.strip(), int(row.depth)) for row in art.outline.itertuples()]
    assert got == [("第一章", 1), ("一、", 2), ("二、", 2), ("第二章", 1), ("三、", 2)]
