"""Mentor training and levels: modules, completions, the five levels with their
requirements explained in both languages, promotions confirmed by coordinators, the history,
and the notifications that announce eligibility once."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

import pytest

from models import eligibility
from models.eligibility import progress_of
from models.level_watch import announce_eligible, reconsider
from models.levels import (
    Level,
    MentorStanding,
    current_level,
    level_ranks,
    members_per_level,
    promotions,
)
from tests.open_badges import eventually
from tests.support import (
    PASSWORD,
    SCREEN,
    UPDATE_PROFILE,
    Api,
    Person,
    ProgrammeWorld,
    acknowledge,
    code_of,
    enrol,
    open_programme,
    pair_up,
    relay_pk,
)
from tests.test_badges import awarded
from tests.test_directory import count_queries

MODULE = "id title content link requiredFor archived organisationId myCompletion { status }"
CREATE = f"mutation($i: TrainingModuleInput!) {{ createTrainingModule(input: $i) {{ {MODULE} }} }}"
UPDATE = f"""mutation($id: ID!, $c: TrainingModuleChanges!) {{
  updateTrainingModule(id: $id, changes: $c) {{ {MODULE} }} }}"""
ARCHIVE = """mutation($id: ID!, $a: Boolean!) { archiveTrainingModule(id: $id, archived: $a) {
  archived } }"""
MODULES = """query($o: ID!, $all: Boolean!) { trainingModules(organisationId: $o,
  includeArchived: $all) { id title archived myCompletion { status } } }"""
DECLARE = """mutation($m: ID!) { declareTrainingCompleted(moduleId: $m) {
  status declaredAt confirmedAt } }"""
WITHDRAW = "mutation($m: ID!) { withdrawTrainingDeclaration(moduleId: $m) }"
CONFIRM = """mutation($m: ID!, $u: ID!) { confirmTraining(moduleId: $m, userId: $u) {
  status declaredAt confirmedAt confirmedBy { displayName } user { id } module { title } } }"""
DECLINE = """mutation($m: ID!, $u: ID!, $r: String!) {
  declineTrainingDeclaration(moduleId: $m, userId: $u, reason: $r) }"""
DECLARATIONS = """query($o: ID!) { trainingDeclarations(organisationId: $o) {
  user { id } module { id } status } }"""
PROGRESS = """query($o: ID!, $u: ID) { mentorProgress(organisationId: $o, userId: $u) {
  user { id } level { level name } nextLevel { level name nameId nameEn rank } eligible
  nominated requirements { key met current target text textId textEn }
  summary summaryId summaryEn
  promotions { kind fromLevel toLevel note actor { displayName } }
  history { kind note actor { displayName } module { title } focusArea { slug }
            fromLevel toLevel } } }"""
PROMOTE = """mutation($o: ID!, $u: ID!, $to: MentorLevel!) {
  promoteMentor(organisationId: $o, userId: $u, to: $to) {
    level { level } eligible nextLevel { level } } }"""
CORRECT = """mutation($o: ID!, $u: ID!, $to: MentorLevel, $r: String!) {
  correctMentorLevel(organisationId: $o, userId: $u, to: $to, reason: $r) {
    level { level } nextLevel { level } } }"""
NOMINATE = """mutation($o: ID!, $u: ID!, $r: String!) {
  nominateCommunityLeader(organisationId: $o, userId: $u, reason: $r) { nominated eligible } }"""
WITHDRAW_NOMINATION = """mutation($o: ID!, $u: ID!, $r: String!) {
  withdrawNomination(organisationId: $o, userId: $u, reason: $r) { nominated eligible } }"""
EXPERTISE = """mutation($o: ID!, $u: ID!, $f: String!) {
  confirmExpertise(organisationId: $o, userId: $u, focusArea: $f) {
    level focusArea { slug } confirmedBy { displayName } user { id } } }"""
RULES = """query($o: ID!) { levelRules(organisationId: $o) { groupMentorRelationships
  groupMentorDays coachMinRatings coachMeanRating expertiseLevel levels { level name rank } } }"""
SET_RULES = """mutation($o: ID!, $i: LevelRulesInput!) { setLevelRules(organisationId: $o,
  input: $i) { groupMentorRelationships groupMentorDays coachMinRatings coachMeanRating
  expertiseLevel } }"""
LEVELS = """query($o: ID!, $e: Boolean!, $l: MentorLevel, $f: Int!, $a: ID) {
  mentorLevels(organisationId: $o, eligibleOnly: $e, level: $l, first: $f, after: $a) {
    user { id } level { level } eligible summary } }"""
NOTIFICATIONS = "{ myNotifications { kind title body } }"
COMPLETE = "mutation($r: ID!) { completeRelationship(relationshipId: $r) { status } }"
SCHEDULE = """mutation($i: SessionInput!) { scheduleSession(input: $i) { id } }"""
HELD = """mutation($s: ID!) { recordSessionHeld(sessionId: $s, attended: []) { status } }"""
FEEDBACK = """mutation($s: ID!, $r: Int!) { giveFeedback(sessionId: $s, rating: $r) { rating } }"""

COMPLETE_PROFILE = {
    "bio": "Penggalang dana komunitas sejak 2015.",
    "birthYear": 1988,
    "languages": ["id", "en"],
    "availability": [{"weekday": 2, "start": "19:00", "end": "21:00"}],
    "expertise": [{"skill": "cerita kampanye", "level": 4, "focusArea": "digital-storytelling"}],
}


@dataclass
class LevelsWorld:
    world: ProgrammeWorld
    basic: str  # module required for Mentor Candidate
    certification: str  # module required for Community Mentor

    @property
    def org(self) -> str:
        return self.world.org_id

    @property
    def coordinator(self) -> Person:
        return self.world.coordinator


def field_of(error: dict) -> str | None:
    return error["extensions"].get("field")


async def levels_world(api: Api) -> LevelsWorld:
    """An organisation whose programme started two days ago, with two required modules."""
    world = await open_programme(api, startsOn=(date.today() - timedelta(days=2)).isoformat())
    made = []
    for title, level in (("Dasar-dasar mentoring", "MENTOR_CANDIDATE"),
                         ("Sertifikasi mentor", "COMMUNITY_MENTOR")):  # fmt: skip
        module = await api.ok(
            CREATE,
            {
                "i": {
                    "organisationId": world.org_id,
                    "title": title,
                    "content": "Baca modul, lalu kerjakan latihannya.",
                    "link": "https://belajar.rajut.test/" + level.lower(),
                    "requiredFor": level,
                }
            },
            world.coordinator.token,
        )
        made.append(module["createTrainingModule"]["id"])
    return LevelsWorld(world, *made)


async def mentor_of(
    api: Api, world: ProgrammeWorld, profile: dict | None = None, locale: str = "id"
) -> Person:
    """An approved mentor of the programme (so a member of its organisation)."""
    mentor = await api.register(locale=locale)
    enrolment = await enrol(api, mentor, world, asMentor=True)
    await api.ok(SCREEN, {"e": enrolment, "d": "APPROVE", "r": ""}, world.coordinator.token)
    await api.ok(UPDATE_PROFILE, {"p": profile or {"birthYear": 1990}}, mentor.token)
    return mentor


async def progress(api: Api, lw: LevelsWorld, person: Person, viewer: Person) -> dict:
    found = await api.ok(PROGRESS, {"o": lw.org, "u": person.id}, viewer.token)
    return found["mentorProgress"]


async def confirm(api: Api, lw: LevelsWorld, module: str, person: Person) -> None:
    await api.ok(CONFIRM, {"m": module, "u": person.id}, lw.coordinator.token)


async def promote(api: Api, lw: LevelsWorld, person: Person, to: str) -> dict:
    done = await api.ok(PROMOTE, {"o": lw.org, "u": person.id, "to": to}, lw.coordinator.token)
    return done["promoteMentor"]


async def community_mentor(api: Api, lw: LevelsWorld) -> Person:
    """A mentor taken through the first two levels, as coordinators would."""
    mentor = await mentor_of(api, lw.world, {**COMPLETE_PROFILE, "capacity": 3})
    await confirm(api, lw, lw.basic, mentor)
    await promote(api, lw, mentor, "MENTOR_CANDIDATE")
    await confirm(api, lw, lw.certification, mentor)
    await api.ok(
        EXPERTISE, {"o": lw.org, "u": mentor.id, "f": "digital-storytelling"}, lw.coordinator.token
    )
    await promote(api, lw, mentor, "COMMUNITY_MENTOR")
    return mentor


async def notified(api: Api, person: Person, kind: str, about: str) -> list[dict]:
    """The person's notifications of a kind whose title names ``about``, once one came."""
    async with asyncio.timeout(15):
        while True:
            found = (await api.ok(NOTIFICATIONS, token=person.token))["myNotifications"]
            matching = [n for n in found if n["kind"] == kind and about in n["title"]]
            if matching:
                return matching
            await asyncio.sleep(0.2)


async def test_coordinators_manage_training_modules(api: Api) -> None:
    lw = await levels_world(api)
    mentor = await mentor_of(api, lw.world)
    outsider = await api.register()
    optional = {"organisationId": lw.org, "title": "Mendengar aktif", "content": "Latihan."}
    for bad, field in (
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"link": "ftp://files.rajut.test/modul.pdf"}, "link"),
        ({"link": "https://" + "a" * 500 + ".test"}, "link"),
        ({"content": "", "link": ""}, "content"),
        ({"content": "x" * 20_001}, "content"),
        ({"organisationId": lw.world.programme_id}, "organisationId"),
    ):
        error = await api.error(CREATE, {"i": {**optional, **bad}}, lw.coordinator.token)
        assert (code_of(error), field_of(error)) == ("BAD_USER_INPUT", field), (bad, error)
    assert code_of(await api.error(CREATE, {"i": optional}, mentor.token)) == "FORBIDDEN"
    assert code_of(await api.error(CREATE, {"i": optional}, outsider.token)) == "NOT_FOUND"
    made = (await api.ok(CREATE, {"i": optional}, lw.coordinator.token))["createTrainingModule"]
    assert made["requiredFor"] is None and made["link"] == "" and made["organisationId"] == lw.org

    changed = await api.ok(
        UPDATE,
        {"id": lw.basic, "c": {"title": "Dasar mentoring", "requiredFor": None}},
        lw.coordinator.token,
    )
    assert changed["updateTrainingModule"]["title"] == "Dasar mentoring"
    assert changed["updateTrainingModule"]["requiredFor"] is None
    assert changed["updateTrainingModule"]["content"].startswith("Baca modul")  # kept
    for bad, field in (({"title": None}, "title"), ({"link": "javascript:alert(1)"}, "link")):
        error = await api.error(UPDATE, {"id": lw.basic, "c": bad}, lw.coordinator.token)
        assert (code_of(error), field_of(error)) == ("BAD_USER_INPUT", field)
    emptied = await api.error(
        UPDATE, {"id": made["id"], "c": {"content": ""}}, lw.coordinator.token
    )
    assert code_of(emptied) == "BAD_USER_INPUT"  # neither content nor link would be left
    denied = await api.error(UPDATE, {"id": lw.basic, "c": {"title": "x"}}, mentor.token)
    assert code_of(denied) == "FORBIDDEN"
    hidden = await api.error(UPDATE, {"id": lw.basic, "c": {"title": "x"}}, outsider.token)
    assert (code_of(hidden), field_of(hidden)) == ("NOT_FOUND", "moduleId")

    archived = await api.ok(ARCHIVE, {"id": made["id"], "a": True}, lw.coordinator.token)
    assert archived["archiveTrainingModule"]["archived"] is True
    assert code_of(await api.error(ARCHIVE, {"id": made["id"], "a": False}, mentor.token)) == (
        "FORBIDDEN"
    )
    listed = (await api.ok(MODULES, {"o": lw.org, "all": False}, mentor.token))["trainingModules"]
    assert [m["title"] for m in listed] == ["Dasar mentoring", "Sertifikasi mentor"]
    assert code_of(await api.error(MODULES, {"o": lw.org, "all": True}, mentor.token)) == (
        "FORBIDDEN"
    )
    everything = await api.ok(MODULES, {"o": lw.org, "all": True}, lw.coordinator.token)
    assert len(everything["trainingModules"]) == 3
    assert code_of(await api.error(MODULES, {"o": lw.org, "all": False}, outsider.token)) == (
        "NOT_FOUND"
    )
    node = "query($id: ID!) { node(id: $id) { ... on TrainingModule { title } } }"
    assert (await api.ok(node, {"id": lw.basic}, mentor.token))["node"] == {
        "title": "Dasar mentoring"
    }
    assert (await api.ok(node, {"id": lw.basic}, outsider.token))["node"] is None
    declared = await api.error(DECLARE, {"m": made["id"]}, mentor.token)
    assert code_of(declared) == "CONFLICT"  # archived modules are no longer offered


async def test_completions_are_declared_confirmed_withdrawn_and_kept(api: Api) -> None:
    lw = await levels_world(api)
    mentor = await mentor_of(api, lw.world, locale="en")
    other = await mentor_of(api, lw.world)
    outsider = await api.register()

    first = (await api.ok(DECLARE, {"m": lw.basic}, mentor.token))["declareTrainingCompleted"]
    again = (await api.ok(DECLARE, {"m": lw.basic}, mentor.token))["declareTrainingCompleted"]
    assert first == again and first["status"] == "DECLARED" and first["confirmedAt"] is None
    assert code_of(await api.error(DECLARE, {"m": lw.basic}, outsider.token)) == "NOT_FOUND"
    assert (await api.ok(WITHDRAW, {"m": lw.basic}, mentor.token))["withdrawTrainingDeclaration"]
    assert not (await api.ok(WITHDRAW, {"m": lw.basic}, mentor.token))[
        "withdrawTrainingDeclaration"
    ]
    await api.ok(DECLARE, {"m": lw.basic}, mentor.token)
    waiting = (await api.ok(DECLARATIONS, {"o": lw.org}, lw.coordinator.token))[
        "trainingDeclarations"
    ]
    assert waiting == [
        {"user": {"id": mentor.id}, "module": {"id": lw.basic}, "status": "DECLARED"}
    ]
    assert code_of(await api.error(DECLARATIONS, {"o": lw.org}, other.token)) == "FORBIDDEN"

    # another member may not confirm or decline; a coordinator declines only with a reason
    denied = await api.error(CONFIRM, {"m": lw.basic, "u": mentor.id}, other.token)
    assert code_of(denied) == "FORBIDDEN"
    denied = await api.error(DECLINE, {"m": lw.basic, "u": mentor.id, "r": "x"}, other.token)
    assert code_of(denied) == "FORBIDDEN"
    no_reason = await api.error(
        DECLINE, {"m": lw.basic, "u": mentor.id, "r": "  "}, lw.coordinator.token
    )
    assert (code_of(no_reason), field_of(no_reason)) == ("BAD_USER_INPUT", "reason")
    declined = await api.ok(
        DECLINE,
        {"m": lw.basic, "u": mentor.id, "r": "Latihan akhirnya belum dikirim."},
        lw.coordinator.token,
    )
    assert declined["declineTrainingDeclaration"] is True
    await api.ok(DECLARE, {"m": lw.basic}, mentor.token)
    confirmed = (await api.ok(CONFIRM, {"m": lw.basic, "u": mentor.id}, lw.coordinator.token))[
        "confirmTraining"
    ]
    assert confirmed["status"] == "CONFIRMED" and confirmed["declaredAt"]
    assert confirmed["confirmedBy"]["displayName"] == lw.coordinator.name
    twice = (await api.ok(CONFIRM, {"m": lw.basic, "u": mentor.id}, lw.coordinator.token))[
        "confirmTraining"
    ]
    assert twice == confirmed
    assert code_of(await api.error(WITHDRAW, {"m": lw.basic}, mentor.token)) == "CONFLICT"
    late = await api.error(DECLINE, {"m": lw.basic, "u": mentor.id, "r": "x"}, lw.coordinator.token)
    assert code_of(late) == "CONFLICT"

    # directly, without a declaration; never for oneself; only members of the organisation
    direct = (await api.ok(CONFIRM, {"m": lw.basic, "u": other.id}, lw.coordinator.token))[
        "confirmTraining"
    ]
    assert direct["status"] == "CONFIRMED" and direct["declaredAt"] is None
    own = await api.error(CONFIRM, {"m": lw.basic, "u": lw.coordinator.id}, lw.coordinator.token)
    assert code_of(own) == "FORBIDDEN"
    stranger = await api.error(CONFIRM, {"m": lw.basic, "u": outsider.id}, lw.coordinator.token)
    assert (code_of(stranger), field_of(stranger)) == ("NOT_FOUND", "userId")
    mine = (await api.ok(MODULES, {"o": lw.org, "all": False}, mentor.token))["trainingModules"]
    assert [m["myCompletion"] for m in mine] == [{"status": "CONFIRMED"}, None]

    history = (await progress(api, lw, mentor, mentor))["history"]
    assert [(h["kind"], h["actor"]["displayName"]) for h in history] == [
        ("TRAINING_DECLARED", mentor.name),
        ("TRAINING_WITHDRAWN", mentor.name),
        ("TRAINING_DECLARED", mentor.name),
        ("TRAINING_DECLINED", lw.coordinator.name),
        ("TRAINING_DECLARED", mentor.name),
        ("TRAINING_CONFIRMED", lw.coordinator.name),
    ]
    assert history[3]["note"] == "Latihan akhirnya belum dikirim."
    assert {h["module"]["title"] for h in history} == {"Dasar-dasar mentoring"}


async def test_progress_is_explained_to_the_mentor_and_coordinators_only(api: Api) -> None:
    lw = await levels_world(api)
    mentor = await mentor_of(api, lw.world, {"birthYear": 1990, "languages": ["id"]}, "en")
    other = await mentor_of(api, lw.world)
    outsider = await api.register()
    await api.ok(DECLARE, {"m": lw.basic}, mentor.token)

    mine = (await api.ok(PROGRESS, {"o": lw.org}, mentor.token))["mentorProgress"]
    assert mine["user"]["id"] == mentor.id and mine["level"] is None
    assert mine["nextLevel"] == {
        "level": "MENTOR_CANDIDATE",
        "name": "Mentor Candidate",
        "nameId": "Kandidat Mentor",
        "nameEn": "Mentor Candidate",
        "rank": 1,
    }
    assert mine["eligible"] is False
    profile, training = mine["requirements"]
    assert (profile["key"], profile["met"], profile["current"], profile["target"]) == (
        "profile", False, 2, 5,
    )  # fmt: skip
    assert profile["textEn"] == (
        "Complete profile (platform proficiency): 2 of 5 parts filled in; still missing: "
        "a bio, weekly availability, expertise."
    )
    assert profile["textId"] == (
        "Profil lengkap (kecakapan platform): 2 dari 5 bagian terisi; yang belum: bio, "
        "ketersediaan mingguan, keahlian."
    )
    assert profile["text"] == profile["textEn"]  # the mentor reads English
    assert training["textEn"] == (
        "Basic mentor training: 0 of 1 modules confirmed; waiting for a coordinator's "
        "confirmation: Dasar-dasar mentoring."
    )
    assert mine["summary"] == "Towards Mentor Candidate: 0 of 2 requirements met."
    assert mine["summaryId"] == "Menuju Kandidat Mentor: 0 dari 2 syarat terpenuhi."

    seen = await progress(api, lw, mentor, lw.coordinator)  # the coordinator reads Indonesian
    assert seen["requirements"][0]["text"] == profile["textId"]
    assert seen["summary"] == mine["summaryId"]

    # other members may not look; outside the organisation nothing exists
    refused = await api.error(PROGRESS, {"o": lw.org, "u": mentor.id}, other.token)
    assert code_of(refused) == "FORBIDDEN"
    hidden = await api.error(PROGRESS, {"o": lw.org, "u": mentor.id}, outsider.token)
    assert (code_of(hidden), field_of(hidden)) == ("NOT_FOUND", "organisationId")
    not_member = await api.error(PROGRESS, {"o": lw.org, "u": outsider.id}, lw.coordinator.token)
    assert (code_of(not_member), field_of(not_member)) == ("NOT_FOUND", "userId")
    wrong_kind = await api.error(PROGRESS, {"o": lw.world.programme_id}, mentor.token)
    assert code_of(wrong_kind) == "BAD_USER_INPUT"


async def test_promotions_are_confirmed_one_level_at_a_time_and_announced(api: Api) -> None:
    lw = await levels_world(api)
    mentor = await mentor_of(api, lw.world, COMPLETE_PROFILE)
    other = await mentor_of(api, lw.world)
    await api.ok(DECLARE, {"m": lw.basic}, mentor.token)
    early = await api.error(
        PROMOTE, {"o": lw.org, "u": mentor.id, "to": "MENTOR_CANDIDATE"}, lw.coordinator.token
    )
    assert (code_of(early), field_of(early)) == ("CONFLICT", "to")
    assert "Basic mentor training: 0 of 1" in early["message"]
    await confirm(api, lw, lw.basic, mentor)

    # eligibility announces itself to the mentor and the coordinators, once
    [told] = await notified(api, mentor, "LEVEL_ELIGIBLE", "Mentor Candidate")
    assert told["title"] == (
        "Anda memenuhi syarat Kandidat Mentor / You are eligible for Mentor Candidate"
    )
    [heard] = await notified(api, lw.coordinator, "LEVEL_ELIGIBLE", "Mentor Candidate")
    assert mentor.name in heard["title"] and "promoteMentor" in heard["body"]
    assert await reconsider(relay_pk(lw.org), [relay_pk(mentor.id)]) == 0  # claimed already
    # several processes finding the same new eligibility at once: one announcement
    found = replace(await progress_of(relay_pk(lw.org), relay_pk(mentor.id)), changes=99)
    racing = await asyncio.gather(
        *(announce_eligible(found, "Merajut ASA", mentor.name, set()) for _ in range(3))
    )
    assert sorted(racing) == [False, False, True]
    assert len(await notified(api, mentor, "LEVEL_ELIGIBLE", "Mentor Candidate")) == 2
    assert (await api.ok(NOTIFICATIONS, token=other.token))["myNotifications"] == []

    ready = await progress(api, lw, mentor, lw.coordinator)
    assert ready["eligible"] is True
    assert ready["summaryEn"] == (
        "Eligible for Mentor Candidate: every requirement is met; a coordinator confirms the "
        "promotion."
    )
    for token, code in ((other.token, "FORBIDDEN"), (mentor.token, "FORBIDDEN")):
        refused = await api.error(
            PROMOTE, {"o": lw.org, "u": mentor.id, "to": "MENTOR_CANDIDATE"}, token
        )
        assert code_of(refused) == code
    skipping = await api.error(
        PROMOTE, {"o": lw.org, "u": mentor.id, "to": "GROUP_MENTOR"}, lw.coordinator.token
    )
    assert (code_of(skipping), field_of(skipping)) == ("CONFLICT", "to")

    # two coordinators' confirmations at once make one promotion
    promoted = await asyncio.gather(
        *(
            api.post(PROMOTE, {"o": lw.org, "u": mentor.id, "to": "MENTOR_CANDIDATE"},
                     lw.coordinator.token)
            for _ in range(4)
        )
    )  # fmt: skip
    assert any(not p.get("errors") for p in promoted)
    assert all(code_of(p["errors"][0]) == "CONFLICT" for p in promoted if p.get("errors"))
    now_candidate = await progress(api, lw, mentor, mentor)
    assert now_candidate["level"]["level"] == "MENTOR_CANDIDATE"
    assert [p["kind"] for p in now_candidate["promotions"]] == ["PROMOTED"]
    assert now_candidate["promotions"][0]["actor"]["displayName"] == lw.coordinator.name
    [changed] = await notified(api, mentor, "LEVEL_CHANGED", "Promoted")
    assert changed["title"] == "Naik level: Kandidat Mentor / Promoted: Mentor Candidate"

    # Community Mentor: certification and confirmed expertise at level 4
    assert [r["key"] for r in now_candidate["requirements"]] == ["training", "expertise"]
    await confirm(api, lw, lw.certification, mentor)
    for focus, code, field in (
        ("tidak-ada", "BAD_USER_INPUT", "focusArea"),
        ("financial-management", "CONFLICT", "focusArea"),  # the profile claims nothing there
    ):
        error = await api.error(
            EXPERTISE, {"o": lw.org, "u": mentor.id, "f": focus}, lw.coordinator.token
        )
        assert (code_of(error), field_of(error)) == (code, field)
    refused = await api.error(
        EXPERTISE, {"o": lw.org, "u": mentor.id, "f": "digital-storytelling"}, other.token
    )
    assert code_of(refused) == "FORBIDDEN"
    missing = await progress(api, lw, mentor, mentor)
    expertise = missing["requirements"][1]
    assert (expertise["met"], expertise["current"], expertise["target"]) == (False, 0, 4)
    assert "no focus area confirmed by a coordinator at level 4" in expertise["textEn"]
    not_yet = await api.error(
        PROMOTE, {"o": lw.org, "u": mentor.id, "to": "COMMUNITY_MENTOR"}, lw.coordinator.token
    )
    assert code_of(not_yet) == "CONFLICT"
    seen = await api.ok(
        EXPERTISE, {"o": lw.org, "u": mentor.id, "f": "digital-storytelling"}, lw.coordinator.token
    )
    assert seen["confirmExpertise"]["level"] == 4
    await notified(api, mentor, "LEVEL_ELIGIBLE", "Community Mentor")
    assert (await promote(api, lw, mentor, "COMMUNITY_MENTOR"))["level"] == {
        "level": "COMMUNITY_MENTOR"
    }
    assert (await promote(api, lw, mentor, "COMMUNITY_MENTOR"))["level"] == {
        "level": "COMMUNITY_MENTOR"
    }  # asked again: nothing changes
    done = await progress(api, lw, mentor, lw.coordinator)
    assert [p["toLevel"] for p in done["promotions"]] == ["MENTOR_CANDIDATE", "COMMUNITY_MENTOR"]
    assert done["requirements"][0]["textEn"] == "Completed mentoring relationships: 0 of 5."
    # the default "Community Mentor" badge follows the level (models/badge_rules.py)
    badge = await eventually(lambda: awarded(api, mentor, "community-mentor"))
    assert badge["badge"]["name"]


async def schedule_held(api: Api, relationship: str, mentor: Person, days_ago: int) -> str:
    starts = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(days=days_ago)
    session = await api.ok(
        SCHEDULE,
        {
            "i": {
                "relationshipId": relationship,
                "startsAt": starts.isoformat(),
                "endsAt": (starts + timedelta(hours=1)).isoformat(),
            }
        },
        mentor.token,
    )
    session_id = session["scheduleSession"]["id"]
    await api.ok(HELD, {"s": session_id}, mentor.token)
    return session_id


async def test_group_mentor_coach_and_leader_follow_the_data(api: Api) -> None:
    lw = await levels_world(api)
    mentor = await community_mentor(api, lw)
    other = await mentor_of(api, lw.world)
    for bad, field in (
        ({"groupMentorRelationships": 0}, "groupMentorRelationships"),
        ({"coachMeanRating": 5.5}, "coachMeanRating"),
        ({"expertiseLevel": 6}, "expertiseLevel"),
        ({"coachMinRatings": None}, "coachMinRatings"),
        ({"groupMentorDays": 4000}, "groupMentorDays"),
    ):
        error = await api.error(SET_RULES, {"o": lw.org, "i": bad}, lw.coordinator.token)
        assert (code_of(error), field_of(error)) == ("BAD_USER_INPUT", field), bad
    denied = await api.error(SET_RULES, {"o": lw.org, "i": {"coachMinRatings": 2}}, other.token)
    assert code_of(denied) == "FORBIDDEN"
    rules = await api.ok(
        SET_RULES,
        {"o": lw.org, "i": {"groupMentorRelationships": 2, "groupMentorDays": 30,
                            "coachMinRatings": 2, "coachMeanRating": 4.5}},
        lw.coordinator.token,
    )  # fmt: skip
    assert rules["setLevelRules"] == {
        "groupMentorRelationships": 2,
        "groupMentorDays": 30,
        "coachMinRatings": 2,
        "coachMeanRating": 4.5,
        "expertiseLevel": 4,
    }
    read = (await api.ok(RULES, {"o": lw.org}, other.token))["levelRules"]
    assert read["groupMentorDays"] == 30 and [lv["rank"] for lv in read["levels"]] == [
        1,
        2,
        3,
        4,
        5,
    ]

    # Group Mentor: completed relationships, counted as they complete
    mentees = []
    for count in (1, 2):
        _, mentee, relationship = await pair_up(api, lw.world, mentor)
        await acknowledge(api, relationship, mentor, mentee)
        if count == 1:
            session = await schedule_held(api, relationship, mentor, 1)
            await api.ok(FEEDBACK, {"s": session, "r": 5}, mentee.token)
            await api.ok(FEEDBACK, {"s": session, "r": 1}, mentor.token)  # one's own: not counted
        await api.ok(COMPLETE, {"r": relationship}, mentor.token)
        mentees.append(mentee)
        if count == 1:
            halfway = await progress(api, lw, mentor, mentor)
            assert halfway["requirements"][0]["textId"] == "Pendampingan yang selesai: 1 dari 2."
    [told] = await notified(api, mentor, "LEVEL_ELIGIBLE", "Group Mentor")
    assert "Mentor Kelompok" in told["title"]
    await promote(api, lw, mentor, "GROUP_MENTOR")

    # Mentor Coach: time as Group Mentor, and ratings from mentees
    _, mentee, relationship = await pair_up(api, lw.world, mentor)
    await acknowledge(api, relationship, mentor, mentee)
    session = await schedule_held(api, relationship, mentor, 1)
    await api.ok(FEEDBACK, {"s": session, "r": 4}, mentee.token)
    coach = await progress(api, lw, mentor, mentor)
    days, ratings, mean = coach["requirements"]
    assert (days["key"], days["met"], days["current"], days["target"]) == (
        "days_as_group_mentor", False, 0, 30,
    )  # fmt: skip
    assert (ratings["met"], ratings["current"]) == (True, 2)
    assert (mean["met"], mean["current"]) == (True, 4.5)
    assert mean["textId"] == "Rata-rata penilaian sesi: 4,5 (perlu 4,5)."
    assert mean["textEn"] == "Mean session rating: 4.5 (4.5 needed)."
    # time passes: a month as Group Mentor; the watch's sweep notices without any event
    await MentorStanding.filter(
        organisation_id=relay_pk(lw.org), user_id=relay_pk(mentor.id)
    ).update(since=datetime.now(UTC) - timedelta(days=31))
    await notified(api, mentor, "LEVEL_ELIGIBLE", "Mentor Coach")
    await promote(api, lw, mentor, "MENTOR_COACH")

    # Community Leader: nominated by a coordinator for exceptional impact
    leader = await progress(api, lw, mentor, lw.coordinator)
    assert [r["key"] for r in leader["requirements"]] == ["nomination"]
    assert not leader["eligible"]
    no_reason = await api.error(
        NOMINATE, {"o": lw.org, "u": mentor.id, "r": ""}, lw.coordinator.token
    )
    assert (code_of(no_reason), field_of(no_reason)) == ("BAD_USER_INPUT", "reason")
    refused = await api.error(NOMINATE, {"o": lw.org, "u": mentor.id, "r": "x"}, other.token)
    assert code_of(refused) == "FORBIDDEN"
    not_coach = await api.error(
        NOMINATE, {"o": lw.org, "u": other.id, "r": "Hebat"}, lw.coordinator.token
    )
    assert code_of(not_coach) == "CONFLICT"
    impact = "Melatih 12 mentor baru dan menyusun modul pendampingan kelompok."
    nominated = await api.ok(NOMINATE, {"o": lw.org, "u": mentor.id, "r": impact},
                             lw.coordinator.token)  # fmt: skip
    assert nominated["nominateCommunityLeader"] == {"nominated": True, "eligible": True}
    withdrawn = await api.ok(
        WITHDRAW_NOMINATION, {"o": lw.org, "u": mentor.id, "r": "Terlalu cepat."},
        lw.coordinator.token,
    )  # fmt: skip
    assert withdrawn["withdrawNomination"] == {"nominated": False, "eligible": False}
    await api.ok(NOMINATE, {"o": lw.org, "u": mentor.id, "r": impact}, lw.coordinator.token)
    top = await promote(api, lw, mentor, "COMMUNITY_LEADER")
    assert top == {"level": {"level": "COMMUNITY_LEADER"}, "eligible": False, "nextLevel": None}
    highest = await progress(api, lw, mentor, mentor)
    assert highest["summaryEn"] == "Community Leader: the highest level."
    assert highest["summaryId"] == "Pemimpin Komunitas: level tertinggi."
    assert highest["requirements"] == [] and highest["nominated"] is False

    # corrections go down only, with a reason, and are kept with the promotions
    for variables, code in (
        ({"to": "GROUP_MENTOR", "r": " "}, "BAD_USER_INPUT"),
        ({"to": "COMMUNITY_LEADER", "r": "Salah klik."}, "CONFLICT"),
    ):
        error = await api.error(
            CORRECT, {"o": lw.org, "u": mentor.id, **variables}, lw.coordinator.token
        )
        assert code_of(error) == code
    refused = await api.error(
        CORRECT, {"o": lw.org, "u": mentor.id, "to": None, "r": "x"}, other.token
    )
    assert code_of(refused) == "FORBIDDEN"
    corrected = await api.ok(
        CORRECT,
        {"o": lw.org, "u": mentor.id, "to": "GROUP_MENTOR", "r": "Nominasi belum disetujui."},
        lw.coordinator.token,
    )
    assert corrected["correctMentorLevel"] == {
        "level": {"level": "GROUP_MENTOR"},
        "nextLevel": {"level": "MENTOR_COACH"},
    }
    [corrected_note] = await notified(api, mentor, "LEVEL_CHANGED", "corrected")
    assert "Nominasi belum disetujui." in corrected_note["body"]
    story = await progress(api, lw, mentor, mentor)
    assert [(p["kind"], p["fromLevel"], p["toLevel"]) for p in story["promotions"]] == [
        ("PROMOTED", None, "MENTOR_CANDIDATE"),
        ("PROMOTED", "MENTOR_CANDIDATE", "COMMUNITY_MENTOR"),
        ("PROMOTED", "COMMUNITY_MENTOR", "GROUP_MENTOR"),
        ("PROMOTED", "GROUP_MENTOR", "MENTOR_COACH"),
        ("PROMOTED", "MENTOR_COACH", "COMMUNITY_LEADER"),
        ("CORRECTED", "COMMUNITY_LEADER", "GROUP_MENTOR"),
    ]
    assert story["promotions"][-1]["note"] == "Nominasi belum disetujui."
    kinds = [h["kind"] for h in story["history"]]
    assert kinds.count("NOMINATED") == 2 and kinds.count("NOMINATION_WITHDRAWN") == 1
    assert "EXPERTISE_CONFIRMED" in kinds
    cleared = await api.ok(
        """mutation($o: ID!, $u: ID!) { correctMentorLevel(organisationId: $o, userId: $u,
          reason: "Mulai lagi dari awal.") { level { level } nextLevel { level } } }""",
        {"o": lw.org, "u": mentor.id},
        lw.coordinator.token,
    )  # no level at all
    assert cleared["correctMentorLevel"] == {
        "level": None,
        "nextLevel": {"level": "MENTOR_CANDIDATE"},
    }


async def test_coordinators_list_mentors_by_level_and_eligibility(api: Api) -> None:
    lw = await levels_world(api)
    ready = await mentor_of(api, lw.world, COMPLETE_PROFILE)
    waiting = await mentor_of(api, lw.world)
    await confirm(api, lw, lw.basic, ready)
    await api.ok(DECLARE, {"m": lw.basic}, waiting.token)
    everyone = await api.ok(
        LEVELS, {"o": lw.org, "e": False, "l": None, "f": 100, "a": None}, lw.coordinator.token
    )
    ids = [p["user"]["id"] for p in everyone["mentorLevels"]]
    assert ids == sorted([ready.id, waiting.id], key=relay_pk)
    eligible = await api.ok(
        LEVELS, {"o": lw.org, "e": True, "l": None, "f": 100, "a": None}, lw.coordinator.token
    )
    assert [p["user"]["id"] for p in eligible["mentorLevels"]] == [ready.id]
    assert eligible["mentorLevels"][0]["summary"].startswith("Memenuhi syarat untuk")
    page = await api.ok(
        LEVELS, {"o": lw.org, "e": False, "l": None, "f": 1, "a": ids[0]}, lw.coordinator.token
    )
    assert [p["user"]["id"] for p in page["mentorLevels"]] == ids[1:]
    await promote(api, lw, ready, "MENTOR_CANDIDATE")
    candidates = await api.ok(
        LEVELS,
        {"o": lw.org, "e": False, "l": "MENTOR_CANDIDATE", "f": 100, "a": None},
        lw.coordinator.token,
    )
    assert [p["user"]["id"] for p in candidates["mentorLevels"]] == [ready.id]
    # what badges and reports read
    org, person = relay_pk(lw.org), relay_pk(ready.id)
    assert await current_level(org, person) == Level.MENTOR_CANDIDATE
    assert await current_level(org, relay_pk(waiting.id)) is None
    assert await level_ranks(org) == {person: 1}
    assert await level_ranks(org, {relay_pk(waiting.id)}) == {}
    counts = await members_per_level(org)
    assert counts[Level.MENTOR_CANDIDATE] == 1 and sum(counts.values()) == 1
    [promotion] = await promotions(org)
    assert (promotion.user_id, promotion.to_level) == (person, Level.MENTOR_CANDIDATE)
    assert await promotions(org, person, since=promotion.at + timedelta(seconds=1)) == []
    refused = await api.error(
        LEVELS, {"o": lw.org, "e": False, "l": None, "f": 100, "a": None}, ready.token
    )
    assert code_of(refused) == "FORBIDDEN"
    too_many = await api.error(
        LEVELS, {"o": lw.org, "e": False, "l": None, "f": 501, "a": None}, lw.coordinator.token
    )
    assert (code_of(too_many), field_of(too_many)) == ("BAD_USER_INPUT", "first")


async def test_levels_are_in_the_export_and_leave_with_the_account(api: Api) -> None:
    lw = await levels_world(api)
    mentor = await mentor_of(api, lw.world, COMPLETE_PROFILE)
    await api.ok(DECLARE, {"m": lw.certification}, mentor.token)
    await confirm(api, lw, lw.basic, mentor)
    await promote(api, lw, mentor, "MENTOR_CANDIDATE")
    await api.ok(
        EXPERTISE, {"o": lw.org, "u": mentor.id, "f": "digital-storytelling"}, lw.coordinator.token
    )
    data = (await api.ok("{ exportMyData }", token=mentor.token))["exportMyData"]
    assert data["mentorLevels"] == [
        {
            "organisation_id": relay_pk(lw.org),
            "level": "mentor_candidate",
            "since": data["mentorLevels"][0]["since"],
            "nomination": "",
        }
    ]
    assert sorted((t["module_id"], t["status"]) for t in data["training"]) == [
        (relay_pk(lw.basic), "confirmed"),
        (relay_pk(lw.certification), "declared"),
    ]
    assert [e["level"] for e in data["expertiseConfirmations"]] == [4]
    assert [h["kind"] for h in data["levelHistory"]] == [
        "training_declared", "training_confirmed", "promoted", "expertise_confirmed",
    ]  # fmt: skip
    other = (await api.ok("{ exportMyData }", token=lw.coordinator.token))["exportMyData"]
    assert other["training"] == [] and other["levelHistory"] == []

    await api.ok(
        "mutation($p: String!) { deleteMyAccount(password: $p) }", {"p": PASSWORD}, mentor.token
    )
    gone = await api.ok(
        LEVELS, {"o": lw.org, "e": False, "l": None, "f": 100, "a": None}, lw.coordinator.token
    )
    assert gone["mentorLevels"] == []
    waiting = await api.ok(DECLARATIONS, {"o": lw.org}, lw.coordinator.token)
    assert waiting["trainingDeclarations"] == []


async def everyone(api: Api, lw: LevelsWorld) -> list[dict]:
    found = await api.ok(
        """query($o: ID!) { mentorLevels(organisationId: $o) { user { id displayName }
          level { name } nextLevel { name } eligible summary
          requirements { key met current target text } } }""",
        {"o": lw.org},
        lw.coordinator.token,
    )
    return found["mentorLevels"]


async def test_listing_an_organisation_costs_a_fixed_number_of_queries(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    lw = await levels_world(api)
    costs = {}
    for size in (2, 8):
        while len(await everyone(api, lw)) < size:
            mentor = await mentor_of(api, lw.world, COMPLETE_PROFILE)
            await confirm(api, lw, lw.basic, mentor)
        with count_queries() as statements:
            listed = await everyone(api, lw)
        assert len(listed) == size and all(p["eligible"] for p in listed)
        costs[size] = len(statements)
    print("queries per mentorLevels:", costs)
    assert costs[2] == costs[8], costs
    # many members are read by organisation rather than by name: the same answers
    org, people = relay_pk(lw.org), [relay_pk(p["user"]["id"]) for p in listed]
    named = await eligibility.evaluate(org, people[:5])
    monkeypatch.setattr(eligibility, "NAMED", 0)
    assert await eligibility.evaluate(org, people[:5]) == named
