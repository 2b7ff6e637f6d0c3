"""Editors' context for the article: rules issued after 2009 that bear on its key tasks, and the bodies around a
Party committee's general office. Kept apart from the curated layer because none of it is the article's."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .article import Article
from .curated import CuratedDataError, validate_package
from .settings import settings


@dataclass(frozen=True)
class Context:
    rules: pd.DataFrame
    bodies: pd.DataFrame


def load_context(folder: Path | None = None, art: Article | None = None) -> Context:
    """Validate ``data/context`` and, when an article is given, check that every task id is one of its tasks."""
    folder = (folder or settings.data_dir / "context").resolve()
    validate_package(folder)
    meta = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    frames = {r["name"]: pd.read_csv(folder / r["path"], dtype=str, keep_default_na=False)
              for r in meta["resources"]}
    if art is not None:
        tasks = set(art.task_ids())
        for name, frame in frames.items():
            for row, cell in enumerate(frame["task_ids"], start=2):
                unknown = sorted(set(cell.split(",")) - tasks)
                if unknown:
                    raise CuratedDataError(folder / f"{name}.csv", row, "task_ids", f"unknown task ids {unknown}")
    rules = frames["rules"].assign(date=pd.to_datetime(frames["rules"]["date"]).dt.date)
    return Context(rules=rules, bodies=frames["bodies"])


def rules_for_task(context: Context, task_id: str) -> pd.DataFrame:
    """The later rules that bear on one key task, in date order: what a teacher adds to that task's discussion."""
    hits = context.rules[context.rules["task_ids"].str.split(",").apply(lambda ids: task_id in ids)]
    return hits.sort_values("date").reset_index(drop=True)
