"""The rights case form: who, how, what; then handling steps and closing, saved as they are made."""

from __future__ import annotations


from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from PySide6.QtCore import Qt

from unionoffice.domain.money import AmountError, format_yuan
from unionoffice.domain.relief import CaseChannel, CaseKind, CaseResult
from unionoffice.gui.context import AppContext
from unionoffice.gui.widgets import save_cancel_buttons
from unionoffice.gui.relief.member_picker import MemberPicker
from unionoffice.gui.relief.widgets import MoneyEdit, choice_combo, date_edit, get_date, select_data, set_date, show_error
from unionoffice.i18n import _, format_date
from unionoffice.services import rights


class CaseDialog(QDialog):
    def __init__(self, ctx: AppContext, case_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self._value: rights.CaseInput | None = None
        self.setWindowTitle(_("Rights case") if case_id is None else _("Edit rights case"))
        self.received = date_edit()
        self.from_member = QRadioButton(_("A member"))
        self.from_other = QRadioButton(_("Someone else"))
        self.from_member.setChecked(True)
        self.member = MemberPicker(ctx)
        self.complainant = QLineEdit()
        self.complainant.setObjectName("complainant")
        self.complainant.setEnabled(False)
        self.contact = QLineEdit()
        self.channel = choice_combo(CaseChannel.choices())
        self.kind = choice_combo(CaseKind.choices())
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("summary")
        self.summary.setMaximumHeight(80)
        self.notes = QLineEdit()
        self.from_member.toggled.connect(self.member.setEnabled)
        self.from_other.toggled.connect(self.complainant.setEnabled)
        form = QFormLayout()
        form.addRow(_("Received on"), self.received)
        who = QHBoxLayout()
        who.addWidget(self.from_member)
        who.addWidget(self.from_other)
        who.addWidget(self.complainant, 1)
        form.addRow(_("Complainant"), who)
        form.addRow("", self.member)
        form.addRow(_("Contact"), self.contact)
        form.addRow(_("Channel"), self.channel)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("What the case is about"), self.summary)
        form.addRow(_("Notes"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if case_id is not None:
            layout.addWidget(self._handling_box())
        buttons = save_cancel_buttons(self, _("Close"))
        layout.addWidget(buttons)
        if case_id is not None:
            self._load()
        self.resize(640, 720 if case_id else 480)

    def _handling_box(self) -> QGroupBox:
        box = QGroupBox(_("Handling"))
        layout = QVBoxLayout(box)
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.step_date = date_edit()
        self.step_action = QLineEdit()
        self.step_action.setObjectName("stepAction")
        self.step_action.setPlaceholderText(_("What was done, e.g. 与人力资源部核实考勤"))
        self.step_handler = QLineEdit()
        self.step_handler.setPlaceholderText(_("Handled by"))
        add = QPushButton(_("Add step"))
        add.setObjectName("addStep")
        add.clicked.connect(self.add_step)
        remove = QPushButton(_("Remove step"))
        remove.clicked.connect(self.remove_step)
        step_row = QHBoxLayout()
        step_row.addWidget(self.step_date)
        step_row.addWidget(self.step_action, 3)
        step_row.addWidget(self.step_handler, 1)
        step_row.addWidget(add)
        layout.addWidget(self.steps)
        layout.addLayout(step_row)
        layout.addWidget(remove)
        self.result = choice_combo(CaseResult.choices())
        self.closed_on = date_edit()
        self.money = MoneyEdit()
        self.money.setObjectName("moneyRecovered")
        self.money.setMinimumWidth(self.money.fontMetrics().horizontalAdvance("000,000.00") + 16)  # was cut to “0…”
        self.close_button = QPushButton(_("Close the case"))
        self.close_button.setObjectName("closeCase")
        self.close_button.clicked.connect(self.close_case)
        self.reopen_button = QPushButton(_("Reopen"))
        self.reopen_button.clicked.connect(self.reopen_case)
        self.state = QLabel()
        self.state.setObjectName("caseState")
        close_row = QHBoxLayout()
        close_row.addWidget(QLabel(_("Result")))
        close_row.addWidget(self.result)
        close_row.addWidget(QLabel(_("Closed on")))
        close_row.addWidget(self.closed_on)
        close_row.addWidget(QLabel(_("Money recovered (yuan)")))
        close_row.addWidget(self.money, 1)
        close_row.addWidget(self.close_button)
        close_row.addWidget(self.reopen_button)
        layout.addLayout(close_row)
        layout.addWidget(self.state)
        return box

    def _load(self) -> None:
        with self.ctx.db.session() as session:
            case = rights.get_case(session, self.case_id)  # type: ignore[arg-type]
            data = rights.case_input(case)
            name = case.member.name if case.member else ""
            steps = [(s.id, f"{format_date(s.date)}　{s.action}" + (f"（{s.handler}）" if s.handler else "")) for s in case.steps]
            result, closed_on, money = case.result, case.closed_on, case.money_recovered_fen
        set_date(self.received, data.received_on)
        if data.member_id is not None:
            self.member.set_member(data.member_id, name)
        else:
            self.from_other.setChecked(True)
            self.complainant.setText(data.complainant)
        self.contact.setText(data.contact)
        select_data(self.channel, data.channel)
        select_data(self.kind, data.kind)
        self.summary.setPlainText(data.summary)
        self.notes.setText(data.notes)
        self.steps.clear()
        for step_id, text in steps:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, step_id)
            self.steps.addItem(item)
        closed = closed_on is not None
        if closed:
            select_data(self.result, result)
            set_date(self.closed_on, closed_on)
            self.money.set_fen(money)
            self.state.setText(_("Closed on {date}: {result}, money recovered {amount} yuan").format(
                date=format_date(closed_on), result=CaseResult(result).label(), amount=format_yuan(money)))
        else:
            self.state.setText(_("Being handled"))
        for widget in (self.result, self.closed_on, self.money, self.close_button):
            widget.setEnabled(not closed)
        self.reopen_button.setEnabled(closed)

    def _run(self, action) -> bool:  # type: ignore[no-untyped-def]
        try:
            with self.ctx.db.session(write=True) as session:
                action(session)
        except (rights.ReliefError, AmountError) as exc:
            show_error(self, str(exc))
            return False
        self.ctx.notify("rights_case")
        self._load()
        return True

    def add_step(self) -> None:
        if self._run(lambda s: rights.add_step(s, self.case_id, get_date(self.step_date), self.step_action.text(),
                                                self.step_handler.text())):
            self.step_action.clear()
            self.step_handler.clear()  # the next step's 经办人 is typed afresh, not carried over

    def remove_step(self) -> None:
        item = self.steps.currentItem()
        if item is not None:
            self._run(lambda s: rights.remove_step(s, item.data(Qt.ItemDataRole.UserRole)))

    def close_case(self) -> None:
        self._run(lambda s: rights.close_case(s, self.case_id, self.result.currentData(), get_date(self.closed_on),
                                              self.money.fen()))

    def reopen_case(self) -> None:
        self._run(lambda s: rights.reopen_case(s, self.case_id))

    @property
    def value(self) -> rights.CaseInput | None:
        return self._value

    def accept(self) -> None:
        member_id = self.member.member_id if self.from_member.isChecked() else None
        if self.from_member.isChecked() and member_id is None:
            show_error(self, _("Please enter who brought the case (a member or a name)."))
            return
        if not self.summary.toPlainText().strip():
            show_error(self, _("Please describe the case."))
            return
        self._value = rights.CaseInput(
            received_on=get_date(self.received), channel=self.channel.currentData(), kind=self.kind.currentData(),
            summary=self.summary.toPlainText(), member_id=member_id,
            complainant="" if member_id else self.complainant.text(), contact=self.contact.text(), notes=self.notes.text())
        super().accept()
