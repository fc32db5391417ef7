"""Teams that really are teams (spec (d), D.5): the real-team check as advice, the activity
cards a plan needs before it is adopted, the balance of the four activities for the team
and its school leader only, and the school's teams by name, never ranked."""

import datetime

import pytest
from django.urls import reverse

from koers.careers.models import school_year
from koers.organisations.models import Team, TeamMembership
from koers.surveys import services as survey_services
from koers.teams import selectors, services
from koers.teams.models import ActivityCard, TeamPlan
from tests import factories
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

YEAR = school_year(datetime.date.today())


def _team(org, name="Onderbouw", size=4, **fields):
    team = Team.objects.create(school=org.school, name=name, **fields)
    people = [factories.user_with_role("leraar", school=org.school).person for _ in range(size)]
    team.members.add(*people)
    return team, people


def test_the_check_names_what_a_team_lacks_and_its_size(client, org):
    """D.5.1"""
    big, _people = _team(org, "Bovenbouw", 11, shared_goal="Examenresultaten omhoog", interdependent=True)
    bigger, _people = _team(org, "Alle docenten", 13, shared_goal="Goed onderwijs", interdependent=True)
    loose, _people = _team(org, "Sectie Frans", 4)
    real, _people = _team(org, "Leerjaar 1", 6, shared_goal="Een goede start in de brugklas", interdependent=True)
    client.force_login(org.schoolleider)
    page = client.get(reverse("staff:teams", args=[org.school.pk])).content.decode()
    assert "groter dan tien" in page and "groter dan twaalf (vaste teams)" in page
    assert "geen gedeelde opgave" in page
    rows = {r.team.name: r.advice for r in selectors.overview(org.school, YEAR)}
    assert rows["Bovenbouw"] == ["groter dan tien"]
    assert rows["Alle docenten"] == ["groter dan twaalf (vaste teams)"]
    assert "geen gedeelde opgave" in rows["Sectie Frans"] and rows["Leerjaar 1"] == []
    team_page = client.get(reverse("teams:team", args=[loose.pk])).content.decode()
    assert "geen gedeelde opgave" in team_page and "advies" in team_page


def test_a_plan_is_adopted_only_when_every_card_has_a_holder(client, org):
    """D.5.2"""
    team, people = _team(org, shared_goal="Differentiëren", interdependent=True)
    TeamMembership.objects.filter(team=team, person=people[0]).update(role="teamleider")
    client.force_login(people[0].user)
    plan_url = reverse("teams:plan", args=[team.pk, YEAR])
    saved = client.post(plan_url, {"form": "plan", "development_points": "Instructie afstemmen", "version": ""})
    assert saved.status_code == 302
    plan = TeamPlan.objects.get()
    cards = list(ActivityCard.objects.all())
    for card, person in zip(cards[:3], people, strict=False):
        client.post(reverse("teams:team", args=[team.pk]), {"form": "card", "card": card.pk, "person": person.pk})
    client.post(reverse("teams:adopt", args=[team.pk, YEAR]))
    plan.refresh_from_db()
    assert plan.status == "concept"
    page = client.get(plan_url).content.decode()
    assert cards[3].name in page and "nog niet" in page
    with pytest.raises(Exception, match=cards[3].name):
        services.adopt(plan, by=people[0].user)
    client.post(reverse("teams:team", args=[team.pk]), {"form": "card", "card": cards[3].pk, "person": people[1].pk})
    client.post(reverse("teams:adopt", args=[team.pk, YEAR]))
    plan.refresh_from_db()
    assert plan.status == "vastgesteld" and plan.adopted_on == datetime.date.today()


def test_a_member_who_is_not_the_teamleider_cannot_adopt(client, org):
    team, people = _team(org)
    services.save_plan(
        team, YEAR, by=org.schoolleider, expected_version=None, goals=[], practices=[], hours=None, budget=None
    )
    client.force_login(people[1].user)
    assert client.post(reverse("teams:adopt", args=[team.pk, YEAR])).status_code == 404


def test_a_card_goes_only_to_a_member_and_once(client, org):
    team, people = _team(org)
    outsider = org.bystander.person
    card = ActivityCard.objects.first()
    client.force_login(org.schoolleider)
    url = reverse("teams:team", args=[team.pk])
    refused = client.post(url, {"form": "card", "card": card.pk, "person": outsider.pk, "reason": "Rustig"})
    assert refused.status_code == 400 and not team.card_holders.exists()
    assert refused.context["form"]["reason"].value() == "Rustig"
    client.post(url, {"form": "card", "card": card.pk, "person": people[0].pk})
    again = client.post(url, {"form": "card", "card": card.pk, "person": people[0].pk})
    assert again.status_code == 400 and "heeft deze kaart al" in again.content.decode()


def _balance_round(org, team, answers: int):
    survey = factories.survey_round(org.school, slug="ontwikkelruimtetest", groups=("teamleden",), closed=True)
    survey.team = team
    survey.save()
    for n in range(answers):
        factories.respond(survey, "teamleden", default=2 + n % 3)
    survey_services.finalise(survey=survey)
    return survey


def test_the_balance_shows_to_the_team_and_its_school_leader_only(client, org):
    """D.5.3"""
    team, people = _team(org)
    other, strangers = _team(org, "Bovenbouw")
    _balance_round(org, team, 4)
    url = reverse("teams:team", args=[team.pk])
    for reader in (people[0].user, org.schoolleider):
        client.force_login(reader)
        page = client.get(url)
        balance = page.context["balance"]
        assert not balance.hidden and balance.respondents == 4
        assert [c.slug for c, _mean in balance.activities] == [c.slug for c in ActivityCard.objects.all()]
        assert all(mean == pytest.approx(2.75) for _c, mean in balance.activities)  # (2+3+4+2)/4
        assert balance.paradox == pytest.approx(2.75) and balance.leaning == "uitkomst"
        assert "Toekomst creëren" in page.content.decode()
    for outsider in (
        strangers[0].user,
        org.bystander,
        factories.user_with_role("schoolleider", school=org.second_school),
    ):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_too_few_answers_explains_instead_of_an_empty_report(client, org):
    """D.5.4 (the explanation; the named bespreekmodus is not built)"""
    team, people = _team(org, size=2)
    _balance_round(org, team, 2)
    client.force_login(people[0].user)
    page = client.get(reverse("teams:team", args=[team.pk]))
    assert page.context["balance"].hidden
    text = page.content.decode()
    assert "Koers toont geen cijfers" in text and "2,75" not in text


def test_the_school_overview_is_alphabetical_whatever_the_scores(client, org):
    """D.5.5, and the same queries for two teams or twelve."""
    names = ["Zorgteam", "Alfa", "Midden"]
    for name in names:
        _team(org, name)
    _balance_round(org, Team.objects.get(name="Zorgteam"), 4)
    client.force_login(org.schoolleider)
    url = reverse("teams:overview", args=[org.school.pk])
    rows = client.get(url, {"sort": "score"}).context["rows"]
    assert [r.team.name for r in rows] == sorted(names)
    few = page_queries(client, url)
    for n in range(9):
        team, _people = _team(org, f"Team {n}", size=3)
        _balance_round(org, team, 3)
    assert page_queries(client, url) == few
    client.force_login(org.leraar)
    assert client.get(url).status_code == 404


def test_the_plan_keeps_what_was_typed_when_someone_else_saved_first(client, org, other_org):
    team, people = _team(org)
    client.force_login(people[0].user)
    url = reverse("teams:plan", args=[team.pk, YEAR])
    client.post(url, {"form": "plan", "strengths": "Eerste versie", "version": ""})
    stale = client.post(url, {"form": "plan", "strengths": "Mijn tekst", "version": "0"})
    assert stale.status_code == 400 and "Iemand anders" in stale.content.decode()
    assert stale.context["form"]["strengths"].value() == "Mijn tekst"
    assert TeamPlan.objects.get().strengths == "Eerste versie"
    foreign = factories.trajectory(other_org.school, other_org.schoolleider.person)
    goal = foreign.goals.create(level="medewerkers", description="Elders", term="kort")
    refused = client.post(url, {"form": "plan", "strengths": "x", "version": "1", "school_goals": [goal.pk]})
    assert refused.status_code == 400 and not TeamPlan.objects.get().school_goals.exists()
    action = client.post(url, {"form": "action", "what": "Lesbezoek", "who": org.bystander.person.pk})
    assert action.status_code == 400 and not TeamPlan.objects.get().actions.exists()
    client.post(url, {"form": "action", "what": "Lesbezoek bij elkaar", "who": people[1].pk, "due": "2027-03-01"})
    assert TeamPlan.objects.get().actions.get().who == people[1]


def test_a_fourth_active_priority_warns_and_a_priority_has_one_work_group(client, org):
    """D.5.7"""
    from django.db import IntegrityError, transaction

    from koers.teams.models import Speerpunt, Workgroup

    client.force_login(org.schoolleider)
    url = reverse("teams:speerpunten", args=[org.school.pk])
    for n in range(3):
        client.post(url, {"title": f"Speerpunt {n}"})
    assert "beperkt aantal speerpunten" not in client.get(url).content.decode()
    client.post(url, {"title": "Nog een"})
    assert "beperkt aantal speerpunten" in client.get(url).content.decode()
    speerpunt = Speerpunt.objects.get(title="Nog een")
    assert Workgroup.objects.filter(speerpunt=speerpunt).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Workgroup.objects.create(speerpunt=speerpunt)
    services.finish(speerpunt)
    assert "beperkt aantal speerpunten" not in client.get(url).content.decode()


def test_a_work_group_suggests_colleagues_from_shown_expertise_only(client, org):
    from koers.careers.models import ExpertiseArea, ExpertiseEntry

    area = ExpertiseArea.objects.get(slug="ict")
    speerpunt = services.add_speerpunt(org.school, title="Digitaal toetsen", school_year=YEAR, goal=None, area=area)
    shown = ExpertiseEntry.objects.create(
        person=org.leraar.person,
        area=area,
        topic="Toetsen in Wintoets",
        level="expert",
        wants="inzetten",
        visibility="school",
    )
    ExpertiseEntry.objects.create(
        person=org.bystander.person,
        area=area,
        topic="Programmeren",
        level="ervaren",
        wants="inzetten",
        visibility="prive",
    )
    client.force_login(org.schoolleider)
    url = reverse("teams:workgroup", args=[speerpunt.workgroup.pk])
    assert client.get(url).context["suggestions"] == [shown]
    outsider = factories.person(org.board, org.second_school)
    refused = client.post(url, {"kartrekker": org.leraar.person.pk, "members": [outsider.pk]})
    assert refused.status_code == 400 and not speerpunt.workgroup.members.exists()
    client.post(url, {"kartrekker": org.leraar.person.pk, "expectations": "Voorstel in maart"})
    speerpunt.workgroup.refresh_from_db()
    assert speerpunt.workgroup.kartrekker == org.leraar.person
    assert list(speerpunt.workgroup.members.all()) == [org.leraar.person]
    client.force_login(org.bystander)  # staff of the school read it, but do not change it
    page = client.get(url)
    assert page.status_code == 200 and not page.context["steers"]
    client.post(url, {"kartrekker": org.bystander.person.pk})
    speerpunt.workgroup.refresh_from_db()
    assert speerpunt.workgroup.kartrekker == org.leraar.person
    client.force_login(factories.user_with_role("leraar", school=org.second_school))
    assert client.get(url).status_code == 404


def test_the_home_page_lists_my_teams_and_what_a_developing_team_still_needs(client, org):
    team, people = _team(org, "Onderbouw")
    section = Team.objects.create(school=org.school, name="Sectie Frans", kind=Team.Kind.SECTIE)
    section.members.add(people[0])
    client.force_login(people[0].user)
    home = client.get(reverse("home:index"))
    assert [s.team.name for s in home.context["home"].teams] == ["Onderbouw", "Sectie Frans"]
    texts = [a.text for a in home.context["home"].attention if a.kind == "team"]
    assert texts == [
        f"Onderbouw heeft nog geen teamplan voor {YEAR}",
        "4 activiteitenkaarten van Onderbouw hebben nog geen houder",
    ]  # a section gets no such reminders
    for card in ActivityCard.objects.all():
        services.hand_out(team, card=card, person=people[1], reason="")
    services.save_plan(
        team, YEAR, by=org.schoolleider, expected_version=None, goals=[], practices=[], hours=None, budget=None
    )
    home = client.get(reverse("home:index"))
    assert not [a for a in home.context["home"].attention if a.kind == "team"]


def _talk_data(score=3, paradox=4):
    data = {"form": "answer", "paradox": paradox}
    data |= {f"card_{card.pk}": score for card in ActivityCard.objects.all()}
    return data


def test_a_team_of_two_discusses_by_name_only_after_both_agree(client, org):
    """D.5.4"""
    from koers.teams.models import TalkAnswer

    team, (first, second) = _team(org, "Duo", size=2)
    url = reverse("teams:talk", args=[team.pk])
    client.force_login(first.user)
    assert client.get(reverse("teams:team", args=[team.pk])).context["small"]
    client.post(url, {"form": "start"})
    client.post(url, {"form": "agree"})
    missing = _talk_data()
    missing.pop("paradox")
    assert client.post(url, missing).status_code == 400 and not TalkAnswer.objects.exists()
    client.post(url, _talk_data(score=4, paradox=2))
    client.force_login(second.user)
    page = client.get(url)
    assert page.context["t"].rows == [] and "Te weinig antwoorden" in page.content.decode()
    client.force_login(org.schoolleider)  # the school leader keeps the school, yet not this
    assert client.get(url).status_code == 404
    client.force_login(second.user)
    client.post(url, {"form": "agree"})
    client.post(url, _talk_data(score=2, paradox=7))
    rows = {person: answers for person, answers in client.get(url).context["t"].rows}
    card = ActivityCard.objects.first()
    assert rows[first][card.pk] == 4 and rows[first][None] == 2 and rows[second][None] == 7
    client.post(url, {"form": "withdraw"})
    assert client.get(url).context["t"].rows == []
    assert not TalkAnswer.objects.filter(person=second).exists()


def test_erasing_a_teacher_takes_her_team_answers_cards_expertise_and_observations_along(
    client, org, django_capture_on_commit_callbacks
):
    from koers.careers.models import ExpertiseEntry
    from koers.observations.models import Observation
    from koers.privacy import services as privacy
    from koers.teams.models import CardHolder, TalkAnswer, TalkConsent
    from tests.observations.test_observations import _lesson, _period

    team, (teacher, colleague) = _team(org, "Duo", size=2)
    scan = services.start_talk(team)
    services.agree(scan, teacher)
    services.answer_talk(scan, teacher, scores={c.pk: 3 for c in ActivityCard.objects.all()}, paradox=4)
    services.hand_out(team, card=ActivityCard.objects.first(), person=teacher, reason="Rustig")
    speerpunt = services.add_speerpunt(org.school, title="Toetsen", school_year=YEAR, goal=None, area=None)
    speerpunt.workgroup.members.add(teacher, colleague)
    ExpertiseEntry.objects.create(
        person=teacher, topic="Rekenen", level="expert", wants="inzetten", visibility="school"
    )
    _lesson(_period(org), teacher, org.teamleider)
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase(person=teacher, successor=None, by=org.schoolleider)
    assert not TalkAnswer.objects.filter(person=teacher).exists()
    assert not TalkConsent.objects.filter(person=teacher).exists()
    assert not CardHolder.objects.filter(person=teacher).exists()
    assert list(speerpunt.workgroup.members.all()) == [colleague]
    assert not ExpertiseEntry.objects.exists() and not Observation.objects.exists()
