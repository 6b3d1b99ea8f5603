"""The knowledge repository's glue: who is asking, which ids they mean, which page.

Each resolver takes the request's :class:`~resolvers.context.Context` first and returns models
or plain dataclasses; schema/knowledge.py shapes them for the API.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Any

from models import knowledge, knowledge_files, knowledge_search
from models.accounts import Scope, User
from models.errors import BadInput, NotFound
from models.knowledge import Article, ArticleRevision, FocusFollow
from models.organisations import FocusArea
from realtime.broker import broker, cut_off_when_too_slow
from resolvers.context import Context

MAX_PAGE = 50
TOO_SLOW = (
    "New articles arrived faster than this subscription read them, so it was ended. "
    "Subscribe again, and search for what you missed."
)


def reader(context: Context) -> User | None:
    """Signed in or not (public articles are public); a bad token is still refused."""
    if context.token is None and not context.token_was_rejected:
        return None
    return context.require(Scope.READ)


def page_size(first: int) -> int:
    if not 1 <= first <= MAX_PAGE:
        raise BadInput(f"Ask for 1 to {MAX_PAGE} at a time.", field="first")
    return first


# --- cursors -----------------------------------------------------------------------------


def encode_cursor(score: float, key: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([score, key]).encode()).decode()


def decode_cursor(cursor: str | None) -> tuple[float, int] | None:
    if cursor is None:
        return None
    try:
        score, key = json.loads(base64.urlsafe_b64decode(cursor.encode()[:200]))
        if not isinstance(key, int) or not isinstance(score, (int, float)):
            raise ValueError
        return float(score), key
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        raise BadInput("That cursor is not one this API gave out.", field="after") from None


@dataclass
class SearchPage:
    hits: list[knowledge_search.Hit]
    has_next_page: bool


@dataclass
class ArticlePage:
    articles: list[Article]
    has_next_page: bool


# --- reading -----------------------------------------------------------------------------


async def article(context: Context, article_id: int) -> Article:
    """One article; reading it counts as a view (once a day per signed-in reader)."""
    user = reader(context)
    found = await knowledge.readable_article(user, article_id)
    await knowledge.record_view(user, found)
    return found


async def articles_by_ids(context: Context, ids: list[int]) -> list[Article | None]:
    user = reader(context)
    found: list[Article | None] = []
    for key in ids:
        try:
            found.append(await knowledge.readable_article(user, key))
        except NotFound:
            found.append(None)
    return found


async def search_articles(
    context: Context,
    query: str,
    filters: knowledge_search.Filters,
    first: int,
    after: str | None,
) -> SearchPage:
    user = reader(context)
    first = page_size(first)
    if filters.tag is not None:
        filters = knowledge_search.Filters(
            focus_area=filters.focus_area,
            tag=knowledge.check_tags([filters.tag])[0],
            language=filters.language,
            author_id=filters.author_id,
        )
    hits = await knowledge_search.search(user, query, filters, first + 1, decode_cursor(after))
    return SearchPage(hits[:first], len(hits) > first)


async def my_articles(context: Context, first: int, after: str | None) -> ArticlePage:
    user = context.require(Scope.READ)
    first = page_size(first)
    cursor = decode_cursor(after)
    found = await knowledge.my_articles(user, cursor[1] if cursor else None, first + 1)
    return ArticlePage(found[:first], len(found) > first)


async def review_queue(context: Context, first: int, after: str | None) -> ArticlePage:
    user = context.require(Scope.READ)
    first = page_size(first)
    cursor = decode_cursor(after)
    found = await knowledge.review_queue(user, cursor[1] if cursor else None, first + 1)
    return ArticlePage(found[:first], len(found) > first)


async def revisions(context: Context, article_id: int) -> list[ArticleRevision]:
    return await knowledge.revisions_of(reader(context), article_id)


async def revision_diff(context: Context, article_id: int, old: int, new: int) -> str:
    return await knowledge.diff_revisions(reader(context), article_id, old, new)


async def related(context: Context, source: Article, first: int) -> list[Article]:
    return await knowledge.related_articles(context.user, source, first)


async def authors(context: Context, source: Article) -> list[tuple[int, str]]:
    return await knowledge.author_names(source)


async def focus_areas_of(context: Context, source: Article) -> list[FocusArea]:
    return await source.focus_areas.all().order_by("id")


async def reviewer_name(context: Context, source: Article) -> str | None:
    if source.reviewed_by_id is None:  # type: ignore[attr-defined]
        return None
    user = await User.get_or_none(id=source.reviewed_by_id)  # type: ignore[attr-defined]
    return user.display_name if user else None


async def viewer_is_author(context: Context, source: Article) -> bool:
    return await knowledge.is_author(context.user, source)


async def viewer_found_helpful(context: Context, source: Article) -> bool:
    return await knowledge.voted_helpful(context.user, source)


async def article_resources(context: Context, source: Article) -> list[knowledge_files.Resource]:
    return await knowledge_files.resources_of_article(context.user, source.id)


async def _focus_area(context: Context, organisation_id: int, slug: str) -> FocusArea:
    area = await FocusArea.get_or_none(organisation_id=organisation_id, slug=slug[:60])
    if area is None:
        raise NotFound("No such focus area.", field="focusArea")
    return area


async def focus_area_resources(
    context: Context, organisation_id: int, slug: str
) -> list[knowledge_files.Resource]:
    user = context.require(Scope.READ)
    area = await _focus_area(context, organisation_id, slug)
    return await knowledge_files.resources_of_focus_area(user, area.id)


async def followed_focus_areas(context: Context) -> list[FocusArea]:
    return await knowledge.followed_focus_areas(context.require(Scope.READ))


# --- writing -----------------------------------------------------------------------------


async def create_article(context: Context, programme_id: int, values: dict[str, Any]) -> Article:
    user = context.require(Scope.WRITE)
    return await knowledge.create_draft(user, programme_id, **values)


async def promote_note(context: Context, note_id: int, title: str) -> Article:
    return await knowledge.promote_note(context.require(Scope.WRITE), note_id, title)


async def edit_article(
    context: Context, article_id: int, changes: dict[str, Any], note: str
) -> Article:
    return await knowledge.edit_article(context.require(Scope.WRITE), article_id, changes, note)


async def add_author(context: Context, article_id: int, user_id: int) -> Article:
    return await knowledge.add_author(context.require(Scope.WRITE), article_id, user_id)


async def submit_for_review(context: Context, article_id: int) -> Article:
    return await knowledge.submit_for_review(context.require(Scope.WRITE), article_id)


async def review_article(context: Context, article_id: int, approve: bool, comment: str) -> Article:
    user = context.require(Scope.WRITE)
    return await knowledge.review_article(user, article_id, approve, comment)


async def archive_article(context: Context, article_id: int) -> Article:
    return await knowledge.archive_article(context.require(Scope.WRITE), article_id)


async def restore_revision(context: Context, article_id: int, number: int) -> Article:
    return await knowledge.restore_revision(context.require(Scope.WRITE), article_id, number)


async def mark_helpful(context: Context, article_id: int, helpful: bool) -> Article:
    return await knowledge.mark_helpful(context.require(Scope.WRITE), article_id, helpful)


async def follow_focus_area(
    context: Context, organisation_id: int, slug: str, follow: bool
) -> FocusArea:
    user = context.require(Scope.WRITE)
    area = await _focus_area(context, organisation_id, slug)
    return await knowledge.follow_focus_area(user, area.id, follow)


async def add_link(
    context: Context,
    article_id: int | None,
    focus_area: tuple[int, str] | None,
    title: str,
    url: str,
) -> knowledge_files.Resource:
    user = context.require(Scope.WRITE)
    area_id = (await _focus_area(context, *focus_area)).id if focus_area else None
    target = knowledge_files.Target(article_id=article_id, focus_area_id=area_id)
    return await knowledge_files.add_link(user, target, title, url)


async def remove_resource(context: Context, resource_id: int) -> bool:
    user = context.require(Scope.WRITE)
    await knowledge_files.remove_resource(user, resource_id, context.settings.upload_path)
    return True


# --- live --------------------------------------------------------------------------------


async def new_articles(context: Context) -> AsyncGenerator[Article, None]:
    """Articles published from now on in the focus areas you follow, that you may read."""
    user = context.require(Scope.READ)
    async with broker().subscribe(knowledge.PUBLISHED_TOPIC) as live:
        with cut_off_when_too_slow(TOO_SLOW):
            async for message in live:
                found = await knowledge.announces_to(
                    user, int(message["id"]), [int(i) for i in message.get("focus_areas", [])]
                )
                if found is not None:
                    yield found


__all__ = ["FocusFollow"]
