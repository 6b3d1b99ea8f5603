"""Conversations: private to the participants, paged back, read markers, live, attachable."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.websockets import WebsocketsTransport

from realtime.broker import broker
from server.app import create_app
from tests.conftest import make_settings
from tests.support import (
    Api,
    Person,
    ProgrammeWorld,
    acknowledge,
    code_of,
    open_programme,
    pair_up,
    relay_pk,
    serving_here,
    started_group_of_two,
    subscribe,
)

MESSAGE = "id body deleted mine editedAt createdAt relationshipId author { id }"
SEND = f"""mutation($r: ID!, $b: String!) {{ sendMessage(relationshipId: $r, body: $b) {{
  {MESSAGE} }} }}"""
EDIT = f"""mutation($m: ID!, $b: String!) {{ editMessage(messageId: $m, body: $b) {{
  {MESSAGE} }} }}"""
DELETE = f"mutation($m: ID!) {{ deleteMessage(messageId: $m) {{ {MESSAGE} }} }}"
CONVERSATION = f"""query($r: ID!, $first: Int! = 30, $after: String) {{
  conversation(relationshipId: $r) {{ relationshipId unreadCount lastReadMessageId
    lastMessage {{ id }} readMarkers {{ user {{ id }} lastReadMessageId }}
    messages(first: $first, after: $after) {{ edges {{ cursor node {{ {MESSAGE} }} }}
      pageInfo {{ hasNextPage hasPreviousPage endCursor }} }} }} }}"""
MARK_READ = """mutation($r: ID!, $upTo: ID) { markConversationRead(relationshipId: $r,
  upTo: $upTo) { unreadCount lastReadMessageId } }"""
LIST = """{ conversations { relationshipId unreadCount lastMessage { id body } } }"""
NODE = "query($id: ID!) { node(id: $id) { ... on ConversationMessage { id body } } }"


@dataclass
class Pair:
    world: ProgrammeWorld
    mentor: Person
    mentee: Person
    relationship: str

    @property
    def coordinator(self) -> Person:
        return self.world.coordinator


async def pair(api: Api, world: ProgrammeWorld | None = None, active: bool = True) -> Pair:
    """A mentor and a mentee paired by an accepted request; active once both acknowledge."""
    world = world or await open_programme(api)
    mentor, mentee, relationship = await pair_up(api, world)
    if active:
        await acknowledge(api, relationship, mentor, mentee)
    return Pair(world, mentor, mentee, relationship)


async def send(api: Api, person: Person, relationship: str, body: str) -> dict:
    return (await api.ok(SEND, {"r": relationship, "b": body}, person.token))["sendMessage"]


async def history(api: Api, person: Person, relationship: str) -> list[dict]:
    found = await api.ok(CONVERSATION, {"r": relationship, "first": 100}, person.token)
    return [e["node"] for e in found["conversation"]["messages"]["edges"]]


async def test_only_the_author_edits_or_deletes(api: Api) -> None:
    p = await pair(api)
    outsider = await api.register()
    sent = await send(api, p.mentee, p.relationship, "  Halo Kak, apa kabar?  ")
    assert (sent["body"], sent["mine"], sent["deleted"], sent["editedAt"]) == (
        "Halo Kak, apa kabar?",
        True,
        False,
        None,
    )
    assert sent["author"] == {"id": p.mentee.id} and sent["relationshipId"] == p.relationship
    seen = await history(api, p.mentor, p.relationship)
    assert [(m["id"], m["body"], m["mine"]) for m in seen] == [
        (sent["id"], "Halo Kak, apa kabar?", False)
    ]

    edit = {"m": sent["id"], "b": "diubah"}
    assert code_of(await api.error(EDIT, edit, p.mentor.token)) == "FORBIDDEN"
    for stranger in (outsider, p.coordinator):
        assert code_of(await api.error(EDIT, edit, stranger.token)) == "NOT_FOUND"
        assert code_of(await api.error(DELETE, {"m": sent["id"]}, stranger.token)) == "NOT_FOUND"
    assert code_of(await api.error(DELETE, {"m": sent["id"]}, p.mentor.token)) == "FORBIDDEN"
    assert await history(api, p.mentee, p.relationship) == [sent]  # nothing changed

    edited = (await api.ok(EDIT, {"m": sent["id"], "b": "Halo Kak!"}, p.mentee.token))[
        "editMessage"
    ]
    assert edited["body"] == "Halo Kak!" and edited["editedAt"] is not None
    deleted = (await api.ok(DELETE, {"m": sent["id"]}, p.mentee.token))["deleteMessage"]
    assert (deleted["body"], deleted["deleted"], deleted["id"]) == ("", True, sent["id"])
    again = (await api.ok(DELETE, {"m": sent["id"]}, p.mentee.token))["deleteMessage"]
    assert again == deleted  # deleting twice changes nothing
    late = await api.error(EDIT, {"m": sent["id"], "b": "kembali"}, p.mentee.token)
    assert code_of(late) == "CONFLICT"
    assert [(m["body"], m["deleted"]) for m in await history(api, p.mentor, p.relationship)] == [
        ("", True)
    ]


async def test_coordinators_and_outsiders_never_read_it(api: Api) -> None:
    p = await pair(api)
    outsider = await api.register()
    sent = await send(api, p.mentor, p.relationship, "Rahasia kita berdua")
    refused = await api.error(CONVERSATION, {"r": p.relationship}, p.coordinator.token)
    assert (code_of(refused), refused["extensions"]["field"]) == ("FORBIDDEN", "relationshipId")
    assert "Rahasia" not in str(refused)
    assert code_of(await api.error(CONVERSATION, {"r": p.relationship}, outsider.token)) == (
        "NOT_FOUND"
    )
    for stranger, code in ((p.coordinator, "FORBIDDEN"), (outsider, "NOT_FOUND")):
        attempt = await api.error(SEND, {"r": p.relationship, "b": "x"}, stranger.token)
        assert code_of(attempt) == code
        assert (await api.ok(NODE, {"id": sent["id"]}, stranger.token))["node"] is None
        listed = (await api.ok(LIST, token=stranger.token))["conversations"]
        assert listed == []
    found = await api.ok(NODE, {"id": sent["id"]}, p.mentee.token)
    assert found["node"] == {"id": sent["id"], "body": "Rahasia kita berdua"}
    assert len(await history(api, p.mentee, p.relationship)) == 1  # the refused sends left none

    events = GraphQLRequest(
        "subscription($r: ID!) { conversationEvents(relationshipId: $r) { kind } }",
        variable_values={"r": p.relationship},
    )
    for stranger, code in ((p.coordinator, "FORBIDDEN"), (outsider, "NOT_FOUND")):
        async with Client(transport=ws_transport(api.base_url, stranger.token)) as session:
            with pytest.raises(TransportQueryError) as refused_live:
                async for _ in session.subscribe(events):
                    pass
        assert refused_live.value.errors[0]["extensions"]["code"] == code


async def test_unread_counts_and_read_markers(api: Api) -> None:
    p = await pair(api)
    other = await pair(api, p.world)
    first, second, third = [
        (await send(api, p.mentee, p.relationship, f"pesan {n}"))["id"] for n in (1, 2, 3)
    ]
    reply = (await send(api, p.mentor, p.relationship, "balasan"))["id"]

    async def state(person: Person) -> dict:
        return (await api.ok(CONVERSATION, {"r": p.relationship}, person.token))["conversation"]

    mentor_view, mentee_view = await state(p.mentor), await state(p.mentee)
    assert (mentor_view["unreadCount"], mentor_view["lastReadMessageId"]) == (3, None)
    assert mentee_view["unreadCount"] == 1  # own messages are never unread
    assert mentor_view["lastMessage"] == {"id": reply}

    read = await api.ok(MARK_READ, {"r": p.relationship, "upTo": second}, p.mentor.token)
    assert read["markConversationRead"] == {"unreadCount": 1, "lastReadMessageId": second}
    back = await api.ok(MARK_READ, {"r": p.relationship, "upTo": first}, p.mentor.token)
    assert back["markConversationRead"] == {"unreadCount": 1, "lastReadMessageId": second}
    foreign = (await send(api, other.mentor, other.relationship, "lain"))["id"]
    wrong = await api.error(MARK_READ, {"r": p.relationship, "upTo": foreign}, p.mentor.token)
    assert (code_of(wrong), wrong["extensions"]["field"]) == ("BAD_USER_INPUT", "upTo")
    assert (await state(p.mentor))["lastReadMessageId"] == second
    assert (await state(p.mentee))["readMarkers"] == [
        {"user": {"id": p.mentor.id}, "lastReadMessageId": second}
    ]

    await api.ok(DELETE, {"m": third}, p.mentee.token)  # a deleted message is not unread
    assert (await state(p.mentor))["unreadCount"] == 0
    listed = (await api.ok(LIST, token=p.mentor.token))["conversations"]
    assert listed == [
        {
            "relationshipId": p.relationship,
            "unreadCount": 0,
            "lastMessage": {"id": reply, "body": "balasan"},
        }
    ]
    everything = await api.ok(MARK_READ, {"r": p.relationship}, p.mentee.token)
    assert everything["markConversationRead"] == {"unreadCount": 0, "lastReadMessageId": reply}
    coordinator = await api.error(MARK_READ, {"r": p.relationship}, p.coordinator.token)
    assert code_of(coordinator) == "FORBIDDEN"


async def test_paging_back_through_history(api: Api) -> None:
    p = await pair(api)
    sent = []
    for n in range(35):  # two authors: each stays inside the per-token message budget
        person = p.mentor if n % 2 else p.mentee
        sent.append((await send(api, person, p.relationship, f"pesan {n}"))["id"])
    seen: list[str] = []
    after = None
    pages = []
    while True:
        page = (
            await api.ok(
                CONVERSATION, {"r": p.relationship, "first": 10, "after": after}, p.mentee.token
            )
        )["conversation"]["messages"]
        seen += [e["node"]["id"] for e in page["edges"]]
        pages.append((len(page["edges"]), page["pageInfo"]["hasNextPage"]))
        assert page["pageInfo"]["hasPreviousPage"] == (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
        # a message arriving meanwhile does not shift the pages further back
        if len(pages) == 1:
            newest = (await send(api, p.mentor, p.relationship, "baru"))["id"]
    assert pages == [(10, True), (10, True), (10, True), (5, False)]
    assert seen == list(reversed(sent))
    assert (await history(api, p.mentee, p.relationship))[0]["id"] == newest

    for cursor in ("bukan-kursor", base64.urlsafe_b64encode(b"session:5").decode(), "!!"):
        bad = await api.error(CONVERSATION, {"r": p.relationship, "after": cursor}, p.mentee.token)
        assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", "after")
    for first in (0, 101):
        bad = await api.error(CONVERSATION, {"r": p.relationship, "first": first}, p.mentee.token)
        assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", "first")


async def test_the_other_participant_sees_it_live(api: Api) -> None:
    p = await pair(api)
    other = await pair(api, p.world)
    elsewhere = await send(api, other.mentee, other.relationship, "bukan untukmu")
    await api.ok(MARK_READ, {"r": other.relationship}, other.mentee.token)
    query = f"""subscription {{ conversationEvents(relationshipId: "{p.relationship}") {{
      kind message {{ id body deleted mine }} reader {{ id }} lastReadMessageId }} }}"""
    async with subscribe(api.base_url, p.mentor.token, query) as live:
        # an announcement is only a pointer: one naming another conversation's message (or
        # someone else's read marker) shows nothing, and the real message comes next
        topic = f"conversation:{relay_pk(p.relationship)}"
        await broker().publish(topic, {"kind": "sent", "message": relay_pk(elsewhere["id"])})
        await broker().publish(topic, {"kind": "read", "user": relay_pk(other.mentee.id)})
        sent = await send(api, p.mentee, p.relationship, "Sudah sampai?")
        event = (await live.next())["conversationEvents"]
        assert event == {
            "kind": "SENT",
            "message": {"id": sent["id"], "body": "Sudah sampai?", "deleted": False, "mine": False},
            "reader": None,
            "lastReadMessageId": None,
        }
        await api.ok(EDIT, {"m": sent["id"], "b": "Sudah sampai, Kak?"}, p.mentee.token)
        event = (await live.next())["conversationEvents"]
        assert (event["kind"], event["message"]["body"]) == ("EDITED", "Sudah sampai, Kak?")
        await api.ok(MARK_READ, {"r": p.relationship}, p.mentor.token)
        event = (await live.next())["conversationEvents"]
        assert event == {
            "kind": "READ",
            "message": None,
            "reader": {"id": p.mentor.id},
            "lastReadMessageId": sent["id"],
        }
        await api.ok(DELETE, {"m": sent["id"]}, p.mentee.token)
        event = (await live.next())["conversationEvents"]
        assert event["kind"] == "DELETED"
        assert event["message"] == {"id": sent["id"], "body": "", "deleted": True, "mine": False}


REMOVE = """mutation($r: ID!, $u: ID!, $why: String!) { removeFromRelationship(relationshipId: $r,
  userId: $u, reason: $why) { status } }"""


async def test_someone_removed_from_a_group_reads_no_further(api: Api) -> None:
    world, mentor, staying, leaving, group = await started_group_of_two(api)
    await send(api, leaving, group, "Halo semua")
    query = f"""subscription {{ conversationEvents(relationshipId: "{group}") {{
      kind message {{ body }} }} }}"""
    async with (
        subscribe(api.base_url, staying.token, query) as stays,
        subscribe(api.base_url, leaving.token, query) as leaves,
    ):
        why = {"r": group, "u": leaving.id, "why": "Pindah program"}
        assert (await api.ok(REMOVE, why, world.coordinator.token))["removeFromRelationship"][
            "status"
        ] == "ACTIVE"
        await send(api, mentor, group, "Hanya untuk yang masih di sini")
        assert (await stays.next())["conversationEvents"]["message"] == {
            "body": "Hanya untuk yang masih di sini"
        }
        async with asyncio.timeout(10):
            ended = json.loads(await leaves.ws.recv())
        assert (ended["type"], ended["payload"]["data"]) == ("next", None)
        assert [code_of(e) for e in ended["payload"]["errors"]] == ["FORBIDDEN"]
    gone = await api.error(CONVERSATION, {"r": group}, leaving.token)
    assert code_of(gone) == "NOT_FOUND"
    assert (await api.ok(LIST, token=leaving.token))["conversations"] == []


async def test_bad_input_is_refused_and_changes_nothing(api: Api) -> None:
    p = await pair(api)
    for body in ("", "   \n ", "x" * 4001, "nul\x00byte", "bel\x07"):
        refused = await api.error(SEND, {"r": p.relationship, "b": body}, p.mentee.token)
        assert (code_of(refused), refused["extensions"]["field"]) == ("BAD_USER_INPUT", "body")
    assert len((await send(api, p.mentee, p.relationship, "y" * 4000))["body"]) == 4000
    sent = await send(api, p.mentee, p.relationship, "baris satu\n\tbaris dua")
    for body in ("", "z" * 4001):
        refused = await api.error(EDIT, {"m": sent["id"], "b": body}, p.mentee.token)
        assert code_of(refused) == "BAD_USER_INPUT"
    for message_id in ("bukan-id", p.relationship):
        refused = await api.error(EDIT, {"m": message_id, "b": "ok"}, p.mentee.token)
        assert code_of(refused) == "BAD_USER_INPUT"
    missing = base64.b64encode(b"ConversationMessage:987654321").decode()
    assert code_of(await api.error(DELETE, {"m": missing}, p.mentee.token)) == "NOT_FOUND"
    messages = await history(api, p.mentor, p.relationship)
    assert [m["body"] for m in messages] == ["baris satu\n\tbaris dua", "y" * 4000]
    assert all(m["editedAt"] is None for m in messages)


async def test_ended_and_unstarted_relationships_refuse_new_messages(api: Api) -> None:
    proposed = await pair(api, active=False)
    early = await api.error(SEND, {"r": proposed.relationship, "b": "halo"}, proposed.mentee.token)
    assert code_of(early) == "CONFLICT"

    p = await pair(api, proposed.world)
    sent = await send(api, p.mentee, p.relationship, "Terima kasih untuk semuanya")
    await api.ok(
        "mutation($r: ID!) { completeRelationship(relationshipId: $r) { status } }",
        {"r": p.relationship},
        p.mentor.token,
    )
    late = await api.error(SEND, {"r": p.relationship, "b": "satu lagi"}, p.mentor.token)
    assert (code_of(late), late["extensions"]["field"]) == ("CONFLICT", "relationshipId")
    assert code_of(await api.error(EDIT, {"m": sent["id"], "b": "x"}, p.mentee.token)) == (
        "CONFLICT"
    )
    assert [m["id"] for m in await history(api, p.mentor, p.relationship)] == [sent["id"]]
    listed = (await api.ok(LIST, token=p.mentor.token))["conversations"]
    assert [c["relationshipId"] for c in listed] == [p.relationship]  # recently ended: listed


REPORT = """mutation($r: ID!, $t: String!, $m: [ID!]) { reportConcern(relationshipId: $r,
  text: $t, messageIds: $m) { id attachments { messageId authorId authorName body sentAt } } }"""
REPORTS = """query($p: ID!) { concernReports(programmeId: $p) { id attachments {
  messageId authorId authorName body editedAt } } }"""


async def test_a_concern_keeps_copies_of_the_messages_it_attaches(api: Api) -> None:
    p = await pair(api)
    other = await pair(api, p.world)
    asked = await send(api, p.mentor, p.relationship, "Boleh minta nomor WA pribadimu?")
    await send(api, p.mentee, p.relationship, "Untuk apa, Kak?")
    insisted = await send(api, p.mentor, p.relationship, "Jangan bilang siapa-siapa ya")
    foreign = await send(api, other.mentee, other.relationship, "pesan lain")
    gone = await send(api, p.mentor, p.relationship, "akan dihapus")
    await api.ok(DELETE, {"m": gone["id"]}, p.mentor.token)

    too_many = [
        base64.b64encode(f"ConversationMessage:{n}".encode()).decode() for n in range(1, 52)
    ]
    for ids in ([asked["id"], foreign["id"]], [gone["id"]], too_many, [p.relationship]):
        refused = await api.error(
            REPORT, {"r": p.relationship, "t": "Mentor meminta nomor", "m": ids}, p.mentee.token
        )
        assert (code_of(refused), refused["extensions"]["field"]) == (
            "BAD_USER_INPUT",
            "messageIds",
        )
    assert (await api.ok(REPORTS, {"p": p.world.programme_id}, p.coordinator.token))[
        "concernReports"
    ] == []  # the refused reports wrote nothing

    made = (
        await api.ok(
            REPORT,
            {"r": p.relationship, "t": "Mentor meminta nomor", "m": [insisted["id"], asked["id"]]},
            p.mentee.token,
        )
    )["reportConcern"]
    assert [a["messageId"] for a in made["attachments"]] == [asked["id"], insisted["id"]]
    await api.ok(DELETE, {"m": asked["id"]}, p.mentor.token)  # the evidence stays in the report
    await api.ok(EDIT, {"m": insisted["id"], "b": "lupakan saja"}, p.mentor.token)
    reports = (await api.ok(REPORTS, {"p": p.world.programme_id}, p.coordinator.token))[
        "concernReports"
    ]
    assert reports == [
        {
            "id": made["id"],
            "attachments": [
                {
                    "messageId": asked["id"],
                    "authorId": p.mentor.id,
                    "authorName": p.mentor.name,
                    "body": "Boleh minta nomor WA pribadimu?",
                    "editedAt": None,
                },
                {
                    "messageId": insisted["id"],
                    "authorId": p.mentor.id,
                    "authorName": p.mentor.name,
                    "body": "Jangan bilang siapa-siapa ya",
                    "editedAt": None,
                },
            ],
        }
    ]
    # the reported mentor sees no report, and the coordinator still cannot open the chat
    assert (await api.ok(REPORTS, {"p": p.world.programme_id}, p.mentor.token))[
        "concernReports"
    ] == []
    refused = await api.error(CONVERSATION, {"r": p.relationship}, p.coordinator.token)
    assert code_of(refused) == "FORBIDDEN"


# --- the per-connection budget -----------------------------------------------------------


def ws_transport(base_url: str, token: str) -> WebsocketsTransport:
    return WebsocketsTransport(
        url=base_url.replace("http://", "ws://") + "/graphql",
        init_payload={"authorization": f"Bearer {token}"},
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
    )


@pytest.fixture(scope="module")
async def strict_server(server: str, database_url: str) -> AsyncIterator[str]:
    """A second app on the same database with a budget of three messages per connection.

    Its lifespan stays off: the session's server already opened the database and broker.
    """
    settings = make_settings(database_url, message_limit_per_connection="3/minute")
    async with serving_here(create_app(settings), lifespan="off") as base_url:
        yield base_url


async def test_a_flooding_connection_is_slowed_down(api: Api, strict_server: str) -> None:
    p = await pair(api)

    def send_over_ws(body: str) -> GraphQLRequest:
        return GraphQLRequest(
            "mutation($r: ID!, $b: String!) { sendMessage(relationshipId: $r, body: $b) { id } }",
            variable_values={"r": p.relationship, "b": body},
        )

    async with Client(transport=ws_transport(strict_server, p.mentee.token)) as session:
        for n in range(3):
            await session.execute(send_over_ws(f"{n}"))
        with pytest.raises(TransportQueryError) as flooded:
            await session.execute(send_over_ws("4"))
    assert flooded.value.errors[0]["extensions"]["code"] == "RATE_LIMITED"
    # the budget is the connection's: a new one may send again
    async with Client(transport=ws_transport(strict_server, p.mentee.token)) as session:
        await session.execute(send_over_ws("baru"))
    bodies = [m["body"] for m in await history(api, p.mentor, p.relationship)]
    assert bodies == ["baru", "2", "1", "0"]
