"""Badges' glue: who is asking, which ids they mean; models/badges.py decides the rest."""

from __future__ import annotations

from typing import Any

from strawberry import relay

from models import badges
from models.accounts import Scope
from models.badges import Badge, BadgeAward
from models.credentials import SignedCredential, signed_open_badge
from models.profiles import Profile, ProfileView
from resolvers.context import Context
from resolvers.ids import db_id


async def catalogue(
    context: Context, organisation_id: relay.GlobalID, include_archived: bool
) -> list[Badge]:
    user = context.require(Scope.READ)
    org = db_id(organisation_id, "Organisation", "organisationId")
    return await badges.catalogue(user, org, include_archived)


async def create_badge(
    context: Context, organisation_id: relay.GlobalID, values: dict[str, Any]
) -> Badge:
    user = context.require(Scope.WRITE)
    org = db_id(organisation_id, "Organisation", "organisationId")
    return await badges.create_badge(user, org, values)


async def update_badge(
    context: Context, badge_id: relay.GlobalID, changes: dict[str, Any]
) -> Badge:
    user = context.require(Scope.WRITE)
    return await badges.update_badge(user, db_id(badge_id, "Badge", "badgeId"), changes)


async def archive_badge(context: Context, badge_id: relay.GlobalID, archived: bool) -> Badge:
    user = context.require(Scope.WRITE)
    return await badges.archive_badge(user, db_id(badge_id, "Badge", "badgeId"), archived)


async def my_badges(context: Context) -> list[BadgeAward]:
    return await badges.awards_of(context.require(Scope.READ).id)


async def holders(context: Context, badge_id: relay.GlobalID, first: int) -> list[BadgeAward]:
    user = context.require(Scope.READ)
    return await badges.holders(user, db_id(badge_id, "Badge", "badgeId"), first)


async def revoke_award(context: Context, award_id: relay.GlobalID, reason: str) -> BadgeAward:
    user = context.require(Scope.WRITE)
    return await badges.revoke_award(user, db_id(award_id, "BadgeAward", "awardId"), reason)


async def credential(context: Context, award_id: relay.GlobalID) -> SignedCredential:
    user = context.require(Scope.READ)
    base = context.settings.public_base_url
    claim = await badges.award_claim(user, db_id(award_id, "BadgeAward", "awardId"), base)
    return await signed_open_badge(claim, base)


async def on_profile(
    context: Context, profile: Profile, view: ProfileView
) -> list[BadgeAward] | None:
    context.require(Scope.READ)
    return await badges.on_profile(profile, view)
