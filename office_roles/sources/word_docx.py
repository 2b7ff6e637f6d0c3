"""Word documents (.docx): the paragraphs and table cells in document order, one per line (python-docx)."""

from __future__ import annotations

import io
import zipfile

from ..errors import ArticleError
from ..registry import READERS

# A .docx is a zip archive: refuse one that would expand to more than this (a "zip bomb", or not an article).
MAX_DOCX_UNPACKED_BYTES = 50_000_000


@READERS.register(".docx")
def read_docx(label: str, content: bytes) -> str:
    """The text of a Word document, or an ``ArticleError`` that says how to get a readable file."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ArticleError(
            f"{label}: this is not a valid .docx file (a .docx is a zip archive; this one cannot be opened). "
            "Save it again from Word or WPS as .docx, or paste the text instead"
        ) from None
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise ArticleError(
            f"{label}: the document unpacks to {unpacked:,} bytes; the limit is {MAX_DOCX_UNPACKED_BYTES:,} bytes"
        )
    from docx import Document  # python-docx, imported only when a Word file arrives

    try:
        document = Document(io.BytesIO(content))
        lines = list(_block_lines(document))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors… on a damaged package
        raise ArticleError(
            f"{label}: cannot read this Word document ({type(error).__name__}: {error}); "
            "save it again from Word or WPS as .docx, or paste the text instead"
        ) from None
    return "\n".join(lines)


def _block_lines(container) -> list[str]:
    """Paragraph texts in document order; a table gives its cells row by row (merged cells once), nested too."""
    from docx.table import Table

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            seen: dict[int, object] = {}  # keeps each cell element alive, so its id is not reused
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen[id(cell._tc)] = cell._tc
                        lines.extend(_block_lines(cell))
        else:
            lines.append(block.text)
    return lines
