"""首页: the office at a glance, the backup reminder, shortcuts to the daily pages."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from unionoffice.gui.context import AppContext
from unionoffice.i18n import _, format_date, format_number
from unionoffice.services.overview import office_overview


class HomePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("homeTitle")
        layout.addWidget(self.title)

        self.reminder = QLabel()
        self.reminder.setObjectName("backupReminder")
        self.reminder.setWordWrap(True)
        self.reminder.setStyleSheet("color: #842029; background: #f8d7da; border: 1px solid #f1aeb5; padding: 6px;")
        reminder_row = QHBoxLayout()
        reminder_row.addWidget(self.reminder, 1)
        self.backup_button = QPushButton(_("Back up now…"))
        self.backup_button.clicked.connect(lambda: ctx.navigate.emit("backup"))
        reminder_row.addWidget(self.backup_button)
        layout.addLayout(reminder_row)

        figures = QGroupBox(_("The office today"))
        figures.setMaximumWidth(560)
        grid = QGridLayout(figures)
        grid.setColumnStretch(1, 1)
        self.figure_labels: dict[str, QLabel] = {}
        for row, (key, caption) in enumerate(
            [
                ("members", _("Members on the roll")),
                ("women", _("of whom women")),
                ("groups", _("Groups / departments in use")),
                ("backup", _("Last backup to a USB stick or folder")),
            ]
        ):
            grid.addWidget(QLabel(caption), row, 0)
            value = QLabel()
            value.setObjectName(f"figure_{key}")
            grid.addWidget(value, row, 1)
            self.figure_labels[key] = value
        layout.addWidget(figures)

        shortcuts = QHBoxLayout()
        for key, text in [("members", _("Member roster")), ("summary", _("Work summary")), ("backup", _("Backup"))]:
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, k=key: ctx.navigate.emit(k))
            shortcuts.addWidget(button)
        shortcuts.addStretch(1)
        layout.addLayout(shortcuts)
        layout.addStretch(1)

        ctx.data_changed.connect(lambda _entity: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.session() as session:
            overview = office_overview(session)
        self.title.setText(f"<h2>{overview.union_name or _('UnionOffice')}</h2>")
        if not overview.union_name:
            self.title.setText(self.title.text() + "<p>" + _("Enter the union's name in File → Office settings.") + "</p>")
        self.figure_labels["members"].setText(format_number(overview.members_on_roll))
        self.figure_labels["women"].setText(format_number(overview.women_on_roll))
        self.figure_labels["groups"].setText(format_number(overview.groups_in_use))
        last = overview.last_backup_on
        self.figure_labels["backup"].setText(format_date(last) if last else _("never"))
        if last is None:
            self.reminder.setText(_("The data has never been backed up to a USB stick or another folder. Please back up now."))
        else:
            self.reminder.setText(
                _("The last backup was on {date}, {days} days ago. Please back up now.").format(
                    date=format_date(last), days=overview.days_since_backup
                )
            )
        self.reminder.setVisible(overview.backup_due)
        self.backup_button.setVisible(overview.backup_due)


def create_page(ctx: AppContext) -> QWidget:
    return HomePage(ctx)
