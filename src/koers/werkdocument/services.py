"""The werkdocument's writes that span the apps holding its data."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction

from koers.catalog.models import Theme
from koers.organisations.models import Board, Person, School, User
from koers.plans import services as plans
from koers.trajectories import services as trajectories
from koers.trajectories.models import Trajectory


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
