"""Expenses through the API: recording, bad input that changes nothing, totals per currency,
receipts checked by their content, and every other seat refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx

from tests.support import Api, Person, ProgrammeWorld, code_of, enrol, open_programme
from tests.test_knowledge import PNG, download, office

EXPENSE_FIELDS = """id category categoryLabel amount currency spentOn description
  participant { id displayName } recordedBy { displayName }
  receipt { filename contentType size downloadPath }"""
RECORD = f"""mutation($p: ID!, $i: ExpenseInput!) {{
  recordExpense(programmeId: $p, input: $i) {{ {EXPENSE_FIELDS} }} }}"""
EDIT = f"""mutation($e: ID!, $c: ExpenseChanges!) {{
  editExpense(expenseId: $e, changes: $c) {{ {EXPENSE_FIELDS} }} }}"""
DELETE = "mutation($e: ID!) { deleteExpense(expenseId: $e) }"
LIST = f"query($p: ID!) {{ expenses(programmeId: $p) {{ {EXPENSE_FIELDS} }} }}"
TOTALS = """query($p: ID!, $f: Date!, $t: Date!) {
  expenseTotals(programmeId: $p, from: $f, to: $t) {
  totals { currency amount count }
  byCategory { category label totals { currency amount count } }
  byParticipant { participant { id } totals { currency amount count } } } }"""


@dataclass
class Books:
    world: ProgrammeWorld
    mentee: Person
    other: ProgrammeWorld  # another organisation's programme and its coordinator


async def books(api: Api) -> Books:
    world = await open_programme(api)
    mentee = await api.register("Mentee Penerima")
    await enrol(api, mentee, world, asMentee=True)
    return Books(world, mentee, await open_programme(api))


def expense(**values: Any) -> dict[str, Any]:
    return {
        "category": "VENUE",
        "amount": "150000",
        "spentOn": date.today().isoformat(),
        "description": "Sewa aula balai desa",
        **values,
    }


async def record(api: Api, b: Books, **values: Any) -> dict[str, Any]:
    found = await api.ok(
        RECORD, {"p": b.world.programme_id, "i": expense(**values)}, b.world.coordinator.token
    )
    return found["recordExpense"]


async def listed(api: Api, b: Books) -> list[dict[str, Any]]:
    return (await api.ok(LIST, {"p": b.world.programme_id}, b.world.coordinator.token))["expenses"]


async def test_coordinators_record_correct_and_total_expenses(api: Api) -> None:
    b = await books(api)
    hall = await record(api, b)
    assert (hall["amount"], hall["currency"], hall["categoryLabel"]) == ("150000", "IDR", "Tempat")
    assert hall["recordedBy"]["displayName"] == "Koordinator" and hall["receipt"] is None
    platform = await record(
        api, b, category="PLATFORM", amount="12.50", currency="usd", description="Zoom"
    )
    assert (platform["amount"], platform["currency"]) == ("12.50", "USD")
    gift = await record(
        api, b, category="WELFARE", amount="75000", participantId=b.mentee.id, description="Kado"
    )
    assert gift["participant"] == {"id": b.mentee.id, "displayName": "Mentee Penerima"}
    # what was spent on a person is theirs to download with the rest of their data
    mine = (await api.ok("{ exportMyData }", token=b.mentee.token))["exportMyData"]
    assert [(e["category"], e["amount"], e["currency"]) for e in mine["expensesForYou"]] == [
        ("welfare", "75000", "IDR")
    ]

    outsider = await api.register()
    future = (date.today() + timedelta(days=1)).isoformat()
    for values, field in (
        ({"amount": "0"}, "amount"),
        ({"amount": "-5"}, "amount"),
        ({"amount": "1.5"}, "amount"),  # the rupiah has no smaller unit
        ({"amount": "NaN"}, "amount"),
        ({"amount": "Infinity"}, "amount"),
        ({"amount": "1000000000001"}, "amount"),
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "RUPIAH"}, "currency"),
        ({"spentOn": future}, "spentOn"),
        ({"spentOn": "2001-01-01"}, "spentOn"),
        ({"description": "   "}, "description"),
        ({"description": "x" * 501}, "description"),
        ({"participantId": outsider.id}, "participantId"),  # not in the programme
    ):
        refused = await api.error(
            RECORD, {"p": b.world.programme_id, "i": expense(**values)}, b.world.coordinator.token
        )
        assert (code_of(refused), refused["extensions"].get("field")) == (
            "BAD_USER_INPUT",
            field,
        ), (values, refused)
    assert len(await listed(api, b)) == 3  # nothing of that was kept

    moved = (
        await api.ok(
            EDIT,
            {"e": hall["id"], "c": {"amount": "200000", "participantId": b.mentee.id}},
            b.world.coordinator.token,
        )
    )["editExpense"]
    assert (moved["amount"], moved["category"], moved["participant"]["id"]) == (
        "200000",
        "VENUE",
        b.mentee.id,
    )
    cleared = (
        await api.ok(
            EDIT, {"e": hall["id"], "c": {"participantId": None}}, b.world.coordinator.token
        )
    )["editExpense"]
    assert cleared["participant"] is None and cleared["amount"] == "200000"
    bad = await api.error(
        EDIT, {"e": platform["id"], "c": {"currency": "IDR"}}, b.world.coordinator.token
    )  # 12.50 is no whole number of rupiah
    assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", "amount")

    today = date.today()
    window = {"p": b.world.programme_id, "f": (today - timedelta(days=7)).isoformat()}
    totals = (await api.ok(TOTALS, {**window, "t": today.isoformat()}, b.world.coordinator.token))[
        "expenseTotals"
    ]
    # hand-computed: IDR 200,000 (hall) + 75,000 (gift); USD 12.50, never added to rupiah
    assert totals["totals"] == [
        {"currency": "IDR", "amount": "275000", "count": 2},
        {"currency": "USD", "amount": "12.50", "count": 1},
    ]
    assert {c["category"]: c["totals"] for c in totals["byCategory"]} == {
        "VENUE": [{"currency": "IDR", "amount": "200000", "count": 1}],
        "PLATFORM": [{"currency": "USD", "amount": "12.50", "count": 1}],
        "WELFARE": [{"currency": "IDR", "amount": "75000", "count": 1}],
    }
    by_person = {(p["participant"] or {}).get("id"): p["totals"] for p in totals["byParticipant"]}
    assert by_person == {
        b.mentee.id: [{"currency": "IDR", "amount": "75000", "count": 1}],
        None: [
            {"currency": "IDR", "amount": "200000", "count": 1},
            {"currency": "USD", "amount": "12.50", "count": 1},
        ],
    }
    backwards = await api.error(TOTALS, {**window, "t": "2000-01-01"}, b.world.coordinator.token)
    assert code_of(backwards) == "BAD_USER_INPUT"

    assert await api.ok(DELETE, {"e": gift["id"]}, b.world.coordinator.token) == {
        "deleteExpense": True
    }
    assert {e["id"] for e in await listed(api, b)} == {hall["id"], platform["id"]}
    again = await api.error(DELETE, {"e": gift["id"]}, b.world.coordinator.token)
    assert code_of(again) == "NOT_FOUND"


async def test_no_other_seat_learns_of_an_expense(api: Api) -> None:
    b = await books(api)
    hall = await record(api, b)
    programme = {"p": b.world.programme_id}
    for seat, code in ((b.other.coordinator, "FORBIDDEN"), (b.mentee, "FORBIDDEN")):
        assert code_of(await api.error(LIST, programme, seat.token)) == code
        refused = await api.error(RECORD, {**programme, "i": expense()}, seat.token)
        assert code_of(refused) == code
        for operation, variables in (
            (EDIT, {"e": hall["id"], "c": {"amount": "1"}}),
            (DELETE, {"e": hall["id"]}),
        ):
            assert code_of(await api.error(operation, variables, seat.token)) == "NOT_FOUND"
        node = await api.ok(
            "query($id: ID!) { node(id: $id) { id } }", {"id": hall["id"]}, seat.token
        )
        assert node == {"node": None}
    assert code_of(await api.error(LIST, programme)) == "UNAUTHENTICATED"
    assert [e["amount"] for e in await listed(api, b)] == ["150000"]  # untouched


async def upload(api: Api, person: Person | None, data: bytes, **params: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {person.token}"} if person else {}
    return await api.http.post("/expenses/receipts", content=data, params=params, headers=headers)


async def test_receipts_are_checked_by_content_and_kept_for_coordinators(api: Api) -> None:
    b = await books(api)
    hall = await record(api, b)
    coordinator = b.world.coordinator
    # a PNG named .pdf is kept, and served, as the PNG it is
    kept = await upload(api, coordinator, PNG, expenseId=hall["id"], filename="kwitansi.pdf")
    assert kept.status_code == 201, kept.text
    assert (kept.json()["contentType"], kept.json()["filename"]) == ("image/png", "kwitansi.png")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    for refused in (
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200,  # an executable
        office("word/document.xml"),  # fine in the knowledge repository, not as a receipt
        b"Kwitansi: Rp 150.000",  # plain text
        b"",
    ):
        answer = await upload(api, coordinator, refused, expenseId=hall["id"], filename="k.pdf")
        assert answer.status_code == 415 and answer.json()["code"] == "BAD_USER_INPUT", answer.text
    too_big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
    assert (await upload(api, coordinator, too_big, expenseId=hall["id"])).status_code == 413
    assert (await upload(api, coordinator, pdf)).status_code == 400
    assert (await upload(api, None, pdf, expenseId=hall["id"])).status_code == 401
    for seat in (b.other.coordinator, b.mentee):
        assert (await upload(api, seat, pdf, expenseId=hall["id"])).status_code == 404

    path = (await listed(api, b))[0]["receipt"]["downloadPath"]
    got = await download(api, path, coordinator)
    assert got.status_code == 200 and got.content == PNG
    assert got.headers["content-type"] == "image/png"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-disposition"].startswith('attachment; filename="kwitansi.png"')
    for seat in (b.other.coordinator, b.mentee, None):
        assert (await download(api, path, seat)).status_code == 404

    # a new receipt replaces the old one; removing it, or the expense, takes the file away
    replaced = await upload(api, coordinator, pdf, expenseId=hall["id"], filename="nota")
    assert replaced.json()["filename"] == "nota.pdf"
    assert (await download(api, path, coordinator)).content == pdf
    removed = await api.ok(
        "mutation($e: ID!) { removeExpenseReceipt(expenseId: $e) { receipt { size } } }",
        {"e": hall["id"]},
        coordinator.token,
    )
    assert removed["removeExpenseReceipt"]["receipt"] is None
    assert (await download(api, path, coordinator)).status_code == 404
    assert (await upload(api, coordinator, pdf, expenseId=hall["id"])).status_code == 201
    await api.ok(DELETE, {"e": hall["id"]}, coordinator.token)
    assert (await download(api, path, coordinator)).status_code == 404
