"""Doe and Ga door: a trajectory's cycles, the implementation plan of each cycle, the
measurements of its goals, and the evaluation that closes a cycle.

A trajectory always has exactly one open cycle. Closing it freezes it: its activities,
measurements and evaluation stay as they were, and its report is kept as it stood.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from koers.instruments.models import AmoElement, Goal
from koers.organisations.models import Person
from koers.trajectories.models import Trajectory

from . import rules

NONNEGATIVE = {"max_digits": 12, "decimal_places": 2}


class Cycle(models.Model):
    """One turn of the PDCA circle; the preconditions of its plan (3A) live here too."""

    class Leadership(models.TextChoices):
        SUFFICIENT = "voldoende", _("Sufficient")
        INSUFFICIENT = "onvoldoende", _("Not yet sufficient")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="cycles")
    number = models.PositiveSmallIntegerField()
    started_on = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snapshot_html = models.TextField(blank=True, help_text="The report as it stood at closing.")
    hours_available = models.DecimalField(_("hours available"), null=True, blank=True, **NONNEGATIVE)
    budget_available = models.DecimalField(_("budget available (euro)"), null=True, blank=True, **NONNEGATIVE)
    leadership = models.CharField(_("quality of leadership"), max_length=12, blank=True, choices=Leadership.choices)
    leadership_note = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "number"], name="cycle_number_once"),
            models.UniqueConstraint(fields=["trajectory"], condition=Q(closed_at__isnull=True), name="one_open_cycle"),
            models.CheckConstraint(
                condition=Q(hours_available__gte=0) | Q(hours_available__isnull=True), name="cycle_hours_gte_0"
            ),
            models.CheckConstraint(
                condition=Q(budget_available__gte=0) | Q(budget_available__isnull=True), name="cycle_budget_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory} – {self.number}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Activity(models.Model):
    """A concrete step of the implementation plan (3A), followed in 3B."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Planned")
        BEZIG = "bezig", _("In progress")
        KLAAR = "klaar", _("Done")
        VERTRAAGD = "vertraagd", _("Delayed")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="activities")
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("activity"), max_length=200)
    description = models.TextField(_("what happens concretely"), blank=True)
    intervention = models.ForeignKey(
        AmoElement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("intervention from the AMO planner"),
    )
    phase = models.CharField(_("phase of the plan"), max_length=80)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="activities", verbose_name=_("owner"))
    raci = models.JSONField(_("roles"), default=dict, blank=True, help_text="actor slug -> R, A, C or I")
    hours = models.DecimalField(_("hours"), default=0, **NONNEGATIVE)
    budget = models.DecimalField(_("budget (euro)"), default=0, **NONNEGATIVE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.GEPLAND)
    carried_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start_date", "end_date", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["cycle", "deleted_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="activity_ends_after_start"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="activity_hours_gte_0"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="activity_budget_gte_0"),
        ]

    def __str__(self) -> str:
        return self.title

    def roles(self) -> list[tuple[str, str]]:
        """(actor label, RACI label) in the fixed actor order, for display."""
        return [
            (label, rules.RACI_LABELS[self.raci[slug]]) for slug, label in rules.Actor.choices if self.raci.get(slug)
        ]


class ActivityRevision(models.Model):
    """An activity as it stood after one save: the plan keeps its history."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    snapshot = models.JSONField()
    edited_at = models.DateTimeField(auto_now_add=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["activity", "version"], name="activity_revision_unique")]

    def __str__(self) -> str:
        return f"{self.activity} v{self.version}"


class Measurement(models.Model):
    """A value of a goal's indicator on a day (3B)."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="measurements")
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="measurements")
    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measurements",
        verbose_name=_("measured in activity"),
    )
    measured_on = models.DateField(_("date of measurement"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # Set when the value was read from the goal's source (a ProposedMeasurement) and confirmed.
    source_key = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["measured_on", "id"]
        indexes = [models.Index(fields=["goal", "measured_on"])]

    def __str__(self) -> str:
        return f"{self.goal}: {self.value} ({self.measured_on})"


class ProposedMeasurement(models.Model):
    """A value read from a goal's source once it was final (a closed period of lesson
    observations). Nothing is measured until a person confirms it; they may also set it aside."""

    class Decision(models.TextChoices):
        OPEN = "open", _("Awaiting confirmation")
        CONFIRMED = "bevestigd", _("Confirmed")
        DISMISSED = "afgewezen", _("Set aside")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="proposals")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    measured_on = models.DateField(_("date of measurement"))
    note = models.CharField(_("note"), max_length=500)
    # Which closing it came from, e.g. "observation-period:12": one proposal per goal each.
    source_key = models.CharField(max_length=60)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.OPEN)
    measurement = models.OneToOneField(
        Measurement, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["measured_on", "id"]
        constraints = [models.UniqueConstraint(fields=["goal", "source_key"], name="proposal_once_per_source")]

    def __str__(self) -> str:
        return f"{self.goal}: {self.value} ({self.note})"


class Evaluation(models.Model):
    """Ga door for one cycle: what went well and less well, and what must change."""

    cycle = models.OneToOneField(Cycle, on_delete=models.CASCADE, related_name="evaluation")
    good_communication = models.TextField(_("communication"), blank=True)
    good_implementation = models.TextField(_("implementation"), blank=True)
    good_agreements = models.TextField(_("agreements made"), blank=True)
    less_communication = models.TextField(_("communication"), blank=True)
    less_implementation = models.TextField(_("implementation"), blank=True)
    less_agreements = models.TextField(_("agreements made"), blank=True)
    adjustments = models.TextField(_("adjustments needed"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    def __str__(self) -> str:
        return f"{self.cycle}"


class GoalEvaluation(models.Model):
    """Per goal at the end of a cycle: realised against intended, and what happens next."""

    class Decision(models.TextChoices):
        DOORGAAN = "doorgaan", _("Continue")
        BORGEN = "borgen", _("Anchor")
        STOPPEN = "stoppen", _("Stop")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="goal_evaluations")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="evaluations")
    realised = models.DecimalField(_("realised"), max_digits=12, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("explanation"), blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    decided_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "goal"], name="goal_evaluated_once_per_cycle")]

    def __str__(self) -> str:
        return f"{self.goal}: {self.decision}"
