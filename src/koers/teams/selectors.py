"""Reads of team development. A team's page is for its members and the school's keepers
(school leader, the board's bestuurder and HR); anyone else gets a 404. Teams are always
listed by name, never ranked by a score."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from koers.careers import selectors as careers
from koers.careers.access import career_schools
from koers.careers.models import ExpertiseEntry
from koers.instruments import selectors as instruments
from koers.instruments.models import Goal
from koers.organisations.models import Person, School, Team, TeamMembership, User
from koers.surveys.models import Round
from koers.surveys.selectors import closed_results

from .models import ActivityCard, CardHolder, HrmGroup, HrmPractice, Speerpunt, TalkScan, TeamPlan, Workgroup

BALANCE_INSTRUMENT = "ontwikkelruimtetest"  # its dimensions are the cards' slugs
TEAM_INSTRUMENTS = [BALANCE_INSTRUMENT, "teamleren"]


def _reach(user: User) -> Q:
    own = TeamMembership.objects.filter(
        person__user=user, person__left_on__isnull=True, person__erased_at__isnull=True
    ).values("team_id")
    return Q(pk__in=own) | Q(school__in=career_schools(user))


def team_for(user: User, team_id: int) -> Team:
    return get_object_or_404(Team.objects.select_related("school").filter(_reach(user)), pk=team_id)


def keeps(user: User, team: Team) -> bool:
    return career_schools(user).filter(pk=team.school_id).exists()


def members(team: Team) -> list[TeamMembership]:
    return list(
        TeamMembership.objects.filter(team=team, person__left_on__isnull=True, person__erased_at__isnull=True)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


def member_people(team: Team) -> QuerySet[Person]:
    return Person.objects.filter(teams=team, left_on__isnull=True, erased_at__isnull=True)


def leads(user: User, team: Team) -> bool:
    """The team's own teamleider, or a keeper of its school: who adopts the plan."""
    return (
        keeps(user, team)
        or TeamMembership.objects.filter(team=team, person__user=user, role=TeamMembership.Role.TEAMLEIDER).exists()
    )


@dataclass
class CardRow:
    card: ActivityCard
    holders: list[CardHolder]


def cards(team: Team) -> list[CardRow]:
    held: dict[int, list[CardHolder]] = defaultdict(list)
    for holder in team.card_holders.select_related("person"):
        held[holder.card_id].append(holder)
    return [CardRow(card, held[card.pk]) for card in ActivityCard.objects.all()]


def unheld_cards(team: Team) -> list[ActivityCard]:
    return list(ActivityCard.objects.exclude(holders__team=team))


# --- the balance of the four activities, from the team's Ontwikkelruimtetest rounds ----------


@dataclass
class Balance:
    survey: Round
    respondents: int
    activities: list[tuple[ActivityCard, float | None]] = field(default_factory=list)
    paradox: float | None = None  # 1 = towards outcome ... 8 = towards meaning
    hidden: bool = False  # fewer answers than the round's minimum: no figures at all

    @property
    def leaning(self) -> str:
        if self.paradox is None:
            return ""
        if self.paradox < 4:
            return ActivityCard.Side.UITKOMST
        return ActivityCard.Side.BETEKENIS if self.paradox > 5 else "midden"


def team_rounds(team: Team) -> QuerySet[Round]:
    return (
        Round.objects.filter(team=team, deleted_at__isnull=True, instrument__slug__in=TEAM_INSTRUMENTS)
        .select_related("instrument")
        .order_by("-closes_on", "-id")
    )


def balances(teams: Sequence[Team]) -> dict[int, Balance]:
    """The latest finalised Ontwikkelruimtetest of each team, from the stored summaries: the
    same five queries for one team or forty."""
    latest: dict[int, Round] = {}
    for survey in (
        Round.objects.filter(
            team__in=teams, finalised=True, deleted_at__isnull=True, instrument__slug=BALANCE_INSTRUMENT
        )
        .select_related("instrument")
        .order_by("team_id", "-closes_on", "-id")
    ):
        if survey.team_id is not None:
            latest.setdefault(survey.team_id, survey)
    if not latest:
        return {}
    cards_by_slug = {c.slug: c for c in ActivityCard.objects.all()}
    results = closed_results(Round.objects.filter(pk__in=[r.pk for r in latest.values()]))
    out = {}
    for team_id, survey in latest.items():
        result = results[survey.pk]
        means = {row.dimension.slug: row.total.mean for row in result.rows}
        paradox = next((row.total.mean for row in result.rows if row.scale == "bipolar8"), None)
        out[team_id] = Balance(
            survey,
            result.respondents,
            [(card, means.get(slug)) for slug, card in cards_by_slug.items()],
            paradox,
            hidden=not result.visible,
        )
    return out


# --- the team plan ---------------------------------------------------------------------------


def plan_of(team: Team, year: str) -> TeamPlan | None:
    return (
        TeamPlan.objects.filter(team=team, school_year=year)
        .prefetch_related("school_goals__trajectory__theme", "practices__practice__group")
        .first()
    )


def actions_of(plan: TeamPlan):
    return plan.actions.select_related("who", "goal")


def school_goals(team: Team) -> QuerySet[Goal]:
    """The active goals of the school's trajectories a team plan may serve."""
    return instruments.school_goals(team.school_id)


def hrm_groups() -> list[HrmGroup]:
    return list(
        HrmGroup.objects.prefetch_related(Prefetch("practices", queryset=HrmPractice.objects.order_by("order")))
    )


# --- the school's teams side by side ----------------------------------------------------------


@dataclass
class TeamRow:
    team: Team
    size: int
    advice: list[str]
    plan: TeamPlan | None
    balance: Balance | None


def overview(school: School, year: str) -> list[TeamRow]:
    """Every team of the school by name with its real-team check, this year's plan and its
    latest balance: a fixed number of queries however many teams."""
    teams = list(
        Team.objects.filter(school=school)
        .annotate(size=Count("members", filter=Q(members__erased_at__isnull=True, members__left_on__isnull=True)))
        .order_by("name")
    )
    plans = {p.team_id: p for p in TeamPlan.objects.filter(team__in=teams, school_year=year)}
    found = balances(teams)
    return [TeamRow(t, t.size, t.advice(t.size), plans.get(t.pk), found.get(t.pk)) for t in teams]


def school_for(user: User, school_id: int) -> School:
    return get_object_or_404(career_schools(user), pk=school_id)


# --- what the home page says -----------------------------------------------------------------


@dataclass
class TeamSignal:
    team: Team
    plan: TeamPlan | None
    cards_missing: int
    leads: bool


def signals(user: User, year: str) -> list[TeamSignal]:
    """The user's own teams with this year's plan and how many cards have no holder yet: three
    queries however many teams, one when the user is in none."""
    mine = list(
        TeamMembership.objects.filter(person__user=user, person__left_on__isnull=True, person__erased_at__isnull=True)
        .select_related("team")
        .order_by("team__name")
    )
    if not mine:
        return []
    teams = [m.team for m in mine]
    plans = {p.team_id: p for p in TeamPlan.objects.filter(team__in=teams, school_year=year)}
    cards = ActivityCard.objects.aggregate(n=Count("id"))["n"]
    held = dict(
        CardHolder.objects.filter(team__in=teams)
        .values_list("team_id")
        .annotate(n=Count("card", distinct=True))
        .order_by()
    )
    return [
        TeamSignal(
            m.team, plans.get(m.team_id), cards - held.get(m.team_id, 0), m.role == TeamMembership.Role.TEAMLEIDER
        )
        for m in mine
    ]


# --- priorities and their work groups (distributed leadership, drl:4045-4343) -----------------

MANY_PRIORITIES = 3  # "a limited number" has no figure in the seeds; above this Koers warns


def speerpunten_of(school: School, year: str) -> list[Speerpunt]:
    return list(
        Speerpunt.objects.filter(school=school, school_year=year)
        .select_related("goal", "area", "workgroup__kartrekker")
        .annotate(members=Count("workgroup__members"))
    )


def workgroup_for(user: User, workgroup_id: int) -> Workgroup:
    """Every staff member of the school reads its work groups: they are where ideas go."""
    found = get_object_or_404(
        Workgroup.objects.select_related("speerpunt__school", "speerpunt__area", "kartrekker"), pk=workgroup_id
    )
    careers.staff_school_for(user, found.speerpunt.school_id)
    return found


def steers(user: User, workgroup: Workgroup) -> bool:
    """The school's keepers and the work group's kartrekker change it."""
    return keeps_school(user, workgroup.speerpunt.school) or (
        workgroup.kartrekker is not None and workgroup.kartrekker.user_id == user.pk
    )


def keeps_school(user: User, school: School) -> bool:
    return career_schools(user).filter(pk=school.pk).exists()


def school_people(school: School) -> QuerySet[Person]:
    return Person.objects.filter(school=school, left_on__isnull=True, erased_at__isnull=True)


def suggestions(user: User, workgroup: Workgroup) -> list[ExpertiseEntry]:
    """Colleagues who show expertise in the priority's area to the school, and want to use it
    or grow in it (D.3.8): never an entry kept private."""
    area = workgroup.speerpunt.area
    if area is None:
        return []
    return list(
        careers.visible_expertise(user, workgroup.speerpunt.school)
        .filter(area=area)
        .exclude(person__in=workgroup.members.all())
        .select_related("person")
        .order_by("person__last_name", "id")[:20]
    )


# --- bespreekmodus: the team's picture by name, with everyone's consent ------------------------


@dataclass
class Talk:
    scan: TalkScan | None
    members: list[Person]
    agreed: set[int]
    mine: dict[int | None, int]
    rows: list[tuple[Person, dict[int | None, int]]]  # everyone's answers, once all agreed

    @property
    def everyone_agreed(self) -> bool:
        return bool(self.members) and all(p.pk in self.agreed for p in self.members)

    @property
    def waiting(self) -> list[Person]:
        return [p for p in self.members if p.pk not in self.agreed]


def member_for(user: User, team: Team) -> Person:
    """Only the team's own members take part: not even the school leader sees it (D.2)."""
    person = member_people(team).filter(user=user).first()
    if person is None:
        raise Http404
    return person


def talk(team: Team, person: Person) -> Talk:
    scan = team.talk_scans.first()
    members = list(member_people(team).order_by("last_name", "first_name"))
    if scan is None:
        return Talk(None, members, set(), {}, [])
    agreed = set(scan.consents.values_list("person_id", flat=True))
    answers: dict[int, dict[int | None, int]] = defaultdict(dict)
    for person_id, card_id, value in scan.answers.values_list("person_id", "card_id", "value"):
        answers[person_id][card_id] = value
    result = Talk(scan, members, agreed, answers.get(person.pk, {}), [])
    if result.everyone_agreed:
        result.rows = [(p, answers.get(p.pk, {})) for p in members]
    return result
