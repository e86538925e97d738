"""The pages of the main window's navigation list.

A page lives in ``unionoffice/gui/pages/<key>.py`` and exposes ``create_page(ctx) -> QWidget``.
Until a register's page module exists, the main window shows a placeholder that says what the
page will hold, clearly marked as not available yet.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from unionoffice.i18n import N_


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # untranslated (N_)
    will_hold: str  # untranslated: what the page is for, shown while it is not built


PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", N_("Home"), N_("The office at a glance and reminders.")),
    PageSpec("members", N_("Members"), N_(
        "The member roster: records with membership history, search by name, pinyin or ID number, "
        "Excel import and export, and the printed roster.")),
    PageSpec("activities", N_("Activities"), N_(
        "The activity log: activities with attendance, awards won, sign-in sheets and statistics.")),
    PageSpec("training", N_("Training"), N_(
        "Training records: sessions, hours, attendees, exams and certificates, sign-in sheets and statistics.")),
    PageSpec("relief", N_("Relief and hardship"), N_(
        "Relief visits (including the Spring Festival round), the signed payment sheet, and hardship files.")),
    PageSpec("rights", N_("Rights cases"), N_(
        "Complaints and rights cases from receipt through handling to the result and money recovered.")),
    PageSpec("dues", N_("Dues"), N_(
        "The dues ledger: wage bases, exemptions, collection per group and period, arrears and the printed ledger.")),
    PageSpec("funds", N_("Funds"), N_(
        "What the union spent by funding source and purpose, the expense ledger, against the dues collected.")),
    PageSpec("summary", N_("Work summary"), N_(
        "The report wizard: the five-part work summary drafted from the records, to print, PDF and DOCX.")),
    PageSpec("backup", N_("Backup"), N_(
        "Backup to a USB stick or a folder, verified, optionally encrypted; and restore from a backup.")),
)


def page_module(key: str) -> object | None:
    """The module implementing page ``key``, or None while it is not built."""
    try:
        return importlib.import_module(f"{__name__}.{key}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{key}":
            return None
        raise
