"""Photos and files of an activity as thumbnails; additions and removals apply when the form is saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import (
    QFileIconProvider,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionoffice.i18n import _
from unionoffice.services.activity_files import is_image
from unionoffice.gui import file_dialogs

THUMBNAIL = QSize(120, 90)


def thumbnail(path: Path) -> QIcon:
    if is_image(path.name):
        pixmap = QPixmap(str(path))
        if not pixmap.isNull():
            return QIcon(pixmap.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
    return QFileIconProvider().icon(QFileIconProvider.IconType.File)


class AttachmentsWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files_to_add: list[Path] = []
        self.attachments_to_remove: list[int] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(THUMBNAIL)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setGridSize(QSize(THUMBNAIL.width() + 24, THUMBNAIL.height() + 40))
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(self.open_item)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        add = QPushButton(_("Add photos or files…"))
        open_button = QPushButton(_("Open"))
        remove = QPushButton(_("Remove"))
        add.clicked.connect(self.choose_files)
        open_button.clicked.connect(lambda: self.open_item(self.list.currentItem()))
        remove.clicked.connect(self.remove_current)
        for button in (add, open_button, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def add_existing(self, attachment_id: int, name: str, path: Path) -> None:
        item = QListWidgetItem(thumbnail(path), name)
        item.setData(Qt.ItemDataRole.UserRole, attachment_id)
        item.setData(Qt.ItemDataRole.UserRole + 1, str(path))
        item.setToolTip(str(path))
        self.list.addItem(item)

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.files_to_add.append(path)
            item = QListWidgetItem(thumbnail(path), path.name)
            item.setData(Qt.ItemDataRole.UserRole, None)
            item.setData(Qt.ItemDataRole.UserRole + 1, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)

    def choose_files(self) -> None:
        names = file_dialogs.open_file_names(
            self, file_dialogs.ATTACHMENT, _("Add photos or files"), _("Photos (*.jpg *.jpeg *.png *.bmp *.gif);;All files (*)"))
        self.add_files([Path(n) for n in names])

    def open_item(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(item.data(Qt.ItemDataRole.UserRole + 1)))

    def remove_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        attachment_id = item.data(Qt.ItemDataRole.UserRole)
        if attachment_id is None:
            path = Path(item.data(Qt.ItemDataRole.UserRole + 1))
            if path in self.files_to_add:
                self.files_to_add.remove(path)
        else:
            self.attachments_to_remove.append(attachment_id)
        self.list.takeItem(self.list.row(item))
