"""The members' figures of a period for the work summary, in raw SQL without SQLAlchemy
(store/raw_sql.py): the composition of the roll at a date, the period's joining and leaving events.

``members_stats(session, start, end)`` gives what a work summary's 基本情况 quotes, e.g.
“现有会员1,250人，其中女职工560人（占45%），农民工会员210人；本期新入会85人，转出12人”.
services/roster_stats.py re-exports these and counts any filtered roster (the roster page's panel).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from unionoffice.domain.choices import DEMOCRATIC_PARTIES, MembershipEventKind, MembershipStatus, PoliticalStatus, Sex
from unionoffice.i18n import N_, _
from unionoffice.services.roll_counts import on_roll_rows, roll_counts, with_status
from unionoffice.services.roll_sql import ON_ROLL_CODES, maybe_not_active_sql, status_sql
from unionoffice.store.raw_sql import raw_rows, raw_value

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Age bands as union statistics use them (青年职工 are 35 and under).
AGE_BANDS: tuple[tuple[str, str, int | None, int | None], ...] = (
    ("35_and_under", N_("35 and under"), None, 35),
    ("36_45", N_("36 to 45"), 36, 45),
    ("46_55", N_("46 to 55"), 46, 55),
    ("56_and_over", N_("56 and over"), 56, None),
)
UNKNOWN = "unknown"  # breakdown key for a blank value (no birth date, no education recorded …)
JOINING_EVENTS = (MembershipEventKind.JOIN, MembershipEventKind.TRANSFER_IN)
LEAVING_EVENTS = (
    MembershipEventKind.TRANSFER_OUT,
    MembershipEventKind.EXPEL,
    MembershipEventKind.WITHDRAW,
    MembershipEventKind.DECEASED,
)
PARTY = (PoliticalStatus.CPC_MEMBER.value, PoliticalStatus.CPC_PROBATIONARY.value)
# The eight democratic parties and the older generic 民主党派, counted together as 民主党派.
DEMOCRATIC = tuple(sorted(p.value for p in DEMOCRATIC_PARTIES))


def age_band_label(code: str) -> str:
    for band_code, label, _low, _high in AGE_BANDS:
        if band_code == code:
            return _(label)
    return _("Unknown")


@dataclass(frozen=True)
class Composition:
    """Counts over a set of members (all ints; breakdown keys are stored codes).

    total: members in the set; women, men, migrant_workers, party_members (中共党员 and 预备党员),
    democratic_party_members (the eight parties together, plus the older generic 民主党派),
    youth (35 and under on ``on``).
    by_sex, by_education, by_political_status: code → count ("unknown" for blank; each party apart);
    by_age_band: AGE_BANDS code → count, age on ``on``; by_group: group name → count ("" = none),
    in the groups' list order.
    """

    on: dt.date
    total: int = 0
    women: int = 0
    men: int = 0
    migrant_workers: int = 0
    party_members: int = 0
    youth: int = 0
    democratic_party_members: int = 0
    by_sex: dict[str, int] = field(default_factory=dict)
    by_age_band: dict[str, int] = field(default_factory=dict)
    by_education: dict[str, int] = field(default_factory=dict)
    by_political_status: dict[str, int] = field(default_factory=dict)
    by_group: dict[str, int] = field(default_factory=dict)

    @property
    def women_share(self) -> float:
        return self.women / self.total if self.total else 0.0

    @property
    def migrant_share(self) -> float:
        return self.migrant_workers / self.total if self.total else 0.0


@dataclass(frozen=True)
class MemberStats:
    """The members' figures for a period [start, end] (inclusive).

    composition: members on the roll (在册: active or retained) at ``end``, with its breakdowns;
    total, women, migrant_workers, party_members, youth: the same, repeated for convenience;
    women_share, migrant_share: fractions of total (0.0 when there are none);
    joined: members with a 入会 or 转入 event in the period (new_joins = 入会 only, transferred_in = 转入);
    left: members with a 转出/除名/退会/去世 event in the period; left_by_kind: event code → members;
    retained: members whose membership is 保留 at ``end``;
    groups_with_members: groups that have at least one member on the roll at ``end``;
    joined_by_group: group name → members joined in the period.
    """

    start: dt.date
    end: dt.date
    composition: Composition
    total: int
    women: int
    migrant_workers: int
    party_members: int
    youth: int
    women_share: float
    migrant_share: float
    joined: int
    new_joins: int
    transferred_in: int
    left: int
    left_by_kind: dict[str, int]
    retained: int
    groups_with_members: int
    joined_by_group: dict[str, int]


def _bands(cumulative: Sequence[int], total: int) -> dict[str, int]:
    """AGE_BANDS code → count from the cumulative counts of _band_sums (blank birth dates: unknown)."""
    *younger, known = cumulative
    edges = [0, *younger, known]
    counts = {code: edges[i + 1] - edges[i] for i, (code, *_rest) in enumerate(AGE_BANDS)}
    counts[UNKNOWN] = total - known
    return {code: n for code, n in counts.items() if n}


def composition_of_rows(session: Session, on: dt.date, rows: Sequence[Sequence]) -> Composition:
    """The Composition from rows of (sex, education, political status, migrant, group id, count,
    cumulative band counts …), as the roster's count and the summary's roll both group them."""
    sexes, educations, politics, groups = Counter(), Counter(), Counter(), Counter()
    total = migrants = 0
    band_totals = [0] * (len(AGE_BANDS))
    for sex, education, political, migrant, group_id, count, *cumulative in rows:
        total += count
        sexes[sex or UNKNOWN] += count
        educations[education or UNKNOWN] += count
        politics[political or UNKNOWN] += count
        groups[group_id] += count
        migrants += count if migrant else 0
        band_totals = [a + int(b) for a, b in zip(band_totals, cumulative)]  # a server's sum: a Decimal
    return composition_of(session, on, total, dict(sexes), dict(educations), dict(politics), groups, migrants,
                          band_totals)


def roll_composition(session: Session, on: dt.date) -> tuple[Composition, int]:
    """``composition(session, MemberFilter(status=ON_ROLL, as_of=on))`` and the members retained
    (保留) on ``on``, in raw SQL (store/raw_sql.py): the summary counts them once, and building
    and compiling the ORM statements cost more than these queries."""
    rows = roll_counts(session, on)  # (by status too, for the retained: shared with the participation)
    return composition_of_rows(session, on, on_roll_rows(rows)), with_status(rows, MembershipStatus.RETAINED.value)


def on_roll_count(session: Session, on: dt.date) -> int:
    """``count_members(session, MemberFilter(status=ON_ROLL, as_of=on))`` in raw SQL."""
    # Everyone less those off the roll: only the few who may not be active (roll_sql.py) have
    # their last event looked up (CASE … AND … stops at the first false).
    status, status_params = status_sql(session, on)
    maybe, maybe_params = maybe_not_active_sql(session, on)
    everyone, off = raw_rows(session,
        f"SELECT count(*), coalesce(sum(CASE WHEN {maybe} AND {status} NOT IN ({ON_ROLL_CODES}) THEN 1 ELSE 0 END), 0) "
        "FROM members m WHERE m.deleted_at IS NULL", (*maybe_params, *status_params))[0]
    return int(everyone) - int(off)


def composition_of(session: Session, on: dt.date, total: int, sexes: dict[str, int], educations: dict[str, int],
                   politics: dict[str, int], groups: dict[int | None, int], migrants: int,
                   band_totals: list[int]) -> Composition:
    """The Composition from counts by value (``groups`` by group id, None: no group) and the
    cumulative counts of the age bands: groups named in the office's order, the bands split."""
    group_rows = raw_rows(session, "SELECT id, name FROM groups ORDER BY position, id")
    by_group = {name: groups[gid] for gid, name in group_rows if groups.get(gid)}
    if groups.get(None):
        by_group[""] = groups[None]
    by_band = _bands(band_totals, total)
    return Composition(
        on=on,
        total=total,
        women=sexes.get(Sex.FEMALE.value, 0),
        men=sexes.get(Sex.MALE.value, 0),
        migrant_workers=migrants,
        party_members=sum(politics.get(p, 0) for p in PARTY),
        youth=by_band.get(AGE_BANDS[0][0], 0),
        democratic_party_members=sum(politics.get(p, 0) for p in DEMOCRATIC),
        by_sex=sexes,
        by_age_band=by_band,
        by_education=educations,
        by_political_status=politics,
        by_group=by_group,
    )


# Up to this many matches the search indexes find them quickest; beyond, one scan of the table
# beats looking each match up through an index (a broad "1" at 200,000 members: 0.3 s by index).
@dataclass(frozen=True)
class _PeriodEvents:
    """Distinct members (not in the recycle bin) with a joining or leaving event in a period."""

    by_kind: dict[str, set[int]]  # event code → members with such an event
    group_of: dict[int, int | None]  # member → their group now

    def members(self, kinds: Sequence[MembershipEventKind]) -> set[int]:
        return set().union(*(self.by_kind.get(k.value, set()) for k in kinds))


def _period_events(session: Session, start: dt.date, end: dt.date) -> _PeriodEvents:
    """The period's joining and leaving events in one query (a few thousand rows at most a year),
    counted apart in Python: six COUNT(DISTINCT) queries each sorted the same events again."""
    kinds = ", ".join("'" + k.value + "'" for k in (*JOINING_EVENTS, *LEAVING_EVENTS))
    rows = raw_rows(session,
        "SELECT e.kind, e.member_id, m.group_id FROM membership_events e JOIN members m ON m.id = e.member_id "
        f"WHERE m.deleted_at IS NULL AND e.kind IN ({kinds}) AND e.date >= ? AND e.date <= ?", (start, end))
    by_kind: dict[str, set[int]] = {}
    group_of: dict[int, int | None] = {}
    for kind, member_id, group_id in rows:
        by_kind.setdefault(kind, set()).add(member_id)
        group_of[member_id] = group_id
    return _PeriodEvents(by_kind, group_of)


def members_stats(session: Session, start: dt.date, end: dt.date) -> MemberStats:
    """The members' figures for the period from ``start`` to ``end`` (both included)."""
    comp, retained = roll_composition(session, end)
    events = _period_events(session, start, end)
    joined = events.members(JOINING_EVENTS)
    left = events.members(LEAVING_EVENTS)
    joined_by_group_id = Counter(events.group_of[m] for m in joined)
    names = dict(raw_rows(session, "SELECT id, name FROM groups")) if joined else {}
    return MemberStats(
        start=start,
        end=end,
        composition=comp,
        total=comp.total,
        women=comp.women,
        migrant_workers=comp.migrant_workers,
        party_members=comp.party_members,
        youth=comp.youth,
        women_share=comp.women_share,
        migrant_share=comp.migrant_share,
        joined=len(joined),
        new_joins=len(events.members((MembershipEventKind.JOIN,))),
        transferred_in=len(events.members((MembershipEventKind.TRANSFER_IN,))),
        left=len(left),
        left_by_kind={kind.value: len(events.by_kind[kind.value]) for kind in LEAVING_EVENTS
                      if kind.value in events.by_kind},
        retained=retained,
        groups_with_members=len([n for n in comp.by_group if n]),
        joined_by_group={names.get(gid, ""): n for gid, n in joined_by_group_id.items()},
    )

