"""``build_handouts``: every printable handout of one article in one or both languages, written to
``<out>/<language>/``; the one function the CLI and the Makefile target call.

The file names are the handouts' letters in issue 14, so a facilitator finds them in print order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..article import Article
from ..exercises import ExerciseData
from .article_docs import article_source, outline_source
from .exercise_docs import answer_key_source, questions_source
from .record import record_source, write_record_docx
from .typst_source import compile_pdf

EDITIONS = ("zh", "en")


@dataclass(frozen=True)
class Handout:
    """One PDF: its file stem, who it is for, and how its Typst source is made."""

    stem: str
    audience: str
    source: Callable[[Article, ExerciseData, str], str]


HANDOUTS: tuple[Handout, ...] = (
    Handout("a_article", "learners", lambda art, data, lang: article_source(art, lang)),
    Handout("b_outline", "learners", lambda art, data, lang: outline_source(art, lang)),
    Handout("c_questions", "learners", questions_source),
    Handout("d_answer_key", "instructor only", answer_key_source),
    Handout("e_record", "group secretary", lambda art, data, lang: record_source(lang, art.title or "")),
)
RECORD_DOCX = "e_record.docx"


def build_handouts(art: Article, data: ExerciseData, out_dir: Path,
                   languages: Iterable[str] = EDITIONS, only: Iterable[str] | None = None) -> list[Path]:
    """Write the PDFs (and the record sheet's .docx) for each language; return the paths written."""
    wanted = set(only) if only is not None else {h.stem for h in HANDOUTS}
    unknown = wanted - {h.stem for h in HANDOUTS}
    if unknown:
        raise ValueError(f"no handout {sorted(unknown)}; handouts are {[h.stem for h in HANDOUTS]}")
    written: list[Path] = []
    for language in languages:
        if language not in EDITIONS:
            raise ValueError(f"handouts exist in {EDITIONS}, not {language!r}")
        folder = out_dir / language
        for handout in HANDOUTS:
            if handout.stem in wanted:
                written.append(compile_pdf(handout.source(art, data, language), folder / f"{handout.stem}.pdf"))
        if "e_record" in wanted:
            written.append(write_record_docx(folder / RECORD_DOCX, language, art.title or ""))
    return written
