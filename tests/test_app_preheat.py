"""`make app` as the Makefile runs it, with a pool of preheated kernels, in a real browser.

A preheated kernel ran the notebook when the server started, before anyone asked: this checks that a visitor is
served from the pool, that the widgets work, and that an answer lands in the store named by APP_STORE, which
reaches the kernels only through the server's environment, and that the page asks no host but the server for
anything (Voilà's own template links Font Awesome on a CDN, and a CDN that does not answer held every widget back
for about 30 s; the app's template serves it itself). Playwright drives Debian's chromium, as in
tests/test_browser.py (skipped outside CI without them, failing in CI).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from page_helpers import answer_quiz_question, free_port

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
IN_CI = bool(os.environ.get("CI"))
START_S = 120

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

MISSING = ("the Python package playwright is not installed" if sync_playwright is None
           else None if CHROMIUM.is_file() else f"{CHROMIUM} is missing (apt-get install -y chromium)")
if MISSING and not IN_CI:
    pytest.skip(f"browser tests need a browser: {MISSING}", allow_module_level=True)

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def make_app(tmp_path: Path, store: Path, pool: int):
    """`make app` on a free port with this venv (its install stamp is not rebuilt); yield (URL, log file)."""
    port, log = free_port(), tmp_path / "app.log"
    cmd = ["make", "--no-print-directory", "-o", f"{sys.prefix}/.installed-lab", "app", f"VENV={sys.prefix}",
           f"APP_PORT={port}", f"APP_POOL={pool}", f"APP_STORE={store}"]
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "jupyter-runtime"), "PYTHONHASHSEED": "0"}
    env.pop("OFFICE_ROLES_STORE", None)  # APP_STORE alone must bring the store to the kernels
    import psutil

    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + START_S
            while True:
                assert proc.poll() is None, f"`make app` exited with {proc.returncode}:\n{log.read_text()}"
                assert time.monotonic() < deadline, f"`make app` not listening after {START_S} s:\n{log.read_text()}"
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
                time.sleep(0.2)
            yield f"http://127.0.0.1:{port}/", log
        finally:
            children = psutil.Process(proc.pid).children(recursive=True)
            for child in children:  # voila shuts its kernels down on SIGTERM
                with contextlib.suppress(psutil.NoSuchProcess):
                    child.terminate()
            for child in psutil.wait_procs(children, timeout=20)[1]:
                child.kill()
            proc.wait(timeout=30)


def test_make_app_serves_a_preheated_kernel_that_writes_to_app_store(tmp_path: Path) -> None:
    from office_roles import exercises
    from office_roles.store import ResponseStore

    if MISSING:
        pytest.fail(f"CI must run the browser tests: {MISSING}")
    store = tmp_path / "class" / "responses.sqlite"
    question = exercises.load_exercises().quiz.iloc[0]
    with make_app(tmp_path, store, pool=1) as (url, log), sync_playwright() as playwright:
        text = log.read_text()
        assert "--preheat_kernel=True --pool_size=1" in text, text
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(120_000)
        page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
        requested, fonts = [], []
        page.on("request", lambda request: requested.append(request.url))
        page.on("response", lambda response: fonts.append((response.url, response.status))
                if response.url.endswith(".woff2") else None)
        page.goto(url)
        page.wait_for_selector(".widget-toggle-buttons")  # the language switch, the app's last widget
        elsewhere = [u for u in requested if not u.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:"))]
        assert not elsewhere, f"the app's page asked other hosts: {elsewhere}"
        # The icons (the deck's arrows, the group view's refresh) come from the server's own Font Awesome.
        page.wait_for_function("[...document.fonts].some(font => font.family.includes('Font Awesome 5 Free')"
                               " && font.weight === '900' && font.status === 'loaded')")
        assert any(u.endswith("/fa-solid-900.woff2") and status == 200 for u, status in fonts), fonts
        family = page.evaluate("getComputedStyle(document.querySelector('.fa-arrow-left'), '::before').fontFamily")
        assert "Font Awesome 5 Free" in family, family
        assert "Using pre-heated kernel" in log.read_text(), "the visitor was not served from the pool"
        body = page.locator("body").inner_text()
        assert "参谋" in body and "Traceback" not in body

        page.locator(".widget-text", has=page.locator("label", has_text="姓名")).locator("input").fill(
            "预热 Preheat")
        score, _ = answer_quiz_question(page, question)  # the app serves the Chinese edition
        page.wait_for_function("el => /得分:\\s*1\\/1/.test(el.innerText)", arg=score.element_handle())
        browser.close()

    with ResponseStore(store) as saved:
        rows = saved.responses(exercise="quiz")
    assert list(rows["participant"]) == ["预热 Preheat"], rows
