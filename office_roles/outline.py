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
}
SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}
# The kinds of inline list the parser reports, in the order tables and figures show them.
LIST_TYPES = ("series", "four_char", "checkpoints", "counted", "ordinal")
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
_JOINERS = ("和", "与", "及")

ITEM_KIND_BY_MARKER = {"yao": "requirement"}
FUNCTION_HEADING = re.compile(r"职能|职责|作用|角色|定位")


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


def split_run_on_items(folded: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Items run together in one paragraph ("一是…。二是…。", common in copies that lost their line breaks)
    become separate segments when a later marker continues the numbering right after a sentence end."""
    segments = []
    for start, end in paragraphs:
        found = _match_marker(folded[start:end], ITEM_MARKERS)
        cuts = [start]
        if found is not None and found[0] in {"shi", "yao", "di"}:
            marker_type, match = found
            expected = _marker_number(marker_type, match.group("num")) + 1
            pattern = re.compile(ITEM_MARKERS[marker_type].pattern.removeprefix("^"))
            for boundary in SENTENCE_END.finditer(folded, start, end):
                nxt = pattern.match(folded, boundary.end(), end)
                if nxt and _marker_number(marker_type, nxt.group("num")) == expected:
                    cuts.append(boundary.end())
                    expected += 1
        segments.extend(zip(cuts, [*cuts[1:], end], strict=True))
    return segments


def parse_nodes(folded: str, paragraphs: list[tuple[int, int]]) -> list[Node]:
    """Build the heading/item tree. Depth follows the order marker types first appear under a parent."""
    nodes: list[Node] = []
    stack: list[Node] = []
    counters: Counter[str] = Counter()
    for start, end in split_run_on_items(folded, paragraphs):
        line = folded[start:end]
        found = None if NOT_HEADING.search(line) else _match_marker(line, HEADING_MARKERS)
        if found is None:
            found = _match_marker(line, ITEM_MARKERS)
        if found is None:
            continue
        marker_type, match = found
        number = _marker_number(marker_type, match.group("num"))
        # Pop to the sibling of the same marker type, if it is open; otherwise nest under the current node.
        same = [i for i, node in enumerate(stack) if node.marker_type == marker_type]
        if same:
            del stack[same[-1] :]
        elif number != 1 and stack and marker_type in ITEM_MARKERS:
            # An item that does not start at one is prose ("二是…" quoted mid-text), not an outline node.
            continue
        parent = stack[-1] if stack else None
        counters[marker_type] += 1
        node = Node(
            node_id=f"n{len(nodes) + 1}",
            marker_type=marker_type,
            marker=line[: match.end()],
            number=number,
            start=start,
            head_end=_headline_end(folded, start + match.end(), end),
            depth=len(stack) + 1,
            parent=parent,
        )
        if parent is not None:
            parent.children.append(node)
        nodes.append(node)
        stack.append(node)
    return nodes


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
    interior_has_de = any("的" in t for t in interior)

    s, e = elements[0]
    if e - s > size:
        cut = folded.rfind(shared_first, s, e) if shared_first else -1
        s = cut if cut != -1 and e - cut >= size - 1 else e - size
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
            if cut != -1 and abs(cut - s - size) <= 1 and abs(e - cut - 1 - size) <= 1:
                last = [(s, cut), (cut + 1, e)]
                break
        if not last and e - s > size + 1:
            e = s + size
    last = last or [(s, e)]
    result = [first, *elements[1:-1], *last]
    if any(e - s < 1 for s, e in result):
        return None
    return result


def find_series(folded: str, start: int, end: int) -> list[tuple[str, list[tuple[int, int]]]]:
    found = []
    for match in _SERIES.finditer(folded, start, end):
        spans, pos = [], match.start()
        for piece in match.group().split("、"):
            spans.append((pos, pos + len(piece)))
            pos += len(piece) + 1
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


def find_counted(folded: str, start: int, end: int, skip_leading: bool) -> list[tuple[str, list[tuple[int, int]]]]:
    """``一要…二要…三要`` or ``一是…二是`` inside a paragraph: a run numbered 1, 2, … of one suffix."""
    found = []
    for suffix in ("是", "要"):
        hits = []
        for match in re.finditer(rf"(?P<num>{CN_NUM}){suffix}", folded[start:end]):
            pos = start + match.start()
            if skip_leading and pos == start:
                continue
            prev = folded[pos - 1] if pos > start else ""
            if prev and prev not in ",;:。!?" and prev != "\n":
                continue
            after = start + match.end()
            stop = _first_clause(folded, after, end)
            if stop == after:  # nothing follows the marker ("一是," or the paragraph's end): no element
                continue
            hits.append((cn_to_int(match.group("num")), after, stop))
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
    nodes = parse_nodes(folded, body_paragraphs)
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
