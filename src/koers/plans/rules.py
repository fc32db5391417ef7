"""The rules of Doe and Ga door, free of the database: who plays which role, when an activity
or a goal gives a signal, and which PDCA step a cycle is in."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Actor(models.TextChoices):
    """The actors whose roles the handreiking asks about in 3A."""

    HR = "hr", _("HR")
    LEIDINGGEVENDEN = "leidinggevenden", _("Managers")
    LERAREN = "leraren", _("Teachers")
    OPLEIDING = "opleiding", _("Teacher training (school)")
    COLLEGAS = "collegas", _("Colleagues")


class Raci(models.TextChoices):
    R = "R", _("Responsible (carries it out)")
    A = "A", _("Accountable")
    C = "C", _("Consulted")
    I = "I", _("Informed")  # noqa: E741 - the RACI letter


RACI_LABELS = {
    "R": _("responsible"),
    "A": _("accountable"),
    "C": _("consulted"),
    "I": _("informed"),
}

# An indicator counts as off course once it is behind the straight path from baseline to target
# by more than this share of the whole distance.
TOLERANCE = Decimal("0.10")


class Track(Enum):
    ON = "on"
    OFF = "off"
    NO_DATA = "no_data"  # nothing measured yet
    UNTRACKABLE = "untrackable"  # no baseline, target or target date to draw a path from


@dataclass(frozen=True)
class GoalCourse:
    track: Track
    expected: Decimal | None = None
    latest: Decimal | None = None
    latest_on: datetime.date | None = None


def expected_value(
    *, baseline: Decimal, target: Decimal, start: datetime.date, target_date: datetime.date, on: datetime.date
) -> Decimal:
    """The value on the straight path from the baseline (at start) to the target (at its date)."""
    span = (target_date - start).days
    if span <= 0:
        return target
    share = Decimal(min(max((on - start).days, 0), span)) / Decimal(span)
    return (baseline + (target - baseline) * share).quantize(Decimal("0.01"))


def goal_course(
    *,
    baseline: Decimal | None,
    target: Decimal | None,
    start: datetime.date,
    target_date: datetime.date | None,
    latest: Decimal | None,
    latest_on: datetime.date | None,
) -> GoalCourse:
    """Whether the latest measurement keeps the goal on course. Ahead of the path is on course."""
    if baseline is None or target is None or target_date is None or baseline == target:
        return GoalCourse(Track.UNTRACKABLE, latest=latest, latest_on=latest_on)
    if latest is None or latest_on is None:
        return GoalCourse(Track.NO_DATA)
    expected = expected_value(baseline=baseline, target=target, start=start, target_date=target_date, on=latest_on)
    direction = 1 if target > baseline else -1
    behind = (expected - latest) * direction
    track = Track.OFF if behind > TOLERANCE * abs(target - baseline) else Track.ON
    return GoalCourse(track, expected, latest, latest_on)


def is_overdue(*, end_date: datetime.date, status: str, today: datetime.date) -> bool:
    return end_date < today and status != "klaar"


class Pdca(models.TextChoices):
    PLAN = "plan", "Plan"
    DO = "do", "Do"
    CHECK = "check", "Check"
    ACT = "act", "Act"


def pdca_step(*, work_started: bool, evaluation_started: bool, decided: bool) -> Pdca:
    """Plan until the plan is being carried out (an activity under way or a measurement made),
    Do until the evaluation starts, Check while evaluating, Act once decisions are taken."""
    if decided:
        return Pdca.ACT
    if evaluation_started:
        return Pdca.CHECK
    if work_started:
        return Pdca.DO
    return Pdca.PLAN


@dataclass(frozen=True)
class Precondition:
    """One of the handreiking's preconditions (time, budget, leadership) and how it stands."""

    name: str
    ok: bool | None  # None: not known yet
    text: str
