"""Every write of the career part: a school adopts, adapts and publishes a framework, offers
roles with places, appoints holders and runs a selection procedure when there are more
candidates than places; a teacher states interest, keeps her POP and portfolio, asks 360-degree
feedback and decides who may read it."""

from __future__ import annotations

import datetime
import shutil
import tempfile
import zipfile
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers import uploads
from koers.instruments.models import Goal
from koers.organisations.models import Functie, Notification, Person, Role, School, User
from koers.organisations.services import notify
from koers.surveys import exports as survey_exports
from koers.surveys import presenters as survey_presenters
from koers.surveys import selectors as survey_selectors
from koers.surveys import services as surveys
from koers.surveys.models import Instrument, Invitation, RespondentGroup, RoundGroup

from .models import (
    LEVELS,
    ActivityKind,
    Candidate,
    CareerCycle,
    CareerRole,
    CareerShare,
    Competence,
    Conversation,
    ConversationKind,
    ConversationPlan,
    CycleTemplate,
    Evidence,
    ExpertiseEntry,
    FeedbackRequest,
    FrameworkVersion,
    FunctiemixTarget,
    Judgement,
    Level,
    Pop,
    PopActivity,
    PopGoal,
    ReferenceFramework,
    RoleHolding,
    RoleInterest,
    RoleOffer,
    SchoolFramework,
    SelectionProcedure,
    SelfAssessment,
    ShareRead,
    Submission,
)
from .selectors import shared_item

# R2: what any attempt to carry development data into selection or assurance is told.
DEVELOPMENT_ONLY = _("Data for development is not used for selection or assurance.")

# Frameworks ----------------------------------------------------------------------------------


def adopt_framework(school: School, framework: ReferenceFramework, *, by: User) -> SchoolFramework:
    """The school's own copy to adapt, starting from the content's wording."""
    competences = [
        {"slug": c.slug, "name": c.name} | {level: getattr(c, level) for level in LEVELS}
        for c in framework.competences.all()
    ]
    found, _created = SchoolFramework.objects.get_or_create(
        school=school, framework=framework, defaults={"competences": competences, "adopted_by": by}
    )
    return found


def adapt_framework(
    adopted: SchoolFramework, *, competences: list[dict], context_elements: str, drafted_with: str
) -> None:
    """Keep the school's wording. Competences keep the content's slugs, so what cites them
    stays comparable between versions."""
    known = {c["slug"] for c in adopted.competences}
    if {c["slug"] for c in competences} != known:
        raise ValidationError(_("The framework's competences were changed elsewhere; reload the page."))
    adopted.competences = competences
    adopted.context_elements = context_elements
    adopted.drafted_with = drafted_with
    adopted.changed_at = timezone.now()
    adopted.save(update_fields=["competences", "context_elements", "drafted_with", "changed_at"])


def publish_framework(adopted: SchoolFramework, *, by: User, today: datetime.date) -> FrameworkVersion:
    """A dated version that never changes; teachers read it before anything uses it (R5).
    Who drafted it must be named: the criteria are the teachers' too (drl:3255-3272)."""
    if not adopted.drafted_with.strip():
        raise ValidationError(
            {"drafted_with": _("Name the teachers (or their roles) who drafted this framework with you.")}
        )
    with transaction.atomic():
        locked = SchoolFramework.objects.select_for_update().get(pk=adopted.pk)
        last = locked.versions.aggregate(n=Max("number"))["n"] or 0
        current = locked.versions.filter(number=last).first()
        if current and (current.competences, current.context_elements, current.drafted_with) == (
            locked.competences,
            locked.context_elements,
            locked.drafted_with,
        ):
            raise ValidationError(_("Nothing changed since version %(n)s; nothing new to publish.") % {"n": last})
        return FrameworkVersion.objects.create(
            school_framework=locked,
            number=last + 1,
            published_on=today,
            published_by=by,
            competences=locked.competences,
            context_elements=locked.context_elements,
            drafted_with=locked.drafted_with,
        )


# Roles with places ---------------------------------------------------------------------------


def offer_role(
    school: School,
    *,
    role: CareerRole,
    places: int,
    hours: int | None,
    level_hint: str,
    period: str,
    note: str,
    by: User,
) -> RoleOffer:
    return RoleOffer.objects.create(
        school=school,
        role=role,
        places=places,
        hours=hours,
        level_hint=level_hint,
        period=period,
        note=note,
        created_by=by,
    )


def state_interest(offer: RoleOffer, person: Person, *, motivation: str) -> RoleInterest:
    if offer.status != RoleOffer.Status.OPEN:
        raise ValidationError(_("This role is no longer open."))
    if person.school_id != offer.school_id:
        raise ValidationError(_("This role is offered at another school."))
    found, _created = RoleInterest.objects.update_or_create(
        offer=offer, person=person, defaults={"motivation": motivation}
    )
    return found


def withdraw_interest(offer: RoleOffer, person: Person) -> None:
    RoleInterest.objects.filter(offer=offer, person=person).delete()


def appoint(offer: RoleOffer, person: Person, *, starts_on: datetime.date) -> RoleHolding:
    """One more holder, never more than the places; the offer is full when they are taken."""
    with transaction.atomic():
        locked = RoleOffer.objects.select_for_update().get(pk=offer.pk)
        if locked.status == RoleOffer.Status.GESLOTEN:
            raise ValidationError(_("This role offer is closed."))
        if person.school_id != locked.school_id or person.left_on or person.erased_at:
            raise ValidationError({"person": _("Choose someone who works at this school.")})
        holders = locked.holdings.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on))
        if locked.holdings.filter(person=person).exists():
            raise ValidationError({"person": _("%(name)s already holds this role.") % {"name": person}})
        if holders.count() >= locked.places:
            raise ValidationError(
                _("All %(n)s places of this role are taken. End a holding first, or offer more places.")
                % {"n": locked.places}
            )
        holding = RoleHolding.objects.create(offer=locked, person=person, starts_on=starts_on)
        if holders.count() >= locked.places:
            locked.status = RoleOffer.Status.VOL
            locked.save(update_fields=["status"])
        return holding


def end_holding(holding: RoleHolding, *, on: datetime.date) -> None:
    with transaction.atomic():
        holding.ends_on = on
        holding.save(update_fields=["ends_on"])
        offer = holding.offer
        if offer.status == RoleOffer.Status.VOL:
            offer.status = RoleOffer.Status.OPEN
            offer.save(update_fields=["status"])


def close_offer(offer: RoleOffer) -> None:
    offer.status = RoleOffer.Status.GESLOTEN
    offer.save(update_fields=["status"])


# The POP -------------------------------------------------------------------------------------


def start_pop(person: Person, year: str) -> Pop:
    """This year's POP; the ambition and role carry over from last year's, the rest is new."""
    with transaction.atomic():
        found = Pop.objects.filter(person=person, school_year=year).first()
        if found:
            return found
        last = Pop.objects.filter(person=person, school_year__lt=year).order_by("-school_year").first()
        return Pop.objects.create(
            person=person,
            school_year=year,
            ambition=last.ambition if last else "",
            role=last.role if last else None,
        )


def save_pop(
    pop: Pop,
    *,
    ambition: str,
    role: CareerRole | None,
    school_goals: list[Goal],
    hours_agreed: int | None,
    hours_own_choice: int | None,
    budget_agreed: Decimal | None,
) -> None:
    if hours_agreed is not None and hours_own_choice is not None and hours_own_choice > hours_agreed:
        message = _("Your own share cannot be more than the hours agreed (%(n)s).") % {"n": hours_agreed}
        raise ValidationError({"hours_own_choice": message})
    with transaction.atomic():
        pop.ambition = ambition
        pop.role = role
        pop.hours_agreed = hours_agreed
        pop.hours_own_choice = hours_own_choice
        pop.budget_agreed = budget_agreed
        pop.changed_at = timezone.now()
        pop.save()
        pop.school_goals.set(school_goals)


def add_pop_goal(
    pop: Pop, *, text: str, competence: Competence | None, success_criterion: str, due: datetime.date | None
) -> PopGoal:
    goal = PopGoal.objects.create(
        pop=pop, text=text, competence=competence, success_criterion=success_criterion, due=due
    )
    _touch(pop)
    return goal


def remove_pop_goal(goal: PopGoal) -> None:
    goal.delete()
    _touch(goal.pop)


def add_activity(pop: Pop, *, kind: ActivityKind, **fields) -> PopActivity:
    activity = PopActivity(pop=pop, kind=kind, **fields)
    activity.full_clean(exclude=["pop", "kind"])
    activity.save()
    _touch(pop)
    return activity


def set_activity_status(activity: PopActivity, status: str) -> None:
    if status not in PopActivity.Status.values:
        raise ValidationError(_("Choose a status from the list."))
    activity.status = status
    activity.save(update_fields=["status"])
    _touch(activity.pop)


def remove_activity(activity: PopActivity) -> None:
    activity.delete()
    _touch(activity.pop)


def _touch(pop: Pop) -> None:
    Pop.objects.filter(pk=pop.pk).update(changed_at=timezone.now())


# The career cycle ----------------------------------------------------------------------------


def start_cycle(person: Person) -> CareerCycle:
    """Her open cycle, or a new one: one cycle runs at a time."""
    with transaction.atomic():
        found = CareerCycle.objects.filter(person=person, followed_up_at__isnull=True).first()
        return found or CareerCycle.objects.create(person=person)


def orient(cycle: CareerCycle, *, compared: list[CareerRole], role: CareerRole, motivation: str) -> None:
    """Step 1: compare one to three roles and choose the one that fits her ambitions."""
    _require_open(cycle)
    chosen = list(dict.fromkeys([*compared, role]))
    if len(chosen) > CareerCycle.MOST_ORIENTATIONS:
        raise ValidationError({"compared": _("Compare at most three roles, the chosen one included.")})
    with transaction.atomic():
        changed = cycle.role_id != role.pk
        cycle.role = role
        cycle.motivation = motivation
        if changed:  # another role has another framework: steps 2 and 3 start again
            cycle.framework = cycle.version = cycle.framework_read_at = None
            cycle.assessments.all().delete()
        cycle.save()
        cycle.compared.set(chosen)


def read_framework(cycle: CareerCycle, *, version: FrameworkVersion | None) -> None:
    """Step 2: she read the framework of her role; the version is what step 3 cites."""
    _require_open(cycle)
    if cycle.role is None:
        raise ValidationError(_("Choose a role first."))
    cycle.framework = cycle.role.framework
    cycle.version = version
    cycle.framework_read_at = timezone.now()
    cycle.save(update_fields=["framework", "version", "framework_read_at"])


def assess(cycle: CareerCycle, *, competences: list[dict], rows: dict[str, dict]) -> None:
    """Step 3, the reality check: a level now (and, where she wants to grow, a target) for
    every competence of the framework she read."""
    _require_open(cycle)
    if cycle.framework_read_at is None:
        raise ValidationError(_("Read the framework of your role first."))
    with transaction.atomic():
        cycle.assessments.all().delete()
        for c in competences:
            row = rows[c["slug"]]
            assessment = SelfAssessment.objects.create(
                cycle=cycle,
                competence_slug=c["slug"],
                competence_name=c["name"],
                current_level=row["current_level"],
                target_level=row["target_level"],
                note=row["note"],
            )
            if mine := [e for e in row.get("evidence", []) if e.person_id == cycle.person_id]:
                assessment.evidence.set(mine)


def follow_up(cycle: CareerCycle, *, gaps: str, support_needed: str, year: str) -> Pop:
    """Step 4: the gap and the support it asks; each competence she wants to grow in becomes a
    goal of her POP for the year, with the target level's description as its criterion."""
    _require_open(cycle)
    assessments = list(cycle.assessments.all())
    if not assessments:
        raise ValidationError(_("Do the reality check first."))
    growing = [a for a in assessments if a.grows]
    if not growing:
        raise ValidationError(
            {"gaps": _("Choose, in the reality check, at least one competence to grow in; it becomes a POP goal.")}
        )
    levels = dict(Level.choices)
    described = {c["slug"]: c for c in _cited_competences(cycle)}
    content = {c.slug: c for c in cycle.framework.competences.all()} if cycle.framework else {}
    with transaction.atomic():
        pop = start_pop(cycle.person, year)
        PopGoal.objects.bulk_create(
            PopGoal(
                pop=pop,
                text=_("%(competence)s: from %(now)s to %(target)s")
                % {
                    "competence": a.competence_name,
                    "now": str(levels[a.current_level]).lower(),
                    "target": str(levels[a.target_level]).lower(),
                },
                competence=content.get(a.competence_slug),
                success_criterion=described.get(a.competence_slug, {}).get(a.target_level, ""),
            )
            for a in growing
        )
        if pop.role_id is None:
            pop.role = cycle.role
        pop.changed_at = timezone.now()
        pop.save(update_fields=["role", "changed_at"])
        cycle.gaps = gaps
        cycle.support_needed = support_needed
        cycle.pop = pop
        cycle.followed_up_at = timezone.now()
        cycle.save(update_fields=["gaps", "support_needed", "pop", "followed_up_at"])
    return pop


def _cited_competences(cycle: CareerCycle) -> list[dict]:
    if cycle.version:
        return cycle.version.competences
    if cycle.framework:
        return list(cycle.framework.competences.values("slug", "name", *LEVELS))
    return []


def _require_open(cycle: CareerCycle) -> None:
    if cycle.followed_up_at is not None:
        raise ValidationError(_("This cycle is done; its goals are in your POP. Start a new cycle to go on."))


# The portfolio -------------------------------------------------------------------------------


def add_evidence(person: Person, form) -> Evidence:
    """A portfolio item from a checked EvidenceForm: the file's size and kind were checked
    before anything was stored."""
    with transaction.atomic():
        evidence = form.save(commit=False)
        evidence.person = person
        uploads.note_file(evidence)
        evidence.save()
        form.save_m2m()
    return evidence


def change_evidence(form) -> None:
    """Title, kind, date, competences and reflection; the file stays what it was."""
    form.save()


def delete_evidence(evidence: Evidence) -> None:
    uploads.delete_with_file(evidence)


# 360-degree feedback ------------------------------------------------------------------------


def feedback_instrument() -> Instrument:
    return Instrument.objects.filter(for_people=True, active=True).latest("version")


@transaction.atomic
def request_feedback(
    person: Person,
    *,
    competences: list[Competence],
    groups: list[RespondentGroup],
    manager: Person | None,
    by: User,
) -> FeedbackRequest:
    """A round about her, open from today for two weeks, on the competences she chose. The
    anonymous groups answer through open links she shares herself; her leidinggevende gets an
    invitation (sent like any round's) and answers by name."""
    instrument = feedback_instrument()
    errors: dict[str, str] = {}
    if not competences:
        errors["competences"] = _("Choose at least one competence.")
    elif len(competences) > FeedbackRequest.MOST_COMPETENCES:
        errors["competences"] = _("Choose at most %(n)s competences, so the questionnaire stays short.") % {
            "n": FeedbackRequest.MOST_COMPETENCES
        }
    if not groups and manager is None:
        errors["groups"] = _("Choose at least one group, or your leidinggevende.")
    email = ""
    if manager is not None:
        email = (manager.email or (manager.user.email if manager.user else "")).strip().lower()
        if not email:
            errors["manager"] = _("%(name)s has no e-mail address in Koers.") % {"name": manager}
    if person.school is None:
        errors[NON_FIELD_ERRORS] = _("360° feedback is asked at your school; your account is not tied to one.")
    if errors:
        raise ValidationError(errors)
    assert person.school is not None
    asked = list(groups)
    if manager is not None:
        named = instrument.groups.get(slug=instrument.named_group)
        asked.append(named)
    today = timezone.localdate()
    survey = surveys.create_round(
        school=person.school,
        instrument=instrument,
        title=_("360° feedback for %(name)s") % {"name": person},
        modules=[c.slug for c in competences],
        groups=asked,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=FeedbackRequest.WINDOW_DAYS - 1),
        min_group_size=3,
        user=by,
        subject=person,
    )
    request = FeedbackRequest.objects.create(person=person, round=survey, manager=manager)
    request.competences.set(competences)
    if manager is not None:
        RoundGroup.objects.filter(round=survey, group=named).update(named=str(manager))
        Invitation.objects.create(round=survey, group=named, email=email)
    return request


def feedback_to_portfolio(request: FeedbackRequest) -> Evidence:
    """Her choice to keep the result: the report as a PDF in her portfolio, tagged with the
    competences asked about. From there she may share it, like any item."""
    if request.evidence_id:
        raise ValidationError(_("This feedback is already in your portfolio."))
    survey = request.round
    if survey.state(timezone.localdate()) != survey.State.CLOSED:
        raise ValidationError(_("The feedback can go into your portfolio once the round has closed."))
    document = survey_exports.as_pdf(survey_presenters.report_view(survey_selectors.report(survey)))
    with transaction.atomic():
        evidence = Evidence(
            person=request.person,
            title=survey.title,
            kind=Evidence.Kind.FEEDBACK360,
            date=survey.last_day(),
        )
        evidence.file.save("360-feedback.pdf", ContentFile(document), save=False)
        evidence.file_name, evidence.file_size = "360-feedback.pdf", len(document)
        evidence.save()
        evidence.competences.set(request.competences.all())
        request.evidence = evidence
        request.save(update_fields=["evidence"])
    return evidence


# The selection procedure ---------------------------------------------------------------------


def open_procedure(offer: RoleOffer, *, weights: dict[str, int], assessors: list[User], by: User) -> SelectionProcedure:
    """For a role with places: the candidates are those who stated interest; the criteria are
    the competences of the school's published framework version, each with a weight; at least
    two assessors judge (drl:3240-3242)."""
    version = (
        FrameworkVersion.objects.filter(
            school_framework__school_id=offer.school_id, school_framework__framework_id=offer.role.framework_id
        )
        .order_by("-number")
        .first()
    )
    errors: dict[str, str] = {}
    if version is None:
        errors[NON_FIELD_ERRORS] = _(
            "Publish the school’s version of this role’s framework first: candidates see the criteria before "
            "the procedure starts."
        )
    interests = list(offer.interests.select_related("person").filter(person__left_on__isnull=True))
    if not interests:
        errors[NON_FIELD_ERRORS] = _("No one has stated interest in this role yet.")
    if len(set(assessors)) < SelectionProcedure.MIN_ASSESSORS:
        errors["assessors"] = _("Choose at least two assessors.")
    elif {i.person.user_id for i in interests} & {a.pk for a in assessors}:
        errors["assessors"] = _("A candidate cannot be an assessor.")
    criteria = []
    if version is not None:
        criteria = [
            {"slug": c["slug"], "name": c["name"], "weight": weights.get(c["slug"], 0)} for c in version.competences
        ]
        if not any(c["weight"] for c in criteria):
            errors["weights"] = _("Give at least one criterion a weight.")
    if offer.procedures.filter(decided_at__isnull=True).exists():
        errors[NON_FIELD_ERRORS] = _("A procedure for this role is already running.")
    if errors:
        raise ValidationError(errors)
    assert version is not None
    with transaction.atomic():
        procedure = SelectionProcedure.objects.create(
            offer=offer, version=version, criteria=[c for c in criteria if c["weight"]], opened_by=by
        )
        procedure.assessors.set(assessors)
        Candidate.objects.bulk_create(Candidate(procedure=procedure, person=i.person) for i in interests)
    role = offer.role.name
    notify(
        [i.person.user_id for i in interests],
        Notification.Kind.SELECTION,
        reverse("careers:candidacy", args=[procedure.pk]),
        role=role,
        step=_("you are a candidate; read the criteria and submit what shows them"),
    )
    notify(
        [a.pk for a in assessors],
        Notification.Kind.SELECTION,
        reverse("careers:procedure", args=[procedure.pk]),
        actor=by,
        role=role,
        step=_("you are an assessor"),
    )
    return procedure


def submit(candidate: Candidate, item, *, motivation: str | None = None) -> Submission:
    """The only bridge from development to selection (R2): a copy of one of her portfolio
    items that the candidate submits herself, marked as hers. Nothing else of her development
    (her POP, cycle, conversations or 360-degree feedback itself) is ever linked."""
    if not isinstance(item, Evidence):
        raise ValidationError(DEVELOPMENT_ONLY)
    _require_undecided(candidate.procedure)
    if item.person_id != candidate.person_id:
        raise ValidationError(_("Submit an item of your own portfolio."))
    with transaction.atomic():
        copy = Submission(
            candidate=candidate,
            title=item.title,
            kind=item.kind,
            link=item.link,
            date=item.date,
            competences=", ".join(c.name for c in item.competences.all()),
            reflection=item.reflection,
            file_name=item.file_name,
            file_size=item.file_size,
        )
        if item.file:
            with item.file.open("rb") as handle:
                copy.file.save(item.file_name or "bestand", ContentFile(handle.read()), save=False)
        copy.save()
    return copy


def write_motivation(candidate: Candidate, text: str) -> None:
    _require_undecided(candidate.procedure)
    candidate.motivation = text.strip()
    candidate.save(update_fields=["motivation"])


def withdraw_submission(submission: Submission) -> None:
    _require_undecided(submission.candidate.procedure)
    uploads.delete_with_file(submission)


def judge(candidate: Candidate, *, assessor: User, scores: dict[str, int], note: str) -> Judgement:
    procedure = candidate.procedure
    _require_undecided(procedure)
    if not procedure.assessors.filter(pk=assessor.pk).exists():
        raise ValidationError(_("Only the procedure’s assessors judge."))
    wanted = {c["slug"] for c in procedure.criteria}
    if set(scores) != wanted or not all(1 <= v <= 4 for v in scores.values()):
        raise ValidationError({"scores": _("Score every criterion from 1 to 4.")})
    if not note.strip():
        raise ValidationError({"note": _("Substantiate the judgement: what in the submissions shows it?")})
    found, _created = Judgement.objects.update_or_create(
        candidate=candidate, assessor=assessor, defaults={"scores": scores, "note": note.strip()}
    )
    return found


def decide(
    procedure: SelectionProcedure, *, chosen: list[Candidate], reasons: str, by: User, starts_on: datetime.date
) -> None:
    """The decision, with its reasons for every candidate to read (drl:3526-3534). Every
    candidate needs the judgement of at least two assessors; the chosen become holders,
    within the places."""
    _require_undecided(procedure)
    errors: dict[str, str] = {}
    candidates = list(procedure.candidates.select_related("person").prefetch_related("judgements"))
    short = [c for c in candidates if len(c.judgements.all()) < SelectionProcedure.MIN_ASSESSORS]
    if short:
        errors[NON_FIELD_ERRORS] = _("Not yet judged by two assessors: %(names)s.") % {
            "names": ", ".join(str(c.person) for c in short)
        }
    if not chosen:
        errors["chosen"] = _("Choose who gets the role.")
    if not reasons.strip():
        errors["reasons"] = _("Give the reasons for the decision; the candidates read them.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for candidate in chosen:
            appoint(procedure.offer, candidate.person, starts_on=starts_on)
        chosen_ids = {c.pk for c in chosen}
        for candidate in candidates:
            candidate.chosen = candidate.pk in chosen_ids
        Candidate.objects.bulk_update(candidates, ["chosen"])
        procedure.reasons = reasons.strip()
        procedure.decided_at = timezone.now()
        procedure.decided_by = by
        procedure.save(update_fields=["reasons", "decided_at", "decided_by"])
    notify(
        [c.person.user_id for c in candidates],
        Notification.Kind.SELECTION,
        reverse("careers:candidacy", args=[procedure.pk]),
        role=procedure.offer.role.name,
        step=_("the decision is made; read it with its reasons"),
    )


def _require_undecided(procedure: SelectionProcedure) -> None:
    if procedure.decided_at is not None:
        raise ValidationError(_("This procedure has been decided."))


# The conversation cycle ----------------------------------------------------------------------


def choose_cycle(school: School, template: CycleTemplate, *, by: User) -> ConversationPlan:
    found, _created = ConversationPlan.objects.update_or_create(
        school=school, defaults={"template": template, "chosen_by": by, "chosen_at": timezone.now()}
    )
    return found


def propose_year(school: School, year: str) -> int:
    """The year's conversations of the school's cycle for each staff member with her
    leidinggevende: a teamleider of one of her teams, else the school leader. What is already
    planned stays; returns how many were added."""
    plan = ConversationPlan.objects.select_related("template").filter(school=school).first()
    if plan is None:
        raise ValidationError(_("Choose the school's conversation cycle first."))
    start = int(year[:4])
    steps = list(plan.template.steps.all())
    staff = list(
        Person.objects.filter(school=school, left_on__isnull=True, erased_at__isnull=True)
        .exclude(functie=Functie.SCHOOLLEIDER)
        .prefetch_related("teams__members")
    )
    leader = (
        User.objects.filter(memberships__school=school, memberships__role=Role.SCHOOLLEIDER, is_active=True)
        .order_by("pk")
        .first()
    )
    have = set(Conversation.objects.filter(person__school=school, school_year=year).values_list("person_id", "kind"))
    new = []
    for person in staff:
        manager = _manager_for(person) or leader
        for step in steps:
            if (person.pk, step.kind) in have or (manager and manager.pk == person.user_id):
                continue
            day = datetime.date(start if step.month >= 8 else start + 1, step.month, 15)
            new.append(
                Conversation(
                    person=person,
                    manager=manager,
                    kind=step.kind,
                    purpose=step.purpose,
                    school_year=year,
                    scheduled_on=day,
                )
            )
    Conversation.objects.bulk_create(new)
    _tell_planned(school, year, new)
    return len(new)


def _tell_planned(school: School, year: str, new: list[Conversation]) -> None:
    """Each teacher once, to prepare; each leidinggevende once, with how many they lead."""
    with_teacher: dict[int, int] = {}
    with_manager: dict[int, int] = {}
    for conversation in new:
        if conversation.person.user_id:
            with_teacher[conversation.person.user_id] = with_teacher.get(conversation.person.user_id, 0) + 1
        if conversation.manager_id:
            with_manager[conversation.manager_id] = with_manager.get(conversation.manager_id, 0) + 1
    by_count: dict[tuple[str, int], list[int]] = {}  # one notify per distinct text, not per person
    for counts, url in (
        (with_teacher, reverse("careers:mine")),
        (with_manager, reverse("careers:school_conversations", args=[school.pk])),
    ):
        for user_id, n in counts.items():
            by_count.setdefault((url, n), []).append(user_id)
    for (url, n), user_ids in by_count.items():
        notify(user_ids, Notification.Kind.CONVERSATIONS, url, year=year, n=n)


def reassign(person: Person, year: str, manager: User) -> int:
    """Another leidinggevende for her conversations of the year that are not held yet (a new
    team, a leave); held ones stay with whom they were held. Returns how many moved."""
    if manager.pk == person.user_id:
        raise ValidationError({"manager": _("Someone cannot lead their own conversation.")})
    moved = Conversation.objects.filter(
        person=person, school_year=year, next_version__isnull=True, held_on__isnull=True
    ).exclude(manager=manager)
    ids = list(moved.values_list("pk", flat=True))
    Conversation.objects.filter(pk__in=ids).update(manager=manager)
    if ids:
        notify(
            [manager.pk],
            Notification.Kind.CONVERSATIONS,
            reverse("careers:school_conversations", args=[person.school_id]),
            year=year,
            n=len(ids),
        )
    return len(ids)


def _manager_for(person: Person) -> User | None:
    for team in person.teams.all():
        for member in team.members.all():
            if member.functie == Functie.TEAMLEIDER and member.user_id and member.pk != person.pk:
                return member.user
    return None


def prepare(conversation: Conversation, *, text: str) -> None:
    """Her preparation: hers to write until the conversation is locked."""
    _require_unlocked(conversation)
    conversation.teacher_preparation = text
    conversation.save(update_fields=["teacher_preparation"])


def record(conversation: Conversation, *, by: User, manner: list[ActivityKind], **fields) -> None:
    """What the leidinggevende records: when it was held, the agreements on hours, budget and
    manner, and for an appraisal the judgement against the framework version it cites (R5).
    A change asks both to agree again."""
    _require_unlocked(conversation)
    if conversation.manager_id != by.pk:
        raise ValidationError(_("Only the leidinggevende of this conversation records it."))
    version = fields.get("framework_version")
    if conversation.kind == ConversationKind.BEOORDELING:
        if version is None:
            raise ValidationError({"framework_version": _("An appraisal cites the published framework it uses.")})
        if version.school_framework.school_id != conversation.person.school_id:
            raise ValidationError({"framework_version": _("Choose a framework your school published.")})
    elif version is not None or fields.get("judgement") or fields.get("judgement_overall"):
        raise ValidationError(_("Only an appraisal conversation has a judgement."))
    with transaction.atomic():
        for name, value in fields.items():
            setattr(conversation, name, value)
        conversation.teacher_agreed_at = conversation.manager_agreed_at = None
        conversation.save()
        conversation.prof_manner.set(manner)


def respond(conversation: Conversation, *, comment: str, recognises: str) -> None:
    """Her voice beside every judgement (R3); a change asks both to agree again."""
    _require_unlocked(conversation)
    conversation.teacher_comment = comment
    conversation.teacher_recognises = recognises
    conversation.teacher_agreed_at = conversation.manager_agreed_at = None
    conversation.save(update_fields=["teacher_comment", "teacher_recognises", "teacher_agreed_at", "manager_agreed_at"])


def agree(conversation: Conversation, *, by: User) -> None:
    """One side agrees; once both have, the conversation is locked and the hours and budget it
    agreed go into her POP of that year (R4: agreed by her too)."""
    _require_unlocked(conversation)
    if conversation.held_on is None:
        raise ValidationError(_("Record first when the conversation was held."))
    with transaction.atomic():
        now = timezone.now()
        if by.pk == conversation.person.user_id:
            conversation.teacher_agreed_at = now
        elif by.pk == conversation.manager_id:
            conversation.manager_agreed_at = now
        else:
            raise ValidationError(_("Only the two people in the conversation agree to it."))
        conversation.save(update_fields=["teacher_agreed_at", "manager_agreed_at"])
        if conversation.locked and (conversation.prof_hours is not None or conversation.prof_budget is not None):
            pop = start_pop(conversation.person, conversation.school_year)
            if conversation.prof_hours is not None:
                pop.hours_agreed = conversation.prof_hours
            if conversation.prof_budget is not None:
                pop.budget_agreed = conversation.prof_budget
            pop.changed_at = now
            pop.save(update_fields=["hours_agreed", "budget_agreed", "changed_at"])


def revise(conversation: Conversation, *, reason: str, by: User) -> Conversation:
    """A locked conversation changes only as a new version, with the reason; the old one
    stays as both agreed to it."""
    if not conversation.locked:
        raise ValidationError(_("This conversation is not locked; change it directly."))
    if not reason.strip():
        raise ValidationError({"change_reason": _("Say why the agreed conversation changes.")})
    if by.pk not in (conversation.person.user_id, conversation.manager_id):
        raise ValidationError(_("Only the two people in the conversation change it."))
    with transaction.atomic():
        locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if hasattr(locked, "next_version"):
            raise ValidationError(_("This version was changed already; open the newest version."))
        manner = list(locked.prof_manner.all())
        locked.pk = None
        locked.previous_id = conversation.pk
        locked.version = conversation.version + 1
        locked.change_reason = reason
        locked.changed_by = by
        locked.created_at = timezone.now()
        locked.teacher_agreed_at = locked.manager_agreed_at = None
        locked._state.adding = True
        locked.save()
        locked.prof_manner.set(manner)
        return locked


def _require_unlocked(conversation: Conversation) -> None:
    if conversation.locked:
        raise ValidationError(_("Both agreed to this conversation; it is locked. Change it as a new version."))
    if Conversation.objects.filter(previous=conversation).exists():
        raise ValidationError(_("This version was changed already; open the newest version."))


# The functiemix ------------------------------------------------------------------------------


def set_mix_target(school: School, *, lb: int, lc: int, ld: int) -> FunctiemixTarget:
    found, _created = FunctiemixTarget.objects.update_or_create(
        school=school, defaults={"lb": lb, "lc": lc, "ld": ld, "set_at": timezone.now()}
    )
    return found


# Taking it along ------------------------------------------------------------------------------


def dossier_archive(document: bytes, evidence: list[Evidence]):
    """A ZIP of the dossier's PDF and her portfolio's files, spooled to disk beyond a few MB so
    fifty files never sit in memory at once. Nothing is written anywhere else."""
    archive = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("loopbaandossier.pdf", document)
        for n, item in enumerate(evidence, start=1):
            if not item.file:
                continue
            try:
                with item.file.open("rb") as source, zipped.open(f"portfolio/{n:02d}-{item.file_name}", "w") as target:
                    shutil.copyfileobj(source, target, 1024 * 1024)
            except FileNotFoundError:
                continue  # a file gone from storage: the PDF still lists the item
    archive.seek(0)
    return archive


# Erasure --------------------------------------------------------------------------------------


def erase_career(person: Person) -> None:
    """What is hers goes with her (koers.privacy erases her): her POPs, cycles, portfolio with
    its files, interests, expertise and what she shared. Conversations stay for the school without the
    texts she wrote; a role she held stays as a holding."""
    for evidence in list(person.evidence.all()):
        uploads.delete_with_file(evidence)
    for request in person.feedback_requests.select_related("round"):
        request.round.delete()  # the answers about her go with her
    for submission in Submission.objects.filter(candidate__person=person):
        uploads.delete_with_file(submission)
    person.pops.all().delete()
    person.career_cycles.all().delete()
    person.role_interests.all().delete()
    person.expertise.all().delete()
    person.conversations.update(teacher_preparation="", teacher_comment="")
    if person.user_id:
        CareerShare.objects.filter(shared_with_id=person.user_id).delete()


# Sharing -------------------------------------------------------------------------------------


SHARE_FIELD = {Pop: "pop", CareerCycle: "cycle", Evidence: "evidence"}


def share(
    item: Pop | CareerCycle, *, with_user: User, until: datetime.date | None, today: datetime.date
) -> CareerShare:
    """Let one person read her POP or cycle, until a date or until she ends it."""
    if with_user.pk == item.person.user_id:
        raise ValidationError({"shared_with": _("This is your own account.")})
    if until is not None and until < today:
        raise ValidationError({"until": _("Choose a date from today on.")})
    target = {SHARE_FIELD[type(item)]: item}
    existing = CareerShare.objects.filter(**target, shared_with=with_user, revoked_at__isnull=True)
    if existing.filter(Q(until__isnull=True) | Q(until__gte=today)).exists():
        raise ValidationError({"shared_with": _("You already share this with %(name)s.") % {"name": with_user}})
    found = CareerShare.objects.create(**target, shared_with=with_user, until=until)
    what, url = shared_item(found)
    notify([with_user.pk], Notification.Kind.CAREER_SHARE, url, name=str(item.person), what=what)
    return found


def revoke_share(share: CareerShare) -> None:
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])


def record_read(share: CareerShare) -> None:
    ShareRead.objects.create(share=share)


# --- who knows what ---------------------------------------------------------------------------


def save_expertise(person: Person, entry: ExpertiseEntry | None = None, **values) -> ExpertiseEntry:
    """Her own entry; evidence from her own portfolio only."""
    evidence = values.get("evidence")
    if evidence is not None and evidence.person_id != person.pk:
        raise ValidationError({"evidence": _("Choose an item of your own portfolio.")})
    entry = entry or ExpertiseEntry(person=person)
    for name, value in values.items():
        setattr(entry, name, value.strip() if isinstance(value, str) else value)
    entry.full_clean()
    entry.save()
    return entry


def delete_expertise(entry: ExpertiseEntry) -> None:
    entry.delete()
