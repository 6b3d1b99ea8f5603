"""This installation's identity: one stored value that outlives every setting.

Calendar clients de-duplicate events by their iCalendar UID, so a UID must never change
while the event is the same. It once embedded the host of PUBLIC_BASE_URL, and moving the
app to a new address duplicated every event in subscribed calendars. A hash of SECRET_KEY
would fail the same way on a key rotation, and a per-process value differs between
processes. The database is what the sessions belong to, so the id lives there: made once,
on first use, and read ever after.
"""

from __future__ import annotations

import secrets

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model

ROW = 1  # there is exactly one installation row


class Installation(Model):
    id = fields.IntField(primary_key=True)
    install_id = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "installation"


async def stored_install_id() -> str | None:
    row = await Installation.get_or_none(id=ROW)
    return None if row is None else row.install_id


async def settle_install_id(legacy: str | None) -> str:
    """Store the install id once: ``legacy`` if given (an upgraded database keeps what its
    UIDs carried until now), else a random one. Of concurrent first callers (two
    processes), the one stored first counts for all."""
    value = legacy or "rajut-" + secrets.token_hex(8)
    try:
        row = await Installation.create(id=ROW, install_id=value)
    except IntegrityError:
        row = await Installation.get(id=ROW)
    return row.install_id
