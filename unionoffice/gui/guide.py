"""帮助 → 使用说明: the offline guide (resources/guide/*.html) in a QTextBrowser, with its screenshots."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from unionoffice.i18n import _
from unionoffice.paths import resources_dir


def guide_dir() -> Path:
    return resources_dir() / "guide"


class GuideWindow(QDialog):
    """Not modal: the clerk reads the guide beside the page she works on."""

    def __init__(self, parent: QWidget | None = None, page: str = "index.html") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("User guide"))
        self.resize(820, 640)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide")
        self.browser.setSearchPaths([str(guide_dir())])
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._external)
        self.browser.setSource(QUrl.fromLocalFile(str(guide_dir() / page)))
        row = QHBoxLayout()
        for text, slot in ((_("Back"), self.browser.backward), (_("Contents"), self.browser.home)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.close)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)

    def _external(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)


def open_guide(parent: QWidget | None, page: str = "index.html") -> GuideWindow:
    window = GuideWindow(parent, page)
    window.show()
    return window
