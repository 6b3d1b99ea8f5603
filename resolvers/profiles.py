"""Profiles: reading them within the privacy rules, and editing one's own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from strawberry import relay

from models import profiles
from models.accounts import Scope, User
from models.errors import BadInput, NotFound
from models.profiles import MarkKind, NeedInput, SkillInput
from resolvers.context import Context
from resolvers.ids import db_id
from resolvers.loaders import Loaders

_NOT_NULL = {
    "display_name",
    "bio",
    "languages",
    "timezone",
    "availability",
    "goals",
    "communication_style",
    "questionnaire",
    "capacity",
    "open_for_requests",
    "listed_in_directory",
    "show_badges",
    "contact_email",
    "contact_phone",
    "attributes",
}


@dataclass
class ProfileSight:
    """A profile as one viewer may see it: the stored profile, its owner, the view level."""

    model: profiles.Profile
    owner: User
    view: profiles.ProfileView


async def profile_of(context: Context, user_id: int) -> ProfileSight | None:
    viewer = context.require(Scope.READ)
    try:
        view = await profiles.profile_view(viewer, user_id)
    except NotFound:
        return None
    owner = await context.loaders.user.load(user_id)
    model = await context.loaders.profile.load(user_id)
    return ProfileSight(model=model, owner=owner, view=view)  # type: ignore[arg-type]


async def visible_users(context: Context, ids: list[int]) -> list[User | None]:
    viewer = context.require(Scope.READ)
    users = await context.loaders.user.load_many(ids)
    visible: list[User | None] = []
    for user in users:
        try:
            if user is not None:
                await profiles.profile_view(viewer, user.id)
        except NotFound:
            user = None
        visible.append(user)
    return visible


async def profile(context: Context, user_id: relay.GlobalID) -> ProfileSight:
    found = await profile_of(context, db_id(user_id, "User", "userId"))
    if found is None:
        raise NotFound("No such profile.", field="userId")
    return found


async def update_profile(context: Context, changes: Mapping[str, Any]) -> ProfileSight:
    """``changes`` holds the fields the client sent, nested inputs as dicts."""
    user = context.require(Scope.WRITE)
    given = dict(changes)
    for key in _NOT_NULL & {k for k, v in given.items() if v is None}:
        raise BadInput("This field cannot be null.", field=key)
    expertise = given.pop("expertise", None)
    needs = given.pop("learning_needs", None)
    if "availability" in given:
        given["availability"] = [dict(w) for w in given["availability"]]
    if "attributes" in given:
        given["attributes"] = {a["name"].strip(): a["value"].strip() for a in given["attributes"]}
    if "questionnaire" in given:
        given["questionnaire"] = {a["question"]: a["answer"] for a in given["questionnaire"]}
    await profiles.update_profile(
        user,
        given,
        expertise=None
        if expertise is None
        else [SkillInput(e["skill"], e["level"], e["focus_area"]) for e in expertise],
        needs=None
        if needs is None
        else [
            NeedInput(
                n["skill"], n["target_level"], n["current_level"], n["priority"], n["focus_area"]
            )
            for n in needs
        ],
    )
    context.loaders = Loaders()  # what was read before this write is stale now
    found = await profile_of(context, user.id)
    assert found is not None
    return found


async def mark_mentor(context: Context, mentor_id: relay.GlobalID, mark: MarkKind | None) -> bool:
    user = context.require(Scope.WRITE)
    await profiles.mark_mentor(user, db_id(mentor_id, "User", "mentorId"), mark)
    return True
