"""Who opens a visit. The visited school's managers and the region's coordinator see the
dossier; a commission member sees it through their VisitMember grant, which ends a set time
after the report is final. Findings are for the commission alone until then. Outside it, a 404."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from koers.organisations.access import managed_schools, regions_for
from koers.organisations.models import User

from .models import ACCESS_DAYS_AFTER_REPORT, Visit, VisitMember


def commission_grants(user: User) -> QuerySet[VisitMember]:
    until = timezone.now() - datetime.timedelta(days=ACCESS_DAYS_AFTER_REPORT)
    return VisitMember.objects.filter(user=user).filter(Q(visit__final_at__isnull=True) | Q(visit__final_at__gt=until))


def visits_for(user: User) -> QuerySet[Visit]:
    if not user.is_authenticated:
        return Visit.objects.none()
    return Visit.objects.filter(
        Q(school__in=managed_schools(user))
        | Q(region__in=regions_for(user))
        | Q(id__in=commission_grants(user).values("visit_id"))
    )


def commission_member(user: User, visit: Visit) -> VisitMember | None:
    return commission_grants(user).filter(visit=visit).first()
