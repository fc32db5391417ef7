"""Walk every URL pattern of the app: anonymous visitors go to the login page, and a user of
another board gets a 404 — never a page, never a 403 that confirms the object exists."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from koers.careers import services as career_services
from koers.careers.models import ActivityKind, CareerRole, Competence, Conversation
from koers.careers.models import Evidence as PortfolioEvidence
from koers.catalog.models import Question, Subphase
from koers.networks.models import (
    Homework,
    IntervisionCase,
    Meeting,
    Network,
    NetworkDocument,
    NetworkMember,
    RoadmapWorksheet,
    ThemeCategory,
    Topic,
)
from koers.organisations.models import (
    Membership,
    Notification,
    Region,
    Role,
    SignInProvider,
    SignInRequest,
    StaffImport,
    Team,
    User,
)
from koers.plans.models import ProposedMeasurement
from koers.surveys.models import Evidence, Instrument, Item, NetworkEvaluation, RespondentGroup, Scale
from koers.teams import services as team_services
from koers.teams.models import ActivityCard
from koers.visits.models import ProgrammeItem, Visit, VisitDocument, VisitMember, VisitorProfile

from .factories import PASSWORD, fill_instruments, fill_plan, respond, survey_round, user_with_role

pytestmark = pytest.mark.django_db

SKIPPED_NAMESPACES = {"admin"}  # the admin has its own login and staff check
# A share link and a respondent's survey link are meant to open without logging in; their
# own tests check what an unknown, used or closed link shows.
PUBLIC = {
    "reports:shared",
    "reports:share_entry",
    "surveys:thanks",
    "surveys:open",
    "surveys:link",
    "surveys:respond",
    "surveys:respond_page",
    "surveys:review",
    "surveys:language",
    "organisations:activate",
    "organisations:activate_link",
    "organisations:school_account_return",
}

# Pages about the visitor themselves or their own scope (their account, their data, the people
# they answer for): they name no object of another board to find.
OWN = {
    "home:index",
    "organisations:account",
    "organisations:language",
    "organisations:second_factor",
    "organisations:recovery_codes",
    "organisations:second_factor_off",
    "privacy:my_data",
    "privacy:my_data_export",
    "privacy:people",
    "privacy:erased",
    "staff:import_template",
    "organisations:notifications",
    "organisations:notification_settings",
    "networks:index",
    # The teacher's own career pages: only ever her own POP of a year, roles are content.
    "careers:mine",
    "careers:roles",
    "careers:role",
    "careers:start_pop",
    "careers:pop",
    "careers:start_cycle",
    "careers:portfolio",
    "careers:expertise",
    "careers:dossier",
    "careers:feedback_list",
    "careers:agenda",
    "observations:mine",
}


# Dutch writes months in lower case ("15 mei 2026", "1 okt"), and whole numbers without ",00".
CAPITAL_MONTH = re.compile(
    r"\b\d{1,2} (Januari|Februari|Maart|April|Mei|Juni|Juli|Augustus|September|Oktober|November|December"
    r"|Jan|Feb|Mrt|Apr|Jun|Jul|Aug|Sep|Okt|Nov|Dec)\b"
)
NEEDLESS_DECIMALS = re.compile(r"\d,00\b")


def _patterns(resolver=None, namespace=None):
    """Every named pattern of the app's namespaces; Django's auth views (login, password
    reset) have no namespace and are public by design."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace not in SKIPPED_NAMESPACES:
                yield from _patterns(p, p.namespace or namespace)
        elif isinstance(p, URLPattern) and p.name and namespace:
            yield f"{namespace}:{p.name}", p


def _urls(org):
    sub = Subphase.objects.get(code="1A")
    question = Question.objects.filter(subphase=sub).first()
    values = {
        "board_id": org.board.pk,
        "school_id": org.school.pk,
        "trajectory_id": org.trajectory.pk,
        "subphase": sub.slug,
        "question": question.slug,
        "person_id": org.leraar.person.pk,
        "team_id": Team.objects.create(school=org.school, name="Team walk").pk,
        "membership_id": org.leraar.memberships.get().pk,
        "import_id": StaffImport.objects.create(
            board=org.board, school=org.school, created_by=org.schoolleider, file_name="walk.csv"
        ).pk,
        "token": "no-such-token",
        "request_id": SignInRequest.objects.create(
            provider=SignInProvider.objects.create(
                board=org.board, kind="entra", slug="walk", issuer="https://idp.example", client_id="x", domains="x"
            ),
            subject="walk",
            email="walk@x",
        ).pk,
        "notification_id": Notification.objects.create(
            user=org.schoolleider, kind=Notification.Kind.REPORT, url="/", params={"title": "Ronde"}
        ).pk,
    }
    network = Network.objects.create(
        name="Walk network",
        region=Region.objects.get(slug="midden"),
        theme_category=ThemeCategory.objects.first(),
        regional_question="?",
    )
    member = NetworkMember.objects.create(network=network, user=org.leraar, school=org.school)
    meeting = Meeting.objects.create(network=network, date="2026-12-10", start="14:00", end="16:00", theme="Walk")
    values.update(
        slug="midden",
        network_id=network.pk,
        member_id=member.pk,
        meeting_id=meeting.pk,
        case_id=IntervisionCase.objects.create(meeting=meeting, brought_by=member, title="Walk", question="?").pk,
        homework_id=Homework.objects.create(meeting=meeting, text="Walk").pk,
        topic_id=Topic.objects.create(network=network, author=org.leraar, title="Walk", body="?").pk,
        document_id=NetworkDocument.objects.create(network=network, title="Walk", link="https://example.org").pk,
        kind="csv",
        evaluation_id=NetworkEvaluation.objects.create(
            network=network,
            instrument=Instrument.objects.get(for_networks=True),
            opens_on="2026-12-01",
            closes_on="2026-12-20",
        ).pk,
        worksheet_id=RoadmapWorksheet.objects.create(
            school=org.school, network=network, title="Walk", shared_with_network=True
        ).pk,
    )
    org.school.region = Region.objects.get(slug="midden")
    org.school.save()
    visit = Visit.objects.create(school=org.school, region=org.school.region, question="Walk?")
    part = ProgrammeItem.objects.create(visit=visit, start="09:00", end="10:00", kind="lesbezoek")
    profile = VisitorProfile.objects.create(
        user=User.objects.create_user("walk-visitor@test.example", PASSWORD),
        region=visit.region,
        trained_on="2026-01-01",
    )
    seat = VisitMember.objects.create(visit=visit, profile=profile, user=profile.user, role="peer")
    paper = VisitDocument.objects.create(visit=visit, title="Walk", link="https://example.org")
    values.update(
        visit_id=visit.pk,
        part_id=part.pk,
        seat_id=seat.pk,
        profile_id=profile.pk,
        paper_id=paper.pk,
        step="naar-school",
    )
    values.update(_career_ids(org))
    values.update(_team_ids(org, values["team_id"], values["year"]))
    values.update(_observation_ids(org))
    ids = fill_instruments(org.trajectory, org.schoolleider)
    values.update(ids)
    values.update(fill_plan(org.trajectory, org.schoolleider))
    values["proposal_id"] = ProposedMeasurement.objects.create(
        goal=org.trajectory.goals.first(), value=1, measured_on="2026-12-01", note="Walk", source_key="walk"
    ).pk
    survey = survey_round(org.school, closed=True)
    respond(survey, "leraren"), respond(survey, "leraren"), respond(survey, "leraren")
    evidence = Evidence.objects.create(trajectory=org.trajectory, round=survey)
    values.update(
        round_id=survey.pk,
        instrument_id=survey.instrument_id,
        fmt="csv",
        evidence_id=evidence.pk,
        item_id=Item.objects.get(dimension__instrument=survey.instrument, scale=Scale.OPEN).pk,
    )
    # row_id names a different own row per instrument; each must exist for the walk to mean
    # something (a 404 because of scope, not because nothing is there).
    row_ids = {
        "instruments:delete_bottleneck": ids["bottleneck_row_id"],
        "instruments:delete_theme": ids["theme_row_id"],
    }
    urls = []
    for name, pattern in _patterns():
        if name in PUBLIC:
            continue
        kwargs = {k: values[k] for k in pattern.pattern.converters}
        if "row_id" in kwargs and name in row_ids:
            kwargs["row_id"] = row_ids[name]
        urls.append((name, reverse(name, kwargs=kwargs)))
    return urls


def _career_ids(org) -> dict:
    """A POP of the school's teacher, shared with her teamleider, a role offer of the school
    with a selection procedure she submitted to, and her 360-degree feedback round."""
    role = CareerRole.objects.get(slug="coach")
    pop = career_services.start_pop(org.leraar.person, "2026-2027")
    offer = career_services.offer_role(
        org.school, role=role, places=2, hours=None, level_hint="", period="", note="", by=None
    )
    adopted = career_services.adopt_framework(org.school, role.framework, by=org.schoolleider)
    adopted.drafted_with = "Walk"
    adopted.save()
    career_services.publish_framework(adopted, by=org.schoolleider, today=pop.created_at.date())
    career_services.state_interest(offer, org.leraar.person, motivation="")
    procedure = career_services.open_procedure(
        offer, weights={"observeren": 1}, assessors=[org.schoolleider, org.teamleider], by=org.schoolleider
    )
    item = PortfolioEvidence.objects.create(
        person=org.leraar.person, title="Walk", kind="overig", date=pop.created_at.date()
    )
    submission = career_services.submit(procedure.candidates.get(), item)
    feedback = career_services.request_feedback(
        org.leraar.person,
        competences=[Competence.objects.first()],
        groups=[RespondentGroup.objects.get(slug="collegas")],
        manager=None,
        by=org.leraar,
    )
    return {
        "year": pop.school_year,
        "pop_id": pop.pk,
        "goal_id": career_services.add_pop_goal(pop, text="Walk", competence=None, success_criterion="", due=None).pk,
        "activity_id": career_services.add_activity(pop, kind=ActivityKind.objects.first(), title="Walk").pk,
        "share_id": career_services.share(pop, with_user=org.teamleider, until=None, today=pop.created_at.date()).pk,
        "offer_id": offer.pk,
        "conversation_id": Conversation.objects.create(
            person=org.leraar.person,
            manager=org.teamleider,
            kind="waarderingsgesprek",
            purpose="ontwikkeling",
            school_year=pop.school_year,
            scheduled_on=pop.created_at.date(),
        ).pk,
        "cycle_id": career_services.start_cycle(org.leraar.person).pk,
        "item_id": item.pk,
        "holding_id": career_services.appoint(offer, org.bystander.person, starts_on=pop.created_at.date()).pk,
        "adopted_id": adopted.pk,
        "procedure_id": procedure.pk,
        "candidate_id": procedure.candidates.get().pk,
        "submission_id": submission.pk,
        "feedback_id": feedback.pk,
        "entry_id": career_services.save_expertise(
            org.leraar.person, topic="Walk", level="ervaren", wants="inzetten", visibility="school"
        ).pk,
    }


def _team_ids(org, team_id: int, year: str) -> dict:
    """The walk's team with the school's teacher as member, a card she holds and a plan action."""
    team = Team.objects.get(pk=team_id)
    team.members.add(org.leraar.person)
    plan = team_services.save_plan(
        team, year, by=org.schoolleider, expected_version=None, goals=[], practices=[], hours=None, budget=None
    )
    speerpunt = team_services.add_speerpunt(org.school, title="Walk", school_year=year, goal=None, area=None)
    return {
        "workgroup_id": speerpunt.workgroup.pk,
        "action_id": team_services.add_action(plan, what="Walk", who=None, due=None, goal=None).pk,
        "holder_id": team_services.hand_out(
            team, card=ActivityCard.objects.first(), person=org.leraar.person, reason=""
        ).pk,
    }


def _observation_ids(org) -> dict:
    """A development period of the school with one lesson of its teacher."""
    import datetime
    import uuid

    from koers.observations import services as observation_services
    from koers.observations.models import ObservationItem

    today = datetime.date.today()
    period = observation_services.open_period(
        org.school,
        name="Walk",
        opens_on=today,
        closes_on=today,
        purpose="ontwikkeling",
        observers=[org.teamleider],
        team=None,
        min_per_teacher=2,
        min_cell=5,
        by=org.schoolleider,
    )
    items = ObservationItem.objects.filter(domain__instrument=period.instrument).values_list("pk", flat=True)
    observation = observation_services.record(
        period,
        teacher=org.leraar.person,
        observer=org.teamleider,
        scores=dict.fromkeys(items, 3),
        client_key=uuid.uuid4(),
        date=today,
    )
    return {"period_id": period.pk, "observation_id": observation.pk}


def test_the_walk_covers_every_named_pattern(org):
    every = {name for name, _pattern in _patterns()}
    walked = {name for name, _url in _urls(org)}
    assert PUBLIC <= every and OWN <= every, "a stale name in PUBLIC or OWN"
    assert walked | PUBLIC == every and len(every) > 100


def test_every_page_of_its_board_opens_for_the_bestuurder_with_a_plain_title(client, org):
    """A title or breadcrumb with markup in it (a link pasted into a block) shows up here."""
    client.force_login(org.bestuurder)
    opened = 0
    for name, url in _urls(org):
        response = client.get(url)
        assert response.status_code in (200, 302, 404, 405), (name, url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            title = re.search(r"<title>(.*?)</title>", html, re.S)
            assert title and "<" not in title.group(1) and "&lt;" not in title.group(1), (name, title)
            assert title.group(1).strip().endswith("· Koers"), (name, title.group(1))
            text = re.sub(r"<[^>]+>", " ", html)
            assert not CAPITAL_MONTH.search(text), (name, CAPITAL_MONTH.search(text).group(0))
            assert not NEEDLESS_DECIMALS.search(text), (name, NEEDLESS_DECIMALS.search(text).group(0))
            opened += 1
    assert opened > 60


def test_every_page_asks_an_anonymous_visitor_to_log_in(client, org):
    urls = _urls(org)
    for name, url in urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, (name, url)
            assert response.url.startswith(reverse("login")), (name, url)


def _outsider(kind: str, other_org) -> User:
    if kind in ("bestuurder", "schoolleider", "leraar"):
        return getattr(other_org, kind)
    if kind == "bestuursbeheerder":
        return user_with_role(Role.BESTUURSBEHEERDER, board=other_org.board)
    if kind == "regiocoordinator":
        user = User.objects.create_user("regio@test.example", PASSWORD)
        Membership.objects.create(user=user, role=Role.REGIOCOORDINATOR, region=Region.objects.get(slug="noord"))
        return user
    if kind == "netwerklid":  # a member, even the facilitator, of another network
        user = User.objects.create_user("pb@test.example", PASSWORD)
        other = Network.objects.create(
            name="Other network", theme_category=ThemeCategory.objects.first(), regional_question="?"
        )
        NetworkMember.objects.create(network=other, user=user, role=NetworkMember.Role.PROCESBEGELEIDER)
        return user
    return User.objects.create_user("gast@test.example", PASSWORD)  # an outside account without grants


@pytest.mark.parametrize(
    "kind",
    ["bestuurder", "schoolleider", "leraar", "bestuursbeheerder", "regiocoordinator", "netwerklid", "outside"],
)
def test_every_object_is_not_found_for_another_board_region_network_or_an_outside_account(client, org, other_org, kind):
    client.force_login(_outsider(kind, other_org))
    walked = 0
    for name, url in _urls(org):
        if name in OWN:
            continue
        # A POST-only view answers GET with 405 whatever the id, which reveals nothing;
        # the POST that would act on the object must not find it.
        assert client.get(url).status_code in (404, 405), (name, url)
        assert client.post(url).status_code == 404, (name, url)
        walked += 1
    assert walked >= 11


def test_a_teacher_cannot_start_a_trajectory_at_their_school(client, org):
    client.force_login(org.leraar)
    assert client.get(reverse("werkdocument:start_school", args=[org.school.pk])).status_code == 404
    assert client.get(reverse("home:board", args=[org.board.pk])).status_code == 404


def test_an_unknown_id_is_not_found(client, org):
    client.force_login(org.bestuurder)
    for url in (
        "/trajecten/999999/",
        "/scholen/999999/",
        "/besturen/999999/",
        f"/trajecten/{org.trajectory.pk}/bestaat-niet/",
        f"/trajecten/{org.trajectory.pk}/1a-visie-en-doelen/vragen/bestaat-niet/geschiedenis/",
    ):
        assert client.get(url).status_code == 404, url
