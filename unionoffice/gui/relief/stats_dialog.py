"""年度统计: the figures of visits, hardship files and rights cases for a year or a half-year."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from unionoffice.domain.money import format_wan, format_yuan
from unionoffice.domain.relief import CaseKind, FundingSource, HardshipCategory, HardshipCause
from unionoffice.gui.context import AppContext
from unionoffice.i18n import _, format_date, format_percent
from unionoffice.services.relief_stats import ReliefStatistics, relief_statistics


def periods(today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """This year, its halves, and the five years before."""
    year = today.year
    items = [(_("{year} (whole year)").format(year=year), dt.date(year, 1, 1), dt.date(year, 12, 31)),
             (_("{year}, first half").format(year=year), dt.date(year, 1, 1), dt.date(year, 6, 30)),
             (_("{year}, second half").format(year=year), dt.date(year, 7, 1), dt.date(year, 12, 31))]
    for previous in range(year - 1, year - 6, -1):
        items.append((_("{year} (whole year)").format(year=previous), dt.date(previous, 1, 1), dt.date(previous, 12, 31)))
    return items


def _money(fen: int) -> str:
    return _("{yuan} yuan ({wan} ten-thousand yuan)").format(yuan=format_yuan(fen), wan=format_wan(fen))


def _rows(title: str, items: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td>{html.escape(k)}</td><td align='right'>{html.escape(v)}</td></tr>" for k, v in items)
    return f"<h3>{html.escape(title)}</h3><table cellspacing='0' cellpadding='4' border='1'>{body}</table>"


def statistics_html(s: ReliefStatistics) -> str:
    v, f, c = s.visits, s.files, s.cases
    visits = [
        (_("Households visited"), str(v.households)), (_("People who received relief"), str(v.persons)),
        (_("of whom women members"), f"{v.women}（{format_percent(v.women_share)}）"),
        (_("of whom hardship file holders"), str(v.file_holders)),
        (_("Cash paid out"), _money(v.cash_fen)), (_("Value of goods"), _money(v.goods_value_fen)),
    ]
    visits += [(_("Occasion: {name}").format(name=v.occasion_names.get(code, code)),
                _("{households} households, {amount} yuan").format(households=v.households_by_occasion[code],
                                                                    amount=format_yuan(cash)))
               for code, cash in sorted(v.cash_by_occasion.items(), key=lambda item: -item[1])]
    visits += [(_("Funding: {name}").format(name=FundingSource(code).label()), _("{amount} yuan").format(amount=format_yuan(cash)))
               for code, cash in v.cash_by_funding.items()]
    files = [
        (_("On file at the end"), str(f.open_at_end)), (_("Opened in the period"), str(f.opened)),
        (_("Closed in the period"), _("{count} (out of hardship {out}, struck off {off})").format(
            count=f.closed, out=f.out_of_hardship, off=f.cancelled)),
        (_("Helped in the period"), str(f.helped)),
        (_("Reviewed in the period"), str(f.reviewed)), (_("Overdue for review at the end"), str(f.overdue_at_end)),
    ]
    files += [(_("Category: {name}").format(name=HardshipCategory(code).label()), str(n))
              for code, n in sorted(f.open_by_category.items())]
    files += [(_("Main cause: {name}").format(name=HardshipCause(code).label()), str(n))
              for code, n in sorted(f.open_by_cause.items(), key=lambda item: int(item[0]))]
    cases = [(_("Cases received"), str(c.received))]
    cases += [(_("Kind: {name}").format(name=CaseKind(code).label()), str(n)) for code, n in c.received_by_kind.items()]
    cases += [
        (_("Closed in the period"), str(c.closed)),
        (_("Mediated successfully"), f"{c.resolved}（{format_percent(c.resolved_share)}）"),
        (_("Money recovered on the cases closed in the period"), _money(c.money_recovered_fen)), (_("Still being handled"), str(c.open_at_end)),
    ]
    heading = _("{start} to {end}").format(start=format_date(s.start), end=format_date(s.end))
    return (f"<p><b>{html.escape(heading)}</b></p>" + _rows(_("Relief visits"), visits)
            + _rows(_("Hardship files"), files) + _rows(_("Rights cases"), cases))


class StatisticsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Figures of relief and rights work"))
        self.period = QComboBox()
        self.period.setObjectName("period")
        for label, start, end in periods(today or dt.date.today()):
            self.period.addItem(label, (start, end))
        self.view = QTextBrowser()
        self.view.setObjectName("figures")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Period")))
        row.addWidget(self.period, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()
        self.resize(560, 720)

    def refresh(self) -> None:
        start, end = self.period.currentData()
        with self.ctx.db.session() as session:
            self.view.setHtml(statistics_html(relief_statistics(session, start, end)))
