"""Mapping editor: the learner's own function × task mapping against the article's, with Cohen's kappa."""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as w
import numpy as np
import pandas as pd

from .. import exercises as ex
from ..article import Article
from ..i18n import term
from ..plots.live import COMPARISON_NAMES, MappingFigure
from ..registry import EXERCISES
from ..store import safe_html
from .base import Exercise, Session, item_label


@EXERCISES.register("mapping")
class MappingEditor(Exercise):
    """Build your own function × task mapping; see it against the article's with Cohen's kappa."""

    exercise = "mapping"

    def __init__(self, art: Article, session: Session | None = None, language: str | None = None) -> None:
        super().__init__(art, session, language)
        self.functions, self.tasks = art.function_ids(), art.task_ids()
        self.article = ex.mapping_matrix(art)
        self._article = self.article.to_numpy()
        self._mine = np.zeros(self._article.shape, dtype="int64")
        self._cell = {(f, task): (r, c) for r, f in enumerate(self.functions) for c, task in enumerate(self.tasks)}
        self.toggles = {
            (f, task): w.ToggleButton(value=False, layout=w.Layout(width="72px", height="30px"))
            for f in self.functions for task in self.tasks
        }
        for toggle in self.toggles.values():
            toggle.observe(self._on_toggle, names="value")
        self.compare = w.Checkbox(value=False, indent=False)
        self.compare.observe(lambda _: self.update(), names="value")
        self.image = w.Image(format="png")
        self.agreement = w.HTML()
        self.differences = w.HTML()
        self.submit_button = w.Button(button_style="primary")
        self.submit_button.on_click(lambda _: self.submit_mapping())
        self.grid = w.GridBox(layout=w.Layout(grid_template_columns=f"110px repeat({len(self.tasks)}, 76px)"))
        self.figure: MappingFigure | None = None
        self.widget = w.VBox([self.grid, w.HBox([self.compare, self.submit_button]), self.image, self.agreement,
                              self.differences, self.status])
        self.render()

    def render(self) -> None:
        lang = self.language
        header = [w.HTML("")] + [w.HTML(f"<b>{safe_html(item_label(self.art, x, lang))}</b>") for x in self.tasks]
        rows = []
        for f in self.functions:
            rows.append(w.HTML(f"<b>{safe_html(item_label(self.art, f, lang))}</b>"))
            rows.extend(self.toggles[(f, task)] for task in self.tasks)
        self.grid.children = header + rows
        self.compare.description = term("compare", lang)
        self.submit_button.description = term("submit", lang)
        legend_lang = "zh" if lang == "zh" else "en"
        self.figure = MappingFigure(
            [item_label(self.art, f, legend_lang) for f in self.functions],
            [item_label(self.art, x, legend_lang) for x in self.tasks],
            COMPARISON_NAMES[legend_lang],
        )
        self.update()

    def _on_toggle(self, change: dict) -> None:
        self._show_toggle(change["owner"])
        self.update()

    def _show_toggle(self, toggle: w.ToggleButton) -> None:
        key = next(k for k, v in self.toggles.items() if v is toggle)
        self._mine[self._cell[key]] = int(toggle.value)
        toggle.description = "●" if toggle.value else ""
        toggle.button_style = "info" if toggle.value else ""

    def mine(self) -> pd.DataFrame:
        return pd.DataFrame(self._mine.copy(), index=self.functions, columns=self.tasks)

    def set_mapping(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Set the grid from (function_id, task_id) pairs; redraws once."""
        wanted = set(pairs)
        for key, toggle in self.toggles.items():
            toggle.unobserve(self._on_toggle, names="value")
            toggle.value = key in wanted
            self._show_toggle(toggle)
            toggle.observe(self._on_toggle, names="value")
        self.update()

    def scores(self) -> dict[str, float]:
        return {"agreement": float((self._mine == self._article).mean()),
                "kappa": ex.cohens_kappa(self.mine(), self.article)}

    def update(self, redraw: bool = True) -> None:
        mine, lang = self.mine(), self.language
        if redraw and self.figure is not None:
            self.image.value = self.figure.update(self._mine, self._article, self.compare.value)
        if not self.compare.value:
            self.agreement.value = self.differences.value = ""
            return
        scores = self.scores()
        kappa = "—" if pd.isna(scores["kappa"]) else f"{scores['kappa']:.2f}"
        self.agreement.value = (f"<b>{term('agreement', lang)}:</b> {scores['agreement']:.0%} &nbsp; "
                                f"<b>{term('kappa', lang)}:</b> {kappa}")
        diff = ex.disagreements(self.art, mine)
        if diff.empty:
            self.differences.value = f"<p>{term('no_differences', lang)}</p>"
            return
        rows = "".join(
            f"<tr><td>{safe_html(r.function)}–{safe_html(r.task)}</td><td>{r.yours}</td><td>{r.article}</td>"
            f"<td>{safe_html(r.evidence_zh)}</td></tr>"
            for r in diff.itertuples()
        )
        self.differences.value = (f"<b>{term('differences', lang)} ({len(diff)})</b><table>"
                                  f"<tr><th></th><th>you</th><th>article</th><th>evidence</th></tr>{rows}</table>")

    def submit_mapping(self) -> bool:
        mine = self.mine()
        pairs = [[f, task] for f in self.functions for task in self.tasks if mine.loc[f, task]]
        return self.submit({"links": pairs, **{k: round(v, 3) for k, v in self.scores().items()
                                               if not pd.isna(v)}})
