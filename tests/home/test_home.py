"""The home page says what needs attention, per role, at a fixed cost; the navigation shows
only what the role reaches."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.catalog.models import Subphase
from koers.instruments import services as inst
from koers.plans import selectors as plans
from koers.plans import services as plan_services
from koers.reports import services as report_services
from koers.reports.models import ReportExport
from koers.trajectories import services as trajectory_services
from koers.trajectories.models import Entry
from tests import factories
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

HOME = "/"


def _signals(t, user):
    """One of each signal on a trajectory: an overdue and a delayed activity, a goal off
    course, an AMO chain without an Opportunity intervention, hours over budget, a share link
    that ends in five days, and 1A answered without a reflection."""
    today = timezone.localdate()
    factories.fill_instruments(t, user)
    factories.add_activity(t, user, start=today - datetime.timedelta(days=60), end=today - datetime.timedelta(days=1))
    factories.add_activity(t, user, title="Coaching", start=today, status="vertraagd", hours=500)
    goal = inst.add_goal(
        trajectory=t,
        user=user,
        subphase_slug=Subphase.holding("doelen").slug,
        level="medewerkers",
        description="Meer lessen met differentiatie",
        involved="",
        term="kort",
        target_date=today + datetime.timedelta(days=30),
        smart=["meetbaar"],
        indicator="lessen met differentiatie",
        unit="%",
        baseline=40,
        target_value=80,
    )
    cycle = plans.current_cycle(t)
    plan_services.add_measurement(cycle=cycle, goal=goal, user=user, measured_on=today, value=Decimal(41))
    plan_services.save_preconditions(
        cycle=cycle, hours_available=Decimal(100), budget_available=None, leadership="", leadership_note=""
    )
    report_services.create_share_link(
        trajectory=t, user=user, label="MR", expires_on=today + datetime.timedelta(days=5), include_stakeholders=False
    )
    sub_1a = Subphase.holding("doelen")
    for question in sub_1a.questions.all():
        trajectory_services.save_entry(
            trajectory=t,
            kind=Entry.Kind.ANSWER,
            key=question.slug,
            subphase_slug=sub_1a.slug,
            text="Ons antwoord",
            not_relevant=False,
            base_version=0,
            user=user,
        )


def test_the_school_leader_sees_each_signal_with_a_link_to_where_it_is_dealt_with(client, org):
    _signals(org.trajectory, org.schoolleider)
    client.force_login(org.schoolleider)
    page = client.get(HOME).content.decode()
    t = org.trajectory.pk
    assert "Wat vraagt uw aandacht" in page
    assert "1 activiteit over de einddatum · 1 als vertraagd gemeld" in page
    assert "1 doel uit koers" in page and reverse("plans:monitoring", args=[t]) in page
    assert "1 AMO-keten met een factor nog zonder interventie" in page and reverse("instruments:amo", args=[t]) in page
    assert "uur meer gepland dan beschikbaar" in page and reverse("plans:preconditions", args=[t]) in page
    assert "De deellink voor MR verloopt op" in page
    assert "1A: alle vragen beantwoord, nog geen resultaat en reflectie" in page
    assert "Waar u aan werkt" in page and org.trajectory.title in page


def test_a_teacher_sees_the_work_but_not_the_steering(client, org):
    _signals(org.trajectory, org.schoolleider)
    client.force_login(org.leraar)
    page = client.get(HOME).content.decode()
    assert "1 activiteit over de einddatum ·" in page and "1 doel uit koers" in page
    assert "AMO-keten" not in page and "meer gepland dan beschikbaar" not in page and "deellink" not in page
    # And nothing of a trajectory the teacher is not part of.
    client.force_login(org.bystander)
    assert "activiteit over de einddatum ·" not in client.get(HOME).content.decode()


def test_the_home_page_costs_the_same_for_one_trajectory_as_for_many(client, org):
    _signals(org.trajectory, org.schoolleider)
    client.force_login(org.bestuurder)
    few = page_queries(client, HOME)
    for _n in range(5):
        t = factories.trajectory(org.school, org.schoolleider.person)
        _signals(t, org.schoolleider)
    many = page_queries(client, HOME)
    assert few == many
    assert client.get(HOME).content.decode().count("1 doel uit koers") == 6


def test_a_report_that_appeared_since_the_last_login_is_announced(client, org):
    client.login(username=org.schoolleider.email, password=factories.PASSWORD)
    export = ReportExport.objects.create(
        trajectory=org.trajectory, status=ReportExport.Status.DONE, requested_by=org.bestuurder
    )
    ReportExport.objects.filter(pk=export.pk).update(finished_at=timezone.now())
    client.logout()
    client.login(username=org.schoolleider.email, password=factories.PASSWORD)
    assert "Er staat een nieuwe pdf van het rapport klaar" in client.get(HOME).content.decode()
    client.logout()
    client.login(username=org.schoolleider.email, password=factories.PASSWORD)
    assert "nieuwe pdf" not in client.get(HOME).content.decode()  # seen at the previous visit


def test_the_survey_administrator_sees_her_open_rounds_with_the_response_per_group(client, org):
    from koers.organisations.models import Role

    admin = factories.user_with_role(Role.SCHOOLBEHEERDER, school=org.school)
    survey = factories.survey_round(org.school, title="Leerklimaat najaar")
    factories.invite(survey, "a@s.example", group="leraren")
    factories.respond(survey, "leraren")
    client.force_login(admin)
    page = client.get(HOME).content.decode()
    assert "Open enquêterondes" in page and "Leerklimaat najaar" in page
    assert "Leraren: 1 van 1 gereageerd" in page
    assert "U neemt nog niet deel" not in page


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("leraar", ["Start", "School", "Mijn account"], ["Enquêtes", "Privacy", "Bestuur"]),
        ("schoolleider", ["Start", "School", "Enquêtes", "Privacy"], ["Bestuur"]),
        ("bestuurder", ["Start", "Bestuur", "Privacy"], ["Enquêtes"]),
    ],
)
def test_the_navigation_shows_only_what_the_role_reaches(client, org, role, shown, hidden):
    client.force_login(getattr(org, role))
    nav = client.get(HOME).content.decode().split('aria-label="Hoofdnavigatie"')[1].split("</nav>")[0]
    for label in shown:
        assert f">{label}</a>" in nav, label
    for label in hidden:
        assert f">{label}</a>" not in nav, label


def test_a_teacher_sees_no_round_and_no_response_counts(client, org):
    survey = factories.survey_round(org.school, title="Leerklimaat najaar")
    factories.invite(survey, "a@s.example", group="leraren")
    factories.respond(survey, "leraren")
    client.force_login(org.leraar)
    page = client.get(HOME).content.decode()
    assert "Leerklimaat najaar" not in page and "gereageerd" not in page


def test_the_board_administrator_is_told_who_still_needs_an_account(client, org):
    from koers.organisations.models import AccountInvitation, Role

    beheerder = factories.user_with_role(Role.BESTUURSBEHEERDER, board=org.board)
    newcomer = factories.person(org.board, org.school, name="Nieuwe Collega")
    client.force_login(beheerder)
    attention = [a.text for a in client.get(reverse("home:index")).context["home"].attention]
    without = [t for t in attention if "nog geen account" in t]
    # The board's people made by the factory have accounts; the newcomer has none.
    assert without == ["1 persoon heeft nog geen account"]
    invited = factories.User.objects.create_user("nieuw@test.example")
    newcomer.user = invited
    newcomer.save()
    AccountInvitation.objects.create(
        user=invited, token_hash="x" * 64, expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    attention = [a.text for a in client.get(reverse("home:index")).context["home"].attention]
    assert "1 uitnodiging is verlopen: stuur een nieuwe" in attention
    assert not any("nog geen account" in t for t in attention)


def test_an_outside_account_and_a_coordinator_are_told_where_they_stand(client, org):
    from koers.organisations.models import Membership, Region, Role, User

    outside = User.objects.create_user("gast@test.example", factories.PASSWORD)
    client.force_login(outside)
    body = client.get(reverse("home:index")).content.decode()
    assert "Uw account hoort bij geen school of bestuur in Koers" in body
    assert "Uw scholen" not in body
    region = Region.objects.get(slug="oost")
    org.school.region = region
    org.school.save()
    coordinator = User.objects.create_user("regio@test.example", factories.PASSWORD)
    Membership.objects.create(user=coordinator, role=Role.REGIOCOORDINATOR, region=region)
    client.force_login(coordinator)
    regions = client.get(reverse("home:index")).context["regions"]
    assert [(r.name, r.school_count, r.board_count) for r in regions] == [("Oost", 1, 1)]
