"""Validation of the curated layer: each fault gives one error naming the file, the row and the field."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import office_roles as orl
from office_roles import curated as curated_module
from office_roles.curated import CuratedDataError, load_curated, pinyin_for

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "data" / "curated"
MALFORMED = Path(__file__).parent / "fixtures" / "malformed"

# fixture file → (row, field, words the message must contain)
EXPECTED = {
    "links__bad_strength.csv": (5, "strength", "constraint"),
    "links__unknown_task.csv": (6, "task_id", "foreign-key"),
    "links__quote_not_verbatim.csv": (5, "evidence_zh", "not found verbatim"),
    "links__missing_basis_column.csv": (None, "basis", "missing"),
    "links__duplicate_pair.csv": (19, None, "primary-key"),
    "links__function_is_task.csv": (7, "function_id", "constraint"),
    "items__duplicate_id.csv": (8, None, "primary-key"),
    "items__unknown_id.csv": (19, "item_id", "unknown item id"),
    "glossary__bad_variants.csv": (7, "en_variants", "constraint"),
    "sentences__text_changed.csv": (23, "text_zh", "not the article's sentence 22"),
    "sentences__unknown_id.csv": (42, "sentence_id", "unknown sentence id"),
    "sentences__empty_translation.csv": (11, "text_en", "required"),
    "sentences__duplicate_id.csv": (32, None, "primary-key"),
    "sentences__missing_sentence.csv": (None, "sentence_id", "no translation for sentence(s) [53]"),
    "sentences__chinese_in_english.csv": (17, "text_en", "pattern"),
}


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in MALFORMED.glob("*.csv")) == sorted(EXPECTED)


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_malformed_curated_file(tmp_path, fixture):
    folder = tmp_path / "curated"
    shutil.copytree(CURATED, folder)
    target = fixture.split("__")[0] + ".csv"
    shutil.copy(MALFORMED / fixture, folder / target)
    row, field, words = EXPECTED[fixture]
    with pytest.raises(CuratedDataError) as caught:
        orl.load_article(curated_dir=folder)
    error = caught.value
    message = str(error)
    assert target in message and words in message
    if row is not None:
        assert error.row == row and f"row {row}" in message
    if field is not None:
        assert field in message


def test_missing_descriptor(tmp_path):
    with pytest.raises(CuratedDataError, match="descriptor is missing"):
        load_curated(tmp_path)


def test_glossary_covers_every_label():
    art = orl.load_article()
    terms = set(art.glossary["zh"])
    assert set(art.items["label_zh"]) <= terms
    assert set(art.parts["label_zh"]) <= terms


def test_glossary_pinyin_is_generated():
    art = orl.load_article()
    for row in art.glossary.itertuples():
        assert row.pinyin == pinyin_for(row.zh), row.zh


def test_generated_columns_are_current():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "curate.py"), "--check"], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_english_labels_come_from_the_glossary():
    art = orl.load_article()
    glossary = dict(zip(art.glossary["zh"], art.glossary["en"], strict=True))
    for row in art.items.itertuples():
        assert row.label_en == glossary[row.label_zh]


def test_validation_is_remembered_per_content(tmp_path, monkeypatch):
    folder = tmp_path / "curated"
    shutil.copytree(CURATED, folder)
    monkeypatch.setattr(orl.settings, "cache_dir", tmp_path / "cache")
    calls = []
    real = curated_module._validate_with_frictionless
    monkeypatch.setattr(curated_module, "_validate_with_frictionless",
                        lambda *args: calls.append(args) or real(*args))
    curated_module.validate_package(folder)
    curated_module.validate_package(folder)
    assert len(calls) == 1 and len(list((tmp_path / "cache").iterdir())) == 1
    shutil.copy(MALFORMED / "links__bad_strength.csv", folder / "links.csv")  # any edit: validated again
    with pytest.raises(CuratedDataError, match="strength"):
        curated_module.validate_package(folder)
    assert len(calls) == 2 and len(list((tmp_path / "cache").iterdir())) == 1  # failures are not remembered


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setattr(orl.settings, "cache_dir", None)
    calls = []
    monkeypatch.setattr(curated_module, "_validate_with_frictionless", lambda *args: calls.append(args))
    curated_module.validate_package(CURATED)
    curated_module.validate_package(CURATED)
    assert len(calls) == 2


def _stem(english: str) -> str:
    word = english.lower().split()[0]
    return word[: len(word) - 3] if len(word) > 6 else word  # coordination → coordinat, learning → learn


def test_phrase_translations_use_the_glossary():
    """A list element that is, or contains, a glossary term is translated with that term's English."""
    art = orl.load_article()
    glossary = dict(zip(art.glossary["zh"], art.glossary["en"], strict=True))
    checked = 0
    for zh, en in zip(art.lists["element_zh"], art.lists["element_en"], strict=True):
        for term, term_en in glossary.items():
            if len(term) >= 2 and term in zh:
                assert _stem(term_en) in en.lower(), (zh, en, term, term_en)
                checked += 1
    assert checked >= 8
