"""Checking Open Badges 3.0 credentials as an outside verifier would: the issuer's keys
fetched over HTTP from /.well-known/jwks.json, the VC-JWT verified with joserfc (not the
library Rajut signs with), the payload validated against 1EdTech's JSON schema (vendored in
tests/data, so no network), and the revocation bit read from the signed status list."""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from joserfc import jwt
from joserfc.jwk import KeySet
from jsonschema import Draft201909Validator

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "ob_v3p0_achievementcredential_schema.json").read_text()
)
VALIDATOR = Draft201909Validator(SCHEMA, format_checker=Draft201909Validator.FORMAT_CHECKER)
T = TypeVar("T")


async def eventually(check: Callable[[], Awaitable[T | None]], within: float = 15) -> T:
    """Poll ``check`` until it returns something truthy (the recogniser runs in the
    background of the served app)."""
    async with asyncio.timeout(within):
        while not (found := await check()):
            await asyncio.sleep(0.1)
    return found


async def verified(http: httpx.AsyncClient, token: str) -> dict[str, Any]:
    """The JWT's claims once its signature checks out against the published JWKS."""
    keys = await http.get("/.well-known/jwks.json")
    assert keys.status_code == 200
    assert keys.headers["content-type"].startswith("application/jwk-set+json")
    assert all("d" not in key for key in keys.json()["keys"])  # never a private member
    decoded = jwt.decode(token, KeySet.import_key_set(keys.json()), algorithms=["RS256"])
    assert decoded.header["typ"] == "JWT"
    assert decoded.header["kid"] in {key["kid"] for key in keys.json()["keys"]}
    jwt.JWTClaimsRegistry(
        iss={"essential": True}, jti={"essential": True}, sub={"essential": True},
        nbf={"essential": True},
    ).validate(decoded.claims)  # fmt: skip
    return decoded.claims


async def checked_open_badge(http: httpx.AsyncClient, token: str, email: str) -> dict[str, Any]:
    """An exported credential, verified, valid against the schema, its JWT claims
    mirroring it and its subject identified by the holder's address: the credential."""
    claims = await verified(http, token)
    errors = sorted(VALIDATOR.iter_errors(claims), key=str)
    assert not errors, [e.message for e in errors]
    assert claims["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["iss"] == claims["issuer"]["id"] and claims["issuer"]["type"] == ["Profile"]
    assert claims["jti"] == claims["id"]
    assert claims["sub"] == claims["credentialSubject"]["id"]
    valid_from = datetime.fromisoformat(claims["validFrom"].replace("Z", "+00:00"))
    assert claims["nbf"] == int(valid_from.timestamp()) and valid_from <= datetime.now(UTC)
    subject = claims["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    [identity] = subject["identifier"]
    assert identity["hashed"] is True and identity["identityType"] == "emailAddress"
    salted = (email.strip().lower() + identity["salt"]).encode()
    assert identity["identityHash"] == "sha256$" + hashlib.sha256(salted).hexdigest()
    assert email.lower() not in json.dumps(claims).lower()  # the address itself never shows
    assert subject["achievement"]["criteria"]["narrative"]
    assert claims["credentialSchema"] == [
        {
            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
            "ob_v3p0_achievementcredential_schema.json",
            "type": "1EdTechJsonSchemaValidator2019",
        }
    ]
    return claims


async def revoked(http: httpx.AsyncClient, credential: dict[str, Any]) -> bool:
    """The credential's bit in its status list, fetched from the URL it names."""
    status = credential["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    listed = await http.get(urlsplit(status["statusListCredential"]).path)
    assert listed.status_code == 200, listed.text
    assert listed.headers["content-type"].startswith("application/vc+jwt")
    claims = await verified(http, listed.text)
    assert claims["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert claims["issuer"]["id"] == credential["issuer"]["id"]
    subject = claims["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    assert encoded.startswith("u")  # multibase base64url, no padding
    packed = base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
    bits = gzip.decompress(packed)
    assert len(bits) >= 16 * 1024  # the specification's minimum
    index = int(status["statusListIndex"])
    return bool(bits[index // 8] >> (7 - index % 8) & 1)
