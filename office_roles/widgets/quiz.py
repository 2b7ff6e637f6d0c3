"""Quiz on all three parts: choice, multiple choice, fill-in and ordering, scored with explanations."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from .. import exercises as ex
from ..article import Article
from ..i18n import options, term
from ..registry import EXERCISES
from ..store import safe_html
from .base import Exercise, Session, html_text, quote_html


@EXERCISES.register("quiz")
class Quiz(Exercise):
    """Questions on all three parts: choice, multiple choice, fill-in and ordering, scored with explanations."""

    exercise = "quiz"

    def __init__(self, art: Article, data: ex.ExerciseData, session: Session | None = None,
                 language: str | None = None, *, questions: int | None = None, part: str | None = None) -> None:
        super().__init__(art, session, language)
        self.questions = ex.pick_questions(data.quiz, n=questions, part=part)
        self.index = 0
        self.answers: dict[str, object] = {}
        self.results: dict[str, bool] = {}
        self.prompt = w.HTML()
        self.input_box = w.VBox()
        self.check_button = w.Button(button_style="primary")
        self.check_button.on_click(lambda _: self.check())
        self.previous = w.Button(icon="arrow-left")
        self.next = w.Button(icon="arrow-right")
        self.previous.on_click(lambda _: self.go(self.index - 1))
        self.next.on_click(lambda _: self.go(self.index + 1))
        self.result = w.HTML()
        self.score = w.HTML()
        self.widget = w.VBox([self.prompt, self.input_box, w.HBox([self.previous, self.check_button, self.next]),
                              self.result, self.score, self.status])
        self.render()

    @property
    def question(self) -> pd.Series:
        return self.questions.iloc[self.index]

    def render(self) -> None:
        lang = self.language
        self.check_button.description = term("check", lang)
        self.previous.description, self.next.description = term("previous", lang), term("next", lang)
        self.go(self.index)

    def go(self, index: int) -> None:
        self._remember()
        self.index = max(0, min(index, len(self.questions) - 1))
        q, lang = self.question, self.language
        self.prompt.value = (f"<b>{self.index + 1}/{len(self.questions)}</b> "
                             f"{html_text(q['prompt_zh'], q['prompt_en'], lang)}")
        self.input_box.children = self._inputs(q)
        self.result.value = ""
        self._show_score()

    def _option_labels(self, q: pd.Series) -> list[str]:
        return options(ex.options(q, "zh"), ex.options(q, "en"), self.language)

    def _inputs(self, q: pd.Series) -> tuple[w.Widget, ...]:
        saved = self.answers.get(q["question_id"])
        labels = self._option_labels(q)
        numbers = [str(i) for i in range(1, len(labels) + 1)]
        if q["qtype"] == "choice":
            radio = w.RadioButtons(options=list(zip(labels, numbers, strict=True)), value=saved,
                                   layout=w.Layout(width="auto"))
            return (radio,)
        if q["qtype"] == "multi":
            chosen = set(saved or [])
            return tuple(w.Checkbox(value=n in chosen, description=lab, indent=False, layout=w.Layout(width="auto"))
                         for n, lab in zip(numbers, labels, strict=True))
        if q["qtype"] == "fill":
            return (w.Text(value=str(saved or ""), placeholder=term("type_answer", self.language)),)
        order = list(saved or [None] * len(labels))
        return tuple(
            w.Dropdown(options=[("—", None), *zip(labels, numbers, strict=True)], value=order[k],
                       description=term("position", self.language).format(n=k + 1),
                       layout=w.Layout(width="auto"), style={"description_width": "initial"})
            for k in range(len(labels))
        )

    def current_answer(self) -> object:
        q, inputs = self.question, self.input_box.children
        if q["qtype"] in ("choice", "fill"):
            return inputs[0].value
        if q["qtype"] == "multi":
            return [str(i) for i, box in enumerate(inputs, start=1) if box.value]
        return [box.value for box in inputs]

    def answer(self, value: object) -> None:
        """Fill in the current question's inputs from code (a number, list of numbers or text)."""
        q, inputs = self.question, self.input_box.children
        if q["qtype"] in ("choice", "fill"):
            inputs[0].value = str(value)
        elif q["qtype"] == "multi":
            for i, box in enumerate(inputs, start=1):
                box.value = str(i) in {str(v) for v in value}  # type: ignore[union-attr]
        else:
            for box, v in zip(inputs, value, strict=True):  # type: ignore[call-overload]
                box.value = str(v)

    def _remember(self) -> None:
        if self.input_box.children:
            self.answers[self.question["question_id"]] = self.current_answer()

    def check(self) -> bool:
        q, lang = self.question, self.language
        given = self.current_answer()
        self._remember()
        order_incomplete = q["qtype"] == "order" and None in given  # type: ignore[operator]
        correct = not order_incomplete and ex.check_answer(q, given)
        first = self.results.setdefault(q["question_id"], correct)  # the first attempt is the one that counts
        key = ex.fill_key(q, lang) if q["qtype"] == "fill" else q["answer"]
        if q["qtype"] in ("choice", "multi", "order"):
            labels = self._option_labels(q)
            key = " → ".join(labels[int(n) - 1] for n in q["answer"].split(","))
        self.result.value = (
            f"<p><b>{'✓ ' + term('correct', lang) if correct else '✗ ' + term('wrong', lang)}</b> — "
            f"{term('answer_is', lang)}: {safe_html(key)}</p>"
            f"<p>{html_text(q['explanation_zh'], q['explanation_en'], lang)}</p>"
            + ("" if first == correct else f"<p><small>{term('first_was', lang)}: {'✓' if first else '✗'}</small></p>")
            + f"<p><b>{term('article_says', lang)}:</b> {quote_html(self.art, q['evidence_zh'], lang)}</p>"
        )
        self._show_score()
        self.submit({"given": given, "correct": correct}, item=str(q["question_id"]))
        return correct

    def _show_score(self) -> None:
        right = sum(self.results.values())
        self.score.value = (f"<b>{term('score', self.language)}:</b> {right}/{len(self.results)} "
                            f"({len(self.questions)}; {term('first_attempt', self.language)})")
