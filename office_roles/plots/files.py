"""Write every registered figure into ``figures/`` as PNG and SVG: ``python -m office_roles.plots``.

The files are committed, so regenerating must not change a byte: no date or software version in the
metadata, a fixed SVG hash salt (set in ``fonts.py``), a fixed language and style (not the user's settings).
``--check`` renders into a temporary folder and exits 1 when a committed file is missing or differs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..article import Article, load_article
from ..registry import FIGURES
from ..settings import settings

LANGUAGE = "both"
STYLE = "projector"  # the committed figures are for slides and handouts
DPI = 150
FORMATS = ("png", "svg")
METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}


def expected_files() -> list[str]:
    return [f"{name}.{fmt}" for name in FIGURES for fmt in FORMATS]


def render_all(out_dir: Path, art: Article | None = None) -> list[Path]:
    """Render every figure of ``art`` (default: the seed article) into ``out_dir``; return the paths."""
    art = load_article() if art is None else art
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in FIGURES.items():
        fig = make(art, language=LANGUAGE, style=STYLE)
        for fmt in FORMATS:
            path = out_dir / f"{name}.{fmt}"
            fig.savefig(path, format=fmt, dpi=DPI, metadata=METADATA[fmt])
            written.append(path)
    return written


def compare(fresh: Sequence[Path], reference_dir: Path) -> list[str]:
    """Compare fresh files with those of the same name in ``reference_dir``; one line per problem."""
    problems = []
    for path in fresh:
        committed = reference_dir / path.name
        if not committed.is_file():
            problems.append(f"missing: {committed}")
        elif committed.read_bytes() != path.read_bytes():
            problems.append(f"differs: {committed}")
    return problems


def differences(reference_dir: Path, art: Article | None = None) -> list[str]:
    """Render into a temporary folder and compare bytes with ``reference_dir``."""
    with tempfile.TemporaryDirectory(prefix="office-roles-figures-") as tmp:
        return compare(render_all(Path(tmp), art), reference_dir)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m office_roles.plots", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--out", type=Path, default=None, help="folder (default: settings.figures_dir)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare a fresh rendering with the files in the folder; exit 1 on any difference",
    )
    args = parser.parse_args(argv)
    out_dir = args.out if args.out is not None else settings.figures_dir
    if args.check:
        problems = differences(out_dir)
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            print(
                f"{len(problems)} figure file(s) out of date: run `python -m office_roles.plots`",
                file=sys.stderr,
            )
            return 1
        print(f"{len(expected_files())} figure files in {out_dir} are up to date")
        return 0
    for path in render_all(out_dir):
        print(path)
    return 0
