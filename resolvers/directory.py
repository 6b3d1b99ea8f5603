"""Mentor directory search."""

from __future__ import annotations

from strawberry import relay

from models.accounts import Scope
from models.directory import MentorFilter, search_mentors
from resolvers.ids import db_id
from schema.context import Info
from schema.directory import MentorCard, MentorConnection, MentorEdge, MentorFilterInput


async def mentor_directory(
    info: Info,
    programme_id: relay.GlobalID,
    filter: MentorFilterInput | None = None,
    first: int = 20,
    after: str | None = None,
) -> MentorConnection:
    viewer = info.context.require(Scope.READ)
    f = MentorFilter(**vars(filter)) if filter else MentorFilter()
    page = await search_mentors(
        viewer, db_id(programme_id, "Programme", "programmeId"), f, first, after
    )
    loaders = info.context.loaders
    for hit in page.hits:  # already read for ranking: spare the loader a query
        loaders.expertise.prime(hit.user.id, hit.expertise)
    edges = [MentorEdge(cursor=h.cursor(), node=MentorCard(hit=h)) for h in page.hits]
    return MentorConnection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=page.total,
    )
