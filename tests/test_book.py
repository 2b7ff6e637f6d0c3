"""The built book (``make book``): it builds offline from the saved outputs, every internal link resolves, no
page loads anything from another host, and Chromium opens the landing pages and a lesson in each language from
``file://`` with zero off-machine requests and real Chinese glyphs.

The book is built once per test session into a temporary folder. Outside CI a machine without the book's tools
(``pip install -e '.[book]'``) or without the browser skips these tests, saying why; in CI (``CI`` set) a missing
tool fails them. Screenshots go to ``tests/artifacts/`` (gitignored).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
IN_CI = bool(os.environ.get("CI"))
BOOK_TOOLS = ("sphinx", "myst_nb", "sphinx_book_theme")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGE_TIMEOUT_MS = 60_000
HAN = re.compile(r"[\u4e00-\u9fff]")

MISSING_TOOLS = [name for name in BOOK_TOOLS if importlib.util.find_spec(name) is None]
if MISSING_TOOLS and not IN_CI:
    pytest.skip(f"the book needs {', '.join(MISSING_TOOLS)}: pip install -e '.[book]'", allow_module_level=True)


# Loaded by every Python process of the build (the builder and its sphinx-build processes): any connection to
# a host other than this machine raises, so a build that needs the network fails here.
NO_NETWORK = """\
import socket

_connect = socket.socket.connect


def _local_only(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in ("127.0.0.1", "::1", "localhost"):
        raise OSError(f"the book build tried to reach {address}: it must build offline")
    return _connect(self, address)


socket.socket.connect = _local_only
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    """``make book``'s command, run once with the network cut off; the built site."""
    if MISSING_TOOLS:
        pytest.fail(f"CI must build the book: {', '.join(MISSING_TOOLS)} missing; `make install` installs '.[book]'")
    work = tmp_path_factory.mktemp("book")
    guard = work / "offline"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(guard), os.environ.get("PYTHONPATH")]))}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "office_roles.book", "--out", str(work / "site"),
                             "--work", str(work / "src")], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    print(f"book built offline in {time.monotonic() - started:.1f} s")
    return work / "site"


def _lesson_count(language: str) -> int:
    from office_roles.book.editions import lessons_for

    return len(lessons_for(ROOT / "notebooks", language).notebooks)


def test_both_languages_have_their_landing_page_search_and_every_section(book):
    from office_roles.book.pages import INSTRUCTOR_PAGES, READING_PAGES

    assert (book / "index.html").is_file() and (book / ".nojekyll").is_file()
    for language in ("zh", "en"):
        site = book / language
        for doc in ("index", "search", *READING_PAGES, *INSTRUCTOR_PAGES):
            assert (site / f"{doc}.html").is_file(), f"{language}/{doc}.html"
        assert len(list((site / "lessons").glob("*.html"))) == _lesson_count(language) > 0
        assert (site / "searchindex.js").stat().st_size > 10_000
        html_lang = re.search(r'<html[^>]* lang="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
        assert html_lang and html_lang.group(1).startswith(language)


def test_the_figures_page_shows_every_figure_in_its_language(book):
    from office_roles.plots import FIGURES

    for language in ("zh", "en"):
        html = (book / language / "figures.html").read_text(encoding="utf-8")
        shown = re.findall(r'<img[^>]+src="([^"]+\.png)"', html)
        assert len(shown) == len(FIGURES) >= 6, shown
    titles = re.findall(r"<h2>(.*?)<a", (book / "en" / "figures.html").read_text(encoding="utf-8"))
    assert titles and not any(HAN.search(t) for t in titles)


def test_every_internal_link_resolves(book):
    from office_roles.book.build import broken_links

    pages = list(book.rglob("*.html"))
    assert len(pages) > 30
    assert broken_links(book) == []


def test_no_page_loads_anything_from_another_host(book):
    from office_roles.book.build import remote_loads

    assert remote_loads(book) == []
    # nor does a script or style sheet of the book fetch one by itself (fonts, MathJax, widget managers)
    for asset in [*book.rglob("*.js"), *book.rglob("*.css")]:
        text = asset.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"(cdn\.jsdelivr|unpkg\.com|cdnjs|fonts\.googleapis|mathjax@)", text), asset


def test_every_widget_cell_of_a_lesson_gets_its_note_and_no_blank(book):
    from office_roles.book.editions import lessons_for
    from office_roles.book.lessons import widget_name

    for language in ("zh", "en"):
        for notebook in lessons_for(ROOT / "notebooks", language).notebooks:
            widgets = [c for c in nbformat.read(notebook, as_version=4).cells if widget_name(c) is not None]
            html = (book / language / "lessons" / f"{notebook.stem}.html").read_text(encoding="utf-8")
            assert html.count("live-widget") == len(widgets), notebook.name
            assert "widget-view+json" not in html


def test_the_search_index_holds_chinese_words(book):
    text = (book / "zh" / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert {"参谋", "耳目", "协调"} <= set(index["terms"])  # words, as jieba cut them, not single characters


# ---------------------------------------------------------------------------------------------------------
# In the browser, from file://


def _browser_missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    return None


@pytest.fixture(scope="module")
def browser():
    missing = _browser_missing()
    if missing:
        if IN_CI:
            pytest.fail(f"CI must run the browser tests: {missing}")
        pytest.skip(f"browser tests need a browser: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _cjk_families() -> set[str]:
    """The font families this machine has for Chinese (fontconfig, which Chromium uses on Linux)."""
    if not shutil.which("fc-list"):
        return set()
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


def _fonts_drawing(page, selector: str) -> dict[str, int]:
    """Family → glyph count of the fonts Chromium really used for the text of the first ``selector``."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})
    node = session.send("DOM.querySelector", {"nodeId": root["root"]["nodeId"], "selector": selector})
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    return {f["familyName"]: f["glyphCount"] for f in fonts}


# The first visible element whose own text has Chinese: it is marked so that the DevTools protocol can ask which
# fonts drew it (CSS.getPlatformFontsForNode reports the fonts of a node's own text nodes).
MARK_CHINESE = """() => {
  for (const el of document.querySelectorAll("article *")) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join("");
    if (/[\\u4e00-\\u9fff]/.test(own) && el.getClientRects().length) {
      el.setAttribute("data-han-probe", "");
      return own;
    }
  }
  return null;
}"""

PAGES = [  # (page, screenshot)
    ("zh/index.html", "book_zh_landing.png"),
    ("en/index.html", "book_en_landing.png"),
    ("zh/lessons/01_article_as_tables.html", "book_zh_lesson.png"),
    ("en/lessons/01_article_as_tables.html", "book_en_lesson.png"),
    ("en/article.html", "book_en_article.png"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("path", "shot"), PAGES, ids=[p[0] for p in PAGES])
def test_pages_open_from_file_offline_with_real_chinese_glyphs(book, browser, path, shot):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    refused, errors = [], []

    def route(request_route):
        if urlsplit(request_route.request.url).scheme in ("file", "data", "blob"):
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((book / path).as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / shot))
        assert refused == [], f"{path} asked another host for {refused}"
        assert errors == [], errors
        assert page.locator(".bd-sidebar-primary nav a").count() >= 10  # the book's navigation is there
        text = page.evaluate(MARK_CHINESE)
        assert text, f"{path} shows no Chinese"
        fonts = _fonts_drawing(page, "[data-han-probe]")
        families = _cjk_families()
        cjk_glyphs = sum(n for family, n in fonts.items() if family in families)
        assert cjk_glyphs >= len(HAN.findall(text)), f"Chinese drawn with {fonts}, CJK fonts here: {families}"
    finally:
        context.close()


@pytest.mark.browser
def test_search_works_from_file(book, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        for language, word in (("zh", "参谋"), ("en", "coordination")):
            page = context.new_page()
            page.goto((book / language / "search.html").as_uri() + f"?q={word}")
            page.wait_for_selector("#search-results li", timeout=PAGE_TIMEOUT_MS)
            assert page.locator("#search-results li").count() > 0
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"book_{language}_search.png"))
    finally:
        context.close()
