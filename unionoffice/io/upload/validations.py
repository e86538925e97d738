"""The dropdown list of each template column: data validations of type "list", given inline
("1-男,2-女"), as a range on this or another (often hidden) sheet, or through a defined name.

Excel 2010 and later store a list that points at another sheet in the worksheet's x14 extension,
which openpyxl neither reads nor writes; those are read here from the file itself and handed
back as ordinary validations, so the filled file keeps its dropdowns.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from xml.etree import ElementTree as ET

from openpyxl import Workbook
from openpyxl.utils.cell import range_boundaries, range_to_tuple
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

_NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "x14": "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main",
    "xm": "http://schemas.microsoft.com/office/excel/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
MAX_LIST_ITEMS = 5000


@dataclass
class ListRule:
    validation: DataValidation
    items: list[str] | None  # None: a formula this program cannot resolve (INDIRECT and the like)
    from_extension: bool = False

    def covers(self, row: int, col: int) -> bool:
        for cell_range in self.validation.sqref.ranges:
            if cell_range.min_row <= row <= cell_range.max_row and cell_range.min_col <= col <= cell_range.max_col:
                return True
        return False


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _split_inline(formula: str) -> list[str]:
    inner = formula.strip()[1:-1]
    return [item.strip() for item in inner.replace("，", ",").split(",") if item.strip()]


def _range_items(workbook: Workbook, sheet: Worksheet, reference: str) -> list[str] | None:
    reference = reference.lstrip("=").strip()
    try:
        if "!" in reference:
            title, (min_col, min_row, max_col, max_row) = range_to_tuple(reference)
            if title not in workbook.sheetnames:
                return None
            source = workbook[title]
        else:
            min_col, min_row, max_col, max_row = range_boundaries(reference.replace("$", ""))
            source = sheet
    except (ValueError, TypeError):
        return None
    if (max_row - min_row + 1) * (max_col - min_col + 1) > MAX_LIST_ITEMS:
        max_row = min_row + MAX_LIST_ITEMS // max(1, max_col - min_col + 1)
    items = []
    for row in source.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True):
        items.extend(text for text in map(_cell_text, row) if text)
    return items


def _named_reference(workbook: Workbook, sheet: Worksheet, name: str) -> str | None:
    for names in (sheet.defined_names, workbook.defined_names):
        if name in names:
            return names[name].attr_text
    return None


def resolve_items(workbook: Workbook, sheet: Worksheet, formula: str | None) -> list[str] | None:
    """The items a list validation's formula names, or None when it cannot be worked out offline."""
    if not formula:
        return None
    formula = formula.strip().lstrip("=")
    if formula.startswith('"') and formula.endswith('"'):
        return _split_inline(formula)
    if "(" in formula:
        return None  # INDIRECT(…), OFFSET(…): depends on other cells
    if "!" not in formula and ":" not in formula and not formula.replace("$", "").isalnum():
        return None
    named = _named_reference(workbook, sheet, formula)
    if named is not None:
        return _range_items(workbook, sheet, named)
    return _range_items(workbook, sheet, formula)


def _sheet_part(archive: zipfile.ZipFile, title: str) -> str | None:
    workbook_xml = ET.fromstring(archive.read("xl/workbook.xml"))
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.findall("rel:Relationship", _NS)}
    for node in workbook_xml.iterfind("main:sheets/main:sheet", _NS):
        if node.get("name") == title:
            target = targets.get(node.get(f"{{{_NS['r']}}}id"), "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return None


def extension_validations(path: Path, title: str) -> list[DataValidation]:
    """The x14 list validations of one sheet (openpyxl drops them)."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, title)
            if part is None or part not in archive.namelist():
                return []
            root = ET.fromstring(archive.read(part))
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError):
        return []
    found = []
    for node in root.iter(f"{{{_NS['x14']}}}dataValidation"):
        if node.get("type") != "list":
            continue
        formula = node.find("x14:formula1/xm:f", _NS)
        sqref = node.find("xm:sqref", _NS)
        if formula is None or sqref is None or not (formula.text and sqref.text):
            continue
        validation = DataValidation(type="list", formula1=formula.text, allow_blank=node.get("allowBlank") == "1",
                                    sqref=sqref.text)
        validation.showErrorMessage = node.get("showErrorMessage") == "1"
        validation.showInputMessage = node.get("showInputMessage") == "1"
        validation.error, validation.errorTitle = node.get("error"), node.get("errorTitle")
        validation.prompt, validation.promptTitle = node.get("prompt"), node.get("promptTitle")
        found.append(validation)
    return found


def list_rules(workbook: Workbook, sheet: Worksheet, path: Path | None) -> list[ListRule]:
    """Every list validation of the sheet with its items; the x14 ones are added to the sheet so
    that saving keeps them."""
    rules = [ListRule(v, resolve_items(workbook, sheet, v.formula1))
             for v in sheet.data_validations.dataValidation if v.type == "list"]
    if path is not None and path.suffix.lower() in (".xlsx", ".xlsm"):
        for validation in extension_validations(path, sheet.title):
            sheet.add_data_validation(validation)
            rules.append(ListRule(validation, resolve_items(workbook, sheet, validation.formula1), True))
    return rules


def rule_for(rules: Iterable[ListRule], row: int, col: int) -> ListRule | None:
    return next((rule for rule in rules if rule.covers(row, col)), None)
