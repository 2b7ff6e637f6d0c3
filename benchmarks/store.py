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
    print(f"python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, "
          f"load average (1/5/15 min) {load_at_start} at the start, {load_average()} at the end")
    return 0


def load_average() -> str:
    """Other work on the machine slows the wall-clock figures; the CPU seconds are not affected."""
    return " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def rows_per_s(label: str, rows: int, seconds: float) -> str:
    count = rows // 10 if label.startswith(f"{rows // 10:,} ") else rows
    return f"{count / seconds:,.0f}"


if __name__ == "__main__":
    raise SystemExit(main())
