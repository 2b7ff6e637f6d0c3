"""Inline lists inside a paragraph: 、-series (with their edges trimmed by the series' own shape, never into a
word), four-character phrases and checkpoints (…关). The kinds of list the parser reports are named here; counted
clauses (一是…二是…) and ordinals (第一,…第二,…) are found by counted_lists.py, and the series written with one 、
are made by short_series.py from the pieces ``find_series`` gives."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .pairs import ASIDE
from .segment import NOUN_SUFFIXES, word_tags
from .word_edges import (
    WINDOW,
    edge_words,
    first_tag,
    inside_word,
    leads,
    snap_end,
    snap_start,
    stands_alone,
    tag_class,
    words,
)

# The kinds of inline list the parser reports, in the order tables and figures show them.
LIST_TYPES = ("series", "four_char", "checkpoints", "counted", "ordinal")
# Series written with a single 、, reported apart (``Article.short_series``) so the lists above keep their ids:
# two members (组织协调、督促落实) and three with the last joined by 和/与/及 (县、省和中央).
SHORT_TYPES = ("pair", "short_series")
# The kind ``find_series`` gives the two pieces around a single 、, before ``trim_short``.
SHORT_RUN = "short_run"
# A series starts only where a run of element characters starts (the lookbehind), so a long run without 、 is
# tried once, not from every character: the search stays linear.
_ELEMENT = r"[^\s、,;:。!?“”\"'‘’()《》\[\]]"
_SERIES = re.compile(rf"(?<!{_ELEMENT}){_ELEMENT}+(?:、{_ELEMENT}+){{2,}}")
_TAIL_CUTS = ("的", "等")
_CLAUSE_MARKS = ",;:。!?\n"
_JOINERS = ("和", "与", "及", "以及")
# Elements of one or two characters (量大、面广、事杂) are cut by length (or one character more, 县、省和中央): jieba
# glues such short members to their neighbours (工作量|大, 五中全会), so its word edges say little about them.
_SNAP_FROM = 3
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_ASIDE = re.compile(r"(?<=[\u4e00-\u9fff])\([\u4e00-\u9fff]{1,3}\)(?=[\u4e00-\u9fff]|$)|[“”]")


def _common_prefix(texts: list[str]) -> str:
    prefix = texts[0]
    for text in texts[1:]:
        while not text.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def _trim_series(elements: list[tuple[int, int]], folded: str) -> list[tuple[int, int]] | None:
    """Cut the boundary elements of a 、-series to the shape of its interior elements.

    The first element usually carries the verb that governs the series (严把|内容关), the last the noun it
    qualifies (确凿|的信息资讯). Interior elements set the expected length and any shared first/last character.
    """
    texts = [folded[s:e] for s, e in elements]
    interior = texts[1:-1]
    lengths = Counter(len(t) for t in interior)
    size = lengths.most_common(1)[0][0]
    # "大事、难事统筹谋划、精心组织…": a longer second element closes an earlier series; restart inside it.
    if len(interior) >= 2 and len(interior[0]) > size and all(len(t) == size for t in interior[1:]):
        s, e = elements[1]
        elements = [(e - size, e), *elements[2:]]
        texts = [folded[s:e] for s, e in elements]
        interior = texts[1:-1]
    # Interior elements of very different lengths make no series (a 、 between clauses), unless a 等 closes the
    # run (国土面积、人口、行政区划、一定时间内主要经济指标、主要工作动态等等): then it is an enumeration whatever
    # its members' lengths, and only the word that governs it is cut from the first (如|国土面积).
    if max(len(t) for t in interior) - min(len(t) for t in interior) > 2 or size > 8:
        if "等" in texts[-1][1:] and max(len(t) for t in interior) <= _ENUMERATED_MAX:
            return _trim_enumeration(elements, folded)
        return _trim_framed(elements, folded)
    prefix = _common_prefix([*interior, texts[-1]])
    first_chars = {t[0] for t in interior}
    shared_first = first_chars.pop() if len(first_chars) == 1 else None
    last_chars = {t[-1] for t in interior}
    shared_last = last_chars.pop() if len(last_chars) == 1 else None
    interior_has_de = any("的" in t for t in interior)
    # Interior elements of different lengths (汽车制造厂、拖拉机制造厂) give no one length to cut to: a boundary
    # element is then cut no shorter than the longest of them, and the last one only at 的/等/和.
    longest = max(len(t) for t in interior)
    varied = longest != min(len(t) for t in interior)

    s, e = elements[0]
    # An element that opens its clause, ends like the interior ones and is about as long is a member, whole
    # (当今社会,经济全球化、数字化、信息化): what comes before such a member is no verb that governs the series.
    # The shared ending must be a word-forming suffix (化, 性 …): 学习经济知识、法律知识 shares a word, and there
    # the lead is a verb.
    opens_clause = s == 0 or folded[s - 1] in _CLAUSE_MARKS
    whole = shared_last in NOUN_SUFFIXES and folded[e - 1] == shared_last and e - s <= size + 2 and opens_clause
    # …; or one character longer than the interior ones, sharing their last word and opening with no verb
    # (,公航旅集团、酒钢集团、建投集团)
    whole = whole or (opens_clause and e - s == size + 1 and _shares_last_word(folded[s:e], interior))
    target = longest if varied else size
    if e - s > target:
        cut = folded.rfind(shared_first, s, e) if shared_first else -1
        # an opening of two characters or more that the others share is evidence enough, whatever jieba's words
        # (党的基本|理论: jieba has 党的基本 as one word)
        shared_word = len(prefix) >= 2 and folded.startswith(prefix, cut)
        if cut != -1 and e - cut >= size - 1 and (
                size < _SNAP_FROM or shared_word or inside_word(folded[s:e], cut - s) is None):
            s = cut  # 对于|什么是大事、什么是要事: the shared opening shows where the member starts
        elif not whole and target < _SNAP_FROM:
            s = e - target
        elif not whole:
            # Cut to the interior's length, moved to the nearest word start (办公室主任, not 公室主任).
            s += snap_start(folded[s:e], e - target - s, interior[0])
    # (read only where the first character can open such a word: most series have none)
    opening = edge_words(folded[s:e], backward=False) if folded[s] in _openers() else ()
    if (len(opening) > 1 and opening[0][2] == "p" and opening[0][1] == 1
            and not any(leads(first_tag(t)) for t in interior)):
        # 推动我国与|各大国、周边国家和发展中国家: before members that open with no verb or preposition (在状态、
        # 有激情 do), a one-character preposition governs the series; it opens no member
        s += 1
    elif (len(opening) > 1 and opening[0][2] == "m" and folded[s] in "一两几这那"
            and not any(first_tag(t) == "m" for t in interior)):
        s += opening[0][1]  # 这是一项|理顺分配关系、…: a counted measure opens the phrase the series fills
    first = (s, e)

    s, e = elements[-1]
    last: list[tuple[int, int]] = []
    if e - s > size and len(prefix) >= 2 and folded.startswith(prefix, s):
        # A shared lead-in (统一思想、统一认识、统一步调的过程) is cut only where that restores the shape;
        # otherwise the last element stays whole (什么是大事、什么是要事、什么是领导应当知道的事).
        cut = min((c for c in (folded.find(m, s + 1, e) for m in _TAIL_CUTS) if c != -1), default=-1)
        if cut - s == size:
            e = cut
        elif (adverb := _adverb_at(folded, s + size, e)) != -1:
            e = adverb  # 相互合作、相互依赖和相互竞争|日益增强: an adverb after the shape opens the predicate
    elif e - s > size:
        # 等 closes the series: all that stands before it is the last member (报章上的重要精彩言论等等).
        cut = folded.find("等", s + 1, e)
        # 等 or 等等 of its own, not the 等 of 高等, 同等
        closed = cut != -1 and (folded.startswith("等等", cut) or stands_alone(folded[s:e], cut - s))
        e = cut if closed else e
        if not closed and not interior_has_de:
            cut = folded.find("的", s + 1, e)
            e = cut if cut != -1 else e
        for joiner in _JOINERS:
            cut = folded.find(joiner, s + 1, e)
            if cut == -1 or not (abs(cut - s - size) <= 1 or size < cut - s <= longest + 2):
                continue
            if len(joiner) == 1 and not stands_alone(folded[s:e], cut - s):
                continue  # 及 of 及时 or 以及, 和 of 和谐: part of a word, not a joiner
            after = cut + len(joiner)
            tail = e - after
            if abs(tail - size) <= 1 or (varied and tail <= longest) or closed:
                last = [(s, cut), (after, e)]  # 实践经验和知识积累, 会议纪要和函; …文字材料和音像材料等
            elif tail > size + 1 and not varied:
                # 人大办和政协办|为全市办公室系统: cut to the interior's shape, at a word's end (无政府主义, not
                # 无政府主), or past the word the interior members all end with (…社会建设以及生态文明建设)
                end = _shared_word_end(folded, after, e, interior) or after + snap_end(folded[after:e], size)
                last = [(s, cut), (after, end)]
            if last:
                break
        if not last and e - s > size + 1 and not closed:
            if shared_last is not None and folded[e - 1] == shared_last:
                pass  # …、组织建设、生态环境建设: it ends like the interior ones, so it is one of them, whole
            elif (shared_first is not None and folded[s] == shared_first and size <= e - 2 - s <= size + 1
                    and first_tag(folded[e - 2 : e]) == "v"):
                # 向群众、向实践、向书本、向周围人学习: what follows the last member is the verb (one word); a noun
                # there is the member's own (抓好、抓实、抓出成效)
                e -= 2
            elif not varied and (end := _shared_word_end(folded, s, e, interior)):
                e = end  # 生产性企业、出口型企业和先进技术型企业|所占比重: past the interior's last word
            elif not varied:
                snapped = snap_end(folded[s:e], size)  # at a word end: 处理事儿, not 处理事; 中央, not 中
                e = s + (snapped if size >= _SNAP_FROM or snapped - size <= 1 else size)
    if not last and not interior_has_de and e - s > 1 and folded[e - 1] == "的":
        e -= 1  # 没受过委屈、不代人受点过、不被人骂的。: a 的 that closes the clause takes the whole series
    last = last or [(s, e)]
    last[-1] = _past_determiner(last[-1], elements[-1][1], folded)
    result = [first, *elements[1:-1], *last]
    if any(e - s < 1 for s, e in result):
        return None
    return result


# An element of a series closed by 等 is at most this long (as a pair's member, pairs.PAIR_MAX).
_ENUMERATED_MAX = 12


def _trim_enumeration(elements: list[tuple[int, int]], folded: str) -> list[tuple[int, int]] | None:
    """A series of uneven elements that 等 closes: the first loses the word that governs the series when that word
    leads into a phrase (如, 同: a verb or a preposition) and no interior element opens with a word of its class;
    the last ends at its 等. None when a verb or a preposition is still left in the first (的建设还得到了|波兰):
    uneven elements give no length to find its start by."""
    (s, e), (ls, le) = elements[0], elements[-1]
    found = words(folded[s:e])
    lead = tag_class(found[0][2])
    if leads(found[0][2]) and len(found) > 1 and not any(
            tag_class(first_tag(folded[a:b])) == lead for a, b in elements[1:-1]):
        s, found = s + found[0][1], found[1:]
    if any(tag in _GOVERNING_TAGS for _, _, tag in found):
        return None
    return [(s, e), *elements[1:-1], (ls, folded.find("等", ls + 1, le))]


# Tags of words that govern what follows them (a verb, a preposition): none stays inside an enumeration's first
# member.
_GOVERNING_TAGS = frozenset({"v", "p"})


# An element of a series inside the frame 以…为 is at most this long (习近平新时代中国特色社会主义思想).
_FRAMED_MAX = 18


def _trim_framed(elements: list[tuple[int, int]], folded: str) -> list[tuple[int, int]] | None:
    """A series of uneven elements inside the frame 以…为 (以马克思列宁主义、毛泽东思想、…、科学发展观为指导): the
    frame says where it starts and ends, so its members may be as uneven as names are. None without the frame."""
    (s, e), (ls, le) = elements[0], elements[-1]
    opening = folded.rfind("以", s, e)
    closing = folded.find("为", ls + 1, le)
    if opening == -1 or closing == -1 or not stands_alone(folded[ls:le], closing - ls):
        return None
    spans = [(opening + 1, e), *elements[1:-1], (ls, closing)]
    if any(not 0 < b - a <= _FRAMED_MAX for a, b in spans) or not stands_alone(folded[s:e], opening - s):
        return None
    return spans


# A run of element characters and 、: found whole by one scan (no lookbehind tried at every character).
# A short bracketed aside (办公厅(室)) or quoted name (人大政协“两会”) stays inside its run.
_RUN = re.compile(rf"(?:[^\s,;:。!?“”\"'‘’()《》\[\]]+|{ASIDE})+")


def _series_runs(folded: str, start: int, end: int, least: int = 3) -> list[list[tuple[int, int]]]:
    """The spans of what ``_SERIES`` matches: ``least`` (three) or more non-empty pieces joined by single 、."""
    out = []
    for match in _RUN.finditer(folded, start, end):
        if folded.count("、", match.start(), match.end()) < least - 1:
            continue
        group: list[tuple[int, int]] = []
        pos = match.start()
        for piece in [*match.group().split("、"), ""]:
            if piece:
                group.append((pos, pos + len(piece)))
            else:
                if len(group) >= least:
                    out.append(group)
                group = []
            pos += len(piece) + 1
    return out


def find_series(folded: str, start: int, end: int) -> list[tuple[str, list[tuple[int, int]]]]:
    """、-series of three or more elements and, as kind ``SHORT_RUN``, the two pieces around each single 、
    (untrimmed: ``trim_short`` makes a pair or an ``A、B和C`` series of them when they are asked for)."""
    found: list[tuple[str, list[tuple[int, int]]] | None] = []
    if "、" not in folded[start:end]:
        return []
    for spans in _series_runs(folded, start, end, least=2):
        spans = _after_numeral(spans, folded)
        clauses = (part for run in _split_at_joined_pairs(spans, folded) for part in _split_at_clause(run, folded))
        for run in (part for clause in clauses for part in _split_from_to(clause, folded)):
            for part in _split_at_long(run, folded) if len(run) >= 3 else [run]:
                if len(part) == 2:
                    found.append((SHORT_RUN, part))
                    continue
                trimmed = _trim_series(part, folded)
                if trimmed is not None and len(trimmed) >= 3:
                    found.append(_classify(trimmed, folded))
    return [item for item in found if item is not None]


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    """The characters that may open a first member's governing word in ``_trim_series``: the one-character
    prepositions of jieba's dictionary (与, 对) and the numerals and demonstratives of a counted measure (一项,
    这些)."""
    return frozenset(w for w, tag in word_tags().items() if len(w) == 1 and tag == "p") | frozenset("一两几这那")


_NUMERAL_PIECE = re.compile(r"[一二三四五六七八九十]+")
# A side of a joiner between two pairs (党中央、国务院和省委、省政府): two to five characters of Chinese.
_PAIR_SIDE = re.compile(r"[\u4e00-\u9fff]{2,5}")


def _after_numeral(spans: list[tuple[int, int]], folded: str) -> list[tuple[int, int]]:
    """``spans`` less a first piece that is a heading's numeral at a line's start (一、肯定成绩、正视不足)."""
    s, e = spans[0]
    if (s == 0 or folded[s - 1] == "\n") and _NUMERAL_PIECE.fullmatch(folded, s, e):
        return spans[1:]
    return spans


def _split_at_joined_pairs(spans: list[tuple[int, int]], folded: str) -> list[list[tuple[int, int]]]:
    """``党中央、国务院和省委、省政府``: an interior piece that a lone 和 splits into two sides of two to five
    characters, one opening as its neighbour does, ends one series and opens the next (two pairs joined, not one
    series)."""
    for i, (s, e) in enumerate(spans[1:-1], start=1):
        at = folded.find("和", s + 1, e - 1)
        if at == -1 or not (_PAIR_SIDE.fullmatch(folded, s, at) and _PAIR_SIDE.fullmatch(folded, at + 1, e)):
            continue
        # a side opens as its neighbour across the 、 does (省委、省政府; 通邮、通航、通商和经济): two groups, where
        # 化学和生物武器 (beside 核武器, 太空武器) is one member
        alike = folded[at + 1] == folded[spans[i + 1][0]] or folded[s] == folded[spans[i - 1][0]]
        if alike and stands_alone(folded[s:e], at - s):
            head, tail = [*spans[:i], (s, at)], [(at + 1, e), *spans[i + 1 :]]
            return [head, *_split_at_joined_pairs(tail, folded)]
    return [spans]


def _split_at_clause(spans: list[tuple[int, int]], folded: str) -> list[list[tuple[int, int]]]:
    """``联系领导与群众的桥梁、是沟通左右、协调部门关系的纽带``: a piece that opens with 是 where the first does not
    starts a new clause (a 、 put for a comma), so the series restarts there."""
    runs, current = [], [spans[0]]
    for span in spans[1:]:
        if folded[span[0]] == "是" and folded[spans[0][0]] != "是":
            runs.append(current)
            current = [span]
        else:
            current.append(span)
    runs.append(current)
    return [run for run in runs if len(run) >= 2]


def _split_from_to(spans: list[tuple[int, int]], folded: str) -> list[list[tuple[int, int]]]:
    """``从调整利率、上调存款准备金率到限购令、限贷令``: after a 从 in the first piece, a 到 that stands alone in a
    later piece ends one series and opens the next (from these … to those …)."""
    if "从" not in folded[spans[0][0] : spans[0][1]]:
        return [spans]
    for i, (s, e) in enumerate(spans[1:], start=1):
        at = folded.find("到", s + 1, e - 1)
        if at != -1 and stands_alone(folded[s:e], at - s):
            return [part for part in ([*spans[:i], (s, at)], [(at + 1, e), *spans[i + 1 :]]) if len(part) >= 2]
    return [spans]


def _shared_word_end(folded: str, start: int, end: int, interior: list[str]) -> int:
    """The end of the first occurrence in ``folded[start:end]`` of the word of two characters or more that every
    interior element ends with (企业, 建设; of a single interior element, its last word), or of the noun suffix
    they all end with (…周转率和固定资产交付使用率), or 0."""
    if len(interior) > 1:
        suffix = _common_suffix(interior)
    else:
        suffix = interior[0][edge_words(interior[0], backward=True)[-1][0] :]
    for found in (suffix, suffix[-1:]):
        if len(found) >= 2 or found in NOUN_SUFFIXES:
            at = folded.find(found, start + 1, end)
            if at != -1:
                return at + len(found)
    return 0


def _common_suffix(texts: list[str]) -> str:
    return _common_prefix([t[::-1] for t in texts])[::-1]


def _adverb_at(folded: str, at: int, end: int) -> int:
    """``at`` when a word tagged as an adverb (d) starts there, before ``end``; else -1."""
    found = words(folded[at : min(end, at + WINDOW)])
    return at if found and found[0][2] == "d" else -1


def _opens_with_determiner(member: str) -> bool:
    """Whether ``member`` opens with a determiner of two characters or more (其他, 各种: tagged r)."""
    found = edge_words(member, backward=False)
    return len(found) > 1 and found[0][1] >= 2 and tag_class(found[0][2]) == "r"


def _past_determiner(span: tuple[int, int], limit: int, folded: str) -> tuple[int, int]:
    """``span`` with the word after it when it ends with a determiner (其他, 有关: a pronoun, tagged r), which never
    ends a member: 东北、上海和其他城市 (not 其他|城市), up to ``limit``."""
    s, e = span
    if e >= limit or e - s < 2:
        return span
    tail = edge_words(folded[s:e], backward=True)[-1]
    if tag_class(tail[2]) != "r" or tail[1] - tail[0] < 2:
        return span
    following = words(folded[e : min(limit, e + 2 * WINDOW)])
    return (s, e + following[0][1]) if following and tag_class(following[0][2]) == "n" else span


def _shares_last_word(element: str, interior: list[str]) -> bool:
    """Whether ``element`` ends with the same word of two characters or more as every interior element, and does
    not open with a word that leads into a series (a verb, a preposition, …)."""
    found = words(element)
    if len(found) < 2 or leads(found[0][2]):
        return False
    tail = element[found[-1][0] :]
    return len(tail) >= 2 and all(t.endswith(tail) for t in interior)


def _split_at_long(spans: list[tuple[int, int]], folded: str) -> list[list[tuple[int, int]]]:
    """An interior element far longer than the rest closes one series and opens the next
    ("经济、社会、文化等各个领域发生的新情况、新问题…" holds two series)."""
    lengths = sorted(e - s for s, e in spans[1:-1])
    typical = lengths[len(lengths) // 2] if lengths else 0
    runs, current = [], [spans[0]]
    for span in spans[1:-1]:
        current.append(span)
        # Only a long element that 等 closes or 的 turns into an attribute ends a series; another long one is a
        # member (国土面积、人口、行政区划、一定时间内主要经济指标、主要工作动态).
        piece = folded[span[0] : span[1]]
        if len(piece) > max(8, 2 * typical) and ("等" in piece or "的" in piece):
            runs.append(current)
            current = [span]
    current.append(spans[-1])
    runs.append(current)
    return runs


def _classify(
    trimmed: list[tuple[int, int]], folded: str, short: bool = False
) -> tuple[str, list[tuple[int, int]]] | None:
    """The kind of a series; ``short`` (written with one 、) makes it a ``pair`` or a ``short_series``."""
    texts = [folded[s:e] for s, e in trimmed]
    # a member may hold a short bracketed aside (办公厅(室)主任)
    if not all(_HAN_ONLY.fullmatch(_ASIDE.sub("", t)) for t in texts):
        return None
    if short:
        return ("pair" if len(trimmed) == 2 else "short_series"), trimmed
    if all(len(t) == 4 for t in texts):
        return "four_char", trimmed
    if all(t.endswith("关") for t in texts):
        return "checkpoints", trimmed
    return "series", trimmed


