"""Reads of the career part. Every object is found through careers.access, so what lies outside
a user's reach is a 404; a selector never writes (a read through a share is recorded by the view
through services.record_read)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.instruments.models import Goal
from koers.organisations.access import managed_schools
from koers.organisations.models import BOARD_ROLES, MANAGING_SCHOOL_ROLES, Functie, Person, School, Team, User
from koers.surveys import selectors as survey_selectors
from koers.surveys.models import RespondentGroup
from koers.trajectories.models import Trajectory

from . import access
from .models import (
    LEVELS,
    MIN_GROUP,
    Candidate,
    CareerCycle,
    CareerDomain,
    CareerRole,
    CareerShare,
    Competence,
    Conversation,
    ConversationKind,
    ConversationPlan,
    Evidence,
    ExpertiseArea,
    ExpertiseEntry,
    FeedbackRequest,
    FrameworkVersion,
    FunctiemixTarget,
    Judgement,
    Pop,
    PopActivity,
    ReferenceFramework,
    RoleHolding,
    RoleInterest,
    RoleOffer,
    SchoolFramework,
    SelectionProcedure,
    SelfAssessment,
    school_year,
)


def school_for(user: User, school_id: int) -> School:
    return get_object_or_404(access.career_schools(user), pk=school_id)


def person_for(user: User) -> Person:
    """The signed-in staff member; an account without one has no career pages."""
    person = access.own_person(user)
    if person is None:
        raise Http404
    return person


# Frameworks ----------------------------------------------------------------------------------


@dataclass
class FrameworkRow:
    framework: ReferenceFramework
    adopted: SchoolFramework | None
    latest: FrameworkVersion | None


def _latest_versions() -> QuerySet[FrameworkVersion]:
    newest = FrameworkVersion.objects.filter(school_framework=OuterRef("school_framework")).order_by("-number")
    return FrameworkVersion.objects.filter(pk=Subquery(newest.values("pk")[:1]))


def frameworks_overview(school: School) -> list[FrameworkRow]:
    adopted = {
        a.framework_id: a
        for a in SchoolFramework.objects.filter(school=school).prefetch_related(
            Prefetch("versions", queryset=_latest_versions(), to_attr="latest")
        )
    }
    rows = []
    for framework in ReferenceFramework.objects.annotate(n=Count("competences")):
        found = adopted.get(framework.pk)
        rows.append(FrameworkRow(framework, found, found.latest[0] if found and found.latest else None))
    return rows


def adopted_for(school: School, adopted_id: int) -> SchoolFramework:
    return get_object_or_404(SchoolFramework.objects.select_related("framework"), school=school, pk=adopted_id)


def framework(framework_id: str) -> ReferenceFramework:
    return get_object_or_404(ReferenceFramework, pk=framework_id if framework_id.isdigit() else 0)


def versions(adopted: SchoolFramework) -> QuerySet[FrameworkVersion]:
    return adopted.versions.select_related("published_by")


def published_framework(school: School | None, framework_id: int) -> FrameworkVersion | None:
    """The newest version the school published of a framework: what its teachers read."""
    if school is None:
        return None
    return (
        FrameworkVersion.objects.filter(school_framework__school=school, school_framework__framework_id=framework_id)
        .order_by("-number")
        .first()
    )


# Roles with places ---------------------------------------------------------------------------


def _current_holdings(day: datetime.date) -> Q:
    return Q(holdings__ends_on__isnull=True) | Q(holdings__ends_on__gt=day)


def role_offers(school: School, day: datetime.date) -> QuerySet[RoleOffer]:
    return (
        RoleOffer.objects.filter(school=school)
        .select_related("role__domain")
        .annotate(
            interested=Count("interests", distinct=True),
            held=Count("holdings", filter=_current_holdings(day), distinct=True),
        )
        .order_by("status", "role__domain__order", "role__order", "-created_at")
    )


def offer_for(school: School, offer_id: int, day: datetime.date) -> RoleOffer:
    return get_object_or_404(role_offers(school, day), pk=offer_id)


@dataclass
class OfferPage:
    interests: list[RoleInterest]
    holdings: list[RoleHolding]
    over_subscribed: bool  # more interested than free places: a selection procedure is due
    procedures: list[SelectionProcedure]


def offer_page(offer: RoleOffer, day: datetime.date) -> OfferPage:
    interests = list(offer.interests.select_related("person"))
    holdings = list(offer.holdings.select_related("person"))
    free = offer.places - sum(1 for h in holdings if h.current(day))
    holders = {h.person_id for h in holdings if h.current(day)}
    waiting = [i for i in interests if i.person_id not in holders]
    return OfferPage(interests, holdings, free > 0 and len(waiting) > free, list(offer.procedures.all()))


def holding_for(school: School, offer_id: int, holding_id: int) -> RoleHolding:
    return get_object_or_404(
        RoleHolding.objects.select_related("person", "offer"), offer__school=school, offer_id=offer_id, pk=holding_id
    )


def appointable(offer: RoleOffer) -> QuerySet[Person]:
    """The school's current staff, those who stated interest first."""
    interested = RoleInterest.objects.filter(offer=offer, person=OuterRef("pk"))
    return (
        Person.objects.filter(school=offer.school, left_on__isnull=True, erased_at__isnull=True)
        .annotate(interested=Exists(interested))
        .order_by("-interested", "last_name", "first_name")
    )


def domains_with_roles() -> QuerySet[CareerDomain]:
    return CareerDomain.objects.prefetch_related(
        Prefetch("roles", queryset=CareerRole.objects.select_related("framework"))
    )


def open_offers(person: Person) -> QuerySet[RoleOffer]:
    """Open places at the teacher's school, each marked when she stated interest."""
    if person.school_id is None:
        return RoleOffer.objects.none()
    mine = RoleInterest.objects.filter(offer=OuterRef("pk"), person=person)
    held = Count("holdings", filter=_current_holdings(timezone.localdate()), distinct=True)
    return (
        RoleOffer.objects.filter(school_id=person.school_id, status=RoleOffer.Status.OPEN)
        .select_related("role__domain")
        .annotate(mine=Exists(mine), free=F("places") - held)
        .order_by("role__domain__order", "role__order", "-created_at")
    )


@dataclass
class RolePage:
    role: CareerRole
    version: FrameworkVersion | None  # the school's published framework, when there is one
    competences: list[dict]
    offers: list[RoleOffer]


def role_page(person: Person, slug: str) -> RolePage:
    role = get_object_or_404(CareerRole.objects.select_related("domain", "framework"), slug=slug)
    version = published_framework(person.school, role.framework_id)
    if version:
        competences = version.competences
    else:
        competences = list(role.framework.competences.values("slug", "name", "beginnend", "gevorderd", "expert"))
    return RolePage(role, version, competences, list(open_offers(person).filter(role=role)))


# The teacher's own page ----------------------------------------------------------------------


@dataclass
class MyCareer:
    person: Person
    year: str
    pop: Pop | None
    earlier: list[Pop]
    interests: list[RoleInterest]
    holdings: list[RoleHolding]
    offers: int
    cycle: CareerCycle | None  # the open one, else the last
    shared_with_me: list[CareerShare]
    evidence: int
    conversations: list[Conversation]
    feedback: list[FeedbackRequest]
    candidacies: list[Candidate]


def my_career(person: Person, user: User, year: str, day: datetime.date) -> MyCareer:
    pops = list(Pop.objects.filter(person=person).only("id", "person_id", "school_year", "changed_at"))
    return MyCareer(
        person=person,
        year=year,
        pop=next((p for p in pops if p.school_year == year), None),
        earlier=[p for p in pops if p.school_year != year],
        interests=list(person.role_interests.select_related("offer__role")),
        holdings=[h for h in person.role_holdings.select_related("offer__role") if h.current(day)],
        offers=open_offers(person).count(),
        cycle=person.career_cycles.select_related("role")
        .order_by(F("followed_up_at").asc(nulls_first=True), "-created_at")
        .first(),
        shared_with_me=list(_share_for(user).select_related("pop__person", "cycle__person", "evidence__person")),
        evidence=person.evidence.count(),
        conversations=list(conversations_of(person).filter(school_year=year)),
        feedback=list(person.feedback_requests.select_related("round", "evidence")[:3]),
        candidacies=list(candidacies(person)[:5]),
    )


def own_pop(person: Person, year: str) -> Pop:
    return get_object_or_404(Pop.objects.select_related("role"), person=person, school_year=year)


@dataclass
class PopPage:
    pop: Pop
    goals: list
    activities: list[PopActivity]
    school_goals: list[Goal]
    hours_planned: int
    cost_planned: Decimal
    effective_share: int | None  # % of planned hours in the kinds the drieluik calls effective


def pop_page(pop: Pop) -> PopPage:
    activities = list(pop.activities.select_related("kind"))
    live = [a for a in activities if a.status != PopActivity.Status.VERVALLEN]
    hours = sum(a.contact_hours + a.study_hours for a in live)
    effective = sum(a.contact_hours + a.study_hours for a in live if a.kind.effective)
    return PopPage(
        pop=pop,
        goals=list(pop.goals.select_related("competence")),
        activities=activities,
        school_goals=list(pop.school_goals.select_related("trajectory")),
        hours_planned=hours,
        cost_planned=sum((a.cost or Decimal(0) for a in live), Decimal(0)),
        effective_share=round(100 * effective / hours) if hours else None,
    )


def shares_of(item: Pop | CareerCycle | Evidence) -> QuerySet[CareerShare]:
    """Who she shared it with, and how often and when last they read it."""
    return (
        item.shares.select_related("shared_with")
        .annotate(read_count=Count("reads"), last_read=Max("reads__at"))
        .order_by("revoked_at", "-created_at")
    )


def shares_given(person: Person) -> QuerySet[CareerShare]:
    return CareerShare.objects.filter(
        Q(pop__person=person) | Q(cycle__person=person) | Q(evidence__person=person)
    ).select_related("pop", "cycle", "evidence", "shared_with")


def goal_choices(person: Person) -> QuerySet[Goal]:
    """The school's active goals a POP can serve: only their title is shown, never the other way."""
    if person.school_id is None:
        return Goal.objects.none()
    return Goal.objects.filter(
        trajectory__school_id=person.school_id, trajectory__deleted_at__isnull=True, status=Goal.Status.ACTIEF
    ).select_related("trajectory")


def competence_choices(pop: Pop) -> QuerySet[Competence]:
    found = Competence.objects.select_related("framework")
    return found.filter(framework__roles=pop.role_id) if pop.role_id else found


def share_candidates(person: Person) -> QuerySet[User]:
    """Whom a teacher can share with: people with a role at her school and her board's HR and
    bestuurder; never herself."""
    reach = Q(memberships__board_id=person.board_id, memberships__role__in=BOARD_ROLES)
    if person.school_id:
        reach |= Q(memberships__school_id=person.school_id)
    return User.objects.filter(reach, is_active=True).exclude(person=person).distinct().order_by("full_name", "email")


def readable_pop(user: User, pop_id: int) -> tuple[Pop, CareerShare]:
    """A POP someone shared with the user, and the share it is read through; else a 404."""
    share = _share_for(user, pop_id=pop_id).select_related("pop__person", "pop__role").first()
    if share is None or share.pop is None:
        raise Http404
    return share.pop, share


def readable_evidence(user: User, evidence_id: int) -> tuple[Evidence, CareerShare]:
    share = _share_for(user, evidence_id=evidence_id).select_related("evidence__person").first()
    if share is None or share.evidence is None:
        raise Http404
    return share.evidence, share


def readable_cycle(user: User, cycle_id: int) -> tuple[CareerCycle, CareerShare]:
    share = _share_for(user, cycle_id=cycle_id).select_related("cycle__person").first()
    if share is None or share.cycle is None:
        raise Http404
    return share.cycle, share


def _share_for(user: User, **item) -> QuerySet[CareerShare]:
    """Her own items are never shared with herself (services.share refuses), so an active
    share to the user is always someone else's item."""
    return access.active_shares(user).filter(**item)


# The portfolio -------------------------------------------------------------------------------


@dataclass
class Portfolio:
    items: list[Evidence]
    by_competence: list[tuple[str, list[Evidence]]]  # per competence, its items
    untagged: list[Evidence]


def portfolio(person: Person) -> Portfolio:
    items: list[Evidence] = list(
        person.evidence.prefetch_related(
            Prefetch("competences", queryset=Competence.objects.select_related("framework"))
        ).annotate(shared=Count("shares", filter=Q(shares__revoked_at__isnull=True)))
    )
    groups: dict[Competence, list[Evidence]] = {}
    for item in items:
        for competence in item.competences.all():
            groups.setdefault(competence, []).append(item)
    ordered = sorted(groups.items(), key=lambda g: (g[0].framework.order, g[0].order))
    return Portfolio(
        items=items,
        by_competence=[(c.name, found) for c, found in ordered],
        untagged=[i for i in items if not i.competences.all()],
    )


def own_evidence(person: Person, evidence_id: int) -> Evidence:
    return get_object_or_404(Evidence.objects.prefetch_related("competences"), person=person, pk=evidence_id)


def competences_for_tagging() -> QuerySet[Competence]:
    return Competence.objects.select_related("framework").order_by("framework__order", "order")


# The career cycle ----------------------------------------------------------------------------


def own_cycle(person: Person, cycle_id: int) -> CareerCycle:
    return get_object_or_404(
        CareerCycle.objects.select_related("role__framework", "version__school_framework__framework", "pop"),
        person=person,
        pk=cycle_id,
    )


@dataclass
class CyclePage:
    cycle: CareerCycle
    compared: list[CareerRole]
    version: FrameworkVersion | None  # the school's published version, cited once read
    competences: list[dict]
    assessments: dict[str, SelfAssessment]  # each with `attached`, its evidence
    evidence_by_slug: dict[str, list[Evidence]]  # her portfolio items tagged with each competence
    done: list[bool]  # per step

    @property
    def others(self) -> list[CareerRole]:
        """The roles she compared besides the one she chose."""
        return [r for r in self.compared if r.pk != self.cycle.role_id]

    @property
    def current(self) -> int:
        """The first step not done yet (1-4), or 5 when the cycle is followed up."""
        return next((i for i, d in enumerate(self.done, start=1) if not d), 5)


def cycle_page(cycle: CareerCycle, school: School | None) -> CyclePage:
    """What each step shows. Before step 2 is done, the framework is the one she would read now."""
    if cycle.framework_read_at:
        version = cycle.version
    elif cycle.role:
        version = published_framework(school, cycle.role.framework_id)
    else:
        version = None
    framework_id = cycle.framework_id or (cycle.role.framework_id if cycle.role else None)
    if version:
        competences = version.competences
    elif framework_id:
        competences = list(Competence.objects.filter(framework_id=framework_id).values("slug", "name", *LEVELS))
    else:
        competences = []
    assessments = {a.competence_slug: a for a in cycle.assessments.all()}
    tagged: dict[str, list[Evidence]] = {}
    if framework_id:
        links = Evidence.competences.through.objects.filter(
            evidence__person_id=cycle.person_id, competence__framework_id=framework_id
        ).select_related("evidence", "competence")
        for link in links.order_by("-evidence__date", "evidence_id"):
            tagged.setdefault(link.competence.slug, []).append(link.evidence)
    attached: dict[int, list[Evidence]] = {}
    for row in SelfAssessment.evidence.through.objects.filter(selfassessment__cycle=cycle).select_related("evidence"):
        attached.setdefault(row.selfassessment_id, []).append(row.evidence)
    for a in assessments.values():
        setattr(a, "attached", attached.get(a.pk, []))  # for the templates, beside each row  # noqa: B010
    return CyclePage(
        cycle=cycle,
        compared=list(cycle.compared.all()),
        version=version,
        competences=competences,
        assessments=assessments,
        evidence_by_slug=tagged,
        done=[
            cycle.role_id is not None,
            cycle.framework_read_at is not None,
            bool(assessments),
            cycle.followed_up_at is not None,
        ],
    )


# 360-degree feedback ------------------------------------------------------------------------


def feedback_requests(person: Person) -> QuerySet[FeedbackRequest]:
    return person.feedback_requests.select_related("round", "manager", "evidence").prefetch_related("competences")


def own_feedback(person: Person, feedback_id: int) -> FeedbackRequest:
    return get_object_or_404(feedback_requests(person), pk=feedback_id)


def feedback_competences() -> QuerySet[Competence]:
    return Competence.objects.select_related("framework").order_by("framework__order", "order")


def feedback_groups(instrument) -> QuerySet[RespondentGroup]:
    """The anonymous groups she may ask; the named group comes with her leidinggevende."""
    return instrument.groups.exclude(slug=instrument.named_group).order_by("order")


def manager_choices(person: Person) -> QuerySet[Person]:
    """Who may give feedback by name as her leidinggevende: the school's team leaders and
    school leaders."""
    if person.school_id is None:
        return Person.objects.none()
    return Person.objects.filter(
        school_id=person.school_id,
        functie__in=[Functie.TEAMLEIDER, Functie.SCHOOLLEIDER],
        left_on__isnull=True,
        erased_at__isnull=True,
    ).exclude(pk=person.pk)


@dataclass
class FeedbackPage:
    request: FeedbackRequest
    state: str
    counts: list


def feedback_page(request: FeedbackRequest, today: datetime.date) -> FeedbackPage:
    return FeedbackPage(request, request.round.state(today), survey_selectors.group_counts(request.round))


# The selection procedure ---------------------------------------------------------------------


def _procedures() -> QuerySet[SelectionProcedure]:
    return SelectionProcedure.objects.select_related("offer__role__framework", "offer__school", "version")


def procedure_for(user: User, procedure_id: int) -> SelectionProcedure:
    """The school's side of a procedure: those who keep the school's roles, and its assessors.
    Selection data, never development data (R2)."""
    return get_object_or_404(
        _procedures().filter(Q(offer__school__in=access.career_schools(user)) | Q(assessors=user)).distinct(),
        pk=procedure_id,
    )


def keeps_procedure(user: User, procedure: SelectionProcedure) -> bool:
    return access.career_schools(user).filter(pk=procedure.offer.school_id).exists()


@dataclass
class ProcedurePage:
    procedure: SelectionProcedure
    candidates: list[Candidate]
    assessors: list[User]
    mine: dict[int, Any]  # candidate id -> the user's own judgement


def procedure_page(procedure: SelectionProcedure, user: User) -> ProcedurePage:
    candidates = list(
        procedure.candidates.select_related("person").prefetch_related(
            "submissions", Prefetch("judgements", queryset=Judgement.objects.select_related("assessor"))
        )
    )
    _score_rows(procedure, candidates)
    mine = {j.candidate_id: j for c in candidates for j in c.judgements.all() if j.assessor_id == user.pk}
    return ProcedurePage(procedure, candidates, list(procedure.assessors.order_by("full_name")), mine)


def _score_rows(procedure: SelectionProcedure, candidates: list[Candidate]) -> None:
    """Each judgement's scores in the order of the criteria, with their names, for reading."""
    for candidate in candidates:
        for judgement in candidate.judgements.all():
            judgement.rows = [(c["name"], judgement.scores.get(c["slug"])) for c in procedure.criteria]


def candidate_for(procedure: SelectionProcedure, candidate_id: int) -> Candidate:
    candidate = get_object_or_404(
        procedure.candidates.select_related("person").prefetch_related(
            "submissions", Prefetch("judgements", queryset=Judgement.objects.select_related("assessor"))
        ),
        pk=candidate_id,
    )
    _score_rows(procedure, [candidate])
    return candidate


def assessor_choices(offer: RoleOffer) -> QuerySet[User]:
    """Who can judge: the school's leaders and team leaders, and the board's HR and bestuurder."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(memberships__school_id=offer.school_id, memberships__role__in=MANAGING_SCHOOL_ROLES)
            | Q(memberships__board_id=offer.school.board_id, memberships__role__in=BOARD_ROLES)
        )
        .distinct()
        .order_by("full_name")
    )


def current_staff(school: School) -> QuerySet[Person]:
    return Person.objects.filter(school=school, left_on__isnull=True, erased_at__isnull=True)


def school_managers(school: School) -> QuerySet[User]:
    """Who can lead a conversation at the school: its school leaders and team leaders."""
    return (
        User.objects.filter(is_active=True, memberships__school=school, memberships__role__in=MANAGING_SCHOOL_ROLES)
        .distinct()
        .order_by("full_name")
    )


def candidacies(person: Person) -> QuerySet[Candidate]:
    return (
        Candidate.objects.filter(person=person)
        .select_related("procedure__offer__role")
        .order_by("-procedure__opened_at")
    )


def own_candidacy(person: Person, procedure_id: int) -> Candidate:
    """Her side of a procedure; the judgements about her she reads once it is decided."""
    candidate = get_object_or_404(
        candidacies(person).select_related("procedure__version").prefetch_related("submissions", "judgements"),
        procedure_id=procedure_id,
    )
    _score_rows(candidate.procedure, [candidate])
    return candidate


def assessing(user: User) -> QuerySet[SelectionProcedure]:
    """Undecided procedures with candidates the user has still to judge."""
    return (
        _procedures()
        .filter(assessors=user, decided_at__isnull=True)
        .annotate(
            judged=Count("candidates__judgements", filter=Q(candidates__judgements__assessor=user), distinct=True),
            candidate_count=Count("candidates", distinct=True),
        )
        .filter(judged__lt=F("candidate_count"))
    )


# The home page -------------------------------------------------------------------------------


@dataclass
class Signals:
    """What the teacher's own career asks of her now, and what others shared with her unread."""

    year: str
    has_pop: bool
    open_cycle: int | None
    unread: list[CareerShare]
    conversations: list[Conversation]  # soon, or held and waiting for the user's agreement
    feedback_ready: int | None = None  # a closed 360 round of hers, not yet in her portfolio
    candidacy: int | None = None  # an undecided procedure she has submitted nothing to yet
    assessing: list[SelectionProcedure] = field(default_factory=list)  # procedures she judges in


def signals(user: User, today: datetime.date) -> Signals | None:
    """Four queries, whatever she has: her person with what she has this year, the shares to
    her that she has not opened yet, the conversations that wait for her, and the selection
    procedures she judges in."""
    year = school_year(today)
    if not user.is_authenticated:
        return None
    open_cycle = CareerCycle.objects.filter(person=OuterRef("pk"), followed_up_at__isnull=True).order_by("-created_at")
    ready = FeedbackRequest.objects.filter(person=OuterRef("pk"), evidence__isnull=True).filter(
        Q(round__closed_early_on__isnull=False) | Q(round__closes_on__lt=today)
    )
    candidacy = Candidate.objects.filter(
        person=OuterRef("pk"), procedure__decided_at__isnull=True, submissions__isnull=True
    )
    person = (
        Person.objects.filter(user=user, erased_at__isnull=True)
        .annotate(
            has_pop=Exists(Pop.objects.filter(person=OuterRef("pk"), school_year=year)),
            open_cycle=Subquery(open_cycle.values("pk")[:1]),
            feedback_ready=Subquery(ready.values("pk")[:1]),
            candidacy=Subquery(candidacy.values("procedure_id")[:1]),
        )
        .first()
    )
    unread = list(
        _share_for(user)
        .filter(reads__isnull=True)
        .select_related("pop__person", "cycle__person", "evidence__person")
        .order_by("-created_at")[:5]
    )
    soon = today + datetime.timedelta(days=14)
    waiting = list(
        Conversation.objects.filter(Q(person__user=user) | Q(manager=user), next_version__isnull=True)
        .filter(Q(teacher_agreed_at__isnull=True) | Q(manager_agreed_at__isnull=True))
        .filter(Q(held_on__isnull=True, scheduled_on__gte=today, scheduled_on__lte=soon) | Q(held_on__isnull=False))
        .select_related("person", "manager")
        .order_by("scheduled_on")[:5]
    )
    waiting = [
        c
        for c in waiting
        if c.held_on is None
        or (c.person.user_id == user.pk and not c.teacher_agreed_at)
        or (c.manager_id == user.pk and not c.manager_agreed_at)
    ]
    judging = list(assessing(user).order_by("opened_at")[:5])
    if person is None:
        return Signals(year, True, None, unread, waiting, assessing=judging)
    return Signals(
        year, person.has_pop, person.open_cycle, unread, waiting, person.feedback_ready, person.candidacy, judging
    )


def shared_item(share: CareerShare) -> tuple[str, str]:
    """What a share lets its reader open, named by title, and where."""
    if share.pop:
        what = _("POP %(year)s of %(name)s") % {"year": share.pop.school_year, "name": share.pop.person}
        return what, reverse("careers:shared_pop", args=[share.pop_id])
    if share.cycle:
        return _("Career cycle of %(name)s") % {"name": share.cycle.person}, reverse(
            "careers:shared_cycle", args=[share.cycle_id]
        )
    evidence = share.evidence
    assert evidence is not None  # a share names exactly one item (share_names_one_item)
    return f"{evidence.title} ({evidence.person})", reverse("careers:shared_evidence", args=[share.evidence_id])


# The conversation cycle ----------------------------------------------------------------------


def conversation_for(user: User, conversation_id: int) -> Conversation:
    """A conversation opens for its two people only: she and her leidinggevende."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Conversation.objects.select_related(
            "person__school", "manager", "framework_version__school_framework__framework", "previous"
        ).filter(Q(person__user=user) | Q(manager=user)),
        pk=conversation_id,
    )


@dataclass
class ConversationPage:
    conversation: Conversation
    is_teacher: bool
    is_manager: bool
    newest: bool
    earlier: list[Conversation]  # the versions before this one, newest first
    skills_agreement: str  # the label, when the school works on a theme that asks for it
    frameworks: list[FrameworkVersion] | None  # what an appraisal may cite; None for other kinds
    competences: list[dict]  # of the version it cites


def conversation_page(conversation: Conversation, user: User) -> ConversationPage:
    # A version is a copy of the same kind and year (services.revise), so the earlier ones are
    # those with a lower number.
    earlier = list(
        Conversation.objects.filter(
            person_id=conversation.person_id,
            kind=conversation.kind,
            school_year=conversation.school_year,
            version__lt=conversation.version,
        )
        .select_related("changed_by")
        .order_by("-version")
    )
    agreement = (
        Trajectory.objects.filter(school=conversation.person.school, deleted_at__isnull=True)
        .exclude(theme__conversation_agreement="")
        .values_list("theme__conversation_agreement", flat=True)
        .first()
    )
    version = conversation.framework_version
    return ConversationPage(
        conversation=conversation,
        is_teacher=conversation.person.user_id == user.pk,
        is_manager=conversation.manager_id == user.pk,
        newest=not Conversation.objects.filter(previous=conversation).exists(),
        earlier=earlier,
        skills_agreement=agreement or "",
        frameworks=list(
            _latest_versions()
            .filter(school_framework__school=conversation.person.school)
            .select_related("school_framework__framework")
        )
        if conversation.kind == ConversationKind.BEOORDELING
        else None,
        competences=version.competences if version else [],
    )


def keeps_careers(user: User, school: School) -> bool:
    """Whether the user chooses the school's conversation cycle, roles and frameworks."""
    return access.career_schools(user).filter(pk=school.pk).exists()


def planning_schools(user: User) -> QuerySet[School]:
    """Who plans the school's conversations and sees that they happen: its leaders and the board."""
    return managed_schools(user)


@dataclass
class PlanningRow:
    person: Person
    conversations: list[Conversation]


@dataclass
class Planning:
    plan: ConversationPlan | None
    year: str
    held: int
    total: int


def planning(school: School, year: str) -> Planning:
    newest = Conversation.objects.filter(person__school=school, school_year=year, next_version__isnull=True)
    counts = newest.aggregate(total=Count("id"), held=Count("id", filter=Q(held_on__isnull=False)))
    return Planning(
        plan=ConversationPlan.objects.select_related("template").filter(school=school).first(),
        year=year,
        held=counts["held"],
        total=counts["total"],
    )


def planning_people(school: School, year: str) -> QuerySet[Person]:
    """The school's staff, each with this year's newest conversations: when, with whom, held,
    agreed. Never what was said."""
    newest = Conversation.objects.filter(school_year=year, next_version__isnull=True).select_related("manager")
    return (
        Person.objects.filter(school=school, left_on__isnull=True, erased_at__isnull=True)
        .exclude(functie=Functie.SCHOOLLEIDER)
        .prefetch_related(Prefetch("conversations", queryset=newest, to_attr="this_year"))
        .order_by("last_name", "first_name")
    )


def conversations_of(person: Person) -> QuerySet[Conversation]:
    """Her newest conversations, the coming ones first."""
    return (
        Conversation.objects.filter(person=person, next_version__isnull=True)
        .select_related("manager")
        .order_by(F("held_on").asc(nulls_first=True), "scheduled_on")
    )


def agenda(user: User, year: str) -> QuerySet[Conversation]:
    """The user's conversations of this school year on, as the teacher or as the
    leidinggevende: the newest version of each."""
    return (
        Conversation.objects.filter(Q(person__user=user) | Q(manager=user), next_version__isnull=True)
        .filter(school_year__gte=year)
        .select_related("person", "manager")
        .order_by("scheduled_on", "id")
    )


# The functiemix ------------------------------------------------------------------------------

SCALES = (Functie.DOCENT_LB, Functie.DOCENT_LC, Functie.DOCENT_LD)


@dataclass
class MixRow:
    name: str
    counts: tuple[int, int, int]  # LB, LC, LD

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def missing(self) -> list[str]:
        """ "LC" and "LD" when the team has teachers but none in that scale (hr:2628-2631)."""
        if not self.total:
            return []
        return [label for label, n in zip(("LC", "LD"), self.counts[1:], strict=True) if not n]

    @property
    def shares(self) -> tuple[int, int, int]:
        return tuple(round(100 * n / self.total) if self.total else 0 for n in self.counts)  # type: ignore[return-value]


@dataclass
class Functiemix:
    school: MixRow
    teams: list[MixRow]
    target: FunctiemixTarget | None
    roles_held: list[RoleHolding]  # roles held by LC and LD staff
    without_role: list[Person]  # LC and LD staff who hold no role: a question for the conversation


def functiemix(school: School, day: datetime.date) -> Functiemix:
    """Teachers per salary scale, for the school and per team, in a fixed number of queries."""
    staff = Person.objects.filter(school=school, left_on__isnull=True, erased_at__isnull=True)
    per_scale = {f: Count("members", filter=Q(members__functie=f, **_current("members__"))) for f in SCALES}
    teams = school.teams.annotate(**{f"n_{f}": c for f, c in per_scale.items()}).order_by("name")
    totals = staff.aggregate(**{f"n_{f}": Count("id", filter=Q(functie=f)) for f in SCALES})
    senior = staff.filter(functie__in=(Functie.DOCENT_LC, Functie.DOCENT_LD))
    held = (
        RoleHolding.objects.filter(person__in=senior, offer__school=school)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))
        .select_related("person", "offer__role")
        .order_by("person__last_name", "offer__role__name")
    )
    roles_held = list(held)
    holders = {h.person_id for h in roles_held}
    return Functiemix(
        school=MixRow(school.name, tuple(totals[f"n_{f}"] for f in SCALES)),
        teams=[MixRow(t.name, tuple(getattr(t, f"n_{f}") for f in SCALES)) for t in teams],
        target=FunctiemixTarget.objects.filter(school=school).first(),
        roles_held=roles_held,
        without_role=[p for p in senior.order_by("last_name", "first_name") if p.pk not in holders],
    )


def _current(prefix: str) -> dict:
    return {f"{prefix}left_on__isnull": True, f"{prefix}erased_at__isnull": True}


# The board's career figures ------------------------------------------------------------------


@dataclass
class GroupFigures:
    """Career figures of a school or team; `enough` is False below MIN_GROUP people, and then
    nothing but that is shown."""

    name: str
    people: int
    held: int = 0
    planned: int = 0
    pops: int = 0
    hours: int = 0
    budget: Decimal = Decimal(0)
    scales: tuple[int, int, int] = (0, 0, 0)
    teams: list[GroupFigures] = field(default_factory=list)

    @property
    def enough(self) -> bool:
        return self.people >= MIN_GROUP

    @property
    def held_share(self) -> int | None:
        return round(100 * self.held / self.planned) if self.planned else None


def board_figures(board, year: str) -> list[GroupFigures]:
    """Per school and team of the board: conversations held of planned, POPs, hours and budget
    agreed in locked conversations, and the functiemix. Aggregated in SQL, in a fixed number
    of queries whatever the number of staff."""
    staff = Person.objects.filter(board=board, school__isnull=False, left_on__isnull=True, erased_at__isnull=True)
    newest = Conversation.objects.filter(person__in=staff, school_year=year, next_version__isnull=True)
    locked = Q(teacher_agreed_at__isnull=False, manager_agreed_at__isnull=False)
    conversation_sums = {
        "planned": Count("id"),
        "held": Count("id", filter=Q(held_on__isnull=False)),
        "hours": Sum("prof_hours", filter=locked),
        "budget": Sum("prof_budget", filter=locked),
    }
    by_school: dict[int, Any] = {
        r["person__school"]: r for r in newest.values("person__school").annotate(**conversation_sums)
    }
    by_team: dict[int, Any] = {
        r["person__teams"]: r
        for r in newest.filter(person__teams__isnull=False).values("person__teams").annotate(**conversation_sums)
    }
    people: dict[int, Any] = {
        r["school"]: r
        for r in staff.values("school").annotate(
            n=Count("id", distinct=True),
            with_pop=Count("pops", filter=Q(pops__school_year=year), distinct=True),
            **{f: Count("id", filter=Q(functie=f), distinct=True) for f in SCALES},
        )
    }
    team_people = dict(
        Team.objects.filter(school__board=board)
        .annotate(n=Count("members", filter=Q(**_current("members__"))))
        .values_list("pk", "n")
    )
    out = []
    for school in board.schools.prefetch_related("teams").order_by("name"):
        p = people.get(school.pk, {})
        row = _figures(school.name, p.get("n", 0), by_school.get(school.pk, {}))
        row.pops = p.get("with_pop", 0)
        row.scales = (p.get(SCALES[0], 0), p.get(SCALES[1], 0), p.get(SCALES[2], 0))
        row.teams = [_figures(t.name, team_people.get(t.pk, 0), by_team.get(t.pk, {})) for t in school.teams.all()]
        out.append(row)
    return out


def _figures(name: str, people: int, sums: Any) -> GroupFigures:
    return GroupFigures(
        name=name,
        people=people,
        held=sums.get("held", 0),
        planned=sums.get("planned", 0),
        hours=sums.get("hours") or 0,
        budget=sums.get("budget") or Decimal(0),
    )


# Her own data ---------------------------------------------------------------------------------


def career_counts(person: Person) -> dict:
    """How much career data Koers holds of her: that it exists, never what it says."""
    return {
        "pops": person.pops.count(),
        "career_cycles": person.career_cycles.count(),
        "portfolio": person.evidence.count(),
        "conversations": person.conversations.count(),
    }


def agreed_hours(school_id: int, year: str) -> tuple[int, int]:
    """How many staff agreed hours in a locked conversation this year, and their sum."""
    found = Conversation.objects.filter(
        person__school_id=school_id,
        school_year=year,
        next_version__isnull=True,
        prof_hours__isnull=False,
        teacher_agreed_at__isnull=False,
        manager_agreed_at__isnull=False,
    ).aggregate(people=Count("person", distinct=True), hours=Sum("prof_hours"))
    return found["people"], found["hours"] or 0


@dataclass
class Dossier:
    person: Person
    pops: list[PopPage]
    cycles: list[CyclePage]
    evidence: list[Evidence]
    conversations: list[Conversation]  # every version, with both sides' texts


def dossier(person: Person) -> Dossier:
    """Her whole career dossier to take along (R7): only what is hers, never what others
    shared with her."""
    return Dossier(
        person=person,
        pops=[pop_page(p) for p in person.pops.select_related("role")],
        cycles=[
            cycle_page(c, person.school) for c in person.career_cycles.select_related("role__framework", "version")
        ],
        evidence=list(person.evidence.prefetch_related("competences")),
        conversations=list(
            person.conversations.select_related("manager", "framework_version__school_framework__framework")
            .prefetch_related("prof_manner")
            .order_by("school_year", "scheduled_on", "kind", "version")
        ),
    )


# --- who knows what ---------------------------------------------------------------------------


def my_expertise(person: Person) -> QuerySet[ExpertiseEntry]:
    return person.expertise.select_related("area", "evidence")


def expertise_entry_for(person: Person, entry_id: int) -> ExpertiseEntry:
    return get_object_or_404(person.expertise, pk=entry_id)


def staff_school_for(user: User, school_id: int) -> School:
    """The school's own staff search it, and its keepers."""
    me = access.own_person(user)
    schools = access.career_schools(user)
    if me is not None and me.school_id and me.left_on is None:
        schools = schools | School.objects.filter(pk=me.school_id)
    return get_object_or_404(schools.distinct(), pk=school_id)


def visible_expertise(user: User, school: School) -> QuerySet[ExpertiseEntry]:
    """Entries of the school's current staff shown to the school, and those shown to a team
    the user is in. A private entry never appears, not even for the school leader (D.5.6)."""
    me = access.own_person(user)
    team_people = Person.objects.filter(teams__members=me) if me is not None else Person.objects.none()
    shown = Q(visibility=ExpertiseEntry.Visibility.SCHOOL) | Q(
        visibility=ExpertiseEntry.Visibility.TEAM, person__in=team_people.values("pk")
    )
    return ExpertiseEntry.objects.filter(
        shown, person__school=school, person__left_on__isnull=True, person__erased_at__isnull=True
    )


def search_expertise(user: User, school: School, *, words: str, area: ExpertiseArea | None) -> QuerySet[ExpertiseEntry]:
    found = visible_expertise(user, school).select_related("area", "person")
    if area is not None:
        found = found.filter(area=area)
    for word in words.split()[:5]:
        found = found.filter(Q(topic__icontains=word) | Q(description__icontains=word) | Q(area__name__icontains=word))
    return found.order_by("area__order", "topic", "person__last_name", "id")


def expertise_map(user: User, school: School) -> list[tuple[ExpertiseArea, int]]:
    """Per area how many entries the user may see: the school's map of who knows what."""
    counts = dict(visible_expertise(user, school).values_list("area_id").annotate(n=Count("id")).order_by())
    return [(a, counts.get(a.pk, 0)) for a in ExpertiseArea.objects.all()]
