"""What the work summary looks up besides its figures, read with raw SQL (store/raw_sql.py) so that
drafting a summary builds no ORM statement: the office's settings and the ledgers' kind names.
The same rules as services/office.py (document_language, load_settings) and
services/ledger_kinds.py (kind_labels)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from unionoffice.store.raw_sql import raw_rows

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def setting_values(session: Session) -> dict[str, str]:
    """Every stored office setting: key → value (a key never saved is absent)."""
    return dict(raw_rows(session, "SELECT key, value FROM settings"))


def document_language(session: Session) -> str:
    """The language summaries and printed forms are written in (Chinese unless the office chose English)."""
    rows = raw_rows(session, "SELECT value FROM settings WHERE key = ?", ("document_language",))
    return (rows[0][0] if rows else "zh_CN") or "zh_CN"


def kind_labels(session: Session, ledger: str) -> dict[str, str]:
    """code → label of every kind of the ledger, retired ones included, in the kinds' list order."""
    return dict(raw_rows(session, "SELECT code, label FROM ledger_kinds WHERE ledger = ? ORDER BY position, id",
                         (ledger,)))
