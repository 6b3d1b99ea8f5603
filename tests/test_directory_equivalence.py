"""The directory answers as its former full scan did, on generated programmes.

Each run writes a programme of a few hundred mentors with varied profiles (names equal but
for case or accents, bios and skills from one shared vocabulary, quarter-hour and odd-minute
availability in time zones from UTC-12 to UTC+14, minors, unlisted, unknown ages, pending and
rejected applications, deleted accounts, full and free capacity, relationships opened and
closed) through the models' own functions, which keep the directory's index current. Two
viewers then page through ``mentorDirectory`` over the API for many filter combinations, and
every page must be what :func:`reference` (the directory's implementation before the index:
read everyone, filter, rank and cut in Python) makes of the same data.
"""

from __future__ import annotations

import base64
import itertools
import json
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from strawberry import relay

from models.availability import overlap_minutes, parse_windows, utc_offset_hours
from models.organisations import DEFAULT_FOCUS_AREAS
from tests.support import Api, Person, code_of, enrol, open_programme

SEED = 20261207
MENTORS = 240
TEXT_VOCABULARY = [
    "kampanye", "donasi", "relawan", "cerita", "keuangan", "laporan", "desa", "pemuda",
    "bimbingan", "membimbing", "pelatihan", "storytelling", "budget", "fundraising",
    "volunteers", "video", "leadership", "report", "komunitas", "Transparan",
]  # fmt: skip
SKILLS = [
    "storytelling", "budgeting", "video editing", "fundraising", "copywriting", "ux", "ai",
    "public speaking", "keuangan desa", "data", "pelatihan relawan",
]  # fmt: skip
FIRST_NAMES = [
    "Dewi", "dewi", "Ängela", "Angela", "angela", "Zoë", "Zoe", "Ōkubo", "Budi", "budi",
    "Çelik", "Ñoño", "Ayu", "I Made", "Éric", "Bambang", "ömer", "Zainal", "Tigor", "Anna",
]  # fmt: skip
LAST_NAMES = ["Sartika", "Siregar", "de Vries", "Kusuma", "Nasution", "", "Wibowo", "Żak"]
ZONES = [
    "Asia/Jakarta", "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Europe/Amsterdam",
    "America/New_York", "Asia/Kathmandu", "Asia/Kolkata", "Australia/Adelaide",
    "Pacific/Chatham", "Pacific/Kiritimati", "Etc/GMT+12", "America/St_Johns",
]  # fmt: skip
LANGUAGES = ["id", "en", "jv", "su", "nl", "ja"]
SLUGS = [slug for slug, _, _ in DEFAULT_FOCUS_AREAS[:6]]
NAMES = {slug: (en, id_) for slug, en, id_ in DEFAULT_FOCUS_AREAS}

# Viewers' weeks (see the fixture) and mentors built around their edges: free just before or
# after, in the same quarter hour of UTC without sharing a minute, or sharing one.
QUARTER_HOURS = [{"weekday": d, "start": "18:00", "end": "22:30"} for d in range(5)]
ODD_MINUTES = [{"weekday": d, "start": "06:10", "end": "08:05"} for d in (0, 2, 4, 6)]
EDGES = [
    ("Asia/Kathmandu", 0, "05:00", "06:10"),
    ("Asia/Kathmandu", 0, "08:05", "09:00"),
    ("UTC", 0, "00:20", "00:24"),
    ("Asia/Jakarta", 0, "07:20", "07:25"),
    ("Asia/Kathmandu", 2, "06:09", "06:11"),
    ("America/St_Johns", 5, "21:56", "21:59"),
    ("Asia/Jakarta", 0, "17:50", "18:00"),
    ("Asia/Jakarta", 4, "22:29", "23:00"),
]

PAGE = """query($p: ID!, $f: MentorFilterInput, $first: Int!, $after: String) {
  mentorDirectory(programmeId: $p, filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { user { id } relevance mark overlapHours remainingCapacity
      compatibility } } } }"""


@dataclass
class Mentor:
    """One generated person, as the test wrote them."""

    id: int
    name: str
    bio: str = ""
    languages: list[str] = field(default_factory=list)
    timezone: str = "Asia/Jakarta"
    availability: list[dict] = field(default_factory=list)
    capacity: int = 1
    open: bool = True
    birth_year: int | None = 1990
    listed: bool = True
    skills: list[tuple[str, int, str | None]] = field(default_factory=list)
    approved: bool = True
    active: bool = True
    load: int = 0


@dataclass
class Viewer:
    person: Person
    id: int
    timezone: str
    availability: list[dict]
    marks: dict[int, str] = field(default_factory=dict)


# --- the reference: the directory before its index --------------------------------------


def _relevance(terms: list[str], m: Mentor) -> float:
    """Every term must match somewhere; a name match counts most, then a skill (more for a
    higher level), then the bio."""
    name, bio = m.name.lower(), m.bio.lower()
    skill_texts = [
        (" ".join([skill, *NAMES[slug]] if slug else [skill]).lower(), level)
        for skill, level, slug in m.skills
    ]
    score = 0.0
    for term in terms:
        best_level = max((level for text, level in skill_texts if term in text), default=0)
        hit = 3 * (term in name) + (1 + best_level / 5 if best_level else 0) + (term in bio)
        if not hit:
            return 0.0
        score += hit
    return score


def _passes(f: dict[str, Any], m: Mentor) -> bool:
    if f.get("openOnly") and not m.open:
        return False
    if f.get("withCapacity") and m.capacity <= m.load:
        return False
    if f.get("languages") and not set(f["languages"]) & set(m.languages):
        return False
    low, high = f.get("utcOffsetMin"), f.get("utcOffsetMax")
    if low is not None or high is not None:
        offset = utc_offset_hours(m.timezone)
        if (low is not None and offset < low) or (high is not None and offset > high):
            return False
    focus = f.get("focusAreas") or []
    relevant = [level for _, level, slug in m.skills if not focus or slug in focus]
    if focus and not relevant:
        return False
    return not (f.get("minLevel") and not any(level >= f["minLevel"] for level in relevant))


def reference(viewer: Viewer, mentors: list[Mentor], f: dict[str, Any]) -> list[tuple]:
    """(user id, relevance, mark, overlap hours, remaining capacity) of every mentor the
    viewer should see, best first."""
    terms = f.get("text", "").lower().split()
    year = datetime.now(UTC).year
    mine = parse_windows(viewer.availability) if f.get("overlapsMyAvailability") else None
    ranked = []
    for m in mentors:
        adult = m.birth_year is not None and year - m.birth_year >= 18
        if not (m.approved and m.active and m.listed and adult) or m.id == viewer.id:
            continue
        mark = viewer.marks.get(m.id)
        if mark == "HIDDEN" and not f.get("includeHidden"):
            continue
        if f.get("favouritesOnly") and mark != "FAVOURITE":
            continue
        if not _passes(f, m):
            continue
        relevance = _relevance(terms, m) if terms else 0.0
        if terms and not relevance:
            continue
        overlap = None
        if mine is not None:
            overlap = overlap_minutes(
                mine, viewer.timezone, parse_windows(m.availability), m.timezone
            )
            if overlap == 0:
                continue
        key = (-relevance, mark != "FAVOURITE", m.name.lower(), m.id)
        hours = None if overlap is None else round(overlap / 60, 2)
        row = (gid(m.id), relevance, mark, hours, max(0, m.capacity - m.load))
        ranked.append((key, row))
    return [row for _, row in sorted(ranked)]


def gid(user_id: int) -> str:
    return str(relay.GlobalID("User", str(user_id)))


# --- the generated programme -------------------------------------------------------------


def _windows(rng: random.Random, odd: bool) -> list[dict]:
    """0-4 weekly windows on quarter hours, one of them on odd minutes when ``odd``."""
    windows = []
    for i in range(rng.randint(0, 4) + odd):
        if odd and i == 0:
            start = rng.randrange(0, 24 * 60 - 1)
            end = min(24 * 60, start + rng.randint(1, 300))
        else:
            start = rng.randrange(0, 96) * 15
            end = min(24 * 60, start + 15 * rng.randint(1, 20))
        windows.append({
            "weekday": rng.randrange(7),
            "start": f"{start // 60:02}:{start % 60:02}",
            "end": "00:00" if end == 24 * 60 else f"{end // 60:02}:{end % 60:02}",
        })  # fmt: skip
    return windows


def _plan(rng: random.Random, user_id: int, year: int) -> Mentor:
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}".strip()
    words = rng.choices(TEXT_VOCABULARY, k=rng.randint(0, 12))
    birth = rng.choices([year - rng.randint(20, 60), year - 15, year - 18, None], [16, 1, 1, 1])
    return Mentor(
        id=user_id,
        name=name,
        bio=" ".join(w.upper() if rng.random() < 0.1 else w for w in words),
        languages=rng.sample(LANGUAGES, rng.randint(0, 3)),
        timezone=rng.choice(ZONES),
        availability=_windows(rng, odd=rng.random() < 0.2),
        capacity=rng.randint(1, 4),
        open=rng.random() < 0.8,
        birth_year=birth[0],
        listed=rng.random() < 0.93,
        skills=[
            (rng.choice(SKILLS), rng.randint(1, 5), rng.choice([*SLUGS, None]))
            for _ in range(rng.randint(0, 4))
        ],
        approved=rng.random() < 0.92,
    )


async def _write(m: Mentor, programme_id: int, coordinator: Any) -> None:
    """Apply, fill in the profile and get screened, as the models do it for the API."""
    from models.accounts import User
    from models.profiles import SkillInput, update_profile
    from models.programmes import enrol as enrol_in
    from models.programmes import screen_mentor

    user = await User.get(id=m.id)
    enrolment = await enrol_in(user, programme_id, True, False, "")
    await update_profile(
        user,
        {
            "display_name": m.name,
            "bio": m.bio,
            "languages": m.languages,
            "timezone": m.timezone,
            "availability": m.availability,
            "capacity": m.capacity,
            "open_for_requests": m.open,
            "birth_year": m.birth_year,
            "listed_in_directory": m.listed,
        },
        expertise=[SkillInput(skill, level, slug) for skill, level, slug in m.skills],
    )
    reason = "" if m.approved else "Not this season."
    await screen_mentor(coordinator, enrolment.id, m.approved, reason)


async def _relationships(rng: random.Random, mentors: list[Mentor], programme_id: int) -> None:
    """Open and closed relationships written straight to their tables (the database's
    triggers must keep the loads), some of them changed or removed afterwards."""
    from models.accounts import User
    from models.programmes import MentoringModel
    from models.relationships import (
        OPEN_STATUSES,
        Origin,
        Relationship,
        RelationshipMember,
        RelationshipStatus,
    )

    mentees = [
        await User.create(email=f"filler{i}-{SEED}@rajut.test", password_hash="!", display_name="M")
        for i in range(12)
    ]
    created: list[tuple[Relationship, Mentor]] = []
    for m in rng.sample(mentors, 60):
        relationship = await Relationship.create(
            programme_id=programme_id, mentor_id=m.id, status=rng.choice(list(RelationshipStatus)),
            origin=Origin.MATCHING, mentoring_model=MentoringModel.GROUP,
        )  # fmt: skip
        for mentee in rng.sample(mentees, rng.randint(1, 3)):
            await RelationshipMember.create(relationship=relationship, user_id=mentee.id)
        created.append((relationship, m))
    for relationship, _ in created[:10]:  # paused, resumed, completed, cancelled, ...
        relationship.status = rng.choice(list(RelationshipStatus))
        await relationship.save()
    for relationship, _ in created[10:13]:
        await relationship.delete()
    for relationship, _ in created[13:16]:  # a member leaves
        member = await RelationshipMember.filter(relationship_id=relationship.id).first()
        assert member is not None
        await member.delete()
    for relationship, m in created[:10] + created[13:]:
        if relationship.status in OPEN_STATUSES:
            m.load += await RelationshipMember.filter(relationship_id=relationship.id).count()


async def _viewer(
    api: Api, world: Any, timezone: str, availability: list[dict], *, mentor: bool
) -> tuple[Viewer, Mentor | None]:
    person = await api.register()
    profile = {"timezone": timezone, "availability": availability, "birthYear": 1995}
    enrolment = await enrol(api, person, world, asMentee=True, asMentor=mentor)
    me = await api.ok(
        "mutation($p: ProfileInput!) { updateProfile(input: $p) { bio } }",
        {
            "p": {
                **profile,
                "displayName": "Dewi Penonton",
                "languages": ["id", "en"],
                "learningNeeds": [
                    {"skill": "budgeting", "targetLevel": 4, "focusArea": SLUGS[0]},
                    {"skill": "storytelling", "targetLevel": 3, "focusArea": SLUGS[2]},
                ],
            }
        },
        person.token,
    )
    assert me
    user_id = int(relay.GlobalID.from_id(person.id).node_id)
    viewer = Viewer(person, user_id, timezone, availability)
    if not mentor:
        return viewer, None
    await api.ok(
        """mutation($e: ID!) { screenMentor(enrolmentId: $e, decision: APPROVE, reason: "") {
             id } }""",
        {"e": enrolment},
        world.coordinator.token,
    )
    return viewer, Mentor(
        user_id, "Dewi Penonton", languages=["id", "en"], timezone=timezone,
        availability=availability, birth_year=1995,
    )  # fmt: skip


@pytest.fixture(scope="module")
async def programme(server: str) -> AsyncIterator[dict]:
    from models.accounts import User, hash_password, now
    from models.privacy import delete_account
    from models.profiles import MarkKind, Profile, mark_mentor

    rng = random.Random(SEED)
    year = datetime.now(UTC).year
    async with Api(server) as api:
        world = await open_programme(api)
        coordinator = await User.get(email=world.coordinator.email)
        programme_id = int(relay.GlobalID.from_id(world.programme_id).node_id)
        mentors = []
        for i in range(MENTORS):
            user = await User.create(
                email=f"gen{i}-{rng.randrange(10**9)}@rajut.test", password_hash="!",
                display_name="?", email_verified_at=now(),
            )  # fmt: skip
            await Profile.create(user=user)
            mentors.append(_plan(rng, user.id, year))
        for (zone, weekday, start, end), m in zip(EDGES, mentors, strict=False):
            m.timezone, m.approved, m.listed, m.birth_year = zone, True, True, 1980
            m.availability = [{"weekday": weekday, "start": start, "end": end}]
        # a few share a name exactly, so the id decides between them
        for a, b in itertools.pairwise(rng.sample(mentors, 8)):
            b.name = a.name
        for m in mentors:
            await _write(m, programme_id, coordinator)
        await _relationships(rng, mentors, programme_id)
        password = "gone for good"
        secret = hash_password(password)
        for m in rng.sample([m for m in mentors if m.approved], 3):
            user = await User.get(id=m.id)
            user.password_hash = secret
            await user.save(update_fields=["password_hash"])
            await delete_account(user, password)
            m.active = False
        jakarta, _ = await _viewer(api, world, "Asia/Jakarta", QUARTER_HOURS, mentor=False)
        kathmandu, listed = await _viewer(api, world, "Asia/Kathmandu", ODD_MINUTES, mentor=True)
        assert listed is not None
        mentors.append(listed)
        for viewer in (jakarta, kathmandu):
            visible = [
                m for m in mentors
                if m.approved and m.active and m.listed and m.id != viewer.id
                and m.birth_year is not None and year - m.birth_year >= 18
            ]  # fmt: skip
            for m in rng.sample(visible, 14):
                kind = rng.choice([MarkKind.FAVOURITE, MarkKind.HIDDEN])
                await mark_mentor(await User.get(id=viewer.id), m.id, kind)
                viewer.marks[m.id] = kind.name
        yield {
            "world": world,
            "mentors": mentors,
            "viewers": {"jakarta": jakarta, "kathmandu": kathmandu},
        }


# --- the comparison ----------------------------------------------------------------------


def _terms(rng: random.Random, mentors: list[Mentor]) -> str:
    """Search words of every kind: whole and partial words, one or two letters, names,
    focus area names, in any case, several at once, and words nobody has."""
    pool = [
        *TEXT_VOCABULARY, *SKILLS, *(n for pair in NAMES.values() for n in pair),
        *(m.name for m in rng.sample(mentors, 5)),
    ]  # fmt: skip
    words = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        word = rng.choice(rng.choice(pool).split())
        kind = rng.random()
        if kind < 0.3 and len(word) > 3:
            start = rng.randrange(len(word) - 2)
            word = word[start : start + rng.randint(3, len(word) - start)]
        elif kind < 0.4:
            word = word[: rng.randint(1, 2)]
        elif kind < 0.45:
            word = "tidakada"
        words.append(word.upper() if rng.random() < 0.2 else word)
    return "  ".join(words) if rng.random() < 0.1 else " ".join(words)


def _filter(rng: random.Random, mentors: list[Mentor]) -> dict[str, Any]:
    f: dict[str, Any] = {}
    if rng.random() < 0.55:
        f["text"] = _terms(rng, mentors)
    if rng.random() < 0.3:
        f["focusAreas"] = rng.sample([*SLUGS, "no-such-area", "Bad Slug"], rng.randint(1, 3))
    if rng.random() < 0.3:
        f["minLevel"] = rng.randint(1, 5)
    if rng.random() < 0.3:
        f["languages"] = rng.sample([*LANGUAGES, "xx", "ID"], rng.randint(1, 3))
    if rng.random() < 0.25:
        low = rng.choice([None, -12, -5, 0, 5.5, 5.75, 7, 9])
        high = rng.choice([None, 0, 5.75, 8, 9, 12.75, 14])
        f |= {"utcOffsetMin": low, "utcOffsetMax": high}
    for flag, chance in (
        ("overlapsMyAvailability", 0.35),
        ("openOnly", 0.25),
        ("withCapacity", 0.25),
        ("favouritesOnly", 0.1),
        ("includeHidden", 0.2),
    ):
        if rng.random() < chance:
            f[flag] = True
    return f


async def pages(api: Api, programme: dict, viewer: Viewer, f: dict, first: int) -> list[tuple]:
    """Every page of one search, checked page by page; the rows in order."""
    rows: list[tuple] = []
    after, total = None, None
    while True:
        data = await api.ok(
            PAGE,
            {"p": programme["world"].programme_id, "f": f, "first": first, "after": after},
            viewer.person.token,
        )
        page = data["mentorDirectory"]
        assert total in (None, page["totalCount"]), f
        total = page["totalCount"]
        rows += [
            (
                e["node"]["user"]["id"], e["node"]["relevance"], e["node"]["mark"],
                e["node"]["overlapHours"], e["node"]["remainingCapacity"],
            )
            for e in page["edges"]
        ]  # fmt: skip
        if not page["pageInfo"]["hasNextPage"]:
            break
        assert len(page["edges"]) == first, f
        after = page["pageInfo"]["endCursor"]
    assert total == len(rows), f
    return rows


@pytest.mark.parametrize("who", ["jakarta", "kathmandu"])
async def test_every_filter_ranks_and_pages_as_the_full_scan_did(
    api: Api, programme: dict, who: str
) -> None:
    viewer, mentors = programme["viewers"][who], programme["mentors"]
    rng = random.Random(f"{SEED}-{who}")
    filters = [
        {},
        {"includeHidden": True},
        {"favouritesOnly": True, "includeHidden": True},
        {"overlapsMyAvailability": True},
        {"text": "a"},
        {"text": "Dewi dewi"},
        {"text": "kampanye", "overlapsMyAvailability": True, "withCapacity": True},
        {"focusAreas": [SLUGS[0], SLUGS[2]], "minLevel": 4},
        {"minLevel": 5, "languages": ["jv", "en"]},
        {"utcOffsetMin": 5.5, "utcOffsetMax": 6},
        *(_filter(rng, mentors) for _ in range(45)),
    ]
    matched = 0
    for f in filters:
        expected = reference(viewer, mentors, f)
        first = rng.choice([9, 40, 100])
        assert await pages(api, programme, viewer, f, first) == expected, (f, first)
        matched += bool(expected)
    assert matched > len(filters) // 2  # the filters found people, not only empty pages


async def test_sorting_by_compatibility_keeps_the_filtered_set(api: Api, programme: dict) -> None:
    viewer, mentors = programme["viewers"]["jakarta"], programme["mentors"]
    for f in ({"text": "budget"}, {"focusAreas": [SLUGS[0]], "openOnly": True}, {}):
        expected = reference(viewer, mentors, f)
        data = await api.ok(
            PAGE,
            {"p": programme["world"].programme_id, "f": {**f, "sort": "COMPATIBILITY"},
             "first": 100, "after": None},
            viewer.person.token,
        )  # fmt: skip
        page = data["mentorDirectory"]
        got = [e["node"] for e in page["edges"]]
        assert page["totalCount"] == len(expected) and len(got) == min(100, len(expected))
        assert {n["user"]["id"] for n in got} <= {row[0] for row in expected}
        by_id = {row[0]: row for row in expected}
        keys = [
            (-n["compatibility"], n["mark"] != "FAVOURITE", by_id[n["user"]["id"]][0]) for n in got
        ]
        assert all(a[:2] <= b[:2] for a, b in itertools.pairwise(keys)), f
        assert any(n["compatibility"] > 0 for n in got)


async def test_bad_cursors_are_refused(api: Api, programme: dict) -> None:
    viewer = programme["viewers"]["jakarta"]

    def crafted(key: list) -> str:
        return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()

    for cursor in (
        "garbage",
        crafted([0.0, True, "x"]),
        crafted(["NaN", True, "x", 1]),
        crafted([0.0, True, "x", 10**30]),
        crafted([0.0, True, "x\u0000", 1]),
        crafted([0.0, True, "\ud800", 1]),
    ):
        error = await api.error(
            PAGE,
            {"p": programme["world"].programme_id, "f": None, "first": 5, "after": cursor},
            viewer.person.token,
        )
        assert (code_of(error), error["extensions"]["field"]) == ("BAD_USER_INPUT", "after")
