"""Collegiale visitatie (handreiking hr:1444-1447, 2404-2411; magazine mag:1105-1122): a school's
own development question, sharpened at an intake, a programme made to measure, a commission of
trained peer visitors and a chair from other schools, their findings beside the school's own
picture, oral feedback and a written report that the school owns.

Rights are object grants: a VisitMember row lets a visitor into one dossier, and only until a
set time after the report is final (ACCESS_DAYS_AFTER_REPORT)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers import uploads
from koers.organisations.models import Region, School
from koers.surveys.models import Round
from koers.trajectories.models import Trajectory

ACCESS_DAYS_AFTER_REPORT = 30
MOST_SUB_QUESTIONS = 4
FEWEST_PEERS = 2


class VisitorProfile(models.Model):
    """Someone in the region's pool of trained peer visitors and chairs (mag:114-141)."""

    class Kind(models.TextChoices):
        PEER = "peer", _("Peer visitor")
        CHAIR = "voorzitter", _("Chair")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visitor_profiles")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="visitor_profiles")
    kind = models.CharField(_("trained as"), max_length=12, choices=Kind.choices, default=Kind.PEER)
    trained_on = models.DateField(_("trained on"))
    training = models.CharField(_("training"), max_length=200, blank=True)
    home_school = models.ForeignKey(
        School, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("works at")
    )
    available = models.BooleanField(_("available for visits"), default=True)

    class Meta:
        ordering = ["user__full_name", "user__email"]
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="visitor_once_per_region")]
        verbose_name = _("peer visitor")
        verbose_name_plural = _("peer visitors")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()})"


class Visit(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "aangevraagd", _("Requested")
        INTAKE = "intake", _("Intake")
        PROGRAMME = "programma", _("Programme")
        COMMISSION = "commissie", _("Commission")
        PREPARATION = "voorbereiding", _("Preparation")
        REPORTING = "rapportage", _("Report")
        DONE = "afgerond", _("Done")
        CANCELLED = "geannuleerd", _("Cancelled")

    class ReportState(models.TextChoices):
        DRAFT = "concept", _("Draft")
        WITH_SCHOOL = "reactie_school", _("With the school for its reaction")
        FINAL = "definitief", _("Final")

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="visits")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="visits")
    question = models.TextField(_("development question"))
    question_agreed_on = models.DateField(null=True, blank=True, editable=False)
    source_round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="visits", verbose_name=_("from the scan")
    )
    preferred_dates = models.CharField(_("preferred dates"), max_length=300, blank=True)
    visit_on = models.DateField(_("day of the visit"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    # The oral feedback at the end of the day (hr:2409-2411), summarised by the chair.
    feedback_given_on = models.DateField(_("oral feedback given on"), null=True, blank=True)
    feedback_summary = models.TextField(_("what the chair said"), blank=True)
    # The written report: a draft by the chair, the school's factual corrections, then final.
    report_state = models.CharField(max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    conclusion = models.TextField(_("overall conclusion"), blank=True)
    school_reaction = models.TextField(_("the school's factual corrections"), blank=True)
    follow_up = models.TextField(_("what the school does with it"), blank=True)
    final_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("peer visit")
        verbose_name_plural = _("peer visits")

    def __str__(self) -> str:
        return f"{self.school} · {self.requested_at:%Y-%m-%d}"

    def visitors_until(self) -> datetime.datetime | None:
        """The moment the commission's access ends: a set time after the report is final."""
        return self.final_at + datetime.timedelta(days=ACCESS_DAYS_AFTER_REPORT) if self.final_at else None


class SubQuestion(models.Model):
    """One part of the development question, with the school's own picture (hr:2406-2408) and,
    in the report, what the commission saw beside it."""

    class Match(models.TextChoices):
        YES = "overeenkomst", _("Matches")
        PARTLY = "deels", _("Partly matches")
        NO = "geen_overeenkomst", _("Does not match")
        UNKNOWN = "niet_te_beoordelen", _("Could not be judged")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="sub_questions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("sub-question"), max_length=300)
    self_picture = models.TextField(_("our own picture"), blank=True)
    seen = models.TextField(_("what the commission saw"), blank=True)
    match = models.CharField(_("does it match our picture?"), max_length=20, choices=Match.choices, blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    attention = models.TextField(_("points for attention"), blank=True)
    advice = models.TextField(_("advice"), blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("sub-question")
        verbose_name_plural = _("sub-questions")

    def __str__(self) -> str:
        return self.text


class VisitMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "voorzitter", _("Chair")
        PEER = "peer", _("Peer visitor")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="commission")
    profile = models.ForeignKey(VisitorProfile, on_delete=models.CASCADE, related_name="visits")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visit_memberships")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    origin_school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "user"], name="visit_member_once"),
            models.UniqueConstraint(fields=["visit"], condition=Q(role="voorzitter"), name="visit_one_chair"),
        ]
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class ProgrammeItem(models.Model):
    """One part of the day, made to measure: each covers at least one sub-question."""

    class Kind(models.TextChoices):
        LESSONS = "lesbezoek", _("Lesson visits")
        PUPILS = "panel_leerlingen", _("Conversation with pupils")
        TEACHERS = "panel_leraren", _("Conversation with teachers")
        PARENTS = "panel_ouders", _("Conversation with parents")
        TEAM_LEADERS = "panel_teamleiders", _("Conversation with team leaders")
        LEADERSHIP = "gesprek_schoolleiding", _("Conversation with the school's leadership")
        DOCUMENTS = "documentanalyse", _("Reading documents")
        TOUR = "rondleiding", _("Tour of the school")
        PREPARATION = "voorbereiding_commissie", _("The commission prepares")
        FEEDBACK = "mondelinge_terugkoppeling", _("Oral feedback")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="programme")
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))
    kind = models.CharField(_("what"), max_length=30, choices=Kind.choices)
    who = models.CharField(
        _("with whom"),
        max_length=200,
        blank=True,
        help_text=_("A description without names, e.g. “six pupils of havo 4”."),
    )
    location = models.CharField(_("where"), max_length=200, blank=True)
    sub_questions = models.ManyToManyField(SubQuestion, related_name="programme", verbose_name=_("for sub-questions"))

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self) -> str:
        return f"{self.start:%H:%M} {self.get_kind_display()}"


class Finding(models.Model):
    """What a visitor saw on a sub-question. Only the commission reads findings until the report
    is final; they never name pupils or teachers."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="findings")
    sub_question = models.ForeignKey(
        SubQuestion, on_delete=models.CASCADE, related_name="findings", verbose_name=_("sub-question")
    )
    source = models.ForeignKey(
        ProgrammeItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("seen during")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    seen = models.TextField(_("what I saw"))
    match = models.CharField(_("matches the school's picture?"), max_length=20, choices=SubQuestion.Match.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sub_question__order", "created_at", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.seen[:60]


def paper_path(paper: VisitDocument, filename: str) -> str:
    return uploads.random_name(f"visitaties/{paper.visit_id}", filename)


class VisitDocument(models.Model):
    """What the school gives the commission to read beforehand: a policy paper, the school
    plan, a scan's report. A file is served only to whoever opens the visit, as a download."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=paper_path, max_length=200, blank=True)
    file_name = models.CharField(max_length=200, blank=True, editable=False)  # as it was uploaded
    file_size = models.PositiveIntegerField(default=0, editable=False)  # so a list never asks the disk
    link = models.URLField(_("link"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-added_at", "-id"]
        verbose_name = _("document for the commission")
        verbose_name_plural = _("documents for the commission")

    def __str__(self) -> str:
        return self.title


class VisitEvaluation(models.Model):
    """How the visit went, from each side once the report is final: was the question answered,
    did the programme fit, what would they change. The coordinator reads them to improve the
    next visits."""

    class Answered(models.TextChoices):
        YES = "ja", _("Yes")
        PARTLY = "deels", _("Partly")
        NO = "nee", _("No")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="evaluations")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    from_school = models.BooleanField(default=False, editable=False)
    answered = models.CharField(_("Was the development question answered?"), max_length=5, choices=Answered.choices)
    programme_fit = models.CharField(_("Did the programme fit the question?"), max_length=5, choices=Answered.choices)
    change = models.TextField(_("What would you change next time?"), blank=True)
    given_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["visit", "by"], name="visit_evaluation_once")]
        verbose_name = _("visit evaluation")
        verbose_name_plural = _("visit evaluations")

    def __str__(self) -> str:
        return f"{self.visit} · {self.get_answered_display()}"


class VisitEvidence(models.Model):
    """A final visit report attached to a trajectory as evidence in 1B."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="visit_evidence")
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="evidence")
    attached_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    attached_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trajectory", "visit"], name="visit_evidence_once")]
        verbose_name = _("visit report as evidence")
        verbose_name_plural = _("visit reports as evidence")

    def __str__(self) -> str:
        return str(self.visit)
