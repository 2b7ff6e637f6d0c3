"""Score the parser on the development corpus (tests/corpus/): headings, item kinds, inline lists, cleaning, speed.

    python tools/evaluate_parser.py                 # one row per text, then the means
    python tools/evaluate_parser.py --markdown      # the same as a Markdown table (for the README)
    python tools/evaluate_parser.py --draft ID      # a draft expected outline of text ID from the current parser,
                                                    # to be corrected by reading before it goes to expected/

The corpus: ``tests/corpus/sources.csv`` lists every text; ``texts/<id>.txt`` holds the real ones and
``expected/<id>.json`` their hand-checked outline. A row whose ``derived_from`` is set is not stored: it is made
from its source text by the rule named in ``derive`` (functions below), and scored against the source's expected
outline, since the rules change how the text looks, not what it says:

- ``flatten``: a copy from a web page that lost its line breaks: every line is stripped of the spaces around it
  (half- and full-width) and the lines are joined with nothing between them.
- ``widen``: a page saved from a forum skin that prints full-width forms: every ASCII digit, colon and parenthesis
  becomes its full-width form (``19:37:21`` → ``１９：３７：２１``, ``(室)`` → ``（室）``), chrome included.
- ``invisible``: zero-width and bidi controls at line starts (U+200B, U+200D, U+202E, U+2066 in turn), as editors
  and chat tools leave them.

Scores per text (a node is a heading or an item; it matches an expected one with the same depth, the same marker
after width folding, and a title that starts with the expected title start):
- heading P/R/F1 over nodes; kind: share of expected items (nodes with a kind) whose parsed item has that kind;
- list recall/precision: over the paragraphs named in ``list_paragraphs`` only (every paragraph of the short texts,
  a documented sample of the long ones); a list matches when its elements are exactly the expected ones.
  Pairs (two elements written ``A、B``, see tests/corpus/README.md) are scored apart: list_R is the recall over
  every expected list, pairs included; list_R3 the recall over expected lists of three or more elements;
  list_P the precision of ``art.lists`` and the three-member ``art.short_series``; pair_R and pair_P the recall
  and precision of the pairs of ``art.short_series`` against the expected pairs;
- chrome: expected chrome strings still in the text; lost: expected body strings missing from it;
- MB/s: ``load_article`` end to end on the text's UTF-8 bytes (decoding check, cleaning, parsing, tables, curated
  check; ``art.short_series`` is worked out later, on first use), best of three runs with the segmentation cache
  emptied before each; the summary gives the median over texts of 20 kB and more.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from office_roles.article import Article, article_from_text  # noqa: E402
from office_roles.sources import decode_text  # noqa: E402
from office_roles.textnorm import fold_width  # noqa: E402
from office_roles.word_edges import forget  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
SOURCE_COLUMNS = ["id", "title", "issuer", "date", "url", "status", "obtained", "derived_from", "derive"]


def flatten(text: str) -> str:
    """Rule ``flatten``: lines stripped of surrounding spaces and joined with nothing between them."""
    return "".join(line.strip(" \t\r\u3000\xa0") for line in text.split("\n"))


_WIDEN = {ord(c): ord(c) + 0xFEE0 for c in "0123456789:()"}


def widen(text: str) -> str:
    """Rule ``widen``: ASCII digits, colons and parentheses in their full-width forms."""
    return text.translate(_WIDEN)


_INVISIBLE = ("\u200b", "\u200d", "\u202e", "\u2066")


def invisible(text: str) -> str:
    """Rule ``invisible``: a zero-width or bidi control (in turn) at the start of every non-empty line."""
    lines = text.split("\n")
    return "\n".join(_INVISIBLE[i % len(_INVISIBLE)] + line if line.strip() else line for i, line in enumerate(lines))


DERIVE = {"flatten": flatten, "widen": widen, "invisible": invisible}


@dataclass
class Entry:
    id: str
    source: dict[str, str]
    text: str
    expected: dict


def load_corpus() -> list[Entry]:
    """Every corpus text with its expected outline; derived texts are made here by their rule."""
    with (CORPUS / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or list(rows[0]) != SOURCE_COLUMNS:
        raise ValueError(f"{CORPUS / 'sources.csv'}: columns must be {SOURCE_COLUMNS}")
    by_id = {row["id"]: row for row in rows}
    entries = []
    for line, row in enumerate(rows, start=2):
        base = row["derived_from"] or row["id"]
        if base not in by_id or by_id[base]["derived_from"]:
            raise ValueError(f"{CORPUS / 'sources.csv'}: row {line}: derived_from {base!r} is not a stored text")
        text = (CORPUS / "texts" / f"{base}.txt").read_text(encoding="utf-8")
        if row["derived_from"]:
            if row["derive"] not in DERIVE:
                raise ValueError(f"{CORPUS / 'sources.csv'}: row {line}: unknown rule {row['derive']!r}")
            text = DERIVE[row["derive"]](text)
        expected_path = CORPUS / "expected" / f"{base}.json"
        expected = json.loads(expected_path.read_text(encoding="utf-8")) if expected_path.exists() else {}
        entries.append(Entry(row["id"], row, text, expected))
    return entries


def _key(text: str) -> str:
    return "".join(fold_width(text).split())


def _nodes(art: Article) -> list[dict]:
    items = {row.start: row.kind for row in art.items.itertuples(index=False)}
    return [
        {"marker": row.marker, "depth": int(row.depth), "title": row.title_zh, "kind": items.get(row.start),
         "start": int(row.start)}
        for row in art.outline.itertuples(index=False)
    ]


def _match_nodes(expected: list[dict], parsed: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs in text order: each expected node takes the first unused parsed node that fits it."""
    pairs, used, cursor = [], set(), 0
    for want in expected:
        for index in range(cursor, len(parsed)):
            got = parsed[index]
            if (index not in used and got["depth"] == want["depth"] and _key(got["marker"]) == _key(want["marker"])
                    and _key(got["title"]).startswith(_key(want["title"]))):
                pairs.append((want, got))
                used.add(index)
                cursor = index + 1
                break
    return pairs


def _regions(art: Article, expected: dict) -> list[tuple[int, int]]:
    """The checked paragraphs as spans of ``art.text``: found by their opening words, as long as they were."""
    folded = _key_text(art.text)
    regions = []
    for para in expected.get("list_paragraphs", []):
        at = folded.find(_key(para["start"]))
        if at != -1:
            regions.append((at, at + para["chars"]))
    return regions


def _key_text(text: str) -> str:
    """Width-folded text with no whitespace (offsets refer to this string)."""
    return _key(text)


def _lists(art: Article, pairs: bool = False) -> list[tuple[int, list[str]]]:
    """(position of the first element in the key text, elements) for every parsed list: ``art.lists`` and the
    three-member series of ``art.short_series`` (A、B和C); with ``pairs``, the two-member series (A、B) instead."""
    key_pos = _key_offsets(art.text)
    short = art.short_series
    frames = [short[short["list_type"] == "pair"]] if pairs else [art.lists, short[short["list_type"] != "pair"]]
    out = []
    for frame in frames:
        for _, group in frame.groupby("list_id", sort=True):
            out.append((key_pos[int(group["start"].iloc[0])], [_key(e) for e in group["element_zh"]]))
    return out


def is_pair(elements: list[str], text_key: str) -> bool:
    """An expected list is a pair when it has two elements written ``A、B`` in the text (the corpus README)."""
    return len(elements) == 2 and "、".join(elements) in text_key


def _key_offsets(text: str) -> list[int]:
    """For each offset of ``text``, the matching offset in its key text (whitespace dropped)."""
    offsets, pos = [], 0
    for char in text:
        offsets.append(pos)
        if not char.isspace():
            pos += 1
    offsets.append(pos)
    return offsets


def load(entry: Entry) -> Article:
    """What ``load_article`` does with a file: decode and check the bytes, then the whole pipeline."""
    return article_from_text(decode_text(entry.id, entry.text.encode("utf-8")), {"path": entry.id})


def timed(entry: Entry, runs: int = 3) -> tuple[Article, float]:
    """The article and the best time of ``runs`` loads (the best is the least disturbed by other work)."""
    best = float("inf")
    for _ in range(runs):
        forget()  # each load segments afresh: the same text loaded again must not look faster
        started = time.perf_counter()
        art = load(entry)
        best = min(best, time.perf_counter() - started)
    return art, best


def score(entry: Entry, runs: int = 3) -> dict[str, float]:
    expected = entry.expected
    art, seconds = timed(entry, runs)
    parsed = _nodes(art)
    want = expected.get("nodes", [])
    pairs = _match_nodes(want, parsed)
    precision = len(pairs) / len(parsed) if parsed else float(not want)
    recall = len(pairs) / len(want) if want else float(not parsed)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    kinds = [(w["kind"], g["kind"]) for w, g in pairs if w.get("kind")]
    with_kind = [w for w in want if w.get("kind")]
    kind_acc = sum(w == g for w, g in kinds) / len(with_kind) if with_kind else 1.0

    regions = _regions(art, expected)
    text_key = _key(art.text)
    got_lists = [elements for pos, elements in _lists(art) if any(s <= pos < e for s, e in regions)]
    got_pairs = [elements for pos, elements in _lists(art, pairs=True) if any(s <= pos < e for s, e in regions)]
    want_all = [[_key(e) for e in item["elements"]] for item in expected.get("lists", [])]
    want_pairs = [w for w in want_all if is_pair(w, text_key)]
    want_lists = [w for w in want_all if not is_pair(w, text_key)]
    hit_r = sum(w in got_lists + got_pairs for w in want_all)
    want_3 = [w for w in want_lists if len(w) >= 3]
    hit_r3 = sum(w in got_lists for w in want_3)
    hit_p = sum(g in want_lists for g in got_lists)
    chrome = sum(_key(c) in text_key for c in expected.get("chrome", []))
    lost = sum(_key(b) not in text_key for b in expected.get("body", []))
    return {
        "nodes": len(want), "P": precision, "R": recall, "F1": f1, "kind": kind_acc,
        "lists": len(want_all), "list_R": hit_r / len(want_all) if want_all else 1.0,
        "list_R3": hit_r3 / len(want_3) if want_3 else 1.0,
        "list_P": hit_p / len(got_lists) if got_lists else 1.0,
        "pairs": len(want_pairs),
        "pair_R": sum(w in got_pairs for w in want_pairs) / len(want_pairs) if want_pairs else 1.0,
        "pair_P": sum(g in want_pairs for g in got_pairs) / len(got_pairs) if got_pairs else 1.0,
        "chrome": chrome, "lost": lost, "kB": len(entry.text.encode("utf-8")) / 1e3,
        "MB/s": len(entry.text.encode("utf-8")) / 1e6 / seconds,
    }


def evaluate(entries: list[Entry] | None = None, runs: int = 3) -> dict[str, dict[str, float]]:
    """Scores of every corpus text; ``runs`` loads per text for the timing (the scores do not depend on it)."""
    entries = load_corpus() if entries is None else entries
    article_from_text(entries[0].text)  # warm up: imports and the curated layer, outside any timing
    return {entry.id: score(entry, runs) for entry in entries}


COLUMNS = ["nodes", "P", "R", "F1", "kind", "lists", "list_R", "list_R3", "list_P", "pairs", "pair_R", "pair_P",
           "chrome", "lost", "kB", "MB/s"]
MEANS = ["P", "R", "F1", "kind", "list_R", "list_R3", "list_P", "pair_R", "pair_P", "chrome", "lost"]


def summary(results: dict[str, dict[str, float]]) -> dict[str, float]:
    """Means of the scores; MB/s is the median over texts of 20 kB and more."""
    out = {name: statistics.mean(r[name] for r in results.values()) for name in MEANS}
    for name in ("chrome", "lost"):  # counts: the total over the corpus
        out[name] = sum(r[name] for r in results.values())
    large = [r["MB/s"] for r in results.values() if r["kB"] >= 20]
    out["MB/s"] = statistics.median(large) if large else float("nan")
    return out


def _cell(value: float, name: str) -> str:
    if name in ("nodes", "lists", "pairs", "chrome", "lost"):
        return str(int(value))
    if name in ("kB", "MB/s"):
        return f"{value:.1f}"
    return f"{value:.2f}"


def render(results: dict[str, dict[str, float]], markdown: bool) -> str:
    means = summary(results)
    header = ["text", *COLUMNS]
    rows = [[name, *(_cell(r[c], c) for c in COLUMNS)] for name, r in results.items()]
    rows.append(["mean (chrome, lost: total; MB/s: median of texts ≥ 20 kB)",
                 *(_cell(means[c], c) if c in means else "" for c in COLUMNS)])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True))
                     for row in [header, *rows])


def draft(entry: Entry) -> dict:
    """The current parser's outline of one text in the expected format: a starting point for reading, never a
    result (every node and list must be checked against the text before it is saved)."""
    art = article_from_text(entry.text)
    nodes = [{"marker": n["marker"], "depth": n["depth"], "title": n["title"][:8], "kind": n["kind"]}
             for n in _nodes(art)]
    return {"id": entry.id, "checked": "", "nodes": nodes, "list_paragraphs": [], "lists": [], "chrome": [],
            "body": []}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--draft", metavar="ID", help="print a draft expected outline of one text")
    args = parser.parse_args(argv)
    entries = load_corpus()
    if args.draft:
        entry = next((e for e in entries if e.id == args.draft), None)
        if entry is None:
            parser.error(f"no text {args.draft!r} in {CORPUS / 'sources.csv'}")
        print(json.dumps(draft(entry), ensure_ascii=False, indent=1))
        return 0
    print(render(evaluate(entries), args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
