"""The rules that choose a pair's members (office_roles/pairs.py) and split 、-runs for them (inline_lists.py), each
on a small text of the genre: where a member may begin and end, and which words govern the pair from outside."""

from __future__ import annotations

import pytest
from test_short_series import found

from office_roles.pairs import trim_pair


def pair(text: str) -> list[str] | None:
    """The members ``trim_pair`` chooses for the two pieces around the only 、 of ``text`` (pieces end at ,。)."""
    cut = text.index("、")
    start = max(text.rfind(mark, 0, cut) for mark in ",。") + 1
    end = min(i for i in (text.find(mark, cut) for mark in ",。") if i != -1)
    members = trim_pair((start, cut), (cut + 1, end), text)
    return None if members is None else [text[s:e] for s, e in members]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # the window is segmented past the longest member: 建设 is not cut to 设
        ("迈出了建设幸福美好新甘肃、开创富民兴陇新局面的坚实步伐。", ["建设幸福美好新甘肃", "开创富民兴陇新局面"]),
        ("从全市三级干部会、人大政协会议的筹备情况看。", ["三级干部会", "人大政协会议"]),
    ],
)
def test_members_are_whole_words_of_the_whole_piece(text, members):
    assert pair(text) == members


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("党委办公室要当高参、设大谋,必须在调研上下功夫。", ["当高参", "设大谋"]),  # 要 governs both
        ("要把精力引导到调整结构、优化布局上来。", ["调整结构", "优化布局"]),  # 到 governs both
        ("迈出了建设幸福美好新甘肃、开创富民兴陇新局面。", ["建设幸福美好新甘肃", "开创富民兴陇新局面"]),  # 了
        ("必须协调好上下左右、方方面面的关系。", ["上下左右", "方方面面"]),  # a verb's complement 好
        ("没有这样一批巨大的、带有工业骨干性质的工厂,就无法实现工业化。", ["巨大的", "带有工业骨干性质的"]),
        ("要学习贯彻全市党委书记、人大主任会议精神,抓好落实。", ["党委书记", "人大主任"]),  # a scope word 全市
    ],
)
def test_governing_words_stay_outside_the_first_member(text, members):
    assert pair(text) == members


def test_a_governing_word_the_second_member_repeats_belongs_to_both():
    """谋到: the second member has 到 too, so 到 may stand inside the first."""
    assert pair("要参到点子上、谋到关键处,发挥作用。")[1] == "谋到关键处"
    assert pair("要参到点子上、谋到关键处,发挥作用。")[0].endswith("到点子上")


def test_a_de_after_the_second_member_ends_it():
    """The pair is one attribute of the noun after 的: the second member runs up to it."""
    assert pair("处于承上启下、协调左右的中枢位置。") == ["承上启下", "协调左右"]


def test_a_de_inside_the_first_member_lets_the_second_pass_its_own():
    assert pair("把这些年摸出的门道、摔过的跟头掏出来。") == ["摸出的门道", "摔过的跟头"]
    assert pair("崇高的理想、坚定的信念是奋斗的基础。") == ["崇高的理想", "坚定的信念"]


def test_no_lone_function_word_and_no_clause_verb_in_the_second_member():
    assert pair("各地、各部门配合。") == ["各地", "各部门"]


def test_a_bracketed_aside_or_a_quoted_name_stays_inside_a_member():
    assert found("出席会议的有党委秘书长、办公厅(室)主任。")[1] == [("pair", ["党委秘书长", "办公厅(室)主任"])]
    assert found("从全市三级干部会、人大政协“两会”的筹备情况看。")[1] == [("pair", ["三级干部会", "人大政协“两会”"])]


def test_from_to_splits_the_run_into_two_pairs():
    assert found("从调整利率、上调存款准备金率到限购令、限贷令,政策涉及面广。")[1] == [
        ("pair", ["调整利率", "上调存款准备金率"]), ("pair", ["限购令", "限贷令"])]


def test_without_from_a_dao_stays_inside_the_member():
    """Only after 从 does a 到 end a series: 做到 here is the member's own verb."""
    lists, short = found("要做到政治坚定、业务精通、作风过硬。")
    assert lists == [["政治坚定", "业务精通", "作风过硬"]] and short == []


def test_a_first_element_sharing_the_last_word_stays_whole():
    """One character longer than the interior elements, opening its clause with no verb and ending with their word
    (集团): the whole piece is the member. With a verb in front (抓), the verb still governs the series."""
    assert found("去年,省能源集团、交投集团、建工集团、农垦公司进入中国企业500强。")[0] == [
        ["省能源集团", "交投集团", "建工集团", "农垦公司"]]
    assert found("今年,抓交投集团、建工集团、农垦集团的改革。")[0] == [["交投集团", "建工集团", "农垦集团"]]


def test_two_names_side_by_side_are_the_pair():
    """Names of organisations (nt) or places (ns) on both sides of the 、 are the members, whatever surrounds them."""
    assert pair("坚决落实党中央、国务院决策部署。") == ["党中央", "国务院"]


def test_a_first_member_may_open_with_a_word_of_manner_when_the_second_does():
    """及时 and 有效, 真实 and 健康: words jieba tags as function words (c, d) open both members."""
    assert pair("一旦需要就能及时出台、有效发挥作用。") == ["及时出台", "有效发挥作用"]
    assert pair("这才是真实的、健康的增长。") == ["真实的", "健康的"]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # an aspect particle closes the verb that governs the pair (着, as 了 above)
        ("这些工作直接影响着党群、干群关系,必须高度重视。", ["党群", "干群"]),
        ("他们经历过风雨、考验,更加成熟。", ["风雨", "考验"]),
        # two members that share their second character are parallel (参到…、谋到…): 要 governs both
        ("敢于参谋,要参到点子上、谋到关键处,充分发挥作用。", ["参到点子上", "谋到关键处"]),
    ],
)
def test_aspect_particles_and_echoed_characters(text, members):
    assert pair(text) == members


def test_an_adverb_alone_is_no_member_and_the_noun_both_qualify_is_left_out():
    """不好 (tagged d) belongs with 效益; 企业 before the 的 is what both members qualify (tests/corpus/README.md
    rule 3), since the first member ends with no noun."""
    assert pair("以及效益不好、停产半停产企业的职工等生活比较困难。") == ["效益不好", "停产半停产"]


def test_a_verb_keeps_the_object_that_ends_its_clause():
    """积极改良|畜种 would leave 畜种 with nothing to belong to: the second member runs to the clause's end."""
    assert pair("保护森林资源,大力加强草原建设、积极改良畜种,更好地保护水产资源。")[1] == "积极改良畜种"


def test_a_noun_the_second_verb_governs_stays_in_it():
    """协调部门关系: 关系 is 协调's object (as 左右 is 沟通's), not a noun both members qualify."""
    assert pair("是沟通左右、协调部门关系的纽带。") == ["沟通左右", "协调部门关系"]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # words jieba's dictionary lacks are guessed as its precise mode does (企稳, 方片, 必虎), not cut in two
        ("全省经济运行企稳向好、稳中有进。", ["企稳向好", "稳中有进"]),
        ("重点支持方片互动网络科技、必虎网络科技等信息服务公司加快发展。", ["方片互动网络科技", "必虎网络科技"]),
        # an adverb right after a governing word opens the member
        ("强化政策统筹,确保同向发力、形成合力。", ["同向发力", "形成合力"]),
    ],
)
def test_unknown_words_and_an_adverb_after_a_governing_word(text, members):
    assert pair(text) == members


def test_a_guessed_word_never_takes_in_a_particle():
    from office_roles.segment import cut

    assert cut("企稳向好", guess=True)[0] == "企稳"
    assert "的" in cut("摸出的门道", guess=True)  # 的 stays a word of its own
    assert cut("企稳向好") == ["企", "稳", "向", "好"]  # without guessing, the dictionary's path


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # 当 governs two nouns; the piece after the 、 holds nothing but the member and its closing 的
        ("搞办公室工作的,当秘书长、办公室主任的,包括当秘书的同志。", ["秘书长", "办公室主任"]),
        # 当 is the first member's own verb when the second opens with a verb
        ("办公室要当参谋、搞服务,必须在调研上下功夫。", ["当参谋", "搞服务"]),
        ("党委办公室要当高参、设大谋,必须在调研上下功夫。", ["当高参", "设大谋"]),
    ],
)
def test_serving_as_governs_nouns_only(text, members):
    assert pair(text) == members


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("在推进三明融入海西建设、实现加快崛起中作出更大的贡献。", ["推进三明融入海西建设", "实现加快崛起"]),
        ("把主要精力引导到调整结构、提高经济增长质量和效益上来。", ["调整结构", "提高经济增长质量和效益"]),
        # past a 的 the frame holds a noun the pair qualifies: no frame for the pair
        ("各国在发展经济、建设国家的事业中交流。", ["发展经济", "建设国家"]),
    ],
)
def test_a_frame_holds_the_pair(text, members):
    assert pair(text) == members


def test_a_guessed_word_never_opens_with_what_binds_to_the_word_before():
    """jieba's model sees only the run of single characters: a complement (践行好), a noun suffix (撬动性) or a
    preposition (都市圈为) stays out of the guessed word; a dictionary word it finds (同向) stands."""
    from office_roles.segment import cut

    assert "好大" not in cut("践行好大农业观", guess=True)
    assert "性强" not in cut("撬动性强的", guess=True)
    assert "圈为" not in cut("都市圈为依托", guess=True)
    assert "同向" in cut("确保同向发力", guess=True)
    assert pair("积极谋划用好牵引性、撬动性强的工作抓手。") == ["牵引性", "撬动性"]
    assert pair("是广大干部群众筚路蓝缕、千辛万苦干出来的。") == ["筚路蓝缕", "千辛万苦"]


def test_members_that_open_alike_may_differ_in_a_de():
    assert pair("要善于博采众长,吸收各个方面有益的建议、各种不同意见包括批评意见。") == [
        "各个方面有益的建议", "各种不同意见"]
    assert pair("发挥好决策的参谋、服务的助手作用。") != ["决策的参谋", "服务"]


def test_two_nouns_each_with_a_one_character_predicate_are_parallel_clauses():
    assert pair("充分利用我国海岸线长、江湖通航水道多的优势。") == ["海岸线长", "江湖通航水道多"]


def test_an_adverb_closes_no_member_and_a_shared_opening_word_is_an_anaphora():
    assert pair("必须始终不渝地坚持两手抓、两手都要硬的方针。") == ["两手抓", "两手都要硬"]
    assert pair("实行企业承包企业、企业租赁企业的办法。") == ["企业承包企业", "企业租赁企业"]


def test_two_quoted_members_are_the_quotations():
    assert pair("坚持不懈地开展“扫黄”、“打非”斗争。") == ["“扫黄”", "“打非”"]
    assert pair("保障“米袋子”、“菜篮子”安全。") == ["“米袋子”", "“菜篮子”"]


def test_a_verb_keeps_the_nouns_of_its_object_up_to_the_pairs_de():
    assert pair("使劳动者管理国家、管理经济文化事业的民主权利逐步得到保障。") == ["管理国家", "管理经济文化事业"]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # a four-character set phrase counts as two words, as its parallel member of two words does
        ("又鼓励因地制宜、探索创新,形成强大合力。", ["因地制宜", "探索创新"]),
        ("同人民生活互相适应、互相促进地向前发展。", ["互相适应", "互相促进"]),
    ],
)
def test_a_set_phrase_counts_as_two_words(text, members):
    assert pair(text) == members


def test_an_auxiliary_opens_no_guessed_word():
    from office_roles.segment import cut

    assert "要学" not in cut("既要学理论", guess=True)
    assert pair("一要勤于学习,既要学理论、学政策,也要学业务。") == ["学理论", "学政策"]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # inside one dictionary word (三中全会), a reading as long as the first member and ending like it leaves the
        # noun both qualify out
        ("深入学习贯彻党的二十大和二十届二中、三中全会精神。", ["二中", "三中"]),
        ("对农民提供无息、低息贷款。", ["无息", "低息"]),
        # … but a verb there is the member's own
        ("全省上下负重自强、顽强拼搏,取得成绩。", ["负重自强", "顽强拼搏"]),
    ],
)
def test_a_parallel_reading_inside_one_word(text, members):
    assert pair(text) == members
