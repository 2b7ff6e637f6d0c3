"""Self-assessment: rate yourself on 会写、会说、会做、会谋 and the four requirements; compare with the group."""

from __future__ import annotations

import ipywidgets as w

from .. import exercises as ex
from ..article import Article
from ..errors import StoreError
from ..i18n import LINES, options, term
from ..plots.live import RadarFigure
from ..registry import EXERCISES
from .base import Exercise, Session, shared_look, warning


@EXERCISES.register("self_assessment")
class SelfAssessment(Exercise):
    """Rate yourself on 会写、会说、会做、会谋 and the four requirements; compare with your group."""

    exercise = "self_assessment"

    def __init__(self, art: Article, session: Session | None = None, language: str | None = None) -> None:
        super().__init__(art, session, language)
        self.dimensions = ex.self_assessment_dimensions(art)
        look = shared_look(w.IntSlider, width="420px")
        look["style"].description_width = "150px"
        self.sliders = {d: w.IntSlider(value=3, min=1, max=5, continuous_update=False, **look)
                        for d in self.dimensions["dimension"]}
        for slider in self.sliders.values():
            slider.observe(lambda _: self.update(), names="value")
        self.show_group = w.Checkbox(value=False, indent=False)
        self.show_group.observe(lambda _: self.refresh_group(), names="value")
        self.submit_button = w.Button(button_style="primary")
        self.submit_button.on_click(lambda _: self.submit_ratings())
        self.image = w.Image(format="png")
        self.group_average: dict[str, float] = {}
        self.figure: RadarFigure | None = None
        self.widget = w.HBox([w.VBox([*self.sliders.values(), w.HBox([self.show_group, self.submit_button]),
                                      self.status]), self.image])
        self.render()

    def _labels(self) -> list[str]:
        return options(self.dimensions["dimension"], self.dimensions["label_en"], self.language, sep=LINES)

    def render(self) -> None:
        for slider, text in zip(self.sliders.values(), self._labels(), strict=True):
            slider.description = text.replace("\n", " ")
        self.show_group.description = term("show_group", self.language)
        self.submit_button.description = term("submit", self.language)
        legend_lang = "zh" if self.language == "zh" else "en"
        self.figure = RadarFigure(self._labels(), legend=(term("you", legend_lang), term("group_average", legend_lang)))
        self.update()

    def ratings(self) -> dict[str, int]:
        return {d: s.value for d, s in self.sliders.items()}

    def refresh_group(self) -> None:
        """Read the group's average from the store (on demand, not on every slider move). A mean over fewer than
        three people would give their ratings away, so it is shown only from three participants on."""
        self.group_average = {}
        if self.show_group.value:
            try:
                responses = self.session.group_responses(self.exercise)
            except StoreError as error:
                self.status.value = warning(error, self.language)
                responses = None
            if responses is not None and len(responses):
                view = ex.assessment_group_view(responses.assign(group="group"))
                means = view.drop(columns=["group", "participants"]).iloc[0]
                if means.notna().all():
                    self.group_average = means.to_dict()
                else:
                    self.status.value = f"<small>{term('assessment_by_group', self.language)}</small>"
        self.update()

    def update(self) -> None:
        if self.figure is None:
            return
        group = [self.group_average.get(d, 0.0) for d in self.sliders] if self.group_average else None
        self.image.value = self.figure.update(list(self.ratings().values()), group)

    def submit_ratings(self) -> bool:
        ok = self.submit({"ratings": self.ratings()})
        if ok and self.show_group.value:
            self.refresh_group()
        return ok
