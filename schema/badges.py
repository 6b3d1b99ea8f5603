"""Badges' API shape: the catalogue, awards, and each award as an Open Badges credential.

``BadgeRule`` is made from models/badge_rules.RULES, so a rule added there appears here.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from models.badge_rules import RULES
from models.credentials import SignedCredential
from resolvers import badges as resolve
from schema.accounts import User
from schema.context import Info
from schema.inputs import given_fields
from schema.permissions import CanRead, CanWrite

BadgeRule = strawberry.enum(
    StrEnum("BadgeRule", {kind.upper(): kind for kind in RULES}),  # type: ignore[misc]
    name="BadgeRule",
    description="What a badge is earned by; its threshold says how much of it.",
)


def _in_viewer_language(info: Info, indonesian: str, english: str) -> str:
    return english if info.context.english and english else indonesian


@strawberry.type(description="A badge in an organisation's catalogue.")
class Badge:
    key: str | None = strawberry.field(description="Set on the default badges.")
    threshold: int
    icon: str = strawberry.field(description="An emoji or an icon name.")
    name_id: str
    name_en: str
    description_id: str
    description_en: str
    created_at: datetime

    @strawberry.field
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("Badge", str(self.id))  # type: ignore[attr-defined]

    @strawberry.field
    def rule(self) -> BadgeRule:  # type: ignore[valid-type]
        return BadgeRule(self.rule)  # type: ignore[attr-defined]

    @strawberry.field(description="The name in your account's language.")
    def name(self, info: Info) -> str:
        return _in_viewer_language(info, self.name_id, self.name_en)

    @strawberry.field(description="What earns it, in both languages.")
    def criteria(self) -> str:
        rule = RULES.get(self.rule)  # type: ignore[attr-defined]
        return rule.criteria(self.threshold) if rule else ""

    @strawberry.field(description="No longer awarded (awards made stay).")
    def archived(self) -> bool:
        return self.archived_at is not None  # type: ignore[attr-defined]


@strawberry.type(description="A badge earned by a member.")
class BadgeAward:
    awarded_at: datetime
    revoked_at: datetime | None

    @strawberry.field
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("BadgeAward", str(self.id))  # type: ignore[attr-defined]

    @strawberry.field
    def badge(self) -> Badge:
        return self.badge  # type: ignore[attr-defined,return-value]

    @strawberry.field(description="Who holds it.")
    def holder(self) -> User:
        return self.user  # type: ignore[attr-defined,return-value]


@strawberry.type(description="An Open Badges 3.0 OpenBadgeCredential and its VC-JWT.")
class OpenBadgeCredential:
    credential: JSON = strawberry.field(description="The credential (JSON-LD), unsigned.")
    jwt: str = strawberry.field(
        description="The credential signed as a VC-JWT (RS256); the key is in the JWKS at "
        "/.well-known/jwks.json."
    )

    @classmethod
    def of(cls, signed: SignedCredential) -> OpenBadgeCredential:
        return cls(credential=signed.credential, jwt=signed.jwt)


@strawberry.input
class BadgeInput:
    organisation_id: relay.GlobalID
    rule: BadgeRule  # type: ignore[valid-type]
    threshold: int
    name_id: str
    name_en: str
    description_id: str = ""
    description_en: str = ""
    icon: str = ""


@strawberry.input(description="Only the fields given change.")
class BadgeChanges:
    rule: BadgeRule | None = strawberry.UNSET  # type: ignore[valid-type]
    threshold: int | None = strawberry.UNSET
    name_id: str | None = strawberry.UNSET
    name_en: str | None = strawberry.UNSET
    description_id: str | None = strawberry.UNSET
    description_en: str | None = strawberry.UNSET
    icon: str | None = strawberry.UNSET


def _values(fields: dict[str, object]) -> dict[str, object]:
    """Plain values for the model: the rule by its registry key, nulls left out."""
    out = {k: v for k, v in fields.items() if v is not None}
    if "rule" in out:
        out["rule"] = out["rule"].value  # type: ignore[attr-defined]
    return out


@strawberry.type
class BadgeQueries:
    @strawberry.field(
        permission_classes=[CanRead],
        description="An organisation's badge catalogue, for its members.",
    )
    async def badges(
        self, info: Info, organisation_id: relay.GlobalID, include_archived: bool = False
    ) -> list[Badge]:
        found = await resolve.catalogue(info.context, organisation_id, include_archived)
        return found  # type: ignore[return-value]

    @strawberry.field(permission_classes=[CanRead], description="The badges you earned.")
    async def my_badges(self, info: Info) -> list[BadgeAward]:
        return await resolve.my_badges(info.context)  # type: ignore[return-value]

    @strawberry.field(
        permission_classes=[CanRead],
        description="Who holds a badge, newest first (admins and coordinators).",
    )
    async def badge_holders(
        self, info: Info, badge_id: relay.GlobalID, first: int = 100
    ) -> list[BadgeAward]:
        return await resolve.holders(info.context, badge_id, first)  # type: ignore[return-value]

    @strawberry.field(
        permission_classes=[CanRead],
        description="An award as an Open Badges 3.0 credential (its holder, or the "
        "organisation's admins and coordinators).",
    )
    async def badge_credential(self, info: Info, award_id: relay.GlobalID) -> OpenBadgeCredential:
        return OpenBadgeCredential.of(await resolve.credential(info.context, award_id))


@strawberry.type
class BadgeMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Admins and coordinators: a new badge; members who already qualify "
        "receive it shortly.",
    )
    async def create_badge(self, info: Info, input: BadgeInput) -> Badge:
        values = _values(given_fields(input))
        organisation = values.pop("organisation_id")
        made = await resolve.create_badge(info.context, organisation, values)  # type: ignore[arg-type]
        return made  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Texts always; rule and threshold only while nobody holds the badge.",
    )
    async def update_badge(
        self, info: Info, badge_id: relay.GlobalID, changes: BadgeChanges
    ) -> Badge:
        found = await resolve.update_badge(info.context, badge_id, _values(given_fields(changes)))
        return found  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Stop (or resume) awarding a badge; awards made stay.",
    )
    async def archive_badge(
        self, info: Info, badge_id: relay.GlobalID, archived: bool = True
    ) -> Badge:
        return await resolve.archive_badge(info.context, badge_id, archived)  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Take back an award given in error; its credential shows as revoked.",
    )
    async def revoke_badge_award(
        self, info: Info, award_id: relay.GlobalID, reason: str
    ) -> BadgeAward:
        return await resolve.revoke_award(info.context, award_id, reason)  # type: ignore[return-value]
