"""The glossary covers the terms the set uses, and the phrase list agrees with it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from office_roles.curated import load_curated
from office_roles.translation import renderings

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "data" / "curated"
EXERCISES = ROOT / "data" / "exercises"
# English prose glosses a Chinese term by putting it in brackets after the English: "routine affairs (事务)".
GLOSS = re.compile(r"(?<![\u4e00-\u9fff])\(([\u4e00-\u9fff、]+)[,)]")  # "service (服务)", not "办公厅(室)"


@pytest.fixture(scope="module")
def layer():
    return load_curated(CURATED)


def english_cells() -> list[tuple[str, int, str, str]]:
    """(file, row, column, text) for every English column a learner reads as teaching text: the exercise
    package and the curated labels, summaries and rationales. The translator's notes of sentences.csv and the
    glossary's own notes are left out: they discuss single characters and the parts of a term (文字, 大局), not
    terms."""
    cells = []
    for folder in (EXERCISES, CURATED):
        meta = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for resource in (r for r in meta["resources"] if r["name"] not in ("sentences", "glossary")):
            frame = pd.read_csv(folder / resource["path"], dtype=str, keep_default_na=False)
            for column in (c for c in frame.columns if c.endswith("_en")):
                cells += [(resource["path"], row, column, text) for row, text in enumerate(frame[column], start=2)]
    return cells


def test_terms_named_in_the_issue_are_in_the_glossary(layer):
    terms = set(layer.glossary["zh"])
    for term in ["批示", "秘书路线", "实事求是", "党性", "大局意识", "挑大梁", "一督到底", "确凿", "会谋", "调研"]:
        assert term in terms, term


def test_every_term_glossed_in_english_prose_has_an_entry(layer):
    known = set(layer.glossary["zh"]) | set(layer.phrases["zh"])
    missing = []
    for path, row, column, text in english_cells():
        for gloss in GLOSS.findall(text):
            missing += [(path, row, column, term) for term in gloss.split("、") if term not in known]
    assert not missing, missing


def test_the_gloss_pattern_finds_glosses():
    assert GLOSS.findall("Party affairs (党务), routine (事务) and 会写 (会写、会说)") == ["党务", "事务", "会写、会说"]
    assert GLOSS.findall("investigation and research (调研, short for 调查研究)") == ["调研"]


def test_phrase_english_agrees_with_the_glossary(layer):
    """An entry in both lists is rendered with the glossary's English or one of its documented variants."""
    forms = renderings(layer.glossary)
    for zh, en in zip(layer.phrases["zh"], layer.phrases["en"], strict=True):
        if zh in forms:
            assert any(form in en.lower() for form in forms[zh]), (zh, en, forms[zh])


def test_renderings_are_distinct(layer):
    for zh, forms in renderings(layer.glossary).items():
        assert len(set(forms)) == len(forms), zh
