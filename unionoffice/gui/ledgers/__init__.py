"""Widgets shared by the activities and training pages: table model, filter bar, pickers, dialogs."""
