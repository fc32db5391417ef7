"""Every read of Doe and Ga door: the open cycle, the plan with its timeline and
preconditions, the courses of the goals with their signals, and the evaluation.

Latest measurements are picked in SQL (a subquery per goal row), so the monitoring page and
the overviews do not load every measurement to find the last one.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from koers import charts, formats
from koers.catalog.models import AmoItem, for_theme
from koers.instruments.models import AmoElement, Goal
from koers.trajectories.models import Trajectory

from . import rules
from .models import Activity, ActivityRevision, Cycle, Evaluation, GoalEvaluation, Measurement, ProposedMeasurement


def current_cycle(trajectory: Trajectory) -> Cycle:
    return get_object_or_404(Cycle.objects.select_related("evaluation"), trajectory=trajectory, closed_at__isnull=True)


def closed_cycle(trajectory: Trajectory, number: int) -> Cycle:
    return get_object_or_404(Cycle, trajectory=trajectory, number=number, closed_at__isnull=False)


def cycles_of(trajectory: Trajectory) -> list[Cycle]:
    return list(Cycle.objects.filter(trajectory=trajectory).defer("snapshot_html"))


@dataclass
class CycleState:
    cycle: Cycle
    step: rules.Pdca
    closed: list[Cycle]


def pdca_steps(cycles: QuerySet[Cycle]) -> dict[int, rules.Pdca]:
    """The PDCA step of each open cycle, by trajectory id, in one query."""
    flags = cycles.annotate(
        work_started=Exists(
            Activity.objects.filter(cycle=OuterRef("pk"), deleted_at__isnull=True).exclude(
                status=Activity.Status.GEPLAND
            )
        )
        | Exists(Measurement.objects.filter(cycle=OuterRef("pk"))),
        evaluating=Exists(Evaluation.objects.filter(cycle=OuterRef("pk")))
        | Exists(GoalEvaluation.objects.filter(cycle=OuterRef("pk"))),
        undecided=Exists(
            Goal.objects.filter(trajectory=OuterRef("trajectory"), status=Goal.Status.ACTIEF).exclude(
                evaluations__cycle=OuterRef("pk")
            )
        ),
    ).values_list("trajectory_id", "work_started", "evaluating", "undecided")
    return {
        tid: rules.pdca_step(work_started=work, evaluation_started=evaluating, decided=evaluating and not undecided)
        for tid, work, evaluating, undecided in flags
    }


def cycle_state(trajectory: Trajectory) -> CycleState:
    """The open cycle, its PDCA step and the closed cycles before it."""
    cycles = Cycle.objects.filter(trajectory=trajectory).defer("snapshot_html")
    all_cycles = list(cycles)
    cycle = next((c for c in all_cycles if c.is_open), None)
    if cycle is None:
        raise Http404
    step = pdca_steps(cycles.filter(pk=cycle.pk))[trajectory.pk]
    return CycleState(cycle, step, [c for c in all_cycles if not c.is_open])


# --- the plan (3A) ---------------------------------------------------------------------------


def activities_of(cycle: Cycle) -> QuerySet[Activity]:
    return cycle.activities.filter(deleted_at__isnull=True).select_related("owner")


def activity_for(cycle: Cycle, activity_id: int) -> Activity:
    """An activity of the open cycle's plan; anything else (another trajectory, a closed cycle,
    a removed activity) is not found."""
    return get_object_or_404(
        Activity.objects.select_related("cycle__trajectory", "owner"),
        cycle=cycle,
        pk=activity_id,
        deleted_at__isnull=True,
    )


def activity_history(activity: Activity) -> list[ActivityRevision]:
    return list(activity.revisions.select_related("edited_by"))


def intervention_choices(trajectory: Trajectory) -> list[tuple[AmoElement, str]]:
    """The interventions of the AMO planner (2B), labelled with their factor and goal."""
    items = dict(AmoItem.objects.values_list("slug", "text"))
    factors = dict(AmoItem.Factor.choices)
    elements = (
        AmoElement.objects.filter(chain__trajectory=trajectory, kind=AmoItem.Kind.INTERVENTION)
        .select_related("chain__goal")
        .order_by("chain_id", "id")
    )
    return [
        (e, f"{factors[e.factor]}: {for_theme(items.get(e.item_slug, e.own_text), trajectory.theme)}") for e in elements
    ]


def label_interventions(trajectory: Trajectory, activities: list[Activity]) -> list[Activity]:
    """Give each activity the text of its 2B intervention as intervention_label."""
    labels = (
        {element.pk: label for element, label in intervention_choices(trajectory)}
        if any(a.intervention_id for a in activities)
        else {}
    )
    for activity in activities:
        activity.intervention_label = labels.get(activity.intervention_id or 0, "")  # type: ignore[attr-defined]
    return activities


@dataclass
class PhaseGroup:
    name: str
    activities: list[Activity]
    hours: Decimal
    budget: Decimal


def phases(activities: list[Activity]) -> list[PhaseGroup]:
    """Activities grouped by the plan's phases, phases in order of their first start."""
    grouped: dict[str, list[Activity]] = defaultdict(list)
    for activity in activities:
        grouped[activity.phase].append(activity)
    ordered = sorted(grouped.items(), key=lambda kv: (min(a.start_date for a in kv[1]), kv[0]))
    return [
        PhaseGroup(name, items, sum((a.hours for a in items), Decimal(0)), sum((a.budget for a in items), Decimal(0)))
        for name, items in ordered
    ]


def preconditions(cycle: Cycle, activities: list[Activity]) -> list[rules.Precondition]:
    """Time, budget and quality of leadership (3A), checked against the plan."""
    hours = sum((a.hours for a in activities), Decimal(0))
    budget = sum((a.budget for a in activities), Decimal(0))
    checks = []
    for name, planned, available, fmt in (
        (_("Time"), hours, cycle.hours_available, formats.hours),
        (_("Budget"), budget, cycle.budget_available, formats.euro),
    ):
        if available is None:
            checks.append(
                rules.Precondition(
                    name, None, _("%(planned)s planned; say how much is available.") % {"planned": fmt(planned)}
                )
            )
        elif planned > available:
            checks.append(
                rules.Precondition(
                    name,
                    False,
                    _("%(planned)s planned, %(available)s available: %(over)s too much.")
                    % {"planned": fmt(planned), "available": fmt(available), "over": fmt(planned - available)},
                )
            )
        else:
            checks.append(
                rules.Precondition(
                    name,
                    True,
                    _("%(planned)s planned of %(available)s available.")
                    % {"planned": fmt(planned), "available": fmt(available)},
                )
            )
    leading = sum(1 for a in activities if a.raci.get(rules.Actor.LEIDINGGEVENDEN) in (rules.Raci.R, rules.Raci.A))
    role_text = _("Managers carry or answer for %(n)s of %(total)s activities.") % {
        "n": leading,
        "total": len(activities),
    }
    verdicts: dict[str, bool] = {Cycle.Leadership.SUFFICIENT: True, Cycle.Leadership.INSUFFICIENT: False}
    judged = verdicts.get(cycle.leadership)
    verdict = cycle.get_leadership_display() if cycle.leadership else _("Not judged yet")
    checks.append(rules.Precondition(_("Quality of leadership"), judged, f"{verdict}. {role_text}"))
    return checks


def timeline(activities: list[Activity], today: datetime.date) -> charts.Chart | None:
    if not activities:
        return None
    ordered = [a for group in phases(activities) for a in group.activities]
    bars = [
        charts.Bar(
            a.title,
            a.phase,
            a.start_date,
            a.end_date,
            a.status,
            a.get_status_display(),
            rules.is_overdue(end_date=a.end_date, status=a.status, today=today),
        )
        for a in ordered
    ]
    late = sum(b.overdue for b in bars)
    return charts.Chart(
        _("Timeline of the plan"),
        _(
            "%(n)s activities from %(first)s to %(last)s, grouped by phase; the red line is "
            "today. %(late)s past their end date and not done."
        )
        % {
            "n": len(bars),
            "first": formats.short_day(min(b.start for b in bars)),
            "last": formats.short_day(max(b.end for b in bars)),
            "late": late,
        },
        charts.gantt(
            title=_("Timeline of the plan"),
            description=_("Activities by phase"),
            bars=bars,
            today=today,
            overdue_label=_("past its end date"),
        ),
        headers=[_("Phase"), _("Activity"), _("Start"), _("End"), _("Status")],
        rows=[
            [
                b.group,
                b.label,
                formats.short_day(b.start),
                formats.short_day(b.end),
                b.status_label + (f" ({_('past its end date')})" if b.overdue else ""),
            ]
            for b in bars
        ],
    )


# --- monitoring (3B) ---------------------------------------------------------------------------


def with_latest_measurement(goals: QuerySet[Goal]) -> QuerySet[Goal]:
    latest = Measurement.objects.filter(goal=OuterRef("pk")).order_by("-measured_on", "-id")
    return goals.annotate(
        latest_value=Subquery(latest.values("value")[:1]), latest_on=Subquery(latest.values("measured_on")[:1])
    )


def course_of(goal: Goal, start: datetime.date) -> rules.GoalCourse:
    """The goal's course; the goal must carry latest_value/latest_on (with_latest_measurement)."""
    return rules.goal_course(
        baseline=goal.baseline,
        target=goal.target_value,
        start=start,
        target_date=goal.target_date,
        latest=goal.latest_value,  # type: ignore[attr-defined]
        latest_on=goal.latest_on,  # type: ignore[attr-defined]
    )


@dataclass
class GoalMonitor:
    goal: Goal
    course: rules.GoalCourse
    measurements: list[Measurement]
    chart: charts.Chart | None = None
    proposals: list[ProposedMeasurement] = field(default_factory=list)


@dataclass
class Signal:
    text: str
    anchor: str


@dataclass
class Monitoring:
    activities: list[Activity]
    overdue: set[int]
    goals: list[GoalMonitor]
    signals: list[Signal] = field(default_factory=list)
    status_counts: dict[str, int] = field(default_factory=dict)


def _course_chart(trajectory: Trajectory, goal: Goal, measurements: list[Measurement]) -> charts.Chart | None:
    points = [charts.CoursePoint(m.measured_on, m.value, sourced=bool(m.source_key)) for m in measurements]
    path = None
    if goal.baseline is not None and goal.target_value is not None and goal.target_date:
        path = (
            charts.CoursePoint(trajectory.start_date, goal.baseline),
            charts.CoursePoint(goal.target_date, goal.target_value),
        )
    if not points and not path:
        return None
    title = goal.indicator or str(goal)
    return charts.Chart(
        title,
        _(
            '%(n)s measurements of "%(indicator)s"; the dashed line is the straight path from '
            "the baseline to the target. A square point was read from the goal’s source."
        )
        % {"n": len(points), "indicator": title},
        charts.course_chart(
            title=title,
            description=_("Measurements over time"),
            points=points,
            path=path,
            low=goal.scale_min,
            high=goal.scale_max,
            unit=goal.unit,
            path_label=_("Path from baseline to target"),
            sourced_label=_(" (read from the goal’s source)"),
        ),
        headers=[_("Date"), _("Value"), _("Note"), _("From the source")],
        rows=[
            [
                formats.short_day(m.measured_on),
                f"{formats.number(m.value, decimals=2)} {goal.unit}".strip(),
                m.note,
                _("yes") if m.source_key else "",
            ]
            for m in measurements
        ],
    )


def proposal_for(trajectory: Trajectory, proposal_id: int) -> ProposedMeasurement:
    return get_object_or_404(
        ProposedMeasurement.objects.select_related("goal"), pk=proposal_id, goal__trajectory=trajectory
    )


def active_goals(trajectory: Trajectory) -> QuerySet[Goal]:
    return with_latest_measurement(
        Goal.objects.filter(trajectory=trajectory, status=Goal.Status.ACTIEF).select_related("source_team")
    )


def monitoring(trajectory: Trajectory, cycle: Cycle, today: datetime.date | None = None) -> Monitoring:
    today = today or timezone.localdate()
    activities = list(activities_of(cycle))
    overdue = {a.pk for a in activities if rules.is_overdue(end_date=a.end_date, status=a.status, today=today)}
    goals = list(active_goals(trajectory))
    by_goal: dict[int, list[Measurement]] = defaultdict(list)
    for m in Measurement.objects.filter(goal__in=[g.pk for g in goals]).select_related("activity"):
        by_goal[m.goal_id].append(m)
    proposed: dict[int, list[ProposedMeasurement]] = defaultdict(list)
    for p in ProposedMeasurement.objects.filter(
        goal__in=[g.pk for g in goals], decision=ProposedMeasurement.Decision.OPEN
    ):
        proposed[p.goal_id].append(p)
    monitors = [
        GoalMonitor(
            g,
            course_of(g, trajectory.start_date),
            by_goal[g.pk],
            _course_chart(trajectory, g, by_goal[g.pk]),
            proposed[g.pk],
        )
        for g in goals
    ]
    signals = [
        Signal(
            _('A measurement of "%(indicator)s" was proposed %(note)s: confirm it or set it aside.')
            % {"indicator": m.goal.indicator or m.goal, "note": p.note},
            f"doel-{m.goal.pk}",
        )
        for m in monitors
        for p in m.proposals
    ]
    signals += [
        Signal(
            _('"%(title)s" was due on %(date)s and is not done.')
            % {"title": a.title, "date": formats.short_day(a.end_date)},
            f"activiteit-{a.pk}",
        )
        for a in activities
        if a.pk in overdue
    ]
    signals += [
        Signal(
            _(
                '"%(indicator)s" is off course: %(latest)s measured on %(date)s, '
                "%(expected)s expected on the path to the target."
            )
            % {
                "indicator": m.goal.indicator,
                "latest": formats.number(m.course.latest, decimals=2) if m.course.latest is not None else "",
                "date": formats.short_day(m.course.latest_on) if m.course.latest_on else "",
                "expected": formats.number(m.course.expected, decimals=2) if m.course.expected is not None else "",
            },
            f"doel-{m.goal.pk}",
        )
        for m in monitors
        if m.course.track == rules.Track.OFF
    ]
    counts = {value: 0 for value in Activity.Status.values}
    for a in activities:
        counts[a.status] += 1
    return Monitoring(activities, overdue, monitors, signals, counts)


# --- Ga door (4) -------------------------------------------------------------------------------


@dataclass
class GoalResult:
    """Course and result mean different things and so never contradict: the course says
    whether the latest measurement is on the path to the target, while the target date is
    ahead; the result (reached or not) is judged once the school has entered what was
    realised, or the target date has passed."""

    goal: Goal
    course: rules.GoalCourse
    evaluation: GoalEvaluation | None
    today: datetime.date

    @property
    def settled(self) -> bool:
        entered = self.evaluation is not None and self.evaluation.realised is not None
        return entered or (self.goal.target_date is not None and self.goal.target_date <= self.today)

    @property
    def realised(self) -> Decimal | None:
        """What the school entered, or else the latest measurement."""
        if self.evaluation and self.evaluation.realised is not None:
            return self.evaluation.realised
        return self.course.latest

    @property
    def reached(self) -> bool | None:
        goal, realised = self.goal, self.realised
        if not self.settled or realised is None or goal.target_value is None or goal.baseline is None:
            return None
        if goal.target_value >= goal.baseline:
            return realised >= goal.target_value
        return realised <= goal.target_value


def goal_results(trajectory: Trajectory, cycle: Cycle, today: datetime.date | None = None) -> list[GoalResult]:
    """The goals this cycle evaluates: the active ones, or for a closed cycle those it decided."""
    today = today or timezone.localdate()
    goals = (
        with_latest_measurement(Goal.objects.filter(trajectory=trajectory))
        .filter(Q(status=Goal.Status.ACTIEF) | Q(evaluations__cycle=cycle))
        .distinct()
    )
    evaluations = {e.goal_id: e for e in cycle.goal_evaluations.all()}
    return [GoalResult(g, course_of(g, trajectory.start_date), evaluations.get(g.pk), today) for g in goals]


def evaluation_of(cycle: Cycle) -> Evaluation | None:
    return Evaluation.objects.filter(cycle=cycle).first()
