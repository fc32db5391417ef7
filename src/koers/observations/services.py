"""Every write of lesson observation: a school opens a period for one purpose, an observer
records a lesson once, observer and teacher hold the feedback conversation, and a closed
period is final."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers import formats, pdf
from koers.careers.models import Evidence, PopGoal, Purpose, school_year
from koers.careers.services import add_pop_goal, start_pop
from koers.organisations.models import Notification, Person, School, Team, User
from koers.organisations.services import notify
from koers.plans.services import propose_measurement

from .models import (
    MIN_CELL_FLOOR,
    Observation,
    ObservationInstrument,
    ObservationItem,
    ObservationPeriod,
    ObservationScore,
    ObserverProfile,
    SkillKind,
)
from .selectors import Shares, compute, observed_goals, report, scored, teachers_in


def active_instrument() -> ObservationInstrument:
    return ObservationInstrument.objects.filter(active=True).latest("version")


def open_period(
    school: School,
    *,
    name: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    purpose: str,
    observers: list[User],
    team: Team | None,
    min_per_teacher: int,
    min_cell: int,
    by: User,
) -> ObservationPeriod:
    """Announced before it opens (R5): the teachers in scope hear its purpose. Observing for
    assurance or selection takes trained observers."""
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _('Give the period a name, e.g. "Lesbezoeken voorjaar".')
    if closes_on < opens_on:
        errors["closes_on"] = _("The last day comes on or after the first day.")
    if not observers:
        errors["observers"] = _("Choose at least one observer.")
    elif purpose != Purpose.ONTWIKKELING:
        trained = set(
            ObserverProfile.objects.filter(user__in=observers, trained_on__isnull=False).values_list(
                "user_id", flat=True
            )
        )
        untrained = [o for o in observers if o.pk not in trained]
        if untrained:
            errors["observers"] = _(
                "Observing for assurance or selection takes trained observers; not yet: %(names)s."
            ) % {"names": ", ".join(o.full_name or o.email for o in untrained)}
    if team is not None and team.school_id != school.pk:
        errors["team"] = _("Choose a team of this school.")
    if min_cell < MIN_CELL_FLOOR:
        errors["min_cell"] = _("At least 3, so no teacher can be recognised in a figure.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        period = ObservationPeriod.objects.create(
            school=school,
            name=name.strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            purpose=purpose,
            instrument=active_instrument(),
            team=team,
            min_per_teacher=min_per_teacher,
            min_cell=min_cell,
            created_by=by,
        )
        period.observers.set(observers)
    teachers = teachers_in(period).exclude(user__isnull=True).values_list("user_id", flat=True)
    notify(
        teachers,
        Notification.Kind.OBSERVATION,
        reverse("observations:mine"),
        actor=by,
        period=period.name,
        purpose=str(Purpose(purpose).label).lower(),
    )
    return period


def record(
    period: ObservationPeriod,
    *,
    teacher: Person,
    observer: User,
    scores: dict[int, int | None],
    client_key: uuid.UUID,
    partner: User | None = None,
    **fields,
) -> Observation:
    """One lesson, once: a form sent again with the same key returns what was stored the
    first time. Every item is scored or marked as not seen. Observed together with a partner
    who already recorded this lesson, it is a calibration of theirs: counted only for the
    agreement between observers, and not announced to the teacher a second time."""
    existing = Observation.objects.filter(client_key=client_key).first()
    if existing is not None:
        return existing
    errors: dict[str, str] = {}
    if period.closed_at is not None:
        errors[NON_FIELD_ERRORS] = _("This period is closed.")
    if not period.observers.filter(pk=observer.pk).exists():
        raise ValidationError(_("Only the period’s observers record lessons."))
    if not teachers_in(period).filter(pk=teacher.pk).exists():
        errors["teacher"] = _("This teacher is not in the period’s scope.")
    if teacher.user_id == observer.pk:
        errors["teacher"] = _("An observer does not observe their own lesson.")
    day = fields.get("date")
    if day is None or not period.opens_on <= day <= period.closes_on:
        errors["date"] = _("Choose a day within the period, %(start)s to %(end)s.") % {
            "start": period.opens_on.strftime("%d-%m-%Y"),
            "end": period.closes_on.strftime("%d-%m-%Y"),
        }
    items = set(_items(period))
    if set(scores) != items:
        errors[NON_FIELD_ERRORS] = _("Score every item, or mark it as not seen.")
    top = len(period.instrument.scale)
    if any(v is not None and not 1 <= v <= top for v in scores.values()):
        errors[NON_FIELD_ERRORS] = _("Scores run from 1 to %(n)s.") % {"n": top}
    if errors:
        raise ValidationError(errors)
    first = None
    if partner is not None:
        first = Observation.objects.filter(
            period=period, teacher=teacher, date=fields["date"], observer=partner, calibration_of__isnull=True
        ).first()
    try:
        with transaction.atomic():
            observation = Observation.objects.create(
                period=period,
                teacher=teacher,
                observer=observer,
                client_key=client_key,
                calibration_of=first,
                **fields,
            )
            ObservationScore.objects.bulk_create(
                ObservationScore(observation=observation, item_id=item_id, value=value)
                for item_id, value in scores.items()
            )
    except IntegrityError:  # the same form arrived twice at the same moment
        return Observation.objects.get(client_key=client_key)
    if teacher.user_id and first is None:
        notify(
            [teacher.user_id],
            Notification.Kind.OBSERVATION,
            reverse("observations:observation", args=[observation.pk]),
            actor=observer,
            period=period.name,
            purpose=str(Purpose(period.purpose).label).lower(),
        )
    return observation


def _items(period: ObservationPeriod) -> list[int]:
    return list(ObservationItem.objects.filter(domain__instrument=period.instrument).values_list("pk", flat=True))


def feedback_held(observation: Observation, *, on: datetime.date) -> None:
    _require_concept(observation)
    observation.feedback_held_on = on
    observation.save(update_fields=["feedback_held_on"])
    _finalise_when_complete(observation)


def respond(observation: Observation, *, comment: str, recognises: str) -> None:
    """The teacher's voice on every observation (R3)."""
    _require_concept(observation)
    if recognises not in Observation.Recognises.values:
        raise ValidationError({"teacher_recognises": _("Say whether you recognise yourself in this.")})
    observation.teacher_comment = comment.strip()
    observation.teacher_recognises = recognises
    observation.save(update_fields=["teacher_comment", "teacher_recognises"])
    _finalise_when_complete(observation)


def _finalise_when_complete(observation: Observation) -> None:
    """Final once the feedback conversation was held and the teacher responded; then whether
    the lesson showed all basic skills, all differentiation skills and both is stored. A skill
    with an item not seen cannot be assessed (None) and leaves that figure's denominator."""
    if not (observation.feedback_held_on and observation.teacher_recognises):
        return
    sufficient = observation.period.instrument.sufficient_from
    verdict: dict[str, bool | None] = {}
    for kind in SkillKind.values:
        values = list(observation.scores.filter(item__indicator__kind=kind).values_list("value", flat=True))
        seen = [v for v in values if v is not None]
        verdict[kind] = None if len(seen) < len(values) else all(v >= sufficient for v in seen)
    basic, diff = verdict[SkillKind.BASIS], verdict[SkillKind.DIFFERENTIATIE]
    observation.basic_ok, observation.diff_ok = basic, diff
    observation.both_ok = None if basic is None or diff is None else basic and diff
    observation.status = Observation.Status.DEFINITIEF
    observation.save(update_fields=["basic_ok", "diff_ok", "both_ok", "status"])


def _require_concept(observation: Observation) -> None:
    if observation.status == Observation.Status.DEFINITIEF:
        raise ValidationError(_("This observation is final."))


def close_period(period: ObservationPeriod) -> int:
    """Final from now on: its figures are stored once, and each goal measured from lesson
    observations gets the figure of its school or team proposed (E.6.7). Returns how many
    were proposed."""
    with transaction.atomic():
        if period.closed_at is None:
            period.closed_at = timezone.now()
            period.figures = compute(period)
            period.save(update_fields=["closed_at", "figures"])
        figures = report(period)
        teams = {s.team_id: s for s in figures.teams}
        proposed = 0
        for goal in observed_goals(period.school):
            shares = _shares_for(period, goal.source_team_id, figures.school, teams)
            if shares is None or shares.hidden:
                continue
            value, lessons = shares.share(goal.source.split(":", 1)[1])
            if value is None:
                continue
            note = _("from lesson observations %(period)s, n = %(n)s lessons") % {"period": period.name, "n": lessons}
            if propose_measurement(
                goal,
                value=Decimal(value),
                measured_on=period.closes_on,
                note=note,
                source_key=f"observation-period:{period.pk}",
            ):
                proposed += 1
    return proposed


def _shares_for(period: ObservationPeriod, team_id: int | None, school: Shares, teams: dict) -> Shares | None:
    """A period of one team measures only that team; a school period measures the school and
    each of its teams."""
    if period.team_id:
        return school if team_id == period.team_id else None
    return teams.get(team_id) if team_id else school


def to_portfolio(observation: Observation) -> Evidence:
    """Her choice to keep a final observation (E.3): a PDF copy in her portfolio, tagged with
    the period's purpose. From there she may share it, like any item."""
    if observation.status != Observation.Status.DEFINITIEF:
        raise ValidationError(_("An observation goes into your portfolio once it is final."))
    if observation.evidence_id:
        raise ValidationError(_("This observation is already in your portfolio."))
    html = render_to_string("observations/observation_pdf.html", {"o": observation, "domains": scored(observation)})
    document, _pages = pdf.render(html)
    purpose = str(Purpose(observation.period.purpose).label).lower()
    title = _("Lesson observation %(day)s (%(purpose)s)") % {"day": formats.day(observation.date), "purpose": purpose}
    with transaction.atomic():
        evidence = Evidence(
            person=observation.teacher, title=title, kind=Evidence.Kind.LESOBSERVATIE, date=observation.date
        )
        evidence.file.save("lesobservatie.pdf", ContentFile(document), save=False)
        evidence.file_name, evidence.file_size = "lesobservatie.pdf", len(document)
        evidence.reflection = observation.teacher_comment
        evidence.save()
        observation.evidence = evidence
        observation.save(update_fields=["evidence"])
    return evidence


def to_pop_goal(observation: Observation, today: datetime.date) -> PopGoal:
    """The observation's points to develop as a goal in this year's POP (E.4.6), for her to
    sharpen there."""
    points = observation.development_points.strip()
    if not points:
        raise ValidationError(_("This observation names no points to develop."))
    pop = start_pop(observation.teacher, school_year(today))
    return add_pop_goal(pop, text=points, competence=None, success_criterion="", due=None)


def erase_teacher(person: Person) -> None:
    """Her observed lessons go with her (koers.privacy erases her); a closed period's stored
    figures stay, as they name nobody."""
    Observation.objects.filter(teacher=person).delete()
