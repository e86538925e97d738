"""Before a relief round is saved: the hardship file checks, and the reason to go ahead despite them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from unionoffice.gui.relief.widgets import show_error
from unionoffice.gui.widgets import save_cancel_buttons
from unionoffice.i18n import _
from unionoffice.services.hardship_batch import BatchFileWarning


class FileCheckDialog(QDialog):
    """Lists the warnings; 保存 needs a reason (not a block)."""

    def __init__(self, warnings: list[BatchFileWarning], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileCheckDialog")
        self.setWindowTitle(_("Hardship file checks"))
        self.list = QListWidget()
        self.list.setObjectName("fileWarnings")
        self.list.addItems([w.text for w in warnings])
        self.reason = QLineEdit()
        self.reason.setObjectName("fileCheckReason")
        self.reason.setPlaceholderText(_("e.g. 经工会委员会研究同意"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("{count} people of this round do not fit the hardship files:").format(count=len(warnings))))
        layout.addWidget(self.list)
        layout.addWidget(QLabel(_("Reason for including them anyway (kept with the round):")))
        layout.addWidget(self.reason)
        layout.addWidget(save_cancel_buttons(self))
        self.resize(560, 360)

    def accept(self) -> None:
        if not self.reason.text().strip():
            show_error(self, _("Please give the reason, or cancel and change the round."))
            self.reason.setFocus()
            return
        super().accept()
