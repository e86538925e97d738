"""Opening a database: pragmas, schema upgrades with a copy first, refusal of newer files."""

from __future__ import annotations

import contextlib
import contextvars
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import URL, Engine, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from unionoffice.i18n import _, os_error_text
from unionoffice.store import migrate, open_connections
from unionoffice.store.schema_guard import UnexpectedSchema, check_schema
from unionoffice.store.sqlite_paths import UnusablePath, check_database_path, connect_readonly, readonly_uri

# Set while a write session begins: its transaction starts with BEGIN IMMEDIATE, so it waits
# (busy timeout) for another writer instead of failing at its first write.
_IMMEDIATE: contextvars.ContextVar[bool] = contextvars.ContextVar("unionoffice_immediate", default=False)


# Called with the statement when a transaction that began with a plain BEGIN writes (it may then
# fail busy instead of waiting). None in the program; tests set it to find such sessions.
DEFERRED_WRITE_HOOK: Callable[[str], None] | None = None
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _writes(statement: str) -> bool:
    return statement.lstrip()[:7].upper().startswith(_WRITES)


class DatabaseError(Exception):
    """A database that cannot be opened; the message is for the user."""


def make_engine(path: Path, read_only: bool = False) -> Engine:
    """A SQLite engine with foreign keys on, WAL journal and a busy timeout.

    pysqlite's own transaction handling skips BEGIN before DDL, so we switch it off and emit
    BEGIN ourselves: that makes a whole migration (DDL included) one real transaction.
    """
    from unionoffice.store.writer_lock import busy_seconds

    plain = str(path)  # a plain path: SQLite never parses it, so "#", "?" and "%" are just characters
    busy_ms = int(busy_seconds() * 1000)
    target, uri = (readonly_uri(path), True) if read_only else (plain, False)
    engine = create_engine(
        URL.create("sqlite", database=plain),
        creator=lambda: open_connections.connect(target, uri=uri, timeout=busy_ms / 1000, check_same_thread=False),
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        immediate = _IMMEDIATE.get()
        connection.info["immediate"] = immediate  # type: ignore[attr-defined]
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")  # type: ignore[attr-defined]

    @event.listens_for(engine, "before_cursor_execute")
    def _on_execute(connection: object, _cursor: object, statement: str, *_args: object) -> None:
        hook = DEFERRED_WRITE_HOOK
        if hook is not None and not connection.info.get("immediate", True) and _writes(statement):  # type: ignore[attr-defined]
            hook(statement)

    return engine


@dataclass
class Database:
    """An open office: a local SQLite file (``path``) or a PostgreSQL server (``url``, path None)."""

    path: Path | None
    engine: Engine
    sessions: sessionmaker[Session]
    schema_version: int
    upgraded_from: int | None = None
    pre_upgrade_copy: Path | None = None
    writer_lock: object | None = None  # a store.writer_lock.WriterLock released on close()
    url: str | None = None  # a server office: its address, without the password

    @property
    def is_server(self) -> bool:
        return self.url is not None

    @property
    def target(self) -> Path | str:
        """What opens this office again: the file's path or the server's URL (no password)."""
        return self.url if self.url is not None else self.path  # type: ignore[return-value]

    @property
    def display_name(self) -> str:
        """How the window and messages name the office (never a password)."""
        from unionoffice.store.targets import shown_target

        return shown_target(self.target)

    @property
    def data_folder(self) -> Path:
        """The local folder for what stays on this PC (upload profiles, local backups): the database
        file's folder, or for a server office this user's data folder."""
        if self.path is not None:
            return self.path.parent
        from unionoffice.paths import data_dir

        return data_dir()

    @contextlib.contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error.

        ``write=True`` for a session that saves: its transaction begins with BEGIN IMMEDIATE at
        once, so it waits (busy timeout) while another program writes. A plain BEGIN that reads
        first and writes later cannot wait: once another writer commits meanwhile, SQLite fails
        it at its first write (SQLITE_BUSY_SNAPSHOT), so a writer must say so when it begins.
        """
        if write:
            with self.write_session() as session:
                yield session
            return
        with self.sessions() as session:
            with session.begin():
                yield session

    @contextlib.contextmanager
    def write_session(self) -> Iterator[Session]:
        """A session for a command that writes: BEGIN IMMEDIATE, so a second writer waits its turn."""
        with self.sessions() as session:
            token = _IMMEDIATE.set(True)
            try:
                session.connection()  # begins now, immediately
            finally:
                _IMMEDIATE.reset(token)
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()
        lock, self.writer_lock = self.writer_lock, None
        if lock is not None:
            lock.release()  # type: ignore[attr-defined]


def open_office(target: Path | str, *, create: bool = True, read_only: bool = False,
                password: str | None = None) -> Database:
    """Open a local file (as ``open_database``) or a server office (``postgresql://…``).

    A server office: the schema is upgraded under the server's advisory lock, a newer one refused;
    no file lock of any kind. DatabaseError (a ServerError) with a message naming no password."""
    from unionoffice.store.targets import is_server_url

    if isinstance(target, str) and is_server_url(target):
        from unionoffice.store.server import open_server_database

        return open_server_database(target, password=password)
    return open_database(target, create=create, read_only=read_only)


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup API (includes what sits in the WAL)."""
    tmp = target.with_name(target.name + ".part")
    with contextlib.closing(connect_readonly(source)) as src, contextlib.closing(sqlite3.connect(str(tmp))) as dst:
        src.backup(dst)
    tmp.replace(target)


def pre_upgrade_copy_path(path: Path, target_version: int) -> Path:
    return path.with_name(f"{path.name}.pre-v{target_version}.bak")


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def _holds_nothing(path: Path) -> bool:
    """Whether the SQLite file at ``path`` has no schema objects at all (read without writing)."""
    try:
        with contextlib.closing(connect_readonly(path)) as conn:
            return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    except sqlite3.DatabaseError:
        return False


def open_database(path: Path | str, *, create: bool = True, read_only: bool = False) -> Database:
    """Open (or create) the database at ``path`` and bring its schema to the program's version.

    An older database is first copied to ``<name>.pre-v<N>.bak`` and then upgraded in one
    transaction; a database written by a newer program is refused and left untouched.
    ``read_only``: open without writing anything (a write-protected file or folder); an older
    schema is then refused, since it cannot be upgraded.
    """
    path = Path(path)
    head = migrate.head_version()
    try:
        exists = check_database_path(path) and path.stat().st_size > 0
    except UnusablePath as exc:
        raise DatabaseError(str(exc)) from exc
    if not exists and not create:
        raise DatabaseError(_("The database file {path} does not exist.").format(path=path))
    from unionoffice.store.temp_dirs import clean_stale_for

    if not read_only:
        clean_stale_for(path)  # plaintext snapshots left by a killed backup or restore
    if exists and not _looks_like_sqlite(path):
        raise DatabaseError(_("{path} is not a UnionOffice database file.").format(path=path))
    if exists and create and not read_only and _holds_nothing(path):
        # A SQLite file without a single table, index or view (e.g. a first start or an import into a
        # new file interrupted before its tables were made, all in one transaction): nothing in it to
        # lose, so it is set up as a new office, as an empty file is.
        exists = False
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(_("The folder for the database {path} cannot be created: {error}").format(
                path=path, error=os_error_text(exc))) from exc

    current = read_schema_version(path) if exists else None
    if exists and current is None:
        raise DatabaseError(_("{path} is not a UnionOffice database file.").format(path=path))
    if current is not None and current > head:
        raise DatabaseError(
            _(
                "This database was written by a newer version of the program (schema {found}; "
                "this program knows up to {known}). Please update the program. The file was not changed."
            ).format(found=current, known=head)
        )

    if current is not None:
        _check_schema_objects(path, head=current == head)
    if read_only:
        if current != head:
            raise DatabaseError(_(
                "The database {path} is write-protected and has an older schema, so it cannot be upgraded; "
                "copy it to a folder you can write to.").format(path=path))
        engine = make_engine(path, read_only=True)
        return Database(path=path, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False), schema_version=head)

    copy_path = None
    if current is not None and current < head:
        copy_path = pre_upgrade_copy_path(path, head)
        copy_database(path, copy_path)

    engine = make_engine(path)
    try:
        if current is None or current < head:
            migrate.upgrade_to_head(engine)
    except Exception as exc:
        engine.dispose()
        if copy_path is not None:
            raise DatabaseError(
                _("Upgrading the database failed and nothing was changed ({error}). A copy is kept at {copy}.").format(
                    error=exc, copy=copy_path
                )
            ) from exc
        raise
    if current is not None and current < head:
        try:
            _check_schema_objects(path, head=True)
        except DatabaseError:
            engine.dispose()
            raise
    return Database(
        path=path,
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        schema_version=head,
        upgraded_from=current if copy_path else None,
        pre_upgrade_copy=copy_path,
    )


def _check_schema_objects(path: Path, head: bool) -> None:
    try:
        check_schema(path, head=head)
    except UnexpectedSchema as exc:
        raise DatabaseError(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(_("{path} cannot be read as a database ({error}).").format(path=path, error=exc)) from exc


def read_schema_version(path: Path) -> int | None:
    """The schema version recorded in the file, or None when it is not one of ours.

    Read with a plain read-only connection so that a refused file is not touched.
    """
    try:
        with contextlib.closing(connect_readonly(path)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(_("{path} cannot be read as a database ({error}).").format(path=path, error=exc)) from exc
    if row is None:
        return None
    try:
        return int(row[0])
    except ValueError:
        return None


def table_counts(engine: Engine) -> dict[str, int]:
    """Row counts per table (for `info`, backups' manifests and the About box)."""
    names = sorted(n for n in inspect(engine).get_table_names() if n != "alembic_version")
    with engine.connect() as conn:
        return {name: conn.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one() for name in names}
