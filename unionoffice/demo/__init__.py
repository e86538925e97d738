"""A realistic, clearly fictional demo office, generated from a seed.

Each register contributes a module here with ``ORDER`` (an int: lower runs first) and
``populate(session, ctx)``; they are discovered, so a new register adds its records without
editing a shared list. The same seed and end date always give the same office.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import random
from dataclasses import dataclass, field
from enum import Enum
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unionoffice.i18n import _
from unionoffice.store.database import Database
from unionoffice.store.models import Member


class DemoSize(str, Enum):
    SMALL = "small"
    LARGE = "large"


@dataclass(frozen=True)
class DemoSpec:
    members: int
    groups: int
    years: int


SPECS = {
    DemoSize.SMALL: DemoSpec(members=300, groups=8, years=1),
    DemoSize.LARGE: DemoSpec(members=20_000, groups=40, years=5),
}


@dataclass
class DemoContext:
    """What the parts share: the random source, the period, and what earlier parts made."""

    rng: random.Random
    spec: DemoSpec
    start: dt.date
    end: dt.date
    group_ids: list[int] = field(default_factory=list)
    # (id, sex, group_id) of every member, on the roll or not, for later parts to pick from.
    members: list[tuple[int, str, int | None]] = field(default_factory=list)

    def random_date(self, start: dt.date | None = None, end: dt.date | None = None) -> dt.date:
        start = start or self.start
        end = end or self.end
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))


class DemoError(Exception):
    pass


def _parts() -> list[tuple[int, str, Callable[[Session, DemoContext], None]]]:
    parts = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "populate"):
            parts.append((module.ORDER, info.name, module.populate))
    return sorted(parts)


def generate(
    db: Database,
    size: DemoSize = DemoSize.SMALL,
    seed: int = 2026,
    until: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoContext:
    """Fill an empty database with the demo office (refuses a database that has members)."""
    from unionoffice.store.transfer import continue_sequences

    spec = SPECS[DemoSize(size)]
    end = until or dt.date.today()
    start = dt.date(end.year - spec.years + 1, 1, 1) if spec.years > 1 else end - dt.timedelta(days=364)
    ctx = DemoContext(rng=random.Random(seed), spec=spec, start=start, end=end)
    with db.session() as session:
        if session.scalar(select(func.count(Member.id))):
            raise DemoError(_("The database already holds members; the demo office needs an empty database."))
        for _order, name, populate in _parts():
            if progress:
                progress(name)
            populate(session, ctx)
            continue_sequences(session.connection())  # the demo writes its own ids: a server's serials follow
    return ctx
