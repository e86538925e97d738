"""按部门统计: 应缴 / 实缴 / 欠缴 and the collection rate of each group for the period shown."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from unionoffice.domain.money import format_yuan
from unionoffice.i18n import _
from unionoffice.services.dues_ledger import DuesLedger, by_group


class GroupStatsDialog(QDialog):
    def __init__(self, ledger: DuesLedger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Dues by group"))
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(ledger.period.label()))
        groups = by_group(ledger)
        headers = [_("Group"), _("Members owing"), _("Due (yuan)"), _("Paid (yuan)"), _("Unpaid (yuan)"),
                   _("Members with unpaid dues"), _("Collection rate")]
        self.table = QTableWidget(len(groups), len(headers))
        self.table.setObjectName("groupStats")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, g in enumerate(groups):
            rate = f"{g.rate * 100:.1f}%" if g.rate is not None else "—"
            for c, text in enumerate([g.group or _("No group"), str(g.members), format_yuan(g.due_fen), format_yuan(g.paid_fen),
                                      format_yuan(g.arrears_fen), str(g.arrears_members), rate]):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
