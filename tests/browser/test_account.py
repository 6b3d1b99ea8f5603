"""Account screens: signing up with the email step, confirmation links (good, used, expired,
wrong), password reset by mail, and the English labels.

Demo logins used here: mentee021 (its password is reset). Sign-ups use fresh addresses."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import uuid

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, check_a11y, screenshot

VERIFY_LINK = re.compile(r"/#/verify-email\?token=([\w-]+)")
RESET_LINK = re.compile(r"/#/reset-password\?token=([\w-]+)")
NEW_PASSWORD = "benang merah rajut 2026"


def fresh_address() -> str:
    return f"baru-{uuid.uuid4().hex[:10]}@rajut.test"


def stored_token(page) -> str:
    return page.evaluate("localStorage.getItem('rajut.token')") or ""


def test_sign_up_mails_a_link_that_confirms_and_signs_in(open_app, demo) -> None:
    email = fresh_address()
    page = open_app(path="/signup")
    expect(page.get_by_role("heading", name="Daftar")).to_be_visible()
    check_a11y(page)
    screenshot(page, "sign-up")
    page.get_by_label("Nama", exact=True).fill("Ayu Baru")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi", exact=True).fill("pendek")
    page.get_by_role("button", name="Buat akun").click()
    expect(page.get_by_text("Kata sandi terlalu pendek")).to_be_visible()  # checked before sending
    page.get_by_label("Kata sandi", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Buat akun").click()

    expect(page.get_by_role("heading", name="Cek email Anda")).to_be_visible()
    expect(page.get_by_text(f"tautan konfirmasi ke {email}")).to_be_visible()
    expect(page.get_by_text("meminta mentor")).to_be_visible()  # what waits for confirmation
    check_a11y(page)
    screenshot(page, "sign-up-check-mail")
    first = VERIFY_LINK.search(demo.last_mail(email)).group(1)

    # a second link (the API mails a claim link for the same, still unconfirmed address)
    page.get_by_role("button", name="Kirim tautan baru").click()
    expect(page.get_by_text(f"Tautan baru sudah dikirim ke {email}")).to_be_visible()
    second = VERIFY_LINK.search(demo.last_mail(email)).group(1)
    assert second != first

    # the first link has expired by now (two days pass in the database)
    with contextlib.closing(sqlite3.connect(demo.database)) as db, db:
        db.execute(
            "UPDATE email_verifications SET expires_at = '2000-01-01 00:00:00+00:00'"
            " WHERE user_id = (SELECT id FROM users WHERE email = ?) AND password_hash IS NULL",
            (email,),
        )
    page.goto(f"{demo.base_url}/#/verify-email?token={first}")
    expect(page.get_by_role("heading", name="Tautan tidak berlaku")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("kedaluwarsa")
    check_a11y(page)
    assert not stored_token(page)

    page.goto(f"{demo.base_url}/#/verify-email?token={second}")
    expect(page.get_by_role("navigation", name="Menu utama")).to_be_visible()
    expect(page).to_have_url(re.compile(r"#/$"))
    me = demo.graphql("{ me { email emailVerified } }", token=stored_token(page))["me"]
    assert me == {"email": email, "emailVerified": True}

    # a link works once
    page.goto(f"{demo.base_url}/#/verify-email?token={second}")
    expect(page.get_by_role("alert")).to_contain_text("tidak berlaku")


def test_an_unconfirmed_member_sees_what_waits_for_the_link(open_app, demo) -> None:
    email = fresh_address()
    demo.graphql(
        "mutation($i: RegisterInput!) { register(input: $i) }",
        {"i": {"email": email, "password": NEW_PASSWORD, "displayName": "Budi Belum"}},
    )
    page = open_app(path="/signin")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation", name="Menu utama")).to_be_visible()
    page.get_by_role("link", name="Profil").click()
    notice = page.get_by_text(f"Email {email} belum dikonfirmasi.")
    expect(notice).to_be_visible()
    expect(page.get_by_text("mendaftar ke program mentoring")).to_be_visible()
    expect(page.get_by_role("link", name="Minta tautan konfirmasi baru")).to_be_visible()


def test_a_wrong_link_says_so(open_app) -> None:
    page = open_app(path="/verify-email?token=bukan-token-yang-benar")
    expect(page.get_by_role("heading", name="Tautan tidak berlaku")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("tidak berlaku")
    expect(page.get_by_role("link", name="Masuk")).to_be_visible()

    page.goto(page.url.split("#")[0] + "#/reset-password?token=bukan-token")
    page.get_by_label("Kata sandi baru", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Simpan kata sandi").click()
    expect(page.get_by_role("alert")).to_contain_text("tidak berlaku")
    expect(page.get_by_role("link", name="Minta tautan baru")).to_be_visible()
    check_a11y(page)


def test_password_reset_by_mail(open_app, demo) -> None:
    email = "mentee021@rajut.test"
    page = open_app(path="/signin")
    page.get_by_role("link", name="Lupa kata sandi?").click()
    expect(page.get_by_role("heading", name="Atur ulang kata sandi")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Kirim tautan").click()
    expect(page.get_by_role("status")).to_contain_text(f"Jika {email} terdaftar")
    check_a11y(page)
    token = RESET_LINK.search(demo.last_mail(email)).group(1)

    page.goto(f"{demo.base_url}/#/reset-password?token={token}")
    expect(page.get_by_role("heading", name="Buat kata sandi baru")).to_be_visible()
    check_a11y(page)
    page.get_by_label("Kata sandi baru", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Tampilkan kata sandi").check()
    expect(page.get_by_label("Kata sandi baru", exact=True)).to_have_attribute("type", "text")
    page.get_by_role("button", name="Simpan kata sandi").click()

    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    expect(page.get_by_text("Kata sandi Anda sudah diganti")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation", name="Menu utama")).to_be_visible()
    me = demo.graphql("{ me { email } }", token=stored_token(page))["me"]
    assert me == {"email": email}


def test_account_screens_speak_english(open_app) -> None:
    page = open_app(path="/signup", viewport=DESKTOP)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Sign up")).to_be_visible()
    expect(page.get_by_label("Name", exact=True)).to_be_visible()
    expect(page.get_by_label("Password", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Create account")).to_be_visible()
    check_a11y(page)
    screenshot(page, "sign-up-en")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    expect(page.get_by_role("button", name="Send the link")).to_be_visible()
    page.goto(page.url.split("#")[0] + "#/verify-email?token=x")
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()


def test_sign_up_at_desktop_width(open_app) -> None:
    page = open_app(path="/signup", viewport=DESKTOP)
    expect(page.get_by_role("heading", name="Daftar")).to_be_visible()
    check_a11y(page)
    screenshot(page, "sign-up")
