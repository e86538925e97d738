"""The backup page's helpers: password dialogs, the background job, and finding USB drives."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QStorageInfo, QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from unionoffice.i18n import _

MIN_PASSWORD_LENGTH = 6


class Job(QThread):
    """Runs one service call off the UI thread; reports progress, then done or failed."""

    progressed = Signal(str, int, int)  # stage value, done, total
    done = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, work: Callable[..., Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self.cancel_requested = False

    def report(self, stage: Any, done: int, total: int) -> None:
        self.progressed.emit(getattr(stage, "value", str(stage)), done, total)

    def is_cancelled(self) -> bool:
        return self.cancel_requested

    def run(self) -> None:
        try:
            result = self._work(self)
        except Exception as exc:  # shown to the clerk by the page; nothing escapes the thread
            self.failed.emit(exc)
        else:
            self.done.emit(result)


class EncryptionChoiceDialog(QDialog):
    """Asked before the first backup: a password, or knowingly no encryption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Protect the backup?"))
        layout = QVBoxLayout(self)
        intro = QLabel(_(
            "A backup holds the whole roster, ID numbers included. With a password, anyone who finds the "
            "stick cannot read it."
        ))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.use_password = QRadioButton(_("Encrypt with a password (recommended)"))
        self.use_password.setChecked(True)
        layout.addWidget(self.use_password)
        form = QFormLayout()
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Password:"), self.password)
        form.addRow(_("Repeat:"), self.repeat)
        layout.addLayout(form)
        warning = QLabel(_(
            "The password is not stored anywhere. If it is forgotten, the backup can never be opened, "
            "not even by the program's makers. Write it down and keep it somewhere safe."
        ))
        warning.setObjectName("forgottenWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #842029;")
        layout.addWidget(warning)
        self.no_password = QRadioButton(_("No encryption: I understand that anyone with the stick can read the data"))
        self.no_password.setObjectName("noEncryption")
        layout.addWidget(self.no_password)
        self.use_password.toggled.connect(self.password.setEnabled)
        self.use_password.toggled.connect(self.repeat.setEnabled)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b02a37;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def encrypt(self) -> bool:
        return self.use_password.isChecked()

    @property
    def chosen_password(self) -> str | None:
        return self.password.text() if self.encrypt else None

    def accept(self) -> None:
        if self.encrypt:
            problem = password_problem(self.password.text(), self.repeat.text())
            if problem:
                self.error.setText(problem)
                return
        super().accept()


class PasswordDialog(QDialog):
    """The backup password: twice when making a backup, once when opening one."""

    def __init__(self, message: str, confirm: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Backup password"))
        self._confirm = confirm
        layout = QVBoxLayout(self)
        label = QLabel(message)
        label.setWordWrap(True)
        layout.addWidget(label)
        form = QFormLayout()
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Password:"), self.password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        if confirm:
            form.addRow(_("Repeat:"), self.repeat)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b02a37;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self._confirm:
            problem = password_problem(self.password.text(), self.repeat.text())
        else:
            problem = "" if self.password.text() else _("Enter the password.")
        if problem:
            self.error.setText(problem)
            return
        super().accept()


def password_problem(password: str, repeat: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        return _("The password needs at least {count} characters.").format(count=MIN_PASSWORD_LENGTH)
    if password != repeat:
        return _("The two passwords differ.")
    return ""


def removable_volumes(data_folder: Path) -> list[tuple[str, Path]]:
    """(label, root) of mounted, writable drives that look removable: not the system drive and
    not the one holding the data folder. Qt cannot tell a USB stick apart, so this is a guess;
    the folder chooser covers the rest."""
    system_roots = {Path(os.environ.get("SystemDrive", "C:") + "\\")} if sys.platform == "win32" else {Path("/")}
    data_root = None
    found = []
    for volume in QStorageInfo.mountedVolumes():
        if not (volume.isValid() and volume.isReady()) or volume.isReadOnly():
            continue
        root = Path(volume.rootPath())
        if data_folder.resolve().is_relative_to(root) and (data_root is None or len(str(root)) > len(str(data_root))):
            data_root = root
        if sys.platform != "win32" and not str(root).startswith(("/media/", "/run/media/", "/mnt/", "/Volumes/")):
            continue
        free_gb = volume.bytesAvailable() / 1e9
        name = volume.displayName() or str(root)
        found.append((_("{name} ({root}), {free:.1f} GB free").format(name=name, root=root, free=free_gb), root))
    return [(label, root) for label, root in found if root not in system_roots and root != data_root]
