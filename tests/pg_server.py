"""A throwaway PostgreSQL server for the tests and benchmarks: Debian's `initdb` and `pg_ctl`
in a temporary folder, on a free loopback port, trust authentication, stopped at the end.

PostgreSQL refuses to run as root; as root, the server runs as the `postgres` user that
Debian's package creates (the folder is handed to it).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from itertools import count
from pathlib import Path

USER = "quotidien"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl (Debian keeps them out of PATH), or None."""
    if found := shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version)
    return Path(folders[-1]) if folders else None


def _version(folder: str) -> int:
    number = Path(folder).parent.name
    return int(number) if number.isdigit() else 0


class PostgresServer:
    def __init__(self) -> None:
        folder = binaries()
        if folder is None:
            raise RuntimeError("PostgreSQL's initdb/pg_ctl are not installed (Debian: postgresql)")
        self.bin = folder
        self.root = Path(tempfile.mkdtemp(prefix="quotidien-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self._names = count(1)

    def start(self, settings: str = "-c fsync=off") -> PostgresServer:
        """Start the server; `settings`: more `-c name=value` options (the tests turn fsync
        off: nothing they write needs to survive a crash)."""
        self._run(
            "initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8",
        )  # fmt: skip
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.root} -c max_connections=50 {settings}"
        )
        log = self.root / "server.log"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(log), "-w", "start")
        return self

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """The URL of a new, empty database."""
        import psycopg

        name = f"test_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def _run(self, program: str, *args: str) -> None:
        command = [*self.as_user, str(self.bin / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.root)
        if done.returncode:
            raise RuntimeError(f"{program} failed: {done.stderr.strip() or done.stdout.strip()}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
