"""One gate for every argument of every operation, before any resolver runs.

Resolvers and models check what their domain needs (a session lasts 15 minutes to 8 hours);
this extension checks what no value may ever be, whatever field it reaches: strings with
lone surrogates (they cannot be encoded), NUL or other control characters (PostgreSQL
refuses NUL, SQLite stores it), strings longer than the global cap or than the column they
are stored in, global IDs whose tail is not a database id, numbers and dates outside any
sane range, and times without a zone. It walks the coerced arguments of every field in the
operation, nested inputs and lists included, for queries, mutations and subscriptions alike,
after validation and before execution; a violation refuses the whole operation with
``BAD_USER_INPUT`` and ``extensions.field`` naming the argument or input field at fault.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_operation_ast,
    validate,
    visit,
)
from graphql.execution.values import get_argument_values, get_variable_values
from strawberry import UNSET, relay
from strawberry.extensions import SchemaExtension
from strawberry.types.base import has_object_definition

from resolvers.ids import MAX_DB_ID, check_node_id

MAX_STRING_CHARS = 20_000  # the longest text a domain accepts (programme guidelines)
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
FLOAT_LIMIT = 1e6
DECIMAL_LIMIT = Decimal(10) ** 15  # money in major units; domains bound it further

# Strings stored in a column of bounded width, by input field or argument name; a
# "Type.field" key wins over the bare name. Longer values are refused before they reach
# the database's own length check.
STRING_LIMITS: dict[str, int] = {
    "email": 254,
    "contactEmail": 254,
    "slug": 60,
    "organisation": 60,  # an organisation's slug
    "displayName": 120,
    "name": 120,
    "nameEn": 120,
    "nameId": 120,
    "ApiTokenInput.name": 100,
    "locale": 8,
    "timezone": 64,
    "contactPhone": 32,
    "skill": 80,
    "title": 200,
    "url": 500,
    "externalUrl": 500,
    "password": 1024,
    "newPassword": 1024,
    "currentPassword": 1024,
    "token": 512,
}

# Every Int argument has a bound here or in its domain; these keep the rest (and the
# domains' arithmetic) far from overflow. By name, or by suffix ("…Days").
INT_LIMITS: dict[str, tuple[int, int]] = {
    "first": (0, 1000),
    "last": (0, 1000),
    "after": (0, MAX_DB_ID),
    "minutes": (1, 24 * 60),
    "birthYear": (EARLIEST_YEAR, LATEST_YEAR),
    "weekday": (0, 7),
}
INT_SUFFIX_LIMITS: dict[str, tuple[int, int]] = {
    "Days": (0, 3650),  # ten years
    "Minutes": (0, 7 * 24 * 60),
}
DEFAULT_INT_LIMITS = (-1_000_000, 1_000_000)

_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


class BadArgument(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def string_limit(owner: str | None, name: str, cap: int) -> int:
    limit = STRING_LIMITS.get(f"{owner}.{name}") or STRING_LIMITS.get(name) or cap
    return min(limit, cap)


def int_limits(name: str) -> tuple[int, int]:
    if name in INT_LIMITS:
        return INT_LIMITS[name]
    for suffix, limits in INT_SUFFIX_LIMITS.items():
        if name.endswith(suffix):
            return limits
    return DEFAULT_INT_LIMITS


def check_string(value: str, owner: str | None, name: str, cap: int) -> None:
    bad = _FORBIDDEN_CHARS.search(value)
    if bad is not None:
        char = bad.group()
        what = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
        raise BadArgument(name, f"{name} contains {what} (U+{ord(char):04X}).")
    limit = string_limit(owner, name, cap)
    if len(value) > limit:
        raise BadArgument(name, f"{name} is longer than {limit} characters.")


def check_value(value: Any, owner: str | None, name: str, cap: int) -> None:
    """Scalars by what they were coerced to: the schema's types decide, not the names."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, str):
        check_string(value, owner, name, cap)
    elif isinstance(value, int):
        low, high = int_limits(name)
        if not low <= value <= high:
            raise BadArgument(name, f"{name} must be between {low} and {high}.")
    elif isinstance(value, float):
        if not math.isfinite(value) or abs(value) > FLOAT_LIMIT:
            raise BadArgument(name, f"{name} is out of range.")
    elif isinstance(value, Decimal):
        if not value.is_finite() or abs(value) > DECIMAL_LIMIT:
            raise BadArgument(name, f"{name} is out of range.")
    elif isinstance(value, datetime):
        check_datetime(value, name)
    elif isinstance(value, date) and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise BadArgument(name, f"{name} must lie between {EARLIEST_YEAR} and {LATEST_YEAR}.")


def check_datetime(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise BadArgument(name, f"{name} needs a time zone offset, such as +07:00 or Z.")
    # the local year first: far outside the range, converting to UTC could overflow
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR or not (
        EARLIEST_YEAR <= (value - value.utcoffset()).year <= LATEST_YEAR  # type: ignore[operator]
    ):
        raise BadArgument(name, f"{name} must lie between {EARLIEST_YEAR} and {LATEST_YEAR}.")


def walk(value: Any, type_: Any, owner: str | None, name: str, cap: int) -> None:
    """A coerced argument value against its GraphQL type, nested inputs and lists included."""
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    if value is None:
        return
    if isinstance(type_, GraphQLList):
        items = value if isinstance(value, list) else [value]
        for item in items:
            walk(item, type_.of_type, owner, name, cap)
    elif isinstance(type_, GraphQLInputObjectType):
        for field_name, field in type_.fields.items():
            key = field.out_name or field_name
            if isinstance(value, dict) and key in value:
                walk(value[key], field.type, type_.name, field_name, cap)
    elif getattr(type_, "name", None) == "ID" and isinstance(value, str):
        check_string(value, owner, name, cap)
        check_global_id(value, name)
    else:
        check_value(value, owner, name, cap)


def check_global_id(value: str, name: str) -> None:
    """IDs reach resolvers as strings that Strawberry decodes later; what decodes to a
    type and a tail must have a database id for its tail. What does not decode at all is
    refused by Strawberry itself, in its own words."""
    try:
        decoded = relay.GlobalID.from_id(value)
    except ValueError:
        return
    try:
        check_node_id(decoded.node_id)
    except ValueError:
        raise BadArgument(name, f"{name} is not a valid ID.") from None


def field_arguments(schema: Any, document: Any, variables: dict[str, Any]) -> Iterator[tuple]:
    """(field node, argument definitions, coerced values) for every field in the document."""
    type_info = TypeInfo(schema)
    found: list[tuple] = []

    class Collect(Visitor):
        def enter_field(self, node: FieldNode, *_: Any) -> None:
            definition = type_info.get_field_def()
            if definition is not None and node.arguments:
                found.append((node, definition))

    visit(document, TypeInfoVisitor(type_info, Collect()))
    for node, definition in found:
        yield node, definition.args, get_argument_values(definition, node, variables)


def refusal(schema: Any, document: Any, operation_name: str | None, raw: Any, cap: int):
    """The first argument no field may receive, as a coded error; None when all are fine."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return None
    coerced = get_variable_values(schema, operation.variable_definitions or [], raw or {})
    if isinstance(coerced, list):  # bad variables: execution reports them
        return None
    try:
        for node, definitions, values in field_arguments(schema, document, coerced):
            for arg_name, value in values.items():
                definition = definitions.get(arg_name)
                if definition is not None:
                    walk(value, definition.type, node.name.value, arg_name, cap)
    except BadArgument as bad:
        return GraphQLError(
            bad.message,
            nodes=[node],
            extensions={"code": "BAD_USER_INPUT", "field": bad.field},
        )
    except GraphQLError:  # a value the executor will refuse in its own words
        return None
    return None


class InputChecks(SchemaExtension):
    """Refuse the operation, after validation and before execution, when any argument
    carries a value no field may receive.

    List it after ``ValidationCache``: Strawberry decides whether to execute inside the
    validation step, so this check runs when that extension has put the (cached) validation
    result in place, and adds its refusal to it.
    """

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            if context.pre_execution_errors is None:
                context.pre_execution_errors = validate(
                    context.schema._schema,
                    context.graphql_document,
                    context.validation_rules,
                )
            if not context.pre_execution_errors:
                settings = getattr(context.context, "settings", None)
                error = refusal(
                    context.schema._schema,
                    context.graphql_document,
                    context.operation_name,
                    context.variables,
                    getattr(settings, "max_string_chars", MAX_STRING_CHARS),
                )
                if error is not None:
                    context.pre_execution_errors = [error]
        yield


def plain(value: Any) -> Any:
    """An input value as plain Python: input objects become dicts of their fields."""
    if isinstance(value, list):
        return [plain(item) for item in value]
    if has_object_definition(value):
        return {key: plain(item) for key, item in vars(value).items()}
    return value


def given_fields(input: object) -> dict[str, Any]:
    """The fields a client sent in an input object (UNSET left out), as plain Python, for
    resolvers that take a partial update as a mapping."""
    return {key: plain(item) for key, item in vars(input).items() if item is not UNSET}
