"""A relationship's sessions, feedback and check-in tabs: the slot finder across time zones,
rescheduling and cancelling, calendar downloads and the private feed, feedback after a held
session, and a check-in with a blameless re-match request.

Logins: mentee001 and mentor01 (their 1:1 in the running programme; only sessions these tests
create are moved or cancelled), and mentee070 with mentor19 (a fresh relationship in the open
programme, for the check-in).
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import sqlite3
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import DESKTOP, Demo, check_a11y, screenshot

MENTEE, MENTOR = "mentee001@rajut.test", "mentor01@rajut.test"
JAKARTA, JAYAPURA = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Jayapura")
HEADINGS = {"sessions": "Sesi", "feedback": "Umpan balik sesi", "checkin": "Check-in"}

SESSION_FIELDS = (
    "id startsAt endsAt status sequence cancelReason agenda myFeedback { rating comment }"
)
SESSIONS = f"query($r: ID!) {{ sessions(relationshipId: $r) {{ {SESSION_FIELDS} }} }}"
SCHEDULE = """mutation($i: SessionInput!) { scheduleSession(input: $i) { id startsAt endsAt } }"""
CANCEL = 'mutation($s: ID!) { cancelSession(sessionId: $s, reason: "uji") { status } }'
SUGGEST = """query($r: ID!, $a: DateTime!, $b: DateTime!) {
  suggestSessionTimes(relationshipId: $r, start: $a, end: $b, minutes: 60) { startsAt endsAt } }"""


# --- where the tabs live (one place to change when the mentorship screen hosts them) --------


def tab_path(relationship: str, tab: str = "sessions") -> str:
    """The tab's address on the relationship's screen (sessions, feedback or checkin)."""
    return f"/mentorships/{relationship}?tab={tab}"


def open_tab(
    open_app, demo: Demo, email: str, relationship: str, tab: str = "sessions", **kw
) -> Page:
    """The tab, signed in as `email` with a token kept for the whole run: the demo allows few
    logins a minute per account and per address, and these tests open many pages."""
    path = tab_path(relationship, tab)
    page = open_app(None, path, **kw)
    expect(page.get_by_role("heading", name="Masuk", exact=True)).to_be_visible()
    page.evaluate("t => localStorage.setItem('rajut.token', t)", token_of(demo, email))
    page.reload()  # signed in now, the sign-in page goes on to the tab
    expect(page.get_by_role("heading", name=HEADINGS[tab], exact=True, level=2)).to_be_visible()
    return page


def tab(page: Page, name: str) -> Locator:
    """The tab's own section (the standalone screen shows them all)."""
    return page.get_by_role("region", name=HEADINGS[name], exact=True)


def session_item(page: Page, agenda: str, section: str = "sessions") -> Locator:
    return tab(page, section).get_by_role("listitem").filter(has_text=agenda)


# --- API helpers ----------------------------------------------------------------------------


def token_of(demo: Demo, email: str) -> str:
    """A token for a demo login (the demo keeps one per person for the run)."""
    return demo.login(email)


def relationship_of(demo: Demo, token: str) -> str:
    found = demo.graphql("{ myRelationships { id status } }", token=token)["myRelationships"]
    return next(r["id"] for r in found if r["status"] == "ACTIVE")


def session_by_agenda(demo: Demo, token: str, relationship: str, agenda: str) -> dict:
    sessions = demo.graphql(SESSIONS, {"r": relationship}, token)["sessions"]
    return next(s for s in sessions if s["agenda"] == agenda)


def free_slots(demo: Demo, token: str, relationship: str) -> list[dict]:
    start = datetime.now(UTC)
    slots = demo.graphql(
        SUGGEST,
        {"r": relationship, "a": start.isoformat(), "b": (start + timedelta(days=20)).isoformat()},
        token,
    )["suggestSessionTimes"]
    assert len(slots) >= 2, slots
    return slots


def try_graphql(demo: Demo, query: str, variables: dict, token: str) -> dict:
    """Like demo.graphql, but answers the errors instead of failing."""
    request = urllib.request.Request(
        f"{demo.base_url}/graphql",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={"content-type": "application/json", "authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def past_session(demo: Demo, token: str, relationship: str, agenda: str) -> str:
    """A session that started yesterday and nobody recorded yet (the first free hour found)."""
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=30)
    for hours in range(0, 48, 2):
        at = start - timedelta(hours=hours)
        answer = try_graphql(
            demo,
            SCHEDULE,
            {
                "i": {
                    "relationshipId": relationship,
                    "startsAt": at.isoformat(),
                    "endsAt": (at + timedelta(hours=1)).isoformat(),
                    "agenda": agenda,
                }
            },
            token,
        )
        if not answer.get("errors"):
            return answer["data"]["scheduleSession"]["id"]
    raise AssertionError("no free hour for a past session")


def hhmm(iso: str, zone: ZoneInfo) -> str:
    """The clock time as id-ID writes it ("20.00")."""
    return f"{datetime.fromisoformat(iso).astimezone(zone):%H.%M}"


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers["content-type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("content-type", ""), ""


# --- tests ----------------------------------------------------------------------------------


def test_slot_finder_schedules_and_each_side_sees_their_own_time(open_app, demo) -> None:
    token = token_of(demo, MENTEE)
    relationship = relationship_of(demo, token)
    agenda = f"Uji jadwal {uuid.uuid4().hex[:8]}"
    mentee = open_tab(open_app, demo, MENTEE, relationship, timezone="Asia/Jakarta")
    sessions = tab(mentee, "sessions")
    expect(sessions.get_by_text("zona waktu perangkat Anda (Asia/Jakarta)")).to_be_visible()
    sessions.get_by_role("button", name="Cari waktu").click()
    suggested = sessions.get_by_role("group", name="Waktu yang disarankan")
    first = suggested.get_by_role("radio").first
    expect(first).to_be_visible()
    # every suggestion shows the other participant's own clock too
    expect(suggested.get_by_role("listitem").first).to_contain_text("Dimas Wibowo:")
    check_a11y(mentee)
    screenshot(mentee, "sessions-slot-finder")
    first.check()
    expect(sessions.get_by_label("Waktu mulai")).not_to_have_value("")
    sessions.get_by_label("Agenda (boleh dikosongkan)").fill(agenda)
    sessions.get_by_role("button", name="Jadwalkan sesi").click()
    expect(sessions.get_by_text("Sesi dijadwalkan:")).to_be_visible()

    created = session_by_agenda(demo, token, relationship, agenda)
    assert created["status"] == "SCHEDULED"
    item = session_item(mentee, agenda)
    expect(item).to_contain_text(hhmm(created["startsAt"], JAKARTA))
    expect(item).to_contain_text("Terjadwal")

    # the mentor, two hours east, sees the same session on their own clock
    mentor = open_tab(
        open_app, demo, MENTOR, relationship, viewport=DESKTOP, timezone="Asia/Jayapura"
    )
    theirs = session_item(mentor, agenda)
    expect(theirs).to_contain_text(hhmm(created["startsAt"], JAYAPURA))
    expect(theirs).not_to_contain_text(hhmm(created["startsAt"], JAKARTA))
    expect(tab(mentor, "sessions").get_by_text("perangkat Anda (Asia/Jayapura)")).to_be_visible()
    check_a11y(mentor)
    screenshot(mentor, "sessions")
    screenshot(mentee, "sessions")
    demo.graphql(CANCEL, {"s": created["id"]}, token)  # leave the demo's calendar as it was


def test_reschedule_by_hand_then_cancel_with_a_reason(open_app, demo) -> None:
    token = token_of(demo, MENTEE)
    relationship = relationship_of(demo, token)
    agenda = f"Uji ubah {uuid.uuid4().hex[:8]}"
    first, second = free_slots(demo, token, relationship)[:2]
    demo.graphql(
        SCHEDULE,
        {"i": {"relationshipId": relationship, **first, "agenda": agenda}},
        token,
    )
    page = open_tab(open_app, demo, MENTEE, relationship)
    item = session_item(page, agenda)
    expect(item).to_contain_text(hhmm(first["startsAt"], JAKARTA))

    item.get_by_role("button", name="Ubah jadwal").click()
    new_start = datetime.fromisoformat(second["startsAt"]).astimezone(JAKARTA)
    item.get_by_label("Waktu mulai").fill(f"{new_start:%Y-%m-%dT%H:%M}")
    expect(item.get_by_text("Dimas Wibowo:")).to_be_visible()  # the mentor's clock for it
    check_a11y(page)
    item.get_by_role("button", name="Simpan waktu baru").click()
    expect(tab(page, "sessions").get_by_text("Jadwal diubah ke")).to_be_visible()
    moved = session_by_agenda(demo, token, relationship, agenda)
    assert (moved["startsAt"], moved["sequence"]) == (
        new_start.astimezone(UTC).isoformat(),
        1,
    )
    expect(session_item(page, agenda)).to_contain_text(hhmm(second["startsAt"], JAKARTA))

    item = session_item(page, agenda)
    item.get_by_role("button", name="Batalkan sesi").click()
    item.get_by_label("Alasan (boleh dikosongkan)").fill("Bentrok dengan acara keluarga")
    item.get_by_role("button", name="Ya, batalkan sesi").click()
    expect(tab(page, "sessions").get_by_text("dibatalkan.")).to_be_visible()
    cancelled = session_item(page, agenda)
    expect(cancelled).to_contain_text("Dibatalkan")
    expect(cancelled).to_contain_text("Bentrok dengan acara keluarga")
    expect(cancelled.get_by_role("button", name="Ubah jadwal")).to_have_count(0)
    after = session_by_agenda(demo, token, relationship, agenda)
    assert (after["status"], after["cancelReason"]) == (
        "CANCELLED",
        "Bentrok dengan acara keluarga",
    )


def test_calendar_download_and_the_private_feed(open_app, demo) -> None:
    token = token_of(demo, MENTEE)
    relationship = relationship_of(demo, token)
    agenda = f"Uji kalender {uuid.uuid4().hex[:8]}"
    slot = free_slots(demo, token, relationship)[0]
    upcoming = demo.graphql(
        SCHEDULE, {"i": {"relationshipId": relationship, **slot, "agenda": agenda}}, token
    )["scheduleSession"]
    page = open_tab(open_app, demo, MENTEE, relationship)
    item = session_item(page, agenda)
    with (
        page.expect_response(lambda r: "/calendar/sessions/" in r.url) as answer,
        page.expect_download() as download,
    ):
        item.get_by_role("button", name="Simpan ke kalender (.ics)").click()
    assert answer.value.status == 200
    assert answer.value.headers["content-type"].startswith("text/calendar")
    saved = download.value
    assert saved.suggested_filename.endswith(".ics")
    body = saved.path().read_text(encoding="utf-8")
    start = datetime.fromisoformat(upcoming["startsAt"]).astimezone(UTC)
    assert "BEGIN:VCALENDAR" in body and f"DTSTART:{start:%Y%m%dT%H%M%SZ}" in body

    feed = tab(page, "sessions").get_by_role("region", name="Langganan kalender")
    feed.get_by_role("button", name="Buat tautan kalender").click()
    url = feed.get_by_label("Tautan kalender pribadi Anda")
    expect(url).to_have_value(re.compile(r"/calendar/feed/[^/]+\.ics$"))
    path = "/calendar/feed/" + url.input_value().split("/calendar/feed/", 1)[1]
    status, kind, text = get(demo.base_url + path)
    assert (status, kind.split(";")[0]) == (200, "text/calendar") and "BEGIN:VCALENDAR" in text
    check_a11y(page)
    feed.get_by_role("button", name="Cabut tautan kalender").click()
    expect(feed.get_by_text("Tautan kalender dicabut.")).to_be_visible()
    expect(url).to_have_count(0)
    assert get(demo.base_url + path)[0] == 404
    demo.graphql(CANCEL, {"s": upcoming["id"]}, token)


def test_record_a_past_session_held_then_give_feedback(open_app, demo) -> None:
    mentor_token, token = token_of(demo, MENTOR), token_of(demo, MENTEE)
    relationship = relationship_of(demo, token)
    agenda = f"Uji umpan balik {uuid.uuid4().hex[:8]}"
    session = past_session(demo, mentor_token, relationship, agenda)

    mentor = open_tab(open_app, demo, MENTOR, relationship)
    item = session_item(mentor, agenda)
    expect(item).to_contain_text("Kehadiran belum dicatat")
    item.get_by_role("button", name="Catat kehadiran").click()
    attendance = item.get_by_role("group", name="Siapa saja yang hadir?")
    expect(attendance.get_by_role("checkbox", name="Kartika Pratiwi")).to_be_checked()
    expect(attendance.get_by_role("checkbox", name="Dimas Wibowo")).to_be_checked()
    check_a11y(mentor)
    item.get_by_role("button", name="Tandai sudah berlangsung").click()
    expect(tab(mentor, "sessions").get_by_text("Sesi dicatat sudah berlangsung.")).to_be_visible()
    expect(session_item(mentor, agenda)).to_contain_text("Sudah berlangsung")
    assert session_by_agenda(demo, token, relationship, agenda)["status"] == "HELD"

    mentee = open_tab(open_app, demo, MENTEE, relationship, "feedback")
    held = session_item(mentee, agenda, "feedback")
    # what the mentee gave on the demo's own held sessions shows as given, with no form
    expect(tab(mentee, "feedback").get_by_text("Nilai dari Anda: 4 dari 5").first).to_be_visible()
    held.get_by_label("Catatan (boleh dikosongkan)").fill(
        "Contoh dari kampanye lain sangat membantu"
    )
    mentee.reload()  # the comment is a draft kept on the device
    held = session_item(mentee, agenda, "feedback")
    expect(held.get_by_label("Catatan (boleh dikosongkan)")).to_have_value(
        "Contoh dari kampanye lain sangat membantu"
    )
    held.get_by_role("button", name="Kirim umpan balik").click()
    expect(held.get_by_text("Pilih nilai dari 1 sampai 5.")).to_be_visible()
    check_a11y(mentee)
    held.get_by_role("group", name="Seberapa bermanfaat sesi ini bagi Anda?").get_by_role(
        "radio", name="4", exact=True
    ).check()
    held.get_by_role("button", name="Kirim umpan balik").click()
    expect(
        tab(mentee, "feedback").get_by_text("Terima kasih atas umpan balik Anda.")
    ).to_be_visible()
    given = session_item(mentee, agenda, "feedback")
    expect(given).to_contain_text("Nilai dari Anda: 4 dari 5")
    expect(given).to_contain_text("Contoh dari kampanye lain sangat membantu")
    expect(given.get_by_role("button", name="Kirim umpan balik")).to_have_count(0)
    assert session_by_agenda(demo, token, relationship, agenda)["myFeedback"] == {
        "rating": 4,
        "comment": "Contoh dari kampanye lain sangat membantu",
    }
    tab(mentee, "feedback").scroll_into_view_if_needed()
    screenshot(mentee, "sessions-feedback")
    mentee.set_viewport_size(DESKTOP)
    screenshot(mentee, "sessions-feedback")
    assert session


def fresh_relationship(demo: Demo, mentee: str, mentor: str) -> str:
    """An active relationship of `mentee` with `mentor` in the open programme, made through the
    API (request, accept, both acknowledge the guidelines), started 31 days ago so the first
    check-in is due."""
    mentee_token, mentor_token = token_of(demo, mentee), token_of(demo, mentor)
    organisation = demo.graphql("{ myOrganisations { id } }", token=mentee_token)[
        "myOrganisations"
    ][0]["id"]
    programmes = demo.graphql(
        "query($o: ID!) { programmes(organisationId: $o) { id status } }",
        {"o": organisation},
        mentee_token,
    )["programmes"]
    programme = next(p["id"] for p in programmes if p["status"] == "REGISTRATION_OPEN")
    mentor_id = demo.graphql("{ me { user { id } } }", token=mentor_token)["me"]["user"]["id"]
    request = demo.graphql(
        "mutation($p: ID!, $m: ID!) { requestMentor(programmeId: $p, mentorId: $m, "
        'message: "Saya ingin belajar menulis cerita kampanye.") { id } }',
        {"p": programme, "m": mentor_id},
        mentee_token,
    )["requestMentor"]["id"]
    relationship = demo.graphql(
        "mutation($r: ID!) { acceptRequest(requestId: $r) { relationshipId } }",
        {"r": request},
        mentor_token,
    )["acceptRequest"]["relationshipId"]
    for person in (mentee_token, mentor_token):
        demo.graphql(
            "mutation($r: ID!) { acknowledgeGuidelines(relationshipId: $r) { status } }",
            {"r": relationship},
            person,
        )
    number = int(base64.b64decode(relationship).decode().split(":")[1])
    started = datetime.now(UTC) - timedelta(days=31)
    with contextlib.closing(sqlite3.connect(demo.database)) as db, db:
        db.execute(
            "UPDATE relationships SET started_at = ? WHERE id = ?",
            (started.isoformat(sep=" "), number),
        )
    return relationship


def test_check_in_in_the_readers_language_with_a_rematch_request(open_app, demo) -> None:
    relationship = fresh_relationship(demo, "mentee070@rajut.test", "mentor19@rajut.test")
    page = open_tab(
        open_app, demo, "mentee070@rajut.test", relationship, "checkin", timezone="Asia/Jayapura"
    )
    checkin = tab(page, "checkin")
    working = checkin.get_by_role("group", name="Apakah pendampingan ini berjalan baik?")
    progress = checkin.get_by_role("group", name="Seberapa jauh kemajuan Anda?")
    expect(working).to_be_visible()
    checkin.get_by_role("button", name="Kirim check-in").click()
    expect(working.get_by_text("Pilih jawaban dari 1 sampai 5.")).to_be_visible()

    page.get_by_role("button", name="English").click()  # the questions follow the reader
    expect(checkin.get_by_role("group", name="Is this pairing working?")).to_be_visible()
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(working).to_be_visible()

    working.get_by_role("radio", name="2", exact=True).check()
    progress.get_by_role("radio", name="3", exact=True).check()
    checkin.get_by_label("Saya ingin mencoba pasangan pendampingan lain").check()
    expect(checkin.get_by_text("bukan kesalahan siapa pun")).to_be_visible()
    checkin.get_by_label("Apa yang akan membantu Anda? (boleh dikosongkan)").fill(
        "Jadwal kami jarang cocok; saya butuh mentor di sore hari"
    )
    check_a11y(page)
    screenshot(page, "sessions-checkin")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "sessions-checkin")
    checkin.get_by_role("button", name="Kirim check-in").click()
    expect(checkin.get_by_text("Terima kasih, check-in Anda sudah terkirim.")).to_be_visible()
    expect(checkin.get_by_text("Anda sudah mengisi check-in ke-1")).to_be_visible()

    token = token_of(demo, "mentee070@rajut.test")
    due = demo.graphql(
        "query($r: ID!) { checkIn(relationshipId: $r) { round answered } }",
        {"r": relationship},
        token,
    )["checkIn"]
    assert due == {"round": 1, "answered": True}
    coordinator = token_of(demo, "koordinator@rajut.test")
    programme = demo.graphql(
        "query($r: ID!) { node(id: $r) { ... on Relationship { programme { id } } } }",
        {"r": relationship},
        token,
    )["node"]["programme"]["id"]
    queue = demo.graphql(
        "query($p: ID!) { rematchQueue(programmeId: $p) { relationshipId reason } }",
        {"p": programme},
        coordinator,
    )["rematchQueue"]
    assert {
        "relationshipId": relationship,
        "reason": "Jadwal kami jarang cocok; saya butuh mentor di sore hari",
    } in queue
