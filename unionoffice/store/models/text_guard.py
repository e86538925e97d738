"""Every text the program stores passes ``domain.text_rules`` at flush time, whoever wrote it.

The services and import readers clean and check text where they can name the row and field;
this is the net under them (forms, scripts, a register that forgot): before each flush, every
string attribute of a new or changed object is cleaned of control/bidi/zero-width characters and
refused (TextTooLong naming the table and column) beyond its column's length, or
``MAX_LONG_TEXT`` for unbounded text. Machine-written columns (JSON, audit summaries, derived
pinyin) are only cleaned, not limited.
"""

from __future__ import annotations

from sqlalchemy import String, Text, event, inspect
from sqlalchemy.orm import Session

from unionoffice.domain.text_rules import MAX_LONG_TEXT, TextTooLong, clean_text

# (table, column) written by the program itself: cleaning is harmless, a limit would only break saves.
UNLIMITED = {
    ("settings", "value"), ("report_drafts", "content"), ("audit_log", "summary"), ("audit_log", "before"),
    ("audit_log", "after"), ("members", "pinyin_full"), ("members", "pinyin_initials"),
}
# Machine-written JSON must keep its bytes exactly (json.dumps escapes control characters anyway).
UNTOUCHED = {("report_drafts", "content"), ("audit_log", "before"), ("audit_log", "after")}


_CACHE: dict[object, list[tuple[str, str, int | None, bool]]] = {}


def _text_columns(mapper) -> list[tuple[str, str, int | None, bool]]:  # noqa: ANN001
    cached = _CACHE.get(mapper)
    if cached is not None:
        return cached
    found = []
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        if not isinstance(column.type, String) or column.table is None:
            continue
        key = (column.table.name, column.name)
        if key in UNTOUCHED:
            continue
        multiline = isinstance(column.type, Text)
        limit = None if key in UNLIMITED else (column.type.length or MAX_LONG_TEXT)
        found.append((attr.key, f"{column.table.name}.{column.name}", limit, multiline))
    _CACHE[mapper] = found
    return found


@event.listens_for(Session, "before_flush")
def _clean_texts(session: Session, _context: object, _instances: object) -> None:
    for obj in list(session.new) + list(session.dirty):
        state = inspect(obj)
        for key, label, limit, multiline in _text_columns(state.mapper):
            value = state.dict.get(key)
            if not isinstance(value, str):
                continue
            cleaned = clean_text(value, multiline=multiline)
            if cleaned != value:
                setattr(obj, key, cleaned)
            if limit is not None and len(cleaned) > limit:
                raise TextTooLong(label, len(cleaned), limit)
