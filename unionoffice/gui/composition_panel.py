"""The composition panel: counts by sex, age band, education, political status and group for the filter."""

from __future__ import annotations

import itertools
import logging
from html import escape

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from unionoffice.domain.choices import Education, PoliticalStatus, Sex
from unionoffice.i18n import _, format_date, format_number, format_percent
from unionoffice.services.member_query import MemberFilter
from unionoffice.services.panel_counts import panel_composition
from unionoffice.services.roster_stats import UNKNOWN, Composition, age_band_label
from unionoffice.store.database import Database

log = logging.getLogger(__name__)


def _label(enum: type, code: str) -> str:
    return _("Not recorded") if code == UNKNOWN else enum(code).label()


def _in_order(enum: type, counts: dict[str, int]) -> list[tuple[str, int]]:
    order = [m.value for m in enum]
    return sorted(counts.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))


def _political_rows(comp: Composition) -> list[tuple[str, int]]:
    """Each political status, in GB/T 4762 order; the parties also as one 民主党派 line."""
    rows = [(_label(PoliticalStatus, c), n) for c, n in _in_order(PoliticalStatus, comp.by_political_status)]
    if comp.democratic_party_members:
        rows.append((_("Democratic parties together"), comp.democratic_party_members))
    return rows


def composition_html(comp: Composition) -> str:
    """The panel's text: plain HTML tables (the panel is a QTextBrowser)."""
    def share(n: int) -> str:
        return format_percent(n / comp.total) if comp.total else "—"

    def table(title: str, rows: list[tuple[str, int]]) -> str:
        body = "".join(
            f"<tr><td>{escape(label)}</td><td align='right'>{format_number(n)}</td>"
            f"<td align='right' style='color:#666'>{share(n)}</td></tr>"
            for label, n in rows
        )
        return f"<h4 style='margin:8px 0 2px 0'>{escape(title)}</h4><table width='100%' cellspacing='2'>{body}</table>"

    heading = _("Composition on {date}").format(date=format_date(comp.on))
    parts = [
        f"<p><b>{escape(heading)}</b></p>",
        table(_("Overview"), [
            (_("Members"), comp.total), (_("Women"), comp.women),
            (_("Migrant workers"), comp.migrant_workers), (_("Party members"), comp.party_members),
            (_("35 and under"), comp.youth),
        ]),
        table(_("Sex"), [(_label(Sex, c), n) for c, n in comp.by_sex.items()]),
        table(_("Age"), [(age_band_label(c), n) for c, n in comp.by_age_band.items()]),
        table(_("Education"), [(_label(Education, c), n) for c, n in _in_order(Education, comp.by_education)]),
        table(_("Political status"), _political_rows(comp)),
        table(_("Group / department"), [(name or _("No group"), n) for name, n in comp.by_group.items()]),
    ]
    return "".join(parts)


class _Done(QObject):
    finished = Signal(int, int, object)  # panel, generation, Composition


_RELAY: _Done | None = None
_PANELS = itertools.count(1)


def _relay() -> _Done:
    """The one object every panel's jobs report through, made on the UI thread and never deleted.
    A job may end after its panel closed: had it emitted through an object the panel owned, the UI
    thread could be deleting that object while the job's thread used it (a crash, seen while a
    window closed under a running count). Each panel takes only the results it asked for."""
    global _RELAY
    if _RELAY is None:
        _RELAY = _Done()
    return _RELAY


class _CompositionJob(QRunnable):
    """Counts off the UI thread: at 200,000 members the grouped query takes a noticeable moment."""

    def __init__(self, db: Database, member_filter: MemberFilter, panel: int, generation: int) -> None:
        super().__init__()
        self.db, self.member_filter, self.panel, self.generation = db, member_filter, panel, generation
        self.done = _relay()

    def run(self) -> None:
        try:
            with self.db.session() as session:
                result = panel_composition(session, self.member_filter)
        except Exception:  # the database closed under us (window closing): nothing to show
            log.exception("composition failed")
            return
        # Queued to the UI thread; a panel closed meanwhile is no longer connected to it.
        self.done.finished.emit(self.panel, self.generation, result)


class CompositionPanel(QTextBrowser):
    computed = Signal(object)  # the Composition now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composition")
        self.setMinimumWidth(240)
        self.setMaximumWidth(320)
        self.generation = 0
        self.current: Composition | None = None
        self._panel = next(_PANELS)
        _relay().finished.connect(self._finished)

    def compute(self, db: Database, member_filter: MemberFilter) -> None:
        """Count in the background; only the newest request's result is shown."""
        self.generation += 1
        QThreadPool.globalInstance().start(_CompositionJob(db, member_filter, self._panel, self.generation))

    def _finished(self, panel: int, generation: int, result: Composition) -> None:
        if panel == self._panel and generation == self.generation:
            self.show_composition(result)

    def show_composition(self, comp: Composition) -> None:
        self.current = comp
        self.setHtml(composition_html(comp))
        self.computed.emit(comp)
