import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from koers.instruments import services as inst
from koers.instruments.models import Goal
from koers.plans import selectors, services
from koers.plans.models import Activity, ActivityRevision, Cycle, Measurement
from tests.factories import add_activity, fill_instruments

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(org):
    fill_instruments(org.trajectory, org.schoolleider)
    g = org.trajectory.goals.get()
    g.scale_min, g.scale_max = 0, 100
    g.save()
    return g


def cycle(org):
    return selectors.current_cycle(org.trajectory)


def test_a_trajectory_starts_in_cycle_one(org):
    c = cycle(org)
    assert c.number == 1 and c.is_open and c.started_on == org.trajectory.start_date


def test_an_end_date_before_the_start_date_is_refused_at_the_field(org):
    with pytest.raises(ValidationError) as exc:
        add_activity(org.trajectory, org.schoolleider, start=datetime.date(2026, 10, 1), end=datetime.date(2026, 9, 1))
    assert "end_date" in exc.value.message_dict
    assert not Activity.objects.exists()
    # The database refuses it too, whatever writes it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.create(
            trajectory=org.trajectory,
            cycle=cycle(org),
            title="x",
            phase="1",
            start_date=datetime.date(2026, 10, 1),
            end_date=datetime.date(2026, 9, 1),
            owner=org.trajectory.owner,
        )


def test_a_negative_budget_or_hours_is_refused(org):
    for field in ("budget", "hours"):
        with pytest.raises(ValidationError) as exc:
            add_activity(org.trajectory, org.schoolleider, **{field: -1})
        assert field in exc.value.message_dict
    assert not Activity.objects.exists()
    with pytest.raises(ValidationError) as exc:
        services.save_preconditions(
            cycle=cycle(org), hours_available=Decimal(-5), budget_available=None, leadership="", leadership_note=""
        )
    assert "hours_available" in exc.value.message_dict


def test_an_owner_from_another_school_is_refused(org, other_org):
    with pytest.raises(ValidationError) as exc:
        services.add_activity(
            cycle=cycle(org),
            user=org.schoolleider,
            title="x",
            phase="1",
            description="",
            intervention=None,
            start_date=datetime.date(2026, 9, 1),
            end_date=datetime.date(2026, 9, 2),
            owner=other_org.trajectory.owner,
            raci={},
            hours=0,
            budget=0,
            status="gepland",
        )
    assert "owner" in exc.value.message_dict


def test_every_save_of_an_activity_keeps_a_version_and_a_stale_save_is_refused(org):
    a = add_activity(org.trajectory, org.schoolleider)
    values = {name: getattr(a, name) for name in services.ACTIVITY_FIELDS}
    services.change_activity(
        activity=a, user=org.schoolleider, expected_version=1, **{**values, "title": "Lesbezoeken in alle secties"}
    )
    with pytest.raises(services.StaleEdit) as exc:
        services.change_activity(
            activity=a, user=org.teamleider, expected_version=1, **{**values, "title": "Iets anders"}
        )
    assert exc.value.current.title == "Lesbezoeken in alle secties"
    a.refresh_from_db()
    assert a.version == 2 and a.title == "Lesbezoeken in alle secties"
    assert [r.snapshot["title"] for r in ActivityRevision.objects.filter(activity=a)] == [
        "Lesbezoeken in alle secties",
        "Lesbezoeken",
    ]


def test_a_measurement_outside_the_indicators_range_is_refused(org, goal):
    for value in (Decimal(-1), Decimal("100.5")):
        with pytest.raises(ValidationError) as exc:
            services.add_measurement(
                cycle=cycle(org), goal=goal, user=org.schoolleider, measured_on=datetime.date(2026, 10, 1), value=value
            )
        assert "value" in exc.value.message_dict
    services.add_measurement(
        cycle=cycle(org), goal=goal, user=org.schoolleider, measured_on=datetime.date(2026, 10, 1), value=Decimal(100)
    )
    assert Measurement.objects.count() == 1


def test_a_measurement_in_the_future_is_refused(org, goal):
    with pytest.raises(ValidationError) as exc:
        services.add_measurement(
            cycle=cycle(org),
            goal=goal,
            user=org.schoolleider,
            measured_on=datetime.date.today() + datetime.timedelta(days=1),
            value=Decimal(50),
        )
    assert "measured_on" in exc.value.message_dict


def test_a_goal_range_must_hold_its_baseline_and_target(org):
    with pytest.raises(ValidationError) as exc:
        inst.add_goal(
            trajectory=org.trajectory,
            user=org.schoolleider,
            subphase_slug="1a",
            level="medewerkers",
            description="Doel",
            involved="",
            term="kort",
            target_date=None,
            smart=[],
            indicator="score",
            unit="",
            baseline=4,
            target_value=12,
            scale_min=1,
            scale_max=10,
        )
    assert "target_value" in exc.value.message_dict


def test_deleting_an_activity_with_measurements_asks_first_and_keeps_the_history(org, goal):
    a = add_activity(org.trajectory, org.schoolleider)
    services.add_measurement(
        cycle=cycle(org),
        goal=goal,
        user=org.schoolleider,
        measured_on=datetime.date(2026, 10, 1),
        value=Decimal(50),
        activity=a,
    )
    with pytest.raises(ValidationError):
        services.delete_activity(activity=a, user=org.schoolleider, confirmed=False)
    assert list(selectors.activities_of(cycle(org))) == [a]
    services.delete_activity(activity=a, user=org.schoolleider, confirmed=True)
    assert list(selectors.activities_of(cycle(org))) == []
    measurement = Measurement.objects.get()
    assert measurement.activity_id == a.pk and a.revisions.exists()
    # A goal with measurements cannot be deleted either.
    with pytest.raises(ValidationError):
        inst.delete_goal(goal=goal)


def test_a_new_cycle_needs_a_decision_for_every_goal(org, goal):
    with pytest.raises(ValidationError) as exc:
        services.start_next_cycle(cycle=cycle(org), user=org.schoolleider, snapshot_html="")
    assert goal.description[:20] in exc.value.messages[0]
    assert Cycle.objects.filter(trajectory=org.trajectory).count() == 1


def test_a_new_cycle_carries_goals_and_unfinished_work_and_freezes_the_old_one(org, goal):
    stopped = inst.add_goal(
        trajectory=org.trajectory,
        user=org.schoolleider,
        subphase_slug="1a",
        level="organisatie",
        description="Stoppen",
        involved="",
        term="kort",
        target_date=None,
        smart=[],
        indicator="",
        unit="",
        baseline=None,
        target_value=None,
    )
    first = cycle(org)
    done = add_activity(org.trajectory, org.schoolleider, title="Klaar", status="klaar")
    open_one = add_activity(org.trajectory, org.schoolleider, title="Nog bezig", status="bezig")
    services.evaluate_goal(cycle=first, goal=goal, user=org.schoolleider, realised=None, note="", decision="doorgaan")
    services.evaluate_goal(
        cycle=first, goal=stopped, user=org.schoolleider, realised=None, note="Past niet meer", decision="stoppen"
    )
    second = services.start_next_cycle(cycle=first, user=org.schoolleider, snapshot_html="<p>cyclus 1</p>")
    first.refresh_from_db()
    assert second.number == 2 and not first.is_open and first.snapshot_html == "<p>cyclus 1</p>"
    assert [a.title for a in selectors.activities_of(second)] == ["Nog bezig"]
    assert second.activities.get().carried_from == open_one
    assert list(selectors.activities_of(first)) == [done, open_one]  # history untouched
    assert Goal.objects.get(pk=stopped.pk).status == Goal.Status.GESTOPT
    assert list(selectors.active_goals(org.trajectory)) == [goal]
    # The closed cycle refuses every write.
    with pytest.raises(ValidationError):
        add_activity_in(first, org)
    with pytest.raises(ValidationError):
        services.add_measurement(
            cycle=first, goal=goal, user=org.schoolleider, measured_on=datetime.date(2026, 10, 1), value=Decimal(50)
        )
    with pytest.raises(ValidationError):
        services.delete_activity(activity=open_one, user=org.schoolleider, confirmed=True)


def add_activity_in(c, org):
    return services.add_activity(
        cycle=c,
        user=org.schoolleider,
        title="x",
        phase="1",
        description="",
        intervention=None,
        start_date=datetime.date(2026, 9, 1),
        end_date=datetime.date(2026, 9, 2),
        owner=org.trajectory.owner,
        raci={},
        hours=0,
        budget=0,
        status="gepland",
    )


def test_only_one_cycle_can_be_open(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        Cycle.objects.create(trajectory=org.trajectory, number=2, started_on=datetime.date.today())


def test_preconditions_compare_the_plan_with_what_is_available(org):
    add_activity(org.trajectory, org.schoolleider, hours=300, budget=9000)
    c = services.save_preconditions(
        cycle=cycle(org),
        hours_available=Decimal(250),
        budget_available=Decimal(10000),
        leadership="voldoende",
        leadership_note="",
    )
    time, budget, leadership = selectors.preconditions(c, list(selectors.activities_of(c)))
    assert (time.ok, budget.ok, leadership.ok) == (False, True, True)
    assert "50" in time.text  # 50 hours too many
