"""``load_article``: raw page or plain text → clean text → outline → pandas tables (+ the curated layer).

Every table carries ``start``/``end`` offsets into ``Article.text``. The curated layer (English, glossary,
links) is applied only when the clean text is the one it was written for (its sha256 is recorded in the
data package); any other text gets the same parsed tables with empty curated columns, and says so.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .clean import CleanArticle, clean_page
from .curated import CuratedLayer, load_curated, text_sha256
from .errors import ArticleError, CuratedDataError
from .i18n import LINES, resolve, term
from .markers import HEADING_MARKERS
from .outline import Node, Outline, item_kind, parse, short_series
from .settings import settings
from .sources import MAX_TEXT_CHARS, read_source

SEED_FILE = "raw/000_1fbe787382d8397a.txt"
# The kinds of item, in the order tables show them; the id prefix of each (F1, T1, R1).
KIND_PREFIX = {"function": "F", "task": "T", "requirement": "R"}
ITEM_KINDS = tuple(KIND_PREFIX)
# Verbs that open an item's headline in this genre (当好参谋, 做好…, 注重学习); the short label drops them.
HEADLINE_VERBS = (
    "当好", "搞好", "做好", "抓好", "善于", "注重", "加强", "严格", "坚持", "强化", "提高", "推进", "落实",
    "深化", "完善", "健全", "切实", "着力", "全面", "积极", "认真", "大力", "发挥", "提升", "加快",
)
QUOTES = "“”\"‘’「」『』"


# The notes ``article_from_text`` leaves in ``Article.messages`` (in English), as catalogue keys.
NOTE_KEYS = ("no_curated_note", "flat_note")


@dataclass
class Article:
    """One article: its clean text and the tables derived from it."""

    text: str
    title: str | None
    author: str | None
    note: str | None
    source: dict
    parts: pd.DataFrame
    items: pd.DataFrame
    lists: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    outline: pd.DataFrame
    links: pd.DataFrame
    glossary: pd.DataFrame
    curated: bool
    messages: list[str] = field(default_factory=list)
    title_en: str | None = None
    # zh, en of the plain words the figures show, from the curated layer this article was matched with (empty
    # without one), so a figure never reads the words from another folder than the article's own layer.
    words: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["zh", "en"], dtype="string"))
    _short: Callable[[], pd.DataFrame] | None = field(default=None, repr=False, compare=False)

    @property
    def short_series(self) -> pd.DataFrame:
        """Series written with one 、 (pairs such as 组织协调、督促落实, and 县、省和中央): the columns of ``lists``,
        ids S01, S02, …, ``list_type`` pair or short_series. Apart from ``lists`` so no view counts them as lists;
        worked out on first use (choosing a pair's members costs more than the rest of the parse)."""
        if "_short_frame" not in self.__dict__:
            self.__dict__["_short_frame"] = self._short() if self._short else pd.DataFrame(columns=self.lists.columns)
        return self.__dict__["_short_frame"]

    def __repr__(self) -> str:
        return (
            f"<Article {self.title or '(untitled)'}: {len(self.text)} chars, {len(self.parts)} parts, "
            f"{len(self.items)} items, {self.n_lists} inline lists, "
            f"{'curated' if self.curated else 'no curated layer'}>"
        )

    @property
    def n_lists(self) -> int:
        """How many inline lists (a list's elements are rows of ``lists``, one id per list)."""
        return self.lists["list_id"].nunique() if len(self.lists) else 0

    def notes(self, language: str | None = None) -> list[str]:
        """``messages`` in the reader's language (``settings.language`` by default): what the reader should know
        about how the text was read (no curated layer, a flat outline)."""
        english = {term(key, "en"): key for key in NOTE_KEYS}
        return [term(english[note], language) if note in english else note for note in self.messages]

    def describe(self, language: str | None = None) -> str:
        """What was read, in one line in the reader's language (``repr`` stays English, for developers)."""
        if resolve(language) == "both":
            return LINES.join(self.describe(one) for one in ("zh", "en"))
        layer = term("article_curated" if self.curated else "article_not_curated", language)
        return term("article_summary", language).format(
            title=self.title or term("article_untitled", language), chars=len(self.text), parts=len(self.parts),
            items=len(self.items), lists=self.n_lists, layer=layer)

    def function_ids(self) -> list[str]:
        return self.items.loc[self.items["kind"] == "function", "item_id"].tolist()

    def task_ids(self) -> list[str]:
        return self.items.loc[self.items["kind"] == "task", "item_id"].tolist()


def short_label(headline: str) -> str:
    """当好“耳目” → 耳目, 文件制发工作 → 文件制发, 注重学习 → 学习, 进取图强 stays."""
    label = headline.strip(QUOTES + "。 ")
    for verb in HEADLINE_VERBS:
        if label.startswith(verb) and len(label) - len(verb) >= 2:
            label = label[len(verb) :]
            break
    label = label.strip(QUOTES)
    if label.endswith("工作") and len(label) > 3:
        label = label[:-2]
    return label


def _body_span(clean: CleanArticle) -> tuple[int, int]:
    start = 0
    for line in (clean.title, clean.author):
        if line is not None and clean.text.startswith(line, start):
            start += len(line) + 1
    end = len(clean.text)
    if clean.note is not None and clean.text.endswith(clean.note):
        end -= len(clean.note)
    return start, len(clean.text[:end].rstrip())


def _item_kind(node: Node, part: Node | None, text: str) -> str:
    return item_kind(node.marker_type, node.marker, text[part.start : part.head_end] if part is not None else None)


def _top_parts(outline: Outline) -> list[Node]:
    return [n for n in outline.nodes if n.depth == 1 and n.marker_type in HEADING_MARKERS]


class _Spans:
    """The id of the row whose ``[start, end)`` holds an offset, for rows that are disjoint and sorted."""

    def __init__(self, rows: list[dict], id_column: str) -> None:
        self.starts = [row["start"] for row in rows]
        self.ends = [row["end"] for row in rows]
        self.ids = [row[id_column] for row in rows]

    def find(self, offset: int) -> object:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.ids[index] if index >= 0 and offset < self.ends[index] else pd.NA

    def find_all(self, offsets: list[int]) -> list[object]:
        """``find`` for many offsets at once (one vectorised search instead of a bisection per row)."""
        if not self.starts:
            return [pd.NA] * len(offsets)
        where = np.asarray(offsets, dtype="int64")
        index = np.searchsorted(np.asarray(self.starts, dtype="int64"), where, side="right") - 1
        inside = (index >= 0) & (where < np.asarray(self.ends, dtype="int64")[np.maximum(index, 0)])
        ids = self.ids
        return [ids[i] if ok else pd.NA for i, ok in zip(index.tolist(), inside.tolist(), strict=True)]


def _tables(text: str, outline: Outline) -> dict[str, pd.DataFrame]:
    parts = _top_parts(outline)
    part_ids = {id(node): f"P{i}" for i, node in enumerate(parts, start=1)}
    item_nodes: list[tuple[Node, Node | None]] = []
    for node in outline.nodes:
        if node.parent is not None and id(node.parent) in part_ids and node.depth == 2:
            item_nodes.append((node, node.parent))
        elif node.depth == 1 and node.marker_type not in HEADING_MARKERS:
            item_nodes.append((node, None))

    counters: dict[str, int] = {}
    item_rows, item_ids = [], {}
    for node, part in item_nodes:
        kind = _item_kind(node, part, text)
        counters[kind] = counters.get(kind, 0) + 1
        item_id = f"{KIND_PREFIX[kind]}{counters[kind]}"
        item_ids[id(node)] = item_id
        headline = text[node.start + len(node.marker) : node.head_end]
        item_rows.append({
            "item_id": item_id,
            "part_id": part_ids.get(id(part), pd.NA) if part is not None else pd.NA,
            "kind": kind,
            "number": node.number,
            "marker": text[node.start : node.start + len(node.marker)],
            "headline_zh": headline,
            "label_zh": short_label(headline),
            "text_zh": text[node.start : node.end],
            "start": node.start,
            "end": node.end,
        })
    part_rows = []
    for node in parts:
        children = [item_ids[id(c)] for c in node.children if id(c) in item_ids]
        part_rows.append({
            "part_id": part_ids[id(node)],
            "number": node.number,
            "marker": text[node.start : node.start + len(node.marker)],
            "heading_zh": text[node.start + len(node.marker) : node.head_end],
            "n_items": len(children),
            "text_zh": text[node.start : node.end],
            "start": node.start,
            "end": node.end,
        })

    # Parts are disjoint and in text order, and so are items: the span holding an offset is the last one that
    # starts at or before it, found by bisection so that locating every row stays O(n log n) on long texts.
    part_spans = _Spans(part_rows, "part_id")
    item_spans = _Spans(item_rows, "item_id")

    def locate(start: int) -> tuple[object, object]:
        return part_spans.find(start), item_spans.find(start)

    heading_starts = {node.start: node for node in outline.nodes}
    part_starts = {p["start"] for p in part_rows}
    body_start, body_end = outline.body_span
    # The lead runs up to the first part; in a text without parts, up to the first item (a flat text is all lead).
    if part_rows:
        lead_until: int | None = min(p["start"] for p in part_rows)
    else:
        lead_until = outline.nodes[0].start if outline.nodes else None
    paragraph_starts = [start for start, _ in outline.paragraphs]
    paragraph_parts, paragraph_items = part_spans.find_all(paragraph_starts), item_spans.find_all(paragraph_starts)
    paragraph_rows = []
    for index, (start, end) in enumerate(outline.paragraphs):
        if start < body_start:
            role = "front"
        elif start >= body_end:
            role = "note"
        elif start in heading_starts:
            # A part's heading line is a heading; any other outline node (an item, a point inside one) is an item.
            role = "heading" if start in part_starts else "item"
        elif lead_until is None or start < lead_until:
            role = "lead"
        else:
            role = "body"
        paragraph_rows.append({
            "paragraph_id": index + 1, "role": role, "part_id": paragraph_parts[index],
            "item_id": paragraph_items[index], "text_zh": text[start:end], "start": start, "end": end,
        })
    sentence_starts = [start for _, start, _ in outline.sentences]
    sentence_parts, sentence_items = part_spans.find_all(sentence_starts), item_spans.find_all(sentence_starts)
    sentence_rows = [
        {"sentence_id": index + 1, "paragraph_id": paragraph + 1, "part_id": sentence_parts[index],
         "item_id": sentence_items[index], "text_zh": text[start:end], "start": start, "end": end}
        for index, (paragraph, start, end) in enumerate(outline.sentences)
    ]
    def list_rows_of(found: list, prefix: str) -> list[dict]:
        rows = []
        for number, inline in enumerate(found, start=1):
            part_id, item_id = locate(inline.elements[0][0])
            for position, (start, end) in enumerate(inline.elements, start=1):
                rows.append({
                    "list_id": f"{prefix}{number:02d}", "part_id": part_id, "item_id": item_id,
                    "list_type": inline.list_type, "size": len(inline.elements), "position": position,
                    "element_zh": text[start:end], "start": start, "end": end,
                })
        return rows

    list_rows = list_rows_of(outline.lists, "L")
    outline_rows = [{
        "node_id": node.node_id,
        "parent_id": node.parent.node_id if node.parent else pd.NA,
        "depth": node.depth,
        "marker_type": node.marker_type,
        "marker": text[node.start : node.start + len(node.marker)],
        "title_zh": text[node.start + len(node.marker) : node.head_end],
        "start": node.start,
        "end": node.end,
    } for node in outline.nodes]

    columns = {
        "parts": ["part_id", "number", "marker", "heading_zh", "n_items", "text_zh", "start", "end"],
        "items": ["item_id", "part_id", "kind", "number", "marker", "headline_zh", "label_zh", "text_zh",
                  "start", "end"],
        "lists": ["list_id", "part_id", "item_id", "list_type", "size", "position", "element_zh", "start", "end"],
        "paragraphs": ["paragraph_id", "role", "part_id", "item_id", "text_zh", "start", "end"],
        "sentences": ["sentence_id", "paragraph_id", "part_id", "item_id", "text_zh", "start", "end"],
        "outline": ["node_id", "parent_id", "depth", "marker_type", "marker", "title_zh", "start", "end"],
    }
    rows = {"parts": part_rows, "items": item_rows, "lists": list_rows, "paragraphs": paragraph_rows,
            "sentences": sentence_rows, "outline": outline_rows}
    with_chars = ("parts", "items", "paragraphs", "sentences")
    tables: dict = {name: _frame(rows[name], cols, chars=name in with_chars) for name, cols in columns.items()}
    # Series written with one 、, numbered S01, S02, … on their own (L01, L02, … stay as they were); built when
    # first asked for (Article.short_series).
    tables["_short"] = lambda: _frame(list_rows_of(short_series(outline, text), "S"), columns["lists"])
    return tables


_INT_COLUMNS = frozenset(
    ("start", "end", "number", "n_items", "size", "position", "depth", "paragraph_id", "sentence_id")
)


def _frame(rows: list[dict], columns: list[str], chars: bool = False) -> pd.DataFrame:
    """A table from row dicts, built column by column: pandas' own list-of-dicts path and a cast of every integer
    column afterwards cost more than parsing the text (issue 15). ``chars`` adds ``end - start``."""
    data = {}
    for col in columns:
        values = [row[col] for row in rows]
        data[col] = np.array(values, dtype="int64") if col in _INT_COLUMNS else values
    if chars:
        data["chars"] = data["end"] - data["start"]
    return pd.DataFrame(data, columns=[*columns, "chars"] if chars else columns)


def _apply_curated(tables: dict[str, pd.DataFrame], layer: CuratedLayer, text: str) -> dict[str, pd.DataFrame]:
    """Join English and check every curated reference against the parsed article."""
    folder = layer.folder
    known_items = set(tables["items"]["item_id"])
    for row, item_id in enumerate(layer.items["item_id"], start=2):
        if item_id not in known_items:
            raise CuratedDataError(folder / "items.csv", row, "item_id", f"unknown item id {item_id!r}")
    known_parts = set(tables["parts"]["part_id"])
    for row, part_id in enumerate(layer.parts["part_id"], start=2):
        if part_id not in known_parts:
            raise CuratedDataError(folder / "parts.csv", row, "part_id", f"unknown part id {part_id!r}")
    kinds = dict(zip(tables["items"]["item_id"], tables["items"]["kind"], strict=True))
    for row, link in enumerate(layer.links.itertuples(index=False), start=2):
        for column, kind in (("task_id", "task"), ("function_id", "function")):
            value = getattr(link, column)
            if kinds.get(value) != kind:
                raise CuratedDataError(folder / "links.csv", row, column, f"{value!r} is not a {kind} id")
        if link.evidence_zh not in text:
            raise CuratedDataError(
                folder / "links.csv", row, "evidence_zh",
                f"quote not found verbatim in the article: {link.evidence_zh!r}",
            )
    glossary = dict(zip(layer.glossary["zh"], layer.glossary["en"], strict=True))
    for frame, file in ((tables["items"], "items.csv"), (layer.parts, "parts.csv")):
        for label in frame["label_zh"]:
            if label not in glossary:
                raise CuratedDataError(folder / "glossary.csv", None, "zh", f"label {label!r} ({file}) has no entry")
    phrases = dict(zip(layer.phrases["zh"], layer.phrases["en"], strict=True))
    sentences = _translated_sentences(tables["sentences"], layer)

    items = tables["items"].merge(layer.items, on="item_id", how="left")
    items.insert(items.columns.get_loc("label_zh") + 1, "label_en", items["label_zh"].map(glossary))
    parts = tables["parts"].merge(layer.parts, on="part_id", how="left")
    lists = tables["lists"].copy()
    lists.insert(lists.columns.get_loc("element_zh") + 1, "element_en", lists["element_zh"].map(phrases))
    build_short = tables["_short"]

    def short() -> pd.DataFrame:
        frame = build_short()
        frame.insert(frame.columns.get_loc("element_zh") + 1, "element_en", frame["element_zh"].map(phrases))
        return frame

    return {**tables, "items": items, "parts": parts, "lists": lists, "sentences": sentences, "_short": short}


def _translated_sentences(parsed: pd.DataFrame, layer: CuratedLayer) -> pd.DataFrame:
    """``parsed`` with ``text_en``: each curated row must name a parsed sentence and repeat its Chinese exactly,
    and every parsed sentence must have a row, so a change to the text or to the sentence splitting fails here
    instead of pairing a translation with the wrong sentence."""
    path = layer.folder / "sentences.csv"
    known = dict(zip(parsed["sentence_id"], parsed["text_zh"], strict=True))
    for row, (sentence_id, text_zh) in enumerate(
        zip(layer.sentences["sentence_id"].astype(int), layer.sentences["text_zh"], strict=True), start=2
    ):
        if sentence_id not in known:
            raise CuratedDataError(path, row, "sentence_id", f"unknown sentence id {sentence_id}")
        if text_zh != known[sentence_id]:
            raise CuratedDataError(
                path, row, "text_zh",
                f"not the article's sentence {sentence_id}: the article has {known[sentence_id]!r}",
            )
    english = dict(zip(layer.sentences["sentence_id"].astype(int), layer.sentences["text_en"], strict=True))
    missing = [sentence_id for sentence_id in known if sentence_id not in english]
    if missing:
        raise CuratedDataError(path, None, "sentence_id", f"no translation for sentence(s) {missing}")
    sentences = parsed.copy()
    sentences.insert(sentences.columns.get_loc("text_zh") + 1, "text_en", sentences["sentence_id"].map(english))
    for column in ("note_en", "note_zh"):  # the translator's notes, for the parallel reader
        notes = dict(zip(layer.sentences["sentence_id"].astype(int), layer.sentences[column], strict=True))
        sentences[column] = sentences["sentence_id"].map(notes).fillna("")
    return sentences


def _front_english(sentences: pd.DataFrame, clean: CleanArticle) -> dict[str, str]:
    """title_en, author_en and note_en: the translations of the sentences that are the title, author and note
    lines (one source: the sentence table)."""
    english = dict(zip(sentences["text_zh"], sentences["text_en"], strict=False))
    lines = {"title_en": clean.title, "author_en": clean.author, "note_en": clean.note}
    return {key: english[line] for key, line in lines.items() if line is not None and english.get(line)}


def _empty_curated(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The same columns as a curated article, all missing, so notebooks and figures need no special case."""

    def with_missing(frame: pd.DataFrame, after: dict[str, str], at_end: tuple[str, ...]) -> pd.DataFrame:
        # One new frame per table: an insert per column cost a few milliseconds each, on every call.
        data: dict[str, object] = {}
        for col in frame.columns:
            data[col] = frame[col].array
            if col in after:
                data[after[col]] = pd.array([pd.NA] * len(frame), dtype="string")
        for col in at_end:
            data[col] = pd.array([pd.NA] * len(frame), dtype="string")
        return pd.DataFrame(data, index=frame.index)

    sentences = tables["sentences"].copy()
    sentences.insert(sentences.columns.get_loc("text_zh") + 1, "text_en", "")  # no translation: empty, not NA
    sentences["note_en"], sentences["note_zh"] = "", ""
    return {
        **tables,
        "items": with_missing(tables["items"], {"label_zh": "label_en"}, ("headline_en", "summary_en", "summary_zh")),
        "parts": with_missing(tables["parts"], {}, ("label_zh", "label_en", "heading_en", "summary_en",
                                                              "summary_zh")),
        "lists": with_missing(tables["lists"], {"element_zh": "element_en"}, ()),
        "_short": lambda: with_missing(tables["_short"](), {"element_zh": "element_en"}, ()),
        "sentences": sentences,
    }


LINK_COLUMNS = ["task_id", "function_id", "strength", "basis", "evidence_zh", "rationale_en", "rationale_zh"]
GLOSSARY_COLUMNS = ["zh", "pinyin", "en", "note_en", "note_zh", "en_variants"]


def article_from_text(raw: str, source: dict | None = None, curated_dir: Path | None = None) -> Article:
    """The pipeline on text already in memory (a pasted text or a page)."""
    if not raw or not raw.strip():
        raise ArticleError.keyed("err_text_empty")
    if len(raw) > MAX_TEXT_CHARS:
        raise ArticleError.keyed("err_text_too_long", chars=len(raw), limit=MAX_TEXT_CHARS)
    clean = clean_page(raw)
    if not clean.text.strip():
        raise ArticleError.keyed("err_no_article")
    outline = parse(clean.text, _body_span(clean))
    tables = _tables(clean.text, outline)
    messages = []
    layer = load_curated(curated_dir if curated_dir is not None else settings.data_dir / "curated")
    curated = layer.article_sha256 == text_sha256(clean.text)
    if curated:
        tables = _apply_curated(tables, layer, clean.text)
        links, glossary = layer.links[LINK_COLUMNS].copy(), layer.glossary[GLOSSARY_COLUMNS].copy()
    else:
        tables = _empty_curated(tables)
        links = pd.DataFrame(columns=LINK_COLUMNS, dtype="string")
        glossary = pd.DataFrame(columns=GLOSSARY_COLUMNS, dtype="string")
        messages.append(term("no_curated_note", "en"))
    if not len(outline.nodes):
        messages.append(term("flat_note", "en"))
    english = _front_english(tables["sentences"], clean) if curated else {}
    record = {
        "title": clean.title, "author": clean.author, "note": clean.note,
        "poster": clean.poster, "posted": clean.posted, "from_forum_page": clean.from_forum_page,
        **english,
        **(source or {}),
    }
    return Article(
        text=clean.text, title=clean.title, author=clean.author, note=clean.note, source=record,
        links=links, glossary=glossary, curated=curated, messages=messages,
        title_en=english.get("title_en"), **tables,
        **({"words": layer.words[["zh", "en"]].copy()} if curated else {}),
    )


def load_article(path: str | Path | None = None, *, curated_dir: Path | None = None) -> Article:
    """Load the seed article (default) or any page / plain-text file through the same pipeline."""
    path = Path(path) if path is not None else settings.data_dir / SEED_FILE
    return article_from_text(read_source(path), {"path": str(path)}, curated_dir)
