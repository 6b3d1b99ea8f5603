"""Open Badges 3.0: badge awards and certificates as signed ``OpenBadgeCredential``\\s.

A credential is the JSON-LD document of the Open Badges 3.0 data model (the VC 2.0 and
OB 3.0 contexts, an issuer ``Profile``, ``validFrom``, an ``AchievementSubject`` naming the
earner by a salted SHA-256 of their address, the achievement with its criteria, the
1EdTech JSON schema and a revocation status) secured as a VC-JWT: the credential is the
JWT payload, with ``iss``, ``jti``, ``nbf`` and ``sub`` mirroring ``issuer.id``, ``id``,
``validFrom`` and ``credentialSubject.id``, signed RS256 with the header's ``kid`` naming
the key in the installation's JWKS.

**The issuer's key** is one RSA key per installation, made on first use and kept in the
database (``issuer_keys``), never in the repository or a file: every process signs with the
same key, a backup restores it with the credentials it signed, and SECRET_KEY can rotate
without breaking one of them. RS256 because Open Badges 3.0 requires every verifier to
support it (other algorithms "limit interoperability"). The public key is published at
``/.well-known/jwks.json``, where OB 3.0 tells verifiers to look (the authority of the
issuer's id); its ``kid`` is that URL with the key's name as fragment.

**Revocation** uses the W3C Bitstring Status List: every credential gets a position in its
organisation's list when it is issued, drawn at random (as the specification advises, so a
position tells nothing about when or how many), in lists of 131,072 positions filled to at
most half. Revoking sets the bit. The list is served as a credential of its own, signed
like the badges (a VC-JWT), rather than as plain JSON: a verifier checks it with the key
it already fetched, and nobody between issuer and verifier (a proxy, a cache, a mirror)
can quietly clear a bit.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.accounts import now
from models.organisations import Organisation

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
ALGORITHM = "RS256"
KEY_ROW = 1  # one key per installation (a rotation would add rows; the JWKS lists them all)
LIST_SIZE = 131_072  # positions in one status list: the specification's minimum, 16 KiB
LIST_FILL = LIST_SIZE // 2  # a list takes at most this many credentials
JWKS_PATH = "/.well-known/jwks.json"


class IssuerKey(Model):
    """The installation's signing key (PKCS#8 PEM): made once, read ever after."""

    id = fields.IntField(primary_key=True)
    key_id = fields.CharField(max_length=32, unique=True)
    private_pem = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "issuer_keys"


class StatusEntry(Model):
    """One credential's position in its organisation's revocation list."""

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "rajut.Organisation", related_name=False, on_delete=fields.CASCADE
    )
    list_number = fields.IntField()
    position = fields.IntField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "credential_status"
        unique_together = (("organisation", "list_number", "position"),)


# --- the key -----------------------------------------------------------------------------


def _new_private_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@cache
def _loaded(pem: str) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


async def issuer_key() -> IssuerKey:
    """The signing key, made on first use; of two processes making it at once, the one
    stored first counts for both."""
    if found := await IssuerKey.get_or_none(id=KEY_ROW):
        return found
    pem = await asyncio.to_thread(_new_private_pem)  # ~0.1 s of CPU, once
    try:
        return await IssuerKey.create(id=KEY_ROW, key_id=secrets.token_hex(8), private_pem=pem)
    except IntegrityError:
        return await IssuerKey.get(id=KEY_ROW)


def key_uri(base_url: str, key_id: str) -> str:
    return f"{base_url}{JWKS_PATH}#{key_id}"


async def jwks(base_url: str) -> dict[str, Any]:
    """The public keys as a JWK Set (never a private member)."""
    await issuer_key()
    keys = []
    for row in await IssuerKey.all().order_by("id"):
        public = jwt.algorithms.RSAAlgorithm.to_jwk(_loaded(row.private_pem).public_key(), True)
        keys.append(
            {**public, "kid": key_uri(base_url, row.key_id), "use": "sig", "alg": ALGORITHM}
        )  # type: ignore[dict-item]
    return {"keys": keys}


async def sign(payload: dict[str, Any], base_url: str) -> str:
    key = await issuer_key()
    return jwt.encode(
        payload,
        _loaded(key.private_pem),
        algorithm=ALGORITHM,
        headers={"kid": key_uri(base_url, key.key_id), "typ": "JWT"},
    )


# --- status lists ------------------------------------------------------------------------


async def allocate_status(organisation_id: int) -> StatusEntry:
    """A free random position in the organisation's current list (call it inside the
    transaction that issues the credential)."""
    taken = await StatusEntry.filter(organisation_id=organisation_id).count()
    list_number = taken // LIST_FILL
    for _ in range(64):  # a half-full list: 64 collisions in a row has odds of 2^-64
        try:
            async with in_transaction():
                return await StatusEntry.create(
                    organisation_id=organisation_id,
                    list_number=list_number,
                    position=secrets.randbelow(LIST_SIZE),
                )
        except IntegrityError:
            continue
    raise RuntimeError("no free status position found")  # pragma: no cover


def status_list_url(base_url: str, organisation_id: int, list_number: int) -> str:
    return f"{base_url}/credentials/status/{organisation_id}/{list_number}"


def encoded_list(revoked_positions: list[int]) -> str:
    """The W3C encoding: bit i is bit 7 - i % 8 of byte i // 8 (the first index is the
    left-most bit), gzip, then multibase base64url without padding ("u" prefix)."""
    bits = bytearray(LIST_SIZE // 8)
    for position in revoked_positions:
        bits[position // 8] |= 0x80 >> (position % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


async def status_list_credential(
    organisation: Organisation, list_number: int, base_url: str
) -> str:
    """The organisation's list as a signed BitstringStatusListCredential."""
    revoked = await StatusEntry.filter(
        organisation_id=organisation.id, list_number=list_number, revoked_at__isnull=False
    ).values_list("position", flat=True)
    url = status_list_url(base_url, organisation.id, list_number)
    moment = now().replace(microsecond=0)
    credential = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_profile(organisation, base_url),
        "validFrom": _stamp(moment),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list(list(revoked)),
        },
    }
    return await sign(_with_claims(credential, moment), base_url)


# --- credentials -------------------------------------------------------------------------


def issuer_url(base_url: str, organisation_id: int) -> str:
    return f"{base_url}/credentials/issuers/{organisation_id}"


def issuer_profile(organisation: Organisation, base_url: str) -> dict[str, Any]:
    return {
        "id": issuer_url(base_url, organisation.id),
        "type": ["Profile"],
        "name": organisation.name,
        "url": base_url,
    }


@dataclass(frozen=True)
class Claim:
    """What one credential says, in the domain's words; :func:`open_badge` shapes it."""

    credential_id: str  # a URI: urn:uuid:… for badges, the verification URL for certificates
    organisation: Organisation
    achievement_id: str
    achievement_type: str  # from OB 3.0's AchievementType vocabulary
    name: str
    description: str
    criteria: str
    email: str
    salt: str
    valid_from: datetime
    status: StatusEntry


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0's IdentityHash: ``sha256$`` and the hex digest of the address and salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def subject_id(credential_id: str) -> str:
    """A subject URI of its own per credential: the hashed address says who; this keeps
    two credentials of one person from being linked by their ``sub``."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "subject:" + credential_id).urn


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _with_claims(credential: dict[str, Any], valid_from: datetime) -> dict[str, Any]:
    """The JWT payload: the credential, and the registered claims that mirror it."""
    return {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(valid_from.timestamp()),
        "sub": credential["credentialSubject"]["id"],
    }


def open_badge(claim: Claim, base_url: str) -> dict[str, Any]:
    """The OpenBadgeCredential (unsigned) for one claim."""
    valid_from = claim.valid_from.replace(microsecond=0)
    status = claim.status
    list_url = status_list_url(base_url, status.organisation_id, status.list_number)
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": claim.credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": claim.name,
        "issuer": issuer_profile(claim.organisation, base_url),
        "validFrom": _stamp(valid_from),
        "credentialSubject": {
            "id": subject_id(claim.credential_id),
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": identity_hash(claim.email, claim.salt),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": claim.salt,
                }
            ],
            "achievement": {
                "id": claim.achievement_id,
                "type": ["Achievement"],
                "achievementType": claim.achievement_type,
                "name": claim.name,
                "description": claim.description,
                "criteria": {"narrative": claim.criteria},
            },
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
        "credentialStatus": {
            "id": f"{list_url}#{status.position}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(status.position),
            "statusListCredential": list_url,
        },
    }


@dataclass(frozen=True)
class SignedCredential:
    credential: dict[str, Any]
    jwt: str


async def signed_open_badge(claim: Claim, base_url: str) -> SignedCredential:
    credential = open_badge(claim, base_url)
    token = await sign(_with_claims(credential, claim.valid_from.replace(microsecond=0)), base_url)
    return SignedCredential(credential, token)


def new_salt() -> str:
    return secrets.token_hex(8)
