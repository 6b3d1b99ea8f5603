"""The y-websocket endpoint: ``/notes/<note ID>?token=<bearer token>``.

It speaks the y-protocols wire format the npm ``y-websocket`` provider speaks (sync step 1
and 2, updates, awareness, awareness queries), so a browser editor connects with
``new WebsocketProvider(base + '/notes', noteId, ydoc, {params: {token}})`` and no glue.
The same document service as GraphQL is behind it (realtime/notes.py).

- The token is read from the query string and then scrubbed from the request before
  anything logs the path, so tokens never reach the logs.
- Signing in is the same batched, cached token look-up as GraphQL WebSockets', and the
  connection is registered with ``realtime.access`` under the token it signed in with: a
  revoked token, signing out, a changed password or a lowered role (any ``AccessWithdrawn``)
  closes it at once with 4403, on whichever process holds it.
- Every message is checked again (models.notes.access): someone removed from the
  relationship is closed out at their next message, and at once through MemberRemoved.
- Readers' updates (and those sent with a token without the ``write`` scope) are refused
  with a y-protocols "permission denied" auth message and not applied; malformed or
  oversized updates close the socket with 4400; losing access closes it with 4403.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from dataclasses import dataclass, replace

from pycrdt import (
    YMessageType,
    YSyncMessageType,
    create_awareness_message,
    create_sync_message,
    read_message,
    write_var_uint,
)
from starlette.websockets import WebSocket, WebSocketDisconnect
from strawberry import relay

from models import notes as stored
from models.accounts import AccessToken, Scope
from models.errors import BadInput, Conflict, Forbidden, NotFound, RajutError
from realtime.access import admit, connections, desk
from realtime.notes import Outgoing, Peer, notes

log = logging.getLogger("rajut.notes")

QUERY_AWARENESS = 3
AUTH = 2
PERMISSION_DENIED = 0

CLOSE_BAD_INPUT = 4400
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_TRY_AGAIN = 1013


def note_key(room: str) -> int | None:
    """The note in the path: its global ID (as the API returns it) or its number."""
    room = room.strip("/")
    if room.isdigit() and len(room) <= 10:
        return int(room)
    try:
        gid = relay.GlobalID.from_id(room)
    except (ValueError, TypeError, UnicodeError):
        return None
    if gid.type_name != "Note" or not gid.node_id.isdigit() or len(gid.node_id) > 10:
        return None
    return int(gid.node_id)


def _denied(reason: str) -> bytes:
    data = reason.encode()
    return bytes([AUTH, PERMISSION_DENIED]) + write_var_uint(len(data)) + data


@dataclass(eq=False)
class SignedInSocket:
    """A notes socket as ``realtime.access`` sees it (``SignedIn``): the token it signed in
    with, and a way to end it when that person's access is withdrawn."""

    token: AccessToken
    peer: Peer

    async def close(self, code: int, reason: str) -> None:
        """End the connection through its peer, even while the note is still loading: the
        socket's own task then closes it with 4403, the code it gives every loss of access
        (and the ``code`` realtime.access asks for)."""
        self.peer.close(Forbidden(reason, field="token"))


async def note_socket(websocket: WebSocket) -> None:
    token = websocket.query_params.get("token", "")
    websocket.scope["query_string"] = b""  # keep the token out of every log line
    since = desk.clock
    record = await desk.sign_in(token) if token else None
    if record is None or not record.grants(Scope.READ):
        await websocket.close(CLOSE_UNAUTHENTICATED)
        return
    key = note_key(websocket.path_params.get("room", ""))
    if key is None:
        await websocket.close(CLOSE_NOT_FOUND)
        return
    signed = SignedInSocket(record, Peer(record.user, secrets.token_hex(8)))
    await admit(signed, since)  # from now on a withdrawal closes it (realtime.access)
    try:
        await _serve(websocket, signed, key)
    finally:
        connections.discard(signed)


async def _serve(websocket: WebSocket, signed: SignedInSocket, key: int) -> None:
    peer, user = signed.peer, signed.peer.user
    writes = signed.token.grants(Scope.WRITE)  # as pushNoteUpdate asks over GraphQL
    try:
        granted = await stored.open_note(user, key)
    except RajutError:
        await websocket.close(CLOSE_NOT_FOUND)
        return
    await websocket.accept()
    live = await notes.attach(granted.note, peer)
    writer = asyncio.get_running_loop().create_task(_write(websocket, peer))
    code = 1000
    try:
        peer.send(Outgoing("sync", create_sync_message(live.doc)))
        present = live.remote_awareness()
        if present:
            peer.send(Outgoing("awareness", create_awareness_message(present)))
        while peer.closed is None:
            receiving = asyncio.ensure_future(websocket.receive())
            done, _ = await asyncio.wait({receiving, writer}, return_when=asyncio.FIRST_COMPLETED)
            if receiving not in done:  # the writer ended: the peer was closed by the server
                receiving.cancel()
                break
            message = receiving.result()
            if message["type"] == "websocket.disconnect":
                return
            data = message.get("bytes")
            if not data:
                continue
            granted = await stored.access(user, granted.note)  # every message, not only once
            if not writes:  # a read-only token reads, whatever its person may do
                granted = replace(granted, can_write=False)
            live.last_used = time.monotonic()
            await _handle(live, peer, granted, user, data)
    except (NotFound, Forbidden):
        code = CLOSE_FORBIDDEN
    except (BadInput, Conflict, IndexError, ValueError, RuntimeError):
        code = CLOSE_BAD_INPUT
    except WebSocketDisconnect:
        return
    finally:
        writer.cancel()
        with contextlib.suppress(BaseException):
            await writer
        await notes.detach(live, peer)
        if peer.closed is not None:
            code = CLOSE_FORBIDDEN if isinstance(peer.closed, Forbidden) else CLOSE_TRY_AGAIN
        with contextlib.suppress(Exception):
            await websocket.close(code)


async def _write(websocket: WebSocket, peer) -> None:  # type: ignore[no-untyped-def]
    async for item in peer.messages():
        await websocket.send_bytes(item.message)


async def _handle(live, peer, granted, user, data: bytes) -> None:  # type: ignore[no-untyped-def]
    kind = data[0]
    if kind == YMessageType.SYNC:
        step = data[1]
        payload = read_message(data[2:])
        if step == YSyncMessageType.SYNC_STEP1:
            stored.check_state_vector(payload)
            update, _ = await notes.sync(granted, payload)
            peer.send(Outgoing("sync", bytes([0, 1]) + write_var_uint(len(update)) + update))
        elif step in (YSyncMessageType.SYNC_STEP2, YSyncMessageType.SYNC_UPDATE):
            if payload == stored.EMPTY_UPDATE:
                return
            if not granted.can_write:
                peer.send(Outgoing("auth", _denied("You may read this note but not change it.")))
                return
            await notes.push(granted, payload, user, peer.connection)
    elif kind == YMessageType.AWARENESS:
        await notes.awareness(live, peer, read_message(data[1:]))
    elif kind == QUERY_AWARENESS:
        present = live.remote_awareness()
        if present:
            peer.send(Outgoing("awareness", create_awareness_message(present)))
