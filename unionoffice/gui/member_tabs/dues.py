"""The member form's tab of the member's dues: this year's 应缴/实缴/欠缴, bases, exemptions, every payment."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from unionoffice.domain.dues import ExemptionReason, PaymentMethod, Period, format_month
from unionoffice.domain.money import format_yuan
from unionoffice.gui.context import AppContext
from unionoffice.gui.member_tabs.relief import _table
from unionoffice.i18n import N_, _
from unionoffice.io.dues_forms import months_text
from unionoffice.services import dues, dues_payments
from unionoffice.services.dues_ledger import build_ledger
from unionoffice.store.models.dues import DuesBase

ORDER = 50
TAB_TITLE = N_("Dues")


def create_tab(ctx: AppContext, member_id: int) -> QWidget:
    today = dt.date.today()
    with ctx.db.session() as session:
        year = Period(today.year * 100 + 1, today.year * 100 + today.month)
        ledger = build_ledger(session, year, member_ids=[member_id])
        this_year = ledger.members[0] if ledger.members else None
        bases = [(b.year, b.base_fen) for b in session.query(DuesBase).filter(DuesBase.member_id == member_id)
                 .order_by(DuesBase.year.desc())]
        exemptions = [(e.first_month, e.last_month, e.reason, e.notes) for e in dues.exemptions_of(session, member_id)]
        payments = [(p.paid_on, p.first_month, p.last_month, p.amount_fen, p.method, p.receipt_no, p.reason)
                    for p in reversed(dues_payments.payments_of(session, member_id))]
    widget = QWidget()
    layout = QVBoxLayout(widget)
    if this_year is not None:
        summary = QLabel(_("{period}: due {due} yuan, paid {paid} yuan, unpaid {arrears} yuan {months}").format(
            period=year.label(), due=format_yuan(this_year.due_fen), paid=format_yuan(this_year.paid_fen),
            arrears=format_yuan(this_year.arrears_fen),
            months=f"（{months_text(ledger.months_of(this_year.unpaid_mask))}）" if this_year.unpaid_mask else ""))
        summary.setObjectName("duesSummary")
        layout.addWidget(summary)
    if bases:
        layout.addWidget(QLabel(_("Monthly wage base: ") + "；".join(f"{y}：{format_yuan(b)}" for y, b in bases)))
    for first, last, reason, notes in exemptions:
        layout.addWidget(QLabel(_("Exempt from {first} to {last}: {reason} {notes}").format(
            first=format_month(first), last=format_month(last) if last else _("until further notice"),
            reason=ExemptionReason(reason).label(), notes=notes)))
    layout.addWidget(_table(
        [_("Paid on"), _("Months"), _("Amount paid (yuan)"), _("Payment method"), _("Receipt no."), _("Reason for paying more")],
        [[d.isoformat(), months_text(Period(f, l).months), format_yuan(a), PaymentMethod(m).label(), r, why]
         for d, f, l, a, m, r, why in payments], "memberDues"), 1)
    return widget
