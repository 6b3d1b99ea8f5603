"""Global IDs in, database IDs out."""

from __future__ import annotations

from strawberry import relay

from models.errors import BadInput


def db_id(gid: relay.GlobalID, type_name: str, field: str = "id") -> int:
    if gid.type_name != type_name:
        raise BadInput(f"Expected the ID of a {type_name}.", field=field)
    try:
        return int(gid.node_id)
    except ValueError:
        raise BadInput(f"That is not a valid {type_name} ID.", field=field) from None
