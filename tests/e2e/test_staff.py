"""The staff journey in a real browser: the board's administrator uploads the HR export, reads
the dry run, imports, invites a new teacher; the teacher opens the link from her mail on a
phone, chooses a password and lands on her home page."""

import csv
import io
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from koers.organisations.models import Person, Role
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _staff_file(tmp_path, org) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Personeelsnummer", "Roepnaam", "Achternaam", "E-mail werk", "BRIN", "Functie", "Teams"])
    roos = ["7001", "Roos", "Claassen", "roos.claassen@test.example", org.school.brin, "Docent LB", "Onderbouw"]
    writer.writerow(roos)
    path = tmp_path / "personeel.csv"
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    return str(path)


def test_the_administrator_imports_and_invites_and_the_teacher_activates(login, org, live_server, browser, tmp_path):
    beheerder = factories.user_with_role(Role.BESTUURSBEHEERDER, board=org.board)
    page = login(beheerder)
    page.get_by_role("link", name="Medewerkers", exact=True).click()
    page.get_by_role("link", name="Personeelsbestand importeren").click()
    page.get_by_label("Personeelsbestand (CSV of XLSX)").set_input_files(_staff_file(tmp_path, org))
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_role("heading", name="Controleer voor het importeren")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Roos Claassen"))).to_be_visible()
    assert not Person.objects.filter(first_name="Roos").exists()
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("heading", name="Personeelsbestand geïmporteerd")).to_be_visible()

    page.get_by_role("link", name="Mensen zonder account").click()
    page.get_by_role("link", name="Roos Claassen").click()
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_text("De uitnodiging is verstuurd naar roos.claassen@test.example")).to_be_visible()
    link = re.search(r"https?://\S+/account/activeren/\S+/", mail.outbox[-1].body).group(0)

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    teacher = phone.new_page()
    teacher.goto(link)
    assert "/account/activeren/" in teacher.url and teacher.url.endswith("/account/activeren/")
    expect(teacher.get_by_role("heading", name="Activeer uw account")).to_be_visible()
    teacher.get_by_label(re.compile(r"^Nieuw wachtwoord \(")).fill("Met-Koers-op-weg-9")
    teacher.get_by_label("Nieuw wachtwoord bevestigen").fill("Met-Koers-op-weg-9")
    teacher.get_by_role("button", name="Wachtwoord opslaan en inloggen").click()
    expect(teacher.get_by_role("heading", name="Welkom, Roos")).to_be_visible()
    expect(teacher.get_by_text("Welkom bij Koers. Uw account is klaar")).to_be_visible()
    assert teacher.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()
