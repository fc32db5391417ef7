"""The one place that answers: which boards, schools and people may this user see or change?

The apps above build the scope of their own objects from these (trajectories/access.py for
trajectories), so the rules stay here. Every selector and view starts from these querysets,
so an object outside the user's scope is simply not found (a 404), never a 403 that would
confirm it exists. The scopes are subqueries, so they add no extra round trips to the pages
that use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from .models import (
    BOARD_ROLES,
    MANAGING_SCHOOL_ROLES,
    REGION_ROLES,
    STAFF_BOARD_ROLES,
    SURVEY_SCHOOL_ROLES,
    Board,
    Person,
    Region,
    Role,
    School,
)

if TYPE_CHECKING:
    from .models import User


@dataclass(frozen=True)
class Reach:
    """Where a user's roles reach, for the navigation: the same rules as the scopes below,
    answered from one read of the memberships."""

    boards: tuple[int, ...] = ()  # board roles
    schools: tuple[int, ...] = ()  # schools with any role of the user there
    survey_schools: tuple[int, ...] = ()
    privacy: bool = False
    staff_boards: tuple[int, ...] = ()  # keeps the board's schools and people (bestuursbeheerder)
    led_schools: tuple[int, ...] = ()  # school leader: keeps the school's people
    regions: tuple[int, ...] = ()


def reach(user: User) -> Reach:
    """Kept on the user object, so the page and its navigation read the memberships once."""
    if not user.is_authenticated:
        return Reach()
    if not hasattr(user, "_koers_reach"):
        user._koers_reach = _reach(user)
    return user._koers_reach


def _reach(user: User) -> Reach:
    rows = list(user.memberships.values_list("role", "board_id", "school_id", "region_id"))
    boards = tuple(dict.fromkeys(b for role, b, _s, _r in rows if role in BOARD_ROLES and b))
    schools = tuple(dict.fromkeys(s for _role, _b, s, _r in rows if s))
    surveys = tuple(dict.fromkeys(s for role, _b, s, _r in rows if role in SURVEY_SCHOOL_ROLES and s))
    staff_boards = tuple(dict.fromkeys(b for role, b, _s, _r in rows if role in STAFF_BOARD_ROLES and b))
    led = tuple(dict.fromkeys(s for role, _b, s, _r in rows if role == Role.SCHOOLLEIDER and s))
    privacy = bool(boards or staff_boards or led)
    regions = tuple(dict.fromkeys(r for role, _b, _s, r in rows if role in REGION_ROLES and r))
    return Reach(boards, schools, surveys, privacy, staff_boards, led, regions)


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


def staff_boards(user: User) -> QuerySet[Board]:
    """Boards whose schools, teams and people the user keeps (the bestuursbeheerder)."""
    return Board.objects.filter(id__in=user.memberships.filter(role__in=STAFF_BOARD_ROLES).values("board_id"))


def staff_schools(user: User) -> QuerySet[School]:
    """Schools whose teams and people the user keeps: every school of a bestuursbeheerder's
    board, and the school leader's own school."""
    return School.objects.filter(
        Q(board__in=staff_boards(user)) | Q(id__in=user.memberships.filter(role=Role.SCHOOLLEIDER).values("school_id"))
    )


def staff_people(user: User) -> QuerySet[Person]:
    """People the user keeps: the staff of their staff schools and, for the bestuursbeheerder,
    the board office. Erased people are gone from every list."""
    return Person.objects.filter(
        Q(school__in=staff_schools(user)) | Q(board__in=staff_boards(user), school__isnull=True),
        erased_at__isnull=True,
    )


def regions_for(user: User) -> QuerySet[Region]:
    """Regions the user coordinates (regiocoördinator)."""
    return Region.objects.filter(id__in=user.memberships.filter(role__in=REGION_ROLES).values("region_id"))


def privacy_schools(user: User) -> QuerySet[School]:
    """Schools whose access log and people's data the user answers for under the AVG: the
    board's bestuurder, HR and bestuursbeheerder for every school of the board, the school
    leader for theirs."""
    return School.objects.filter(
        Q(board__in=boards_for(user))
        | Q(board__in=staff_boards(user))
        | Q(id__in=user.memberships.filter(role=Role.SCHOOLLEIDER).values("school_id"))
    )


def people_in_care(user: User) -> QuerySet[Person]:
    """People whose data the user may export or erase: staff of their privacy schools, and for
    board roles also the board office. Erased people are no longer listed."""
    return Person.objects.filter(
        Q(school__in=privacy_schools(user)) | Q(board__in=boards_for(user)) | Q(board__in=staff_boards(user)),
        erased_at__isnull=True,
    )


def people_for_school(school: School) -> QuerySet[Person]:
    """Who can be named in a school's trajectory: its staff and the board's office staff,
    leavers and erased people left out."""
    return Person.objects.filter(
        Q(school=school) | Q(board_id=school.board_id, school__isnull=True),
        erased_at__isnull=True,
        left_on__isnull=True,
    )


def people_for_board(board: Board) -> QuerySet[Person]:
    return Person.objects.filter(board=board, erased_at__isnull=True, left_on__isnull=True)


def can_start_trajectory_at_school(user: User, school: School) -> bool:
    return managed_schools(user).filter(pk=school.pk).exists()
