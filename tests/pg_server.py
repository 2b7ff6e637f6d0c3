"""A throwaway PostgreSQL server for the tests and the store benchmark: Debian's server binaries (initdb, pg_ctl),
a temporary data folder, 127.0.0.1 on a free port. initdb refuses to run as root, so as root (CI, containers) the
server runs as ``nobody`` through runuser. The superuser ``postgres`` logs in without a password from this
machine; every other role needs its password (scram-sha-256), so the learners' logins are tested for real."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from page_helpers import free_port

SERVER_USER = "nobody"  # who runs the server when the tests run as root


def find_bindir() -> Path | None:
    """$PG_BINDIR, else initdb on PATH, else the newest /usr/lib/postgresql/*/bin (Debian keeps it off PATH)."""
    if os.environ.get("PG_BINDIR"):
        given = Path(os.environ["PG_BINDIR"])
        return given if (given / "initdb").is_file() else None
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


class PgServer:
    """One server: ``start()``, ``stop(mode)``, ``url(database, user, password)``, ``create_database()``."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="office-roles-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._as = ["runuser", "-u", SERVER_USER, "--"] if os.geteuid() == 0 else []
        self._databases = 0
        try:  # a failed initdb or start leaves no temporary folder (and no half-started server) behind
            if self._as:
                shutil.chown(self.folder, SERVER_USER)
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "-E", "UTF8", "--no-locale", "-A", "trust")
            (self.data / "pg_hba.conf").write_text(
                "local all all trust\n"
                "host all postgres 127.0.0.1/32 trust\n"
                "host all all 127.0.0.1/32 scram-sha-256\n")
            self.start()
        except BaseException:
            self.close()
            raise

    def _run(self, tool: str, *args: str) -> None:
        command = [*self._as, str(self.bindir / tool), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr or done.stdout}")

    def start(self) -> None:
        # fsync off: the tests stop the server, never the machine, so committed rows survive in the OS cache
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c max_connections=120 -c shared_buffers=32MB")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"),
                  "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        """``fast`` (clean) or ``immediate`` (as if the server crashed: recovery on the next start)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def url(self, database: str = "postgres", user: str = "postgres", password: str | None = None) -> str:
        secret = f":{password}" if password else ""
        return f"postgresql://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A fresh database; its admin URL."""
        import psycopg

        self._databases += 1
        name = f"t{os.getpid()}_{self._databases}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")  # type: ignore[arg-type]
        return self.url(name)

    def close(self) -> None:
        with contextlib.suppress(RuntimeError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
