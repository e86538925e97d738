"""A roster import as the command runs it: the file read, planned and written a chunk at a time.

No list of every row is ever held: each chunk of parsed rows is planned against the members it
names, written, and dropped; only what the import reports stays (rows rejected, with their cells
for the errors file; members changed, with their changes; status conflicts; the notices). The
database ends as ``plan_import`` + ``apply_import`` leave it for the same file, and it stays all
or nothing: once a row is rejected (without ``skip_invalid``) nothing more is written and what
was written is rolled back.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionoffice.io.roster_sheet import COLUMNS
from unionoffice.io.sheets import RowResult, SheetParse, format_issue
from unionoffice.io.sheets.reader import stream_and_parse
from unionoffice.services.roster_import import Action, ImportPlan, ImportResult, PlannedRow, plan_chunks
from unionoffice.services.roster_writer import RosterWriter
from unionoffice.store.models import Member

KEPT_VALUES = ("name", "id_number")  # what the report names a changed member by


@contextmanager
def open_roster(path: str | Path, sheet: str | int | None = None) -> Iterator[tuple[SheetParse, Iterator[RowResult]]]:
    """The roster's header read (SheetError at once for a file that cannot be used) and its rows to come."""
    with stream_and_parse(path, COLUMNS, sheet=sheet, key="id_number") as opened:
        yield opened


@dataclass
class StreamedImport:
    plan: ImportPlan  # the rows reported (errors, changes, conflicts) and the count of every kind
    result: ImportResult | None  # None: nothing written (a dry run, or rows rejected)
    notices: list[str] = field(default_factory=list)  # "第5行 身份证号：…已转换为18位" per row notice


class _Rejected(Exception):
    """Leaves the writer without building what a rolled-back import would throw away."""


def import_streamed(session: Session, parsed: SheetParse, rows: Iterator[RowResult], *, update_existing: bool = False,
                    apply_status: bool = False, write: bool = True, skip_invalid: bool = False, source_name: str = "",
                    today: dt.date | None = None) -> StreamedImport:
    """Plan every row and, with ``write``, import them (see the module). Rows rejected without
    ``skip_invalid``: the session's transaction is rolled back, ``result`` is None."""
    today = today or dt.date.today()
    counts: Counter[Action] = Counter()
    plan = ImportPlan(parsed, [], update_existing, counts)
    notices: list[str] = []
    lookup = session.scalar(select(Member.id).limit(1)) is not None  # an empty roster: nobody to find
    writer = RosterWriter(session, parsed.mapping, today, parsed.row_count) if write else None
    try:
        if writer is not None:
            writer.__enter__()
        for chunk in plan_chunks(session, parsed.mapping, rows, update_existing=update_existing,
                                 apply_status=apply_status, today=today, lookup=lookup):
            for planned in chunk:
                counts[planned.action] += 1
                if planned.row.notices:
                    notices.extend(format_issue(planned.row.row_number, issue) for issue in planned.row.notices)
            if writer is not None and (skip_invalid or not counts[Action.ERROR]):
                writer.write(chunk)
            plan.rows.extend(_reported(chunk))
        if writer is None:
            return StreamedImport(plan, None, notices)
        if counts[Action.ERROR] and not skip_invalid:
            raise _Rejected()
        result = writer.finish(source_name or (parsed.path.name if parsed.path else ""))
    except _Rejected:
        writer.__exit__(_Rejected, None, None)
        session.rollback()
        return StreamedImport(plan, None, notices)
    except BaseException as exc:
        if writer is not None:
            writer.__exit__(type(exc), exc, exc.__traceback__)
        raise
    writer.__exit__(None, None, None)
    return StreamedImport(plan, result, notices)


def _reported(chunk: list[PlannedRow]) -> list[PlannedRow]:
    """The rows the import reports, changed members slimmed to what names them (their cells
    are needed only for rejected rows)."""
    kept = []
    for planned in chunk:
        if planned.action == Action.ERROR:
            kept.append(planned)
        elif planned.changes or planned.conflict is not None:
            row = planned.row
            row.values = {key: row.values.get(key) for key in KEPT_VALUES}
            row.raw_cells = []
            kept.append(planned)
    return kept
