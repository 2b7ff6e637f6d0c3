"""Printable handouts (issue 14): the article with its parallel translation, the one-page outline, the
discussion questions, the instructor's answer key and the study-session record sheet, in Chinese and English.

Typeset with Typst (the ``typst`` PyPI wheel bundles the compiler) in the Noto fonts of ``pylopdf-fonts-zh-cn``:
no browser, no system fonts, no network. ``python -m office_roles.handouts`` or ``make handouts`` writes them.
"""

from .build import EDITIONS, HANDOUTS, RECORD_DOCX, build_handouts
from .record import record_fields, write_record_docx
from .typst_source import literal

__all__ = ["EDITIONS", "HANDOUTS", "RECORD_DOCX", "build_handouts", "literal", "record_fields",
           "write_record_docx"]
