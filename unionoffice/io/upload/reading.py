"""Opening a template file (.xlsx/.xlsm with openpyxl, .xls/.et converted) into a Template with its lists."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from unionoffice.i18n import _, os_error_text
from unionoffice.io.upload.template import Template, TemplateError, read_template
from unionoffice.io.upload.validations import list_rules, rule_for

XLSX_SUFFIXES = (".xlsx", ".xlsm")
XLS_SUFFIXES = (".xls", ".et")


def _load(path: Path):  # type: ignore[no-untyped-def]
    suffix = path.suffix.lower()
    if suffix in XLS_SUFFIXES:
        from unionoffice.io.upload.xls import workbook_from_xls

        return workbook_from_xls(path)
    if suffix not in XLSX_SUFFIXES:
        raise TemplateError(_("{name} is not an Excel template (use .xlsx or .xls).").format(name=path.name))
    try:
        with warnings.catch_warnings():
            # "Data Validation extension is not supported": those lists are read by validations.py.
            warnings.simplefilter("ignore", UserWarning)
            return load_workbook(path, keep_vba=suffix == ".xlsm")
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, EOFError):
        raise TemplateError(
            _("{name} cannot be read: the file is damaged or is not an Excel workbook.").format(name=path.name)
        ) from None


def open_template(path: str | Path) -> Template:
    """The template's layout with each column's drop-down list; TemplateError says why it cannot be used."""
    path = Path(path)
    if not path.is_file():
        raise TemplateError(_("The file {name} does not exist.").format(name=path))
    try:
        workbook = _load(path)
    except OSError as exc:
        raise TemplateError(_("Cannot read {path}: {error}").format(path=path, error=os_error_text(exc))) from None
    template = read_template(workbook, path)
    template.rules = list_rules(workbook, template.sheet, path)
    for column in template.columns:
        rule = rule_for(template.rules, template.first_data_row, column.index)
        if rule is not None:
            column.items = rule.items
    return template
