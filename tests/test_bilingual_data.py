"""Every text the editors wrote has both languages: each English prose column of the curated, exercise and
context packages has its Chinese partner, filled wherever the English is, in Chinese, with verbatim quotes of the
article (the context quotes official documents instead, which its own tests cite)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from office_roles.i18n import has_cjk

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [ROOT / "data" / name for name in ("curated", "exercises", "context", "lexicon")]
QUOTED = re.compile(r"“([^“”]*)”")
# English columns whose Chinese is the article itself (parsed from art.text), not a column of the package.
CHINESE_FROM_THE_ARTICLE = {("items", "headline_en"), ("parts", "heading_en")}
# A fill-in's English answers sit beside its Chinese key, ``answer`` (test_fill_in_editions.py checks the pair).
PAIRED_ELSEWHERE = {("quiz", "answer_en")}
# The translator's notes on the English of a sentence: written for a reader of the English; a Chinese note is
# written only where it tells a Chinese reader something (a rendering kept literal, a pun), so it may be empty.
OPTIONAL_CHINESE = {("sentences", "note_en")}
# Columns where “…” is not a quotation: a fill-in's blank (“____”), a translator's note naming the standard form
# of a word the article misprints. Their own tests check them (test_exercise_data, test_translation).
NOT_QUOTATIONS = {("quiz", "prompt_en"), ("sentences", "note_en")}


def english_columns() -> list[tuple[Path, str, pd.DataFrame, str]]:
    found = []
    for folder in PACKAGES:
        meta = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for resource in meta["resources"]:
            frame = pd.read_csv(folder / resource["path"], dtype=str, keep_default_na=False)
            found += [(folder, resource["name"], frame, c) for c in frame.columns if c.endswith("_en")]
    return found


def test_the_packages_have_english_columns_to_check():
    assert len(english_columns()) >= 20


@pytest.mark.parametrize("folder, name, frame, column", english_columns(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_english_column_has_its_chinese(art, folder, name, frame, column):
    if (name, column) in CHINESE_FROM_THE_ARTICLE | PAIRED_ELSEWHERE:
        return
    chinese = column[:-3] + "_zh"
    assert chinese in frame.columns, f"{folder.name}/{name}: {column} has no {chinese}"
    for row, (en, zh) in enumerate(zip(frame[column], frame[chinese], strict=True), start=2):
        if en.strip() and (name, column) not in OPTIONAL_CHINESE:
            assert zh.strip(), f"{folder.name}/{name} row {row}: {column} is filled, {chinese} is empty"
        if zh.strip():
            assert has_cjk(zh), f"{folder.name}/{name} row {row}: {chinese} is not Chinese"
            quotes_the_article = (name, column) not in NOT_QUOTATIONS and folder.name != "context"
            for quote in QUOTED.findall(zh) if quotes_the_article else []:
                assert quote in art.text, f"{folder.name}/{name} row {row}: “{quote}” is not verbatim"


def test_the_glossary_note_is_in_both_languages_or_neither():
    glossary = pd.read_csv(ROOT / "data" / "curated" / "glossary.csv", dtype=str, keep_default_na=False)
    assert "note" not in glossary.columns
    assert ((glossary["note_en"] != "") == (glossary["note_zh"] != "")).all()
    assert (glossary["note_zh"] != "").sum() >= 50
