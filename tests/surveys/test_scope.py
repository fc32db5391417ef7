"""A round's scope: a whole school, one team of it, or one person (360-degree feedback). The
database refuses a round with two scopes or none; the readers follow the scope; team and
person rounds stay out of the school's trend and every benchmark."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from koers.organisations.models import Role, Team
from koers.surveys import selectors
from koers.surveys.models import Round
from tests import factories
from tests.factories import respond, survey_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(org):
    team = Team.objects.create(school=org.school, name="Team onderbouw")
    team.members.add(org.leraar.person, org.teamleider.person)
    return team


def _closed(org, **scope):
    survey = survey_round(org.school, closed=True, groups=["leraren"])
    Round.objects.filter(pk=survey.pk).update(**scope)
    survey.refresh_from_db()
    for _ in range(3):
        respond(survey, "leraren")
    return survey


def test_a_round_with_two_scopes_or_none_is_refused_by_the_database(org, team):
    survey = survey_round(org.school)
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=survey.pk).update(team=team, subject=org.leraar.person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=survey.pk).update(school=None)


def test_a_teams_report_is_read_by_its_members_and_the_schools_managers_only(client, org, team):
    survey = _closed(org, team=team)
    report = reverse("surveys:report", args=[survey.pk])
    client.force_login(org.leraar)  # a member
    assert client.get(report).status_code == 200
    assert client.get(reverse("surveys:export", args=[survey.pk, "csv"])).status_code == 200
    assert client.get(reverse("surveys:round", args=[survey.pk])).status_code == 404  # reads, does not run it
    assert client.post(reverse("surveys:close", args=[survey.pk])).status_code == 404
    client.force_login(org.bystander)  # a teacher of the school, not in the team
    assert client.get(report).status_code == 404
    client.force_login(org.schoolleider)
    assert client.get(report).status_code == 200
    assert client.get(reverse("surveys:round", args=[survey.pk])).status_code == 200


def test_a_persons_feedback_round_is_theirs_alone(client, org):
    survey = _closed(org, subject=org.leraar.person)
    report = reverse("surveys:report", args=[survey.pk])
    for reader in (org.schoolleider, org.bestuurder, org.teamleider):
        client.force_login(reader)
        assert client.get(report).status_code == 404
        assert survey not in selectors.rounds_of(org.school)
    client.force_login(org.leraar)
    assert client.get(report).status_code == 200


def test_team_and_person_rounds_stay_out_of_the_trend_and_the_benchmark(org, other_org, team):
    earlier_team = _closed(org, team=team)
    Round.objects.filter(pk=earlier_team.pk).update(
        opens_on=datetime.date.today() - datetime.timedelta(days=200),
        closes_on=datetime.date.today() - datetime.timedelta(days=180),
    )
    school_round = _closed(org)
    assert selectors._previous_round(school_round, datetime.date.today()) is None
    later_team = _closed(org, team=team)
    Round.objects.filter(pk=later_team.pk).update(opens_on=datetime.date.today() - datetime.timedelta(days=10))
    later_team.refresh_from_db()
    assert selectors._previous_round(later_team, datetime.date.today()) == earlier_team

    from koers.surveys import services

    services.finalise_closed_rounds()
    second = factories.school(org.board, name="Tweede")
    board_round = survey_round(second, closed=True, groups=["leraren"])
    for _ in range(3):
        respond(board_round, "leraren")
    services.finalise_closed_rounds()
    report = selectors.report(school_round)
    assert report.board_schools == 1  # the other school's round, not the team's
    assert selectors.report(later_team).board_schools == 0


def test_a_team_smaller_than_the_minimum_is_warned_at_setup(client, org, team):
    from koers.surveys.models import Instrument

    instrument = Instrument.objects.get(slug="teamleren", active=True)
    client.force_login(org.schoolleider)
    today = datetime.date.today()
    response = client.post(
        reverse("surveys:new_round", args=[org.school.pk, instrument.pk]),
        {
            "title": "Teamleren onderbouw",
            "team": team.pk,
            "groups": [g.slug for g in instrument.groups.all()],
            "modules": [m.slug for m in instrument.modules.all()],
            "opens_on": today,
            "closes_on": today + datetime.timedelta(days=20),
            "min_group_size": 3,
        },
        follow=True,
    )
    survey = Round.objects.get(title="Teamleren onderbouw")
    assert survey.team == team
    assert "Team onderbouw heeft 2 leden, minder dan het minimum van 3 per groep" in response.content.decode()
    other = Team.objects.create(school=org.second_school, name="Elders")
    refused = client.post(
        reverse("surveys:new_round", args=[org.school.pk, instrument.pk]),
        {"title": "X", "team": other.pk, "groups": ["leraren"], "opens_on": today, "closes_on": today},
    )
    assert refused.status_code == 400 and "team" in refused.context["form"].errors


def test_a_team_with_rounds_cannot_be_removed(client, org, team):
    survey_round(org.school)
    Round.objects.update(team=team)
    client.force_login(factories.user_with_role(Role.BESTUURSBEHEERDER, board=org.board))
    response = client.post(reverse("staff:delete_team", args=[team.pk]), follow=True)
    assert "Dit team heeft enquêterondes" in response.content.decode()
    assert Team.objects.filter(pk=team.pk).exists()
