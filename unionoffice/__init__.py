"""UnionOffice (工会办公助手): offline office software for a base-level trade union."""

__version__ = "0.1.0"

# Ctrl-C while the modules still load: one line, not a traceback (unionoffice/early_interrupt.py).
from unionoffice import early_interrupt as _early_interrupt  # noqa: E402

_early_interrupt.install()

# Before anything can import reportlab: its patterns over all of Unicode compiled when first used.
from unionoffice import wide_patterns as _wide_patterns  # noqa: E402

_wide_patterns.install()
