"""Importing a registration form's CSV and exporting a programme, from the outside: the file
over HTTP, dry runs and commits over GraphQL, progress over graphql-transport-ws, the
`rajut import` command, and the exports parsed back."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from gql import Client, GraphQLRequest, gql
from gql.transport.websockets import WebsocketsTransport

from tests.support import (
    UPDATE_PROFILE,
    Api,
    ProgrammeWorld,
    acknowledge,
    code_of,
    enrol,
    open_programme,
    unique,
)
from tests.test_sessions import SCHEDULE, active_pair, at

HEADER = [
    "Stempel waktu", "Alamat email", "Nama Lengkap (sesuai KTP)", "Daftar sebagai",
    "Bahasa yang dikuasai", "Zona waktu", "Bidang minat", "Tentang saya", "Tahun lahir",
    "No. HP/WA",
]  # fmt: skip
DRY_RUN = """mutation($i: ID!, $m: [ImportColumnInput!], $r: ParticipantRole) {
  dryRunImport(importId: $i, mapping: $m, defaultRole: $r) {
    importId rows valid invite update unchanged enrolled declined problemCount committed
    problems { row column field code reason reasonId reasonEn } } }"""
COMMIT = """mutation($i: ID!) { commitImport(importId: $i) {
  rows valid invite update unchanged enrolled declined problemCount committed } }"""
BATCH = """query($i: ID!) { importBatch(importId: $i) { id filename rowCount delimiter status
  defaultRole columns { column field } result { rows valid invite problemCount committed } } }"""
MY_INVITATIONS = """{ myInvitations { id kind participantRole programmeName programmeId } }"""
MY_ENROLMENTS = "{ myEnrolments { asMentor asMentee mentorStatus programme { id } } }"
ACCEPT = "mutation($id: ID!) { acceptInvitation(id: $id) { status } }"
DECLINE = "mutation($id: ID!) { declineInvitation(id: $id) { status } }"
PROFILE = "query($u: ID!) { profile(userId: $u) { bio languages timezone expertise { skill } } }"


def form(rows: list[list[str]], header: list[str] = HEADER, delimiter: str = ";") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def row(email: str, role: str = "Mentee", **cells: str) -> list[str]:
    values = {
        "name": "Siti Rahmawati", "languages": "Bahasa Indonesia, Jawa", "zone": "WIB",
        "areas": "Pembuatan kampanye", "bio": "Guru SD di Bandung.", "year": "1995",
        "phone": "0812-3456-7890", **cells,
    }  # fmt: skip
    return [
        "2026/01/05 10:00:00", email, values["name"], role, values["languages"],
        values["zone"], values["areas"], values["bio"], values["year"], values["phone"],
    ]  # fmt: skip


async def upload(
    api: Api, world: ProgrammeWorld, body: bytes | str, token: str | None = None, **params: str
) -> Any:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return await api.http.post(
        "/imports",
        params={"programmeId": world.programme_id, "filename": "pendaftaran.csv", **params},
        content=data,
        headers={"Authorization": f"Bearer {token or world.coordinator.token}"},
    )


async def staged(api: Api, world: ProgrammeWorld, body: bytes | str) -> str:
    response = await upload(api, world, body)
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def participant_invitations(api: Api, world: ProgrammeWorld) -> list[dict[str, str]]:
    response = await api.http.get(
        f"/exports/programmes/{world.programme_id}/invitations.csv",
        headers={"Authorization": f"Bearer {world.coordinator.token}"},
    )
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


async def test_a_semicolon_file_with_a_bom_is_read_with_its_indonesian_headers(api: Api) -> None:
    world = await open_programme(api)
    text = form([row(unique("siti") + "@rajut.test"), row(unique("budi") + "@rajut.test")])
    response = await upload(api, world, "\ufeff" + text)
    assert response.status_code == 201, response.text
    staged_file = response.json()
    assert (staged_file["delimiter"], staged_file["rowCount"]) == (";", 2)
    guessed = {c["column"]: c["field"] for c in staged_file["columns"]}
    assert guessed == {
        "Stempel waktu": None,
        "Alamat email": "EMAIL",
        "Nama Lengkap (sesuai KTP)": "DISPLAY_NAME",
        "Daftar sebagai": "ROLE",
        "Bahasa yang dikuasai": "LANGUAGES",
        "Zona waktu": "TIMEZONE",
        "Bidang minat": "FOCUS_AREAS",
        "Tentang saya": "BIO",
        "Tahun lahir": "BIRTH_YEAR",
        "No. HP/WA": "PHONE",
    }
    report = (await api.ok(DRY_RUN, {"i": staged_file["id"]}, world.coordinator.token))[
        "dryRunImport"
    ]
    assert (report["rows"], report["valid"], report["invite"], report["problemCount"]) == (
        2, 2, 2, 0
    )  # fmt: skip
    assert report["committed"] is False
    batch = (await api.ok(BATCH, {"i": staged_file["id"]}, world.coordinator.token))["importBatch"]
    assert batch["status"] == "STAGED" and batch["filename"] == "pendaftaran.csv"
    assert batch["result"] == {
        "rows": 2, "valid": 2, "invite": 2, "problemCount": 0, "committed": False
    }  # fmt: skip
    # the first dry run invited nobody
    assert await participant_invitations(api, world) == []


async def test_a_comma_file_with_english_headers_and_a_corrected_mapping(api: Api) -> None:
    world = await open_programme(api)
    header = ["Timestamp", "Email Address", "Full name", "Role", "Time zone", "Notes"]
    people = [unique("ayu") + "@rajut.test", unique("wayan") + "@rajut.test"]
    text = form(
        [
            # a quoted note over two lines is still one row
            ["1/5/2026", people[0], "Ayu", "observer", "Asia/Makassar", "Suka menulis,\nfoto"],
            ["1/5/2026", people[1], "Wayan", "", "wita", "Bendahara desa"],
        ],
        header,
        delimiter=",",
    )
    import_id = await staged(api, world, text)
    token = world.coordinator.token
    first = (await api.ok(DRY_RUN, {"i": import_id}, token))["dryRunImport"]
    assert [(p["row"], p["column"], p["code"]) for p in first["problems"]] == [
        (2, "Role", "BAD_ROLE"),
        (3, "Role", "MISSING"),
    ]
    # the role column left out, every row a mentor; the notes read as bios
    mapping = [
        {"column": "Email Address", "field": "EMAIL"},
        {"column": "Full name", "field": "DISPLAY_NAME"},
        {"column": "Time zone", "field": "TIMEZONE"},
        {"column": "Notes", "field": "BIO"},
        {"column": "Role", "field": None},
    ]
    report = (await api.ok(DRY_RUN, {"i": import_id, "m": mapping, "r": "MENTOR"}, token))[
        "dryRunImport"
    ]
    assert (report["valid"], report["problemCount"]) == (2, 0)
    batch = (await api.ok(BATCH, {"i": import_id}, token))["importBatch"]
    assert batch["delimiter"] == "," and batch["defaultRole"] == "MENTOR"
    assert {c["column"]: c["field"] for c in batch["columns"]}["Notes"] == "BIO"
    committed = (await api.ok(COMMIT, {"i": import_id}, token))["commitImport"]
    assert (committed["invite"], committed["committed"]) == (2, True)
    invitations = await participant_invitations(api, world)
    assert sorted((i["email"], i["role"]) for i in invitations) == [
        (people[0], "mentor"),
        (people[1], "mentor"),
    ]
    twice = [{"column": "Email Address", "field": "EMAIL"}, {"column": "Notes", "field": "EMAIL"}]
    for bad in (
        [{"column": "Nope", "field": "EMAIL"}],  # no such column
        twice,  # one field, two columns
        [{"column": "Full name", "field": "DISPLAY_NAME"}],  # no EMAIL
    ):
        other = await staged(api, world, text)
        error = await api.error(DRY_RUN, {"i": other, "m": bad}, token)
        assert (code_of(error), error["extensions"]["field"]) == ("BAD_USER_INPUT", "mapping")


async def test_files_rajut_cannot_read_are_refused_whole(api: Api) -> None:
    world = await open_programme(api)
    cases = [
        ("Alamat email;Nama\nsiti@rajut.test;Andr\xe9".encode("latin-1"), "UTF-8"),
        (b"Alamat email;Nama\nsiti@rajut.test;Sit\x00i\n", "NUL"),
        (b"Alamat email;Nama\n", "no rows"),
        (b"", "empty"),
        (b"Email;Email\nsiti@rajut.test;x\n", "named"),
        (("Email\n" + "a@rajut.test\n" * 20_001).encode(), "20,000"),
    ]
    for body, words in cases:
        response = await upload(api, world, body)
        assert response.status_code == 400, response.text
        assert response.json()["code"] == "BAD_USER_INPUT"
        assert words in response.json()["message"]


async def test_a_dry_run_lists_every_bad_row_and_a_commit_writes_nothing(api: Api) -> None:
    world = await open_programme(api)
    good = unique("baik") + "@rajut.test"
    rows = [
        row(good),
        row("budi@"),
        row(good.upper()),
        row(unique("a") + "@rajut.test", areas="Memasak, Pembuatan kampanye"),
        row(unique("b") + "@rajut.test", zone="Mars/Olympus"),
        row(unique("c") + "@rajut.test", name="N" * 121),
        row(unique("d") + "@rajut.test", role="Pengamat"),
        row(unique("e") + "@rajut.test", languages="Indonesia, Klingon"),
        row(unique("f") + "@rajut.test", year="1800"),
        row(unique("g") + "@rajut.test", bio="Halo\x07"),
        [*row(unique("h") + "@rajut.test"), "sel lebih"],
        row(""),
        [""] * len(HEADER),  # a blank row: skipped, but it keeps its number
        row(unique("baik") + "@rajut.test", role="Keduanya", languages="en / su", zone="WIT"),
    ]
    import_id = await staged(api, world, form(rows))
    report = (await api.ok(DRY_RUN, {"i": import_id}, world.coordinator.token))["dryRunImport"]
    found = [(p["row"], p["column"], p["field"], p["code"]) for p in report["problems"]]
    assert found == [
        (3, "Alamat email", "EMAIL", "BAD_EMAIL"),
        (4, "Alamat email", "EMAIL", "DUPLICATE"),
        (5, "Bidang minat", "FOCUS_AREAS", "UNKNOWN_FOCUS_AREA"),
        (6, "Zona waktu", "TIMEZONE", "BAD_TIMEZONE"),
        (7, "Nama Lengkap (sesuai KTP)", "DISPLAY_NAME", "TOO_LONG"),
        (8, "Daftar sebagai", "ROLE", "BAD_ROLE"),
        (9, "Bahasa yang dikuasai", "LANGUAGES", "UNKNOWN_LANGUAGE"),
        (10, "Tahun lahir", "BIRTH_YEAR", "BAD_NUMBER"),
        (11, "Tentang saya", "BIO", "CONTROL_CHARACTER"),
        (12, None, None, "EXTRA_CELLS"),
        (13, "Alamat email", "EMAIL", "MISSING"),
    ]
    assert (report["rows"], report["valid"], report["problemCount"]) == (13, 2, 11)
    duplicate = report["problems"][1]
    assert duplicate["reasonEn"] == "This email address already appears in row 2."
    assert (
        duplicate["reason"] == duplicate["reasonId"] == ("Alamat email ini sudah ada di baris 2.")
    )  # the coordinator's account speaks Indonesian
    assert "Memasak" in report["problems"][2]["reasonEn"]

    refused = await api.error(COMMIT, {"i": import_id}, world.coordinator.token)
    assert (code_of(refused), refused["extensions"]["field"]) == ("BAD_USER_INPUT", "rows")
    assert "11 rows" in refused["message"] and "row 3" in refused["message"]
    batch = (await api.ok(BATCH, {"i": import_id}, world.coordinator.token))["importBatch"]
    assert batch["status"] == "STAGED"
    assert await participant_invitations(api, world) == []  # not even the good rows


async def test_reimporting_creates_no_duplicates_and_nobody_is_enrolled_unasked(
    api: Api,
) -> None:
    world = await open_programme(api)
    token = world.coordinator.token
    fresh = await api.register("Ani")  # an account whose profile is still empty
    settled = await api.register("Bayu")  # one who wrote their own profile
    await api.ok(
        UPDATE_PROFILE, {"p": {"bio": "Tulisan saya sendiri", "languages": ["en"]}}, settled.token
    )
    declining = await api.register("Citra")
    newcomer, later = unique("dewi") + "@rajut.test", unique("eka") + "@rajut.test"
    rows = [
        row(fresh.email.upper(), "Mentee", bio="Dari formulir", languages="Jawa", zone="WITA"),
        row(settled.email, "Mentor", bio="Dari formulir", areas="Pembuatan kampanye"),
        row(newcomer, "Mentor dan mentee", areas="campaign-creation; Penceritaan digital"),
        row(declining.email, "Mentee"),
        row(later, "Mentee"),
    ]
    first = form(rows)
    report = (await api.ok(COMMIT, {"i": await staged(api, world, first)}, token))["commitImport"]
    assert (report["invite"], report["committed"]) == (5, True)

    # an existing account is invited, not enrolled
    enrolled_in = [
        e["programme"]["id"]
        for e in (await api.ok(MY_ENROLMENTS, token=fresh.token))["myEnrolments"]
    ]
    assert world.programme_id not in enrolled_in
    [offer] = (await api.ok(MY_INVITATIONS, token=fresh.token))["myInvitations"]
    assert (offer["kind"], offer["participantRole"], offer["programmeId"]) == (
        "PROGRAMME_PARTICIPANT", "MENTEE", world.programme_id
    )  # fmt: skip
    notes = await api.ok("{ myNotifications { kind title } }", token=fresh.token)
    assert any(n["kind"] == "INVITATION" for n in notes["myNotifications"])

    # the same file again: nothing new
    again = (await api.ok(COMMIT, {"i": await staged(api, world, first)}, token))["commitImport"]
    assert (again["invite"], again["unchanged"], again["update"]) == (0, 5, 0)

    # accepting enrols; an empty profile is filled from the form, a written one is kept
    await api.ok(ACCEPT, {"id": offer["id"]}, fresh.token)
    mine = (await api.ok(MY_ENROLMENTS, token=fresh.token))["myEnrolments"]
    assert {"asMentor": False, "asMentee": True, "mentorStatus": "NOT_APPLIED",
            "programme": {"id": world.programme_id}} in mine  # fmt: skip
    profile = (await api.ok(PROFILE, {"u": fresh.id}, fresh.token))["profile"]
    assert (profile["bio"], profile["languages"], profile["timezone"]) == (
        "Dari formulir", ["jv"], "Asia/Makassar"
    )  # fmt: skip
    [offer] = (await api.ok(MY_INVITATIONS, token=settled.token))["myInvitations"]
    await api.ok(ACCEPT, {"id": offer["id"]}, settled.token)
    mine = (await api.ok(MY_ENROLMENTS, token=settled.token))["myEnrolments"]
    assert [(e["asMentor"], e["mentorStatus"]) for e in mine] == [(True, "PENDING")]
    profile = (await api.ok(PROFILE, {"u": settled.id}, settled.token))["profile"]
    assert (profile["bio"], profile["languages"]) == ("Tulisan saya sendiri", ["en"])
    # an address without an account: the invitation waits for its owner to register
    person = await api.register("Dewi", email=newcomer)
    [offer] = (await api.ok(MY_INVITATIONS, token=person.token))["myInvitations"]
    await api.ok(ACCEPT, {"id": offer["id"]}, person.token)
    mine = (await api.ok(MY_ENROLMENTS, token=person.token))["myEnrolments"]
    assert [(e["asMentor"], e["asMentee"]) for e in mine] == [(True, True)]
    profile = (await api.ok(PROFILE, {"u": person.id}, person.token))["profile"]
    assert {e["skill"] for e in profile["expertise"]} == {
        "pembuatan kampanye", "penceritaan digital"
    }  # fmt: skip
    [offer] = (await api.ok(MY_INVITATIONS, token=declining.token))["myInvitations"]
    await api.ok(DECLINE, {"id": offer["id"]}, declining.token)

    # a changed row updates its pending invitation; who declined is not asked again
    rows[4] = row(later, "Mentor")
    second = await staged(api, world, form(rows))
    report = (await api.ok(DRY_RUN, {"i": second}, token))["dryRunImport"]
    assert (report["enrolled"], report["declined"], report["update"], report["invite"]) == (
        3, 1, 1, 0
    )  # fmt: skip
    await api.ok(COMMIT, {"i": second}, token)
    repeated = await api.error(COMMIT, {"i": second}, token)
    assert (code_of(repeated), repeated["extensions"]["field"]) == ("CONFLICT", "importId")
    invitations = await participant_invitations(api, world)
    assert len(invitations) == 5  # one per address, however often the file came
    assert {i["email"]: i["role"] for i in invitations}[later] == "mentor"
    assert {i["email"]: i["status"] for i in invitations}[declining.email] == "declined"


async def test_only_the_programmes_coordinators_import_and_export(api: Api) -> None:
    world = await open_programme(api)
    import_id = await staged(api, world, form([row(unique("x") + "@rajut.test")]))
    other = await open_programme(api)  # another programme's coordinator
    participant = await api.register()
    await enrol(api, participant, world, asMentee=True)
    for person in (other.coordinator, participant):
        response = await upload(api, world, form([row("y@rajut.test")]), token=person.token)
        assert (response.status_code, response.json()["code"]) == (403, "FORBIDDEN")
        for query, variables in (
            (DRY_RUN, {"i": import_id}),
            (COMMIT, {"i": import_id}),
            (BATCH, {"i": import_id}),
        ):
            assert code_of(await api.error(query, variables, person.token)) == "FORBIDDEN"
        for path in ("{}.json", "{}/participants.csv"):
            response = await api.http.get(
                "/exports/programmes/" + path.format(world.programme_id),
                headers={"Authorization": f"Bearer {person.token}"},
            )
            assert (response.status_code, response.json()["code"]) == (403, "FORBIDDEN")
        async with progress_client(api.base_url, person.token) as session:
            with pytest.raises(Exception, match="coordinators"):
                async for _ in session.subscribe(
                    GraphQLRequest(PROGRESS, variable_values={"i": import_id})
                ):
                    pass
    anonymous = await api.http.post(
        "/imports", params={"programmeId": world.programme_id}, content=b"Email\na@b.co\n"
    )
    assert anonymous.status_code == 401
    export = await api.http.get(f"/exports/programmes/{world.programme_id}.json")
    assert export.status_code == 401
    reader = await api.ok(
        'mutation { createApiToken(input: {name: "lihat", scopes: [READ]}) { token } }',
        token=world.coordinator.token,
    )
    read_only = reader["createApiToken"]["token"]
    response = await upload(api, world, form([row("z@rajut.test")]), token=read_only)
    assert response.status_code == 403
    assert code_of(await api.error(COMMIT, {"i": import_id}, read_only)) == "FORBIDDEN"
    # the coordinator's export still lists nobody: nothing above got through
    assert await participant_invitations(api, world) == []


PROGRESS = gql(
    """subscription($i: ID!) { importProgress(importId: $i) { importId phase done total } }"""
)


def progress_client(base_url: str, token: str) -> Client:
    return Client(
        transport=WebsocketsTransport(
            url=base_url.replace("http://", "ws://") + "/graphql",
            init_payload={"authorization": f"Bearer {token}"},
            subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
            ping_interval=None,
        )
    )


async def test_progress_reaches_a_graphql_ws_subscriber(api: Api) -> None:
    world = await open_programme(api)
    rows = [row(f"{unique('p')}@rajut.test", name=f"Peserta {n}") for n in range(1_200)]
    import_id = await staged(api, world, form(rows))
    events: list[dict[str, Any]] = []
    subscribed = asyncio.Event()
    async with progress_client(api.base_url, world.coordinator.token) as session:

        async def listen() -> None:
            request = GraphQLRequest(PROGRESS, variable_values={"i": import_id})
            async for result in session.subscribe(request):
                events.append(result["importProgress"])
                subscribed.set()

        listening = asyncio.create_task(listen())
        await asyncio.wait_for(subscribed.wait(), 10)
        report = (await api.ok(COMMIT, {"i": import_id}, world.coordinator.token))["commitImport"]
        await asyncio.wait_for(listening, 30)  # it ends by itself after COMMITTED
    assert report["invite"] == 1_200
    assert events[0] == {"importId": import_id, "phase": "STAGED", "done": 0, "total": 1_200}
    checking = [e["done"] for e in events if e["phase"] == "CHECKING"]
    writing = [e["done"] for e in events if e["phase"] == "WRITING"]
    assert checking == [0, 500, 1_000, 1_200]
    assert writing == [0, 1_000, 1_200]
    assert events[-1]["phase"] == "COMMITTED" and events[-1]["done"] == 1_200
    # a late subscriber hears the stored end at once
    async with progress_client(api.base_url, world.coordinator.token) as session:
        request = GraphQLRequest(PROGRESS, variable_values={"i": import_id})
        late = [r["importProgress"]["phase"] async for r in session.subscribe(request)]
    assert late == ["COMMITTED"]
    # a refused commit says so, and the subscription waits for the next attempt
    refused = await staged(api, world, form([row("bukan-email")]))
    async with progress_client(api.base_url, world.coordinator.token) as session:
        stream = session.subscribe(GraphQLRequest(PROGRESS, variable_values={"i": refused}))
        assert (await anext(stream))["importProgress"]["phase"] == "STAGED"
        await api.error(COMMIT, {"i": refused}, world.coordinator.token)
        phases = []
        while not phases or phases[-1] != "FAILED":
            event = await asyncio.wait_for(anext(stream), 10)
            phases.append(event["importProgress"]["phase"])
        assert phases == ["CHECKING", "CHECKING", "FAILED"]
        await stream.aclose()


async def run_cli(*args: str, env: dict[str, str], cwd: Path) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "server.cli", *args, cwd=cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await asyncio.wait_for(process.communicate(), timeout=300)
    return process.returncode or 0, output.decode()


async def test_rajut_import_shows_progress_and_refuses_bad_files(
    api: Api, database_url: str, tmp_path: Path
) -> None:
    world = await open_programme(api)
    token = world.coordinator.token
    programme = await api.ok(
        "query($p: ID!) { programme(id: $p) { slug } myOrganisations { id slug } }",
        {"p": world.programme_id},
        token,
    )
    org = next(o for o in programme["myOrganisations"] if o["id"] == world.org_id)
    command = [
        "import", "--organisation", org["slug"], "--programme", programme["programme"]["slug"],
        "--coordinator", world.coordinator.email,
    ]  # fmt: skip
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("REDIS_URL", None)
    bad = tmp_path / "buruk.csv"
    bad.write_text(form([row(unique("q") + "@rajut.test"), row("bukan-email")]), "utf-8-sig")
    status, output = await run_cli(*command, str(bad), env=env, cwd=tmp_path)
    assert status == 1, output
    assert "row 3, Alamat email: Bukan alamat email yang sah: bukan-email." in output
    assert await participant_invitations(api, world) == []

    people = [unique("r") + "@rajut.test" for _ in range(3)]
    good = tmp_path / "baik.csv"
    header = [*HEADER[:3], "Catatan panitia", *HEADER[4:]]  # no role column: --default-role
    good.write_text(form([row(p) for p in people], header), "utf-8")
    status, output = await run_cli(
        *command, str(good), "--dry-run", "--default-role", "mentor", env=env, cwd=tmp_path
    )
    assert status == 0 and "3 to invite" in output and "[####" in output, output
    assert await participant_invitations(api, world) == []
    status, output = await run_cli(
        *command, str(good), "--default-role", "mentor", "--map", "Tentang saya=",
        "--map", "Catatan panitia=bio", env=env, cwd=tmp_path,
    )  # fmt: skip
    assert status == 0, output
    assert "writing invitations 3/3" in output and "committed: 3 invited" in output
    invitations = await participant_invitations(api, world)
    assert sorted((i["email"], i["role"]) for i in invitations) == [
        (p, "mentor") for p in sorted(people)
    ]


async def test_the_export_parses_back_without_private_texts(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await active_pair(api)
    await acknowledge(api, relationship, mentor, mentee)
    mine = await api.ok("{ myRelationships { id programme { id } } }", token=mentor.token)
    programme_id = mine["myRelationships"][0]["programme"]["id"]
    session = (
        await api.ok(
            SCHEDULE,
            {"i": {"relationshipId": relationship, "startsAt": at(-1, 12), "endsAt": at(-1, 13)}},
            mentor.token,
        )
    )["scheduleSession"]["id"]
    await api.ok(
        "mutation($s: ID!, $a: [ID!]!) { recordSessionHeld(sessionId: $s, attended: $a) "
        "{ status } }",
        {"s": session, "a": [mentee.id]},
        mentor.token,
    )
    await api.ok(
        'mutation($s: ID!) { giveFeedback(sessionId: $s, rating: 4, comment: "Komentar rahasia") '
        "{ rating } }",
        {"s": session},
        mentee.token,
    )
    await api.ok(
        """mutation($r: ID!) { submitJournal(input: {relationshipId: $r,
          reflection: "Refleksi pribadi", shared: false}) { weekOf } }""",
        {"r": relationship},
        mentee.token,
    )
    world = ProgrammeWorld(coordinator, "", programme_id)
    # a minor, and a name a spreadsheet would run as a formula
    minor = await api.register('=HYPERLINK("http://jahat.example")')
    await enrol(api, minor, world, asMentee=True)
    await api.ok(UPDATE_PROFILE, {"p": {"birthYear": 2012, "contactPhone": "0899"}}, minor.token)
    headers = {"Authorization": f"Bearer {coordinator.token}"}

    response = await api.http.get(f"/exports/programmes/{programme_id}.json", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith("attachment;")
    document = response.json()
    assert document["format"] == "rajut-programme-export/1"
    for private in ("Refleksi pribadi", "Komentar rahasia", "0899", minor.email):
        assert private not in response.text
    people = {p["displayName"]: p for p in document["participants"]}
    assert people[minor.name]["minor"] is True and people[minor.name]["email"] is None
    assert people[mentor.name]["email"] == mentor.email  # an adult (born 1990)
    assert people[mentee.name]["email"] is None  # no birth year: counted as a minor
    [pair] = document["relationships"]
    assert (pair["sessionsHeld"], pair["journalEntries"], pair["status"]) == (1, 1, "active")
    [held] = document["sessions"]
    assert (held["attended"], held["feedbackCount"], held["meanRating"]) == (1, 1, 4)
    assert document["feedback"]["summary"]["sessions"] == {
        "count": 1, "meanRating": 4, "distribution": {"4": 1}
    }  # fmt: skip

    tables = {}
    for table in ("participants", "invitations", "relationships", "sessions", "feedback"):
        response = await api.http.get(
            f"/exports/programmes/{programme_id}/{table}.csv", headers=headers
        )
        assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        tables[table] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [p["displayName"] for p in tables["participants"]]
    assert "'" + minor.name in names and minor.name not in names  # formula neutralised
    assert {p["displayName"]: p["email"] for p in tables["participants"]}[mentor.name] == (
        mentor.email
    )
    assert tables["invitations"] == []
    [feedback] = tables["feedback"]
    assert (feedback["feedbackCount"], feedback["meanRating"], feedback["rating4"]) == (
        "1",
        "4",
        "1",
    )
    assert tables["sessions"][0]["status"] == "held"
    missing = await api.http.get(
        f"/exports/programmes/{programme_id}/journals.csv", headers=headers
    )
    assert missing.status_code == 404


async def test_the_mapping_is_guessed_from_header_words(api: Api) -> None:
    person = await api.register()
    guessed = await api.ok(
        "query($c: [String!]!) { guessImportMapping(columns: $c) { column field } }",
        {"c": ["Timestamp", "E-mail", "Nama", "Peran", "Nomor WhatsApp", "Kapasitas mentee"]},
        person.token,
    )
    assert [c["field"] for c in guessed["guessImportMapping"]] == [
        None, "EMAIL", "DISPLAY_NAME", "ROLE", "PHONE", "CAPACITY"
    ]  # fmt: skip
