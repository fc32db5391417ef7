"""The staff pages: who may keep whose people, adding and editing a person, roles, the
account invitation with its single-use link, and signing off a leaver."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from koers import logs
from koers.organisations.models import AccountInvitation, Functie, Membership, Person, Role
from koers.trajectories.models import Trajectory
from tests import factories
from tests.queries import page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(org):
    return factories.user_with_role(Role.BESTUURSBEHEERDER, board=org.board)


def _new_teacher(org, email="nina@test.example"):
    person = factories.person(org.board, org.school, name="Nina Bos")
    person.email = email
    person.save()
    return person


def test_the_board_administrator_and_the_school_leader_keep_their_own_people(client, org, other_org, beheerder):
    teacher = _new_teacher(org)
    elsewhere = factories.person(org.board, org.second_school, name="Olaf Ver")
    board_list = reverse("staff:board_people", args=[org.board.pk])
    client.force_login(beheerder)
    names = [str(p) for p in client.get(board_list).context["page"].object_list]
    assert "Nina Bos" in names and "Olaf Ver" in names
    assert client.get(reverse("staff:person", args=[elsewhere.pk])).status_code == 200

    client.force_login(org.schoolleider)
    assert client.get(board_list).status_code == 404
    school_list = client.get(reverse("staff:school_people", args=[org.school.pk]))
    assert "Nina Bos" in [str(p) for p in school_list.context["page"].object_list]
    assert client.get(reverse("staff:person", args=[teacher.pk])).status_code == 200
    assert client.get(reverse("staff:person", args=[elsewhere.pk])).status_code == 404

    for outsider in (org.bestuurder, org.leraar, org.teamleider, other_org.schoolleider):
        client.force_login(outsider)
        assert client.get(board_list).status_code == 404
        assert client.get(reverse("staff:person", args=[teacher.pk])).status_code == 404
        assert client.post(reverse("staff:invite", args=[teacher.pk])).status_code == 404
    client.force_login(factories.user_with_role(Role.BESTUURSBEHEERDER, board=other_org.board))
    assert client.get(board_list).status_code == 404
    assert client.get(reverse("staff:leave", args=[teacher.pk])).status_code == 404


def test_the_people_list_costs_the_same_queries_for_five_or_sixty(client, org, beheerder):
    url = reverse("staff:board_people", args=[org.board.pk])
    client.force_login(beheerder)
    few = page_queries(client, url)
    for n in range(60):
        factories.person(org.board, org.school, name=f"Extra Mens{n}")
    assert page_queries(client, url) == few


def test_a_bad_fte_is_refused_at_the_field_and_nothing_is_saved(client, org, beheerder):
    client.force_login(beheerder)
    before = Person.objects.count()
    response = client.post(
        reverse("staff:board_new_person", args=[org.board.pk]),
        {"first_name": "Piet", "last_name": "Lang", "school": org.school.pk, "functie": Functie.DOCENT_LB, "fte": "3"},
    )
    assert response.status_code == 400
    assert "Vul een waarde boven 0 en hoogstens 1,5 in." in response.context["form"].errors["fte"]
    assert 'value="Piet"' in response.content.decode()  # what was typed stays
    assert Person.objects.count() == before
    ok = client.post(
        reverse("staff:board_new_person", args=[org.board.pk]),
        {
            "first_name": "Piet",
            "last_name": "Lang",
            "school": org.school.pk,
            "functie": Functie.DOCENT_LB,
            "fte": "0,8",
        },
    )
    assert ok.status_code == 302
    assert str(Person.objects.get(first_name="Piet").fte) == "0.80"


def _invite(client, person):
    mail.outbox.clear()
    response = client.post(reverse("staff:invite", args=[person.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    return re.search(r"http://testserver(/account/activeren/[^/\s]+/)", mail.outbox[0].body).group(1)


def test_an_invitation_makes_an_account_whose_link_works_once(client, org, beheerder):
    teacher = _new_teacher(org)
    client.force_login(beheerder)
    link = _invite(client, teacher)
    teacher.refresh_from_db()
    assert mail.outbox[0].to == ["nina@test.example"]
    assert set(teacher.user.memberships.values_list("role", "school")) == {(Role.LERAAR, org.school.pk)}
    assert not teacher.user.has_usable_password()
    token = link.rsplit("/", 2)[1]
    assert AccountInvitation.objects.filter(token_hash=token).count() == 0  # only the hash is kept
    assert logs.mask(f"GET {link} HTTP/1.1") == "GET /account/activeren/…/ HTTP/1.1"

    client.logout()
    landing = client.get(link)
    assert landing.url == reverse("organisations:activate")
    weak = client.post(landing.url, {"new_password1": "kort", "new_password2": "kort"})
    assert weak.status_code == 400 and weak.context["form"].errors["new_password2"]
    done = client.post(landing.url, {"new_password1": "Zeilen-op-koers-42", "new_password2": "Zeilen-op-koers-42"})
    assert done.url == reverse("home:index")
    assert client.get(reverse("home:index")).status_code == 200
    client.logout()
    assert client.login(username="NINA@test.example", password="Zeilen-op-koers-42")
    client.logout()
    client.get(link)
    assert client.get(reverse("organisations:activate")).status_code == 410


def test_a_new_invitation_replaces_the_old_link_and_an_expired_link_is_gone(client, org, beheerder):
    teacher = _new_teacher(org)
    client.force_login(beheerder)
    first = _invite(client, teacher)
    second = _invite(client, teacher)
    assert first != second
    client.logout()
    client.get(first)
    assert client.get(reverse("organisations:activate")).status_code == 410
    AccountInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.get(second)
    gone = client.get(reverse("organisations:activate"))
    assert gone.status_code == 410
    assert "Deze link werkt niet meer" in gone.content.decode()


def test_no_invitation_without_an_address_or_for_an_address_in_use(client, org, beheerder):
    client.force_login(beheerder)
    silent = factories.person(org.board, org.school, name="Zonder Adres")
    response = client.post(reverse("staff:invite", args=[silent.pk]), follow=True)
    assert "Vul eerst een e-mailadres in" in response.content.decode()
    taken = _new_teacher(org, email=org.leraar.email.upper())
    response = client.post(reverse("staff:invite", args=[taken.pk]), follow=True)
    assert "Er is al een account met dit adres" in response.content.decode()
    assert len(mail.outbox) == 0
    taken.refresh_from_db()
    assert taken.user is None


def test_roles_are_added_and_taken_away_within_the_keepers_reach(client, org, beheerder):
    teacher = org.leraar.person
    client.force_login(org.schoolleider)
    board_role = client.post(reverse("staff:add_role", args=[teacher.pk]), {"role": Role.BESTUURDER})
    assert board_role.status_code == 400  # a school leader cannot hand out board roles
    assert client.post(reverse("staff:add_role", args=[teacher.pk]), {"role": Role.SCHOOLBEHEERDER}).status_code == 302
    assert org.leraar.memberships.filter(role=Role.SCHOOLBEHEERDER, school=org.school).exists()
    own = org.schoolleider.memberships.get()
    mine = client.post(reverse("staff:remove_role", args=[org.schoolleider.person.pk, own.pk]), follow=True)
    assert "U kunt uw eigen rol niet afnemen" in mine.content.decode()
    client.force_login(beheerder)
    assert client.post(reverse("staff:add_role", args=[teacher.pk]), {"role": Role.HR_ADVISEUR}).status_code == 302
    assert org.leraar.memberships.filter(role=Role.HR_ADVISEUR, board=org.board).exists()
    extra = org.leraar.memberships.get(role=Role.SCHOOLBEHEERDER)
    client.post(reverse("staff:remove_role", args=[teacher.pk, extra.pk]))
    assert not org.leraar.memberships.filter(role=Role.SCHOOLBEHEERDER).exists()


def test_a_leaver_hands_over_their_work_and_loses_access(client, org, beheerder):
    owner = org.schoolleider.person
    url = reverse("staff:leave", args=[owner.pk])
    client.force_login(beheerder)
    refused = client.post(url, {"left_on": "2026-12-31"})
    assert refused.status_code == 400
    assert "kies wie ze overneemt" in refused.context["form"].errors["successor"][0]
    assert owner.left_on is None
    successor = org.teamleider.person
    assert client.post(url, {"left_on": "2026-12-31", "successor": successor.pk}).status_code == 302
    owner.refresh_from_db()
    assert str(owner.left_on) == "2026-12-31"
    assert Trajectory.objects.get(pk=org.trajectory.pk).owner == successor
    assert not Membership.objects.filter(user=org.schoolleider).exists()
    assert not owner.user.is_active
    assert owner not in Person.objects.filter(pk__in=_pickable(org))
    client.force_login(org.schoolleider)
    assert client.get(reverse("home:index")).status_code == 302  # logged out: the account is off


def _pickable(org):
    from koers.organisations import access

    return access.people_for_school(org.school).values("pk")


def test_a_returning_leaver_is_invited_afresh(client, org, beheerder):
    teacher = org.leraar.person
    teacher.email = org.leraar.email
    teacher.save()
    client.force_login(beheerder)
    client.post(reverse("staff:leave", args=[teacher.pk]), {"left_on": "2026-12-01"})
    teacher.refresh_from_db()
    assert teacher.left_on is not None
    response = client.post(reverse("staff:invite", args=[teacher.pk]), follow=True)
    assert "Deze persoon is vertrokken" in response.content.decode()
    Person.objects.filter(pk=teacher.pk).update(left_on=None)  # the staff file brings her back
    link = _invite(client, teacher)
    client.logout()
    client.get(link)
    client.post(
        reverse("organisations:activate"), {"new_password1": "Weer-terug-2027", "new_password2": "Weer-terug-2027"}
    )
    teacher.user.refresh_from_db()
    assert teacher.user.is_active and teacher.user.memberships.filter(role=Role.LERAAR).exists()


def test_schools_and_teams_are_kept_without_the_admin(client, org, beheerder):
    client.force_login(beheerder)
    response = client.post(
        reverse("staff:new_school", args=[org.board.pk]),
        {"name": "Nieuwe School", "brin": "77nn", "sector": "vo", "school_types": "", "region": ""},
    )
    assert response.status_code == 302
    school = org.board.schools.get(brin="77NN")
    bad = client.post(reverse("staff:teams", args=[school.pk]), {"name": "", "kind": "team"})
    assert bad.status_code == 400
    client.post(reverse("staff:teams", args=[school.pk]), {"name": "Onderbouw", "kind": "team"})
    twice = client.post(reverse("staff:teams", args=[school.pk]), {"name": "onderbouw", "kind": "team"})
    assert "al een team met deze naam" in twice.content.decode()
    client.force_login(org.schoolleider)
    assert client.get(reverse("staff:teams", args=[school.pk])).status_code == 404
    assert client.get(reverse("staff:edit_school", args=[org.school.pk])).url == reverse(
        "staff:teams", args=[org.school.pk]
    )
