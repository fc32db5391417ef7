"""The teacher's own career in a real browser: on a phone she walks the career cycle from a role
to goals in her POP and shares the POP with her teamleider, who finds it on his home page; and
the two of them hold a conversation and lock it."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from koers.careers.models import Conversation, Pop, ShareRead, school_year
from koers.organisations.models import Team

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_teacher_walks_the_cycle_into_her_pop_and_shares_it(login, org, catalog):
    Team.objects.create(school=org.school, name="Onderbouw").members.add(org.leraar.person, org.teamleider.person)
    page = login(org.leraar, width=390)
    page.get_by_role("link", name="Mijn ontwikkeling").click()
    page.get_by_role("button", name="Start een loopbaancyclus").click()

    page.get_by_label("De rol die past bij mijn ambities en kwaliteiten").select_option(label="Teamcoach")
    page.get_by_label("Waarom deze rol").fill("Ik help teams graag samen te leren.")
    page.get_by_role("button", name="Mijn keuze opslaan").click()
    expect(page.get_by_text("Uw keuze is opgeslagen")).to_be_visible()
    page.get_by_role("button", name="Ik heb gelezen wat de rol vraagt").click()

    fieldsets = page.locator("form:has(input[name=form][value=assess]) > fieldset")
    expect(fieldsets.first).to_contain_text("Observeren en feedback geven")
    for i in range(fieldsets.count()):
        fieldsets.nth(i).get_by_label("Beginnend").check()
    fieldsets.first.get_by_label("Waar ik naartoe wil").select_option(label="Gevorderd")
    fieldsets.first.get_by_label("Waaruit het blijkt").fill("Twee lesbezoeken bij collega’s.")
    page.get_by_role("button", name="Realiteitstoets opslaan").click()
    expect(page.get_by_text("Uw realiteitstoets is opgeslagen")).to_be_visible()

    page.get_by_label("De ruimte tussen waar ik sta en waar ik wil staan").fill("Ik observeer nog zonder kijkwijzer.")
    page.get_by_role("button", name="Zet de doelen in mijn POP").click()
    expect(page.get_by_role("heading", name="Mijn POP")).to_be_visible()
    expect(page.get_by_text("Observeren en feedback geven: van beginnend naar gevorderd")).to_be_visible()
    pop = Pop.objects.get(person=org.leraar.person)
    assert pop.role.name == "Teamcoach" and pop.goals.count() == 1

    page.get_by_label("Delen met").select_option(label=org.teamleider.full_name)
    page.get_by_role("button", name="Delen", exact=True).click()
    expect(page.get_by_text("kan dit POP nu lezen")).to_be_visible()

    lead = login(org.teamleider)
    lead.get_by_role("link", name=f"Met u gedeeld: POP {pop.school_year} van {org.leraar.person}").click()
    expect(lead.get_by_text("Observeren en feedback geven: van beginnend naar gevorderd")).to_be_visible()
    assert ShareRead.objects.filter(share__pop=pop, share__shared_with=org.teamleider).count() == 1


def test_a_manager_and_a_teacher_hold_and_lock_a_conversation(login, live_server, org, catalog):
    today = datetime.date.today()
    conversation = Conversation.objects.create(
        person=org.leraar.person,
        manager=org.teamleider,
        kind="waarderingsgesprek",
        purpose="ontwikkeling",
        school_year=school_year(today),
        scheduled_on=today,
    )
    teacher = login(org.leraar, width=390)
    teacher.get_by_role("link", name="Waarderingsgesprek met").first.click()
    teacher.get_by_label("Mijn voorbereiding").fill("Ik wil leren coachen.")
    teacher.get_by_role("button", name="Mijn voorbereiding opslaan").click()
    expect(teacher.get_by_text("Uw voorbereiding is opgeslagen")).to_be_visible()

    lead = login(org.teamleider)
    lead.goto(live_server.url + reverse("careers:conversation", args=[conversation.pk]))
    expect(lead.get_by_text("Ik wil leren coachen.")).to_be_visible()
    lead.get_by_label("Gevoerd op").fill(today.isoformat())
    lead.get_by_label("Afspraken", exact=True).fill("Een cursus coachen in het voorjaar.")
    lead.get_by_label("Uren professionalisering").fill("40")
    lead.get_by_label("Coaching ★", exact=True).check()
    lead.get_by_role("button", name="Verslag opslaan").click()
    expect(lead.get_by_text("Het gesprek is vastgelegd")).to_be_visible()
    lead.get_by_role("button", name="Ik ga akkoord met dit verslag").click()

    teacher.reload()
    teacher.get_by_label("Ja").check()
    teacher.get_by_role("button", name="Mijn reactie opslaan").click()
    teacher.get_by_role("button", name="Ik ga akkoord met dit verslag").click()
    lead.reload()
    lead.get_by_role("button", name="Ik ga akkoord met dit verslag").click()
    expect(lead.get_by_text("het gesprek is vergrendeld")).to_be_visible()
    conversation.refresh_from_db()
    assert conversation.locked and conversation.teacher_recognises == "ja"
    assert Pop.objects.get(person=org.leraar.person).hours_agreed == 40


def test_a_teacher_asks_360_feedback_on_her_phone_and_shares_a_link_with_colleagues(login, browser, org, catalog):
    from koers.careers.models import FeedbackRequest

    page = login(org.leraar, width=390)
    page.get_by_role("link", name="Mijn ontwikkeling").click()
    page.get_by_role("link", name="Feedback vragen").click()
    page.get_by_label("Coachen", exact=True).check()
    page.get_by_label("Observeren en feedback geven").check()
    page.get_by_label("Collega’s", exact=True).check()
    page.get_by_label("Uw leidinggevende (met naam)").select_option(label=str(org.teamleider.person))
    page.get_by_role("button", name="Feedbackronde openen").click()
    expect(page.get_by_text("Uw feedbackronde staat twee weken open")).to_be_visible()
    expect(page.get_by_role("row", name=f"Leidinggevende: {org.teamleider.person}")).to_be_visible()

    page.get_by_label("Respondentgroep").select_option(label="Collega’s")
    page.get_by_label("Verwacht aantal respondenten").fill("6")
    page.get_by_role("button", name="Open link maken").click()
    link = page.locator(".share-url code").inner_text()
    asked = FeedbackRequest.objects.get(person=org.leraar.person)
    assert set(asked.competences.values_list("slug", flat=True)) == {"coachen", "observeren"}

    colleague = browser.new_context(viewport={"width": 390, "height": 900}, locale="nl-NL").new_page()
    colleague.goto(link)
    expect(colleague.get_by_text(f"360°-feedback voor {org.leraar.person}").first).to_be_visible()
    colleague.context.close()
