"""Target pictures (issue 17 item 8, art:10-18): worked out as a team in three layers (pupils,
teachers, school leadership), linked to goals as success indicators, beside the problems that
must no longer occur; in the trajectory's report too."""

import pytest
from django.urls import reverse

from koers.instruments.models import BottleneckAssessment, Goal, Streefbeeld, VanishedProblem
from koers.organisations.models import Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(org):
    return Goal.objects.create(
        trajectory=org.trajectory, level="leerlingen", description="Leerlingen werken op hun niveau", term="lang"
    )


def test_a_team_works_out_a_target_picture_that_indicates_a_goal(client, org, goal):
    team = Team.objects.create(school=org.school, name="Onderbouw")
    client.force_login(org.schoolleider)
    url = reverse("instruments:streefbeelden", args=[org.trajectory.pk])
    client.post(
        url,
        {
            "form": "picture",
            "subject": "kinderen",
            "text": "zelf kiezen welke opdracht bij hun niveau past",
            "team": team.pk,
            "agreed_on": "2026-11-20",
            "goal": goal.pk,
        },
    )
    picture = Streefbeeld.objects.get()
    assert picture.goal == goal and picture.team == team and list(goal.streefbeelden.all()) == [picture]
    page = client.get(url).content.decode()
    assert "In onze school zien wij kinderen die …" in page and "uitgewerkt door Onderbouw" in page
    assert "succesindicator van" in page
    report = client.get(reverse("reports:report", args=[org.trajectory.pk])).content.decode()
    assert "zelf kiezen welke opdracht bij hun niveau past" in report


def test_bad_input_keeps_what_was_typed_and_stores_nothing(client, org, other_org, goal):
    client.force_login(org.schoolleider)
    url = reverse("instruments:streefbeelden", args=[org.trajectory.pk])
    empty = client.post(url, {"form": "picture", "subject": "leerkrachten", "text": "  "})
    assert empty.status_code == 400 and "Beschrijf wat u ziet" in str(empty.context["picture_form"].errors)
    elsewhere = Team.objects.create(school=other_org.school, name="Elders")
    foreign = client.post(url, {"form": "picture", "subject": "leerkrachten", "text": "samen", "team": elsewhere.pk})
    assert foreign.status_code == 400 and foreign.context["picture_form"]["text"].value() == "samen"
    assert not Streefbeeld.objects.exists()


def test_a_problem_that_must_no_longer_occur_can_name_a_bottleneck(client, org, goal):
    occurs = BottleneckAssessment.objects.create(
        trajectory=org.trajectory, own_text="Snelle leerlingen wachten", occurs=True
    )
    client.force_login(org.schoolleider)
    url = reverse("instruments:streefbeelden", args=[org.trajectory.pk])
    page = client.get(url)
    assert (occurs.pk, "Snelle leerlingen wachten") in page.context["problem_form"].fields["bottleneck"].choices
    client.post(
        url, {"form": "problem", "text": "Leerlingen die zich vervelen", "bottleneck": occurs.pk, "goal": goal.pk}
    )
    problem = VanishedProblem.objects.get()
    assert problem.bottleneck == occurs and problem.goal == goal
    client.post(reverse("instruments:delete_vanished", args=[org.trajectory.pk, problem.pk]))
    assert not VanishedProblem.objects.exists()


def test_another_board_cannot_reach_them(client, org, other_org, goal):
    picture = Streefbeeld.objects.create(trajectory=org.trajectory, subject="schoolleiding", text="ruimte geeft")
    client.force_login(other_org.schoolleider)
    assert client.get(reverse("instruments:streefbeelden", args=[org.trajectory.pk])).status_code == 404
    url = reverse("instruments:delete_streefbeeld", args=[other_org.trajectory.pk, picture.pk])
    assert client.post(url).status_code == 404 and Streefbeeld.objects.exists()
