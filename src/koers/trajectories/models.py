"""A school's (or board's) SHRM trajectory and the work it holds in the werkdocument.

Work refers to catalogue content by slug (question, subphase), so a content update never
orphans it. Texts are versioned: every save bumps `version` and leaves a revision behind.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.catalog.models import Theme
from koers.organisations.models import Board, Functie, Person, School

MAX_TEXT_LENGTH = 10_000


class Trajectory(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="trajectories")
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trajectories",
        help_text=_("Empty for a board-wide trajectory."),
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="trajectories")
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="owned_trajectories",
        verbose_name=_("owner"),
    )
    participants = models.ManyToManyField(
        Person, related_name="trajectories", blank=True, verbose_name=_("participants")
    )
    start_date = models.DateField(_("start date"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        indexes = [models.Index(fields=["school", "deleted_at"])]

    def __str__(self) -> str:
        return self.title


class Entry(models.Model):
    """A text a trajectory keeps per question (an answer) or per subphase (its reflection)."""

    class Kind(models.TextChoices):
        ANSWER = "answer", _("Answer")
        REFLECTION = "reflection", _("Result and reflection")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.SlugField(max_length=80, help_text="question slug, or subphase slug")
    subphase_slug = models.SlugField(max_length=80)
    text = models.TextField(blank=True)
    not_relevant = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "kind", "key"], name="entry_unique_per_trajectory")
        ]
        indexes = [models.Index(fields=["trajectory", "subphase_slug"])]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"


class EntryRevision(models.Model):
    """One saved version of an entry: who wrote which text when."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    not_relevant = models.BooleanField(default=False)
    edited_at = models.DateTimeField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("text version")
        verbose_name_plural = _("text versions")
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["entry", "version"], name="revision_unique_version")]

    def __str__(self) -> str:
        return f"{self.entry.key} v{self.version}"


class SubphaseStatus(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="subphase_statuses")
    subphase_slug = models.SlugField(max_length=80)
    done = models.BooleanField(default=False)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("subphase status")
        verbose_name_plural = _("subphase statuses")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "subphase_slug"], name="status_unique_per_subphase")
        ]

    def __str__(self) -> str:
        return f"{self.subphase_slug}: {'done' if self.done else 'open'}"


class Dialogue(models.Model):
    """A conversation held in a (sub)phase: who talked about what, and what came of it."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="dialogues")
    subphase_slug = models.SlugField(max_length=80)
    held_on = models.DateField(_("date"))
    participants = models.ManyToManyField(Person, blank=True, related_name="dialogues", verbose_name=_("participants"))
    roles = models.JSONField(_("roles taking part"), default=list, blank=True)
    topic = models.CharField(_("topic"), max_length=300)
    outcome = models.TextField(_("outcome"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["trajectory", "subphase_slug"])]

    def __str__(self) -> str:
        return self.topic

    @property
    def role_labels(self) -> list[str]:
        labels = dict(Functie.choices)
        return [str(labels.get(role, role)) for role in self.roles]
