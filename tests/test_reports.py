"""Programme reports through the API and their downloads, on a small programme whose every
figure is worked out by hand below; who may read them; and the public transparency report,
which must leave nothing about a small group computable, not even by subtraction."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from models.figures import Figure, Relations, Unit, suppress
from models.reports import TransparencyReport
from tests.support import (
    Api,
    Person,
    ProgrammeWorld,
    acknowledge,
    approved_mentor,
    code_of,
    enrol,
    open_programme,
    pair_up,
    relay_pk,
    unique,
)
from tests.test_sessions import SCHEDULE, at

LEVELS = (
    "mentor_candidate",
    "community_mentor",
    "group_mentor",
    "mentor_coach",
    "community_leader",
)

FIGURES = """key label labelId labelEn unit value amount currency people dimension member
  memberLabel target suppressed"""
REPORT = f"""kind title titleEn programmeId programmeName from to generatedAt
  downloads {{ csv json pdf }} sections {{ key title titleEn figures {{ {FIGURES} }} }}"""
METRICS = f"""query($p: ID!, $f: Date!, $t: Date!) {{
  programmeMetrics(programmeId: $p, from: $f, to: $t) {{ {REPORT} }} }}"""
MONTHLY = f"""query($p: ID!, $y: Int!, $m: Int!) {{
  monthlyProgressReport(programmeId: $p, year: $y, month: $m) {{ {REPORT} }} }}"""
QUARTERLY = f"""query($p: ID!, $y: Int!, $q: Int!) {{
  quarterlyImpactReport(programmeId: $p, year: $y, quarter: $q) {{ {REPORT} }} }}"""
SEASON = f"""query($p: ID!) {{ seasonEvaluationReport(programmeId: $p) {{ {REPORT} }} }}"""
PUBLIC = f"""query($p: ID!) {{ transparencyReport(programmeId: $p) {{ {REPORT} }} }}"""
PUBLISH = f"""mutation($p: ID!) {{ publishTransparencyReport(programmeId: $p) {{ {REPORT} }} }}"""
WITHDRAW = "mutation($p: ID!) { withdrawTransparencyReport(programmeId: $p) }"
HELD = """mutation($s: ID!, $a: [ID!]!) { recordSessionHeld(sessionId: $s, attended: $a) {
  status } }"""
FEEDBACK = "mutation($s: ID!, $r: Int!) { giveFeedback(sessionId: $s, rating: $r) { rating } }"
ASSESS = """mutation($p: ID!, $ph: AssessmentPhase!, $l: [SkillLevelInput!]!) {
  assessSkills(programmeId: $p, phase: $ph, levels: $l) { skill } }"""
RUNNING = "mutation($p: ID!) { advanceProgramme(id: $p, to: RUNNING) { status } }"
EXPENSE = """mutation($p: ID!, $i: ExpenseInput!) { recordExpense(programmeId: $p, input: $i) {
  id } }"""


def expertise(area: str) -> list[dict[str, Any]]:
    return [{"skill": area.replace("-", " "), "level": 4, "focusArea": area}]


async def session(api: Api, mentor: Person, relationship: str, day: int, hour: int) -> str:
    found = await api.ok(
        SCHEDULE,
        {"i": {"relationshipId": relationship, "startsAt": at(day, hour),
               "endsAt": at(day, hour + 1)}},
        mentor.token,
    )  # fmt: skip
    return found["scheduleSession"]["id"]


async def spend(api: Api, world: ProgrammeWorld, **values: Any) -> None:
    given = {"spentOn": date.today().isoformat(), "description": "Biaya kegiatan", **values}
    await api.ok(EXPENSE, {"p": world.programme_id, "i": given}, world.coordinator.token)


@dataclass
class Small:
    """The hand-worked programme: mentors A (1 place, with m1), B (1 place, with m2, ended)
    and C (2 places, unmatched); mentees m1, m2 and m3 (waiting)."""

    world: ProgrammeWorld
    a: Person
    b: Person
    c: Person
    m1: Person
    m2: Person
    m3: Person
    outsider: Person  # another organisation's coordinator


@pytest.fixture(scope="module")
async def small(server: str) -> AsyncIterator[Small]:
    async with Api(server) as api:
        yield await _small(api)


async def _small(api: Api) -> Small:
    today = date.today()
    world = await open_programme(api, startsOn=(today - timedelta(days=2)).isoformat())
    full = {"capacity": 1, "expertise": expertise("financial-management")}
    a = await approved_mentor(api, world, full, name="=Budi Santoso")  # a formula, for CSV
    b = await approved_mentor(api, world, full)
    c = await approved_mentor(
        api, world, {"capacity": 2, "expertise": expertise("campaign-creation")}
    )
    mentees = []
    for _ in range(3):
        mentee = await api.register()
        await enrol(api, mentee, world, asMentee=True)
        mentees.append(mentee)
    m1, m2, m3 = mentees
    await api.ok(
        "mutation($p: ProfileInput!) { updateProfile(input: $p) { capacity } }",
        {"p": {"learningNeeds": [
            {"skill": "kampanye", "targetLevel": 3, "focusArea": "campaign-creation"},
            {"skill": "cerita", "targetLevel": 3, "focusArea": "digital-storytelling"}]}},
        m3.token,
    )  # fmt: skip
    _, _, one = await pair_up(api, world, a, m1)
    _, _, two = await pair_up(api, world, b, m2)
    await acknowledge(api, one, a, m1)
    await acknowledge(api, two, b, m2)
    await api.ok(RUNNING, {"p": world.programme_id}, world.coordinator.token)

    # sessions: two held in A's pair (m1 missed the second), one held and one cancelled in B's
    s1, s2 = await session(api, a, one, -1, 10), await session(api, a, one, -1, 12)
    s3, s4 = await session(api, b, two, -1, 10), await session(api, b, two, 1, 10)  # tomorrow
    await api.ok(HELD, {"s": s1, "a": [a.id, m1.id]}, a.token)
    await api.ok(HELD, {"s": s2, "a": [a.id]}, a.token)
    await api.ok(HELD, {"s": s3, "a": [b.id, m2.id]}, b.token)
    await api.ok("mutation($s: ID!) { cancelSession(sessionId: $s) { status } }", {"s": s4},
                 b.token)  # fmt: skip
    for person, held, rating in ((m1, s1, 4), (a, s1, 5), (m2, s3, 2)):
        await api.ok(FEEDBACK, {"s": held, "r": rating}, person.token)
    await api.ok(
        "mutation($r: ID!) { completeRelationship(relationshipId: $r) { status } }",
        {"r": two},
        b.token,
    )
    evaluate = """mutation($r: ID!, $n: Int!) { evaluateRelationship(relationshipId: $r,
      rating: $n) }"""
    await api.ok(evaluate, {"r": two, "n": 4}, m2.token)
    await api.ok(evaluate, {"r": two, "n": 2}, b.token)
    for person, rating in ((m1, 5), (m3, 3)):
        await api.ok(
            "mutation($p: ID!, $n: Int!) { evaluateProgramme(programmeId: $p, rating: $n) }",
            {"p": world.programme_id, "n": rating},
            person.token,
        )
    goal = "mutation($i: GoalInput!) { setGoal(input: $i) { id } }"
    first = await api.ok(goal, {"i": {"relationshipId": one, "title": "Cerita"}}, m1.token)
    await api.ok(goal, {"i": {"relationshipId": one, "title": "Donatur"}}, m1.token)
    await api.ok(
        "mutation($g: ID!) { reachGoal(goalId: $g) { status } }",
        {"g": first["setGoal"]["id"]},
        m1.token,
    )
    for person, phase, levels in (
        (m1, "START", [("storytelling", 2), ("budgeting", 1)]),
        (m1, "END", [("storytelling", 4), ("budgeting", 2)]),
        (m2, "START", [("storytelling", 3)]),
        (m2, "MIDPOINT", [("storytelling", 4)]),
    ):
        await api.ok(
            ASSESS,
            {"p": world.programme_id, "ph": phase,
             "l": [{"skill": s, "level": n} for s, n in levels]},
            person.token,
        )  # fmt: skip
    article = await api.ok(
        """mutation($i: ArticleInput!) { createArticle(input: $i) { id } }""",
        {"i": {"programmeId": world.programme_id, "title": "Belajar kampanye", "body": "Isi."}},
        m1.token,
    )
    article_id = article["createArticle"]["id"]
    await api.ok("mutation($id: ID!) { submitArticleForReview(id: $id) { status } }",
                 {"id": article_id}, m1.token)  # fmt: skip
    await api.ok(
        """mutation($id: ID!) { reviewArticle(id: $id, approve: true, comment: "") {
          status } }""",
        {"id": article_id},
        world.coordinator.token,
    )
    await api.ok("query($id: ID!) { article(id: $id) { views } }", {"id": article_id}, a.token)
    await api.ok("mutation($id: ID!) { markArticleHelpful(id: $id) { helpful } }",
                 {"id": article_id}, a.token)  # fmt: skip
    await spend(api, world, category="VENUE", amount="200000")
    await spend(api, world, category="TRANSPORT", amount="50000", participantId=a.id)
    await spend(api, world, category="PLATFORM", amount="10.00", currency="USD")
    outsider = (await open_programme(api)).coordinator
    return Small(world, a, b, c, m1, m2, m3, outsider)


def values(report: dict[str, Any]) -> dict[tuple[str, str | None, str | None], Any]:
    """Each figure's value by (key, member, currency): money exactly, others as floats."""
    return {
        (f["key"], f["member"], f["currency"]): f["amount"] or f["value"]
        for section in report["sections"]
        for f in section["figures"]
    }


def week(small: Small) -> dict[str, str]:
    today = date.today()
    return {
        "p": small.world.programme_id,
        "f": (today - timedelta(days=7)).isoformat(),
        "t": (today + timedelta(days=7)).isoformat(),  # the cancelled session is tomorrow
    }


async def test_every_figure_matches_the_hand_worked_programme(api: Api, small: Small) -> None:
    report = (await api.ok(METRICS, week(small), small.world.coordinator.token))["programmeMetrics"]
    got = values(report)
    a = small.a.id
    expected = {
        # six people: A, B, C and m1, m2, m3; A, m1, B and m2 were present at a session
        ("participants", None, None): 6.0,
        ("mentors", None, None): 3.0,
        ("mentees", None, None): 3.0,
        ("engaged", None, None): 4.0,
        ("not_engaged", None, None): 2.0,
        ("participation_rate", None, None): 0.6667,
        # m1 and m2 were matched, m3 waits: 2 of 3, under Mentorloop's 70 %
        ("matched", None, None): 2.0,
        ("unmatched", None, None): 1.0,
        ("match_rate", None, None): 0.6667,
        # both pairs started; B's completed, none cancelled
        ("relationships_started", None, None): 2.0,
        ("relationships_ended", None, None): 1.0,
        ("relationships_completed", None, None): 1.0,
        ("relationships_cancelled", None, None): 0.0,
        ("completion_rate", None, None): 1.0,
        ("goals_set", None, None): 2.0,
        ("goals_reached", None, None): 1.0,
        ("goals_unreached", None, None): 1.0,
        ("goal_attainment", None, None): 0.5,
        # three one-hour sessions held, one cancelled; 5 of 6 expected people were present
        ("sessions_held", None, None): 3.0,
        ("sessions_cancelled", None, None): 1.0,
        ("mentoring_hours", None, None): 3.0,
        ("attendance_rate", None, None): 0.8333,
        # gains: m1 storytelling 2->4, budgeting 1->2; m2 storytelling 3->4 (midpoint)
        ("mentees_assessed", None, None): 2.0,
        ("skill_gain", None, None): 1.33,
        # mentees rated 4 and 2, mentor A rated 5; evaluations 5 and 3, 4 and 2
        ("mentee_satisfaction", None, None): 3.0,
        ("mentor_satisfaction", None, None): 5.0,
        ("programme_rating", None, None): 4.0,
        ("relationship_rating", None, None): 3.0,
        ("articles_published", None, None): 1.0,
        ("article_views", None, None): 1.0,
        ("helpful_votes", None, None): 1.0,
        # nobody here has a mentor level yet: five empty levels, no promotions
        **{("mentors_at_level", level, None): 0.0 for level in LEVELS},
        ("promotions", None, None): 0.0,
        # rupiah and dollars apart: 200,000 + 50,000 IDR, 10.00 USD
        ("spent", None, "IDR"): "250000",
        ("spent", None, "USD"): "10.00",
        ("spent_by_category", "venue", "IDR"): "200000",
        ("spent_by_category", "transport", "IDR"): "50000",
        ("spent_by_category", "platform", "USD"): "10.00",
        ("spent_by_participant", a, "IDR"): "50000",
        ("spent_by_participant", None, "IDR"): "200000",
        ("spent_by_participant", None, "USD"): "10.00",
        # waiting now: m3 (needs campaigns and storytelling) and m2 (her pair ended; no needs)
        ("waiting_mentees", None, None): 2.0,
        ("demand", "campaign-creation", None): 1.0,
        ("supply", "campaign-creation", None): 2.0,  # C's two places
        ("gap", "campaign-creation", None): 1.0,
        ("mentors_to_recruit", "campaign-creation", None): 0.0,
        ("demand", "digital-storytelling", None): 1.0,
        ("supply", "digital-storytelling", None): 0.0,
        ("gap", "digital-storytelling", None): -1.0,
        ("mentors_to_recruit", "digital-storytelling", None): 1.0,  # median capacity is 1
        ("demand", "financial-management", None): 0.0,
        ("supply", "financial-management", None): 1.0,  # B is free again, A is full
        ("gap", "financial-management", None): 1.0,
        ("mentors_to_recruit", "financial-management", None): 0.0,
    }
    assert got == expected
    figures = {f["key"]: f for s in report["sections"] for f in s["figures"]}
    assert figures["match_rate"]["target"] == 0.7
    assert figures["participants"]["people"] == 6 and not figures["participants"]["suppressed"]
    assert figures["mentee_satisfaction"]["people"] == 2
    assert (figures["match_rate"]["labelId"], figures["match_rate"]["labelEn"]) == (
        "Tingkat pemasangan (target 70 %)",
        "Match rate (aim: 70 %)",
    )
    assert [s["key"] for s in report["sections"]] == [
        "participation", "matching", "relationships", "sessions", "skills", "satisfaction",
        "knowledge", "progression", "money", "supply",
    ]  # fmt: skip
    bad = await api.error(
        METRICS, {**week(small), "t": "2000-01-01"}, small.world.coordinator.token
    )
    assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", "to")


async def test_each_report_has_its_period_sections_and_files(api: Api, small: Small) -> None:
    token = small.world.coordinator.token
    today = date.today()
    p = small.world.programme_id
    monthly = (await api.ok(MONTHLY, {"p": p, "y": today.year, "m": today.month}, token))[
        "monthlyProgressReport"
    ]
    first = today.replace(day=1)
    assert monthly["from"] == first.isoformat() and monthly["to"] >= today.isoformat()
    assert [s["key"] for s in monthly["sections"]] == [
        "participation", "matching", "relationships", "sessions", "knowledge", "money",
    ]  # fmt: skip
    same = (await api.ok(METRICS, {"p": p, "f": monthly["from"], "t": monthly["to"]}, token))[
        "programmeMetrics"
    ]
    month_values = values(monthly)
    assert month_values == {k: v for k, v in values(same).items() if k in month_values}
    quarter = (today.month + 2) // 3
    quarterly = (await api.ok(QUARTERLY, {"p": p, "y": today.year, "q": quarter}, token))[
        "quarterlyImpactReport"
    ]
    assert [s["key"] for s in quarterly["sections"]] == [
        "relationships", "sessions", "skills", "satisfaction", "knowledge", "progression",
        "money", "supply",
    ]  # fmt: skip
    for query, variables, field in (
        (MONTHLY, {"p": p, "y": today.year, "m": 13}, "month"),
        (QUARTERLY, {"p": p, "y": today.year, "q": 5}, "quarter"),
        (QUARTERLY, {"p": p, "y": 1990, "q": 1}, "year"),
    ):
        refused = await api.error(query, variables, token)
        assert (code_of(refused), refused["extensions"]["field"]) == ("BAD_USER_INPUT", field)

    season = (await api.ok(SEASON, {"p": p}, token))["seasonEvaluationReport"]
    assert (season["title"], season["titleEn"]) == ("Evaluasi musim", "Season evaluation")
    headers = {"Authorization": f"Bearer {token}"}
    # the CSV parses back to the report's own figures, formulas defused
    answer = await api.http.get(season["downloads"]["csv"], headers=headers)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    shown = {
        (f["key"], f["member"] or "", f["currency"] or ""): f
        for s in season["sections"]
        for f in s["figures"]
    }
    assert len(rows) == len(shown)
    for row in rows:
        figure = shown[(row["key"], row["member"], row["currency"])]
        expected = figure["amount"] or figure["value"]
        assert (row["value"] == "" and expected is None) or float(row["value"]) == float(
            expected
        ), row
        assert (row["label_id"], row["label_en"]) == (figure["labelId"], figure["labelEn"])
    spent_on_a = next(r for r in rows if r["member"] == small.a.id)
    assert spent_on_a["member_id"] == "'=Budi Santoso"  # not a formula in any spreadsheet
    # the JSON is the same report
    document = (await api.http.get(season["downloads"]["json"], headers=headers)).json()
    assert document["format"] == "rajut-report/1" and document["kind"] == "season_evaluation"
    assert document["title"] == {"id": "Evaluasi musim", "en": "Season evaluation"}
    assert [s["key"] for s in document["sections"]] == [s["key"] for s in season["sections"]]
    match_rate = next(
        f for s in document["sections"] for f in s["figures"] if f["key"] == "match_rate"
    )
    assert match_rate["value"] == 0.6667 and match_rate["label"]["en"] == "Match rate (aim: 70 %)"
    pdf = await api.http.get(season["downloads"]["pdf"], headers=headers)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    monthly_csv = await api.http.get(monthly["downloads"]["csv"], headers=headers)
    assert {r["section"] for r in csv.DictReader(io.StringIO(monthly_csv.text))} == {
        s["key"] for s in monthly["sections"]
    }
    base = f"/reports/{p}"
    for path, status in (
        (f"{base}/monthly-progress.pdf", 404),  # only the season evaluation is a PDF
        (f"{base}/nonsense.csv", 404),
        (f"{base}/monthly-progress.csv?year=abc&month=1", 400),
        (f"{base}/metrics.json?from=2026-13-01&to=2026-12-01", 400),
    ):
        assert (await api.http.get(path, headers=headers)).status_code == status, path


async def test_no_other_seat_reads_a_programmes_reports(api: Api, small: Small) -> None:
    p = small.world.programme_id
    today = date.today()
    for seat, code in ((small.outsider, "FORBIDDEN"), (small.m1, "FORBIDDEN"), (None, None)):
        token = seat.token if seat else None
        for query, variables in (
            (METRICS, week(small)),
            (MONTHLY, {"p": p, "y": today.year, "m": today.month}),
            (SEASON, {"p": p}),
        ):
            refused = await api.error(query, variables, token)
            assert code_of(refused) == (code or "UNAUTHENTICATED"), (seat, query)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        for document in ("season-evaluation.csv", "season-evaluation.pdf", "metrics.json"):
            answer = await api.http.get(f"/reports/{p}/{document}", headers=headers)
            assert answer.status_code == (403 if seat else 401), (seat, document, answer.text)
        publish = await api.error(PUBLISH, {"p": p}, token)
        assert code_of(publish) == (code or "UNAUTHENTICATED")
    # nothing is public until the coordinators publish it
    assert code_of(await api.error(PUBLIC, {"p": p})) == "NOT_FOUND"
    assert (await api.http.get(f"/reports/{p}/transparency.json")).status_code == 404


def published(report: dict[str, Any]) -> dict[tuple[str, str | None, str | None], dict]:
    return {
        (f["key"], f["member"], f["currency"]): f
        for section in report["sections"]
        for f in section["figures"]
    }


# totals and their parts in the public report, as a reader could add them up
GROUPS = (
    ("participants", ("mentors", "mentees")),
    ("participants", ("engaged", "not_engaged")),
    ("mentees", ("matched", "unmatched")),
    ("relationships_ended", ("relationships_completed", "relationships_cancelled")),
    ("goals_set", ("goals_reached", "goals_unreached")),
)


def assert_nothing_derivable(figures: dict[tuple[str, str | None, str | None], dict]) -> None:
    """No published figure counts fewer than 5 people, and no published total has exactly
    one withheld part (it would be the total minus the others)."""
    for figure in figures.values():
        if not figure["suppressed"] and figure["people"] is not None:
            assert figure["people"] >= 5, figure
        if figure["suppressed"]:
            assert (figure["value"], figure["amount"], figure["people"]) == (None, None, None)
    groups = [
        ([f for f in figures.values() if f["key"] == total], [
            f for f in figures.values() if f["key"] in parts])
        for total, parts in GROUPS
    ]  # fmt: skip
    for currency in {k[2] for k in figures if k[0] == "spent"}:
        groups.append(
            (
                [figures[("spent", None, currency)]],
                [f for k, f in figures.items() if k[0] == "spent_by_category" and k[2] == currency],
            )
        )
    groups.append(
        (
            [figures[("waiting_mentees", None, None)]],
            [f for k, f in figures.items() if k[0] == "demand"],
        )
    )
    for totals, parts in groups:
        if totals and parts and not totals[0]["suppressed"]:
            assert sum(p["suppressed"] for p in parts) != 1, (totals, parts)


async def test_the_public_report_leaves_four_mentees_unknowable(api: Api) -> None:
    today = date.today()
    world = await open_programme(api, startsOn=(today - timedelta(days=2)).isoformat())
    area = "campaign-creation"
    mentors = [
        await approved_mentor(api, world, {"capacity": 1, "expertise": expertise(area)})
        for _ in range(5)
    ]
    mentees = []
    for _ in range(4):
        mentee = await api.register(unique("Siswa "))
        await enrol(api, mentee, world, asMentee=True)
        await api.ok(
            "mutation($p: ProfileInput!) { updateProfile(input: $p) { capacity } }",
            {"p": {"learningNeeds": [{"skill": "kampanye", "targetLevel": 3, "focusArea": area}]}},
            mentee.token,
        )
        mentees.append(mentee)
    pairs = []
    for mentor, mentee in zip(mentors[:2], mentees[:2], strict=False):
        _, _, relationship = await pair_up(api, world, mentor, mentee)
        await acknowledge(api, relationship, mentor, mentee)
        pairs.append((mentor, mentee, relationship))
    await api.ok(RUNNING, {"p": world.programme_id}, world.coordinator.token)
    for mentor, mentee, relationship in pairs:
        held = await session(api, mentor, relationship, -1, 10)
        await api.ok(HELD, {"s": held, "a": [mentor.id, mentee.id]}, mentor.token)
        await api.ok(FEEDBACK, {"s": held, "r": 5}, mentee.token)
    await spend(api, world, category="VENUE", amount="300000")
    await spend(api, world, category="CONSUMPTION", amount="120000")
    await spend(api, world, category="WELFARE", amount="75000", participantId=mentees[0].id)
    await spend(api, world, category="HONORARIUM", amount="500000")

    p = world.programme_id
    outsider = mentees[2]
    assert code_of(await api.error(PUBLISH, {"p": p}, outsider.token)) == "FORBIDDEN"
    made = (await api.ok(PUBLISH, {"p": p}, world.coordinator.token))["publishTransparencyReport"]
    report = (await api.ok(PUBLIC, {"p": p}))["transparencyReport"]  # anyone, no token
    assert report["sections"] == made["sections"] and report["kind"] == "TRANSPARENCY"
    figures = published(report)
    assert ("spent_by_participant", None, "IDR") not in figures  # never public
    assert not any(k[0] == "relationship_rating" for k in figures)
    # everything about the four mentees is withheld
    for key in (
        "mentees", "matched", "unmatched", "match_rate", "mentee_satisfaction",
        "sessions_held", "attendance_rate", "mentoring_hours", "waiting_mentees",
    ):  # fmt: skip
        assert figures[(key, None, None)]["suppressed"], key
    assert figures[("demand", area, None)]["suppressed"]
    # the nine people in total may be published, but then neither mentors nor mentees are
    everyone = figures[("participants", None, None)]
    assert everyone["value"] == 9.0 and everyone["people"] == 9
    assert figures[("mentors", None, None)]["suppressed"]
    # the gift to one mentee cannot be subtracted out of the published total: the next
    # smallest category (food, 120,000) is withheld with it
    spent = figures[("spent", None, "IDR")]
    assert spent["amount"] == "995000" and not spent["suppressed"]
    categories = {k[1]: f for k, f in figures.items() if k[0] == "spent_by_category"}
    assert categories["welfare"]["suppressed"] and categories["consumption"]["suppressed"]
    assert categories["venue"]["amount"] == "300000"
    assert categories["honorarium"]["amount"] == "500000"
    assert_nothing_derivable(figures)

    # files carry the same (withheld figures stay empty), and so does what is stored
    csv_rows = list(
        csv.DictReader(io.StringIO((await api.http.get(report["downloads"]["csv"])).text))
    )
    assert all(
        r["value"] == "" and r["people"] == "" for r in csv_rows if r["suppressed"] == "true"
    )
    json_figures = [
        f
        for s in (await api.http.get(report["downloads"]["json"])).json()["sections"]
        for f in s["figures"]
    ]
    assert all(f["value"] is None for f in json_figures if f["suppressed"])
    stored = await TransparencyReport.get(programme_id=relay_pk(p))
    assert all(row["value"] is None and row["people"] is None
               for row in stored.figures if row["suppressed"])  # fmt: skip
    # a bad token is refused even where none is needed
    bad = await api.http.get(report["downloads"]["json"], headers={"Authorization": "Bearer x"})
    assert bad.status_code == 401

    assert await api.ok(WITHDRAW, {"p": p}, world.coordinator.token) == {
        "withdrawTransparencyReport": True
    }
    assert code_of(await api.error(PUBLIC, {"p": p})) == "NOT_FOUND"
    assert (await api.http.get(report["downloads"]["csv"])).status_code == 404


def figure(key: str, value: float, people: int | None, member: str = "") -> Figure:
    return Figure(key, Unit.PEOPLE, value, people, member=member)


def test_suppression_withholds_a_second_part_and_what_is_computed_from_withheld_figures() -> None:
    total = figure("total", 20, 20)
    parts = [figure("part", v, v, member=m) for v, m in ((3, "a"), (8, "b"), (9, "c"))]
    share = Figure("share", Unit.SHARE, 0.4, 8, others=12)
    relations = Relations()
    relations.total(total.ref, [p.ref for p in parts])
    relations.derive(share.ref, [parts[1].ref, total.ref])
    out = {f.ref: f for f in suppress([total, *parts, share], relations)}
    # 3 people is too few; then 8 goes too (20 - 8 - 9 would give the 3), and the share of 8
    assert [out[p.ref].suppressed for p in parts] == [True, True, False]
    assert out[share.ref].suppressed and not out[total.ref].suppressed
    assert out[parts[0].ref].value is None and out[parts[0].ref].people is None
    # a withheld total with all its parts published loses its smallest part too
    small_total = figure("total", 4, 4)
    halves = [figure("part", 2, 6, member="a"), figure("part", 2, 7, member="b")]
    relations = Relations()
    relations.total(small_total.ref, [h.ref for h in halves])
    out = {f.ref: f for f in suppress([small_total, *halves], relations)}
    assert out[small_total.ref].suppressed and sum(out[h.ref].suppressed for h in halves) == 1
    # a share says something about the people it leaves out, and a uniform mean about all
    assert suppress([Figure("s", Unit.SHARE, 1.0, 9, others=0)], Relations())[0].suppressed
    assert suppress([Figure("m", Unit.MEAN, 5.0, 9, uniform=True)], Relations())[0].suppressed
    assert not suppress([Figure("m", Unit.MEAN, 4.5, 9)], Relations())[0].suppressed
