"""The instruments the werkdocument knows, by the key the content uses for them.

The content decides in which subphase an instrument sits (`instrumenten:` of a subphase in
werkdocument.yaml); this registry says what each key is: its page, the part of the report
that shows it, and how far a trajectory has got with it ("2 of 24 rows"). A subphase's
progress counts an instrument like a question: worked on once it holds something. All of a
trajectory's instruments are counted in one query of subqueries.

Adding an instrument: its models and pages in an app below this one, an entry here, and its
key in the content's subphase.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from koers.catalog.models import Bottleneck, SituationRow, Subphase
from koers.instruments import models as m
from koers.plans import models as plans
from koers.surveys.models import Evidence
from koers.trajectories.models import Trajectory


class _Count(Subquery):
    """COUNT(*) of a subquery, so each instrument's amount is one column of one query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


# How many rows a trajectory has in an instrument; given the slug of the subphase the
# instrument sits in, for rows that record where they were made (a goal sharpened in 1C).
Amount = Callable[[str], Subquery]


def _rows(model, *where: Q, **filters) -> Amount:
    return lambda _slug: _Count(model.objects.filter(*where, trajectory=OuterRef("pk"), **filters).values("pk"))


def _in_open_cycle(model, **filters) -> Amount:
    # Doe and Ga door count what the open cycle holds.
    return lambda _slug: _Count(
        model.objects.filter(cycle__trajectory=OuterRef("pk"), cycle__closed_at__isnull=True, **filters).values("pk")
    )


def _all(qs: QuerySet) -> Callable[[], Subquery]:
    return lambda: _Count(qs.values("pk"))


@dataclass(frozen=True)
class Instrument:
    key: str
    title: Promise
    url_name: str | None  # its own page; None: a part of the subphase page itself
    section: str | None  # its part of the report (reports/sections/<section>.html), if any
    amount: Amount
    label: Promise  # ngettext on "n" (and "total" when there is one)
    total: Callable[[], Subquery] | None = None  # the most there can be, when the content fixes it
    counts: bool = True  # a step of the subphase; survey evidence is shown, not required

    def url(self, trajectory_id: int, subphase_slug: str) -> str:
        if self.url_name is None:
            return reverse("werkdocument:subphase", args=[trajectory_id, subphase_slug]) + f"#{self.key}"
        return reverse(self.url_name, args=[trajectory_id])


INSTRUMENTS = {
    i.key: i
    for i in [
        Instrument(
            "doelen",
            _("Goals (Bijlage 1)"),
            "instruments:goals",
            "goals",
            _rows(m.Goal),
            ngettext_lazy("%(n)s goal", "%(n)s goals", "n"),
        ),
        Instrument(
            "streefbeelden",
            _("Target pictures"),
            "instruments:streefbeelden",
            "streefbeelden",
            _rows(m.Streefbeeld),
            ngettext_lazy("%(n)s target picture", "%(n)s target pictures", "n"),
            counts=False,  # worked out alongside the goals, not a step of its own
        ),
        Instrument(
            "situatie",
            _("Situation map (Tables 6 and 7)"),
            "instruments:situation",
            "situation",
            _rows(m.SituationAssessment, ~Q(current="") | ~Q(desired="")),
            ngettext_lazy("%(n)s of %(total)s row", "%(n)s of %(total)s rows", "total"),
            _all(SituationRow.objects.all()),
        ),
        Instrument(
            "knelpunten",
            _("Checklist of bottlenecks"),
            "instruments:bottlenecks",
            "bottlenecks",
            _rows(m.BottleneckAssessment, occurs__isnull=False),
            ngettext_lazy("%(n)s of %(total)s bottleneck assessed", "%(n)s of %(total)s bottlenecks assessed", "total"),
            _all(Bottleneck.objects.all()),
        ),
        Instrument(
            "stakeholders",
            _("Stakeholders"),
            "instruments:stakeholders",
            "stakeholders",
            _rows(m.Stakeholder),
            ngettext_lazy("%(n)s stakeholder", "%(n)s stakeholders", "n"),
        ),
        Instrument(
            "enquetes",
            _("Survey results"),
            None,
            "surveys",
            _rows(Evidence, round__deleted_at__isnull=True),
            ngettext_lazy("%(n)s round attached", "%(n)s rounds attached", "n"),
            counts=False,
        ),
        Instrument(
            "aanscherpen",
            _("Sharpen the goals"),
            "instruments:sharpen",
            None,  # the report shows the goals as sharpened, under 1A
            lambda slug: _Count(
                m.Goal.objects.filter(trajectory=OuterRef("pk"), revisions__subphase_slug=slug).values("pk").distinct()
            ),
            ngettext_lazy("%(n)s goal sharpened", "%(n)s goals sharpened", "n"),
        ),
        Instrument(
            "samenhang",
            _("Coherence of the themes (Bijlage 2)"),
            "instruments:coherence",
            "coherence",
            _rows(m.CoherenceLink),
            ngettext_lazy("%(n)s link", "%(n)s links", "n"),
        ),
        Instrument(
            "aanknopingspunten",
            _("Levers (Figure 6)"),
            "instruments:levers",
            "levers",
            _rows(m.LeverChoice, impact__isnull=False, success__isnull=False),
            ngettext_lazy("%(n)s lever scored", "%(n)s levers scored", "n"),
        ),
        Instrument(
            "amo",
            _("AMO planner (Figure 8)"),
            "instruments:amo",
            "amo",
            _rows(m.AmoChain),
            ngettext_lazy("%(n)s chain", "%(n)s chains", "n"),
        ),
        Instrument(
            "plan",
            _("Implementation plan"),
            "plans:plan",
            "plan",
            _in_open_cycle(plans.Activity, deleted_at__isnull=True),
            ngettext_lazy("%(n)s activity", "%(n)s activities", "n"),
        ),
        Instrument(
            "monitoring",
            _("Monitoring"),
            "plans:monitoring",
            "monitoring",
            _in_open_cycle(plans.Measurement),
            ngettext_lazy("%(n)s measurement", "%(n)s measurements", "n"),
        ),
        Instrument(
            "evaluatie",
            _("Evaluation"),
            "plans:evaluation",
            "evaluation",
            _in_open_cycle(plans.GoalEvaluation),
            ngettext_lazy("%(n)s goal evaluated", "%(n)s goals evaluated", "n"),
        ),
    ]
}


@dataclass
class InstrumentStatus:
    instrument: Instrument
    amount: int
    total: int | None
    url: str

    @property
    def worked_on(self) -> bool:
        return self.amount > 0

    @property
    def complete(self) -> bool:
        return self.total is not None and self.amount >= self.total

    @property
    def summary(self) -> str:
        return self.instrument.label % {"n": self.amount, "total": self.total}


def instruments_in(subphase: Subphase) -> list[Instrument]:
    """The subphase's instruments in the content's order; a key the registry does not know is
    a content error, which tests/werkdocument/test_registry.py catches before it ships."""
    return [INSTRUMENTS[key] for key in subphase.instruments]


def instrument_statuses(trajectory: Trajectory, subphases: Sequence[Subphase]) -> dict[str, list[InstrumentStatus]]:
    """Per subphase slug, how far the trajectory is with each of its instruments: one query."""
    placed = {i.key: (i, sub.slug) for sub in subphases for i in instruments_in(sub)}
    if not placed:
        return {}
    columns = {f"n_{key}": i.amount(slug) for key, (i, slug) in placed.items()}
    columns |= {f"of_{key}": i.total() for key, (i, _slug) in placed.items() if i.total}
    row = Trajectory.objects.filter(pk=trajectory.pk).annotate(**columns).values(*columns).get()
    return {
        sub.slug: [
            InstrumentStatus(i, row[f"n_{i.key}"], row.get(f"of_{i.key}"), i.url(trajectory.pk, sub.slug))
            for i in instruments_in(sub)
        ]
        for sub in subphases
    }
