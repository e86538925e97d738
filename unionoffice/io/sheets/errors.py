"""File-level failures of an import: the whole file cannot be used (the CLI exits with 2)."""

from __future__ import annotations


class SheetError(Exception):
    """The file or sheet cannot be imported at all; the message is for the clerk."""


class HeaderError(SheetError):
    """No header row, or required columns missing from it."""
