"""Choosing attendees from the roster: search by name or pinyin, filter by group, whole group at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.choices import Sex
from unionoffice.gui.context import AppContext
from unionoffice.i18n import _
from unionoffice.services import office
from unionoffice.services.ledger_members import MemberChoice, find_members

SEARCH_LIMIT = 500


def member_text(member: MemberChoice) -> str:
    sex = Sex.from_text(member.sex or "")
    parts = [member.name, sex.label() if sex else "", member.group_name]
    return "  ".join(p for p in parts if p)


class MemberPickerDialog(QDialog):
    """Tick members in the list (Ctrl/Shift for several, or “Select all shown”); OK adds them."""

    def __init__(self, ctx: AppContext, exclude: set[int] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.exclude = exclude or set()
        self.setWindowTitle(_("Choose attendees"))
        self.resize(520, 560)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Name, pinyin initials (zs) or full pinyin"))
        self.group = QComboBox()
        self.group.addItem(_("All groups"), None)
        with ctx.db.session() as session:
            for group in office.list_groups(session, include_retired=False):
                self.group.addItem(group.name, group.id)
        self.women_only = QCheckBox(_("Women only"))
        row.addWidget(self.search, 1)
        row.addWidget(self.group)
        row.addWidget(self.women_only)
        layout.addLayout(row)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.list, 1)
        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.select_all = QPushButton(_("Select all shown"))
        self.select_all.clicked.connect(self.list.selectAll)
        self.whole_group = QPushButton(_("Add the whole group"))
        self.whole_group.setObjectName("wholeGroup")
        self.whole_group.setEnabled(False)
        self.whole_group.clicked.connect(self.take_whole_group)
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.select_all)
        bottom.addWidget(self.whole_group)
        layout.addLayout(bottom)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add the selected"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.group.currentIndexChanged.connect(lambda _i: self.refresh())
        self.women_only.toggled.connect(lambda _c: self.refresh())
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.refresh()

    def take_whole_group(self) -> None:
        """Everyone listed for the chosen group (women only when ticked), without searching further."""
        self.search.clear()
        self.refresh()
        self.list.selectAll()
        self.accept()

    def refresh(self) -> None:
        group_id = self.group.currentData()
        self.whole_group.setEnabled(group_id is not None)
        # A whole group is listed in full, so "select all" really takes the whole group.
        limit = None if group_id is not None else SEARCH_LIMIT
        with self.ctx.db.session() as session:
            found = find_members(session, self.search.text(), group_id, self.women_only.isChecked(), limit=limit)
        self.list.clear()
        shown = 0
        for member in found:
            if member.id in self.exclude:
                continue
            item = QListWidgetItem(member_text(member))
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.list.addItem(item)
            shown += 1
        if limit is not None and len(found) >= limit:
            self.count_label.setText(_("First {count} matches shown; type to narrow down.").format(count=shown))
        else:
            self.count_label.setText(_("{count} members").format(count=shown))

    @property
    def member_ids(self) -> list[int]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]
