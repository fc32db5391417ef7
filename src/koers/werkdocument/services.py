"""The werkdocument's writes that span the apps holding its data."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.catalog.models import Theme
from koers.instruments import services as instruments
from koers.instruments.models import Goal
from koers.networks.models import RoadmapWorksheet
from koers.organisations.models import Board, Person, School, User
from koers.plans import services as plans
from koers.surveys import selectors as survey_selectors
from koers.surveys.models import Dimension, Round
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


# --- goals measured from a survey dimension (issue 17, item 7) -----------------------------------


def propose_from_round(survey: Round) -> int:
    """The mean of each dimension a goal of the round's school is measured from, proposed as a
    measurement once the round is final: from the stored summaries of the groups at or above
    the minimum only, for the school's goals from a school round and a team's goals from that
    team's round. Returns how many were proposed."""
    if survey.subject_id or survey.school_id is None:
        return 0
    goals = Goal.objects.filter(
        trajectory__school_id=survey.school_id,
        trajectory__deleted_at__isnull=True,
        status=Goal.Status.ACTIEF,
        source=Goal.Source.SURVEY,
        source_key__startswith=f"{survey.instrument.slug}/",
        source_team_id=survey.team_id,
    )
    if not goals:
        return 0
    result = survey_selectors.closed_results(Round.objects.filter(pk=survey.pk))[survey.pk]
    means = {row.dimension.slug: row.total.mean for row in result.rows if row.facet in ("", "huidig")}
    proposed = 0
    for goal in goals:
        mean = means.get(goal.source_key.split("/", 1)[1])
        if mean is None:
            continue
        note = _("from survey %(title)s, n = %(n)s respondents") % {"title": survey.title, "n": result.respondents}
        if plans.propose_measurement(
            goal,
            value=Decimal(f"{mean:.2f}"),
            measured_on=survey.last_day(),
            note=note,
            source_key=f"survey-round:{survey.pk}",
        ):
            proposed += 1
    return proposed


def measure_from_survey(goal: Goal, survey: Round, dimension: Dimension) -> int:
    """The goal is measured from this dimension from now on; a final round proposes at once."""
    instruments.set_source(
        goal=goal,
        source=Goal.Source.SURVEY,
        team=survey.team,
        key=f"{survey.instrument.slug}/{dimension.slug}",
        label=f"{survey.instrument.name}: {dimension.name}",
    )
    return propose_from_round(survey) if survey.finalised else 0
