"""Which subscriptions may share one execution, and with whom (see realtime.multiplex).

A scope function looks at one subscriber at subscribe time and answers with a key that names
everyone who would receive exactly the same results, or None when it cannot promise that. On
None (or a domain error) the subscriber gets an execution of its own, so the resolver makes its
usual checks and reports its usual errors. A subscriber that gets a key joins the execution
started by the first subscriber with that key, and never passes through the resolver itself:
a scope function must therefore authorise at least as strictly as the resolver does.

A scope function may also answer ``PerViewer(key, viewer)``: the results are the same for
everyone with that key, but not everyone may see each one. The shared execution's resolver
then filters for nobody and names who may see each result (``context.addressing``); every
subscriber gets exactly those that name it, checked in memory, from the same encoded bytes.

Cursor streams (progress) replay to a late joiner what the shared execution has sent, so
they belong here only if their results do not depend on when you subscribe. Live-only
streams (``replay=False``: notifications, match events) start a newcomer with the live tail.
Streams that register presence or address one connection (rooms, notes), and those with
fields that depend on the viewer (a conversation message's ``mine``), are not listed and
keep one execution per subscriber.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from strawberry import relay

from models.accounts import Scope
from models.errors import TooSlow
from models.programmes import Programme, ProgrammeAccess, visible_programmes
from realtime.batching import Coalescer
from realtime.broker import TOO_SLOW
from realtime.multiplex import PerViewer, Shareable
from resolvers import notifications, relationships
from resolvers.context import Context
from resolvers.ids import db_id


async def _visible(pair: tuple[int, int]) -> tuple[Programme, ProgrammeAccess] | None:
    """A programme and what one person is to it, batched with everyone else subscribing
    at the same time (a reconnect storm costs a few queries per batch, not per person)."""
    return await _visibility.get(pair)


_visibility: Coalescer[tuple[int, int], tuple[Programme, ProgrammeAccess] | None] = Coalescer(
    visible_programmes, None
)


async def progress_scope(context: Context, args: dict[str, Any]) -> Hashable | None:
    """Everyone following a programme's progress receives the same events, read from the
    event alone; only who may see which differs. Coordinators, and their tokens with the
    progress:read scope, see every event (``progress_filter`` lets everything through for
    them): they share one plain execution. Participants see their own relationships'
    events: they share one per-viewer execution whose resolver names each event's
    participants (``ProgressAudience``, the same rule ``progress_filter`` applies to one
    person). Keep this in step with ``resolvers.relationships.progress_updates``."""
    token = context.token
    if token is None or not token.grants(Scope.PROGRESS_READ):
        return None
    raw = args.get("programmeId")
    if not isinstance(raw, str):
        return None
    try:
        programme_id = db_id(relay.GlobalID.from_id(raw), "Programme", "programmeId")
    except ValueError:  # not a global ID at all; the resolver says so in its own words
        return None
    visible = await _visible((programme_id, token.user_id))
    if visible is None:  # no such programme for them: the resolver says NOT_FOUND
        return None
    programme, access = visible
    if access.coordinates:
        return ("progress", programme.id, "coordinators")
    if access.participates:
        return PerViewer(("progress", programme.id, "participants"), token.user_id)
    return None  # the resolver refuses them


async def own_scope(context: Context, args: dict[str, Any]) -> Hashable | None:
    """Streams of one person's own events (notifications, match events): all of that
    person's subscriptions receive the same, so their phone, laptop and dashboard share
    one execution."""
    token = context.token
    if token is None or not token.grants(Scope.READ):
        return None
    return ("own", token.user_id)


SHAREABLE: dict[str, Shareable] = {
    # what progress_updates raises (through cut_off_when_too_slow) when its queue overflows
    "progressUpdates": Shareable(progress_scope, lambda: TooSlow(relationships.TOO_SLOW)),
    # live-only: a newcomer starts with the live tail, as its own execution would
    "notifications": Shareable(own_scope, lambda: TooSlow(notifications.TOO_SLOW), replay=False),
    "matchEvents": Shareable(own_scope, lambda: TooSlow(TOO_SLOW), replay=False),
}
