"""The member form: 基本信息, 会籍变动 (history with status changes), and the tabs other registers add."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.choices import (
    Education,
    Employment,
    HukouType,
    IdType,
    MembershipEventKind,
    PoliticalStatus,
    Sex,
)
from unionoffice.domain.vocabulary import ETHNICITIES
from unionoffice.gui import member_tabs
from unionoffice.gui.ledgers.unsaved import confirm_discard, form_state
from unionoffice.gui.context import AppContext
from unionoffice.gui.status_dialog import StatusDialog
from unionoffice.gui.widgets import ChoiceCombo, DateField, save_cancel_buttons
from unionoffice.i18n import _
from unionoffice.services import members as svc
from unionoffice.services.members import MemberData, MemberError, PendingEvent
from unionoffice.services.office import list_groups
from unionoffice.gui.list_keys import leave_table_on_tab


def extra_tab_modules() -> list[ModuleType]:
    """The modules of unionoffice/gui/member_tabs/, sorted by their ORDER."""
    modules = []
    for info in pkgutil.iter_modules(member_tabs.__path__):
        module = importlib.import_module(f"{member_tabs.__name__}.{info.name}")
        if hasattr(module, "create_tab"):
            modules.append(module)
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


class MemberDialog(QDialog):
    """Edits one member (or a new one when member_id is None); ``data`` holds the checked values."""

    def __init__(self, ctx: AppContext, member_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member_id
        self._data: MemberData | None = None
        self.notices: list[str] = []
        # History changes made in the form: written with the rest on 保存, dropped on 取消.
        self.pending_events: list[PendingEvent] = []
        self.removed_event_ids: list[int] = []
        # Called on 保存 once the input is valid; False keeps the form open (e.g. the database was busy).
        self.on_save: Callable[[], bool] | None = None
        self._stored_events: list[tuple] = []
        self.setWindowTitle(_("New member") if member_id is None else _("Member"))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.details = self._build_fields()
        self.tabs.addTab(self.details, _("Details"))
        if member_id is not None:
            self.history = self._build_history()
            self.tabs.addTab(self.history, _("Membership history"))
            for module in extra_tab_modules():
                self.tabs.addTab(module.create_tab(ctx, member_id), _(module.TAB_TITLE))
        self.buttons = save_cancel_buttons(self)
        layout.addWidget(self.buttons)
        self._load()
        self._opened_with = self._state()

    # --- the fields --------------------------------------------------------------------------

    def _build_fields(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        left, right = QFormLayout(), QFormLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.id_type = ChoiceCombo(IdType, blank=None)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("idNumber")
        self.id_number.setPlaceholderText(_("18 digits; birth date and sex are read from it"))
        self.sex = ChoiceCombo(Sex)
        self.birth_date = DateField()
        self.ethnicity = QComboBox()
        self.ethnicity.setObjectName("ethnicity")
        self.ethnicity.setEditable(True)  # type 汉 or pick; the value is checked against GB/T 3304
        self.ethnicity.addItems(["", *ETHNICITIES])
        self.political_status = ChoiceCombo(PoliticalStatus)
        self.education = ChoiceCombo(Education)
        self.skill_level = QLineEdit()
        self.employment = ChoiceCombo(Employment)
        self.group = QComboBox()
        self.post = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.hukou_type = ChoiceCombo(HukouType)
        self.hukou_place = QLineEdit()
        self.native_place = QLineEdit()
        self.migrant_worker = QCheckBox(_("Migrant worker member"))
        self.join_date = DateField()
        self.card_no = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.notes.setTabChangesFocus(True)
        for form, rows in (
            (left, [(_("Full name"), self.name), (_("ID type"), self.id_type), (_("ID card number"), self.id_number),
                    (_("Sex"), self.sex), (_("Birth date"), self.birth_date), (_("Ethnicity"), self.ethnicity),
                    (_("Political status"), self.political_status), (_("Education"), self.education),
                    (_("Skill level"), self.skill_level), (_("Employment"), self.employment)]),
            (right, [(_("Group / department"), self.group), (_("Post"), self.post), (_("Phone"), self.phone),
                     (_("Hukou type"), self.hukou_type), (_("Hukou place"), self.hukou_place),
                     (_("Native place"), self.native_place), ("", self.migrant_worker),
                     (_("Join date"), self.join_date), (_("Card number"), self.card_no)]),
        ):
            for label, widget in rows:
                form.addRow(label, widget)
        notes_form = QFormLayout()
        notes_form.addRow(_("Notes"), self.notes)
        grid.addLayout(notes_form, 1, 0, 1, 2)
        return page

    def _load(self) -> None:
        with self.ctx.db.session() as session:
            member = svc.get_member(session, self.member_id) if self.member_id is not None else None
            current_group = member.group_id if member else None
            self.group.addItem("", None)
            for g in list_groups(session):
                if not g.retired or g.id == current_group:
                    self.group.addItem(g.name, g.id)
            data = MemberData.of(member) if member else MemberData()
            # The version this form shows: the save is refused if someone else saves over it meanwhile.
            self.loaded_version = member.version if member else None
            self._stored_events = [(e.id, e.kind, e.date, e.reason, e.destination) for e in member.events] if member else []
        self.name.setText(data.name)
        self.id_type.value = data.id_type
        self.id_number.setText(data.id_number or "")
        self.sex.value = data.sex
        self.birth_date.value = data.birth_date
        self.ethnicity.setCurrentText(data.ethnicity)
        self.political_status.value = data.political_status
        self.education.value = data.education
        self.skill_level.setText(data.skill_level)
        self.employment.value = data.employment
        self.group.setCurrentIndex(max(self.group.findData(data.group_id), 0))
        self.post.setText(data.post)
        self.phone.setText(data.phone)
        self.hukou_type.value = data.hukou_type
        self.hukou_place.setText(data.hukou_place)
        self.native_place.setText(data.native_place)
        self.migrant_worker.setChecked(bool(data.migrant_worker))
        self.join_date.value = data.join_date
        self.card_no.setText(data.card_no)
        self.notes.setPlainText(data.notes)
        if self.member_id is not None:
            self._show_events()

    def form_values(self) -> MemberData:
        """What the form holds now (unchecked); ValueError names a date that is not one."""
        values = {}
        for label, field in ((_("Birth date"), self.birth_date), (_("Join date"), self.join_date)):
            try:
                values[field] = field.value
            except ValueError:
                raise MemberError(_("{field}: “{text}” is not a date.").format(field=label, text=field.text())) from None
        return MemberData(
            name=self.name.text(), sex=self.sex.value, ethnicity=self.ethnicity.currentText(),
            birth_date=values[self.birth_date], id_type=self.id_type.value or IdType.RESIDENT_ID.value,
            id_number=self.id_number.text(), political_status=self.political_status.value,
            education=self.education.value, skill_level=self.skill_level.text(), employment=self.employment.value,
            group_id=self.group.currentData(), post=self.post.text(), phone=self.phone.text(),
            hukou_type=self.hukou_type.value, hukou_place=self.hukou_place.text(),
            native_place=self.native_place.text(), migrant_worker=self.migrant_worker.isChecked(),
            join_date=values[self.join_date], card_no=self.card_no.text(), notes=self.notes.toPlainText(),
        )

    @property
    def data(self) -> MemberData | None:
        """The checked values once the dialog was accepted (ID upper-case, phone digits, birth date filled)."""
        return self._data

    def _state(self) -> tuple:
        return form_state(self.details), tuple(self.pending_events), tuple(self.removed_event_ids)

    def reject(self) -> None:
        """Escape, 取消 and the close box ask before dropping changes (the history's too)."""
        if self._state() == self._opened_with or confirm_discard(self):
            super().reject()

    def accept(self) -> None:
        try:
            values = self.form_values()
            with self.ctx.db.session() as session:
                self._data, self.notices = svc.validate(session, values, self.member_id)
        except MemberError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        if self.on_save is not None and not self.on_save():
            return  # not stored (the reason was shown): the form stays open with the input
        super().accept()

    # --- the history ---------------------------------------------------------------------------

    def _build_history(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.events = QTableWidget(0, 4)
        leave_table_on_tab(self.events)
        self.events.setObjectName("events")
        self.events.setHorizontalHeaderLabels([_("Date"), _("Change"), _("Reason"), _("Destination")])
        self.events.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.events)
        row = QHBoxLayout()
        self.change_button = QPushButton(_("Change membership status…"))
        self.change_button.clicked.connect(self.change_status)
        self.remove_button = QPushButton(_("Remove the selected change"))
        self.remove_button.clicked.connect(self.remove_event)
        row.addWidget(self.change_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _events_shown(self) -> list[tuple]:
        """(event id or None for a pending one, kind, date, reason, destination), by date."""
        kept = [e for e in self._stored_events if e[0] not in self.removed_event_ids]
        pending = [(None, e.kind.value, e.date, e.reason, e.destination) for e in self.pending_events]
        return sorted(kept + pending, key=lambda e: e[2])

    def _show_events(self) -> None:
        events = self._events_shown()
        self.events.setRowCount(len(events))
        for r, (event_id, kind, date, reason, destination) in enumerate(events):
            label = MembershipEventKind(kind).label() + (_(" (not saved yet)") if event_id is None else "")
            for c, text in enumerate([f"{date:%Y-%m-%d}", label, reason, destination]):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, event_id)
                item.setData(Qt.ItemDataRole.UserRole + 1, (kind, date, reason, destination))
                self.events.setItem(r, c, item)

    def change_status(self) -> StatusDialog:
        dialog = StatusDialog(self)
        dialog.accepted.connect(lambda: self.save_status(dialog))
        dialog.open()
        return dialog

    def save_status(self, dialog: StatusDialog) -> bool:
        """Add the change to the form's history after checking it; it is stored on 保存."""
        dates = [e[2] for e in self._events_shown()]
        try:
            svc.check_event(dialog.kind, dialog.date, dialog.destination, min(dates, default=None))
        except MemberError as exc:
            QMessageBox.warning(self, _("Change membership status"), str(exc))
            return False
        self.pending_events.append(PendingEvent(dialog.kind, dialog.date, dialog.reason, dialog.destination))
        self._show_events()
        return True

    def remove_event(self) -> None:
        item = self.events.item(self.events.currentRow(), 0)
        if item is None:
            return
        if self.events.rowCount() == 1:
            QMessageBox.warning(self, _("Membership history"),
                                _("The only membership event of a member cannot be removed."))
            return
        answer = QMessageBox.question(self, _("Membership history"), _("Remove this membership change?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        event_id = item.data(Qt.ItemDataRole.UserRole)
        if event_id is None:
            kind, date, reason, destination = item.data(Qt.ItemDataRole.UserRole + 1)
            self.pending_events.remove(PendingEvent(MembershipEventKind(kind), date, reason, destination))
        else:
            self.removed_event_ids.append(event_id)
        self._show_events()
