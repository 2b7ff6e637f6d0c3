"""Property-based tests of the whole pipeline (clean → outline → tables) on random and mutated texts.

Whatever the input, ``article_from_text`` returns an Article or raises ArticleError, and every row of every table
slices back out of ``Article.text`` by its offsets. The texts are built from tokens of the genre (markers,
punctuation in both widths, Chinese, jammer characters) and from the seed article, its forum page and the
sample texts cut about at random (lines deleted, duplicated, swapped or cut, markers inserted, line breaks
stripped, punctuation widths converted). Uploads of random bytes get text or an ArticleError.

Hypothesis runs under the ``office_roles`` profile: 150 examples a test, no example database and no deadline; its
other caches go to the temp dir, so nothing is written to ``.hypothesis/`` in the repo.
"""

from __future__ import annotations

import os
import tempfile
import time
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

import office_roles as orl
from office_roles import article as article_module
from office_roles.curated import load_curated
from office_roles.errors import ArticleError
from office_roles.sources import MAX_TEXT_CHARS, is_junk, read_upload

# Hypothesis also caches Unicode tables and source constants under a home directory (``.hypothesis/`` in the
# working directory by default): keep that in the temp dir too, unless the environment chooses a place.
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "office_roles-hypothesis")
settings.register_profile(
    "office_roles",
    database=None,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile("office_roles")

CJK = list("党委办公厅室要找准定位谋发展参谋服务耳目协调信息工作领导决策建议落实关的等和与及是第方面首先其次最后")
MARKERS = [
    "一、", "二、", "三、", "十一、", "（一）", "（二）", "(一)", "(三)", "1.", "2.", "1．", "3、", "（1）", "(2)",
    "一是", "二是", "三是", "一要", "二要", "一方面", "另一方面", "第一，", "第二，", "第一,", "第三、", "首先",
    "其次，", "再次", "最后,", "十是", "十二是", "2012年6月29日", "1.5亿", "……12", "...3",
]
PUNCTUATION = ["、", "。", "，", ",", "：", ":", "；", ";", "！", "?", "？", "“", "”", "（", "）", "(", ")", "《", "》"]
SPACES = ["\n", "\n", "\n\n", " ", "\u3000", "\t", "\r\n", "\xa0"]
JAMMER = list("abcXYZ019!#$%&'*+,-./:;<=>?@[]^_`{|}~\"")
FORUM = ["某某 发表于 2012-4-5 10:20:33", "复制链接", "您需要登录后才可以回帖", "(作者单位:某办公室)", "韩学键"]

token = st.one_of(
    st.text(alphabet=CJK, min_size=1, max_size=12),
    st.sampled_from(MARKERS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(SPACES),
    st.text(alphabet=JAMMER + [" "], min_size=1, max_size=8),
    st.sampled_from(FORUM),
)
texts = st.lists(token, max_size=120).map("".join)

TEXT_COLUMN = {"parts": "text_zh", "items": "text_zh", "lists": "element_zh", "paragraphs": "text_zh",
               "sentences": "text_zh", "outline": None}


@pytest.fixture(autouse=True, scope="module")
def curated_layer_once():
    """``article_from_text`` validates the curated data package on every call (about 30 ms, three quarters of a
    call on a short text); it is the same for every example, so here it is loaded once."""
    layer = load_curated(orl.settings.data_dir / "curated")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(article_module, "load_curated", lambda folder: layer)
        yield


@lru_cache(maxsize=1)
def seed_text() -> str:
    return orl.load_article().text


ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "data" / "raw" / "000_1fbe787382d8397a.txt", ROOT / "data" / "samples" / "03_forum_post.txt"]


@lru_cache(maxsize=1)
def raw_pages() -> tuple[str, ...]:
    """Whole forum pages (navigation, header, jammers, footer) and the other samples, as saved."""
    samples = sorted((ROOT / "data" / "samples").glob("0[12]_*.txt"))
    return tuple(path.read_text(encoding="utf-8") for path in [*PAGES, *samples])


def article_or_error(text: str) -> orl.Article | None:
    """The pipeline's answer: an Article, or None for an ArticleError. Any other exception fails the test."""
    try:
        return orl.article_from_text(text)
    except ArticleError as error:
        assert str(error)
        return None


def first_holding(spans: list[tuple[int, int, str]], offset: int) -> object:
    """The reference rule the tables follow: the first part (or item) whose span holds the offset."""
    return next((span_id for start, end, span_id in spans if start <= offset < end), pd.NA)


def same_id(a: object, b: object) -> bool:
    return (pd.isna(a) and pd.isna(b)) or a == b


def rows(frame: pd.DataFrame) -> list:
    return list(frame.itertuples(index=False))


def check_article(art: orl.Article) -> None:
    text = art.text
    for table, column in TEXT_COLUMN.items():
        for row in rows(getattr(art, table)):
            assert 0 <= row.start < row.end <= len(text), (table, row)
            piece = text[row.start : row.end]
            if column is None:
                assert piece.strip(), (table, row)
            else:
                assert piece == getattr(row, column), (table, row)
    # The outline is a tree: depth 1 at the root, each child one deeper than its parent and inside its span.
    nodes = {}
    for row in rows(art.outline):
        assert row.depth >= 1
        assert text[row.start :].startswith(row.marker + row.title_zh)
        if pd.isna(row.parent_id):
            assert row.depth == 1
        else:
            parent = nodes[row.parent_id]
            assert parent.depth == row.depth - 1
            assert parent.start < row.start and row.end <= parent.end
        nodes[row.node_id] = row
    for row in rows(art.items):
        assert row.text_zh.startswith(row.marker + row.headline_zh)
    assert art.parts["n_items"].sum() <= len(art.items)
    # Sentences tile their paragraphs; paragraphs, sentences and lists sit in the part and item holding them.
    sentences: dict[int, str] = {}
    for row in rows(art.sentences):
        sentences[row.paragraph_id] = sentences.get(row.paragraph_id, "") + row.text_zh
    assert sentences == {row.paragraph_id: row.text_zh for row in rows(art.paragraphs)}
    parts = [(row.start, row.end, row.part_id) for row in rows(art.parts)]
    items = [(row.start, row.end, row.item_id) for row in rows(art.items)]
    for table in ("paragraphs", "sentences", "lists"):
        for row in rows(getattr(art, table)):
            if table == "lists" and row.position != 1:
                continue
            assert same_id(row.part_id, first_holding(parts, row.start)), (table, row)
            assert same_id(row.item_id, first_holding(items, row.start)), (table, row)
    if art.outline.empty:
        assert any("flat" in message for message in art.messages)


@PROFILE
@given(texts)
def test_random_texts(text):
    art = article_or_error(text)
    if art is not None:
        check_article(art)


@st.composite
def mutated_seed(draw, pages: bool = False) -> str:
    lines = (draw(st.sampled_from(raw_pages())) if pages else seed_text()).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "cut"]))
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(j, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(MARKERS + PUNCTUATION + SPACES)) + lines[i][at:]
        elif op == "cut":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at]
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", "")
    width = draw(st.sampled_from(["keep", "full", "half"]))
    if width == "full":
        text = text.translate({ord(c): ord(c) + 0xFEE0 for c in "(),:;!?.1"})
    elif width == "half":
        text = text.translate({ord(c) + 0xFEE0: ord(c) for c in "(),:;!?.1"})
    return text


@PROFILE
@given(mutated_seed())
def test_mutated_seed(text):
    art = article_or_error(text)
    assert art is not None  # a mutated article is still an article
    check_article(art)


@PROFILE
@given(mutated_seed(pages=True))
def test_mutated_pages(text):
    """Forum pages and samples cut about: a page may lose its article (an ArticleError), nothing worse."""
    art = article_or_error(text)
    if art is not None:
        check_article(art)


@PROFILE
@given(st.text(alphabet=[c for c in CJK + PUNCTUATION + SPACES + JAMMER if len(c) == 1], max_size=400))
def test_character_soup(text):
    art = article_or_error(text)
    if art is not None:
        check_article(art)


@PROFILE
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "b.TXT", "c.docx"]))
def test_random_uploads(content, name):
    """Any bytes: text or a clear ArticleError, never another exception."""
    try:
        text = read_upload(name, content)
    except ArticleError as error:
        assert str(error).startswith(name)
    else:
        assert text.strip()
        article_or_error(text)


@PROFILE
@given(st.text(max_size=200), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_uploads_round_trip(text, encoding):
    """Clean text saved in a supported encoding comes back unchanged; only text without visible characters or
    with control / private-use characters may be refused."""
    content = text.encode(encoding)
    expected = text.lstrip("\ufeff")  # a byte-order mark (and a stray one after it) is dropped
    try:
        back = read_upload("a.txt", content)
    except ArticleError:
        assert not expected.strip() or any(map(is_junk, text))
    else:
        # Short GB18030 byte strings can also be valid UTF-8, which is tried first (in real Chinese text,
        # practically never): then the text differs, as with any reader that has to guess.
        assert back == expected or (encoding == "gb18030" and is_utf8(content))


def is_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize(
    "text",
    [
        "题目\n一一、甲乙\n二、丙丁",  # a run of numerals is not a number (was: ValueError from cn_to_int)
        "题目\n一二是甲。\n十十要乙。",
        "题目\n纪律。第一,不迟到。第二,不早退。第三,",  # an ordinal with nothing after it (was: an empty element)
        "题目\n原则:一要快;二要准;三要,",
        "题目\n一方面,甲乙。\n另一方面,丙丁。",  # the comma after 一方面 belongs to the marker
    ],
)
def test_regressions(text):
    art = article_or_error(text)
    assert art is not None
    check_article(art)
    assert not any(title.startswith((",", "，")) for title in art.outline["title_zh"])


def test_seed_passes_the_checks():
    check_article(orl.load_article())


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "党" * n,  # one paragraph without punctuation
        lambda n: "." * n,  # a dot leader without an end
        lambda n: "…" * n,
        lambda n: "1" + "." * n,
        lambda n: "甲" + " " * n + "乙",  # a post header candidate with a long run of spaces
        lambda n: "、".join(["甲乙"] * (n // 3)),
        lambda n: "一是" * (n // 2),
        lambda n: "一、\n" * (n // 3),
        lambda n: "中 a1 b2" * (n // 7),
    ],
    ids=["no-punct", "dots", "ellipsis", "number-dots", "spaces", "series", "shi", "headings", "jammer-like"],
)
def test_pathological_texts_take_linear_time(make):
    """Four times the text may cost at most about four times the CPU time (a quadratic step would cost 16x).
    A ratio of two sizes in one run, on CPU time, so a loaded machine does not fail it; speed itself is measured
    in benchmarks/parse.py."""

    def cpu_seconds(text: str) -> float:
        started = time.process_time()
        art = article_or_error(text)
        if art is not None:
            assert len(art.text) <= len(text)
        return time.process_time() - started

    small, large = 50_000, 200_000
    cpu_seconds(make(small))  # warm caches (regex compilation, the curated layer)
    growth = min(cpu_seconds(make(large)) / max(cpu_seconds(make(small)), 1e-3) for _ in range(2))
    assert growth < 8, f"4x the text cost {growth:.1f}x the CPU time"


def test_too_long_text_is_refused():
    with pytest.raises(ArticleError, match=r"too long: 2,000,001 characters; the limit is 2,000,000"):
        orl.article_from_text("党" * (MAX_TEXT_CHARS + 1))
