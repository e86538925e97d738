"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, pg_ctl on a free
local port (loopback only), stopped and removed at the end. Needs Debian's `postgresql` package,
which `make test`'s system step installs; as root (CI) the server runs as the `postgres` user,
since initdb refuses to run as root."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path


def _bindir() -> Path | None:
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True)
        candidate = Path(out.stdout.strip())
        if (candidate / "initdb").exists():
            return candidate
    for path in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        return Path(path).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int
    bindir: Path
    as_user: str | None
    template: str | None = None
    _free: list = field(default_factory=list)
    _seeds: "FreshState | None" = None

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_user:
            command = ["runuser", "-u", self.as_user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    def url(self, database: str = "postgres", user: str = "unionoffice") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh empty database (one per test) and its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def database_from_template(self) -> str:
        """A fresh database already at the program's schema: a copy of one migrated template (a file
        copy on the server, much quicker than running every migration per test)."""
        import psycopg

        if self.template is None:
            from unionoffice.store.server import open_server_engine

            name = "uo_template_" + uuid.uuid4().hex[:8]
            with psycopg.connect(self.url(), autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            engine, _version, _from = open_server_engine(self.url(name))
            engine.dispose()
            self.template = name
        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return self.url(name)

    def fresh_office(self) -> str:
        """A database as a fresh office has it (the program's schema, the migrations' own rows, the
        sequences from the start), for one test: reused from a pool and emptied (about 20 ms, where
        CREATE DATABASE … TEMPLATE takes a second on this machine). ``give_back`` returns it."""
        if self._free:
            url = self._free.pop()
        else:
            url = self.database_from_template()
            if self._seeds is None:
                self._seeds = _fresh_state(url)
        _reset(url, self._seeds)
        return url

    def give_back(self, url: str) -> None:
        self._free.append(url)

    def password_office(self, user: str, password: str) -> str:
        """A database owned by a role that must give its password (scram), the cluster's other roles
        staying trusted; its URL without the password."""
        import psycopg

        hba = self.folder / "data" / "pg_hba.conf"
        line = f"host all {user} 127.0.0.1/32 scram-sha-256\n"
        text = hba.read_text()
        if line not in text:
            with hba.open("w") as fh:  # in place: the file keeps its owner
                fh.write(line + text)
            reload = self._run("pg_ctl", "-D", str(self.folder / "data"), "reload")
            if reload.returncode != 0:
                raise RuntimeError(reload.stderr)
            import time

            time.sleep(0.5)  # the postmaster reads it again on its signal
        name = "p_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,)).fetchone()
            if not exists:
                conn.execute(f'CREATE ROLE "{user}" LOGIN PASSWORD %s'.replace("%s", "'" + password.replace("'", "''") + "'"))
            conn.execute(f'CREATE DATABASE "{name}" OWNER "{user}"')
        return self.url(name, user=user)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[-1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class FreshState:
    tables: list  # program tables, parents first
    rows: dict  # table -> rows the migrations wrote
    sequences: list  # (sequence, table, column)


def _fresh_state(url: str) -> FreshState:
    import psycopg

    from unionoffice.store.transfer import program_tables

    names = [t.name for t in program_tables()]
    with psycopg.connect(url, autocommit=True) as conn:
        rows = {name: conn.execute(f'SELECT * FROM "{name}"').fetchall() for name in names}
        sequences = conn.execute(
            "SELECT s.oid::regclass::text, t.relname, a.attname FROM pg_class s "
            "JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass "
            "JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
            "WHERE s.relkind = 'S'").fetchall()
    return FreshState(names, {k: v for k, v in rows.items() if v}, sequences)


def _reset(url: str, state: FreshState) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                     "AND pid <> pg_backend_pid()")  # a test's connection left open must not hold locks
        with conn.transaction():
            conn.execute("; ".join(f'DELETE FROM "{name}"' for name in reversed(state.tables)))
            for name, rows in state.rows.items():
                with conn.cursor() as cur:
                    cur.executemany(f'INSERT INTO "{name}" VALUES ({", ".join(["%s"] * len(rows[0]))})', rows)
            if state.sequences:
                conn.execute("SELECT " + ", ".join(
                    f"setval('{seq}', COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)"
                    for seq, table, column in state.sequences))


def start_cluster() -> Cluster | None:
    """A running cluster with a superuser `unionoffice` trusted on loopback, or None when PostgreSQL is absent."""
    bindir = _bindir()
    if bindir is None:
        return None
    as_user = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="uo-pg-"))
    os.chmod(folder, 0o755)
    if as_user:
        shutil.chown(folder, as_user, as_user)
    cluster = Cluster(folder, _free_port(), bindir, as_user)
    data = folder / "data"
    init = cluster._run("initdb", "-D", str(data), "-U", "unionoffice", "--auth=trust", "-E", "UTF8",
                        "--locale=C.UTF-8", "--no-sync")
    if init.returncode != 0:
        raise RuntimeError(f"initdb failed: {init.stderr.strip()}")
    start = cluster._run("pg_ctl", "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60", "-o",
                         f"-p {cluster.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                         "-c synchronous_commit=off -c full_page_writes=off", "start")
    if start.returncode != 0:
        log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {start.stderr.strip()} {log[-2000:]}")
    return cluster


_cluster: Cluster | None = None


def session_cluster():  # type: ignore[no-untyped-def]
    """The one cluster of this test run (started on first use, stopped at exit); pytest.skip when
    PostgreSQL is not installed here — but in CI (CI=true) its absence is a failure."""
    import atexit

    import pytest

    global _cluster
    if _cluster is None:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            if os.environ.get("CI"):
                pytest.fail("psycopg is not installed: `pip install -e '.[dev]'` installs it")
            pytest.skip("psycopg is not installed")
        cluster = start_cluster()
        if cluster is None:
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL is not installed: scripts/install-system-deps.sh installs it")
            pytest.skip("PostgreSQL (initdb, pg_ctl) is not installed")
        _cluster = cluster
        atexit.register(cluster.stop)
    return _cluster
