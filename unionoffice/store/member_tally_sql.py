"""The triggers that keep ``member_tally`` and ``member_birth_tally`` exact (store/models/member_tally.py).

Written once here for migration 0014 and for the schema guard, which accepts in a file exactly these
triggers with exactly this text (store/schema_guard.py). A later revision that changes them copies
this module's text of that time into 0014 first, so that 0014 keeps creating what it created.
"""

from __future__ import annotations

# A cell's key as stored: blanks as '' (group 0: none), so that the key can be a primary key.
CELL = ("status", "sex", "education", "political_status", "migrant_worker", "group_id")
_BLANK = {"sqlite": "0", "postgresql": "false"}  # a blank migrant_worker


def cell_values(dialect: str, row: str) -> list[str]:
    """The six expressions of ``row``'s cell key (``row``: NEW, OLD or a table name)."""
    return [f"{row}.status", f"coalesce({row}.sex, '')", f"coalesce({row}.education, '')",
            f"coalesce({row}.political_status, '')", f"coalesce({row}.migrant_worker, {_BLANK[dialect]})",
            f"coalesce({row}.group_id, 0)"]


# A bulk writer pauses the triggers inside its own transaction (a row in member_tally_pause, which
# no other transaction sees) and recounts once at the end (store/tally.py).
RUNNING = "NOT EXISTS (SELECT 1 FROM member_tally_pause)"

# A member's row changes its cells only when one of these changes.
COUNTED = ("status", "sex", "education", "political_status", "migrant_worker", "group_id", "birth_date", "deleted_at")


def _cell_match(values: list[str]) -> str:
    return " AND ".join(f"{column} = {value}" for column, value in zip(CELL, values))


def sqlite_triggers() -> list[str]:
    new, old = cell_values("sqlite", "NEW"), cell_values("sqlite", "OLD")
    cells = ", ".join(CELL)

    def add(values: list[str], row: str, when: str) -> list[str]:
        return [
            f"INSERT INTO member_tally ({cells}, members) SELECT {', '.join(values)}, 1 WHERE {when} "
            f"ON CONFLICT ({cells}) DO UPDATE SET members = members + 1;",
            f"INSERT INTO member_birth_tally (status, birth_date, members) SELECT {row}.status, {row}.birth_date, 1 "
            f"WHERE {when} AND {row}.birth_date IS NOT NULL "
            "ON CONFLICT (status, birth_date) DO UPDATE SET members = members + 1;",
        ]

    def remove(values: list[str], row: str, when: str) -> list[str]:
        birth = f"status = {row}.status AND birth_date = {row}.birth_date"
        return [
            f"UPDATE member_tally SET members = members - 1 WHERE {when} AND {_cell_match(values)};",
            f"DELETE FROM member_tally WHERE members <= 0 AND {_cell_match(values)};",
            f"UPDATE member_birth_tally SET members = members - 1 WHERE {when} AND {birth};",
            f"DELETE FROM member_birth_tally WHERE members <= 0 AND {birth};",
        ]

    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in COUNTED)
    return [
        f"CREATE TRIGGER member_tally_insert AFTER INSERT ON members WHEN NEW.deleted_at IS NULL AND {RUNNING} BEGIN "
        + " ".join(add(new, "NEW", "1")) + " END",
        f"CREATE TRIGGER member_tally_delete AFTER DELETE ON members WHEN OLD.deleted_at IS NULL AND {RUNNING} BEGIN "
        + " ".join(remove(old, "OLD", "1")) + " END",
        f"CREATE TRIGGER member_tally_update AFTER UPDATE OF {', '.join(COUNTED)} ON members "
        f"WHEN ({changed}) AND {RUNNING} BEGIN "
        + " ".join([*remove(old, "OLD", "OLD.deleted_at IS NULL"), *add(new, "NEW", "NEW.deleted_at IS NULL")])
        + " END",
    ]


def postgresql_statements() -> list[str]:
    cells = ", ".join(CELL)
    key = ("p_status, coalesce(p_sex, ''), coalesce(p_education, ''), coalesce(p_political, ''), "
           "coalesce(p_migrant, false), coalesce(p_group, 0)")
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in COUNTED)

    def call(row: str, delta: int) -> str:
        return (f"PERFORM member_tally_add({row}.status, {row}.sex, {row}.education, {row}.political_status, "
                f"{row}.migrant_worker, {row}.group_id, {row}.birth_date, {delta});")

    return [
        f"""CREATE FUNCTION member_tally_add(p_status varchar, p_sex varchar, p_education varchar,
                p_political varchar, p_migrant boolean, p_group integer, p_birth date, p_delta integer)
            RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO member_tally AS t ({cells}, members) VALUES ({key}, p_delta)
                    ON CONFLICT ({cells}) DO UPDATE SET members = t.members + EXCLUDED.members;
                IF p_delta < 0 THEN
                    DELETE FROM member_tally WHERE members <= 0 AND ({cells}) = ({key});
                END IF;
                IF p_birth IS NOT NULL THEN
                    INSERT INTO member_birth_tally AS b (status, birth_date, members) VALUES (p_status, p_birth, p_delta)
                        ON CONFLICT (status, birth_date) DO UPDATE SET members = b.members + EXCLUDED.members;
                    IF p_delta < 0 THEN
                        DELETE FROM member_birth_tally WHERE members <= 0 AND status = p_status AND birth_date = p_birth;
                    END IF;
                END IF;
            END $$""",
        f"""CREATE FUNCTION member_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NOT {RUNNING} THEN
                    RETURN NULL;
                END IF;
                IF TG_OP = 'UPDATE' THEN
                    IF NOT ({changed}) THEN
                        RETURN NULL;
                    END IF;
                END IF;
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    IF OLD.deleted_at IS NULL THEN
                        {call("OLD", -1)}
                    END IF;
                END IF;
                IF TG_OP IN ('UPDATE', 'INSERT') THEN
                    IF NEW.deleted_at IS NULL THEN
                        {call("NEW", 1)}
                    END IF;
                END IF;
                RETURN NULL;
            END $$""",
        "CREATE TRIGGER member_tally_change AFTER INSERT OR DELETE OR UPDATE ON members "
        "FOR EACH ROW EXECUTE FUNCTION member_tally_change()",
    ]




def recount_statements(dialect: str) -> list[str]:
    """Both tallies made afresh from the members outside the recycle bin."""
    values = cell_values(dialect, "members")
    # SQLite: "+" keeps the status and birth-date indexes out of it. Walking the whole table in
    # their order costs twice one scan of the covering composition index, sorted after (200,000
    # members: 1.4 s). PostgreSQL has no "+" for text and plans its own way.
    plus = "+" if dialect == "sqlite" else ""
    values[0] = plus + values[0]
    cell = ", ".join(values)
    return [
        "DELETE FROM member_tally",
        "DELETE FROM member_birth_tally",
        f"INSERT INTO member_tally ({', '.join(CELL)}, members) SELECT {cell}, count(*) FROM members "
        "WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4, 5, 6",
        f"INSERT INTO member_birth_tally (status, birth_date, members) SELECT {plus}status, birth_date, count(*) "
        f"FROM members WHERE deleted_at IS NULL AND {plus}birth_date IS NOT NULL GROUP BY 1, 2",
    ]


def sqlite_trigger_sql() -> dict[str, str]:
    """Trigger name → its CREATE TRIGGER text, as SQLite keeps it in sqlite_master."""
    return {statement.split()[2]: statement for statement in sqlite_triggers()}
