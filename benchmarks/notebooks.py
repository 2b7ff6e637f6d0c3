"""How long the notebooks take to run, against a floor, and how long the classroom app takes to show a widget.

Run: ``python benchmarks/notebooks.py`` (prints Markdown tables for the README); ``--no-app`` skips the
browser part, ``--no-notebooks`` the notebooks, ``--pool N`` (repeatable) chooses the pool sizes of the app.

* **Notebooks.** Each notebook runs top to bottom in a fresh kernel (nbclient, as ``make build`` runs them),
  median of three runs each, alternating with the floor. The floor is the same machinery on a one-cell notebook
  that only runs
  ``import pandas, matplotlib, ipywidgets``: kernel start, the heavy imports and shutdown, which no notebook can
  beat. It is measured right before each notebook, so each ratio compares neighbours in time; the set's ratio is
  the summed notebook times over the summed floors.
* **App.** ``make app`` is started on a free port of 127.0.0.1 with a throwaway store, once without a pool of
  preheated kernels (``APP_POOL=0``) and once per pool size (default: the Makefile's ``APP_POOL`` and 10), one
  server after the other; Debian's chromium opens the page through Playwright. Server start is the time from
  launch until the port accepts connections, pool ready until every pooled kernel has run the notebook (idle and
  quiet for a second, asked through Voilà's kernel API). Page to first widget is the time from the request until
  the first ``.jupyter-widgets`` element is in the page, and to the last widget (the language switch at the
  bottom) when the whole notebook has run. Three visitors one after another (each finds a preheated kernel, as
  learners do who arrive after the app started), then ten at once when the pool is full again (ten pages of one
  browser on this machine, as a room whose learners all click the link together). Every visitor gets a kernel of
  their own; the last row counts those Voilà took from the pool. For the ten, the CPU seconds of the server
  (Voilà and its kernels) and of the browser's processes are counted apart: in a room each learner's page runs on
  the learner's own device, here all ten share the server's CPUs.
  The app's floor is the same server with the same pool serving a one-cell notebook that shows one button and
  one set of toggle buttons: what Voilà's page itself costs (its scripts, the kernel connection), which no
  notebook can beat. It tells how much of a visitor's wait the exercises' own widgets add.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks" / "zh"  # one edition: both run the same code (tests/test_editions.py)
APP_NOTEBOOK = NB_DIR / "03_discussion_exercises.ipynb"
FLOOR_SOURCE = "import pandas, matplotlib, ipywidgets"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 # The browser itself refuses every host but this machine, so no stray request reaches the network
                 # and the numbers hold offline. (Playwright's request interception, used before, sent each of the
                 # page's ~90 requests through this Python process and added 0.3 s to one visitor's wait.)
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
PAGE_LOADS = 3
VISITORS = 10
PAGE_TIMEOUT_S = 180


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


def makefile_app_pool() -> int:
    """The Makefile's default APP_POOL, so the table reports what `make app` does."""
    m = re.search(r"^APP_POOL \?= (\d+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    if not m:
        raise SystemExit("no `APP_POOL ?= N` in the Makefile")
    return int(m.group(1))


class App:
    """`make app` on a free port with a throwaway store, started and stopped around a block of measurements."""

    def __init__(self, pool: int, tmp: Path, notebook: Path = APP_NOTEBOOK) -> None:
        self.pool, self.port = pool, free_port()
        self.log = tmp / f"voila-{notebook.stem}-pool{pool}.log"
        venv = Path(sys.prefix)
        self.cmd = ["make", "--no-print-directory", "-o", f"{venv}/.installed-lab", "app", f"VENV={venv}",
                    f"APP_PORT={self.port}", f"APP_POOL={pool}", f"APP_STORE={tmp / f'responses-{pool}.sqlite'}",
                    f"APP_NOTEBOOK={notebook}"]
        self.env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp)}
        self.url = f"http://127.0.0.1:{self.port}/"

    def log_count(self, text: str) -> int:
        return self.log.read_text(errors="replace").count(text)

    def wait_for(self, condition, what: str, timeout: float = 300) -> float:
        """Seconds since launch until ``condition()`` holds; exit with the server log if it does not in ``timeout``."""
        deadline = time.perf_counter() + timeout
        while not condition():
            if self.proc.poll() is not None or time.perf_counter() > deadline:
                raise SystemExit(f"`{' '.join(self.cmd)}`: no {what}:\n{self.log.read_text(errors='replace')}")
            time.sleep(0.05)
        return time.perf_counter() - self.started

    def port_open(self) -> bool:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
            return True
        return False

    def pool_ready(self) -> bool:
        """APP_POOL kernels wait in the pool and each has run the notebook: idle, and quiet for a second.

        Voilà's own "pool is filled" log line comes when the kernels have started, before the notebook ran in them.
        """
        if self.pool == 0:
            return True
        log = self.log.read_text(errors="replace")
        waiting = set(re.findall(r"Kernel started: ([0-9a-f-]+)", log)) - set(
            re.findall(r"Using pre-heated kernel: ([0-9a-f-]+)", log))
        if len(waiting) < self.pool:
            return False
        for kernel_id in waiting:
            try:
                with urllib.request.urlopen(f"{self.url}api/kernels/{kernel_id}", timeout=5) as response:
                    model = json.load(response)
            except OSError:
                return False
            last = datetime.datetime.fromisoformat(model["last_activity"].replace("Z", "+00:00"))
            quiet = datetime.datetime.now(datetime.timezone.utc) - last
            if model["execution_state"] != "idle" or quiet.total_seconds() < 1:
                return False
        return True

    def __enter__(self) -> App:
        self.out = self.log.open("wb")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(self.cmd, cwd=ROOT, env=self.env, stdout=self.out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        return self

    def __exit__(self, *exc) -> None:
        import psutil

        children = psutil.Process(self.proc.pid).children(recursive=True)
        for child in children:  # voila first: it shuts its kernels down on SIGTERM
            with contextlib.suppress(psutil.NoSuchProcess):
                child.terminate()
        for child in psutil.wait_procs(children, timeout=20)[1]:
            child.kill()
        self.proc.wait(timeout=30)
        self.out.close()


class CpuMeter:
    """CPU seconds spent by the processes under ``roots`` (and their children, including ones that start or exit
    while it runs) from ``with`` to its end: polled every 0.1 s, so an exiting process loses at most its last
    tenth of a second. Tells the server's share of a crowd's wait (Voilà and the kernels) from the browsers'."""

    def __init__(self, roots, skip: tuple[str, ...] = ()) -> None:
        self.roots, self.skip = roots, skip
        self.start: dict[int, float] = {}
        self.last: dict[int, float] = {}

    def _poll(self) -> dict[int, float]:
        import psutil

        found = {}
        for root in self.roots():
            with contextlib.suppress(psutil.NoSuchProcess):
                for proc in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.NoSuchProcess):
                        if proc.name() not in self.skip:
                            times = proc.cpu_times()
                            found[proc.pid] = times.user + times.system
        return found

    async def _watch(self) -> None:
        while True:
            self.last.update(self._poll())
            await asyncio.sleep(0.1)

    async def __aenter__(self) -> CpuMeter:
        self.start = self._poll()
        self.last = dict(self.start)
        self.task = asyncio.create_task(self._watch())
        return self

    async def __aexit__(self, *exc) -> None:
        self.task.cancel()
        self.last.update(self._poll())
        self.seconds = sum(cpu - self.start.get(pid, 0.0) for pid, cpu in self.last.items())


async def open_page(browser, url: str) -> tuple[float, float]:
    """Seconds from the request to the first widget and to the last (the language switch: the notebook has run);
    ``inf`` for what did not appear within PAGE_TIMEOUT_S."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    page = await browser.new_page()
    first = last = float("inf")
    t0 = time.perf_counter()
    try:
        await page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_S * 1000)
        await page.wait_for_selector(".jupyter-widgets", timeout=PAGE_TIMEOUT_S * 1000)
        first = time.perf_counter() - t0
        await page.wait_for_selector(".widget-toggle-buttons", timeout=PAGE_TIMEOUT_S * 1000)
        last = time.perf_counter() - t0
    except PlaywrightTimeout:
        pass
    body = await page.locator("body").inner_text()
    if "Traceback" in body:
        raise SystemExit(f"the app shows a traceback:\n{body[body.index('Traceback'):][:2000]}")
    await page.close()
    return first, last


def floor_app_notebook(folder: Path) -> Path:
    """A one-cell notebook with the two widgets the measurements wait for (any widget, the toggle buttons)."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import ipywidgets as w\nw.VBox([w.Button(description='x'), w.ToggleButtons(options=['a', 'b'])])")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "floor_app.ipynb"
    nbformat.write(nb, path)
    return path


async def measure_app(pool: int, tmp: Path, notebook: Path = APP_NOTEBOOK) -> dict[str, float | str]:
    """One server: start, PAGE_LOADS visitors one after another, then VISITORS at once (each in its own page)."""
    from playwright.async_api import async_playwright

    row: dict[str, float | str] = {}
    with App(pool, tmp, notebook) as app:
        row["server start (launch → port open)"] = app.wait_for(app.port_open, "open port")
        row["pool ready (launch → every pooled kernel ran the notebook)"] = (
            app.wait_for(app.pool_ready, "full pool") if pool else "—")
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            loads = []
            for _ in range(PAGE_LOADS):
                # Each visitor finds a preheated kernel: in class, learners arrive after the app started. A pool
                # of PAGE_LOADS or more has them ready; a smaller one is waited for (refills start after
                # APP_REFILL_DELAY).
                if pool < PAGE_LOADS:
                    app.wait_for(app.pool_ready, "refilled pool")
                loads.append(await open_page(browser, app.url))
            app.wait_for(app.pool_ready, "refilled pool")  # the room arrives at a full pool
            import psutil

            server = CpuMeter(lambda: [psutil.Process(app.proc.pid)])
            # The browser's processes: children of this one but for Playwright's driver (node), harness cost.
            pages = CpuMeter(lambda: [psutil.Process()], skip=("node", psutil.Process().name()))
            async with server, pages:
                crowd = await asyncio.gather(*(open_page(browser, app.url) for _ in range(VISITORS)))
            await browser.close()
        served = app.log_count("Using pre-heated kernel")
    row["page → first widget, first visitor"] = loads[0][0]
    row[f"page → first widget, median of {PAGE_LOADS} visitors one after another"] = statistics.median(
        f for f, _ in loads)
    row[f"page → all widgets, median of {PAGE_LOADS} one after another"] = statistics.median(a for _, a in loads)
    row[f"{VISITORS} visitors at once: first widget, median"] = statistics.median(f for f, _ in crowd)
    row[f"{VISITORS} visitors at once: first widget, slowest"] = max(f for f, _ in crowd)
    row[f"{VISITORS} visitors at once: all widgets, slowest"] = max(a for _, a in crowd)
    row[f"{VISITORS} visitors at once: widgets within {PAGE_TIMEOUT_S} s"] = (
        f"{sum(a != float('inf') for _, a in crowd)}/{VISITORS}")
    row[f"{VISITORS} visitors at once: CPU s of the server (Voilà and kernels)"] = server.seconds
    row[f"{VISITORS} visitors at once: CPU s of the {VISITORS} browser pages"] = pages.seconds
    row["pages served by a preheated kernel"] = f"{served}/{PAGE_LOADS + VISITORS}"
    return row


def bench_app(pools: list[int], floor: bool = True) -> None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("\n(app: skipped, playwright is not installed)")
        return
    if not Path(CHROMIUM).is_file():
        print(f"\n(app: skipped, {CHROMIUM} is missing: apt-get install -y chromium)")
        return
    rows: dict[object, dict[str, float | str]] = {}
    names = {pool: "cold (APP_POOL=0)" if pool == 0 else f"preheated (APP_POOL={pool})" for pool in pools}
    with tempfile.TemporaryDirectory(prefix="office-roles-app-bench-") as tmp:
        for pool in pools:  # one server after the other, so they do not share the CPUs
            rows[pool] = asyncio.run(measure_app(pool, Path(tmp)))
            print(f"APP_POOL={pool}: {rows[pool]}", file=sys.stderr, flush=True)
        if floor:
            pool = max(pools)
            rows["floor"] = asyncio.run(measure_app(pool, Path(tmp), floor_app_notebook(Path(tmp))))
            names["floor"] = f"floor: one widget (APP_POOL={pool})"
            print(f"floor: {rows['floor']}", file=sys.stderr, flush=True)
    pools = [*pools, "floor"] if floor else pools
    print(f"\nVoilà app ({APP_NOTEBOOK.name}) as `make app` serves it; Debian chromium via Playwright; seconds. "
          f"{PAGE_LOADS} visitors one after another, then {VISITORS} at once (browser pages on this machine):\n")
    print("| measure | " + " | ".join(names[p] for p in pools) + " |")
    print("| --- |" + " ---: |" * len(pools))
    for measure in rows[pools[0]]:
        cells = [rows[p][measure] for p in pools]
        print(f"| {measure} | " + " | ".join(
            c if isinstance(c, str) else "never" if c == float("inf") else f"{c:.1f}" for c in cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-app", action="store_true", help="skip the Voilà app measurement")
    parser.add_argument("--no-notebooks", action="store_true", help="skip the notebook measurement")
    parser.add_argument("--no-floor", action="store_true", help="skip the app's floor (a one-widget notebook)")
    parser.add_argument("--pool", type=int, action="append",
                        help="APP_POOL values to compare (repeatable; default: 0, the Makefile's, and "
                             f"{VISITORS})")
    args = parser.parse_args(argv)
    os.environ.pop("MPLBACKEND", None)  # the kernels choose the inline backend, as under make build
    with tempfile.TemporaryDirectory(prefix="office-roles-bench-") as tmp:
        os.environ["OFFICE_ROLES_STORE"] = str(Path(tmp) / "responses.sqlite")
        os.environ.setdefault("PYTHONHASHSEED", "0")
        if not args.no_notebooks:
            bench_notebooks()
    if not args.no_app:
        bench_app(args.pool or sorted({0, makefile_app_pool(), VISITORS}), floor=not args.no_floor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
