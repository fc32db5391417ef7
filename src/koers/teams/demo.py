"""The team part of the demo, made through the services: Lumen College's Team onderbouw is a
real team with a shared goal, every activity card handed out, a balanced Ontwikkelruimtetest
and an adopted plan that serves the differentiation goal; it worked out the target pictures of
the differentiation trajectory. Team bovenbouw havo/vwo has not yet
said whether its members need each other, two cards still lack a holder, its plan is a draft,
and its test had too few answers to show."""

from __future__ import annotations

import datetime

from django.utils import timezone

from koers.careers.models import ExpertiseArea, school_year
from koers.instruments.models import Goal
from koers.instruments.services import add_streefbeeld, add_vanished
from koers.organisations.models import Person, School, Team, TeamMembership, User
from koers.surveys.demo import fill, make_round
from koers.surveys.services import finalise

from . import services
from .models import ActivityCard, HrmPractice


def load(school: School, people: dict[str, Person], *, leader: User) -> None:
    today = timezone.localdate()
    year = school_year(today)
    cards = {c.slug: c for c in ActivityCard.objects.all()}
    goal = Goal.objects.get(trajectory__school=school, indicator="Geobserveerde lessen met differentiatie")

    onderbouw = Team.objects.get(school=school, name="Team onderbouw")
    onderbouw.kind = Team.Kind.ONDERWIJSTEAM
    onderbouw.shared_goal = "In elke les van leerjaar 1 en 2 krijgen leerlingen instructie en verwerking op hun niveau."
    onderbouw.interdependent = True
    onderbouw.pupil_group = "leerjaar 1 en 2"
    onderbouw.save()
    TeamMembership.objects.filter(team=onderbouw, person=people["Pieter Bakker"]).update(role="teamleider")
    TeamMembership.objects.filter(team=onderbouw, person=people["Esther Wouters"]).update(role="teamcoach")
    for slug, name, reason in (
        ("toekomst-creeren", "Sara Koster", "Denkt graag vooruit en houdt het doel voor ogen."),
        ("organiseren", "Daan Meijer", "Zorgt dat afspraken ook gebeuren."),
        ("reflecteren", "Lotte Visser", "Stelt de vraag wat het de leerlingen oplevert."),
        ("dialoog", "Esther Wouters", "Luistert goed en brengt verschillen op tafel."),
    ):
        services.hand_out(onderbouw, card=cards[slug], person=people[name], reason=reason)
    _scan(school, onderbouw, answers=6, level=0.62, seed=31, leader=leader)
    practices = list(HrmPractice.objects.filter(slug__in=["teamplannen", "reflectiemomenten", "werkbezoek"]))
    plan = services.save_plan(
        onderbouw,
        year,
        by=people["Pieter Bakker"].user or leader,
        expected_version=None,
        goals=[goal],
        practices=practices,
        hours=120,
        budget=3500,
        strengths="Veel onderling vertrouwen; we bezoeken elkaars lessen al informeel.",
        development_points="Instructie en verwerking afstemmen op verschillen; de snelle leerlingen wachten nu vaak.",
        professionalisation="Teamtraining differentiatie (4 bijeenkomsten) en twee rondes lesson study.",
        meeting_rhythm="Elke twee weken een kort teamoverleg; in november en maart een middag reflectie.",
        evaluation_moments="Februari en juni: samenwerking en resultaat, met de lesobservaties erbij.",
        external_orientation="Werkbezoek aan de onderbouw van het Rivierland Lyceum.",
    )
    for what, who, days in (
        ("Ronde lesson study over de verlengde instructie", "Lotte Visser", 45),
        ("Elkaars lessen bezoeken met de kijkwijzer, twee per persoon", "Daan Meijer", 75),
        ("Evaluatie samenwerking en resultaat", "Pieter Bakker", 90),
    ):
        services.add_action(plan, what=what, who=people[who], due=today + datetime.timedelta(days=days), goal=goal)
    services.adopt(plan, by=leader)
    _streefbeelden(goal, onderbouw, agreed_on=today - datetime.timedelta(days=30))
    _speerpunten(school, people, goal, year)

    bovenbouw = Team.objects.get(school=school, name="Team bovenbouw havo/vwo")
    bovenbouw.shared_goal = "Leerlingen in havo 4 en 5 slagen in één keer."
    bovenbouw.save()
    TeamMembership.objects.filter(team=bovenbouw, person=people["Naima Bouzid"]).update(role="teamleider")
    services.hand_out(bovenbouw, card=cards["organiseren"], person=people["Jeroen Brouwer"], reason="Planner")
    services.hand_out(bovenbouw, card=cards["toekomst-creeren"], person=people["Sophie van Dijk"], reason="")
    _scan(school, bovenbouw, answers=2, level=0.5, seed=32, leader=leader)
    services.save_plan(
        bovenbouw,
        year,
        by=leader,
        expected_version=None,
        goals=[],
        practices=[],
        hours=None,
        budget=None,
        strengths="Sterke vakinhoud en goede examenresultaten in de exacte vakken.",
    )


def _scan(school: School, team: Team, *, answers: int, level: float, seed: int, leader: User) -> None:
    """A team Ontwikkelruimtetest that closed last month."""
    opens = timezone.localdate() - datetime.timedelta(days=40)
    survey = make_round(
        school=school,
        slug="ontwikkelruimtetest",
        title=f"Ontwikkelruimtetest {team.name}",
        opens_on=opens,
        days=7,
        groups=["teamleden"],
        min_group_size=3,
        user=leader,
    )
    survey.team = team
    survey.save(update_fields=["team"])
    fill(survey, {"teamleden": answers}, level={"teamleden": level}, seed=seed)
    finalise(survey=survey)


def _streefbeelden(goal: Goal, team: Team, *, agreed_on: datetime.date) -> None:
    """What Team onderbouw wants to see, in three layers, with what must no longer occur."""
    for subject, text, indicator in (
        ("kinderen", "na de uitleg zelf kiezen of ze verder kunnen of de verlengde instructie volgen", True),
        ("kinderen", "weten wat het doel van de les is en kunnen zeggen of ze het bereikt hebben", False),
        ("leerkrachten", "hun instructie en verwerking afstemmen op twee of drie niveaus", True),
        ("leerkrachten", "elkaars lessen bezoeken en elkaar feedback geven op differentiatie", False),
        ("schoolleiding", "tijd vrijmaakt voor lesbezoek en lesson study, en zelf lessen bezoekt", False),
    ):
        add_streefbeeld(
            trajectory=goal.trajectory,
            subject=subject,
            text=text,
            team=team,
            agreed_on=agreed_on,
            goal=goal if indicator else None,
        )
    add_vanished(
        trajectory=goal.trajectory,
        text="Snelle leerlingen die na de uitleg zitten te wachten tot de rest klaar is.",
        bottleneck=None,
        goal=goal,
    )


def _speerpunten(school: School, people: dict[str, Person], goal: Goal, year: str) -> None:
    """Two priorities this year, each with its work group; the second still needs members,
    and Daan Meijer's ICT expertise is there to suggest."""
    differentiatie = services.add_speerpunt(
        school, title="Differentiëren in elke les", school_year=year, goal=goal, area=None
    )
    services.save_workgroup(
        differentiatie.workgroup,
        kartrekker=people["Lotte Visser"],
        members=[people["Sophie van Dijk"], people["Esther Wouters"], people["Martijn van der Berg"]],
        composition="Uit beide teams; Lotte kent de verlengde instructie, Esther het klassenmanagement.",
        expectations="Een onderbouwd voorstel voor de sectieafspraken over differentiatie, in maart.",
        decision="",
    )
    services.add_speerpunt(
        school,
        title="Formatief toetsen met digitale middelen",
        school_year=year,
        goal=None,
        area=ExpertiseArea.objects.get(slug="ict"),
    )
