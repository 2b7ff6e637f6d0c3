"""Every registered figure on the seed article and on a 4,000-item article, side by side in one run.

    python benchmarks/figures.py          # Markdown table + PASS/FAIL for the target

Why: a 4,000-item upload used to take 40-120 s and over a gigabyte per figure (issue 13 D17). Figures now draw at
most the first parts, items and lists (office_roles/plots/limits.py) and say so. Measured as the best of 3 runs
of building the figure and rendering it to PNG at 72 dpi, and reported as a ratio to the same figure of the seed,
so the machine's speed cancels out. Target: no figure of the big article costs more than 5x its seed figure.
The script only reports; it always exits 0.
"""

from __future__ import annotations

import io
import sys
import time

import matplotlib

matplotlib.use("Agg")

import office_roles as orl  # noqa: E402
from office_roles.plots import FIGURES  # noqa: E402
from office_roles.plots.limits import oversized_article  # noqa: E402

TARGET_RATIO = 5.0


def best_of(make, art: orl.Article, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        make(art, language="both").savefig(io.BytesIO(), format="png", dpi=72)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    seed, big = orl.load_article(), oversized_article()
    print(f"seed: {len(seed.items)} items; big: {len(big.items)} items, {big.lists['list_id'].nunique()} lists\n")
    print("| figure | seed s | 4,000 items s | ratio |")
    print("|---|---:|---:|---:|")
    worst = 0.0
    for name, make in FIGURES.items():
        small, large = best_of(make, seed), best_of(make, big)
        worst = max(worst, large / small)
        print(f"| {name} | {small:.2f} | {large:.2f} | {large / small:.1f}× |")
    verdict = "PASS" if worst <= TARGET_RATIO else "FAIL"
    print(f"\n- {verdict}: the slowest big-article figure costs {worst:.1f}× its seed figure "
          f"(target ≤ {TARGET_RATIO}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
