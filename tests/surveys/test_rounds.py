"""A schoolbeheerder sets up a round, invites people by the staff list or a file, sends the
e-mails and reminders, and follows the response per group, never per person."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from koers.organisations.models import Functie, Role
from koers.surveys.models import Instrument, Invitation, Round
from koers.tokens import hash_token
from tests.factories import invite, person, respond, survey_round, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(org):
    return user_with_role(Role.SCHOOLBEHEERDER, school=org.school)


def _new_round_url(org, slug="shrm-spiegel"):
    return reverse("surveys:new_round", args=[org.school.pk, Instrument.objects.get(slug=slug).pk])


def test_a_new_round_gets_three_weeks_and_a_minimum_of_five(client, org, beheerder):
    client.force_login(beheerder)
    page = client.get(_new_round_url(org)).content.decode()
    today = timezone.localdate()
    assert f'value="{today:%Y-%m-%d}"' in page
    assert f'value="{today + datetime.timedelta(days=20):%Y-%m-%d}"' in page
    assert 'name="min_group_size" value="5"' in page
    response = client.post(
        _new_round_url(org),
        {
            "title": "Spiegel 2027",
            "modules": ["leercultuur"],
            "groups": ["leraren", "oop"],
            "opens_on": today,
            "closes_on": today + datetime.timedelta(days=20),
            "min_group_size": 5,
        },
    )
    survey = Round.objects.get()
    assert response.url == reverse("surveys:round", args=[survey.pk])
    assert survey.modules == ["amo", "leercultuur"]  # the required module always comes along
    assert sorted(survey.groups.values_list("slug", flat=True)) == ["leraren", "oop"]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("min_group_size", 2, "De minimale groepsgrootte is minstens 3"),
        ("closes_on", -1, "De laatste dag valt op of na de eerste dag."),
        ("opens_on", -3, "Een ronde kan niet in het verleden openen."),
        ("groups", [], "Dit veld is verplicht."),
    ],
)
def test_a_bad_round_is_refused_at_the_field_and_nothing_is_made(client, org, beheerder, field, value, message):
    client.force_login(beheerder)
    today = timezone.localdate()
    data = {
        "title": "Spiegel",
        "groups": ["leraren"],
        "opens_on": today,
        "closes_on": today + datetime.timedelta(days=20),
        "min_group_size": 5,
    }
    data[field] = today + datetime.timedelta(days=value) if field in ("opens_on", "closes_on") else value
    response = client.post(_new_round_url(org), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'value="Spiegel"' in response.content.decode()  # what was typed stays
    assert not Round.objects.exists()


def test_a_teacher_cannot_run_surveys(client, org):
    client.force_login(org.leraar)
    assert client.get(reverse("surveys:rounds", args=[org.school.pk])).status_code == 404
    assert client.get(_new_round_url(org)).status_code == 404


def test_staff_are_invited_in_the_group_of_their_position(client, org, beheerder):
    survey = survey_round(org.school, groups=["leraren", "oop"])
    person(org.board, org.school, Functie.OOP, name="Olga Oop").__class__.objects.filter(last_name="Oop").update(
        email="olga@test.example"
    )
    person(org.board, org.school, Functie.DOCENT_LB, name="Zonder Adres")
    client.force_login(beheerder)
    response = client.post(
        reverse("surveys:invite_staff", args=[survey.pk]), {"groups": ["leraren", "oop"]}, follow=True
    )
    invited = dict(survey.invitations.values_list("email", "group__slug"))
    assert invited["olga@test.example"] == "oop"
    assert invited[org.leraar.email] == "leraren"
    assert org.schoolleider.email not in invited  # directie is not asked in this round
    assert "Zonder Adres: geen e-mailadres" in response.content.decode()
    client.post(reverse("surveys:invite_staff", args=[survey.pk]), {"groups": ["leraren"]})
    assert survey.invitations.count() == len(invited)  # nobody twice


def _upload(client, survey, name, content):
    return client.post(reverse("surveys:upload", args=[survey.pk]), {"file": SimpleUploadedFile(name, content)})


def test_a_csv_and_an_xlsx_file_of_addresses_are_imported(client, org, beheerder):
    from openpyxl import Workbook

    survey = survey_round(org.school)
    client.force_login(beheerder)
    csv = "e-mail;groep\nann@school.example;Leraren\nbob@school.example;OOP\n\n"
    assert _upload(client, survey, "lijst.csv", csv.encode()).status_code == 302
    book = Workbook()
    book.active.append(["Groep", "E-mail"])
    book.active.append(["leerlingen", "Cas@School.example"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert _upload(client, survey, "lijst.xlsx", buffer.getvalue()).status_code == 302
    assert dict(survey.invitations.values_list("email", "group__slug")) == {
        "ann@school.example": "leraren",
        "bob@school.example": "oop",
        "cas@school.example": "leerlingen",
    }


@pytest.mark.parametrize(
    "content, message",
    [
        (
            "e-mail;groep\nann@school.example;Leraren\ngeen-adres;Leraren\n",
            "Rij 3, kolom “e-mail”: “geen-adres” is geen e-mailadres.",
        ),
        (
            "e-mail;groep\nann@school.example;Leraren\nbob@school.example;Koks\n",
            "Rij 3, kolom “groep”: “Koks” is geen groep van deze ronde",
        ),
        (
            "e-mail;groep\nann@school.example;Leraren\nANN@school.example;OOP\n",
            "Rij 3, kolom “e-mail”: ann@school.example staat ook op rij 2.",
        ),
        ("adres;groep\nann@school.example;Leraren\n", "Rij 1: de kolom “e-mail” ontbreekt"),
    ],
)
def test_a_file_with_a_bad_row_names_it_and_imports_nothing(client, org, beheerder, content, message):
    survey = survey_round(org.school)
    client.force_login(beheerder)
    response = _upload(client, survey, "lijst.csv", content.encode())
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not survey.invitations.exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("lijst.xlsx", b"dit is geen spreadsheet"),
        ("lijst.pdf", b"%PDF-1.4"),
        ("leeg.csv", b""),
    ],
)
def test_a_malformed_upload_is_refused(client, org, beheerder, name, content):
    survey = survey_round(org.school)
    client.force_login(beheerder)
    response = _upload(client, survey, name, content)
    assert response.status_code == 400
    assert 'class="field-errors"' in response.content.decode()
    assert not survey.invitations.exists()


def _link_in(message) -> str:
    return re.search(r"http://testserver(/enquete/[^/\s]+/)", message.body).group(1)


def test_invitations_go_out_once_with_a_personal_link_that_is_only_stored_hashed(client, org, beheerder):
    survey = survey_round(org.school)
    Invitation.objects.bulk_create(
        [
            Invitation(round=survey, group=survey.groups.get(slug="leraren"), email=f"l{i}@school.example")
            for i in range(3)
        ]
    )
    client.force_login(beheerder)
    client.post(reverse("surveys:send", args=[survey.pk]))
    assert len(mail.outbox) == 3
    message = mail.outbox[0]
    assert "Leerklimaat-scan" in message.subject and org.school.name in message.subject
    token = _link_in(message).split("/")[2]
    stored = survey.invitations.get(email=message.to[0])
    assert list(stored.links.values_list("token_hash", flat=True)) == [hash_token(token)]
    assert client.get(_link_in(message)).status_code == 302  # traded for a cookie
    client.post(reverse("surveys:send", args=[survey.pk]))
    assert len(mail.outbox) == 3  # nothing is sent twice


def test_reminders_go_only_to_those_who_have_not_responded(client, org, beheerder):
    survey = survey_round(org.school)
    group = survey.groups.get(slug="leraren")
    Invitation.objects.bulk_create(
        [Invitation(round=survey, group=group, email=e) for e in ("a@s.example", "b@s.example")]
    )
    client.force_login(beheerder)
    client.post(reverse("surveys:send", args=[survey.pk]))
    first_link = _link_in(next(m for m in mail.outbox if m.to == ["b@s.example"]))
    survey.invitations.filter(email="a@s.example").update(responded=True)
    mail.outbox.clear()
    client.post(reverse("surveys:remind", args=[survey.pk]))
    assert [m.to for m in mail.outbox] == [["b@s.example"]]
    assert mail.outbox[0].subject.startswith("Herinnering")
    # Both links work: answers saved with the first open only with the first.
    assert client.get(first_link).status_code == 302
    assert client.get(_link_in(mail.outbox[0])).status_code == 302
    assert "eerdere e-mail" in mail.outbox[0].body


def test_the_round_page_shows_counts_per_group_and_no_names(client, org, beheerder, django_assert_max_num_queries):
    survey = survey_round(org.school)
    group = survey.groups.get(slug="leraren")
    Invitation.objects.bulk_create(
        [Invitation(round=survey, group=group, email=f"p{i}@s.example", responded=i < 2) for i in range(4)]
    )
    respond(survey, "leraren"), respond(survey, "leraren"), respond(survey, "leerlingen")
    client.force_login(beheerder)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("surveys:round", args=[survey.pk])).content.decode()
    assert "p0@s.example" not in page and "p3@s.example" not in page
    row = re.search(r"Leraren</th>\s*<td>(\d+)</td><td>(\d+)</td>", page)
    assert row.groups() == ("4", "2")
    assert "50%" in page


def test_closing_early_and_extending(client, org, beheerder):
    survey = survey_round(org.school)
    client.force_login(beheerder)
    client.post(reverse("surveys:close", args=[survey.pk]))
    survey.refresh_from_db()
    today = timezone.localdate()
    assert survey.state(today) == Round.State.CLOSED and survey.closed_early_on == today
    assert survey.finalised  # closed for good: who responded is forgotten at once
    assert client.get(reverse("surveys:report", args=[survey.pk])).status_code == 200
    response = client.post(
        reverse("surveys:extend", args=[survey.pk]), {"closes_on": today + datetime.timedelta(days=7)}
    )
    assert response.status_code == 400
    assert "Een gesloten ronde kan niet worden verlengd" in response.content.decode()
    survey.refresh_from_db()
    assert survey.state(today) == Round.State.CLOSED


def test_an_open_round_is_extended_to_a_later_day(client, org, beheerder):
    survey = survey_round(org.school)
    client.force_login(beheerder)
    today = timezone.localdate()
    response = client.post(
        reverse("surveys:extend", args=[survey.pk]), {"closes_on": survey.closes_on - datetime.timedelta(days=1)}
    )
    assert response.status_code == 400
    assert "Kies een laatste dag na de huidige." in response.content.decode()
    client.post(
        reverse("surveys:extend", args=[survey.pk]), {"closes_on": survey.closes_on + datetime.timedelta(days=7)}
    )
    assert Round.objects.get(pk=survey.pk).closes_on == survey.closes_on + datetime.timedelta(days=7)
    assert Round.objects.get(pk=survey.pk).state(today) == Round.State.OPEN


def test_the_rounds_list_paginates_and_has_an_empty_state(client, org, beheerder):
    client.force_login(beheerder)
    url = reverse("surveys:rounds", args=[org.school.pk])
    assert "Nog geen enquêterondes." in client.get(url).content.decode()
    for n in range(21):
        survey_round(org.school, title=f"Ronde {n}")
    page = client.get(url).content.decode()
    assert "Pagina 1 van 2" in page


def test_an_instrument_without_questions_cannot_start_a_round(client, org, beheerder):
    empty = Instrument.objects.create(slug="leeg", name="Nog leeg", summary="In opbouw.")
    empty.groups.set(Instrument.objects.get(slug="teamleren").groups.all())
    client.force_login(beheerder)
    today = timezone.localdate()
    response = client.post(
        reverse("surveys:new_round", args=[org.school.pk, empty.pk]),
        {
            "title": "Proef",
            "groups": ["leraren"],
            "opens_on": today,
            "closes_on": today + datetime.timedelta(days=20),
            "min_group_size": 5,
        },
    )
    assert response.status_code == 400
    assert "Deze vragenlijst heeft nog geen vragen" in response.content.decode()
    assert not Round.objects.exists()


def test_a_deleted_round_disappears_with_its_links_and_an_admin_restores_it(client, org, beheerder, admin_client):
    from koers.surveys import services

    survey = survey_round(org.school, title="Verkeerde ronde")
    token = invite(survey, group="leraren")
    client.force_login(beheerder)
    url = reverse("surveys:delete", args=[survey.pk])
    assert "Het rapport verdwijnt" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "De ronde is verwijderd." in response.content.decode()
    assert "Verkeerde ronde" not in response.content.decode()
    assert client.get(reverse("surveys:round", args=[survey.pk])).status_code == 404
    assert client.get(reverse("surveys:link", args=[token])).status_code == 404
    admin_client.post(reverse("admin:surveys_round_changelist"), {"action": "restore", "_selected_action": [survey.pk]})
    assert client.get(reverse("surveys:round", args=[survey.pk])).status_code == 200
    assert client.get(reverse("surveys:link", args=[token])).status_code == 302
    survey.refresh_from_db()
    survey.deleted_at = timezone.now() - datetime.timedelta(days=31)
    survey.save()
    with pytest.raises(services.ValidationError, match="30"):
        services.restore_round(survey=survey)
