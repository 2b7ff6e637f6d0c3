"""What the sentence translation adds to loading the seed article, as ratios measured in one run.

    python benchmarks/translation.py

Measured, each as the best of N runs (N chosen so that a measurement takes about half a second, at least 3):
- pipeline: ``article_from_text`` on the seed page (cleaning, parsing, tables, the whole curated layer);
- sentence check: ``_translated_sentences`` alone (every curated row checked against the parsed sentence, then
  ``text_en`` joined), the part of the pipeline the translation added;
- parallel text: ``translation.parallel_text`` (what the parallel reader calls);
- glossary check: ``translation.glossary_mismatches`` over every sentence (what the test runs).
Target: the sentence check costs under 5 % of the pipeline. The script only reports; it always exits 0.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import office_roles as orl
from office_roles import translation
from office_roles.article import SEED_FILE, _translated_sentences, article_from_text, read_source
from office_roles.curated import load_curated

TARGET_SHARE = 0.05


def best_of(call: Callable[[], object], budget: float = 0.5) -> tuple[float, int]:
    """Best wall time of ``call`` in seconds, and the number of runs."""
    started = time.perf_counter()
    call()
    once = max(time.perf_counter() - started, 1e-6)
    runs = max(3, int(budget / once))
    best = once
    for _ in range(runs):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best, runs


def main() -> None:
    raw = read_source(orl.settings.data_dir / SEED_FILE)
    art = article_from_text(raw)
    layer = load_curated(orl.settings.data_dir / "curated")
    parsed = art.sentences.drop(columns="text_en")
    measured = {
        "pipeline": best_of(lambda: article_from_text(raw)),
        "sentence check": best_of(lambda: _translated_sentences(parsed, layer)),
        "parallel text": best_of(lambda: translation.parallel_text(art)),
        "glossary check": best_of(lambda: translation.glossary_mismatches(art.sentences, art.glossary)),
    }
    pipeline = measured["pipeline"][0]
    print("| step | ms | share of pipeline | runs |\n|---|---:|---:|---:|")
    for name, (seconds, runs) in measured.items():
        print(f"| {name} | {seconds * 1000:.2f} | {seconds / pipeline:.1%} | {runs} |")
    share = measured["sentence check"][0] / pipeline
    verdict = "PASS" if share < TARGET_SHARE else "FAIL"
    print(f"\n- {verdict}: the sentence check is {share:.1%} of the pipeline (target < {TARGET_SHARE:.0%}).")


if __name__ == "__main__":
    main()
