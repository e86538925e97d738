"""首页: the office at a glance — members and their trend, this year against last, and what needs doing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionoffice.gui.context import AppContext
from unionoffice.gui.dashboard.charts import TrendChart, YearBars
from unionoffice.i18n import _, format_date, format_number
from unionoffice.services.dashboard import Dashboard, dashboard


class HomePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: Dashboard | None = None
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

        layout.addWidget(self._build_first_steps())

        top = QHBoxLayout()
        figures = QGroupBox(_("The office today"))
        grid = QGridLayout(figures)
        grid.setColumnStretch(1, 1)
        self.figure_labels: dict[str, QLabel] = {}
        for row, (key, caption) in enumerate([
            ("members", _("Members on the roll")),
            ("women", _("of whom women")),
            ("groups", _("Groups / departments in use")),
            ("backup", _("Last backup to a USB stick or folder")),
        ]):
            grid.addWidget(QLabel(caption), row, 0)
            value = QLabel()
            value.setObjectName(f"figure_{key}")
            grid.addWidget(value, row, 1)
            self.figure_labels[key] = value
        grid.setRowStretch(4, 1)
        top.addWidget(figures, 1)
        todo_box = QGroupBox(_("To do"))
        todo_layout = QVBoxLayout(todo_box)
        self.todos = QListWidget()
        self.todos.setObjectName("todos")
        self.todos.setStyleSheet("QListWidget { font-size: 14px; } QListWidget::item { padding: 4px; }")
        self.todos.itemActivated.connect(self._open_todo)
        self.todos.itemClicked.connect(self._open_todo)
        todo_layout.addWidget(self.todos)
        top.addWidget(todo_box, 1)
        layout.addLayout(top)

        charts = QHBoxLayout()
        trend_box = QGroupBox(_("Members on the roll, last 12 months"))
        QVBoxLayout(trend_box).addWidget(trend := TrendChart())
        self.trend = trend
        year_box = QGroupBox(_("This year so far against the same time last year"))
        QVBoxLayout(year_box).addWidget(bars := YearBars())
        self.year_bars = bars
        charts.addWidget(trend_box, 1)
        charts.addWidget(year_box, 1)
        layout.addLayout(charts)
        layout.addStretch(1)

        ctx.data_changed.connect(lambda _entity: self.refresh())
        self.refresh()

    def _build_first_steps(self) -> QGroupBox:
        box = QGroupBox(_("First steps"))
        box.setObjectName("firstSteps")
        row = QHBoxLayout(box)
        intro = QLabel(_("A new, empty office. Start here:"))
        row.addWidget(intro)
        self.first_step_buttons: dict[str, QPushButton] = {}
        for key, text in (("settings", _("1. Office settings…")), ("import", _("2. Import the roster…")),
                          ("guide", _("3. Read the guide…"))):
            button = QPushButton(text)
            button.setObjectName(f"firstStep_{key}")
            button.clicked.connect(lambda _checked=False, k=key: self.ctx.first_step.emit(k))
            row.addWidget(button)
            self.first_step_buttons[key] = button
        row.addStretch(1)
        return box

    def _open_todo(self, item: QListWidgetItem) -> None:
        page = item.data(Qt.ItemDataRole.UserRole)
        if page:
            self.ctx.navigate.emit(page)

    def refresh(self) -> None:
        with self.ctx.db.session() as session:
            board = dashboard(session)
        self.current = board
        overview = board.overview
        self.title.setText(f"<h2>{overview.union_name or _('UnionOffice')}</h2>")
        if not overview.union_name:
            self.title.setText(self.title.text() + "<p>" + _("Enter the union's name in File → Office settings.") + "</p>")
        self.findChild(QGroupBox, "firstSteps").setVisible(board.empty)
        self.figure_labels["members"].setText(format_number(board.members_now))
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
        self.todos.clear()
        for todo in board.todos:
            item = QListWidgetItem("• " + todo.text)
            item.setData(Qt.ItemDataRole.UserRole, todo.page)
            item.setData(Qt.ItemDataRole.UserRole + 1, todo.key)
            self.todos.addItem(item)
        if not board.todos:
            done = QListWidgetItem(_("Nothing is waiting. Well done."))
            done.setFlags(Qt.ItemFlag.NoItemFlags)
            self.todos.addItem(done)
        self.trend.set_points(board.trend)
        self.year_bars.set_items(board.year_on_year)


def create_page(ctx: AppContext) -> QWidget:
    return HomePage(ctx)
