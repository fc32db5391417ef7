"""A school goes from its learning-climate scan's development question to a peer visit's final
report, in a real browser: the school leader requests it from the scan's report, the region's
coordinator holds the intake and sets the programme and commission, the chair (an outside
account) notes findings on a phone, and the school reads the report it owns."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from koers.organisations.models import Membership, Region, Role, User
from koers.visits.models import Visit, VisitorProfile
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_school_goes_from_its_scan_to_a_visit_report(login, live_server, org, other_org, catalog):
    midden = Region.objects.get(slug="midden")
    for school in (org.school, other_org.school):
        school.region = midden
        school.save()
    coordinator = User.objects.create_user("regio@regio.example", factories.PASSWORD, full_name="Gerda Hofman")
    Membership.objects.create(user=coordinator, role=Role.REGIOCOORDINATOR, region=midden)
    chair = User.objects.create_user("voorzitter@visitatie.example", factories.PASSWORD, full_name="Hans de Vries")
    peer = User.objects.create_user("peer@visitatie.example", factories.PASSWORD, full_name="Sanne Mulder")
    trained = datetime.date(2025, 3, 1)
    VisitorProfile.objects.create(user=chair, region=midden, kind="voorzitter", trained_on=trained)
    VisitorProfile.objects.create(user=peer, region=midden, trained_on=trained, home_school=other_org.school)
    scan = factories.survey_round(org.school, closed=True, title="Leerklimaat-scan voorjaar")
    for _ in range(3):
        factories.respond(scan, "leraren", 2)

    school = login(org.schoolleider)
    school.goto(live_server.url + reverse("surveys:report", args=[scan.pk]))
    school.get_by_role("link", name="Vraag een collegiale visitatie aan op deze vraag").click()
    expect(school.get_by_label("Ons eigen beeld bij deelvraag 1")).to_contain_text("op een schaal van 1 tot 5")
    school.get_by_role("button", name="De aanvraag versturen").click()
    expect(school.get_by_text("Uw aanvraag is binnen")).to_be_visible()
    visit = Visit.objects.get()

    office = login(coordinator)
    office.get_by_role("link", name=f"De collegiale visitatie van {org.school.name} wacht op de intake").click()
    office.get_by_role("link", name="De intake houden").click()
    office.get_by_label("De vraag is met de school vastgesteld").check()
    office.get_by_role("button", name="Opslaan").click()
    office.get_by_role("link", name="Het programma maken").click()
    office.get_by_role("textbox", name="Van (verplicht)").fill("09:00")
    office.get_by_role("textbox", name="Tot (verplicht)").fill("11:00")
    office.get_by_role("combobox", name="Wat (verplicht)").select_option("lesbezoek")
    office.locator("input[name=sub_questions]").first.check()
    office.get_by_label("Met wie").fill("Acht lessen")
    office.get_by_role("button", name="Aan het programma toevoegen").click()
    office.get_by_label("Dag van de visitatie").fill((datetime.date.today() + datetime.timedelta(days=7)).isoformat())
    office.get_by_role("button", name="Het programma vaststellen").click()
    expect(office.get_by_text("Het programma is vastgesteld")).to_be_visible()
    office.get_by_role("link", name="De commissie samenstellen").click()
    office.get_by_label("Visitator").select_option(label="Hans de Vries (Voorzitter)")
    office.get_by_label("Rol").select_option("voorzitter")
    office.get_by_role("button", name="Aan de commissie toevoegen").click()
    office.get_by_label("Visitator").select_option(label="Sanne Mulder (Peer-visitator)")
    office.get_by_role("button", name="Aan de commissie toevoegen").click()
    office.get_by_role("button", name="De commissie vaststellen en de leden laten weten").click()
    expect(office.get_by_text("De commissie is vastgesteld")).to_be_visible()

    phone = login(chair, width=390)
    phone.get_by_role("link", name=f"Collegiale visitatie van {org.school.name}: lees de vraag").click()
    phone.get_by_role("link", name="Bevindingen noteren").click()
    phone.get_by_label("Deelvraag").select_option(index=1)
    phone.get_by_label("Wat ik zag").fill("In vijf van de acht lessen kozen leerlingen zelf een opdracht.")
    phone.get_by_label("Komt overeen met het beeld van de school?").select_option("deels")
    phone.get_by_role("button", name="Bevinding opslaan").click()
    expect(phone.get_by_text("Uw bevinding is opgeslagen")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.goto(live_server.url + reverse("visits:feedback", args=[visit.pk]))
    phone.get_by_label("Wat de voorzitter zei").fill("Meer keuzeruimte dan de school dacht.")
    phone.get_by_role("button", name="Opslaan en het rapport beginnen").click()
    phone.get_by_label("Advies").first.fill("Laat de bovenbouw zijn aanpak tonen.")
    phone.get_by_role("button", name="Rapport opslaan").click()
    phone.get_by_role("button", name="Het concept naar de school sturen").click()

    school.goto(live_server.url + reverse("home:index"))
    school.get_by_role("link", name="Het conceptrapport van de visitatie").click()
    school.get_by_label("Feitelijke correcties van de school").fill("Het waren acht lessen, niet zes.")
    school.get_by_role("button", name="Onze reactie versturen").click()
    phone.reload()
    phone.get_by_role("button", name="Het rapport definitief maken").click()
    expect(phone.get_by_text("Het rapport is definitief en is van de school")).to_be_visible()

    school.reload()
    expect(school.get_by_text("In vijf van de acht lessen kozen leerlingen zelf een opdracht.")).to_be_visible()
    expect(school.get_by_text("Laat de bovenbouw zijn aanpak tonen.")).to_be_visible()
    with school.expect_download() as download:
        school.get_by_role("link", name="Het rapport als pdf").click()
    assert download.value.suggested_filename.endswith(".pdf")
