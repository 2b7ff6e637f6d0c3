"""Bring your own article: paste a text, upload a file in any registered input format, or pick a shipped sample."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
import pandas as pd

from .. import sources
from ..article import Article, article_from_text
from ..errors import ArticleError
from ..i18n import term
from ..settings import settings
from ..store import safe_html
from .base import warning


def samples(folder: Path | None = None) -> pd.DataFrame:
    """The sample texts shipped in ``data/samples`` with their source record."""
    folder = folder or settings.data_dir / "samples"
    table = pd.read_csv(folder / "sources.csv", dtype=str, keep_default_na=False)
    table["path"] = [str(folder / name) for name in table["file"]]
    return table

def loaded_message(article: Article, language: str) -> str:
    """What was loaded, in the reader's language: title and size, and the two notes ``article_from_text`` gives in
    English (no curated layer, a flat outline), said from the article's own state."""
    summary = term("loaded_summary", language).format(
        title=article.title or "…", chars=len(article.text), parts=len(article.parts), items=len(article.items))
    notes = [] if article.curated else [term("no_curated_note", language)]
    if not len(article.parts) and not len(article.items):
        notes.append(term("flat_note", language))
    return f"✓ {term('loaded', language)}: {safe_html(summary)}" + "".join(
        f"<br><small>{safe_html(note)}</small>" for note in notes)


class ArticleLoader:
    """Paste a text, upload a .txt/.docx file or pick a sample → ``self.article``.

    Problems (empty text, a binary or undecodable file, a text without markers) come back as a message; the
    pasted text stays in the box. ``on_load`` is called with each new article.
    """

    def __init__(self, on_load: Callable[[Article], None] | None = None, language: str | None = None,
                 folder: Path | None = None) -> None:
        self.language = language or settings.language
        self.on_load = on_load
        self.article: Article | None = None
        self.samples = samples(folder)
        self.sample = w.Dropdown(options=[("—", None), *zip(self.samples["title"], self.samples["path"],
                                                             strict=True)],
                                 layout=w.Layout(width="480px"), style={"description_width": "initial"})
        self.sample.observe(lambda change: change["new"] and self.load_sample(change["new"]), names="value")
        self.text = w.Textarea(layout=w.Layout(width="95%", height="140px"))
        self.load_button = w.Button(button_style="primary")
        self.load_button.on_click(lambda _: self.load_text(self.text.value))
        self.upload = w.FileUpload(accept=sources.accept(), multiple=False)
        self.upload.observe(lambda _: self.load_upload(), names="value")
        self.status = w.HTML()
        self.widget = w.VBox([self.sample, self.text, w.HBox([self.load_button, self.upload]), self.status])
        self.set_language(self.language)

    def set_language(self, language: str) -> None:
        self.language = language
        self.sample.description = term("sample", language)
        self.text.placeholder = term("paste", language)
        self.load_button.description = term("load_text", language)
        self.upload.description = term("upload", language).format(formats=" / ".join(sources.supported()))

    def _load(self, text: str, source: str) -> Article | None:
        try:
            article = article_from_text(text, {"loaded_from": source})
        except ArticleError as error:
            self.status.value = warning(error, self.language)
            return None
        self.article = article
        self.status.value = loaded_message(article, self.language)
        if self.on_load is not None:
            self.on_load(article)
        return article

    def load_sample(self, path: str) -> Article | None:
        return self._load(Path(path).read_text(encoding="utf-8"), Path(path).name)

    def load_text(self, text: str) -> Article | None:
        self.text.value = text
        return self._load(text, "pasted text")

    def load_upload(self) -> Article | None:
        for upload in self.upload.value:
            try:
                text = sources.read_upload(upload["name"], bytes(upload["content"]))
            except ArticleError as error:
                self.status.value = warning(error, self.language)
                return None
            return self._load(text, upload["name"])
        return None
