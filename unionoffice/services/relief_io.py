"""Relief visits and rights cases to and from .xlsx/.xls/.ods: the session side of the import and export.

Imports are all or nothing unless ``skip_invalid``: with it the good rows are imported and the
rejected ones reported (and can be written to a file to fix and import again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from unionoffice.domain.relief import CaseChannel, CaseKind, CaseResult, FundingSource
from unionoffice.i18n import _
from unionoffice.io.relief_sheets import CASE_COLUMNS, VISIT_COLUMNS
from unionoffice.io.sheets import RowResult, SheetParse, export_rows, read_and_parse
from unionoffice.services import relief, rights
from unionoffice.services.audit import AuditAction, record
from unionoffice.services.relief_queries import CaseFilter, VisitFilter, list_cases, list_visits
from unionoffice.store.models import Member
from unionoffice.store.models.relief import ReliefVisit
from unionoffice.store.models.relief_rights import RightsCase
from unionoffice.store.register_lock import lock_register

Progress = Callable[[int, int], None]


@dataclass
class ImportOutcome:
    parsed: SheetParse
    imported: int = 0
    rejected: list[RowResult] = field(default_factory=list)

    @property
    def all_accepted(self) -> bool:
        return not self.rejected


# --- export --------------------------------------------------------------------------------

def export_visits(session: Session, path: str | Path, flt: VisitFilter | None = None,
                  progress: Callable[[int], None] | None = None) -> int:
    rows = list_visits(session, flt, sort="date", descending=False)
    ids = dict(session.execute(select(Member.id, Member.id_number).where(Member.id.in_({r.member_id for r in rows}))).all())
    export_rows(path, VISIT_COLUMNS, [
        {"date": r.date, "name": r.member_name, "id_number": ids.get(r.member_id) or "", "group": r.group,
         "family_name": r.family_name, "family_relation": r.family_relation, "occasion": r.occasion, "cash": r.cash_fen,
         "goods": r.goods, "goods_value": r.goods_value_fen, "funding": FundingSource(r.funding_source),
         "visitors": r.visitors, "in_accounts": r.in_accounts, "over_limit_reason": r.over_limit_reason, "notes": r.notes}
        for r in rows
    ], sheet_name=_("Relief visits"), caption=_("Relief visits"), progress=progress)
    return len(rows)


def export_cases(session: Session, path: str | Path, flt: CaseFilter | None = None,
                 progress: Callable[[int], None] | None = None) -> int:
    rows = list_cases(session, flt, sort="received", descending=False)
    # The member and the handling steps loaded with the cases (lazily they were two queries a case).
    cases = {c.id: c for c in session.scalars(select(RightsCase).where(RightsCase.id.in_([r.id for r in rows]))
                                              .options(selectinload(RightsCase.member), selectinload(RightsCase.steps)))}
    export_rows(path, CASE_COLUMNS, [
        {"received_on": r.received_on, "name": r.party,
         "id_number": (cases[r.id].member.id_number or "") if cases[r.id].member else "", "contact": cases[r.id].contact,
         "channel": CaseChannel(r.channel), "kind": CaseKind(r.kind), "summary": r.summary,
         "handling": rights.format_handling(cases[r.id].steps),
         "result": CaseResult(r.result) if r.result else None, "money": r.money_recovered_fen or None,
         "closed_on": r.closed_on, "notes": cases[r.id].notes}
        for r in rows
    ], sheet_name=_("Rights cases"), caption=_("Rights cases"), progress=progress)
    return len(rows)


# --- import --------------------------------------------------------------------------------

def _find_member(session: Session, row: RowResult) -> int | None:
    """The member a row names: by ID number when given, else by a name that only one member has."""
    name, id_number = (row.values.get("name") or "").strip(), row.values.get("id_number")
    if not name and not id_number:
        row.add_error("name", _("Please give the name or the ID number."))
        return None
    if id_number:
        member = session.scalar(select(Member).where(Member.id_number == id_number, Member.deleted_at.is_(None)))
        if member is None:
            row.add_error("id_number", _("No member has this ID number."))
            return None
        if name and "".join(name.split()) != member.name:
            row.add_error("name", _("The ID number belongs to {name}.").format(name=member.name))
            return None
        return member.id
    found = session.scalars(select(Member.id).where(Member.name == "".join(name.split()), Member.deleted_at.is_(None))).all()
    if not found:
        row.add_error("name", _("No member named “{name}”.").format(name=name))
        return None
    if len(found) > 1:
        row.add_error("name", _("{count} members are named “{name}”; please give the ID number.").format(
            count=len(found), name=name))
        return None
    return found[0]


def _find_occasion(text: str, occasions: dict[str, int]) -> int | None:
    """By name or code; else the one occasion whose name contains the text (春节 → 春节送温暖)."""
    if text in occasions:
        return occasions[text]
    partial = {occasion_id for name, occasion_id in occasions.items() if text and (text in name or name in text)}
    return partial.pop() if len(partial) == 1 else None


def _visit_input(session: Session, row: RowResult, occasions: dict[str, int]) -> relief.VisitInput | None:
    member_id = _find_member(session, row)
    values = row.values
    occasion_id = _find_occasion("".join((values.get("occasion") or "").split()), occasions)
    if occasion_id is None:
        names = [name for name in occasions if not name.isascii()]
        row.add_error("occasion", _("Unknown occasion; the list has: {allowed}.").format(allowed="、".join(names)))
    if member_id is None or occasion_id is None:
        return None
    data = relief.VisitInput(
        date=values["date"], member_id=member_id, occasion_id=occasion_id, cash_fen=values.get("cash") or 0,
        goods=values.get("goods") or "", goods_value_fen=values.get("goods_value") or 0,
        funding_source=(values.get("funding") or FundingSource.OWN_FUNDS).value, visitors=values.get("visitors") or "",
        notes=values.get("notes") or "", in_accounts=bool(values.get("in_accounts")),
        family_name=values.get("family_name") or "", family_relation=values.get("family_relation") or "",
        over_limit_reason=values.get("over_limit_reason") or "",
    )
    duplicate = session.scalar(select(ReliefVisit.id).where(
        ReliefVisit.deleted_at.is_(None), ReliefVisit.date == data.date, ReliefVisit.member_id == member_id,
        ReliefVisit.occasion_id == occasion_id, ReliefVisit.family_name == data.family_name.strip(),
        ReliefVisit.cash_fen == data.cash_fen))
    if duplicate is not None:
        row.add_error(None, _("This visit is already recorded (same day, person, occasion and amount)."))
        return None
    try:
        relief.check_visit(session, data)
    except relief.ReliefError as exc:
        row.add_error("cash" if isinstance(exc, relief.LimitExceeded) else None, str(exc))
        return None
    return data


def _squeezed(value: object) -> str:
    return "".join(str(value or "").split())


def _mark_copies(rows: list[RowResult], key_of: Callable[[RowResult], tuple], field: str, message: str) -> None:
    """Reject a row whose key an earlier row of the file had: a copied row, not a second record.
    ``message`` names that earlier row as {row}."""
    seen: dict[tuple, int] = {}
    for row in rows:
        first = seen.setdefault(key_of(row), row.row_number)
        if first != row.row_number:
            row.add_error(field, message.format(row=first))


def _mark_copied_rows(rows: list[RowResult]) -> None:
    """The same person twice on one day for one occasion is a copied row, not two visits."""
    _mark_copies(rows, lambda row: tuple(_squeezed(row.values.get(k)) for k in ("date", "name", "family_name", "occasion")),
                 "name", _("Same person, day and occasion as row {row}."))


def import_visits(session: Session, path: str | Path, skip_invalid: bool = False,
                  progress: Progress | None = None) -> ImportOutcome:
    """Read visits; raises SheetError when the file cannot be used at all."""
    parsed = read_and_parse(path, VISIT_COLUMNS, progress=progress)
    lock_register(session, "relief_visits")  # a second PC's import of this register waits (server office)
    _mark_copied_rows(parsed.good_rows)
    occasions = {o.name: o.id for o in relief.list_occasions(session)}
    occasions.update({o.code: o.id for o in relief.list_occasions(session) if not o.code.startswith("custom")})
    ready = [(row, _visit_input(session, row, occasions)) for row in parsed.good_rows]
    outcome = ImportOutcome(parsed, rejected=parsed.rejected_rows)
    if outcome.rejected and not skip_invalid:
        return outcome
    for _row, data in ready:
        if data is not None:
            relief.record_visit(session, data)
            outcome.imported += 1
    record(session, AuditAction.IMPORT, "relief_visits", None,
           _("Visits imported from {file}: {count}").format(file=Path(path).name, count=outcome.imported))
    return outcome


def _case_values(session: Session, row: RowResult) -> tuple[rights.CaseInput, dict] | None:
    values = row.values
    name = (values.get("name") or "").strip()
    member_id = None
    if values.get("id_number"):
        member_id = _find_member(session, row)
        if member_id is None:
            return None
    else:
        found = session.scalars(select(Member.id).where(Member.name == "".join(name.split()), Member.deleted_at.is_(None))).all()
        member_id = found[0] if len(found) == 1 else None  # not a (unique) member: kept as the name typed
    result, closed_on, money = values.get("result"), values.get("closed_on"), values.get("money") or 0
    if (result is None) != (closed_on is None):
        row.add_error("result" if result is None else "closed_on", _("A closed case needs both the result and the closing date."))
        return None
    if closed_on is not None and closed_on < values["received_on"]:
        row.add_error("closed_on", _("A case cannot be closed before it was received."))
        return None
    data = rights.CaseInput(values["received_on"], values["channel"].value, values["kind"].value, values["summary"],
                            member_id, "" if member_id else name, values.get("contact") or "", values.get("notes") or "")
    if rights.find_same_case(session, data) is not None:
        row.add_error(None, _("This case is already recorded (same person, received date, kind and text)."))
        return None
    try:
        steps = rights.parse_handling(values.get("handling") or "", values["received_on"])
    except relief.ReliefError as exc:
        row.add_error("handling", str(exc))
        return None
    return data, {"result": result.value if result else None, "closed_on": closed_on, "money": money, "steps": steps}


def _mark_copied_cases(rows: list[RowResult]) -> None:
    """The same person, received date, kind and text twice in one file is a copied row."""
    _mark_copies(rows, lambda row: (
        row.values.get("received_on"), _squeezed(row.values.get("name")), row.values.get("id_number"),
        row.values.get("kind"), " ".join(str(row.values.get("summary") or "").split())),
        "summary", _("Same person, received date, kind and text as row {row}."))


def import_cases(session: Session, path: str | Path, skip_invalid: bool = False,
                 progress: Progress | None = None) -> ImportOutcome:
    parsed = read_and_parse(path, CASE_COLUMNS, progress=progress)
    lock_register(session, "rights_cases")
    _mark_copied_cases(parsed.good_rows)
    ready = [_case_values(session, row) for row in parsed.good_rows]
    outcome = ImportOutcome(parsed, rejected=parsed.rejected_rows)
    if outcome.rejected and not skip_invalid:
        return outcome
    for item in ready:
        if item is None:
            continue
        data, closing = item
        case = rights.receive_case(session, data)
        for step_date, action in closing["steps"]:
            rights.add_step(session, case.id, step_date, action)
        if closing["result"]:
            rights.close_case(session, case.id, closing["result"], closing["closed_on"], closing["money"])
        outcome.imported += 1
    return outcome
