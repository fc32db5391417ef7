"""The staff import: a dry run that lists new, changed and leaving people before anything
changes; a bad cell named by row and column with nothing imported; the same file twice
changes nothing; a file of 5,000 people in a fixed number of queries."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from koers.organisations.models import Functie, Membership, Person, Role, StaffImport, Team
from koers.organisations.selectors import import_plan
from koers.organisations.staff_import import StaffFileError
from koers.staff import services
from tests import factories

pytestmark = pytest.mark.django_db
HEADINGS = ["Personeelsnummer", "Roepnaam", "Voorvoegsel", "Achternaam", "E-mail", "BRIN", "Functie", "Teams", "FTE"]


def _csv(rows, headings=HEADINGS) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headings)
    writer.writerows(rows)
    return SimpleUploadedFile("personeel.csv", ("\ufeff" + out.getvalue()).encode(), content_type="text/csv")


@pytest.fixture
def beheerder(org):
    return factories.user_with_role(Role.BESTUURSBEHEERDER, board=org.board)


@pytest.fixture
def known(org):
    """Two people the HR system knows already: one by number, one by address only."""
    factories.person(org.board, org.school, name="Anna Smit")
    anna = Person.objects.get(first_name="Anna")
    anna.personnel_number, anna.email = "100", "anna@test.example"
    anna.save()
    bert = factories.person(org.board, org.school, name="Bert Kok")
    bert.email = "bert@test.example"
    bert.save()
    return anna, bert


def _upload(client, org, rows, **kwargs):
    return client.post(reverse("staff:board_import", args=[org.board.pk]), {"file": _csv(rows, **kwargs)})


def test_the_dry_run_lists_new_changed_and_leaving_and_changes_nothing(client, org, beheerder, known):
    anna, bert = known
    before = Person.objects.count()
    client.force_login(beheerder)
    response = _upload(
        client,
        org,
        [
            ["100", "Anna", "", "Smit", "anna@test.example", org.school.brin, "Docent LC", "Onderbouw", "0,8"],
            ["200", "Carla", "van", "Dam", "carla@test.example", org.second_school.brin, "leraar LB", "", "1"],
        ],
    )
    assert response.status_code == 302
    page = client.get(response.url)
    body = page.content.decode()
    plan = page.context["plan"]
    assert [r["last_name"] for r in plan.new] == ["van Dam"]
    assert [c.person for c in plan.changed] == [anna]
    changes = {what: (old, new) for what, old, new in plan.changed[0].changes}
    assert changes["functie"] == ("Docent LB", "Docent LC")
    assert changes["fte"] == ("—", "0,80")
    assert bert in plan.leaving
    assert plan.new_teams == [(org.school.pk, "Onderbouw")]
    assert "Docent LB → Docent LC" in body
    assert Person.objects.count() == before  # a dry run writes no person
    assert not Team.objects.filter(name="Onderbouw").exists()


def test_importing_creates_and_changes_people_and_twice_changes_nothing(client, org, beheerder, known):
    anna, bert = known
    client.force_login(beheerder)
    rows = [
        [
            "100",
            "Anna",
            "",
            "Smit",
            "anna@test.example",
            org.school.brin,
            "Docent LC",
            "Onderbouw, Sectie Engels",
            "0,8",
        ],
        ["", "Bert", "", "Kok", "BERT@test.example", org.school.brin, "Docent LB", "", ""],
        ["200", "Carla", "van", "Dam", "carla@test.example", org.second_school.brin, "leraar LB", "", "1"],
    ]
    plan_url = _upload(client, org, rows).url
    response = client.post(plan_url, {})
    assert response.status_code == 302, response.context["errors"]
    anna.refresh_from_db()
    assert anna.functie == Functie.DOCENT_LC and anna.fte == Decimal("0.80")
    assert sorted(anna.teams.values_list("name", flat=True)) == ["Onderbouw", "Sectie Engels"]
    carla = Person.objects.get(last_name="van Dam")
    assert carla.school == org.second_school and carla.personnel_number == "200"
    snapshot = sorted(Person.objects.values_list("id", "first_name", "functie", "fte", "school_id", "email"))
    links = Person.teams.through.objects.count()

    again = client.get(_upload(client, org, rows).url)
    plan = again.context["plan"]
    assert (len(plan.new), len(plan.changed), plan.new_teams) == (0, 0, [])
    assert plan.unchanged == 3
    assert "importing it would change nothing" in again.content.decode().replace("\u2019", "'") or plan.empty
    assert sorted(Person.objects.values_list("id", "first_name", "functie", "fte", "school_id", "email")) == snapshot
    assert Person.teams.through.objects.count() == links


def test_a_bad_position_names_row_and_column_and_imports_nothing(client, org, beheerder):
    client.force_login(beheerder)
    before = (Person.objects.count(), StaffImport.objects.count())
    response = _upload(
        client,
        org,
        [
            ["300", "Dirk", "", "Boer", "dirk@test.example", org.school.brin, "Docent LB", "", ""],
            ["301", "Els", "", "Veen", "els@test.example", org.school.brin, "Conciërge-plus", "", ""],
            ["302", "Fien", "", "Wal", "geen-adres", "99XX", "Docent LB", "", "3"],
        ],
    )
    assert response.status_code == 400
    errors = [str(e) for e in response.context["errors"]]
    assert errors[0].startswith("Rij 3, kolom ‘functie’: ‘Conciërge-plus’ is geen functie die Koers kent")
    assert any(e.startswith("Rij 4, kolom ‘e-mail’") for e in errors)
    assert any(e.startswith("Rij 4, kolom ‘BRIN’") for e in errors)
    assert any(e.startswith("Rij 4, kolom ‘fte’") for e in errors)
    assert "Er is niets geïmporteerd" in response.content.decode()
    assert (Person.objects.count(), StaffImport.objects.count()) == before


def test_a_file_without_the_needed_columns_says_which(client, org, beheerder):
    client.force_login(beheerder)
    response = _upload(client, org, [["Anna", "Smit"]], headings=["Voornaam", "Achternaam"])
    assert response.status_code == 400
    message = str(response.context["errors"][0])
    assert "functie" in message and "e-mail of personeelsnummer" in message and "BRIN" in message


def test_a_school_leader_imports_only_into_their_own_school(client, org, other_org):
    client.force_login(org.schoolleider)
    url = reverse("staff:school_import", args=[org.school.pk])
    moved = factories.person(org.board, org.second_school, name="Gijs Ander")
    moved.email = "gijs@test.example"
    moved.save()
    rows = [
        ["", "Hanna", "", "Vos", "hanna@test.example", "", "Docent LB", "", ""],
        ["", "Gijs", "", "Ander", "gijs@test.example", "", "Docent LB", "", ""],
    ]
    response = client.post(url, {"file": _csv(rows)})
    assert response.status_code == 400
    assert "werkt op een andere school" in str(response.context["errors"][0])
    other = client.post(
        url, {"file": _csv([["", "Ilse", "", "Ree", "ilse@test.example", org.second_school.brin, "LB", "", ""]])}
    )
    assert "is niet uw school" in str(other.context["errors"][0])
    assert client.get(reverse("staff:board_import", args=[org.board.pk])).status_code == 404
    assert client.get(reverse("staff:school_import", args=[org.second_school.pk])).status_code == 404
    assert client.get(reverse("staff:school_import", args=[other_org.school.pk])).status_code == 404


def test_someone_else_cannot_open_or_confirm_a_dry_run(client, org, beheerder, other_org):
    client.force_login(beheerder)
    plan_url = _upload(client, org, [["1", "Jan", "", "Wit", "jan@test.example", org.school.brin, "OOP", "", ""]]).url
    colleague = factories.user_with_role(Role.BESTUURSBEHEERDER, board=org.board)
    client.force_login(colleague)
    assert client.get(plan_url).status_code == 404
    assert client.post(plan_url, {}).status_code == 404
    assert not Person.objects.filter(first_name="Jan").exists()


def test_signing_off_leavers_with_the_import_spares_those_who_own_work(client, org, beheerder, known):
    anna, bert = known
    owner = org.schoolleider.person  # owns the trajectory, and is not in the file
    bert.user = factories.User.objects.create_user("bert-login@test.example", "x")
    bert.save()
    Membership.objects.create(user=bert.user, role=Role.LERAAR, school=org.school)
    client.force_login(beheerder)
    rows = [["100", "Anna", "", "Smit", "anna@test.example", org.school.brin, "Docent LB", "", ""]]
    plan_url = _upload(client, org, rows).url
    client.post(plan_url, {"end_leavers": "on"})
    bert.refresh_from_db()
    owner.refresh_from_db()
    assert bert.left_on is not None and not bert.user.memberships.exists() and not bert.user.is_active
    assert owner.left_on is None
    done = client.get(plan_url)
    assert owner in done.context["waiting"]
    assert beheerder.person.left_on is None  # the one importing is never signed off


def test_an_xlsx_export_reads_like_the_csv(client, org, beheerder):
    book = Workbook()
    book.active.append(["Medewerkernummer", "Voornaam", "Achternaam", "E-mailadres", "BRIN", "Functienaam", "WTF"])
    book.active.append([4711, "Karel", "Appel", "karel@test.example", org.school.brin, "Teamleider", 0.9])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(beheerder)
    upload = SimpleUploadedFile("export.xlsx", buffer.getvalue())
    plan_url = client.post(reverse("staff:board_import", args=[org.board.pk]), {"file": upload}).url
    client.post(plan_url, {})
    karel = Person.objects.get(first_name="Karel")
    assert (karel.personnel_number, karel.functie, karel.fte) == ("4711", Functie.TEAMLEIDER, Decimal("0.90"))


def test_an_account_follows_its_person_to_another_school(client, org, beheerder):
    teacher = org.leraar.person
    teacher.personnel_number = "555"
    teacher.save()
    client.force_login(beheerder)
    rows = [["555", teacher.first_name, "", teacher.last_name, "", org.second_school.brin, "Teamleider", "", ""]]
    client.post(_upload(client, org, rows).url, {})
    roles = set(org.leraar.memberships.values_list("role", "school_id"))
    assert roles == {(Role.TEAMLEIDER, org.second_school.pk)}


def test_the_demo_staff_file_imports_cleanly(catalog, client):
    from django.core.management import call_command

    call_command("load_demo")
    from koers.organisations.models import Board, User

    board = Board.objects.get(name="Stichting Lumen Onderwijs")
    client.force_login(User.objects.get(email="personeel@lumen-onderwijs.example"))
    path = Path(__file__).resolve().parents[2] / "demo" / "personeel-lumen.csv"
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    response = client.post(reverse("staff:board_import", args=[board.pk]), {"file": upload})
    assert response.status_code == 302, response.context["errors"]
    plan = client.get(response.url).context["plan"]
    assert len(plan.new) == 6
    assert sorted(str(c.person) for c in plan.changed) == ["Daan Meijer", "Sanne Kuipers"]
    assert [str(p) for p in plan.leaving] == ["Henk Bosman"]
    assert plan.new_teams == []


def test_five_thousand_people_take_the_same_queries_as_fifty(org):
    def plan_queries(n: int) -> int:
        rows = [
            {
                "row": i + 2,
                "first_name": "Naam",
                "last_name": f"Achternaam {i}",
                "email": f"p{i}@test.example",
                "personnel_number": str(i),
                "brin": org.school.brin,
                "functie": Functie.DOCENT_LB,
                "teams": ["Team A"],
                "fte": "1.00",
                "teaching_since": None,
            }
            for i in range(n)
        ]
        staff_import = StaffImport(board=org.board, created_by=org.bestuurder, file_name="x", rows=rows)
        staff_import.columns = ["email", "first_name", "functie", "last_name", "personnel_number", "teams", "fte"]
        with CaptureQueriesContext(connection) as queries:
            plan = import_plan(staff_import)
        assert len(plan.new) == n
        return len(queries)

    assert plan_queries(50) == plan_queries(5000)


def test_a_stale_dry_run_is_checked_again_and_writes_nothing_when_it_fails(org):
    staff_import = services.start_import(
        board_id=org.board.pk,
        school=org.school,
        by=org.schoolleider,
        file_name="x.csv",
        table=[HEADINGS, ["9", "Lot", "", "Gee", "lot@test.example", "", "OOP", "Nieuw", ""]],
    )
    # Between the dry run and the import, the board gives the number to someone at another school.
    max_hand = factories.person(org.board, org.second_school, name="Max Hand")
    Person.objects.filter(pk=max_hand.pk).update(personnel_number="9")
    with pytest.raises(StaffFileError):
        services.confirm_import(staff_import, end_leavers=False, by=org.schoolleider)
    assert not Team.objects.filter(name="Nieuw").exists()
    assert not Person.objects.filter(first_name="Lot").exists()
    assert StaffImport.objects.get().applied_at is None
