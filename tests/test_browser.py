"""End to end in a real browser: the Voilà classroom app, the offline slides and JupyterLab.

Playwright drives Debian's chromium (``/usr/bin/chromium``; ``playwright install`` is never run, .ci/run installs
the browser with apt-get). Each test starts its own server on a free port of 127.0.0.1, and every request the
page makes to another host is refused and recorded, so the tests also show what would break offline.
Screenshots of each step go to ``tests/artifacts/`` (gitignored).

Outside CI a machine without chromium or playwright skips these tests, saying why; in CI (``CI`` set) a missing
browser fails them.
"""

from __future__ import annotations

import contextlib
import html
import importlib.util
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from page_helpers import answer_quiz_question, free_port

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
ALLOW_ROOT = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # CI and containers run as root
APP_NOTEBOOK = ROOT / "notebooks" / "zh" / "03_discussion_exercises.ipynb"  # `make app`: the Chinese edition
START_NOTEBOOK = "notebooks/zh/00_start_here.ipynb"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IN_CI = bool(os.environ.get("CI"))
SERVER_START_S = 60
PAGE_TIMEOUT_MS = 60_000

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None


def _missing() -> str | None:
    if sync_playwright is None:
        return "the Python package playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    return None


MISSING = _missing()
if MISSING and not IN_CI:
    pytest.skip(f"browser tests need a browser: {MISSING}", allow_module_level=True)

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


# ---------------------------------------------------------------------------------------------------------
# Servers


def _wait_for_port(port: int, proc: subprocess.Popen, log: Path, timeout: float = SERVER_START_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on port {port} after {timeout} s:\n{log.read_text(errors='replace')}")


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server and the kernels it started (they run in sessions of their own)."""
    import psutil

    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    proc.send_signal(signal.SIGTERM)  # the server shuts its kernels down
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    _, alive = psutil.wait_procs(children, timeout=5)
    for child in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()


def jupyter_env(tmp_path: Path, store: Path) -> dict[str, str]:
    """The server's environment: its own store, config and runtime folders; no inherited MPLBACKEND."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env.update(OFFICE_ROLES_STORE=str(store), JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "jupyter-runtime"), PYTHONHASHSEED="0",
               JUPYTER_PATH=str(ROOT / "share" / "jupyter"))  # the app's Voilà template, as `make app` finds it
    return env


@contextlib.contextmanager
def serve(args: list[str], env: dict[str, str], log: Path) -> Iterator[str]:
    """Run ``python -m <args> --port=<free port>`` from the repository root; yield its base URL."""
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", *args, f"--port={port}"], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            _wait_for_port(port, proc, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            _stop(proc)


def voila_command(notebook: Path = APP_NOTEBOOK) -> list[str]:
    """`make app` without the culling flags, plus tracebacks on the page (they name a failing cell)."""
    return ["voila", str(notebook), "--no-browser", "--Voila.ip=127.0.0.1", "--template=office-roles",
            "--strip_sources=True", "--show_tracebacks=True"]


# ---------------------------------------------------------------------------------------------------------
# Browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if MISSING:
        pytest.fail(f"CI must run the browser tests: {MISSING}; .ci/run installs chromium and `make install` "
                    "installs playwright")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Offline:
    """Requests to hosts other than this machine are refused and recorded; page errors are recorded."""

    def __init__(self) -> None:
        self.refused: list[str] = []
        self.page_errors: list[str] = []

    def route(self, route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("file", "data", "blob") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, Offline]]:
    offline = Offline()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.route("**/*", offline.route)
    page = context.new_page()
    page.on("pageerror", lambda error: offline.page_errors.append(str(error)))
    try:
        yield page, offline
    finally:
        context.close()


def shot(page: Page, name: str, at=None) -> None:
    """A screenshot of the viewport, scrolled to ``at`` (a locator) first if given.

    Element screenshots of widgets taller than the viewport come out partly blank, so the viewport it is.
    """
    if at is not None:
        at.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


# ---------------------------------------------------------------------------------------------------------
# The classroom app


def test_classroom_app_in_the_browser(page, tmp_path: Path) -> None:
    from office_roles import exercises
    from office_roles.store import ResponseStore

    page, offline = page
    store = tmp_path / "responses.sqlite"
    with serve(voila_command(), jupyter_env(tmp_path, store), tmp_path / "voila.log") as url:
        page.goto(url + "/")
        page.wait_for_selector(".widget-toggle-buttons")  # the language switch, the app's last widget
        shot(page, "app_01_loaded.png")

        # Widgets with Chinese labels (the Chinese edition), and no code anywhere.
        body = page.locator("body").inner_text()
        assert "参谋" in body and "姓名" in body and "Name" not in body
        assert "Traceback" not in body, body[body.index("Traceback"):][:2000]
        for code in (".jp-CodeCell .jp-InputArea", ".jp-InputArea-editor", ".jp-InputPrompt", ".cm-editor",
                     ".CodeMirror"):
            assert page.locator(f"{code}:visible").count() == 0, f"code visible in the app: {code}"
        assert page.locator(".jp-CodeCell:not(.jp-mod-noInput)").count() == 0
        for source in ("import office_roles", "NBVAL_IGNORE_OUTPUT", "widgets.Session()"):
            assert source not in body

        # Quiz: answer the first question right and see the score change.
        question = exercises.load_exercises().quiz.iloc[0]
        score = page.locator(".widget-html", has_text=re.compile(r"得分"))
        assert re.search(r"得分:\s*0/0", score.inner_text())
        score, quiz = answer_quiz_question(page, question)
        page.wait_for_function("el => /得分:\\s*1\\/1/.test(el.innerText)", arg=score.element_handle())
        assert "✓ 正确" in quiz.inner_text()
        shot(page, "app_02_quiz_scored.png", at=quiz)

        # Mapping editor: compare with the article, then flip a cell: the agreement changes.
        mapping = page.locator(".widget-gridbox").locator("xpath=..")
        agreement = mapping.locator(".widget-html", has_text="一致率")
        assert agreement.count() == 0
        mapping.locator(".widget-checkbox", has_text="与原文明示的对应比较").locator("input").check()
        agreement.wait_for()
        before = agreement.inner_text()
        mapping.locator(".widget-gridbox .widget-toggle-button").first.click()
        page.wait_for_function("([el, old]) => el.innerText !== old", arg=[agreement.element_handle(), before])
        after = agreement.inner_text()
        assert re.search(r"\d+%", after) and after != before
        shot(page, "app_03_mapping_compared.png", at=agreement)

        # Type a name and submit: the row is in the response store.
        page.locator(".widget-text", has=page.locator("label", has_text="姓名")).locator("input").fill(
            "测试者 Tester")
        page.locator(".widget-text", has=page.locator("label", has_text="小组")).locator("input").fill(
            "第一组")
        mapping.get_by_role("button", name="提交").click()
        saved_message = mapping.get_by_text("✓ 已保存 (测试者 Tester)")
        saved_message.wait_for()
        shot(page, "app_04_mapping_submitted.png", at=saved_message)

    with ResponseStore(store) as saved:
        rows = saved.responses(exercise="mapping")
    assert len(rows) == 1, rows
    row = rows.iloc[0]
    assert (row["participant"], row["group"]) == ("测试者 Tester", "第一组")
    assert len(row["answer"]["links"]) == 1  # the one cell flipped on
    assert offline.page_errors == []
    # Voilà's lab template asks a CDN for Font Awesome (icons only); nothing else may leave the machine.
    assert [u for u in offline.refused if "fontawesome" not in u] == []


# ---------------------------------------------------------------------------------------------------------
# Slides


def _makefile_slides_flags(slides_dir: Path) -> list[str]:
    """SLIDES_FLAGS as written in the Makefile, with $(SLIDES_DIR) filled in: the test builds what make does."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    m = re.search(r"^SLIDES_FLAGS = ((?:.*\\\n)*.*)$", text, re.MULTILINE)
    assert m, "no SLIDES_FLAGS in the Makefile"
    flags = m.group(1).replace("\\\n", " ").replace("$(SLIDES_DIR)", str(slides_dir))
    assert "$(" not in flags, f"SLIDES_FLAGS uses a make variable this test does not know: {flags}"
    hide = re.search(r"^SLIDES_HIDE_CODE = (.*)$", text, re.MULTILINE)
    assert hide and "--no-input" in hide.group(1), "make slides must hide code unless SLIDES_CODE=1"
    return shlex.split(flags)


def _notebook_tool():
    """tools/notebooks.py, loaded as tests/test_notebook_tools.py loads it (once per session)."""
    name = "office_roles_notebook_tool"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / "notebooks.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the file executes
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_slides_open_offline_without_code(page, tmp_path: Path, edition: str) -> None:
    """Both editions' decks, built as `make slides` builds them (code hidden), open from file:// offline."""
    nbtools = _notebook_tool()
    page, offline = page
    slides = tmp_path / "slides"
    nbtools.slide_assets(slides)
    lessons = [p for p in nbtools.find_notebooks(ROOT / "notebooks" / edition)
               if nbtools.is_lesson(*nbtools.NOTEBOOK_RE.match(p.name).groups())]
    assert len(lessons) >= 3
    subprocess.run([sys.executable, "-m", "nbconvert", *_makefile_slides_flags(slides), "--no-input",
                    f"--output-dir={slides / edition}", *map(str, lessons)],
                   cwd=ROOT, check=True, capture_output=True)
    for lesson in lessons:
        types = nbtools.slide_types(nbtools.read_notebook(lesson))
        saved = [c.metadata.get("slideshow", {}).get("slide_type") for c in nbtools.read_notebook(lesson).cells]
        assert saved == types, f"{lesson.name}: slide metadata not current; run python tools/notebooks.py --write"
        deck = slides / edition / f"{lesson.stem}.slides.html"
        page.goto(deck.as_uri())
        page.wait_for_selector(".reveal.ready")  # reveal.js (via require.js) initialised
        assert page.locator(".slides > section").count() >= 5
        title = page.locator(".slides section.present h1").inner_text()
        if edition == "zh":
            assert re.search(r"[\u4e00-\u9fff]", title), title
        shot(page, f"slides_{edition}_{lesson.stem}_title.png")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_timeout(800)  # the slide transition
        shot(page, f"slides_{edition}_{lesson.stem}_section.png")
        assert page.locator(".jp-InputArea-editor").count() == 0  # no code on a presenter's slide
        assert "NBVAL_IGNORE_OUTPUT" not in page.content()
    assert offline.refused == [], "slides must open offline"
    assert offline.page_errors == []


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_speaker_view_shows_the_facilitator_notes_offline(page, tmp_path: Path, edition: str) -> None:
    """A prompt's slide shows the prompt, not its notes; the speaker view (key s) shows the facilitator note and
    the model answer in the deck's language, and neither window asks another host for anything."""
    from office_roles import exercises
    from office_roles.i18n import pick

    nbtools = _notebook_tool()
    page, offline = page
    slides = tmp_path / "slides"
    nbtools.slide_assets(slides)
    lesson = ROOT / "notebooks" / edition / "03_discussion_exercises.ipynb"
    subprocess.run([sys.executable, "-m", "nbconvert", *_makefile_slides_flags(slides), "--no-input",
                    f"--output-dir={slides / edition}", str(lesson)], cwd=ROOT, check=True, capture_output=True)
    html_text = (slides / edition / f"{lesson.stem}.slides.html").read_text(encoding="utf-8")
    raw = re.findall(r'<aside class="notes">(.*?)</aside>', html_text, re.DOTALL)
    asides = [_words(html.unescape(re.sub(r"<[^>]+>", " ", a))) for a in raw]
    data = exercises.load_exercises()
    prompts, scenarios = data.prompts, data.scenarios
    solutions = sum(c.metadata.get("slideshow", {}).get("slide_type") == "notes"
                    for c in nbtools.read_notebook(lesson).cells)
    assert solutions >= 2  # the lesson's own exercises: their model answers are in the notes too
    assert len(asides) == len(prompts) + len(scenarios) + solutions  # one aside per prompt, scenario, solution
    assert not any("<details" in a for a in raw)  # opened for the presenter, not behind a click
    for _, p in prompts.iterrows():  # each prompt's notes, in the deck's language
        note, answer = (_words(pick(p.get("note_zh"), p["note_en"], edition)),
                        _words(pick(p["model_answer_zh"], p["model_answer_en"], edition)))
        assert any(note in aside and answer in aside for aside in asides), p["prompt_id"]
    for _, s in scenarios.iterrows():
        feedback = _words(pick(s["feedback_zh"], s["feedback_en"], edition))
        assert any(feedback in aside and s["evidence_zh"] in aside for aside in asides), s["scenario_id"]
    prompt = prompts.iloc[0]
    asked = _words(pick(prompt["prompt_zh"], prompt["prompt_en"], edition))
    note = _words(pick(prompt.get("note_zh"), prompt["note_en"], edition))
    answer = _words(pick(prompt["model_answer_zh"], prompt["model_answer_en"], edition))

    page.goto((slides / edition / f"{lesson.stem}.slides.html").as_uri())
    page.wait_for_selector(".reveal.ready")
    section = page.locator(".slides section section", has_text=asked).first
    # reveal.js is a require.js module here, not a global: go to the prompt's slide by its address, #/h/v.
    h, v = section.evaluate("s => [[...s.parentElement.parentElement.children].indexOf(s.parentElement), "
                            "[...s.parentElement.children].indexOf(s)]")
    page.evaluate(f"location.hash = '#/{h}/{v}'")
    page.wait_for_timeout(800)  # the slide transition
    shot(page, f"slides_{edition}_prompt.png")
    assert asked in _words(section.inner_text())
    assert section.locator("aside.notes").count() == 1
    assert not section.locator("aside.notes").is_visible()  # on the projector: the prompt only
    assert note[:60] not in _words(section.inner_text())

    with page.expect_popup() as popup_info:
        page.keyboard.press("s")
    speaker = popup_info.value
    speaker.on("pageerror", lambda error: offline.page_errors.append(str(error)))
    notes = speaker.locator(".speaker-controls-notes .value")
    speaker.wait_for_function("() => document.querySelector('.speaker-controls-notes .value') && "
                              "document.querySelector('.speaker-controls-notes .value').innerText.length > 20")
    shown = _words(notes.inner_text())
    assert note in shown and answer in shown
    speaker.wait_for_timeout(1500)  # the current and upcoming slide frames load
    speaker.screenshot(path=str(ARTIFACTS / f"slides_{edition}_speaker_view.png"))
    assert offline.refused == [], "the speaker view must work offline"
    assert offline.page_errors == []


# ---------------------------------------------------------------------------------------------------------
# JupyterLab


def test_jupyterlab_renders_the_chinese_edition_in_chinese(page, tmp_path: Path) -> None:
    """`make lab EDITION=zh`: the Chinese edition's start notebook, in JupyterLab's Chinese interface."""
    page, offline = page
    settings = tmp_path / "lab-settings"
    _notebook_tool().lab_settings(settings, "zh_CN")  # what `make lab EDITION=zh` writes
    args = ["jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=",
            "--ServerApp.password=", f"--ServerApp.root_dir={ROOT}", f"--LabApp.workspaces_dir={tmp_path}",
            f"--LabApp.user_settings_dir={settings}",
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *ALLOW_ROOT]
    with serve(args, jupyter_env(tmp_path, tmp_path / "responses.sqlite"), tmp_path / "lab.log") as url:
        page.goto(f"{url}/lab/tree/{START_NOTEBOOK}")
        title = page.locator(".jp-Notebook .jp-MarkdownCell h1", has_text="从这里开始")
        title.wait_for()
        shot(page, "lab_start_here.png")
        assert page.locator(".jp-Notebook .jp-Cell").count() > 5
        menus = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_inner_texts()
        assert "文件" in menus, f"JupyterLab's menus are not in Chinese: {menus}"  # the language pack is active
    assert offline.page_errors == []


def test_a_hub_serves_the_app_with_its_own_template(tmp_path: Path) -> None:
    """The hub route (README, deploy/z2jh/values.yaml): a plain Jupyter server with JUPYTER_PATH and a voila.json
    naming the template renders /voila/render/… with Font Awesome from the server, never from the CDN."""
    env = jupyter_env(tmp_path, tmp_path / "responses.sqlite")
    config = Path(env["JUPYTER_CONFIG_DIR"])
    config.mkdir(parents=True)
    (config / "voila.json").write_text(json.dumps({"VoilaConfiguration": {"template": "office-roles"}}))
    args = ["jupyter_server", "--no-browser", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=",
            "--ServerApp.password=", f"--ServerApp.root_dir={ROOT}", *ALLOW_ROOT]
    with serve(args, env, tmp_path / "server.log") as url:
        render = f"{url}/voila/render/{APP_NOTEBOOK.relative_to(ROOT).as_posix()}"
        with urllib.request.urlopen(render, timeout=180) as response:  # the notebook runs before the page is sent
            page_html = response.read().decode("utf-8")
    assert "/voila/templates/office-roles/static/fontawesome/css/all.min.css" in page_html
    # nothing the page links or loads from another host (the page config names MathJax's CDN, loaded only for maths)
    assert not re.findall(r'(?:href|src)="https?://[^"]*"|import\("https?://', page_html)
