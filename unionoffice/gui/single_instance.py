"""A second start on the same database brings the first window forward instead of opening another.

The first window listens on a local socket named after the database (QLocalServer: a named pipe on
Windows, a socket file elsewhere; nothing leaves the computer). A second start that finds the database
locked asks it to come forward; when no one answers (another user or computer holds the lock), the
caller says who holds it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

_WAIT_MS = 1000
_MESSAGE = b"activate\n"


def server_name(db_path: Path) -> str:
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"unionoffice-{digest}"


def ask_running_window_to_activate(db_path: Path) -> bool:
    """True when a window of this user already has ``db_path`` open and was asked to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(_WAIT_MS):
        return False
    socket.write(_MESSAGE)
    socket.flush()
    socket.waitForBytesWritten(_WAIT_MS)
    socket.disconnectFromServer()
    return True


class ActivationServer(QObject):
    """Listens for later starts on the same database and raises ``window`` when one knocks."""

    def __init__(self, db_path: Path, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.activations = 0
        self.server = QLocalServer(self)
        name = server_name(db_path)
        QLocalServer.removeServer(name)  # a socket file left by a crash would block listen()
        self.server.listen(name)
        self.server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).startswith(_MESSAGE.strip()):
            self.activations += 1
            state = self.window.windowState() & ~Qt.WindowState.WindowMinimized
            self.window.setWindowState(state | Qt.WindowState.WindowActive)
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()
