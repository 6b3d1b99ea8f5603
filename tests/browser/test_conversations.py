"""Conversations: live messages between two people, unread counts, read markers, editing and
deleting, paging back, and a draft that survives going offline.

Logins: mentor04's group with mentee003 and mentee004 (its conversation only); mentee001 for a
read-only look at the 1:1 list."""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, check_a11y, screenshot


def token_of(demo, email: str) -> str:
    """A token for a demo login (the demo keeps one per person for the run)."""
    return demo.login(email)


MENTOR = "mentor04@rajut.test"
MENTEE = "mentee003@rajut.test"
OTHER_MENTEE = "mentee004@rajut.test"

NAME = "{ me { user { displayName } } }"
RELATIONSHIPS = "{ myRelationships { id mentoringModel } }"
UNREAD = "query($r: ID!) { conversation(relationshipId: $r) { unreadCount } }"
NEWEST = """query($r: ID!) { conversation(relationshipId: $r) {
  messages(first: 5) { edges { node { body author { displayName } } } } } }"""
SEND = "mutation($r: ID!, $b: String!) { sendMessage(relationshipId: $r, body: $b) { id } }"


def group_of(demo, token: str) -> str:
    found = demo.graphql(RELATIONSHIPS, token=token)["myRelationships"]
    return next(r["id"] for r in found if r["mentoringModel"] == "GROUP")


def name_of(demo, token: str) -> str:
    return demo.graphql(NAME, token=token)["me"]["user"]["displayName"]


def message(page: Page, text: str):
    return page.get_by_role("list", name="Pesan").get_by_role("listitem").filter(has_text=text)


def test_messages_arrive_live_with_unread_counts_read_markers_edits_and_deletes(
    open_app, demo
) -> None:
    tag = uuid.uuid4().hex[:6]
    first, second = f"Halo kelompok {tag}", f"Jangan lupa anggaran {tag}"
    mentee = open_app(MENTEE, "/conversations")
    mentee_token = token_of(demo, MENTEE)
    group = group_of(demo, mentee_token)
    mentor = open_app(MENTOR, f"/conversations/{group}", viewport=DESKTOP)
    mentor_token = token_of(demo, MENTOR)
    mentor_name, mentee_name = name_of(demo, mentor_token), name_of(demo, mentee_token)
    row = mentee.get_by_role("listitem").filter(
        has=mentee.get_by_role("link", name=mentor_name, exact=False)
    )
    expect(row).to_be_visible()
    check_a11y(mentee)

    expect(mentor.get_by_label("Tulis pesan")).to_be_visible()
    mentor.get_by_label("Tulis pesan").fill(first)
    mentor.get_by_role("button", name="Kirim").click()
    expect(message(mentor, first)).to_be_visible()
    expect(mentor.get_by_label("Tulis pesan")).to_have_value("")

    # the mentee's list follows without a reload: last message and unread count
    expect(row).to_contain_text(first)
    unread = demo.graphql(UNREAD, {"r": group}, mentee_token)["conversation"]["unreadCount"]
    assert unread >= 1
    expect(row).to_contain_text(f"{unread} belum dibaca")
    expect(message(mentor, first)).not_to_contain_text(mentee_name)

    # reading moves the marker, which the mentor sees live
    row.get_by_role("link").click()
    expect(message(mentee, first)).to_be_visible()
    expect(message(mentor, first)).to_contain_text(f"Dilihat oleh {mentee_name}")
    assert demo.graphql(UNREAD, {"r": group}, mentee_token)["conversation"]["unreadCount"] == 0

    # a new message arrives in the open thread, announced politely, and the marker moves on
    mentor.get_by_label("Tulis pesan").fill(second)
    mentor.get_by_label("Tulis pesan").press("Control+Enter")
    expect(message(mentee, second)).to_be_visible()
    expect(mentee.locator("[aria-live=polite]").filter(has_text=second)).to_contain_text(
        f"Pesan baru dari {mentor_name}"
    )
    expect(message(mentor, second)).to_contain_text(f"Dilihat oleh {mentee_name}")
    expect(message(mentor, first)).not_to_contain_text(mentee_name)
    check_a11y(mentee)
    check_a11y(mentor)
    screenshot(mentee, "conversation-thread")
    screenshot(mentor, "conversation-thread")

    # the mentee may not edit the mentor's message
    expect(message(mentee, second).get_by_role("button", name="Ubah")).to_have_count(0)

    # editing and deleting are seen live by the other
    edited = f"Jangan lupa anggaran dan laporan {tag}"
    message(mentor, second).get_by_role("button", name="Ubah").click()
    mentor.get_by_label("Ubah pesan").fill(edited)
    mentor.get_by_role("button", name="Simpan").click()
    expect(message(mentee, edited)).to_contain_text("(diubah)")
    expect(message(mentee, tag)).to_have_count(2)  # the same message changed, not a new one

    message(mentor, edited).get_by_role("button", name="Hapus").click()
    mentor.get_by_role("button", name="Ya, hapus").click()
    expect(message(mentee, edited)).to_have_count(0)
    thread = mentee.get_by_role("list", name="Pesan").get_by_role("listitem")
    expect(thread.last).to_contain_text("Pesan ini sudah dihapus.")  # its place is kept
    expect(message(mentor, first)).to_be_visible()
    newest = demo.graphql(NEWEST, {"r": group}, mentee_token)["conversation"]["messages"]
    assert newest["edges"][0]["node"]["body"] == ""  # deleted, its place kept


def test_paging_back_loads_older_messages_once_each(open_app, demo) -> None:
    group = group_of(demo, token_of(demo, MENTOR))
    tag = uuid.uuid4().hex[:6]
    # the send limit (30 in 10 s) counts per token: two members share the 35
    tokens = [token_of(demo, MENTOR), token_of(demo, MENTEE)]
    for n in range(1, 36):
        demo.graphql(SEND, {"r": group, "b": f"Arsip {tag} #{n:02d}"}, tokens[n % 2])

    page = open_app(OTHER_MENTEE, f"/conversations/{group}")
    expect(message(page, f"Arsip {tag} #35")).to_be_visible()
    expect(message(page, f"Arsip {tag} #05")).to_have_count(0)
    page.get_by_role("button", name="Muat pesan sebelumnya").click()
    expect(message(page, f"Arsip {tag} #05")).to_be_visible()
    expect(message(page, f"Arsip {tag} #05")).to_be_focused()  # where the older page ends
    bodies = page.get_by_role("list", name="Pesan").get_by_role("listitem").all_inner_texts()
    mine = [b for b in bodies if f"Arsip {tag} #" in b]
    numbers = [int(b.split(f"Arsip {tag} #")[1][:2]) for b in mine]
    assert numbers == list(range(1, 36)), numbers  # oldest first, none skipped or repeated
    check_a11y(page)


def test_a_message_typed_offline_survives_and_goes_out_after_reconnect(open_app, demo) -> None:
    group = group_of(demo, token_of(demo, MENTOR))
    text = f"Saya tulis ini waktu sinyal hilang {uuid.uuid4().hex[:6]}"
    page = open_app(OTHER_MENTEE, f"/conversations/{group}")
    token = token_of(demo, OTHER_MENTEE)
    box = page.get_by_label("Tulis pesan")
    expect(box).to_be_visible()
    expect(page.get_by_role("list", name="Pesan")).to_be_visible()

    page.context.set_offline(True)
    expect(page.get_by_text("Anda sedang luring")).to_be_visible()
    box.fill(text)
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Belum terkirim")).to_be_visible()
    # leaving the thread and coming back (still offline) keeps the draft
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Percakapan").click()
    expect(page.get_by_role("heading", name="Percakapan")).to_be_visible()
    page.go_back()
    expect(page.get_by_label("Tulis pesan")).to_have_value(text)
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Belum terkirim")).to_be_visible()

    page.context.set_offline(False)
    expect(message(page, text)).to_have_count(1)
    expect(page.get_by_label("Tulis pesan")).to_have_value("")
    expect(page.get_by_text("Belum terkirim")).to_have_count(0)
    newest = demo.graphql(NEWEST, {"r": group}, token)["conversation"]["messages"]["edges"]
    assert [e["node"]["body"] for e in newest].count(text) == 1


def test_conversation_list_shows_the_last_message_read_only(open_app, demo) -> None:
    """mentee001's 1:1, looked at without opening it (opening would move the read marker)."""
    page = open_app("mentee001@rajut.test", "/conversations", viewport=DESKTOP)
    token = token_of(demo, "mentee001@rajut.test")
    found = demo.graphql("{ myRelationships { mentor { displayName } } }", token=token)
    mentor = found["myRelationships"][0]["mentor"]["displayName"]
    row = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=mentor))
    expect(row).to_contain_text("Mentoring Kampanye — Angkatan 1")
    expect(row.locator("time")).to_be_visible()  # the last message, with when it was said
    check_a11y(page)
    screenshot(page, "conversations")
