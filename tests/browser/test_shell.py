"""The shell: signing in and out, the language switch, deep links, and the offline state."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, check_a11y, screenshot


def test_sign_in_page_signs_in_and_keeps_a_deep_link(open_app) -> None:
    page = open_app(path="/mentorships")
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    check_a11y(page)
    screenshot(page, "sign-in")
    page.get_by_label("Email").fill("mentee010@rajut.test")
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("navigation", name="Menu utama")).to_be_visible()
    expect(page).to_have_url(re.compile(r"#/mentorships$"))  # once the app knows who it is
    page.reload()
    expect(page.get_by_role("link", name="Mentoring saya")).to_have_attribute(
        "aria-current", "page"
    )


def test_a_wrong_password_says_so_and_stays(open_app) -> None:
    page = open_app(path="/signin")
    page.get_by_label("Email").fill("mentee011@rajut.test")
    page.get_by_label("Kata sandi").fill("not the password")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()


def test_language_switch_changes_the_visible_text(open_app) -> None:
    page = open_app(path="/signin")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()


def test_offline_shows_a_banner_until_back_online(open_app) -> None:
    page = open_app(email="mentee012@rajut.test")
    expect(page.get_by_role("navigation", name="Menu utama")).to_be_visible()
    page.context.set_offline(True)
    expect(page.get_by_text("Anda sedang luring")).to_be_visible()
    page.context.set_offline(False)
    expect(page.get_by_text("Anda sedang luring")).to_be_hidden()


def test_sign_out_forgets_the_token(open_app) -> None:
    page = open_app(email="mentee013@rajut.test")
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()


def test_installable_and_the_shell_starts_offline(open_app, demo) -> None:
    page = open_app(email="mentee014@rajut.test")
    expect(page.get_by_role("navigation", name="Menu utama")).to_be_visible()
    manifest = page.evaluate(
        "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())"
    )
    assert manifest["start_url"] == "/#/" and manifest["display"] == "standalone"
    assert manifest["icons"], manifest
    # the service worker has cached the shell: a reload without a network still starts the app
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null")  # clients.claim()
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_text("Anda sedang luring")).to_be_visible()
    expect(page.get_by_role("link", name="Rajut")).to_be_visible()
    page.context.set_offline(False)
    page.reload()
    expect(page.get_by_text("Anda sedang luring")).to_be_hidden()
