"""While the store's server is unreachable, nothing a learner typed is lost: every exercise keeps its input, says
clearly that nothing was saved and that pressing the button again will, and the retry saves exactly one row."""

from __future__ import annotations

import re

import pytest

from office_roles import widgets as W
from office_roles.errors import StoreError, StoreUnavailableError
from office_roles.store import ResponseStore


class FlakyStore:
    """A real SQLite store behind a server that is down for the first ``failures`` submissions."""

    def __init__(self, store: ResponseStore, failures: int) -> None:
        self.store, self.failures = store, failures

    def submit(self, *args: object, **kwargs: object) -> int:
        if self.failures:
            self.failures -= 1
            raise StoreUnavailableError("nothing was saved: the response server db:5432/class cannot be reached "
                                        "(connection refused)")
        return self.store.submit(*args, **kwargs)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


def session_on(store: ResponseStore, failures: int, language: str = "both") -> W.Session:
    session = W.Session(store=FlakyStore(store, failures), language=language)  # type: ignore[arg-type]
    session.name.value, session.group.value = "王芳", "G2"
    return session


def fill_and_press(kind: str, art, data, session):
    """Type into one exercise; return (the exercise, its button press, what the learner's input reads)."""
    if kind == "discussion":
        deck = W.DiscussionDeck(art, data, session)
        deck.notes.value = "督查也是服务:第一条记录"
        return deck, deck.save_button.click, lambda: deck.notes.value
    if kind == "mapping":
        mapping = W.MappingEditor(art, session)
        mapping.set_mapping([("F1", "T1"), ("F2", "T3")])
        return mapping, mapping.submit_button.click, lambda: mapping.mine().to_numpy().tolist()
    if kind == "self_assessment":
        rating = W.SelfAssessment(art, session)
        first = next(iter(rating.sliders))
        rating.sliders[first].value = 2
        return rating, rating.submit_ratings, rating.ratings
    quiz = W.Quiz(art, data, session)
    fill = quiz.questions.index[quiz.questions["qtype"] == "fill"][0]
    quiz.go(int(fill))
    quiz.input_box.children[0].value = "我的答案"
    return quiz, quiz.check, quiz.current_answer


@pytest.mark.parametrize("kind", ["discussion", "mapping", "self_assessment", "quiz"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_an_unreachable_store_keeps_the_input_and_the_retry_saves_it_once(art, data, store, kind, language):
    session = session_on(store, failures=2, language=language)
    exercise, press, typed = fill_and_press(kind, art, data, session)
    before = typed()
    for _ in range(2):  # the server stays down for two presses
        press()
        assert "cannot be reached" in exercise.status.value  # the server's reason, kept for whoever helps
        said = {"zh": ("无法连接", "再按一次"), "en": ("cannot be reached just now", "press the button again")}
        assert all(words in exercise.status.value for words in said[language]), exercise.status.value
        if language == "zh":  # the reason is an attribute (shown on hover); the visible text is Chinese
            visible = re.sub(r"<[^>]*>", "", exercise.status.value)
            assert not re.search(r"[A-Za-z]", visible), visible
        assert typed() == before, "the learner's input changed after a failed save"
        assert store.responses().empty
    press()  # the server is back
    assert typed() == before
    assert "✓" in exercise.status.value
    rows = store.responses()
    assert len(rows) == 1 and rows["participant"].iloc[0] == "王芳"


def test_a_refusal_that_a_retry_cannot_fix_gives_no_retry_hint(art, data, store):
    session = session_on(store, failures=0)
    session.store.submit = lambda *a, **k: (_ for _ in ()).throw(StoreError("answer is too long", "answer"))
    deck = W.DiscussionDeck(art, data, session)
    deck.notes.value = "x"
    deck.save_button.click()
    assert "too long" in deck.status.value and "again" not in deck.status.value
    assert deck.notes.value == "x"
