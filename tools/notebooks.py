#!/usr/bin/env python3
"""The one place that knows the notebook set: sources, editions, contents, navigation, structure, metadata.

Each lesson has ONE source notebook, ``notebooks/source/NN_snake_title.ipynb``. Its Markdown cells come in
pairs tagged ``lang-zh`` and ``lang-en`` (the Chinese cell first); its code cells are shared and carry no
outputs. ``--write`` renders every source into two editions, ``notebooks/zh/`` (中文版) and ``notebooks/en/``
(English edition): an edition keeps the Markdown of its language and every code cell, and gets one generated
first code cell that imports the package and sets ``orl.settings.language`` to the edition's language — the
only code the two editions do not share. Outputs are not in the source: ``make build`` executes the editions,
and ``--write`` carries each code cell's saved outputs over as long as its code is unchanged. The summary for
the contents tables sits in the source metadata at ``office_roles.summary_zh`` / ``summary_en``.

Run from anywhere (paths are taken from this file's location unless ``--root`` is given)::

    python tools/notebooks.py --write      # render editions; regenerate contents, navigation, slide types
    python tools/notebooks.py --check      # list what --write would change and every problem; exit 1
    python tools/notebooks.py --normalize  # generic python3 kernelspec, no timing metadata, widget state
    python tools/notebooks.py --slide-assets build/slides  # local reveal.js, require.js for `make slides`
    python tools/notebooks.py --lab-settings build/lab-settings/zh zh_CN  # JupyterLab's UI language

Generated text lives between markers, so nothing is maintained twice:

* the editions themselves (``--check`` reports an edition that is stale relative to its source);
* ``notebooks/index.ipynb``, the start page from which a reader picks an edition;
* ``<!--CONTENTS-->`` ... ``<!--/CONTENTS-->`` in any Markdown cell (that edition's contents) and in README.md
  (both editions side by side);
* a last Markdown cell starting with ``<!--NAVIGATION-->``: ``< previous | contents | next >`` links plus a link
  to the same notebook in the other edition, and the glossary as a table (for JupyterLab) and as the book's page
  (a link into ``build/book/`` is checked against the pages the book writes);
* in every lesson (a notebook with an Exercises section), ``metadata.slideshow.slide_type`` of each cell, so
  ``jupyter nbconvert --to slides`` makes a deck: see :func:`slide_type` for the rules.

``--check`` also enforces the skeleton (see ``CONTRIBUTING.md``): exactly one H1 (in the first cell); in every
notebook ``## Key points`` / ``## 要点`` and "What's next" / "下一步" (``##`` or ``###``); in every lesson (not
``00``, not an instructor guide) ``## Questions`` / ``## 问题``, ``## Objectives`` / ``## 学习目标`` and
``## Exercises`` / ``## 练习``; a heading may continue after its first word (``## Key points · 要点``). Every
non-empty code cell must have been executed (nbval compares the saved outputs), no error output may be saved
(unless the cell is tagged ``raises-exception``), every relative link or image must exist, ``# %load`` cells
must hold only that line, and the kernelspec must be the generic ``python3`` one. In a source, every Markdown
cell is tagged with exactly one language and sits in a zh/en pair, and no code cell carries outputs.
"""

from __future__ import annotations

import argparse
import copy
import html
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import nbformat

ROOT = Path(__file__).resolve().parent.parent

NOTEBOOK_RE = re.compile(r"^(\d\d)_([a-z0-9_]+)\.ipynb$")
CONTENTS_START = "<!--CONTENTS-->"
CONTENTS_END = "<!--/CONTENTS-->"
CONTENTS_BLOCK_RE = re.compile(re.escape(CONTENTS_START) + r".*?" + re.escape(CONTENTS_END), re.DOTALL)
NAV_MARKER = "<!--NAVIGATION-->"
NAV_CELL_ID = "navigation"
# The glossary, linked from every edition notebook's navigation cell twice: the data table, which JupyterLab
# opens as a grid, and the book's glossary page (written by `make book` into build/book/<language>/).
GLOSSARY_TABLE = "../../data/curated/glossary.csv"
BOOK_DIR = ("build", "book")
BOOK_GLOSSARY = "../../build/book/{language}/glossary.html"
NAV_TAG = "navigation"

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"
# Cell metadata written by nbclient/nbconvert ("execution") and by execute-time extensions ("ExecuteTime").
TIMING_KEYS = ("execution", "ExecuteTime")

# (English heading start, allowed heading levels). Matching is on the start of the heading text, so
# ``## Overview · 概览`` counts as Overview. "What's next" may be a ``###`` under Summary (Pythia's layout).
# A section is named by its English and its Chinese heading; an edition uses the one of its language.
REQUIRED_SECTIONS: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...] = (
    (("Key points", "要点"), (2,)),
    (("What's next", "下一步"), (2, 3)),
)
# Every lesson opens with the questions it answers and what the learner can do afterwards (The Carpentries).
LESSON_SECTIONS: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...] = (
    (("Questions", "问题"), (2,)),
    (("Objectives", "学习目标"), (2,)),
    (("Exercises", "练习"), (2,)),
)
EXERCISES_EXEMPT_NUMBERS = frozenset({"00"})
EXERCISES_EXEMPT_SLUG_SUFFIXES = ("instructor_guide",)

SKIP_EXECUTION_TAG = "skip-execution"
RAISES_TAG = "raises-exception"
SOLUTION_TAG = "solution"
# A short comment on the output just above it is revealed on the same slide, after the output; a longer one
# (with a discussion prompt, say) gets a slide step of its own.
COMMENTARY_STARTS = ("**Reading.**", "*Interpretation:*", "**Interpretation:**", "*A reading:*",
                     "**A reading:**", "*解读:*", "**解读:**", "解读:", "*解读：*", "**解读：**", "解读：")
FRAGMENT_MAX_CHARS = 240


class NotebookSetError(Exception):
    """The notebook set cannot be processed at all (no notebooks, unreadable file)."""


@dataclass(frozen=True)
class NotebookInfo:
    path: Path
    number: str
    slug: str
    title: str
    summary: str

    @property
    def name(self) -> str:
        return self.path.name


# ---------------------------------------------------------------------------------------------------------
# Finding and reading notebooks


def find_notebooks(nb_dir: Path) -> list[Path]:
    """Notebooks in ``nb_dir`` named ``NN_snake_title.ipynb``, sorted; raises if there are none."""
    found = sorted(p for p in Path(nb_dir).iterdir() if p.is_file() and NOTEBOOK_RE.match(p.name))
    if not found:
        raise NotebookSetError(f"no notebooks named NN_snake_title.ipynb found in {nb_dir}")
    return found


def stray_notebooks(nb_dir: Path) -> list[Path]:
    """``*.ipynb`` files in ``nb_dir`` that do not follow the naming scheme (an ``Untitled.ipynb``, say)."""
    return sorted(p for p in Path(nb_dir).glob("*.ipynb") if not NOTEBOOK_RE.match(p.name))


def read_notebook(path: Path) -> nbformat.NotebookNode:
    try:
        return nbformat.read(str(path), as_version=4)
    except Exception as exc:  # invalid JSON or schema: report the file, not a traceback
        raise NotebookSetError(f"{path}: cannot read notebook: {exc}") from exc


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write with nbformat's stable layout (sorted keys, indent 1, trailing newline)."""
    nbformat.write(nb, str(path))


# ---------------------------------------------------------------------------------------------------------
# Markdown helpers


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _lines_outside_fences(text: str) -> list[str]:
    """Lines of Markdown that are not inside fenced code blocks."""
    lines, fence = [], None
    for line in text.splitlines():
        stripped = line.lstrip()
        marker = stripped[:3]
        if marker in ("```", "~~~"):
            if fence is None:
                fence = marker
            elif marker == fence:
                fence = None
            continue
        if fence is None:
            lines.append(line)
    return lines


_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")


def headings(text: str) -> list[tuple[int, str]]:
    """ATX headings ``(level, text)`` of a Markdown string, ignoring fenced code."""
    out = []
    for line in _lines_outside_fences(text):
        m = _HEADING_RE.match(line)
        if m:
            out.append((len(m.group(1)), m.group(2).strip()))
    return out


def _heading_matches(text: str, name: str) -> bool:
    """``text`` starts with ``name`` as a whole word (so "Key points · 要点" matches, "问题讨论" does not)."""
    text = text.replace("\u2019", "'").lower()
    if not text.startswith(name.lower()):
        return False
    rest = text[len(name):]
    return not rest or not (rest[0].isalnum() or rest[0] == "_")


_INLINE_CODE_RE = re.compile(r"`+[^`]*`+")
# "](target)" finds inline links and images, also an image nested in a link's text: [![alt](a.png)](b.ipynb).
_MD_LINK_RE = re.compile(r"\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+[\"'(][^)]*)?\)")
# Reference definitions "[label]: target", not footnotes "[^1]: text".
_REF_LINK_RE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*(<[^>]*>|\S+)", re.MULTILINE)
_HTML_LINK_RE = re.compile(
    r"<(?:img|a|source|video|audio|iframe)\b[^>]*?\b(?:src|href)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE
)
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def link_targets(text: str) -> list[str]:
    """Every link or image target in a Markdown string (inline, reference-style and HTML), fences ignored."""
    body = "\n".join(_INLINE_CODE_RE.sub("", line) for line in _lines_outside_fences(text))
    targets = [m.group(1) for m in _MD_LINK_RE.finditer(body)]
    targets += [m.group(1) for m in _REF_LINK_RE.finditer(body)]
    targets += [html.unescape(m.group(1)) for m in _HTML_LINK_RE.finditer(body)]
    return [t[1:-1] if t.startswith("<") and t.endswith(">") else t for t in targets]


def relative_path_of(target: str) -> str | None:
    """The file path part of a relative link, or None for URLs, anchors, attachments and the like."""
    target = target.strip()
    if not target or target.startswith(("#", "/")) or _SCHEME_RE.match(target):
        return None
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    return path or None


def book_pages() -> set[str]:
    """The pages every language of the book has (``glossary``, ``exercises/quiz`` …), as ``make book`` writes
    them: read from the book's own list, so a link into the book is checked without building it."""
    from office_roles.book.pages import INSTRUCTOR_PAGES, READING_PAGES

    return {"index", *READING_PAGES, *INSTRUCTOR_PAGES}


def _missing_book_page(target: Path) -> bool | None:
    """For a target inside build/book/: whether it is not a page the book writes; None for other targets."""
    parts = Path(os.path.normpath(target)).parts
    starts = [i for i in range(len(parts) - 1) if parts[i : i + 2] == BOOK_DIR]
    if not starts:
        return None
    rest = parts[starts[-1] + 2 :]
    if len(rest) < 2 or rest[0] not in ("zh", "en") or not rest[-1].endswith(".html"):
        return True
    return "/".join(rest[1:])[: -len(".html")] not in book_pages()


def broken_links(text: str, base: Path) -> list[str]:
    """Relative link targets in ``text`` that do not exist on disk, resolved against ``base``. A link into the
    built book (``build/book/``, not in the repository) must name a page the book writes."""
    broken = []
    for target in link_targets(text):
        path = relative_path_of(target)
        if path is None:
            continue
        in_book = _missing_book_page(base / path)
        if in_book or (in_book is None and not (base / path).exists()):
            broken.append(target)
    return broken


# ---------------------------------------------------------------------------------------------------------
# Titles, contents table, navigation


def title_of(nb) -> str | None:
    """The H1 text of the first cell, if the first cell is Markdown starting with ``# Title``."""
    if not nb.cells or nb.cells[0].cell_type != "markdown":
        return None
    for line in _source(nb.cells[0]).splitlines():
        if line.strip():
            m = _HEADING_RE.match(line)
            return m.group(2).strip() if m and len(m.group(1)) == 1 else None
    return None


def notebook_info(path: Path, nb) -> NotebookInfo:
    m = NOTEBOOK_RE.match(path.name)
    if not m:
        raise NotebookSetError(f"{path.name} does not follow NN_snake_title.ipynb")
    number, slug = m.groups()
    title = title_of(nb) or slug.replace("_", " ").capitalize()
    meta = nb.metadata.get("office_roles", {})
    summary = meta.get("summary") if isinstance(meta, dict) else None
    summary = " ".join(str(summary).split()) if summary else title
    return NotebookInfo(path=path, number=number, slug=slug, title=title, summary=summary)


def _table_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _link_text(text: str) -> str:
    return _table_cell(text).replace("[", "\\[").replace("]", "\\]")


# The words the tool itself writes into an edition, in that edition's language.
EDITION_WORDS = {
    "en": {"number": "#", "notebook": "Notebook", "summary": "Summary", "contents": "Contents",
           "other": "中文版", "name": "English edition", "glossary": "The glossary",
           "glossary_table": "the table (opens in JupyterLab)", "glossary_book": "the page in the study book"},
    "zh": {"number": "序号", "notebook": "课", "summary": "内容", "contents": "目录",
           "other": "English edition", "name": "中文版", "glossary": "术语表",
           "glossary_table": "数据表（在 JupyterLab 中打开）", "glossary_book": "学习读本中的术语表页"},
}


def glossary_line(language: str) -> str:
    """The navigation cell's second line: the glossary as a table and as the book's page."""
    words = EDITION_WORDS[language]
    colon = "：" if language == "zh" else ": "
    return (f"{words['glossary']}{colon}[{words['glossary_table']}]({GLOSSARY_TABLE}) · "
            f"[{words['glossary_book']}]({BOOK_GLOSSARY.format(language=language)})")


def contents_table(infos: list[NotebookInfo], link_prefix: str = "", language: str = "en") -> str:
    """Markdown table of all notebooks; ``link_prefix`` is the path from the page to the notebooks folder."""
    words = EDITION_WORDS[language]
    rows = [f"| {words['number']} | {words['notebook']} | {words['summary']} |", "|---|---|---|"]
    for info in infos:
        link = f"[{_link_text(info.title)}]({link_prefix}{info.name})"
        rows.append(f"| {info.number} | {link} | {_table_cell(info.summary)} |")
    return "\n".join(rows)


def fill_contents(text: str, table: str) -> str:
    """Replace every ``<!--CONTENTS-->...<!--/CONTENTS-->`` block of ``text`` with ``table``."""
    block = f"{CONTENTS_START}\n{table}\n{CONTENTS_END}"
    return CONTENTS_BLOCK_RE.sub(lambda _m: block, text)


def navigation_source(infos: list[NotebookInfo], index: int, language: str = "en",
                      other_edition: str | None = None) -> str:
    """``<!--NAVIGATION-->`` line plus ``< previous | contents | next >`` for notebook ``infos[index]``, and a
    link to the same notebook in the other edition when ``other_edition`` (its folder name) is given; an edition
    notebook (one with another edition, in ``notebooks/<language>/``) also gets the glossary line."""
    words = EDITION_WORDS[language]
    parts = []
    if index > 0:
        prev = infos[index - 1]
        parts.append(f"[{_link_text(prev.number + ' · ' + prev.title)}]({prev.name})")
    if index != 0:  # the contents notebook (the first one) does not link to itself
        parts.append(f"[{words['contents']}]({infos[0].name})")
    if index + 1 < len(infos):
        nxt = infos[index + 1]
        parts.append(f"[{_link_text(nxt.number + ' · ' + nxt.title)}]({nxt.name})")
    if other_edition:
        parts.append(f"[{words['other']}](../{other_edition}/{infos[index].name})")
    nav = f"{NAV_MARKER}\n< " + " | ".join(parts) + " >"
    return f"{nav}\n\n{glossary_line(language)}" if other_edition else nav


def _is_nav_cell(cell) -> bool:
    return cell.cell_type == "markdown" and _source(cell).lstrip().startswith(NAV_MARKER)


def _supports_cell_ids(nb) -> bool:
    return (nb.nbformat, nb.nbformat_minor) >= (4, 5)


def set_navigation(nb, source: str) -> None:
    """Make the last cell the navigation cell (replacing any existing one, keeping its id and metadata)."""
    old = [c for c in nb.cells if _is_nav_cell(c)]
    nb.cells = [c for c in nb.cells if not _is_nav_cell(c)]
    metadata = copy.deepcopy(old[-1].get("metadata", {})) if old else {}
    tags = list(metadata.get("tags", []))
    if NAV_TAG not in tags:
        tags.append(NAV_TAG)
    metadata["tags"] = tags
    cell = nbformat.NotebookNode(
        cell_type="markdown", metadata=nbformat.NotebookNode(metadata), source=source
    )
    if _supports_cell_ids(nb):
        used = {c.get("id") for c in nb.cells}
        cell_id = old[-1].get("id") if old and old[-1].get("id") else NAV_CELL_ID
        n = 1
        while cell_id in used:
            cell_id, n = f"{NAV_CELL_ID}-{n}", n + 1
        cell["id"] = cell_id
    nb.cells.append(cell)


def generate(nb, infos: list[NotebookInfo], index: int, slides: bool | None = None, language: str = "en",
             other_edition: str | None = None) -> tuple[nbformat.NotebookNode, list[str]]:
    """A copy of ``nb`` with contents tables, navigation and (in lessons) slide types regenerated, and the
    parts that changed. ``slides`` defaults to whether ``infos[index]`` is a lesson."""
    new = copy.deepcopy(nb)
    changed = []
    table = contents_table(infos, language=language)
    for cell in new.cells:
        if cell.cell_type == "markdown" and CONTENTS_START in _source(cell):
            filled = fill_contents(_source(cell), table)
            if filled != _source(cell):
                cell.source = filled
                if "contents table" not in changed:
                    changed.append("contents table")
    set_navigation(new, navigation_source(infos, index, language, other_edition))
    old_nav = [c for c in nb.cells if _is_nav_cell(c)]
    unchanged = len(old_nav) == 1 and nb.cells[-1] is old_nav[0] and old_nav[0] == new.cells[-1]
    if not unchanged:
        changed.append("navigation cell")
    info = infos[index]
    if (is_lesson(info.number, info.slug) if slides is None else slides) and set_slide_types(new):
        changed.append("slide metadata")
    return new, changed


# ---------------------------------------------------------------------------------------------------------
# Slides: cell slide types, and the files the decks need offline


def is_lesson(number: str, slug: str) -> bool:
    """Lessons are the notebooks with an Exercises section; they are the ones made into slides."""
    return _needs_exercises(number, slug)


_WIDGET_DISPLAY_RE = re.compile(r"(\.widget\s*$)|(^widgets\.\w+\()", re.MULTILINE)


def _displays_widget(cell) -> bool:
    """A code cell whose result is a widget (``x.widget`` or ``widgets.f(...)``) and nothing else was saved.

    Saved notebooks carry no widget views (``--normalize`` drops them), so on a slide such a cell would show
    code and an empty output; the widgets live in the notebook and the Voilà app instead.
    """
    if cell.cell_type != "code" or not _WIDGET_DISPLAY_RE.search(_source(cell).strip()):
        return False
    return all(set(out.get("data", {})) <= {WIDGET_VIEW_MIME, "text/plain"} and
               out.get("output_type") in ("display_data", "execute_result") for out in cell.get("outputs", []))


def slide_type(cell, previous: str | None, after_skip: bool = False) -> str:
    """The reveal.js role of one cell.

    ``previous`` is the cell type of the last cell shown (None at the start); ``after_skip`` says whether the
    cell right before this one is skipped or a solution (in the notes).

    * ``notes``: a hidden ``<details>`` solution: the model answer goes to the speaker notes of the exercise's
      slide (``make slides`` opens the block there), so the presenter sees it and the room does not;
    * ``skip``: the navigation cell, cells tagged ``solution``, widget cells, empty cells;
    * ``slide``: the title (``# ``) and every section (``## ``);
    * ``subslide`` (a step down): a ``### `` heading, a code cell right after another code cell, text that
      follows a code cell, and any cell right after a skipped one or a solution (the next exercise);
    * ``fragment``: a short comment on the output just above (``*A reading:*``, ``*解读:*``);
    * ``-``: everything else continues the slide it is on (text and the code it introduces), and a code cell
      with no output (decks hide code by default, so it would be an empty step).
    """
    text = _source(cell).lstrip()
    tags = set(cell.get("metadata", {}).get("tags", []))
    if cell.cell_type == "markdown" and text.lower().startswith("<details") and SOLUTION_TAG not in tags:
        return "notes"
    if _is_nav_cell(cell) or SOLUTION_TAG in tags:
        return "skip"
    if _displays_widget(cell) or not text.strip():
        return "skip"
    if cell.cell_type == "markdown":
        first = text.splitlines()[0] if text else ""
        m = _HEADING_RE.match(first)
        level = len(m.group(1)) if m else 0
        if level in (1, 2) or previous is None:
            return "slide"
        if level == 3 or after_skip:
            return "subslide"
        if previous == "code":
            short = len(text) <= FRAGMENT_MAX_CHARS
            return "fragment" if short and text.startswith(COMMENTARY_STARTS) else "subslide"
        return "-"
    if previous is None:
        return "slide"
    if not cell.get("outputs"):
        return "-"  # nothing to show when code is hidden (the default deck): no step of its own
    return "subslide" if previous == "code" or after_skip else "-"


def slide_types(nb) -> list[str]:
    """:func:`slide_type` of every cell of ``nb``, in order."""
    types: list[str] = []
    previous = None
    for cell in nb.cells:
        kind = slide_type(cell, previous, bool(types) and types[-1] in ("skip", "notes"))
        types.append(kind)
        silent = cell.cell_type == "code" and not cell.get("outputs")
        if kind not in ("skip", "notes") and cell.cell_type in ("markdown", "code") and not silent:
            previous = cell.cell_type
    return types


def set_slide_types(nb) -> bool:
    """Write ``metadata.slideshow.slide_type`` into every cell of ``nb``; True if anything changed."""
    changed = False
    for cell, kind in zip(nb.cells, slide_types(nb), strict=True):
        slideshow = cell.metadata.get("slideshow")
        if isinstance(slideshow, dict) and slideshow.get("slide_type") == kind:
            continue
        slideshow = dict(slideshow) if isinstance(slideshow, dict) else {}
        slideshow["slide_type"] = kind
        cell.metadata["slideshow"] = nbformat.NotebookNode(slideshow)
        changed = True
    return changed


# What the decks load at view time, and where it comes from. nbconvert's reveal template points every one of
# these at a CDN (nbconvert#296); `make slides` points them at copies from installed packages instead.
REVEAL_PACKAGE = "pyreveal"  # PyPI package that ships a built reveal.js under revealjs/ (MIT), no dependencies
REVEAL_FILES = {  # copy in <dest>/reveal.js/ <- file in the package's revealjs/ folder
    "dist/reveal.js": "dist/reveal.js",
    "dist/reveal.css": "dist/reveal.css",
    "dist/theme/white.css": "dist/theme/white.css",  # fonts inlined; the default 'simple' loads Google Fonts
    "plugin/notes/notes.js": "dist/plugin/notes.js",  # the path nbconvert's template asks for
    "LICENSE": "LICENSE",
}
REQUIRE_JS = ("voila", "templates", "base", "static", "require.min.js")  # require.js as Voilà ships it
SLIDES_TEMPLATE_NAME = "offline.slides.html.j2"
# What the command-line flags cannot switch off: the mermaid import (its URL is not a configurable trait in
# nbconvert 7.17), the widget renderer (loaded when a notebook carries saved widget state; widget cells are
# skipped on slides), jQuery (the template uses it only for reveal_scroll) and MathJax (no LaTeX in the decks;
# the template still calls MathJax.Hub on every slide change, so a no-op object stands in). Plus two CSS rules.
SLIDES_TEMPLATE = """\
{#- Written by tools/notebooks.py --slide-assets: nbconvert's reveal template, loading nothing from a CDN. -#}
{%- extends 'index.html.j2' -%}
{%- block html_head_js_jquery -%}{%- endblock html_head_js_jquery -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}
<script>
window.MathJax = {Hub: {Config: function () {}, Queue: function () {}, Rerender: function () {},
                        getAllJax: function () { return []; }}};
</script>
{%- endblock html_head_js_mathjax -%}
{%- block html_head_css -%}
<style>
/* A figure leaves room on its 960x700 slide for the code above it and the comment below it; a long table
   scrolls inside its slide instead of running off the screen (no jQuery needed, unlike reveal_scroll). */
.reveal .jp-OutputArea-output img { max-height: 400px; width: auto; }
.reveal .slides section:not(.stack) { max-height: 700px; overflow-y: auto; }
</style>
{%- endblock html_head_css -%}
"""


def _reveal_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec(REVEAL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise NotebookSetError(f"the Python package {REVEAL_PACKAGE!r} (which ships reveal.js) is not installed; "
                               "run `make install`")
    return Path(next(iter(spec.submodule_search_locations))) / "revealjs"


def _require_js() -> Path:
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path(*REQUIRE_JS[:-1]):
        candidate = Path(folder) / REQUIRE_JS[-1]
        if candidate.is_file():
            return candidate
    raise NotebookSetError(f"{'/'.join(REQUIRE_JS)} not found in the Jupyter data folders; is voila installed?")


def slide_assets(dest: Path) -> list[Path]:
    """Copy reveal.js into ``dest/reveal.js/`` and require.js into ``dest/lib/``; write the slides template.

    Nothing is downloaded: the files come from installed packages. Returns the files written; the template is
    ``dest/lib/offline.slides.html.j2`` (for ``jupyter nbconvert --to slides --template-file``).
    """
    import shutil

    dest = Path(dest)
    reveal = _reveal_dir()
    pairs = [(reveal / src, dest / "reveal.js" / target) for target, src in REVEAL_FILES.items()]
    pairs.append((_require_js(), dest / "lib" / "require.min.js"))
    missing = [str(src) for src, _ in pairs if not src.is_file()]
    if missing:
        raise NotebookSetError(f"files missing from the installed packages: {', '.join(missing)}")
    written = []
    for src, target in pairs:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        written.append(target)
    template = dest / "lib" / SLIDES_TEMPLATE_NAME
    template.write_text(SLIDES_TEMPLATE, encoding="utf-8")
    written.append(template)
    return written


def editions_table(editions: dict[str, list[NotebookInfo]], link_prefix: str) -> str:
    """Markdown table of every notebook in both editions (README and the start page): number, then title and
    summary of the English edition and of the Chinese one. ``link_prefix`` leads from the page to ``notebooks/``."""
    by_lang = {lang: {i.name: i for i in infos} for lang, infos in editions.items()}
    rows = ["| # | English edition | Summary | 中文版 | 简介 |", "|---|---|---|---|---|"]
    for name in sorted(set().union(*by_lang.values())):
        cells = []
        for lang in ("en", "zh"):
            info = by_lang.get(lang, {}).get(name)
            cells.append(f"[{_link_text(info.title)}]({link_prefix}{lang}/{name})" if info else "")
            cells.append(_table_cell(info.summary) if info else "")
        rows.append(f"| {name[:2]} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def readme_contents(readme: Path, editions: dict[str, list[NotebookInfo]], nb_dir: Path) -> tuple[str, str] | None:
    """(old text, new text) of README.md, or None if it does not exist."""
    if not readme.exists():
        return None
    prefix = Path(os.path.relpath(nb_dir, readme.parent)).as_posix().rstrip("/") + "/"
    if prefix == "./":
        prefix = ""
    old = readme.read_text(encoding="utf-8")
    return old, fill_contents(old, editions_table(editions, prefix))


# ---------------------------------------------------------------------------------------------------------
# Normalisation


def normalize(nb) -> nbformat.NotebookNode:
    """A copy with the generic kernelspec, no timing metadata or Python version, a widget ``state`` key."""
    new = copy.deepcopy(nb)
    new.metadata["kernelspec"] = nbformat.NotebookNode(KERNELSPEC)
    language_info = new.metadata.get("language_info")
    if isinstance(language_info, dict):
        language_info.pop("version", None)  # differs between machines; nothing reads it
    for cell in new.cells:
        for key in TIMING_KEYS:
            cell.get("metadata", {}).pop(key, None)
    # Widget views saved by nbconvert point at models with random ids and carry every image the widgets drew:
    # they change on every build and show nothing without a kernel. Drop them (and the saved widget state);
    # the Markdown and the table cells around each widget are the static fallback.
    new.metadata.pop("widgets", None)
    for cell in new.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = [o for o in cell.get("outputs", []) if WIDGET_VIEW_MIME not in o.get("data", {})]
    return new


def _widgets_problem(nb) -> str | None:
    widgets = nb.metadata.get("widgets")
    if widgets is None:
        return None
    state = widgets.get(WIDGET_STATE_MIME) if isinstance(widgets, dict) else None
    if not isinstance(state, dict) or "state" not in state:
        return "metadata.widgets lacks the 'state' key (GitHub will not render it); run --normalize"
    return None


# ---------------------------------------------------------------------------------------------------------
# Structural checks


def _needs_exercises(number: str, slug: str) -> bool:
    return number not in EXERCISES_EXEMPT_NUMBERS and not slug.endswith(EXERCISES_EXEMPT_SLUG_SUFFIXES)


def _first_line(cell) -> str:
    lines = _source(cell).strip().splitlines()
    first = lines[0] if lines else ""
    return first if len(first) <= 60 else first[:57] + "..."


def check_structure(path: Path, nb) -> list[str]:
    """Problems with one notebook's skeleton, execution state, outputs, links and kernelspec."""
    problems: list[str] = []
    m = NOTEBOOK_RE.match(path.name)
    number, slug = m.groups() if m else ("??", path.stem)
    base = path.parent

    if title_of(nb) is None:
        problems.append("first cell must be Markdown starting with '# Title'")
    all_headings = [h for c in nb.cells if c.cell_type == "markdown" for h in headings(_source(c))]
    h1_count = sum(1 for level, _ in all_headings if level == 1)
    if h1_count != 1:
        problems.append(f"expected exactly one H1 ('# Title'), found {h1_count}")

    required = list(REQUIRED_SECTIONS)
    if _needs_exercises(number, slug):
        required.extend(LESSON_SECTIONS)
    for names, levels in required:
        if not any(level in levels and any(_heading_matches(text, name) for name in names)
                   for level, text in all_headings):
            marks = " or ".join("#" * lv for lv in levels)
            problems.append(f"missing section {marks} {' / '.join(names)}")

    if not nb.cells or not _is_nav_cell(nb.cells[-1]):
        problems.append(f"last cell is not the {NAV_MARKER} cell")

    for i, cell in enumerate(nb.cells, start=1):
        where = f"cell {i}"
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell.cell_type == "markdown":
            for target in broken_links(_source(cell), base):
                problems.append(f"{where}: broken link or image {target!r}")
            continue
        if cell.cell_type != "code":
            continue
        src = _source(cell)
        if src.strip() and cell.get("execution_count") is None and SKIP_EXECUTION_TAG not in tags:
            problems.append(f"{where}: code cell not executed ({_first_line(cell)!r})")
        if RAISES_TAG not in tags:
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    problems.append(f"{where}: saved error output {out.get('ename', '')}: "
                                    f"{str(out.get('evalue', ''))[:80]}")
        lines = src.strip().splitlines()
        if lines and lines[0].startswith("# %load") and len(lines) > 1:
            problems.append(f"{where}: '# %load' cell holds more than the %load line (solution leaked?)")

    kernelspec = dict(nb.metadata.get("kernelspec", {}))
    if kernelspec != KERNELSPEC:
        problems.append(f"kernelspec is {kernelspec!r}, not the generic python3 one; run --normalize")
    widgets = _widgets_problem(nb)
    if widgets:
        problems.append(widgets)
    return problems


# ---------------------------------------------------------------------------------------------------------
# Editions: one source, a Chinese and an English notebook


SOURCE_DIR = "source"  # under notebooks/
EDITIONS = ("zh", "en")  # folder names under notebooks/, and the value of orl.settings.language
INDEX_NAME = "index.ipynb"  # the start page in notebooks/
LANGUAGE_CELL_ID = "edition-language"
SUMMARY_KEYS = {lang: f"summary_{lang}" for lang in EDITIONS}


def lang_tag(language: str) -> str:
    return f"lang-{language}"


def cell_language(cell) -> str | None:
    """The edition a source Markdown cell belongs to (its ``lang-*`` tag), or None."""
    langs = [t[5:] for t in cell.get("metadata", {}).get("tags", []) if t.startswith("lang-")]
    return langs[0] if len(langs) == 1 else None


def language_cell_source(language: str) -> str:
    """The one code cell that differs between editions: it picks the language of labels, tables and widgets."""
    return f'import office_roles as orl\n\norl.settings.language = "{language}"'


def _outputs_by_id(previous) -> dict[str, tuple[str, object, list]]:
    if previous is None:
        return {}
    return {c.get("id"): (_source(c), c.get("execution_count"), c.get("outputs", []))
            for c in previous.cells if c.cell_type == "code" and c.get("id")}


def render_edition(source, language: str, previous=None) -> nbformat.NotebookNode:
    """The ``language`` edition of a source notebook (before contents, navigation and slide metadata).

    Keeps the Markdown cells tagged for ``language``, every code cell, and inserts the language cell before the
    first code cell. Outputs and execution counts come from ``previous`` (the edition as saved) for every code
    cell whose id and code are unchanged, so rendering does not throw away what ``make build`` computed.
    """
    saved = _outputs_by_id(previous)
    nb = copy.deepcopy(source)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell_language(cell) not in (None, language):
            continue
        if _is_nav_cell(cell):
            continue
        if cell.cell_type == "code" and not any(c.cell_type == "code" for c in cells):
            lang_cell = nbformat.v4.new_code_cell(language_cell_source(language))
            lang_cell["id"] = LANGUAGE_CELL_ID
            cells.append(lang_cell)
        cells.append(cell)
    for cell in cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("slideshow", None)
        old = saved.get(cell.get("id"))
        if old is not None and old[0] == _source(cell):
            cell["execution_count"], cell["outputs"] = old[1], copy.deepcopy(old[2])
        else:
            cell["execution_count"], cell["outputs"] = None, []
    for cell in cells:
        if cell.cell_type == "markdown":
            cell.metadata.pop("slideshow", None)
    nb.cells = cells
    meta = nb.metadata.setdefault("office_roles", nbformat.NotebookNode())
    summary = meta.get(SUMMARY_KEYS[language])
    for key in SUMMARY_KEYS.values():
        meta.pop(key, None)
    if summary:
        meta["summary"] = summary
    meta["edition"] = language
    if previous is not None:  # what execution adds (language_info) is kept, like the outputs
        for key in ("language_info",):
            if key in previous.metadata:
                nb.metadata[key] = copy.deepcopy(previous.metadata[key])
    return nb


def check_source(path: Path, nb) -> list[str]:
    """Problems with a source notebook: untagged or unpaired Markdown, outputs saved in the source."""
    problems = []
    cells = nb.cells
    i = 0
    while i < len(cells):
        cell = cells[i]
        where = f"cell {i + 1}"
        if cell.cell_type == "code":
            if cell.get("outputs") or cell.get("execution_count") is not None:
                problems.append(f"{where}: a source holds no outputs (they belong to the editions); "
                                "run --normalize")
            i += 1
            continue
        if cell.cell_type != "markdown":
            i += 1
            continue
        lang = cell_language(cell)
        if lang not in EDITIONS:
            problems.append(f"{where}: Markdown cell without exactly one tag of {', '.join(map(lang_tag, EDITIONS))} "
                            f"({_first_line(cell)!r})")
            i += 1
            continue
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if lang != EDITIONS[0] or nxt is None or nxt.cell_type != "markdown" or cell_language(nxt) != EDITIONS[1]:
            problems.append(f"{where}: {lang_tag(lang)} cell is not in a {lang_tag(EDITIONS[0])} + "
                            f"{lang_tag(EDITIONS[1])} pair ({_first_line(cell)!r})")
            i += 1
            continue
        i += 2
    meta = nb.metadata.get("office_roles", {})
    for key in SUMMARY_KEYS.values():
        if not (isinstance(meta, dict) and meta.get(key)):
            problems.append(f"metadata office_roles.{key} is missing (the contents tables show it)")
    return problems


def strip_source(nb) -> nbformat.NotebookNode:
    """A source with no outputs or execution counts (a source is never executed)."""
    new = normalize(nb)
    for cell in new.cells:
        if cell.cell_type == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return new


def index_notebook(editions: dict[str, list[NotebookInfo]], previous=None) -> nbformat.NotebookNode:
    """``notebooks/index.ipynb``: the start page from which a reader picks an edition (no code)."""
    text = (
        "# office-roles: 《党委办公厅(室)要找准定位谋发展》\n\n"
        "**请选择版本 · Choose an edition**\n\n"
        f"- **中文版**:从 [00 · {editions['zh'][0].title}](zh/{editions['zh'][0].name}) 开始。"
        "全部说明、表格、图和练习都是中文。\n"
        f"- **English edition**: start with [00 · {editions['en'][0].title}](en/{editions['en'][0].name}). "
        "English prose; every Chinese term is glossed at first use.\n\n"
        "两个版本的代码完全相同,由同一份源文件生成 · Both editions run the same code and are generated from one "
        "source (`notebooks/source/`).\n\n"
        f"{CONTENTS_START}\n{editions_table(editions, '')}\n{CONTENTS_END}"
    )
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_markdown_cell(text)
    cell["id"] = "index"
    nb.cells = [cell]
    nb.metadata["kernelspec"] = nbformat.NotebookNode(KERNELSPEC)
    if previous is not None and "language_info" in previous.metadata:
        nb.metadata["language_info"] = copy.deepcopy(previous.metadata["language_info"])
    return nb


def _without_outputs(nb) -> nbformat.NotebookNode:
    new = copy.deepcopy(nb)
    for cell in new.cells:
        if cell.cell_type == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return new


LAB_TRANSLATION_SETTINGS = ("@jupyterlab", "translation-extension", "plugin.jupyterlab-settings")


def lab_settings(dest: Path, locale: str) -> Path:
    """Write a JupyterLab user-settings folder whose interface language is ``locale`` (``zh_CN``).

    This is the file Settings → Language writes; ``jupyter lab --LabApp.user_settings_dir=DEST`` then opens
    in that language (the language pack, ``jupyterlab-language-pack-zh-CN``, must be installed).
    """
    target = Path(dest).joinpath(*LAB_TRANSLATION_SETTINGS)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f'{{\n    "locale": "{locale}"\n}}\n', encoding="utf-8")
    return target


# ---------------------------------------------------------------------------------------------------------
# The three modes


@dataclass
class Report:
    problems: list[str]
    changed: list[Path]


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _edition_paths(ed_dir: Path) -> list[Path]:
    return sorted(p for p in ed_dir.glob("*.ipynb") if NOTEBOOK_RE.match(p.name)) if ed_dir.is_dir() else []


def _content(nb) -> list:
    """What an edition takes from its source: cells (generated parts blanked) and the notebook metadata."""
    cells = []
    for c in nb.cells:
        if _is_nav_cell(c):
            continue
        src = fill_contents(_source(c), "") if c.cell_type == "markdown" else _source(c)
        cells.append((c.cell_type, c.get("id"), src, list(c.get("metadata", {}).get("tags", []))))
    return [cells, dict(nb.metadata.get("office_roles", {}))]


def _stale_parts(old, new) -> list[str]:
    """Which parts of a saved edition differ from what --write would make of it."""
    parts = []
    if _content(old) != _content(new):
        parts.append("out of date with its source")
    if [_source(c) for c in old.cells if _is_nav_cell(c)] != [_source(c) for c in new.cells if _is_nav_cell(c)]:
        parts.append("navigation cell")
    blocks = [CONTENTS_BLOCK_RE.findall(_source(c)) for c in old.cells], [
        CONTENTS_BLOCK_RE.findall(_source(c)) for c in new.cells]
    if blocks[0] != blocks[1]:
        parts.append("contents table")
    if [c.metadata.get("slideshow") for c in old.cells] != [c.metadata.get("slideshow") for c in new.cells]:
        parts.append("slide metadata")
    return parts or ["metadata"]


def run(root: Path, mode: str, nb_dir: Path | None = None, readme: Path | None = None) -> Report:
    """Run ``mode`` ("write", "check" or "normalize") over the sources and editions under ``root``.

    ``write`` and ``normalize`` rewrite only files whose content changes; ``check`` writes nothing and
    returns every difference and structural problem.
    """
    root = Path(root)
    nb_dir = Path(nb_dir) if nb_dir is not None else root / "notebooks"
    readme = Path(readme) if readme is not None else root / "README.md"
    src_dir = nb_dir / SOURCE_DIR
    sources = [(p, read_notebook(p)) for p in find_notebooks(src_dir)]
    problems: list[str] = []
    changed: list[Path] = []

    if mode == "normalize":
        for path, nb in sources:
            new = strip_source(nb)
            if new != nb:
                write_notebook(new, path)
                changed.append(path)
        for lang in EDITIONS:
            for path in _edition_paths(nb_dir / lang):
                nb = read_notebook(path)
                new = normalize(nb)
                if new != nb:
                    write_notebook(new, path)
                    changed.append(path)
        return Report(problems, changed)

    for path in stray_notebooks(src_dir):
        problems.append(f"{_rel(path, root)}: notebook not named NN_snake_title.ipynb")
    numbers: dict[str, list[str]] = {}
    for path, _ in sources:
        numbers.setdefault(path.name[:2], []).append(path.name)
    for number, names in sorted(numbers.items()):
        if len(names) > 1:
            problems.append(f"notebooks share number {number}: {', '.join(names)}")
    if mode == "check":
        for path, nb in sources:
            problems.extend(f"{_rel(path, root)}: {p}" for p in check_source(path, nb))

    names = {path.name for path, _ in sources}
    rendered: dict[str, list] = {}
    for lang in EDITIONS:
        ed_dir = nb_dir / lang
        items = []
        for spath, snb in sources:
            epath = ed_dir / spath.name
            prev = read_notebook(epath) if epath.exists() else None
            items.append((epath, prev, render_edition(snb, lang, prev)))
        rendered[lang] = items
        for extra in _edition_paths(ed_dir) + stray_notebooks(ed_dir):
            if extra.name not in names:
                problems.append(f"{_rel(extra, root)}: no source {_rel(src_dir / extra.name, root)} "
                                "(an edition is generated from its source; remove it or add the source)")
    infos = {lang: [notebook_info(p, nb) for p, _, nb in items] for lang, items in rendered.items()}

    for lang, items in rendered.items():
        other = next(e for e in EDITIONS if e != lang)
        for index, (epath, prev, nb) in enumerate(items):
            rel = _rel(epath, root)
            new, _ = generate(nb, infos[lang], index, language=lang, other_edition=other)
            has_contents = any(c.cell_type == "markdown" and CONTENTS_START in _source(c) for c in new.cells)
            if index == 0 and not has_contents:
                problems.append(f"{rel}: the first notebook has no {CONTENTS_START}...{CONTENTS_END} cell")
            for cell in new.cells:
                src = _source(cell)
                if cell.cell_type == "markdown" and src.count(CONTENTS_START) != src.count(CONTENTS_END):
                    problems.append(f"{rel}: unbalanced {CONTENTS_START} / {CONTENTS_END} markers")
            if prev is None or new != prev:
                if mode == "write":
                    epath.parent.mkdir(parents=True, exist_ok=True)
                    write_notebook(new, epath)
                    changed.append(epath)
                elif prev is None:
                    problems.append(f"{rel}: missing (the {lang} edition of its source); "
                                    "run tools/notebooks.py --write")
                else:
                    problems.append(f"{rel}: would change ({', '.join(_stale_parts(prev, new))}); "
                                    "run tools/notebooks.py --write")
            if mode == "check":  # the notebook as saved: what a reader and nbval get
                problems.extend(f"{rel}: {p}" for p in check_structure(epath, prev if prev is not None else new))

    index_path = nb_dir / INDEX_NAME
    prev_index = read_notebook(index_path) if index_path.exists() else None
    index = index_notebook(infos, prev_index)
    if index != prev_index:
        if mode == "write":
            write_notebook(index, index_path)
            changed.append(index_path)
        else:
            problems.append(f"{_rel(index_path, root)}: would change (start page); run tools/notebooks.py --write")
    if mode == "check":
        problems.extend(f"{_rel(index_path, root)}: broken link {t!r}"
                        for t in broken_links(_source(index.cells[0]), nb_dir))

    rel_readme = _rel(readme, root)
    texts = readme_contents(readme, infos, nb_dir)
    if texts is None:
        problems.append(f"{rel_readme}: not found (it should carry the contents table)")
    else:
        old, new_text = texts
        if CONTENTS_START not in old or CONTENTS_END not in old:
            problems.append(f"{rel_readme}: no {CONTENTS_START}...{CONTENTS_END} block for the contents")
        elif new_text != old:
            if mode == "write":
                readme.write_text(new_text, encoding="utf-8")
                changed.append(readme)
            else:
                problems.append(f"{rel_readme}: would change (contents table); run --write")
        if mode == "check":
            problems.extend(f"{rel_readme}: broken link {t!r}" for t in broken_links(new_text, readme.parent))

    return Report(problems, changed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true",
                      help="render the editions; regenerate contents, navigation and lesson slide types")
    mode.add_argument("--check", action="store_true", help="report changes --write would make and problems")
    mode.add_argument("--normalize", action="store_true", help="generic kernelspec, strip timing metadata")
    mode.add_argument("--slide-assets", type=Path, metavar="DIR",
                      help="copy reveal.js, require.js and the slides template into DIR (make slides)")
    mode.add_argument("--lab-settings", nargs=2, metavar=("DIR", "LOCALE"),
                      help="write a JupyterLab user-settings folder whose interface language is LOCALE")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.slide_assets is not None:
        try:
            written = slide_assets(args.slide_assets)
        except NotebookSetError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"slide assets: {len(written)} files in {args.slide_assets}")
        return 0
    if args.lab_settings is not None:
        print(f"wrote {lab_settings(Path(args.lab_settings[0]), args.lab_settings[1])}")
        return 0
    chosen = "write" if args.write else "check" if args.check else "normalize"
    root = args.root.resolve()

    try:
        report = run(root, chosen)
    except NotebookSetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    for path in report.changed:
        print(f"{'normalized' if chosen == 'normalize' else 'wrote'} {_rel(path, root)}")
    if chosen == "check":
        if report.problems:
            print(f"{len(report.problems)} problem(s) in the notebook set:", file=sys.stderr)
            for problem in report.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        count = len(find_notebooks(root / "notebooks" / SOURCE_DIR))
        print(f"notebook set OK ({count} sources, {len(EDITIONS)} editions)")
        return 0
    for problem in report.problems:  # write mode: missing README block and the like, not fatal
        print(f"warning: {problem}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
