"""Suggestion review: accept or reject each suggested link from a new article's items to the four functions."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ..article import Article
from ..i18n import term
from ..registry import EXERCISES
from ..store import safe_html
from .base import Exercise, Session


@EXERCISES.register("suggestions")
class SuggestionReview(Exercise):
    """Accept or reject each suggested link from an item of a new article to one of the four functions."""

    exercise = "suggestions"

    def __init__(self, art: Article, suggestions: pd.DataFrame, session: Session | None = None,
                 language: str | None = None) -> None:
        super().__init__(art, session, language)
        self.suggestions = suggestions.reset_index(drop=True)
        self.choices = [w.ToggleButtons(options=self._options(), value="undecided", style={"button_width": "90px"})
                        for _ in range(len(self.suggestions))]
        self.rows = [w.HTML() for _ in range(len(self.suggestions))]
        self.submit_button = w.Button(button_style="primary")
        self.submit_button.on_click(lambda _: self.submit_decisions())
        self.widget = w.VBox([*[w.HBox([row, choice]) for row, choice in zip(self.rows, self.choices, strict=True)],
                              self.submit_button, self.status])
        self.render()

    def render(self) -> None:
        lang = self.language
        for row, choice, item in zip(self.rows, self.choices, self.suggestions.itertuples(), strict=True):
            row.value = (f"<b>{safe_html(item.item_id)}</b> {safe_html(item.headline_zh)} → "
                         f"<b>{safe_html(item.function_zh)}</b> <small>({safe_html(item.triggers)}; "
                         f"{item.score})</small>")
            value = choice.value
            choice.options = self._options()
            choice.value = value
        self.submit_button.description = term("submit", lang)

    def _options(self) -> list[tuple[str, str]]:
        return [(term(key, self.language), key) for key in ("undecided", "accept", "reject")]

    def decide(self, index: int, decision: str) -> None:
        self.choices[index].value = decision

    def decisions(self) -> pd.DataFrame:
        table = self.suggestions[["item_id", "headline_zh", "function_id", "function_zh", "triggers"]].copy()
        table["decision"] = [choice.value for choice in self.choices]
        return table

    def accepted(self) -> pd.DataFrame:
        table = self.decisions()
        return table[table["decision"] == "accept"].reset_index(drop=True)

    def submit_decisions(self) -> bool:
        decided = self.decisions()
        decided = decided[decided["decision"] != "undecided"]
        answer = {"article": self.art.title or "", "decisions": decided[["item_id", "function_id", "decision"]]
                  .to_dict(orient="records")}
        return self.submit(answer)
