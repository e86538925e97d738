"""A server office's snapshot (what its backup holds) is one consistent moment, even while another
PC keeps saving: taken in one REPEATABLE READ transaction and proved against that same moment."""

from __future__ import annotations

import datetime as dt
import sqlite3

import psycopg

from unionoffice.services.members import MemberData, add_member
from unionoffice.services.office_move import snapshot_server


def _add(db, name: str) -> None:
    with db.session() as session:
        add_member(session, MemberData(name=name, join_date=dt.date(2020, 1, 1)))


def test_what_another_pc_saves_during_the_snapshot_is_not_half_in_it(server_db, tmp_path):
    for n in range(3):
        _add(server_db, f"会员{n}")
    written = []

    def another_pc_saves(table: str, _rows: int) -> None:
        if table == "groups" and not written:  # members, their events and the audit are still to come
            with psycopg.connect(server_db.url) as conn:
                conn.execute("INSERT INTO members (name, ethnicity, id_type, skill_level, post, phone, hukou_place, "
                             "native_place, migrant_worker, card_no, notes, pinyin_initials, pinyin_full, name_sort_key, "
                             "status, created_at, updated_at) VALUES ('后来的人', '', 'resident_id', '', '', '', '', '', "
                             "false, '', '', 'hldr', 'houlaideren', 'houlaideren', 'active', now(), now())")
            written.append(True)

    snapshot = tmp_path / "snapshot.sqlite3"
    proofs = snapshot_server(server_db, snapshot, another_pc_saves)
    assert written
    with sqlite3.connect(snapshot) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM members ORDER BY id")]
    assert names == ["会员0", "会员1", "会员2"]
    assert next(p for p in proofs if p.name == "members").rows == 3
    with psycopg.connect(server_db.url) as conn:
        assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == 4  # saved on the server all the same
