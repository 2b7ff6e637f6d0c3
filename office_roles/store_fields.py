"""The fields of a stored answer: who, which group, which exercise and item, and the answer itself — cleaned,
checked and limited the same way whether a learner submits or a file is imported. Every refusal names the field."""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from .answers import AnswerError, check_answer
from .errors import MissingNameError, Phrase, StoreError

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ("id", "participant", "group", "exercise", "item", "answer", "submitted_at")
LIMITS = {"participant": 80, "group": 80, "exercise": 200, "item": 200, "answer": 20_000}
NAME_FIELDS = ("participant", "group", "exercise", "item")
MISSING_NAME_MESSAGE = "Please type your name before submitting / 请先填写姓名"
# Invisible format characters (Unicode Cf) are removed from names: zero-width spaces, bidi controls (U+202E
# shows "张三" as "三张" and can disguise a name), the BOM, soft hyphens. ZWJ/ZWNJ stay: emoji and some scripts
# need them.
_KEEP_FORMAT = {"\u200c", "\u200d"}
# Characters that are letters or symbols to Unicode but print as blank (Hangul fillers, braille blank).
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def safe_html(text: str) -> str:
    """Escape text for an HTML widget: answers are stored verbatim, so escaping happens at display time."""
    return html.escape(str(text), quote=True)




def _visible(text: str) -> bool:
    """At least one character that prints: a letter, digit, punctuation or symbol (not a blank filler)."""
    return any(unicodedata.category(ch)[0] in "LNPS" and ch not in _BLANK_LETTERS for ch in text)




def _text(value: object, field: str) -> str:
    """Normalise one name-like field (strip, drop invisible format characters), refuse control characters and
    enforce the length limit, naming the field in every error."""
    text = "" if value is None else str(value).strip()
    if not text.isprintable():  # the rare case: a control, format or unusual space character somewhere
        bad = _CONTROL.search(text)
        if bad:
            raise StoreError.keyed("err_control_char", field, field=Phrase(f"field_{field}"),
                                   code=f"{ord(bad.group()):04X}", position=bad.start() + 1)
        text = "".join(ch for ch in text if ch in _KEEP_FORMAT or unicodedata.category(ch) != "Cf").strip()
    if len(text) > LIMITS[field]:
        raise StoreError.keyed("err_too_long", field, field=Phrase(f"field_{field}"), length=len(text),
                               limit=LIMITS[field])
    return text if _visible(text) else ""




def _clean_fields(participant: object, group: object, exercise: object, item: object) -> tuple[str, ...]:
    name = _text(participant, "participant")
    if not name:
        error = MissingNameError(MISSING_NAME_MESSAGE, "participant")
        error.key, error.params = "missing_name", {}  # str() keeps both languages, as it always said
        raise error
    exercise_id = _text(exercise, "exercise")
    if not exercise_id:
        raise StoreError.keyed("err_no_exercise", "exercise")
    return name, _text(group, "group"), exercise_id, _text(item, "item")




def _encode_answer(answer: Any, exercise: str) -> str:
    """Check the answer against its exercise's shape, then encode it as JSON within the length limit."""
    try:
        check_answer(exercise, answer)
        text = json.dumps(answer, ensure_ascii=False, allow_nan=False)
    except AnswerError as exc:
        raise StoreError.keyed("err_answer_shape", "answer", reason=str(exc)) from None
    except (TypeError, ValueError, RecursionError) as exc:
        raise StoreError.keyed("err_answer_json", "answer", reason=str(exc)) from None
    if len(text) > LIMITS["answer"]:
        raise StoreError.keyed("err_too_long", "answer", field=Phrase("field_answer"), length=len(text),
                               limit=LIMITS["answer"])
    return text


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


APP_ID = "office-roles"
SCHEMA_VERSION = 1


def pseudonym(salt: str, participant: str) -> str:
    """The name a group view reads instead of a participant's: the same within one read (so answers still
    group by person), unlinkable across reads (a fresh salt each time). PostgreSQL computes the very same value
    (``'p' || substr(md5(salt || participant), 1, 16)``), so both engines give the same group view."""
    return "p" + hashlib.md5((salt + participant).encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def where_filters(exercise: str | None, group: str | None, placeholder: str) -> tuple[str, list[str]]:
    """The ``WHERE`` clause (empty without filters) and its parameters that pick one exercise and/or group, each
    value checked as the field it is; ``placeholder`` is the driver's (``?`` for sqlite3, ``%s`` for psycopg)."""
    filters = {"exercise": exercise, "group": group}
    clauses = [(f'"{field}" = {placeholder}', _text(value, field)) for field, value in filters.items()
               if value is not None]
    where = " WHERE " + " AND ".join(clause for clause, _ in clauses) if clauses else ""
    return where, [value for _, value in clauses]


def responses_frame(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    """Stored rows (:data:`COLUMNS` order) as the frame every exercise view reads, answers decoded."""
    import pandas as pd  # imported here so worker processes that only submit start quickly

    frame = pd.DataFrame(rows, columns=list(COLUMNS)).astype({"id": "int64"})
    frame["answer"] = pd.Series([json.loads(a) for a in frame["answer"]], index=frame.index, dtype=object)
    return frame


def _one_microsecond_later(stamp: str) -> str:
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:  # not ours: keep the text recognisable and make it distinct
        return f"{stamp}+"
    return (moment + timedelta(microseconds=1)).isoformat(timespec="microseconds")
