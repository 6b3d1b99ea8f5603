"""Prometheus metrics (prometheus-client), defined once per process."""

from __future__ import annotations

import time
from collections.abc import Iterator

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HTTP_REQUESTS = Counter(
    "rajut_http_requests_total", "HTTP requests served.", ["method", "path", "status"]
)
HTTP_SECONDS = Histogram(
    "rajut_http_request_seconds", "Time to answer an HTTP request.", ["method", "path"]
)
WEBSOCKETS = Gauge("rajut_websocket_connections", "Open WebSocket connections.")


class RelayCollector:
    """The media relay's figures at scrape time; a rising dropped-frames count means the
    process is past what it can relay."""

    def collect(self) -> Iterator[Metric]:
        from realtime.rooms import relays

        stats = relays.stats()
        for name in ("rooms", "peers", "upstream_tracks", "forwarded_tracks"):
            yield GaugeMetricFamily(f"rajut_relay_{name}", f"Media relay {name} now.", stats[name])
        for name in ("frames_received", "frames_forwarded", "frames_dropped"):
            yield CounterMetricFamily(
                f"rajut_relay_{name}", f"Media relay {name} since start.", stats[name]
            )


REGISTRY.register(RelayCollector())

# nginx's "client closed request": the client went away before the answer, not a server fault
CLIENT_CLOSED = 499

# Label by route, never by raw path, so scanners cannot explode the label set.
_KNOWN_PATHS = {"/graphql", "/healthz", "/readyz", "/metrics", "/"}


class MetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            WEBSOCKETS.inc()
            try:
                await self.app(scope, receive, send)
            finally:
                WEBSOCKETS.dec()
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"] if scope["path"] in _KNOWN_PATHS else "other"
        status = 500
        started = time.perf_counter()

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        except ClientDisconnect:
            # nobody is left to answer: no 500, no traceback at ERROR
            status = CLIENT_CLOSED
        finally:
            HTTP_SECONDS.labels(scope["method"], path).observe(time.perf_counter() - started)
            HTTP_REQUESTS.labels(scope["method"], path, str(status)).inc()


async def metrics_endpoint(request: Request) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
