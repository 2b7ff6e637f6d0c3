"""Two-element 、-series (组织协调、督促落实): where each member begins and ends.

A pair has no interior element to give it a shape, so its edges come from the two pieces around the 、: the
first member is a run of whole words at the end of the first piece, the second a run of whole words at the
start of the second (jieba's words), chosen so the two are parallel: about as long, and opening and closing with
words of the same kind when either is a word that leads into or out of a phrase (a verb, a preposition, …).
Words that govern the pair from outside (要, 到, a verb's 了, 着 or 好, 这样一批, 全省) never fall inside the first
member, and a 的 or the end of the clause is where the second naturally ends.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .segment import AUXILIARIES
from .word_edges import WINDOW, leads, tag_class, words

# A member is at most this long: a pair of whole clauses (调整结构、提高经济增长质量和效益) still fits.
PAIR_MAX = 12
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ALL_HAN = re.compile(r"[\u4e00-\u9fff]+")
# Words that close an enumeration or make what precedes it an attribute: a second member stops before them
# unless the first member ends with the same word (巨大的、带有工业骨干性质的).
_CLOSERS = ("等", "的")
# Demonstratives and counted measures (这样, 一批) open a noun phrase: the pair's members come after them.
_DEMONSTRATIVE = re.compile(r"[这那此该]")
_COUNTED = re.compile(r"[一二两三四五六七八九十百千万几数]")
# … and so do scope words (全省, 全市: 全省[党委秘书长、办公厅(室)主任]).
_SCOPE = re.compile(r"全[国省市县区州乡镇]")
# Complements that close a verb (协调好, 办完; 到 is governing anyway): the verb and its complement govern the pair.
_COMPLEMENTS = frozenset({"好", "完"})
# Aspect particles (了, 着, 过) close the verb before them: that verb governs the pair (影响着[党群、干群关系]).
_ASPECT = frozenset("了着过")
# jieba's tags of names of organisations and places (党中央, 国务院; 武汉, 随州).
_NAMES = frozenset({"nt", "ns"})
# A first member with a 的 inside (摸出的门道) lets the second run past its own 的 (摔过的跟头).
_THROUGH = "的…"
# A second member that runs to the end of its clause (a closing 的 aside) is favoured: nothing after it is cut off.
CLAUSE_END = 0.5
# The costs of unlike opening words, closing words, lengths (relative to the longer member) and word counts; chosen
# among a few round values on the development corpus (tests/corpus/), as ``trim_pair`` says.
UNLIKE_HEAD = 0.5
UNLIKE_TAIL = 0.5
UNLIKE_LENGTH = 2.0
UNLIKE_COUNT = 0.25


def _starts(piece: str) -> list[tuple[int, str | None, str | None, int, int]]:
    """(offset, first word's tag, last word's tag, number of words, first word's length) of every run of whole
    words that ends the piece.

    The piece is segmented a little beyond the longest member and the word at the window's far edge dropped: a
    window cut at exactly the member's length would split the word there (建|设幸福美好新甘肃, 三级干|部会)."""
    skip = max(0, len(piece) - PAIR_MAX - WINDOW)
    found = _bracketed(words(piece[skip:], True), piece[skip:])[1 if skip else 0 :]
    last = found[-1][2] if found else None
    weights = [_weight(e - s, tag) for s, e, tag in found]
    counts = [sum(weights[i:]) for i in range(len(found))]
    return [(skip + s, tag, last, counts[i], e - s) for i, (s, e, tag) in enumerate(found)
            if len(piece) - skip - s <= PAIR_MAX]


# jieba's tags of set phrases (因地制宜, 上传下达): four characters, two words' worth, one dictionary entry.
_IDIOMS = frozenset({"i", "l"})


def _weight(size: int, tag: str | None) -> int:
    """How many words a dictionary word counts as in a member: a four-character set phrase two, any other one."""
    return 2 if size == 4 and tag in _IDIOMS else 1


# A short bracketed aside (办公厅(室)) or a quoted name of up to four characters (人大政协“两会”): part of the word
# before it, inside a member (and inside the run of a series, inline_lists._RUN).
ASIDE = r"\([\u4e00-\u9fff]{1,3}\)|“[\u4e00-\u9fff]{1,4}”"
_BRACKET = re.compile(ASIDE)


def _bracketed(found: tuple[tuple[int, int, str | None], ...], text: str) -> tuple[tuple[int, int, str | None], ...]:
    """``found`` with a bracketed aside of one to three characters, or a quoted name of up to four, joined to the
    word before it: 办公厅(室) is one word, so a member may run through it (党委秘书长、办公厅(室)主任;
    人大政协“两会”)."""
    if "(" not in text and "“" not in text:
        return found
    out: list[tuple[int, int, str | None]] = []
    for s, e, tag in found:
        if out and out[-1][1] == s and text[s] in "(“" and (match := _BRACKET.match(text, s)):
            out[-1] = (out[-1][0], match.end(), out[-1][2])
        elif out and s < out[-1][1]:
            continue  # inside an aside already joined
        else:
            out.append((s, e, tag))
    return tuple(out)


def _size(member: str) -> int:
    """A member's length without its bracketed asides and quotation marks: 办公厅(室)主任 is as long as 党委秘书长."""
    if "(" not in member and "“" not in member:
        return len(member)
    return len(member) - sum(len(m) if m[0] == "(" else 2 for m in _BRACKET.findall(member))


def _ends(piece: str, first_last: str) -> list[tuple[int, str | None, str | None, int]]:
    """(offset, first word's tag, last word's tag, number of words) of every run of whole words that opens the
    piece (segmented as in ``_starts``, from the 、 forward)."""
    found = _bracketed(words(piece[: PAIR_MAX + WINDOW], True), piece[: PAIR_MAX + WINDOW])
    if len(piece) > PAIR_MAX + WINDOW:
        found = found[:-1]
    out = []
    count = 0
    for s, e, tag in found:
        if e > PAIR_MAX:
            break
        count += _weight(e - s, tag)
        word = piece[s:e]
        if word in _CLOSERS and word != first_last and not (word == "的" and first_last == _THROUGH):
            break
        out.append((e, found[0][2], tag, count))
        if word in _CLOSERS and first_last != _THROUGH:
            break
    return out


# Function words (particles, conjunctions, prepositions, adverbs, numerals, pronouns: 着, 和, 对, 就, 各) never
# open the first member or close the second, unless the other member opens with the same character
# (向他人、向亲朋; 一个文件发错了、一个会议漏了人).
_FUNCTION = frozenset("ucpdmr")
_NUMERAL = re.compile(r"[一二三四五六七八九十百零〇]+")
# Auxiliaries, the copula, prepositions and verbs that take a whole verb phrase as object: in front of a 、-pair
# they govern both members (要[当高参、设大谋], 引导到[调整结构、优化布局]上来), so the first member never
# starts at or before one unless the second has the same word near its start (参到点子上、谋到关键处).
GOVERNING = AUXILIARIES | frozenset({
    "可以", "能够", "应当", "应该", "必须", "需要",
    "到", "在", "把", "将", "对", "从", "让", "使", "确保", "作为", "成为", "处于", "属于",
})


# A preposition that opens a frame (在…中, 到…上来) and the words that close it: a pair inside the frame fills it.
_FRAME_OPENERS = ("在", "到")
_FRAME_CLOSERS = ("中", "上来", "之中", "当中")


def _nouns_before_de(piece: str) -> int:
    """The offset of the first 的 of ``piece`` when only nouns (tags n…) stand between the piece's first word and
    it, so the verb that opens the piece has them all for its object (维护|社会公平正义|的); else 0."""
    at = piece.find("的", 0, PAIR_MAX + 1)
    found = words(piece[:at], True) if at > 0 else ()
    if len(found) < 3 or any(tag_class(tag) != "n" for *_, tag in found[1:]):
        return 0
    return at


def _parallel_prefix(member0: str, p1: str, opening_end: int) -> list[tuple]:
    """A reading of the second member inside the word that opens ``p1`` (and ends at ``opening_end``), as long as
    ``member0`` and ending with the same character, when that word runs past it by one noun (二中、三中|全会:
    jieba's 三中全会 is one word; 全会 is the noun both qualify). Empty when there is none."""
    size = len(member0)
    if size < 2 or opening_end <= size or p1[size - 1] != member0[-1] or not _ALL_HAN.fullmatch(p1, 0, size):
        return []
    rest = words(p1[size:opening_end])
    if len(rest) != 1 or tag_class(rest[0][2]) != "n":
        return []  # 顽强|拼搏: a verb is the member's own
    return [(size, p1[:size], _edge(None), _edge(None), 1, False, True)]


def _quoted(p0: str, p1: str) -> tuple[int, int] | None:
    """(start in ``p0``, end in ``p1``) of two quoted members side by side (开展“扫黄”、“打非”斗争), or None."""
    if not (p0.endswith("”") and p1.startswith("“")):
        return None
    opening, closing = p0.rfind("“"), p1.find("”")
    if opening == -1 or closing == -1 or len(p0) - opening > PAIR_MAX or closing + 1 > PAIR_MAX:
        return None
    return opening, closing + 1


def _framed(p0: str, after: int, p1: str) -> int:
    """Where the second member ends when a frame holds the pair (0 if none): 在[推进…、实现加快崛起]中,
    引导到[调整结构、提高经济增长质量和效益]上来. The frame opens with the word before ``after`` in ``p0`` and closes
    with a word of its own in ``p1`` that no opener of its own and no 的 or 等 comes before."""
    if after < 1 or p0[after - 1] not in _FRAME_OPENERS or len(p0) - after > PAIR_MAX:
        return 0
    for s, e, _ in words(p1[: PAIR_MAX + WINDOW], True):
        if s > PAIR_MAX or p1[s:e] in _FRAME_OPENERS or p1[s:e] in _CLOSERS:
            return 0  # past a 的 the frame holds a noun the pair qualifies (在发展经济、建设国家的事业中)
        if p1[s:e] in _FRAME_CLOSERS:
            return s
    return 0


# Verbs of serving as (当秘书长): they govern a pair of nouns (当[秘书长、办公室主任]) but are a member's own verb
# when the second member opens with a verb too (当参谋、搞服务).
_SERVE_AS = frozenset({"当", "担任"})


def _governs(p0: str, found: list[tuple], p1: str, opens1: str) -> int:
    """The offset in ``p0`` of the last word that governs the pair rather than belongs to its first member (-1 if
    none): a word of ``GOVERNING`` (是真正的、健康的), an aspect particle (迈出了建设…、开创…; 影响着党群、…) or a
    verb's complement (协调好上下左右、方方面面), a demonstrative or a numeral (这样一批[巨大的、带有工业骨干性质的]).
    Not when the second member has the same word near its start (参到点子上、谋到关键处), or a word of the same
    kind (``opens1``: the coarse class of the second piece's first word)."""
    at = -1
    for start, tag, *_, size in found:
        word = p0[start : start + size]
        if start + size == len(p0):
            break  # the member's last word governs nothing (三级干部会: 会 a noun here, not "can")
        aspect = word in _ASPECT and tag_class(tag) == "u"
        serves = word in _SERVE_AS and opens1 == "n"
        if word in GOVERNING or aspect or serves or (word in _COMPLEMENTS and _after_verb(found, start)):
            if p1.find(word, 0, len(word) + 1) == -1 and not (aspect and word in p1[:PAIR_MAX]):
                at = start
        elif _determiner(word, tag) and opens1 not in "mr":
            # a scope word never opens a member; whether a member may open with a demonstrative or a measure is
            # the function words' rule
            at = start if _SCOPE.fullmatch(word) else start - 1
    return at


def _echo(member0: str, member1: str) -> bool:
    """Whether two members of three characters or more share their second character (参到…、谋到…)."""
    return len(member0) > 2 and len(member1) > 2 and member0[1] == member1[1]


# Word classes a subject holds none of: pronouns, prepositions, verbs, adverbs, particles, conjunctions.
_NOT_SUBJECT = frozenset("rpvduc")


def _predicated(member: str) -> bool:
    """Whether ``member`` is a noun and a one-character adjective that says something of it (海岸线长, 水道多,
    底子薄): two such members are parallel clauses, however long their nouns."""
    found = words(member, True)
    last = found[-1] if found else None
    if last is None or len(found) < 2 or last[1] - last[0] != 1:
        return False
    if not (tag_class(last[2]) == "a" or member[-1] in "多少"):
        return False
    return all(tag_class(tag) not in _NOT_SUBJECT for _, _, tag in found[:-1])


def _has_verb(member: str) -> bool:
    """Whether ``member`` holds a word jieba tags as a verb (v)."""
    return any(tag == "v" for *_, tag in words(member, True))


def _determiner(word: str, tag: str | None) -> bool:
    """Whether ``word`` is a demonstrative (这样, tagged r), a counted measure (一批, tagged m) or a scope word
    (全省); jieba tags other words r or m too (他人, 左右), which stay members."""
    kind = tag_class(tag)
    return (kind == "r" and _DEMONSTRATIVE.match(word) is not None) or (
        kind == "m" and _COUNTED.match(word) is not None) or _SCOPE.fullmatch(word) is not None


def _after_verb(found: list[tuple], start: int) -> bool:
    """Whether the word before ``start`` is a verb (协调|好: 好 its complement, not an adjective member)."""
    before = [tag for s, tag, *_ in found if s < start]
    return bool(before) and tag_class(before[-1]) == "v"


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
    quoted = _quoted(p0, p1)
    if quoted:
        return [(first[0] + quoted[0], first[1]), (second[0], second[0] + quoted[1])]
    found = _starts(p0)
    if not found:
        return None
    last0 = _edge(found[0][2])  # the piece's last word: the first member's last word, whatever its start
    firsts = []
    han0, han1 = _ALL_HAN.fullmatch(p0) is not None, _ALL_HAN.fullmatch(p1) is not None  # skip the per-member check
    opens1 = words(p1[: PAIR_MAX + WINDOW], True)[0]
    if found[-1][1] in _NAMES and opens1[2] in _NAMES:
        # two names of organisations or places side by side (党中央、国务院决策部署): the pair is the two names
        return [(first[0] + found[-1][0], first[1]), (second[0], second[0] + opens1[1])]
    governs = _governs(p0, found, p1, tag_class(opens1[2]))
    # where a governing word of GOVERNING ends, the first member may start: with an adverb (确保[同向发力、形成合力]),
    # though an adverb opens no member elsewhere, and always when the word opens a frame the pair fills
    after_governing = next((s + size for s, *_, size in found if s == governs and p0[s : s + size] in GOVERNING), -1)
    framed = _framed(p0, after_governing, p1)
    if framed:
        return [(first[0] + after_governing, first[1]), (second[0], second[0] + framed)]
    # the second member opens with a word of manner (有效, 积极): so may the first (及时推出、有效发挥作用)
    manner1 = opens1[1] >= 2 and opens1[2] in ("a", "ad", "d")
    for start, head0, _, count0, size0 in found:
        member0 = p0[start:]
        head = _edge(head0)
        # a member that is one dictionary word of two characters or more, tagged a numeral or a pronoun, is a
        # member all the same (上下左右, m; 各地, r: jieba tags many such words so); an adverb is not (效益|不好,
        # 不好 tagged d: the member is 效益不好)
        function = head[0] in _FUNCTION and (count0 > 1 or size0 < 2 or head[0] not in "mr") and not (
            size0 >= 2 and manner1) and (start != after_governing or head[0] != "d")
        if (function and p1[0] != member0[0]) or not (han0 or _HAN.search(member0)):
            continue
        if start <= governs:
            continue
        closer = next((c for c in _CLOSERS if member0.endswith(c)), _THROUGH if "的" in member0 else "")
        firsts.append((start, member0, _size(member0), head, count0, closer, "的" in member0))
    object_end = _nouns_before_de(p1)
    seconds: dict[str, list[tuple]] = {}
    best: tuple[float, int, int] | None = None
    for start, member0, len0, head0, count0, closer, de0 in firsts:
        if closer not in seconds:  # the second member's readings, worked out once per closing word
            seconds[closer] = [
                (end, p1[:end], _edge(head1), _edge(tail1), count1, "的" in p1[:end], end < len(p1))
                for end, head1, tail1, count1 in _ends(p1, closer) if han1 or _HAN.search(p1[:end])
            ]
        readings = seconds[closer] + _parallel_prefix(member0, p1, opens1[1])
        for end, member1, head1, tail1, count1, de1, inside in readings:
            if de0 != de1 and (member0[0] != member1[0] or _has_verb(member1)):
                # one member an attribute phrase (决策的参谋), the other not: not parallel, unless the two open
                # alike and the other has no verb (各个方面有益的建议、各种不同意见|包括批评意见)
                continue
            if count1 == 1 and len(member1) == 1 and tail1[0] in _FUNCTION:
                continue  # a lone function word is no member (各地、各|部门)
            if tail1[0] == "v" and 0 < len(p1) - end <= 2 and p1[end:] not in _CLOSERS:
                continue  # a verb keeps the object that ends its clause (积极改良畜种;, not 积极改良|畜种)
            if head0[0] == "v" and head1[0] == "v" and end < object_end:
                continue  # … and the nouns of its object up to the pair's 的 (维护社会公平正义的, not 维护社会|…)
            len1 = _size(member1)
            cost = UNLIKE_LENGTH * abs(len0 - len1) / (len0 if len0 > len1 else len1) - 0.01 * (len0 + len1)
            # the second member runs to the end of its clause (but for a closing 的), or the two are one attribute
            # of the noun after a 的 (承上启下、协调左右的中枢位置; not when a 的 leads into the first member,
            # 摸出的门道、摔过的): its last word is no evidence against it
            natural = not inside or p1[end:] in _CLOSERS or (
                closer != "的" and p1.startswith("的", end) and not p0.endswith("的", 0, start))
            if natural:
                cost -= CLAUSE_END
            if inside and p1[end:] in _CLOSERS and closer != p1[end:] and tail1[0] != "v":
                # all the clause holds after the 、 is the member and its closing 的 or 等 (a member ending with a
                # verb is no such member: 是…干出来的 closes a predicate the two share)
                cost -= 2 * CLAUSE_END
            if len(member0) > 2 and member0[:2] == member1[:2]:
                cost -= UNLIKE_HEAD  # the two open with the same two characters (两手抓、两手都要硬): an anaphora
            if best is not None and cost >= best[0]:
                continue  # the rest of the score only adds: this reading cannot win
            if (tail1[0] in _FUNCTION and not member1.endswith(_CLOSERS)
                    and (member0[0] != member1[0] or tail1[0] == "d") and last0[0] != tail1[0] and not natural):
                continue  # a function word closes no member (两手抓、两手都|要硬); an adverb, whatever the opening
            if member0[0] != member1[0] and member0[-1] != member1[-1] and not _echo(member0, member1) \
                    and not (_predicated(member0) and _predicated(member1)):
                # parallel members often share an opening (有市场、有效益), an ending (农产品、工业品) or their second
                # character (参到点子上、谋到关键处)
                cost += 1
            if (head0[1] or head1[1]) and head0[0] != head1[0]:
                cost += UNLIKE_HEAD  # unlike words open the two members
            # a noun the second member ends with before a 的, where the first member ends with no noun and opens
            # with no verb, is the noun both qualify (效益不好、停产半停产|企业的职工), not the second member's own
            # (沟通左右、协调部门关系的纽带: 关系 is 协调's object, as 左右 is 沟通's)
            head_noun = (tail1[0] == "n" and last0[0] != "n" and head0[0] != "v" and inside
                         and p1.startswith("的", end))
            if (not natural or tail1[0] == "v" or head_noun) and (last0[1] or tail1[1]) and last0[0] != tail1[0]:
                # unlike words close them (unless the second runs to the end of its clause, but for a verb there:
                # the clause's own predicate, 各地、各部门配合)
                cost += UNLIKE_TAIL
            cost += UNLIKE_COUNT * abs(count0 - count1)  # as many words each; -0.01 a character: on a tie, the longer
            if best is None or cost < best[0]:
                best = (cost, start, end)
    if best is None:
        return None
    _, start, end = best
    return [(first[0] + start, first[1]), (second[0], second[0] + end)]
