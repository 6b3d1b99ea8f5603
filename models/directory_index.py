"""The mentor directory's index: what a directory page reads instead of every profile.

A page must cost the same for 50 mentors or 5,000, so what the filters and the ranking
compare is kept ready in these tables, written only here (``models/directory.py`` reads
them):

``directory_entries``
    One row per programme per listed mentor: approved as a mentor there, listed in the
    directory, account active, birth year known (the age test itself is made when
    searching, so a birthday needs no write). It holds the sort name (the display name in
    lower case, as Python lower-cases it), capacity, openness, the mentee load, the
    languages and the focus areas as space-delimited text (`` id en `` and
    `` campaign-creation:1 campaign-creation:2 `` up to the best level there), the best level
    of any skill, the skills grouped by level (``skills5`` … ``skills1``, lower-cased, each
    with its focus area's names in both languages), the time zone, and the week's
    availability as 672 quarter-hour slots of the UTC week in fourteen 48-bit integers
    (``week0`` … ``week13``, a slot set when the person is free for any part of it).
    ``week_exact`` says every window starts and ends on a quarter hour in UTC, so a slot is
    either wholly free or not at all. The table is kept in page order (its key starts with
    the programme and the sort name), so a page in name order reads 21 rows.
``directory_texts``
    The lower-cased bio, and ``words``: name, skills and bio together, what a search word
    must be part of. ``words`` has a trigram index: FTS5's ``trigram`` tokenizer
    (``directory_fts``) on SQLite, ``pg_trgm`` on PostgreSQL, so a search word is found as a
    substring, as the directory always matched.
``directory_cards``
    What a page shows of each listed mentor (name, bio, languages, time zone, capacity,
    openness, skills with their focus areas, and the week as minutes of the UTC week for
    the hours a viewer shares), so a page reads its 20 rows here rather than profiles,
    accounts and skills.
``directory_windows``
    The minutes of the UTC week of people whose windows are not all on quarter hours,
    for the exact overlap test two such people need.

:func:`refresh` rewrites a person's rows from the profile, name, expertise, enrolments and
account; the models that change those call it in the same transaction. The mentee load is
the exception: relationships and their members change in many places (requests, matching,
pausing, ending, deleting an account), so database triggers recount it in the transaction
of the change (the count ``models.relationships.mentee_loads`` makes).
``create``/``drop``/``rebuild`` are for migrations.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.connection import get_connection

from models.availability import WEEK_MINUTES, parse_windows, utc_week
from models.sql import Params, dialect_of

SLOT_MINUTES = 15
SLOTS_PER_WORD = 48  # twelve hours a word: well inside a signed 64-bit integer
WEEK_WORDS = WEEK_MINUTES // SLOT_MINUTES // SLOTS_PER_WORD
LEVELS = (5, 4, 3, 2, 1)
SKILL_COLUMNS = tuple(f"skills{level}" for level in LEVELS)
TABLES = ("directory_windows", "directory_cards", "directory_texts", "directory_entries")


def _mentee_load() -> str:
    """An entry's mentee load in SQL: the count ``models.relationships.mentee_loads`` makes."""
    from models.relationships import OPEN_STATUSES  # relationships use this module

    statuses = ", ".join(f"'{status.value}'" for status in OPEN_STATUSES)
    return (
        "(SELECT COUNT(*) FROM relationship_members m JOIN relationships r "
        "ON r.id = m.relationship_id WHERE r.mentor_id = directory_entries.user_id "
        f"AND r.status IN ({statuses}))"
    )


# --- the week as slots ------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    """A person's weekly availability as the index stores it."""

    pieces: tuple[tuple[int, int], ...]  # minutes of the UTC week
    words: tuple[int, ...]  # the quarter-hour slots touched, WEEK_WORDS integers
    exact: bool  # every piece starts and ends on a quarter hour

    @classmethod
    def of(cls, availability: list[dict], zone: str) -> Week:
        pieces = tuple(utc_week(parse_windows(availability), zone))
        words = [0] * WEEK_WORDS
        for start, end in pieces:
            for slot in range(start // SLOT_MINUTES, (end - 1) // SLOT_MINUTES + 1):
                words[slot // SLOTS_PER_WORD] |= 1 << (slot % SLOTS_PER_WORD)
        exact = all(start % SLOT_MINUTES == 0 == end % SLOT_MINUTES for start, end in pieces)
        return cls(pieces, tuple(words), exact)


# --- the tables ---------------------------------------------------------------------------


def _tables_sql(dialect: str) -> str:
    sqlite = dialect == "sqlite"
    weeks = "".join(f"week{i} BIGINT NOT NULL, " for i in range(WEEK_WORDS))
    skills = "".join(f"{column} TEXT NOT NULL, " for column in SKILL_COLUMNS)
    # byte order is code point order, the order Python sorts names in
    collate = "" if sqlite else ' COLLATE "C"'
    return (
        "CREATE TABLE directory_entries ("
        "programme_id INT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE, "
        f"sort_name VARCHAR(120){collate} NOT NULL, "
        "user_id INT NOT NULL REFERENCES users (id) ON DELETE CASCADE, "
        "birth_year INT NOT NULL, capacity INT NOT NULL, mentee_load INT NOT NULL DEFAULT 0, "
        "open_for_requests BOOLEAN NOT NULL, languages VARCHAR(200) NOT NULL, "
        "focus_levels TEXT NOT NULL, top_level INT NOT NULL, timezone VARCHAR(64) NOT NULL, "
        f"{skills}week_exact BOOLEAN NOT NULL, {weeks}"
        "PRIMARY KEY (programme_id, sort_name, user_id))"
        f"{' WITHOUT ROWID' if sqlite else ''};\n"
        # the table is kept in page order; these find a person's rows and a programme's zones
        "CREATE UNIQUE INDEX directory_entries_user ON directory_entries (user_id, programme_id);\n"
        "CREATE INDEX directory_entries_zone ON directory_entries (programme_id, timezone);\n"
        # INTEGER PRIMARY KEY: on SQLite the row's own key, one look-up away
        "CREATE TABLE directory_texts ("
        "user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE, "
        "bio TEXT NOT NULL, words TEXT NOT NULL);\n"
        "CREATE TABLE directory_cards ("
        "user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE, "
        "display_name VARCHAR(120) NOT NULL, bio TEXT NOT NULL, languages TEXT NOT NULL, "
        "timezone VARCHAR(64) NOT NULL, capacity INT NOT NULL, "
        "open_for_requests BOOLEAN NOT NULL, expertise TEXT NOT NULL, week TEXT NOT NULL);\n"
        "CREATE TABLE directory_windows ("
        "user_id INT NOT NULL REFERENCES users (id) ON DELETE CASCADE, "
        "starts INT NOT NULL, ends INT NOT NULL);\n"
        "CREATE INDEX directory_windows_user ON directory_windows (user_id);\n"
    )


def _sqlite_index_sql() -> str:
    recount = f"UPDATE directory_entries SET mentee_load = {_mentee_load()} WHERE user_id IN"
    of_relationship = "(SELECT mentor_id FROM relationships WHERE id IN ({}))"
    return (
        "CREATE VIRTUAL TABLE directory_fts USING fts5("
        "words, tokenize = 'trigram case_sensitive 1');\n"
        "CREATE TRIGGER directory_member_added AFTER INSERT ON relationship_members BEGIN "
        f"{recount} {of_relationship.format('NEW.relationship_id')}; END;\n"
        "CREATE TRIGGER directory_member_removed AFTER DELETE ON relationship_members BEGIN "
        f"{recount} {of_relationship.format('OLD.relationship_id')}; END;\n"
        "CREATE TRIGGER directory_member_moved AFTER UPDATE OF relationship_id "
        "ON relationship_members BEGIN "
        f"{recount} {of_relationship.format('OLD.relationship_id, NEW.relationship_id')}; END;\n"
        "CREATE TRIGGER directory_relationship_changed AFTER UPDATE OF status, mentor_id "
        f"ON relationships BEGIN {recount} (OLD.mentor_id, NEW.mentor_id); END;\n"
        "CREATE TRIGGER directory_relationship_removed AFTER DELETE ON relationships BEGIN "
        f"{recount} (OLD.mentor_id); END;\n"
    )


def _postgres_index_sql() -> str:
    return (
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
        "CREATE INDEX directory_texts_words ON directory_texts USING GIN (words gin_trgm_ops);\n"
        "CREATE FUNCTION directory_recount(mentors INT[]) RETURNS VOID LANGUAGE SQL AS $$ "
        f"UPDATE directory_entries SET mentee_load = {_mentee_load()} "
        "WHERE user_id = ANY(mentors) $$;\n"
        "CREATE FUNCTION directory_member_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$ "
        "BEGIN "
        "IF TG_OP <> 'DELETE' THEN PERFORM directory_recount(ARRAY("
        "SELECT mentor_id FROM relationships WHERE id = NEW.relationship_id)); END IF; "
        "IF TG_OP <> 'INSERT' THEN PERFORM directory_recount(ARRAY("
        "SELECT mentor_id FROM relationships WHERE id = OLD.relationship_id)); END IF; "
        "RETURN NULL; END $$;\n"
        "CREATE TRIGGER directory_member_changed AFTER INSERT OR DELETE OR UPDATE OF "
        "relationship_id ON relationship_members FOR EACH ROW "
        "EXECUTE FUNCTION directory_member_changed();\n"
        "CREATE FUNCTION directory_relationship_changed() RETURNS TRIGGER LANGUAGE plpgsql "
        "AS $$ BEGIN "
        "IF TG_OP = 'DELETE' THEN PERFORM directory_recount(ARRAY[OLD.mentor_id]); "
        "ELSE PERFORM directory_recount(ARRAY[OLD.mentor_id, NEW.mentor_id]); END IF; "
        "RETURN NULL; END $$;\n"
        "CREATE TRIGGER directory_relationship_changed AFTER DELETE OR UPDATE OF status, "
        "mentor_id ON relationships FOR EACH ROW "
        "EXECUTE FUNCTION directory_relationship_changed();\n"
    )


async def create(conn: BaseDBAsyncClient) -> None:
    dialect = dialect_of(conn)
    extra = _sqlite_index_sql() if dialect == "sqlite" else _postgres_index_sql()
    await conn.execute_script(_tables_sql(dialect) + extra)


async def drop(conn: BaseDBAsyncClient) -> None:
    if dialect_of(conn) == "sqlite":
        script = "".join(
            f"DROP TRIGGER IF EXISTS {name};\n"
            for name in (
                "directory_member_added",
                "directory_member_removed",
                "directory_member_moved",
                "directory_relationship_changed",
                "directory_relationship_removed",
            )
        )
        script += "DROP TABLE IF EXISTS directory_fts;\n"
    else:
        script = (
            "DROP TRIGGER IF EXISTS directory_member_changed ON relationship_members;\n"
            "DROP TRIGGER IF EXISTS directory_relationship_changed ON relationships;\n"
            "DROP FUNCTION IF EXISTS directory_member_changed();\n"
            "DROP FUNCTION IF EXISTS directory_relationship_changed();\n"
            "DROP FUNCTION IF EXISTS directory_recount(INT[]);\n"
        )
    script += "".join(f"DROP TABLE IF EXISTS {table};\n" for table in TABLES)
    await conn.execute_script(script)


# --- keeping it current -----------------------------------------------------------------


def json_value(value: Any) -> Any:
    """A JSON column as Python: SQLite hands back its text, PostgreSQL may decode it."""
    return json.loads(value) if isinstance(value, str) else value


def _in(p: Params, values: Iterable[object]) -> str:
    return "(" + ", ".join(p(v) for v in values) + ")"


async def _listed(conn: BaseDBAsyncClient, user_ids: list[int]) -> list[dict]:
    """The people among ``user_ids`` the directory lists somewhere, with what it shows.
    On PostgreSQL their profiles stay locked until the transaction ends, so two refreshes
    of one person (two edits at once) write one after the other."""
    p = Params(dialect_of(conn))
    sql = (
        "SELECT u.id AS user_id, u.display_name, p.bio, p.languages, p.timezone, "
        "p.availability, p.capacity, p.open_for_requests, p.birth_year "
        "FROM users u JOIN profiles p ON p.user_id = u.id "
        f"WHERE u.id IN {_in(p, user_ids)} AND u.is_active "
        "AND p.listed_in_directory AND p.birth_year IS NOT NULL"
    )
    if p.dialect != "sqlite":  # SQLite lets one writer in at a time anyway
        sql += " ORDER BY u.id FOR UPDATE OF p"
    return await conn.execute_query_dict(sql, p.values)


async def _mentoring(conn: BaseDBAsyncClient, user_ids: list[int]) -> dict[int, list[int]]:
    p = Params(dialect_of(conn))
    rows = await conn.execute_query_dict(
        "SELECT user_id, programme_id FROM enrolments "
        f"WHERE user_id IN {_in(p, user_ids)} AND as_mentor AND mentor_status = {p('approved')}",
        p.values,
    )
    programmes: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        programmes[row["user_id"]].append(row["programme_id"])
    return programmes


async def _skills(conn: BaseDBAsyncClient, user_ids: list[int]) -> dict[int, list[dict]]:
    p = Params(dialect_of(conn))
    rows = await conn.execute_query_dict(
        "SELECT x.user_id, x.skill, x.level, f.slug, f.name_en, f.name_id FROM expertise x "
        f"LEFT JOIN focus_areas f ON f.id = x.focus_area_id WHERE x.user_id IN {_in(p, user_ids)} "
        "ORDER BY x.level DESC, x.skill, x.id",  # as a profile lists them
        p.values,
    )
    skills: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        skills[row["user_id"]].append(row)
    return skills


def _skill_texts(skills: list[dict]) -> list[str]:
    """Each level's skills (from 5 down), with their focus areas' names, lower-cased. A
    search word never holds a space, so joining with spaces finds it in the joined text
    exactly when it is in one of the parts."""
    by_level: dict[int, list[str]] = defaultdict(list)
    for s in skills:
        names = [s["skill"], s["name_en"], s["name_id"]] if s["slug"] else [s["skill"]]
        by_level[s["level"]].append(" ".join(names).lower())
    return [" ".join(by_level[level]) for level in LEVELS]


def _focus_levels(skills: list[dict]) -> str:
    """`` slug:1 slug:2 slug:3 `` up to the best level in each focus area, so "level 2 or
    more in this area" is one look-up for `` slug:2 ``."""
    best: dict[str, int] = {}
    for s in skills:
        if s["slug"]:
            best[s["slug"]] = max(best.get(s["slug"], 0), s["level"])
    return "".join(f" {s}:{n}" for s, top in sorted(best.items()) for n in range(1, top + 1)) + " "


def _card(person: dict, skills: list[dict], week: Week) -> list:
    """What a directory page shows of the person, as ``directory_cards`` holds it."""
    expertise = [
        {
            "skill": s["skill"],
            "level": s["level"],
            "area": s["slug"]
            and {"slug": s["slug"], "name_en": s["name_en"], "name_id": s["name_id"]},
        }
        for s in skills
    ]
    return [
        person["user_id"], person["display_name"], person["bio"],
        json.dumps(json_value(person["languages"])), person["timezone"], person["capacity"],
        bool(person["open_for_requests"]), json.dumps(expertise), json.dumps(week.pieces),
    ]  # fmt: skip


async def refresh(user_ids: Iterable[int], conn: BaseDBAsyncClient | None = None) -> None:
    """Rewrite the directory's rows of these people from what they are now; call it inside
    the transaction that changed them."""
    ids = sorted(set(user_ids))
    if not ids:
        return
    conn = conn or get_connection("default")
    dialect = dialect_of(conn)
    p = Params(dialect)
    in_ids = _in(p, ids)
    people = await _listed(conn, ids)
    for table in TABLES:
        await conn.execute_query(f"DELETE FROM {table} WHERE user_id IN {in_ids}", p.values)
    if dialect == "sqlite":
        await conn.execute_query(f"DELETE FROM directory_fts WHERE rowid IN {in_ids}", p.values)
    if not people:
        return
    mentoring = await _mentoring(conn, [person["user_id"] for person in people])
    people = [person for person in people if mentoring[person["user_id"]]]
    if not people:
        return
    skills = await _skills(conn, [person["user_id"] for person in people])
    entries, texts, cards, windows = [], [], [], []
    for person in people:
        user_id, mine = person["user_id"], skills[person["user_id"]]
        week = Week.of(json_value(person["availability"]), person["timezone"])
        languages = " " + " ".join(json_value(person["languages"])) + " "
        name, by_level, bio = person["display_name"].lower(), _skill_texts(mine), person["bio"]
        for programme_id in mentoring[user_id]:
            entries.append([
                programme_id, user_id, name, person["birth_year"], person["capacity"],
                bool(person["open_for_requests"]), languages, _focus_levels(mine),
                max((s["level"] for s in mine), default=0), person["timezone"], *by_level,
                week.exact, *week.words,
            ])  # fmt: skip
        texts.append([user_id, bio.lower(), " ".join([name, *by_level, bio.lower()])])
        cards.append(_card(person, mine, week))
        if not week.exact:
            windows += [[user_id, start, end] for start, end in week.pieces]
    await _insert(conn, "directory_entries", _ENTRY_COLUMNS, entries)
    await _insert(conn, "directory_texts", ["user_id", "bio", "words"], texts)
    await _insert(conn, "directory_cards", CARD_COLUMNS, cards)
    await _insert(conn, "directory_windows", ["user_id", "starts", "ends"], windows)
    if dialect == "sqlite":
        await conn.execute_query(
            f"INSERT INTO directory_fts (rowid, words) SELECT user_id, words "
            f"FROM directory_texts WHERE user_id IN {in_ids}",
            p.values,
        )
    await conn.execute_query(
        f"UPDATE directory_entries SET mentee_load = {_mentee_load()} WHERE user_id IN {in_ids}",
        p.values,
    )


CARD_COLUMNS = [
    "user_id", "display_name", "bio", "languages", "timezone", "capacity", "open_for_requests",
    "expertise", "week",
]  # fmt: skip
_ENTRY_COLUMNS = [
    "programme_id", "user_id", "sort_name", "birth_year", "capacity", "open_for_requests",
    "languages", "focus_levels", "top_level", "timezone", *SKILL_COLUMNS, "week_exact",
    *(f"week{i}" for i in range(WEEK_WORDS)),
]  # fmt: skip


async def _insert(conn: BaseDBAsyncClient, table: str, columns: list[str], rows: list) -> None:
    if not rows:
        return
    sqlite = dialect_of(conn) == "sqlite"
    marks = ", ".join("?" if sqlite else f"${i}" for i in range(1, len(columns) + 1))
    await conn.execute_many(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", [list(r) for r in rows]
    )


async def rebuild(conn: BaseDBAsyncClient, batch: int = 500) -> None:
    """Index everyone who mentors somewhere (a migration's job)."""
    rows = await conn.execute_query_dict(
        "SELECT DISTINCT user_id FROM enrolments WHERE as_mentor ORDER BY user_id"
    )
    ids = [row["user_id"] for row in rows]
    for start in range(0, len(ids), batch):
        await refresh(ids[start : start + batch], conn)
