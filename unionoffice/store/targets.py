"""Which office to open: a local SQLite file or a PostgreSQL server, and the saved server connection.

``--db`` and ``UNIONOFFICE_DB`` take either a file path or ``postgresql://user@host:5432/name``; without
them, the server connection saved in 单位设置 (a small JSON file in the per-user config folder: host,
port, database, user — never the password) and then the default file. The password comes from the
address itself (discouraged), else the OS keyring (``keyring`` package, the ``[server]`` extra),
else PostgreSQL's own ways (PGPASSWORD, pgpass.conf), else the window asks for it.

Nothing here imports SQLAlchemy or a driver: the CLI calls it before deciding what to load.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from unionoffice.paths import APP_NAME, DB_ENV, resolve_db_path

SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
KEYRING_SERVICE = "UnionOffice"
CONNECTION_FILE = "server-connection.json"
DEFAULT_PORT = 5432

Target = Path | str  # a local file, or a server URL (str)


def is_server_url(value: object) -> bool:
    return (isinstance(value, str) and "://" in value
            and value.split("://", 1)[0].lower() in SERVER_SCHEMES)


@dataclass(frozen=True)
class ServerConnection:
    """A saved server connection: everything but the password."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT

    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql://{quote(self.user, safe='')}@{host}:{self.port}/{quote(self.database, safe='')}"

    def keyring_name(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @classmethod
    def from_url(cls, url: str) -> "ServerConnection":
        parts = urlsplit(url)
        return cls(host=parts.hostname or "localhost", database=unquote(parts.path.lstrip("/")),
                   user=unquote(parts.username or ""), port=parts.port or DEFAULT_PORT)


def url_password(url: str) -> str | None:
    password = urlsplit(url).password
    return unquote(password) if password else None


def without_password(url: str) -> str:
    """The URL with any password taken out (what is saved, shown and used as the keyring's name)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = (parts.username and quote(unquote(parts.username), safe="")) or ""
    return parts._replace(netloc=f"{user}@{netloc[-1]}").geturl()


def shown_target(target: Target) -> str:
    """How messages name the office: the file's path, or the server's address without password."""
    return without_password(target) if isinstance(target, str) else str(target)


def _config_dir() -> Path:
    from unionoffice.paths import is_portable, program_dir

    if is_portable():
        return program_dir() / "data"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def connection_file() -> Path:
    return _config_dir() / CONNECTION_FILE


def load_connection() -> ServerConnection | None:
    """The saved server connection, or None (none saved, or a file we cannot read: the local file then)."""
    try:
        data = json.loads(connection_file().read_text(encoding="utf-8"))
        return ServerConnection(host=str(data["host"]), database=str(data["database"]), user=str(data["user"]),
                                port=int(data.get("port", DEFAULT_PORT)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_connection(connection: ServerConnection | None) -> None:
    """Save (or with None, forget) the server connection; written to a temp name, then renamed."""
    path = connection_file()
    if connection is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(asdict(connection), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def resolve_target(cli_value: str | os.PathLike[str] | None) -> Target:
    """``--db``, then ``UNIONOFFICE_DB``, then the saved server connection, then the default file.

    A server URL is returned as a str, a file as a resolved Path; an empty value is refused
    (paths.EmptyDatabasePath), as for a file."""
    if cli_value is not None and is_server_url(os.fspath(cli_value).strip()):
        return os.fspath(cli_value).strip()
    if cli_value is None:
        env = os.environ.get(DB_ENV)
        if env is not None and is_server_url(env.strip()):
            return env.strip()
        if env is None:
            saved = load_connection()
            if saved is not None:
                return saved.url()
    return resolve_db_path(cli_value)


# --- the password in the OS keyring ---------------------------------------------------------

def _keyring():  # type: ignore[no-untyped-def]
    try:
        import keyring
        from keyring.errors import KeyringError  # noqa: F401
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 — a broken keyring set-up means "no keyring"
        return None
    if type(backend).__module__ in ("keyring.backends.fail", "keyring.backends.null"):
        return None  # keyring's fail/null backends: nothing would be kept
    if type(backend).__module__ == "keyring.backends.chainer" and not getattr(backend, "backends", None):
        return None
    return keyring


def keyring_available() -> bool:
    return _keyring() is not None


def stored_password(url: str) -> str | None:
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, ServerConnection.from_url(url).keyring_name())
    except Exception:  # noqa: BLE001 — a locked or broken keyring: the password is asked instead
        return None


def store_password(url: str, password: str) -> bool:
    """Keep the password in the OS keyring; False when there is none (it is then asked at each start)."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, ServerConnection.from_url(url).keyring_name(), password)
    except Exception:  # noqa: BLE001
        return False
    return True


def forget_password(url: str) -> None:
    keyring = _keyring()
    if keyring is None:
        return
    try:
        keyring.delete_password(KEYRING_SERVICE, ServerConnection.from_url(url).keyring_name())
    except Exception:  # noqa: BLE001 — nothing stored
        pass


def password_for(url: str) -> str | None:
    """The password to connect with: in the URL, else the keyring's; None lets libpq use PGPASSWORD/pgpass."""
    return url_password(url) or stored_password(url)
