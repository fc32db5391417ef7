from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoadmapExport(models.Model):
    """A Roadmap put into a trajectory, and the goal it made, so a second export updates
    that goal or makes a new one on purpose and never doubles it silently."""

    worksheet = models.ForeignKey("networks.RoadmapWorksheet", on_delete=models.CASCADE, related_name="+")
    trajectory = models.ForeignKey("trajectories.Trajectory", on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey("instruments.Goal", on_delete=models.SET_NULL, null=True, related_name="+")
    exported_at = models.DateTimeField(auto_now_add=True)
    exported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-exported_at", "-id"]
        verbose_name = _("Roadmap export")
        verbose_name_plural = _("Roadmap exports")

    def __str__(self) -> str:
        return f"{self.worksheet_id} → {self.trajectory_id}"
