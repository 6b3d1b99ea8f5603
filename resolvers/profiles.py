"""Profiles: reading them within the privacy rules, and editing one's own."""

from __future__ import annotations

import strawberry
from strawberry import relay

from models import profiles
from models.accounts import Scope, User
from models.errors import BadInput, NotFound
from models.profiles import MarkKind, NeedInput, SkillInput
from resolvers.ids import db_id
from resolvers.loaders import Loaders
from schema.context import Info
from schema.profiles import Profile, ProfileInput

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
    "contact_email",
    "contact_phone",
    "attributes",
}


async def profile_of(info: Info, user_id: int) -> Profile | None:
    viewer = info.context.require(Scope.READ)
    try:
        view = await profiles.profile_view(viewer, user_id)
    except NotFound:
        return None
    owner = await info.context.loaders.user.load(user_id)
    model = await info.context.loaders.profile.load(user_id)
    return Profile(model=model, owner=owner, view=view)


async def visible_users(info: Info, ids: list[int]) -> list[User | None]:
    viewer = info.context.require(Scope.READ)
    users = await info.context.loaders.user.load_many(ids)
    visible: list[User | None] = []
    for user in users:
        try:
            if user is not None:
                await profiles.profile_view(viewer, user.id)
        except NotFound:
            user = None
        visible.append(user)
    return visible


async def profile(info: Info, user_id: relay.GlobalID) -> Profile:
    found = await profile_of(info, db_id(user_id, "User", "userId"))
    if found is None:
        raise NotFound("No such profile.", field="userId")
    return found


async def update_profile(info: Info, input: ProfileInput) -> Profile:
    user = info.context.require(Scope.WRITE)
    given = {k: v for k, v in vars(input).items() if v is not strawberry.UNSET}
    for key in _NOT_NULL & {k for k, v in given.items() if v is None}:
        raise BadInput("This field cannot be null.", field=key)
    expertise = given.pop("expertise", None)
    needs = given.pop("learning_needs", None)
    if "availability" in given:
        given["availability"] = [vars(w) for w in given["availability"]]
    if "attributes" in given:
        given["attributes"] = {a.name.strip(): a.value.strip() for a in given["attributes"]}
    if "questionnaire" in given:
        given["questionnaire"] = {a.question: a.answer for a in given["questionnaire"]}
    await profiles.update_profile(
        user,
        given,
        expertise=None
        if expertise is None
        else [SkillInput(e.skill, e.level, e.focus_area) for e in expertise],
        needs=None
        if needs is None
        else [
            NeedInput(n.skill, n.target_level, n.current_level, n.priority, n.focus_area)
            for n in needs
        ],
    )
    info.context.loaders = Loaders()  # what was read before this write is stale now
    found = await profile_of(info, user.id)
    assert found is not None
    return found


async def mark_mentor(info: Info, mentor_id: relay.GlobalID, mark: MarkKind | None) -> bool:
    user = info.context.require(Scope.WRITE)
    await profiles.mark_mentor(user, db_id(mentor_id, "User", "mentorId"), mark)
    return True
