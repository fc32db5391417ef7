"""Two-step verification and a person's data in a real browser: a teacher switches it on by
typing the key shown, logs in again with password and code on a phone, and downloads their
data; the school leader reads the access log."""

import pytest
from playwright.sync_api import expect

from koers import totp
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_teacher_switches_on_two_step_verification_and_logs_in_with_a_code(login, org, live_server):
    page = login(org.leraar)
    page.get_by_role("link", name="Mijn account").click()
    page.get_by_role("link", name="Tweestapsverificatie instellen").click()
    expect(page.locator(".qr svg")).to_be_visible()
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    page.get_by_label("Code").fill(totp.code_at(secret, totp.current_step()))
    page.get_by_role("button", name="Aanzetten").click()
    expect(page.get_by_role("heading", name="Tweestapsverificatie staat aan")).to_be_visible()
    assert page.locator(".recovery-codes code").count() == 10
    page.get_by_role("button", name=f"{org.leraar.get_short_name()} uitloggen").click()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("E-mailadres").fill(org.leraar.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Typ de code uit uw app")).to_be_visible()
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
    page.get_by_label("Code").fill(totp.code_at(secret, totp.current_step() + 1))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/account/mijn-gegevens/")
    expect(page.get_by_role("heading", name="Mijn gegevens")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden als pdf").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_the_school_leader_sees_who_read_the_report(login, org, live_server):
    page = login(org.schoolleider)
    page.goto(f"{live_server.url}/trajecten/{org.trajectory.pk}/rapport/")
    page.goto(f"{live_server.url}/scholen/{org.school.pk}/")
    page.get_by_role("link", name="Inzagelog").click()
    row = page.get_by_role("row").filter(has_text="Trajectrapport gelezen")
    expect(row).to_contain_text(org.trajectory.title)
    expect(row).to_contain_text(org.schoolleider.get_full_name())
