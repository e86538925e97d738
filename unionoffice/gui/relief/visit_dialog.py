"""The form of one relief visit; over the office's limit it asks for a reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.money import AmountError
from unionoffice.domain.relief import FundingSource
from unionoffice.gui.context import AppContext
from unionoffice.gui.widgets import save_cancel_buttons
from unionoffice.gui.relief.member_picker import MemberPicker
from unionoffice.gui.relief.widgets import (
    MoneyEdit,
    choice_combo,
    date_edit,
    get_date,
    select_data,
    set_date,
    show_error,
)
from unionoffice.i18n import _
from unionoffice.services import relief
from unionoffice.store.models import Member


class VisitDialog(QDialog):
    def __init__(self, ctx: AppContext, visit: relief.VisitInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Relief visit") if visit is None else _("Edit relief visit"))
        self._value: relief.VisitInput | None = None
        with ctx.db.session(write=True) as session:
            occasions = [(o.id, o.name) for o in relief.list_occasions(session) if not o.retired
                         or (visit is not None and o.id == visit.occasion_id)]
            member_name = session.get(Member, visit.member_id).name if visit else ""
        self.date = date_edit()
        self.member = MemberPicker(ctx)
        self.family_name = QLineEdit()
        self.family_name.setPlaceholderText(_("Only when a family member received it"))
        self.family_relation = QLineEdit()
        self.family_relation.setPlaceholderText(_("e.g. 母亲, 子女"))
        self.occasion = choice_combo(occasions)
        self.occasion.setObjectName("occasion")
        self.cash = MoneyEdit()
        self.cash.setObjectName("cash")
        self.goods = QLineEdit()
        self.goods_value = MoneyEdit()
        self.funding = choice_combo(FundingSource.choices())
        self.visitors = QLineEdit()
        self.visitors.setPlaceholderText(_("Who went, e.g. 林示范、王干事"))
        self.in_accounts = QCheckBox(_("Entered in the accounts"))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        self.limit_label = QLabel()
        self.limit_label.setObjectName("limitWarning")
        self.limit_label.setWordWrap(True)
        self.limit_label.setStyleSheet("color: #842029;")
        self.reason = QLineEdit()
        self.reason.setObjectName("overLimitReason")
        self.reason.setPlaceholderText(_("Why the limit is exceeded (e.g. approved by the chair)"))

        form = QFormLayout()
        form.addRow(_("Date"), self.date)
        form.addRow(_("Member"), self.member)
        family = QHBoxLayout()
        family.addWidget(self.family_name, 2)
        family.addWidget(QLabel(_("Relation")))
        family.addWidget(self.family_relation, 1)
        form.addRow(_("Family member"), family)
        form.addRow(_("Occasion"), self.occasion)
        form.addRow(_("Cash (yuan)"), self.cash)
        form.addRow("", self.limit_label)
        form.addRow(_("Reason for exceeding"), self.reason)
        goods = QHBoxLayout()
        goods.addWidget(self.goods, 2)
        goods.addWidget(QLabel(_("Value (yuan)")))
        goods.addWidget(self.goods_value, 1)
        form.addRow(_("Goods"), goods)
        form.addRow(_("Funding source"), self.funding)
        form.addRow(_("Visitors"), self.visitors)
        form.addRow("", self.in_accounts)
        form.addRow(_("Notes"), self.notes)
        buttons = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.buttons = buttons

        if visit is not None:
            self._load(visit, member_name)
        self.cash.textChanged.connect(self._update_limit)
        self.occasion.currentIndexChanged.connect(self._update_limit)
        self._update_limit()
        self.resize(560, 620)

    def _load(self, visit: relief.VisitInput, member_name: str) -> None:
        set_date(self.date, visit.date)
        self.member.set_member(visit.member_id, member_name)
        self.family_name.setText(visit.family_name)
        self.family_relation.setText(visit.family_relation)
        select_data(self.occasion, visit.occasion_id)
        self.cash.set_fen(visit.cash_fen)
        self.goods.setText(visit.goods)
        self.goods_value.set_fen(visit.goods_value_fen)
        select_data(self.funding, visit.funding_source)
        self.visitors.setText(visit.visitors)
        self.in_accounts.setChecked(visit.in_accounts)
        self.notes.setPlainText(visit.notes)
        self.reason.setText(visit.over_limit_reason)

    def _limit_text(self) -> str | None:
        try:
            cash = self.cash.fen()
        except AmountError:
            return None
        if self.occasion.currentData() is None:
            return None
        with self.ctx.db.session() as session:
            return relief.limit_warning(session, self.occasion.currentData(), cash)

    def _update_limit(self) -> None:
        warning = self._limit_text()
        self.limit_label.setText(warning + " " + _("Please give the reason to go on.") if warning else "")
        self.limit_label.setVisible(bool(warning))
        self.reason.setEnabled(bool(warning))

    @property
    def value(self) -> relief.VisitInput | None:
        """The visit as entered (after accept)."""
        return self._value

    def accept(self) -> None:
        if self.member.member_id is None:
            show_error(self, _("Please choose who received the visit."))
            self.member.search.setFocus()
            return
        try:
            cash = self.cash.fen()
        except AmountError as exc:
            show_error(self, _("{field}: {error}").format(field=_("Cash (yuan)"), error=exc))
            self.cash.setFocus()
            return
        try:
            goods_value = self.goods_value.fen()
        except AmountError as exc:
            show_error(self, _("{field}: {error}").format(field=_("Goods") + _("Value (yuan)"), error=exc))
            self.goods_value.setFocus()
            return
        if cash == 0 and goods_value == 0 and not self.goods.text().strip():
            show_error(self, _("A visit needs cash or goods."))
            self.cash.setFocus()
            return
        if self.family_name.text().strip() and not self.family_relation.text().strip():
            show_error(self, _("Please enter how {name} is related to the member.").format(name=self.family_name.text().strip()))
            self.family_relation.setFocus()
            return
        warning = self._limit_text()
        if warning and not self.reason.text().strip():
            show_error(self, warning + "\n" + _("Please give the reason to go on."))
            self.reason.setFocus()
            return
        self._value = relief.VisitInput(
            date=get_date(self.date), member_id=self.member.member_id, occasion_id=self.occasion.currentData(),
            cash_fen=cash, goods=self.goods.text(), goods_value_fen=goods_value,
            funding_source=self.funding.currentData(), visitors=self.visitors.text(), notes=self.notes.toPlainText(),
            in_accounts=self.in_accounts.isChecked(), family_name=self.family_name.text(),
            family_relation=self.family_relation.text(), over_limit_reason=self.reason.text() if warning else "",
        )
        super().accept()
