"""``python -m office_roles.book``: build the static book (``make book``) and check its links and loads."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .build import broken_links, build, remote_loads

ROOT = Path(__file__).resolve().parents[2]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m office_roles.book", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "book", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "book-src", help="generated sources")
    parser.add_argument("--verbose", action="store_true", help="show Sphinx's output")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        site = build(ROOT, args.out, args.work, quiet=not args.verbose)
    except ModuleNotFoundError as exc:
        print(f"the book needs its tools: pip install -e '.[book]' ({exc})", file=sys.stderr)
        return 1
    problems = broken_links(site) + remote_loads(site)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return 1
    print(f"book: {site / 'index.html'} ({time.monotonic() - started:.1f} s); open it in a browser, no server needed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
