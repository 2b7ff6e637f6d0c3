"""Scenarios: a situation from an office's day; which functions and tasks does it involve?"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as w

from .. import exercises as ex
from ..article import Article
from ..i18n import DOT, pick, term
from ..registry import EXERCISES
from ..store import safe_html
from .base import Exercise, Session, html_text, item_label, quote_html, shared_look


@EXERCISES.register("scenario")
class Scenarios(Exercise):
    """A situation from an office's day: which functions and tasks does it involve?"""

    exercise = "scenario"

    def __init__(self, art: Article, data: ex.ExerciseData, session: Session | None = None,
                 language: str | None = None) -> None:
        super().__init__(art, session, language)
        self.data = data.scenarios.set_index("scenario_id")
        self.choice = w.Dropdown(layout=w.Layout(width="420px"))
        self.choice.observe(lambda _: self.show(), names="value")
        self.situation = w.HTML()
        ids = [*art.function_ids(), *art.task_ids(),
               *art.items.loc[art.items["kind"] == "requirement", "item_id"]]
        box = shared_look(w.Checkbox, width="180px")
        self.boxes = {item_id: w.Checkbox(value=False, indent=False, **box) for item_id in ids}
        self.headings = (w.HTML(), w.HTML())
        self.check_button = w.Button(button_style="primary")
        self.check_button.on_click(lambda _: self.check())
        self.feedback = w.HTML()
        functions = w.HBox([self.boxes[i] for i in art.function_ids()], layout=w.Layout(flex_flow="row wrap"))
        tasks = w.HBox([b for i, b in self.boxes.items() if i not in art.function_ids()],
                       layout=w.Layout(flex_flow="row wrap"))
        self.widget = w.VBox([self.choice, self.situation, self.headings[0], functions, self.headings[1], tasks,
                              self.check_button, self.feedback, self.status])
        self.render()

    def render(self) -> None:
        lang = self.language
        current = self.choice.value
        options = [(f"{sid} · {pick(r['title_zh'], r['title_en'], lang, DOT, fallback='zh')}", sid)
                   for sid, r in self.data.iterrows()]
        self.choice.options = options
        self.choice.value = current if current in self.data.index else options[0][1]
        for item_id, box in self.boxes.items():
            box.description = item_label(self.art, item_id, lang)
        self.headings[0].value = f"<b>{term('functions', lang)}</b>"
        self.headings[1].value = f"<b>{term('tasks', lang)}</b>"
        self.check_button.description = term("check", lang)
        self.show()

    def show(self) -> None:
        row = self.data.loc[self.choice.value]
        self.situation.value = f"<p>{html_text(row['situation_zh'], row['situation_en'], self.language)}</p>"
        self.feedback.value = ""

    def chosen(self) -> set[str]:
        return {item_id for item_id, box in self.boxes.items() if box.value}

    def choose(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        for item_id, box in self.boxes.items():
            box.value = item_id in wanted

    def check(self) -> dict[str, list[str]]:
        row, lang = self.data.loc[self.choice.value], self.language
        result = ex.scenario_layers_feedback(row, self.chosen())

        def names(ids: list[str]) -> str:
            return "、".join(safe_html(item_label(self.art, i, lang)) for i in ids) or "—"

        self.feedback.value = (
            f"<p>✓ {term('matched', lang)}: {names(result['matched'])}<br>"
            f"○ {term('missed', lang)}: {names(result['missed'])}<br>"
            f"+ {term('extra', lang)}: {names(result['extra'])}</p>"
            f"<p><i>{term('layer_reading', lang)}</i> — {term('reading_shared', lang)}: "
            f"{names(result['reading_shared'])}<br>{term('reading_not_chosen', lang)}: "
            f"{names(result['reading_not_chosen'])}</p>"
            f"<p>{html_text(row['feedback_zh'], row['feedback_en'], lang)}</p>"
            f"<p><b>{term('article_says', lang)}:</b> {quote_html(self.art, row['evidence_zh'], lang)}</p>"
        )
        self.submit({"chosen": sorted(self.chosen()), **result}, item=str(self.choice.value))
        return result
