"""Pick one member by typing a name, pinyin initials (zs) or full pinyin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QSizePolicy, QVBoxLayout, QWidget

from unionoffice.gui.context import AppContext
from unionoffice.i18n import _
from unionoffice.services.relief_queries import MemberPick, search_members

MATCHES_SHOWN = 50


def pick_label(pick: MemberPick) -> str:
    text = f"{pick.name}　{pick.group}" if pick.group else pick.name
    return text + ("　" + _("[hardship file]") if pick.has_open_file else "")


class MemberPicker(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._member_id: int | None = None
        self._name = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("memberSearch")
        self.search.setPlaceholderText(_("Name or pinyin initials, e.g. zs"))
        self.matches = QListWidget()
        self.matches.setObjectName("memberMatches")
        self.matches.setMaximumHeight(110)
        layout.addWidget(self.search)
        layout.addWidget(self.matches)
        self.matches.setVisible(False)  # shown while there are matches to choose from
        # No taller than the search box (and the list while shown): a form's spare height goes elsewhere.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.search.textEdited.connect(self._search)
        self.matches.currentItemChanged.connect(self._picked)
        self.matches.itemClicked.connect(self._chosen)
        self.matches.itemActivated.connect(self._chosen)
        self.search.editingFinished.connect(self._show_chosen_name)

    @property
    def member_id(self) -> int | None:
        return self._member_id

    @property
    def member_name(self) -> str:
        return self._name

    def set_member(self, member_id: int, name: str) -> None:
        self._member_id, self._name = member_id, name
        self.search.setText(name)
        self.matches.clear()
        self.matches.setVisible(False)
        self.changed.emit()

    def _search(self, text: str) -> None:
        self._member_id, self._name = None, ""
        self.matches.clear()
        if text.strip():
            with self.ctx.db.session() as session:
                picks = search_members(session, text, limit=MATCHES_SHOWN)
            for pick in picks:
                item = QListWidgetItem(pick_label(pick))
                item.setData(Qt.ItemDataRole.UserRole, (pick.id, pick.name))
                self.matches.addItem(item)
            if len(picks) == 1:
                self.matches.setCurrentRow(0)
        self.matches.setVisible(self.matches.count() > 0)
        self.changed.emit()

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self._member_id, self._name = item.data(Qt.ItemDataRole.UserRole)
            if self.matches.hasFocus():  # chosen with the arrow keys in the list
                self.search.setText(self._name)
            self.changed.emit()

    def _chosen(self, item: QListWidgetItem) -> None:
        """A click or Enter on a match: the box shows the member's name, not what was typed ("fy")."""
        self._picked(item)
        self.search.setText(self._name)

    def _show_chosen_name(self) -> None:
        if self._member_id is not None and self.search.text() != self._name:
            self.search.setText(self._name)
