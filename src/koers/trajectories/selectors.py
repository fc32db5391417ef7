"""Every read the trajectory pages need, scoped through organisations.access.

The page queries are constant in number: counts are grouped in SQL, never per row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from koers.catalog.models import Question, QuestionGroup, Subphase, Tip
from koers.organisations import access
from koers.organisations.models import Board, School, User

from . import access as trajectory_access
from .models import Dialogue, Entry, EntryRevision, Trajectory


def trajectory_for(user: User, trajectory_id: int) -> Trajectory:
    return get_object_or_404(
        trajectory_access.trajectories_for(user).select_related("theme", "school", "board", "owner"),
        pk=trajectory_id,
    )


def steerable_trajectory_for(user: User, trajectory_id: int) -> Trajectory:
    return get_object_or_404(
        trajectory_access.steerable_trajectories(user).select_related("theme", "school", "board", "owner"),
        pk=trajectory_id,
    )


def school_for(user: User, school_id: int) -> School:
    return get_object_or_404(access.schools_for(user).select_related("board"), pk=school_id)


def board_for(user: User, board_id: int) -> Board:
    return get_object_or_404(access.boards_for(user), pk=board_id)


def _with_progress(qs: QuerySet[Trajectory]) -> QuerySet[Trajectory]:
    # Meta.ordering does not apply to a grouped query, so the order is explicit.
    return (
        qs.select_related("theme", "school", "owner")
        .annotate(done_count=Count("subphase_statuses", filter=Q(subphase_statuses__done=True)))
        .order_by("-start_date", "-id")
    )


def trajectories_of_school(user: User, school: School) -> QuerySet[Trajectory]:
    return _with_progress(trajectory_access.trajectories_for(user).filter(school=school))


def board_wide_trajectories(user: User, board: Board) -> QuerySet[Trajectory]:
    return _with_progress(trajectory_access.trajectories_for(user).filter(board=board, school__isnull=True))


def my_trajectories(user: User) -> QuerySet[Trajectory]:
    return _with_progress(trajectory_access.trajectories_for(user))


def schools_of_board(user: User, board: Board) -> QuerySet[School]:
    return (
        access.schools_for(user)
        .filter(board=board)
        .annotate(
            trajectory_count=Count("trajectories", filter=Q(trajectories__deleted_at__isnull=True), distinct=True)
        )
        .order_by("name")
    )


def my_schools(user: User) -> QuerySet[School]:
    return access.schools_for(user).select_related("board")


def subphase_count() -> int:
    return Subphase.objects.count()


def subphase_by_slug(slug: str) -> Subphase:
    return get_object_or_404(Subphase.objects.select_related("phase"), slug=slug)


def subphase_holding(instrument_key: str) -> Subphase:
    """The subphase the content puts an instrument in (`instrumenten:` in werkdocument.yaml)."""
    subphase = Subphase.holding(instrument_key)
    if subphase is None:
        raise Http404(f"no subphase holds {instrument_key}")
    return subphase


def question_in_subphase(subphase: Subphase, question_slug: str) -> Question:
    return get_object_or_404(Question, subphase=subphase, slug=question_slug)


@dataclass
class SubphaseContent:
    subphase: Subphase
    groups: list[QuestionGroup]
    tips: list[Tip]
    entries: dict[str, Entry]
    reflection: Entry | None


def subphase_content(trajectory: Trajectory, subphase: Subphase) -> SubphaseContent:
    groups = list(
        QuestionGroup.objects.filter(subphase=subphase).prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("order"))
        )
    )
    tips = list(Tip.objects.filter(Q(subphase=subphase) | Q(phase_id=subphase.phase_id)))
    entries = {
        e.key: e
        for e in Entry.objects.filter(trajectory=trajectory, subphase_slug=subphase.slug).select_related("updated_by")
    }
    reflection = None
    answers = {}
    for key, entry in entries.items():
        if entry.kind == Entry.Kind.REFLECTION:
            reflection = entry
        else:
            answers[key] = entry
    return SubphaseContent(subphase, groups, tips, answers, reflection)


def entry_for(trajectory: Trajectory, kind: str, key: str) -> Entry | None:
    return Entry.objects.filter(trajectory=trajectory, kind=kind, key=key).select_related("updated_by").first()


def entry_history(entry: Entry) -> QuerySet[EntryRevision]:
    return entry.revisions.select_related("edited_by")


def dialogues_in(trajectory: Trajectory, subphase: Subphase) -> QuerySet[Dialogue]:
    return Dialogue.objects.filter(trajectory=trajectory, subphase_slug=subphase.slug).prefetch_related("participants")


def people_for(trajectory_or_school) -> QuerySet:
    if isinstance(trajectory_or_school, Trajectory):
        t = trajectory_or_school
        return access.people_for_school(t.school) if t.school is not None else access.people_for_board(t.board)
    return access.people_for_school(trajectory_or_school)
