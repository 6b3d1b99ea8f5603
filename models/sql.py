"""Small helpers for the few queries written in SQL rather than through the ORM.

Searches that rank, filter on derived columns or use a full-text index are written by
hand, once for both databases: these keep the dialect differences in one place.
"""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient


def dialect_of(conn: BaseDBAsyncClient) -> str:
    """``sqlite`` or ``postgres``."""
    return conn.capabilities.dialect


class Params:
    """Numbered placeholders in the dialect's spelling (``?3`` or ``$3``), numbered as they
    are added: a statement may use one twice, and in any order."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.values: list[object] = []

    def __call__(self, value: object) -> str:
        self.values.append(value)
        return f"{'?' if self.dialect == 'sqlite' else '$'}{len(self.values)}"
