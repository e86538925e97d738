"""One award won at an activity: name, level, a member among the attendees or the collective, date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from unionoffice.domain.ledgers import AwardLevel
from unionoffice.i18n import _
from unionoffice.services.activities import AwardData
from unionoffice.services.ledger_members import MemberChoice
from unionoffice.gui.widgets import date_edit

COLLECTIVE = -1


class AwardDialog(QDialog):
    def __init__(self, attendees: list[MemberChoice], default_date: dt.date, award: AwardData | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Award"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. 一等奖, 先进集体, 巾帼标兵"))
        self.level = QComboBox()
        self.level.setObjectName("level")
        self.level.addItem(_("(choose the level)"), None)  # no default: 国家级 by mistake is worse than a question
        for code, label in AwardLevel.choices():
            self.level.addItem(label, code)
        self.winner = QComboBox()
        self.winner.addItem(_("The collective"), COLLECTIVE)
        for member in attendees:
            self.winner.addItem(f"{member.name}  {member.group_name}", member.id)
        self.collective = QLineEdit()
        self.collective.setPlaceholderText(_("e.g. the union, a group or a team"))
        self.date = date_edit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate(default_date))
        form.addRow(_("Award name"), self.name)
        form.addRow(_("Level"), self.level)
        form.addRow(_("Winner"), self.winner)
        form.addRow(_("Collective"), self.collective)
        form.addRow(_("Date"), self.date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.winner.currentIndexChanged.connect(lambda _i: self.collective.setEnabled(self.winner.currentData() == COLLECTIVE))
        if award is not None:
            self.name.setText(award.name)
            self.level.setCurrentIndex(max(0, self.level.findData(award.level) if award.level else 0))
            self.winner.setCurrentIndex(max(0, self.winner.findData(award.member_id if award.member_id else COLLECTIVE)))
            self.collective.setText(award.collective_name)
            if award.date:
                self.date.setDate(QDate(award.date))

    @property
    def award(self) -> AwardData:
        member_id = self.winner.currentData()
        return AwardData(
            name=self.name.text().strip(), level=self.level.currentData(),
            member_id=None if member_id == COLLECTIVE else member_id,
            collective_name=self.collective.text().strip() if member_id == COLLECTIVE else "",
            date=self.date.date().toPython(),
        )

    def accept(self) -> None:
        award = self.award
        if not award.name:
            QMessageBox.warning(self, self.windowTitle(), _("An award needs a name."))
            self.name.setFocus()
            return
        if award.level is None:
            QMessageBox.warning(self, self.windowTitle(), _("Level: please choose the level of the award."))
            self.level.setFocus()
            return
        if award.member_id is None and not award.collective_name:
            QMessageBox.warning(self, self.windowTitle(), _("Enter the name of the collective that won, or choose a member."))
            self.collective.setFocus()
            return
        super().accept()
