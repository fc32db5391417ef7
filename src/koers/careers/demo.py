"""The career part of the demo, made through the real services: Lumen College adapted and
published the framework for supporting colleagues with its teachers, offers two places for a
coach of starting teachers (three teachers are interested) and one for a docentonderzoeker
(held). The demo teacher has a POP for this school year shared with her teamleider, three
items in her portfolio, a career cycle with its first two steps done, and of the school's
conversation cycle a planning conversation agreed and a progress conversation planned. Her
360-degree feedback closed two weeks ago and waits for her to read it (the parents were too
few to show), and the coach places, with three candidates for two, have a selection procedure
in which she submitted a copy of her coaching report and her teamleider judged her."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from koers.instruments.models import Goal
from koers.organisations.models import Person, School, User
from koers.surveys import demo as survey_demo
from koers.surveys.models import Invitation, RespondentGroup, Round

from . import selectors, services
from .models import (
    ActivityKind,
    CareerRole,
    Competence,
    Conversation,
    ConversationKind,
    CycleTemplate,
    Evidence,
    ExpertiseArea,
    ReferenceFramework,
    school_year,
)

INTERESTED = {
    "Lotte Visser": "Ik begeleid al twee jaar informeel starters in de onderbouw en wil dat goed leren doen.",
    "Daan Meijer": "Ik was zelf zij-instromer en weet hoe het eerste jaar voelt.",
    "Mila Dekker": "",
}
EVIDENCE = [
    (
        "Lesontwerp differentiëren in drie niveaus",
        Evidence.Kind.LESONTWERP,
        ("observeren",),
        "lesontwerp-breuken.txt",
        "Lesontwerp breuken, klas 2: instructie in drie niveaus, met een verlengde instructie aan de tafel.",
        "Ik liet een starter meekijken; zijn vragen lieten me zien welke keuzes ik nooit uitleg.",
    ),
    (
        "Verslag van een coachgesprek met een starter",
        Evidence.Kind.REFLECTIE,
        ("coachen", "eigen-rol"),
        "coachgesprek.txt",
        "Gespreksverslag (geanonimiseerd): vraag, wat ik deed, wat het opleverde.",
        "Ik gaf te snel zelf de oplossing. Volgende keer stel ik eerst twee vragen.",
    ),
    (
        "Certificaat cursus Begeleiden van beginnende leraren",
        Evidence.Kind.CERTIFICAAT,
        ("opleiden",),
        "",
        "",
        "De cursus gaf me een taal voor wat ik al deed, vooral de fasen van een starter.",
    ),
]


def load(school: School, people: dict[str, Person], *, leader: User, teamleider: User) -> None:
    today = timezone.localdate()
    year = school_year(today)
    framework = ReferenceFramework.objects.get(slug="collegas-begeleiden")
    adopted = services.adopt_framework(school, framework, by=leader)
    services.adapt_framework(
        adopted,
        competences=adopted.competences,
        context_elements=(
            "Veel zij-instromers en starters; de school werkt met een inductieprogramma van drie jaar "
            "samen met de lerarenopleiding."
        ),
        drafted_with="Lotte Visser, Sophie van Dijk en de sectie Nederlands",
    )
    version = services.publish_framework(adopted, by=leader, today=today - datetime.timedelta(days=60))

    coach = services.offer_role(
        school,
        role=CareerRole.objects.get(slug="coach"),
        places=2,
        hours=40,
        level_hint="LC",
        period=f"Schooljaar {year}",
        note="Elke coach begeleidt twee starters; het rooster geeft een vast uur per week.",
        by=leader,
    )
    for name, motivation in INTERESTED.items():
        services.state_interest(coach, people[name], motivation=motivation)
    research = services.offer_role(
        school,
        role=CareerRole.objects.get(slug="docentonderzoeker"),
        places=1,
        hours=80,
        level_hint="LD",
        period=f"Schooljaar {year}",
        note="Onderzoekt met de sectie of de verlengde instructie het verschil maakt.",
        by=leader,
    )
    services.appoint(research, people["Sophie van Dijk"], starts_on=today - datetime.timedelta(days=90))

    teacher = people["Lotte Visser"]
    items = _portfolio(teacher, framework, today)
    pop = services.start_pop(teacher, year)
    goals = list(selectors.goal_choices(teacher).filter(level=Goal.Level.MEDEWERKERS)[:1])
    services.save_pop(
        pop,
        ambition="Over drie jaar ben ik schoolopleider: ik begeleid starters en studenten in de onderbouw.",
        role=CareerRole.objects.get(slug="coach"),
        school_goals=goals,
        hours_agreed=60,
        hours_own_choice=30,
        budget_agreed=750,
    )
    services.add_pop_goal(
        pop,
        text="Ik voer coachgesprekken waarin de starter zelf de volgende stap kiest.",
        competence=Competence.objects.get(framework=framework, slug="coachen"),
        success_criterion=framework.competences.get(slug="coachen").gevorderd,
        due=today + datetime.timedelta(days=150),
    )
    kinds = {k.slug: k for k in ActivityKind.objects.all()}
    services.add_activity(
        pop,
        kind=kinds["intervisie"],
        title="Intervisie met de coaches van de school",
        with_whom="De andere coaches",
        contact_hours=12,
        study_hours=4,
        starts_on=today - datetime.timedelta(days=30),
        status="bezig",
    )
    services.add_activity(
        pop,
        kind=kinds["videocoaching"],
        title="Videocoaching van twee eigen lessen",
        provider="Schoolopleider",
        contact_hours=6,
        study_hours=6,
        starts_on=today + datetime.timedelta(days=20),
    )
    services.add_activity(
        pop,
        kind=kinds["cursus"],
        title="Vervolgcursus coachen",
        provider="Lerarenopleiding",
        contact_hours=16,
        study_hours=10,
        cost=650,
        starts_on=today + datetime.timedelta(days=60),
    )
    services.share(pop, with_user=teamleider, until=today + datetime.timedelta(days=45), today=today)

    cycle = services.start_cycle(teacher)
    services.orient(
        cycle,
        compared=[CareerRole.objects.get(slug="schoolopleider"), CareerRole.objects.get(slug="docentonderzoeker")],
        role=CareerRole.objects.get(slug="coach"),
        motivation="Starters begeleiden geeft me energie. Eerst als coach; later misschien als schoolopleider.",
    )
    services.read_framework(cycle, version=version)
    services.share(items[1], with_user=teamleider, until=None, today=today)
    _feedback(teacher, teamleider.person, framework, today)
    _selection(coach, people, items, leader=leader, teamleider=teamleider)
    _expertise(people, items)

    # The school's conversation cycle: her planning conversation is held and locked, the
    # progress conversation is planned.
    services.choose_cycle(school, CycleTemplate.objects.get(slug="klassiek"), by=leader)
    services.propose_year(school, year)
    planning = Conversation.objects.get(person=teacher, school_year=year, kind=ConversationKind.PLANNING)
    services.prepare(
        planning, text="Ik wil coach worden van starters en daarvoor leren coachen, met tijd in mijn taak."
    )
    services.record(
        planning,
        by=planning.manager,
        manner=[kinds["intervisie"], kinds["videocoaching"], kinds["cursus"]],
        held_on=min(today, planning.scheduled_on + datetime.timedelta(days=7)),
        agreements="Lotte solliciteert op de coachrol, volgt de vervolgcursus coachen en doet mee aan de intervisie.",
        prof_hours=60,
        prof_budget=750,
    )
    services.respond(planning, comment="Fijn dat de cursus kan.", recognises="ja")
    services.agree(planning, by=teacher.user)
    services.agree(planning, by=planning.manager)


FEEDBACK_TEXTS = {
    "open-sterk": [
        "Je neemt de tijd om echt te luisteren voordat je iets zegt.",
        "Na een lesbezoek weet ik precies wat ik de volgende les anders ga doen.",
        "Je uitleg is helder, ook als iets moeilijk is.",
        "Je vraagt hoe het gaat en onthoudt wat ik vertelde.",
    ],
    "open-groei": [
        "Laat de starter eerst zelf zoeken voordat je een oplossing geeft.",
        "Vertel vaker wat je zelf nog lastig vindt; dat helpt ons ook.",
        "Plan de gesprekken vaster in, nu schieten ze er soms bij in.",
    ],
}


def _feedback(teacher: Person, teamleider: Person, framework: ReferenceFramework, today: datetime.date) -> None:
    """Her 360-degree feedback, asked a month ago and closed: made through the service, then
    moved into the past, which the service itself refuses."""
    asked = services.request_feedback(
        teacher,
        competences=list(framework.competences.filter(slug__in=["observeren", "coachen", "eigen-rol"])),
        groups=list(RespondentGroup.objects.filter(slug__in=["collegas", "leerlingen", "ouders"])),
        manager=teamleider,
        by=teacher.user,
    )
    opens_on = today - datetime.timedelta(days=30)
    Round.objects.filter(pk=asked.round_id).update(opens_on=opens_on, closes_on=opens_on + datetime.timedelta(days=13))
    Invitation.objects.filter(round_id=asked.round_id).update(sent_on=opens_on, responded=True)
    asked.round.refresh_from_db()
    survey_demo.fill(
        asked.round,
        {"collegas": 6, "leerlingen": 23, "ouders": 2, "leidinggevende": 1},
        level={"collegas": 0.72, "leerlingen": 0.66, "ouders": 0.6, "leidinggevende": 0.7},
        seed=360,
        texts=FEEDBACK_TEXTS,
    )


def _selection(offer, people: dict[str, Person], items: list[Evidence], *, leader: User, teamleider: User) -> None:
    """The coach places: a procedure with the three interested as candidates; Lotte submitted
    a copy of her coaching report and her teamleider judged her; the others are still to come."""
    competences = offer.role.framework.competences.values_list("slug", flat=True)
    weights = {slug: 2 if slug in ("coachen", "observeren") else 1 for slug in competences}
    procedure = services.open_procedure(offer, weights=weights, assessors=[leader, teamleider], by=leader)
    lotte = procedure.candidates.get(person=people["Lotte Visser"])
    services.write_motivation(
        lotte,
        "Ik begeleid al twee jaar starters in de onderbouw. In het bijgevoegde verslag laat ik zien hoe ik een "
        "coachgesprek voer en wat ik ervan leerde.",
    )
    services.submit(lotte, items[1])
    services.judge(
        lotte,
        assessor=teamleider,
        scores={c["slug"]: 3 for c in procedure.criteria} | {"coachen": 4},
        note="Het verslag laat zien dat ze de starter laat kiezen; de reflectie is eerlijk en concreet.",
    )


def _portfolio(teacher: Person, framework: ReferenceFramework, today: datetime.date) -> list[Evidence]:
    competences = {c.slug: c for c in framework.competences.all()}
    out = []
    for i, (title, kind, tags, file_name, text, reflection) in enumerate(EVIDENCE):
        item = Evidence(
            person=teacher,
            title=title,
            kind=kind,
            date=today - datetime.timedelta(days=120 - 40 * i),
            reflection=reflection,
            link="" if file_name else "https://www.example.org/certificaat/begeleiden-beginnende-leraren",
        )
        if file_name:
            item.file.save(file_name, ContentFile(text.encode()), save=False)
            item.file_name, item.file_size = file_name, item.file.size
        item.save()
        item.competences.set([competences[t] for t in tags])
        out.append(item)
    return out


def _expertise(people: dict[str, Person], items: list[Evidence]) -> None:
    """Who knows what at Lumen College: most shown to the school, one to a team, and one of
    Lotte's kept to herself, which no search shows."""
    areas = {a.slug: a for a in ExpertiseArea.objects.all()}
    for name, area, topic, level, wants, visibility in (
        ("Lotte Visser", "vakdidactiek", "Verlengde instructie bij Nederlands", "expert", "inzetten", "school"),
        ("Lotte Visser", "onderzoek-ontwerp", "Praktijkonderzoek opzetten", "interesse", "ontwikkelen", "prive"),
        ("Daan Meijer", "ict", "Digitaal toetsen en feedback", "ervaren", "inzetten", "school"),
        ("Esther Wouters", "pedagogisch-klimaat", "Rust en structuur in de brugklas", "expert", "inzetten", "team"),
        ("Sophie van Dijk", "leer-gedragsproblemen", "Dyscalculie in de bovenbouw", "ervaren", "inzetten", "school"),
        ("Mila Dekker", "21e-eeuwse-vaardigheden", "Samenwerkend leren", "interesse", "ontwikkelen", "school"),
        ("Jeroen Brouwer", "duurzaamheid", "Duurzaamheid in het profielwerkstuk", "ervaren", "inzetten", "school"),
    ):
        services.save_expertise(
            people[name],
            area=areas[area],
            topic=topic,
            description="",
            level=level,
            wants=wants,
            evidence=items[0] if name == "Lotte Visser" and visibility == "school" else None,
            visibility=visibility,
        )
