"""The teacher's POP: hers alone until she shares it (R1, check C.6.1), with goals, activities
whose effective kinds are marked, hours and budget, and a one-way link to the school's goals."""

import datetime

import pytest
from django.urls import reverse

from koers.careers import services
from koers.careers.models import ActivityKind, CareerShare, Pop, ShareRead, school_year
from koers.instruments.models import Goal
from tests import factories
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _goal(trajectory, text: str) -> Goal:
    return Goal.objects.create(trajectory=trajectory, level=Goal.Level.MEDEWERKERS, description=text, term="kort")


def test_a_teacher_starts_her_pop_from_my_development(client, org, today):
    client.force_login(org.leraar)
    home = client.get(reverse("careers:mine")).content.decode()
    year = school_year(today)
    assert f"U hebt nog geen POP voor {year}." in home
    response = client.post(reverse("careers:start_pop"))
    assert response.url == reverse("careers:pop", args=[year])
    assert Pop.objects.get().person == org.leraar.person
    assert "Mijn ontwikkeling" in client.get(reverse("home:index")).content.decode()


def test_the_school_year_turns_on_the_first_of_august():
    assert school_year(datetime.date(2027, 7, 31)) == "2026-2027"
    assert school_year(datetime.date(2027, 8, 1)) == "2027-2028"


def test_a_private_pop_is_a_404_for_the_teamleider_and_a_colleague_until_she_shares_it(client, org, team, pop):
    url = reverse("careers:shared_pop", args=[pop.pk])
    for user in (org.teamleider, org.bystander, org.schoolleider, org.bestuurder):
        client.force_login(user)
        assert client.get(url).status_code == 404
    share = services.share(pop, with_user=org.teamleider, until=None, today=datetime.date.today())

    client.force_login(org.teamleider)
    page = client.get(url).content.decode()
    assert "Over drie jaar begeleid ik starters in de onderbouw." in page
    assert ShareRead.objects.filter(share=share).count() == 1
    client.force_login(org.bystander)
    assert client.get(url).status_code == 404  # shared with the teamleider, not the team

    # She sees who read it, and ends it; then it is a 404 again.
    client.force_login(org.leraar)
    own = client.get(reverse("careers:pop", args=[pop.school_year])).content.decode()
    assert "1 keer gelezen" in own
    client.post(reverse("careers:revoke_share", args=[share.pk]))
    client.force_login(org.teamleider)
    assert client.get(url).status_code == 404


def test_a_share_until_yesterday_has_ended(client, org, pop, today):
    share = services.share(pop, with_user=org.teamleider, until=today, today=today)
    CareerShare.objects.filter(pk=share.pk).update(until=today - datetime.timedelta(days=1))
    client.force_login(org.teamleider)
    assert client.get(reverse("careers:shared_pop", args=[pop.pk])).status_code == 404


def test_a_teacher_of_another_board_cannot_be_shared_with_nor_read(client, org, other_org, pop):
    client.force_login(org.leraar)
    url = reverse("careers:pop", args=[pop.school_year])
    response = client.post(url, {"form": "share", "shared_with": other_org.leraar.pk})
    assert response.status_code == 400 and "shared_with" in response.context["share_form"].errors
    assert not CareerShare.objects.exists()
    client.force_login(other_org.leraar)
    assert client.get(reverse("careers:shared_pop", args=[pop.pk])).status_code == 404
    assert client.get(url).status_code == 404  # her own year has no POP; his POP is never reachable


def test_own_hours_above_the_hours_agreed_get_a_message_and_save_nothing(client, org, pop):
    client.force_login(org.leraar)
    url = reverse("careers:pop", args=[pop.school_year])
    data = {"form": "pop", "ambition": "Starters begeleiden", "hours_agreed": "40", "hours_own_choice": "60"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["pop_form"].errors["hours_own_choice"] == [
        "Uw eigen deel kan niet meer zijn dan de afgesproken uren (40)."
    ]
    assert response.context["pop_form"]["ambition"].value() == "Starters begeleiden"
    pop.refresh_from_db()
    assert pop.hours_agreed is None and pop.ambition.startswith("Over drie jaar")


def test_a_pop_serves_only_its_own_schools_goals(client, org, other_org, pop):
    ours = _goal(org.trajectory, "Elke leraar differentieert in drie niveaus")
    theirs = _goal(other_org.trajectory, "Een doel van een ander bestuur")
    client.force_login(org.leraar)
    url = reverse("careers:pop", args=[pop.school_year])
    page = client.get(url).content.decode()
    assert "Elke leraar differentieert in drie niveaus" in page and "ander bestuur" not in page
    bad = client.post(url, {"form": "pop", "ambition": "x", "school_goals": [theirs.pk]})
    assert bad.status_code == 400 and not pop.school_goals.exists()
    client.post(url, {"form": "pop", "ambition": "x", "school_goals": [ours.pk], "hours_agreed": "40"})
    assert list(pop.school_goals.all()) == [ours]


def test_activities_mark_the_effective_kinds_and_sum_hours_and_cost(client, org, pop):
    client.force_login(org.leraar)
    url = reverse("careers:pop", args=[pop.school_year])
    coaching = ActivityKind.objects.get(slug="coaching")
    course = ActivityKind.objects.get(slug="cursus")
    base = {"form": "activity", "provider": "", "with_whom": "", "starts_on": "", "ends_on": ""}
    client.post(url, base | {"kind": coaching.pk, "title": "Coaching", "contact_hours": 6, "study_hours": 4})
    client.post(url, base | {"kind": course.pk, "title": "Cursus", "contact_hours": 8, "study_hours": 2, "cost": "450"})
    page = client.get(url)
    p = page.context["p"]
    assert (p.hours_planned, p.cost_planned, p.effective_share) == (20, 450, 50)
    assert "50% van de uren in effectieve vormen" in page.content.decode()

    wrong = client.post(
        url, base | {"kind": course.pk, "title": "Later", "starts_on": "2027-03-01", "ends_on": "2027-02-01"}
    )
    assert wrong.status_code == 400
    assert wrong.context["activity_form"].errors["ends_on"] == ["Het einde ligt voor het begin."]
    assert pop.activities.count() == 2


def test_a_pop_goal_can_name_a_competence_of_the_role_it_grows_towards(client, org, pop, coach_role):
    pop.role = coach_role
    pop.save()
    client.force_login(org.leraar)
    url = reverse("careers:pop", args=[pop.school_year])
    choices = client.get(url).context["goal_form"].fields["competence"].queryset
    assert {c.framework_id for c in choices} == {coach_role.framework_id}
    competence = choices.first()
    client.post(url, {"form": "goal", "text": "Ik voer coachgesprekken", "competence": competence.pk})
    assert pop.goals.get().competence == competence
    empty = client.post(url, {"form": "goal", "text": ""})
    assert empty.status_code == 400 and "text" in empty.context["goal_form"].errors


def test_the_pop_page_costs_the_same_queries_for_two_or_twenty_activities(client, org, pop):
    kind = ActivityKind.objects.get(slug="intervisie")

    def add(n):
        for i in range(n):
            services.add_activity(pop, kind=kind, title=f"Intervisie {i}", contact_hours=2)
            services.add_pop_goal(pop, text=f"Doel {i}", competence=None, success_criterion="", due=None)
        services.share(
            pop,
            with_user=factories.user_with_role("teamleider", school=org.school),
            until=None,
            today=datetime.date.today(),
        )

    client.force_login(org.leraar)
    url = reverse("careers:pop", args=[pop.school_year])
    add(2)
    few = page_queries(client, url)
    add(18)
    assert page_queries(client, url) == few


def test_a_colleague_with_a_pop_of_her_own_cannot_reach_the_teachers_items(client, org, team, pop, today):
    """Her own POP of the same year does not open the teacher's goals, activities or shares."""
    kind = ActivityKind.objects.first()
    goal = services.add_pop_goal(pop, text="Geheim doel", competence=None, success_criterion="", due=None)
    activity = services.add_activity(pop, kind=kind, title="Geheime cursus")
    share = services.share(pop, with_user=org.teamleider, until=None, today=today)
    services.start_pop(org.bystander.person, pop.school_year)
    client.force_login(org.bystander)
    for url in (
        reverse("careers:remove_goal", args=[pop.school_year, goal.pk]),
        reverse("careers:activity", args=[pop.school_year, activity.pk]),
        reverse("careers:revoke_share", args=[share.pk]),
        reverse("careers:shared_pop", args=[pop.pk]),
    ):
        assert client.post(url, {"remove": "1"}).status_code == 404, url
    assert "Geheim" not in client.get(reverse("careers:pop", args=[pop.school_year])).content.decode()
    assert pop.goals.exists() and pop.activities.exists() and CareerShare.objects.get().revoked_at is None


def test_the_home_page_asks_for_a_pop_and_announces_what_was_shared_until_it_is_read(client, org, pop, today):
    home = reverse("home:index")
    client.force_login(org.bystander)
    assert f"U hebt nog geen POP voor {pop.school_year}." in client.get(home).content.decode()
    client.force_login(org.leraar)
    assert "U hebt nog geen POP" not in client.get(home).content.decode()

    services.share(pop, with_user=org.teamleider, until=None, today=today)
    client.force_login(org.teamleider)
    announced = f"Met u gedeeld: POP {pop.school_year} van {org.leraar.person}"
    assert announced in client.get(home).content.decode()
    client.get(reverse("careers:shared_pop", args=[pop.pk]))
    assert announced not in client.get(home).content.decode()
