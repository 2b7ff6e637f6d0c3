"""Fill-in quiz items in both editions: an English reader answers in English, a Chinese reader in Chinese, every
edition accepts both (so a first-attempt score means the same in each), and the key is shown in the reader's
language with the Chinese beside the English."""

from __future__ import annotations

import pandas as pd
import pytest

from office_roles import exercises as ex
from office_roles import widgets as W
from office_roles.i18n import has_cjk
from office_roles.store import ResponseStore
from office_roles.translation import quote_english, renderings


@pytest.fixture(scope="module")
def data(art):
    return ex.load_exercises(art=art)


@pytest.fixture(scope="module")
def fills(data) -> pd.DataFrame:
    found = data.quiz[data.quiz["qtype"] == "fill"]
    assert len(found) >= 10
    return found


def test_every_fill_in_has_english_answers_the_english_reader_can_find(art, fills):
    for q in fills.itertuples():
        english = ex.fill_answers(pd.Series(q._asdict()), "en")
        assert english and not any(has_cjk(a) for a in english), q.question_id
        # The first accepted English is the curated translation's own wording of the evidence sentence.
        assert english[0].lower() in quote_english(art, q.evidence_zh).lower(), q.question_id


def test_a_glossary_term_accepts_its_english_and_every_variant(art, fills):
    forms = renderings(art.glossary)
    checked = 0
    for q in fills.itertuples():
        if q.answer in forms:
            accepted = {a.lower() for a in ex.fill_answers(pd.Series(q._asdict()), "en")}
            assert set(forms[q.answer]) <= accepted, q.question_id
            checked += 1
    assert checked >= 6


def test_the_english_prompt_does_not_give_the_answer_away(fills):
    for q in fills.itertuples():
        prompt = q.prompt_en.lower()
        assert "in english or in chinese" in prompt, q.question_id
        assert not any(a.lower() in prompt for a in ex.fill_answers(pd.Series(q._asdict()), "en")), q.question_id


@pytest.mark.parametrize("given, right", [
    ("外脑", True), ("external brain", True), ("The External Brain.", True), (" external  brain ", True),
    ("外 脑", True), ("brain", False), ("", False), ("external brains of the office", False),
])
def test_scoring_accepts_either_language_in_every_edition(fills, given, right):
    q = fills.set_index("question_id").loc["Q01"]
    assert ex.check_answer(q, given) is right


def test_the_key_is_shown_in_the_readers_language(fills):
    q = fills.set_index("question_id").loc["Q31"]
    assert ex.fill_key(q, "zh") == "艰苦奋斗"
    assert ex.fill_key(q, "en") == "hard struggle (艰苦奋斗)"
    assert ex.fill_key(q, "both") == "艰苦奋斗 · hard struggle"
    no_english = pd.Series({"qtype": "fill", "answer": "事务", "answer_en": ""})
    assert ex.fill_key(no_english, "en") == "事务" and ex.check_answer(no_english, "事务")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_quiz_widget_scores_the_same_in_both_editions(art, data, tmp_path, language):
    with ResponseStore(tmp_path / "r.sqlite") as store:
        session = W.Session(store=store, language=language)
        session.name.value, session.group.value = "王芳", "一组"
        quiz = W.Quiz(art, data, session, language)
        q01 = int(data.quiz.index[data.quiz["question_id"] == "Q01"][0])
        q31 = int(data.quiz.index[data.quiz["question_id"] == "Q31"][0])
        quiz.go(q01)
        quiz.answer("external brain")
        assert quiz.check()
        quiz.go(q31)
        quiz.answer("艰苦奋斗")
        assert quiz.check()
        result = quiz.result.value
        if language == "en":
            assert "hard struggle (艰苦奋斗)" in result
        else:
            assert "艰苦奋斗" in result and "hard struggle" not in result
        # Recomputed from the store, as the group view does, the scores agree whatever the edition.
        first = ex.quiz_first_attempts(store.responses("quiz"), data.quiz)
        assert first["correct"].tolist() == [True, True]
