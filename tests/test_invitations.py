"""Roles and staff places are invitations: consent, no enumeration, limits, expiry."""

from __future__ import annotations

from datetime import timedelta

from models.accounts import OutboxEmail, now
from models.invitations import Invitation
from tests.support import (
    ACCEPT_INVITATION,
    MY_INVITATIONS,
    PASSWORD,
    Api,
    Person,
    accept_invitations,
    code_of,
    open_programme,
    relay_pk,
    unique,
)

CREATE_ORG = 'mutation($s: String!) { createOrganisation(name: "Jebakan", slug: $s) { id } }'
GRANT = """mutation($o: ID!, $e: String!, $r: OrgRole!) {
  setOrganisationRole(organisationId: $o, email: $e, role: $r) }"""
APPOINT = """mutation($p: ID!, $e: String!, $r: StaffRole!) {
  appointStaff(programmeId: $p, email: $e, role: $r) }"""
MY_ORGS = "{ myOrganisations { id viewerIsAdmin } }"
DECLINE = "mutation($id: ID!) { declineInvitation(id: $id) { status decidedAt } }"
REVOKE = "mutation($id: ID!) { revokeInvitation(id: $id) { status } }"
ORG_INVITATIONS = """query($o: ID!) { organisationInvitations(organisationId: $o) {
  id email status orgRole staffRole programmeName } }"""
PROGRAMME_INVITATIONS = """query($p: ID!) { programmeInvitations(programmeId: $p) {
  id email status staffRole } }"""
UPDATE = 'mutation($id: ID!) { updateProgramme(id: $id, changes: {name: "Baru"}) { name } }'


async def stranger_org(api: Api) -> tuple[Person, str]:
    stranger = await api.register("Orang Asing")
    org = await api.ok(CREATE_ORG, {"s": unique("org-")}, stranger.token)
    return stranger, org["createOrganisation"]["id"]


async def test_a_stranger_cannot_put_you_in_their_organisation(api: Api) -> None:
    """From the victim's seat: the stranger's organisation stays out of `myOrganisations`
    until they accept; they can decline; an accepted role is theirs."""
    stranger, org_id = await stranger_org(api)
    victim = await api.register("Korban")
    assert (await api.ok(GRANT, {"o": org_id, "e": victim.email, "r": "ADMIN"}, stranger.token))[
        "setOrganisationRole"
    ] is True
    assert (await api.ok(MY_ORGS, token=victim.token))["myOrganisations"] == []
    (offer,) = (await api.ok(MY_INVITATIONS, token=victim.token))["myInvitations"]
    assert offer["kind"] == "ORGANISATION_ROLE" and offer["orgRole"] == "ADMIN"
    assert offer["invitedBy"] == "Orang Asing" and offer["organisation"]["id"] == org_id
    notes = await api.ok("{ myNotifications { kind title } }", token=victim.token)
    assert [n["kind"] for n in notes["myNotifications"]] == ["INVITATION"]
    declined = await api.ok(DECLINE, {"id": offer["id"]}, victim.token)
    assert declined["declineInvitation"]["status"] == "DECLINED"
    assert (await api.ok(MY_ORGS, token=victim.token))["myOrganisations"] == []
    assert (await api.ok(MY_INVITATIONS, token=victim.token))["myInvitations"] == []
    again = await api.error(ACCEPT_INVITATION, {"id": offer["id"]}, victim.token)
    assert code_of(again) == "CONFLICT"
    # another offer, accepted this time
    await api.ok(GRANT, {"o": org_id, "e": victim.email, "r": "MEMBER"}, stranger.token)
    await accept_invitations(api, victim)
    assert (await api.ok(MY_ORGS, token=victim.token))["myOrganisations"] == [
        {"id": org_id, "viewerIsAdmin": False}
    ]


async def test_someone_else_cannot_answer_your_invitation(api: Api) -> None:
    stranger, org_id = await stranger_org(api)
    victim, other = await api.register(), await api.register()
    await api.ok(GRANT, {"o": org_id, "e": victim.email, "r": "ADMIN"}, stranger.token)
    (pending,) = (await api.ok(ORG_INVITATIONS, {"o": org_id}, stranger.token))[
        "organisationInvitations"
    ]
    for seat in (other, stranger):
        for mutation in (ACCEPT_INVITATION, DECLINE):
            error = await api.error(mutation, {"id": pending["id"]}, seat.token)
            assert code_of(error) == "NOT_FOUND"
    assert (await api.ok(MY_ORGS, token=other.token))["myOrganisations"] == []


async def test_inviting_answers_alike_whether_or_not_the_address_has_an_account(
    api: Api,
) -> None:
    """The probe from issue 9: one known address, one unknown, identical answers (and both
    addresses are mailed the same invitation)."""
    stranger, org_id = await stranger_org(api)
    world = await open_programme(api)
    known = await api.register()
    unknown = unique("nobody") + "@rajut.test"
    probes = (
        (GRANT, {"o": org_id, "r": "MEMBER"}, stranger.token),
        (GRANT, {"o": org_id, "r": "ADMIN"}, stranger.token),
        (APPOINT, {"p": world.programme_id, "r": "COORDINATOR"}, world.coordinator.token),
        (APPOINT, {"p": world.programme_id, "r": "MENTOR_COACH"}, world.coordinator.token),
    )
    for query, variables, token in probes:
        for_known = await api.post(query, {**variables, "e": known.email}, token)
        for_unknown = await api.post(query, {**variables, "e": unknown}, token)
        assert for_known == for_unknown, (for_known, for_unknown)
        assert "errors" not in for_known
    known_mail = await OutboxEmail.filter(to_address=known.email).order_by("-id").first()
    unknown_mail = await OutboxEmail.filter(to_address=unknown).order_by("-id").first()
    assert known_mail is not None and unknown_mail is not None
    assert known_mail.subject == unknown_mail.subject and known_mail.body == unknown_mail.body
    # from a seat without the right, both are refused alike too
    outsider = await api.register()
    for email in (known.email, unknown):
        refused = await api.error(GRANT, {"o": org_id, "e": email, "r": "ADMIN"}, outsider.token)
        assert code_of(refused) == "FORBIDDEN"
        refused = await api.error(
            APPOINT, {"p": world.programme_id, "e": email, "r": "COORDINATOR"}, outsider.token
        )
        assert code_of(refused) == "FORBIDDEN"


async def test_staff_places_are_granted_on_acceptance(api: Api) -> None:
    world = await open_programme(api)
    colleague = await api.register()
    await api.ok(
        APPOINT,
        {"p": world.programme_id, "e": colleague.email, "r": "COORDINATOR"},
        world.coordinator.token,
    )
    assert code_of(await api.error(UPDATE, {"id": world.programme_id}, colleague.token)) == (
        "FORBIDDEN"
    )
    (offer,) = await accept_invitations(api, colleague)
    assert offer["staffRole"] == "COORDINATOR" and offer["programmeName"] == "Mentoring Kampanye"
    updated = await api.ok(UPDATE, {"id": world.programme_id}, colleague.token)
    assert updated["updateProgramme"]["name"] == "Baru"


async def test_an_invitation_to_a_new_address_waits_for_its_verified_owner(api: Api) -> None:
    stranger, org_id = await stranger_org(api)
    email = unique("later") + "@rajut.test"
    await api.ok(GRANT, {"o": org_id, "e": email, "r": "ADMIN"}, stranger.token)
    (pending,) = (await api.ok(ORG_INVITATIONS, {"o": org_id}, stranger.token))[
        "organisationInvitations"
    ]
    assert pending["email"] == email and pending["status"] == "PENDING"
    # someone registers that address without owning it: the invitation is not theirs
    await api.ok(
        "mutation($i: RegisterInput!) { register(input: $i) }",
        {"i": {"email": email, "password": "squatter password 1", "displayName": "Palsu"}},
    )
    login = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"
    squatter = (await api.ok(login, {"e": email, "p": "squatter password 1"}))["login"]["token"]
    assert (await api.ok(MY_INVITATIONS, token=squatter))["myInvitations"] == []
    refused = await api.error(ACCEPT_INVITATION, {"id": pending["id"]}, squatter)
    assert code_of(refused) == "FORBIDDEN"
    # the owner registers too, follows the link mailed to the address, and accepts
    owner = await api.register("Pemilik", email=email)
    (offer,) = await accept_invitations(api, owner)
    assert offer["id"] == pending["id"]
    assert (await api.ok(MY_ORGS, token=owner.token))["myOrganisations"] == [
        {"id": org_id, "viewerIsAdmin": True}
    ]
    login_as_owner = await api.ok(login, {"e": email, "p": PASSWORD})
    assert login_as_owner["login"]["token"]


async def test_admins_and_coordinators_list_and_revoke_pending_invitations(api: Api) -> None:
    world = await open_programme(api)
    invitee, outsider = await api.register(), await api.register()
    await api.ok(
        GRANT, {"o": world.org_id, "e": invitee.email, "r": "ADMIN"}, world.coordinator.token
    )
    await api.ok(
        APPOINT,
        {"p": world.programme_id, "e": invitee.email, "r": "MENTOR_COACH"},
        world.coordinator.token,
    )
    listed = (await api.ok(ORG_INVITATIONS, {"o": world.org_id}, world.coordinator.token))[
        "organisationInvitations"
    ]
    assert {(i["orgRole"], i["staffRole"]) for i in listed} == {
        ("ADMIN", None),
        (None, "MENTOR_COACH"),
    }
    staff = (
        await api.ok(PROGRAMME_INVITATIONS, {"p": world.programme_id}, world.coordinator.token)
    )["programmeInvitations"]
    assert [i["staffRole"] for i in staff] == ["MENTOR_COACH"]
    for seat in (outsider, invitee):
        assert (
            code_of(await api.error(ORG_INVITATIONS, {"o": world.org_id}, seat.token))
            == "FORBIDDEN"
        )
        assert (
            code_of(await api.error(PROGRAMME_INVITATIONS, {"p": world.programme_id}, seat.token))
            == "FORBIDDEN"
        )
        assert code_of(await api.error(REVOKE, {"id": listed[0]["id"]}, seat.token)) == "NOT_FOUND"
    for invitation in listed:
        revoked = await api.ok(REVOKE, {"id": invitation["id"]}, world.coordinator.token)
        assert revoked["revokeInvitation"]["status"] == "REVOKED"
    assert (await api.ok(MY_INVITATIONS, token=invitee.token))["myInvitations"] == []
    late = await api.error(ACCEPT_INVITATION, {"id": listed[0]["id"]}, invitee.token)
    assert code_of(late) == "CONFLICT"
    assert (await api.ok(ORG_INVITATIONS, {"o": world.org_id}, world.coordinator.token))[
        "organisationInvitations"
    ] == []


async def test_lowering_a_members_role_applies_at_once(api: Api) -> None:
    world = await open_programme(api)
    deputy = await api.register()
    await api.ok(
        GRANT, {"o": world.org_id, "e": deputy.email, "r": "ADMIN"}, world.coordinator.token
    )
    await accept_invitations(api, deputy)
    assert (await api.ok(MY_ORGS, token=deputy.token))["myOrganisations"][0]["viewerIsAdmin"]
    await api.ok(
        GRANT, {"o": world.org_id, "e": deputy.email, "r": "MEMBER"}, world.coordinator.token
    )
    assert (await api.ok(MY_ORGS, token=deputy.token))["myOrganisations"] == [
        {"id": world.org_id, "viewerIsAdmin": False}
    ]
    assert (await api.ok(MY_INVITATIONS, token=deputy.token))["myInvitations"] == []


async def test_invitations_expire(api: Api) -> None:
    stranger, org_id = await stranger_org(api)
    invitee = await api.register()
    await api.ok(GRANT, {"o": org_id, "e": invitee.email, "r": "MEMBER"}, stranger.token)
    (offer,) = (await api.ok(MY_INVITATIONS, token=invitee.token))["myInvitations"]
    # travel in time: the invitation's fortnight is over
    await Invitation.filter(id=relay_pk(offer["id"])).update(expires_at=now() - timedelta(days=1))
    assert (await api.ok(MY_INVITATIONS, token=invitee.token))["myInvitations"] == []
    late = await api.error(ACCEPT_INVITATION, {"id": offer["id"]}, invitee.token)
    assert code_of(late) == "CONFLICT" and "expired" in late["message"]
    assert (await api.ok(MY_ORGS, token=invitee.token))["myOrganisations"] == []


async def test_invitations_are_rate_limited_per_inviter(api: Api) -> None:
    """30 an hour by default (INVITATION_LIMIT_PER_INVITER): probing stops there."""
    stranger, org_id = await stranger_org(api)
    codes = []
    for _ in range(31):
        answer = await api.post(
            GRANT,
            {"o": org_id, "e": unique("probe") + "@rajut.test", "r": "MEMBER"},
            stranger.token,
        )
        codes.append(code_of(answer["errors"][0]) if answer.get("errors") else "OK")
    assert codes == ["OK"] * 30 + ["RATE_LIMITED"]
    # another inviter has their own budget
    other, other_org = await stranger_org(api)
    await api.ok(
        GRANT, {"o": other_org, "e": unique("x") + "@rajut.test", "r": "MEMBER"}, other.token
    )
