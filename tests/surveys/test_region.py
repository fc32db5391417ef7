"""Issue 18 item 9: a school may compare its closed rounds within its region. The region's
figure pools the latest closed round of every sharing school, shows from five schools, only
to schools that share themselves and to the region's coordinator, and never per school."""

import math

import pytest
from django.urls import reverse

from koers.organisations.models import Membership, Region, Role, User
from koers.surveys import selectors
from koers.surveys.services import finalise_closed_rounds
from tests.factories import PASSWORD, respond, school, survey_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(org, other_org):
    """Six schools in the region: org's two, other_org's two and two more of other_org's board.
    School k's three leraren answer k on everything (k = 1..6); the fifth does not share."""
    region = Region.objects.create(slug="twente", name="Twente")
    schools = [org.school, org.second_school, other_org.school, other_org.second_school]
    schools += [school(other_org.board, name=f"School {n}") for n in (5, 6)]
    for k, each in enumerate(schools, start=1):
        each.region = region
        each.region_benchmark = k != 5
        each.save()
        survey = survey_round(each, closed=True, groups=("leraren",))
        for _ in range(3):
            respond(survey, "leraren", default=k)
    finalise_closed_rounds()
    return region, schools


def _verwachtingen(rep):
    return next(r for r in rep.rows if r.dimension.slug == "verwachtingen")


def test_the_region_pools_the_sharing_schools_from_five(org, region):
    _region, schools = region
    rep = selectors.report(org.school.survey_rounds.get())
    assert rep.region_schools == 5  # the fifth school does not share
    assert math.isclose(_verwachtingen(rep).region, (1 + 2 + 3 + 4 + 6) / 5)
    schools[5].region_benchmark = False
    schools[5].save()
    rep = selectors.report(org.school.survey_rounds.get())
    assert rep.region_schools == 0 and _verwachtingen(rep).region is None  # four: too few


def test_a_school_that_does_not_share_sees_no_regional_figure(client, region):
    _region, schools = region
    rep = selectors.report(schools[4].survey_rounds.get())
    assert rep.region_schools == 0 and _verwachtingen(rep).region is None


def test_the_coordinator_and_sharing_schools_read_the_region_page_others_get_404(client, org, region):
    the_region, schools = region
    url = reverse("surveys:region_benchmark", args=[the_region.slug])
    coordinator = User.objects.create_user("regio@test.example", PASSWORD, full_name="Regio")
    Membership.objects.create(user=coordinator, role=Role.REGIOCOORDINATOR, region=the_region)
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "Leerklimaat-scan" in page and "Gemiddelde per dimensie over 5 scholen" in page
    assert "3,2" in page  # 16 / 5
    assert schools[0].name not in page  # never a school's own figures, nor its name
    client.force_login(org.schoolleider)
    assert client.get(url).status_code == 200
    schools[0].region_benchmark = False
    schools[0].save()
    assert client.get(url).status_code == 404


def test_a_school_joins_and_leaves_on_its_survey_page(client, org, catalog):
    client.force_login(org.schoolleider)
    url = reverse("surveys:region_sharing", args=[org.school.pk])
    page = client.post(url, {"share": "on"}, follow=True).content.decode()
    assert "Deze school hoort bij geen regio" in page
    org.school.refresh_from_db()
    assert not org.school.region_benchmark
    org.school.region = Region.objects.create(slug="veluwe", name="Veluwe")
    org.school.save()
    client.post(url, {"share": "on"})
    org.school.refresh_from_db()
    assert org.school.region_benchmark
    rounds = client.get(reverse("surveys:rounds", args=[org.school.pk])).content.decode()
    assert reverse("surveys:region_benchmark", args=["veluwe"]) in rounds
    page = client.get(reverse("surveys:region_benchmark", args=["veluwe"])).content.decode()
    assert "Nog geen vergelijking." in page
    client.post(url, {})
    org.school.refresh_from_db()
    assert not org.school.region_benchmark
