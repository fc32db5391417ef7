"""Whose career data a user may see (R1). A teacher sees all of her own; anyone else sees a POP
only through an active CareerShare she gave them. The school leader and the board's HR keep the
school's frameworks and role offers, which are the school's, not a teacher's. Outside it, a 404."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from koers.organisations.access import boards_for
from koers.organisations.models import Person, Role, School, User

from .models import CareerShare


def career_schools(user: User) -> QuerySet[School]:
    """Schools whose frameworks and role offers the user keeps: the board's bestuurder and HR,
    and the school leader of the school."""
    return School.objects.filter(
        Q(board__in=boards_for(user)) | Q(id__in=user.memberships.filter(role=Role.SCHOOLLEIDER).values("school_id"))
    )


def own_person(user: User) -> Person | None:
    """The staff member behind the account; a leaver keeps her own dossier (R7)."""
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user, erased_at__isnull=True).select_related("school", "board").first()


def active_shares(user: User) -> QuerySet[CareerShare]:
    today = timezone.localdate()
    return CareerShare.objects.filter(shared_with=user, revoked_at__isnull=True).filter(
        Q(until__isnull=True) | Q(until__gte=today)
    )
