"""The study-session record sheet (学习记录), as a one-page PDF to print and as a Word file a group secretary
fills in on screen: date, group, attendance, topic, the key points of the discussion and the follow-ups.

One layout (``RECORD_ROWS``) drives both files, so the printed and the typed record always ask the same things.
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import term
from .typst_source import SMALL_PT, Code, call, document

# Each row: the fields side by side, and the height of the space to write in (in lines of about 9 mm).
RECORD_ROWS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("ho_date", "ho_time", "ho_place"), 1),
    (("group", "ho_facilitator", "ho_recorder"), 1),
    (("ho_expected", "ho_present"), 1),
    (("ho_absent",), 2),
    (("ho_topic",), 2),
    (("ho_questions_discussed",), 2),
    (("ho_key_points",), 7),
)
FOLLOW_UP_COLUMNS = ("ho_action", "ho_owner", "ho_due")
FOLLOW_UP_ROWS = 4
SIGNATURES = ("ho_sign_recorder", "ho_sign_facilitator")
LINE_MM = 8


def record_fields() -> list[str]:
    """Every field key of the sheet, in reading order (what a filled-in record must answer)."""
    keys = [key for row, _ in RECORD_ROWS for key in row]
    return [*keys, "ho_follow_ups", *FOLLOW_UP_COLUMNS, *SIGNATURES]


def _label(key: str, language: str) -> str:
    return term(key, language)


def record_source(language: str, topic: str = "") -> str:
    """Handout (e) as Typst: a ruled form on one A4 page; ``topic`` (the article's title) is printed as a hint
    in the topic box, which stays writable."""
    lines = [call("title", term("ho_record", language))]
    for keys, height in RECORD_ROWS:
        cells = []
        for key in keys:
            hint = f"  {topic}" if key == "ho_topic" and topic else ""
            cells.append(f"{_label(key, language)}:{hint}")
        lines.append(call("form-row", cells, Code(f"{height * LINE_MM}mm")))
    lines.append(call("v", Code("0.8em")))
    lines.append(call("label-text", term("ho_follow_ups", language)))
    header = [_label(k, language) for k in FOLLOW_UP_COLUMNS]
    lines.append(call("form-table", header, FOLLOW_UP_ROWS, Code(f"{LINE_MM}mm")))
    lines.append(call("v", Code("0.8em")))
    lines.append(call("form-row", [f"{_label(k, language)}:" for k in SIGNATURES], Code(f"{LINE_MM}mm")))
    return document(lines, lang=language, size=SMALL_PT, header=term("ho_record", "both"), compact=True)


def write_record_docx(path: Path, language: str, topic: str = "") -> Path:
    """The same form as a .docx: a table per block, labels in the first line of each cell, East Asian text in
    宋体 (SimSun, which Word and WPS have on Chinese systems) with the Latin text in Times New Roman."""
    from docx import Document
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(SMALL_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    doc.core_properties.title = term("ho_record", language)
    doc.core_properties.language = "zh-CN" if language == "zh" else "en-GB"

    heading = doc.add_paragraph()
    heading.alignment = 1  # centred
    run = heading.add_run(term("ho_record", language))
    run.font.size = Pt(22)

    def row_table(cells: list[str], height_mm: float) -> None:
        table = doc.add_table(rows=1, cols=len(cells))
        table.style = "Table Grid"
        row = table.rows[0]
        row.height = Mm(height_mm)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text

    for keys, height in RECORD_ROWS:
        cells = [f"{_label(k, language)}:" + (f" {topic}" if k == "ho_topic" and topic else "") for k in keys]
        row_table(cells, height * LINE_MM)
    doc.add_paragraph(term("ho_follow_ups", language))
    table = doc.add_table(rows=FOLLOW_UP_ROWS + 1, cols=len(FOLLOW_UP_COLUMNS))
    table.style = "Table Grid"
    for cell, key in zip(table.rows[0].cells, FOLLOW_UP_COLUMNS, strict=True):
        cell.text = _label(key, language)
    for row in table.rows[1:]:
        row.height = Mm(LINE_MM)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    doc.add_paragraph()
    row_table([f"{_label(k, language)}:" for k in SIGNATURES], LINE_MM * 1.5)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
