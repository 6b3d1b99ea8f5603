"""Resources: links and uploaded files, attached to an article or to a focus area.

A file is accepted by what it is, never by what it is called: its first bytes must be a
PDF, PNG, JPEG or WebP (checked with ``filetype``), an Office Open XML document whose zip
holds the parts Word, Excel or PowerPoint write, or UTF-8 text without control bytes (plain
text and Markdown). The stored type comes from the content: a PNG named ``.pdf`` is kept and
served as a PNG. Files live on local disk under ``UPLOAD_DIR`` with a random name, so no
name a person chose ever reaches the file system; the name they gave is kept only for the
download's Content-Disposition, cleaned.

Who may attach: an article's authors (not once it is archived); for a focus area, the
organisation's admins and the staff of its programmes. Who may download: whoever may read
the article, or, for a focus area's resources, whoever reaches its organisation.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

import filetype
from tortoise import fields
from tortoise.models import Model

from models.accounts import User, require_verified
from models.errors import BadInput, Conflict, Forbidden, NotFound
from models.knowledge import (
    Article,
    ArticleStatus,
    authored_article,
    may_read,
    reach_of,
    readable_article,
)
from models.organisations import FocusArea, OrgMembership, OrgRole
from models.programmes import Programme, ProgrammeStaff

MAX_TITLE = 200
MAX_URL = 2000
MAX_FILENAME = 120
MAX_RESOURCES = 50  # per article or focus area


class ResourceKind(StrEnum):
    LINK = "link"
    FILE = "file"


class Resource(Model):
    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(ResourceKind, max_length=8)
    title = fields.CharField(max_length=MAX_TITLE)
    url = fields.CharField(max_length=MAX_URL, default="")
    article: fields.ForeignKeyNullableRelation[Article] = fields.ForeignKeyField(
        "rajut.Article", related_name="resources", null=True, on_delete=fields.CASCADE
    )
    focus_area: fields.ForeignKeyNullableRelation[FocusArea] = fields.ForeignKeyField(
        "rajut.FocusArea", related_name=False, null=True, on_delete=fields.CASCADE
    )
    stored_name = fields.CharField(max_length=64, default="")
    filename = fields.CharField(max_length=MAX_FILENAME, default="")
    content_type = fields.CharField(max_length=100, default="")
    size = fields.IntField(default=0)
    added_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "knowledge_resources"
        ordering = ["id"]


# --- what a file is ----------------------------------------------------------------------

_MAGIC = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
}
_OOXML = {
    "word/document.xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "xl/workbook.xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xlsx",
    ),
    "ppt/presentation.xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".pptx",
    ),
}
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
ALLOWED = "PDF, PNG, JPEG, WebP, Word, Excel, PowerPoint (.docx/.xlsx/.pptx), text or Markdown"


def sniff(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) read from the bytes themselves, or None if not allowed."""
    if not data:
        return None
    kind = filetype.guess(data[:8192])
    if kind is not None and kind.mime in _MAGIC:
        return kind.mime, _MAGIC[kind.mime]
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        for part, found in _OOXML.items():
            if part in names:
                return found
        return None
    if kind is None and not _CONTROL.search(data):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text/plain; charset=utf-8", ".txt"
    return None


def clean_filename(name: str, extension: str) -> str:
    """A name safe in a header and on any disk, ending in the extension of the real type."""
    name = unicodedata.normalize("NFKC", name).replace("\\", "/").rsplit("/", 1)[-1]
    stem = re.sub(r"[^\w.\- ]+", "_", name).strip(" .")
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = stem[: MAX_FILENAME - len(extension)] or "file"
    if extension == ".txt" and name.lower().endswith((".md", ".markdown")):
        extension = ".md"
    return stem + extension


# --- where it may go ---------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    article_id: int | None = None
    focus_area_id: int | None = None


async def _may_curate_focus_area(user: User, area: FocusArea) -> bool:
    org_id = area.organisation_id  # type: ignore[attr-defined]
    if await OrgMembership.filter(
        organisation_id=org_id, user_id=user.id, role=OrgRole.ADMIN
    ).exists():
        return True
    programmes = await Programme.filter(organisation_id=org_id).values_list("id", flat=True)
    return await ProgrammeStaff.filter(user_id=user.id, programme_id__in=list(programmes)).exists()


async def _check_target(user: User, target: Target) -> dict[str, int]:
    require_verified(user, "add resources")
    if (target.article_id is None) == (target.focus_area_id is None):
        raise BadInput("Attach to one article or one focus area.", field="articleId")
    if target.article_id is not None:
        article = await authored_article(user, target.article_id)
        if article.status == ArticleStatus.ARCHIVED:
            raise Conflict("An archived article takes no more resources.")
        where = {"article_id": article.id}
    else:
        area = await FocusArea.get_or_none(id=target.focus_area_id)
        if area is None or area.organisation_id not in (await reach_of(user)).organisation_ids:  # type: ignore[attr-defined]
            raise NotFound("No such focus area.", field="focusAreaId")
        if not await _may_curate_focus_area(user, area):
            raise Forbidden("Only organisation admins and programme staff curate focus areas.")
        where = {"focus_area_id": area.id}
    if await Resource.filter(**where).count() >= MAX_RESOURCES:
        raise Conflict(f"At most {MAX_RESOURCES} resources in one place.")
    return where


def _title(title: str, fallback: str) -> str:
    title = " ".join(title.split()) or fallback
    if len(title) > MAX_TITLE:
        raise BadInput(f"At most {MAX_TITLE} characters.", field="title")
    return title


async def add_link(user: User, target: Target, title: str, url: str) -> Resource:
    url = url.strip()
    parts = urlsplit(url)
    if len(url) > MAX_URL or parts.scheme not in {"http", "https"} or not parts.netloc:
        raise BadInput("Give an http(s) address of at most 2000 characters.", field="url")
    where = await _check_target(user, target)
    return await Resource.create(
        kind=ResourceKind.LINK,
        title=_title(title, url[:MAX_TITLE]),
        url=url,
        added_by_id=user.id,
        **where,
    )


async def store_file(
    user: User, target: Target, data: bytes, filename: str, title: str, upload_dir: Path
) -> Resource:
    """Check, write under a random name, then record; a failed record removes the file."""
    if len(filename) > 1000:
        raise BadInput("That file name is too long.", field="filename")
    where = await _check_target(user, target)
    found = sniff(data)
    if found is None:
        raise BadInput(f"This kind of file is not accepted; allowed: {ALLOWED}.", field="file")
    content_type, extension = found
    name = clean_filename(filename or "file", extension)
    stored = await save_file(data, upload_dir)
    try:
        return await Resource.create(
            kind=ResourceKind.FILE,
            title=_title(title, name),
            filename=name,
            stored_name=stored,
            content_type=content_type,
            size=len(data),
            added_by_id=user.id,
            **where,
        )
    except BaseException:
        await delete_file(stored, upload_dir)
        raise


async def save_file(data: bytes, upload_dir: Path) -> str:
    """Write an accepted file under a fresh random name; returns the name to keep."""
    stored = secrets.token_hex(16)
    await asyncio.to_thread(_write, upload_dir / stored, data)
    return stored


def stored_path(stored_name: str, upload_dir: Path) -> Path | None:
    """Where a kept file lives; None for anything that is not a name ``save_file`` made."""
    if not re.fullmatch(r"[0-9a-f]{32}", stored_name):
        return None
    return upload_dir / stored_name


async def delete_file(stored_name: str, upload_dir: Path) -> None:
    path = stored_path(stored_name, upload_dir)
    if path is not None:
        await asyncio.to_thread(path.unlink, missing_ok=True)


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a crash mid-write leaves only a hidden ``.part`` file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(data)
    os.replace(partial, path)


# --- who may see it ----------------------------------------------------------------------


async def may_see(user: User | None, resource: Resource) -> bool:
    if resource.article_id is not None:  # type: ignore[attr-defined]
        article = await Article.get_or_none(id=resource.article_id)  # type: ignore[attr-defined]
        return article is not None and await may_read(user, article)
    area = await FocusArea.get_or_none(id=resource.focus_area_id)  # type: ignore[attr-defined]
    return area is not None and area.organisation_id in (await reach_of(user)).organisation_ids  # type: ignore[attr-defined]


async def visible_resource(user: User | None, resource_id: int) -> Resource:
    resource = await Resource.get_or_none(id=resource_id)
    if resource is None or not await may_see(user, resource):
        raise NotFound("No such resource.", field="id")
    return resource


def file_path(resource: Resource, upload_dir: Path) -> Path:
    path = stored_path(resource.stored_name, upload_dir)
    if resource.kind != ResourceKind.FILE or path is None:
        raise NotFound("This resource is a link, not a file.", field="id")
    return path


async def resources_of_article(user: User | None, article_id: int) -> list[Resource]:
    article = await readable_article(user, article_id)
    return await Resource.filter(article_id=article.id).limit(MAX_RESOURCES)


async def resources_of_focus_area(user: User | None, focus_area_id: int) -> list[Resource]:
    area = await FocusArea.get_or_none(id=focus_area_id)
    if area is None or area.organisation_id not in (await reach_of(user)).organisation_ids:  # type: ignore[attr-defined]
        raise NotFound("No such focus area.", field="focusAreaId")
    return await Resource.filter(focus_area_id=area.id).limit(MAX_RESOURCES)


async def remove_resource(user: User, resource_id: int, upload_dir: Path) -> None:
    """Whoever added it, or an author of its article, takes it away (the file too)."""
    resource = await visible_resource(user, resource_id)
    allowed = resource.added_by_id == user.id  # type: ignore[attr-defined]
    if not allowed and resource.article_id is not None:  # type: ignore[attr-defined]
        article = await Article.get(id=resource.article_id)  # type: ignore[attr-defined]
        from models.knowledge import is_author

        allowed = await is_author(user, article)
    if not allowed:
        raise Forbidden("Only whoever added it, or the article's authors, may remove it.")
    await resource.delete()
    if resource.kind == ResourceKind.FILE:
        await delete_file(resource.stored_name, upload_dir)
