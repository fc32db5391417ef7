"""Every write of Doe and Ga door. Each function runs in one transaction, refuses to touch a
closed cycle, and raises ValidationError with a message a user can read."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.instruments.models import AmoElement, Goal
from koers.organisations.models import Notification, Person, User
from koers.organisations.services import notify
from koers.trajectories.models import Trajectory
from koers.trajectories.selectors import people_for

from . import rules
from .models import Activity, ActivityRevision, Cycle, Evaluation, GoalEvaluation, Measurement, ProposedMeasurement

ACTIVITY_FIELDS = [
    "title",
    "description",
    "intervention",
    "phase",
    "start_date",
    "end_date",
    "owner",
    "raci",
    "hours",
    "budget",
    "status",
]


class StaleEdit(Exception):
    """Someone saved the object after the editor loaded it; nothing was written."""

    def __init__(self, current):
        super().__init__("stale edit")
        self.current = current


def _require_open(cycle: Cycle) -> None:
    if not cycle.is_open:
        raise ValidationError(_("This cycle has been closed; it stays as it was, as history."))


def _check_version(obj, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != obj.version:
        raise StaleEdit(obj)


# --- the implementation plan (3A) -----------------------------------------------------------


def _check_activity(cycle: Cycle, values: dict) -> None:
    trajectory = cycle.trajectory
    if not (values.get("title") or "").strip():
        raise ValidationError({"title": _("Name the activity.")})
    if not (values.get("phase") or "").strip():
        raise ValidationError(
            {"phase": _('Name the phase of the plan this activity belongs to, e.g. "Fase 1: voorbereiden".')}
        )
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise ValidationError({"end_date": _("The end date lies before the start date.")})
    for field in ("hours", "budget"):
        if values.get(field) is not None and values[field] < 0:
            raise ValidationError({field: _("Enter zero or more; a negative amount is not possible.")})
    owner: Person | None = values.get("owner")
    if owner is not None and not people_for(trajectory).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("Choose people from this school or board.")})
    intervention: AmoElement | None = values.get("intervention")
    if intervention is not None and intervention.chain.trajectory_id != trajectory.pk:
        raise ValidationError({"intervention": _("Choose an intervention of this trajectory.")})
    raci = values.get("raci") or {}
    if set(raci) - set(rules.Actor.values) or set(raci.values()) - set(rules.Raci.values):
        raise ValidationError({"raci": _("Choose a role for each actor from the list.")})
    if list(raci.values()).count("A") > 1:
        raise ValidationError({"raci": _("Make one actor accountable, not several.")})


def _snapshot(activity: Activity) -> dict:
    data = {}
    for name in ACTIVITY_FIELDS:
        value = getattr(activity, name)
        if isinstance(value, (datetime.date, Decimal)):
            value = str(value)
        elif name in ("owner", "intervention"):
            value = str(value) if value is not None else ""
        data[name] = value
    return data


def _save_activity(activity: Activity, user: User, values: dict) -> Activity:
    owner_before = activity.owner_id
    for name, value in values.items():
        setattr(activity, name, value)
    activity.phase = activity.phase.strip()
    activity.title = activity.title.strip()
    activity.updated_by = user
    activity.full_clean()
    activity.save()
    ActivityRevision.objects.create(
        activity=activity, version=activity.version, snapshot=_snapshot(activity), edited_by=user
    )
    if activity.owner is not None and activity.owner_id != owner_before:
        notify(
            [activity.owner.user_id],
            Notification.Kind.ACTIVITY,
            reverse("plans:plan", args=[activity.trajectory_id]),
            actor=user,
            title=activity.title,
            trajectory=activity.trajectory.title,
        )
    return activity


@transaction.atomic
def add_activity(*, cycle: Cycle, user: User, **values) -> Activity:
    _require_open(cycle)
    _check_activity(cycle, values)
    return _save_activity(Activity(trajectory=cycle.trajectory, cycle=cycle), user, values)


@transaction.atomic
def change_activity(*, activity: Activity, user: User, expected_version: int | None, **values) -> Activity:
    """Save a new version; a save based on an older version is refused (StaleEdit)."""
    activity = Activity.objects.select_for_update().select_related("cycle__trajectory").get(pk=activity.pk)
    _require_open(activity.cycle)
    _check_version(activity, expected_version)
    _check_activity(activity.cycle, values)
    activity.version += 1
    return _save_activity(activity, user, values)


@transaction.atomic
def set_status(*, activity: Activity, user: User, status: str) -> Activity:
    if status not in Activity.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    return change_activity(
        activity=activity,
        user=user,
        expected_version=None,
        **{**{name: getattr(activity, name) for name in ACTIVITY_FIELDS}, "status": status},
    )


@transaction.atomic
def delete_activity(*, activity: Activity, user: User, confirmed: bool) -> None:
    """Take an activity out of the plan. It is kept (with its history and its measurements),
    only no longer shown; with measurements the user must confirm first."""
    _require_open(Cycle.objects.get(pk=activity.cycle_id))
    if activity.measurements.exists() and not confirmed:
        raise ValidationError(
            _(
                "This activity has measurements. Confirm that you want to "
                "remove it from the plan; its measurements stay with the goal."
            )
        )
    activity.deleted_at = timezone.now()
    activity.updated_by = user
    activity.save(update_fields=["deleted_at", "updated_by", "updated_at"])


@transaction.atomic
def save_preconditions(
    *,
    cycle: Cycle,
    hours_available: Decimal | None,
    budget_available: Decimal | None,
    leadership: str,
    leadership_note: str,
) -> Cycle:
    _require_open(cycle)
    for field, value in (("hours_available", hours_available), ("budget_available", budget_available)):
        if value is not None and value < 0:
            raise ValidationError({field: _("Enter zero or more; a negative amount is not possible.")})
    cycle.hours_available, cycle.budget_available = hours_available, budget_available
    cycle.leadership, cycle.leadership_note = leadership, leadership_note.strip()
    cycle.full_clean()
    cycle.save()
    return cycle


# --- monitoring (3B) ---------------------------------------------------------------------------


@transaction.atomic
def add_measurement(
    *,
    cycle: Cycle,
    goal: Goal,
    user: User,
    measured_on: datetime.date,
    value: Decimal,
    note: str = "",
    activity: Activity | None = None,
    source_key: str = "",
) -> Measurement:
    _require_open(cycle)
    if goal.trajectory_id != cycle.trajectory_id or goal.status != Goal.Status.ACTIEF:
        raise ValidationError(_("Measure an active goal of this trajectory."))
    if not (goal.indicator or "").strip():
        raise ValidationError(_("Give this goal an indicator first (in 1A), so it is clear what is measured."))
    if not goal.in_range(value):
        low = "…" if goal.scale_min is None else goal.scale_min
        high = "…" if goal.scale_max is None else goal.scale_max
        raise ValidationError(
            {
                "value": _("%(value)s lies outside the possible values of this indicator (%(low)s to %(high)s).")
                % {"value": value, "low": low, "high": high}
            }
        )
    if measured_on > timezone.localdate():
        raise ValidationError({"measured_on": _("A measurement cannot lie in the future.")})
    if activity is not None and (activity.cycle_id != cycle.pk or activity.deleted_at):
        raise ValidationError({"activity": _("Choose an activity of this cycle's plan.")})
    measurement = Measurement(
        goal=goal,
        cycle=cycle,
        activity=activity,
        measured_on=measured_on,
        value=value,
        note=note.strip(),
        source_key=source_key,
        created_by=user,
    )
    measurement.full_clean()
    measurement.save()
    return measurement


def propose_measurement(
    goal: Goal, *, value: Decimal, measured_on: datetime.date, note: str, source_key: str
) -> ProposedMeasurement | None:
    """Offered on the monitoring page, never written as a measurement by itself. Once per goal
    and source: None when the goal is no longer active or this source proposed already."""
    if goal.status != Goal.Status.ACTIEF:
        return None
    proposal, created = ProposedMeasurement.objects.get_or_create(
        goal=goal,
        source_key=source_key,
        defaults={"value": value, "measured_on": min(measured_on, timezone.localdate()), "note": note},
    )
    return proposal if created else None


@transaction.atomic
def confirm_proposal(proposal: ProposedMeasurement, *, cycle: Cycle, user: User) -> Measurement:
    """The proposed value becomes a measurement of the open cycle, marked with its source."""
    proposal = ProposedMeasurement.objects.select_for_update().select_related("goal").get(pk=proposal.pk)
    _require_proposal_open(proposal)
    measurement = add_measurement(
        cycle=cycle,
        goal=proposal.goal,
        user=user,
        measured_on=proposal.measured_on,
        value=proposal.value,
        note=proposal.note,
        source_key=proposal.source_key,
    )
    _decide(proposal, ProposedMeasurement.Decision.CONFIRMED, user, measurement)
    return measurement


def dismiss_proposal(proposal: ProposedMeasurement, *, user: User) -> None:
    _require_proposal_open(proposal)
    _decide(proposal, ProposedMeasurement.Decision.DISMISSED, user, None)


def _require_proposal_open(proposal: ProposedMeasurement) -> None:
    if proposal.decision != ProposedMeasurement.Decision.OPEN:
        raise ValidationError(_("This proposal has already been dealt with."))


def _decide(proposal: ProposedMeasurement, decision: str, user: User, measurement: Measurement | None) -> None:
    proposal.decision = decision
    proposal.measurement = measurement
    proposal.decided_at = timezone.now()
    proposal.decided_by = user
    proposal.save(update_fields=["decision", "measurement", "decided_at", "decided_by"])


# --- Ga door (4) -------------------------------------------------------------------------------

EVALUATION_FIELDS = [
    "good_communication",
    "good_implementation",
    "good_agreements",
    "less_communication",
    "less_implementation",
    "less_agreements",
    "adjustments",
]


@transaction.atomic
def save_evaluation(*, cycle: Cycle, user: User, expected_version: int | None, **texts: str) -> Evaluation:
    _require_open(cycle)
    evaluation, created = Evaluation.objects.select_for_update().get_or_create(cycle=cycle)
    if not created:
        _check_version(evaluation, expected_version)
        evaluation.version += 1
    for name in EVALUATION_FIELDS:
        setattr(evaluation, name, texts.get(name, "").strip())
    evaluation.updated_by = user
    evaluation.full_clean()
    evaluation.save()
    return evaluation


@transaction.atomic
def evaluate_goal(
    *, cycle: Cycle, goal: Goal, user: User, realised: Decimal | None, note: str, decision: str
) -> GoalEvaluation:
    _require_open(cycle)
    if goal.trajectory_id != cycle.trajectory_id or goal.status != Goal.Status.ACTIEF:
        raise ValidationError(_("Evaluate an active goal of this trajectory."))
    if decision not in GoalEvaluation.Decision.values:
        raise ValidationError({"decision": _("Choose whether to continue, anchor or stop.")})
    if realised is not None and not goal.in_range(realised):
        raise ValidationError({"realised": _("This value lies outside the indicator's possible values.")})
    row, _created = GoalEvaluation.objects.update_or_create(
        cycle=cycle,
        goal=goal,
        defaults={"realised": realised, "note": note.strip(), "decision": decision, "decided_by": user},
    )
    return row


_GOAL_STATUS_AFTER: dict[str, str] = {
    GoalEvaluation.Decision.DOORGAAN: Goal.Status.ACTIEF,
    GoalEvaluation.Decision.BORGEN: Goal.Status.GEBORGD,
    GoalEvaluation.Decision.STOPPEN: Goal.Status.GESTOPT,
}


def open_first_cycle(*, trajectory: Trajectory) -> Cycle:
    return Cycle.objects.create(trajectory=trajectory, number=1, started_on=trajectory.start_date)


@transaction.atomic
def start_next_cycle(*, cycle: Cycle, user: User, snapshot_html: str) -> Cycle:
    """Close this cycle as history and open the next one. Goals to continue and the activities
    not yet done go along; anchored and stopped goals stay behind with their measurements."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    _require_open(cycle)
    active = list(Goal.objects.filter(trajectory_id=cycle.trajectory_id, status=Goal.Status.ACTIEF))
    decisions = dict(cycle.goal_evaluations.values_list("goal_id", "decision"))
    undecided = [g for g in active if g.pk not in decisions]
    if undecided:
        raise ValidationError(
            _("Take a decision for every goal first (continue, anchor or stop). Still open: %(goals)s.")
            % {"goals": "; ".join(str(g) for g in undecided)}
        )
    for goal in active:
        new_status = _GOAL_STATUS_AFTER[decisions[goal.pk]]
        if new_status != goal.status:
            Goal.objects.filter(pk=goal.pk).update(status=new_status)
    cycle.closed_at, cycle.closed_by, cycle.snapshot_html = timezone.now(), user, snapshot_html
    cycle.save(update_fields=["closed_at", "closed_by", "snapshot_html"])
    following = Cycle.objects.create(
        trajectory_id=cycle.trajectory_id, number=cycle.number + 1, started_on=timezone.localdate()
    )
    for activity in cycle.activities.filter(deleted_at__isnull=True).exclude(status=Activity.Status.KLAAR):
        carried = Activity(
            trajectory_id=cycle.trajectory_id,
            cycle=following,
            carried_from=activity,
            **{name: getattr(activity, name) for name in ACTIVITY_FIELDS},
        )
        _save_activity(carried, user, {})
    return following
