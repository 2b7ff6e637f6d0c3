"""jieba, set up once for the whole package: the word counts (language.py) and the inline-list parser's word
edges (word_edges.py) read the same dictionary with the same additions, so a parse never depends on which of
them loaded jieba first.

jieba is imported and initialised lazily, once, under a lock: loading its dictionary takes about a second and
jieba's tokenizer is not safe to initialise from two threads at once. Its start-up log goes to WARNING so a
notebook cell shows no "Building prefix dict…" noise.
"""

from __future__ import annotations

import logging
import threading
import warnings
from types import ModuleType

# Kept whole: jieba's dictionary would split them (党委/办公厅, 笔杆/子) or does not know them.
CUSTOM_WORDS = (
    "党委办公厅",
    "办公厅",
    "笔杆子",
    "外脑",
    "耳目",
    "文件制发",
    "文字综合",
    "调查研究",
    "进取图强",
    "自身建设",
)
# "当好参谋" should count as 当好 + 参谋, not 当 + 好参谋.
SPLIT_HINTS = (("当好", "参谋"),)

_lock = threading.RLock()
_jieba: ModuleType | None = None


def _tokenizer() -> ModuleType:
    """Import and set up jieba once; later calls return the same module."""
    global _jieba
    with _lock:
        if _jieba is None:
            with warnings.catch_warnings():  # jieba 0.42 has invalid escapes and imports pkg_resources
                warnings.simplefilter("ignore")
                import jieba
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            for word in CUSTOM_WORDS:
                jieba.add_word(word)
            for pieces in SPLIT_HINTS:
                jieba.del_word("".join(pieces)[1:])  # jieba's dictionary has 好参谋, which beats the hint
                jieba.suggest_freq(pieces, tune=True)
            _jieba = jieba
    return _jieba


def cut(text: str, guess: bool = False) -> list[str]:
    """jieba's words of ``text``: its most probable path through the dictionary, computed straight from the
    dictionary's word graph: the parser segments hundreds of short windows per text, where ``jieba.cut``'s own
    set-up per call costs more than the segmentation. With ``guess``, runs of single characters the dictionary
    has no word for are cut by jieba's hidden Markov model, as its precise mode does (企|稳 → 企稳, 同|向|发|力
    → 同向|发力: words of the day and names it lacks); without, they stay single characters."""
    with _lock:
        tokenizer = _tokenizer().dt
        graph = tokenizer.get_DAG(text)
        route: dict[int, tuple[float, int]] = {}
        tokenizer.calc(text, graph, route)
    out, at = [], 0
    while at < len(text):
        end = route[at][1] + 1
        out.append(text[at:end])
        at = end
    return _guess(out) if guess else out


# jieba's model sees only the run of single characters, not the word before it: neither a character that binds to
# that word (a verb's complement 好 of 践行好, an adjective; a noun suffix 性 of 撬动性) nor a determiner (各|县市)
# can open a guessed word, and a preposition (圈|为依托) can neither open nor close one.
_NO_OPENING = frozenset("par")
# One-character auxiliaries and the copula (要学, 是否): they govern the word after them, never open a guessed word
# with it. pairs.GOVERNING holds them among the words that govern a pair.
AUXILIARIES = frozenset("是要能会可应就才都也还")
_NO_CLOSING = frozenset("p")
# Suffixes that make nouns of what comes before them (全球化, 针对性, 服务型): bound to the word before, they open
# no guessed word here, and a series member ending in one is whole (inline_lists).
NOUN_SUFFIXES = frozenset("化性型式度率制")


def _guessed_word(tags: dict[str, str], word: str) -> bool:
    """Whether a word jieba's model guessed may stand as a word (see above); one its dictionary holds always may."""
    if len(word) == 1 or _frequencies().get(word):
        return True
    opening, closing = tags.get(word[0], "x")[0], tags.get(word[-1], "x")[0]
    return (opening not in _NO_OPENING and closing not in _NO_CLOSING and word[0] not in NOUN_SUFFIXES
            and word[0] not in AUXILIARIES)


def _guess(found: list[str]) -> list[str]:
    """``found`` with each run of two or more single characters that is no dictionary word cut by jieba's hidden
    Markov model instead (what ``jieba.cut`` does in precise mode with ``HMM=True``). A particle or a conjunction
    (的, 过, 和) ends a run: it is a word of its own, never part of a guessed one (摸出|的, not 摸出的)."""
    freq, tags = _frequencies(), word_tags()
    out: list[str] = []
    run: list[str] = []
    for word in [*found, ""]:
        if len(word) == 1 and tags.get(word, "x")[0] not in "ucx":
            run.append(word)
            continue
        if len(run) > 1 and not freq.get("".join(run)):
            guessed = _tokenizer().finalseg.cut("".join(run))  # jieba imports its model with the tokenizer
            out.extend(c for w in guessed for c in ([w] if _guessed_word(tags, w) else w))
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return out


_tags: dict[str, str] | None = None


def word_tags() -> dict[str, str]:
    """jieba's dictionary of parts of speech: word → tag (``v`` verb, ``p`` preposition, …)."""
    global _tags
    if _tags is None:
        with _lock:
            _tokenizer()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import jieba.posseg
            _tags = jieba.posseg.dt.word_tag_tab
    return _tags


def longest_words(text: str, backward: bool = False, longest: int = 4) -> list[str]:
    """``text`` cut greedily into the longest dictionary words (at most ``longest`` characters), from the start or,
    with ``backward``, from the end; a character no word covers stands alone. A few dictionary look-ups per word
    instead of jieba's full word graph: enough to find the words at the two edges of a pair's members, which sit
    next to the 、 the greedy cut starts from."""
    freq = _frequencies()
    out: list[str] = []
    if backward:
        end = len(text)
        while end > 0:
            size = min(longest, end)
            while size > 1 and not freq.get(text[end - size : end]):
                size -= 1
            out.append(text[end - size : end])
            end -= size
        out.reverse()
        return out
    start, length = 0, len(text)
    while start < length:
        # jieba's dictionary holds every word's prefixes too (at frequency 0): extend while the text is one
        size, end = 1, start + 2
        while end <= length and end - start <= longest:
            found = freq.get(text[start:end])
            if found is None:
                break
            if found:
                size = end - start
            end += 1
        out.append(text[start : start + size])
        start += size
    return out


_freq: dict[str, int] | None = None


def _frequencies() -> dict[str, int]:
    """jieba's dictionary: word (and every word's prefix, at frequency 0) → frequency."""
    global _freq
    if _freq is None:
        _freq = _tokenizer().dt.FREQ
    return _freq
