"""Teams that develop together (drieluik ch. 1-2): the four activity cards of ontwikkelruimte
handed out to members, and the team plan per school year with its actions, the school goals
it serves and the team-oriented HRM practices chosen along A, M and O. The cards and the
practices are content; a team's choices point at them by foreign key."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.careers.models import ExpertiseArea
from koers.catalog.models import AmoItem
from koers.instruments.models import Goal
from koers.organisations.models import Person, School, Team


class ActivityCard(models.Model):
    class Side(models.TextChoices):
        """The paradox of ontwikkelruimte (drl:460-496)."""

        UITKOMST = "uitkomst", _("Oriented on outcome")
        BETEKENIS = "betekenis", _("Oriented on meaning")

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=80)
    side = models.CharField(max_length=10, choices=Side.choices)
    description = models.TextField()
    tips = models.JSONField(default=list)
    source = models.CharField(max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("activity card")
        verbose_name_plural = _("activity cards")

    def __str__(self) -> str:
        return self.name


class HrmGroup(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    factor = models.CharField(max_length=20, choices=AmoItem.Factor.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class HrmPractice(models.Model):
    """A tip of drl Table 2 for team-oriented HRM."""

    group = models.ForeignKey(HrmGroup, on_delete=models.CASCADE, related_name="practices")
    slug = models.SlugField(unique=True)
    text = models.TextField()
    source = models.CharField(max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["group__order", "order"]
        verbose_name = _("team-HRM practice")
        verbose_name_plural = _("team-HRM practices")

    def __str__(self) -> str:
        return self.text[:80]


class CardHolder(models.Model):
    """A member who makes sure "their" activity comes up, chosen for a quality of theirs."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="card_holders")
    card = models.ForeignKey(ActivityCard, on_delete=models.PROTECT, related_name="holders")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="activity_cards")
    reason = models.CharField(_("the quality it rests on"), max_length=300, blank=True)
    since = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["card__order", "person__last_name"]
        constraints = [models.UniqueConstraint(fields=["team", "card", "person"], name="card_once_per_holder")]

    def __str__(self) -> str:
        return f"{self.card} – {self.person}"


class TeamPlan(models.Model):
    """The team's plan for one school year (drl:1079-1082): strengths and points to develop,
    actions with who and when, the school goals it serves, and how the team meets."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Draft")
        VASTGESTELD = "vastgesteld", _("Adopted")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="plans")
    school_year = models.CharField(max_length=9)
    strengths = models.TextField(_("strengths of the team"), blank=True)
    development_points = models.TextField(_("points to develop"), blank=True)
    professionalisation = models.TextField(_("team professionalisation"), blank=True)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1, null=True, blank=True)
    budget = models.DecimalField(_("budget (euro)"), max_digits=10, decimal_places=2, null=True, blank=True)
    meeting_rhythm = models.TextField(
        _("meeting rhythm"),
        blank=True,
        help_text=_("Short, regular meetings, plus a few longer moments of reflection a year (drl:1116-1121)."),
    )
    evaluation_moments = models.TextField(_("evaluation moments"), blank=True)
    external_orientation = models.TextField(
        _("looking outside"), blank=True, help_text=_("Visits to other teams or schools.")
    )
    school_goals = models.ManyToManyField(Goal, blank=True, related_name="team_plans", verbose_name=_("school goals"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONCEPT)
    adopted_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-school_year"]
        constraints = [models.UniqueConstraint(fields=["team", "school_year"], name="team_plan_once_per_year")]

    def __str__(self) -> str:
        return f"{self.team} {self.school_year}"


class PlanAction(models.Model):
    plan = models.ForeignKey(TeamPlan, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(_("what"), max_length=300)
    who = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    due = models.DateField(_("when"), null=True, blank=True)
    goal = models.ForeignKey(Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.what


class PlanPractice(models.Model):
    """A team-HRM practice the school takes up for this team, with who sees to it."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Planned")
        BEZIG = "bezig", _("Under way")
        GEDAAN = "gedaan", _("Done")

    plan = models.ForeignKey(TeamPlan, on_delete=models.CASCADE, related_name="practices")
    practice = models.ForeignKey(HrmPractice, on_delete=models.PROTECT, related_name="chosen")
    owner = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.GEPLAND)

    class Meta:
        ordering = ["practice__group__order", "practice__order"]
        constraints = [models.UniqueConstraint(fields=["plan", "practice"], name="practice_once_per_plan")]

    def __str__(self) -> str:
        return f"{self.plan}: {self.practice}"


class Speerpunt(models.Model):
    """One of a limited number of priorities of the school (drl:4257, 4326-4343): each has one
    work group, so teachers know where to bring their ideas."""

    class Status(models.TextChoices):
        ACTIEF = "actief", _("Active")
        AFGEROND = "afgerond", _("Finished")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="speerpunten")
    title = models.CharField(_("priority"), max_length=200)
    school_year = models.CharField(_("school year"), max_length=9)
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("school goal")
    )
    area = models.ForeignKey(
        ExpertiseArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area of expertise it asks for"),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIEF)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "title"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self) -> str:
        return self.title


class Workgroup(models.Model):
    """The one work group of a priority, composed on expertise, affinity, representation and
    working style (drl:4235-4237), with the expectations the school leader states."""

    speerpunt = models.OneToOneField(Speerpunt, on_delete=models.CASCADE, related_name="workgroup")
    kartrekker = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("kartrekker")
    )
    members = models.ManyToManyField(Person, blank=True, related_name="workgroups", verbose_name=_("members"))
    composition = models.TextField(
        _("how it was composed"),
        blank=True,
        help_text=_("On expertise, affinity, representation of the teams and working style."),
    )
    expectations = models.TextField(
        _("what is expected of it"), blank=True, help_text=_("For example a well-founded proposal by March.")
    )
    decision = models.TextField(_("what was decided"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.speerpunt}"


class TalkScan(models.Model):
    """The team's own picture by name when it is too small for an anonymous report (bespreekmodus,
    D.2): only once every current member agreed to show their answers with their name, and only
    to the team. It is not a survey round and never leaves the team."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="talk_scans")
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.team} {self.started_at:%Y-%m-%d}"


class TalkConsent(models.Model):
    scan = models.ForeignKey(TalkScan, on_delete=models.CASCADE, related_name="consents")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    agreed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scan", "person"], name="talk_consent_once")]

    def __str__(self) -> str:
        return f"{self.person} ({self.scan})"


class TalkAnswer(models.Model):
    """A member's score of one activity (1-5), or with no activity her place in the paradox
    (1 outcome ... 8 meaning)."""

    scan = models.ForeignKey(TalkScan, on_delete=models.CASCADE, related_name="answers")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    card = models.ForeignKey(ActivityCard, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scan", "person", "card"], name="talk_answer_once"),
            models.UniqueConstraint(
                fields=["scan", "person"], condition=models.Q(card__isnull=True), name="talk_paradox_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.value}"
