"""慰问事由与标准: the office's own list of occasions and the cash limit of each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.money import AmountError, format_yuan, parse_amount
from unionoffice.gui.context import AppContext
from unionoffice.gui.widgets import save_cancel_buttons
from unionoffice.gui.relief.widgets import show_error
from unionoffice.i18n import _
from unionoffice.services import hardship_batch, relief

NAME, LIMIT, RETIRED, FILED = range(4)


class OccasionsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Occasions and limits"))
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("occasions")
        self.table.setHorizontalHeaderLabels([_("Occasion"), _("Limit per visit (yuan, empty: none)"), _("No longer used"),
                                              _("For hardship file holders")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(NAME, 180)
        self.table.resizeColumnToContents(LIMIT)  # its heading is long: 上限（元，空白为不限）
        self.table.setColumnWidth(LIMIT, max(self.table.columnWidth(LIMIT), 160))
        add = QPushButton(_("Add an occasion"))
        add.clicked.connect(self.add_row)
        buttons = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("A visit above the limit asks the clerk for a reason before it is saved.")))
        layout.addWidget(self.table)
        layout.addWidget(add)
        layout.addWidget(buttons)
        with ctx.db.session(write=True) as session:
            for occasion in relief.list_occasions(session):
                self.add_row(occasion.id, occasion.name, format_yuan(occasion.limit_fen) if occasion.limit_fen else "",
                             occasion.retired, occasion.for_filed_families)
        self.resize(max(680, self.table.columnWidth(NAME) + self.table.columnWidth(LIMIT) + 140), 460)

    def add_row(self, occasion_id: int | None = None, name: str = "", limit: str = "", retired: bool = False,
                for_filed: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, occasion_id)
        self.table.setItem(row, NAME, item)
        self.table.setItem(row, LIMIT, QTableWidgetItem(limit))
        # Retired occasions keep their visits but are not offered for new ones.
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(Qt.CheckState.Checked if retired else Qt.CheckState.Unchecked)
        self.table.setItem(row, RETIRED, check)
        # A round of an occasion for filed families asks a reason for anyone without an open file.
        filed = QTableWidgetItem()
        filed.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        filed.setCheckState(Qt.CheckState.Checked if for_filed else Qt.CheckState.Unchecked)
        self.table.setItem(row, FILED, filed)

    def accept(self) -> None:
        try:
            with self.ctx.db.session(write=True) as session:
                for row in range(self.table.rowCount()):
                    name_item, limit_item = self.table.item(row, NAME), self.table.item(row, LIMIT)
                    name = name_item.text() if name_item else ""
                    limit_text = limit_item.text().strip() if limit_item else ""
                    try:
                        limit = parse_amount(limit_text, allow_zero=False) if limit_text else None
                    except AmountError as exc:
                        raise relief.ReliefError(_("Row {row} ({name}): {error}").format(row=row + 1, name=name, error=exc)) from None
                    occasion_id = name_item.data(Qt.ItemDataRole.UserRole) if name_item else None
                    for_filed = self.table.item(row, FILED).checkState() == Qt.CheckState.Checked
                    if occasion_id is None:
                        if name.strip():
                            occasion_id = relief.add_occasion(session, name, limit).id
                    else:
                        retired = self.table.item(row, RETIRED).checkState() == Qt.CheckState.Checked
                        relief.update_occasion(session, occasion_id, name=name, limit_fen=limit, retired=retired)
                    if occasion_id is not None:
                        hardship_batch.set_occasion_for_filed_families(session, occasion_id, for_filed)
        except relief.ReliefError as exc:
            show_error(self, str(exc))
            return
        self.ctx.notify("relief_occasion")
        super().accept()
