"""Response store for the group-discussion exercises: one SQLite file shared by every kernel in the room.

Why SQLite: during a class many notebooks (kernels, processes) submit at once. WAL journaling plus a busy
timeout lets them all write without losing a row, and one transaction per submission means a crashed kernel
never leaves half a row behind. Text is stored verbatim; escape it with :func:`safe_html` for display.
A file that is not ours (another program's database, a stray text file) is refused and never written to.

An answer's identity is who gave it, in which group, to which exercise and item, what it says and when: a
UNIQUE index on those six columns makes an import one indexed lookup per row and makes importing the same file
twice harmless. Stores made before that index existed get it when first opened (the file format is otherwise
unchanged, so older versions of this package still read and write it).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import runpy
import secrets
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from office_roles.errors import MissingNameError, Phrase, StoreError  # noqa: F401 (MissingNameError: importable from here)
from office_roles.settings import is_server_url, settings
from office_roles.store_csv import ImportReport, import_rows, write_export
from office_roles.store_fields import (  # noqa: F401 (MissingNameError, safe_html: importable from here)
    APP_ID,
    COLUMNS,
    LIMITS,
    MISSING_NAME_MESSAGE,
    SCHEMA_VERSION,
    _clean_fields,
    _encode_answer,
    _one_microsecond_later,
    _utc_now,
    pseudonym,
    responses_frame,
    safe_html,
    where_filters,
)

if TYPE_CHECKING:
    import pandas as pd

BUSY_TIMEOUT_S = 30.0  # how long a writer waits for another kernel's transaction before giving up
IMPORT_BATCH_ROWS = 1000  # rows per import transaction: the write lock is held for milliseconds, not the file

_SQLITE_MAGIC = b"SQLite format 3\x00"
_IDENTITY_INDEX = "responses_identity"
_CREATE_IDENTITY = (f'CREATE UNIQUE INDEX {_IDENTITY_INDEX} ON responses '
                    '(participant, "group", exercise, item, answer, submitted_at)')
_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    'CREATE TABLE responses (id INTEGER PRIMARY KEY, participant TEXT NOT NULL, "group" TEXT NOT NULL, '
    "exercise TEXT NOT NULL, item TEXT NOT NULL, answer TEXT NOT NULL, submitted_at TEXT NOT NULL)",
    'CREATE INDEX responses_by_exercise ON responses (exercise, "group")',
    _CREATE_IDENTITY,  # also serves look-ups by participant (the first version had an index for that alone)
)
_DATA_COLUMNS = '"participant", "group", "exercise", "item", "answer", "submitted_at"'
_INSERT = f"INSERT INTO responses ({_DATA_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
# Imported rows, one lookup in the identity index each: a row that says when it was submitted is new unless
# that exact submission is stored (the conflict clause seeks all six columns); a row without a time is new unless
# the same answer from the same person to the same item is stored at any time.
_IMPORT_UNTIMED = (
    f"INSERT INTO responses ({_DATA_COLUMNS}) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS ("
    'SELECT 1 FROM responses WHERE participant = ?1 AND "group" = ?2 AND exercise = ?3 AND item = ?4 '
    "AND answer = ?5)"
)
_SELECT = f"SELECT id, {_DATA_COLUMNS} FROM responses"


def _is_access_error(exc: sqlite3.Error) -> bool:
    """SQLite's codes for "cannot open / cannot write" (the names exist from Python 3.11; else the message)."""
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")) or (
        not name and ("readonly" in str(exc) or "unable to open" in str(exc)))


def _access_problem(path: Path) -> Phrase | None:
    """Say precisely why this account cannot use the store, or None if files and folder are accessible.

    WAL keeps two helper files beside the store (``-wal``, ``-shm``) and has to create them, so a store that is
    itself writable still fails in a read-only folder; SQLite only reports that as a failed open or a read-only
    database, which reads like damage.
    """
    folder = path.parent
    helpers = f"{path.name}-wal and {path.name}-shm"
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        return Phrase("err_store_folder_ro", path=str(path), folder=str(folder), helpers=helpers)
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return Phrase("err_store_read_only", path=str(path))
    return None


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
        raise StoreError.keyed("err_store_foreign", path=str(path))
    if version != SCHEMA_VERSION:
        newer = Phrase("err_store_newer" if version > SCHEMA_VERSION else "err_store_unknown")
        raise StoreError.keyed("err_store_version", path=str(path), newer=newer, version=version, ours=SCHEMA_VERSION)
    return True


def _check_existing(path: Path) -> None:
    """Look at an existing file read-only, so a file that is not ours is never modified."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise _store_error(_access_problem(path) or Phrase("err_store_unreadable", path=str(path),
                                                           reason=str(exc.strerror))) from None
    if head != _SQLITE_MAGIC:
        raise StoreError.keyed("err_store_not_sqlite", path=str(path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            _inspect(conn, path)
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        # the check could not even run: an access problem is the likelier cause than damage, and it is fixable
        verdict = str(exc)
        problem = _access_problem(path)
        if problem:
            raise _store_error(problem) from None
    if verdict != "ok":
        raise StoreError.keyed("err_store_damaged", path=str(path), reason=str(verdict))


def _store_error(problem: Phrase) -> StoreError:
    """A refusal already phrased (``_access_problem``), as an error that can still be said in either language."""
    return StoreError.keyed("err_as_is", problem=problem)


def _make_folder(folder: Path, what: Phrase) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError.keyed("err_store_no_folder", folder=str(folder), what=what,
                               reason=str(exc.strerror or exc)) from None


class ResponseStore:
    """Append-only store of exercise responses; safe to use from several kernels at once.

    ``ResponseStore(path)`` opens an SQLite file; ``ResponseStore("postgresql://…")`` (or a URL in
    ``OFFICE_ROLES_STORE``) gives a :class:`~office_roles.store_postgres.PostgresStore` with the same methods.
    """

    def __new__(cls, path: str | Path | None = None) -> Any:
        target = settings.store_path if path is None else path
        if cls is ResponseStore and is_server_url(target):
            from office_roles.store_postgres import PostgresStore

            return PostgresStore(str(target))
        return super().__new__(cls)

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(settings.store_path if path is None else path).expanduser()
        try:
            is_dir = self.path.is_dir()
            existing = self.path.exists() and self.path.stat().st_size > 0
        except OSError as exc:
            raise StoreError.keyed("err_store_unreachable", path=str(self.path), reason=str(exc.strerror or exc)
                                   ) from None
        if is_dir:
            raise StoreError.keyed("err_store_is_folder", path=str(self.path))
        if existing:
            _check_existing(self.path)
        _make_folder(self.path.parent, Phrase("err_store_what"))
        try:
            self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise _store_error(_access_problem(self.path) or Phrase("err_store_open", path=str(self.path),
                                                                    reason=str(exc))) from exc
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
            self._add_identity_index()
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, sqlite3.Error):
                raise _store_error(_access_problem(self.path) or Phrase("err_store_open", path=str(self.path),
                                                                        reason=str(exc))) from exc
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

    def _has_identity_index(self) -> bool:
        query = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?"
        return self._conn.execute(query, (_IDENTITY_INDEX,)).fetchone() is not None

    def _add_identity_index(self) -> None:
        """Give a store made before the identity index existed its index, keeping every row.

        Two rows identical in all six columns (possible only where the clock is coarse) would block a UNIQUE
        index, so each later copy is moved one microsecond later: it stays, as a separate submission.
        """
        if self._has_identity_index():
            return
        with self._transaction():
            if self._has_identity_index():  # another kernel added it meanwhile
                return
            twins = self._conn.execute(
                f'SELECT group_concat(id) FROM responses GROUP BY {_DATA_COLUMNS} HAVING count(*) > 1'
            ).fetchall()
            for (ids,) in twins:
                for row_id in sorted(int(i) for i in ids.split(","))[1:]:
                    row = self._conn.execute(f"SELECT {_DATA_COLUMNS} FROM responses WHERE id = ?",
                                             (row_id,)).fetchone()
                    stamp = _one_microsecond_later(row[5])
                    while self._conn.execute(
                        f"SELECT 1 FROM responses WHERE ({_DATA_COLUMNS}) = (?, ?, ?, ?, ?, ?)", (*row[:5], stamp)
                    ).fetchone():
                        stamp = _one_microsecond_later(stamp)
                    self._conn.execute("UPDATE responses SET submitted_at = ? WHERE id = ?", (stamp, row_id))
            self._conn.execute(_CREATE_IDENTITY)

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
            problem = _access_problem(self.path) if _is_access_error(exc) else None
            if problem:
                raise StoreError.keyed("err_store_not_saved", problem=problem) from exc
            raise StoreError.keyed("err_store_write", path=str(self.path), reason=str(exc)) from exc

    def submit(self, participant: str, group: str, exercise: str, answer: dict | str | list,
               item: str = "") -> int:
        """Save one answer in its own transaction and return its row id; the store stamps the UTC time.

        The answer must fit its exercise's shape (:mod:`office_roles.answers`), so what the group views read
        back is always what they expect.
        """
        fields = _clean_fields(participant, group, exercise, item)
        row = (*fields, _encode_answer(answer, fields[2]), _utc_now())
        with self._transaction():
            # the same answer twice within one clock tick (coarse clocks): store it a microsecond later
            while (cursor := self._conn.execute(_INSERT, row)).rowcount == 0:
                row = (*row[:5], _one_microsecond_later(row[5]))
            row_id = cursor.lastrowid
        return int(row_id or 0)

    def _select(self, exercise: str | None, group: str | None) -> list[tuple[Any, ...]]:
        where, params = where_filters(exercise, group, "?")
        return self._conn.execute(f"{_SELECT}{where} ORDER BY id", params).fetchall()

    def responses(self, exercise: str | None = None, group: str | None = None) -> pd.DataFrame:
        """All responses in submission order, optionally for one exercise and/or group; answers decoded."""
        return responses_frame(self._select(exercise, group))

    def group_responses(self, exercise: str, group: str | None = None) -> pd.DataFrame:
        """What the group views read: the group's answers with every name replaced by a :func:`pseudonym`.

        On PostgreSQL this is all a learner's connection can read of the others; here the same frame is made
        from the file, so a group view looks the same on both engines.
        """
        salt = secrets.token_hex(16)
        rows = [(row[0], pseudonym(salt, row[1]), *row[2:]) for row in self._select(exercise, group)]
        return responses_frame(rows)

    def export_csv(self, path: str | Path) -> Path:
        """Write all responses to a UTF-8 CSV with BOM (so Excel shows Chinese); answers stay JSON text.

        Returns the path written: a name too long for the file system is shortened (its start kept, a short
        hash of the whole name added). Cells a spreadsheet would run as a formula get a leading ``'`` that
        :meth:`import_csv` removes again. Each export writes its own temporary file and renames it into place,
        so readers, and other exports of the same file, never see a half-written export.
        """
        return write_export(Path(path), self.rows())

    def rows(self) -> list[tuple[Any, ...]]:
        """Every stored row in :data:`COLUMNS` order, oldest first, answers as stored (JSON text)."""
        return self._conn.execute(f"{_SELECT} ORDER BY id").fetchall()

    def import_csv(self, path_or_bytes: str | Path | bytes, *, filename: str = "upload.csv",
                   max_bytes: int = 1_000_000, batch_rows: int = IMPORT_BATCH_ROWS) -> ImportReport:
        """Add the rows of a CSV (an export, an upload widget's bytes); return an :class:`ImportReport`.

        A file that cannot be read as a whole (wrong type, too big, not text, no header) is refused with a
        StoreError and nothing is written. Otherwise each row is checked on its own: a row that fails (an empty
        name, an answer of the wrong shape for its exercise, an impossible time) is skipped and reported by
        file, row and field, and the other rows are imported. Rows already in the store are skipped, also rows
        without a ``submitted_at`` (then the same answer from the same person counts as present), so importing
        a file twice is harmless. Rows are written in batches of ``batch_rows``, each its own short transaction,
        so learners can keep submitting during a large import; an interrupted import can simply be repeated.
        """
        def insert(batch: list[tuple[object, ...]]) -> int:
            with self._transaction():
                return sum(self._conn.executemany(_IMPORT_UNTIMED if untimed else _INSERT,
                                                  [row[:6] for row in run]).rowcount
                           for untimed, run in itertools.groupby(batch, key=lambda row: row[6]))

        # After each batch the interpreter goes to a thread of this kernel that is waiting to submit: the next
        # batch is checked outside the lock, so other kernels waiting to submit find it free.
        return import_rows(path_or_bytes, filename, max_bytes, batch_rows, insert, pause=lambda: time.sleep(0))


if __name__ == "__main__":  # python -m office_roles.store: the command line lives in its own room
    runpy.run_module("office_roles.store_cli", run_name="__main__")
