"""The conversation cycle: a school chooses its cycle, Koers proposes the year's conversations,
she prepares, the leidinggevende records time, money and manner, both agree and it locks; a
change is a new version with its reason (C.6.5). Only the two of them read it."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from koers.careers import services
from koers.careers.models import Conversation, CycleTemplate, Pop, school_year
from koers.organisations.models import Functie, Notification
from tests import factories
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(today) -> str:
    return school_year(today)


@pytest.fixture
def proposed(org, team, year):
    services.choose_cycle(org.school, CycleTemplate.objects.get(slug="klassiek"), by=org.schoolleider)
    services.propose_year(org.school, year)
    return Conversation.objects.get(person=org.leraar.person, kind="planningsgesprek")


def _held(conversation, manager, **fields):
    data = {"held_on": datetime.date.today(), "agreements": "Coaching van twee starters.", "prof_hours": 40}
    services.record(conversation, by=manager, manner=[], **(data | fields))


def test_the_school_proposes_the_years_conversations_with_each_teachers_leidinggevende(client, org, team, year):
    client.force_login(org.schoolleider)
    url = reverse("careers:school_conversations", args=[org.school.pk])
    refused = client.post(url, {"form": "propose"}, follow=True)
    assert "Kies eerst de gesprekscyclus van de school." in refused.content.decode()
    klassiek = CycleTemplate.objects.get(slug="klassiek")
    client.post(url, {"form": "cycle", "template": klassiek.pk})
    response = client.post(url, {"form": "propose"}, follow=True)
    loner = factories.person(org.board, org.school, name="Zonder Team")  # a staff member without a team
    assert "gesprekken voorgesteld" in response.content.decode()

    mine = Conversation.objects.filter(person=org.leraar.person).order_by("scheduled_on")
    assert [c.kind for c in mine] == ["planningsgesprek", "voortgangsgesprek", "beoordelingsgesprek"]
    assert {c.manager for c in mine} == {org.teamleider}
    assert [c.purpose for c in mine] == ["ontwikkeling", "ontwikkeling", "borging"]
    start = int(year[:4])
    assert [c.scheduled_on for c in mine] == [
        datetime.date(start, 9, 15),
        datetime.date(start + 1, 2, 15),
        datetime.date(start + 1, 6, 15),
    ]
    # Someone outside every team talks with the school leader; the school leader has no row.
    assert not Conversation.objects.filter(person=org.schoolleider.person).exists()
    told = {(n.user_id, n.url): n.params for n in Notification.objects.filter(kind=Notification.Kind.CONVERSATIONS)}
    assert told[(org.leraar.pk, reverse("careers:mine"))] == {"year": year, "n": 3}
    assert told[(org.teamleider.pk, url)]["n"] >= 6  # he leads hers and the colleague's
    services.propose_year(org.school, year)
    assert Conversation.objects.get(person=loner, kind="planningsgesprek").manager == org.schoolleider
    assert Conversation.objects.filter(person=org.leraar.person).count() == 3  # proposing again adds nothing new


def test_both_agree_it_locks_the_hours_go_to_her_pop_and_a_change_is_a_new_version(client, org, proposed, year):
    url = reverse("careers:conversation", args=[proposed.pk])
    client.force_login(org.leraar)
    client.post(url, {"form": "prepare", "teacher_preparation": "Ik wil starters begeleiden."})
    assert client.post(url, {"form": "record", "held_on": "2026-10-01", "agreements": "x"}).status_code == 404
    client.force_login(org.teamleider)
    page = client.get(url).content.decode()
    assert "Ik wil starters begeleiden." in page
    client.post(
        url,
        {
            "form": "record",
            "held_on": "2026-10-01",
            "agreements": "Twee starters.",
            "prof_hours": "40",
            "prof_budget": "500",
        },
    )
    client.post(url, {"form": "agree"})
    client.force_login(org.leraar)
    client.post(url, {"form": "respond", "teacher_comment": "Goed gesprek.", "teacher_recognises": "ja"})
    proposed.refresh_from_db()
    assert proposed.manager_agreed_at is None  # her comment came after his agreement: he agrees again
    client.post(url, {"form": "agree"})
    client.force_login(org.teamleider)
    client.post(url, {"form": "agree"})
    proposed.refresh_from_db()
    assert proposed.locked
    pop = Pop.objects.get(person=org.leraar.person, school_year=year)
    assert (pop.hours_agreed, pop.budget_agreed) == (40, 500)

    # Locked: no edit goes through, from either side.
    edited = client.post(url, {"form": "record", "held_on": "2026-10-02", "agreements": "Anders."})
    assert edited.status_code == 400 and "vergrendeld" in edited.content.decode()
    no_reason = client.post(url, {"form": "revise", "change_reason": ""})
    assert no_reason.status_code == 400
    assert no_reason.context["revise_form"].errors["change_reason"] == ["Dit veld is verplicht."]
    client.post(url, {"form": "revise", "change_reason": "De cursus gaat niet door."})
    second = Conversation.objects.get(previous=proposed)
    assert (second.version, second.change_reason, second.changed_by) == (2, "De cursus gaat niet door.", org.teamleider)
    assert not second.locked and second.agreements == "Twee starters."
    proposed.refresh_from_db()
    assert proposed.locked and proposed.agreements == "Twee starters."  # the agreed version stays
    newer = client.get(reverse("careers:conversation", args=[second.pk])).content.decode()
    assert "Eerdere versies" in newer and "Goed gesprek." in newer


def test_a_conversation_is_for_its_two_people_and_the_overview_shows_only_that_it_happens(
    client, org, other_org, proposed
):
    _held(proposed, org.teamleider, agreements="Vertrouwelijke afspraak over werkdruk.")
    url = reverse("careers:conversation", args=[proposed.pk])
    for user in (org.bystander, org.schoolleider, org.bestuurder, other_org.schoolleider, other_org.leraar):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(org.schoolleider)
    overview = client.get(reverse("careers:school_conversations", args=[org.school.pk])).content.decode()
    assert str(org.leraar.person) in overview and "Planningsgesprek" in overview
    assert "werkdruk" not in overview and "1 van 9 gesprekken gevoerd" in overview
    client.force_login(org.leraar)
    assert client.get(reverse("careers:school_conversations", args=[org.school.pk])).status_code == 404
    client.force_login(other_org.schoolleider)
    assert client.get(reverse("careers:school_conversations", args=[org.school.pk])).status_code == 404


def test_an_appraisal_cites_a_published_framework_and_always_shows_her_comment(
    client, org, proposed, today, coach_role
):
    appraisal = Conversation.objects.get(person=org.leraar.person, kind="beoordelingsgesprek")
    url = reverse("careers:conversation", args=[appraisal.pk])
    client.force_login(org.teamleider)
    data = {"form": "record", "held_on": today.isoformat(), "agreements": "Doorgroei naar LC."}
    missing = client.post(url, data)
    assert missing.status_code == 400
    assert missing.context["record_form"].errors["framework_version"] == [
        "Een beoordeling verwijst naar het gepubliceerde kader dat zij gebruikt."
    ]
    adopted = services.adopt_framework(org.school, coach_role.framework, by=org.schoolleider)
    services.adapt_framework(adopted, competences=adopted.competences, context_elements="", drafted_with="De sectie")
    version = services.publish_framework(adopted, by=org.schoolleider, today=today)
    client.post(url, data | {"framework_version": version.pk})
    first = adopted.competences[0]
    client.post(url, data | {"framework_version": version.pk, f"judge-{first['slug']}": "Sterk in nabespreken."})
    appraisal.refresh_from_db()
    assert appraisal.framework_version == version and appraisal.judgement[0]["text"] == "Sterk in nabespreken."
    client.force_login(org.leraar)
    client.post(url, {"form": "respond", "teacher_comment": "Ik herken het deels.", "teacher_recognises": "deels"})
    page = client.get(url).content.decode()
    assert "Sterk in nabespreken." in page and "Ik herken het deels." in page and "deels" in page
    assert f"versie {version.number}" in page


def test_an_appraisal_is_for_assurance_and_every_other_conversation_for_development(org, today):
    with pytest.raises(IntegrityError), transaction.atomic():
        Conversation.objects.create(
            person=org.leraar.person,
            kind="beoordelingsgesprek",
            purpose="ontwikkeling",
            school_year="2026-2027",
            scheduled_on=today,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Conversation.objects.create(
            person=org.leraar.person,
            kind="waarderingsgesprek",
            purpose="selectie",
            school_year="2026-2027",
            scheduled_on=today,
        )


def test_the_planning_overview_costs_the_same_for_few_or_many_staff(client, org, team, year):
    services.choose_cycle(org.school, CycleTemplate.objects.get(slug="klassiek"), by=org.schoolleider)
    client.force_login(org.schoolleider)
    url = reverse("careers:school_conversations", args=[org.school.pk])
    services.propose_year(org.school, year)
    few = page_queries(client, url)
    for n in range(20):
        team.members.add(factories.person(org.board, org.school, Functie.DOCENT_LB, name=f"Docent Nummer{n}"))
    services.propose_year(org.school, year)
    assert Conversation.objects.count() > 60
    assert page_queries(client, url) == few


def test_hours_agreed_in_locked_conversations_show_in_the_plans_preconditions(client, org, today, year):
    url = reverse("plans:preconditions", args=[org.trajectory.pk])
    people = [factories.person(org.board, org.school, Functie.DOCENT_LB, name=f"Uren Docent{n}") for n in range(5)]
    for n, person in enumerate(people):
        conversation = Conversation.objects.create(
            person=person,
            manager=org.schoolleider,
            kind="functioneringsgesprek",
            purpose="ontwikkeling",
            school_year=year,
            scheduled_on=today,
            held_on=today,
            prof_hours=20 + n,
        )
        conversation.teacher_agreed_at = conversation.manager_agreed_at = timezone.now()
        if n < 4:
            conversation.save()
    client.force_login(org.schoolleider)
    assert "uur professionalisering" not in client.get(url).content.decode()  # four people: too few to say
    Conversation.objects.filter(person=people[4]).update(
        teacher_agreed_at=timezone.now(), manager_agreed_at=timezone.now()
    )
    page = client.get(url).content.decode()
    assert "5 medewerkers in totaal 110 uur professionalisering" in page


def test_her_agenda_holds_her_conversations_by_title_only_and_a_new_version_updates_the_event(
    client, org, proposed, year
):
    _held(proposed, org.teamleider, agreements="Geheime afspraak over de cursus.")
    services.respond(proposed, comment="Prima.", recognises="ja")
    services.agree(proposed, by=org.leraar)
    services.agree(proposed, by=org.teamleider)
    client.force_login(org.leraar)
    first = client.get(reverse("careers:agenda")).content.decode()
    assert first.count("BEGIN:VEVENT") == 3 and "Geheime afspraak" not in first
    assert f"SUMMARY:Planningsgesprek met {org.teamleider.full_name}" in first
    uid = f"UID:gesprek-{org.leraar.person.pk}-{year}-planningsgesprek@"
    assert uid in first and "SEQUENCE:1" in first
    services.revise(proposed, reason="Nieuwe datum.", by=org.teamleider)
    second = client.get(reverse("careers:agenda")).content.decode()
    assert second.count("BEGIN:VEVENT") == 3 and uid in second and "SEQUENCE:2" in second
    client.force_login(org.teamleider)  # he sees the ones he leads, under her name
    assert f"SUMMARY:Planningsgesprek met {org.leraar.person}" in client.get(reverse("careers:agenda")).content.decode()
    client.force_login(org.bystander)  # a colleague's agenda has her own, never Lotte's
    theirs = client.get(reverse("careers:agenda")).content.decode()
    assert f"gesprek-{org.bystander.person.pk}-" in theirs and f"gesprek-{org.leraar.person.pk}-" not in theirs


def test_the_school_leader_moves_the_conversations_not_yet_held_to_another_leidinggevende(client, org, proposed, year):
    _held(proposed, org.teamleider)
    other = factories.user_with_role("teamleider", school=org.school)
    client.force_login(org.schoolleider)
    url = reverse("careers:school_conversations", args=[org.school.pk])
    own = client.post(url, {"form": "reassign", "person": org.leraar.person.pk, "manager": org.leraar.pk})
    assert own.status_code == 400  # she is no manager of the school, so not a choice
    client.post(url, {"form": "reassign", "person": org.leraar.person.pk, "manager": other.pk})
    mine = {c.kind: c.manager for c in Conversation.objects.filter(person=org.leraar.person)}
    assert mine == {"planningsgesprek": org.teamleider, "voortgangsgesprek": other, "beoordelingsgesprek": other}
    assert Notification.objects.filter(user=other, kind=Notification.Kind.CONVERSATIONS, params__n=2).exists()
    client.force_login(org.teamleider)  # reads the overview, does not keep the school's careers
    refused = client.post(url, {"form": "reassign", "person": org.leraar.person.pk, "manager": org.teamleider.pk})
    assert refused.status_code == 404
