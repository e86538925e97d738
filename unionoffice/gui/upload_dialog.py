"""会员 → 导出到上报模板…: fill the higher union's template from the roster, with the column mapping
to check and change, saved profiles, the problems listed by member and column, and a preview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionoffice.gui.background import Cancelled, run_with_progress
from unionoffice.gui.context import AppContext
from unionoffice.gui.widgets import date_edit, preview_options
from unionoffice.i18n import _
from unionoffice.io.upload.checks import Problem
from unionoffice.io.upload.fields import field_choices
from unionoffice.io.upload.profiles import Profile, ProfileError, list_profiles, load_profile, save_profile
from unionoffice.io.upload.template import Template, TemplateError
from unionoffice.io.upload.writer import FillResult, add_problem_sheet, open_template, save
from unionoffice.services.office import list_groups
from unionoffice.services.upload_fill import UploadError, fill_from_roster

PREVIEW_ROWS = 20
AUTOMATIC = ""


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)


class UploadTemplateDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.template: Template | None = None
        self.result: FillResult | None = None
        self.setWindowTitle(_("Export to an upload template"))
        self.resize(900, 620)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Fill the member information template your higher union sent (.xlsx or .xls) "
                                  "from the roster; it is checked as their checker would before it is saved.")))
        form = QFormLayout()
        file_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName("templatePath")
        self.path.setReadOnly(True)
        browse = QPushButton(_("Choose…"))
        browse.setObjectName("chooseTemplate")
        browse.clicked.connect(lambda: self.choose_template())
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form.addRow(_("Template:"), file_row)
        profile_row = QHBoxLayout()
        self.profile = QComboBox()
        self.profile.setObjectName("profile")
        self.save_profile_button = QPushButton(_("Save mapping as…"))
        self.save_profile_button.setObjectName("saveProfile")
        self.save_profile_button.clicked.connect(lambda: self.save_mapping())
        profile_row.addWidget(self.profile, 1)
        profile_row.addWidget(self.save_profile_button)
        form.addRow(_("Mapping:"), profile_row)
        options = QHBoxLayout()
        self.as_of = date_edit()
        self.as_of.setObjectName("asOf")
        self.group = QComboBox()
        self.group.setObjectName("group")
        options.addWidget(self.as_of)
        options.addWidget(QLabel(_("Group:")))
        options.addWidget(self.group, 1)
        form.addRow(_("Roster as of:"), options)
        layout.addLayout(form)

        self.tabs = QTabWidget()
        self.mapping_table = self._table("mapping", [_("Column"), _("Template header"), _("Filled with"), _("Drop-down list")])
        self.problem_table = self._table("problems", [_("Row"), _("Name"), _("Column"), _("Problem")])
        self.preview_table = self._table("preview", [])
        self.tabs.addTab(self.mapping_table, _("Columns"))
        self.tabs.addTab(self.problem_table, _("Problems"))
        self.tabs.addTab(self.preview_table, _("Preview"))
        layout.addWidget(self.tabs, 1)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        buttons = QDialogButtonBox()
        self.check_button = buttons.addButton(_("Fill and check"), QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setObjectName("fillCheck")
        self.print_button = buttons.addButton(_("Print check sheet…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("printChecklist")
        self.print_button.clicked.connect(lambda: self.print_checklist())
        self.save_button = buttons.addButton(_("Save…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveFilled")
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.check_button.clicked.connect(lambda: self.fill_and_check())
        buttons.accepted.connect(lambda: self.save_filled())
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self._load_choices()
        self._set_enabled()

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _load_choices(self) -> None:
        self.profile.clear()
        self.profile.addItem(_("By header text"), AUTOMATIC)
        for name in list_profiles(self.data_folder):
            self.profile.addItem(name, name)
        self.profile.currentIndexChanged.connect(lambda _i: self._apply_profile())
        self.group.addItem(_("All groups"), None)
        with self.ctx.db.session() as session:
            for group in list_groups(session, include_retired=False):
                self.group.addItem(group.name, group.name)

    @property
    def data_folder(self) -> Path:
        return self.ctx.db.data_folder

    def _set_enabled(self) -> None:
        ready = self.template is not None
        self.check_button.setEnabled(ready)
        self.save_profile_button.setEnabled(ready)
        self.save_button.setEnabled(ready and self.result is not None)
        self.print_button.setEnabled(ready and self.result is not None and self.result.rows > 0)

    # --- template and mapping ----------------------------------------------------------------

    def choose_template(self, path: str | None = None) -> bool:
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(self, _("Choose the upload template"), "",
                                                        _("Excel workbook (*.xlsx *.xls *.xlsm *.et)"))
            if not path:
                return False
        try:
            self.template = open_template(path)
        except TemplateError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return False
        self.path.setText(path)
        self.result = None
        self._apply_profile()
        unmapped = "、".join(c.header for c in self.template.unmapped)
        found = _("Sheet “{sheet}”, header in row {row}.").format(sheet=self.template.sheet.title,
                                                                  row=self.template.header_row)
        if unmapped:
            found += _(" Columns this program has no field for stay empty: {columns}.").format(columns=unmapped)
        self.summary.setText(found)
        self._set_enabled()
        return True

    def _apply_profile(self) -> None:
        if self.template is None:
            return
        name = self.profile.currentData()
        if name:
            try:
                self.template.apply_mapping(load_profile(self.data_folder, name).mapping)
            except ProfileError as exc:
                QMessageBox.warning(self, self.windowTitle(), str(exc))
        self._show_mapping()

    def _show_mapping(self) -> None:
        assert self.template is not None
        choices = field_choices()
        self.mapping_table.setRowCount(len(self.template.columns))
        for row, column in enumerate(self.template.columns):
            self.mapping_table.setItem(row, 0, QTableWidgetItem(column.letter))
            header = column.header + (" *" if column.required else "")
            self.mapping_table.setItem(row, 1, QTableWidgetItem(header))
            combo = QComboBox()
            combo.addItem(_("(not filled)"), None)
            for key, title in choices:
                combo.addItem(title, key)
            combo.setCurrentIndex(max(0, combo.findData(column.field)))
            combo.currentIndexChanged.connect(lambda _i, c=column, box=combo: self._field_chosen(c, box))
            self.mapping_table.setCellWidget(row, 2, combo)
            lists = (_("{count} items").format(count=len(column.items)) if column.items is not None else "")
            self.mapping_table.setItem(row, 3, QTableWidgetItem(lists))
        self.mapping_table.resizeColumnsToContents()

    def _field_chosen(self, column, box: QComboBox) -> None:  # type: ignore[no-untyped-def]
        column.field = box.currentData()
        self.result = None
        self._set_enabled()

    def mapping_combo(self, header: str) -> QComboBox:
        assert self.template is not None
        row = next(i for i, c in enumerate(self.template.columns) if c.header == header)
        return self.mapping_table.cellWidget(row, 2)  # type: ignore[return-value]

    def save_mapping(self, name: str | None = None) -> Path | None:
        if self.template is None:
            return None
        if name is None:
            name, ok = QInputDialog.getText(self, _("Save mapping"), _("Name of the mapping (e.g. the higher union and year):"))
            if not ok or not name.strip():
                return None
        try:
            path = save_profile(self.data_folder, Profile(name.strip(), self.template.mapping()))
        except ProfileError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return None
        if self.profile.findData(name.strip()) < 0:
            self.profile.blockSignals(True)
            self.profile.addItem(name.strip(), name.strip())
            self.profile.setCurrentIndex(self.profile.count() - 1)
            self.profile.blockSignals(False)
        self.ctx.status_message.emit(_("Mapping saved as profile “{name}” ({path}).").format(name=name, path=path))
        return path

    # --- fill, check, save ---------------------------------------------------------------------

    def fill_and_check(self) -> FillResult | None:
        if self.template is None:
            return None
        mapping = self.template.mapping()
        as_of = self.as_of.date().toPython()
        group = self.group.currentData()

        def work(progress):  # type: ignore[no-untyped-def]
            with self.ctx.db.session() as session:
                return fill_from_roster(session, self.template.path, mapping, as_of=as_of, group=group,
                                        progress=progress)

        try:
            self.template, self.result = run_with_progress(self, self.windowTitle(), work, _("Filling the template…"))
        except Cancelled:
            return None
        except (TemplateError, UploadError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return None
        self._show_problems(self.result.problems)
        self._show_preview()
        if self.result.problems:
            self.summary.setText(_("{rows} members filled; {count} problems found (see 问题). Fix the records, or save "
                                   "with a 问题清单 sheet.").format(rows=self.result.rows, count=len(self.result.problems)))
            self.tabs.setCurrentWidget(self.problem_table)
        else:
            self.summary.setText(_("{rows} members filled; no problems found.").format(rows=self.result.rows))
            self.tabs.setCurrentWidget(self.preview_table)
        self._set_enabled()
        return self.result

    def _show_problems(self, problems: list[Problem]) -> None:
        self.problem_table.setRowCount(len(problems))
        for row, problem in enumerate(problems):
            for col, text in enumerate((str(problem.row), problem.member, problem.column, problem.message)):
                self.problem_table.setItem(row, col, QTableWidgetItem(text))
        self.problem_table.resizeColumnsToContents()

    def _show_preview(self) -> None:
        assert self.template is not None
        columns = self.template.columns
        sheet = self.template.sheet
        first = self.template.first_data_row
        count = min(PREVIEW_ROWS, self.result.rows if self.result else 0)
        self.preview_table.setColumnCount(len(columns))
        self.preview_table.setHorizontalHeaderLabels([c.header for c in columns])
        self.preview_table.setRowCount(count)
        for row in range(count):
            for col, column in enumerate(columns):
                item = QTableWidgetItem(_cell_text(sheet.cell(row=first + row, column=column.index).value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self.preview_table.setItem(row, col, item)
        self.preview_table.resizeColumnsToContents()

    def save_filled(self, path: str | None = None, with_problems: bool | None = None) -> Path | None:
        if self.template is None or self.result is None:
            return None
        if self.result.problems:
            if with_problems is None:
                answer = QMessageBox.question(
                    self, self.windowTitle(),
                    _("{count} problems were found. Save the file anyway, with a 问题清单 sheet listing them?").format(
                        count=len(self.result.problems)))
                with_problems = answer == QMessageBox.StandardButton.Yes
            if not with_problems:
                return None
        if path is None:
            suggested = str(Path(self.template.path).with_name(Path(self.template.path).stem + _("-filled") + ".xlsx"))
            path, _filter = QFileDialog.getSaveFileName(self, _("Save the filled template"), suggested,
                                                        _("Excel workbook (*.xlsx)"))
            if not path:
                return None
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        if self.result.problems:
            add_problem_sheet(self.template, self.result.problems)
        try:
            save(self.template, target)
        except TemplateError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return None
        self.ctx.status_message.emit(_("{rows} members written to {path}.").format(rows=self.result.rows, path=target))
        self.summary.setText(_("{rows} members written to {path}.").format(rows=self.result.rows, path=target))
        return target

    def checklist_pdf(self, per_member: bool, mask_ids: bool = True) -> bytes | None:
        """The 信息核对单 of what was filled, for the members to check and sign."""
        from unionoffice.io.forms import render_form
        from unionoffice.io.upload.checklist import checklist_form
        from unionoffice.services.office import document_language, load_settings

        if self.template is None or self.result is None:
            return None
        with self.ctx.db.session() as session:
            union, language = load_settings(session).union_name, document_language(session)
        return render_form(checklist_form(self.template, self.result, union, per_member=per_member, mask_ids=mask_ids,
                                          language=language))

    def print_checklist(self) -> None:
        from unionoffice.gui.printing import preview_pdf
        from unionoffice.io.upload.checklist import table_fits

        if self.template is None or self.result is None:
            return
        options = ChecklistOptions(table_fits(self.template), self)
        if options.exec() != QDialog.DialogCode.Accepted:
            return
        pdf = self.checklist_pdf(options.per_member, options.mask.isChecked())
        if pdf is not None:
            preview_pdf(self, pdf, _("Member information check sheet"))


class ChecklistOptions(QDialog):
    """一人一页（each member signs their own sheet）or a table per group, and whether ID numbers are masked."""

    def __init__(self, table_possible: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Print check sheet"))
        layout = QVBoxLayout(self)
        self.by_member = QRadioButton(_("A sheet for each member"))
        self.by_group = QRadioButton(_("A table for each group, one signature per row"))
        self.by_member.setObjectName("byMember")
        self.by_group.setObjectName("byGroup")
        self.by_group.setEnabled(table_possible)
        (self.by_group if table_possible else self.by_member).setChecked(True)
        if not table_possible:
            self.by_group.setToolTip(_("The template has too many columns for a table across the page."))
        layout.addWidget(self.by_member)
        layout.addWidget(self.by_group)
        self.mask = preview_options(self, layout)

    @property
    def per_member(self) -> bool:
        return self.by_member.isChecked()
