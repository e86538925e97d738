"""Printing, Excel export and import from the relief and rights pages (filled in with the forms and sheets cores)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from unionoffice.i18n import _


def _not_yet(parent: QWidget) -> None:
    QMessageBox.information(parent, _("Not available yet"), _("This part is not available yet."))


def print_payment_sheet(tab: QWidget) -> None:
    _not_yet(tab)


def export_visits(tab: QWidget) -> None:
    _not_yet(tab)


def import_visits(tab: QWidget) -> None:
    _not_yet(tab)


def print_hardship_file(tab: QWidget) -> None:
    _not_yet(tab)


def print_hardship_list(tab: QWidget) -> None:
    _not_yet(tab)


def export_hardship_list(tab: QWidget) -> None:
    _not_yet(tab)


def export_cases(tab: QWidget) -> None:
    _not_yet(tab)


def import_cases(tab: QWidget) -> None:
    _not_yet(tab)
