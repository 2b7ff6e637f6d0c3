"""The presenter's decks: each discussion prompt gets a slide and speaker notes in the deck's language
(office_roles.slides). The browser side (notes hidden on the slide, the speaker view offline) is in
tests/test_browser.py."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from office_roles import slides

ROOT = Path(__file__).resolve().parent.parent


def _edition(language: str, name: str = "03_discussion_exercises"):
    return nbformat.read(ROOT / "notebooks" / language / f"{name}.ipynb", as_version=4)


def _after(nb, new, widget: str, count: int) -> list:
    """The ``count`` cells ``new`` has right after the cell that builds ``widget``."""
    at = next(i for i, c in enumerate(new.cells) if f"{widget}(" in c.source and c.cell_type == "code")
    return new.cells[at + 1 : at + 1 + count]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_prompt_follows_the_deck_widget_with_its_notes(art, data, language: str) -> None:
    nb = _edition(language)
    new = slides.with_speaker_notes(nb, art, data)
    added = _after(nb, new, "DiscussionDeck", 2 * len(data.prompts))
    assert len(new.cells) == len(nb.cells) + 2 * len(data.prompts) + 2 * len(data.scenarios)
    assert [c.metadata["slideshow"]["slide_type"] for c in added] == ["subslide", "notes"] * len(data.prompts)
    for (shown, notes), (_, prompt) in zip(zip(added[::2], added[1::2], strict=True), data.prompts.iterrows(),
                                           strict=True):
        assert prompt["prompt_id"] in shown.source
        assert " ".join(prompt[f"prompt_{language}"].split()) in " ".join(shown.source.split())
        assert prompt["note_en"] not in shown.source  # the note is for the speaker, never on the slide
        assert prompt[f"model_answer_{language}"] in notes.source
    assert nb.cells == _edition(language).cells  # the edition itself is left as it was


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_scenario_follows_its_widget_with_its_key_as_notes(art, data, language: str) -> None:
    nb = _edition(language)
    added = _after(nb, slides.with_speaker_notes(nb, art, data), "Scenarios", 2 * len(data.scenarios))
    assert [c.metadata["slideshow"]["slide_type"] for c in added] == ["subslide", "notes"] * len(data.scenarios)
    labels = art.items.set_index("item_id")[f"label_{language}"]
    for (shown, notes), (_, scenario) in zip(zip(added[::2], added[1::2], strict=True),
                                             data.scenarios.iterrows(), strict=True):
        assert scenario[f"title_{language}"] in shown.source
        assert scenario[f"feedback_{language}"] not in shown.source  # the key is the facilitator's
        assert scenario["evidence_zh"] in notes.source and scenario[f"feedback_{language}"] in notes.source
        for item_id in scenario["tasks"].split(","):
            assert labels[item_id.strip()] in notes.source
    if language == "en":  # the quote's English beside the Chinese
        assert "letters from the public" in added[1].source


def test_lessons_without_the_deck_are_left_alone(art, data) -> None:
    nb = _edition("en", "01_article_as_tables")
    assert not slides.needs_static_slides(nb)
    assert slides.with_speaker_notes(nb, art, data).cells == nb.cells


def test_each_deck_takes_the_note_in_its_own_language(data) -> None:
    prompt = data.prompts.iloc[0].copy()
    assert slides.facilitator_note(prompt, "zh").startswith(f"**主持人提示:** {prompt['note_zh']}")
    prompt["note_zh"] = "留意大家是否把参谋看作服务的一部分。"
    chinese = slides.facilitator_note(prompt, "zh")
    assert chinese.startswith("**主持人提示:** 留意大家是否把参谋看作服务的一部分。")
    assert prompt["note_en"] not in chinese
    english = slides.facilitator_note(prompt, "en")
    assert english.startswith("**Facilitator note:** ") and prompt["note_en"] in english
    assert prompt["model_answer_en"] in english and "留意" not in english


def test_data_text_stays_text_on_a_slide(data) -> None:
    prompt = data.prompts.iloc[0].copy()
    prompt["note_en"] = "Ask *who* decides <b>first</b> | [then] # why"
    note = slides.facilitator_note(prompt, "en")
    assert r"\*who\*" in note and "&lt;b&gt;" in note and r"\|" in note and r"\[then\]" in note


def test_a_lessons_solution_opens_in_the_notes() -> None:
    """tools/notebooks.py puts each collapsed solution in its exercise's notes; there it is read, not clicked."""
    hidden = "<details><summary>参考答案</summary>\n\n```python\nx = 1\n```\n\n原文：“敢于参谋”。\n\n</details>"
    assert slides.opened_solution(hidden) == "**参考答案**\n\n```python\nx = 1\n```\n\n原文：“敢于参谋”。"
    assert slides.opened_solution("Not a solution.") == "Not a solution."
    nb = _edition("en", "01_article_as_tables")
    notes = [c for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "notes"]
    assert notes and all(c.source.lstrip().startswith("<details>") for c in notes)
    assert all("<details>" not in slides.opened_solution(c.source) for c in notes)
