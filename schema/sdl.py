"""The API as SDL: `schema.graphql` at the repository root is printed from the live schema,
so every change to the API's shape shows up in review (tests/test_introspection.py fails
while the file is stale)."""

from __future__ import annotations

from pathlib import Path

from strawberry.printer import print_schema

from schema.root import build_schema
from server.settings import Settings

SDL_PATH = Path(__file__).resolve().parent.parent / "schema.graphql"
REGENERATE = "make schema (or: rajut schema --output schema.graphql)"


def sdl() -> str:
    """The schema's SDL; the query limits do not change its shape, the defaults do."""
    defaults = Settings(secret_key="unused")
    schema = build_schema(defaults.max_query_depth, defaults.max_query_tokens, defaults.max_aliases)
    return print_schema(schema) + "\n"
