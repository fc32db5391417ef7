"""The AVG duties: a person's own data and a privacy officer's export, erasure with handover,
and the access log of sensitive reads, each only inside the officer's schools."""

import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from koers.instruments.models import Stakeholder
from koers.organisations.models import AccessRecord, Membership, Person
from koers.surveys.models import Invitation
from koers.trajectories.models import Trajectory
from tests.factories import PASSWORD, invite, survey_round
from tests.pdfs import assert_tagged
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()


def _stakeholder(trajectory, **values):
    base = {
        "name": "MR",
        "kind": "intern",
        "interest": 3,
        "influence": 3,
        "alignment": "gelijk",
        "trust": "betrouwbaar",
    }
    return Stakeholder.objects.create(trajectory=trajectory, **(base | values))


def test_a_teacher_downloads_their_own_data_as_json_and_a_readable_pdf(client, org):
    client.force_login(org.leraar)
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert "Mijn gegevens" in page and org.trajectory.title in page
    joined = timezone.localtime(org.leraar.date_joined)
    assert f"{joined.day} {MONTHS[joined.month - 1]} {joined.year} {joined:%H:%M}" in page  # local time, Dutch
    data = json.loads(client.get(reverse("privacy:my_data_export", args=["json"])).content)
    assert data["account"]["email"] == org.leraar.email
    assert "previous_login" in data["account"]  # what the home page keeps is in the export too
    assert [t["trajectory"] for t in data["trajectories_taking_part"]] == [org.trajectory.title]
    assert data["trajectories_owned"] == []
    response = client.get(reverse("privacy:my_data_export", args=["pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert_tagged(response.content)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Persoonsgegevens in Koers" in text and org.leraar.email in text
    assert client.get(reverse("privacy:my_data_export", args=["xml"])).status_code == 404


def test_the_school_leader_exports_a_colleague_and_the_read_is_logged(client, org):
    client.force_login(org.schoolleider)
    person = org.leraar.person
    listing = client.get(reverse("privacy:people"), {"q": person.last_name}).content.decode()
    assert str(person) in listing and str(org.bystander.person) not in listing
    data = json.loads(client.get(reverse("privacy:person_export", args=[person.pk, "json"])).content)
    assert data["person"]["last_name"] == person.last_name
    record = AccessRecord.objects.get(kind=AccessRecord.Kind.PERSONAL_DATA)
    assert (record.user, record.school, record.board) == (org.schoolleider, org.school, org.board)


def test_people_outside_the_officers_schools_are_not_found(client, org, other_org):
    client.force_login(org.leraar)
    assert client.get(reverse("privacy:people")).status_code == 404
    assert client.get(reverse("privacy:person", args=[org.bystander.person.pk])).status_code == 404
    client.force_login(org.schoolleider)
    stranger = other_org.leraar.person
    assert client.get(reverse("privacy:person", args=[stranger.pk])).status_code == 404
    assert client.get(reverse("privacy:person_export", args=[stranger.pk, "json"])).status_code == 404
    assert client.post(reverse("privacy:erase", args=[stranger.pk]), {"confirm": "on"}).status_code == 404
    assert Person.objects.get(pk=stranger.pk).erased_at is None


def test_erasing_an_owner_needs_a_successor_and_hands_everything_over(client, org):
    leader = org.schoolleider
    person = leader.person
    survey = survey_round(org.school, groups=["leraren"])
    invite(survey, leader.email, "leraren")
    _stakeholder(org.trajectory, name=f"{person.first_name} {person.last_name}", role="voorzitter")
    client.force_login(org.bestuurder)
    url = reverse("privacy:erase", args=[person.pk])

    refused = client.post(url, {"confirm": "on"})
    assert refused.status_code == 400
    assert "kies wie ze overneemt" in refused.content.decode()
    assert Person.objects.get(pk=person.pk).erased_at is None and Membership.objects.filter(user=leader).exists()

    successor = org.teamleider.person
    response = client.post(url, {"confirm": "on", "successor": successor.pk}, follow=True)
    page = response.content.decode()
    assert "Nog met de hand aanpassen" in page and "Stakeholder" in page and org.trajectory.title in page
    assert Trajectory.objects.get(pk=org.trajectory.pk).owner == successor
    person.refresh_from_db(), leader.refresh_from_db()
    assert person.erased_at is not None and person.user is None and person.email == ""
    assert person.last_name not in leader.email and not leader.is_active
    assert not Membership.objects.filter(user=leader).exists()
    assert not Invitation.objects.filter(round=survey).exists()
    assert not client.login(username=leader.email, password=PASSWORD)
    record = AccessRecord.objects.get(kind=AccessRecord.Kind.ERASURE)
    assert "Gewist" not in record.subject and str(person.pk) in record.subject
    assert client.get(reverse("privacy:person", args=[person.pk])).status_code == 404


def test_erasure_asks_for_confirmation_in_dutch(client, org):
    client.force_login(org.schoolleider)
    response = client.post(reverse("privacy:erase", args=[org.bystander.person.pk]), {})
    assert response.status_code == 400 and "Dit veld is verplicht" in response.content.decode()
    assert Person.objects.get(pk=org.bystander.person.pk).erased_at is None


def test_an_officer_cannot_erase_themselves(client, org):
    client.force_login(org.schoolleider)
    response = client.post(
        reverse("privacy:erase", args=[org.schoolleider.person.pk]),
        {"confirm": "on", "successor": org.teamleider.person.pk},
    )
    assert response.status_code == 400 and "uzelf" in response.content.decode()
    assert Person.objects.get(pk=org.schoolleider.person.pk).erased_at is None


def test_sensitive_reads_are_in_the_schools_access_log(client, org, other_org):
    import datetime

    from koers.reports import services as reports
    from tests.factories import respond

    survey = survey_round(org.school, groups=["leraren"], closed=True)
    respond(survey, "leraren")
    _link, token = reports.create_share_link(
        trajectory=org.trajectory,
        user=org.schoolleider,
        label="MR",
        expires_on=datetime.date.today() + datetime.timedelta(days=7),
        include_stakeholders=False,
    )
    client.force_login(org.schoolleider)
    client.get(reverse("surveys:report", args=[survey.pk]))
    client.get(reverse("surveys:export", args=[survey.pk, "csv"]))
    client.get(reverse("reports:report", args=[org.trajectory.pk]))
    client.logout()
    client.get(reverse("reports:share_entry", args=[token]))
    kinds = set(AccessRecord.objects.filter(school=org.school).values_list("kind", flat=True))
    assert kinds == {"survey_report", "survey_export", "trajectory_report", "share_open"}

    client.force_login(org.schoolleider)
    page = client.get(reverse("privacy:school_log", args=[org.school.pk])).content.decode()
    assert "Gedeelde link geopend" in page and "iemand met de link" in page and survey.title in page
    board_page = client.get(reverse("privacy:board_log", args=[org.board.pk]))
    assert board_page.status_code == 404  # a school leader does not see the board's log
    client.force_login(org.bestuurder)
    assert survey.title in client.get(reverse("privacy:board_log", args=[org.board.pk])).content.decode()
    for user in (org.leraar, other_org.schoolleider):
        client.force_login(user)
        assert client.get(reverse("privacy:school_log", args=[org.school.pk])).status_code == 404


def test_an_admin_opening_a_schools_object_is_logged_for_the_school(client, org):
    from koers.organisations.models import User

    admin = User.objects.create_superuser("beheer@test.example", "geheim-wachtwoord-1")
    client.force_login(admin)
    client.get(reverse("admin:trajectories_trajectory_change", args=[org.trajectory.pk]))
    client.get(reverse("admin:catalog_theme_changelist"))
    record = AccessRecord.objects.get()
    assert (record.kind, record.user, record.school) == ("admin_view", admin, org.school)
    assert org.trajectory.title in record.subject


def test_the_access_log_takes_the_same_queries_for_few_and_many_records(client, org, django_assert_num_queries):
    def add(n):
        AccessRecord.objects.bulk_create(
            AccessRecord(user=org.schoolleider, school=org.school, board=org.board, kind="survey_report", subject="x")
            for _ in range(n)
        )

    client.force_login(org.schoolleider)
    url = reverse("privacy:school_log", args=[org.school.pk])
    add(2)
    few = page_queries(client, url)
    add(200)
    with django_assert_num_queries(few):
        page = client.get(url)
    assert "Pagina 1 van 5" in page.content.decode()


def test_network_memberships_are_in_the_own_data_and_end_at_erasure(client, org):
    from koers.networks.models import (
        Homework,
        HomeworkDone,
        Meeting,
        Network,
        NetworkMember,
        Post,
        ThemeCategory,
        Topic,
    )

    network = Network.objects.create(
        name="Jonge leraren binden", theme_category=ThemeCategory.objects.first(), regional_question="?"
    )
    member = NetworkMember.objects.create(
        network=network, user=org.leraar, school=org.school, learning_ambition="Starters begeleiden"
    )
    topic = Topic.objects.create(network=network, author=org.leraar, title="Inwerken", body="Hoe doen jullie dat?")
    Post.objects.create(topic=topic, author=org.leraar, body="Met een buddy")
    meeting = Meeting.objects.create(network=network, date="2026-12-10", start="14:00", end="16:00", theme="Start")
    done = HomeworkDone.objects.create(
        homework=Homework.objects.create(meeting=meeting, text="Lees"), member=member, note="Onze mentor"
    )
    client.force_login(org.leraar)
    data = json.loads(client.get(reverse("privacy:my_data_export", args=["json"])).content)
    assert [m["text"] for m in data["network_messages"]] == ["Hoe doen jullie dat?", "Met een buddy"]
    assert data["homework_done"] == [{"homework": "Lees", "network": "Jonge leraren binden", "note": "Onze mentor"}]
    assert data["networks"] == [
        {
            "network": "Jonge leraren binden",
            "role": "Deelnemer",
            "school": org.school.name,
            "joined": member.joined_on.isoformat(),
            "left": None,
            "ambition": "Starters begeleiden",
        }
    ]
    client.force_login(org.bestuurder)
    client.post(reverse("privacy:erase", args=[org.leraar.person.pk]), {"confirm": "on"})
    member.refresh_from_db()
    assert member.left_on is not None and member.learning_ambition == ""
    done.refresh_from_db()
    topic.refresh_from_db()
    # The discussion stays for the network, without the name of who wrote it.
    assert done.note == "" and topic.author is None and not Post.objects.filter(author__isnull=False).exists()
