"""The PostgreSQL response store against a real server that the tests start (tests/pg_server.py): the guarantees of
the SQLite store (32 processes x 200 submissions, a writer killed mid-transaction, the server restarted mid-session),
the same group view and CSV on both engines, the copy from SQLite, and the boundary between learners (row-level
security), each checked on the server itself. Skipped with the reason where the server binaries are missing,
except in CI (``CI`` set), where that fails."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pg_server import PgServer, find_bindir  # noqa: E402

from office_roles import exercises as ex  # noqa: E402
from office_roles import widgets as W  # noqa: E402
from office_roles.errors import StoreError, StoreUnavailableError  # noqa: E402
from office_roles.settings import settings  # noqa: E402
from office_roles.store import ResponseStore  # noqa: E402

WRITERS, SUBMISSIONS = 32, 200  # the load: every one acknowledged, none lost, none twice


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must test the PostgreSQL store against a real server: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server():
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError as exc:
        _unavailable(f"psycopg is not installed ({exc}); make install installs it")
    bindir = find_bindir()
    if bindir is None:
        _unavailable("no PostgreSQL server binaries (initdb in $PG_BINDIR, on PATH or under "
                     "/usr/lib/postgresql/*/bin); on Debian: apt-get install postgresql")
    started = PgServer(bindir)
    yield started
    started.close()


@pytest.fixture
def url(server):
    """A fresh database on the server; the administrator's URL."""
    return server.create_database()


def logins(url: str, names: list[str], role: str = "learner") -> dict[str, str]:
    from office_roles.store_cli import grant
    from office_roles.store_postgres import FACILITATOR_ROLE, LEARNER_ROLE

    return dict(zip(names, grant(url, names, LEARNER_ROLE if role == "learner" else FACILITATOR_ROLE), strict=True))


# --- load and faults ------------------------------------------------------------------------------------------


def _writer(url: str, worker: int, count: int, acks: multiprocessing.Queue) -> None:
    from office_roles.store import ResponseStore

    with ResponseStore(url) as store:
        ids = [store.submit(f"p{worker}", f"G{worker % 4}", "discussion", {"notes": str(n)}, item="P1")
               for n in range(count)]
    acks.put((worker, ids))


def test_32_processes_x_200_submissions_lose_nothing_and_store_nothing_twice(server, url):
    names = [f"w{n}" for n in range(WRITERS)]
    urls = logins(url, names)  # every writer a learner login of its own: the policies are part of the load
    ctx = multiprocessing.get_context("fork")  # the children inherit the imported package: no 32 cold starts
    acks = ctx.Queue()
    workers = [ctx.Process(target=_writer, args=(urls[name], n, SUBMISSIONS, acks)) for n, name in enumerate(names)]
    try:
        for worker in workers:
            worker.start()
        acknowledged = dict(acks.get(timeout=120) for _ in workers)
        for worker in workers:
            worker.join(timeout=60)
    finally:  # a writer that hangs (or a timeout above) must not outlive the test, holding its connection
        for worker in workers:
            if worker.is_alive():
                worker.kill()
                worker.join(timeout=10)
    assert [w.exitcode for w in workers] == [0] * WRITERS
    with ResponseStore(url) as admin:
        rows = admin.responses()
    assert len(rows) == WRITERS * SUBMISSIONS
    pairs = sorted((row.participant, int(row.answer["notes"])) for row in rows.itertuples())
    assert pairs == sorted((f"p{w}", n) for w in range(WRITERS) for n in range(SUBMISSIONS))
    assert sorted(i for ids in acknowledged.values() for i in ids) == sorted(rows["id"])


def _looping_writer(url: str, acks) -> None:
    from office_roles.store import ResponseStore

    store = ResponseStore(url)
    n = 0
    while True:
        acks.send(store.submit("crash", "G", "discussion", {"notes": str(n)}, item="P1"))
        n += 1


def test_a_writer_killed_mid_transaction_loses_nothing_acknowledged(url):
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_looping_writer, args=(url, send))
    child.start()
    confirmed: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(confirmed) < 50 and time.monotonic() < deadline:
            if receive.poll(1):
                confirmed.append(receive.recv())
    finally:
        os.kill(child.pid, signal.SIGKILL)  # no cleanup: the connection dies, possibly inside a transaction
        child.join(timeout=30)
    while receive.poll(0.2):
        confirmed.append(receive.recv())
    assert len(confirmed) >= 50
    with ResponseStore(url) as admin:
        rows = admin.responses()
        assert set(confirmed) <= set(rows["id"])
        assert len(confirmed) <= len(rows) <= len(confirmed) + 1  # at most the commit before the kill, unprinted
        assert [int(a["notes"]) for a in rows["answer"]] == list(range(len(rows)))
        assert admin.submit("after", "G", "discussion", {"notes": "ok"}, item="P1") > max(rows["id"])


def test_the_server_restarted_mid_session_loses_nothing_and_keeps_the_input(server, url, art):
    data = ex.load_exercises(art=art)
    store = ResponseStore(url)
    session = W.Session(store=store, language="en")
    session.name.value, session.group.value = "王芳", "G1"
    deck = W.DiscussionDeck(art, data, session)
    acknowledged = []
    for n in range(3):
        deck.notes.value = f"note {n}"
        assert deck.save_notes(), deck.status.value
        acknowledged.append(f"note {n}")
    server.stop("immediate")  # as if the server crashed: recovery from its log on the next start
    try:
        deck.notes.value = "typed while the server is down"
        started = time.monotonic()
        assert not deck.save_notes()
        assert time.monotonic() - started < 20, "the learner waited too long for the message"
        assert "cannot be reached" in deck.status.value and "press the button again" in deck.status.value
        assert deck.notes.value == "typed while the server is down"
        with pytest.raises(StoreUnavailableError, match="cannot be reached"):
            store.responses()
    finally:
        server.start()
    assert deck.save_notes(), deck.status.value  # the same button, once more: the store reconnects
    acknowledged.append("typed while the server is down")
    notes = [a["notes"] for a in store.responses("discussion")["answer"]]
    assert notes == acknowledged
    store.close()


def test_a_retry_after_an_unanswered_commit_stores_the_answer_once(url):
    """The connection broke during COMMIT, so the store does not know whether the row arrived; it did. The
    learner presses again: the row is found, not stored a second time."""
    with ResponseStore(url) as store:
        first = store.submit("李雷", "G1", "discussion", {"notes": "once"}, item="P1")
        row = tuple(store.rows()[0][1:])
        store._unsure = row  # what a broken commit leaves behind
        assert store.submit("李雷", "G1", "discussion", {"notes": "once"}, item="P1") == first
        assert len(store.responses()) == 1
        assert store.submit("李雷", "G1", "discussion", {"notes": "once"}, item="P1") != first  # a new submission


# --- the same answers on both engines -----------------------------------------------------------------------


def _class_answers(store, data) -> None:
    quiz = data.quiz.set_index("question_id")
    for n, name in enumerate(["张三", "李四", "王五", "赵六"]):
        group = "G1" if n < 3 else "G2"
        store.submit(name, group, "mapping", {"links": [["F1", "T1"], ["F2", f"T{n % 3 + 1}"]]})
        for qid in list(quiz.index)[:4]:
            store.submit(name, group, "quiz", {"given": quiz.loc[qid, "answer"] if n % 2 else "1", "correct": True},
                         item=qid)
        store.submit(name, group, "self_assessment", {"ratings": {"会写": n + 1, "会说": 3}})


def test_group_view_and_csv_export_are_identical_on_both_engines(url, art, tmp_path, monkeypatch):
    data = ex.load_exercises(art=art)
    with ResponseStore(tmp_path / "seed.sqlite") as seed:
        _class_answers(seed, data)
        exported = seed.export_csv(tmp_path / "seed.csv")
    monkeypatch.setattr(settings, "facilitator_code", "open")
    outputs = {}
    for engine, target in (("sqlite", tmp_path / "copy.sqlite"), ("postgres", url)):
        with ResponseStore(target) as store:
            assert store.import_csv(exported, max_bytes=10_000_000).added == 4 * 6
            assert store.import_csv(exported, max_bytes=10_000_000).added == 0  # the identity index
            session = W.Session(store=store, language="en")
            session.unlock("open")
            views = {}
            for group in ("", "G1"):
                session.group.value = group
                views[group] = W.GroupView(art, session, data=data, export_dir=tmp_path / engine).summaries()
            outputs[engine] = (views, store.export_csv(tmp_path / engine / "all.csv").read_bytes())
    (sqlite_views, sqlite_csv), (pg_views, pg_csv) = outputs["sqlite"], outputs["postgres"]
    assert pg_csv == sqlite_csv == exported.read_bytes()
    assert sqlite_views["G1"]["quiz"]["groups"]["mean_score"].notna().all()  # three in G1: means are shown
    for group, view in sqlite_views.items():
        for key, value in view.items():
            other = pg_views[group][key]
            if isinstance(value, dict):
                for part in value:
                    assert value[part].equals(other[part]), (group, key, part)
            elif isinstance(value, tuple):
                assert value[0] == pytest.approx(other[0]) and value[1].equals(other[1]), (group, key)
            else:
                assert value.equals(other), (group, key)


def test_copy_from_sqlite_is_idempotent_and_keeps_the_rows(url, art, tmp_path, capsys):
    from office_roles.store_cli import main

    data = ex.load_exercises(art=art)
    with ResponseStore(tmp_path / "class.sqlite") as seed:
        _class_answers(seed, data)
        rows = seed.rows()
    assert main(["copy", str(tmp_path / "class.sqlite"), url]) == 0
    assert main(["copy", str(tmp_path / "class.sqlite"), url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"copied {len(rows)} rows; 0 were already there", f"copied 0 rows; {len(rows)} were already there"]
    with ResponseStore(url) as copied:
        assert [r[1:] for r in copied.rows()] == [r[1:] for r in rows]
    assert main(["migrate", url]) == 0 and "schema version 1" in capsys.readouterr().out
    assert main(["copy", str(tmp_path / "typo.sqlite"), url]) == 1  # never creates an empty store to copy
    assert "no such file" in capsys.readouterr().err and not (tmp_path / "typo.sqlite").exists()


def test_a_foreign_schema_and_an_unreachable_server_are_refused_clearly(server, url):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA office_roles")
        conn.execute("CREATE TABLE office_roles.meta (key TEXT, value TEXT)")
        conn.execute("INSERT INTO office_roles.meta VALUES ('app', 'someone-else')")
    with pytest.raises(StoreError, match="another application"):
        ResponseStore(url)
    wrong_port = url.replace(f":{server.port}/", f":{server.port + 1}/")
    with pytest.raises(StoreUnavailableError, match="cannot be reached") as refused:
        ResponseStore(wrong_port)
    assert "Traceback" not in str(refused.value) and "refused" in str(refused.value)


# --- the boundary between learners ----------------------------------------------------------------------------


def test_a_learner_reads_only_their_own_rows_and_changes_none(url, tmp_path):
    import psycopg
    from psycopg import errors

    ResponseStore(url).close()
    urls = logins(url, ["amy", "bob"]) | logins(url, ["fay"], role="facilitator")
    with ResponseStore(urls["amy"]) as amy, ResponseStore(urls["bob"]) as bob:
        amy.submit("Amy", "G1", "discussion", {"notes": "amy's secret"}, item="P1")
        bob.submit("Bob", "G1", "discussion", {"notes": "bob's secret"}, item="P1")
        bob.submit("Bob", "G1", "self_assessment", {"ratings": {"会写": 5}})
        assert amy.responses()["participant"].tolist() == ["Amy"]
        exported = amy.export_csv(tmp_path / "amy.csv").read_text(encoding="utf-8-sig").splitlines()
        assert len(exported) == 2 and exported[1].split(",")[1] == "Amy"  # the header and Amy's one row
        group = amy.group_responses("discussion", "G1")
        assert len(group) == 2 and not set(group["participant"]) & {"Amy", "Bob"}  # answers yes, names no
        assert all(p.startswith("p") and len(p) == 17 for p in group["participant"])
    with psycopg.connect(urls["amy"], autocommit=True) as conn:
        seen = conn.execute("SELECT participant, owner FROM office_roles.responses").fetchall()
        assert seen == [("Amy", "amy")]
        assert conn.execute("SELECT count(*) FROM office_roles.responses WHERE owner = 'bob'").fetchone() == (0,)
        for statement in ("UPDATE office_roles.responses SET answer = '{}'",
                          "UPDATE office_roles.responses SET answer = '{}' WHERE owner = 'amy'",
                          "DELETE FROM office_roles.responses",
                          "TRUNCATE office_roles.responses",
                          "INSERT INTO office_roles.responses (participant, \"group\", exercise, item, answer, "
                          "submitted_at, owner) VALUES ('Bob', 'G1', 'discussion', 'P1', '{}', 'x', 'bob')",
                          "ALTER TABLE office_roles.responses DISABLE ROW LEVEL SECURITY",
                          "SET ROLE bob"):
            with pytest.raises((errors.InsufficientPrivilege, errors.InvalidParameterValue)):
                conn.execute(statement)  # type: ignore[arg-type]
    with ResponseStore(urls["fay"]) as fay:  # the facilitator reads every named row and imports
        assert sorted(set(fay.responses()["participant"])) == ["Amy", "Bob"]
        sheet = b'participant,group,exercise,item,answer\nCai,G1,discussion,P1,"{""notes"": ""on paper""}"\n'
        report = fay.import_csv(sheet, filename="paper.csv")
        assert (report.added, report.problems) == (1, ()), report.message()
        assert len(fay.group_responses("discussion", "G1")) == 3
    with ResponseStore(url) as admin:
        assert sorted(admin.responses()["answer"].map(str)) == sorted(
            ["{'notes': \"amy's secret\"}", "{'notes': \"bob's secret\"}", "{'notes': 'on paper'}",
             "{'ratings': {'会写': 5}}"])


def test_grant_refuses_an_existing_role_of_another_kind_and_a_learners_login_is_checked(url, server):
    import psycopg

    from office_roles.store_cli import learner_password, login_url, main

    ResponseStore(url).close()
    assert main(["grant-learner", "postgres", "--url", url]) == 1  # the superuser's password stays as it is
    # A group role is a member of itself: a login on it would let every learner SET ROLE to its rows.
    assert main(["grant-learner", "office_roles_learner", "--url", url]) == 1
    assert main(["grant-facilitator", "office_roles_facilitator", "--url", url]) == 1
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT bool_or(rolcanlogin) FROM pg_roles WHERE rolname LIKE 'office_roles_%'"
                            ).fetchone() == (False,)
    os.environ["OFFICE_ROLES_LEARNER_SECRET"] = "class-secret"
    try:
        issued = logins(url, ["张三@example.org"])["张三@example.org"]
    finally:
        del os.environ["OFFICE_ROLES_LEARNER_SECRET"]
    assert issued == login_url(url, "张三@example.org", learner_password("class-secret", "张三@example.org"))
    with ResponseStore(issued) as learner:
        assert learner.submit("张三", "G1", "discussion", {"notes": "x"}, item="P1") >= 1
    wrong = login_url(url, "张三@example.org", "not-the-password")
    with pytest.raises(StoreError, match="refused the login"):
        ResponseStore(wrong)


def test_an_administrator_who_is_not_a_superuser_can_run_a_class(server):
    """The one-server route (TLJH with Debian's PostgreSQL): an administrator role with CREATEROLE that owns the
    database creates the store and the logins; learners then submit and read the group."""
    import psycopg

    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute("CREATE ROLE class_admin LOGIN CREATEROLE PASSWORD 'admin-pw'")
        conn.execute("CREATE DATABASE class_db OWNER class_admin")
    admin = server.url("class_db", "class_admin", "admin-pw")
    from office_roles.store_cli import main

    assert main(["migrate", admin]) == 0
    urls = logins(admin, ["li", "wang"])
    for name, url in urls.items():
        with ResponseStore(url) as learner:
            learner.submit(name.upper(), "G1", "self_assessment", {"ratings": {"会写": 4}})
    with ResponseStore(urls["li"]) as li:
        assert li.responses()["participant"].tolist() == ["LI"]
        assert len(li.group_responses("self_assessment", "G1")) == 2


def test_office_roles_store_may_be_a_url_kept_as_text(url, monkeypatch):
    from office_roles.settings import Settings
    from office_roles.store_postgres import PostgresStore

    monkeypatch.setenv("OFFICE_ROLES_STORE", f" {url} ")
    assert Settings().store_path == url  # not a Path, which would fold the // of the URL
    assert "store_path" not in repr(Settings())  # a URL may carry a password
    monkeypatch.setattr(settings, "store_path", url)
    with ResponseStore() as store:  # what a Session opens on its first submission
        assert isinstance(store, PostgresStore) and "@" in repr(store)
        assert store.submit("李雷", "G1", "discussion", {"notes": "x"}, item="P1") == 1
    monkeypatch.setattr(settings, "store_path", "/tmp/a/../b.sqlite")
    assert isinstance(settings.store_path, Path)


def test_a_learner_arriving_before_the_store_exists_is_told_who_creates_it(server):
    import psycopg

    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE not_migrated")
        conn.execute("CREATE ROLE early LOGIN PASSWORD 'early-pw'")
    with pytest.raises(StoreError, match="no office-roles store yet.*migrate"):
        ResponseStore(server.url("not_migrated", "early", "early-pw"))


def test_a_server_that_cannot_start_leaves_no_temporary_folder(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises((RuntimeError, OSError)):
        PgServer(tmp_path / "no-bindir")
    assert list(tmp_path.iterdir()) == []


def test_a_mistyped_port_is_named_in_the_message_not_a_value_error():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as refused:
        ResponseStore("postgresql://amy:secret@127.0.0.1:54x2/db")
    assert "127.0.0.1:54x2/db" in str(refused.value) and "secret" not in str(refused.value)
