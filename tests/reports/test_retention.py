"""`koers purge` removes what Koers no longer may keep, after the periods in the settings,
and nothing that is still in its period."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from koers.reports.models import ShareLink
from koers.surveys.models import Draft, Invitation, InvitationLink, Response, Round
from koers.trajectories.models import Trajectory
from tests.factories import invite, respond, survey_round

pytestmark = pytest.mark.django_db


def _days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def test_purge_clears_survey_traces_addresses_drafts_and_deleted_objects(org, capsys):
    # A round that closed by its date yesterday, never opened by anyone since.
    recent = survey_round(org.school, groups=["leraren"], closed=True)
    Round.objects.filter(pk=recent.pk).update(closes_on=_days_ago(1))
    invite(recent, "a@s.example"), respond(recent, "leraren")
    # A round closed 40 days ago: its addresses are past their 30 days.
    old = survey_round(org.school, groups=["leraren"], closed=True, days_ago=40)
    invite(old, "b@s.example")
    # An open round with an abandoned open-link draft and a fresh one.
    running = survey_round(org.school, groups=["leraren"])
    group = running.groups.get()
    Draft.objects.create(round=running, group=group, lookup="a" * 64, sealed="00")
    Draft.objects.filter(lookup="a" * 64).update(updated_on=_days_ago(15))
    Draft.objects.create(round=running, group=group, lookup="b" * 64, sealed="00")
    # A trajectory deleted 31 days ago, and a share link that ended 31 days ago.
    org.trajectory.deleted_at = timezone.now() - datetime.timedelta(days=31)
    org.trajectory.save()

    call_command("purge")
    out = capsys.readouterr().out
    assert "rounds finalised: 2" in out and "deleted trajectories: 1" in out
    recent.refresh_from_db()
    assert recent.finalised and recent.round_groups.get().invited == 1
    assert not InvitationLink.objects.filter(invitation__round=recent).exists()
    assert list(Invitation.objects.values_list("email", flat=True)) == ["a@s.example"]
    assert list(Draft.objects.values_list("lookup", flat=True)) == ["b" * 64]
    assert Response.objects.filter(round=recent).count() == 1  # answers are never purged
    assert not Trajectory.objects.filter(pk=org.trajectory.pk).exists()
    call_command("purge")  # a second run finds nothing more
    assert "rounds finalised: 0" in capsys.readouterr().out


def test_purge_removes_ended_share_links_and_keeps_live_ones(org):
    from koers.reports import services as reports

    live, _token = reports.create_share_link(
        trajectory=org.trajectory,
        user=org.schoolleider,
        label="MR",
        expires_on=timezone.localdate() + datetime.timedelta(days=3),
        include_stakeholders=False,
    )
    ended, _token = reports.create_share_link(
        trajectory=org.trajectory,
        user=org.schoolleider,
        label="Oud",
        expires_on=timezone.localdate(),
        include_stakeholders=False,
    )
    ShareLink.objects.filter(pk=ended.pk).update(expires_on=_days_ago(31))
    call_command("purge")
    assert list(ShareLink.objects.values_list("label", flat=True)) == ["MR"]


# The worker closes its database connections when done, so no test transaction may wrap it.
@pytest.mark.django_db(transaction=True)
def test_purge_removes_finished_tasks_with_their_arguments_after_a_week(client, org, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for email in ("oud@s.example", "nieuw@s.example"):
        client.post("/account/password_reset/", {"email": email})
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    old = DBTaskResult.objects.get(args_kwargs__args__0="oud@s.example")
    DBTaskResult.objects.filter(pk=old.pk).update(finished_at=timezone.now() - datetime.timedelta(days=8))
    call_command("purge")
    assert [r.args_kwargs["args"][0] for r in DBTaskResult.objects.all()] == ["nieuw@s.example"]


def test_purge_removes_staff_files_after_a_day(org):
    from koers.organisations.models import StaffImport

    rows = [{"first_name": "Anna", "email": "anna@test.example"}]
    old = StaffImport.objects.create(board=org.board, created_by=org.bestuurder, file_name="oud.csv", rows=rows)
    StaffImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))
    fresh = StaffImport.objects.create(board=org.board, created_by=org.bestuurder, file_name="nieuw.csv", rows=rows)
    call_command("purge")
    assert list(StaffImport.objects.values_list("pk", flat=True)) == [fresh.pk]
