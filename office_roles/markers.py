"""The markers of the 公文 genre, as regular expressions: Chinese numerals, heading markers by level (GB/T 9704:
一、 → （一） → 1. → （1）; above them, in rules and regulations, 第一章 and 第一节), item markers (一是, 一要,
第一，, 首先, 第一个…是) and the ends of sentences and clauses. The outline parser and the inline-list finder share
them."""

from __future__ import annotations

import re

# A Chinese numeral from 一 to 九十九 (the range of ordinals in this genre). A bare run of numeral characters
# ("一一、", "一二是") is not a number, so it never reaches the conversion to int.
CN_NUM = "(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
HEADING_MARKERS: dict[str, re.Pattern[str]] = {
    # rules and regulations (工作规则, 条例) group their headings in chapters and sections: 第一章 总则
    "chapter": re.compile(rf"^第(?P<num>{CN_NUM})章"),
    "section": re.compile(rf"^第(?P<num>{CN_NUM})节"),
    "cn_dun": re.compile(rf"^(?P<num>{CN_NUM})、"),
    "cn_paren": re.compile(rf"^\((?P<num>{CN_NUM})\)"),
    "arabic_dot": re.compile(r"^(?P<num>\d{1,2})(?:\.(?!\d)|、)"),
    "arabic_paren": re.compile(r"^\((?P<num>\d{1,2})\)"),
}
ITEM_MARKERS: dict[str, re.Pattern[str]] = {
    "shi": re.compile(rf"^(?P<num>{CN_NUM})是"),
    "yao": re.compile(rf"^(?P<num>{CN_NUM})要"),
    "fangmian": re.compile(r"^(?P<num>一|另一)方面[,、:]?"),
    "di": re.compile(rf"^第(?P<num>{CN_NUM})[,、:]"),
    "sequence": re.compile(r"^(?P<num>首先|其次|再次|最后)[,、:]?"),
    # A sentence that names its point: 第一个要求是……, 第一个标准是……, 第一个意见:……
    "ge": re.compile(rf"^第(?P<num>{CN_NUM})个[\u4e00-\u9fff]{{1,3}}?(?:是|:|,)"),
}
SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}
# Marker types that count one run between them: 首先, … then 第二, 第三, … continue one another.
FAMILY = {"sequence": "di"}
# A numbered line that is really a date, an amount or a contents entry is not a heading. Dot leaders are matched
# from the start of their run only ((?<!…)), which keeps the search linear on long runs of dots.
NOT_HEADING = re.compile(r"^\d+\.\d|^\d{4}年|^\d{1,2}月\d|(?<!\.)\.{3,}\s*\d+$|(?<!…)…{2,}\s*\d+$")

SENTENCE_END = re.compile(r"[。!?]+[”’」』)]*")
CLAUSE_END = re.compile(r"[,;:。!?]")
HEADLINE_END = re.compile(r"[。;:!?]")
