"""Global IDs in, database IDs out."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import TypeVar

from strawberry import relay

from models.errors import BadInput, Forbidden, NotFound

MAX_DB_ID = 2**31 - 1  # primary keys are PostgreSQL integers
_DECIMAL = re.compile(r"[1-9][0-9]{0,9}")


def check_node_id(node_id: str) -> int:
    """The database id in a global ID's tail: digits only (``int`` would take " 1", "+1"
    and "1_0"), positive, and within a primary key's range. ValueError otherwise."""
    if not _DECIMAL.fullmatch(node_id) or int(node_id) > MAX_DB_ID:
        raise ValueError(f"not a database id: {node_id[:40]!r}")
    return int(node_id)


def db_id(gid: relay.GlobalID, type_name: str, field: str = "id") -> int:
    if gid.type_name != type_name:
        raise BadInput(f"Expected the ID of a {type_name}.", field=field)
    try:
        return check_node_id(gid.node_id)
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
