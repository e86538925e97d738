"""Figure providers for the work summary: one module per register (see unionoffice.reports.figures)."""
