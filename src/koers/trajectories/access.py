"""Which trajectories a user may open and steer, built from the school and board scopes in
organisations.access. Outside them a trajectory is simply not found (a 404)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from koers.organisations.access import boards_for, managed_schools
from koers.organisations.models import BOARD_ROLES, MANAGING_SCHOOL_ROLES, User

from .models import Trajectory


def trajectories_for(user: User) -> QuerySet[Trajectory]:
    """Trajectories the user may open and work in.

    Managers see every trajectory of their schools (board roles also the board-wide ones);
    teachers and support staff see the ones they own or take part in.
    """
    if not user.is_authenticated:
        return Trajectory.objects.none()
    taking_part = Trajectory.participants.through.objects.filter(person__user=user).values("trajectory_id")
    return Trajectory.objects.filter(deleted_at__isnull=True).filter(
        Q(school__in=managed_schools(user))
        | Q(school__isnull=True, board__in=boards_for(user))
        | Q(owner__user=user)
        | Q(id__in=taking_part)
    )


def steerable_trajectories(user: User) -> QuerySet[Trajectory]:
    """Trajectories whose title, team and existence the user may change: their managers and
    their owner. Participants work in a trajectory but do not steer it."""
    return trajectories_for(user).filter(
        Q(school__in=managed_schools(user)) | Q(school__isnull=True, board__in=boards_for(user)) | Q(owner__user=user)
    )


def can_steer(user: User, trajectory: Trajectory) -> bool:
    """The same rule as steerable_trajectories, for one trajectory already in hand: cheaper
    than building the scope query again on a page that has the trajectory loaded."""
    if trajectory.owner.user_id == user.pk:
        return True
    for role, board_id, school_id in user.memberships.values_list("role", "board_id", "school_id"):
        if role in BOARD_ROLES and board_id == trajectory.board_id:
            return True
        if role in MANAGING_SCHOOL_ROLES and school_id is not None and school_id == trajectory.school_id:
            return True
    return False
