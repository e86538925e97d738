"""The window (PySide6 widgets).

Importing this package installs one start-up saving. PySide6 reads the source file of every
module imported after it, to learn whether the module may opt in to PySide's ``from __feature__
import snake_case, true_property`` (shibokensupport.feature._mod_uses_pyside): at 20,000 members
the window's start imports 348 modules after Qt, and reading them cost 145 ms. No module of this
program selects a PySide feature, so every module is given PySide's default set without reading
it: the answer PySide gives a module that mentions PySide6 (select id 0). A module that does
import ``__feature__`` still gets its own selection (PySide records that at its ``from __feature__
import``, before this check), and every other module keeps the default set even then; answering
"uses no PySide" (-1, "ignore this module") instead would let such a module's selection show in
all the others. Should a PySide6 release no longer have the hook, nothing is changed.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _takes_the_default_features(_module: ModuleType) -> bool:
    """PySide's ``_mod_uses_pyside`` answer without reading the module's source: True, so PySide
    gives the module its default feature set (no module of this program selects another)."""
    return True


def _skip_feature_source_reads() -> None:
    import PySide6.QtCore  # noqa: F401 - (first import of Qt: installs PySide's import hook)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _takes_the_default_features


_skip_feature_source_reads()
