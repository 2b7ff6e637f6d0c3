"""The curated layer: English labels, glossary, phrase translations, role→task links and the sentence-by-sentence
translation, as a Frictionless
data package (``data/curated/datapackage.json``). The Table Schema there is the one place the columns, types,
allowed values and keys are declared; this module turns validation reports into one clear error.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import CuratedDataError
from .settings import settings

PACKAGE_FILE = "datapackage.json"



@dataclass(frozen=True)
class CuratedLayer:
    parts: pd.DataFrame
    items: pd.DataFrame
    glossary: pd.DataFrame
    phrases: pd.DataFrame
    links: pd.DataFrame
    sentences: pd.DataFrame  # sentence_id, text_zh, text_en, note_en, note_zh (the title, author and note included)
    words: pd.DataFrame  # zh, en of plain words the figures show (not terms, whose English lives in the glossary)
    article_sha256: str
    folder: Path


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def package_digest(folder: Path) -> str:
    """sha256 over the names and bytes of every file in a data package folder."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def validate_package(folder: Path) -> None:
    """Run the Frictionless checks (types, required, enums, patterns, primary and foreign keys).

    Frictionless's first validation in a process costs about a second (its JSON Schema validator builds URI
    grammars on import), more than everything else a notebook does. A package whose exact bytes already passed is
    therefore remembered in ``settings.cache_dir`` (one empty file per content digest) and not validated again;
    any edit changes the digest. ``settings.cache_dir = None`` always validates.
    """
    descriptor = folder / PACKAGE_FILE
    if not descriptor.is_file():
        raise CuratedDataError(descriptor, None, None, "the data package descriptor is missing")
    cache_dir = settings.cache_dir
    marker = cache_dir / f"valid-{package_digest(folder)}" if cache_dir is not None else None
    if marker is not None and marker.is_file():
        return
    _validate_with_frictionless(folder, descriptor)
    if marker is not None:
        with contextlib.suppress(OSError):  # a read-only home only costs the next kernel a validation
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()


def _validate_with_frictionless(folder: Path, descriptor: Path) -> None:
    from frictionless import Package

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


def read_package(folder: Path) -> tuple[dict[str, pd.DataFrame], dict]:
    """Validate a data package, then read every resource as strings: (name → table, the descriptor).

    Every data package of the project (curated layer, exercises, lexicon) is read here, so each gets the same
    checks and the same error messages (file, row, field)."""
    validate_package(folder)
    meta = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    frames = {
        resource["name"]: pd.read_csv(folder / resource["path"], dtype=str, keep_default_na=False)
        for resource in meta["resources"]
    }
    return frames, meta


@functools.lru_cache(maxsize=8)
def _load_curated(folder: Path, signature: tuple[tuple[str, int, int], ...]) -> CuratedLayer:
    frames, meta = read_package(folder)
    return CuratedLayer(
        parts=frames["parts"],
        items=frames["items"],
        glossary=frames["glossary"],
        phrases=frames["phrases"],
        links=frames["links"],
        sentences=frames["sentences"],
        words=frames["words"],
        article_sha256=meta.get("office_roles", {}).get("article_sha256", ""),
        folder=folder,
    )


def pinyin_for(term: str) -> str:
    """Tone-marked pinyin, word by word as pypinyin segments it (never typed by hand)."""
    from pypinyin import Style, pinyin

    hanzi = "".join(ch for ch in term if "\u4e00" <= ch <= "\u9fff")
    return " ".join(syllable[0] for syllable in pinyin(hanzi, style=Style.TONE))
