"""The functiemix (check C.6.8): teachers per salary scale per team and for the school, teams
without LC or LD flagged, roles held by LC and LD staff, and the school's own target."""

import pytest
from django.urls import reverse

from koers.careers import services
from koers.careers.models import CareerRole, FunctiemixTarget
from koers.organisations.models import Functie, Team
from tests import factories
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _team(school, name, lb, lc, ld):
    team = Team.objects.create(school=school, name=name)
    for functie, n in ((Functie.DOCENT_LB, lb), (Functie.DOCENT_LC, lc), (Functie.DOCENT_LD, ld)):
        for i in range(n):
            team.members.add(factories.person(school.board, school, functie, name=f"{name} {functie}{i}"))
    return team


@pytest.fixture
def mix(org):
    """Only these teachers at a fresh school of the board, so the counts are exact."""
    school = factories.school(org.board, name="Mixschool")
    _team(school, "A", 6, 2, 0)
    _team(school, "B", 4, 1, 1)
    return school


def test_team_a_without_ld_is_flagged_and_the_school_totals_count(client, org, mix):
    client.force_login(org.bestuurder)
    response = client.get(reverse("careers:functiemix", args=[mix.pk]))
    m = response.context["m"]
    assert m.school.counts == (10, 3, 1)
    rows = {t.name: t for t in m.teams}
    assert rows["A"].missing == ["LD"] and rows["B"].missing == []
    page = response.content.decode()
    assert "LB 10 / LC 3 / LD 1" in page and "geen LD" in page
    assert len(m.without_role) == 4  # LC and LD teachers who hold no role


def test_a_role_held_by_an_lc_teacher_shows_and_leaves_the_list_without_a_role(client, org, mix, today):
    lc = mix.people.filter(functie=Functie.DOCENT_LC).first()
    offer = services.offer_role(
        mix,
        role=CareerRole.objects.get(slug="coach"),
        places=1,
        hours=None,
        level_hint="LC",
        period="",
        note="",
        by=None,
    )
    services.appoint(offer, lc, starts_on=today)
    client.force_login(org.bestuurder)
    m = client.get(reverse("careers:functiemix", args=[mix.pk])).context["m"]
    assert [(h.person, h.offer.role.slug) for h in m.roles_held] == [(lc, "coach")]
    assert lc not in m.without_role and len(m.without_role) == 3


def test_the_target_adds_up_to_a_hundred(client, org, mix):
    client.force_login(org.bestuurder)
    url = reverse("careers:functiemix", args=[mix.pk])
    bad = client.post(url, {"lb": "60", "lc": "30", "ld": "20"})
    assert bad.status_code == 400 and "tellen samen op tot 100 procent, niet 110" in bad.content.decode()
    assert bad.context["form"]["ld"].value() == "20" and not FunctiemixTarget.objects.exists()
    client.post(url, {"lb": "60", "lc": "30", "ld": "10"})
    assert "onze doelstelling LB 60% / LC 30% / LD 10%" in client.get(url).content.decode()


def test_the_functiemix_is_for_leaders_hr_and_the_board_and_costs_the_same_for_more_teams(client, org, other_org, mix):
    url = reverse("careers:functiemix", args=[mix.pk])
    for user in (org.leraar, org.teamleider, other_org.bestuurder):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(org.bestuurder)
    few = page_queries(client, url)
    for n in range(8):
        _team(mix, f"Extra {n}", 2, 1, 1)
    assert page_queries(client, url) == few
