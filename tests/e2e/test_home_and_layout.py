"""The home page leads to what needs doing, and the pages fit a phone."""

from playwright.sync_api import expect

from koers.catalog.models import Subphase
from koers.surveys import services as surveys
from tests import factories
from tests.home.test_home import _signals


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_1b_with_survey_results_fits_a_phone_and_puts_the_questions_first(login, org, live_server):
    for title in ("Spiegel 2025", "Leerklimaat 2026"):
        survey = factories.survey_round(org.school, closed=True, title=title)
        for _ in range(3):
            factories.respond(survey, "leraren")
            factories.respond(survey, "oop", default=4)
        surveys.attach_evidence(trajectory=org.trajectory, survey=survey, note="", question="", user=org.schoolleider)
    page = login(org.schoolleider, width=390)
    page.goto(f"{live_server.url}/trajecten/{org.trajectory.pk}/{Subphase.holding('enquetes').slug}/")
    expect(page.get_by_role("heading", name="Leerklimaat 2026")).to_be_visible()
    assert _fits(page), page.evaluate("document.documentElement.scrollWidth")
    order = page.evaluate(
        "[document.getElementById('h-questions'), document.getElementById('enquetes')]"
        ".map(h => h.getBoundingClientRect().top + window.scrollY)"
    )
    assert order[0] < order[1], "the survey results come after the questions"


def test_the_home_page_leads_a_school_leader_to_what_needs_doing(login, org, live_server):
    _signals(org.trajectory, org.schoolleider)
    for width in (1280, 390):
        page = login(org.schoolleider, width=width)
        expect(page.get_by_role("heading", name="Wat vraagt uw aandacht")).to_be_visible()
        assert _fits(page)
        page.get_by_role("link", name="1 doel uit koers").click()
        expect(page.get_by_role("heading", name="Monitoring", exact=False).first).to_be_visible()
        page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Start").click()
        expect(page.get_by_role("link", name="Start")).to_have_attribute("aria-current", "page")
