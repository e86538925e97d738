"""Rights case figures (维权) for the work summary, from services.relief_stats."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unionoffice.domain.relief import CaseChannel, CaseKind
from unionoffice.i18n import N_, _
from unionoffice.reports.figures import Money, Names, Period, Share
from unionoffice.services.relief_stats import rights_statistics

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

NAMESPACE = "rights"
FIGURES = {
    "cases": N_("cases received in the period"),
    "by_kind": N_("cases received by kind (by the kind's name, e.g. 工资报酬)"),
    "by_channel": N_("cases received by channel (来信, 来电, 来访, 网络)"),
    "closed": N_("cases closed in the period"),
    "resolved": N_("cases closed as mediated successfully"),
    "resolved_share": N_("share of closed cases resolved"),
    "recovered": N_("money recovered for workers (元 or 万元 by size)"),
    "kinds": N_("the cases by kind with their number, most frequent first (工资报酬类3起)"),
    "open": N_("cases still being handled at the period's end"),
    "open_earlier": N_("of the cases still being handled, those received before the period"),
}


def provide(session: Session, period: Period) -> dict[str, Any]:
    s = rights_statistics(session, period.start, period.end)
    return {
        "cases": s.received,
        "by_kind": {CaseKind(code).label(): n for code, n in s.received_by_kind.items()},
        "by_channel": {CaseChannel(code).label(): n for code, n in s.received_by_channel.items()},
        "closed": s.closed,
        "resolved": s.resolved,
        "resolved_share": Share(s.resolved, s.closed),
        "recovered": Money(s.money_recovered_fen),
        "kinds": Names(tuple(
            _("{kind}: {count} cases").format(kind=CaseKind(code).label(), count=n)
            for code, n in sorted(s.received_by_kind.items(), key=lambda item: (-item[1], list(CaseKind).index(CaseKind(item[0]))))
            if n)),
        "open": s.open_at_end,
        "open_earlier": s.open_from_earlier,
    }
