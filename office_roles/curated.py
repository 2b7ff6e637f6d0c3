"""The curated layer: English labels, glossary, phrase translations and role→task links, as a Frictionless
data package (``data/curated/datapackage.json``). The Table Schema there is the one place the columns, types,
allowed values and keys are declared; this module turns validation reports into one clear error.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

PACKAGE_FILE = "datapackage.json"


class CuratedDataError(ValueError):
    """A curated file is wrong; the message names the file, the row and the field."""

    def __init__(self, path: Path | str, row: int | None, field: str | None, problem: str) -> None:
        where = f"{path}"
        if row is not None:
            where += f", row {row}"
        if field:
            where += f", field '{field}'"
        super().__init__(f"{where}: {problem}")
        self.path, self.row, self.field, self.problem = str(path), row, field, problem


@dataclass(frozen=True)
class CuratedLayer:
    parts: pd.DataFrame
    items: pd.DataFrame
    glossary: pd.DataFrame
    phrases: pd.DataFrame
    links: pd.DataFrame
    article_sha256: str
    folder: Path
    english: dict[str, str]  # title_en, author_en, note_en of the article the layer was written for


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def validate_package(folder: Path) -> None:
    """Run the Frictionless checks (types, required, enums, patterns, primary and foreign keys)."""
    from frictionless import Package

    descriptor = folder / PACKAGE_FILE
    if not descriptor.is_file():
        raise CuratedDataError(descriptor, None, None, "the data package descriptor is missing")
    # Each schema sets fieldsMatch "equal": columns match by name, so a missing one is reported by name.
    package = Package(str(descriptor), basepath=str(folder))
    report = package.validate()
    if report.valid:
        return
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            labels = getattr(error, "note", "") or ""
            problem = f"{error.type}: {error.message}" if not labels else f"{error.type}: {labels}"
            raise CuratedDataError(folder / (task.place or task.name), row, field, problem)
    raise CuratedDataError(descriptor, None, None, "; ".join(e.message for e in report.errors))


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def load_curated(folder: Path) -> CuratedLayer:
    """Validate, then read every resource as strings (row numbers in errors count the header as row 1).

    Validation costs ~30 ms, more than parsing a whole article, so a layer is reused while none of the folder's
    files has changed (same names, sizes and modification times)."""
    return _load_curated(Path(folder), _signature(Path(folder)))


@functools.lru_cache(maxsize=8)
def _load_curated(folder: Path, signature: tuple[tuple[str, int, int], ...]) -> CuratedLayer:
    validate_package(folder)
    meta = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    frames = {
        resource["name"]: pd.read_csv(folder / resource["path"], dtype=str, keep_default_na=False)
        for resource in meta["resources"]
    }
    return CuratedLayer(
        parts=frames["parts"],
        items=frames["items"],
        glossary=frames["glossary"],
        phrases=frames["phrases"],
        links=frames["links"],
        article_sha256=meta.get("office_roles", {}).get("article_sha256", ""),
        folder=folder,
        english={k: v for k, v in meta.get("office_roles", {}).items() if k.endswith("_en")},
    )


def pinyin_for(term: str) -> str:
    """Tone-marked pinyin, word by word as pypinyin segments it (never typed by hand)."""
    from pypinyin import Style, pinyin

    hanzi = "".join(ch for ch in term if "\u4e00" <= ch <= "\u9fff")
    return " ".join(syllable[0] for syllable in pinyin(hanzi, style=Style.TONE))
