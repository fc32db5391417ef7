"""Reads of lesson observation. A development observation is its teacher's and its observer's;
the school reads observations only of periods for assurance or selection, and otherwise only
aggregates from `min_cell` teachers. Outside that, a 404. Never a list that ranks teachers."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any, cast

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from koers.careers.access import career_schools
from koers.careers.models import Purpose
from koers.instruments import selectors as instruments
from koers.instruments.models import Goal
from koers.organisations.models import Functie, Person, School, Team, Training, User
from koers.trajectories.models import Trajectory

from .models import Observation, ObservationDomain, ObservationItem, ObservationPeriod, ObservationScore

TEACHERS = [Functie.DOCENT_LB, Functie.DOCENT_LC, Functie.DOCENT_LD]


def teachers_in(period: ObservationPeriod) -> QuerySet[Person]:
    """The teachers the period observes: of its team, or of the whole school."""
    people = Person.objects.filter(
        school_id=period.school_id, functie__in=TEACHERS, left_on__isnull=True, erased_at__isnull=True
    )
    return people.filter(teams=period.team_id) if period.team_id else people


def school_for(user: User, school_id: int) -> School:
    return get_object_or_404(career_schools(user), pk=school_id)


def observer_choices(school: School) -> QuerySet[User]:
    """Who may observe: the school's people with an account, leaders and peers alike."""
    return User.objects.filter(is_active=True, memberships__school=school).distinct().order_by("full_name")


def periods_of(school: School) -> QuerySet[ObservationPeriod]:
    return (
        school.observation_periods.select_related("team")
        .annotate(lessons=Count("observations", filter=Q(observations__calibration_of__isnull=True)))
        .order_by("-opens_on", "-id")
    )


def period_for(user: User, period_id: int) -> ObservationPeriod:
    """A period its school's keepers and its observers open."""
    return get_object_or_404(
        ObservationPeriod.objects.select_related("school", "instrument", "team")
        .filter(Q(school__in=career_schools(user)) | Q(observers=user))
        .distinct(),
        pk=period_id,
    )


def goals_of(school: School) -> QuerySet[Goal]:
    """The school's active goals with an indicator: those a period's figures may measure."""
    return instruments.school_goals(school.pk, measured=True).select_related("source_team")


def observed_goals(school: School) -> QuerySet[Goal]:
    return goals_of(school).filter(source__startswith="observation:")


def observes(user: User, period: ObservationPeriod) -> bool:
    return period.observers.filter(pk=user.pk).exists()


def teams_of(school: School) -> QuerySet[Team]:
    return school.teams.all()


def keeps(user: User, period: ObservationPeriod) -> bool:
    return career_schools(user).filter(pk=period.school_id).exists()


def observation_for(user: User, observation_id: int) -> Observation:
    """Its teacher and its observer; the school's keepers only when the period was announced
    for assurance or selection (R2)."""
    reach = Q(teacher__user=user) | Q(observer=user)
    reach |= Q(period__school__in=career_schools(user)) & ~Q(period__purpose=Purpose.ONTWIKKELING)
    return get_object_or_404(
        Observation.objects.select_related("period__instrument", "period__school", "teacher", "observer").filter(reach),
        pk=observation_id,
    )


@dataclass
class TeacherRow:
    teacher: Person
    lessons: int
    snapshot: bool  # fewer than the period's target: one lesson is a photo, not a film


def planning(period: ObservationPeriod) -> list[TeacherRow]:
    """Who has been observed how often: counts only, no scores."""
    people = teachers_in(period).annotate(
        lessons=Count(
            "observations",
            filter=Q(observations__period=period, observations__calibration_of__isnull=True),
        )
    )
    return [TeacherRow(p, p.lessons, p.lessons < period.min_per_teacher) for p in people]


def form_items(period: ObservationPeriod) -> list[ObservationDomain]:
    return list(
        period.instrument.domains.prefetch_related(
            Prefetch("items", queryset=ObservationItem.objects.select_related("indicator"))
        )
    )


def scored(observation: Observation) -> list[tuple[ObservationDomain, list[tuple[ObservationItem, int | None]]]]:
    values = dict(observation.scores.values_list("item_id", "value"))
    return [(d, [(i, values.get(i.pk)) for i in d.items.all()]) for d in form_items(observation.period)]


def observations_of(person: Person) -> QuerySet[Observation]:
    return person.observations.select_related("period", "observer").filter(calibration_of__isnull=True)


# The report: Table 2 of the handreiking per school and team -------------------------------------


@dataclass
class Shares:
    """Of the final lessons of a group: how many could be judged on each set of skills and
    how many were sufficient on all of it. Hidden below the period's minimum of teachers."""

    name: str
    lessons: int
    teachers: int
    basic: tuple[int, int]  # (sufficient, assessable)
    diff: tuple[int, int]
    both: tuple[int, int]
    hidden: bool
    team_id: int | None = None

    def share(self, metric: str) -> tuple[int | None, int]:
        """The percentage and its number of lessons for "basic_ok", "diff_ok" or "both_ok"."""
        pair = {"basic_ok": self.basic, "diff_ok": self.diff, "both_ok": self.both}[metric]
        return self.percent(pair), pair[1]

    @staticmethod
    def percent(pair: tuple[int, int]) -> int | None:
        sufficient, assessable = pair
        return round(100 * sufficient / assessable) if assessable else None

    @property
    def basic_pct(self) -> int | None:
        return self.percent(self.basic)

    @property
    def diff_pct(self) -> int | None:
        return self.percent(self.diff)

    @property
    def both_pct(self) -> int | None:
        return self.percent(self.both)

    @property
    def basic_unassessable(self) -> int:
        return self.lessons - self.basic[1]

    @property
    def diff_unassessable(self) -> int:
        return self.lessons - self.diff[1]


SHARE_COUNTS = {
    # One row per lesson (and per team, for the teams' rows), so only teachers need distinct.
    "lessons": Count("id"),
    "teachers": Count("teacher", distinct=True),
    "basic_n": Count("id", filter=Q(basic_ok__isnull=False)),
    "basic_ok": Count("id", filter=Q(basic_ok=True)),
    "diff_n": Count("id", filter=Q(diff_ok__isnull=False)),
    "diff_ok": Count("id", filter=Q(diff_ok=True)),
    "both_n": Count("id", filter=Q(both_ok__isnull=False)),
    "both_ok": Count("id", filter=Q(both_ok=True)),
}


def _shares(name: str, row: Mapping[str, Any], min_cell: int, team_id: int | None = None) -> Shares:
    return Shares(
        name,
        row["lessons"],
        row["teachers"],
        (row["basic_ok"], row["basic_n"]),
        (row["diff_ok"], row["diff_n"]),
        (row["both_ok"], row["both_n"]),
        row["teachers"] < min_cell,
        team_id,
    )


# The rows of Table 3, stored by key and named when shown.
TRAINING_ROWS = {
    "eerstegraads": gettext_lazy("first-degree teacher training"),
    "overige-opleiding": gettext_lazy("other training"),
    "bevoegd": gettext_lazy("qualified for the subject, right level"),
    "overig": gettext_lazy("otherwise"),
}


@dataclass
class Agreement:
    """How often two observers of the same lesson gave an item the same verdict (sufficient or
    not); items either did not see are left out."""

    lessons: int
    items: int
    same: int

    @property
    def pct(self) -> int | None:
        return round(100 * self.same / self.items) if self.items else None


@dataclass
class TrendRow:
    name: str
    closes_on: datetime.date
    school: Shares


@dataclass
class Report:
    period: ObservationPeriod
    school: Shares
    teams: list[Shares]
    domains: list[tuple[ObservationDomain, float | None]]
    reference: dict
    training: list[Shares] = field(default_factory=list)  # Table 3: by teacher training
    agreement: Agreement | None = None
    trend: list[TrendRow] = field(default_factory=list)


def report(period: ObservationPeriod) -> Report:
    """A closed period's figures as stored at closing; an open period's computed now. Either
    way a fixed number of queries, whatever the number of lessons."""
    figures = period.figures or compute(period)
    domains = {d.pk: d for d in period.instrument.domains.all()}
    result = Report(
        period,
        Shares(**figures["school"]),
        [Shares(**t) for t in figures["teams"]],
        [(domains[pk], mean) for pk, mean in figures["domains"]],
        period.instrument.reference,
        [replace(Shares(**t), name=str(TRAINING_ROWS[t["name"]])) for t in figures["training"]],
        Agreement(**figures["agreement"]) if figures["agreement"] else None,
    )
    result.trend = _trend(period)
    return result


def compute(period: ObservationPeriod) -> dict:
    """The figures over the final lessons, in SQL over their stored verdicts: the school, each
    team, Table 3 by teacher training, the domain means and the agreement of double-observed
    lessons. As plain data, so closing the period can store them."""
    final = period.observations.filter(status=Observation.Status.DEFINITIEF, calibration_of__isnull=True)
    school = _shares(period.school.name, final.aggregate(**SHARE_COUNTS), period.min_cell)
    names = dict(Team.objects.filter(school_id=period.school_id).values_list("pk", "name"))
    per_team = [
        _shares(names[row["teacher__teams"]], row, period.min_cell, row["teacher__teams"])
        for row in final.filter(teacher__teams__in=list(names))
        .values("teacher__teams")
        .annotate(**SHARE_COUNTS)
        .order_by("teacher__teams")
    ]
    return {
        "school": asdict(school),
        "teams": [asdict(t) for t in sorted(per_team, key=lambda t: t.name)],
        "domains": _domain_means(period, final),
        "training": [asdict(t) for t in _by_training(period, final)],
        "agreement": asdict(a) if (a := _agreement(period)) else None,
    }


def _domain_means(period: ObservationPeriod, final: QuerySet[Observation]) -> list[tuple[int, float | None]]:
    # Sums per item (a couple of dozen rows), added up per domain here: no join to the items.
    sums: dict[int, list[int]] = {}
    for item_id, total, n in (
        ObservationScore.objects.filter(observation__in=final.values("pk"), value__isnull=False)
        .values_list("item_id")
        .annotate(total=Sum("value"), n=Count("value"))
        .order_by()
    ):
        sums[item_id] = [total, n]
    out = []
    for domain in period.instrument.domains.prefetch_related("items"):
        total = sum(sums.get(i.pk, [0, 0])[0] for i in domain.items.all())
        n = sum(sums.get(i.pk, [0, 0])[1] for i in domain.items.all())
        out.append((domain.pk, total / n if n else None))
    return out


def _by_training(period: ObservationPeriod, final: QuerySet[Observation]) -> list[Shares]:
    """Table 3 of the handreiking (hr:959-969): first-degree trained against other training,
    and qualified for the subject at the right level against the rest. People whose training
    or qualification is not recorded are in neither row. A teacher is in one group of each
    split, so the distinct teacher counts add up."""
    by_training = {
        row["teacher__training"]: row for row in final.values("teacher__training").annotate(**SHARE_COUNTS).order_by()
    }
    by_qualified = {
        row["teacher__qualified"]: row for row in final.values("teacher__qualified").annotate(**SHARE_COUNTS).order_by()
    }
    first = by_training.get(Training.EERSTEGRAADS)
    others: list[Mapping[str, Any]] = [row for key, row in by_training.items() if key and key != Training.EERSTEGRAADS]
    rows: dict[str, list[Mapping[str, Any]]] = {
        "eerstegraads": [first] if first else [],
        "overige-opleiding": others,
        "bevoegd": [by_qualified[True]] if True in by_qualified else [],
        "overig": [by_qualified[False]] if False in by_qualified else [],
    }
    return [_shares(key, _added(found), period.min_cell) for key, found in rows.items()]


def _added(rows: list[Mapping[str, Any]]) -> dict[str, int]:
    return {key: sum(row[key] for row in rows) for key in SHARE_COUNTS}


def _agreement(period: ObservationPeriod) -> Agreement | None:
    pairs = list(period.observations.filter(calibration_of__isnull=False).values_list("pk", "calibration_of_id"))
    if not pairs:
        return None
    ids = {pk for pair in pairs for pk in pair}
    scores: dict[int, dict[int, int]] = {}
    for observation_id, item_id, value in ObservationScore.objects.filter(
        observation_id__in=ids, value__isnull=False
    ).values_list("observation_id", "item_id", "value"):
        scores.setdefault(observation_id, {})[item_id] = cast(int, value)
    sufficient = period.instrument.sufficient_from
    items = same = 0
    for second, first in pairs:
        a, b = scores.get(first, {}), scores.get(second, {})
        for item_id in a.keys() & b.keys():
            items += 1
            same += (a[item_id] >= sufficient) == (b[item_id] >= sufficient)
    return Agreement(len(pairs), items, same)


def _trend(period: ObservationPeriod) -> list[TrendRow]:
    """The school's shares in earlier closed periods of the same purpose and scope: development
    figures are never set beside assurance or selection ones."""
    earlier = (
        ObservationPeriod.objects.filter(
            Q(team_id=period.team_id) if period.team_id else Q(team__isnull=True),
            school_id=period.school_id,
            purpose=period.purpose,
            figures__isnull=False,
            closes_on__lt=period.closes_on,
        )
        .exclude(pk=period.pk)
        .order_by("closes_on")
        .values_list("name", "closes_on", "figures")
    )
    return [TrendRow(name, closes_on, Shares(**cast(dict, figures)["school"])) for name, closes_on, figures in earlier]


# --- in the trajectory's 1B ---------------------------------------------------------------------


@dataclass
class PeriodEvidence:
    period: ObservationPeriod
    school: Shares


def evidence_for(trajectory: Trajectory) -> list[PeriodEvidence]:
    """The figures of the school's last three closed periods, as the current situation in 1B
    (E.4.6): the stored aggregates only, never an observation."""
    if not trajectory.school_id:
        return []
    periods = (
        ObservationPeriod.objects.filter(school_id=trajectory.school_id, figures__isnull=False)
        .select_related("instrument")
        .order_by("-closes_on", "-id")[:3]
    )
    return [PeriodEvidence(p, Shares(**cast(dict, p.figures)["school"])) for p in periods]
