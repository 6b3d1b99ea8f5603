"""The public side of Open Badges 3.0 (models/credentials.py): what a verifier fetches.

- ``/.well-known/jwks.json``: the issuer's public keys, where OB 3.0 tells verifiers to look;
- ``/credentials/status/{organisation}/{list}``: an organisation's revocation list, a
  BitstringStatusListCredential signed as a VC-JWT (``application/vc+jwt``);
- ``/credentials/issuers/{organisation}``: the issuer ``Profile`` each credential names.

None needs a token; each is cached briefly (a revocation shows within a minute).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from models.credentials import (
    LIST_FILL,
    OB_CONTEXT,
    VC_CONTEXT,
    StatusEntry,
    issuer_profile,
    jwks,
    status_list_credential,
)
from models.organisations import Organisation
from resolvers.ids import MAX_DB_ID
from server.downloads import error
from server.settings import Settings


def _base(request: Request) -> str:
    settings: Settings = request.app.state.settings
    return settings.public_base_url


async def _organisation(request: Request) -> Organisation | None:
    """An organisation that has issued credentials (others are no issuer to name)."""
    key = request.path_params["organisation"]
    if not 0 < key <= MAX_DB_ID or not await StatusEntry.filter(organisation_id=key).exists():
        return None
    return await Organisation.get_or_none(id=key)


async def key_set(request: Request) -> Response:
    return JSONResponse(
        await jwks(_base(request)),
        media_type="application/jwk-set+json",
        headers={"Cache-Control": "public, max-age=300"},
    )


async def status_list(request: Request) -> Response:
    organisation = await _organisation(request)
    list_number = request.path_params["list"]
    if (
        organisation is None
        or list_number > MAX_DB_ID // LIST_FILL
        or not await StatusEntry.filter(
            organisation_id=organisation.id, list_number=list_number
        ).exists()
    ):
        return error("NOT_FOUND", "No such status list.")
    body = await status_list_credential(organisation, list_number, _base(request))
    return Response(
        body, media_type="application/vc+jwt", headers={"Cache-Control": "public, max-age=60"}
    )


async def issuer(request: Request) -> Response:
    organisation = await _organisation(request)
    if organisation is None:
        return error("NOT_FOUND", "No such issuer.")
    profile = {"@context": [VC_CONTEXT, OB_CONTEXT], **issuer_profile(organisation, _base(request))}
    return JSONResponse(profile, headers={"Cache-Control": "public, max-age=300"})
