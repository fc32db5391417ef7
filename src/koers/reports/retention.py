"""Retention: what Koers no longer may keep, removed by `koers purge` (daily from cron) or the
`purge_task` task, with the periods of settings.KOERS_RETENTION. Safe to run any number of
times."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from koers.organisations.models import AccessRecord, SignInRequest, StaffImport
from koers.surveys import services as surveys
from koers.trajectories import services as trajectories

from . import services as reports


def purge_all() -> dict[str, int]:
    today, retention = timezone.localdate(), settings.KOERS_RETENTION
    removed = surveys.purge(today=today, retention=retention)
    removed |= trajectories.purge(retention=retention)
    removed |= reports.purge(today=today, retention=retention)
    removed["expired sessions"] = Session.objects.filter(expire_date__lt=timezone.now()).delete()[0]
    removed["access records"] = AccessRecord.objects.filter(
        at__lt=timezone.now() - timedelta(days=retention["access_log"])
    ).delete()[0]
    removed["staff files"] = StaffImport.objects.filter(
        created_at__lt=timezone.now() - timedelta(days=retention["staff_imports"])
    ).delete()[0]
    removed["sign-in requests"] = SignInRequest.objects.filter(
        decided_at__lt=timezone.now() - timedelta(days=retention["sign_in_requests"])
    ).delete()[0]
    removed["finished tasks"] = (
        DBTaskResult.objects.finished()
        .filter(finished_at__lt=timezone.now() - timedelta(days=retention["finished_tasks"]))
        .delete()[0]
    )
    return removed
