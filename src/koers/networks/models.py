"""Learning networks of schools (magazine "Leernetwerken voor de professionele school"): a
network starts from a regional question, forms with members from five to ten schools, meets a
set number of facilitated times and then steers itself. Membership of a network is the grant
that lets someone in: outside it, a network is a 404 (networks.access)."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers import uploads
from koers.catalog.models import Theme
from koers.fields import RandomIdField
from koers.organisations.models import Region, School, User


class ContentItem(models.Model):
    """An entry of netwerken.yaml: found by its slug, shown in the content's order."""

    slug = models.SlugField(unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order"]


class ThemeCategory(ContentItem):
    """What a network is about, as the magazine counts them."""

    name = models.CharField(_("name"), max_length=100)

    class Meta(ContentItem.Meta):
        verbose_name = _("theme category")
        verbose_name_plural = _("theme categories")

    def __str__(self) -> str:
        return self.name


class SuccessCondition(ContentItem):
    """What the start of a network is checked against."""

    text = models.TextField()

    class Meta(ContentItem.Meta):
        verbose_name = _("success condition")
        verbose_name_plural = _("success conditions")

    def __str__(self) -> str:
        return self.text


class StopReason(ContentItem):
    """Why a network stopped."""

    name = models.CharField(_("name"), max_length=200)

    class Meta(ContentItem.Meta):
        verbose_name = _("stop reason")
        verbose_name_plural = _("stop reasons")

    def __str__(self) -> str:
        return self.name


class WorkForm(ContentItem):
    """A way of working in a meeting (mag:246-254): intervision, a SWOT, a guest with cases."""

    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(blank=True)

    class Meta(ContentItem.Meta):
        verbose_name = _("work form")
        verbose_name_plural = _("work forms")

    def __str__(self) -> str:
        return self.name


class PsoTheme(ContentItem):
    """The five themes on which the regiocoördinatoren see schools grow (mag:97-104)."""

    name = models.CharField(_("name"), max_length=100)

    class Meta(ContentItem.Meta):
        verbose_name = _("PSO theme")
        verbose_name_plural = _("PSO themes")

    def __str__(self) -> str:
        return self.name


# The seeds' numbers, as warnings and defaults (never blocks): five to ten schools, at least two
# people per school, at most five facilitated meetings (Stap 2; the handreiking says six).
FEWEST_SCHOOLS, MOST_SCHOOLS, FEWEST_PER_SCHOOL = 5, 10, 2
FACILITATED_DEFAULT, FACILITATED_LIMIT, FACILITATED_WARN = 5, 8, 6
EVALUATION_DAYS = 7  # the short evaluation is open this long after the meeting
RECHECK_MONTHS = 6  # "had the intention to go on" is asked again after half a year
FATE_DUE_DAYS = 30  # after the last facilitated meeting, the way forward is to be recorded


class Fate(models.TextChoices):
    GAAT_DOOR = "gaat_door", _("Goes on by itself")
    INTENTIE = "intentie", _("Means to go on by itself")
    GESTOPT = "gestopt", _("Stopped")


class Network(models.Model):
    class Status(models.TextChoices):
        INITIATIEF = "initiatief", _("Initiative")
        STARTFASE = "startfase", _("Starting")
        BEGELEID = "begeleid", _("Facilitated")
        ZELFSTUREND = "zelfsturend", _("Self-steering")
        GESTOPT = "gestopt", _("Stopped")

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="networks", verbose_name=_("region"), null=True, blank=True
    )
    theme_category = models.ForeignKey(
        ThemeCategory, on_delete=models.PROTECT, related_name="networks", verbose_name=_("theme")
    )
    shrm_theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("werkdocument theme"),
        help_text=_("The theme of the handreiking it works on, so schools with a trajectory on it find it."),
    )
    regional_question = models.TextField(
        _("regional question"),
        help_text=_("The question the schools of the region feel and want to get wiser about together."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INITIATIEF)
    facilitated_max = models.PositiveSmallIntegerField(
        _("facilitated meetings"),
        default=FACILITATED_DEFAULT,
        validators=[
            MinValueValidator(1, _("Give at least one facilitated meeting.")),
            MaxValueValidator(
                FACILITATED_LIMIT, _("At most eight facilitated meetings: after that the network steers itself.")
            ),
        ],
        help_text=_("After these, the network steers itself. The magazine advises five; at most eight."),
    )
    conditions_met = models.ManyToManyField(
        SuccessCondition, blank=True, related_name="networks", verbose_name=_("conditions met")
    )
    initiated_by = models.ForeignKey(
        School, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("initiated by")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="spin_offs", verbose_name=_("grew from")
    )
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    share_evaluations_with_region = models.BooleanField(
        _("show our shared picture to the region's coordinator"),
        default=False,
        help_text=_("Only what the group agreed together: never the crosses or anyone's answers."),
    )
    # How it went on after the facilitated meetings (mag:195-217: 62% went on, 14% meant to, 24% stopped).
    fate = models.CharField(_("how it goes on"), max_length=10, choices=Fate.choices, blank=True)
    fate_recorded_on = models.DateField(null=True, blank=True)
    recheck_on = models.DateField(_("ask again on"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)  # by `koers remind_networks`
    stop_reason = models.ForeignKey(
        StopReason, on_delete=models.PROTECT, null=True, blank=True, related_name="networks", verbose_name=_("why")
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(facilitated_max__gte=1) & Q(facilitated_max__lte=FACILITATED_LIMIT),
                name="network_facilitated_max_range",
            )
        ]
        verbose_name = _("learning network")
        verbose_name_plural = _("learning networks")

    def __str__(self) -> str:
        return self.name


class NetworkMember(models.Model):
    """The grant: a user in a network, for a school (or none, as a procesbegeleider or guest
    from outside), with what they promised (mag:1953-1957, 1336-1337, 1852-1857)."""

    class Role(models.TextChoices):
        DEELNEMER = "deelnemer", _("Participant")
        PROCESBEGELEIDER = "procesbegeleider", _("Process facilitator")
        COORDINATOR = "coordinator", _("Coordinator from the group")
        GAST = "gast", _("Guest")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="network_memberships")
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_members",
        verbose_name=_("school"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.DEELNEMER)
    attends_all = models.BooleanField(_("I come to every meeting"), default=False)
    will_prepare = models.BooleanField(_("I prepare each meeting"), default=False)
    leadership_informed = models.BooleanField(_("my school's leadership knows I take part"), default=False)
    learning_ambition = models.TextField(_("what I want to learn"), blank=True)
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["school__name", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["network", "user"], name="network_member_once")]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")

    def __str__(self) -> str:
        return f"{self.user} — {self.network}"


FACILITATING_ROLES = {NetworkMember.Role.PROCESBEGELEIDER, NetworkMember.Role.COORDINATOR}


class Meeting(models.Model):
    class Kind(models.TextChoices):
        START = "startbijeenkomst", _("Start meeting")
        MEETING = "bijeenkomst", _("Meeting")
        REGIONAL = "regiobijeenkomst", _("Regional meeting")

    class Status(models.TextChoices):
        PLANNED = "gepland", _("Planned")
        HELD = "gehouden", _("Held")
        CANCELLED = "geannuleerd", _("Cancelled")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    facilitated = models.BooleanField(
        _("facilitated"), default=True, help_text=_("Led by the process facilitator; counts toward the maximum.")
    )
    date = models.DateField(_("date"))
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    theme = models.CharField(_("theme"), max_length=200)
    agenda = models.TextField(_("agenda"), blank=True)
    work_forms = models.ManyToManyField(WorkForm, blank=True, related_name="meetings", verbose_name=_("work forms"))
    guest_name = models.CharField(_("guest speaker"), max_length=200, blank=True)
    guest_organisation = models.CharField(_("guest's organisation"), max_length=200, blank=True)
    guest_topic = models.CharField(_("guest's topic"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    verslag = models.TextField(_("report"), blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)  # the calendar's SEQUENCE

    class Meta:
        ordering = ["date", "start", "id"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="meeting_ends_after_start")]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.network}: {self.theme}"

    @property
    def evaluation_closes_on(self) -> datetime.date:
        return self.date + datetime.timedelta(days=EVALUATION_DAYS)


class Attendance(models.Model):
    class State(models.TextChoices):
        PRESENT = "aanwezig", _("Present")
        ABSENT = "afwezig", _("Absent")
        EXCUSED = "afgemeld", _("Sent apologies")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="attendance")
    state = models.CharField(_("attendance"), max_length=10, choices=State.choices)
    # Whether this attendee gave the short evaluation: it lets each give one, and says nothing
    # of what they answered (MeetingEvaluation has no link back).
    evaluated = models.BooleanField(default=False, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.member.user} — {self.get_state_display()}"


class IntervisionCase(models.Model):
    """A case brought in for intervision (mag:719-734): only that meeting's attendees see it,
    and its bringer, who can delete it. It appears in no report, export or overview."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="cases")
    brought_by = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("the question"))
    notes = models.TextField(_("what came up"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("intervision case")
        verbose_name_plural = _("intervision cases")

    def __str__(self) -> str:
        return self.title


class Homework(models.Model):
    """What members do before a meeting (mag:1475-1479): read something, or find out how their
    own school has organised it. Each member marks their own as done."""

    class Kind(models.TextChoices):
        READ = "lezen", _("Read")
        FIND_OUT = "uitzoeken", _("Find out how your own school does it")
        PREPARE = "voorbereiden", _("Prepare")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="homework")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.READ)
    text = models.TextField(_("assignment"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("homework")
        verbose_name_plural = _("homework")

    def __str__(self) -> str:
        return self.text[:60]


class HomeworkDone(models.Model):
    homework = models.ForeignKey(Homework, on_delete=models.CASCADE, related_name="done")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="homework_done")
    done_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["homework", "member"], name="homework_done_once")]
        verbose_name = _("homework done")
        verbose_name_plural = _("homework done")

    def __str__(self) -> str:
        return f"{self.member} — {self.homework}"


EVALUATION_MINIMUM = 3  # fewer answers are not shown: in a small group a sentence gives its writer away


class MeetingEvaluation(models.Model):
    """The short evaluation after a meeting (drl:2194-2197): what went well, what to do better
    next time. Anonymous: no member, no time, a random key, so neither column nor row order
    tells who wrote it."""

    id = RandomIdField(primary_key=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="evaluations")
    went_well = models.TextField(_("What went well?"), blank=True)
    better_next_time = models.TextField(_("What could be better next time?"), blank=True)

    class Meta:
        verbose_name = _("meeting evaluation")
        verbose_name_plural = _("meeting evaluations")

    def __str__(self) -> str:
        return str(self.meeting)


class StartDocument(models.Model):
    """What the network agreed at its start (mag:1581-1587, 658-661): what it wants to get wiser
    about and how it will learn. Changing an agreed document makes it a draft again, to be
    signed anew."""

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="start_document")
    waar_wijzer_in = models.TextField(_("What do we want to get wiser about?"))
    hoe_leren = models.TextField(_("How will we learn together?"))
    ambition_individual = models.TextField(_("Ambition for each participant"), blank=True)
    ambition_school = models.TextField(_("Ambition for the schools"), blank=True)
    ambition_region = models.TextField(_("Ambition for the region"), blank=True)
    rhythm = models.CharField(_("Rhythm and duration"), max_length=200, blank=True)
    confidentiality = models.TextField(
        _("Confidentiality"), blank=True, default=_("What is brought in for intervision stays in the room.")
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("start document")
        verbose_name_plural = _("start documents")

    def __str__(self) -> str:
        return str(self.network)


class StartSignOff(models.Model):
    document = models.ForeignKey(StartDocument, on_delete=models.CASCADE, related_name="sign_offs")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "member"], name="start_sign_off_once")]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self) -> str:
        return str(self.member)


class Output(models.Model):
    """What the network brought about (opbrengst), at the level where it shows: a profile of
    the pro-teacher, a professionalisation plan, a regional meeting (mag:379-386, 1254-1256,
    1488-1493). A public one appears in the region's view."""

    class Level(models.TextChoices):
        INDIVIDUAL = "individueel", _("For participants themselves")
        SCHOOL = "school", _("In a school")
        NETWORK = "netwerk", _("In the network")
        REGION = "bovenschools", _("Across the schools of the region")

    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product")
        POLICY = "beleidsstuk", _("Policy document")
        ACTIVITY = "activiteit", _("Study day or activity")
        COOPERATION = "samenwerking", _("Cooperation")
        NETWORK = "nieuw_netwerk", _("New network")
        SHARING = "kennisdeling", _("Sharing knowledge")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="outputs")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    made_on = models.DateField(_("date"), default=timezone.localdate)
    link = models.URLField(_("link"), blank=True)
    public = models.BooleanField(_("show in the region"), default=False)
    added_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-made_on", "-id"]
        verbose_name = _("output")
        verbose_name_plural = _("outputs")

    def __str__(self) -> str:
        return self.title


class Topic(models.Model):
    """A question or discussion between meetings (mag:269-273: fifty questions in a year, seven
    answers within a week). Only members read it; it appears in no overview."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="topics")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("your question or message"))
    is_question = models.BooleanField(_("this is a question"), default=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_post_at", "-id"]
        indexes = [models.Index(fields=["network", "-last_post_at"], name="topic_network_recent")]
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("your reply"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.topic}: {self.pk}"


def document_path(document: NetworkDocument, filename: str) -> str:
    return uploads.random_name(f"netwerken/{document.network_id}", filename)


class NetworkDocument(models.Model):
    """The network's library (mag:1497-1503): policy papers, vacancies, articles, homework. A
    file is kept out of the public media and served only to members."""

    class Kind(models.TextChoices):
        POLICY = "beleidsstuk", _("Policy document")
        VACANCY = "vacature", _("Vacancy")
        ARTICLE = "artikel", _("Article or reading")
        HOMEWORK = "huiswerk", _("Homework")
        OTHER = "anders", _("Other")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.POLICY)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200, blank=True)
    file_name = models.CharField(max_length=200, blank=True, editable=False)  # as it was uploaded
    file_size = models.PositiveIntegerField(default=0, editable=False)  # so a list never asks the disk
    link = models.URLField(_("link"), blank=True)
    added_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-added_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class RegionConversation(models.Model):
    """The regiocoördinator's log of a talk with a school (mag:81-104), by the five PSO themes."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="conversations")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="region_conversations")
    held_on = models.DateField(_("date"), default=timezone.localdate)
    coordinator = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    topics = models.ManyToManyField(PsoTheme, blank=True, related_name="conversations", verbose_name=_("themes"))
    summary = models.TextField(_("what was talked about"))
    follow_up = models.TextField(_("follow-up"), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("school conversation")
        verbose_name_plural = _("school conversations")

    def __str__(self) -> str:
        return f"{self.school} — {self.held_on}"


class RoadmapStep(ContentItem):
    """A step of the Roadmap Strategisch HRM (mag:2064-2084)."""

    name = models.CharField(_("name"), max_length=100)
    kpis = models.BooleanField(default=False)  # the step is answered as rows of KPIs

    class Meta(ContentItem.Meta):
        verbose_name = _("Roadmap step")
        verbose_name_plural = _("Roadmap steps")

    def __str__(self) -> str:
        return self.name


# A Roadmap question whose `export` is this gives the goal itself; any other value names the
# werkdocument question its answer goes to.
GOAL_EXPORT = "doel"


class RoadmapQuestion(ContentItem):
    step = models.ForeignKey(RoadmapStep, on_delete=models.PROTECT, related_name="questions")
    text = models.CharField(max_length=200)
    # Where the answer goes in a trajectory: a werkdocument question's slug, or "doel".
    export = models.SlugField(blank=True)

    class Meta(ContentItem.Meta):
        verbose_name = _("Roadmap question")
        verbose_name_plural = _("Roadmap questions")

    def __str__(self) -> str:
        return self.text


class RoadmapWorksheet(models.Model):
    """A school's Roadmap, worked out in (or beside) a learning network. It belongs to the
    school: its managers and whoever wrote it change it; the network reads it when shared."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="roadmaps", verbose_name=_("school"))
    network = models.ForeignKey(
        Network,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roadmaps",
        verbose_name=_("learning network"),
    )
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    shared_with_network = models.BooleanField(
        _("share with the network"),
        default=False,
        help_text=_("The network's members may read it; only your school changes it."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("Roadmap")
        verbose_name_plural = _("Roadmaps")

    def __str__(self) -> str:
        return self.title


class RoadmapAnswer(models.Model):
    worksheet = models.ForeignKey(RoadmapWorksheet, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(RoadmapQuestion, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["worksheet", "question"], name="roadmap_answer_once")]

    def __str__(self) -> str:
        return self.text[:60]


class RoadmapKpi(models.Model):
    """A "piketpaaltje" (mag:2000-2003): a marker that shows how far the goal is reached."""

    worksheet = models.ForeignKey(RoadmapWorksheet, on_delete=models.CASCADE, related_name="kpis")
    baken = models.CharField(_("marker"), max_length=200)
    competences = models.CharField(_("new competences needed"), max_length=300, blank=True)
    target = models.DecimalField(_("target value"), max_digits=12, decimal_places=2, null=True, blank=True)
    by_date = models.DateField(_("by"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self) -> str:
        return self.baken
