"""Response-store import rate, and how long a learner's submit waits while a large import runs.

    python benchmarks/store.py            # Markdown tables + PASS/FAIL lines for the two targets
    python benchmarks/store.py --quick    # 20,000 rows instead of 50,000

The file: N rows of valid answers of every exercise shape (mapping, quiz, scenario, self-assessment, discussion),
from 40 participants in 8 groups, each row with its submission time, as a class export would hold them; a
second file has the same rows without times (a hand-made sheet). Measured in one run:

- import: a fresh store imports the file (parse, check every row against its exercise's shape, insert in
  batches); then the same file again (every row already present: the idempotence path), then the file without
  times twice. Growth = time(N) / time(N/10): 10× for linear work.
- submit during import: while a fresh store imports the file, a learner submits an answer every 20 ms, once from
  another thread of the same process (its own connection) and once from another process, the classroom case.
  Latency is from calling ``submit`` to its return; p50, p95 and max over every submit made during the import.

Targets (issue 13): N = 50,000 rows import in under 5 s, and no submit during the import waits 1 s or more.

PostgreSQL beside SQLite (issue 16), when the server binaries are there (tests/pg_server.py starts a throwaway
server on 127.0.0.1; --no-postgres skips it): the same import, one learner's submits one after the other, 32
processes x 200 submissions at once (each process a learner login of its own on PostgreSQL), as ratios
PostgreSQL / SQLite; and the memory a kernel spends on each store (RSS after opening it, one submission and one
group read, less RSS before) and a server process per connection (PSS).
The script only reports; it always exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from office_roles.store import IMPORT_BATCH_ROWS, ResponseStore  # noqa: E402

TARGET_IMPORT_S = 5.0
TARGET_SUBMIT_S = 1.0
SUBMIT_EVERY_S = 0.02
MAX_BYTES = 100_000_000

LEARNER = """
import sys, time
sys.path.insert(0, sys.argv[2])
from office_roles.store import ResponseStore
store = ResponseStore(sys.argv[1])
print("ready", flush=True)
n = 0
while sys.stdin.readline().strip() == "go":
    started = time.perf_counter()
    store.submit("learner", "G1", "discussion", {"notes": f"n{n}"}, item="p1")
    print(time.perf_counter() - started, flush=True)
    n += 1
"""


def answer(n: int) -> tuple[str, str, object]:
    """One valid answer of each shape in turn, each different: (exercise, item, answer)."""
    kind = n % 5
    if kind == 0:
        return "mapping", "", {"links": [["F1", f"T{n % 8 + 1}"], ["F2", f"T{n}"]], "agreement": 0.85, "kappa": 0.6}
    if kind == 1:
        return "quiz", f"Q{n % 12 + 1}", {"given": f"答案{n}", "correct": n % 3 == 0}
    if kind == 2:
        return "scenario", f"S{n % 6 + 1}", {"chosen": ["F1", f"T{n}"], "matched": ["F1"], "missed": ["T4"],
                                             "extra": [f"T{n}"]}
    if kind == 3:
        return "self_assessment", "", {"ratings": {"会写": 4, "会说": 3, "会做": n % 5 + 1, f"维度{n}": 2}}
    return "discussion", f"P{n % 9 + 1}", {"notes": f"第{n}条: 督查也是服务,办文办会办事。", "prompt_en": "Discuss."}


def class_csv(rows: int, timed: bool = True) -> bytes:
    """``rows`` distinct answers as a class export would hold them (with or without submission times)."""
    import csv
    import io

    start = datetime(2026, 3, 1, 8, tzinfo=timezone.utc)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["participant", "group", "exercise", "item", "answer"] + (["submitted_at"] if timed else []))
    for n in range(rows):
        exercise, item, value = answer(n)
        row = [f"学员{n % 40}", f"第{n % 8 + 1}组", exercise, item, json.dumps(value, ensure_ascii=False)]
        if timed:
            row.append((start + timedelta(milliseconds=37 * n)).isoformat(timespec="microseconds"))
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def timed_import(store: ResponseStore, data: bytes, name: str) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of this process (the machine may be shared) and rows added."""
    started, cpu = time.perf_counter(), time.process_time()
    added = store.import_csv(data, filename=name, max_bytes=MAX_BYTES)
    return time.perf_counter() - started, time.process_time() - cpu, int(added)


def latencies_from_thread(path: Path, data: bytes) -> tuple[list[float], float]:
    """Submit from a second thread (own connection) every SUBMIT_EVERY_S while this thread imports."""
    ResponseStore(path).close()
    ready, done, waits = threading.Event(), threading.Event(), []

    def submit_loop() -> None:
        with ResponseStore(path) as learner:  # a connection belongs to the thread that made it
            ready.set()
            n = 0
            while not done.is_set():
                started = time.perf_counter()
                learner.submit("learner", "G1", "discussion", {"notes": f"n{n}"}, item="p1")
                waits.append(time.perf_counter() - started)
                n += 1
                time.sleep(SUBMIT_EVERY_S)

    with ResponseStore(path) as importer:
        thread = threading.Thread(target=submit_loop, daemon=True)
        thread.start()
        ready.wait()
        elapsed, _, _ = timed_import(importer, data, "class.csv")
        done.set()
        thread.join()
    return waits, elapsed


def latencies_from_process(path: Path, data: bytes) -> tuple[list[float], float]:
    """Submit from a second process every SUBMIT_EVERY_S while this process imports (the classroom case)."""
    ResponseStore(path).close()
    child = subprocess.Popen([sys.executable, "-c", LEARNER, str(path), str(ROOT)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, bufsize=1)
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    done, waits = threading.Event(), []

    def drive() -> None:  # ask for one submit at a time, so each wait is measured by the child itself
        while not done.is_set():
            child.stdin.write("go\n")  # type: ignore[union-attr]
            waits.append(float(child.stdout.readline()))  # type: ignore[union-attr]
            time.sleep(SUBMIT_EVERY_S)

    with ResponseStore(path) as importer:
        thread = threading.Thread(target=drive, daemon=True)
        thread.start()
        elapsed, _, _ = timed_import(importer, data, "class.csv")
        done.set()
        thread.join()
    child.stdin.write("stop\n")
    child.stdin.close()
    child.wait(timeout=30)
    return waits, elapsed


def summary(waits: list[float]) -> tuple[float, float, float]:
    ordered = sorted(waits)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))], ordered[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="20,000 rows instead of 50,000")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)
    rows = 20_000 if args.quick else 50_000
    load_at_start = load_average()
    folder = Path(tempfile.mkdtemp(prefix="office-roles-store-bench-"))

    timed, untimed, small = class_csv(rows), class_csv(rows, timed=False), class_csv(rows // 10)
    results = []
    with ResponseStore(folder / "small.sqlite") as store:
        results.append((f"{rows // 10:,} rows, fresh store", *timed_import(store, small, "small.csv")))
    with ResponseStore(folder / "import.sqlite") as store:
        results.append((f"{rows:,} rows, fresh store", *timed_import(store, timed, "class.csv")))
        results.append((f"{rows:,} rows again (all present)", *timed_import(store, timed, "class.csv")))
    with ResponseStore(folder / "untimed.sqlite") as store:
        results.append((f"{rows:,} rows without times, fresh store", *timed_import(store, untimed, "hand.csv")))
        results.append((f"{rows:,} rows without times, again", *timed_import(store, untimed, "hand.csv")))

    print(f"Import ({len(timed) / 1e6:.1f} MB file; batches of {IMPORT_BATCH_ROWS:,} rows, one transaction "
          "each)\n")
    print("| import | seconds | CPU seconds | rows/s | rows added |")
    print("|---|---:|---:|---:|---:|")
    for label, seconds, cpu, added in results:
        print(f"| {label} | {seconds:.2f} | {cpu:.2f} | {rows_per_s(label, rows, seconds)} | {added:,} |")
    growth, cpu_growth = results[1][1] / results[0][1], results[1][2] / results[0][2]
    print(f"\ngrowth: {rows:,} rows take {growth:.1f}× the time ({cpu_growth:.1f}× the CPU time) of "
          f"{rows // 10:,} (10× for linear work)\n")

    waits = {
        "another thread": latencies_from_thread(folder / "thread.sqlite", timed),
        "another process": latencies_from_process(folder / "process.sqlite", timed),
    }
    print(f"Learner's submit while {rows:,} rows import (one submit every {SUBMIT_EVERY_S * 1000:.0f} ms)\n")
    print("| learner in | import s | submits during import | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    worst = 0.0
    for where, (times, elapsed) in waits.items():
        p50, p95, most = summary(times)
        worst = max(worst, most)
        print(f"| {where} | {elapsed:.2f} | {len(times)} | {p50 * 1e3:.1f} | {p95 * 1e3:.1f} | {most * 1e3:.1f} |")

    fresh = results[1][1]
    print(f"\n{'PASS' if fresh < TARGET_IMPORT_S else 'FAIL'}: {rows:,} rows import in {fresh:.2f} s "
          f"(target < {TARGET_IMPORT_S:g} s)")
    print(f"{'PASS' if worst < TARGET_SUBMIT_S else 'FAIL'}: the slowest submit during the import took "
          f"{worst * 1e3:.0f} ms (target < {TARGET_SUBMIT_S * 1e3:.0f} ms)")
    if not args.no_postgres:
        postgres_side_by_side(timed, rows, folder)
    print(f"python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, "
          f"load average (1/5/15 min) {load_at_start} at the start, {load_average()} at the end")
    return 0


# --- PostgreSQL beside SQLite ----------------------------------------------------------------------------------

WRITERS, SUBMISSIONS, SEQUENTIAL = 32, 200, 300

MEMORY = """
import sys, psutil
sys.path.insert(0, sys.argv[2])
import office_roles, office_roles.widgets  # what a learner's kernel has loaded before the first submission
from office_roles.store import ResponseStore
before = psutil.Process().memory_info().rss
store = ResponseStore(sys.argv[1])
store.submit("learner", "G1", "discussion", {"notes": "x"}, item="P1")
store.group_responses("discussion", "G1")
print((psutil.Process().memory_info().rss - before) / 2**20)
"""


def _writer(target: str, worker: int) -> None:
    with ResponseStore(target) as store:
        for n in range(SUBMISSIONS):
            store.submit(f"p{worker}", f"G{worker % 4}", "discussion", {"notes": str(n)}, item="P1")


def concurrent_submits(targets: list[str]) -> float:
    """Wall seconds for WRITERS forked processes to submit SUBMISSIONS answers each, all at once."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    started = time.perf_counter()
    workers = [ctx.Process(target=_writer, args=(target, n)) for n, target in enumerate(targets)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert all(worker.exitcode == 0 for worker in workers)
    return time.perf_counter() - started


def sequential_submits(target: str) -> list[float]:
    waits = []
    with ResponseStore(target) as store:
        for n in range(SEQUENTIAL):
            started = time.perf_counter()
            store.submit("learner", "G1", "discussion", {"notes": str(n)}, item="P1")
            waits.append(time.perf_counter() - started)
    return waits


def kernel_memory(target: str) -> float:
    """Median over three fresh processes of the RSS one store adds to a kernel (MB)."""
    runs = [float(subprocess.run([sys.executable, "-c", MEMORY, target, str(ROOT)], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(3)]
    return statistics.median(runs)


def backend_memory(server_user: str, stores: int, target: str) -> float:
    """Median PSS (MB) of the server processes serving ``stores`` open stores after a submission and a read."""
    import psutil

    opened = [ResponseStore(target) for _ in range(stores)]
    try:
        for n, store in enumerate(opened):
            store.submit(f"m{n}", "G1", "discussion", {"notes": "x" * 200}, item="P1")
            store.group_responses("discussion", "G1")
        backends = [p for p in psutil.process_iter(["cmdline", "username"]) if p.info["username"] == server_user
                    and " ".join(p.info["cmdline"] or []).startswith("postgres: postgres ")]
        return statistics.median(p.memory_full_info().pss / 2**20 for p in backends)
    finally:
        for store in opened:
            store.close()


def postgres_side_by_side(data: bytes, rows: int, folder: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import SERVER_USER, PgServer, find_bindir

    from office_roles.store_cli import grant
    from office_roles.store_postgres import LEARNER_ROLE

    bindir = find_bindir()
    if bindir is None:
        print("\nPostgreSQL: no server binaries (initdb) found; apt-get install postgresql to compare\n")
        return
    server = PgServer(bindir)
    try:
        sqlite_db, pg_db = folder / "side.sqlite", server.create_database()
        measured: dict[str, tuple[float, float]] = {}
        fresh, again = [], []
        for target in (str(sqlite_db), pg_db):
            with ResponseStore(target) as store:
                fresh.append(timed_import(store, data, "c.csv")[0])
                again.append(timed_import(store, data, "c.csv")[0])
        measured[f"import {rows:,} rows, fresh store (s)"] = (fresh[0], fresh[1])
        measured[f"import {rows:,} rows again (s)"] = (again[0], again[1])
        load_sqlite = folder / "load.sqlite"
        ResponseStore(load_sqlite).close()
        load_pg = server.create_database()
        names = [f"w{n}" for n in range(WRITERS)]
        logins = grant(load_pg, names, LEARNER_ROLE)
        measured[f"{WRITERS} processes x {SUBMISSIONS} submissions (s)"] = (
            concurrent_submits([str(load_sqlite)] * WRITERS), concurrent_submits(logins))
        sequential = {engine: sorted(sequential_submits(target)) for engine, target in
                      (("sqlite", str(folder / "seq.sqlite")), ("postgres", server.create_database()))}
        for label, pick in (("p50", 0.5), ("p95", 0.95)):
            measured[f"one learner's submit, {label} (ms)"] = tuple(  # type: ignore[assignment]
                1e3 * sequential[e][int(pick * (SEQUENTIAL - 1))] for e in ("sqlite", "postgres"))
        measured["memory a store adds to a kernel (MB RSS)"] = (kernel_memory(str(folder / "mem.sqlite")),
                                                                 kernel_memory(server.create_database()))
        per_connection = backend_memory(SERVER_USER if os.geteuid() == 0 else os.environ.get("USER", ""), 20,
                                        server.create_database())
    finally:
        server.close()
    print(f"\nPostgreSQL {bindir.parent.name} beside SQLite (same machine, one run; the server on 127.0.0.1)\n")
    print("| measure | SQLite | PostgreSQL | PostgreSQL / SQLite |")
    print("|---|---:|---:|---:|")
    for label, (lite, pg) in measured.items():
        print(f"| {label} | {lite:.2f} | {pg:.2f} | {pg / lite:.2f}× |")
    total = WRITERS * SUBMISSIONS
    lite_s, pg_s = measured[f"{WRITERS} processes x {SUBMISSIONS} submissions (s)"]
    print(f"\n{total:,} concurrent submissions: {total / lite_s:,.0f}/s on SQLite, {total / pg_s:,.0f}/s on "
          f"PostgreSQL; a server process per connection: {per_connection:.1f} MB PSS (median of 20)\n")


def load_average() -> str:
    """Other work on the machine slows the wall-clock figures; the CPU seconds are not affected."""
    return " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def rows_per_s(label: str, rows: int, seconds: float) -> str:
    count = rows // 10 if label.startswith(f"{rows // 10:,} ") else rows
    return f"{count / seconds:,.0f}"


if __name__ == "__main__":
    raise SystemExit(main())
