"""Survey instruments (content), rounds at a school, invitations, and anonymous responses.

Anonymity is built into the tables (docs/privacy.md): a Response holds its round, its
respondent group and the day it came in, under a random key; nothing else. The link a
respondent used lives in other tables that a response never points to. A Draft is found by a
value derived from the link and sealed with a key that only the link yields, and deleted in the
same transaction that stores the response. When a round closes for good (`finalised`), the
links, drafts and per-person "responded" flags go; only counts per group remain.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from koers.fields import RandomIdField
from koers.networks.models import Network, NetworkMember
from koers.organisations.models import Person, School, Team
from koers.tokens import derive

# An open link's visitor holds a signed session token of this salt, so a visit stores nothing.
OPEN_SESSION_SALT = "koers.surveys.open-session"
MIN_GROUP_FLOOR = 3
DEFAULT_MIN_GROUP = 5
DEFAULT_WINDOW_DAYS = 21


class Translated(models.Model):
    """Content texts in more languages than Dutch, from the YAML: {"en": {"text": "…"}}. A
    respondent reads them in the language active for the request (surveys.views); the report,
    which merges all languages, reads the Dutch fields themselves."""

    translations = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def shown(self, name: str):
        return self.translations.get(get_language() or "", {}).get(name) or getattr(self, name)


class RespondentGroup(Translated):
    """Who answers: directie, P&O, teamleiders, leraren, OOP, mentoren, ouders, leerlingen…"""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=80)
    order = models.PositiveSmallIntegerField(default=0)
    from_content = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("respondent group")
        verbose_name_plural = _("respondent groups")

    def __str__(self) -> str:
        return self.name

    @property
    def shown_name(self) -> str:
        return self.shown("name")


class Instrument(Translated):
    """One version of a questionnaire. A changed structure is a new version under the same
    slug, so the answers of earlier rounds keep the items they were given."""

    class Kind(models.TextChoices):
        STANDARD = "standaard", _("Scores per dimension")
        SCHOOLCONCEPT = "schoolconcept", _("School concept: current and desired profile")

    slug = models.SlugField()
    version = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(_("name"), max_length=120)
    summary = models.TextField(_("summary"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes to fill in"), default=10)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STANDARD)
    groups = models.ManyToManyField(RespondentGroup, related_name="instruments", verbose_name=_("respondent groups"))
    # Schoolconcept only: [{"slug", "name", "description", "positions": {dimension: 1..8}}]
    variants = models.JSONField(default=list, blank=True)
    proposes_question = models.BooleanField(
        _("proposes a development question"),
        default=False,
        help_text=_("The report drafts an ontwikkelvraag from the weakest dimension."),
    )
    active = models.BooleanField(_("active"), default=True)
    # A learning network's in-depth evaluation, never a school's round: it stays out of every
    # school report and benchmark.
    for_networks = models.BooleanField(_("for learning networks"), default=False)
    # 360-degree feedback on one person, asked by that person: never a school's round.
    for_people = models.BooleanField(_("for feedback on one person"), default=False)
    # For feedback on one person: the group of one who answers by name (the leidinggevende).
    named_group = models.SlugField(blank=True)
    from_content = models.BooleanField(default=False, editable=False)
    # Dutch always; more when the content gives every text the respondent reads in them.
    languages = models.JSONField(default=list, blank=True, editable=False)
    # Moves on every change to the instrument or its modules, dimensions and items, so a
    # cached page structure knows it is out of date (selectors.round_pages).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("survey instrument")
        verbose_name_plural = _("survey instruments")
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="instrument_unique_version")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def shown_name(self) -> str:
        return self.shown("name")

    @property
    def shown_summary(self) -> str:
        return self.shown("summary")


class _PartOfInstrument(models.Model):
    """Saving or deleting a part of an instrument marks the instrument as changed."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._touch()

    def delete(self, *args, **kwargs):
        self._touch()
        return super().delete(*args, **kwargs)

    def _instrument_id(self) -> int:
        return self.instrument_id

    def _touch(self) -> None:
        Instrument.objects.filter(pk=self._instrument_id()).update(updated_at=timezone.now())


class Module(_PartOfInstrument):
    """An optional part of an instrument that a round may leave out (the Spiegel is modular)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="modules")
    slug = models.SlugField()
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    required = models.BooleanField(_("always included"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["instrument", "slug"], name="module_unique_slug")]

    def __str__(self) -> str:
        return self.name


class Dimension(Translated, _PartOfInstrument):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="dimensions")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, null=True, blank=True, related_name="dimensions")
    # A school's own questions for one round: part of that round only, stored under no slug
    # another round shares, so they never enter a trend or a benchmark.
    round = models.OneToOneField("Round", on_delete=models.CASCADE, null=True, blank=True, related_name="own_questions")
    slug = models.SlugField()
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    # The ontwikkelvraag this dimension suggests when it scores lowest.
    question = models.TextField(_("development question"), blank=True)
    show_if = models.JSONField(default=dict, blank=True)  # see Item.show_if
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["instrument", "slug"], name="dimension_unique_slug")]

    def __str__(self) -> str:
        return self.name

    @property
    def shown_name(self) -> str:
        return self.shown("name")

    @property
    def shown_description(self) -> str:
        return self.shown("description")


class Scale(models.TextChoices):
    LIKERT5 = "likert5", _("Agree–disagree, 1 to 5")
    BIPOLAR8 = "bipolar8", _("Between two poles, 1 to 8")
    YESNO = "janee", _("Yes or no")
    CHOICE = "keuze", _("Choice from options")
    OPEN = "open", _("Open text")


SCORED = (Scale.LIKERT5, Scale.BIPOLAR8, Scale.YESNO)
OWN_SCALES = (Scale.LIKERT5, Scale.CHOICE, Scale.OPEN)  # what a school's own question may be
MAX_OWN_QUESTIONS = 10
OWN_QUESTIONS_ORDER = 1000  # their page comes after every page of the instrument
# "Weet niet / niet van toepassing" on an item that offers it: counted and shown, never part
# of a mean or spread. Outside every scale's values, so no sum can take it by mistake.
UNKNOWN = -1
UNKNOWN_LABEL = _("Don’t know / not applicable")
LIKERT_LABELS = {1: _("Strongly disagree"), 2: _("Disagree"), 3: _("Neutral"), 4: _("Agree"), 5: _("Strongly agree")}


def scale_values(scale: str, options: list | None = None) -> list[int]:
    """The values an answer on this scale may take (none for open text)."""
    return {
        Scale.LIKERT5: list(range(1, 6)),
        Scale.BIPOLAR8: list(range(1, 9)),
        Scale.YESNO: [0, 1],
        Scale.CHOICE: list(range(1, len(options or []) + 1)),
    }.get(scale, [])


class Item(Translated, _PartOfInstrument):
    class Facet(models.TextChoices):
        NONE = "", _("—")
        CURRENT = "huidig", _("Current")
        DESIRED = "gewenst", _("Desired")

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="items")
    slug = models.SlugField()
    text = models.TextField(_("text"))
    scale = models.CharField(_("scale"), max_length=10, choices=Scale.choices, default=Scale.LIKERT5)
    options = models.JSONField(_("options"), default=list, blank=True)
    low_label = models.CharField(_("label at 1"), max_length=80, blank=True)
    high_label = models.CharField(_("label at 8"), max_length=80, blank=True)
    facet = models.CharField(_("current or desired"), max_length=8, choices=Facet.choices, blank=True, default="")
    required = models.BooleanField(_("required"), default=True)
    unknown_allowed = models.BooleanField(_("offers “don’t know / not applicable”"), default=False)
    # {"item": slug, "values": [...]}: asked only of those who gave one of these answers to that
    # item, on an earlier page; nobody else sees it, and it keeps no answer of theirs.
    show_if = models.JSONField(default=dict, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["dimension", "slug"], name="item_unique_slug")]

    def __str__(self) -> str:
        return self.text

    def _instrument_id(self) -> models.QuerySet:
        return Dimension.objects.filter(pk=self.dimension_id).values("instrument_id")[:1]

    @cached_property
    def values(self) -> list[int]:
        return scale_values(self.scale, self.options)

    @property
    def shown_text(self) -> str:
        return self.shown("text")

    @property
    def shown_options(self) -> list[str]:
        return self.shown("options")

    @property
    def shown_low(self) -> str:
        return self.shown("low_label")

    @property
    def shown_high(self) -> str:
        return self.shown("high_label")

    @property
    def answer_values(self) -> list[int]:
        """What a respondent may answer: the scale, and "don't know" where it is offered."""
        return [*self.values, UNKNOWN] if self.unknown_allowed else self.values

    def clean(self):
        if self.scale == Scale.CHOICE and len(self.options) < 2:
            raise ValidationError({"options": _("A choice needs at least two options.")})
        if self.unknown_allowed and self.scale not in SCORED:
            raise ValidationError({"unknown_allowed": _("Only a scored item offers “don’t know”.")})
        if self.scale == Scale.BIPOLAR8 and not (self.low_label and self.high_label):
            raise ValidationError({"low_label": _("Name both poles of the scale.")})
        if self.scale in SCORED and self.dimension_id:
            others = set(
                self.dimension.items.exclude(pk=self.pk).filter(scale__in=SCORED).values_list("scale", flat=True)
            )
            if others - {self.scale}:
                raise ValidationError(
                    {"scale": _("The scored items of one dimension share one scale, so its mean means something.")}
                )


class Round(models.Model):
    """One run of an instrument, open for a window of days, for exactly one scope: a whole
    school, one team of a school (its members read the report with the school's managers), or
    one person of a school (360-degree feedback: only that person reads it). Team and person
    rounds stay out of every comparison between schools."""

    class State(models.TextChoices):
        PLANNED = "gepland", _("Planned")
        OPEN = "open", _("Open")
        CLOSED = "gesloten", _("Closed")

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="survey_rounds")
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="survey_rounds", verbose_name=_("team")
    )
    subject = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="feedback_rounds", verbose_name=_("about")
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("title"), max_length=160)
    modules = models.JSONField(default=list, blank=True)  # slugs of the chosen modules
    groups = models.ManyToManyField(RespondentGroup, through="RoundGroup", related_name="+")
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on (last day)"))
    closed_early_on = models.DateField(null=True, blank=True)
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=DEFAULT_MIN_GROUP,
        help_text=_("Groups with fewer responses are not shown in the report (at least 3)."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Closed for good: the GroupSummary rows are made and every per-person trace is cleared.
    finalised = models.BooleanField(default=False, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True)  # soft delete, see services

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(min_group_size__gte=MIN_GROUP_FLOOR), name="round_min_group_floor"),
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_opening"),
            models.CheckConstraint(condition=Q(team__isnull=True) | Q(subject__isnull=True), name="round_one_scope"),
        ]

    def __str__(self) -> str:
        return self.title

    def state(self, today: datetime.date) -> str:
        if self.closed_early_on or today > self.closes_on:
            return self.State.CLOSED
        return self.State.PLANNED if today < self.opens_on else self.State.OPEN

    def is_open(self, today: datetime.date) -> bool:
        return self.state(today) == self.State.OPEN

    def last_day(self) -> datetime.date:
        return self.closed_early_on or self.closes_on

    def takes_own_questions(self, today: datetime.date) -> bool:
        """A school's own questions change only before anyone answered, so every answer means
        the same; feedback on one person takes none."""
        return not self.subject_id and self.state(today) != self.State.CLOSED and not self.responses.exists()

    def names(self, group: RespondentGroup) -> bool:
        """Whether the group's one respondent answers by name: the leidinggevende in feedback
        on a person. Everyone else answers anonymously."""
        return bool(self.subject_id) and group.slug == self.instrument.named_group


class RoundGroup(models.Model):
    """A respondent group taking part in a round, with its optional open link (hash only).
    An open link takes at most `expected` responses; `invited` is kept when the round is
    finalised and its invitations no longer say who was asked."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="round_groups")
    group = models.ForeignKey(RespondentGroup, on_delete=models.PROTECT, related_name="+")
    open_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    expected = models.PositiveIntegerField(_("expected number of respondents"), null=True, blank=True)
    open_responses = models.PositiveIntegerField(default=0)
    invited = models.PositiveIntegerField(null=True, blank=True)
    responded = models.PositiveIntegerField(null=True, blank=True)  # kept when finalised
    # The one person this group stands for, who answers knowing their name is shown (the
    # leidinggevende in 360-degree feedback): the group is reported from one response.
    named = models.CharField(_("named respondent"), max_length=120, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "group"], name="round_group_unique")]

    def __str__(self) -> str:
        return f"{self.round} · {self.group}"


class Invitation(models.Model):
    """A personal invitation. Its tokens exist only in the e-mails (InvitationLink keeps their
    hashes); `responded` lets reminders skip those who answered, is never shown per person, and
    is cleared when the round is finalised."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    group = models.ForeignKey(RespondentGroup, on_delete=models.PROTECT, related_name="+")
    email = models.EmailField()
    sent_on = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    responded = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["round", "email"], name="invitation_unique_email")]

    def __str__(self) -> str:
        return f"{self.round} · {self.group}"


class InvitationLink(models.Model):
    """The hash of one link mailed to an invitee. A reminder adds a link and the earlier ones
    keep working, because answers saved under a link can only be opened with that link."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return str(self.invitation)


def draft_lookup(token: str) -> str:
    """How a draft is found: derived from the link, unrelated to the link's stored hash."""
    return derive(token, "draft").hex()


class Draft(models.Model):
    """Answers saved along the way. `lookup` and the key that opens `sealed` are both derived
    from the respondent's link (koers.tokens), so without the link the database can neither
    read a draft nor join it to an invitation. Deleted when the response is stored."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(RespondentGroup, on_delete=models.PROTECT, related_name="+")
    lookup = models.CharField(max_length=64, unique=True)
    sealed = models.TextField()  # item id (str) -> int or text, AES-GCM under the link's key
    updated_on = models.DateField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.round} · {self.group}"


class Response(models.Model):
    """One submitted questionnaire: round, group and day. Nothing that names a person, and a
    random key, so no column or row order follows the order of submission."""

    id = RandomIdField(primary_key=True)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    group = models.ForeignKey(RespondentGroup, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.round} · {self.group} · {self.submitted_on}"


class Answer(models.Model):
    """One answer. The largest table by far (12 million rows a year at 2,000 schools), written
    at random places because of its random key, so it carries as few indexes as it can: the
    unique (response, item) also serves every read by response, and a round's report reads
    the counts stored when it closed, never these rows."""

    id = RandomIdField(primary_key=True)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", db_index=False)
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="answer_once_per_item")]

    def __str__(self) -> str:
        return f"{self.item.slug}: {self.value if self.value is not None else self.text}"


class GroupSummary(models.Model):
    """The aggregate of one closed round, group and dimension: what trend and benchmark read,
    so they never go back to the answers. Only groups that met the round's minimum."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="summaries")
    group = models.ForeignKey(RespondentGroup, on_delete=models.PROTECT, related_name="+")
    dimension_slug = models.SlugField()
    facet = models.CharField(max_length=8, blank=True)
    n = models.PositiveIntegerField()  # scored answers
    total = models.IntegerField()  # their sum

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "group", "dimension_slug", "facet"], name="summary_unique")
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.group} · {self.dimension_slug}"


class ItemCount(models.Model):
    """How often one answer option of one item was chosen in a closed round and group; for an
    open item (`value` empty), how many wrote something. Written once when the round is
    finalised, for the groups that met its minimum, so a closed round's report, exports and
    evidence never read the answers again: their cost no longer grows with the responses."""

    # Read only by round: the unique index serves that, so the other keys get no index of
    # their own (at national scale these rows number millions).
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="item_counts", db_index=False)
    group = models.ForeignKey(RespondentGroup, on_delete=models.PROTECT, related_name="+", db_index=False)
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", db_index=False)
    value = models.SmallIntegerField(null=True)
    n = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "group", "item", "value"], name="item_count_unique")]

    def __str__(self) -> str:
        return f"{self.round} · {self.group} · {self.item_id}: {self.value} × {self.n}"


class Evidence(models.Model):
    """A round's results attached to a trajectory's 1B (current situation)."""

    trajectory = models.ForeignKey("trajectories.Trajectory", on_delete=models.CASCADE, related_name="survey_evidence")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="evidence")
    note = models.TextField(_("what this tells us"), blank=True)
    question = models.TextField(_("development question (draft)"), blank=True)
    attached_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    attached_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attached_at", "id"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "round"], name="evidence_once_per_round")]

    def __str__(self) -> str:
        return f"{self.trajectory} · {self.round}"


class NetworkEvaluation(models.Model):
    """A learning network's in-depth evaluation, twice a school year (drl:2199-2212): each
    member places crosses on the indicators and scores the value the network creates, the
    meeting looks at the distribution without names and records its shared picture, its
    conclusions and its agreements. What a member answered is a NetworkAnswer with no link back;
    EvaluationTaken only says that a member answered, so each answers once."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="deep_evaluations")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="network_evaluations")
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on (last day)"))
    closed_early_on = models.DateField(null=True, blank=True)
    conclusions = models.TextField(_("conclusions we draw together"), blank=True)
    agreements = models.TextField(_("agreements we make"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("in-depth evaluation")
        verbose_name_plural = _("in-depth evaluations")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="network_evaluation_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network} · {self.opens_on}"

    def last_day(self) -> datetime.date:
        return self.closed_early_on or self.closes_on

    def is_open(self, today: datetime.date) -> bool:
        return self.closed_early_on is None and self.opens_on <= today <= self.closes_on

    def is_closed(self, today: datetime.date) -> bool:
        return self.closed_early_on is not None or today > self.closes_on


class EvaluationTaken(models.Model):
    """That this member answered: no time, nothing of what."""

    evaluation = models.ForeignKey(NetworkEvaluation, on_delete=models.CASCADE, related_name="taken")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "member"], name="network_evaluation_once")]

    def __str__(self) -> str:
        return str(self.member)


class NetworkAnswer(models.Model):
    """One cross or score, or the example: under a random key and without a response that
    groups it, so no answer leads back to a member or to the member's other answers."""

    id = RandomIdField(primary_key=True)
    evaluation = models.ForeignKey(NetworkEvaluation, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="network_answers")
    value = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["evaluation", "item", "value"], name="network_answer_covering")]

    def __str__(self) -> str:
        return f"{self.item.slug}: {self.value if self.value is not None else self.text}"


class SharedPicture(models.Model):
    """Where the group agrees it stands on one indicator, and where it wants to be."""

    evaluation = models.ForeignKey(NetworkEvaluation, on_delete=models.CASCADE, related_name="pictures")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    agreed_now = models.PositiveSmallIntegerField(_("now"), null=True, blank=True)
    desired = models.PositiveSmallIntegerField(_("desired"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "item"], name="shared_picture_once"),
            models.CheckConstraint(
                condition=Q(agreed_now__isnull=True) | Q(agreed_now__gte=1, agreed_now__lte=8),
                name="shared_picture_now_on_scale",
            ),
            models.CheckConstraint(
                condition=Q(desired__isnull=True) | Q(desired__gte=1, desired__lte=8),
                name="shared_picture_desired_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.slug}: {self.agreed_now} → {self.desired}"
