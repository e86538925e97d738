"""低保标准: the local subsistence standard per person per month, each with the date it took effect."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from unionoffice.domain.money import AmountError, format_yuan, parse_amount
from unionoffice.gui.context import AppContext
from unionoffice.gui.relief.widgets import show_error
from unionoffice.gui.widgets import save_cancel_buttons
from unionoffice.i18n import _
from unionoffice.services import hardship_rules
from unionoffice.services.relief import ReliefError

DATE, AMOUNT, NOTE = range(3)


class StandardsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Subsistence standard (低保标准)"))
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("standards")
        self.table.setHorizontalHeaderLabels([_("In force from (YYYY-MM-DD)"), _("Yuan per person per month"), _("Notes")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(DATE, 170)
        self.table.setColumnWidth(AMOUNT, 150)
        add = QPushButton(_("Add a standard"))
        add.setObjectName("addStandard")
        add.clicked.connect(lambda: self.add_row())
        remove = QPushButton(_("Remove selected"))
        remove.setObjectName("removeStandard")
        remove.clicked.connect(self._remove)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("The standard in force on a file's day (its last review, else its opening) is used to "
                                  "compute the category. Keep the old ones: earlier months are judged by them.")))
        layout.addWidget(self.table)
        layout.addWidget(add)
        layout.addWidget(remove)
        layout.addWidget(save_cancel_buttons(self))
        self._removed: list[int] = []
        with ctx.db.session() as session:
            for row in hardship_rules.list_standards(session):
                self.add_row(row.id, row.effective_on.isoformat(), format_yuan(row.monthly_fen), row.note)
        self.resize(620, 380)

    def add_row(self, standard_id: int | None = None, date: str = "", amount: str = "", note: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(date)
        item.setData(Qt.ItemDataRole.UserRole, standard_id)
        self.table.setItem(row, DATE, item)
        self.table.setItem(row, AMOUNT, QTableWidgetItem(amount))
        self.table.setItem(row, NOTE, QTableWidgetItem(note))

    def _remove(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            standard_id = self.table.item(row, DATE).data(Qt.ItemDataRole.UserRole)
            if standard_id is not None:
                self._removed.append(standard_id)
            self.table.removeRow(row)

    def _rows(self) -> list[tuple[int | None, dt.date, int, str]]:
        rows, seen = [], set()
        for row in range(self.table.rowCount()):
            cells = [(self.table.item(row, c).text().strip() if self.table.item(row, c) else "") for c in range(3)]
            if not any(cells):
                continue
            try:
                day = dt.date.fromisoformat(cells[DATE])
            except ValueError:
                raise ReliefError(_("Row {row}: “{text}” is not a date like 2026-07-01.").format(row=row + 1, text=cells[DATE])) from None
            if day in seen:
                raise ReliefError(_("Row {row}: {date} is listed twice.").format(row=row + 1, date=day.isoformat()))
            seen.add(day)
            try:
                fen = parse_amount(cells[AMOUNT], allow_zero=False)
            except AmountError as exc:
                raise ReliefError(_("Row {row}: {error}").format(row=row + 1, error=exc)) from None
            rows.append((self.table.item(row, DATE).data(Qt.ItemDataRole.UserRole), day, fen, cells[NOTE]))
        return rows

    def accept(self) -> None:
        try:
            rows = self._rows()
            with self.ctx.db.session(write=True) as session:
                kept = {r.id: r for r in hardship_rules.list_standards(session)}
                for standard_id in self._removed:
                    hardship_rules.delete_standard(session, standard_id)
                for standard_id, day, fen, note in rows:
                    old = kept.get(standard_id) if standard_id is not None else None
                    if old is not None and old.effective_on != day:
                        hardship_rules.delete_standard(session, standard_id)
                        session.flush()
                    if old is None or (old.effective_on, old.monthly_fen, old.note) != (day, fen, note):
                        hardship_rules.set_standard(session, day, fen, note)
        except ReliefError as exc:
            show_error(self, str(exc))
            return
        self.ctx.notify("hardship_file")
        super().accept()
