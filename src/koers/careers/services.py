"""Every write of the career part: a school adopts, adapts and publishes a framework, offers
roles with places and appoints holders; a teacher states interest, keeps her POP and decides
who may read it."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.instruments.models import Goal
from koers.organisations.models import Person, School, User

from .models import (
    LEVELS,
    ActivityKind,
    CareerRole,
    CareerShare,
    Competence,
    FrameworkVersion,
    Pop,
    PopActivity,
    PopGoal,
    ReferenceFramework,
    RoleHolding,
    RoleInterest,
    RoleOffer,
    SchoolFramework,
    ShareRead,
)


def school_year(day: datetime.date) -> str:
    """The school year a day falls in, from 1 August: "2026-2027"."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


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


# Sharing -------------------------------------------------------------------------------------


def share_pop(pop: Pop, *, with_user: User, until: datetime.date | None, today: datetime.date) -> CareerShare:
    if with_user.pk == pop.person.user_id:
        raise ValidationError({"shared_with": _("This is your own account.")})
    if until is not None and until < today:
        raise ValidationError({"until": _("Choose a date from today on.")})
    existing = pop.shares.filter(shared_with=with_user, revoked_at__isnull=True)
    if existing.filter(Q(until__isnull=True) | Q(until__gte=today)).exists():
        raise ValidationError({"shared_with": _("You already share this POP with %(name)s.") % {"name": with_user}})
    return CareerShare.objects.create(pop=pop, shared_with=with_user, until=until)


def revoke_share(share: CareerShare) -> None:
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])


def record_read(share: CareerShare) -> None:
    ShareRead.objects.create(share=share)
