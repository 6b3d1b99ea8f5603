"""The mentor directory: search, filters, pages, marks, privacy and query budget."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator

import pytest

from tests.support import (
    PASSWORD,
    Api,
    approved_mentor,
    code_of,
    count_queries,
    enrol,
    open_programme,
)

DIRECTORY = """query($p: ID!, $f: MentorFilterInput, $first: Int!, $after: String) {
  mentorDirectory(programmeId: $p, filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { displayName mark relevance overlapHours remainingCapacity
      user { id } } } } }"""
DEEP = """query($p: ID!, $first: Int!) { mentorDirectory(programmeId: $p, first: $first) {
  edges { node { displayName languages expertise { skill level focusArea { slug name } }
    programmes { name status focusAreas { slug } } } } } }"""

EVENINGS = [{"weekday": d, "start": "19:00", "end": "22:00"} for d in range(5)]


@pytest.fixture(scope="module")
async def cohort(server: str) -> AsyncIterator[dict]:
    """A programme with a handful of distinct mentors, a mentee, and an outsider."""
    async with Api(server) as api:
        world = await open_programme(api)
        mentors = {
            "dewi": await approved_mentor(
                api,
                world,
                {
                    "bio": "Penulis cerita kampanye",
                    "languages": ["id", "jv"],
                    "availability": EVENINGS,
                    "capacity": 3,
                    "expertise": [
                        {"skill": "storytelling", "level": 5, "focusArea": "digital-storytelling"}
                    ],
                },
                name="Dewi Sartika",
            ),
            "tigor": await approved_mentor(
                api,
                world,
                {
                    "bio": "Akuntan komunitas",
                    "languages": ["id", "en"],
                    "timezone": "Asia/Jayapura",
                    "availability": EVENINGS,
                    "expertise": [
                        {"skill": "budgeting", "level": 3, "focusArea": "financial-management"}
                    ],
                },
                name="Tigor Siregar",
            ),
            "anna": await approved_mentor(
                api,
                world,
                {
                    "bio": "Fundraising coach",
                    "languages": ["en"],
                    "timezone": "Europe/Amsterdam",
                    "availability": [{"weekday": 5, "start": "09:00", "end": "11:00"}],
                    "expertise": [
                        {"skill": "storytelling", "level": 2, "focusArea": "digital-storytelling"}
                    ],
                },
                name="Anna de Vries",
            ),
            "closed": await approved_mentor(
                api,
                world,
                {
                    "bio": "Sedang penuh",
                    "openForRequests": False,
                    "availability": EVENINGS,
                    "expertise": [
                        {"skill": "campaigns", "level": 4, "focusArea": "campaign-creation"}
                    ],
                },
                name="Bambang Tertutup",
            ),
        }
        young = await approved_mentor(
            api, world, {"birthYear": 2011, "bio": "storytelling"}, name="Adik Muda"
        )
        unlisted = await approved_mentor(
            api, world, {"listedInDirectory": False}, name="Tidak Tercantum"
        )
        pending = await api.register("Masih Menunggu")
        await enrol(api, pending, world, asMentor=True)
        mentee = await api.register("Mentee Satu")
        await enrol(api, mentee, world, asMentee=True)
        await api.ok(
            "mutation($p: ProfileInput!) { updateProfile(input: $p) { bio } }",
            {"p": {"availability": EVENINGS, "timezone": "Asia/Jakarta"}},
            mentee.token,
        )
        yield {
            "world": world,
            "mentors": mentors,
            "mentee": mentee,
            "young": young,
            "unlisted": unlisted,
            "pending": pending,
        }


async def names(api: Api, cohort: dict, f: dict | None = None, first: int = 50) -> list[str]:
    data = await api.ok(
        DIRECTORY,
        {"p": cohort["world"].programme_id, "f": f, "first": first},
        cohort["mentee"].token,
    )
    return [e["node"]["displayName"] for e in data["mentorDirectory"]["edges"]]


async def test_lists_only_approved_listed_adult_mentors(api: Api, cohort: dict) -> None:
    assert await names(api, cohort) == [
        "Anna de Vries",
        "Bambang Tertutup",
        "Dewi Sartika",
        "Tigor Siregar",
    ]


async def test_text_search_ranks_name_over_skill_over_bio(api: Api, cohort: dict) -> None:
    assert await names(api, cohort, {"text": "storytelling"}) == ["Dewi Sartika", "Anna de Vries"]
    assert await names(api, cohort, {"text": "tigor budgeting"}) == ["Tigor Siregar"]
    # "kampanye" is in Bambang's focus area's Indonesian name and in Dewi's bio
    assert await names(api, cohort, {"text": "kampanye"}) == ["Bambang Tertutup", "Dewi Sartika"]
    assert await names(api, cohort, {"text": "tidak ada yang cocok"}) == []


async def test_filters(api: Api, cohort: dict) -> None:
    assert await names(api, cohort, {"focusAreas": ["digital-storytelling"], "minLevel": 4}) == [
        "Dewi Sartika"
    ]
    assert await names(api, cohort, {"languages": ["en"]}) == ["Anna de Vries", "Tigor Siregar"]
    assert await names(api, cohort, {"utcOffsetMin": 8}) == ["Tigor Siregar"]
    assert await names(api, cohort, {"utcOffsetMax": 3}) == ["Anna de Vries"]
    assert "Bambang Tertutup" not in await names(api, cohort, {"openOnly": True})
    # Jakarta evenings overlap Jakarta and Jayapura evenings, not Amsterdam Saturday mornings
    data = await api.ok(
        DIRECTORY,
        {"p": cohort["world"].programme_id, "f": {"overlapsMyAvailability": True}, "first": 10},
        cohort["mentee"].token,
    )
    hours = {
        e["node"]["displayName"]: e["node"]["overlapHours"]
        for e in data["mentorDirectory"]["edges"]
    }
    assert hours == {"Bambang Tertutup": 15.0, "Dewi Sartika": 15.0, "Tigor Siregar": 5.0}


async def test_cursor_pages_cover_everything_once(api: Api, cohort: dict) -> None:
    seen, after = [], None
    while True:
        data = await api.ok(
            DIRECTORY,
            {"p": cohort["world"].programme_id, "first": 3, "after": after},
            cohort["mentee"].token,
        )
        page = data["mentorDirectory"]
        seen += [e["node"]["displayName"] for e in page["edges"]]
        assert page["totalCount"] == 4
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == await names(api, cohort)


async def test_bad_page_arguments(api: Api, cohort: dict) -> None:
    for variables, field in (
        ({"first": 101}, "first"),
        ({"first": 0}, "first"),
        ({"first": 5, "after": "garbage"}, "after"),
        ({"first": 5, "f": {"minLevel": 9}}, "filter.minLevel"),
    ):
        error = await api.error(
            DIRECTORY, {"p": cohort["world"].programme_id, **variables}, cohort["mentee"].token
        )
        assert (code_of(error), error["extensions"]["field"]) == ("BAD_USER_INPUT", field)


async def test_favourite_and_hide_are_private(api: Api, cohort: dict) -> None:
    world, mentors = cohort["world"], cohort["mentors"]
    me = await api.register()
    await enrol(api, me, world, asMentee=True)
    mark = "mutation($m: ID!, $k: MarkKind) { markMentor(mentorId: $m, mark: $k) }"
    await api.ok(mark, {"m": mentors["tigor"].id, "k": "FAVOURITE"}, me.token)
    await api.ok(mark, {"m": mentors["anna"].id, "k": "HIDDEN"}, me.token)
    data = await api.ok(DIRECTORY, {"p": world.programme_id, "first": 10}, me.token)
    listed = [
        (e["node"]["displayName"], e["node"]["mark"]) for e in data["mentorDirectory"]["edges"]
    ]
    assert listed == [
        ("Tigor Siregar", "FAVOURITE"),
        ("Bambang Tertutup", None),
        ("Dewi Sartika", None),
    ]
    favs = await api.ok(
        DIRECTORY, {"p": world.programme_id, "first": 10, "f": {"favouritesOnly": True}}, me.token
    )
    assert len(favs["mentorDirectory"]["edges"]) == 1
    # someone else's view carries none of my marks
    assert "Anna de Vries" in await names(api, cohort)
    await api.ok(mark, {"m": mentors["anna"].id, "k": None}, me.token)
    data = await api.ok(DIRECTORY, {"p": world.programme_id, "first": 10}, me.token)
    assert len(data["mentorDirectory"]["edges"]) == 4
    # only mentors one may see can be marked
    assert (
        code_of(await api.error(mark, {"m": cohort["young"].id, "k": "FAVOURITE"}, me.token))
        == "NOT_FOUND"
    )


async def test_outsiders_cannot_browse(api: Api, cohort: dict) -> None:
    outsider = await api.register()
    error = await api.error(
        DIRECTORY, {"p": cohort["world"].programme_id, "first": 5}, outsider.token
    )
    assert code_of(error) == "FORBIDDEN"
    anonymous = await api.error(DIRECTORY, {"p": cohort["world"].programme_id, "first": 5})
    assert code_of(anonymous) == "UNAUTHENTICATED"


async def test_directory_page_costs_a_fixed_number_of_queries(server: str) -> None:
    async with Api(server) as api:
        world = await open_programme(api)
        for i in range(55):
            await approved_mentor(
                api,
                world,
                {
                    "languages": ["id", "su"],
                    "expertise": [
                        {"skill": f"skill{i}", "level": 4, "focusArea": "campaign-creation"},
                        {"skill": "writing", "level": 3, "focusArea": "digital-storytelling"},
                    ],
                },
                name=f"Mentor {i:02}",
            )
        mentee = await api.register()
        await enrol(api, mentee, world, asMentee=True)
        costs = {}
        for first in (5, 50):
            with count_queries() as statements:
                data = await api.ok(DEEP, {"p": world.programme_id, "first": first}, mentee.token)
            edges = data["mentorDirectory"]["edges"]
            assert len(edges) == first
            assert all(len(e["node"]["expertise"]) == 2 for e in edges)
            assert all(e["node"]["programmes"][0]["focusAreas"] for e in edges)
            costs[first] = len(statements)
    print("queries per directory page:", costs)
    assert costs[5] == costs[50], costs
    assert costs[50] <= 15, costs


async def test_sort_by_compatibility_and_remaining_capacity(api: Api, cohort: dict) -> None:
    me = await api.register()
    await enrol(api, me, cohort["world"], asMentee=True)
    await api.ok(
        "mutation($p: ProfileInput!) { updateProfile(input: $p) { bio } }",
        {
            "p": {
                "languages": ["id"],
                "availability": EVENINGS,
                "birthYear": 1999,
                "learningNeeds": [
                    {
                        "skill": "budgeting",
                        "targetLevel": 4,
                        "priority": 3,
                        "focusArea": "financial-management",
                    }
                ],
            }
        },
        me.token,
    )
    data = await api.ok(
        """query($p: ID!) { mentorDirectory(programmeId: $p, first: 10,
             filter: {sort: COMPATIBILITY}) { edges { node { displayName compatibility } } } }""",
        {"p": cohort["world"].programme_id},
        me.token,
    )
    ranked = [
        (e["node"]["displayName"], e["node"]["compatibility"])
        for e in data["mentorDirectory"]["edges"]
    ]
    assert ranked[0][0] == "Tigor Siregar"  # the budgeting mentor who shares my evenings
    assert all(a[1] >= b[1] for a, b in itertools.pairwise(ranked))
    assert [name for name, score in ranked if score == 0] == ["Anna de Vries"]  # no language
    outsider_sort = await api.error(
        """query($p: ID!) { mentorDirectory(programmeId: $p, first: 5,
             filter: {sort: COMPATIBILITY}) { totalCount } }""",
        {"p": cohort["world"].programme_id},
        cohort["world"].coordinator.token,
    )
    assert (code_of(outsider_sort), outsider_sort["extensions"]["field"]) == (
        "BAD_USER_INPUT",
        "sort",
    )


async def test_the_directory_follows_every_change(api: Api) -> None:
    """Names, listing, skills, availability, openness, relationships and deleted accounts
    show in the next page (the directory reads an index those changes keep current)."""
    world = await open_programme(api)
    mentor = await approved_mentor(
        api,
        world,
        {
            "capacity": 1,
            "availability": EVENINGS,
            "expertise": [{"skill": "budgeting", "level": 3}],
        },
        name="Citra Awal",
    )
    other = await approved_mentor(api, world, name="Bayu Tetap")
    mentee = await api.register()
    await enrol(api, mentee, world, asMentee=True)
    await api.ok(
        "mutation($p: ProfileInput!) { updateProfile(input: $p) { bio } }",
        {"p": {"availability": EVENINGS}},
        mentee.token,
    )
    update = "mutation($p: ProfileInput!) { updateProfile(input: $p) { bio } }"
    view = {"world": world, "mentee": mentee}

    async def listed(f: dict | None = None) -> list[str]:
        return await names(api, view, f)

    assert await listed() == ["Bayu Tetap", "Citra Awal"]
    await api.ok(update, {"p": {"displayName": "Ani Baru"}}, mentor.token)
    assert await listed() == ["Ani Baru", "Bayu Tetap"]
    assert await listed({"text": "baru"}) == ["Ani Baru"]
    await api.ok(update, {"p": {"listedInDirectory": False}}, mentor.token)
    assert await listed() == ["Bayu Tetap"]
    await api.ok(update, {"p": {"listedInDirectory": True}}, mentor.token)
    assert await listed({"text": "budget"}) == ["Ani Baru"]
    await api.ok(update, {"p": {"expertise": [{"skill": "podcasting", "level": 2}]}}, mentor.token)
    assert await listed({"text": "budget"}) == []
    assert await listed({"text": "podcast"}) == ["Ani Baru"]
    assert await listed({"overlapsMyAvailability": True}) == ["Ani Baru"]
    await api.ok(update, {"p": {"availability": []}}, mentor.token)
    assert await listed({"overlapsMyAvailability": True}) == []

    toggle = "mutation($o: Boolean!) { setOpenForRequests(open: $o) }"
    await api.ok(toggle, {"o": False}, mentor.token)
    assert await listed({"openOnly": True}) == ["Bayu Tetap"]
    await api.ok(toggle, {"o": True}, mentor.token)
    assert await listed({"openOnly": True}) == ["Ani Baru", "Bayu Tetap"]

    # a relationship takes the only place (and closes the profile); ending it frees it
    asked = await api.ok(
        'mutation($p: ID!, $m: ID!) { requestMentor(programmeId: $p, mentorId: $m, message: "")'
        " { id } }",
        {"p": world.programme_id, "m": mentor.id},
        mentee.token,
    )
    accepted = await api.ok(
        "mutation($r: ID!) { acceptRequest(requestId: $r) { relationshipId } }",
        {"r": asked["requestMentor"]["id"]},
        mentor.token,
    )
    assert await listed({"withCapacity": True}) == ["Bayu Tetap"]
    assert await listed({"openOnly": True}) == ["Bayu Tetap"]
    await api.ok(
        'mutation($r: ID!) { cancelRelationship(relationshipId: $r, reason: "Pindah kota") '
        "{ status } }",
        {"r": accepted["acceptRequest"]["relationshipId"]},
        mentor.token,
    )
    assert await listed({"withCapacity": True}) == ["Ani Baru", "Bayu Tetap"]

    await api.ok(
        "mutation($pw: String!) { deleteMyAccount(password: $pw) }", {"pw": PASSWORD}, other.token
    )
    assert await listed() == ["Ani Baru"]
