"""A survey round in a real browser: the beheerder sets it up and sends the invitations, a
teacher answers on a phone, stops halfway and resumes by the same link, and the beheerder
follows the response per group and reads the report once the round is closed."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from koers.surveys.models import Round
from tests.factories import respond

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def _answer_page(page, label="Eens"):
    for group in page.locator("fieldset.question").all():
        radios = group.get_by_label(label, exact=True)
        if radios.count():
            radios.first.check()


def test_a_round_from_setup_to_report(login, browser, org, live_server):
    page = login(org.schoolleider)
    page.goto(f"{live_server.url}/scholen/{org.school.pk}/")
    page.locator("main").get_by_role("link", name="Enquêtes").click()
    expect(page.get_by_text("Nog geen enquêterondes.")).to_be_visible()
    page.get_by_role("link", name="Nieuwe ronde").click()
    page.get_by_role("link", name="Leerklimaat-scan").click()
    page.get_by_label("Titel").fill("Leerklimaat najaar")
    page.get_by_label("Minimale groepsgrootte").fill("3")
    page.get_by_role("button", name="Ronde aanmaken").click()
    expect(page.get_by_text("De ronde staat klaar.")).to_be_visible()

    page.get_by_role("group", name="Nodig de medewerkers van deze groepen uit").get_by_label("Leraren").check()
    page.get_by_role("button", name="Toevoegen aan de uitnodigingen").click()
    expect(page.get_by_text("2 toegevoegd, 0 waren al uitgenodigd.")).to_be_visible()
    page.get_by_role("button", name="2 uitnodigingen versturen").click()
    expect(page.get_by_text("Uitnodigingen verstuurd: 2.")).to_be_visible()
    assert len(mail.outbox) == 2
    link = re.search(r"(http://\S+/enquete/\S+/)", mail.outbox[0].body).group(1)

    # A teacher on a phone answers the first part, starts the second, and stops.
    phone = browser.new_context(viewport=PHONE, locale="nl-NL")
    answer = phone.new_page()
    answer.goto(link)
    expect(answer.get_by_text("Uw antwoorden zijn anoniem.")).to_be_visible()
    answer.get_by_role("link", name="Beginnen").click()
    expect(answer.get_by_text("Deel 1 van 7")).to_be_visible()
    answer.get_by_role("button", name="Volgende").click()  # nothing chosen yet
    expect(answer.get_by_text("Kies een antwoord op deze vraag.").first).to_be_visible()
    _answer_page(answer)
    answer.get_by_role("button", name="Volgende").click()
    expect(answer.get_by_text("Deel 2 van 7")).to_be_visible()
    first_question = answer.locator("fieldset.question").first
    first_question.get_by_label("Helemaal eens", exact=True).check()
    assert answer.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    answer.get_by_role("button", name="Opslaan en later verder").click()
    expect(answer.get_by_text("Uw antwoorden zijn bewaard.")).to_be_visible()
    phone.close()

    # Later, on another phone: the same link resumes where they left off.
    phone = browser.new_context(viewport=PHONE, locale="nl-NL")
    answer = phone.new_page()
    answer.goto(link)
    answer.get_by_role("link", name="Verder waar u was").click()
    expect(answer.get_by_text("Deel 2 van 7")).to_be_visible()
    expect(answer.locator("fieldset.question").first.get_by_label("Helemaal eens", exact=True)).to_be_checked()
    for _part in range(2, 8):
        _answer_page(answer)
        answer.get_by_role("button", name=re.compile("Volgende|Controleren en versturen")).click()
    expect(answer.get_by_text("Alle 18 verplichte vragen hebben een antwoord.")).to_be_visible()
    answer.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(answer.get_by_role("heading", name="Dank u wel voor uw antwoorden")).to_be_visible()
    answer.goto(link)
    expect(answer.get_by_role("heading", name="Deze link is al gebruikt")).to_be_visible()
    phone.close()

    # The beheerder sees the interim count per group, closes the round and reads the report.
    page.reload()
    leraren = page.get_by_role("row", name=re.compile("^Leraren"))
    expect(leraren).to_contain_text("2")
    expect(leraren.get_by_role("cell").nth(1)).to_have_text("1")
    survey = Round.objects.get()
    respond(survey, "leraren"), respond(survey, "leraren")
    page.get_by_role("button", name="Ronde nu sluiten").click()
    expect(page.get_by_text("De ronde is gesloten. Het rapport staat klaar.")).to_be_visible()
    page.get_by_role("link", name="Rapport openen").click()
    expect(page.get_by_role("heading", name="Rapport: Leerklimaat najaar")).to_be_visible()
    expect(page.get_by_text("3 respondenten in het rapport: Leraren.")).to_be_visible()
    expect(page.get_by_role("img", name="Gemiddelde per dimensie en groep")).to_be_visible()
    expect(page.get_by_role("heading", name="Voorgestelde ontwikkelvraag")).to_be_visible()


def test_a_parent_answers_on_a_phone_in_english_and_switches_back_halfway(browser, org, live_server):
    """Issue 18 item 6: the questionnaire in each language at 390 px, answers kept across a
    switch, and no page wider than the phone."""
    from tests.factories import invite, survey_round

    survey = survey_round(org.school, groups=("ouders",))
    token = invite(survey, "ouder@s.example", group="ouders")
    phone = browser.new_context(viewport=PHONE, locale="nl-NL")
    answer = phone.new_page()
    answer.goto(f"{live_server.url}/enquete/{token}/")
    expect(answer.get_by_text("Uw antwoorden zijn anoniem.")).to_be_visible()
    answer.get_by_role("button", name="English").click()
    expect(answer.get_by_text("Your answers are anonymous.")).to_be_visible()
    answer.get_by_role("link", name="Begin the questionnaire").click()
    expect(answer.get_by_role("heading", name="High expectations")).to_be_visible()
    expect(answer.get_by_text("Part 1 of 7")).to_be_visible()
    assert answer.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _answer_page(answer, "Agree")
    answer.get_by_role("button", name="Next").click()
    answer.get_by_role("button", name="Nederlands").click()
    expect(answer.get_by_role("heading", name="Uitdagend onderwijs")).to_be_visible()
    assert answer.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    answer.get_by_role("button", name="Vorige").click()
    expect(answer.locator("fieldset.question").first.get_by_label("Eens", exact=True)).to_be_checked()
    answer.get_by_role("button", name="Volgende").click()
    for _part in range(2, 8):
        _answer_page(answer, "Weet niet / n.v.t.")
        answer.get_by_role("button", name=re.compile("Volgende|Controleren en versturen")).click()
    answer.get_by_role("button", name="English").click()
    answer.get_by_role("button", name="Send my answers").click()
    expect(answer.get_by_role("heading", name="Thank you for your answers")).to_be_visible()
    stored = survey.responses.get().answers
    assert stored.filter(value=4).count() == 3 and stored.filter(value=-1).count() == 15
