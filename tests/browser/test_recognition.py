"""Recognition on the profile: badges, the mentor level and what the next one asks for,
training marked as done, certificates with their PDF and verification page, and the
notifications that lead there, in both languages.

Logins: mentor01 (read only: the demo's Mentor Candidate waiting for promotion), and
mentor07 with mentee055, who get a fresh relationship in the open programme, reach a goal
(the "Goal reached" badge), complete it, and mentor07 gets a service certificate.
"""

from __future__ import annotations

import json
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, Demo, check_a11y, screenshot

SHOWCASE_MENTOR = "mentor01@rajut.test"
MENTOR, MENTEE = "mentor07@rajut.test", "mentee055@rajut.test"
ORGANISATION = "{ myOrganisations { id } }"
PROGRESS = """query($o: ID!) { mentorProgress(organisationId: $o) {
  summaryId summaryEn requirements { met textId textEn } } }"""
MODULES = "query($o: ID!) { trainingModules(organisationId: $o) { title myCompletion { status } } }"
BASICS = "Dasar-dasar mentoring / Mentoring basics"


def organisation_of(demo: Demo, email: str) -> str:
    (organisation,) = demo.graphql(ORGANISATION, token=demo.login(email))["myOrganisations"]
    return organisation["id"]


def progress_of(demo: Demo, email: str) -> dict:
    variables = {"o": organisation_of(demo, email)}
    return demo.graphql(PROGRESS, variables, demo.login(email))["mentorProgress"]


def recognition(page: Page):
    return page.get_by_role("region", name="Pengakuan")


def basics_in(part):
    """The basic training module's item (a requirement may name the module too)."""
    return part.get_by_role("listitem").filter(has=part.page.get_by_text(BASICS, exact=True))


@pytest.fixture(scope="module")
def certified(demo: Demo) -> str:
    """MENTEE asks MENTOR in the open programme, both accept the guidelines, the mentee
    reaches a goal, the mentor completes the relationship and a coordinator certifies the
    mentor's service. Returns the certificate's code once the recogniser, which runs after
    the fact, has awarded the goal's badge."""
    mentee, mentor = demo.login(MENTEE), demo.login(MENTOR)
    coordinator = demo.login("koordinator@rajut.test")
    mentor_id = demo.graphql("{ me { user { id } } }", token=mentor)["me"]["user"]["id"]
    enrolments = demo.graphql("{ myEnrolments { programme { id status } } }", token=mentee)
    programme = next(
        e["programme"]["id"]
        for e in enrolments["myEnrolments"]
        if e["programme"]["status"] == "REGISTRATION_OPEN"
    )
    asked = demo.graphql(
        "mutation($p: ID!, $m: ID!) { requestMentor(programmeId: $p, mentorId: $m) { id } }",
        {"p": programme, "m": mentor_id},
        mentee,
    )["requestMentor"]["id"]
    relationship = demo.graphql(
        "mutation($r: ID!) { acceptRequest(requestId: $r) { relationshipId } }",
        {"r": asked},
        mentor,
    )["acceptRequest"]["relationshipId"]
    for token in (mentee, mentor):
        demo.graphql(
            "mutation($r: ID!) { acknowledgeGuidelines(relationshipId: $r) { status } }",
            {"r": relationship},
            token,
        )
    goal = demo.graphql(
        "mutation($i: GoalInput!) { setGoal(input: $i) { id } }",
        {"i": {"relationshipId": relationship, "title": f"Proposal hibah {uuid.uuid4().hex[:6]}"}},
        mentee,
    )["setGoal"]["id"]
    demo.graphql("mutation($g: ID!) { reachGoal(goalId: $g) { status } }", {"g": goal}, mentee)
    demo.graphql(
        "mutation($r: ID!) { completeRelationship(relationshipId: $r) { status } }",
        {"r": relationship},
        mentor,
    )
    issued = demo.graphql(
        "mutation($p: ID!, $u: ID!) {"
        " issueCertificate(programmeId: $p, userId: $u, kind: SERVICE) { code } }",
        {"p": programme, "u": mentor_id},
        coordinator,
    )
    deadline = time.monotonic() + 30
    while not any(
        a["badge"]["key"] == "goal-reached"
        for a in demo.graphql("{ myBadges { badge { key } } }", token=mentor)["myBadges"]
    ):
        assert time.monotonic() < deadline, "the goal's badge was not awarded"
        time.sleep(0.2)
    return issued["issueCertificate"]["code"]


def test_a_mentor_sees_their_badge_level_and_training(open_app, demo: Demo) -> None:
    page = open_app(SHOWCASE_MENTOR, "/profile?section=recognition")
    part = recognition(page)
    expect(part.get_by_role("heading", name="Pengakuan")).to_be_focused()
    expect(part.get_by_role("listitem").filter(has_text="Sesi pertama")).to_contain_text(
        "Hadir dalam sesi mentoring pertama."
    )
    expect(part.get_by_text("Level sekarang: Kandidat Mentor, sejak")).to_be_visible()
    expect(part.get_by_text("Level berikutnya: Mentor Komunitas.")).to_be_visible()
    progress = progress_of(demo, SHOWCASE_MENTOR)
    expect(part.get_by_text(progress["summaryId"])).to_be_visible()
    for requirement in progress["requirements"]:
        expect(part.get_by_role("listitem").filter(has_text=requirement["textId"])).to_contain_text(
            "Terpenuhi:"
        )
    basics = basics_in(part)
    expect(basics).to_contain_text("Wajib untuk Kandidat Mentor")
    expect(basics.get_by_role("status")).to_have_text("Selesai, dikonfirmasi koordinator")
    expect(basics.get_by_role("button")).to_have_count(0)  # confirmed: nothing to take back
    check_a11y(page)
    screenshot(page, "recognition")
    page.set_viewport_size(DESKTOP)
    check_a11y(page)


def test_level_notifications_are_labelled_and_lead_to_recognition(open_app) -> None:
    page = open_app(SHOWCASE_MENTOR, "/notifications")
    eligible = page.get_by_role("listitem").filter(has_text="Anda memenuhi syarat Mentor Komunitas")
    expect(eligible.get_by_text("Siap naik level", exact=True)).to_be_visible()
    promoted = page.get_by_role("listitem").filter(has_text="Naik level: Kandidat Mentor")
    expect(promoted.get_by_text("Level mentor", exact=True)).to_be_visible()
    for item in (eligible, promoted):
        expect(item.get_by_role("link")).to_have_attribute("href", "#/profile?section=recognition")
    check_a11y(page)


def test_from_the_badge_notification_to_the_certificate(
    open_app, demo: Demo, certified: str
) -> None:
    code = certified
    page = open_app(MENTOR, "/notifications")
    badge = page.get_by_role("listitem").filter(has_text="Tujuan tercapai")
    expect(badge.get_by_text("Lencana", exact=True)).to_be_visible()
    certificate = page.get_by_role("listitem").filter(has_text=code)
    expect(certificate.get_by_text("Sertifikat", exact=True)).to_be_visible()
    check_a11y(page)

    badge.get_by_role("link").click()
    expect(page).to_have_url(f"{demo.base_url}/#/profile?section=recognition")
    part = recognition(page)
    expect(part.get_by_role("heading", name="Pengakuan")).to_be_focused()
    expect(part.get_by_role("listitem").filter(has_text="Tujuan tercapai")).to_contain_text(
        "Diterima"
    )
    expect(part.get_by_text("Belum ada level.")).to_be_visible()
    expect(part.get_by_text("Level berikutnya: Kandidat Mentor.")).to_be_visible()
    progress = progress_of(demo, MENTOR)
    expect(part.get_by_text(progress["summaryId"])).to_be_visible()
    assert not all(r["met"] for r in progress["requirements"]), "the training is not done"
    for requirement in progress["requirements"]:
        expect(part.get_by_role("listitem").filter(has_text=requirement["textId"])).to_contain_text(
            "Terpenuhi:" if requirement["met"] else "Belum terpenuhi:"
        )

    issued = part.get_by_role("listitem").filter(has_text="Sertifikat Pengabdian Mentor")
    expect(issued).to_contain_text("Mentoring Kampanye 2026")
    expect(issued).to_contain_text(code)
    with page.expect_download() as download:
        issued.get_by_role("button", name="Unduh PDF").click()
    assert download.value.suggested_filename == f"sertifikat-{code}.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    expect(issued.get_by_role("status")).to_have_text("Unduhan dimulai.")
    verify = issued.get_by_role("link", name="Halaman verifikasi")
    address = verify.get_attribute("href")
    assert address and address.endswith(f"/certificates/verify/{code}")
    with urllib.request.urlopen(f"{demo.base_url}{urlsplit(address).path}.json") as answer:
        stated = json.load(answer)
    assert (stated["status"], stated["code"], stated["kind"]) == ("valid", code, "service")
    check_a11y(page)
    screenshot(page, "recognition-certificate")


def test_marking_training_as_done_and_taking_it_back(open_app, demo: Demo) -> None:
    page = open_app(MENTOR, "/profile?section=recognition")
    basics = basics_in(recognition(page))
    expect(basics.get_by_role("status")).to_have_text("Belum selesai")
    basics.get_by_role("button", name="Tandai sudah selesai").click()
    expect(basics.get_by_role("status")).to_have_text(
        "Anda menandainya selesai; menunggu konfirmasi koordinator"
    )
    taken_back = basics.get_by_role("button", name="Batalkan tanda selesai")
    expect(taken_back).to_be_focused()  # the same button, its words changed
    variables = {"o": organisation_of(demo, MENTOR)}

    def status() -> str | None:
        modules = demo.graphql(MODULES, variables, demo.login(MENTOR))["trainingModules"]
        (module,) = [m for m in modules if m["title"] == BASICS]
        return module["myCompletion"] and module["myCompletion"]["status"]

    assert status() == "DECLARED"
    page.reload()  # stored, not only shown
    basics = basics_in(recognition(page))
    expect(basics.get_by_role("status")).to_have_text(
        "Anda menandainya selesai; menunggu konfirmasi koordinator"
    )
    basics.get_by_role("button", name="Batalkan tanda selesai").click()
    expect(basics.get_by_role("status")).to_have_text("Belum selesai")
    assert status() is None


def test_showing_my_badges_to_other_members(open_app, demo: Demo) -> None:
    page = open_app(MENTOR, "/profile?section=recognition")
    part = recognition(page)
    shown = part.get_by_label("Tampilkan lencana saya di profil untuk anggota lain")
    expect(shown).not_to_be_checked()

    def stored() -> bool:
        data = demo.graphql("{ me { profile { showBadges } } }", token=demo.login(MENTOR))
        return data["me"]["profile"]["showBadges"]

    for choice in (True, False):
        shown.set_checked(choice)
        part.get_by_role("button", name="Simpan").click()
        expect(part.get_by_role("status").filter(has_text="Tersimpan")).to_be_visible()
        assert stored() is choice


def test_recognition_speaks_english(open_app, demo: Demo, certified: str) -> None:
    page = open_app(MENTOR, "/profile?section=recognition")
    expect(recognition(page).get_by_role("heading", name="Pengakuan")).to_be_visible()
    page.get_by_role("button", name="English").click()
    part = page.get_by_role("region", name="Recognition")
    expect(part.get_by_role("heading", name="Badges")).to_be_visible()
    expect(part.get_by_role("listitem").filter(has_text="Goal reached")).to_contain_text(
        "Reached a first goal with a mentor or mentee."
    )
    expect(part.get_by_text("No level yet.")).to_be_visible()
    expect(part.get_by_text("Next level: Mentor Candidate.")).to_be_visible()
    progress = progress_of(demo, MENTOR)
    expect(part.get_by_text(progress["summaryEn"])).to_be_visible()
    for requirement in progress["requirements"]:
        expect(part.get_by_role("listitem").filter(has_text=requirement["textEn"])).to_contain_text(
            "Met:" if requirement["met"] else "Not met yet:"
        )
    basics = basics_in(part)
    expect(basics).to_contain_text("Required for Mentor Candidate")
    expect(basics.get_by_role("button", name="Mark as done")).to_be_visible()
    issued = part.get_by_role("listitem").filter(has_text="Certificate of Mentoring Service")
    expect(issued.get_by_role("button", name="Download the PDF")).to_be_visible()
    expect(issued.get_by_role("link", name="Verification page")).to_be_visible()
    check_a11y(page)
    # the account speaks Indonesian again, as the other tests expect
    demo.graphql('mutation { setLocale(locale: "id") { locale } }', token=demo.login(MENTOR))
