"""Certificates' glue: who is asking, which ids they mean; models/certificates.py decides."""

from __future__ import annotations

from strawberry import relay

from models import certificates
from models.accounts import Scope
from models.certificates import Certificate, CertificateKind
from models.credentials import SignedCredential, signed_open_badge
from resolvers.context import Context
from resolvers.ids import db_id


async def issue(
    context: Context, programme_id: relay.GlobalID, user_id: relay.GlobalID, kind: CertificateKind
) -> Certificate:
    user = context.require(Scope.WRITE)
    return await certificates.issue(
        user,
        db_id(programme_id, "Programme", "programmeId"),
        db_id(user_id, "User", "userId"),
        kind,
    )


async def revoke(context: Context, certificate_id: relay.GlobalID, reason: str) -> Certificate:
    user = context.require(Scope.WRITE)
    key = db_id(certificate_id, "Certificate", "certificateId")
    return await certificates.revoke(user, key, reason)


async def mine(context: Context) -> list[Certificate]:
    return await certificates.mine(context.require(Scope.READ))


async def of_programme(context: Context, programme_id: relay.GlobalID) -> list[Certificate]:
    user = context.require(Scope.READ)
    return await certificates.of_programme(user, db_id(programme_id, "Programme", "programmeId"))


async def credential(context: Context, certificate_id: relay.GlobalID) -> SignedCredential:
    user = context.require(Scope.READ)
    base = context.settings.public_base_url
    key = db_id(certificate_id, "Certificate", "certificateId")
    return await signed_open_badge(await certificates.credential_claim(user, key, base), base)
