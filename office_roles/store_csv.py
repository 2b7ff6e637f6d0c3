"""CSV in and out of the response store: export cells guarded against spreadsheet formulas (and the guard undone
on import), file names any file system takes, uploads read and checked as a whole, then row by row, each
problem reported by file, row and field."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .errors import Phrase, StoreError
from .store_fields import _CONTROL, COLUMNS, LIMITS, NAME_FIELDS, _clean_fields, _encode_answer, _utc_now

REQUIRED_CSV_COLUMNS = ("participant", "exercise", "answer")
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)  # no response can be older than the computers that store it
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell starting with one of these (OWASP)
SHOWN_PROBLEMS = 20  # row problems spelled out in an import message; the report keeps them all
_GUARDED = frozenset((*FORMULA_START, "'"))  # a leading ' before one of these is the export's formula guard
_BINARY_MAGIC = (b"\x89PNG", b"PK\x03\x04", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0")


@dataclass(frozen=True)
class RowProblem:
    """One row an import skipped: the spreadsheet row (header = row 1), the field and what is wrong."""

    file: str
    row: int
    field: str | None
    message: str
    error: Phrase | None = dataclass_field(default=None, compare=False)  # the refusal, said in any language

    def phrase(self) -> Phrase:
        """The problem as a catalogue sentence: file, row, the CSV column as the file names it, what is wrong."""
        problem = self.error or self.message
        if self.field:
            return Phrase("err_row_field", file=self.file, row=self.row, column=self.field, problem=problem)
        return Phrase("err_row", file=self.file, row=self.row, problem=problem)

    def __str__(self) -> str:
        field = f", field '{self.field}'" if self.field else ""
        return f"{self.file}, row {self.row}{field}: {self.message}"




class ImportReport(int):
    """The number of rows added (an ``int``, so ``added += store.import_csv(...)`` keeps counting), with the
    duplicates skipped and every row that was refused, so one bad row never costs the rest of the file."""

    file: str
    rows: int
    duplicates: int
    problems: tuple[RowProblem, ...]

    def __new__(cls, file: str, added: int, rows: int, duplicates: int,
                problems: Iterable[RowProblem] = ()) -> ImportReport:
        report = super().__new__(cls, added)
        report.file, report.rows, report.duplicates = file, rows, duplicates
        report.problems = tuple(problems)
        return report

    @property
    def added(self) -> int:
        return int(self)

    def __repr__(self) -> str:
        return (f"ImportReport(file={self.file!r}, added={self.added}, rows={self.rows}, "
                f"duplicates={self.duplicates}, problems={len(self.problems)})")

    def message(self, language: str | None = None) -> str:
        """One line per refused row (the first few), after a summary: what to show the person importing, in the
        reader's language (``settings.language`` by default; 'both' says each line in Chinese, then English)."""
        from .i18n import message

        lines = [Phrase("err_import_summary", file=self.file, added=self.added, duplicates=self.duplicates,
                        skipped=len(self.problems))]
        lines += [p.phrase() for p in self.problems[:SHOWN_PROBLEMS]]
        if len(self.problems) > SHOWN_PROBLEMS:
            lines.append(Phrase("err_import_more", n=len(self.problems) - SHOWN_PROBLEMS))
        return "\n".join(message(line, language) for line in lines)




def _fit_file_name(path: Path) -> Path:
    """Shorten a file name the file system would refuse as too long, keeping its start and its suffix.

    The limit is in bytes (255 on common file systems): 80 Chinese characters are already 240.
    """
    limit = 255
    with contextlib.suppress(OSError, ValueError, AttributeError):
        existing = next(p for p in [path.parent, *path.parent.parents] if p.exists())
        limit = os.pathconf(existing, "PC_NAME_MAX")
    encoded = path.name.encode("utf-8")
    if len(encoded) <= limit:
        return path
    tag = "-" + hashlib.sha256(encoded).hexdigest()[:10]
    suffix = path.suffix if len(path.suffix.encode("utf-8")) <= 16 else ""
    room = limit - len(tag.encode("utf-8")) - len(suffix.encode("utf-8"))
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    stem = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore")  # never cut a character in half
    return path.with_name(f"{stem}{tag}{suffix}")




def _new_partial_file(target: Path) -> tuple[Path, int]:
    """A temporary file of its own next to the target (so the final rename stays on one file system); the
    name is short, so a long target name cannot make it too long; mode 0666 so the umask decides as usual."""
    while True:
        partial = target.with_name(f".{secrets.token_hex(8)}.export.partial")
        try:
            return partial, os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise StoreError.keyed("err_export_write", target=str(target), reason=str(exc.strerror or exc)) from None




def _export_cell(value: object, name_like: bool) -> object:
    """A cell a spreadsheet shows as text. Names made before control characters were refused may hold one;
    they are written as U+FFFD, because a NUL would make the whole file look binary."""
    if not isinstance(value, str):
        return value
    if name_like:
        value = _CONTROL.sub("\ufffd", value)
    return "'" + value if value.startswith((*FORMULA_START, "'")) else value




def _export_row(row: Sequence[object]) -> list[object]:
    return [_export_cell(value, column in NAME_FIELDS) for column, value in zip(COLUMNS, row, strict=True)]




def _import_cell(text: str) -> str:
    """Undo :func:`_export_cell`'s formula guard, so export → import gives back exactly what was stored."""
    return text[1:] if text[:1] == "'" and text[1:2] in _GUARDED else text




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
        raise StoreError.keyed("err_csv_unreadable", name=path.name, reason=str(exc.strerror)) from None




def _check_upload(name: str, size: int, max_bytes: int) -> None:
    if not name.lower().endswith(".csv"):
        raise StoreError.keyed("err_csv_suffix", name=name)
    if size > max_bytes:
        raise StoreError.keyed("err_csv_too_big", name=name, size=size, limit=max_bytes)




def _looks_binary(data: bytes) -> bool:
    """A known binary signature, or NUL bytes beyond a stray one or two: text has none, images and zips many.

    One NUL inside a cell (a name pasted with it) must not make a whole class's file unreadable.
    """
    return data.startswith(_BINARY_MAGIC) or data.count(b"\x00") > 2 + len(data) // 1000




def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) first, then GBK, which Chinese Excel uses for plain 'CSV'.

    A stray NUL is read as U+FFFD (the replacement character), visible where it was.
    """
    if _looks_binary(data):
        raise StoreError.keyed("err_csv_binary", name=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gbk")
        except UnicodeDecodeError:
            raise StoreError.keyed("err_csv_encoding", name=name, position=utf8_error.start) from None
    return text.replace("\x00", "\ufffd")




def _records(text: str, name: str) -> list[list[str]]:
    """Every record of the file, each cell with its formula guard removed; a broken file is refused whole."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    try:
        records.extend([_import_cell(cell) for cell in record] for record in reader)
    except csv.Error as exc:
        raise StoreError.keyed("err_csv_broken", name=name, row=len(records) + 1, reason=str(exc)) from None
    if not records:
        raise StoreError.keyed("err_file_empty", label=name)
    return records




def _header_index(header_record: list[str], name: str) -> dict[str, int]:
    header = [cell.strip().lower() for cell in header_record]
    missing = [column for column in REQUIRED_CSV_COLUMNS if column not in header]
    if missing:
        raise StoreError.keyed("err_csv_header", missing[0], name=name, missing=", ".join(missing),
                               needed=", ".join(REQUIRED_CSV_COLUMNS))
    index = {column: header.index(column) for column in COLUMNS if column in header}
    index[""] = len(header)  # the header's width, for rows with more cells than columns
    return index




def _row_from_record(record: list[str], index: dict[str, int], seen: dict[tuple[str, ...], Any]
                     ) -> tuple[object, ...]:
    """One data row as the parameters of the import statement; a StoreError names the field at fault.

    ``seen`` remembers names and answers already checked in this import: a class file repeats the same few
    names, exercises and items on every row, and many quiz answers alike.
    """
    width = index[""]
    if len(record) > width:
        raise StoreError.keyed("err_csv_cells", cells=len(record), width=width)
    if len(record) < width:
        record = record + [""] * (width - len(record))
    names = (record[index["participant"]], record[index["group"]] if "group" in index else "",
             record[index["exercise"]], record[index["item"]] if "item" in index else "")
    fields = _remembered(seen, names, lambda: _clean_fields(*names))
    stamp = _timestamp_from_cell(record[index["submitted_at"]]) if "submitted_at" in index else None
    cell = record[index["answer"]]
    answer = _remembered(seen, (fields[2], cell, "answer"), lambda: _answer_from_cell(cell, fields[2]))
    return (*fields, answer, stamp or _utc_now(), stamp is None)




def _remembered(seen: dict[tuple[str, ...], Any], key: tuple[str, ...], compute: Callable[[], Any]) -> Any:
    """``compute()``, or what it gave (or raised) for the same key earlier in this import."""
    if key not in seen:
        try:
            seen[key] = compute()
        except StoreError as exc:
            seen[key] = exc
    found = seen[key]
    if isinstance(found, StoreError):
        again = type(found)(str(found), found.field)
        again.key, again.params = found.key, found.params
        raise again
    return found




def _answer_from_cell(text: str, exercise: str) -> str:
    """Exports hold JSON; a hand-typed cell that is not JSON is taken as plain text."""
    if len(text) > 6 * LIMITS["answer"]:  # even fully \u-escaped, such a cell cannot fit the limit
        raise StoreError.keyed("err_too_long", "answer", field=Phrase("field_answer"), length=len(text),
                               limit=LIMITS["answer"])
    try:
        value = json.loads(text)
    except RecursionError:
        raise StoreError.keyed("err_csv_nested", "answer") from None
    except ValueError:
        value = text
    return _encode_answer(value, exercise)




def _timestamp_from_cell(text: str | None) -> str | None:
    """Normalise to UTC ISO 8601 (naive times are taken as UTC); None for an empty cell (no time given)."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise StoreError.keyed("err_csv_time", "submitted_at", text=text[:40]) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        moment = moment.astimezone(timezone.utc)
    except OverflowError:  # year 1 or 9999 shifted by its UTC offset leaves the calendar
        moment = None
    if moment is None or not EARLIEST <= moment <= datetime.now(timezone.utc) + timedelta(days=366):
        raise StoreError.keyed("err_csv_when", "submitted_at", text=text[:40])
    return moment.isoformat(timespec="microseconds")




# ---------------------------------------------------------------- shared by both engines (SQLite, PostgreSQL)


def write_export(target: Path, rows: Iterable[Sequence[object]]) -> Path:
    """Write rows (in :data:`COLUMNS` order) as a UTF-8 CSV with BOM through a temporary file renamed into place,
    so readers never see half an export; returns the path written (its name shortened if too long)."""
    target = _fit_file_name(Path(target).expanduser())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError.keyed("err_export_folder", folder=str(target.parent), reason=str(exc.strerror or exc)
                               ) from None
    partial, handle = _new_partial_file(target)
    try:
        with open(handle, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            writer.writerows(_export_row(row) for row in rows)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError.keyed("err_export_write", target=str(target), reason=str(exc.strerror or exc)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


# A batch of checked rows, each (participant, group, exercise, item, answer, submitted_at, untimed); the engine
# inserts them in one transaction and returns how many were new.
InsertBatch = Callable[[list[tuple[object, ...]]], int]


def import_rows(source: str | Path | bytes, filename: str, max_bytes: int, batch_rows: int,
                insert_batch: InsertBatch, pause: Callable[[], None] = lambda: None) -> ImportReport:
    """Read, check and insert a CSV batch by batch (see ``ResponseStore.import_csv``): a file that cannot be read
    as a whole is refused; each bad row is reported and skipped; a failed batch says how far the import got."""
    from .errors import MissingNameError

    name, data = _read_upload(source, filename, max_bytes)
    records = _records(_decode(data, name), name)
    index = _header_index(records[0], name)
    added = duplicates = rows = 0
    problems: list[RowProblem] = []
    seen: dict[tuple[str, ...], Any] = {}
    for start in range(1, len(records), batch_rows):
        batch = []
        for row_no, record in enumerate(records[start:start + batch_rows], start=start + 1):
            if not any(cell.strip() for cell in record):
                continue  # blank spreadsheet row
            rows += 1
            try:
                batch.append(_row_from_record(record, index, seen))
            except StoreError as exc:
                if isinstance(exc, MissingNameError):
                    exc = StoreError.keyed("err_row_no_name", exc.field)
                # the key and parameters only: a kept exception would keep its traceback's frames alive
                said = Phrase(exc.key, **exc.params) if exc.key else None
                problems.append(RowProblem(name, row_no, exc.field, str(exc), said))
        if not batch:
            continue
        try:
            inserted = insert_batch(batch)
        except StoreError as exc:
            raise StoreError.keyed("err_csv_batch", name=name, row=start + 1, reason=exc, added=added) from exc
        added += inserted
        duplicates += len(batch) - inserted
        pause()
    return ImportReport(name, added, rows, duplicates, problems)
