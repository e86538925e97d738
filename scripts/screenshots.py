"""Grab each main page as a PNG for the README: `python scripts/screenshots.py DB OUTDIR [KEY ...]`.

Run under xvfb-run (or with QT_QPA_PLATFORM=offscreen) on a demo database.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from unionoffice.gui.context import AppContext
from unionoffice.gui.main_window import MainWindow
from unionoffice.gui.pages import PAGES
from unionoffice.i18n import set_language
from unionoffice.store.database import open_database


def main() -> int:
    db_path, out = Path(sys.argv[1]), Path(sys.argv[2])
    keys = sys.argv[3:] or [spec.key for spec in PAGES]
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    set_language("zh_CN")
    db = open_database(db_path)
    window = MainWindow(AppContext(db))
    window.resize(1280, 800)
    window.show()
    for key in keys:
        window.show_page(key)
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"{key}.png"))
        print(out / f"{key}.png")
    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
