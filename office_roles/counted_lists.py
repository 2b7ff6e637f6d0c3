"""Counted and ordinal runs inside a paragraph: ``一是…二是…``, ``一要…二要…`` (counted) and ``第一,…第二,…``
(ordinal). A run whose markers open paragraphs is items of the outline (outline.py), not one of these lists."""

from __future__ import annotations

import re

from .markers import CLAUSE_END, CN_NUM, SENTENCE_END
from .textnorm import cn_to_int

_ORDINAL = re.compile(rf"第(?P<num>{CN_NUM})[,、:]")


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
