"""Discussion deck: prompts per part for a facilitator, with a countdown timer and notes saved to the store."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import ipywidgets as w

from .. import exercises as ex
from ..article import Article
from ..i18n import term
from ..plots.style import WARNING_COLOUR
from ..registry import EXERCISES
from ..store import safe_html
from .base import Exercise, Session, html_text


@EXERCISES.register("discussion")
class DiscussionDeck(Exercise):
    """Prompts per part for a facilitator, with a countdown timer and a notes field saved to the store."""

    exercise = "discussion"

    def __init__(self, art: Article, data: ex.ExerciseData, session: Session | None = None,
                 language: str | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(art, session, language)
        self.prompts = data.prompts.reset_index(drop=True)
        self.clock = clock
        self.index = 0
        self.prompt = w.HTML()
        self.previous, self.next = w.Button(icon="arrow-left"), w.Button(icon="arrow-right")
        self.previous.on_click(lambda _: self.go(self.index - 1))
        self.next.on_click(lambda _: self.go(self.index + 1))
        self.minutes = w.BoundedIntText(min=1, max=60, layout=w.Layout(width="140px"))
        self.start_button, self.reset_button = w.Button(icon="play"), w.Button(icon="undo")
        self.start_button.on_click(lambda _: self.toggle_timer())
        self.reset_button.on_click(lambda _: self.reset_timer())
        self.timer = w.HTML()
        self.notes = w.Textarea(layout=w.Layout(width="95%", height="100px"))
        self.save_button = w.Button(button_style="primary")
        self.save_button.on_click(lambda _: self.save_notes())
        self._deadline: float | None = None
        self._remaining = 0.0
        self._thread: threading.Thread | None = None
        self.widget = w.VBox([self.prompt, w.HBox([self.previous, self.next]),
                              w.HBox([self.minutes, self.start_button, self.reset_button, self.timer]),
                              self.notes, self.save_button, self.status])
        self.render()

    def render(self) -> None:
        lang = self.language
        self.previous.description, self.next.description = term("previous", lang), term("next", lang)
        self.minutes.description = term("minutes", lang)
        self.reset_button.description = term("reset", lang)
        self.notes.placeholder = term("notes", lang)
        self.save_button.description = term("save_notes", lang)
        self.go(self.index)

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.prompts) - 1))
        row, lang = self.prompts.iloc[self.index], self.language
        note = ""
        if self.facilitator:  # "listen for …" and the model answer are the facilitator's, never on the projector
            facilitator_note = html_text(row.get("note_zh"), row["note_en"], lang)
            note = (f"<br><small><b>{term('facilitator_note', lang)}:</b> {facilitator_note}<br>"
                    f"<b>{term('model_answer', lang)}:</b> "
                    f"{html_text(row['model_answer_zh'], row['model_answer_en'], lang)}</small>")
        part = term("all", lang) if row["part_id"] == "ALL" else row["part_id"]  # a prompt on the whole article
        self.prompt.value = (f"<b>{self.index + 1}/{len(self.prompts)} · {safe_html(part)}</b> "
                             f"{html_text(row['prompt_zh'], row['prompt_en'], lang)}{note}")
        self.minutes.value = int(row["minutes"])
        self.reset_timer()

    @property
    def running(self) -> bool:
        return self._deadline is not None

    def toggle_timer(self) -> None:
        if self.running:
            self._remaining = max(0.0, self._deadline - self.clock())  # type: ignore[operator]
            self._deadline = None
        else:
            self._deadline = self.clock() + (self._remaining or self.minutes.value * 60)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, daemon=True)
                self._thread.start()
        self.tick()

    def reset_timer(self) -> None:
        self._deadline = None
        self._remaining = self.minutes.value * 60
        self.tick()

    def tick(self) -> float:
        """Refresh the countdown label; returns the seconds left."""
        left = self._remaining if self._deadline is None else max(0.0, self._deadline - self.clock())
        lang = self.language
        self.start_button.description = term("stop", lang) if self.running else term("start", lang)
        if self.running and left <= 0:
            self._deadline, self._remaining = None, 0.0
            self.timer.value = f"<b style='color:{WARNING_COLOUR}'>{term('time_up', lang)}</b>"
            self.start_button.description = term("start", lang)
            return 0.0
        minutes, seconds = divmod(int(round(left)), 60)
        self.timer.value = f"<b style='font-size:1.4em'>{minutes:02d}:{seconds:02d}</b>"
        return left

    def _run(self) -> None:
        while self.running:
            self.tick()
            time.sleep(1)

    def save_notes(self) -> bool:
        row = self.prompts.iloc[self.index]
        return self.submit({"notes": self.notes.value, "prompt_en": row["prompt_en"]}, item=str(row["prompt_id"]))
