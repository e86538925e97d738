"""操作记录: the audit trail, filterable by who, when, kind of record and text."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
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
from unionoffice.domain.money import format_yuan
from unionoffice.i18n import N_, _, format_datetime
from unionoffice.services import audit_log
from unionoffice.services.recycle import kind_label
from unionoffice.gui.list_keys import leave_table_on_tab
from unionoffice.gui.widgets import date_edit

ACTION_LABELS = {
    "create": N_("Added"), "update": N_("Changed"), "delete": N_("Deleted"),
    "restore": N_("Restored"), "purge": N_("Deleted for good"), "import": N_("Imported"),
}


# What the detail pane calls the recorded columns (a column not listed shows its own name).
FIELD_LABELS = {
    "title": N_("Title"), "name": N_("Name (of the record)"), "kind": N_("Kind"), "date": N_("Date"), "start_date": N_("Start date"),
    "end_date": N_("End date"), "place": N_("Place"), "organiser": N_("Organiser"), "organiser_name": N_("Organising body"),
    "description": N_("Description"), "cost_fen": N_("Cost (yuan)"), "funding_source": N_("Funding source"),
    "outsider_count": N_("Non-member attendees"), "hours_tenths": N_("Hours"), "trainer": N_("Trainer"),
    "notes": N_("Notes"), "member_id": N_("Member (number)"), "family_name": N_("Family member"),
    "family_relation": N_("Relation"), "occasion_id": N_("Occasion (number)"), "cash_fen": N_("Cash (yuan)"),
    "goods": N_("Goods"), "goods_value_fen": N_("Value of the goods (yuan)"), "visitors": N_("Visitors"),
    "in_accounts": N_("Entered in the accounts"), "over_limit_reason": N_("Reason for exceeding"),
    "batch_id": N_("Relief round (number)"), "category": N_("Hardship category"), "main_cause": N_("Main cause"),
    "health": N_("Health"), "disability": N_("Disability"), "marital_status": N_("Marital status"),
    "single_parent": N_("Single-parent family"), "housing": N_("Housing"),
    "monthly_income_fen": N_("Own monthly income (yuan)"), "household_size": N_("Household size"),
    "household_annual_income_fen": N_("Household annual income (yuan)"), "medical_insurance": N_("Medical insurance"),
    "status": N_("Status"), "opened_on": N_("Opened on"), "closed_on": N_("Closed on"), "close_reason": N_("Reason"),
    "reviewed_on": N_("Last reviewed"), "received_on": N_("Received on"), "complainant": N_("Brought by"),
    "contact": N_("Contact"), "channel": N_("Channel"), "summary": N_("The problem"), "result": N_("Result"),
    "money_recovered_fen": N_("Money recovered (yuan)"), "action": N_("What was done"), "handler": N_("Handled by"),
    "limit_fen": N_("Limit per visit (yuan)"), "retired": N_("No longer used"), "label": N_("Name (of the record)"),
    "position": N_("Order"), "deleted_at": N_("Moved to the recycle bin"), "value": N_("Value"),
}
# Bookkeeping the clerk has no use for in the detail pane.
HIDDEN_FIELDS = {"id", "created_at", "updated_at", "pinyin_initials", "pinyin_full", "name_sort_key", "added_at"}


def field_change(key: str, before: object, after: object) -> str:
    """One changed field for the detail pane: its label, and money in yuan rather than fen."""
    def show(value: object) -> str:
        if key.endswith("_fen") and isinstance(value, int):
            return format_yuan(value)
        return json.dumps(value, ensure_ascii=False)

    label = _(FIELD_LABELS[key]) if key in FIELD_LABELS else key
    return _("{field}: {before} → {after}").format(field=label, before=show(before), after=show(after))


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
        self.start = date_edit(QDate.currentDate().addMonths(-1).toPython())
        self.end = date_edit()
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
        leave_table_on_tab(self.table)
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
            if key not in HIDDEN_FIELDS:
                lines.append(field_change(key, entry.before.get(key), entry.after.get(key)))
        self.detail.setPlainText("\n".join(lines))


def _local(value: dt.datetime) -> dt.datetime:
    """Audit times are stored in UTC; show them in the computer's time zone."""
    return value.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)
