"""经费: spending in a period by funding source and purpose against the dues collected, and the expense ledger."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.dues import first_day, last_day
from unionoffice.domain.funds import funding_label
from unionoffice.domain.money import format_yuan
from unionoffice.gui.busy import reopen_when_busy
from unionoffice.gui.context import AppContext
from unionoffice.gui.dues.expense_dialog import ExpenseDialog
from unionoffice.gui.dues.filters import DuesFilterBar
from unionoffice.i18n import _
from unionoffice.services import expenses
from unionoffice.services.funds_overview import FundsOverview, funds_overview


def _fill(table: QTableWidget, headers: list[str], rows: list[list[str]]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(headers)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.verticalHeader().setVisible(False)
    table.resizeColumnsToContents()


class FundsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page_funds")
        self.overview: FundsOverview | None = None
        self.expense_ids: list[int] = []
        layout = QVBoxLayout(self)
        toolbar = QHBoxLayout()
        for text, handler, name in ((_("Add expense…"), self.add_expense, "addExpense"),
                                    (_("Delete expense"), self.delete_selected, "deleteExpense"),
                                    (_("Export to Excel"), self.export, "exportFunds"),
                                    (_("Print"), self.print_overview, "printFunds")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, h=handler: h())
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        self.filters = DuesFilterBar([], with_group=False)
        self.overview_table = QTableWidget()
        self.overview_table.setObjectName("overviewTable")
        self.overview_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary = QLabel()
        self.summary.setObjectName("fundsSummary")
        self.expense_table = QTableWidget()
        self.expense_table.setObjectName("expenseTable")
        self.expense_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.expense_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.expense_table.doubleClicked.connect(lambda index: self.edit_expense(index.row()))
        layout.addLayout(toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.overview_table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(_("Expense ledger")))
        layout.addWidget(self.expense_table, 1)
        self.filters.changed.connect(self.refresh)
        # Spending does not depend on the roster: a member form saved is no reason to recompute it.
        ctx.data_changed.connect(lambda entity: None if entity in ("members", "group") else self.refresh())
        self.refresh()

    @property
    def dates(self):  # -> tuple[date, date]
        period = self.filters.selected_period
        return first_day(period.first), last_day(period.last)

    def refresh(self) -> None:
        start, end = self.dates
        with self.ctx.db.session() as session:
            self.overview = o = funds_overview(session, start, end)
            rows = expenses.list_expenses(session, start, end)
            self.expense_ids = [e.id for e in rows]
            expense_rows = [[e.date.isoformat(), e.purpose, format_yuan(e.amount_fen), funding_label(e.funding_source),
                             e.handler, e.voucher_no, e.notes] for e in rows]
        table = o.table()
        sources = sorted({label for _p, cells, _t in table for label in cells})
        _fill(self.overview_table, [_("Purpose")] + sources + [_("Total (yuan)")],
              [[p] + [format_yuan(cells.get(s, 0)) for s in sources] + [format_yuan(total)] for p, cells, total in table]
              + [[_("Total")] + [format_yuan(sum(c.get(s, 0) for _p, c, _t in table)) for s in sources] + [format_yuan(o.total_fen)]])
        self.summary.setText(_("Spent {spent} yuan in {period}; dues collected {dues} yuan.").format(
            spent=format_yuan(o.total_fen), period=self.filters.selected_period.label(), dues=format_yuan(o.dues_collected_fen)))
        _fill(self.expense_table, [_("Date"), _("Purpose"), _("Amount (yuan)"), _("Funding source"), _("Handled by"),
                                   _("Voucher no."), _("Notes")], expense_rows)

    def add_expense(self) -> ExpenseDialog:
        dialog = ExpenseDialog(parent=self)

        def save() -> None:
            with self.ctx.db.session(write=True) as session:
                expenses.add_expense(session, dialog.data)
            self.ctx.notify("expenses")
        dialog.accepted.connect(reopen_when_busy(dialog, save))
        dialog.open()
        return dialog

    def edit_expense(self, row: int) -> ExpenseDialog | None:
        if not 0 <= row < len(self.expense_ids):
            return None
        expense_id = self.expense_ids[row]
        from unionoffice.gui.conflicts import CONFLICTS, handle_conflict, refuse_if_changed
        from unionoffice.store.models.funds import Expense

        with self.ctx.db.session() as session:
            expense = session.get(Expense, expense_id)
            session.expunge(expense)
        dialog = ExpenseDialog(expense, self)

        def save() -> None:
            try:
                with self.ctx.db.session(write=True) as session:
                    refuse_if_changed(session, Expense, expense_id, expense.version)  # the version the form shows
                    expenses.update_expense(session, expense_id, dialog.data)
            except CONFLICTS as exc:
                handle_conflict(self, dialog.windowTitle(), exc, lambda: self.edit_expense(row))
            self.ctx.notify("expenses")
        dialog.accepted.connect(reopen_when_busy(dialog, save))
        dialog.open()
        return dialog

    def delete_selected(self) -> int:
        rows = sorted({index.row() for index in self.expense_table.selectionModel().selectedRows()})
        ids = [self.expense_ids[r] for r in rows if r < len(self.expense_ids)]
        if not ids:
            return 0
        with self.ctx.db.session(write=True) as session:
            count = expenses.delete_expenses(session, ids)
        self.ctx.status_message.emit(_("{count} expenses moved to the recycle bin.").format(count=count))
        self.ctx.notify("expenses")
        return count

    def export(self, path: Path | None = None) -> Path | None:
        from unionoffice.io.funds_sheets import write_overview

        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(self, _("Export to Excel"), _("Use of union funds") + ".xlsx", "Excel (*.xlsx)")
            if not chosen:
                return None
            path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        start, end = self.dates
        with self.ctx.db.session() as session:
            rows = [{"date": e.date, "purpose": e.purpose, "amount": e.amount_fen,
                     "funding_source": funding_label(e.funding_source), "handler": e.handler, "voucher_no": e.voucher_no,
                     "notes": e.notes} for e in expenses.list_expenses(session, start, end)]
        table = self.overview.table() if self.overview else []
        sources = sorted({label for _p, cells, _t in table for label in cells})
        try:
            write_overview(path, sources, table, rows, _("Use of union funds") + f"（{self.filters.selected_period.label()}）")
        except OSError as exc:
            QMessageBox.warning(self, _("Export to Excel"), str(exc))
            return None
        return path

    def print_overview(self) -> None:
        from unionoffice.gui.printing import preview_pdf
        from unionoffice.io.dues_forms import funds_overview_form
        from unionoffice.io.forms import render_form
        from unionoffice.services.office import document_language, load_settings

        with self.ctx.db.session() as session:
            union, language = load_settings(session).union_name, document_language(session)
        if self.overview is not None:
            form = funds_overview_form(self.overview, union, language=language)
            preview_pdf(self, render_form(form), _("Use of union funds"))


def create_page(ctx: AppContext) -> QWidget:
    return FundsPage(ctx)
