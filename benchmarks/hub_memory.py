"""Hub sizing: memory per learner for the discussion exercises, and how many learners one 2-core / 8 GB hub serves.

Run: ``python benchmarks/hub_memory.py`` (prints Markdown tables for the README); ``--kernels 1 4 8`` by
default.

* **Kernels.** N kernels start at once (jupyter_client), each runs the exercises notebook top to bottom
  (nbclient, all N in parallel, as a class that opens the app together), and stays alive. Then each kernel's
  memory is read with psutil: RSS (what ``top`` shows; it counts the shared libraries in every kernel), PSS
  (shared pages split between the processes that map them) and the CPU seconds the kernel used.
* **Server.** A learner on a hub also has a single-user Jupyter server. One is started here (``jupyter lab``
  with the Voilà server extension), measured idle, then after rendering the app at
  ``/voila/render/notebooks/03_discussion_exercises.ipynb`` (the hub route; that request starts one more kernel).
* **Estimate.** Learners per hub = (8 GB − 1 GB for the OS, JupyterHub and its proxy) × 0.75 (headroom for
  peaks: figures redrawn, group views refreshed) ÷ (server + kernel RSS per learner). RSS over-counts shared
  pages, so the estimate errs on the safe side; PSS shows the optimistic bound.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"
APP_NOTEBOOK = NB_DIR / "03_discussion_exercises.ipynb"
APP_ROUTE = "/voila/render/notebooks/03_discussion_exercises.ipynb"
HUB_MEMORY_GB = 8
RESERVED_GB = 1.0  # OS, JupyterHub, configurable-http-proxy
HEADROOM = 0.75
MB = 1024 * 1024


def memory(pid: int) -> dict[str, float]:
    proc = psutil.Process(pid)
    full = proc.memory_full_info()
    cpu = proc.cpu_times()
    return {"rss": full.rss / MB, "pss": getattr(full, "pss", full.uss) / MB, "uss": full.uss / MB,
            "cpu": cpu.user + cpu.system}


async def run_kernels(n: int, nb: nbformat.NotebookNode) -> tuple[float, list[dict[str, float]]]:
    """Start ``n`` kernels, run ``nb`` in all of them at once; return the wall time and each kernel's memory."""
    managers = [AsyncKernelManager(kernel_name="python3") for _ in range(n)]
    try:
        start = time.perf_counter()
        await asyncio.gather(*(km.start_kernel(cwd=str(NB_DIR), stderr=subprocess.DEVNULL) for km in managers))
        clients = [NotebookClient(copy.deepcopy(nb), km=km, timeout=600, resources={"metadata": {"path": str(NB_DIR)}})
                   for km in managers]
        await asyncio.gather(*(client.async_execute() for client in clients))  # kernels stay up: we own them
        wall = time.perf_counter() - start
        await asyncio.sleep(1)  # let the kernels settle after the last reply
        return wall, [memory(km.provisioner.pid) for km in managers]
    finally:
        await asyncio.gather(*(km.shutdown_kernel(now=True) for km in managers if km.has_kernel))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure_server(tmp: Path) -> dict[str, dict[str, float]]:
    """A single-user server (jupyter lab + the Voilà extension): idle, then after rendering the app once."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env.update(JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))
    args = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
            "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={ROOT}",
            f"--LabApp.workspaces_dir={tmp}", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    base = f"http://127.0.0.1:{port}"
    with open(tmp / "server.log", "wb") as log:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"jupyter lab did not start:\n{(tmp / 'server.log').read_text()}")
                with contextlib.suppress(OSError), urllib.request.urlopen(f"{base}/api/status", timeout=2):
                    break
                time.sleep(0.2)
            time.sleep(1)
            idle = memory(proc.pid)
            with urllib.request.urlopen(f"{base}{APP_ROUTE}", timeout=300) as response:
                page = response.read().decode("utf-8", errors="replace")
            if response.status != 200 or "jupyter-widgets" not in page and "voila" not in page.lower():
                raise SystemExit(f"{APP_ROUTE} did not render the app (HTTP {response.status})")
            time.sleep(2)
            after = memory(proc.pid)
            kernels = [child for child in psutil.Process(proc.pid).children(recursive=True)
                       if "ipykernel" in " ".join(child.cmdline())]
            kernel = memory(kernels[0].pid) if kernels else None
        finally:
            children = psutil.Process(proc.pid).children(recursive=True)
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            for child in psutil.wait_procs(children, timeout=5)[1]:
                child.kill()
    result = {"server idle": idle, "server after rendering the app": after}
    if kernel:
        result["the app's kernel (started by the server)"] = kernel
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kernels", type=int, nargs="+", default=[1, 4, 8], help="class sizes to run at once")
    args = parser.parse_args(argv)
    os.environ.pop("MPLBACKEND", None)
    nb = nbformat.read(str(APP_NOTEBOOK), as_version=4)
    rows = []
    with tempfile.TemporaryDirectory(prefix="office-roles-hub-bench-") as tmp:
        os.environ["OFFICE_ROLES_STORE"] = str(Path(tmp) / "responses.sqlite")  # all kernels share one store
        for n in args.kernels:
            wall, mems = asyncio.run(run_kernels(n, nb))
            rows.append((n, wall, mems))
        server = measure_server(Path(tmp))

    total = psutil.virtual_memory().total / 1024**3
    print(f"Kernels running {APP_NOTEBOOK.name}, started together and run in parallel (Python "
          f"{platform.python_version()}, {os.cpu_count()} CPUs, {total:.0f} GB).\n")
    print("| kernels at once | wall s (all done) | RSS MB / kernel | PSS MB / kernel | CPU s / kernel |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for n, wall, mems in rows:
        rss = statistics.mean(m["rss"] for m in mems)
        pss = statistics.mean(m["pss"] for m in mems)
        cpu = statistics.mean(m["cpu"] for m in mems)
        print(f"| {n} | {wall:.1f} | {rss:.0f} | {pss:.0f} | {cpu:.1f} |")

    print("\nOne learner's single-user server (jupyter lab, Voilà extension):\n")
    print("| process | RSS MB | PSS MB |")
    print("| --- | ---: | ---: |")
    for name, mem in server.items():
        print(f"| {name} | {mem['rss']:.0f} | {mem['pss']:.0f} |")

    kernel_rss = max(statistics.mean(m["rss"] for m in mems) for _, _, mems in rows)
    kernel_pss = max(statistics.mean(m["pss"] for m in mems) for _, _, mems in rows)
    cpu = max(statistics.mean(m["cpu"] for m in mems) for _, _, mems in rows)
    per_user_rss = server["server after rendering the app"]["rss"] + kernel_rss
    per_user_pss = server["server after rendering the app"]["pss"] + kernel_pss
    budget_mb = (HUB_MEMORY_GB - RESERVED_GB) * 1024 * HEADROOM
    users_rss, users_pss = int(budget_mb // per_user_rss), int(budget_mb // per_user_pss)
    print(f"\nEstimate for one 2-core / {HUB_MEMORY_GB} GB hub: ({HUB_MEMORY_GB} − {RESERVED_GB:g} GB) × "
          f"{HEADROOM:g} headroom = {budget_mb / 1024:.2f} GB for learners.\n")
    print("| per learner (server + one app kernel) | MB | learners per hub |")
    print("| --- | ---: | ---: |")
    print(f"| by RSS (safe side) | {per_user_rss:.0f} | **{users_rss}** |")
    print(f"| by PSS (shared pages split) | {per_user_pss:.0f} | {users_pss} |")
    print(f"\nCPU: each kernel spends about {cpu:.1f} CPU s running the notebook, so {users_rss} learners opening "
          f"the app at the same moment wait about {users_rss * cpu / 2:.0f} s on 2 cores for the last page; "
          "after that the kernels idle between clicks.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
