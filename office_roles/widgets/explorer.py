"""Explorer: pick a function, task or requirement → its text, inline lists and links with evidence, and the
parallel reader: the item's sentences zh | en side by side with the translator's notes."""

from __future__ import annotations

import ipywidgets as w

from ..article import Article
from ..i18n import missing, term
from ..plots.style import MUTED
from ..registry import EXERCISES
from ..store import safe_html
from ..translation import item_reading
from .base import Exercise, Session, html_text, item_label, quote_html


def parallel_html(art: Article, item_id: str, language: str) -> str:
    """An item's sentences as a two-column table, Chinese | English, each with the translator's note in the
    reader's language (Chinese notes in ``zh``, English in ``en``, both in ``both``). A sentence without English
    (an article with no curated layer) keeps its row with an empty right column."""
    rows = []
    for row in item_reading(art, item_id).itertuples():
        notes = {"zh": [row.note_zh], "en": [row.note_en]}.get(language, [row.note_zh, row.note_en])
        note = "<br>".join(safe_html(n) for n in notes if n)
        note_html = (f"<tr><td colspan='2' style='color:{MUTED}'><small>{term('translator_note', language)}: "
                     f"{note}</small></td></tr>") if note else ""
        rows.append(f"<tr><td style='vertical-align:top;width:50%'>{safe_html(row.text_zh)}</td>"
                    f"<td style='vertical-align:top'>{safe_html(row.text_en)}</td></tr>{note_html}")
    head = f"<tr><th>{term('book_zh', language)}</th><th>{term('book_en', language)}</th></tr>"
    return f"<table style='width:100%'>{head}{''.join(rows)}</table>"


@EXERCISES.register("explorer")
class Explorer(Exercise):
    """Pick a function, task or requirement → its text, its inline lists and its links with evidence."""

    exercise = "explorer"

    def __init__(self, art: Article, session: Session | None = None, language: str | None = None) -> None:
        super().__init__(art, session, language)
        self.choice = w.Dropdown(layout=w.Layout(width="360px"))
        self.html = w.HTML()
        # The English column is what an English reader reads the item in; a Chinese reader opens it on request.
        self.parallel_toggle = w.ToggleButton(value=self.language != "zh", icon="columns")
        self.parallel = w.HTML()
        # (item, language) → the reader's table: the article does not change under a widget, and building it
        # (a merge over every sentence) cost more than the rest of a click.
        self._parallel_cache: dict[tuple[str, str], str] = {}
        self.choice.observe(lambda _: self.show(), names="value")
        self.parallel_toggle.observe(lambda _: self.show(), names="value")
        self.widget = w.VBox([self.choice, self.html, self.parallel_toggle, self.parallel])
        self.render()

    def set_language(self, language: str) -> None:
        self.parallel_toggle.value = language != "zh"
        super().set_language(language)

    def render(self) -> None:
        self.parallel_toggle.description = term("parallel", self.language)
        current = self.choice.value
        options = [(f"{r.item_id} · {item_label(self.art, r.item_id, self.language)}", r.item_id)
                   for r in self.art.items.itertuples()]
        self.choice.options = options
        self.choice.value = current if current in dict(options).values() else (options[0][1] if options else None)
        self.show()

    def _parallel(self, item_id: str, language: str) -> str:
        key = (item_id, language)
        if key not in self._parallel_cache:
            self._parallel_cache[key] = parallel_html(self.art, item_id, language)
        return self._parallel_cache[key]

    def show(self, item_id: str | None = None) -> str:
        if item_id is not None:
            self.choice.value = item_id
            return self.html.value
        if self.choice.value is None:
            self.html.value = self.parallel.value = ""
            return ""
        item = self.art.items.set_index("item_id").loc[self.choice.value]
        lang = self.language
        parts = [f"<h3>{html_text(item['headline_zh'], item.get('headline_en'), lang)}</h3>"]
        summary_zh, summary_en = item.get("summary_zh"), item.get("summary_en")
        if lang != "en" or missing(summary_en):
            parts.append(f"<blockquote>{safe_html(item['text_zh'])}</blockquote>")
        if not (missing(summary_zh) and missing(summary_en)):
            parts.append(f"<p><i>{html_text(summary_zh, summary_en, lang)}</i></p>")
        lists = self.art.lists[self.art.lists["item_id"] == self.choice.value]
        if len(lists):
            parts.append(f"<b>{term('lists', lang)}</b><ul>")
            for _, group in lists.groupby("list_id"):
                elements = "、".join(group["element_zh"]) if lang != "en" else "; ".join(
                    group["element_en"].fillna(group["element_zh"]))
                kind = term(f"list_{group['list_type'].iloc[0]}", lang)
                parts.append(f"<li>{safe_html(elements)} <small>({safe_html(kind)})</small></li>")
            parts.append("</ul>")
        links = self.art.links[(self.art.links["task_id"] == self.choice.value)
                               | (self.art.links["function_id"] == self.choice.value)]
        if len(links):
            parts.append(f"<b>{term('links', lang)}</b><ul>")
            for link in links.itertuples():
                other = link.function_id if link.task_id == self.choice.value else link.task_id
                basis = term(f"link_{link.basis}", lang)
                parts.append(
                    f"<li>{safe_html(item_label(self.art, other, lang))} — {term(link.strength, lang)}, {basis}: "
                    f"{quote_html(self.art, link.evidence_zh, lang)}"
                    f"<br><small>{html_text(link.rationale_zh, link.rationale_en, lang)}</small>"
                    + "</li>"
                )
            parts.append("</ul>")
        self.html.value = "".join(parts)
        self.parallel.value = self._parallel(self.choice.value, lang) if self.parallel_toggle.value else ""
        return self.html.value
