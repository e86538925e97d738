"""Fixtures of the hardship GUI tests (imported by them): the app context, and the warnings shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from unionoffice.gui.context import AppContext


@pytest.fixture
def ctx(db):
    return AppContext(db)


@pytest.fixture
def shown(monkeypatch):
    """The messages the dialogs would show, instead of blocking on a message box."""
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: messages.append(text))
    return messages
