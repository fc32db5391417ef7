"""Small builders for test data: one board with a school, people in each role, a trajectory."""

import datetime
import itertools
from dataclasses import dataclass

from koers.catalog.models import Subphase, Theme
from koers.organisations.models import (
    Board,
    Functie,
    Membership,
    Person,
    Role,
    School,
    User,
)
from koers.trajectories import services
from koers.trajectories.models import Entry, Trajectory
from koers.werkdocument import services as werkdocument_services

_seq = itertools.count(1)
PASSWORD = "test-wachtwoord-123"


def school(board: Board, *, name: str | None = None, brin: str | None = None, sector: str = "vo") -> School:
    n = next(_seq)
    return School.objects.create(
        board=board, name=name or f"School {n}", brin=brin or f"{n % 100:02d}ZZ", sector=sector
    )


def person(
    board: Board,
    school: School | None,
    functie: str = Functie.DOCENT_LB,
    *,
    user: User | None = None,
    name: str | None = None,
) -> Person:
    n = next(_seq)
    first, last = (name or f"Persoon {n}").split(" ", 1)
    return Person.objects.create(
        board=board, school=school, first_name=first, last_name=last, functie=functie, user=user
    )


def user_with_role(
    role: str, *, board: Board | None = None, school: School | None = None, email: str | None = None
) -> User:
    n = next(_seq)
    user = User.objects.create_user(email or f"{role}{n}@test.example", PASSWORD, full_name=f"{role.title()} {n}")
    Membership.objects.create(user=user, role=role, board=board, school=school)
    functie = {
        Role.LERAAR: Functie.DOCENT_LB,
        Role.HR_ADVISEUR: Functie.HR_ADVISEUR,
        Role.BESTUURSBEHEERDER: Functie.HR_ADVISEUR,
    }.get(role, role)
    person(board or school.board, school, functie, user=user)
    return user


def trajectory(
    school: School, owner: Person, *, participants=(), theme_slug="meer-differentiatie", title="Meer differentiatie"
) -> Trajectory:
    return werkdocument_services.start_trajectory(
        user=owner.user,
        board=school.board,
        school=school,
        theme=Theme.objects.get(slug=theme_slug),
        title=title,
        owner=owner,
        participants=list(participants),
        start_date=datetime.date(2026, 9, 1),
    )


def answer_everything(t: Trajectory, user: User) -> None:
    """Fill every question and reflection, the heaviest a trajectory gets."""
    versions = dict(Entry.objects.filter(trajectory=t).values_list("key", "version"))
    for sub in Subphase.objects.prefetch_related("questions"):
        for q in sub.questions.all():
            services.save_entry(
                trajectory=t,
                kind=Entry.Kind.ANSWER,
                key=q.slug,
                subphase_slug=sub.slug,
                text=f"Antwoord op {q.slug}",
                not_relevant=False,
                base_version=versions.get(q.slug, 0),
                user=user,
            )
        services.save_entry(
            trajectory=t,
            kind=Entry.Kind.REFLECTION,
            key=sub.slug,
            subphase_slug=sub.slug,
            text="Reflectie",
            not_relevant=False,
            base_version=0,
            user=user,
        )


@dataclass
class Organisation:
    board: Board
    school: School
    second_school: School
    bestuurder: User
    schoolleider: User
    teamleider: User
    leraar: User
    bystander: User
    trajectory: Trajectory

    @classmethod
    def build(cls, name: str = "Stichting Test", brin_prefix: str = "1") -> "Organisation":
        board = Board.objects.create(name=name)
        first = school(board, name=f"{name} College", brin=f"{brin_prefix}1AA")
        second = school(board, name=f"{name} Basisschool", brin=f"{brin_prefix}2BB", sector="po")
        bestuurder = user_with_role(Role.BESTUURDER, board=board)
        leader = user_with_role(Role.SCHOOLLEIDER, school=first)
        teamleider = user_with_role(Role.TEAMLEIDER, school=first)
        leraar = user_with_role(Role.LERAAR, school=first)
        bystander = user_with_role(Role.LERAAR, school=first)
        t = trajectory(first, leader.person, participants=[leraar.person])
        return cls(board, first, second, bestuurder, leader, teamleider, leraar, bystander, t)


def fill_instruments(t: Trajectory, user: User, *, goals: int = 1, stakeholders: int = 1) -> dict[str, int | str]:
    """One of everything in the instruments of a trajectory; returns the URL ids of each."""
    from koers.catalog.models import AmoItem, Bottleneck, Lever, SituationRow
    from koers.instruments import services as inst

    goal = None
    for n in range(goals):
        goal = inst.add_goal(
            trajectory=t,
            user=user,
            subphase_slug=Subphase.holding("doelen").slug,
            level="medewerkers",
            description=f"Doel {n + 1}: meer leraren differentiëren",
            involved="",
            term="kort",
            target_date=None,
            smart=["meetbaar"],
            indicator="lessen met differentiatie",
            unit="%",
            baseline=40,
            target_value=70,
        )
    row = inst.add_own_situation_row(trajectory=t, own_text="Eigen vraag over roosters")
    inst.save_situation(
        trajectory=t,
        row_slug=SituationRow.objects.first().slug,
        current="Weinig",
        desired="Veel",
        difference="",
        gap="groot",
        action_needed=True,
        action="Scholing",
    )
    own_bottleneck = inst.add_own_bottleneck(trajectory=t, own_text="Te weinig tijd")
    inst.save_bottleneck(
        trajectory=t, bottleneck_slug=Bottleneck.objects.first().slug, occurs=True, urgency=4, why="", own_action=""
    )
    stakeholder = None
    for n in range(stakeholders):
        stakeholder = inst.add_stakeholder(
            trajectory=t,
            name=f"Stakeholder {n + 1}",
            kind="intern",
            role="",
            ideas="",
            knowledge="",
            relations="",
            interest=n % 5 + 1,
            influence=(n * 3) % 5 + 1,
            alignment="gelijk",
            trust="betrouwbaar",
            key_figure=n == 0,
            confirm_duplicate=True,
        )
    lever = Lever.objects.first()
    inst.score_lever(trajectory=t, lever_slug=lever.slug, impact=4, success=2, note="")
    own_lever = inst.add_own_lever(
        trajectory=t, own_text="Eigen idee", cluster_slug="samenwerken", impact=3, success=5, note=""
    )
    chain = inst.add_chain(
        trajectory=t,
        goal=goal,
        behaviour="Leraren differentiëren dagelijks",
        expected_effect="",
        time_path="",
        support="",
        investment="",
    )
    item = AmoItem.objects.filter(kind="intervention", factor="ability").first()
    element = inst.add_element(chain=chain, factor="ability", kind="intervention", item_slug=item.slug, lever=own_lever)
    theme = inst.add_own_theme(trajectory=t, own_name="Werkdruk")
    inst.save_coherence(trajectory=t, links={("theme-meer-differentiatie", f"own-{theme.pk}"): "versterkt"}, notes={})
    return {
        "goal_id": goal.pk,
        "row_id": row.pk,
        "key": lever.slug,
        "stakeholder_id": stakeholder.pk,
        "choice_id": own_lever.pk,
        "chain_id": chain.pk,
        "element_id": element.pk,
        "bottleneck_row_id": own_bottleneck.pk,
        "theme_row_id": theme.pk,
    }


def add_activity(
    t: Trajectory,
    user: User,
    *,
    title: str = "Lesbezoeken",
    phase: str = "Fase 1",
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    status: str = "gepland",
    hours: int = 10,
    budget: int = 500,
):
    from koers.plans import selectors as plans
    from koers.plans import services as plan_services

    start = start or datetime.date(2026, 9, 1)
    return plan_services.add_activity(
        cycle=plans.current_cycle(t),
        user=user,
        title=title,
        description="",
        intervention=None,
        phase=phase,
        start_date=start,
        end_date=end or start + datetime.timedelta(days=30),
        owner=t.owner,
        raci={"leidinggevenden": "A", "leraren": "R"},
        hours=hours,
        budget=budget,
        status=status,
    )


def fill_plan(t: Trajectory, user: User) -> dict[str, int | str]:
    """An activity with a measurement, a closed first cycle, a PDF export and a share link;
    returns the URL ids of each (the activity is the one carried into cycle 2)."""
    from koers.plans import selectors as plans
    from koers.plans import services as plan_services
    from koers.reports import services as report_services
    from koers.reports.models import ReportExport

    goal = t.goals.first()
    activity = add_activity(t, user)
    cycle = plans.current_cycle(t)
    plan_services.add_measurement(
        cycle=cycle, goal=goal, user=user, measured_on=datetime.date(2026, 10, 1), value=45, activity=activity
    )
    plan_services.evaluate_goal(cycle=cycle, goal=goal, user=user, realised=None, note="", decision="doorgaan")
    following = plan_services.start_next_cycle(cycle=cycle, user=user, snapshot_html="<p>1</p>")
    export = ReportExport.objects.create(trajectory=t, requested_by=user)
    link, token = report_services.create_share_link(
        trajectory=t, user=user, label="MR", expires_on=datetime.date.today(), include_stakeholders=False
    )
    return {
        "activity_id": following.activities.get().pk,
        "number": cycle.number,
        "export_id": export.pk,
        "link_id": link.pk,
        "token": token,
    }


# --- surveys ------------------------------------------------------------------------------------


def survey_round(
    school: School,
    *,
    slug: str = "leerklimaat-scan",
    title: str = "Ronde",
    groups=("leraren", "oop", "leerlingen"),
    closed: bool = False,
    min_group_size: int = 3,
    days_ago: int = 0,
):
    """A round at the school: open from today, or (closed=True) one that ended before today."""
    from koers.surveys.demo import make_round

    opens = datetime.date.today() - datetime.timedelta(days=days_ago + (30 if closed else 0))
    return make_round(
        school=school,
        slug=slug,
        title=title,
        opens_on=opens,
        groups=list(groups),
        min_group_size=min_group_size,
        days=21 if closed else 21 + days_ago,
    )


def respond(survey, group: str, default: int = 3, **values) -> None:
    """One submitted response: every scored item answered `default`, except the item slugs
    given (a value, or text for an open item). Written directly, as the submission would."""
    from koers.surveys.models import Answer, RespondentGroup, Response, Scale
    from koers.surveys.selectors import round_pages

    response = Response.objects.create(
        round=survey, group=RespondentGroup.objects.get(slug=group), submitted_on=datetime.date.today()
    )
    answers = []
    for page in round_pages(survey):
        for item in page.items:
            value = values.get(item.slug.replace("-", "_"), default)
            if item.scale == Scale.OPEN:
                if item.slug.replace("-", "_") in values:
                    answers.append(Answer(response=response, item=item, text=value))
            elif item.scale == Scale.CHOICE:
                answers.append(Answer(response=response, item=item, value=values.get(item.slug.replace("-", "_"), 1)))
            elif item.scale == Scale.YESNO:
                answers.append(Answer(response=response, item=item, value=min(value, 1)))
            else:
                answers.append(Answer(response=response, item=item, value=value))
    Answer.objects.bulk_create(answers)


def invite(survey, email: str = "a@s.example", group: str | None = None) -> str:
    """An invitation with its mailed link, as the sending task makes it; returns the token."""
    from koers.surveys import services
    from koers.surveys.models import Invitation

    invitation = Invitation.objects.create(
        round=survey, email=email, group=survey.groups.get(slug=group) if group else survey.groups.first()
    )
    return services.renew_invitation_token(invitation=invitation, reminder=False)


def enter(client, token: str) -> None:
    """Follow a personal link as a browser does: the token is traded for the round's cookie."""
    from django.urls import reverse

    response = client.get(reverse("surveys:link", args=[token]))
    assert response.status_code == 302, response.status_code
