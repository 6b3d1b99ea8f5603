"""Invitations to an organisation role or a programme staff place (see models/invitations)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from models import invitations
from models.accounts import now
from models.invitations import InvitationKind, ParticipantRole
from models.programmes import StaffRole
from resolvers import invitations as invitations_resolvers
from schema.context import Info
from schema.imports import ParticipantRoleEnum
from schema.organisations import Organisation, OrgRole
from schema.permissions import CanRead, CanWrite
from schema.programmes import StaffRoleEnum

InvitationKindEnum = strawberry.enum(InvitationKind, name="InvitationKind")
InvitationStatusEnum = strawberry.enum(invitations.InvitationStatus, name="InvitationStatus")


@strawberry.type(
    description="An offer of an organisation role, a programme staff place or a place as a "
    "participant (from an import), made to an email address; nothing is granted until the "
    "owner of the address accepts."
)
class Invitation:
    kind: InvitationKindEnum  # type: ignore[valid-type]
    email: str
    created_at: datetime
    expires_at: datetime
    decided_at: datetime | None

    @strawberry.field
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("Invitation", str(self.id))  # type: ignore[attr-defined]

    @strawberry.field(description="EXPIRED once a pending invitation outlives `expiresAt`.")
    def status(self) -> InvitationStatusEnum:  # type: ignore[valid-type]
        return self.current_status(now())  # type: ignore[attr-defined]

    @strawberry.field
    def organisation(self) -> Organisation:
        return self.organisation  # type: ignore[return-value]

    @strawberry.field(description="Set for programme staff and participant invitations.")
    def programme_id(self) -> relay.GlobalID | None:
        pid = self.programme_id  # type: ignore[attr-defined]
        return None if pid is None else relay.GlobalID("Programme", str(pid))

    @strawberry.field(description="Set for programme staff and participant invitations.")
    def programme_name(self) -> str | None:
        programme = self.programme  # type: ignore[attr-defined]
        return None if programme is None else programme.name

    @strawberry.field(description="The role offered, for organisation role invitations.")
    def org_role(self) -> OrgRole | None:
        if self.kind != InvitationKind.ORGANISATION_ROLE:  # type: ignore[attr-defined]
            return None
        return OrgRole(self.role)  # type: ignore[attr-defined]

    @strawberry.field(description="The place offered, for programme staff invitations.")
    def staff_role(self) -> StaffRoleEnum | None:  # type: ignore[valid-type]
        if self.kind != InvitationKind.PROGRAMME_STAFF:  # type: ignore[attr-defined]
            return None
        return StaffRole(self.role)  # type: ignore[attr-defined]

    @strawberry.field(
        description="What accepting enrols you as, for participant invitations (a mentor's "
        "application still awaits screening)."
    )
    def participant_role(self) -> ParticipantRoleEnum | None:  # type: ignore[valid-type]
        if self.kind != InvitationKind.PROGRAMME_PARTICIPANT:  # type: ignore[attr-defined]
            return None
        return ParticipantRole(self.role)  # type: ignore[attr-defined]

    @strawberry.field(description="The inviter's display name.")
    def invited_by(self) -> str | None:
        inviter = self.invited_by  # type: ignore[attr-defined]
        return None if inviter is None else inviter.display_name


@strawberry.type
class InvitationQueries:
    @strawberry.field(
        permission_classes=[CanRead],
        description="Pending invitations to your address (once it is verified).",
    )
    async def my_invitations(self, info: Info) -> list[Invitation]:
        return await invitations_resolvers.my_invitations(info.context)

    @strawberry.field(
        permission_classes=[CanRead],
        description="Organisation admins: the organisation's pending invitations.",
    )
    async def organisation_invitations(
        self, info: Info, organisation_id: relay.GlobalID
    ) -> list[Invitation]:
        return await invitations_resolvers.organisation_invitations(info.context, organisation_id)

    @strawberry.field(
        permission_classes=[CanRead],
        description="Coordinators: the programme's pending staff invitations.",
    )
    async def programme_invitations(
        self, info: Info, programme_id: relay.GlobalID
    ) -> list[Invitation]:
        return await invitations_resolvers.programme_invitations(info.context, programme_id)


@strawberry.type
class InvitationMutations:
    @strawberry.mutation(permission_classes=[CanWrite])
    async def accept_invitation(self, info: Info, id: relay.GlobalID) -> Invitation:
        return await invitations_resolvers.accept_invitation(info.context, id)

    @strawberry.mutation(permission_classes=[CanWrite])
    async def decline_invitation(self, info: Info, id: relay.GlobalID) -> Invitation:
        return await invitations_resolvers.decline_invitation(info.context, id)

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Organisation admins and programme coordinators: withdraw a pending one.",
    )
    async def revoke_invitation(self, info: Info, id: relay.GlobalID) -> Invitation:
        return await invitations_resolvers.revoke_invitation(info.context, id)
