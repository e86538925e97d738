"""What a PostgreSQL failure means for the person: one line, and the CLI's exit code.

The server gone mid-save (restarted, network cut, the session terminated) rolls the transaction
back on the server: nothing of the change is kept, and the message says so.
"""

from __future__ import annotations

from unionoffice.i18n import _

REJECTED, UNUSABLE, BUSY = 1, 2, 3


def is_connection_lost(error: BaseException) -> bool:
    """True when the connection to the server broke (the change was rolled back by the server)."""
    orig = getattr(error, "orig", None) or error
    if getattr(error, "connection_invalidated", False):
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover - no server driver installed
        return False
    if isinstance(orig, (psycopg.errors.AdminShutdown, psycopg.errors.CrashShutdown, psycopg.errors.CannotConnectNow)):
        return True
    return isinstance(orig, psycopg.OperationalError) and getattr(orig, "sqlstate", None) in (None, "57P01", "08006", "08003")


def server_message(error: BaseException) -> tuple[int, str]:
    orig = getattr(error, "orig", None) or error
    import psycopg

    if isinstance(orig, psycopg.errors.ReadOnlySqlTransaction):
        return REJECTED, _("This person may only look at the records (read-only role): nothing was changed.")
    if isinstance(orig, (psycopg.errors.LockNotAvailable, psycopg.errors.DeadlockDetected,
                         psycopg.errors.SerializationFailure)):
        return BUSY, _("Another PC is changing the same records right now: nothing was changed. Try again in a moment.")
    if is_connection_lost(error):
        return UNUSABLE, _("The connection to the database server was lost during the change: nothing of it was "
                           "saved. Check the network and try again.")
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return UNUSABLE, _("The database server refused the change ({error}); nothing was saved.").format(error=first)


def friendly_failure(error: BaseException) -> str | None:
    """The one line to show for a server office's refusal that reached the window's error handler
    (a read-only person, a record changed meanwhile, a busy register, the server gone); None for a bug."""
    names = {"ReadOnlyUser", "RecordChanged", "RegisterBusy", "NotAdministrator"}
    if type(error).__name__ in names and type(error).__module__.startswith("unionoffice."):
        return str(error)
    orig = getattr(error, "orig", None)
    if type(orig).__module__.startswith("psycopg"):
        return server_message(error)[1]
    return None
