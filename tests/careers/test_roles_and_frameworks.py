"""Roles in four domains with reference frameworks as content; a school adopts, adapts and
publishes a framework that teachers then read; roles with a limited number of places."""

from collections import Counter

import pytest
from django.db import transaction
from django.urls import reverse

from koers.careers import services
from koers.careers.loader import load_career_content
from koers.careers.models import (
    ActivityKind,
    CareerDomain,
    CareerRole,
    FrameworkVersion,
    ReferenceFramework,
    RoleHolding,
    RoleOffer,
    SchoolFramework,
)
from koers.catalog.loader import CONTENT_DIR
from koers.catalog.schema import CatalogError
from tests import factories
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _report():
    return type("R", (), {"created": Counter(), "updated": Counter(), "removed": Counter()})()


def test_the_content_carries_the_four_domains_their_roles_and_the_effective_activities(catalog):
    assert list(CareerDomain.objects.values_list("slug", flat=True)) == [
        "leerlingen",
        "onderwijsontwikkeling",
        "organisatie",
        "collegas",
    ]
    # drl:3792-3798 names one or two roles per domain; every role has a framework with levels.
    for slug in ("zorgcoordinator", "docentonderzoeker", "ontwerper", "teamleider", "schoolopleider", "coach"):
        role = CareerRole.objects.get(slug=slug)
        competences = list(role.framework.competences.all())
        assert len(competences) >= 4 and all(c.beginnend and c.gevorderd and c.expert for c in competences)
    assert CareerRole.objects.get(slug="curriculumontwikkelaar").breadth == "bovenschools"
    effective = set(ActivityKind.objects.filter(effective=True).values_list("slug", flat=True))
    assert effective == {
        "coaching",
        "vakdidactiek",
        "lessen-ontwerpen",
        "videocoaching",
        "leren-van-experts",
        "intervisie",
        "leerlingwerk",
        "plg",
        "praktijkonderzoek",
    }
    assert ActivityKind.objects.get(slug="master").formal and ActivityKind.objects.get(slug="leernetwerk").collective


def test_a_role_naming_an_unknown_framework_stops_the_load_and_changes_nothing(catalog, tmp_path):
    (tmp_path / "kaders").mkdir()
    source = CONTENT_DIR / "loopbaan"
    for path in (source / "kaders").glob("*.yaml"):
        (tmp_path / "kaders" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "activiteiten.yaml").write_text((source / "activiteiten.yaml").read_text(encoding="utf-8"))
    text = (
        (source / "rollen.yaml")
        .read_text(encoding="utf-8")
        .replace("framework: collegas-begeleiden", "framework: bestaat-niet", 1)
    )
    (tmp_path / "rollen.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match="names no framework 'bestaat-niet'"), transaction.atomic():
        load_career_content(tmp_path, _report())
    assert CareerRole.objects.filter(framework__slug="collegas-begeleiden").count() == 5


def test_a_competence_a_pop_goal_cites_cannot_leave_the_content(catalog, org, tmp_path):
    pop = services.start_pop(org.leraar.person, "2026-2027")
    competence = ReferenceFramework.objects.get(slug="collegas-begeleiden").competences.get(slug="coachen")
    services.add_pop_goal(pop, text="Coachgesprekken voeren", competence=competence, success_criterion="", due=None)
    source = CONTENT_DIR / "loopbaan"
    (tmp_path / "kaders").mkdir()
    for path in (source / "kaders").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.stem == "collegas-begeleiden":
            text = text.replace("  - slug: coachen\n", "  - slug: coachen-weg\n")
        (tmp_path / "kaders" / path.name).write_text(text, encoding="utf-8")
    for name in ("rollen.yaml", "activiteiten.yaml"):
        (tmp_path / name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(CatalogError, match="'coachen' is still in use"), transaction.atomic():
        load_career_content(tmp_path, _report())


def test_a_school_adapts_a_framework_with_its_teachers_and_publishes_dated_versions(client, org, coach_role, today):
    client.force_login(org.schoolleider)
    listing = reverse("careers:school_frameworks", args=[org.school.pk])
    response = client.post(listing, {"framework": coach_role.framework_id})
    adopted = SchoolFramework.objects.get(school=org.school, framework=coach_role.framework)
    assert response.url == reverse("careers:school_framework", args=[org.school.pk, adopted.pk])
    url = response.url
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data |= {"c0-name": "Lessen observeren en nabespreken", "context_elements": "Veel zij-instromers."}

    # Publishing without naming who drafted it: a Dutch message at the field, nothing published,
    # and what was typed is still there.
    refused = client.post(url, data | {"drafted_with": "", "publish": "1"})
    assert refused.status_code == 400
    assert refused.context["form"].errors["drafted_with"] == [
        "Noem de leraren (of hun rollen) die dit kader met u opstelden."
    ]
    assert refused.context["form"]["c0-name"].value() == "Lessen observeren en nabespreken"
    assert not FrameworkVersion.objects.exists()

    client.post(url, data | {"drafted_with": "Sectie Nederlands, twee starters", "publish": "1"})
    first = FrameworkVersion.objects.get()
    assert (first.number, first.published_on, first.published_by) == (1, today, org.schoolleider)
    assert first.competences[0]["name"] == "Lessen observeren en nabespreken"
    again = client.post(url, data | {"drafted_with": "Sectie Nederlands, twee starters", "publish": "1"})
    assert again.status_code == 400 and "niets nieuws te publiceren" in again.content.decode()

    client.post(url, data | {"c0-name": "Observeren en feedback", "drafted_with": "Sectie Nederlands", "publish": "1"})
    assert list(FrameworkVersion.objects.values_list("number", flat=True)) == [2, 1]
    first.refresh_from_db()
    assert first.competences[0]["name"] == "Lessen observeren en nabespreken"  # a published version never changes

    # The teacher reads the school's published wording, with its version and date.
    client.force_login(org.leraar)
    page = client.get(reverse("careers:role", args=["coach"])).content.decode()
    assert "Observeren en feedback" in page and "versie 2" in page and "Veel zij-instromers." in page


def test_the_school_pages_are_for_the_school_leader_and_the_board_only(client, org, other_org):
    urls = [
        reverse("careers:school_frameworks", args=[org.school.pk]),
        reverse("careers:school_roles", args=[org.school.pk]),
    ]
    for user in (org.leraar, org.teamleider, other_org.schoolleider, other_org.bestuurder):
        client.force_login(user)
        assert {client.get(u).status_code for u in urls} == {404}
    for user in (org.schoolleider, org.bestuurder):
        client.force_login(user)
        assert {client.get(u).status_code for u in urls} == {200}


def test_a_role_with_two_places_takes_two_holders_and_flags_more_candidates(client, org, coach_role, today):
    offer = services.offer_role(
        org.school, role=coach_role, places=2, hours=40, level_hint="LC", period="2026-2027", note="", by=None
    )
    third = factories.user_with_role("leraar", school=org.school)
    for user in (org.leraar, org.bystander, third):
        services.state_interest(offer, user.person, motivation="Ik begeleid graag starters.")
    client.force_login(org.schoolleider)
    url = reverse("careers:school_offer", args=[org.school.pk, offer.pk])
    page = client.get(url).content.decode()
    assert "Meer kandidaten dan plaatsen: start een selectieprocedure" in page

    for user in (org.leraar, org.bystander):
        client.post(url, {"person": user.person.pk, "starts_on": today.isoformat()})
    offer.refresh_from_db()
    assert offer.status == RoleOffer.Status.VOL and offer.holdings.count() == 2
    refused = client.post(url, {"person": third.person.pk, "starts_on": today.isoformat()})
    assert refused.status_code == 400
    assert "Alle 2 plaatsen van deze rol zijn bezet." in refused.content.decode()
    assert not RoleHolding.objects.filter(person=third.person).exists()

    holding = offer.holdings.get(person=org.bystander.person)
    client.post(reverse("careers:end_holding", args=[org.school.pk, offer.pk, holding.pk]))
    offer.refresh_from_db()
    assert offer.status == RoleOffer.Status.OPEN
    assert client.post(url, {"person": third.person.pk, "starts_on": today.isoformat()}).status_code == 302


def test_a_teacher_states_interest_in_an_open_place_of_her_own_school_only(client, org, other_org, coach_role):
    offer = services.offer_role(
        org.school, role=coach_role, places=1, hours=None, level_hint="", period="", note="", by=None
    )
    client.force_login(org.leraar)
    page = client.get(reverse("careers:role", args=["coach"])).content.decode()
    assert "Open op uw school: 1 plaats" in page
    assert "1 plaats open op uw school" in client.get(reverse("careers:roles")).content.decode()
    client.post(reverse("careers:interest", args=[offer.pk]), {"motivation": "Ik wil starters <b>helpen</b>."})
    assert offer.interests.get().person == org.leraar.person

    # The school leader reads the motivation, escaped; a colleague's role page shows no names.
    client.force_login(org.schoolleider)
    leader_page = client.get(reverse("careers:school_offer", args=[org.school.pk, offer.pk])).content.decode()
    assert "starters &lt;b&gt;helpen&lt;/b&gt;" in leader_page
    client.force_login(org.bystander)
    assert str(org.leraar.person) not in client.get(reverse("careers:role", args=["coach"])).content.decode()

    client.force_login(other_org.leraar)
    assert client.post(reverse("careers:interest", args=[offer.pk]), {"motivation": ""}).status_code == 404
    assert "Open op uw school" not in client.get(reverse("careers:role", args=["coach"])).content.decode()


def test_a_place_count_outside_one_to_fifty_gets_a_message_and_offers_nothing(client, org, coach_role):
    client.force_login(org.schoolleider)
    url = reverse("careers:school_roles", args=[org.school.pk])
    response = client.post(url, {"role": coach_role.pk, "places": "0", "period": "2026-2027"})
    assert response.status_code == 400
    assert response.context["form"].errors["places"] == ["Kies tussen 1 en 50 plaatsen."]
    assert response.context["form"]["period"].value() == "2026-2027"
    assert not RoleOffer.objects.exists()


def test_the_role_list_costs_the_same_queries_for_two_or_twenty_offers(client, org, coach_role):
    client.force_login(org.schoolleider)
    url = reverse("careers:school_roles", args=[org.school.pk])

    def offer(n):
        for _ in range(n):
            o = services.offer_role(
                org.school, role=coach_role, places=3, hours=None, level_hint="", period="", note="", by=None
            )
            services.state_interest(o, org.leraar.person, motivation="")

    offer(2)
    few = page_queries(client, url)
    offer(18)
    assert page_queries(client, url) == few
