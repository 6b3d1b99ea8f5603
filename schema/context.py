"""The type resolvers in schema/ see as ``info``: strawberry's Info over our Context."""

from __future__ import annotations

import strawberry

from resolvers.context import Context

Info = strawberry.Info[Context, None]
