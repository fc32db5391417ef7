"""The formative career cycle (drl:3443-3458): roles, the framework, the reality check and the
follow-up that writes the POP's goals. The teacher's own, shared only when she chooses."""

import pytest
from django.urls import reverse

from koers.careers import services
from koers.careers.models import CareerCycle, CareerRole, Pop, school_year
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


def _through_reality_check(client, cycle, role, levels):
    url = reverse("careers:cycle", args=[cycle.pk])
    client.post(url, {"form": "orient", "role": role.pk, "compared": [role.pk], "motivation": "Ik help graag."})
    client.post(url, {"form": "read"})
    form = client.get(url).context["assess_form"]
    data = {"form": "assess"}
    for (competence, _fields), (now, target) in zip(form.rows, levels, strict=True):
        data |= {f"{competence['slug']}-current": now, f"{competence['slug']}-target": target}
    data[f"{form.rows[0][0]['slug']}-note"] = "Twee starters begeleid in 2025."
    return url, client.post(url, data)


def test_a_teacher_walks_the_four_steps_into_her_pop(client, org, coach_role, today):
    client.force_login(org.leraar)
    response = client.post(reverse("careers:start_cycle"))
    cycle = CareerCycle.objects.get(person=org.leraar.person)
    assert response.url == reverse("careers:cycle", args=[cycle.pk])
    levels = [("beginnend", "gevorderd"), ("gevorderd", ""), ("beginnend", "expert"), ("expert", ""), ("gevorderd", "")]
    url, saved = _through_reality_check(client, cycle, coach_role, levels)
    assert saved.status_code == 302
    cycle.refresh_from_db()
    assert cycle.framework == coach_role.framework and cycle.version is None  # the school published none
    assert cycle.assessments.count() == 5

    done = client.post(url, {"form": "follow_up", "gaps": "Coachen kan beter.", "support_needed": "Een coach"})
    pop = Pop.objects.get(person=org.leraar.person, school_year=school_year(today))
    assert done.url == reverse("careers:pop", args=[pop.school_year])
    goals = list(pop.goals.select_related("competence"))
    first, third = coach_role.framework.competences.all()[0], coach_role.framework.competences.all()[2]
    assert [g.competence for g in goals] == [first, third]
    assert goals[0].text == f"{first.name}: van beginnend naar gevorderd"
    assert goals[0].success_criterion == first.gevorderd
    assert pop.role == coach_role
    cycle.refresh_from_db()
    assert cycle.pop == pop and cycle.followed_up_at is not None
    # Done is done: a second follow-up does not write the goals twice.
    again = client.post(url, {"form": "follow_up", "gaps": "Nog eens", "support_needed": ""})
    assert again.status_code == 400 and pop.goals.count() == 2


def test_the_reality_check_cites_the_schools_published_framework(client, org, coach_role, today):
    adopted = services.adopt_framework(org.school, coach_role.framework, by=org.schoolleider)
    wording = [c | {"name": f"Onze {c['name'].lower()}"} for c in adopted.competences]
    services.adapt_framework(adopted, competences=wording, context_elements="", drafted_with="De sectie")
    version = services.publish_framework(adopted, by=org.schoolleider, today=today)
    client.force_login(org.leraar)
    cycle = services.start_cycle(org.leraar.person)
    _through_reality_check(client, cycle, coach_role, [("beginnend", "gevorderd")] + [("gevorderd", "")] * 4)
    cycle.refresh_from_db()
    assert cycle.version == version
    assert cycle.assessments.first().competence_name.startswith("Onze ")
    # A later version does not change what this cycle cites.
    services.adapt_framework(adopted, competences=adopted.competences, context_elements="Nieuw", drafted_with="X")
    services.publish_framework(adopted, by=org.schoolleider, today=today)
    page = client.get(reverse("careers:cycle", args=[cycle.pk])).context["c"]
    assert page.version == version


def test_a_target_below_where_she_stands_gets_a_message_and_keeps_what_she_typed(client, org, coach_role):
    client.force_login(org.leraar)
    cycle = services.start_cycle(org.leraar.person)
    url, response = _through_reality_check(
        client, cycle, coach_role, [("expert", "beginnend")] + [("gevorderd", "")] * 4
    )
    assert response.status_code == 400
    form = response.context["assess_form"]
    slug = form.rows[0][0]["slug"]
    assert form.errors[f"{slug}-target"] == ["Kies een niveau op of boven waar u nu staat."]
    assert form[f"{slug}-note"].value() == "Twee starters begeleid in 2025."
    assert not cycle.assessments.exists()


def test_more_than_three_roles_compared_is_refused(client, org):
    client.force_login(org.leraar)
    cycle = services.start_cycle(org.leraar.person)
    roles = list(CareerRole.objects.values_list("pk", flat=True)[:4])
    url = reverse("careers:cycle", args=[cycle.pk])
    response = client.post(url, {"form": "orient", "role": roles[0], "compared": roles, "motivation": "Breed"})
    assert response.status_code == 400
    assert response.context["orient_form"].errors["compared"] == [
        "Vergelijk ten hoogste drie rollen, de gekozen rol meegeteld."
    ]
    assert response.context["orient_form"]["motivation"].value() == "Breed"
    cycle.refresh_from_db()
    assert cycle.role is None


def test_choosing_another_role_starts_the_framework_and_reality_check_again(client, org, coach_role):
    client.force_login(org.leraar)
    cycle = services.start_cycle(org.leraar.person)
    _through_reality_check(client, cycle, coach_role, [("beginnend", "")] * 5)
    other = CareerRole.objects.get(slug="docentonderzoeker")
    services.orient(cycle, compared=[coach_role], role=other, motivation="")
    cycle.refresh_from_db()
    assert cycle.framework_read_at is None and not cycle.assessments.exists()
    assert set(cycle.compared.all()) == {coach_role, other}
    assert cycle.role == other and cycle.framework is None
    page = client.get(reverse("careers:cycle", args=[cycle.pk])).content.decode()
    assert f"(vergeleken met {coach_role.name})" in page  # the chosen role is not listed with them


def test_a_cycle_is_hers_a_colleague_reads_it_only_while_shared(client, org, team, coach_role, today):
    cycle = services.start_cycle(org.leraar.person)
    services.orient(cycle, compared=[], role=coach_role, motivation="Mijn eigen reden")
    for user in (org.bystander, org.teamleider, org.schoolleider):
        client.force_login(user)
        assert client.get(reverse("careers:cycle", args=[cycle.pk])).status_code == 404
        assert client.get(reverse("careers:shared_cycle", args=[cycle.pk])).status_code == 404
    share = services.share(cycle, with_user=org.bystander, until=None, today=today)
    client.force_login(org.bystander)
    assert "Mijn eigen reden" in client.get(reverse("careers:shared_cycle", args=[cycle.pk])).content.decode()
    assert client.get(reverse("careers:cycle", args=[cycle.pk])).status_code == 404  # reading, never editing
    services.revoke_share(share)
    assert client.get(reverse("careers:shared_cycle", args=[cycle.pk])).status_code == 404


def test_the_cycle_page_costs_the_same_queries_before_and_after_the_reality_check(client, org, coach_role):
    client.force_login(org.leraar)
    cycle = services.start_cycle(org.leraar.person)
    services.orient(cycle, compared=[], role=coach_role, motivation="")
    services.read_framework(cycle, version=None)
    url = reverse("careers:cycle", args=[cycle.pk])
    before = page_queries(client, url)
    _through_reality_check(client, cycle, coach_role, [("beginnend", "gevorderd")] * 5)
    assert page_queries(client, url) == before


def test_the_reality_check_attaches_portfolio_items_tagged_with_the_competence(client, org, coach_role, today):
    from koers.careers.models import Evidence

    competence = coach_role.framework.competences.first()
    item = Evidence.objects.create(person=org.leraar.person, title="Verslag coachgesprek", kind="reflectie", date=today)
    item.competences.add(competence)
    client.force_login(org.leraar)
    cycle = services.start_cycle(org.leraar.person)
    url, _response = _through_reality_check(client, cycle, coach_role, [("beginnend", "gevorderd")] * 5)
    form = client.get(url).context["assess_form"]
    assert f"{competence.slug}-evidence" in form.fields
    data = {"form": "assess", f"{competence.slug}-evidence": [item.pk]}
    for c, _fields in form.rows:
        data |= {f"{c['slug']}-current": "beginnend", f"{c['slug']}-target": "gevorderd"}
    assert client.post(url, data).status_code == 302
    assert list(cycle.assessments.get(competence_slug=competence.slug).evidence.all()) == [item]
    # Another teacher's item is not a choice.
    foreign = Evidence.objects.create(person=org.bystander.person, title="Niet van mij", kind="overig", date=today)
    foreign.competences.add(competence)
    refused = client.post(url, data | {f"{competence.slug}-evidence": [foreign.pk]})
    assert refused.status_code == 400
