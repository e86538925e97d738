"""Members counted per composition cell, kept exact by database triggers (migration 0014).

The side panel of the members page shows the composition of the roll (sex, education, political
status, migrant workers, groups, age bands). For the whole roll those figures are read from these
two small tables instead of counting 200,000 members: ``member_tally`` holds one row per
(status, sex, education, political status, migrant worker, group) with the number of members in
it, ``member_birth_tally`` one row per (status, birth date). Members in the recycle bin are not
counted; blank values are stored as '' (group 0: none), a member without a birth date is not in
``member_birth_tally``; a row whose count falls to 0 is deleted, so each table equals a recount.

Triggers on ``members`` (INSERT, DELETE, UPDATE of a counted column) keep them so, whoever writes:
the window, an import's executemany, another PC on a server office, a group's deletion (its
members' group set to NULL). A migration that rebuilds the members table on SQLite (Alembic batch
mode) drops its triggers and must create them again (tests/test_member_tally.py checks they exist).
A bulk writer (the roster import, an office's copy) pauses them and recounts once (store/tally.py):
a trigger per row costs more than the row's own insert.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from unionoffice.store.base import Base

# Copying an office (store/transfer.py) leaves these to the target's triggers.
DERIVED = {"derived": True}


class MemberTally(Base):
    __tablename__ = "member_tally"
    __table_args__ = {"info": DERIVED}

    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    sex: Mapped[str] = mapped_column(String(10), primary_key=True)
    education: Mapped[str] = mapped_column(String(30), primary_key=True)
    political_status: Mapped[str] = mapped_column(String(30), primary_key=True)
    migrant_worker: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    group_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    members: Mapped[int] = mapped_column(Integer)


class MemberBirthTally(Base):
    __tablename__ = "member_birth_tally"
    __table_args__ = {"info": DERIVED}

    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    birth_date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    members: Mapped[int] = mapped_column(Integer)


class MemberTallyPause(Base):
    """A row here, inside a bulk writer's transaction, pauses the triggers (store/tally.py)."""

    __tablename__ = "member_tally_pause"
    __table_args__ = {"info": DERIVED}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
