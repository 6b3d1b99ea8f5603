"""Accounts from the outside: registration, sessions, passwords and API tokens."""

from __future__ import annotations

from models.accounts import OutboxEmail
from tests.support import PASSWORD, Api, code_of, unique

ME = "{ me { email locale scopes user { id displayName } } }"
LOGIN = """mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"""
REGISTER = """mutation($i: RegisterInput!) { register(input: $i) { token } }"""


async def test_register_then_me(api: Api) -> None:
    person = await api.register("Ayu Lestari", locale="en")
    me = (await api.ok(ME, token=person.token))["me"]
    assert me["email"] == person.email
    assert me["locale"] == "en"
    assert me["user"]["displayName"] == "Ayu Lestari"
    assert set(me["scopes"]) == {"READ", "WRITE", "PROGRESS_READ"}


async def test_signed_out_me_is_null(api: Api) -> None:
    assert (await api.ok(ME))["me"] is None


async def test_duplicate_email_is_a_conflict(api: Api) -> None:
    person = await api.register()
    error = await api.error(
        REGISTER,
        {"i": {"email": person.email.upper(), "password": PASSWORD, "displayName": "Lagi"}},
    )
    assert code_of(error) == "CONFLICT"
    assert error["extensions"]["field"] == "email"


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
