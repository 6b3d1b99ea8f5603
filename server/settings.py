"""Settings come from environment variables so one build runs anywhere (12-factor)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite://var/rajut.sqlite3"


def _csv(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def normalise_database_url(url: str) -> str:
    """Accept the spellings people paste (postgresql://, postgresql+asyncpg://)."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "asyncpg://"):
        if url.startswith(prefix):
            return "postgres://" + url[len(prefix) :]
    return url


def _local_secret_key() -> str:
    """A key kept under ./var so restarts of a single-machine install keep working.

    Several processes behind a load balancer must share SECRET_KEY instead.
    """
    path = Path("var/secret_key")
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None
    redis_channel_prefix: str = "rajut:"  # installs (or test runs) sharing a Redis keep apart
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    cors_origins: tuple[str, ...] = ()
    public_base_url: str = "http://127.0.0.1:8000"
    legacy_graphql_ws: bool = False
    session_days: int = 30
    login_limit_per_address: str = "20/minute"
    login_limit_per_account: str = "5/minute"
    register_limit_per_address: str = "10/hour"
    register_limit_per_email: str = "5/hour"  # mails one address receives from sign-ups
    invitation_limit_per_inviter: str = "30/hour"  # role and staff invitations a person sends
    invitation_days: int = 14  # an invitation not answered by then expires
    max_query_depth: int = 12
    max_query_tokens: int = 5000
    max_aliases: int = 30
    max_string_chars: int = 20_000  # any string argument (schema/inputs.py)
    max_body_bytes: int = 1024 * 1024  # an HTTP request body, and a WebSocket message
    debug: bool = False
    webhooks_allow_private: bool = False
    webhook_interval: float = 2.0
    webhook_retry_scale: float = 1.0
    followup_interval: float = 60.0
    badge_interval: float = 2.0  # seconds between passes of the badge recogniser
    send_email: bool = True  # through SMTP_* variables (server/mailer.py); off in the tests
    # live rooms
    message_limit_per_connection: str = "30/10second"  # chat and conversation messages
    signal_limit_per_connection: str = "100/second"  # WebRTC offers, answers, candidates
    stun_urls: tuple[str, ...] = ()
    turn_urls: tuple[str, ...] = ()
    turn_secret: str = ""  # shared with the TURN server (coturn's static-auth-secret)
    turn_ttl: int = 6 * 3600  # seconds a TURN credential stays valid
    presence_heartbeat: float = 10.0  # seconds between a connection's presence refreshes
    # knowledge repository resources
    upload_dir: str = "var/uploads"
    upload_max_bytes: int = 10 * 1024 * 1024
    import_max_bytes: int = 8 * 1024 * 1024  # a registration form's CSV (POST /imports)
    # shared notes (realtime/notes.py)
    note_max_update_bytes: int = 256 * 1024
    note_max_document_bytes: int = 2 * 1024 * 1024
    note_idle_seconds: float = 60.0  # an unused document leaves memory after this
    note_compact_delay: float = 10.0  # seconds without edits before the log is compacted
    note_compact_rows: int = 500  # ... or at once when the log has this many rows
    note_compact_bytes: int = 256 * 1024  # ... or this many bytes
    # matching and scoring run in worker processes (models/workers.py)
    matching_workers: int = 1
    matching_warm_up: bool = True  # start and warm them as the app starts, in the background

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        defaults = cls()
        return cls(
            database_url=normalise_database_url(env.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
            redis_url=env.get("REDIS_URL") or None,
            redis_channel_prefix=env.get("REDIS_CHANNEL_PREFIX", defaults.redis_channel_prefix),
            secret_key=env.get("SECRET_KEY") or _local_secret_key(),
            cors_origins=_csv(env.get("CORS_ORIGINS", "")),
            public_base_url=env.get("PUBLIC_BASE_URL", defaults.public_base_url).rstrip("/"),
            legacy_graphql_ws=_flag(env.get("LEGACY_GRAPHQL_WS", "")),
            session_days=int(env.get("SESSION_DAYS", defaults.session_days)),
            login_limit_per_address=env.get(
                "LOGIN_LIMIT_PER_ADDRESS", defaults.login_limit_per_address
            ),
            login_limit_per_account=env.get(
                "LOGIN_LIMIT_PER_ACCOUNT", defaults.login_limit_per_account
            ),
            register_limit_per_address=env.get(
                "REGISTER_LIMIT_PER_ADDRESS", defaults.register_limit_per_address
            ),
            register_limit_per_email=env.get(
                "REGISTER_LIMIT_PER_EMAIL", defaults.register_limit_per_email
            ),
            invitation_limit_per_inviter=env.get(
                "INVITATION_LIMIT_PER_INVITER", defaults.invitation_limit_per_inviter
            ),
            invitation_days=int(env.get("INVITATION_DAYS", defaults.invitation_days)),
            max_string_chars=int(env.get("MAX_STRING_CHARS", defaults.max_string_chars)),
            max_body_bytes=int(env.get("MAX_BODY_BYTES", defaults.max_body_bytes)),
            debug=_flag(env.get("DEBUG", "")),
            webhooks_allow_private=_flag(env.get("WEBHOOKS_ALLOW_PRIVATE", "")),
            webhook_interval=float(env.get("WEBHOOK_INTERVAL", defaults.webhook_interval)),
            followup_interval=float(env.get("FOLLOWUP_INTERVAL", defaults.followup_interval)),
            badge_interval=float(env.get("BADGE_INTERVAL", defaults.badge_interval)),
            message_limit_per_connection=env.get(
                "MESSAGE_LIMIT_PER_CONNECTION", defaults.message_limit_per_connection
            ),
            signal_limit_per_connection=env.get(
                "SIGNAL_LIMIT_PER_CONNECTION", defaults.signal_limit_per_connection
            ),
            stun_urls=_csv(env.get("STUN_URLS", "")),
            turn_urls=_csv(env.get("TURN_URLS", "")),
            turn_secret=env.get("TURN_SECRET", ""),
            turn_ttl=int(env.get("TURN_TTL", defaults.turn_ttl)),
            upload_dir=env.get("UPLOAD_DIR") or defaults.upload_dir,
            upload_max_bytes=int(env.get("UPLOAD_MAX_BYTES", defaults.upload_max_bytes)),
            import_max_bytes=int(env.get("IMPORT_MAX_BYTES", defaults.import_max_bytes)),
            note_max_update_bytes=int(
                env.get("NOTE_MAX_UPDATE_BYTES", defaults.note_max_update_bytes)
            ),
            note_max_document_bytes=int(
                env.get("NOTE_MAX_DOCUMENT_BYTES", defaults.note_max_document_bytes)
            ),
            note_idle_seconds=float(env.get("NOTE_IDLE_SECONDS", defaults.note_idle_seconds)),
            note_compact_delay=float(env.get("NOTE_COMPACT_DELAY", defaults.note_compact_delay)),
            note_compact_rows=int(env.get("NOTE_COMPACT_ROWS", defaults.note_compact_rows)),
            note_compact_bytes=int(env.get("NOTE_COMPACT_BYTES", defaults.note_compact_bytes)),
            matching_workers=int(env.get("MATCHING_WORKERS", defaults.matching_workers)),
            matching_warm_up=_flag(env.get("MATCHING_WARM_UP", "on")),
        )

    @property
    def upload_path(self) -> Path:
        return Path(self.upload_dir)

    def sqlite_path(self) -> Path | None:
        """The file behind a SQLite URL, so the CLI can create its folder first."""
        if not self.database_url.startswith("sqlite://"):
            return None
        path = self.database_url.removeprefix("sqlite://")
        return None if path in {"", ":memory:"} else Path(path)
