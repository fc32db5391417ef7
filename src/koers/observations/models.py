"""Lesson observation after ICALT (hr:1249-1273): a kijkwijzer of six domains whose items show
the inspectorate's three basic and four differentiation skills, observation periods with one
fixed purpose (R2), and observations a teacher discusses with the observer.

An observation for development is the teacher's and the observer's alone; the school sees only
aggregates, from `min_cell` teachers, and never a list that ranks teachers. Whether a lesson
shows all basic skills, all differentiation skills or both is stored once the observation is
final, so the Table 2 figures are counts in SQL."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.careers.models import Evidence, Purpose
from koers.organisations.models import Person, School, Team

MIN_CELL_FLOOR = 3


class SkillKind(models.TextChoices):
    BASIS = "basis", _("Basic skill")
    DIFFERENTIATIE = "differentiatie", _("Differentiation skill")


class ObservationInstrument(models.Model):
    """One version of the kijkwijzer (content `observatie/`). A changed structure is a new
    version, so earlier observations keep the items they were scored on."""

    slug = models.SlugField()
    version = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(_("name"), max_length=120)
    source = models.CharField(_("source"), max_length=300, blank=True)
    scale = models.JSONField(help_text="the labels of 1..n")
    sufficient_from = models.PositiveSmallIntegerField()
    reference = models.JSONField(default=dict, help_text="{label, basis, differentiatie, beide} in %")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["slug", "-version"]
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="observation_instrument_version")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class Indicator(models.Model):
    """One of the inspectorate's seven skills (hr:1249-1260)."""

    instrument = models.ForeignKey(ObservationInstrument, on_delete=models.CASCADE, related_name="indicators")
    slug = models.SlugField()
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=15, choices=SkillKind.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "slug"], name="indicator_once")]

    def __str__(self) -> str:
        return self.name


class ObservationDomain(models.Model):
    instrument = models.ForeignKey(ObservationInstrument, on_delete=models.CASCADE, related_name="domains")
    slug = models.SlugField()
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "slug"], name="observation_domain_once")]

    def __str__(self) -> str:
        return self.name


class ObservationItem(models.Model):
    domain = models.ForeignKey(ObservationDomain, on_delete=models.CASCADE, related_name="items")
    slug = models.SlugField()
    text = models.CharField(_("text"), max_length=300)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["domain__order", "order"]
        constraints = [models.UniqueConstraint(fields=["domain", "slug"], name="observation_item_once")]

    def __str__(self) -> str:
        return self.text


class ObserverProfile(models.Model):
    """That an observer was trained, which a period for assurance or selection requires
    (drl:3209-3213: trained observers see development levels)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="observer_profile")
    trained_on = models.DateField(_("trained on"), null=True, blank=True)

    def __str__(self) -> str:
        return str(self.user)


class ObservationPeriod(models.Model):
    """A window in which lessons are observed for one purpose, announced before it opens."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="observation_periods")
    name = models.CharField(_("name"), max_length=120)
    opens_on = models.DateField(_("from"))
    closes_on = models.DateField(_("until"))
    purpose = models.CharField(_("purpose"), max_length=15, choices=Purpose.choices)
    instrument = models.ForeignKey(ObservationInstrument, on_delete=models.PROTECT, related_name="periods")
    observers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("observers"))
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("only this team")
    )
    min_per_teacher = models.PositiveSmallIntegerField(_("observations per teacher"), default=2)
    min_cell = models.PositiveSmallIntegerField(_("fewest teachers in a figure"), default=5)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The figures as they stood at closing, written once: the report of a closed period reads
    # only these, however many lessons it had.
    figures = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(min_cell__gte=MIN_CELL_FLOOR), name="period_min_cell_floor"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="period_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Observation(models.Model):
    """One observed lesson. `client_key` comes with the form, so a form sent again after the
    connection dropped stores nothing twice."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Draft")
        DEFINITIEF = "definitief", _("Final")

    class Recognises(models.TextChoices):
        JA = "ja", _("Yes")
        DEELS = "deels", _("Partly")
        NEE = "nee", _("No")

    period = models.ForeignKey(ObservationPeriod, on_delete=models.CASCADE, related_name="observations")
    teacher = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="observations")
    observer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    client_key = models.UUIDField(unique=True, default=uuid.uuid4)
    date = models.DateField(_("date"))
    group = models.CharField(_("class"), max_length=40, blank=True, help_text=_('For example "3 havo"; no pupils.'))
    subject = models.CharField(_("subject"), max_length=80, blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    development_points = models.TextField(_("points to develop"), blank=True)
    action_points = models.TextField(_("actions"), blank=True)
    feedback_held_on = models.DateField(_("feedback conversation on"), null=True, blank=True)
    teacher_comment = models.TextField(_("my comment"), blank=True)
    teacher_recognises = models.CharField(
        _("I recognise myself in this"), max_length=5, choices=Recognises.choices, blank=True
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CONCEPT)
    # A second observer's scoring of the same lesson, for agreement; never counted twice.
    calibration_of = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="calibrations"
    )
    # Stored once final: None when a skill's items were not all seen (not assessable).
    basic_ok = models.BooleanField(null=True)
    diff_ok = models.BooleanField(null=True)
    both_ok = models.BooleanField(null=True)
    # The copy she put in her portfolio (E.3), if she did.
    evidence = models.ForeignKey(Evidence, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["period", "status"], name="observation_period_status")]

    def __str__(self) -> str:
        return f"{self.teacher} · {self.date:%d-%m-%Y}"


class ObservationScore(models.Model):
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(ObservationItem, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(null=True, blank=True)  # None: not seen

    class Meta:
        constraints = [models.UniqueConstraint(fields=["observation", "item"], name="score_once_per_item")]
        # Covers the domain means of the figures, which then never read the rows.
        indexes = [models.Index(fields=["observation", "item", "value"], name="score_report_covering")]

    def __str__(self) -> str:
        return f"{self.item.slug}: {self.value}"
