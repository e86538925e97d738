"""Hardship files to and from .xlsx (with family members and 刚性支出): `export-hardship`, `import-hardship`.

An export imports back unchanged into a database with the same members, and exporting that gives the same
workbook. Imports are all or nothing unless ``skip_invalid``: a file row is rejected with its family or
cost rows' problems named (家庭成员表第3行 …), and the rest can be imported."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from unionoffice.store.register_lock import lock_register

from unionoffice.domain.choices import Sex
from unionoffice.domain.hardship_codes import (
    Exclusion,
    FamilyIdentity,
    FamilyPolitics,
    Industry,
    KeyGroup,
    MedicalCover,
    ModelWorker,
    RigidCostKind,
    WorkStatus,
)
from unionoffice.domain.relief import HardshipCategory, HardshipCause, HardshipStatus, MaritalStatus
from unionoffice.i18n import _
from unionoffice.io.hardship_sheets import HardshipWorkbook, read_hardship_workbook, write_hardship_workbook
from unionoffice.io.sheets import RowResult, SheetParse
from unionoffice.services import hardship
from unionoffice.services.audit import AuditAction, record
from unionoffice.services.relief import ReliefError
from unionoffice.store.models import Member
from unionoffice.store.models.relief_hardship import HardshipFile


def _enum(enum: type, code: str | None) -> Any:
    return enum(code) if code else None


def export_hardship(session: Session, path: str | Path) -> int:
    """Every file not in the recycle bin, in the order they were opened; the number of files written."""
    files = session.scalars(select(HardshipFile).where(HardshipFile.deleted_at.is_(None))
                            .order_by(HardshipFile.opened_on, HardshipFile.id)).all()
    file_rows, family_rows, cost_rows = [], [], []
    for number, hfile in enumerate(files, start=1):
        file_rows.append({
            "file_no": number, "name": hfile.member.name, "id_number": hfile.member.id_number or "",
            "staff_no": hfile.staff_no, "category": HardshipCategory(hfile.category),
            "main_cause": HardshipCause(hfile.main_cause),
            "secondary_causes": "、".join(HardshipCause(c.cause).label() for c in hfile.secondary_causes),
            "health": hfile.health, "disability": hfile.disability,
            "marital_status": _enum(MaritalStatus, hfile.marital_status), "single_parent": hfile.single_parent,
            "housing": hfile.housing, "work_status": _enum(WorkStatus, hfile.work_status),
            "model_worker": _enum(ModelWorker, hfile.model_worker), "industry": _enum(Industry, hfile.industry),
            "work_started_on": hfile.work_started_on, "monthly_income": hfile.monthly_income_fen,
            "household_size": hfile.household_size, "household_income": hfile.household_annual_income_fen,
            "other_income": hfile.other_income_fen, "hukou_division": hfile.hukou_division,
            "medical_insurance": hfile.medical_insurance, "zero_employment": hfile.zero_employment,
            "key_group": _enum(KeyGroup, hfile.key_group), "hardship_costs": hfile.hardship_costs_fen,
            "hardship_offsets": hfile.hardship_offsets_fen,
            "exclusions": "、".join(Exclusion(code).label() for code in hardship.file_input(hfile).exclusions),
            "exclusion_reason": hfile.exclusion_reason, "category_reason": hfile.category_reason,
            "status": HardshipStatus(hfile.status), "opened_on": hfile.opened_on, "closed_on": hfile.closed_on,
            "close_reason": hfile.close_reason, "reviewed_on": hfile.reviewed_on, "notes": hfile.notes,
        })
        for person in hfile.family:
            family_rows.append({
                "file_no": number, "name": person.name, "relation": person.relation, "sex": _enum(Sex, person.sex),
                "birth_date": person.birth_date, "id_number": person.id_number,
                "political_status": _enum(FamilyPolitics, person.political_status), "health": person.health,
                "monthly_income": person.monthly_income_fen, "identity": _enum(FamilyIdentity, person.identity),
                "medical_cover": _enum(MedicalCover, person.medical_cover), "work_or_school": person.work_or_school,
            })
        for cost in hfile.rigid_costs:
            cost_rows.append({"file_no": number, "kind": RigidCostKind(cost.kind), "description": cost.description,
                              "amount": cost.amount_fen})
    write_hardship_workbook(path, file_rows, family_rows, cost_rows)
    return len(files)


@dataclass
class HardshipImportOutcome:
    parsed: SheetParse  # the files sheet (its rejected rows are what --errors-out writes)
    imported: int = 0
    rejected: list[RowResult] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # family or cost rows naming no file

    @property
    def all_accepted(self) -> bool:
        return not self.rejected and not self.orphans


def _member(session: Session, row: RowResult) -> Member | None:
    name, id_number = (row.values.get("name") or "").strip(), row.values.get("id_number")
    if id_number:
        member = session.scalar(select(Member).where(Member.id_number == id_number, Member.deleted_at.is_(None)))
        if member is None:
            row.add_error("id_number", _("No member has this ID number."))
        elif "".join(name.split()) != member.name:
            row.add_error("name", _("The ID number belongs to {name}.").format(name=member.name))
            return None
        return member
    found = session.scalars(select(Member).where(Member.name == "".join(name.split()), Member.deleted_at.is_(None))).all()
    if len(found) != 1:
        row.add_error("name", _("No member named “{name}”.").format(name=name) if not found else _(
            "{count} members are named “{name}”; please give the ID number.").format(count=len(found), name=name))
        return None
    return found[0]


def _children(parse: SheetParse | None, what: str, files: dict[int, RowResult],
              orphans: list[str]) -> dict[int, list[dict]]:
    """Family or cost rows by file number; a bad row rejects its file, naming the sheet and row. A row whose
    number no file has is reported in ``orphans``."""
    joined: dict[int, list[dict]] = {}
    if parse is None:
        return joined
    for row in parse.rows:
        number = row.values.get("file_no")
        parent = files.get(number) if number is not None else None
        if parent is None:
            orphans.append(_("{sheet} row {row}: no file has the number {number}.").format(
                sheet=what, row=row.row_number, number=number if number is not None else "—"))
        elif row.errors:
            parent.add_error("file_no", _("{sheet} row {row}: {problem}").format(
                sheet=what, row=row.row_number, problem=row.error_text()))
        else:
            joined.setdefault(number, []).append(row.values)
    return joined


def _file_input(member: Member, v: dict, family: list[dict], costs: list[dict]) -> hardship.HardshipFileInput:
    def code(key: str) -> str | None:
        return v[key].value if v.get(key) is not None else None

    return hardship.HardshipFileInput(
        member_id=member.id, category=v["category"].value if v.get("category") else "", main_cause=code("main_cause") or "",
        opened_on=v["opened_on"], secondary_causes=[c.value for c in v.get("secondary_causes") or []],
        health=v.get("health") or "", disability=v.get("disability") or "", marital_status=code("marital_status"),
        single_parent=bool(v.get("single_parent")), housing=v.get("housing") or "",
        monthly_income_fen=v.get("monthly_income") or 0, household_size=v.get("household_size") or 1,
        household_annual_income_fen=v.get("household_income") or 0, medical_insurance=v.get("medical_insurance") or "",
        notes=v.get("notes") or "", reviewed_on=v.get("reviewed_on"), category_reason=v.get("category_reason") or "",
        hardship_costs_fen=v.get("hardship_costs") or 0, hardship_offsets_fen=v.get("hardship_offsets") or 0,
        exclusions=[e.value for e in v.get("exclusions") or []], exclusion_reason=v.get("exclusion_reason") or "",
        staff_no=v.get("staff_no") or "", work_status=code("work_status"), model_worker=code("model_worker"),
        industry=code("industry"), work_started_on=v.get("work_started_on"), other_income_fen=v.get("other_income") or 0,
        hukou_division=v.get("hukou_division") or "", zero_employment=bool(v.get("zero_employment")),
        key_group=code("key_group"),
        family=[hardship.FamilyMemberInput(
            p["name"], p.get("relation") or "", p["sex"].value if p.get("sex") else None, p.get("birth_date"),
            p.get("id_number") or "", p.get("health") or "", p.get("monthly_income") or 0, p.get("work_or_school") or "",
            p["political_status"].value if p.get("political_status") else None,
            p["identity"].value if p.get("identity") else None,
            p["medical_cover"].value if p.get("medical_cover") else None) for p in family],
        rigid_costs=[hardship.RigidCostInput(c["kind"].value if c.get("kind") else "", c.get("amount") or 0,
                                             c.get("description") or "") for c in costs],
    )


def _save(session: Session, row: RowResult, data: hardship.HardshipFileInput) -> bool:
    """Open (and close, when the row says so) one file inside a savepoint; a refusal rejects the row."""
    values = row.values
    status = values.get("status")
    try:
        with session.begin_nested():
            hfile = hardship.open_file(session, data)
            if status is not None and status != HardshipStatus.OPEN:
                if values.get("closed_on") is None:
                    raise ReliefError(_("A closed file needs the date it was closed."))
                hardship.close_file(session, hfile.id, status.value, values["closed_on"],
                                    values.get("close_reason") or _("Imported"))
    except ReliefError as exc:
        row.add_error(None, str(exc))
        return False
    return True


def import_hardship(session: Session, path: str | Path, skip_invalid: bool = False) -> HardshipImportOutcome:
    """Read the workbook; raises SheetError when it cannot be used at all."""
    book: HardshipWorkbook = read_hardship_workbook(path)
    lock_register(session, "hardship_files")  # a second PC's import of this register waits (server office)
    files = {row.values["file_no"]: row for row in book.files.rows if row.values.get("file_no") is not None}
    outcome = HardshipImportOutcome(book.files)
    family = _children(book.family, _("Family members"), files, outcome.orphans)
    costs = _children(book.costs, _("Unavoidable costs"), files, outcome.orphans)
    with session.begin_nested() as everything:
        for row in book.files.rows:
            if row.errors:
                continue
            member = _member(session, row)
            if member is None:
                continue
            number = row.values["file_no"]
            if _save(session, row, _file_input(member, row.values, family.get(number, []), costs.get(number, []))):
                outcome.imported += 1
        outcome.rejected = [row for row in book.files.rows if row.errors]
        if not outcome.all_accepted and not skip_invalid:
            everything.rollback()
            outcome.imported = 0
            return outcome
    record(session, AuditAction.IMPORT, "hardship_files", None,
           _("Hardship files imported from {file}: {count}").format(file=Path(path).name, count=outcome.imported))
    return outcome
