"""Doe and Ga door in a real browser: plan an activity and see it on the timeline, measure a
goal and watch the signal change, evaluate, start the next cycle, then download the PDF and
open a share link in a fresh browser that never logged in."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import fill_instruments

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_school_carries_its_trajectory_through_the_cycle(login, browser, org, live_server):
    fill_instruments(org.trajectory, org.schoolleider)
    goal = org.trajectory.goals.get()  # "lessen met differentiatie", 40 -> 70 %
    goal.target_date, goal.scale_min, goal.scale_max = datetime.date(2026, 12, 31), 0, 100
    goal.save()
    org.trajectory.start_date = datetime.date(2025, 1, 1)
    org.trajectory.save()
    t = org.trajectory.pk
    page = login(org.schoolleider)

    # 3A: the first activity, then on the timeline.
    page.goto(live_server.url + reverse("plans:plan", args=[t]))
    expect(page.get_by_text("Het plan heeft nog geen activiteiten.")).to_be_visible()
    page.get_by_role("link", name="Eerste activiteit toevoegen").click()
    page.get_by_label("Activiteit (verplicht)").fill("Lesbezoeken")
    page.get_by_label("Fase van het plan").fill("Fase 1: voorbereiden")
    page.get_by_label("Startdatum").fill("2025-09-01")
    page.get_by_label("Einddatum").fill("2025-12-01")
    page.get_by_label("Eigenaar (wie zorgt dat het gebeurt)").select_option(str(org.trajectory.owner.pk))
    page.get_by_label("Uren").fill("40")
    page.get_by_label("Budget (euro)").fill("1200")
    page.get_by_label("Rol van Leidinggevenden").select_option("A")
    page.get_by_role("button", name="Activiteit toevoegen").click()
    expect(page.get_by_text("De activiteit staat in het plan.")).to_be_visible()
    timeline = page.locator("figure", has_text="Tijdlijn van het plan")
    expect(timeline.locator("svg text", has_text="Lesbezoeken")).to_be_visible()
    expect(timeline.locator("svg rect[rx]")).to_have_count(1)

    # 3B: the activity is past its end date; a low measurement puts the goal off course.
    page.get_by_role("link", name="Monitoring (3B)").click()
    expect(page.get_by_text("‘Lesbezoeken’ moest op 1-12-2025 klaar zijn")).to_be_visible()
    page.get_by_role("link", name="Meting toevoegen").click()
    page.get_by_label("Datum van de meting").fill("2026-01-01")
    page.get_by_label("Waarde (%)").fill("41")
    page.get_by_role("button", name="Meting opslaan").click()
    card = page.locator(f"#doel-{goal.pk}")
    expect(card.locator(".badge", has_text="uit koers")).to_be_visible()
    page.get_by_role("link", name="Meting toevoegen").click()
    page.get_by_label("Datum van de meting").fill("2026-01-02")
    page.get_by_label("Waarde (%)").fill("60")
    page.get_by_role("button", name="Meting opslaan").click()
    expect(card.locator(".badge", has_text="op koers")).to_be_visible()
    expect(card.locator("svg circle")).to_have_count(2)
    # Marking the activity done with htmx clears its signal after a reload.
    row = page.locator("tr", has_text="Lesbezoeken")
    row.get_by_label("Status van Lesbezoeken").select_option("klaar")
    row.get_by_role("button", name="Opslaan").click()
    expect(page.locator("tr", has_text="Lesbezoeken").locator(".badge")).to_have_count(0)
    page.reload()
    expect(page.get_by_text("Geen signalen")).to_be_visible()

    # 4: evaluate the goal, then start cycle 2.
    page.get_by_role("link", name="Evaluatie (4)").click()
    page.get_by_role("link", name="Evalueren").click()
    expect(page.get_by_label("Gerealiseerd")).to_have_value("60.00")
    page.get_by_label("Doorgaan").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(f"#doel-{goal.pk}")).to_contain_text("Doorgaan")
    expect(page.locator(".pdca-steps .is-current")).to_have_text("Act (huidige stap)")
    page.get_by_role("link", name="Nieuwe cyclus starten").click()
    page.get_by_role("button", name="Deze cyclus afsluiten en cyclus 2 starten").click()
    expect(page.get_by_text("Cyclus 2 is begonnen.")).to_be_visible()
    expect(page.locator(".pdca-steps .is-current")).to_have_text("Plan (huidige stap)")
    page.get_by_role("link", name="cyclus 1 (geschiedenis)").click()
    expect(page.get_by_text("Cyclus 1, alleen-lezen")).to_be_visible()
    expect(page.locator("form textarea")).to_have_count(0)

    # The report: a PDF to download, and a share link for the MR.
    page.goto(live_server.url + reverse("reports:report", args=[t]))
    page.get_by_role("button", name="PDF maken").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF downloaden").click()
    with open(download.value.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    page.goto(live_server.url + reverse("reports:report", args=[t]))
    page.get_by_label("Voor wie is de link?").fill("MR")
    page.get_by_role("button", name="Link maken").click()
    link = page.get_by_label("De nieuwe link").input_value()
    assert "/gedeeld/" in link

    stranger = browser.new_context()
    try:
        shared = stranger.new_page()
        shared.goto(link)
        expect(shared.get_by_text("Kopie om te lezen")).to_be_visible()
        expect(shared.get_by_role("heading", level=1)).to_have_text(org.trajectory.title)
        expect(shared.get_by_role("button", name="Inloggen")).to_have_count(0)
    finally:
        stranger.close()
    # Withdrawn, the same link shows a clear page and nothing of the school.
    page.get_by_role("button", name="Intrekken").click()
    stranger = browser.new_context()
    try:
        shared = stranger.new_page()
        shared.goto(link)
        expect(shared.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet (meer)")
        expect(shared.get_by_text(org.school.name)).to_have_count(0)
    finally:
        stranger.close()


def test_the_plan_pages_fit_a_phone(login, org, live_server):
    fill_instruments(org.trajectory, org.schoolleider)
    from tests.factories import add_activity

    add_activity(org.trajectory, org.schoolleider, title="Een activiteit met een lange naam")
    page = login(org.schoolleider, width=390)
    for name, ns in (("plan", "plans"), ("monitoring", "plans"), ("evaluation", "plans"), ("report", "reports")):
        page.goto(live_server.url + reverse(f"{ns}:{name}", args=[org.trajectory.pk]))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (name, width)
