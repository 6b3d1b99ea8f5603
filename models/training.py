"""Mentor training: the modules an organisation offers, and who completed them.

Coordinators (the organisation's admins and its programmes' coordinators) write modules: a
title, content or a link, and the level that asks for it. A member declares a module done
and a coordinator confirms it, or a coordinator confirms it directly; only confirmed
modules count towards a level. Declaring twice or confirming twice changes nothing; a
member may withdraw a declaration that is not confirmed yet, and a coordinator may decline
one with a reason. Every step is kept in the member's history (``LevelEvent``), and each
confirmation asks for the member's eligibility to be looked at again (models/level_watch.py).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from models.accounts import User, now
from models.announcements import transaction
from models.errors import BadInput, Conflict, NotFound
from models.level_watch import watch
from models.levels import (
    CompletionStatus,
    HistoryKind,
    Level,
    TrainingCompletion,
    TrainingModule,
    coordinated_organisation,
    is_member,
    member_of,
    member_organisation,
    not_oneself,
    reason_text,
    record,
)

MAX_TITLE, MAX_CONTENT, MAX_LINK = 200, 20_000, 500
MAX_MODULES = 200  # per organisation, archived ones included


def _check_module(values: dict[str, Any]) -> dict[str, Any]:
    """Bounded texts, an http(s) link, and something to learn from: content or a link."""
    out = dict(values)
    for key in ("title", "content", "link"):
        if key in out and out[key] is None:
            raise BadInput(f"Give a {key}, or leave it out.", field=key)
    if "title" in out:
        out["title"] = " ".join(out["title"].split())
        if not 1 <= len(out["title"]) <= MAX_TITLE:
            raise BadInput(f"Give a title of 1 to {MAX_TITLE} characters.", field="title")
    if "content" in out:
        out["content"] = out["content"].strip()
        if len(out["content"]) > MAX_CONTENT:
            raise BadInput(f"Keep the content under {MAX_CONTENT:,} characters.", field="content")
    if out.get("link"):
        link = out["link"].strip()
        parts = urlsplit(link)
        if len(link) > MAX_LINK or parts.scheme not in {"http", "https"} or not parts.netloc:
            raise BadInput(
                f"Give an http(s) address of at most {MAX_LINK} characters.", field="link"
            )
        out["link"] = link
    if "required_for" in out and out["required_for"] is not None:
        out["required_for"] = Level(out["required_for"])
    return out


async def create_module(
    user: User,
    organisation_id: int,
    title: str,
    content: str,
    link: str,
    required_for: Level | None,
) -> TrainingModule:
    await coordinated_organisation(user, organisation_id)
    values = _check_module(
        {"title": title, "content": content, "link": link, "required_for": required_for}
    )
    if not values["content"] and not values["link"]:
        raise BadInput("Give the module's content, a link to it, or both.", field="content")
    if await TrainingModule.filter(organisation_id=organisation_id).count() >= MAX_MODULES:
        raise Conflict(f"An organisation keeps at most {MAX_MODULES} training modules.")
    module = await TrainingModule.create(
        organisation_id=organisation_id, created_by_id=user.id, **values
    )
    watch.organisation(organisation_id)  # a new required module changes who is eligible
    return module


async def visible_module(user: User, module_id: int) -> TrainingModule:
    """A module, for a member of its organisation; to anyone else it does not exist."""
    module = await TrainingModule.get_or_none(id=module_id)
    if module is None or not await is_member(module.organisation_id, user.id):
        raise NotFound("No such training module.", field="moduleId")
    return module


async def coordinated_module(user: User, module_id: int) -> TrainingModule:
    module = await visible_module(user, module_id)
    await coordinated_organisation(user, module.organisation_id)
    return module


async def update_module(user: User, module_id: int, changes: dict[str, Any]) -> TrainingModule:
    """Change the fields given (``required_for: None`` makes the module optional)."""
    module = await coordinated_module(user, module_id)
    values = _check_module(changes)
    content = values.get("content", module.content)
    link = values.get("link", module.link)
    if not content and not link:
        raise BadInput("Give the module's content, a link to it, or both.", field="content")
    for key, value in values.items():
        setattr(module, key, value)
    await module.save()
    watch.organisation(module.organisation_id)
    return module


async def archive_module(user: User, module_id: int, archived: bool) -> TrainingModule:
    """Archive a module (no longer offered or asked for) or bring it back; its completions
    stay."""
    module = await coordinated_module(user, module_id)
    if archived != (module.archived_at is not None):
        module.archived_at = now() if archived else None
        await module.save(update_fields=["archived_at", "updated_at"])
        watch.organisation(module.organisation_id)
    return module


async def modules(user: User, organisation_id: int, include_archived: bool) -> list[TrainingModule]:
    """The organisation's modules for its members; archived ones for its coordinators."""
    await member_organisation(user, organisation_id)
    query = TrainingModule.filter(organisation_id=organisation_id)
    if include_archived:
        await coordinated_organisation(user, organisation_id)
    else:
        query = query.filter(archived_at__isnull=True)
    return await query.order_by("id")


async def completion_of(user_id: int, module_id: int) -> TrainingCompletion | None:
    return await TrainingCompletion.get_or_none(module_id=module_id, user_id=user_id)


async def declare(user: User, module_id: int) -> TrainingCompletion:
    """The member says they completed the module; again, it stays as it is."""
    module = await visible_module(user, module_id)
    if module.archived_at is not None:
        raise Conflict("This training module is archived.", field="moduleId")
    async with transaction():
        completion, created = await TrainingCompletion.get_or_create(
            module_id=module.id,
            user_id=user.id,
            defaults={"status": CompletionStatus.DECLARED, "declared_at": now()},
        )
        if created:
            await record(
                module.organisation_id, user.id, user.id, HistoryKind.TRAINING_DECLARED,
                module_id=module.id,
            )  # fmt: skip
    return completion


async def _drop_declaration(
    completion: TrainingCompletion,
    module: TrainingModule,
    actor_id: int,
    kind: HistoryKind,
    note: str = "",
) -> bool:
    """Remove a declaration that is still unconfirmed, with its history entry."""
    async with transaction():
        removed = await TrainingCompletion.filter(
            id=completion.id, status=CompletionStatus.DECLARED
        ).delete()
        if removed:
            await record(
                module.organisation_id, completion.user_id, actor_id, kind,
                module_id=module.id, note=note,
            )  # fmt: skip
    return bool(removed)


async def withdraw(user: User, module_id: int) -> bool:
    """Take back one's declaration before it is confirmed; False when there was none."""
    module = await visible_module(user, module_id)
    completion = await completion_of(user.id, module.id)
    if completion is None:
        return False
    if completion.status == CompletionStatus.CONFIRMED:
        raise Conflict(
            "A coordinator confirmed this module; ask a coordinator if it is wrong.",
            field="moduleId",
        )
    return await _drop_declaration(completion, module, user.id, HistoryKind.TRAINING_WITHDRAWN)


async def confirm(coordinator: User, module_id: int, member_id: int) -> TrainingCompletion:
    """Confirm a member's declaration, or record the completion directly; confirming what is
    confirmed changes nothing."""
    module = await coordinated_module(coordinator, module_id)
    await member_of(module.organisation_id, member_id)
    not_oneself(coordinator, member_id, "training")
    if module.archived_at is not None:
        raise Conflict("This training module is archived.", field="moduleId")
    moment = now()
    async with transaction():
        completion, created = await TrainingCompletion.get_or_create(
            module_id=module.id,
            user_id=member_id,
            defaults={
                "status": CompletionStatus.CONFIRMED,
                "confirmed_by_id": coordinator.id,
                "confirmed_at": moment,
            },
        )
        changed = created or bool(
            await TrainingCompletion.filter(
                id=completion.id, status=CompletionStatus.DECLARED
            ).update(
                status=CompletionStatus.CONFIRMED,
                confirmed_by_id=coordinator.id,
                confirmed_at=moment,
            )
        )
        if changed:
            await record(
                module.organisation_id, member_id, coordinator.id, HistoryKind.TRAINING_CONFIRMED,
                module_id=module.id,
            )  # fmt: skip
    if changed:
        watch.person(module.organisation_id, member_id)
        await completion.refresh_from_db()
    return completion


async def decline(coordinator: User, module_id: int, member_id: int, reason: str) -> bool:
    """Decline a declaration (the member may declare again later), saying why; False when
    there was none to decline."""
    module = await coordinated_module(coordinator, module_id)
    await member_of(module.organisation_id, member_id)
    not_oneself(coordinator, member_id, "training")
    reason = reason_text(reason)
    completion = await completion_of(member_id, module.id)
    if completion is None:
        return False
    if completion.status == CompletionStatus.CONFIRMED:
        raise Conflict("This module is confirmed already.", field="moduleId")
    return await _drop_declaration(
        completion, module, coordinator.id, HistoryKind.TRAINING_DECLINED, reason
    )


async def waiting_declarations(coordinator: User, organisation_id: int) -> list[TrainingCompletion]:
    """Declarations waiting for a coordinator, oldest first (not one's own)."""
    await coordinated_organisation(coordinator, organisation_id)
    return (
        await TrainingCompletion.filter(
            module__organisation_id=organisation_id,
            module__archived_at__isnull=True,
            status=CompletionStatus.DECLARED,
        )
        .exclude(user_id=coordinator.id)
        .order_by("declared_at", "id")
        .limit(500)
    )
