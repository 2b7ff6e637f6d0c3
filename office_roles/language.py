"""Word counts with jieba: the words each part of the article leans on.

jieba is set up once for the whole package in segment.py (lazily, under a lock), with the genre's words added.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .segment import CUSTOM_WORDS, SPLIT_HINTS, _lock, _tokenizer  # noqa: F401 (names kept for callers)
from .settings import REPO_ROOT, settings

if TYPE_CHECKING:
    from .article import Article

STOPWORDS_FILE = "stopwords_zh.txt"
# Item markers (一是, 二要) and bare numerals are structure, not vocabulary.
_MARKER = re.compile(r"^[一二三四五六七八九十百]+[是要]?$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
WHOLE_ARTICLE = "all"
COLUMNS = ["part_id", "word", "count", "rank"]


def stopwords_path() -> Path:
    """The list in ``settings.data_dir``, else the one shipped with the repository."""
    candidate = settings.data_dir / STOPWORDS_FILE
    return candidate if candidate.is_file() else REPO_ROOT / "data" / STOPWORDS_FILE


@lru_cache(maxsize=4)
def _read_stopwords(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def stopwords() -> frozenset[str]:
    return _read_stopwords(stopwords_path())


def words(text: str) -> list[str]:
    """Content words of ``text`` in reading order: jieba tokens minus stopwords, markers, single characters
    and anything without a Chinese character (punctuation, digits, Latin)."""
    stop = stopwords()
    with _lock:  # jieba's cut is not thread-safe
        tokens = list(_tokenizer().cut(text))
    return [
        t
        for t in (tok.strip() for tok in tokens)
        if len(t) > 1 and _HAN.search(t) and t not in stop and not _MARKER.match(t)
    ]


def word_frequencies(art: Article, top: int = 10) -> pd.DataFrame:
    """The ``top`` most frequent content words of each part (ties: first occurrence first).

    An article without ``一、``-style parts is counted as one group with ``part_id`` ``"all"``.
    """
    if top < 1:
        raise ValueError(f"top must be at least 1, not {top}")
    if len(art.parts):
        groups = list(zip(art.parts["part_id"], art.parts["text_zh"], strict=True))
    else:
        groups = [(WHOLE_ARTICLE, art.text)]
    rows = []
    for part_id, text in groups:
        tokens = words(text)
        first_seen = {w: i for i, w in reversed(list(enumerate(tokens)))}
        counts = sorted(Counter(tokens).items(), key=lambda wc: (-wc[1], first_seen[wc[0]]))
        rows += [
            {"part_id": part_id, "word": w, "count": c, "rank": r}
            for r, (w, c) in enumerate(counts[:top], start=1)
        ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"part_id": "str", "word": "str", "count": "int64", "rank": "int64"})

