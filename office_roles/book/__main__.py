"""``python -m office_roles.book``: build the static book (``make book``) and check its links and loads."""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .build import broken_links, build, build_language, remote_loads
from .editions import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("sphinx", "myst_nb", "sphinx_book_theme")  # the `book` extra of pyproject.toml


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m office_roles.book", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "book", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "book-src", help="generated sources")
    parser.add_argument("--verbose", action="store_true", help="show Sphinx's output")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (data/, notebooks/)")
    parser.add_argument("--language", choices=LANGUAGES, help="only write and build this language in --work "
                                                               "(what each of the two build processes does)")
    args = parser.parse_args(argv)
    if args.language:
        build_language(args.root, args.work, args.language, quiet=not args.verbose)
        return 0
    missing = [name for name in TOOLS if importlib.util.find_spec(name) is None]
    if missing:
        print(f"the book needs {', '.join(missing)}: pip install -e '.[book]'", file=sys.stderr)
        return 1
    started = time.monotonic()
    site = build(args.root, args.out, args.work, quiet=not args.verbose)
    problems = broken_links(site) + remote_loads(site)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return 1
    print(f"book: {site / 'index.html'} ({time.monotonic() - started:.1f} s); open it in a browser, no server needed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
