"""Group view: the group's pooled answers on demand; export to CSV and import participants' CSV files."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pandas as pd

from .. import exercises as ex
from ..article import Article
from ..errors import StoreError
from ..i18n import term
from ..plots.live import ShareFigure
from ..registry import EXERCISES
from ..settings import settings
from ..store import safe_html
from .base import Exercise, Session, item_label, warning


@EXERCISES.register("group_view")
class GroupView(Exercise):
    """The group's pooled answers, refreshed on demand; export to CSV and import participants' CSV files."""

    exercise = "group_view"

    def __init__(self, art: Article, session: Session | None = None, language: str | None = None,
                 export_dir: Path | None = None) -> None:
        super().__init__(art, session, language)
        self.export_dir = export_dir
        self.refresh_button = w.Button(icon="refresh")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.export_button = w.Button(icon="download")
        self.export_button.on_click(lambda _: self.export())
        self.upload = w.FileUpload(accept=".csv", multiple=True)
        self.upload.observe(lambda _: self.import_uploads(), names="value")
        self.image = w.Image(format="png")
        self.tables = w.HTML()
        self.widget = w.VBox([w.HBox([self.refresh_button, self.export_button, self.upload]), self.image,
                              self.tables, self.status])
        self.render()

    def render(self) -> None:
        lang = self.language
        self.figure: ShareFigure | None = None  # built on the next refresh, with labels in this language
        self.refresh_button.description = term("refresh", lang)
        self.export_button.description = term("export", lang)
        self.upload.description = term("import", lang)

    def summaries(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {
            "mapping": ex.mapping_distribution(self.art, self.session.responses("mapping")),
            "quiz": ex.quiz_scores(self.session.responses("quiz")),
            "self_assessment": ex.assessment_averages(self.session.responses("self_assessment")),
        }

    def refresh(self) -> dict[str, pd.DataFrame | pd.Series] | None:
        try:
            summary = self.summaries()
        except StoreError as error:
            self.status.value = warning(error)
            return None
        lang = self.language
        mapping = summary["mapping"]
        mapping_view = mapping.rename(index=lambda i: item_label(self.art, i, lang),
                                      columns=lambda i: item_label(self.art, i, lang))
        quiz = summary["quiz"]
        self.tables.value = (
            f"<h4>{term('compare', lang)}</h4>{mapping_view.to_html()}"
            f"<h4>Quiz</h4>{quiz.to_html(index=False) if len(quiz) else term('no_responses', lang)}"
            f"<h4>Self-assessment</h4>{summary['self_assessment'].to_frame('mean').to_html()}"
        )
        if self.figure is None:
            labels = "zh" if lang == "zh" else "en"
            self.figure = ShareFigure([item_label(self.art, i, labels) for i in mapping.index],
                                      [item_label(self.art, i, labels) for i in mapping.columns])
        self.image.value = self.figure.update(mapping)
        self.status.value = ""
        return summary

    def export(self) -> Path | None:
        folder = self.export_dir or settings.store_path.parent / "exports"
        group = self.session.group.value.strip() or "all"
        safe_group = "".join(ch for ch in group if ch.isalnum() or ch in "-_") or "group"
        try:
            path = self.session.store.export_csv(folder / f"responses-{safe_group}.csv")
        except (StoreError, OSError) as error:
            self.status.value = warning(error)
            return None
        self.status.value = f"{term('exported', self.language)} <code>{safe_html(str(path))}</code>"
        return path

    def import_uploads(self) -> int:
        """Import every uploaded file; each one is all-or-nothing and capped at the store's import limit."""
        added, messages = 0, []
        for upload in self.upload.value:
            name, content = upload["name"], bytes(upload["content"])
            try:
                added += self.session.store.import_csv(content, filename=name)
            except StoreError as error:
                messages.append(warning(error))
        messages.insert(0, f"{term('imported', self.language)}: {added}")
        self.status.value = "<br>".join(messages)
        return added
