"""Group view: what the group's answers add up to, on demand. A learner sees aggregates only — the shared
mapping, where the group splits, quiz and self-rating means per group (withheld under three people) — never another
learner's named answers. In facilitator mode: the named scores, CSV export (saved and offered as a download) and
import of participants' CSV files."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import ipywidgets as w
import pandas as pd

from .. import exercises as ex
from ..article import Article
from ..errors import Phrase, StoreError
from ..i18n import pick, term
from ..plots.live import ShareFigure
from ..registry import EXERCISES
from ..store import safe_html
from .base import Exercise, Session, item_label, warning

SPLIT_CELLS_SHOWN = 5
# The summary tables' column names (exercises.quiz_group_view …) → their header in the catalogue.
HEADER_KEYS = {"item": "col_item", "answered": "col_answered", "share_correct": "col_share_correct",
               "group": "group", "participants": "participants", "mean_score": "col_mean_score",
               "participant": "name", "correct": "correct", "score": "score", "retries": "col_retries"}
MAX_NAME_CHARS = 40  # of a group name in an export's file name: 40 hanzi are 120 bytes, well under 255


def export_name(group: str) -> str:
    """A file name for a group's export that any file system takes: letters, digits, - and _ of the name, cut
    to MAX_NAME_CHARS with a short hash so that two long names never collide."""
    kept = "".join(ch for ch in group if ch.isalnum() or ch in "-_") or "group"
    if len(kept) > MAX_NAME_CHARS:
        kept = kept[:MAX_NAME_CHARS] + "-" + hashlib.sha256(group.encode()).hexdigest()[:8]
    return f"responses-{kept}.csv"


def download_link(path: Path, label: str) -> str:
    """An HTML link that hands the file to the browser (works in JupyterLab and in the Voilà app alike)."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (f"<a download='{safe_html(path.name)}' href='data:text/csv;charset=utf-8;base64,{data}'>"
            f"⬇ {safe_html(label)}: {safe_html(path.name)}</a>")


@EXERCISES.register("group_view")
class GroupView(Exercise):
    """The group's pooled answers as aggregates; named scores, export and import in facilitator mode."""

    exercise = "group_view"

    def __init__(self, art: Article, session: Session | None = None, language: str | None = None,
                 export_dir: Path | None = None, data: ex.ExerciseData | None = None) -> None:
        super().__init__(art, session, language)
        self.export_dir = export_dir
        self.quiz = (data or ex.load_exercises()).quiz
        self.refresh_button = w.Button(icon="refresh")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.export_button = w.Button(icon="download")
        self.export_button.on_click(lambda _: self.export())
        self.upload = w.FileUpload(accept=".csv", multiple=True)
        self.upload.observe(lambda _: self.import_uploads(), names="value")
        self.facilitator_tools = w.HBox([self.export_button, self.upload])
        self.image = w.Image(format="png")
        self.tables = w.HTML()
        self.download = w.HTML()
        self.widget = w.VBox([w.HBox([self.refresh_button, self.facilitator_tools]), self.image, self.tables,
                              self.download, self.status])
        self.render()

    def render(self) -> None:
        lang = self.language
        self.figure: ShareFigure | None = None  # built on the next refresh, with labels in this language
        self.refresh_button.description = term("refresh", lang)
        self.export_button.description = term("export", lang)
        self.upload.description = term("import", lang)
        self.facilitator_tools.layout.display = "" if self.facilitator else "none"

    def summaries(self) -> dict[str, object]:
        """Aggregates without names for everyone; the named table only in facilitator mode."""
        mapping = self.session.group_responses("mapping")
        quiz = self.session.group_responses("quiz")
        summary: dict[str, object] = {
            "mapping": ex.mapping_distribution(self.art, mapping),
            "agreement": (ex.group_agreement(self.art, mapping)
                          if ex.latest_per_participant(mapping)["participant"].nunique() >= 2 else None),
            "quiz": ex.quiz_group_view(quiz, self.quiz),
            "self_assessment": ex.assessment_group_view(self.session.group_responses("self_assessment")),
        }
        if self.facilitator:
            summary["named_quiz"] = ex.quiz_facilitator_table(self.session.responses("quiz"), self.quiz)
        return summary

    def _table(self, table: pd.DataFrame) -> str:
        """A summary table as HTML with its column headers in the reader's language (pandas escapes the cells)."""
        names = {c: term(HEADER_KEYS[c], self.language) for c in table.columns if c in HEADER_KEYS}
        return table.rename(columns=names).to_html(index=False)

    def _label(self, item_id: str) -> str:
        return item_label(self.art, item_id, self.language)

    def refresh(self) -> dict[str, object] | None:
        try:
            summary = self.summaries()
        except StoreError as error:
            self.status.value = warning(error, self.language)
            return None
        lang = self.language
        mapping = summary["mapping"]
        parts = [f"<h4>{term('compare', lang)}</h4>"
                 f"{mapping.rename(index=self._label, columns=self._label).to_html()}"]
        if summary["agreement"] is not None:
            kappa, cells = summary["agreement"]
            split = cells.head(SPLIT_CELLS_SHOWN)
            items = "".join(f"<li>{safe_html(self._label(r.function_id))} – {safe_html(self._label(r.task_id))}: "
                            f"{r.linked}/{r.participants}</li>" for r in split.itertuples())
            parts.append(f"<h4>{term('group_agreement', lang)}: {term('fleiss_kappa', lang)} = {kappa:.2f}</h4>"
                         f"<b>{term('split_cells', lang)}</b><ul>{items}</ul>")
        quiz = summary["quiz"]
        if len(quiz["questions"]):
            parts.append(f"<h4>{term('quiz_by_question', lang)}</h4>{self._table(quiz['questions'])}"
                         f"<h4>{term('quiz_by_group', lang)}</h4>{self._table(quiz['groups'])}")
        assessment = summary["self_assessment"]
        if len(assessment):
            dims = ex.self_assessment_dimensions(self.art)  # the scales are named in the data's Chinese
            scales = {d: pick(d, en, lang, fallback="zh")
                      for d, en in zip(dims["dimension"], dims["label_en"], strict=True)}
            parts.append(f"<h4>{term('assessment_by_group', lang)}</h4>"
                         f"{self._table(assessment.rename(columns=scales))}")
        if "named_quiz" in summary:
            parts.append(f"<h4>{term('named_quiz', lang)}</h4>{self._table(summary['named_quiz'])}")
        if len(parts) == 1 and not mapping.to_numpy().any():
            parts.append(f"<p>{term('no_responses', lang)}</p>")
        self.tables.value = "".join(parts)  # pandas escapes every cell of to_html
        if self.figure is None:
            labels = "zh" if lang == "zh" else "en"
            self.figure = ShareFigure([item_label(self.art, i, labels) for i in mapping.index],
                                      [item_label(self.art, i, labels) for i in mapping.columns])
        self.image.value = self.figure.update(mapping)
        self.status.value = ""
        return summary

    def _refuse_unless_facilitator(self) -> bool:
        if not self.facilitator:
            self.status.value = warning(Phrase("facilitator_only"), self.language)
        return self.facilitator

    def export(self) -> Path | None:
        """Facilitator only: write the named CSV to a folder JupyterLab shows, and offer it as a download."""
        if not self._refuse_unless_facilitator():
            return None
        folder = self.export_dir or Path.cwd() / "exports"
        try:
            path = self.session.store.export_csv(folder / export_name(self.session.group.value.strip() or "all"))
        except (StoreError, OSError) as error:
            self.status.value = warning(error, self.language)
            return None
        self.download.value = download_link(path, term("export", self.language))
        shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path.name
        self.status.value = f"{term('exported', self.language)} <code>{safe_html(str(shown))}</code>"
        return path

    def import_uploads(self) -> int:
        """Facilitator only: import every uploaded file; each one is checked on its own, row by row."""
        if not self._refuse_unless_facilitator():
            return 0
        added, messages = 0, []
        for upload in self.upload.value:
            name, content = upload["name"], bytes(upload["content"])
            try:
                report = self.session.store.import_csv(content, filename=name)
            except StoreError as error:
                messages.append(warning(error, self.language))
                continue
            added += report.added
            if report.problems:  # the rows skipped, each named by file, row and field
                messages.append("<pre>" + safe_html(report.message(self.language)) + "</pre>")
        messages.insert(0, f"{term('imported', self.language)}: {added}")
        self.status.value = "<br>".join(messages)
        return added



