"""The mentor directory: search, filters, cursor pages."""

from __future__ import annotations

import strawberry
from strawberry import relay

from models.directory import DirectorySort, MentorHit
from resolvers import directory as directory_resolvers
from schema.accounts import User
from schema.context import Info
from schema.permissions import CanRead
from schema.profiles import Expertise, MarkKindEnum
from schema.programmes import Programme

DirectorySortEnum = strawberry.enum(DirectorySort, name="DirectorySort")


@strawberry.input
class MentorFilterInput:
    text: str = strawberry.field(default="", description="Words to find in name, bio, skills.")
    focus_areas: list[str] = strawberry.field(default_factory=list, description="Slugs.")
    min_level: int | None = strawberry.field(
        default=None, description="Expertise level (1-5) in the chosen focus areas, or any."
    )
    languages: list[str] = strawberry.field(default_factory=list)
    utc_offset_min: float | None = None
    utc_offset_max: float | None = None
    overlaps_my_availability: bool = False
    open_only: bool = False
    with_capacity: bool = False
    favourites_only: bool = False
    include_hidden: bool = False
    sort: DirectorySortEnum = strawberry.field(  # type: ignore[valid-type]
        default=DirectorySort.RELEVANCE,
        description="COMPATIBILITY ranks by the matcher's score with you as mentee.",
    )


@strawberry.type(description="A mentor as the directory lists them.")
class MentorCard:
    """Filled once from the page's hit: plain fields resolve without a call each."""

    user_id: strawberry.Private[int]
    user: User
    display_name: str
    bio: str
    languages: list[str]
    timezone: str
    open_for_requests: bool
    capacity: int
    remaining_capacity: int
    mark: MarkKindEnum | None = strawberry.field(  # type: ignore[valid-type]
        description="Your private mark on this mentor."
    )
    relevance: float = strawberry.field(description="How well the mentor matched the search words.")
    compatibility: float | None = strawberry.field(
        description="Matcher's score with you, when sorting by compatibility."
    )
    overlap_hours: float | None = strawberry.field(
        description="Weekly hours you are both free, when that filter is on."
    )
    expertise: list[Expertise]

    @strawberry.field(description="Programmes this person mentors in.")
    async def programmes(self, info: Info) -> list[Programme]:
        return await info.context.loaders.mentoring_in.load(self.user_id)

    @classmethod
    def of(cls, hit: MentorHit) -> MentorCard:
        minutes = hit.overlap_minutes
        return cls(
            user_id=hit.user_id,
            user=User(id=hit.user_id, display_name=hit.display_name),
            display_name=hit.display_name,
            bio=hit.bio,
            languages=hit.languages,
            timezone=hit.timezone,
            open_for_requests=hit.open_for_requests,
            capacity=hit.capacity,
            remaining_capacity=hit.remaining_capacity,
            mark=hit.mark,
            relevance=hit.relevance,
            compatibility=hit.compatibility,
            overlap_hours=None if minutes is None else round(minutes / 60, 2),
            expertise=hit.expertise,  # type: ignore[arg-type]
        )


@strawberry.type
class MentorEdge:
    cursor: str
    node: MentorCard


@strawberry.type
class MentorConnection:
    edges: list[MentorEdge]
    page_info: relay.PageInfo
    total_count: int


@strawberry.type
class DirectoryQueries:
    @strawberry.field(permission_classes=[CanRead])
    async def mentor_directory(
        self,
        info: Info,
        programme_id: relay.GlobalID,
        filter: MentorFilterInput | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> MentorConnection:
        page = await directory_resolvers.mentor_directory(
            info.context, programme_id, vars(filter) if filter else None, first, after
        )
        edges = [MentorEdge(cursor=h.cursor(), node=MentorCard.of(h)) for h in page.hits]
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
