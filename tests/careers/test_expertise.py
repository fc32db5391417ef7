"""Who knows what (D.3.7, D.5.6): a staff member's expertise is hers alone until she shows it
to her teams or her school; the school search finds only what was shown."""

import pytest
from django.urls import reverse

from koers.careers.models import Evidence, ExpertiseArea, ExpertiseEntry
from koers.organisations.models import Team
from tests import factories

pytestmark = pytest.mark.django_db


def _entry(person, topic, visibility, area="ict"):
    return ExpertiseEntry.objects.create(
        person=person,
        area=ExpertiseArea.objects.get(slug=area),
        topic=topic,
        level="ervaren",
        wants="inzetten",
        visibility=visibility,
    )


def test_a_private_entry_never_appears_in_the_school_search(client, org, catalog):
    """D.5.6, and a team entry only for a colleague in that team."""
    me, colleague = org.leraar.person, org.bystander.person
    _entry(me, "Digitale toetsen", "prive")
    _entry(me, "Rekenproblemen onderbouw", "school", area="leer-gedragsproblemen")
    _entry(colleague, "Lesson study begeleiden", "team", area="onderzoek-ontwerp")
    url = reverse("careers:school_expertise", args=[org.school.pk])
    client.force_login(org.schoolleider)
    page = client.get(url).content.decode()
    assert "Rekenproblemen onderbouw" in page
    assert "Digitale toetsen" not in page and "Lesson study begeleiden" not in page
    assert "Digitale toetsen" not in client.get(url, {"q": "toetsen"}).content.decode()
    team = Team.objects.create(school=org.school, name="Onderbouw")
    team.members.add(me, colleague)
    client.force_login(org.leraar)
    found = client.get(url, {"q": "lesson"}).context["page"].object_list
    assert [e.topic for e in found] == ["Lesson study begeleiden"]
    client.force_login(factories.user_with_role("leraar", school=org.school))  # not in the team
    assert "Lesson study begeleiden" not in client.get(url).content.decode()
    client.force_login(factories.user_with_role("schoolleider", school=org.second_school))
    assert client.get(url).status_code == 404


def test_the_search_narrows_by_word_and_area(client, org, catalog):
    _entry(org.leraar.person, "Programmeren met leerlingen", "school", area="ict")
    _entry(org.bystander.person, "Gedrag in de klas", "school", area="pedagogisch-klimaat")
    client.force_login(org.schoolleider)
    url = reverse("careers:school_expertise", args=[org.school.pk])
    area = ExpertiseArea.objects.get(slug="pedagogisch-klimaat")
    by_area = client.get(url, {"gebied": area.pk}).context["page"].object_list
    assert [e.topic for e in by_area] == ["Gedrag in de klas"]
    by_word = client.get(url, {"q": "programmeren"}).context["page"].object_list
    assert [e.topic for e in by_word] == ["Programmeren met leerlingen"]
    counts = dict((a.slug, n) for a, n in client.get(url).context["map"])
    assert counts["ict"] == 1 and counts["pedagogisch-klimaat"] == 1 and counts["duurzaamheid"] == 0


def test_a_new_entry_is_private_and_bad_input_stores_nothing(client, org, other_org, catalog):
    client.force_login(org.leraar)
    url = reverse("careers:expertise")
    missing = client.post(url, {"level": "expert", "wants": "ontwikkelen", "visibility": "school", "topic": ""})
    assert missing.status_code == 400 and "Dit veld is verplicht" in str(missing.context["form"].errors["topic"])
    assert missing.context["form"]["level"].value() == "expert" and not ExpertiseEntry.objects.exists()
    theirs = Evidence.objects.create(person=other_org.leraar.person, title="Elders", kind="overig", date="2026-11-01")
    stolen = client.post(url, {"topic": "ICT", "level": "expert", "wants": "inzetten", "evidence": theirs.pk})
    assert stolen.status_code == 400 and not ExpertiseEntry.objects.exists()
    assert client.get(url).context["form"]["visibility"].value() == "prive"  # chosen unless she changes it
    client.post(url, {"topic": "Formatief toetsen", "level": "ervaren", "wants": "inzetten", "visibility": "prive"})
    entry = ExpertiseEntry.objects.get()
    assert entry.person == org.leraar.person
    client.force_login(org.bystander)
    assert client.get(reverse("careers:expertise_entry", args=[entry.pk])).status_code == 404


def test_the_search_costs_the_same_queries_for_few_or_many_entries(client, org, catalog):
    from tests.queries import page_queries

    _entry(org.leraar.person, "Een", "school")
    client.force_login(org.schoolleider)
    url = reverse("careers:school_expertise", args=[org.school.pk])
    few = page_queries(client, url)
    for n in range(30):
        person = factories.user_with_role("leraar", school=org.school).person
        _entry(person, f"Onderwerp {n}", "school", area="vakdidactiek" if n % 2 else "ict")
    assert page_queries(client, url) == few
