"""会员: the roster — search, filters, sortable table, composition panel, member form, recycle bin,
import, export and the printed roster."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sqlalchemy.orm.exc import StaleDataError

from unionoffice.domain.text_rules import TextTooLong
from unionoffice.gui import conflicts
from unionoffice.gui.busy import is_busy, show_busy
from unionoffice.gui.freshness import RegisterWatch
from unionoffice.gui.composition_panel import CompositionPanel
from unionoffice.gui.context import AppContext
from unionoffice.gui.member_dialog import MemberDialog
from unionoffice.gui.member_filters import FilterBar
from unionoffice.gui.member_table import MemberTableModel
from unionoffice.gui.recycle_dialog import RecycleBinDialog
from unionoffice.gui.list_keys import link_search_to_table
from unionoffice.i18n import _, format_number
from unionoffice.services import members as svc
from unionoffice.services.members import MemberError
from unionoffice.services.versioning import RecordChanged, record_changed_from
from unionoffice.store.actor import ReadOnlyUser
from unionoffice.store.models import Member
from unionoffice.services.office import list_groups

ENTITY = "members"  # what ctx.notify names after a change (the table name, as the recycle bin does)
SEARCH_DELAY_MS = 120  # wait for a pause in typing before querying
PANEL_DELAY_MS = 300


class MembersPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search: name, pinyin initials (zs) or full pinyin, ID number, phone, card number"))
        top.addWidget(self.search, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("new", _("New member"), self.new_member),
            ("edit", _("Open"), self.open_selected),
            ("delete", _("Delete"), self.delete_selected),
            ("bin", _("Recycle bin"), self.open_recycle_bin),
            ("import", _("Import from Excel…"), self.import_members),
            ("export", _("Export to Excel…"), self.export_members),
            ("upload", _("Upload template…"), self.fill_upload_template),
            ("print", _("Print roster…"), self.print_roster),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{key}Button")
            button.clicked.connect(lambda _checked=False, s=slot: s())
            top.addWidget(button)
            self.buttons[key] = button
        self.buttons["upload"].setToolTip(
            _("Fill the higher union's member information (实名制) template from the roster and check it before it is sent"))
        layout.addLayout(top)

        self.filters = FilterBar()
        layout.addWidget(self.filters)
        self.count_label = QLabel()
        self.count_label.setObjectName("matchCount")
        layout.addWidget(self.count_label)

        self.model = MemberTableModel(ctx.db, self)
        self.table = QTableView()
        self.table.setObjectName("members")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((80, 44, 90, 160, 110, 100, 80, 100, 90, 90, 80, 60)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._open_index)
        self.panel = CompositionPanel()
        self.panel.computed.connect(self._composition_ready)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 1)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._panel_timer = QTimer(self, singleShot=True, interval=PANEL_DELAY_MS)
        self._panel_timer.timeout.connect(self.refresh_panel)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        link_search_to_table(self.search, self.table, lambda row: self.open_member(self.model.member_id(row)), self.refresh)
        self.filters.changed.connect(self.refresh)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_member)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, activated=self.delete_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        for key in ("Return", "Enter"):  # Enter on a row opens it (not `activated`: it also fires on double-click)
            # Only while the table has focus: Enter in a filter field (a typed date) must not open a member.
            QShortcut(QKeySequence(key), self.table, activated=self.open_selected, context=Qt.ShortcutContext.WidgetShortcut)
        ctx.data_changed.connect(self._on_data_changed)
        self.watch = RegisterWatch(ctx.db, Member)
        self._load_groups()
        self.refresh()
        self.refresh_panel()

    # --- refreshing ---------------------------------------------------------------------------

    def _load_groups(self) -> None:
        with self.ctx.db.session() as session:
            self.filters.set_groups(list_groups(session))

    def refresh(self) -> None:
        """Run the search and filters now (the table, the count; the panel a moment later)."""
        self._search_timer.stop()
        self.model.set_filter(self.filters.member_filter(self.search.text()))
        self._show_count()
        self._panel_timer.start()

    def _show_count(self) -> None:
        count = format_number(self.model.rowCount())
        text = _("{count} members match") if self.model.exact else _("At least {count} members match (counting…)")
        self.count_label.setText(text.format(count=count))

    def refresh_panel(self) -> None:
        """Recount the composition (in the background) for what the table shows."""
        self._panel_timer.stop()
        self.panel.compute(self.ctx.db, self.model.filter)

    def _composition_ready(self, comp: object) -> None:
        if comp.total != self.model.rowCount() or not self.model.exact:  # type: ignore[attr-defined]
            self.model.set_exact_count(comp.total)  # type: ignore[attr-defined]
        self._show_count()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Coming back to the page: groups made elsewhere (an import, the settings) are listed, and
        members changed meanwhile (on another PC, by the command line) are shown as they are now."""
        self._load_groups()
        if self.watch.changed():
            self.refresh()
        super().showEvent(event)

    def _on_data_changed(self, entity: str) -> None:
        if entity in ("group", "settings", ENTITY):  # a roster import may have made new groups
            self._load_groups()
        if entity in (ENTITY, "member", "group"):
            # Seen here, not at each keystroke: the register's stamp sums every member's version
            # (a scan of the table), and a search shows the members as they are anyway.
            self.watch.mark_seen()
            self.refresh()

    # --- records ----------------------------------------------------------------------------

    def selected_member_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.member_id(index.row()) if index.isValid() else None

    def _open_index(self, index: QModelIndex) -> None:
        member_id = self.model.member_id(index.row())
        if member_id is not None:
            self.open_member(member_id)

    def open_selected(self) -> MemberDialog | None:
        member_id = self.selected_member_id()
        return self.open_member(member_id) if member_id is not None else None

    def new_member(self) -> MemberDialog:
        dialog = MemberDialog(self.ctx, None, self)
        dialog.on_save = lambda: self.save(dialog) is not None  # the form closes only once it is stored
        dialog.open()
        return dialog

    def open_member(self, member_id: int) -> MemberDialog:
        dialog = MemberDialog(self.ctx, member_id, self)
        dialog.on_save = lambda: self.save(dialog) is not None
        dialog.open()
        return dialog

    def save(self, dialog: MemberDialog) -> int | None:
        """Store what the member form holds; returns the member's id, or None (said why) when nothing was stored."""
        try:
            with self.ctx.db.session(write=True) as session:
                saved = svc.save_member_form(session, dialog.member_id, dialog.data,
                                             dialog.pending_events, dialog.removed_event_ids,
                                             expected_version=dialog.loaded_version)
                member_id, name = saved.member.id, saved.member.name
        except (MemberError, TextTooLong, ReadOnlyUser) as exc:
            QMessageBox.warning(self, _("Member"), str(exc))
            return None
        except (RecordChanged, StaleDataError) as exc:
            conflict = exc if isinstance(exc, RecordChanged) else record_changed_from(exc)
            if conflicts.offer_reload(self, _("Member"), conflict) and dialog.member_id is not None:
                self.reloaded_dialog = self.open_member(dialog.member_id)
            self.ctx.notify(ENTITY)
            return None
        except Exception as exc:
            if not is_busy(exc):
                raise
            show_busy(dialog, _("Member"))
            return None
        for notice in dict.fromkeys([*dialog.notices, *saved.notices]):
            QMessageBox.information(self, _("Member"), notice)
        self.ctx.notify(ENTITY, [member_id])
        self.ctx.status_message.emit(_("Saved: {name}").format(name=name))
        return member_id

    def delete_selected(self, confirmed: bool = False) -> bool:
        member_id = self.selected_member_id()
        if member_id is None:
            return False
        name = self.model.row(self.table.currentIndex().row()).name
        if not confirmed:
            answer = QMessageBox.question(
                self, _("Delete"), _("Move {name} to the recycle bin? It can be restored from there.").format(name=name))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        with self.ctx.db.session(write=True) as session:
            svc.delete_member(session, member_id)
        self.ctx.notify(ENTITY, [member_id])
        self.ctx.status_message.emit(_("{name} moved to the recycle bin.").format(name=name))
        return True

    def open_recycle_bin(self) -> RecycleBinDialog:
        dialog = RecycleBinDialog(self.ctx, self)
        dialog.open()
        return dialog

    # --- Excel and paper ----------------------------------------------------------------------

    def import_members(self) -> QWidget | None:
        from unionoffice.gui.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self)
        wizard.open()
        return wizard

    def export_members(self, path: str | None = None) -> None:
        from unionoffice.gui.roster_output import export_dialog

        export_dialog(self, self.ctx, self.model.filter, self.model.sort_order, path)

    def fill_upload_template(self) -> QWidget:
        from unionoffice.gui.upload_dialog import UploadTemplateDialog

        dialog = UploadTemplateDialog(self.ctx, self)
        dialog.open()
        return dialog

    def print_roster(self) -> None:
        from unionoffice.gui.roster_output import print_dialog

        print_dialog(self, self.ctx, self.model.filter, self.model.sort_order)


def create_page(ctx: AppContext) -> QWidget:
    return MembersPage(ctx)
