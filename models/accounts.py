"""People, their credentials and the tokens that stand for them.

Tokens are opaque random strings; only their SHA-256 is stored, so a database leak does not
hand out sessions. Passwords use argon2 (argon2-cffi).

An email address belongs to whoever reads its mail: an account is *verified* once a link
mailed to its address was followed. Registering never reveals whether an address is known
(`sign_up` answers alike and mails the address in every case), and the owner of an address
can always take it back from someone who registered it first (a claim link, or a password
reset, sets their password and revokes every token the squatter held).
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import os
import re
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models import directory_index
from models.announcements import AccessWithdrawn, announce, transaction
from models.errors import BadInput, Conflict, Forbidden, NotFound, Unauthenticated


def _password_hasher() -> PasswordHasher:
    """argon2id with argon2-cffi's defaults (RFC 9106's low-memory choice).

    A test suite signs up thousands of people, and at ~0.1 s of CPU each the hashing alone
    took minutes of CI; ``RAJUT_TEST_PASSWORD_HASHING=cheapest`` (set by tests/conftest.py)
    selects argon2-cffi's ``CHEAPEST`` profile, made for tests. It is still argon2 and the
    same code path; a server started with it says so loudly. Hashes record their own
    parameters, so either setting verifies the other's, and the next sign-in re-hashes.
    """
    if os.environ.get("RAJUT_TEST_PASSWORD_HASHING") == "cheapest":
        logging.getLogger(__name__).warning(
            "RAJUT_TEST_PASSWORD_HASHING=cheapest: passwords are hashed for tests, not safely"
        )
        return PasswordHasher.from_parameters(profiles.CHEAPEST)
    return PasswordHasher()


_hasher = _password_hasher()


async def _hash(password: str) -> str:
    """argon2 is deliberately slow; run it off the event loop so other requests go on."""
    return await asyncio.to_thread(_hasher.hash, password)


@functools.cache
def _dummy_hash() -> str:
    """A real hash to verify against when the account does not exist, so timing does not
    reveal it. Made on first need, not at import: argon2's ~0.1 s of CPU was paid by every
    process start, `rajut` commands included."""
    return _hasher.hash("rajut-timing-equaliser")


def _check(password_hash: str | None, password: str) -> bool:
    """In a thread. The process's first check makes the dummy hash whoever signs in, so
    that check too costs the same for an account that exists and for one that does not."""
    dummy = _dummy_hash()
    return _hasher.verify(password_hash or dummy, password)


async def _verify(password_hash: str | None, password: str) -> bool:
    """Whether the password is the hash's; without a hash (no such account), as long as a
    real check takes and False."""
    try:
        return await asyncio.to_thread(_check, password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 10
RESET_TTL = timedelta(hours=1)
VERIFY_TTL = timedelta(days=2)
TOUCH = timedelta(minutes=5)  # how stale a token's last_used_at may get
COMMON_PASSWORDS = Path(__file__).with_name("common_passwords.txt")


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
    # set when a link mailed to `email` was followed; until then the account may look
    # around but not take part (enrol, request, message, join rooms, invite)
    email_verified_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "users"

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None


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


class EmailVerification(Model):
    """A link mailed to an account's address: following it proves the address is theirs.

    A *claim* (someone registered again with an address whose account was never verified)
    carries the password, name and locale given then: following it installs them and revokes
    every token of the account, so whoever registered the address first is locked out.
    """

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "rajut.User", related_name="email_verifications", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    password_hash = fields.CharField(max_length=255, null=True)  # set for claims only
    display_name = fields.CharField(max_length=120, null=True)
    locale = fields.CharField(max_length=8, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "email_verifications"


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


@functools.cache
def _common_passwords() -> frozenset[str]:
    """The bundled list (see the header of common_passwords.txt for its sources)."""
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def check_password_strength(password: str, field: str = "password") -> None:
    if not password.strip():
        raise BadInput("A password cannot be only spaces.", field=field)
    if len(password) < MIN_PASSWORD:
        raise BadInput(f"Use at least {MIN_PASSWORD} characters.", field=field)
    if len(password) > 1024:
        raise BadInput("That password is too long.", field=field)
    if password.strip().lower() in _common_passwords():
        raise BadInput(
            "That password is one of the most common ones and is guessed first. "
            "Choose another, e.g. a few unrelated words.",
            field=field,
        )


def require_verified(user: User, action: str = "do that") -> None:
    """Taking part needs an address proven to be one's own."""
    if not user.is_verified:
        raise Forbidden(
            f"Confirm your email address before you {action}: follow the link we mailed you "
            "(register again with the same address for a new link)."
        )


LOCALES = ("id", "en")


def check_registration(
    email: str, password: str, display_name: str, locale: str
) -> tuple[str, str]:
    """Validate a sign-up; returns the normalised email and display name."""
    email = normalise_email(email)
    check_password_strength(password)
    display_name = display_name.strip()
    if not 1 <= len(display_name) <= 120:
        raise BadInput("Give a name of 1 to 120 characters.", field="displayName")
    if locale not in LOCALES:
        raise BadInput("Locale must be 'id' or 'en'.", field="locale")
    return email, display_name


async def register(
    email: str,
    password: str,
    display_name: str,
    locale: str = "id",
    *,
    password_hash: str | None = None,
    verified: bool = False,
) -> User:
    """Create an account and its empty profile (callers that own the address, like the demo
    seed, pass ``verified=True``; people go through `sign_up`).

    ``password_hash`` spares a caller that creates many accounts with one password (the
    demo seed) an argon2 run per account; it must be a hash of ``password``.
    """
    email, display_name = check_registration(email, password, display_name, locale)
    password_hash = password_hash or await _hash(password)
    try:
        async with in_transaction():
            return await _create_user(email, password_hash, display_name, locale, verified)
    except IntegrityError:  # trusted callers only: people never learn this (`sign_up`)
        raise Conflict("An account with that email already exists.", field="email") from None


async def _create_user(
    email: str, password_hash: str, display_name: str, locale: str, verified: bool
) -> User:
    from models.profiles import Profile  # a profile is born with its person

    user = await User.create(
        email=email,
        password_hash=password_hash,
        display_name=display_name,
        locale=locale,
        email_verified_at=now() if verified else None,
    )
    await Profile.create(user=user)
    return user


def _verification_mail(user: User, link: str, claim: bool) -> tuple[str, str]:
    if claim:
        return (
            "Rajut: klaim alamat email Anda / claim your email address",
            f"Halo {user.email},\n\n"
            "Seseorang (semoga Anda) mendaftar di Rajut dengan alamat ini, yang sudah dipakai "
            "akun yang belum dikonfirmasi. Ikuti tautan ini untuk mengambil alih alamat Anda "
            "dengan kata sandi yang baru saja Anda pilih; semua sesi lain akun itu diakhiri.\n"
            "Someone (hopefully you) registered on Rajut with this address, which an "
            "unconfirmed account already uses. Follow this link to take your address back with "
            "the password you just chose; every other session of that account is ended:\n"
            f"{link}\n\n"
            "Bukan Anda? Abaikan email ini. Not you? Ignore this mail.",
        )
    return (
        "Rajut: konfirmasi alamat email / confirm your email address",
        f"Halo {user.display_name},\n\n"
        "Konfirmasi alamat email Anda untuk mulai memakai Rajut.\n"
        "Confirm your email address to start using Rajut:\n"
        f"{link}\n\n"
        "Tautan berlaku dua hari. The link is valid for two days.\n"
        "Tidak mendaftar? Abaikan email ini. Did not sign up? Ignore this mail.",
    )


async def _mail_verification(
    user: User,
    base_url: str,
    *,
    claim_hash: str | None = None,
    display_name: str | None = None,
    locale: str | None = None,
) -> None:
    token = secrets.token_urlsafe(32)
    await EmailVerification.create(
        user=user,
        token_hash=hash_token(token),
        password_hash=claim_hash,
        display_name=display_name,
        locale=locale,
        expires_at=now() + VERIFY_TTL,
    )
    subject, body = _verification_mail(
        user, f"{base_url}/#/verify-email?token={token}", claim=claim_hash is not None
    )
    await OutboxEmail.create(to_address=user.email, subject=subject, body=body)


async def sign_up(email: str, password: str, display_name: str, locale: str, base_url: str) -> None:
    """Register as a person does: whatever the address, answer nothing and mail it.

    - a new address gets an account (unverified) and a verification link;
    - an address of an unverified account gets a *claim* link that installs this password;
    - an address of a verified account gets a note that someone tried to register with it.
    Every branch hashes the password once (argon2 dominates the time) and queues one mail, so
    neither the answer nor its timing tells the caller which branch ran.
    """
    email, display_name = check_registration(email, password, display_name, locale)
    password_hash = await _hash(password)
    async with in_transaction():
        user = await User.get_or_none(email=email)
        if user is None:
            try:
                async with in_transaction():  # a savepoint: a racing sign-up may win
                    user = await _create_user(email, password_hash, display_name, locale, False)
            except IntegrityError:
                user = await User.get(email=email)
            else:
                await _mail_verification(user, base_url)
                return
        if not user.is_verified:
            await _mail_verification(
                user, base_url, claim_hash=password_hash, display_name=display_name, locale=locale
            )
            return
        await OutboxEmail.create(
            to_address=user.email,
            subject="Rajut: ada yang mendaftar dengan alamat Anda / a sign-up with your address",
            body=(
                f"Halo {user.display_name},\n\n"
                "Seseorang mencoba mendaftar di Rajut dengan alamat email ini, yang sudah punya "
                "akun. Jika itu Anda, masuk saja atau atur ulang kata sandi Anda.\n"
                "Someone tried to register on Rajut with this address, which already has an "
                "account. If that was you, sign in, or reset your password:\n"
                f"{base_url}/#/reset-password\n\n"
                "Bukan Anda? Abaikan email ini; akun Anda aman. "
                "Not you? Ignore this mail; your account is safe."
            ),
        )


async def verify_email(token: str) -> User:
    """Follow a verification or claim link: the account is verified, and a claim installs
    the password, name and locale given when registering again and revokes every token."""
    verification = await EmailVerification.get_or_none(token_hash=hash_token(token)).select_related(
        "user"
    )
    if (
        verification is None
        or verification.used_at is not None
        or verification.expires_at <= now()
        or not verification.user.is_active
    ):
        raise BadInput("This confirmation link is invalid or has expired.", field="token")
    user = verification.user
    async with transaction():  # announces after the commit
        verification.used_at = now()
        await verification.save(update_fields=["used_at"])
        fields_changed = []
        if verification.password_hash is not None:
            user.password_hash = verification.password_hash
            user.display_name = verification.display_name or user.display_name
            user.locale = verification.locale or user.locale
            fields_changed += ["password_hash", "display_name", "locale"]
            await _take_back(user)
        if user.email_verified_at is None:
            user.email_verified_at = now()
            fields_changed.append("email_verified_at")
        if fields_changed:
            await user.save(update_fields=fields_changed)
        if verification.password_hash is not None:
            await directory_index.refresh([user.id])  # the name may have changed
    return user


async def _take_back(user: User) -> None:
    """The address's owner takes the account over: nothing of whoever held it survives
    (tokens, other pending links, and a never-verified holder's memberships and roles)."""
    await AccessToken.filter(user_id=user.id, revoked_at__isnull=True).update(revoked_at=now())
    await announce(AccessWithdrawn(user.id, roles=True))
    await EmailVerification.filter(user_id=user.id, used_at__isnull=True).update(used_at=now())
    await PasswordReset.filter(user_id=user.id, used_at__isnull=True).update(used_at=now())
    if user.email_verified_at is None:
        from models.invitations import revoke_sent_by
        from models.organisations import OrgMembership
        from models.programmes import ProgrammeStaff

        await OrgMembership.filter(user_id=user.id).delete()
        await ProgrammeStaff.filter(user_id=user.id).delete()
        await revoke_sent_by(user)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


async def authenticate(email: str, password: str) -> User:
    user = await User.get_or_none(email=email.strip().lower(), is_active=True)
    valid = await _verify(user.password_hash if user else None, password)
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
    token_hash = hash_token(token)
    return (await live_tokens([token_hash])).get(token_hash)


async def live_tokens(token_hashes: Sequence[str]) -> dict[str, AccessToken]:
    """The live tokens among these hashes, with their (active) users, in one query; those
    not used for five minutes are marked used in a second one."""
    at = now()
    records = await AccessToken.filter(
        token_hash__in=list(token_hashes), revoked_at__isnull=True
    ).select_related("user")
    live = {r.token_hash: r for r in records if r.is_live(at) and r.user.is_active}
    stale = [r for r in live.values() if r.last_used_at is None or at - r.last_used_at > TOUCH]
    if stale:
        await AccessToken.filter(id__in=[r.id for r in stale]).update(last_used_at=at)
        for record in stale:
            record.last_used_at = at
    return live


async def revoke_token(user: User, token_id: int) -> AccessToken:
    record = await AccessToken.get_or_none(id=token_id, user_id=user.id)
    if record is None:
        raise NotFound("No such token.", field="id")
    if record.revoked_at is None:
        record.revoked_at = now()
        await record.save(update_fields=["revoked_at"])
        await announce(AccessWithdrawn(user.id))  # its open connections close at once
    return record


async def change_password(user: User, current: str, new: str, keep_token_id: int | None) -> None:
    if not await _verify(user.password_hash, current):
        raise BadInput("The current password is wrong.", field="currentPassword")
    check_password_strength(new, field="newPassword")
    new_hash = await _hash(new)
    async with transaction():  # announces after the commit
        user.password_hash = new_hash
        await user.save(update_fields=["password_hash"])
        await _revoke_sessions(user, except_id=keep_token_id)


async def set_locale(user: User, locale: str) -> User:
    """The language the web app and mails use for this person."""
    if locale not in LOCALES:
        raise BadInput("Locale must be 'id' or 'en'.", field="locale")
    user.locale = locale
    await user.save(update_fields=["locale"])
    return user


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
    user = reset.user
    async with transaction():  # announces after the commit
        reset.used_at = now()
        await reset.save(update_fields=["used_at"])
        if user.email_verified_at is None:
            # the link reached the address's owner: this is a claim (see `_take_back`)
            await _take_back(user)
            user.email_verified_at = now()
        else:
            await _revoke_sessions(user, except_id=None)
        user.password_hash = new_hash
        await user.save(update_fields=["password_hash", "email_verified_at"])


async def _revoke_sessions(user: User, except_id: int | None) -> None:
    query = AccessToken.filter(user_id=user.id, kind=TokenKind.SESSION, revoked_at__isnull=True)
    if except_id is not None:
        query = query.exclude(id=except_id)
    await query.update(revoked_at=now())
    await announce(AccessWithdrawn(user.id))
