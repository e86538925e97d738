"""从Excel导入: choose file and sheet → check the column mapping → preview every row (新增/更新/无变化/
错误 with the reason, each changed field old → new, and a status conflict the clerk decides per
row) → import the accepted rows in one transaction, or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from unionoffice.gui.background import Cancelled, run_with_progress
from unionoffice.gui.context import AppContext
from unionoffice.i18n import N_, _, format_number
from unionoffice.io.roster_sheet import COLUMNS
from unionoffice.io.sheets import SheetError
from unionoffice.services import roster_import as imp
from unionoffice.services import roster_mapping
from unionoffice.services.roster_report import has_changes, write_report
from unionoffice.services.roster_import import Action
from unionoffice.gui import file_dialogs

ACTION_LABELS = {Action.NEW: N_("New"), Action.UPDATE: N_("Update"), Action.UNCHANGED: N_("No change"),
                 Action.ERROR: N_("Error")}
ACTION_COLORS = {Action.NEW: "#e6f4ea", Action.UPDATE: "#e8f0fe", Action.UNCHANGED: "#f1f3f4", Action.ERROR: "#fce8e6"}
REASON_COLUMN, STATUS_COLUMN = 3, 4
PREVIEW_LIMIT = 5000  # rows listed in the preview (errors first); the counts cover every row


class FilePage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Choose the file"))
        self.setSubTitle(_("An .xlsx, .xls (WPS) or .ods roster; title rows above the header are fine."))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self.browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.sheet = QComboBox()
        self.sheet.setObjectName("importSheet")
        layout.addWidget(QLabel(_("Sheet")))
        layout.addWidget(self.sheet)
        layout.addStretch(1)
        self.path.editingFinished.connect(self.load_sheets)

    def browse(self) -> None:
        path = file_dialogs.open_file_name(self, file_dialogs.SPREADSHEET, _("Import from Excel"), _("Spreadsheets (*.xlsx *.xls *.ods)"))
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        self.path.setText(path)
        self.load_sheets()

    def load_sheets(self) -> None:
        self.sheet.clear()
        try:
            names = roster_mapping.sheet_names(self.path.text().strip())
        except SheetError as exc:
            QMessageBox.warning(self, _("Import from Excel"), str(exc))
            return
        self.sheet.addItem(_("(the sheet that looks like a roster)"), None)
        for name in names:
            self.sheet.addItem(name, name)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.sheet.count() > 0

    def validatePage(self) -> bool:
        try:
            self.w.sheet_name, self.w.cells = roster_mapping.read_sheet(self.path.text().strip(), self.sheet.currentData())
            self.w.header_index, self.w.header = roster_mapping.header_cells(self.w.cells)
        except SheetError as exc:
            QMessageBox.warning(self, _("Import from Excel"), str(exc))
            return False
        return True


class MappingPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Columns"))
        self.setSubTitle(_("Each column of the file and the field it fills. Change a field if it was guessed wrong."))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("mapping")
        self.table.setHorizontalHeaderLabels([_("Column in the file"), _("Field")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.combos: list[tuple[int, QComboBox]] = []

    def initializePage(self) -> None:
        self.table.setRowCount(len(self.w.header))
        self.combos = []
        for row, cell in enumerate(self.w.header):
            self.table.setItem(row, 0, QTableWidgetItem(cell.text))
            combo = QComboBox()
            combo.addItem(_("(not imported)"), None)
            for column in COLUMNS:
                combo.addItem(column.title, column.key)
            combo.setCurrentIndex(max(combo.findData(cell.key), 0))
            self.table.setCellWidget(row, 1, combo)
            self.combos.append((cell.index, combo))

    def mapping(self) -> dict[int, str | None]:
        return {index: combo.currentData() for index, combo in self.combos}

    def validatePage(self) -> bool:
        chosen = [key for key in self.mapping().values() if key]
        if "name" not in chosen:
            QMessageBox.warning(self, _("Import from Excel"), _("Choose the column that holds the name."))
            return False
        if len(chosen) != len(set(chosen)):
            QMessageBox.warning(self, _("Import from Excel"), _("Two columns fill the same field; choose one."))
            return False
        return self.w.parse(self.mapping())


class PreviewPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(_("Check the rows"))
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.update_existing = QCheckBox(_("Update existing members (same ID number) with the file's values"))
        self.update_existing.setObjectName("updateExisting")
        self.update_existing.toggled.connect(self.replan)
        layout.addWidget(self.update_existing)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("preview")
        self.table.setHorizontalHeaderLabels([_("Row"), _("Import result"), _("Full name"), _("Reason, changes or notice"),
                                              _("Membership status")])
        self.table.horizontalHeader().setSectionResizeMode(REASON_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        self.status_choices: dict[int, QComboBox] = {}  # file row number → the clerk's choice for a conflict
        self.table_rows: dict[int, int] = {}  # file row number → preview table row
        self.save_rejects = QPushButton(_("Save the rejected rows and changes as Excel…"))
        self.save_rejects.clicked.connect(lambda: self.w.save_rejected())
        layout.addWidget(self.save_rejects, 0, Qt.AlignmentFlag.AlignLeft)

    def initializePage(self) -> None:
        self.show_plan()

    def replan(self) -> None:
        self.w.replan(self.update_existing.isChecked())
        self.show_plan()

    def show_plan(self) -> None:
        plan = self.w.plan
        new, update, error = plan.count(Action.NEW), plan.count(Action.UPDATE), plan.count(Action.ERROR)
        lines = [_("{rows} rows: {new} new, {update} to update, {same} unchanged, {error} with errors.").format(
            rows=format_number(len(plan.rows)), new=format_number(new), update=format_number(update),
            same=format_number(plan.count(Action.UNCHANGED)), error=format_number(error))]
        if plan.conflicts:
            lines.append(_("{count} rows give a membership status that contradicts the recorded one: choose in the "
                           "status column whether to keep the recorded status or set the file's.").format(
                count=format_number(len(plan.conflicts))))
        if error:
            lines.append(_("Rows with errors are not imported; save them as Excel, fix them and import that file again."))
        lines += plan.parsed.notices()
        self.summary.setText("\n".join(lines))
        self.save_rejects.setEnabled(bool(error) or has_changes(plan))
        # Errors first, then status conflicts, then changes, then the rest, each in file order.
        ordered = sorted(plan.rows, key=lambda r: (r.action != Action.ERROR, r.conflict is None,
                                                   not r.changes, r.row.row_number))[:PREVIEW_LIMIT]
        self.table.setRowCount(0)  # drops the previous plan's choice boxes with their rows
        self.table.setRowCount(len(ordered))
        self.status_choices = {}
        self.table_rows = {p.row.row_number: i for i, p in enumerate(ordered)}
        for i, planned in enumerate(ordered):
            row = planned.row
            if planned.action == Action.ERROR:
                reason = row.error_text()
            else:
                reason = _("; ").join(planned.change_lines() + [n.message for n in row.notices])
            brush = QBrush(QColor(ACTION_COLORS[planned.action]))
            status = row.values.get("status")
            for column, text in enumerate([str(row.row_number), _(ACTION_LABELS[planned.action]),
                                           row.values.get("name") or "", reason, status.label() if status else ""]):
                item = QTableWidgetItem(text)
                item.setBackground(brush)
                item.setToolTip(text)
                self.table.setItem(i, column, item)
            if planned.conflict is not None and planned.action != Action.ERROR:
                self.table.setCellWidget(i, STATUS_COLUMN, self._status_choice(planned))
        self.table.setColumnWidth(STATUS_COLUMN, max(self.table.columnWidth(STATUS_COLUMN), 190 if self.status_choices else 90))
        self.completeChanged.emit()

    def _status_choice(self, planned: imp.PlannedRow) -> QComboBox:
        conflict = planned.conflict
        combo = QComboBox()
        combo.setObjectName(f"statusChoice{planned.row.row_number}")
        combo.addItem(_("Keep “{status}” (recorded)").format(status=conflict.recorded.label()), False)
        combo.addItem(_("Set “{status}” (file)").format(status=conflict.in_file.label()), True)
        combo.setCurrentIndex(1 if planned.apply_status else 0)
        combo.currentIndexChanged.connect(lambda _i, p=planned, c=combo: self.choose_status(p, bool(c.currentData())))
        self.status_choices[planned.row.row_number] = combo
        return combo

    def choose_status(self, planned: imp.PlannedRow, apply: bool) -> None:
        planned.apply_status = apply
        self.w.status_decisions[planned.row.row_number] = apply
        item = self.table.item(self.table_rows[planned.row.row_number], REASON_COLUMN)
        text = _("; ").join(planned.change_lines() + [n.message for n in planned.row.notices])
        item.setText(text)
        item.setToolTip(text)

    def isComplete(self) -> bool:
        return bool(self.w.plan and self.w.plan.importable)


class ImportWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Import members from Excel"))
        self.resize(820, 600)
        self.sheet_name = ""
        self.cells: list[list[Any]] = []
        self.header_index = 0
        self.header: list[roster_mapping.HeaderCell] = []
        self.parsed = None
        self.plan: imp.ImportPlan | None = None
        self.status_decisions: dict[int, bool] = {}  # file row number → set the file's status (the clerk's choice)
        self.result: imp.ImportResult | None = None
        self.file_page, self.mapping_page, self.preview_page = FilePage(self), MappingPage(self), PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Import"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))

    def parse(self, mapping: dict[int, str | None]) -> bool:
        def work(progress):
            parsed = roster_mapping.parse_with_mapping(self.cells, self.header_index, mapping, self.sheet_name, progress)
            with self.ctx.db.session() as session:
                return parsed, imp.plan_import(session, parsed, update_existing=self.preview_page.update_existing.isChecked())

        try:
            self.parsed, self.plan = run_with_progress(self, _("Checking the rows"), work)
        except Cancelled:
            return False
        except SheetError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return False
        self.parsed.path = Path(self.file_page.path.text().strip())
        self.status_decisions = {}
        return True

    def replan(self, update_existing: bool) -> None:
        with self.ctx.db.session() as session:
            self.plan = imp.plan_import(session, self.parsed, update_existing=update_existing)
        self._restore_decisions()

    def _restore_decisions(self) -> None:
        """Re-planning (update existing members ticked or not) keeps the clerk's choice per conflict."""
        for planned in self.plan.rows:
            if planned.conflict is not None and planned.row.row_number in self.status_decisions:
                planned.apply_status = self.status_decisions[planned.row.row_number]

    def save_rejected(self, path: str | None = None) -> Path | None:
        if path is None:
            suggested = str(Path(self.file_page.path.text()).with_name(Path(self.file_page.path.text()).stem + "_错误行.xlsx"))
            path, _f = QFileDialog.getSaveFileName(self, _("Save the rejected rows"), suggested, _("Excel workbook (*.xlsx)"))
            if not path:
                return None
        return write_report(self.plan, path)

    def accept(self) -> None:
        name = Path(self.file_page.path.text()).name

        def work(progress):
            with self.ctx.db.session(write=True) as session:
                return imp.apply_import(session, self.plan, source_name=name, progress=progress)

        try:
            self.result = run_with_progress(self, _("Importing"), work)
        except Cancelled:
            return
        except Exception as exc:  # nothing was written: the transaction rolled back
            QMessageBox.warning(self, self.windowTitle(), _("Nothing was imported: {error}").format(error=exc))
            return
        self.ctx.notify("members")
        message = _("Imported: {new} added, {update} updated.").format(new=self.result.added, update=self.result.updated)
        if self.result.statuses_set:
            message += " " + _("Membership status set from the file for {count} members.").format(
                count=self.result.statuses_set)
        self.ctx.status_message.emit(message)
        super().accept()
