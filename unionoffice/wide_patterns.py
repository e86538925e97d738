"""reportlab's patterns over the whole upper range of Unicode compiled when first used, not at import.

Two modules of reportlab compile such a pattern when imported: ``reportlab.platypus.paragraph``
a case-insensitive URL pattern (38 ms: ignoring case over every character up to U+FFFF is costly
to compile) for links in its markup, ``reportlab.lib.textsplit`` a CJK pattern (5 ms) for a wrap
helper. This program lays out text itself and writes no links, so every process that writes a PDF
(a summary, a printed form) paid for two patterns it never used. While those two modules run their
import, this importer makes ``re.compile`` give, for a pattern reaching U+FFFF, an object that
compiles it on its first use (any attribute: ``match``, ``sub`` …) and then behaves as the pattern.
Everything else, and every other thread, compiles as always; ``re.compile`` is restored right after.
Should reportlab change those modules, nothing worse happens than compiling at import again.
"""

from __future__ import annotations

import re
import sys
from typing import Any

DEFERRING_MODULES = frozenset({"reportlab.platypus.paragraph", "reportlab.lib.textsplit"})
WIDE = "\uffff"


class DeferredPattern:
    """``re.compile(pattern, flags)``, compiled on first use."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = _REAL_COMPILE(*self._args)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"DeferredPattern({self._args[0]!r}, {self._args[1]!r})"


_REAL_COMPILE = re.compile


class _DeferringLoader:
    """The module's own loader, with wide patterns deferred while the module runs."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        real = re.compile
        if real is not _REAL_COMPILE:  # someone else has replaced it: leave theirs alone
            self._loader.exec_module(module)
            return
        import threading

        here = threading.get_ident()

        def compile_deferring(pattern: Any, flags: int = 0) -> Any:
            if isinstance(pattern, str) and WIDE in pattern and threading.get_ident() == here:
                return DeferredPattern(pattern, flags)
            return real(pattern, flags)

        re.compile = compile_deferring
        try:
            self._loader.exec_module(module)
        finally:
            re.compile = real

    def __getattr__(self, name: str) -> Any:  # get_source, is_package …: the module's own loader's
        return getattr(self._loader, name)


class _DeferringFinder:
    """Finds the two modules as the importers after it would, and wraps their loader."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name not in DEFERRING_MODULES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _DeferringLoader(spec.loader)
                return spec
        return None


def install() -> None:
    """Put the finder first on the import path (once; a module already imported stays as it is)."""
    if not any(isinstance(finder, _DeferringFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _DeferringFinder())
