"""Spreadsheet layouts and printed sign-in sheets of the activity log and the training records."""
