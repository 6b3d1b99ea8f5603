"""Organisations, programmes, enrolment and mentor screening, each from every seat."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support import (
    ENROL,
    PROGRAMME_FIELDS,
    SCREEN,
    Api,
    accept_invitations,
    acknowledge,
    approved_mentor,
    code_of,
    enrol,
    open_programme,
    pair_up,
    programme_input,
    unique,
)

CREATE = f"mutation($i: ProgrammeInput!) {{ createProgramme(input: $i) {{ {PROGRAMME_FIELDS} }} }}"
ADVANCE = (
    "mutation($id: ID!, $to: ProgrammeStatus!) { advanceProgramme(id: $id, to: $to) { status } }"
)
PROGRAMME = "query($id: ID!) { programme(id: $id) { id name status } }"


async def new_org(api: Api) -> tuple:
    admin = await api.register()
    org = await api.ok(
        'mutation($s: String!) { createOrganisation(name: "Komunitas", slug: $s) { id '
        "viewerIsAdmin focusAreas { slug nameEn nameId } } }",
        {"s": unique("org-")},
        admin.token,
    )
    return admin, org["createOrganisation"]


async def test_organisation_seeds_the_ten_focus_areas(api: Api) -> None:
    admin, org = await new_org(api)
    assert org["viewerIsAdmin"] is True
    assert len(org["focusAreas"]) == 10
    names = {a["slug"]: a["nameId"] for a in org["focusAreas"]}
    assert names["digital-storytelling"] == "Penceritaan digital"
    stranger = await api.register()
    add = """mutation($i: FocusAreaInput!) { addFocusArea(input: $i) { slug } }"""
    area = {
        "organisationId": org["id"],
        "slug": "tahsin",
        "nameEn": "Quran recitation",
        "nameId": "Tahsin",
    }
    assert code_of(await api.error(add, {"i": area}, stranger.token)) == "FORBIDDEN"
    assert (await api.ok(add, {"i": area}, admin.token))["addFocusArea"]["slug"] == "tahsin"
    assert code_of(await api.error(add, {"i": area}, admin.token)) == "CONFLICT"


async def test_slug_rules(api: Api) -> None:
    admin, _ = await new_org(api)
    create_org = 'mutation($s: String!) { createOrganisation(name: "X", slug: $s) { id } }'
    bad = await api.error(create_org, {"s": "Bad Slug!"}, admin.token)
    assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", "slug")


async def test_programme_lifecycle_only_moves_forward(api: Api) -> None:
    admin, org = await new_org(api)
    created = (await api.ok(CREATE, {"i": programme_input(org["id"])}, admin.token))[
        "createProgramme"
    ]
    assert created["status"] == "DRAFT" and created["registrationIsOpen"] is False
    assert {a["slug"] for a in created["focusAreas"]} == {
        "campaign-creation",
        "digital-storytelling",
        "financial-management",
    }
    pid = created["id"]
    skip = await api.error(ADVANCE, {"id": pid, "to": "RUNNING"}, admin.token)
    assert code_of(skip) == "CONFLICT"
    for status in ("REGISTRATION_OPEN", "RUNNING", "CLOSED"):
        assert (await api.ok(ADVANCE, {"id": pid, "to": status}, admin.token))["advanceProgramme"][
            "status"
        ] == status
    back = await api.error(ADVANCE, {"id": pid, "to": "RUNNING"}, admin.token)
    assert code_of(back) == "CONFLICT"
    frozen = await api.error(
        'mutation($id: ID!) { updateProgramme(id: $id, changes: {name: "x"}) { id } }',
        {"id": pid},
        admin.token,
    )
    assert code_of(frozen) == "CONFLICT"


async def test_invalid_programmes_are_refused_and_nothing_is_created(api: Api) -> None:
    admin, org = await new_org(api)
    now = datetime.now(UTC)
    cases = [
        ({"registrationClosesAt": (now - timedelta(days=2)).isoformat()}, "registrationClosesAt"),
        ({"endsOn": "2020-01-01"}, "endsOn"),
        ({"mentoringModels": []}, "mentoringModels"),
        ({"maxGroupSize": 0}, "maxGroupSize"),
        ({"focusAreas": ["no-such-area"]}, "focusAreas"),
        ({"name": " "}, "name"),
        ({"slug": "-x"}, "slug"),
    ]
    for override, field in cases:
        error = await api.error(CREATE, {"i": programme_input(org["id"], **override)}, admin.token)
        assert (code_of(error), error["extensions"]["field"]) == ("BAD_USER_INPUT", field)
    listed = await api.ok(
        "query($o: ID!) { programmes(organisationId: $o) { id } }", {"o": org["id"]}, admin.token
    )
    assert listed["programmes"] == []


async def test_only_admins_create_and_only_coordinators_manage(api: Api) -> None:
    world = await open_programme(api)
    member = await api.register()
    refused = await api.error(CREATE, {"i": programme_input(world.org_id)}, member.token)
    assert code_of(refused) == "FORBIDDEN"
    await enrol(api, member, world, asMentee=True)
    for query, variables in (
        (ADVANCE, {"id": world.programme_id, "to": "RUNNING"}),
        (
            'mutation($id: ID!) { updateProgramme(id: $id, changes: {name: "Diambil alih"}) '
            "{ id } }",
            {"id": world.programme_id},
        ),
        (
            'mutation($id: ID!) { appointStaff(programmeId: $id, email: "a@b.co", '
            "role: COORDINATOR) }",
            {"id": world.programme_id},
        ),
    ):
        assert code_of(await api.error(query, variables, member.token)) == "FORBIDDEN"
    still = await api.ok(PROGRAMME, {"id": world.programme_id}, member.token)
    assert still["programme"]["status"] == "REGISTRATION_OPEN"
    assert still["programme"]["name"] == "Mentoring Kampanye"


async def test_coordinator_updates_programme(api: Api) -> None:
    world = await open_programme(api)
    changed = await api.ok(
        """mutation($id: ID!, $c: ProgrammeChanges!) { updateProgramme(id: $id, changes: $c) {
             name maxGroupSize focusAreas { slug } } }""",
        {
            "id": world.programme_id,
            "c": {"name": "Musim Kedua", "maxGroupSize": 4, "focusAreas": ["impact-measurement"]},
        },
        world.coordinator.token,
    )
    assert changed["updateProgramme"] == {
        "name": "Musim Kedua",
        "maxGroupSize": 4,
        "focusAreas": [{"slug": "impact-measurement"}],
    }
    bad = await api.error(
        'mutation($id: ID!) { updateProgramme(id: $id, changes: {endsOn: "2001-01-01"}) { id } }',
        {"id": world.programme_id},
        world.coordinator.token,
    )
    assert (code_of(bad), bad["extensions"]["field"]) == ("BAD_USER_INPUT", "endsOn")


async def test_drafts_are_invisible_to_members(api: Api) -> None:
    admin, org = await new_org(api)
    draft = (await api.ok(CREATE, {"i": programme_input(org["id"])}, admin.token))[
        "createProgramme"
    ]
    member = await api.register()
    assert code_of(await api.error(PROGRAMME, {"id": draft["id"]}, member.token)) == "NOT_FOUND"
    node = await api.ok(
        "query($id: ID!) { node(id: $id) { id } }", {"id": draft["id"]}, member.token
    )
    assert node["node"] is None
    listed = await api.ok(
        "query($o: ID!) { programmes(organisationId: $o) { id } }", {"o": org["id"]}, member.token
    )
    assert listed["programmes"] == []
    mine = await api.ok(
        "query($o: ID!) { programmes(organisationId: $o) { id } }", {"o": org["id"]}, admin.token
    )
    assert [p["id"] for p in mine["programmes"]] == [draft["id"]]
    refused = await api.error(
        ENROL, {"i": {"programmeId": draft["id"], "asMentee": True}}, member.token
    )
    assert code_of(refused) == "NOT_FOUND"


async def test_enrolment_only_inside_the_registration_window(api: Api) -> None:
    now = datetime.now(UTC)
    world = await open_programme(
        api,
        registrationOpensAt=(now + timedelta(days=2)).isoformat(),
        registrationClosesAt=(now + timedelta(days=20)).isoformat(),
    )
    member = await api.register()
    early = await api.error(
        ENROL, {"i": {"programmeId": world.programme_id, "asMentee": True}}, member.token
    )
    assert (code_of(early), early["extensions"]["field"]) == ("CONFLICT", "programmeId")
    mine = await api.ok("{ myEnrolments { id } }", token=member.token)
    assert mine["myEnrolments"] == []


async def test_enrol_as_both_and_screening(api: Api) -> None:
    world = await open_programme(api)
    member = await api.register()
    nothing = await api.error(ENROL, {"i": {"programmeId": world.programme_id}}, member.token)
    assert code_of(nothing) == "BAD_USER_INPUT"
    enrolment = (
        await api.ok(
            ENROL, {"i": {"programmeId": world.programme_id, "asMentee": True}}, member.token
        )
    )["enrol"]
    assert enrolment["mentorStatus"] == "NOT_APPLIED"
    both = (
        await api.ok(
            ENROL, {"i": {"programmeId": world.programme_id, "asMentor": True}}, member.token
        )
    )["enrol"]
    assert both["id"] == enrolment["id"]
    assert (both["asMentor"], both["asMentee"], both["mentorStatus"]) == (True, True, "PENDING")

    pending = await api.ok(
        "query($id: ID!) { programme(id: $id) { enrolments(mentorStatus: PENDING) { id "
        "member { displayName } } } }",
        {"id": world.programme_id},
        world.coordinator.token,
    )
    assert [e["id"] for e in pending["programme"]["enrolments"]] == [both["id"]]

    # another member may neither screen nor see the list
    other = await api.register()
    await enrol(api, other, world, asMentee=True)
    assert (
        code_of(await api.error(SCREEN, {"e": both["id"], "d": "APPROVE", "r": ""}, other.token))
        == "NOT_FOUND"
    )
    seen = await api.ok(
        "query($id: ID!) { programme(id: $id) { enrolments { id } } }",
        {"id": world.programme_id},
        other.token,
    )
    assert seen["programme"]["enrolments"] == []
    hidden = await api.ok(
        "query($id: ID!) { node(id: $id) { id } }", {"id": both["id"]}, other.token
    )
    assert hidden["node"] is None
    # the applicant cannot approve themselves
    assert (
        code_of(await api.error(SCREEN, {"e": both["id"], "d": "APPROVE", "r": ""}, member.token))
        == "NOT_FOUND"
    )

    no_reason = await api.error(
        SCREEN, {"e": both["id"], "d": "REJECT", "r": " "}, world.coordinator.token
    )
    assert (code_of(no_reason), no_reason["extensions"]["field"]) == ("BAD_USER_INPUT", "reason")
    rejected = await api.ok(
        SCREEN,
        {"e": both["id"], "d": "REJECT", "r": "Belum cukup jam terbang"},
        world.coordinator.token,
    )
    assert rejected["screenMentor"]["mentorStatus"] == "REJECTED"
    mine = await api.ok("{ myEnrolments { mentorStatus screeningReason } }", token=member.token)
    assert mine["myEnrolments"] == [
        {"mentorStatus": "REJECTED", "screeningReason": "Belum cukup jam terbang"}
    ]


async def test_mentor_coach_sees_mentor_applicants_only(api: Api) -> None:
    world = await open_programme(api)
    coach = await api.register()
    await api.ok(
        "mutation($id: ID!, $e: String!) { appointStaff(programmeId: $id, email: $e, "
        "role: MENTOR_COACH) }",
        {"id": world.programme_id, "e": coach.email},
        world.coordinator.token,
    )
    (offer,) = await accept_invitations(api, coach)
    assert (offer["kind"], offer["staffRole"]) == ("PROGRAMME_STAFF", "MENTOR_COACH")
    mentor, mentee = await api.register(), await api.register()
    await enrol(api, mentor, world, asMentor=True)
    await enrol(api, mentee, world, asMentee=True)
    seen = await api.ok(
        "query($id: ID!) { programme(id: $id) { enrolments { member { id } } } }",
        {"id": world.programme_id},
        coach.token,
    )
    assert [e["member"]["id"] for e in seen["programme"]["enrolments"]] == [mentor.id]


async def test_only_admins_grant_organisation_roles(api: Api) -> None:
    admin, org = await new_org(api)
    member, outsider = await api.register(), await api.register()
    grant = """mutation($o: ID!, $e: String!, $r: OrgRole!) {
      setOrganisationRole(organisationId: $o, email: $e, role: $r) }"""
    refused = await api.error(
        grant, {"o": org["id"], "e": outsider.email, "r": "ADMIN"}, outsider.token
    )
    assert code_of(refused) == "FORBIDDEN"
    assert (
        code_of(await api.error(CREATE, {"i": programme_input(org["id"])}, outsider.token))
        == "FORBIDDEN"
    )
    unknown = await api.ok(
        grant, {"o": org["id"], "e": "nobody@rajut.test", "r": "ADMIN"}, admin.token
    )
    assert unknown["setOrganisationRole"] is True  # an invitation, whoever owns the address
    await api.ok(grant, {"o": org["id"], "e": member.email, "r": "ADMIN"}, admin.token)
    refused = await api.error(CREATE, {"i": programme_input(org["id"])}, member.token)
    assert code_of(refused) == "FORBIDDEN"  # nothing is granted before they accept
    await accept_invitations(api, member)
    created = await api.ok(CREATE, {"i": programme_input(org["id"])}, member.token)
    assert created["createProgramme"]["status"] == "DRAFT"
    demote_self = await api.error(
        grant, {"o": org["id"], "e": admin.email, "r": "MEMBER"}, admin.token
    )
    assert code_of(demote_self) == "BAD_USER_INPUT"


async def test_mentors_per_mentee_is_a_bounded_setting(api: Api) -> None:
    world = await open_programme(api)
    query = "query($id: ID!) { programme(id: $id) { mentorsPerMentee } }"
    shown = await api.ok(query, {"id": world.programme_id}, world.coordinator.token)
    assert shown["programme"]["mentorsPerMentee"] == 1
    update = """mutation($id: ID!, $n: Int!) { updateProgramme(id: $id,
      changes: {mentorsPerMentee: $n}) { mentorsPerMentee } }"""
    for bad in (0, 6, -1, 2**31 - 1):
        error = await api.error(
            update, {"id": world.programme_id, "n": bad}, world.coordinator.token
        )
        assert (code_of(error), error["extensions"]["field"]) == (
            "BAD_USER_INPUT",
            "mentorsPerMentee",
        )
    changed = await api.ok(update, {"id": world.programme_id, "n": 3}, world.coordinator.token)
    assert changed["updateProgramme"]["mentorsPerMentee"] == 3
    member = await api.register()
    await enrol(api, member, world, asMentee=True)
    refused = await api.error(update, {"id": world.programme_id, "n": 2}, member.token)
    assert code_of(refused) == "FORBIDDEN"
    created = await api.ok(
        "mutation($i: ProgrammeInput!) { createProgramme(input: $i) { mentorsPerMentee } }",
        {"i": programme_input(world.org_id, mentorsPerMentee=2)},
        world.coordinator.token,
    )
    assert created["createProgramme"]["mentorsPerMentee"] == 2


REQUEST = """mutation($p: ID!, $m: ID!) { requestMentor(programmeId: $p, mentorId: $m,
  message: "") { id } }"""
ACCEPT = "mutation($r: ID!) { acceptRequest(requestId: $r) { relationshipId } }"
RELATIONSHIP = "query($id: ID!) { node(id: $id) { ... on Relationship { status endReason } } }"
SENT = "{ myRequests(side: SENT) { status } }"


async def test_closing_a_programme_ends_what_it_holds_and_frees_mentors(api: Api) -> None:
    world = await open_programme(api)
    mentor = await approved_mentor(api, world, {"capacity": 1})
    _, mentee, active = await pair_up(api, world, mentor)
    await acknowledge(api, active, mentor, mentee)
    _, newcomer, proposed = await pair_up(api, world)  # never acknowledged: still proposed
    waiting = await api.register()
    await enrol(api, waiting, world, asMentee=True)
    await api.ok(REQUEST, {"p": world.programme_id, "m": (await approved_mentor(api, world)).id},
                 waiting.token)  # fmt: skip
    # the same mentor in another organisation's running programme: full for now
    other = await open_programme(api)
    enrolment = await enrol(api, mentor, other, asMentor=True)
    await api.ok(SCREEN, {"e": enrolment, "d": "APPROVE", "r": ""}, other.coordinator.token)
    hopeful = await api.register()
    await enrol(api, hopeful, other, asMentee=True)
    for world_ in (world, other):
        await api.ok(ADVANCE, {"id": world_.programme_id, "to": "RUNNING"},
                     world_.coordinator.token)  # fmt: skip
    full = await api.error(REQUEST, {"p": other.programme_id, "m": mentor.id}, hopeful.token)
    assert code_of(full) == "CONFLICT"
    # only coordinators close
    refused = await api.error(ADVANCE, {"id": world.programme_id, "to": "CLOSED"}, mentee.token)
    assert code_of(refused) == "FORBIDDEN"
    await api.ok(ADVANCE, {"id": world.programme_id, "to": "CLOSED"}, world.coordinator.token)

    ended = await api.ok(RELATIONSHIP, {"id": active}, mentee.token)
    assert ended["node"]["status"] == "COMPLETED"
    never = await api.ok(RELATIONSHIP, {"id": proposed}, newcomer.token)
    assert never["node"]["status"] == "CANCELLED" and never["node"]["endReason"]
    assert (await api.ok(SENT, token=waiting.token))["myRequests"] == [{"status": "EXPIRED"}]
    events = await api.ok(
        "query($p: ID!) { progressEvents(programmeId: $p, after: 0, first: 200) "
        "{ events { kind relationshipId } } }",
        {"p": world.programme_id},
        world.coordinator.token,
    )
    kinds = {(e["kind"], e["relationshipId"]) for e in events["progressEvents"]["events"]}
    assert ("relationship.completed", active) in kinds
    assert ("relationship.cancelled", proposed) in kinds
    notes = await api.ok("{ myNotifications { kind } }", token=mentee.token)
    assert {"kind": "PROGRAMME_CLOSED"} in notes["myNotifications"]
    journey = await api.ok("{ myEnrolments { journeyStage } }", token=mentee.token)
    assert journey["myEnrolments"][0]["journeyStage"] == "EVALUATION"

    # the mentor's place is free again in the other programme
    await api.ok("mutation { setOpenForRequests(open: true) }", token=mentor.token)
    asked = await api.ok(REQUEST, {"p": other.programme_id, "m": mentor.id}, hopeful.token)
    accepted = await api.ok(ACCEPT, {"r": asked["requestMentor"]["id"]}, mentor.token)
    assert accepted["acceptRequest"]["relationshipId"]
