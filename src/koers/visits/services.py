"""Every write of a peer visit, step by step: request, intake, programme, commission,
findings, oral feedback, the written report, and the school's follow-up. Each step checks the
status it belongs to, so no form can skip one."""

from __future__ import annotations

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers import uploads
from koers.instruments import services as instruments
from koers.instruments.models import Goal
from koers.organisations import services as organisations
from koers.organisations.models import REGION_ROLES, Membership, Notification, Region, School, User
from koers.organisations.tasks import send_account_invitation
from koers.surveys.models import Round
from koers.trajectories import selectors as trajectory_selectors
from koers.trajectories.models import Trajectory

from .models import (
    MOST_SUB_QUESTIONS,
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

QUESTION_STAGES = (Visit.Status.REQUESTED, Visit.Status.INTAKE, Visit.Status.PROGRAMME)
VISIT_STAGES = (Visit.Status.PREPARATION, Visit.Status.REPORTING)


def _must_be(visit: Visit, *statuses: str) -> None:
    if visit.status not in statuses:
        raise ValidationError(
            _("This step is not open in the visit's present phase (%(phase)s).") % {"phase": visit.get_status_display()}
        )


def _tell(user_ids, visit: Visit, by: User | None, step: str) -> None:
    organisations.notify(
        user_ids,
        Notification.Kind.VISIT,
        reverse("visits:visit", args=[visit.pk]),
        actor=by,
        school=visit.school.name,
        step=step,
    )


def _coordinators(region: Region):
    return Membership.objects.filter(region=region, role__in=REGION_ROLES).values_list("user_id", flat=True)


def _check_questions(question: str, rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    question = question.strip()
    if not question:
        raise ValidationError({"question": _("Write the development question: it is where the visit starts.")})
    if not question.endswith("?"):
        raise ValidationError({"question": _("Put the development question as a question, ending in a question mark.")})
    rows = [(text.strip(), picture.strip()) for text, picture in rows if text.strip() or picture.strip()]
    if any(not text for text, _picture in rows):
        raise ValidationError(_("Give each own picture the sub-question it belongs to."))
    if len(rows) > MOST_SUB_QUESTIONS:
        raise ValidationError(_("At most four sub-questions: a day's visit cannot look at more."))
    return rows or [(question, "")]


@transaction.atomic
def request_visit(
    school: School,
    *,
    question: str,
    sub_questions: list[tuple[str, str]],
    preferred_dates: str,
    source_round: Round | None,
    by: User,
) -> Visit:
    """The school asks for a visit on its own question; the region's coordinator hears of it."""
    if school.region_id is None:
        raise ValidationError(_("Your school does not belong to a region yet, so no coordinator can arrange a visit."))
    rows = _check_questions(question, sub_questions)
    visit = Visit.objects.create(
        school=school,
        region_id=school.region_id,
        question=question.strip(),
        preferred_dates=preferred_dates,
        source_round=source_round,
        requested_by=by,
    )
    SubQuestion.objects.bulk_create(
        SubQuestion(visit=visit, order=i, text=text, self_picture=picture) for i, (text, picture) in enumerate(rows)
    )
    _tell(_coordinators(visit.region), visit, by, _("a visit was requested"))
    return visit


@transaction.atomic
def save_questions(visit: Visit, *, question: str, sub_questions: list[tuple[str, str]], agree: bool) -> None:
    """The intake sharpens the question and its sub-questions ("hoe scherper die vraag, hoe
    groter de opbrengst", mag:1119-1122). Agreeing it dates the question and opens the programme."""
    _must_be(visit, *QUESTION_STAGES)
    rows = _check_questions(question, sub_questions)
    existing = list(visit.sub_questions.all())
    for i, (text, picture) in enumerate(rows):
        if i < len(existing):
            existing[i].order, existing[i].text, existing[i].self_picture = i, text, picture
            existing[i].save(update_fields=["order", "text", "self_picture"])
        else:
            SubQuestion.objects.create(visit=visit, order=i, text=text, self_picture=picture)
    SubQuestion.objects.filter(pk__in=[s.pk for s in existing[len(rows) :]]).delete()
    visit.question = question.strip()
    fields = ["question"]
    if agree:
        visit.question_agreed_on = timezone.localdate()
        visit.status = Visit.Status.PROGRAMME
        fields += ["question_agreed_on", "status"]
    elif visit.status == Visit.Status.REQUESTED:
        visit.status = Visit.Status.INTAKE
        fields.append("status")
    visit.save(update_fields=fields)


def add_programme_item(visit: Visit, form) -> ProgrammeItem:
    _must_be(visit, Visit.Status.PROGRAMME, Visit.Status.COMMISSION, Visit.Status.PREPARATION)
    item = form.save(commit=False)
    item.visit = visit
    item.save()
    form.save_m2m()
    return item


def remove_programme_item(visit: Visit, item: ProgrammeItem) -> None:
    _must_be(visit, Visit.Status.PROGRAMME, Visit.Status.COMMISSION, Visit.Status.PREPARATION)
    item.delete()


def fix_programme(visit: Visit, *, visit_on: datetime.date) -> None:
    """The programme is ready when every sub-question is covered by an item."""
    _must_be(visit, Visit.Status.PROGRAMME)
    uncovered = [s.text for s in visit.sub_questions.filter(programme__isnull=True)]
    if uncovered:
        raise ValidationError(
            _("No part of the programme looks at: %(questions)s. Add an item for it first.")
            % {"questions": "; ".join(uncovered)}
        )
    visit.visit_on = visit_on
    visit.status = Visit.Status.COMMISSION
    visit.save(update_fields=["visit_on", "status"])


def add_visitor(visit: Visit, profile: VisitorProfile, role: str) -> str | None:
    """A trained visitor from another school joins the commission. Returns a notice when they
    work for the same board, which is allowed but worth a second look."""
    _must_be(visit, Visit.Status.COMMISSION)
    if profile.region_id != visit.region_id:
        raise ValidationError(_("This visitor is not in the region's pool."))
    if profile.home_school_id == visit.school_id:
        raise ValidationError(
            _("%(name)s works at the visited school: visitors come from other schools.") % {"name": profile.user}
        )
    if role == VisitMember.Role.CHAIR and profile.kind != VisitorProfile.Kind.CHAIR:
        raise ValidationError(_("%(name)s is not trained as a chair.") % {"name": profile.user})
    if role == VisitMember.Role.CHAIR and visit.commission.filter(role=VisitMember.Role.CHAIR).exists():
        raise ValidationError(_("The commission has a chair already."))
    try:
        with transaction.atomic():
            VisitMember.objects.create(
                visit=visit, profile=profile, user=profile.user, role=role, origin_school=profile.home_school
            )
    except IntegrityError:
        raise ValidationError(_("%(name)s is on the commission already.") % {"name": profile.user}) from None
    home = profile.home_school
    if home is not None and home.board_id == visit.school.board_id:
        return _("%(name)s works for the same board as the visited school.") % {"name": profile.user}
    return None


def remove_visitor(visit: Visit, member: VisitMember) -> None:
    _must_be(visit, Visit.Status.COMMISSION)
    member.delete()


def confirm_commission(visit: Visit, *, by: User) -> None:
    """With exactly one chair the commission is set; its members are told and may open the dossier."""
    _must_be(visit, Visit.Status.COMMISSION)
    if not visit.commission.filter(role=VisitMember.Role.CHAIR).exists():
        raise ValidationError(_("The commission needs a chair before it is set."))
    visit.status = Visit.Status.PREPARATION
    visit.save(update_fields=["status"])
    _tell(visit.commission.values_list("user_id", flat=True), visit, by, _("you are on the commission"))


def add_paper(visit: Visit, form, *, by: User) -> VisitDocument:
    """A document for the commission; its members are told once the commission is set."""
    if visit.status in (Visit.Status.DONE, Visit.Status.CANCELLED):
        raise ValidationError(_("The visit is over; the dossier is closed."))
    paper = form.save(commit=False)
    paper.visit, paper.added_by = visit, by
    uploads.note_file(paper)
    paper.save()
    if visit.status in VISIT_STAGES:  # a set commission hears of it
        _tell(visit.commission.values_list("user_id", flat=True), visit, by, _("a document to read"))
    return paper


def delete_paper(paper: VisitDocument) -> None:
    uploads.delete_with_file(paper)


def add_finding(visit: Visit, form, *, by: User) -> Finding:
    _must_be(visit, *VISIT_STAGES)
    if visit.report_state == Visit.ReportState.FINAL:
        raise ValidationError(_("The report is final; findings can no longer be added."))
    finding = form.save(commit=False)
    finding.visit, finding.author = visit, by
    finding.save()
    return finding


def record_feedback(visit: Visit, *, given_on: datetime.date, summary: str) -> None:
    """The oral feedback at the end of the day; from here the chair writes the report."""
    _must_be(visit, *VISIT_STAGES)
    visit.feedback_given_on, visit.feedback_summary = given_on, summary
    visit.status = Visit.Status.REPORTING
    visit.save(update_fields=["feedback_given_on", "feedback_summary", "status"])


def draft_from_findings(visit: Visit) -> None:
    """A first draft of the report: per sub-question what the visitors saw and the match most
    of them chose. Only what the chair has not written yet is filled in."""
    findings: dict[int, list[Finding]] = {}
    for finding in visit.findings.all():
        findings.setdefault(finding.sub_question_id, []).append(finding)
    for sub in visit.sub_questions.all():
        found = findings.get(sub.pk, [])
        if found and not sub.seen:
            sub.seen = "\n\n".join(f.seen for f in found)
        if found and not sub.match:
            sub.match = Counter(f.match for f in found).most_common(1)[0][0]
        sub.save(update_fields=["seen", "match"])


@transaction.atomic
def save_report(visit: Visit, forms, *, conclusion: str) -> None:
    _must_be(visit, Visit.Status.REPORTING)
    if visit.report_state == Visit.ReportState.FINAL:
        raise ValidationError(_("The report is final."))
    for form in forms:
        form.save()
    visit.conclusion = conclusion
    visit.save(update_fields=["conclusion"])


def send_to_school(visit: Visit, *, by: User) -> None:
    """The school checks the draft for factual errors (10 working days is the custom)."""
    _must_be(visit, Visit.Status.REPORTING)
    if visit.report_state != Visit.ReportState.DRAFT:
        raise ValidationError(_("The school has the report already."))
    visit.report_state = Visit.ReportState.WITH_SCHOOL
    visit.save(update_fields=["report_state"])
    managers = [visit.requested_by_id] if visit.requested_by_id else []
    _tell(managers, visit, by, _("the draft report waits for your reaction"))


def react(visit: Visit, *, reaction: str) -> None:
    if visit.report_state != Visit.ReportState.WITH_SCHOOL:
        raise ValidationError(_("The school reacts while it has the draft report."))
    visit.school_reaction = reaction
    visit.save(update_fields=["school_reaction"])


def finalise(visit: Visit, *, by: User) -> None:
    """The chair makes the report final: from now on it is the school's, and the commission's
    access ends a set time later."""
    _must_be(visit, Visit.Status.REPORTING)
    if visit.report_state != Visit.ReportState.WITH_SCHOOL:
        raise ValidationError(_("Let the school react to the draft before it is final."))
    visit.report_state = Visit.ReportState.FINAL
    visit.final_at = timezone.now()
    visit.status = Visit.Status.DONE
    visit.save(update_fields=["report_state", "final_at", "status"])
    _tell([visit.requested_by_id], visit, by, _("the report is final"))


def save_follow_up(visit: Visit, *, follow_up: str) -> None:
    _must_be(visit, Visit.Status.DONE)
    visit.follow_up = follow_up
    visit.save(update_fields=["follow_up"])


def attach(visit: Visit, trajectory: Trajectory, *, by: User) -> VisitEvidence:
    """The final report as evidence in the trajectory's 1B; once per trajectory."""
    _must_be(visit, Visit.Status.DONE)
    if trajectory.school_id != visit.school_id:
        raise ValidationError({"trajectory": _("Choose a trajectory of the visited school.")})
    evidence, created = VisitEvidence.objects.get_or_create(
        trajectory=trajectory, visit=visit, defaults={"attached_by": by}
    )
    if not created:
        raise ValidationError({"trajectory": _("This report is in that trajectory already.")})
    return evidence


def goal_from_advice(
    visit: Visit,
    advice: SubQuestion,
    trajectory: Trajectory,
    *,
    by: User,
    level: str,
    term: str,
    target_date: datetime.date | None,
) -> Goal:
    """An advice of the final report becomes a goal of the school's trajectory, as a first
    version the school then makes SMART."""
    _must_be(visit, Visit.Status.DONE)
    if advice.visit_id != visit.pk or trajectory.school_id != visit.school_id:
        raise ValidationError(_("Choose an advice of this report and a trajectory of the visited school."))
    return instruments.add_goal(
        trajectory=trajectory,
        user=by,
        subphase_slug=trajectory_selectors.subphase_holding("doelen").slug,
        level=level,
        term=term,
        target_date=target_date,
        description=advice.advice,
    )


def evaluate(visit: Visit, form, *, by: User, from_school: bool) -> VisitEvaluation:
    """Each side's short evaluation, once per person, after the report is final."""
    _must_be(visit, Visit.Status.DONE)
    evaluation = form.save(commit=False)
    evaluation.visit, evaluation.by, evaluation.from_school = visit, by, from_school
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError:
        raise ValidationError(_("You evaluated this visit already.")) from None
    return evaluation


def cancel(visit: Visit) -> None:
    if visit.status == Visit.Status.DONE:
        raise ValidationError(_("A visit that is done cannot be cancelled."))
    visit.status = Visit.Status.CANCELLED
    visit.save(update_fields=["status"])


def add_to_pool(
    region: Region,
    *,
    email: str,
    full_name: str,
    kind: str,
    trained_on: datetime.date,
    training: str,
    home_school: School | None,
    by: User,
    base_url: str,
) -> VisitorProfile:
    """A trained visitor joins the region's pool. Someone Koers does not know gets an outside
    account and an invitation to activate it."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        if not full_name:
            raise ValidationError({"full_name": _("Koers does not know this address yet: give the person's name.")})
        invitation = organisations.invite_outside(email, full_name, by=by)
        user = invitation.user
        send_account_invitation.enqueue(invitation.pk, base_url)
    profile, created = VisitorProfile.objects.get_or_create(
        user=user,
        region=region,
        defaults={"kind": kind, "trained_on": trained_on, "training": training, "home_school": home_school},
    )
    if not created:
        raise ValidationError({"email": _("This person is in the pool already.")})
    return profile


def set_available(profile: VisitorProfile, available: bool) -> None:
    profile.available = available
    profile.save(update_fields=["available"])
