"""Reaction time of each exercise's callbacks on the seed article: p50 and p95 over repeated runs, with and
without a figure redraw. Run: ``python benchmarks/widgets.py`` (prints a Markdown table for the README).

Targets (issue 4): p95 ≤ 100 ms for callbacks that redraw a figure, ≤ 20 ms for those that do not. The store is
a fresh SQLite file in a temporary folder, so submissions include a real write.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import office_roles as orl  # noqa: E402
from office_roles import exercises as ex  # noqa: E402
from office_roles import widgets as W  # noqa: E402
from office_roles.store import ResponseStore  # noqa: E402

REPEATS = 60
TARGETS = {True: 100.0, False: 20.0}


def measure(action: Callable[[int], object], repeats: int = REPEATS) -> tuple[float, float]:
    action(0)  # warm-up: first draw builds font caches
    times = []
    for i in range(1, repeats + 1):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> int:
    art = orl.load_article()
    data = ex.load_exercises(art=art)
    folder = Path(tempfile.mkdtemp(prefix="office-roles-bench-"))
    store = ResponseStore(folder / "responses.sqlite")
    session = W.Session(store=store, language="both")
    session.name.value, session.group.value = "bench", "G"

    explorer = W.Explorer(art, session)  # "both": the parallel reader is open
    closed = W.Explorer(art, session, "zh")  # the Chinese edition's default: the reader closed
    mapping = W.MappingEditor(art, session)
    mapping.compare.value = True
    scenarios = W.Scenarios(art, data, session)
    quiz = W.Quiz(art, data, session)
    assessment = W.SelfAssessment(art, session)
    deck = W.DiscussionDeck(art, data, session)
    group = W.GroupView(art, session, data=data)
    items = art.items["item_id"].tolist()
    cells = list(mapping.toggles)
    scenario_ids = data.scenarios["scenario_id"].tolist()

    def flip(i: int) -> None:
        toggle = mapping.toggles[cells[i % len(cells)]]
        toggle.value = not toggle.value

    def slide(i: int) -> None:
        assessment.sliders["会写"].value = 1 + i % 5

    def quiz_check(i: int) -> None:
        quiz.go(i % len(quiz.questions))
        quiz.check()

    def scenario_check(i: int) -> None:
        scenarios.choice.value = scenario_ids[i % len(scenario_ids)]
        scenarios.choose(["F1", "T8"])
        scenarios.check()

    cases: list[tuple[str, str, bool, Callable[[int], object]]] = [
        ("Explorer", "pick an item (parallel reader open)", False,
         lambda i: setattr(explorer.choice, "value", items[i % len(items)])),
        ("Explorer", "pick an item (parallel reader closed)", False,
         lambda i: setattr(closed.choice, "value", items[i % len(items)])),
        ("Mapping editor", "toggle a cell (heatmap + κ + differences)", True, flip),
        ("Mapping editor", "recompute κ + differences, no redraw", False, lambda i: mapping.update(redraw=False)),
        ("Mapping editor", "submit", False, lambda i: mapping.submit_mapping()),
        ("Scenarios", "check + save", False, scenario_check),
        ("Quiz", "go to a question + check + save", False, quiz_check),
        ("Self-assessment", "move a slider (radar)", True, slide),
        ("Self-assessment", "submit", False, lambda i: assessment.submit_ratings()),
        ("Discussion deck", "next prompt", False, lambda i: deck.go(i % len(deck.prompts))),
        ("Discussion deck", "timer tick", False, lambda i: deck.tick()),
        ("Group view", "refresh (tables + heatmap)", True, lambda i: group.refresh()),
    ]
    print(f"Widget callbacks on the seed article, {REPEATS} runs each after one warm-up "
          f"(Python {sys.version.split()[0]}, matplotlib {matplotlib.__version__}).\n")
    print("| exercise | callback | redraw | p50 ms | p95 ms | target p95 | ok |")
    print("| --- | --- | --- | ---: | ---: | ---: | --- |")
    failures = 0
    for exercise, callback, redraw, action in cases:
        p50, p95 = measure(action)
        ok = p95 <= TARGETS[redraw]
        failures += not ok
        print(f"| {exercise} | {callback} | {'yes' if redraw else 'no'} | {p50:.1f} | {p95:.1f} | "
              f"≤ {TARGETS[redraw]:.0f} | {'✓' if ok else '✗'} |")
    store.close()
    print(f"\n{'PASS' if not failures else 'FAIL'}: {len(cases) - failures}/{len(cases)} callbacks within target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
