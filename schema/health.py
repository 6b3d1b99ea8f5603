"""Relationship health and follow-up flags for coordinators."""

from __future__ import annotations

import strawberry

from schema.accounts import User
from schema.relationships import Relationship


@strawberry.type(description="How a relationship is doing, 0-100, and why.")
class RelationshipHealth:
    relationship: Relationship
    score: int
    reasons: list[str]
    days_inactive: int
    inactive: bool = strawberry.field(description="Quiet longer than the programme allows.")
    offer_closing: bool = strawberry.field(description="Quiet so long it may be closed.")


@strawberry.type(description="A mentor with requests waiting too long for an answer.")
class UnansweredRequests:
    mentor: User
    pending: int
    oldest_days: int
