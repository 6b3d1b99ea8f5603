"""People, their credentials and the tokens that stand for them.

Tokens are opaque random strings; only their SHA-256 is stored, so a database leak does not
hand out sessions. Passwords use argon2 (argon2-cffi).
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.errors import BadInput, Conflict, NotFound, Unauthenticated

_hasher = PasswordHasher()


async def _hash(password: str) -> str:
    """argon2 is deliberately slow; run it off the event loop so other requests go on."""
    return await asyncio.to_thread(_hasher.hash, password)


async def _verify(password_hash: str, password: str) -> bool:
    try:
        return await asyncio.to_thread(_hasher.verify, password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A real hash to verify against when the account does not exist, so timing does not reveal it.
_DUMMY_HASH = _hasher.hash("rajut-timing-equaliser")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 10
RESET_TTL = timedelta(hours=1)


class Scope(StrEnum):
    READ = "read"
    WRITE = "write"
    PROGRESS_READ = "progress:read"


class TokenKind(StrEnum):
    SESSION = "session"
    API = "api"


class User(Model):
    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=254, unique=True)
    password_hash = fields.CharField(max_length=255)
    display_name = fields.CharField(max_length=120)
    locale = fields.CharField(max_length=8, default="id")
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "users"


class AccessToken(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="tokens", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(TokenKind, max_length=16)
    name = fields.CharField(max_length=100, default="")
    token_hash = fields.CharField(max_length=64, unique=True)
    scopes = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "access_tokens"

    def grants(self, scope: Scope) -> bool:
        return self.kind == TokenKind.SESSION or scope.value in self.scopes

    def is_live(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class PasswordReset(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="password_resets", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "password_resets"


class OutboxEmail(Model):
    """Mail waits here until a sender loop delivers it, so a request never blocks on SMTP."""

    id = fields.IntField(primary_key=True)
    to_address = fields.CharField(max_length=254)
    subject = fields.CharField(max_length=200)
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)
    attempts = fields.IntField(default=0)

    class Meta:
        table = "outbox_emails"


def now() -> datetime:
    return datetime.now(UTC)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise BadInput("Enter a valid email address.", field="email")
    return email


def check_password_strength(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD:
        raise BadInput(f"Use at least {MIN_PASSWORD} characters.", field=field)
    if len(password) > 1024:
        raise BadInput("That password is too long.", field=field)


async def register(
    email: str,
    password: str,
    display_name: str,
    locale: str = "id",
    *,
    password_hash: str | None = None,
) -> User:
    """Create an account and its empty profile.

    ``password_hash`` spares a caller that creates many accounts with one password (the
    demo seed) an argon2 run per account; it must be a hash of ``password``.
    """
    email = normalise_email(email)
    check_password_strength(password)
    display_name = display_name.strip()
    if not 1 <= len(display_name) <= 120:
        raise BadInput("Give a name of 1 to 120 characters.", field="displayName")
    if locale not in {"id", "en"}:
        raise BadInput("Locale must be 'id' or 'en'.", field="locale")
    taken = Conflict("An account with that email already exists.", field="email")
    if await User.filter(email=email).exists():
        raise taken
    password_hash = password_hash or await _hash(password)
    from models.profiles import Profile  # a profile is born with its person

    try:
        async with in_transaction():
            user = await User.create(
                email=email, password_hash=password_hash, display_name=display_name, locale=locale
            )
            await Profile.create(user=user)
    except IntegrityError:  # a simultaneous sign-up with the same email won the race
        raise taken from None
    return user


def hash_password(password: str) -> str:
    return _hasher.hash(password)


async def authenticate(email: str, password: str) -> User:
    user = await User.get_or_none(email=email.strip().lower(), is_active=True)
    valid = await _verify(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not valid:
        raise Unauthenticated("Email or password is wrong.")
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = await _hash(password)
        await user.save(update_fields=["password_hash"])
    return user


async def issue_token(
    user: User,
    kind: TokenKind,
    *,
    lifetime: timedelta | None,
    name: str = "",
    scopes: list[str] | None = None,
) -> tuple[str, AccessToken]:
    """Return the plaintext token (shown once) and its stored record."""
    prefix = "rjt_pat_" if kind == TokenKind.API else "rjt_"
    token = prefix + secrets.token_urlsafe(32)
    record = await AccessToken.create(
        user=user,
        kind=kind,
        name=name,
        scopes=scopes or [],
        token_hash=hash_token(token),
        expires_at=now() + lifetime if lifetime else None,
    )
    return token, record


async def resolve_token(token: str) -> AccessToken | None:
    record = await AccessToken.get_or_none(token_hash=hash_token(token)).select_related("user")
    if record is None or not record.is_live(now()) or not record.user.is_active:
        return None
    if record.last_used_at is None or now() - record.last_used_at > timedelta(minutes=5):
        record.last_used_at = now()
        await AccessToken.filter(id=record.id).update(last_used_at=record.last_used_at)
    return record


async def revoke_token(user: User, token_id: int) -> AccessToken:
    record = await AccessToken.get_or_none(id=token_id, user_id=user.id)
    if record is None:
        raise NotFound("No such token.", field="id")
    if record.revoked_at is None:
        record.revoked_at = now()
        await record.save(update_fields=["revoked_at"])
    return record


async def change_password(user: User, current: str, new: str, keep_token_id: int | None) -> None:
    if not await _verify(user.password_hash, current):
        raise BadInput("The current password is wrong.", field="currentPassword")
    check_password_strength(new, field="newPassword")
    new_hash = await _hash(new)
    async with in_transaction():
        user.password_hash = new_hash
        await user.save(update_fields=["password_hash"])
        await _revoke_sessions(user, except_id=keep_token_id)


async def request_password_reset(email: str, base_url: str) -> None:
    """Queue a reset mail when the account exists; say nothing either way (no enumeration)."""
    user = await User.get_or_none(email=email.strip().lower(), is_active=True)
    if user is None:
        return
    token = secrets.token_urlsafe(32)
    async with in_transaction():
        await PasswordReset.create(
            user=user, token_hash=hash_token(token), expires_at=now() + RESET_TTL
        )
        await OutboxEmail.create(
            to_address=user.email,
            subject="Rajut: atur ulang kata sandi / reset your password",
            body=(
                f"Halo {user.display_name},\n\n"
                f"Atur ulang kata sandi Anda / reset your password:\n"
                f"{base_url}/#/reset-password?token={token}\n\n"
                "Tautan berlaku satu jam. The link is valid for one hour."
            ),
        )


async def reset_password(token: str, new_password: str) -> None:
    check_password_strength(new_password, field="newPassword")
    reset = await PasswordReset.get_or_none(token_hash=hash_token(token)).select_related("user")
    if reset is None or reset.used_at is not None or reset.expires_at <= now():
        raise BadInput("This reset link is invalid or has expired.", field="token")
    new_hash = await _hash(new_password)
    async with in_transaction():
        reset.used_at = now()
        await reset.save(update_fields=["used_at"])
        reset.user.password_hash = new_hash
        await reset.user.save(update_fields=["password_hash"])
        await _revoke_sessions(reset.user, except_id=None)


async def _revoke_sessions(user: User, except_id: int | None) -> None:
    query = AccessToken.filter(user_id=user.id, kind=TokenKind.SESSION, revoked_at__isnull=True)
    if except_id is not None:
        query = query.exclude(id=except_id)
    await query.update(revoked_at=now())
