"""The member form's tab of everything the member received: visits, hardship files, rights cases."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from unionoffice.domain.money import format_yuan
from unionoffice.domain.relief import CaseKind, CaseResult, HardshipStatus
from unionoffice.gui.context import AppContext
from unionoffice.i18n import N_, _
from unionoffice.services.relief_queries import CaseFilter, VisitFilter, list_cases, list_visits
from unionoffice.store.models.relief_hardship import HardshipFile
from unionoffice.gui.list_keys import leave_table_on_tab

ORDER = 40
TAB_TITLE = N_("Relief received")


def _table(headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    leave_table_on_tab(table)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    return table


def create_tab(ctx: AppContext, member_id: int) -> QWidget:
    with ctx.db.session() as session:
        visits = list_visits(session, VisitFilter(member_id=member_id), sort="date", descending=True)
        files = [(f.opened_on, f.status, f.closed_on) for f in session.query(HardshipFile).filter(
            HardshipFile.member_id == member_id, HardshipFile.deleted_at.is_(None)).order_by(HardshipFile.opened_on)]
        cases = list_cases(session, CaseFilter(member_id=member_id))
    widget = QWidget()
    layout = QVBoxLayout(widget)
    cash = sum(v.cash_fen for v in visits)
    goods = sum(v.goods_value_fen for v in visits)
    summary = QLabel(_("{count} visits, cash {cash} yuan, goods worth {goods} yuan").format(
        count=len(visits), cash=format_yuan(cash), goods=format_yuan(goods)))
    summary.setObjectName("reliefSummary")
    layout.addWidget(summary)
    layout.addWidget(_table(
        [_("Date"), _("Recipient"), _("Occasion"), _("Cash (yuan)"), _("Goods"), _("Goods value (yuan)"), _("Visitors")],
        [[v.date.isoformat(), v.recipient, v.occasion, format_yuan(v.cash_fen), v.goods,
          format_yuan(v.goods_value_fen) if v.goods_value_fen else "", v.visitors] for v in visits],
        "memberVisits"), 2)
    if files:
        layout.addWidget(QLabel(_("Hardship files: ") + "；".join(
            f"{opened.isoformat()} {HardshipStatus(status).label()}" + (f" {closed.isoformat()}" if closed else "")
            for opened, status, closed in files)))
    if cases:
        layout.addWidget(QLabel(_("Rights cases")))
        layout.addWidget(_table(
            [_("Received"), _("Kind"), _("Result"), _("Money recovered (yuan)")],
            [[c.received_on.isoformat(), CaseKind(c.kind).label(), CaseResult(c.result).label() if c.result else _("Being handled"),
              format_yuan(c.money_recovered_fen)] for c in cases],
            "memberCases"), 1)
    return widget
