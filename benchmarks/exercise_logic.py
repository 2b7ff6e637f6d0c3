"""Group views from the response store: the new first-attempt, recomputed and anonymous views against the
existing latest-attempt ones, as ratios from one run.

Run: ``python benchmarks/exercise_logic.py [--participants 40]``. A synthetic class (seeded) submits two mappings
each and answers every quiz question twice; each view is timed as the best of 3 × 5 calls. The question is
whether recomputing correctness from the key (instead of trusting the stored flag) and Fleiss' kappa keep a
group view's refresh well under a second.
"""

from __future__ import annotations

import argparse
import random
import timeit

import pandas as pd

import office_roles as orl
from office_roles import exercises as ex

COLUMNS = ["id", "participant", "group", "item", "answer", "submitted_at"]


def synthetic_class(art: orl.Article, quiz: pd.DataFrame, participants: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = random.Random(1)
    functions, tasks = art.function_ids(), art.task_ids()
    mappings, answers, row = [], [], 0
    for p in range(participants):
        for attempt in range(2):
            row += 1
            links = [[f, t] for f in functions for t in tasks if rng.random() < 0.3]
            mappings.append((row, f"P{p}", f"G{p % 4}", "", {"links": links}, f"2026-01-01T0{9 + attempt}:00:00"))
        for question_id, key in zip(quiz["question_id"], quiz["answer"], strict=True):
            for attempt in range(2):
                row += 1
                given = key if rng.random() < 0.6 else "1"
                answers.append((row, f"P{p}", f"G{p % 4}", question_id, {"given": given, "correct": True},
                                f"2026-01-01T{10 + attempt}:00:00"))
    return pd.DataFrame(mappings, columns=COLUMNS), pd.DataFrame(answers, columns=COLUMNS)


def quiz_scores(responses: pd.DataFrame) -> pd.DataFrame:
    """The baseline: the latest-attempt quiz table the package had before the first-attempt views, kept here only
    to measure them against. It trusts the stored ``correct`` flag and counts attempts made after the answer was
    shown, which is why the package no longer offers it."""
    latest = ex.latest_per_participant(responses)
    if latest.empty:
        return pd.DataFrame(columns=["participant", "group", "answered", "correct", "score"])
    latest = latest.assign(correct=[bool(a.get("correct")) for a in latest["answer"]])
    table = latest.groupby(["participant", "group"], as_index=False).agg(
        answered=("item", "count"), correct=("correct", "sum")
    )
    table["score"] = (table["correct"] / table["answered"]).round(2)
    return table.sort_values(["group", "participant"]).reset_index(drop=True)


def best_ms(call) -> float:
    return min(timeit.repeat(call, number=5, repeat=3)) / 5 * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=40)
    args = parser.parse_args()
    art = orl.load_article()
    quiz = ex.load_exercises(art=art).quiz
    mappings, answers = synthetic_class(art, quiz, args.participants)
    pairs = [
        ("mapping", "mapping_distribution", lambda: ex.mapping_distribution(art, mappings),
         "group_agreement", lambda: ex.group_agreement(art, mappings)),
        ("quiz", "quiz_scores", lambda: quiz_scores(answers),
         "quiz_group_view", lambda: ex.quiz_group_view(answers, quiz)),
        ("quiz", "quiz_scores", lambda: quiz_scores(answers),
         "quiz_facilitator_table", lambda: ex.quiz_facilitator_table(answers, quiz)),
    ]
    print(f"{args.participants} participants; {len(mappings)} mapping rows, {len(answers)} quiz rows\n")
    print("| responses | existing view | ms | new view | ms | new / existing |")
    print("|---|---|---:|---|---:|---:|")
    for kind, old_name, old, new_name, new in pairs:
        old_ms, new_ms = best_ms(old), best_ms(new)
        print(f"| {kind} | `{old_name}` | {old_ms:.1f} | `{new_name}` | {new_ms:.1f} | {new_ms / old_ms:.2f}× |")


if __name__ == "__main__":
    main()
