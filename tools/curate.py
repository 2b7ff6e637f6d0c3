"""Refresh the generated columns of the curated layer: glossary pinyin (pypinyin) and the seed's text hash.

Run after editing data/curated/glossary.csv or the cleaning rules: ``python tools/curate.py``.
``--check`` exits 1 when a file would change (tests/test_curated.py runs the same comparison).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from office_roles.article import SEED_FILE
from office_roles.clean import clean_page
from office_roles.curated import PACKAGE_FILE, pinyin_for, text_sha256
from office_roles.settings import settings
from office_roles.sources import read_source


def refreshed(folder: Path) -> dict[Path, str]:
    glossary = folder / "glossary.csv"
    rows = list(csv.DictReader(glossary.open(encoding="utf-8", newline="")))
    for row in rows:
        row["pinyin"] = pinyin_for(row["zh"])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)

    package = folder / PACKAGE_FILE
    meta = json.loads(package.read_text(encoding="utf-8"))
    seed_text = clean_page(read_source(settings.data_dir / SEED_FILE)).text
    meta.setdefault("office_roles", {})["article_sha256"] = text_sha256(seed_text)
    return {glossary: out.getvalue(), package: json.dumps(meta, ensure_ascii=False, indent=2) + "\n"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    stale = []
    for path, content in refreshed(settings.data_dir / "curated").items():
        if path.read_text(encoding="utf-8") != content:
            stale.append(path)
            if not args.check:
                path.write_text(content, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if args.check else 'updated'}: {path}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
