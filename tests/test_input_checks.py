"""Bad input gets BAD_USER_INPUT with the field at fault, never a crash, and changes nothing.

Every string, ID, number and date of every operation passes one gate (schema/inputs.py)
before any resolver runs; these tests send what a fuzzer and hostile clients sent.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import websockets

from tests.support import (
    Api,
    acknowledge,
    code_of,
    open_programme,
    pair_up,
    programme_input,
)


def gid(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def assert_bad_input(body: dict, field: str | None = None) -> dict:
    errors = body.get("errors")
    assert errors, body
    error = errors[0]
    assert code_of(error) == "BAD_USER_INPUT", error
    if field is not None:
        assert error["extensions"].get("field") == field, error
    return error


async def post_raw(api: Api, query: str, variables: dict, token: str | None = None) -> dict:
    """JSON as any client may send it: escapes for lone surrogates, which httpx's own
    encoder cannot write."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps({"query": query, "variables": variables})
    response = await api.http.post("/graphql", content=body, headers=headers)
    assert response.status_code in {200, 400}, response.text
    return response.json()


LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"


async def test_over_long_strings_are_refused_before_the_database(api: Api) -> None:
    long_email = "a" * 245 + "@rajut.test"  # 255 characters, one over the column
    assert_bad_input(await api.post(LOGIN, {"e": long_email, "p": "x"}), "email")
    assert_bad_input(
        await api.post(
            "mutation($e: String!) { requestPasswordReset(email: $e) }", {"e": long_email}
        ),
        "email",
    )
    assert_bad_input(
        await api.post("query($s: String!) { organisation(slug: $s) { id } }", {"s": "s" * 61}),
        "slug",
    )
    person = await api.register()
    assert_bad_input(
        await api.post(
            "mutation($p: ProfileInput!) { updateProfile(input: $p) { bio } }",
            {"p": {"contactEmail": long_email}},
            person.token,
        ),
        "contactEmail",
    )
    # the global cap, on a field with no column of its own
    assert_bad_input(
        await api.post(
            "mutation($p: ProfileInput!) { updateProfile(input: $p) { bio } }",
            {"p": {"bio": "x" * 20_001}},
            person.token,
        ),
        "bio",
    )


async def test_lone_surrogates_and_control_characters_anywhere(api: Api) -> None:
    for bad in ("\ud800", "a\u0000b", "bell\u0007"):
        # anonymous, on a top-level argument
        assert_bad_input(await post_raw(api, LOGIN, {"e": bad + "@rajut.test", "p": "x"}), "email")
        # in a literal of the document rather than a variable (GraphQL's own lexer refuses
        # a lone surrogate escape there)
        if "\ud800" not in bad:
            query = f"{{ organisation(slug: {json.dumps(bad)}) {{ id }} }}"
            assert_bad_input(await post_raw(api, query, {}), "slug")
    person = await api.register()
    # nested inside a list of input objects
    body = await post_raw(
        api,
        "mutation($p: ProfileInput!) { updateProfile(input: $p) { bio } }",
        {"p": {"expertise": [{"skill": "ok", "level": 3}, {"skill": "x\ud800", "level": 3}]}},
        person.token,
    )
    assert_bad_input(body, "skill")
    # tabs and newlines are text, not control characters
    fine = await api.ok(
        "mutation($p: ProfileInput!) { updateProfile(input: $p) { bio } }",
        {"p": {"bio": "baris satu\n\tbaris dua\r\n"}},
        person.token,
    )
    assert fine["updateProfile"]["bio"].startswith("baris satu")
    # nothing was stored: no account has a NUL in its email
    assert_bad_input(
        await api.post(
            """mutation($i: RegisterInput!) { register(input: $i) }""",
            {
                "i": {
                    "email": "nul\u0000@rajut.test",
                    "password": "correct horse battery",
                    "displayName": "Nul",
                }
            },
        ),
        "email",
    )


async def test_malformed_global_ids_through_arguments_node_and_subscriptions(
    api: Api, server: str
) -> None:
    person = await api.register()
    for tail in ("abc", "1.5", "2147483648", "-1", "0", "99999999999999999999", " 1", "1_0"):
        programme = gid(f"Programme:{tail}")
        assert_bad_input(
            await api.post(
                "query($id: ID!) { programme(id: $id) { id } }", {"id": programme}, person.token
            ),
            "id",
        )
        body = await api.post(
            "query($id: ID!) { node(id: $id) { id } }", {"id": programme}, person.token
        )
        assert_bad_input(body, "id")
    assert_bad_input(
        await api.post(
            "query($id: ID!) { profile(userId: $id) { bio } }",
            {"id": gid("User:abc")},
            person.token,
        ),
        "userId",
    )
    assert_bad_input(
        await api.post(
            "mutation($id: ID!) { acknowledgeGuidelines(relationshipId: $id) { status } }",
            {"id": gid("Relationship:1.5")},
            person.token,
        ),
        "relationshipId",
    )
    # a subscription gets an `error` message with the code, over graphql-transport-ws
    url = server.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(
            json.dumps(
                {
                    "type": "connection_init",
                    "payload": {"authorization": f"Bearer {person.token}"},
                }
            )
        )
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {
                        "query": "subscription($p: ID!) { progressUpdates(programmeId: $p) "
                        "{ seq } }",
                        "variables": {"p": gid("Programme:2147483648")},
                    },
                }
            )
        )
        message = json.loads(await ws.recv())
        assert message["type"] == "error", message
        assert message["payload"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_numbers_out_of_range(api: Api) -> None:
    world = await open_programme(api)
    body = await api.post(
        "query($p: ID!) { unansweredRequests(programmeId: $p, olderThanDays: 3000000) "
        "{ pending } }",
        {"p": world.programme_id},
        world.coordinator.token,
    )
    assert_bad_input(body, "olderThanDays")
    body = await api.post(
        "query($p: ID!) { mentorDirectory(programmeId: $p, first: 2000000000) { totalCount } }",
        {"p": world.programme_id},
        world.coordinator.token,
    )
    assert_bad_input(body, "first")


async def test_dates_at_the_edges(api: Api) -> None:
    world = await open_programme(api)
    mentor, mentee, relationship = await pair_up(api, world)
    await acknowledge(api, relationship, mentor, mentee)
    suggest = """query($r: ID!, $s: DateTime!, $e: DateTime!) {
      suggestSessionTimes(relationshipId: $r, start: $s, end: $e) { startsAt } }"""
    for start, end in (
        ("9999-12-30T00:00:00+00:00", "9999-12-31T23:00:00+00:00"),
        ("0001-01-01T00:00:00+00:00", "0001-01-07T00:00:00+00:00"),
        ("2026-01-01T00:00:00", "2026-01-07T00:00:00"),  # no zone
    ):
        body = await api.post(suggest, {"r": relationship, "s": start, "e": end}, mentee.token)
        assert_bad_input(body)
    # a programme cannot be pushed to year 10000 (it could never be loaded again)
    update = """mutation($id: ID!, $c: ProgrammeChanges!) {
      updateProgramme(id: $id, changes: $c) { endsOn registrationClosesAt } }"""
    token = world.coordinator.token
    assert_bad_input(
        await api.post(update, {"id": world.programme_id, "c": {"endsOn": "9999-12-31"}}, token),
        "endsOn",
    )
    assert_bad_input(
        await api.post(
            update,
            {
                "id": world.programme_id,
                "c": {"registrationClosesAt": "9999-12-31T23:59:59-01:00"},
            },
            token,
        ),
        "registrationClosesAt",
    )
    # the programme, and the organisation's list, still load
    data = await api.ok(
        "query($id: ID!) { programme(id: $id) { endsOn } }", {"id": world.programme_id}, token
    )
    assert data["programme"]["endsOn"] < "2200"
    await api.ok(
        "query($o: ID!) { programmes(organisationId: $o) { id endsOn } }",
        {"o": world.org_id},
        token,
    )


async def test_create_programme_without_a_name_is_refused_by_validation(api: Api) -> None:
    world = await open_programme(api)
    values = programme_input(world.org_id)
    del values["name"]
    body = await api.post(
        "mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }",
        {"i": values},
        world.coordinator.token,
    )
    assert code_of(body["errors"][0]) == "BAD_USER_INPUT", body
    # and inline, without variables: the document itself is invalid
    body = await api.post(
        f'mutation {{ createProgramme(input: {{organisationId: "{world.org_id}", '
        f'slug: "no-name"}}) {{ id }} }}',
        token=world.coordinator.token,
    )
    assert code_of(body["errors"][0]) == "GRAPHQL_VALIDATION_FAILED", body


async def test_future_within_range_still_works(api: Api) -> None:
    """The gate refuses only the absurd: a programme next year is fine."""
    world = await open_programme(api)
    later = datetime.now(UTC) + timedelta(days=400)
    await api.ok(
        """mutation($id: ID!, $c: ProgrammeChanges!) {
          updateProgramme(id: $id, changes: $c) { id } }""",
        {"id": world.programme_id, "c": {"endsOn": later.date().isoformat()}},
        world.coordinator.token,
    )


async def test_node_with_an_id_of_no_node_type(api: Api) -> None:
    """Found by the fuzzer: IDs naming a type that is not a Node, or no type at all."""
    person = await api.register()
    for name in ("Notification", "Webhook", "Milestone", "NoSuchType"):
        body = await api.post(
            "query($id: ID!) { node(id: $id) { id } }", {"id": gid(f"{name}:5")}, person.token
        )
        assert_bad_input(body, "id")
