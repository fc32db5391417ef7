"""Which networks a user may open and run. Membership of a network is an object grant (the
NetworkMember row), not a role: a member sees their network, the regiocoördinator every network
of their region, and nobody else, whatever their role at a board. Outside it, a 404."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from koers.organisations.access import managed_schools, regions_for
from koers.organisations.models import Region, Role, School, User

from .models import FACILITATING_ROLES, Network, NetworkMember, RoadmapWorksheet


def _current(user: User) -> QuerySet[NetworkMember]:
    return NetworkMember.objects.filter(user=user, left_on__isnull=True)


def networks_for(user: User) -> QuerySet[Network]:
    if not user.is_authenticated:
        return Network.objects.none()
    return Network.objects.filter(Q(id__in=_current(user).values("network_id")) | Q(region__in=regions_for(user)))


def run_networks(user: User) -> QuerySet[Network]:
    """Networks the user runs: as their process facilitator or coordinator, or as the region's
    regiocoördinator. They plan meetings, keep attendance and add members."""
    if not user.is_authenticated:
        return Network.objects.none()
    facilitating = _current(user).filter(role__in=FACILITATING_ROLES).values("network_id")
    return Network.objects.filter(Q(id__in=facilitating) | Q(region__in=regions_for(user)))


def starting_regions(user: User) -> QuerySet[Region]:
    """Regions where the user may start a network: the ones they coordinate, and the regions of
    the schools they lead (a school leader can bring a regional question too)."""
    led = user.memberships.filter(role=Role.SCHOOLLEIDER).values("school__region_id")
    return Region.objects.filter(Q(id__in=regions_for(user).values("id")) | Q(id__in=led))


def joinable_networks(user: User) -> QuerySet[Network]:
    """Networks in their start phase in the regions of the user's schools, which the user is
    not in yet: these accept people who sign up themselves."""
    if not user.is_authenticated:
        return Network.objects.none()
    regions = user.memberships.filter(school__region__isnull=False).values("school__region_id")
    return Network.objects.filter(status=Network.Status.STARTFASE, region__in=regions).exclude(
        id__in=_current(user).values("network_id")
    )


def joining_schools(user: User, network: Network) -> QuerySet[School]:
    """The user's schools in the network's region: the school they would take part for."""
    return School.objects.filter(region=network.region, id__in=user.memberships.values("school_id"))


def roadmap_schools(user: User) -> QuerySet[School]:
    """Schools whose Roadmaps the user may write: those they manage, and those they take part
    in a network for."""
    if not user.is_authenticated:
        return School.objects.none()
    return School.objects.filter(
        Q(id__in=managed_schools(user)) | Q(id__in=_current(user).filter(school__isnull=False).values("school_id"))
    )


def roadmaps_for(user: User) -> QuerySet[RoadmapWorksheet]:
    """Roadmaps the user may read: their schools' and, when shared, their networks'."""
    if not user.is_authenticated:
        return RoadmapWorksheet.objects.none()
    shared = Q(shared_with_network=True, network__in=_current(user).values("network_id"))
    return RoadmapWorksheet.objects.filter(Q(school__in=roadmap_schools(user)) | shared)


def may_change_roadmap(user: User, worksheet: RoadmapWorksheet) -> bool:
    """Its school changes it: whoever manages the school, or wrote it."""
    return worksheet.owner_id == user.pk or managed_schools(user).filter(pk=worksheet.school_id).exists()


def may_moderate(member: NetworkMember, author_id: int | None) -> bool:
    """Who wrote or added something in a network, or its facilitator, closes or removes it."""
    return member.user_id == author_id or member.role in FACILITATING_ROLES
