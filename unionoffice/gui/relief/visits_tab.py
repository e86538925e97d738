"""慰问登记: the visit list with filters, single and batch entry, the signed sheet, import/export."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QWidget

from unionoffice.domain.money import format_yuan
from unionoffice.domain.relief import FundingSource
from unionoffice.gui.conflicts import refuse_if_changed
from unionoffice.gui.context import AppContext
from unionoffice.gui.relief import relief_io
from unionoffice.gui.relief.batch_dialog import BatchDialog
from unionoffice.gui.relief.list_tab import ListTab
from unionoffice.gui.relief.occasions_dialog import OccasionsDialog
from unionoffice.gui.relief.stats_dialog import StatisticsDialog, periods
from unionoffice.gui.relief.table_model import Column, QueryTableModel
from unionoffice.gui.relief.visit_dialog import VisitDialog
from unionoffice.gui.relief.widgets import confirm, select_data, show_error
from unionoffice.i18n import N_, _, format_date
from unionoffice.services import relief
from unionoffice.services.relief_queries import VisitFilter, list_visits, visit_totals
from unionoffice.gui.widgets import run_modal

COLUMNS = [
    Column(N_("Date"), lambda r: r.date.isoformat(), "date"),
    Column(N_("Recipient"), lambda r: r.recipient, "name"),
    Column(N_("Group"), lambda r: r.group, "group"),
    Column(N_("Occasion"), lambda r: r.occasion, "occasion"),
    Column(N_("Cash (yuan)"), lambda r: format_yuan(r.cash_fen) if r.cash_fen else "", "cash", right=True),
    Column(N_("Goods"), lambda r: r.goods, None),
    Column(N_("Goods value (yuan)"), lambda r: format_yuan(r.goods_value_fen) if r.goods_value_fen else "", "goods", right=True),
    Column(N_("Funding source"), lambda r: FundingSource(r.funding_source).label(), "funding"),
    Column(N_("Visitors"), lambda r: r.visitors, "visitors"),
    Column(N_("In accounts"), lambda r: _("Yes") if r.in_accounts else "", "accounts"),
    Column(N_("Notes"), lambda r: (r.notes + ("　" + _("Over the limit: {reason}").format(reason=r.over_limit_reason)
                                              if r.over_limit_reason else "")).strip(), None, stretch=True),
]


class VisitsTab(ListTab):
    watched_table = "relief_visits"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.button(_("New visit"), self.new_record, "newVisit")
        # A short label: the page's toolbar sets the window's narrowest width (1366×768 screens at 125 % are 1093 px).
        self.button(_("Batch entry…"), self.new_batch, "newBatch").setToolTip(
            _("Enter one round for many people at once, e.g. the Spring Festival visits (春节送温暖)"))
        self.button(_("Delete"), self.delete_selected, "deleteVisits")
        self.button(_("Mark as in accounts"), self.mark_in_accounts, "markInAccounts")
        self.button(_("Signed payment sheet…"), lambda: relief_io.print_payment_sheet(self), "printSheet")
        self.button(_("Export to Excel…"), lambda: relief_io.export_visits(self), "exportVisits")
        self.button(_("Import from Excel…"), lambda: relief_io.import_visits(self), "importVisits")
        self.button(_("Occasions and limits…"), self.edit_occasions, "editOccasions")
        self.button(_("Figures…"), lambda: run_modal(StatisticsDialog(self.ctx, self)), "showFigures")
        self.toolbar.addStretch(1)
        self.year = QComboBox()
        self.year.setObjectName("year")
        self.occasion = QComboBox()
        self.occasion.setObjectName("occasionFilter")
        self.batch = QComboBox()
        self.batch.setObjectName("batchFilter")
        for combo in (self.year, self.occasion, self.batch):
            self.filters.addWidget(combo)
        self.filters.addStretch(1)
        self._fill_filters()
        for combo in (self.year, self.occasion, self.batch):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.set_model(QueryTableModel(COLUMNS, self._fetch, "date", descending=True))
        ctx.data_changed.connect(self._on_changed)
        self.refresh()

    def _fill_filters(self) -> None:
        """Occasions and rounds change with the data; the periods are fixed (filled once)."""
        if self.year.count() == 0:
            self.year.addItem(_("All years"), None)
            for label, start, end in periods(dt.date.today()):
                self.year.addItem(label, (start, end))
        current = (self.occasion.currentData(), self.batch.currentData())
        for combo in (self.occasion, self.batch):
            combo.blockSignals(True)
            combo.clear()
        self.occasion.addItem(_("All occasions"), None)
        self.batch.addItem(_("All rounds"), None)
        with self.ctx.db.session(write=True) as session:
            for occasion in relief.list_occasions(session):
                self.occasion.addItem(occasion.name, occasion.id)
            for batch in relief.list_batches(session):
                self.batch.addItem(f"{batch.title}（{format_date(batch.date)}）", batch.id)
        for combo, value in zip((self.occasion, self.batch), current):
            select_data(combo, value)
            combo.blockSignals(False)

    def current_filter(self) -> VisitFilter:
        start, end = self.year.currentData() or (None, None)
        return VisitFilter(
            text=self.search.text(), start=start, end=end,
            occasion_id=self.occasion.currentData(), batch_id=self.batch.currentData())

    def _fetch(self, sort: str, descending: bool) -> list:
        with self.ctx.db.session() as session:
            return list_visits(session, self.current_filter(), sort, descending)

    def count_text(self) -> str:
        with self.ctx.db.session() as session:
            count, cash, goods = visit_totals(session, self.current_filter())
        return _("{count} visits · cash {cash} yuan · goods worth {goods} yuan").format(
            count=count, cash=format_yuan(cash), goods=format_yuan(goods))

    def _on_changed(self, entity: str) -> None:
        if entity in ("relief_visit", "relief_batch", "relief_occasion", "member", "members"):
            self._fill_filters()
            self.refresh()

    # --- actions ---------------------------------------------------------------------------

    def new_record(self) -> None:
        dialog = VisitDialog(self.ctx, parent=self)
        if self.edit_until_saved(dialog, lambda: self._save(lambda s: relief.record_visit(s, dialog.value))):
            self.ctx.status_message.emit(_("Visit saved."))

    def open_record(self, record_id: int) -> None:
        with self.ctx.db.session() as session:
            stored = session.get(relief.ReliefVisit, record_id)
            data, version = relief.visit_input(stored), stored.version
        dialog = VisitDialog(self.ctx, data, parent=self)
        self.edit_until_saved(dialog, lambda: self._save(lambda s: (
            refuse_if_changed(s, relief.ReliefVisit, record_id, version), relief.update_visit(s, record_id, dialog.value))),
            reopen=lambda: self.open_record(record_id))

    def new_batch(self) -> None:
        dialog = BatchDialog(self.ctx, parent=self)
        saved: list[int] = []
        if self.edit_until_saved(dialog, lambda: self._save(
                lambda s: saved.append(relief.create_batch(s, dialog.value).id), "relief_batch")):
            # Show the new round, ready for its signed payment sheet.
            select_data(self.batch, saved[0])
            value = dialog.value
            self.ctx.status_message.emit(_("Round saved: {title}, {count} people, {amount} yuan").format(
                title=value.title, count=len(value.entries), amount=format_yuan(sum(e.cash_fen for e in value.entries))))

    def _save(self, action, entity: str = "relief_visit") -> bool:  # type: ignore[no-untyped-def]
        try:
            with self.ctx.db.session(write=True) as session:
                action(session)
        except relief.ReliefError as exc:
            show_error(self, str(exc))
            return False
        self.ctx.notify(entity)
        return True

    def delete_selected(self) -> None:
        ids = self.selected()
        if ids and confirm(self, _("Delete"), _("Move {count} visits to the recycle bin?").format(count=len(ids))):
            self._save(lambda s: relief.delete_visits(s, ids))

    def mark_in_accounts(self) -> None:
        ids = self.selected()
        if ids:
            self._save(lambda s: relief.set_in_accounts(s, ids, True))

    def edit_occasions(self) -> None:
        run_modal(OccasionsDialog(self.ctx, self))
