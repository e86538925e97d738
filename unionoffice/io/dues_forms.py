"""Printed forms of the dues ledger and the spending overview through the shared forms core:
会费收缴台账 (per group and period, totals in figures and 大写, 经办人/审核人), 会费收据 and
经费使用情况表. Builders return a FormDocument; render_form makes the PDF."""

from __future__ import annotations

import datetime as dt

from unionoffice.domain.dues import PaymentMethod, format_month, format_rate, month_index
from unionoffice.domain.money import format_yuan, uppercase_amount
from unionoffice.i18n import _, format_date
from unionoffice.io.forms import (
    Align,
    Cell,
    Column,
    Field,
    FormDocument,
    GridBlock,
    MetaItem,
    Orientation,
    TableBlock,
    mask_id_number,
)
from unionoffice.io.forms.language import in_given_language


def months_text(months: list[int]) -> str:
    """2026-01—2026-03 for consecutive months, else 2026-01、03、05."""
    if not months:
        return ""
    indexes = [month_index(m) for m in months]
    if len(months) > 1 and indexes == list(range(indexes[0], indexes[0] + len(months))):
        return f"{format_month(months[0])}—{format_month(months[-1])}"
    return "、".join(format_month(m)[5:] if i and m // 100 == months[i - 1] // 100 else format_month(m)
                    for i, m in enumerate(months))


@in_given_language
def dues_ledger_form(ledger, union_name: str, group_name: str = "", show_full_id: bool = False) -> FormDocument:
    """会费收缴台账: one row per member of the group over the period (``ledger`` from services.dues_ledger)."""
    columns = [
        Column(_("No."), 0.6), Column(_("Name"), 1.1), Column(_("ID number"), 2.0),
        Column(_("Monthly wage base (yuan)"), 1.6, Align.RIGHT), Column(_("Months due"), 0.8),
        Column(_("Due (yuan)"), 1.1, Align.RIGHT), Column(_("Paid (yuan)"), 1.1, Align.RIGHT),
        Column(_("Unpaid (yuan)"), 1.1, Align.RIGHT), Column(_("Unpaid months"), 1.8, Align.LEFT),
        Column(_("Notes"), 1.2, Align.LEFT),
    ]
    rows = []
    for m in ledger.members:
        bases = sorted(set(m.bases.values()))
        note = _("Exempt") if m.exempt_mask and not m.owed_mask else (_("No base") if m.missing_base_mask and not m.owed_mask else "")
        rows.append([
            m.name, mask_id_number(m.id_number, show_full=show_full_id) if m.id_number else "",
            "、".join(format_yuan(b) for b in bases), str(m.months_owed), format_yuan(m.due_fen), format_yuan(m.paid_fen),
            format_yuan(m.arrears_fen), months_text(ledger.months_of(m.unpaid_mask)), note,
        ])
    due, paid, arrears = ledger.due_fen, ledger.paid_fen, ledger.arrears_fen
    total = [
        Cell(_("Total"), span=5), Cell(format_yuan(due), align=Align.RIGHT), Cell(format_yuan(paid), align=Align.RIGHT),
        Cell(format_yuan(arrears), align=Align.RIGHT),
        Cell(_("Paid in words: {amount}").format(amount=uppercase_amount(paid)), span=2, align=Align.LEFT),
    ]
    rule = ledger.settings.rule
    meta = [MetaItem(_("Period"), ledger.period.label()), MetaItem(_("Group"), group_name or _("All groups")),
            MetaItem(_("Rule"), _("{rate} of the monthly wage base").format(rate=format_rate(rule.rate_per_mille))),
            MetaItem(_("Printed on"), format_date(dt.date.today()))]
    notes = [
        _("Due in words: {due}; paid in words: {paid}; unpaid in words: {arrears}.").format(
            due=uppercase_amount(due), paid=uppercase_amount(paid), arrears=uppercase_amount(arrears)),
    ]
    return FormDocument(
        title=_("Dues collection ledger"), subtitle=union_name, meta=meta, meta_per_line=2,
        orientation=Orientation.LANDSCAPE, blocks=[TableBlock(columns, rows, numbered=True, total=total)],
        notes=notes, signatures=[_("Handled by"), _("Reviewed by")], author=union_name,
    )


@in_given_language
def receipt_form(payments: list, union_name: str) -> FormDocument:
    """会费收据: one small record per payment (DuesPayment rows with member and group loaded)."""
    blocks = []
    for p in payments:
        months = format_month(p.first_month) if p.first_month == p.last_month else \
            f"{format_month(p.first_month)}—{format_month(p.last_month)}"
        blocks.append(GridBlock(title=_("Dues receipt No. {number}").format(number=p.receipt_no or p.id), pairs_per_row=2, fields=[
            Field(_("Name"), p.member.name), Field(_("Group"), p.member.group.name if p.member.group else ""),
            Field(_("Months"), months), Field(_("Paid on"), format_date(p.paid_on)),
            Field(_("Amount (yuan)"), format_yuan(p.amount_fen)), Field(_("Payment method"), PaymentMethod(p.method).label()),
            Field(_("Amount in words"), uppercase_amount(p.amount_fen), span=2),
            Field(_("Received by"), ""), Field(_("Handled by"), ""),
        ]))
    return FormDocument(title=_("Dues receipts"), subtitle=union_name, blocks=blocks, author=union_name)


@in_given_language
def funds_overview_form(overview, union_name: str) -> FormDocument:
    """经费使用情况表: spending by purpose (rows) and funding source (columns), against the dues collected."""
    table = overview.table()
    sources = sorted({label for _p, cells, _t in table for label in cells})
    columns = [Column(_("Purpose"), 1.8, Align.LEFT)] + [Column(s, 1.3, Align.RIGHT) for s in sources] + \
              [Column(_("Total (yuan)"), 1.4, Align.RIGHT)]
    rows = [[purpose] + [format_yuan(cells.get(s, 0)) for s in sources] + [format_yuan(total)]
            for purpose, cells, total in table]
    by_source = {s: sum(cells.get(s, 0) for _p, cells, _t in table) for s in sources}
    total_row = [Cell(_("Total"))] + [Cell(format_yuan(by_source[s]), align=Align.RIGHT) for s in sources] + \
                [Cell(format_yuan(overview.total_fen), align=Align.RIGHT)]
    other = [[purpose, format_yuan(fen)] for purpose, fen in overview.expenses_by_purpose.items()]
    blocks = [TableBlock(columns, rows, total=total_row)]
    if other:
        blocks.append(TableBlock([Column(_("Other expenses by purpose"), 3.0, Align.LEFT), Column(_("Amount (yuan)"), 1.4, Align.RIGHT)],
                                 other, title=_("Other expenses")))
    return FormDocument(
        title=_("Use of union funds"), subtitle=union_name,
        meta=[MetaItem(_("Period"), f"{format_date(overview.start)} — {format_date(overview.end)}"),
              MetaItem(_("Dues collected (yuan)"), format_yuan(overview.dues_collected_fen))],
        meta_per_line=2, blocks=blocks,
        notes=[_("Spent in words: {amount}.").format(amount=uppercase_amount(overview.total_fen))],
        signatures=[_("Handled by"), _("Reviewed by"), _("Union chair")], author=union_name,
    )
