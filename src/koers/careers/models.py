"""The teacher's own career (drieluik deel 3, ch. 5, 7, 8 and 9; handreiking §2.2.3, §3.3.1):
roles in four domains with a reference framework, the school's adopted and published version of
a framework, roles with a limited number of places, and the POP that the teacher owns.

The teacher owns her career data (drl:3511-3524): a POP is hers alone until she shares it with a
person through a CareerShare, which she can end at any moment; every read of a share is kept so
she sees who read what. Schools and the board see that a POP exists, never what it says."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers import uploads
from koers.instruments.models import Goal
from koers.organisations.models import Person, School
from koers.surveys.models import Round

# Levels on the ervaring axis of professional development (drl:2264-2266).
LEVELS = ("beginnend", "gevorderd", "expert")
# Career figures about a group show only from this many people, so nobody is singled out (R6).
MIN_GROUP = 5


def school_year(day: datetime.date) -> str:
    """The school year a day falls in, from 1 August: "2026-2027"."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


class Level(models.TextChoices):
    BEGINNEND = "beginnend", _("Beginning")
    GEVORDERD = "gevorderd", _("Advanced")
    EXPERT = "expert", _("Expert")


class CareerDomain(models.Model):
    """One of the four domains of career development (drl:3792-3798)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class ReferenceFramework(models.Model):
    """A reference framework of competences with levels, from `loopbaan/kaders/`."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    intro = models.TextField(_("introduction"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class Competence(models.Model):
    framework = models.ForeignKey(ReferenceFramework, on_delete=models.CASCADE, related_name="competences")
    slug = models.SlugField()
    name = models.CharField(_("name"), max_length=200)
    beginnend = models.TextField()
    gevorderd = models.TextField()
    expert = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "slug"], name="competence_unique_per_framework")]

    def __str__(self) -> str:
        return self.name


class CareerRole(models.Model):
    class Breadth(models.TextChoices):
        """The breadth of the work field, the second dimension (drl:2266-2267)."""

        KLAS = "klas", _("Own class or team")
        SCHOOL = "school", _("The school")
        BOVENSCHOOLS = "bovenschools", _("Beyond the school")
        INTERNATIONAAL = "internationaal", _("(Inter)national")

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    domain = models.ForeignKey(CareerDomain, on_delete=models.PROTECT, related_name="roles")
    breadth = models.CharField(_("breadth"), max_length=15, choices=Breadth.choices)
    description = models.TextField(_("description"))
    framework = models.ForeignKey(ReferenceFramework, on_delete=models.PROTECT, related_name="roles")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["domain__order", "order"]

    def __str__(self) -> str:
        return self.name


class ActivityKind(models.Model):
    """A kind of development activity for the POP (drl:2444-2451, hr:3055-3057)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    effective = models.BooleanField(default=False)
    collective = models.BooleanField(default=False)
    formal = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class SchoolFramework(models.Model):
    """A school's own copy of a reference framework, adapted with its teachers (drl:3229-3232,
    3255-3272) and given context elements (drl:3196-3205). What it says is the draft; every use
    cites a published FrameworkVersion, which never changes."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="career_frameworks")
    framework = models.ForeignKey(ReferenceFramework, on_delete=models.PROTECT, related_name="adoptions")
    competences = models.JSONField(default=list, help_text="[{slug, name, beginnend, gevorderd, expert}]")
    context_elements = models.TextField(_("what our context asks"), blank=True)
    drafted_with = models.TextField(_("drafted with"), blank=True)
    adopted_at = models.DateTimeField(default=timezone.now)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["framework__order"]
        constraints = [models.UniqueConstraint(fields=["school", "framework"], name="framework_once_per_school")]

    def __str__(self) -> str:
        return f"{self.framework} ({self.school})"


class FrameworkVersion(models.Model):
    """A published, dated version of a school's framework: what a self-assessment, conversation
    or procedure cites (R5)."""

    school_framework = models.ForeignKey(SchoolFramework, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    published_on = models.DateField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    competences = models.JSONField()
    context_elements = models.TextField(blank=True)
    drafted_with = models.TextField(blank=True)

    class Meta:
        ordering = ["school_framework", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["school_framework", "number"], name="framework_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.school_framework.framework.name}, versie {self.number} ({self.published_on:%d-%m-%Y})"


class RoleOffer(models.Model):
    """A role the school offers with a limited number of places (drl:3026-3032)."""

    class LevelHint(models.TextChoices):
        LB = "LB", "LB"
        LC = "LC", "LC"
        LD = "LD", "LD"

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        VOL = "vol", _("Filled")
        GESLOTEN = "gesloten", _("Closed")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="role_offers")
    role = models.ForeignKey(CareerRole, on_delete=models.PROTECT, related_name="offers")
    places = models.PositiveSmallIntegerField(_("places"))
    hours = models.PositiveSmallIntegerField(_("task hours per year"), null=True, blank=True)
    level_hint = models.CharField(_("salary scale"), max_length=2, choices=LevelHint.choices, blank=True)
    period = models.CharField(_("period"), max_length=100, blank=True)
    note = models.TextField(_("what the role asks at our school"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["status", "role__domain__order", "role__order", "-created_at"]
        constraints = [models.CheckConstraint(condition=Q(places__gte=1), name="role_offer_has_places")]

    def __str__(self) -> str:
        return f"{self.role} ({self.school})"


class RoleInterest(models.Model):
    """A teacher's interest in an offered role: formative, seen by her and the school leader."""

    offer = models.ForeignKey(RoleOffer, on_delete=models.CASCADE, related_name="interests")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_interests")
    motivation = models.TextField(_("motivation"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["offer", "person"], name="interest_once_per_offer")]

    def __str__(self) -> str:
        return f"{self.person}: {self.offer}"


class RoleHolding(models.Model):
    offer = models.ForeignKey(RoleOffer, on_delete=models.CASCADE, related_name="holdings")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_holdings")
    starts_on = models.DateField(_("from"))
    # The first day no longer held: a holding ended today frees its place today.
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on"]
        constraints = [models.UniqueConstraint(fields=["offer", "person"], name="holding_once_per_offer")]

    def __str__(self) -> str:
        return f"{self.person}: {self.offer}"

    def current(self, day: datetime.date) -> bool:
        return self.ends_on is None or self.ends_on > day


class Pop(models.Model):
    """The teacher's personal development plan for one school year. The link to the school's
    goals points one way: the POP names the goal it serves; the goal never shows the POP."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="pops")
    school_year = models.CharField(_("school year"), max_length=9)  # "2026-2027"
    ambition = models.TextField(_("ambition"), blank=True)
    role = models.ForeignKey(
        CareerRole, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("role")
    )
    school_goals = models.ManyToManyField(Goal, blank=True, related_name="+", verbose_name=_("school goals"))
    hours_agreed = models.PositiveSmallIntegerField(_("professional hours agreed"), null=True, blank=True)
    hours_own_choice = models.PositiveSmallIntegerField(_("of which my own choice"), null=True, blank=True)
    budget_agreed = models.DecimalField(_("budget agreed"), max_digits=8, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-school_year"]
        constraints = [models.UniqueConstraint(fields=["person", "school_year"], name="pop_once_per_year")]

    def __str__(self) -> str:
        return f"POP {self.school_year}"


class PopGoal(models.Model):
    pop = models.ForeignKey(Pop, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("goal"))
    competence = models.ForeignKey(
        Competence,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pop_goals",
        verbose_name=_("competence"),
    )
    success_criterion = models.TextField(_("I have reached it when"), blank=True)
    due = models.DateField(_("by"), null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]


class PopActivity(models.Model):
    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Planned")
        BEZIG = "bezig", _("Under way")
        AFGEROND = "afgerond", _("Done")
        VERVALLEN = "vervallen", _("Dropped")

    pop = models.ForeignKey(Pop, on_delete=models.CASCADE, related_name="activities")
    kind = models.ForeignKey(ActivityKind, on_delete=models.PROTECT, related_name="activities", verbose_name=_("kind"))
    title = models.CharField(_("what"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    with_whom = models.CharField(_("with whom"), max_length=200, blank=True)
    contact_hours = models.PositiveSmallIntegerField(_("contact hours"), default=0)
    study_hours = models.PositiveSmallIntegerField(_("self-study hours"), default=0)
    cost = models.DecimalField(_("cost"), max_digits=8, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.GEPLAND)

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="pop_activity_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


def evidence_path(evidence: Evidence, filename: str) -> str:
    return uploads.random_name(f"portfolio/{evidence.person_id}", filename)


class Evidence(models.Model):
    """An item of the teacher's reflective portfolio (drl:3376-3379): a file or a link, tagged by
    competence, with her reflection. Private by default; she shares it per item."""

    class Kind(models.TextChoices):
        LESOBSERVATIE = "lesobservatie", _("Lesson observation")
        LEERLINGWERK = "leerlingwerk", _("Pupils’ work")
        LESONTWERP = "lesontwerp", _("Lesson design")
        CERTIFICAAT = "certificaat", _("Certificate")
        REFLECTIE = "reflectie", _("Reflection")
        FEEDBACK360 = "feedback360", _("360° feedback")
        NETWERKOPBRENGST = "netwerkopbrengst", _("Yield of a learning network")
        VIDEO = "video_link", _("Video (link)")
        OVERIG = "overig", _("Other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200, blank=True)
    file_name = models.CharField(max_length=200, blank=True, editable=False)
    file_size = models.PositiveIntegerField(default=0, editable=False)
    link = models.URLField(_("link"), blank=True)
    date = models.DateField(_("date"))
    competences = models.ManyToManyField(Competence, blank=True, related_name="evidence", verbose_name=_("competences"))
    reflection = models.TextField(_("my reflection"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("portfolio")

    def __str__(self) -> str:
        return self.title


class ExpertiseArea(models.Model):
    """An area of expertise (content, drl:4094-4100)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    source = models.CharField(max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class ExpertiseEntry(models.Model):
    """What a staff member knows or wants to grow in, so the school can find who knows what
    (drl:4090-4104). Private by default (R1): she chooses to show it to her team or school."""

    class Level(models.TextChoices):
        INTERESSE = "interesse", _("Interested")
        ERVAREN = "ervaren", _("Experienced")
        EXPERT = "expert", _("Expert")

    class Wants(models.TextChoices):
        INZETTEN = "inzetten", _("I want to put it to use")
        ONTWIKKELEN = "ontwikkelen", _("I want to grow in it")

    class Visibility(models.TextChoices):
        PRIVE = "prive", _("Only me")
        TEAM = "team", _("My teams")
        SCHOOL = "school", _("My school")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="expertise")
    area = models.ForeignKey(
        ExpertiseArea, on_delete=models.PROTECT, related_name="entries", verbose_name=_("area"), null=True, blank=True
    )
    topic = models.CharField(
        _("in a few words"), max_length=120, help_text=_('For example "rekenproblemen in de onderbouw".')
    )
    description = models.TextField(_("what you know or do"), blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    wants = models.CharField(_("ambition"), max_length=12, choices=Wants.choices)
    evidence = models.ForeignKey(
        Evidence, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("evidence")
    )
    visibility = models.CharField(_("who sees it"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area__order", "topic"]
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")

    def __str__(self) -> str:
        return self.topic


class CareerCycle(models.Model):
    """The formative career cycle in four steps (drl:3443-3458): orientation on roles, on the
    reference framework, the reality check, and consequences and follow-up. It is the teacher's;
    its follow-up writes goals into her POP."""

    MOST_ORIENTATIONS = 3

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="career_cycles")
    compared = models.ManyToManyField(CareerRole, blank=True, related_name="+", verbose_name=_("roles compared"))
    role = models.ForeignKey(
        CareerRole, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("chosen role")
    )
    motivation = models.TextField(_("why this role"), blank=True)
    # The framework read in step 2: the school's published version when there is one (cited),
    # else the framework as the content describes it.
    framework = models.ForeignKey(ReferenceFramework, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    framework_read_at = models.DateTimeField(null=True, blank=True)
    gaps = models.TextField(_("the gap between where I am and where I want to be"), blank=True)
    support_needed = models.TextField(_("what development and support that asks"), blank=True)
    pop = models.ForeignKey(Pop, on_delete=models.SET_NULL, null=True, blank=True, related_name="cycles")
    created_at = models.DateTimeField(default=timezone.now)
    followed_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.person}: {self.role or '—'}"


class SelfAssessment(models.Model):
    """Step 3, the reality check: where she stands on one competence of the framework she read,
    and where she wants to get. The competence is named by its slug, the same in every version."""

    cycle = models.ForeignKey(CareerCycle, on_delete=models.CASCADE, related_name="assessments")
    competence_slug = models.SlugField()
    competence_name = models.CharField(max_length=200)
    current_level = models.CharField(_("where I stand"), max_length=10, choices=Level.choices)
    target_level = models.CharField(_("where I want to get"), max_length=10, choices=Level.choices, blank=True)
    note = models.TextField(_("what shows it"), blank=True)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="assessments", verbose_name=_("evidence"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "competence_slug"], name="assessment_once_per_competence")
        ]

    def __str__(self) -> str:
        return f"{self.competence_name}: {self.current_level}"

    @property
    def grows(self) -> bool:
        return bool(self.target_level) and LEVELS.index(self.target_level) > LEVELS.index(self.current_level)


class CareerShare(models.Model):
    """The teacher lets one person read one of her items, until a date or until she ends it."""

    pop = models.ForeignKey(Pop, on_delete=models.CASCADE, null=True, blank=True, related_name="shares")
    cycle = models.ForeignKey(CareerCycle, on_delete=models.CASCADE, null=True, blank=True, related_name="shares")
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, null=True, blank=True, related_name="shares")
    shared_with = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="career_shares")
    until = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pop__isnull=False, cycle__isnull=True, evidence__isnull=True)
                | Q(pop__isnull=True, cycle__isnull=False, evidence__isnull=True)
                | Q(pop__isnull=True, cycle__isnull=True, evidence__isnull=False),
                name="share_names_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} → {self.shared_with}"

    @property
    def item(self):
        return self.pop or self.cycle or self.evidence


class ShareRead(models.Model):
    """One read through a share, for the teacher to see who read what she shared."""

    share = models.ForeignKey(CareerShare, on_delete=models.CASCADE, related_name="reads")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.share} {self.at:%Y-%m-%d %H:%M}"


class Purpose(models.TextChoices):
    """The three purposes of evaluating teachers, never combined (drl:3087-3090, 3160-3184)."""

    ONTWIKKELING = "ontwikkeling", _("Development")
    SELECTIE = "selectie", _("Selection")
    BORGING = "borging", _("Assurance")


class ConversationKind(models.TextChoices):
    PLANNING = "planningsgesprek", _("Planning conversation")
    VOORTGANG = "voortgangsgesprek", _("Progress conversation")
    BEOORDELING = "beoordelingsgesprek", _("Appraisal conversation")
    WAARDERING = "waarderingsgesprek", _("Appreciation conversation")
    FUNCTIONERING = "functioneringsgesprek", _("Yearly performance conversation")
    POP = "pop_gesprek", _("POP conversation")


class CycleTemplate(models.Model):
    """A conversation cycle a school can choose (`loopbaan/gesprekscycli.yaml`)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class CycleStep(models.Model):
    template = models.ForeignKey(CycleTemplate, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=25, choices=ConversationKind.choices)
    month = models.PositiveSmallIntegerField()
    purpose = models.CharField(max_length=15, choices=Purpose.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["template", "order"]

    def __str__(self) -> str:
        return self.get_kind_display()


class ConversationPlan(models.Model):
    """The cycle a school chose for its yearly conversations."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="conversation_plan")
    template = models.ForeignKey(CycleTemplate, on_delete=models.PROTECT, related_name="plans")
    chosen_at = models.DateTimeField(default=timezone.now)
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    def __str__(self) -> str:
        return f"{self.school}: {self.template}"


class Conversation(models.Model):
    """One conversation of the cycle between a staff member and her leidinggevende: her
    preparation, the agreements on time, money and manner (hr:1295-1299), for an appraisal
    the judgement against a published framework version (R5), and always her own comment (R3).
    Once both agree it is locked; a change is a new version with its reason, and the old one
    stays as it was."""

    class Recognises(models.TextChoices):
        JA = "ja", _("Yes")
        DEELS = "deels", _("Partly")
        NEE = "nee", _("No")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="conversations")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations_led",
        verbose_name=_("leidinggevende"),
    )
    kind = models.CharField(_("kind"), max_length=25, choices=ConversationKind.choices)
    purpose = models.CharField(_("purpose"), max_length=15, choices=Purpose.choices)
    school_year = models.CharField(_("school year"), max_length=9)
    scheduled_on = models.DateField(_("planned on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    teacher_preparation = models.TextField(_("my preparation"), blank=True)
    agreements = models.TextField(_("agreements"), blank=True)
    prof_hours = models.PositiveSmallIntegerField(_("hours for professional development"), null=True, blank=True)
    prof_budget = models.DecimalField(_("budget"), max_digits=8, decimal_places=2, null=True, blank=True)
    prof_manner = models.ManyToManyField(ActivityKind, blank=True, related_name="+", verbose_name=_("manner"))
    differentiation_agreement = models.TextField(_("agreements on the differentiation skills"), blank=True)
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    judgement = models.JSONField(default=list, blank=True, help_text="[{slug, name, text}] per competence")
    judgement_overall = models.TextField(_("overall judgement"), blank=True)
    teacher_comment = models.TextField(_("my comment"), blank=True)
    teacher_recognises = models.CharField(
        _("I recognise myself in this"), max_length=5, choices=Recognises.choices, blank=True
    )
    teacher_agreed_at = models.DateTimeField(null=True, blank=True)
    manager_agreed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    change_reason = models.TextField(_("why it changed"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["scheduled_on", "id"]
        indexes = [models.Index(fields=["person", "school_year"], name="conversation_person_year")]
        constraints = [
            # An appraisal assures; every other conversation is for development (R2).
            models.CheckConstraint(
                condition=Q(kind="beoordelingsgesprek", purpose="borging")
                | (~Q(kind="beoordelingsgesprek") & Q(purpose="ontwikkeling")),
                name="conversation_one_purpose_by_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.person} ({self.scheduled_on:%d-%m-%Y})"

    @property
    def locked(self) -> bool:
        return self.teacher_agreed_at is not None and self.manager_agreed_at is not None


class FunctiemixTarget(models.Model):
    """The school's own target for its mix of LB, LC and LD posts, in percent; the seeds give
    no norm, so the school sets it (hr:2628-2631)."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="functiemix_target")
    lb = models.PositiveSmallIntegerField("LB %")
    lc = models.PositiveSmallIntegerField("LC %")
    ld = models.PositiveSmallIntegerField("LD %")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(lb__lte=100, lc__lte=100, ld__lte=100), name="mix_percent")]

    def __str__(self) -> str:
        return f"{self.school}: LB {self.lb}% / LC {self.lc}% / LD {self.ld}%"


class FeedbackRequest(models.Model):
    """360-degree feedback the teacher asks for herself (drl:3282-3285), always for her own
    development: a survey round about her, on at most eight competences, for colleagues, pupils
    and parents (anonymous, each from three responses) and her leidinggevende (by name). Only
    she reads the result, until she adds it to her portfolio."""

    MOST_COMPETENCES = 8
    WINDOW_DAYS = 14
    purpose = Purpose.ONTWIKKELING

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="feedback_requests")
    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="feedback_request")
    competences = models.ManyToManyField(Competence, related_name="+", verbose_name=_("competences"))
    manager = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("leidinggevende")
    )
    evidence = models.OneToOneField(
        Evidence, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback_request"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.round)


class SelectionProcedure(models.Model):
    """Summative selection for a role with more candidates than places (drl:3026-3039), kept
    apart from development (R2). Its criteria come from the school's published framework
    version and are shown to the candidates first (R5); at least two assessors judge; the
    decision gives its reasons (drl:3526-3534)."""

    MIN_ASSESSORS = 2
    purpose = Purpose.SELECTIE

    offer = models.ForeignKey(RoleOffer, on_delete=models.CASCADE, related_name="procedures")
    version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="+")
    criteria = models.JSONField(help_text="[{slug, name, weight}] of the version's competences")
    assessors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("assessors"))
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer"], condition=Q(decided_at__isnull=True), name="one_open_procedure_per_offer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer} ({self.opened_at:%d-%m-%Y})"


class Candidate(models.Model):
    procedure = models.ForeignKey(SelectionProcedure, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="candidacies")
    motivation = models.TextField(_("motivation for this procedure"), blank=True)
    chosen = models.BooleanField(null=True)  # None until the decision

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [models.UniqueConstraint(fields=["procedure", "person"], name="candidate_once")]

    def __str__(self) -> str:
        return f"{self.person}: {self.procedure}"


def submission_path(submission: Submission, filename: str) -> str:
    return uploads.random_name(f"selectie/{submission.candidate.procedure_id}", filename)


class Submission(models.Model):
    """A copy of a portfolio item that the candidate submitted herself: the only bridge from
    development to selection (R2). It points to nothing of her portfolio, which stays hers."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="submissions")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Evidence.Kind.choices)
    file = models.FileField(upload_to=submission_path, max_length=200, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    file_size = models.PositiveIntegerField(default=0)
    link = models.URLField(blank=True)
    date = models.DateField()
    competences = models.CharField(max_length=500, blank=True)  # names, as she tagged them
    reflection = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return self.title


class Judgement(models.Model):
    """One assessor's judgement of one candidate: a score per criterion and a note."""

    rows: list[tuple[str, int | None]]  # set by the selectors for reading, in criteria order

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="judgements")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scores = models.JSONField()  # {criterion slug: 1..4}
    note = models.TextField(_("substantiation"))
    judged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["candidate", "assessor"], name="judgement_once")]

    def __str__(self) -> str:
        return f"{self.assessor}: {self.candidate}"
