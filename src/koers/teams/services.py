"""Every write of team development: handing out the activity cards, and the team plan with
its actions and team-HRM practices. A plan is adopted only when each of the four cards has a
holder (D.5.2); an adopted plan can still change, and records who changed it."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.careers.models import ExpertiseArea
from koers.instruments.models import Goal
from koers.organisations.models import Person, School, Team, User

from .models import (
    ActivityCard,
    CardHolder,
    HrmPractice,
    PlanAction,
    PlanPractice,
    Speerpunt,
    TalkAnswer,
    TalkConsent,
    TalkScan,
    TeamPlan,
    Workgroup,
)
from .selectors import member_people, school_goals, unheld_cards

PLAN_TEXTS = (
    "strengths",
    "development_points",
    "professionalisation",
    "meeting_rhythm",
    "evaluation_moments",
    "external_orientation",
)


class StalePlan(Exception):
    """Someone saved the plan after the editor opened it; nothing was written."""


def _require_member(team: Team, person: Person | None, field: str) -> None:
    if person is not None and not member_people(team).filter(pk=person.pk).exists():
        raise ValidationError({field: _("Choose a member of this team.")})


def hand_out(team: Team, *, card: ActivityCard, person: Person, reason: str) -> CardHolder:
    _require_member(team, person, "person")
    holder, created = CardHolder.objects.get_or_create(
        team=team, card=card, person=person, defaults={"reason": reason.strip()}
    )
    if not created:
        raise ValidationError({"person": _("%(name)s holds this card already.") % {"name": person}})
    return holder


def take_back(holder: CardHolder) -> None:
    holder.delete()


@transaction.atomic
def save_plan(
    team: Team,
    year: str,
    *,
    by: User,
    expected_version: int | None,
    goals: list[Goal],
    practices: list[HrmPractice],
    hours: Decimal | None,
    budget: Decimal | None,
    **texts: str,
) -> TeamPlan:
    plan, created = TeamPlan.objects.select_for_update().get_or_create(team=team, school_year=year)
    if expected_version is not None and plan.version != expected_version:
        raise StalePlan
    allowed = set(school_goals(team).values_list("pk", flat=True))
    if any(g.pk not in allowed for g in goals):
        raise ValidationError({"school_goals": _("Choose goals of this school’s trajectories.")})
    for name in PLAN_TEXTS:
        setattr(plan, name, texts.get(name, "").strip())
    plan.hours, plan.budget = hours, budget
    plan.version += 0 if created else 1
    plan.updated_by = by
    plan.save()
    plan.school_goals.set(goals)
    chosen = {p.pk for p in practices}
    plan.practices.exclude(practice_id__in=chosen).delete()
    kept = set(plan.practices.values_list("practice_id", flat=True))
    PlanPractice.objects.bulk_create(PlanPractice(plan=plan, practice=p) for p in practices if p.pk not in kept)
    return plan


def add_action(
    plan: TeamPlan, *, what: str, who: Person | None, due: datetime.date | None, goal: Goal | None
) -> PlanAction:
    if not what.strip():
        raise ValidationError({"what": _("Say what will be done.")})
    _require_member(plan.team, who, "who")
    if goal is not None and not plan.school_goals.filter(pk=goal.pk).exists():
        raise ValidationError({"goal": _("Choose one of the school goals this plan serves.")})
    return PlanAction.objects.create(plan=plan, what=what.strip(), who=who, due=due, goal=goal)


def mark_action(action: PlanAction, *, done: bool) -> None:
    action.done = done
    action.save(update_fields=["done"])


def adopt(plan: TeamPlan, *, by: User) -> TeamPlan:
    """Adopted (vastgesteld) once every activity has a card holder and the plan says what the
    team will develop."""
    missing = unheld_cards(plan.team)
    if missing:
        raise ValidationError(
            _("Hand out every activity card first; no holder yet for: %(cards)s.")
            % {"cards": ", ".join(c.name for c in missing)}
        )
    if not plan.development_points.strip():
        raise ValidationError(_("Write down the team’s points to develop first."))
    plan.status = TeamPlan.Status.VASTGESTELD
    plan.adopted_on = timezone.localdate()
    plan.updated_by = by
    plan.save(update_fields=["status", "adopted_on", "updated_by", "updated_at"])
    return plan


# --- priorities and their work groups ---------------------------------------------------------


@transaction.atomic
def add_speerpunt(
    school: School, *, title: str, school_year: str, goal: Goal | None, area: ExpertiseArea | None
) -> Speerpunt:
    """A priority comes with its one work group, still to be composed."""
    if not title.strip():
        raise ValidationError({"title": _("Name the priority.")})
    if goal is not None and goal.trajectory.school_id != school.pk:
        raise ValidationError({"goal": _("Choose goals of this school’s trajectories.")})
    speerpunt = Speerpunt.objects.create(
        school=school, title=title.strip(), school_year=school_year, goal=goal, area=area
    )
    Workgroup.objects.create(speerpunt=speerpunt)
    return speerpunt


def save_workgroup(
    workgroup: Workgroup,
    *,
    kartrekker: Person | None,
    members: list[Person],
    composition: str,
    expectations: str,
    decision: str,
) -> Workgroup:
    school = workgroup.speerpunt.school_id
    if any(p.school_id != school for p in [*members, *([kartrekker] if kartrekker else [])]):
        raise ValidationError({"members": _("Choose people of this school.")})
    with transaction.atomic():
        workgroup.kartrekker = kartrekker
        workgroup.composition, workgroup.expectations, workgroup.decision = (
            composition.strip(),
            expectations.strip(),
            decision.strip(),
        )
        workgroup.save()
        workgroup.members.set({*members, *([kartrekker] if kartrekker else [])})
    return workgroup


def finish(speerpunt: Speerpunt) -> None:
    speerpunt.status = Speerpunt.Status.AFGEROND
    speerpunt.save(update_fields=["status"])


# --- bespreekmodus -------------------------------------------------------------------------------


def start_talk(team: Team) -> TalkScan:
    return team.talk_scans.first() or TalkScan.objects.create(team=team)


def agree(scan: TalkScan, person: Person) -> None:
    TalkConsent.objects.get_or_create(scan=scan, person=person)


@transaction.atomic
def withdraw(scan: TalkScan, person: Person) -> None:
    """Her consent and her answers go; nobody's answers show until everyone agrees again."""
    TalkConsent.objects.filter(scan=scan, person=person).delete()
    TalkAnswer.objects.filter(scan=scan, person=person).delete()


@transaction.atomic
def answer_talk(scan: TalkScan, person: Person, *, scores: dict[int, int], paradox: int) -> None:
    """Her score per activity (1-5) and her place in the paradox (1-8), replacing earlier ones."""
    if not TalkConsent.objects.filter(scan=scan, person=person).exists():
        raise ValidationError(_("Agree to answer by name first."))
    cards = set(ActivityCard.objects.values_list("pk", flat=True))
    if set(scores) != cards or any(not 1 <= v <= 5 for v in scores.values()) or not 1 <= paradox <= 8:
        raise ValidationError(_("Score every activity from 1 to 5, and the paradox from 1 to 8."))
    TalkAnswer.objects.filter(scan=scan, person=person).delete()
    TalkAnswer.objects.bulk_create(
        [TalkAnswer(scan=scan, person=person, card_id=card, value=value) for card, value in scores.items()]
        + [TalkAnswer(scan=scan, person=person, card=None, value=paradox)]
    )


def erase_member(person: Person) -> None:
    """What she said or holds in her teams goes with her (koers.privacy erases her): her
    answers and consent in a bespreekmodus, her activity cards and her work groups."""
    TalkAnswer.objects.filter(person=person).delete()
    TalkConsent.objects.filter(person=person).delete()
    person.activity_cards.all().delete()
    person.workgroups.clear()
