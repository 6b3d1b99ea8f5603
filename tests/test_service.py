"""The service's outer surface: health, readiness, metrics, GraphiQL and the SPA."""

from __future__ import annotations

import httpx


async def test_health_and_readiness(server: str) -> None:
    async with httpx.AsyncClient(base_url=server) as http:
        assert (await http.get("/healthz")).json() == {"status": "ok"}
        ready = await http.get("/readyz")
        assert ready.status_code == 200
        assert ready.json() == {"ready": True, "database": "ok"}


async def test_metrics_count_requests(server: str) -> None:
    async with httpx.AsyncClient(base_url=server) as http:
        await http.get("/healthz")
        text = (await http.get("/metrics")).text
    assert 'rajut_http_requests_total{method="GET",path="/healthz",status="200"}' in text
    assert "rajut_http_request_seconds_bucket" in text


async def test_graphiql_and_spa_are_served(server: str) -> None:
    async with httpx.AsyncClient(base_url=server) as http:
        ide = await http.get("/graphql", headers={"Accept": "text/html"})
        assert ide.status_code == 200 and "graphiql" in ide.text.lower()
        spa = await http.get("/")
        assert spa.status_code == 200 and "Rajut" in spa.text


async def test_every_response_carries_a_request_id(server: str) -> None:
    async with httpx.AsyncClient(base_url=server) as http:
        mine = await http.get("/healthz", headers={"X-Request-ID": "client-chosen-id-1"})
        fresh = await http.get("/healthz")
    assert mine.headers["X-Request-ID"] == "client-chosen-id-1"
    assert len(fresh.headers["X-Request-ID"]) == 32
