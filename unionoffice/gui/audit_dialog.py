"""操作记录: the audit trail, filterable by who, when, kind of record and text."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from PySide6.QtCore import Qt

from unionoffice.gui.context import AppContext
from unionoffice.i18n import N_, _, format_datetime
from unionoffice.services import audit_log
from unionoffice.services.recycle import kind_label

ACTION_LABELS = {
    "create": N_("Added"), "update": N_("Changed"), "delete": N_("Deleted"),
    "restore": N_("Restored"), "purge": N_("Deleted for good"), "import": N_("Imported"),
}


class AuditLogDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Change log"))
        self.resize(980, 600)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.user = QComboBox()
        self.entity = QComboBox()
        self.use_dates = QCheckBox(_("From"))
        self.start = QDateEdit(QDate.currentDate().addMonths(-1))
        self.end = QDateEdit(QDate.currentDate())
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Text in the change…"))
        for label, widget in [(_("User:"), self.user), (_("Kind:"), self.entity)]:
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.start)
        filters.addWidget(QLabel(_("to")))
        filters.addWidget(self.end)
        filters.addWidget(self.search, 1)
        layout.addLayout(filters)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Time"), _("User"), _("Action"), _("Kind"), _("What")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        sample = format_datetime(dt.datetime(2026, 12, 28, 23, 59))  # the widest time the column shows
        self.table.setColumnWidth(0, self.table.fontMetrics().horizontalAdvance(sample) + 24)
        self.table.setColumnWidth(3, self.table.fontMetrics().horizontalAdvance(_("Handling step of a rights case")) + 24)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        layout.addWidget(splitter)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.rows: list[audit_log.AuditRow] = []
        self._fill_choices()
        for signal in (self.user.currentIndexChanged, self.entity.currentIndexChanged, self.start.dateChanged,
                       self.end.dateChanged, self.search.textChanged, self.use_dates.toggled):
            signal.connect(lambda *_args: self.refresh())
        self.table.currentCellChanged.connect(lambda row, *_args: self.show_detail(row))
        self.refresh()

    def _fill_choices(self) -> None:
        with self.ctx.db.session() as session:
            users, entities = audit_log.audit_users(session), audit_log.audit_entities(session)
        self.user.addItem(_("Everyone"), None)
        for user in users:
            self.user.addItem(user, user)
        self.entity.addItem(_("All kinds"), None)
        for entity in entities:
            self.entity.addItem(kind_label(entity), entity)

    def current_filter(self) -> audit_log.AuditFilter:
        dates = self.use_dates.isChecked()
        return audit_log.AuditFilter(
            user=self.user.currentData(),
            entity=self.entity.currentData(),
            start=self.start.date().toPython() if dates else None,
            end=self.end.date().toPython() if dates else None,
            text=self.search.text(),
        )

    def refresh(self) -> None:
        with self.ctx.db.session() as session:
            self.rows = audit_log.query_audit(session, self.current_filter())
        self.table.setRowCount(len(self.rows))
        for row, entry in enumerate(self.rows):
            action = _(ACTION_LABELS[entry.action]) if entry.action in ACTION_LABELS else entry.action
            values = [format_datetime(_local(entry.at)), entry.user, action, kind_label(entry.entity), entry.summary]
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.count.setText(_("{count} changes").format(count=len(self.rows)))
        self.detail.clear()

    def show_detail(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            self.detail.clear()
            return
        entry = self.rows[row]
        lines = [entry.summary, ""]
        for key in sorted(set(entry.before) | set(entry.after)):
            lines.append(_("{field}: {before} → {after}").format(
                field=key,
                before=json.dumps(entry.before.get(key), ensure_ascii=False),
                after=json.dumps(entry.after.get(key), ensure_ascii=False),
            ))
        self.detail.setPlainText("\n".join(lines))


def _local(value: dt.datetime) -> dt.datetime:
    """Audit times are stored in UTC; show them in the computer's time zone."""
    return value.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)
