"""The knowledge repository: search in both languages, reading an article safely, the "this
helped me" vote, following a focus area (new articles arrive live), and promoting one's own
session notes to a private draft.

Logins: pelatih (writes) and koordinator (reviews) publish the articles; mentee080 to 082 read,
vote and follow; mentee004 promotes a note of mentor04's group's held session."""

from __future__ import annotations

import base64
import re
import uuid

import pytest
from playwright.sync_api import expect
from pycrdt import Doc, Text

from tests.browser.conftest import DESKTOP, check_a11y, screenshot


def token_of(demo, email: str) -> str:
    """A token for a demo login (the demo keeps one per person for the run)."""
    return demo.login(email)


ORGS = "{ myOrganisations { id } }"
PROGRAMMES = "query($o: ID!) { programmes(organisationId: $o) { id status } }"
CREATE = """mutation($input: ArticleInput!) { createArticle(input: $input) { id } }"""
SUBMIT = "mutation($id: ID!) { submitArticleForReview(id: $id) { status } }"
REVIEW = "mutation($id: ID!) { reviewArticle(id: $id, approve: true) { status } }"
HELPFUL = "query($id: ID!) { article(id: $id) { helpful } }"

INDONESIAN_BODY = """Relawan muda sering **ragu** menyusun anggaran. Mulailah dari yang kecil.

## Langkah pertama

1. Catat semua biaya, sekecil apa pun.
2. Pisahkan biaya *wajib* dan biaya tambahan.

- Gunakan tabel sederhana
- Bagikan ke donatur: lihat [panduan Rajut](https://rajut.example.org/panduan)

> Anggaran yang jujur lebih dipercaya daripada janji besar.

Contoh baris: `Cetak poster: Rp 150.000`

<script>document.body.dataset.hacked = "yes"</script>
<img src=x onerror="document.body.dataset.hacked='yes'">
[jangan diklik](javascript:alert(1))
"""

ENGLISH_BODY = """Every campaign needs a story people remember.

## Find the person

Mentors help volunteers tell **true stories** about one person the campaign serves.
"""


def publish(demo, title: str, body: str, language: str, **extra) -> str:
    """Written by the mentor coach, approved by the coordinator, readable across Merajut ASA."""
    coach, coordinator = (
        token_of(demo, "pelatih@rajut.test"),
        token_of(demo, "koordinator@rajut.test"),
    )
    org = demo.graphql(ORGS, token=coordinator)["myOrganisations"][0]["id"]
    programmes = demo.graphql(PROGRAMMES, {"o": org}, coordinator)["programmes"]
    programme = next(p["id"] for p in programmes if p["status"] == "REGISTRATION_OPEN")
    article = {
        "programmeId": programme,
        "title": title,
        "body": body,
        "language": language,
        "visibility": "ORGANISATION",
        "private": False,
    } | extra
    found = demo.graphql(CREATE, {"input": article}, coach)["createArticle"]["id"]
    demo.graphql(SUBMIT, {"id": found}, coach)
    assert demo.graphql(REVIEW, {"id": found}, coordinator)["reviewArticle"]["status"] == (
        "PUBLISHED"
    )
    return found


@pytest.fixture(scope="module")
def articles(demo) -> dict[str, str]:
    return {
        "id": publish(
            demo,
            "Membimbing relawan menyusun anggaran kampanye",
            INDONESIAN_BODY,
            "ID",
            summary="Anggaran sederhana yang dipercaya donatur.",
            tags=["anggaran"],
            focusAreas=["financial-management"],
        ),
        "en": publish(
            demo,
            "Storytelling for village fundraising",
            ENGLISH_BODY,
            "EN",
            summary="One person, one true story.",
        ),
    }


def test_search_finds_articles_by_indonesian_and_english_words(open_app, articles) -> None:
    page = open_app("mentee080@rajut.test", "/knowledge")
    expect(page.get_by_role("heading", name="Pengetahuan", level=1)).to_be_visible()
    search = page.get_by_role("search")
    # "bimbingan" is not in the article: the stemmer finds "Membimbing"
    search.get_by_label("Kata kunci").fill("bimbingan anggaran")
    search.get_by_role("button", name="Cari").click()
    expect(page).to_have_url(re.compile(r"q=bimbingan\+anggaran"))
    result = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Membimbing relawan menyusun anggaran kampanye")
    )
    expect(result).to_be_visible()
    expect(result.locator("strong").first).to_be_visible()  # the matched words, highlighted
    expect(page.get_by_role("link", name="Storytelling for village fundraising")).to_have_count(0)
    check_a11y(page)
    screenshot(page, "knowledge-search")

    page.reload()  # the words stay in the address
    expect(page.get_by_role("search").get_by_label("Kata kunci")).to_have_value(
        "bimbingan anggaran"
    )
    expect(result).to_be_visible()

    search = page.get_by_role("search")
    search.get_by_label("Kata kunci").fill("mentoring story")  # "Mentors … stories"
    search.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("link", name="Storytelling for village fundraising")).to_be_visible()
    expect(page.get_by_role("link", name="Membimbing relawan")).to_have_count(0)

    search.get_by_label("Kata kunci").fill("qwxzvb")
    search.get_by_role("button", name="Cari").click()
    expect(page.get_by_text("Tidak ada artikel yang cocok")).to_be_visible()

    page.set_viewport_size(DESKTOP)
    search.get_by_label("Kata kunci").fill("anggaran")
    search.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("link", name="Membimbing relawan menyusun anggaran")).to_be_visible()
    check_a11y(page)
    screenshot(page, "knowledge-search")


def test_an_article_renders_safely_and_counts_helped_votes(open_app, demo, articles) -> None:
    page = open_app("mentee081@rajut.test", f"/knowledge/{articles['id']}")
    expect(
        page.get_by_role("heading", name="Membimbing relawan menyusun anggaran kampanye", level=1)
    ).to_be_visible()
    body = page.locator(".kn-md")
    expect(body.get_by_role("heading", name="Langkah pertama", level=2)).to_be_visible()
    expect(body.locator("strong", has_text="ragu")).to_be_visible()
    expect(body.locator("ol > li")).to_have_count(2)
    expect(body.locator("blockquote")).to_contain_text("Anggaran yang jujur")
    expect(body.locator("code", has_text="Cetak poster")).to_be_visible()
    link = body.get_by_role("link", name="panduan Rajut")
    expect(link).to_have_attribute("href", "https://rajut.example.org/panduan")
    # markup in the body is shown as text; nothing in it runs, no unsafe link is made
    expect(body).to_contain_text("<script>")
    expect(body.locator("script, img")).to_have_count(0)
    expect(body.get_by_role("link", name="jangan diklik")).to_have_count(0)
    assert page.evaluate("document.body.dataset.hacked") is None

    helped = page.get_by_role("button", name="Ini membantu saya")
    expect(helped).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_text("0 orang terbantu")).to_be_visible()
    check_a11y(page)
    screenshot(page, "knowledge-article")
    helped.click()
    expect(page.get_by_text("1 orang terbantu")).to_be_visible()
    expect(helped).to_have_attribute("aria-pressed", "true")
    assert (
        demo.graphql(HELPFUL, {"id": articles["id"]}, token_of(demo, "mentee081@rajut.test"))[
            "article"
        ]["helpful"]
        == 1
    )

    page.reload()
    expect(page.get_by_role("button", name="Ini membantu saya")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("button", name="Ini membantu saya").click()  # taken back
    expect(page.get_by_text("0 orang terbantu")).to_be_visible()

    page.set_viewport_size(DESKTOP)
    page.goto(f"{demo.base_url}/#/knowledge/{articles['en']}")
    expect(page.get_by_role("heading", name="Find the person")).to_be_visible()
    expect(page.locator(".kn-md").locator("xpath=..")).to_have_attribute("lang", "en")
    check_a11y(page)
    screenshot(page, "knowledge-article")


def test_following_a_focus_area_brings_new_articles_live(open_app, demo) -> None:
    """In English: mentee082 chose it."""
    page = open_app("mentee082@rajut.test", "/knowledge?tab=areas", locale="en")
    row = page.get_by_role("listitem").filter(has_text="Digital storytelling")
    row.get_by_role("button", name="Follow Digital storytelling", exact=True).click()
    expect(row.get_by_role("button", name="Stop following Digital storytelling")).to_be_visible()
    expect(row).to_contain_text("Following")
    check_a11y(page)
    token = token_of(demo, "mentee082@rajut.test")
    followed = demo.graphql("{ followedFocusAreas { slug } }", token=token)
    assert {"slug": "digital-storytelling"} in followed["followedFocusAreas"]

    title = f"Foto yang bercerita {uuid.uuid4().hex[:6]}"
    publish(demo, title, "Satu foto, satu cerita.", "ID", focusAreas=["digital-storytelling"])
    expect(page.get_by_role("link", name=title)).to_be_visible()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


SESSIONS = "query($r: ID!) { sessions(relationshipId: $r) { id status } }"
SESSION_NOTE = "query($s: ID!) { sessionNote(sessionId: $s) { id } }"
SYNC = "query($n: ID!, $sv: String!) { noteSync(noteId: $n, stateVector: $sv) { update } }"
PUSH = "mutation($n: ID!, $u: String!) { pushNoteUpdate(noteId: $n, update: $u) { seq } }"
MINE = "{ myArticles { edges { node { title status sourceNoteId body } } } }"


def write_note(demo, token: str, note: str, text: str) -> None:
    """Type into a shared note as a Yjs editor does (the notes screen is another's)."""
    doc = Doc()
    body = doc.get("text", type=Text)
    state = base64.b64encode(doc.get_state()).decode()
    doc.apply_update(
        base64.b64decode(demo.graphql(SYNC, {"n": note, "sv": state}, token)["noteSync"]["update"])
    )
    before = doc.get_state()
    body.insert(len(body), text)
    update = base64.b64encode(doc.get_update(before)).decode()
    demo.graphql(PUSH, {"n": note, "u": update}, token)


def test_session_notes_are_promoted_to_a_private_draft(open_app, demo) -> None:
    page = open_app("mentee004@rajut.test", "/knowledge")
    token = token_of(demo, "mentee004@rajut.test")
    found = demo.graphql("{ myRelationships { id mentoringModel } }", token=token)
    group = next(r["id"] for r in found["myRelationships"] if r["mentoringModel"] == "GROUP")
    sessions = demo.graphql(SESSIONS, {"r": group}, token)["sessions"]
    held = next(s["id"] for s in sessions if s["status"] == "HELD")
    note = demo.graphql(SESSION_NOTE, {"s": held}, token)["sessionNote"]["id"]
    write_note(demo, token, note, "# Anggaran kelompok\n\nTabel biaya kami: **transport** dulu.\n")

    page.get_by_role("link", name="Milik saya").click()
    expect(page.get_by_role("link", name="Milik saya")).to_have_attribute("aria-current", "page")
    item = page.get_by_role("listitem").filter(has_text="Tabel biaya kami")
    expect(item.get_by_role("heading", level=3)).to_contain_text("Catatan sesi")
    check_a11y(page)
    item.get_by_role("button", name="Jadikan draf artikel").click()
    item.get_by_label("Judul draf").fill("Anggaran kelompok kecil")
    check_a11y(page)
    item.get_by_role("button", name="Buat draf").click()
    expect(page.get_by_role("status").filter(has_text="Anggaran kelompok kecil")).to_contain_text(
        "sudah dibuat"
    )
    draft = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Anggaran kelompok kecil")
    )
    expect(draft).to_contain_text("Draf")
    expect(draft).to_contain_text("dari catatan")

    mine = demo.graphql(MINE, token=token)["myArticles"]["edges"]
    made = next(e["node"] for e in mine if e["node"]["title"] == "Anggaran kelompok kecil")
    assert made["status"] == "DRAFT" and made["sourceNoteId"] == note
    assert "**transport**" in made["body"]

    page.get_by_role("link", name="Buka draf").click()
    expect(page.get_by_role("heading", name="Anggaran kelompok kecil", level=1)).to_be_visible()
    expect(page.locator(".kn-md").get_by_role("heading", name="Anggaran kelompok")).to_be_visible()
    expect(page.get_by_text("hanya bisa Anda lihat")).to_be_visible()
    expect(page.get_by_role("button", name="Ini membantu saya")).to_have_count(0)
    check_a11y(page)
