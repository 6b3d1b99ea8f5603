"""Request JSON, bounded before any GraphQL work: UTF-8, an object, not too deep, not too many
values. Used for HTTP bodies, GET parameters and WebSocket messages alike (the view's
``decode_json``); the body's size is bounded earlier, while it streams in
(server/bodylimit.py)."""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 32  # objects and arrays inside each other; real variables need a handful
MAX_VALUES = 10_000  # every value counted once; a full profile update needs a few hundred


class MalformedJson(json.JSONDecodeError):
    """A JSONDecodeError, so Strawberry's WebSocket handler closes with 4400 on it; the
    HTTP view turns ``reason`` into a 400."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, "", 0)
        self.reason = reason


def _no_constants(name: str) -> Any:
    raise MalformedJson(f"{name} is not JSON.")


def decode_request(data: str | bytes) -> dict[str, Any]:
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedJson("The request is not valid UTF-8.") from None
    else:
        text = data
    try:
        value = json.loads(text, parse_constant=_no_constants)
    except MalformedJson:
        raise
    except RecursionError:
        raise MalformedJson("The request's JSON is nested too deeply.") from None
    except ValueError:
        raise MalformedJson("The request is not valid JSON.") from None
    if not isinstance(value, dict):
        raise MalformedJson("The request must be a JSON object.")
    check_shape(value)
    return value


def check_shape(value: Any) -> None:
    """Depth and size, without recursion (the value came from a client)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    count = 0
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise MalformedJson(f"The request holds more than {MAX_VALUES} values.")
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth >= MAX_DEPTH and children:
            raise MalformedJson(f"The request's JSON is nested deeper than {MAX_DEPTH}.")
        stack.extend((child, depth + 1) for child in children)
