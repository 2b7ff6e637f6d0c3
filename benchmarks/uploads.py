"""Reading uploads: .txt decoding and .docx reading at 1×, 10× and 100× the seed article, against references.

    python benchmarks/uploads.py            # Markdown table and summary lines
    python benchmarks/uploads.py --quick    # fewer repetitions

The texts: the seed's clean text repeated k times (one copy per paragraph line, lines joined with newlines).
Measured, each as the best of N runs (N chosen so that a measurement takes about half a second, at least 3):

- txt: ``sources.decode_text`` on the UTF-8 bytes, against the same decoding with the junk rule applied one
  character at a time in Python (``is_junk`` per visible character, the way it was done before);
- docx: ``sources.read_upload`` on a python-docx document of the same lines, against python-docx's own reading
  (``Document`` + paragraphs in order), the way .docx files were read before; and the peak of Python allocations
  (``tracemalloc``) of each, which for python-docx leaves out lxml's tree (allocated in C), so understates it.

The script only reports ratios from one run; it always exits 0.
"""

from __future__ import annotations

import argparse
import io
import time
import tracemalloc
from collections.abc import Callable

from docx import Document

import office_roles as orl
from office_roles import sources
from office_roles.sources import plain_text

SIZES = (1, 10, 100)


def best_of(function: Callable[[], object], budget: float) -> tuple[float, int]:
    """The best time of N runs, N chosen so that the runs take about ``budget`` seconds (at least 3)."""
    start = time.perf_counter()
    function()
    once = time.perf_counter() - start
    runs = max(3, min(200, int(budget / max(once, 1e-6))))
    best = once
    for _ in range(runs - 1):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best, runs


def peak_mb(function: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def decode_per_character(content: bytes) -> str:
    """The junk rule as it was applied before: one Python call per visible character."""
    text = content.decode("utf-8")
    visible = [c for c in text if not c.isspace()]
    junk = sum(map(sources.is_junk, visible))
    if junk / len(visible) > plain_text.MAX_JUNK_SHARE:
        raise ValueError("junk")
    return text


def python_docx_lines(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)


def docx_of(lines: list[str]) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    budget = 0.1 if parser.parse_args().quick else 0.5
    seed = orl.load_article().text
    print("| size | characters | txt ms | per-character ms | txt speed-up | docx ms | python-docx ms | docx speed-up "
          "| docx peak MB (tracemalloc) | python-docx peak MB (tracemalloc) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k in SIZES:
        text = "\n".join([seed] * k)
        content = text.encode("utf-8")
        assert sources.decode_text("a.txt", content) == decode_per_character(content)
        txt, _ = best_of(lambda content=content: sources.decode_text("a.txt", content), budget)
        reference, _ = best_of(lambda content=content: decode_per_character(content), budget)
        docx = docx_of(text.split("\n"))
        assert sources.read_upload("a.docx", docx) == python_docx_lines(docx)
        streamed, _ = best_of(lambda docx=docx: sources.read_upload("a.docx", docx), budget)
        python_docx, _ = best_of(lambda docx=docx: python_docx_lines(docx), budget)
        streamed_mb = peak_mb(lambda docx=docx: sources.read_upload("a.docx", docx))
        python_docx_mb = peak_mb(lambda docx=docx: python_docx_lines(docx))
        print(f"| {k}× | {len(text):,} | {txt * 1e3:.2f} | {reference * 1e3:.2f} | {reference / txt:.1f}× "
              f"| {streamed * 1e3:.1f} | {python_docx * 1e3:.1f} | {python_docx / streamed:.1f}× "
              f"| {streamed_mb:.1f} | {python_docx_mb:.1f} |")


if __name__ == "__main__":
    main()
