"""The profile screen: editing round-trips through the API, the availability grid by keyboard
at 360 px in the member's time zone, a mentor closing and reopening to requests, password
change, data download, account deletion, and English labels.

Demo logins used here: mentee022-mentee026, mentor20, mentor21. Deletion uses a
fresh sign-up."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, DESKTOP, LOGIN, PHONE, check_a11y, screenshot

PROFILE = """{ me { profile { displayName bio languages timezone communicationStyle capacity
  openForRequests listedInDirectory birthYear contactPhone
  availability { weekday start end }
  learningNeeds { skill currentLevel targetLevel priority }
  questionnaire { question answer } } } }"""
UPDATE = "mutation($i: ProfileInput!) { updateProfile(input: $i) { timezone } }"


def stored_token(page) -> str:
    return page.evaluate("localStorage.getItem('rajut.token')")


def profile_of(demo, page) -> dict:
    return demo.graphql(PROFILE, token=stored_token(page))["me"]["profile"]


def region(page, name: str):
    return page.get_by_role("region", name=name)


def test_profile_edits_round_trip(open_app, demo) -> None:
    page = open_app(email="mentee026@rajut.test", path="/profile")
    about = region(page, "Tentang saya")
    about.get_by_label("Nama").fill("Sari Uji Profil")
    about.get_by_label("Perkenalan singkat").fill("Relawan literasi di Kupang.")
    jawa = about.get_by_label("Jawa")
    jawa.set_checked(not jawa.is_checked())
    wants_javanese = jawa.is_checked()
    about.get_by_label("Gaya komunikasi").select_option("REFLECTIVE")
    about.get_by_role("button", name="Simpan").click()
    expect(about.get_by_role("status")).to_have_text("Tersimpan")

    needs = region(page, "Yang ingin saya pelajari")
    needs.get_by_role("button", name="Tambah kebutuhan").click()
    row = needs.get_by_role("group").last
    expect(row.get_by_label("Keahlian")).to_be_focused()
    row.get_by_label("Keahlian").fill("Menulis proposal hibah")
    row.get_by_label("Target").select_option("4")
    row.get_by_label("Prioritas").select_option("3")
    needs.get_by_role("button", name="Simpan").click()
    expect(needs.get_by_role("status")).to_have_text("Tersimpan")

    private = region(page, "Data pribadi")
    private.get_by_label("Nomor telepon atau WhatsApp").fill("0812-0000-0020")
    private.get_by_role("button", name="Simpan").click()
    expect(private.get_by_role("status")).to_have_text("Tersimpan")

    questions = region(page, "Cara saya belajar dan membimbing")
    questions.get_by_label("Seberapa cepat Anda suka bergerak?").select_option("5")
    questions.get_by_role("button", name="Simpan").click()
    expect(questions.get_by_role("status")).to_have_text("Tersimpan")

    saved = profile_of(demo, page)
    assert saved["displayName"] == "Sari Uji Profil"
    assert saved["bio"] == "Relawan literasi di Kupang."
    assert ("jv" in saved["languages"]) is wants_javanese
    assert saved["communicationStyle"] == "REFLECTIVE"
    assert {
        "skill": "menulis proposal hibah",
        "currentLevel": 1,
        "targetLevel": 4,
        "priority": 3,
    } in saved["learningNeeds"]
    assert saved["contactPhone"] == "0812-0000-0020"
    assert {"question": "pace", "answer": 5} in saved["questionnaire"]

    page.reload()
    about = region(page, "Tentang saya")
    expect(about.get_by_label("Nama")).to_have_value("Sari Uji Profil")
    expect(about.get_by_label("Jawa")).to_be_checked(checked=wants_javanese)
    expect(about.get_by_label("Gaya komunikasi")).to_have_value("REFLECTIVE")
    needs = region(page, "Yang ingin saya pelajari")
    expect(needs.get_by_role("button", name="Hapus menulis proposal hibah")).to_be_visible()
    expect(region(page, "Data pribadi").get_by_label("Nomor telepon atau WhatsApp")).to_have_value(
        "0812-0000-0020"
    )


def test_availability_grid_by_keyboard_on_a_phone(open_app, demo) -> None:
    page = open_app(email="mentee022@rajut.test", path="/profile", timezone="Asia/Jayapura")
    expect(page.get_by_role("heading", name="Profil saya")).to_be_visible()
    demo.graphql(
        UPDATE,
        {
            "i": {
                "timezone": "Asia/Makassar",
                "availability": [{"weekday": 1, "start": "19:30", "end": "21:00"}],
            }
        },
        token=stored_token(page),
    )
    page.reload()
    grid = region(page, "Waktu luang setiap minggu")
    expect(grid.get_by_label("Zona waktu")).to_have_value("Asia/Makassar")
    expect(grid.get_by_text("Perangkat ini memakai zona Asia/Jayapura.")).to_be_visible()

    # one day at a time on a phone: choose Tuesday, then work the hours with the keyboard
    grid.get_by_role("button", name="Senin", exact=True).focus()
    page.keyboard.press("ArrowLeft")
    expect(grid.get_by_role("button", name="Minggu", exact=True)).to_be_focused()
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    expect(grid.get_by_role("button", name="Selasa", exact=True)).to_be_focused()
    expect(grid.get_by_role("button", name="Senin 08.00")).to_be_hidden()
    expect(grid.get_by_role("button", name="Selasa 19.00")).to_have_attribute(
        "aria-pressed", "mixed"
    )
    expect(grid.get_by_role("button", name="Selasa 20.00")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.keyboard.press("Tab")
    expect(grid.get_by_role("button", name="Selasa 08.00")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(grid.get_by_role("button", name="Selasa 09.00")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # four hours a row at 360 px
    expect(grid.get_by_role("button", name="Selasa 13.00")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("End")
    page.keyboard.press("ArrowUp")
    expect(grid.get_by_role("button", name="Selasa 19.00")).to_be_focused()
    page.keyboard.press("Space")  # a partly chosen hour becomes a whole one
    for name in ("Selasa 08.00", "Selasa 09.00", "Selasa 13.00", "Selasa 19.00"):
        expect(grid.get_by_role("button", name=name)).to_have_attribute("aria-pressed", "true")
    expect(grid.get_by_role("button", name="Selasa 10.00")).to_have_attribute(
        "aria-pressed", "false"
    )
    page.keyboard.press("ArrowRight")  # left and right run through the hours
    expect(grid.get_by_role("button", name="Selasa 20.00")).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")  # past midnight: the next day
    expect(grid.get_by_role("button", name="Rabu 00.00")).to_be_focused()
    expect(grid.get_by_role("heading", name="Rabu")).to_be_visible()
    page.keyboard.press("PageUp")
    expect(grid.get_by_role("button", name="Selasa 00.00")).to_be_focused()

    grid.get_by_role("button", name="Pakai zona perangkat ini").click()
    expect(grid.get_by_label("Zona waktu")).to_have_value("Asia/Jayapura")
    check_a11y(page)
    grid.get_by_role("button", name="Simpan").click()
    expect(grid.get_by_role("status")).to_have_text("Tersimpan")

    saved = profile_of(demo, page)
    assert saved["timezone"] == "Asia/Jayapura"  # the same hours, now in the device's zone
    assert saved["availability"] == [
        {"weekday": 1, "start": "08:00", "end": "10:00"},
        {"weekday": 1, "start": "13:00", "end": "14:00"},
        {"weekday": 1, "start": "19:00", "end": "21:00"},
    ]
    page.reload()
    grid = region(page, "Waktu luang setiap minggu")
    grid.get_by_role("button", name="Selasa", exact=True).click()
    expect(grid.get_by_role("button", name="Selasa 09.00")).to_have_attribute(
        "aria-pressed", "true"
    )
    summary = "Selasa 08.00\u201310.00, 13.00\u201314.00, 19.00\u201321.00"  # en dashes
    expect(grid.get_by_text(summary)).to_be_visible()


def test_a_mentor_closes_and_reopens_to_requests(open_app, demo) -> None:
    page = open_app(email="mentor20@rajut.test", path="/profile")
    expect(page.get_by_role("heading", name="Profil saya")).to_be_visible()
    token = stored_token(page)
    demo.graphql("mutation { setOpenForRequests(open: true) }", token=token)
    page.reload()
    mentor = region(page, "Sebagai mentor")
    expect(mentor.get_by_text("terbuka untuk permintaan baru")).to_be_visible()
    mentor.get_by_role("button", name="Tutup untuk permintaan baru").click()
    expect(mentor.get_by_text("tertutup untuk permintaan baru")).to_be_visible()
    assert profile_of(demo, page)["openForRequests"] is False

    page.reload()
    mentor = region(page, "Sebagai mentor")
    expect(mentor.get_by_text("tertutup untuk permintaan baru")).to_be_visible()
    mentor.get_by_role("button", name="Buka lagi untuk permintaan baru").click()
    expect(mentor.get_by_text("terbuka untuk permintaan baru")).to_be_visible()
    assert profile_of(demo, page)["openForRequests"] is True

    mentor.get_by_label("Kapasitas (jumlah mentee sekaligus)").fill("4")
    mentor.get_by_role("button", name="Simpan").click()
    expect(mentor.get_by_role("status").last).to_have_text("Tersimpan")
    assert profile_of(demo, page)["capacity"] == 4


def test_profile_screenshots_and_accessibility(open_app) -> None:
    page = open_app(email="mentor21@rajut.test", path="/profile", viewport=PHONE)
    expect(page.get_by_role("heading", name="Profil saya")).to_be_visible()
    expect(page.get_by_role("region", name="Sebagai mentor")).to_be_visible()
    page.get_by_text("Hapus akun saya", exact=True).click()  # the deletion form too
    check_a11y(page)
    screenshot(page, "profile")
    page.set_viewport_size(DESKTOP)
    expect(page.get_by_role("button", name="Minggu 23.00")).to_be_visible()  # the whole week
    check_a11y(page)
    screenshot(page, "profile")


def test_profile_speaks_english(open_app) -> None:
    page = open_app(email="mentee023@rajut.test", path="/profile")
    expect(page.get_by_role("heading", name="Profil saya")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="My profile")).to_be_visible()
    for name in ("About me", "Weekly availability", "What I want to learn", "Account", "My data"):
        expect(page.get_by_role("region", name=name)).to_be_visible()
    expect(page.get_by_role("button", name="Monday 08:00")).to_have_count(1)
    expect(page.get_by_label("Time zone")).to_be_visible()
    expect(page.get_by_role("button", name="Download my data")).to_be_visible()
    check_a11y(page)


def test_change_password_from_the_profile(open_app, demo) -> None:
    page = open_app(email="mentee024@rajut.test", path="/profile")
    account = region(page, "Akun")
    account.get_by_label("Kata sandi sekarang").fill("bukan kata sandinya")
    account.get_by_label("Kata sandi baru", exact=True).fill("jarum dan benang 2026")
    account.get_by_role("button", name="Ganti kata sandi").click()
    expect(account.get_by_role("alert")).to_be_visible()
    expect(account.get_by_text("Kata sandi ini salah.")).to_be_visible()
    account.get_by_label("Kata sandi sekarang").fill(DEMO_PASSWORD)
    account.get_by_role("button", name="Ganti kata sandi").click()
    expect(account.get_by_text("Kata sandi sudah diganti")).to_be_visible()
    assert demo.login("mentee024@rajut.test", "jarum dan benang 2026")
    # this device stays signed in
    page.reload()
    expect(page.get_by_role("heading", name="Profil saya")).to_be_visible()


def test_download_my_data(open_app) -> None:
    page = open_app(email="mentee025@rajut.test", path="/profile")
    data = region(page, "Data saya")
    with page.expect_download() as download:
        data.get_by_role("button", name="Unduh data saya").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["format"] == "rajut-export/1"
    assert "mentee025@rajut.test" in json.dumps(exported)
    expect(data.get_by_role("status")).to_have_text("Unduhan dimulai.")


def test_delete_my_account(open_app, demo) -> None:
    email = f"baru-{uuid.uuid4().hex[:10]}@rajut.test"
    demo.graphql(
        "mutation($i: RegisterInput!) { register(input: $i) }",
        {"i": {"email": email, "password": DEMO_PASSWORD, "displayName": "Akan Pergi"}},
    )
    page = open_app(email=email, path="/profile")
    data = region(page, "Data saya")
    data.get_by_text("Hapus akun saya", exact=True).click()
    expect(data.get_by_text("tidak bisa dibatalkan")).to_be_visible()
    data.get_by_label("Kata sandi Anda, untuk memastikan").fill("salah sekali")
    data.get_by_label("Saya paham akun saya dihapus untuk selamanya").check()
    data.get_by_role("button", name="Hapus akun saya selamanya").click()
    expect(data.get_by_role("alert")).to_be_visible()
    assert demo.graphql("{ me { email } }", token=stored_token(page))["me"]["email"] == email

    data.get_by_label("Kata sandi Anda, untuk memastikan").fill(DEMO_PASSWORD)
    data.get_by_role("button", name="Hapus akun saya selamanya").click()
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    expect(page.get_by_text("Akun Anda sudah dihapus")).to_be_visible()
    assert stored_token(page) is None
    with pytest.raises(AssertionError, match="wrong"):  # not demo.login: it keeps tokens
        demo.graphql(LOGIN, {"e": email, "p": DEMO_PASSWORD})
