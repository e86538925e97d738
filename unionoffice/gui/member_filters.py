"""The roster's filter bar: group, status, sex, age range, political status, education, migrant, as-of date."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from unionoffice.gui.date_edit import DateEdit
from unionoffice.domain.choices import Education, MembershipStatus, PoliticalStatus, Sex
from unionoffice.gui.widgets import ChoiceCombo
from unionoffice.i18n import _
from unionoffice.services.member_query import ALL, ANY_DEMOCRATIC_PARTY, ON_ROLL, MemberFilter
from unionoffice.store.models import Group


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Two rows, so the page fits a 1366×768 screen at 125 % (about 1090 pixels wide).
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        first, second = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(first)
        rows.addLayout(second)
        self.group = QComboBox()
        self.group.setObjectName("filterGroup")
        self.group.addItem(_("All groups"), None)
        self.status = QComboBox()
        self.status.setObjectName("filterStatus")
        self.status.addItem(_("On the roll"), ON_ROLL)
        self.status.addItem(_("All statuses"), ALL)
        for code, label in MembershipStatus.choices():
            if code != MembershipStatus.NOT_YET.value:
                self.status.addItem(label, code)
        self.sex = ChoiceCombo(Sex, blank=_("Both sexes"))
        self.age_min = QSpinBox()
        self.age_max = QSpinBox()
        for box in (self.age_min, self.age_max):
            box.setRange(0, 120)
            box.setSpecialValueText("—")
            box.setSuffix(_(" yrs"))
        self.political = ChoiceCombo(PoliticalStatus, blank=_("Any political status"))
        # The older generic value (to find the members whose party is still to be recorded), and
        # the eight parties together.
        self.political.addItem(PoliticalStatus.DEMOCRATIC_PARTY.label(), PoliticalStatus.DEMOCRATIC_PARTY.value)
        self.political.addItem(_("Any democratic party"), ANY_DEMOCRATIC_PARTY)
        self.education = ChoiceCombo(Education, blank=_("Any education"))
        self.migrant = QComboBox()
        self.migrant.addItem(_("Migrant or not"), None)
        self.migrant.addItem(_("Migrant workers"), True)
        self.migrant.addItem(_("Not migrant workers"), False)
        self.as_of_check = QCheckBox(_("As of"))
        self.as_of_check.setObjectName("asOfCheck")
        self.as_of = DateEdit(QDate.currentDate())
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setCalendarPopup(True)
        self.as_of.setEnabled(False)
        self.clear_button = QPushButton(_("Clear filters"))
        self.clear_button.clicked.connect(self.clear)
        for widget in (self.group, self.status, self.sex, QLabel(_("Age")), self.age_min, QLabel("–"), self.age_max):
            first.addWidget(widget)
        first.addStretch(1)
        for widget in (self.political, self.education, self.migrant, self.as_of_check, self.as_of, self.clear_button):
            second.addWidget(widget)
        second.addStretch(1)
        for combo in (self.group, self.status, self.sex, self.political, self.education, self.migrant):
            combo.currentIndexChanged.connect(self.changed)
        for box in (self.age_min, self.age_max):
            box.valueChanged.connect(self.changed)
        self.as_of_check.toggled.connect(self.as_of.setEnabled)
        self.as_of_check.toggled.connect(self.changed)
        self.as_of.dateChanged.connect(self.changed)

    def set_groups(self, groups: list[Group]) -> None:
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(_("All groups"), None)
        for g in groups:
            self.group.addItem(g.name + (_(" (retired)") if g.retired else ""), g.id)
        self.group.setCurrentIndex(max(self.group.findData(current), 0))
        self.group.blockSignals(False)

    def clear(self) -> None:
        self.blockSignals(True)
        for combo in (self.group, self.status, self.sex, self.political, self.education, self.migrant):
            combo.setCurrentIndex(0)
        self.age_min.setValue(0)
        self.age_max.setValue(0)
        self.as_of_check.setChecked(False)
        self.blockSignals(False)
        self.changed.emit()

    def member_filter(self, text: str = "") -> MemberFilter:
        group = self.group.currentData()
        return MemberFilter(
            text=text,
            group_ids=[group] if group is not None else [],
            status=self.status.currentData(),
            sex=self.sex.value,
            age_min=self.age_min.value() or None,
            age_max=self.age_max.value() or None,
            political_status=self.political.value,
            education=self.education.value,
            migrant_worker=self.migrant.currentData(),
            as_of=self.as_of.date().toPython() if self.as_of_check.isChecked() else None,
        )
