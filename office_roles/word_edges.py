"""Word edges for trimming inline lists: where jieba lets an element begin or end, and the words that govern a
series rather than belong to it, so a trimmed element never starts or ends inside a word (办|公室主任,
处理事|儿) and never takes in the verb in front of it (支持|奥瑞金)."""

from __future__ import annotations

from functools import lru_cache

from .segment import cut, longest_words, word_tags

# Parts of speech (jieba's tags) of words that lead into a series or follow it: verbs, prepositions, adverbs,
# conjunctions, particles, numerals and pronouns. A boundary element starts after such a word unless the
# interior elements start with one of the same kind (一个单位、一个系统; 提建议、出主意).
LEAD_TAGS = frozenset({"v", "p", "d", "ad", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "m", "r", "q", "y"})


@lru_cache(maxsize=8192)
def words(text: str, guess: bool = False) -> tuple[tuple[int, int, str | None], ...]:
    """(start, end, tag) of each jieba word of ``text``; offsets into ``text``. ``guess``: see ``segment.cut`` (a
    guessed word has no tag)."""
    return _tagged(cut(text, guess))


def edge_words(text: str, backward: bool) -> tuple[tuple[int, int, str | None], ...]:
    """(start, end, tag) of the longest dictionary words of ``text``, cut from its end (``backward``) or its start:
    the words at a series element's edge, as ``snap_end`` and ``stands_alone`` read them (faster than ``words``;
    seldom read twice, so not cached). Pairs read ``words`` instead: they choose among many member edges, where a
    greedy cut from the window's edge would split the word there (三级干|部会)."""
    return _tagged(longest_words(text, backward))


def _tagged(found: list[str]) -> tuple[tuple[int, int, str | None], ...]:
    out, pos, tags = [], 0, word_tags()
    for word in found:
        out.append((pos, pos + len(word), tags.get(word)))
        pos += len(word)
    return tuple(out)


def tag_class(tag: str | None) -> str:
    """The coarse class of a tag: its first letter, or '' for a word the dictionary has no tag for."""
    return tag[0] if tag else ""


def leads(tag: str | None) -> bool:
    return tag in LEAD_TAGS


def first_tag(text: str) -> str | None:
    found = edge_words(text, backward=False)
    return found[0][2] if found else None


# Word edges are read in a window this many characters around a cut: jieba's words there do not depend on text
# further away (the longest dictionary words are shorter), and segmenting a whole clause per series is slow.
WINDOW = 4


def snap_start(text: str, at: int, interior: str) -> int:
    """``_snap_start`` on the end of ``text`` from a little before ``at``; ``interior`` is an interior element."""
    skip = max(0, at - WINDOW)
    return skip + _snap_start(text[skip:], at - skip, interior)


def snap_end(text: str, at: int) -> int:
    """``_snap_end`` on the start of ``text`` up to a little after ``at``."""
    return _snap_end(text[: at + WINDOW], at)


def _snap_start(text: str, at: int, interior: str) -> int:
    """The word start in ``text`` nearest to ``at`` (an element then runs from it to the end of ``text``).

    On a tie the longer element wins, unless the word it would add leads into the series (a verb, a
    preposition, …) while the interior elements do not start with a word of that kind."""
    found = words(text)
    starts = [s for s, _, _ in found]
    if at in starts:
        _, end, tag = found[starts.index(at)]
        # a particle opens no member (满意的|法治政府)
        return end if tag_class(tag) == "u" and at + 1 < len(text) else at
    if _guessed(found, at):
        return at
    lower = max((s for s in starts if s <= at), default=0)
    upper = min((s for s in starts if s > at), default=len(text))
    lead = found[starts.index(lower)][2] if lower in starts else None
    if upper >= len(text):
        return lower
    if _foreign_lead(lead, first_tag(interior)):
        return upper
    return lower if at - lower <= upper - at else upper


def _snap_end(text: str, at: int) -> int:
    """The word end in ``text`` nearest to ``at`` (an element then runs from the start of ``text`` to it).

    On a tie the longer element wins unless the word it would add leads on (a verb, an adverb, …)."""
    found = edge_words(text, backward=False)
    ends = [e for _, e, _ in found]
    if at in ends or _guessed(found, at):
        return at
    lower = max((e for e in ends if e < at), default=0)
    upper = min((e for e in ends if e > at), default=len(text))
    if lower == 0:
        return upper
    added = next(tag for s, e, tag in found if e == upper)
    if at - lower < upper - at or (at - lower == upper - at and leads(added)):
        return lower
    return upper


def _foreign_lead(tag: str | None, interior_tag: str | None) -> bool:
    return leads(tag) and tag_class(tag) != tag_class(interior_tag)


def stands_alone(text: str, at: int) -> bool:
    """Whether the character at ``at`` is a word by itself in ``text`` (和 in 会议纪要和函, not 及 in 及时)."""
    # A greedy cut from the member's start (cheap) is trusted when it finds the character alone; when it does not,
    # jieba's most probable path decides: 廉洁政府|和|服务型政府, where the greedy cut takes 和服. The path is read in
    # a window around the character (the words there do not depend on text further away).
    greedy = edge_words(text[: at + WINDOW], backward=False)
    if any(s == at and e == at + 1 for s, e, _ in greedy):
        return True
    skip = max(0, at - WINDOW)
    found = words(text[skip : at + WINDOW])
    return any(s == at - skip and e == at - skip + 1 for s, e, _ in found)


def _guessed(found: tuple[tuple[int, int, str | None], ...], at: int) -> bool:
    """Whether the word ``at`` falls inside is one jieba guessed (not in its dictionary: no tag, 要选|好人): its
    edges are no better evidence than the series' own shape."""
    return any(s < at < e and tag is None for s, e, tag in found)


def inside_word(text: str, at: int) -> tuple[int, int] | None:
    """The dictionary word of ``text`` that ``at`` falls strictly inside (办|公室 → 办公室), or None."""
    skip = max(0, at - WINDOW)
    for s, e, tag in words(text[skip : at + WINDOW]):
        if s < at - skip < e and tag is not None:
            return skip + s, skip + e
    return None


def forget() -> None:
    """Empty the cache of segmented text, so a timing run segments afresh (benchmarks, tools/evaluate_parser)."""
    words.cache_clear()
