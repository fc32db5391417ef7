"""Observing a lesson on a tablet in a real browser: the connection drops halfway, the scores
stay on the device, and after the reconnect exactly one observation is stored."""

import datetime

import pytest
from playwright.sync_api import expect

from koers.observations import services
from koers.observations.models import Observation

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_observer_keeps_the_scores_through_a_dropped_connection_and_stores_one_lesson(login, org, catalog):
    today = datetime.date.today()
    period = services.open_period(
        org.school,
        name="Lesbezoeken najaar",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
        purpose="ontwikkeling",
        observers=[org.teamleider],
        team=None,
        min_per_teacher=2,
        min_cell=5,
        by=org.schoolleider,
    )
    page = login(org.teamleider, width=820)  # a tablet held upright
    page.goto(page.url + f"lesobservaties/{period.pk}/")
    expect(page.get_by_text("Doel: Ontwikkeling")).to_be_visible()
    page.get_by_role("link", name=f"les observeren {org.leraar.person}").click()
    page.get_by_label("Klas").fill("3 havo")
    groups = page.locator("fieldset.score-item")
    half = groups.count() // 2
    for i in range(half):
        groups.nth(i).get_by_label("3 · Eerder sterk dan zwak").check()

    page.context.set_offline(True)
    for i in range(half, groups.count()):
        groups.nth(i).get_by_label("4 · Overtuigend zichtbaar").check()
    groups.nth(0).get_by_label("niet gezien").check()
    page.get_by_role("button", name="Observatie opslaan").click()
    expect(page.get_by_text("Geen verbinding: uw scores staan veilig op dit apparaat")).to_be_visible()
    assert not Observation.objects.exists()

    page.context.set_offline(False)
    page.reload()  # as after closing the tab: the scores come back from the device
    expect(page.get_by_text("Uw scores tot nu toe waren op dit apparaat bewaard")).to_be_visible()
    expect(groups.nth(0).get_by_label("niet gezien")).to_be_checked()
    expect(page.get_by_label("Klas")).to_have_value("3 havo")
    page.get_by_role("button", name="Observatie opslaan").click()
    expect(page.get_by_text("De observatie is opgeslagen")).to_be_visible()
    page.go_back()  # a fresh, empty form: what was sent is not sent again
    expect(page.get_by_label("Klas")).to_have_value("")
    page.get_by_role("button", name="Observatie opslaan").click()
    expect(page.get_by_text("Dit veld is verplicht.").first).to_be_visible()
    observation = Observation.objects.get()
    assert observation.group == "3 havo" and observation.scores.filter(value__isnull=True).count() == 1
    assert observation.scores.filter(value=4).exists()
