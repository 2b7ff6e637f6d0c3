"""Which notebooks the book shows under each language: the one switch between the two editions and today's
mixed lessons.

When ``notebooks/zh/`` and ``notebooks/en/`` hold lessons, each landing page shows its own edition. Until then
both show the mixed English-and-Chinese notebooks of ``notebooks/`` with a note that the Chinese edition of the
lessons is in preparation. Everything else in the book (article, glossary, exercises) is generated from the
data in each language and does not depend on this switch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("zh", "en")
LESSON_RE = re.compile(r"^\d\d_[a-z0-9_]+\.ipynb$")


@dataclass(frozen=True)
class Lessons:
    """The lesson notebooks of one landing page and whether they are the mixed set rather than its edition."""

    language: str
    notebooks: tuple[Path, ...]
    mixed: bool


def lesson_files(folder: Path) -> list[Path]:
    """``NN_slug.ipynb`` files of one folder, in order (the naming scheme of ``tools/notebooks.py``)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and LESSON_RE.match(p.name))


def lessons_for(notebooks_dir: Path, language: str) -> Lessons:
    """The edition ``notebooks/<language>/`` when it exists, else the mixed notebooks of ``notebooks/``."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    edition = lesson_files(notebooks_dir / language)
    if edition:
        return Lessons(language, tuple(edition), mixed=False)
    mixed = lesson_files(notebooks_dir)
    if not mixed:
        raise FileNotFoundError(
            f"no lesson notebooks (NN_name.ipynb) in {notebooks_dir / language} nor in {notebooks_dir}"
        )
    return Lessons(language, tuple(mixed), mixed=True)
