"""Response store for the group-discussion exercises: one SQLite file shared by every kernel in the room.

Why SQLite: during a class many notebooks (kernels, processes) submit at once. WAL journaling plus a busy
timeout lets them all write without losing a row, and one transaction per submission means a crashed kernel
never leaves half a row behind. Text is stored verbatim; escape it with :func:`safe_html` for display.
A file that is not ours (another program's database, a stray text file) is refused and never written to.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from office_roles.errors import MissingNameError, StoreError
from office_roles.settings import settings

if TYPE_CHECKING:
    import pandas as pd

APP_ID = "office-roles"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0  # how long a writer waits for another kernel's transaction before giving up
COLUMNS = ("id", "participant", "group", "exercise", "item", "answer", "submitted_at")
LIMITS = {"participant": 80, "group": 80, "exercise": 200, "item": 200, "answer": 20_000}
REQUIRED_CSV_COLUMNS = ("participant", "exercise", "answer")
MISSING_NAME_MESSAGE = "Please type your name before submitting / 请先填写姓名"

_SQLITE_MAGIC = b"SQLite format 3\x00"
_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    'CREATE TABLE responses (id INTEGER PRIMARY KEY, participant TEXT NOT NULL, "group" TEXT NOT NULL, '
    "exercise TEXT NOT NULL, item TEXT NOT NULL, answer TEXT NOT NULL, submitted_at TEXT NOT NULL)",
    'CREATE INDEX responses_by_exercise ON responses (exercise, "group")',
    "CREATE INDEX responses_by_participant ON responses (participant, exercise)",
)
_DATA_COLUMNS = '"participant", "group", "exercise", "item", "answer", "submitted_at"'
_INSERT = f"INSERT INTO responses ({_DATA_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"
_EXISTS = (
    'SELECT 1 FROM responses WHERE participant = ? AND "group" = ? AND exercise = ? AND item = ? '
    "AND answer = ? AND submitted_at = ? LIMIT 1"
)
_SELECT = f"SELECT id, {_DATA_COLUMNS} FROM responses"




def safe_html(text: str) -> str:
    """Escape text for an HTML widget: answers are stored verbatim, so escaping happens at display time."""
    return html.escape(str(text), quote=True)


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _text(value: object, field: str) -> str:
    """Strip one text field and enforce its length limit, naming the field in the error."""
    text = "" if value is None else str(value).strip()
    if len(text) > LIMITS[field]:
        raise StoreError(f"{field} is too long ({len(text):,} characters; the limit is {LIMITS[field]:,})",
                         field)
    return text


def _clean_fields(participant: object, group: object, exercise: object, item: object) -> tuple[str, ...]:
    name = _text(participant, "participant")
    if not name:
        raise MissingNameError(MISSING_NAME_MESSAGE, "participant")
    exercise_id = _text(exercise, "exercise")
    if not exercise_id:
        raise StoreError("exercise is empty: every response must say which exercise it answers", "exercise")
    return name, _text(group, "group"), exercise_id, _text(item, "item")


def _encode_answer(answer: Any) -> str:
    try:
        text = json.dumps(answer, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"answer cannot be stored as JSON ({exc})", "answer") from None
    if len(text) > LIMITS["answer"]:
        raise StoreError(f"answer is too long ({len(text):,} characters; the limit is {LIMITS['answer']:,})",
                         "answer")
    return text


def _inspect(conn: sqlite3.Connection, path: Path) -> bool:
    """True if the database is an office-roles store, False if it is empty; refuse anything else.

    The reads share one snapshot, so a store another kernel is creating right now is never seen half-made.
    """
    own_snapshot = not conn.in_transaction
    if own_snapshot:
        conn.execute("BEGIN")
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app = None
        if "meta" in tables:
            with contextlib.suppress(sqlite3.OperationalError):  # a 'meta' table of some other shape
                app = (conn.execute("SELECT value FROM meta WHERE key = 'app'").fetchone() or [None])[0]
    finally:
        if own_snapshot:
            conn.execute("ROLLBACK")
    if not tables and version == 0:
        return False
    if app != APP_ID or "responses" not in tables:
        raise StoreError(f"{path} is an SQLite database of another application, not an office-roles response "
                         "store; it was left untouched. Choose another file.")
    if version != SCHEMA_VERSION:
        newer = "a newer" if version > SCHEMA_VERSION else "an unknown"
        raise StoreError(f"{path} uses {newer} store format (version {version}; this package reads version "
                         f"{SCHEMA_VERSION}); it was left untouched. Update the office_roles package.")
    return True


def _check_existing(path: Path) -> None:
    """Look at an existing file read-only, so a file that is not ours is never modified."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{path} cannot be read ({exc.strerror})") from None
    if head != _SQLITE_MAGIC:
        raise StoreError(f"{path} is not an SQLite database, so it cannot be a response store; "
                         "it was left untouched. Choose another file.")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            _inspect(conn, path)
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        verdict = str(exc)
    if verdict != "ok":
        raise StoreError(f"{path} is damaged or unreadable ({verdict}); it was left untouched. "
                         "Restore it from a CSV export or choose another file.")


class ResponseStore:
    """Append-only store of exercise responses; safe to use from several kernels at once."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(settings.store_path if path is None else path).expanduser()
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a response store file")
        if self.path.exists() and self.path.stat().st_size > 0:
            _check_existing(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            self._conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: survives a killed kernel
            if not _inspect(self._conn, self.path):
                self._conn.execute("PRAGMA journal_mode = WAL")
                with self._transaction():
                    if not _inspect(self._conn, self.path):  # another kernel may have created it meanwhile
                        for statement in _SCHEMA:
                            self._conn.execute(statement)
                        self._conn.execute("INSERT INTO meta VALUES ('app', ?)", (APP_ID,))
                        self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"{self.path} could not be opened as a response store ({exc})") from exc
            raise

    def __repr__(self) -> str:
        return f"ResponseStore({str(self.path)!r})"

    def __enter__(self) -> ResponseStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the file; safe to call twice."""
        self._conn.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE takes the write lock up front, so concurrent writers queue instead of failing."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            message = f"could not write to {self.path} ({exc}); nothing was saved, please try again"
            raise StoreError(message) from exc

    def submit(self, participant: str, group: str, exercise: str, answer: dict | str | list,
               item: str = "") -> int:
        """Save one answer in its own transaction and return its row id; the store stamps the UTC time."""
        row = (*_clean_fields(participant, group, exercise, item), _encode_answer(answer), _utc_now())
        with self._transaction():
            row_id = self._conn.execute(_INSERT, row).lastrowid
        return int(row_id or 0)

    def responses(self, exercise: str | None = None, group: str | None = None) -> pd.DataFrame:
        """All responses in submission order, optionally for one exercise and/or group; answers decoded."""
        import pandas as pd  # imported here so worker processes that only submit start quickly

        filters = {"exercise": exercise, '"group"': group}
        clauses = [(f"{column} = ?", str(value).strip()) for column, value in filters.items()
                   if value is not None]
        where = " WHERE " + " AND ".join(clause for clause, _ in clauses) if clauses else ""
        rows = self._conn.execute(f"{_SELECT}{where} ORDER BY id", [value for _, value in clauses]).fetchall()
        frame = pd.DataFrame(rows, columns=list(COLUMNS)).astype({"id": "int64"})
        frame["answer"] = pd.Series([json.loads(a) for a in frame["answer"]], index=frame.index, dtype=object)
        return frame

    def export_csv(self, path: str | Path) -> Path:
        """Write all responses to a UTF-8 CSV with BOM (so Excel shows Chinese); answers stay JSON text."""
        target = Path(path).expanduser()
        target.parent.mkdir(parents=True, exist_ok=True)
        rows = self._conn.execute(f"{_SELECT} ORDER BY id").fetchall()
        partial = target.with_name(target.name + ".partial")
        with partial.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            writer.writerows(rows)
        os.replace(partial, target)  # readers never see a half-written export
        return target

    def import_csv(self, path_or_bytes: str | Path | bytes, *, filename: str = "upload.csv",
                   max_bytes: int = 1_000_000) -> int:
        """Add the rows of a CSV (an export, an upload widget's bytes) all-or-nothing; return rows added.

        Every row is validated before anything is written, and rows already in the store are skipped, so
        importing the same file twice is harmless.
        """
        name, data = _read_upload(path_or_bytes, filename, max_bytes)
        rows = _rows_from_csv(_decode(data, name), name)
        added = 0
        with self._transaction():
            for row in rows:
                if self._conn.execute(_EXISTS, row).fetchone() is None:
                    self._conn.execute(_INSERT, row)
                    added += 1
        return added


def _read_upload(source: str | Path | bytes, filename: str, max_bytes: int) -> tuple[str, bytes]:
    """Check type and size before reading, so a wrong or huge upload is refused cheaply."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        _check_upload(filename, len(source), max_bytes)
        return filename, bytes(source)
    path = Path(source).expanduser()
    _check_upload(path.name, 0, max_bytes)  # refuse a wrong extension before touching the file
    try:
        _check_upload(path.name, path.stat().st_size, max_bytes)
        return path.name, path.read_bytes()
    except OSError as exc:
        raise StoreError(f"{path.name}: the file cannot be read ({exc.strerror})") from None


def _check_upload(name: str, size: int, max_bytes: int) -> None:
    if not name.lower().endswith(".csv"):
        raise StoreError(f"{name}: only .csv files can be imported; save the sheet as CSV first")
    if size > max_bytes:
        raise StoreError(f"{name}: the file is {size:,} bytes; the limit is {max_bytes:,} bytes")


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) first, then GBK, which Chinese Excel uses for plain 'CSV'."""
    if b"\x00" in data:
        raise StoreError(f"{name}: this is a binary file, not CSV text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gbk")
    except UnicodeDecodeError:
        raise StoreError(f"{name}: the text is neither UTF-8 nor GBK (first bad byte at position "
                         f"{utf8_error.start}); save it as 'CSV UTF-8' and try again") from None


def _rows_from_csv(text: str, name: str) -> list[tuple[str, ...]]:
    """Validate every row; errors name the file, the spreadsheet row (header = row 1) and the field."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    try:
        records.extend(reader)
    except csv.Error as exc:
        raise StoreError(f"{name}, row {len(records) + 1}: the CSV cannot be read ({exc})") from None
    if not records:
        raise StoreError(f"{name}: the file is empty")
    header = [cell.strip().lower() for cell in records[0]]
    missing = [column for column in REQUIRED_CSV_COLUMNS if column not in header]
    if missing:
        raise StoreError(f"{name}, row 1 (header): missing column(s) {', '.join(missing)}; needed are "
                         f"{', '.join(REQUIRED_CSV_COLUMNS)}, optional group, item, submitted_at", missing[0])
    index = {column: header.index(column) for column in COLUMNS if column in header}
    rows = []
    for row_no, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank spreadsheet row
        values = {column: record[i] if i < len(record) else "" for column, i in index.items()}
        try:
            if len(record) > len(header):
                raise StoreError(f"{len(record)} cells but the header has only {len(header)} columns")
            fields = _clean_fields(values["participant"], values.get("group"), values["exercise"],
                                   values.get("item"))
            rows.append((*fields, _answer_from_cell(values["answer"]),
                         _timestamp_from_cell(values.get("submitted_at"))))
        except StoreError as exc:
            where = f"{name}, row {row_no}" + (f", field '{exc.field}'" if exc.field else "")
            detail = "the participant name is empty" if isinstance(exc, MissingNameError) else str(exc)
            raise type(exc)(f"{where}: {detail}", exc.field) from None
    return rows


def _answer_from_cell(text: str) -> str:
    """Exports hold JSON; a hand-typed cell that is not JSON is taken as plain text."""
    try:
        value = json.loads(text)
    except ValueError:
        value = text
    return _encode_answer(value)


def _timestamp_from_cell(text: str | None) -> str:
    """Normalise to UTC ISO 8601 (naive times are taken as UTC); an empty cell means 'now'."""
    text = (text or "").strip()
    if not text:
        return _utc_now()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise StoreError(f"'{text[:40]}' is not an ISO 8601 time such as 2024-05-01T09:30:00+00:00",
                         "submitted_at") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")
