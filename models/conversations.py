"""Conversations: the persistent messages between a relationship's participants.

A conversation is private to the participants: coordinators never read it. A participant
who reports a concern may attach messages they choose; the report keeps copies of those.

Messages are stored first and announced on the relationship's topic after the commit
(models.announcements). The announcement carries only ids: each subscriber re-reads the row
(``realtime.conversations.follow``), so what reaches a client is always what the database
holds and what that client may see.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.expressions import Q
from tortoise.functions import Count, Max
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.accounts import User, now, require_verified
from models.announcements import Publication
from models.announcements import announce as announce_now
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.relationships import (
    OPEN_STATUSES,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    participant_ids,
    relationship_for,
)

MAX_BODY = 4000
MAX_PAGE = 100
# ended relationships stay in the conversation list this long, so last words can be read
RECENTLY_CLOSED = timedelta(days=30)
# control characters other than tab and newlines, and lone surrogates (not encodable as UTF-8)
_MALFORMED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class ConversationMessage(Model):
    id = fields.IntField(primary_key=True)
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name="messages", on_delete=fields.CASCADE
    )
    author: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)
    edited_at = fields.DatetimeField(null=True)
    deleted_at = fields.DatetimeField(null=True)  # the body is blanked; the place stays

    class Meta:
        table = "conversation_messages"
        indexes = (("relationship_id", "id"),)


class ConversationRead(Model):
    """How far one participant has read one conversation (the highest message id seen)."""

    id = fields.IntField(primary_key=True)
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name=False, on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    last_read_id = fields.IntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "conversation_reads"
        unique_together = (("relationship", "user"),)


class ConversationEventKind(StrEnum):
    SENT = "sent"
    EDITED = "edited"
    DELETED = "deleted"
    READ = "read"


def conversation_topic(relationship_id: int) -> str:
    return f"conversation:{relationship_id}"


# --- who may take part ------------------------------------------------------------------


async def conversation_for(user: User, relationship_id: int) -> Relationship:
    """The relationship, if the user takes part in it.

    Coordinators see the relationship but not its conversation: they get Forbidden, and
    everyone else NotFound (as for the relationship itself).
    """
    relationship = await Relationship.get_or_none(id=relationship_id)
    if relationship is not None and user.id in await participant_ids(relationship):
        return relationship
    await relationship_for(user, relationship_id)  # NotFound unless a coordinator
    raise Forbidden(
        "Conversations are private to the relationship's participants.", field="relationshipId"
    )


async def participating(user_id: int, relationship_ids: set[int]) -> set[int]:
    """Which of these relationships the user takes part in (two queries for any number)."""
    if not relationship_ids:
        return set()
    as_mentor = await Relationship.filter(id__in=relationship_ids, mentor_id=user_id).values_list(
        "id", flat=True
    )
    as_member = await RelationshipMember.filter(
        relationship_id__in=relationship_ids, user_id=user_id
    ).values_list("relationship_id", flat=True)
    return set(as_mentor) | set(as_member)


async def visible_messages(user: User, ids: list[int]) -> list[ConversationMessage | None]:
    """Messages by id in the order asked, None where the user takes no part."""
    rows = {m.id: m for m in await ConversationMessage.filter(id__in=ids)}
    mine = await participating(user.id, {m.relationship_id for m in rows.values()})
    return [m if (m := rows.get(i)) and m.relationship_id in mine else None for i in ids]


async def _message_for(user: User, message_id: int) -> ConversationMessage:
    """A message of a conversation the user takes part in; NotFound for anyone else,
    coordinators included, so nobody else learns that a message exists."""
    message = (await visible_messages(user, [message_id]))[0]
    if message is None:
        raise NotFound("No such message.", field="messageId")
    return message


# --- writing ----------------------------------------------------------------------------


def clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise BadInput("Write something first.", field="body")
    if len(body) > MAX_BODY:
        raise BadInput(f"Keep a message under {MAX_BODY} characters.", field="body")
    if _MALFORMED.search(body):
        raise BadInput("The message contains characters that cannot be stored.", field="body")
    return body


def _open_for_writing(relationship: Relationship) -> None:
    """Messages go into active relationships only: a proposed one waits until everyone has
    accepted the guidelines, a paused one (perhaps paused for safeguarding) stays quiet, and
    an ended one keeps its history read-only."""
    if relationship.status != RelationshipStatus.ACTIVE:
        raise Conflict(
            f"This relationship is {relationship.status.value}: its conversation is read-only.",
            field="relationshipId",
        )


async def announce(relationship_id: int, kind: ConversationEventKind, **ids: int) -> None:
    message = {"kind": kind.value, **ids}
    await announce_now(Publication(conversation_topic(relationship_id), message))


async def send_message(user: User, relationship_id: int, body: str) -> ConversationMessage:
    require_verified(user, "send messages")
    relationship = await conversation_for(user, relationship_id)
    body = clean_body(body)
    _open_for_writing(relationship)
    async with in_transaction():
        message = await ConversationMessage.create(
            relationship_id=relationship.id, author_id=user.id, body=body
        )
        # a conversation is activity: health scoring and inactivity nudges read this
        await Relationship.filter(id=relationship.id).update(last_activity_at=message.created_at)
    await announce(relationship.id, ConversationEventKind.SENT, message=message.id)
    return message


async def _authored(user: User, message_id: int, verb: str) -> ConversationMessage:
    message = await _message_for(user, message_id)
    if message.author_id != user.id:
        raise Forbidden(f"Only the author can {verb} a message.", field="messageId")
    return message


async def edit_message(user: User, message_id: int, body: str) -> ConversationMessage:
    message = await _authored(user, message_id, "edit")
    body = clean_body(body)
    if message.deleted_at is not None:
        raise Conflict("This message was deleted.", field="messageId")
    _open_for_writing(await Relationship.get(id=message.relationship_id))
    if body == message.body:
        return message
    # conditional, so an edit racing a deletion cannot bring the body back
    edited = await ConversationMessage.filter(id=message.id, deleted_at__isnull=True).update(
        body=body, edited_at=now()
    )
    if not edited:
        raise Conflict("This message was deleted.", field="messageId")
    await message.refresh_from_db()
    await announce(message.relationship_id, ConversationEventKind.EDITED, message=message.id)
    return message


async def delete_message(user: User, message_id: int) -> ConversationMessage:
    """Blank the body and keep the place. Allowed after the relationship ends too: what
    someone wrote stays theirs to withdraw (reports keep their own copies)."""
    message = await _authored(user, message_id, "delete")
    deleted = await ConversationMessage.filter(id=message.id, deleted_at__isnull=True).update(
        body="", deleted_at=now()
    )
    await message.refresh_from_db()
    if deleted:  # deleting twice changes nothing and announces nothing
        await announce(message.relationship_id, ConversationEventKind.DELETED, message=message.id)
    return message


async def mark_read(user: User, relationship_id: int, up_to: int | None) -> Relationship:
    """Move the user's read marker forward to a message (by default the newest); it never
    moves back, so a stale client cannot mark read messages unread again."""
    relationship = await conversation_for(user, relationship_id)
    messages = ConversationMessage.filter(relationship_id=relationship.id)
    if up_to is None:
        newest = await messages.order_by("-id").limit(1).values_list("id", flat=True)
        target = newest[0] if newest else 0
    elif await messages.filter(id=up_to).exists():
        target = up_to
    else:
        raise BadInput("That message is not in this conversation.", field="upTo")
    if target and await _advance_marker(relationship.id, user.id, target):
        await announce(relationship.id, ConversationEventKind.READ, user=user.id)
    return relationship


async def _advance_marker(relationship_id: int, user_id: int, target: int) -> bool:
    marker, created = await ConversationRead.get_or_create(
        relationship_id=relationship_id, user_id=user_id, defaults={"last_read_id": target}
    )
    if created:
        return True
    moved = await ConversationRead.filter(id=marker.id, last_read_id__lt=target).update(
        last_read_id=target, updated_at=now()
    )
    return bool(moved)


# --- reading ----------------------------------------------------------------------------


@dataclass
class ConversationState:
    """One conversation as one participant sees it."""

    relationship: Relationship
    viewer_id: int
    unread_count: int
    last_read_id: int
    last_message: ConversationMessage | None


async def conversation_states(
    user_id: int, relationships: list[Relationship]
) -> list[ConversationState]:
    """Unread counts, read markers and last messages for many conversations in four
    queries, so a list of conversations with badges costs the same as one."""
    ids = [r.id for r in relationships]
    if not ids:
        return []
    markers: dict[int, int] = dict(
        await ConversationRead.filter(user_id=user_id, relationship_id__in=ids).values_list(
            "relationship_id", "last_read_id"
        )
    )
    unread_after = Q(*[Q(relationship_id=i, id__gt=markers.get(i, 0)) for i in ids], join_type=Q.OR)
    counts: dict[int, int] = dict(
        await ConversationMessage.filter(unread_after, deleted_at__isnull=True)
        .filter(Q(author_id__isnull=True) | ~Q(author_id=user_id))
        .annotate(unread=Count("id"))
        .group_by("relationship_id")
        .values_list("relationship_id", "unread")
    )
    newest = (
        await ConversationMessage.filter(relationship_id__in=ids)
        .annotate(newest=Max("id"))
        .group_by("relationship_id")
        .values_list("newest", flat=True)
    )
    last = {m.relationship_id: m for m in await ConversationMessage.filter(id__in=newest)}
    return [
        ConversationState(r, user_id, counts.get(r.id, 0), markers.get(r.id, 0), last.get(r.id))
        for r in relationships
    ]


async def conversation(user: User, relationship_id: int) -> ConversationState:
    relationship = await conversation_for(user, relationship_id)
    return (await conversation_states(user.id, [relationship]))[0]


async def my_conversations(user: User) -> list[ConversationState]:
    """Conversations of open relationships and of recently ended ones, latest first."""
    relationships = (
        await Relationship.filter(Q(members__user_id=user.id) | Q(mentor_id=user.id))
        .filter(Q(status__in=OPEN_STATUSES) | Q(ended_at__gte=now() - RECENTLY_CLOSED))
        .distinct()
    )
    states = await conversation_states(user.id, relationships)

    def latest(state: ConversationState) -> tuple[Any, int]:
        moment = state.last_message.created_at if state.last_message else None
        return (moment or state.relationship.created_at, state.relationship.id)

    return sorted(states, key=latest, reverse=True)


async def read_markers(relationship_id: int) -> dict[int, int]:
    """Every participant's read marker (user id to last read message id)."""
    return dict(
        await ConversationRead.filter(relationship_id=relationship_id).values_list(
            "user_id", "last_read_id"
        )
    )


def encode_cursor(message_id: int) -> str:
    return base64.urlsafe_b64encode(f"message:{message_id}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        message_id = int(value)
    except (ValueError, binascii.Error, UnicodeError):
        message_id = 0
        kind = ""
    if kind != "message" or message_id < 1:
        raise BadInput("That cursor is not one this server gave out.", field="after")
    return message_id


async def message_page(
    relationship_id: int, first: int, after: str | None
) -> tuple[list[ConversationMessage], bool]:
    """Newest first; `after` (a message's cursor) continues back into older history.

    Keyset on the id: messages arriving meanwhile never shift a page, so paging back gives
    no duplicates and no gaps.
    """
    if not 1 <= first <= MAX_PAGE:
        raise BadInput(f"Ask for 1 to {MAX_PAGE} messages at a time.", field="first")
    query = ConversationMessage.filter(relationship_id=relationship_id)
    if after is not None:
        query = query.filter(id__lt=decode_cursor(after))
    rows = await query.order_by("-id").limit(first + 1)
    return rows[:first], len(rows) > first


# --- live -------------------------------------------------------------------------------


@dataclass
class ConversationEvent:
    kind: ConversationEventKind
    message: ConversationMessage | None = None
    reader_id: int | None = None
    last_read_id: int = 0


async def event_from(
    relationship_id: int, announcement: dict[str, Any]
) -> ConversationEvent | None:
    """What an announcement on the conversation's topic points at, read afresh; None for
    a stale or forged one."""
    try:
        kind = ConversationEventKind(announcement.get("kind"))
    except ValueError:
        return None
    if kind == ConversationEventKind.READ:
        marker = await ConversationRead.get_or_none(
            relationship_id=relationship_id, user_id=announcement.get("user")
        )
        if marker is None:
            return None
        return ConversationEvent(kind, reader_id=marker.user_id, last_read_id=marker.last_read_id)
    message = await ConversationMessage.get_or_none(
        id=announcement.get("message"), relationship_id=relationship_id
    )
    return None if message is None else ConversationEvent(kind, message=message)
