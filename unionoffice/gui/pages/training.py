"""培训: training sessions with hours, attendees and results, figures for the period, sign-in sheets."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from unionoffice.domain.ledgers import Ledger, LedgerError, format_tenths
from unionoffice.gui.conflicts import CONFLICTS, handle_conflict, refuse_if_changed, version_now
from unionoffice.gui.context import AppContext
from unionoffice.gui.ledgers.io_actions import LedgerActions
from unionoffice.gui.ledgers.page_base import LedgerPage
from unionoffice.gui.ledgers.sign_in_action import print_sign_in
from unionoffice.gui.ledgers.table_model import Column
from unionoffice.gui.ledgers.training_dialog import TrainingDialog
from unionoffice.i18n import _, format_percent
from unionoffice.services import trainings
from unionoffice.services.ledger_lists import LedgerFilter, list_trainings, training_totals
from unionoffice.store.models.ledgers import TrainingSession


def training_figures(stats: Any) -> str:
    text = _("Listed: {sessions} sessions, {person_times} attendances (women {women}), {hours} hours").format(
        sessions=stats.sessions, person_times=stats.person_times, women=stats.women_person_times,
        hours=format_tenths(stats.hours_tenths))
    if stats.examined:
        text += _(", pass rate {rate}").format(rate=format_percent(stats.pass_rate, 1))
    if stats.certificates:
        text += _(", {count} certificates").format(count=stats.certificates)
    return text


def save_training(ctx: AppContext, dialog: TrainingDialog) -> int:
    with ctx.db.session(write=True) as session:
        if dialog.training_id is None:
            training_id = trainings.create_training(session, dialog.data, dialog.results).id
        else:
            refuse_if_changed(session, TrainingSession, dialog.training_id, getattr(dialog, "loaded_version", None))
            training_id = trainings.update_training(session, dialog.training_id, dialog.data, dialog.results).id
    ctx.notify("training")
    return training_id


class TrainingPage(LedgerPage):
    ledger = Ledger.TRAINING
    entity = "training"
    table_name = "training_sessions"

    def add_extra_actions(self) -> None:
        self.add_action("signIn", _("Sign-in sheet…"), lambda: print_sign_in(self, self.ctx, training=True))
        self.io = LedgerActions(self, self.ctx, training=True)
        self.add_action("import", _("Import…"), self.io.import_file)
        self.add_action("export", _("Export…"), self.io.export_file)

    def columns(self) -> list[Column]:
        return [
            Column(_("Date"), "date", lambda r: r.start_date.isoformat()),
            Column(_("Course title"), "title", lambda r: r.title),
            Column(_("Kind"), "kind", lambda r: self.kind_labels.get(r.kind, r.kind), width=128),
            Column(_("Hours"), "hours", lambda r: format_tenths(r.hours_tenths), numeric=True),
            Column(_("Trainer"), "trainer", lambda r: r.trainer),
            Column(_("Enrolled"), "enrolled", lambda r: str(r.enrolled), numeric=True),
            Column(_("Attended"), "attended", lambda r: str(r.attended), numeric=True),
            Column(_("Women"), "women", lambda r: str(r.women), numeric=True),
            Column(_("Passed"), "passed", lambda r: str(r.passed) if r.passed else "", numeric=True),
            Column(_("Certificates"), "certificates", lambda r: str(r.certificates) if r.certificates else "", numeric=True),
        ]

    def fetch(self, session: Any, flt: LedgerFilter, sort: str, descending: bool) -> list[Any]:
        return list_trainings(session, flt, sort, descending)

    def figures_text(self, rows: list[Any]) -> str:
        return training_figures(training_totals(rows))

    def edit(self, record_id: int | None) -> TrainingDialog:
        version = version_now(self.ctx.db, TrainingSession, record_id)  # before the form loads
        dialog = TrainingDialog(self.ctx, record_id, self)
        dialog.loaded_version = version
        dialog.accepted.connect(lambda: self._save(dialog))
        dialog.open()
        return dialog

    def _save(self, dialog: TrainingDialog) -> None:
        try:
            save_training(self.ctx, dialog)
        except (LedgerError, OSError) as exc:
            QMessageBox.warning(self, _("Training session"), _("The training session was not saved: {error}").format(error=exc))
            dialog.open()  # the form again, as filled in: nothing typed is lost
        except CONFLICTS as exc:
            handle_conflict(self, _("Training session"), exc, lambda: self.edit(dialog.training_id))
            self.ctx.notify("training")

    def delete_ids(self, session: Any, ids: list[int]) -> None:
        for training_id in ids:
            trainings.delete_training(session, training_id)


def create_page(ctx: AppContext) -> QWidget:
    return TrainingPage(ctx)
