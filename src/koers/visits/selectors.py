"""Every read of a peer visit, scoped through visits.access."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from koers.organisations.access import managed_schools, regions_for
from koers.organisations.models import Region, School, User
from koers.surveys import selectors as surveys
from koers.surveys.models import Round
from koers.trajectories.access import steerable_trajectories
from koers.trajectories.models import Trajectory

from . import access
from .models import (
    Finding,
    ProgrammeItem,
    SubQuestion,
    Visit,
    VisitDocument,
    VisitEvaluation,
    VisitEvidence,
    VisitMember,
    VisitorProfile,
)


@dataclass
class VisitAccess:
    """What this user may do with this visit."""

    visit: Visit
    coordinator: bool  # the region's coordinator arranges it
    school: bool  # a manager of the visited school owns it
    member: VisitMember | None  # on the commission, while the grant lasts

    @property
    def chair(self) -> bool:
        return self.member is not None and self.member.role == VisitMember.Role.CHAIR

    @property
    def arranges(self) -> bool:
        """Intake, programme and commission: the coordinator, and the chair for the programme."""
        return self.coordinator or self.chair

    @property
    def reads_findings(self) -> bool:
        """The commission, and the school once the report is final."""
        return self.member is not None or (self.school and self.visit.report_state == Visit.ReportState.FINAL)

    @property
    def reads_report(self) -> bool:
        return (
            self.member is not None
            or self.coordinator
            or (self.school and self.visit.report_state != Visit.ReportState.DRAFT)
        )


def visit_for(user: User, visit_id: int) -> VisitAccess:
    visit = get_object_or_404(access.visits_for(user).select_related("school__board", "region"), pk=visit_id)
    return VisitAccess(
        visit=visit,
        coordinator=regions_for(user).filter(pk=visit.region_id).exists(),
        school=managed_schools(user).filter(pk=visit.school_id).exists(),
        member=access.commission_member(user, visit),
    )


def school_for(user: User, school_id: int) -> School:
    return get_object_or_404(managed_schools(user).select_related("region"), pk=school_id)


def school_visits(school: School) -> QuerySet[Visit]:
    return school.visits.annotate(questions=Count("sub_questions")).order_by("-requested_at", "-id")


def commissions_of(user: User) -> QuerySet[Visit]:
    """The visits the user is on the commission of, while the grant lasts."""
    return (
        Visit.objects.filter(id__in=access.commission_grants(user).values("visit_id"))
        .select_related("school")
        .order_by("-requested_at", "-id")
    )


def region_for(user: User, slug: str) -> Region:
    return get_object_or_404(regions_for(user), slug=slug)


def region_visits(region: Region) -> QuerySet[Visit]:
    return region.visits.select_related("school").order_by("-requested_at", "-id")


def scan_rounds(school: School) -> QuerySet[Round]:
    """The school's closed rounds of an instrument that drafts an ontwikkelvraag."""
    today = timezone.localdate()
    return (
        Round.objects.filter(
            school=school,
            instrument__proposes_question=True,
            team__isnull=True,
            subject__isnull=True,
            deleted_at__isnull=True,
        )
        .filter(Q(closes_on__lt=today) | Q(closed_early_on__isnull=False))
        .select_related("instrument")
        .order_by("-closes_on")
    )


@dataclass
class Prefill:
    question: str
    self_picture: str


def prefill(survey: Round) -> Prefill:
    """What a learning-climate scan brings to the request: its drafted ontwikkelvraag and, as
    the school's own picture, its dimension scores (only groups above the minimum count)."""
    rep = surveys.report(survey)
    drafted = surveys.proposal(rep)
    lines = [
        _("%(dimension)s: %(mean)s on a scale of 1 to 5") % {"dimension": r.dimension.name, "mean": number_format(m, 1)}
        for r in rep.rows
        if (m := r.total.mean) is not None
    ]
    heading = _("From %(title)s (%(respondents)s responses):") % {"title": survey.title, "respondents": rep.respondents}
    return Prefill(drafted.question if drafted else "", "\n".join([heading, *lines]) if lines else "")


def dossier(visit: Visit) -> dict:
    """The sub-questions with what covers them, the programme and the commission."""
    return {
        "sub_questions": list(visit.sub_questions.annotate(covered=Count("programme"))),
        "programme": list(visit.programme.prefetch_related("sub_questions")),
        "papers": visit.documents.count(),
        "commission": list(
            visit.commission.select_related("user", "origin_school").order_by("-role", "user__full_name")
        ),
    }


def findings(visit: Visit) -> list[tuple[SubQuestion, list[Finding]]]:
    subs = visit.sub_questions.prefetch_related(
        Prefetch("findings", queryset=Finding.objects.select_related("author", "source"))
    )
    return [(sub, list(sub.findings.all())) for sub in subs]


def evaluations(visit: Visit) -> list[VisitEvaluation]:
    return list(visit.evaluations.select_related("by").order_by("given_at"))


def papers(visit: Visit) -> QuerySet[VisitDocument]:
    return visit.documents.select_related("added_by")


def paper_for(visit: Visit, paper_id: int) -> VisitDocument:
    return get_object_or_404(visit.documents, pk=paper_id)


def programme_items(visit: Visit) -> QuerySet[ProgrammeItem]:
    return visit.programme.all()


def pool(
    region: Region, visit: Visit | None = None, *, kind: str = "", available_only: bool = True
) -> QuerySet[VisitorProfile]:
    """The region's trained visitors and chairs with the visits each has done; for a visit,
    never someone from the visited school."""
    found = (
        VisitorProfile.objects.filter(region=region)
        .select_related("user", "home_school")
        .annotate(visits_done=Count("visits", filter=Q(visits__visit__status=Visit.Status.DONE)))
        .order_by("user__full_name", "user__email")
    )
    if visit is not None:
        found = found.exclude(home_school=visit.school).exclude(visits__visit=visit)
    if kind:
        found = found.filter(kind=kind)
    if available_only:
        found = found.filter(available=True)
    return found


def profile_for(region: Region, profile_id: int) -> VisitorProfile:
    return get_object_or_404(VisitorProfile.objects.filter(region=region), pk=profile_id)


def commission_member_of(visit: Visit, member_id: int) -> VisitMember:
    return get_object_or_404(visit.commission, pk=member_id)


def school_trajectories(user: User, visit: Visit) -> QuerySet[Trajectory]:
    return steerable_trajectories(user).filter(school=visit.school)


def trajectories_to_attach(user: User, visit: Visit) -> QuerySet[Trajectory]:
    return school_trajectories(user, visit).exclude(visit_evidence__visit=visit)


def evidence_for(trajectory: Trajectory) -> list[VisitEvidence]:
    """The final visit reports in a trajectory's 1B, with their sub-questions."""
    return list(
        trajectory.visit_evidence.select_related("visit__school")
        .prefetch_related("visit__sub_questions")
        .order_by("-visit__final_at")
    )


@dataclass
class Waiting:
    visit: Visit
    why: str  # intake | visit | reaction


def waiting_for(user: User) -> list[Waiting]:
    """What the user's visits wait for them to do, in one query: the coordinator's intakes, the
    commission's visit day, the school's reaction to the draft report."""
    intake = Q(region__in=regions_for(user), status__in=(Visit.Status.REQUESTED, Visit.Status.INTAKE))
    visiting = Q(id__in=access.commission_grants(user).values("visit_id"), status=Visit.Status.PREPARATION)
    reacting = Q(
        school__in=managed_schools(user), report_state=Visit.ReportState.WITH_SCHOOL, status=Visit.Status.REPORTING
    )
    found = (
        Visit.objects.filter(intake | visiting | reacting)
        .annotate(
            for_intake=ExpressionWrapper(intake, output_field=BooleanField()),
            for_visit=ExpressionWrapper(visiting, output_field=BooleanField()),
        )
        .select_related("school")
        .order_by("requested_at", "id")
    )
    return [Waiting(v, "intake" if v.for_intake else "visit" if v.for_visit else "reaction") for v in found]
