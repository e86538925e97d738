"""维权: the rights cases register."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QWidget

from unionoffice.domain.money import format_yuan
from unionoffice.domain.relief import CaseChannel, CaseKind, CaseResult
from unionoffice.gui.conflicts import refuse_if_changed, version_now
from unionoffice.gui.context import AppContext
from unionoffice.gui.relief import relief_io
from unionoffice.gui.relief.case_dialog import CaseDialog
from unionoffice.gui.relief.list_tab import ListTab
from unionoffice.gui.relief.stats_dialog import StatisticsDialog, periods
from unionoffice.gui.relief.table_model import Column, QueryTableModel
from unionoffice.gui.relief.widgets import choice_combo, confirm, show_error
from unionoffice.i18n import N_, _
from unionoffice.services import rights
from unionoffice.services.relief_queries import CaseFilter, list_cases
from unionoffice.store.models.relief_rights import RightsCase
from unionoffice.gui.widgets import run_modal

COLUMNS = [
    Column(N_("Received"), lambda r: r.received_on.isoformat(), "received"),
    Column(N_("Complainant"), lambda r: r.party, "party"),
    Column(N_("Channel"), lambda r: CaseChannel(r.channel).label(), "channel"),
    Column(N_("Kind"), lambda r: CaseKind(r.kind).label(), "kind"),
    Column(N_("What the case is about"), lambda r: r.summary.replace("\n", " ")[:60], None, stretch=True),
    Column(N_("Steps"), lambda r: str(r.steps), None, right=True),
    Column(N_("Result"), lambda r: CaseResult(r.result).label() if r.result else _("Being handled"), "result"),
    Column(N_("Money recovered (yuan)"), lambda r: format_yuan(r.money_recovered_fen) if r.money_recovered_fen else "",
           "money", right=True),
    Column(N_("Closed on"), lambda r: r.closed_on.isoformat() if r.closed_on else "", "closed"),
]
STATES = [(None, N_("Open and closed")), ("open", N_("Being handled")), ("closed", N_("Closed"))]


class CasesTab(ListTab):
    watched_table = "rights_cases"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.button(_("Receive a case"), self.new_record, "newCase")
        self.button(_("Handle…"), self.open_selected, "handleCase")
        self.button(_("Delete"), self.delete_selected, "deleteCases")
        self.button(_("Export to Excel…"), lambda: relief_io.export_cases(self), "exportCases")
        self.button(_("Import from Excel…"), lambda: relief_io.import_cases(self), "importCases")
        self.button(_("Figures…"), lambda: run_modal(StatisticsDialog(self.ctx, self)), "showFigures")
        self.toolbar.addStretch(1)
        self.year: QComboBox = choice_combo([((start, end), label) for label, start, end in periods(dt.date.today())],
                                            blank=_("All years"))
        self.year.setObjectName("year")
        self.kind = choice_combo(CaseKind.choices(), blank=_("All kinds"))
        self.kind.setObjectName("kindFilter")
        self.state = choice_combo([(v, _(label)) for v, label in STATES])
        self.state.setObjectName("stateFilter")
        for combo in (self.year, self.kind, self.state):
            self.filters.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.filters.addStretch(1)
        self.set_model(QueryTableModel(COLUMNS, self._fetch, "received", descending=True))
        ctx.data_changed.connect(lambda entity: self.refresh() if entity in ("rights_case", "member", "members") else None)
        self.refresh()

    def current_filter(self) -> CaseFilter:
        start, end = self.year.currentData() or (None, None)
        return CaseFilter(text=self.search.text(), start=start, end=end, kind=self.kind.currentData(),
                          state=self.state.currentData())

    def _fetch(self, sort: str, descending: bool) -> list:
        with self.ctx.db.session() as session:
            return list_cases(session, self.current_filter(), sort, descending)

    def count_text(self) -> str:
        money = sum(r.money_recovered_fen for r in self.model.rows)
        open_count = sum(1 for r in self.model.rows if r.closed_on is None)
        return _("{count} cases, {open} being handled · money recovered on the listed cases {amount} yuan").format(
            count=len(self.model.rows), open=open_count, amount=format_yuan(money))

    def _save(self, action) -> bool:  # type: ignore[no-untyped-def]
        try:
            with self.ctx.db.session(write=True) as session:
                action(session)
        except rights.ReliefError as exc:
            show_error(self, str(exc))
            return False
        self.ctx.notify("rights_case")
        return True

    def new_record(self) -> None:
        dialog = CaseDialog(self.ctx, parent=self)
        self.edit_until_saved(dialog, lambda: self._save(lambda s: rights.receive_case(s, dialog.value)))

    def open_record(self, record_id: int) -> None:
        version = version_now(self.ctx.db, RightsCase, record_id)  # before the form loads
        dialog = CaseDialog(self.ctx, record_id, parent=self)
        self.edit_until_saved(dialog, lambda: self._save(lambda s: (
            refuse_if_changed(s, RightsCase, record_id, version), rights.update_case(s, record_id, dialog.value))),
            reopen=lambda: self.open_record(record_id))

    def open_selected(self) -> None:
        ids = self.selected()
        if ids:
            self.open_record(ids[0])

    def delete_selected(self) -> None:
        ids = self.selected()
        if ids and confirm(self, _("Delete"), _("Move {count} cases to the recycle bin?").format(count=len(ids))):
            self._save(lambda s: rights.delete_cases(s, ids))
