"""gui/__init__.py: PySide6 no longer reads the source of each module imported after Qt."""

from __future__ import annotations

import linecache
import sys

import pytest

import unionoffice.gui as gui


def _feature_module():
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.skip("this PySide6 has no __feature__ import hook")
    return feature


def test_the_hook_is_replaced() -> None:
    assert _feature_module()._mod_uses_pyside is gui._selects_no_feature


def test_a_module_imported_after_qt_is_not_read_for_features(tmp_path, monkeypatch) -> None:
    feature = _feature_module()
    source = tmp_path / "uo_feature_probe.py"
    source.write_text("from PySide6.QtCore import QObject\nVALUE = QObject.__name__\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.checkcache()
    try:
        namespace: dict = {}
        exec("import uo_feature_probe as module", namespace)  # an import statement: through PySide's hook
        module = namespace["module"]
        assert module.VALUE == "QObject"
        # PySide's own check would have read the file through inspect.getsource (linecache).
        assert str(source) not in linecache.cache
        assert feature.pyside_feature_dict.get("uo_feature_probe") == -1
    finally:
        sys.modules.pop("uo_feature_probe", None)
        feature.pyside_feature_dict.pop("uo_feature_probe", None)


def test_qt_classes_keep_their_usual_names() -> None:
    """Every module keeps PySide's default feature set: camelCase methods, no snake_case ones."""
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel("工会")
    assert label.text() == "工会"
    assert hasattr(label, "setText") and not hasattr(label, "set_text")
    assert app is not None
