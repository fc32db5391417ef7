"""Survey rounds for the demo organisation, with made-up responses, so the reports, the trend,
the benchmark and the 1B evidence have something to show. `fill` is also what the benchmark
uses to make its 10,000 responses."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from koers.networks.models import Network, NetworkMember
from koers.organisations.models import School, User
from koers.trajectories.models import Trajectory

from .models import (
    UNKNOWN,
    Answer,
    EvaluationTaken,
    Evidence,
    Instrument,
    Invitation,
    Item,
    NetworkAnswer,
    NetworkEvaluation,
    RespondentGroup,
    Response,
    Round,
    RoundGroup,
    Scale,
    SharedPicture,
)
from .selectors import proposal, report, round_pages
from .services import add_own_question, finalise_closed_rounds

OPEN_TEXTS = [
    "Meer tijd om samen lessen voor te bereiden.",
    "Duidelijker maken wat er met de uitkomsten van gesprekken gebeurt.",
    "Vaker bij elkaar in de les kijken.",
    "Minder vergaderen, meer samen leren.",
    "Heldere keuzes in wat we wel en niet doen.",
]


def make_round(
    *,
    school: School,
    slug: str,
    title: str,
    opens_on: datetime.date,
    days: int = 21,
    groups: list[str],
    min_group_size: int = 5,
    user: User | None = None,
) -> Round:
    """A round as it stood in the past; the services refuse a start date before today."""
    instrument = Instrument.objects.filter(slug=slug, active=True).latest("version")
    survey = Round.objects.create(
        school=school,
        instrument=instrument,
        title=title,
        opens_on=opens_on,
        closes_on=opens_on + datetime.timedelta(days=days - 1),
        min_group_size=min_group_size,
        modules=list(instrument.modules.values_list("slug", flat=True)),
        created_by=user,
    )
    RoundGroup.objects.bulk_create(
        [RoundGroup(round=survey, group=g) for g in RespondentGroup.objects.filter(slug__in=groups)]
    )
    return survey


def fill(
    survey: Round,
    counts: dict[str, int],
    *,
    level: dict[str, float],
    seed: int,
    batch: int = 5000,
    texts: dict[str, list[str]] | None = None,
) -> int:
    """Add made-up responses: per group `counts[slug]`, answering around `level[slug]` (on a
    0-1 scale from the low to the high end), with a steady lean per dimension; an open item
    now and then gets one of its `texts` (by item slug), else one about the school."""
    rng = random.Random(seed)
    items = [i for page in round_pages(survey) for i in page.items]
    dims = {i.dimension_id for i in items}
    lean = {
        (slug, d): shared + rng.uniform(-0.08, 0.08)
        for d in sorted(dims)
        for shared in [rng.uniform(-0.15, 0.15)]
        for slug in counts
    }
    groups = {g.slug: g for g in RespondentGroup.objects.filter(slug__in=counts)}
    day = min(survey.closes_on, timezone.localdate())
    made, answers = 0, []
    for slug, n in counts.items():
        for _ in range(n):
            response = Response.objects.create(round=survey, group=groups[slug], submitted_on=day)
            for item in items:
                answers.append(_answer(rng, response, item, level[slug] + lean[(slug, item.dimension_id)], texts or {}))
            made += 1
            if len(answers) >= batch:
                Answer.objects.bulk_create([a for a in answers if a])
                answers = []
    Answer.objects.bulk_create([a for a in answers if a])
    return made


def _answer(
    rng: random.Random, response: Response, item: Item, level: float, texts: dict[str, list[str]]
) -> Answer | None:
    if item.scale == Scale.OPEN:
        text = rng.choice(texts.get(item.slug, OPEN_TEXTS))
        return Answer(response=response, item=item, text=text) if rng.random() < 0.4 else None
    if item.scale == Scale.CHOICE:
        return Answer(response=response, item=item, value=rng.randint(1, len(item.options)))
    if item.unknown_allowed and rng.random() < 0.06:
        return Answer(response=response, item=item, value=UNKNOWN)
    values = item.values
    if item.facet == "gewenst":
        level += 0.35
    centre = min(max(level, 0.0), 1.0) * (len(values) - 1)
    index = min(max(round(rng.gauss(centre, 0.9)), 0), len(values) - 1)
    return Answer(response=response, item=item, value=values[index])


def load(schools: list[School], trajectory: Trajectory, user: User) -> None:
    today = timezone.localdate()
    kompasroos, college, vakcollege = schools
    staff = ["directie", "teamleiders", "leraren", "oop"]
    earlier = make_round(
        school=college,
        slug="shrm-spiegel",
        title="SHRM-spiegel voorjaar 2025",
        opens_on=today - datetime.timedelta(days=560),
        groups=staff,
        user=user,
    )
    fill(
        earlier,
        {"directie": 2, "teamleiders": 4, "leraren": 18, "oop": 5},
        level={"directie": 0.7, "teamleiders": 0.62, "leraren": 0.42, "oop": 0.38},
        seed=1,
    )
    spiegel = make_round(
        school=college,
        slug="shrm-spiegel",
        title="SHRM-spiegel voorjaar 2026",
        opens_on=today - datetime.timedelta(days=200),
        groups=staff,
        user=user,
    )
    fill(
        spiegel,
        {"directie": 2, "teamleiders": 5, "leraren": 24, "oop": 7},
        level={"directie": 0.72, "teamleiders": 0.66, "leraren": 0.52, "oop": 0.5},
        seed=2,
    )
    for n, school in enumerate((kompasroos, vakcollege), start=3):
        other = make_round(
            school=school,
            slug="shrm-spiegel",
            title="SHRM-spiegel 2026",
            opens_on=today - datetime.timedelta(days=190),
            groups=staff,
        )
        fill(
            other,
            {"teamleiders": 5, "leraren": 12, "oop": 6},
            level={"teamleiders": 0.6, "leraren": 0.55, "oop": 0.5},
            seed=n,
        )

    climate = make_round(
        school=college,
        slug="leerklimaat-scan",
        title="Leerklimaat-scan voorjaar 2026",
        opens_on=today - datetime.timedelta(days=230),
        groups=["teamleiders", "leraren", "oop", "leerlingen"],
        user=user,
    )
    fill(
        climate,
        {"teamleiders": 5, "leraren": 20, "oop": 6, "leerlingen": 48},
        level={"teamleiders": 0.7, "leraren": 0.6, "oop": 0.6, "leerlingen": 0.48},
        seed=5,
    )

    concept = make_round(
        school=kompasroos,
        slug="schoolconcept",
        title="Schoolconcept 2026",
        opens_on=today - datetime.timedelta(days=150),
        groups=["directie", "leraren", "oop"],
        min_group_size=3,
    )
    fill(concept, {"directie": 1, "leraren": 6, "oop": 2}, level={"directie": 0.4, "leraren": 0.3, "oop": 0.3}, seed=6)

    # A round that is open now: invitations out, some answers in, pupils via an open link.
    running = make_round(
        school=college,
        slug="leerklimaat-scan",
        title="Leerklimaat-scan najaar 2026",
        opens_on=today - datetime.timedelta(days=6),
        groups=["teamleiders", "leraren", "oop", "leerlingen"],
        user=user,
    )
    people = college.people.exclude(email="")
    group_of = {"teamleider": "teamleiders", "oop": "oop"}
    groups = {g.slug: g for g in running.groups.all()}
    Invitation.objects.bulk_create(
        [
            Invitation(
                round=running, group=groups[group_of.get(p.functie, "leraren")], email=p.email, sent_on=running.opens_on
            )  # the demo sends no mail
            for p in people
            if p.functie != "schoolleider"
        ]
    )
    running.round_groups.filter(group=groups["leerlingen"]).update(
        open_token_hash="demo-no-working-link", expected=30, open_responses=23
    )
    college.region_benchmark = True  # it compares within the region, where too few do yet
    college.save(update_fields=["region_benchmark"])
    # Two questions of the school's own, added before anyone answered.
    add_own_question(
        survey=running,
        text="Het nieuwe rooster geeft mij tijd om lessen samen voor te bereiden.",
        scale=Scale.LIKERT5,
        options=[],
        required=True,
        unknown_allowed=True,
    )
    add_own_question(
        survey=running,
        text="Over welk onderwerp wilt u volgend jaar een studiedag?",
        scale=Scale.CHOICE,
        options=["Differentiëren", "Formatief handelen", "Taal in alle vakken"],
        required=False,
        unknown_allowed=False,
    )
    fill(
        running,
        {"leraren": 7, "oop": 1, "leerlingen": 23},
        level={"leraren": 0.6, "oop": 0.6, "leerlingen": 0.5},
        seed=7,
    )
    Invitation.objects.filter(round=running, group=groups["leraren"]).filter(
        pk__in=list(running.invitations.filter(group=groups["leraren"]).values_list("pk", flat=True)[:7])
    ).update(responded=True)
    Invitation.objects.filter(round=running, group=groups["oop"]).filter(
        pk__in=list(running.invitations.filter(group=groups["oop"]).values_list("pk", flat=True)[:1])
    ).update(responded=True)

    Evidence.objects.create(
        trajectory=trajectory,
        round=spiegel,
        attached_by=user,
        note="Teamleiders zijn positiever dan leraren en OOP over kunnen, willen en mogen: "
        "het beleid komt nog niet aan op de werkvloer.",
    )
    finalise_closed_rounds()  # as the daily `koers purge` would
    found = proposal(report(climate))
    Evidence.objects.create(
        trajectory=trajectory, round=climate, attached_by=user, question=found.question if found else ""
    )


# Per member, the crosses on the eleven indicators (1a … 4d) and the five values: a network
# that still leans on its facilitator, whose members see each other as acquaintances.
NETWORK_CROSSES = [
    [3, 2, 4, 3, 3, 4, 5, 2, 3, 6, 4, 4, 4, 3, 2, 2],
    [4, 3, 3, 2, 4, 3, 6, 1, 2, 5, 3, 5, 4, 4, 3, 1],
    [2, 2, 5, 3, 3, 4, 5, 2, 3, 6, 5, 4, 5, 3, 2, 2],
    [3, 4, 4, 4, 2, 5, 4, 3, 4, 7, 4, 4, 3, 3, 3, 2],
]
NETWORK_EXAMPLES = ["De interviews met starters gaven onze school een nieuw gesprek over inwerken."]


def load_network_evaluation(network: Network, members: list[NetworkMember], by: User, day: datetime.date) -> None:
    """A closed in-depth evaluation that the network discussed at its second meeting, with its
    shared picture, conclusions and agreements."""
    instrument = Instrument.objects.get(for_networks=True, active=True)
    evaluation = NetworkEvaluation.objects.create(
        network=network,
        instrument=instrument,
        opens_on=day - datetime.timedelta(days=14),
        closes_on=day - datetime.timedelta(days=1),
        created_by=by,
        conclusions="We wisselen vooral kennis uit en leunen nog op de procesbegeleider. De band tussen de scholen "
        "groeit, maar wat we leren komt nog weinig in de eigen school terecht.",
        agreements="Elke school neemt na elke bijeenkomst één ding mee naar het eigen team en vertelt daar de "
        "volgende keer over. Vanaf de vierde bijeenkomst bereiden twee leden om beurten de bijeenkomst voor.",
    )
    scored = [i for i in Item.objects.filter(dimension__instrument=instrument) if i.scale != Scale.OPEN]
    scored.sort(key=lambda i: (i.dimension.order, i.order))
    open_item = Item.objects.get(dimension__instrument=instrument, scale=Scale.OPEN)
    for member, crosses in zip(members, NETWORK_CROSSES, strict=False):
        EvaluationTaken.objects.create(evaluation=evaluation, member=member)
        NetworkAnswer.objects.bulk_create(
            NetworkAnswer(evaluation=evaluation, item=item, value=value)
            for item, value in zip(scored, crosses, strict=False)
        )
    NetworkAnswer.objects.bulk_create(
        NetworkAnswer(evaluation=evaluation, item=open_item, text=text) for text in NETWORK_EXAMPLES
    )
    agreed = {"1a": (3, 5), "1b": (3, 6), "2a": (4, 6), "2b": (3, 5), "3a": (3, 5), "4a": (2, 5), "4d": (4, 6)}
    SharedPicture.objects.bulk_create(
        SharedPicture(evaluation=evaluation, item=item, agreed_now=agreed[item.slug][0], desired=agreed[item.slug][1])
        for item in scored
        if item.slug in agreed
    )
