"""Writes of the reports: asking for a PDF, and making and revoking share links."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.organisations.models import User
from koers.tokens import hash_token, new_token
from koers.trajectories.models import Trajectory

from .models import ReportExport, ShareLink
from .tasks import make_report_pdf

MAX_SHARE_DAYS = 365


def request_pdf(*, trajectory: Trajectory, user: User) -> ReportExport:
    """Queue a PDF of the report. With the immediate backend (development, tests) it is made
    before this returns; in production a worker makes it and the page shows its progress."""
    with transaction.atomic():
        export = ReportExport.objects.create(trajectory=trajectory, requested_by=user)
    make_report_pdf.enqueue(export.pk)
    export.refresh_from_db()
    return export


@transaction.atomic
def create_share_link(
    *, trajectory: Trajectory, user: User, label: str, expires_on: datetime.date, include_stakeholders: bool
) -> tuple[ShareLink, str]:
    """A new link; the token is returned once and only its hash is kept."""
    today = timezone.localdate()
    if not label.strip():
        raise ValidationError({"label": _('Say for whom the link is, e.g. "MR" or "bestuur".')})
    if expires_on < today:
        raise ValidationError({"expires_on": _("Choose a date from today on.")})
    if expires_on > today + datetime.timedelta(days=MAX_SHARE_DAYS):
        raise ValidationError({"expires_on": _("A link can be valid for at most a year.")})
    token = new_token()
    link = ShareLink.objects.create(
        trajectory=trajectory,
        token_hash=hash_token(token),
        label=label.strip(),
        expires_on=expires_on,
        include_stakeholders=include_stakeholders,
        created_by=user,
    )
    return link, token


@transaction.atomic
def revoke_share_link(*, link: ShareLink) -> ShareLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


def purge(*, today: datetime.date, retention: dict[str, int]) -> dict[str, int]:
    """Share links past their end or withdrawn, and generated PDFs past their retention
    (the file goes with its row). Someone who needs a PDF again makes a fresh one."""
    links_until = today - datetime.timedelta(days=retention["share_links"])
    links, _by_model = ShareLink.objects.filter(
        Q(expires_on__lt=links_until) | Q(revoked_at__date__lt=links_until)
    ).delete()
    old = ReportExport.objects.filter(
        requested_at__lt=timezone.now() - datetime.timedelta(days=retention["generated_pdfs"])
    )
    for export in old:
        if export.file:
            export.file.delete(save=False)
    pdfs, _by_model = old.delete()
    return {"share links": links, "generated PDFs": pdfs}
