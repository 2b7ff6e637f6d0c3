"""Parser throughput at 1×, 10× and 100× the seed article, against a plain regex scan of the same text.

    python benchmarks/parse.py            # Markdown table + PASS/FAIL lines for the two targets
    python benchmarks/parse.py --quick    # fewer repetitions

The texts: the seed's clean text (title, author line, body, author note) with the body repeated k times, copies
simply concatenated one after another (a newline between them), so each copy restarts its numbering at 一、.
The parser sees 3k parts and 18k items; nothing in it depends on the numbering continuing.

Measured, each as the best of N runs (N chosen so that every measurement takes about half a second, at least 3):
- floor: one pass of ``re.findall`` with every marker pattern the parser uses (headings, items, sentence ends,
  、-series, ordinals) joined into a single compiled alternation, over the width-folded text — the cost of
  merely looking at the text with the same regular expressions;
- parse: ``office_roles.outline.parse`` (paragraphs, sentences, outline tree, inline lists);
- pipeline: ``article_from_text`` (cleaning, parsing, the pandas tables and the curated-layer check, which
  validates the data package once per call: a constant of a few tens of milliseconds).

MB/s counts UTF-8 bytes (a Chinese character is 3 bytes). Targets: parse ≥ 2 MB/s at 100×, and 10× the text
costs at most 11× the time (growth = time(10×) / time(1×)), for the parser and for the whole pipeline.

Then the same three measurements on every text of 20 kB and more of the development corpus (tests/corpus/), with
``load_article`` itself reading the file (decoding check included); target: a median of ≥ 3 MB/s end to end. A
last column adds reading ``art.short_series`` (pairs and A、B和C series, worked out on first use). The cache of
segmented text is emptied before every run, so a text seen before is not measured as free.
The script only reports; it always exits 0.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import office_roles as orl
from office_roles.article import _body_span, article_from_text
from office_roles.clean import clean_page
from office_roles.counted_lists import _ORDINAL
from office_roles.inline_lists import _SERIES
from office_roles.markers import HEADING_MARKERS, ITEM_MARKERS, SENTENCE_END
from office_roles.outline import parse
from office_roles.textnorm import fold_width
from office_roles.word_edges import forget

SIZES = (1, 10, 100)
TARGET_MB_S = 2.0
TARGET_GROWTH = 11.0
TARGET_LOAD_MB_S = 3.0
CLOCK = time.perf_counter  # --cpu: time.process_time
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "texts"
MIN_CORPUS_BYTES = 20_000


def scaled_text(k: int) -> str:
    """The seed's clean text with its body repeated ``k`` times (copies concatenated, numbering restarting)."""
    text = orl.load_article().text
    start, end = _body_span(clean_page(text))
    body = text[start:end]
    return text[:start] + "\n".join([body] * k) + text[end:]


def floor_pattern() -> re.Pattern[str]:
    """Every pattern the parser matches with, as one alternation (named groups made plain, ^ per line)."""
    patterns = [*HEADING_MARKERS.values(), *ITEM_MARKERS.values(), SENTENCE_END, _SERIES, _ORDINAL]
    parts = [re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in patterns]
    return re.compile("|".join(f"(?:{part})" for part in parts), re.MULTILINE)


def best_time(run: Callable[[], object], budget: float = 0.5, at_least: int = 3,
              clock: Callable[[], float] | None = None) -> tuple[float, int]:
    """Best time of N runs, N = enough runs to fill ``budget`` seconds (at least ``at_least``); wall time unless
    ``clock`` says otherwise (``time.process_time``: this process's CPU time, which a busy machine does not
    inflate)."""
    clock = clock or CLOCK
    forget()
    started = clock()
    run()
    first = clock() - started
    runs = max(at_least, min(200, int(budget / max(first, 1e-6))))
    best = first
    for _ in range(runs - 1):
        forget()  # each run segments afresh: a text seen before must not be measured as free
        started = clock()
        run()
        best = min(best, clock() - started)
    return best, runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smaller time budget per measurement")
    parser.add_argument("--cpu", action="store_true",
                        help="measure this process's CPU time instead of wall time (on a shared, busy machine)")
    args = parser.parse_args(argv)
    budget = 0.15 if args.quick else 0.5
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time
        print("(times are CPU time of this process: time.process_time)\n")

    floor = floor_pattern()
    article_from_text(scaled_text(1))  # warm up: imports, the curated layer, regex caches
    results = {}
    for k in SIZES:
        text = scaled_text(k)
        megabytes = len(text.encode("utf-8")) / 1e6
        floor_s, floor_n = best_time(lambda t=text: floor.findall(fold_width(t)), budget)
        span = _body_span(clean_page(text))
        parse_s, parse_n = best_time(lambda t=text, s=span: parse(t, s), budget)
        pipe_s, pipe_n = best_time(lambda t=text: article_from_text(t), budget)
        results[k] = {"chars": len(text), "mb": megabytes, "floor": floor_s, "parse": parse_s, "pipeline": pipe_s,
                      "runs": (floor_n, parse_n, pipe_n)}

    print("| size | characters | UTF-8 MB | floor ms | parse ms | parse MB/s | parse / floor | parse growth "
          "| pipeline ms | pipeline MB/s | pipeline growth | runs (floor/parse/pipeline) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    previous = None
    for k, r in results.items():
        growth = "—" if previous is None else f"{r['parse'] / previous['parse']:.2f}×"
        pipe_growth = "—" if previous is None else f"{r['pipeline'] / previous['pipeline']:.2f}×"
        print(
            f"| {k}× | {r['chars']:,} | {r['mb']:.3f} | {r['floor'] * 1e3:.2f} | {r['parse'] * 1e3:.2f} "
            f"| {r['mb'] / r['parse']:.2f} | {r['parse'] / r['floor']:.1f}× | {growth} "
            f"| {r['pipeline'] * 1e3:.1f} | {r['mb'] / r['pipeline']:.2f} | {pipe_growth} "
            f"| {'/'.join(map(str, r['runs']))} |"
        )
        previous = r
    print("\n(growth: time at this size / time at the size before, for 10× the text)\n")

    rate = results[100]["mb"] / results[100]["parse"]
    growth_10 = results[10]["parse"] / results[1]["parse"]
    growth_100 = results[100]["parse"] / results[10]["parse"]
    print(f"{'PASS' if rate >= TARGET_MB_S else 'FAIL'}: parse throughput at 100× is {rate:.2f} MB/s "
          f"(target ≥ {TARGET_MB_S} MB/s)")
    print(f"{'PASS' if growth_10 <= TARGET_GROWTH else 'FAIL'}: 10× the text costs {growth_10:.2f}× the time "
          f"(1× → 10×; target ≤ {TARGET_GROWTH}×; 10× → 100×: {growth_100:.2f}×)")
    pipe_growth_10 = results[10]["pipeline"] / results[1]["pipeline"]
    print(f"{'PASS' if pipe_growth_10 <= TARGET_GROWTH else 'FAIL'}: pipeline: 10× the text costs "
          f"{pipe_growth_10:.2f}× the time (target ≤ {TARGET_GROWTH}×; 10× → 100×: "
          f"{results[100]['pipeline'] / results[10]['pipeline']:.2f}×)")
    corpus_table(floor, budget)
    print(f"python {sys.version.split()[0]}")
    return 0


def corpus_table(floor: re.Pattern[str], budget: float) -> None:
    """Floor, parser and ``load_article`` on every corpus text of 20 kB and more, and the median rates."""
    texts = sorted(p for p in CORPUS.glob("*.txt") if p.stat().st_size >= MIN_CORPUS_BYTES)
    print("\n| corpus text | UTF-8 kB | floor MB/s | parse MB/s | load_article MB/s | load_article MB/s (CPU time) "
          "| with short_series MB/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    rates: dict[str, list[float]] = {"floor": [], "parse": [], "load": [], "cpu": [], "short": []}
    for path in texts:
        megabytes = path.stat().st_size / 1e6
        raw = path.read_text(encoding="utf-8")
        clean = clean_page(raw)
        span = _body_span(clean)
        floor_s, _ = best_time(lambda t=raw: floor.findall(fold_width(t)), budget)
        parse_s, _ = best_time(lambda t=clean.text, s=span: parse(t, s), budget)
        load_s, _ = best_time(lambda p=path: orl.load_article(p), budget)
        cpu_s, _ = best_time(lambda p=path: orl.load_article(p), budget, clock=time.process_time)
        # The series written with one 、 are worked out on first use: the cost of asking for them too.
        short_s, _ = best_time(lambda p=path: orl.load_article(p).short_series, budget)
        for name, seconds in (("floor", floor_s), ("parse", parse_s), ("load", load_s), ("cpu", cpu_s),
                              ("short", short_s)):
            rates[name].append(megabytes / seconds)
        print(f"| {path.stem} | {megabytes * 1e3:.1f} | {megabytes / floor_s:.1f} | {megabytes / parse_s:.2f} "
              f"| {megabytes / load_s:.2f} | {megabytes / cpu_s:.2f} | {megabytes / short_s:.2f} |")
    medians = {name: statistics.median(values) for name, values in rates.items()}
    print(f"| median ({len(texts)} texts) | | {medians['floor']:.1f} | {medians['parse']:.2f} "
          f"| {medians['load']:.2f} | {medians['cpu']:.2f} | {medians['short']:.2f} |\n")
    print(f"{'PASS' if medians['load'] >= TARGET_LOAD_MB_S else 'FAIL'}: load_article end to end, median over "
          f"corpus texts of 20 kB and more: {medians['load']:.2f} MB/s wall, {medians['cpu']:.2f} MB/s of CPU time "
          f"(target ≥ {TARGET_LOAD_MB_S} MB/s)")


if __name__ == "__main__":
    raise SystemExit(main())
