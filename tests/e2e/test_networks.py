"""A learning network in a real browser: the procesbegeleider, from outside any board, plans
the network's next meeting and keeps its attendance; a teacher who takes part sees it on her
home page on a phone and opens it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from koers.networks.models import Attendance, Meeting, Network, NetworkMember, ThemeCategory
from koers.organisations.models import Region, User
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_facilitator_plans_a_meeting_and_a_member_sees_it(login, org, catalog):
    network = Network.objects.create(
        name="Jonge leraren binden",
        region=Region.objects.get(slug="midden"),
        theme_category=ThemeCategory.objects.get(slug="shrm"),
        regional_question="Hoe houden we starters vast?",
        status=Network.Status.BEGELEID,
    )
    facilitator = User.objects.create_user("pb@begeleiding.example", factories.PASSWORD, full_name="Monique Sterk")
    NetworkMember.objects.create(network=network, user=facilitator, role=NetworkMember.Role.PROCESBEGELEIDER)
    teacher = NetworkMember.objects.create(network=network, user=org.leraar, school=org.school)
    day = timezone.localdate() + datetime.timedelta(days=7)

    page = login(facilitator)
    page.get_by_role("heading", name="Jonge leraren binden").get_by_role("link").click()
    expect(page.get_by_text("Minder dan vijf scholen (1)")).to_be_visible()
    page.get_by_role("link", name="Een bijeenkomst plannen").click()
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Begin").fill("15:30")
    page.get_by_label("Einde").fill("17:00")
    page.get_by_label("Thema").fill("Inwerken: wat werkt?")
    page.get_by_role("button", name="Plannen").click()
    expect(page.get_by_text("De bijeenkomst is gepland")).to_be_visible()
    page.get_by_label(str(org.leraar)).select_option("afgemeld")
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("De aanwezigheid is opgeslagen")).to_be_visible()
    meeting = Meeting.objects.get()
    assert Attendance.objects.get(meeting=meeting, member=teacher).state == "afgemeld"

    phone = login(org.leraar, width=390)
    item = phone.get_by_role("link", name="Jonge leraren binden komt bijeen op")
    expect(item).to_be_visible()
    item.click()
    expect(phone.get_by_role("heading", name="Inwerken: wat werkt?")).to_be_visible()
    expect(phone.get_by_role("link", name="Zet in mijn agenda (.ics)")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_member_asks_the_network_on_a_phone_and_another_answers(login, live_server, org, catalog):
    network = Network.objects.create(
        name="Jonge leraren binden",
        region=Region.objects.get(slug="midden"),
        theme_category=ThemeCategory.objects.get(slug="shrm"),
        regional_question="Hoe houden we starters vast?",
        status=Network.Status.BEGELEID,
    )
    NetworkMember.objects.create(network=network, user=org.leraar, school=org.school)
    NetworkMember.objects.create(network=network, user=org.schoolleider, school=org.school)

    phone = login(org.leraar, width=390)
    phone.goto(live_server.url + reverse("networks:network", args=[network.pk]))
    phone.get_by_role("link", name="Vragen en gesprek").click()
    expect(phone.get_by_text("Nog niets gevraagd.")).to_be_visible()
    phone.get_by_label("Titel").fill("Hoeveel uren krijgt een starter?")
    phone.get_by_label("Uw vraag of bericht").fill("Bij ons 40 uur in het eerste jaar. En bij jullie?")
    phone.get_by_role("button", name="Plaats").click()
    expect(phone.get_by_text("Uw vraag staat erin")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    laptop = login(org.schoolleider)
    laptop.get_by_role("link", name="Meldingen").click()
    laptop.get_by_role("link", name="vroeg in Jonge leraren binden").first.click()
    laptop.get_by_label("Uw antwoord").fill("Zestig uur, de helft voor lesbezoek.")
    laptop.get_by_role("button", name="Plaats").click()
    expect(laptop.get_by_text("Zestig uur, de helft voor lesbezoek.")).to_be_visible()

    phone.reload()
    expect(phone.get_by_text("Zestig uur, de helft voor lesbezoek.")).to_be_visible()
    phone.get_by_role("button", name="Markeer als beantwoord").click()
    expect(phone.get_by_text("beantwoord", exact=True)).to_be_visible()


def test_members_place_their_crosses_on_a_phone_and_the_meeting_agrees_a_shared_picture(
    login, live_server, org, catalog
):
    from koers.surveys.models import Instrument, Item, Scale
    from koers.surveys.services import answer_network_evaluation

    network = Network.objects.create(
        name="Jonge leraren binden",
        region=Region.objects.get(slug="midden"),
        theme_category=ThemeCategory.objects.get(slug="shrm"),
        regional_question="Hoe houden we starters vast?",
        status=Network.Status.BEGELEID,
    )
    facilitator = User.objects.create_user("pb@begeleiding.example", factories.PASSWORD, full_name="Monique Sterk")
    NetworkMember.objects.create(network=network, user=facilitator, role=NetworkMember.Role.PROCESBEGELEIDER)
    NetworkMember.objects.create(network=network, user=org.leraar, school=org.school)
    others = [
        NetworkMember.objects.create(network=network, user=u, school=org.school)
        for u in (org.schoolleider, org.teamleider)
    ]

    laptop = login(facilitator)
    laptop.goto(live_server.url + reverse("networks:network", args=[network.pk]))
    laptop.get_by_role("link", name="Verdiepende evaluaties").click()
    laptop.get_by_role("link", name="Een verdiepende evaluatie plannen").click()
    laptop.get_by_label("Laatste dag").fill((timezone.localdate() + datetime.timedelta(days=10)).isoformat())
    laptop.get_by_role("button", name="Plannen en de leden laten weten").click()
    expect(laptop.get_by_text("De verdiepende evaluatie is gepland")).to_be_visible()

    phone = login(org.leraar, width=390)
    phone.get_by_role("link", name="Verdiepende evaluatie van Jonge leraren binden").click()
    for group in phone.locator("fieldset.question").all()[:-1]:  # every closed question; the example stays empty
        group.get_by_role("radio").nth(2).check()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="Mijn kruisjes versturen").click()
    expect(phone.get_by_text("Uw kruisjes zijn binnen, zonder uw naam")).to_be_visible()

    evaluation = network.deep_evaluations.get()
    scored = Item.objects.filter(dimension__instrument=Instrument.objects.get(for_networks=True)).exclude(
        scale=Scale.OPEN
    )
    for member, value in zip(others, (5, 6), strict=True):
        answer_network_evaluation(evaluation, member, {i.pk: min(value, len(i.values)) for i in scored})

    laptop.reload()
    laptop.get_by_role("button", name="Nu sluiten en bespreken").click()
    expect(laptop.get_by_role("table", name="Praktijk")).to_be_visible()
    laptop.get_by_role("link", name="Het gedeelde beeld vastleggen").click()
    laptop.get_by_label("Nu: 1a. Onze groepsactiviteiten zijn…").select_option("4")
    laptop.get_by_label("Gewenst: 1a. Onze groepsactiviteiten zijn…").select_option("6")
    laptop.get_by_label("Afspraken die we maken").fill("Om beurten voorbereiden.")
    laptop.get_by_role("button", name="Het gedeelde beeld opslaan").click()
    expect(laptop.get_by_text("Om beurten voorbereiden.")).to_be_visible()
    expect(laptop.get_by_role("table", name="Praktijk").get_by_text("4 → 6")).to_be_visible()


def test_an_outside_facilitator_runs_a_network_from_its_start_meeting_to_its_fifth(login, live_server, org, catalog):
    network = Network.objects.create(
        name="Jonge leraren binden",
        region=Region.objects.get(slug="midden"),
        theme_category=ThemeCategory.objects.get(slug="shrm"),
        regional_question="Hoe houden we starters vast?",
        status=Network.Status.STARTFASE,
    )
    facilitator = User.objects.create_user("pb@begeleiding.example", factories.PASSWORD, full_name="Monique Sterk")
    NetworkMember.objects.create(network=network, user=facilitator, role=NetworkMember.Role.PROCESBEGELEIDER)
    NetworkMember.objects.create(network=network, user=org.leraar, school=org.school)
    page = login(facilitator)
    first = timezone.localdate() - datetime.timedelta(days=150)
    for number in range(1, 7):
        page.goto(live_server.url + reverse("networks:new_meeting", args=[network.pk]))
        if number == 1:
            page.get_by_label("Soort").select_option("startbijeenkomst")
        page.get_by_label("Datum").fill((first + datetime.timedelta(days=30 * number)).isoformat())
        page.get_by_label("Begin").fill("15:30")
        page.get_by_label("Einde").fill("17:00")
        page.get_by_label("Thema").fill(f"Bijeenkomst {number}")
        page.get_by_label("Status").select_option("gehouden" if number < 6 else "gepland")
        page.get_by_role("button", name="Plannen").click()
        if number < 6:
            expect(page.get_by_text("De bijeenkomst is gepland")).to_be_visible()
    # The sixth facilitated meeting is refused at the field; nothing typed is lost.
    expect(page.get_by_text("Dit netwerk heeft al 5 begeleide bijeenkomsten")).to_be_visible()
    expect(page.get_by_label("Thema")).to_have_value("Bijeenkomst 6")
    assert network.meetings.count() == 5
    page.goto(live_server.url + reverse("networks:network", args=[network.pk]))
    expect(page.get_by_text("5 van 5 gehouden")).to_be_visible()
    expect(page.get_by_text("De begeleiding is afgerond")).to_be_visible()
