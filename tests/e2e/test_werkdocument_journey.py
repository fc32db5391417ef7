"""The first user journey, in a real browser: a school leader starts a trajectory and works
through a subphase of the werkdocument."""

import pytest
from playwright.sync_api import expect

from koers.trajectories.models import Entry, Trajectory

pytestmark = pytest.mark.django_db(transaction=True)

FIRST_QUESTION = "Wat is de strategische visie van uw school?"


def test_a_school_leader_starts_a_trajectory_and_completes_a_subphase(login, org, live_server):
    page = login(org.schoolleider)
    page.get_by_role("link", name=org.school.name).first.click()
    page.get_by_role("link", name="Start een traject").click()

    page.get_by_label("Thema").select_option(label="Meer differentiatie in de klas")
    page.get_by_label("Titel").fill("Differentiatie 2027")
    page.get_by_label("Eigenaar").select_option(label=f"{org.schoolleider.person} (Schoolleider)")
    page.get_by_label(f"{org.leraar.person} (Docent LB)").check()
    page.get_by_role("button", name="Traject starten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Differentiatie 2027")
    expect(page.locator(".subphase-card", has_text="1A")).to_contain_text("0 van 13 vragen beantwoord")

    page.get_by_role("link", name="1A Visie en doelen van de school").click()
    page.evaluate("window.__noReload = true")  # gone if any save reloads the page

    answer = page.get_by_label(FIRST_QUESTION)
    answer.fill("Ieder op koers.\nSamen leren.")
    answer.locator("xpath=ancestor::form").get_by_role("button", name="Opslaan").click()
    expect(answer.locator("xpath=ancestor::form").get_by_text("Opgeslagen ✓")).to_be_visible()
    expect(page.locator("#subphase-progress")).to_contain_text("1 van 13 vragen beantwoord")

    page.get_by_text("Dialoog vastleggen").click()
    page.get_by_label("Onderwerp").fill("Studiedag over de visie")
    page.get_by_label("Docent LC").check()
    page.get_by_label("Uitkomst").fill("Visie herkend")
    page.get_by_role("button", name="Dialoog opslaan").click()
    expect(page.get_by_role("heading", name="Studiedag over de visie")).to_be_visible()
    expect(page.get_by_text("De dialoog is vastgelegd.")).to_be_visible()

    reflection = page.locator("#reflectie")
    reflection.get_by_role("textbox").fill("Visie is helder; doelen nog niet concreet.")
    reflection.get_by_role("button", name="Opslaan").click()
    expect(reflection.get_by_text("Opgeslagen ✓")).to_be_visible()
    expect(page.locator("#subphase-progress")).to_contain_text("Reflectie geschreven")

    page.get_by_role("button", name="Markeer deelfase als afgerond").click()
    expect(page.get_by_text("Deze deelfase is afgerond.")).to_be_visible()
    expect(page.locator("#subphase-progress")).to_contain_text("Afgerond")
    assert page.evaluate("window.__noReload") is True

    page.get_by_role("link", name="Differentiatie 2027").click()
    card = page.locator(".subphase-card", has_text="1A")
    expect(card).to_contain_text("1 van 13 vragen beantwoord")
    expect(card).to_contain_text("Reflectie geschreven")
    expect(card).to_contain_text("Afgerond")
    entry = Entry.objects.get(
        trajectory=Trajectory.objects.get(title="Differentiatie 2027"), key="1a-strategische-visie"
    )
    assert entry.text == "Ieder op koers.\nSamen leren."


def test_a_stale_edit_shows_the_conflict_with_both_texts(login, org, live_server):
    url = f"{live_server.url}/trajecten/{org.trajectory.pk}/1a-visie-en-doelen/"
    leader = login(org.schoolleider)
    teacher = login(org.leraar)
    leader.goto(url)
    teacher.goto(url)

    leader.get_by_label(FIRST_QUESTION).fill("Tekst van de schoolleider")
    leader.get_by_label(FIRST_QUESTION).locator("xpath=ancestor::form").get_by_role("button", name="Opslaan").click()
    expect(leader.get_by_text("Opgeslagen ✓")).to_be_visible()

    teacher.get_by_label(FIRST_QUESTION).fill("Tekst van de leraar")
    form = teacher.locator("#vraag-1a-strategische-visie")
    form.get_by_role("button", name="Opslaan").click()
    expect(form.get_by_role("alert")).to_contain_text("Iemand anders heeft deze tekst opgeslagen")
    expect(form.locator(".saved-text")).to_have_text("Tekst van de schoolleider")
    expect(form.get_by_role("textbox")).to_have_value("Tekst van de leraar")
    assert Entry.objects.get(key="1a-strategische-visie").text == "Tekst van de schoolleider"

    form.get_by_role("button", name="Mijn tekst opslaan").click()
    expect(teacher.locator("#vraag-1a-strategische-visie").get_by_text("Opgeslagen ✓")).to_be_visible()
    assert Entry.objects.get(key="1a-strategische-visie").text == "Tekst van de leraar"


def test_saving_works_with_javascript_off(login, org, live_server):
    page = login(org.leraar, javascript=False)
    page.goto(f"{live_server.url}/trajecten/{org.trajectory.pk}/1a-visie-en-doelen/")
    page.get_by_label(FIRST_QUESTION).fill("Zonder JavaScript")
    page.locator("#vraag-1a-strategische-visie").get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()
    expect(page.get_by_label(FIRST_QUESTION)).to_have_value("Zonder JavaScript")
    expect(page.locator("#subphase-progress")).to_contain_text("1 van 13 vragen beantwoord")


def test_the_werkdocument_fits_a_phone_and_can_be_used_by_keyboard(login, org, live_server):
    page = login(org.bestuurder, width=390)
    for path in (
        "/",
        f"/besturen/{org.board.pk}/",
        f"/scholen/{org.school.pk}/",
        f"/trajecten/{org.trajectory.pk}/",
        f"/trajecten/{org.trajectory.pk}/1b-huidige-en-gewenste-situatie/",
    ):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()


def test_a_save_after_the_session_expired_keeps_the_text_and_says_why(login, org, live_server):
    page = login(org.leraar)
    page.goto(f"{live_server.url}/trajecten/{org.trajectory.pk}/1a-visie-en-doelen/")
    page.get_by_label(FIRST_QUESTION).fill("Lang verhaal dat niet verloren mag gaan")
    page.context.clear_cookies(name="sessionid")  # the session ends while the teacher types

    form = page.locator("#vraag-1a-strategische-visie")
    form.get_by_role("button", name="Opslaan").click()
    expect(form.get_by_role("status")).to_contain_text("Niet opgeslagen: uw sessie is verlopen")
    expect(page.get_by_label(FIRST_QUESTION)).to_have_value("Lang verhaal dat niet verloren mag gaan")
    assert not Entry.objects.exists()
