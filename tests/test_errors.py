"""Errors: every one carries a code, hostile documents are refused, internals never leak."""

from __future__ import annotations

import logging

import pytest
import strawberry

from schema.errors import CodedErrors
from tests.support import Api, code_of


async def test_depth_limit(api: Api) -> None:
    person = await api.register()
    deep = (
        "{ me { user { profile { user { profile { user { profile { user { profile { user {"
        " profile { user { profile { user { id } } } } } } } } } } } } } } }"
    )
    error = (await api.post(deep, token=person.token))["errors"][0]
    assert code_of(error) == "GRAPHQL_VALIDATION_FAILED"
    assert "exceeds maximum operation depth" in error["message"]


async def test_alias_limit(api: Api) -> None:
    many = "{ " + " ".join(f"a{i}: me {{ email }}" for i in range(40)) + " }"
    error = (await api.post(many))["errors"][0]
    assert code_of(error) == "GRAPHQL_VALIDATION_FAILED"
    assert "aliases" in error["message"]


async def test_token_limit(api: Api) -> None:
    huge = "{ " + " ".join("me { email }" for _ in range(2000)) + " }"
    error = (await api.post(huge))["errors"][0]
    assert code_of(error) == "GRAPHQL_VALIDATION_FAILED"


async def test_malformed_documents_and_variables(api: Api) -> None:
    assert code_of((await api.post("{ me { "))["errors"][0]) == "GRAPHQL_VALIDATION_FAILED"
    assert code_of((await api.post("{ noSuchField }"))["errors"][0]) == (
        "GRAPHQL_VALIDATION_FAILED"
    )
    wrong_type = await api.post("query($n: Int!) { programme(id: $n) { id } }", {"n": "x"})
    assert code_of(wrong_type["errors"][0]) == "BAD_USER_INPUT"
    person = await api.register()
    bad_id = await api.error('{ programme(id: "bm90LWEtaWQ=") { id } }', token=person.token)
    assert code_of(bad_id) == "BAD_USER_INPUT"
    wrong_kind = await api.error(
        "query($id: ID!) { programme(id: $id) { id } }", {"id": person.id}, person.token
    )
    assert (code_of(wrong_kind), wrong_kind["extensions"]["field"]) == ("BAD_USER_INPUT", "id")


def test_unexpected_errors_are_masked_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    @strawberry.type
    class Query:
        @strawberry.field
        def broken(self) -> str:
            raise RuntimeError("database password is hunter2")

    schema = strawberry.Schema(query=Query, extensions=[CodedErrors])

    class Context:
        request_id = "req-123"

    with caplog.at_level(logging.ERROR, logger="rajut.errors"):
        result = schema.execute_sync("{ broken }", context_value=Context())
    assert result.errors is not None
    error = result.errors[0].formatted
    assert error["message"] == "Unexpected error."
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-123"}
    assert "hunter2" not in str(error)
    assert "req-123" in caplog.text and "hunter2" in caplog.text


def test_logs_never_echo_unbounded_input(caplog: pytest.LogCaptureFixture) -> None:
    """A crash on a huge value logs the traceback, with the value cut short."""

    @strawberry.type
    class Query:
        @strawberry.field
        def broken(self, value: str) -> str:
            try:
                int(value)
            except ValueError as exc:
                raise RuntimeError(f"could not store {value}") from exc
            return value

    from schema.root import RajutSchema  # it leaves logging to CodedErrors

    schema = RajutSchema(query=Query, extensions=[CodedErrors])
    huge = "x" * 1_000_000
    with caplog.at_level(logging.ERROR):
        result = schema.execute_sync(
            "query($v: String!) { broken(value: $v) }", variable_values={"v": huge}
        )
    assert result.errors is not None
    assert "could not store xxx" in caplog.text and "invalid literal" in caplog.text
    assert "test_errors.py" in caplog.text  # the frames are there
    assert len(caplog.text) < 30_000


async def test_node_answers_null_for_missing_or_hidden_objects(api: Api) -> None:
    import base64

    person = await api.register()
    for type_name in (
        "Programme",
        "Goal",
        "Session",
        "MatchRun",
        "Relationship",
        "Enrolment",
        "MentorRequest",
        "User",
        "ApiToken",
        "Organisation",
    ):
        gid = base64.b64encode(f"{type_name}:987654".encode()).decode()
        found = await api.ok("query($id: ID!) { node(id: $id) { id } }", {"id": gid}, person.token)
        assert found["node"] is None, type_name
