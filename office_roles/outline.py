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

from .counted_lists import find_counted, find_ordinals
from .inline_lists import SHORT_RUN, find_series
from .markers import (
    FAMILY,
    HEADING_MARKERS,
    HEADLINE_END,
    ITEM_MARKERS,
    NOT_HEADING,
    SENTENCE_END,
    SEQUENCE_WORDS,
)
from .short_series import trim_short
from .textnorm import cn_to_int, fold_width

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
    # The pieces around each single 、 (kind SHORT_RUN), apart from ``lists`` so the lists' numbering stays as it
    # was; ``short_series`` trims them into pairs and A、B和C series when they are asked for.
    short: list[InlineList] = field(default_factory=list)


def short_series(outline: Outline, text: str) -> list[InlineList]:
    """The series written with one 、 (SHORT_TYPES): pairs (组织协调、督促落实) and A、B和C (县、省和中央), in text
    order. Worked out on demand: choosing a pair's members reads words around every single 、 of the text, which
    costs more than the rest of the parse."""
    folded = fold_width(text)
    found = []
    for raw in outline.short:
        trimmed = trim_short(raw.elements, folded)
        if trimmed is not None:
            found.append(InlineList(trimmed[0], raw.paragraph, trimmed[1]))
    return found


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
# A run of spaces is tried from its first space only, and whole (possessive), so a long run costs one try: linear.
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


# The marker patterns without their ``^``, to match at an offset without slicing the text: no copy of a long
# flattened paragraph is made at each sentence start, which keeps the scan linear.
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
        # node. A run that starts again at one under deeper nodes of another type, one of whose runs goes on after
        # it, is a new level there (一、…四、 inside 第一，, before 第二，; or inside 第六，, the last of its run,
        # before （二）), not a sibling of the open one; a text that simply starts over (a second document after
        # the first) does not nest.
        if start in after_lead and number == 1 and marker_type in ITEM_MARKERS:
            # A run that begins after a paragraph's lead sentence (打好节能减排攻坚战。一要……) opens a new block:
            # the item runs still open before it are closed, so it stands beside them, not under them.
            while stack and stack[-1].marker_type in ITEM_MARKERS and families[-1] != family:
                stack.pop()
                families.pop()
        same = next((i for i in range(len(families) - 1, -1, -1) if families[i] == family), None)
        restarts_deeper = number == 1 and same is not None and (
            any(goes_on(stack[k], index) for k in range(same + 1, len(stack)) if families[k] != family)
            or stack[same].marker_type != marker_type
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
    # depth or deeper, so closing every node is linear in their number.
    open_nodes: list[Node] = []
    for node in nodes:
        while open_nodes and open_nodes[-1].depth >= node.depth:
            open_nodes.pop().end = node.start
        open_nodes.append(node)
    for node in open_nodes:
        node.end = body_end
    for node in nodes:
        node.end = node.start + len(text[node.start : node.end].rstrip())


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
    short: list[InlineList] = []
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
            (short if kind == SHORT_RUN else lists).append(InlineList(kind, index, spans))
    return Outline(
        paragraphs=paragraphs,
        sentences=split_sentences(folded, paragraphs),
        nodes=nodes,
        lists=lists,
        body_span=(body_start, body_end),
        short=short,
    )
