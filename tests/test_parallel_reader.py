"""The parallel reader in the Explorer: selecting an item shows its sentences zh | en side by side with the
translator's notes, in both editions; the Chinese edition opens it on request."""

from __future__ import annotations

import html

import pytest

import office_roles as orl
from office_roles import widgets as W
from office_roles.translation import item_parallel, item_reading


def test_item_reading_adds_the_translators_notes(art):
    table = item_reading(art, "T1")
    assert list(table["sentence_id"]) == list(item_parallel(art, "T1")["sentence_id"])
    assert table["note_en"].str.len().gt(0).any() and table["note_zh"].str.len().gt(0).any()
    other = orl.article_from_text("一、总体要求\n一是加强领导。要统一思想。")
    bare = item_reading(other, other.items["item_id"].iloc[0])
    assert len(bare) and (bare["note_en"] == "").all() and (bare["text_en"] == "").all()
    with pytest.raises(KeyError, match="unknown item id 'X9'"):
        item_reading(art, "X9")


@pytest.mark.parametrize("language", ["en", "both"])
def test_selecting_an_item_shows_it_zh_and_en_side_by_side(art, language):
    explorer = W.Explorer(art, language=language)
    assert explorer.parallel_toggle.value  # an English reader reads the item here: open from the start
    for item_id in ("F3", "T1", "R3"):
        explorer.choice.value = item_id  # what a click in the dropdown does
        shown = explorer.parallel.value
        for row in item_reading(art, item_id).itertuples():
            assert html.escape(row.text_zh, quote=True) in shown and html.escape(row.text_en, quote=True) in shown
            if row.note_en:
                assert html.escape(row.note_en, quote=True) in shown
            if language == "both" and row.note_zh:
                assert html.escape(row.note_zh, quote=True) in shown
        assert shown.count("<tr>") >= len(item_reading(art, item_id))


def test_the_chinese_edition_opens_the_english_on_request_with_chinese_notes(art):
    explorer = W.Explorer(art, language="zh")
    explorer.choice.value = "T1"
    assert not explorer.parallel_toggle.value and explorer.parallel.value == ""
    assert explorer.parallel_toggle.description == "中英对照"
    explorer.parallel_toggle.value = True
    shown = explorer.parallel.value
    reading = item_reading(art, "T1")
    assert all(html.escape(t, quote=True) in shown for t in [*reading["text_zh"], *reading["text_en"]])
    assert all(html.escape(n, quote=True) in shown for n in reading["note_zh"] if n)
    assert not any(html.escape(n, quote=True) in shown for n in reading["note_en"] if n)  # no English notes
    assert "译注" in shown and "中文" in shown
    explorer.set_language("en")  # the toggle of the page switches it on for the English reader
    assert explorer.parallel_toggle.value and "Translator's note" in html.unescape(explorer.parallel.value)
