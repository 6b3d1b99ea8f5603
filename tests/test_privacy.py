"""Members' data rights: everything of one's own in one download, and deleting one's account
without tearing holes in what others hold."""

from __future__ import annotations

from models.organisations import OrgMembership, OrgRole
from models.privacy import AccountDeletion
from tests.support import (
    PASSWORD,
    UPDATE_PROFILE,
    Api,
    acknowledge,
    approved_mentor,
    code_of,
    open_programme,
    pair_up,
    relay_pk,
)

EXPORT = "{ exportMyData }"
DELETE = "mutation($p: String!) { deleteMyAccount(password: $p) }"
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"
SEND = """mutation($r: ID!, $b: String!) { sendMessage(relationshipId: $r, body: $b) { id } }"""
CONVERSATION = """query($r: ID!) { conversation(relationshipId: $r) {
  messages(first: 50) { edges { node { body author { id displayName } } } } } }"""
GOAL = """mutation($r: ID!) { setGoal(input: {relationshipId: $r, title: "Belajar anggaran",
  milestones: [{title: "Draf"}]}) { id } }"""
JOURNAL = """mutation($r: ID!) { submitJournal(input: {relationshipId: $r,
  reflection: "Minggu ini saya belajar banyak", shared: false}) { weekOf } }"""
RELATIONSHIP = """query($id: ID!) { node(id: $id) { ... on Relationship { status
  members { id displayName } } } }"""


async def active_pair(api: Api):
    world = await open_programme(api)
    mentor, mentee, relationship = await pair_up(api, world)
    await acknowledge(api, relationship, mentor, mentee)
    return world, mentor, mentee, relationship


async def test_a_member_downloads_all_of_their_data(api: Api) -> None:
    world, mentor, mentee, relationship = await active_pair(api)
    await api.ok(
        UPDATE_PROFILE, {"p": {"bio": "Pegiat air bersih", "contactPhone": "+62 812"}}, mentee.token
    )
    await api.ok(GOAL, {"r": relationship}, mentee.token)
    await api.ok(JOURNAL, {"r": relationship}, mentee.token)
    await api.ok(SEND, {"r": relationship, "b": "Halo Kak!"}, mentee.token)
    await api.ok(SEND, {"r": relationship, "b": "Halo juga"}, mentor.token)

    data = (await api.ok(EXPORT, token=mentee.token))["exportMyData"]
    assert data["account"]["email"] == mentee.email
    assert (data["profile"]["bio"], data["profile"]["contactPhone"]) == (
        "Pegiat air bersih",
        "+62 812",
    )
    assert [e["programmeId"] for e in data["enrolments"]] == [relay_pk(world.programme_id)]
    assert [(r["id"], r["role"], r["status"]) for r in data["relationships"]] == [
        (relay_pk(relationship), "member", "active")
    ]
    assert data["relationships"][0]["others"] == [
        {"id": relay_pk(mentor.id), "displayName": mentor.name}
    ]
    assert [(g["title"], [m["title"] for m in g["milestones"]]) for g in data["goals"]] == [
        ("Belajar anggaran", ["Draf"])
    ]
    assert [j["reflection"] for j in data["journals"]] == ["Minggu ini saya belajar banyak"]
    assert [m["body"] for m in data["messages"]] == ["Halo Kak!"]  # their own words only
    assert [r["status"] for r in data["requests"]] == ["accepted"]
    assert data["apiTokens"] and all("token_hash" not in t for t in data["apiTokens"])

    # another member's export holds none of it
    other = (await api.ok(EXPORT, token=mentor.token))["exportMyData"]
    assert other["account"]["email"] == mentor.email and other["journals"] == []
    # not for anonymous callers, nor for third-party API tokens
    assert code_of(await api.error(EXPORT)) == "UNAUTHENTICATED"
    made = await api.ok(
        'mutation { createApiToken(input: {name: "alat", scopes: [READ, WRITE]}) { token } }',
        token=mentee.token,
    )
    api_token = made["createApiToken"]["token"]
    assert code_of(await api.error(EXPORT, token=api_token)) == "FORBIDDEN"
    refused = await api.error(DELETE, {"p": PASSWORD}, api_token)
    assert code_of(refused) == "FORBIDDEN"


async def test_deleting_an_account_erases_the_person_and_keeps_the_history(api: Api) -> None:
    world, mentor, mentee, relationship = await active_pair(api)
    await api.ok(UPDATE_PROFILE, {"p": {"contactPhone": "+62 812", "bio": "Rahasia"}}, mentee.token)
    await api.ok(JOURNAL, {"r": relationship}, mentee.token)
    await api.ok(SEND, {"r": relationship, "b": "Terima kasih, Kak"}, mentee.token)
    await api.ok(SEND, {"r": relationship, "b": "Sama-sama"}, mentor.token)

    wrong = await api.error(DELETE, {"p": "not my password"}, mentee.token)
    assert (code_of(wrong), wrong["extensions"]["field"]) == ("BAD_USER_INPUT", "password")
    long = await api.error(DELETE, {"p": "x" * 5000}, mentee.token)
    assert code_of(long) == "BAD_USER_INPUT"
    assert (await api.ok(EXPORT, token=mentee.token))["exportMyData"]["profile"]["bio"] == (
        "Rahasia"
    )  # nothing changed
    assert (await api.ok(DELETE, {"p": PASSWORD}, mentee.token))["deleteMyAccount"] is True

    # gone: the old token, signing in, and the profile's contents
    assert code_of(await api.error(EXPORT, token=mentee.token)) == "UNAUTHENTICATED"
    signin = await api.error(LOGIN, {"e": mentee.email, "p": PASSWORD})
    assert code_of(signin) == "UNAUTHENTICATED"
    assert await AccountDeletion.filter(user_id=relay_pk(mentee.id)).exists()  # audited

    # the other participant still reads the conversation, from "Deleted member"
    messages = await api.ok(CONVERSATION, {"r": relationship}, mentor.token)
    seen = [
        (e["node"]["body"], e["node"]["author"]["displayName"])
        for e in messages["conversation"]["messages"]["edges"]
    ]
    assert sorted(seen) == sorted(
        [("Terima kasih, Kak", "Deleted member"), ("Sama-sama", mentor.name)]
    )
    # the relationship ended, and stays in the mentor's history; the mentor's place is free
    ended = await api.ok(RELATIONSHIP, {"id": relationship}, mentor.token)
    assert ended["node"]["status"] == "CANCELLED"
    assert ended["node"]["members"] == [{"id": mentee.id, "displayName": "Deleted member"}]
    profile = await api.ok(
        "query($u: ID!) { profile(userId: $u) { bio contactPhone } }",
        {"u": mentee.id},
        world.coordinator.token,
    )
    assert profile["profile"] == {"bio": "", "contactPhone": ""}

    # the address is free to register again, as a new person
    again = await api.register("Baru lagi", email=mentee.email)
    assert again.id != mentee.id


async def test_the_last_admin_hands_over_first(api: Api) -> None:
    world = await open_programme(api)
    refused = await api.error(DELETE, {"p": PASSWORD}, world.coordinator.token)
    assert code_of(refused) == "CONFLICT" and "Merajut ASA" in refused["message"]
    assert (await api.ok("{ me { email } }", token=world.coordinator.token))["me"]
    # another admin (set up directly: how roles are granted is not what this test is about)
    other = await api.register()
    await OrgMembership.create(
        organisation_id=relay_pk(world.org_id), user_id=relay_pk(other.id), role=OrgRole.ADMIN
    )
    assert (await api.ok(DELETE, {"p": PASSWORD}, world.coordinator.token))["deleteMyAccount"]
    still = await api.ok(
        "query($id: ID!) { programme(id: $id) { name status } }",
        {"id": world.programme_id},
        other.token,
    )
    assert still["programme"] == {"name": "Mentoring Kampanye", "status": "REGISTRATION_OPEN"}


async def test_a_group_goes_on_without_a_member_who_left(api: Api) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(api, world, {"capacity": 2})
    _, staying, group = await pair_up(api, world, mentor)
    _, leaving, same = await pair_up(api, world, mentor)
    assert same == group
    await acknowledge(api, group, mentor, staying, leaving)
    await api.ok(DELETE, {"p": PASSWORD}, leaving.token)
    after = await api.ok(RELATIONSHIP, {"id": group}, staying.token)
    assert after["node"] == {
        "status": "ACTIVE",
        "members": [{"id": staying.id, "displayName": staying.name}],
    }
