"""The lesson-observation part of the demo, made through the services: Lumen College observed
for development this autumn, Pieter Bakker and Karin Jansen observed, and 24 lessons of twelve
teachers are in. All are final but Lotte Visser's second, which waits for her response, so the
figures show beside the inspectorate's and the teams' rows are hidden where they are small.
The period closed three days ago, and the differentiation goal, measured from its figures, has
the share proposed as a measurement. The winter period has just opened."""

from __future__ import annotations

import datetime
import random
import uuid

from django.utils import timezone

from koers.instruments.models import Goal
from koers.instruments.services import set_source
from koers.organisations.models import Person, School, Training, User

from . import services
from .models import ObservationItem
from .selectors import teachers_in

STRENGTHS = [
    "Rustige, duidelijke start; de leerlingen wisten meteen wat ze gingen doen.",
    "Heldere uitleg met een goed voorbeeld aan het bord.",
    "Veel leerlingen actief aan het woord door wisselende werkvormen.",
]
POINTS = [
    "De snelle leerlingen wachtten na de uitleg; geef hun een verkorte instructie.",
    "De verwerking was voor iedereen gelijk; probeer twee niveaus.",
    "Ga na de uitleg na of alle leerlingen het begrepen hebben, niet alleen wie de vinger opsteekt.",
]


def load(school: School, people: dict[str, Person], *, leader: User, teamleider: User) -> None:
    today = timezone.localdate()
    period = services.open_period(
        school,
        name="Lesbezoeken najaar",
        opens_on=today - datetime.timedelta(days=45),
        closes_on=today - datetime.timedelta(days=3),
        purpose="ontwikkeling",
        observers=[teamleider, leader],
        team=None,
        min_per_teacher=2,
        min_cell=5,
        by=leader,
    )
    items = list(ObservationItem.objects.filter(domain__instrument=period.instrument).select_related("indicator"))
    rng = random.Random(17)
    lotte = people["Lotte Visser"]
    observed = [p for p in teachers_in(period) if p.user_id != teamleider.pk][:12]
    for n, teacher in enumerate(observed):  # as the staff records have it, for Table 3
        teacher.training = Training.EERSTEGRAADS if n < 4 else Training.TWEEDEGRAADS
        teacher.qualified = n not in (5, 9)
        teacher.save(update_fields=["training", "qualified"])
    for n in range(24):
        teacher = observed[n % 12]
        observer = teamleider if n % 3 else leader
        # Most lessons show the basic skills; fewer show the differentiation skills, as the
        # inspectorate found (hr:944-951).
        basic_level, diff_level = rng.random() < 0.6, rng.random() < 0.3
        scores = {}
        for item in items:
            kind = item.indicator.kind if item.indicator else ""
            good = basic_level if kind == "basis" else diff_level if kind == "differentiatie" else rng.random() < 0.7
            scores[item.pk] = rng.choice([3, 4]) if good else rng.choice([1, 2, 2, 3]) if kind else rng.choice([2, 3])
        if n == 5:
            scores[next(i.pk for i in items if i.indicator and i.indicator.slug == "analyse-prestaties")] = None
        observation = services.record(
            period,
            teacher=teacher,
            observer=observer,
            scores=scores,
            client_key=uuid.uuid4(),
            date=today - datetime.timedelta(days=44 - n),
            group=rng.choice(["1 vmbo-t", "2 havo", "3 vwo", "4 havo"]),
            subject=rng.choice(["Nederlands", "wiskunde", "biologie", "geschiedenis"]),
            strengths=rng.choice(STRENGTHS),
            development_points=rng.choice(POINTS),
            action_points="Volgende les uitproberen en twee weken later samen terugkijken.",
        )
        services.feedback_held(observation, on=observation.date + datetime.timedelta(days=2))
        if teacher == lotte and n >= 12:
            continue  # her second lesson: the feedback conversation is held, her response to come
        services.respond(observation, comment="Herkenbaar; ik ga de verkorte instructie proberen.", recognises="ja")
    # Karin sat in on Pieter's first lesson visit and scored it on her own form: a calibration.
    first = period.observations.filter(observer=teamleider).order_by("date", "id").first()
    if first is not None:
        own = dict(first.scores.values_list("item_id", "value"))
        own[items[0].pk] = 2 if own[items[0].pk] and own[items[0].pk] >= 3 else 3  # one item judged otherwise
        services.record(
            period,
            teacher=first.teacher,
            observer=leader,
            scores=own,
            client_key=uuid.uuid4(),
            date=first.date,
            partner=teamleider,
        )
    goal = Goal.objects.get(trajectory__school=school, indicator="Geobserveerde lessen met differentiatie")
    set_source(goal=goal, source=Goal.Source.OBSERVATION_DIFF, team=None)
    services.close_period(period)
    services.open_period(
        school,
        name="Lesbezoeken winter",
        opens_on=today - datetime.timedelta(days=2),
        closes_on=today + datetime.timedelta(days=60),
        purpose="ontwikkeling",
        observers=[teamleider, leader],
        team=None,
        min_per_teacher=2,
        min_cell=5,
        by=leader,
    )
