"""The two editions of the notebooks (notebooks/zh, notebooks/en) come from one source and share their code.

They may differ in prose and in the one generated language cell; they may not differ in code, in exercises
or in order. The Chinese edition is Chinese prose; the English edition is English prose that glosses every
glossary term at its first use.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import nbformat
import pytest

from office_roles.language import _tokenizer

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
_spec = importlib.util.spec_from_file_location("office_roles_notebook_tool", ROOT / "tools" / "notebooks.py")
if _spec.name not in sys.modules:
    _module = importlib.util.module_from_spec(_spec)
    sys.modules[_spec.name] = _module  # dataclasses look their module up while the file executes
    _spec.loader.exec_module(_module)
nbtools = sys.modules[_spec.name]

SOURCES = sorted(p.name for p in (NOTEBOOKS / nbtools.SOURCE_DIR).glob("[0-9][0-9]_*.ipynb"))
SOLUTION = re.compile(r"<details><summary>[^<]*</summary>(.*?)</details>", re.S)
FENCE = re.compile(r"```python\n(.*?)```", re.S)
LATIN_ALLOWED = {"csv", "png", "svg", "κ"}  # file formats and the one symbol the exercises report
MAX_LATIN_SHARE = 0.03


def edition(lang: str, name: str):
    return nbformat.read(str(NOTEBOOKS / lang / name), as_version=4)


def shared_code(nb) -> list[tuple[str, str, list[str]]]:
    return [(c.get("id"), c.source, sorted(c.metadata.get("tags", []))) for c in nb.cells
            if c.cell_type == "code" and c.get("id") != nbtools.LANGUAGE_CELL_ID]


def exercises(nb) -> list[str]:
    """The code of every hidden solution, in order: the exercises both editions set."""
    return [code for c in nb.cells if c.cell_type == "markdown"
            for block in SOLUTION.findall(c.source) for code in FENCE.findall(block)]


def test_there_are_sources_and_editions():
    assert len(SOURCES) >= 6
    for lang in nbtools.EDITIONS:
        names = sorted(p.name for p in (NOTEBOOKS / lang).glob("*.ipynb"))
        assert names == SOURCES, f"notebooks/{lang} does not hold exactly one edition of each source"


@pytest.mark.parametrize("name", SOURCES)
def test_editions_share_code_exercises_and_order(name):
    zh, en = edition("zh", name), edition("en", name)
    assert shared_code(zh) == shared_code(en), f"{name}: the editions differ in their code cells"
    assert exercises(zh) == exercises(en), f"{name}: the editions differ in their exercises"
    assert [c.cell_type for c in zh.cells] == [c.cell_type for c in en.cells], f"{name}: cells out of order"
    for z, e in zip(zh.cells, en.cells, strict=True):  # a zh cell and the en cell in its place are one pair
        if z.cell_type == "markdown" and not nbtools._is_nav_cell(z):
            assert z.id == f"{e.id}-zh" or z.id.removesuffix("-zh") == e.id, (name, z.id, e.id)


@pytest.mark.parametrize("name", SOURCES)
def test_the_language_cell_is_the_only_code_difference(name):
    for lang in nbtools.EDITIONS:
        code = [c for c in edition(lang, name).cells if c.cell_type == "code"]
        assert code and code[0].id == nbtools.LANGUAGE_CELL_ID
        assert code[0].source == nbtools.language_cell_source(lang)
        assert f'orl.settings.language = "{lang}"' in code[0].source


def test_committed_editions_are_current():
    """Every edition is what --write makes of its source (tests/test_notebook_tools.py shows --check noticing a
    changed source)."""
    stale = [p for p in nbtools.run(ROOT, "check").problems if "would change" in p or ": missing (" in p]
    assert not stale, stale


# ---------------------------------------------------------------------------------------------------------
# Prose in each edition

_CODE_SPAN = re.compile(r"`+[^`]*`+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML = re.compile(r"<[^>]+>")
_LATIN_WORD = re.compile(r"[A-Za-zκ][A-Za-z'’-]*")


def prose(text: str) -> str:
    """Markdown prose: fenced code, code spans, links (text and target), HTML tags and markers removed."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = _CODE_SPAN.sub(" ", text)
    text = _LINK.sub(" ", text)
    return _HTML.sub(" ", text)


def word_counts(text: str) -> tuple[int, int]:
    """(Latin-letter words outside the allow-list, all words) of Chinese prose; Chinese is cut into words with
    jieba, so the share compares words with words, not letters with characters."""
    latin = [w for w in _LATIN_WORD.findall(text) if w.lower() not in LATIN_ALLOWED]
    chinese = [w for w in _tokenizer().lcut(_LATIN_WORD.sub(" ", text)) if re.search(r"[\u4e00-\u9fff]", w)]
    return len(latin), len(latin) + len(chinese)


def test_word_counts_count_words():
    assert word_counts("文章分三个部分 and two words") == (3, 3 + len(_tokenizer().lcut("文章分三个部分")))
    assert word_counts(prose("用 `code span` 和 [a link](x.ipynb) 保存为 CSV"))[0] == 0


@pytest.mark.parametrize("name", SOURCES)
def test_chinese_edition_is_chinese(name):
    latin = total = 0
    for cell in edition("zh", name).cells:
        if cell.cell_type == "markdown" and not nbtools._is_nav_cell(cell):
            n_latin, n_all = word_counts(prose(cell.source))
            latin, total = latin + n_latin, total + n_all
    assert total > 50
    assert latin / total < MAX_LATIN_SHARE, f"{name}: {latin} of {total} words of prose are in Latin letters"


@pytest.mark.parametrize("name", SOURCES)
def test_english_edition_has_english_in_every_markdown_cell(name):
    for index, cell in enumerate(edition("en", name).cells):
        if cell.cell_type == "markdown":
            words = re.findall(r"[A-Za-z]{2,}", prose(cell.source)) or re.findall(r"[A-Za-z]{2,}", cell.source)
            assert len(words) >= 2, f"{name} cell {index}: no English prose: {cell.source[:60]!r}"


_QUOTED = re.compile(r"[“「][^”」]*[”」]|《[^》]*》")


@pytest.mark.parametrize("name", SOURCES)
def test_english_edition_glosses_terms_at_first_use(name, art):
    """At its first use outside a quotation, a glossary term has its pinyin or English close by."""
    text = "\n".join(prose(c.source) for c in edition("en", name).cells
                     if c.cell_type == "markdown" and not nbtools._is_nav_cell(c))
    text = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    missing = []
    for row in art.glossary.itertuples():
        if len(row.zh) < 2:
            continue  # a single character (关) also occurs inside unrelated words
        at = text.find(row.zh)
        if at < 0:
            continue
        window = text[max(0, at - 90): at + len(row.zh) + 90].lower()
        glosses = [row.en.lower(), row.pinyin.lower()]
        if not any(g in window for g in glosses):
            missing.append(f"{row.zh} ({row.pinyin}, {row.en})")
    assert not missing, f"{name}: not glossed at first use: {', '.join(missing)}"
