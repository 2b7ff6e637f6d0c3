"""``python -m office_roles.handouts``: write the printable handouts (A4 PDFs and the record sheet's .docx) of the
seed article, or of another text given with ``--source``, to ``build/handouts/{zh,en}/``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..article import load_article
from ..errors import ArticleError, CuratedDataError
from ..exercises import load_exercises
from .build import EDITIONS, HANDOUTS, build_handouts

SEED_ONLY = ("c_questions", "d_answer_key")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m office_roles.handouts", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("build/handouts"), help="folder (default build/handouts)")
    parser.add_argument("--language", choices=EDITIONS, action="append",
                        help="one edition; repeat for both (default: both)")
    parser.add_argument("--only", choices=[h.stem for h in HANDOUTS], action="append",
                        help="one handout; repeat for several (default: all)")
    parser.add_argument("--source", type=Path, help="another article (.txt or .docx) instead of the seed article")
    args = parser.parse_args(argv)
    try:
        art = load_article(args.source) if args.source else load_article()
        data = load_exercises(art=None if args.source else art)
        only = args.only
        if args.source and not only:
            # The questions and the answer key are written for the seed article; another text gets the rest.
            only = [h.stem for h in HANDOUTS if h.stem not in SEED_ONLY]
        paths = build_handouts(art, data, args.out, args.language or EDITIONS, only)
    except (ArticleError, CuratedDataError, FileNotFoundError, RuntimeError) as error:
        print(f"handouts: {error}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
