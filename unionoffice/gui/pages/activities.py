"""活动: the activity log with attendance, awards, figures for the period, sign-in sheets, import/export."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from unionoffice.domain.ledgers import Ledger, LedgerError, Organiser
from unionoffice.domain.money import format_yuan
from unionoffice.gui.conflicts import CONFLICTS, handle_conflict, refuse_if_changed, version_now
from unionoffice.gui.context import AppContext
from unionoffice.gui.ledgers.activity_dialog import ActivityDialog
from unionoffice.gui.ledgers.io_actions import LedgerActions
from unionoffice.gui.ledgers.page_base import LedgerPage
from unionoffice.gui.ledgers.sign_in_action import print_sign_in
from unionoffice.gui.ledgers.table_model import Column
from unionoffice.i18n import _
from unionoffice.services import activities, activity_files
from unionoffice.services.ledger_lists import LedgerFilter, activity_totals, list_activities
from unionoffice.store.models.ledgers import Activity


def activity_figures(stats: Any) -> str:
    return _(
        "Listed: {activities} activities, {person_times} attendances (women {women}), {awards} awards, cost {cost} yuan"
    ).format(activities=stats.activities, person_times=stats.person_times, women=stats.women_person_times,
             awards=stats.awards, cost=format_yuan(stats.cost_fen))


def save_activity(ctx: AppContext, dialog: ActivityDialog) -> int:
    """Write what the form holds (the record, attendees, awards, file changes) in one transaction."""
    with ctx.db.session(write=True) as session:
        if dialog.activity_id is None:
            activity_id = activities.create_activity(session, dialog.data, dialog.member_ids, dialog.awards).id
        else:
            refuse_if_changed(session, Activity, dialog.activity_id, getattr(dialog, "loaded_version", None))
            activity_id = activities.update_activity(session, dialog.activity_id, dialog.data, dialog.member_ids, dialog.awards).id
        for attachment_id in dialog.files.attachments_to_remove:
            activity_files.remove_attachment(session, ctx.db.path, attachment_id)
        for path in dialog.files.files_to_add:
            activity_files.add_attachment(session, ctx.db.path, activity_id, path)
    ctx.notify("activity")
    return activity_id


class ActivitiesPage(LedgerPage):
    ledger = Ledger.ACTIVITY
    entity = "activity"
    table_name = "activities"

    def add_extra_actions(self) -> None:
        self.add_action("signIn", _("Sign-in sheet…"), lambda: print_sign_in(self, self.ctx, training=False))
        self.io = LedgerActions(self, self.ctx, training=False)
        self.add_action("import", _("Import…"), self.io.import_file)
        self.add_action("export", _("Export…"), self.io.export_file)
        self.add_action("honours", _("Export honours list…"), self.io.export_honours)

    def columns(self) -> list[Column]:
        def organiser(row: Any) -> str:
            found = Organiser.from_text(row.organiser)
            return found.label() if found else row.organiser

        return [
            Column(_("Date"), "date", lambda r: r.start_date.isoformat()),
            Column(_("Title"), "title", lambda r: r.title),
            Column(_("Kind"), "kind", lambda r: self.kind_labels.get(r.kind, r.kind), width=128),
            Column(_("Place"), "place", lambda r: r.place),
            Column(_("Organiser"), "organiser", organiser, width=128),
            Column(_("Attendance"), "members", lambda r: str(r.person_times), numeric=True),
            Column(_("Women"), "women", lambda r: str(r.women), numeric=True),
            Column(_("Awards"), "awards", lambda r: str(r.awards) if r.awards else "", numeric=True),
            Column(_("Cost (yuan)"), "cost", lambda r: format_yuan(r.cost_fen) if r.cost_fen else "", numeric=True),
        ]

    def fetch(self, session: Any, flt: LedgerFilter, sort: str, descending: bool) -> list[Any]:
        return list_activities(session, flt, sort, descending)

    def figures_text(self, rows: list[Any]) -> str:
        return activity_figures(activity_totals(rows))

    def edit(self, record_id: int | None) -> ActivityDialog:
        version = version_now(self.ctx.db, Activity, record_id)  # before the form loads: a save over a later one is refused
        dialog = ActivityDialog(self.ctx, record_id, self)
        dialog.loaded_version = version
        dialog.accepted.connect(lambda: self._save(dialog))
        dialog.open()
        return dialog

    def _save(self, dialog: ActivityDialog) -> None:
        try:
            save_activity(self.ctx, dialog)
        except (LedgerError, OSError) as exc:
            QMessageBox.warning(self, _("Activity"), _("The activity was not saved: {error}").format(error=exc))
            dialog.open()  # the form again, as filled in: nothing typed is lost
        except CONFLICTS as exc:
            handle_conflict(self, _("Activity"), exc, lambda: self.edit(dialog.activity_id))
            self.ctx.notify("activity")

    def delete_ids(self, session: Any, ids: list[int]) -> None:
        for activity_id in ids:
            activities.delete_activity(session, activity_id)


def create_page(ctx: AppContext) -> QWidget:
    return ActivitiesPage(ctx)
