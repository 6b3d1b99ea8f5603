"""Which subscriptions may share one execution, and with whom (see realtime.multiplex).

A scope function looks at one subscriber at subscribe time and answers with a key that names
everyone who would receive exactly the same results, or None when it cannot promise that. On
None (or a domain error) the subscriber gets an execution of its own, so the resolver makes its
usual checks and reports its usual errors. A subscriber that gets a key joins the execution
started by the first subscriber with that key, and never passes through the resolver itself:
a scope function must therefore authorise at least as strictly as the resolver does.

Only streams whose results depend on the operation, its variables and the scope, not on when
you subscribe, belong here: a late joiner is first replayed what the shared execution has sent.
Streams that register presence, address one connection or filter per person (conversations,
rooms, notifications, match events) are not listed and keep one execution per subscriber.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from strawberry import relay

from models.accounts import Scope
from models.errors import TooSlow
from models.programmes import visible_programme
from realtime.multiplex import Shareable
from resolvers import relationships
from resolvers.context import Context
from resolvers.ids import db_id


async def progress_scope(context: Context, args: dict[str, Any]) -> Hashable | None:
    """Coordinators, and their tokens with the progress:read scope, see every event of the
    programme (``progress_filter`` lets everything through for them), and an event's fields
    are read from the event alone: they all receive the same results. Participants see only
    their own relationships' events and keep their own execution. Keep this in step with
    ``resolvers.relationships.progress_updates``."""
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
    programme, access = await visible_programme(token.user, programme_id)
    if not access.coordinates:
        return None
    return ("progress", programme.id, "coordinators")


SHAREABLE: dict[str, Shareable] = {
    # what progress_updates raises (through cut_off_when_too_slow) when its queue overflows
    "progressUpdates": Shareable(progress_scope, lambda: TooSlow(relationships.TOO_SLOW)),
}
