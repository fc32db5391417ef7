"""Which instrument sits in which subphase, and when it counts as filled in.

The subphase progress counts an instrument like a question: filled in or not. All of a
trajectory's instruments are checked in one query of EXISTS subqueries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from koers.plans import models as plans
from koers.trajectories.models import Trajectory

from . import models as m

SUB_1A = "1a-visie-en-doelen"
SUB_1B = "1b-huidige-en-gewenste-situatie"
SUB_1C = "1c-prioriteiten-en-nieuwe-doelen"
SUB_2A = "2a-aanknopingspunten"
SUB_2B = "2b-interventies-amo"
SUB_3A = "3a-implementatieplan"
SUB_3B = "3b-implementatie"
SUB_4 = "4-ga-door"


@dataclass(frozen=True)
class Instrument:
    slug: str
    subphase_slug: str
    title: Promise
    url_name: str
    filled: Callable[[], Exists]

    def url(self, trajectory_id: int) -> str:
        return reverse(self.url_name, args=[trajectory_id])


def _has(model, **filters) -> Callable[[], Exists]:
    return lambda: Exists(model.objects.filter(trajectory=OuterRef("pk"), **filters))


INSTRUMENTS = [
    Instrument("doelen", SUB_1A, _("Goals (Bijlage 1)"), "instruments:goals", _has(m.Goal)),
    Instrument(
        "situatie",
        SUB_1B,
        _("Situation map (Tables 6 and 7)"),
        "instruments:situation",
        lambda: Exists(
            m.SituationAssessment.objects.filter(Q(trajectory=OuterRef("pk")) & (~Q(current="") | ~Q(desired="")))
        ),
    ),
    Instrument(
        "knelpunten",
        SUB_1B,
        _("Checklist of bottlenecks"),
        "instruments:bottlenecks",
        _has(m.BottleneckAssessment, occurs__isnull=False),
    ),
    Instrument("stakeholders", SUB_1B, _("Stakeholders"), "instruments:stakeholders", _has(m.Stakeholder)),
    Instrument(
        "aanscherpen",
        SUB_1C,
        _("Sharpen the goals"),
        "instruments:sharpen",
        lambda: Exists(m.GoalRevision.objects.filter(goal__trajectory=OuterRef("pk"), subphase_slug=SUB_1C)),
    ),
    Instrument(
        "samenhang", SUB_1C, _("Coherence of the themes (Bijlage 2)"), "instruments:coherence", _has(m.CoherenceLink)
    ),
    Instrument(
        "aanknopingspunten",
        SUB_2A,
        _("Levers (Figure 6)"),
        "instruments:levers",
        _has(m.LeverChoice, impact__isnull=False, success__isnull=False),
    ),
    Instrument("amo", SUB_2B, _("AMO planner (Figure 8)"), "instruments:amo", _has(m.AmoChain)),
    # Doe and Ga door count what the open cycle holds.
    Instrument(
        "plan",
        SUB_3A,
        _("Implementation plan"),
        "plans:plan",
        _has(plans.Activity, deleted_at__isnull=True, cycle__closed_at__isnull=True),
    ),
    Instrument(
        "monitoring",
        SUB_3B,
        _("Monitoring"),
        "plans:monitoring",
        lambda: Exists(
            plans.Measurement.objects.filter(cycle__trajectory=OuterRef("pk"), cycle__closed_at__isnull=True)
        ),
    ),
    Instrument(
        "evaluatie",
        SUB_4,
        _("Evaluation"),
        "plans:evaluation",
        lambda: Exists(
            plans.GoalEvaluation.objects.filter(cycle__trajectory=OuterRef("pk"), cycle__closed_at__isnull=True)
        ),
    ),
]


@dataclass
class InstrumentStatus:
    instrument: Instrument
    filled: bool
    url: str


def instrument_statuses(trajectory: Trajectory, subphase_slug: str | None = None) -> list[InstrumentStatus]:
    """The instruments (of one subphase, or all) with whether each is filled in: one query."""
    chosen = [i for i in INSTRUMENTS if subphase_slug in (None, i.subphase_slug)]
    if not chosen:
        return []
    flags = (
        Trajectory.objects.filter(pk=trajectory.pk)
        .annotate(**{f"has_{i.slug}": i.filled() for i in chosen})
        .values(*(f"has_{i.slug}" for i in chosen))
        .get()
    )
    return [InstrumentStatus(i, flags[f"has_{i.slug}"], i.url(trajectory.pk)) for i in chosen]
