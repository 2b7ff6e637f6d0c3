"""How long the notebooks take to run, against a floor, and how long the classroom app takes to show a widget.

Run: ``python benchmarks/notebooks.py`` (prints Markdown tables for the README); ``--no-app`` skips the
browser part.

* **Notebooks.** Each notebook runs top to bottom in a fresh kernel (nbclient, as ``make build`` runs them),
  median of three runs each, alternating with the floor. The floor is the same machinery on a one-cell notebook
  that only runs
  ``import pandas, matplotlib, ipywidgets``: kernel start, the heavy imports and shutdown, which no notebook can
  beat. It is measured right before each notebook, so each ratio compares neighbours in time; the set's ratio is
  the summed notebook times over the summed floors.
* **App.** Voilà is started on a free port of 127.0.0.1 (as ``make app`` does) and Debian's chromium opens the
  page through Playwright. Server start is the time from launch until the port accepts connections; page to
  first widget is the time from the request until the first ``.jupyter-widgets`` element is in the page, and to
  the last widget (the language switch at the bottom) when the whole notebook has run. Three page loads, each
  with a new kernel, as every visitor gets one.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks" / "zh"  # one edition: both run the same code (tests/test_editions.py)
APP_NOTEBOOK = NB_DIR / "03_discussion_exercises.ipynb"
FLOOR_SOURCE = "import pandas, matplotlib, ipywidgets"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGE_LOADS = 3


def run_notebook(nb: nbformat.NotebookNode) -> float:
    """Seconds to execute ``nb`` in a fresh python3 kernel, start and shutdown included."""
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NB_DIR)}})
    client.execute(stderr=subprocess.DEVNULL)  # the kernel's start-up log lines would clutter the tables
    return time.perf_counter() - start


def floor_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    return nb


REPEATS = 3


def bench_notebooks() -> None:
    paths = sorted(NB_DIR.glob("[0-9][0-9]_*.ipynb"))
    run_notebook(floor_notebook())  # warm the disk cache, as a learner's second notebook would find it
    rows = []
    for path in paths:
        # Median of REPEATS alternating runs: one kernel start in a few takes seconds longer on this machine,
        # and a single outlier in the floor would flatter the ratio.
        floors, times = [], []
        for _ in range(REPEATS):
            floors.append(run_notebook(floor_notebook()))
            times.append(run_notebook(nbformat.read(str(path), as_version=4)))
        rows.append((path.name, statistics.median(times), statistics.median(floors)))
    total, floors = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"Notebooks, each in a fresh kernel, median of {REPEATS} runs (Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs). Floor: a kernel that only runs `{FLOOR_SOURCE}`.\n")
    print("| notebook | seconds | floor s | notebook / floor |")
    print("| --- | ---: | ---: | ---: |")
    for name, seconds, floor in rows:
        print(f"| {name} | {seconds:.1f} | {floor:.1f} | {seconds / floor:.1f}× |")
    print(f"| **whole set** ({len(rows)} notebooks) | **{total:.1f}** | {floors:.1f} | **{total / floors:.1f}×** |")


# ---------------------------------------------------------------------------------------------------------
# The app


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_app() -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("\n(app: skipped, playwright is not installed)")
        return
    if not Path(CHROMIUM).is_file():
        print(f"\n(app: skipped, {CHROMIUM} is missing: apt-get install -y chromium)")
        return
    import psutil

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    with tempfile.TemporaryDirectory(prefix="office-roles-app-bench-") as tmp, \
            open(Path(tmp) / "voila.log", "wb") as log:
        env.update(OFFICE_ROLES_STORE=str(Path(tmp) / "responses.sqlite"), JUPYTER_RUNTIME_DIR=tmp)
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "voila", str(APP_NOTEBOOK), "--no-browser",
                                 f"--port={port}", "--Voila.ip=127.0.0.1", "--template=lab",
                                 "--strip_sources=True"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            while True:
                if proc.poll() is not None or time.perf_counter() - started > 60:
                    raise SystemExit(f"voila did not start:\n{(Path(tmp) / 'voila.log').read_text()}")
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
                time.sleep(0.05)
            server_start = time.perf_counter() - started
            loads = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for _ in range(PAGE_LOADS):
                    page = browser.new_page()
                    # Voilà's template asks a CDN for icon fonts; refuse it so the numbers hold offline too.
                    page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url
                               else route.abort())
                    t0 = time.perf_counter()
                    page.goto(f"http://127.0.0.1:{port}/", wait_until="commit", timeout=120_000)
                    page.wait_for_selector(".jupyter-widgets", timeout=120_000)
                    first = time.perf_counter() - t0
                    page.wait_for_selector(".widget-toggle-buttons", timeout=120_000)
                    loads.append((first, time.perf_counter() - t0))
                    page.close()
                browser.close()
        finally:
            children = psutil.Process(proc.pid).children(recursive=True)
            proc.terminate()
            proc.wait(timeout=30)
            for child in psutil.wait_procs(children, timeout=5)[1]:
                child.kill()
    print(f"\nVoilà app ({APP_NOTEBOOK.name}), Debian chromium via Playwright, {PAGE_LOADS} page loads "
          "(a new kernel each):\n")
    print("| measure | seconds |")
    print("| --- | ---: |")
    print(f"| server start (launch → port open) | {server_start:.1f} |")
    print(f"| page → first widget, first load | {loads[0][0]:.1f} |")
    print(f"| page → first widget, median of {PAGE_LOADS} | {statistics.median(f for f, _ in loads):.1f} |")
    print(f"| page → all widgets (notebook fully run), median of {PAGE_LOADS} | "
          f"{statistics.median(a for _, a in loads):.1f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-app", action="store_true", help="skip the Voilà app measurement")
    args = parser.parse_args(argv)
    os.environ.pop("MPLBACKEND", None)  # the kernels choose the inline backend, as under make build
    with tempfile.TemporaryDirectory(prefix="office-roles-bench-") as tmp:
        os.environ["OFFICE_ROLES_STORE"] = str(Path(tmp) / "responses.sqlite")
        os.environ.setdefault("PYTHONHASHSEED", "0")
        bench_notebooks()
    if not args.no_app:
        bench_app()
    return 0


if __name__ == "__main__":
    sys.exit(main())
