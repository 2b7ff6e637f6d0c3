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
from .base import Exercise, Session, html_text, item_label, quote_html, shared_look


@EXERCISES.register("mapping")
class MappingEditor(Exercise):
    """Build your own function × task mapping; see it against the links the article states (scored, with Cohen's
    kappa) and, apart, against the editors' reading (compared, not scored)."""

    exercise = "mapping"

    def __init__(self, art: Article, session: Session | None = None, language: str | None = None) -> None:
        super().__init__(art, session, language)
        self.functions, self.tasks = art.function_ids(), art.task_ids()
        self.layers = ex.mapping_layers(art)
        self.article = self.layers["article"]  # what the text states: the grid is compared with this
        self._article = self.article.to_numpy()
        self._mine = np.zeros(self._article.shape, dtype="int64")
        self._cell = {(f, task): (r, c) for r, f in enumerate(self.functions) for c, task in enumerate(self.tasks)}
        # The 40 cells share one layout and one style: each widget's own would be two more models for every
        # visitor's page to fetch and build (tests/test_widgets.py counts them).
        cell = shared_look(w.ToggleButton, width="72px", height="30px")
        self.toggles = {(f, task): w.ToggleButton(value=False, **cell) for f in self.functions for task in self.tasks}
        self._label = shared_look(w.HTML)
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
        def label(text: str) -> w.HTML:
            return w.HTML(text, **self._label)

        header = [label("")] + [label(f"<b>{safe_html(item_label(self.art, x, lang))}</b>") for x in self.tasks]
        rows = []
        for f in self.functions:
            rows.append(label(f"<b>{safe_html(item_label(self.art, f, lang))}</b>"))
            rows.extend(self.toggles[(f, task)] for task in self.tasks)
        self.grid.children = header + rows
        self.compare.description = term("compare_stated", lang)
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
        """Agreement and kappa with the article's stated links (``agreement``, ``kappa``) and with the editors'
        reading (``reading_agreement``, ``reading_kappa``)."""
        table = ex.compare_mapping(self.art, self.mine())
        return {"agreement": float(table.at["article", "agreement"]), "kappa": float(table.at["article", "kappa"]),
                "reading_agreement": float(table.at["reading", "agreement"]),
                "reading_kappa": float(table.at["reading", "kappa"])}

    def update(self, redraw: bool = True) -> None:
        mine, lang = self.mine(), self.language
        if redraw and self.figure is not None:
            self.image.value = self.figure.update(self._mine, self._article, self.compare.value)
        if not self.compare.value:
            self.agreement.value = self.differences.value = ""
            return
        scores = self.scores()

        def kappa(value: float) -> str:
            return "—" if pd.isna(value) else f"{value:.2f}"

        self.agreement.value = (
            f"<b>{term('layer_article', lang)}</b> — {term('agreement', lang)}: {scores['agreement']:.0%}, "
            f"{term('kappa', lang)}: {kappa(scores['kappa'])}<br>"
            f"<i>{term('layer_reading', lang)}</i> — {term('agreement', lang)}: {scores['reading_agreement']:.0%}, "
            f"{term('kappa', lang)}: {kappa(scores['reading_kappa'])}")
        diff = ex.layered_disagreements(self.art, mine)
        stated_differ = diff[(diff["yours"] == "linked") != (diff["article"] == "stated")] if len(diff) else diff
        head = "" if len(stated_differ) else f"<p>{term('no_differences_stated', lang)}</p>"
        if diff.empty:
            self.differences.value = head
            return
        words = {"linked": "linked", "not linked": "not_linked", "stated": "stated", "not stated": "not_stated",
                 "not read": "not_read", "primary": "primary", "secondary": "secondary"}
        rows = "".join(
            f"<tr><td>{safe_html(item_label(self.art, r.function_id, lang))}–"
            f"{safe_html(item_label(self.art, r.task_id, lang))}</td>"
            f"<td>{term(words[r.yours], lang)}</td><td>{term(words[r.article], lang)}</td>"
            f"<td>{term(words[r.reading], lang)}</td>"
            f"<td>{quote_html(self.art, r.evidence_zh, lang) if r.evidence_zh else ''}</td>"
            f"<td>{html_text(r.rationale_zh, r.rationale_en, lang)}</td></tr>"
            for r in diff.itertuples()
        )
        header = "".join(f"<th>{term(k, lang)}</th>" for k in ("cell", "you", "layer_article", "layer_reading",
                                                                  "evidence", "why"))
        self.differences.value = (f"{head}<b>{term('differences', lang)} ({len(diff)})</b>"
                                  f"<table><tr>{header}</tr>{rows}</table>")

    def submit_mapping(self) -> bool:
        mine = self.mine()
        pairs = [[f, task] for f in self.functions for task in self.tasks if mine.loc[f, task]]
        return self.submit({"links": pairs, **{k: round(v, 3) for k, v in self.scores().items()
                                               if not pd.isna(v)}})
