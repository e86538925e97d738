"""Pages refresh what others changed (another PC, the command line) when they are shown again."""

from __future__ import annotations

from unionoffice.services.versioning import RegisterStamp, register_stamp
from unionoffice.store.database import Database


class RegisterWatch:
    """Remembers a register's stamp; ``changed()`` is True once after any change since the last look."""

    def __init__(self, db: Database, model: type | str) -> None:
        self.db, self.model = db, model
        self._seen: RegisterStamp | None = self._read()

    def _read(self) -> RegisterStamp:
        with self.db.session() as session:
            return register_stamp(session, self.model)

    def mark_seen(self) -> None:
        self._seen = self._read()

    def changed(self) -> bool:
        now = self._read()
        changed, self._seen = now != self._seen, now
        return changed


def changed_since_last_shown(page: object, table: str) -> bool:
    """For a page's showEvent: True when ``table`` changed since the page was last shown (or built)."""
    watch = getattr(page, "_register_watch", None)
    if watch is None:
        page._register_watch = RegisterWatch(page.ctx.db, table)  # type: ignore[attr-defined]
        return False
    return watch.changed()
