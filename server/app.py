"""The ASGI application: GraphQL over HTTP and WebSocket, health, metrics and the SPA."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import redis.asyncio as aioredis
from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry import relay
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL
from tortoise.connection import get_connection
from tortoise.exceptions import OperationalError

from models import announcements, workers
from models.accounts import AccessToken, Scope, resolve_token
from models.badges import run_recogniser
from models.errors import RajutError
from models.level_watch import watch as level_watch
from models.notes import Limits
from models.notifications import run_follow_ups
from models.sessions import feed_ics, session_ics, settle_calendar_identity
from realtime.access import desk
from realtime.access import watch as watch_access
from realtime.announcements import carry_out
from realtime.broker import configure as configure_broker
from realtime.multiplex import (
    Addressing,
    MultiplexingHandler,
    SubscriptionHub,
    TextWebSocketAdapter,
)
from realtime.notes import NoteSettings, notes
from realtime.rooms import relays
from realtime.webhook_queue import run_webhooks
from resolvers.context import Context
from resolvers.ids import check_node_id
from resolvers.loaders import Loaders
from resolvers.sharing import SHAREABLE
from schema.root import build_schema
from server import certificates, credentials
from server.bodylimit import BodyLimitMiddleware
from server.db import open_database
from server.graphiql import offline_graphiql_html
from server.imports import export_csv, export_json
from server.imports import upload as import_upload
from server.jsonbody import MalformedJson, decode_request
from server.knowledge_files import download as knowledge_download
from server.knowledge_files import upload as knowledge_upload
from server.mailer import SmtpSettings, run_sender
from server.metrics import MetricsMiddleware, metrics_endpoint
from server.notes_socket import note_socket
from server.ratelimit import Throttle
from server.reports import download_receipt, report_file, upload_receipt
from server.requestid import RequestIdMiddleware
from server.settings import Settings
from server.spa import AppFiles

STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "public"


class RajutGraphQL(GraphQL):
    """Strawberry's ASGI view with Rajut's context, WebSocket sign-in and shared
    subscriptions (realtime.multiplex)."""

    graphql_transport_ws_handler_class = MultiplexingHandler
    websocket_adapter_class = TextWebSocketAdapter  # type: ignore[assignment]

    def __init__(self, settings: Settings, throttle: Throttle) -> None:
        protocols = [GRAPHQL_TRANSPORT_WS_PROTOCOL]
        if settings.legacy_graphql_ws:  # its handler once had an auth bypass: opt-in only
            protocols.append(GRAPHQL_WS_PROTOCOL)
        super().__init__(
            build_schema(settings.max_query_depth, settings.max_query_tokens, settings.max_aliases),
            graphql_ide="graphiql",
            subscription_protocols=protocols,
            connection_init_wait_timeout=timedelta(seconds=10),
            max_subscriptions_per_connection=20,
        )
        self.settings = settings
        self.throttle = throttle
        self.subscriptions = SubscriptionHub(
            self.schema._schema, SHAREABLE, max_tokens=settings.max_query_tokens
        )

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        context = Context(
            request=request,
            response=response,
            settings=self.settings,
            throttle=self.throttle,
            request_id=request.scope.get("state", {}).get("request_id", "-"),
        )
        if isinstance(request, Request):
            await _sign_in(context, request.headers.get("authorization"))
        return context

    @property
    def graphql_ide_html(self) -> str:
        """GraphiQL with every script and style from this server (server/graphiql.py)."""
        return offline_graphiql_html()

    def decode_json(self, data: str | bytes) -> object:
        """Bodies, GET parameters and WebSocket messages: a bounded JSON object or nothing
        (server/jsonbody.py); a WebSocket closes with 4400 on anything else."""
        return decode_request(data)

    def parse_json(self, data: str | bytes) -> Any:
        try:
            return self.decode_json(data)
        except MalformedJson as exc:
            raise HTTPException(400, exc.reason) from None

    def shared_context(self, context: Context, addressing: Addressing | None = None) -> Context:
        """The context of an execution shared by several subscribers: the first one's
        identity (the scope function made every member interchangeable with it, or, with
        ``addressing``, the resolver names who may see each result), with loaders and ids of
        its own so it does not tie up that subscriber's connection."""
        return dataclasses.replace(
            context,
            loaders=Loaders(),
            request_id=f"shared-{secrets.token_hex(6)}",
            connection_id=secrets.token_hex(8),
            addressing=addressing,
        )

    async def process_result(self, request: Request, result: Any) -> GraphQLHTTPResponse:
        """Documents refused before execution (parse errors, the token limit) skip the schema
        extensions; give them a code here too, so every error a client sees has one."""
        response = await super().process_result(request, result)
        for error in response.get("errors") or []:
            error.setdefault("extensions", {}).setdefault("code", "GRAPHQL_VALIDATION_FAILED")
        return response

    async def on_ws_connect(self, context: Context) -> None:  # type: ignore[override]
        """One batched, cached token look-up (realtime.access); the connection keeps who
        it signed in as until it closes, or until that person's access is withdrawn."""
        params = context.connection_params or {}
        header = params.get("authorization") or params.get("Authorization")
        await _sign_in(context, header if isinstance(header, str) else None, desk.sign_in)
        if context.token_was_rejected:
            raise ConnectionRejectionError({"code": "UNAUTHENTICATED"})


async def _sign_in(
    context: Context,
    header: str | None,
    look_up: Callable[[str], Awaitable[AccessToken | None]] = resolve_token,
) -> None:
    if not header:
        return
    scheme, _, token = header.partition(" ")
    record = await look_up(token.strip()) if scheme.lower() == "bearer" else None
    context.token = record
    context.token_was_rejected = record is None


log = logging.getLogger("rajut.app")

ICS = "text/calendar; charset=utf-8"


def _session_key(text: str) -> int | None:
    """The session in ``/calendar/sessions/{id}.ics``: the global ID the API returns
    (``U2Vzc2lvbjox``) or, as links made before global IDs were accepted, the number."""
    if not text.isascii() or not text.isdigit():
        try:
            gid = relay.GlobalID.from_id(text)
        except (ValueError, TypeError, UnicodeError):
            return None
        if gid.type_name != "Session":
            return None
        text = gid.node_id
    try:
        return check_node_id(text)
    except ValueError:
        return None


async def session_calendar(request: Request) -> Response:
    """One session as .ics, for the signed-in participant (Authorization: Bearer …)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    record = await resolve_token(token.strip()) if scheme.lower() == "bearer" else None
    if record is None or not record.grants(Scope.READ):
        return JSONResponse({"code": "UNAUTHENTICATED"}, status_code=401)
    settings: Settings = request.app.state.settings
    key = _session_key(request.path_params["id"])
    if key is None:
        message = "No such session: use the session's ID as the API returns it."
        return JSONResponse({"code": "NOT_FOUND", "message": message}, status_code=404)
    try:
        body = await session_ics(record.user, key, settings.public_base_url)
    except RajutError as exc:
        return JSONResponse({"code": exc.code, "message": exc.message}, status_code=404)
    return Response(body, media_type=ICS)


async def calendar_feed(request: Request) -> Response:
    """A person's private feed; the secret in the URL is the credential."""
    settings: Settings = request.app.state.settings
    body = await feed_ics(request.path_params["token"], settings.public_base_url)
    if body is None:
        return Response(status_code=404)
    return Response(body, media_type=ICS, headers={"Cache-Control": "private, max-age=300"})


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    checks: dict[str, str] = {}
    try:
        await get_connection("default").execute_query("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any failure means not ready; say which
        checks["database"] = f"error: {type(exc).__name__}"
    redis_client: aioredis.Redis | None = request.app.state.redis
    if redis_client is not None:
        try:
            await redis_client.ping()
            checks["redis"] = "ok"
        except Exception as exc:
            checks["redis"] = f"error: {type(exc).__name__}"
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse({"ready": ready, **checks}, status_code=200 if ready else 503)


def note_settings(settings: Settings) -> NoteSettings:
    return NoteSettings(
        limits=Limits(settings.note_max_update_bytes, settings.note_max_document_bytes),
        idle_seconds=settings.note_idle_seconds,
        compact_delay=settings.note_compact_delay,
        compact_rows=settings.note_compact_rows,
        compact_bytes=settings.note_compact_bytes,
    )


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    throttle = Throttle(settings)
    graphql = RajutGraphQL(settings, throttle)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # first, so the workers warm up while the rest starts; start-up does not wait for them
        workers.start(settings.matching_workers, warm_up=settings.matching_warm_up)
        db = await open_database(settings.database_url)
        try:
            await settle_calendar_identity(settings.public_base_url)
        except OperationalError:  # not migrated yet: the first calendar request settles it
            log.warning("no installation table yet; run `rajut migrate`")
        app.state.redis = aioredis.from_url(settings.redis_url) if settings.redis_url else None
        live = configure_broker(settings.redis_url, settings.redis_channel_prefix)
        announcements.listen(carry_out)  # what the models announce goes live from here
        announcements.listen(level_watch.hear)  # completions and ratings move eligibility
        relays.configure(settings.stun_urls, settings.turn_urls, settings.turn_secret)
        relays.start()  # ready for signals other processes forward to this one's relay
        notes.configure(note_settings(settings))
        smtp = SmtpSettings.from_env() if settings.send_email else SmtpSettings(host=None)
        stop = asyncio.Event()
        # named "background:…" so request-scoped diagnostics can tell these loops apart
        loops = [
            asyncio.create_task(
                run_webhooks(
                    stop,
                    allow_private=settings.webhooks_allow_private,
                    interval=settings.webhook_interval,
                    retry_scale=settings.webhook_retry_scale,
                ),
                name="background:webhooks",
            ),
            asyncio.create_task(
                run_follow_ups(stop, interval=settings.followup_interval),
                name="background:follow-ups",
            ),
            asyncio.create_task(run_sender(smtp, stop), name="background:outbox"),
            asyncio.create_task(
                run_recogniser(stop, interval=settings.badge_interval), name="background:badges"
            ),
            # every process hears of revoked tokens and lowered roles (realtime.access)
            asyncio.create_task(watch_access(stop), name="background:access"),
            asyncio.create_task(
                level_watch.run(stop, interval=settings.followup_interval),
                name="background:levels",
            ),
        ]
        try:
            yield
        finally:
            stop.set()
            # a send stuck in SMTP is cancelled rather than holding up shutdown
            await asyncio.wait(loops, timeout=smtp.timeout + 5)
            for loop in loops:
                loop.cancel()
            await relays.close()
            await notes.close()  # compacts what is loaded and dirty
            await live.close()
            await workers.stop()
            if app.state.redis is not None:
                await app.state.redis.aclose()
            await db.close_connections()

    middleware = [
        Middleware(RequestIdMiddleware),
        Middleware(MetricsMiddleware),
        Middleware(
            BodyLimitMiddleware,
            max_bytes=settings.max_body_bytes,
            larger={
                "/knowledge/uploads": settings.upload_max_bytes,
                "/imports": settings.import_max_bytes,
                "/expenses/receipts": settings.upload_max_bytes,
            },
        ),
        # Pages, bundles and GraphQL answers compress 3-5x: what a slow link needs most.
        Middleware(GZipMiddleware, minimum_size=512, compresslevel=6),
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["authorization", "content-type", "x-request-id"],
            )
        )
    app = Starlette(
        debug=False,
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            WebSocketRoute("/notes/{room:path}", note_socket),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics_endpoint),
            Route("/calendar/sessions/{id:str}.ics", session_calendar),
            Route("/calendar/feed/{token:str}.ics", calendar_feed),
            Route("/knowledge/uploads", knowledge_upload, methods=["POST"]),
            Route("/knowledge/files/{id:str}", knowledge_download),
            Route("/certificates/verify/{code:str}.json", certificates.verify_json),
            Route("/certificates/verify/{code:str}", certificates.verify_page),
            Route("/certificates/{id:str}.pdf", certificates.pdf),
            Route("/.well-known/jwks.json", credentials.key_set),
            Route("/credentials/status/{organisation:int}/{list:int}", credentials.status_list),
            Route("/credentials/issuers/{organisation:int}", credentials.issuer),
            Route("/imports", import_upload, methods=["POST"]),
            Route("/exports/programmes/{id:str}.json", export_json),
            Route("/exports/programmes/{id:str}/{table:str}.csv", export_csv),
            Route("/expenses/receipts", upload_receipt, methods=["POST"]),
            Route("/expenses/receipts/{id:str}", download_receipt),
            Route("/reports/{programme:str}/{document:str}", report_file),
            Mount("/", AppFiles(directory=STATIC_DIR, html=True), name="spa"),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.settings = settings
    return app


def app_from_env() -> Starlette:
    """Factory for `uvicorn --factory server.app:app_from_env`."""
    return create_app(Settings.from_env())
