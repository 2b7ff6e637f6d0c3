"""Two-element 、-series (组织协调、督促落实): where each member begins and ends.

A pair has no interior element to give it a shape, so its edges come from the two pieces around the 、: the
first member is a run of whole words at the end of the first piece, the second a run of whole words at the
start of the second (jieba's words), chosen so the two are parallel: about as long, and opening and closing with
words of the same kind when either is a word that leads into or out of a phrase (a verb, a preposition, …).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .word_edges import WINDOW, leads, tag_class, words

# A member is at most this long: a pair of whole clauses (大力加强草原建设、积极改良畜种) still fits.
PAIR_MAX = 12
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ALL_HAN = re.compile(r"[\u4e00-\u9fff]+")
# Words that close an enumeration or make what precedes it an attribute: a second member stops before them
# unless the first member ends with the same word (巨大的、带有工业骨干性质的).
_CLOSERS = ("等", "的")
# A second member that runs to the end of its clause (a closing 的 aside) is favoured: nothing after it is cut off.
CLAUSE_END = 0.5


def _starts(piece: str) -> list[tuple[int, str | None, str | None, int, int]]:
    """(offset, first word's tag, last word's tag, number of words, first word's length) of every run of whole words that ends the
    piece.

    The piece is segmented a little beyond the longest member and the word at the window's far edge dropped: a
    window cut at exactly the member's length would split the word there (建|设幸福美好新甘肃, 企|稳向好)."""
    skip = max(0, len(piece) - PAIR_MAX - WINDOW)
    found = words(piece[skip:])[1 if skip else 0 :]
    last = found[-1][2] if found else None
    return [(skip + s, tag, last, len(found) - i, e - s) for i, (s, e, tag) in enumerate(found)
            if len(piece) - skip - s <= PAIR_MAX]


def _ends(piece: str, first_last: str) -> list[tuple[int, str | None, str | None, int]]:
    """(offset, first word's tag, last word's tag, number of words) of every run of whole words that opens the
    piece (segmented as in ``_starts``, from the 、 forward)."""
    found = words(piece[: PAIR_MAX + WINDOW])
    if len(piece) > PAIR_MAX + WINDOW:
        found = found[:-1]
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


# Function words (particles, conjunctions, prepositions, adverbs, numerals, pronouns: 着, 和, 对, 就, 各) never
# open the first member or close the second, unless the other member opens with the same character
# (向他人、向亲朋; 一个文件发错了、一个会议漏了人).
_FUNCTION = frozenset("ucpdmr")
_NUMERAL = re.compile(r"[一二三四五六七八九十百零〇]+")
# Auxiliaries, the copula, prepositions and verbs that take a whole verb phrase as object: in front of a 、-pair
# they govern both members (要[当高参、设大谋], 是[真正的、健康的], 确保[同向发力、形成合力]), so the first
# member never opens with one unless the second opens with the same word or another of them.
GOVERNING = frozenset({
    "是", "要", "能", "会", "可", "可以", "能够", "应", "应当", "应该", "必须", "需要", "就", "才", "都", "也", "还",
    "到", "在", "把", "将", "对", "从", "让", "使", "确保", "作为", "成为",
})


@lru_cache(maxsize=256)
def _edge(tag: str | None) -> tuple[str, bool]:
    """A word's kind at a member's edge: its coarse class and whether it leads (a verb, a preposition, …)."""
    return tag_class(tag), leads(tag)


def trim_pair(first: tuple[int, int], second: tuple[int, int], folded: str) -> list[tuple[int, int]] | None:
    """The two members of the pair whose pieces are ``first`` 、 ``second``, or None when none is parallel.

    Each candidate reading is scored: members of unlike length (relative to the longer), members that share
    neither their first nor their last character, members of unlike numbers of words, and edges whose words are
    of unlike kinds all cost; on a tie the longer reading wins. The weights were chosen among a few round values
    on the development corpus (tests/corpus/), not per text."""
    p0, p1 = folded[first[0] : first[1]], folded[second[0] : second[1]]
    if not p0 or not p1 or _NUMERAL.fullmatch(p0):
        return None  # 一、深刻领会: a numbered heading, not a pair
    found = _starts(p0)
    if not found:
        return None
    last0 = _edge(found[0][2])  # the piece's last word: the first member's last word, whatever its start
    firsts = []
    han0, han1 = _ALL_HAN.fullmatch(p0) is not None, _ALL_HAN.fullmatch(p1) is not None  # skip the per-member check
    opens1 = words(p1[: PAIR_MAX + WINDOW])[0]
    governs = -1  # the last governing word in front of the 、: no member starts at or before it
    if p1[: opens1[1]] not in GOVERNING:
        governs = max((start for start, *_, size in found
                       if p0[start : start + size] in GOVERNING and not p1.startswith(p0[start : start + size])),
                      default=-1)
    if "了" not in p1[:PAIR_MAX]:  # 迈出了[建设…、开创…]: a verb marked done governs the pair, unless both are marked
        governs = max([governs] + [start for start, *_, size in found if p0[start : start + size] == "了"])
    for start, head0, _, count0, size0 in found:
        member0 = p0[start:]
        head = _edge(head0)
        if (head[0] in _FUNCTION and p1[0] != member0[0]) or not (han0 or _HAN.search(member0)):
            continue
        if start <= governs:
            continue
        closer = next((c for c in _CLOSERS if member0.endswith(c)), "")
        firsts.append((start, member0, len(member0), head, count0, closer, "的" in member0))
    seconds: dict[str, list[tuple]] = {}
    best: tuple[float, int, int] | None = None
    for start, member0, len0, head0, count0, closer, de0 in firsts:
        if closer not in seconds:  # the second member's readings, worked out once per closing word
            seconds[closer] = [
                (end, p1[:end], _edge(head1), _edge(tail1), count1, "的" in p1[:end], end < len(p1))
                for end, head1, tail1, count1 in _ends(p1, closer) if han1 or _HAN.search(p1[:end])
            ]
        for end, member1, head1, tail1, count1, de1, inside in seconds[closer]:
            if de0 != de1:
                continue  # one member an attribute phrase (决策的参谋), the other not: not parallel
            cost = 2 * abs(len0 - end) / (len0 if len0 > end else end) - 0.01 * (len0 + end)
            if not inside or p1[end:] in _CLOSERS:
                cost -= CLAUSE_END  # the second member runs to the end of its clause (but for a closing 的)
            if best is not None and cost >= best[0]:
                continue  # the rest of the score only adds: this reading cannot win
            if (tail1[0] in _FUNCTION and not member1.endswith(_CLOSERS) and member0[0] != member1[0]
                    and last0[0] != tail1[0]):
                continue
            if member0[0] != member1[0] and member0[-1] != member1[-1]:
                cost += 1  # parallel members often share an opening (有市场、有效益) or an ending (农产品、工业品)
            if (head0[1] or head1[1]) and head0[0] != head1[0]:
                cost += 0.5  # unlike words open the two members
            if inside and (last0[1] or tail1[1]) and last0[0] != tail1[0]:
                cost += 0.5  # unlike words close them (unless the second runs to the end of its clause)
            cost += 0.25 * abs(count0 - count1)  # as many words each; -0.01 a character: on a tie, the longer
            if best is None or cost < best[0]:
                best = (cost, start, end)
    if best is None:
        return None
    _, start, end = best
    return [(first[0] + start, first[1]), (second[0], second[0] + end)]
