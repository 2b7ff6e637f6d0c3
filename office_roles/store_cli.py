"""``python -m office_roles.store``: create or migrate a store, copy an SQLite store into PostgreSQL (for a class
that grows onto a hub), and give learners and facilitators their PostgreSQL logins.

    python -m office_roles.store migrate [STORE]              # SQLite file or postgresql:// URL (init: the same)
    python -m office_roles.store copy SQLITE_FILE POSTGRES_URL  # again later: copies only what is new
    python -m office_roles.store grant-learner NAME... [--url URL]
    python -m office_roles.store grant-facilitator NAME [--url URL]

A learner's password is derived from ``OFFICE_ROLES_LEARNER_SECRET`` and the login name (HMAC-SHA256), so the
hub's spawner computes the same password without storing any (deploy/z2jh/values.yaml); without the secret a
random password is made. The URLs printed carry passwords: they are for the administrator's eyes only.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import os
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from .errors import StoreError
from .settings import is_server_url, settings
from .store import ResponseStore
from .store_fields import SCHEMA_VERSION
from .store_postgres import _INSERT, FACILITATOR_ROLE, LEARNER_ROLE, PostgresStore, migrate, store_problem

SECRET_ENV = "OFFICE_ROLES_LEARNER_SECRET"
COPY_BATCH_ROWS = 1000


def learner_password(secret: str, name: str) -> str:
    """The password of login ``name``: HMAC-SHA256 of the name under the hub's secret, 43 URL-safe characters."""
    digest = hmac.new(secret.encode("utf-8"), name.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def login_url(url: str, name: str, password: str) -> str:
    """``url`` with its user and password replaced by this login's."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    host = f"[{host}]" if ":" in host else host
    netloc = f"{quote(name, safe='')}:{quote(password, safe='')}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _server_url(url: str | None) -> str:
    target = url or str(settings.store_path)
    if not is_server_url(target):
        raise StoreError(f"{target} is not a postgresql:// URL; logins exist on a PostgreSQL store only")
    return target


def copy_store(sqlite_path: str, url: str, batch_rows: int = COPY_BATCH_ROWS) -> tuple[int, int]:
    """Copy every row of an SQLite store into a PostgreSQL one, times and all; return (copied, already there).

    The identity index makes a second run copy nothing twice, so a class can keep answering in the file and be
    copied again at the end."""
    if is_server_url(sqlite_path) or not is_server_url(url):
        raise StoreError("copy takes an SQLite file first, then a postgresql:// URL")
    if not Path(sqlite_path).expanduser().is_file():
        raise StoreError(f"{sqlite_path}: no such file; copy reads an existing SQLite store")
    with ResponseStore(sqlite_path) as source:
        rows = source.rows()
    copied = 0
    with PostgresStore(url) as target:
        for start in range(0, len(rows), batch_rows):
            copied += target.add_rows([row[1:] for row in rows[start:start + batch_rows]], _INSERT)
    return copied, len(rows) - copied


def grant(url: str, names: Sequence[str], group_role: str) -> list[str]:
    """Create (or reset the password of) one login per name, member of ``group_role``; return their URLs.

    A name that is already a role of another kind (the superuser, an administrator) is refused, never changed."""
    import psycopg
    from psycopg import sql

    secret = os.environ.get(SECRET_ENV, "")
    urls = []
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            migrate(conn, url)
            for name in names:
                if not name.strip() or len(name.encode("utf-8")) > 63:
                    raise StoreError(f"{name!r}: a login name is 1 to 63 bytes long")
                if name in (LEARNER_ROLE, FACILITATOR_ROLE):  # a group role counts as its own member
                    raise StoreError(f"{name!r} is one of the store's group roles, not a person; choose another name")
                password = learner_password(secret, name) if secret else secrets.token_urlsafe(24)
                role = conn.execute("SELECT rolsuper OR rolcreaterole OR rolbypassrls, pg_has_role(oid, %s, "
                                    "'MEMBER') FROM pg_roles WHERE rolname = %s", (group_role, name)).fetchone()
                if role is not None and (role[0] or not role[1]):
                    raise StoreError(f"{name!r} is already a database role that is not a {group_role}; choose "
                                     "another name (it was left unchanged)")
                verb = "ALTER ROLE {} LOGIN PASSWORD {}" if role else "CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}"
                conn.execute(sql.SQL(verb).format(sql.Identifier(name), sql.Literal(password),
                                                  sql.Identifier(group_role)))
                urls.append(login_url(url, name, password))
    except psycopg.Error as exc:
        raise store_problem(exc, url, "the logins could not be made") from exc
    return urls


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m office_roles.store", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("migrate", "init"):
        sub = commands.add_parser(name, help="create the store or bring it up to date (the default: "
                                             "OFFICE_ROLES_STORE)")
        sub.add_argument("store", nargs="?", help="an SQLite file or a postgresql:// URL")
    sub = commands.add_parser("copy", help="copy an SQLite store into PostgreSQL; rerun it to copy what is new")
    sub.add_argument("sqlite_file")
    sub.add_argument("postgres_url")
    for name, what in (("grant-learner", "learners"), ("grant-facilitator", "facilitators")):
        sub = commands.add_parser(name, help=f"PostgreSQL logins for {what}; prints each login's URL")
        sub.add_argument("names", nargs="+")
        sub.add_argument("--url", help="the administrator's URL (default: OFFICE_ROLES_STORE)")
    args = parser.parse_args(argv)
    try:
        if args.command in ("migrate", "init"):
            with ResponseStore(args.store or settings.store_path) as store:
                if isinstance(store, PostgresStore):
                    store.migrate()
                print(f"store ready: {store!r} (schema version {SCHEMA_VERSION})")
        elif args.command == "copy":
            copied, present = copy_store(args.sqlite_file, args.postgres_url)
            print(f"copied {copied} rows; {present} were already there")
        else:
            role = LEARNER_ROLE if args.command == "grant-learner" else FACILITATOR_ROLE
            for name, url in zip(args.names, grant(_server_url(args.url), args.names, role), strict=True):
                print(f"{name}\t{url}")
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
