"""The trajectory report as a PDF made in the background, and read-only share links.

A share link's token is shown once, when it is made; only its SHA-256 hash is stored, so the
database cannot give a working link away.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.trajectories.models import Trajectory


class ReportExport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "wachtrij", _("Waiting")
        RUNNING = "bezig", _("Being made")
        DONE = "klaar", _("Ready")
        FAILED = "mislukt", _("Failed")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="report_exports")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=120, blank=True)
    file = models.FileField(upload_to="rapporten/", blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.trajectory} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ShareLink(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="share_links")
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("for whom"), max_length=120)
    expires_on = models.DateField(_("valid until"))
    include_stakeholders = models.BooleanField(_("include the stakeholder analysis"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.label
