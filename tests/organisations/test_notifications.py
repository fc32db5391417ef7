"""Notifications: made where something comes to wait for someone, counted in the navigation,
read by opening them, and gathered in at most one e-mail a day per person, with only the
kinds they want."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.organisations import services
from koers.organisations.models import Notification, Role, User
from koers.trajectories import services as trajectory_services
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _quiet(org):
    """Start without what building the test organisation notified (its trajectory's participants)."""
    Notification.objects.all().delete()


def _add_participant(org, person):
    t = org.trajectory
    trajectory_services.update_trajectory(
        trajectory=t,
        title=t.title,
        owner=t.owner,
        participants=[*t.participants.all(), person],
        start_date=t.start_date,
    )


def test_a_new_participant_is_told_and_reads_it_by_opening_it(client, org):
    _add_participant(org, org.bystander.person)
    note = Notification.objects.get(user=org.bystander)
    assert note.message == f"U neemt deel aan het traject {org.trajectory.title}."
    assert not Notification.objects.filter(user=org.leraar).exists()  # already took part
    client.force_login(org.bystander)
    home = client.get(reverse("home:index")).content.decode()
    assert 'Meldingen <span class="badge badge-count">1<span class="visually-hidden"> ongelezen' in home
    response = client.get(reverse("organisations:open_notification", args=[note.pk]))
    assert response.url == reverse("werkdocument:detail", args=[org.trajectory.pk])
    note.refresh_from_db()
    assert note.read_at is not None
    client.force_login(org.leraar)
    assert client.get(reverse("organisations:open_notification", args=[note.pk])).status_code == 404


DATES = {"start_date": TODAY, "end_date": TODAY + datetime.timedelta(days=30)}


def test_a_new_activity_owner_is_told_but_not_who_gave_it_to_themselves(org):
    from koers.plans import services as plan_services

    cycle = org.trajectory.cycles.get()
    plan_services.add_activity(
        cycle=cycle, user=org.schoolleider, title="Intervisie", phase="Fase 1", owner=org.leraar.person, **DATES
    )
    plan_services.add_activity(
        cycle=cycle, user=org.schoolleider, title="Eigen taak", phase="Fase 1", owner=org.schoolleider.person, **DATES
    )
    assert [n.message for n in Notification.objects.filter(user=org.leraar)] == [
        f"De activiteit Intervisie in {org.trajectory.title} is van u."
    ]
    assert not Notification.objects.filter(user=org.schoolleider).exists()


def test_whoever_ran_a_round_is_told_when_it_closes(org):
    from koers.surveys import services as survey_services

    survey = factories.survey_round(org.school, closed=True)
    survey.created_by = org.schoolleider
    survey.save()
    survey_services.finalise(survey=survey)
    survey_services.finalise(survey=survey)  # once only
    assert Notification.objects.filter(user=org.schoolleider, kind=Notification.Kind.REPORT).count() == 1


def test_one_digest_a_day_with_only_the_kinds_wanted(org):
    url = "/trajecten/1/"
    services.notify([org.leraar.pk], Notification.Kind.PARTICIPANT, url, title="Lezen")
    services.notify([org.leraar.pk], Notification.Kind.REPORT, url, title="Spiegel 2026")
    services.set_digest_kinds(org.leraar, [Notification.Kind.PARTICIPANT])
    services.notify([org.teamleider.pk], Notification.Kind.PARTICIPANT, url, title="Lezen")
    services.mark_read(org.teamleider)  # read in Koers already: not mailed

    assert services.send_digests(TODAY, "https://koers.example") == 1
    (digest,) = mail.outbox
    assert digest.to == [org.leraar.email]
    assert digest.subject == "Koers: 1 nieuwe melding"
    assert "U neemt deel aan het traject Lezen." in digest.body
    assert "https://koers.example/trajecten/1/" in digest.body
    assert "Spiegel 2026" not in digest.body

    services.notify([org.leraar.pk], Notification.Kind.PARTICIPANT, url, title="Later die dag")
    assert services.send_digests(TODAY, "https://koers.example") == 0  # one a day
    assert services.send_digests(TODAY + datetime.timedelta(days=1), "https://koers.example") == 1
    assert "Later die dag" in mail.outbox[-1].body and "Spiegel 2026" not in mail.outbox[-1].body


def test_the_digest_takes_the_same_queries_for_five_people_or_fifty(org):
    def run(n: int) -> int:
        users = [User.objects.create_user(f"d{n}-{i}@test.example") for i in range(n)]
        for user in users:
            services.notify([user.pk], Notification.Kind.PARTICIPANT, "/", title="T")
            services.notify([user.pk], Notification.Kind.REPORT, "/", title="R")
        with CaptureQueriesContext(connection) as queries:
            assert services.send_digests(TODAY, "https://koers.example") == n
        return len(queries)

    assert run(5) == run(50)


def test_the_command_sends_the_digests_and_the_settings_page_keeps_the_choice(client, org, capsys):
    services.notify([org.leraar.pk], Notification.Kind.PARTICIPANT, "/", title="Lezen")
    call_command("send_digests")
    assert "digests sent: 1" in capsys.readouterr().out
    client.force_login(org.leraar)
    url = reverse("organisations:notification_settings")
    client.post(url, {"kinds": [Notification.Kind.ACTIVITY]})
    org.leraar.refresh_from_db()
    assert Notification.Kind.PARTICIPANT in org.leraar.digest_off
    assert Notification.Kind.ACTIVITY not in org.leraar.digest_off
    page = client.get(url)
    assert page.context["form"].initial["kinds"] == [Notification.Kind.ACTIVITY]


def test_the_notifications_page_lists_and_marks_everything_read(client, org):
    for n in range(3):
        services.notify([org.leraar.pk], Notification.Kind.PARTICIPANT, "/", title=f"Traject <{n}>")
    client.force_login(org.leraar)
    page = client.get(reverse("organisations:notifications"))
    body = page.content.decode()
    assert "Traject &lt;0&gt;" in body and "<0>" not in body
    client.post(reverse("organisations:notifications"))
    assert not Notification.objects.filter(user=org.leraar, read_at__isnull=True).exists()
    client.force_login(factories.user_with_role(Role.LERAAR, school=org.school))
    assert "Nog geen meldingen" in client.get(reverse("organisations:notifications")).content.decode()
