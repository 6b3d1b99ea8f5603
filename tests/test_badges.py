"""Badges through the API: the default catalogue, awards from progress events (once, with a
notification, however often and however concurrently the events are evaluated), custom
badges, who sees badges on a profile, and each award as a verified Open Badges credential
that its status list revokes. Runs on SQLite and PostgreSQL against the served app, whose
recogniser runs in the background."""

from __future__ import annotations

import asyncio
import base64
import json
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from joserfc.errors import BadSignatureError

from tests.open_badges import checked_open_badge, eventually, revoked, verified
from tests.support import Api, Person, code_of, relay_pk
from tests.test_goals import GOAL, started
from tests.test_health import programme_of
from tests.test_knowledge import HELPFUL, draft, publish, seats
from tests.test_sessions import SCHEDULE, at

CATALOGUE = """query($o: ID!, $a: Boolean! = false) { badges(organisationId: $o,
  includeArchived: $a) { id key rule threshold icon name nameId nameEn criteria archived } }"""
MINE = "{ myBadges { id awardedAt revokedAt badge { key name } holder { id } } }"
NOTIFICATIONS = "{ myNotifications(first: 200) { kind title } }"
CREATE = """mutation($i: BadgeInput!) { createBadge(input: $i) { id key rule threshold } }"""
UPDATE = """mutation($b: ID!, $c: BadgeChanges!) { updateBadge(badgeId: $b, changes: $c) {
  nameEn threshold } }"""
ARCHIVE = "mutation($b: ID!, $a: Boolean!) { archiveBadge(badgeId: $b, archived: $a) { archived } }"
HOLDERS = "query($b: ID!) { badgeHolders(badgeId: $b) { id holder { id displayName } } }"
REVOKE = """mutation($a: ID!, $r: String!) { revokeBadgeAward(awardId: $a, reason: $r) {
  revokedAt } }"""
CREDENTIAL = "query($a: ID!) { badgeCredential(awardId: $a) { jwt credential } }"
PROFILE = "query($u: ID!) { profile(userId: $u) { showBadges badges { badge { key } } } }"
SHOW = "mutation($s: Boolean!) { updateProfile(input: {showBadges: $s}) { showBadges } }"
HELD = """mutation($s: ID!, $a: [ID!]!) { recordSessionHeld(sessionId: $s, attended: $a) {
  status } }"""
DEFAULT_KEYS = {"first-session", "five-sessions", "goal-reached", "journal-streak-4",
                "article-helped-10", "community-mentor"}  # fmt: skip


async def organisation_of(api: Api, person: Person) -> str:
    orgs = (await api.ok("{ myOrganisations { id } }", token=person.token))["myOrganisations"]
    assert len(orgs) == 1
    return orgs[0]["id"]


async def keys_of(api: Api, person: Person) -> list[str]:
    return [a["badge"]["key"] for a in (await api.ok(MINE, token=person.token))["myBadges"]]


async def awarded(api: Api, person: Person, key: str) -> dict[str, Any] | None:
    """The person's award of the badge ``key``, once the recogniser has made it."""
    mine = (await api.ok(MINE, token=person.token))["myBadges"]
    return next((a for a in mine if a["badge"]["key"] == key), None)


async def badge_notes(api: Api, person: Person) -> Counter[str]:
    notes = (await api.ok(NOTIFICATIONS, token=person.token))["myNotifications"]
    return Counter(n["title"] for n in notes if n["kind"] == "BADGE_AWARDED")


async def hold_session(api: Api, mentor: Person, relationship: str, hour: int, *present: Person):
    session = (
        await api.ok(
            SCHEDULE,
            {"i": {"relationshipId": relationship, "startsAt": at(-1, hour),
                   "endsAt": at(-1, hour + 1)}},
            mentor.token,
        )
    )["scheduleSession"]  # fmt: skip
    await api.ok(HELD, {"s": session["id"], "a": [p.id for p in present]}, mentor.token)


async def test_progress_earns_default_badges_once_with_a_notification(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    organisation = await organisation_of(api, mentee)
    catalogue = (await api.ok(CATALOGUE, {"o": organisation}, mentee.token))["badges"]
    assert {b["key"] for b in catalogue} == DEFAULT_KEYS
    first = next(b for b in catalogue if b["key"] == "first-session")
    assert (first["rule"], first["threshold"]) == ("SESSIONS_HELD", 1)
    assert first["name"] == "Sesi pertama"  # the account's language (Indonesian here)
    assert "1" in first["criteria"] and " / " in first["criteria"]  # both languages
    stranger = await api.register()
    assert code_of(await api.error(CATALOGUE, {"o": organisation}, stranger.token)) == "NOT_FOUND"

    await hold_session(api, mentor, relationship, 6, mentor, mentee)
    for person in (mentor, mentee):
        await eventually(lambda p=person: awarded(api, p, "first-session"))
    assert "five-sessions" not in await keys_of(api, mentee)
    for hour in (8, 10, 12, 14):
        await hold_session(api, mentor, relationship, hour, mentor, mentee)
    await eventually(lambda: awarded(api, mentee, "five-sessions"))
    goal = (await api.ok(GOAL, {"i": {"relationshipId": relationship, "title": "Cerita"}},
                         mentee.token))["setGoal"]  # fmt: skip
    await api.ok(
        'mutation($g: ID!) { reachGoal(goalId: $g, evidence: "Terbit") { status } }',
        {"g": goal["id"]},
        mentee.token,
    )
    for person in (mentor, mentee):
        await eventually(lambda p=person: awarded(api, p, "goal-reached"))
    await asyncio.sleep(1)  # several more passes of the recogniser: nothing is added
    for person in (mentor, mentee):
        keys = await keys_of(api, person)
        assert Counter(keys) == Counter({"first-session": 1, "five-sessions": 1, "goal-reached": 1})
        notes = await badge_notes(api, person)
        assert notes == Counter(
            {
                "Lencana baru: Sesi pertama / New badge: First session": 1,
                "Lencana baru: Lima sesi / New badge: Five sessions": 1,
                "Lencana baru: Tujuan tercapai / New badge: Goal reached": 1,
            }
        )
    assert (await api.ok(MINE, token=mentee.token))["myBadges"][0]["holder"]["id"] == mentee.id
    assert await keys_of(api, coordinator) == []  # not a participant: nothing earned


async def test_replayed_and_concurrent_evaluation_awards_once(api: Api) -> None:
    from models.badges import BadgeAward, BadgeCursor, recognise
    from models.notifications import Notification

    mentor, mentee, relationship, coordinator = await started(api)
    organisation = await organisation_of(api, mentee)
    await hold_session(api, mentor, relationship, 6, mentor, mentee)
    await eventually(lambda: awarded(api, mentee, "first-session"))
    # a badge the two already qualify for: three evaluators race to award it (two here,
    # and the served app's own loop), each also replaying the programme's events from 0
    made = (
        await api.ok(
            CREATE,
            {"i": {"organisationId": organisation, "rule": "SESSIONS_HELD", "threshold": 1,
                   "nameId": "Hadir", "nameEn": "Present", "icon": "✅"}},
            coordinator.token,
        )
    )["createBadge"]  # fmt: skip
    programme = relay_pk(await programme_of(api, relationship, mentee.token))
    for _ in range(3):
        await BadgeCursor.filter(programme_id=programme).update(last_seq=0)
        await asyncio.gather(recognise(), recognise())
    for person in (mentor, mentee):
        await eventually(lambda p=person: awarded(api, p, None))  # the new badge
        user = relay_pk(person.id)
        assert await BadgeAward.filter(user_id=user, badge_id=relay_pk(made["id"])).count() == 1
        assert await BadgeAward.filter(user_id=user).count() == 2
        titles = await Notification.filter(user_id=user, kind="badge_awarded").values_list(
            "title", flat=True
        )
        assert sorted(titles) == sorted(
            [
                "Lencana baru: Sesi pertama / New badge: First session",
                "Lencana baru: Hadir / New badge: Present",
            ]
        )


async def test_journal_streak_and_helpful_article(api: Api) -> None:
    from models.accounts import now
    from models.goals import Journal, monday_of

    mentor, mentee, relationship, _ = await started(api)
    submit = """mutation($r: ID!) { submitJournal(input: {relationshipId: $r,
      reflection: "Minggu ini"}) { weekOf } }"""
    this_week = monday_of(now().date())
    for weeks_ago in (3, 2, 1):
        await api.ok(submit, {"r": relationship}, mentee.token)
        # time travel: the entry just written belongs to an earlier week
        await Journal.filter(author_id=relay_pk(mentee.id), week_of=this_week).update(
            week_of=this_week - timedelta(weeks=weeks_ago)
        )
    await asyncio.sleep(1)
    assert "journal-streak-4" not in await keys_of(api, mentee)  # three weeks so far
    await api.ok(submit, {"r": relationship}, mentee.token)
    await eventually(lambda: awarded(api, mentee, "journal-streak-4"))
    assert "journal-streak-4" not in await keys_of(api, mentor)  # the writer's alone

    s = await seats(api)  # an author, a reader and a reviewer in another organisation
    organisation = await organisation_of(api, s.author)
    made = (
        await api.ok(
            CREATE,
            {"i": {"organisationId": organisation, "rule": "ARTICLE_HELPED", "threshold": 1,
                   "nameId": "Membantu", "nameEn": "Helpful"}},
            s.world.coordinator.token,
        )
    )["createBadge"]  # fmt: skip
    article = await draft(api, s)
    await publish(api, s, article["id"])
    await asyncio.sleep(0.5)
    assert not await awarded(api, s.author, None)  # nobody found it helpful yet
    await api.ok(HELPFUL, {"id": article["id"], "h": True}, s.member.token)
    award = await eventually(lambda: awarded(api, s.author, None))
    assert award["badge"]["name"] == "Membantu"
    holders = await api.ok(HOLDERS, {"b": made["id"]}, s.world.coordinator.token)
    assert [h["holder"]["id"] for h in holders["badgeHolders"]] == [s.author.id]


async def test_catalogue_is_managed_by_admins_and_coordinators_only(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    organisation = await organisation_of(api, mentee)
    values = {"organisationId": organisation, "rule": "GOALS_REACHED", "threshold": 3,
              "nameId": "Tiga tujuan", "nameEn": "Three goals"}  # fmt: skip
    for person in (mentor, mentee):
        assert code_of(await api.error(CREATE, {"i": values}, person.token)) == "NOT_FOUND"
    for bad, field in (
        ({"threshold": 0}, "threshold"),
        ({"threshold": 1001}, "threshold"),
        ({"rule": "JOURNAL_STREAK", "threshold": 1}, "threshold"),
        ({"nameEn": "   "}, "nameEn"),
        ({"icon": "x" * 17}, "icon"),
        ({"descriptionId": "x" * 2001}, "descriptionId"),
    ):
        error = await api.error(CREATE, {"i": {**values, **bad}}, coordinator.token)
        assert (code_of(error), error["extensions"]["field"]) == ("BAD_USER_INPUT", field)
    listed = (await api.ok(CATALOGUE, {"o": organisation}, coordinator.token))["badges"]
    assert len(listed) == len(DEFAULT_KEYS)  # bad input changed nothing
    badge = (await api.ok(CREATE, {"i": values}, coordinator.token))["createBadge"]
    assert (badge["key"], badge["threshold"]) == (None, 3)
    renamed = await api.ok(UPDATE, {"b": badge["id"], "c": {"nameEn": "3 goals"}},
                           coordinator.token)  # fmt: skip
    assert renamed["updateBadge"] == {"nameEn": "3 goals", "threshold": 3}
    assert (
        code_of(await api.error(UPDATE, {"b": badge["id"], "c": {"nameEn": "x"}}, mentee.token))
        == "NOT_FOUND"
    )

    # a badge members hold keeps its rule; it can be archived, and the award stays
    await hold_session(api, mentor, relationship, 6, mentor, mentee)
    award = await eventually(lambda: awarded(api, mentee, "first-session"))
    first = next(b for b in listed if b["key"] == "first-session")
    held = await api.error(UPDATE, {"b": first["id"], "c": {"threshold": 2}}, coordinator.token)
    assert code_of(held) == "CONFLICT"
    archived = await api.ok(ARCHIVE, {"b": first["id"], "a": True}, coordinator.token)
    assert archived["archiveBadge"]["archived"] is True
    visible = (await api.ok(CATALOGUE, {"o": organisation}, mentee.token))["badges"]
    assert first["id"] not in {b["id"] for b in visible}
    everything = (await api.ok(CATALOGUE, {"o": organisation, "a": True}, mentee.token))["badges"]
    assert first["id"] in {b["id"] for b in everything}
    assert await awarded(api, mentee, "first-session")

    # only managers list holders and revoke; a holder cannot revoke their own award
    assert code_of(await api.error(HOLDERS, {"b": first["id"]}, mentee.token)) == "NOT_FOUND"
    for person in (mentee, mentor):
        error = await api.error(REVOKE, {"a": award["id"], "r": "salah"}, person.token)
        assert code_of(error) == "NOT_FOUND"
    empty = await api.error(REVOKE, {"a": award["id"], "r": " "}, coordinator.token)
    assert code_of(empty) == "BAD_USER_INPUT"


async def test_badges_show_on_a_profile_only_when_the_member_allows(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    await hold_session(api, mentor, relationship, 6, mentor, mentee)
    await eventually(lambda: awarded(api, mentor, "first-session"))
    await eventually(lambda: awarded(api, mentee, "first-session"))
    # another participant of the programme sees the mentor's public profile, not the badges
    programme = await programme_of(api, relationship, mentee.token)
    other = await api.register()
    await api.ok(
        "mutation($p: ID!) { enrol(input: {programmeId: $p, asMentee: true}) { id } }",
        {"p": programme},
        other.token,
    )
    seen = (await api.ok(PROFILE, {"u": mentor.id}, other.token))["profile"]
    assert seen == {"showBadges": None, "badges": None}
    assert (await api.ok(PROFILE, {"u": mentor.id}, mentor.token))["profile"] == {
        "showBadges": False, "badges": [{"badge": {"key": "first-session"}}],
    }  # fmt: skip
    coordinated = (await api.ok(PROFILE, {"u": mentor.id}, coordinator.token))["profile"]
    assert coordinated["badges"] == [{"badge": {"key": "first-session"}}]
    await api.ok(SHOW, {"s": True}, mentor.token)
    shown = (await api.ok(PROFILE, {"u": mentor.id}, other.token))["profile"]
    assert shown == {"showBadges": None, "badges": [{"badge": {"key": "first-session"}}]}
    # a mentee's profile (a minor's, with no birth year) stays hidden even when shown
    await api.ok(SHOW, {"s": True}, mentee.token)
    hidden = await api.error(PROFILE, {"u": mentee.id}, other.token)
    assert code_of(hidden) == "NOT_FOUND"
    assert code_of(await api.error(PROFILE, {"u": mentor.id}, (await api.register()).token)) == (
        "NOT_FOUND"
    )


async def test_an_award_is_a_verifiable_open_badge_until_revoked(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    await hold_session(api, mentor, relationship, 6, mentor, mentee)
    award = await eventually(lambda: awarded(api, mentee, "first-session"))
    exported = (await api.ok(CREDENTIAL, {"a": award["id"]}, mentee.token))["badgeCredential"]
    claims = await checked_open_badge(api.http, exported["jwt"], mentee.email)
    header, _, signature = exported["jwt"].split(".")
    forged = {**claims, "name": "Lima sesi / Five sessions"}
    body = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
    with pytest.raises(BadSignatureError):  # a changed claim no longer verifies
        await verified(api.http, f"{header}.{body}.{signature}")
    assert {k: v for k, v in claims.items() if k not in {"iss", "jti", "nbf", "sub"}} == (
        exported["credential"]
    )
    assert claims["id"].startswith("urn:uuid:")
    achievement = claims["credentialSubject"]["achievement"]
    assert (achievement["achievementType"], achievement["name"]) == (
        "Badge", "Sesi pertama / First session",
    )  # fmt: skip
    profile = await api.http.get("/credentials/issuers/" + claims["issuer"]["id"].rsplit("/", 1)[1])
    assert profile.json()["type"] == ["Profile"] and profile.json()["name"] == "Merajut ASA"
    assert not await revoked(api.http, claims)

    # another member may not export it; the organisation's coordinator may, and revokes it
    for person in (mentor, await api.register()):
        error = await api.error(CREDENTIAL, {"a": award["id"]}, person.token)
        assert code_of(error) == "NOT_FOUND"
    await api.ok(REVOKE, {"a": award["id"], "r": "Dicatat keliru"}, coordinator.token)
    assert await revoked(api.http, claims)
    again = await api.error(REVOKE, {"a": award["id"], "r": "lagi"}, coordinator.token)
    assert code_of(again) == "CONFLICT"
    mine = await awarded(api, mentee, "first-session")
    assert mine is not None and mine["revokedAt"]  # the holder sees it revoked
    # revoked awards leave the profile, and the rules never award them again
    await hold_session(api, mentor, relationship, 8, mentor, mentee)
    await asyncio.sleep(1)
    assert Counter(await keys_of(api, mentee))["first-session"] == 1
    profile_badges = (await api.ok(PROFILE, {"u": mentee.id}, mentee.token))["profile"]
    assert profile_badges["badges"] == []
    unknown = await api.http.get("/credentials/status/999999/0")
    assert unknown.status_code == 404


async def test_bad_ids_and_strangers_change_nothing(api: Api) -> None:
    s = await seats(api)
    organisation = await organisation_of(api, s.author)
    other_org_coordinator = s.outsider
    values = {"organisationId": organisation, "rule": "SESSIONS_HELD", "threshold": 2,
              "nameId": "Dua", "nameEn": "Two"}  # fmt: skip
    error = await api.error(CREATE, {"i": values}, other_org_coordinator.token)
    assert code_of(error) == "NOT_FOUND"
    wrong_type = await api.error(CREDENTIAL, {"a": organisation}, s.author.token)
    assert code_of(wrong_type) == "BAD_USER_INPUT"
    assert code_of(await api.error(MINE)) == "UNAUTHENTICATED"
    listed = (await api.ok(CATALOGUE, {"o": organisation}, s.author.token))["badges"]
    assert len(listed) == len(DEFAULT_KEYS)
