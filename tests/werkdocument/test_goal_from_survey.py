"""Goals measured from a survey dimension (issue 17, item 7): once a round is final its mean
over the groups shown is proposed, with its source; nothing is measured until confirmed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from koers.instruments.models import Goal
from koers.plans.models import Measurement, ProposedMeasurement
from koers.surveys.models import Dimension
from koers.surveys.services import finalise
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(org):
    return Goal.objects.create(
        trajectory=org.trajectory,
        level="leerlingen",
        description="Leerlingen ervaren uitdaging",
        term="kort",
        indicator="Uitdaging (1-5)",
        scale_min=1,
        scale_max=5,
    )


def _round(org, values=(3, 3, 4), title="Scan voorjaar", days_ago=0):
    survey = factories.survey_round(org.school, title=title, closed=True, days_ago=days_ago)
    for value in values:
        factories.respond(survey, "leraren", default=value)
    factories.respond(survey, "oop", default=1)  # one oop answer: under the minimum, left out
    return survey


def test_a_dimension_measures_a_goal_and_each_final_round_proposes_its_mean(client, org, goal):
    survey = _round(org)
    client.force_login(org.schoolleider)
    report = client.get(reverse("surveys:report", args=[survey.pk]))  # finalises the closed round
    dimension = Dimension.objects.filter(instrument=survey.instrument).first()
    assert report.context["goal_form"] is not None
    client.post(
        reverse("werkdocument:measure_from_round", args=[survey.pk]), {"goal": goal.pk, "dimension": dimension.pk}
    )
    goal.refresh_from_db()
    assert goal.source == "survey" and goal.source_key == f"{survey.instrument.slug}/{dimension.slug}"
    proposal = ProposedMeasurement.objects.get()
    assert proposal.value == Decimal("3.33")  # (3 + 3 + 4) / 3 leraren; the one oop answer is hidden
    assert proposal.note == "uit enquête Scan voorjaar, n = 3 respondenten" and not Measurement.objects.exists()
    later = _round(org, values=(5, 5, 5), title="Scan najaar")
    finalise(survey=later)
    assert ProposedMeasurement.objects.get(source_key=f"survey-round:{later.pk}").value == 5
    monitoring = client.get(reverse("plans:monitoring", args=[org.trajectory.pk])).content.decode()
    assert f"Gemeten uit: {survey.instrument.name}: {dimension.name}" in monitoring


def test_a_team_goal_is_measured_only_from_that_teams_rounds(client, org, goal):
    from koers.organisations.models import Team

    team = Team.objects.create(school=org.school, name="Onderbouw")
    team_round = _round(org)
    team_round.team = team
    team_round.save()
    finalise(survey=team_round)
    client.force_login(org.schoolleider)
    dimension = Dimension.objects.filter(instrument=team_round.instrument).first()
    client.post(
        reverse("werkdocument:measure_from_round", args=[team_round.pk]), {"goal": goal.pk, "dimension": dimension.pk}
    )
    goal.refresh_from_db()
    assert goal.source_team == team and ProposedMeasurement.objects.count() == 1
    finalise(survey=_round(org, title="Schoolbreed"))  # a school round measures no team goal
    assert ProposedMeasurement.objects.count() == 1


def test_only_who_runs_the_round_links_a_goal(client, org, other_org, goal):
    survey = _round(org)
    finalise(survey=survey)
    dimension = Dimension.objects.filter(instrument=survey.instrument).first()
    client.force_login(other_org.schoolleider)
    url = reverse("werkdocument:measure_from_round", args=[survey.pk])
    assert client.post(url, {"goal": goal.pk, "dimension": dimension.pk}).status_code == 404
    foreign = Goal.objects.create(
        trajectory=other_org.trajectory, level="leerlingen", description="x", term="kort", indicator="x"
    )
    client.force_login(org.schoolleider)
    client.post(url, {"goal": foreign.pk, "dimension": dimension.pk})
    assert not Goal.objects.exclude(source="").exists() and not ProposedMeasurement.objects.exists()
