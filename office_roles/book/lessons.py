"""The lesson notebooks made ready for a static page: saved outputs kept, never executed, and every cell that
shows a live widget followed by a note that says where to run it and what its static version is.

Saved widget views need a kernel; MyST-NB renders them as a blank, and the editions save none at all. So the
note is added whatever was saved, and widget views and widget state are dropped so that no page loads a widget
manager from a CDN.
"""

from __future__ import annotations

import copy
import re

import nbformat

from . import markdown as md
from .words import say, widget_view

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
NAV_MARKER = "<!--NAVIGATION-->"
NAV_TAG = "navigation"
# A cell whose result is a widget: ``x.widget`` on its last line, or a call ``widgets.f(...)`` (same rule as
# the slides in tools/notebooks.py); the name of the class or function tells which widget it is.
_DISPLAYS_WIDGET = re.compile(r"(\.widget\s*$)|(^widgets\.\w+\()", re.MULTILINE)
_WIDGET_CALL = re.compile(r"\bwidgets\.(\w+)\(")
# A link from one edition's notebook to the other's (``../en/00_start_here.ipynb``): outside this language's
# Sphinx project, so it becomes a plain link to that page of the other language's book.
_OTHER_EDITION_LINK = re.compile(r"\[([^\]]+)\]\(\.\./(zh|en)/(\d\d_[a-z0-9_]+)\.ipynb(?:#[^)\s]*)?\)")


def link_other_edition(markdown: str) -> str:
    """Links to the other edition's notebooks pointed at its pages in the book (lessons sit in ``<lang>/lessons/``)."""
    return _OTHER_EDITION_LINK.sub(r'<a href="../../\2/lessons/\3.html">\1</a>', markdown)


def is_navigation(cell) -> bool:
    """The previous/next cell of the notebooks: the book's own navigation replaces it."""
    return NAV_TAG in cell.get("metadata", {}).get("tags", []) or NAV_MARKER in cell.get("source", "")


def widget_name(cell) -> str | None:
    """The widget a code cell displays (``Quiz``, ``language_toggle`` …), ``""`` if unknown, None if none."""
    if cell.get("cell_type") != "code":
        return None
    source = cell.get("source", "")
    saved_view = any(WIDGET_VIEW_MIME in out.get("data", {}) for out in cell.get("outputs", []))
    if not saved_view and not _DISPLAYS_WIDGET.search(source.strip()):
        return None
    calls = _WIDGET_CALL.findall(source)
    return calls[-1] if calls else ""


def widget_note(name: str, languages: tuple[str, ...], page_prefix: str = "../") -> str:
    """The admonition shown under a widget cell: where to run it, what it does, its static page if any."""
    parts = []
    for language in languages:
        page, description = widget_view(name, language)
        body = [md.paragraph(say("run_live_body", language))]
        if description:
            body.append(md.paragraph(description))
        if page:
            body.append(f"**{md.inline(say('static_version', language))}:** "
                        f"[{md.inline(_page_title(page, language))}]({page_prefix}{page}.md)\n")
        parts.append(md.page(*body))
    title = " · ".join(say("run_live", language) for language in languages)
    return md.admonition(title, "\n".join(parts), css_class="tip live-widget")


def glossary_cell(languages: tuple[str, ...], cell_id: str | None = None):
    """A Markdown cell linking the book's glossary page (lessons sit in ``<lang>/lessons/``, the glossary in
    ``<lang>/``), in place of a notebook's navigation cell."""
    links = " · ".join(f"[{md.inline(say('glossary', language))}](../glossary.md)" for language in languages)
    cell = nbformat.v4.new_markdown_cell(links)
    if cell_id:
        cell["id"] = f"{cell_id}-glossary"[:64]
    else:
        cell.pop("id", None)
    return cell


def _page_title(page: str, language: str) -> str:
    return say(page.rsplit("/", 1)[-1], language)


def _without_widget_outputs(cell) -> list:
    return [out for out in cell.get("outputs", []) if WIDGET_VIEW_MIME not in out.get("data", {})]


def prepare(nb, languages: tuple[str, ...]):
    """A copy of ``nb`` for the book: no widget views or state, a note under each widget, and the navigation
    cell (the book has its own previous/next) replaced by a link to the book's glossary page."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    cells = []
    for cell in nb.cells:
        if is_navigation(cell):
            cells.append(glossary_cell(languages, cell.get("id")))
            continue
        if cell.cell_type == "markdown":
            cell.source = link_other_edition(cell.source)
        name = widget_name(cell)
        if name is None:
            cells.append(cell)
            continue
        cell.outputs = _without_widget_outputs(cell)
        note = nbformat.v4.new_markdown_cell(widget_note(name, languages))
        if "id" in cell:  # a stable id, so two builds of the same notebook are the same
            note["id"] = f"{cell['id']}-static"[:64]
        else:
            note.pop("id", None)
        cells += [cell, note]
    nb.cells = cells
    return nb
