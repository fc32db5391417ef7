"""The analyses of Ontdek and Kies that a school does inside its trajectory.

Catalogue content (situation rows, bottlenecks, levers, AMO items, themes) is referred to by
slug, like the werkdocument's answers; a school's own rows leave the slug empty and carry
their own text.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from koers.catalog.models import AmoItem
from koers.organisations.models import Team
from koers.trajectories.models import Trajectory

from . import rules

SCORE_VALIDATORS = [MinValueValidator(rules.SCORE_MIN), MaxValueValidator(rules.SCORE_MAX)]


def _score_check(field: str, name: str, nullable: bool = False) -> models.CheckConstraint:
    in_range = Q(**{f"{field}__gte": rules.SCORE_MIN, f"{field}__lte": rules.SCORE_MAX})
    if nullable:
        in_range |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=in_range, name=name)


class Goal(models.Model):
    """A concrete goal (Bijlage 1), first set in 1A and sharpened in 1C."""

    class Level(models.TextChoices):
        ORGANISATIE = "organisatie", _("Organisation")
        MEDEWERKERS = "medewerkers", _("Staff")
        LEERLINGEN = "leerlingen", _("Pupils")

    class Term(models.TextChoices):
        KORT = "kort", _("Short term")
        LANG = "lang", _("Long term")

    class Smart(models.TextChoices):
        SPECIFIEK = "specifiek", _("Specific")
        MEETBAAR = "meetbaar", _("Measurable")
        ACCEPTABEL = "acceptabel", _("Acceptable")
        REALISTISCH = "realistisch", _("Realistic")
        TIJDSGEBONDEN = "tijdsgebonden", _("Time-bound")

    class Status(models.TextChoices):
        """Set when a cycle ends (Ga door): only active goals go on into the next cycle."""

        ACTIEF = "actief", _("Active")
        GEBORGD = "geborgd", _("Anchored")
        GESTOPT = "gestopt", _("Stopped")

    class Source(models.TextChoices):
        """Figures Koers can read the goal's indicator from (handreiking Tables 2-3): when
        they are final, a measurement is proposed, and a person confirms it."""

        OBSERVATION_BASIC = "observation:basic_ok", _("Lesson observations: share of lessons with all basic skills")
        OBSERVATION_DIFF = (
            "observation:diff_ok",
            _("Lesson observations: share of lessons with all differentiation skills"),
        )
        OBSERVATION_BOTH = "observation:both_ok", _("Lesson observations: share of lessons with both")
        SURVEY = "survey", _("A survey dimension: its mean")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="goals")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    description = models.TextField(_("goal"))
    involved = models.TextField(_("who is involved"), blank=True)
    term = models.CharField(_("term"), max_length=10, choices=Term.choices)
    target_date = models.DateField(_("to be reached by"), null=True, blank=True)
    smart = models.JSONField(_("SMART check"), default=list, blank=True)
    indicator = models.CharField(_("indicator"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2, null=True, blank=True)
    scale_min = models.DecimalField(_("lowest possible value"), max_digits=12, decimal_places=2, null=True, blank=True)
    scale_max = models.DecimalField(_("highest possible value"), max_digits=12, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIEF)
    source = models.CharField(_("measured from"), max_length=40, blank=True, choices=Source.choices)
    # For a survey dimension: "<instrument slug>/<dimension slug>", and its names as the
    # content had them when chosen (the survey engine sits above this app).
    source_key = models.CharField(max_length=120, blank=True)
    source_label = models.CharField(max_length=250, blank=True)
    # A team's figures instead of the school's; the figures of a team below the minimum are not proposed.
    source_team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["level", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_min__isnull=True) | Q(scale_max__isnull=True) | Q(scale_min__lt=F("scale_max")),
                name="goal_scale_min_below_max",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def in_range(self, value) -> bool:
        """Whether a value lies in the indicator's allowed range (open ends allowed)."""
        return (self.scale_min is None or value >= self.scale_min) and (
            self.scale_max is None or value <= self.scale_max
        )


class GoalRevision(models.Model):
    """A goal as it stood after one save; the first is the original, 1C ones are sharpenings."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    subphase_slug = models.SlugField(max_length=80)
    snapshot = models.JSONField()
    reason = models.TextField(_("why sharpened"), blank=True)
    edited_at = models.DateTimeField(auto_now_add=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["version"]
        constraints = [models.UniqueConstraint(fields=["goal", "version"], name="goal_revision_unique")]

    def __str__(self) -> str:
        return f"{self.goal} v{self.version}"


class SituationAssessment(models.Model):
    """One row of Table 6 or 7 as the school fills it in, or a row of its own."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="situation_rows")
    row_slug = models.SlugField(max_length=80, blank=True)
    own_text = models.TextField(_("your own question"), blank=True)
    current = models.TextField(_("current situation"), blank=True)
    desired = models.TextField(_("desired situation"), blank=True)
    difference = models.TextField(_("difference"), blank=True)
    gap = models.CharField(_("size of the gap"), max_length=10, choices=rules.Gap.choices, blank=True)
    action_needed = models.BooleanField(_("action needed?"), null=True, blank=True)
    action = models.TextField(_("which action"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("situation map row")
        verbose_name_plural = _("situation map rows")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "row_slug"], condition=~Q(row_slug=""), name="situation_row_once"
            ),
            models.CheckConstraint(condition=~Q(row_slug="") | ~Q(own_text=""), name="situation_row_has_text"),
        ]

    def __str__(self) -> str:
        return self.own_text[:80] or self.row_slug


class BottleneckAssessment(models.Model):
    """A knelpunt of the checklist as the school judges it, or one of its own."""

    class Urgency(models.IntegerChoices):
        GEEN = 1, _("1 · not a problem")
        BEPERKT = 2, _("2 · a minor problem")
        GROOT = 3, _("3 · a serious problem")
        URGENT = 4, _("4 · an urgent problem")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="bottlenecks")
    bottleneck_slug = models.SlugField(max_length=80, blank=True)
    own_text = models.TextField(_("your own bottleneck"), blank=True)
    occurs = models.BooleanField(_("does it occur in our school?"), null=True, blank=True)
    urgency = models.PositiveSmallIntegerField(_("how urgent?"), choices=Urgency.choices, null=True, blank=True)
    why = models.TextField(_("why does it occur?"), blank=True)
    own_action = models.TextField(_("what can we do ourselves?"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bottleneck assessment")
        verbose_name_plural = _("bottleneck assessments")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "bottleneck_slug"], condition=~Q(bottleneck_slug=""), name="bottleneck_once"
            ),
            models.CheckConstraint(condition=~Q(bottleneck_slug="") | ~Q(own_text=""), name="bottleneck_has_text"),
            models.CheckConstraint(
                condition=Q(urgency__gte=1, urgency__lte=4) | Q(urgency__isnull=True), name="bottleneck_urgency_range"
            ),
        ]

    def __str__(self) -> str:
        return self.own_text[:80] or self.bottleneck_slug


class Stakeholder(models.Model):
    class Kind(models.TextChoices):
        INTERN = "intern", _("Internal")
        EXTERN = "extern", _("External")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("internal or external"), max_length=10, choices=Kind.choices)
    role = models.CharField(_("role"), max_length=300, blank=True)
    ideas = models.TextField(_("ideas about the school and the theme"), blank=True)
    knowledge = models.TextField(_("knowledge of the theme"), blank=True)
    relations = models.TextField(_("influence and relations"), blank=True)
    interest = models.PositiveSmallIntegerField(_("interest"), validators=SCORE_VALIDATORS)
    influence = models.PositiveSmallIntegerField(_("influence"), validators=SCORE_VALIDATORS)
    alignment = models.CharField(_("alignment of interests"), max_length=20, choices=rules.Alignment.choices)
    trust = models.CharField(_("trustworthiness"), max_length=20, choices=rules.Trust.choices)
    key_figure = models.BooleanField(_("key figure"), default=False)

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["name", "id"]
        constraints = [
            _score_check("interest", "stakeholder_interest_range"),
            _score_check("influence", "stakeholder_influence_range"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def strategy(self) -> rules.Strategy:
        return rules.stakeholder_strategy(self.interest, self.influence)

    @property
    def figure5(self) -> rules.Figure5:
        return rules.figure5_class(self.trust, self.alignment)


class LeverChoice(models.Model):
    """A lever (aanknopingspunt) the school considers in 2A, from Figure 6 or its own."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="levers")
    lever_slug = models.SlugField(max_length=80, blank=True)
    own_text = models.TextField(_("your own lever"), blank=True)
    cluster_slug = models.SlugField(_("topic"), max_length=80)
    impact = models.PositiveSmallIntegerField(_("expected impact"), validators=SCORE_VALIDATORS, null=True, blank=True)
    success = models.PositiveSmallIntegerField(
        _("chance of success"), validators=SCORE_VALIDATORS, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("chosen lever")
        verbose_name_plural = _("chosen levers")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "lever_slug"], condition=~Q(lever_slug=""), name="lever_chosen_once"
            ),
            models.CheckConstraint(condition=~Q(lever_slug="") | ~Q(own_text=""), name="lever_has_text"),
            _score_check("impact", "lever_impact_range", nullable=True),
            _score_check("success", "lever_success_range", nullable=True),
        ]

    def __str__(self) -> str:
        return self.own_text[:80] or self.lever_slug

    @property
    def scored(self) -> bool:
        return self.impact is not None and self.success is not None

    @property
    def quadrant(self) -> rules.LeverQuadrant | None:
        return rules.lever_quadrant(self.impact, self.success) if self.scored else None


class AmoChain(models.Model):
    """The 2B chain: goal → professional behaviour → AMO factors → interventions → leadership
    → expected effect, time path, support and investment."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="amo_chains")
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, null=True, blank=True, related_name="amo_chains", verbose_name=_("goal")
    )
    behaviour = models.TextField(_("desired professional behaviour"))
    expected_effect = models.TextField(_("expected effect"), blank=True)
    time_path = models.TextField(_("time path"), blank=True)
    support = models.TextField(_("support (draagvlak)"), blank=True)
    investment = models.TextField(_("investment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("AMO chain")
        verbose_name_plural = _("AMO chains")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.behaviour[:80]


class AmoElement(models.Model):
    """One line in a chain's Figure 8 table: a factor the teacher needs, an intervention or
    leadership behaviour, taken from Figure 8 or written by the school."""

    chain = models.ForeignKey(AmoChain, on_delete=models.CASCADE, related_name="elements")
    factor = models.CharField(_("factor"), max_length=20, choices=AmoItem.Factor.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=AmoItem.Kind.choices)
    item_slug = models.SlugField(max_length=80, blank=True)
    own_text = models.TextField(_("your own text"), blank=True)
    lever = models.ForeignKey(
        LeverChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amo_elements",
        verbose_name=_("lever from 2A"),
    )

    class Meta:
        verbose_name = _("AMO element")
        verbose_name_plural = _("AMO elements")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(item_slug="") | ~Q(own_text=""), name="amo_element_has_text"),
        ]

    def __str__(self) -> str:
        return self.own_text[:80] or self.item_slug


class CoherenceTheme(models.Model):
    """A theme in the Bijlage 2 matrix: a catalogue theme (by slug) or the school's own."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="coherence_themes")
    theme_slug = models.SlugField(max_length=80, blank=True)
    own_name = models.CharField(_("your own theme"), max_length=200, blank=True)
    ambition = models.TextField(_("our ambition"), blank=True)
    attention = models.TextField(_("points of attention"), blank=True)
    chances = models.TextField(_("chances"), blank=True)
    threats = models.TextField(_("threats"), blank=True)

    class Meta:
        verbose_name = _("coherence theme")
        verbose_name_plural = _("coherence themes")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "theme_slug"], condition=~Q(theme_slug=""), name="coherence_theme_once"
            ),
            models.CheckConstraint(condition=~Q(theme_slug="") | ~Q(own_name=""), name="coherence_theme_has_name"),
        ]

    def __str__(self) -> str:
        return self.own_name or self.theme_slug


class CoherenceLink(models.Model):
    """How one theme influences another, as a cell of the matrix."""

    class Effect(models.TextChoices):
        VERSTERKT = "versterkt", _("strengthens")
        VERZWAKT = "verzwakt", _("weakens")
        GEEN = "geen", _("no influence")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="coherence_links")
    source = models.ForeignKey(CoherenceTheme, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(CoherenceTheme, on_delete=models.CASCADE, related_name="+")
    effect = models.CharField(max_length=10, choices=Effect.choices)

    class Meta:
        verbose_name = _("coherence link")
        verbose_name_plural = _("coherence links")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="coherence_link_once"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="coherence_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}: {self.effect}"


class Streefbeeld(models.Model):
    """What the school wants to see, as observable behaviour, worked out as a team (art:10-14):
    "In onze school zien wij kinderen die …", then the teachers such pupils need, then the
    school leadership those teachers need. Linked to a goal it is a concrete success indicator."""

    class Subject(models.TextChoices):
        KINDEREN = "kinderen", _("pupils")
        LEERKRACHTEN = "leerkrachten", _("teachers")
        SCHOOLLEIDING = "schoolleiding", _("school leadership")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="streefbeelden")
    subject = models.CharField(_("in our school we see"), max_length=15, choices=Subject.choices)
    text = models.TextField(_("who …"))
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("worked out by")
    )
    agreed_on = models.DateField(_("agreed by the team on"), null=True, blank=True)
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="streefbeelden",
        verbose_name=_("success indicator of goal"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["subject", "id"]
        verbose_name = _("target picture")
        verbose_name_plural = _("target pictures")

    def __str__(self) -> str:
        return self.text[:80]


class VanishedProblem(models.Model):
    """A problem or bottleneck that must no longer occur in the school once the change has
    succeeded (art:15-17): the other side of the target pictures."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="vanished_problems")
    text = models.TextField(_("no longer occurs in our school"))
    bottleneck = models.ForeignKey(
        BottleneckAssessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bottleneck from the checklist"),
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("for goal")
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("problem that must no longer occur")
        verbose_name_plural = _("problems that must no longer occur")

    def __str__(self) -> str:
        return self.text[:80]
