"""Qt's own texts (file dialogs' "Look in:", standard buttons, print dialogs) in the program's language.

Qt ships them as qtbase_<locale>.qm in PySide6's translations folder (the bundle keeps the zh_CN ones).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from unionoffice.i18n import current_language

_installed: list[QTranslator] = []  # kept alive: a collected translator stops translating


def install_qt_translations(app: QCoreApplication) -> bool:
    """Load qtbase_zh_CN when the program speaks Chinese; True when Qt's texts are now Chinese."""
    if current_language() != "zh_CN":
        while _installed:
            app.removeTranslator(_installed.pop())
        return False
    if _installed:
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    if not translator.load(locale, "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    QLocale.setDefault(locale)  # the calendar popup's month and day names
    return True
