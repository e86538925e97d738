"""Importing and exporting the dues ledger (and wage bases from a payroll sheet), all or nothing.

Rows name members by ID number. Refused with the row and the field: a negative base, a month
that is not one or lies outside the period given, a payment larger than due without a reason,
an ID number no member has, a payment already recorded. Unless ``skip_invalid``, one refused
row means nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from unionoffice.store.register_lock import lock_register

from unionoffice.domain.dues import BaseSource, DuesError, PaymentMethod, Period, format_month
from unionoffice.i18n import _
from unionoffice.io.dues_sheets import (
    BASE_COLUMNS,
    EXEMPTION_COLUMNS,
    PAYMENT_COLUMNS,
    write_arrears,
)
from unionoffice.io.sheets import HeaderError, RowResult, SheetParse, error_lines, parse_cells, read_and_parse, read_cells
from unionoffice.io.sheets.reader import open_workbook
from unionoffice.services import dues, dues_payments
from unionoffice.services.audit import AuditAction, record
from unionoffice.services.dues_ledger import DuesLedger, MemberDues, arrears, load_dues_settings
from unionoffice.store.models import Member
from unionoffice.store.models.dues import DuesPayment


@dataclass
class DuesImport:
    sheets: list[SheetParse] = field(default_factory=list)
    bases: int = 0
    exemptions: int = 0
    payments: int = 0

    @property
    def rejected(self) -> list[RowResult]:
        return [row for s in self.sheets for row in s.rejected_rows]

    def error_lines(self) -> list[str]:
        return [f"{s.sheet_name} {line}" for s in self.sheets for line in error_lines(s.rows)]

    def notices(self) -> list[str]:
        return [line for s in self.sheets for line in s.notices()]


def _sheet_names(path: Path) -> list[str]:
    workbook = open_workbook(path)
    try:
        return list(workbook.sheet_names)
    finally:
        workbook.close()


def _optional_sheet(path: Path, columns: list, taken: set[str]) -> SheetParse | None:
    name, cells = read_cells(path, None, columns)
    if name in taken:
        return None
    try:
        parsed = parse_cells(cells, columns, sheet_name=name)
    except HeaderError:
        return None
    taken.add(name)
    return parsed


def _member_ids(session: Session, sheets: list[SheetParse]) -> None:
    """Fill values['member_id'] from the ID number; an unknown number or another name is a row error."""
    numbers = {row.values["id_number"] for s in sheets for row in s.good_rows if row.values.get("id_number")}
    known: dict[str, tuple[int, str]] = {}
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 900):
        for member_id, number, name in session.execute(select(Member.id, Member.id_number, Member.name).where(
                Member.id_number.in_(ordered[start:start + 900]), Member.deleted_at.is_(None))):
            known[number] = (member_id, name)
    for s in sheets:
        for row in s.good_rows:
            found = known.get(row.values["id_number"])
            if found is None:
                row.add_error("id_number", _("No member in the roster has this ID number; add the member first."))
                continue
            name = "".join(str(row.values.get("name") or "").split())
            if name and name != found[1]:
                row.add_error("name", _("The roster has “{name}” for this ID number.").format(name=found[1]))
                continue
            row.values["member_id"] = found[0]


def _check_months(row: RowResult, period: Period | None) -> None:
    first, last = row.values.get("first_month"), row.values.get("last_month") or row.values.get("first_month")
    row.values["last_month"] = last
    if first is None:
        return
    if last is not None and last < first:
        row.add_error("last_month", _("The last month is before the first month."))
    elif period is not None:
        for key, month in (("first_month", first), ("last_month", last)):
            if month is not None and month not in period:
                row.add_error(key, _("The month {month} is outside the period {period}.").format(
                    month=format_month(month), period=period.label()))
                break


def _write_bases(session: Session, parsed: SheetParse, default_year: int | None, source: BaseSource) -> int:
    by_year: dict[int, dict[int, int]] = {}
    for row in parsed.good_rows:
        year = row.values.get("year") or default_year
        if year is None:
            row.add_error("year", _("Please give the year (a column 年度, or --year)."))
            continue
        by_year.setdefault(year, {})[row.values["member_id"]] = row.values["base"]
    return sum(dues.set_bases(session, year, values, source) for year, values in by_year.items())


def _payment_input(row: RowResult) -> dues_payments.PaymentInput:
    v = row.values
    method = v.get("method")
    return dues_payments.PaymentInput(v["member_id"], v["first_month"], v["last_month"], v["amount"], v["paid_on"],
                                      method.value if method else PaymentMethod.PAYROLL.value, v.get("reason") or "",
                                      v.get("receipt_no") or "")


def _check_payments(session: Session, parsed: SheetParse, period: Period | None) -> list[tuple[RowResult, dues_payments.PaymentInput]]:
    settings = load_dues_settings(session)
    candidates = [(row, _payment_input(row)) for row in parsed.good_rows]
    if not candidates:
        return []
    existing = set(session.execute(select(
        DuesPayment.member_id, DuesPayment.first_month, DuesPayment.last_month, DuesPayment.amount_fen, DuesPayment.paid_on)
        .where(DuesPayment.deleted_at.is_(None), DuesPayment.member_id.in_({d.member_id for _r, d in candidates}))).all())
    span = Period(min(d.first_month for _r, d in candidates), max(d.last_month for _r, d in candidates))
    table = dues_payments.due_table(session, sorted({d.member_id for _r, d in candidates}), span, settings)
    ready = []
    for row, data in candidates:
        if (data.member_id, data.first_month, data.last_month, data.amount_fen, data.paid_on) in existing:
            row.add_error(None, _("This payment is already recorded (same member, months, amount and day)."))
            continue
        due = [(m, table[data.member_id][m]) for m in Period(data.first_month, data.last_month).months]
        try:
            dues_payments.check_payment(data, period, due)
        except DuesError as exc:
            key = "reason" if data.amount_fen > sum(d for _m, d in due) else "amount"
            row.add_error(key, str(exc))
            continue
        dues_payments.settle(table, data)  # the next row of the same member owes only what is left
        ready.append((row, data))
    return ready


class _Refused(Exception):
    pass


def import_dues(session: Session, path: str | Path, *, skip_invalid: bool = False, dry_run: bool = False,
                period: Period | None = None) -> DuesImport:
    """Payments (with the workbook's wage bases and exemptions, when it has those sheets). Raises SheetError."""
    path = Path(path)
    payments = read_and_parse(path, PAYMENT_COLUMNS)
    taken = {payments.sheet_name}
    bases = _optional_sheet(path, BASE_COLUMNS, taken)
    exemptions = _optional_sheet(path, EXEMPTION_COLUMNS, taken)
    sheets = [s for s in (payments, bases, exemptions) if s is not None]
    outcome = DuesImport(sheets)
    if not dry_run:
        lock_register(session, "dues")  # a second PC's import of this register waits (server office)
    _member_ids(session, sheets)
    for row in payments.good_rows:
        _check_months(row, period)
    if exemptions is not None:
        for row in exemptions.good_rows:
            if row.values.get("last_month") and row.values["last_month"] < row.values["first_month"]:
                row.add_error("last_month", _("The exemption ends before it starts."))
    try:
        with session.begin_nested():
            # Bases and exemptions first: the payments are checked against what they make due.
            if bases is not None:
                outcome.bases = _write_bases(session, bases, None, BaseSource.ENTERED)
            if exemptions is not None:
                for row in exemptions.good_rows:
                    v = row.values
                    try:
                        dues.add_exemption(session, dues.ExemptionInput(v["member_id"], v["first_month"], v.get("last_month"),
                                                                        v["reason"].value, v.get("notes") or ""))
                        outcome.exemptions += 1
                    except DuesError as exc:
                        row.add_error("reason", str(exc))
            session.flush()
            ready = _check_payments(session, payments, period)
            if dry_run or (outcome.rejected and not skip_invalid):
                raise _Refused
            outcome.payments = dues_payments.insert_payments(session, [data for _row, data in ready])
            record(session, AuditAction.IMPORT, "dues_payments", None,
                   _("Dues imported from {file}: {count} payments").format(file=path.name, count=outcome.payments))
    except _Refused:
        outcome.bases = outcome.exemptions = outcome.payments = 0
    return outcome


def import_bases(session: Session, path: str | Path, year: int | None, *, skip_invalid: bool = False,
                 dry_run: bool = False) -> DuesImport:
    """Monthly wage bases from a payroll sheet (身份证号 + 工资), for ``year`` unless the sheet has a 年度 column."""
    parsed = read_and_parse(Path(path), BASE_COLUMNS, key="id_number" if year is not None else None)
    outcome = DuesImport([parsed])
    if not dry_run:
        lock_register(session, "dues")
    _member_ids(session, [parsed])
    if year is None and "year" not in parsed.mapping:
        for row in parsed.good_rows:
            row.add_error("year", _("Please give the year (a column 年度, or --year)."))
    if dry_run or (outcome.rejected and not skip_invalid):
        return outcome
    outcome.bases = _write_bases(session, parsed, year, BaseSource.PAYROLL)
    return outcome


# --- export --------------------------------------------------------------------------------

def arrears_rows(ledger: DuesLedger, listed: list[MemberDues]) -> list[dict]:
    rows = []
    for m in listed:
        months = ledger.months_of(m.unpaid_mask)
        rows.append({"name": m.name, "id_number": m.id_number, "group": m.group, "unpaid_run": m.longest_unpaid_run,
                     "unpaid_months": "、".join(format_month(x) for x in months), "due": m.due_fen, "paid": m.paid_fen,
                     "arrears": m.arrears_fen})
    rows.sort(key=lambda r: (-r["unpaid_run"], r["group"], r["name"]))
    return rows


def export_arrears(session: Session, path: str | Path | None, period: Period, months: int) -> int:
    """The members with ``months`` or more consecutive unpaid months; ``path`` None only counts them."""
    ledger, listed = arrears(session, period, months)
    if path is not None:
        write_arrears(path, arrears_rows(ledger, listed), _("Members with {months} or more consecutive unpaid months, {period}").format(
            months=months, period=period.label()))
    return len(listed)
