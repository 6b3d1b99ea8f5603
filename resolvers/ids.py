"""Global IDs in, database IDs out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from strawberry import relay

from models.errors import BadInput, Forbidden, NotFound


def db_id(gid: relay.GlobalID, type_name: str, field: str = "id") -> int:
    if gid.type_name != type_name:
        raise BadInput(f"Expected the ID of a {type_name}.", field=field)
    try:
        return int(gid.node_id)
    except ValueError:
        raise BadInput(f"That is not a valid {type_name} ID.", field=field) from None


T = TypeVar("T")


async def visible_nodes(ids: list[int], fetch: Callable[[int], Awaitable[T]]) -> list[T | None]:
    """`node(id:)` answers null, never an error, for what the viewer may not see."""
    found: list[T | None] = []
    for key in ids:
        try:
            found.append(await fetch(key))
        except (NotFound, Forbidden):
            found.append(None)
    return found
