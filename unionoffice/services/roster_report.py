"""What a roster import reports beyond its counts: a line per changed member and per status
conflict (CLI), and the 变更 sheet of the errors/changes workbook (one row per changed field)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from unionoffice.i18n import _
from unionoffice.services.roster_changes import display
from unionoffice.services.roster_import import Action, ImportPlan, PlannedRow

if TYPE_CHECKING:
    from unionoffice.io.sheets.rejects import ReportSheet


def _who(planned: PlannedRow) -> str:
    return planned.row.values.get("name") or planned.row.values.get("id_number") or ""


def change_lines(plan: ImportPlan) -> list[str]:
    """"第5行 张三：手机号：138… → 139…；岗位：…" for each member the import updates or whose status
    conflicts (rows rejected for their changes are listed with the errors instead)."""
    lines = []
    for planned in plan.rows:
        if planned.action == Action.ERROR:
            continue
        texts = planned.change_lines()
        if texts:
            problems = _("{field}: {message}").format(field=_who(planned), message=_("; ").join(texts))
            lines.append(_("Row {row} {problems}").format(row=planned.row.row_number, problems=problems))
    return lines


def _outcome(planned: PlannedRow) -> str:
    if planned.action == Action.UPDATE:
        return _("Update")
    return _("Not updated: “update existing members” was not chosen")


def change_sheet(plan: ImportPlan) -> "ReportSheet":
    """变更: row, name, ID number, field, old, new, what the import does with it."""
    from unionoffice.io.sheets.rejects import ReportSheet

    sheet = ReportSheet(_("Changes"), [_("Row"), _("Full name"), _("ID card number"), _("Changed field"), _("Old value"),
                                        _("New value"), _("Outcome")], widths=[8, 12, 21, 14, 24, 24, 30])
    for planned in plan.rows:
        who = [str(planned.row.row_number), _who(planned), planned.row.values.get("id_number") or ""]
        for change in planned.changes:
            sheet.rows.append([*who, change.field, display(change.key, change.old), display(change.key, change.new),
                               _outcome(planned)])
        conflict = planned.conflict
        if conflict is not None and planned.member_id is not None:
            recorded = conflict.recorded.label()
            if conflict.since is not None:
                recorded += _(" (since {date})").format(date=f"{conflict.since:%Y-%m-%d}")
            outcome = _("set as in the file") if planned.apply_status else _("left as recorded")
            if planned.action == Action.ERROR:
                outcome = _outcome(planned)
            sheet.rows.append([*who, conflict.field, recorded, conflict.in_file.label(), outcome])
    return sheet


def has_changes(plan: ImportPlan) -> bool:
    return any(p.changes or p.conflict is not None for p in plan.rows)


def write_report(plan: ImportPlan, path: str | Path) -> Path:
    """The rejected rows (错误原因 added, to fix and import again) and the 变更 sheet."""
    from unionoffice.io.sheets.rejects import write_rejected_rows

    return write_rejected_rows(plan.parsed, path, [r.row for r in plan.rejected], extra_sheets=[change_sheet(plan)])
