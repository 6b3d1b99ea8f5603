"""Field-level gates: who must be signed in, with which token scope.

Object-level rules (is this your profile, do you coordinate this programme) live with the
models; these classes only make sure there is a person and their token may do this kind of
thing at all.
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from models.accounts import Scope
from schema.context import Info


class _ScopePermission(BasePermission):
    scope: Scope

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        info.context.require(self.scope)  # raises a coded error when refused
        return True


class CanRead(_ScopePermission):
    scope = Scope.READ


class CanWrite(_ScopePermission):
    scope = Scope.WRITE
