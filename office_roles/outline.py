"""Derive the outline of a 公文-style text: paragraphs, sentences, headings, items and inline lists.

All spans are ``(start, end)`` character offsets into the clean text, so ``text[start:end]`` gives the element
back. Matching runs on a width-folded copy (same length), so half- and full-width punctuation are treated alike.

Heading levels follow GB/T 9704 (``一、`` → ``（一）`` → ``1.`` → ``（1）``), but depth is assigned by the order in
which marker types first appear, because practice skips levels. ``一是``/``一要``/``第一，``/``首先`` at the start
of a paragraph head an item; inside a paragraph they form an inline list.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .textnorm import cn_to_int, fold_width

# A Chinese numeral from 一 to 九十九 (the range of ordinals in this genre). A bare run of numeral characters
# ("一一、", "一二是") is not a number: it used to match and then crash the conversion to int.
CN_NUM = "(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
HEADING_MARKERS: dict[str, re.Pattern[str]] = {
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
# A numbered line that is really a date, an amount or a contents entry is not a heading.
# The dot leaders are matched from the start of their run only ((?<!…)): searched from every dot of a long run,
# they took quadratic time.
NOT_HEADING = re.compile(r"^\d+\.\d|^\d{4}年|^\d{1,2}月\d|(?<!\.)\.{3,}\s*\d+$|(?<!…)…{2,}\s*\d+$")

SENTENCE_END = re.compile(r"[。!?]+[”’」』)]*")
CLAUSE_END = re.compile(r"[,;:。!?]")
HEADLINE_END = re.compile(r"[。;:!?]")

# Inline enumerations.
# A series starts only where a run of element characters starts (the lookbehind): tried from inside a long run
# without 、 it failed again at every character, in quadratic time. The matches are the same.
_ELEMENT = r"[^\s、,;:。!?“”\"'‘’()《》\[\]]"
_SERIES = re.compile(rf"(?<!{_ELEMENT}){_ELEMENT}+(?:、{_ELEMENT}+){{2,}}")
_ORDINAL = re.compile(rf"第(?P<num>{CN_NUM})[,、:]")
_TAIL_CUTS = ("的", "等")
_CLAUSE_MARKS = ",;:。!?\n"
# Suffixes that make nouns of what comes before them (全球化, 针对性, 服务型): a member ending in one is whole.
_NOUN_SUFFIXES = set("化性型式度率制")
_JOINERS = ("和", "与", "及")

ITEM_KIND_BY_MARKER = {"yao": "requirement"}
FUNCTION_HEADING = re.compile(r"职能|职责|作用|角色|定位")
REQUIREMENT_WORDS = re.compile(r"要求")


def item_kind(marker_type: str, marker: str, heading: str | None) -> str:
    """function / task / requirement: the marker decides first (一要, 第一个要求是), then the part's heading
    (…要发挥四个职能 → function), and an item is a task otherwise (the points under 总体要求 are tasks too)."""
    if marker_type in ITEM_KIND_BY_MARKER or (marker_type == "ge" and REQUIREMENT_WORDS.search(marker)):
        return ITEM_KIND_BY_MARKER.get(marker_type, "requirement")
    if heading is not None and FUNCTION_HEADING.search(heading):
        return "function"
    return "task"


@dataclass
class Node:
    """One heading or item of the outline."""

    node_id: str
    marker_type: str
    marker: str
    number: int
    start: int
    head_end: int
    depth: int
    parent: Node | None = None
    end: int = 0
    children: list[Node] = field(default_factory=list)


@dataclass
class InlineList:
    list_type: str
    paragraph: int
    elements: list[tuple[int, int]]


@dataclass
class Outline:
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int, int]]
    nodes: list[Node]
    lists: list[InlineList]
    body_span: tuple[int, int]


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return spans


def split_sentences(folded: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Sentences end at 。！？ (with closing quotes); a paragraph's last sentence may lack the mark."""
    out = []
    for index, (start, end) in enumerate(paragraphs):
        pos = start
        for match in SENTENCE_END.finditer(folded, start, end):
            out.append((index, pos, match.end()))
            pos = match.end()
        if pos < end:
            out.append((index, pos, end))
    return out


def _match_marker(line: str, markers: dict[str, re.Pattern[str]]) -> tuple[str, re.Match[str]] | None:
    if not line or line[0] not in _MARKER_FIRST:  # most paragraphs open with no marker: no pattern is tried
        return None
    for name, pattern in markers.items():
        match = pattern.match(line)
        if match:
            return name, match
    return None


def _marker_number(marker_type: str, raw: str) -> int:
    if marker_type == "sequence":
        return SEQUENCE_WORDS[raw]
    if marker_type == "fangmian":
        return 1 if raw == "一" else 2
    return cn_to_int(raw)


def _headline_end(folded: str, start: int, end: int) -> int:
    """A heading runs to the line end or the first sentence mark; a long first sentence is cut at its comma."""
    match = HEADLINE_END.search(folded, start, end)
    stop = match.start() if match else end
    if stop - start > 25:
        comma = folded.find(",", start, stop)
        if comma != -1:
            stop = comma
    return stop


def _family(marker_type: str) -> str:
    return FAMILY.get(marker_type, marker_type)


# Where a new segment may begin inside a paragraph: after a sentence end (and any space a copy left there), or
# after spaces that follow a Chinese character (where a page that lost its line breaks kept a space instead). Only
# places where a marker could start are found (the lookahead), so a paragraph is scanned once at regex speed.
_MARKER_FIRST = frozenset("一二三四五六七八九十(第首其再最另0123456789")
_FIRST_CLASS = "[" + "".join(sorted(_MARKER_FIRST)).replace("(", "\\(") + "]"
# A run of spaces is tried from its first space only, and whole (possessive): tried from every space of a long run
# it took quadratic time.
_SENTENCE_START = re.compile(rf"[。!?] *+(?={_FIRST_CLASS})|(?<! ) ++(?={_FIRST_CLASS})")
# In a flattened paragraph a clause end before a heading marker may be where a line ended too ("…怪脾气:(1)…").
_CLAUSE_START = re.compile(rf"[。!?:;] *+(?={_FIRST_CLASS})|(?<! ) ++(?={_FIRST_CLASS})")
# A flattened copy (line breaks lost) puts a whole text in one paragraph; at this length a paragraph is one.
FLATTENED_PARAGRAPH = 1500
_RUN_TYPES = ("shi", "yao", "di", "sequence", "ge")
_CUT_HEADINGS = ("cn_dun", "cn_paren", "arabic_paren", "arabic_dot")


def _sentence_starts(folded: str, start: int, end: int, pattern: re.Pattern[str] = _SENTENCE_START) -> list[int]:
    """Offsets after a sentence end (or a kept space) where a marker may begin."""
    return [
        m.end() for m in pattern.finditer(folded, start, end)
        if m.end() < end and (folded[m.start()] != " " or (m.start() > start and folded[m.start() - 1] > "\x7f"))
    ]


# The marker patterns without their ``^``, to match at an offset without slicing the text (slices of a long
# flattened paragraph at every sentence start took quadratic time).
_AT = {name: re.compile(p.pattern.removeprefix("^")) for name, p in {**HEADING_MARKERS, **ITEM_MARKERS}.items()}
# How far a date, an amount or a contents entry can reach: NOT_HEADING is tried on this much text after a marker.
_NOT_HEADING_REACH = 64



def _marker_at(folded: str, pos: int, end: int, types: tuple[str, ...]) -> tuple[str, int] | None:
    """(marker type, number) of a marker that starts at ``pos``, among ``types``."""
    if folded[pos] not in _MARKER_FIRST:
        return None
    for name in types:
        match = _AT[name].match(folded, pos, end)
        if match is None:
            continue
        if name in HEADING_MARKERS and NOT_HEADING.search(folded[pos : min(end, pos + _NOT_HEADING_REACH)]):
            continue
        return name, _marker_number(name, match.group("num"))
    return None


def merge_marker_lines(folded: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A marker alone on its line (``一、`` then the point on the next line, as some copies print them) heads the
    paragraph that follows: the two become one segment."""
    out: list[tuple[int, int]] = []
    found = [
        _match_marker(line, HEADING_MARKERS) or _match_marker(line, ITEM_MARKERS)
        for line in (folded[start:end] for start, end in paragraphs)
    ]
    for index, (start, end) in enumerate(paragraphs):
        if out and out[-1][1] == -1:
            out[-1] = (out[-1][0], end)
            continue
        marker = found[index]
        alone = marker is not None and end - start - marker[1].end() < 4 and not folded[
            start + marker[1].end() : end
        ].strip(" ,、:")
        # The next line is the point itself, not another marker (二是 followed by 三是… is an empty item).
        if alone and index + 1 < len(paragraphs) and found[index + 1] is None:
            out.append((start, -1))
            continue
        out.append((start, end))
    return out


def split_run_on_items(
    folded: str, paragraphs: list[tuple[int, int]], after_lead: set[int] | None = None
) -> list[tuple[int, int]]:
    """Segments that each start with at most one marker.

    - Items run together in one paragraph ("一是…。二是…。") become separate segments when a later marker
      continues the numbering right after a sentence end; 首先 may be continued by 第二, 第三 ….
    - A run that begins inside a paragraph after its lead sentence (继续实施积极的财政政策。一是……) and goes on at
      the start of a later paragraph (二是……) begins a segment where its first marker stands.
    - Headings (一、, （一）, 1.) after a sentence end start a segment when their number continues the numbering
      of their type or begins it, so a text that lost its line breaks still has headings; in such a flattened
      paragraph (``FLATTENED_PARAGRAPH`` characters or more) an item run may also begin after any sentence end.

    ``after_lead`` receives the starts of runs found behind a lead sentence (the second case).
    """
    cuts_by_paragraph: list[list[int]] = [[start] for start, _ in paragraphs]
    last_heading: dict[str, int] = {}
    for index, (start, end) in enumerate(paragraphs):
        cuts = cuts_by_paragraph[index]
        opening = _marker_at(folded, start, end, _CUT_HEADINGS + _RUN_TYPES)
        leading = opening if opening is not None and opening[0] in _RUN_TYPES else None
        if leading is not None and leading[1] >= 2:
            _cut_back(folded, paragraphs, cuts_by_paragraph, index, leading, after_lead)
        # A body that is one paragraph, or one this long, lost its line breaks.
        flattened = end - start >= FLATTENED_PARAGRAPH or len(paragraphs) == 1
        # The number each item family has reached in this paragraph (a run may hold another: 三要… 第一,… 四要).
        runs: dict[str, int] = {} if leading is None else {_family(leading[0]): leading[1]}
        if opening is not None and leading is None:
            last_heading[opening[0]] = opening[1]
        if flattened and opening is not None and leading is None:
            first = _first_item_after_heading(folded, start, end, cuts)
            if first is not None:
                runs[_family(first[0])] = first[1]
        for pos in _sentence_starts(folded, start, end, _CLAUSE_START if flattened else _SENTENCE_START):
            if flattened and folded[pos - 1] in ":;" and _marker_at(folded, pos, end, _CUT_HEADINGS) is None:
                continue
            found = _marker_at(folded, pos, end, _CUT_HEADINGS)
            if found is not None and found[1] in (1, last_heading.get(found[0], 0) + 1):
                cuts.append(pos)
                last_heading[found[0]] = found[1]
                runs = {}
                first = _first_item_after_heading(folded, pos, end, cuts) if flattened else None
                if first is not None:
                    runs[_family(first[0])] = first[1]
                continue
            found = _marker_at(folded, pos, end, _RUN_TYPES)
            if found is None:
                continue
            continues = found[1] == runs.get(_family(found[0]), -1) + 1
            if continues or (flattened and found[1] == 1):
                cuts.append(pos)
                runs[_family(found[0])] = found[1]
    segments = []
    for (start, end), cuts in zip(paragraphs, cuts_by_paragraph, strict=True):
        if len(cuts) == 1:
            segments.append((start, end))
            continue
        cuts = sorted(set(cuts))
        segments.extend(zip(cuts, [*cuts[1:], end], strict=True))
    return segments


# The first item of a run, as it opens a line (一是, 一要, 第一, 首先).
_FIRST_ITEM = re.compile(r"一是|一要|第一[,、:]|首先[,、:]?")
# A heading's title is no longer than this: in a flattened text its first item follows within this reach.
_HEADING_REACH = 40


def _first_item_after_heading(folded: str, pos: int, end: int, cuts: list[int]) -> tuple[str, int] | None:
    """In a flattened text a heading runs straight into its first item (一、党委办公厅(室)要发挥四个职能一是当好
    参谋。): the first item marker within a heading's reach, before any sentence end, starts a segment."""
    stop = min(end, pos + _HEADING_REACH)
    sentence_end = SENTENCE_END.search(folded, pos, stop)
    match = _FIRST_ITEM.search(folded, pos + 2, sentence_end.start() if sentence_end else stop)
    if match is None:
        return None
    found = _marker_at(folded, match.start(), end, _RUN_TYPES)
    if found is None:
        return None
    cuts.append(match.start())
    return found


def _cut_back(folded: str, paragraphs: list[tuple[int, int]], cuts_by_paragraph: list[list[int]], index: int,
              leading: tuple[str, int], after_lead: set[int] | None) -> None:
    """A paragraph opens with the second (third…) marker of a run: find the run's first marker at a sentence
    start in the paragraphs just before, back to the last paragraph that opens with a marker."""
    family = _family(leading[0])
    for back in range(index - 1, -1, -1):
        start, end = paragraphs[back]
        if _marker_at(folded, start, end, _RUN_TYPES + _CUT_HEADINGS) is not None:
            return
        starts = _sentence_starts(folded, start, end)
        for at in range(len(starts) - 1, -1, -1):
            found = _marker_at(folded, starts[at], end, _RUN_TYPES)
            if found is not None and _family(found[0]) == family and found[1] == 1:
                cuts_by_paragraph[back].append(starts[at])
                if after_lead is not None:
                    after_lead.add(starts[at])
                for pos in starts[at + 1 :]:  # the run may go on inside that paragraph (一是…。二是…)
                    nxt = _marker_at(folded, pos, end, _RUN_TYPES)
                    if nxt is not None and _family(nxt[0]) == family and nxt[1] == found[1] + 1:
                        cuts_by_paragraph[back].append(pos)
                        found = nxt
                return


def parse_nodes(folded: str, paragraphs: list[tuple[int, int]]) -> list[Node]:
    """Build the heading/item tree. Depth follows the order marker types first appear under a parent."""
    nodes: list[Node] = []
    stack: list[Node] = []
    counters: Counter[str] = Counter()
    after_lead: set[int] = set()
    marked = []
    for start, end in split_run_on_items(folded, paragraphs, after_lead):
        line = folded[start:end]
        found = None if NOT_HEADING.search(line) else _match_marker(line, HEADING_MARKERS)
        if found is None:
            found = _match_marker(line, ITEM_MARKERS)
        if found is not None:
            marked.append((start, end, line, *found, _marker_number(found[0], found[1].group("num"))))
    # Where each (family, number) occurs, to see whether an open run goes on later.
    last_at: dict[tuple[str, int], int] = {}
    for index, (*_, marker_type, _match, number) in enumerate(marked):
        last_at[(FAMILY.get(marker_type, marker_type), number)] = index

    def goes_on(node: Node, index: int) -> bool:
        return last_at.get((_family(node.marker_type), node.number + 1), -1) > index

    families: list[str] = []  # the family of each node on the stack (kept beside it: looked up per node it was slow)
    for index, (start, end, line, marker_type, match, number) in enumerate(marked):
        family = FAMILY.get(marker_type, marker_type)
        # Pop to the sibling of the same marker type (or family), if it is open; otherwise nest under the current
        # node. A run that starts again at one under a deeper node of another type whose own run goes on after it
        # is a new level there (一、…四、 inside 第一，, before 第二，), not a sibling of the open one; a text that
        # simply starts over (a second document after the first) does not nest.
        if start in after_lead and number == 1 and marker_type in ITEM_MARKERS:
            # A run that begins after a paragraph's lead sentence (打好节能减排攻坚战。一要……) opens a new block:
            # the item runs still open before it are closed, so it stands beside them, not under them.
            while stack and stack[-1].marker_type in ITEM_MARKERS and families[-1] != family:
                stack.pop()
                families.pop()
        same = next((i for i in range(len(families) - 1, -1, -1) if families[i] == family), None)
        restarts_deeper = number == 1 and same is not None and (
            (families[-1] != family and goes_on(stack[-1], index)) or stack[same].marker_type != marker_type
        )
        if same is not None and not restarts_deeper:
            del stack[same:]
            del families[same:]
        elif number != 1 and stack and marker_type in ITEM_MARKERS:
            # An item that does not start at one is prose ("二是…" quoted mid-text), not an outline node.
            continue
        parent = stack[-1] if stack else None
        counters[marker_type] += 1
        gap = _leading_space(line, match.end()) if line[match.end() : match.end() + 1].isspace() else ""
        node = Node(
            node_id=f"n{len(nodes) + 1}",
            marker_type=marker_type,
            # A marker alone on its line takes the line break and indent after it, so its title starts at the text.
            marker=line[: match.end()] + (gap if "\n" in gap else ""),
            number=number,
            start=start,
            head_end=_headline_end(folded, start + match.end() + len(gap), end),
            depth=len(stack) + 1,
            parent=parent,
        )
        if parent is not None:
            parent.children.append(node)
        nodes.append(node)
        stack.append(node)
        families.append(family)
    return nodes


def _leading_space(line: str, at: int) -> str:
    return line[at : len(line) - len(line[at:].lstrip())]


def close_spans(nodes: list[Node], text: str, body_end: int) -> None:
    """A node ends where the next node at the same or a shallower depth begins (trailing space trimmed)."""
    # One pass with a stack of open nodes (depths increase up the stack): a node closes the open nodes at its
    # depth or deeper. (Searching the rest of the list from every node took quadratic time on long texts.)
    open_nodes: list[Node] = []
    for node in nodes:
        while open_nodes and open_nodes[-1].depth >= node.depth:
            open_nodes.pop().end = node.start
        open_nodes.append(node)
    for node in open_nodes:
        node.end = body_end
    for node in nodes:
        node.end = node.start + len(text[node.start : node.end].rstrip())


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
    if max(len(t) for t in interior) - min(len(t) for t in interior) > 2 or size > 8:
        return None
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
    whole = shared_last in _NOUN_SUFFIXES and folded[e - 1] == shared_last and e - s <= size + 2 and (
        s == 0 or folded[s - 1] in _CLAUSE_MARKS
    )
    target = longest if varied else size
    if e - s > target:
        cut = folded.rfind(shared_first, s, e) if shared_first else -1
        if cut != -1 and e - cut >= size - 1:
            s = cut  # 对于|什么是大事、什么是要事: the shared opening shows where the member starts
        elif not whole:
            s = e - target
    first = (s, e)

    s, e = elements[-1]
    last: list[tuple[int, int]] = []
    if e - s > size and len(prefix) >= 2 and folded.startswith(prefix, s):
        # A shared lead-in (统一思想、统一认识、统一步调的过程) is cut only where that restores the shape;
        # otherwise the last element stays whole (什么是大事、什么是要事、什么是领导应当知道的事).
        cut = min((c for c in (folded.find(m, s + 1, e) for m in _TAIL_CUTS) if c != -1), default=-1)
        if cut - s == size:
            e = cut
    elif e - s > size:
        for mark in _TAIL_CUTS:
            if mark == "的" and interior_has_de:
                continue
            cut = folded.find(mark, s + 1, e)
            if cut != -1:
                e = cut
        for joiner in _JOINERS:
            cut = folded.find(joiner, s + 1, e)
            if cut == -1 or not (abs(cut - s - size) <= 1 or size < cut - s <= longest + 2):
                continue
            tail = e - cut - 1
            if abs(tail - size) <= 1 or (varied and tail <= longest):
                last = [(s, cut), (cut + 1, e)]  # 实践经验和知识积累, 会议纪要和函
            elif tail > size + 1 and not varied:
                last = [(s, cut), (cut + 1, cut + 1 + size)]  # 人大办和政协办|为全市办公室系统
            if last:
                break
        if not last and e - s > size + 1:
            if shared_last is not None and folded[e - 1] == shared_last:
                pass  # …、组织建设、生态环境建设: it ends like the interior ones, so it is one of them, whole
            elif shared_first is not None and folded[s] == shared_first and size <= e - 2 - s <= size + 1:
                e -= 2  # 向群众、向实践、向书本、向周围人学习: what follows the last member is the verb (one word)
            elif not varied:
                e = s + size
    last = last or [(s, e)]
    result = [first, *elements[1:-1], *last]
    if any(e - s < 1 for s, e in result):
        return None
    return result


# A run of element characters and 、: found whole by one scan (no lookbehind tried at every character).
_RUN = re.compile(r"[^\s,;:。!?“”\"'‘’()《》\[\]]+")  # _ELEMENT or 、, as one character class


def _series_runs(folded: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """The spans of what ``_SERIES`` matches: three or more non-empty pieces joined by single 、."""
    out = []
    for match in _RUN.finditer(folded, start, end):
        if folded.count("、", match.start(), match.end()) < 2:
            continue
        group: list[tuple[int, int]] = []
        pos = match.start()
        for piece in [*match.group().split("、"), ""]:
            if piece:
                group.append((pos, pos + len(piece)))
            else:
                if len(group) >= 3:
                    out.append(group)
                group = []
            pos += len(piece) + 1
    return out


def find_series(folded: str, start: int, end: int) -> list[tuple[str, list[tuple[int, int]]]]:
    found = []
    if folded.count("、", start, end) < 2:  # a series has three elements at least
        return found
    for spans in _series_runs(folded, start, end):
        for run in _split_at_long(spans):
            trimmed = _trim_series(run, folded) if len(run) >= 3 else None
            if trimmed is not None and len(trimmed) >= 3:
                found.append(_classify(trimmed, folded))
    return [item for item in found if item is not None]


def _split_at_long(spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """An interior element far longer than the rest closes one series and opens the next
    ("经济、社会、文化等各个领域发生的新情况、新问题…" holds two series)."""
    lengths = sorted(e - s for s, e in spans[1:-1])
    typical = lengths[len(lengths) // 2] if lengths else 0
    runs, current = [], [spans[0]]
    for span in spans[1:-1]:
        current.append(span)
        if span[1] - span[0] > max(8, 2 * typical):
            runs.append(current)
            current = [span]
    current.append(spans[-1])
    runs.append(current)
    return runs


def _classify(trimmed: list[tuple[int, int]], folded: str) -> tuple[str, list[tuple[int, int]]] | None:
    texts = [folded[s:e] for s, e in trimmed]
    if not all(re.fullmatch(r"[\u4e00-\u9fff]+", t) for t in texts):
        return None
    if all(len(t) == 4 for t in texts):
        return "four_char", trimmed
    if all(t.endswith("关") for t in texts):
        return "checkpoints", trimmed
    return "series", trimmed


def _first_clause(folded: str, start: int, end: int) -> int:
    match = CLAUSE_END.search(folded, start, end)
    return match.start() if match else end


# Numeral characters before 是/要 (a scan by character class), then the numeral checked against CN_NUM.
_COUNTED_HINT = re.compile(r"(?P<num>[一二三四五六七八九十]{1,3})(?P<suffix>[是要])")
_CN_NUM_WHOLE = re.compile(CN_NUM)


def find_counted(folded: str, start: int, end: int, skip_leading: bool) -> list[tuple[str, list[tuple[int, int]]]]:
    """``一要…二要…三要`` or ``一是…二是`` inside a paragraph: a run numbered 1, 2, … of one suffix."""
    found = []
    matches = []
    for match in _COUNTED_HINT.finditer(folded, start, end):
        # The longest numeral that ends at the suffix (统一是 → 一, 十一是 → 十一), as CN_NUM would match it.
        num, at = match.group("num"), match.start()
        while num and not _CN_NUM_WHOLE.fullmatch(num):
            num, at = num[1:], at + 1
        if num:
            matches.append((num, match.group("suffix"), at, match.end()))
    for suffix in ("是", "要"):
        hits = []
        for num, found_suffix, pos, after in matches:
            if found_suffix != suffix:
                continue
            if skip_leading and pos == start:
                continue
            prev = folded[pos - 1] if pos > start else ""
            if prev and prev not in ",;:。!?" and prev != "\n":
                continue
            stop = _first_clause(folded, after, end)
            if stop == after:  # nothing follows the marker ("一是," or the paragraph's end): no element
                continue
            hits.append((cn_to_int(num), after, stop))
        run: list[tuple[int, int, int]] = []
        for hit in hits:
            if hit[0] == len(run) + 1:
                run.append(hit)
            elif hit[0] == 1:
                run = [hit]
        if len(run) >= 2:
            found.append(("counted", [(b, e) for _, b, e in run]))
    return found


def find_ordinals(folded: str, start: int, end: int, skip_leading: bool) -> list[tuple[str, list[tuple[int, int]]]]:
    """``第一，…第二，…`` inside a paragraph; each element runs to the end of its sentence."""
    run = []
    for match in _ORDINAL.finditer(folded, start, end):
        if skip_leading and match.start() == start:
            continue
        if cn_to_int(match.group("num")) == len(run) + 1:
            stop = SENTENCE_END.search(folded, match.end(), end)
            element = (match.end(), stop.start() if stop else end)
            if element[1] > element[0]:  # "第五," at the end of a paragraph announces nothing
                run.append(element)
    return [("ordinal", run)] if len(run) >= 2 else []


def parse(text: str, body_span: tuple[int, int] | None = None) -> Outline:
    """Parse clean text; ``body_span`` excludes title, author line and note from the outline."""
    folded = fold_width(text)
    paragraphs = split_paragraphs(text)
    body_start, body_end = body_span or (0, len(text))
    body_paragraphs = [(s, e) for s, e in paragraphs if s >= body_start and e <= body_end]
    in_body = set(body_paragraphs)
    nodes = parse_nodes(folded, merge_marker_lines(folded, body_paragraphs))
    close_spans(nodes, text, body_end)
    lists: list[InlineList] = []
    heading_starts = {node.start for node in nodes}
    for index, (start, end) in enumerate(paragraphs):
        if (start, end) not in in_body:
            continue
        leading = start in heading_starts
        found = (
            find_ordinals(folded, start, end, leading)
            + find_counted(folded, start, end, leading)
            + find_series(folded, start, end)
        )
        for kind, spans in sorted(found, key=lambda f: f[1][0][0]):
            lists.append(InlineList(kind, index, spans))
    return Outline(
        paragraphs=paragraphs,
        sentences=split_sentences(folded, paragraphs),
        nodes=nodes,
        lists=lists,
        body_span=(body_start, body_end),
    )
