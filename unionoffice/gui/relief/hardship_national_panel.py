"""The file form's tab of the national 档案表 fields that the basic tab does not hold."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from unionoffice.domain.hardship_codes import Industry, KeyGroup, ModelWorker, WorkStatus, division_name
from unionoffice.gui.relief.widgets import MoneyEdit, choice_combo, date_edit, get_date, select_data, set_date
from unionoffice.i18n import _
from unionoffice.services.hardship import HardshipFileInput


def _coded(enum: type) -> list[tuple[str, str]]:
    return [(m.value, f"{m.value}. {m.label()}") for m in enum]  # type: ignore[attr-defined]


class NationalFieldsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.staff_no = QLineEdit()
        self.staff_no.setObjectName("staffNo")
        self.work_status = choice_combo(_coded(WorkStatus), blank=_("(not given)"))
        self.work_status.setObjectName("workStatus")
        self.model_worker = choice_combo(_coded(ModelWorker), blank=_("(not given)"))
        self.industry = choice_combo(_coded(Industry), blank=_("(not given)"))
        self.industry.setObjectName("industry")
        self.started = QCheckBox(_("Started work on"))
        self.work_started_on = date_edit()
        self.work_started_on.setEnabled(False)
        self.started.toggled.connect(self.work_started_on.setEnabled)
        self.other_income = MoneyEdit()
        self.other_income.setObjectName("otherIncome")
        self.hukou_division = QLineEdit()
        self.hukou_division.setObjectName("hukouDivision")
        self.hukou_division.setPlaceholderText(_("six-digit code, e.g. 110105"))
        self.hukou_division.setMaxLength(6)
        self.division_place = QLabel()
        self.division_place.setObjectName("divisionPlace")
        self.hukou_division.textChanged.connect(self._show_place)
        self.zero_employment = QCheckBox(_("Zero-employment family (no one in the household has work)"))
        self.zero_employment.setObjectName("zeroEmployment")
        self.key_group = choice_combo(_coded(KeyGroup), blank=_("(none)"))
        self.key_group.setObjectName("keyGroup")
        form = QFormLayout(self)
        form.addRow(_("Staff number"), self.staff_no)
        form.addRow(_("Work status"), self.work_status)
        form.addRow(_("Model worker"), self.model_worker)
        form.addRow(_("Industry"), self.industry)
        started = QHBoxLayout()
        started.addWidget(self.started)
        started.addWidget(self.work_started_on)
        started.addStretch(1)
        form.addRow(_("Working since"), started)
        form.addRow(_("Other non-wage household income a year (yuan, part of the annual income)"), self.other_income)
        division = QHBoxLayout()
        division.addWidget(self.hukou_division)
        division.addWidget(self.division_place, 1)
        form.addRow(_("Household registration division"), division)
        form.addRow("", self.zero_employment)
        form.addRow(_("Key group"), self.key_group)

    def _show_place(self, text: str) -> None:
        code = text.strip()
        place = division_name(code) if code else ""
        self.division_place.setText(place if place is not None else _("not a known division code"))

    def set_values(self, data: HardshipFileInput) -> None:
        self.staff_no.setText(data.staff_no)
        select_data(self.work_status, data.work_status)
        select_data(self.model_worker, data.model_worker)
        select_data(self.industry, data.industry)
        if data.work_started_on:
            self.started.setChecked(True)
            set_date(self.work_started_on, data.work_started_on)
        self.other_income.set_fen(data.other_income_fen)
        self.hukou_division.setText(data.hukou_division)
        self.zero_employment.setChecked(data.zero_employment)
        select_data(self.key_group, data.key_group)

    def values(self) -> dict[str, Any]:
        """The fields as HardshipFileInput keywords; raises AmountError for the income."""
        return dict(
            staff_no=self.staff_no.text().strip(), work_status=self.work_status.currentData(),
            model_worker=self.model_worker.currentData(), industry=self.industry.currentData(),
            work_started_on=get_date(self.work_started_on) if self.started.isChecked() else None,
            other_income_fen=self.other_income.fen(), hukou_division=self.hukou_division.text().strip(),
            zero_employment=self.zero_employment.isChecked(), key_group=self.key_group.currentData(),
        )
