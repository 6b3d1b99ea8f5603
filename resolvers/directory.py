"""Mentor directory search."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from strawberry import relay

from models.accounts import Scope
from models.directory import MentorFilter, MentorPage, search_mentors
from resolvers.context import Context
from resolvers.ids import db_id


async def mentor_directory(
    context: Context,
    programme_id: relay.GlobalID,
    filter: Mapping[str, Any] | None = None,
    first: int = 20,
    after: str | None = None,
) -> MentorPage:
    """One page of mentors; ``filter`` holds the filter input's fields."""
    viewer = context.require(Scope.READ)
    f = MentorFilter(**filter) if filter else MentorFilter()
    return await search_mentors(
        viewer, db_id(programme_id, "Programme", "programmeId"), f, first, after
    )
