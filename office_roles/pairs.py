"""Two-element 、-series (组织协调、督促落实): where each member begins and ends.

A pair has no interior element to give it a shape, so its edges come from the two pieces around the 、: the
first member is a run of whole words at the end of the first piece, the second a run of whole words at the
start of the second (jieba's words), chosen so the two are parallel: about as long, and opening and closing with
words of the same kind when either is a word that leads into or out of a phrase (a verb, a preposition, …).
"""

from __future__ import annotations

import re

from .word_edges import WINDOW, edge_words, leads, tag_class

# A member is at most this long: a pair of whole clauses (大力加强草原建设、积极改良畜种) still fits.
PAIR_MAX = 10
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Words that close an enumeration or make what precedes it an attribute: a second member stops before them
# unless the first member ends with the same word (巨大的、带有工业骨干性质的).
_CLOSERS = ("等", "的")


def _starts(piece: str) -> list[tuple[int, str | None, str | None, int]]:
    """(offset, first word's tag, last word's tag, number of words) of every run of whole words that ends the
    piece."""
    skip = max(0, len(piece) - PAIR_MAX - WINDOW)  # jieba reads only the end that can hold a member
    found = edge_words(piece[skip:], backward=True)
    return [(skip + s, tag, found[-1][2], len(found) - i) for i, (s, _, tag) in enumerate(found)
            if len(piece) - skip - s <= PAIR_MAX]


def _ends(piece: str, first_last: str) -> list[tuple[int, str | None, str | None, int]]:
    """(offset, first word's tag, last word's tag, number of words) of every run of whole words that opens the
    piece."""
    found = edge_words(piece[: PAIR_MAX + WINDOW], backward=False)
    out = []
    for i, (s, e, tag) in enumerate(found):
        if e > PAIR_MAX:
            break
        word = piece[s:e]
        if word in _CLOSERS and word != first_last:
            break
        out.append((e, found[0][2], tag, i + 1))
        if word in _CLOSERS:
            break
    return out


def _clash(a: str | None, b: str | None) -> bool:
    """Two words at the same edge of the members do not match: one leads (a verb, …), the other is not alike."""
    return (leads(a) or leads(b)) and tag_class(a) != tag_class(b)


# Function words (particles, conjunctions, prepositions, adverbs, numerals, pronouns: 着, 和, 对, 就, 各) never
# open the first member or close the second, unless the other member opens with the same character
# (向他人、向亲朋; 一个文件发错了、一个会议漏了人).
_FUNCTION = frozenset("ucpdmr")
_NUMERAL = re.compile(r"[一二三四五六七八九十百零〇]+")


def trim_pair(first: tuple[int, int], second: tuple[int, int], folded: str) -> list[tuple[int, int]] | None:
    """The two members of the pair whose pieces are ``first`` 、 ``second``, or None when none is parallel.

    Each candidate reading is scored: members of unlike length (relative to the longer), members that share
    neither their first nor their last character, members of unlike numbers of words, and edges whose words are
    of unlike kinds all cost; on a tie the longer reading wins."""
    p0, p1 = folded[first[0] : first[1]], folded[second[0] : second[1]]
    if not p0 or not p1 or _NUMERAL.fullmatch(p0):
        return None  # 一、深刻领会: a numbered heading, not a pair
    best: tuple[float, int, int] | None = None
    ends: dict[str, list[tuple[int, str | None, str | None, int, str, bool, bool]]] = {}
    for start, head0, tail0, count0 in _starts(p0):
        member0 = p0[start:]
        if tag_class(head0) in _FUNCTION and p1[0] != member0[0]:
            continue
        if not _HAN.search(member0):
            continue
        closer = next((c for c in _CLOSERS if member0.endswith(c)), "")
        if closer not in ends:  # the second member's readings, worked out once per closing word
            ends[closer] = [(end, head1, tail1, count1, p1[:end], bool(_HAN.search(p1[:end])), "的" in p1[:end])
                            for end, head1, tail1, count1 in _ends(p1, closer)]
        de0, len0 = "的" in member0, len(member0)
        for end, head1, tail1, count1, member1, han1, de1 in ends[closer]:
            # one member an attribute phrase (决策的参谋), the other not: not parallel
            if not han1 or de0 != de1:
                continue
            if (tag_class(tail1) in _FUNCTION and not member1.endswith(_CLOSERS) and member0[0] != member1[0]
                    and tag_class(tail0) != tag_class(tail1)):
                continue
            cost = 2 * abs(len0 - end) / (len0 if len0 > end else end)
            if member0[0] != member1[0] and member0[-1] != member1[-1]:
                cost += 1  # parallel members often share an opening (有市场、有效益) or an ending (农产品、工业品)
            cost += _clash(head0, head1) + (end < len(p1) and _clash(tail0, tail1))
            cost += 0.5 * abs(count0 - count1)  # as many words each
            cost -= 0.01 * (len0 + end)  # on a tie, the longer reading
            if best is None or cost < best[0]:
                best = (cost, start, end)
    if best is None:
        return None
    _, start, end = best
    return [(first[0] + start, first[1]), (second[0], second[0] + end)]
