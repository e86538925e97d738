"""Widgets, dialogs and table models of the relief, hardship and rights pages."""
