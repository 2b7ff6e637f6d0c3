"""Series written with one 、 (pairs, A、B和C) and the word edges of trimmed series (issue 15): the rules, each on a
small text, and the promise that the seed's lists keep their ids."""

from __future__ import annotations

import pytest

import office_roles as orl
from office_roles.inline_lists import LIST_TYPES, SHORT_TYPES
from office_roles.segment import longest_words
from office_roles.word_edges import snap_end, snap_start, stands_alone


def found(text: str) -> tuple[list[list[str]], list[tuple[str, list[str]]]]:
    """(the lists, the short series as (type, members)) of a one-paragraph text."""
    art = orl.article_from_text("题目\n" + text)
    lists = [group["element_zh"].tolist() for _, group in art.lists.groupby("list_id", sort=True)]
    short = [(group["list_type"].iloc[0], group["element_zh"].tolist())
             for _, group in art.short_series.groupby("list_id", sort=True)]
    return lists, short


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("坚持人民至上、生命至上,及时启动响应。", ["人民至上", "生命至上"]),
        ("大多数农产品、工业品日益丰富。", ["农产品", "工业品"]),
        ("重视计划用水、节约用水,大力发展节水农业。", ["计划用水", "节约用水"]),
    ],
)
def test_two_element_series_is_a_pair(text, members):
    lists, short = found(text)
    assert lists == [] and short == [("pair", members)]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("依次制定县、省和中央三级的农业现代化规划。", ["县", "省", "中央"]),
        ("还要记住经典论断、历史掌故和报章上的重要精彩言论等等。", ["经典论断", "历史掌故", "报章上的重要精彩言论"]),
    ],
)
def test_last_member_after_a_joiner_makes_three(text, members):
    assert found(text)[1] == [("short_series", members)]


def test_a_joiner_inside_an_unlike_member_leaves_a_pair():
    """重要决策和事项 is no member like 重大情况及时报告: the 和 joins inside the second member."""
    assert [kind for kind, _ in found("重大情况及时报告、重要决策和事项及时督办。")[1]] == ["pair"]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("一个地方工作要抓住几个人,办公室主任、公安局长、组织部长。", ["办公室主任", "公安局长", "组织部长"]),
        ("支持奥瑞金、平安电工、立邦涂料等重点企业创建示范。", ["奥瑞金", "平安电工", "立邦涂料"]),
        ("写材料、组织会、处理事儿都是绕不开的基本功。", ["写材料", "组织会", "处理事儿"]),
        ("恐怕是没有几个没受过委屈、不代人受点过、不被人骂的。", ["没受过委屈", "不代人受点过", "不被人骂"]),
        ("对应分解为出台政策文件、制定工作方案、组织重大活动、召开部署推进会议等具体举措。",
         ["出台政策文件", "制定工作方案", "组织重大活动", "召开部署推进会议"]),
    ],
)
def test_boundary_members_end_at_word_edges(text, members):
    assert members in found(text)[0]


def test_numbered_heading_is_no_pair():
    assert found("讲四点意见:一、深刻领会,准确把握。")[1] == []


def test_a_piece_opening_with_shi_restarts_the_series():
    """是…桥梁、是…纽带: the first 、 stands for a comma between two clauses."""
    lists, short = found("是承上启下,联系领导与群众的桥梁、是沟通左右、协调部门关系的纽带。")
    assert lists == [] and [kind for kind, _ in short] == ["pair"]


def test_seed_lists_keep_their_ids_and_pairs_have_their_own():
    art = orl.load_article()
    assert art.lists["list_id"].drop_duplicates().tolist() == [f"L{n:02d}" for n in range(1, 36)]
    assert set(art.lists["list_type"]) <= set(LIST_TYPES)
    short = art.short_series
    assert len(short) and short["list_id"].str.fullmatch(r"S\d{2}").all()
    assert set(short["list_type"]) <= set(SHORT_TYPES)
    assert (short.groupby("list_id")["size"].first() == short.groupby("list_id").size()).all()
    for row in short.itertuples(index=False):  # offsets slice back, as in every table
        assert art.text[row.start : row.end] == row.element_zh
    # 及时、准确、客观、真实、有用、有效: a pair nested in an element of a counted list is found too
    pairs = [tuple(g["element_zh"]) for _, g in short.groupby("list_id") if g["list_type"].iloc[0] == "pair"]
    assert ("有用", "有效") in pairs


def test_word_edges():
    assert longest_words("办公室主任") == ["办公室", "主任"]
    assert longest_words("向周围人学习", backward=True)[-1] == "学习"
    assert snap_start("办公室主任", 1, "公安局长") == 0  # never 公室主任
    assert snap_end("处理事儿都是", 3) == 4  # 处理事儿, not 处理事
    assert stands_alone("会议纪要和函", 4) and not stands_alone("及时督办", 0)


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # two whole clauses with figures are the pair, however long; a word that governs both stays out
        ("投资项目不少于3个;投资10亿元以上项目10个、亿元以上项目100个;新开工项目。",
         ["投资10亿元以上项目10个", "亿元以上项目100个"]),
        ("筑起防线,用14天初步遏制了疫情蔓延势头、51天将住院确诊病例清零,是全国最早。",
         ["14天初步遏制了疫情蔓延势头", "51天将住院确诊病例清零"]),
        ("推广节能空调500多万台、高效照明灯具1.5亿只。", ["节能空调500多万台", "高效照明灯具1.5亿只"]),
        ("拟安排地方政府专项债券3.9万亿元、比上年增加1000亿元。",
         ["拟安排地方政府专项债券3.9万亿元", "比上年增加1000亿元"]),
    ],
)
def test_counted_clauses_are_a_pair(text, members):
    assert found(text)[1] == [("pair", members)]


def test_figures_that_qualify_a_shared_noun_make_no_counted_pair():
    """A figure followed by more words (中国500强|企业投资项目) may qualify a noun both share: not two counted
    clauses."""
    assert ("pair", ["世界500强", "中国500强企业投资项目"]) not in found("引进世界500强、中国500强企业投资项目。")[1]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # a 等 closes a run of uneven members: an enumeration; the word that governs it (如, 同) stays out
        ("如国土面积、人口、行政区划、一定时间内主要经济指标、主要工作动态等等都要记到脑子里。",
         ["国土面积", "人口", "行政区划", "一定时间内主要经济指标", "主要工作动态"]),
        ("遭受洪涝、干旱、台风、森林草原火灾、地质灾害、地震等灾害。",
         ["洪涝", "干旱", "台风", "森林草原火灾", "地质灾害", "地震"]),
    ],
)
def test_an_enumeration_closed_by_deng_may_have_uneven_members(text, members):
    assert found(text)[0] == [members]


def test_an_uneven_run_without_deng_or_with_a_verb_left_in_the_first_is_no_series():
    assert found("这是大事、难事,一定时间内主要经济指标、人口都要记住。")[0] == []
    assert found("工程还得到了波兰、匈牙利、捷克斯洛伐克、德意志民主共和国等国家的帮助。")[0] == []


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # a determiner (其他, 各种) never ends a member: the noun after it is part of the last one
        ("合理地利用东北、上海和其他城市的工业基础。", ["东北", "上海", "其他城市"]),
        ("要照顾好军人、军属和其他优抚对象。", ["军人", "军属", "其他优抚对象"]),
    ],
)
def test_a_determiner_takes_its_noun_into_the_last_member(text, members):
    assert found(text)[1] == [("short_series", members)]


def test_a_preposition_before_noun_members_opens_none():
    assert found("推动我国与各大国、周边国家和发展中国家的关系全面深入发展。")[1] == [
        ("short_series", ["各大国", "周边国家", "发展中国家"])]
    assert found("今后要在状态、有激情、敢担当、出实效。")[0] == [["在状态", "有激情", "敢担当", "出实效"]]


def test_an_adverb_after_a_shared_lead_in_ends_the_last_member():
    assert found("各个车间或工段、各个企业、各个部门都应该树立全局观点。")[0] == [
        ["各个车间或工段", "各个企业", "各个部门"]]


def test_a_longer_middle_member_ending_like_the_first_still_joins_a_series():
    assert found("全国城镇参加基本养老保险、基本医疗保险和失业保险的人数大幅度增加。")[1] == [
        ("short_series", ["基本养老保险", "基本医疗保险", "失业保险"])]


def test_yiji_joins_the_last_member():
    assert found("积极参与亚太经合组织、亚欧会议以及其他多边领域的活动。")[1] == [
        ("short_series", ["亚太经合组织", "亚欧会议", "其他多边领域"])]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # the member after the last joiner ends at a word's end, or past the word every interior member ends with
        ("反对专制主义、官僚主义、特权思想、家长作风和无政府主义倾向。",
         ["专制主义", "官僚主义", "特权思想", "家长作风", "无政府主义"]),
        ("统筹推进经济建设、政治建设、文化建设、社会建设以及生态文明建设的总体布局。",
         ["经济建设", "政治建设", "文化建设", "社会建设", "生态文明建设"]),
    ],
)
def test_the_member_after_the_last_joiner_ends_at_a_word(text, members):
    assert found(text)[0] == [members]


def test_the_last_member_runs_past_the_word_the_interior_ends_with():
    assert found("生产性企业、出口型企业和先进技术型企业所占比重上升。")[1] == [
        ("short_series", ["生产性企业", "出口型企业", "先进技术型企业"])]


def test_a_headings_numeral_is_no_member_and_two_pairs_joined_by_he_stay_two():
    assert found("我讲三方面意见:\n一、肯定成绩、正视不足,切实增强信心。")[1] == [("pair", ["肯定成绩", "正视不足"])]
    assert found("认真落实党中央、国务院和省委、省政府决策部署。")[1] == [
        ("pair", ["党中央", "国务院"]), ("pair", ["省委", "省政府"])]
    assert found("希望实现通邮、通航、通商和经济、科学、文化、体育交流。")[0] == [
        ["通邮", "通航", "通商"], ["经济", "科学", "文化", "体育"]]
    # 化学和生物武器 opens like neither neighbour: one member of one series
    assert "化学和生物武器" in found("彻底销毁核武器、化学和生物武器、太空武器。")[0][0]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # B and C both open with a verb: three verb phrases, however long B (…和抓好组织落实)
        ("在健全企业机制、完善配套政策和抓好组织落实上下功夫。", ["健全企业机制", "完善配套政策", "抓好组织落实"]),
        # a counted measure before the first opens the phrase the series fills
        ("这是一项理顺分配关系、增强宏观调控能力和加强党风政风建设的重大举措。",
         ["理顺分配关系", "增强宏观调控能力", "加强党风政风建设"]),
    ],
)
def test_three_verb_phrases_joined_by_he(text, members):
    assert found(text)[1] == [("short_series", members)]


def test_a_longer_middle_member_sharing_a_noun_suffix_with_the_first_joins_a_series():
    assert found("固定资产产值率、流动资金周转率和固定资产交付使用率都有提高。")[1] == [
        ("short_series", ["固定资产产值率", "流动资金周转率", "固定资产交付使用率"])]


def test_a_joiner_is_read_on_jiebas_most_probable_path():
    """A greedy cut reads 和服 (kimono) in 廉洁政府和服务型政府; the most probable path reads the joiner 和."""
    assert found("努力建设人民满意的法治政府、创新政府、廉洁政府和服务型政府,全面履行好政府职责。")[0] == [
        ["法治政府", "创新政府", "廉洁政府", "服务型政府"]]
    assert found("提高干部职工的政治素质、业务能力和服务水平,更好地发挥作用。")[1] == [
        ("short_series", ["政治素质", "业务能力", "服务水平"])]


def test_a_shared_opening_word_starts_the_first_member_whatever_jiebas_words():
    assert found("认真贯彻党的基本理论、基本路线、基本方略,坚持和加强党的全面领导。")[0] == [
        ["基本理论", "基本路线", "基本方略"]]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # 等 closes the series: the member after the joiner is whole
        ("是情报、情况、资料、数据、图表、文字材料和音像材料等的总称。",
         ["情报", "情况", "资料", "数据", "图表", "文字材料", "音像材料"]),
        # the 等 of 高等 closes nothing
        ("发展基础教育、职业教育、成人教育和高等教育。", ["基础教育", "职业教育", "成人教育", "高等教育"]),
    ],
)
def test_deng_of_its_own_closes_the_series(text, members):
    assert found(text)[0] == [members]


def test_the_frame_yi_wei_holds_a_series_of_uneven_names():
    assert found("高举旗帜,以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、"
                 "习近平新时代中国特色社会主义思想为指导,认真贯彻。")[0] == [
        ["马克思列宁主义", "毛泽东思想", "邓小平理论", "“三个代表”重要思想", "科学发展观",
         "习近平新时代中国特色社会主义思想"]]
    # without the frame, members this uneven make no series
    assert found("高举旗帜,马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、"
                 "习近平新时代中国特色社会主义思想,认真贯彻。")[0] == []


def test_a_particle_opens_no_first_member():
    assert found("着力防范化解重点领域的房地产、地方债务、中小金融机构风险。")[0] == [
        ["房地产", "地方债务", "中小金融机构"]]
