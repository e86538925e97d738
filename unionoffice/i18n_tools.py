"""Catalog maintenance with babel: extract messages, list missing translations, compile.

    python -m unionoffice.i18n_tools extract    # writes resources/locale/unionoffice.pot
    python -m unionoffice.i18n_tools missing    # prints untranslated messages as .po entries
    python -m unionoffice.i18n_tools compile    # merges each language's .po files into one .mo
    python -m unionoffice.i18n_tools missing-json > todo.json    # {"msgid": ""} to fill in
    python -m unionoffice.i18n_tools add AREA todo.json   # adds the filled-in translations to
                                                           # resources/locale/zh_CN/AREA.po
"""

from __future__ import annotations

import io
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import IO, Iterable, Iterator

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from unionoffice.catalogs import DOMAIN, catalog_sources, compiled_catalog_path, locale_dir, merged_catalog, write_mo_bytes
from unionoffice.paths import program_dir

# Qt Designer properties whose <string> values are user-visible text.
_UI_TEXT_PROPERTIES = {"text", "title", "windowTitle", "placeholderText", "toolTip", "statusTip", "whatsThis"}


def extract_ui(fileobj: IO[bytes], keywords: object, comment_tags: object, options: object) -> Iterator[tuple]:
    """Babel extractor for Qt Designer .ui files: every text-like <string> property."""
    tree = ET.parse(fileobj)
    for prop in tree.iter("property"):
        if prop.get("name") not in _UI_TEXT_PROPERTIES:
            continue
        string = prop.find("string")
        if string is not None and string.text and string.get("notr") != "true":
            yield 0, "_", string.text, []
    for item in tree.iter("attribute"):
        if item.get("name") == "title":
            string = item.find("string")
            if string is not None and string.text:
                yield 0, "_", string.text, []


def extract_messages() -> Catalog:
    """Every translatable message in the package and the .ui forms."""
    catalog = Catalog(project="UnionOffice", domain=DOMAIN)
    root = program_dir()
    sources: list[tuple[Path, list[tuple[str, str]]]] = [
        (root / "unionoffice", [("**.py", "python")]),
        (root / "ui", [("**.ui", "unionoffice.i18n_tools:extract_ui")]),
    ]
    for folder, method_map in sources:
        if not folder.exists():
            continue
        for filename, lineno, message, comments, context in extract_from_dir(str(folder), method_map):
            location = (str((folder / filename).relative_to(root)), lineno)
            catalog.add(message, locations=[location], auto_comments=comments, context=context)
    return catalog


def compile_all(languages: Iterable[str] | None = None) -> list[Path]:
    written = []
    for folder in sorted(p for p in locale_dir().iterdir() if p.is_dir()):
        if languages is not None and folder.name not in languages:
            continue
        if not catalog_sources(folder.name):
            continue
        target = compiled_catalog_path(folder.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(write_mo_bytes(merged_catalog(folder.name)))
        written.append(target)
    return written


def untranslated(language: str = "zh_CN") -> list[object]:
    """Messages in the source with no translation in ``language``."""
    translated = merged_catalog(language)
    missing = []
    for message in extract_messages():
        if not message.id:
            continue
        found = translated.get(message.id)
        strings = found.string if found else None
        if isinstance(strings, tuple):
            ok = all(strings)
        else:
            ok = bool(strings)
        if not ok:
            missing.append(message)
    return missing


def add_translations(area: str, translations: dict[str, str], language: str = "zh_CN") -> Path:
    """Add or replace translations in one area's .po file, keeping it sorted."""
    target = locale_dir() / language / f"{area}.po"
    if target.exists():
        with target.open("rb") as fh:
            catalog = read_po(fh, locale=language)
    else:
        catalog = Catalog(locale=language, domain=DOMAIN, project="UnionOffice")
    for msgid, msgstr in translations.items():
        if msgstr:
            catalog.add(msgid, msgstr)
    catalog.fuzzy = False
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as fh:
        write_po(fh, catalog, width=100, sort_output=True, omit_header=False, include_lineno=False, no_location=True)
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "compile"
    if command == "extract":
        target = locale_dir() / f"{DOMAIN}.pot"
        with target.open("wb") as fh:
            write_po(fh, extract_messages(), width=100, sort_output=True)
        print(target)
    elif command == "missing":
        catalog = Catalog(locale="zh_CN", domain=DOMAIN)
        for message in untranslated("zh_CN"):
            catalog[message.id] = message
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=100, omit_header=True)
        sys.stdout.write(buffer.getvalue().decode("utf-8"))
        return 1 if len(catalog) else 0
    elif command == "missing-json":
        todo = {m.id: "" for m in untranslated("zh_CN") if isinstance(m.id, str)}
        print(json.dumps(todo, ensure_ascii=False, indent=1))
        return 1 if todo else 0
    elif command == "add":
        area, source = args[1], Path(args[2])
        print(add_translations(area, json.loads(source.read_text(encoding="utf-8"))))
    elif command == "compile":
        for path in compile_all():
            print(path)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
