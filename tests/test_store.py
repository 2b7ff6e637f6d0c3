"""The response store: round trips, refusing foreign or damaged files, concurrency, crashes, CSV import."""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the package is used from the checkout, not installed
    sys.path.insert(0, str(ROOT))

from office_roles import store as store_module  # noqa: E402
from office_roles.settings import settings  # noqa: E402
from office_roles.store import MissingNameError, ResponseStore, StoreError, safe_html  # noqa: E402

CHILD_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def _row_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM responses").fetchone()[0]
    finally:
        conn.close()


# --- round trip -------------------------------------------------------------------------------------------


def test_round_trip_keeps_answers_and_text_verbatim(store: ResponseStore) -> None:
    answers = [
        {"role": "参谋助手", "score": 3, "tags": ["a", "b"]},
        ["服务", "协调"],
        "<script>alert(1)</script>",
    ]
    ids = [store.submit(" 张三 ", "A组", "ex1", answer, item=f"q{i}") for i, answer in enumerate(answers)]
    assert ids == [1, 2, 3]
    frame = store.responses()
    assert list(frame.columns) == ["id", "participant", "group", "exercise", "item", "answer", "submitted_at"]
    assert frame["answer"].tolist() == answers
    assert frame["participant"].tolist() == ["张三"] * 3  # stripped
    assert frame["item"].tolist() == ["q0", "q1", "q2"]
    stamp = pd.Timestamp(frame["submitted_at"].iloc[0])
    assert stamp.tzinfo is not None and stamp.utcoffset() == pd.Timedelta(0)


def test_filters_by_exercise_and_group(store: ResponseStore) -> None:
    for group in ("A", "B"):
        for exercise in ("ex1", "ex2"):
            store.submit("Li", group, exercise, f"{group}-{exercise}")
    assert store.responses(exercise="ex1")["answer"].tolist() == ["A-ex1", "B-ex1"]
    assert store.responses(group="B")["answer"].tolist() == ["B-ex1", "B-ex2"]
    assert store.responses(exercise="ex2", group="A")["answer"].tolist() == ["A-ex2"]
    empty = store.responses(exercise="nope")
    assert empty.empty and list(empty.columns) == list(store_module.COLUMNS)


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_missing_name_is_refused_and_nothing_written(store: ResponseStore, name: str) -> None:
    with pytest.raises(MissingNameError, match="请先填写姓名"):
        store.submit(name, "A", "ex1", "answer")
    assert store.responses().empty


def test_field_limits_and_unstorable_answers(store: ResponseStore) -> None:
    with pytest.raises(StoreError, match="participant is too long"):
        store.submit("x" * 81, "A", "ex1", "a")
    with pytest.raises(StoreError, match="answer is too long"):
        store.submit("Li", "A", "ex1", "x" * 20_001)
    with pytest.raises(StoreError, match="exercise is empty"):
        store.submit("Li", "A", " ", "a")
    with pytest.raises(StoreError, match="JSON"):
        store.submit("Li", "A", "ex1", {"when": object()})  # type: ignore[dict-item]
    assert store.responses().empty


def test_default_path_is_read_from_settings_at_call_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "nested" / "folder" / "store.sqlite"
    monkeypatch.setattr(settings, "store_path", target)
    with ResponseStore() as opened:
        opened.submit("Li", "A", "ex1", "hi")
    assert target.exists() and _row_count(target) == 1


def test_safe_html_escapes_markup() -> None:
    assert safe_html('<script>alert("x")</script>') == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    assert safe_html("it's & 办公厅") == "it&#x27;s &amp; 办公厅"


# --- several processes, killed processes ------------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys
    from office_roles.store import ResponseStore
    path, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with ResponseStore(path) as store:
        for n in range(count):
            store.submit(f"p{worker}", "G", "load", {"n": n})
""")

LOOPING_WRITER = textwrap.dedent("""
    import sys
    from office_roles.store import ResponseStore
    store = ResponseStore(sys.argv[1])
    n = 0
    while True:
        print(store.submit("crash", "G", "loop", {"n": n}), flush=True)
        n += 1
""")


def test_eight_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"  # not created beforehand: the processes also race to create it
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(w), "200"],
            env=CHILD_ENV,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(8)
    ]
    errors = [worker.communicate(timeout=120)[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0] * 8, errors
    with ResponseStore(path) as opened:
        frame = opened.responses()
    assert len(frame) == 1600
    pairs = {(row.participant, row.answer["n"]) for row in frame.itertuples()}
    assert pairs == {(f"p{w}", n) for w in range(8) for n in range(200)}
    assert frame["id"].tolist() == list(range(1, 1601))


def test_killed_writer_leaves_a_consistent_store(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite"
    child = subprocess.Popen(
        [sys.executable, "-c", LOOPING_WRITER, str(path)],
        env=CHILD_ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline, seen = time.monotonic() + 30, 0
        while seen < 20 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
            if path.exists():
                with contextlib.suppress(sqlite3.OperationalError):  # table not created yet
                    seen = _row_count(path)
        assert seen >= 20, child.stderr.read() if child.poll() is not None else "writer too slow"
    finally:
        child.kill()  # SIGKILL on POSIX: no cleanup, possibly mid-transaction
        printed, _ = child.communicate(timeout=30)
    confirmed = [int(line) for line in printed.split()]
    with ResponseStore(path) as reopened:
        frame = reopened.responses()
        # every id the writer saw returned is there; at most one more commit finished before its print
        assert len(confirmed) >= 1 and confirmed == list(range(1, len(confirmed) + 1))
        assert len(confirmed) <= len(frame) <= len(confirmed) + 1 and len(frame) >= seen
        assert frame["id"].tolist() == list(range(1, len(frame) + 1))
        assert [answer["n"] for answer in frame["answer"]] == list(range(len(frame)))
        assert reopened.submit("after", "G", "loop", "ok") == len(frame) + 1
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


# --- files that are not (healthy) stores ------------------------------------------------------------------


def _foreign_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (name TEXT)")
    conn.execute("INSERT INTO users VALUES ('someone')")
    conn.commit()
    conn.close()


def _foreign_db_with_meta(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('app', 'other-app')")
    conn.execute("CREATE TABLE responses (x)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(random.Random(0).randbytes(4096)), "not an SQLite database"),
        (
            lambda p: p.write_text("participant,answer\n张三,hello\n", encoding="utf-8"),
            "not an SQLite database",
        ),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50), "damaged or unreadable"),
        (_foreign_db, "another application"),
        (_foreign_db_with_meta, "another application"),
    ],
    ids=["random-bytes", "text-file", "header-only", "foreign-sqlite", "foreign-meta"],
)
def test_foreign_files_are_refused_and_left_untouched(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "responses.sqlite"
    make(path)
    before = path.read_bytes()
    with pytest.raises(StoreError, match=message) as info:
        ResponseStore(path)
    assert str(path) in str(info.value) and "left untouched" in str(info.value)
    assert path.read_bytes() == before


def test_newer_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    ResponseStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer store format"):
        ResponseStore(path)
    assert path.read_bytes() == before


def test_truncated_store_is_refused_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "cut.sqlite"
    with ResponseStore(path) as opened:
        for n in range(300):
            opened.submit(f"p{n}", "G", "ex", {"text": "办公厅" * 20, "n": n})
    data = path.read_bytes()
    assert not Path(f"{path}-wal").exists()  # checkpointed on close, so the cut hits real data
    path.write_bytes(data[: len(data) // 2])
    before = path.read_bytes()
    with pytest.raises(StoreError, match="damaged or unreadable") as info:
        ResponseStore(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before


def test_folder_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        ResponseStore(tmp_path)


# --- CSV export and import --------------------------------------------------------------------------------


def test_export_then_import_reproduces_the_rows(store: ResponseStore, tmp_path: Path) -> None:
    store.submit("张三", "A组", "ex1", {"角色": "参谋", "list": [1, 2]}, item="q1")
    store.submit('Li, "Lee"', "B", "ex1", ["多行\n文本", "x"])
    store.submit("O'Brien", "", "ex2", "<b>plain, text</b>")
    exported = store.export_csv(tmp_path / "out" / "answers.csv")
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel
    with ResponseStore(tmp_path / "fresh.sqlite") as fresh:
        assert fresh.import_csv(exported) == 3
        assert fresh.import_csv(exported.read_bytes(), filename="again.csv") == 0  # duplicates skipped
        pd.testing.assert_frame_equal(fresh.responses(), store.responses())


def test_import_accepts_gbk_and_hand_typed_answers(store: ResponseStore) -> None:
    text = 'participant,group,exercise,answer\n王五,一组,ex1,我们负责协调\n赵六,一组,ex1,"{""x"": 1}"\n'
    assert store.import_csv(text.encode("gbk"), filename="名单.CSV") == 2
    frame = store.responses()
    assert frame["participant"].tolist() == ["王五", "赵六"]
    assert frame["answer"].tolist() == ["我们负责协调", {"x": 1}]


GOOD_ROW = '张三,A,ex1,q1,"""ok""",2024-05-01T09:30:00+00:00'
HEADER = "participant,group,exercise,item,answer,submitted_at"


@pytest.mark.parametrize(
    ("content", "filename", "max_bytes", "expected"),
    [
        (
            'participant,group,answer\n李四,A,"""x"""\n',
            "bad.csv",
            1_000_000,
            r"bad\.csv, row 1 \(header\): missing column\(s\) exercise",
        ),
        (f"{HEADER}\n{GOOD_ROW}\n", "big.csv", 20, r"big\.csv: the file is \d+ bytes; the limit is 20"),
        (f"{HEADER}\n{GOOD_ROW}\n", "answers.xlsx", 1_000_000, r"answers\.xlsx: only \.csv files"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "image.csv",
            1_000_000,
            r"image\.csv: this is a binary file",
        ),
        (
            b"participant,exercise,answer\n\xff\xfe\xff,ex,1\n",
            "odd.csv",
            1_000_000,
            r"odd\.csv: .*neither UTF-8 nor GBK",
        ),
    ],
    ids=[
        "missing-column",
        "too-big",
        "wrong-extension",
        "binary",
        "bad-encoding",
    ],
)
def test_unreadable_csv_is_refused_whole(
    store: ResponseStore, content: str | bytes, filename: str, max_bytes: int, expected: str
) -> None:
    store.submit("existing", "A", "ex0", "kept")
    data = content.encode("utf-8") if isinstance(content, str) else content
    with pytest.raises(StoreError, match=expected):
        store.import_csv(data, filename=filename, max_bytes=max_bytes)
    assert store.responses()["participant"].tolist() == ["existing"]


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        (' ,A,ex1,q2,"""x""",', "class.csv, row 3, field 'participant': the participant name is empty"),
        ("李四,A,ex1,q2,x,yesterday", "class.csv, row 3, field 'submitted_at': 'yesterday' is not an ISO 8601"),
        (GOOD_ROW.replace("q1", "x" * 201), "class.csv, row 3, field 'item': item is too long"),
        (GOOD_ROW + ",extra", "class.csv, row 3: 7 cells but the header has only 6 columns"),
    ],
    ids=["empty-name", "bad-time", "long-item", "extra-cell"],
)
def test_bad_rows_are_reported_and_skipped_the_rest_imported(
    store: ResponseStore, bad_row: str, expected: str
) -> None:
    other = GOOD_ROW.replace("张三", "王五")
    report = store.import_csv(f"{HEADER}\n{GOOD_ROW}\n{bad_row}\n{other}\n".encode(), filename="class.csv")
    assert report == 2 and report.rows == 3 and report.duplicates == 0
    assert len(report.problems) == 1 and report.problems[0].row == 3
    assert str(report.problems[0]).startswith(expected)
    assert expected in report.message()
    assert store.responses()["participant"].tolist() == ["张三", "王五"]


def test_import_from_path_reports_the_file_name(store: ResponseStore, tmp_path: Path) -> None:
    path = tmp_path / "upload.csv"
    path.write_text(f"{HEADER}\n{GOOD_ROW}\n{GOOD_ROW.replace('q1', 'x' * 201)}\n", encoding="utf-8")
    report = store.import_csv(path)
    assert report == 1 and str(report.problems[0]).startswith("upload.csv, row 3, field 'item': item is too long")
    path.write_text(f"{HEADER}\n{GOOD_ROW}\n\n{GOOD_ROW}\n", encoding="utf-8")  # blank row, in-file duplicate
    report = store.import_csv(path)
    assert report == 0 and report.duplicates == 2 and report.rows == 2 and not report.problems
