"""会费: the dues ledger per group and period — 应缴 / 实缴 / 欠缴, batch collection, exemptions, prints."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from unionoffice.domain.dues import ARREARS_MONTHS, DuesError, Period, has_run
from unionoffice.domain.money import format_yuan
from unionoffice.gui.busy import reopen_when_busy
from unionoffice.gui.context import AppContext
from unionoffice.gui.dues import actions
from unionoffice.gui.dues.batch_dialog import BatchDialog
from unionoffice.gui.dues.dialogs import DuesSettingsDialog, ExemptionDialog
from unionoffice.gui.dues.filters import DuesFilterBar
from unionoffice.gui.dues.group_stats import GroupStatsDialog
from unionoffice.gui.dues.ledger_model import LedgerModel
from unionoffice.gui.relief.widgets import setup_table
from unionoffice.i18n import _
from unionoffice.services import dues
from unionoffice.services.dues_ledger import DuesLedger, build_ledger, member_order
from unionoffice.services.office import list_groups


class DuesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page_dues")
        self.ledger: DuesLedger | None = None
        self.today = dt.date.today  # what "this month" is (tests set a fixed day)
        self._stale = False  # a member changed while the page was hidden
        layout = QVBoxLayout(self)
        self.toolbar = QHBoxLayout()
        for text, handler, name in (
            (_("Collect dues…"), self.open_batch, "batchButton"),
            (_("Exempt…"), self.exempt_selected, "exemptButton"),
            (_("Print the ledger"), lambda: actions.print_ledger(self), "printButton"),
            (_("Print receipts"), lambda: actions.print_receipts(self, self.selected_member_ids()), "receiptButton"),
            (_("Export to Excel"), lambda: actions.export_ledger(self), "exportButton"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, h=handler: h())
            self.toolbar.addWidget(button)
        # The rarer actions sit in a menu, so the page still fits a 1366×768 screen.
        more = QToolButton()
        more.setObjectName("moreButton")
        more.setText(_("More…"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        self.more_actions: dict[str, QAction] = {}
        for text, handler, name in (
            (_("Dues by group"), self.show_group_stats, "groupStats"),
            (_("Copy last year's bases"), self.copy_bases, "copyBases"),
            (_("Bases from payroll…"), lambda: actions.import_payroll_bases(self), "payrollBases"),
            (_("Import from Excel"), lambda: actions.import_ledger(self), "importLedger"),
            (_("Export the arrears list"), lambda: actions.export_arrears(self), "exportArrears"),
            (_("Dues rule…"), self.open_settings, "duesRule"),
        ):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, h=handler: h())
            self.more_actions[name] = action
        more.setMenu(menu)
        self.toolbar.addWidget(more)
        self.toolbar.addStretch(1)
        self.filters = DuesFilterBar(self._groups())
        self.model = LedgerModel()
        self.table = QTableView()
        self.table.setObjectName("duesTable")
        setup_table(self.table)
        self.table.setModel(self.model)
        self.summary = QLabel()
        self.summary.setObjectName("duesSummary")
        layout.addLayout(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.filters.changed.connect(self.refresh)
        ctx.data_changed.connect(self._on_data_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self).activated.connect(self.open_batch)
        self.refresh()

    def _groups(self) -> list[tuple[int, str]]:
        with self.ctx.db.session() as session:
            return [(g.id, g.name) for g in list_groups(session, include_retired=False)]

    def _on_data_changed(self, entity: str) -> None:
        if entity == "group":
            self.filters.set_groups(self._groups())
        if entity == "members":
            self._members_changed(self.ctx.changed_ids)
        elif entity in ("dues", "dues_payments", "dues_exemptions", "group", "settings", "restore"):
            self.refresh()

    def _members_changed(self, ids: list[int] | None) -> None:
        """A member form saved (or a roster import ran): recompute only what changed.

        Hidden, the page only notes it and recomputes when shown again; shown, it recomputes the
        members named (``ctx.changed_ids``), or everyone when the change does not say whom."""
        if not self.isVisible():
            self._stale = True
        elif ids and self.ledger is not None and not self._stale:
            self._update_members(ids)
        else:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def counted_period(self) -> Period:
        """What the list counts: the chosen period up to this month (months to come are not unpaid
        yet); a period not yet begun is shown whole, as what will be due."""
        chosen = self.filters.selected_period
        return chosen.owed_by(self.today()) or chosen

    def refresh(self) -> None:
        with self.ctx.db.session() as session:
            self.ledger = build_ledger(session, self.counted_period(), group_id=self.filters.group_id)
        self._stale = False
        self._show()

    def _update_members(self, ids: list[int]) -> None:
        assert self.ledger is not None
        changed = set(ids)
        with self.ctx.db.session() as session:
            fresh = build_ledger(session, self.ledger.period, group_id=self.filters.group_id, member_ids=sorted(changed),
                                 settings=self.ledger.settings)
            order = member_order(session)
        members = [m for m in self.ledger.members if m.member_id not in changed] + fresh.members
        members.sort(key=lambda m: order.get(m.member_id, (1 << 62,)))
        self.ledger = DuesLedger(self.ledger.period, self.ledger.settings, members)
        self._show()

    def _show(self) -> None:
        assert self.ledger is not None
        rows = self.ledger.members
        view = self.filters.view_code
        if view == "arrears":
            rows = [m for m in rows if m.arrears_fen]
        elif view == "long":
            rows = [m for m in rows if has_run(m.unpaid_mask, ARREARS_MONTHS)]
        self.model.set_rows(self.ledger, list(rows))
        due, paid = self.ledger.due_fen, self.ledger.paid_fen
        rate = f"{paid * 1000 // due / 10:.1f}%" if due else "—"
        text = _("{period}: due {due} yuan, paid {paid} yuan, unpaid {arrears} yuan, collection rate {rate}; "
                 "{count} members listed").format(
            period=self.ledger.period.label(), due=format_yuan(due), paid=format_yuan(paid),
            arrears=format_yuan(self.ledger.arrears_fen), rate=rate, count=len(rows))
        if self.filters.selected_period.owed_by(self.today()) is None:
            text = _("Not begun yet; what will be due: {figures}").format(figures=text)
        self.summary.setText(text)

    def selected_member_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [m for m in (self.model.member_id(r) for r in rows) if m is not None]

    def open_batch(self) -> BatchDialog:
        dialog = BatchDialog(self.ctx, self.filters.selected_period, self.filters.group_id,
                             self.filters.group_name or _("All groups"), self)
        dialog.open()
        return dialog

    def show_group_stats(self) -> GroupStatsDialog | None:
        if self.ledger is None:
            return None
        dialog = GroupStatsDialog(self.ledger, self)
        dialog.open()
        return dialog

    def open_settings(self) -> DuesSettingsDialog:
        with self.ctx.db.session() as session:
            settings = dues.load_dues_settings(session)
        dialog = DuesSettingsDialog(settings, self)

        def save() -> None:
            with self.ctx.db.session(write=True) as session:
                dues.save_dues_settings(session, dialog.rate.text(), dialog.rounding.currentData(),
                                        dialog.cycle.currentData(), dialog.method.currentData())
            self.ctx.notify("dues")
        dialog.accepted.connect(reopen_when_busy(dialog, save))
        dialog.open()
        return dialog

    def exempt_selected(self) -> ExemptionDialog | None:
        ids = self.selected_member_ids()
        if len(ids) != 1:
            QMessageBox.information(self, _("Exempt…"), _("Choose one member in the list first."))
            return None
        member = next(m for m in self.model.rows if m.member_id == ids[0])
        dialog = ExemptionDialog(member.name, self.filters.selected_period.first, self)

        def save() -> None:
            first, last = dialog.months
            try:
                with self.ctx.db.session(write=True) as session:
                    dues.add_exemption(session, dues.ExemptionInput(member.member_id, first, last,
                                                                    dialog.reason.currentData(), dialog.notes.text()))
            except DuesError as exc:
                QMessageBox.warning(self, dialog.windowTitle(), str(exc))
                return
            self.ctx.notify("dues")
        dialog.accepted.connect(reopen_when_busy(dialog, save))
        dialog.open()
        return dialog

    def copy_bases(self) -> int:
        year = self.filters.year.value()
        with self.ctx.db.session(write=True) as session:
            count = dues.copy_bases(session, year - 1, year)
        self.ctx.status_message.emit(_("{count} members' wage bases copied from {year}.").format(count=count, year=year - 1))
        self.ctx.notify("dues")
        return count


def create_page(ctx: AppContext) -> QWidget:
    return DuesPage(ctx)
