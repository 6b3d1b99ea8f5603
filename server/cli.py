"""`rajut`: serve, migrate, seed the demo programme."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys

from server.settings import Settings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def _prepare(settings: Settings) -> None:
    path = settings.sqlite_path()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)


def _serve(args: argparse.Namespace, settings: Settings) -> None:
    import gc

    import uvicorn

    import server.app  # noqa: F401  (imported before the freeze below)
    from server.requestid import RequestIdFilter

    # Thousands of WebSocket connections hold a few hundred container objects each, and
    # every live event allocates more. With the default thresholds the collector ran a full
    # pass over all of them every few hundred milliseconds during a fan-out (0.5-1 s each at
    # 3,000 subscribers). Fewer, larger young collections let short-lived objects die first,
    # and what the imports created (NumPy, SciPy, the schema) is never scanned again.
    gc.set_threshold(50_000, 50, 50)
    gc.freeze()

    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    uvicorn.run(
        "server.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        # a phone that vanished without closing leaves its rooms within ~20 s
        ws_ping_interval=10,
        ws_ping_timeout=10,
        # compression keeps a zlib context per connection (tens of KB each, for thousands of
        # subscribers) and costs CPU per message for payloads of a few hundred bytes
        ws_per_message_deflate=False,
        ws_max_size=settings.max_body_bytes,  # a WebSocket message is bounded like a body
        log_config=None,
    )


def _migrate(args: argparse.Namespace, settings: Settings) -> None:
    from server.db import migrate, settle_install_id

    asyncio.run(migrate(settings.database_url))
    # right after the migration that adds it, before anything else writes sessions: a fresh
    # database gets a random install id, an upgraded one keeps its calendar UIDs
    asyncio.run(settle_install_id(settings.database_url, settings.public_base_url))


def _seed_demo(args: argparse.Namespace, settings: Settings) -> None:
    from server.demo import seed_demo

    asyncio.run(seed_demo(settings.database_url, only_if_empty=args.if_empty))


def _match(args: argparse.Namespace, settings: Settings) -> None:
    from server.matchcli import match_programme

    asyncio.run(match_programme(settings.database_url, args))


def _import(args: argparse.Namespace, settings: Settings) -> None:
    from server.importcli import import_file

    import_file(settings, args)


def _schema(args: argparse.Namespace) -> None:
    from schema.sdl import sdl

    text = sdl()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="rajut", description="Rajut mentorship platform.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the API, GraphiQL and the SPA")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(run=_serve)
    commands.add_parser("migrate", help="apply pending database migrations").set_defaults(
        run=_migrate
    )
    seed = commands.add_parser("seed-demo", help="create a demo organisation and programme")
    seed.add_argument("--if-empty", action="store_true", help="do nothing if any account exists")
    seed.set_defaults(run=_seed_demo)
    match = commands.add_parser("match", help="propose (and optionally approve) a cohort match")
    match.add_argument("--organisation", required=True, help="organisation slug")
    match.add_argument("--programme", required=True, help="programme slug")
    match.add_argument("--coordinator", required=True, help="email of the acting coordinator")
    match.add_argument(
        "--kind",
        choices=["cohort", "peers", "circles"],
        default="cohort",
        help="mentors to mentees, peer pairs, or circles",
    )
    match.add_argument("--mode", choices=["optimal", "stable", "fair"], default="optimal")
    match.add_argument("--approve", action="store_true", help="approve the proposal at once")
    match.set_defaults(run=_match)
    imports = commands.add_parser(
        "import", help="invite a registration form's people (CSV) to a programme"
    )
    imports.add_argument("file", help="the CSV file (UTF-8, comma or semicolon separated)")
    imports.add_argument("--organisation", required=True, help="organisation slug")
    imports.add_argument("--programme", required=True, help="programme slug")
    imports.add_argument("--coordinator", required=True, help="email of the acting coordinator")
    imports.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read a column as a field (email, display_name, role, ...); COLUMN= ignores it",
    )
    imports.add_argument(
        "--default-role", choices=["mentor", "mentee", "both"], help="for rows with no role"
    )
    imports.add_argument("--dry-run", action="store_true", help="check every row, invite nobody")
    imports.set_defaults(run=_import)
    schema = commands.add_parser("schema", help="print the GraphQL schema as SDL")
    schema.add_argument("--output", help="write to this file instead of standard output")
    schema.set_defaults(run=_schema)
    args = parser.parse_args(argv)
    if args.run is _schema:  # needs no database, no secret key
        _schema(args)
        return
    settings = Settings.from_env()
    _prepare(settings)
    args.run(args, settings)


if __name__ == "__main__":
    sys.exit(main())
