"""The knowledge repository through the API: review from every seat, revisions, resources,
search in Indonesian and English, growth signals and the new-article subscription.

Runs on SQLite and PostgreSQL (the ``api`` fixture). Every article carries a word made for
the test, so searches see only this test's articles in the shared database.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

import httpx

from tests.support import (
    Api,
    Person,
    ProgrammeWorld,
    accept_invitations,
    approved_mentor,
    code_of,
    enrol,
    open_programme,
    subscribe,
    unique,
)

ARTICLE_FIELDS = """id title summary body tags language visibility status private revision
  reviewComment reviewerName views helpful viewerIsAuthor viewerFoundHelpful
  authors { id displayName } focusAreas { slug }"""
CREATE = f"""mutation($i: ArticleInput!) {{ createArticle(input: $i) {{ {ARTICLE_FIELDS} }} }}"""
EDIT = f"""mutation($id: ID!, $c: ArticleChanges!, $n: String!) {{
  editArticle(id: $id, changes: $c, note: $n) {{ {ARTICLE_FIELDS} }} }}"""
ARTICLE = f"query($id: ID!) {{ article(id: $id) {{ {ARTICLE_FIELDS} }} }}"
SUBMIT = "mutation($id: ID!) { submitArticleForReview(id: $id) { status } }"
REVIEW = """mutation($id: ID!, $a: Boolean!, $c: String!) {
  reviewArticle(id: $id, approve: $a, comment: $c) { status reviewComment reviewerName } }"""
ARCHIVE = "mutation($id: ID!) { archiveArticle(id: $id) { status } }"
REVISIONS = """query($id: ID!) { article(id: $id) { revision revisions {
  number note title body tags authorName } } }"""
DIFF = """query($id: ID!, $f: Int!, $t: Int!) {
  articleDiff(articleId: $id, fromRevision: $f, toRevision: $t) }"""
RESTORE = """mutation($id: ID!, $r: Int!) { restoreArticleRevision(id: $id, revision: $r) {
  revision body title } }"""
SEARCH = """query($q: String!, $f: ArticleSearchFilter, $first: Int!, $after: String) {
  searchArticles(query: $q, filter: $f, first: $first, after: $after) {
    edges { cursor node { score snippet article { id title } } }
    pageInfo { hasNextPage endCursor } } }"""
HELPFUL = """mutation($id: ID!, $h: Boolean!) { markArticleHelpful(id: $id, helpful: $h) {
  helpful viewerFoundHelpful } }"""
RELATED = "query($id: ID!) { article(id: $id) { related { id } } }"
FOLLOW = """mutation($o: ID!, $f: String!, $on: Boolean!) {
  followFocusArea(organisationId: $o, focusArea: $f, follow: $on) { slug } }"""
APPOINT = """mutation($p: ID!, $e: String!, $r: StaffRole!) {
  appointStaff(programmeId: $p, email: $e, role: $r) }"""


@dataclass
class Seats:
    world: ProgrammeWorld
    author: Person  # a mentee of the programme
    member: Person  # an approved mentor of the same programme
    coach: Person  # the programme's mentor coach: a reviewer
    outsider: Person  # the coordinator of another organisation's programme


async def seats(api: Api) -> Seats:
    world = await open_programme(api)
    author = await api.register("Penulis Muda")
    await enrol(api, author, world, asMentee=True)
    member = await approved_mentor(api, world)
    coach = await api.register("Pelatih Mentor")
    await api.ok(
        APPOINT,
        {"p": world.programme_id, "e": coach.email, "r": "MENTOR_COACH"},
        world.coordinator.token,
    )
    await accept_invitations(api, coach)
    other = await open_programme(api)
    return Seats(world, author, member, coach, other.coordinator)


async def draft(api: Api, s: Seats, person: Person | None = None, **values: Any) -> dict[str, Any]:
    fields = {
        "programmeId": s.world.programme_id,
        "title": "Cara membimbing relawan",
        "body": "Baris pertama.\nBaris kedua.",
        "summary": "Ringkasan",
        "tags": ["relawan"],
        "focusAreas": ["campaign-creation"],
    }
    fields.update(values)
    return (await api.ok(CREATE, {"i": fields}, (person or s.author).token))["createArticle"]


async def publish(api: Api, s: Seats, article_id: str, person: Person | None = None) -> None:
    await api.ok(SUBMIT, {"id": article_id}, (person or s.author).token)
    await api.ok(REVIEW, {"id": article_id, "a": True, "c": ""}, s.coach.token)


async def not_found(api: Api, query: str, variables: dict[str, Any], person: Person | None) -> None:
    error = await api.error(query, variables, person.token if person else None)
    assert code_of(error) == "NOT_FOUND", error


async def test_review_workflow_from_every_seat(api: Api) -> None:
    s = await seats(api)
    created = await draft(api, s)
    aid = created["id"]
    assert created["status"] == "DRAFT" and created["private"] is True
    assert created["authors"] == [{"id": s.author.id, "displayName": "Penulis Muda"}]
    assert created["focusAreas"] == [{"slug": "campaign-creation"}]

    # a private draft is its author's alone
    for seat in (s.member, s.coach, s.world.coordinator, s.outsider, None):
        await not_found(api, ARTICLE, {"id": aid}, seat)
    for seat in (s.member, s.coach, s.outsider):
        await not_found(api, EDIT, {"id": aid, "c": {"title": "Punyaku"}, "n": ""}, seat)
        await not_found(api, SUBMIT, {"id": aid}, seat)
    error = await api.error(SUBMIT, {"id": aid}, None)
    assert code_of(error) == "UNAUTHENTICATED"

    await api.ok(SUBMIT, {"id": aid}, s.author.token)
    queue = "{ articleReviewQueue(first: 50) { edges { node { id } } } }"
    for seat, expected in ((s.coach, [aid]), (s.member, []), (s.outsider, [])):
        edges = (await api.ok(queue, token=seat.token))["articleReviewQueue"]["edges"]
        assert [e["node"]["id"] for e in edges] == expected
    mine = "{ myArticles(first: 5) { edges { node { id status } } } }"
    assert (await api.ok(mine, token=s.author.token))["myArticles"]["edges"] == [
        {"node": {"id": aid, "status": "IN_REVIEW"}}
    ]
    # in review: reviewers read it; members and strangers still do not
    await api.ok(ARTICLE, {"id": aid}, s.coach.token)
    for seat in (s.member, s.outsider):
        await not_found(api, ARTICLE, {"id": aid}, seat)
        await not_found(api, REVIEW, {"id": aid, "a": True, "c": ""}, seat)
    # the author may not publish their own work, nor edit it while it is reviewed
    error = await api.error(REVIEW, {"id": aid, "a": True, "c": ""}, s.author.token)
    assert code_of(error) == "FORBIDDEN"
    error = await api.error(EDIT, {"id": aid, "c": {"title": "Lain"}, "n": ""}, s.author.token)
    assert code_of(error) == "CONFLICT"

    # sending back needs a comment
    error = await api.error(REVIEW, {"id": aid, "a": False, "c": "  "}, s.coach.token)
    assert code_of(error) == "BAD_USER_INPUT"
    back = await api.ok(REVIEW, {"id": aid, "a": False, "c": "Tambah contoh."}, s.coach.token)
    assert back["reviewArticle"] == {
        "status": "DRAFT",
        "reviewComment": "Tambah contoh.",
        "reviewerName": "Pelatih Mentor",
    }
    seen = (await api.ok(ARTICLE, {"id": aid}, s.author.token))["article"]
    assert seen["reviewComment"] == "Tambah contoh." and seen["status"] == "DRAFT"
    await api.ok(EDIT, {"id": aid, "c": {"body": "Dengan contoh."}, "n": "contoh"}, s.author.token)

    await api.ok(SUBMIT, {"id": aid}, s.author.token)
    # the coordinator of another programme is no reviewer here
    await not_found(api, REVIEW, {"id": aid, "a": True, "c": ""}, s.outsider)
    published = await api.ok(
        REVIEW, {"id": aid, "a": True, "c": "Bagus"}, s.world.coordinator.token
    )
    assert published["reviewArticle"]["status"] == "PUBLISHED"

    # published for the programme: its participants and staff, nobody else
    for seat in (s.member, s.coach, s.world.coordinator):
        body = await api.post(ARTICLE, {"id": aid}, seat.token)
        assert body["data"]["article"]["status"] == "PUBLISHED", body
        assert s.author.email not in json.dumps(body)  # names only, never contact details
    for seat in (s.outsider, None):
        await not_found(api, ARTICLE, {"id": aid}, seat)

    # what the reviewer approved stays: nobody widens the audience afterwards
    error = await api.error(
        EDIT, {"id": aid, "c": {"visibility": "PUBLIC"}, "n": ""}, s.author.token
    )
    assert code_of(error) == "CONFLICT"
    await not_found(api, ARTICLE, {"id": aid}, None)

    # archiving: authors and reviewers only; then it leaves the members' view
    error = await api.error(ARCHIVE, {"id": aid}, s.member.token)
    assert code_of(error) == "FORBIDDEN"
    await api.ok(ARCHIVE, {"id": aid}, s.author.token)
    await not_found(api, ARTICLE, {"id": aid}, s.member)
    assert (await api.ok(ARTICLE, {"id": aid}, s.coach.token))["article"]["status"] == "ARCHIVED"


async def test_a_shared_draft_is_open_to_reviewers_and_bad_input_changes_nothing(api: Api) -> None:
    s = await seats(api)
    shared = await draft(api, s, private=False)
    await api.ok(ARTICLE, {"id": shared["id"]}, s.coach.token)
    await not_found(api, ARTICLE, {"id": shared["id"]}, s.member)
    for values, field in (
        ({"title": "x" * 201}, "title"),
        ({"title": "   "}, "title"),
        ({"tags": [f"t{i}" for i in range(11)]}, "tags"),
        ({"focusAreas": ["no-such-area"]}, "focusAreas"),
        ({"body": "x" * 100_001}, "body"),
    ):
        error = await api.error(EDIT, {"id": shared["id"], "c": values, "n": ""}, s.author.token)
        assert code_of(error) == "BAD_USER_INPUT" and error["extensions"]["field"] == field
    after = (await api.ok(REVISIONS, {"id": shared["id"]}, s.author.token))["article"]
    assert after["revision"] == 1 and len(after["revisions"]) == 1
    # a programme the writer does not take part in is not theirs to write in
    error = await api.error(
        CREATE,
        {"i": {"programmeId": s.world.programme_id, "title": "Masuk"}},
        s.outsider.token,
    )
    assert code_of(error) == "NOT_FOUND"


async def test_revisions_diff_and_restore(api: Api) -> None:
    s = await seats(api)
    aid = (await draft(api, s, body="satu\ndua\ntiga"))["id"]
    await api.ok(
        EDIT, {"id": aid, "c": {"body": "satu\nDUA\ntiga"}, "n": "huruf besar"}, s.author.token
    )
    await api.ok(
        EDIT, {"id": aid, "c": {"title": "Judul baru", "tags": ["a", "b"]}, "n": ""}, s.author.token
    )
    history = (await api.ok(REVISIONS, {"id": aid}, s.author.token))["article"]
    assert history["revision"] == 3
    assert [r["number"] for r in history["revisions"]] == [3, 2, 1]
    assert history["revisions"][1]["note"] == "huruf besar"
    assert {r["authorName"] for r in history["revisions"]} == {"Penulis Muda"}

    diff = (await api.ok(DIFF, {"id": aid, "f": 1, "t": 3}, s.author.token))["articleDiff"]
    lines = diff.splitlines()
    assert lines[0] == "--- revision 1" and lines[1] == "+++ revision 3"
    assert "-dua" in lines and "+DUA" in lines
    assert "-# Cara membimbing relawan" in lines and "+# Judul baru" in lines
    assert "+tags: a, b" in lines

    restored = await api.ok(RESTORE, {"id": aid, "r": 1}, s.author.token)
    assert restored["restoreArticleRevision"] == {
        "revision": 4,
        "body": "satu\ndua\ntiga",
        "title": "Cara membimbing relawan",
    }
    history = (await api.ok(REVISIONS, {"id": aid}, s.author.token))["article"]
    assert history["revisions"][0]["note"] == "restored revision 1"
    assert len(history["revisions"]) == 4

    await not_found(api, DIFF, {"id": aid, "f": 1, "t": 3}, s.member)
    await not_found(api, RESTORE, {"id": aid, "r": 1}, s.member)
    await not_found(api, RESTORE, {"id": aid, "r": 99}, s.author)


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def office(part: str) -> bytes:
    """A zip with Office Open XML's content-types part and one more."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return out.getvalue()


async def upload(api: Api, person: Person | None, data: bytes, **params: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {person.token}"} if person else {}
    return await api.http.post("/knowledge/uploads", content=data, params=params, headers=headers)


async def download(api: Api, path: str, person: Person | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {person.token}"} if person else {}
    return await api.http.get(path, headers=headers)


async def test_uploads_are_checked_by_content_and_downloads_follow_visibility(api: Api) -> None:
    s = await seats(api)
    aid = (await draft(api, s))["id"]
    # a PNG named .pdf is stored, and served, as the PNG it is
    stored = await upload(api, s.author, PNG, articleId=aid, filename="laporan.pdf")
    assert stored.status_code == 201, stored.text
    resource = stored.json()
    assert resource["contentType"] == "image/png" and resource["filename"] == "laporan.png"
    assert resource["size"] == len(PNG)
    # an executable named .png is refused, whatever it is called
    elf = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
    refused = await upload(api, s.author, elf, articleId=aid, filename="foto.png")
    assert refused.status_code == 415 and refused.json()["code"] == "BAD_USER_INPUT"
    windows = b"MZ\x90\x00" + b"\x00" * 200
    assert (
        await upload(api, s.author, windows, articleId=aid, filename="a.png")
    ).status_code == 415
    # Markdown and a docx (a zip with Word's parts) are welcome
    text = await upload(api, s.author, b"# Judul\nIsi", articleId=aid, filename="c.md")
    assert text.json()["contentType"] == "text/plain; charset=utf-8"
    assert text.json()["filename"] == "c.md"
    docx = await upload(api, s.author, office("word/document.xml"), articleId=aid, filename="d")
    assert docx.json()["filename"] == "d.docx"
    assert docx.json()["contentType"].endswith("wordprocessingml.document")
    plain_zip = await upload(api, s.author, office("evil.exe"), articleId=aid, filename="e.docx")
    assert plain_zip.status_code == 415
    # larger than an API request may be (MAX_BODY_BYTES, 1 MiB), within the upload limit
    long_notes = b"# Catatan\n" + b"baris catatan panjang\n" * 100_000
    assert len(long_notes) > 2 * 1024 * 1024
    kept = await upload(api, s.author, long_notes, articleId=aid, filename="catatan.md")
    assert kept.status_code == 201 and kept.json()["size"] == len(long_notes), kept.text
    # too big: refused before storing, announced or streamed
    big = b"a" * (10 * 1024 * 1024 + 1)
    assert (await upload(api, s.author, big, articleId=aid)).status_code == 413

    async def chunks():
        for _ in range(11):
            yield b"a" * (1024 * 1024)

    streamed = await api.http.post(
        "/knowledge/uploads",
        content=chunks(),
        params={"articleId": aid},
        headers={"Authorization": f"Bearer {s.author.token}"},
    )
    assert streamed.status_code == 413
    # nobody else attaches to the article
    assert (await upload(api, None, PNG, articleId=aid)).status_code == 401
    assert (await upload(api, s.member, PNG, articleId=aid)).status_code == 404
    assert (await upload(api, s.author, PNG)).status_code == 400

    path = resource["downloadPath"]
    got = await download(api, path, s.author)
    assert got.status_code == 200 and got.content == PNG
    assert got.headers["content-type"] == "image/png"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-disposition"].startswith('attachment; filename="laporan.png"')
    # the draft's files are as private as the draft
    for seat in (s.member, s.outsider, None):
        assert (await download(api, path, seat)).status_code == 404
    await publish(api, s, aid)
    assert (await download(api, path, s.member)).status_code == 200
    for seat in (s.outsider, None):
        assert (await download(api, path, seat)).status_code == 404

    # a public article's files are public
    public = (await draft(api, s, visibility="PUBLIC"))["id"]
    open_file = (await upload(api, s.author, PNG, articleId=public)).json()["downloadPath"]
    await publish(api, s, public)
    assert (await download(api, open_file, None)).status_code == 200
    assert (await download(api, open_file, s.outsider)).status_code == 200

    listed = await api.ok(
        "query($id: ID!) { article(id: $id) { resources { kind filename contentType } } }",
        {"id": aid},
        s.member.token,
    )
    assert {r["filename"] for r in listed["article"]["resources"]} == {
        "laporan.png",
        "c.md",
        "d.docx",
        "catatan.md",
    }


async def test_links_and_focus_area_resources(api: Api) -> None:
    s = await seats(api)
    aid = (await draft(api, s))["id"]
    add = """mutation($a: ID, $o: ID, $f: String, $u: String!) { addResourceLink(
      articleId: $a, organisationId: $o, focusArea: $f, title: "Panduan", url: $u) {
      id kind url } }"""
    link = await api.ok(add, {"a": aid, "u": "https://example.org/panduan"}, s.author.token)
    assert link["addResourceLink"]["kind"] == "LINK"
    error = await api.error(add, {"a": aid, "u": "javascript:alert(1)"}, s.author.token)
    assert code_of(error) == "BAD_USER_INPUT"
    # focus areas are curated by the organisation's admins and programme staff
    area = {"o": s.world.org_id, "f": "campaign-creation", "u": "https://example.org/kampanye"}
    assert code_of(await api.error(add, area, s.author.token)) == "FORBIDDEN"
    await api.ok(add, area, s.coach.token)
    uploaded = await upload(
        api, s.coach, PNG, organisationId=s.world.org_id, focusArea="campaign-creation"
    )
    assert uploaded.status_code == 201
    query = """query($o: ID!) {
      focusAreaResources(organisationId: $o, focusArea: "campaign-creation") {
        kind url contentType } }"""
    found = (await api.ok(query, {"o": s.world.org_id}, s.author.token))["focusAreaResources"]
    assert {r["kind"] for r in found} == {"LINK", "FILE"}
    assert code_of(await api.error(query, {"o": s.world.org_id}, s.outsider.token)) == "NOT_FOUND"
    assert (await download(api, uploaded.json()["downloadPath"], s.outsider)).status_code == 404
    assert (await download(api, uploaded.json()["downloadPath"], s.member)).status_code == 200


async def search(
    api: Api,
    query: str,
    person: Person | None,
    first: int = 20,
    after: str | None = None,
    **filters: Any,
) -> dict[str, Any]:
    body = await api.ok(
        SEARCH,
        {"q": query, "f": filters or None, "first": first, "after": after},
        person.token if person else None,
    )
    return body["searchArticles"]


def titles(found: dict[str, Any]) -> list[str]:
    return [e["node"]["article"]["title"] for e in found["edges"]]


async def test_search_stems_ranks_filters_and_respects_visibility(api: Api) -> None:
    s = await seats(api)
    mark = unique("zq")  # only this test's articles carry it
    in_title = await draft(
        api,
        s,
        title="Membimbing relawan baru",
        body=f"Catatan {mark} tentang kegiatan.",
        tags=["relawan"],
    )
    in_body = await draft(
        api,
        s,
        person=s.member,
        title="Catatan lapangan",
        body=f"Seorang pembimbing yang baik mendengarkan. {mark}",
        tags=["lapangan"],
        focusAreas=["digital-storytelling"],
    )
    english = await draft(
        api,
        s,
        title="Mentoring volunteers",
        body=f"Mentors listen first. {mark}",
        language="EN",
        tags=["bimbingan"],
    )
    organisation_wide = await draft(
        api, s, title=f"Bimbingan untuk seluruh organisasi {mark}", visibility="ORGANISATION"
    )
    public = await draft(api, s, title=f"Bimbingan terbuka {mark}", visibility="PUBLIC")
    unpublished = await draft(api, s, title=f"Bimbingan rahasia {mark}")
    for article in (in_title, english, organisation_wide, public):
        await publish(api, s, article["id"])
    await publish(api, s, in_body["id"], person=s.member)

    # the three Indonesian forms find each other, the title match first
    for word in ("membimbing", "bimbingan", "pembimbing"):
        found = await search(api, f"{word} {mark}", s.author)
        order = titles(found)
        assert {"Membimbing relawan baru", "Catatan lapangan"} <= set(order), (word, order)
        assert order.index("Membimbing relawan baru") < order.index("Catatan lapangan")
        assert unpublished["title"] not in titles(found)
    ranked = await search(api, f"bimbingan {mark}", s.author, language="ID")
    order = titles(ranked)
    assert order.index("Membimbing relawan baru") < order.index("Catatan lapangan")
    body_hit = next(
        e for e in ranked["edges"] if e["node"]["article"]["title"] == "Catatan lapangan"
    )
    assert "**pembimbing**" in body_hit["node"]["snippet"]
    assert len(body_hit["node"]["snippet"]) <= 400
    # English stems too: "mentoring" finds "Mentors"
    assert titles(await search(api, f"mentoring {mark}", s.author)) == ["Mentoring volunteers"]

    # filters
    assert titles(await search(api, mark, s.author, language="EN")) == ["Mentoring volunteers"]
    assert titles(await search(api, mark, s.author, tag="Lapangan")) == ["Catatan lapangan"]
    assert titles(await search(api, mark, s.author, focusArea="digital-storytelling")) == [
        "Catatan lapangan"
    ]
    assert titles(await search(api, mark, s.author, authorId=s.member.id)) == ["Catatan lapangan"]

    # visibility: strangers see only the public one; anonymous readers too
    everything = set(titles(await search(api, mark, s.author)))
    assert len(everything) == 5
    stranger = await api.register()
    assert titles(await search(api, mark, stranger)) == [public["title"]]
    assert titles(await search(api, mark, None)) == [public["title"]]
    assert titles(await search(api, mark, s.outsider)) == [public["title"]]
    await api.ok(ARTICLE, {"id": public["id"]}, None)

    # keyset pages walk every hit once
    seen: list[str] = []
    after = None
    while True:
        page = await search(api, mark, s.author, first=2, after=after)
        seen += titles(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted(everything)

    # edits and archiving keep the index current
    await api.ok(
        EDIT,
        {"id": in_title["id"], "c": {"title": f"Kegiatan lapangan {mark}x"}, "n": ""},
        s.author.token,
    )
    assert "Membimbing relawan baru" not in titles(
        await search(api, f"membimbing {mark}", s.author)
    )
    await api.ok(ARCHIVE, {"id": in_body["id"]}, s.member.token)
    assert "Catatan lapangan" not in titles(await search(api, f"pembimbing {mark}", s.author))

    for bad in ("x" * 201, " ".join(["kata"] * 13)):
        error = await api.error(SEARCH, {"q": bad, "first": 5}, s.author.token)
        assert code_of(error) == "BAD_USER_INPUT"
    error = await api.error(SEARCH, {"q": mark, "first": 5, "after": "bukan"}, s.author.token)
    assert code_of(error) == "BAD_USER_INPUT"


async def test_views_votes_and_related(api: Api) -> None:
    s = await seats(api)
    first = await draft(api, s, tags=["relawan", "donasi"])
    near = await draft(api, s, title="Mirip", tags=["donasi"])
    far = await draft(api, s, title="Lain", tags=["lain"], focusAreas=["financial-management"])
    for article in (first, near, far):
        await publish(api, s, article["id"])
    aid = first["id"]
    for _ in range(2):
        await api.ok(ARTICLE, {"id": aid}, s.member.token)
    assert (await api.ok(ARTICLE, {"id": aid}, s.member.token))["article"]["views"] == 1
    assert (await api.ok(ARTICLE, {"id": aid}, s.coach.token))["article"]["views"] == 2

    for _ in range(2):
        voted = await api.ok(HELPFUL, {"id": aid, "h": True}, s.member.token)
    assert voted["markArticleHelpful"] == {"helpful": 1, "viewerFoundHelpful": True}
    await api.ok(HELPFUL, {"id": aid, "h": True}, s.coach.token)
    taken = await api.ok(HELPFUL, {"id": aid, "h": False}, s.member.token)
    assert taken["markArticleHelpful"] == {"helpful": 1, "viewerFoundHelpful": False}
    assert (
        code_of(await api.error(HELPFUL, {"id": aid, "h": True}, s.outsider.token)) == "NOT_FOUND"
    )

    related = (await api.ok(RELATED, {"id": aid}, s.member.token))["article"]["related"]
    ids = [r["id"] for r in related]
    assert near["id"] in ids and far["id"] not in ids and aid not in ids


NEW_ARTICLES = "subscription { newArticles { id title } }"


async def test_new_articles_reach_followers_only(api: Api, server: str) -> None:
    s = await seats(api)
    follow = {"o": s.world.org_id, "f": "campaign-creation", "on": True}
    await api.ok(FOLLOW, follow, s.member.token)
    followed = await api.ok("{ followedFocusAreas { slug } }", token=s.member.token)
    assert followed["followedFocusAreas"] == [{"slug": "campaign-creation"}]
    await api.ok(FOLLOW, {**follow, "f": "financial-management"}, s.coach.token)
    assert code_of(await api.error(FOLLOW, follow, (await api.register()).token)) == "NOT_FOUND"

    async with (
        subscribe(server, s.member.token, NEW_ARTICLES) as follower,
        subscribe(server, s.coach.token, NEW_ARTICLES) as other,
    ):
        kampanye = await draft(api, s, title="Kampanye baru")
        await publish(api, s, kampanye["id"])
        keuangan = await draft(api, s, title="Keuangan", focusAreas=["financial-management"])
        await publish(api, s, keuangan["id"])
        assert (await follower.next())["newArticles"] == {
            "id": kampanye["id"],
            "title": "Kampanye baru",
        }
        # the coach follows only financial management: the first thing they hear of is that
        assert (await other.next())["newArticles"]["id"] == keuangan["id"]
