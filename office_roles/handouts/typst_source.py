"""Writing Typst source safely and compiling it with the package's own CJK fonts.

Every text that comes from the article or the data packages enters the document as a Typst *string literal*
(``literal``), never as markup: inside a string only ``\\`` and ``"`` are special, so a quote holding ``#``, ``$``,
``*``, ``_``, ``<`` or ``@`` prints exactly as written, with nothing to escape in markup mode. The layout lives in
``PREAMBLE``: functions that the generated source calls with those strings.

Compiling uses only the two Noto fonts of the ``pylopdf-fonts-zh-cn`` wheel (system fonts are ignored), so the
same PDF comes out on any machine, offline.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..i18n import missing

SERIF = "Noto Serif SC"
SANS = "Noto Sans SC"
# GB/T 9704 三号 (16 pt) for reading text; 小四 (12 pt) where two columns or a dense reference halve the measure.
BODY_PT = 16
SMALL_PT = 12

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def literal(text: object) -> str:
    """``text`` as a Typst string literal that evaluates to exactly ``text`` (None and NaN become "")."""
    value = text if isinstance(text, str) else ("" if missing(text) else str(text))
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in value) + '"'


def call(function: str, *args: object, **kwargs: object) -> str:
    """``#function(args…)`` with every string argument turned into a literal; bools, numbers and raw code
    (``Code``) pass through."""
    def render(value: object) -> str:
        if isinstance(value, Code):
            return value.source
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return repr(value)
        if isinstance(value, list | tuple):
            inner = ", ".join(render(v) for v in value)
            return f"({inner}{',' if len(value) == 1 else ''})"
        return literal(value)

    rendered = [render(a) for a in args] + [f"{k.replace('_', '-')}: {render(v)}" for k, v in kwargs.items()]
    return f"#{function}({', '.join(rendered)})"


class Code:
    """Raw Typst code (a content block, a length) passed through ``call`` unquoted; only built from literals."""

    def __init__(self, source: str) -> None:
        self.source = source

    @staticmethod
    def block(lines: Iterable[str]) -> Code:
        """A content block ``[...]`` holding calls made by ``call``."""
        return Code("[\n" + "\n".join(lines) + "\n]")


def font_dir() -> Path:
    """The folder holding Noto Sans SC and Noto Serif SC (the wheel installs both side by side)."""
    import pylopdf_fonts_zh_cn

    sans, serif = Path(pylopdf_fonts_zh_cn.sans_path()), Path(pylopdf_fonts_zh_cn.serif_path())
    for path in (sans, serif):
        if not path.is_file():
            raise FileNotFoundError(
                f"The CJK font {path} is missing: reinstall it with `pip install pylopdf-fonts-zh-cn`."
            )
    if sans.parent != serif.parent:
        raise FileNotFoundError(f"Expected both Noto fonts in one folder, found {sans.parent} and {serif.parent}")
    return sans.parent


def compile_pdf(source: str, output: Path) -> Path:
    """Typeset ``source`` to ``output`` with the packaged fonts only; a Typst error names the handout."""
    import typst

    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        _, warnings = typst.compile_with_warnings(
            source.encode("utf-8"), output=str(output), font_paths=[str(font_dir())], ignore_system_fonts=True,
        )
    except typst.TypstError as error:
        raise RuntimeError(f"Typst could not typeset {output.name}: {error}") from error
    problems = [str(w) for w in warnings or []]
    if problems:
        # A missing glyph or font is a warning in Typst; in a handout it is a wrong print, so it is an error here.
        raise RuntimeError(f"Typst warned while typesetting {output.name}: {'; '.join(problems)}")
    return output


PREAMBLE = r"""
#let serif = "@SERIF@"
#let sans = "@SANS@"
#let grey = luma(90)
#let rule-colour = luma(150)
// GB/T 9704: top margin 37 mm, left 28 mm, type area 156 mm x 225 mm; the one-page sheets use a tighter frame.
#let gb-margin = (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm)
#let compact-margin = (top: 22mm, bottom: 22mm, left: 22mm, right: 20mm)
#let setup(lang: "zh", size: @BODY@pt, header-text: "", footer-text: "", margin: gb-margin, doc) = {
  // No date in the metadata: the same input gives the same bytes on every build.
  set document(date: none)
  set page(
    paper: "a4",
    margin: margin,
    header: context {
      set text(font: sans, size: 9pt, fill: grey)
      header-text
      h(1fr)
      footer-text
    },
    footer: context {
      set align(center)
      set text(font: serif, size: 14pt)
      [— #counter(page).display() —]
    },
  )
  // No hyphenation: a word split at a line end would not be found by a reader searching the PDF.
  set text(font: (serif,), size: size, lang: lang, region: if lang == "zh" { "cn" } else { "gb" }, hyphenate: false)
  set par(justify: true, leading: 0.75em, spacing: 0.9em)
  // The CJK fonts set curly quotes full width; beside Latin letters (English quotations, apostrophes) take the
  // proportional forms, and leave Chinese quotations as they are.
  show regex("[\p{Latin}\d,.;:!?)\]][”’]|[“‘][\p{Latin}\d(\[]"): set text(features: ("pwid",))
  show heading: set text(font: sans, weight: "regular")
  show heading.where(level: 1): set text(size: 22pt)
  show heading.where(level: 1): set align(center)
  show heading.where(level: 2): set text(size: 16pt)
  show heading.where(level: 2): it => block(above: 1.2em, below: 0.8em, it)
  show heading.where(level: 3): set text(size: 13pt)
  doc
}
#let title(main, sub: "") = {
  align(center, text(font: sans, size: 22pt, main))
  if sub != "" { align(center, text(font: sans, size: 13pt, fill: grey, sub)) }
  v(0.6em)
}
#let note(body) = block(
  width: 100%, inset: 8pt, stroke: 0.6pt + rule-colour, radius: 2pt,
  text(font: sans, size: 10pt, body),
)
#let warning(body) = block(
  width: 100%, inset: 8pt, stroke: 1.2pt + rgb("#b00000"), text(font: sans, size: 13pt, fill: rgb("#b00000"), body),
)
#let small(body) = text(size: 10pt, fill: grey, body)
#let label-text(body) = text(font: sans, body)
#let ruled(n, pitch: 10mm) = {
  for i in range(n) {
    v(pitch - 0.6pt, weak: false)
    line(length: 100%, stroke: 0.6pt + rule-colour)
  }
}
// the outline tree: a part with its items hanging from a rule
#let en(body) = text(lang: "en", region: none, body)
// English in a narrow column beside Chinese: ragged right, since justified English there opens wide gaps.
#let en-column(body) = { set par(justify: false); en(body) }
#let tree-root(zh, en-text, by: "") = block(width: 100%, inset: (bottom: 8pt), stroke: (bottom: 1pt + black))[
  #set align(center)
  #set par(justify: false, spacing: 0.5em)
  #text(font: sans, size: 20pt, zh)

  #text(size: 12pt, fill: grey, en(en-text))

  #if by != "" { text(size: 11pt, by) }
]
#let tree-part(marker, zh, en-text, items) = block(breakable: false, above: 12pt, below: 0pt)[
  #text(font: sans, size: 15pt)[#marker#zh]
  #if en-text != "" [ \ #text(size: 11pt, fill: grey, en(en-text))]
  #if items != none {
    pad(left: 5mm, top: 2pt, block(stroke: (left: 0.8pt + rule-colour), inset: (left: 0pt, y: 2pt), items))
  }
]
// Without English the Chinese headline takes the English column too, so a long headline is not squeezed.
#let tree-item(id, marker, zh, en-text) = grid(
  columns: (4mm, 9mm, 13mm, 40mm, 1fr), column-gutter: 1.5mm, align: horizon, inset: (y: 2.6pt),
  line(length: 4mm, stroke: 0.8pt + rule-colour), text(size: 9pt, fill: grey, id),
  text(font: sans, size: 12pt, marker),
  ..if en-text == "" { (grid.cell(colspan: 2, text(size: 14pt, zh)),) }
    else { (text(size: 14pt, zh), text(size: 12pt, en(en-text))) },
)
// One flowing paragraph per term (not a table), so a note wraps as prose and reads in order in any PDF reader.
#let gloss(zh, pinyin, en-text, note) = block(above: 0.7em, below: 0pt, breakable: false)[
  #set par(justify: false, hanging-indent: 2em)
  #text(font: sans, size: 12pt, zh)#h(0.6em)#text(size: 10pt, fill: grey, pinyin)#h(0.6em)#text(size: 11pt, en(en-text))
  #if note != "" [#h(0.3em)#text(size: 10pt, fill: grey, "—")#h(0.3em)#text(size: 10pt, note)]
]
// the parallel text: one row per sentence, never split over two pages (a reader keeps zh and en in one view)
#let pair(num, zh, en-text, missing: false, heading: false) = block(breakable: false, above: 5pt, below: 5pt, grid(
  columns: (6mm, 1fr, 1fr), column-gutter: 4mm, inset: (y: 3pt),
  text(size: 8pt, fill: grey, num),
  if heading { text(font: sans, size: 12pt, zh) } else { text(size: 12pt, zh) },
  if missing { text(font: sans, size: 9pt, fill: grey, en-text) }
  else if heading { text(font: sans, size: 11pt, en-column(en-text)) } else { text(size: 11pt, en-column(en-text)) },
))
#let pair-gap() = v(5pt)
#let zh-par(body, heading: false) = if heading {
  block(above: 1.1em, below: 0.7em, text(font: sans, body))
} else {
  par(first-line-indent: (amount: 2em, all: true), body)
}
// questions, answers and the record sheet
#let question(id, meta, body, original: "", lines: 5) = block(breakable: false, above: 1.3em, width: 100%)[
  #text(font: sans, id) #h(0.6em) #small(meta)
  #v(-0.3em)
  #body
  #if original != "" { v(-0.3em); small(original) }
  #ruled(lines)
]
#let entry(id, meta, body) = block(above: 1.4em, below: 0.6em, breakable: true, width: 100%)[
  #block(below: 0.5em, sticky: true)[#text(font: sans, size: 12pt, id) #h(0.6em) #small(meta)]
  #body
]
#let field(name, body) = block(above: 0.55em, below: 0pt)[#text(font: sans, fill: grey, size: 0.9em, name + ":") #body]
#let quote-box(body) = block(
  above: 0.55em, width: 100%, inset: (left: 8pt, y: 4pt), stroke: (left: 2pt + rule-colour), body,
)
// Rows of the form touch, so the sheet reads as one ruled form.
#let form-row(cells, height) = block(above: 0pt, below: 0pt, grid(
  columns: cells.map(c => 1fr), stroke: 0.6pt + black, inset: 6pt,
  ..cells.map(c => box(height: height, width: 100%, text(font: sans, size: 11pt, c))),
))
// A quote keeps its label on the same page.
#let evidence(name, quote) = block(breakable: false, above: 0.55em, below: 0pt)[
  #text(font: sans, fill: grey, size: 0.9em, name + ":")
  #quote-box(quote)
]
#let form-table(header, n, height) = table(
  columns: header.map(c => 1fr), stroke: 0.6pt + black, inset: 6pt,
  ..header.map(c => text(font: sans, size: 11pt, c)),
  ..range(n * header.len()).map(i => box(height: height)),
)
#let blanks(..labels) = grid(
  columns: labels.pos().map(l => (auto, 1fr)).flatten(), column-gutter: 2mm, align: bottom,
  ..labels.pos().map(l => (text(font: sans, l + ":"), line(length: 100%, stroke: 0.6pt))).flatten(),
)
""".replace("@SERIF@", SERIF).replace("@SANS@", SANS).replace("@BODY@", str(BODY_PT))


def document(lines: Iterable[str], *, lang: str, size: int, header: str = "", footer: str = "",
             compact: bool = False) -> str:
    """A whole Typst document: the preamble, the page setup, then ``lines`` (each made by ``call``).

    ``compact`` trades the GB/T 9704 margins for a tighter frame, for sheets that must fit one page.
    """
    body = "\n".join(lines)
    margin = "compact-margin" if compact else "gb-margin"
    setup = f"#show: setup.with(lang: {literal(lang)}, size: {size}pt, header-text: {literal(header)}, " \
            f"footer-text: {literal(footer)}, margin: {margin})"
    return f"{PREAMBLE}\n{setup}\n{body}\n"
