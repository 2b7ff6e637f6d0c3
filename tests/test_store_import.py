"""Issue 13, the import/export defects of the response store: each test reproduces one attack (D1–D7)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

import office_roles as orl
from office_roles import answers
from office_roles import widgets as W
from office_roles.store import MissingNameError, ResponseStore, StoreError

HEADER = "participant,group,exercise,item,answer,submitted_at"
NOTES = '"{""notes"": ""我们认为督查也是服务""}"'


@pytest.fixture(scope="module")
def art():
    return orl.load_article()


def discussion_csv(rows: int, participant: str = "a", timed: bool = True) -> bytes:
    """``rows`` distinct discussion notes of one participant (the worst case for a per-name duplicate scan)."""
    lines = ["participant,exercise,item,answer" + (",submitted_at" if timed else "")]
    for n in range(rows):
        answer = f'"{{""notes"": ""note {n}""}}"'
        stamp = f",2026-03-01T09:{n // 3600 % 60:02d}:{n // 60 % 60:02d}.{n:06d}+00:00" if timed else ""
        lines.append(f"{participant},discussion,p{n % 7},{answer}{stamp}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def upload(name: str, content: bytes) -> dict:
    return {"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
            "last_modified": datetime(2026, 3, 1, tzinfo=timezone.utc)}


# --- D1: linear import that never holds the write lock for long -------------------------------------------


def _sqlite_work(store: ResponseStore, data: bytes) -> int:
    """SQLite virtual-machine steps an import costs (in units of 100), a count, not a timing."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    store._conn.set_progress_handler(count, 100)
    try:
        store.import_csv(data, filename="class.csv", max_bytes=10_000_000)
    finally:
        store._conn.set_progress_handler(None, 100)
    return steps[0]


def test_import_work_grows_linearly_with_rows(tmp_path: Path) -> None:
    """D1: each row was checked against every earlier row of the same name (339 s for 47.6k rows)."""
    work = {}
    for rows in (1500, 3000):
        with ResponseStore(tmp_path / f"{rows}.sqlite") as fresh:
            work[rows] = _sqlite_work(fresh, discussion_csv(rows))
            assert len(fresh.responses()) == rows
    assert work[3000] / work[1500] < 2.4, work  # linear: 2×; the per-name scan gave about 4×


def test_a_learner_can_submit_in_the_middle_of_a_large_import(tmp_path: Path) -> None:
    """D1: the import held the write lock for the whole file, so a learner's submit waited, then failed.

    Deterministic: when the import is about to take the write lock for its second batch, a learner (another
    connection, in another thread) submits; the import waits for that submit, which must get the lock at once
    (the learner gives up after 5 s) and land between the imported rows.
    """
    path = tmp_path / "class.sqlite"
    importer = ResponseStore(path)
    learner_result: dict[str, object] = {}

    def learner() -> None:
        try:
            with ResponseStore(path) as own:
                own._conn.execute("PRAGMA busy_timeout = 5000")
                learner_result["id"] = own.submit("learner", "G1", "discussion", {"notes": "mine"}, item="p1")
        except StoreError as error:
            learner_result["error"] = str(error)

    write_locks = [0]

    def on_statement(sql: str) -> None:
        if sql.startswith("BEGIN IMMEDIATE"):
            write_locks[0] += 1
            if write_locks[0] == 2:  # the first batch is committed; the second has not taken the lock yet
                thread = threading.Thread(target=learner)
                thread.start()
                thread.join(timeout=30)

    importer._conn.set_trace_callback(on_statement)
    try:
        added = importer.import_csv(discussion_csv(3000), filename="big.csv", max_bytes=10_000_000)
    finally:
        importer._conn.set_trace_callback(None)
    frame = importer.responses()
    importer.close()
    assert added == 3000
    assert learner_result, "the import took the write lock once for the whole file: no learner could get in"
    assert "error" not in learner_result, learner_result
    learner_row = frame.index[frame["participant"] == "learner"].tolist()
    assert learner_row and 0 < learner_row[0] < len(frame) - 1  # between imported rows
    assert frame["participant"].iloc[-1] == "a"  # the import went on after the learner's row


def test_an_import_stopped_by_a_busy_store_can_simply_be_repeated(tmp_path: Path) -> None:
    """Batches commit one by one, so a failure names how far the import got, and a repeat adds only the rest."""
    path = tmp_path / "class.sqlite"
    blocker = sqlite3.connect(path, isolation_level=None)
    importer = ResponseStore(path)
    importer._conn.execute("PRAGMA busy_timeout = 50")
    write_locks = [0]

    def on_statement(sql: str) -> None:
        if sql.startswith("BEGIN IMMEDIATE"):
            write_locks[0] += 1
            if write_locks[0] == 2:  # another kernel holds the write lock longer than the importer waits
                blocker.execute("BEGIN IMMEDIATE")

    importer._conn.set_trace_callback(on_statement)
    data = discussion_csv(3000)
    with pytest.raises(StoreError, match=r"big\.csv, row 1002: .*The 1000 rows before it were imported; "
                                         r"importing the file again adds only the rest"):
        importer.import_csv(data, filename="big.csv", max_bytes=10_000_000)
    importer._conn.set_trace_callback(None)
    blocker.execute("ROLLBACK")
    blocker.close()
    report = importer.import_csv(data, filename="big.csv", max_bytes=10_000_000)
    assert (report.added, report.duplicates) == (2000, 1000) and len(importer.responses()) == 3000
    importer.close()


# --- D2: answers are checked against their exercise's shape -----------------------------------------------


def test_an_answer_of_the_wrong_shape_is_refused_and_the_group_view_keeps_working(art, store) -> None:
    """D2: 'Bob,mapping,hello' was imported, then GroupView.refresh raised AttributeError for everyone."""
    content = (
        "participant,exercise,answer\n"
        "Bob,mapping,hello\n"
        'Ann,mapping,"{""links"": [[""F1"", ""T8""]], ""agreement"": 0.9}"\n'
        'Cai,self_assessment,"{""ratings"": {""会写"": ""very good""}}"\n'
        'Dan,quiz,"{""given"": ""2"", ""correct"": ""yes""}"\n'
    ).encode()
    report = store.import_csv(content, filename="p.csv")
    assert report == 1
    assert [(p.row, p.field) for p in report.problems] == [(2, "answer"), (4, "answer"), (5, "answer")]
    assert "p.csv, row 2, field 'answer': not a valid mapping answer" in str(report.problems[0])
    assert "a mapping answer looks like" in str(report.problems[0])
    assert "answer['ratings']['会写'] should be a number from 1 to 5" in str(report.problems[1])
    assert "answer['correct'] should be true or false" in str(report.problems[2])
    session = W.Session(store=store, language="en")
    summary = W.GroupView(art, session, "en").refresh()
    assert summary is not None and summary["mapping"].loc["F1", "T8"] == 1.0


@pytest.mark.parametrize(
    ("exercise", "answer", "where"),
    [
        ("mapping", "hello", "answer"),
        ("mapping", {"links": [["F1"]]}, "answer['links'][0]"),
        ("mapping", {"links": [], "agreement": 3}, "answer['agreement']"),
        ("quiz", {"given": {"x": 1}, "correct": True}, "answer['given']"),
        ("scenario", {"chosen": "F1", "matched": [], "missed": [], "extra": []}, "answer['chosen']"),
        ("self_assessment", {"ratings": {"会写": True}}, "answer['ratings']['会写']"),
        ("discussion", {"notes": "x", "script": "<b>"}, "answer"),
        ("suggestions", {"article": "", "decisions": [{"item_id": "P1", "function_id": "F1",
                                                        "decision": "maybe"}]}, "answer['decisions'][0]['decision']"),
    ],
)
def test_submit_checks_the_shape_too(store, exercise: str, answer: object, where: str) -> None:
    """D2: the same rule on every way in, so a notebook cell cannot store what the views cannot read."""
    with pytest.raises(StoreError, match="not a valid") as info:
        store.submit("Li", "G1", exercise, answer)
    assert info.value.field == "answer" and where in str(info.value)
    assert store.responses().empty


def test_free_form_exercises_keep_any_json_but_not_absurd_nesting(store) -> None:
    store.submit("Li", "G1", "my_new_exercise", {"anything": [1, "two", None]})
    with pytest.raises(StoreError, match="nested more than"):
        store.submit("Li", "G1", "my_new_exercise", json.loads("[" * 40 + "]" * 40))
    assert len(store.responses()) == 1


def test_answer_shapes_describe_every_exercise_that_submits() -> None:
    """Every exercise a widget submits has a shape, so a new widget cannot forget to declare one."""
    submitting = {cls.exercise for cls in vars(W).values()
                  if isinstance(cls, type) and issubclass(cls, W.Exercise) and cls.exercise
                  and cls.exercise not in {"explorer", "group_view"}}
    assert submitting == set(answers.SHAPES) == set(answers.EXAMPLES)
    for exercise, example in answers.EXAMPLES.items():
        answers.check_answer(exercise, json.loads(example))


# --- D3: impossible times and deep nesting are row errors, and the next file still imports ----------------


def test_impossible_times_and_deep_nesting_are_row_errors(store) -> None:
    """D3: an ancient time raised OverflowError and 100k '[' raised RecursionError, ending the whole upload."""
    content = (
        f"{HEADER}\n"
        f"Li,G,discussion,p1,{NOTES},0001-01-01T00:00:00+01:00\n"
        f"Li,G,discussion,p2,{NOTES},9999-12-31T23:59:59-01:00\n"
        f"Li,G,discussion,p3,{NOTES},1900-01-01T00:00:00+00:00\n"
        f"Li,G,notes,p4,{'[' * 100_000},\n"
        f"Li,G,notes,p5,{'[' * 100 + ']' * 100},\n"
        f"Li,G,discussion,p6,{NOTES},2026-03-01T09:00:00+08:00\n"
    ).encode()
    report = store.import_csv(content, filename="odd.csv")
    assert report == 1
    assert [(p.row, p.field) for p in report.problems] == [
        (2, "submitted_at"), (3, "submitted_at"), (4, "submitted_at"), (5, "answer"), (6, "answer")]
    assert "is not a possible submission time" in report.problems[0].message
    assert "nested" in report.problems[3].message and "nested" in report.problems[4].message
    assert store.responses()["submitted_at"].tolist() == ["2026-03-01T01:00:00.000000+00:00"]


def test_a_bad_file_does_not_stop_the_next_file_of_the_same_upload(art, store, monkeypatch) -> None:
    """D3: GroupView imports file after file; an uncaught error in the first skipped the others."""
    bad = f"{HEADER}\nLi,G,discussion,p1,{NOTES},0001-01-01T00:00:00+01:00\nLi,G,n,p,{'[' * 100_000},\n"
    good = f"{HEADER}\nWang,G,discussion,p1,{NOTES},2026-03-01T09:00:00+00:00\n"
    session = W.Session(store=store, language="en")
    view = W.GroupView(art, session, "en")
    monkeypatch.setattr(orl.settings, "facilitator_code", "code")  # importing is the facilitator's
    assert session.unlock("code")
    view.upload.value = (upload("bad.csv", bad.encode()), upload("good.csv", good.encode()))
    assert store.responses()["participant"].tolist() == ["Wang"]
    assert "bad.csv" in view.status.value and "skipped" in view.status.value


# --- D4: importing a file without times twice adds nothing the second time --------------------------------


def test_import_without_times_is_idempotent(store) -> None:
    """D4: each import stamped the rows 'now', so every import of the same file added every row again."""
    data = discussion_csv(5, timed=False)
    first, second = store.import_csv(data, filename="a.csv"), store.import_csv(data, filename="a.csv")
    assert (first, second) == (5, 0)
    exported = store.export_csv(store.path.parent / "all.csv")
    assert store.import_csv(exported) == 0  # the same answers, now with their stored times
    assert len(store.responses()) == 5


def test_a_timed_row_is_a_distinct_submission(store) -> None:
    """Idempotence must not merge real resubmissions: the same answer at two times is two rows."""
    row = f"Li,G,discussion,p1,{NOTES}"
    data = f"{HEADER}\n{row},2026-03-01T09:00:00+00:00\n{row},2026-03-01T09:05:00+00:00\n{row},\n"
    assert store.import_csv(data.encode(), filename="twice.csv") == 2
    assert len(store.responses()) == 2


# --- D5: formula injection -------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "'=quoted", "'plain"]


def test_export_defuses_formulas_and_import_restores_them(store, tmp_path: Path) -> None:
    """D5: a name or answer beginning with = + - @ was exported as is, and spreadsheets ran it (OWASP)."""
    for n, text in enumerate(FORMULAS):
        store.submit(f"{text}{n}", text, "notes", text, item=text)
    store.submit("Li", "G", "notes", -5)  # a JSON number starts with '-' too
    path = store.export_csv(tmp_path / "out.csv")
    cells = [cell for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))) for cell in row]
    dangerous = [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert dangerous == []
    assert "'-5" in cells and "'=HYPERLINK(\"http://evil.example\",\"x\")0" in cells
    assert "''=quoted5" in cells and "''plain6" in cells  # a leading ' is doubled, so import tells it from the guard
    with ResponseStore(tmp_path / "copy.sqlite") as copy:
        assert copy.import_csv(path) == len(FORMULAS) + 1
        original, restored = store.responses(), copy.responses()
        assert restored.drop(columns="id").equals(original.drop(columns="id"))


def test_a_hand_made_leading_apostrophe_is_kept(store) -> None:
    data = b"participant,exercise,answer\n'Tom,notes,'hello\n'=Ann,notes,'=1+1\n"
    assert store.import_csv(data, filename="hand.csv") == 2
    frame = store.responses()
    assert frame["participant"].tolist() == ["'Tom", "=Ann"] and frame["answer"].tolist() == ["'hello", "=1+1"]


# --- D6: NUL ---------------------------------------------------------------------------------------------


def test_a_nul_in_a_name_is_refused_on_submit(store) -> None:
    with pytest.raises(StoreError, match=r"participant contains an invisible control character \(U\+0000\)"):
        store.submit("Li\x00Lei", "G", "notes", "x")
    assert store.responses().empty


def test_a_nul_from_an_older_store_does_not_break_the_class_export(store, tmp_path: Path) -> None:
    """D6: one NUL in a name made the whole export un-importable ('binary file, not CSV text')."""
    store.submit("Wang", "G", "notes", "first")
    conn = sqlite3.connect(store.path)  # what an older version let in
    conn.execute('INSERT INTO responses (participant, "group", exercise, item, answer, submitted_at) VALUES '
                 "(?, 'G', 'notes', '', '\"x\"', '2026-03-01T09:00:00.000000+00:00')", ("Li\x00Lei",))
    conn.commit()
    conn.close()
    store.submit("Zhao", "G", "notes", "last")
    path = store.export_csv(tmp_path / "class.csv")
    assert b"\x00" not in path.read_bytes()
    with ResponseStore(tmp_path / "copy.sqlite") as copy:
        assert copy.import_csv(path) == 3
        assert copy.responses()["participant"].tolist() == ["Wang", "Li\ufffdLei", "Zhao"]


def test_an_older_export_with_a_raw_nul_still_imports(store) -> None:
    data = b"participant,exercise,answer\nWang,notes,a\nLi\x00Lei,notes,b\nZhao,notes,c\n"
    report = store.import_csv(data, filename="old-export.csv")
    assert report == 3 and store.responses()["participant"].tolist() == ["Wang", "Li\ufffdLei", "Zhao"]


# --- D7: invisible names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["\u200b", "\u200b\u200b ", "\u202e", "\u2066\u2069", "\u3164", "\u2800",
                                  "\ufeff", "\u200d", "\u00ad"])
def test_an_invisible_name_is_a_missing_name(store, name: str) -> None:
    """D7: '\\u200b' was accepted as a name: a row nobody can see or tell apart."""
    with pytest.raises(MissingNameError):
        store.submit(name, "G", "notes", "x")
    report = store.import_csv(f"participant,exercise,answer\n{name},notes,x\n".encode(), filename="n.csv")
    assert report == 0 and report.problems[0].message == "the participant name is empty"
    assert store.responses().empty


def test_invisible_characters_inside_names_are_removed(store) -> None:
    """A zero-width space or a bidi override inside a name would make one person two, or disguise a name."""
    store.submit("张\u200b三", "A\u202e组", "notes", "x")
    store.submit("张三", "A组", "notes", "y")
    frame = store.responses(group="A\u200b组")
    assert frame["participant"].tolist() == ["张三", "张三"] and set(frame["group"]) == {"A组"}
    store.submit("👩\u200d💻 Li", "A组", "notes", "z")  # the joiner inside an emoji stays
    assert store.responses()["participant"].iloc[-1] == "👩\u200d💻 Li"
