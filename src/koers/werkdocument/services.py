"""The werkdocument's writes that span the apps holding its data."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.catalog.models import Theme
from koers.instruments import services as instruments
from koers.instruments.models import Goal
from koers.networks.models import RoadmapWorksheet
from koers.organisations.models import Board, Person, School, User
from koers.plans import services as plans
from koers.trajectories import selectors as trajectory_selectors
from koers.trajectories import services as trajectories
from koers.trajectories.models import Entry, Trajectory

from .models import RoadmapExport
from .selectors import RoadmapPlan


@transaction.atomic
def start_trajectory(
    *,
    user: User,
    board: Board,
    school: School | None,
    theme: Theme,
    title: str,
    owner: Person,
    participants: Iterable[Person],
    start_date: datetime.date,
) -> Trajectory:
    """A new trajectory with its first PDCA cycle open, so the Doe phase has a plan to fill."""
    trajectory = trajectories.create_trajectory(
        user=user,
        board=board,
        school=school,
        theme=theme,
        title=title,
        owner=owner,
        participants=participants,
        start_date=start_date,
    )
    plans.open_first_cycle(trajectory=trajectory)
    return trajectory


@transaction.atomic
def export_roadmap(
    *, worksheet: RoadmapWorksheet, trajectory: Trajectory, plan: RoadmapPlan, update: bool | None, user: User
) -> Goal:
    """Write the plan into the trajectory in one go: the goal (new, or the earlier export's
    goal as a new version) and the werkdocument answers, each as a new version."""
    if plan.missing_goal:
        raise ValidationError(_("Answer “What do you want to achieve?” in the Roadmap first."))
    if plan.previous is not None and update is None:
        raise ValidationError(
            {"mode": _("This Roadmap went into this trajectory before: update that goal or add a new one.")}
        )
    goals = trajectory_selectors.subphase_holding("doelen").slug
    if plan.previous is not None and plan.previous.goal is not None and update:
        goal = instruments.change_goal(
            goal=plan.previous.goal, user=user, subphase_slug=goals, reason=_("From the Roadmap"), **plan.goal
        )
    else:
        goal = instruments.add_goal(trajectory=trajectory, user=user, subphase_slug=goals, **plan.goal)
    versions = dict(Entry.objects.filter(trajectory=trajectory, kind=Entry.Kind.ANSWER).values_list("key", "version"))
    for question, text in plan.entries:
        trajectories.save_entry(
            trajectory=trajectory,
            kind=Entry.Kind.ANSWER,
            key=question.slug,
            subphase_slug=question.group.subphase.slug,
            text=text,
            not_relevant=False,
            base_version=versions.get(question.slug, 0),
            user=user,
        )
    RoadmapExport.objects.create(worksheet=worksheet, trajectory=trajectory, goal=goal, exported_by=user)
    return goal
