"""The main window: navigation list on the left, page stack on the right, status bar, menus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from pathlib import Path
from typing import TYPE_CHECKING

from unionoffice import __version__
from unionoffice.gui.context import AppContext
from unionoffice.gui.pages import PAGES, page_module
from unionoffice.gui.pages.placeholder import PlaceholderPage
from unionoffice.i18n import _, format_date

if TYPE_CHECKING:  # the dialogs load when opened: start-up pays only for the start page
    from unionoffice.gui.audit_dialog import AuditLogDialog
    from unionoffice.gui.recycle_dialog import RecycleBinDialog
    from unionoffice.gui.settings_dialog import SettingsDialog


class MainWindow(QMainWindow):
    """``MainWindow(ctx)`` is the whole window on an open office. ``MainWindow(None, db_path)`` is
    only its frame — navigation, menus (disabled) and a line saying the office is being opened —
    which paints before the database and the pages' code load; ``attach(ctx)`` then makes it the
    whole window (gui/startup.py)."""

    def __init__(self, ctx: AppContext | None, db_path: Path | None = None) -> None:
        super().__init__()
        self.ctx = ctx  # type: ignore[assignment]  # None only while the frame waits for attach()
        self.setWindowTitle(_("UnionOffice"))
        self.resize(1200, 760)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet("QListWidget { font-size: 15px; } QListWidget::item { padding: 8px 10px; }")
        self.stack = QStackedWidget()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # Pages are built on first visit, so start-up only pays for the start page.
        self.pages: dict[str, QWidget] = {}
        for spec in PAGES:
            item = QListWidgetItem(_(spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())
        opening = QLabel(_("Opening the office's database…"))
        opening.setObjectName("openingOffice")
        opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        opening.setStyleSheet("QLabel { font-size: 15px; color: #555; }")
        self._replace_stack_widget(0, opening)
        self.stack.setCurrentIndex(0)

        self._build_menus()
        self._build_status_bar(db_path if db_path is not None else ctx.db.display_name)
        self.nav.setCurrentRow(0)
        if ctx is not None:
            self.attach(ctx)
        else:
            self._set_usable(False)

    def attach(self, ctx: AppContext) -> None:
        """Work on the open office ``ctx``: the status bar, the start page, the desk's helpers."""
        from unionoffice.gui.dashboard import desk

        self.ctx = ctx
        self.nav.currentRowChanged.connect(self._show_row)
        ctx.navigate.connect(self.show_page)
        ctx.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        ctx.data_changed.connect(self._on_data_changed)
        desk.install(self)  # the start page's first steps, the guide, the USB-stick offer
        self.refresh_backup_label()
        self._set_usable(True)
        self._show_row(self.nav.currentRow())

    def _set_usable(self, usable: bool) -> None:
        self.nav.setEnabled(usable)
        self.menuBar().setEnabled(usable)
        for action in self._window_actions:
            action.setEnabled(usable)

    def _replace_stack_widget(self, index: int, widget: QWidget) -> None:
        old = self.stack.widget(index)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.stack.insertWidget(index, widget)

    # --- pages ---------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page widget for ``key``, built when first needed."""
        if key not in self.pages:
            index = next(i for i, spec in enumerate(PAGES) if spec.key == key)
            module = page_module(key)
            widget = module.create_page(self.ctx) if module is not None else PlaceholderPage(PAGES[index])
            widget.setObjectName(widget.objectName() or f"page_{key}")
            self._replace_stack_widget(index, widget)
            self.pages[key] = widget
        return self.pages[key]

    def show_page(self, key: str) -> None:
        index = next(i for i, spec in enumerate(PAGES) if spec.key == key)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        else:
            self._show_row(index)

    def current_key(self) -> str:
        return PAGES[self.stack.currentIndex()].key

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self.page(PAGES[row].key)
        self.stack.setCurrentIndex(row)

    # --- menus ---------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.settings_action = QAction(_("Office &settings…"), self)
        self.settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(self.settings_action)
        backup_action = QAction(_("&Backup and restore…"), self)
        backup_action.triggered.connect(lambda: self.show_page("backup"))
        file_menu.addAction(backup_action)
        file_menu.addSeparator()
        quit_action = QAction(_("E&xit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit if not QKeySequence(QKeySequence.StandardKey.Quit).isEmpty() else QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(_("&Edit"))
        find_action = QAction(_("&Find"), self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self.focus_search)
        edit_menu.addAction(find_action)
        edit_menu.addSeparator()
        recycle_action = QAction(_("&Recycle bin…"), self)
        recycle_action.triggered.connect(self.open_recycle_bin)
        edit_menu.addAction(recycle_action)
        audit_action = QAction(_("&Change log…"), self)
        audit_action.triggered.connect(self.open_audit_log)
        edit_menu.addAction(audit_action)
        self._window_actions: list[QAction] = []
        for key_index, spec in enumerate(PAGES, start=1):
            action = QAction(_(spec.title), self)
            action.setShortcut(QKeySequence(f"Ctrl+{key_index % 10}"))  # the tenth page is Ctrl+0
            action.triggered.connect(lambda _checked=False, k=spec.key: self.show_page(k))
            self.addAction(action)  # shortcuts work without a menu entry each
            self._window_actions.append(action)

        help_menu = self.menuBar().addMenu(_("&Help"))
        guide_action = QAction(_("&User guide"), self)
        guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        guide_action.triggered.connect(self._show_guide)
        help_menu.addAction(guide_action)
        about_action = QAction(_("&About UnionOffice"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def _show_guide(self) -> object:
        from unionoffice.gui.dashboard import desk

        return desk.show_guide(self)

    def focus_search(self) -> None:
        """Ctrl+F: focus the current page's search box (a QLineEdit named 'search')."""
        page = self.stack.currentWidget()
        boxes = page.findChildren(QLineEdit, "search")
        # A page with tabs (慰问帮扶) has a search box on each: the one of the tab shown.
        box = next((b for b in boxes if b.isVisibleTo(page)), boxes[0] if boxes else None)
        if box is not None:
            box.setFocus()
            box.selectAll()

    def open_settings(self) -> SettingsDialog:
        from unionoffice.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.open()
        return dialog

    def open_recycle_bin(self) -> RecycleBinDialog:
        from unionoffice.gui.recycle_dialog import RecycleBinDialog

        dialog = RecycleBinDialog(self.ctx, self)
        dialog.open()
        return dialog

    def open_audit_log(self) -> AuditLogDialog:
        from unionoffice.gui.audit_dialog import AuditLogDialog

        dialog = AuditLogDialog(self.ctx, self)
        dialog.open()
        return dialog

    def about_text(self) -> str:
        return _(
            "<h3>UnionOffice {version}</h3>"
            "<p>Offline office software for a base-level trade union.</p>"
            "<p>Database: {path}<br>Schema version: {schema}</p>"
        ).format(version=__version__, path=self.ctx.db.display_name, schema=self.ctx.db.schema_version)

    def show_about(self) -> None:
        QMessageBox.about(self, _("About UnionOffice"), self.about_text())

    # --- status bar ----------------------------------------------------------------------

    def _build_status_bar(self, shown: object) -> None:
        self.db_label = QLabel(_("Database: {path}").format(path=shown))
        self.db_label.setObjectName("statusDatabase")
        self.backup_label = QLabel()
        self.backup_label.setObjectName("statusBackup")
        self.statusBar().addPermanentWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.backup_label)

    def refresh_backup_label(self) -> None:
        from unionoffice.services.overview import last_backup_date

        self.db_label.setText(_("Database: {path}").format(path=self.ctx.db.display_name))
        with self.ctx.db.session() as session:
            last = last_backup_date(session)
        self.backup_label.setText(
            _("Last backup: {date}").format(date=format_date(last)) if last else _("Never backed up to a USB stick")
        )

    def _on_data_changed(self, entity: str) -> None:
        if entity in ("backup", "settings", "restore"):
            self.refresh_backup_label()


def visit_every_page(window: MainWindow) -> list[str]:
    """Open each page once (for --self-check): returns the keys shown."""
    shown = []
    for spec in PAGES:
        window.show_page(spec.key)
        QApplication.processEvents()
        shown.append(window.current_key())
    return shown
