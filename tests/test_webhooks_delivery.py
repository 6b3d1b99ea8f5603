"""Webhook delivery against a real HTTP receiver on 127.0.0.1.

The receiver is a small Starlette app served by uvicorn on this event loop. It verifies each
request with ``verify`` like a customer's endpoint would. No traffic leaves loopback and no
public name is resolved: other targets are literal IPs, which check_target never contacts.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import random
import socket
import ssl
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from models.errors import BadInput
from realtime.webhooks import (
    MAX_ATTEMPTS,
    MAX_RETRY_AFTER,
    RETRY_SCHEDULE,
    check_target,
    deliver,
    encode_body,
    new_client,
    new_secret,
    next_delay,
    parse_retry_after,
    sign,
    verify,
)
from tests.support import serving_here

SECRET = new_secret()
PAYLOAD: dict[str, Any] = {
    "type": "progress.milestone_completed",
    "timestamp": "2026-05-09T07:35:25Z",
    "data": {"relationship": "rel_1", "milestone": "Erste Schritte ✓", "done": 3, "of": 7},
}


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    authentic: bool


@dataclass
class Receiver:
    base: str
    port: int
    received: list[Received] = field(default_factory=list)


def receiver_app(received: list[Received]) -> Starlette:
    async def record(request: Request) -> Received:
        body = await request.body()
        item = Received(
            path=request.url.path,
            headers=dict(request.headers),
            body=body,
            authentic=verify(SECRET, request.headers, body),
        )
        received.append(item)
        return item

    async def hook(request: Request) -> Response:
        item = await record(request)
        return Response(status_code=204 if item.authentic else 401)

    async def fail(request: Request) -> Response:
        await record(request)
        return PlainTextResponse("database on fire\n" * 500, status_code=500)

    async def redirect(request: Request) -> Response:
        await record(request)
        return RedirectResponse("/hook", status_code=int(request.query_params["code"]))

    async def refuse(request: Request) -> Response:
        await record(request)
        status = int(request.query_params["status"])
        after = request.query_params.get("after")
        return Response(
            "later", status_code=status, headers={"Retry-After": after} if after else {}
        )

    async def slow(request: Request) -> Response:
        await record(request)
        await asyncio.sleep(5)
        return Response(status_code=204)

    return Starlette(
        routes=[
            Route("/hook", hook, methods=["GET", "POST"]),  # so a followed 302 shows
            Route("/fail", fail, methods=["POST"]),
            Route("/redirect", redirect, methods=["POST"]),
            Route("/slow", slow, methods=["POST"]),
            Route("/refuse", refuse, methods=["POST"]),
        ]
    )


async def serve(received: list[Received], **ssl_options: Any) -> AsyncIterator[int]:
    """Run the receiver on a free loopback port until the generator is closed."""
    app = receiver_app(received)
    # force_exit: the /slow handler must not hold up shutdown
    async with serving_here(
        app, force_exit=True, access_log=False, lifespan="off", **ssl_options
    ) as base_url:
        yield int(base_url.rsplit(":", 1)[1])


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    received: list[Received] = []
    async for port in serve(received):
        yield Receiver(base=f"http://127.0.0.1:{port}", port=port, received=received)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with new_client() as http:
        yield http


# --- delivery over real HTTP ------------------------------------------------------------------


async def test_delivery_arrives_signed_with_exact_json(
    receiver: Receiver, client: httpx.AsyncClient
) -> None:
    before = int(time.time())
    attempt = await deliver(
        client, receiver.base + "/hook", SECRET, "evt_01HX", PAYLOAD, allow_private=True
    )

    assert attempt.delivered, attempt
    assert attempt.status_code == 204
    assert attempt.error is None
    assert 0 < attempt.duration_ms < 5000
    [got] = receiver.received
    assert got.authentic
    assert got.body == json.dumps(PAYLOAD, separators=(",", ":"), ensure_ascii=False).encode()
    assert json.loads(got.body) == PAYLOAD
    assert got.headers["webhook-id"] == "evt_01HX"
    timestamp = int(got.headers["webhook-timestamp"])
    assert before <= timestamp <= int(time.time())
    assert got.headers["webhook-signature"] == sign(SECRET, "evt_01HX", timestamp, got.body)
    assert got.headers["content-type"] == "application/json"
    assert got.headers["user-agent"] == "Rajut-Webhooks/1"
    assert got.headers["host"] == f"127.0.0.1:{receiver.port}"


async def test_retry_keeps_the_event_id_for_deduplication(
    receiver: Receiver, client: httpx.AsyncClient
) -> None:
    for _ in range(2):
        attempt = await deliver(
            client, receiver.base + "/hook", SECRET, "evt_same", PAYLOAD, allow_private=True
        )
        assert attempt.delivered
    assert [r.headers["webhook-id"] for r in receiver.received] == ["evt_same", "evt_same"]
    assert all(r.authentic for r in receiver.received)


async def test_receiver_rejecting_the_signature_is_not_delivered(
    receiver: Receiver, client: httpx.AsyncClient
) -> None:
    attempt = await deliver(
        client, receiver.base + "/hook", new_secret(), "evt_2", PAYLOAD, allow_private=True
    )
    assert (attempt.delivered, attempt.status_code) == (False, 401)
    assert not receiver.received[0].authentic


async def test_server_error_is_a_failed_attempt_with_a_short_snippet(
    receiver: Receiver, client: httpx.AsyncClient
) -> None:
    attempt = await deliver(
        client, receiver.base + "/fail", SECRET, "evt_3", PAYLOAD, allow_private=True
    )
    assert attempt.delivered is False
    assert attempt.status_code == 500
    assert attempt.error is not None
    assert attempt.error.startswith("HTTP 500: database on fire")
    assert len(attempt.error) < 300
    assert "\n" not in attempt.error


async def test_closed_port_gives_an_error_not_an_exception(client: httpx.AsyncClient) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # The socket is closed without listen(): nothing accepts on that port now.
    attempt = await deliver(
        client, f"http://127.0.0.1:{port}/hook", SECRET, "evt_4", PAYLOAD, allow_private=True
    )
    assert attempt.delivered is False
    assert attempt.status_code is None
    assert attempt.error and "ConnectError" in attempt.error


@pytest.mark.parametrize("code", [302, 307])
async def test_redirect_is_not_followed(
    receiver: Receiver, client: httpx.AsyncClient, code: int
) -> None:
    url = f"{receiver.base}/redirect?code={code}"
    attempt = await deliver(client, url, SECRET, "evt_5", PAYLOAD, allow_private=True)
    assert attempt.delivered is False
    assert attempt.status_code == code
    assert attempt.error and "not followed" in attempt.error
    assert [r.path for r in receiver.received] == ["/redirect"]  # /hook never reached


async def test_slow_receiver_times_out_within_the_budget(
    receiver: Receiver, client: httpx.AsyncClient
) -> None:
    attempt = await deliver(
        client,
        receiver.base + "/slow",
        SECRET,
        "evt_6",
        PAYLOAD,
        timeout=0.5,
        allow_private=True,
    )
    assert (attempt.delivered, attempt.status_code) == (False, None)
    assert attempt.error == "timed out after 0.5 s"
    assert attempt.duration_ms < 2000
    assert len(receiver.received) == 1  # the request did arrive: hence at-least-once


async def test_private_target_is_refused_again_at_delivery_time(
    receiver: Receiver, client: httpx.AsyncClient
) -> None:
    url = f"https://127.0.0.1:{receiver.port}/hook"
    attempt = await deliver(client, url, SECRET, "evt_7", PAYLOAD)
    assert attempt.delivered is False
    assert attempt.status_code is None
    assert attempt.error and attempt.error.startswith("refused:")
    assert "loopback" in attempt.error
    assert receiver.received == []


async def test_connection_is_pinned_but_host_header_keeps_the_name(receiver: Receiver) -> None:
    """The request goes to the address that was checked, not to a second lookup's answer."""
    sent_to: list[str] = []

    async def note(request: httpx.Request) -> None:
        sent_to.append(request.url.host)

    url = f"http://localhost:{receiver.port}/hook"
    async with new_client() as http:
        http.event_hooks["request"] = [note]
        attempt = await deliver(http, url, SECRET, "evt_8", PAYLOAD, allow_private=True)
    assert attempt.delivered, attempt
    assert sent_to and sent_to[-1] == "127.0.0.1"  # the checked address, not the name
    assert receiver.received[0].headers["host"] == f"localhost:{receiver.port}"


def self_signed_localhost(directory: Path) -> tuple[Path, Path]:
    """A certificate valid for the name "localhost" only (no IP address in it)."""
    pytest.importorskip("cryptography")
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


async def test_https_pinned_to_the_ip_still_verifies_the_certificate_name(
    tmp_path: Path,
) -> None:
    """We connect to 127.0.0.1, yet TLS must check the certificate against "localhost"."""
    cert_path, key_path = self_signed_localhost(tmp_path)
    trust = ssl.create_default_context(cafile=str(cert_path))
    received: list[Received] = []
    async for port in serve(received, ssl_certfile=str(cert_path), ssl_keyfile=str(key_path)):
        async with new_client(verify=trust) as http:
            ok = await deliver(
                http, f"https://localhost:{port}/hook", SECRET, "evt_9", PAYLOAD, allow_private=True
            )
            by_ip = await deliver(
                http,
                f"https://127.0.0.1:{port}/hook",
                SECRET,
                "evt_10",
                PAYLOAD,
                allow_private=True,
            )
    assert ok.delivered, ok
    assert [r.headers["webhook-id"] for r in received] == ["evt_9"]
    assert received[0].authentic
    # The certificate does not name 127.0.0.1, so verification really happens.
    assert by_ip.delivered is False
    assert by_ip.error and "ConnectError" in by_ip.error


# --- signatures -------------------------------------------------------------------------------


def signed(secret: str, body: bytes, *, timestamp: int | None = None) -> dict[str, str]:
    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "webhook-id": "evt_x",
        "webhook-timestamp": str(ts),
        "webhook-signature": sign(secret, "evt_x", ts, body),
    }


def test_sign_matches_the_standard_webhooks_reference_vector() -> None:
    # Test vector from the Standard Webhooks reference libraries' test suites.
    signature = sign(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        b'{"test": 2432232314}',
    )
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_new_secret_is_whsec_base64_of_enough_random_bytes() -> None:
    secret = new_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"), validate=True)) >= 24
    assert new_secret() != secret


def test_sign_refuses_ids_with_dots_and_weak_secrets() -> None:
    with pytest.raises(ValueError):
        sign(SECRET, "evt.1", 1, b"{}")
    with pytest.raises(ValueError):
        sign("whsec_" + base64.b64encode(b"short").decode(), "evt_1", 1, b"{}")
    with pytest.raises(ValueError):
        sign("whsec_not base64!", "evt_1", 1, b"{}")


def test_verify_accepts_a_fresh_genuine_request() -> None:
    body = encode_body(PAYLOAD)
    assert verify(SECRET, signed(SECRET, body), body)


def test_verify_header_names_are_case_insensitive() -> None:
    body = b"{}"
    headers = {name.title(): value for name, value in signed(SECRET, body).items()}
    assert verify(SECRET, headers, body)


def test_verify_rejects_a_tampered_body() -> None:
    body = encode_body(PAYLOAD)
    headers = signed(SECRET, body)
    assert not verify(SECRET, headers, body.replace(b'"done":3', b'"done":7'))


def test_verify_rejects_the_wrong_secret() -> None:
    body = encode_body(PAYLOAD)
    assert not verify(new_secret(), signed(SECRET, body), body)


def test_verify_rejects_stale_and_future_timestamps() -> None:
    body = b"{}"
    now = int(time.time())
    assert verify(SECRET, signed(SECRET, body, timestamp=now - 290), body)
    assert not verify(SECRET, signed(SECRET, body, timestamp=now - 310), body)
    assert not verify(SECRET, signed(SECRET, body, timestamp=now + 310), body)
    assert verify(SECRET, signed(SECRET, body, timestamp=now - 310), body, tolerance=600)


def test_verify_rejects_a_changed_id_or_timestamp() -> None:
    body = b"{}"
    headers = signed(SECRET, body)
    assert not verify(SECRET, {**headers, "webhook-id": "evt_y"}, body)
    shifted = str(int(headers["webhook-timestamp"]) - 1)
    assert not verify(SECRET, {**headers, "webhook-timestamp": shifted}, body)


def test_verify_accepts_any_matching_signature_among_several() -> None:
    body = b"{}"
    headers = signed(SECRET, body)
    other = sign(new_secret(), "evt_x", int(headers["webhook-timestamp"]), body)
    rotated = f"{other} v1a,bm90IGEgc2lnbmF0dXJl {headers['webhook-signature']}"
    assert verify(SECRET, {**headers, "webhook-signature": rotated}, body)
    assert not verify(SECRET, {**headers, "webhook-signature": other}, body)


@pytest.mark.parametrize("missing", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_verify_rejects_missing_headers(missing: str) -> None:
    body = b"{}"
    headers = signed(SECRET, body)
    del headers[missing]
    assert not verify(SECRET, headers, body)


def test_verify_rejects_a_malformed_timestamp() -> None:
    body = b"{}"
    headers = signed(SECRET, body)
    assert not verify(SECRET, {**headers, "webhook-timestamp": "soon"}, body)


# --- target checks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://10.0.0.5/hook",
        "https://192.168.1.1/hook",
        "https://172.16.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://localhost/hook",
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook",
        "https://100.64.0.1/hook",
        "https://240.0.0.1/hook",
        "https://[fe80::1]/hook",
        "https://[fd00::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[64:ff9b::a00:5]/hook",
        "https://[2002:a00:5::1]/hook",
    ],
)
async def test_check_target_refuses_internal_addresses(url: str) -> None:
    with pytest.raises(BadInput) as refused:
        await check_target(url, allow_private=False)
    assert refused.value.field == "url"
    assert "non-public" in refused.value.message


async def test_check_target_refuses_plain_http_without_allow_private() -> None:
    with pytest.raises(BadInput) as refused:
        await check_target("http://1.1.1.1/hook", allow_private=False)
    assert refused.value.field == "url"
    assert "https" in refused.value.message


@pytest.mark.parametrize("url", ["ftp://1.1.1.1/hook", "https:///hook", "hook", ""])
async def test_check_target_refuses_malformed_urls(url: str) -> None:
    with pytest.raises(BadInput) as refused:
        await check_target(url, allow_private=True)
    assert refused.value.field == "url"


async def test_check_target_accepts_a_public_literal_address() -> None:
    # A literal IP is checked without any lookup or connection.
    await check_target("https://1.1.1.1/hook", allow_private=False)
    await check_target("https://[2606:4700:4700::1111]:8443/hook", allow_private=False)


async def test_check_target_accepts_loopback_with_allow_private() -> None:
    await check_target("http://127.0.0.1:8000/hook", allow_private=True)
    await check_target("https://[::1]/hook", allow_private=True)


# --- retry schedule ---------------------------------------------------------------------------


def test_next_delay_follows_the_schedule_with_bounded_jitter() -> None:
    rng = random.Random(7)
    expected = [5, 30, 120, 600, 3600, 21600, 86400]
    for number, base in enumerate(expected, start=1):
        delays = {next_delay(number, rng=rng).total_seconds() for _ in range(50)}
        assert all(0.8 * base <= d <= 1.2 * base for d in delays), (number, delays)
        assert len(delays) > 1  # jittered, not a fixed value
    assert [d.total_seconds() for d in RETRY_SCHEDULE] == expected


def test_next_delay_caps_at_a_day_and_attempts_are_bounded() -> None:
    assert next_delay(50).total_seconds() <= 1.2 * 86400
    assert MAX_ATTEMPTS == 8
    with pytest.raises(ValueError):
        next_delay(0)


# --- Retry-After and 410 Gone -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "after", "expected"),
    [
        (429, "120", dt.timedelta(seconds=120)),
        (503, "7", dt.timedelta(seconds=7)),
        (503, "999999999", MAX_RETRY_AFTER),
        (503, "soon", None),
        (500, "120", None),  # only 429 and 503 carry a meaningful Retry-After
        (429, None, None),
    ],
)
async def test_retry_after_is_read_from_429_and_503(
    receiver: Receiver,
    client: httpx.AsyncClient,
    status: int,
    after: str | None,
    expected: dt.timedelta | None,
) -> None:
    url = f"{receiver.base}/refuse?status={status}" + (f"&after={after}" if after else "")
    attempt = await deliver(client, url, SECRET, "evt_11", PAYLOAD, allow_private=True)
    assert (attempt.delivered, attempt.status_code) == (False, status)
    assert attempt.retry_after == expected
    assert not attempt.gone


async def test_gone_is_recognised(receiver: Receiver, client: httpx.AsyncClient) -> None:
    url = f"{receiver.base}/refuse?status=410"
    attempt = await deliver(client, url, SECRET, "evt_12", PAYLOAD, allow_private=True)
    assert attempt.gone and not attempt.delivered


def test_parse_retry_after_reads_seconds_and_http_dates_and_caps_them() -> None:
    now = dt.datetime(2026, 5, 9, 7, 0, tzinfo=dt.UTC)
    assert parse_retry_after("30", now=now) == dt.timedelta(seconds=30)
    assert parse_retry_after(" 0 ", now=now) == dt.timedelta(0)
    in_an_hour = "Sat, 09 May 2026 08:00:00 GMT"
    assert parse_retry_after(in_an_hour, now=now) == dt.timedelta(hours=1)
    assert parse_retry_after("Fri, 08 May 2026 08:00:00 GMT", now=now) == dt.timedelta(0)
    assert parse_retry_after("Tue, 12 May 2026 07:00:00 GMT", now=now) == MAX_RETRY_AFTER
    assert parse_retry_after("9" * 40, now=now) == MAX_RETRY_AFTER
    assert dt.timedelta(hours=24) == MAX_RETRY_AFTER  # the schedule's longest step
    for junk in ("", None, "-5", "1.5", "tomorrow", "Sat, 99 Foo 2026", "٣٠"):
        assert parse_retry_after(junk, now=now) is None, junk
