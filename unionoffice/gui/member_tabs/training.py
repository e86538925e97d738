"""The member form's 培训记录 tab: the member's sessions, hours and certificates."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from unionoffice.domain.ledgers import Ledger, format_tenths
from unionoffice.gui.context import AppContext
from unionoffice.i18n import N_, _
from unionoffice.services.ledger_kinds import kind_labels
from unionoffice.services.trainings import member_training_history
from unionoffice.gui.list_keys import leave_table_on_tab

ORDER = 30
TAB_TITLE = N_("Training")


class TrainingTab(QWidget):
    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        layout = QVBoxLayout(self)
        self.totals = QLabel()
        self.totals.setObjectName("trainingTotals")
        layout.addWidget(self.totals)
        self.table = QTableWidget(0, 7)
        leave_table_on_tab(self.table)
        self.table.setHorizontalHeaderLabels(
            [_("Date"), _("Course title"), _("Kind"), _("Hours"), _("Attended"), _("Score"), _("Certificate")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        ctx.data_changed.connect(lambda entity: self.refresh() if entity in ("training", "training_sessions") else None)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.session() as session:
            history = member_training_history(session, self.member_id)
            labels = kind_labels(session, Ledger.TRAINING)
        self.totals.setText(_("{sessions} sessions attended, {hours} hours, {certificates} certificates").format(
            sessions=history.sessions_attended, hours=format_tenths(history.hours_tenths), certificates=history.certificates))
        self.table.setRowCount(len(history.lines))
        for row, line in enumerate(history.lines):
            passed = "" if line.passed is None else ("✓" if line.passed else "✗")
            score = format_tenths(line.score_tenths)
            certificate = " ".join(p for p in (line.certificate_name, line.certificate_no) if p)
            values = (line.start_date.isoformat(), line.title, labels.get(line.kind, line.kind),
                      format_tenths(line.hours_tenths), _("Yes") if line.attended else _("No"),
                      f"{score} {passed}".strip(), certificate)
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))


def create_tab(ctx: AppContext, member_id: int) -> QWidget:
    return TrainingTab(ctx, member_id)
