"""Profiles: editing one's own, and who may see what of anyone else's."""

from __future__ import annotations

from tests.support import UPDATE_PROFILE, Api, approved_mentor, code_of, enrol, open_programme

FULL = """query($id: ID!) { profile(userId: $id) { displayName bio goals isMinor birthYear
  contactEmail contactPhone learningNeeds { skill targetLevel } expertise { skill level } } }"""
MINE = """{ me { profile { displayName bio timezone languages availability { weekday start end }
  communicationStyle questionnaire { question answer } capacity openForRequests birthYear
  isMinor contactEmail listedInDirectory
  expertise { skill level focusArea { slug } } learningNeeds { skill targetLevel priority } } } }"""


async def test_edit_own_profile(api: Api) -> None:
    world = await open_programme(api)
    person = await api.register()
    await enrol(api, person, world, asMentee=True)  # joins the org, so its focus areas apply
    changes = {
        "displayName": "Putu Ayu",
        "bio": "Penggerak kampanye air bersih di Bali.",
        "timezone": "Asia/Makassar",
        "languages": ["id", "EN", "id"],
        "availability": [{"weekday": 5, "start": "09:00", "end": "12:00"}],
        "communicationStyle": "REFLECTIVE",
        "questionnaire": [{"question": "pace", "answer": 4}],
        "capacity": 3,
        "openForRequests": False,
        "birthYear": 1994,
        "contactEmail": "putu@example.org",
        "listedInDirectory": False,
        "expertise": [{"skill": "Storytelling", "level": 4, "focusArea": "digital-storytelling"}],
        "learningNeeds": [
            {
                "skill": "budgeting",
                "targetLevel": 4,
                "priority": 3,
                "focusArea": "financial-management",
            }
        ],
    }
    await api.ok(UPDATE_PROFILE, {"p": changes}, person.token)
    profile = (await api.ok(MINE, token=person.token))["me"]["profile"]
    assert profile == {
        "displayName": "Putu Ayu",
        "bio": "Penggerak kampanye air bersih di Bali.",
        "timezone": "Asia/Makassar",
        "languages": ["id", "en"],
        "availability": [{"weekday": 5, "start": "09:00", "end": "12:00"}],
        "communicationStyle": "REFLECTIVE",
        "questionnaire": [{"question": "pace", "answer": 4}],
        "capacity": 3,
        "openForRequests": False,
        "birthYear": 1994,
        "isMinor": False,
        "contactEmail": "putu@example.org",
        "listedInDirectory": False,
        "expertise": [
            {"skill": "storytelling", "level": 4, "focusArea": {"slug": "digital-storytelling"}}
        ],
        "learningNeeds": [{"skill": "budgeting", "targetLevel": 4, "priority": 3}],
    }
    # birth year can be cleared; unknown age counts as a minor
    await api.ok(UPDATE_PROFILE, {"p": {"birthYear": None}}, person.token)
    again = (await api.ok(MINE, token=person.token))["me"]["profile"]
    assert (again["birthYear"], again["isMinor"], again["bio"]) == (
        None,
        True,
        "Penggerak kampanye air bersih di Bali.",
    )


async def test_invalid_profile_changes_nothing(api: Api) -> None:
    person = await api.register()
    await api.ok(UPDATE_PROFILE, {"p": {"bio": "asli"}}, person.token)
    cases = [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"languages": ["klingon"]}, "languages"),
        ({"availability": [{"weekday": 7, "start": "09:00", "end": "10:00"}]}, "availability"),
        ({"availability": [{"weekday": 1, "start": "11:00", "end": "10:00"}]}, "availability"),
        ({"capacity": 0}, "capacity"),
        ({"birthYear": 1800}, "birthYear"),
        ({"questionnaire": [{"question": "pace", "answer": 9}]}, "questionnaire"),
        ({"expertise": [{"skill": "x", "level": 6}]}, "expertise.0.level"),
        (
            {"learningNeeds": [{"skill": "x", "targetLevel": 3, "priority": 5}]},
            "learningNeeds.0.priority",
        ),
        ({"expertise": [{"skill": "x", "level": 3, "focusArea": "not-mine"}]}, "expertise"),
        ({"bio": None}, "bio"),
    ]
    for bad, field in cases:
        error = await api.error(UPDATE_PROFILE, {"p": {"bio": "diubah", **bad}}, person.token)
        assert (code_of(error), error["extensions"].get("field")) == ("BAD_USER_INPUT", field)
    profile = (await api.ok(MINE, token=person.token))["me"]["profile"]
    assert profile["bio"] == "asli" and profile["timezone"] == "Asia/Jakarta"


async def test_signed_out_cannot_edit(api: Api) -> None:
    error = await api.error(UPDATE_PROFILE, {"p": {"bio": "x"}})
    assert code_of(error) == "UNAUTHENTICATED"


async def test_mentee_profile_is_private(api: Api) -> None:
    world = await open_programme(api)
    mentee = await api.register()
    await enrol(api, mentee, world, asMentee=True)
    await api.ok(
        UPDATE_PROFILE,
        {"p": {"goals": "Belajar anggaran", "birthYear": 2009, "contactPhone": "+62 812 0000"}},
        mentee.token,
    )
    peer = await api.register()
    await enrol(api, peer, world, asMentee=True)
    assert code_of(await api.error(FULL, {"id": mentee.id}, peer.token)) == "NOT_FOUND"
    node = await api.ok(
        "query($id: ID!) { node(id: $id) { ... on User { displayName } } }",
        {"id": mentee.id},
        peer.token,
    )
    assert node["node"] is None
    stranger = await api.register()
    assert code_of(await api.error(FULL, {"id": mentee.id}, stranger.token)) == "NOT_FOUND"
    # the programme's coordinator sees everything, contact details included
    seen = (await api.ok(FULL, {"id": mentee.id}, world.coordinator.token))["profile"]
    assert seen["goals"] == "Belajar anggaran"
    assert seen["isMinor"] is True and seen["contactPhone"] == "+62 812 0000"


async def test_mentor_profile_is_public_within_the_programme_without_contacts(api: Api) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(
        api,
        world,
        {"contactEmail": "guru@example.org", "goals": "pribadi", "bio": "Mentor kampanye"},
    )
    mentee = await api.register()
    await enrol(api, mentee, world, asMentee=True)
    seen = (await api.ok(FULL, {"id": mentor.id}, mentee.token))["profile"]
    assert seen["bio"] == "Mentor kampanye"
    assert (
        seen["contactEmail"],
        seen["contactPhone"],
        seen["birthYear"],
        seen["goals"],
        seen["learningNeeds"],
    ) == (None, None, None, None, None)
    outsider = await api.register()
    assert code_of(await api.error(FULL, {"id": mentor.id}, outsider.token)) == "NOT_FOUND"


async def test_minor_mentor_is_never_public(api: Api) -> None:
    world = await open_programme(api)
    young = await approved_mentor(api, world, {"birthYear": 2010, "bio": "Kakak kelas"})
    mentee = await api.register()
    await enrol(api, mentee, world, asMentee=True)
    assert code_of(await api.error(FULL, {"id": young.id}, mentee.token)) == "NOT_FOUND"
