"""The mentor directory and suggestions: search and filters checked against the API's own
answer, filters and pages kept in the address, favourites and hiding, the matcher's reasons.

Demo logins of this area: mentee030-mentee049, mentor22-mentor26 (all in the open programme).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, Demo, check_a11y, screenshot

PROGRAMME = "Mentoring Kampanye 2026"
SEARCH = "Cari nama, keahlian, atau bio"
DIRECTORY = """query($p: ID!, $f: MentorFilterInput!, $first: Int!, $after: String) {
  mentorDirectory(programmeId: $p, filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { displayName mark user { id } } } } }"""


def token(demo: Demo, email: str) -> str:
    """A token for a demo login (the demo keeps one per person for the run)."""
    return demo.login(email)


def programme_id(demo: Demo, email: str) -> str:
    data = demo.graphql("{ myEnrolments { programme { id name } } }", token=token(demo, email))
    return next(
        e["programme"]["id"] for e in data["myEnrolments"] if e["programme"]["name"] == PROGRAMME
    )


def directory(demo: Demo, email: str, first: int = 100, after: str | None = None, **f) -> dict:
    variables = {"p": programme_id(demo, email), "f": f, "first": first, "after": after}
    return demo.graphql(DIRECTORY, variables, token(demo, email))["mentorDirectory"]


def names(connection: dict) -> list[str]:
    return [e["node"]["displayName"] for e in connection["edges"]]


def cards(page: Page):
    return page.get_by_role("article").get_by_role("heading", level=3)


def open_filters(page: Page) -> None:
    """On a phone the extra filters start folded away."""
    summary = page.locator("summary", has_text="Filter lainnya")
    if page.locator("details").get_attribute("open") is None:
        summary.click()
    expect(page.get_by_label("Bahasa", exact=True)).to_be_visible()


def test_search_and_filters_match_the_api_and_survive_a_reload(open_app, demo: Demo) -> None:
    me = "mentee031@rajut.test"
    page = open_app(me, "/directory")
    expect(page.get_by_role("heading", name="Cari mentor", level=1)).to_be_visible()
    everyone = directory(demo, me, first=10)
    expect(page.get_by_role("status").filter(has_text="mentor ditemukan")).to_contain_text(
        f"{everyone['totalCount']} mentor ditemukan"
    )
    expect(cards(page)).to_have_text(names(everyone))
    check_a11y(page)
    screenshot(page, "directory")

    page.get_by_role("searchbox", name=SEARCH).fill("dana")
    page.get_by_role("button", name="Cari", exact=True).click()
    open_filters(page)
    page.get_by_label("Bahasa", exact=True).select_option("jv")
    by_text_and_language = names(directory(demo, me, text="dana", languages=["jv"]))
    assert 1 < len(by_text_and_language) < everyone["totalCount"]
    expect(cards(page)).to_have_text(by_text_and_language)

    page.get_by_label("Bidang", exact=True).select_option("financial-management")
    narrowed = names(
        directory(demo, me, text="dana", languages=["jv"], focusAreas=["financial-management"])
    )
    assert narrowed and len(narrowed) < len(by_text_and_language)
    expect(cards(page)).to_have_text(narrowed)
    assert "lang=jv" in page.url and "area=financial-management" in page.url

    page.reload()
    expect(cards(page)).to_have_text(narrowed)
    expect(page.get_by_role("searchbox", name=SEARCH)).to_have_value("dana")
    expect(page.get_by_label("Bahasa", exact=True)).to_have_value("jv")
    expect(page.get_by_label("Bidang", exact=True)).to_have_value("financial-management")

    page.get_by_role("button", name="Hapus semua filter").click()
    expect(cards(page)).to_have_text(names(everyone))


def test_pages_go_forward_and_back_and_a_reload_keeps_the_page(open_app, demo: Demo) -> None:
    me = "mentee032@rajut.test"
    first = directory(demo, me, first=10)
    assert first["pageInfo"]["hasNextPage"]
    second = directory(demo, me, first=10, after=first["pageInfo"]["endCursor"])
    page = open_app(me, "/directory", viewport=DESKTOP)
    expect(cards(page)).to_have_text(names(first))
    check_a11y(page)
    screenshot(page, "directory")

    page.get_by_role("button", name="Halaman berikutnya").click()
    expect(cards(page)).to_have_text(names(second))
    expect(page.get_by_text("halaman 2")).to_be_visible()
    page.reload()
    expect(cards(page)).to_have_text(names(second))
    page.get_by_role("button", name="Halaman sebelumnya").click()
    expect(cards(page)).to_have_text(names(first))
    expect(page.get_by_role("button", name="Halaman sebelumnya")).to_have_count(0)


def test_favourite_then_favourites_only_and_hiding(open_app, demo: Demo) -> None:
    me = "mentee034@rajut.test"
    listed = names(directory(demo, me, first=10))
    favourite, hidden = listed[1], listed[2]
    page = open_app(me, "/directory")

    card = page.get_by_role("article", name=favourite)
    card.get_by_role("button", name="Favorit").click()
    expect(card.get_by_role("button", name="Favorit")).to_have_attribute("aria-pressed", "true")
    assert names(directory(demo, me, favouritesOnly=True)) == [favourite]

    open_filters(page)
    page.get_by_label("Hanya favorit saya").check()
    expect(cards(page)).to_have_text([favourite])
    page.get_by_label("Hanya favorit saya").uncheck()
    expect(cards(page)).to_have_count(10)

    page.get_by_role("article", name=hidden).get_by_role("button", name="Sembunyikan").click()
    expect(page.get_by_role("article", name=hidden)).to_have_count(0)
    assert hidden not in names(directory(demo, me))
    marks = {
        e["node"]["displayName"]: e["node"]["mark"]
        for e in directory(demo, me, includeHidden=True)["edges"]
    }
    assert marks[hidden] == "HIDDEN" and marks[favourite] == "FAVOURITE"

    page.get_by_label("Sertakan mentor yang saya sembunyikan").check()
    card = page.get_by_role("article", name=hidden)
    expect(card.get_by_text("Disembunyikan")).to_be_visible()
    card.get_by_role("button", name="Tampilkan lagi").click()
    expect(card.get_by_text("Disembunyikan")).to_have_count(0)
    assert hidden in names(directory(demo, me))
    check_a11y(page)


def test_suggestions_show_the_matchers_reasons(open_app, demo: Demo) -> None:
    me = "mentee030@rajut.test"  # an English-speaking account: the English catalogue
    query = """query($p: ID!) { mentorSuggestions(programmeId: $p, first: 10) {
      user { displayName } reasons { text } concerns { text } } }"""
    expected = demo.graphql(query, {"p": programme_id(demo, me)}, token(demo, me))[
        "mentorSuggestions"
    ]
    assert expected and expected[0]["reasons"]
    page = open_app(me, "/suggestions", locale="en", viewport=DESKTOP)
    expect(page.get_by_role("heading", name="Suggested mentors", level=1)).to_be_visible()
    headings = page.get_by_role("article").get_by_role("heading", level=2)
    expect(headings).to_have_text([s["user"]["displayName"] for s in expected])
    best = page.get_by_role("article", name=expected[0]["user"]["displayName"])
    expect(best.get_by_role("heading", name="Why they fit")).to_be_visible()
    for reason in expected[0]["reasons"] + expected[0]["concerns"]:
        expect(best.get_by_text(reason["text"], exact=True)).to_be_visible()
    expect(best.get_by_role("button", name="Ask to be my mentor")).to_be_visible()
    check_a11y(page)
    screenshot(page, "suggestions")

    # the directory ranks by the same score and explains it on demand
    page.get_by_role("link", name="Directory").click()
    page.get_by_label("Sort by").select_option("COMPATIBILITY")
    first = page.get_by_role("article").first
    expect(first.get_by_text("Fit", exact=True)).to_be_visible()
    first.get_by_role("button", name="Why this fit?").click()
    expect(first.get_by_role("heading", name="Why they fit")).to_be_visible()
    check_a11y(page)


def test_request_form_keeps_a_draft_and_confirms(open_app, demo: Demo) -> None:
    me = "mentee035@rajut.test"
    mentor = "I Ketut Astawa"  # mentor26
    page = open_app(me, "/directory?q=Ketut", viewport=PHONE)
    card = page.get_by_role("article", name=mentor)
    card.get_by_role("button", name="Minta jadi mentor saya").click()
    message = card.get_by_label(f"Pesan untuk {mentor}")
    expect(message).to_be_focused()
    message.fill("Halo Pak Ketut, saya ingin belajar mengelola keuangan kampanye.")
    check_a11y(page)
    page.reload()  # a draft survives a reload
    card = page.get_by_role("article", name=mentor)
    card.get_by_role("button", name="Minta jadi mentor saya").click()
    expect(card.get_by_label(f"Pesan untuk {mentor}")).to_have_value(
        "Halo Pak Ketut, saya ingin belajar mengelola keuangan kampanye."
    )
    card.get_by_role("button", name="Kirim permintaan").click()
    expect(card.get_by_role("status")).to_contain_text(f"Permintaan terkirim ke {mentor}")
    sent = demo.graphql(
        "{ myRequests(side: SENT) { status message mentor { displayName } } }",
        token=token(demo, me),
    )["myRequests"]
    assert sent == [
        {
            "status": "PENDING",
            "message": "Halo Pak Ketut, saya ingin belajar mengelola keuangan kampanye.",
            "mentor": {"displayName": mentor},
        }
    ]
    page.reload()
    card = page.get_by_role("article", name=mentor)
    expect(card.get_by_text("sedang menunggu jawaban")).to_be_visible()
    expect(card.get_by_role("button", name="Minta jadi mentor saya")).to_have_count(0)
