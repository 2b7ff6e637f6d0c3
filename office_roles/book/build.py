"""``make book``: write each language's Sphinx source (generated pages, prepared lessons, figures) and build the
static HTML book into ``build/book/{zh,en}/`` with a page at ``build/book/index.html`` that picks a language.

Also the checks the tests and ``--check`` run on a built book: every internal link resolves, and no page loads
anything from another host.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import matplotlib
import nbformat

from ..article import load_article
from ..exercises import load_exercises, self_assessment_dimensions
from ..plots import FIGURES  # importing plots registers every figure (a worker process has not imported it yet)
from . import exercise_pages as ex
from . import pages
from .editions import LANGUAGES, lessons_for
from .lessons import prepare
from .sphinx_conf import CSS, conf_py
from .words import say

FIGURE_DPI = 110
TITLE_FILE = "title.txt"  # the book's title in that language, for the page that picks a language


def write_sources(root: Path, src: Path, language: str, art=None, data=None) -> list[str]:
    """Write one language's Sphinx source folder from the repository at ``root``; return the lesson documents."""
    import matplotlib.pyplot as plt

    art = art or load_article()
    data = data or load_exercises(root / "data" / "exercises", art)
    if src.exists():
        shutil.rmtree(src)
    (src / "_static").mkdir(parents=True)
    lessons = lessons_for(root / "notebooks", language)
    languages = ("zh", "en") if lessons.mixed else (language,)
    docs = []
    for path in lessons.notebooks:
        out = src / "lessons" / path.name
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(prepare(nbformat.read(path, as_version=4), languages), out)
        docs.append(f"lessons/{path.stem}")

    figures = []
    (src / "figures").mkdir()
    with matplotlib.rc_context({"backend": "Agg"}):
        for name, make in FIGURES.items():
            fig = make(art, language=language)
            fig.savefig(src / "figures" / f"{name}.png", dpi=FIGURE_DPI, metadata={"Software": None})
            figures.append((f"{name}.png", pages.figure_title(fig, name.replace("_", " "))))
            plt.close(fig)

    generated = {
        "index": pages.landing_page(art.source, lessons, docs, language),
        "article": pages.article_page(art, language),
        "glossary": pages.glossary_page(art.glossary, language),
        "figures": pages.figures_page(figures, language),
        "exercises/quiz": ex.quiz_page(art, data, language),
        "exercises/scenarios": ex.scenarios_page(art, data, language),
        "exercises/mapping": ex.mapping_page(art, language),
        "exercises/self_assessment": ex.self_assessment_page(self_assessment_dimensions(art), language),
        "exercises/discussion": ex.discussion_page(art, data, language),
        "instructor/facilitator": ex.facilitator_page(art, data, language),
        "instructor/plans": ex.plans_page(data, language),
    }
    for doc, text in generated.items():
        path = src / f"{doc}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (src / "_static" / "book.css").write_text(CSS, encoding="utf-8")
    title = pages.book_title(art.source, language)
    (src / "conf.py").write_text(conf_py(title, language), encoding="utf-8")
    (src / TITLE_FILE).write_text(title, encoding="utf-8")
    return docs


def chooser_page(title_zh: str, title_en: str) -> str:
    """``build/book/index.html``: the two editions, as plain HTML with nothing loaded from anywhere."""
    title_zh, title_en = html.escape(title_zh), html.escape(title_en)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title_zh}</title>
<style>body{{font-family:system-ui,sans-serif,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei";max-width:40em;
margin:4em auto;padding:0 1em;line-height:1.6}} a{{font-size:1.3em}}</style></head>
<body><h1>{title_zh}</h1><p>{say("choose", "zh")} · {say("choose", "en")}</p><ul>
<li><a href="zh/index.html" hreflang="zh">{say("edition", "zh")}</a></li>
<li><a href="en/index.html" hreflang="en">{say("edition", "en")}: {title_en}</a></li></ul></body></html>
"""


def build_language(root: Path, work: Path, language: str, *, quiet: bool = True) -> Path:
    """Write one language's sources and run Sphinx on them in this process; return its HTML folder.

    MyST-NB keeps output images next to the output folder, so each language builds in a folder of its own."""
    from sphinx.cmd.build import build_main

    src = work / language
    write_sources(root, src, language)
    target = work / f"html-{language}" / "html"
    args = ["-b", "html", "-E", "-d", str(work / f".doctrees-{language}"), *(["-q"] if quiet else []),
            str(src), str(target)]
    if build_main(args) != 0:
        raise RuntimeError(f"sphinx-build failed for {src}")
    return target


def build(root: Path, out: Path, work: Path, *, quiet: bool = True) -> Path:
    """Build both languages into ``out`` (two processes at once, one per language); return ``out``."""
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
    procs = []
    for language in LANGUAGES:
        cmd = [sys.executable, "-m", "office_roles.book", "--root", str(root), "--work", str(work),
               "--language", language, *([] if quiet else ["--verbose"])]
        log = (work / f"sphinx-{language}.log").open("w")
        procs.append((language, subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env), log))
    failed = []
    for language, proc, log in procs:
        proc.wait()
        log.close()
        if proc.returncode:
            failed.append(f"{language}: the build exited {proc.returncode}\n" + Path(log.name).read_text())
    if failed:
        raise RuntimeError("\n".join(failed))
    for language in LANGUAGES:
        if (out / language).exists():
            shutil.rmtree(out / language)
        shutil.copytree(work / f"html-{language}" / "html", out / language,
                        ignore=shutil.ignore_patterns("_sources", ".buildinfo*", ".doctrees"))
    (out / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages would hide Sphinx's _static/ otherwise
    titles = [(work / language / TITLE_FILE).read_text(encoding="utf-8") for language in ("zh", "en")]
    (out / "index.html").write_text(chooser_page(*titles), encoding="utf-8")
    return out


class _Refs(HTMLParser):
    """Collects the ids of a page and what it refers to: (tag, attribute, value)."""

    LOADS = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
             ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")}

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            elif value and ((tag, name) in self.LOADS or (tag == "a" and name == "href")):
                self.refs.append((tag, name, value))


def _pages(site: Path) -> list[Path]:
    """The HTML pages of a built site (the theme's Jinja templates copied under ``_static`` are not pages)."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


def _parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Every link or load inside ``site`` whose file (or ``#anchor`` on that page) does not exist."""
    parsed = {p: _parse(p) for p in _pages(site)}
    problems = []
    for page, refs in parsed.items():
        for _tag, _attr, value in refs.refs:
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or value.startswith(("mailto:", "javascript:", "data:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            rel = page.relative_to(site)
            if not target.exists():
                problems.append(f"{rel}: {value} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{rel}: {value} (no such anchor)")
    return problems


def remote_loads(site: Path) -> list[str]:
    """Scripts, styles, images and frames that a page would fetch from another host (links to read are fine)."""
    found = []
    for page in _pages(site):
        for tag, attr, value in _parse(page).refs:
            if tag != "a" and (urlsplit(value).netloc or value.startswith("//")):
                found.append(f"{page.relative_to(site)}: <{tag} {attr}={value}>")
    return found
