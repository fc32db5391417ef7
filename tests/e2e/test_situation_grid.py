"""The situation map as a grid that saves each row by itself: nothing typed is lost while a
save is under way, and the page is short enough to work in."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from koers.instruments.models import SituationAssessment

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_row_saves_when_a_field_is_left_and_keeps_what_is_typed_next(login, org, live_server):
    page = login(org.schoolleider)
    page.goto(live_server.url + reverse("instruments:situation", args=[org.trajectory.pk]))
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 8000, height  # 24 rows in a grid, not 24 forms of five fields
    row = page.locator("form.situation-row").first

    def saving():
        return page.expect_response(lambda r: "/instrumenten/situatie/" in r.url and r.request.method == "POST")

    row.get_by_label("Huidige situatie").fill("Op studiedagen")
    with saving():
        row.get_by_label("Gewenste situatie").click()  # leaving the field saves the row
        row.get_by_label("Gewenste situatie").type("Ook in de teams")  # typed while the save runs
    expect(row.get_by_role("status")).to_contain_text("Opgeslagen")
    expect(row.get_by_label("Gewenste situatie")).to_have_value("Ook in de teams")
    with saving():
        row.get_by_label("Hoe groot is het verschil?").select_option(label="Groot")
    expect(row.get_by_role("status")).to_contain_text("Opgeslagen")
    saved = SituationAssessment.objects.get()
    assert (saved.current, saved.desired, saved.gap) == ("Op studiedagen", "Ook in de teams", "groot")
    assert page.locator("button", has_text="Opslaan").count() == 0  # no page of buttons


def test_the_grid_fits_a_phone(login, org, live_server):
    page = login(org.schoolleider, width=390)
    page.goto(live_server.url + reverse("instruments:situation", args=[org.trajectory.pk]))
    expect(page.locator("form.situation-row").first.get_by_label("Huidige situatie")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
