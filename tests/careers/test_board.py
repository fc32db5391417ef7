"""The board's career figures (C.6.2, R6): conversations held per school and team, POPs,
hours and budget agreed, and the functiemix, only for groups of at least five people."""

import datetime

import pytest
from django.urls import reverse

from koers.careers import services
from koers.careers.models import Conversation, school_year
from koers.organisations.models import Functie, Team
from tests import factories
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _staff(school, n, team=None, held=0, hours=10):
    year = school_year(datetime.date.today())
    for i in range(n):
        person = factories.person(school.board, school, Functie.DOCENT_LB, name=f"Mw Docent{school.pk}x{i}")
        if team:
            team.members.add(person)
        day = datetime.date.today()
        conversation = Conversation.objects.create(
            person=person, kind="waarderingsgesprek", purpose="ontwikkeling", school_year=year, scheduled_on=day
        )
        if i < held:
            Conversation.objects.filter(pk=conversation.pk).update(
                held_on=day,
                prof_hours=hours,
                prof_budget=100,
                teacher_agreed_at=datetime.datetime.now(datetime.UTC),
                manager_agreed_at=datetime.datetime.now(datetime.UTC),
            )


def test_the_board_sees_conversations_held_per_school_and_too_few_staff_for_a_small_team(client, org):
    school = factories.school(org.board, name="Telschool")
    small = Team.objects.create(school=school, name="Klein team")
    big = Team.objects.create(school=school, name="Groot team")
    _staff(school, 36, team=big, held=32)
    _staff(school, 4, team=small, held=2)
    client.force_login(org.bestuurder)
    response = client.get(reverse("careers:board", args=[org.board.pk]))
    page = response.content.decode()
    row = next(r for r in response.context["rows"] if r.name == "Telschool")
    assert (row.held, row.planned, row.held_share) == (34, 40, 85)
    assert "34 van 40 (85%)" in page
    assert (row.hours, row.budget) == (340, 3400)
    teams = {t.name: t for t in row.teams}
    assert not teams["Klein team"].enough and "te weinig medewerkers (4 personen)" in page
    assert "2 van 4" not in page  # nothing about the small team but that it is small
    for user in (org.schoolleider, org.leraar, org.teamleider):
        client.force_login(user)
        assert client.get(reverse("careers:board", args=[org.board.pk])).status_code == 404


def test_the_board_figures_cost_the_same_for_fifty_or_five_hundred_staff(client, org):
    school = factories.school(org.board, name="Groeischool")
    team = Team.objects.create(school=school, name="Team")
    client.force_login(org.bestuurder)
    url = reverse("careers:board", args=[org.board.pk])
    _staff(school, 50, team=team, held=20)
    few = page_queries(client, url)
    _staff(school, 150, team=team, held=100)
    services.start_pop(school.people.first(), school_year(datetime.date.today()))
    assert page_queries(client, url) == few
