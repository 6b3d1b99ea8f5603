"""The live room: WebRTC video and audio between real Chromium contexts (fake camera and
microphone), presence, chat, hands, mute, audio-only, relay mode, a dropped connection, and the
shared notes editor (yjs over the y-websocket endpoint).

Only mentor04 and the mentees of their group (mentee002-004) come in here, into the group's
call room (the demo's sessions are not open now: one is tested closed). Nobody cancels
sessions or ends the relationship.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import DESKTOP, PHONE, Demo, check_a11y, screenshot

MENTOR = "mentor04@rajut.test"
MENTEES = ["mentee002@rajut.test", "mentee003@rajut.test", "mentee004@rajut.test"]
NAMES = {}  # email → display name, filled by the fixture

GROUP = "query { myRelationships { id mentoringModel members { id } } }"
CALL_ROOM = "query($r: ID!) { callRoom(relationshipId: $r) { id mode } }"
SET_MODE = "mutation($r: ID!, $m: RoomMode!) { setRoomMode(roomId: $r, mode: $m) { mode } }"
PEOPLE = """query($r: ID!) { node(id: $r) { ... on Room {
  participants { user { displayName } muted handRaised } } } }"""
MESH = "Mode langsung: tiap peserta tersambung satu sama lain."
RELAY = "Mode relai: semua suara dan video lewat server."
JOIN_TIMEOUT = 40_000  # media through a loaded machine, or a relay re-encoding three people

# A remote <video> is playing: a picture, time moving, and (for audio) a track receiving RTP.
# The previous currentTime is kept on the element between polls.
PLAYING = """([video, wantVideo]) => {
  const stream = video.srcObject;
  if (!stream) return false;
  const audio = stream.getAudioTracks().some((t) => t.readyState === "live" && !t.muted);
  const moved = video.__t !== undefined && video.currentTime > video.__t;
  video.__t = video.currentTime;
  const picture = video.videoWidth > 0 && stream.getVideoTracks().some((t) => !t.muted);
  return audio && moved && (wantVideo ? picture : stream.getVideoTracks().length === 0);
}"""


# what each tile shows, for a failure message
TILES = """() => [...document.querySelectorAll("figure")].map((f) => {
  const v = f.querySelector("video"), s = v.srcObject;
  return [f.querySelector("figcaption").textContent, v.videoWidth, v.currentTime, v.readyState,
          s ? s.getTracks().map((t) => `${t.kind}:${t.readyState}:${t.muted}`) : null];
})"""


@pytest.fixture(scope="module")
def group(demo: Demo) -> Iterator[dict[str, str]]:
    """The group's relationship and call room (as a mesh), and everyone's display name."""
    token = demo.login(MENTOR)
    relationships = demo.graphql(GROUP, token=token)["myRelationships"]
    relationship = next(r["id"] for r in relationships if r["mentoringModel"] == "GROUP")
    room = demo.graphql(CALL_ROOM, {"r": relationship}, token)["callRoom"]["id"]
    demo.graphql(SET_MODE, {"r": room, "m": "MESH"}, token)
    for email in [MENTOR, *MENTEES]:
        me = demo.graphql("{ me { user { displayName } } }", token=demo.login(email))
        NAMES[email] = me["me"]["user"]["displayName"]
    yield {"relationship": relationship, "room": room, "token": token}
    demo.graphql(SET_MODE, {"r": room, "m": "MESH"}, token)


def enter(open_app, email: str, group: dict, audio_only=False, lobby="", **options) -> Page:
    """Open the group's call room as `email` and join (from the lobby, screenshot if named)."""
    page = open_app(email, f"/room/call/{group['relationship']}", **options)
    expect(page.get_by_role("heading", name="Ruang panggilan", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Siap bergabung?")).to_be_visible()
    if lobby:
        check_a11y(page)
        screenshot(page, lobby)
    if audio_only:
        page.get_by_label("Hanya suara").check()
    page.get_by_role("button", name="Gabung", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=re.compile("^Mode "))).to_be_visible()
    return page


def tile(page: Page, email: str):
    return page.get_by_role("figure", name=re.compile("^" + re.escape(NAMES[email])))


def expect_playing(page: Page, email: str, video: bool = True) -> None:
    """Someone's media plays in `page`: picture (or none, audio-only) and sound arriving."""
    handle = tile(page, email).locator("video").element_handle(timeout=JOIN_TIMEOUT)
    try:
        page.wait_for_function(PLAYING, arg=[handle, video], polling=300, timeout=JOIN_TIMEOUT)
    except PlaywrightTimeout:
        raise AssertionError(f"{NAMES[email]} not playing: {page.evaluate(TILES)}") from None


def people(page: Page):
    return page.get_by_role("region", name=re.compile("^Peserta")).get_by_role("listitem")


def test_two_people_see_hear_chat_and_write_notes_together(open_app, demo, group) -> None:
    mentor = enter(open_app, MENTOR, group, lobby="room-lobby", viewport=DESKTOP)
    mentee = enter(open_app, MENTEES[0], group, lobby="room-lobby", viewport=PHONE)

    # each sees and hears the other
    expect_playing(mentor, MENTEES[0])
    expect_playing(mentee, MENTOR)
    for page in (mentor, mentee):
        expect(people(page)).to_have_count(2)
        expect(people(page).filter(has_text=NAMES[MENTOR])).to_have_count(1)
        expect(people(page).filter(has_text=NAMES[MENTEES[0]])).to_have_count(1)
    assert mentor.evaluate("() => document.querySelector('[data-self] video').muted")

    # chat arrives in the other context, announced politely
    text = f"Halo dari ruang {uuid.uuid4().hex[:6]}"
    mentor.get_by_label("Pesan", exact=True).fill(text)
    mentor.get_by_role("button", name="Kirim").click()
    expect(mentee.get_by_role("log", name="Riwayat obrolan")).to_contain_text(text)
    expect(mentor.get_by_label("Pesan", exact=True)).to_have_value("")

    # shared notes: typed in one, shown in the other, stored on the server
    note = f"Rencana: anggaran {uuid.uuid4().hex[:6]}"
    for page in (mentor, mentee):
        expect(page.get_by_text("Tersimpan dan terlihat oleh semua peserta.")).to_be_visible()
    editor = mentee.get_by_label("Isi catatan (Markdown)")
    editor.click()
    editor.press("Control+End")
    editor.press_sequentially("\n" + note)
    expect(mentor.get_by_label("Isi catatan (Markdown)")).to_have_value(re.compile(re.escape(note)))
    # and back the other way, into the middle of what is there
    mentor_editor = mentor.get_by_label("Isi catatan (Markdown)")
    mentor_editor.click()
    mentor_editor.press("Control+End")
    mentor_editor.press_sequentially(" (disetujui)")
    expect(editor).to_have_value(re.compile(re.escape(note + " (disetujui)")))
    notes = demo.graphql(
        "query($r: ID!) { relationshipNote(relationshipId: $r) { markdown } }",
        {"r": group["relationship"]},
        group["token"],
    )
    assert note + " (disetujui)" in notes["relationshipNote"]["markdown"]

    # mute and a raised hand show for the other person, and in the API
    mute = mentee.get_by_role("button", name="Bisukan mikrofon")
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    mic = "document.querySelector('[data-self] video').srcObject.getAudioTracks()[0]"
    assert mentee.evaluate(f"() => {mic}.enabled") is False
    mentee.get_by_role("button", name="Angkat tangan").click()
    row = people(mentor).filter(has_text=NAMES[MENTEES[0]])
    expect(row).to_contain_text("mikrofon mati")
    expect(row).to_contain_text("angkat tangan")
    expect(tile(mentor, MENTEES[0])).to_contain_text("mikrofon mati")
    here = demo.graphql(PEOPLE, {"r": group["room"]}, group["token"])["node"]["participants"]
    assert {p["user"]["displayName"]: (p["muted"], p["handRaised"]) for p in here} == {
        NAMES[MENTOR]: (False, False),
        NAMES[MENTEES[0]]: (True, True),
    }
    mute.click()
    expect(row).not_to_contain_text("mikrofon mati")
    # the mentor may ask someone to mute: their microphone goes off, and they are told who asked
    mentor.get_by_role("button", name=f"Minta {NAMES[MENTEES[0]]} membisukan mikrofon").click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    expect(mentee.get_by_text(f"{NAMES[MENTOR]} meminta Anda membisukan mikrofon.")).to_be_visible()
    expect(row).to_contain_text("mikrofon mati")

    check_a11y(mentor)
    check_a11y(mentee)
    screenshot(mentor, "room")
    screenshot(mentee, "room")

    # leaving: the other sees them go
    mentee.get_by_role("button", name="Keluar dari ruang").click()
    expect(mentee.get_by_role("button", name="Gabung lagi")).to_be_visible()
    expect(people(mentor)).to_have_count(1)


def test_audio_only_sends_no_video_and_the_camera_turns_off(open_app, group) -> None:
    watcher = enter(open_app, MENTEES[1], group)
    listener = enter(open_app, MENTEES[2], group, audio_only=True)
    expect(listener.get_by_role("button", name="Hanya suara")).to_have_attribute(
        "aria-pressed", "true"
    )
    # nothing from the camera is even captured, and the other side gets sound only
    assert (
        listener.evaluate(
            "() => document.querySelector('[data-self] video').srcObject.getVideoTracks().length"
        )
        == 0
    )
    expect_playing(watcher, MENTEES[2], video=False)
    # the listener hears the watcher but receives no picture either
    expect_playing(listener, MENTEES[1], video=False)

    # switching it off brings video both ways
    listener.get_by_role("button", name="Hanya suara").click()
    expect_playing(watcher, MENTEES[2])
    expect_playing(listener, MENTEES[1])

    # camera off: the camera is released and the other side sees an initial, not a picture
    camera = watcher.get_by_role("button", name="Matikan kamera")
    camera.click()
    expect(camera).to_have_attribute("aria-pressed", "true")
    own = "() => document.querySelector('[data-self] video').srcObject.getVideoTracks().length"
    assert watcher.evaluate(own) == 0
    expect(tile(listener, MENTEES[1]).locator(".avatar")).to_be_visible(timeout=JOIN_TIMEOUT)
    camera.click()
    expect(tile(listener, MENTEES[1]).locator(".avatar")).to_be_hidden(timeout=JOIN_TIMEOUT)
    expect_playing(listener, MENTEES[1])


def test_relay_mode_carries_three_people_through_the_server(open_app, demo, group) -> None:
    mentor = enter(open_app, MENTOR, group, viewport=DESKTOP)
    others = [enter(open_app, email, group) for email in MENTEES[1:]]
    everyone = {MENTOR: mentor, MENTEES[1]: others[0], MENTEES[2]: others[1]}
    # mentees may not switch; the mentor does, from the room
    expect(others[0].get_by_role("button", name="Pakai mode relai")).to_have_count(0)
    try:
        mentor.get_by_role("button", name="Pakai mode relai").click()
        for page in everyone.values():
            expect(
                page.get_by_text("Mode relai: semua suara dan video lewat server.")
            ).to_be_visible()
        for email, page in everyone.items():
            for other in everyone:
                if other != email:
                    expect_playing(page, other)
        mode = demo.graphql(CALL_ROOM, {"r": group["relationship"]}, group["token"])
        assert mode["callRoom"]["mode"] == "RELAY"
        check_a11y(mentor)
        # and back to a mesh: they still see each other
        mentor.get_by_role("button", name="Pakai mode langsung").click()
        expect(
            others[1].get_by_text("Mode langsung: tiap peserta tersambung satu sama lain.")
        ).to_be_visible()
        expect_playing(others[1], MENTOR)
    finally:
        demo.graphql(SET_MODE, {"r": group["room"], "m": "MESH"}, group["token"])


def test_a_dropped_connection_comes_back_into_the_room(open_app, group) -> None:
    steady = enter(open_app, MENTEES[1], group)
    # the traveller's GraphQL sockets go through a switch the test can flip
    sockets: list[tuple[WebSocketRoute, WebSocketRoute]] = []
    offline = {"now": False}

    def route(ws: WebSocketRoute) -> None:
        if offline["now"]:
            ws.close(code=1013, reason="offline")
            return
        sockets.append((ws, ws.connect_to_server()))

    traveller = open_app(MENTEES[2], f"/room/call/{group['relationship']}")
    traveller.route_web_socket(re.compile(r".*/graphql$"), route)
    traveller.reload()
    traveller.get_by_role("button", name="Gabung", exact=True).click()
    expect_playing(steady, MENTEES[2])
    expect_playing(traveller, MENTEES[1])

    # the phone loses its network: the socket dies, and new ones fail until it returns
    offline["now"] = True
    traveller.context.set_offline(True)
    for page_side, server_side in sockets:
        server_side.close()
        page_side.close(code=4499, reason="network lost")
    expect(traveller.get_by_text("Koneksi terputus, sedang menyambung lagi…")).to_be_visible()
    expect(people(steady)).to_have_count(1)

    offline["now"] = False
    traveller.context.set_offline(False)
    expect(people(steady)).to_have_count(2, timeout=JOIN_TIMEOUT)
    expect(
        traveller.get_by_text("Mode langsung: tiap peserta tersambung satu sama lain.")
    ).to_be_visible()
    # media flows again both ways
    expect_playing(steady, MENTEES[2])
    expect_playing(traveller, MENTEES[1])


def test_a_session_room_before_it_opens_says_when(open_app, demo, group) -> None:
    sessions = demo.graphql(
        "query($r: ID!) { sessions(relationshipId: $r) { id status startsAt } }",
        {"r": group["relationship"]},
        group["token"],
    )["sessions"]
    upcoming = next(s for s in sessions if s["status"] == "SCHEDULED")
    page = open_app(MENTEES[0], f"/room/session/{upcoming['id']}")
    expect(page.get_by_role("heading", name="Ruang sesi", level=1)).to_be_visible()
    expect(page.get_by_text(re.compile("^Ruang dibuka pada "))).to_be_visible()
    expect(page.get_by_role("button", name="Gabung", exact=True)).to_have_count(0)
    # the session's own notes are open before and after the call
    expect(page.get_by_text("Tersimpan dan terlihat oleh semua peserta.")).to_be_visible()
    expect(page.get_by_label("Isi catatan (Markdown)")).to_be_editable()
    check_a11y(page)


def test_notes_typed_while_their_socket_is_down_are_kept_and_merged_later(
    open_app, demo, group
) -> None:
    reachable = {"now": False}

    def notes_socket(ws: WebSocketRoute) -> None:
        if reachable["now"]:
            ws.connect_to_server()
        else:
            ws.close(code=1013, reason="unreachable")

    page = open_app(MENTEES[0], f"/room/call/{group['relationship']}")
    page.route_web_socket(re.compile(r".*/notes/.*"), notes_socket)
    page.reload()
    offline = (
        "Belum tersambung. Tulisan Anda disimpan di perangkat ini dan dikirim begitu tersambung."
    )
    expect(page.get_by_text(offline)).to_be_visible()
    text = f"Ditulis tanpa sinyal {uuid.uuid4().hex[:6]}"
    editor = page.get_by_label("Isi catatan (Markdown)")
    editor.press_sequentially(text)

    # the tab closes and opens again, still without the notes socket: the words are there
    page.reload()
    expect(page.get_by_text(offline)).to_be_visible()
    expect(editor).to_have_value(re.compile(re.escape(text)))

    # the socket comes back: the draft merges into the shared note, once
    reachable["now"] = True
    expect(page.get_by_text("Tersimpan dan terlihat oleh semua peserta.")).to_be_visible(
        timeout=JOIN_TIMEOUT
    )
    query = "query($r: ID!) { relationshipNote(relationshipId: $r) { markdown } }"
    note = demo.graphql(query, {"r": group["relationship"]}, group["token"])
    assert note["relationshipNote"]["markdown"].count(text) == 1
    expect(editor).to_have_value(re.compile(re.escape(text)))
    # and the device's copy has served its purpose
    kept = "() => Object.keys(localStorage).every((key) => !key.includes('notes-doc:'))"
    page.wait_for_function(kept)
