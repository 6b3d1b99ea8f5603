"""Live rooms: where a session's participants meet, with presence, chat and signalling.

A room belongs to a session, or to a relationship for ad-hoc calls (``key`` says which,
so each has exactly one room). Presence rows live in the database so every app process
sees who is here; a row whose connection stopped heartbeating is stale and ignored.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from models.accounts import User
from models.relationships import Relationship
from models.sessions import Session


class RoomMode(StrEnum):
    MESH = "mesh"  # every browser connects to every other: small rooms
    RELAY = "relay"  # the server joins as a peer and forwards media: larger groups


class Room(Model):
    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=40, unique=True)  # "session:<id>" or "relationship:<id>"
    relationship: fields.ForeignKeyRelation[Relationship] = fields.ForeignKeyField(
        "rajut.Relationship", related_name="rooms", on_delete=fields.CASCADE
    )
    session: fields.ForeignKeyNullableRelation[Session] = fields.ForeignKeyField(
        "rajut.Session", related_name=False, null=True, on_delete=fields.CASCADE
    )
    mode = fields.CharEnumField(RoomMode, max_length=8, default=RoomMode.MESH)
    # relay mode: the app process hosting the media relay, while its lease lasts
    relay_host = fields.CharField(max_length=64, default="")
    relay_lease_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "rooms"


class RoomPresence(Model):
    """One live connection in a room (a person with two tabs has two)."""

    id = fields.IntField(primary_key=True)
    room: fields.ForeignKeyRelation[Room] = fields.ForeignKeyField(
        "rajut.Room", related_name="presence", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    connection = fields.CharField(max_length=40, unique=True)
    joined_at = fields.DatetimeField(auto_now_add=True)
    seen_at = fields.DatetimeField()
    hand_raised = fields.BooleanField(default=False)
    muted = fields.BooleanField(default=False)

    class Meta:
        table = "room_presence"
        indexes = (("room", "seen_at"),)


class RoomMessage(Model):
    id = fields.IntField(primary_key=True)
    room: fields.ForeignKeyRelation[Room] = fields.ForeignKeyField(
        "rajut.Room", related_name="messages", on_delete=fields.CASCADE
    )
    author: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)
    deleted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "room_messages"
        indexes = (("room", "id"),)
