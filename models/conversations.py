"""Conversations: the persistent messages between a relationship's participants.

A conversation is private to the participants: coordinators never read it. A participant
who reports a concern may attach messages they choose; the report keeps copies of those.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.accounts import User
from models.relationships import Relationship


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
        indexes = (("relationship", "id"),)


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
