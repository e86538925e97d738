"""备份: back up to a USB stick or folder in one click, and restore from a backup file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unionoffice.gui.backup_dialogs import EncryptionChoiceDialog, Job, PasswordDialog, removable_volumes
from unionoffice.gui.context import AppContext
from unionoffice.i18n import _, format_date, format_datetime, format_number
from unionoffice.io.archive_stream import PasswordRequired, WrongPassword
from unionoffice.services.backup import BackupResult, make_backup
from unionoffice.services.backup_reminder import LAST_BACKUP_TARGET, last_backup_at
from unionoffice.services.backup_restore import BackupInfo, RestoreError, RestoreResult, inspect_backup, restore_backup
from unionoffice.services.office import get_setting, set_setting
from unionoffice.store.database import DatabaseError, open_database
from unionoffice.gui.widgets import run_modal
from unionoffice.gui import file_dialogs

ENCRYPT_SETTING = "backup_encrypt"  # "yes" | "no" | "" (not asked yet); the password itself is never stored


class BackupPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.info: BackupInfo | None = None
        self._password: str | None = None  # the restore password, only while a restore is prepared
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_backup_box())
        layout.addWidget(self._build_restore_box())
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)
        ctx.data_changed.connect(self._on_data_changed)
        self.refresh_targets()
        self.refresh_last_backup()

    # --- layout --------------------------------------------------------------------------

    def _build_backup_box(self) -> QGroupBox:
        box = QGroupBox(_("Back up to a USB stick or folder"))
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Back up to:")))
        self.targets = QComboBox()
        self.targets.setObjectName("targets")
        self.targets.setMinimumWidth(360)
        row.addWidget(self.targets, 1)
        refresh = QPushButton(_("Refresh drives"))
        refresh.clicked.connect(self.refresh_targets)
        row.addWidget(refresh)
        choose = QPushButton(_("Choose folder…"))
        choose.setObjectName("chooseFolder")
        choose.clicked.connect(self.choose_folder)
        row.addWidget(choose)
        layout.addLayout(row)
        self.backup_button = QPushButton(_("Back up now"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.start_backup)
        layout.addWidget(self.backup_button)
        self.last_backup = QLabel()
        self.last_backup.setObjectName("lastBackup")
        layout.addWidget(self.last_backup)
        return box

    def _build_restore_box(self) -> QGroupBox:
        box = QGroupBox(_("Restore from a backup"))
        layout = QVBoxLayout(box)
        choose = QPushButton(_("Choose a backup file…"))
        choose.setObjectName("chooseArchive")
        choose.clicked.connect(self.choose_archive)
        layout.addWidget(choose)
        self.archive_info = QLabel(_("Choose a backup file to see what it holds. Nothing changes until you confirm."))
        self.archive_info.setObjectName("archiveInfo")
        self.archive_info.setWordWrap(True)
        layout.addWidget(self.archive_info)
        self.restore_button = QPushButton(_("Restore this backup…"))
        self.restore_button.setObjectName("restore")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.confirm_restore)
        layout.addWidget(self.restore_button)
        if self.ctx.db.is_server:
            # Others work on a server office at the same moment: it is never replaced from one window.
            choose.setEnabled(False)
            self.archive_info.setText(_(
                "A server office is restored by whoever looks after the server, into an empty database: "
                "unionoffice restore FILE --db postgresql://… (see the README)."))
        return box

    # --- targets -------------------------------------------------------------------------

    def refresh_targets(self) -> None:
        current = self.target()
        self.targets.clear()
        for label, root in removable_volumes(self.ctx.db.data_folder):
            self.targets.addItem(label, str(root))
        with self.ctx.db.session() as session:
            last_target = get_setting(session, LAST_BACKUP_TARGET)
        for folder in (last_target, str(current) if current else ""):
            if folder and Path(folder).is_dir() and self.targets.findData(folder) < 0:
                self.targets.addItem(folder, folder)
        if current is not None and self.targets.findData(str(current)) >= 0:
            self.targets.setCurrentIndex(self.targets.findData(str(current)))

    def target(self) -> Path | None:
        data = self.targets.currentData()
        return Path(data) if data else None

    def add_target(self, folder: Path) -> None:
        index = self.targets.findData(str(folder))
        if index < 0:
            self.targets.addItem(str(folder), str(folder))
            index = self.targets.count() - 1
        self.targets.setCurrentIndex(index)

    def choose_folder(self) -> None:
        folder = file_dialogs.existing_folder(self, file_dialogs.BACKUP, _("Choose the backup folder"))
        if folder:
            self.add_target(Path(folder))

    def refresh_last_backup(self) -> None:
        with self.ctx.db.session() as session:
            when = last_backup_at(session)
            target = get_setting(session, LAST_BACKUP_TARGET)
        self.last_backup.setText(
            _("Last backup: {date}, to {target}").format(date=format_date(when.astimezone().date()), target=target)
            if when else _("Never backed up to a USB stick or folder.")
        )

    # --- backup --------------------------------------------------------------------------

    def backup_password(self) -> tuple[bool, str | None]:
        """(go ahead, password): asks the encryption question once, then the password each time."""
        with self.ctx.db.session() as session:
            choice = get_setting(session, ENCRYPT_SETTING)
        if choice == "no":
            return True, None
        if choice == "yes":
            dialog = PasswordDialog(_("Enter the backup password (twice, so that a typing slip cannot lock the backup)."), True, self)
            if run_modal(dialog) != QDialog.DialogCode.Accepted:
                return False, None
            return True, dialog.password.text()
        choose = EncryptionChoiceDialog(self)
        if run_modal(choose) != QDialog.DialogCode.Accepted:
            return False, None
        with self.ctx.db.session(write=True) as session:
            set_setting(session, ENCRYPT_SETTING, "yes" if choose.encrypt else "no")
        return True, choose.chosen_password

    def start_backup(self) -> None:
        target = self.target()
        if target is None:
            QMessageBox.information(self, _("Backup"), _("Insert a USB stick or choose a folder first."))
            return
        go, password = self.backup_password()
        if not go:
            return
        db = self.ctx.db

        def work(job: Job) -> BackupResult:
            if db.is_server:  # a consistent snapshot of the server, then the same archive as a local office's
                from unionoffice.services.office_move import make_server_backup

                return make_server_backup(db, target, password=password, progress=job.report, cancelled=job.is_cancelled)
            return make_backup(db.path, target, password=password, progress=job.report, cancelled=job.is_cancelled)

        self.status.setText(_("Backing up to {target}…").format(target=target))
        self._run(work, self._backup_done, cancellable=True)

    def _backup_done(self, result: BackupResult) -> None:
        self.status.setText(_("Backup written and verified: {path} ({size} MB)").format(
            path=result.path, size=format_number(round(result.size / 1e6, 1))))
        self.ctx.notify("backup")
        self.ctx.status_message.emit(_("Backup done."))

    # --- restore -------------------------------------------------------------------------

    def choose_archive(self) -> None:
        path = file_dialogs.open_file_name(self, file_dialogs.BACKUP, _("Choose a backup file"), _("UnionOffice backups (*.uobak)"))
        if path:
            self.load_archive(Path(path))

    def load_archive(self, path: Path) -> None:
        """Show what the archive holds (asking for its password when needed); changes nothing."""
        self.info, self._password = None, None
        self.restore_button.setEnabled(False)
        password = None
        while True:
            try:
                info = inspect_backup(path, password)
                break
            except RestoreError as exc:
                cause = exc.__cause__
                if isinstance(cause, (PasswordRequired, WrongPassword)):
                    message = str(exc) if isinstance(cause, WrongPassword) else _("This backup is encrypted. Enter its password.")
                    dialog = PasswordDialog(message, False, self)
                    if run_modal(dialog) != QDialog.DialogCode.Accepted:
                        self.archive_info.setText(_("No backup chosen."))
                        return
                    password = dialog.password.text()
                    continue
                self.archive_info.setText(str(exc))
                return
        self.info, self._password = info, password
        self.archive_info.setText(describe(info))
        self.restore_button.setEnabled(not info.too_new)

    def confirm_restore(self) -> None:
        if self.info is None:
            return
        answer = QMessageBox.question(
            self,
            _("Restore"),
            _(
                "Replace all current data with the backup of {when}?\n\nThe current data is backed up to the "
                "local backups folder first, so this can be undone."
            ).format(when=format_datetime(self.info.manifest.created_at.astimezone())),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        archive, password, db_path = self.info.path, self._password, self.ctx.db.path
        lock = getattr(self.ctx, "db_lock", None)  # the app's own lock on the database, if it holds one
        self.ctx.db.close()

        def work(job: Job) -> RestoreResult:
            return restore_backup(archive, db_path, password, lock=lock, progress=job.report)

        self.status.setText(_("Restoring…"))
        self._run(work, self._restore_done, cancellable=False, reopen=True)

    def _restore_done(self, result: RestoreResult) -> None:
        text = _("Restored the backup of {when}.").format(when=format_datetime(result.manifest.created_at.astimezone()))
        if result.safety_copy is not None:
            text += " " + _("The data that was there before is kept at {path}.").format(path=result.safety_copy)
        self.status.setText(text)
        self.info, self._password = None, None
        self.restore_button.setEnabled(False)
        for entity in ("restore", "settings", "backup"):
            self.ctx.notify(entity)

    # --- running jobs --------------------------------------------------------------------

    def _run(self, work, on_done, cancellable: bool, reopen: bool = False) -> None:  # noqa: ANN001
        self.job = Job(work, self)
        self.job.progressed.connect(self._on_progress)
        self.job.done.connect(lambda result: self._finish(on_done, result, None, reopen))
        self.job.failed.connect(lambda exc: self._finish(on_done, None, exc, reopen))
        self._set_busy(True, cancellable)
        self.job.start()

    def _finish(self, on_done, result, error, reopen: bool) -> None:  # noqa: ANN001
        if self.job is not None:
            self.job.wait()
            self.job.deleteLater()  # else every backup leaves a finished thread behind as the page's child
            self.job = None
        if reopen:
            try:
                self.ctx.db = open_database(self.ctx.db.path)
            except DatabaseError as exc:  # the restore said why already; this is the worst case
                error = error or exc
        self._set_busy(False, False)
        if error is None:
            on_done(result)
        else:
            self.status.setText(str(error))
            QMessageBox.warning(self, _("Backup"), str(error))
        self.refresh_last_backup()

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        names = {"snapshot": _("Copying the database…"), "write": _("Writing…"), "verify": _("Checking…")}
        self.progress.setFormat(names.get(stage, "") + " %p%")
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(min(done, total))

    def _set_busy(self, busy: bool, cancellable: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.cancel_button.setVisible(busy and cancellable)
        for widget in (self.backup_button, self.restore_button, self.targets):
            widget.setEnabled(not busy)
        if not busy:
            self.restore_button.setEnabled(self.info is not None and not self.info.too_new)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel_requested = True

    def _on_data_changed(self, entity: str) -> None:
        if entity in ("backup", "settings"):
            self.refresh_last_backup()


def describe(info: BackupInfo) -> str:
    """What an archive holds, for the clerk: date, office, version, counts."""
    m = info.manifest
    lines = [
        _("Backup of {when}").format(when=format_datetime(m.created_at.astimezone())),
        _("Office: {name}").format(name=m.office_name or "-"),
        _("Program version: {version}, schema {schema}").format(version=m.program_version, schema=m.schema_version),
        _("Encrypted: {answer}").format(answer=_("yes") if info.encrypted else _("no")),
        _("Members: {members}, groups: {groups}, attachments: {attachments}").format(
            members=format_number(m.counts.get("members", 0)),
            groups=format_number(m.counts.get("groups", 0)),
            attachments=format_number(m.attachment_count),
        ),
    ]
    if info.too_new:
        lines.append(_("This backup was made by a newer version of the program. Please update the program first."))
    return "\n".join(lines)


def create_page(ctx: AppContext) -> QWidget:
    return BackupPage(ctx)
