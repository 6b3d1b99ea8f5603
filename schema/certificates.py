"""Certificates' API shape: issuing and revoking (coordinators), reading one's own, and
each certificate as an Open Badges credential. The PDF and the public verification page
are plain HTTP (server/certificates.py); the paths are given here."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry import relay

from models import certificates as model
from resolvers import certificates as resolve
from schema.badges import OpenBadgeCredential
from schema.context import Info
from schema.permissions import CanRead, CanWrite

CertificateKindEnum = strawberry.enum(model.CertificateKind, name="CertificateKind")


@strawberry.type(description="A skill the mentee's self-assessments show growing.")
class SkillDeveloped:
    skill: str
    start_level: int
    end_level: int


@strawberry.type(description="What a certificate states, as issued.")
class Certificate:
    kind: CertificateKindEnum  # type: ignore[valid-type]
    recipient_name: str
    programme_name: str
    organisation_name: str
    period_start: date
    period_end: date
    sessions_held: int
    mentees: int = strawberry.field(description="Service certificates: mentees mentored.")
    issued_at: datetime
    revoked_at: datetime | None
    revoked_reason: str

    @strawberry.field
    def id(self) -> relay.GlobalID:
        return relay.GlobalID("Certificate", str(self.id))  # type: ignore[attr-defined]

    @strawberry.field
    def programme_id(self) -> relay.GlobalID:
        return relay.GlobalID("Programme", str(self.programme_id))  # type: ignore[attr-defined]

    @strawberry.field(description="The public verification code, as printed.")
    def code(self) -> str:
        return model.shown_code(self.code)

    @strawberry.field(description="Anyone may open it to check the certificate.")
    def verify_url(self, info: Info) -> str:
        return model.verify_url(info.context.settings.public_base_url, self.code)

    @strawberry.field(description="GET it with your token (the recipient or coordinators).")
    def pdf_path(self) -> str:
        return f"/certificates/{relay.GlobalID('Certificate', str(self.id))}.pdf"  # type: ignore[attr-defined]

    @strawberry.field(description="Completion certificates: from the self-assessments.")
    def skills(self) -> list[SkillDeveloped]:
        return [
            SkillDeveloped(skill=s["skill"], start_level=s["from"], end_level=s["to"])
            for s in self.skills  # type: ignore[attr-defined]
        ]


@strawberry.type
class CertificateQueries:
    @strawberry.field(permission_classes=[CanRead], description="Certificates issued to you.")
    async def my_certificates(self, info: Info) -> list[Certificate]:
        return await resolve.mine(info.context)  # type: ignore[return-value]

    @strawberry.field(
        permission_classes=[CanRead], description="Coordinators: the programme's certificates."
    )
    async def programme_certificates(
        self, info: Info, programme_id: relay.GlobalID
    ) -> list[Certificate]:
        return await resolve.of_programme(info.context, programme_id)  # type: ignore[return-value]

    @strawberry.field(
        permission_classes=[CanRead],
        description="A certificate as an Open Badges 3.0 credential (recipient or coordinators).",
    )
    async def certificate_credential(
        self, info: Info, certificate_id: relay.GlobalID
    ) -> OpenBadgeCredential:
        return OpenBadgeCredential.of(await resolve.credential(info.context, certificate_id))


@strawberry.type
class CertificateMutations:
    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators: certify a participant with a completed relationship in "
        "the programme: COMPLETION for a mentee, SERVICE for a mentor.",
    )
    async def issue_certificate(
        self,
        info: Info,
        programme_id: relay.GlobalID,
        user_id: relay.GlobalID,
        kind: CertificateKindEnum,  # type: ignore[valid-type]
    ) -> Certificate:
        return await resolve.issue(info.context, programme_id, user_id, kind)  # type: ignore[return-value]

    @strawberry.mutation(
        permission_classes=[CanWrite],
        description="Coordinators: revoke; its verification page then says so.",
    )
    async def revoke_certificate(
        self, info: Info, certificate_id: relay.GlobalID, reason: str
    ) -> Certificate:
        return await resolve.revoke(info.context, certificate_id, reason)  # type: ignore[return-value]
