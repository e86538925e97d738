"""The chosen attendees of an activity or session: a table with add (picker) and remove."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.choices import Sex
from unionoffice.gui.context import AppContext
from unionoffice.gui.ledgers.member_picker import MemberPickerDialog
from unionoffice.i18n import _
from unionoffice.services.ledger_members import MemberChoice, members_by_ids
from unionoffice.gui.widgets import run_modal


class AttendeeList(QWidget):
    """Holds MemberChoice rows; ``extra_columns`` lets the training form add result columns."""

    changed = Signal()

    def __init__(self, ctx: AppContext, extra_headers: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.members: list[MemberChoice] = []
        self.extra_headers = extra_headers or []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add attendees…"))
        self.add_button.setObjectName("addAttendees")
        self.remove_button = QPushButton(_("Remove selected"))
        self.count_label = QLabel()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout.addLayout(buttons)
        self.table = QTableWidget(0, 3 + len(self.extra_headers))
        self.table.setHorizontalHeaderLabels([_("Full name"), _("Sex"), _("Department"), *self.extra_headers])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((100, 50, 140) + (80,) * len(self.extra_headers)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.pick)
        self.remove_button.clicked.connect(self.remove_selected)

    @property
    def member_ids(self) -> list[int]:
        return [m.id for m in self.members]

    def set_member_ids(self, ids: list[int]) -> None:
        with self.ctx.db.session() as session:
            self.members = members_by_ids(session, ids)
        self._fill(0)

    def add_member_ids(self, ids: list[int]) -> None:
        known = set(self.member_ids)
        new = [i for i in ids if i not in known]
        if not new:
            return
        with self.ctx.db.session() as session:
            added = members_by_ids(session, new)
        first = len(self.members)
        self.members.extend(added)
        self._fill(first)

    def pick(self) -> None:
        dialog = MemberPickerDialog(self.ctx, exclude=set(self.member_ids), parent=self)
        if run_modal(dialog):
            self.add_member_ids(dialog.member_ids)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            del self.members[row]
            self.table.removeRow(row)
        self._update_count()

    def _fill(self, first: int) -> None:
        """Append table rows for members[first:] (rows before stay, with their edited results)."""
        self.table.setRowCount(first)
        self.table.setRowCount(len(self.members))
        for row in range(first, len(self.members)):
            member = self.members[row]
            sex = Sex.from_text(member.sex or "")
            for column, text in enumerate((member.name, sex.label() if sex else "", member.group_name)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
            self.init_extra(row, member)
        self._update_count()

    def init_extra(self, row: int, member: MemberChoice) -> None:
        """Subclasses fill their extra columns of a new row."""

    def women(self) -> int:
        return sum(1 for m in self.members if m.sex == Sex.FEMALE.value)

    def _update_count(self) -> None:
        self.count_label.setText(_("{count} members, of whom {women} women").format(count=len(self.members), women=self.women()))
        self.changed.emit()
