"""Project-wide rules: layering, translations."""

from __future__ import annotations

import ast
from pathlib import Path

from unionoffice.i18n_tools import merged_catalog, untranslated

PACKAGE = Path(__file__).resolve().parent.parent / "unionoffice"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_gui_package_imports_pyside6():
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "gui" not in path.relative_to(PACKAGE).parts[:1] and "PySide6" in _imports(path)
    ]
    assert offenders == []


def test_every_message_has_a_chinese_translation():
    missing = [m.id for m in untranslated("zh_CN")]
    assert missing == [], "untranslated (run `python -m unionoffice.i18n_tools missing`): %r" % missing[:20]


def test_translations_keep_their_placeholders():
    """A translation that drops or renames {name} would crash .format() at run time."""
    import re

    placeholder = re.compile(r"\{[a-z_0-9]*(?::[^}]*)?\}")
    bad = []
    for message in merged_catalog("zh_CN"):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(placeholder.findall(ids[0]))
        for s in strings:
            if set(placeholder.findall(s)) != wanted:
                bad.append((ids[0], s))
    assert bad == []
