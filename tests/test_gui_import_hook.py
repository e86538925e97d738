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
    assert _feature_module()._mod_uses_pyside is gui._takes_the_default_features


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
        assert feature.pyside_feature_dict.get("uo_feature_probe") == 0  # PySide's default set
    finally:
        sys.modules.pop("uo_feature_probe", None)
        feature.pyside_feature_dict.pop("uo_feature_probe", None)


def test_a_module_selecting_snake_case_does_not_change_the_names_elsewhere(tmp_path, monkeypatch) -> None:
    """A module's ``from __feature__ import snake_case`` stays its own: a module imported after it
    still sees Qt's camelCase names (as without gui/__init__.py's shortcut)."""
    import subprocess

    (tmp_path / "uo_snake_probe.py").write_text(
        "from PySide6.QtCore import QObject\nfrom __feature__ import snake_case  # noqa\n"
        "SNAKE = hasattr(QObject(), 'object_name')\n", encoding="utf-8")
    (tmp_path / "uo_plain_probe.py").write_text(
        "from PySide6.QtCore import QObject\n"
        "def names():\n    return hasattr(QObject(), 'objectName'), hasattr(QObject(), 'object_name')\n",
        encoding="utf-8")
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import unionoffice.gui; import uo_snake_probe, uo_plain_probe; "
            "print(uo_snake_probe.SNAKE, *uo_plain_probe.names())")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True,
                          timeout=60)
    assert done.stdout.split() == ["True", "True", "False"]


def test_qt_classes_keep_their_usual_names() -> None:
    """Every module keeps PySide's default feature set: camelCase methods, no snake_case ones."""
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel("工会")
    assert label.text() == "工会"
    assert hasattr(label, "setText") and not hasattr(label, "set_text")
    assert app is not None
