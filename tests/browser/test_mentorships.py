"""Home and "my mentorships": the relationship list, and a relationship's overview, goals,
journal, skills and concern tabs, as the members see them.

Logins: mentee001 and mentor01 (their 1:1 in the running programme; never ended here),
mentor04 (its group, read only), and fresh relationships made through the API in the open
programme between mentee066-068 and mentor27-29.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, check_a11y, screenshot

MENTEE = "mentee001@rajut.test"
MENTOR = "mentor01@rajut.test"
GROUP_MENTOR = "mentor04@rajut.test"


# Logins are rate-limited per address (the whole run shares 127.0.0.1), so each login is
# made once and its token reused by every page and API call of this module.
def token(demo, email: str) -> str:
    """A token for a demo login (the demo keeps one per person for the run)."""
    return demo.login(email)


def open_as(open_app, demo, email: str, path: str = "/", **options) -> Page:
    """``open_app`` signed in as ``email`` with its cached token."""
    page = open_app(path=path, **options)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.evaluate("t => localStorage.setItem('rajut.token', t)", token(demo, email))
    page.reload()
    expect(page.get_by_role("navigation", name=re.compile("Menu utama|Main menu"))).to_be_visible()
    return page


def only_relationship(demo, email: str) -> dict:
    query = "{ myRelationships { id status programme { id } } }"
    (relationship,) = demo.graphql(query, token=token(demo, email))["myRelationships"]
    return relationship


def fresh_relationship(demo, mentee: str, mentor: str) -> str:
    """A proposed relationship in the open programme: the mentee asks, the mentor accepts."""
    mentee_token, mentor_token = token(demo, mentee), token(demo, mentor)
    mentor_id = demo.graphql("{ me { user { id } } }", token=mentor_token)["me"]["user"]["id"]
    enrolments = demo.graphql("{ myEnrolments { programme { id status } } }", token=mentee_token)[
        "myEnrolments"
    ]
    programme = next(
        e["programme"]["id"] for e in enrolments if e["programme"]["status"] == "REGISTRATION_OPEN"
    )
    asked = demo.graphql(
        "mutation($p: ID!, $m: ID!) { requestMentor(programmeId: $p, mentorId: $m) { id } }",
        {"p": programme, "m": mentor_id},
        mentee_token,
    )["requestMentor"]["id"]
    accepted = demo.graphql(
        "mutation($r: ID!) { acceptRequest(requestId: $r) { relationshipId } }",
        {"r": asked},
        mentor_token,
    )
    return accepted["acceptRequest"]["relationshipId"]


def detail(relationship_id: str, tab: str = "") -> str:
    from urllib.parse import quote

    return f"/mentorships/{quote(relationship_id, safe='')}" + (f"?tab={tab}" if tab else "")


def test_home_shows_the_relationship_and_the_next_session(open_app, demo) -> None:
    relationship = only_relationship(demo, MENTEE)
    sessions = demo.graphql(
        "query($r: ID!) { sessions(relationshipId: $r) { startsAt endsAt status } }",
        {"r": relationship["id"]},
        token(demo, MENTEE),
    )["sessions"]
    now = datetime.now(UTC)
    upcoming = sorted(
        s["startsAt"]
        for s in sessions
        if s["status"] == "SCHEDULED" and datetime.fromisoformat(s["endsAt"]) > now
    )
    page = open_as(open_app, demo, MENTEE)
    expect(page.get_by_role("heading", name="Halo, Kartika Pratiwi!")).to_be_visible()
    next_sessions = page.get_by_role("region", name="Sesi berikutnya")
    soonest = next_sessions.locator(f'time[datetime="{upcoming[0]}"]')
    expect(soonest).to_be_visible()
    expect(next_sessions.get_by_role("listitem").first).to_contain_text("Bersama Dimas Wibowo")
    mine = page.get_by_role("region", name="Mentoring saya")
    expect(mine.get_by_role("link", name="Bersama Dimas Wibowo")).to_be_visible()
    expect(mine.get_by_text("Aktif")).to_be_visible()
    unread = demo.graphql(
        "{ conversations { unreadCount } myNotifications(unreadOnly: true) { id } }",
        token=token(demo, MENTEE),
    )
    messages = sum(c["unreadCount"] for c in unread["conversations"])
    assert messages, "the demo's conversation has an unread message for mentee001"
    expect(page.get_by_role("link", name=f"Percakapan {messages} belum dibaca")).to_have_attribute(
        "href", "#/conversations"
    )
    notifications = len(unread["myNotifications"])
    expect(
        page.get_by_role(
            "link",
            name=f"Notifikasi {notifications} belum dibaca"
            if notifications
            else "Notifikasi Semua sudah dibaca",
        )
    ).to_have_attribute("href", "#/notifications")
    check_a11y(page)
    screenshot(page, "home")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "home")
    # the session links to the relationship's sessions tab
    soonest.click()
    expect(page.get_by_role("link", name="Sesi")).to_have_attribute("aria-current", "page")


def test_home_without_mentoring_points_to_the_directory(open_app, demo) -> None:
    page = open_as(open_app, demo, "mentee065@rajut.test")
    expect(page.get_by_role("heading", name="Mari mulai")).to_be_visible()
    expect(page.get_by_role("link", name="Cari mentor di direktori")).to_have_attribute(
        "href", "#/directory"
    )
    expect(page.get_by_role("link", name="Lihat saran mentor untuk Anda")).to_be_visible()
    check_a11y(page)


def test_the_list_shows_status_model_and_the_other_people(open_app, demo) -> None:
    page = open_as(open_app, demo, GROUP_MENTOR, "/mentorships")
    expect(page.get_by_role("heading", name="Mentoring saya", level=1)).to_be_visible()
    group = page.get_by_role("listitem").filter(has_text="Kelompok")
    expect(group.get_by_role("link")).to_have_text(
        "Bersama Yuli Kurniawati, Ni Putu Ayu Lestari, dan Cynthia Hartanto"
    )
    expect(group).to_contain_text("Aktif")
    expect(group).to_contain_text("Anda mentornya")
    page.get_by_label("Tampilkan juga yang sudah selesai atau dibatalkan").check()
    expect(page).to_have_url(re.compile(r"closed=1"))
    expect(group).to_be_visible()
    check_a11y(page)
    screenshot(page, "mentorships")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "mentorships")


def test_acknowledging_the_guidelines_starts_the_relationship(open_app, demo) -> None:
    mentee, mentor = "mentee067@rajut.test", "mentor28@rajut.test"
    relationship_id = fresh_relationship(demo, mentee, mentor)
    page = open_as(open_app, demo, mentee)
    page.get_by_role("link", name="Baca pedomannya").click()
    expect(page.get_by_role("heading", name="Pedoman")).to_be_visible()
    expect(page.locator(".rel-summary")).to_contain_text("Menunggu persetujuan")
    expect(page.get_by_text("Masih menunggu:")).to_contain_text("Anda")
    check_a11y(page)
    page.get_by_role("button", name="Saya setuju dengan pedoman ini").click()
    expect(page.get_by_text("Terima kasih, persetujuan Anda tercatat.")).to_be_visible()
    state = """query($id: ID!) {
      node(id: $id) { ... on Relationship { status acknowledgedBy { id } } } }"""
    after_mentee = demo.graphql(state, {"id": relationship_id}, token(demo, mentee))["node"]
    assert after_mentee["status"] == "PROPOSED"
    assert len(after_mentee["acknowledgedBy"]) == 1

    other = open_as(open_app, demo, mentor, detail(relationship_id))
    other.get_by_role("button", name="Saya setuju dengan pedoman ini").click()
    expect(other.get_by_text("Semua sudah setuju: mentoring Anda dimulai")).to_be_visible()
    expect(other.locator(".rel-summary")).to_contain_text("Aktif")
    assert demo.graphql(state, {"id": relationship_id}, token(demo, mentor))["node"]["status"] == (
        "ACTIVE"
    )

    # then any participant pauses, resumes and completes it
    other.get_by_role("button", name="Jeda dulu").click()
    other.get_by_label("Alasan jeda (tidak wajib)").fill("Libur sekolah")
    other.get_by_role("button", name="Jeda mentoring").click()
    expect(other.locator(".rel-summary")).to_contain_text("Dijeda")
    other.get_by_role("button", name="Lanjutkan mentoring").click()
    expect(other.locator(".rel-summary")).to_contain_text("Aktif")
    other.get_by_role("button", name="Tandai selesai").click()
    other.get_by_role("button", name="Ya, selesaikan").click()
    expect(other.locator(".rel-summary")).to_contain_text("Selesai")
    expect(other.get_by_role("button", name="Tandai selesai")).to_have_count(0)
    assert demo.graphql(state, {"id": relationship_id}, token(demo, mentor))["node"]["status"] == (
        "COMPLETED"
    )


def goal_item(page: Page, title: str):
    return page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=title))


def test_a_goal_with_a_milestone_is_set_reached_reopened_and_dropped(open_app, demo) -> None:
    relationship = only_relationship(demo, MENTEE)
    title = f"Menulis siaran pers {uuid.uuid4().hex[:6]}"
    page = open_as(open_app, demo, MENTEE, detail(relationship["id"], "goals"))
    expect(page.get_by_role("heading", name="Tujuan dan milestone")).to_be_visible()
    page.get_by_label("Judul tujuan").fill(title)
    page.get_by_label("Hasil yang diharapkan").fill("Siaran pers pertama terbit di media lokal.")
    page.get_by_label("Ukuran keberhasilan").fill("2 media memuatnya")
    page.get_by_role("button", name="Tetapkan tujuan").click()
    expect(page.get_by_role("status").filter(has_text="Tujuan baru tersimpan.")).to_be_visible()
    goal = goal_item(page, title)
    expect(goal).to_contain_text("Berjalan")
    expect(page.get_by_label("Judul tujuan")).to_have_value("")

    goal.get_by_role("button", name="Tambah milestone").click()
    expect(goal.get_by_label("Judul milestone")).to_be_focused()
    goal.get_by_label("Judul milestone").fill("Draf siaran pers")
    goal.get_by_role("button", name="Tambah milestone").click()
    expect(goal.get_by_text("Draf siaran pers")).to_be_visible()
    expect(goal).to_contain_text("0 dari 1 tercapai")
    goal.get_by_role("button", name="Tandai tercapai").click()
    expect(goal).to_contain_text("1 dari 1 tercapai")
    expect(goal.get_by_role("button", name="Tandai tercapai")).to_have_count(0)
    check_a11y(page)

    goal.get_by_role("button", name="Tujuan tercapai").click()
    goal.get_by_label("Bukti atau catatan").fill("Dimuat dua koran daring.")
    goal.get_by_role("button", name="Tandai tujuan tercapai").click()
    expect(goal).to_contain_text("Tercapai")
    expect(goal).to_contain_text("Dimuat dua koran daring.")

    query = """query($r: ID!) { goals(relationshipId: $r) {
      title status evidence dropReason milestones { title reachedAt } } }"""
    goals = demo.graphql(query, {"r": relationship["id"]}, token(demo, MENTEE))["goals"]
    (saved,) = [g for g in goals if g["title"] == title]
    assert saved["status"] == "REACHED" and saved["evidence"] == "Dimuat dua koran daring."
    assert [m["title"] for m in saved["milestones"]] == ["Draf siaran pers"]
    assert saved["milestones"][0]["reachedAt"]

    goal.get_by_role("button", name="Buka lagi").click()
    expect(goal).to_contain_text("Berjalan")
    goal.get_by_role("button", name="Lepaskan tujuan").click()
    goal.get_by_label("Alasan melepas").fill("Fokus dulu ke kampanye.")
    goal.get_by_role("button", name="Lepaskan tujuan ini").click()
    expect(goal).to_contain_text("Dilepas")
    expect(goal).to_contain_text("Fokus dulu ke kampanye.")
    goals = demo.graphql(query, {"r": relationship["id"]}, token(demo, MENTEE))["goals"]
    (saved,) = [g for g in goals if g["title"] == title]
    assert saved["status"] == "DROPPED" and saved["dropReason"] == "Fokus dulu ke kampanye."


def test_editing_a_goal_and_its_milestones(open_app, demo) -> None:
    relationship = only_relationship(demo, MENTEE)
    title = f"Memperluas jaringan {uuid.uuid4().hex[:6]}"
    page = open_as(open_app, demo, MENTEE, detail(relationship["id"], "goals"))
    page.get_by_label("Judul tujuan").fill(title)
    page.get_by_label("Milestone awal").fill("Daftar 10 kontak\nTemui 3 komunitas")
    page.get_by_role("button", name="Tetapkan tujuan").click()
    goal = goal_item(page, title)
    expect(goal).to_contain_text("0 dari 2 tercapai")

    goal.get_by_role("button", name="Ubah tujuan").click()
    goal.get_by_label("Judul tujuan").fill(title + " baru")
    goal.get_by_role("button", name="Simpan").click()
    goal = goal_item(page, title + " baru")
    expect(goal).to_be_visible()

    first = goal.get_by_role("listitem").filter(has_text="Daftar 10 kontak")
    first.get_by_role("button", name="Ubah").click()
    goal.get_by_label("Judul milestone").fill("Daftar 12 kontak")
    goal.get_by_role("button", name="Simpan").click()
    expect(goal.get_by_text("Daftar 12 kontak")).to_be_visible()
    second = goal.get_by_role("listitem").filter(has_text="Temui 3 komunitas")
    second.get_by_role("button", name="Hapus").click()
    expect(second.get_by_role("button", name="Batal")).to_be_focused()
    second.get_by_role("button", name="Ya, hapus").click()
    expect(goal.get_by_text("Temui 3 komunitas")).to_have_count(0)
    expect(goal).to_contain_text("0 dari 1 tercapai")


def test_journal_draft_survives_a_reload_and_a_shared_entry_reaches_the_mentor(
    open_app, demo
) -> None:
    relationship = only_relationship(demo, MENTEE)
    words = f"Saya belajar menyusun anggaran kampanye ({uuid.uuid4().hex[:6]})."
    page = open_as(open_app, demo, MENTEE, detail(relationship["id"], "journal"))
    expect(page.get_by_role("heading", name="Jurnal mingguan")).to_be_visible()
    expect(page.get_by_text(re.compile("minggu berturut-turut"))).to_be_visible()
    page.get_by_label("Refleksi").fill(words)
    expect(page.get_by_text("Draf tersimpan di perangkat ini.")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Refleksi")).to_have_value(words)
    page.get_by_label("Bagikan ke mentor saya").check()
    check_a11y(page)
    page.get_by_role("button", name=re.compile("Kirim jurnal|Simpan perubahan jurnal")).click()
    expect(page.get_by_role("status").filter(has_text="Jurnal minggu ini")).to_be_visible()
    entries = page.get_by_role("region", name="Catatan jurnal")
    expect(entries.get_by_text(words)).to_be_visible()
    expect(entries.get_by_role("listitem").first).to_contain_text("Dibagikan ke mentor")
    page.reload()
    expect(page.get_by_label("Refleksi")).to_have_value(words)  # the saved entry, no draft

    query = "query($r: ID!) { journals(relationshipId: $r) { journals { reflection shared } } }"
    mine = demo.graphql(query, {"r": relationship["id"]}, token(demo, MENTEE))["journals"]
    assert {"reflection": words, "shared": True} in mine["journals"]

    mentor = open_as(open_app, demo, MENTOR, detail(relationship["id"], "journal"))
    shared = mentor.get_by_role("listitem").filter(has_text=words)
    expect(shared).to_contain_text("Oleh Kartika Pratiwi")
    expect(mentor.get_by_text("Jurnal Anda sebagai mentor hanya bisa dibaca")).to_be_visible()
    expect(mentor.get_by_label("Bagikan ke mentor saya")).to_have_count(0)
    check_a11y(mentor)


def test_skills_self_assessment_shows_growth(open_app, demo) -> None:
    relationship = only_relationship(demo, MENTEE)
    page = open_as(open_app, demo, MENTEE, detail(relationship["id"], "skills"))
    expect(page.get_by_role("heading", name="Nilai diri")).to_be_visible()
    page.get_by_label("Tahap").select_option("START")
    page.get_by_label("memilih foto sampul").select_option("2")
    page.get_by_label("Keterampilan lain").fill("Menulis Siaran Pers")
    page.get_by_role("button", name="Tambahkan").click()
    page.get_by_label("menulis siaran pers").select_option("1")
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.get_by_role("status").filter(has_text="Penilaian Anda tersimpan.")).to_be_visible()
    table = page.get_by_role("table", name="Perkembangan Anda")
    expect(table.get_by_role("row").filter(has_text="memilih foto sampul")).to_contain_text("2")

    page.get_by_label("Tahap").select_option("MIDPOINT")
    page.get_by_label("memilih foto sampul").select_option("4")
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(table.get_by_role("row").filter(has_text="memilih foto sampul")).to_contain_text("+2")
    check_a11y(page)

    growth = demo.graphql(
        "query($p: ID!) { skillGrowth(programmeId: $p) { skill start midpoint gain } }",
        {"p": relationship["programme"]["id"]},
        token(demo, MENTEE),
    )["skillGrowth"]
    assert {"skill": "memilih foto sampul", "start": 2, "midpoint": 4, "gain": 2} in growth
    assert any(g["skill"] == "menulis siaran pers" and g["start"] == 1 for g in growth)


def test_a_concern_is_reported_privately_from_the_relationship_screen(open_app, demo) -> None:
    mentee, mentor = "mentee068@rajut.test", "mentor29@rajut.test"
    relationship_id = fresh_relationship(demo, mentee, mentor)
    page = open_as(open_app, demo, mentee, detail(relationship_id, "goals"))
    page.get_by_role("link", name="Laporkan kekhawatiran").first.click()
    expect(page.get_by_role("heading", name="Laporkan kekhawatiran", level=2)).to_be_visible()
    expect(page).to_have_url(re.compile(r"tab=concern"))
    check_a11y(page)
    page.get_by_label("Apa yang terjadi?").fill("Mentor meminta nomor WhatsApp pribadi saya.")
    page.get_by_role("button", name="Kirim ke koordinator secara pribadi").click()
    expect(page.get_by_text("Laporan Anda sudah diterima koordinator.")).to_be_visible()
    mine = page.get_by_role("region", name="Laporan Anda")
    expect(mine.get_by_text("Mentor meminta nomor WhatsApp pribadi saya.")).to_be_visible()
    expect(mine).to_contain_text("Sedang ditangani")

    query = "query($p: ID!) { concernReports(programmeId: $p) { text relationshipId } }"
    programme = demo.graphql(
        "query($id: ID!) { node(id: $id) { ... on Relationship { programme { id } } } }",
        {"id": relationship_id},
        token(demo, mentee),
    )["node"]["programme"]["id"]
    reports = demo.graphql(query, {"p": programme}, token(demo, mentee))["concernReports"]
    assert reports == [
        {"text": "Mentor meminta nomor WhatsApp pribadi saya.", "relationshipId": relationship_id}
    ]
    # the other side never sees it
    assert demo.graphql(query, {"p": programme}, token(demo, mentor))["concernReports"] == []


def test_english_switch_shows_english_on_the_mentorship_screens(open_app, demo) -> None:
    mentee, mentor = "mentee066@rajut.test", "mentor27@rajut.test"
    relationship_id = fresh_relationship(demo, mentee, mentor)
    page = open_as(open_app, demo, mentee, detail(relationship_id))
    expect(page.get_by_role("heading", name="Pedoman")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Guidelines")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("With ")
    expect(page.get_by_role("button", name="I accept these guidelines")).to_be_visible()
    expect(page.locator(".guidelines")).to_contain_text("Respect each other")
    expect(page.get_by_role("navigation", name="Mentoring sections")).to_be_visible()
    page.get_by_role("link", name="Goals").click()
    expect(page.get_by_role("heading", name="Goals and milestones")).to_be_visible()
    page.get_by_role("link", name="Journal").click()
    expect(page.get_by_role("heading", name="Weekly journal")).to_be_visible()
    page.get_by_role("link", name="Skills").click()
    expect(page.get_by_role("heading", name="Self-assessment")).to_be_visible()
    page.get_by_role("link", name="Report a concern").first.click()
    expect(page.get_by_role("heading", name="Report a concern", level=2)).to_be_visible()
    page.get_by_role("link", name="My mentoring").first.click()
    expect(page.get_by_role("heading", name="My mentoring", level=1)).to_be_visible()
    expect(page.get_by_text("Awaiting agreement")).to_be_visible()
    page.get_by_role("link", name="Home").click()
    expect(page.get_by_role("heading", name=re.compile("^Hello, "))).to_be_visible()
    expect(page.get_by_role("heading", name="Next sessions")).to_be_visible()


def test_every_tab_passes_axe_and_keeps_its_tab_on_reload(open_app, demo) -> None:
    relationship = only_relationship(demo, MENTEE)
    page = open_as(open_app, demo, MENTEE, detail(relationship["id"]))
    tabs = page.get_by_role("navigation", name="Bagian mentoring")
    names = ["Ringkasan", "Sesi", "Tujuan", "Jurnal", "Umpan balik", "Keterampilan", "Cek kabar"]
    for name in names:
        tabs.get_by_role("link", name=name).click()
        expect(tabs.get_by_role("link", name=name)).to_have_attribute("aria-current", "page")
        check_a11y(page)
    page.reload()
    expect(tabs.get_by_role("link", name="Cek kabar")).to_have_attribute("aria-current", "page")
    tabs.get_by_role("link", name="Ringkasan").click()
    expect(page.get_by_role("heading", name="Peserta")).to_be_visible()
    screenshot(page, "mentorship")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "mentorship")
    page.set_viewport_size(PHONE)
    tabs.get_by_role("link", name="Tujuan").click()
    expect(page.get_by_role("heading", name="Tujuan dan milestone")).to_be_visible()
    screenshot(page, "mentorship-goals")

    group = only_relationship(demo, GROUP_MENTOR)
    mentor = open_as(open_app, demo, GROUP_MENTOR, detail(group["id"]))
    expect(mentor.get_by_role("heading", name="Peserta")).to_be_visible()
    expect(mentor.get_by_role("list").filter(has_text="Yuli Kurniawati")).to_contain_text("Mentee")
    check_a11y(mentor)
    mentor.get_by_role("link", name="Keterampilan").click()
    expect(mentor.get_by_text("Penilaian diri diisi oleh mentee")).to_be_visible()
    check_a11y(mentor)
    mentor.get_by_role("link", name="Jurnal").click()
    expect(mentor.get_by_role("heading", name="Catatan jurnal")).to_be_visible()
    check_a11y(mentor)


def test_a_stranger_gets_not_found(open_app, demo) -> None:
    relationship = only_relationship(demo, MENTEE)
    page = open_as(open_app, demo, "mentee064@rajut.test", detail(relationship["id"]))
    expect(page.get_by_role("alert")).to_contain_text("Tidak ditemukan.")
    expect(page.get_by_role("link", name="Kembali ke daftar mentoring")).to_be_visible()
