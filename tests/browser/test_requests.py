"""Requests between mentees and mentors, in two browsers at once: a request arrives at the
mentor and its answer at the mentee without a reload; declining with a reason; withdrawing;
a mentor closing and reopening their profile to requests.

Demo logins of this area: mentee030-mentee049, mentor22-mentor26 (all in the open programme).
Each test uses its own mentee and mentor: accepting gives the mentee their one mentor.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, Demo, check_a11y, screenshot

PROGRAMME = "Mentoring Kampanye 2026"
SENT = """{ myRequests(side: SENT) { status declineReason relationshipId
  mentor { displayName } } }"""


def token(demo: Demo, email: str) -> str:
    """A token for a demo login (the demo keeps one per person for the run)."""
    return demo.login(email)


def who(demo: Demo, email: str) -> dict:
    """{id, displayName} of a demo login."""
    data = demo.graphql("{ me { user { id displayName } } }", token=token(demo, email))
    return data["me"]["user"]


def ask(demo: Demo, mentee: str, mentor: str, message: str) -> None:
    """`mentee` requests `mentor` through the API (the setup of a test about the answer)."""
    places = demo.graphql("{ myEnrolments { programme { id name } } }", token=token(demo, mentee))
    programme = next(
        e["programme"]["id"] for e in places["myEnrolments"] if e["programme"]["name"] == PROGRAMME
    )
    demo.graphql(
        "mutation($p: ID!, $m: ID!, $msg: String!) {"
        " requestMentor(programmeId: $p, mentorId: $m, message: $msg) { id } }",
        {"p": programme, "m": who(demo, mentor)["id"], "msg": message},
        token(demo, mentee),
    )


def stay(page: Page) -> None:
    """Mark the page, so `stayed` can tell it was never reloaded."""
    page.evaluate("window.rajutTestStayed = true")


def stayed(page: Page) -> bool:
    return page.evaluate("window.rajutTestStayed === true")


def test_a_request_arrives_live_and_so_does_its_acceptance(open_app, demo: Demo) -> None:
    mentee_email, mentor_email = "mentee040@rajut.test", "mentor22@rajut.test"
    mentee_name, mentor_name = who(demo, mentee_email)["displayName"], "Fadli Tanjung"
    assert who(demo, mentor_email)["displayName"] == mentor_name
    message = "Halo, saya ingin belajar membangun tim relawan untuk kampanye saya."

    mentor = open_app(mentor_email, "/requests", viewport=DESKTOP)
    expect(mentor.get_by_role("heading", name="Permintaan masuk")).to_be_visible()
    expect(mentor.get_by_text("Belum ada permintaan masuk.")).to_be_visible()
    stay(mentor)

    mentee = open_app(mentee_email, "/directory?q=Fadli", viewport=PHONE)
    card = mentee.get_by_role("article", name=mentor_name)
    card.get_by_role("button", name="Minta jadi mentor saya").click()
    card.get_by_label(f"Pesan untuk {mentor_name}").fill(message)
    card.get_by_role("button", name="Kirim permintaan").click()
    expect(card.get_by_role("status")).to_contain_text(f"Permintaan terkirim ke {mentor_name}")

    arrived = mentor.get_by_role("article", name=mentee_name)
    expect(arrived).to_contain_text(message)
    expect(arrived.get_by_text("Menunggu jawaban", exact=True)).to_be_visible()
    expect(mentor.get_by_text("Ada permintaan baru masuk.")).to_be_visible()
    assert stayed(mentor), "the mentor's page was reloaded"
    check_a11y(mentor)
    screenshot(mentor, "requests")

    card.get_by_role("link", name="Lihat permintaan saya").click()
    mine = mentee.get_by_role("article", name=mentor_name)
    expect(mine.get_by_text("Menunggu jawaban", exact=True)).to_be_visible()
    stay(mentee)
    check_a11y(mentee)
    screenshot(mentee, "requests")

    arrived.get_by_role("button", name="Terima").click()
    expect(arrived.get_by_text("Diterima", exact=True)).to_be_visible()
    expect(mine.get_by_text("Diterima", exact=True)).to_be_visible()
    expect(mine.get_by_role("link", name="Buka mentoring ini")).to_be_visible()
    expect(mentee.get_by_text("Sebuah permintaan diterima.")).to_be_visible()
    assert stayed(mentee), "the mentee's page was reloaded"
    (sent,) = demo.graphql(SENT, token=token(demo, mentee_email))["myRequests"]
    assert sent["status"] == "ACCEPTED" and sent["relationshipId"]
    assert sent["mentor"]["displayName"] == mentor_name


def test_declining_with_a_reason_reaches_the_mentee(open_app, demo: Demo) -> None:
    mentee_email, mentor_email = "mentee041@rajut.test", "mentor23@rajut.test"
    mentee_name, mentor_name = (who(demo, e)["displayName"] for e in (mentee_email, mentor_email))
    ask(demo, mentee_email, mentor_email, "Boleh saya belajar dari Bapak?")
    reason = "Maaf, jadwal saya penuh sampai akhir bulan. Coba mentor lain di bidang yang sama."

    mentee = open_app(mentee_email, "/requests")
    mine = mentee.get_by_role("article", name=mentor_name)
    expect(mine.get_by_text("Menunggu jawaban", exact=True)).to_be_visible()
    stay(mentee)

    mentor = open_app(mentor_email, "/requests")
    item = mentor.get_by_role("article", name=mentee_name)
    expect(item).to_contain_text("Boleh saya belajar dari Bapak?")
    item.get_by_role("button", name="Tolak", exact=True).click()
    field = item.get_by_label(f"Alasan menolak {mentee_name}")
    expect(field).to_be_focused()
    field.fill(reason)
    check_a11y(mentor)
    item.get_by_role("button", name="Tolak permintaan").click()
    expect(item.get_by_text("Ditolak", exact=True)).to_be_visible()
    expect(item.get_by_text(reason)).to_be_visible()

    expect(mine.get_by_text("Ditolak", exact=True)).to_be_visible()
    expect(mine.get_by_text(reason)).to_be_visible()
    assert stayed(mentee)
    (sent,) = demo.graphql(SENT, token=token(demo, mentee_email))["myRequests"]
    assert (sent["status"], sent["declineReason"]) == ("DECLINED", reason)


def test_withdrawing_a_request(open_app, demo: Demo) -> None:
    mentee_email, mentor_email = "mentee042@rajut.test", "mentor24@rajut.test"
    mentee_name, mentor_name = (who(demo, e)["displayName"] for e in (mentee_email, mentor_email))
    ask(demo, mentee_email, mentor_email, "")

    mentor = open_app(mentor_email, "/requests", viewport=DESKTOP)
    theirs = mentor.get_by_role("article", name=mentee_name)
    expect(theirs.get_by_text("Menunggu jawaban", exact=True)).to_be_visible()
    stay(mentor)

    mentee = open_app(mentee_email, "/requests")
    mine = mentee.get_by_role("article", name=mentor_name)
    mine.get_by_role("button", name="Tarik permintaan").click()
    expect(mine.get_by_text("Ditarik", exact=True)).to_be_visible()
    expect(mine.get_by_role("button", name="Tarik permintaan")).to_have_count(0)
    (sent,) = demo.graphql(SENT, token=token(demo, mentee_email))["myRequests"]
    assert sent["status"] == "WITHDRAWN"

    expect(theirs.get_by_text("Ditarik", exact=True)).to_be_visible()
    expect(theirs.get_by_role("button", name="Terima")).to_have_count(0)
    assert stayed(mentor)


def test_a_mentor_closes_and_reopens_their_profile(open_app, demo: Demo) -> None:
    mentor_email = "mentor25@rajut.test"
    profile = "{ me { profile { openForRequests } } }"
    page = open_app(mentor_email, "/requests")
    expect(page.get_by_text("Profil Anda terbuka untuk permintaan baru.")).to_be_visible()
    page.get_by_role("button", name="Tutup untuk permintaan baru").click()
    expect(page.get_by_text("Profil Anda tertutup")).to_be_visible()
    assert not demo.graphql(profile, token=token(demo, mentor_email))["me"]["profile"][
        "openForRequests"
    ]
    check_a11y(page)
    page.get_by_role("button", name="Buka lagi untuk permintaan").click()
    expect(page.get_by_text("Profil Anda terbuka untuk permintaan baru.")).to_be_visible()
    assert demo.graphql(profile, token=token(demo, mentor_email))["me"]["profile"][
        "openForRequests"
    ]
