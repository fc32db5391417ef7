"""The one place that answers: which boards, schools and trajectories may this user see or change?

Every selector and view starts from these querysets, so an object outside the user's scope is
simply not found (a 404), never a 403 that would confirm it exists. The scopes are subqueries,
so they add no extra round trips to the pages that use them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from .models import (
    BOARD_ROLES,
    MANAGING_SCHOOL_ROLES,
    SURVEY_SCHOOL_ROLES,
    Board,
    Person,
    Role,
    School,
)

if TYPE_CHECKING:
    from koers.trajectories.models import Trajectory

    from .models import User


def boards_for(user: User) -> QuerySet[Board]:
    """Boards whose every school the user oversees (bestuurder, P&O/HR-adviseur)."""
    return Board.objects.filter(id__in=user.memberships.filter(role__in=BOARD_ROLES).values("board_id"))


def managed_schools(user: User) -> QuerySet[School]:
    """Schools where the user may start and steer trajectories."""
    return School.objects.filter(
        Q(board__in=boards_for(user))
        | Q(id__in=user.memberships.filter(role__in=MANAGING_SCHOOL_ROLES).values("school_id"))
    )


def schools_for(user: User) -> QuerySet[School]:
    """Schools the user belongs to in any role, or oversees from the board."""
    return School.objects.filter(
        Q(board__in=boards_for(user)) | Q(id__in=user.memberships.filter(school__isnull=False).values("school_id"))
    )


def survey_schools(user: User) -> QuerySet[School]:
    """Schools whose survey rounds the user runs and whose reports they read: the board's
    bestuurder and HR, the school leader and the school's survey administrator."""
    return School.objects.filter(
        Q(board__in=boards_for(user))
        | Q(id__in=user.memberships.filter(role__in=SURVEY_SCHOOL_ROLES).values("school_id"))
    )


def privacy_schools(user: User) -> QuerySet[School]:
    """Schools whose access log and people's data the user answers for under the AVG: the
    board's bestuurder and HR for every school of the board, the school leader for theirs."""
    return School.objects.filter(
        Q(board__in=boards_for(user)) | Q(id__in=user.memberships.filter(role=Role.SCHOOLLEIDER).values("school_id"))
    )


def people_in_care(user: User) -> QuerySet[Person]:
    """People whose data the user may export or erase: staff of their privacy schools, and for
    board roles also the board office. Erased people are no longer listed."""
    return Person.objects.filter(
        Q(school__in=privacy_schools(user)) | Q(board__in=boards_for(user)), erased_at__isnull=True
    )


def people_for_school(school: School) -> QuerySet[Person]:
    """Who can be named in a school's trajectory: its staff and the board's office staff."""
    return Person.objects.filter(
        Q(school=school) | Q(board_id=school.board_id, school__isnull=True), erased_at__isnull=True
    )


def people_for_board(board: Board) -> QuerySet[Person]:
    return Person.objects.filter(board=board, erased_at__isnull=True)


def trajectories_for(user: User) -> QuerySet[Trajectory]:
    """Trajectories the user may open and work in.

    Managers see every trajectory of their schools (board roles also the board-wide ones);
    teachers and support staff see the ones they own or take part in.
    """
    from koers.trajectories.models import Trajectory

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


def can_start_trajectory_at_school(user: User, school: School) -> bool:
    return managed_schools(user).filter(pk=school.pk).exists()
