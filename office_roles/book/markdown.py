"""Small MyST writers the book's pages share: escaped inline text, headings, tables, answers behind a click.

The data holds plain text, so every value goes through ``inline`` before it reaches Markdown: a ``*`` or ``[`` in
a note must print as itself, never start emphasis or a link.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&{}$])")
_SPACE = re.compile(r"\s+")


def inline(text: object) -> str:
    """Plain text as one line of Markdown that renders as exactly that text."""
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", str(text)).strip())


def heading(level: int, text: str, label: str | None = None) -> str:
    """A heading, with a MyST target ``(label)=`` above it when the page links to it."""
    target = f"({label})=\n" if label else ""
    return f"{target}{'#' * level} {inline(text)}\n"


def paragraph(text: object) -> str:
    return inline(text) + "\n"


def labelled(label: str, text: object) -> str:
    """``**Label:** text`` on one paragraph."""
    return f"**{inline(label)}:** {inline(text)}\n"


def quote(text: object, attribution: str | None = None) -> str:
    lines = [f"> {inline(text)}"]
    if attribution:
        lines += [">", f"> {inline(attribution)}"]
    return "\n".join(lines) + "\n"


def numbered(items: Iterable[object]) -> str:
    return "".join(f"{i}. {inline(item)}\n" for i, item in enumerate(items, start=1))


def bullets(items: Iterable[object]) -> str:
    return "".join(f"- {inline(item)}\n" for item in items)


def table(header: Sequence[str], rows: Iterable[Sequence[object]], *, widths: Sequence[int] | None = None,
          css_class: str | None = None) -> str:
    """A MyST ``list-table``: its cells are parsed as Markdown, so they are indexed by the search and escaped."""
    lines = ["```{list-table}", ":header-rows: 1"]
    if widths:
        lines.append(":widths: " + " ".join(str(w) for w in widths))
    if css_class:
        lines.append(f":class: {css_class}")
    lines.append("")
    for row in [list(header), *map(list, rows)]:
        lines += [f"* - {inline(row[0]) or '&nbsp;'}", *(f"  - {inline(cell) or '&nbsp;'}" for cell in row[1:])]
    lines.append("```")
    return "\n".join(lines) + "\n"


def details(summary: str, body: str) -> str:
    """Markdown ``body`` behind a click (``<details>``); the summary is plain text."""
    return f"<details class=\"answer\">\n<summary>{html.escape(summary)}</summary>\n\n{body.strip()}\n\n</details>\n"


def admonition(title: str, body: str, css_class: str = "note") -> str:
    return f"```{{admonition}} {inline(title)}\n:class: {css_class}\n\n{body.strip()}\n```\n"


def toctree(entries: Sequence[str], caption: str | None = None, *, maxdepth: int = 1) -> str:
    lines = ["```{toctree}", f":maxdepth: {maxdepth}"]
    if caption:
        lines.append(f":caption: {caption}")
    return "\n".join([*lines, "", *entries, "```"]) + "\n"


def page(*blocks: str) -> str:
    """Blocks joined by blank lines, ending in one newline."""
    return "\n".join(block.rstrip("\n") + "\n" for block in blocks if block).rstrip("\n") + "\n"
