"""The demo organisation: a fictional board with three schools, about forty people, a user per
role, and a differentiation trajectory half-way through Ontdek; a second board in the same
region, with its own leader; the region's coordinator; and an outside procesbegeleider, who
belongs to no board. Loading it twice changes nothing.

`demo/personeel-lumen.csv` is the board's staff file as its HR system would export it: six
new teachers, two changes, one leaver (Henk Bosman retires), and the rest as they are."""

import datetime
import unicodedata

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from koers.careers import demo as demo_careers
from koers.catalog.models import Subphase, Theme
from koers.instruments import services as inst
from koers.instruments.models import AmoElement
from koers.networks.models import (
    Attendance,
    Fate,
    Homework,
    HomeworkDone,
    Meeting,
    MeetingEvaluation,
    Network,
    NetworkDocument,
    NetworkMember,
    Output,
    Post,
    PsoTheme,
    RegionConversation,
    RoadmapAnswer,
    RoadmapKpi,
    RoadmapQuestion,
    RoadmapWorksheet,
    StartDocument,
    StartSignOff,
    StopReason,
    SuccessCondition,
    ThemeCategory,
    Topic,
    WorkForm,
)
from koers.observations import demo as demo_observations
from koers.organisations.models import (
    Board,
    Functie,
    Membership,
    Person,
    Region,
    Role,
    School,
    SignInProvider,
    SignInRequest,
    Team,
    User,
)
from koers.plans import services as plan
from koers.surveys import demo as demo_surveys
from koers.surveys.models import Round
from koers.teams import demo as demo_teams
from koers.trajectories import services
from koers.trajectories.models import Entry, Trajectory
from koers.visits import demo as demo_visits
from koers.werkdocument import services as werkdocument_services

BOARD_NAME = "Stichting Lumen Onderwijs"
DEMO_PASSWORD = "koers-demo"
DOMAIN = "lumen-onderwijs.example"
REGION = "midden"

# The second board of the region: two schools, a school leader who logs in, a few staff.
SECOND_BOARD = "Stichting Rivierland Scholen"
SECOND_DOMAIN = "rivierland.example"
SECOND_SCHOOLS = [("Rivierland Lyceum", "30RL", "vo", "havo, vwo"), ("Rivierland Mavo", "31RM", "vo", "mavo")]
SECOND_PEOPLE = [
    ("Joris", "Vermeer", Functie.SCHOOLLEIDER, 0, "schoolleider"),
    ("Annelies", "Groen", Functie.DOCENT_LC, 0, None),
    ("Hamza", "Benali", Functie.DOCENT_LB, 0, None),
    ("Tessa", "Lammers", Functie.SCHOOLLEIDER, 1, None),
    ("Roel", "Dijkman", Functie.DOCENT_LB, 1, None),
]
# Accounts outside any board: the region's coordinator, and a procesbegeleider who is let in
# to a network or visit by a grant (nothing yet: her empty home page).
REGION_LOGIN = ("regio@regio-midden.example", "Gerda Hofman")
OUTSIDE_LOGIN = ("procesbegeleider@leernetwerk.example", "Monique Sterk")

SCHOOLS = [
    ("Basisschool De Kompasroos", "07KR", "po", "basisonderwijs", ["Onderbouw", "Middenbouw", "Bovenbouw"]),
    (
        "Lumen College",
        "21LC",
        "vo",
        "vmbo-t, havo, vwo",
        ["Team onderbouw", "Team bovenbouw havo/vwo", "Sectie Nederlands", "Sectie wiskunde"],
    ),
    ("Lumen Vakcollege", "25LV", "mbo", "mbo niveau 2-4", ["Team Zorg en Welzijn", "Team Techniek"]),
]

# (first, last, functie, school index or None for the board office, team indexes, login role)
PEOPLE = [
    ("Marianne", "de Wit", Functie.BESTUURDER, None, [], Role.BESTUURDER),
    ("Youssef", "El Amrani", Functie.HR_ADVISEUR, None, [], Role.HR_ADVISEUR),
    # Basisschool De Kompasroos
    ("Inge", "Verbeek", Functie.SCHOOLLEIDER, 0, [], None),
    ("Sanne", "Kuipers", Functie.DOCENT_LB, 0, [0], None),
    ("Bram", "Hoekstra", Functie.DOCENT_LB, 0, [0], None),
    ("Fatma", "Yilmaz", Functie.DOCENT_LC, 0, [1], None),
    ("Joost", "van Leeuwen", Functie.DOCENT_LB, 0, [1], None),
    ("Eva", "Smit", Functie.DOCENT_LC, 0, [2], None),
    ("Ruben", "Mulder", Functie.DOCENT_LB, 0, [2], None),
    ("Anouk", "de Graaf", Functie.OOP, 0, [], None),
    ("Henk", "Bosman", Functie.OOP, 0, [], None),
    # Lumen College
    ("Karin", "Jansen", Functie.SCHOOLLEIDER, 1, [], Role.SCHOOLLEIDER),
    ("Pieter", "Bakker", Functie.TEAMLEIDER, 1, [0], Role.TEAMLEIDER),
    ("Naima", "Bouzid", Functie.TEAMLEIDER, 1, [1], None),
    ("Lotte", "Visser", Functie.DOCENT_LC, 1, [0, 2], Role.LERAAR),
    ("Daan", "Meijer", Functie.DOCENT_LB, 1, [0, 3], None),
    ("Sophie", "van Dijk", Functie.DOCENT_LD, 1, [1, 2], None),
    ("Thomas", "de Boer", Functie.DOCENT_LB, 1, [0], None),
    ("Mila", "Dekker", Functie.DOCENT_LC, 1, [1, 3], None),
    ("Jeroen", "Brouwer", Functie.DOCENT_LD, 1, [1, 3], None),
    ("Esther", "Wouters", Functie.DOCENT_LB, 1, [0, 2], None),
    ("Kevin", "Peters", Functie.DOCENT_LB, 1, [0], None),
    ("Noor", "Hendriks", Functie.DOCENT_LC, 1, [1], None),
    ("Martijn", "van der Berg", Functie.DOCENT_LB, 1, [1, 3], None),
    ("Sara", "Koster", Functie.DOCENT_LC, 1, [0], None),
    ("Wim", "Prins", Functie.OOP, 1, [], Role.OOP),
    ("Ilse", "Vermeulen", Functie.OOP, 1, [], Role.SCHOOLBEHEERDER),
    ("Rachid", "Ouali", Functie.OOP, 1, [], None),
    # Lumen Vakcollege
    ("Hanneke", "Willems", Functie.SCHOOLLEIDER, 2, [], None),
    ("Gert", "Schouten", Functie.TEAMLEIDER, 2, [1], None),
    ("Ayşe", "Demir", Functie.DOCENT_LC, 2, [0], None),
    ("Lars", "Jacobs", Functie.DOCENT_LB, 2, [1], None),
    ("Femke", "Postma", Functie.DOCENT_LB, 2, [0], None),
    ("Mohamed", "Amrani", Functie.DOCENT_LD, 2, [1], None),
    ("Linda", "Kok", Functie.DOCENT_LC, 2, [0], None),
    ("Erik", "van Wijk", Functie.DOCENT_LB, 2, [1], None),
    ("Petra", "Huisman", Functie.OOP, 2, [], None),
    ("Stefan", "Maas", Functie.OOP, 2, [], None),
    ("Lieke", "Vos", Functie.DOCENT_LB, 1, [1], None),
    ("Bas", "Timmermans", Functie.DOCENT_LC, 1, [0, 3], None),
    ("Carla", "Noordhuis", Functie.HR_ADVISEUR, None, [], Role.BESTUURSBEHEERDER),
]


def _employment(index: int) -> dict:
    """The HR system's facts of the index-th person: a personnel number, fte and the year they
    started teaching (spread over 1990-2024, so teams mix starters and old hands)."""
    return {
        "personnel_number": str(1001 + index),
        "fte": ("1.00", "0.80", "0.60", "1.00", "0.90")[index % 5],
        "teaching_since": 1990 + (index * 7) % 35,
    }


LOGINS = {
    Role.BESTUURSBEHEERDER: "personeel",
    Role.BESTUURDER: "bestuurder",
    Role.HR_ADVISEUR: "hr",
    Role.SCHOOLLEIDER: "schoolleider",
    Role.TEAMLEIDER: "teamleider",
    Role.LERAAR: "leraar",
    Role.OOP: "oop",
    Role.SCHOOLBEHEERDER: "enquetes",
}

ANSWERS_1A = {
    "1a-strategische-visie": (
        "Lumen College wil een school zijn waar elke leerling op zijn eigen niveau wordt "
        "uitgedaagd. Onze visie ‘Samen leren, ieder op koers’ noemt drie lagen: de organisatie "
        "(een lerende school), de medewerkers (eigenaarschap over hun ontwikkeling) en de "
        "leerlingen (kansengelijkheid en talentontwikkeling)."
    ),
    "1a-visie-helder": (
        "Grotendeels. De kern past in één zin: ‘Wij halen uit iedere leerling wat erin zit, "
        "omdat wij zelf blijven leren.’ In de uitwerking in het schoolplan is de visie nog te "
        "breed en te abstract voor teams."
    ),
    "1a-expliciet-gemaakt": (
        "Identiteit en bestaansrecht: ja, in het schoolplan 2024-2028.\n"
        "Normen, waarden en overtuigingen: deels, in de schoolgids; niet vertaald naar gedrag "
        "in de klas.\nAmbities op de lange termijn: ja, maar zonder meetbare doelen."
    ),
    "1a-visie-bekend": (
        "De schoolleiding en teamleiders kennen de visie. Uit de gesprekken op de studiedag "
        "bleek dat ongeveer de helft van de docenten de visie in eigen woorden kon navertellen. "
        "Bij nieuwe collega's is dat minder."
    ),
    "1a-visie-behoeften": (
        "Ouders en leerlingen vragen vooral om maatwerk (versnellen en verdiepen in de "
        "bovenbouw, extra ondersteuning in de onderbouw). De leerlingenraad en de MR zijn "
        "bevraagd; de uitkomsten van de leerlingenenquête 2025 ondersteunen de visie."
    ),
    "1a-hrm-doelen": (
        "1. Elke docent heeft een actueel POP dat aansluit bij de schooldoelen.\n"
        "2. Het verloop onder startende docenten daalt onder de 10%.\n"
        "3. Professionalisering richt zich voor twee derde op de speerpunten van de school."
    ),
    "1a-hrm-doelen-bekend": (
        "Niet bij iedereen. De HRM-doelen staan in het strategisch personeelsbeleid, maar dat "
        "document wordt in de gesprekscyclus nauwelijks gebruikt."
    ),
    "1a-hrm-doelen-benoemd": (
        "In het strategisch personeelsbeleid en in het jaarplan. In de praktijk komen ze terug "
        "in de ontwikkelgesprekken, maar nog niet in teamplannen."
    ),
    "1a-thema-in-visie": (
        "Differentiatie is de vertaling van ‘ieder op koers’ naar de les: zonder differentiatie "
        "blijft de visie een belofte."
    ),
    "1a-thema-bijdrage": (
        "Meer differentiatie vraagt gerichte professionalisering en collegiale samenwerking; "
        "daarmee draagt het direct bij aan de HRM-doelen over het POP en over professionalisering "
        "op de speerpunten."
    ),
    "1a-thema-aandachtspunt": (
        "Ja. Lesbezoeken laten zien dat de basisvaardigheden op orde zijn, maar dat instructie "
        "en verwerking weinig worden afgestemd op verschillen tussen leerlingen."
    ),
    "1a-thema-concrete-doelen": (
        "Eind schooljaar 2027-2028 laat 70% van de bezochte lessen voldoende "
        "differentiatievaardigheden zien (nu ongeveer 35%)."
    ),
    "1a-thema-verwachte-effecten": (
        "Hogere betrokkenheid van leerlingen, minder zittenblijvers in klas 3, en docenten die "
        "zich zekerder voelen in heterogene klassen."
    ),
}

ANSWERS_1B = {
    "1b-invloed-hrm-beleid": (
        "Het professionaliseringsbeleid is nu vooral vrije keuze per docent; daardoor is er weinig "
        "samenhang. Het selectiebeleid vraagt nog niet expliciet naar differentiatievaardigheden."
    ),
    "1b-wat-versterkt": (
        "De sectie Nederlands werkt al twee jaar met niveaugroepen en deelt materialen. Ook de "
        "inzet van leerlingvolgsystemen helpt om verschillen zichtbaar te maken."
    ),
    "1b-wat-verzwakt": (
        "Werkdruk en een vol rooster laten weinig ruimte voor voorbereiding en collegiale lesbezoeken."
    ),
    "1b-welke-knelpunten": (
        "Vooral: leraren zijn onvoldoende in staat gedifferentieerd te werken, en resultaten van "
        "differentiatie zijn onvoldoende in beeld."
    ),
    "1b-interne-stakeholders": (
        "Teamleiders (sturing), sectievoorzitters (vakdidactiek), de MR (instemming op "
        "professionaliseringsplan), P&O (scholing en gesprekscyclus)."
    ),
}

REFLECTION_1A = (
    "Visie en doelen zijn helder op papier, maar nog onvoldoende concreet voor teams. "
    "Conclusie: we gaan differentiatie als rode draad gebruiken en de HRM-doelen in de "
    "gesprekscyclus zichtbaar maken. De fase is afgerond; in 1B brengen we de huidige situatie "
    "per team in kaart."
)


@transaction.atomic
def load_demo() -> tuple[bool, list[tuple[str, str]]]:
    """Create the demo organisation if it is not there. Returns (created, logins)."""
    logins = [(f"{name}@{DOMAIN}", str(role.label)) for role, name in LOGINS.items()]
    logins.append((f"schoolleider@{SECOND_DOMAIN}", f"{Role.SCHOOLLEIDER.label}, {SECOND_BOARD}"))
    logins.append((REGION_LOGIN[0], str(Role.REGIOCOORDINATOR.label)))
    logins.append((OUTSIDE_LOGIN[0], "Procesbegeleider (extern)"))
    logins.append((demo_visits.CHAIR_LOGIN[0], "Voorzitter visitatiecommissie (extern)"))
    logins.append((f"beheer@{DOMAIN}", "Beheerder (admin)"))
    if Board.objects.filter(name=BOARD_NAME).exists():
        return False, logins

    region = Region.objects.get(slug=REGION)
    board = Board.objects.create(name=BOARD_NAME)
    schools, teams = [], []
    for name, brin, sector, types, team_names in SCHOOLS:
        school = School.objects.create(
            board=board, name=name, brin=brin, sector=sector, school_types=types, region=region
        )
        schools.append(school)
        teams.append(
            [
                Team.objects.create(
                    school=school, name=t, kind=Team.Kind.SECTIE if t.startswith("Sectie") else Team.Kind.TEAM
                )
                for t in team_names
            ]
        )

    people: dict[str, Person] = {}
    for index, (first, last, functie, school_index, team_indexes, role) in enumerate(PEOPLE):
        school = schools[school_index] if school_index is not None else None
        slug = _address(first, last)
        person = Person.objects.create(
            board=board,
            school=school,
            first_name=first,
            last_name=last,
            functie=functie,
            email=f"{slug}@{DOMAIN}",
            **_employment(index),
        )
        person.teams.set([teams[school_index][i] for i in team_indexes])
        people[f"{first} {last}"] = person
        if role is not None:
            user = User.objects.create_user(f"{LOGINS[role]}@{DOMAIN}", DEMO_PASSWORD, full_name=f"{first} {last}")
            person.user = user
            person.save(update_fields=["user"])
            if Membership.scope_of(role) == "board":
                Membership.objects.create(user=user, role=role, board=board)
            else:
                Membership.objects.create(user=user, role=role, school=school)
    User.objects.create_superuser(f"beheer@{DOMAIN}", DEMO_PASSWORD, full_name="Demo beheerder")
    _second_board(region)
    coordinator = User.objects.create_user(REGION_LOGIN[0], DEMO_PASSWORD, full_name=REGION_LOGIN[1])
    Membership.objects.create(user=coordinator, role=Role.REGIOCOORDINATOR, region=region)
    facilitator = User.objects.create_user(OUTSIDE_LOGIN[0], DEMO_PASSWORD, full_name=OUTSIDE_LOGIN[1])
    _networks(region, coordinator, facilitator, people)
    _school_accounts(board)

    trajectory = _demo_trajectory(schools[1], people)
    demo_surveys.load(schools, trajectory, people["Karin Jansen"].user)
    demo_visits.load(
        region,
        schools[1],
        Round.objects.get(school=schools[1], title="Leerklimaat-scan voorjaar 2026"),
        trajectory,
        coordinator=coordinator,
        other_leader=User.objects.get(email=f"schoolleider@{SECOND_DOMAIN}"),
        password=DEMO_PASSWORD,
    )
    demo_careers.load(schools[1], people, leader=people["Karin Jansen"].user, teamleider=people["Pieter Bakker"].user)
    demo_observations.load(
        schools[1], people, leader=people["Karin Jansen"].user, teamleider=people["Pieter Bakker"].user
    )
    demo_teams.load(schools[1], people, leader=people["Karin Jansen"].user)
    return True, logins


def _address(first: str, last: str) -> str:
    """first.last in plain ASCII, as mail systems make addresses (Ayşe Demir: ayse.demir)."""
    name = unicodedata.normalize("NFKD", f"{first}.{last}".lower().replace(" ", ""))
    return name.encode("ascii", "ignore").decode()


EVALUATIONS = [
    ("De intervisie over een starter die wilde stoppen.", "Minder uitleg vooraf, meer tijd voor de casus."),
    ("Horen hoe het op de andere school gaat.", ""),
    ("", "De bijeenkomst begon een kwartier te laat."),
]


def _networks(region: Region, coordinator: User, facilitator: User, people: dict[str, Person]) -> None:
    """Two networks of the region: one facilitated and about to hold its third of five
    meetings, run by the outside procesbegeleider; one still an initiative."""
    today = timezone.localdate()
    network = Network.objects.create(
        name="Jonge leraren binden en boeien",
        region=region,
        theme_category=ThemeCategory.objects.get(slug="shrm-in-de-praktijk"),
        shrm_theme=Theme.objects.get(slug="begeleiding-startende-leraren"),
        regional_question=(
            "Hoe zorgen we dat startende leraren in de regio na twee jaar nog met plezier bij ons werken?"
        ),
        status=Network.Status.BEGELEID,
        created_by=coordinator,
        share_evaluations_with_region=True,
    )
    network.conditions_met.set(SuccessCondition.objects.exclude(slug="commitment"))
    rivierland = User.objects.get(email=f"schoolleider@{SECOND_DOMAIN}")
    members = [
        NetworkMember.objects.create(network=network, user=facilitator, role=NetworkMember.Role.PROCESBEGELEIDER),
        *(
            NetworkMember.objects.create(
                network=network,
                user=person.user,
                school=person.school,
                attends_all=True,
                will_prepare=True,
                leadership_informed=informed,
                learning_ambition=ambition,
            )
            for person, informed, ambition in (
                (people["Lotte Visser"], True, "Hoe ik als LC-docent starters begeleid zonder hun werk over te nemen."),
                (people["Pieter Bakker"], False, "Een inwerkprogramma dat verder gaat dan de eerste week."),
            )
        ),
        NetworkMember.objects.create(
            network=network, user=rivierland, school=rivierland.person.school, leadership_informed=True
        ),
    ]
    document = StartDocument.objects.create(
        network=network,
        waar_wijzer_in="Wat maakt dat startende leraren blijven, en wat kunnen onze scholen daar samen aan doen?",
        hoe_leren="Elke bijeenkomst één thema, met intervisie aan het eind; tussendoor interviewt elke school "
        "drie starters.",
        ambition_school="Elke school heeft na dit jaar een inwerkprogramma voor twee jaar.",
        rhythm="Vijf bijeenkomsten in dit schooljaar, elke zes weken.",
        agreed_at=timezone.now() - datetime.timedelta(days=60),
    )
    StartSignOff.objects.bulk_create(
        StartSignOff(document=document, member=m, signed_at=document.agreed_at) for m in members[:3]
    )
    plan = [
        (-70, "startbijeenkomst", "Waar willen we wijzer in worden?", Meeting.Status.HELD),
        (-35, "bijeenkomst", "Wat startende leraren zelf zeggen", Meeting.Status.HELD),
        (9, "bijeenkomst", "Inwerken: wat doen we nu, wat werkt?", Meeting.Status.PLANNED),
        (44, "bijeenkomst", "Begeleiding door LC- en LD-docenten", Meeting.Status.PLANNED),
    ]
    for days, kind, theme, status in plan:
        meeting = Meeting.objects.create(
            network=network,
            kind=kind,
            date=today + datetime.timedelta(days=days),
            start=datetime.time(15, 30),
            end=datetime.time(17, 30),
            venue="Lumen College, mediatheek" if days < 0 else "Rivierland Lyceum, docentenkamer",
            theme=theme,
            agenda="Opening en terugblik\nHet thema, met een werkvorm\nIntervisie\nAfspraken en huiswerk",
            status=status,
            verslag="Iedereen was er; we spraken af dat elke school drie starters interviewt." if days < 0 else "",
        )
        meeting.work_forms.set(WorkForm.objects.filter(slug__in=("presentaties", "intervisie")))
        if days == 9:
            meeting.guest_name, meeting.guest_organisation = "Marieke de Wit", "Lerarenopleiding Midden"
            meeting.guest_topic = "Wat de opleiding starters meegeeft, en wat de school daarna moet doen"
            meeting.save()
            _homework(meeting, members)
        if status == Meeting.Status.HELD:
            Attendance.objects.bulk_create(
                Attendance(meeting=meeting, member=m, state=Attendance.State.PRESENT, evaluated=k < len(EVALUATIONS))
                for k, m in enumerate(members)
            )
            MeetingEvaluation.objects.bulk_create(
                MeetingEvaluation(meeting=meeting, went_well=well, better_next_time=better)
                for well, better in EVALUATIONS
            )
        if kind == "bijeenkomst" and status == Meeting.Status.HELD:
            demo_surveys.load_network_evaluation(network, members, facilitator, meeting.date)
    Output.objects.create(
        network=network,
        level=Output.Level.REGION,
        kind=Output.Kind.PRODUCT,
        title="Wat starters zeggen: twaalf interviews op vier scholen",
        description="De uitkomsten van de interviews die elke school na de tweede bijeenkomst hield.",
        made_on=today - datetime.timedelta(days=20),
        public=True,
        added_by=facilitator,
    )
    _forum_and_library(network, members, today)
    _roadmap(network, members[1], today)
    _network_history(region, coordinator, today)
    _conversations(region, coordinator, today)
    Network.objects.create(
        name="Differentiëren doe je samen",
        region=region,
        theme_category=ThemeCategory.objects.get(slug="shrm"),
        shrm_theme=Theme.objects.get(slug="meer-differentiatie"),
        regional_question="Hoe helpen we leraren om in elke les te differentiëren, met de uren die er zijn?",
        status=Network.Status.STARTFASE,
        created_by=coordinator,
    )
    Network.objects.create(
        name="Lerende cultuur in Midden",
        region=region,
        theme_category=ThemeCategory.objects.get(slug="lerende-cultuur"),
        regional_question="Hoe maken we van lesbezoek bij elkaar een gewoonte in plaats van een beoordeling?",
        created_by=coordinator,
    )


def _homework(meeting: Meeting, members: list[NetworkMember]) -> None:
    """Homework for the coming meeting, which one member has done already."""
    reading = Homework.objects.create(
        meeting=meeting, text="Lees het hoofdstuk over inductie in het magazine (blz. 12-15)."
    )
    Homework.objects.create(
        meeting=meeting,
        kind=Homework.Kind.FIND_OUT,
        text="Zoek uit hoe uw school starters het eerste jaar begeleidt: wie, hoe vaak, met welke uren?",
    )
    HomeworkDone.objects.create(homework=reading, member=members[1], note="Het stuk over de buddy vond ik sterk.")


def _forum_and_library(network: Network, members: list[NetworkMember], today: datetime.date) -> None:
    """What the members asked each other and shared between the meetings."""
    lotte, pieter, joris = (m.user for m in members[1:4])
    moment = timezone.now() - datetime.timedelta(days=12)
    asked = Topic.objects.create(
        network=network,
        author=pieter,
        title="Hoeveel uren krijgt een starter bij jullie?",
        body="Wij geven starters 40 uur in het eerste jaar. Is dat bij jullie meer of minder, en waar gaan ze heen?",
        created_at=moment,
        answered_at=moment + datetime.timedelta(days=2),
    )
    for author, days, body in (
        (joris, 1, "Bij Rivierland 60 uur, waarvan de helft voor lesbezoek bij een collega."),
        (lotte, 2, "Wij ook 40, maar de coach krijgt er 20 bij. Dat maakte het verschil."),
    ):
        Post.objects.create(topic=asked, author=author, body=body, created_at=moment + datetime.timedelta(days=days))
    asked.last_post_at = moment + datetime.timedelta(days=2)
    asked.save(update_fields=["last_post_at"])
    Topic.objects.create(
        network=network,
        author=joris,
        title="Wie heeft een goed observatieformulier voor startende leraren?",
        body="We willen starters niet beoordelen maar helpen. Wie deelt een formulier dat daarbij helpt?",
        created_at=timezone.now() - datetime.timedelta(days=3),
        last_post_at=timezone.now() - datetime.timedelta(days=3),
    )
    paper = NetworkDocument(
        network=network,
        title="Inwerkprogramma Lumen College, twee jaar",
        description="Ons programma voor starters, zoals het na de tweede bijeenkomst is aangepast.",
        added_by=lotte,
        added_at=timezone.now() - datetime.timedelta(days=20),
    )
    text = "Inwerkprogramma Lumen College\n\nJaar 1: buddy, coach, zes lesbezoeken.\nJaar 2: intervisie.\n"
    paper.file.save("inwerkprogramma-lumen.txt", ContentFile(text.encode()), save=False)
    paper.file_name, paper.file_size = "inwerkprogramma-lumen.txt", paper.file.size
    paper.save()
    NetworkDocument.objects.create(
        network=network,
        kind=NetworkDocument.Kind.VACANCY,
        title="Vacature: coach startende leraren (Rivierland Lyceum)",
        link="https://www.rivierland.example/vacatures/coach-starters",
        added_by=joris,
        added_at=timezone.now() - datetime.timedelta(days=6),
    )


def _roadmap(network: Network, member: NetworkMember, today: datetime.date) -> None:
    """Lumen College's Roadmap, worked out in the network's meetings and shared with it; its
    goal is not in the trajectory yet, so the school leader can try that."""
    worksheet = RoadmapWorksheet.objects.create(
        school=member.school,
        network=network,
        title="Starters binden: onze Roadmap",
        owner=member.user,
        shared_with_network=True,
    )
    answers = {
        "strategische-doelen": "Goed werkgeverschap: wie bij ons begint, groeit en blijft.",
        "hrm-themas": "Inductie, begeleiding door LC- en LD-docenten, professionalisering.",
        "wat-bereiken": "Negen op de tien startende leraren werken na twee jaar nog met plezier bij ons.",
        "concreet-genoeg": "Ja: we tellen wie na twee jaar blijft, en vragen starters jaarlijks hoe het gaat.",
        "faciliteiten": "Veertig uur per starter in het eerste jaar, twintig voor de coach.",
    }
    RoadmapAnswer.objects.bulk_create(
        RoadmapAnswer(worksheet=worksheet, question=q, text=answers[q.slug])
        for q in RoadmapQuestion.objects.filter(slug__in=answers)
    )
    RoadmapKpi.objects.create(
        worksheet=worksheet,
        baken="Startende leraren die na twee jaar blijven (procent)",
        competences="Coaches die begeleiden zonder over te nemen",
        target=90,
        by_date=datetime.date(today.year + 2, 8, 1),
    )


def _network_history(region: Region, coordinator: User, today: datetime.date) -> None:
    """Networks of earlier school years, so the region's figures show how networks went on."""
    started = timezone.now() - datetime.timedelta(days=800)
    ended = today - datetime.timedelta(days=430)
    theme = ThemeCategory.objects.get(slug="lerende-cultuur")
    for name, fate, reason in (
        ("Feedback geven en vragen", Fate.GAAT_DOOR, None),
        ("Collegiaal lesbezoek Midden", Fate.GAAT_DOOR, None),
        ("Werkdruk en taakbeleid", Fate.GESTOPT, "geen-helder-thema"),
    ):
        ended_network = Network.objects.create(
            name=name,
            region=region,
            theme_category=theme if fate == Fate.GAAT_DOOR else ThemeCategory.objects.get(slug="shrm"),
            regional_question="Hoe leren onze leraren meer van elkaar?",
            status=Network.Status.ZELFSTUREND if fate == Fate.GAAT_DOOR else Network.Status.GESTOPT,
            fate=fate,
            fate_recorded_on=ended,
            stop_reason=StopReason.objects.get(slug=reason) if reason else None,
            created_by=coordinator,
            created_at=started,
        )
        _past_meetings(ended_network, ended, 5)
    # One of them still meets by itself; its coordinator from the group plans in Koers.
    Meeting.objects.create(
        network=Network.objects.get(name="Feedback geven en vragen"),
        date=today - datetime.timedelta(days=30),
        start=datetime.time(15, 30),
        end=datetime.time(17),
        theme="Feedback van leerlingen vragen",
        facilitated=False,
        status=Meeting.Status.HELD,
    )
    spin_off = Network.objects.create(
        name="Lesbezoek in de bovenbouw",
        region=region,
        theme_category=theme,
        regional_question="Hoe maken we lesbezoek gewoon in de examenklassen?",
        status=Network.Status.ZELFSTUREND,
        fate=Fate.INTENTIE,
        fate_recorded_on=today - datetime.timedelta(days=100),
        recheck_on=today + datetime.timedelta(days=80),
        parent=Network.objects.get(name="Collegiaal lesbezoek Midden"),
        created_by=coordinator,
        created_at=started + datetime.timedelta(days=400),
    )
    _past_meetings(spin_off, today - datetime.timedelta(days=100), 5)


def _past_meetings(network: Network, last: datetime.date, n: int) -> None:
    """The network's agreed start document and its facilitated meetings, six weeks apart, the
    last of them on `last`."""
    first = last - datetime.timedelta(weeks=6 * (n - 1))
    StartDocument.objects.create(
        network=network,
        waar_wijzer_in=network.regional_question,
        hoe_leren="Om de zes weken op een andere school, met intervisie.",
        rhythm=f"{n} begeleide bijeenkomsten",
        agreed_at=timezone.make_aware(
            datetime.datetime.combine(first + datetime.timedelta(days=14), datetime.time(12))
        ),
    )
    Meeting.objects.bulk_create(
        Meeting(
            network=network,
            kind=Meeting.Kind.START if k == n - 1 else Meeting.Kind.MEETING,
            date=last - datetime.timedelta(weeks=6 * k),
            start=datetime.time(15, 30),
            end=datetime.time(17, 30),
            theme=network.name,
            status=Meeting.Status.HELD,
        )
        for k in range(n)
    )


def _conversations(region: Region, coordinator: User, today: datetime.date) -> None:
    """The coordinator's talks with three of the region's schools."""
    schools = list(region.schools.order_by("name")[:3])
    talks = (
        (
            40,
            ("leiderschap", "positie-hr"),
            "Over de rol van de teamleiders in de gesprekscyclus.",
            "Het netwerk over starters voorstellen",
        ),
        (25, ("strategisch-denken-en-doen",), "Het koersplan en hoe het HRM-beleid daarop aansluit.", ""),
        (8, ("amo-medewerkers", "leiderschap"), "Hoe leraren meer ruimte krijgen om van elkaar te leren.", ""),
    )
    for school, (days, themes, summary, follow_up) in zip(schools, talks, strict=False):
        talk = RegionConversation.objects.create(
            region=region,
            school=school,
            coordinator=coordinator,
            held_on=today - datetime.timedelta(days=days),
            summary=summary,
            follow_up=follow_up,
        )
        talk.topics.set(PsoTheme.objects.filter(slug__in=themes))


def _school_accounts(board: Board) -> None:
    """The board's Microsoft sign-in, switched off (the demo has no tenant to reach), and one
    school account that signed in before it was and waits for the bestuursbeheerder."""
    provider = SignInProvider.objects.create(
        board=board,
        kind=SignInProvider.Kind.ENTRA,
        slug="lumen",
        issuer="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
        client_id="koers-demo",
        domains=DOMAIN,
        active=False,
    )
    SignInRequest.objects.create(
        provider=provider, subject="demo-iris-verbeek", email=f"iris.verbeek@{DOMAIN}", full_name="Iris Verbeek"
    )


def _second_board(region: Region) -> None:
    board = Board.objects.create(name=SECOND_BOARD)
    schools = [
        School.objects.create(board=board, name=n, brin=b, sector=s, school_types=t, region=region)
        for n, b, s, t in SECOND_SCHOOLS
    ]
    for first, last, functie, school_index, login in SECOND_PEOPLE:
        school = schools[school_index]
        email = f"{_address(first, last)}@{SECOND_DOMAIN}"
        person = Person.objects.create(
            board=board, school=school, first_name=first, last_name=last, functie=functie, email=email
        )
        if login:
            person.user = User.objects.create_user(
                f"{login}@{SECOND_DOMAIN}", DEMO_PASSWORD, full_name=f"{first} {last}"
            )
            person.save(update_fields=["user"])
            Membership.objects.create(user=person.user, role=Role.SCHOOLLEIDER, school=school)


def _demo_trajectory(school: School, people: dict[str, Person]) -> Trajectory:
    leader = people["Karin Jansen"]
    teamleader = people["Pieter Bakker"]
    trajectory = werkdocument_services.start_trajectory(
        user=leader.user,
        board=school.board,
        school=school,
        theme=Theme.objects.get(slug="meer-differentiatie"),
        title="Meer differentiatie in de klas 2026-2028",
        owner=leader,
        participants=[
            teamleader,
            people["Naima Bouzid"],
            people["Lotte Visser"],
            people["Sophie van Dijk"],
            people["Youssef El Amrani"],
        ],
        start_date=datetime.date(2026, 9, 1),
    )
    sub_1a = Subphase.objects.get(code="1A")
    sub_1b = Subphase.objects.get(code="1B")
    for subphase, answers in ((sub_1a, ANSWERS_1A), (sub_1b, ANSWERS_1B)):
        for slug, text in answers.items():
            services.save_entry(
                trajectory=trajectory,
                kind=Entry.Kind.ANSWER,
                key=slug,
                subphase_slug=subphase.slug,
                text=text,
                not_relevant=False,
                base_version=0,
                user=leader.user,
            )
    # A second hand on one answer, so the history shows more than one version.
    services.save_entry(
        trajectory=trajectory,
        kind=Entry.Kind.ANSWER,
        key="1a-thema-concrete-doelen",
        subphase_slug=sub_1a.slug,
        text=ANSWERS_1A["1a-thema-concrete-doelen"]
        + "\nTussendoel: eind 2026-2027 werkt elke sectie met minstens één gedifferentieerde "
        "lessenreeks per leerjaar.",
        not_relevant=False,
        base_version=1,
        user=teamleader.user,
    )
    services.save_entry(
        trajectory=trajectory,
        kind=Entry.Kind.REFLECTION,
        key=sub_1a.slug,
        subphase_slug=sub_1a.slug,
        text=REFLECTION_1A,
        not_relevant=False,
        base_version=0,
        user=leader.user,
    )
    services.set_subphase_done(trajectory=trajectory, subphase_slug=sub_1a.slug, done=True, user=leader.user)
    services.log_dialogue(
        trajectory=trajectory,
        subphase_slug=sub_1a.slug,
        held_on=datetime.date(2026, 9, 16),
        participants=[leader, teamleader, people["Naima Bouzid"]],
        roles=[Functie.DOCENT_LB, Functie.DOCENT_LC, Functie.DOCENT_LD],
        topic="Studiedag: wat betekent ‘ieder op koers’ in de les?",
        outcome="Docenten herkennen de visie, maar vragen om concrete voorbeelden per vak. "
        "Afgesproken: elke sectie kiest één lessenreeks om te differentiëren.",
        user=leader.user,
    )
    services.log_dialogue(
        trajectory=trajectory,
        subphase_slug=sub_1b.slug,
        held_on=datetime.date(2026, 10, 14),
        participants=[teamleader, people["Lotte Visser"], people["Youssef El Amrani"]],
        roles=[],
        topic="Huidige situatie per sectie in kaart",
        outcome="Sectie Nederlands loopt voorop; wiskunde wil eerst lesbezoeken bij elkaar.",
        user=teamleader.user,
    )
    _demo_instruments(trajectory, leader.user)
    _demo_plan(trajectory, people)
    return trajectory


def _demo_instruments(trajectory: Trajectory, user) -> None:
    """Goals, part of the 1B analyses, scored levers and one AMO chain still lacking an
    Opportunity intervention: a trajectory in the middle of Ontdek and Kies."""
    sub_1a = Subphase.holding("doelen")
    goal = inst.add_goal(
        trajectory=trajectory,
        user=user,
        subphase_slug=sub_1a.slug,
        level="medewerkers",
        description="Alle leraren differentiëren in hun lessen op minstens twee niveaus.",
        involved="Teamleiders, sectievoorzitters, coaches",
        term="lang",
        target_date=datetime.date(2028, 7, 1),
        smart=["specifiek", "meetbaar", "tijdsgebonden"],
        indicator="Geobserveerde lessen met differentiatie",
        unit="%",
        baseline=35,
        target_value=80,
        scale_min=0,
        scale_max=100,
    )
    inst.add_goal(
        trajectory=trajectory,
        user=user,
        subphase_slug=sub_1a.slug,
        level="leerlingen",
        description="Leerlingen ervaren dat de les aansluit bij hun niveau.",
        involved="Mentoren",
        term="kort",
        target_date=datetime.date(2027, 7, 1),
        smart=["specifiek"],
        indicator="",
        unit="",
        baseline=None,
        target_value=None,
    )
    inst.add_goal(
        trajectory=trajectory,
        user=user,
        subphase_slug=sub_1a.slug,
        level="organisatie",
        description="Differentiatie staat in het professionaliseringsplan.",
        involved="Directie, P&O",
        term="kort",
        target_date=None,
        smart=[],
        indicator="",
        unit="",
        baseline=None,
        target_value=None,
    )
    inst.save_situation(
        trajectory=trajectory,
        row_slug="t7-hoeveel-gedifferentieerd",
        current="Ongeveer een derde van de leraren werkt gedifferentieerd.",
        desired="Vier op de vijf leraren in 2028.",
        difference="Groot, vooral in de bovenbouw.",
        gap="groot",
        action_needed=True,
        action="Lesbezoeken en coaching per sectie.",
    )
    inst.save_situation(
        trajectory=trajectory,
        row_slug="t6-dialoog-niveaus",
        current="Dialoog op studiedagen en in secties.",
        desired="Ook in de teamvergadering.",
        difference="Klein.",
        gap="klein",
        action_needed=False,
        action="",
    )
    inst.save_bottleneck(
        trajectory=trajectory,
        bottleneck_slug="kp-leraren-niet-gedifferentieerd",
        occurs=True,
        urgency=4,
        why="Weinig voorbeelden per vak.",
        own_action="Lessenreeksen delen per sectie.",
    )
    inst.save_bottleneck(
        trajectory=trajectory, bottleneck_slug="kp-doelen-niet-in-beeld", occurs=True, urgency=2, why="", own_action=""
    )
    for name, kind, interest, influence, alignment, trust, key in (
        ("Medezeggenschapsraad", "intern", 4, 4, "gelijk", "betrouwbaar", True),
        ("Sectie wiskunde", "intern", 5, 2, "onbekend", "betrouwbaar", False),
        ("Gemeente", "extern", 2, 4, "onbekend", "niet-betrouwbaar", False),
        ("Lerarenopleiding", "extern", 4, 2, "gelijk", "niet-betrouwbaar", False),
    ):
        inst.add_stakeholder(
            trajectory=trajectory,
            name=name,
            kind=kind,
            role="",
            ideas="",
            knowledge="",
            relations="",
            interest=interest,
            influence=influence,
            alignment=alignment,
            trust=trust,
            key_figure=key,
        )
    coaching = inst.score_lever(
        trajectory=trajectory, lever_slug="on-begeleiding-leraren", impact=5, success=4, note="Coaches zijn al in huis."
    )
    inst.score_lever(trajectory=trajectory, lever_slug="sw-intern-samenwerking", impact=4, success=3, note="")
    inst.score_lever(trajectory=trajectory, lever_slug="so-genormeerde-toetsen", impact=2, success=4, note="")
    chain = inst.add_chain(
        trajectory=trajectory,
        goal=goal,
        behaviour="Leraren stemmen instructie en verwerking af op drie niveaus in de klas.",
        expected_effect="Meer leerlingen op hun niveau uitgedaagd.",
        time_path="Twee schooljaren",
        support="Secties kiezen zelf hun lessenreeks.",
        investment="Coachuren en studiedagen",
    )
    inst.add_element(chain=chain, factor="ability", kind="teacher", item_slug="amo-a-verschillen-waarnemen")
    inst.add_element(chain=chain, factor="ability", kind="intervention", item_slug="amo-a-coach", lever=coaching)
    inst.add_element(
        chain=chain, factor="motivation", kind="intervention", own_text="Leraren laten zien wat collega's al bereiken"
    )


def _demo_plan(trajectory: Trajectory, people: dict[str, Person]) -> None:
    """A plan in two phases (one activity past its end date, so monitoring shows a signal),
    preconditions with too many hours planned, and two measurements on course."""
    leader, teamleader = people["Karin Jansen"], people["Pieter Bakker"]
    cycle = trajectory.cycles.get()
    coach = AmoElement.objects.get(chain__trajectory=trajectory, item_slug="amo-a-coach")
    observing = None
    for title, phase, start, end, owner, raci, hours, budget, status, intervention in (
        (
            "Lesbezoeken met de kijkwijzer differentiatie",
            "Fase 1: voorbereiden",
            datetime.date(2026, 10, 1),
            datetime.date(2026, 11, 15),
            teamleader,
            {"leidinggevenden": "A", "leraren": "R", "hr": "I"},
            60,
            0,
            "bezig",
            None,
        ),
        (
            "Scholing coaches: begeleiden bij differentiëren",
            "Fase 1: voorbereiden",
            datetime.date(2026, 11, 1),
            datetime.date(2027, 1, 31),
            leader,
            {"opleiding": "R", "leidinggevenden": "A", "hr": "C"},
            40,
            4500,
            "gepland",
            coach,
        ),
        (
            "Elke sectie kiest een lessenreeks om te differentiëren",
            "Fase 2: uitvoeren",
            datetime.date(2027, 1, 15),
            datetime.date(2027, 4, 1),
            teamleader,
            {"leraren": "R", "leidinggevenden": "A", "collegas": "C"},
            120,
            0,
            "gepland",
            None,
        ),
        (
            "Collegiale lesbezoeken per sectie",
            "Fase 2: uitvoeren",
            datetime.date(2027, 2, 1),
            datetime.date(2027, 6, 30),
            teamleader,
            {"collegas": "R", "leidinggevenden": "A"},
            80,
            2000,
            "gepland",
            None,
        ),
    ):
        activity = plan.add_activity(
            cycle=cycle,
            user=leader.user,
            title=title,
            description="",
            intervention=intervention,
            phase=phase,
            start_date=start,
            end_date=end,
            owner=owner,
            raci=raci,
            hours=hours,
            budget=budget,
            status=status,
        )
        observing = observing or activity
    plan.save_preconditions(
        cycle=cycle,
        hours_available=250,
        budget_available=8000,
        leadership="voldoende",
        leadership_note="Teamleiders hebben coachingsuren in hun taak.",
    )
    goal = trajectory.goals.get(indicator="Geobserveerde lessen met differentiatie")
    for day, value in ((datetime.date(2026, 10, 15), 36), (datetime.date(2026, 11, 15), 39)):
        plan.add_measurement(
            cycle=cycle,
            goal=goal,
            user=teamleader.user,
            measured_on=day,
            value=value,
            note="Kijkwijzer, 20 lessen",
            activity=observing,
        )
