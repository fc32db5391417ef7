"""Goals measured from lesson observations (E.6.7): closing a period proposes the figure of the
goal's school or team with its source, nothing is measured until a person confirms it, and the
monitoring chart marks the sourced point."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from koers.instruments.models import Goal
from koers.organisations.models import Team
from koers.plans.models import Measurement, ProposedMeasurement
from tests import factories
from tests.observations.test_observations import _lesson, _period

pytestmark = pytest.mark.django_db


@pytest.fixture
def teachers(org):
    return [org.leraar.person, org.bystander.person] + [
        factories.user_with_role("leraar", school=org.school).person for _ in range(3)
    ]


@pytest.fixture
def goal(org):
    return Goal.objects.create(
        trajectory=org.trajectory,
        level="medewerkers",
        description="Leraren tonen in hun lessen basis- en differentiatievaardigheden.",
        term="lang",
        indicator="Lessen met beide vaardigheden",
        unit="%",
        baseline=20,
        target_value=60,
        target_date=datetime.date.today() + datetime.timedelta(days=600),
        scale_min=0,
        scale_max=100,
    )


def _ten_lessons(period, teachers, observer):
    plan = [(3, 3)] * 2 + [(3, 1)] * 4 + [(1, 3)] * 1 + [(1, 1)] * 3  # both sufficient in 2 of 10
    for n, (basic, diff) in enumerate(plan):
        _lesson(period, teachers[n % 5], observer, basic=basic, diff=diff)


def test_closing_a_period_proposes_one_measurement_that_counts_once_confirmed(client, org, teachers, goal):
    client.force_login(org.schoolleider)
    periods = reverse("observations:periods", args=[org.school.pk])
    saved = client.post(periods, {"form": "source", "goal": goal.pk, "source": "observation:both_ok", "team": ""})
    assert saved.status_code == 302
    goal.refresh_from_db()
    assert goal.source == Goal.Source.OBSERVATION_BOTH
    assert "Lessen met beide vaardigheden" in client.get(periods).content.decode()

    period = _period(org)
    _ten_lessons(period, teachers, org.teamleider)
    client.post(reverse("observations:close", args=[period.pk]))
    client.post(reverse("observations:close", args=[period.pk]))  # closing twice proposes once
    proposal = ProposedMeasurement.objects.get()
    assert proposal.value == Decimal(20) and proposal.goal == goal
    assert proposal.note == "uit lesobservaties Lesbezoeken najaar, n = 10 lessen"
    assert not Measurement.objects.exists()  # written only when confirmed

    monitoring = reverse("plans:monitoring", args=[org.trajectory.pk])
    page = client.get(monitoring)
    assert "Voorgestelde meting" in page.content.decode()
    assert "Er is een meting van" in page.content.decode()  # the signal on top
    assert page.context["monitor"].goals[0].course.latest is None

    decide = reverse("plans:decide_proposal", args=[org.trajectory.pk, proposal.pk])
    client.post(decide, {"decision": "confirm"})
    client.post(decide, {"decision": "confirm"})  # a second click measures nothing more
    measurement = Measurement.objects.get()
    assert measurement.value == 20 and measurement.source_key == f"observation-period:{period.pk}"
    page = client.get(monitoring)
    monitor = page.context["monitor"].goals[0]
    assert monitor.course.latest == 20 and monitor.proposals == []
    assert "<rect" in str(monitor.chart.svg) and "uit de bron van het doel" in str(monitor.chart.svg)


def test_a_proposal_set_aside_measures_nothing(client, org, other_org, teachers, goal):
    goal.source = Goal.Source.OBSERVATION_BASIC
    goal.save()
    period = _period(org)
    _ten_lessons(period, teachers, org.teamleider)
    client.force_login(org.schoolleider)
    client.post(reverse("observations:close", args=[period.pk]))
    proposal = ProposedMeasurement.objects.get()
    assert proposal.value == 60
    client.post(reverse("plans:decide_proposal", args=[org.trajectory.pk, proposal.pk]), {"decision": "dismiss"})
    proposal.refresh_from_db()
    assert proposal.decision == "afgewezen" and not Measurement.objects.exists()
    # Through another trajectory it cannot be reached.
    client.force_login(other_org.schoolleider)
    url = reverse("plans:decide_proposal", args=[other_org.trajectory.pk, proposal.pk])
    assert client.post(url, {"decision": "confirm"}).status_code == 404


def test_a_team_figure_under_the_minimum_is_not_proposed(client, org, teachers, goal):
    small = Team.objects.create(school=org.school, name="Bovenbouw")
    small.members.add(*teachers[:2])
    goal.source, goal.source_team = Goal.Source.OBSERVATION_DIFF, small
    goal.save()
    period = _period(org)
    _ten_lessons(period, teachers, org.teamleider)
    client.force_login(org.schoolleider)
    client.post(reverse("observations:close", args=[period.pk]))
    assert not ProposedMeasurement.objects.exists()


def test_a_goal_of_another_school_or_without_indicator_cannot_be_chosen(client, org, other_org, goal):
    client.force_login(org.schoolleider)
    periods = reverse("observations:periods", args=[org.school.pk])
    foreign = Goal.objects.create(
        trajectory=other_org.trajectory, level="medewerkers", description="Elders", term="kort", indicator="x"
    )
    goal.indicator = ""
    goal.save()
    for target in (foreign, goal):
        refused = client.post(periods, {"form": "source", "goal": target.pk, "source": "observation:both_ok"})
        assert refused.status_code == 400 and "geldige keuze" in str(refused.context["source"].errors["goal"])
    assert not Goal.objects.exclude(source="").exists()
