"""Issue 13, the file-system defects of the response store (D9–D12), and stores made by earlier versions."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

import office_roles as orl
from office_roles import widgets as W
from office_roles.store import ResponseStore, StoreError

NOBODY = 65534
POSIX = hasattr(os, "fork") and sys.platform != "win32"


# --- D9: concurrent exports --------------------------------------------------------------------------------


def test_concurrent_exports_to_one_file_never_share_a_partial_file(tmp_path: Path) -> None:
    """D9: every export wrote 'name.csv.partial': 50 of 120 concurrent exports failed, 4 were half-written."""
    path = tmp_path / "class.sqlite"
    with ResponseStore(path) as seeded:
        for n in range(200):
            seeded.submit(f"p{n}", "G", "notes", "办公厅" * 40)
    target = tmp_path / "exports" / "class.csv"
    errors: list[str] = []
    short_reads: list[int] = []
    done = threading.Event()

    def export() -> None:
        with ResponseStore(path) as own:
            for _ in range(12):
                try:
                    own.export_csv(target)
                except (StoreError, OSError) as error:
                    errors.append(repr(error))

    def read() -> None:
        while not done.is_set():
            try:
                text = target.read_text(encoding="utf-8-sig")
            except FileNotFoundError:
                continue
            rows = len(list(csv.reader(io.StringIO(text))))
            if rows != 201:
                short_reads.append(rows)

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=export) for _ in range(8)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    done.set()
    reader.join()
    assert errors == [] and short_reads == []
    assert sorted(p.name for p in target.parent.iterdir()) == ["class.csv"]  # no temporary file left behind


# --- D10: long group names ---------------------------------------------------------------------------------


def test_a_long_chinese_group_name_exports(tmp_path: Path, store: ResponseStore, monkeypatch) -> None:
    """D10: an 80-character Chinese group name made Export fail with 'File name too long'."""
    monkeypatch.setattr(orl.settings, "facilitator_code", "code")  # exporting named answers is the facilitator's
    session = W.Session(store=store, language="en")
    assert session.unlock("code")
    session.name.value, session.group.value = "Li", "党委办公厅" * 16
    assert session.submit("notes", "x")[0]
    view = W.GroupView(orl.load_article(), session, "en", export_dir=tmp_path / "exports")
    path = view.export()
    assert path is not None and path.exists() and "党委办公厅" in path.name, view.status.value


def test_a_file_name_too_long_for_the_file_system_is_shortened_distinctly(tmp_path: Path, store) -> None:
    store.submit("Li", "G", "notes", "x")
    first = store.export_csv(tmp_path / f"responses-{'𠀀' * 70}甲.csv")  # 4-byte characters: 285 bytes
    second = store.export_csv(tmp_path / f"responses-{'𠀀' * 70}乙.csv")
    assert first != second and first.exists() and second.exists()
    for path in (first, second):
        assert len(path.name.encode()) <= 255 and path.name.startswith("responses-𠀀") and path.suffix == ".csv"


# --- D11 / D12: folders this account cannot write to ------------------------------------------------------


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[tuple[Path, Callable[[Callable[[], object]], str]]]:
    """A folder this test's account cannot write to, and a way to run code as that account.

    Root may write anywhere, so as root the code runs in a forked child that has dropped to 'nobody'
    (the folder stays root's, read-only to others); as any other user the folder is made read-only.
    """
    if not POSIX:
        pytest.skip("POSIX permissions")
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(dir=tmp_path if not as_root else None))
    os.chmod(base, 0o755)  # the child of root must be able to reach it
    folder = base / "locked"
    folder.mkdir()

    def run(action: Callable[[], object]) -> str:
        if not as_root:
            try:
                return repr(action())
            except Exception as error:
                return f"{type(error).__name__}: {error}"
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            try:
                os.close(read_end)
                os.setgid(NOBODY)
                os.setuid(NOBODY)
                try:
                    result = repr(action())
                except Exception as error:
                    result = f"{type(error).__name__}: {error}"
                os.write(write_end, result.encode("utf-8", "replace"))
            finally:
                os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            output = pipe.read().decode("utf-8")
        os.waitpid(pid, 0)
        return output

    def lock() -> None:
        if as_root:
            for path in folder.iterdir():
                os.chown(path, NOBODY, NOBODY)  # the store file is the child's, the folder is not
        else:
            os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)

    run.lock = lock  # type: ignore[attr-defined]
    try:
        yield folder, run
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(base, ignore_errors=True)


def _open(path: Path) -> Callable[[], object]:
    def action() -> object:
        with ResponseStore(path) as opened:
            return opened.submit("Li", "G", "notes", "x")
    return action


def test_a_store_folder_that_cannot_be_created_gives_a_store_error(unwritable) -> None:
    """D11: PermissionError from mkdir reached the learner (mkdir ran before the error translation)."""
    folder, run = unwritable
    run.lock()
    result = run(_open(folder / "sub" / "responses.sqlite"))
    assert result.startswith("StoreError: the folder") and "cannot be created" in result, result
    assert "OFFICE_ROLES_STORE" in result


def test_a_store_under_a_file_gives_a_store_error(tmp_path: Path) -> None:
    """D11, as any user: the 'folder' is a file."""
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match=r"the folder .*notes\.txt.* cannot be created"):
        ResponseStore(tmp_path / "notes.txt" / "responses.sqlite")


def test_a_writable_store_in_a_read_only_folder_is_not_called_damaged(unwritable) -> None:
    """D12: WAL needs -wal/-shm files beside the store; the refusal read 'damaged … Restore it from a CSV'."""
    folder, run = unwritable
    path = folder / "responses.sqlite"
    with ResponseStore(path) as made:
        made.submit("Wang", "G", "notes", "kept")
    before = path.read_bytes()
    run.lock()
    result = run(_open(path))
    assert result.startswith("StoreError:") and "damaged" not in result, result
    assert "folder this account cannot write to" in result and "responses.sqlite-wal" in result
    assert path.read_bytes() == before
    assert run(_open(folder / "new.sqlite")).startswith("StoreError:")  # creating one there: the same message


def test_a_read_only_store_file_is_reported_as_such(unwritable) -> None:
    """D12's sibling: the folder is writable, the file is not; saving says so instead of 'please try again'."""
    folder, run = unwritable
    path = folder / "responses.sqlite"
    ResponseStore(path).close()
    os.chmod(folder, 0o777)  # writable for the child of root too: only the file is read-only
    os.chmod(path, 0o444)
    result = run(_open(path))
    assert result.startswith("StoreError: nothing was saved") and "read-only for this account" in result, result


# --- stores made by earlier versions -----------------------------------------------------------------------


def _first_version_store(path: Path, rows: list[tuple[str, ...]]) -> None:
    """A store as the first version wrote it: the same tables, no identity index, exact twins possible."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        'CREATE TABLE responses (id INTEGER PRIMARY KEY, participant TEXT NOT NULL, "group" TEXT NOT NULL, '
        "exercise TEXT NOT NULL, item TEXT NOT NULL, answer TEXT NOT NULL, submitted_at TEXT NOT NULL);"
        'CREATE INDEX responses_by_exercise ON responses (exercise, "group");'
        "CREATE INDEX responses_by_participant ON responses (participant, exercise);"
        "INSERT INTO meta VALUES ('app', 'office-roles');"
        "PRAGMA user_version = 1;"
    )
    conn.executemany('INSERT INTO responses (participant, "group", exercise, item, answer, submitted_at) '
                     "VALUES (?, ?, ?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()


def test_an_earlier_store_keeps_every_row_and_gains_the_identity_index(tmp_path: Path) -> None:
    stamp = "2026-03-01T09:00:00.000000+00:00"
    twin = ("Li", "G", "load", "", '{"n": 1}', stamp)  # two submissions within one coarse clock tick
    rows = [twin, twin, ("Li", "G", "load", "", '{"n": 1}', "2026-03-01T09:00:00.000001+00:00"),
            ("Bob", "G", "mapping", "", '"hello"', stamp)]  # a shape this version refuses; kept all the same
    path = tmp_path / "old.sqlite"
    _first_version_store(path, rows)
    with ResponseStore(path) as opened:
        frame = opened.responses()
        assert frame["id"].tolist() == [1, 2, 3, 4] and frame["answer"].tolist()[3] == "hello"
        assert frame["submitted_at"].tolist()[:3] == [stamp, "2026-03-01T09:00:00.000002+00:00",
                                                      "2026-03-01T09:00:00.000001+00:00"]
        assert opened.import_csv(opened.export_csv(tmp_path / "all.csv")) == 0
    conn = sqlite3.connect(path)  # what an earlier version reads: the same tables and version
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = [row[1] for row in conn.execute("PRAGMA table_info(responses)")]
        assert columns == ["id", "participant", "group", "exercise", "item", "answer", "submitted_at"]
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'responses_identity'").fetchone()[0]
        conn.execute('INSERT INTO responses (participant, "group", exercise, item, answer, submitted_at) '
                     "VALUES ('Old', 'G', 'notes', '', '\"x\"', ?)", (datetime.now(timezone.utc).isoformat(),))
        conn.commit()
    finally:
        conn.close()


def test_the_same_answer_twice_in_one_clock_tick_is_kept_twice(store, monkeypatch) -> None:
    """With a coarse clock two submissions can share a time stamp; the identity index must not drop one."""
    from office_roles import store as store_module

    monkeypatch.setattr(store_module, "_utc_now", lambda: "2026-03-01T09:00:00.000000+00:00")
    ids = [store.submit("Li", "G", "notes", "same") for _ in range(3)]
    assert ids == [1, 2, 3]
    assert store.responses()["submitted_at"].tolist() == [
        "2026-03-01T09:00:00.000000+00:00", "2026-03-01T09:00:00.000001+00:00", "2026-03-01T09:00:00.000002+00:00"]
