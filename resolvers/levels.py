"""Mentor training and levels: who is asking, which ids they mean; the rules live in
models/levels.py, models/training.py, models/eligibility.py and models/promotions.py."""

from __future__ import annotations

from typing import Any

from strawberry import relay

from models import eligibility, promotions, training
from models.accounts import Scope
from models.eligibility import Progress
from models.errors import BadInput
from models.levels import (
    LEVEL_CHANGES,
    ExpertiseConfirmation,
    Level,
    LevelEvent,
    LevelRules,
    TrainingCompletion,
    TrainingModule,
    coordinated_organisation,
    member_organisation,
    rules_of,
    visible_member,
)
from models.organisations import FocusArea
from resolvers.context import Context
from resolvers.ids import db_id, visible_nodes

MAX_PAGE = 500


def _organisation(gid: relay.GlobalID) -> int:
    return db_id(gid, "Organisation", "organisationId")


def _module(gid: relay.GlobalID, field: str = "moduleId") -> int:
    return db_id(gid, "TrainingModule", field)


def _member(gid: relay.GlobalID) -> int:
    return db_id(gid, "User", "userId")


# --- thresholds --------------------------------------------------------------------------


async def level_rules(context: Context, organisation_id: relay.GlobalID) -> LevelRules:
    user = context.require(Scope.READ)
    organisation = _organisation(organisation_id)
    await member_organisation(user, organisation)
    return await rules_of(organisation)


async def set_level_rules(
    context: Context, organisation_id: relay.GlobalID, changes: dict[str, Any]
) -> LevelRules:
    user = context.require(Scope.WRITE)
    organisation = _organisation(organisation_id)
    return await promotions.set_rules(user, organisation, changes)


# --- training ----------------------------------------------------------------------------


async def training_modules(
    context: Context, organisation_id: relay.GlobalID, include_archived: bool
) -> list[TrainingModule]:
    user = context.require(Scope.READ)
    return await training.modules(user, _organisation(organisation_id), include_archived)


async def modules_by_ids(context: Context, ids: list[int]) -> list[TrainingModule | None]:
    user = context.require(Scope.READ)
    return await visible_nodes(ids, lambda key: training.visible_module(user, key))


async def create_training_module(
    context: Context,
    organisation_id: relay.GlobalID,
    title: str,
    content: str,
    link: str,
    required_for: Level | None,
) -> TrainingModule:
    user = context.require(Scope.WRITE)
    return await training.create_module(
        user, _organisation(organisation_id), title, content, link, required_for
    )


async def update_training_module(
    context: Context, module_id: relay.GlobalID, changes: dict[str, Any]
) -> TrainingModule:
    user = context.require(Scope.WRITE)
    return await training.update_module(user, _module(module_id, "id"), changes)


async def archive_training_module(
    context: Context, module_id: relay.GlobalID, archived: bool
) -> TrainingModule:
    user = context.require(Scope.WRITE)
    return await training.archive_module(user, _module(module_id, "id"), archived)


async def my_completion(context: Context, module: TrainingModule) -> TrainingCompletion | None:
    user = context.require(Scope.READ)
    return await training.completion_of(user.id, module.id)


async def declare_training(context: Context, module_id: relay.GlobalID) -> TrainingCompletion:
    user = context.require(Scope.WRITE)
    return await training.declare(user, _module(module_id))


async def withdraw_training(context: Context, module_id: relay.GlobalID) -> bool:
    user = context.require(Scope.WRITE)
    return await training.withdraw(user, _module(module_id))


async def confirm_training(
    context: Context, module_id: relay.GlobalID, user_id: relay.GlobalID
) -> TrainingCompletion:
    user = context.require(Scope.WRITE)
    return await training.confirm(user, _module(module_id), _member(user_id))


async def decline_training(
    context: Context, module_id: relay.GlobalID, user_id: relay.GlobalID, reason: str
) -> bool:
    user = context.require(Scope.WRITE)
    return await training.decline(user, _module(module_id), _member(user_id), reason)


async def training_declarations(
    context: Context, organisation_id: relay.GlobalID
) -> list[TrainingCompletion]:
    user = context.require(Scope.READ)
    return await training.waiting_declarations(user, _organisation(organisation_id))


async def module_of(context: Context, module_id: int | None) -> TrainingModule | None:
    """The module a completion or history entry names: whoever was shown that may see it."""
    return None if module_id is None else await TrainingModule.get_or_none(id=module_id)


async def focus_area_of(context: Context, focus_area_id: int | None) -> FocusArea | None:
    """The focus area an expertise confirmation or history entry names."""
    return None if focus_area_id is None else await FocusArea.get_or_none(id=focus_area_id)


# --- levels ------------------------------------------------------------------------------


async def mentor_progress(
    context: Context, organisation_id: relay.GlobalID, user_id: relay.GlobalID | None
) -> Progress:
    """Yours, or (for the organisation's coordinators) any member's."""
    viewer = context.require(Scope.READ)
    organisation = _organisation(organisation_id)
    member = _member(user_id) if user_id is not None else viewer.id
    await visible_member(viewer, organisation, member)
    return await eligibility.progress_of(organisation, member)


async def mentor_levels(
    context: Context,
    organisation_id: relay.GlobalID,
    eligible_only: bool,
    level: Level | None,
    first: int,
    after: relay.GlobalID | None,
) -> list[Progress]:
    """The organisation's mentors by id (coordinators): everyone, those at a level, or
    those a coordinator may promote now."""
    viewer = context.require(Scope.READ)
    organisation = _organisation(organisation_id)
    await coordinated_organisation(viewer, organisation)
    if not 1 <= first <= MAX_PAGE:
        raise BadInput(f"Ask for 1 to {MAX_PAGE} at a time.", field="first")
    start = db_id(after, "User", "after") if after is not None else 0
    people = [p for p in await eligibility.mentors_of(organisation) if p > start]
    if not eligible_only and level is None:
        people = people[:first]  # nothing to filter: evaluate only this page
    found = await eligibility.evaluate(organisation, people)
    chosen = [
        found[p]
        for p in people
        if (not eligible_only or found[p].eligible) and (level is None or found[p].level == level)
    ]
    return chosen[:first]


async def history(context: Context, progress: Progress, changes_only: bool) -> list[LevelEvent]:
    """A member's history, for whoever was shown their progress."""
    query = LevelEvent.filter(organisation_id=progress.organisation_id, user_id=progress.user_id)
    if changes_only:
        query = query.filter(kind__in=LEVEL_CHANGES)
    return await query.order_by("id")


async def confirm_expertise(
    context: Context, organisation_id: relay.GlobalID, user_id: relay.GlobalID, focus_area: str
) -> ExpertiseConfirmation:
    user = context.require(Scope.WRITE)
    return await promotions.confirm_expertise(
        user, _organisation(organisation_id), _member(user_id), focus_area
    )


async def nominate(
    context: Context, organisation_id: relay.GlobalID, user_id: relay.GlobalID, reason: str
) -> Progress:
    user = context.require(Scope.WRITE)
    return await promotions.nominate(user, _organisation(organisation_id), _member(user_id), reason)


async def withdraw_nomination(
    context: Context, organisation_id: relay.GlobalID, user_id: relay.GlobalID, reason: str
) -> Progress:
    user = context.require(Scope.WRITE)
    return await promotions.withdraw_nomination(
        user, _organisation(organisation_id), _member(user_id), reason
    )


async def promote(
    context: Context, organisation_id: relay.GlobalID, user_id: relay.GlobalID, to: Level
) -> Progress:
    user = context.require(Scope.WRITE)
    return await promotions.promote(user, _organisation(organisation_id), _member(user_id), to)


async def correct(
    context: Context,
    organisation_id: relay.GlobalID,
    user_id: relay.GlobalID,
    to: Level | None,
    reason: str,
) -> Progress:
    user = context.require(Scope.WRITE)
    return await promotions.correct(
        user, _organisation(organisation_id), _member(user_id), to, reason
    )
