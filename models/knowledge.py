"""The knowledge repository: articles, their review, their revisions and who may see them.

An article is written inside a programme (its organisation follows from it) by one or more
authors. It moves DRAFT -> IN_REVIEW -> PUBLISHED -> ARCHIVED; a reviewer (the programme's
mentor coach or coordinator, never one of the article's own authors) publishes it or sends
it back with a comment. Every change to its text is a revision that is kept whole, so any
two can be compared and any one restored (as a new revision: history never shrinks).

Who sees what: a draft is private to its authors (``private=False`` lets the programme's
reviewers read it early); in review it is open to authors and reviewers; once published its
visibility decides (the programme's participants and staff, the organisation's members and
programme participants, or anybody, signed in or not); archived articles go back to
authors and reviewers. Anything a reader may not see answers NOT_FOUND, so its existence is
not leaked. Authors are shown by display name only: some are minors, and an article never
carries contact details.

``create_draft(user, ..., source_note_id=...)`` is also the entry point for promoting
session notes: the source note is kept as a plain number (no foreign key, the notes live
elsewhere), and the draft starts private to its author like any other.
"""

from __future__ import annotations

import contextlib
import difflib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.connection import get_connection
from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from models import announcements
from models.accounts import User, now, require_verified
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.notes import note_markdown, speaks_for
from models.organisations import FocusArea, OrgMembership, OrgRole
from models.programmes import Programme, ProgrammeStaff, access_to

MAX_TITLE = 200
MAX_SUMMARY = 500
MAX_BODY = 100_000
MAX_TAGS = 10
MAX_TAG = 40
MAX_FOCUS_AREAS = 5
MAX_COMMENT = 2000
MAX_NOTE = 200
MAX_AUTHORS = 10
MAX_REVISIONS = 1000  # an article edited more often than this is asked to start anew
MAX_DIFF_LINES = 2000
PUBLISHED_TOPIC = "knowledge:published"


class Visibility(StrEnum):
    PROGRAMME = "programme"
    ORGANISATION = "organisation"
    PUBLIC = "public"


class ArticleStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Language(StrEnum):
    ID = "id"
    EN = "en"


class Article(Model):
    id = fields.IntField(primary_key=True)
    programme: fields.ForeignKeyRelation[Programme] = fields.ForeignKeyField(
        "rajut.Programme", related_name="articles", on_delete=fields.CASCADE
    )
    organisation_id = fields.IntField(db_index=True)  # the programme's, kept for filtering
    title = fields.CharField(max_length=MAX_TITLE)
    summary = fields.CharField(max_length=MAX_SUMMARY, default="")
    body = fields.TextField(default="")
    tags = fields.JSONField(default=list)
    language = fields.CharEnumField(Language, max_length=2, default=Language.ID)
    visibility = fields.CharEnumField(Visibility, max_length=16, default=Visibility.PROGRAMME)
    status = fields.CharEnumField(ArticleStatus, max_length=16, default=ArticleStatus.DRAFT)
    private = fields.BooleanField(default=True)  # a draft only its authors read
    created_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    reviewed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    review_comment = fields.TextField(default="")
    reviewed_at = fields.DatetimeField(null=True)
    source_note_id = fields.IntField(null=True)  # a collaborative note it was promoted from
    revision = fields.IntField(default=1)  # the number of the newest revision
    views = fields.IntField(default=0)
    helpful = fields.IntField(default=0)
    focus_areas: fields.ManyToManyRelation[FocusArea] = fields.ManyToManyField(
        "rajut.FocusArea", related_name="articles", through="article_focus_areas"
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    published_at = fields.DatetimeField(null=True)

    class Meta:
        table = "knowledge_articles"


class ArticleAuthor(Model):
    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "rajut.Article", related_name="authors", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )

    class Meta:
        table = "knowledge_authors"
        unique_together = (("article", "user"),)


class ArticleRevision(Model):
    """One state of an article's text, whole: diffs are computed, never stored."""

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "rajut.Article", related_name="revisions", on_delete=fields.CASCADE
    )
    number = fields.IntField()
    author: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    note = fields.CharField(max_length=MAX_NOTE, default="")  # what changed, in the editor's words
    title = fields.CharField(max_length=MAX_TITLE)
    summary = fields.CharField(max_length=MAX_SUMMARY, default="")
    body = fields.TextField(default="")
    tags = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "knowledge_revisions"
        unique_together = (("article", "number"),)
        ordering = ["number"]


class ArticleView(Model):
    """One person read one article on one day (views count people per day, not reloads)."""

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "rajut.Article", related_name=False, on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    day = fields.DateField()

    class Meta:
        table = "knowledge_views"
        unique_together = (("article", "user", "day"),)


class HelpfulVote(Model):
    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "rajut.Article", related_name=False, on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "knowledge_helpful_votes"
        unique_together = (("article", "user"),)


class FocusFollow(Model):
    """A member wants to hear of new articles in a focus area."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, on_delete=fields.CASCADE
    )
    focus_area: fields.ForeignKeyRelation[FocusArea] = fields.ForeignKeyField(
        "rajut.FocusArea", related_name=False, on_delete=fields.CASCADE
    )

    class Meta:
        table = "knowledge_follows"
        unique_together = (("user", "focus_area"),)


# --- who may do what ---------------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """The programmes and organisations whose articles a person may read once published."""

    programme_ids: frozenset[int]
    organisation_ids: frozenset[int]


_REACH_SQL = """
WITH mine AS (
  SELECT programme_id FROM enrolments WHERE user_id = {0}
  UNION SELECT programme_id FROM programme_staff WHERE user_id = {0}
  UNION SELECT p.id FROM programmes p JOIN org_memberships m
    ON m.organisation_id = p.organisation_id AND m.role = 'admin' WHERE m.user_id = {0}
)
SELECT 'p' AS kind, programme_id AS key FROM mine
UNION SELECT 'o', p.organisation_id FROM programmes p WHERE p.id IN (SELECT programme_id FROM mine)
UNION SELECT 'o', organisation_id FROM org_memberships WHERE user_id = {0}
"""


async def reach_of(user: User | None) -> Reach:
    """One query: every search and every read asks it."""
    if user is None:
        return Reach(frozenset(), frozenset())
    conn = get_connection("default")
    mark = "?" if conn.capabilities.dialect == "sqlite" else "$1"
    rows = await conn.execute_query_dict(
        _REACH_SQL.format(mark), [user.id] * _REACH_SQL.count("{0}") if mark == "?" else [user.id]
    )
    return Reach(
        frozenset(int(r["key"]) for r in rows if r["kind"] == "p"),
        frozenset(int(r["key"]) for r in rows if r["kind"] == "o"),
    )


async def is_author(user: User | None, article: Article) -> bool:
    if user is None:
        return False
    return await ArticleAuthor.filter(article_id=article.id, user_id=user.id).exists()


async def is_reviewer(user: User | None, article: Article) -> bool:
    """The programme's mentor coaches and coordinators (organisation admins coordinate)."""
    if user is None:
        return False
    programme = await Programme.get(id=article.programme_id)
    return (await access_to(user, programme)).coaches


def published_reach(article: Article, reach: Reach) -> bool:
    if article.visibility == Visibility.PUBLIC:
        return True
    if article.visibility == Visibility.ORGANISATION:
        return article.organisation_id in reach.organisation_ids
    return article.programme_id in reach.programme_ids


async def may_read(user: User | None, article: Article) -> bool:
    if await is_author(user, article):
        return True
    status = ArticleStatus(article.status)
    if status == ArticleStatus.PUBLISHED:
        return published_reach(article, await reach_of(user)) or await is_reviewer(user, article)
    if status == ArticleStatus.DRAFT and article.private:
        return False
    return await is_reviewer(user, article)


async def readable_article(user: User | None, article_id: int) -> Article:
    article = await Article.get_or_none(id=article_id)
    if article is None or not await may_read(user, article):
        raise NotFound("No such article.", field="id")
    return article


async def authored_article(user: User, article_id: int) -> Article:
    article = await readable_article(user, article_id)
    if not await is_author(user, article):
        raise Forbidden("Only the article's authors may do that.")
    return article


# --- checking input ----------------------------------------------------------------------


def _text(value: str, field: str, limit: int, *, required: bool = False) -> str:
    value = value.strip()
    if required and not value:
        raise BadInput("This must not be empty.", field=field)
    if len(value) > limit:
        raise BadInput(f"At most {limit} characters.", field=field)
    return value


def check_tags(tags: list[str]) -> list[str]:
    if len(tags) > MAX_TAGS:
        raise BadInput(f"At most {MAX_TAGS} tags.", field="tags")
    clean: list[str] = []
    for tag in tags:
        tag = " ".join(tag.split()).lower()
        if not tag or len(tag) > MAX_TAG:
            raise BadInput(f"Each tag has 1-{MAX_TAG} characters.", field="tags")
        if tag not in clean:
            clean.append(tag)
    return clean


async def _focus_areas(programme: Programme, slugs: list[str]) -> list[FocusArea]:
    if len(slugs) > MAX_FOCUS_AREAS:
        raise BadInput(f"At most {MAX_FOCUS_AREAS} focus areas.", field="focusAreas")
    areas = await FocusArea.filter(organisation_id=programme.organisation_id, slug__in=slugs)
    if len(areas) != len(set(slugs)):
        raise BadInput("Unknown focus area for this organisation.", field="focusAreas")
    return list(areas)


# --- writing -----------------------------------------------------------------------------


async def _snapshot(article: Article, user: User | None, note: str) -> ArticleRevision:
    return await ArticleRevision.create(
        article_id=article.id,
        number=article.revision,
        author_id=user.id if user else None,
        note=note,
        title=article.title,
        summary=article.summary,
        body=article.body,
        tags=list(article.tags),
    )


async def create_draft(
    user: User,
    programme_id: int,
    title: str,
    body: str = "",
    *,
    summary: str = "",
    tags: list[str] | None = None,
    focus_areas: list[str] | None = None,
    language: Language = Language.ID,
    visibility: Visibility = Visibility.PROGRAMME,
    source_note_id: int | None = None,
    private: bool = True,
) -> Article:
    """A new draft by ``user``, a participant or staff member of the programme."""
    require_verified(user, "write articles")
    title = _text(title, "title", MAX_TITLE, required=True)
    summary = _text(summary, "summary", MAX_SUMMARY)
    if len(body) > MAX_BODY:
        raise BadInput(f"At most {MAX_BODY} characters.", field="body")
    clean_tags = check_tags(tags or [])
    if source_note_id is not None and not 0 < source_note_id < 2**31:
        raise BadInput("Not a note.", field="sourceNoteId")
    programme = await Programme.get_or_none(id=programme_id)
    if programme is None or not (await access_to(user, programme)).participates:
        raise NotFound("No such programme.", field="programmeId")
    areas = await _focus_areas(programme, focus_areas or [])
    async with announcements.transaction():
        article = await Article.create(
            programme_id=programme.id,
            organisation_id=programme.organisation_id,  # type: ignore[attr-defined]
            title=title,
            summary=summary,
            body=body,
            tags=clean_tags,
            language=Language(language),
            visibility=Visibility(visibility),
            private=private,
            created_by_id=user.id,
            source_note_id=source_note_id,
        )
        await ArticleAuthor.create(article_id=article.id, user_id=user.id)
        if areas:
            await article.focus_areas.add(*areas)
        await _snapshot(article, user, "created")
    return article


_EDITABLE = (ArticleStatus.DRAFT, ArticleStatus.PUBLISHED)


async def promote_note(user: User, note_id: int, title: str = "") -> Article:
    """ "Promote to knowledge": a draft of ``user``'s own from a note's current text, linked
    to it. Only someone whose words the note holds may do it, and the draft starts private
    to them: nothing personal in a session's notes reaches a reader unless its author edits
    and submits the draft and a reviewer approves it."""
    note, text = await note_markdown(user, note_id)
    if not await speaks_for(user, note):
        raise Forbidden("Only the note's own writers may promote it.", field="noteId")
    if not text.strip():
        raise Conflict("The note is empty: write something first.", field="noteId")
    return await create_draft(
        user,
        note.programme_id,  # type: ignore[attr-defined]
        title or note.title or "Catatan sesi",
        text[:MAX_BODY],
        source_note_id=note.id,
        private=True,
    )


async def edit_article(
    user: User,
    article_id: int,
    changes: dict[str, Any],
    note: str = "",
) -> Article:
    """Authors change a draft, or fix a published article (it stays published and its
    search entry follows); an article in review or archived is frozen."""
    article = await authored_article(user, article_id)
    note = _text(note, "note", MAX_NOTE)
    if article.status not in _EDITABLE:
        raise Conflict(f"An article that is {article.status} cannot be edited.")
    values: dict[str, Any] = {}
    if "title" in changes:
        values["title"] = _text(changes["title"], "title", MAX_TITLE, required=True)
    if "summary" in changes:
        values["summary"] = _text(changes["summary"], "summary", MAX_SUMMARY)
    if "body" in changes:
        if len(changes["body"]) > MAX_BODY:
            raise BadInput(f"At most {MAX_BODY} characters.", field="body")
        values["body"] = changes["body"]
    if "tags" in changes:
        values["tags"] = check_tags(changes["tags"])
    if "language" in changes:
        values["language"] = Language(changes["language"])
    if "visibility" in changes:
        values["visibility"] = Visibility(changes["visibility"])
        if article.status != ArticleStatus.DRAFT and values["visibility"] != article.visibility:
            # who may read it was part of what the reviewer approved
            raise Conflict("Visibility changes only while the article is a draft.")
    areas = None
    if "focus_areas" in changes:
        programme = await Programme.get(id=article.programme_id)
        areas = await _focus_areas(programme, changes["focus_areas"])
    return await _revise(user, article, values, areas, note or "edited")


async def _revise(
    user: User,
    article: Article,
    values: dict[str, Any],
    areas: list[FocusArea] | None,
    note: str,
) -> Article:
    from models import knowledge_search

    text_changed = any(getattr(article, k) != v for k, v in values.items() if k in _TEXT)
    if text_changed and article.revision >= MAX_REVISIONS:
        raise Conflict("This article has too many revisions; start a new one.")
    async with announcements.transaction():
        for key, value in values.items():
            setattr(article, key, value)
        if text_changed:
            article.revision += 1
        await article.save()
        if areas is not None:
            await article.focus_areas.clear()
            if areas:
                await article.focus_areas.add(*areas)
        if text_changed:
            await _snapshot(article, user, note)
        await knowledge_search.reindex(article)
    return article


_TEXT = ("title", "summary", "body", "tags")


async def add_author(user: User, article_id: int, other_id: int) -> Article:
    """Authors invite a co-author from the programme's participants and staff."""
    article = await authored_article(user, article_id)
    other = await User.get_or_none(id=other_id, is_active=True)
    programme = await Programme.get(id=article.programme_id)
    if other is None or not (await access_to(other, programme)).participates:
        raise NotFound("No such participant of this programme.", field="userId")
    if await ArticleAuthor.filter(article_id=article.id).count() >= MAX_AUTHORS:
        raise Conflict(f"An article has at most {MAX_AUTHORS} authors.")
    try:
        await ArticleAuthor.create(article_id=article.id, user_id=other.id)
    except IntegrityError:
        raise Conflict("Already an author.") from None
    return article


async def submit_for_review(user: User, article_id: int) -> Article:
    article = await authored_article(user, article_id)
    if article.status != ArticleStatus.DRAFT:
        raise Conflict("Only a draft can be submitted for review.")
    article.status = ArticleStatus.IN_REVIEW
    await article.save(update_fields=["status", "updated_at"])
    return article


async def review_article(user: User, article_id: int, approve: bool, comment: str) -> Article:
    """A reviewer publishes the article, or sends it back to its authors with a comment."""
    from models import knowledge_search

    article = await readable_article(user, article_id)
    comment = _text(comment, "comment", MAX_COMMENT, required=not approve)
    if not await is_reviewer(user, article):
        raise Forbidden("Only the programme's mentor coaches and coordinators review articles.")
    if await is_author(user, article):
        raise Forbidden("Someone other than an author reviews an article.")
    if article.status != ArticleStatus.IN_REVIEW:
        raise Conflict("This article is not waiting for review.")
    article.reviewed_by_id = user.id  # type: ignore[attr-defined]
    article.reviewed_at = now()
    article.review_comment = comment
    if not approve:
        article.status = ArticleStatus.DRAFT
        await article.save()
        return article
    article.status = ArticleStatus.PUBLISHED
    article.published_at = now()
    async with announcements.transaction():
        await article.save()
        await knowledge_search.reindex(article)
        areas = await article.focus_areas.all().values_list("id", flat=True)
        await announcements.announce(
            announcements.Publication(
                PUBLISHED_TOPIC, {"id": article.id, "focus_areas": sorted(areas)}
            )
        )
    return article


async def archive_article(user: User, article_id: int) -> Article:
    """Authors or reviewers take a published article out of the repository."""
    from models import knowledge_search

    article = await readable_article(user, article_id)
    if not (await is_author(user, article) or await is_reviewer(user, article)):
        raise Forbidden("Only the article's authors and reviewers may archive it.")
    if article.status != ArticleStatus.PUBLISHED:
        raise Conflict("Only a published article can be archived.")
    article.status = ArticleStatus.ARCHIVED
    async with announcements.transaction():
        await article.save(update_fields=["status", "updated_at"])
        await knowledge_search.reindex(article)
    return article


# --- revisions ---------------------------------------------------------------------------


async def revisions_of(user: User | None, article_id: int) -> list[ArticleRevision]:
    article = await readable_article(user, article_id)
    return (
        await ArticleRevision.filter(article_id=article.id).order_by("-number").limit(MAX_REVISIONS)
    )


async def _revision(article: Article, number: int, field: str) -> ArticleRevision:
    revision = await ArticleRevision.get_or_none(article_id=article.id, number=number)
    if revision is None:
        raise NotFound("No such revision.", field=field)
    return revision


def _as_lines(revision: ArticleRevision) -> list[str]:
    head = [
        f"# {revision.title}",
        f"summary: {revision.summary}",
        f"tags: {', '.join(revision.tags)}",
        "",
    ]
    return head + revision.body.splitlines()


async def diff_revisions(user: User | None, article_id: int, old: int, new: int) -> str:
    """A unified diff between two revisions (title, summary and tags first, then the body)."""
    article = await readable_article(user, article_id)
    before = await _revision(article, old, "from")
    after = await _revision(article, new, "to")
    lines = difflib.unified_diff(
        _as_lines(before),
        _as_lines(after),
        fromfile=f"revision {old}",
        tofile=f"revision {new}",
        lineterm="",
    )
    out: list[str] = []
    for line in lines:
        if len(out) >= MAX_DIFF_LINES:
            out.append(f"... (cut at {MAX_DIFF_LINES} lines)")
            break
        out.append(line)
    return "\n".join(out)


async def restore_revision(user: User, article_id: int, number: int) -> Article:
    """Bring back an old revision's text as the newest revision."""
    article = await authored_article(user, article_id)
    if article.status not in _EDITABLE:
        raise Conflict(f"An article that is {article.status} cannot be edited.")
    old = await _revision(article, number, "revision")
    values = {"title": old.title, "summary": old.summary, "body": old.body, "tags": old.tags}
    return await _revise(user, article, values, None, f"restored revision {number}")


# --- reading lists -----------------------------------------------------------------------


async def author_names(article: Article) -> list[tuple[int, str]]:
    """(user id, display name) only: never an address or anything to contact them by."""
    rows = (
        await ArticleAuthor.filter(article_id=article.id)
        .order_by("id")
        .values_list("user_id", "user__display_name")
    )
    return [(uid, name) for uid, name in rows]


async def my_articles(user: User, after: int | None, first: int) -> list[Article]:
    """Articles one authors, newest first (keyset on id)."""
    ids = ArticleAuthor.filter(user_id=user.id).values_list("article_id", flat=True)
    query = Article.filter(id__in=await ids)
    if after is not None:
        query = query.filter(id__lt=after)
    return await query.order_by("-id").limit(first)


async def review_queue(user: User, after: int | None, first: int) -> list[Article]:
    """Articles waiting in review in the programmes one coaches or coordinates."""
    staffed = await ProgrammeStaff.filter(user_id=user.id).values_list("programme_id", flat=True)
    admin_of = await OrgMembership.filter(user_id=user.id, role=OrgRole.ADMIN).values_list(
        "organisation_id", flat=True
    )
    query = Article.filter(status=ArticleStatus.IN_REVIEW)
    query = query.filter(programme_id__in=list(staffed)) if not admin_of else query
    if admin_of:
        from tortoise.expressions import Q

        query = query.filter(Q(programme_id__in=list(staffed)) | Q(organisation_id__in=admin_of))
    if after is not None:
        query = query.filter(id__gt=after)
    return await query.order_by("id").limit(first)


# --- growth signals ----------------------------------------------------------------------


async def record_view(user: User | None, article: Article, today: date | None = None) -> None:
    """Count a signed-in reader once a day; anonymous reads of public articles are not
    counted (there is nobody to count once)."""
    if user is None or article.status != ArticleStatus.PUBLISHED:
        return
    day = today or now().date()
    if await ArticleView.filter(article_id=article.id, user_id=user.id, day=day).exists():
        return
    try:
        await ArticleView.create(article_id=article.id, user_id=user.id, day=day)
    except IntegrityError:  # the same person, twice at once
        return
    await Article.filter(id=article.id).update(views=await _count(ArticleView, article))
    article.views = (await Article.get(id=article.id)).views


async def _count(model: type[Model], article: Article) -> int:
    return await model.filter(article_id=article.id).count()


async def mark_helpful(user: User, article_id: int, helpful: bool) -> Article:
    """One vote per person; voting again changes nothing, ``helpful=False`` takes it back."""
    article = await readable_article(user, article_id)
    if article.status != ArticleStatus.PUBLISHED:
        raise Conflict("Only published articles take votes.")
    if helpful:
        with contextlib.suppress(IntegrityError):
            await HelpfulVote.get_or_create(article_id=article.id, user_id=user.id)
    else:
        await HelpfulVote.filter(article_id=article.id, user_id=user.id).delete()
    article.helpful = await _count(HelpfulVote, article)
    await Article.filter(id=article.id).update(helpful=article.helpful)
    return article


async def voted_helpful(user: User | None, article: Article) -> bool:
    if user is None:
        return False
    return await HelpfulVote.filter(article_id=article.id, user_id=user.id).exists()


RELATED_CANDIDATES = 500


async def related_articles(user: User | None, article: Article, first: int = 5) -> list[Article]:
    """Published articles the reader may see, ranked by shared focus areas (2 points each)
    and shared tags (1 point each); ties go to the most helpful, then the newest."""
    areas = set(await article.focus_areas.all().values_list("id", flat=True))
    reach = await reach_of(user)
    candidates = (
        await Article.filter(
            status=ArticleStatus.PUBLISHED, organisation_id=article.organisation_id
        )
        .exclude(id=article.id)
        .order_by("-id")
        .limit(RELATED_CANDIDATES)
        .prefetch_related("focus_areas")
    )
    tags = set(article.tags)
    scored: list[tuple[int, int, int, Article]] = []
    for other in candidates:
        if not published_reach(other, reach):
            continue
        shared_areas = len(areas & {fa.id for fa in other.focus_areas})
        score = 2 * shared_areas + len(tags & set(other.tags))
        if score:
            scored.append((score, other.helpful, other.id, other))
    scored.sort(key=lambda s: (-s[0], -s[1], -s[2]))
    return [s[3] for s in scored[: max(1, min(first, 20))]]


async def follow_focus_area(user: User, focus_area_id: int, follow: bool) -> FocusArea:
    area = await FocusArea.get_or_none(id=focus_area_id)
    if area is None or area.organisation_id not in (await reach_of(user)).organisation_ids:  # type: ignore[attr-defined]
        raise NotFound("No such focus area.", field="focusAreaId")
    if follow:
        with contextlib.suppress(IntegrityError):
            await FocusFollow.get_or_create(user_id=user.id, focus_area_id=area.id)
    else:
        await FocusFollow.filter(user_id=user.id, focus_area_id=area.id).delete()
    return area


async def followed_focus_areas(user: User) -> list[FocusArea]:
    ids = await FocusFollow.filter(user_id=user.id).values_list("focus_area_id", flat=True)
    return await FocusArea.filter(id__in=list(ids)).order_by("id")


async def announces_to(user: User, article_id: int, focus_area_ids: list[int]) -> Article | None:
    """The newly published article, if ``user`` follows one of its focus areas and may read
    it; checked for every subscriber and every article."""
    if not focus_area_ids:
        return None
    follows = await FocusFollow.filter(user_id=user.id, focus_area_id__in=focus_area_ids).exists()
    if not follows:
        return None
    article = await Article.get_or_none(id=article_id, status=ArticleStatus.PUBLISHED)
    if article is None or not await may_read(user, article):
        return None
    return article
