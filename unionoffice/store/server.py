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

SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
# pg_advisory_xact_lock key for schema upgrades: "UOSC" as an integer, the same on every PC.
UPGRADE_LOCK_KEY = 0x554F5343


class ServerError(Exception):
    """A server database that cannot be used; the message is for the user."""


def is_server_url(text: object) -> bool:
    return isinstance(text, str) and text.split("://", 1)[0].lower() in SERVER_SCHEMES and "://" in text


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
        raise ServerError(_("Cannot reach the database server {url}: {error}").format(
            url=shown_url(engine.url.render_as_string(hide_password=True)), error=_first_line(exc))) from None
    if row is None:
        return None
    try:
        return int(row[0])
    except ValueError:
        return None


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


def open_server_office(url: str, password: str | None = None):  # noqa: ANN201 - a store.database.Database
    """A Database object on a server office (engine at the program's schema, sessions as for a file)."""
    from pathlib import Path

    from sqlalchemy.orm import sessionmaker

    from unionoffice.store.database import Database

    engine, version, upgraded_from = open_server_engine(url, password)
    return Database(path=Path(shown_url(url)), engine=engine, sessions=sessionmaker(engine, expire_on_commit=False),
                    schema_version=version, upgraded_from=upgraded_from)
