"""Filling a higher union's 实名制 upload template from the roster, and checking it as their checker would.

No database and no Qt here: the service gives member records (field key -> value), these modules
read the template, map its columns, pick the dropdown item for each value and write the file.

- ``template``: find the sheet and header row, the columns, required marks, note rows, date hints.
- ``validations``: the dropdown list of each column (inline, a range on another sheet, a name).
- ``codes``: which list item stands for a member's value; dates in the template's format.
- ``checks``: required cells, coded cells, ID numbers, duplicates: the problems list.
- ``writer``: the filled workbook, keeping the template's formatting, with a 问题清单 sheet on request.
- ``profiles``: a saved column mapping, by name, in the data folder.
"""
