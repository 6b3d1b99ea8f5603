"""Accounts from the outside: registration, sessions, passwords and API tokens."""

from __future__ import annotations

import pytest
from gql.transport.exceptions import TransportQueryError

from models.accounts import OutboxEmail
from tests.live import Member
from tests.support import (
    ENROL,
    PASSWORD,
    REQUEST_MENTOR,
    Api,
    Person,
    acknowledge,
    code_of,
    last_mail,
    link_token,
    unique,
)
from tests.test_sessions import active_pair

ME = "{ me { email locale scopes user { id displayName } } }"
LOGIN = """mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"""
REGISTER = """mutation($i: RegisterInput!) { register(input: $i) }"""
VERIFY = """mutation($t: String!) { verifyEmail(token: $t) { token me { email emailVerified } } }"""


async def test_register_then_me(api: Api) -> None:
    person = await api.register("Ayu Lestari", locale="en")
    me = (await api.ok(ME, token=person.token))["me"]
    assert me["email"] == person.email
    assert me["locale"] == "en"
    assert me["user"]["displayName"] == "Ayu Lestari"
    assert set(me["scopes"]) == {"READ", "WRITE", "PROGRESS_READ"}


async def test_signed_out_me_is_null(api: Api) -> None:
    assert (await api.ok(ME))["me"] is None


async def test_register_answers_alike_for_known_and_new_addresses(api: Api) -> None:
    """`register` cannot tell anyone whether an address has an account: the same answer,
    and the address's owner hears about the attempt; the account stays as it was."""
    person = await api.register()
    new = unique("new") + "@rajut.test"
    known_answer = await api.post(
        REGISTER,
        {"i": {"email": person.email.upper(), "password": "another secret 42", "displayName": "X"}},
    )
    new_answer = await api.post(
        REGISTER, {"i": {"email": new, "password": "another secret 42", "displayName": "X"}}
    )
    assert known_answer == new_answer == {"data": {"register": True}}
    told = await last_mail(person.email)
    assert "Someone tried to register" in told and "token=" not in told
    assert "#/verify-email?token=" in await last_mail(new)
    assert code_of(await api.error(LOGIN, {"e": person.email, "p": "another secret 42"})) == (
        "UNAUTHENTICATED"
    )
    assert (await api.ok(ME, token=person.token))["me"]["email"] == person.email
    await api.ok(LOGIN, {"e": person.email, "p": PASSWORD})


async def sign_up_unverified(api: Api, email: str, password: str = PASSWORD) -> str:
    """Register without following the mailed link, then sign in: a session of an
    unverified account."""
    await api.ok(REGISTER, {"i": {"email": email, "password": password, "displayName": "Siapa"}})
    return (await api.ok(LOGIN, {"e": email, "p": password}))["login"]["token"]


async def test_an_unverified_account_looks_but_does_not_take_part(api: Api, server: str) -> None:
    mentor, mentee, relationship, _ = await active_pair(api)
    await acknowledge(api, relationship, mentor, mentee)
    room = await api.ok(
        "query($r: ID!) { callRoom(relationshipId: $r) { id } }", {"r": relationship}, mentee.token
    )
    programme = await api.ok("{ myEnrolments { programme { id } } }", token=mentee.token)
    programme_id = programme["myEnrolments"][0]["programme"]["id"]
    email = unique("unverified") + "@rajut.test"
    token = await sign_up_unverified(api, email)
    assert (await api.ok(ME.replace("locale", "emailVerified"), token=token))["me"][
        "emailVerified"
    ] is False
    own_org = await api.ok(
        'mutation($s: String!) { createOrganisation(name: "Sendiri", slug: $s) { id } }',
        {"s": unique("org-")},
        token,
    )
    attempts = (
        (
            "mutation($o: ID!, $e: String!) { setOrganisationRole(organisationId: $o, email: $e, "
            "role: MEMBER) }",
            {"o": own_org["createOrganisation"]["id"], "e": mentor.email},
        ),
        (ENROL, {"i": {"programmeId": programme_id, "asMentee": True}}),
        (REQUEST_MENTOR, {"p": programme_id, "m": mentor.id}),
        (
            'mutation($r: ID!) { sendMessage(relationshipId: $r, body: "halo") { id } }',
            {"r": relationship},
        ),
        (
            'mutation($r: ID!) { sendRoomMessage(roomId: $r, body: "halo") { id } }',
            {"r": room["callRoom"]["id"]},
        ),
    )
    for query, variables in attempts:
        error = await api.error(query, variables, token)
        assert code_of(error) == "FORBIDDEN", (query, error)
        assert "Confirm your email address" in error["message"]
    unverified = Person(email, token, "", "Siapa")
    async with Member(server, unverified) as someone:
        with pytest.raises(TransportQueryError) as refused:
            await someone.join(room["callRoom"]["id"])
        assert refused.value.errors[0]["extensions"]["code"] == "FORBIDDEN"
    # following the link (here: the one mailed at sign-up) lets them take part
    verified = await api.ok(VERIFY, {"t": link_token(await last_mail(email), "verify-email")})
    assert verified["verifyEmail"]["me"] == {"email": email, "emailVerified": True}
    fresh = verified["verifyEmail"]["token"]
    enrolled = await api.ok(ENROL, {"i": {"programmeId": programme_id, "asMentee": True}}, fresh)
    assert enrolled["enrol"]["asMentee"] is True


async def test_a_confirmation_link_works_once(api: Api) -> None:
    email = unique("once") + "@rajut.test"
    await api.ok(REGISTER, {"i": {"email": email, "password": PASSWORD, "displayName": "Sekali"}})
    token = link_token(await last_mail(email), "verify-email")
    await api.ok(VERIFY, {"t": token})
    for bad in (token, "not-a-token"):
        error = await api.error(VERIFY, {"t": bad})
        assert (code_of(error), error["extensions"]["field"]) == ("BAD_USER_INPUT", "token")


async def test_the_owner_claims_an_address_someone_registered_first(api: Api) -> None:
    """A squatter registers the owner's address; the owner registers too, follows the claim
    link mailed to the address, and has the account with their own password."""
    email = unique("owner") + "@rajut.test"
    squatter = await sign_up_unverified(api, email, "squatter password 1")
    answer = await api.post(
        REGISTER, {"i": {"email": email, "password": "owner password 22", "displayName": "Ani"}}
    )
    assert answer == {"data": {"register": True}}  # no CONFLICT: the owner is not locked out
    claim = await last_mail(email)
    assert "take your address back" in claim
    owner = await api.ok(VERIFY, {"t": link_token(claim, "verify-email")})
    assert owner["verifyEmail"]["me"] == {"email": email, "emailVerified": True}
    assert code_of(
        await api.error(ME.replace("me {", "myOrganisations { id } me {"), token=squatter)
    ) == ("UNAUTHENTICATED")
    assert code_of(await api.error(LOGIN, {"e": email, "p": "squatter password 1"})) == (
        "UNAUTHENTICATED"
    )
    me = await api.ok(
        ME, token=(await api.ok(LOGIN, {"e": email, "p": "owner password 22"}))["login"]["token"]
    )
    assert me["me"]["user"]["displayName"] == "Ani"
    # the squatter's own confirmation link, still in the mailbox, no longer works either
    old_links = await OutboxEmail.filter(to_address=email, body__contains="valid for two days")
    assert old_links
    error = await api.error(VERIFY, {"t": link_token(old_links[0].body, "verify-email")})
    assert code_of(error) == "BAD_USER_INPUT"


async def test_a_password_reset_also_claims_an_unverified_address(api: Api) -> None:
    email = unique("reset-claim") + "@rajut.test"
    squatter = await sign_up_unverified(api, email, "squatter password 1")
    await api.ok("mutation($e: String!) { requestPasswordReset(email: $e) }", {"e": email})
    token = link_token(await last_mail(email), "reset-password")
    reset = "mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }"
    await api.ok(reset, {"t": token, "p": "owner password 22"})
    assert code_of(await api.error("{ myOrganisations { id } }", token=squatter)) == (
        "UNAUTHENTICATED"
    )
    owner = (await api.ok(LOGIN, {"e": email, "p": "owner password 22"}))["login"]["token"]
    verified = await api.ok("{ me { emailVerified } }", token=owner)
    assert verified["me"]["emailVerified"] is True


async def test_bad_registration_creates_nothing(api: Api) -> None:
    email = unique("weak") + "@rajut.test"
    error = await api.error(
        REGISTER, {"i": {"email": email, "password": "short", "displayName": "Budi"}}
    )
    assert code_of(error) == "BAD_USER_INPUT" and error["extensions"]["field"] == "password"
    login = await api.error(LOGIN, {"e": email, "p": "short"})
    assert code_of(login) == "UNAUTHENTICATED"
    for bad, field in (
        ({"email": "not-an-email"}, "email"),
        ({"password": "            "}, "password"),
        ({"displayName": "  "}, "displayName"),
        ({"locale": "fr"}, "locale"),
    ):
        values = {"email": email, "password": PASSWORD, "displayName": "Budi", **bad}
        error = await api.error(REGISTER, {"i": values})
        assert (code_of(error), error["extensions"]["field"]) == ("BAD_USER_INPUT", field)


async def test_login_logout_and_revoked_token(api: Api) -> None:
    person = await api.register()
    wrong = await api.error(LOGIN, {"e": person.email, "p": "wrong password!"})
    assert code_of(wrong) == "UNAUTHENTICATED"
    token = (await api.ok(LOGIN, {"e": person.email, "p": PASSWORD}))["login"]["token"]
    assert (await api.ok(ME, token=token))["me"]["email"] == person.email
    assert (await api.ok("mutation { logout }", token=token))["logout"] is True
    error = await api.error("{ myOrganisations { id } }", token=token)
    assert code_of(error) == "UNAUTHENTICATED"
    assert "revoked" in error["message"]
    # the registration session is a separate token and still works
    assert (await api.ok(ME, token=person.token))["me"]["email"] == person.email


async def test_garbage_token_is_unauthenticated(api: Api) -> None:
    error = await api.error("{ myOrganisations { id } }", token="rjt_not-a-real-token")
    assert code_of(error) == "UNAUTHENTICATED"


async def test_change_password_signs_out_other_sessions(api: Api) -> None:
    person = await api.register()
    other = (await api.ok(LOGIN, {"e": person.email, "p": PASSWORD}))["login"]["token"]
    change = """mutation($c: String!, $n: String!) {
      changePassword(currentPassword: $c, newPassword: $n) }"""
    error = await api.error(change, {"c": "not my password", "n": "new password 123"}, person.token)
    assert (code_of(error), error["extensions"]["field"]) == ("BAD_USER_INPUT", "currentPassword")
    await api.ok(change, {"c": PASSWORD, "n": "new password 123"}, person.token)
    assert (await api.ok(ME, token=person.token))["me"] is not None  # this session stays
    assert code_of(await api.error("{ myOrganisations { id } }", token=other)) == (
        "UNAUTHENTICATED"
    )
    await api.ok(LOGIN, {"e": person.email, "p": "new password 123"})


async def test_password_reset_through_the_outbox(api: Api) -> None:
    person = await api.register()
    ask = "mutation($e: String!) { requestPasswordReset(email: $e) }"
    assert (await api.ok(ask, {"e": person.email}))["requestPasswordReset"] is True
    # unknown emails get the same answer, so the endpoint reveals nothing
    assert (await api.ok(ask, {"e": "nobody@rajut.test"}))["requestPasswordReset"] is True
    mail = await OutboxEmail.filter(to_address=person.email).order_by("-id").first()
    assert mail is not None and "http://rajut.test/#/reset-password?token=" in mail.body
    token = mail.body.split("token=")[1].split()[0]
    reset = "mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }"
    assert code_of(await api.error(reset, {"t": token, "p": "short"})) == "BAD_USER_INPUT"
    await api.ok(reset, {"t": token, "p": "brand new password"})
    again = await api.error(reset, {"t": token, "p": "another password 1"})
    assert (code_of(again), again["extensions"]["field"]) == ("BAD_USER_INPUT", "token")
    assert (
        code_of(
            await api.error(ME.replace("me {", "myOrganisations { id } me {"), token=person.token)
        )
        == "UNAUTHENTICATED"
    )
    await api.ok(LOGIN, {"e": person.email, "p": "brand new password"})


CREATE_TOKEN = """mutation($i: ApiTokenInput!) {
  createApiToken(input: $i) { token apiToken { id name scopes expiresAt } } }"""


async def test_api_tokens_carry_scopes(api: Api) -> None:
    person = await api.register()
    created = (
        await api.ok(
            CREATE_TOKEN,
            {"i": {"name": "dashboard", "scopes": ["READ"], "expiresInDays": 30}},
            person.token,
        )
    )["createApiToken"]
    assert created["token"].startswith("rjt_pat_")
    assert created["apiToken"]["scopes"] == ["READ"]
    read_only = created["token"]
    me = (await api.ok(ME, token=read_only))["me"]
    assert me["email"] == person.email and me["scopes"] == ["READ"]
    write = await api.error(
        'mutation { createOrganisation(name: "X", slug: "xx") { id } }', token=read_only
    )
    assert code_of(write) == "FORBIDDEN"
    listed = (await api.ok("{ myApiTokens { id name } }", token=person.token))["myApiTokens"]
    assert [t["name"] for t in listed] == ["dashboard"]


async def test_api_token_rules(api: Api) -> None:
    person = await api.register()
    writer = (
        await api.ok(
            CREATE_TOKEN, {"i": {"name": "bot", "scopes": ["READ", "WRITE"]}}, person.token
        )
    )["createApiToken"]
    # tokens cannot mint more tokens
    nested = await api.error(
        CREATE_TOKEN, {"i": {"name": "x", "scopes": ["READ"]}}, writer["token"]
    )
    assert code_of(nested) == "BAD_USER_INPUT"
    for bad in (
        {"name": "", "scopes": ["READ"]},
        {"name": "x", "scopes": []},
        {"name": "x", "scopes": ["READ"], "expiresInDays": 0},
    ):
        assert code_of(await api.error(CREATE_TOKEN, {"i": bad}, person.token)) == (
            "BAD_USER_INPUT"
        )
    listed = (await api.ok("{ myApiTokens { id } }", token=person.token))["myApiTokens"]
    assert len(listed) == 1


async def test_tokens_are_private_to_their_owner(api: Api) -> None:
    owner, stranger = await api.register(), await api.register()
    created = (
        await api.ok(CREATE_TOKEN, {"i": {"name": "mine", "scopes": ["READ"]}}, owner.token)
    )["createApiToken"]
    token_id = created["apiToken"]["id"]
    revoke = "mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }"
    assert code_of(await api.error(revoke, {"id": token_id}, stranger.token)) == "NOT_FOUND"
    seen = await api.ok(
        "query($id: ID!) { node(id: $id) { id } }", {"id": token_id}, stranger.token
    )
    assert seen["node"] is None
    assert (await api.ok("{ myApiTokens { id } }", token=stranger.token))["myApiTokens"] == []
    assert (await api.ok(ME, token=created["token"]))["me"] is not None
    revoked = await api.ok(revoke, {"id": token_id}, owner.token)
    assert revoked["revokeApiToken"]["revokedAt"] is not None
    assert code_of(await api.error("{ myApiTokens { id } }", token=created["token"])) == (
        "UNAUTHENTICATED"
    )


async def test_login_is_rate_limited_per_account(api: Api) -> None:
    person = await api.register()
    codes = []
    for _ in range(6):
        async with Api(api.base_url) as fresh:  # a new address each time: only the account counts
            error = await fresh.error(LOGIN, {"e": person.email, "p": "guess guess guess"})
            codes.append(code_of(error))
    assert codes == ["UNAUTHENTICATED"] * 5 + ["RATE_LIMITED"]


async def test_login_is_rate_limited_per_address(server: str) -> None:
    async with Api(server, address="192.0.2.77") as one_address:
        codes = [
            code_of(
                await one_address.error(
                    LOGIN, {"e": unique("x") + "@rajut.test", "p": "guess guess guess"}
                )
            )
            for _ in range(21)
        ]
    assert codes == ["UNAUTHENTICATED"] * 20 + ["RATE_LIMITED"]


async def test_blank_and_common_passwords_are_refused_everywhere(api: Api) -> None:
    email = unique("common") + "@rajut.test"
    for weak in ("           ", "\t\n          ", "bismillah123", "SayangKamu", "1234567890",
                 " qwertyuiop ", "alhamdulillah", "passwordku"):  # fmt: skip
        error = await api.error(
            REGISTER, {"i": {"email": email, "password": weak, "displayName": "Budi"}}
        )
        assert (code_of(error), error["extensions"]["field"]) == ("BAD_USER_INPUT", "password")
        assert "common" in error["message"] or "spaces" in error["message"]
    assert not await OutboxEmail.filter(to_address=email).exists()  # nothing happened
    person = await api.register()
    change = """mutation($c: String!, $n: String!) {
      changePassword(currentPassword: $c, newPassword: $n) }"""
    for weak in ("          ", "indonesia123"):
        error = await api.error(change, {"c": PASSWORD, "n": weak}, person.token)
        assert (code_of(error), error["extensions"]["field"]) == ("BAD_USER_INPUT", "newPassword")
    await api.ok("mutation($e: String!) { requestPasswordReset(email: $e) }", {"e": person.email})
    token = link_token(await last_mail(person.email), "reset-password")
    reset = "mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }"
    for weak in ("            ", "sayangku123"):
        error = await api.error(reset, {"t": token, "p": weak})
        assert (code_of(error), error["extensions"]["field"]) == ("BAD_USER_INPUT", "newPassword")
    await api.ok(LOGIN, {"e": person.email, "p": PASSWORD})  # nothing changed


async def test_sign_ups_for_one_address_are_rate_limited(api: Api) -> None:
    """REGISTER_LIMIT_PER_EMAIL (5 an hour): nobody floods an inbox through `register`,
    from however many client addresses."""
    email = unique("flood") + "@rajut.test"
    codes = []
    for _ in range(6):
        async with Api(api.base_url) as fresh:  # a new client address each time
            body = await fresh.post(
                REGISTER, {"i": {"email": email, "password": PASSWORD, "displayName": "Banjir"}}
            )
            codes.append(code_of(body["errors"][0]) if body.get("errors") else "OK")
    assert codes == ["OK"] * 5 + ["RATE_LIMITED"]
    assert await OutboxEmail.filter(to_address=email).count() == 5
