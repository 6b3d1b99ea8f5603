"""The knowledge repository's API shape: articles, their review and revisions, resources,
search, and the growth signals (views, helpful votes, related articles, new articles in
followed focus areas).

The fields live on ``KnowledgeQueries``, ``KnowledgeMutations`` and
``KnowledgeSubscriptions``; schema/root.py makes them bases of Query, Mutation and
Subscription. Each method checks the token's scope with a permission class, turns global
IDs into database ids and calls resolvers/knowledge.py.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from models import knowledge as model
from models import knowledge_files, knowledge_search
from resolvers import knowledge as resolve
from resolvers.ids import db_id
from schema.context import Info
from schema.organisations import FocusArea
from schema.permissions import CanRead, CanWrite

ArticleStatusEnum = strawberry.enum(model.ArticleStatus, name="ArticleStatus")
ArticleVisibilityEnum = strawberry.enum(model.Visibility, name="ArticleVisibility")
ArticleLanguageEnum = strawberry.enum(model.Language, name="ArticleLanguage")
ResourceKindEnum = strawberry.enum(knowledge_files.ResourceKind, name="ResourceKind")


@strawberry.type(description="An author, by name only: articles never carry contact details.")
class ArticleAuthor:
    id: relay.GlobalID
    display_name: str


@strawberry.type
class ArticleRevision:
    number: int
    note: str = strawberry.field(description="What changed, in the editor's words.")
    title: str
    summary: str
    body: str
    tags: list[str]
    created_at: datetime

    @strawberry.field(description="Who saved it (null once their account is deleted).")
    async def author_name(self) -> str | None:
        author_id = self.author_id  # type: ignore[attr-defined]
        if author_id is None:
            return None
        user = await model.User.get_or_none(id=author_id)
        return user.display_name if user else None


@strawberry.type
class Resource:
    kind: ResourceKindEnum  # type: ignore[valid-type]
    title: str
    url: str = strawberry.field(description="For links; empty for files.")
    filename: str
    content_type: str = strawberry.field(description="Read from the file's content.")
    size: int
    created_at: datetime

    @strawberry.field
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("Resource", str(self.id))  # type: ignore[attr-defined]

    @strawberry.field(description="Where to GET a file (with your token, unless public).")
    def download_path(self) -> str | None:
        if self.kind != knowledge_files.ResourceKind.FILE:
            return None
        return f"/knowledge/files/{relay.GlobalID('Resource', str(self.id))}"  # type: ignore[attr-defined]


@strawberry.type(description="A knowledge repository article.")
class Article(relay.Node):
    id: relay.NodeID[int]
    title: str
    summary: str
    body: str = strawberry.field(description="Markdown.")
    tags: list[str]
    language: ArticleLanguageEnum  # type: ignore[valid-type]
    visibility: ArticleVisibilityEnum  # type: ignore[valid-type]
    status: ArticleStatusEnum  # type: ignore[valid-type]
    private: bool = strawberry.field(
        description="While a draft: readable by its authors only (else also by reviewers)."
    )
    review_comment: str
    reviewed_at: datetime | None
    revision: int = strawberry.field(description="The number of the newest revision.")
    views: int = strawberry.field(description="Readers, counted once per person per day.")
    helpful: int = strawberry.field(description='"This helped me" votes.')
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None

    @classmethod
    def is_type_of(cls, obj: object, info: Info) -> bool:
        return isinstance(obj, (cls, model.Article))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: list[str], required: bool = False
    ) -> list[model.Article | None]:
        return await resolve.articles_by_ids(info.context, [int(i) for i in node_ids])

    @strawberry.field
    def programme_id(self) -> relay.GlobalID:
        return relay.GlobalID("Programme", str(self.programme_id))  # type: ignore[attr-defined]

    @strawberry.field(description="The collaborative note it was promoted from, if any.")
    def source_note_id(self) -> relay.GlobalID | None:
        note = self.source_note_id  # type: ignore[attr-defined]
        return None if note is None else relay.GlobalID("Note", str(note))

    @strawberry.field
    async def authors(self, info: Info) -> list[ArticleAuthor]:
        names = await resolve.authors(info.context, self)  # type: ignore[arg-type]
        return [ArticleAuthor(id=relay.GlobalID("User", str(u)), display_name=n) for u, n in names]

    @strawberry.field(description="Who reviewed it last, by name.")
    async def reviewer_name(self, info: Info) -> str | None:
        return await resolve.reviewer_name(info.context, self)  # type: ignore[arg-type]

    @strawberry.field
    async def focus_areas(self, info: Info) -> list[FocusArea]:
        return await resolve.focus_areas_of(info.context, self)  # type: ignore[arg-type, return-value]

    @strawberry.field
    async def viewer_is_author(self, info: Info) -> bool:
        return await resolve.viewer_is_author(info.context, self)  # type: ignore[arg-type]

    @strawberry.field(description='Whether you said "this helped me".')
    async def viewer_found_helpful(self, info: Info) -> bool:
        return await resolve.viewer_found_helpful(info.context, self)  # type: ignore[arg-type]

    @strawberry.field(description="Newest first.")
    async def revisions(self, info: Info) -> list[ArticleRevision]:
        return await resolve.revisions(info.context, self.id)  # type: ignore[return-value]

    @strawberry.field
    async def resources(self, info: Info) -> list[Resource]:
        return await resolve.article_resources(info.context, self)  # type: ignore[arg-type, return-value]

    @strawberry.field(description="Published articles sharing focus areas and tags.")
    async def related(self, info: Info, first: int = 5) -> list[Article]:
        return await resolve.related(info.context, self, first)  # type: ignore[arg-type, return-value]


@strawberry.type
class ArticleSearchHit:
    article: Article
    score: float = strawberry.field(description="Higher is better; title above tags above body.")
    snippet: str = strawberry.field(
        description="A few dozen words of the text around the matches, matches in **bold**."
    )


@strawberry.type
class ArticleSearchEdge:
    cursor: str
    node: ArticleSearchHit


@strawberry.type
class ArticleSearchConnection:
    edges: list[ArticleSearchEdge]
    page_info: relay.PageInfo


@strawberry.type
class ArticleEdge:
    cursor: str
    node: Article


@strawberry.type
class ArticleConnection:
    edges: list[ArticleEdge]
    page_info: relay.PageInfo


def _page_info(cursors: list[str], has_next: bool, after: str | None) -> relay.PageInfo:
    return relay.PageInfo(
        has_next_page=has_next,
        has_previous_page=after is not None,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
    )


def _article_connection(page: resolve.ArticlePage, after: str | None) -> ArticleConnection:
    edges = [
        ArticleEdge(cursor=resolve.encode_cursor(0.0, a.id), node=a)  # type: ignore[arg-type]
        for a in page.articles
    ]
    return ArticleConnection(
        edges=edges, page_info=_page_info([e.cursor for e in edges], page.has_next_page, after)
    )


@strawberry.input
class ArticleInput:
    programme_id: relay.GlobalID
    title: str
    body: str = ""
    summary: str = ""
    tags: list[str] = strawberry.field(default_factory=list)
    focus_areas: list[str] = strawberry.field(
        default_factory=list, description="Slugs of the organisation's focus areas."
    )
    language: ArticleLanguageEnum = model.Language.ID  # type: ignore[valid-type]
    visibility: ArticleVisibilityEnum = model.Visibility.PROGRAMME  # type: ignore[valid-type]
    private: bool = True


@strawberry.input(description="Only the fields given change.")
class ArticleChanges:
    title: str | None = strawberry.UNSET
    summary: str | None = strawberry.UNSET
    body: str | None = strawberry.UNSET
    tags: list[str] | None = strawberry.UNSET
    focus_areas: list[str] | None = strawberry.UNSET
    language: ArticleLanguageEnum | None = strawberry.UNSET  # type: ignore[valid-type]
    visibility: ArticleVisibilityEnum | None = strawberry.UNSET  # type: ignore[valid-type]


@strawberry.input
class ArticleSearchFilter:
    focus_area: str | None = strawberry.field(default=None, description="A focus area's slug.")
    tag: str | None = None
    language: ArticleLanguageEnum | None = None  # type: ignore[valid-type]
    author_id: relay.GlobalID | None = None


def _article_id(gid: relay.GlobalID, field: str = "id") -> int:
    return db_id(gid, "Article", field)


@strawberry.type
class KnowledgeQueries:
    @strawberry.field(description="Published public articles need no sign-in.")
    async def article(self, info: Info, id: relay.GlobalID) -> Article:
        return await resolve.article(info.context, _article_id(id))  # type: ignore[return-value]

    @strawberry.field(
        description="Full-text search of published articles in Indonesian and English "
        "(stemmed: membimbing finds bimbingan). An empty query lists the newest. "
        "Public articles are found without signing in."
    )
    async def search_articles(
        self,
        info: Info,
        query: str = "",
        filter: ArticleSearchFilter | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> ArticleSearchConnection:
        given = filter or ArticleSearchFilter()
        filters = knowledge_search.Filters(
            focus_area=given.focus_area[:60] if given.focus_area else None,
            tag=given.tag,
            language=given.language,
            author_id=db_id(given.author_id, "User", "authorId") if given.author_id else None,
        )
        page = await resolve.search_articles(info.context, query, filters, first, after)
        edges = [
            ArticleSearchEdge(
                cursor=resolve.encode_cursor(h.score, h.article.id),
                node=ArticleSearchHit(article=h.article, score=h.score, snippet=h.snippet),  # type: ignore[arg-type]
            )
            for h in page.hits
        ]
        return ArticleSearchConnection(
            edges=edges,
            page_info=_page_info([e.cursor for e in edges], page.has_next_page, after),
        )

    @strawberry.field(permission_classes=[CanRead], description="Articles you (co-)author.")
    async def my_articles(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> ArticleConnection:
        return _article_connection(await resolve.my_articles(info.context, first, after), after)

    @strawberry.field(
        permission_classes=[CanRead],
        description="Mentor coaches and coordinators: articles waiting for your review.",
    )
    async def article_review_queue(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> ArticleConnection:
        page = await resolve.review_queue(info.context, first, after)
        return _article_connection(page, after)

    @strawberry.field(description="A unified diff between two revisions of an article.")
    async def article_diff(
        self, info: Info, article_id: relay.GlobalID, from_revision: int, to_revision: int
    ) -> str:
        key = _article_id(article_id, "articleId")
        return await resolve.revision_diff(info.context, key, from_revision, to_revision)

    @strawberry.field(permission_classes=[CanRead])
    async def focus_area_resources(
        self, info: Info, organisation_id: relay.GlobalID, focus_area: str
    ) -> list[Resource]:
        org = db_id(organisation_id, "Organisation", "organisationId")
        return await resolve.focus_area_resources(info.context, org, focus_area)  # type: ignore[return-value]

    @strawberry.field(permission_classes=[CanRead])
    async def followed_focus_areas(self, info: Info) -> list[FocusArea]:
        return await resolve.followed_focus_areas(info.context)  # type: ignore[return-value]


def _changes(changes: ArticleChanges) -> dict[str, Any]:
    given = {k: v for k, v in vars(changes).items() if v is not strawberry.UNSET and v is not None}
    return given


@strawberry.type
class KnowledgeMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="A new draft, private to you until you submit it for review.",
    )
    async def create_article(self, info: Info, input: ArticleInput) -> Article:
        values = {
            "title": input.title,
            "body": input.body,
            "summary": input.summary,
            "tags": input.tags,
            "focus_areas": input.focus_areas,
            "language": input.language,
            "visibility": input.visibility,
            "private": input.private,
        }
        programme = db_id(input.programme_id, "Programme", "programmeId")
        return await resolve.create_article(info.context, programme, values)  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Promote to knowledge: a private draft of your own from a note you write "
        "in, linked to it (sourceNoteId). Nobody else sees it until you submit it for review.",
    )
    async def promote_note(self, info: Info, note_id: relay.GlobalID, title: str = "") -> Article:
        note = db_id(note_id, "Note", "noteId")
        return await resolve.promote_note(info.context, note, title)  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Authors edit a draft or a published article; each edit is a revision.",
    )
    async def edit_article(
        self, info: Info, id: relay.GlobalID, changes: ArticleChanges, note: str = ""
    ) -> Article:
        return await resolve.edit_article(info.context, _article_id(id), _changes(changes), note)  # type: ignore[return-value]

    @strawberry.mutation(permission_classes=[CanWrite])
    async def add_article_author(
        self, info: Info, article_id: relay.GlobalID, user_id: relay.GlobalID
    ) -> Article:
        key = _article_id(article_id, "articleId")
        return await resolve.add_author(info.context, key, db_id(user_id, "User", "userId"))  # type: ignore[return-value]

    @strawberry.mutation(permission_classes=[CanWrite])
    async def submit_article_for_review(self, info: Info, id: relay.GlobalID) -> Article:
        return await resolve.submit_for_review(info.context, _article_id(id))  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Mentor coaches and coordinators publish an article, or send it back "
        "to its authors with a comment.",
    )
    async def review_article(
        self, info: Info, id: relay.GlobalID, approve: bool, comment: str = ""
    ) -> Article:
        return await resolve.review_article(info.context, _article_id(id), approve, comment)  # type: ignore[return-value]

    @strawberry.mutation(permission_classes=[CanWrite])
    async def archive_article(self, info: Info, id: relay.GlobalID) -> Article:
        return await resolve.archive_article(info.context, _article_id(id))  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Bring an old revision back as the newest one (history is kept).",
    )
    async def restore_article_revision(
        self, info: Info, id: relay.GlobalID, revision: int
    ) -> Article:
        return await resolve.restore_revision(info.context, _article_id(id), revision)  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description='"This helped me": one vote each; helpful: false takes it back.',
    )
    async def mark_article_helpful(
        self, info: Info, id: relay.GlobalID, helpful: bool = True
    ) -> Article:
        return await resolve.mark_helpful(info.context, _article_id(id), helpful)  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Hear of new articles in a focus area (follow: false stops).",
    )
    async def follow_focus_area(
        self, info: Info, organisation_id: relay.GlobalID, focus_area: str, follow: bool = True
    ) -> FocusArea:
        org = db_id(organisation_id, "Organisation", "organisationId")
        return await resolve.follow_focus_area(info.context, org, focus_area, follow)  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Attach a link to an article (its authors) or to a focus area "
        "(organisation admins and programme staff). Files go to POST /knowledge/uploads.",
    )
    async def add_resource_link(
        self,
        info: Info,
        title: str,
        url: str,
        article_id: relay.GlobalID | None = None,
        organisation_id: relay.GlobalID | None = None,
        focus_area: str | None = None,
    ) -> Resource:
        article = _article_id(article_id, "articleId") if article_id else None
        area = None
        if organisation_id is not None and focus_area is not None:
            area = (db_id(organisation_id, "Organisation", "organisationId"), focus_area)
        return await resolve.add_link(info.context, article, area, title, url)  # type: ignore[return-value]

    @strawberry.mutation(permission_classes=[CanWrite])
    async def remove_resource(self, info: Info, id: relay.GlobalID) -> bool:
        return await resolve.remove_resource(info.context, db_id(id, "Resource"))


@strawberry.type
class KnowledgeSubscriptions:
    @strawberry.subscription(
        permission_classes=[CanRead],
        description="Articles published from now on in the focus areas you follow.",
    )
    async def new_articles(self, info: Info) -> AsyncGenerator[Article, None]:
        async for found in resolve.new_articles(info.context):
            yield found  # type: ignore[misc]
