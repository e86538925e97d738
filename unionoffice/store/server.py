"""A server office's database: PostgreSQL through psycopg 3 (the optional ``[server]`` extra).

The same Alembic migrations as the local SQLite file run here; the upgrade is made by one PC at a
time under a PostgreSQL advisory lock, and a server whose schema is newer than the program is
refused with a message and left untouched.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from unionoffice.i18n import _
from unionoffice.store.database import Database, DatabaseError
from unionoffice.store.targets import SERVER_SCHEMES, is_server_url, password_for, without_password

# pg_advisory_xact_lock key for schema upgrades: "UOSC" as an integer, the same on every PC.
UPGRADE_LOCK_KEY = 0x554F5343


class ServerError(DatabaseError):
    """A server database that cannot be used; the message is for the user.

    ``needs_password``: the server asked for a password that was missing or wrong (the window asks)."""

    def __init__(self, message: str, needs_password: bool = False) -> None:
        super().__init__(message)
        self.needs_password = needs_password


__all__ = ["SERVER_SCHEMES", "ServerError", "is_server_url", "open_server_database", "open_server_engine"]


def _driver_url(url: str) -> str:
    scheme, rest = url.split("://", 1)
    if scheme.lower() in ("postgresql", "postgres"):
        scheme = "postgresql+psycopg"
    return f"{scheme}://{rest}"


def shown_url(url: str) -> str:
    """The URL as messages show it: never the password."""
    try:
        return make_url(_driver_url(url)).render_as_string(hide_password=True).replace("+psycopg", "")
    except ArgumentError:
        return url.split("@")[-1]


def make_server_engine(url: str, password: str | None = None) -> Engine:
    try:
        parsed = make_url(_driver_url(url))
        if password is not None:
            parsed = parsed.set(password=password)
        return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    except NoSuchModuleError:
        raise ServerError(_("This installation has no PostgreSQL driver: install the program with its "
                            "server option (pip install 'unionoffice[server]').")) from None
    except (ArgumentError, ModuleNotFoundError) as exc:
        if isinstance(exc, ModuleNotFoundError):
            raise ServerError(_("This installation has no PostgreSQL driver: install the program with its "
                                "server option (pip install 'unionoffice[server]').")) from None
        raise ServerError(_("“{url}” is not a database address (postgresql://user@host:5432/name).").format(
            url=url)) from None


def read_server_schema_version(engine: Engine) -> int | None:
    """The schema version on the server, None for an empty database; ServerError when unreachable."""
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    except OperationalError as exc:
        if _is_password_problem(exc):
            raise ServerError(_("The database server {url} did not accept the password of user “{user}” "
                                "(or none was given).").format(
                url=shown_url(engine.url.render_as_string(hide_password=True)), user=engine.url.username or ""),
                needs_password=True) from None
        raise ServerError(_("Cannot reach the database server {url}: {error}").format(
            url=shown_url(engine.url.render_as_string(hide_password=True)), error=_first_line(exc))) from None
    if row is None:
        return None
    try:
        return int(row[0])
    except ValueError:
        return None


def _is_password_problem(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", None) or exc).lower()
    return "password authentication failed" in text or "no password supplied" in text


def _first_line(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__


def upgrade_server(engine: Engine) -> int | None:
    """Bring the server's schema to the program's, one PC at a time; returns the version found before.

    The advisory lock is held for the migration's transaction, so a second PC starting at the same
    moment waits, then finds the schema current and does nothing.
    """
    from alembic import command

    from unionoffice.store import migrate

    head = migrate.head_version()
    config = migrate.alembic_config()
    with engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK_KEY})
        found = _version_in(connection)
        if found is not None and found > head:
            raise ServerError(_newer_message(found, head))
        if found is None or found < head:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return found


def _version_in(connection) -> int | None:  # type: ignore[no-untyped-def]
    if not inspect(connection).has_table("alembic_version"):
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return int(row[0]) if row is not None and str(row[0]).isdigit() else None


def _newer_message(found: int, known: int) -> str:
    return _("The server's database was written by a newer version of the program (schema {found}; this program "
             "knows up to {known}). Please update the program on this PC. Nothing was changed.").format(
        found=found, known=known)


def open_server_engine(url: str, password: str | None = None) -> tuple[Engine, int, int | None]:
    """An engine on the server office's database at the program's schema: (engine, version, upgraded from)."""
    from unionoffice.store import migrate

    engine = make_server_engine(url, password)
    head = migrate.head_version()
    try:
        current = read_server_schema_version(engine)
        if current is not None and current > head:
            raise ServerError(_newer_message(current, head))
        upgraded_from = None
        if current is None or current < head:
            upgraded_from = upgrade_server(engine)
    except ServerError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        raise ServerError(_("The database server {url} refused the change: {error}").format(
            url=shown_url(url), error=_first_line(exc))) from None
    return engine, head, upgraded_from


def open_server_database(url: str, password: str | None = None) -> Database:
    """The server office at ``url`` as a Database (path None): the password given, else the one in
    the URL or the OS keyring, else libpq's own (PGPASSWORD, pgpass)."""
    from sqlalchemy.orm import sessionmaker

    if not is_server_url(url):
        raise ServerError(_("“{url}” is not a database address (postgresql://user@host:5432/name).").format(url=url))
    engine, version, upgraded_from = open_server_engine(url, password if password is not None else password_for(url))
    return Database(path=None, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False),
                    schema_version=version, upgraded_from=upgraded_from, url=without_password(url))

