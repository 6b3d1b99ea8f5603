"""The schema as tools see it: the standard introspection query, a schema-fetching client,
the committed SDL, and GraphiQL served without any other host."""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urljoin, urlsplit

import httpx
from gql import Client, gql
from gql.transport.httpx import HTTPXAsyncTransport
from graphql import build_client_schema, get_introspection_query, is_non_null_type

from schema.sdl import REGENERATE, SDL_PATH, sdl
from tests.support import Api


async def test_the_standard_introspection_query_answers_in_full(api: Api) -> None:
    """What GraphiQL, Apollo, code generators and gql send, with every option on."""
    query = get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
    )
    body = await api.post(query)
    assert not body.get("errors"), body.get("errors")
    schema = build_client_schema(body["data"])
    programme_input = schema.get_type("ProgrammeInput")
    required = {
        name for name, field in programme_input.fields.items() if is_non_null_type(field.type)
    }
    assert {"organisationId", "slug", "name", "startsOn", "endsOn"} <= required


async def test_a_schema_fetching_client_starts_and_validates_locally(server: str) -> None:
    transport = HTTPXAsyncTransport(url=server + "/graphql")
    async with Client(transport=transport, fetch_schema_from_transport=True) as session:
        assert session.client.schema is not None
        assert session.client.schema.get_type("ProgrammeInput") is not None
        result = await session.execute(gql("{ me { email } }"))
    assert result == {"me": None}


def test_the_committed_sdl_is_current() -> None:
    current = sdl()
    committed = SDL_PATH.read_text(encoding="utf-8") if SDL_PATH.exists() else ""
    assert committed == current, (
        f"{SDL_PATH.name} is stale: the API changed. Regenerate it with {REGENERATE} "
        "and commit the result."
    )


_REFERENCE = re.compile(r"""\b(src|href)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_INTEGRITY = re.compile(r"""(?:src|href)="([^"]+)"\s+integrity="sha384-([^"]+)\"""", re.IGNORECASE)


async def test_every_page_loads_only_from_this_server(server: str) -> None:
    """GraphiQL and the SPA ask no other host for anything, and every asset is served."""
    host = urlsplit(server).netloc
    async with httpx.AsyncClient(base_url=server, timeout=30) as http:
        for page in ("/graphql", "/"):
            response = await http.get(page, headers={"Accept": "text/html"})
            assert response.status_code == 200
            assert "text/html" in response.headers["content-type"]
            references = [url for _, url in _REFERENCE.findall(response.text)]
            assert references or page == "/", f"{page} references nothing?"
            for url in references:
                if url.startswith("data:"):
                    continue
                absolute = urljoin(server + page, url)
                assert urlsplit(absolute).netloc == host, f"{page} loads {url} from elsewhere"
                asset = await http.get(absolute)
                assert asset.status_code == 200, f"{page}: {url} is not served"
            # the vendored files are byte for byte the published ones
            for url, digest in _INTEGRITY.findall(response.text):
                asset = await http.get(urljoin(server + page, url))
                actual = base64.b64encode(hashlib.sha384(asset.content).digest()).decode()
                assert actual == digest, f"{url} differs from its published integrity hash"
        graphiql = (await http.get("/graphql", headers={"Accept": "text/html"})).text
        assert "unpkg.com" not in graphiql
        assert "/vendor/graphiql/graphiql@" in graphiql
