"""Series written with one 、 (``Article.short_series``): the two pieces around it make an ``A、B和C`` series of
three, a pair whose members ``pairs.trim_pair`` chooses, or a pair of two whole clauses with figures. The series
trimming itself is inline_lists' (``_trim_series``), shared with the longer series."""

from __future__ import annotations

import re

from .inline_lists import (
    _CLAUSE_MARKS,
    _HAN_ONLY,
    _JOINERS,
    _classify,
    _opens_with_determiner,
    _trim_series,
)
from .pairs import trim_pair
from .segment import NOUN_SUFFIXES
from .word_edges import edge_words, first_tag, stands_alone

# ``A、B和C``: B at most this long (a longer B, 调整结构、提高经济增长质量和效益, is one member holding a 和).
_JOINED_MAX = 5
_JOINED_ALIKE_MAX = 8


def trim_short(pieces: list[tuple[int, int]], folded: str) -> tuple[str, list[tuple[int, int]]] | None:
    """The series two pieces joined by one 、 make: ``A、B和C`` (``short_series``), a ``pair``, or None."""
    if _counted_clauses(pieces, folded):
        return "pair", [(_counted_start(pieces, folded), pieces[0][1]), pieces[1]]
    joined = _split_joined(pieces, folded)
    if len(joined) == 3:
        return _classify(joined, folded, short=True)
    pair = trim_pair(pieces[0], pieces[1], folded)
    return _classify(pair, folded, short=True) if pair else None


# Two whole clauses that both count (用14天初步遏制了…、51天将…清零): each is a member however long, up to this.
_COUNTED_CLAUSE_MAX = 20
_DIGIT = re.compile(r"[0-9]")
_FIGURE_END = re.compile(r"[0-9][^0-9]{0,4}$")


def _counted_clauses(pieces: list[tuple[int, int]], folded: str) -> bool:
    """Whether the two pieces are whole clauses (punctuation before the first and after the second) that both hold
    Arabic numerals and Chinese words, at the same place: figures side by side (投资10亿元以上项目10个、
    亿元以上项目100个;), a pair whose members no word edge needs to cut."""
    (s0, e0), (s1, e1) = pieces
    if (s0 > 0 and folded[s0 - 1] not in _CLAUSE_MARKS) or (e1 < len(folded) and folded[e1] not in _CLAUSE_MARKS):
        return False
    texts = (folded[s0:e0], folded[s1:e1])
    if not all(len(t) <= _COUNTED_CLAUSE_MAX and _DIGIT.search(t) and _HAN_ONLY.search(t) for t in texts):
        return False
    # the figures stand alike: the second opens with one (…、51天将…), or each closes with a figure and its unit
    # (…10个、…100个); a figure followed by more words (世界500强、中国500强|企业投资项目) may qualify a shared noun
    return _DIGIT.match(texts[1]) is not None or all(_FIGURE_END.search(t) for t in texts)


def _counted_start(pieces: list[tuple[int, int]], folded: str) -> int:
    """Where the first of two counted clauses starts as a member. At its first numeral when the second opens with
    one (国家准备重点扶持|500个…、150个…); after its first word when that is a verb and the second opens with
    neither a verb nor a preposition (推广|节能空调500多万台、高效照明灯具1.5亿只; but 拟安排…3.9万亿元、比上年增加…,
    where the second is a clause of its own); else at its start."""
    (s0, e0), (s1, e1) = pieces
    at0 = _DIGIT.search(folded, s0, e0).start()
    if _DIGIT.match(folded, s1):
        return at0
    first0, first1 = edge_words(folded[s0:at0], False), edge_words(folded[s1:e1], False)
    if first0 and first0[0][2] == "v" and first0[0][1] < at0 - s0 and first1 and first1[0][2] not in ("v", "p"):
        return s0 + first0[0][1]
    return s0


def _split_joined(pair: list[tuple[int, int]], folded: str) -> list[tuple[int, int]]:
    """``县、省和中央``: a short piece before 和/与/及/以及 in the second piece makes a series of three."""
    (s0, e0), (s1, e1) = pair
    cuts = [c for c in (folded.find(j, s1 + 1, e1 - 1) for j in _JOINERS) if c != -1]
    if not cuts:
        return pair
    cut = min(cuts)
    # 以及 is a joiner of two characters (农用薄膜、农药以及优质农机具)
    after = cut + 2 if folded.startswith("以及", cut) else cut + 1
    # a B longer than _JOINED_MAX still makes a series when it ends with the same word or suffix as A (基本养老保险、
    # 基本医疗保险和失业保险), or when B and C both open with a verb (优化选题、调整图书结构和提高图书质量)
    alike = cut - s1 <= _JOINED_ALIKE_MAX and (
        folded[e0 - 2 : e0] == folded[cut - 2 : cut] or _opens_with_verb(folded, s1, cut, after, e1)
        or (folded[e0 - 1] == folded[cut - 1] and folded[cut - 1] in NOUN_SUFFIXES))
    if (cut - s1 > _JOINED_MAX and not alike) or not _HAN_ONLY.fullmatch(folded[s1:cut]):
        return pair
    if after == cut + 1 and not stands_alone(folded[s1:e1], cut - s1):
        return pair
    trimmed = _trim_series([(s0, e0), (s1, cut), (after, e1)], folded)
    # The three must be alike in length (县、省和中央; 指导思想、工作重点和努力方向); otherwise the 和 joins
    # inside the second member of a pair (重大情况及时报告、重要决策和事项及时督办).
    if trimmed is None or len(trimmed) != 3 or abs(trimmed[0][1] - trimmed[0][0] - (cut - s1)) > 2:
        return pair
    # …and so must the last, unless 等 closes it or it opens with a determiner (工业、农业和其他经济部门)
    closed = folded.startswith("等", trimmed[2][1]) or _opens_with_determiner(folded[trimmed[2][0] : trimmed[2][1]])
    if not closed and abs(trimmed[2][1] - trimmed[2][0] - (cut - s1)) > 2:
        return pair
    return trimmed


def _opens_with_verb(folded: str, *spans: int) -> bool:
    """Whether every span (start, end pairs, flattened) opens with a word jieba tags as a verb (v)."""
    pairs = zip(spans[::2], spans[1::2], strict=True)
    return all(first_tag(folded[s:e]) == "v" for s, e in pairs)
