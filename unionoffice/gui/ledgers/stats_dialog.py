"""统计…: the period's figures of one ledger, as the work summary will quote them."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from unionoffice.domain.ledgers import AwardLevel, Ledger, format_tenths
from unionoffice.domain.money import format_yuan
from unionoffice.gui.context import AppContext
from unionoffice.i18n import _, format_date, format_percent
from unionoffice.services.activity_stats import activity_stats
from unionoffice.services.ledger_kinds import kind_labels
from unionoffice.services.training_stats import training_stats

EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(9999, 12, 31)


def _table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td>{html.escape(k)}</td><td align='right'>&nbsp;&nbsp;{html.escape(v)}</td></tr>" for k, v in rows)
    return f"<table cellspacing='2'>{cells}</table>"


def _breakdown(title: str, counts: dict[str, int], labels: dict[str, str]) -> str:
    if not counts:
        return ""
    # In the list's own order (kinds by position, levels from national down), unknown codes last.
    ordered = [(labels[code], str(counts[code])) for code in labels if code in counts]
    ordered += [(code, str(n)) for code, n in counts.items() if code not in labels]
    return f"<h4>{html.escape(title)}</h4>" + _table(ordered)


def activity_report(ctx: AppContext, start: dt.date | None, end: dt.date | None) -> str:
    with ctx.db.session() as session:
        stats = activity_stats(session, start or EARLIEST, end or LATEST)
        labels = kind_labels(session, Ledger.ACTIVITY)
    levels = {level.value: level.label() for level in AwardLevel}
    body = _table([
        (_("Activities"), str(stats.activities)),
        (_("held by our union / the higher union's"), f"{stats.own_organised} / {stats.higher_organised}"),
        (_("Attendances (members and outsiders)"), str(stats.person_times)),
        (_("of which members / outsiders"), f"{stats.member_person_times} / {stats.outsider_person_times}"),
        (_("Attendances of women"), f"{stats.women_person_times} ({format_percent(stats.women_share)})"),
        (_("Members who took part"), str(stats.participants)),
        (_("Awards (individual / collective)"), f"{stats.awards} ({stats.individual_awards} / {stats.collective_awards})"),
        (_("Cost (yuan)"), format_yuan(stats.cost_fen)),
    ])
    return body + _breakdown(_("By kind"), stats.by_kind, labels) + _breakdown(_("Awards by level"), stats.awards_by_level, levels)


def training_report(ctx: AppContext, start: dt.date | None, end: dt.date | None) -> str:
    with ctx.db.session() as session:
        stats = training_stats(session, start or EARLIEST, end or LATEST)
        labels = kind_labels(session, Ledger.TRAINING)
    body = _table([
        (_("Sessions"), str(stats.sessions)),
        (_("Attendances"), str(stats.person_times)),
        (_("Attendances of women"), f"{stats.women_person_times} ({format_percent(stats.women_share)})"),
        (_("Members trained"), str(stats.participants)),
        (_("Hours"), format_tenths(stats.hours_tenths)),
        (_("Examined / passed"), f"{stats.examined} / {stats.passed}"),
        (_("Pass rate"), format_percent(stats.pass_rate, 1) if stats.examined else "—"),
        (_("Certificates"), str(stats.certificates)),
    ])
    return body + _breakdown(_("By kind"), stats.by_kind, labels)


class StatsDialog(QDialog):
    def __init__(self, ctx: AppContext, training: bool, start: dt.date | None, end: dt.date | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Training figures") if training else _("Activity figures"))
        self.resize(460, 520)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("figures")
        if start and end:
            period = _("{start} to {end}").format(start=format_date(start), end=format_date(end))
        else:
            period = _("All years")
        report = training_report(ctx, start, end) if training else activity_report(ctx, start, end)
        self.text.setHtml(f"<h3>{html.escape(period)}</h3>" + report)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
