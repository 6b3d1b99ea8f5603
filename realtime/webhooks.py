"""Delivery core for progress-event webhooks, following Standard Webhooks 1.0.

One call to :func:`deliver` is one HTTP attempt; the database queue decides when to call it
again (:func:`next_delay`, :data:`MAX_ATTEMPTS`). Nothing here touches the database, so a queue
worker, a "send test event" button and the tests all drive the same code.

Wire format (https://www.standardwebhooks.com/): the body is compact UTF-8 JSON and the
request carries ``webhook-id``, ``webhook-timestamp`` (Unix seconds) and ``webhook-signature``
(``v1,`` + base64 HMAC-SHA256 of ``{id}.{timestamp}.{body}``, keyed with the base64-decoded
part of the ``whsec_`` secret). Any Standard Webhooks library can verify our requests.

Deliveries are at-least-once: a timeout after the receiver processed the request, or a lost
2xx answer, leads to a retry of the same event. The event id is sent as ``webhook-id`` and
stays the same across retries (only the timestamp and signature change), so receivers must
de-duplicate on it.

Server-side request forgery: webhook URLs are chosen by users, so the server must not be
usable to reach its own network (cloud metadata at 169.254.169.254, databases, admin ports).
:func:`check_target` refuses non-HTTPS URLs and any host that resolves to a loopback, private,
link-local, multicast, unspecified, reserved or otherwise non-global address.

DNS rebinding: checking a name when the URL is saved proves nothing about later, because the
owner of the name can make it resolve to 127.0.0.1 afterwards (or between our check and
httpx's own lookup, with a zero TTL). So :func:`deliver` resolves and checks again on every
attempt and then connects to exactly the address it checked: the request URL carries the IP,
while the ``Host`` header and TLS SNI/certificate check keep the original name. No second
lookup happens, so there is no window to rebind. What this does not cover: an HTTP(S) proxy
configured on the client (use :func:`new_client`, which ignores proxy environment variables),
and internal services reachable through public addresses; an egress firewall or a filtering
proxy (e.g. smokescreen) remains the stronger, complementary control for deployments.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
import ipaddress
import json
import random
import re
import secrets
import socket
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any

import httpx

from models.errors import BadInput

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32  # the spec asks for at least 24 random bytes
MIN_SECRET_BYTES = 24
USER_AGENT = "Rajut-Webhooks/1"
DEFAULT_TOLERANCE = 300  # seconds; the spec's suggested replay window
SNIPPET_CHARS = 200  # how much of a failed response we keep for the delivery log
RESOLVE_TIMEOUT = 5.0

# Delay before retry n (n = attempts already made). The first attempt is immediate, then seven
# retries: 5 s, 30 s, 2 min, 10 min, 1 h, 6 h, 24 h, about 31 h 12 min in total, long enough
# to ride out a receiver's overnight outage without hammering it. Each delay gets ±20 % jitter
# so endpoints that failed together do not retry in lockstep.
RETRY_SCHEDULE: tuple[timedelta, ...] = (
    timedelta(seconds=5),
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=6),
    timedelta(hours=24),
)
MAX_ATTEMPTS = 1 + len(RETRY_SCHEDULE)  # 8: the immediate attempt plus seven retries
JITTER = 0.2
# A receiver answering 429 or 503 may say when to come back (``Retry-After``). We honour it
# instead of the schedule, but never wait longer than the schedule's longest step: a bogus
# date years ahead must not park an endpoint forever.
RETRY_AFTER_STATUSES = frozenset({429, 503})
MAX_RETRY_AFTER = RETRY_SCHEDULE[-1]
GONE = 410  # Standard Webhooks: the receiver wants no more deliveries; disable the endpoint

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_MSG_ID = re.compile(r"[A-Za-z0-9_\-:]{1,200}")  # no '.', the signed content's delimiter
_TIMESTAMP = re.compile(r"[0-9]{1,15}")
_DELAY = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit() takes "٣٠" too


# --- signing ----------------------------------------------------------------------------------


def new_secret() -> str:
    """A fresh signing secret, serialised the way Standard Webhooks tools expect."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def _key(secret: str) -> bytes:
    """The HMAC key: the base64-decoded part after ``whsec_`` (bare base64 accepted too)."""
    encoded = secret.removeprefix(SECRET_PREFIX)
    try:
        key = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("webhook secret is not valid base64 after 'whsec_'") from exc
    if not key:
        raise ValueError("webhook secret is empty")
    return key


def _signature(key: bytes, msg_id: str, timestamp: int | str, body: bytes) -> str:
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` value: ``v1,<base64 HMAC-SHA256 of "{id}.{ts}.{body}">``.

    Raises ValueError for a weak or malformed secret and for ids containing '.', which would
    make the signed content ambiguous (the spec forbids it).
    """
    if not _MSG_ID.fullmatch(msg_id):
        raise ValueError("webhook id must be 1-200 characters of [A-Za-z0-9_-:]")
    key = _key(secret)
    if len(key) < MIN_SECRET_BYTES:
        raise ValueError(f"webhook secret must hold at least {MIN_SECRET_BYTES} bytes")
    return "v1," + _signature(key, msg_id, int(timestamp), body)


def verify(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    tolerance: int = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> bool:
    """Whether a received request is authentic and fresh (for receivers and tests).

    Rejects missing headers, timestamps more than ``tolerance`` seconds from ``now`` in either
    direction (replays), and signatures that match none of the space-separated ``v1`` entries
    (several are sent while a secret is being rotated). Comparison is constant-time. A
    malformed secret raises ValueError: that is the receiver's bug, not a forged request.
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    msg_id = lowered.get("webhook-id")
    timestamp = lowered.get("webhook-timestamp")
    header = lowered.get("webhook-signature")
    if not msg_id or not timestamp or not header or not _TIMESTAMP.fullmatch(timestamp):
        return False
    current = time.time() if now is None else now
    if abs(current - int(timestamp)) > tolerance:
        return False
    expected = _signature(_key(secret), msg_id, timestamp, body).encode("ascii")
    for entry in header.split():
        version, _, signature = entry.partition(",")
        if version == "v1" and hmac.compare_digest(expected, signature.encode()):
            return True
    return False


def encode_body(payload: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON; strict (no NaN), since receivers in other languages must parse it."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


# --- target checks (SSRF) ---------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A checked destination: connect to ``addresses``, but speak to ``host_header``."""

    url: httpx.URL
    host_header: str  # what the Host header must say (name and non-default port)
    sni_hostname: str  # what TLS must verify the certificate against
    addresses: tuple[IPAddress, ...]

    def pinned_url(self, address: IPAddress) -> httpx.URL:
        return self.url.copy_with(host=str(address))


def _refusal(address: IPAddress) -> str | None:
    """Why an address must not be contacted, or None if it is a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return _refusal(address.ipv4_mapped)
        # Addresses that tunnel to an embedded IPv4 address are judged by that address too.
        embedded: list[ipaddress.IPv4Address] = []
        if address.sixtofour is not None:
            embedded.append(address.sixtofour)
        if address.teredo is not None:
            embedded.extend(address.teredo)
        if address in _NAT64:
            embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        for inner in embedded:
            if (reason := _refusal(inner)) is not None:
                return f"{reason} (embedded in {address})"
    checks = (
        (address.is_unspecified, "unspecified"),
        (address.is_loopback, "loopback"),
        (address.is_link_local, "link-local"),
        (address.is_multicast, "multicast"),
        (address.is_private, "private"),
        (address.is_reserved, "reserved"),
        (not address.is_global, "not globally routable"),
    )
    for refused, reason in checks:
        if refused:
            return f"{address} is a {reason} address"
    return None


async def _resolve(host: str, port: int) -> tuple[IPAddress, ...]:
    try:
        return (ipaddress.ip_address(host),)
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(RESOLVE_TIMEOUT):
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, TimeoutError, UnicodeError) as exc:
        raise BadInput(f"cannot resolve host {host!r}", field="url") from exc
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]))
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise BadInput(f"host {host!r} has no addresses", field="url")
    return tuple(addresses)


async def resolve_target(url: str, *, allow_private: bool) -> Target:
    """Parse, resolve and check a webhook URL; raise BadInput(field="url") if refused.

    Every resolved address must pass, not just one: a name answering with both a public and a
    private address could otherwise steer the connection to the private one.
    """
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise BadInput("webhook URL is not a valid URL", field="url") from exc
    allowed = ("https", "http") if allow_private else ("https",)
    if parsed.scheme not in allowed:
        raise BadInput("webhook URL must use https://", field="url")
    if not parsed.host:
        raise BadInput("webhook URL has no host", field="url")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    addresses = await _resolve(parsed.host, port)
    if not allow_private:
        for address in addresses:
            if (reason := _refusal(address)) is not None:
                raise BadInput(f"webhook URL points to a non-public address: {reason}", field="url")
    try:
        literal = ipaddress.ip_address(parsed.host)
    except ValueError:
        sni = parsed.raw_host.decode("ascii")  # IDNA-encoded, as certificates carry it
    else:
        sni = str(literal)
    return Target(
        url=parsed,
        host_header=parsed.netloc.decode("ascii"),
        sni_hostname=sni,
        addresses=addresses,
    )


async def check_target(url: str, *, allow_private: bool) -> None:
    """Refuse URLs the server must not call (use when a webhook is created or edited).

    A pass here is not permission forever (see the module docstring on DNS rebinding):
    :func:`deliver` checks again and pins the connection to the checked address.
    """
    await resolve_target(url, allow_private=allow_private)


# --- delivery ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    """The outcome of one POST, small enough to store in a delivery log row."""

    status_code: int | None
    error: str | None
    duration_ms: float
    delivered: bool
    retry_after: timedelta | None = None  # what a 429/503 asked for, already capped

    @property
    def gone(self) -> bool:
        """The receiver answered 410 Gone: it wants no more deliveries at all."""
        return self.status_code == GONE


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> timedelta | None:
    """A ``Retry-After`` header (delay in seconds, or an HTTP date) as a capped delay.

    Anything unparsable is ignored (None: the schedule applies); a date in the past means
    "now" (zero); every answer is capped at :data:`MAX_RETRY_AFTER`.
    """
    if not value:
        return None
    value = value.strip()
    if _DELAY.fullmatch(value):
        if len(value) > 12:  # far beyond the cap; int() of it would be wasted work
            return MAX_RETRY_AFTER
        delay = timedelta(seconds=int(value))
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:  # RFC 9110 dates are GMT; obsolete forms may lack the zone
            when = when.replace(tzinfo=UTC)
        delay = max(when - (now or datetime.now(UTC)), timedelta(0))
    return min(delay, MAX_RETRY_AFTER)


class _NoCookies(DefaultCookiePolicy):
    """Receivers must not be able to plant cookies that later go to other endpoints."""

    def set_ok(self, cookie: Any, request: Any) -> bool:
        return False

    def return_ok(self, cookie: Any, request: Any) -> bool:
        return False


def new_client(*, verify: ssl.SSLContext | bool = True) -> httpx.AsyncClient:
    """An httpx client fit for :func:`deliver`.

    No proxy from the environment (it would bypass the address pinning), no redirects, no
    cookies, and no kept-alive connections: the pool is keyed by IP and port, so a reused
    connection could carry one endpoint's request over a TLS session verified for another.
    """
    return httpx.AsyncClient(
        verify=verify,
        trust_env=False,
        follow_redirects=False,
        cookies=CookieJar(policy=_NoCookies()),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=0),
    )


def _short(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())  # no newlines or control runs in log lines
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def _snippet(response: httpx.Response) -> str:
    """The start of a failed response's body, read without downloading all of it."""
    raw = b""
    async for chunk in response.aiter_raw():
        raw += chunk
        if len(raw) >= SNIPPET_CHARS * 4:
            break
    return _short(raw.decode("utf-8", errors="replace"))


async def _post(
    client: httpx.AsyncClient,
    target: Target,
    headers: dict[str, str],
    body: bytes,
    http_timeout: float,
) -> tuple[int, str | None, timedelta | None]:
    """POST to the checked addresses in turn; only a failed connect moves on to the next.

    Returns the status, the error for the log (None on success) and, for 429/503, the
    delay the receiver asked for in ``Retry-After``."""
    last: httpx.TransportError | None = None
    for address in target.addresses:
        try:
            async with client.stream(
                "POST",
                target.pinned_url(address),
                content=body,
                headers={**headers, "host": target.host_header},
                extensions={"sni_hostname": target.sni_hostname},
                follow_redirects=False,
                timeout=http_timeout,
            ) as response:
                status = response.status_code
                if 200 <= status < 300:
                    return status, None, None
                if 300 <= status < 400:
                    location = _short(response.headers.get("location", ""), 120)
                    error = f"HTTP {status}: redirect not followed (location: {location})"
                    return status, error, None
                wait = None
                if status in RETRY_AFTER_STATUSES:
                    wait = parse_retry_after(response.headers.get("retry-after"))
                snippet = await _snippet(response)
                error = f"HTTP {status}: {snippet}" if snippet else f"HTTP {status}"
                return status, error, wait
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            last = exc  # nothing was sent, so trying the next address cannot duplicate
    assert last is not None
    raise last


async def deliver(
    client: httpx.AsyncClient,
    url: str,
    secret: str,
    msg_id: str,
    payload: dict[str, Any],
    *,
    timeout: float = 10.0,  # noqa: ASYNC109 - the queue passes each endpoint's own budget
    allow_private: bool = False,
) -> Attempt:
    """Make one signed delivery attempt; failures come back in the Attempt, never raised.

    The target is resolved and checked again here and the connection goes to the checked
    address (DNS rebinding), redirects are not followed (they could point inside), and
    ``timeout`` bounds the whole attempt including DNS. Only caller bugs raise: a bad secret
    or id (ValueError from :func:`sign`) or a payload that is not JSON-serialisable.
    """
    body = encode_body(payload)
    timestamp = int(time.time())
    headers = {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, msg_id, timestamp, body),
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "accept-encoding": "identity",  # error snippets are read raw, never decompressed
    }
    started = time.perf_counter()

    def attempt(status: int | None, error: str | None, wait: timedelta | None = None) -> Attempt:
        elapsed = round((time.perf_counter() - started) * 1000, 1)
        delivered = status is not None and 200 <= status < 300
        return Attempt(
            status_code=status,
            error=error,
            duration_ms=elapsed,
            delivered=delivered,
            retry_after=wait,
        )

    try:
        async with asyncio.timeout(timeout):
            target = await resolve_target(url, allow_private=allow_private)
            status, error, wait = await _post(client, target, headers, body, timeout)
    except BadInput as exc:
        return attempt(None, f"refused: {exc.message}")
    except (TimeoutError, httpx.TimeoutException):
        return attempt(None, f"timed out after {timeout:g} s")
    except (httpx.HTTPError, OSError) as exc:
        return attempt(None, _short(f"{type(exc).__name__}: {exc}" if str(exc) else repr(exc)))
    return attempt(status, error, wait)


# --- retries ----------------------------------------------------------------------------------


def next_delay(attempt_number: int, *, rng: random.Random | None = None) -> timedelta:
    """How long to wait after ``attempt_number`` failed attempts before the next one.

    Follows :data:`RETRY_SCHEDULE` with ±20 % jitter; numbers past the schedule get the last
    (24 h) delay, but the queue should stop at :data:`MAX_ATTEMPTS` attempts.
    """
    if attempt_number < 1:
        raise ValueError("attempt_number counts attempts already made and starts at 1")
    base = RETRY_SCHEDULE[min(attempt_number, len(RETRY_SCHEDULE)) - 1]
    factor = (rng or random).uniform(1 - JITTER, 1 + JITTER)
    return timedelta(seconds=round(base.total_seconds() * factor, 3))
