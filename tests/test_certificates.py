"""Certificates through the API and plain HTTP: issued by coordinators once a relationship
is completed, a PDF that really holds the name, the code and a QR code that decodes to the
verification page, the public page and its JSON for valid, revoked and unknown codes, and
the certificate as a verified Open Badges credential. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pypdfium2
import zxingcpp
from pypdf import PdfReader

from tests.open_badges import checked_open_badge, eventually, revoked
from tests.support import Api, Person, code_of
from tests.test_badges import hold_session
from tests.test_goals import started
from tests.test_health import programme_of

ISSUE = """mutation($p: ID!, $u: ID!, $k: CertificateKind!) {
  issueCertificate(programmeId: $p, userId: $u, kind: $k) { id kind code verifyUrl pdfPath
    recipientName programmeName sessionsHeld mentees skills { skill startLevel endLevel }
    revokedAt } }"""
REVOKE = """mutation($c: ID!, $r: String!) { revokeCertificate(certificateId: $c, reason: $r) {
  revokedAt revokedReason } }"""
CREDENTIAL = "query($c: ID!) { certificateCredential(certificateId: $c) { jwt credential } }"
ASSESS = """mutation($p: ID!, $ph: AssessmentPhase!, $l: [SkillLevelInput!]!) {
  assessSkills(programmeId: $p, phase: $ph, levels: $l) { skill } }"""
COMPLETE = "mutation($r: ID!) { completeRelationship(relationshipId: $r) { status } }"


async def completed_pair(api: Api) -> tuple[Person, Person, Person, str]:
    """A mentor and mentee who held a session, assessed skills at the start and the end,
    and completed their relationship: (mentor, mentee, coordinator, programme id)."""
    mentor, mentee, relationship, coordinator = await started(api)
    programme = await programme_of(api, relationship, mentee.token)
    await hold_session(api, mentor, relationship, 6, mentor, mentee)
    for phase, levels in (("START", (2, 1, 3)), ("END", (4, 2, 3))):
        skills = ("storytelling", "anggaran", "desain")
        await api.ok(
            ASSESS,
            {"p": programme, "ph": phase,
             "l": [{"skill": s, "level": n} for s, n in zip(skills, levels, strict=True)]},
            mentee.token,
        )  # fmt: skip
    early = await api.error(
        ISSUE, {"p": programme, "u": mentee.id, "k": "COMPLETION"}, coordinator.token
    )
    assert code_of(early) == "CONFLICT"  # nothing completed yet
    await api.ok(COMPLETE, {"r": relationship}, mentor.token)
    return mentor, mentee, coordinator, programme


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def qr_codes(data: bytes) -> list[str]:
    """What the QR codes on the PDF's first page say, read from a rendering of it."""
    page = pypdfium2.PdfDocument(data)[0]
    image = page.render(scale=3).to_pil()
    return [found.text for found in zxingcpp.read_barcodes(image)]


async def test_coordinators_issue_certificates_with_a_verifiable_pdf(api: Api) -> None:
    mentor, mentee, coordinator, programme = await completed_pair(api)
    for person in (mentee, mentor, await api.register()):
        refused = await api.error(ISSUE, {"p": programme, "u": mentee.id, "k": "COMPLETION"},
                                  person.token)  # fmt: skip
        assert code_of(refused) == "FORBIDDEN"
    wrong_role = await api.error(
        ISSUE, {"p": programme, "u": mentee.id, "k": "SERVICE"}, coordinator.token
    )
    assert code_of(wrong_role) == "CONFLICT"  # the mentee mentored nobody
    stranger = await api.register()
    unknown = await api.error(
        ISSUE, {"p": programme, "u": stranger.id, "k": "COMPLETION"}, coordinator.token
    )
    assert code_of(unknown) == "NOT_FOUND"

    made = (await api.ok(ISSUE, {"p": programme, "u": mentee.id, "k": "COMPLETION"},
                         coordinator.token))["issueCertificate"]  # fmt: skip
    assert (made["recipientName"], made["sessionsHeld"], made["revokedAt"]) == (
        mentee.name, 1, None,
    )  # fmt: skip
    assert made["skills"] == [
        {"skill": "storytelling", "startLevel": 2, "endLevel": 4},
        {"skill": "anggaran", "startLevel": 1, "endLevel": 2},
        {"skill": "desain", "startLevel": 3, "endLevel": 3},
    ]
    assert re.fullmatch(r"([0-9A-Z]{4}-){3}[0-9A-Z]{4}", made["code"])
    assert made["verifyUrl"] == f"http://rajut.test/certificates/verify/{made['code']}"
    twice = await api.error(
        ISSUE, {"p": programme, "u": mentee.id, "k": "COMPLETION"}, coordinator.token
    )
    assert code_of(twice) == "CONFLICT"
    service = (await api.ok(ISSUE, {"p": programme, "u": mentor.id, "k": "SERVICE"},
                            coordinator.token))["issueCertificate"]  # fmt: skip
    assert (service["kind"], service["mentees"], service["skills"]) == ("SERVICE", 1, [])
    notes = (await api.ok("{ myNotifications { kind body } }", token=mentee.token))[
        "myNotifications"
    ]
    assert any(n["kind"] == "CERTIFICATE_ISSUED" and made["code"] in n["body"] for n in notes)
    mine = (await api.ok("{ myCertificates { code } }", token=mentee.token))["myCertificates"]
    assert mine == [{"code": made["code"]}]
    listed = await api.ok(
        "query($p: ID!) { programmeCertificates(programmeId: $p) { code } }",
        {"p": programme},
        coordinator.token,
    )
    assert {c["code"] for c in listed["programmeCertificates"]} == {made["code"], service["code"]}

    # the PDF: the recipient and the coordinators, with their token; nobody else
    assert (await api.http.get(made["pdfPath"])).status_code == 401
    for person in (mentor, await api.register()):
        other = await api.http.get(
            made["pdfPath"], headers={"Authorization": f"Bearer {person.token}"}
        )
        assert other.status_code == 404
    for person in (mentee, coordinator):
        response = await api.http.get(
            made["pdfPath"], headers={"Authorization": f"Bearer {person.token}"}
        )
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    for expected in (mentee.name, made["code"], "Sertifikat Penyelesaian".upper(),
                     "Certificate of Completion", "storytelling 2 -> 4"):  # fmt: skip
        assert expected in text, (expected, text)
    assert qr_codes(response.content) == [made["verifyUrl"]]
    service_pdf = await api.http.get(
        service["pdfPath"], headers={"Authorization": f"Bearer {mentor.token}"}
    )
    assert "Certificate of Mentoring Service" in pdf_text(service_pdf.content)


async def test_anyone_verifies_a_code_and_sees_a_revocation(api: Api) -> None:
    mentor, mentee, coordinator, programme = await completed_pair(api)
    made = (await api.ok(ISSUE, {"p": programme, "u": mentee.id, "k": "COMPLETION"},
                         coordinator.token))["issueCertificate"]  # fmt: skip
    path = urlsplit(made["verifyUrl"]).path
    page = await api.http.get(path)  # no token: the page is public
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Valid certificate" in page.text and mentee.name in page.text
    assert "storytelling: 2 → 4" in page.text and made["code"] in page.text
    assert mentee.email not in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script" not in policy
    assert not re.search(r"(src|href)=\"?https?:", page.text)  # no other host
    stated = (await api.http.get(path + ".json")).json()
    assert stated["status"] == "valid" and stated["recipientName"] == mentee.name
    assert stated["skills"][0] == {"skill": "storytelling", "startLevel": 2, "endLevel": 4}
    assert "email" not in str(stated).lower() and "reason" not in str(stated).lower()
    typed = made["code"].lower().replace("-", " ").replace("0", "o")
    assert (await api.http.get(f"/certificates/verify/{typed}.json")).json() == stated

    exported = (await api.ok(CREDENTIAL, {"c": made["id"]}, mentee.token))["certificateCredential"]
    claims = await checked_open_badge(api.http, exported["jwt"], mentee.email)
    assert claims["id"] == made["verifyUrl"]
    assert claims["credentialSubject"]["achievement"]["achievementType"] == (
        "CertificateOfCompletion"
    )
    assert not await revoked(api.http, claims)
    for person in (mentor, await api.register()):
        error = await api.error(CREDENTIAL, {"c": made["id"]}, person.token)
        assert code_of(error) == "NOT_FOUND"

    assert code_of(await api.error(REVOKE, {"c": made["id"], "r": "x"}, mentee.token)) == (
        "NOT_FOUND"
    )
    gone = await api.ok(REVOKE, {"c": made["id"], "r": "Data keliru"}, coordinator.token)
    assert gone["revokeCertificate"]["revokedReason"] == "Data keliru"
    page = await api.http.get(path)
    assert page.status_code == 200 and "This certificate was revoked on" in page.text
    assert "Valid certificate" not in page.text and "Data keliru" not in page.text
    assert (await api.http.get(path + ".json")).json()["status"] == "revoked"
    assert await revoked(api.http, claims)
    # once revoked, a new one may be issued, with a new code
    again = (await api.ok(ISSUE, {"p": programme, "u": mentee.id, "k": "COMPLETION"},
                          coordinator.token))["issueCertificate"]  # fmt: skip
    assert again["code"] != made["code"]

    for unknown in ("AAAA-BBBB-CCCC-DDDD", "x" * 5000, "%00", "ÄÖÜ-1234"):
        missing = await api.http.get(f"/certificates/verify/{unknown}")
        assert missing.status_code == 404 and "No certificate has this code" in missing.text
        as_json = await api.http.get(f"/certificates/verify/{unknown}.json")
        assert as_json.status_code == 404 and as_json.json()["status"] == "unknown"
    for bad in ("/certificates/abc.pdf", "/certificates/UHJvZ3JhbW1lOjE=.pdf"):
        response = await api.http.get(bad, headers={"Authorization": f"Bearer {mentee.token}"})
        assert response.status_code == 404


async def test_deleting_an_account_revokes_its_certificates_and_badges(api: Api) -> None:
    from tests.support import PASSWORD
    from tests.test_badges import CREDENTIAL as BADGE_CREDENTIAL
    from tests.test_badges import awarded

    _, mentee, coordinator, programme = await completed_pair(api)
    made = (
        await api.ok(ISSUE, {"p": programme, "u": mentee.id, "k": "COMPLETION"}, coordinator.token)
    )["issueCertificate"]
    award = await eventually(lambda: awarded(api, mentee, "first-session"))
    badge = (await api.ok(BADGE_CREDENTIAL, {"a": award["id"]}, mentee.token))["badgeCredential"]
    exported = await api.ok("{ exportMyData }", token=mentee.token)
    assert [c["code"] for c in exported["exportMyData"]["certificates"]] == [
        made["code"].replace("-", "")
    ]
    assert [b["badge"] for b in exported["exportMyData"]["badges"]] == [
        "Sesi pertama / First session"
    ]
    await api.ok(
        "mutation($p: String!) { deleteMyAccount(password: $p) }", {"p": PASSWORD}, mentee.token
    )
    stated = (await api.http.get(urlsplit(made["verifyUrl"]).path + ".json")).json()
    assert (stated["status"], stated["recipientName"]) == ("revoked", "Deleted member")
    assert await revoked(api.http, badge["credential"])
