"""Reads for the staff pages: whose people, schools and teams the user keeps (all from
organisations.access, so anything outside is a 404), and the people list with each person's
account state worked out in SQL."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.organisations import access
from koers.organisations.models import (
    AccountInvitation,
    Board,
    Person,
    School,
    SignInRequest,
    StaffImport,
    Team,
    TeamMembership,
    User,
)
from koers.plans.models import Activity
from koers.trajectories.models import Trajectory

# A person's account, as the list shows it.
STATES = {
    "none": _("no account"),
    "invited": _("invited"),
    "expired": _("invitation expired"),
    "active": _("active"),
    "left": _("left"),
}


def board_for(user: User, board_id: int) -> Board:
    return get_object_or_404(access.staff_boards(user), pk=board_id)


def school_for(user: User, school_id: int) -> School:
    return get_object_or_404(access.staff_schools(user).select_related("board", "region"), pk=school_id)


def person_for(user: User, person_id: int) -> Person:
    return get_object_or_404(
        with_state(access.staff_people(user)).select_related("board", "school", "user__invitation"), pk=person_id
    )


def team_for(user: User, team_id: int) -> Team:
    return get_object_or_404(
        Team.objects.filter(school__in=access.staff_schools(user)).select_related("school"), pk=team_id
    )


def import_for(user: User, import_id: int) -> StaffImport:
    """A staff file the user uploaded themselves, for a board or school they still keep."""
    return get_object_or_404(
        StaffImport.objects.filter(created_by=user).filter(
            Q(school__in=access.staff_schools(user)) | Q(school__isnull=True, board__in=access.staff_boards(user))
        ),
        pk=import_id,
    )


def keeps_board(user: User, board: Board) -> bool:
    return access.staff_boards(user).filter(pk=board.pk).exists()


def with_state(people: QuerySet[Person]) -> QuerySet[Any]:
    now = timezone.now()
    return people.annotate(
        state=Case(
            When(left_on__isnull=False, then=Value("left")),
            When(user__isnull=True, then=Value("none")),
            When(~Q(user__password__startswith="!"), then=Value("active")),
            When(user__invitation__expires_at__gt=now, then=Value("invited")),
            When(user__invitation__isnull=False, then=Value("expired")),
            default=Value("none"),
            output_field=CharField(),
        )
    )


def people(scope: QuerySet[Person], *, query: str = "", school: str = "", state: str = "") -> QuerySet[Any]:
    found = with_state(scope).select_related("school").prefetch_related("teams")
    for word in query.split():
        found = found.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(personnel_number__iexact=word)
        )
    if school == "bureau":
        found = found.filter(school__isnull=True)
    elif school.isdigit():
        found = found.filter(school_id=int(school))
    if state in STATES:
        found = found.filter(state=state)
    elif state != "alle":
        found = found.exclude(state="left")
    return found


def state_counts(scope: QuerySet[Person]) -> dict[str, int]:
    counts = dict(with_state(scope).order_by().values_list("state").annotate(n=Count("id")))
    return {key: counts.get(key, 0) for key in STATES}


def board_people(board: Board) -> QuerySet[Person]:
    return Person.objects.filter(board=board, erased_at__isnull=True)


def school_people(school: School) -> QuerySet[Person]:
    return Person.objects.filter(school=school, erased_at__isnull=True)


def owns_work(people: list[Person]) -> set[int]:
    """Of these people, who owns a trajectory or a plan activity (and so needs a successor)."""
    ids = [p.id for p in people]
    return set(Trajectory.objects.filter(owner__in=ids).values_list("owner_id", flat=True)) | set(
        Activity.objects.filter(owner__in=ids).values_list("owner_id", flat=True)
    )


def successor_candidates(person: Person) -> QuerySet[Person]:
    place = access.people_for_school(person.school) if person.school else access.people_for_board(person.board)
    return place.exclude(pk=person.pk)


def schools_of(board: Board) -> QuerySet[School]:
    return (
        School.objects.filter(board=board)
        .select_related("region")
        .annotate(
            staff=Count(
                "people", filter=Q(people__erased_at__isnull=True, people__left_on__isnull=True), distinct=True
            ),
            team_count=Count("teams", distinct=True),
        )
        .order_by("name")
    )


def team_members(team: Team) -> QuerySet[TeamMembership]:
    return (
        TeamMembership.objects.filter(team=team, person__erased_at__isnull=True, person__left_on__isnull=True)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


def teams_of(school: School) -> QuerySet[Team]:
    return (
        Team.objects.filter(school=school)
        .annotate(size=Count("members", filter=Q(members__erased_at__isnull=True, members__left_on__isnull=True)))
        .order_by("name")
    )


def pending_invitation(person: Person) -> AccountInvitation | None:
    invitation = getattr(person.user, "invitation", None) if person.user_id else None
    return invitation if invitation is not None and invitation.used_at is None else None


def sign_in_requests(board_id: int) -> QuerySet[SignInRequest]:
    """School accounts of the board that wait for a decision, oldest first."""
    return (
        SignInRequest.objects.filter(provider__board_id=board_id, state=SignInRequest.State.PENDING)
        .select_related("provider")
        .order_by("requested_at", "id")
    )


def sign_in_request_for(user: User, request_id: int) -> SignInRequest:
    return get_object_or_404(
        SignInRequest.objects.filter(
            provider__board__in=access.staff_boards(user), state=SignInRequest.State.PENDING
        ).select_related("provider__board"),
        pk=request_id,
    )


def people_without_account(board: Board) -> QuerySet[Person]:
    """Current people of the board a school account could be linked to."""
    return board.people.filter(user__isnull=True, left_on__isnull=True, erased_at__isnull=True).select_related("school")
